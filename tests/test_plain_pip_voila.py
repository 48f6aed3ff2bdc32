"""The README's hub recipe, done with nothing but plain pip: a fresh `python -m venv`, then
`pip install -r requirements.txt <course folder>` (not editable, no uv, no scripts/course.py). In that
environment `voila notebooks/00_start_here.ipynb` must render the start notebook with the course's own
template: the package installs it into <venv>/share/jupyter/voila/templates/pkru (pyproject.toml), where
Voila looks, and voila.json selects it. Before, it answered `TemplateNotFound: index.html.j2`.

It needs the package registry (pip downloads the pins): where the registry cannot be reached the test is
skipped and says so, unless INSTALL_TESTS=required (CI), which turns that into a failure. PLAIN_PIP_TESTS=skip
skips it on purpose. Wall time: BENCHMARKS.md.
"""
from __future__ import annotations

import os
from html import unescape as html_unescape
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from servers import Proc, free_port, http_get, tail

START = "notebooks/00_start_here.ipynb"
INSTALL_TIMEOUT_S = 900
RENDER_TIMEOUT_S = 240


def _pin(name: str) -> str:
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.split("#")[0].strip().startswith(name + "=="):
            return line.split("#")[0].strip()
    raise AssertionError(f"{name} is not pinned in requirements.txt")


def _pip_env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "JUPYTER", "PYTHONHOME"))}
    env["PKRU_ALLOW_NETWORK"] = "1"  # the offline guard (tests/offline) must not stop pip reaching the registry
    env["PYTHONPATH"] = ""
    return env


def _registry_problem(py: Path, tmp: Path) -> str | None:
    """None when pip can download from the package registry, else why not (one quick try)."""
    proc = subprocess.run([py, "-m", "pip", "download", "-q", "--no-deps", "--timeout", "15", "--retries", "1",
                           "-d", tmp / "probe", _pin("voila")], env=_pip_env(tmp), capture_output=True,
                          text=True, timeout=120)
    if proc.returncode == 0:
        return None
    return (proc.stderr or proc.stdout).strip().splitlines()[-1] if (proc.stderr or proc.stdout).strip() else \
        f"pip download exited with {proc.returncode}"


def _template_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


OURS = ROOT / "share" / "jupyter" / "voila" / "templates" / "pkru"


def test_the_editable_install_has_the_template_too():
    """scripts/course.py installs pkru editable (uv pip install -e .): that install copies the template as well,
    so the course's .venv needs no copying step. Checked in the environment running the tests."""
    import pkru

    if not Path(pkru.__file__).resolve().is_relative_to(ROOT):
        pytest.skip(f"pkru is not installed editable from this folder here ({pkru.__file__})")
    installed = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "pkru"
    assert _template_files(installed) == _template_files(OURS), \
        f"{installed} differs from {OURS}: run python3 scripts/course.py setup"


@pytest.fixture(scope="module")
def plain_pip_venv(tmp_path_factory):
    if os.environ.get("PLAIN_PIP_TESTS") == "skip":
        pytest.skip("PLAIN_PIP_TESTS=skip")
    tmp = tmp_path_factory.mktemp("plainpip")
    venv = tmp / "venv"
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=300,
                   env=_pip_env(tmp))  # sys.executable is .venv's python: venv builds on its base Python
    py = venv / "bin" / "python"
    problem = _registry_problem(py, tmp)
    if problem:
        msg = f"the package registry cannot be reached, so a fresh environment cannot be installed: {problem}"
        if os.environ.get("INSTALL_TESTS") == "required":
            pytest.fail(msg + " (INSTALL_TESTS=required)")
        pytest.skip(msg)
    proc = subprocess.run([py, "-m", "pip", "install", "-q", "-r", ROOT / "requirements.txt", ROOT],
                          env=_pip_env(tmp), capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    assert proc.returncode == 0, f"pip install -r requirements.txt <course folder> failed:\n{proc.stderr[-3000:]}"
    print(f"[plain pip] venv + pip install: {time.monotonic() - t0:.0f} s")
    return venv


def test_the_package_installs_the_template_where_voila_looks(plain_pip_venv):
    installed = plain_pip_venv / "share" / "jupyter" / "voila" / "templates" / "pkru"
    assert _template_files(OURS), OURS
    assert _template_files(installed) == _template_files(OURS)
    # and it is not installed editable: pkru comes from the environment's site-packages
    out = subprocess.run([plain_pip_venv / "bin" / "python", "-c",
                          "import pkru, jupyter_core.paths as p; print(pkru.__file__); "
                          "print('\\n'.join(p.jupyter_path('voila', 'templates')))"],
                         cwd=plain_pip_venv, capture_output=True, text=True, timeout=60, check=True).stdout
    pkru_file, *template_dirs = out.split("\n")
    assert Path(pkru_file).is_relative_to(plain_pip_venv), pkru_file
    assert str(installed.parent) in template_dirs


def test_voila_renders_the_start_notebook(plain_pip_venv, tmp_path):
    import pkru

    events, sources = pkru.load("events"), pkru.load("sources")
    printed = (f"{len(events)} events from {events['date'].min()[:4]} to {events['date'].max()[:4]}, "
               f"citing {len(sources)} sources")  # what the setup cell prints
    title = pkru.manifest.entry("00").title

    port = free_port()
    env = _pip_env(tmp_path)
    # nothing but the fresh environment: no user-level Jupyter folders (they could hold another template copy)
    env.update(JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), PKRU_WORK=str(tmp_path / "work"),
               PYTHONPATH=str(ROOT / "tests" / "offline"), PKRU_ALLOW_NETWORK="0")
    voila = Proc("voila", [plain_pip_venv / "bin" / "voila", START, "--no-browser", "--Voila.ip=127.0.0.1",
                           f"--port={port}", "--show_tracebacks=True"], tmp_path / "voila.log", cwd=ROOT, env=env)
    try:
        m = voila.wait_for_log(r"Voil[aà] is running at:\s*(http://127\.0\.0\.1:\d+/)", timeout=60)
        t0 = time.monotonic()
        status, html = http_get(m.group(1), timeout=RENDER_TIMEOUT_S, watch=voila,
                                fail_on=r"TemplateNotFound|Traceback \(most recent call last\)")
        print(f"[plain pip] Voila rendered the start notebook in {time.monotonic() - t0:.1f} s")
        log = tail(voila.log, 60)
        assert "TemplateNotFound" not in html + log, log
        assert status == 200, f"HTTP {status}\n{html[-2000:]}\n{log}"
        assert title in html_unescape(html), f"the notebook's header ({title!r}) is not on the page"
        assert printed in html, f"the setup cell's output ({printed!r}) is not on the page: did the kernel run?"
        assert "There was an error when executing cell" not in html and "Traceback" not in html, html[-3000:]
        # the course template (not Voila's stock "lab" one, which links fonts from a CDN) rendered it
        assert "cdn.jsdelivr.net" not in html
    finally:
        voila.stop()
