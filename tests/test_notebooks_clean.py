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
