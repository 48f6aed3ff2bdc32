"""Notebook 08 (great-power balancing): the comparison logic of pkru.lessons.nb08_balancing on the real tables, its charts
and widget, the exercise checks of pkru.checks.nb08, and the quiz."""
from __future__ import annotations

import json
import math

import pandas as pd

import pytest

import pkru
from pkru import indicators
from pkru.explore import shown_text
from pkru.lessons import nb08_balancing as balancing, nb06_multilateral as unvotes
from pkru.checks import nb08 as checks
from pkru.data import split_ids
from pkru.exercises import Result
from pkru.sources import ids_used_by

from conftest import SHARED_SOURCES, needs_shared_sources, solution_namespace


@pytest.fixture(scope="module")
def data():
    return balancing.load_data()


def _raw_share(data, recipient, suppliers, years):
    a = data["arms"]
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    return a.loc[a["supplier"].isin(suppliers), "tiv"].sum() / a["tiv"].sum()


# ------------------------------------------------------------------ one indicator, one relationship
def test_every_relationship_and_indicator_has_the_common_columns(data):
    for rel in balancing.RELATIONSHIPS:
        for ind in balancing.INDICATORS:
            s = balancing.indicator_series(rel, ind, data)
            assert list(s.columns) == balancing.COLUMNS
            if rel == "IND-RUS" and ind == "atop":
                assert s.empty  # not in the course's ATOP extract
                continue
            assert len(s) > (1 if ind in balancing.NEWER else 5) and s["value"].notna().all()
            assert (s["end"] >= s["start"]).all() and (s["relationship"] == rel).all()
            assert s["source"].nunique() == 1 and s["source"].iloc[0] == balancing.INDICATORS[ind]["source"]
            if ind != "atop":
                assert s["value"].between(0, 1).all()


def test_arms_series_matches_a_direct_sipri_calculation(data):
    s = balancing.arms_series(data["arms"], "PAK-CHN").set_index("start")
    assert s.loc[2015, "value"] == pytest.approx(_raw_share(data, "PAK", ["China"], (2015, 2019)))
    # USSR/Russia adds both SIPRI codes; 1990–94 holds both the Soviet and the Russian era
    ind = balancing.arms_series(data["arms"], "IND-RUS").set_index("start")
    assert ind.loc[1990, "value"] == pytest.approx(_raw_share(data, "IND", ["Soviet Union", "Russia"], (1990, 1994)))
    # the published SIPRI figure (March 2020: China 73% of Pakistan's 2015–19 imports) within 2 points
    assert abs(100 * s.loc[2015, "value"] - 73) < 2
    # the last period is incomplete and says so
    assert balancing.arms_series(data["arms"], "PAK-USA")["period"].iloc[-1] == "2020–21 (2 yrs)"


def test_un_series_averages_yearly_values_and_china_starts_in_1971(data):
    s = balancing.un_series(data["unga"], "PAK-USA").set_index("start")
    rows = unvotes.pair_rows(data["unga"], "PAK-USA").query("1980 <= year <= 1984")
    assert s.loc[1980, "value"] == pytest.approx(rows["agreement"].mean())
    chn = balancing.un_series(data["unga"], "PAK-CHN")
    assert chn["start"].min() == 1971 and chn["period"].iloc[0] == "1971–74"
    first = balancing.un_series(data["unga"], "PAK-RUS").iloc[0]
    assert (first["start"], first["period"]) == (1947, "1947–49")


def test_atop_series_counts_kinds_of_obligation(data):
    us = balancing.atop_series(data["alliances"], "PAK-USA").set_index("start")
    assert us.loc[1953, "value"] == 0 and us.loc[1954, "value"] == 3  # defence, non-aggression, consultation
    assert us.loc[1973, "value"] == 1 and us.loc[2009, "value"] == 2
    chn = balancing.atop_series(data["alliances"], "PAK-CHN")
    rus = balancing.atop_series(data["alliances"], "PAK-RUS")
    assert chn["value"].tolist() == rus["value"].tolist()  # identical years: multilateral agreements
    assert int(rus.loc[rus["value"] > 0, "start"].min()) == 2004


def test_bad_choices_are_refused(data):
    with pytest.raises(ValueError, match="Unknown relationship"):
        balancing.indicator_series("PAK-FRA", "un", data)
    with pytest.raises(ValueError, match="Unknown indicator"):
        balancing.indicator_series("PAK-USA", "trade", data)


# ------------------------------------------------------------------ the widget's logic
def test_summarise_uses_the_right_denominators(data):
    arms_ = balancing.summarise("PAK-RUS", "arms", (1950, 2021), data)
    assert arms_["value"] == pytest.approx(_raw_share(data, "PAK", ["Soviet Union", "Russia"], (1950, 2021)))
    un = balancing.summarise("PAK-USA", "un", (2010, 2019), data)
    assert un["value"] == pytest.approx(indicators.unga_mean("PAK-USA", (2010, 2019), unga=data["unga"]))
    atop = balancing.summarise("PAK-USA", "atop", (1950, 2018), data)
    assert atop["value"] == pytest.approx(65 / 69) and "first in 1954" in atop["text"]
    # years given backwards are fine; years outside the data give NaN with a reason
    assert balancing.summarise("PAK-USA", "un", (2019, 2010), data)["value"] == pytest.approx(un["value"])
    early = balancing.summarise("PAK-CHN", "un", (1950, 1960), data)
    assert math.isnan(early["value"]) and "1971" in early["text"]
    assert math.isnan(balancing.summarise("IND-RUS", "atop", (1950, 2018), data)["value"])


def test_describe_comparison_gives_the_gap_and_the_caveats(data):
    text = balancing.describe_comparison(balancing.compare("PAK-RUS", "IND-RUS", "arms", (1972, 2019), data))
    assert "India – USSR/Russia is higher by" in text and "times as high" in text
    level = balancing.describe_comparison(balancing.compare("PAK-RUS", "IND-RUS", "un", (1972, 2019), data))
    assert "1 percentage point" in level and "points." not in level.split("higher by")[-1]
    unequal = balancing.describe_comparison(balancing.compare("PAK-USA", "PAK-CHN", "un", (1950, 2019), data))
    assert "not like for like" in unequal
    missing = balancing.describe_comparison(balancing.compare("PAK-RUS", "IND-RUS", "atop", (1950, 2018), data))
    assert "missing data, not proof of no treaty" in missing
    same = balancing.describe_comparison(balancing.compare("PAK-USA", "PAK-USA", "un", (1950, 2019), data))
    assert "same relationship twice" in same
    treaties = balancing.describe_comparison(balancing.compare("PAK-USA", "PAK-CHN", "atop", (1950, 2018), data))
    assert "50 more of these years" in treaties


def test_comparison_frame_clips_to_the_years(data):
    f = balancing.comparison_frame("PAK-USA", "PAK-CHN", "arms", (1990, 2021), data)
    assert set(f["relationship"]) == {"PAK-USA", "PAK-CHN"}
    assert f["end"].min() >= 1990 and f["start"].max() <= 2021
    one = balancing.comparison_frame("PAK-USA", "PAK-USA", "un", (1950, 2019), data)
    assert one["relationship"].nunique() == 1 and not one.duplicated(["start"]).any()
    assert balancing.comparison_frame("IND-RUS", "IND-RUS", "atop", (1950, 2018), data).empty


def test_scorecard_cells(data):
    card = balancing.scorecard(data)
    assert len(card) == 4 * 3 * 8
    cell = card.set_index(["relationship", "indicator", "decade"])
    assert cell.loc[("PAK-CHN", "un", "1950s"), "label"] == "n/a"
    assert cell.loc[("IND-RUS", "atop", "2010s"), "label"] == "n/a"
    assert cell.loc[("PAK-USA", "atop", "1960s"), "value"] == 1.0
    assert cell.loc[("PAK-RUS", "atop", "2000s"), "value"] == pytest.approx(0.6)  # 2004–2009 of 2000–2009
    assert cell.loc[("IND-RUS", "arms", "1980s"), "value"] == pytest.approx(
        _raw_share(data, "IND", ["Soviet Union", "Russia"], (1980, 1989)))
    # Moscow's UN agreement with India and with Pakistan: within 3 points in every decade since the 1970s
    for d in ["1970s", "1980s", "1990s", "2000s", "2010s"]:
        assert abs(cell.loc[("IND-RUS", "un", d), "value"] - cell.loc[("PAK-RUS", "un", d), "value"]) < 0.03
    # Pakistan votes most with China in every decade with data
    for d in ["1970s", "1980s", "1990s", "2000s", "2010s"]:
        best = max(["PAK-USA", "PAK-CHN", "PAK-RUS"], key=lambda r: cell.loc[(r, "un", d), "value"])
        assert best == "PAK-CHN"


def test_yearly_agreement_and_last_year_ahead(data):
    y = balancing.yearly_agreement(data["unga"])
    assert list(y.columns) == ["PAK-USA", "PAK-CHN", "PAK-RUS", "IND-RUS"]
    assert y.loc[1965:1970, "PAK-CHN"].isna().all() and y.loc[1971:, "PAK-CHN"].notna().all()
    assert balancing.last_year_ahead(y, "PAK-USA", "PAK-RUS") == 1963
    assert balancing.last_year_ahead(y, "PAK-RUS", "PAK-CHN") == 1990
    assert balancing.last_year_ahead(y.assign(x=0.0), "x", "PAK-USA") is None


# ------------------------------------------------------------------ charts and widget
def test_charts_have_titles_descriptions_and_sources_in_tooltips(data):
    card = balancing.scorecard_chart(balancing.scorecard(data), title="T", subtitle="S", description="D").to_dict()
    assert card["title"]["text"] == "T" and card["description"] == "D"
    assert "Source" in json.dumps(card["spec"]["layer"][0]["encoding"]["tooltip"])
    frame = balancing.indicator_series("PAK-RUS", "arms", data)
    panel = balancing.panels_chart([{"frame": frame, "indicator": "arms",
                                     "marks": pkru.charts.pick_events({"ev1954_seato_manila_pact": "SEATO"})}],
                                   title="T", subtitle="S", description="D").to_dict()
    assert "vconcat" in panel and "SIPRI" in json.dumps(panel)
    comp = balancing.comparison_chart(frame, "arms", title="T", description="D").to_dict()
    assert "Information from the SIPRI Arms Transfers Database" in json.dumps(comp["title"])
    atop = balancing.comparison_chart(balancing.atop_series(data["alliances"], "PAK-USA"), "atop",
                                      title="T", description="D").to_dict()
    assert "step-after" in json.dumps(atop)


def test_explorer_renders_and_reacts(data, capsys):
    """The explorer writes each view into its Output widget's state; shown_text() reads it back."""
    box = balancing.balancing_explorer(data)
    controls = {c.description: c for c in box.children if hasattr(c, "description") and c.description}
    assert {"Relationship A", "Relationship B", "Indicator", "Years"} <= set(controls)
    first = shown_text(box)
    assert "India – USSR/Russia is higher by" in first and "Could not draw" not in first
    controls["Indicator"].value = "atop"
    shown = shown_text(box)
    assert "missing data, not proof of no treaty" in shown and "Could not draw" not in shown
    controls["Relationship B"].value = "PAK-USA"
    controls["Years"].value = (1990, 2021)
    shown = shown_text(box)
    assert "1990–2021" in shown and "Could not draw" not in shown


def test_sources_cited_in_the_text_are_listed():
    listed = set(ids_used_by("08"))
    known = set(pkru.load("sources")["source_id"])
    assert listed <= known and "deccan_chronicle_2026_chinese_arms_imports" in listed
    # every event the text relies on has its sources listed in the one sources cell
    ev = pkru.load("events").set_index("event_id")
    for e in balancing.CITED_EVENTS:
        assert set(split_ids(ev.loc[e, "source_ids"])) <= listed, e
    assert "seed_paper" in listed


# ------------------------------------------------------------------ exercise checks
def test_ex1_un_gap():
    gap = checks.un_gap_2010s()
    u = pkru.load("unga_agreement").query("country_a == 'PAK' and issue == 'all' and 2010 <= year <= 2019")
    assert gap == pytest.approx(100 * (u.query("country_b == 'CHN'")["agreement"].mean()
                                       - u.query("country_b == 'USA'")["agreement"].mean()))
    assert 55 < gap < 75
    assert checks.ex1(gap).ok and checks.ex1(round(gap, 1)).ok
    assert "percentage points" in checks.ex1(gap / 100).message
    assert "sign" in checks.ex1(-gap).message
    assert "years" in checks.ex1(checks.un_gap_2010s((2010, 2018))).message
    assert "USSR/Russia" in checks.ex1(100 * (u.query("country_b == 'CHN'")["agreement"].mean()
                                              - u.query("country_b == 'RUS'")["agreement"].mean())).message
    assert not checks.ex1(gap + 2).ok
    assert checks.ex1("62").status == "not_yet" and "expected" in checks.ex1("62").message
    assert checks.ex1(...).status == "blank"


def test_ex2_periods_ahead():
    n = checks.periods_russia_ahead()
    assert n == 3  # 1965–69, 2000–04, 2015–19
    assert checks.ex2(n).ok
    assert "Soviet Union" in checks.ex2(checks.periods_russia_ahead(("Russia",))).message
    assert "incomplete" in checks.ex2(checks.periods_russia_ahead(last_start=2020)).message
    assert not checks.ex2(14 - n).ok and not checks.ex2(0).ok
    assert checks.ex2(3.0).status == "not_yet"  # a whole number is expected
    assert checks.ex2("3").status == "not_yet"


def test_ex3_ratio():
    ratio = checks.india_pakistan_ratio()
    a = pkru.load("arms_imports").query("supplier == 'Russia' and 2015 <= year <= 2021")
    by = a.groupby("recipient")["tiv"].sum()
    assert ratio == pytest.approx(by["IND"] / by["PAK"]) and ratio > 10
    assert checks.ex3(ratio).ok and checks.ex3(round(ratio, 1)).ok
    assert "divided Pakistan by India" in checks.ex3(1 / ratio).message
    assert "years" in checks.ex3(checks.india_pakistan_ratio((2015, 2019))).message
    assert not checks.ex3(ratio * 1.5 + 1).ok
    assert checks.ex3([ratio]).status == "not_yet"
    assert checks.ex3(0).status == "not_yet"


def test_master_solutions_pass_their_checks():
    """Run the generated solution notebook's code and feed each answer to its check (as tests/test_exercises.py
    does for ready notebooks); a shifted value must be refused."""
    ns = solution_namespace("08_balancing")
    for fn, var in [("ex1", "un_gap"), ("ex2", "periods_ahead"), ("ex3", "ratio")]:
        good = getattr(checks, fn)(ns[var])
        assert isinstance(good, Result) and good.ok, f"{fn}: {good}"
        wrong = ns[var] + 1 if isinstance(ns[var], int) else ns[var] * 1.5 + 1
        assert getattr(checks, fn)(wrong).status == "not_yet"
        assert getattr(checks, fn)(object()).status == "not_yet"


# ------------------------------------------------------------------ quiz
def test_quiz_numbers_match_the_data(data):
    quiz = pkru.quiz.load_quiz("08")
    assert quiz["notebook"] == "08_balancing" and len(quiz["questions"]) >= 6
    card = balancing.scorecard(data).set_index(["relationship", "indicator", "decade"])["value"]
    later = ["1970s", "1980s", "1990s", "2000s", "2010s"]
    chn = [card[("PAK-CHN", "un", d)] for d in later]
    rus = [card[("PAK-RUS", "un", d)] for d in later]
    usa = [card[("PAK-USA", "un", d)] for d in later]
    assert 0.80 < min(chn) and max(chn) < 0.91            # "about 81% and 90%"
    assert 0.55 < min(rus) and max(rus) < 0.81            # "about 56–80%"
    assert 0.14 < min(usa) and max(usa) < 0.34            # "about 15–33%"
    ind = balancing.arms_series(data["arms"], "IND-RUS").set_index("start")["value"]
    pak = balancing.arms_series(data["arms"], "PAK-RUS")["value"]
    assert 0.64 < ind.loc[1965:2010].min() and ind.loc[1965:2010].max() < 0.76  # "about 65–75%"
    assert pak.max() < 0.155                                                     # "never more than about 15%"
    us = balancing.arms_series(data["arms"], "PAK-USA").set_index("start")["value"]
    assert us[1960] > 0.98 and us[1965] < 0.02 and 0.45 < us[1985] < 0.5 and us[2015] < 0.05


def test_charts_write_their_description_from_the_data(data):
    card = balancing.scorecard(data)
    text = balancing.scorecard_chart(card, title="T", subtitle="S").to_dict()["description"]
    usa = card[(card["relationship"] == "PAK-USA") & (card["indicator"] == "un")]
    low = usa.loc[usa["value"].idxmin()]
    assert text.startswith("Heat map in 3 panels") and f"Pakistan – United States from {low['label']} ({low['decade']})" in text
    assert "India – USSR/Russia no data" in text  # no ATOP rows for India in the course
    frame = balancing.arms_series(data["arms"], "PAK-RUS")
    peak = frame.loc[frame["value"].idxmax()]
    line = balancing.comparison_chart(frame, "arms", title="T").to_dict()["description"]
    assert f"highest {peak['value']:.0%} in {peak['period']}" in line
    marks = pkru.charts.pick_events({"ev1966_tashkent_declaration": "Tashkent"})
    panels = [{"frame": frame, "indicator": "arms", "marks": marks},
              {"frame": balancing.un_series(data["unga"], "PAK-RUS"), "indicator": "un"}]
    both = balancing.panels_chart(panels, title="T", subtitle="S").to_dict()["description"]
    assert both.startswith("2 panels on one time axis. Panel 1: Line chart") and "Panel 2: Line chart of UN" in both
    assert "Dashed line marks Tashkent (10 January 1966)." in both
    assert balancing.balancing_explorer is balancing.explorer


# ------------------------------------------------------------------ the newer data (issue 12): beside the older, never joined
def _share26(data, recipient, suppliers, years):
    a = data["arms26"]
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    return a.loc[a["supplier"].isin(suppliers), "tiv"].sum() / a["tiv"].sum()


def test_newer_series_are_their_own_indicators(data):
    arms26 = balancing.indicator_series("PAK-CHN", "arms_2026", data).set_index("start")
    assert arms26.index.min() == 1995 and arms26["period"].iloc[-1] == "2020–24"
    assert arms26.loc[2020, "value"] == pytest.approx(_share26(data, "PAK", ["China"], (2020, 2024)))
    assert (arms26["indicator"] == "arms_2026").all() and (arms26["source"] == balancing.ARMS_2026_SOURCE).all()
    un = balancing.indicator_series("PAK-RUS", "un_recorded", data)
    # the UN basis starts after the overlap year 2019, which stays with the roll calls: the segments never overlap
    assert un["start"].min() == balancing.RECORDED_FROM == 2020 > balancing.INDICATORS["un"]["last"]
    assert list(un["period"]) == ["2020–24", "2025"]
    assert un.iloc[0]["value"] == pytest.approx(indicators.unga_recorded_mean("PAK-RUS", (2020, 2024)))
    assert set(balancing.un_series(data["unga"], "PAK-RUS")["indicator"]) == {"un"}
    # a three-table dict (older callers) still works: the newer tables load from data/
    old = {k: data[k] for k in ("unga", "arms", "alliances")}
    assert balancing.summarise("PAK-RUS", "arms_2026", (2020, 2024), old)["value"] == pytest.approx(
        _share26(data, "PAK", ["Soviet Union", "Russia"], (2020, 2024)))


def test_scorecard_2020s_reads_the_newer_data(data):
    cell = balancing.scorecard(data).set_index(["relationship", "indicator", "decade"])
    assert cell.loc[("PAK-CHN", "arms", "2020s"), "value"] == pytest.approx(_share26(data, "PAK", ["China"], (2020, 2024)))
    assert cell.loc[("PAK-RUS", "un", "2020s"), "value"] == pytest.approx(
        indicators.unga_recorded_mean("PAK-RUS", (2020, 2025)))
    assert "recorded votes" in cell.loc[("PAK-RUS", "un", "2020s"), "detail"]
    assert cell.loc[("PAK-RUS", "un", "2020s"), "source"] == balancing.UN_RECORDED_SOURCE
    assert cell.loc[("PAK-USA", "atop", "2020s"), "label"] == "n/a"   # ATOP ends in 2018
    assert cell.loc[("PAK-RUS", "un", "2010s"), "source"] == balancing.UN_SOURCE


def test_panels_draw_the_newer_data_apart_with_a_marked_break(data):
    frame = pd.concat([balancing.indicator_series("PAK-RUS", k, data) for k in ("un", "un_recorded")])
    spec = balancing.panels_chart([{"frame": frame, "indicator": "un"}], title="T", subtitle="S").to_dict()
    layers = spec["vconcat"][0]["layer"]
    hollow = [l for l in layers if isinstance(l.get("mark"), dict) and l["mark"].get("filled") is False]
    assert len(hollow) == 1 and "new basis from 2020" in json.dumps(spec)
    assert "A dotted rule at 2020 marks the break" in spec["description"]
    assert "Beside it, separate lines (hollow points) of UN General Assembly: share of recorded votes" in spec["description"]
    # arms: the two vintages overlap in time, so no break is drawn
    arms_ = pd.concat([balancing.indicator_series("PAK-RUS", k, data) for k in ("arms", "arms_2026")])
    assert "new basis" not in json.dumps(balancing.panels_chart([{"frame": arms_, "indicator": "arms"}], title="T",
                                                                subtitle="S").to_dict())


def test_what_the_notebook_says_about_the_newer_data(data):
    """The sentences of notebook 08 (markdown, key points, quiz q08_10 and q08_11) that rest on the newer data."""
    pak = lambda s, y: _share26(data, "PAK", s, y)
    rus, chn = ["Soviet Union", "Russia"], ["China"]
    assert pak(rus, (2020, 2024)) < 0.02 < pak(rus, (2015, 2019))            # "fell, to under 2%"
    assert pak(rus, (2020, 2024)) < pak(rus, (2010, 2014))                   # "below its level of 2010–14"
    assert pak(chn, (2020, 2024)) > 0.8 > pak(chn, (2015, 2019)) > 0.7       # "more than four-fifths", "about 74%"
    assert 0.65 < _raw_share(data, "PAK", chn, (2015, 2019)) < 0.75          # "about seven in every ten" (2022)
    # China dipped in 1995–99, when Ukraine was the largest supplier ("never falls far" was overstated)
    a95 = data["arms"].query("recipient == 'PAK' and 1995 <= year <= 1999").groupby("supplier")["tiv"].sum()
    assert a95.idxmax() == "Ukraine" and _raw_share(data, "PAK", chn, (1995, 1999)) < 0.2
    # "the revision moves these shares by a point or two" (Pakistan's three suppliers)
    for rel in ("PAK-USA", "PAK-CHN", "PAK-RUS"):
        old = balancing.indicator_series(rel, "arms", data).set_index("start")["value"]
        new = balancing.indicator_series(rel, "arms_2026", data).set_index("start")["value"]
        both = [s for s in new.index if s in old.index and s <= 2015]
        assert max(abs(old[s] - new[s]) for s in both) < 0.025, rel
    ind = lambda s, y: _share26(data, "IND", s, y)
    assert 0.3 < ind(rus, (2020, 2024)) < 0.4                               # "about a third"
    assert 0.45 < ind(rus, (2020, 2024)) / ind(rus, (2010, 2014)) < 0.55    # "half its share of 2010–14"
    assert 0 < ind(rus, (2020, 2024)) - ind(["France"], (2020, 2024)) < 0.05  # "France close behind"
    for years in ((2010, 2014), (2015, 2019)):                              # "the US about a tenth from 2010"
        assert 0.08 < _raw_share(data, "IND", ["United States"], years) < 0.14
        assert 0.08 < ind(["United States"], years) < 0.14
    assert _raw_share(data, "IND", ["United States"], (1965, 2009)) < 0.02
    # "dozens of times more, in both SIPRI vintages"
    from pkru.lessons import nb05_security as arms_mod
    for table, years in ((data["arms"], (1992, 2021)), (data["arms26"], (1995, 2024))):
        assert arms_mod.supplier_tiv(table, "IND", "Russia", years) / arms_mod.supplier_tiv(table, "PAK", "Russia", years) > 24
    # UN, recorded votes 2020–2025: the same order every year; Pakistan a few points closer to Moscow than India
    rec = balancing.yearly_agreement(data["unga_recorded"])
    assert rec.index.min() == 2020 and ((rec["PAK-CHN"] > rec["PAK-RUS"]) & (rec["PAK-RUS"] > rec["PAK-USA"])).all()
    roll = balancing.yearly_agreement(data["unga"])
    assert rec.loc[2025, "PAK-USA"] < roll["PAK-USA"].min()                 # "its lowest on either basis"
    gap = rec["PAK-RUS"] - rec["IND-RUS"]
    assert 0.02 < gap.mean() < 0.06 and set(gap.nlargest(3).index) == {2022, 2023, 2024}
    assert round(100 * rec["PAK-RUS"].mean()) == 65 and round(100 * rec["IND-RUS"].mean()) == 61   # q08_11
    quiz = {q["id"]: q for q in pkru.quiz.load_quiz("08")["questions"]}
    assert "about 65% against 61%" in quiz["q08_11"]["answer"] and "under 2%" in quiz["q08_10"]["answer"]


@needs_shared_sources()
def test_newer_figures_recomputed_from_the_raw_files():
    """Russia's share of Pakistan's arms imports in 2020–24 from SIPRI's register rows (one per deal and year), and
    the 2020–2025 agreement of India and Pakistan with Russia from the UN's long vote file."""
    import csv
    from collections import defaultdict
    with (SHARED_SOURCES / "sipri_arms_transfers_register_2026" / "sipri_register_pakistan_deliveries_1995_2024.csv"
          ).open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if 2020 <= int(float(r["Delivery year"])) <= 2024]
    total = sum(float(r["TIV delivery values"] or 0) for r in rows)
    russia = sum(float(r["TIV delivery values"] or 0) for r in rows if r["Supplier"] == "Russia")
    data = balancing.load_data()
    assert russia / total == pytest.approx(_share26(data, "PAK", ["Soviet Union", "Russia"], (2020, 2024)), abs=1e-4)
    votes, years = defaultdict(dict), {}
    with (SHARED_SOURCES / "unga_un_dgacm_2019_2026" / "unga_recorded_votes_2019_2026_pak_rus_usa_chn_ind.csv"
          ).open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            votes[r["resolution"]][r["iso3c"]] = r["vote"]
            years[r["resolution"]] = int(r["year"])
    cast = ("yes", "no", "abstain")
    for a in ("PAK", "IND"):
        yearly = []
        for y in range(2020, 2026):
            both = [v for res, v in votes.items() if years[res] == y and v.get(a) in cast and v.get("RUS") in cast]
            yearly.append(sum(v[a] == v["RUS"] for v in both) / len(both))
        assert sum(yearly) / len(yearly) == pytest.approx(indicators.unga_recorded_mean(f"{a}-RUS", (2020, 2025)),
                                                          abs=1e-4)
