"""Notebook 02 (geostrategy): national power over time — COW capabilities and World Bank GDP for the five
countries, and Afghanistan in the chronology.

Plain functions (tested in tests/test_nb02_geostrategy.py) that turn ``data/capabilities.csv`` into
the tables, sentences and charts of notebook 02, plus the capability explorer widget that wires them
(``explorer``, formerly ``capability_explorer``). Every chart builder writes its description for screen
readers from the data it draws, unless given one.

Caveats the functions keep visible rather than hide:

- COW code 365 (``RUS``) is the USSR to 1991 and the Russian Federation from 1992: a break, not a collapse
  of one continuous country. Charts draw a dashed "data break" rule there.
- The World Bank has no GDP series for the USSR; Russia's starts in 1988. Nothing is spliced.
- Military spending and GDP are in current US dollars (no inflation or exchange-rate adjustment).
- CINC is already a share of the world total; "share of the five" divides by the five countries' sum,
  and only for years in which all five have a value.
- Pakistan's COW figures before 1971 include East Pakistan.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from ..charts import COUNTRY_COLORS, COUNTRY_NAMES, describe, event_rules, finish
from ..data import load, source_label, split_ids, with_source_labels

__all__ = ["FIVE", "INDICATORS", "SHARE_UNIT", "USSR_RUSSIA_BREAK", "RUSSIA_GDP_START", "EAST_PAKISTAN_BREAK",
           "coverage", "share_of_five", "capability_view", "ratio_series", "first_year_above", "value", "break_table",
           "us_share_by_indicator", "polarity_table", "key_figures", "year_ranges", "caveats", "describe_view",
           "break_rules", "lines_chart", "view_chart", "yardstick_chart", "afghanistan_events", "event_source_ids",
           "explorer_render", "explorer", "capability_explorer", "CITED_EVENTS", "CITED_SOURCES", "cited_source_ids",
           "SIPRI_MEASURES", "sipri_view", "sipri_chart"]

#: Dated events the notebook's prose cites (the Afghanistan events it collects are added by cited_source_ids()).
CITED_EVENTS = ["ev1954_seato_manila_pact", "ev1955_baghdad_pact", "ev1966_tashkent_declaration",
                "ev1969_kosygin_second_visit", "ev1971_indo_soviet_treaty", "ev1979_pakistan_leaves_cento",
                "ev1974_bhutto_second_moscow_visit", "ev1985_zia_chernenko_funeral_gorbachev",
                "ev1999_nawaz_sharif_moscow", "ev2003_musharraf_kremlin_talks", "ev2005_pakistan_sco_observer",
                "ev2007_fradkov_visits_islamabad", "ev2014_arms_restrictions_lifted",
                "ev2014_defence_cooperation_agreement", "ev2016_druzhba_first_exercise",
                "ev2016_russia_denies_cpec_talks", "ev2016_russian_envoy_backs_cpec", "ev2017_pakistan_full_sco_member", "ev2022_shehbaz_putin_samarkand",
                "ev2024_shehbaz_putin_astana", "ev2024_fruit_overland_to_russia"]
#: The two seed documents whose claims the notebook tests, the CSTO membership list it corrects them with, and the
#: reports it cites beside the chronology (the 2021 withdrawal, counter-terrorism contacts, Pakistan's rebased
#: national accounts).
CITED_SOURCES = ["seed_press_release", "seed_paper", "wp_csto", "arkansasonline_2021_us_completes_exit",
                 "siasat_pakistan_russia_wary_is_threat", "timesofislamabad_2018_regional_intel_chiefs",
                 "pbs_2017_national_accounts_backward_revisions", "dawn_2012_base_year_changed"]

FIVE = ["PAK", "RUS", "USA", "CHN", "IND"]

INDICATORS = {
    "cinc": {"label": "Composite Index of National Capability (CINC)", "short": "CINC",
             "unit": "% of world total", "scale": 100.0, "fmt": ",.2f"},
    "milex": {"label": "Military expenditure", "short": "military spending",
              "unit": "billion current US$", "scale": 1e-6, "fmt": ",.1f"},
    "milper": {"label": "Military personnel", "short": "military personnel",
               "unit": "thousand personnel", "scale": 1.0, "fmt": ",.0f"},
    "gdp": {"label": "GDP (World Bank)", "short": "GDP",
            "unit": "billion current US$", "scale": 1e-9, "fmt": ",.0f"},
}
SHARE_UNIT = "% of the five countries' total"

USSR_RUSSIA_BREAK = 1992   # first COW year of the Russian Federation under code 365
RUSSIA_GDP_START = 1988    # first World Bank year for Russia
EAST_PAKISTAN_BREAK = 1971  # Pakistan's COW series includes East Pakistan before 1971


def _check_args(indicator: str, countries) -> list[str]:
    if indicator not in INDICATORS:
        raise ValueError(f"Unknown indicator '{indicator}': choose one of {', '.join(INDICATORS)}")
    countries = list(countries)
    unknown = [c for c in countries if c not in FIVE]
    if unknown:
        raise ValueError(f"Unknown country code(s) {unknown}: choose from {', '.join(FIVE)}")
    return countries


def _mid_year(years) -> pd.Series:
    """Plotting position of a yearly value: 1 July (a yearly figure is not a 1 January fact)."""
    return pd.to_datetime(pd.Series(years, dtype="int64").astype(str) + "-07-01")


# ------------------------------------------------------------------ tables
def coverage(cap: pd.DataFrame | None = None) -> pd.DataFrame:
    """First and last year and number of years of each indicator for each country, with its unit."""
    cap = load("capabilities") if cap is None else cap
    out = (cap.groupby(["indicator", "iso3"], observed=True)
           .agg(first=("year", "min"), last=("year", "max"), years=("year", "size"), unit=("unit", "first"))
           .reset_index())
    out["country"] = out["iso3"].map(COUNTRY_NAMES)
    out["indicator"] = pd.Categorical(out["indicator"], categories=list(INDICATORS), ordered=True)
    out["iso3"] = pd.Categorical(out["iso3"], categories=FIVE, ordered=True)
    out = out.sort_values(["indicator", "iso3"]).reset_index(drop=True)
    out["indicator"] = out["indicator"].astype(str)
    out["iso3"] = out["iso3"].astype(str)
    return out[["indicator", "country", "first", "last", "years", "unit"]]


def share_of_five(cap: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Each country's share (0–1) of the five countries' sum, for years in which all five have a value.

    For GDP that means 1988 onwards (no World Bank series for the USSR)."""
    _check_args(indicator, [])
    d = cap[cap["indicator"] == indicator][["year", "iso3", "value", "source_ids"]].copy()
    complete = d.groupby("year")["iso3"].transform("nunique") == len(FIVE)
    d = d[complete]
    d["share"] = d["value"] / d.groupby("year")["value"].transform("sum")
    return d[["year", "iso3", "share", "source_ids"]].reset_index(drop=True)


def capability_view(cap: pd.DataFrame, countries, indicator: str, years: tuple[int, int],
                    share: bool = False) -> pd.DataFrame:
    """The rows a chart or the widget shows: one row per country and year, in display units.

    ``share=False``: values in the indicator's display unit (CINC in % of the world total, money in
    billion current US$, personnel in thousands). ``share=True``: % of the five countries' total.
    Columns: year, iso3, country, when (1 July of the year, for plotting), value, unit, source."""
    countries = _check_args(indicator, countries)
    lo, hi = sorted(int(y) for y in years)
    if share:
        d = share_of_five(cap, indicator).rename(columns={"share": "value"})
        d["value"] = d["value"] * 100
        unit = SHARE_UNIT
    else:
        d = cap[cap["indicator"] == indicator][["year", "iso3", "value", "source_ids"]].copy()
        d["value"] = d["value"] * INDICATORS[indicator]["scale"]
        unit = INDICATORS[indicator]["unit"]
    d = d[d["iso3"].isin(countries) & d["year"].between(lo, hi)].copy()
    d["year"] = d["year"].astype("int64")
    d["iso3"] = d["iso3"].astype(str)
    d["country"] = d["iso3"].map(COUNTRY_NAMES)
    d["when"] = _mid_year(d["year"]).values
    d["unit"] = unit
    d = with_source_labels(d) if len(d) else d.assign(source=pd.Series(dtype="string"))
    d = d.sort_values(["iso3", "year"]).reset_index(drop=True)
    return d[["year", "iso3", "country", "when", "value", "unit", "source"]]


def ratio_series(cap: pd.DataFrame, numerator: str = "IND", denominator: str = "PAK",
                 indicators=("cinc", "milex", "gdp")) -> pd.DataFrame:
    """How many times larger ``numerator`` is than ``denominator`` on each indicator, year by year.

    Years in which the denominator is zero or missing are left out (Pakistan's 1947 military spending is 0)."""
    rows = []
    for ind in indicators:
        _check_args(ind, [numerator, denominator])
        d = cap[cap["indicator"] == ind].pivot_table(index="year", columns="iso3", values="value")
        if numerator not in d or denominator not in d:
            continue
        r = (d[numerator] / d[denominator].where(d[denominator] > 0)).dropna()
        src = source_label("wb_wdi_2026_07" if ind == "gdp" else "cow_nmc_v7")
        rows.append(pd.DataFrame({"year": r.index.astype("int64"), "indicator": ind,
                                  "label": INDICATORS[ind]["short"], "ratio": r.values, "source": src}))
    out = pd.concat(rows, ignore_index=True)
    out["when"] = _mid_year(out["year"]).values
    return out


def first_year_above(cap: pd.DataFrame, a: str, b: str, indicator: str) -> int | None:
    """The first year in which country ``a`` has a higher value than country ``b`` (None if never)."""
    _check_args(indicator, [a, b])
    d = cap[cap["indicator"] == indicator].pivot_table(index="year", columns="iso3", values="value")
    above = d.index[(d[a] > d[b]).to_numpy()]
    return int(above.min()) if len(above) else None


def value(cap: pd.DataFrame, iso3: str, indicator: str, year: int) -> float:
    """One raw value of data/capabilities.csv (in the file's unit)."""
    _check_args(indicator, [iso3])
    hit = cap[(cap["iso3"] == iso3) & (cap["indicator"] == indicator) & (cap["year"] == year)]
    if hit.empty:
        raise KeyError(f"No {indicator} value for {iso3} in {year}")
    return float(hit["value"].iloc[0])


def break_table(cap: pd.DataFrame, iso3: str = "RUS", years: tuple[int, int] = (1989, 1994)) -> pd.DataFrame:
    """CINC, military spending and personnel of one country around a break, in display units, with the
    change from the year before (%). Default: USSR/Russia 1989–1994 (COW code 365 changes meaning in 1992)."""
    lo, hi = years
    d = cap[(cap["iso3"] == iso3) & cap["year"].between(lo, hi) & cap["indicator"].isin(["cinc", "milex", "milper"])]
    wide = d.pivot_table(index="year", columns="indicator", values="value")
    out = pd.DataFrame(index=wide.index.astype("int64"))
    out.index.name = "year"
    names = {"cinc": "CINC (% of world)", "milex": "military spending (bn current US$)",
             "milper": "military personnel (thousands)"}
    for ind in ["cinc", "milex", "milper"]:
        col = wide[ind] * INDICATORS[ind]["scale"]
        out[names[ind]] = col.round(2 if ind == "cinc" else 1).values
    out["CINC change from year before (%)"] = (wide["cinc"].pct_change() * 100).round(1).values
    return out


def us_share_by_indicator(cap: pd.DataFrame, indicators=("cinc", "milex", "gdp"), iso3: str = "USA") -> pd.DataFrame:
    """One country's share (%) of the five countries' total on several yardsticks, year by year."""
    rows = []
    for ind in indicators:
        s = share_of_five(cap, ind)
        s = s[s["iso3"] == iso3]
        rows.append(pd.DataFrame({"year": s["year"].astype("int64").values, "indicator": ind,
                                  "yardstick": INDICATORS[ind]["short"], "share": (100 * s["share"]).values,
                                  "source_ids": s["source_ids"].values}))
    out = with_source_labels(pd.concat(rows, ignore_index=True))
    out["when"] = _mid_year(out["year"]).values
    return out.drop(columns="source_ids")


def polarity_table(cap: pd.DataFrame, years=(1985, 1992, 2000, 2010, 2022),
                   indicators=("cinc", "milex", "gdp")) -> pd.DataFrame:
    """For each yardstick and year: the leader among the five, its share of the five's total, the runner-up,
    how many times larger the leader is than the runner-up, and the US and USSR/Russia shares."""
    rows = []
    for ind in indicators:
        s = share_of_five(cap, ind)
        for y in years:
            sy = s[s["year"] == y].sort_values("share", ascending=False)
            if sy.empty:
                continue
            first, second = sy.iloc[0], sy.iloc[1]
            by = sy.set_index("iso3")["share"]
            rows.append({"yardstick": INDICATORS[ind]["short"], "year": int(y),
                         "leader": COUNTRY_NAMES[first["iso3"]], "leader share (%)": round(100 * first["share"], 1),
                         "runner-up": COUNTRY_NAMES[second["iso3"]],
                         "leader ÷ runner-up": round(first["share"] / second["share"], 2),
                         "US share (%)": round(100 * by["USA"], 1), "USSR/Russia share (%)": round(100 * by["RUS"], 1)})
    return pd.DataFrame(rows)


def key_figures(cap: pd.DataFrame | None = None) -> dict:
    """The figures notebook 02 quotes in its text and quiz, computed from data/capabilities.csv."""
    cap = load("capabilities") if cap is None else cap

    def wide(ind):
        return cap[cap["indicator"] == ind].pivot_table(index="year", columns="iso3", values="value")

    cinc, milex, gdp = wide("cinc"), wide("milex"), wide("gdp")
    f = {}
    f["china_passes_us_cinc"] = first_year_above(cap, "CHN", "USA", "cinc")
    f["us_ahead_again_cinc"] = [int(y) for y in cinc.index[(cinc["CHN"] <= cinc["USA"]).to_numpy()]
                                if y > f["china_passes_us_cinc"]]
    f["china_us_gdp_ratio_then"] = float(gdp.loc[f["china_passes_us_cinc"], "CHN"] / gdp.loc[f["china_passes_us_cinc"], "USA"])
    lead = cinc.fillna(0).idxmax(axis=1)
    ussr_years = [int(y) for y in lead.index[(lead == "RUS").to_numpy()]]
    f["ussr_leads_cinc"] = (min(ussr_years), max(ussr_years))
    f["rus_cinc_peak_year"] = int(cinc["RUS"].idxmax())
    f["rus_cinc_peak"] = float(100 * cinc["RUS"].max())
    f["cinc_last_year"] = int(cinc.index.max())
    f["rus_cinc_last"] = float(100 * cinc["RUS"].iloc[-1])
    f["rus_cinc_change_1991_1992"] = float(100 * (cinc.loc[1992, "RUS"] / cinc.loc[1991, "RUS"] - 1))
    f["ussr_milex_1988_bn"] = float(milex.loc[1988, "RUS"] * 1e-6)
    f["ussr_milex_1989_bn"] = float(milex.loc[1989, "RUS"] * 1e-6)
    f["ussr_milex_change_1988_1989"] = float(100 * (milex.loc[1989, "RUS"] / milex.loc[1988, "RUS"] - 1))
    f["ussr_cinc_change_1988_1989"] = float(100 * (cinc.loc[1989, "RUS"] / cinc.loc[1988, "RUS"] - 1))
    last_milex = int(milex.index.max())
    f["milex_last_year"] = last_milex
    f["ind_pak_milex_1990"] = float(milex.loc[1990, "IND"] / milex.loc[1990, "PAK"])
    f["ind_pak_milex_last"] = float(milex.loc[last_milex, "IND"] / milex.loc[last_milex, "PAK"])
    f["ind_pak_gdp_last"] = float(gdp.loc[last_milex, "IND"] / gdp.loc[last_milex, "PAK"])
    f["ind_pak_cinc_last"] = float(cinc.loc[last_milex, "IND"] / cinc.loc[last_milex, "PAK"])
    pak = 100 * cinc["PAK"].dropna()
    f["pak_cinc_min"], f["pak_cinc_min_year"] = float(pak.min()), int(pak.idxmin())
    f["pak_cinc_max"], f["pak_cinc_max_year"] = float(pak.max()), int(pak.idxmax())
    f["pak_cinc_below_1"] = [int(y) for y in pak.index[(pak < 1).to_numpy()]]
    after = (cinc["IND"] / cinc["PAK"]).loc[EAST_PAKISTAN_BREAK + 1:].dropna()   # Pakistan without East Pakistan
    f["ind_pak_cinc_since"] = (EAST_PAKISTAN_BREAK + 1, float(after.min()), float(after.max()))
    f["pak_gdp_jump_1999_2000"] = float(100 * (gdp.loc[2000, "PAK"] / gdp.loc[1999, "PAK"] - 1))
    share_m = milex.div(milex.sum(axis=1), axis=0) * 100
    g5 = gdp.dropna()
    share_g = g5.div(g5.sum(axis=1), axis=0) * 100
    f["us_milex_share"] = {y: float(share_m.loc[y, "USA"]) for y in (1985, 1992, 2020, 2021, last_milex)}
    f["us_milex_vs_other_four_last"] = float(milex.loc[last_milex, "USA"] / (milex.loc[last_milex].sum()
                                                                            - milex.loc[last_milex, "USA"]))
    last_gdp = int(gdp.index.max())
    f["gdp_last_year"] = last_gdp
    f["us_gdp_share"] = {y: float(share_g.loc[y, "USA"]) for y in (1992, 2000, 2020, 2021, last_gdp)}
    since = gdp.loc[1996:]
    f["rus_below_ind_gdp_since_1996"] = (int((since["RUS"] < since["IND"]).sum()), len(since))
    f["rus_gdp_1990_bn"] = float(gdp.loc[1990, "RUS"] * 1e-9)
    f["rus_gdp_1999_bn"] = float(gdp.loc[1999, "RUS"] * 1e-9)
    return f


# ------------------------------------------------------------------ words
def year_ranges(years) -> str:
    """Years as compact runs: [1955, 1956, 1957, 1971, 1972] -> '1955–57, 1971–72'."""
    ys = sorted(int(y) for y in years)
    runs, start = [], None
    for i, y in enumerate(ys):
        if start is None:
            start = y
        if i + 1 == len(ys) or ys[i + 1] != y + 1:
            runs.append(str(y) if y == start else f"{start}–{str(y)[-2:] if str(y)[:2] == str(start)[:2] else y}")
            start = None
    return ", ".join(runs)


def caveats(indicator: str, countries, years: tuple[int, int], share: bool = False) -> list[str]:
    """The warnings that apply to a selection (shown under the widget's chart)."""
    countries = _check_args(indicator, countries)
    lo, hi = sorted(int(y) for y in years)
    notes = []
    if "RUS" in countries and indicator != "gdp" and lo < USSR_RUSSIA_BREAK <= hi:
        notes.append("USSR/Russia: COW code 365 is the USSR up to 1991 and the much smaller Russian Federation "
                     "from 1992, so the drop between 1991 and 1992 is a change of country, not only of power.")
    if indicator == "gdp" and ("RUS" in countries or share) and lo < RUSSIA_GDP_START:
        notes.append("GDP: the World Bank has no series for the USSR; Russia starts in 1988 "
                     + ("(so shares of the five start in 1988)." if share else "(nothing is spliced in)."))
    if share and indicator != "gdp" and lo < 1947:
        notes.append("Shares of the five start in 1947, the first year with data for Pakistan and India.")
    if indicator in ("milex", "gdp"):
        notes.append("Money is in current US dollars: not adjusted for inflation or exchange-rate swings.")
    if indicator == "milex" and "RUS" in countries and lo <= 1991:
        notes.append("Soviet military spending is an estimate with large uncertainty (COW).")
    if indicator == "cinc" and not share:
        notes.append("CINC is a share of the whole world's capabilities, so one country can only rise if others fall.")
    if "PAK" in countries and indicator != "gdp" and lo < EAST_PAKISTAN_BREAK <= hi:
        notes.append("Pakistan: COW figures before 1971 include East Pakistan.")
    return notes


def _fmt(x: float, indicator: str, share: bool) -> str:
    return f"{x:,.1f}" if share else format(x, INDICATORS[indicator]["fmt"])


def describe_view(view: pd.DataFrame, indicator: str, share: bool = False) -> str:
    """One or two sentences on a selection: the ranking in its last year and each country's change."""
    if view.empty:
        return "No data for this selection: widen the years or pick another country or indicator."
    unit = SHARE_UNIT if share else INDICATORS[indicator]["unit"]
    last = int(view["year"].max())
    latest = view[view["year"] == last].sort_values("value", ascending=False)
    ranking = ", ".join(f"{r.country} {_fmt(r.value, indicator, share)}" for r in latest.itertuples())
    short = INDICATORS[indicator]["short"]
    text = f"{short[0].upper() + short[1:]} in {last} ({unit}): {ranking}."
    changes = []
    for iso, g in view.sort_values("year").groupby("iso3", sort=False):
        g = g[g["value"] > 0]
        if len(g) < 2:
            continue
        a, b = g.iloc[0], g.iloc[-1]
        changes.append(f"{a['country']} ×{b['value'] / a['value']:.1f} ({int(a['year'])}–{int(b['year'])})")
    if changes:
        text += " Change over the selected years: " + "; ".join(changes) + "."
    return text


# ------------------------------------------------------------------ charts
def break_rules(which=("ussr",)) -> pd.DataFrame:
    """Rows for ``charts.event_rules`` that mark data breaks (not events): 'ussr' and/or 'east_pakistan'."""
    rows = {
        "ussr": {"when": pd.Timestamp(f"{USSR_RUSSIA_BREAK}-01-01"), "label": "USSR → Russia",
                 "title": "Data break: COW code 365 is the USSR up to 1991 and the Russian Federation from 1992",
                 "source": "Correlates of War Project", "when_label": "between the 1991 and 1992 values"},
        "east_pakistan": {"when": pd.Timestamp(f"{EAST_PAKISTAN_BREAK}-01-01"), "label": "East Pakistan out",
                          "title": "Data break: Pakistan's COW figures before 1971 include East Pakistan",
                          "source": "Correlates of War Project", "when_label": "1971"},
    }
    return pd.DataFrame([rows[w] for w in which])


def _compact(df: pd.DataFrame, cols: list[str], value: str) -> pd.DataFrame:
    """Only the columns a chart needs, dates as short ISO strings and values to 5 significant digits
    (smaller notebooks; the plotted positions do not change visibly)."""
    out = df[cols].copy()
    out["when"] = pd.to_datetime(out["when"]).dt.strftime("%Y-%m-%d")
    out[value] = out[value].map(lambda x: float(f"{x:.5g}"))
    return out


def _marks_text(annotate: pd.DataFrame | None, breaks: pd.DataFrame | None) -> str:
    """The dated rules of a chart in words: " Grey dashed lines mark events: Soviet troops in (1979), …"."""
    def listed(df):
        return ", ".join(f"{r.label} ({pd.Timestamp(r.when).year})" for r in df.sort_values("when").itertuples())

    text = ""
    if annotate is not None and len(annotate):
        text += f" Grey dashed lines mark events: {listed(annotate)}."
    if breaks is not None and len(breaks):
        text += f" Red dashed lines mark data breaks: {listed(breaks)}."
    return text


def _py_format(fmt: str) -> str:
    """A d3 format of the tooltips (",.2f") as a Python format ("{:,.2f}")."""
    return "{:" + fmt + "}"


def _with_marks(base, annotate: pd.DataFrame | None, breaks: pd.DataFrame | None) -> list:
    """A line layer with the event marks above it (dashed grey) and the series breaks (dashed red)."""
    layers = [base]
    if annotate is not None and len(annotate):
        layers.append(event_rules(annotate, y_text=2))
    if breaks is not None and len(breaks):
        layers.append(event_rules(breaks, y_text=46, color="#A33B00", levels=1))
    return layers


def lines_chart(view: pd.DataFrame, *, title: str, description: str | None = None, subtitle: str | None = None,
                y_title: str | None = None, log: bool = False, annotate: pd.DataFrame | None = None,
                breaks: pd.DataFrame | None = None, indicator: str | None = None, height: int = 300):
    """Line chart of a ``capability_view`` table (x: year, one coloured line per country), optionally
    on a log scale, with event rules (``annotate``, from ``charts.pick_events``) and data-break rules.
    Without ``description``, it is written from the data: each country's first, highest and last value and
    the marked events and breaks."""
    data = view[view["value"] > 0] if log else view
    codes = [c for c in FIVE if c in set(data["iso3"])]
    fmt = INDICATORS[indicator]["fmt"] if indicator else ",.2f"
    unit = data["unit"].iloc[0] if len(data) else ""
    y = alt.Y("value:Q", title=y_title or unit, scale=alt.Scale(type="log") if log else alt.Scale(zero=True))
    base = alt.Chart(_compact(data, ["when", "year", "country", "value", "source"], "value")).mark_line().encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=y,
        color=alt.Color("country:N", title=None,
                        scale=alt.Scale(domain=[COUNTRY_NAMES[c] for c in codes],
                                        range=[COUNTRY_COLORS[c] for c in codes])),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("value:Q", title=unit, format=fmt), alt.Tooltip("source:N", title="Source")])
    layers = _with_marks(base, annotate, breaks)
    if description is None:
        what = f"{INDICATORS[indicator]['label'] if indicator else 'the selected indicator'} ({unit or 'no data'})"
        description = describe("Line chart", data, what=what, x="year", y="value", series="country",
                               fmt=_py_format(fmt)) + _marks_text(annotate, breaks)
    return finish(alt.layer(*layers), title, subtitle, description, width=620, height=height)


def view_chart(view: pd.DataFrame, indicator: str, share: bool = False, log: bool = False,
               years: tuple[int, int] | None = None, description: str | None = None):
    """The widget's chart: lines for the selection, with the USSR→Russia break marked when it is in view.
    Its description is the widget's sentence (:func:`describe_view`) unless one is given."""
    lo, hi = years or (int(view["year"].min()), int(view["year"].max()))
    breaks = None
    if "RUS" in set(view["iso3"]) and indicator != "gdp" and lo < USSR_RUSSIA_BREAK <= hi:
        breaks = break_rules(["ussr"])
    what = f"{INDICATORS[indicator]['label']}, " + ("share of the five countries' total" if share
                                                    else INDICATORS[indicator]["unit"])
    return lines_chart(view, title=f"{what}, {lo}–{hi}",
                       subtitle="Hover over a line for the value and its source" + (" · log scale" if log else ""),
                       description=description or describe_view(view, indicator, share), log=log, breaks=breaks,
                       indicator=None if share else indicator)


def yardstick_chart(df: pd.DataFrame, *, title: str, description: str | None = None, subtitle: str | None = None,
                    annotate: pd.DataFrame | None = None, breaks: pd.DataFrame | None = None,
                    value: str = "share", value_title: str = "US share of the five countries' total (%)",
                    fmt: str = ".1f", log: bool = False):
    """Lines of one measure on several yardsticks (column ``yardstick``), e.g. the US share of the five
    on CINC, military spending and GDP, or India ÷ Pakistan ratios. Without ``description``, it is written
    from the data: each yardstick's first, highest and last value and the marked events and breaks."""
    colors = {"CINC": "#0072B2", "military spending": "#D55E00", "GDP": "#009E73"}
    names = [n for n in colors if n in set(df["yardstick"])]
    base = alt.Chart(_compact(df, ["when", "year", "yardstick", value, "source"], value)).mark_line().encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y(f"{value}:Q", title=value_title, scale=alt.Scale(type="log") if log else alt.Scale(zero=True)),
        color=alt.Color("yardstick:N", title="Yardstick", scale=alt.Scale(domain=names,
                                                                           range=[colors[n] for n in names])),
        strokeDash=alt.StrokeDash("yardstick:N", title="Yardstick", scale=alt.Scale(domain=names)),
        tooltip=[alt.Tooltip("yardstick:N", title="Yardstick"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=fmt), alt.Tooltip("source:N", title="Source")])
    layers = _with_marks(base, annotate, breaks)
    if description is None:
        description = describe("Line chart", df, what=value_title, x="year", y=value, series="yardstick",
                               fmt=_py_format(fmt)) + _marks_text(annotate, breaks)
    return finish(alt.layer(*layers), title, subtitle, description, width=620, height=300)


# ------------------------------------------------------------------ events
def afghanistan_events(events: pd.DataFrame | None = None, pattern: str = "Afghan") -> pd.DataFrame:
    """Events of the chronology (any factor) whose title or summary mentions Afghanistan, oldest first."""
    ev = load("events") if events is None else events
    hit = ev["title"].str.contains(pattern, case=False) | ev["summary"].str.contains(pattern, case=False)
    return ev[hit.fillna(False).astype(bool)].sort_values("date").reset_index(drop=True)


def event_source_ids(events: pd.DataFrame, event_ids) -> list[str]:
    """The source ids (in order, without repeats) of the given events."""
    by_id = events.set_index("event_id")
    missing = [e for e in event_ids if e not in by_id.index]
    if missing:
        raise KeyError(f"Unknown event id(s) {missing}: see data/events.csv")
    ids: list[str] = []
    for e in event_ids:
        ids += split_ids(by_id.loc[e, "source_ids"])
    return list(dict.fromkeys(ids))


def cited_source_ids() -> list[str]:
    """The sources of the events the notebook collects because they mention Afghanistan (section 3)."""
    return [s for v in afghanistan_events()["source_ids"] for s in split_ids(v)]


# ------------------------------------------------------------------ widget
def explorer_render(cap: pd.DataFrame, countries, indicator: str, years: tuple[int, int], mode: str = "values",
                    log: bool = False):
    """What the widget shows for one setting: (sentence + caveats as HTML text, chart) or just the text."""
    share = mode == "share"
    view = capability_view(cap, countries, indicator, years, share=share)
    notes = caveats(indicator, countries, years, share)
    text = html.escape(describe_view(view, indicator, share))
    if notes:
        text += "<ul style='margin:0.2em 0'>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>"
    if view.empty:
        return text, None
    return text, view_chart(view, indicator, share=share, log=log, years=years)


def explorer(cap: pd.DataFrame | None = None):
    """Countries, indicator, years, values vs share of the five, and log scale → chart + sentence + caveats."""
    import ipywidgets as w

    from .. import explore

    cap = load("capabilities") if cap is None else cap
    style = {"description_width": "90px"}
    lo, hi = int(cap["year"].min()), int(cap["year"].max())
    controls = {
        "countries": w.SelectMultiple(options=[(COUNTRY_NAMES[c], c) for c in FIVE], value=FIVE, rows=5,
                                      description="Countries", style=style),
        "indicator": w.Dropdown(options=[(v["label"], k) for k, v in INDICATORS.items()], value="cinc",
                                description="Indicator", style=style, layout=w.Layout(width="460px")),
        "years": w.IntRangeSlider(value=(lo, hi), min=lo, max=hi, step=1, description="Years",
                                  continuous_update=False, style=style, layout=w.Layout(width="620px")),
        "mode": w.ToggleButtons(options=[("Values", "values"), ("Share of the five", "share")], value="values",
                                description="Show", style=style),
        "log": w.Checkbox(value=False, description="Log scale (compares growth rates)", style=style),
    }

    def render(countries, indicator, years, mode, log):
        if not countries:
            return w.HTML("<p>Pick at least one country (Ctrl/Cmd-click or Shift-click to pick several).</p>")
        text, chart = explorer_render(cap, list(countries), indicator, years, mode, log)
        box = w.HTML(f"<div class='pkru-selection'>{text}</div>")
        return box if chart is None else (box, chart)

    return explore.explorer(controls, render,
                            intro="Pick countries (Ctrl/Cmd-click for several), an indicator and a span of years; "
                                  "switch between values and each country's share of the five; tick the log scale "
                                  "to compare growth rates. Keyboard: Tab between controls, arrow keys move the "
                                  "slider.")


capability_explorer = explorer  # the name notebook 02 used before the lessons moved (kept for saved copies)


# ------------------------------------------------------------------ SIPRI's military expenditure (beside COW's)
SIPRI_MEASURES = {"current_usd": ("billion current US$", 1e-3), "constant_2023_usd": ("billion constant (2023) US$", 1e-3),
                  "share_of_gdp": ("% of GDP", 1.0)}


def sipri_view(milex: pd.DataFrame | None = None, countries=FIVE, measure: str = "current_usd",
               years: tuple[int, int] = (1990, 2024)) -> pd.DataFrame:
    """SIPRI's military expenditure (data/milex_sipri.csv) for a chart: one row per country and year, in billions
    (or % of GDP), with ``estimate`` (SIPRI's own estimate) and a readable source. A different definition from
    COW's milex: drawn in its own chart, never in one line with COW's."""
    if measure not in SIPRI_MEASURES:
        raise ValueError(f"Unknown measure '{measure}': choose one of {', '.join(SIPRI_MEASURES)}")
    m = load("milex_sipri") if milex is None else milex
    lo, hi = sorted(int(y) for y in years)
    unit, scale = SIPRI_MEASURES[measure]
    d = m[(m["measure"] == measure) & m["iso3"].isin(list(countries)) & m["year"].between(lo, hi)].copy()
    d["year"] = d["year"].astype("int64")
    d["iso3"] = d["iso3"].astype(str)
    d["value"] = d["value"] * scale
    d["unit"] = unit
    d["country"] = d["iso3"].map(COUNTRY_NAMES)
    d["when"] = _mid_year(d["year"]).values
    d = with_source_labels(d)
    return d[["year", "iso3", "country", "when", "value", "unit", "estimate", "source"]].sort_values(
        ["iso3", "year"]).reset_index(drop=True)


def sipri_chart(view: pd.DataFrame, *, title: str, subtitle=None, description: str | None = None, log: bool = True):
    """SIPRI military spending, one line per country; SIPRI's own estimates as hollow points."""
    codes = [c for c in FIVE if c in set(view["iso3"])]
    unit = view["unit"].iloc[0] if len(view) else ""
    color = alt.Color("country:N", title=None, scale=alt.Scale(domain=[COUNTRY_NAMES[c] for c in codes],
                                                               range=[COUNTRY_COLORS[c] for c in codes]))
    x = alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0))
    y = alt.Y("value:Q", title=f"SIPRI, {unit}", scale=alt.Scale(type="log") if log else alt.Scale(zero=True))
    tip = [alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
           alt.Tooltip("value:Q", title=unit, format=",.1f"), alt.Tooltip("estimate:N", title="SIPRI estimate"),
           alt.Tooltip("source:N", title="Source")]
    line = alt.Chart(view).mark_line().encode(x=x, y=y, color=color, tooltip=tip)
    est = alt.Chart(view[view["estimate"] == "yes"]).mark_point(size=22, filled=False).encode(
        x=x, y=y, color=color, tooltip=tip)
    if description is None:
        description = describe("Line chart", view, what=f"SIPRI military expenditure ({unit})", x="year",
                               y="value", series="country", fmt="{:,.1f}")
        n_est = int((view["estimate"] == "yes").sum())
        description += f" Hollow points: {n_est} values that SIPRI marks as its own estimates."
    return finish(alt.layer(line, est), title, subtitle, description, width=620, height=280)
