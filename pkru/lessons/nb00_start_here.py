"""Notebook 00 (start_here): the chronology explorer and the relationship "then and now".

Plain functions, tested in ``tests/test_package.py``; the notebook and its widget only call them.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from .. import explore, indicators
from ..charts import CATEGORY_COLORS, finish, timeline
from ..data import events_for_plot

__all__ = ["filter_events", "describe_selection", "then_vs_now", "then_vs_now_chart", "explorer",
           "timeline_explorer", "reading_explorer", "CITED_EVENTS", "CITED_SOURCES"]

#: The notebook's prose cites the seed paper's claim it checks and the page that corrects it.
CITED_EVENTS: list[str] = []
CITED_SOURCES = ["britannica_cis", "seed_paper"]


# ------------------------------------------------------------------ the timeline explorer's logic
def filter_events(events: pd.DataFrame, categories, years: tuple[int, int]) -> pd.DataFrame:
    """Events whose category is in ``categories`` and whose year lies in ``years`` (inclusive)."""
    lo, hi = sorted(int(y) for y in years)
    if "year" not in events:
        events = events.assign(year=events["date"].str[:4].astype(int))
    keep = events["category"].isin(list(categories)) & events["year"].between(lo, hi)
    return events[keep]


def describe_selection(selected: pd.DataFrame, years: tuple[int, int]) -> str:
    """One sentence that says what the learner is looking at."""
    lo, hi = sorted(years)
    if selected.empty:
        return f"No events match: switch a category on or widen the years ({lo}–{hi})."
    counts = selected["category"].value_counts()
    parts = ", ".join(f"{n} {c}" for c, n in counts.items())
    return f"{len(selected)} events between {lo} and {hi}: {parts}."


# ------------------------------------------------------------------ then and now
def then_vs_now(then=(1980, 1989), now=(2010, 2019)) -> pd.DataFrame:
    """Four indicators of the Pakistan–USSR/Russia relationship in two periods (a tidy table).

    Trade uses COW, which ends in 2014: its "now" span is the last ten years available (2005–2014)."""
    trade_now = (now[0] - 5, min(now[1], 2014)) if now[1] > 2014 else now
    rus = indicators.cow_trade("RUS")
    rows = [
        ("Trade with USSR/Russia (US$ m a year)", then,
         rus.loc[rus["year"].between(*then), "value_usd_m"].mean(), "COW Trade v4.0"),
        ("Trade with USSR/Russia (US$ m a year)", trade_now,
         rus.loc[rus["year"].between(*trade_now), "value_usd_m"].mean(), "COW Trade v4.0"),
        ("USSR/Russia share of trade (%)", then, 100 * indicators.trade_share("RUS", then), "COW Trade v4.0"),
        ("USSR/Russia share of trade (%)", trade_now, 100 * indicators.trade_share("RUS", trade_now), "COW Trade v4.0"),
        ("USSR/Russia share of arms imports (%)", then, 100 * indicators.arms_share(indicators.USSR_RUSSIA, then),
         "Information from the SIPRI Arms Transfers Database"),
        ("USSR/Russia share of arms imports (%)", now, 100 * indicators.arms_share(indicators.USSR_RUSSIA, now),
         "Information from the SIPRI Arms Transfers Database"),
        ("UN agreement with USSR/Russia (%)", then, 100 * indicators.unga_mean("PAK-RUS", then),
         "Voeten, Strezhnev & Bailey UN votes"),
        ("UN agreement with USSR/Russia (%)", now, 100 * indicators.unga_mean("PAK-RUS", now),
         "Voeten, Strezhnev & Bailey UN votes"),
    ]
    return pd.DataFrame([(ind, f"{a}–{b}", "Cold War" if (a, b) == then else "Recent", round(v, 1), s)
                         for ind, (a, b), v, s in rows],
                        columns=["indicator", "years", "period", "value", "source"])


PERIOD_COLORS = {"Cold War": "#999999", "Recent": "#0072B2"}


def then_vs_now_chart(tvn: pd.DataFrame | None = None, *, title: str, subtitle: str | None = None,
                      description: str | None = None):
    """Four small bar pairs (one panel per indicator, each with its own scale) comparing the two periods."""
    tvn = then_vs_now() if tvn is None else tvn
    bars = alt.Chart(tvn).mark_bar().encode(
        x=alt.X("period:N", title=None, sort=list(PERIOD_COLORS), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=None),
        color=alt.Color("period:N", scale=alt.Scale(domain=list(PERIOD_COLORS), range=list(PERIOD_COLORS.values())),
                        legend=None),
        tooltip=["indicator:N", "years:N", alt.Tooltip("value:Q", format=".1f"), "source:N"],
    ).properties(width=150, height=180)
    text = bars.mark_text(dy=-7, fontSize=12).encode(text=alt.Text("value:Q", format=".1f"))
    if description is None:
        pairs = []
        for ind, g in tvn.groupby("indicator", sort=False):
            a, b = g.iloc[0], g.iloc[-1]
            pairs.append(f"{ind}: {a['value']:.1f} in {a['years']}, {b['value']:.1f} in {b['years']}")
        description = f"Bar chart in {len(pairs)} panels comparing two periods. " + "; ".join(pairs) + "."
    return finish(
        alt.layer(bars, text, data=tvn).facet(
            facet=alt.Facet("indicator:N", title=None, header=alt.Header(labelFontSize=11, labelLimit=330)),
            columns=2).resolve_scale(y="independent"),
        title=title, subtitle=subtitle, description=description)


# ------------------------------------------------------------------ the widget
def explorer(events: pd.DataFrame | None = None):
    """Category toggles + a year-range slider over data/events.csv, with the timeline and a count."""
    import ipywidgets as w

    ev = events_for_plot(events)
    lo, hi = int(ev["year"].min()), int(ev["year"].max())
    toggles = {c: w.ToggleButton(value=True, description=c, tooltip=f"Show or hide {c} events",
                                 layout=w.Layout(width="auto"))
               for c in CATEGORY_COLORS if c in set(ev["category"])}
    for c, t in toggles.items():
        t.style.button_color = None
    cats = w.HBox(list(toggles.values()))
    cats.add_class("pkru-category-toggles")
    slider = w.IntRangeSlider(value=(lo, hi), min=lo, max=hi, step=1, description="Years",
                              continuous_update=False, layout=w.Layout(width="640px"),
                              style={"description_width": "60px"})
    # ipywidgets wants the observed controls in a dict; the HBox of toggles is shown via `intro` order.
    chosen = w.SelectMultiple(options=list(toggles), value=list(toggles), description="Categories",
                              layout=w.Layout(display="none"))

    def sync(_=None):
        chosen.value = [c for c, t in toggles.items() if t.value]

    for t in toggles.values():
        t.observe(sync, names="value")

    def render(categories, years):
        sel = filter_events(ev, categories, years)
        text = w.HTML(f"<p class='pkru-selection'>{html.escape(describe_selection(sel, years))}</p>")
        if sel.empty:
            return text
        return text, timeline(sel, title=f"Events {min(years)}–{max(years)}",
                              subtitle="Hover over a point: date, summary, sources, confidence",
                              description=describe_selection(sel, years))

    box = explore.explorer({"categories": chosen, "years": slider}, render,
                   intro="Switch categories on or off and drag the ends of the year slider. "
                         "Keyboard: Tab to a control, Space toggles a category, arrow keys move the slider.")
    box.children = (box.children[0], w.HTML("<b>Categories</b>"), cats, *box.children[1:])
    return box


timeline_explorer = explorer  # the name notebook 00 used before the lessons moved (kept for saved copies)


def reading_explorer(events: pd.DataFrame | None = None):
    """The explorer without a kernel (the reading edition): the same timeline points, one checkbox per category
    and two year sliders bound to Vega-Lite parameters, starting where the widget starts (all on, all years)."""
    from ..charts import timeline_points

    ev = events_for_plot(events)
    lo, hi = int(ev["year"].min()), int(ev["year"].max())
    cats = [c for c in CATEGORY_COLORS if c in set(ev["category"])]
    shows, shown = explore.checkboxes("show", {c: c for c in cats}, cats)
    y0, y1, span = explore.year_range(lo, hi)
    sel = filter_events(ev, cats, (lo, hi))
    chart = timeline_points(ev).add_params(*shows, y0, y1).transform_filter(
        f"{shown('datum.category')} && {span('year(datum.when)')}")
    return finish(chart, alt.Title(alt.ExprRef("'Events ' + min(year_from, year_to) + '–' + max(year_from, year_to)"),
                                   subtitle="Hover over a point: date, summary, sources, confidence"),
                  description=describe_selection(sel, (lo, hi)), width=640, height=260)
