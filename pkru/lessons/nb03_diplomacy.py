"""Notebook 03 (diplomacy): high-level visits between Pakistan and the USSR/Russia — tidy helpers, gaps and charts.

The table is ``data/visits.csv`` (one row per documented visit). Everything here is a plain function
that the tests call on the real data; the widget in notebook 03 (``explorer``, formerly ``gap_explorer``)
only wires them to controls. Every chart builder writes its description for screen readers from the data
it draws, unless given one.

Vocabulary used throughout:

- ``level``: ``"top"`` (head of state or head of government), ``"any"``, or one of :data:`LEVELS`;
- ``direction``: ``"both"``, ``"PAK"`` (Pakistani visitors in the USSR/Russia) or ``"RUS"``
  (Soviet/Russian visitors in Pakistan);
- a *gap* is the time between two consecutive visits in a selection; the *open* gap runs from the last
  visit to the end of the course's record (the latest dated event in ``data/events.csv``).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import finish
from ..data import date_label, date_midpoint, load, with_source_labels

__all__ = ["LEVELS", "TOP_LEVELS", "LEVEL_LABELS", "LEVEL_COLORS", "DIRECTION_LABELS", "DECADES", "DAYS_PER_YEAR",
           "COVERAGE_NOTES", "prepare", "load_visits", "record_end", "filter_visits", "by_decade", "gaps",
           "longest_gap", "describe_gap", "coverage_note", "describe_decades", "decade_chart", "timeline_chart",
           "CLAIMS", "source_claims", "LEVEL_OPTIONS", "DIRECTION_OPTIONS", "gap_summary", "gap_view", "explorer",
           "gap_explorer", "CITED_EVENTS", "CITED_SOURCES"]

LEVELS = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other_minister"]
TOP_LEVELS = ("head_of_state", "head_of_government")
LEVEL_LABELS = {"head_of_state": "Head of state", "head_of_government": "Head of government",
                "foreign_minister": "Foreign minister", "defence_minister": "Defence minister",
                "other_minister": "Other minister"}
# Okabe–Ito colours (colour-blind safe); the two top levels get the two blues.
LEVEL_COLORS = {"head_of_state": "#0072B2", "head_of_government": "#56B4E9", "foreign_minister": "#E69F00",
                "defence_minister": "#D55E00", "other_minister": "#999999"}
DIRECTION_LABELS = {"PAK": "Pakistan → USSR/Russia", "RUS": "USSR/Russia → Pakistan"}
DECADES = list(range(1940, 2030, 10))  # relations date from 1948; the record ends in the 2020s
DAYS_PER_YEAR = 365.25

# What the sources say about the record at each level (shown next to the widget's answer).
COVERAGE_NOTES = {
    "top": "Top-level visits are dated in the sources, but the course's first table still missed eight of them, "
           "most made for SCO meetings or state funerals. A gap at this level is evidence only once those trips "
           "are counted: statements such as 'the first in 23 years' usually count bilateral visits alone.",
    "head_of_state": "No Soviet or Russian head of state appears in the record: Putin called off the first "
                     "planned presidential trip to Pakistan in 2012.",
    "head_of_government": "Dated in the sources: Fradkov's 2007 visit was reported as the first by a Soviet or "
                          "Russian head of government since 1969, which the table confirms. Imran Khan's 2022 trip "
                          "was reported as the first by a Pakistani prime minister to Moscow in 23 years, which "
                          "holds only for bilateral visits: Shaukat Aziz came to Moscow in 2005 for an SCO meeting.",
    "foreign_minister": "Partial record: the table has the foreign ministers' visits that a search of the sources "
                        "dated (two by Lavrov, four by Pakistani ministers from 2018 on), not a census of every "
                        "trip. A gap here may be a gap in the search, not in diplomacy.",
    "defence_minister": "Thin record: Shoigu's 2014 visit was reported as the first by a Russian defence minister "
                        "since Andrey Grechko's of 1969, which the same reports name but date only to the year.",
    "other_minister": "Thin record: only ministers whose visits produced a dated event are listed (Mikoyan in 1956, "
                      "energy ministers and a deputy prime minister since 2015).",
    "any": "Mixed record: top-level visits are dated in the sources, ministerial visits only in part, so gaps "
           "at 'any level' mostly reflect the top level.",
}


# ------------------------------------------------------------------ loading
def prepare(visits: pd.DataFrame) -> pd.DataFrame:
    """Add plotting and grouping columns to a visits table: ``when`` (a timestamp; month- and year-only
    dates sit mid-period), ``when_label``, ``year``, ``decade``, ``decade_label``, ``level_label``,
    ``direction`` (a readable from → to) and ``where`` (host city, or "city not given")."""
    v = visits.copy()
    v["when"] = [date_midpoint(d, p) for d, p in zip(v["date"], v["date_precision"])]
    v["when_label"] = [date_label(d, p) for d, p in zip(v["date"], v["date_precision"])]
    v["year"] = v["when"].dt.year.astype(int)
    v["decade"] = (v["year"] // 10 * 10).astype(int)
    v["decade_label"] = v["decade"].astype(str) + "s"
    v["level_label"] = v["level"].map(LEVEL_LABELS)
    v["direction"] = v["from_country"].map(DIRECTION_LABELS)
    host = v["host_city"].fillna("").astype(str)
    v["where"] = host.where(host != "", "city not given")
    return v.sort_values("when", kind="stable").reset_index(drop=True)


def load_visits() -> pd.DataFrame:
    """``data/visits.csv``, validated, with :func:`prepare`'s columns and a readable ``source`` label."""
    return with_source_labels(prepare(load("visits")))


def record_end() -> pd.Timestamp:
    """The end of the course's record: the latest dated event in data/events.csv (as a timestamp)."""
    ev = load("events")
    return max(date_midpoint(d, p) for d, p in zip(ev["date"], ev["date_precision"]))


# ------------------------------------------------------------------ selecting and counting
def _levels(level) -> list[str]:
    if level in (None, "any"):
        return list(LEVELS)
    if level == "top":
        return list(TOP_LEVELS)
    if isinstance(level, str):
        if level not in LEVELS:
            raise ValueError(f"Unknown level '{level}': use 'top', 'any' or one of {', '.join(LEVELS)}")
        return [level]
    return list(level)


def filter_visits(visits: pd.DataFrame, level="top", direction: str = "both", decades=None,
                  include_multilateral: bool = True) -> pd.DataFrame:
    """Visits at ``level`` in ``direction`` whose decade lies in ``decades`` (a (first, last) pair such as
    (1960, 1990), inclusive; None = all), optionally without visits made for multilateral meetings."""
    v = visits if "decade" in visits else prepare(visits)
    keep = v["level"].isin(_levels(level))
    if direction not in ("both", "PAK", "RUS"):
        raise ValueError(f"Unknown direction '{direction}': use 'both', 'PAK' or 'RUS'")
    if direction != "both":
        keep &= v["from_country"] == direction
    if decades is not None:
        lo, hi = sorted(int(d) for d in decades)
        keep &= v["decade"].between(lo, hi)
    if not include_multilateral:
        keep &= v["occasion"] == "bilateral"
    return v[keep].sort_values("when", kind="stable").reset_index(drop=True)


def by_decade(visits: pd.DataFrame) -> pd.DataFrame:
    """Counts of visits per decade, direction and level, with every decade from the 1940s present
    (decades without a visit get a row with ``n = 0`` so a chart shows them as empty)."""
    v = visits if "decade" in visits else prepare(visits)
    counts = (v.groupby(["decade", "from_country", "level"], observed=True).size()
              .rename("n").reset_index())
    grid = pd.MultiIndex.from_product([DECADES, ["PAK", "RUS"], LEVELS],
                                      names=["decade", "from_country", "level"]).to_frame(index=False)
    out = grid.merge(counts, how="left", on=["decade", "from_country", "level"])
    out["n"] = out["n"].fillna(0).astype(int)
    out["decade_label"] = out["decade"].astype(str) + "s"
    out["direction"] = out["from_country"].map(DIRECTION_LABELS)
    out["level_label"] = out["level"].map(LEVEL_LABELS)
    names = (v.assign(name=v["visitor"] + " (" + v["when_label"] + ")")
             .groupby(["decade", "from_country", "level"])["name"].agg("; ".join).reset_index())
    out = out.merge(names, how="left", on=["decade", "from_country", "level"])
    out["visits"] = out["name"].fillna("")
    return out.drop(columns="name")


# ------------------------------------------------------------------ gaps
def gaps(visits: pd.DataFrame, until: pd.Timestamp | None = None) -> pd.DataFrame:
    """Intervals between consecutive visits (in date order), in years.

    With ``until`` (e.g. :func:`record_end`), a last, *open* interval runs from the latest visit to that date.
    Columns: start, end (timestamps), years, from_visit, to_visit (readable), open (bool)."""
    v = visits if "when" in visits else prepare(visits)
    v = v.sort_values("when", kind="stable")
    label = (v["visitor"] + " (" + v["when_label"] + ")").tolist()
    when = v["when"].tolist()
    rows = [(when[i], when[i + 1], label[i], label[i + 1], False) for i in range(len(when) - 1)]
    if until is not None and when and until > when[-1]:
        rows.append((when[-1], pd.Timestamp(until), label[-1], f"end of the record ({until:%B %Y})", True))
    out = pd.DataFrame(rows, columns=["start", "end", "from_visit", "to_visit", "open"])
    out["years"] = ((out["end"] - out["start"]).dt.days / DAYS_PER_YEAR).round(1) if rows else pd.Series(dtype=float)
    return out[["start", "end", "years", "from_visit", "to_visit", "open"]]


def longest_gap(visits: pd.DataFrame, level="top", direction: str = "both", decades=None,
                include_multilateral: bool = True, include_open: bool = False,
                until: pd.Timestamp | None = None) -> dict | None:
    """The longest interval without a visit in a selection (see :func:`filter_visits`).

    Returns a dict with ``years``, ``start``/``end`` (timestamps), ``from_visit``/``to_visit`` (labels),
    ``open`` (True if the gap is still running at the end of the record) and ``n_visits``; or None when
    the selection has fewer than two visits and no open gap is asked for.
    ``include_open`` counts the time from the last visit to ``until`` (default: :func:`record_end`),
    but only when the selected decades reach the end of the record."""
    sel = filter_visits(visits, level, direction, decades, include_multilateral)
    end = None
    if include_open and len(sel):
        end = until if until is not None else record_end()
        if decades is not None and max(int(d) for d in decades) + 10 <= end.year:
            end = None  # the window stops before the record does: no open gap inside it
    g = gaps(sel, until=end)
    if g.empty:
        return None
    row = g.loc[g["years"].idxmax()]
    return {"years": float(row["years"]), "start": row["start"], "end": row["end"],
            "from_visit": row["from_visit"], "to_visit": row["to_visit"], "open": bool(row["open"]),
            "n_visits": int(len(sel))}


def describe_gap(result: dict | None, n_visits: int = 0) -> str:
    """One sentence about a :func:`longest_gap` result, for the learner."""
    if result is None:
        if n_visits == 1:
            return "Only one visit matches, so there is no gap between visits to measure (tick the box for time since the last visit)."
        return "No visit in the record matches this selection: change the level, the direction or the decades."
    n = result["n_visits"]
    matches = "1 visit matches" if n == 1 else f"{n} visits match"
    if result["open"]:
        return (f"{matches}. The longest gap is still open: {result['years']:.1f} years "
                f"since {result['from_visit']}, up to the {result['to_visit']}.")
    return (f"{matches}. Longest gap: {result['years']:.1f} years, between {result['from_visit']} "
            f"and {result['to_visit']}.")


def coverage_note(level) -> str:
    """How far the record can be trusted at a level (see COVERAGE_NOTES)."""
    return COVERAGE_NOTES.get(level if isinstance(level, str) else "any", COVERAGE_NOTES["any"])


# ------------------------------------------------------------------ charts
def _level_scale() -> alt.Scale:
    return alt.Scale(domain=[LEVEL_LABELS[k] for k in LEVELS], range=[LEVEL_COLORS[k] for k in LEVELS])


def describe_decades(counts: pd.DataFrame) -> str:
    """A description of :func:`decade_chart` for screen readers, from its counts (rows of :func:`by_decade`):
    the total, each direction's count and its busiest decade."""
    total = int(counts["n"].sum())
    order = [f"{d}s" for d in DECADES]
    parts = []
    for direction in DIRECTION_LABELS.values():
        per = counts[counts["direction"] == direction].groupby("decade_label")["n"].sum()
        per = per[per > 0]
        if len(per):
            top = per.max()
            busiest = " and ".join(d for d in order if per.get(d, 0) == top)
            parts.append(f"{direction} {int(per.sum())} (most in the {busiest}: {int(top)})")
    head = (f"Two bar charts, one per direction of travel, counting {total} documented high-level visits per "
            f"decade from the {order[0]} to the {order[-1]}, coloured by level")
    return head + (": " + "; ".join(parts) if parts else "") + "."


def decade_chart(visits: pd.DataFrame, title: str, subtitle: str | None = None, description: str | None = None):
    """Stacked bars: visits per decade and level, one panel per direction (empty decades kept)."""
    counts = by_decade(visits)
    counts = counts[counts["n"] > 0].assign(source="data/visits.csv (sources per visit: see the table)")
    order = [f"{d}s" for d in DECADES]
    bars = alt.Chart(counts).mark_bar().encode(
        x=alt.X("decade_label:N", title=None, sort=order, scale=alt.Scale(domain=order),
                axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("sum(n):Q", title="Visits", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("level_label:N", title="Level", scale=_level_scale(), sort=[LEVEL_LABELS[k] for k in LEVELS],
                        legend=alt.Legend(orient="bottom", columns=3)),
        order=alt.Order("level:N"),
        tooltip=[alt.Tooltip("decade_label:N", title="Decade"), alt.Tooltip("direction:N", title="Direction"),
                 alt.Tooltip("level_label:N", title="Level"), alt.Tooltip("n:Q", title="Visits"),
                 alt.Tooltip("visits:N", title="Who"), alt.Tooltip("source:N", title="Source")],
    ).properties(width=270, height=200)
    chart = bars.facet(column=alt.Column("direction:N", title=None, sort=list(DIRECTION_LABELS.values()),
                                         header=alt.Header(labelFontSize=13)))
    return finish(chart, title, subtitle, description=description or describe_decades(counts))


def timeline_chart(visits: pd.DataFrame, title: str, subtitle: str | None = None, highlight: dict | None = None,
                   events: pd.DataFrame | None = None, description: str | None = None, width: int = 640):
    """Dot timeline of visits: one row per direction, colour = level, hollow = multilateral occasion.

    ``highlight`` (a :func:`longest_gap` result) shades that gap; ``events`` (from
    ``pkru.charts.pick_events``) adds dashed, labelled rules."""
    v = visits if "when" in visits else prepare(visits)
    if "source" not in v:
        v = with_source_labels(v)
    cols = ["when", "when_label", "visitor", "office", "level_label", "direction", "where", "occasion", "source"]
    layers = []
    if highlight is not None:
        band = pd.DataFrame([{"start": highlight["start"], "end": highlight["end"],
                              "gap": f"{highlight['years']:.1f} years without a visit"
                                     + (" (still open)" if highlight["open"] else "")}])
        layers.append(alt.Chart(band).mark_rect(color="#F0E442", opacity=0.35).encode(
            x="start:T", x2="end:T", tooltip=[alt.Tooltip("gap:N", title="Longest gap")]))
    if events is not None and len(events):
        from ..charts import event_rules
        layers.append(event_rules(events, y_text=2))
    dots = alt.Chart(v[cols]).mark_point(size=150, strokeWidth=2.5, opacity=0.95, filled=False).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0),
                scale=alt.Scale(domain=[pd.Timestamp("1947-01-01").isoformat(), pd.Timestamp("2026-01-01").isoformat()])),
        y=alt.Y("direction:N", title=None, sort=list(DIRECTION_LABELS.values()),
                scale=alt.Scale(domain=list(DIRECTION_LABELS.values())), axis=alt.Axis(labelLimit=220)),
        color=alt.Color("level_label:N", title="Level", scale=_level_scale(), sort=[LEVEL_LABELS[k] for k in LEVELS],
                        legend=alt.Legend(orient="bottom", columns=3)),
        fill=alt.condition("datum.occasion == 'bilateral'", alt.Fill("level_label:N", scale=_level_scale(), legend=None),
                           alt.value("white")),
        shape=alt.Shape("occasion:N", title="Occasion", scale=alt.Scale(domain=["bilateral", "multilateral"],
                                                                      range=["circle", "diamond"]),
                          legend=None),  # the subtitle explains filled (bilateral) vs hollow diamond
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("visitor:N", title="Visitor"),
                 alt.Tooltip("office:N", title="Office"), alt.Tooltip("where:N", title="Where"),
                 alt.Tooltip("occasion:N", title="Occasion"), alt.Tooltip("source:N", title="Source")],
    )
    layers.append(dots)
    desc = description or (f"Timeline of {len(v)} visits between Pakistan and the USSR/Russia, one row per "
                           "direction of travel, coloured by level.")
    return finish(alt.layer(*layers), title, subtitle, desc, width=width, height=150)


# ------------------------------------------------------------------ checking the sources' "first in N years"
# Each claim is a "first in N years" statement made by the sources behind an event (and, before the fact-check of
# issue 15, repeated in the course's own chronology); the selection says which earlier visits count. ``city``
# restricts the earlier visits to one host city when the statement names it.
CLAIMS = [
    {"visit_id": "v1999_sharif_moscow", "event_id": "ev1999_nawaz_sharif_moscow",
     "said": "no Pakistani leader had come for roughly 25 years", "level": "top", "direction": "PAK"},
    {"visit_id": "v2003_musharraf_moscow", "event_id": "ev2003_musharraf_kremlin_talks",
     "said": "no Pakistani head of state for roughly three decades", "level": "head_of_state", "direction": "PAK"},
    {"visit_id": "v2007_fradkov_islamabad", "event_id": "ev1969_kosygin_second_visit",
     "said": "no Soviet or Russian head of government since 1969, a gap of 38 years",
     "level": "head_of_government", "direction": "RUS"},
    {"visit_id": "v2014_shoigu_rawalpindi", "event_id": "ev2014_defence_cooperation_agreement",
     "said": "the first Russian defence minister to visit since 1969", "level": "defence_minister", "direction": "RUS"},
    {"visit_id": "v2021_lavrov_islamabad", "event_id": "ev2021_lavrov_visits_islamabad",
     "said": "no Russian foreign minister had come since 2012", "level": "foreign_minister", "direction": "RUS"},
    {"visit_id": "v2022_imran_khan_moscow", "event_id": "ev2022_imran_khan_meets_putin",
     "said": "no Pakistani prime minister had been to Moscow for 23 years", "level": "head_of_government",
     "direction": "PAK", "city": "Moscow"},
]


#: Dated events the notebook's prose cites: the 1971 rupture, the Afghan war, Zia's funeral trips, the SCO trips,
#: the cancelled presidential trip, the ministers' agreements of 2014–15, and the events behind the sources'
#: "first in N years" statements.
CITED_EVENTS = list(dict.fromkeys([
    "ev1971_indo_soviet_treaty", "ev1971_soviet_veto_ceasefire", "ev1979_soviet_intervention_afghanistan",
    "ev1989_soviet_withdrawal_completed", "ev2012_putin_cancels_visit", "ev2014_defence_cooperation_agreement",
    "ev2015_north_south_pipeline_iga", "ev1982_zia_brezhnev_funeral_andropov", "ev1985_zia_chernenko_funeral_gorbachev",
    "ev2005_aziz_sco_chg_moscow", "ev2011_gilani_sco_chg_st_petersburg", "ev2017_abbasi_sco_chg_sochi",
    "ev2024_mishustin_sco_islamabad", *(c["event_id"] for c in CLAIMS)]))
#: The seed documents' Track-II claims, the publisher's page on its forum and the dated Track-II dialogues; the
#: sources of the readings box (official Russian and Chinese words on the visit and on SCO entry); Zia's two
#: funeral trips, whose talks the notebook describes.
CITED_SOURCES = ["seed_paper", "seed_press_release", "rmr_debating_forums_and_societies",
                 "valdai_2019_russia_pakistan_strategic_partnership",
                 "urdupoint_2023_speakers_pak_russia_regional_stability", "urdupoint_2023_roundtable_75_years",
                 "dawn_2012_putin_defers_pakistan_visit", "dawn_putin_cancels_visit",
                 "rferl_2021_lavrov_pledges_counterterrorism_boost", "china_mfa_2014_hong_lei_sco_applications",
                 "app_2017_hua_chunying_sco_accession", "kremlin_2017_sco_restricted_meeting_astana",
                 "tass_2017_lavrov_india_pakistan_sco", "press_1982_andropov_wastes_no_time",
                 "washington_post_1985_gorbachev_warns_afghan_aid", "csmonitor_1985_soviet_pressure_on_zia"]


def _previous(v: pd.DataFrame, claim: dict, this: pd.Series, include_multilateral: bool):
    """The latest visit before ``this`` that matches the claim's level, direction (and city), and the years between."""
    earlier = filter_visits(v, claim["level"], claim["direction"], include_multilateral=include_multilateral)
    earlier = earlier[earlier["when"] < this["when"]]
    if claim.get("city"):
        earlier = earlier[earlier["host_city"] == claim["city"]]
    if not len(earlier):
        return "not in the table", float("nan")
    prev = earlier.iloc[-1]
    return (f"{prev['visitor']} ({prev['when_label']})",
            round((this["when"] - prev["when"]).days / DAYS_PER_YEAR, 1))


def source_claims(visits: pd.DataFrame) -> pd.DataFrame:
    """Compare each "first in N years" statement of the sources (CLAIMS) with the table, twice: against the
    previous *bilateral* visit at the same level and in the same direction (how such statements usually count),
    and against the previous visit of any kind, trips made for multilateral meetings included. A ``years`` value
    is empty when the table has no earlier visit of that kind."""
    v = visits if "when" in visits else prepare(visits)
    ev = with_source_labels(load("events")).set_index("event_id")
    rows = []
    for c in CLAIMS:
        this = v[v["visit_id"] == c["visit_id"]].iloc[0]
        bilateral, years_bilateral = _previous(v, c, this, include_multilateral=False)
        anyvisit, years_any = _previous(v, c, this, include_multilateral=True)
        rows.append({"visit": f"{this['visitor']} ({this['when_label']})", "the source says": c["said"],
                     "previous bilateral visit": bilateral, "years": years_bilateral,
                     "previous visit of any kind": anyvisit, "years (any visit)": years_any,
                     "source": ev.loc[c["event_id"], "source"]})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ the widget
LEVEL_OPTIONS = [("Top leaders (head of state or government)", "top"), ("Head of state", "head_of_state"),
                 ("Head of government", "head_of_government"), ("Foreign minister", "foreign_minister"),
                 ("Defence minister", "defence_minister"), ("Other minister", "other_minister"),
                 ("Any level", "any")]
DIRECTION_OPTIONS = [("Both directions", "both"), ("Pakistani visitors in the USSR/Russia", "PAK"),
                     ("Soviet/Russian visitors in Pakistan", "RUS")]


def gap_summary(visits: pd.DataFrame, level="top", direction: str = "both", decades=None,
                include_multilateral: bool = True, include_open: bool = True, until=None) -> dict:
    """Everything the gap widget shows, as plain values: the selection, the longest gap, a sentence and a
    note on how complete the record is at that level."""
    until = record_end() if until is None else until
    sel = filter_visits(visits, level, direction, decades, include_multilateral)
    result = longest_gap(visits, level, direction, decades, include_multilateral, include_open, until)
    return {"selection": sel, "gap": result, "text": describe_gap(result, len(sel)), "note": coverage_note(level)}


def gap_view(visits: pd.DataFrame, level="top", direction: str = "both", decades=None,
             include_multilateral: bool = True, include_open: bool = True, until=None):
    """The widget's output: a sentence, a timeline with the longest gap shaded, and the coverage note."""
    import html

    from IPython.display import HTML

    s = gap_summary(visits, level, direction, decades, include_multilateral, include_open, until)
    text = HTML(f"<p class='pkru-selection'><b>{html.escape(s['text'])}</b></p>")
    note = HTML(f"<p style='color:#444'><i>How complete is the record here?</i> {html.escape(s['note'])}</p>")
    if s["selection"].empty:
        return text, note
    chart = timeline_chart(s["selection"], title="The longest gap in your selection is shaded",
                           subtitle="Filled = bilateral visit, hollow diamond = multilateral meeting · hover for sources",
                           highlight=s["gap"], description=s["text"])
    return text, chart, note


def explorer(visits: pd.DataFrame | None = None):
    """Level, direction, decades and two switches → the longest gap without a visit (pkru.explore.explorer)."""
    import ipywidgets as w

    from .. import explore

    v = load_visits() if visits is None else visits
    until = record_end()
    wide = {"description_width": "90px"}
    controls = {
        "level": w.Dropdown(options=LEVEL_OPTIONS, value="top", description="Level", style=wide,
                            layout=w.Layout(width="480px")),
        "direction": w.Dropdown(options=DIRECTION_OPTIONS, value="both", description="Direction", style=wide,
                                layout=w.Layout(width="480px")),
        "decades": w.SelectionRangeSlider(options=[(f"{d}s", d) for d in DECADES], index=(0, len(DECADES) - 1),
                                          description="Decades", continuous_update=False, style=wide,
                                          layout=w.Layout(width="480px")),
        "include_multilateral": w.Checkbox(value=True, description="Count visits made for multilateral meetings",
                                           indent=False, layout=w.Layout(width="auto")),
        "include_open": w.Checkbox(value=True, description=f"Count the time since the last visit (to {until:%B %Y})",
                                   indent=False, layout=w.Layout(width="auto")),
    }

    def render(**values):
        return gap_view(v, until=until, **values)

    return explore.explorer(controls, render,
                            intro="Choose a level, a direction and a span of decades; the sentence and the shaded "
                                  "band show the longest stretch without a visit. Keyboard: Tab between controls, "
                                  "arrow keys change them.")


gap_explorer = explorer  # the name notebook 03 used before the lessons moved (kept for saved copies)
