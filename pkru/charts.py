"""The course chart theme and chart builders (Altair 5.5).

- ``enable()`` turns on the offline renderer and the course theme (``pkru.setup()`` calls it).
- Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies); each country
  and each event category keeps the same colour in every notebook.
- Every builder takes a ``title`` that says what to notice and a ``description`` for screen readers,
  and puts the source in the tooltip.
"""
from __future__ import annotations

import sys

import altair as alt
import pandas as pd

from .data import events_for_plot

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

COUNTRY_COLORS = {"PAK": "#009E73", "RUS": "#0072B2", "USA": "#D55E00", "CHN": "#E69F00",
                  "IND": "#CC79A7", "WLD": "#666666"}
COUNTRY_NAMES = {"PAK": "Pakistan", "RUS": "USSR/Russia", "USA": "United States", "CHN": "China",
                 "IND": "India", "WLD": "World"}
CATEGORY_COLORS = {"diplomacy": "#0072B2", "security": "#D55E00", "economy": "#009E73", "energy": "#E69F00",
                   "multilateral": "#56B4E9", "culture": "#CC79A7", "conflict": "#000000"}

FONT = "Segoe UI, Helvetica Neue, Arial, sans-serif"


def theme() -> dict:
    return {"config": {
        "view": {"continuousWidth": 620, "continuousHeight": 300, "stroke": None},
        "font": FONT,
        "title": {"fontSize": 16, "anchor": "start", "subtitleFontSize": 13, "subtitleColor": "#444"},
        "axis": {"labelFontSize": 12, "titleFontSize": 13, "gridColor": "#e6e6e6"},
        "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "right"},
        "range": {"category": OKABE_ITO},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 60, "filled": True},
    }}


VEGALITE_MIME = "application/vnd.vegalite.v5+json"
# A constant 1x1 transparent PNG (base64). See renderer() for why it is there.
PLACEHOLDER_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR42mNgAAIAAAUAAen63NgAAAAASUVORK5CYII="
TEXT_FALLBACK = "<Altair chart: open this notebook in JupyterLab or Voila and run it to see the interactive chart>"


#: vega-embed options for both front ends. The actions menu is off: its button is an unlabelled <summary> (screen
#: readers announce nothing), and two of its entries open pages on the web, which the offline course avoids.
EMBED_OPTIONS = {"actions": False}


def renderer(spec: dict, **options):
    """Altair renderer: the Vega-Lite 5 mimebundle that JupyterLab 4 and Voila render natively and offline.

    Same as Altair's "mimetype" renderer plus a constant placeholder "image/png". Voila 0.5 hands its Vega
    renderer a plain JSON object for static outputs, and the renderer then calls model.setData() to cache a
    PNG snapshot, which fails ("Javascript Error: e.setData is not a function", a pink box under every chart).
    With an image/png already in the bundle that call is skipped. The Vega-Lite renderer outranks the image
    renderer in both front ends, so the interactive chart (with tooltips) is what learners see."""
    bundle = {VEGALITE_MIME: spec, "image/png": PLACEHOLDER_PNG, "text/plain": TEXT_FALLBACK}
    return bundle, {VEGALITE_MIME: {"embed_options": dict(EMBED_OPTIONS), **options}}


_enabled = False


def enable() -> None:
    """Offline rendering + course theme. Safe to call twice."""
    global _enabled
    if _enabled:
        return
    alt.renderers.register("pkru", renderer)
    alt.renderers.enable("pkru")
    alt.theme.register("pkru", enable=True)(theme)
    _enabled = True


def country_scale(codes=None) -> alt.Scale:
    codes = list(codes or COUNTRY_COLORS)
    return alt.Scale(domain=[COUNTRY_NAMES.get(c, c) for c in codes],
                     range=[COUNTRY_COLORS.get(c, "#999999") for c in codes])


def category_scale() -> alt.Scale:
    return alt.Scale(domain=list(CATEGORY_COLORS), range=list(CATEGORY_COLORS.values()))


def finish(chart, title: str, subtitle: str | None = None, description: str | None = None,
           width: int | None = None, height: int | None = None):
    """Title (what to notice), subtitle (source line) and a text description for screen readers."""
    props = {"title": alt.Title(title, subtitle=subtitle) if subtitle else title}
    if description:
        props["description"] = description
    if width:
        props["width"] = width
    if height:
        props["height"] = height
    return chart.properties(**props)


def _fmt_value(v, fmt: str) -> str:
    return "no value" if v is None or pd.isna(v) else fmt.format(v)


def _fmt_x(v) -> str:
    if isinstance(v, pd.Timestamp):
        return str(v.year)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def describe(kind: str, data: pd.DataFrame, *, what: str, x: str | None = None, y: str | None = None,
             series: str | None = None, fmt: str = "{:.1f}", unit: str = "", max_series: int = 6) -> str:
    """A description for screen readers, written from the data a chart draws (never typed by hand).

    ``kind`` names the chart ("Line chart", "Bar chart", "Timeline"…), ``what`` what it shows. With ``x`` the span
    of the x values is given; with ``y`` each series (``series`` column, or the whole frame) is summed up by its
    first, highest and last values, with ``fmt`` and ``unit``. Example: "Line chart of Russia's share of
    Pakistan's trade (%), 1948–2014. USSR/Russia: 0.5 in 1948, highest 3.9 in 1971, 0.9 in 2014."
    """
    if data is None or len(data) == 0:
        return f"{kind} of {what}: nothing to show for this selection."
    parts = [f"{kind} of {what}"]
    if x is not None and x in data:
        xs = data[x].dropna()
        if len(xs):
            try:
                lo, hi = xs.min(), xs.max()
            except TypeError:  # unordered categories: first and last as drawn
                lo, hi = xs.iloc[0], xs.iloc[-1]
            lo, hi = _fmt_x(lo), _fmt_x(hi)
            parts[0] += f", {lo}–{hi}" if lo != hi else f", {lo}"
    text = parts[0] + "."
    if y is None or y not in data:
        return text
    groups = list(data.groupby(series, sort=False)) if series and series in data else [(None, data)]
    notes = []
    for name, g in groups[:max_series]:
        g = g.dropna(subset=[y])
        if g.empty:
            continue
        if x is not None and x in g:
            g = g.sort_values(x)
            g = g.reset_index(drop=True)
            i_top = int(g[y].to_numpy().argmax())
            first, last, top = g.iloc[0], g.iloc[-1], g.iloc[i_top]
            bits = [f"{_fmt_value(first[y], fmt)}{unit} in {_fmt_x(first[x])}"]
            if 0 < i_top < len(g) - 1:
                bits.append(f"highest {_fmt_value(top[y], fmt)}{unit} in {_fmt_x(top[x])}")
            if len(g) > 1:
                bits.append(f"{_fmt_value(last[y], fmt)}{unit} in {_fmt_x(last[x])}")
            if i_top in (0, len(g) - 1) and len(g) > 2:
                bits.append("highest at the " + ("start" if i_top == 0 else "end"))
        else:
            bits = [f"{_fmt_value(g[y].iloc[0], fmt)}{unit}"] if len(g) == 1 else [
                f"from {_fmt_value(g[y].min(), fmt)}{unit} to {_fmt_value(g[y].max(), fmt)}{unit}"]
        notes.append((f"{name}: " if name is not None else "") + ", ".join(bits))
    if len(groups) > max_series:
        notes.append(f"and {len(groups) - max_series} more")
    return text + (" " + "; ".join(notes) + "." if notes else "")


def count_description(kind: str, data: pd.DataFrame, *, what: str, by: str, count: str | None = None,
                      x: str | None = None) -> str:
    """A description of a chart of counts: the total, and the count per ``by`` value (largest first).
    ``count`` is a column of counts; without it every row counts once."""
    if data is None or len(data) == 0:
        return f"{kind} of {what}: nothing to show for this selection."
    n = data.groupby(by, sort=False)[count].sum() if count else data[by].value_counts()
    n = n.sort_values(ascending=False)
    head = f"{kind} of {what}"
    if x is not None and x in data:
        xs = data[x].dropna()
        if len(xs):
            lo, hi = _fmt_x(xs.min()), _fmt_x(xs.max())
            head += f", {lo}–{hi}" if lo != hi else f", {lo}"
    total = int(n.sum())
    return f"{head}: {total} in all; " + ", ".join(f"{k} {int(v)}" for k, v in n.items()) + "."


def timeline_points(ev: pd.DataFrame):
    """The event-point layer of the timeline (unfinished, so it can be layered over phases or other marks).
    ``ev`` comes from ``pkru.data.events_for_plot``."""
    return alt.Chart(ev[["when", "when_label", "title", "summary", "category", "source", "confidence"]]).mark_point(
        filled=True, size=110, opacity=0.85
    ).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("category:N", title=None, sort=list(CATEGORY_COLORS)),
        color=alt.Color("category:N", scale=category_scale(), legend=None),
        shape=alt.Shape("confidence:N", scale=alt.Scale(domain=["high", "medium", "low"],
                                                        range=["circle", "triangle-up", "cross"]),
                        legend=alt.Legend(title="Confidence")),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("summary:N", title="Summary"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("confidence:N", title="Confidence")],
    )


def timeline(events: pd.DataFrame | None = None, title: str = "Pakistan–USSR/Russia relations: dated events",
             subtitle: str = "Hover over a point for the event, its summary and its sources",
             description: str | None = None, height: int = 260):
    """Dot timeline of events (one row per category). Tooltips: date, title, summary, sources, confidence."""
    ev = events_for_plot(events) if events is None or "when" not in events else events
    desc = description or (f"Timeline of {len(ev)} events from {ev['year'].min()} to {ev['year'].max()}, "
                           "one row per category." if len(ev) else "Timeline with no events selected.")
    return finish(timeline_points(ev), title, subtitle, desc, width=640, height=height)


def event_rules(events: pd.DataFrame, label_field: str = "label", y_text: float | None = None, color="#555",
                levels: int = 3):
    """Dashed vertical rules with short labels for annotating a time series with events.

    ``events`` needs ``when`` (timestamp), a label column and ``source``/``title`` for the tooltip. Labels are
    staggered over ``levels`` heights (in date order) so that events close in time do not overlap."""
    cols = ["when", label_field, "title", "source", "when_label"]
    ev = events[cols].sort_values("when").reset_index(drop=True)
    top = y_text if y_text is not None else 2
    levels = max(levels, 1)
    ev["level"] = [i % levels for i in range(len(ev))]
    base = alt.Chart(ev)
    rules = base.mark_rule(strokeDash=[4, 3], color=color).encode(
        x="when:T",
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("source:N", title="Source")])
    texts = [base.transform_filter(alt.datum.level == k).mark_text(
                 align="left", dx=3, baseline="top", fontSize=11, color=color).encode(
                 x="when:T", y=alt.value(top + 14 * k), text=f"{label_field}:N")
             for k in range(min(levels, len(ev)) or 1)]
    return alt.layer(rules, *texts)


def pick_events(event_ids: dict[str, str]) -> pd.DataFrame:
    """Events for annotation: ``{event_id: short label}`` -> rows with when/label/title/source."""
    ev = events_for_plot()
    missing = [k for k in event_ids if k not in set(ev["event_id"])]
    if missing:
        raise KeyError(f"Unknown event id(s) {missing}: see data/events.csv")
    out = ev[ev["event_id"].isin(event_ids)].copy()
    out["label"] = out["event_id"].map(event_ids)
    return out


def line(df: pd.DataFrame, x: str, y: str, color: str | None = None, *, title: str, subtitle: str | None = None,
         description: str, x_title: str | None = None, y_title: str | None = None, tooltip=None,
         color_scale: alt.Scale | None = None, x_type: str = "Q", points: bool = True):
    """A line chart with the course defaults. ``tooltip`` defaults to x, y, color and source."""
    tooltip = tooltip or [c for c in [x, color, y, "source"] if c and c in df.columns]
    enc = dict(x=alt.X(f"{x}:{x_type}", title=x_title, axis=alt.Axis(format="d") if x_type == "Q" else alt.Axis()),
               y=alt.Y(f"{y}:Q", title=y_title), tooltip=tooltip)
    if color:
        enc["color"] = alt.Color(f"{color}:N", scale=color_scale or alt.Undefined, title=None)
    chart = alt.Chart(df).mark_line(point=points).encode(**enc)
    return finish(chart, title, subtitle, description)


# pkru.setup() asks for the course renderer whenever Altair arrives; when Altair arrives by importing this
# module, the request is served here, once the module is complete.
if getattr(sys.modules[__package__], "_charts_wanted", False):
    enable()
