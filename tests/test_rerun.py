"""Re-run safety and accessibility of every ready notebook, executed in one kernel:

1. top to bottom, then "Run All" again in the same kernel, then every cell run twice in a row (what a learner
   does when unsure) — no error, and the notebook's tables keep their shape (nothing duplicated or lost);
2. every chart carries a text description for screen readers and a tooltip;
3. every control of every widget the notebook shows has a visible label (keyboard users tab to labelled controls).
"""
from __future__ import annotations

import json

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
VEGALITE = "application/vnd.vegalite.v5+json"
# control models that a learner operates; each needs a label (its description)
CONTROLS = {"IntSliderModel", "FloatSliderModel", "IntRangeSliderModel", "FloatRangeSliderModel",
            "SelectionSliderModel", "DropdownModel", "RadioButtonsModel", "ToggleButtonModel", "CheckboxModel",
            "SelectModel", "SelectMultipleModel", "TextModel", "ButtonModel", "ToggleButtonsModel"}


def _errors(nb):
    return [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def _probe(nb):
    return nb.cells[-1].outputs[0]["data"]["text/plain"]


def _charts(nb):
    for c in nb.cells:
        for o in c.get("outputs", []):
            if VEGALITE in o.get("data", {}):
                yield o["data"][VEGALITE]


def _has_tooltip(spec) -> bool:
    text = json.dumps(spec)
    return '"tooltip"' in text


@pytest.mark.parametrize("e", READY, ids=lambda e: e.stem)
def test_notebook_reruns_safely_and_is_accessible(e):
    nb = nbformat.read(ROOT / e.notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
        assert not _errors(nb), _errors(nb)
        first = _probe(nb)
        charts = list(_charts(nb))
        for i, cell in enumerate(nb.cells):  # "Run All" again in the same kernel
            cell.outputs = []
            client.execute_cell(cell, i)
        assert not _errors(nb), f"second run failed: {_errors(nb)}"
        assert _probe(nb) == first, "re-running changed the notebook's tables (duplicated or lost rows?)"
        for i, cell in enumerate(nb.cells):  # each cell twice in a row
            for _ in range(2):
                cell.outputs = []
                client.execute_cell(cell, i)
        assert not _errors(nb), f"running cells twice failed: {_errors(nb)}"
        assert _probe(nb) == first, "running a cell twice changed the notebook's tables"
        client.set_widgets_metadata()

    assert charts, f"{e.notebook} shows no chart"
    for spec in charts:
        assert str(spec.get("description", "")).strip(), f"{e.notebook}: a chart has no description: {spec.get('title')}"
        assert _has_tooltip(spec), f"{e.notebook}: a chart has no tooltip: {spec.get('title')}"
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    unlabelled = [m["state"].get("_model_name") for m in state.values()
                  if m["state"].get("_model_name") in CONTROLS
                  and not str(m["state"].get("description", "")).strip()
                  and not m["state"].get("tooltip")]
    assert not unlabelled, f"{e.notebook}: controls without a label or tooltip: {unlabelled}"
