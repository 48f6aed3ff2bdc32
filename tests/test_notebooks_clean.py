"""Committed notebooks carry no outputs, and cells that nbval cannot compare are tagged."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

FOLDERS = ["notebooks", "exercises", "solutions", "scripts/exercise_masters", "instructors"]


def test_no_outputs_committed():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "strip_outputs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_widget_cells_are_tagged_for_nbval():
    for folder in FOLDERS:
        for path in (ROOT / folder).glob("*.ipynb"):
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                src = "".join(cell["source"])
                if cell["cell_type"] == "code" and ("quiz.show(" in src or "explorer(" in src):
                    assert "nbval-ignore-output" in cell["metadata"].get("tags", []), f"{path.name}: {src[:60]}"


def test_every_notebook_starts_with_the_course_setup():
    for folder in FOLDERS:
        for path in (ROOT / folder).glob("*.ipynb"):
            code = [("".join(c["source"])) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                    if c["cell_type"] == "code"]
            assert "pkru.setup()" in code[0], f"{path}: the first code cell must call pkru.setup()"


def test_notebooks_are_in_jupyters_own_layout():
    """Byte for byte what Jupyter writes when it saves the notebook (scripts/strip_outputs.py notebook_text):
    otherwise a learner's first save rewrites every cell and nbgitpuller drops parts of course updates
    (tests/test_hub.py shows the merge)."""
    import nbformat

    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            text = path.read_text(encoding="utf-8")
            saved = nbformat.writes(nbformat.reads(text, nbformat.NO_CONVERT)) + "\n"
            assert saved == text, f"{path.relative_to(ROOT)}: not in Jupyter's layout; run python scripts/strip_outputs.py"
