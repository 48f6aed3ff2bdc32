"""The kernel-free explorers of the reading edition: each lesson's reading_explorer().

For every lesson that has one: its inputs are bound (Vega-Lite parameters with an input, or the controls of a
ReadingViews), they start where the notebook's widget starts (read from the widget itself), and what it shows at
the start is what the widget shows at the start (computed from the widget's own functions, not typed here). In
the browser, tests/test_site.py checks that each reacts to the keyboard.
"""
from __future__ import annotations

import html
import importlib
import re

import pandas as pd
import pytest

import pkru
from pkru import manifest
from pkru.data import events_for_plot, load
from pkru.explore import ReadingViews, shown_text
from pkru.lessons import module_name

pkru.setup()
ENTRIES = manifest.entries(ready_only=True)
INPUTS = {"checkbox", "range", "select", "radio"}


def lesson(nb: str):
    return importlib.import_module(module_name(nb))


def params(spec: dict) -> dict:
    """Every parameter of a Vega-Lite spec (top level and in layers or concatenations), by name."""
    out = {}

    def walk(node):
        if isinstance(node, dict):
            for p in node.get("params", []) or []:
                out[p["name"]] = p
            for key in ("layer", "hconcat", "vconcat", "concat"):
                for sub in node.get(key, []) or []:
                    walk(sub)
            if isinstance(node.get("spec"), dict):
                walk(node["spec"])
    walk(spec)
    return out


def widget_start(mod):
    """The notebook's widget and the starting value of each of its controls."""
    box = mod.explorer()
    return {k: c.value for k, c in box.pkru_controls.items()}, box


@pytest.fixture(scope="module")
def live():
    return {e.id: lesson(e.id).reading_explorer() for e in ENTRIES if hasattr(lesson(e.id), "reading_explorer")}


def test_at_least_ten_notebooks_have_a_kernel_free_explorer(live):
    assert len(live) >= 10, f"only {sorted(live)}"
    for nb, rx in live.items():
        assert "reading_explorer" in lesson(nb).__all__, nb


def test_every_parameter_explorer_binds_its_parameters_to_inputs(live):
    for nb, rx in live.items():
        if isinstance(rx, ReadingViews):
            continue
        spec = rx.to_dict()
        ps = params(spec)
        bound = {n: p for n, p in ps.items() if "bind" in p}
        assert bound, f"{nb}: no parameter is bound to an input"
        for name, p in bound.items():
            assert p["bind"]["input"] in INPUTS, (nb, name)
            assert "value" in p, (nb, name)
            assert re.search(rf"\b{name}\b", str({k: v for k, v in spec.items() if k != "params"})), \
                f"{nb}: the parameter {name} is bound but nothing uses it"
        assert spec.get("description"), f"{nb}: no description for screen readers"


def _rows(df: pd.DataFrame, cols) -> list:
    return sorted(map(tuple, df[cols].round(6).astype(str).to_numpy().tolist()))


def test_00_timeline(live):
    mod = lesson("00")
    start, _ = widget_start(mod)
    p = params(live["00"].to_dict())
    cats, years = list(start["categories"]), tuple(start["years"])
    for c in cats:
        assert p[f"show_{c}"]["value"] is True and p[f"show_{c}"]["bind"]["input"] == "checkbox"
    assert (p["year_from"]["value"], p["year_to"]["value"]) == years
    assert p["year_from"]["bind"]["min"] == years[0] and p["year_to"]["bind"]["max"] == years[1]
    data = live["00"].data
    shown = data[data["category"].isin(cats) & pd.to_datetime(data["when"]).dt.year.between(*years)]
    assert sorted(shown["title"]) == sorted(mod.filter_events(events_for_plot(), cats, years)["title"])


def test_04_trade(live):
    mod = lesson("04")
    start, _ = widget_start(mod)
    p = params(live["04"].to_dict())
    for code in mod.PARTNERS:
        assert p[f"partner_{code}"]["value"] is (code in start["partners"])
    assert p["flow"]["value"] == start["flow"] and p["flow"]["bind"]["options"] == list(mod.FLOWS)
    assert p["measure"]["value"] == start["measure"] and p["measure"]["bind"]["input"] == "radio"
    assert (p["year_from"]["value"], p["year_to"]["value"]) == tuple(start["years"])
    d = live["04"].data
    lo, hi = start["years"]
    shown = d[(d["flow"] == start["flow"]) & d["partner"].isin(start["partners"]) & d["year"].between(lo, hi)]
    want = mod.partner_series(None, list(start["partners"]), start["flow"], start["measure"], start["years"])
    assert _rows(shown.rename(columns={"share": "value"}).round({"value": 4}), ["year", "partner", "value"]) == \
        _rows(want.round({"value": 4}), ["year", "partner", "value"])


def test_05_arms_shares(live):
    mod = lesson("05")
    start, _ = widget_start(mod)
    p = params(live["05"].to_dict())
    assert p["vintage"]["value"] == start["vintage"] and p["vintage"]["bind"]["options"] == list(mod.VINTAGE_LABELS)
    assert p["recipient"]["value"] == start["recipient"] and p["block"]["value"] == start["block"]
    assert p["combine"]["value"] is start["combine"] and p["combine"]["bind"]["input"] == "checkbox"
    d = live["05"].data
    shown = d[(d["v"] == start["vintage"]) & (d["r"] == start["recipient"]) & (d["b"] == start["block"])
              & (d["c"] == start["combine"])]
    table = load({"2022": "arms_imports", "2026": "arms_imports_2026"}[start["vintage"]])
    widget_chart = mod.explorer_view(table, start["recipient"], start["block"], start["combine"])[1]
    want = widget_chart.data
    assert _rows(shown, ["period_start", "supplier_group", "share"]) == \
        _rows(want[want["tiv"] > 0].round({"share": 4}), ["period_start", "supplier_group", "share"])


def test_06_un_agreement(live):
    mod = lesson("06")
    start, _ = widget_start(mod)
    p = params(live["06"].to_dict())
    assert p["pair"]["value"] == start["pair"] and p["pair"]["bind"]["options"] == list(mod.PAIRS)
    assert p["window"]["value"] == start["window"] and p["window"]["bind"]["input"] == "range"
    assert start["issue"] == "all"   # the page's explorer stays on all roll calls, as the widget starts
    d = live["06"].data
    shown = d[d["pair"] == start["pair"]]
    want = mod.agreement_series(load("unga_agreement"), start["pair"], "all", start["window"]).dropna(
        subset=["agreement"])
    assert shown[f"s{start['window']}"].round(4).tolist() == want["smoothed"].round(4).tolist()


def test_08_balancing(live):
    mod = lesson("08")
    start, _ = widget_start(mod)
    p = params(live["08"].to_dict())
    for k in ("rel_a", "rel_b", "indicator"):
        assert p[k]["value"] == start[k] and p[k]["bind"]["input"] == "select", k
    assert (p["year_from"]["value"], p["year_to"]["value"]) == tuple(start["years"])
    d = live["08"].data
    lo, hi = start["years"]
    shown = d[d["relationship"].isin([start["rel_a"], start["rel_b"]]) & (d["indicator"] == start["indicator"])
              & (d["end"] >= lo) & (d["start"] <= hi)]
    want = mod.comparison_frame(start["rel_a"], start["rel_b"], start["indicator"], start["years"], mod.load_data())
    assert _rows(shown, ["relationship", "start", "value"]) == _rows(want.round({"value": 4}),
                                                                     ["relationship", "start", "value"])


@pytest.mark.parametrize("nb,keys", [("10", lambda m: list(m.obstacles())), ("13", lambda m: list(m.FACTORS))])
def test_weight_sliders(live, nb, keys):
    mod = lesson(nb)
    start, _ = widget_start(mod)
    p = params(live[nb].to_dict())
    for k in keys(mod):
        assert p[f"w_{k}"]["value"] == start[k] and p[f"w_{k}"]["bind"]["input"] == "range", k
        assert (p[f"w_{k}"]["bind"]["min"], p[f"w_{k}"]["bind"]["max"]) == (0, 10)
    key = "obstacle" if nb == "10" else "factor"
    assert list(live[nb].data[key]) == keys(mod)


@pytest.mark.parametrize("nb", ["01", "12", "14"])
def test_view_explorers_start_as_the_widget_and_show_its_view(live, nb):
    rx = live[nb]
    assert isinstance(rx, ReadingViews)
    mod = lesson(nb)
    start, box = widget_start(mod)
    for c in rx.controls:
        widget = box.pkru_controls[c["name"]]
        assert c["value"] == start[c["name"]], c["name"]
        if c["kind"] != "checkbox":
            assert [v for v, _ in c["options"]] == [v for _, v in widget.options], c["name"]
    # every combination of the controls has a view
    sizes = [2 if c["kind"] == "checkbox" else len(c["options"]) + (c["value"] is None) for c in rx.controls]
    n = 1
    for s in sizes:
        n *= s
    assert len(rx.views) == n
    shown = html.unescape(shown_text(box))
    for piece in rx.default_view():
        if isinstance(piece, str):
            assert html.unescape(piece) in shown, f"{nb}: the page's starting view differs from the widget's"
