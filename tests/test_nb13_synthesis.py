"""Notebook 13 (synthesis and prospects): the signings list, the dashboard frames and charts, the phase scorecard,
the factor-weighting logic and its export, the scenarios and signposts, the exercise checks and the quiz."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

import pkru
from pkru import indicators
from pkru.explore import shown_text
from pkru import pooling
from pkru.lessons import nb05_security as arms, nb13_synthesis as sy, nb04_trade as trade, nb06_multilateral as unvotes, nb03_diplomacy as visits
from pkru.checks import nb13 as checks
from pkru.exercises import Result

from conftest import solution_namespace


@pytest.fixture(scope="module")
def data():
    return sy.load_all()


@pytest.fixture(scope="module")
def card(data):
    return sy.phase_scorecard(data)


def equal_weights(w=5):
    return {f: w for f in pooling.FACTORS}


# ------------------------------------------------------------------ signings
def test_signings_are_chronology_events_and_cover_every_signed_project_milestone(data):
    sig = sy.signings(data["events"], data["projects"])
    assert len(sig) == len(sy.SIGNINGS) and sig["when"].is_monotonic_increasing
    assert set(sig["kind"]) == set(sy.SIGNING_KINDS)
    pr = data["projects"]
    signed_events = set(pr.loc[(pr["status"] == "signed") & (pr["event_id"].fillna("") != ""), "event_id"])
    assert signed_events <= set(sig["event_id"])          # every signed project milestone is a signing occasion
    # events left out on purpose are really out: relations opened by notes, a pledge, a one-sided approval
    for eid in ["ev1948_relations_established", "ev1970_yahya_khan_moscow", "ev2022_russian_wheat_purchase",
                "ev2025_new_steel_mill_agreed", "ev1966_tashkent_declaration"]:
        assert eid not in set(sig["event_id"])
    # the project link and its status at the end of the record
    row = sig.set_index("event_id").loc["ev2015_north_south_pipeline_iga"]
    assert row["project"].startswith("North–South gas pipeline") and row["project_status_now"] == "stalled"
    crude = sig.set_index("event_id").loc["ev2023_first_russian_crude_order"]
    assert crude["project_status_now"].startswith("operating")
    assert (sig["source"].str.len() > 0).all()


def test_signings_per_decade_counts_and_1980s_are_empty(data):
    sig = sy.signings(data["events"], data["projects"])
    per = sy.signings_per_decade(sig)
    assert per["n"].sum() == len(sig)
    by = per.groupby("decade")["n"].sum()
    assert by[1980] == 0 and by[1960] == 5
    assert by[2010] == int(sig["year"].between(2010, 2019).sum())


# ------------------------------------------------------------------ dashboard
def test_dashboard_frames_reuse_the_factor_modules(data):
    f = sy.dashboard_frames(data)
    cow = trade.cow_partner("RUS", data["trade"])
    assert f["cow"]["total"].tolist() == cow["total"].tolist() and f["cow"]["year"].max() == 2014
    t = data["trade"]
    assert len(f["official"]) == int(((t["series"] == "official") & (t["flow"] == "total")).sum())
    assert set(f["official"]["basis"]) <= set(trade.BASIS.values())
    un = indicators.unga_mean("PAK-RUS", (1980, 1989), unga=data["unga"])
    assert f["un"].query("1980 <= year <= 1989")["pct"].mean() == pytest.approx(100 * un)
    old = f["arms"][f["arms"]["vintage"] == arms.VINTAGE_LABELS["2022"]].reset_index(drop=True)
    peak = old.loc[old["share_pct"].idxmax()]
    assert peak["period"] == "1965–69" and peak["complete"]
    assert not old["complete"].iloc[-1]                # 2020–21 is a partial period and says so
    new = f["arms"][f["arms"]["vintage"] == arms.VINTAGE_LABELS["2026"]]   # the 2026 register: its own bars
    assert new["period"].iloc[-1] == "2020–24" and new["complete"].iloc[-1]
    assert set(f["un"]["basis"]) == set(indicators.UNGA_BASES)       # two UN lines, never joined
    # visits: the stacked frames add up to the table, and the 1980s hold only Zia's two funeral trips
    assert f["visits"]["n"].sum() == len(data["visits"])
    eighties = f["visits"][f["visits"]["decade"] == 1980]
    assert eighties["n"].sum() == 2 and eighties["which"].str.count("Zia-ul-Haq").sum() == 2
    for key in ("visits", "signings"):
        fr = f[key]
        assert (fr["top"] - fr["y0"] == fr["n"]).all() and (fr["end"] > fr["start"]).all()
    for key, fr in f.items():
        assert "source" in fr and fr["source"].astype(str).str.len().gt(0).all(), key
        assert len(fr) < (400 if key == "power" else 200), key   # aggregated (power: six yearly lines)


def test_dashboard_chart_has_six_panels_tooltips_with_sources_and_phase_bands(data):
    f = sy.dashboard_frames(data)
    spec = sy.dashboard_chart(f, data["phases"], title="T", subtitle="S", description="D").to_dict()
    assert spec["title"]["text"] == "T" and spec["description"] == "D"
    assert len(spec["vconcat"]) == 6
    # the UN panel marks the break between the bases with a rule that explains it
    un_layers = spec["vconcat"][1]["layer"]
    rules = [lay for lay in un_layers if lay.get("mark", {}).get("type") == "rule"]
    assert len(rules) == 1 and "Break between bases" in json.dumps(rules[0])
    # without the power frame the chart still draws the five relationship panels
    five = {k: v for k, v in f.items() if k != "power"}
    assert len(sy.dashboard_chart(five, data["phases"], title="T", description="D").to_dict()["vconcat"]) == 5
    text = json.dumps(spec, ensure_ascii=False)
    assert text.count('"title": "Source"') >= 5 and "Why this phase (interpretation)" in text
    assert "Pakistani fiscal year (Jul–Jun)" in text and "COW, calendar year (importer-reported)" in text


# ------------------------------------------------------------------ scorecard
def test_scorecard_values_match_direct_calculations(data, card):
    assert len(card) == len(data["phases"]) * len(sy.INDICATORS)
    c = card.set_index(["phase_id", "indicator"])
    assert c.loc[("afghan_war", "un"), "value"] == pytest.approx(100 * indicators.unga_mean("PAK-RUS", unga=data["unga"], years=
                                                                                           (1979, 1989)))
    assert c.loc[("thaw_and_aid", "trade"), "value"] == pytest.approx(100 * indicators.trade_share("RUS", (1961, 1970)))
    a = data["arms"].query("recipient == 'PAK' and 1961 <= year <= 1970")
    assert c.loc[("thaw_and_aid", "arms"), "value"] == pytest.approx(
        100 * a.loc[a["supplier"].isin(arms.SOVIET_SUPPLIERS), "tiv"].sum() / a["tiv"].sum())
    # per ten years: visits of 1961–1970 (10 years) = their count
    assert c.loc[("thaw_and_aid", "visits"), "value"] == data["visits"]["year"].between(1961, 1970).sum()
    # COW ends in 2014: the last phase has no trade value and says why
    assert pd.isna(c.loc[("cooperation_after_2014", "trade"), "value"])
    assert "only 1 year" in c.loc[("cooperation_after_2014", "trade"), "coverage"]
    assert card["relative"].max() == pytest.approx(1.0) and (card["relative"].dropna() >= 0).all()


def test_scorecard_best_phases_are_the_ones_the_text_names(card):
    assert sy.best_phase(card, "un")["phase_id"] == "afghan_war"
    assert sy.best_phase(card, "arms")["phase_id"] == "thaw_and_aid"
    assert sy.best_phase(card, "trade")["phase_id"] == "thaw_and_aid"
    assert sy.best_phase(card, "signings")["phase_id"] == "cooperation_after_2014"
    assert sy.best_phase(card, "visits")["phase_id"] == "cooperation_after_2014"
    spec = sy.scorecard_chart(card, title="T", description="D").to_dict()
    assert spec["description"] == "D" and "Source" in json.dumps(spec["layer"][0]["encoding"]["tooltip"])
    assert "n/a" in set(card["text"])


def test_chart_descriptions_are_written_from_the_data(data, card):
    """Without a description, each chart describes what it draws: change the data, and the text changes."""
    f = sy.dashboard_frames(data)
    dash = sy.dashboard_chart(f, data["phases"], title="T").to_dict()["description"]
    cow = f["cow"].loc[f["cow"]["total"].idxmax()]
    assert f"peak of {cow['total']:,.0f} million in {int(cow['year'])}" in dash
    assert f"with {len(data['phases'])} shaded phases" in dash
    peak = f["arms"].loc[f["arms"]["share_pct"].idxmax()]
    assert f"highest in {peak['period']} at {peak['share_pct']:.1f}%" in dash
    sig = f["signings"].groupby("decade")["n"].sum()
    assert f"1960s {sig[1960]}" in dash and "none in the 1940s, 1980s." in dash
    later = {**f, "cow": f["cow"][f["cow"]["year"] > 2008]}
    assert sy.dashboard_chart(later, data["phases"], title="T").to_dict()["description"] != dash
    sc = sy.scorecard_chart(card, title="T").to_dict()["description"]
    un = sy.best_phase(card, "un")
    assert f"UN agreement (%): {un['phase_years']}, {un['text']}" in sc
    assert "Marked n/a: 8. Cooperation after 2014" in sc


def test_key_figures_match_the_numbers_in_the_text(data):
    f = sy.key_figures(data)
    assert (f["cow_peak_year"], f["cow_peak_value"]) == (2008, 660.0)
    assert f["cow_share_peak_pct"] < 4 and f["cow_share_peak_year"] == 1971   # "never passed 4%", "best year 1971"
    assert f["un_best_phase"] == "5. Afghanistan war" and round(f["un_best_value"]) == 79
    assert (f["arms_peak_period"], round(f["arms_peak_pct"])) == ("1965–69", 15)
    a26 = pkru.load("arms_imports_2026")
    assert indicators.arms_share("China", (2020, 2024), arms=a26) > 0.8  # "more than four-fifths ... 2020–24"
    assert f["top_gap_from"] == "Zia-ul-Haq (13 March 1985)" and f["top_gap_to"].startswith("Nawaz Sharif")  # text
    assert round(f["top_gap_years"]) == 14
    v = sy.signpost_values(data)
    a26 = pkru.load("arms_imports_2026")
    last = int(a26["year"].max())
    assert v["india_pakistan_ratio"] == pytest.approx(arms.supplier_tiv(a26, "IND", "Russia", (2015, last))
                                                      / arms.supplier_tiv(a26, "PAK", "Russia", (2015, last)))
    assert v["top_visits_since_2020"] == 2 and v["recent_delivered"] == 1 and v["recent_projects"] == 4
    table = sy.key_figures_table(f)
    assert len(table) >= 8 and table["value"].str.len().gt(0).all()


# ------------------------------------------------------------------ factor weighting
def test_rank_factors_orders_ties_and_shares():
    w = {"history": 6, "geostrategy": 8, "diplomacy": 5, "trade": 3, "security": 7, "multilateral": 6, "energy": 4,
         "balancing": 9, "culture": 1, "challenges": 0}
    r = sy.rank_factors(w)
    assert list(r["factor"][:3]) == ["balancing", "geostrategy", "security"]
    assert r.set_index("factor").loc["history", "rank"] == r.set_index("factor").loc["multilateral", "rank"] == 4
    assert r.set_index("factor").loc["diplomacy", "rank"] == 6          # after a tie, ranks skip
    assert r["share_pct"].sum() == pytest.approx(100)
    assert r.set_index("factor").loc["balancing", "share_pct"] == pytest.approx(100 * 9 / 49)
    assert list(r["factor"]).count("culture") == 1 and r["factor"].iloc[-1] == "challenges"
    ev = pkru.load("events")
    assert r.set_index("factor").loc["history", "events"] == int((ev["factor"] == "history").sum())
    assert set(r["factor"]) == set(pooling.FACTORS)


def test_rank_factors_refuses_bad_weights():
    with pytest.raises(ValueError, match="Unknown factor"):
        sy.rank_factors({**equal_weights(), "astrology": 3})
    with pytest.raises(ValueError, match="No weight for"):
        sy.rank_factors({"trade": 3})
    with pytest.raises(ValueError, match="from 0 to 10"):
        sy.rank_factors({**equal_weights(), "trade": 11})
    with pytest.raises(ValueError, match="from 0 to 10"):
        sy.rank_factors({**equal_weights(), "trade": "high"})
    with pytest.raises(TypeError):
        sy.rank_factors([5] * 10)


def test_describe_ranking_reads_ties_zeros_and_thin_evidence():
    assert "nothing is ranked" in sy.describe_ranking(sy.rank_factors(equal_weights(0)))
    assert "they tie" in sy.describe_ranking(sy.rank_factors(equal_weights(5)))
    text = sy.describe_ranking(sy.rank_factors({**equal_weights(2), "culture": 10, "trade": 9, "energy": 8,
                                                "diplomacy": 0}))
    assert text.startswith("Your weights put Culture (10), Trade (9), Energy (8)")
    assert "Evidence check" in text and "culture" in text and "2 dated events" in text
    assert "Weight 0 (no influence at all): Diplomacy" in text
    data_only = sy.describe_ranking(sy.rank_factors({**equal_weights(1), "trade": 9, "security": 8, "history": 7}))
    assert "Each of them rests on at least one public dataset" in data_only and "Evidence check" not in data_only


def test_weights_chart_ranks_and_colours_by_evidence():
    spec = sy.weights_chart(sy.rank_factors({**equal_weights(3), "security": 9})).to_dict()
    assert spec["encoding"]["y"]["sort"][0] == "1. Security"
    assert "Source" in json.dumps(spec["encoding"]["tooltip"]) and "Security 9" in spec["description"]


def test_export_message_writes_the_pooling_format(tmp_path):
    w = {**equal_weights(4), "balancing": 9.0}
    ok, msg = sy.export_message("  Amina K. ", w, folder=tmp_path)
    path = tmp_path / "weights_Amina_K.csv"
    assert ok and path.is_file() and str(path) in msg
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [r["factor"] for r in rows] == pooling.FACTORS and rows[0]["learner"] == "Amina K."
    pooled = pooling.read_class_folder(tmp_path)
    assert pooled.report[0]["status"] == "ok" and pooled.weights["weight"].max() == 9.0


@pytest.mark.parametrize("name", ["", "   ", None, 42])
def test_export_message_empty_name_is_a_message_not_a_traceback(tmp_path, name):
    ok, msg = sy.export_message(name, equal_weights(), folder=tmp_path)
    assert not ok and "Type your name" in msg and not list(tmp_path.iterdir())


def test_export_message_bad_name_or_weights(tmp_path):
    ok, msg = sy.export_message("***", equal_weights(), folder=tmp_path)
    assert not ok and "no letters or digits" in msg and not list(tmp_path.iterdir())
    ok, msg = sy.export_message("amina", {"trade": 3}, folder=tmp_path)
    assert not ok and "No weight for" in msg


def test_weighting_widget_renders_reacts_and_exports(tmp_path, monkeypatch, capsys):
    """The explorer writes each view into its Output widget's state; shown_text() reads it back."""
    import ipywidgets as w

    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    box = sy.explorer()
    grid = next(c for c in box.children if isinstance(c, w.GridBox))
    sliders = {s.description: s for s in grid.children}
    assert set(sliders) == set(sy.FACTOR_LABELS.values()) and all(s.value == 5 for s in sliders.values())
    assert "they tie" in shown_text(box)
    sliders["Culture"].value = 10
    shown = shown_text(box)
    assert "Culture (10)" in shown and "Evidence check" in shown and "Could not draw" not in shown
    export = box.children[-1]
    name, button = export.children[1].children
    status = export.children[2]
    button.click()
    assert "Type your name" in status.value
    name.value = "bilal"
    button.click()
    assert "Saved your weights" in status.value
    saved = list(csv.DictReader(io.StringIO((tmp_path / "export" / "weights_bilal.csv").read_text(encoding="utf-8"))))
    assert {r["factor"]: float(r["weight"]) for r in saved}["culture"] == 10.0


# ------------------------------------------------------------------ scenarios and signposts
def test_scenarios_are_complete_and_use_known_signposts():
    scenarios, labels = sy.scenarios(), sy.signpost_labels()
    assert 3 <= len(scenarios) <= 4
    for s in scenarios:
        assert s["signposts"] and set(s["signposts"]) <= set(labels)
        for key in ("storyline", "drivers", "falsified_if"):
            assert len(s[key]) > 40
    every = {k for s in scenarios for k in s["signposts"]}
    assert every == set(labels)                   # no signpost is left unwatched
    table = sy.scenario_table()
    assert list(table.columns) == ["scenario", "storyline", "drivers (assumed)", "signposts to watch", "falsified if"]
    assert sy.scenarios_for("un") == ["D · Cooling"]
    with pytest.raises(KeyError):
        sy.scenarios_for("weather")


def test_scenarios_and_signposts_come_from_data_and_keep_their_old_names():
    rows = pkru.load("scenarios")  # data/lessons/scenarios.csv and signposts.csv, validated against their schemas
    assert list(rows["scenario"]) == [s["scenario"] for s in sy.scenarios()]
    assert list(pkru.load("signposts")["signpost"]) == list(sy.signpost_labels())
    # saved copies of the notebook used the constants and the old widget name
    assert sy.SCENARIOS == sy.scenarios() and sy.SIGNPOSTS == sy.signpost_labels()
    assert sy.weighting_widget is sy.explorer
    with pytest.raises(AttributeError):
        sy.NO_SUCH_NAME


def _lessons_copy(course_copy):
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "data" / "lessons", course_copy / "data" / "lessons")
    return course_copy / "data" / "lessons"


def test_a_scenario_that_watches_an_unknown_signpost_is_named(course_copy):
    path = _lessons_copy(course_copy) / "scenarios.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("arms;india;signings", "arms;india;weather"),
                    encoding="utf-8")
    with pytest.raises(pkru.data.CourseDataError, match=r"scenarios\.csv, line 4, column 'signpost_ids'.*'weather'"):
        sy.scenario_table()


def test_a_signpost_without_a_computed_value_is_named(course_copy):
    path = _lessons_copy(course_copy) / "signposts.csv"
    path.write_text(path.read_text(encoding="utf-8") + "weather,Days of rain in Islamabad\n", encoding="utf-8")
    with pytest.raises(pkru.data.CourseDataError, match=r"signposts\.csv, line 9, column 'signpost'.*'weather'"):
        sy.signposts(sy.signpost_values())


def test_signposts_are_computed_from_the_data(data):
    v = sy.signpost_values(data)
    fy = trade.official(data["trade"]).query("flow == 'total' and period == 'pk_fiscal'").sort_values("year").iloc[-1]
    assert v["trade_fy"] == fy["value_usd_m"] and v["trade_fy_label"] == "FY2022-23"
    a26 = pkru.load("arms_imports_2026")
    assert v["arms_last_period"] == "2020–24" and v["arms_last_pct"] == pytest.approx(
        100 * indicators.arms_share("USSR/Russia", (2020, 2024), arms=a26), abs=0.05)
    assert v["arms_best_post1990_period"] == "2000–04" and v["arms_best_post1990_pct"] > v["arms_last_pct"]
    assert v["ukraine_abstentions"] == v["ukraine_votes"] == int(((lambda r: (r["emergency_session"] == 11) & (r["PAK"] == "abstain"))(pkru.load("unga_resolutions"))).sum()) == 6
    top = visits.filter_visits(data["visits"], "top")
    assert v["top_visits_since_2020"] == int((top["year"] >= 2020).sum())
    posts = sy.signposts(v)
    assert list(posts["signpost_id"]) == list(sy.signpost_labels())
    known = set(pkru.load("sources")["source_id"])
    for ids in posts["source_ids"]:
        assert ids and set(pkru.data.split_ids(ids)) <= known
    assert posts["watched_by"].str.len().gt(0).all()


def test_sources_cited_in_the_text_are_listed():
    from pkru.sources import ids_used_by
    used = ids_used_by("13")
    known = set(pkru.load("sources")["source_id"])
    assert set(used) <= known and len(used) == len(set(used))
    assert {s for v in sy.signposts()["source_ids"] for s in pkru.data.split_ids(v)} <= set(used)
    assert "seed_press_release" in used   # named in the notebook's text


# ------------------------------------------------------------------ exercise checks
def test_ex1_phase_average():
    good = checks.un_in_phase()
    assert checks.ex1(good).ok and checks.ex1(round(good, 1)).ok
    assert "percentage" in checks.ex1(good / 100).message
    assert "1980s decade" in checks.ex1(checks.un_in_phase(years=(1980, 1989))).message
    assert "issue == 'all'" in checks.ex1(checks.un_in_phase(issue=None)).message
    assert "United States" in checks.ex1(checks.un_in_phase(partner="USA")).message
    assert not checks.ex1(good + 1).ok and checks.ex1("78.8").status == "not_yet"


def test_ex2_arms_share():
    good = checks.arms_share()
    assert checks.ex2(good).ok and checks.ex2(round(good, 1)).ok
    assert "percentage" in checks.ex2(good / 100).message
    assert "averaged the yearly shares" in checks.ex2(checks.mean_of_yearly_shares()).message
    assert "India" in checks.ex2(checks.arms_share(recipient="IND")).message
    assert "Stop at 2019" in checks.ex2(checks.arms_share(years=(2015, 2021))).message
    assert not checks.ex2(good + 1).ok and checks.ex2([good]).status == "not_yet"


def test_ex3_most_disputed_factor():
    gaps = checks.disagreement()
    assert gaps.idxmax() == "energy" and (gaps == gaps.max()).sum() == 1   # the answer is unique
    assert checks.ex3("energy").ok and checks.ex3(" Energy ").ok
    assert "highest average" in checks.ex3("geostrategy").message
    assert "lowest average" in checks.ex3("culture").message
    assert "not one of the factor names" in checks.ex3("money").message
    assert not checks.ex3("energy (not this)").ok and checks.ex3(3).status == "not_yet"


def test_master_solutions_pass_their_checks():
    ns = solution_namespace("13_synthesis")
    for fn, var in [("ex1", "un_afghan_war"), ("ex2", "arms_share_2015_19"), ("ex3", "most_disputed")]:
        good = getattr(checks, fn)(ns[var])
        assert isinstance(good, Result) and good.ok, f"{fn}: {good}"
        wrong = ns[var] + " (not this)" if isinstance(ns[var], str) else ns[var] * 1.5 + 1
        assert getattr(checks, fn)(wrong).status == "not_yet"
        assert getattr(checks, fn)(object()).status == "not_yet"
        assert getattr(checks, fn)(...).status == "blank"


# ------------------------------------------------------------------ quiz
def test_quiz_numbers_match_the_data(data, card):
    quiz = pkru.quiz.load_quiz("13")
    assert quiz["notebook"] == "13_synthesis" and len(quiz["questions"]) >= 6
    q = {x["id"]: x for x in quiz["questions"]}
    assert sy.best_phase(card, "un")["phase_id"] == "afghan_war" and "Afghanistan war" in q["q13_2"]["answer"]
    sh = arms.supplier_shares(data["arms"], "PAK", 5)
    assert arms.peak_period(sh, arms.USSR_RUSSIA)["period"] == q["q13_3"]["answer"]
    v = sy.signpost_values(data)
    assert v["recent_delivered"] == 1 and v["recent_delivered_names"] == ["Russian crude oil purchases"]
    assert (pkru.load("events")["factor"] == "culture").sum() == 2          # "a couple of dated cultural events"
    by = visits.by_decade(data["visits"]).groupby("decade")["n"].sum()
    eighties = data["visits"][data["visits"]["date"].str[:3] == "198"]       # q13_8: Zia's two funeral trips
    assert list(eighties["visitor"]) == ["Zia-ul-Haq", "Zia-ul-Haq"] and set(eighties["occasion"]) == {"multilateral"}
    assert "Zia-ul-Haq" in q["q13_8"]["answer"] and by[1980] == 2
    assert v["ukraine_abstentions"] == 6 and "all six Ukraine resolutions" in q["q13_7"]["answer"]


# ------------------------------------------------------------------ figures typed in the prose (issue 15)
def _markdown() -> str:
    from conftest import ROOT

    book = json.loads((ROOT / "notebooks" / "13_synthesis.ipynb").read_text(encoding="utf-8"))
    return " ".join("\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "markdown").split())


def test_figures_typed_in_the_prose_match_the_data(data, card):
    """Notebook 13's typed words, tied to the tables (issue 15: R4's wrong and typed-figure rows)."""
    from pkru.lessons import nb07_energy as pj

    text = _markdown()
    c = card.set_index(["phase_id", "indicator"])
    # the Afghanistan war: zero signings, two visits (Zia's funeral trips), the best UN phase
    assert c.loc[("afghan_war", "signings"), "value"] == 0 and c.loc[("afghan_war", "visits"), "coverage"].startswith("2 in")
    war = data["visits"][data["visits"]["year"].between(1979, 1989)]
    assert list(war["visitor"]) == ["Zia-ul-Haq", "Zia-ul-Haq"] and set(war["occasion"]) == {"multilateral"}
    assert sy.best_phase(card, "un")["phase_id"] == "afghan_war"
    assert "scores zero on signings, low on visits (only Zia-ul-Haq's two funeral trips) and top on UN votes" in text
    assert "scores zero on visits" not in text
    # "gas was found four years after the oil credit, and the steel mill was completed fourteen years after its
    # agreement (it has stood idle since 2015)"
    pr = data["projects"]
    assert round(pj.years_between(pr, "ogdc_1961_soviet_loan", "ogdc_1965_sari_gas")) == 4
    assert round(pj.years_between(pr, "psm_1971_soviet_credit_agreement", "psm_1985_inauguration")) == 14
    assert pr.set_index("milestone_id").loc["psm_2015_idle", "date"].startswith("2015")
    assert "gas was found four years after the oil credit, and the steel mill was completed fourteen years" in text
    # "the chronology holds no dated visit or agreement between 1990 and 1998, although SIPRI records Russian
    # helicopters delivered to Pakistan from 1995"
    sig = sy.signings(data["events"], data["projects"])
    assert not data["visits"]["year"].between(1990, 1998).any() and not sig["year"].between(1990, 1998).any()
    rus = data["arms"].query("recipient == 'PAK' and supplier == 'Russia'")
    assert int(rus["year"].min()) == 1995
    assert "holds no dated visit or agreement between 1990 and 1998" in text
    # the signposts box: trade about a billion, arms share below its post-Soviet high, the series' ends
    v = sy.signpost_values(data)
    assert 850 <= v["trade_fy"] <= 1100 and v["trade_cal"] >= 1000 and v["arms_last_pct"] < v["arms_best_post1990_pct"]
    assert "official trade around a billion dollars, Russia's arms share below its post-Soviet high" in text
    off = data["trade"][data["trade"]["series"] == "official"]
    assert (int(off["year"].max()), int(data["arms26"]["year"].max()), int(data["unga_recorded"]["year"].max())) == (
        2023, 2024, 2025)
    assert "official trade in 2023, SIPRI's deliveries in 2024, the UN's recorded votes in 2025" in text
    # "Nine questions on the dashboard, the weights and the scenarios."
    n = len(pkru.quiz.load_quiz("13")["questions"])
    words = {9: "Nine", 10: "Ten", 11: "Eleven", 12: "Twelve"}
    assert f"{words[n]} questions on the dashboard" in text
    # CPEC: support in words, no participation
    assert "support in words, no participation" in text


def test_quiz_explanations_typed_figures_match_the_data(data, card):
    q = {x["id"]: x for x in pkru.quiz.load_quiz("13")["questions"]}
    # q13_2: "almost 79% in 1979–1989, more than in any other phase"
    un = card[card["indicator"] == "un"].set_index("phase_id")["value"]
    assert un.idxmax() == "afghan_war" and 78 < un["afghan_war"] < 79 and "more than in any other phase" in q["q13_2"][
        "explanation"]
    # q13_3: "About 15% ... 1965–69 ... Since 1992 Russia's best five-year share has been under 8% (2000–04), and
    # 2015–19 reached about 7%"
    sh = arms.supplier_shares(data["arms"], "PAK", 5)
    ru = sh[sh["supplier_group"] == arms.USSR_RUSSIA].set_index("period_start")["share_pct"]
    assert round(ru[1965]) == 15 and ru.loc[1995:2015].idxmax() == 2000 and ru[2000] < 8 and round(ru[2015]) == 7
    # ... and the 2026 register's revision of the same periods: "about 8.5% and 6.4%"
    sh26 = arms.supplier_shares(pkru.load("arms_imports_2026"), "PAK", 5)
    ru26 = sh26[sh26["supplier_group"] == arms.USSR_RUSSIA].set_index("period_start")["share_pct"]
    assert f"about {ru26[2000]:.1f}% and {ru26[2015]:.1f}%" in q["q13_3"]["explanation"]
    # q13_9: "Russia's share of Pakistan's imports stayed in single digits"
    assert ru.loc[2015:].max() < 10
    # q13_8: no Soviet or Russian head of state in Pakistan; Kosygin (premier) in 1968 and 1969
    vis = data["visits"]
    to_pak = vis[vis["from_country"] == "RUS"]
    assert not (to_pak["level"] == "head_of_state").any()
    kos = to_pak[to_pak["visitor"] == "Alexei Kosygin"]
    assert list(kos["year"]) == [1968, 1969] and set(kos["level"]) == {"head_of_government"}
    assert "No Soviet or Russian head of state has ever visited Pakistan; the Soviet premier Kosygin came in 1968 and 1969" \
        in q["q13_8"]["explanation"] and "No Soviet leader ever visited" not in q["q13_8"]["explanation"]
    # q13_4: the 2023 complaint is a newspaper's unnamed sources
    assert "voiced frustration" not in q["q13_4"]["explanation"]


# ------------------------------------------------------------------ the power panel (issue 12)
def test_power_panel_reaches_the_latest_years_and_never_splices_cow_and_sipri(data):
    p = sy.dashboard_frames(data)["power"]
    cap, sipri = data["capabilities"], data["milex_sipri"]
    last = p.groupby("series")["year"].max()
    gdp_last = int(cap.loc[(cap["indicator"] == "gdp") & cap["iso3"].isin(["PAK", "RUS"]), "year"].max())
    cow_last = int(cap.loc[(cap["indicator"] == "milex") & cap["iso3"].isin(["PAK", "RUS"]), "year"].max())
    sipri_last = int(sipri.loc[(sipri["measure"] == "current_usd") & sipri["iso3"].isin(["PAK", "RUS"]), "year"].max())
    assert (last[sy.POWER_SERIES["gdp"]], last[sy.POWER_SERIES["milex_cow"]], last[sy.POWER_SERIES["milex_sipri"]]) \
        == (gdp_last, cow_last, sipri_last) == (2025, 2022, 2024)
    # each (country, series) is one line with one value a year: COW's and SIPRI's spending are never merged
    assert not p.duplicated(["country", "series", "year"]).any()
    assert set(p["series"]) == set(sy.POWER_SERIES.values()) and set(p["country"]) == {"Pakistan", "USSR/Russia"}
    # values in billion current US$, from the tables
    v = p.set_index(["country", "series", "year"])["value"]
    assert v[("Pakistan", sy.POWER_SERIES["milex_sipri"], 2024)] == pytest.approx(
        sipri.query("iso3 == 'PAK' and measure == 'current_usd' and year == 2024")["value"].iloc[0] / 1000)
    assert v[("USSR/Russia", sy.POWER_SERIES["milex_cow"], 2022)] == pytest.approx(
        cap.query("iso3 == 'RUS' and indicator == 'milex' and year == 2022")["value"].iloc[0] / 1e6)
    assert v[("Pakistan", sy.POWER_SERIES["gdp"], 2025)] == pytest.approx(
        cap.query("iso3 == 'PAK' and indicator == 'gdp' and year == 2025")["value"].iloc[0] / 1e9)
    spec = sy.dashboard_chart(sy.dashboard_frames(data), data["phases"], title="T").to_dict()
    enc = spec["vconcat"][5]["layer"][-1]["encoding"]
    assert enc["detail"]["field"] == "line" and enc["strokeDash"]["field"] == "series"
    desc = spec["description"]
    assert desc.startswith("Six stacked panels") and "break between the two UN bases at the end of 2019" in desc
    assert f"military spending (SIPRI), 1951–{sipri_last}" in desc
    # the notebook's typed years
    text = _markdown()
    assert f"GDP (World Bank, to {gdp_last})" in text and f"from COW (to {cow_last}) and from SIPRI (to {sipri_last})" in text
    assert "Six panels share the same years" in text
    assert f"military spending (COW to {cow_last}, SIPRI to {sipri_last}, never joined)" in text   # the Evidence box


def test_key_figures_give_the_un_recorded_basis_its_own_row(data):
    f = sy.key_figures(data)
    rec = data["unga_recorded"]
    r = rec[(rec["country_a"] == "PAK") & (rec["country_b"] == "RUS") & rec["year"].between(2020, 2025)]
    assert f["un_recorded_2020_on"] == pytest.approx(100 * r["agreement"].mean()) and f["un_recorded_last_year"] == 2025
    t = sy.key_figures_table(f)
    assert "UN agreement 2020–2025 (recorded votes, another basis)" in set(t["figure"])
