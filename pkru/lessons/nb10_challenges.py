"""Notebook 10 (challenges): obstacles to Pakistan–Russia cooperation, and what evidence the course holds for each.

Six obstacles are studied (:func:`obstacles`, from ``data/lessons/obstacles.csv``). For each, the course holds three
kinds of evidence:

- **indicators** computed here from the course's tables (:func:`indicators`): SIPRI arms deliveries, UN votes,
  COW and official trade figures, the projects table and the visits table;
- **dated events** of ``data/events.csv`` and **project milestones** of ``data/projects.csv`` that illustrate the
  obstacle (:func:`evidence_items`), each with its sources;
- a **basis** grade saying how far the evidence goes: *named* (a source says this held something up),
  *measured* (the course's data show the pattern; that it holds cooperation back is an inference) or
  *inferred* (no source names it; the course can count only proxies, such as visits, votes and dated events,
  that other explanations fit as well).

Functions used by notebook 10 (and available to 13 and 14):

- :func:`indicators`, :func:`evidence_items`, :func:`evidence_counts` — the evidence base;
- :func:`delivery_frame` and :func:`delivery_obstacles_chart` — signed against delivered, with the obstacle the
  sources name for each project (reuses :mod:`pkru.lessons.nb07_energy`);
- :func:`soviet_deliveries` and :func:`india_share_chart` — the India factor in SIPRI deliveries (reuses
  :mod:`pkru.lessons.nb05_security`);
- :func:`rank_obstacles`, :func:`describe_ranking`, :func:`ranker_view` and :func:`explorer` — the widget: the
  learner weights the obstacles and sees the evidence behind each.

SIPRI's terms travel with every SIPRI-based table and chart (credit line, "calculations are the course
authors'"). SIPRI lists the Soviet Union (to 1991) and Russia (from 1992) separately; they are added up as
USSR/Russia where a series spans both.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from . import nb05_security as arms_mod
from . import nb07_energy as pj
from . import nb04_trade as trade_mod
from . import nb03_diplomacy as visits_mod
from ..charts import finish
from .. import tables
from ..indicators import USSR_RUSSIA, arms_share, trade_share, ukraine_votes, unga_mean, unga_recorded_mean
from ..data import CourseDataError, events_for_plot, load, source_label, split_ids

__all__ = [
    # the obstacles (data/lessons/obstacles.csv) and the evidence base
    "obstacles", "obstacle_order", "label", "obstacle_table", "indicator_view", "BASIS_LABELS", "BASIS_NOTES",
    "BASIS_COLORS", "UNITS", "indicators", "short_source", "evidence_items", "evidence_counts", "share_since",
    "projects_signed_since", "sanction_stalls", "payment_channel_events", "events_between",
    # signed against delivered; the India factor; the evidence map
    "PROJECT_REASONS", "OUTCOME_COLORS", "delivery_frame", "delivery_obstacles_chart", "soviet_deliveries",
    "describe_india_share", "india_share_chart", "describe_evidence_map", "evidence_map_chart",
    # the widget (the obstacle ranker) and exercise 3
    "rank_obstacles", "describe_ranking", "evidence_table", "ranking_chart", "FOCUS_TOP", "ranker_view", "explorer",
    "obstacle_ranker", "reading_explorer", "STATEMENTS",
    # the Sources section
    "CITED_EVENTS", "CITED_SOURCES", "cited_source_ids",
]

# ------------------------------------------------------------------ the obstacles (data/lessons/obstacles.csv)
BASIS_LABELS = {"named": "named by sources",
                "measured": "measured pattern, cause inferred",
                "inferred": "inferred from proxies"}
BASIS_NOTES = {"named": "A source says this held something up.",
               "measured": "The course's data show the pattern; that it holds cooperation back is an inference.",
               "inferred": "No source names it; the course can count only proxies (visits, votes, dated events) "
                           "that other explanations fit as well."}
BASIS_COLORS = {"named": "#009E73", "measured": "#0072B2", "inferred": "#E69F00"}
OBSTACLES_FILE = "data/lessons/obstacles.csv"


def obstacles() -> dict[str, dict]:
    """The obstacles of ``data/lessons/obstacles.csv``, in the file's order:
    ``{key: {"label", "short", "claim", "basis", "events", "milestones", "test"}}`` (events and milestones are
    lists of ids of data/events.csv and data/projects.csv)."""
    return {r.obstacle: {"label": r.label, "short": r.short, "claim": r.claim, "basis": r.basis,
                         "events": split_ids(r.event_ids), "milestones": split_ids(r.milestone_ids), "test": r.test}
            for r in load("obstacles").itertuples(index=False)}


def obstacle_order() -> list[str]:
    """The obstacle keys in the notebook's order (the order of data/lessons/obstacles.csv)."""
    return list(obstacles())


def _check_obstacle(key: str) -> dict:
    known = obstacles()
    if key not in known:
        raise ValueError(f"Unknown obstacle '{key}': choose one of {', '.join(known)}")
    return known[key]


def label(key: str) -> str:
    """Readable name of an obstacle key ('india' -> 'The India factor')."""
    return _check_obstacle(key)["label"]


def obstacle_table() -> pd.DataFrame:
    """The six obstacles as a readable table: obstacle, the claim, its basis grade, what would test it."""
    return pd.DataFrame([{"obstacle": ob["label"], "the claim": ob["claim"], "basis": BASIS_LABELS[ob["basis"]],
                          "what would test it": ob["test"]} for ob in obstacles().values()])


def indicator_view(inds: pd.DataFrame, obstacle: str) -> pd.DataFrame:
    """The computed indicators of one obstacle, for reading: indicator, value, source."""
    _check_obstacle(obstacle)
    i = inds[inds["obstacle"] == obstacle]
    return i[["indicator", "display", "source"]].rename(columns={"display": "value"}).reset_index(drop=True)


UNITS = {"pct": "%", "ratio": "to 1", "count": "", "years": "years", "usd_m": "million US$"}

SIPRI_SOURCE = arms_mod.SOURCE_LABEL
SIPRI_2026 = "sipri_arms_register_2026"   # SIPRI's trade register of February 2026 (deliveries 1995–2024)
UN_SOURCE = "Voeten, Strezhnev & Bailey, UN General Assembly voting data (Harvard Dataverse)"
COW_SOURCE = "Correlates of War Trade v4.0 (Barbieri & Keshk)"


# ------------------------------------------------------------------ evidence: computed indicators
def _data(data: dict | None) -> dict:
    data = dict(data or {})
    for name in ("arms_imports", "arms_imports_2026", "unga_agreement", "unga_agreement_recorded", "trade", "events",
                 "visits"):
        if name not in data:
            data[name] = load(name)
    if "projects" not in data:
        data["projects"] = pj.load_projects()
    return data


def projects_signed_since(projects: pd.DataFrame, year: int = 2015) -> pd.DataFrame:
    """Projects whose first signature is dated in ``year`` or later (rows of ``pj.signed_vs_delivered``)."""
    svd = pj.signed_vs_delivered(projects)
    return svd[svd["signed"] & (svd["first_signed"].dt.year >= int(year))].reset_index(drop=True)


def sanction_stalls(projects: pd.DataFrame) -> list[str]:
    """Projects stalled at the end of the record whose milestones (text or note) mention sanctions."""
    p = pj.prepare(projects) if "step" not in projects else projects
    stalled = pj.current_status(p).query("status in @pj.OFF_TRACK")["project"]
    text = (p["milestone"].fillna("") + " " + p["note"].fillna("")).str.lower()
    named = set(p.loc[text.str.contains("sanction"), "project"])
    return [x for x in stalled if x in named]


def payment_channel_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events whose title or summary mentions yuan or barter (the payment detours of 2023–24)."""
    text = (events["title"] + " " + events["summary"]).str.lower()
    return events[text.str.contains(r"\byuan\b|\bbarter\b", regex=True)].sort_values("date").reset_index(drop=True)


def events_between(events: pd.DataFrame, start: str, end: str, categories=("economy", "energy")) -> pd.DataFrame:
    """Events of some categories dated from ``start`` to ``end`` (ISO strings; partial dates compare by prefix)."""
    keep = events["category"].isin(list(categories)) & (events["date"] >= start) & (events["date"] <= end)
    return events[keep].sort_values("date").reset_index(drop=True)


def _row(obstacle, indicator, value, unit, display, source_ids, note="", source=None):
    ids = ";".join(dict.fromkeys(source_ids))
    return {"obstacle": obstacle, "indicator": indicator, "value": float(value), "unit": unit, "display": display,
            "source_ids": ids, "note": note, "source": source or short_source(ids)}


def indicators(data: dict | None = None) -> pd.DataFrame:
    """The measured evidence, one row per indicator, computed from the course's tables.

    Columns: obstacle, label, indicator, value, unit, display (readable), source_ids, source (readable), note.
    ``data`` may hold already-loaded tables (keys: arms_imports, arms_imports_2026, unga_agreement,
    unga_agreement_recorded, trade, events, visits, projects). Arms figures come from SIPRI's 2026 register
    (deliveries 1995–2024); UN agreement on both bases, each in its own row, never averaged together."""
    d = _data(data)
    a, u, t, ev, pr = d["arms_imports_2026"], d["unga_agreement"], d["trade"], d["events"], d["projects"]
    rec = d["unga_agreement_recorded"]
    vis = visits_mod.prepare(d["visits"]) if "when" not in d["visits"] else d["visits"]
    ev_src = ev.set_index("event_id")["source_ids"]
    rows = []

    # delivery
    summary = pj.delivery_summary(pr)
    recent = projects_signed_since(pr, 2015)
    svd = pj.signed_vs_delivered(pr)
    wait = svd.loc[svd["years_waiting"].idxmax()] if svd["years_waiting"].notna().any() else None
    pr_src = [s for v in pr["source_ids"] for s in split_ids(v)]
    pr_label = "data/projects.csv: each milestone carries its own sources (see the Sources list)"
    rows.append(_row("delivery", "Projects signed, and of those delivered (data/projects.csv)", summary["delivered"],
                     "count", f"{summary['signed']} signed, {summary['delivered']} delivered", pr_src, source=pr_label))
    rows.append(_row("delivery", "Projects first signed in 2015 or later that delivered anything",
                     int(recent["delivered"].sum()), "count",
                     f"{int(recent['delivered'].sum())} of {len(recent)}", pr_src,
                     "; ".join(recent.loc[recent["delivered"], "project"]), source=pr_label))
    if wait is not None:
        wait_src = [s for v in pr.loc[pr["project"] == wait["project"], "source_ids"] for s in split_ids(v)]
        rows.append(_row("delivery", "Longest wait since a signature with nothing delivered", wait["years_waiting"],
                         "years", f"{wait['years_waiting']:.1f} years: {wait['project']}", wait_src))

    # sanctions and payments
    stalled = pj.current_status(pr).query("status in @pj.OFF_TRACK")
    named = sanction_stalls(pr)
    named_src = [s for v in pr.loc[pr["project"].isin(named) & (pr["note"].fillna("") + pr["milestone"]).str.lower()
                                   .str.contains("sanction"), "source_ids"] for s in split_ids(v)]
    rows.append(_row("sanctions", "Stalled projects whose sources name sanctions", len(named), "count",
                     f"{len(named)} of {len(stalled)}: {'; '.join(named) or 'none'}", named_src))
    pay = payment_channel_events(ev)
    rows.append(_row("sanctions", "Dated events on paying in yuan or by barter", len(pay), "count",
                     f"{len(pay)} ({', '.join(pay['date'].str[:4].unique())})",
                     [s for v in pay["source_ids"] for s in split_ids(v)]))
    cow14 = t[(t["series"] == "cow") & (t["year"] == 2014) & (t["flow"] == "pak_exports")]
    cow14 = cow14.set_index("partner")["value_usd_m"]
    exp_ratio = cow14["USA"] / cow14["RUS"]
    rows.append(_row("sanctions", "Pakistan's exports to the US for each dollar of exports to Russia, 2014 (COW)",
                     exp_ratio, "ratio",
                     f"{exp_ratio:.0f} to 1 ({cow14['USA']:,.0f} vs {cow14['RUS']:,.0f} million US$)",
                     ["cow_trade_v4"], "What Pakistan could put at risk by crossing Washington; an inference."))

    # thin economic base
    share = 100 * trade_share("RUS", (2010, 2014), trade=t)
    rows.append(_row("economy", "Russia's share of Pakistan's goods trade, 2010–2014 (COW)", share, "pct",
                     f"{share:.1f}%", ["cow_trade_v4"]))
    split = trade_mod.official_split(t).iloc[-1]
    split_src = t[(t["series"] == "official") & (t["year"] == split["year"]) & (t["period"] == split["period"])]
    ratio = split["pak_imports"] / split["pak_exports"]
    rows.append(_row("economy", f"Pakistan's imports from Russia for each dollar of exports, {split['period_label']}",
                     ratio, "ratio", f"{ratio:.0f} to 1 ({split['pak_imports']:,.0f} vs {split['pak_exports']:,.0f} "
                     "million US$)", [s for v in split_src["source_ids"] for s in split_ids(v)]))

    # India (SIPRI's 2026 register: its whole span and its last five-year period; UN votes on both bases)
    first, last = int(a["year"].min()), int(a["year"].max())
    recent = (last - 4, last)
    for years in ((first, last), recent):
        ind, pak = (100 * arms_share(USSR_RUSSIA, years, r, arms=a) for r in ("IND", "PAK"))
        span = f"{years[0]}–{years[1]}" if years != recent else f"{years[0]}–{str(years[1])[-2:]}"
        rows.append(_row("india", f"Russia's share of India's and of Pakistan's arms imports, {span} (SIPRI's 2026 "
                         "register)", ind, "pct", f"India {ind:.0f}%, Pakistan {pak:.1f}%", [SIPRI_2026]))
    to_ind = arms_mod.supplier_tiv(a, "IND", "Russia", (first, last))
    to_pak = arms_mod.supplier_tiv(a, "PAK", "Russia", (first, last))
    rows.append(_row("india", f"Russia's deliveries to India for each unit delivered to Pakistan, {first}–{last} "
                     "(SIPRI's 2026 register)", to_ind / to_pak, "ratio", f"{to_ind / to_pak:.0f} to 1", [SIPRI_2026]))
    un_ind, un_pak = (100 * unga_mean(p, (2010, 2019), unga=u) for p in ("IND-RUS", "PAK-RUS"))
    lo, hi = 2020, int(rec["year"].max())
    r_ind, r_pak = (100 * unga_recorded_mean(p, (lo, hi), recorded=rec) for p in ("IND-RUS", "PAK-RUS"))
    rows.append(_row("india", "UN General Assembly agreement with Russia: India minus Pakistan (two bases, side by side)",
                     un_ind - un_pak, "pct",
                     f"2010–2019 roll calls: India {un_ind:.1f}%, Pakistan {un_pak:.1f}%; {lo}–{hi} UN recorded votes: "
                     f"India {r_ind:.1f}%, Pakistan {r_pak:.1f}%", ["unvotes_voeten", "unga_dgacm"],
                     "In votes, Moscow does not lean towards India. The two bases count different votes: never "
                     "averaged together."))

    # domestic politics
    after = events_between(ev, "2022-09-15", "2023-12-31")
    rows.append(_row("domestic",
                     "Economic and energy events from Shehbaz Sharif's first meeting with Putin (Sep 2022) to 2023",
                     len(after), "count", f"{len(after)} dated events",
                     [s for v in after["source_ids"] for s in split_ids(v)]
                     + split_ids(ev_src["ev2022_imran_khan_meets_putin"])
                     + split_ids(ev_src["ev2022_shehbaz_putin_samarkand"]),
                     "Imran Khan met Putin as prime minister in February 2022; Shehbaz Sharif did so in "
                     "September 2022."))

    # trust
    heads = visits_mod.filter_visits(vis, "head_of_state", "RUS")
    rows.append(_row("trust", "Visits to Pakistan by a Soviet or Russian head of state (data/visits.csv)", len(heads),
                     "count", f"{len(heads)}", split_ids(ev_src["ev2012_putin_cancels_visit"]),
                     "Putin called off a planned trip in 2012."))
    gap = visits_mod.longest_gap(vis, "head_of_government", "RUS")
    gap_src = [s for v in vis.loc[(vis["level"] == "head_of_government") & (vis["from_country"] == "RUS"),
                                  "source_ids"] for s in split_ids(v)]
    rows.append(_row("trust", "Longest gap between visits to Pakistan by a Soviet or Russian head of government",
                     gap["years"], "years", f"{gap['years']:.0f} years ({gap['start'].year}–{gap['end'].year})",
                     gap_src))
    votes = ukraine_votes()
    abst = votes[votes["pakistan"] == "abstain"]
    rows.append(_row("trust", "UN General Assembly votes on Russia's war, 2022–23: Pakistan's abstentions",
                     len(abst), "count", f"{len(abst)} abstentions, no vote against Russia",
                     [s for v in abst["source_ids"] for s in split_ids(v)],
                     "Read as trust, as hedging, or as non-alignment: the vote alone cannot tell."))

    out = pd.DataFrame(rows)
    out.insert(1, "label", out["obstacle"].map(label))
    return out


def short_source(source_ids: str, limit: int = 4) -> str:
    """A readable source label; beyond ``limit`` sources, the first three and how many more."""
    ids = split_ids(source_ids)
    if len(ids) <= limit:
        return source_label(source_ids)
    return f"{source_label(';'.join(ids[:3]))} and {len(ids) - 3} more (see the Sources list)"


# ------------------------------------------------------------------ evidence: dated events and milestones
def _check_item_ids(known: dict, event_ids: set, milestone_ids: set) -> None:
    """A clear message (file, line, column) for an obstacle that names an event or milestone the course lacks."""
    for line, (key, ob) in enumerate(known.items(), start=2):
        for column, ids, pool, table in (("event_ids", ob["events"], event_ids, "data/events.csv"),
                                         ("milestone_ids", ob["milestones"], milestone_ids, "data/projects.csv")):
            unknown = [i for i in ids if i not in pool]
            if unknown:
                raise CourseDataError(OBSTACLES_FILE, f"obstacle '{key}' names '{unknown[0]}', which is not in "
                                      f"{table}", line=line, column=column)


def evidence_items(events: pd.DataFrame | None = None, projects: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dated events and project milestones that illustrate each obstacle (one row per obstacle and item).

    Columns: obstacle, label, basis, kind ('dated event' / 'project milestone'), item_id, when, when_label, year,
    title, summary, confidence ('n/a' for milestones, which carry no grade), source_ids, source."""
    ev = events_for_plot(events)
    pr = pj.load_projects() if projects is None else projects
    pr = pj.prepare(pr) if "when" not in pr else pr
    if "source" not in pr:
        pr = pr.assign(source=pr["source_ids"].map(source_label))
    ev_i, pr_i = ev.set_index("event_id"), pr.set_index("milestone_id")
    known = obstacles()
    _check_item_ids(known, set(ev_i.index), set(pr_i.index))
    rows = []
    for key, ob in known.items():
        for eid in ob["events"]:
            r = ev_i.loc[eid]
            rows.append({"obstacle": key, "kind": "dated event", "item_id": eid, "when": r["when"],
                         "when_label": r["when_label"], "title": r["title"], "summary": r["summary"],
                         "confidence": r["confidence"], "source_ids": r["source_ids"], "source": r["source"]})
        for mid in ob["milestones"]:
            r = pr_i.loc[mid]
            note = "" if pd.isna(r["note"]) else f" {r['note']}"
            rows.append({"obstacle": key, "kind": "project milestone", "item_id": mid, "when": r["when"],
                         "when_label": r["when_label"], "title": f"{r['project']}: {r['milestone']}",
                         "summary": f"Status: {r['status_label']}.{note}", "confidence": "n/a",
                         "source_ids": r["source_ids"], "source": r["source"]})
    out = pd.DataFrame(rows)
    out.insert(1, "label", out["obstacle"].map(lambda k: known[k]["label"]))
    out.insert(2, "basis", out["obstacle"].map(lambda k: known[k]["basis"]))
    out["when"] = pd.to_datetime(out["when"])
    out["year"] = out["when"].dt.year
    return out


def evidence_counts(items: pd.DataFrame, inds: pd.DataFrame) -> pd.DataFrame:
    """Per obstacle: indicators, dated events, project milestones, items (their sum), the share of dated events
    graded high confidence, the first and last year of the dated items, and the basis grade."""
    known = obstacles()
    rows = []
    for key, ob in known.items():
        it = items[items["obstacle"] == key]
        evs = it[it["kind"] == "dated event"]
        n_ind = int((inds["obstacle"] == key).sum())
        rows.append({"obstacle": key, "label": ob["label"], "indicators": n_ind, "events": len(evs),
                     "milestones": int((it["kind"] == "project milestone").sum()),
                     "items": n_ind + len(it),
                     "high_confidence": float((evs["confidence"] == "high").mean()) if len(evs) else float("nan"),
                     "first_year": int(it["year"].min()) if len(it) else None,
                     "last_year": int(it["year"].max()) if len(it) else None,
                     "basis": ob["basis"], "basis_label": BASIS_LABELS[ob["basis"]]})
    return pd.DataFrame(rows)


def share_since(items: pd.DataFrame, year: int = 2014) -> float:
    """Share (0–1) of the distinct dated items (events and milestones) dated in ``year`` or later."""
    distinct = items.drop_duplicates("item_id")
    return float((distinct["year"] >= int(year)).mean())


# ------------------------------------------------------------------ signed against delivered
#: For each project: the obstacle the record points to (or None), a short reason in the course's words, and the
#: milestones that reason rests on. The reasons restate the milestones' notes; nothing is added to them.
PROJECT_REASONS = {
    "OGDC oil and gas exploration": (None, "Delivered: Soviet credit, Pakistani state corporation",
                                     ["ogdc_1961_soviet_loan", "ogdc_1965_sari_gas"]),
    "Pakistan Steel Mills, Karachi": (None, "Delivered after 14 years, across the 1971 war; idle since June 2015, "
                                            "when its gas was cut over unpaid bills", ["psm_1985_inauguration",
                                                                                       "psm_2015_idle"]),
    "North–South gas pipeline (Pakistan Stream)": ("sanctions", "Contractor under US sanctions; talks paused in 2022",
                                                   ["pipe_2022_talks_paused", "pipe_2023_russian_frustration"]),
    "LNG supply agreement": ("delivery", "No reason given: still 'an offer' in April 2021",
                             ["lng_2017_iga", "lng_2021_still_an_offer"]),
    "Offshore gas pipeline study": ("delivery", "A study deal between companies; nothing later found",
                                    ["offshore_2019_study_agreement"]),
    "Russian crude oil purchases": ("economy", "Delivered in two months; then reported a poor fit for the refinery "
                                               "(the refiner denied stopping)",
                                    ["crude_2023_first_cargo", "crude_2023_refinery_halt"]),
    "Steel mill revival (2025)": (None, "Signed July 2025: too early to judge", ["revival_2025_restoration_protocol"]),
}
OUTCOME_COLORS = {"signed → delivered": "#009E73", "signed, nothing delivered yet": "#D55E00",
                  "no binding agreement": "#BBBBBB"}


def delivery_frame(projects: pd.DataFrame | None = None, as_of=None) -> pd.DataFrame:
    """One row per project: from its first signature (or first announcement, if no binding agreement was signed) to its first
    delivery, or to the end of the record if nothing was delivered; with the obstacle and reason the record
    points to (:data:`PROJECT_REASONS`) and the sources of the milestones behind that reason.

    Columns: project, start, end, start_label, end_label, outcome, years, obstacle (a key of :func:`obstacles`,
    or "" when the record names none), obstacle_label, reason, reason_ids (milestone ids), source."""
    pr = pj.load_projects() if projects is None else projects
    p = pj.prepare(pr) if "when" not in pr else pr
    svd = pj.signed_vs_delivered(p, as_of)
    end = pj._as_ts(as_of)
    by_id = p.set_index("milestone_id")
    rows = []
    for r in svd.itertuples():
        start = r.first_signed if r.signed else r.first_announced
        if r.delivered and r.signed:
            outcome, stop = "signed → delivered", r.first_delivered
            stop_label = f"first delivery {stop:%B %Y}"
        elif r.signed:
            outcome, stop = "signed, nothing delivered yet", end
            stop_label = f"nothing delivered by {end:%B %Y}"
        else:
            outcome, stop = "no binding agreement", end
            stop_label = f"no binding agreement by {end:%B %Y}"
        key, reason, ids = PROJECT_REASONS.get(r.project, (None, "", []))
        srcs = [s for i in ids if i in by_id.index for s in split_ids(by_id.loc[i, "source_ids"])]
        rows.append({"project": r.project, "start": start, "end": stop,
                     "start_label": f"{'signed' if r.signed else 'announced'} {start:%B %Y}",
                     "end_label": stop_label, "outcome": outcome,
                     "years": round((stop - start).days / pj.DAYS_PER_YEAR, 1), "obstacle": key or "",
                     "obstacle_label": label(key) if key else "none named", "reason": reason,
                     "reason_ids": ";".join(ids), "source": short_source(";".join(dict.fromkeys(srcs)))})
    return pd.DataFrame(rows)


def delivery_obstacles_chart(frame: pd.DataFrame, *, title: str, subtitle, description: str | None = None,
                             events: pd.DataFrame | None = None, width: int = 400, reason_width: int = 330):
    """Bars from signature to delivery (green) or to the end of the record (vermilion: nothing delivered; grey:
    no binding agreement), one row per project, with the reason the record gives in a column on the right."""
    order = list(frame.sort_values("start")["project"])
    lo = pd.Timestamp(year=int(frame["start"].min().year) - 2, month=1, day=1)
    hi = pd.Timestamp(year=int(frame["end"].max().year) + 1, month=6, day=30)
    xs = alt.Scale(domain=[lo.isoformat(), hi.isoformat()])
    y = alt.Y("project:N", sort=order, title=None, axis=alt.Axis(labelLimit=250))
    tip = [alt.Tooltip("project:N", title="Project"), alt.Tooltip("outcome:N", title="Outcome"),
           alt.Tooltip("start_label:N", title="From"), alt.Tooltip("end_label:N", title="Until"),
           alt.Tooltip("years:Q", title="Years", format=".1f"), alt.Tooltip("reason:N", title="What the record says"),
           alt.Tooltip("obstacle_label:N", title="Obstacle"), alt.Tooltip("source:N", title="Source")]
    color = alt.Color("outcome:N", title=None, scale=alt.Scale(domain=list(OUTCOME_COLORS),
                                                               range=list(OUTCOME_COLORS.values())),
                      legend=alt.Legend(orient="bottom"))
    base = alt.Chart(frame)
    bars = base.mark_bar(height=14).encode(x=alt.X("start:T", title=None, scale=xs,
                                                   axis=alt.Axis(format="%Y", labelAngle=0)),
                                           x2="end:T", y=y, color=color, tooltip=tip)
    starts = base.mark_point(filled=True, size=60, color="#222").encode(x=alt.X("start:T", scale=xs), y=y, tooltip=tip)
    layers = [bars, starts]
    if events is not None and len(events):
        ev = events[["when", "label", "title", "source", "when_label"]]
        layers.append(alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x=alt.X("when:T", scale=xs), tooltip=[alt.Tooltip("when_label:N", title="Date"),
                                                  alt.Tooltip("title:N", title="Event"),
                                                  alt.Tooltip("source:N", title="Source")]))
        layers.append(alt.Chart(ev).mark_text(align="right", baseline="top", dx=-3, fontSize=11, color="#555").encode(
            x=alt.X("when:T", scale=xs), text="label:N", y=alt.value(2)))
    height = 30 * len(order)
    main = alt.layer(*layers).properties(width=width, height=height)
    reasons = base.mark_text(align="left", fontSize=11).encode(
        x=alt.value(0), y=alt.Y("project:N", sort=order, axis=None), text="reason:N",
        color=alt.Color("outcome:N", legend=None, scale=alt.Scale(domain=list(OUTCOME_COLORS),
                                                                  range=["#00704F", "#A33B00", "#666666"])),
        tooltip=tip).properties(width=reason_width, height=height,
                                title=alt.Title("What the record says", fontSize=12))
    desc = description or ("Bars from first signature to first delivery, or to the end of the record, for each "
                           "project: " + "; ".join(f"{r.project}: {r.outcome}, {r.years:.1f} years ({r.reason})"
                                                   for r in frame.itertuples()) + ".")
    return finish(alt.hconcat(main, reasons, spacing=10).resolve_scale(color="independent"), title, subtitle, desc)


# ------------------------------------------------------------------ the India factor in arms deliveries
def soviet_deliveries(arms: pd.DataFrame | None = None, block: int = 5, since: int = 1950) -> pd.DataFrame:
    """USSR/Russia's deliveries (SIPRI TIV) to India and to Pakistan per period of ``block`` years, and
    Pakistan's share of the two together. Periods start in 1950; the last one may be incomplete (the label says
    so). Columns: period_start, period, complete, when (mid-period timestamp), india, pakistan, pakistan_share
    (%), ratio (India per unit to Pakistan; NaN when Pakistan got nothing), vintage (SIPRI's 2022 tables, or its
    2026 register when ``arms`` starts in 1995), source."""
    a = load("arms_imports") if arms is None else arms
    vintage = arms_mod.VINTAGE_LABELS["2026" if int(a["year"].min()) >= 1995 else "2022"]
    a = a[a["supplier"].isin(arms_mod.SOVIET_SUPPLIERS) & (a["year"] >= since)].copy()
    last = int((load("arms_imports") if arms is None else arms)["year"].max())
    a["period_start"] = [arms_mod.period_start(y, block) for y in a["year"]]
    w = a.pivot_table(index="period_start", columns="recipient", values="tiv", aggfunc="sum").reindex(
        columns=["IND", "PAK"]).fillna(0.0)
    w = w[(w["IND"] + w["PAK"]) > 0]
    out = pd.DataFrame({"period_start": w.index.astype(int), "india": w["IND"].to_numpy(),
                        "pakistan": w["PAK"].to_numpy()})
    out["period"] = [arms_mod.period_label(s, block, last) for s in out["period_start"]]
    out["complete"] = out["period_start"] + block - 1 <= last
    out["pakistan_share"] = (100 * out["pakistan"] / (out["india"] + out["pakistan"])).round(2)
    out["ratio"] = (out["india"] / out["pakistan"].where(out["pakistan"] > 0)).round(1)
    def middle(start: int) -> pd.Timestamp:
        first = pd.Timestamp(year=start, month=1, day=1)
        return first + (pd.Timestamp(year=min(start + block - 1, last) + 1, month=1, day=1) - first) / 2

    out["when"] = [middle(s) for s in out["period_start"]]
    out["vintage"] = vintage
    out["source"] = SIPRI_SOURCE + f" ({vintage})"
    return out[["period_start", "period", "complete", "when", "india", "pakistan", "pakistan_share", "ratio", "vintage",
                "source"]]


def describe_india_share(frame: pd.DataFrame, events: pd.DataFrame | None = None) -> str:
    """The screen-reader description of :func:`india_share_chart`, from the frame it draws: the span, the peak,
    the highest value in every other period, the last period, and the events marked."""
    if frame is None or frame.empty:
        return "Line chart of Pakistan's share of USSR/Russia's arms deliveries: nothing to show."
    frame = frame if "vintage" in frame else frame.assign(vintage=arms_mod.VINTAGE_LABELS["2022"])
    texts = []
    for vintage, f in frame.groupby("vintage", sort=False):   # one line per SIPRI vintage, never spliced
        f = f.reset_index(drop=True)
        peak = f.loc[f["pakistan_share"].idxmax()]
        rest = f.drop(index=f["pakistan_share"].idxmax())
        last = f.iloc[-1]
        text = (f"{'Line chart' if not texts else 'A second line'} ({vintage}), {f['period'].iloc[0]} to "
                f"{last['period']}, of Pakistan's share of Soviet and Russian arms deliveries to India and Pakistan "
                f"together (SIPRI TIV). It peaks at {peak['pakistan_share']:.1f}% in {peak['period']}")
        if len(rest):
            top = rest.loc[rest["pakistan_share"].idxmax()]
            text += (f"; in every other period it is at most {top['pakistan_share']:.1f}% ({top['period']}), and "
                     f"{last['pakistan_share']:.1f}% in {last['period']}")
        texts.append(text + ".")
    text = " ".join(texts)
    if events is not None and len(events):
        ev = events.sort_values("when")
        text += " Dashed lines mark " + ", ".join(f"{t} ({w})" for t, w in zip(ev["label"], ev["when_label"])) + "."
    return text


def india_share_chart(frame: pd.DataFrame, *, title: str, subtitle, description: str | None = None,
                      events: pd.DataFrame | None = None):
    """Line: Pakistan's share (%) of USSR/Russia's deliveries to India and Pakistan together, per period, with
    optional event rules. Tooltips give both volumes, the ratio and SIPRI's credit. The description is written
    from the frame (:func:`describe_india_share`) unless one is given."""
    tip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("pakistan_share:Q", title="Pakistan's share (%)",
                                                                 format=".1f"),
           alt.Tooltip("india:Q", title="To India (TIV, millions)", format=",.0f"),
           alt.Tooltip("pakistan:Q", title="To Pakistan (TIV, millions)", format=",.0f"),
           alt.Tooltip("ratio:Q", title="India per unit to Pakistan", format=",.0f"),
           alt.Tooltip("source:N", title="Source")]
    frame = frame if "vintage" in frame else frame.assign(vintage=arms_mod.VINTAGE_LABELS["2022"])
    tip.insert(1, alt.Tooltip("vintage:N", title="SIPRI data"))
    xs = alt.Scale(domain=["1953-01-01", "2026-06-30"])
    vintages = list(arms_mod.VINTAGE_LABELS.values())
    color = alt.Color("vintage:N", title="SIPRI data (never spliced)",
                      scale=alt.Scale(domain=vintages, range=["#009E73", "#D55E00"]),
                      legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=420))
    enc = dict(x=alt.X("when:T", title=None, scale=xs, axis=alt.Axis(format="%Y", labelAngle=0)),
               y=alt.Y("pakistan_share:Q", title="Pakistan's share (%)", scale=alt.Scale(domain=[0, 10])),
               color=color, tooltip=tip)
    old, new = frame[frame["vintage"] == vintages[0]], frame[frame["vintage"] == vintages[1]]
    layers = []
    if len(old):
        layers += [alt.Chart(old).mark_line(strokeWidth=2.2).encode(**enc),
                   alt.Chart(old).mark_point(size=60, filled=True, opacity=1).encode(**enc)]
    if len(new):
        layers += [alt.Chart(new).mark_line(strokeWidth=1.6, strokeDash=[5, 3]).encode(**enc),
                   alt.Chart(new).mark_point(size=70, filled=False, strokeWidth=1.8).encode(**enc)]
    if events is not None and len(events):
        ev = events[["when", "label", "title", "source", "when_label"]].sort_values("when").reset_index(drop=True)
        ev["level"] = [i % 2 for i in range(len(ev))]
        ev["right"] = ev["when"] >= pd.Timestamp("2010-01-01")  # labels near the right edge go left of their line
        layers.append(alt.Chart(ev).mark_rule(strokeDash=[4, 3], color="#555").encode(
            x=alt.X("when:T", scale=xs), tooltip=[alt.Tooltip("when_label:N", title="Date"),
                                                  alt.Tooltip("title:N", title="Event"),
                                                  alt.Tooltip("source:N", title="Source")]))
        for right in (False, True):
            for level in (0, 1):
                sel = alt.datum.level == level
                sel = (sel & alt.datum.right) if right else (sel & ~alt.datum.right)
                layers.append(alt.Chart(ev).transform_filter(sel).mark_text(
                    align="right" if right else "left", dx=-3 if right else 3, baseline="top", fontSize=11,
                    color="#555").encode(x=alt.X("when:T", scale=xs), y=alt.value(2 + 14 * level), text="label:N"))
    description = description or describe_india_share(frame, events)
    return finish(alt.layer(*layers).properties(width=600, height=240), title, subtitle, description)


# ------------------------------------------------------------------ evidence map
def describe_evidence_map(items: pd.DataFrame, counts: pd.DataFrame) -> str:
    """The screen-reader description of :func:`evidence_map_chart`, from the items and counts it draws: the span
    of the dated items and, per obstacle, its items, their years, its indicators and its basis grade."""
    if items is None or items.empty:
        return "Dot chart of the obstacles' dated evidence: nothing to show."
    rows = []
    for r in counts.itertuples():
        span = (f"{r.first_year}–{r.last_year}" if r.first_year != r.last_year else f"{r.first_year}") \
            if r.first_year is not None and not pd.isna(r.first_year) else "no dated items"
        rows.append(f"{r.label}: {r.events} dated event{'s' if r.events != 1 else ''} and {r.milestones} "
                    f"milestone{'s' if r.milestones != 1 else ''} ({span}), {r.indicators} computed "
                    f"indicator{'s' if r.indicators != 1 else ''} (basis: {r.basis_label})")
    return (f"Dot chart with one row per obstacle and its dated items, {int(items['year'].min())} to "
            f"{int(items['year'].max())}, and a column with each obstacle's computed indicators and basis grade. "
            + "; ".join(rows) + ".")


def evidence_map_chart(items: pd.DataFrame, counts: pd.DataFrame, *, title: str, subtitle,
                       description: str | None = None):
    """One row per obstacle: its dated events (circles, shaped by confidence) and project milestones (squares) on a
    time axis, and on the right the number of computed indicators and the basis grade. The description is written
    from the data (:func:`describe_evidence_map`) unless one is given."""
    order = [ob["label"] for ob in obstacles().values()]
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=230))
    shapes = alt.Scale(domain=["high", "medium", "low", "n/a"], range=["circle", "triangle-up", "cross", "square"])
    cols = ["label", "kind", "when", "when_label", "title", "summary", "confidence", "source"]
    pts = alt.Chart(items[cols]).mark_point(filled=True, size=90, opacity=0.8).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0),
                scale=alt.Scale(domain=["1955-01-01", "2026-06-30"])),
        y=y, color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["dated event", "project milestone"],
                                                                   range=["#0072B2", "#D55E00"]),
                             legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("confidence:N", scale=shapes, title="Confidence", legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title="Obstacle"), alt.Tooltip("when_label:N", title="Date"),
                 alt.Tooltip("title:N", title="Item"), alt.Tooltip("summary:N", title="Summary"),
                 alt.Tooltip("confidence:N", title="Confidence"), alt.Tooltip("source:N", title="Source")],
    ).properties(width=470, height=34 * len(order))
    c = counts.assign(text=[f"{n} indicator{'s' if n != 1 else ''} · {b}" for n, b in
                            zip(counts["indicators"], counts["basis_label"])])
    right = alt.Chart(c).mark_text(align="left", fontSize=11).encode(
        x=alt.value(0), y=alt.Y("label:N", sort=order, axis=None), text="text:N",
        color=alt.Color("basis:N", legend=None, scale=alt.Scale(domain=list(BASIS_COLORS),
                                                                range=["#00704F", "#0072B2", "#9A6A00"])),
        tooltip=[alt.Tooltip("label:N", title="Obstacle"), alt.Tooltip("indicators:Q", title="Computed indicators"),
                 alt.Tooltip("events:Q", title="Dated events"), alt.Tooltip("milestones:Q", title="Project milestones"),
                 alt.Tooltip("basis_label:N", title="Basis")],
    ).properties(width=250, height=34 * len(order), title=alt.Title("Measured evidence and basis", fontSize=12))
    return finish(alt.hconcat(pts, right, spacing=8).resolve_scale(color="independent"), title, subtitle,
                  description or describe_evidence_map(items, counts))


# ------------------------------------------------------------------ the obstacle ranker (widget logic)
def rank_obstacles(weights: dict, counts: pd.DataFrame) -> pd.DataFrame:
    """The learner's ranking: obstacles sorted by weight (highest first); ties are broken by how much evidence
    the course holds (``items``), then by the order of :func:`obstacles`.

    ``weights`` maps obstacle keys to numbers from 0 to 10; missing keys count as 0. Unknown keys, negative
    weights and non-numbers raise ValueError. Columns: rank, obstacle, label, weight, weight_share (0–1 of the
    total weight; NaN if all weights are 0), indicators, events, milestones, items, basis, basis_label,
    evidence_rank (1 = most evidence in the course)."""
    order = obstacle_order()
    unknown = [k for k in weights if k not in order]
    if unknown:
        raise ValueError(f"Unknown obstacle(s) {unknown}: choose from {', '.join(order)}")
    clean = {}
    for k in order:
        w = weights.get(k, 0)
        if isinstance(w, bool) or not isinstance(w, (int, float)) or w != w:
            raise ValueError(f"The weight of '{k}' must be a number from 0 to 10, not {w!r}")
        if not 0 <= w <= 10:
            raise ValueError(f"The weight of '{k}' must be from 0 to 10, not {w}")
        clean[k] = float(w)
    c = counts.set_index("obstacle").loc[order].reset_index()
    c["weight"] = c["obstacle"].map(clean)
    total = sum(clean.values())
    c["weight_share"] = c["weight"] / total if total else float("nan")
    c["order"] = range(len(c))
    ev_order = c.sort_values(["items", "order"], ascending=[False, True]).index
    c["evidence_rank"] = 0
    c.loc[ev_order, "evidence_rank"] = range(1, len(c) + 1)
    c = c.sort_values(["weight", "items", "order"], ascending=[False, False, True]).reset_index(drop=True)
    c.insert(0, "rank", range(1, len(c) + 1))
    cols = ["rank", "obstacle", "label", "weight", "weight_share", "indicators", "events", "milestones", "items",
            "basis", "basis_label", "evidence_rank"]
    return c[cols]


def describe_ranking(ranking: pd.DataFrame) -> str:
    """Two or three sentences for the learner: what they put first, how much evidence the course holds for it,
    and where their ranking and the weight of the evidence part company."""
    if ranking["weight"].sum() == 0:
        return "All weights are 0: move at least one slider to say which obstacle you think matters most."
    top = ranking.iloc[0]
    tied = ranking[ranking["weight"] == top["weight"]]
    if len(tied) == 1:
        first = f"You rank <b>{html.escape(top['label'])}</b> first"
    elif len(tied) == len(ranking):
        first = ("All six obstacles have the same weight, so they are ordered by the amount of evidence the course "
                 f"holds: <b>{html.escape(top['label'])}</b> comes first")
    else:
        first = ("You give the same top weight to " + ", ".join(f"<b>{html.escape(x)}</b>" for x in tied["label"])
                 + f"; with ties broken by the amount of evidence, <b>{html.escape(top['label'])}</b> comes first")
    first += (f" (weight {top['weight']:g}, {top['weight_share']:.0%} of your total). The course holds "
              f"{top['indicators']} computed indicator{'s' if top['indicators'] != 1 else ''} and "
              f"{top['events'] + top['milestones']} dated item{'s' if top['events'] + top['milestones'] != 1 else ''} "
              f"for it; its basis: {top['basis_label']}.")
    parts = [first]
    if top["basis"] == "inferred":
        parts.append("Careful: no source names this obstacle, and its indicators are proxies that other explanations "
                     "fit as well. Say what evidence would test it (see below) before you defend it in a seminar.")
    most = ranking.sort_values("evidence_rank").iloc[0]
    if most["obstacle"] != top["obstacle"]:
        parts.append(f"The course's evidence is thickest for <b>{html.escape(most['label'])}</b> "
                     f"({most['items']} indicators and dated items), which you rank {int(most['rank'])}. "
                     "A thick record is not proof that an obstacle is big: it may only be easy to document.")
    zero = ranking[ranking["weight"] == 0]
    if len(zero):
        parts.append("Weight 0 (not an obstacle, in your view): " + ", ".join(html.escape(x) for x in zero["label"])
                     + ".")
    return " ".join(parts)


def evidence_table(obstacle: str, items: pd.DataFrame, inds: pd.DataFrame) -> pd.DataFrame:
    """What the course holds for one obstacle, as one readable table: indicators first, then dated items."""
    _check_obstacle(obstacle)
    i = inds[inds["obstacle"] == obstacle]
    it = items[items["obstacle"] == obstacle].sort_values("when")
    rows = [{"kind": "indicator", "date": "", "evidence": r.indicator, "value or summary": r.display,
             "source": r.source} for r in i.itertuples()]
    rows += [{"kind": r.kind, "date": r.when_label, "evidence": r.title, "value or summary": r.summary,
              "source": r.source} for r in it.itertuples()]
    return pd.DataFrame(rows, columns=["kind", "date", "evidence", "value or summary", "source"])


def ranking_chart(ranking: pd.DataFrame, description: str | None = None):
    """Two bar panels, one row per obstacle in the learner's order: their weight, and the evidence the course
    holds (indicators plus dated items), coloured by the basis grade. The description lists every row."""
    order = list(ranking["label"])
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    color = alt.Color("basis_label:N", title="Basis",
                      scale=alt.Scale(domain=[BASIS_LABELS[k] for k in BASIS_COLORS],
                                      range=list(BASIS_COLORS.values())),
                      legend=alt.Legend(orient="bottom", labelLimit=320))
    tip = [alt.Tooltip("label:N", title="Obstacle"), alt.Tooltip("weight:Q", title="Your weight"),
           alt.Tooltip("indicators:Q", title="Indicators"), alt.Tooltip("events:Q", title="Dated events"),
           alt.Tooltip("milestones:Q", title="Project milestones"), alt.Tooltip("basis_label:N", title="Basis")]
    base = alt.Chart(ranking)
    left = base.mark_bar(color="#555").encode(x=alt.X("weight:Q", title="Your weight (0–10)",
                                                      scale=alt.Scale(domain=[0, 10])), y=y, tooltip=tip
                                              ).properties(width=220, height=30 * len(order))
    right = base.mark_bar().encode(x=alt.X("items:Q", title="Evidence in the course (indicators + dated items)"),
                                   y=alt.Y("label:N", sort=order, axis=None), color=color, tooltip=tip
                                   ).properties(width=260, height=30 * len(order))
    return finish(alt.hconcat(left, right, spacing=6), "Your weights next to the evidence the course holds",
                  "Left: your weight · right: indicators plus dated events and milestones, coloured by basis",
                  description or "Two bar charts, one row per obstacle in your order: "
                  + "; ".join(f"{r.label}: weight {r.weight:g}, {r.items} items of evidence ({r.basis_label})"
                              for r in ranking.itertuples()) + ".")


FOCUS_TOP = "your top-ranked obstacle"


def ranker_view(weights: dict, focus: str = FOCUS_TOP, items: pd.DataFrame | None = None,
                inds: pd.DataFrame | None = None):
    """The widget's output: a sentence, the weights-versus-evidence chart, and the evidence for one obstacle
    (``focus``: a key of :func:`obstacles`, or :data:`FOCUS_TOP` for the learner's first). The two texts are
    ``ipywidgets.HTML`` (their ``.value`` holds the HTML)."""
    from ipywidgets import HTML

    items = evidence_items() if items is None else items
    inds = indicators() if inds is None else inds
    ranking = rank_obstacles(weights, evidence_counts(items, inds))
    text = HTML(value=f"<p class='pkru-selection'>{describe_ranking(ranking)}</p>")
    key = ranking.iloc[0]["obstacle"] if focus == FOCUS_TOP else focus
    ob = _check_obstacle(key)
    detail = HTML(value=f"<h3 style='margin:0.6em 0 0.2em;font-size:1.05em'>Evidence: {html.escape(ob['label'])}</h3>"
                  f"<p style='margin:0 0 0.3em'><b>Claim:</b> {html.escape(ob['claim'])} "
                  f"<b>Basis:</b> {html.escape(BASIS_LABELS[ob['basis']])} ({html.escape(BASIS_NOTES[ob['basis']])}) "
                  f"<b>What would test it:</b> {html.escape(ob['test'])}</p>"
                  + tables.html(evidence_table(key, items, inds), css_class="pkru-evidence"))
    return text, ranking_chart(ranking), detail


def explorer(items: pd.DataFrame | None = None, inds: pd.DataFrame | None = None, default: int = 5):
    """The notebook's widget, the obstacle ranker: one weight slider (0–10) per obstacle and a 'show evidence for'
    dropdown → :func:`ranker_view`."""
    import ipywidgets as w

    from .. import explore

    items = evidence_items() if items is None else items
    inds = indicators() if inds is None else inds
    known = obstacles()
    style = {"description_width": "190px"}
    controls = {k: w.IntSlider(value=default, min=0, max=10, step=1, description=f"Weight: {ob['short']}",
                               continuous_update=False, style=style, layout=w.Layout(width="520px"))
                for k, ob in known.items()}
    controls["focus"] = w.Dropdown(options=[(f"— {FOCUS_TOP} —", FOCUS_TOP)]
                                   + [(ob["label"], k) for k, ob in known.items()],
                                   value=FOCUS_TOP, description="Show evidence for", style=style,
                                   layout=w.Layout(width="520px"))

    def render(focus, **weights):
        return ranker_view(weights, focus, items, inds)

    return explore.explorer(controls, render,
                            intro="Give each obstacle a weight from 0 (no obstacle) to 10 (the main obstacle). The "
                                  "sentence and the chart compare your ranking with the evidence the course holds; "
                                  "the table lists that evidence. Keyboard: Tab to a slider, arrow keys change it.")


obstacle_ranker = explorer  # the name notebook 10 used before the lessons moved (kept for saved copies)


# ------------------------------------------------------------------ evidence or interpretation (exercise 3)
#: Statements for exercise 3 (the answer key lives with the check, in ``pkru.checks.nb10``).
STATEMENTS = {
    "a": "The 2015 pipeline agreement named Rostec's RT Global Resources as the builder.",
    "b": "Russia keeps its arms sales to Pakistan small so as not to upset India.",
    "c": "No Russian head of state appears in the course's record of visits to Pakistan.",
    "d": "Pakistan's governments lose interest in Russian projects whenever the prime minister changes.",
    "e": "Pakistan paid for its first Russian crude cargoes in Chinese yuan.",
}


# ------------------------------------------------------------------ sources cited in the text
#: The events the notebook's prose names are those of the obstacles (data/lessons/obstacles.csv): their sources come
#: in through :func:`cited_source_ids`. Sources the text relies on beyond the quiz, the tables and those events:
CITED_EVENTS: list[str] = []
CITED_SOURCES = ["seed_paper", "seed_press_release", "sipri_arms_transfers", "sipri_arms_register_2026",
                 "unvotes_voeten", "unga_dgacm", "cow_trade_v4",
                 # what the corrected text cites (issue 15): the steel mill's gas, the sanctions on Rostec, the
                 # refinery's denial, the barter contracts, the 2022 opinion poll
                 "nation_2015_psm_production_zero", "nation_2015_psm_low_gas_pressure", "tribune_2015_sindh_cm_ssgc_psm",
                 "nation_2016_psm_shut_seven_months", "ria24_2019_rbk_replace_rostec",
                 "businessinvestorguide_2016_tribune_rtgr_sanctions", "newsmakers_2018_amend_pipeline",
                 "thenews_2023_prl_report_ural", "propakistani_2023_suspends_russian_oil",
                 "mmnews_2023_suspend_russian_crude", "dailyaaj_2023_prl_denies_halt", "dawn_shehbaz_barter_suggestion",
                 "dawn_2024_barter_deal_agri_trade", "sputnik_in_2024_first_barter_deal",
                 "thenews_2022_gallup_win_survey_us_russia", "tabloidpk_pipeline_changes_disappoint_russia"]


def cited_source_ids() -> list[str]:
    """The sources behind this notebook's evidence: every indicator and dated item of :func:`evidence_items`."""
    return [s for v in [*indicators()["source_ids"], *evidence_items()["source_ids"]] for s in split_ids(v)]


#: Content that used to be Python constants and now lives in data/lessons/obstacles.csv (old names kept for saved
#: copies of the notebook).
_FROM_DATA = {"OBSTACLES": obstacles, "ORDER": obstacle_order}


def __getattr__(name):
    if name in _FROM_DATA:
        return _FROM_DATA[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reading_explorer(items: pd.DataFrame | None = None, inds: pd.DataFrame | None = None, default: int = 5):
    """The explorer without a kernel (the reading edition): ``ranking_chart`` over ``evidence_counts``, with one
    slider per obstacle bound to a Vega-Lite parameter (starting, like the widget, at ``default``); the bars sort
    as :func:`rank_obstacles` ranks them: by weight, then by the evidence held, then in the course's order."""
    from .. import explore

    items = evidence_items() if items is None else items
    inds = indicators() if inds is None else inds
    known = obstacles()
    counts = evidence_counts(items, inds)
    chart = ranking_chart(rank_obstacles({k: default for k in known}, counts))
    sliders = [alt.param(name=f"w_{k}", value=default,
                         bind=alt.binding_range(min=0, max=10, step=1, name=f"Weight: {ob['short']}"))
               for k, ob in known.items()]
    chart.data = counts.assign(order=range(len(counts)))[["obstacle", "label", "indicators", "events", "milestones",
                                                           "items", "basis_label", "order"]]
    weight = "{" + ", ".join(f"{explore.js(k)}: w_{k}" for k in known) + "}[datum.obstacle]"
    chart = chart.add_params(*sliders).transform_calculate(weight=weight).transform_calculate(
        rank_key="-datum.weight * 1e6 - datum.items * 1e3 + datum.order")
    for panel in chart.hconcat:
        panel.encoding.y = panel.encoding.y.sort(alt.EncodingSortField(field="rank_key", op="min", order="ascending"))
    chart.usermeta = {"pkru": {"note": "The notebook's explorer also writes a sentence on your ranking and lists the "
                                       "evidence for one obstacle; those need Python."}}
    return chart
