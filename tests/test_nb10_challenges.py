"""Notebook 10 (challenges): the evidence base of pkru.lessons.nb10_challenges on the real tables, the signed-vs-delivered and
India-factor logic, the charts, the obstacle ranker (widget logic), the exercise checks and the quiz."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import pkru
from pkru.explore import shown_text
from pkru.lessons import nb10_challenges as ch
from pkru.lessons import nb07_energy as pj
from pkru.checks import nb10 as checks
from pkru.exercises import Result

from conftest import solution_namespace

PIPE = "North–South gas pipeline (Pakistan Stream)"
CRUDE = "Russian crude oil purchases"


@pytest.fixture(scope="module")
def projects():
    return pj.load_projects()


@pytest.fixture(scope="module")
def inds():
    return ch.indicators()


@pytest.fixture(scope="module")
def items(projects):
    return ch.evidence_items(pkru.load("events"), projects)


@pytest.fixture(scope="module")
def counts(items, inds):
    return ch.evidence_counts(items, inds)


def _value(inds, obstacle, startswith):
    row = inds[(inds["obstacle"] == obstacle) & inds["indicator"].str.startswith(startswith)]
    assert len(row) == 1, startswith
    return row.iloc[0]


# ------------------------------------------------------------------ the obstacles and their evidence
def test_every_obstacle_points_at_real_rows_and_is_complete():
    ev = set(pkru.load("events")["event_id"])
    ms = set(pkru.load("projects")["milestone_id"])
    obstacles, order = ch.obstacles(), ch.obstacle_order()
    assert list(obstacles) == order and len(order) == 6
    for key, ob in obstacles.items():
        assert {"label", "short", "claim", "basis", "events", "milestones", "test"} <= set(ob), key
        assert ob["basis"] in ch.BASIS_LABELS
        assert set(ob["events"]) <= ev, key
        assert set(ob["milestones"]) <= ms, key
        assert ob["events"] or ob["milestones"]
    # only sanctions is named by the sources; domestic politics and trust are inferred
    assert [k for k, o in obstacles.items() if o["basis"] == "named"] == ["sanctions"]
    assert {k for k, o in obstacles.items() if o["basis"] == "inferred"} == {"domestic", "trust"}
    with pytest.raises(ValueError):
        ch.label("weather")


def test_the_obstacles_come_from_data_and_keep_their_old_names():
    rows = pkru.load("obstacles")  # data/lessons/obstacles.csv, validated against its schema
    assert list(rows["obstacle"]) == ch.obstacle_order()
    assert ch.obstacles()["india"]["events"] == pkru.data.split_ids(rows.set_index("obstacle").loc["india", "event_ids"])
    with pytest.raises(AttributeError):
        ch.NO_SUCH_NAME
    # saved copies of the notebook used the constants and the old name of the widget
    assert (ch.OBSTACLES, ch.ORDER, ch.obstacle_ranker) == (ch.obstacles(), ch.obstacle_order(), ch.explorer)


def test_an_unknown_event_in_the_obstacles_file_is_named(course_copy):
    from conftest import ROOT

    lessons = shutil.copytree(ROOT / "data" / "lessons", course_copy / "data" / "lessons")  # not in course_copy
    path = lessons / "obstacles.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ev1966_tashkent_declaration", "ev1966_no_such_event"),
                    encoding="utf-8")
    with pytest.raises(pkru.data.CourseDataError, match=r"obstacles\.csv, line 5, column 'event_ids'.*ev1966_no_such"):
        ch.evidence_items()


def test_indicators_match_direct_calculations(inds):
    known = set(pkru.load("sources")["source_id"])
    assert set(inds["obstacle"]) == set(ch.obstacle_order())
    for ids in inds["source_ids"]:
        assert ids and set(pkru.data.split_ids(ids)) <= known
    a = pkru.load("arms_imports_2026")   # the arms figures read SIPRI's 2026 register (issue 12)
    share = {}
    for years, label in (((1995, 2024), "1995–2024"), ((2020, 2024), "2020–24")):
        span = a[a["year"].between(*years)]
        for country in ("IND", "PAK"):
            mine = span[span["recipient"] == country]
            share[country, label] = 100 * mine.loc[mine["supplier"].isin(["Soviet Union", "Russia"]), "tiv"].sum() \
                / mine["tiv"].sum()
        row = _value(inds, "india", f"Russia's share of India's and of Pakistan's arms imports, {label}")
        assert row["value"] == pytest.approx(share["IND", label])
        assert row["display"] == f"India {share['IND', label]:.0f}%, Pakistan {share['PAK', label]:.1f}%"
    assert share["IND", "1995–2024"] > 60 and share["PAK", "1995–2024"] < 5
    # the newer data change the picture: Russia about a third of India's imports in 2020–24, under 2% of Pakistan's
    assert 30 < share["IND", "2020–24"] < 40 and share["PAK", "2020–24"] < 2
    ratio = _value(inds, "india", "Russia's deliveries")["value"]
    by = a[a["supplier"] == "Russia"].groupby("recipient")["tiv"].sum()
    assert ratio == pytest.approx(by["IND"] / by["PAK"]) and 40 < ratio < 70
    # UN votes: India and Pakistan agree with Russia almost equally on the roll calls (the India factor is not in the
    # votes); on the UN's recorded votes of 2020–2025 Pakistan is a few points closer (a different basis)
    un = _value(inds, "india", "UN General Assembly")
    assert abs(un["value"]) < 2 and "roll calls" in un["display"] and "UN recorded votes" in un["display"]
    gap = 100 * (pkru.indicators.unga_recorded_mean("PAK-RUS", (2020, 2025))
                 - pkru.indicators.unga_recorded_mean("IND-RUS", (2020, 2025)))
    assert 2 < gap < 6
    # trade: under 1% of Pakistan's trade; FY2022-23 imports about 11 times exports
    assert _value(inds, "economy", "Russia's share")["value"] < 1
    assert _value(inds, "economy", "Pakistan's imports")["value"] == pytest.approx(846 / 74)
    # trust: no Russian head of state in the visits table; the 1969–2007 gap; four abstentions
    assert _value(inds, "trust", "Visits to Pakistan by a Soviet or Russian head of state")["value"] == 0
    gap = _value(inds, "trust", "Longest gap")
    assert gap["value"] == pytest.approx(37.9, abs=0.1) and "1969–2007" in gap["display"]
    assert _value(inds, "trust", "UN General Assembly")["value"] == int(((lambda r: (r["emergency_session"] == 11) & (r["PAK"] == "abstain"))(pkru.load("unga_resolutions"))).sum()) == 6
    # domestic: the economy/energy events after Shehbaz Sharif's first meeting with Putin, up to 2023
    dom = _value(inds, "domestic", "Economic and energy events")
    assert dom["value"] == 6 and "ev2022" not in dom["display"]


def test_delivery_and_sanction_indicators(inds, projects):
    assert _value(inds, "delivery", "Projects signed")["display"] == "6 signed, 3 delivered"
    assert _value(inds, "delivery", "Projects first signed in 2015")["display"] == "1 of 4"
    assert CRUDE in _value(inds, "delivery", "Projects first signed in 2015")["note"]
    assert PIPE in _value(inds, "delivery", "Longest wait")["display"]
    assert ch.sanction_stalls(projects) == [PIPE]
    assert _value(inds, "sanctions", "Stalled projects")["display"].startswith("1 of 3")
    pay = ch.payment_channel_events(pkru.load("events"))
    assert set(pay["event_id"]) == {"ev2023_first_russian_crude_cargo", "ev2023_barter_trade_mechanism",
                                    "ev2024_shehbaz_putin_astana"}
    t = pkru.load("trade").query("series == 'cow' and year == 2014 and flow == 'pak_exports'").set_index("partner")
    assert _value(inds, "sanctions", "Pakistan's exports to the US")["value"] == pytest.approx(
        t.loc["USA", "value_usd_m"] / t.loc["RUS", "value_usd_m"])


def test_evidence_items_and_counts(items, counts, inds):
    assert set(items["kind"]) == {"dated event", "project milestone"}
    assert (items.loc[items["kind"] == "project milestone", "confidence"] == "n/a").all()
    assert items["source"].str.len().gt(0).all() and items["when"].notna().all()
    c = counts.set_index("obstacle")
    for key, ob in ch.obstacles().items():
        assert c.loc[key, "events"] == len(ob["events"]) and c.loc[key, "milestones"] == len(ob["milestones"])
        assert c.loc[key, "indicators"] == int((inds["obstacle"] == key).sum())
        assert c.loc[key, "items"] == c.loc[key, "indicators"] + c.loc[key, "events"] + c.loc[key, "milestones"]
    assert c.loc["india", "first_year"] == 1966 and c.loc["delivery", "first_year"] == 2015
    share = ch.share_since(items, 2014)
    distinct = items.drop_duplicates("item_id")
    assert share == pytest.approx((distinct["year"] >= 2014).mean()) and 0.6 < share < 0.9
    table = ch.evidence_table("sanctions", items, inds)
    assert list(table["kind"][:3]) == ["indicator"] * 3 and "project milestone" in set(table["kind"])
    with pytest.raises(ValueError):
        ch.evidence_table("weather", items, inds)


# ------------------------------------------------------------------ signed against delivered
def test_delivery_frame(projects):
    f = ch.delivery_frame(projects).set_index("project")
    assert set(f.index) == set(projects["project"])
    assert f.loc["OGDC oil and gas exploration", "outcome"] == "signed → delivered"
    assert f.loc["Pakistan Steel Mills, Karachi", "years"] == 14.0
    assert f.loc[PIPE, "outcome"] == "signed, nothing delivered yet" and f.loc[PIPE, "obstacle"] == "sanctions"
    assert f.loc[PIPE, "end"] == pj.record_end() and "Geo News" in f.loc[PIPE, "source"]
    assert f.loc["Offshore gas pipeline study", "outcome"] == "no binding agreement"
    assert f.loc[CRUDE, "years"] < 0.3
    # every reason rests on real milestones of its own project; the pipeline's milestones mention sanctions
    p = projects.set_index("milestone_id")
    for project, (key, reason, ids) in ch.PROJECT_REASONS.items():
        assert ids and all(p.loc[i, "project"] == project for i in ids), project
        assert key is None or key in ch.obstacles()
    assert "sanction" in " ".join(p.loc[ch.PROJECT_REASONS[PIPE][2], "note"].fillna("")).lower()
    # as of the end of 2016 the crude purchase did not exist yet, the pipeline was waiting
    early = ch.delivery_frame(projects, as_of=2016).set_index("project")
    assert CRUDE not in early.index and early.loc[PIPE, "years"] == pytest.approx(1.2, abs=0.1)


def test_projects_signed_since(projects):
    recent = ch.projects_signed_since(projects, 2015)
    assert len(recent) == 4 and list(recent.loc[recent["delivered"], "project"]) == [CRUDE]
    assert len(ch.projects_signed_since(projects, 2026)) == 0


# ------------------------------------------------------------------ the India factor
def test_soviet_deliveries():
    d = ch.soviet_deliveries().set_index("period_start")
    a = pkru.load("arms_imports").query("supplier in ['Soviet Union', 'Russia']")
    one = a[a["year"].between(1965, 1969)].groupby("recipient")["tiv"].sum()
    assert d.loc[1965, "india"] == pytest.approx(one["IND"]) and d.loc[1965, "pakistan"] == pytest.approx(one["PAK"])
    assert d.loc[1965, "pakistan_share"] == pytest.approx(100 * one["PAK"] / one.sum(), abs=0.01)
    assert d["pakistan_share"].idxmax() == 1965 and d["pakistan_share"].max() < 7
    assert d.loc[2020, "period"] == "2020–21 (2 yrs)" and not d.loc[2020, "complete"]
    assert pd.isna(d.loc[1975, "ratio"])  # nothing to Pakistan: no ratio, not infinity
    assert (d["when"].dt.year >= d.index).all()


# ------------------------------------------------------------------ charts
def test_charts_have_titles_descriptions_and_sources_in_tooltips(items, counts, projects):
    m = ch.evidence_map_chart(items, counts, title="T", subtitle="S", description="D").to_dict()
    assert m["title"]["text"] == "T" and m["description"] == "D"
    assert "Source" in json.dumps(m["hconcat"][0]["encoding"]["tooltip"])
    war = pkru.charts.pick_events({"ev2022_imran_khan_meets_putin": "war"})
    d = ch.delivery_obstacles_chart(ch.delivery_frame(projects), events=war, title="T", subtitle="S").to_dict()
    assert "Contractor under US sanctions" in d["description"] and "What the record says" in json.dumps(d)
    text = json.dumps(d, allow_nan=False)  # no NaN reaches the front end
    assert "Source" in text
    marks = pkru.charts.pick_events({"ev1966_tashkent_declaration": "Tashkent",
                                     "ev2014_arms_restrictions_lifted": "lifted"})
    i = ch.india_share_chart(ch.soviet_deliveries(), events=marks, title="T", subtitle=["S", *pkru.lessons.nb05_security.SIPRI_SUBTITLE],
                             description="D").to_dict()
    assert "Information from the SIPRI Arms Transfers Database" in json.dumps(i["title"])
    assert '"align": "right"' in json.dumps(i)  # the 2014 label sits left of its line


def test_chart_descriptions_are_written_from_the_data(items, counts):
    """Without a description, each chart describes what it draws: change the data, and the text changes."""
    m = ch.evidence_map_chart(items, counts, title="T", subtitle="S").to_dict()["description"]
    c = counts.set_index("obstacle")
    assert f"{items['year'].min()} to {items['year'].max()}" in m
    for key in ch.obstacle_order():
        row = c.loc[key]
        assert f"{row['label']}: {row['events']} dated event" in m
        assert f"{row['first_year']}–{row['last_year']}" in m and row["basis_label"] in m
    d = ch.soviet_deliveries()
    peak = d.loc[d["pakistan_share"].idxmax()]
    marks = pkru.charts.pick_events({"ev1966_tashkent_declaration": "Tashkent"})
    i = ch.india_share_chart(d, events=marks, title="T", subtitle="S").to_dict()["description"]
    assert f"peaks at {peak['pakistan_share']:.1f}% in {peak['period']}" in i
    assert f"{d['period'].iloc[0]} to {d['period'].iloc[-1]}" in i and "Tashkent (10 January 1966)" in i
    second = d.drop(index=d["pakistan_share"].idxmax())["pakistan_share"].max()
    assert f"at most {second:.1f}%" in i
    fewer = ch.india_share_chart(d.iloc[:5], title="T", subtitle="S").to_dict()["description"]
    assert fewer != i and d["period"].iloc[4] in fewer
    r = ch.rank_obstacles({"trust": 10}, counts)
    assert "Trust and history: weight 10" in ch.ranking_chart(r).to_dict()["description"]


# ------------------------------------------------------------------ the obstacle ranker
def test_rank_obstacles_orders_by_weight_then_evidence(counts):
    r = ch.rank_obstacles({"trust": 9, "india": 9, "sanctions": 2}, counts)
    assert list(r["rank"]) == list(range(1, 7))
    assert list(r["obstacle"][:3]) == ["india", "trust", "sanctions"]  # tie 9–9 broken by evidence, then order
    assert r.set_index("obstacle").loc["delivery", "weight"] == 0  # missing keys count as 0
    assert r["weight_share"].sum() == pytest.approx(1)
    # evidence rank: most indicators + dated items first
    ev = r.sort_values("evidence_rank")
    assert ev["items"].is_monotonic_decreasing and ev.iloc[0]["obstacle"] == "delivery"
    equal = ch.rank_obstacles({k: 5 for k in ch.obstacle_order()}, counts)
    assert list(equal["obstacle"]) == list(equal.sort_values("evidence_rank")["obstacle"])


@pytest.mark.parametrize("bad", [{"weather": 3}, {"trust": -1}, {"trust": 11}, {"trust": "high"}, {"trust": True},
                                 {"trust": float("nan")}])
def test_rank_obstacles_refuses_bad_weights(counts, bad):
    with pytest.raises(ValueError):
        ch.rank_obstacles(bad, counts)


def test_describe_ranking(counts):
    zero = ch.describe_ranking(ch.rank_obstacles({}, counts))
    assert "All weights are 0" in zero
    trust = ch.describe_ranking(ch.rank_obstacles({"trust": 10, "sanctions": 3}, counts))
    assert "<b>Trust and history</b> first" in trust and "Careful" in trust
    assert "thickest for <b>Implementation gaps</b>" in trust and "Weight 0" in trust
    delivery = ch.describe_ranking(ch.rank_obstacles({"delivery": 10, "india": 4}, counts))
    assert "Careful" not in delivery and "thickest" not in delivery
    tie = ch.describe_ranking(ch.rank_obstacles({k: 5 for k in ch.obstacle_order()}, counts))
    assert tie.startswith("All six obstacles have the same weight")


def test_ranker_view_and_widget(items, inds, capsys):
    text, chart, detail = ch.ranker_view({"sanctions": 10}, ch.FOCUS_TOP, items, inds)
    assert "Sanctions and payment channels" in text.value and "Evidence: Sanctions" in detail.value
    assert "RT Global Resources" in detail.value and "Geo News" in detail.value
    assert "Your weights" in json.dumps(chart.to_dict())
    _, _, other = ch.ranker_view({"sanctions": 10}, "india", items, inds)
    assert "Evidence: The India factor" in other.value and "Tashkent" in other.value
    box = ch.explorer(items, inds)
    controls = {c.description: c for c in box.children if getattr(c, "description", "")}
    assert len(controls) == 7 and "Show evidence for" in controls
    import ipywidgets as w

    out = [c for c in box.children if isinstance(c, w.Output)][0]
    first = json.dumps(out.outputs)  # the first view is written into the Output widget's state
    assert "All six obstacles have the same weight" in first and "Could not draw" not in first
    controls["Weight: Trust"].value = 10
    shown = shown_text(box)
    assert "Trust and history" in shown and "Careful" in shown and "Could not draw" not in shown
    controls["Show evidence for"].value = "economy"
    assert "Evidence: A thin economic base" in shown_text(box)


def test_sources_of_the_evidence_are_listed(items, inds):
    from pkru.sources import ids_used_by

    listed = ids_used_by("10")
    known = set(pkru.load("sources")["source_id"])
    assert set(listed) <= known and len(listed) == len(set(listed))
    behind = {s for v in [*inds["source_ids"], *items["source_ids"]] for s in pkru.data.split_ids(v)}
    assert behind <= set(listed) and "sipri_arms_transfers" in listed


# ------------------------------------------------------------------ exercise checks
def test_ex1_recent_delivery_share():
    share = checks.delivery_share_since(2015)
    assert share == 0.25
    assert checks.ex1(share).ok and checks.ex1(0.250001).ok
    assert "percentage" in checks.ex1(25.0).message
    assert "announced, not signed" in checks.ex1(checks.delivery_share_since(2015, signed_only=False)).message
    assert "every project ever signed" in checks.ex1(0.5).message
    assert not checks.ex1(share * 1.5 + 1).ok and not checks.ex1(0.0).ok
    assert checks.ex1("0.25").status == "not_yet" and checks.ex1(...).status == "blank"


def test_ex2_russia_share():
    good = checks.russia_share()   # SIPRI's 2026 register, 2015–2024
    a = pkru.load("arms_imports_2026").query("2015 <= year <= 2024")
    for c in ("IND", "PAK"):
        mine = a[a["recipient"] == c]
        assert good[c] == pytest.approx(100 * mine.loc[mine["supplier"] == "Russia", "tiv"].sum() / mine["tiv"].sum())
    assert 40 < good["IND"] < 52 and 2 < good["PAK"] < 5
    assert checks.ex2(good).ok and checks.ex2({k: round(v, 1) for k, v in good.items()}).ok
    assert "Multiply by 100" in checks.ex2({k: v / 100 for k, v in good.items()}).message
    assert "swapped" in checks.ex2({"IND": good["PAK"], "PAK": good["IND"]}).message
    assert "every year to 2024" in checks.ex2(checks.russia_share((2015, 2019))).message
    assert "every year to 2024" in checks.ex2(checks.russia_share((2015, 2021))).message
    assert "two keys" in checks.ex2({"IND": good["IND"]}).message
    assert not checks.ex2({"IND": good["IND"] + 1, "PAK": good["PAK"]}).ok
    assert checks.ex2([good["IND"], good["PAK"]]).status == "not_yet"
    assert checks.ex2({"IND": "fifty", "PAK": 5}).status == "not_yet"


def test_ex3_labels():
    good = {k: v[0] for k, v in checks.KEY.items()}
    assert checks.ex3(good).ok and checks.ex3({k: v.upper() + " " for k, v in good.items()}).ok
    flipped = dict(good, b="evidence")
    res = checks.ex3(flipped)
    assert not res.ok and "(b)" in res.message and "1 of 5" in res.message
    assert "missing" in checks.ex3({k: good[k] for k in "abcd"}).message
    assert "only the words" in checks.ex3(dict(good, a="fact")).message
    assert checks.ex3("evidence").status == "not_yet"


def test_master_solutions_pass_their_checks():
    ns = solution_namespace("10_challenges")
    for fn, var in [("ex1", "recent_delivery_share"), ("ex2", "russia_share"), ("ex3", "labels")]:
        good = getattr(checks, fn)(ns[var])
        assert isinstance(good, Result) and good.ok, f"{fn}: {good}"
        assert getattr(checks, fn)(object()).status == "not_yet"
    assert checks.ex1(ns["recent_delivery_share"] + 0.25).status == "not_yet"
    assert checks.ex2({"IND": ns["russia_share"]["IND"]}).status == "not_yet"
    assert checks.ex3({k: "evidence" for k in ns["labels"]}).status == "not_yet"


# ------------------------------------------------------------------ quiz
def test_quiz_numbers_match_the_data(inds):
    quiz = pkru.quiz.load_quiz("10")
    assert quiz["notebook"] == "10_challenges" and len(quiz["questions"]) >= 6
    text = json.dumps(quiz, ensure_ascii=False)
    ratio = _value(inds, "india", "Russia's deliveries")["value"]
    assert f"About {int(5 * round(ratio / 5))} times as much" in text and "1995 to 2024" in text
    un = pkru.load("unga_agreement")
    for pair in ("IND-RUS", "PAK-RUS"):
        assert f"{100 * pkru.indicators.unga_mean(pair, (2010, 2019), unga=un):.0f}%" in text
    assert "1 of 4: the 2023 crude oil purchase" in text


# ------------------------------------------------------------------ what the notebook says (issues 12 and 15)
def test_what_notebook_10_says_about_the_india_factor():
    """The sentences of 'What to notice' under the India chart, in both SIPRI vintages (never spliced)."""
    old = ch.soviet_deliveries(pkru.load("arms_imports")).set_index("period_start")["pakistan_share"]
    new = ch.soviet_deliveries(pkru.load("arms_imports_2026")).set_index("period_start")["pakistan_share"]
    assert old.idxmax() == 1965 and round(old.max()) == 6                      # the largest bump, after Tashkent
    assert (old.loc[1970:1994] < 1).all()                                     # below 1% until the early 1990s
    for share in (old, new):                                                  # 2–3% in 1995–2004 (the Mi-17s)
        assert 2 < share[1995] < 3 and 2 < share[2000] < 3
        assert 2.5 < share[2015] < 3.5                                        # "about 3% in 2015–19"
    assert 1.5 < new[2020] < 2.5 and new[2020] < new[2015]                    # "fell again, to about 2%"
    d = ch.soviet_deliveries(pkru.load("arms_imports_2026"))
    assert set(d["vintage"]) == {pkru.lessons.nb05_security.VINTAGE_LABELS["2026"]}
    desc = ch.describe_india_share(pd.concat([ch.soviet_deliveries(), d]))
    assert desc.count("A second line") == 1 and "Trade register of February 2026" in desc


def test_what_notebook_10_says_about_the_record(inds, projects):
    f = ch.delivery_frame(projects).set_index("project")
    assert round(f.loc["OGDC oil and gas exploration", "years"]) == 4                  # "took 4 and 14 years"
    assert round(f.loc["Pakistan Steel Mills, Karachi", "years"]) == 14
    assert "gas was cut over unpaid bills" in f.loc["Pakistan Steel Mills, Karachi", "reason"]
    assert _value(inds, "sanctions", "Pakistan's exports to the US")["display"].startswith("12 to 1")
    assert round(_value(inds, "economy", "Pakistan's imports")["value"]) == 11         # "about eleven dollars"
    assert _value(inds, "trust", "Longest gap")["display"].startswith("38 years (1969–2007)")
    # the Mi-35M helicopters: delivered in 2018 (SIPRI's register), after Russian Mi-17s from 1995
    r = pkru.lessons.nb05_security.deliveries_of("Russia").set_index("designation")
    assert r.loc["Mi-35M", "delivered"] == "2018" and r.loc["Mi-35M", "numbers_delivered"] == 4
    assert r.loc["Mi-35M", "order_year"] == 2015
    assert (r.loc["Mi-17", "order_year"] >= 1995).all() and (r.loc["Mi-17", "order_year"] < 2015).any()
    assert "ev2015_mi35m_contract" not in ch.obstacles()["delivery"]["events"]
    assert "Mi-35M" in ch.obstacles()["delivery"]["test"] and "2018" in ch.obstacles()["delivery"]["test"]
    quiz = {q["id"]: q for q in pkru.quiz.load_quiz("10")["questions"]}
    assert "2018" in quiz["q10_9"]["answer"] and "1995" in quiz["q10_9"]["answer"]
