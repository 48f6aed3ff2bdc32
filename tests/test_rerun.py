"""Re-run safety: every ready notebook runs top to bottom twice in the same kernel without an error, and
re-running a section does not duplicate or corrupt state (tables keep their length, ids stay unique)."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from pkru import manifest

from conftest import ROOT

READY = manifest.entries(ROOT, ready_only=True)
PROBE = """
import pandas as _pd
_frames = {k: (len(v), v.shape[1]) for k, v in list(globals().items())
           if isinstance(v, _pd.DataFrame) and not k.startswith("_")}
_frames
"""


def _errors(nb):
    return [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("e", READY, ids=lambda e: e.stem)
def test_notebook_runs_twice_in_one_kernel(e):
    nb = nbformat.read(ROOT / e.notebook, as_version=4)
    probe = nbformat.v4.new_code_cell(PROBE)
    nb.cells.append(probe)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
        first = nb.cells[-1].outputs[0]["data"]["text/plain"]
        assert not _errors(nb), _errors(nb)
        for i, cell in enumerate(nb.cells):  # "Run All" again in the same kernel
            cell.outputs = []
            client.execute_cell(cell, i)
        assert not _errors(nb), f"second run failed: {_errors(nb)}"
        second = nb.cells[-1].outputs[0]["data"]["text/plain"]
    assert first == second, "re-running changed the notebook's tables (duplicated or lost rows?)"
