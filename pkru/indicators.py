"""Every figure that more than one lesson quotes, defined once (plain functions, tested).

- ``arms_share``        a supplier's (or suppliers') share of a recipient's arms imports, SIPRI TIV
- ``trade_share``       a partner's share of Pakistan's goods trade, COW
- ``first_year_ahead``  the first COW year from which one partner stays ahead of another in Pakistan's trade
- ``unga_mean``         a pair's average yearly UN General Assembly voting agreement over a span of years
- ``ukraine_votes``     the General Assembly's votes on Russia's war in Ukraine, one row per vote, by one rule

Shares are fractions (0–1); a lesson that shows a percentage multiplies by 100. Each function takes the table it
reads as an optional argument (a lesson that already loaded it passes it on) and loads it from data/ otherwise.
A lesson never recomputes these figures its own way: ``tests/test_layout.py`` fails when a function of one of
these names is defined elsewhere in the package.
"""
from __future__ import annotations

import pandas as pd

from .data import date_label, load, with_source_labels

__all__ = ["USSR_RUSSIA", "USSR_RUSSIA_LABEL", "SHARED_INDICATORS", "cow_trade", "arms_share", "trade_share",
           "first_year_ahead", "unga_mean", "ukraine_votes"]

#: SIPRI lists the Soviet Union (deliveries to 1991) and Russia (from 1992) as two suppliers; together they are
#: the course's "USSR/Russia".
USSR_RUSSIA = ("Soviet Union", "Russia")
USSR_RUSSIA_LABEL = "USSR/Russia"

#: The names tests/test_layout.py keeps to this module (and the older names they replaced).
SHARED_INDICATORS = ("arms_share", "trade_share", "first_year_ahead", "unga_mean", "ukraine_votes",
                     "russia_arms_share", "supplier_share", "cow_share", "span_share", "unga_pct", "period_mean",
                     "ukraine_abstentions", "_tiv_share")


def _suppliers(suppliers) -> list[str]:
    if isinstance(suppliers, str):
        return list(USSR_RUSSIA) if suppliers == USSR_RUSSIA_LABEL else [suppliers]
    return list(suppliers)


def _span(years) -> tuple[int, int]:
    lo, hi = sorted(int(y) for y in years)
    return lo, hi


# ------------------------------------------------------------------ arms (SIPRI TIV)
def arms_share(suppliers, years: tuple[int, int], recipient: str = "PAK", arms: pd.DataFrame | None = None) -> float:
    """Share (0–1) of a recipient's arms imports (SIPRI TIV) delivered by ``suppliers`` over a span of years:
    the suppliers' TIV summed over the years, divided by all suppliers' TIV summed over the same years.

    ``suppliers`` is a SIPRI name, a list of names, or "USSR/Russia" (the Soviet Union and Russia together).
    NaN when the recipient received nothing in those years."""
    a = load("arms_imports") if arms is None else arms
    lo, hi = _span(years)
    a = a[(a["recipient"] == recipient) & a["year"].between(lo, hi)]
    total = float(a["tiv"].sum())
    return float(a.loc[a["supplier"].isin(_suppliers(suppliers)), "tiv"].sum()) / total if total else float("nan")


# ------------------------------------------------------------------ trade (COW)
def cow_trade(partner: str, flow: str = "total", trade: pd.DataFrame | None = None) -> pd.DataFrame:
    """COW series (calendar years, current million US$) of Pakistan's trade with one partner ("WLD" = the world)."""
    t = load("trade") if trade is None else trade
    return t[(t["series"] == "cow") & (t["partner"] == partner) & (t["flow"] == flow)].reset_index(drop=True)


def trade_share(partner: str, years: tuple[int, int], flow: str = "total", trade: pd.DataFrame | None = None) -> float:
    """A partner's share (0–1) of Pakistan's goods trade over a span of years (COW): the partner's trade summed
    over the years, divided by Pakistan's trade with the world summed over the same years."""
    lo, hi = _span(years)
    part, world = cow_trade(partner, flow, trade), cow_trade("WLD", flow, trade)
    p = part.loc[part["year"].between(lo, hi), "value_usd_m"].sum()
    w = world.loc[world["year"].between(lo, hi), "value_usd_m"].sum()
    return float(p / w) if w else float("nan")


def first_year_ahead(a: str = "CHN", b: str = "USA", trade: pd.DataFrame | None = None) -> int | None:
    """First COW year from which partner ``a`` outweighs ``b`` in Pakistan's total trade in every later year of
    the series (value or share: the denominator is the same). None if ``a`` is not ahead in the last year."""
    wa = cow_trade(a, "total", trade).set_index("year")["value_usd_m"]
    wb = cow_trade(b, "total", trade).set_index("year")["value_usd_m"]
    ahead = (wa > wb.reindex(wa.index)).sort_index()
    years, flags = list(ahead.index.astype(int)), list(ahead)
    for i, y in enumerate(years):
        if all(flags[i:]):
            return int(y)
    return None


# ------------------------------------------------------------------ UN General Assembly
def unga_mean(pair: str, years: tuple[int, int], issue: str = "all", unga: pd.DataFrame | None = None) -> float:
    """Average of a pair's yearly UN General Assembly agreement values (0–1) over a span of years (inclusive).
    ``pair`` is "PAK-RUS", "PAK-USA", "PAK-CHN", "PAK-IND" or "IND-RUS"."""
    a, _, b = pair.partition("-")
    if not a or not b:
        raise ValueError(f"pair must look like 'PAK-RUS', not {pair!r}")
    u = load("unga_agreement") if unga is None else unga
    lo, hi = _span(years)
    u = u[(u["country_a"] == a) & (u["country_b"] == b) & (u["issue"] == issue) & u["year"].between(lo, hi)]
    return float(u["agreement"].mean())


def ukraine_votes() -> pd.DataFrame:
    """The General Assembly's votes on Russia's war in Ukraine (2022–23), one row per vote, with the votes of
    Pakistan, India and China ('' = not stated by the sources) and a readable ``source`` column."""
    v = with_source_labels(load("unga_ukraine_votes"))
    v.insert(2, "when_label", [date_label(d, p) for d, p in zip(v["date"], v["date_precision"])])
    return v
