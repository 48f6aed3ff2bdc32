"""requirements.txt (pip/uv, CI) and environment.yml (Binder, conda-forge) pin the same versions."""
from __future__ import annotations

import yaml
from packaging.requirements import Requirement

from conftest import ROOT

RENAME = {}  # conda-forge name -> PyPI name, where they differ (none for this set)


def pins_from_requirements(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line:
            req = Requirement(line)
            spec = list(req.specifier)
            assert len(spec) == 1 and spec[0].operator == "==", f"not an exact pin: {line}"
            out[req.name.lower()] = spec[0].version
    return out


def pins_from_environment(doc: dict) -> dict:
    out = {}
    for dep in doc["dependencies"]:
        assert isinstance(dep, str), "no pip: section in environment.yml (see guide: it disables Binder's caching)"
        name, _, version = dep.partition("=")
        if name == "python":
            continue
        assert version and not version.startswith("="), f"not an exact pin: {dep}"
        out[RENAME.get(name, name).lower()] = version
    return out


def test_pins_agree():
    req = pins_from_requirements((ROOT / "requirements.txt").read_text())
    env = pins_from_environment(yaml.safe_load((ROOT / "environment.yml").read_text()))
    assert req == env


def test_python_and_key_majors():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    req = pins_from_requirements((ROOT / "requirements.txt").read_text())
    assert req["altair"].startswith("5.5"), "Altair 6 charts do not render offline in JupyterLab 4 / Voila"
    assert req["jupyterlab"].startswith("4.") and req["ipywidgets"].startswith("8.")


def test_the_sync_check_can_fail():
    req = pins_from_requirements("pandas==3.1.0\n")
    env = pins_from_environment({"dependencies": ["python=3.11", "pandas=3.1.1"]})
    assert req != env
