"""Notebook 08 (balancing): great-power balancing. Pakistan between the US, China and USSR/Russia, and
USSR/Russia between India and Pakistan, measured on three indicators.

Plain functions, tested in ``tests/test_nb08_balancing.py``; the charts and the widget only wire them.

Four relationships (keys of ``RELATIONSHIPS``): ``PAK-USA``, ``PAK-CHN``, ``PAK-RUS`` and ``IND-RUS``.
Three indicators, each from public data in ``data/``; two of them come in two bases or vintages, kept as
separate keys of ``INDICATORS`` and never joined into one series:

- ``un``   UN General Assembly voting agreement on Voeten et al.'s roll calls (``unga_agreement``; CC0;
           1947–2019). China means the People's Republic, from November 1971 only.
  ``un_recorded`` the same share on the UN's own records of resolutions adopted by recorded vote
           (``unga_agreement_recorded``), from 2020 to 2025 (2019, the year both bases cover, stays with the
           roll calls). A different basis: it is drawn as its own segment, after a marked break.
- ``arms`` the partner's share of the recipient's arms imports (``arms_imports``; SIPRI's TIV tables of 2022,
           1950–2021). USSR/Russia adds SIPRI's separate "Soviet Union" (to 1991) and "Russia" (from 1992) codes.
  ``arms_2026`` the same share in SIPRI's trade register of February 2026 (``arms_imports_2026``; 1995–2024),
           another vintage: SIPRI revises back years, so the two are drawn side by side, never spliced.
           Information from the SIPRI Arms Transfers Database; the calculations are the course's, not SIPRI's.
- ``atop`` formal alliance obligations shared with the partner (``alliances``; ATOP v5.1, 1947–2018).
           The course's ATOP extract holds only Pakistan's pairs: India–USSR/Russia has no ATOP data here
           (which is not the same as "no treaty": see the 1971 Indo-Soviet treaty in data/events.csv).

USSR and Russia share one series in the UN and ATOP data (one country code for both).
"""
from __future__ import annotations

import html
import math

import altair as alt
import pandas as pd

from . import nb05_security as arms_mod
from . import nb01_history as history, nb06_multilateral as unvotes
from ..charts import finish
from ..data import load, source_label

__all__ = [
    "RELATIONSHIPS", "LABELS", "COLORS", "SCORE_LABELS", "UN_SOURCE", "ATOP_SOURCE", "INDICATORS", "COLUMNS",
    "NO_ATOP", "NEWER", "PANEL_OF", "SCORE_INDICATORS", "RECORDED_FROM", "load_data", "un_series", "arms_series", "atop_series", "indicator_series", "yearly_agreement",
    "last_year_ahead", "summarise", "compare", "describe_comparison", "comparison_frame", "scorecard",
    "series_layer", "describe_series", "comparison_chart", "describe_scorecard", "scorecard_chart",
    "describe_panels", "panels_chart", "SUBTITLES", "EXPLORER_START", "EXPLORER_YEARS", "explorer",
    "balancing_explorer", "reading_explorer", "CITED_EVENTS", "CITED_SOURCES",
]

# ------------------------------------------------------------------ definitions
#: relationship key -> what each dataset calls its two sides
RELATIONSHIPS = {
    "PAK-USA": {"label": "Pakistan – United States", "pair": "PAK-USA", "recipient": "PAK",
                "suppliers": ("United States",), "atop_partner": "USA"},
    "PAK-CHN": {"label": "Pakistan – China", "pair": "PAK-CHN", "recipient": "PAK",
                "suppliers": ("China",), "atop_partner": "CHN"},
    "PAK-RUS": {"label": "Pakistan – USSR/Russia", "pair": "PAK-RUS", "recipient": "PAK",
                "suppliers": arms_mod.SOVIET_SUPPLIERS, "atop_partner": "RUS"},
    "IND-RUS": {"label": "India – USSR/Russia", "pair": "IND-RUS", "recipient": "IND",
                "suppliers": arms_mod.SOVIET_SUPPLIERS, "atop_partner": None},
}
LABELS = {k: v["label"] for k, v in RELATIONSHIPS.items()}
#: the colour of a relationship is the colour of the partner in the course palette (as in notebook 06)
COLORS = {k: unvotes.PAIR_COLORS[k] for k in RELATIONSHIPS}

#: what one row of the scorecard means (on a 0–100 scale); its 2020s column reads the newer data
SCORE_LABELS = {"un": "UN votes: % same vote (roll calls to 2019; 2020s: UN recorded votes)",
                "arms": "Arms: the partner's % of the recipient's arms imports (SIPRI TIV; 2020s: 2026 register)",
                "atop": "Treaties: % of years with a written alliance obligation (ATOP; data end 2018)"}

UN_SOURCE = "Voeten, Strezhnev & Bailey, UN General Assembly voting data (CC0)"
UN_RECORDED_SOURCE = source_label("unga_dgacm")
ATOP_SOURCE = "ATOP v5.1 (Leeds et al. 2002), course extract of Pakistan's pairs"
ARMS_2026_SOURCE = f"{arms_mod.SOURCE_LABEL} (trade register of February 2026)"
#: the first year of the UN-records basis in this notebook: 2019, the one year both bases cover, stays with the
#: roll calls, so the two segments never overlap
RECORDED_FROM = 2020
INDICATORS = {
    "un": {"label": "UN General Assembly: share of roll calls with the same vote (Voeten et al., to 2019)",
           "short": "UN voting agreement", "axis": "Same vote (share of votes)", "format": ".0%",
           "source": UN_SOURCE, "first": 1947, "last": 2019, "table": "unga"},
    "un_recorded": {"label": "UN General Assembly: share of recorded votes with the same vote (UN records, "
                             f"{RECORDED_FROM}–2025)",
                    "short": "UN voting agreement (UN recorded votes)", "axis": "Same vote (share of votes)",
                    "format": ".0%", "source": UN_RECORDED_SOURCE, "first": RECORDED_FROM, "last": 2025,
                    "table": "unga_recorded"},
    "arms": {"label": "Arms: the partner's share of the recipient's arms imports (SIPRI's 2022 tables, 1950–2021)",
             "short": "share of arms imports", "axis": "Share of arms imports (SIPRI TIV)", "format": ".0%",
             "source": arms_mod.SOURCE_LABEL, "first": 1950, "last": 2021, "table": "arms"},
    "arms_2026": {"label": "Arms: the partner's share of the recipient's arms imports (SIPRI's 2026 register, "
                           "1995–2024)",
                  "short": "share of arms imports (2026 register)", "axis": "Share of arms imports (SIPRI TIV)",
                  "format": ".0%", "source": ARMS_2026_SOURCE, "first": 1995, "last": 2024, "table": "arms26"},
    "atop": {"label": "Alliance treaties: kinds of written obligation shared (ATOP)",
             "short": "formal alliance obligations", "axis": "Kinds of written obligation shared", "format": "d",
             "source": ATOP_SOURCE, "first": 1947, "last": 2018, "table": "alliances"},
}
#: the newer basis or vintage of an indicator -> the indicator it continues (drawn beside it, never joined)
NEWER = {"un_recorded": "un", "arms_2026": "arms"}
#: the panel (kind of measure) of each indicator key
PANEL_OF = {k: NEWER.get(k, k) for k in INDICATORS}
#: the three rows of the scorecard, and the key each reads from the 2020s on
SCORE_INDICATORS = {"un": "un_recorded", "arms": "arms_2026", "atop": "atop"}
COLUMNS = ["relationship", "relationship_label", "indicator", "start", "end", "period", "when", "value",
           "detail", "source"]
NO_ATOP = ("The course's ATOP extract holds only Pakistan's pairs, so there is no alliance data for India – "
           "USSR/Russia here. That is missing data, not proof of no treaty: India and the USSR signed a "
           "20-year treaty in August 1971 (data/events.csv).")


def _check(relationship: str, indicator: str | None = None) -> dict:
    if relationship not in RELATIONSHIPS:
        raise ValueError(f"Unknown relationship '{relationship}': choose one of {', '.join(RELATIONSHIPS)}")
    if indicator is not None and indicator not in INDICATORS:
        raise ValueError(f"Unknown indicator '{indicator}': choose one of {', '.join(INDICATORS)}")
    return RELATIONSHIPS[relationship]


_TABLES = {"unga": "unga_agreement", "unga_recorded": "unga_agreement_recorded", "arms": "arms_imports",
           "arms26": "arms_imports_2026", "alliances": "alliances"}


def load_data() -> dict:
    """The tables this notebook compares: {'unga': Voeten's roll calls, 'unga_recorded': the UN's recorded votes,
    'arms': SIPRI's 2022 tables, 'arms26': SIPRI's 2026 register, 'alliances': ATOP}."""
    return {key: load(name) for key, name in _TABLES.items()}


def _table(data: dict, indicator: str) -> pd.DataFrame:
    """The table an indicator reads (loaded from data/ if ``data`` lacks it: older callers pass three tables)."""
    key = INDICATORS[indicator]["table"]
    return data[key] if key in data else load(_TABLES[key])


def _mid(start: int, end: int) -> pd.Timestamp:
    """Plotting position of a span of whole years: its middle (1 July for a single year)."""
    first = pd.Timestamp(year=int(start), month=1, day=1)
    after = pd.Timestamp(year=int(end) + 1, month=1, day=1)
    return first + (after - first) / 2


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["value"] = out["value"].astype("float64")
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    out["when"] = pd.to_datetime(out["when"])
    return out


# ------------------------------------------------------------------ one indicator, one relationship
def _un_rows(unga: pd.DataFrame, pair: str) -> tuple[pd.DataFrame, str]:
    """A pair's yearly rows and the indicator key of their basis: Voeten's roll calls (a table with issue codes)
    or the UN's recorded votes (no issue codes), the latter from ``RECORDED_FROM`` on."""
    if "issue" in unga.columns:
        return unvotes.pair_rows(unga, pair, "all"), "un"
    a, b = unvotes.PAIRS[pair]
    rows = unga[(unga["country_a"] == a) & (unga["country_b"] == b) & (unga["year"] >= RECORDED_FROM)]
    return rows.sort_values("year").reset_index(drop=True), "un_recorded"


def un_series(unga: pd.DataFrame, relationship: str, block: int = 5) -> pd.DataFrame:
    """Average yearly UN agreement of a relationship per period of ``block`` years (periods start in
    1950 as in SIPRI's tables: …, 1945–49, 1950–54, …). Only years with votes count; ``detail``
    says how many years and votes lie behind each value. ``unga`` is Voeten's roll-call table (indicator
    ``un``) or the UN's recorded-vote table (``un_recorded``, from 2020): each gives its own series."""
    rel = _check(relationship)
    rows, key = _un_rows(unga, rel["pair"])
    what = "roll calls" if key == "un" else "recorded votes"
    out = []
    if rows.empty:
        return _frame(out)
    starts = rows["year"].astype(int).map(lambda y: arms_mod.period_start(y, block))
    for start, g in rows.groupby(starts):
        first, last = int(g["year"].min()), int(g["year"].max())
        end = start + block - 1
        out.append({"relationship": relationship, "relationship_label": rel["label"], "indicator": key,
                    "start": first, "end": last, "period": _span_label(start, end, first, last),
                    "when": _mid(first, last), "value": float(g["agreement"].mean()),
                    "detail": f"{len(g)} year(s) with {what}, {int(g['n_votes'].sum()):,} {what}",
                    "source": INDICATORS[key]["source"]})
    return _frame(out)


def _span_label(start: int, end: int, first: int, last: int) -> str:
    """'1950–54'; '1947–49' when the data cover only part of the period."""
    a, b = max(start, first), min(end, last)
    if a == b:
        return str(a)
    return f"{a}–{str(b)[-2:]}" if str(a)[:2] == str(b)[:2] else f"{a}–{b}"


def arms_series(arms: pd.DataFrame, relationship: str, block: int = 5, indicator: str | None = None) -> pd.DataFrame:
    """The partner's share (0–1) of the recipient's arms imports (SIPRI TIV) per period of ``block`` years.

    Periods in which the recipient received nothing at all are left out; a period in which the partner
    delivered nothing is 0. The last period may be incomplete (the 2022 tables end in 2021): ``period`` says so.
    ``indicator`` is "arms" (SIPRI's 2022 tables) or "arms_2026" (the 2026 register); by default it is read from
    the table's years (the register starts in 1995)."""
    rel = _check(relationship)
    if indicator is None:
        indicator = "arms_2026" if int(arms["year"].min()) >= INDICATORS["arms_2026"]["first"] else "arms"
    rec = arms[arms["recipient"] == rel["recipient"]].copy()
    last_year = int(arms["year"].max())
    rec["start"] = rec["year"].astype(int).map(lambda y: arms_mod.period_start(y, block))
    out = []
    for start, g in rec.groupby("start"):
        total = float(g["tiv"].sum())
        if total <= 0:
            continue
        part = float(g.loc[g["supplier"].isin(list(rel["suppliers"])), "tiv"].sum())
        end = min(start + block - 1, last_year)
        out.append({"relationship": relationship, "relationship_label": rel["label"], "indicator": indicator,
                    "start": start, "end": end, "period": arms_mod.period_label(start, block, last_year),
                    "when": _mid(start, end), "value": part / total,
                    "detail": f"{part:,.0f} of {total:,.0f} million TIV",
                    "source": INDICATORS[indicator]["source"]})
    return _frame(out)


def atop_series(alliances: pd.DataFrame, relationship: str) -> pd.DataFrame:
    """Yearly number of kinds of written obligation (defence, offence, neutrality, non-aggression,
    consultation) that Pakistan shared with the partner, with the kinds named in ``detail``.
    Empty for India–USSR/Russia (not in the course's ATOP extract)."""
    rel = _check(relationship)
    if rel["atop_partner"] is None:
        return _frame([])
    long = history.obligations_long(alliances)
    g = long[long["partner"] == rel["atop_partner"]].sort_values("year")
    kinds = g[list(history.OBLIGATIONS)].astype(int).sum(axis=1)
    out = [{"relationship": relationship, "relationship_label": rel["label"], "indicator": "atop",
            "start": int(y), "end": int(y), "period": str(int(y)), "when": _mid(int(y), int(y)),
            "value": float(k), "detail": ob, "source": ATOP_SOURCE}
           for y, k, ob in zip(g["year"], kinds, g["obligations"])]
    return _frame(out)


def indicator_series(relationship: str, indicator: str, data: dict, block: int = 5) -> pd.DataFrame:
    """One relationship on one indicator, in the common columns of ``COLUMNS`` (see the three functions above)."""
    _check(relationship, indicator)
    if PANEL_OF[indicator] == "un":
        return un_series(_table(data, indicator), relationship, block)
    if PANEL_OF[indicator] == "arms":
        return arms_series(_table(data, indicator), relationship, block, indicator)
    return atop_series(data["alliances"], relationship)


def yearly_agreement(unga: pd.DataFrame, relationships=("PAK-USA", "PAK-CHN", "PAK-RUS", "IND-RUS")) -> pd.DataFrame:
    """Yearly UN agreement on one basis (the table given: Voeten's roll calls, or the UN's recorded votes from
    ``RECORDED_FROM``), one column per relationship (years as the index; NaN where a pair has no votes)."""
    cols = {}
    for r in relationships:
        rows, _ = _un_rows(unga, _check(r)["pair"])
        cols[r] = rows.set_index(rows["year"].astype(int))["agreement"].astype("float64")
    out = pd.DataFrame(cols).sort_index()
    out.index.name = "year"
    return out


def last_year_ahead(yearly: pd.DataFrame, first: str, second: str) -> int | None:
    """The last year in which ``first`` had a higher value than ``second`` (None if never)."""
    both = yearly[[first, second]].dropna()
    ahead = both.index[both[first] > both[second]]
    return int(ahead.max()) if len(ahead) else None


# ------------------------------------------------------------------ comparing two relationships
def _memo(memo: dict | None, key, compute):
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def summarise(relationship: str, indicator: str, years: tuple[int, int], data: dict,
              memo: dict | None = None) -> dict:
    """One number for a relationship on an indicator over a span of years (inclusive), with a phrase.

    - ``un``: the average of the yearly agreement values in those years;
    - ``arms``: the partner's share of all the TIV the recipient received in those years (SIPRI's way);
    - ``atop``: the share of the years (within ATOP's 1947–2018) with at least one shared obligation.
    ``value`` is NaN when the data do not cover the choice; ``text`` then says why. ``memo`` (a dict) lets
    many calls over the same ``data`` share each relationship's series instead of recomputing them."""
    rel = _check(relationship, indicator)
    lo, hi = sorted(int(y) for y in years)
    info = INDICATORS[indicator]
    base = {"relationship": relationship, "relationship_label": rel["label"], "indicator": indicator,
            "years": f"{lo}–{hi}", "value": math.nan, "covered": "", "count": 0}
    beyond = f"; the data end in {info['last']}" if hi > info["last"] else ""
    before = f"; these data start in {info['first']}" if lo < info["first"] and indicator in NEWER else ""
    if PANEL_OF[indicator] == "un":
        what = "roll calls" if indicator == "un" else "recorded votes"
        rows = _memo(memo, (indicator, relationship), lambda: _un_rows(_table(data, indicator), rel["pair"])[0])
        rows = rows[rows["year"].between(lo, hi)]
        if rows.empty:
            extra = " (China's seat is counted from November 1971)" if relationship == "PAK-CHN" else ""
            span = f" (these data cover {info['first']}–{info['last']})" if hi < info["first"] or lo > info["last"] \
                else ""
            return {**base, "text": f"no UN {what} in {lo}–{hi} for this pair{extra}{span}"}
        v = float(rows["agreement"].mean())
        covered = f"{int(rows['year'].min())}–{int(rows['year'].max())}"
        return {**base, "value": v, "covered": covered, "count": len(rows),
                "text": f"same vote on {v:.0%} of {what} on average ({len(rows)} years with data, "
                        f"{covered}{before}{beyond})"}
    if PANEL_OF[indicator] == "arms":
        rec = _table(data, indicator)
        rec = rec[(rec["recipient"] == rel["recipient"]) & rec["year"].between(lo, hi)]
        total = float(rec["tiv"].sum())
        if total <= 0:
            return {**base, "text": f"no recorded arms imports in {lo}–{hi} (these SIPRI data run "
                                    f"{info['first']}–{info['last']})"}
        part = float(rec.loc[rec["supplier"].isin(list(rel["suppliers"])), "tiv"].sum())
        v = part / total
        covered = f"{int(rec['year'].min())}–{int(rec['year'].max())}"
        return {**base, "value": v, "covered": covered, "count": int(rec["year"].nunique()),
                "text": f"{v:.1%} of arms imports ({part:,.0f} of {total:,.0f} million TIV{before}{beyond})"}
    # atop
    if rel["atop_partner"] is None:
        return {**base, "text": "no ATOP data in the course for this pair"}
    s = _memo(memo, ("atop", relationship), lambda: atop_series(data["alliances"], relationship))
    s = s[s["start"].between(lo, hi)]
    if s.empty:
        return {**base, "text": f"outside ATOP's years ({info['first']}–{info['last']})"}
    with_ob = s[s["value"] > 0]
    kinds = [history.OBLIGATIONS[c] for c in history.OBLIGATIONS
             if any(history.OBLIGATIONS[c] in d.split(", ") for d in with_ob["detail"])]
    v = len(with_ob) / len(s)
    first = f", first in {int(with_ob['start'].min())}" if len(with_ob) else ""
    covered = f"{int(s['start'].min())}–{int(s['start'].max())}"
    return {**base, "value": v, "covered": covered, "count": len(with_ob),
            "text": f"a written obligation in {len(with_ob)} of {len(s)} years{first}"
                    f" ({', '.join(kinds) or 'none'}{beyond})"}


def compare(rel_a: str, rel_b: str, indicator: str, years: tuple[int, int], data: dict) -> pd.DataFrame:
    """Two rows (A and B) of ``summarise`` for the same indicator and years."""
    return pd.DataFrame([summarise(rel_a, indicator, years, data), summarise(rel_b, indicator, years, data)])


def describe_comparison(table: pd.DataFrame) -> str:
    """Two or three sentences on a ``compare`` table, for the widget."""
    a, b = table.iloc[0], table.iloc[1]
    ind = INDICATORS[a["indicator"]]
    head = f"{a['years']}, {ind['short']}: "
    if a["relationship"] == b["relationship"]:
        return head + f"{a['relationship_label']}: {a['text']}. You chose the same relationship twice: pick another B."
    text = head + f"{a['relationship_label']}: {a['text']}; {b['relationship_label']}: {b['text']}."
    va, vb = a["value"], b["value"]
    if math.isnan(va) or math.isnan(vb):
        missing = a if math.isnan(va) else b
        if missing["indicator"] == "atop" and missing["relationship"] == "IND-RUS":
            return text + " " + NO_ATOP
        return text + " The data do not cover both relationships in these years: widen the years or pick another pair."
    if a["indicator"] != "atop" and a["covered"] != b["covered"]:
        text += (f" Careful: the two cover different years ({a['covered']} and {b['covered']}), "
                 "so the comparison is not like for like.")
    if abs(va - vb) < 0.005:
        return text + " On this measure the two are practically level."
    hi, lo = (a, b) if va > vb else (b, a)
    if a["indicator"] == "atop":
        return text + (f" {hi['relationship_label']} had a written obligation in "
                       f"{int(hi['count']) - int(lo['count'])} more of these years.")
    gap = abs(va - vb) * 100
    unit = "percentage point" if round(gap) == 1 else "percentage points"
    text += f" {hi['relationship_label']} is higher by {gap:.0f} {unit}"
    if PANEL_OF[a["indicator"]] == "arms" and lo["value"] > 0 and hi["value"] / lo["value"] >= 2:
        text += f" (about {hi['value'] / lo['value']:.0f} times as high)"
    return text + "."


def comparison_frame(rel_a: str, rel_b: str, indicator: str, years: tuple[int, int], data: dict,
                     block: int = 5) -> pd.DataFrame:
    """The rows the widget's chart draws: both relationships' series, clipped to ``years``
    (a period is kept if it overlaps the years)."""
    lo, hi = sorted(int(y) for y in years)
    parts = [indicator_series(r, indicator, data, block) for r in dict.fromkeys([rel_a, rel_b])]
    parts = [p for p in parts if len(p)]
    if not parts:
        return _frame([])
    out = pd.concat(parts, ignore_index=True)
    return out[(out["end"] >= lo) & (out["start"] <= hi)].reset_index(drop=True)


# ------------------------------------------------------------------ the scorecard (three indicators by decade)
def scorecard(data: dict, decades=range(1950, 2030, 10)) -> pd.DataFrame:
    """Every relationship on every indicator by decade, on one 0–1 scale (tidy: one row per cell).

    ``un`` average yearly agreement; ``arms`` the partner's share of the decade's TIV; ``atop`` the share
    of the decade's years (to 2018) with at least one written obligation. From the 2020s on, a cell reads the
    newer data (``SCORE_INDICATORS``: the UN's recorded votes, SIPRI's 2026 register), named in ``detail``,
    ``source`` and ``basis``: another basis or vintage, in its own column, never averaged with the decades before.
    ``value`` is NaN where the data say nothing (China before its UN seat, India–USSR/Russia in ATOP, ATOP after
    2018); ``label`` is the text shown in the cell ('n/a' there)."""
    rows = []
    memo: dict = {}
    for rel in RELATIONSHIPS:
        for ind, newer in SCORE_INDICATORS.items():
            for d in decades:
                key = newer if d >= 2020 else ind
                s = summarise(rel, key, (d, d + 9), data, memo)
                rows.append({"relationship": rel, "relationship_label": LABELS[rel], "indicator": ind,
                             "indicator_label": SCORE_LABELS[ind], "decade": f"{d}s", "value": s["value"],
                             "detail": s["text"], "basis": INDICATORS[key]["label"],
                             "source": INDICATORS[key]["source"]})
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype("float64")
    out["label"] = [("n/a" if math.isnan(v) else f"{100 * v:.0f}") for v in out["value"]]
    return out


# ------------------------------------------------------------------ charts
def _scale(relationships) -> alt.Scale:
    rels = list(dict.fromkeys(relationships))
    return alt.Scale(domain=[LABELS[r] for r in rels], range=[COLORS[r] for r in rels])


def _tooltip(indicator: str):
    fmt = INDICATORS[indicator]["format"]
    return [alt.Tooltip("relationship_label:N", title="Relationship"), alt.Tooltip("period:N", title="Years"),
            alt.Tooltip("value:Q", title=INDICATORS[indicator]["short"].capitalize(), format=fmt),
            alt.Tooltip("detail:N", title="Behind the number"), alt.Tooltip("source:N", title="Source")]


DASHES = [[1, 0], [7, 3], [2, 2], [10, 3, 2, 3]]


def series_layer(frame: pd.DataFrame, indicator: str, x_domain=("1945-01-01", "2026-06-30"), height: int = 220,
                 width: int = 600, legend: bool = True):
    """Lines (with points) of one indicator for several relationships on a time axis (unfinished chart).
    ATOP is drawn as steps (a yearly count); the others as lines through period midpoints. Rows of the newer
    basis or vintage (``NEWER``: the UN's recorded votes, SIPRI's 2026 register) are their own lines, thinner and
    with hollow points, never joined to the older ones; where a new basis follows an old one (UN votes) a grey
    rule marks the break."""
    info = INDICATORS[PANEL_OF[indicator]]
    data = frame[COLUMNS].copy()
    newer = data["indicator"].isin(list(NEWER))
    y_scale = alt.Scale(domain=[0, 3]) if indicator == "atop" else alt.Scale(domain=[0, 1])
    y_axis = alt.Axis(format="d", tickMinStep=1) if indicator == "atop" else alt.Axis(format="%")
    enc = dict(
        x=alt.X("when:T", title=None, scale=alt.Scale(domain=list(x_domain)), axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title=info["axis"], scale=y_scale, axis=y_axis),
        color=alt.Color("relationship_label:N", title=None, scale=_scale(data["relationship"]),
                        legend=alt.Legend(orient="bottom", labelLimit=300) if legend else None),
        tooltip=_tooltip(indicator))
    interpolate = "step-after" if indicator == "atop" else "linear"
    rels = list(dict.fromkeys(data["relationship"]))
    dashes = alt.StrokeDash("relationship_label:N", title=None, legend=None,  # so overlapping lines stay visible
                            scale=alt.Scale(domain=[LABELS[r] for r in rels], range=DASHES[:len(rels)]))
    old, new = data[~newer], data[newer]
    layers = []
    if len(old):
        layers += [alt.Chart(old).mark_line(interpolate=interpolate, strokeWidth=2.5).encode(strokeDash=dashes, **enc),
                   alt.Chart(old).mark_point(filled=True, size=45 if indicator != "atop" else 14).encode(**enc)]
    if len(new):
        enc_new = {**enc, "color": enc["color"].legend(None)} if len(old) else enc
        layers += [alt.Chart(new).mark_line(interpolate=interpolate, strokeWidth=1.6, opacity=0.9).encode(
                       strokeDash=dashes, **enc_new),
                   alt.Chart(new).mark_point(filled=False, size=60, strokeWidth=1.8).encode(**enc_new)]
        starts = sorted(set(new["indicator"]))
        if len(old) and all(INDICATORS[k]["first"] > INDICATORS[NEWER[k]]["last"] for k in starts):
            first = INDICATORS[starts[0]]["first"]
            rule = pd.DataFrame({"when": [pd.Timestamp(year=first, month=1, day=1)],
                                 "label": [f"new basis from {first}"]})
            layers += [alt.Chart(rule).mark_rule(color="#777", strokeDash=[2, 3]).encode(x="when:T"),
                       alt.Chart(rule).mark_text(align="right", baseline="bottom", dx=-3, color="#555", fontSize=10,
                                                 y=height - 2).encode(x="when:T", text="label:N")]
    return alt.layer(*layers).properties(width=width, height=height)


def describe_series(frame: pd.DataFrame, indicator: str) -> str:
    """Description for screen readers of one indicator's lines (rows of ``indicator_series``), from the values
    drawn: the span, and each relationship's first, highest, lowest and last values with their periods."""
    info = INDICATORS[indicator]
    if frame.empty:
        return f"Chart of {info['short']}: no data for this choice."
    kind = "Step chart" if PANEL_OF[indicator] == "atop" else "Line chart"
    fmt = "{:.0f}" if PANEL_OF[indicator] == "atop" else "{:.0%}"
    rank = {r: i for i, r in enumerate(dict.fromkeys(frame["relationship"]))}  # relationships in the frame's order
    texts = []
    for key in [k for k in INDICATORS if k in set(frame["indicator"])]:  # one description per basis or vintage
        part = frame[frame["indicator"] == key]
        f = part.assign(_rank=part["relationship"].map(rank)).sort_values(["_rank", "start"], kind="stable")
        label = INDICATORS[key]["label"]
        what = label if label[1:2].isupper() else label[0].lower() + label[1:]
        head = f"{kind if not texts else 'Beside it, separate lines (hollow points)'} of {what}, " \
               f"{int(f['start'].min())}–{int(f['end'].max())}"
        texts.append(unvotes.describe_lines(f, head=head, y="value", series="relationship_label", at="period",
                                            fmt=fmt))
    return " ".join(texts)


#: The subtitle of the widget's chart, per indicator.
SUBTITLES = {"un": "Average yearly agreement per 5-year period · hover for roll calls and source",
             "un_recorded": "Average yearly agreement on the UN's recorded votes per 5-year period (2025: one year) "
                            "· hover for votes and source",
             "arms": ["Share of each 5-year period's arms imports · hover for TIV", *arms_mod.SIPRI_SUBTITLE],
             "arms_2026": ["Share of each 5-year period's arms imports in SIPRI's 2026 register · hover for TIV",
                           *arms_mod.SIPRI_SUBTITLE],
             "atop": "Yearly count of kinds of written obligation · hover for the kinds and source"}


def comparison_chart(frame: pd.DataFrame, indicator: str, *, title: str, description: str | None = None,
                     subtitle: str | None = None):
    """The widget's chart: the chosen relationships on one indicator. Without ``description``,
    :func:`describe_series` writes it."""
    info = INDICATORS[indicator]
    if subtitle is None:
        subtitle = SUBTITLES[indicator]
    lo = int(frame["start"].min()) if len(frame) else info["first"]
    hi = int(frame["end"].max()) if len(frame) else info["last"]
    domain = (f"{lo}-01-01", f"{hi + 1}-01-01")
    desc = describe_series(frame, indicator) if description is None else description
    return finish(series_layer(frame, PANEL_OF[indicator], x_domain=domain), title, subtitle, desc)


def describe_scorecard(card: pd.DataFrame) -> str:
    """Description for screen readers of :func:`scorecard_chart`, from the cells it draws: the panels, rows and
    decades, then for each indicator and relationship the range of its cells (0–100) and its cells without data."""
    decades = list(dict.fromkeys(card["decade"]))
    rels = [LABELS[r] for r in RELATIONSHIPS if r in set(card["relationship"])]
    parts = []
    for ind in [i for i in SCORE_INDICATORS if i in set(card["indicator"])]:
        notes = []
        for rel in [r for r in RELATIONSHIPS if r in set(card["relationship"])]:
            g = card[(card["indicator"] == ind) & (card["relationship"] == rel)]
            has = g.dropna(subset=["value"])
            if has.empty:
                notes.append(f"{LABELS[rel]} no data")
                continue
            lo, hi = has.loc[has["value"].idxmin()], has.loc[has["value"].idxmax()]
            note = f"{LABELS[rel]} from {lo['label']} ({lo['decade']}) to {hi['label']} ({hi['decade']})"
            missing = len(g) - len(has)
            notes.append(note + (f", n/a in {missing} decade{'s' if missing != 1 else ''}" if missing else ""))
        short = INDICATORS[ind]["short"]
        parts.append(f"{short[0].upper()}{short[1:]}: " + "; ".join(notes))
    return (f"Heat map in {len(parts)} panels, one per indicator, with {len(rels)} rows ({', '.join(rels)}) and one "
            f"column per decade, {decades[0]}–{decades[-1]}; each cell is on a scale of 0 to 100. "
            + ". ".join(parts) + ".")


def scorecard_chart(card: pd.DataFrame, *, title: str, subtitle, description: str | None = None):
    """Heat map: decades across, relationships down, one panel per indicator; the number in each cell is
    a percentage (see ``scorecard``); grey 'n/a' cells have no data. Without ``description``,
    :func:`describe_scorecard` writes it."""
    order = [LABELS[r] for r in RELATIONSHIPS]
    data = card.assign(dark=card["value"].fillna(0) > 0.55)
    base = alt.Chart().encode(
        x=alt.X("decade:O", title=None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("relationship_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
        tooltip=[alt.Tooltip("relationship_label:N", title="Relationship"), alt.Tooltip("decade:N", title="Decade"),
                 alt.Tooltip("basis:N", title="Indicator"),
                 alt.Tooltip("detail:N", title="Value"), alt.Tooltip("source:N", title="Source")])
    blank = base.mark_rect(stroke="white", strokeWidth=1.5, color="#E3E3E3")  # shows through where value is n/a
    cells = base.mark_rect(stroke="white", strokeWidth=1.5).encode(
        color=alt.Color("value:Q", title="Share (%)", scale=alt.Scale(domain=[0, 1], scheme="blues"),
                        legend=alt.Legend(format="%", orient="right")))
    text = base.mark_text(fontSize=12).encode(
        text="label:N",
        color=alt.condition(alt.datum.dark, alt.value("white"), alt.value("#222222")))
    chart = alt.layer(blank, cells, text, data=data).properties(width=500, height=120).facet(
        row=alt.Row("indicator_label:N", title=None, sort=[SCORE_LABELS[i] for i in SCORE_INDICATORS],
                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top",
                                      labelFontSize=13, labelFontWeight="bold", labelLimit=560)))
    return finish(chart, title, subtitle, describe_scorecard(card) if description is None else description)


# ------------------------------------------------------------------ widget
#: Where the explorer starts and the span of its year slider (the widget and the reading edition's version).
EXPLORER_START = {"rel_a": "PAK-RUS", "rel_b": "IND-RUS", "indicator": "arms", "years": (1950, 2021)}
EXPLORER_YEARS = (1947, 2025)


def explorer(data: dict | None = None):
    """Pick two relationships, an indicator and a span of years; see both side by side and a sentence."""
    import ipywidgets as w

    from ..explore import explorer as make_explorer

    data = load_data() if data is None else data
    start = EXPLORER_START
    style = {"description_width": "120px"}
    options = [(LABELS[k], k) for k in RELATIONSHIPS]
    controls = {
        "rel_a": w.Dropdown(options=options, value=start["rel_a"], description="Relationship A", style=style),
        "rel_b": w.Dropdown(options=options, value=start["rel_b"], description="Relationship B", style=style),
        "indicator": w.Dropdown(options=[(v["label"], k) for k, v in INDICATORS.items()], value=start["indicator"],
                                description="Indicator", style=style, layout=w.Layout(width="620px")),
        "years": w.IntRangeSlider(value=start["years"], min=EXPLORER_YEARS[0], max=EXPLORER_YEARS[1], step=1,
                                  description="Years",
                                  continuous_update=False, style=style, layout=w.Layout(width="620px")),
    }

    def render(rel_a, rel_b, indicator, years):
        table = compare(rel_a, rel_b, indicator, years, data)
        sentence = describe_comparison(table)
        frame = comparison_frame(rel_a, rel_b, indicator, years, data)
        note = w.HTML(f"<p class='pkru-selection'>{html.escape(sentence)}</p>")
        if frame.empty:
            return note
        lo, hi = sorted(years)
        chart = comparison_chart(
            frame, indicator, title=f"{LABELS[rel_a]} vs {LABELS[rel_b]}: {INDICATORS[indicator]['short']}, {lo}–{hi}",
            description=sentence)
        return note, chart

    return make_explorer(controls, render,
                         intro="Choose two relationships, an indicator and the years. UN votes and arms each come "
                               "in two sets of data (Voeten's roll calls to 2019 or the UN's recorded votes 2020–25; "
                               "SIPRI's 2022 tables to 2021 or its 2026 register 1995–2024): pick one, they are never "
                               "mixed. The sentence compares the two relationships over the years you chose; hover "
                               "over the chart for the numbers and their source.")


balancing_explorer = explorer  # the name notebook 08 used before the lessons moved (kept for saved copies)


def reading_explorer(data: dict | None = None):
    """The explorer without a kernel (the reading edition): ``comparison_chart``'s layers over every relationship
    and indicator (``indicator_series``), with the two relationships and the indicator as lists and the years as
    two sliders (Vega-Lite parameters), starting at ``EXPLORER_START``. The y scale, its labels and the line's
    steps follow the indicator, as the widget's chart does."""
    from .. import explore

    data = load_data() if data is None else data
    st = EXPLORER_START
    frame = pd.concat([indicator_series(r, i, data) for r in RELATIONSHIPS for i in INDICATORS], ignore_index=True)
    frame["value_label"] = [("n/a" if pd.isna(v) else format(int(v), "d") if INDICATORS[i]["format"] == "d"
                             else format(v, INDICATORS[i]["format"])) for v, i in zip(frame["value"], frame["indicator"])]
    start = comparison_frame(st["rel_a"], st["rel_b"], st["indicator"], st["years"], data)
    sentence = describe_comparison(compare(st["rel_a"], st["rel_b"], st["indicator"], st["years"], data))
    chart = comparison_chart(start, st["indicator"], title="", description=sentence)
    rels = list(RELATIONSHIPS)
    atop = "indicator === 'atop'"
    for layer in chart.layer:
        layer.data = alt.Undefined
        enc = layer.encoding
        enc.color = enc.color.scale(domain=[LABELS[r] for r in rels], range=[COLORS[r] for r in rels])
        enc.y = enc.y.title(None).scale(domainMin=0, domainMax=alt.ExprRef(f"{atop} ? 3 : 1")).axis(
            labelExpr=f"{atop} ? format(datum.value, 'd') : format(datum.value, '.0%')",
            tickMinStep=alt.ExprRef(f"{atop} ? 1 : 0.1"))
        enc.x = enc.x.scale(domain=alt.ExprRef("[datetime(min(year_from, year_to), 0, 1), "
                                               "datetime(max(year_from, year_to) + 1, 0, 1)]"))
        enc.tooltip = [alt.Tooltip("value_label:N", title="Value") if t.to_dict().get("field") == "value" else t
                       for t in enc.tooltip]
    lines = chart.layer[0]
    lines.encoding.strokeDash = lines.encoding.strokeDash.scale(domain=[LABELS[r] for r in rels],
                                                                range=DASHES[:len(rels)])
    lines.mark = alt.MarkDef(type="line", strokeWidth=2.5, interpolate=alt.ExprRef(f"{atop} ? 'step-after' : 'linear'"))
    keep = ["relationship", "indicator", "start", "end", "period", "when", "value", "value_label", "detail"]
    chart.data = frame[keep].assign(when=frame["when"].dt.strftime("%Y-%m-%d")).round({"value": 4})
    rel_a = explore.select("rel_a", LABELS, st["rel_a"], "Relationship A")
    rel_b = explore.select("rel_b", LABELS, st["rel_b"], "Relationship B")
    indicator = explore.select("indicator", {k: v["label"] for k, v in INDICATORS.items()}, st["indicator"], "Indicator")
    y0, y1, _ = explore.year_range(*EXPLORER_YEARS, st["years"])
    chart = chart.add_params(rel_a, rel_b, indicator, y0, y1).transform_filter(
        "(datum.relationship === rel_a || datum.relationship === rel_b) && datum.indicator === indicator && "
        "datum.end >= min(year_from, year_to) && datum.start <= max(year_from, year_to)").transform_calculate(
        relationship_label=explore.pick(LABELS, "datum.relationship"),
        source=explore.pick({k: v["source"] for k, v in INDICATORS.items()}, "datum.indicator"))
    shorts = {k: v["short"] for k, v in INDICATORS.items()}
    # a subtitle cannot follow a parameter in Vega-Lite 5: the three indicators' subtitles, each named
    chart.title = alt.Title(alt.ExprRef(
        f"{explore.pick(LABELS, 'rel_a')} + ' vs ' + {explore.pick(LABELS, 'rel_b')} + ': ' + "
        f"{explore.pick(shorts, 'indicator')} + ', ' + min(year_from, year_to) + '–' + max(year_from, year_to)"),
        subtitle=[f"{INDICATORS[k]['short'].capitalize()}: {line}" if not line.startswith(("Information", "Calculations"))
                  else line for k in INDICATORS for line in ([SUBTITLES[k]] if isinstance(SUBTITLES[k], str) else SUBTITLES[k])])
    chart.usermeta = {"pkru": {"note": "The notebook's explorer also writes a sentence comparing the two over the "
                                       "years you chose; that needs Python."}}
    return chart


# ------------------------------------------------------------------ sources cited in the text
#: Events whose facts the notebook's text uses (the 'balancing' events and the data sources are listed by
#: pkru.show_sources(notebook="08") already).
CITED_EVENTS = ["ev1954_seato_manila_pact", "ev1966_tashkent_declaration", "ev1968_kosygin_first_visit",
               "ev1971_indo_soviet_treaty", "ev1971_soviet_veto_ceasefire", "ev1979_soviet_intervention_afghanistan",
               "ev2014_arms_restrictions_lifted", "ev2014_defence_cooperation_agreement", "ev2015_mi35m_contract",
               "ev2015_sco_ufa_admission", "ev2017_pakistan_full_sco_member", "ev2022_unga_ukraine_abstention"]
CITED_SOURCES = ["seed_paper", "seed_press_release", "deccan_chronicle_2026_chinese_arms_imports",
                 # the US decisions of 1965 and 1990, CPEC's launch and Russia's words on it (issue 15)
                 "frus_1964_68_v25_d194_aid_suspension", "csmonitor_1995_bhutto_f16",
                 "business_standard_2015_pti_xi_cpec_deals", "ecns_2015_51_agreements_46b",
                 "gulf_news_2016_russia_supports_cpec", "siasat_2016_russia_denies_cpec_eaeu_talks",
                 # the official words behind the Russian and Chinese readings, and the Lavrov–Dar call
                 "mid_2017_comment_kashmir_pakistani_media", "tass_2017_mfa_kashmir_bilateral_basis",
                 "new_indian_express_2025_lavrov_simla_lahore", "rg_2025_lavrov_dar_phone_call",
                 "etv_bharat_2025_lavrov_restraint", "chinadaily_2013_china_russia_pakistan_afghanistan_talks",
                 "ecns_2016_china_russia_pakistan_trilateral", "dawn_2016_russia_dismisses_cpec_talks"]




def describe_panels(panels) -> str:
    """Description for screen readers of :func:`panels_chart`: for each panel, from top to bottom,
    :func:`describe_series` of its rows and the dashed event lines it carries."""
    texts = []
    for n, p in enumerate(panels, start=1):
        marks = p.get("marks")
        lines = arms_mod.describe_event_lines(marks) if marks is not None and len(marks) else ""
        if p["frame"]["indicator"].isin(list(NEWER)).any() and p["indicator"] == "un":
            lines = f"A dotted rule at {INDICATORS['un_recorded']['first']} marks the break between the bases. {lines}"
        texts.append(f"Panel {n}: {describe_series(p['frame'], p['indicator'])} {lines}".strip())
    return f"{len(texts)} panels on one time axis. " + " ".join(texts)


def panels_chart(panels, *, title: str, subtitle, description: str | None = None,
                 x_domain=("1945-01-01", "2026-06-30"), width: int = 600, height: int = 190):
    """Stacked panels on one time axis: ``panels`` is a list of dicts with ``frame`` (rows of
    ``indicator_series``), ``indicator`` and optionally ``marks`` (from ``pkru.charts.pick_events``),
    ``levels`` (event id -> label height in pixels) and ``right`` (ids whose label goes left of the line).
    Without ``description``, :func:`describe_panels` writes it."""
    charts = []
    for p in panels:
        layer = series_layer(p["frame"], p["indicator"], x_domain, height=height, width=width)
        marks = p.get("marks")
        if marks is not None and len(marks):
            rules = arms_mod.staggered_event_rules(marks, p.get("levels", {}), right=tuple(p.get("right", ())))
            layer = alt.layer(layer, rules)
        charts.append(layer)
    desc = describe_panels(panels) if description is None else description
    return finish(alt.vconcat(*charts, spacing=18), title, subtitle, desc)
