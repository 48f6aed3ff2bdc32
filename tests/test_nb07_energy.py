"""Notebook 07 (energy): the projects table, the status logic behind the charts and the widget, the charts,
the exercise checks and the quiz."""
from __future__ import annotations

import pandas as pd
import pytest

import pkru
from pkru.lessons import nb07_energy as pj
from pkru.checks import nb07
from pkru.data import load, resource

from conftest import SHARED_REFERENCE, SHARED_SOURCES

PSM = "Pakistan Steel Mills, Karachi"
PIPE = "North–South gas pipeline (Pakistan Stream)"
LNG = "LNG supply agreement"
OFF = "Offshore gas pipeline study"
CRUDE = "Russian crude oil purchases"
REV = "Steel mill revival (2025)"
OGDC = "OGDC oil and gas exploration"


@pytest.fixture(scope="module")
def raw():
    return load("projects")


@pytest.fixture(scope="module")
def projects():
    return pj.load_projects()


# ------------------------------------------------------------------ the table
def test_table_is_described_and_linked_to_events(raw):
    res = resource("projects")
    assert res["schema"]["primaryKey"] == "milestone_id"
    assert res["notebooks"] == ["07_energy", "10_challenges", "13_synthesis"]
    status = next(f for f in res["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == pj.STATUSES
    ev = load("events").set_index("event_id")
    linked = raw[raw["event_id"].fillna("") != ""]
    assert len(linked) >= 15
    for _, r in linked.iterrows():
        assert r["event_id"] in ev.index, r["milestone_id"]
        # a milestone that *is* a chronology event carries the event's exact date and precision
        assert (r["date"], r["date_precision"]) == (ev.loc[r["event_id"], "date"],
                                                    ev.loc[r["event_id"], "date_precision"]), r["milestone_id"]


def test_rows_are_consistent(raw):
    # one id prefix per project, quantity and unit together, every project starts with words or a signature
    prefix = raw["milestone_id"].str.split("_").str[0]
    assert (raw.assign(prefix=prefix).groupby("project")["prefix"].nunique() == 1).all()
    assert prefix.groupby(raw["project"]).first().is_unique
    has_q, has_u = raw["quantity"].notna(), raw["unit"].fillna("") != ""
    assert (has_q == has_u).all()
    first = pj.prepare(raw).groupby("project").first()
    assert set(first["status"]) <= {"announced", "signed"}
    for _, r in raw.iterrows():   # the year in the id is the milestone's year
        assert r["milestone_id"].split("_")[1] == r["date"][:4], r["milestone_id"]


# Milestones that are not chronology events, and the reference text that dates each of them.
DATED_IN = {
    "ogdc_1965_sari_gas": ("chronology.csv", "gas at Sari (1965)"),
    "ogdc_1968_toot_oil": ("chronology.csv", "oil at Toot (1968)"),
    "psm_1970_credit_pledge": ("page_milestones.csv", "M06,1970-07-06,day"),
    "psm_1974_financing_terms": ("factcheck.md", "financing terms were fixed on 30 Dec 1974"),
    "psm_1976_main_construction": ("factcheck.md", "Main-plant construction began in 1976"),
    "psm_2015_idle": ("factcheck.md", "PSM has been idle since 2015"),
    "pipe_2022_talks_paused": ("factcheck.md", "shareholder talks were paused in 2022"),
    "pipe_2023_russian_frustration": ("factcheck.md", "by late 2023 Russia voiced frustration"),
    "lng_2017_gazprom_ogdcl_mou": ("factcheck.md", "Gazprom–OGDCL MoU of 4 Jul 2017"),
    "crude_2023_second_cargo": ("page_milestones.csv", "M23,2023-06-27,day"),
    "crude_2023_cnergyico_october": ("factcheck.md", "100,000 t (October) and 10,000 t (November) 2023"),
    "crude_2023_cnergyico_november": ("factcheck.md", "100,000 t (October) and 10,000 t (November) 2023"),
    "revival_2025_pakistan_seeks_help": ("page_milestones.csv", "M24,2025-07-09,day"),
}


def test_every_milestone_is_dated_in_a_reference(raw):
    unlinked = set(raw.loc[raw["event_id"].fillna("") == "", "milestone_id"])
    assert unlinked == set(DATED_IN), f"document where these are dated: {unlinked ^ set(DATED_IN)}"
    files = {"chronology.csv": SHARED_REFERENCE / "chronology.csv", "factcheck.md": SHARED_REFERENCE / "factcheck.md",
             "page_milestones.csv": SHARED_SOURCES / "page_figures" / "page_milestones.csv"}
    if not all(f.exists() for f in files.values()):
        pytest.skip("../shared not present (normal on a learner's machine)")
    text = {k: f.read_text(encoding="utf-8") for k, f in files.items()}
    for mid, (where, needle) in DATED_IN.items():
        assert needle in text[where], f"{mid}: {needle!r} not found in {where}"


# ------------------------------------------------------------------ status logic
def test_prepare_orders_and_numbers_steps(projects):
    assert pj.project_order(projects) == [OGDC, PSM, PIPE, LNG, OFF, CRUDE, REV]
    psm = projects[projects["project"] == PSM]
    assert list(psm["step"]) == list(range(1, len(psm) + 1))
    assert list(psm["when"]) == sorted(psm["when"])
    sari = projects.set_index("milestone_id").loc["ogdc_1965_sari_gas"]   # a year-only date sits mid-year
    assert sari["when"] == pd.Timestamp("1965-07-01") and sari["when_label"] == "1965"
    idle = projects.set_index("milestone_id").loc["psm_2015_idle"]       # dated to the day since issue 15
    assert idle["when"] == pd.Timestamp("2015-06-10") and idle["when_label"] == "10 June 2015"


def test_status_as_of_matches_plain_pandas(raw, projects):
    for year in (1970, 1984, 1990, 2016, 2020, 2022, 2024):
        upto = raw[raw["date"].str[:4].astype(int) <= year].sort_values("date")
        expected = upto.groupby("project")["status"].last().to_dict()
        got = pj.status_as_of(projects, year)
        assert dict(zip(got["project"], got["status"])) == expected, year
    assert pj.status_as_of(projects, 1950).empty


def test_since_is_the_start_of_the_current_run(projects):
    cur = pj.current_status(projects).set_index("project")
    assert cur.loc[PIPE, "label"] == "stalled since 2022"            # not 2023: still stalled then
    assert cur.loc[CRUDE, "since"] == "October 2023"                  # two commercial cargoes in a row
    assert cur.loc[OGDC, "since"] == "1965" and cur.loc[OGDC, "milestone"] == "Oil discovered at Toot"
    assert cur.loc[PSM, "status"] == "stalled" and cur.loc[REV, "status"] == "signed"
    assert cur["milestones"].sum() == len(projects)


def test_signed_vs_delivered_and_summary(projects):
    svd = pj.signed_vs_delivered(projects).set_index("project")
    assert svd.loc[PSM, "years_to_delivery"] == 14.0
    assert svd.loc[OGDC, "years_to_delivery"] == pytest.approx(4.3)
    assert svd.loc[CRUDE, "years_to_delivery"] < 0.5
    assert not svd.loc[PIPE, "delivered"] and svd.loc[PIPE, "years_waiting"] > 9.5
    assert not svd.loc[OFF, "signed"] and pd.isna(svd.loc[OFF, "years_waiting"])
    s = pj.delivery_summary(projects)
    assert s == {"projects": 7, "signed": 6, "delivered": 3, "signed_not_delivered": 3, "operating_now": 2,
                 "stalled_now": 3, "announced_only": 1}
    # as of the end of 2016 the pipeline had been waiting about a year, and nothing after 2016 counts
    early = pj.signed_vs_delivered(projects, 2016).set_index("project")
    assert set(early.index) == {OGDC, PSM, PIPE} and early.loc[PIPE, "years_waiting"] == pytest.approx(1.2)


def test_quantities_and_crude(projects, raw):
    assert pj.quantity_total(raw, CRUDE) == 210122
    assert pj.quantity_total(raw, CRUDE, statuses=("signed",)) == 0          # the order's unit says what it is
    f = pj.crude_frame(projects)
    assert list(f["tonnes"]) == [100000, 45122, 55000, 100000, 10000]
    assert f["cumulative"].iloc[-1] == 210122 and f["cumulative"].iloc[0] == 0
    assert f["kind"].str.startswith("delivered, government").sum() == 2
    assert pj.years_between(projects, "psm_1971_soviet_credit_agreement", "psm_1985_inauguration") == 14.0


def test_segments_cover_each_project_without_gaps(projects):
    seg = pj.segments(projects)
    assert len(seg) == len(projects)
    for project, g in seg.groupby("project"):
        assert (g["end"].iloc[:-1].to_numpy() == g["start"].iloc[1:].to_numpy()).all(), project
        assert list(g["carried"]) == [False] * (len(g) - 1) + [True]
    assert (seg.loc[seg["carried"], "end"] == pj.record_end()).all()
    zoom = pj.segments(projects, start="2014-06-01")
    assert zoom["start"].min() == pd.Timestamp("2014-06-01") and (zoom["years"] >= 0).all()


# ------------------------------------------------------------------ charts
def test_gantt_chart_spec(projects):
    spec = pj.gantt_chart(projects, title="t").to_dict()
    assert len(spec["hconcat"]) == 2 and spec["description"].startswith("Gantt-style chart of 7 projects")
    layer = spec["hconcat"][0]["layer"]
    titles = [t["title"] for t in layer[1]["encoding"]["tooltip"]]
    assert "Source" in titles and "Milestone" in titles
    dom = spec["hconcat"][0]["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert dom == pj.project_order(projects)
    zoom = pj.gantt_chart(projects, title="z", start="2014-06-01").to_dict()
    assert OGDC not in zoom["hconcat"][0]["layer"][0]["encoding"]["y"]["scale"]["domain"]   # no milestone after 1968
    assert PSM in zoom["hconcat"][0]["layer"][0]["encoding"]["y"]["scale"]["domain"]
    # the zoomed chart's description names the projects it draws, not the whole table's
    kept = zoom["hconcat"][0]["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert zoom["description"].startswith(f"Gantt-style chart of {len(kept)} projects") and len(kept) < 7
    assert OGDC not in zoom["description"]


def test_other_charts_build(projects):
    ev = pkru.charts.pick_events({"ev2023_refinery_halts_russian_crude": "halt"})
    crude = pj.crude_chart(projects, title="t", subtitle="s", description="d", events=ev).to_dict()
    assert len(crude["layer"]) == 6
    delivery = pj.delivery_chart(projects, title="t", subtitle="s").to_dict()
    assert "Pakistan Steel Mills, Karachi 14.0 years (signed → delivered)" in delivery["description"]
    assert "no binding agreement" in delivery["description"]


# ------------------------------------------------------------------ the widget
def test_describe_as_of(projects):
    assert pj.describe_as_of(projects, 1950) == "At the end of 1950 no project in the table had been proposed yet."
    t = pj.describe_as_of(projects, 2016)
    assert t.startswith("At the end of 2016, 3 projects had been proposed") and "1 signed" in t
    assert "had not yet been proposed" in pj.describe_as_of(projects, 2016, CRUDE)
    p22 = pj.describe_as_of(projects, 2022, PIPE)
    assert "stalled (since 2022" in p22 and "after 4 dated milestones" in p22


def test_milestones_until(projects):
    t = pj.milestones_until(projects, PIPE, 2021)
    assert list(t["step"]) == [1, 2, 3] and set(t["status"]) == {"signed"}
    assert len(pj.milestones_until(projects, pj.ALL, 1985)) == int((projects["year"] <= 1985).sum())
    with pytest.raises(ValueError, match="Unknown project"):
        pj.milestones_until(projects, "Gwadar refinery")


def test_as_of_view_and_explorer(projects):
    text, chart, table = pj.as_of_view(projects, PIPE, 2022)
    assert "stalled" in text.data and len(table) == 4
    assert chart.to_dict()["hconcat"][0]["layer"][0]["encoding"]["y"]["scale"]["domain"] == [PIPE]
    only = pj.as_of_view(projects, CRUDE, 2016)
    assert not isinstance(only, tuple) and "not yet been proposed" in only.data
    _, _, latest = pj.as_of_view(projects, pj.ALL, 2025)
    assert len(latest) == 8
    box = pj.as_of_explorer(projects)
    controls = [c for c in box.children if getattr(c, "description", "")]
    assert [c.description for c in controls] == ["Project", "End of year"]
    assert controls[0].value == pj.ALL and controls[1].value == pj.record_end().year
    assert controls[1].min == 1961


# ------------------------------------------------------------------ exercise checks
def test_ex1_accepts_solution_and_rejects_wrong(raw):
    c = raw[(raw["project"] == CRUDE) & (raw["status"] == "operating") & (raw["unit"] == "tonnes")]
    sol = c["quantity"].sum()
    assert nb07.ex1(sol).ok and nb07.ex1(int(sol)).ok
    order = nb07.ex1(sol + 100000)
    assert not order.ok and "order" in order.message
    g2g = nb07.ex1(100122)
    assert not g2g.ok and "Cnergyico" in g2g.message
    assert not nb07.ex1(sol * 1.5 + 1).ok
    assert nb07.ex1("210122").status == "not_yet"                                  # wrong type
    assert nb07.ex1(...).status == "blank"


def test_ex2_accepts_solution_and_rejects_wrong(raw):
    signed = set(raw.loc[raw["status"] == "signed", "project"])
    delivered = set(raw.loc[raw["status"] == "operating", "project"])
    sol = len(signed - delivered)
    assert sol == 3 and nb07.ex2(sol).ok
    r = nb07.ex2(4)
    assert not r.ok and "no binding agreement" in r.message
    assert not nb07.ex2(7).ok and not nb07.ex2(2).ok
    assert nb07.ex2(3.0).status == "not_yet"                                        # wrong type (float)


def test_ex3_accepts_solution_and_rejects_wrong(raw):
    upto = raw[raw["date"].str[:4].astype(int) <= 2020].sort_values("date")
    sol = upto.groupby("project")["status"].last().to_dict()
    assert nb07.ex3(sol).ok
    today = {**sol, PIPE: "stalled"}
    r = nb07.ex3(today)
    assert not r.ok and "Not yet stalled" in r.message
    r = nb07.ex3({**sol, CRUDE: "operating"})
    assert not r.ok and CRUDE in r.message
    r = nb07.ex3({k: v for k, v in sol.items() if k != PSM})
    assert not r.ok and "Missing" in r.message
    assert nb07.ex3(list(sol.items())).status == "not_yet"                         # wrong type


# ------------------------------------------------------------------ chart descriptions
def test_crude_chart_writes_its_description_from_the_data(projects):
    frame = pj.crude_frame(projects)
    ev = pkru.charts.pick_events({"ev2023_refinery_halts_russian_crude": "refinery halt"})
    text = pj.crude_chart(projects, title="t", subtitle="s", events=ev).to_dict()["description"]
    assert text == pj.describe_crude(frame, ev)
    delivered = frame.loc[frame["kind"].str.startswith("delivered"), "tonnes"].sum()
    assert f"{delivered:,.0f} t delivered in all" in text
    for r in frame.itertuples():
        assert f"{r.tonnes:,.0f} t ({r.when_label})" in text
    assert text.endswith("Dashed line marks refinery halt (August 2023).")
    assert pj.as_of_explorer is pj.explorer


# ------------------------------------------------------------------ figures typed in the prose (issue 15)
def _markdown(stem: str) -> str:
    import json

    from conftest import ROOT

    book = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "markdown")


WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 14: "fourteen"}


def test_figures_typed_in_the_prose_match_the_data(projects):
    text = " ".join(_markdown("07_energy").split())
    quiz = {q["id"]: q for q in pkru.quiz.load_quiz("07")["questions"]}
    # the steel mill's wait, typed three times
    steel = pj.years_between(projects, "psm_1971_soviet_credit_agreement", "psm_1985_inauguration")
    word = WORDS[round(steel)]
    assert f"Why {word} years for the steel mill?" in text and f"the steel mill took {word} years" in text
    assert f"{word} years after the agreement" in quiz["q07_1"]["explanation"]
    # the Evidence box
    s = pj.delivery_summary(projects)
    assert (f"{WORDS[s['signed']]} of {WORDS[s['projects']]} projects reached a signature; "
            f"{WORDS[s['delivered']]} delivered") in text
    # the mill's stoppage: the prose gives the day the table dates it to
    idle = projects.set_index("milestone_id").loc["psm_2015_idle"]
    assert idle["when_label"] == "10 June 2015" and "From 10 June 2015 Sui Southern Gas" in text
    assert "do not say why" not in text
    # the crude cargoes: the first cargo's two reported tonnages are both stated
    first = projects.set_index("milestone_id").loc["crude_2023_first_cargo"]
    assert f"{first['quantity']:,.0f} t" in quiz["q07_4"]["explanation"] and "45,142 t" in first["note"]
