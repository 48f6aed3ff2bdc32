"""Binder installs what CI tests: environment.yml gives Python and pip from conda-forge, then installs with
pip exactly the pins of requirements.txt (the file .venv, CI and the hub recipe install)."""
from __future__ import annotations

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement

from conftest import ROOT

CONDA_ONLY = ["python=3.11", "pip"]  # what conda-forge provides; everything else comes from PyPI
# repo2docker's is_local_pip_requirement: these make it rebuild the environment on every commit
LOCAL_PIP_FLAGS = ("-r", "--requirement", "-c", "--constraint", "-e", "--editable", ".", "/", "file:")


def pins_from_requirements(text: str, where: str = "requirements.txt") -> list[str]:
    """The requirement lines of a requirements file, in order, each checked to be an exact `name==version`."""
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.split("#")[0].strip()
        if line:
            out.append(_exact_pin(line, f"{where} line {n}"))
    return out


def _exact_pin(line: str, where: str) -> str:
    if line.startswith(LOCAL_PIP_FLAGS):
        raise AssertionError(f"{where}: {line!r} is a local reference, not a pin")
    try:
        req = Requirement(line)
    except InvalidRequirement as exc:
        raise AssertionError(f"{where}: {line!r} is not a requirement ({exc})") from None
    spec = list(req.specifier)
    assert len(spec) == 1 and spec[0].operator == "==" and not req.extras and not req.marker, \
        f"{where}: {line!r} is not an exact pin (name==version)"
    return f"{req.name.lower()}=={spec[0].version}"


def pins_from_environment(doc: dict) -> list[str]:
    """The pip: list of environment.yml, in order, after checking that conda provides Python and pip only."""
    deps = doc.get("dependencies") or []
    conda = [d for d in deps if isinstance(d, str)]
    pip_sections = [d for d in deps if isinstance(d, dict)]
    assert conda == CONDA_ONLY, ("environment.yml: conda must provide Python and pip only "
                                 f"({CONDA_ONLY}; the rest comes from PyPI, as in CI); it lists {conda}")
    assert len(pip_sections) == 1 and list(pip_sections[0]) == ["pip"], \
        "environment.yml: needs exactly one `- pip:` list with requirements.txt's pins"
    return [_exact_pin(str(line).strip(), f"environment.yml pip: item {i}")
            for i, line in enumerate(pip_sections[0]["pip"], start=1)]


def drift(req: list[str], env: list[str]) -> str:
    """'' when identical, else what differs, in words."""
    if req == env:
        return ""
    only_req = [p for p in req if p not in env]
    only_env = [p for p in env if p not in req]
    if not only_req and not only_env:
        return f"same pins, different order: requirements.txt {req}, environment.yml {env}"
    return f"only in requirements.txt: {only_req}; only in environment.yml: {only_env}"


def test_binder_installs_exactly_the_tested_pins():
    req = pins_from_requirements((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    env = pins_from_environment(yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8")))
    assert len(req) >= 5
    assert drift(req, env) == ""


def test_test_only_tools_stay_out_of_the_learners_pins():
    """requirements-dev.txt (pytest, the hub test's JupyterHub, ...) is CI-only: none of it reaches Binder."""
    req = {p.split("==")[0] for p in pins_from_requirements((ROOT / "requirements.txt").read_text())}
    dev = pins_from_requirements((ROOT / "requirements-dev.txt").read_text(), "requirements-dev.txt")
    assert {p.split("==")[0] for p in dev} & req == set()
    assert "jupyterhub" not in req and "pytest" not in req


def test_key_majors():
    req = dict(p.split("==") for p in pins_from_requirements((ROOT / "requirements.txt").read_text()))
    assert req["altair"].startswith("5.5"), "Altair 6 charts do not render offline in JupyterLab 4 / Voila"
    assert req["jupyterlab"].startswith("4.") and req["ipywidgets"].startswith("8.")


GOOD = {"dependencies": ["python=3.11", "pip", {"pip": ["pandas==3.1.1", "altair==5.5.0"]}]}


@pytest.mark.parametrize("doc, req_text, message", [
    (GOOD, "pandas==3.1.0\naltair==5.5.0\n", "only in requirements.txt: ['pandas==3.1.0']"),
    (GOOD, "pandas==3.1.1\naltair==5.5.0\nvoila==0.5.13\n", "only in requirements.txt: ['voila==0.5.13']"),
    (GOOD, "altair==5.5.0\npandas==3.1.1\n", "different order"),
])
def test_the_sync_check_fails_on_a_drift(doc, req_text, message):
    assert message in drift(pins_from_requirements(req_text), pins_from_environment(doc))


@pytest.mark.parametrize("doc, message", [
    ({"dependencies": ["python=3.11", "pip", "pandas=3.1.1", {"pip": ["altair==5.5.0"]}]}, "Python and pip only"),
    ({"dependencies": ["python=3.11", "pip", {"pip": ["-r requirements.txt"]}]}, "local reference"),
    ({"dependencies": ["python=3.11", "pip", {"pip": ["pandas>=3"]}]}, "not an exact pin"),
    ({"dependencies": ["python=3.11", "pip"]}, "exactly one `- pip:` list"),
])
def test_the_sync_check_rejects_a_bad_environment(doc, message):
    with pytest.raises(AssertionError, match=message.replace("`", ".").replace("(", r"\(")):
        pins_from_environment(doc)
