"""Notebook 09 (culture): the people-to-people search, the source and confidence tables, the evidence-audit
logic behind the widget, the charts, the quiz and the exercise checks — on the real data."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from pkru.lessons import nb09_culture as cu
from pkru.checks import nb09
from pkru.data import load, split_ids
from pkru.exercises import Result
from pkru.quiz import load_quiz
from pkru.sources import ids_used_by

from conftest import solution_namespace


@pytest.fixture(scope="module")
def events():
    return load("events")


@pytest.fixture(scope="module")
def sources():
    return load("sources")


# ------------------------------------------------------------------ people-to-people content
def test_matched_fields_is_narrow():
    assert cu.matched_fields("signed accords on cultural exchange and education") == ["culture", "education"]
    assert cu.matched_fields("an agreement on air transportation") == ["air links"]
    assert cu.matched_fields("They also signed an accord on air links") == ["air links"]   # missed before issue 15
    assert cu.matched_fields("an air linkage of ideas") == []
    # a note about a source's language is not a language tie
    assert cu.matched_fields("Only one Portuguese-language page gives this") == []
    assert cu.matched_fields("Russian language teaching at two universities") == ["language teaching"]
    assert cu.matched_fields("agricultural machinery") == []  # 'cultur' must start a word


def test_people_to_people_events_on_real_data(events):
    p2p = cu.people_to_people_events(events)
    ids = list(p2p["event_id"])
    culture_ids = set(events.loc[events["category"] == "culture", "event_id"])
    assert culture_ids <= set(ids)
    for eid in ["ev1963_air_transport_agreement", "ev2003_musharraf_kremlin_talks", "ev2011_zardari_official_visit",
                "ev2023_eighth_igc_islamabad", "ev2024_overchuk_visit_mou"]:
        assert eid in ids
    # the keyword false positives the module guards against stay out
    assert "ev2006_pakistan_applies_sco_membership" not in ids
    assert "ev2024_brics_kazan_partner_list" not in ids
    assert list(p2p["when"]) == sorted(p2p["when"])
    assert set(p2p.loc[p2p["category"] == "culture", "where"]) == {"culture category"}
    assert p2p.set_index("event_id").loc["ev1963_air_transport_agreement", "where"] == "clause in an economy event"
    assert (p2p["fields"] != "").all() and p2p["source"].str.len().gt(0).all()


def test_political_context(events):
    ctx = cu.political_context(events, "ev1965_cultural_scientific_agreement")
    assert ctx["event_id"] == "ev1965_ayub_visits_ussr"
    assert 30 < ctx["days"] < 70  # April 1965 (mid-month) to 5 June 1965
    assert cu.political_context(events, "ev1949_soviet_writers_lahore")["event_id"] == "ev1949_liaquat_invitation"
    assert cu.political_context(events, "ev1963_air_transport_agreement") is None
    # a shorter window drops a contact that is too far back
    assert cu.political_context(events, "ev1949_soviet_writers_lahore", within_days=30) is None
    with pytest.raises(KeyError):
        cu.political_context(events, "ev1900_nothing")


def test_people_table(events):
    t = cu.people_table(events)
    assert len(t) == len(cu.people_to_people_events(events))
    before = dict(zip(t["event"], t["diplomatic contact in the year before"]))
    assert before["Air transport agreement signed"] == ""
    assert before["Kremlin summit between Musharraf and Putin"] == "(itself a diplomatic event)"
    assert "Ayub" in before["Culture and science accord with the USSR"]


# ------------------------------------------------------------------ shape of the record
def test_category_share_and_decade_counts(events):
    assert cu.category_share(events, "culture") == pytest.approx((events["category"] == "culture").sum() / len(events))
    with pytest.raises(KeyError):
        cu.category_share(events, "sport")
    d = cu.category_decade_counts(events)
    assert d["events"].sum() == len(events)
    assert d.groupby("decade")["share"].sum().round(9).eq(1).all()
    cult = d[d["category"] == "culture"]
    assert list(cult["decade"]) == [1940, 1960] and list(cult["events"]) == [1, 1]
    assert (cult["order"] == 0).all() and d["source"].str.len().gt(0).all()
    assert cu.decade_of(1965) == 1960 and cu.decade_of("2003") == 2000


def test_citations_and_source_kinds(events, sources):
    c = cu.citations(events, sources)
    assert len(c) == sum(len(split_ids(v)) for v in events["source_ids"])
    k = cu.source_kind_shares(events, sources)
    assert k.groupby("category")["share"].sum().round(9).eq(1).all()
    cult = k[k["category"] == "culture"].set_index("kind")["citations"].to_dict()
    assert cult == {"encyclopedia": 1, "official": 1}
    src_kind = sources.set_index("source_id")["kind"]
    multi = events.loc[events["category"] == "multilateral", "source_ids"]
    assert set(k.loc[k["category"] == "multilateral", "kind"]) == {src_kind[s] for v in multi for s in split_ids(v)}
    assert k.loc[k["category"] == "culture", "label"].iloc[0] == "culture (2 events)"


def test_confidence_and_single_source(events):
    conf = cu.confidence_shares(events)
    assert conf.groupby("category")["events"].sum().sum() == len(events)
    assert conf.loc[conf["category"] == "culture", "confidence"].tolist() == ["medium"]
    single = cu.single_source_share(events)
    assert single["culture"] == 1.0
    assert single.drop("culture").idxmax() == "economy"
    assert single["energy"] == 0.0


# ------------------------------------------------------------------ the evidence audit (widget logic)
def test_evidence_audit_culture(events, sources):
    a = cu.evidence_audit(events, sources, "culture")
    assert a["events"] == 2 and a["single_source"] == 2 and a["distinct_sources"] == 2
    assert a["confidence"] == {"high": 0, "medium": 2, "low": 0}
    assert a["kinds"] == {"encyclopedia": 1, "official": 1}
    assert a["publishers"] == ["Consulate General of Russia in Karachi", "Great Soviet Encyclopedia (via mdict.net)"]
    assert a["share_of_period"] == pytest.approx(2 / len(events))
    text = cu.audit_sentence(a)
    assert text.startswith("2 culture events in all years") and "both rest on a single source" in text


def test_evidence_audit_matches_plain_pandas(events, sources):
    years = (2014, 2025)
    a = cu.evidence_audit(events, sources, "security", years)
    y = events["date"].str[:4].astype(int)
    sel = events[(events["category"] == "security") & y.between(*years)]
    assert a["events"] == len(sel)
    assert a["confidence"]["high"] == int((sel["confidence"] == "high").sum())
    assert a["share_of_period"] == pytest.approx(len(sel) / int(y.between(*years).sum()))
    ids = {s for v in sel["source_ids"] for s in split_ids(v)}
    assert a["distinct_sources"] == len(ids)
    assert sum(a["kinds"].values()) == len(ids)
    # reversed years work the same way; ALL covers every category
    assert cu.evidence_audit(events, sources, "security", (2025, 2014)) == a
    everything = cu.evidence_audit(events, sources, cu.ALL)
    assert everything["events"] == len(events) and everything["share_of_period"] == 1.0


def test_empty_audit_and_bad_category(events, sources):
    a = cu.evidence_audit(events, sources, "culture", (1970, 1999))
    assert a["events"] == 0 and a["single_source"] == 0 and a["kinds"] == {}
    assert cu.audit_sentence(a).startswith("No culture events in 1970–1999")
    assert cu.audit_table(events, sources, "culture", (1970, 1999)).empty
    with pytest.raises(KeyError):
        cu.evidence_audit(events, sources, "sport")


def test_audit_sentence_grammar(events, sources):
    one = cu.evidence_audit(events, sources, cu.ALL, (1990, 1999))
    assert one["events"] == 1
    s = cu.audit_sentence(one)
    assert s.startswith("1 event in 1990–1999") and "It is backed by" in s
    assert "in 2014 (" in cu.audit_sentence(cu.evidence_audit(events, sources, "security", (2014, 2014)))


def test_audit_table(events, sources):
    t = cu.audit_table(events, sources, "culture")
    assert list(t["event"]) == ["Union of Soviet Writers sends a group to Lahore", "Culture and science accord with the USSR"]
    assert list(t["sources"]) == [1, 1] and set(t["kinds"]) == {"official", "encyclopedia"}
    assert len(cu.audit_table(events, sources, cu.ALL, limit=5)) == 5


def test_audit_view_and_widget(events, sources):
    out = cu.audit_view(events, sources, "culture")
    assert isinstance(out, tuple) and isinstance(out[-1], pd.DataFrame) and len(out[-1]) == 2
    box = cu.evidence_audit_explorer(events, sources)
    dropdown, slider = box.children[1], box.children[2]
    assert dropdown.value == "culture" and dropdown.description == "Category"
    assert slider.description == "Years" and slider.value == (slider.min, slider.max)
    dropdown.value = "security"  # moving a control re-renders without raising
    assert box.children[-1] is not None


# ------------------------------------------------------------------ what evidence would we need?
def test_evidence_needs_names_kinds_not_figures():
    t = cu.EVIDENCE_NEEDS
    assert len(t) >= 6 and t.iloc[:, 0].is_unique
    text = " ".join(t.astype(str).values.ravel())
    assert "http" not in text and not any(ch.isdigit() for ch in text)  # no addresses, no numbers


# ------------------------------------------------------------------ charts
def _spec(chart):
    return chart.to_dict()


def test_charts_have_titles_descriptions_and_source_tooltips(events, sources):
    charts = [cu.decade_chart(events, title="t1"), cu.sources_confidence_chart(events, sources, title="t2"),
              cu.people_timeline(events, {"ev2014_defence_cooperation_agreement": "defence accord"}, title="t3")]
    for ch in charts:
        spec = _spec(ch)
        assert spec["title"] in ("t1", "t2", "t3") and spec["description"]
        assert '"Source"' in json.dumps(spec)
    desc = _spec(charts[0])["description"]
    assert "1 in the 1940s" in desc and "1 in the 1960s" in desc


def test_chart_data_is_aggregated(events):
    spec = _spec(cu.decade_chart(events, title="t"))
    rows = sum(len(v) for v in spec["datasets"].values())
    assert rows < 100


# ------------------------------------------------------------------ quiz


# ------------------------------------------------------------------ exercise checks
@pytest.fixture(scope="module")
def solution():
    return solution_namespace("09_culture")


def test_ex1_accepts_solution_and_rejects_wrong(solution, events):
    assert nb09.ex1(solution["culture_pct"]).ok
    n = int((events["category"] == "culture").sum())
    frac = nb09.ex1(solution["culture_pct"] / 100)
    assert not frac.ok and "fraction" in frac.message
    count = nb09.ex1(n)
    assert not count.ok and "number of culture events" in count.message
    assert nb09.ex1("2.3").status == "not_yet" and "expected" in nb09.ex1("2.3").message
    assert nb09.ex1(...).status == "blank"


def test_ex2_accepts_solution_and_rejects_wrong(solution):
    assert nb09.ex2(solution["thinnest_other"]).ok
    assert nb09.ex2(" Economy ").ok  # spacing and capitals do not matter
    r = nb09.ex2("culture")
    assert not r.ok and "other" in r.message
    r = nb09.ex2("diplomacy")
    assert not r.ok and "most events" in r.message
    assert not nb09.ex2("sport").ok
    assert nb09.ex2(3).status == "not_yet"


def test_ex3_accepts_solution_and_rejects_wrong(solution, events):
    ans = solution["hidden_ids"]
    assert nb09.ex3(ans).ok and nb09.ex3(tuple(reversed(ans))).ok
    with_culture = ans + list(events.loc[events["category"] == "culture", "event_id"])
    r = nb09.ex3(with_culture)
    assert not r.ok and "category != 'culture'" in r.message
    r = nb09.ex3(["ev2003_musharraf_kremlin_talks"])
    assert not r.ok and "education" in r.message
    assert not nb09.ex3(ans[:-1]).ok
    assert nb09.ex3("ev2003_musharraf_kremlin_talks").status == "not_yet"
    assert isinstance(nb09.ex3(object()), Result) and nb09.ex3(object()).status == "not_yet"


def test_sources_of_the_people_to_people_table_are_cited(events):
    ids = cu.cited_source_ids(events)
    by_id = events.set_index("event_id")["source_ids"]
    for event_id in cu.people_to_people_events(events)["event_id"]:
        assert set(split_ids(by_id[event_id])) <= set(ids), event_id
    ctx = cu.political_context(events, "ev1965_cultural_scientific_agreement")
    assert set(split_ids(by_id[ctx["event_id"]])) <= set(ids)
    assert set(ids) <= set(ids_used_by("09"))
    assert cu.evidence_audit_explorer is cu.explorer


# ------------------------------------------------------------------ figures and lists typed in the prose (issue 15)
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _markdown(stem: str) -> str:
    from conftest import ROOT

    book = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return " ".join(" ".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "markdown").split())


def test_what_the_prose_types_matches_the_data(events):
    text = _markdown("09_culture")
    n_culture = int((events["category"] == "culture").sum())
    assert f"the {WORDS[n_culture]} cultural events in the chronology" in text
    assert f"Here are the {WORDS[n_culture]} events whose category is *culture*" in text
    # the Evidence box lists the events found inside other categories, with their years
    p2p = cu.people_to_people_events(events)
    clauses = p2p[p2p["category"] != "culture"]
    years = ", ".join(str(y) for y in clauses["when"].dt.year)
    assert f"{WORDS[len(clauses)]} events whose summaries mention culture, education or air links ({years});" in text
    # 'cultural items arrive with political openings (1965, 2003, 2011, the 2020s)': each year holds such an item
    item_years = set(p2p["when"].dt.year)
    assert {1965, 2003, 2011} <= item_years and any(y >= 2020 for y in item_years)
    assert "(1965, 2003, 2011, the 2020s)" in text
    # 'the dense grey band after 2014 holds just two diamonds'
    assert f"holds just {WORDS[int((clauses['when'].dt.year > 2014).sum())]} diamonds" in text
    # 'the 1990s are the thinnest decade of all'
    per_decade = cu.category_decade_counts(events).groupby("decade")["events"].sum()
    assert per_decade.idxmin() == 1990 and "The 1990s are the thinnest decade of all" in text
    # the 2003 summit: the last bilateral visit by a Pakistani head of state before it, from data/visits.csv
    v = load("visits")
    prior = v[(v["from_country"] == "PAK") & (v["level"] == "head_of_state") & (v["occasion"] == "bilateral")
              & (v["date"] < "2003")].sort_values("date").iloc[-1]
    assert prior["visitor"] == "Z. A. Bhutto" and prior["date"][:4] == "1972"
    assert "the first bilateral visit by a Pakistani head of state since Z. A. Bhutto's in 1972" in text
    assert "roughly three decades" not in text
