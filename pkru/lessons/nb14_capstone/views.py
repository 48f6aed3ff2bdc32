"""Notebook 14 (capstone), section 3: the charts and the widget built on the packs, and the
evidence-or-interpretation statements of exercise 2. Every chart builder writes its description for screen
readers from the data it draws, unless given one.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from ... import indicators
from ...charts import COUNTRY_COLORS, COUNTRY_NAMES, category_scale, event_rules, finish, pick_events
from ...data import events_for_plot, load, source_label
from .. import nb05_security as arms_mod
from .. import nb06_multilateral as unvotes
from .packs import (COW, SIPRI, UNV, _arms, _check_role, _events, _pct_arms, _pct_trade, _pct_un, all_packs,
                    describe_pack, evidence_pack, official_trade, pack_html, role_order, roles)

# ------------------------------------------------------------------ charts
def headline_table() -> pd.DataFrame:
    """Each role's headline yardstick: two or three comparable values (one panel per role in the chart)."""
    rows = []

    short = {"USA": "US", "RUS": "USSR/Russia", "CHN": "China", "IND": "India", "PAK": "Pakistan"}

    def add(role, indicator, code, label, value, unit, source_ids):
        rows.append({"role": role, "role_name": roles()[role].name, "indicator": indicator, "country": code,
                     "country_name": COUNTRY_NAMES[code], "bar": label, "value": round(value, 1), "unit": unit,
                     "source": source_label(source_ids)})

    pak_arms = "Pakistani analyst: Pakistan's arms imports, 2020–24 (%, SIPRI's 2026 register)"
    for code, sup in (("CHN", "China"), ("RUS", arms_mod.USSR_RUSSIA), ("USA", "United States")):
        add("PAK", pak_arms, code, short[code], _pct_arms("PAK", sup, (2020, 2024)), "% (SIPRI TIV)", SIPRI)
    a = _arms()
    rus = "Russian analyst: Russia's arms deliveries, 1995–2024 (TIV, SIPRI's 2026 register)"
    for code in ("IND", "PAK"):
        add("RUS", rus, code, f"to {COUNTRY_NAMES[code]}", arms_mod.supplier_tiv(a, code, "Russia", (1995, 2024)),
            "TIV, millions", SIPRI)
    ind = "Indian analyst: UN agreement with Russia, 2010–19 (%)"
    add("IND", ind, "IND", "India", _pct_un("IND-RUS"), "% of roll calls", UNV)
    add("IND", ind, "PAK", "Pakistan", _pct_un("PAK-RUS"), "% of roll calls", UNV)
    usa = "US analyst: Pakistan's UN agreement, 2010–19 (%)"
    add("USA", usa, "USA", "with the US", _pct_un("PAK-USA"), "% of roll calls", UNV)
    add("USA", usa, "RUS", "with Russia", _pct_un("PAK-RUS"), "% of roll calls", UNV)
    chn = "Chinese analyst: Pakistan's goods trade, 2005–14 (%)"
    for code in ("CHN", "USA", "RUS"):
        add("CHN", chn, code, short[code], _pct_trade(code, (2005, 2014)), "% (COW)", COW)
    out = pd.DataFrame(rows)
    out["role_order"] = out["role"].map({c: i for i, c in enumerate(role_order())})
    return out


def describe_headline(t: pd.DataFrame) -> str:
    """A description of :func:`headline_chart` for screen readers: each panel's yardstick and its bars' values."""
    panels = []
    for code in role_order():
        d = t[t["role"] == code]
        if d.empty:
            continue
        bars = ", ".join(f"{r.bar} {r.value:,.1f}" for r in d.itertuples())
        panels.append(f"{d['indicator'].iloc[0]}: {bars}")
    return f"Bar chart in {len(panels)} panels, one per role, each on its own scale. " + "; ".join(panels) + "."


def headline_chart(table: pd.DataFrame | None = None, *, title: str, subtitle=None, description: str | None = None):
    """Small multiples: one panel per role, bars coloured by country, each panel on its own scale."""
    t = headline_table() if table is None else table
    codes = [c for c in ["PAK", "RUS", "USA", "CHN", "IND"] if c in set(t["country"])]
    tooltip = [alt.Tooltip("role_name:N", title="Role"), alt.Tooltip("bar:N", title="Bar"),
               alt.Tooltip("value:Q", title="Value", format=",.1f"), alt.Tooltip("unit:N", title="Unit"),
               alt.Tooltip("source:N", title="Source")]
    scale = alt.Scale(domain=[COUNTRY_NAMES[c] for c in codes], range=[COUNTRY_COLORS[c] for c in codes])
    panels = []
    for code in role_order():
        d = t[t["role"] == code]
        if d.empty:
            continue
        role_name, indicator = d["indicator"].iloc[0].split(": ", 1)
        base = alt.Chart(d).encode(
            x=alt.X("bar:N", title=None, sort=list(d["bar"]), axis=alt.Axis(labelAngle=0, labelLimit=120)),
            y=alt.Y("value:Q", title=None), tooltip=tooltip)
        bars = base.mark_bar().encode(color=alt.Color("country_name:N", legend=None, scale=scale))
        text = base.mark_text(dy=-7, fontSize=12).encode(text=alt.Text("value:Q", format=",.1f"))
        panels.append(alt.layer(bars, text).properties(
            width=190, height=160, title=alt.Title([role_name, indicator], fontSize=12, anchor="middle")))
    rows = [alt.hconcat(*panels[i:i + 3], spacing=30) for i in range(0, len(panels), 3)]
    chart = alt.vconcat(*rows, spacing=25).resolve_scale(color="shared")
    return finish(chart, title, subtitle, description or describe_headline(t))


def pack_events() -> pd.DataFrame:
    """The dated events quoted in the five packs: one row per event and role, with plotting fields and the
    number of packs that quote the event (``n_packs``)."""
    p = all_packs()
    p = p[p["kind"] == "event"][["role", "role_name", "event_id", "topic"]]
    ev = events_for_plot().set_index("event_id")
    out = p.join(ev[["when", "when_label", "title", "category", "source", "confidence"]], on="event_id")
    out["n_packs"] = out.groupby("event_id")["role"].transform("count")
    roles_of = out.groupby("event_id")["role_name"].agg(lambda s: ", ".join(s))
    out["used_by"] = out["event_id"].map(roles_of)
    return out.reset_index(drop=True)


def describe_pack_events(f: pd.DataFrame) -> str:
    """A description of :func:`pack_events_chart` for screen readers: how many events, their span, and the
    events quoted by more than one pack (most quoted first)."""
    if f.empty:
        return "Dot timeline of the events quoted in the evidence packs: none to show."
    events = f.drop_duplicates("event_id").sort_values(["n_packs", "when"], ascending=[False, True])
    shared = events[events["n_packs"] > 1]
    text = (f"Dot timeline of the {len(events)} dated events quoted in the evidence packs, one row per role "
            f"({f['role_name'].nunique()} roles), from {f['when'].dt.year.min()} to {f['when'].dt.year.max()}, "
            "coloured by category; bigger dots are quoted by more packs.")
    if len(shared):
        text += " Quoted by more than one pack: " + "; ".join(
            f"{r.title} ({r.when_label}), {r.n_packs} packs" for r in shared.itertuples()) + "."
    return text


def pack_events_chart(frame: pd.DataFrame | None = None, *, title: str, subtitle=None, description: str | None = None):
    """Dot timeline: the events each role's pack quotes (one row per role); bigger dots = quoted by more packs."""
    f = pack_events() if frame is None else frame
    present = [c for c in category_scale().domain if c in set(f["category"])]
    from ...charts import CATEGORY_COLORS

    chart = alt.Chart(f[["role_name", "when", "when_label", "title", "category", "source", "confidence", "n_packs",
                         "used_by"]]).mark_circle(opacity=0.85).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0),
                scale=alt.Scale(domain=["1950-01-01", "2027-01-01"])),
        y=alt.Y("role_name:N", title=None, sort=[roles()[c].name for c in role_order()]),
        size=alt.Size("n_packs:Q", title="Packs quoting it", scale=alt.Scale(domain=[1, 3], range=[90, 420]),
                      legend=alt.Legend(values=[1, 2, 3], format="d")),
        color=alt.Color("category:N", title="Category",
                        scale=alt.Scale(domain=present, range=[CATEGORY_COLORS[c] for c in present])),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("used_by:N", title="In the packs of"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("confidence:N", title="Confidence")])
    return finish(chart, title, subtitle, description or describe_pack_events(f), width=600, height=220)


#: Events marked on each role's chart ({event_id: short label})
ROLE_MARKS = {
    "PAK": {"ev1979_soviet_intervention_afghanistan": "Afghanistan 1979",
            "ev2014_defence_cooperation_agreement": "2014 defence pact"},
    "RUS": {"ev1971_indo_soviet_treaty": "Indo-Soviet treaty", "ev2014_defence_cooperation_agreement": "2014 pact"},
    "IND": {"ev1971_indo_soviet_treaty": "Indo-Soviet treaty", "ev1979_soviet_intervention_afghanistan": "Afghanistan",
            "ev2017_pakistan_full_sco_member": "SCO members"},
    "USA": {"ev1954_seato_manila_pact": "SEATO", "ev1979_soviet_intervention_afghanistan": "Afghanistan",
            "ev2014_defence_cooperation_agreement": "2014 pact"},
    "CHN": {"ev1979_soviet_intervention_afghanistan": "Afghanistan",
            "ev2007_fradkov_visits_islamabad": "Fradkov visit"},
}


def role_series(role: str) -> pd.DataFrame:
    """The time series behind a role's chart: columns when, year, series, code, value, unit, measure, source.

    PAK: shares of Pakistan's arms imports (China, USSR/Russia, US), five-year periods.
    RUS: USSR/Russia's share of India's and of Pakistan's arms imports, five-year periods.
    IND: UN agreement India–USSR/Russia and Pakistan–USSR/Russia (five-year centred mean).
    USA: UN agreement Pakistan–US and Pakistan–USSR/Russia (five-year centred mean).
    CHN: shares of Pakistan's goods trade (China, US, USSR/Russia), yearly, COW 1948–2014."""
    _check_role(role)
    a = _arms("2022")   # the long history, 1950–2021: SIPRI's 2022 tables (the packs' 2020–24 figures: its 2026 register)
    if role in ("PAK", "RUS"):
        recips = ["PAK"] if role == "PAK" else ["IND", "PAK"]
        frames = []
        for rec in recips:
            s = arms_mod.supplier_shares(a, rec, 5)
            keep = ["China", arms_mod.USSR_RUSSIA, "United States"] if role == "PAK" else [arms_mod.USSR_RUSSIA]
            s = s[s["supplier_group"].isin(keep)].copy()
            s["series"] = s["supplier_group"] if role == "PAK" else COUNTRY_NAMES[rec]
            s["code"] = s["supplier_group"].map({"China": "CHN", arms_mod.USSR_RUSSIA: "RUS",
                                                 "United States": "USA"}) if role == "PAK" else rec
            s["year"] = s["period_start"].astype(int)
            s["when"] = [pd.Timestamp(year=int(p), month=1, day=1) + pd.DateOffset(months=6 * int(n))
                         for p, n in zip(s["period_start"], s["years_with_data"])]
            s["value"] = s["share_pct"]
            s["measure"] = [f"{p}: share of {COUNTRY_NAMES[rec]}'s arms imports" for p in s["period"]]
            frames.append(s)
        out = pd.concat(frames, ignore_index=True)
        out["unit"] = "% of arms imports (SIPRI TIV, five-year periods)"
        out["source"] = arms_mod.SOURCE_LABEL
    elif role in ("IND", "USA"):
        pairs = ["IND-RUS", "PAK-RUS"] if role == "IND" else ["PAK-USA", "PAK-RUS"]
        df = load("unga_agreement")
        frames = []
        for pair in pairs:
            s = unvotes.agreement_series(df, pair, "all", 5).dropna(subset=["smoothed"])
            s = s.assign(series=unvotes.PAIR_LABELS[pair], code=pair, value=100 * s["smoothed"],
                         measure="UN General Assembly agreement, centred five-year mean")
            frames.append(s)
        out = pd.concat(frames, ignore_index=True)
        out["year"] = out["year"].astype(int)
        out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
        out["unit"] = "% of roll calls with the same vote"
        out["source"] = source_label(UNV)
    else:
        t = load("trade")
        cow = t[(t["series"] == "cow") & (t["flow"] == "total")]
        wide = cow.pivot_table(index="year", columns="partner", values="value_usd_m")
        frames = []
        for code in ("CHN", "USA", "RUS"):
            frames.append(pd.DataFrame({"year": wide.index.astype(int), "code": code,
                                        "series": COUNTRY_NAMES[code],
                                        "value": (100 * wide[code] / wide["WLD"]).to_numpy()}))
        out = pd.concat(frames, ignore_index=True)
        out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
        out["measure"] = "share of Pakistan's goods trade (COW)"
        out["unit"] = "% of Pakistan's trade (COW, current US$)"
        out["source"] = source_label(COW)
    out["value"] = out["value"].astype(float).round(1)
    return out[["when", "year", "series", "code", "value", "unit", "measure", "source"]].reset_index(drop=True)


def _ind_gap(s: pd.DataFrame) -> float:
    """Largest gap (percentage points) between the India–Russia and Pakistan–Russia lines since 1990."""
    w = s.pivot_table(index="year", columns="series", values="value").loc[1990:]
    return float((w.iloc[:, 0] - w.iloc[:, 1]).abs().max())


def role_title(role: str, s: pd.DataFrame | None = None) -> str:
    """The title of a role's chart: what to notice, with its numbers computed from the series."""
    import math

    s = role_series(role) if s is None else s
    w = s.pivot_table(index="year", columns="series", values="value")
    if role == "PAK":
        top = math.floor(w[arms_mod.USSR_RUSSIA].max()) + 1
        return f"The US and China took turns leading Pakistan's arms imports; USSR/Russia never reached {top}%"
    if role == "RUS":
        return (f"USSR/Russia supplied up to {w['India'].max():.0f}% of India's arms in a five-year period, "
                f"at most {w['Pakistan'].max():.0f}% of Pakistan's")
    if role == "IND":
        return "Since 1990 India and Pakistan have voted with USSR/Russia about equally often"
    if role == "USA":
        u = load("unga_agreement")
        u = u[(u["country_a"] == "PAK") & (u["issue"] == "all")].pivot_table(
            index="year", columns="country_b", values="agreement")
        ahead = [int(y) for y in u.index if (u.loc[y:, "RUS"] > u.loc[y:, "USA"]).all()]
        return f"Since {ahead[0]} Pakistan has voted with USSR/Russia more often than with the US"
    first = indicators.first_year_ahead("CHN", "USA")
    return (f"China has outweighed the US in Pakistan's trade since {first}; USSR/Russia never reached "
            f"{math.floor(w['USSR/Russia'].max()) + 1}%")


def _series_colors(s: pd.DataFrame) -> alt.Scale:
    names = list(dict.fromkeys(s["series"]))
    codes = list(dict.fromkeys(s["code"]))
    colors = [unvotes.PAIR_COLORS[c] if c in unvotes.PAIR_COLORS else COUNTRY_COLORS.get(c, "#999999") for c in codes]
    return alt.Scale(domain=names, range=colors)


def describe_role_series(role: str, s: pd.DataFrame | None = None) -> str:
    """A sentence for screen readers and the widget: the latest value of each line."""
    s = role_series(role) if s is None else s
    last = s.sort_values("when").groupby("series", sort=False).tail(1)
    parts = "; ".join(f"{r.series} {r.value:.1f}% ({r.measure.split(':')[0] if ':' in r.measure else r.year})"
                      for r in last.itertuples())
    return f"{roles()[role].name}'s chart, {s['unit'].iloc[0]}. Latest values: {parts}."


def role_chart(role: str, s: pd.DataFrame | None = None, description: str | None = None):
    """The chart of a role's pack: its main time series with dated events from the chronology marked; its
    description is the latest value of each line (:func:`describe_role_series`) unless one is given."""
    _check_role(role)
    s = role_series(role) if s is None else s
    marks = pick_events(ROLE_MARKS[role])
    tooltip = [alt.Tooltip("series:N", title="Series"), alt.Tooltip("measure:N", title="Measure"),
               alt.Tooltip("year:Q", title="Year (start of period)" if role in ("PAK", "RUS") else "Year",
                           format="d"),
               alt.Tooltip("value:Q", title="Value (%)", format=".1f"), alt.Tooltip("source:N", title="Source")]
    lines = alt.Chart(s).mark_line(point=True).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title=s["unit"].iloc[0], axis=alt.Axis(titleFontSize=11)),
        color=alt.Color("series:N", title=None, scale=_series_colors(s),
                        legend=alt.Legend(orient="bottom", labelLimit=320)),
        tooltip=tooltip)
    subtitle = {"PAK": arms_mod.SIPRI_SUBTITLE, "RUS": arms_mod.SIPRI_SUBTITLE,
                "IND": [f"Five-year averages since 1990 never more than {_ind_gap(s):.1f} points apart",
                        "Voeten, Strezhnev & Bailey UN votes (to 2019) · dashed lines: dated events"],
                "USA": ["Voeten, Strezhnev & Bailey UN votes (to 2019) · dashed lines: dated events"],
                "CHN": ["Correlates of War trade data, 1948–2014 · dashed lines: dated events"]}[role]
    return finish(alt.layer(lines, event_rules(marks, levels=2)), role_title(role, s), subtitle,
                  description or describe_role_series(role, s), width=600, height=260)


# ------------------------------------------------------------------ widget
def role_view(role: str, caveats: bool = True):
    """What the widget shows for one role: (sentence, pack as HTML, chart). Plain function, tested."""
    pack = evidence_pack(role)
    return describe_pack(role, pack), pack_html(pack, caveats), role_chart(role)


def role_explorer(default: str = "IND"):
    """The notebook's widget: pick a role -> its question, its evidence pack and its chart."""
    import ipywidgets as w

    from ...explore import explorer

    style = {"description_width": "70px"}
    controls = {
        "role": w.Dropdown(options=[(roles()[c].name, c) for c in role_order()], value=default, description="Role",
                           style=style, layout=w.Layout(width="320px")),
        "caveats": w.Checkbox(value=True, description="Show the caveat of each fact", indent=False),
    }

    def render(role, caveats):
        sentence, table, chart = role_view(role, caveats)
        return (w.HTML(f"<p class='pkru-selection'>{html.escape(sentence)}</p>"), w.HTML(table), chart)

    return explorer(controls, render,
                    intro="Choose a role to see its question, its evidence pack and its chart. "
                          "Keyboard: Tab to a control, arrow keys to change the role, Space to tick the box.")


def reading_explorer(default: str = "IND"):
    """The explorer without a kernel (the reading edition): every role's view from :func:`role_view`, with and
    without the caveats, the page switching between them; it starts where the widget starts."""
    from ...explore import ReadingViews

    controls = [{"name": "role", "label": "Role", "kind": "select", "value": default,
                 "options": [(c, roles()[c].name) for c in role_order()]},
                {"name": "caveats", "label": "Show the caveat of each fact", "kind": "checkbox", "value": True}]
    views = {}
    for role in role_order():
        for caveats in (True, False):
            sentence, table, chart = role_view(role, caveats)
            views[(role, caveats)] = [f"<p class='pkru-selection'>{html.escape(sentence)}</p>", table, chart]
    return ReadingViews(controls, views)


# ------------------------------------------------------------------ evidence or interpretation (exercise 2)
def _classify_statements() -> list[dict]:
    chn = _pct_arms("PAK", "China", (2020, 2024))
    o = official_trade(2023)
    ev = _events()
    return [
        {"text": "Pakistan abstained when the UN General Assembly voted on 2 March 2022 to demand Russia's "
                 "withdrawal from Ukraine.", "label": "evidence",
         "source_ids": ev.loc["ev2022_unga_ukraine_abstention", "source_ids"]},
        {"text": "Pakistan's abstentions show that Islamabad has chosen Moscow over Washington.",
         "label": "interpretation", "source_ids": ""},
        {"text": f"In 2020–24 China delivered about {chn:.0f}% of Pakistan's arms imports, measured in SIPRI TIV.",
         "label": "evidence", "source_ids": SIPRI},
        {"text": "Russia sells arms to Pakistan mainly to put pressure on India.", "label": "interpretation",
         "source_ids": ""},
        {"text": "In November 2016 Russia's foreign ministry said it was not in talks about joining CPEC.",
         "label": "evidence", "source_ids": ev.loc["ev2016_russia_denies_cpec_talks", "source_ids"]},
        {"text": "The Druzhba drills prove that the two armies now trust each other.", "label": "interpretation",
         "source_ids": ""},
        {"text": f"Pakistan's Ministry of Commerce put trade with Russia in FY2022-23 at about US${o['total']:,.0f} "
                 "million.", "label": "evidence", "source_ids": o["source_ids"]},
        {"text": "Trade with Russia is booming and will soon rival trade with China.", "label": "interpretation",
         "source_ids": ""},
    ]


def classify_statements() -> pd.DataFrame:
    """Eight statements about the relationship for exercise 2, with the course's label (evidence or
    interpretation). Evidence statements carry the source ids that support them."""
    df = pd.DataFrame(_classify_statements())
    df.insert(0, "n", range(1, len(df) + 1))
    return df
