"""pkru.tables: the course's table display, and the HTML every other DataFrame of a notebook gets from
pkru.setup() (no empty header cell: axe's empty-table-header, a screen reader announcing unnamed columns)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from pkru import tables

EMPTY_TH = re.compile(r"<th[^>]*>\s*</th>")


def _frames():
    plain = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    filtered = plain[plain["a"] > 1]                                         # an index of kept row numbers
    pivot = pd.DataFrame({"year": [1990, 1990, 1991], "partner": ["RUS", "USA", "RUS"], "v": [1.0, 2.0, 3.0]}) \
        .pivot_table(index="year", columns="partner", values="v")           # named index, named columns
    grouped = pd.DataFrame({"s": ["cow", "cow", "wdi"], "p": ["a", "b", "a"], "y": [1, 2, 3]}) \
        .groupby(["s", "p"])["y"].agg(["min", "max", "count"])             # MultiIndex rows
    nested = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("value", "RUS"), ("value", "")]))
    clash = pd.DataFrame({"row": [5]}, index=pd.Index([7]))                 # a column already called "row"
    return {"plain": plain, "filtered": filtered, "pivot": pivot, "grouped": grouped, "nested": nested,
            "clash": clash}


@pytest.mark.parametrize("name", list(_frames()))
def test_every_header_cell_has_text(name):
    df = _frames()[name]
    pandas_html = df.to_html()
    ours = tables.frame_html(df)
    assert EMPTY_TH.search(pandas_html) or name == "clash", "the case must show the problem in pandas' own HTML"
    assert not EMPTY_TH.search(ours), ours


def test_labels_and_values_are_kept():
    html = tables.frame_html(_frames()["pivot"])
    for text in ("year", "RUS", "USA", "1990", "1991", "3.0"):
        assert f">{text}<" in html
    grouped = tables.frame_html(_frames()["grouped"])
    assert all(f">{t}<" in grouped for t in ("s", "p", "min", "max", "count", "cow", "wdi"))
    filtered = tables.frame_html(_frames()["filtered"])
    assert "<th>row</th>" in filtered and "<td>1</td>" in filtered            # the kept row's number
    clash = tables.frame_html(_frames()["clash"])
    assert "<th>row (row)</th>" in clash and "<th>row</th>" in clash


def test_long_frames_are_still_cut_like_pandas():
    html = tables.frame_html(pd.DataFrame({"a": range(500)}))
    assert html.count("<tr>") < 100 and "500 rows" in html


def test_install_display_outside_and_inside_ipython():
    from IPython.core.interactiveshell import InteractiveShell
    InteractiveShell.clear_instance()                                        # another test may have made one
    assert tables.install_display() is False                                 # plain Python: nothing to do
    shell = InteractiveShell.instance()
    try:
        assert tables.install_display() is True
        data, _ = shell.display_formatter.format(_frames()["pivot"])
        assert not EMPTY_TH.search(data["text/html"]) and ">year<" in data["text/html"]
    finally:
        InteractiveShell.clear_instance()
