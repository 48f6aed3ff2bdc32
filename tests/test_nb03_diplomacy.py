"""Notebook 03 (diplomacy): the visits table, the gap logic behind the widget, the charts and the exercise checks."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from pkru.lessons import nb03_diplomacy as vis
from pkru.checks import nb03
from pkru.data import date_midpoint, load, resource
from pkru.quiz import load_quiz

from conftest import ROOT

TOP = ["head_of_state", "head_of_government"]


@pytest.fixture(scope="module")
def raw():
    return load("visits")


@pytest.fixture(scope="module")
def visits():
    return vis.load_visits()


# ------------------------------------------------------------------ the table
def test_visits_table_is_described_and_linked_to_events(raw):
    res = resource("visits")
    assert res["schema"]["primaryKey"] == "visit_id"
    assert "03_diplomacy" in res["notebooks"]
    fk = res["schema"]["foreignKeys"][0]
    assert fk["reference"]["resource"] == "events"
    ev = load("events").set_index("event_id")
    for _, r in raw.iterrows():
        assert r["event_id"] in ev.index, f"{r['visit_id']}: event {r['event_id']} is not in events.csv"
        # the visit and its event are in the same year (dates may differ by a day: first day vs talks)
        assert r["date"][:4] == ev.loc[r["event_id"], "date"][:4], r["visit_id"]


def test_visits_go_to_the_other_country_only(raw):
    """Third-country summits (Astana, Samarkand, Tianjin/Beijing, Bishkek) are meetings, not visits."""
    in_ussr_russia = {"Moscow", "Tashkent", "Ufa", "Yekaterinburg", "Sochi", "St Petersburg"}
    in_pakistan = {"Islamabad", "Rawalpindi", "Karachi", ""}
    for _, r in raw.iterrows():
        allowed = in_ussr_russia if r["from_country"] == "PAK" else in_pakistan
        assert r["host_city"] in allowed, f"{r['visit_id']}: {r['host_city']!r} for a visitor from {r['from_country']}"
    assert not raw["host_city"].isin(["Astana", "Samarkand", "Tianjin", "Beijing", "Bishkek"]).any()


def test_known_facts_of_the_record(raw):
    # no Soviet or Russian head of state ever visited Pakistan (Putin cancelled in 2012)
    assert not ((raw["from_country"] == "RUS") & (raw["level"] == "head_of_state")).any()
    # trips made for SCO meetings, other summits, state funerals and the 1956 inauguration are marked multilateral
    multi = set(raw.loc[raw["occasion"] == "multilateral", "visit_id"])
    assert multi == {"v1956_mikoyan_karachi", "v1966_ayub_tashkent", "v1982_zia_moscow", "v1985_zia_moscow",
                     "v2005_aziz_moscow", "v2009_zardari_yekaterinburg", "v2010_zardari_sochi",
                     "v2011_gilani_st_petersburg", "v2015_sharif_ufa", "v2017_abbasi_sochi", "v2020_qureshi_moscow",
                     "v2024_mishustin_islamabad", "v2025_dar_moscow"}
    # the trips the first version of the table missed (issue 15) are there
    assert {"v1967_ayub_moscow", "v1982_zia_moscow", "v1985_zia_moscow", "v2005_aziz_moscow",
            "v2009_zardari_yekaterinburg", "v2010_zardari_sochi", "v2011_gilani_st_petersburg",
            "v2017_abbasi_sochi"} <= set(raw["visit_id"])


def test_prepare_adds_columns(visits):
    assert list(visits["when"]) == sorted(visits["when"])
    row = visits.set_index("visit_id").loc["v1970_yahya_moscow"]
    assert row["when"] == pd.Timestamp("1970-07-01") and row["when_label"] == "1970" and row["decade"] == 1970
    assert visits.set_index("visit_id").loc["v1969_kosygin_pakistan", "where"] == "city not given"
    assert set(visits["direction"]) == set(vis.DIRECTION_LABELS.values())
    assert visits["source"].str.len().gt(0).all()


# ------------------------------------------------------------------ selecting and counting
def test_filter_visits_matches_plain_pandas(visits, raw):
    top = raw["level"].isin(TOP)
    assert len(vis.filter_visits(visits, "top")) == int(top.sum())
    assert len(vis.filter_visits(visits, "top", include_multilateral=False)) == int(
        (top & (raw["occasion"] == "bilateral")).sum())
    assert len(vis.filter_visits(visits, "any", "RUS")) == int((raw["from_country"] == "RUS").sum())
    sixties = vis.filter_visits(visits, "any", decades=(1960, 1960))
    assert len(sixties) == int(raw["date"].str[:3].eq("196").sum())
    assert len(vis.filter_visits(visits, ["foreign_minister"], "PAK")) == int(
        ((raw["level"] == "foreign_minister") & (raw["from_country"] == "PAK")).sum()) > 0
    with pytest.raises(ValueError, match="Unknown level"):
        vis.filter_visits(visits, "king")
    with pytest.raises(ValueError, match="Unknown direction"):
        vis.filter_visits(visits, "top", "IND")


def test_by_decade_keeps_empty_decades(visits):
    counts = vis.by_decade(visits)
    assert counts["n"].sum() == len(visits)
    per_decade = counts.groupby("decade")["n"].sum()
    assert list(per_decade.index) == vis.DECADES
    assert per_decade[1940] == 0 and per_decade[1950] == 1 and per_decade[1960] > 0
    assert per_decade[1980] == 2    # Zia's two funeral trips: the 1980s are not empty
    names = counts[(counts["decade"] == 1960) & (counts["from_country"] == "RUS")]["visits"].str.cat()
    assert names.count("Alexei Kosygin") == 2


# ------------------------------------------------------------------ gaps (the widget's logic)
def test_gaps_are_consecutive_differences(visits):
    sel = vis.filter_visits(visits, "top")
    g = vis.gaps(sel)
    assert len(g) == len(sel) - 1 and not g["open"].any()
    expected = ((sel["when"].diff().dt.days / 365.25).round(1)).iloc[1:].tolist()
    assert g["years"].tolist() == expected
    assert (g["end"] > g["start"]).all()


def test_longest_top_level_gap_is_1985_to_1999_and_1974_to_1999_for_bilateral_visits(visits):
    """Notebook 03's shaded band, its "What to notice" and quiz q03_9: counting every trip, the longest top-level
    gap starts at Zia's funeral trip of March 1985; counting bilateral visits only, at Bhutto's of 1974."""
    r = vis.longest_gap(visits, "top")
    assert (r["start"].year, r["end"].year) == (1985, 1999)
    assert 14 < r["years"] < 14.5 and not r["open"]
    assert r["from_visit"].startswith("Zia-ul-Haq") and r["to_visit"].startswith("Nawaz Sharif")
    assert "14.1 years" in vis.describe_gap(r)
    b = vis.longest_gap(visits, "top", include_multilateral=False)
    assert (b["start"].year, b["end"].year) == (1974, 1999) and 24 < b["years"] < 25
    assert b["from_visit"].startswith("Z. A. Bhutto")
    # no Pakistani prime minister between 1974 and 1999
    pm = vis.filter_visits(visits, "head_of_government", "PAK")
    assert not pm["year"].between(1975, 1998).any()


def test_longest_gap_by_direction_and_occasion(visits):
    ru = vis.longest_gap(visits, "head_of_government", "RUS", include_multilateral=False)
    assert (ru["start"].year, ru["end"].year) == (1969, 2007)
    # Pakistani prime ministers in Moscow: the "23 years" is the gap from 1999 to 2022
    pak = vis.gaps(vis.filter_visits(visits, "head_of_government", "PAK", include_multilateral=False))
    assert ((pak["start"].dt.year == 1999) & (pak["end"].dt.year == 2022) & pak["years"].between(22.5, 23.5)).any()
    # counting the SCO trips shortens it: a prime minister had last been in Russia at Sochi in 2017 (~4 years)
    every = vis.filter_visits(visits, "head_of_government", "PAK")
    assert not ((vis.gaps(every)["start"].dt.year == 1999) & (vis.gaps(every)["end"].dt.year == 2022)).any()
    before = every[every["visit_id"] == "v2022_imran_khan_moscow"].index[0] - 1
    assert every.loc[before, "visit_id"] == "v2017_abbasi_sochi"
    assert round((every.loc[before + 1, "when"] - every.loc[before, "when"]).days / 365.25) == 4


def test_open_gap_and_empty_selections(visits):
    end = vis.record_end()
    ev = load("events")
    assert end == max(date_midpoint(d, p) for d, p in zip(ev["date"], ev["date_precision"]))
    r = vis.longest_gap(visits, "other_minister", "PAK", include_open=True, until=end)
    assert r["open"] and r["n_visits"] == 1 and r["from_visit"].startswith("Awais Leghari")
    assert "still open" in vis.describe_gap(r)
    assert vis.longest_gap(visits, "other_minister", "PAK") is None     # one visit, no open gap asked
    assert vis.longest_gap(visits, "head_of_state", "RUS", include_open=True) is None  # never happened
    assert "No visit" in vis.describe_gap(None, 0) and "Only one visit" in vis.describe_gap(None, 1)
    # a window that stops before the record does has no open gap
    r = vis.longest_gap(visits, "top", decades=(1960, 1970), include_open=True, until=end)
    assert not r["open"] and r["end"].year <= 1979
    # the open gap is counted only when it is longer than every closed one
    ru = vis.longest_gap(visits, "head_of_government", "RUS", include_multilateral=False, include_open=True, until=end)
    assert not ru["open"] and ru["start"].year == 1969


def test_gap_summary_and_view(visits):
    s = vis.gap_summary(visits)
    assert len(s["selection"]) == len(vis.filter_visits(visits, "top"))
    assert s["text"].startswith(f"{len(s['selection'])} visits match") and "1985" in s["text"]
    assert "missed eight" in s["note"]
    out = vis.gap_view(visits, level="head_of_state", direction="RUS")
    assert len(out) == 2 and "No visit" in out[0].data          # text + note, no chart
    out = vis.gap_view(visits, level="any")
    assert isinstance(out[1], alt.LayerChart)
    assert "Thin record" in vis.gap_view(visits, level="other_minister")[-1].data


def test_gap_explorer_has_labelled_controls_and_defaults(visits):
    assert vis.gap_explorer is vis.explorer  # the old name, for learners' saved copies
    box = vis.explorer(visits)
    controls = [c for c in box.children if hasattr(c, "description") and c.description]
    assert [c.description for c in controls][:3] == ["Level", "Direction", "Decades"]
    level, direction, decades = controls[:3]
    assert level.value == "top" and direction.value == "both" and decades.value == (1940, 2020)
    assert all(c.description for c in controls)


def test_source_claims_hold_for_bilateral_visits_only(visits):
    """Notebook 03, cell "What to notice" after the claims table: every statement matches the bilateral record
    to within a year; counting every trip, three of them fail (1999, 2003, 2022) and the rest hold."""
    claims = vis.source_claims(visits).set_index("visit")
    assert len(claims) == len(vis.CLAIMS)
    row = {name.split(" (")[0]: r for name, r in claims.iterrows()}
    assert abs(row["Mikhail Fradkov"]["years"] - 38) < 1 and "Kosygin" in row["Mikhail Fradkov"]["previous bilateral visit"]
    assert abs(row["Imran Khan"]["years"] - 23) < 1
    assert abs(row["Nawaz Sharif"]["years"] - 25) < 1 and abs(row["Pervez Musharraf"]["years"] - 30) < 1.5
    shoigu = row["Sergei Shoigu"]
    assert shoigu["previous bilateral visit"].startswith("Andrey Grechko (1969)") and abs(shoigu["years"] - 45) < 1
    shrinks = {k for k, r in row.items() if r["years (any visit)"] < r["years"] - 1}
    assert shrinks == {"Nawaz Sharif", "Pervez Musharraf", "Imran Khan"}
    assert row["Nawaz Sharif"]["previous visit of any kind"].startswith("Zia-ul-Haq (13 March 1985)")
    assert row["Pervez Musharraf"]["previous visit of any kind"].startswith("Zia-ul-Haq (13 March 1985)")
    assert row["Imran Khan"]["previous visit of any kind"].startswith("Shaukat Aziz")
    assert round(row["Imran Khan"]["years (any visit)"]) == 16


def test_prose_of_notebook_03_matches_the_table(raw, visits):
    """The typed statements of notebook 03's "What to notice" and of COVERAGE_NOTES, tied to data/visits.csv."""
    v = visits
    # 1960s busy in both directions; no Soviet or Russian visitor at any level between 1969 and 2007
    assert {"PAK", "RUS"} <= set(v.loc[v["decade"] == 1960, "from_country"])
    ru = v[v["from_country"] == "RUS"]
    assert not ru["year"].between(1970, 2006).any() and ru["year"].eq(2007).any()
    # the 1980s: two trips, both Zia's, both for state funerals; the 1990s: one, in 1999
    eighties = v[v["decade"] == 1980]
    assert list(eighties["visitor"]) == ["Zia-ul-Haq"] * 2 and set(eighties["occasion"]) == {"multilateral"}
    assert list(v.loc[v["decade"] == 1990, "year"]) == [1999]
    # after 2000 ministers make a growing share, in both directions
    ministers = ~v["level"].isin(TOP)
    share = {d: ministers[v["decade"] == d].mean() for d in (2000, 2010, 2020)}
    assert share[2000] < share[2010] < share[2020]
    assert {"PAK", "RUS"} <= set(v.loc[ministers & (v["year"] >= 2000), "from_country"])
    # COVERAGE_NOTES['foreign_minister']: two by Lavrov, four Pakistani ones from 2018 on
    fm = raw[raw["level"] == "foreign_minister"]
    assert (fm["from_country"] == "RUS").sum() == 2 and set(fm.loc[fm["from_country"] == "RUS", "visitor"]) == {"Sergey Lavrov"}
    pak_fm = fm[fm["from_country"] == "PAK"]
    assert len(pak_fm) == 4 and pak_fm["date"].str[:4].astype(int).min() == 2018
    assert "two by Lavrov, four by Pakistani ministers from 2018 on" in vis.COVERAGE_NOTES["foreign_minister"]
    # the 2011–2022 paragraph: no bilateral top-level trip to Russia between Zardari (May 2011) and Imran Khan
    pak_top = vis.filter_visits(v, "top", "PAK", include_multilateral=False)
    i = list(pak_top["visit_id"]).index("v2022_imran_khan_moscow")
    assert pak_top.iloc[i - 1]["visit_id"] == "v2011_zardari_moscow"


# ------------------------------------------------------------------ charts
def test_charts_have_titles_descriptions_and_source_tooltips(visits):
    for chart in (vis.decade_chart(visits, title="T"),
                  vis.timeline_chart(visits, title="T", highlight=vis.longest_gap(visits))):
        spec = chart.to_dict()
        assert spec["title"] == "T" and spec.get("description")
        assert "Source" in json.dumps(spec)
    spec = vis.decade_chart(visits, title="T").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert sum(r["n"] for r in rows) == len(visits) and len(rows) < 100


def test_decade_chart_description_is_written_from_the_data(visits):
    desc = vis.decade_chart(visits, title="T").to_dict()["description"]
    assert f"counting {len(visits)} documented high-level visits" in desc
    for code, label in vis.DIRECTION_LABELS.items():
        mine = visits[visits["from_country"] == code]
        top = mine["decade"].value_counts()
        assert f"{label} {len(mine)} (most in the " in desc
        assert f": {top.max()})" in desc and f"{top.idxmax()}s" in desc
    assert vis.decade_chart(visits, title="T", description="given").to_dict()["description"] == "given"


# ------------------------------------------------------------------ exercises and quiz
def _solutions():
    v = load("visits")
    top = v["level"].isin(TOP)
    ex1 = int((top & (v["occasion"] == "bilateral")).sum())
    t = v[top].copy()
    t["when"] = [date_midpoint(d, p) for d, p in zip(t["date"], t["date_precision"])]
    t = t.sort_values("when").reset_index(drop=True)
    end = t["when"].diff().idxmax()
    ex2 = (int(t.loc[end - 1, "when"].year), int(t.loc[end, "when"].year))
    ex3 = v.loc[v["from_country"] == "RUS", "host_city"].value_counts().idxmax()
    return ex1, ex2, ex3


def test_exercise_checks_accept_solutions_and_reject_plausible_mistakes(raw):
    ex1, ex2, ex3 = _solutions()
    assert nb03.ex1(ex1).ok and nb03.ex2(ex2).ok and nb03.ex2(list(ex2)).ok and nb03.ex3(ex3).ok
    assert nb03.ex3(f"  {ex3.upper()} ").ok
    top = raw["level"].isin(TOP)
    # plausible mistakes get a specific hint
    r = nb03.ex1(int(top.sum()))
    assert r.status == "not_yet" and "multilateral" in r.message
    r = nb03.ex1(len(raw))
    assert r.status == "not_yet" and "top levels" in r.message
    r = nb03.ex2((1974, 1999))
    assert r.status == "not_yet" and "bilateral" in r.message
    r = nb03.ex2((1999, 2022))
    assert r.status == "not_yet" and "prime ministers in Moscow" in r.message
    r = nb03.ex2((ex2[1], ex2[0]))
    assert r.status == "not_yet" and "order" in r.message
    r = nb03.ex2((1969, 2007))
    assert r.status == "not_yet" and "heads of government" in r.message
    assert not nb03.ex2((ex2[0],)).ok
    r = nb03.ex3("Moscow")
    assert r.status == "not_yet" and "Pakistani visitors" in r.message
    # wrong types
    for check, bad in ((nb03.ex1, "11"), (nb03.ex1, 11.5), (nb03.ex2, "1974-1999"), (nb03.ex3, 6)):
        res = check(bad)
        assert res.status == "not_yet" and "expected" in res.message
    assert nb03.ex1(...).status == "blank"


def test_quiz_options_fit_on_one_line():
    # long options wrap badly in the radio-button widget: keep them on one line
    for q in load_quiz("03")["questions"]:
        assert max(len(o) for o in q["options"]) <= 100, q["id"]


def test_notebook_tags_and_sources_cell():
    nb = json.loads((ROOT / "notebooks" / "03_diplomacy.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "pkru.setup()" in "".join(code[0]["source"])
    assert 'pkru.show_sources(notebook="03")' in "".join(code[-1]["source"])
    for c in code:
        src = "".join(c["source"])
        if "explorer(" in src or "quiz.show(" in src:
            assert "nbval-ignore-output" in c["metadata"].get("tags", [])
