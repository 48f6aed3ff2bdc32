"""Notebook 13 (synthesis): synthesis and prospects: the cooperation dashboard, the phase scorecard, the
factor-weighting widget and the scenarios to 2030.

Plain functions, tested in ``tests/test_nb13_synthesis.py``; the notebook and its widget only call them. The
indicators come from the lessons of notebooks 01–07 (``nb01_history``, ``nb03_diplomacy``, ``nb04_trade``,
``nb05_security``, ``nb06_multilateral``, ``nb07_energy``) and ``pkru.indicators``; nothing here re-computes what
those already compute.

- ``SIGNINGS`` / :func:`signings`: the occasions on which the chronology records a Pakistan–USSR/Russia
  agreement, contract, protocol, order or memorandum being signed, linked to ``data/projects.csv``.
- :func:`dashboard_frames` / :func:`dashboard_chart`: five indicators of the relationship and one panel of its
  power context (GDP and military spending) on one time axis, phases shaded.
- :func:`phase_scorecard` / :func:`scorecard_chart`: one value per phase and indicator.
- :func:`rank_factors`, :func:`describe_ranking`, :func:`export_message`, :func:`explorer`: the
  factor-weighting widget (factors = ``pkru.pooling.FACTORS``) and its export for the seminar.
- :func:`scenarios` (``data/lessons/scenarios.csv``), :func:`signposts` (``data/lessons/signposts.csv``, with values
  computed from ``data/``), :func:`scenario_table`: scenarios to 2030 — interpretations, not forecasts.

Every chart builder writes its screen-reader description from the data it draws.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from . import nb02_geostrategy as power_mod, nb05_security as arms_mod
from .. import pooling
from . import nb01_history as history, nb07_energy as pj, nb04_trade as trade_mod, nb06_multilateral as unvotes, nb03_diplomacy as visits_mod
from ..charts import COUNTRY_COLORS, finish
from .. import indicators, tables
from ..data import CourseDataError, date_label, date_midpoint, load, source_label, split_ids, with_source_labels

__all__ = [
    # agreements signed
    "AGREEMENT", "MEMORANDUM", "SIGNING_KINDS", "SIGNINGS", "signings", "signings_per_decade",
    # the dashboard and the phase scorecard
    "X_DOMAIN", "VISIT_GROUPS", "POWER_SERIES", "load_all", "dashboard_frames", "power_frame", "describe_dashboard", "dashboard_chart",
    "INDICATORS", "MIN_YEARS", "phase_scorecard", "best_phase", "describe_scorecard", "scorecard_chart",
    "key_figures", "key_figures_table",
    # the factor-weighting widget
    "FACTORS", "FACTOR_LABELS", "EVIDENCE_KINDS", "EVIDENCE_COLORS", "FACTOR_EVIDENCE", "factor_evidence",
    "rank_factors", "describe_ranking", "weights_chart", "export_message", "explorer", "weighting_widget",
    "reading_explorer",
    # scenarios to 2030 (data/lessons/scenarios.csv) and their signposts (data/lessons/signposts.csv)
    "scenarios", "signpost_labels", "signpost_values", "signposts", "scenario_table", "scenarios_for",
    # the Sources section
    "CITED_EVENTS", "CITED_SOURCES", "cited_source_ids",
]

X_DOMAIN = ("1947-01-01", "2026-01-01")
COW_SOURCE = "cow_trade_v4"
UN_SOURCE = unvotes.SOURCE_ID
SIPRI_SOURCE = "sipri_arms_transfers"
SIPRI_SOURCE_2026 = "sipri_arms_register_2026"
#: The power panel's three series: never joined, and COW's and SIPRI's military spending never in one line
#: (different definitions; COW's ends in 2022, SIPRI's 2025 release in 2024).
POWER_SERIES = {"gdp": "GDP (World Bank)", "milex_cow": "military spending (COW)",
                "milex_sipri": "military spending (SIPRI)"}
POWER_COUNTRIES = ("PAK", "RUS")

# ------------------------------------------------------------------ agreements signed
AGREEMENT = "agreement, contract, protocol or order"
MEMORANDUM = "memorandum or study agreement"
SIGNING_KINDS = {AGREEMENT: "#009E73", MEMORANDUM: "#9AD3BC"}

#: Events of data/events.csv at which the chronology says a Pakistan–USSR/Russia document was signed
#: (one row per signing *occasion*: the December 2024 commission signed eight agreements and counts once).
#: Left out on purpose: the 1948 exchange of notes (it opened relations), joint communiqués and statements
#: without a signed agreement (1972), pledges (1966 is kept because the Soviet-era encyclopedia lists it among
#: the agreements; 1970 is a pledge), approvals by one side only (the 2022 wheat purchase, the 2023 barter
#: order), plans for later agreements (January 2023) and agreements in principle (May 2025), and documents
#: that Pakistan signed with third states (SEATO, the Baghdad Pact, Tashkent, the Geneva Accords). Contracts that
#: only SIPRI's register records (the Mi-17 orders of 1995–2003, the RD-33 engines of 2004) are not chronology
#: events, so they are not counted either: the list covers what the chronology records, not every signature.
SIGNINGS = {
    "ev1956_first_trade_agreement": AGREEMENT,
    "ev1961_soviet_oil_credit": AGREEMENT,
    "ev1963_air_transport_agreement": AGREEMENT,
    "ev1965_ayub_visits_ussr": AGREEMENT,
    "ev1965_cultural_scientific_agreement": AGREEMENT,
    "ev1966_economic_technical_agreement": AGREEMENT,
    "ev1971_steel_mill_aid_agreement": AGREEMENT,
    "ev1999_nawaz_sharif_moscow": AGREEMENT,
    "ev2003_musharraf_kremlin_talks": AGREEMENT,
    "ev2011_zardari_official_visit": AGREEMENT,
    "ev2014_defence_cooperation_agreement": AGREEMENT,
    "ev2015_mi35m_contract": AGREEMENT,
    "ev2015_north_south_pipeline_iga": AGREEMENT,
    "ev2017_lng_supply_agreement": AGREEMENT,
    "ev2019_offshore_pipeline_agreement": MEMORANDUM,
    "ev2021_pakistan_stream_protocol": AGREEMENT,
    "ev2021_pakistan_stream_agreement_islamabad": AGREEMENT,
    "ev2023_first_russian_crude_order": AGREEMENT,
    "ev2024_overchuk_visit_mou": MEMORANDUM,
    "ev2024_ninth_igc_moscow": AGREEMENT,
    "ev2025_steel_mills_restoration_protocol": AGREEMENT,
}


def signings(events: pd.DataFrame | None = None, projects: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per signing occasion: the events of ``SIGNINGS`` plus any ``signed`` milestone of
    data/projects.csv that has no chronology event. Each row carries the project it belongs to (if any)
    and that project's status at the end of the record, so a signature can be set against delivery.

    Columns: event_id, when, when_label, year, decade, title, kind, project, project_status_now,
    source_ids, source, confidence."""
    ev = load("events") if events is None else events
    pr = load("projects") if projects is None else projects
    by_id = ev.set_index("event_id")
    missing = [e for e in SIGNINGS if e not in by_id.index]
    if missing:
        raise KeyError(f"SIGNINGS names events that are not in data/events.csv: {missing}")
    status_now = pj.current_status(pr).set_index("project")["status_label"]
    linked = pr[pr["event_id"].fillna("") != ""].drop_duplicates("event_id").set_index("event_id")["project"]
    rows = []
    for eid, kind in SIGNINGS.items():
        e = by_id.loc[eid]
        project = linked.get(eid, "")
        rows.append({"event_id": eid, "date": e["date"], "precision": e["date_precision"], "title": e["title"],
                     "kind": kind, "project": project, "source_ids": e["source_ids"], "confidence": e["confidence"]})
    extra = pr[(pr["status"] == "signed") & (pr["event_id"].fillna("") == "")]
    for _, m in extra.iterrows():
        rows.append({"event_id": "", "date": m["date"], "precision": m["date_precision"], "title": m["milestone"],
                     "kind": AGREEMENT, "project": m["project"], "source_ids": m["source_ids"], "confidence": ""})
    out = pd.DataFrame(rows)
    out["when"] = [date_midpoint(d, p) for d, p in zip(out["date"], out["precision"])]
    out["when_label"] = [date_label(d, p) for d, p in zip(out["date"], out["precision"])]
    out["year"] = out["when"].dt.year.astype(int)
    out["decade"] = out["year"] // 10 * 10
    out["project_status_now"] = [status_now.get(p, "") if p else "" for p in out["project"]]
    out = with_source_labels(out)
    cols = ["event_id", "when", "when_label", "year", "decade", "title", "kind", "project", "project_status_now",
            "source_ids", "source", "confidence"]
    return out.sort_values("when", kind="stable").reset_index(drop=True)[cols]


def signings_per_decade(sig: pd.DataFrame) -> pd.DataFrame:
    """Signing occasions per decade and kind (every decade from the 1940s to the 2020s present)."""
    decades = visits_mod.DECADES
    grid = pd.MultiIndex.from_product([decades, list(SIGNING_KINDS)], names=["decade", "kind"])
    n = sig.groupby(["decade", "kind"]).size().reindex(grid, fill_value=0).rename("n").reset_index()
    titles = (sig.assign(t=sig["title"] + " (" + sig["when_label"] + ")")
              .groupby(["decade", "kind"])["t"].agg("; ".join))
    srcs = sig.groupby(["decade", "kind"])["source_ids"].agg(lambda s: ";".join(dict.fromkeys(
        i for v in s for i in split_ids(v))))
    n["which"] = [titles.get((d, k), "") for d, k in zip(n["decade"], n["kind"])]
    n["source"] = [source_label(srcs[(d, k)]) if (d, k) in srcs.index else "" for d, k in zip(n["decade"], n["kind"])]
    return n


# ------------------------------------------------------------------ the dashboard
VISIT_GROUPS = ["head of state or government", "minister"]
def _decade_span(decade: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Bar ends for a decade on the dashboard's time axis (clipped to the axis, with a small gap)."""
    lo = max(pd.Timestamp(year=decade, month=1, day=1), pd.Timestamp(X_DOMAIN[0]))
    hi = min(pd.Timestamp(year=decade + 10, month=1, day=1), pd.Timestamp(X_DOMAIN[1]))
    return lo + pd.Timedelta(days=60), hi - pd.Timedelta(days=60)


def dashboard_frames(data: dict | None = None) -> dict[str, pd.DataFrame]:
    """The tidy, aggregated frames behind the dashboard (each small; each with a readable ``source``):

    - ``cow``: COW total trade with USSR/Russia by calendar year (million current US$) and its share of
      Pakistan's trade; ``official``: the official totals from 2012 on, fiscal or calendar year as stated;
    - ``un``: Pakistan's yearly UN General Assembly agreement with USSR/Russia (%);
    - ``arms``: USSR/Russia's share of Pakistan's arms imports (SIPRI TIV) per five-year period;
    - ``visits``: documented high-level visits per decade, top leaders and ministers;
    - ``signings``: signing occasions per decade (see :func:`signings`);
    - ``power``: Pakistan's and USSR/Russia's GDP (World Bank) and military spending, COW's and SIPRI's as two
      separate series, in billion current US$ (:data:`POWER_SERIES`)."""
    data = data or load_all()
    cow = trade_mod.cow_partner("RUS", data["trade"])
    cow = cow[["year", "when", "entity", "total", "share_pct", "source"]].copy()
    cow["series"] = trade_mod.BASIS["cow"]
    off = trade_mod.official(data["trade"])
    off = off[off["flow"] == "total"][["year", "when", "period_label", "basis", "status", "value_usd_m", "note",
                                       "source"]].reset_index(drop=True)
    un = indicators.unga_years("PAK-RUS", unga=data["unga"], recorded=data.get("unga_recorded"))
    un = un.assign(pct=100 * un["agreement"], when=pd.to_datetime(un["year"].astype(str) + "-07-01"),
                   entity=["USSR" if y <= 1991 else "Russia" for y in un["year"]],
                   basis_short=un["basis"].map(indicators.UNGA_BASIS_SHORT), source=un["basis_label"])
    un = un[["year", "when", "entity", "pct", "n_votes", "basis", "basis_short", "source"]].reset_index(drop=True)
    sh = arms_mod.supplier_shares(data["arms"], "PAK", 5)
    sh = sh[sh["supplier_group"] == arms_mod.USSR_RUSSIA].copy()
    sh["start"] = pd.to_datetime(sh["period_start"].astype(str) + "-01-01") + pd.Timedelta(days=30)
    sh["end"] = pd.to_datetime((sh["period_start"] + sh["years_with_data"]).astype(str) + "-01-01") - pd.Timedelta(
        days=30)
    sh["coverage"] = ["complete period" if c else f"only {n} years of data" for c, n in
                      zip(sh["complete"], sh["years_with_data"])]
    sh["vintage"] = arms_mod.VINTAGE_LABELS["2022"]
    frames_arms = [sh]
    if data.get("arms26") is not None:  # the 2026 register: another vintage, drawn as outlines, never spliced
        s26 = arms_mod.supplier_shares(data["arms26"], "PAK", 5)
        s26 = s26[s26["supplier_group"] == arms_mod.USSR_RUSSIA].copy()
        s26["start"] = pd.to_datetime(s26["period_start"].astype(str) + "-01-01") + pd.Timedelta(days=30)
        s26["end"] = pd.to_datetime((s26["period_start"] + s26["years_with_data"]).astype(str) + "-01-01") \
            - pd.Timedelta(days=30)
        s26["coverage"] = ["complete period" if c else f"only {n} years of data" for c, n in
                           zip(s26["complete"], s26["years_with_data"])]
        s26["vintage"] = arms_mod.VINTAGE_LABELS["2026"]
        frames_arms.append(s26)
    sh = pd.concat(frames_arms, ignore_index=True)
    arms = sh[["period", "start", "end", "share_pct", "tiv", "period_total", "complete", "coverage", "vintage",
               "source"]]
    vis = visits_mod.by_decade(data["visits"])
    vis["group"] = vis["level"].map(lambda lv: VISIT_GROUPS[0] if lv in visits_mod.TOP_LEVELS else VISIT_GROUPS[1])
    vis = vis.groupby(["decade", "group"], as_index=False).agg(
        n=("n", "sum"), which=("visits", lambda s: "; ".join(x for x in s if x)))
    vsrc = data["visits"].assign(decade=data["visits"]["year"] // 10 * 10, group=[
        VISIT_GROUPS[0] if lv in visits_mod.TOP_LEVELS else VISIT_GROUPS[1] for lv in data["visits"]["level"]])
    vsrc = vsrc.groupby(["decade", "group"])["source_ids"].agg(_ids)
    vis["source"] = [source_label(vsrc[(d, g)]) if (d, g) in vsrc.index else ""
                     for d, g in zip(vis["decade"], vis["group"])]
    sig = signings_per_decade(signings(data["events"], data["projects"]))
    for frame, key, order in ((vis, "group", VISIT_GROUPS), (sig, "kind", list(SIGNING_KINDS))):
        spans = [_decade_span(int(d)) for d in frame["decade"]]
        frame["start"] = [s for s, _ in spans]
        frame["end"] = [e for _, e in spans]
        frame["decade_label"] = frame["decade"].astype(int).astype(str) + "s"
        rank = frame[key].map({k: i for i, k in enumerate(order)})
        ordered = frame.assign(_rank=rank).sort_values(["decade", "_rank"])
        frame["top"] = ordered.groupby("decade")["n"].cumsum().reindex(frame.index)  # stacked by hand: y0 → top
        frame["y0"] = frame["top"] - frame["n"]
    return {"cow": cow.reset_index(drop=True), "official": off, "un": un, "arms": arms.reset_index(drop=True),
            "visits": vis[vis["n"] > 0].reset_index(drop=True), "signings": sig[sig["n"] > 0].reset_index(drop=True),
            "power": power_frame(data)}


def power_frame(data: dict) -> pd.DataFrame:
    """The power panel: one row per country, series and year, value in billion current US$. GDP from the World
    Bank (data/capabilities.csv, to 2025), military spending from COW (data/capabilities.csv, to 2022) and from
    SIPRI (data/milex_sipri.csv, to 2024): three series, each its own line, never spliced.
    Columns: year, when, iso3, country, series, value, source."""
    cap = data.get("capabilities")
    cap = load("capabilities") if cap is None else cap
    sipri = data.get("milex_sipri")
    sipri = load("milex_sipri") if sipri is None else sipri
    countries = list(POWER_COUNTRIES)
    lo = int(X_DOMAIN[0][:4])
    parts = []
    for key, ind in (("gdp", "gdp"), ("milex_cow", "milex")):
        v = power_mod.capability_view(cap, countries, ind, (lo, 2100))
        parts.append(v.assign(series=POWER_SERIES[key]))
    parts.append(power_mod.sipri_view(sipri, countries, "current_usd", (lo, 2100)).assign(
        series=POWER_SERIES["milex_sipri"]))
    out = pd.concat([p[["year", "when", "iso3", "country", "series", "value", "source"]] for p in parts],
                    ignore_index=True)
    out = out[out["value"] > 0].copy()
    out["country"] = out["iso3"].map({"PAK": "Pakistan", "RUS": "USSR/Russia"})
    return out.reset_index(drop=True)


def load_all() -> dict[str, pd.DataFrame]:
    """Every table the notebook uses, validated (visits with notebook 03's plotting columns)."""
    return {"events": load("events"), "phases": load("phases"), "trade": load("trade"),
            "unga": load("unga_agreement"), "unga_recorded": load("unga_agreement_recorded"),
            "arms": load("arms_imports"), "arms26": load("arms_imports_2026"), "visits": visits_mod.load_visits(),
            "projects": load("projects"), "capabilities": load("capabilities"), "milex_sipri": load("milex_sipri")}


def _bands(phases: pd.DataFrame, numbers: bool = False):
    """Phase bands for the dashboard: alternating greys with fixed colours (no colour scale, so they never
    clash with a panel's own legend); ``numbers`` adds the phase numbers at the top of the panel."""
    p = history.phase_years(phases).copy()
    lo, hi = int(X_DOMAIN[0][:4]), int(X_DOMAIN[1][:4]) - 1
    p["from"] = pd.to_datetime(p["start"].clip(lower=lo).astype(str) + "-01-01")
    p["to"] = pd.to_datetime((p["end"].clip(upper=hi) + 1).astype(str) + "-01-01")
    p["phase"] = p["n"].astype(str) + ". " + p["label"]
    p["source"] = [source_label(v) for v in p["source_ids"]]
    p["num"] = p["n"].astype(str)
    p["odd"] = p["n"] % 2 == 1
    scale = alt.Scale(domain=[pd.Timestamp(X_DOMAIN[0]).isoformat(), pd.Timestamp(X_DOMAIN[1]).isoformat()])
    tip = [alt.Tooltip("phase:N", title="Phase"), alt.Tooltip("years:N", title="Years"),
           alt.Tooltip("description:N", title="Why this phase (interpretation)"),
           alt.Tooltip("source:N", title="Source of the anchor event")]
    base = alt.Chart(p[["from", "to", "phase", "years", "description", "source", "num", "odd"]])
    layers = [base.transform_filter(alt.datum.odd == odd).mark_rect(color=c, opacity=0.6).encode(
        x=alt.X("from:T", scale=scale, title=None), x2="to:T", tooltip=tip)
        for odd, c in ((True, "#EDEDED"), (False, "#DCDCDC"))]
    if numbers:
        layers.append(base.mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=11, fontWeight="bold",
                                     color="#555").encode(x=alt.X("from:T", scale=scale), y=alt.value(0),
                                                          text="num:N"))
    return layers


def _panel(layers, title: str, height: int = 85):
    return alt.layer(*layers).properties(width=600, height=height,
                                         title=alt.Title(title, fontSize=13, anchor="start", fontWeight="normal"))


def _per_decade(frame: pd.DataFrame, what: str) -> str:
    """'Visits per decade: 1960s 4, …; none in the 1940s, …' from a per-decade frame (decade, n)."""
    n = frame.groupby("decade")["n"].sum()
    shown = [d for d in visits_mod.DECADES if d in n.index and n[d] > 0]
    none = [f"{d}s" for d in visits_mod.DECADES if d not in shown]
    text = f"{what} per decade: " + ", ".join(f"{d}s {int(n[d])}" for d in shown)
    return text + (f"; none in the {', '.join(none)}" if none else "") + "."


def describe_dashboard(frames: dict, phases: pd.DataFrame) -> str:
    """The screen-reader description of :func:`dashboard_chart`, from the frames it draws: the span and phases;
    trade (the COW line's first, highest and last values, the official figures' range); UN agreement (lowest and
    highest year, the break between its bases); the arms share (highest period, and the highest of all others);
    visits and signings per decade; the power panel (each series' span and last values)."""
    lo, hi = X_DOMAIN[0][:4], str(int(X_DOMAIN[1][:4]) - 1)
    cow, off, un, arms = frames["cow"], frames["official"], frames["un"], frames["arms"].reset_index(drop=True)
    n_panels = 5 + int("power" in frames)
    words = {5: "Five", 6: "Six"}
    parts = [f"{words[n_panels]} stacked panels on one time axis from {lo} to {hi} with {len(phases)} shaded phases."]
    if len(cow):
        c = cow.sort_values("year")
        first, top, last = c.iloc[0], c.loc[c["total"].idxmax()], c.iloc[-1]
        parts.append(f"Trade: a COW line of total trade with USSR/Russia, {int(first['year'])}–{int(last['year'])}, "
                     f"from {first['total']:,.0f} million current US$ in {int(first['year'])} to a peak of "
                     f"{top['total']:,.0f} million in {int(top['year'])}, and {last['total']:,.0f} million in "
                     f"{int(last['year'])}.")
    if len(off):
        parts.append(f"Official figures, shown as separate points: {len(off)} from {int(off['year'].min())} to "
                     f"{int(off['year'].max())}, between {off['value_usd_m'].min():,.0f} and "
                     f"{off['value_usd_m'].max():,.0f} million.")
    for basis, u in (un.groupby("basis", sort=False) if len(un) else []):
        u = u.reset_index(drop=True)
        low, top, last = u.loc[u["pct"].idxmin()], u.loc[u["pct"].idxmax()], u.iloc[-1]
        parts.append(f"UN agreement, {u['basis_short'].iloc[0]}: yearly line, {int(u['year'].min())}–"
                     f"{int(u['year'].max())}, lowest {low['pct']:.0f}% in {int(low['year'])}, highest "
                     f"{top['pct']:.0f}% in {int(top['year'])}, {last['pct']:.0f}% in {int(last['year'])}.")
    brk = _un_break(un)
    if brk is not None:
        parts.append(f"A dotted rule marks the break between the two UN bases at the end of {brk}; the lines are "
                     "not joined.")
    for vintage, a in (arms.groupby("vintage", sort=False) if len(arms) else []):
        a = a.reset_index(drop=True)
        peak = a.loc[a["share_pct"].idxmax()]
        rest = a.drop(index=a["share_pct"].idxmax())
        parts.append(f"Arms ({vintage.split(' (')[0]}): USSR/Russia's five-year share of Pakistan's arms imports, highest in "
                     f"{peak['period']} at {peak['share_pct']:.1f}%"
                     + (f", at most {rest['share_pct'].max():.1f}% in any other period" if len(rest) else "")
                     + f"; last period {a.iloc[-1]['period']}: {a.iloc[-1]['share_pct']:.1f}%.")
    parts.append(_per_decade(frames["visits"], "Visits"))
    parts.append(_per_decade(frames["signings"], "Signing occasions"))
    pw = frames.get("power")
    if pw is not None and len(pw):
        txt = []
        for series in POWER_SERIES.values():
            s = pw[pw["series"] == series]
            if not len(s):
                continue
            last = int(s["year"].max())
            vals = s[s["year"] == last].set_index("country")["value"]
            txt.append(f"{series}, {int(s['year'].min())}–{last}: in {last} "
                       + " and ".join(f"{c} {vals[c]:,.1f}" for c in vals.index))
        parts.append("Power context, billion current US$ on a log scale, each series its own line: "
                     + "; ".join(txt) + ".")
    return " ".join(parts)


def _un_break(un: pd.DataFrame) -> int | None:
    """The last year both UN bases cover (the break between them), or None if only one basis is drawn."""
    if not len(un):
        return None
    both = [int(y) for y, n in un.groupby("year")["basis"].nunique().items() if n > 1]
    return both[-1] if both else None


def dashboard_chart(frames: dict, phases: pd.DataFrame, *, title: str, subtitle=None, description: str | None = None):
    """Six small panels on one time axis (1947–2025), phases shaded and numbered:
    trade (COW line; official figures as separate points), UN agreement (two bases, the break marked), arms share,
    visits, signings and the power context (GDP; COW's and SIPRI's military spending as separate lines). The
    description is written from the frames (:func:`describe_dashboard`) unless one is given."""
    end = history.last_data_year()
    scale = alt.Scale(domain=[pd.Timestamp(X_DOMAIN[0]).isoformat(), pd.Timestamp(X_DOMAIN[1]).isoformat()])
    x_time = alt.X("when:T", title=None, scale=scale, axis=alt.Axis(format="%Y", labelAngle=0))
    x_start = alt.X("start:T", title=None, scale=scale, axis=alt.Axis(format="%Y", labelAngle=0))
    trade_colors = alt.Scale(domain=list(trade_mod.BASIS_COLORS), range=list(trade_mod.BASIS_COLORS.values()))
    legend = alt.Legend(orient="right", titleLimit=260, labelLimit=260)
    cow = alt.Chart(frames["cow"]).mark_line(point=alt.OverlayMarkDef(size=14), strokeWidth=2).encode(
        x=x_time, y=alt.Y("total:Q", title="US$ m"),
        color=alt.Color("series:N", title="Trade figures (never joined)", scale=trade_colors, legend=legend),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("entity:N", title="Partner"),
                 alt.Tooltip("total:Q", title="Total trade (million current US$)", format=",.0f"),
                 alt.Tooltip("share_pct:Q", title="Share of Pakistan's trade (%)", format=".2f"),
                 alt.Tooltip("source:N", title="Source")])
    off = alt.Chart(frames["official"]).mark_point(size=70, filled=True, opacity=0.95).encode(
        x=x_time, y="value_usd_m:Q",
        color=alt.Color("basis:N", scale=trade_colors, legend=legend),
        shape=alt.Shape("status:N", title="Official figure", legend=legend,
                        scale=alt.Scale(domain=list(trade_mod.STATUS_SHAPES),
                                        range=list(trade_mod.STATUS_SHAPES.values()))),
        tooltip=[alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("basis:N", title="Basis"),
                 alt.Tooltip("value_usd_m:Q", title="Total (million US$)", format=",.0f"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("note:N", title="Note"),
                 alt.Tooltip("source:N", title="Source")])
    p_trade = _panel([*_bands(phases, numbers=True), cow, off],
                     "Trade with USSR/Russia, million current US$: COW line to 2014, official figures as points")
    un = alt.Chart(frames["un"]).mark_line(point=alt.OverlayMarkDef(size=14), color=COUNTRY_COLORS["RUS"],
                                           strokeWidth=2).encode(
        x=x_time, y=alt.Y("pct:Q", title="% same vote", scale=alt.Scale(domain=[0, 100])),
        strokeDash=alt.StrokeDash("basis_short:N", title="UN votes (never joined)", legend=legend,
                                  scale=alt.Scale(domain=list(indicators.UNGA_BASIS_SHORT.values()),
                                                  range=[[1, 0], [5, 3]])),
        detail="basis:N",
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("entity:N", title="Partner"),
                 alt.Tooltip("pct:Q", title="Agreement (%)", format=".1f"),
                 alt.Tooltip("n_votes:Q", title="Votes counted"), alt.Tooltip("source:N", title="Basis and source")])
    un_last = int(frames["un"]["year"].max()) if len(frames["un"]) else end
    un_layers = [*_bands(phases), un]
    brk = _un_break(frames["un"])
    if brk is not None:   # the break between the bases, marked and explained in the tooltip
        rule = pd.DataFrame({"when": [pd.Timestamp(year=brk, month=12, day=31)],
                             "note": [f"Break: Voeten's roll calls end in {brk}; from {brk} the line is the UN's own "
                                      "records of resolutions adopted by recorded vote (resolutions adopted without "
                                      "a vote are absent), another measure. The two lines are not joined."]})
        un_layers.append(alt.Chart(rule).mark_rule(color="#555", strokeDash=[2, 3], strokeWidth=1.5).encode(
            x=alt.X("when:T", scale=scale), tooltip=[alt.Tooltip("note:N", title="Break between bases")]))
    p_un = _panel(un_layers, "UN votes alike, %: solid = Voeten roll calls to 2019, dashed = UN records "
                             f"2019–{un_last}; dotted rule = break")
    arms_tip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("vintage:N", title="SIPRI data"),
                alt.Tooltip("share_pct:Q", title="USSR/Russia share (%)", format=".1f"),
                alt.Tooltip("tiv:Q", title="USSR/Russia TIV (millions)", format=",.0f"),
                alt.Tooltip("period_total:Q", title="All suppliers TIV (millions)", format=",.0f"),
                alt.Tooltip("coverage:N", title="Coverage"), alt.Tooltip("source:N", title="Source")]
    old_v, new_v = arms_mod.VINTAGE_LABELS["2022"], arms_mod.VINTAGE_LABELS["2026"]
    fa = frames["arms"]
    arms = alt.Chart(fa[fa["vintage"] == old_v]).mark_rect(color=COUNTRY_COLORS["RUS"]).encode(
        x=x_start, x2="end:T", y=alt.Y("share_pct:Q", title="% of TIV"), y2=alt.datum(0),
        opacity=alt.condition(alt.datum.complete, alt.value(0.9), alt.value(0.4)), tooltip=arms_tip)
    arms26 = alt.Chart(fa[fa["vintage"] == new_v]).mark_rect(fill=None, stroke="#D55E00", strokeWidth=1.6).encode(
        x=x_start, x2="end:T", y="share_pct:Q", y2=alt.datum(0), tooltip=arms_tip)
    arms_last = int(pd.Timestamp(fa["end"].max()).year) if len(fa) else end
    p_arms = _panel([*_bands(phases), arms, arms26],
                    f"Arms: USSR/Russia % of Pakistan's imports (SIPRI; filled: 2022 tables, outline: 2026 register "
                    f"to {arms_last})")
    vis_colors = alt.Scale(domain=VISIT_GROUPS, range=["#0072B2", "#E69F00"])
    vis = alt.Chart(frames["visits"]).mark_rect().encode(
        x=x_start, x2="end:T", y=alt.Y("top:Q", title="visits", axis=alt.Axis(tickMinStep=1)), y2="y0:Q",
        color=alt.Color("group:N", title="Visits by", scale=vis_colors, legend=legend),
        tooltip=[alt.Tooltip("decade_label:N", title="Decade"), alt.Tooltip("group:N", title="Level"),
                 alt.Tooltip("n:Q", title="Visits"), alt.Tooltip("which:N", title="Who"),
                 alt.Tooltip("source:N", title="Source")])
    p_vis = _panel([*_bands(phases), vis], f"Diplomacy: documented high-level visits per decade (2020s: 2020–{end})")
    sig_colors = alt.Scale(domain=list(SIGNING_KINDS), range=list(SIGNING_KINDS.values()))
    sig = alt.Chart(frames["signings"]).mark_rect().encode(
        x=x_start, x2="end:T", y=alt.Y("top:Q", title="signings", axis=alt.Axis(tickMinStep=1)), y2="y0:Q",
        color=alt.Color("kind:N", title="Documents signed", scale=sig_colors, legend=legend),
        tooltip=[alt.Tooltip("decade_label:N", title="Decade"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("n:Q", title="Signing occasions"), alt.Tooltip("which:N", title="Which"),
                 alt.Tooltip("source:N", title="Source")])
    p_sig = _panel([*_bands(phases), sig],
                   f"Agreements: occasions on which a bilateral document was signed, per decade (2020s: 2020–{end})")
    panels = [p_trade, p_un, p_arms, p_vis, p_sig]
    pw = frames.get("power")
    if pw is not None and len(pw):
        pw = pw.assign(line=pw["country"] + " · " + pw["series"])
        last = {s: int(pw.loc[pw["series"] == s, "year"].max()) for s in POWER_SERIES.values()
                if (pw["series"] == s).any()}
        power = alt.Chart(pw).mark_line(strokeWidth=1.8).encode(
            x=x_time, y=alt.Y("value:Q", title="US$ bn (log)", scale=alt.Scale(type="log"),
                                         axis=alt.Axis(values=[0.1, 1, 10, 100, 1000], format=",~g")),
            color=alt.Color("country:N", title="Power context", legend=legend,
                            scale=alt.Scale(domain=["Pakistan", "USSR/Russia"],
                                            range=[COUNTRY_COLORS["PAK"], COUNTRY_COLORS["RUS"]])),
            strokeDash=alt.StrokeDash("series:N", title="Series (never joined)", legend=legend,
                                      scale=alt.Scale(domain=list(POWER_SERIES.values()),
                                                      range=[[1, 0], [6, 3], [2, 2]])),
            detail="line:N",
            tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("series:N", title="Series"),
                     alt.Tooltip("year:Q", title="Year", format="d"),
                     alt.Tooltip("value:Q", title="Billion current US$", format=",.1f"),
                     alt.Tooltip("source:N", title="Source")])
        span = ", ".join(f"{s.replace('military spending ', 'spending ')} to {y}" for s, y in last.items())
        panels.append(_panel([*_bands(phases), power], f"Power context: GDP and military spending, US$ bn, log "
                                                       f"scale ({span})", height=130))
    chart = alt.vconcat(*panels, spacing=14).resolve_scale(color="independent", shape="independent",
                                                           strokeDash="independent")
    return finish(chart, title, subtitle, description or describe_dashboard(frames, phases))


# ------------------------------------------------------------------ phase scorecard
INDICATORS = {
    "trade": {"label": "Trade share (%)", "unit": "%", "what": "USSR/Russia's share of Pakistan's goods trade "
              "(COW, sum over the phase's years)", "first": 1948, "last": 2014, "source": COW_SOURCE},
    "un": {"label": "UN agreement (%)", "unit": "%", "what": "average yearly share of UN General Assembly roll calls "
           "on which Pakistan and USSR/Russia voted alike", "first": 1946, "last": 2019, "source": UN_SOURCE},
    "arms": {"label": "Arms share (%)", "unit": "%", "what": "USSR/Russia's share of Pakistan's arms imports "
             "(SIPRI TIV, sum over the phase's years)", "first": 1950, "last": 2021, "source": SIPRI_SOURCE},
    "visits": {"label": "Visits per 10 yrs", "unit": "per 10 yrs", "what": "documented high-level visits "
               "(data/visits.csv) per ten years of the phase", "first": 1948, "last": None, "source": None},
    "signings": {"label": "Signings per 10 yrs", "unit": "per 10 yrs", "what": "signing occasions (SIGNINGS) per "
                 "ten years of the phase", "first": 1948, "last": None, "source": None},
}
MIN_YEARS = 3  # a phase needs at least this many years of data for a trade, UN or arms value


def _short_label(ids, limit: int = 3) -> str:
    """Readable label of the first ``limit`` distinct sources, then '… and N more'."""
    ids = list(dict.fromkeys(ids))
    label = source_label(";".join(ids[:limit])) if ids else ""
    return label + (f"; and {len(ids) - limit} more" if len(ids) > limit else "")


def phase_scorecard(data: dict | None = None, until: int | None = None) -> pd.DataFrame:
    """One row per phase (data/phases.csv) and indicator (``INDICATORS``): the value, the years it covers,
    ``relative`` = value / the indicator's largest phase value (0–1, for colour), and a ``note`` when the data
    cover too little of the phase (then ``value`` is empty). ``until`` closes the running phase (default: the
    last year of the chronology)."""
    data = data or load_all()
    until = history.last_data_year(data["events"]) if until is None else int(until)
    ph = history.phase_years(data["phases"], until=until)
    u = unvotes.pair_rows(data["unga"], "PAK-RUS")
    a = data["arms"][data["arms"]["recipient"] == "PAK"]
    v = data["visits"]
    sig = signings(data["events"], data["projects"])
    rows = []
    for _, p in ph.iterrows():
        lo, hi = int(p["start"]), int(p["end"])
        length = hi - lo + 1
        for key, info in INDICATORS.items():
            first = info["first"]
            last = info["last"] if info["last"] is not None else until
            c_lo, c_hi = max(lo, first), min(hi, last)
            n_years = max(0, c_hi - c_lo + 1)
            value, note, src = None, "", info["source"]
            if key in ("visits", "signings"):
                frame = v if key == "visits" else sig
                inside = frame[frame["year"].between(lo, hi)]
                value = 10 * len(inside) / length
                note = f"{len(inside)} in {length} years ({lo}–{hi})"
                source = _short_label(i for s in inside["source_ids"] for i in split_ids(s)) or (
                    "data/visits.csv" if key == "visits" else "data/events.csv")
            elif n_years < MIN_YEARS:
                note = (f"the data cover only {n_years} year(s) of this phase ({first}–{last})" if n_years
                        else f"no data for these years ({first}–{last})")
            elif key == "trade":
                value = 100 * indicators.trade_share("RUS", (c_lo, c_hi), trade=data["trade"])
                note = f"{c_lo}–{c_hi}"
            elif key == "un":
                value = 100 * float(u.loc[u["year"].between(c_lo, c_hi), "agreement"].mean())
                note = f"{c_lo}–{c_hi}"
            elif key == "arms":
                sel = a[a["year"].between(c_lo, c_hi)]
                value = 100 * arms_mod.supplier_tiv(data["arms"], "PAK", arms_mod.SOVIET_SUPPLIERS, (c_lo, c_hi)) \
                    / float(sel["tiv"].sum())
                note = f"{c_lo}–{c_hi}"
            if key not in ("visits", "signings"):
                source = source_label(src)
            rows.append({"phase_id": p["phase_id"], "n": int(p["n"]), "phase": f"{p['n']}. {p['label']}",
                         "years": p["years"], "indicator": key, "indicator_label": info["label"],
                         "what": info["what"], "value": value, "coverage": note, "source": source})
    out = pd.DataFrame(rows)
    out["value"] = pd.to_numeric(out["value"]).astype("float64")
    top = out.groupby("indicator")["value"].transform("max")
    out["relative"] = out["value"] / top
    out["text"] = [("n/a" if pd.isna(x) else f"{x:.1f}") for x in out["value"]]
    out["phase_years"] = out["phase"] + " (" + out["years"] + ")"
    return out


def best_phase(card: pd.DataFrame, indicator: str) -> pd.Series:
    """The scorecard row of the phase in which ``indicator`` was highest."""
    sel = card[(card["indicator"] == indicator) & card["value"].notna()]
    return sel.loc[sel["value"].idxmax()]


def describe_scorecard(card: pd.DataFrame) -> str:
    """The screen-reader description of :func:`scorecard_chart`, from the scorecard it draws: its rows and columns,
    the best phase of every column, and the cells without a value."""
    phases = list(dict.fromkeys(card.sort_values("n")["phase_years"]))
    keys = [k for k in INDICATORS if k in set(card["indicator"])]
    labels = [INDICATORS[k]["label"] for k in keys]
    best = []
    for key in keys:
        if card.loc[card["indicator"] == key, "value"].notna().any():
            b = best_phase(card, key)
            best.append(f"{INDICATORS[key]['label']}: {b['phase_years']}, {b['text']}")
    missing = card[card["value"].isna()]
    text = (f"Heat map with {len(phases)} rows (the phases, {phases[0]} to {phases[-1]}) and {len(labels)} columns "
            f"({', '.join(labels)}); each cell is shaded by its share of the column's best phase. Best phase per "
            "column: " + "; ".join(best) + ".")
    if len(missing):
        text += " Marked n/a: " + "; ".join(f"{r.phase_years}, {r.indicator_label} ({r.coverage})"
                                            for r in missing.itertuples()) + "."
    return text


def scorecard_chart(card: pd.DataFrame, *, title: str, subtitle=None, description: str | None = None):
    """Heat map: phases (rows, in order) × indicators (columns); colour = share of the indicator's best phase,
    text = the value; grey 'n/a' where the data cover too little of the phase. The description is written from the
    scorecard (:func:`describe_scorecard`) unless one is given."""
    order = list(dict.fromkeys(card.sort_values("n")["phase_years"]))
    cols = [INDICATORS[k]["label"] for k in INDICATORS]
    data = card.assign(shade=card["relative"].fillna(-1.0))  # -1 = no value (a null would drop the cell)
    base = alt.Chart(data).encode(
        x=alt.X("indicator_label:N", title=None, sort=cols, axis=alt.Axis(orient="top", labelAngle=0,
                                                                        labelLimit=150)),
        y=alt.Y("phase_years:N", title=None, sort=order, axis=alt.Axis(labelLimit=320)))
    tip = [alt.Tooltip("phase_years:N", title="Phase"), alt.Tooltip("indicator_label:N", title="Indicator"),
           alt.Tooltip("text:N", title="Value"), alt.Tooltip("what:N", title="What it measures"),
           alt.Tooltip("coverage:N", title="Years covered"), alt.Tooltip("source:N", title="Source")]
    legend = alt.Legend(format="%", orient="bottom", gradientLength=220, titleLimit=400)
    cells = base.mark_rect(stroke="white", strokeWidth=1.5).encode(
        color=alt.condition("datum.shade >= 0",
                            alt.Color("shade:Q", title="Share of the indicator's best phase", legend=legend,
                                      scale=alt.Scale(scheme="blues", domain=[0, 1])),
                            alt.value("#E4E4E4")),
        tooltip=tip)
    text = base.mark_text(fontSize=12).encode(
        text="text:N", color=alt.condition("datum.shade > 0.6", alt.value("white"), alt.value("#222")), tooltip=tip)
    return finish(alt.layer(cells, text), title, subtitle, description or describe_scorecard(card), width=600,
                  height=30 * len(order))


def key_figures(data: dict | None = None) -> dict:
    """The numbers the notebook's text quotes, computed from data/ (tested, so the text cannot drift)."""
    data = data or load_all()
    card = phase_scorecard(data)
    un_best = best_phase(card, "un")
    sh = arms_mod.supplier_shares(data["arms"], "PAK", 5)
    peak = arms_mod.peak_period(sh, arms_mod.USSR_RUSSIA)
    cow_peak = trade_mod.peak("RUS", "total", data["trade"])
    share_peak = trade_mod.peak("RUS", "share_pct", data["trade"])
    sig = signings(data["events"], data["projects"])
    ds = pj.delivery_summary(data["projects"])
    gap = visits_mod.longest_gap(data["visits"], level="top")
    since = card[card["phase_id"] == "cooperation_after_2014"].set_index("indicator")["value"]
    best_sig = best_phase(card, "signings")
    rec = data.get("unga_recorded")
    rec = load("unga_agreement_recorded") if rec is None else rec
    rec_last = int(rec["year"].max())
    return {
        "cow_peak_year": cow_peak["year"], "cow_peak_value": cow_peak["value"],
        "cow_share_peak_year": share_peak["year"], "cow_share_peak_pct": share_peak["value"],
        "un_best_phase": un_best["phase"], "un_best_value": float(un_best["value"]),
        "un_since_2014": float(since["un"]),
        "un_recorded_2020_on": 100 * indicators.unga_recorded_mean("PAK-RUS", (2020, rec_last), recorded=rec),
        "un_recorded_last_year": rec_last,
        "arms_peak_period": peak["period"], "arms_peak_pct": float(peak["share_pct"]),
        "arms_2015_19_pct": 100 * arms_mod.share_of(sh, arms_mod.USSR_RUSSIA, 2015),
        "china_2015_19_pct": 100 * arms_mod.share_of(sh, "China", 2015),
        "signings": int(len(sig)), "signings_since_2014": int((sig["year"] >= 2014).sum()),
        "signings_best_phase": best_sig["phase"], "signings_since_2014_per_10": float(since["signings"]),
        "visits_since_2014_per_10": float(since["visits"]),
        "projects_signed": ds["signed"], "projects_delivered": ds["delivered"],
        "projects_operating_now": ds["operating_now"], "projects_stalled_now": ds["stalled_now"],
        "top_gap_years": float(gap["years"]), "top_gap_from": gap["from_visit"], "top_gap_to": gap["to_visit"],
    }


def key_figures_table(figs: dict) -> pd.DataFrame:
    """:func:`key_figures` as a short table with the dataset behind each number."""
    f = figs
    rows = [
        ("COW trade with USSR/Russia: peak year",
         f"{f['cow_peak_year']} ({f['cow_peak_value']:,.0f} million current US$)", "COW Trade v4.0"),
        ("COW: highest USSR/Russia share of Pakistan's trade", f"{f['cow_share_peak_pct']:.1f}% "
                                                               f"({f['cow_share_peak_year']})", "COW Trade v4.0"),
        ("UN agreement: highest phase", f"{f['un_best_phase']}: {f['un_best_value']:.1f}%", "Voeten et al. UN votes"),
        ("UN agreement 2014–2019 (roll calls)", f"{f['un_since_2014']:.1f}%", "Voeten et al. UN votes"),
        (f"UN agreement 2020–{f['un_recorded_last_year']} (recorded votes, another basis)",
         f"{f['un_recorded_2020_on']:.1f}%", "United Nations (DGACM) recorded votes"),
        ("USSR/Russia share of Pakistan's arms: best five years", f"{f['arms_peak_period']}: {f['arms_peak_pct']:.1f}%",
         "SIPRI (course's calculation)"),
        ("… and in 2015–19", f"{f['arms_2015_19_pct']:.1f}% (China: {f['china_2015_19_pct']:.1f}%)",
         "SIPRI (course's calculation)"),
        ("Signing occasions, all / since 2014", f"{f['signings']} / {f['signings_since_2014']}", "data/events.csv"),
        ("Projects signed / ever delivered / operating at the end of the record",
         f"{f['projects_signed']} / {f['projects_delivered']} / {f['projects_operating_now']}", "data/projects.csv"),
        ("Longest gap between top-level visits", f"{f['top_gap_years']:.1f} years: {f['top_gap_from']} to "
                                                 f"{f['top_gap_to']}", "data/visits.csv"),
    ]
    return pd.DataFrame(rows, columns=["figure", "value", "data"])


# ------------------------------------------------------------------ the factor-weighting widget
FACTORS = pooling.FACTORS
FACTOR_LABELS = {"history": "History", "geostrategy": "Geostrategy", "diplomacy": "Diplomacy", "trade": "Trade",
                 "security": "Security", "multilateral": "Multilateral ties", "energy": "Energy",
                 "balancing": "Great-power balancing", "culture": "Culture", "challenges": "Challenges"}
EVIDENCE_KINDS = {"dataset": "public dataset(s) and dated events",
                  "curated": "the course's curated table of dated records",
                  "thin": "a handful of dated events"}
EVIDENCE_COLORS = {"dataset": "#0072B2", "curated": "#56B4E9", "thin": "#D55E00"}
FACTOR_EVIDENCE = {
    "history": ("01", "dataset", "ATOP alliance obligations (data/alliances.csv) and the Cold-War chronology"),
    "geostrategy": ("02", "dataset", "national capabilities and GDP (data/capabilities.csv): COW NMC and World Bank"),
    "diplomacy": ("03", "curated", "documented high-level visits (data/visits.csv)"),
    "trade": ("04", "dataset", "COW trade to 2014 and official figures from 2012 on (data/trade.csv)"),
    "security": ("05", "dataset", "SIPRI arms transfers (data/arms_imports.csv) and dated exercises"),
    "multilateral": ("06", "dataset", "UN General Assembly votes (data/unga_agreement.csv) and SCO/OIC/BRICS events"),
    "energy": ("07", "curated", "project milestones from announcement to delivery (data/projects.csv)"),
    "balancing": ("08", "dataset", "UN votes, SIPRI arms and ATOP for Pakistan's and India's other partners"),
    "culture": ("09", "thin", "two dated cultural events; no dataset on students, tourists or media"),
    "challenges": ("10", "curated", "the gap between signed and delivered projects (data/projects.csv)"),
}


def _check_weights(weights: dict) -> dict[str, float]:
    if not isinstance(weights, dict):
        raise TypeError("weights must be a dictionary {factor: weight}")
    unknown = [f for f in weights if f not in FACTORS]
    if unknown:
        raise ValueError(f"Unknown factor(s) {unknown}; the factors are: {', '.join(FACTORS)}")
    missing = [f for f in FACTORS if f not in weights]
    if missing:
        raise ValueError(f"No weight for {', '.join(missing)}: give every factor a weight from 0 to 10")
    out = {}
    for f in FACTORS:
        w = weights[f]
        if isinstance(w, bool) or not isinstance(w, (int, float)) or pd.isna(w) or not 0 <= w <= 10:
            raise ValueError(f"The weight of {f} must be a number from 0 to 10, not {w!r}")
        out[f] = float(w)
    return out


def factor_evidence(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the course's evidence on each factor rests on: notebook, kind of evidence, what it is, and how many
    dated events of data/events.csv are filed under the factor."""
    ev = load("events") if events is None else events
    counts = ev["factor"].value_counts()
    rows = [{"factor": f, "label": FACTOR_LABELS[f], "notebook": nb, "evidence_kind": kind,
             "evidence_kind_label": EVIDENCE_KINDS[kind], "evidence": text, "events": int(counts.get(f, 0))}
            for f, (nb, kind, text) in FACTOR_EVIDENCE.items()]
    return pd.DataFrame(rows)


def rank_factors(weights: dict, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ranking a set of weights (0–10 for every factor of ``pkru.pooling.FACTORS``) implies.

    One row per factor, heaviest first (equal weights share a rank and keep the course order). Columns:
    rank, factor, label, weight, share_pct (of the total weight; 0 when all weights are 0), notebook,
    evidence_kind, evidence_kind_label, evidence, events."""
    w = _check_weights(weights)
    total = sum(w.values())
    out = factor_evidence(events)
    out["weight"] = out["factor"].map(w)
    out["share_pct"] = 100 * out["weight"] / total if total else 0.0
    out["order"] = range(len(out))
    out = out.sort_values(["weight", "order"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out["rank"] = out["weight"].rank(method="min", ascending=False).astype(int)
    cols = ["rank", "factor", "label", "weight", "share_pct", "notebook", "evidence_kind", "evidence_kind_label",
            "evidence", "events"]
    return out[cols]


def describe_ranking(ranked: pd.DataFrame, top: int = 3) -> str:
    """Plain-language reading of :func:`rank_factors`: the top factors, ties, and an evidence check."""
    if (ranked["weight"] == 0).all():
        return "All weights are 0, so nothing is ranked yet: move at least one slider."
    if ranked["weight"].nunique() == 1:
        return (f"All ten factors have the same weight ({ranked['weight'].iloc[0]:g}), so they tie: there is no "
                "ranking yet. Move the sliders to say which factors you think mattered most.")
    head = ranked[ranked["rank"] <= ranked["rank"].iloc[min(top, len(ranked)) - 1]]
    names = ", ".join(f"{r.label} ({r.weight:g})" for r in head.itertuples())
    text = (f"Your weights put {names} at the top; together they carry {head['share_pct'].sum():.0f}% of your "
            "total weight.")
    tied = ranked[ranked.duplicated("rank", keep=False)]
    if len(tied):
        groups = [", ".join(g["label"]) for _, g in tied.groupby("rank")]
        text += " Tied: " + "; ".join(groups) + "."
    kinds = head["evidence_kind"].value_counts()
    if kinds.get("dataset", 0) == len(head):
        text += " Each of them rests on at least one public dataset."
    else:
        text += (f" Of these, {kinds.get('dataset', 0)} rest on public datasets, {kinds.get('curated', 0)} on the "
                 f"course's curated tables and {kinds.get('thin', 0)} on a handful of dated events.")
    for r in head[head["evidence_kind"] == "thin"].itertuples():
        text += (f" Evidence check: you rank {r.label.lower()} near the top, but the course holds only "
                 f"{r.events} dated events on it (notebook {r.notebook}); be ready to say what your weight rests on.")
    zero = ranked[ranked["weight"] == 0]
    if len(zero):
        text += f" Weight 0 (no influence at all): {', '.join(zero['label'])}."
    return text


def weights_chart(ranked: pd.DataFrame, description: str | None = None):
    """Horizontal bars: the learner's weights in rank order, coloured by the kind of evidence behind each factor.
    The description lists every weight unless one is given."""
    data = ranked.assign(source="your weights; evidence from data/events.csv and the notebooks' tables",
                         ranked_label=ranked["rank"].astype(str) + ". " + ranked["label"])
    order = list(data["ranked_label"])
    present = [k for k in EVIDENCE_KINDS if k in set(ranked["evidence_kind"])]
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("weight:Q", title="Your weight (0–10)", scale=alt.Scale(domain=[0, 10])),
        y=alt.Y("ranked_label:N", title=None, sort=order),
        color=alt.Color("evidence_kind_label:N", title="Evidence behind the factor",
                        scale=alt.Scale(domain=[EVIDENCE_KINDS[k] for k in present],
                                        range=[EVIDENCE_COLORS[k] for k in present]),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=320)),
        tooltip=[alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("label:N", title="Factor"),
                 alt.Tooltip("weight:Q", title="Weight"), alt.Tooltip("share_pct:Q", title="Share of your total (%)",
                                                                      format=".0f"),
                 alt.Tooltip("evidence:N", title="Evidence"), alt.Tooltip("events:Q", title="Dated events"),
                 alt.Tooltip("notebook:N", title="Notebook"), alt.Tooltip("source:N", title="Source")])
    desc = description or (f"Horizontal bar chart of the learner's weights for {len(ranked)} factors, ranked from "
                           "heaviest to lightest: " + ", ".join(f"{r.label} {r.weight:g}" for r in ranked.itertuples())
                           + ".")
    return finish(chart, "The ranking your weights imply", "Colour = the kind of evidence the course has for the "
                  "factor · hover for details", desc, width=420, height=22 * len(ranked))


def export_message(learner, weights: dict, folder=None) -> tuple[bool, str]:
    """Save the weights for the seminar with ``pkru.pooling.export_weights``; return (saved?, message).

    Never raises for a learner's mistake: an empty or unusable name, or a bad weight, gives a message."""
    name = learner.strip() if isinstance(learner, str) else ""
    if not name:
        return False, "Type your name or a nickname in the box first (letters or digits); nothing was saved."
    try:
        w = _check_weights(weights)
        path = pooling.export_weights(name, w, folder)
    except (ValueError, TypeError) as exc:
        msg = str(exc)
        if "name or a nickname" in msg:
            msg = (f"“{name}” has no letters or digits that can go into a file name. Type a name or nickname "
                   "such as amina or group_3; nothing was saved.")
        return False, msg
    try:
        from ..data import repo_root
        shown = path.resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        shown = str(path)
    return True, (f"Saved your weights to {shown}. Hand that file to your instructor (or upload it where the "
                  "seminar collects files); exporting again replaces it.")


def explorer(default: int = 5):
    """The notebook's widget: ten sliders (one per factor, 0–10) → the ranking, its reading and a chart; a name
    box and a button export the weights to work/export/weights_<name>.csv for the seminar."""
    import ipywidgets as w
    from IPython.display import HTML

    from .. import explore

    events = load("events")
    sliders = {f: w.IntSlider(value=default, min=0, max=10, step=1, description=FACTOR_LABELS[f],
                              continuous_update=False, style={"description_width": "150px"},
                              layout=w.Layout(width="360px"))
               for f in FACTORS}

    def render(**weights):
        ranked = rank_factors(weights, events)
        table = ranked[["rank", "label", "weight", "evidence", "events", "notebook"]].rename(columns={
            "label": "factor", "events": "dated events", "evidence": "what the course's evidence is"})
        return (w.HTML(f"<p class='pkru-selection'>{html.escape(describe_ranking(ranked))}</p>"),
                weights_chart(ranked), HTML(tables.html(table)))

    box = explore.explorer(sliders, render,
                           intro="Give each factor a weight from 0 (did not matter) to 10 (mattered most) for the "
                                 "change in Pakistan–Russia relations. Keyboard: Tab to a slider, arrow keys to "
                                 "move it.")
    name = w.Text(value="", placeholder="e.g. amina", description="Your name",
                  style={"description_width": "80px"}, layout=w.Layout(width="300px"))
    button = w.Button(description="Export my weights", tooltip="Write work/export/weights_<name>.csv",
                      layout=w.Layout(width="auto"))
    status = w.HTML("")
    status.add_class("pkru-export-status")

    def on_click(_):
        ok, msg = export_message(name.value, {f: s.value for f, s in sliders.items()})
        color = "#00704F" if ok else "#A33B00"
        status.value = f"<p role='status' style='color:{color}'>{'✓' if ok else '✗'} {html.escape(msg)}</p>"

    button.on_click(on_click)
    intro, *controls, out = box.children
    grid = w.GridBox(list(controls), layout=w.Layout(grid_template_columns="repeat(2, 370px)"))
    export = w.VBox([w.HTML("<b>For the seminar:</b> save your weights as a small CSV file."),
                     w.HBox([name, button]), status])
    box.children = (intro, grid, out, export)
    return box


weighting_widget = explorer  # the name notebook 13 used before the lessons moved (kept for saved copies)


# ------------------------------------------------------------------ scenarios to 2030
def _latest_official(trade: pd.DataFrame, period: str) -> pd.Series:
    o = trade_mod.official(trade)
    o = o[(o["flow"] == "total") & (o["period"] == period)]
    return o.sort_values("year").iloc[-1]


def _ids(values) -> str:
    """';'-joined distinct source ids from several ';'-separated lists."""
    return ";".join(dict.fromkeys(i for v in values for i in split_ids(v)))


def signpost_values(data: dict | None = None) -> dict:
    """The current value of every signpost, computed from data/ (plain values, for the table and the tests).
    Keys ending in ``_ids`` hold the source ids behind a value."""
    data = data or load_all()
    t = data["trade"]
    fy = _latest_official(t, "pk_fiscal")
    cal = _latest_official(t, "calendar")
    a26 = data.get("arms26")
    a26 = load("arms_imports_2026") if a26 is None else a26    # the latest vintage: SIPRI's 2026 register
    sh = arms_mod.supplier_shares(a26, "PAK", 5)
    rus = sh[(sh["supplier_group"] == arms_mod.USSR_RUSSIA) & sh["complete"]]
    last = rus.sort_values("period_start").iloc[-1]
    post = rus[rus["period_start"] >= 1990]
    best_post = post.loc[post["share"].idxmax()]
    last_year = int(a26["year"].max())
    ind = arms_mod.supplier_tiv(a26, "IND", "Russia", (2015, last_year))
    pak = arms_mod.supplier_tiv(a26, "PAK", "Russia", (2015, last_year))
    v = data["visits"]
    top = v[v["level"].isin(visits_mod.TOP_LEVELS) & (v["year"] >= 2020)].sort_values("when")
    sig = signings(data["events"], data["projects"])
    sig = sig[sig["year"] >= 2020]
    pr = pj.prepare(data["projects"])
    first_sign = pr[pr["status"] == "signed"].groupby("project")["year"].min()
    recent = list(first_sign[first_sign >= 2014].index)
    svd = pj.signed_vs_delivered(data["projects"])
    svd = svd[svd["project"].isin(recent)]
    votes = indicators.ukraine_votes()
    off = t[(t["series"] == "official") & (t["flow"] == "total")]
    trade_ids = _ids(off.loc[((off["year"] == fy["year"]) & (off["period"] == "pk_fiscal"))
                             | ((off["year"] == cal["year"]) & (off["period"] == "calendar")), "source_ids"])
    return {
        "trade_fy": float(fy["value_usd_m"]), "trade_fy_label": fy["period_label"],
        "trade_cal": float(cal["value_usd_m"]), "trade_cal_year": int(cal["year"]), "trade_cal_status": cal["status"],
        "trade_ids": trade_ids,
        "arms_last_pct": float(last["share_pct"]), "arms_last_period": last["period"],
        "arms_best_post1990_pct": float(best_post["share_pct"]), "arms_best_post1990_period": best_post["period"],
        "india_pakistan_ratio": ind / pak if pak else float("nan"), "arms_last_year": last_year,
        "top_visits_since_2020": int(len(top)),
        "last_top_visit": f"{top['visitor'].iloc[-1]} ({top['when_label'].iloc[-1]})" if len(top) else "none",
        "visits_ids": _ids(top["source_ids"]),
        "signings_since_2020": int(len(sig)), "signings_ids": _ids(sig["source_ids"]),
        "recent_projects": int(len(svd)), "recent_delivered": int(svd["delivered"].sum()),
        "recent_delivered_names": list(svd.loc[svd["delivered"], "project"]),
        "delivery_ids": _ids(pr.loc[pr["project"].isin(recent), "source_ids"]),
        "ukraine_votes": int(len(votes)), "ukraine_abstentions": int((votes["pakistan"] == "abstain").sum()),
        "un_ids": _ids(votes["source_ids"]),
    }


SCENARIOS_FILE = "data/lessons/scenarios.csv"
SIGNPOSTS_FILE = "data/lessons/signposts.csv"


def signpost_labels() -> dict[str, str]:
    """``{signpost id: what it measures}`` from ``data/lessons/signposts.csv``, in the file's order."""
    t = load("signposts")
    return dict(zip(t["signpost"], t["label"]))


def scenarios(labels: dict | None = None) -> list[dict]:
    """The scenarios to 2030 of ``data/lessons/scenarios.csv``: ``[{"scenario", "storyline", "drivers",
    "signposts", "falsified_if"}]`` (``signposts``: ids of :func:`signpost_labels`). They are the course authors'
    interpretation, written to be *tested*, not believed: each names the drivers it assumes, the signposts that
    would show it unfolding, and what would falsify it. None is a prediction."""
    known = signpost_labels() if labels is None else labels
    out = []
    for line, r in enumerate(load("scenarios").itertuples(index=False), start=2):
        ids = split_ids(r.signpost_ids)
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise CourseDataError(SCENARIOS_FILE, f"scenario '{r.scenario}' watches '{unknown[0]}', which is not a "
                                  f"signpost of {SIGNPOSTS_FILE} ({', '.join(known)})", line=line,
                                  column="signpost_ids")
        out.append({"scenario": r.scenario, "storyline": r.storyline, "drivers": r.drivers, "signposts": ids,
                    "falsified_if": r.falsified_if})
    return out


def signposts(values: dict | None = None) -> pd.DataFrame:
    """The signposts to watch (``data/lessons/signposts.csv``, in its order), each with its value at the end of the
    course's record, the table it comes from and its sources. Columns: signpost_id, signpost, now, data,
    watched_by, source_ids, source."""
    v = values or signpost_values()
    more = "more than " if v["trade_cal_status"] == "lower bound" else ""
    delivered = ", ".join(v["recent_delivered_names"]) or "none"
    computed = {
        "trade": (f"{v['trade_fy']:,.0f} million US$ in {v['trade_fy_label']}; {more}{v['trade_cal']:,.0f} million "
                  f"in calendar {v['trade_cal_year']}", "data/trade.csv (official series)", v["trade_ids"]),
        "arms": (f"{v['arms_last_pct']:.1f}% in {v['arms_last_period']}; highest since 1990: "
                 f"{v['arms_best_post1990_pct']:.1f}% ({v['arms_best_post1990_period']})",
                 "data/arms_imports_2026.csv", SIPRI_SOURCE_2026),
        "india": (f"about {v['india_pakistan_ratio']:.0f} to 1 (2015–{v['arms_last_year']})",
                  "data/arms_imports_2026.csv", SIPRI_SOURCE_2026),
        "visits": (f"{v['top_visits_since_2020']} (latest: {v['last_top_visit']})", "data/visits.csv",
                   v["visits_ids"]),
        "signings": (f"{v['signings_since_2020']}", "data/events.csv", v["signings_ids"]),
        "delivery": (f"{v['recent_delivered']} of {v['recent_projects']} ({delivered})", "data/projects.csv",
                     v["delivery_ids"]),
        "un": (f"abstained on {v['ukraine_abstentions']} of {v['ukraine_votes']}", "data/unga_resolutions.csv",
               v["un_ids"]),
    }
    labels = signpost_labels()
    for line, key in enumerate(labels, start=2):
        if key not in computed:
            raise CourseDataError(SIGNPOSTS_FILE, f"no value is computed for the signpost '{key}' "
                                  f"(pkru.lessons.nb13_synthesis computes: {', '.join(computed)})", line=line,
                                  column="signpost")
    scen = scenarios(labels)
    out = pd.DataFrame([(k, *computed[k]) for k in labels], columns=["signpost_id", "now", "data", "source_ids"])
    out.insert(1, "signpost", out["signpost_id"].map(labels))
    out.insert(4, "watched_by", [", ".join(s.split(" · ")[0] for s in _watching(k, scen)) for k in out["signpost_id"]])
    out["source"] = [_short_label(split_ids(i), limit=4) for i in out["source_ids"]]
    return out


def scenario_table() -> pd.DataFrame:
    """The scenarios as a table, with the signposts spelled out."""
    labels = signpost_labels()
    rows = []
    for s in scenarios(labels):
        rows.append({"scenario": s["scenario"], "storyline": s["storyline"], "drivers (assumed)": s["drivers"],
                     "signposts to watch": "; ".join(labels[k] for k in s["signposts"]),
                     "falsified if": s["falsified_if"]})
    return pd.DataFrame(rows)


def _watching(signpost_id: str, scen: list[dict]) -> list[str]:
    return [s["scenario"] for s in scen if signpost_id in s["signposts"]]


def scenarios_for(signpost_id: str) -> list[str]:
    """Names of the scenarios that watch a signpost."""
    labels = signpost_labels()
    if signpost_id not in labels:
        raise KeyError(f"Unknown signpost '{signpost_id}': choose one of {', '.join(labels)}")
    return _watching(signpost_id, scenarios(labels))


# ------------------------------------------------------------------ sources cited in the text
_TEXT_EVENTS = ["ev1954_seato_manila_pact", "ev1955_baghdad_pact", "ev1966_tashkent_declaration",
               "ev1968_soviet_arms_offer", "ev1971_indo_soviet_treaty", "ev1979_soviet_intervention_afghanistan",
               "ev2014_defence_cooperation_agreement", "ev2016_russia_denies_cpec_talks",
               "ev2022_imran_khan_meets_putin", "ev2023_barter_trade_mechanism", "ev2024_fruit_overland_to_russia",
               "ev2024_brics_kazan_partner_list", "ev2025_lavrov_dar_call", "ev2025_shehbaz_putin_beijing"]
CITED_SOURCES = ["seed_press_release", "seed_paper", "geo_psgp_international_firms_opinion"]

#: Events cited in the text, and the signings.
CITED_EVENTS = [*_TEXT_EVENTS, *SIGNINGS]


def cited_source_ids() -> list[str]:
    """The sources of the signposts (the phases and visits tables are in the manifest's data list)."""
    return [s for v in signposts()["source_ids"] for s in split_ids(v)]


#: Content that used to be Python constants and now lives in data/lessons/ (old names kept for saved copies).
_FROM_DATA = {"SCENARIOS": scenarios, "SIGNPOSTS": signpost_labels}


def __getattr__(name):
    if name in _FROM_DATA:
        return _FROM_DATA[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reading_explorer(default: int = 5):
    """The explorer without a kernel (the reading edition): ``weights_chart`` over ``factor_evidence``, with one
    slider per factor bound to a Vega-Lite parameter (starting, like the widget, at ``default``); ranks, shares and
    order as :func:`rank_factors` gives them (heaviest first, ties share a rank and keep the course's order).
    Exporting the weights for the seminar needs Python."""
    from .. import explore

    events = load("events")
    chart = weights_chart(rank_factors({f: default for f in FACTORS}, events))
    sliders = [alt.param(name=f"w_{f}", value=default,
                         bind=alt.binding_range(min=0, max=10, step=1, name=FACTOR_LABELS[f])) for f in FACTORS]
    chart.data = factor_evidence(events).assign(
        order=range(len(FACTORS)), source="your weights; evidence from data/events.csv and the notebooks' tables")
    weight = "{" + ", ".join(f"{explore.js(f)}: w_{f}" for f in FACTORS) + "}[datum.factor]"
    chart = chart.add_params(*sliders).transform_calculate(weight=weight).transform_joinaggregate(
        total="sum(weight)").transform_calculate(
        share_pct="datum.total ? 100 * datum.weight / datum.total : 0").transform_window(
        rank="rank()", sort=[alt.SortField("weight", order="descending")]).transform_calculate(
        ranked_label="datum.rank + '. ' + datum.label", rank_key="-datum.weight * 1000 + datum.order")
    chart.encoding.y = chart.encoding.y.sort(alt.EncodingSortField(field="rank_key", op="min", order="ascending"))
    chart.usermeta = {"pkru": {"note": "The notebook's explorer also writes a reading of your ranking, lists the "
                                       "evidence and exports your weights for the seminar; those need Python."}}
    return chart
