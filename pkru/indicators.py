"""Indicators computed from data/ that several notebooks share (plain functions, tested)."""
from __future__ import annotations

import pandas as pd

from .data import load

USSR_RUSSIA = ("Soviet Union", "Russia")


def cow_trade(partner: str, flow: str = "total") -> pd.DataFrame:
    """COW series (calendar years, current million US$) of Pakistan's trade with one partner."""
    t = load("trade")
    return t[(t["series"] == "cow") & (t["partner"] == partner) & (t["flow"] == flow)].reset_index(drop=True)


def trade_share(partner: str, years: tuple[int, int]) -> float:
    """Partner's share of Pakistan's total goods trade over a span of years (COW, sum of values)."""
    lo, hi = years
    part = cow_trade(partner)
    world = cow_trade("WLD")
    p = part[part["year"].between(lo, hi)]["value_usd_m"].sum()
    w = world[world["year"].between(lo, hi)]["value_usd_m"].sum()
    return float(p / w) if w else float("nan")


def arms_share(suppliers, years: tuple[int, int], recipient: str = "PAK") -> float:
    """Share of a recipient's arms imports (SIPRI TIV) delivered by the given supplier(s) over a span of years."""
    a = load("arms_imports")
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    total = a["tiv"].sum()
    return float(a[a["supplier"].isin(list(suppliers))]["tiv"].sum() / total) if total else float("nan")


def unga_mean(country_b: str, years: tuple[int, int], country_a: str = "PAK", issue: str = "all") -> float:
    """Average yearly UN General Assembly voting agreement of a pair over a span of years."""
    u = load("unga_agreement")
    u = u[(u["country_a"] == country_a) & (u["country_b"] == country_b) & (u["issue"] == issue)
          & u["year"].between(*years)]
    return float(u["agreement"].mean())


def then_vs_now(then=(1980, 1989), now=(2010, 2019)) -> pd.DataFrame:
    """Four indicators of the Pakistan–USSR/Russia relationship in two periods (a tidy table).

    Trade uses COW, which ends in 2014: its "now" span is the last ten years available (2005–2014)."""
    trade_now = (now[0] - 5, min(now[1], 2014)) if now[1] > 2014 else now
    rows = [
        ("Trade with USSR/Russia (US$ m a year)", then, cow_trade("RUS").pipe(
            lambda d: d[d["year"].between(*then)]["value_usd_m"].mean()), "COW Trade v4.0"),
        ("Trade with USSR/Russia (US$ m a year)", trade_now, cow_trade("RUS").pipe(
            lambda d: d[d["year"].between(*trade_now)]["value_usd_m"].mean()), "COW Trade v4.0"),
        ("USSR/Russia share of trade (%)", then, 100 * trade_share("RUS", then), "COW Trade v4.0"),
        ("USSR/Russia share of trade (%)", trade_now, 100 * trade_share("RUS", trade_now),
         "COW Trade v4.0"),
        ("USSR/Russia share of arms imports (%)", then, 100 * arms_share(USSR_RUSSIA, then),
         "Information from the SIPRI Arms Transfers Database"),
        ("USSR/Russia share of arms imports (%)", now, 100 * arms_share(USSR_RUSSIA, now),
         "Information from the SIPRI Arms Transfers Database"),
        ("UN agreement with USSR/Russia (%)", then, 100 * unga_mean("RUS", then),
         "Voeten, Strezhnev & Bailey UN votes"),
        ("UN agreement with USSR/Russia (%)", now, 100 * unga_mean("RUS", now),
         "Voeten, Strezhnev & Bailey UN votes"),
    ]
    out = pd.DataFrame([(ind, f"{a}–{b}", "Cold War" if (a, b) == then else "Recent", round(v, 1), s)
                        for ind, (a, b), v, s in rows],
                       columns=["indicator", "years", "period", "value", "source"])
    return out
