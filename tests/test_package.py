"""The helper package: root lookup, widget logic, charts, indicators, progress and personal copies."""
from __future__ import annotations

import json

import ipywidgets as w
import pytest

import pkru
from pkru import charts, explore, indicators, progress
from pkru.lessons import nb00_start_here as lesson
from pkru.data import date_label, date_midpoint, events_for_plot, load, repo_root

from conftest import ROOT


def test_repo_root_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PKRU_ROOT", raising=False)
    for sub in ("notebooks", "exercises", "data/quizzes", "tests"):
        monkeypatch.chdir(ROOT / sub)
        assert repo_root() == ROOT
    monkeypatch.chdir(tmp_path)  # outside the course: falls back to the package's own folder
    assert repo_root() == ROOT


def test_partial_dates_are_plotted_mid_period_and_labelled_honestly():
    assert str(date_midpoint("1971", "year").date()) == "1971-07-01"
    assert str(date_midpoint("1965-04", "month").date()) == "1965-04-15"
    assert date_label("1965-04", "month") == "April 1965"
    assert date_label("1966-01-10", "day") == "10 January 1966"
    assert date_label("1971", "year") == "1971"


def test_filter_events_by_category_and_years():
    ev = events_for_plot()
    sel = lesson.filter_events(ev, ["security"], (2014, 2021))
    assert len(sel) > 0
    assert set(sel["category"]) == {"security"} and sel["year"].between(2014, 2021).all()
    assert len(lesson.filter_events(ev, [], (1948, 2025))) == 0
    everything = lesson.filter_events(ev, ev["category"].unique(), (1900, 2100))
    assert len(everything) == len(ev)
    assert len(lesson.filter_events(ev, ["diplomacy"], (2021, 1990))) == len(
        lesson.filter_events(ev, ["diplomacy"], (1990, 2021)))  # reversed range is accepted


def test_describe_selection():
    ev = events_for_plot()
    sel = lesson.filter_events(ev, ["culture"], (1940, 2030))
    text = lesson.describe_selection(sel, (1940, 2030))
    assert text.startswith(f"{len(sel)} events between 1940 and 2030") and "culture" in text
    assert "No events match" in lesson.describe_selection(sel.iloc[:0], (1950, 1951))


def test_explorer_rerenders_on_every_control_change():
    calls = []
    slider = w.IntSlider(value=3, min=0, max=10, description="n")
    toggle = w.ToggleButton(value=False, description="t")
    explore.explorer({"n": slider, "t": toggle}, lambda n, t: calls.append((n, t)) or f"{n}{t}")
    assert calls == [(3, False)]
    slider.value = 5
    toggle.value = True
    assert calls[-2:] == [(5, False), (5, True)]


def test_timeline_explorer_builds_with_labelled_keyboard_controls():
    box = lesson.explorer()
    assert "pkru-explorer" in box._dom_classes
    toggles = [c for c in box.children if isinstance(c, w.HBox)][0].children
    assert all(isinstance(t, w.ToggleButton) and t.description for t in toggles)
    slider = [c for c in box.children if isinstance(c, w.IntRangeSlider)][0]
    assert slider.description == "Years" and slider.value == (slider.min, slider.max)


def test_timeline_chart_spec_has_description_and_source_tooltip():
    spec = charts.timeline().to_dict()
    assert spec["description"].startswith("Timeline of")
    tips = [t["field"] for t in spec["encoding"]["tooltip"]]
    assert "source" in tips and "summary" in tips
    assert spec["$schema"].endswith("v5.20.1.json") or "/v5" in spec["$schema"]


def test_palette_is_the_colour_blind_safe_one():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert set(charts.CATEGORY_COLORS.values()) <= okabe_ito
    assert set(charts.COUNTRY_COLORS.values()) - {"#666666"} <= okabe_ito
    assert len(set(charts.CATEGORY_COLORS.values())) == len(charts.CATEGORY_COLORS)


def test_then_vs_now_values_are_computed_from_the_data():
    tvn = lesson.then_vs_now()
    assert len(tvn) == 8 and set(tvn["period"]) == {"Cold War", "Recent"}
    u = load("unga_agreement")
    direct = u[(u.country_a == "PAK") & (u.country_b == "RUS") & (u.issue == "all") & u.year.between(1980, 1989)]
    got = tvn[tvn.indicator.str.startswith("UN agreement") & (tvn.period == "Cold War")]["value"].iloc[0]
    assert got == round(100 * direct["agreement"].mean(), 1)
    assert 0 < indicators.arms_share(indicators.USSR_RUSSIA, (2010, 2019)) < 1
    assert indicators.trade_share("RUS", (1980, 1989)) < 0.05


def test_progress_is_saved_atomically_and_survives_corruption(tmp_path, monkeypatch):
    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    progress.record_quiz("00_start_here", "q00_1", False)
    progress.record_quiz("00_start_here", "q00_1", True)
    doc = progress.read_progress()
    assert doc["quizzes"]["00_start_here"]["q00_1"]["correct"] is True
    assert doc["quizzes"]["00_start_here"]["q00_1"]["first_try"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]  # no temp files left
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    with pytest.warns(UserWarning, match="moved to progress.json.corrupt-"):
        assert progress.read_progress() == {"quizzes": {}}
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("progress.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_text() == "{not json"
    progress.record_quiz("00_start_here", "q00_2", True)
    assert "q00_2" in progress.read_progress()["quizzes"]["00_start_here"]


def test_my_copy_never_overwrites_the_learners_work(tmp_path, monkeypatch):
    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    copy = progress.my_copy("00")
    assert copy == tmp_path / "00_start_here.ipynb"
    assert copy.read_bytes() == (ROOT / "exercises" / "00_start_here.ipynb").read_bytes()
    nb = json.loads(copy.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = ["my own notes"]
    copy.write_text(json.dumps(nb), encoding="utf-8")
    progress.my_copy("00")  # e.g. after a course update changed exercises/
    assert json.loads(copy.read_text(encoding="utf-8"))["cells"][0]["source"] == ["my own notes"]
    # a course update (git pull) never touches the learner's work folder: git does not track it
    assert "work/" in (ROOT / ".gitignore").read_text().splitlines()


def test_progress_summary_lists_ready_notebooks(tmp_path, monkeypatch):
    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    progress.record_quiz("00_start_here", "q00_1", True)
    rows = {r["notebook"]: r for r in progress.summary()}
    assert rows["00_start_here"]["answered"] == 1 and rows["00_start_here"]["status"] == "started"
    assert all(r["status"] == "to do" for k, r in rows.items() if k != "00_start_here")


def test_sources_table_renders_and_rejects_unknown_ids():
    html = pkru.show_sources(["unvotes_voeten"])._repr_html_()
    assert "Harvard Dataverse" in html or "dataverse" in html.lower()
    with pytest.raises(KeyError, match="no_such"):
        pkru.show_sources(["no_such"])
    assert len(pkru.show_sources(notebook="00").rows) > 10


def test_chart_renderer_emits_vegalite5_with_png_placeholder_for_voila():
    import altair as alt

    pkru.setup()
    assert alt.renderers.active == "pkru"
    bundle = alt.Chart(load("alliances")).mark_point().encode(x="year:Q", y="partner:N")._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(data) == {"application/vnd.vegalite.v5+json", "image/png", "text/plain"}
    assert data["image/png"] == charts.PLACEHOLDER_PNG  # constant: executed notebooks stay deterministic


def test_voila_uses_the_offline_template_that_ships_with_the_course():
    conf = json.loads((ROOT / "voila.json").read_text())
    name = conf["VoilaConfiguration"]["template"]
    tpl = ROOT / "share" / "jupyter" / "voila" / "templates" / name
    assert (tpl / "index.html.j2").is_file() and (tpl / "conf.json").is_file()
    for f in tpl.iterdir():
        text = f.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text.split("#}")[-1] and "https://" not in text.split("#}")[-1], f


def test_events_for_plot_accepts_an_empty_selection():
    empty = events_for_plot(load("events").iloc[:0])
    assert len(empty) == 0 and "when" in empty and "source" in empty


def test_explorer_writes_each_view_into_the_output_widget_state():
    """Never captured from a running cell (that can hang nbclient/Voila): written into Output.outputs."""
    slider = w.IntSlider(value=3, min=0, max=10, description="n")
    box = explore.explorer({"n": slider}, lambda n: f"value {n}")
    out = [c for c in box.children if isinstance(c, w.Output)][0]
    assert out.outputs[0]["data"]["text/plain"] == "'value 3'" and explore.shown_text(box) == "value 3"
    slider.value = 4
    assert len(out.outputs) == 1 and explore.shown_text(box) == "value 4"
    broken = explore.explorer({"n": w.IntSlider(value=1)}, lambda n: 1 / 0)
    assert "Could not draw this view: division by zero" in explore.shown_text(broken)
