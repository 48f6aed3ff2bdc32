"""Notebook 04 (trade): trade and economy — plain, tested functions over data/trade.csv.

Two series live in ``data/trade.csv`` and are never joined into one line:

- ``cow``: Correlates of War Trade v4.0, calendar years 1948–2014, million current US dollars. Each
  flow is **importer-reported** (Pakistan's exports to a partner are the partner's recorded imports
  from Pakistan). ``WLD`` is Pakistan's own total trade with all partners (COW national totals).
- ``official``: figures stated by Pakistani or Russian officials after 2012, either for Pakistan's
  fiscal year (July–June, labelled by the year it ends) or for a calendar year, as stated.

The widget of the notebook (``explorer``, formerly ``trade_explorer``) uses :func:`partner_series`,
:func:`describe_series` and :func:`series_chart`. Every chart builder writes its description for screen readers
from the data it draws, unless given one.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import indicators
from ..charts import COUNTRY_NAMES, country_scale, describe, event_rules, finish
from ..data import load, source_label

__all__ = ["PARTNERS", "FLOWS", "FLOW_WORDS", "FLOW_TO", "MEASURES", "COW_YEARS", "LAST_USSR_YEAR", "BASIS",
           "BASIS_COLORS", "STATUS_SHAPES", "FLOW_COLORS", "fy_label", "period_label", "period_midpoint", "status_of",
           "cow_wide", "cow_partner", "cow_long", "shares", "peak", "official", "totals_compared", "official_split",
           "cow_vs_official", "pct_change", "partner_series", "describe_series", "series_chart", "EXPLORER_START",
           "explorer", "trade_explorer", "reading_explorer", "decade_summary", "describe_balance", "cow_rus_chart", "shares_chart", "describe_totals",
           "totals_chart", "balance_chart", "episode_table", "CITED_EVENTS", "CITED_SOURCES"]

#: Dated events the prose cites beyond those it charts: the 1961 oil loan and the Tashkent Declaration.
CITED_EVENTS = ["ev1961_soviet_oil_credit", "ev1966_tashkent_declaration"]
#: The sources the prose quotes for figures outside data/ (crude cargoes, grain, a 1999 report) and for the
#: claim of "preferential trade agreements" it checks.
CITED_SOURCES = ["jamestown_1999_pakistani_pm_in_moscow", "tapetrader_negative_trade_balance",
                 "app_2023_ambassador_gohar_ejaz_trade", "sputnik_hindi_2024_record_grain_supply",
                 "arab_news_2023_another_crude_cargo", "portnews_2023_second_crude_cargo",
                 "the_news_2023_second_crude_cargo", "the_news_refinery_work_dents_demand",
                 "brecorder_2024_matviyenko_trade_hike", "rt_pakistan_russia_oil_yuan",
                 "reuters_2023_first_crude_order", "seed_paper", "tass_eaeu_fta_talks_not_underway",
                 "dailyaaj_2023_prl_denies_halt", "dawn_2024_barter_deal_agri_trade",
                 "tass_overchuk_arrives_pakistan"]

PARTNERS = ["RUS", "USA", "CHN", "IND"]
FLOWS = {"total": "Total trade (exports + imports)", "pak_exports": "Pakistan's exports to the partner",
         "pak_imports": "Pakistan's imports from the partner"}
FLOW_WORDS = {"total": "total trade", "pak_exports": "exports", "pak_imports": "imports"}
FLOW_TO = {"total": "total trade with each partner", "pak_exports": "exports to each partner",
           "pak_imports": "imports from each partner"}
MEASURES = {"share": "Share of Pakistan's trade (%)", "value": "Value (million current US$)"}
COW_YEARS = (1948, 2014)
LAST_USSR_YEAR = 1991  # COW code 365 = USSR to 1991, Russian Federation from 1992

BASIS = {"pk_fiscal": "Pakistani fiscal year (Jul–Jun)", "calendar": "Calendar year (official)",
         "cow": "COW, calendar year (importer-reported)"}
BASIS_COLORS = {"Pakistani fiscal year (Jul–Jun)": "#009E73", "Calendar year (official)": "#0072B2",
                "COW, calendar year (importer-reported)": "#999999"}
STATUS_SHAPES = {"as stated": "circle", "lower bound": "triangle-up", "doubtful": "cross"}
FLOW_COLORS = {"Pakistan's exports": "#009E73", "Pakistan's imports": "#D55E00"}


def _trade(trade: pd.DataFrame | None) -> pd.DataFrame:
    t = load("trade") if trade is None else trade.copy()
    t["year"] = t["year"].astype(int)
    return t


# ------------------------------------------------------------------ labels
def fy_label(year: int) -> str:
    """Pakistani fiscal year labelled by the year it ends: 2023 -> 'FY2022-23' (July 2022–June 2023)."""
    year = int(year)
    return f"FY{year - 1}-{year % 100:02d}"


def period_label(year: int, period: str) -> str:
    """'FY2022-23' for a Pakistani fiscal year, '2023 (calendar)' for a calendar year."""
    return fy_label(year) if period == "pk_fiscal" else f"{int(year)} (calendar)"


def period_midpoint(year: int, period: str) -> pd.Timestamp:
    """Plotting position: the middle of the period. A calendar year's middle is 1 July; a Pakistani
    fiscal year (July to June) is centred on 1 January of the year it ends, half a year earlier."""
    return pd.Timestamp(year=int(year), month=1 if period == "pk_fiscal" else 7, day=1)


def status_of(note) -> str:
    """'lower bound', 'doubtful' or 'as stated', read from a row's note."""
    text = "" if pd.isna(note) else str(note).lower()
    if "lower bound" in text:
        return "lower bound"
    if "doubtful" in text:
        return "doubtful"
    return "as stated"


# ------------------------------------------------------------------ COW series
def cow_wide(trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """COW values as a wide table: one row per year, columns (partner, flow)."""
    t = _trade(trade)
    cow = t[t["series"] == "cow"]
    return cow.pivot_table(index="year", columns=["partner", "flow"], values="value_usd_m", aggfunc="sum")


def cow_partner(partner: str = "RUS", trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """One partner's COW trade by year: exports, imports, total, balance (exports − imports), the
    partner's share of Pakistan's total trade (%), a plotting date (``when``) and a ``source`` label."""
    w = cow_wide(trade)
    p = w[partner]
    out = pd.DataFrame({"year": w.index.astype(int),
                        "pak_exports": p["pak_exports"].to_numpy(),
                        "pak_imports": p["pak_imports"].to_numpy(),
                        "total": p["total"].to_numpy()})
    out["balance"] = out["pak_exports"] - out["pak_imports"]
    out["share_pct"] = (100 * p["total"] / w[("WLD", "total")]).to_numpy()
    out["when"] = [pd.Timestamp(year=y, month=7, day=1) for y in out["year"]]
    out["entity"] = ["USSR" if y <= LAST_USSR_YEAR else "Russia" for y in out["year"]] if partner == "RUS" \
        else COUNTRY_NAMES.get(partner, partner)
    out["source"] = source_label("cow_trade_v4")
    return out


def cow_long(partner: str = "RUS", trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`cow_partner` in long form for a chart: one row per year and flow (exports, imports)."""
    d = cow_partner(partner, trade)
    long = d.melt(id_vars=["year", "when", "entity", "source", "balance"], value_vars=["pak_exports", "pak_imports"],
                  var_name="flow", value_name="value_usd_m")
    long["flow_label"] = long["flow"].map({"pak_exports": "Pakistan's exports", "pak_imports": "Pakistan's imports"})
    return long


def shares(trade: pd.DataFrame | None = None, partners=PARTNERS, flow: str = "total") -> pd.DataFrame:
    """Each partner's share (%) of Pakistan's trade with the world, by year (COW), in long form."""
    w = cow_wide(trade)
    rows = []
    for p in partners:
        s = 100 * w[(p, flow)] / w[("WLD", flow)]
        rows.append(pd.DataFrame({"year": w.index.astype(int), "partner": p, "share_pct": s.to_numpy(),
                                  "value_usd_m": w[(p, flow)].to_numpy()}))
    out = pd.concat(rows, ignore_index=True)
    out["partner_name"] = out["partner"].map(COUNTRY_NAMES)
    return out


def peak(partner: str = "RUS", column: str = "total", trade: pd.DataFrame | None = None) -> dict:
    """Year and value of a partner's COW peak in ``column`` (total, pak_exports, pak_imports, share_pct)."""
    d = cow_partner(partner, trade)
    row = d.loc[d[column].idxmax()]
    return {"year": int(row["year"]), "value": float(row[column])}


# ------------------------------------------------------------------ official figures
def official(trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Official figures (USSR/Russia only) with a period label, the basis, a status and a plotting date."""
    t = _trade(trade)
    o = t[t["series"] == "official"].copy()
    o["period_label"] = [period_label(y, p) for y, p in zip(o["year"], o["period"])]
    o["basis"] = o["period"].map(BASIS)
    o["status"] = o["note"].map(status_of)
    o["when"] = [period_midpoint(y, p) for y, p in zip(o["year"], o["period"])]
    o["note"] = o["note"].fillna("")
    o["source"] = o["source_ids"].map(source_label)
    return o.reset_index(drop=True)


def totals_compared(trade: pd.DataFrame | None = None, cow_from: int = 2012) -> pd.DataFrame:
    """Total trade with USSR/Russia as points for a chart: every official total plus the COW totals from
    ``cow_from`` to 2014, each with its basis, status and label. Points only — never one joined line."""
    o = official(trade)
    o = o[o["flow"] == "total"]
    c = cow_partner("RUS", trade)
    c = c[c["year"] >= cow_from]
    cow = pd.DataFrame({"year": c["year"], "period": "calendar", "value_usd_m": c["total"],
                        "period_label": [f"{y} (COW)" for y in c["year"]], "basis": BASIS["cow"],
                        "status": "as stated", "when": c["when"], "note": "COW Trade v4.0, importer-reported",
                        "source": c["source"]})
    cols = list(cow.columns)
    out = pd.concat([o[cols], cow], ignore_index=True).sort_values("when").reset_index(drop=True)
    prefix = out["status"].map({"lower bound": "> ", "doubtful": "? "}).fillna("")
    out["label"] = prefix + out["value_usd_m"].round(0).astype(int).astype(str)
    return out


def official_split(trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """Official periods that give both exports and imports: one row per period, with the balance."""
    o = official(trade)
    o = o[o["flow"].isin(["pak_exports", "pak_imports"])]
    w = o.pivot_table(index=["year", "period", "period_label"], columns="flow", values="value_usd_m").reset_index()
    meta = o.groupby(["year", "period"]).agg(source=("source", "first"), note=("note", " | ".join)).reset_index()
    w = w.merge(meta, on=["year", "period"])
    w["balance"] = w["pak_exports"] - w["pak_imports"]
    w["when"] = [period_midpoint(y, p) for y, p in zip(w["year"], w["period"])]
    w.columns.name = None
    return w.sort_values("when").reset_index(drop=True)


def cow_vs_official(year: int = 2012, trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """The same calendar year from two reporters: COW (each flow reported by the importer) against the
    official calendar-year figures (for 2012: Russia's own statistics). Positive difference = COW higher."""
    c = cow_partner("RUS", trade).set_index("year").loc[year]
    o = official(trade)
    o = o[(o["year"] == year) & (o["period"] == "calendar")].set_index("flow")
    rows = []
    who_cow = {"pak_exports": "Russia (importer)", "pak_imports": "Pakistan (importer)", "total": "both importers"}
    for flow in ["pak_exports", "pak_imports", "total"]:
        if flow in o.index:
            rows.append({"flow": FLOWS[flow], "COW (million US$)": float(c[flow]),
                         "COW recorded by": who_cow[flow],
                         "official (million US$)": float(o.loc[flow, "value_usd_m"]),
                         "official recorded by": o.loc[flow, "note"],
                         "difference": float(c[flow] - o.loc[flow, "value_usd_m"])})
    return pd.DataFrame(rows)


def pct_change(old: float, new: float) -> float:
    """Percentage change from ``old`` to ``new``."""
    return 100.0 * (new - old) / old


# ------------------------------------------------------------------ widget logic
def partner_series(trade: pd.DataFrame | None, partners, flow: str = "total", measure: str = "share",
                   years: tuple[int, int] = COW_YEARS) -> pd.DataFrame:
    """COW series for the explorer: chosen partners, one flow, values or share of Pakistan's total.

    Returns one row per partner and year with ``value`` (million current US$, or % of Pakistan's trade
    with the world in the same flow), ``partner_name`` and ``source``."""
    if flow not in FLOWS:
        raise ValueError(f"flow must be one of {list(FLOWS)}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {list(MEASURES)}")
    partners = [p for p in PARTNERS if p in set(partners)]
    lo, hi = sorted(int(y) for y in years)
    if not partners:
        return pd.DataFrame(columns=["year", "partner", "partner_name", "value", "source"])
    s = shares(trade, partners, flow)
    s = s[s["year"].between(lo, hi)].copy()
    s["value"] = s["share_pct"] if measure == "share" else s["value_usd_m"]
    s["source"] = source_label("cow_trade_v4")
    return s[["year", "partner", "partner_name", "value", "source"]].reset_index(drop=True)


def describe_series(df: pd.DataFrame, flow: str, measure: str, years: tuple[int, int]) -> str:
    """One sentence on what the explorer shows: each partner's average and its peak year."""
    lo, hi = sorted(int(y) for y in years)
    if df.empty:
        return "Choose at least one partner (hold Ctrl or Cmd to pick several)."
    parts = []
    for name, g in df.groupby("partner_name", sort=False):
        best = g.loc[g["value"].idxmax()]
        if measure == "share":
            parts.append(f"{name} averaged {g['value'].mean():.1f}% (peak {best['value']:.1f}% in {int(best['year'])})")
        else:
            parts.append(f"{name} averaged {g['value'].mean():,.0f} million US$ a year "
                         f"(peak {best['value']:,.0f} in {int(best['year'])})")
    if measure == "share":
        head = f"Each partner's share of Pakistan's {FLOW_WORDS[flow]}, {lo}–{hi}"
    else:
        head = f"Pakistan's {FLOW_TO[flow]}, current US dollars, {lo}–{hi}"
    return f"{head}: " + "; ".join(parts) + "."


def series_chart(df: pd.DataFrame, flow: str, measure: str, years: tuple[int, int], description: str | None = None):
    """The explorer's line chart (COW, one line per partner, colours of the course palette); its description is
    the explorer's sentence (:func:`describe_series`) unless one is given."""
    codes = [p for p in PARTNERS if p in set(df["partner"])]
    y_title = MEASURES[measure] if measure == "share" else "Million current US$"
    chart = alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=25)).encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("partner_name:N", scale=country_scale(codes), title=None),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("partner_name:N", title="Partner"),
                 alt.Tooltip("value:Q", title=y_title, format=",.2f"), alt.Tooltip("source:N", title="Source")])
    return finish(chart, f"{FLOWS[flow]} — {MEASURES[measure]}",
                  subtitle="COW Trade v4.0, calendar years, current US$ · USSR to 1991, Russia from 1992",
                  description=description or describe_series(df, flow, measure, years), width=620, height=280)


#: Where the explorer starts (the widget and the reading edition's version).
EXPLORER_START = {"partners": ["RUS", "CHN"], "flow": "total", "measure": "share", "years": COW_YEARS}


def explorer(trade: pd.DataFrame | None = None):
    """Partners, flow, values vs share, and years: an explorer over the COW series."""
    import ipywidgets as w

    from .. import explore

    t = _trade(trade)
    start = EXPLORER_START
    style = {"description_width": "80px"}
    controls = {
        "partners": w.SelectMultiple(options=[(COUNTRY_NAMES[p], p) for p in PARTNERS], value=start["partners"],
                                     rows=4, description="Partners", style=style),
        "flow": w.Dropdown(options=[(v, k) for k, v in FLOWS.items()], value=start["flow"], description="Flow",
                           style=style, layout=w.Layout(width="420px")),
        "measure": w.RadioButtons(options=[(v, k) for k, v in MEASURES.items()], value=start["measure"],
                                  description="Show", style=style),
        "years": w.IntRangeSlider(value=start["years"], min=COW_YEARS[0], max=COW_YEARS[1], step=1,
                                  description="Years", continuous_update=False, style=style,
                                  layout=w.Layout(width="560px")),
    }

    def render(partners, flow, measure, years):
        df = partner_series(t, partners, flow, measure, years)
        text = w.HTML(f"<p class='pkru-selection'>{describe_series(df, flow, measure, years)}</p>")
        if df.empty:
            return text
        return text, series_chart(df, flow, measure, years)

    return explore.explorer(controls, render,
                            intro="Pick partners (Ctrl/Cmd-click for several), a flow and a measure; drag the year "
                                  "slider. Keyboard: Tab between controls, arrow keys to change them.")


trade_explorer = explorer  # the name notebook 04 used before the lessons moved (kept for saved copies)


def reading_explorer(trade: pd.DataFrame | None = None):
    """The explorer without a kernel (the reading edition): ``series_chart`` over every partner and flow, both
    measures side by side, with the partners as checkboxes, the flow as a list, the measure as radio buttons and
    the years as two sliders (Vega-Lite parameters), starting at ``EXPLORER_START``. The numbers are those of
    ``partner_series``; names and the source line are added in the browser, so the page carries them once."""
    from .. import explore

    t = _trade(trade)
    st = EXPLORER_START
    parts = []
    for flow in FLOWS:
        share = partner_series(t, PARTNERS, flow, "share", COW_YEARS)
        value = partner_series(t, PARTNERS, flow, "value", COW_YEARS)
        parts.append(share.rename(columns={"value": "share"}).assign(value_m=value["value"].to_numpy(), flow=flow))
    data = pd.concat(parts, ignore_index=True)
    source = data["source"].iloc[0]
    start = partner_series(t, st["partners"], st["flow"], st["measure"], st["years"])
    chart = series_chart(data.assign(value=data["share"]), st["flow"], st["measure"], st["years"],
                         description=describe_series(start, st["flow"], st["measure"], st["years"]))
    chart.data = data[["year", "partner", "flow", "share", "value_m"]].round({"share": 4, "value_m": 2})
    partners, member = explore.checkboxes("partner", {p: COUNTRY_NAMES[p] for p in PARTNERS}, st["partners"])
    flow = explore.select("flow", FLOWS, st["flow"], "Flow")
    measure = explore.radio("measure", MEASURES, st["measure"], "Show")
    y0, y1, span = explore.year_range(*COW_YEARS, st["years"])
    chart = chart.add_params(*partners, flow, measure, y0, y1).transform_filter(
        f"datum.flow === flow && {member('datum.partner')} && {span('datum.year')}"
    ).transform_calculate(value="measure === 'share' ? datum.share : datum.value_m",
                          partner_name=explore.pick(COUNTRY_NAMES, "datum.partner"), source=explore.js(source))
    # An axis or tooltip title cannot follow a parameter in Vega-Lite 5: the unit is in the chart's title.
    chart.encoding.y.title = None
    chart.encoding.tooltip = [alt.Tooltip("value:Q", title="Share (%) or million US$, as in the title", format=",.2f")
                              if t.to_dict().get("field") == "value" else t for t in chart.encoding.tooltip]
    chart.title = alt.Title(alt.ExprRef(f"{explore.pick(FLOWS, 'flow')} + ' — ' + {explore.pick(MEASURES, 'measure')}"),
                            subtitle=chart.title.subtitle)
    return chart


# ------------------------------------------------------------------ charts for the notebook
def decade_summary(partner: str = "RUS", trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """COW averages per decade: exports, imports, balance (million current US$ a year) and the partner's
    share of Pakistan's total trade over the decade (sum of its trade / sum of Pakistan's, %)."""
    d = cow_partner(partner, trade)
    w = cow_wide(trade)[("WLD", "total")]
    d["world"] = w.reindex(d["year"]).to_numpy()
    d["decade"] = (d["year"] // 10 * 10).astype(str) + "s"
    g = d.groupby("decade").agg(years=("year", lambda y: f"{y.min()}–{y.max()}"),
                                exports=("pak_exports", "mean"), imports=("pak_imports", "mean"),
                                balance=("balance", "mean"), total=("total", "sum"), world=("world", "sum"))
    g["share_pct"] = 100 * g["total"] / g["world"]
    out = g.drop(columns=["total", "world"]).reset_index()
    return out.round({"exports": 0, "imports": 0, "balance": 0, "share_pct": 2})


def _num(v: float) -> str:
    """A figure as the sources state it: thousands separated, at most two decimals, no trailing zeros."""
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _marked(events: pd.DataFrame) -> str:
    """The dashed event rules of a chart in words."""
    if events is None or not len(events):
        return ""
    return "Dashed lines mark " + ", ".join(f"{e.label} ({e.when_label})"
                                            for e in events.sort_values("when").itertuples()) + "."


def _runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) runs: [1950, 1951, 1955] -> [(1950, 1951), (1955, 1955)]."""
    runs: list[tuple[int, int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


def describe_balance(bal: pd.DataFrame) -> str:
    """The sign of the yearly balance in words: years of surplus and deficit, and the longest run of each."""
    parts = []
    for word, keep in (("surplus", bal["balance"] > 0), ("deficit", bal["balance"] < 0)):
        years = [int(y) for y in bal.loc[keep, "year"]]
        if years:
            a, b = max(_runs(years), key=lambda r: r[1] - r[0])
            parts.append(f"a Pakistani {word} in {len(years)} years (longest run {a}–{b})" if a != b
                         else f"a Pakistani {word} in {len(years)} years")
    return f"the yearly balance, {' and '.join(parts)}, of {len(bal)} years." if parts else "the yearly balance."


def cow_rus_chart(events: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None,
                  trade: pd.DataFrame | None = None):
    """Two panels on one time axis: Pakistan's exports and imports with USSR/Russia (lines, annotated with
    events) above the balance (bars: green = Pakistani surplus, orange = deficit)."""
    long = cow_long("RUS", trade)
    bal = cow_partner("RUS", trade)
    bal["sign"] = ["Pakistani surplus" if b >= 0 else "Pakistani deficit" for b in bal["balance"]]
    x = alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0),
              scale=alt.Scale(domain=["1947-01-01", "2015-06-30"]))

    lines = alt.Chart(long).mark_line().encode(
        x=x, y=alt.Y("value_usd_m:Q", title="Million current US$", scale=alt.Scale(domain=[0, 650])),
        color=alt.Color("flow_label:N", title=None, scale=alt.Scale(domain=list(FLOW_COLORS),
                                                                    range=list(FLOW_COLORS.values())),
                        legend=alt.Legend(orient="right")),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("entity:N", title="Partner"),
                 alt.Tooltip("flow_label:N", title="Flow"), alt.Tooltip("value_usd_m:Q", title="Million US$"),
                 alt.Tooltip("source:N", title="Source")])
    switch = pd.DataFrame({"when": [pd.Timestamp(year=LAST_USSR_YEAR + 1, month=1, day=1)],
                           "label": ["USSR → Russia"]})
    switch_rule = alt.Chart(switch).mark_rule(color="#0072B2", strokeWidth=2).encode(x="when:T")
    switch_text = alt.Chart(switch).mark_text(align="left", dx=3, baseline="top", fontSize=11,
                                              color="#0072B2").encode(x="when:T", y=alt.value(60), text="label:N")
    top = alt.layer(lines, event_rules(events), switch_rule, switch_text).properties(width=560, height=260)
    bars = alt.Chart(bal).mark_bar().encode(
        x=x, y=alt.Y("balance:Q", title="Balance (million US$)"),
        color=alt.Color("sign:N", title=None, scale=alt.Scale(domain=["Pakistani surplus", "Pakistani deficit"],
                                                              range=["#009E73", "#D55E00"]),
                        legend=alt.Legend(orient="right")),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("entity:N", title="Partner"),
                 alt.Tooltip("balance:Q", title="Exports − imports (million US$)"),
                 alt.Tooltip("source:N", title="Source")]).properties(width=560, height=110)
    chart = alt.vconcat(top, bars, spacing=8).resolve_scale(color="independent")
    if description is None:
        lines_text = describe("line chart", long, what="Pakistan's exports to and imports from the USSR/Russia "
                              "(million current US$)", x="year", y="value_usd_m", series="flow_label", fmt="{:,.0f}")
        description = (f"Two panels, {bal['year'].min()} to {bal['year'].max()}. Top: {lines_text} "
                       f"{_marked(events)} A solid line marks the switch from USSR to Russia in {LAST_USSR_YEAR + 1}. "
                       f"Bottom: {describe_balance(bal)}").replace("  ", " ")
    return finish(chart, title, subtitle, description)


def shares_chart(*, title: str, subtitle: str, description: str | None = None, trade: pd.DataFrame | None = None):
    """Each partner's share of Pakistan's total goods trade, 1948–2014 (COW), one line per partner."""
    s = shares(trade)
    if description is None:
        description = describe("Line chart", s, what=f"{len(PARTNERS)} partners' shares of Pakistan's goods trade",
                               x="year", y="share_pct", series="partner_name", fmt="{:.1f}", unit="%")
        ahead = indicators.first_year_ahead("CHN", "USA", trade)
        if ahead is not None:
            description += f" China is ahead of the United States in every year from {ahead}."
    s["source"] = source_label("cow_trade_v4")
    chart = alt.Chart(s).mark_line().encode(
        x=alt.X("year:Q", title=None, axis=alt.Axis(format="d")),
        y=alt.Y("share_pct:Q", title="% of Pakistan's goods trade"),
        color=alt.Color("partner_name:N", title=None, scale=country_scale(PARTNERS)),
        tooltip=[alt.Tooltip("year:Q", format="d", title="Year"), alt.Tooltip("partner_name:N", title="Partner"),
                 alt.Tooltip("share_pct:Q", format=".2f", title="Share (%)"),
                 alt.Tooltip("value_usd_m:Q", format=",.0f", title="Million US$"),
                 alt.Tooltip("source:N", title="Source")])
    return finish(chart, title, subtitle, description, width=640, height=300)


def describe_totals(d: pd.DataFrame) -> str:
    """The points of :func:`totals_chart` in words, basis by basis, with each point's status."""
    def point(r) -> str:
        v = f"{r.value_usd_m:,.0f}"
        text = {"doubtful": f"a doubtful {v}", "lower bound": f"more than {v} (a lower bound)"}.get(r.status, v)
        return f"{text} in {r.period_label}"

    groups = [f"{basis}: " + ", ".join(point(r) for r in d[d["basis"] == basis].itertuples())
              for basis in BASIS.values() if (d["basis"] == basis).any()]
    years = d["when"].dt.year
    return (f"Points for total Pakistan–USSR/Russia trade (million current US$), {years.min()} to {years.max()}, "
            f"on {len(groups)} bases. " + "; ".join(groups) + ".")


def totals_chart(events: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None,
                 trade: pd.DataFrame | None = None):
    """Official totals (and COW 2012–2014) as labelled points, coloured by basis, shaped by status."""
    d = totals_compared(trade)
    if description is None:
        description = f"{describe_totals(d)} {_marked(events)}".strip()

    x = alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0),
              scale=alt.Scale(domain=["2011-06-01", "2024-06-30"]))
    base = alt.Chart(d).encode(
        x=x, y=alt.Y("value_usd_m:Q", title="Total trade, million current US$", scale=alt.Scale(domain=[0, 1150])),
        tooltip=[alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("basis:N", title="Basis"),
                 alt.Tooltip("value_usd_m:Q", title="Million US$"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("note:N", title="Reported by / note"), alt.Tooltip("source:N", title="Source")])
    pts = base.mark_point(size=140, filled=True, opacity=0.9).encode(
        color=alt.Color("basis:N", title="Basis", scale=alt.Scale(domain=list(BASIS_COLORS),
                                                                  range=list(BASIS_COLORS.values())),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=320)),
        shape=alt.Shape("status:N", title="Status", scale=alt.Scale(domain=list(STATUS_SHAPES),
                                                                    range=list(STATUS_SHAPES.values())),
                        legend=alt.Legend(orient="bottom", direction="vertical")))
    is_cow = alt.datum.basis == BASIS["cow"]
    right = base.transform_filter(~is_cow).mark_text(align="left", dx=9, fontSize=11, color="#333").encode(
        text="label:N")
    left = base.transform_filter(is_cow).mark_text(align="right", dx=-9, fontSize=11, color="#777").encode(
        text="label:N")
    chart = alt.layer(pts, right, left, event_rules(events, y_text=262)).properties(width=660, height=320)
    return finish(chart, title, subtitle, description)


def balance_chart(*, title: str, subtitle: str, description: str | None = None, trade: pd.DataFrame | None = None):
    """Exports and imports side by side for every official period that gives both."""
    s = official_split(trade)
    if description is None:
        description = (f"Grouped bars for {len(s)} periods, Pakistan's exports to and imports from Russia "
                       "(million current US$): " + "; ".join(
                           f"{r.period_label}, exports {_num(r.pak_exports)} and imports {_num(r.pak_imports)} "
                           f"(balance {_num(r.balance)})" for r in s.itertuples()) + ".")
    long = s.melt(id_vars=["period_label", "when", "balance", "source", "note"],
                  value_vars=["pak_exports", "pak_imports"], var_name="flow", value_name="value_usd_m")
    long["flow_label"] = long["flow"].map({"pak_exports": "Pakistan's exports", "pak_imports": "Pakistan's imports"})
    order = list(s["period_label"])
    chart = alt.Chart(long).mark_bar().encode(
        x=alt.X("period_label:N", title=None, sort=order, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("flow_label:N", sort=list(FLOW_COLORS)),
        y=alt.Y("value_usd_m:Q", title="Million current US$"),
        color=alt.Color("flow_label:N", title=None, scale=alt.Scale(domain=list(FLOW_COLORS),
                                                                    range=list(FLOW_COLORS.values()))),
        tooltip=[alt.Tooltip("period_label:N", title="Period"), alt.Tooltip("flow_label:N", title="Flow"),
                 alt.Tooltip("value_usd_m:Q", title="Million US$"),
                 alt.Tooltip("balance:Q", title="Balance (exports − imports)", format=",.1f"),
                 alt.Tooltip("note:N", title="Reported by"), alt.Tooltip("source:N", title="Source")])
    return finish(chart, title, subtitle, description, width=480, height=260)


def episode_table(events: pd.DataFrame) -> pd.DataFrame:
    """A compact table of events (date, what happened, sources) for the 2022–24 episodes."""
    out = events.sort_values("when")[["when_label", "title", "summary", "source"]]
    return out.rename(columns={"when_label": "date", "title": "event", "source": "sources"}).reset_index(drop=True)
