"""Notebook 07 (energy): energy and infrastructure projects, promise versus delivery (reused by 10 and 13).

The table is ``data/projects.csv``: one row per dated milestone of a project, with the project's
**status as of that milestone**. A project keeps the status of its latest milestone until the next one,
so "the status in 2019" is the status of the last milestone dated on or before 2019.

Status vocabulary (the order is the ladder from promise to delivery, then the two ways off it):

- ``announced``  an intention, offer, memorandum, feasibility study or agreement in principle;
- ``signed``     a binding intergovernmental agreement, contract, protocol or purchase order;
- ``under_construction``  work or set-up begun, nothing delivered yet;
- ``operating``  delivered: the plant runs, the organisation works, the goods arrived;
- ``stalled``    agreed or built, but idle, halted, or with no progress reported by a later source;
- ``abandoned``  formally cancelled (no project in the table has reached it).

Functions for other notebooks (all take the table from :func:`load_projects` or ``pkru.load("projects")``):

- :func:`current_status` — one row per project: its status at the end of the record (or ``as_of``);
- :func:`signed_vs_delivered` — one row per project: first announced / signed / delivered, years waited;
- :func:`delivery_summary` — the headline counts (projects, signed, delivered, operating now, stalled now);
- :func:`status_as_of` — what an observer could have known at a given date;
- :func:`gantt_chart` — the "announced → signed → delivered" chart (one row per project);
- :func:`explorer` — the notebook's widget: what an observer could have known at the end of a year.

Dates with month or year precision are placed mid-month or mid-year (``pkru.data.date_midpoint``), and
the end of the record is the latest dated event of ``data/events.csv`` (``pkru.lessons.nb03_diplomacy.record_end``).
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from ..charts import finish
from ..data import date_label, date_midpoint, load, with_source_labels
from .nb03_diplomacy import record_end
from .nb05_security import describe_event_lines

__all__ = [
    "STATUSES", "STATUS_LABELS", "STATUS_COLORS", "STATUS_TEXT_COLORS", "PROMISE", "DELIVERED", "OFF_TRACK",
    "DAYS_PER_YEAR", "ALL", "record_end", "prepare", "load_projects", "project_order", "status_as_of",
    "current_status", "signed_vs_delivered", "delivery_summary", "years_between", "quantity_total", "segments",
    "describe_gantt", "gantt_chart", "crude_frame", "CRUDE_COLORS", "describe_crude", "crude_chart",
    "delivery_chart", "milestones_until", "describe_as_of", "as_of_view", "explorer", "as_of_explorer",
    "CITED_EVENTS", "CITED_SOURCES",
]

#: Events the notebook's prose recounts beyond the 'energy' events (the Cold War oil and steel projects and
#: their context: Ayub's visit, the 1966 agreement, the 1971 treaty and vetoes, Bhutto's 1972 visit, the Afghan
#: war; the 2022 war in Ukraine, the Samarkand meeting, Moscow's CPEC denial), and the sources of the claims it
#: checks, of the pipeline and crude-oil story, and of the readings box.
CITED_EVENTS = ["ev1961_soviet_oil_credit", "ev1961_ogdc_founded", "ev1965_ayub_visits_ussr",
                "ev1966_economic_technical_agreement", "ev1971_steel_mill_aid_agreement", "ev1971_indo_soviet_treaty",
                "ev1971_soviet_veto_ceasefire", "ev1972_bhutto_moscow_visit", "ev1973_steel_mill_foundation_stone",
                "ev1979_soviet_intervention_afghanistan", "ev1981_first_blast_furnace", "ev1985_steel_mills_inaugurated",
                "ev2016_russia_denies_cpec_talks", "ev2022_imran_khan_meets_putin", "ev2022_shehbaz_putin_samarkand"]
CITED_SOURCES = ["seed_paper", "seed_press_release", "almayadeen_2023_pakistan_pays_yuan", "gulf_times_gas_pipeline_agreement",
                 "dawn_2021_agree_to_build_gas_pipeline", "ary_2021_stream_gas_pipeline_project",
                 "geo_psgp_international_firms_opinion", "tabloidpk_pipeline_changes_disappoint_russia",
                 "propakistani_2022_putin_gas_supplies_possible", "propakistani_2021_moscow_offering_lng",
                 "asia_financial_crude_paid_in_yuan", "arab_news_2023_another_crude_cargo",
                 "rt_pakistan_russia_oil_yuan", "reuters_2023_first_crude_order", "the_news_2023_second_crude_cargo",
                 "brecorder_2024_matviyenko_trade_hike", "jang_shehbaz_putin_kazakhstan",
                 "dawn_2016_russia_dismisses_cpec_talks",
                 # the corrections of issue 15: why the mill stopped, how sanctions held the pipeline up, the
                 # refinery's denial, Russian officials' own words on the pipeline, China's on CPEC
                 "nation_2015_psm_production_zero", "tribune_2015_sindh_cm_ssgc_psm", "dawn_2016_psm_zero_production",
                 "arab_news_steel_mills_protocol", "thenews_2017_pipeline_talks", "newsmakers_2018_amend_pipeline",
                 "oilcapital_2019_replace_rostec", "thenews_2023_prl_refutes_suspension",
                 "the_news_refinery_work_dents_demand", "urdupoint_2021_lavrov_flagship_pipeline",
                 "urdupoint_2022_zakharova_pakistan_stream", "brecorder_2022_envoy_trade_rebound",
                 "brecorder_2021_zhao_lijian_cpec_open", "gulf_news_2016_russia_supports_cpec"]

STATUSES = ["announced", "signed", "under_construction", "operating", "stalled", "abandoned"]
STATUS_LABELS = {"announced": "announced", "signed": "signed", "under_construction": "under construction",
                 "operating": "operating (delivered)", "stalled": "stalled", "abandoned": "abandoned"}
# Okabe–Ito colours: grey for words, blue for signatures, orange for work, green for delivery,
# vermilion for a stall, black for a cancellation.
STATUS_COLORS = {"announced": "#BBBBBB", "signed": "#56B4E9", "under_construction": "#E69F00",
                 "operating": "#009E73", "stalled": "#D55E00", "abandoned": "#000000"}
PROMISE = ("announced", "signed")         # words and signatures
# Darker shades of the same hues for text (readable on white).
STATUS_TEXT_COLORS = {"announced": "#666666", "signed": "#0072B2", "under_construction": "#9A6A00",
                      "operating": "#00704F", "stalled": "#A33B00", "abandoned": "#000000"}
DELIVERED = ("operating",)               # something exists or arrived
OFF_TRACK = ("stalled", "abandoned")
DAYS_PER_YEAR = 365.25
ALL = "All projects"


# ------------------------------------------------------------------ loading
def prepare(projects: pd.DataFrame) -> pd.DataFrame:
    """Add ``when`` (timestamp; partial dates mid-period), ``when_label``, ``year``, ``status_label`` and
    ``step`` (1, 2, … within each project, in date order) to a projects table, sorted by project start."""
    p = projects.copy()
    p["when"] = [date_midpoint(d, pr) for d, pr in zip(p["date"], p["date_precision"])]
    p["when_label"] = [date_label(d, pr) for d, pr in zip(p["date"], p["date_precision"])]
    p["year"] = p["when"].dt.year.astype(int)
    p["status_label"] = p["status"].map(STATUS_LABELS)
    p = p.sort_values(["when"], kind="stable")
    start = p.groupby("project")["when"].transform("min")
    p = p.assign(_start=start).sort_values(["_start", "project", "when"], kind="stable").drop(columns="_start")
    p["step"] = p.groupby("project").cumcount() + 1
    return p.reset_index(drop=True)


def load_projects() -> pd.DataFrame:
    """``data/projects.csv``, validated, with :func:`prepare`'s columns and a readable ``source`` label."""
    return with_source_labels(prepare(load("projects")))


def _prep(projects: pd.DataFrame) -> pd.DataFrame:
    return projects if "when" in projects and "step" in projects else prepare(projects)


def project_order(projects: pd.DataFrame) -> list[str]:
    """Project names ordered by their first milestone (the row order of the charts)."""
    p = _prep(projects)
    return list(dict.fromkeys(p["project"]))


def _as_ts(when) -> pd.Timestamp:
    """A timestamp from a Timestamp, a date string, or a year (an int year means 31 December of that year)."""
    if when is None:
        return record_end()
    if isinstance(when, (int,)) and not isinstance(when, bool):
        return pd.Timestamp(year=int(when), month=12, day=31)
    return pd.Timestamp(when)


# ------------------------------------------------------------------ status over time
def status_as_of(projects: pd.DataFrame, when=None) -> pd.DataFrame:
    """Each project's status on a date: the status of its latest milestone dated on or before ``when``.

    ``when`` may be a timestamp, a date string or a year (= the end of that year); default: the end of the
    record. Projects with no milestone yet are left out. Columns: project, status, status_label, since
    (readable date of the first milestone of the current run of that status: a pipeline stalled in 2022 and
    still stalled in 2023 is "stalled since 2022"), milestone (the latest one), milestones_so_far, source
    (of the latest milestone, if the table has a ``source`` column)."""
    p = _prep(projects)
    cut = _as_ts(when)
    seen = p[p["when"] <= cut]
    if seen.empty:
        return pd.DataFrame(columns=["project", "status", "status_label", "since", "milestone", "milestones_so_far",
                                     "source"])
    last = seen.groupby("project", sort=False).tail(1).set_index("project")
    since = {}
    for project, g in seen.groupby("project", sort=False):
        statuses, labels = list(g["status"]), list(g["when_label"])
        i = len(statuses) - 1
        while i > 0 and statuses[i - 1] == statuses[-1]:  # walk back through the run of the same status
            i -= 1
        since[project] = labels[i]
    out = pd.DataFrame({
        "project": last.index,
        "status": last["status"].to_numpy(),
        "status_label": last["status_label"].to_numpy(),
        "since": [since[x] for x in last.index],
        "milestone": last["milestone"].to_numpy(),
        "milestones_so_far": seen.groupby("project", sort=False).size().reindex(last.index).to_numpy(),
        "source": last["source"].to_numpy() if "source" in last else "",
    })
    order = [x for x in project_order(p) if x in set(out["project"])]
    return out.set_index("project").loc[order].reset_index()


def current_status(projects: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """One row per project with its status at the end of the record (or ``as_of``), for notebooks 07, 10, 13.

    Columns: project, status, status_label, since (date from which the status has held), milestone (the
    latest), milestones (count), first (readable date of the first milestone), label (e.g. "stalled since 2022")."""
    p = _prep(projects)
    st = status_as_of(p, as_of)
    firsts = p.groupby("project", sort=False)["when_label"].first()
    counts = p[p["when"] <= _as_ts(as_of)].groupby("project", sort=False).size()
    st["milestones"] = st["project"].map(counts).astype(int)
    st["first"] = st["project"].map(firsts)
    st["label"] = st["status_label"] + " since " + st["since"]
    return st[["project", "status", "status_label", "since", "milestone", "milestones", "first", "label"]]


def signed_vs_delivered(projects: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Promise against delivery, one row per project (for notebooks 07, 10 and 13).

    Columns: project; first_announced, first_signed, first_delivered (timestamps or NaT: the first milestone
    with that status; "delivered" = ``operating``); signed, delivered (bool); years_to_delivery (from first
    signature to first delivery; NaN if either is missing); years_waiting (signed but not delivered: from
    the first signature to ``as_of``, default the end of the record; NaN otherwise); status_now."""
    p = _prep(projects)
    end = _as_ts(as_of)
    p = p[p["when"] <= end]
    rows = []
    for project, g in p.groupby("project", sort=False):
        def first(statuses):
            hit = g.loc[g["status"].isin(statuses), "when"]
            return hit.min() if len(hit) else pd.NaT
        ann, sig, dlv = first(["announced"]), first(["signed"]), first(list(DELIVERED))
        to_dlv = (dlv - sig).days / DAYS_PER_YEAR if pd.notna(sig) and pd.notna(dlv) else float("nan")
        waiting = (end - sig).days / DAYS_PER_YEAR if pd.notna(sig) and pd.isna(dlv) else float("nan")
        rows.append({"project": project, "first_announced": ann, "first_signed": sig, "first_delivered": dlv,
                     "signed": pd.notna(sig), "delivered": pd.notna(dlv),
                     "years_to_delivery": round(to_dlv, 1) if to_dlv == to_dlv else to_dlv,
                     "years_waiting": round(waiting, 1) if waiting == waiting else waiting,
                     "status_now": g["status"].iloc[-1]})
    return pd.DataFrame(rows)


def delivery_summary(projects: pd.DataFrame, as_of=None) -> dict:
    """Headline counts: projects, signed (ever), delivered (ever), signed_not_delivered, operating_now,
    stalled_now (stalled or abandoned at ``as_of``), announced_only (never got past words)."""
    svd = signed_vs_delivered(projects, as_of)
    return {"projects": int(len(svd)),
            "signed": int(svd["signed"].sum()),
            "delivered": int(svd["delivered"].sum()),
            "signed_not_delivered": int((svd["signed"] & ~svd["delivered"]).sum()),
            "operating_now": int((svd["status_now"] == "operating").sum()),
            "stalled_now": int(svd["status_now"].isin(OFF_TRACK).sum()),
            "announced_only": int((~svd["signed"] & ~svd["delivered"]).sum())}


def years_between(projects: pd.DataFrame, first_id: str, second_id: str) -> float:
    """Years between two milestones (by milestone_id), rounded to one decimal."""
    p = _prep(projects).set_index("milestone_id")
    return round((p.loc[second_id, "when"] - p.loc[first_id, "when"]).days / DAYS_PER_YEAR, 1)


def quantity_total(projects: pd.DataFrame, project: str, statuses=DELIVERED, unit: str = "tonnes") -> float:
    """Sum of ``quantity`` over a project's milestones with one of ``statuses`` and exactly this ``unit``
    (quantities in different units are never added)."""
    p = projects
    keep = (p["project"] == project) & p["status"].isin(list(statuses)) & (p["unit"] == unit)
    return float(p.loc[keep, "quantity"].sum())


# ------------------------------------------------------------------ chart data
def segments(projects: pd.DataFrame, end=None, start=None) -> pd.DataFrame:
    """Gantt bars: for each project, one segment per milestone, from that milestone to the next one (the last
    runs to ``end``, default the end of the record), coloured by the milestone's status. With ``start`` the
    segments are clipped to begin no earlier than it (for zoomed charts); segments wholly outside are dropped.
    Columns: project, start, end, status, status_label, from_label, to_label, milestone, source, years, and
    carried (True for each project's last segment: the status is carried forward from the last dated
    milestone, not observed again)."""
    p = _prep(projects)
    stop = _as_ts(end)
    p = p[p["when"] <= stop]
    rows = []
    for project, g in p.groupby("project", sort=False):
        g = g.sort_values("when", kind="stable")
        whens = list(g["when"]) + [stop]
        labels = list(g["when_label"]) + [f"end of the record ({stop:%B %Y})" if end is None else f"{stop:%d %B %Y}"]
        for i, (_, r) in enumerate(g.iterrows()):
            rows.append({"project": project, "start": whens[i], "end": whens[i + 1], "status": r["status"],
                         "status_label": r["status_label"], "from_label": r["when_label"],
                         "to_label": labels[i + 1], "milestone": r["milestone"],
                         "source": r["source"] if "source" in r else "", "carried": i == len(g) - 1})
    out = pd.DataFrame(rows, columns=["project", "start", "end", "status", "status_label", "from_label", "to_label",
                                      "milestone", "source", "carried"])
    if start is not None and len(out):
        lo = pd.Timestamp(start)
        out = out[out["end"] > lo].copy()
        out["start"] = out["start"].where(out["start"] >= lo, lo)
    out["years"] = ((out["end"] - out["start"]).dt.days / DAYS_PER_YEAR).round(1) if len(out) else []
    return out.reset_index(drop=True)


def _status_scale(statuses=None, colors=None) -> alt.Scale:
    keys = [s for s in STATUSES if statuses is None or s in set(statuses)]
    colors = colors or STATUS_COLORS
    return alt.Scale(domain=[STATUS_LABELS[s] for s in keys], range=[colors[s] for s in keys])


def describe_gantt(projects: pd.DataFrame, end=None, only=None) -> str:
    """Text description of the Gantt chart for screen readers, computed from the data (``only``: the projects
    the chart keeps, when it is zoomed)."""
    cur = current_status(projects, end)
    if only is not None:
        cur = cur[cur["project"].isin(set(only))]
    parts = "; ".join(f"{r.project}: first milestone {r.first}, {r.label}" for r in cur.itertuples())
    return (f"Gantt-style chart of {len(cur)} projects, one row each, with coloured bars for the status between "
            f"dated milestones and dots at the milestones. {parts}.")


def gantt_chart(projects: pd.DataFrame, *, title: str, subtitle: str | None = None, description: str | None = None,
                start=None, end=None, events: pd.DataFrame | None = None, highlight: str | None = None,
                width: int = 560, label_width: int = 190):
    """The "announced → signed → delivered" chart: one row per project, bars coloured by status between
    milestones, dots at the milestones (tooltip: date, milestone, status, note, source), and each project's
    status at ``end`` in a column on the right.

    Each project's last bar is pale: its status is carried forward from the last dated milestone, which is
    not evidence that the status still holds. ``start``/``end`` zoom the time axis (end defaults to the end
    of the record; with ``start`` only projects with a milestone in the window are shown); ``events`` (from
    ``pkru.charts.pick_events``) adds labelled dashed rules; ``highlight`` (a project name) fades the others."""
    p = _prep(projects)
    if "source" not in p:
        p = with_source_labels(p)
    stop = _as_ts(end)
    seg = segments(p, end=end, start=start)
    pts = p[(p["when"] <= stop) & ((p["when"] >= pd.Timestamp(start)) if start is not None else True)]
    cur = current_status(p, end)
    if start is not None:  # keep only projects with a milestone inside the window
        inside = set(pts["project"])
        cur, seg = cur[cur["project"].isin(inside)], seg[seg["project"].isin(inside)]
    order = [x for x in project_order(p) if x in set(cur["project"])]
    lo = pd.Timestamp(start) if start is not None else pd.Timestamp(year=int(p["when"].min().year) - 1, month=1, day=1)
    hi = pd.Timestamp(year=stop.year + 1, month=1, day=1)
    x_scale = alt.Scale(domain=[lo.isoformat(), hi.isoformat()])
    y = alt.Y("project:N", title=None, sort=order, scale=alt.Scale(domain=order),
              axis=alt.Axis(labelLimit=260, labelFontSize=12))
    dim = (lambda frame: frame["project"].ne(highlight).map({True: 0.25, False: 1.0})) if (
        highlight and highlight != ALL) else (lambda frame: 1.0)
    seg = seg.assign(op=lambda f: dim(f) * f["carried"].map({True: 0.4, False: 1.0}).astype(float),
                     kind=lambda f: f["carried"].map({True: "carried forward from the last milestone",
                                                      False: "between two dated milestones"}))
    pts = pts.assign(op=dim)
    opacity = alt.Opacity("op:Q", scale=None, legend=None)
    present = set(seg["status"]) | set(pts["status"])
    color = alt.Color("status_label:N", title="Status", scale=_status_scale(present),
                      legend=alt.Legend(orient="bottom", columns=3))
    bars = alt.Chart(seg).mark_bar(height=14).encode(
        x=alt.X("start:T", title=None, scale=x_scale, axis=alt.Axis(format="%Y", labelAngle=0)), x2="end:T", y=y,
        color=color, opacity=opacity,
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("status_label:N", title="Status"),
                 alt.Tooltip("from_label:N", title="From"), alt.Tooltip("to_label:N", title="Until"),
                 alt.Tooltip("years:Q", title="Years", format=".1f"), alt.Tooltip("kind:N", title="Bar"),
                 alt.Tooltip("milestone:N", title="Set by"), alt.Tooltip("source:N", title="Source")])
    cols = ["project", "when", "when_label", "milestone", "status_label", "note", "source", "op"]
    dots = alt.Chart(pts[cols].fillna("")).mark_point(filled=True, size=70, stroke="#222", strokeWidth=1).encode(
        x=alt.X("when:T", scale=x_scale), y=y,
        color=alt.Color("status_label:N", scale=_status_scale(present), legend=None),
        opacity=opacity,
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("when_label:N", title="Date"),
                 alt.Tooltip("milestone:N", title="Milestone"), alt.Tooltip("status_label:N", title="Status"),
                 alt.Tooltip("note:N", title="Note"), alt.Tooltip("source:N", title="Source")])
    layers = [bars, dots]
    if events is not None and len(events):
        ev = events.copy()
        layers.append(alt.Chart(ev[["when", "label", "title", "source", "when_label"]]).mark_rule(
            strokeDash=[4, 3], color="#555").encode(
            x=alt.X("when:T", scale=x_scale),
            tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                     alt.Tooltip("source:N", title="Source")]))
        layers.append(alt.Chart(ev[["when", "label"]]).mark_text(
            align="left", baseline="top", dx=3, dy=-16, fontSize=11, color="#555").encode(
            x=alt.X("when:T", scale=x_scale), text="label:N",
            y=alt.value(0)))
    height = 34 * len(order) + 10
    main = alt.layer(*layers).properties(width=width, height=height)
    right = alt.Chart(cur.assign(head="Status " + ("at the end of the record" if end is None
                                                   else f"on {stop:%d %B %Y}"))).mark_text(
        align="left", fontSize=12, fontWeight="bold").encode(
        x=alt.value(0), y=alt.Y("project:N", sort=order, scale=alt.Scale(domain=order), axis=None),
        text="label:N", color=alt.Color("status_label:N", scale=_status_scale(colors=STATUS_TEXT_COLORS),
                                        legend=None),
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("label:N", title="Status"),
                 alt.Tooltip("milestone:N", title="Last milestone")],
    ).properties(width=label_width, height=height, title=alt.Title(
        "Status at the end of the record" if end is None else f"Status on {stop:%d %b %Y}", fontSize=12))
    chart = alt.hconcat(main, right, spacing=8).resolve_scale(color="independent")
    desc = description or describe_gantt(p, end, only=order)
    return finish(chart, title, subtitle, desc)


def crude_frame(projects: pd.DataFrame) -> pd.DataFrame:
    """The crude-oil rows as bars: the G2G order (promise) and each cargo (delivery), with running totals.
    Columns: when, when_label, what, kind (ordered / delivered, G2G / delivered, commercial), tonnes,
    cumulative (delivered so far), note, source."""
    p = _prep(projects)
    if "source" not in p:
        p = with_source_labels(p)
    c = p[(p["project"] == "Russian crude oil purchases") & (p["unit"].fillna("").str.startswith("tonnes"))]
    c = c.sort_values("when", kind="stable")
    kind = []
    for _, r in c.iterrows():
        if r["status"] != "operating":
            kind.append("ordered (government deal)")
        elif "Cnergyico" in r["milestone"]:
            kind.append("delivered, commercial")
        else:
            kind.append("delivered, government deal")
    out = pd.DataFrame({"when": c["when"].to_numpy(), "when_label": c["when_label"].to_numpy(),
                        "what": c["milestone"].to_numpy(), "kind": kind, "tonnes": c["quantity"].to_numpy(),
                        "note": c["note"].fillna("").to_numpy(), "source": c["source"].to_numpy()})
    delivered = out["tonnes"].where(out["kind"].str.startswith("delivered"), 0)
    out["cumulative"] = delivered.cumsum()
    return out


CRUDE_COLORS = {"ordered (government deal)": "#56B4E9", "delivered, government deal": "#009E73",
                "delivered, commercial": "#999999"}


def describe_crude(frame: pd.DataFrame, events: pd.DataFrame | None = None) -> str:
    """Description for screen readers of :func:`crude_chart`, from the rows of :func:`crude_frame` it draws:
    the order, the cargoes of each kind with their dates, what the government deal's cargoes add up to, the
    total delivered, and the event lines."""
    if frame.empty:
        return "Bar chart of crude-oil orders and cargoes: none in the record."
    parts = [f"an order of {r.tonnes:,.0f} t ({r.when_label})" for r in frame.itertuples()
             if r.kind.startswith("ordered")]
    delivered = frame[frame["kind"].str.startswith("delivered")]
    for kind, g in delivered.groupby("kind", sort=False):
        cargoes = ", ".join(f"{r.tonnes:,.0f} t ({r.when_label})" for r in g.itertuples())
        how = "under the government deal" if kind.endswith("government deal") else "on commercial terms"
        parts.append(f"{len(g)} cargo{'es' if len(g) != 1 else ''} {how}: {cargoes}")
    text = "Bar chart of Russian crude oil for Pakistan in tonnes: " + "; ".join(parts) + "."
    ordered = frame.loc[frame["kind"].str.startswith("ordered"), "tonnes"]
    g2g = delivered.loc[delivered["kind"].str.endswith("government deal"), "tonnes"].sum()
    if len(ordered):
        text += f" The government deal's cargoes add up to {g2g:,.0f} t against an order of {ordered.iloc[0]:,.0f} t."
    text += f" A step line shows {delivered['tonnes'].sum():,.0f} t delivered in all."
    lines = describe_event_lines(events) if events is not None else ""
    return f"{text} {lines}".strip()


def crude_chart(projects: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None,
                events: pd.DataFrame | None = None):
    """Bars for the 2023 crude order and cargoes (tonnes) over time, with a step line of the tonnes delivered
    so far and a reference line at the size of the government deal. Without ``description``,
    :func:`describe_crude` writes it."""
    f = crude_frame(projects)
    order = f.loc[f["kind"].str.startswith("ordered"), "tonnes"]
    x_scale = alt.Scale(domain=[pd.Timestamp("2023-03-20").isoformat(), pd.Timestamp("2023-12-15").isoformat()])
    base = alt.Chart(f)
    bars = base.mark_bar(width=14).encode(
        x=alt.X("when:T", title=None, scale=x_scale, axis=alt.Axis(format="%b %Y", labelAngle=0)),
        y=alt.Y("tonnes:Q", title="Tonnes of crude oil", axis=alt.Axis(format=",d")),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=list(CRUDE_COLORS),
                                                              range=list(CRUDE_COLORS.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("what:N", title="What"),
                 alt.Tooltip("tonnes:Q", title="Tonnes", format=","), alt.Tooltip("note:N", title="Note"),
                 alt.Tooltip("source:N", title="Source")])
    step = base.transform_filter(alt.datum.cumulative > 0).mark_line(
        interpolate="step-after", color="#222", strokeDash=[2, 2], point=alt.OverlayMarkDef(color="#222", size=30)
    ).encode(x="when:T", y="cumulative:Q",
             tooltip=[alt.Tooltip("when_label:N", title="Date"),
                      alt.Tooltip("cumulative:Q", title="Delivered so far (t)", format=",")])
    layers = [bars, step]
    if len(order):
        ref = pd.DataFrame({"y": [float(order.iloc[0])], "label": ["size of the government deal"]})
        layers.append(alt.Chart(ref).mark_rule(color="#0072B2", strokeDash=[6, 3]).encode(y="y:Q"))
        layers.append(alt.Chart(ref).mark_text(align="left", dy=10, fontSize=11, color="#0072B2").encode(
            y="y:Q", text="label:N", x=alt.value(290)))
    if events is not None and len(events):
        ev = events[["when", "label", "title", "source", "when_label"]]
        layers.append(alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x="when:T", tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                                 alt.Tooltip("source:N", title="Source")]))
        layers.append(alt.Chart(ev).mark_text(align="left", baseline="top", dx=3, fontSize=11, color="#555").encode(
            x="when:T", text="label:N", y=alt.value(4)))
    desc = describe_crude(f, events) if description is None else description
    return finish(alt.layer(*layers), title, subtitle, desc, width=600, height=260)


def delivery_chart(projects: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None, as_of=None):
    """Horizontal bars: years from first signature to first delivery (green), or years waited so far for
    projects signed but never delivered (vermilion). Projects without a binding agreement (announced, or a memorandum between companies) are listed with a zero bar."""
    svd = signed_vs_delivered(projects, as_of)
    end = _as_ts(as_of)
    rows = []
    for r in svd.itertuples():
        if r.delivered and r.signed:
            rows.append((r.project, r.years_to_delivery, "signed → delivered",
                         f"{r.first_signed:%B %Y} → {r.first_delivered:%B %Y}"))
        elif r.signed:
            rows.append((r.project, r.years_waiting, "signed, still waiting",
                         f"signed {r.first_signed:%B %Y}; nothing delivered by {end:%B %Y}"))
        else:
            rows.append((r.project, 0.0, "no binding agreement", "announced only: no binding agreement in the record"))
    f = pd.DataFrame(rows, columns=["project", "years", "outcome", "detail"])
    f["text"] = [("no binding agreement" if o == "no binding agreement" else f"{y:.1f} years") for y, o in zip(f["years"], f["outcome"])]
    f["source"] = "data/projects.csv (sources per milestone: see the Gantt chart)"
    colors = {"signed → delivered": "#009E73", "signed, still waiting": "#D55E00", "no binding agreement": "#BBBBBB"}
    order = list(f.sort_values("years", ascending=False)["project"])
    bars = alt.Chart(f).mark_bar(height=16).encode(
        x=alt.X("years:Q", title="Years"), y=alt.Y("project:N", title=None, sort=order,
                                                   axis=alt.Axis(labelLimit=260)),
        color=alt.Color("outcome:N", title=None, scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("project:N", title="Project"), alt.Tooltip("outcome:N", title="Outcome"),
                 alt.Tooltip("years:Q", title="Years", format=".1f"), alt.Tooltip("detail:N", title="Dates"),
                 alt.Tooltip("source:N", title="Source")])
    text = bars.mark_text(align="left", dx=4, fontSize=11).encode(text="text:N", color=alt.value("#222"))
    desc = description or ("Bar chart of years from first signature to first delivery per project: "
                           + "; ".join(f"{r.project} {r.years:.1f} years ({r.outcome})" for r in f.itertuples()) + ".")
    return finish(alt.layer(bars, text), title, subtitle, desc, width=520, height=34 * len(f))


# ------------------------------------------------------------------ the widget
def milestones_until(projects: pd.DataFrame, project: str = ALL, when=None) -> pd.DataFrame:
    """The milestones of one project (or all) dated on or before ``when`` (a year = its end), in date order,
    as a small readable table: step, date, project, milestone, status, source."""
    p = _prep(projects)
    if project != ALL:
        if project not in set(p["project"]):
            raise ValueError(f"Unknown project '{project}': choose one of {', '.join(project_order(p))}")
        p = p[p["project"] == project]
    p = p[p["when"] <= _as_ts(when)].sort_values("when", kind="stable")
    cols = {"step": "step", "when_label": "date", "project": "project", "milestone": "milestone",
            "status_label": "status"}
    if "source" in p:
        cols["source"] = "source"
    return p[list(cols)].rename(columns=cols).reset_index(drop=True)


def describe_as_of(projects: pd.DataFrame, year: int, project: str = ALL) -> str:
    """One sentence for the widget: what the record shows at the end of ``year``."""
    st = status_as_of(projects, int(year))
    if project != ALL:
        row = st[st["project"] == project]
        if row.empty:
            first = _prep(projects).loc[lambda d: d["project"] == project, "when_label"].iloc[0]
            return f"At the end of {year}, {project} had not yet been proposed: its first milestone is dated {first}."
        r = row.iloc[0]
        n = int(r["milestones_so_far"])
        return (f"At the end of {year}, {project} was {r['status_label']} (since {r['since']}: "
                f"{r['milestone'].rstrip('.')}), after {n} dated milestone{'s' if n != 1 else ''}.")
    if st.empty:
        return f"At the end of {year} no project in the table had been proposed yet."
    counts = st["status_label"].value_counts()
    parts = ", ".join(f"{n} {s}" for s, n in counts.items())
    delivered = int(st["status"].isin(DELIVERED).sum())
    return (f"At the end of {year}, {len(st)} project{'s' if len(st) != 1 else ''} had been proposed: {parts}. "
            f"{delivered} of them {'was' if delivered == 1 else 'were'} operating (delivered) at that moment.")


def as_of_view(projects: pd.DataFrame, project: str = ALL, year: int | None = None):
    """The widget's output: a sentence, the Gantt chart cut at the end of ``year`` (all projects, or zoomed on
    the chosen one), and the milestones so far (the chosen project's, or the latest eight of all)."""
    from IPython.display import HTML

    p = _prep(projects)
    year = int(year if year is not None else record_end().year)
    cut = min(_as_ts(year), record_end())
    text = HTML(f"<p class='pkru-selection'><b>{html.escape(describe_as_of(p, year, project))}</b></p>")
    if p[p["when"] <= cut].empty:
        return text
    shown = p[p["when"] <= cut]
    start = None
    if project != ALL:
        shown = shown[shown["project"] == project]
        if shown.empty:
            return text
        start = pd.Timestamp(year=int(shown["when"].min().year), month=1, day=1)
    chart = gantt_chart(shown, end=cut, start=start,
                        title=f"What the record showed at the end of {year}",
                        subtitle="Bars = status between milestones (pale = carried forward) · dots = milestones "
                                 "· hover for sources",
                        description=describe_as_of(p, year, project), width=480, label_width=230)
    table = milestones_until(p, project, cut)
    if project == ALL:
        table = table.tail(8)
    return text, chart, table


def explorer(projects: pd.DataFrame | None = None):
    """Project dropdown + year slider → what an observer could have known at the end of that year."""
    import ipywidgets as w

    from ..explore import explorer as make_explorer

    p = load_projects() if projects is None else _prep(projects)
    first, last = int(p["year"].min()), int(record_end().year)
    wide = {"description_width": "110px"}
    controls = {
        "project": w.Dropdown(options=[ALL, *project_order(p)], value=ALL, description="Project", style=wide,
                              layout=w.Layout(width="520px")),
        "year": w.IntSlider(value=last, min=first, max=last, step=1, description="End of year",
                            continuous_update=False, style=wide, layout=w.Layout(width="520px")),
    }

    def render(project, year):
        return as_of_view(p, project, year)

    return make_explorer(controls, render,
                         intro="Pick a project and drag the year: the chart shows only what had happened by the end "
                               "of that year. Keyboard: Tab to a control, arrow keys change it.")


as_of_explorer = explorer  # the name notebook 07 used before the lessons moved (kept for saved copies)
