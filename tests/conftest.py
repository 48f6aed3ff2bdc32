"""Shared fixtures. Tests run from any working directory; they find the course by its course.yml."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = ROOT.parent / "shared" / "sources"
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"
sys.path.insert(0, str(ROOT / "scripts"))

# Offline guard: this process and every kernel nbval starts refuse connections beyond this machine.
OFFLINE = ROOT / "tests" / "offline"
if str(OFFLINE) not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(OFFLINE), os.environ.get("PYTHONPATH")) if p)
sys.path.insert(0, str(OFFLINE))
import sitecustomize as _offline_guard  # noqa: E402,F401  (also guards this process)


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    """A throw-away copy of the course's data and manifest, selected with PKRU_ROOT, for bad-input tests."""
    dst = tmp_path / "course"
    (dst / "data").mkdir(parents=True)
    shutil.copy(ROOT / "course.yml", dst / "course.yml")
    for f in (ROOT / "data").iterdir():
        if f.is_file():
            shutil.copy(f, dst / "data" / f.name)
    shutil.copytree(ROOT / "data" / "quizzes", dst / "data" / "quizzes")
    monkeypatch.setenv("PKRU_ROOT", str(dst))
    return dst


def needs_shared_sources():
    return pytest.mark.skipif(not SHARED_SOURCES.is_dir(),
                              reason=f"raw sources not present at {SHARED_SOURCES} (normal on a learner's machine)")


def solution_namespace(stem: str) -> dict:
    """Run solutions/<stem>.ipynb's code cells in-process (from solutions/, as a kernel would) and
    return the resulting namespace: what the exercise checks are tested against."""
    import contextlib
    import io
    import json

    nb = json.loads((ROOT / "solutions" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    ns: dict = {}
    cwd = os.getcwd()
    os.chdir(ROOT / "solutions")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for c in nb["cells"]:
                if c["cell_type"] == "code":
                    src = "".join(c["source"]).replace("\n%", "\n#%")
                    exec(compile(src, f"solutions/{stem}.ipynb", "exec"), ns)
    finally:
        os.chdir(cwd)
    return ns
