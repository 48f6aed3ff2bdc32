"""Notebook 09 (culture): culture and people-to-people ties, what the record holds and how thin it is.

Plain functions (tested in tests/test_nb09_culture.py); the chart builders and the widget only wire them.
Nothing here adds a fact: every count is computed from data/events.csv and data/sources.csv.

- ``PEOPLE_TERMS`` / ``people_to_people_events``: events whose category is *culture*, or whose summary
  mentions culture, education, science, writers or air links (a keyword search, so a starting point for
  reading, not a classification).
- ``political_context``: the latest diplomatic event shortly before a given event.
- ``category_decade_counts`` / ``category_share``: how the chronology splits by category and decade.
- ``citations`` / ``source_kind_shares`` / ``confidence_shares``: which kinds of source stand behind the
  events of each category, and how confident the course is about them.
- ``evidence_audit`` / ``audit_sentence`` / ``audit_table``: the logic of the "evidence audit" widget.
- ``EVIDENCE_NEEDS``: the evidence a study of people-to-people ties would need (kinds of sources only,
  no figures: the course has checked none of them).
- ``decade_chart``, ``sources_confidence_chart``, ``people_timeline``: the notebook's charts.
- ``explorer``: the widget (the evidence audit; ``evidence_audit_explorer`` is its old name).
- ``CITED_EVENTS`` / ``CITED_SOURCES`` / ``cited_source_ids``: what the notebook's prose cites, for its Sources.
"""
from __future__ import annotations

import html
import re

import altair as alt
import pandas as pd

from ..charts import CATEGORY_COLORS, category_scale, event_rules, finish, pick_events
from ..data import events_for_plot, load, source_label, split_ids

__all__ = [
    "PEOPLE_TERMS", "CATEGORIES", "ALL", "KIND_COLORS", "CONFIDENCE_COLORS", "decade_of", "matched_fields",
    "people_to_people_events", "political_context", "people_table", "category_share", "category_decade_counts",
    "citations", "source_kind_shares", "confidence_shares", "single_source_share", "select_events",
    "evidence_audit", "audit_sentence", "audit_table", "EVIDENCE_NEEDS", "decade_chart",
    "sources_confidence_chart", "people_timeline", "audit_view", "explorer", "evidence_audit_explorer",
    "CITED_EVENTS", "CITED_SOURCES", "cited_source_ids",
]

#: Events the notebook's prose recounts: the political setting of the 1949 writers' visit (relations agreed,
#: the Liaquat invitation, his US visit), of the 1965 accord (Ayub's visit), and the alliances and wars behind
#: the thin record (SEATO, the Baghdad Pact, the 1971 treaty, the Soviet war in Afghanistan).
CITED_EVENTS = ["ev1948_relations_established", "ev1949_liaquat_invitation", "ev1950_liaquat_us_visit",
                "ev1954_seato_manila_pact", "ev1955_baghdad_pact", "ev1965_ayub_visits_ussr",
                "ev1971_indo_soviet_treaty", "ev1979_soviet_intervention_afghanistan"]
#: The two seed documents whose claims about culture the notebook checks, and the sources of the corrections of
#: issue 15 (a cultural agreement in force by 1964, the 2019 museum memorandum, Zia's funeral trips to Moscow).
CITED_SOURCES = ["seed_paper", "seed_press_release", "dawn_2014_past_pages_1964_ayub_visit",
                 "nation_2019_peshawar_moscow_museums_mou", "dawn_2019_russia_conserve_kp_heritage",
                 "press_1982_andropov_wastes_no_time", "washington_post_1985_gorbachev_warns_afghan_aid"]

# Words in an event summary that signal people-to-people content (field -> regular expression).
PEOPLE_TERMS = {
    "culture": r"\bcultur",
    "education": r"\beducat",
    "science": r"\bscien",
    "writers and arts": r"\bwriters?\b",
    # "air transport(ation)", "air links", "air services" (the 2011 accord on air links was missed before issue 15)
    "air links": r"\bair (transport|links?\b|services?\b)",
    "students": r"\bstudents?\b",
    # "language" alone would also match notes such as "a Portuguese-language page" (about a source, not a tie)
    "language teaching": r"\blanguage (teaching|courses?|stud)",
    "tourism": r"\btouris",
}

CATEGORIES = list(CATEGORY_COLORS)
ALL = "all categories"
KIND_COLORS = {"official": "#0072B2", "encyclopedia": "#E69F00", "scholarly": "#009E73", "news": "#56B4E9",
               "dataset": "#CC79A7", "seed": "#000000"}
CONFIDENCE_COLORS = {"high": "#009E73", "medium": "#E69F00", "low": "#D55E00"}


def _events(events: pd.DataFrame | None) -> pd.DataFrame:
    return load("events") if events is None else events


def _sources(sources: pd.DataFrame | None) -> pd.DataFrame:
    return load("sources") if sources is None else sources


def _short_sources(ids, sources: pd.DataFrame, limit: int = 3) -> str:
    """Readable label for many source ids: the first ``limit`` labels and 'and N more'."""
    ids = list(dict.fromkeys(ids))
    shown = source_label(";".join(ids[:limit]), sources)
    return shown + (f"; and {len(ids) - limit} more" if len(ids) > limit else "")


def decade_of(year: int) -> int:
    """1965 -> 1960"""
    return int(year) // 10 * 10


# ------------------------------------------------------------------ people-to-people content
def matched_fields(summary: str, terms: dict[str, str] | None = None) -> list[str]:
    """The fields of ``PEOPLE_TERMS`` whose pattern occurs in a summary (case-insensitive), in table order."""
    terms = PEOPLE_TERMS if terms is None else terms
    return [field for field, pat in terms.items() if re.search(pat, str(summary), flags=re.I)]


def people_to_people_events(events: pd.DataFrame | None = None, terms: dict[str, str] | None = None) -> pd.DataFrame:
    """Events of category *culture* plus events of any category whose summary mentions a people-to-people
    field. Adds ``fields`` (what matched, comma-separated), ``where`` ('culture category' or 'clause in a
    <category> event'), the plotting columns of ``events_for_plot`` and a ``source`` label; date order."""
    ev = events_for_plot(_events(events))
    ev["fields"] = [", ".join(matched_fields(s, terms)) for s in ev["summary"]]
    keep = (ev["category"] == "culture") | (ev["fields"] != "")
    out = ev[keep].copy()
    out["where"] = ["culture category" if c == "culture" else
                    f"clause in an {c} event" if c[0] in "aeiou" else f"clause in a {c} event" for c in out["category"]]
    return out.sort_values("when", kind="stable").reset_index(drop=True)


def political_context(events: pd.DataFrame | None, event_id: str, within_days: int = 365,
                      category: str = "diplomacy") -> dict | None:
    """The latest event of ``category`` dated before ``event_id`` and at most ``within_days`` earlier
    (plotting dates: a month-level date counts as mid-month). Returns {event_id, title, when_label, days}
    or None when there is none."""
    ev = events_for_plot(_events(events)).set_index("event_id", drop=False)
    if event_id not in ev.index:
        raise KeyError(f"Unknown event id '{event_id}': see data/events.csv")
    when = ev.loc[event_id, "when"]
    prior = ev[(ev["category"] == category) & (ev["event_id"] != event_id) & (ev["when"] < when)
               & (ev["when"] >= when - pd.Timedelta(days=within_days))]
    if prior.empty:
        return None
    p = prior.sort_values("when").iloc[-1]
    return {"event_id": p["event_id"], "title": p["title"], "when_label": p["when_label"],
            "days": int((when - p["when"]).days)}


def people_table(events: pd.DataFrame | None = None, within_days: int = 365) -> pd.DataFrame:
    """The people-to-people events as a small readable table, with the diplomatic contact just before each
    (``political_context``; empty when there was none within ``within_days``; a diplomacy event is marked
    as itself a diplomatic event)."""
    p2p = people_to_people_events(events)
    rows = []
    for _, r in p2p.iterrows():
        ctx = political_context(events, r["event_id"], within_days)
        if r["category"] == "diplomacy":
            before = "(itself a diplomatic event)"
        else:
            before = f"{ctx['title']} ({ctx['when_label']})" if ctx else ""
        rows.append({"date": r["when_label"], "event": r["title"], "where": r["where"], "fields": r["fields"],
                     "diplomatic contact in the year before": before, "confidence": r["confidence"],
                     "source": r["source"]})
    return pd.DataFrame(rows)


def cited_source_ids(events: pd.DataFrame | None = None) -> list[str]:
    """The sources of the people-to-people table: each event found (culture category or keyword) and the
    diplomatic contact the table sets before it."""
    ev = _events(events)
    by_id = ev.set_index("event_id")["source_ids"]
    ids = []
    for event_id in people_to_people_events(ev)["event_id"]:
        ids += split_ids(by_id[event_id])
        ctx = political_context(ev, event_id)
        if ctx:
            ids += split_ids(by_id[ctx["event_id"]])
    return list(dict.fromkeys(ids))


# ------------------------------------------------------------------ the shape of the chronology
def category_share(events: pd.DataFrame | None, category: str) -> float:
    """Share (0–1) of all events whose category is ``category``."""
    ev = _events(events)
    if category not in CATEGORIES:
        raise KeyError(f"Unknown category '{category}': choose one of {', '.join(CATEGORIES)}")
    return float((ev["category"] == category).mean()) if len(ev) else float("nan")


def category_decade_counts(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events per decade and category (only combinations that occur), with the share of the decade's events,
    the decade's total, an ``order`` for stacking (culture first) and a ``source`` label for tooltips."""
    ev = _events(events).copy()
    src = _sources(sources)
    ev["decade"] = [decade_of(d[:4]) for d in ev["date"]]
    rows = []
    for (dec, cat), g in ev.groupby(["decade", "category"]):
        ids = [s for v in g["source_ids"] for s in split_ids(v)]
        rows.append({"decade": int(dec), "category": cat, "events": len(g),
                     "titles": "; ".join(g.sort_values("date")["title"]), "source": _short_sources(ids, src)})
    out = pd.DataFrame(rows)
    totals = out.groupby("decade")["events"].transform("sum")
    out["decade_total"] = totals.astype(int)
    out["share"] = out["events"] / totals
    out["decade_label"] = out["decade"].astype(str) + "s"
    out["order"] = out["category"].map({c: i for i, c in enumerate(["culture", *[c for c in CATEGORIES
                                                                                  if c != "culture"]])})
    return out.sort_values(["decade", "order"]).reset_index(drop=True)


# ------------------------------------------------------------------ sources and confidence
def citations(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (event, source) pair: event_id, category, confidence, source_id, kind, publisher."""
    ev = _events(events)
    src = _sources(sources).set_index("source_id")
    rows = []
    for _, r in ev.iterrows():
        for sid in split_ids(r["source_ids"]):
            rows.append({"event_id": r["event_id"], "category": r["category"], "confidence": r["confidence"],
                         "source_id": sid, "kind": src.loc[sid, "kind"], "publisher": src.loc[sid, "publisher"]})
    return pd.DataFrame(rows, columns=["event_id", "category", "confidence", "source_id", "kind", "publisher"])


def _label_by_category(ev: pd.DataFrame) -> dict:
    n = ev["category"].value_counts()
    return {c: f"{c} ({int(n[c])} event{'s' if n[c] != 1 else ''})" for c in n.index}


def source_kind_shares(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per category and source kind: citations (event–source pairs), their share of the category's citations,
    the category's number of events and a ``label`` such as 'culture (2 events)'."""
    ev = _events(events)
    src = _sources(sources)
    c = citations(ev, src)
    out = c.groupby(["category", "kind"]).agg(citations=("source_id", "size"),
                                               ids=("source_id", lambda s: list(s))).reset_index()
    out["share"] = out["citations"] / out.groupby("category")["citations"].transform("sum")
    out["label"] = out["category"].map(_label_by_category(ev))
    out["source"] = [_short_sources(ids, src) for ids in out["ids"]]
    return out.drop(columns="ids").sort_values(["category", "kind"]).reset_index(drop=True)


def confidence_shares(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per category and confidence grade: events, share of the category's events, and the ``label``."""
    ev = _events(events)
    out = ev.groupby(["category", "confidence"]).size().rename("events").reset_index()
    out["share"] = out["events"] / out.groupby("category")["events"].transform("sum")
    out["label"] = out["category"].map(_label_by_category(ev))
    out["source"] = "confidence column of data/events.csv (course grading of each event's sources)"
    return out.sort_values(["category", "confidence"]).reset_index(drop=True)


def single_source_share(events: pd.DataFrame | None = None) -> pd.Series:
    """Per category: share (0–1) of events that rest on exactly one source."""
    ev = _events(events)
    one = ev["source_ids"].map(lambda v: len(split_ids(v)) == 1)
    return one.groupby(ev["category"]).mean().astype(float)


# ------------------------------------------------------------------ the evidence audit (widget logic)
def select_events(events: pd.DataFrame | None, category: str = "culture", years: tuple[int, int] | None = None):
    """Events of one category (or ``ALL``) within ``years`` (inclusive; None = every year), in date order."""
    ev = _events(events)
    if category != ALL and category not in CATEGORIES:
        raise KeyError(f"Unknown category '{category}': choose one of {', '.join(CATEGORIES)} or '{ALL}'")
    year = ev["date"].str[:4].astype(int)
    keep = pd.Series(True, index=ev.index)
    if category != ALL:
        keep &= ev["category"] == category
    if years is not None:
        lo, hi = sorted(int(y) for y in years)
        keep &= year.between(lo, hi)
    return ev[keep].sort_values("date", kind="stable")


def evidence_audit(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
                   category: str = "culture", years: tuple[int, int] | None = None) -> dict:
    """What stands behind the events of one category (or ``ALL``) in a span of years.

    Returns a dict: category, years, events, share_of_period (of all events in those years), confidence
    (grade -> events), single_source (events resting on one source), distinct_sources, kinds (kind ->
    distinct sources), publishers (sorted list)."""
    ev = _events(events)
    src = _sources(sources)
    sel = select_events(ev, category, years)
    period = select_events(ev, ALL, years)
    c = citations(sel, src)
    distinct = c.drop_duplicates("source_id")
    return {
        "category": category,
        "years": None if years is None else tuple(sorted(int(y) for y in years)),
        "events": int(len(sel)),
        "share_of_period": float(len(sel) / len(period)) if len(period) else float("nan"),
        "confidence": {g: int((sel["confidence"] == g).sum()) for g in ["high", "medium", "low"]},
        "single_source": sum(len(split_ids(v)) == 1 for v in sel["source_ids"]),
        "distinct_sources": int(len(distinct)),
        "kinds": {k: int(n) for k, n in distinct["kind"].value_counts().sort_index().items()},
        "publishers": sorted(distinct["publisher"].unique()),
    }


def audit_sentence(audit: dict) -> str:
    """The audit in two plain sentences for the widget."""
    yrs = audit["years"]
    span = "all years" if not yrs else f"{yrs[0]}" if yrs[0] == yrs[1] else f"{yrs[0]}–{yrs[1]}"
    n = audit["events"]
    noun = "event" if n == 1 else "events"
    what = noun if audit["category"] == ALL else f"{audit['category']} {noun}"
    if n == 0:
        return f"No {what} in {span}: an empty record is a finding too — was nothing done, or nothing reported?"
    conf = ", ".join(f"{n} {g}" for g, n in audit["confidence"].items() if n)
    kinds = ", ".join(f"{n} {k}" for k, n in audit["kinds"].items())
    of = "of all events" + (" in those years" if yrs else "")
    share = "" if audit["category"] == ALL else f" ({audit['share_of_period']:.0%} {of})"
    d = audit["distinct_sources"]
    single = audit["single_source"]
    return (f"{n} {what} in {span}{share}; confidence: {conf}. "
            f"{'It is' if n == 1 else 'They are'} backed by {d} distinct source{'s' if d != 1 else ''} ({kinds}); "
            + (("it rests on a single source." if single else "it has more than one source.") if n == 1 else
               ("both rest" if n == 2 else f"all {n} rest") + " on a single source." if single == n else
               f"{single} of the {n} rest{'s' if single == 1 else ''} on a single source." if single else
               "none rests on a single source."))


def audit_table(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
                category: str = "culture", years: tuple[int, int] | None = None, limit: int = 12) -> pd.DataFrame:
    """The selected events (latest ``limit``) with date, title, confidence, number and kinds of sources."""
    src = _sources(sources)
    kind = dict(zip(src["source_id"], src["kind"]))
    sel = select_events(_events(events), category, years)
    if sel.empty:
        return pd.DataFrame(columns=["date", "event", "category", "confidence", "sources", "kinds", "source"])
    sel = events_for_plot(sel)
    out = pd.DataFrame({
        "date": sel["when_label"], "event": sel["title"], "category": sel["category"],
        "confidence": sel["confidence"],
        "sources": [len(split_ids(v)) for v in sel["source_ids"]],
        "kinds": [", ".join(sorted({kind[s] for s in split_ids(v)})) for v in sel["source_ids"]],
        "source": sel["source"]})
    return out.tail(limit).reset_index(drop=True)


# ------------------------------------------------------------------ what evidence would we need?
EVIDENCE_NEEDS = pd.DataFrame([
    ("Students", "How many Pakistanis study in Russia (and Russians in Pakistan), by year and field",
     "national statistics offices and education ministries; international compilations of student mobility "
     "(e.g. by UNESCO); universities' international offices"),
    ("Scholarships", "How many state-funded places each side offers, and how many are taken up",
     "education ministries; embassies' announcements (offers are not take-up)"),
    ("Visas and travel", "Visas issued, by purpose (study, work, tourism, business)",
     "foreign and interior ministries; consular annual reports"),
    ("Flights", "Direct scheduled flights and passengers between the two countries",
     "civil aviation authorities; airline timetables; airport statistics"),
    ("Translations", "Books translated between Russian and Urdu or English, by decade",
     "national libraries and bibliographies; international translation bibliographies (e.g. UNESCO's)"),
    ("Cultural events", "Festivals, tours, exhibitions and film weeks actually held (not just planned)",
     "ministries of culture; embassies and cultural centres; the press of both countries"),
    ("Language teaching", "Where Russian is taught in Pakistan and Urdu in Russia, and to how many learners",
     "universities' course catalogues; language-centre reports"),
    ("Agreements in force", "Texts of cultural and education agreements and their exchange programmes",
     "treaty series and foreign-ministry archives of both countries"),
], columns=["evidence", "what it would measure", "where it might come from (kinds of sources, not checked)"])


# ------------------------------------------------------------------ charts
def decade_chart(events: pd.DataFrame | None = None, *, title: str, subtitle: str | None = None,
                 description: str | None = None):
    """Stacked bars: events per decade, one colour per category (culture at the bottom)."""
    d = category_decade_counts(events)
    bars = alt.Chart(d).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("decade_label:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("events:Q", title="Dated events", stack="zero"),
        color=alt.Color("category:N", scale=category_scale(), title="Category"),
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=[alt.Tooltip("decade_label:N", title="Decade"), alt.Tooltip("category:N", title="Category"),
                 alt.Tooltip("events:Q", title="Events"),
                 alt.Tooltip("share:Q", title="Share of the decade's events", format=".0%"),
                 alt.Tooltip("titles:N", title="Events"), alt.Tooltip("source:N", title="Source")])
    tot = d.drop_duplicates("decade")[["decade_label", "decade_total"]]
    labels = alt.Chart(tot).mark_text(dy=-7, fontSize=11, color="#333").encode(
        x="decade_label:O", y="decade_total:Q", text="decade_total:Q")
    cult = d[d["category"] == "culture"]
    desc = description or (
        f"Stacked bar chart of {int(d['events'].sum())} dated events by decade and category. Culture events: "
        + ("; ".join(f"{r.events} in the {r.decade_label}" for r in cult.itertuples()) or "none") + ".")
    return finish(alt.layer(bars, labels), title, subtitle, desc, width=600, height=280)


def _category_order(df: pd.DataFrame) -> list[str]:
    """The ``label`` values of a per-category table in the course's category order."""
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    return df.drop_duplicates("label").sort_values("category", key=lambda s: s.map(rank))["label"].tolist()


def _share_bars(df: pd.DataFrame, field: str, colors: dict, legend_title: str, x_title: str, tooltip_extra,
                order: list[str], show_labels: bool = True):
    present = [k for k in colors if k in set(df[field])]
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=220) if show_labels else None),
        x=alt.X("share:Q", title=x_title, stack="normalize", axis=alt.Axis(format="%")),
        color=alt.Color(f"{field}:N", title=legend_title, scale=alt.Scale(domain=present,
                                                                          range=[colors[k] for k in present])),
        order=alt.Order(f"{field}:N"),
        tooltip=[alt.Tooltip("label:N", title="Category"), alt.Tooltip(f"{field}:N", title=legend_title),
                 *tooltip_extra, alt.Tooltip("share:Q", title="Share", format=".0%"),
                 alt.Tooltip("source:N", title="Source")]).properties(width=250, height=230)


def sources_confidence_chart(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None, *,
                             title: str, subtitle: str | None = None, description: str | None = None):
    """Two panels per category: the kinds of source cited, and the confidence grades of the events."""
    ev = _events(events)
    kinds = source_kind_shares(ev, sources)
    conf = confidence_shares(ev)
    order = _category_order(kinds)
    left = _share_bars(kinds, "kind", KIND_COLORS, "Kind of source", "Share of citations",
                       [alt.Tooltip("citations:Q", title="Citations")], order)
    right = _share_bars(conf, "confidence", CONFIDENCE_COLORS, "Confidence", "Share of events",
                        [alt.Tooltip("events:Q", title="Events")], order, show_labels=False)
    cult_k = kinds[kinds["category"] == "culture"]
    desc = description or (
        "Two stacked bar panels, one row per event category. Left: shares of source kinds among the citations. "
        "Right: shares of confidence grades. Culture: "
        + ", ".join(f"{r.citations} {r.kind}" for r in cult_k.itertuples()) + " citation(s).")
    chart = alt.hconcat(left, right, spacing=12).resolve_scale(color="independent")
    return finish(chart, title, subtitle, desc)


def people_timeline(events: pd.DataFrame | None = None, annotate: dict[str, str] | None = None, *,
                    title: str, subtitle: str | None = None, description: str | None = None):
    """Two rows on one time axis: every dated event (grey ticks) and the people-to-people events (points
    coloured by category; a filled circle = culture category, a diamond = a clause in another event).
    ``annotate`` = {event_id: short label} adds dashed event rules for context."""
    ev = events_for_plot(_events(events))
    ev["row"] = "All dated events"
    p2p = people_to_people_events(events)
    p2p["row"] = "People-to-people content"
    ticks = alt.Chart(ev[["when", "when_label", "title", "category", "source", "row"]]).mark_tick(
        color="#9a9a9a", thickness=1.5, size=22).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("row:N", title=None, sort=["People-to-people content", "All dated events"]),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("category:N", title="Category"), alt.Tooltip("source:N", title="Source")])
    points = alt.Chart(p2p[["when", "when_label", "title", "summary", "category", "fields", "where", "source",
                            "confidence", "row"]]).mark_point(filled=True, size=170, opacity=0.95).encode(
        x="when:T",
        y=alt.Y("row:N", sort=["People-to-people content", "All dated events"]),
        color=alt.Color("category:N", title="Category", scale=alt.Scale(
            domain=[c for c in CATEGORIES if c in set(p2p["category"])],
            range=[CATEGORY_COLORS[c] for c in CATEGORIES if c in set(p2p["category"])])),
        shape=alt.Shape("where:N", title=None, scale=alt.Scale(
            domain=sorted(set(p2p["where"]), key=lambda w: (w != "culture category", w)),
            range=["circle"] + ["diamond"] * (p2p["where"].nunique() - 1)), legend=None),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("where:N", title="Recorded as"), alt.Tooltip("fields:N", title="Mentions"),
                 alt.Tooltip("summary:N", title="Summary"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("confidence:N", title="Confidence")])
    layers = [ticks, points]
    if annotate:
        layers.insert(0, event_rules(pick_events(annotate), y_text=2, levels=2))
    desc = description or (
        f"Timeline of {len(ev)} dated events (grey ticks) and, above, {len(p2p)} events with people-to-people "
        "content: " + "; ".join(f"{r.when_label} {r.title}" for r in p2p.itertuples()) + ".")
    chart = alt.layer(*layers).properties(padding={"top": 30, "left": 5, "right": 5, "bottom": 5})
    return finish(chart, title, subtitle, desc, width=640, height=150)


# ------------------------------------------------------------------ the widget
def audit_view(events: pd.DataFrame, sources: pd.DataFrame, category: str = "culture",
               years: tuple[int, int] | None = None):
    """The widget's output: the audit sentence and the table of the selected events."""
    from IPython.display import HTML

    audit = evidence_audit(events, sources, category, years)
    text = HTML(f"<p class='pkru-selection'><b>{html.escape(audit_sentence(audit))}</b></p>")
    if audit["events"] == 0:
        return text
    pubs = HTML("<p style='margin:0.2em 0 0.6em'>Publishers behind them: "
                f"{html.escape(', '.join(audit['publishers'][:12]))}"
                f"{' …' if len(audit['publishers']) > 12 else ''}</p>")
    return text, pubs, audit_table(events, sources, category, years)


def explorer(events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None):
    """Category dropdown + year-range slider → how many events, their confidence and the sources behind them."""
    import ipywidgets as w

    from ..explore import explorer as make_explorer

    ev = _events(events)
    src = _sources(sources)
    years = ev["date"].str[:4].astype(int)
    lo, hi = int(years.min()), int(years.max())
    style = {"description_width": "80px"}
    controls = {
        "category": w.Dropdown(options=[*CATEGORIES, ALL], value="culture", description="Category",
                               style=style, layout=w.Layout(width="320px")),
        "years": w.IntRangeSlider(value=(lo, hi), min=lo, max=hi, step=1, description="Years",
                                  continuous_update=False, style=style, layout=w.Layout(width="560px")),
    }

    def render(category, years):
        return audit_view(ev, src, category, years)

    return make_explorer(controls, render,
                         intro="Choose a category and a span of years: the audit counts the events, their "
                               "confidence grades and the kinds of sources behind them. Keyboard: Tab to a "
                               "control, arrow keys change it.")


evidence_audit_explorer = explorer  # the name notebook 09 used before the lessons moved (kept for saved copies)
