"""Tests for notebook 01 (history): data/phases.csv, pkru.lessons.nb01_history, the quiz and the exercise checks."""
import pandas as pd
import pytest

import pkru
from pkru.lessons import nb01_history as history
from pkru.checks import nb01


@pytest.fixture(scope="module")
def events():
    return pkru.load("events")


@pytest.fixture(scope="module")
def phases():
    return pkru.load("phases")


@pytest.fixture(scope="module")
def alliances():
    return pkru.load("alliances")


# ------------------------------------------------------------------ data/phases.csv
def test_phases_validate_and_are_contiguous(phases):
    p = phases.sort_values("start_year").reset_index(drop=True)
    assert list(p["phase_id"]) == list(phases["phase_id"]), "rows are in time order"
    for prev, nxt in zip(p.iloc[:-1].itertuples(), p.iloc[1:].itertuples()):
        assert pd.notna(prev.end_year), f"only the last phase may be open: {prev.phase_id}"
        assert prev.start_year <= prev.end_year
        assert nxt.start_year == prev.end_year + 1, f"gap or overlap between {prev.phase_id} and {nxt.phase_id}"
    assert pd.isna(p.iloc[-1]["end_year"]), "the last phase is still running"


def test_phases_are_labelled_as_interpretation(phases):
    assert phases["description"].str.startswith("Interpretation").all()


def test_phase_anchors_match_events(events, phases):
    ev = events.set_index("event_id")
    assert set(history.PHASE_ANCHORS) == set(phases["phase_id"])
    for _, p in phases.iterrows():
        eid, offset = history.PHASE_ANCHORS[p["phase_id"]]
        assert int(ev.loc[eid, "date"][:4]) + offset == p["start_year"], p["phase_id"]
        assert ev.loc[eid, "source_ids"] == p["source_ids"], p["phase_id"]


def test_post_soviet_distance_has_no_events(events, phases):
    """The phase description says the chronology records no event in 1990–1998."""
    p = phases.set_index("phase_id").loc["post_soviet_distance"]
    years = events["date"].str[:4].astype(int)
    assert not years.between(p["start_year"], p["end_year"]).any()


def test_datapackage_entry():
    res = pkru.data.resource("phases")
    assert res["schema"]["primaryKey"] == "phase_id"
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    assert list(fields) == ["phase_id", "label", "start_year", "end_year", "description", "source_ids"]
    assert fields["source_ids"]["sourceList"] is True
    assert fields["start_year"]["type"] == "integer" and fields["start_year"]["constraints"]["required"]
    assert not fields["end_year"]["constraints"].get("required")


def test_bad_phases_file_is_rejected(tmp_path):
    bad = tmp_path / "phases.csv"
    bad.write_text("phase_id,label,start_year,end_year,description,source_ids\n"
                   "x,X,1950,1960,Interpretation: test,no_such_source\n", encoding="utf-8")
    with pytest.raises(pkru.CourseDataError, match="unknown source id"):
        pkru.data.load_file("phases", bad)


# ------------------------------------------------------------------ phases and events
@pytest.mark.parametrize("year,expected", [(1947, None), (1948, "early_contacts"), (1953, "early_contacts"),
                                           (1954, "western_alignment"), (1971, "war_1971_and_after"),
                                           (1979, "afghan_war"), (1989, "afghan_war"),
                                           (1990, "post_soviet_distance"), (2040, "cooperation_after_2014")])
def test_phase_of_year(phases, year, expected):
    assert history.phase_of_year(year, phases) == expected


def test_phase_years_fills_the_open_end(phases):
    py = history.phase_years(phases, until=2030)
    assert py.iloc[-1]["end"] == 2030 and py.iloc[-1]["years"] == "2014–"
    assert list(py["n"]) == list(range(1, len(phases) + 1))


def test_events_in_phase(events, phases):
    thaw = history.events_in_phase(events, phases, "thaw_and_aid")
    ids = set(thaw["event_id"])
    assert {"ev1961_soviet_oil_credit", "ev1966_tashkent_declaration", "ev1969_kosygin_second_visit"} <= ids
    assert "ev1971_indo_soviet_treaty" not in ids and "ev1960_u2_shot_down" not in ids
    years = events["date"].str[:4].astype(int)
    assert len(thaw) == int(years.between(1961, 1970).sum())
    assert list(thaw["date"]) == sorted(thaw["date"])
    war = history.events_in_phase(events, phases, "afghan_war", group="security_conflict")
    assert "ev1979_soviet_intervention_afghanistan" in set(war["event_id"])
    assert "ev1988_geneva_accords" not in set(war["event_id"])  # diplomacy, not in this group
    assert set(war["category"]) <= {"security", "conflict"}
    with pytest.raises(KeyError):
        history.events_in_phase(events, phases, "no_such_phase")
    with pytest.raises(KeyError):
        history.events_in_phase(events, phases, "afghan_war", group="no_such_group")


def test_events_by_phase_counts(events, phases):
    counts = history.events_by_phase(events, phases, through=1991)
    cold = events[events["date"] < "1992"]
    assert counts["events"].sum() == len(cold)
    assert set(counts["phase_id"]) == {"early_contacts", "western_alignment", "thaw_and_aid",
                                       "war_1971_and_after", "afghan_war"}
    # independent count: economy + energy events of 1961–1970
    years = events["date"].str[:4].astype(int)
    direct = int((years.between(1961, 1970) & events["category"].isin(["economy", "energy"])).sum())
    got = counts[(counts["phase_id"] == "thaw_and_aid") & counts["category"].isin(["economy", "energy"])]
    assert got["events"].sum() == direct
    assert counts["source"].str.len().gt(0).all()


def test_anchor_table(events, phases):
    t = history.anchor_table(events, phases)
    assert len(t) == len(phases)
    assert t.iloc[0]["date"] == "1 May 1948"
    assert (t["rule"] != "starts the phase").sum() == 1


# ------------------------------------------------------------------ alliance obligations
def test_obligations_long(alliances):
    long = history.obligations_long(alliances)
    assert len(long) == len(alliances)
    us = long[long["partner"] == "USA"].set_index("year")
    assert us.loc[1960, "strongest"] == "defence"
    assert us.loc[1980, "strongest"] == "consultation"
    assert us.loc[1950, "strongest"] == history.NO_OBLIGATION
    assert set(long["partner_name"]) == {"United States", "China", "USSR/Russia", "India"}
    assert (long["source"] != "").all()


def test_first_obligation_year(alliances):
    kinds = list(history.OBLIGATIONS)
    for code in history.PARTNERS:
        rows = alliances[(alliances["partner"] == code) & (alliances[kinds].max(axis=1) == 1)]
        expected = int(rows["year"].min()) if len(rows) else None
        assert history.first_obligation_year(code, alliances) == expected, code
    assert history.first_obligation_year("IND", alliances) == 1966  # the answer of exercise 3
    assert history.first_obligation_year("XXX", alliances) is None


def test_obligations_in_years(alliances):
    t = history.obligations_in_years(alliances, (1954, 1960)).set_index("partner")
    assert t.loc["United States", "years with an obligation"] == "7 of 7"
    assert t.loc["United States", "first year"] == 1954
    assert "defence" in t.loc["United States", "kinds of obligation"]
    assert t.loc["USSR/Russia", "years with an obligation"] == "0 of 7"
    assert t.loc["USSR/Russia", "kinds of obligation"] == history.NO_OBLIGATION
    assert pd.isna(t.loc["USSR/Russia", "first year"])
    late = history.obligations_in_years(alliances, (2014, 2025)).set_index("partner")
    assert late.loc["China", "years with an obligation"] == "5 of 5"  # ATOP ends in 2018
    assert history.obligations_in_years(alliances, (1960, 1954)).equals(
        history.obligations_in_years(alliances, (1954, 1960)))


# ------------------------------------------------------------------ explorer logic and widget
def test_phase_view(events, phases, alliances):
    v = history.phase_view("thaw_and_aid", "all", events, phases, alliances)
    years = events["date"].str[:4].astype(int)
    n = int(years.between(1961, 1970).sum())
    assert v["sentence"] == f"Thaw and Soviet aid (1961–1970): {n} events in the chronology."
    assert len(v["events"]) == n
    assert list(v["events"].columns) == ["date", "event", "category", "confidence", "source"]
    assert v["interpretation"].startswith("Interpretation")
    assert len(v["obligations"]) == 4
    ob = v["obligations"].set_index("partner")
    assert ob.loc["United States", "first year in this phase"] == "1961"
    assert ob.loc["USSR/Russia", "first year in this phase"] == "—"
    html = pkru.tables.html(v["events"])
    assert "USSR lends Pakistan money to search for oil and gas" in html  # long titles are not truncated
    empty = history.phase_view("post_soviet_distance", "all", events, phases, alliances)
    assert empty["events"].empty and "no events" in empty["sentence"]
    sec = history.phase_view("thaw_and_aid", "security_conflict", events, phases, alliances)
    assert 0 < len(sec["events"]) < len(v["events"])
    assert "security and conflict" in sec["sentence"]


def test_phase_view_sentence_counts(events, phases):
    shown = history.events_in_phase(events, phases, "afghan_war")
    s = history.describe_phase(phases, "afghan_war", shown)
    assert s == f"Afghanistan war (1979–1989): {len(shown)} events in the chronology."


def test_phase_explorer_builds_and_reacts():
    assert history.phase_explorer is history.explorer  # the old name, for learners' saved copies
    box = history.explorer()
    dropdowns = [c for c in box.children if hasattr(c, "options")]
    assert len(dropdowns) == 2 and all(d.description for d in dropdowns)
    phase, group = dropdowns
    assert phase.value == "thaw_and_aid"
    phase.value = "afghan_war"       # must re-render without raising
    group.value = "security_conflict"


# ------------------------------------------------------------------ charts
@pytest.mark.parametrize("build", ["timeline", "obligations", "counts"])
def test_charts_have_description_and_source_tooltips(events, phases, alliances, build):
    if build == "timeline":
        chart = history.phase_timeline(events, phases, (1947, 1989), title="t")
    elif build == "obligations":
        chart = history.obligations_chart(alliances, {"ev1954_seato_manila_pact": "SEATO",
                                                      "ev1966_tashkent_declaration": "Tashkent"}, title="t")
    else:
        chart = history.phase_counts_chart(history.events_by_phase(events, phases, through=1991), title="t")
    spec = chart.to_dict()
    assert spec.get("description") and spec.get("title")
    tips = list(_tooltips(spec))
    assert tips, "no tooltips"
    assert any(t.get("field") == "source" for t in tips), "a tooltip must show the source"


def test_chart_descriptions_are_written_from_the_data(events, phases, alliances):
    cold = events[events["date"].between("1947", "1990")]
    spec = history.phase_timeline(events, phases, (1947, 1989), title="t").to_dict()
    assert spec["description"].startswith(f"Timeline of {len(cold)} dated events from 1947 to 1989")
    marks = {"ev1954_seato_manila_pact": "SEATO", "ev1979_pakistan_leaves_cento": "leaves CENTO"}
    desc = history.obligations_chart(alliances, marks, title="t").to_dict()["description"]
    assert f"by {alliances['year'].nunique()} years ({alliances['year'].min()}–{alliances['year'].max()})" in desc
    assert desc.endswith("Dashed lines mark SEATO (1954), leaves CENTO (1979).")
    counts = history.events_by_phase(events, phases, through=1991)
    desc = history.phase_counts_chart(counts, title="t").to_dict()["description"]
    assert f"{len(counts)} phase-category pairs, {len(events[events['date'] < '1992'])} events in all" in desc
    given = history.phase_counts_chart(counts, title="t", description="given").to_dict()["description"]
    assert given == "given"


def _tooltips(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "tooltip" and isinstance(v, list):
                yield from (t for t in v if isinstance(t, dict))
            else:
                yield from _tooltips(v)
    elif isinstance(node, list):
        for v in node:
            yield from _tooltips(v)


# ------------------------------------------------------------------ quiz


# ------------------------------------------------------------------ exercise checks
@pytest.mark.parametrize("check,solution,wrong,wrong_type", [
    (nb01.ex1, 19, 38, "19"),
    (nb01.ex2, "thaw_and_aid", "afghan_war", 3),
    (nb01.ex3, 1966, 1954, "1966"),
])
def test_checks_accept_solution_and_reject_wrong(check, solution, wrong, wrong_type):
    assert check(solution).ok, check(solution)
    assert not check(wrong).ok
    assert check(wrong_type).status == "not_yet" and "expected" in check(wrong_type).message
    assert check(...).status == "blank"


def test_check_solutions_are_computed_from_data(alliances, events, phases):
    """The solution values above must equal what the data give (so the test is not self-fulfilling)."""
    us = alliances[(alliances["partner"] == "USA") & (alliances["defense"] == 1)]
    assert len(us) == 19
    kinds = list(history.OBLIGATIONS)
    ind = alliances[(alliances["partner"] == "IND") & (alliances[kinds].max(axis=1) == 1)]
    assert int(ind["year"].min()) == 1966
    c = history.events_by_phase(events, phases, through=1991)
    econ = c[c["category"].isin(["economy", "energy"])].groupby("phase_id")["events"].sum()
    assert econ.idxmax() == "thaw_and_aid"


def test_check_hints_are_specific():
    assert "any" in nb01.ex1(38).message                      # counted any obligation
    assert "phase_id" in nb01.ex2("Thaw and Soviet aid").message  # gave the label
    assert "before 1992" in nb01.ex2("cooperation_after_2014").message
    assert "IND" in nb01.ex3(1954).message                    # took the US start year


def test_phase_view_works_for_every_choice(events, phases, alliances):
    """The explorer shows errors as messages, so check every choice of its two controls directly."""
    for pid in phases["phase_id"]:
        sizes = {}
        for group in history.EVENT_GROUPS:
            v = history.phase_view(pid, group, events, phases, alliances)
            assert isinstance(v["events"], pd.DataFrame) and len(v["obligations"]) == 4
            sizes[group] = len(v["events"])
        assert sizes["all"] == sizes["diplomacy_economy"] + sizes["security_conflict"], pid


def test_prose_statements_of_the_thaw_and_the_afghan_war_match_the_data(events):
    """Notebook 01's corrected sentences (issue 15), tied to the tables they rest on."""
    arms = pkru.load("arms_imports")
    soviet = arms[(arms["recipient"] == "PAK") & (arms["supplier"] == "Soviet Union") & (arms["tiv"] > 0)]
    # "SIPRI's data record Soviet arms deliveries to Pakistan in 1966 and in 1968–70"
    assert sorted(soviet.loc[soviet["year"].between(1960, 1979), "year"]) == [1966, 1968, 1969, 1970]
    v = pkru.load("visits").set_index("visit_id")
    # "Ayub was back in Moscow for talks in September 1967"; "Grechko came in 1969"
    assert v.loc["v1967_ayub_moscow", "date"].startswith("1967-09") and v.loc["v1967_ayub_moscow", "host_city"] == "Moscow"
    assert v.loc["v1969_grechko_pakistan", "date"] == "1969" and v.loc["v1969_grechko_pakistan", "level"] == "defence_minister"
    # Zia's two funeral trips, November 1982 and March 1985
    zia = v[v["visitor"] == "Zia-ul-Haq"]
    assert sorted(zia["date"].str[:7]) == ["1982-11", "1985-03"] and set(zia["occasion"]) == {"multilateral"}
    # "The course's chronology then records nothing until 1999": no event between the withdrawal and 1999
    after = events[(events["date"] > "1989-02-15") & (events["date"] < "1999")]
    assert after.empty
    # three vetoes: two on 5 December 1971, one on 13 December
    veto = events.set_index("event_id").loc["ev1971_soviet_veto_ceasefire"]
    assert "5 December" in veto["summary"] and "13 December" in veto["summary"]
