"""Notebook 05 (security): arms imports (SIPRI TIV) and security milestones.

Plain functions, tested in ``tests/test_nb05_security.py``; the notebook and its widget only call them.

SIPRI's terms travel with every table and chart made here: the credit line
"Information from the SIPRI Arms Transfers Database" with the database address, and the note that
the calculations are the course authors', not SIPRI's. TIV (trend-indicator value) is SIPRI's
*volume* index of deliveries of major conventional weapons, not money. SIPRI lists the Soviet Union
(deliveries to 1991) and Russia (from 1992) as separate suppliers; ``combine_ussr_russia=True``
merges them into one "USSR/Russia" supplier and says so in the labels.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from .. import indicators
from ..charts import count_description
from ..data import events_for_plot, load

__all__ = [
    "SIPRI_URL", "SIPRI_CREDIT", "SIPRI_NOTE", "SIPRI_SUBTITLE", "SOURCE_LABEL", "RECIPIENTS", "USSR_RUSSIA",
    "SOVIET_SUPPLIERS", "OTHERS", "FIRST_YEAR", "SUPPLIER_COLORS", "supplier_group", "period_start", "period_label",
    "recipient_imports", "main_suppliers", "supplier_shares", "share_of", "peak_period", "leading_suppliers",
    "describe_shares", "yearly_by_supplier", "supplier_tiv", "coverage", "milestone_kind", "security_milestones",
    "supplier_scale", "describe_share_bars", "shares_chart", "describe_yearly", "yearly_chart",
    "milestones_chart", "staggered_event_rules", "describe_event_lines", "BLOCKS", "EXPLORER_START", "explorer_view",
    "explorer", "shares_explorer", "READING_BLOCKS", "reading_explorer",
    "CITED_EVENTS", "CITED_SOURCES", "VINTAGE_LABELS", "vintages_frame", "describe_vintages", "vintages_chart",
    "deliveries_of",
]

#: Events the notebook's prose recounts (alliances, Tashkent, the 1968 offer, the Indo-Soviet treaty,
#: Afghanistan; the 'security' events are listed by pkru.show_sources(notebook="05") already) and the sources
#: of the counter-terrorism claims it checks (the seed documents, the CSTO page, the first Druzhba report), and the
#: reports it cites beside the chronology.
CITED_EVENTS = ["ev1954_seato_manila_pact", "ev1955_baghdad_pact", "ev1966_tashkent_declaration",
                "ev1968_soviet_arms_offer", "ev1971_indo_soviet_treaty", "ev1979_soviet_intervention_afghanistan"]
CITED_SOURCES = ["seed_paper", "seed_press_release", "wp_csto", "dawn_russian_troops_landmark_war_games",
                 "deccan_herald_sipri_2020_24_china_81_percent", "sipri_arms_register_2026",
                 # the causes of the US cut-offs of 1965 and 1990
                 "frus_1964_68_v25_d194_aid_suspension", "csmonitor_1995_bhutto_f16",
                 # the Mi-35M contract and its delivery; Russia's own words on the sales
                 "vpk_2015_interfax_mi35m_contract", "interfax_2019_shugaev_mi35_delivered", "tass_2014_mfa_mi35_talks",
                 "rferl_2021_lavrov_pledges_counterterrorism_boost",
                 # exercises that are not (yet) rows of the chronology
                 "dawn_2018_druzhba_iii_contingent", "nation_2018_druzhba_iii_arrives", "thenews_2019_druzhba_krasnodar",
                 "ary_2020_russian_forces_fifth_drill", "global_times_2019_aman19_opens", "thenews_2018_boost_defence_ties",
                 "dawn_2025_russian_flotilla_karachi", "daily_times_2025_arabian_monsoon_vi",
                 # counter-terrorism contacts
                 "siasat_pakistan_russia_wary_is_threat", "timesofislamabad_2018_regional_intel_chiefs"]

SIPRI_URL = "https://www.sipri.org/databases/armstransfers"
SIPRI_CREDIT = f"Information from the SIPRI Arms Transfers Database ({SIPRI_URL})"
SIPRI_NOTE = f"{SIPRI_CREDIT} · calculations are the course authors', not SIPRI's"
# The same credit as two subtitle lines (one line is too wide for a chart)
SIPRI_SUBTITLE = [SIPRI_CREDIT, "Calculations are the course authors', not SIPRI's."]
SOURCE_LABEL = "Information from the SIPRI Arms Transfers Database; course authors' calculation"

RECIPIENTS = {"PAK": "Pakistan", "IND": "India"}
USSR_RUSSIA = indicators.USSR_RUSSIA_LABEL          # "USSR/Russia"
SOVIET_SUPPLIERS = indicators.USSR_RUSSIA           # ("Soviet Union", "Russia"): SIPRI's two codes
OTHERS = "Other suppliers"
FIRST_YEAR = 1950

# Colours: USSR/Russia, the US and China keep the course's country colours (pkru.charts.COUNTRY_COLORS).
SUPPLIER_COLORS = {
    USSR_RUSSIA: "#0072B2", "Russia": "#0072B2", "Soviet Union": "#003C64",
    "China": "#E69F00", "United States": "#D55E00", "France": "#56B4E9",
    "United Kingdom": "#CC79A7", "Ukraine": "#009E73", "Israel": "#8C6D2C",
    "Germany": "#7F7F7F", "Sweden": "#B07AA1", OTHERS: "#C8C8C8",
}
FALLBACK_COLORS = ["#4E79A7", "#9C755F", "#76B7B2", "#EDC948", "#AF7AA1"]


# ------------------------------------------------------------------ plain logic
def _check_recipient(recipient: str) -> str:
    if recipient not in RECIPIENTS:
        raise ValueError(f"recipient must be one of {list(RECIPIENTS)} (ISO codes), not {recipient!r}")
    return recipient


def supplier_group(supplier: str, combine_ussr_russia: bool = True) -> str:
    """The supplier label used in charts: 'Soviet Union' and 'Russia' become 'USSR/Russia' when combined."""
    if combine_ussr_russia and supplier in SOVIET_SUPPLIERS:
        return USSR_RUSSIA
    return supplier


def period_start(year: int, block: int = 5, first: int = FIRST_YEAR) -> int:
    """First year of the ``block``-year period that contains ``year`` (periods start in 1950: 1950–54, 1955–59 …)."""
    if block < 1:
        raise ValueError("block must be a positive number of years")
    return first + (int(year) - first) // block * block


def period_label(start: int, block: int, last_year: int) -> str:
    """'2015–19' for a full period; '2020–21 (2 yrs)' when the data end inside the period."""
    end = start + block - 1
    if block == 1:
        return str(start)
    shown_end = min(end, last_year)
    label = f"{start}–{str(shown_end)[-2:]}" if str(start)[:2] == str(shown_end)[:2] else f"{start}–{shown_end}"
    if shown_end < end:
        label += f" ({shown_end - start + 1} yr{'s' if shown_end > start else ''})"
    return label


def recipient_imports(arms: pd.DataFrame, recipient: str, combine_ussr_russia: bool = True) -> pd.DataFrame:
    """One recipient's rows with a ``supplier_group`` column (USSR/Russia merged or not)."""
    _check_recipient(recipient)
    out = arms[arms["recipient"] == recipient].copy()
    out["supplier_group"] = [supplier_group(s, combine_ussr_russia) for s in out["supplier"]]
    return out


def main_suppliers(arms: pd.DataFrame, recipient: str, top: int = 5, combine_ussr_russia: bool = True) -> list[str]:
    """The ``top`` suppliers of a recipient by total TIV 1950–latest, always including USSR/Russia
    (or the Soviet Union and Russia, when they are kept apart), largest first."""
    rows = recipient_imports(arms, recipient, combine_ussr_russia)
    totals = rows.groupby("supplier_group")["tiv"].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    soviet = [USSR_RUSSIA] if combine_ussr_russia else list(SOVIET_SUPPLIERS)
    keep += [s for s in soviet if s not in keep and s in totals.index]
    return sorted(keep, key=lambda s: -totals[s])


def supplier_shares(arms: pd.DataFrame, recipient: str = "PAK", block: int = 5,
                    combine_ussr_russia: bool = True, top: int = 5) -> pd.DataFrame:
    """Each main supplier's share of a recipient's arms imports (SIPRI TIV) per period of ``block`` years.

    Returns a tidy table, one row per period and supplier (suppliers outside the main ``top`` are summed
    into "Other suppliers"), with the columns ``period_start``, ``period``, ``years_with_data``,
    ``complete`` (False when the data end inside the period), ``supplier_group``, ``tiv``,
    ``period_total``, ``share`` (0–1), ``share_pct`` and ``source``. Periods start in 1950, so
    5-year periods match SIPRI's usual windows (…, 2010–14, 2015–19). Shares in each period sum to 1.
    """
    if int(block) != block or block < 1:
        raise ValueError("block must be a whole number of years (e.g. 5 or 10)")
    block = int(block)
    rows = recipient_imports(arms, recipient, combine_ussr_russia)
    last = int(arms["year"].max())
    keep = main_suppliers(arms, recipient, top, combine_ussr_russia)
    rows["supplier_group"] = rows["supplier_group"].where(rows["supplier_group"].isin(keep), OTHERS)
    rows["period_start"] = [period_start(y, block) for y in rows["year"]]
    starts = list(range(FIRST_YEAR, last + 1, block))
    groups = keep + ([OTHERS] if (rows["supplier_group"] == OTHERS).any() else [])
    grid = pd.MultiIndex.from_product([starts, groups], names=["period_start", "supplier_group"])
    tiv = rows.groupby(["period_start", "supplier_group"])["tiv"].sum().reindex(grid, fill_value=0.0)
    out = tiv.reset_index()
    out["period_total"] = out.groupby("period_start")["tiv"].transform("sum")
    out = out[out["period_total"] > 0].copy()
    out["share"] = out["tiv"] / out["period_total"]
    out["share_pct"] = (100 * out["share"]).round(1)
    out["years_with_data"] = [min(block, last - s + 1) for s in out["period_start"]]
    out["complete"] = out["years_with_data"] == block
    out["period"] = [period_label(s, block, last) for s in out["period_start"]]
    out["recipient"] = RECIPIENTS[recipient]
    out["source"] = SOURCE_LABEL
    cols = ["recipient", "period_start", "period", "years_with_data", "complete", "supplier_group", "tiv",
            "period_total", "share", "share_pct", "source"]
    return out[cols].reset_index(drop=True)


def share_of(shares: pd.DataFrame, supplier: str, start: int) -> float:
    """Share (0–1) of one supplier group in the period starting ``start`` (0.0 if it delivered nothing)."""
    sel = shares[(shares["period_start"] == start) & (shares["supplier_group"] == supplier)]
    return float(sel["share"].sum())


def peak_period(shares: pd.DataFrame, supplier: str = USSR_RUSSIA, complete_only: bool = True) -> pd.Series:
    """The row (period) in which ``supplier`` had its largest share."""
    sel = shares[shares["supplier_group"] == supplier]
    if complete_only:
        sel = sel[sel["complete"]]
    if sel.empty:
        raise ValueError(f"{supplier!r} delivered nothing in these periods")
    return sel.loc[sel["share"].idxmax()]


def leading_suppliers(shares: pd.DataFrame) -> pd.DataFrame:
    """The largest named supplier of each period ("Other suppliers" never counts as a supplier)."""
    named = shares[shares["supplier_group"] != OTHERS]
    idx = named.groupby("period_start")["share"].idxmax()
    return named.loc[idx, ["period_start", "period", "supplier_group", "share_pct", "complete"]].reset_index(drop=True)


def describe_shares(shares: pd.DataFrame, focus: str | None = None) -> str:
    """A sentence for the widget: the latest complete period's leaders and the focus supplier's peak."""
    if shares.empty:
        return "No deliveries recorded for this choice."
    recipient = shares["recipient"].iloc[0]
    complete = shares[shares["complete"]]
    latest = complete["period_start"].max()
    last = complete[complete["period_start"] == latest].sort_values("share", ascending=False)
    last = last[last["supplier_group"] != OTHERS].head(3)
    parts = ", ".join(f"{r.supplier_group} {r.share_pct:.1f}%" for r in last.itertuples())
    text = f"{recipient}, {last['period'].iloc[0]}: {parts}."
    if focus is None:
        focus = USSR_RUSSIA if (shares["supplier_group"] == USSR_RUSSIA).any() else "Russia"
    try:
        peak = peak_period(shares, focus)
        text += (f" {focus}'s largest share in a complete period was {peak['share_pct']:.1f}% "
                 f"({peak['period']}).")
    except ValueError:
        text += f" {focus} delivered nothing in a complete period."
    return text


def yearly_by_supplier(arms: pd.DataFrame, recipient: str = "PAK", combine_ussr_russia: bool = True,
                       top: int = 5) -> pd.DataFrame:
    """Yearly TIV by main supplier (others summed), with a plotting date ``when`` (mid-year) and ``source``."""
    rows = recipient_imports(arms, recipient, combine_ussr_russia)
    keep = main_suppliers(arms, recipient, top, combine_ussr_russia)
    rows["supplier_group"] = rows["supplier_group"].where(rows["supplier_group"].isin(keep), OTHERS)
    out = rows.groupby(["year", "supplier_group"], as_index=False)["tiv"].sum()
    out["year"] = out["year"].astype(int)
    out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
    out["recipient"] = RECIPIENTS[recipient]
    out["source"] = SOURCE_LABEL
    order = {s: i for i, s in enumerate(keep + [OTHERS])}
    out["order"] = out["supplier_group"].map(order)
    return out.sort_values(["year", "order"]).reset_index(drop=True)


def supplier_tiv(arms: pd.DataFrame, recipient: str, suppliers, years: tuple[int, int]) -> float:
    """Total TIV (millions) a recipient received from the given SIPRI supplier name(s) in a span of years."""
    _check_recipient(recipient)
    suppliers = [suppliers] if isinstance(suppliers, str) else list(suppliers)
    sel = arms[(arms["recipient"] == recipient) & arms["supplier"].isin(suppliers) & arms["year"].between(*years)]
    return float(sel["tiv"].sum())


def coverage(arms: pd.DataFrame, recipient: str = "PAK", suppliers=SOVIET_SUPPLIERS) -> pd.DataFrame:
    """First and last delivery year and total TIV for each named supplier (how SIPRI's codes change)."""
    rows = arms[(arms["recipient"] == _check_recipient(recipient)) & arms["supplier"].isin(list(suppliers))]
    out = rows.groupby("supplier").agg(first_year=("year", "min"), last_year=("year", "max"),
                                       years_with_deliveries=("year", "nunique"), total_tiv=("tiv", "sum"))
    return out.reindex([s for s in suppliers if s in out.index]).reset_index()


# ------------------------------------------------------------------ security milestones
EXERCISE_WORDS = ("druzhba", "aman")


def milestone_kind(event_id: str) -> str:
    """'Joint exercise' for Druzhba and AMAN rows; otherwise 'Announced or signed' (statements, agreements,
    contracts)."""
    return "Joint exercise" if any(w in event_id for w in EXERCISE_WORDS) else "Announced or signed"


def security_milestones(events: pd.DataFrame | None = None, since: int = 2014) -> pd.DataFrame:
    """Security events of notebook 05 (factor 'security') from ``since`` on, with a ``kind`` column and
    the plotting fields of ``pkru.data.events_for_plot`` (when, when_label, source)."""
    ev = events_for_plot(events)
    ev = ev[(ev["factor"] == "security") & (ev["year"] >= since)].copy()
    ev["kind"] = [milestone_kind(i) for i in ev["event_id"]]
    return ev.sort_values("when").reset_index(drop=True)


# ------------------------------------------------------------------ charts
def supplier_scale(groups) -> alt.Scale:
    """Colour scale for supplier groups: fixed colours for the main suppliers, grey for the rest."""
    groups = list(dict.fromkeys(groups))
    spare = iter(FALLBACK_COLORS * 3)
    rng = [SUPPLIER_COLORS.get(g) or next(spare) for g in groups]
    return alt.Scale(domain=groups, range=rng)


def describe_share_bars(shares: pd.DataFrame, focus: str | None = None) -> str:
    """Description for screen readers of :func:`shares_chart`, from the shares it draws: the periods, and for
    each recipient :func:`describe_shares` (the latest complete period's leaders, the ``focus`` supplier's peak)."""
    if shares.empty:
        return "Stacked 100% bar chart of arms imports by supplier: no deliveries for this choice."
    periods = list(dict.fromkeys(shares.sort_values("period_start")["period"]))
    recipients = list(dict.fromkeys(shares["recipient"]))
    whose = " and ".join(f"{r}'s" for r in recipients)
    head = (f"Stacked 100% bar chart of each main supplier's share of {whose} arms imports (SIPRI TIV), "
            f"{len(periods)} periods from {periods[0]} to {periods[-1]}"
            + (", one panel per recipient." if len(recipients) > 1 else "."))
    return " ".join([head] + [describe_shares(shares[shares["recipient"] == r], focus) for r in recipients])


def shares_chart(shares: pd.DataFrame, title: str, description: str | None = None, subtitle: str | None = None,
                 column: str | None = None, width: int = 560, height: int = 260):
    """Stacked 100% bars: each supplier's share of TIV per period (optionally one panel per ``column``).
    Without ``description``, :func:`describe_share_bars` writes it from ``shares``."""
    groups = list(dict.fromkeys(shares.sort_values("tiv", ascending=False)["supplier_group"]))
    groups = [g for g in groups if g != OTHERS] + ([OTHERS] if OTHERS in groups else [])
    order = {g: i for i, g in enumerate(groups)}
    cols = ["recipient", "period_start", "period", "years_with_data", "supplier_group", "tiv",
            "period_total", "share", "share_pct", "source"]
    data = shares[cols].assign(order=shares["supplier_group"].map(order))
    periods = list(dict.fromkeys(data.sort_values("period_start")["period"]))
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("period:N", sort=periods, title=None, axis=alt.Axis(labelAngle=-45, labelLimit=160)),
        y=alt.Y("sum(share):Q", title="Share of arms imports (SIPRI TIV)", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("supplier_group:N", title="Supplier", scale=supplier_scale(groups),
                        sort=groups),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("recipient:N", title="Recipient"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("supplier_group:N", title="Supplier"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f"),
                 alt.Tooltip("tiv:Q", title="TIV (millions)", format=",.0f"),
                 alt.Tooltip("period_total:Q", title="All suppliers, TIV (millions)", format=",.0f"),
                 alt.Tooltip("years_with_data:Q", title="Years with data"),
                 alt.Tooltip("source:N", title="Source")],
    ).properties(width=width if column is None else width // 2, height=height)
    if column:
        panels = list(dict.fromkeys(data[column]))  # panels in the order of the data
        chart = chart.facet(column=alt.Column(f"{column}:N", title=None, sort=panels,
                                              header=alt.Header(labelFontSize=13)))
    props = {"title": alt.Title(title, subtitle=subtitle or SIPRI_SUBTITLE),
             "description": describe_share_bars(shares) if description is None else description}
    return chart.properties(**props)


def describe_yearly(yearly: pd.DataFrame) -> str:
    """Description for screen readers of :func:`yearly_chart`, from the yearly TIV it draws: the span, each
    supplier group's total (largest first) and the largest single year."""
    if yearly.empty:
        return "Stacked bar chart of yearly arms imports: no deliveries for this choice."
    whose = " and ".join(f"{r}'s" for r in dict.fromkeys(yearly["recipient"])) if "recipient" in yearly else "the"
    totals = yearly.groupby("supplier_group")["tiv"].sum().sort_values(ascending=False, kind="stable")
    by_year = yearly.groupby("year")["tiv"].sum()
    lo, hi = int(yearly["year"].min()), int(yearly["year"].max())
    span = f"{lo}–{hi}" if lo != hi else str(lo)
    return (f"Stacked bar chart of {whose} yearly arms imports by supplier (SIPRI TIV, millions), {span}. "
            "Totals: " + ", ".join(f"{g} {v:,.0f}" for g, v in totals.items())
            + f". Largest year: {int(by_year.idxmax())} ({by_year.max():,.0f}).")


def yearly_chart(yearly: pd.DataFrame, title: str | None = None, description: str | None = None,
                 subtitle: str | None = None, height: int = 300):
    """Stacked yearly bars of TIV by supplier group on a time axis (ready for event rules). No title when the
    chart is one panel of a larger figure; without ``description``, :func:`describe_yearly` writes it."""
    groups = list(dict.fromkeys(yearly.sort_values("order")["supplier_group"]))
    cols = ["year", "when", "supplier_group", "tiv", "order", "source"]
    chart = alt.Chart(yearly[cols]).mark_bar(size=6).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("sum(tiv):Q", title="Deliveries (SIPRI TIV, millions)"),
        color=alt.Color("supplier_group:N", title="Supplier", scale=supplier_scale(groups), sort=groups),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("supplier_group:N", title="Supplier"),
                 alt.Tooltip("tiv:Q", title="TIV (millions)", format=",.0f"), alt.Tooltip("source:N", title="Source")],
    ).properties(width=640, height=height)
    if title:  # no title when the chart is one panel of a larger figure
        chart = chart.properties(title=alt.Title(title, subtitle=subtitle or SIPRI_SUBTITLE))
    return chart.properties(description=describe_yearly(yearly) if description is None else description)


def milestones_chart(milestones: pd.DataFrame, domain: tuple[str, str], width: int = 560,
                     description: str | None = None):
    """Dots for dated security milestones (one row per kind), tooltips with the event and its sources.
    Without ``description``, it is written from ``milestones`` (the span and the count of each kind)."""
    kinds = ["Announced or signed", "Joint exercise"]
    if description is None:
        description = count_description("Dot chart", milestones, what="dated security milestones", by="kind",
                                        x="year")
    return alt.Chart(milestones[["when", "when_label", "title", "summary", "kind", "source", "confidence"]]).mark_point(
        filled=True, size=140, opacity=0.9
    ).encode(
        x=alt.X("when:T", title=None, scale=alt.Scale(domain=list(domain)),
                axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 4})),
        y=alt.Y("kind:N", title=None, sort=kinds, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=["#D55E00", "#0072B2"]), legend=None),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["diamond", "circle"]), legend=None),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("summary:N", title="Summary"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("confidence:N", title="Confidence")],
    ).properties(width=width, height=80, description=description)


def describe_event_lines(marks: pd.DataFrame) -> str:
    """One sentence naming the dashed event lines of a chart, in date order, with their dates:
    "Dashed lines mark SEATO (8 September 1954) and …". ``marks`` comes from ``pkru.charts.pick_events``."""
    if marks is None or marks.empty:
        return ""
    m = marks.sort_values("when")
    items = [f"{label} ({when})" for label, when in zip(m["label"], m["when_label"])]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return f"Dashed line{'s' if len(items) > 1 else ''} mark{'' if len(items) > 1 else 's'} {listed}."


def staggered_event_rules(marks: pd.DataFrame, levels: dict[str, int], right: tuple[str, ...] = (),
                          color: str = "#444"):
    """Dashed event lines whose labels sit at different heights, so close events stay readable.

    ``marks`` comes from ``pkru.charts.pick_events``; ``levels`` maps an event id to a label height in
    pixels from the top; labels of the ids in ``right`` are drawn to the left of their line (for events
    near the right edge). Tooltips give the date, the event and its sources."""
    data = marks.assign(y_px=[levels.get(i, 2) for i in marks["event_id"]])
    cols = ["when", "when_label", "title", "source", "label", "y_px"]
    base = alt.Chart(data[cols])
    rules = base.mark_rule(strokeDash=[4, 3], color=color).encode(
        x="when:T", tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                             alt.Tooltip("source:N", title="Source")])
    layers = [rules]
    for side, keep in (("left", ~data["event_id"].isin(right)), ("right", data["event_id"].isin(right))):
        if keep.any():
            layers.append(alt.Chart(data.loc[keep, cols]).mark_text(
                align=side, dx=3 if side == "left" else -3, baseline="top", fontSize=11, color=color
            ).encode(x="when:T", y=alt.Y("y_px:Q", scale=None, axis=None), text="label:N"))
    return alt.layer(*layers)


# ------------------------------------------------------------------ the 2026 register and the two vintages
VINTAGE_LABELS = {"2022": "TIV tables of July 2022 (deliveries 1950–2021)",
                  "2026": "Trade register of February 2026 (deliveries 1995–2024)"}


def vintages_frame(vintages: pd.DataFrame | None = None) -> pd.DataFrame:
    """Yearly totals of Pakistan's and India's imports in the two SIPRI vintages over the years both cover:
    one row per recipient, year and vintage (columns recipient, country, year, when, vintage, tiv)."""
    v = load("arms_vintages") if vintages is None else vintages
    g = v.groupby(["recipient", "year"])[["tiv_vintage_2022", "tiv_vintage_2026"]].sum().reset_index()
    long = g.melt(id_vars=["recipient", "year"], var_name="vintage", value_name="tiv")
    long["vintage"] = long["vintage"].str[-4:].map(VINTAGE_LABELS)
    long["year"] = long["year"].astype(int)
    long["country"] = long["recipient"].map(RECIPIENTS)
    long["when"] = pd.to_datetime(long["year"].astype(str) + "-07-01")
    long["source"] = SOURCE_LABEL
    return long.sort_values(["recipient", "vintage", "year"]).reset_index(drop=True)


def describe_vintages(frame: pd.DataFrame) -> str:
    """Description of :func:`vintages_chart` from its data: span, and each recipient's total in each vintage."""
    lo, hi = int(frame["year"].min()), int(frame["year"].max())
    tot = frame.groupby(["country", "vintage"], sort=False)["tiv"].sum()
    parts = []
    for country in dict.fromkeys(frame["country"]):
        t = tot[country]
        old, new = t[VINTAGE_LABELS["2022"]], t[VINTAGE_LABELS["2026"]]
        parts.append(f"{country}: {old:,.0f} TIV in the 2022 tables, {new:,.0f} in the 2026 register "
                     f"({100 * (new / old - 1):+.1f}%)")
    return (f"Line chart of yearly arms imports (SIPRI TIV, millions), {lo}–{hi}, in two SIPRI vintages, one panel "
            "per recipient. Totals over the period: " + "; ".join(parts) + ".")


def vintages_chart(frame: pd.DataFrame, *, title: str, subtitle=None, description: str | None = None):
    """The two vintages as two lines per recipient (never spliced): where they part, SIPRI revised its data."""
    chart = alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=20), strokeWidth=2).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y")),
        y=alt.Y("tiv:Q", title="Deliveries (SIPRI TIV, millions)"),
        color=alt.Color("vintage:N", title="SIPRI data", scale=alt.Scale(range=["#999999", "#D55E00"]),
                        legend=alt.Legend(orient="bottom", labelLimit=400)),
        strokeDash=alt.StrokeDash("vintage:N", legend=None),
        tooltip=[alt.Tooltip("country:N", title="Recipient"), alt.Tooltip("year:Q", format="d", title="Year"),
                 alt.Tooltip("vintage:N", title="Vintage"), alt.Tooltip("tiv:Q", format=",.0f", title="TIV"),
                 alt.Tooltip("source:N", title="Source")],
    ).properties(width=300, height=220).facet(column=alt.Column("country:N", title=None))
    return chart.properties(title=alt.Title(title, subtitle=subtitle or SIPRI_SUBTITLE),
                            description=describe_vintages(frame) if description is None else description)


def deliveries_of(supplier: str = "Russia", deals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pakistan's deals with one supplier in the 2026 register: what was delivered, how many, when, and its TIV."""
    d = load("arms_deals_pak_2026") if deals is None else deals
    d = d[d["supplier"] == supplier].sort_values(["first_delivery", "deal_id"])
    d = d.assign(delivered=[f"{a}" if a == b else f"{a}–{b}" for a, b in zip(d["first_delivery"], d["last_delivery"])])
    return d[["designation", "description", "order_year", "numbers_delivered", "delivered", "status", "tiv"]
             ].reset_index(drop=True)


# ------------------------------------------------------------------ widget
#: The explorer's period lengths and where it starts (the widget and the reading edition's version).
BLOCKS = {5: "5 years (SIPRI's usual window)", 10: "10 years", 1: "1 year"}
EXPLORER_START = {"vintage": "2022", "recipient": "PAK", "block": 5, "combine": True}


def explorer_view(arms: pd.DataFrame, recipient: str, block: int, combine: bool):
    """What the explorer shows for one setting: (sentence, stacked-share chart)."""
    shares = supplier_shares(arms, recipient, block, combine)
    sentence = describe_shares(shares, focus=USSR_RUSSIA if combine else "Russia")
    name = RECIPIENTS[recipient]
    chart = shares_chart(shares, title=f"Who supplied {name}'s arms? Shares of SIPRI TIV per {block}-year period",
                         width=560 if block >= 5 else 680)
    return sentence, chart


def explorer(arms: pd.DataFrame | None = None):
    """Recipient, period length and USSR/Russia grouping -> a stacked-share chart and a one-line summary."""
    import ipywidgets as w

    from ..explore import explorer as make_explorer

    tables = {"2026": load("arms_imports_2026"), "2022": load("arms_imports") if arms is None else arms}
    start = EXPLORER_START
    style = {"description_width": "190px"}
    controls = {
        "vintage": w.Dropdown(options=[(label, k) for k, label in VINTAGE_LABELS.items()], value=start["vintage"],
                              description="SIPRI data", style=style, layout=w.Layout(width="560px")),
        "recipient": w.Dropdown(options=[(v, k) for k, v in RECIPIENTS.items()], value=start["recipient"],
                                description="Recipient", style=style),
        "block": w.Dropdown(options=[(v, k) for k, v in BLOCKS.items()], value=start["block"],
                            description="Period length", style=style, layout=w.Layout(width="460px")),
        "combine": w.Checkbox(value=start["combine"], description="Combine Soviet Union and Russia", indent=False),
    }

    def render(vintage, recipient, block, combine):
        sentence, chart = explorer_view(tables[vintage], recipient, block, combine)
        return w.HTML(f"<p class='pkru-selection'>{html.escape(sentence)}</p>"), chart

    return make_explorer(controls, render,
                         intro="Choose SIPRI's data (the 2022 tables from 1950, or the 2026 register to 2024: two "
                               "vintages, never mixed), a recipient, a period length and whether to merge the Soviet "
                               "Union with Russia. Hover over a bar for the share, the TIV and the source.")


shares_explorer = explorer  # the name notebook 05 used before the lessons moved (kept for saved copies)

#: 1-year periods are left to the notebook: with them the page would carry four times the data.
READING_BLOCKS = (5, 10)


def reading_explorer(arms: pd.DataFrame | None = None):
    """The explorer without a kernel (the reading edition): the data of ``explorer_view``'s chart for both SIPRI
    vintages, every recipient, period length (5 and 10 years) and grouping, with the four controls bound to
    Vega-Lite parameters, starting at ``EXPLORER_START``."""
    from .. import explore

    tables = {"2026": load("arms_imports_2026"), "2022": load("arms_imports") if arms is None else arms}
    st = EXPLORER_START
    frames, groups, sources = [], [], {}
    for v in VINTAGE_LABELS:
        for r in RECIPIENTS:
            for b in READING_BLOCKS:
                for c in (True, False):
                    chart = explorer_view(tables[v], r, b, c)[1]
                    frames.append(chart.data.assign(v=v, r=r, b=b, c=c))
                    groups += chart.encoding.color.to_dict()["scale"]["domain"]
                    sources[v] = chart.data["source"].iloc[0]
    _, chart = explorer_view(tables[st["vintage"]], st["recipient"], st["block"], st["combine"])
    data = pd.concat(frames, ignore_index=True).drop(columns=["source", "recipient", "share_pct"])
    chart.data = data[data["tiv"] > 0].round({"share": 4, "tiv": 1, "period_total": 1})  # an empty segment draws nothing
    union = [g for g in dict.fromkeys(groups) if g != OTHERS] + [OTHERS]
    chart.encoding.color = chart.encoding.color.scale(supplier_scale(union)).sort(union)
    chart.encoding.x = chart.encoding.x.sort(alt.EncodingSortField(field="period_start", op="min", order="ascending"))
    vintage = explore.select("vintage", VINTAGE_LABELS, st["vintage"], "SIPRI data")
    recipient = explore.select("recipient", RECIPIENTS, st["recipient"], "Recipient")
    block = explore.select("block", {b: BLOCKS[b] for b in READING_BLOCKS}, st["block"], "Period length")
    combine = alt.param(name="combine", value=st["combine"], bind=alt.binding_checkbox(name="Combine Soviet Union and Russia"))
    chart = chart.add_params(vintage, recipient, block, combine).transform_filter(
        "datum.v === vintage && datum.r === recipient && datum.b === toNumber(block) && datum.c === combine"
    ).transform_calculate(recipient=explore.pick(RECIPIENTS, "datum.r"), share_pct="round(1000 * datum.share) / 10",
                          source=explore.pick(sources, "datum.v"))
    chart.title = alt.Title(alt.ExprRef(f"'Who supplied ' + {explore.pick(RECIPIENTS, 'recipient')} + \"'s arms? Shares of "
                                        f"SIPRI TIV per \" + block + '-year period'"), subtitle=chart.title.subtitle)
    chart.usermeta = {"pkru": {"note": "In the notebook the explorer also shows 1-year periods, and a sentence on "
                                       "the latest period's leaders; those need Python."}}
    return chart
