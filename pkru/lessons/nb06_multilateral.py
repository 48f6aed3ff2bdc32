"""Notebook 06 (multilateral): UN General Assembly voting agreement (data/unga_agreement.csv) and the
multilateral record (the SCO, the OIC, BRICS and the Ukraine votes in data/events.csv).

Plain functions, tested in tests/test_nb06_multilateral.py; the notebook and its widget only call them.

Agreement of a pair in a year = share of the roll calls on which both countries voted yes, no or
abstain and cast the same vote (absences are not recorded). ``RUS`` is the USSR up to 1991 and the
Russian Federation after it; ``CHN`` is the People's Republic from November 1971 only; Voeten's roll calls end
in 2019. Issue tags are keyword-based and cover only part of the roll calls. From 2019 the UN's own records
(data/unga_agreement_recorded.csv, resolutions adopted by recorded vote) continue the series on another basis:
``bases_chart`` draws the two as separate segments with the break marked. ``idealpoints_chart`` shows a second,
model-based measure (Voeten et al.'s ideal points, to 2024).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import COUNTRY_COLORS, count_description, describe, finish
from ..data import load, with_source_labels
from .nb05_security import describe_event_lines

__all__ = [
    "SOURCE_ID", "PAIRS", "PAIR_LABELS", "PAIR_COLORS", "ISSUES", "TOPICS", "pair_rows", "agreement_series",
    "decade_table", "issue_profile", "biggest_change", "agenda_shares", "describe_series", "series_chart",
    "partners_frame", "describe_lines", "describe_partners", "partners_chart", "describe_issue_profile", "issue_chart",
    "describe_agenda", "agenda_chart", "widget_view", "EXPLORER_START", "WINDOWS", "explorer", "reading_explorer", "leader_meetings", "BODIES", "body_of",
    "multilateral_events", "body_timeline", "CITED_EVENTS", "CITED_SOURCES",
    "bases_frame", "describe_bases", "bases_chart", "idealpoints_frame", "describe_idealpoints", "idealpoints_chart",
]

SOURCE_ID = "unvotes_voeten"

#: pair code -> (country_a, country_b); the keys are what learners pick in the widget
PAIRS = {"PAK-RUS": ("PAK", "RUS"), "PAK-USA": ("PAK", "USA"), "PAK-CHN": ("PAK", "CHN"),
         "PAK-IND": ("PAK", "IND"), "IND-RUS": ("IND", "RUS")}
PAIR_LABELS = {"PAK-RUS": "Pakistan – USSR/Russia", "PAK-USA": "Pakistan – United States",
               "PAK-CHN": "Pakistan – China (PRC, from 1971)", "PAK-IND": "Pakistan – India",
               "IND-RUS": "India – USSR/Russia"}
#: colour of a pair = colour of its partner country in the course palette (India–Russia: dashed grey-blue)
PAIR_COLORS = {"PAK-RUS": COUNTRY_COLORS["RUS"], "PAK-USA": COUNTRY_COLORS["USA"],
               "PAK-CHN": COUNTRY_COLORS["CHN"], "PAK-IND": COUNTRY_COLORS["IND"], "IND-RUS": "#56B4E9"}
ISSUES = {"all": "All roll calls", "me": "Palestinian conflict", "co": "Colonialism",
          "ec": "Economic development", "hr": "Human rights", "di": "Arms control and disarmament",
          "nu": "Nuclear weapons and material"}
TOPICS = [k for k in ISSUES if k != "all"]


def _check(pair: str, issue: str) -> None:
    if pair not in PAIRS:
        raise ValueError(f"Unknown pair '{pair}': choose one of {', '.join(PAIRS)}")
    if issue not in ISSUES:
        raise ValueError(f"Unknown issue '{issue}': choose one of {', '.join(ISSUES)}")


def pair_rows(df: pd.DataFrame, pair: str, issue: str = "all") -> pd.DataFrame:
    """Rows of the agreement table for one pair ("PAK-RUS") and one issue ("all", "me", ...), sorted by year."""
    _check(pair, issue)
    a, b = PAIRS[pair]
    out = df[(df["country_a"] == a) & (df["country_b"] == b) & (df["issue"] == issue)]
    return out.sort_values("year").reset_index(drop=True)


def agreement_series(df: pd.DataFrame, pair: str, issue: str = "all", window: int = 1) -> pd.DataFrame:
    """Yearly agreement of one pair on one issue, with a centred rolling mean over ``window`` years.

    Years without roll calls (1964, or years with no tagged vote) stay in the frame with an empty
    ``agreement`` so that the rolling mean spans calendar years, not rows; the mean uses the years that
    have data (a window of 1 gives the yearly values back). Columns: year, agreement, smoothed,
    n_votes, pair, pair_label, issue, issue_label, source.
    """
    window = int(window)
    if window < 1:
        raise ValueError("window must be a whole number of years, at least 1")
    rows = pair_rows(df, pair, issue)
    if rows.empty:
        return pd.DataFrame(columns=["year", "agreement", "smoothed", "n_votes", "pair", "pair_label",
                                     "issue", "issue_label", "source"])
    years = pd.RangeIndex(int(rows["year"].min()), int(rows["year"].max()) + 1, name="year")
    s = rows.set_index(rows["year"].astype(int))[["agreement", "n_votes"]].reindex(years)
    s["agreement"] = s["agreement"].astype("float64")
    s["smoothed"] = s["agreement"].rolling(window, center=True, min_periods=1).mean()
    s = s.reset_index()
    s["n_votes"] = s["n_votes"].astype("Int64")
    s["pair"], s["pair_label"] = pair, PAIR_LABELS[pair]
    s["issue"], s["issue_label"] = issue, ISSUES[issue]
    s["source"] = "Voeten, Strezhnev & Bailey, UN General Assembly voting data (Harvard Dataverse)"
    return s


def decade_table(df: pd.DataFrame, pairs=None, issue: str = "all") -> pd.DataFrame:
    """Average yearly agreement by decade (rows) and pair (columns), as percentages rounded to 1 decimal."""
    pairs = list(pairs or PAIRS)
    cols = {}
    for p in pairs:
        rows = pair_rows(df, p, issue)
        cols[PAIR_LABELS[p]] = rows.groupby((rows["year"] // 10) * 10)["agreement"].mean() * 100
    out = pd.DataFrame(cols).round(1)
    out.index = [f"{int(d)}s" for d in out.index]
    out.index.name = "decade"
    return out


def issue_profile(df: pd.DataFrame, pairs=("PAK-RUS", "PAK-USA"),
                  periods=((1980, 1989), (2010, 2019))) -> pd.DataFrame:
    """Average yearly agreement by issue for some pairs in some periods (tidy: one row per pair, period, issue).

    Columns: pair, pair_label, period, issue, issue_label, agreement (share), n_votes (roll calls in the
    period with both voting), source."""
    rows = []
    for p in pairs:
        for lo, hi in periods:
            for issue in ISSUES:
                r = pair_rows(df, p, issue)
                r = r[r["year"].between(lo, hi)]
                rows.append({"pair": p, "pair_label": PAIR_LABELS[p], "period": f"{lo}–{hi}", "issue": issue,
                             "issue_label": ISSUES[issue], "agreement": float(r["agreement"].mean()),
                             "n_votes": int(r["n_votes"].sum())})
    out = pd.DataFrame(rows)
    out["source"] = "Voeten, Strezhnev & Bailey UN votes"
    return out


def biggest_change(df: pd.DataFrame, pair: str = "PAK-RUS", then=(1980, 1989), now=(2010, 2019)) -> pd.DataFrame:
    """Change in average agreement (now minus then, in percentage points) by issue, largest fall first."""
    prof = issue_profile(df, [pair], [then, now])
    wide = prof.pivot_table(index="issue", columns="period", values="agreement")
    t, n = f"{then[0]}–{then[1]}", f"{now[0]}–{now[1]}"
    out = pd.DataFrame({"issue": wide.index, "issue_label": [ISSUES[i] for i in wide.index],
                        "then": wide[t].values * 100, "now": wide[n].values * 100})
    out["change_pts"] = out["now"] - out["then"]
    out = out[out["issue"] != "all"].sort_values("change_pts").reset_index(drop=True)
    return out.round(1)


def agenda_shares(df: pd.DataFrame, pair: str = "PAK-RUS") -> pd.DataFrame:
    """Share (%) of a pair's roll calls that carry each issue tag, by decade (tidy).

    The denominator is the roll calls on which both voted (issue 'all'). A roll call can carry several
    tags and about a third carry none, so the shares do not add up to 100."""
    rows = df[(df["country_a"] == PAIRS[pair][0]) & (df["country_b"] == PAIRS[pair][1])].copy()
    rows["decade"] = (rows["year"] // 10) * 10
    n = rows.pivot_table(index="decade", columns="issue", values="n_votes", aggfunc="sum").fillna(0)
    shares = n[TOPICS].div(n["all"], axis=0) * 100
    out = shares.reset_index().melt(id_vars="decade", var_name="issue", value_name="share")
    out["issue_label"] = out["issue"].map(ISSUES)
    out["roll_calls"] = out["decade"].map(n["all"]).astype(int)
    out["decade_label"] = out["decade"].astype(int).astype(str) + "s"
    out["source"] = "Voeten, Strezhnev & Bailey UN votes"
    return out.round({"share": 1})


def describe_series(series: pd.DataFrame, window: int = 1) -> str:
    """One or two sentences on what a series from ``agreement_series`` shows (for the widget)."""
    s = series.dropna(subset=["agreement"])
    if s.empty:
        return "No roll calls for this choice: pick another issue or pair."
    label, issue = s["pair_label"].iloc[0], s["issue_label"].iloc[0]
    hi = s.loc[s["agreement"].idxmax()]
    lo = s.loc[s["agreement"].idxmin()]
    first, last = int(s["year"].min()), int(s["year"].max())
    text = (f"{label}, {issue}: {len(s)} years with data ({first}–{last}), "
            f"{int(s['n_votes'].sum()):,} roll calls in all. Highest yearly agreement {hi['agreement']:.0%} "
            f"({int(hi['year'])}), lowest {lo['agreement']:.0%} ({int(lo['year'])}).")
    small = int((s["n_votes"] < 5).sum())
    if small:
        text += (f" In {small} of those years fewer than five roll calls count, so single yearly values are "
                 "shaky: a wider smoothing window helps.")
    if window > 1:
        text += f" The line is a centred {window}-year average; the dots are the yearly values."
    return text


# ------------------------------------------------------------------ charts
def _tooltip():
    return [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("pair_label:N", title="Pair"),
            alt.Tooltip("issue_label:N", title="Issue"),
            alt.Tooltip("agreement:Q", title="Agreement that year", format=".0%"),
            alt.Tooltip("smoothed:Q", title="Smoothed", format=".0%"),
            alt.Tooltip("n_votes:Q", title="Roll calls counted"), alt.Tooltip("source:N", title="Source")]


def series_chart(series: pd.DataFrame, reference: pd.DataFrame | None = None, title: str | None = None,
                 window: int = 1, description: str | None = None):
    """Dots (yearly) + line (smoothed) for one series; an optional grey dashed reference line
    (e.g. the same pair on all roll calls). Without ``description``, :func:`describe_series` writes it."""
    s = series.dropna(subset=["agreement"]).copy()
    colour = PAIR_COLORS.get(s["pair"].iloc[0], "#0072B2") if len(s) else "#0072B2"
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(domain=[1946, 2020]))
    y = alt.Y("agreement:Q", title="Share of roll calls with the same vote", axis=alt.Axis(format="%"),
              scale=alt.Scale(domain=[0, 1]))
    dots = alt.Chart(s).mark_point(filled=True, size=28, opacity=0.45, color=colour).encode(
        x=x, y=y, tooltip=_tooltip())
    line = alt.Chart(s).mark_line(color=colour, strokeWidth=2.5).encode(
        x=x, y=alt.Y("smoothed:Q"), tooltip=_tooltip())
    layers = [dots, line]
    if reference is not None and len(reference):
        r = reference.dropna(subset=["agreement"])
        layers.insert(0, alt.Chart(r).mark_line(color="#888888", strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=x, y=alt.Y("smoothed:Q"), tooltip=_tooltip()))
    label = s["pair_label"].iloc[0] if len(s) else ""
    issue = s["issue_label"].iloc[0] if len(s) else ""
    sub = ("Dots: yearly agreement · line: centred "
           f"{window}-year average" + (" · dashed grey: same pair, all roll calls" if reference is not None
                                       and len(reference) else "")
           + " · source: Voeten et al. UN votes (CC0)")
    desc = describe_series(series, window) if description is None else description
    return finish(alt.layer(*layers), title or f"{label}: {issue}", subtitle=sub, description=desc,
                  width=620, height=280)


def partners_frame(df: pd.DataFrame, pairs=("PAK-RUS", "PAK-USA", "PAK-CHN", "PAK-IND"), issue: str = "all",
                   window: int = 5) -> pd.DataFrame:
    """Several pairs' series (``agreement_series``) stacked into one tidy frame, for a multi-line chart."""
    return pd.concat([agreement_series(df, p, issue, window) for p in pairs], ignore_index=True)


def describe_lines(frame: pd.DataFrame, *, head: str, y: str, series: str, at: str, fmt: str = "{:.0%}") -> str:
    """A line chart's description for screen readers, from the values it draws: ``head`` (what is shown and
    its span), then for each ``series`` its first and last ``y`` values and, in between, its highest and lowest,
    each "in" its ``at`` label (a year, a period), in the frame's order. Used by :func:`describe_partners` and
    by notebook 08."""
    notes = []
    for label, g in frame.dropna(subset=[y]).groupby(series, sort=False):
        g = g.reset_index(drop=True)
        bits = [f"{fmt.format(g.loc[0, y])} in {g.loc[0, at]}"]
        for word, i in (("highest", g[y].idxmax()), ("lowest", g[y].idxmin())):
            if 0 < i < len(g) - 1:
                bits.append(f"{word} {fmt.format(g.loc[i, y])} in {g.loc[i, at]}")
        if len(g) > 1:
            bits.append(f"{fmt.format(g.loc[len(g) - 1, y])} in {g.loc[len(g) - 1, at]}")
        notes.append(f"{label}: " + ", ".join(bits))
    return f"{head}. " + "; ".join(notes) + "." if notes else f"{head}: no values for this choice."


def describe_partners(frame: pd.DataFrame, events: pd.DataFrame | None = None) -> str:
    """Description for screen readers of :func:`partners_chart`, from the smoothed values it draws: the span,
    and for each pair its first, highest, lowest and last values; then the event lines, if any."""
    f = frame.dropna(subset=["smoothed"]).sort_values("year", kind="stable")
    if f.empty:
        return "Line chart of UN General Assembly voting agreement: no roll calls for this choice."
    f = f.assign(year=f["year"].astype(int))
    text = describe_lines(f, head=f"Line chart of the share of UN General Assembly roll calls on which "
                                  f"{f['pair'].nunique()} pairs voted alike (smoothed), "
                                  f"{f['year'].min()}–{f['year'].max()}",
                          y="smoothed", series="pair_label", at="year")
    return f"{text} {describe_event_lines(events)}".strip() if events is not None and len(events) else text


def partners_chart(frame: pd.DataFrame, events: pd.DataFrame | None = None, *, title: str, subtitle: str,
                   description: str | None = None):
    """Smoothed agreement lines, one per pair (course colours), optionally annotated with events.
    Without ``description``, :func:`describe_partners` writes it."""
    from ..charts import event_rules

    pairs = list(dict.fromkeys(frame["pair"]))
    scale = alt.Scale(domain=[PAIR_LABELS[p] for p in pairs], range=[PAIR_COLORS[p] for p in pairs])
    f = frame.dropna(subset=["smoothed"]).copy()
    f["when"] = pd.to_datetime(f["year"].astype(int).astype(str) + "-07-01")
    lines = alt.Chart(f).mark_line(strokeWidth=2.5).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y")),
        y=alt.Y("smoothed:Q", title="Share of roll calls with the same vote", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("pair_label:N", scale=scale, title=None,
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=320)),
        tooltip=_tooltip())
    points = lines.mark_point(size=18, filled=True, opacity=0.5).encode(y="smoothed:Q")
    layers = [lines, points]
    if events is not None and len(events):
        layers.append(event_rules(events))
    desc = describe_partners(frame, events) if description is None else description
    return finish(alt.layer(*layers), title, subtitle, desc, width=640, height=320)


def describe_issue_profile(profile: pd.DataFrame) -> str:
    """Description for screen readers of :func:`issue_chart`, from the profile it draws: for each pair and
    period the range of agreement over the issue tags, and the tag whose agreement changed most."""
    tags = profile[profile["issue"] != "all"].dropna(subset=["agreement"])
    if tags.empty:
        return "Dumbbell chart of UN agreement by issue: no roll calls for this choice."
    periods = list(dict.fromkeys(profile["period"]))
    notes = []
    for label, g in tags.groupby("pair_label", sort=False):
        ranges = [f"{per} from {x['agreement'].min():.0%} to {x['agreement'].max():.0%}"
                  for per, x in g.groupby("period", sort=False)]
        note = f"{label}: " + "; ".join(ranges)
        wide = g.pivot_table(index="issue_label", columns="period", values="agreement")
        if len(periods) >= 2 and {periods[0], periods[-1]} <= set(wide.columns):
            change = (wide[periods[-1]] - wide[periods[0]]).dropna()
            if len(change):
                k = change.abs().idxmax()
                note += (f"; largest change {k} ({wide.loc[k, periods[0]]:.0%} to {wide.loc[k, periods[-1]]:.0%})")
        notes.append(note)
    return (f"Dumbbell chart of average yearly UN agreement by issue tag in {' and '.join(periods)}, one panel "
            "per pair. " + ". ".join(notes) + ".")


def issue_chart(profile: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None):
    """Dumbbell chart: agreement by issue in two periods, one panel per pair.
    Without ``description``, :func:`describe_issue_profile` writes it."""
    periods = list(dict.fromkeys(profile["period"]))
    order = list(ISSUES.values())
    base = alt.Chart(profile).encode(
        y=alt.Y("issue_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
        tooltip=[alt.Tooltip("pair_label:N", title="Pair"), alt.Tooltip("period:N", title="Years"),
                 alt.Tooltip("issue_label:N", title="Issue"),
                 alt.Tooltip("agreement:Q", title="Average yearly agreement", format=".0%"),
                 alt.Tooltip("n_votes:Q", title="Roll calls counted"), alt.Tooltip("source:N", title="Source")])
    rule = base.mark_line(color="#999999", strokeWidth=2).encode(
        x=alt.X("agreement:Q", title="Average yearly agreement", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        detail="issue_label:N")
    dots = base.mark_point(filled=True, size=110, opacity=1).encode(
        x="agreement:Q",
        color=alt.Color("period:N", title="Years", scale=alt.Scale(domain=periods, range=["#999999", "#0072B2"])),
        shape=alt.Shape("period:N", title="Years", scale=alt.Scale(domain=periods, range=["circle", "diamond"])))
    chart = alt.layer(rule, dots).properties(width=270, height=220).facet(
        column=alt.Column("pair_label:N", title=None, header=alt.Header(labelFontSize=13)))
    return finish(chart, title, subtitle, describe_issue_profile(profile) if description is None else description)


def describe_agenda(shares: pd.DataFrame) -> str:
    """Description for screen readers of :func:`agenda_chart`, from the shares it draws (each tag's first,
    highest and last decade)."""
    return describe("Heat map", shares, what="the share of roll calls carrying each issue tag, by decade",
                    x="decade_label", y="share", series="issue_label", fmt="{:.0f}", unit="%",
                    max_series=len(TOPICS))


def agenda_chart(shares: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None):
    """Heat map: share of the roll calls carrying each issue tag, by decade.
    Without ``description``, :func:`describe_agenda` writes it."""
    base = alt.Chart(shares).encode(
        x=alt.X("decade_label:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("issue_label:N", title=None, sort=list(ISSUES.values()), axis=alt.Axis(labelLimit=240)),
        tooltip=[alt.Tooltip("decade_label:N", title="Decade"), alt.Tooltip("issue_label:N", title="Issue"),
                 alt.Tooltip("share:Q", title="% of roll calls with this tag", format=".1f"),
                 alt.Tooltip("roll_calls:Q", title="Roll calls in the decade"),
                 alt.Tooltip("source:N", title="Source")])
    cells = base.mark_rect().encode(color=alt.Color("share:Q", title="% of roll calls",
                                                    scale=alt.Scale(scheme="blues", domain=[0, 30])))
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("share:Q", format=".0f"),
        color=alt.condition("datum.share > 18", alt.value("white"), alt.value("black")))
    desc = describe_agenda(shares) if description is None else description
    return finish(alt.layer(cells, text), title, subtitle, desc, width=560, height=230)


def widget_view(df: pd.DataFrame, pair: str, issue: str, window: int):
    """What the widget shows for one choice: a sentence and a chart (plain function, tested)."""
    series = agreement_series(df, pair, issue, window)
    ref = agreement_series(df, pair, "all", window) if issue != "all" else None
    return describe_series(series, window), series_chart(series, ref, window=window)


#: Where the explorer starts, and its smoothing windows (the widget and the reading edition's version).
EXPLORER_START = {"pair": "PAK-RUS", "issue": "all", "window": 5}
WINDOWS = (1, 3, 5, 7, 9, 11)


def explorer(df: pd.DataFrame | None = None):
    """The notebook's widget: pair, issue and smoothing window -> sentence + chart."""
    import html

    import ipywidgets as w

    from ..explore import explorer as make_explorer

    df = load("unga_agreement") if df is None else df
    start = EXPLORER_START
    pair = w.Dropdown(options=[(v, k) for k, v in PAIR_LABELS.items()], value=start["pair"], description="Pair",
                      style={"description_width": "110px"}, layout=w.Layout(width="420px"))
    issue = w.Dropdown(options=[(v, k) for k, v in ISSUES.items()], value=start["issue"], description="Issue",
                       style={"description_width": "110px"}, layout=w.Layout(width="420px"))
    window = w.IntSlider(value=start["window"], min=WINDOWS[0], max=WINDOWS[-1], step=WINDOWS[1] - WINDOWS[0],
                         description="Smoothing (years)",
                         continuous_update=False, style={"description_width": "110px"},
                         layout=w.Layout(width="420px"))

    def render(pair, issue, window):
        text, chart = widget_view(df, pair, issue, window)
        return w.HTML(f"<p class='pkru-selection'>{html.escape(text)}</p>"), chart

    return make_explorer({"pair": pair, "issue": issue, "window": window}, render,
                         intro="Pick a pair and an issue; move the slider to smooth the yearly values "
                               "(1 = no smoothing). Keyboard: Tab to a control, arrow keys to change it.")


def reading_explorer(df: pd.DataFrame | None = None):
    """The explorer without a kernel (the reading edition): ``series_chart`` over every pair, with the smoothed
    line of every window from ``agreement_series`` (the page only picks one), the pair as a list and the window
    as a slider (Vega-Lite parameters), starting at ``EXPLORER_START``; the issue stays on all roll calls."""
    from .. import explore

    df = load("unga_agreement") if df is None else df
    st = EXPLORER_START
    frames = []
    for p in PAIRS:
        one = agreement_series(df, p, st["issue"], 1)
        base = one[["year", "agreement", "n_votes", "pair"]].copy()
        for w in WINDOWS:
            base[f"s{w}"] = agreement_series(df, p, st["issue"], w)["smoothed"].to_numpy()
        frames.append(base)
    source = one["source"].iloc[0]
    wide = pd.concat(frames, ignore_index=True).dropna(subset=["agreement"])
    wide = wide.round({"agreement": 4, **{f"s{w}": 4 for w in WINDOWS}})
    _, chart = widget_view(df, st["pair"], st["issue"], st["window"])
    colour = alt.Color("pair_label:N", legend=None, scale=alt.Scale(domain=list(PAIR_LABELS.values()),
                                                                     range=[PAIR_COLORS[p] for p in PAIR_LABELS]))
    for layer in chart.layer:
        layer.data = alt.Undefined
        layer.encoding.color = colour
    chart.data = wide
    pair = explore.select("pair", PAIR_LABELS, st["pair"], "Pair")
    window = alt.param(name="window", value=st["window"], bind=alt.binding_range(
        min=WINDOWS[0], max=WINDOWS[-1], step=WINDOWS[1] - WINDOWS[0], name="Smoothing (years)"))
    chosen = " : ".join(f"window === {w} ? datum.s{w}" for w in WINDOWS[:-1]) + f" : datum.s{WINDOWS[-1]}"
    chart = chart.add_params(pair, window).transform_filter("datum.pair === pair").transform_calculate(
        smoothed=chosen, pair_label=explore.pick(PAIR_LABELS, "datum.pair"),
        issue_label=explore.js(ISSUES[st["issue"]]), source=explore.js(source))
    chart.title = alt.Title(alt.ExprRef(f"{explore.pick(PAIR_LABELS, 'pair')} + ': ' + {explore.js(ISSUES[st['issue']])}"),
                            subtitle="Dots: yearly agreement · line: centred average over the years of the slider · "
                                     "source: Voeten et al. UN votes (CC0)")
    chart.usermeta = {"pkru": {"note": "In the notebook the explorer also picks an issue (the Palestinian conflict, "
                                       "colonialism, human rights, …) and writes a sentence on the series; those "
                                       "need Python."}}
    return chart


# ------------------------------------------------------------------ the multilateral record in events.csv
def leader_meetings(events: pd.DataFrame, since: int = 2015) -> pd.DataFrame:
    """Events since ``since`` whose summary mentions Putin, with ``at_sco`` = the summary mentions the SCO."""
    ev = events[events["date"].str[:4].astype(int) >= since]
    ev = ev[ev["summary"].str.contains("Putin", regex=False)].copy()
    ev["at_sco"] = ev["summary"].str.contains("SCO", regex=False)
    return ev[["event_id", "date", "title", "at_sco", "source_ids"]].reset_index(drop=True)


BODIES = ["SCO", "OIC", "BRICS", "UN General Assembly"]


def body_of(title: str, summary: str = "") -> str | None:
    """Which multilateral body an event is about (from its title, then its summary), or None."""
    for text in (title, summary):
        if "BRICS" in text:
            return "BRICS"
        if "OIC" in text or "Islamic Conference" in text:
            return "OIC"
        if "UNGA" in text or "General Assembly" in text or "UN rights council" in text:
            return "UN General Assembly"
        if "SCO" in text or "Shanghai Cooperation" in text:
            return "SCO"
    return None


def multilateral_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events about the SCO, the OIC, BRICS or the UN General Assembly: every 'multilateral' event plus
    leaders' meetings held at SCO summits. Adds ``body`` and the plotting columns of ``events_for_plot``."""
    from ..data import events_for_plot

    ev = events_for_plot(events)
    ev["body"] = [body_of(t, s) for t, s in zip(ev["title"], ev["summary"])]
    keep = (ev["category"] == "multilateral") | ((ev["body"] == "SCO") & (ev["category"] == "diplomacy"))
    return ev[keep & ev["body"].notna()].reset_index(drop=True)


def body_timeline(ev: pd.DataFrame, *, title: str, subtitle: str, description: str | None = None):
    """Dot timeline with one row per body; colour = category, shape = confidence; tooltips carry the sources.
    Without ``description``, it is written from ``ev`` (the span and the events per body)."""
    from ..charts import CATEGORY_COLORS

    present = [c for c in CATEGORY_COLORS if c in set(ev["category"])]
    cols = ["when", "when_label", "title", "summary", "category", "source", "confidence", "body"]
    chart = alt.Chart(ev[cols]).mark_point(filled=True, size=140, opacity=0.9).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("body:N", title=None, sort=BODIES, axis=alt.Axis(labelLimit=240)),
        color=alt.Color("category:N", title="Category",
                        scale=alt.Scale(domain=present, range=[CATEGORY_COLORS[c] for c in present])),
        shape=alt.Shape("confidence:N", title="Confidence",
                        scale=alt.Scale(domain=["high", "medium", "low"], range=["circle", "triangle-up", "cross"])),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("summary:N", title="Summary"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("confidence:N", title="Confidence")])
    if description is None:
        description = count_description("Timeline", ev, what="events about multilateral bodies, one row per body",
                                        by="body", x="year")
    return finish(chart, title, subtitle, description, width=600, height=190)


#: Events and extra sources this notebook cites in its text (the data, quiz and 'multilateral' events are
#: listed by pkru.show_sources(notebook="06") already).
CITED_EVENTS = ["ev1954_seato_manila_pact", "ev1955_baghdad_pact", "ev1971_indo_soviet_treaty",
               "ev1971_soviet_veto_ceasefire", "ev1979_pakistan_leaves_cento", "ev1979_soviet_intervention_afghanistan",
               "ev1989_soviet_withdrawal_completed", "ev2012_putin_cancels_visit", "ev2022_imran_khan_meets_putin",
               "ev2022_shehbaz_putin_samarkand", "ev2024_shehbaz_putin_astana", "ev2025_shehbaz_putin_beijing"]
CITED_SOURCES = ["pakistan_today_2023_pakistan_china_abstain", "seed_paper", "seed_press_release", "britannica_cis",
                "wp_csto", "maley_afghanistan_wars_es6_2",
                # who backed whom in the SCO: the two capitals' own words, and The Hindu on 2005
                "china_mfa_2014_hong_lei_sco_applications", "app_2017_hua_chunying_sco_accession",
                "kremlin_2017_sco_restricted_meeting_astana", "hindu_india_shanghai_group_observer",
                "dawn_2015_nawaz_multidimensional_ties", "radio_pakistan_2017_putin_sharif_astana",
                # BRICS: the partner lists and the ambassador's words
                "bakuinform_2024_brics_partner_status", "independent_ug_2025_tass_brics_partners",
                "brecorder_2024_khorev_nstc_brics",
                # Russian officials on shared positions
                "tass_2024_khorev_trade_1bn", "vz_2025_lavrov_dar_talks"]



# ------------------------------------------------------------------ after 2019: two bases, drawn apart
def bases_frame(pairs=("PAK-RUS", "PAK-USA", "PAK-CHN", "PAK-IND"), since: int = 2010,
                unga: pd.DataFrame | None = None, recorded: pd.DataFrame | None = None) -> pd.DataFrame:
    """Yearly agreement of some pairs from ``since`` on both bases (``indicators.unga_years``): one row per pair,
    year and basis, with pair_label, basis_short and a plotting date. Never averaged across bases."""
    from ..indicators import UNGA_BASIS_SHORT, unga_years

    parts = []
    for p in pairs:
        s = unga_years(p, unga=unga, recorded=recorded)
        s = s[s["year"] >= since].assign(pair=p, pair_label=PAIR_LABELS[p])
        parts.append(s)
    out = pd.concat(parts, ignore_index=True)
    out["basis_short"] = out["basis"].map(UNGA_BASIS_SHORT)
    out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
    return out


def describe_bases(frame: pd.DataFrame) -> str:
    """Description of :func:`bases_chart` from its data: per basis, the span, then each pair's first and last values."""
    parts = []
    for basis, g in frame.groupby("basis", sort=False):
        g = g.sort_values("year")
        lo, hi = int(g["year"].min()), int(g["year"].max())
        vals = "; ".join(f"{label} {p['agreement'].iloc[0]:.0%} in {int(p['year'].iloc[0])}, "
                         f"{p['agreement'].iloc[-1]:.0%} in {int(p['year'].iloc[-1])}"
                         for label, p in g.groupby("pair_label", sort=False))
        parts.append(f"{g['basis_short'].iloc[0]}, {lo}–{hi}: {vals}")
    return ("Line chart of the share of UN General Assembly votes on which Pakistan voted like each partner, drawn "
            "as two separate segments, one per basis, with a rule at the break between them. " + ". ".join(parts) + ".")


def bases_chart(frame: pd.DataFrame, *, title: str, subtitle: str | None = None, description: str | None = None):
    """Yearly agreement lines, one per pair and basis: solid = Voeten roll calls, dashed = UN recorded votes; the
    two are separate lines (never joined), and a grey rule marks the break between the bases."""
    from ..indicators import UNGA_BASIS_SHORT

    pairs = list(dict.fromkeys(frame["pair"]))
    scale = alt.Scale(domain=[PAIR_LABELS[p] for p in pairs], range=[PAIR_COLORS[p] for p in pairs])
    f = frame.assign(segment=frame["pair"] + " · " + frame["basis"])
    tooltip = [alt.Tooltip("pair_label:N", title="Pair"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("agreement:Q", title="Agreement", format=".1%"),
               alt.Tooltip("n_votes:Q", title="Votes counted"), alt.Tooltip("basis_label:N", title="Basis and source")]
    base = alt.Chart(f).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y")),
        y=alt.Y("agreement:Q", title="Share of votes with the same vote", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("pair_label:N", scale=scale, title=None,
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=320)),
        strokeDash=alt.StrokeDash("basis_short:N", title="Basis", legend=alt.Legend(orient="bottom", labelLimit=320),
                                  scale=alt.Scale(domain=list(UNGA_BASIS_SHORT.values()), range=[[1, 0], [6, 3]])),
        detail="segment:N", tooltip=tooltip)
    lines = base.mark_line(strokeWidth=2.2)
    points = base.mark_point(size=30, filled=True)
    overlap = f.groupby("year")["basis"].nunique()
    both = [int(y) for y, n in overlap.items() if n > 1]
    layers = [lines, points]
    if both:
        rule = pd.DataFrame({"when": [pd.Timestamp(year=both[-1], month=12, day=31)],
                             "label": [f"break: new basis from {both[-1]}"]})
        layers.append(alt.Chart(rule).mark_rule(color="#777", strokeDash=[2, 3]).encode(x="when:T"))
        layers.append(alt.Chart(rule).mark_text(align="left", dx=4, dy=-120, color="#555", fontSize=11)
                      .encode(x="when:T", text="label:N"))
    desc = describe_bases(frame) if description is None else description
    return finish(alt.layer(*layers), title, subtitle, desc, width=640, height=320)


def describe_idealpoints(frame: pd.DataFrame) -> str:
    """Description of :func:`idealpoints_chart` from its data."""
    return describe("Line chart", frame, what="UN General Assembly ideal points (final-passage votes, Voeten et al.)",
                    x="year", y="idealpoint_fp", series="country", fmt="{:+.2f}")


def idealpoints_frame(since: int = 1990, ip: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ideal points from ``since``, with country names and a plotting date."""
    from ..charts import COUNTRY_NAMES

    ip = load("unga_idealpoints") if ip is None else ip
    d = ip[ip["year"] >= since].copy()
    d["year"] = d["year"].astype(int)
    d["country"] = d["iso3"].astype(str).map(COUNTRY_NAMES)
    d["when"] = pd.to_datetime(d["year"].astype(str) + "-07-01")
    return with_source_labels(d.reset_index(drop=True))


def idealpoints_chart(frame: pd.DataFrame, *, title: str, subtitle: str | None = None,
                      description: str | None = None):
    """The five countries' ideal points (final-passage votes) with their 5–95 % bands."""
    from ..charts import country_scale

    cscale = country_scale(list(dict.fromkeys(frame["iso3"])))
    enc = dict(x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y")),
               color=alt.Color("country:N", scale=cscale, title=None, legend=alt.Legend(orient="bottom")))
    band = alt.Chart(frame).mark_area(opacity=0.15).encode(
        y=alt.Y("idealpoint_fp_q5:Q", title="Ideal point (higher = closer to the US position)"),
        y2="idealpoint_fp_q95:Q", x=enc["x"], color=alt.Color("country:N", scale=cscale, legend=None))
    line = alt.Chart(frame).mark_line(strokeWidth=2.2).encode(
        y="idealpoint_fp:Q", **enc,
        tooltip=[alt.Tooltip("country:N"), alt.Tooltip("year:O"), alt.Tooltip("idealpoint_fp:Q", format="+.2f",
                 title="Ideal point"), alt.Tooltip("n_votes_fp:Q", title="Final-passage votes"),
                 alt.Tooltip("source:N", title="Source")])
    desc = describe_idealpoints(frame) if description is None else description
    return finish(alt.layer(band, line), title, subtitle, desc, width=640, height=300)
