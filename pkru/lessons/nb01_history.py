"""Notebook 01 (history): 1947–1991 — phases, alliance obligations and the phase explorer.

Plain functions (tested in tests/test_nb01_history.py); the chart builders and the widget only wire them.

- ``PHASE_ANCHORS``: the dated event in data/events.csv at which each phase of data/phases.csv starts.
- ``assign_phases`` / ``events_in_phase`` / ``events_by_phase``: put events into phases.
- ``obligations_long`` / ``obligations_in_years``: Pakistan's ATOP obligations (data/alliances.csv).
- ``phase_bands``: shaded phase bands to put behind any time chart (x = a temporal field).
- ``phase_timeline``, ``obligations_chart``, ``phase_counts_chart``: the notebook's charts.
- ``explorer`` (formerly ``phase_explorer``): pick a phase and see its events and Pakistan's treaty obligations
  in those years.

Every chart builder writes its description for screen readers from the data it draws, unless given one.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from ..charts import CATEGORY_COLORS, COUNTRY_NAMES, category_scale, finish, timeline_points
from .. import tables
from ..data import events_for_plot, load, source_label

__all__ = ["PHASE_ANCHORS", "OBLIGATIONS", "NO_OBLIGATION", "OBLIGATION_COLORS", "PARTNERS", "EVENT_GROUPS",
           "EVENT_GROUP_LABELS", "last_data_year", "phase_years", "anchor_table", "phase_of_year", "assign_phases",
           "events_in_phase", "events_by_phase", "obligations_long", "obligations_in_years", "first_obligation_year",
           "phase_bands", "phase_timeline", "obligations_chart", "phase_counts_chart", "describe_phase",
           "phase_view", "phase_options", "explorer_parts", "explorer", "phase_explorer", "reading_explorer", "CITED_EVENTS", "CITED_SOURCES"]

#: The prose cites the seed paper's claim of "limited diplomatic engagement" (its events are this notebook's
#: factor, so their sources are listed already), the dated Sino-Soviet split, the disputed Badaber approval, the
#: independent report of Khrushchev's Peshawar threat, and the contacts of 1989–90 that the chronology lacks.
CITED_EVENTS: list[str] = []
CITED_SOURCES = ["seed_paper", "wp_mirror_2023_sino_soviet_relations_1969_1991", "wikimili_sino_soviet_border_conflict",
                 "nlr_1986_lifschultz_u2_to_p3", "pakistan_observer_2015_history_paf_badaber", "paf_camp_badaber",
                 "sipri_arms_transfers", "latimes_1989_world_news_jan6", "reprint_1990_shevardnadze_akhund"]

# phase_id -> (event_id, offset): the phase starts in the anchor event's year + offset.
# post_soviet_distance opens the year after the Soviet withdrawal was completed (February 1989).
PHASE_ANCHORS = {
    "early_contacts": ("ev1948_relations_established", 0),
    "western_alignment": ("ev1954_seato_manila_pact", 0),
    "thaw_and_aid": ("ev1961_soviet_oil_credit", 0),
    "war_1971_and_after": ("ev1971_indo_soviet_treaty", 0),
    "afghan_war": ("ev1979_soviet_intervention_afghanistan", 0),
    "post_soviet_distance": ("ev1989_soviet_withdrawal_completed", 1),
    "re_engagement": ("ev1999_nawaz_sharif_moscow", 0),
    "cooperation_after_2014": ("ev2014_defence_cooperation_agreement", 0),
}

# ATOP obligation columns, strongest first, with readable names.
OBLIGATIONS = {"defense": "defence", "offense": "offence", "neutral": "neutrality",
               "nonagg": "non-aggression", "consul": "consultation"}
NO_OBLIGATION = "none recorded"
OBLIGATION_COLORS = {"defence": "#D55E00", "offence": "#882255", "neutrality": "#E69F00",
                     "non-aggression": "#56B4E9", "consultation": "#B3D9F2", NO_OBLIGATION: "#F2F2F2"}
PARTNERS = ["USA", "CHN", "RUS", "IND"]

# Event groups for the explorer (a convenience grouping of events.csv categories, not a verdict).
EVENT_GROUPS = {
    "all": list(CATEGORY_COLORS),
    "diplomacy_economy": ["diplomacy", "economy", "energy", "culture", "multilateral"],
    "security_conflict": ["security", "conflict"],
}
EVENT_GROUP_LABELS = {"all": "All categories",
                      "diplomacy_economy": "Diplomacy, economy, energy, culture, multilateral",
                      "security_conflict": "Security and conflict"}


# ------------------------------------------------------------------ phases
def last_data_year(events: pd.DataFrame | None = None) -> int:
    """Latest year in the chronology (used to close the phase that is still running)."""
    ev = load("events") if events is None else events
    return int(ev["date"].str[:4].astype(int).max())


def phase_years(phases: pd.DataFrame, until: int | None = None) -> pd.DataFrame:
    """Phases with ``end`` filled in: a running phase (empty end_year) ends in ``until``
    (default: the latest year of data/events.csv). Adds ``years`` ('1954–1960') and ``n`` (1, 2, ...)."""
    until = last_data_year() if until is None else int(until)
    out = phases.sort_values("start_year").reset_index(drop=True).copy()
    out["start"] = out["start_year"].astype(int)
    out["end"] = out["end_year"].fillna(until).astype(int)
    out["years"] = [f"{s}–{e}" if pd.notna(ey) else f"{s}–" for s, e, ey in
                    zip(out["start"], out["end"], out["end_year"])]
    out["n"] = range(1, len(out) + 1)
    return out


def anchor_table(events: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """For each phase: its years, the anchor event that opens it (date, title) and the anchor's sources."""
    ev = events_for_plot(events).set_index("event_id")
    rows = []
    for _, p in phase_years(phases, until=last_data_year(events)).iterrows():
        eid, offset = PHASE_ANCHORS[p["phase_id"]]
        e = ev.loc[eid]
        rule = "starts the phase" if offset == 0 else f"phase starts {offset} year later"
        rows.append({"phase": f"{p['n']}. {p['label']}", "years": p["years"], "anchor event": e["title"],
                     "date": e["when_label"], "rule": rule, "source": e["source"]})
    return pd.DataFrame(rows)


def phase_of_year(year: int, phases: pd.DataFrame) -> str | None:
    """The phase_id whose years contain ``year`` (a running phase has no upper limit), or None."""
    for _, p in phases.iterrows():
        end = p["end_year"]
        if int(p["start_year"]) <= int(year) and (pd.isna(end) or int(year) <= int(end)):
            return str(p["phase_id"])
    return None


def assign_phases(events: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``events`` with ``year``, ``phase_id`` and ``phase`` (label) columns."""
    out = events.copy()
    if "year" not in out:
        out["year"] = out["date"].str[:4].astype(int)
    out["phase_id"] = [phase_of_year(y, phases) for y in out["year"]]
    labels = dict(zip(phases["phase_id"], phases["label"]))
    out["phase"] = out["phase_id"].map(labels)
    return out


def events_in_phase(events: pd.DataFrame, phases: pd.DataFrame, phase_id: str, group: str = "all") -> pd.DataFrame:
    """Events of one phase, limited to a group of categories (see ``EVENT_GROUPS``), in date order."""
    if phase_id not in set(phases["phase_id"]):
        raise KeyError(f"Unknown phase '{phase_id}': see data/phases.csv")
    if group not in EVENT_GROUPS:
        raise KeyError(f"Unknown event group '{group}': choose one of {', '.join(EVENT_GROUPS)}")
    ev = assign_phases(events, phases)
    keep = (ev["phase_id"] == phase_id) & ev["category"].isin(EVENT_GROUPS[group])
    return ev[keep].sort_values("date").reset_index(drop=True)


def events_by_phase(events: pd.DataFrame, phases: pd.DataFrame, through: int | None = None) -> pd.DataFrame:
    """Number of events per phase and category (phases that start after ``through`` are left out).

    Columns: phase_id, phase, years, n, category, events (count), titles, source (readable labels)."""
    pys = phase_years(phases, until=last_data_year(events))
    if through is not None:
        pys = pys[pys["start"] <= int(through)]
    ev = assign_phases(events, phases)
    ev = ev[ev["phase_id"].isin(pys["phase_id"])]
    if through is not None:
        ev = ev[ev["year"] <= int(through)]
    rows = []
    for (pid, cat), g in ev.groupby(["phase_id", "category"], sort=False):
        ids = ";".join(dict.fromkeys(s for v in g["source_ids"] for s in str(v).split(";") if s.strip()))
        rows.append({"phase_id": pid, "category": cat, "events": len(g),
                     "titles": "; ".join(g.sort_values("date")["title"]),
                     "source": source_label(ids)})
    counts = pd.DataFrame(rows, columns=["phase_id", "category", "events", "titles", "source"])
    out = counts.merge(pys[["phase_id", "label", "years", "n"]], on="phase_id").rename(columns={"label": "phase"})
    return out.sort_values(["n", "category"]).reset_index(drop=True)[
        ["phase_id", "phase", "years", "n", "category", "events", "titles", "source"]]


# ------------------------------------------------------------------ alliance obligations (ATOP)
def obligations_long(alliances: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per partner-year: the strongest ATOP obligation (``strongest``), all of them (``obligations``),
    partner names (USSR/Russia for RUS), start/end timestamps for plotting and a ``source`` label."""
    a = load("alliances") if alliances is None else alliances.copy()
    cols = list(OBLIGATIONS)
    flags = a[cols].astype(int).eq(1).to_numpy()
    a["obligations"] = [", ".join(OBLIGATIONS[c] for c, on in zip(cols, row) if on) or NO_OBLIGATION
                        for row in flags]
    a["strongest"] = a["obligations"].str.split(", ").str[0]
    a["partner_name"] = a["partner"].map(COUNTRY_NAMES)
    a["start"] = pd.to_datetime(a["year"].astype(int).astype(str) + "-01-01")
    a["end"] = pd.to_datetime((a["year"].astype(int) + 1).astype(str) + "-01-01")
    labels = {v: source_label(v) for v in a["source_ids"].unique()}
    a["source"] = a["source_ids"].map(labels)
    return a


def obligations_in_years(alliances: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """For each partner, over ``years`` (inclusive): how many years Pakistan shared any ATOP obligation
    with it, the first such year, and which kinds of obligation appear. ATOP ends in 2018."""
    lo, hi = sorted(int(y) for y in years)
    long = obligations_long(alliances)
    span = long[long["year"].between(lo, hi)]
    covered = (min(hi, int(long["year"].max())) - lo + 1) if lo <= int(long["year"].max()) else 0
    rows = []
    for code in PARTNERS:
        g = span[span["partner"] == code]
        with_ob = g[g["obligations"] != NO_OBLIGATION]
        kinds = [OBLIGATIONS[c] for c in OBLIGATIONS if (g[c] == 1).any()]
        rows.append({"partner": COUNTRY_NAMES[code],
                     "years with an obligation": f"{len(with_ob)} of {covered}",
                     "first year": int(with_ob["year"].min()) if len(with_ob) else None,
                     "kinds of obligation": ", ".join(kinds) or NO_OBLIGATION})
    out = pd.DataFrame(rows)
    out["first year"] = out["first year"].astype("Int64")
    return out


def first_obligation_year(partner: str, alliances: pd.DataFrame | None = None) -> int | None:
    """The first ATOP year in which Pakistan shared any written obligation with ``partner`` (None if never)."""
    long = obligations_long(alliances)
    years = long.loc[(long["partner"] == partner) & (long["obligations"] != NO_OBLIGATION), "year"]
    return int(years.min()) if len(years) else None


# ------------------------------------------------------------------ charts
def phase_bands(phases: pd.DataFrame, years: tuple[int, int], label_y: float = -6, wrap: int = 14):
    """Alternating grey bands (one per phase) with wrapped labels above the plot, for layering behind a chart
    whose x is temporal. Tooltip: phase, years, description (an interpretation) and source."""
    lo, hi = years
    p = phase_years(phases)
    p = p[(p["start"] <= hi) & (p["end"] >= lo)].copy()
    p["from"] = pd.to_datetime(p["start"].clip(lower=lo).astype(str) + "-01-01")
    p["to"] = pd.to_datetime((p["end"].clip(upper=hi) + 1).astype(str) + "-01-01")
    p["shade"] = ["a" if n % 2 else "b" for n in p["n"]]
    p["source"] = [source_label(v) for v in p["source_ids"]]
    p["text"] = [_wrap(f"{n}. {lab}", wrap) for n, lab in zip(p["n"], p["label"])]
    base = alt.Chart(p[["from", "to", "shade", "label", "years", "description", "source", "text"]])
    rects = base.mark_rect(opacity=0.55).encode(
        x=alt.X("from:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        x2="to:T",
        color=alt.Color("shade:N", scale=alt.Scale(domain=["a", "b"], range=["#EDEDED", "#D9D9D9"]), legend=None),
        tooltip=[alt.Tooltip("label:N", title="Phase"), alt.Tooltip("years:N", title="Years"),
                 alt.Tooltip("description:N", title="Why this phase (interpretation)"),
                 alt.Tooltip("source:N", title="Source of the anchor event")])
    labels = base.mark_text(align="left", baseline="bottom", dx=3, fontSize=10.5, color="#333",
                            lineBreak="\n").encode(x="from:T", y=alt.value(label_y), text="text:N")
    return rects + labels


def _wrap(text: str, width: int) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines)


def phase_timeline(events: pd.DataFrame, phases: pd.DataFrame, years: tuple[int, int] = (1947, 1991), *,
                   title: str, subtitle: str | None = None, description: str | None = None):
    """Events (one row per category, shape = confidence) over shaded phase bands."""
    lo, hi = years
    ev = events_for_plot(events)
    ev = ev[ev["year"].between(lo, hi)]
    points = timeline_points(ev)
    n_ph = len(phase_years(phases).query("start <= @hi and end >= @lo"))
    desc = description or (f"Timeline of {len(ev)} dated events from {lo} to {hi}, one row per category, drawn "
                           f"over {n_ph} shaded phases of the course's periodisation.")
    chart = alt.layer(phase_bands(phases, years), points).resolve_scale(color="independent").properties(
        padding={"top": 40, "left": 5, "right": 5, "bottom": 5})
    return finish(chart, title, subtitle, desc, width=660, height=250)


def obligations_chart(alliances: pd.DataFrame | None = None, annotate: dict[str, str] | None = None, *,
                      title: str, subtitle: str | None = None, description: str | None = None):
    """Heat strip: one row per partner, one cell per year, coloured by the strongest ATOP obligation.
    ``annotate`` = {event_id: short label} adds dashed event rules (pkru.charts.pick_events)."""
    from ..charts import event_rules, pick_events

    long = obligations_long(alliances)
    order = [COUNTRY_NAMES[c] for c in PARTNERS]
    present = [k for k in OBLIGATION_COLORS if k in set(long["strongest"])]
    cells = alt.Chart(long[["start", "end", "year", "partner_name", "strongest", "obligations", "source"]]).mark_rect(
        stroke="white", strokeWidth=0.3
    ).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        x2="end:T",
        y=alt.Y("partner_name:N", title=None, sort=order),
        color=alt.Color("strongest:N", title="Strongest obligation", legend=alt.Legend(titleLimit=240),
                        scale=alt.Scale(domain=present, range=[OBLIGATION_COLORS[k] for k in present])),
        tooltip=[alt.Tooltip("partner_name:N", title="Pakistan with"), alt.Tooltip("year:Q", title="Year"),
                 alt.Tooltip("obligations:N", title="ATOP obligations"), alt.Tooltip("source:N", title="Source")])
    layers = [cells]
    marked = ""
    if annotate:  # labels alternate between two heights so that neighbours do not overlap
        marks = pick_events(annotate).sort_values("when").reset_index(drop=True)
        for i, y in enumerate((-26, -13)):
            if len(marks.iloc[i::2]):
                layers.append(event_rules(marks.iloc[i::2], y_text=y))
        marked = " Dashed lines mark " + ", ".join(f"{m.label} ({m.when.year})" for m in marks.itertuples()) + "."
    n_years = long["year"].nunique()
    desc = description or (
        f"Grid of {len(order)} rows ({', '.join(order)}) by {n_years} years "
        f"({long['year'].min()}–{long['year'].max()}); each cell is coloured by the strongest formal "
        "alliance obligation Pakistan shared with that partner in that year, according to ATOP." + marked)
    chart = alt.layer(*layers).properties(padding={"top": 34, "left": 5, "right": 5, "bottom": 5})
    return finish(chart, title, subtitle, desc, width=640, height=150)


def phase_counts_chart(counts: pd.DataFrame, *, title: str, subtitle: str | None = None,
                       description: str | None = None):
    """Stacked horizontal bars: number of events per phase, by category (from ``events_by_phase``)."""
    order = list(dict.fromkeys(counts.sort_values("n")["phase"] + " (" + counts.sort_values("n")["years"] + ")"))
    data = counts.assign(phase_years=counts["phase"] + " (" + counts["years"] + ")")
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("phase_years:N", title=None, sort=order, axis=alt.Axis(labelLimit=300)),
        x=alt.X("events:Q", title="Dated events in the course chronology", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("category:N", scale=category_scale(), title="Category"),
        tooltip=[alt.Tooltip("phase_years:N", title="Phase"), alt.Tooltip("category:N", title="Category"),
                 alt.Tooltip("events:Q", title="Events"), alt.Tooltip("titles:N", title="Which"),
                 alt.Tooltip("source:N", title="Sources")])
    desc = description or ("Stacked bars, one per phase, showing how many dated events of each category the "
                           f"chronology records: {len(data)} phase-category pairs, {int(data['events'].sum())} "
                           "events in all.")
    return finish(chart, title, subtitle, desc, width=560, height=28 * len(order))


# ------------------------------------------------------------------ the explorer
def describe_phase(phases: pd.DataFrame, phase_id: str, shown: pd.DataFrame, group: str = "all") -> str:
    """One sentence: which phase, its years, how many events are shown."""
    p = phase_years(phases).set_index("phase_id").loc[phase_id]
    what = "events" if group == "all" else f"events in {EVENT_GROUP_LABELS[group].lower()}"
    if shown.empty:
        return f"{p['label']} ({p['years']}): no {what} in the chronology for these years."
    return f"{p['label']} ({p['years']}): {len(shown)} {what} in the chronology."


def phase_view(phase_id: str, group: str = "all", events: pd.DataFrame | None = None,
               phases: pd.DataFrame | None = None, alliances: pd.DataFrame | None = None) -> dict:
    """Everything the explorer shows for one phase, as plain data (tested):
    ``sentence``, ``interpretation`` (the phase description), ``obligations`` (a DataFrame) and
    ``events`` (a DataFrame with date, event, category, confidence, source)."""
    events = load("events") if events is None else events
    phases = load("phases") if phases is None else phases
    alliances = load("alliances") if alliances is None else alliances
    shown = events_in_phase(events, phases, phase_id, group)
    p = phase_years(phases, until=last_data_year(events)).set_index("phase_id").loc[phase_id]
    table = events_for_plot(shown) if len(shown) else shown.assign(when_label=[], source=[])
    table = table[["when_label", "title", "category", "confidence", "source"]].rename(
        columns={"when_label": "date", "title": "event"}).reset_index(drop=True)
    obligations = obligations_in_years(alliances, (int(p["start"]), int(p["end"])))
    obligations["first year"] = [str(int(y)) if pd.notna(y) else "—" for y in obligations["first year"]]
    obligations = obligations.rename(columns={"first year": "first year in this phase"})
    return {"sentence": describe_phase(phases, phase_id, shown, group),
            "interpretation": str(p["description"]),
            "obligations": obligations,
            "events": table}


def phase_options(events: pd.DataFrame, phases: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, phase id) pairs for the explorer's phase list: '2. Thaw and aid (1965–1971)'."""
    pys = phase_years(phases, until=last_data_year(events))
    return [(f"{n}. {lab} ({yrs})", pid) for n, lab, yrs, pid in
            zip(pys["n"], pys["label"], pys["years"], pys["phase_id"])]


def explorer_parts(phase_id: str, group: str, events: pd.DataFrame, phases: pd.DataFrame,
                   alliances: pd.DataFrame) -> list[str]:
    """What the explorer shows for one phase and event group, as HTML pieces: the sentence and reading, the
    obligations table, a heading and the events table."""
    v = phase_view(phase_id, group, events, phases, alliances)
    head = (f"<p class='pkru-selection'><b>{html.escape(v['sentence'])}</b><br>"
            f"<i>{html.escape(v['interpretation'])}</i></p>"
            "<p style='margin:0.6em 0 0.2em'><b>Pakistan's formal alliance obligations in these years "
            "(ATOP, ends 2018)</b></p>")
    mid = "<p style='margin:0.8em 0 0.2em'><b>Dated events</b> (sources in the last column)</p>"
    return [head, tables.html(v["obligations"]), mid, tables.html(v["events"])]


def explorer(default: str = "thaw_and_aid"):
    """Widget: a phase and an event group -> the phase's events and Pakistan's ATOP obligations."""
    import ipywidgets as w
    from IPython.display import HTML

    from .. import explore

    events, phases, alliances = load("events"), load("phases"), load("alliances")
    phase = w.Dropdown(options=phase_options(events, phases),
                       value=default, description="Phase", layout=w.Layout(width="460px"),
                       style={"description_width": "110px"})
    group = w.Dropdown(options=[(lab, key) for key, lab in EVENT_GROUP_LABELS.items()], value="all",
                       description="Events shown", layout=w.Layout(width="460px"),
                       style={"description_width": "110px"})

    def render(phase, group):
        return tuple(HTML(part) for part in explorer_parts(phase, group, events, phases, alliances))

    return explore.explorer({"phase": phase, "group": group}, render,
                            intro="Choose a phase, then narrow the events by category. Keyboard: Tab to a list, "
                                  "arrow keys to change it.")


phase_explorer = explorer  # the name notebook 01 used before the lessons moved (kept for saved copies)


def reading_explorer(default: str = "thaw_and_aid"):
    """The explorer without a kernel (the reading edition): every phase and event group's view from
    :func:`explorer_parts`, the page switching between them; it starts where the widget starts."""
    from ..explore import ReadingViews

    events, phases, alliances = load("events"), load("phases"), load("alliances")
    options = phase_options(events, phases)
    controls = [{"name": "phase", "label": "Phase", "kind": "select", "value": default,
                 "options": [(pid, lab) for lab, pid in options]},
                {"name": "group", "label": "Events shown", "kind": "select", "value": "all",
                 "options": list(EVENT_GROUP_LABELS.items())}]
    views = {(pid, g): explorer_parts(pid, g, events, phases, alliances)
             for _, pid in options for g in EVENT_GROUP_LABELS}
    return ReadingViews(controls, views)
