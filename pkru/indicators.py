"""Every figure that more than one lesson quotes, defined once (plain functions, tested).

- ``arms_share``        a supplier's (or suppliers') share of a recipient's arms imports, SIPRI TIV
- ``trade_share``       a partner's share of Pakistan's goods trade, COW
- ``first_year_ahead``  the first COW year from which one partner stays ahead of another in Pakistan's trade
- ``unga_mean``         a pair's average yearly UN General Assembly voting agreement over a span of years
- ``ukraine_votes``     the General Assembly's votes on Russia's war in Ukraine, one row per vote, by one rule
- ``unga_years``        a pair's yearly agreement on both bases (Voeten roll calls to 2019, UN recorded votes
                        2019–2025), one row per year and basis, never joined; ``unga_recorded_mean`` the UN-basis mean
- ``emergency_votes``   the resolutions of an emergency special session (ES-10, ES-11) from the UN's vote table
- ``arms_vintage_change``, ``world_import_share``  the two SIPRI vintages compared; a share of world imports (2026)

Shares are fractions (0–1); a lesson that shows a percentage multiplies by 100. Each function takes the table it
reads as an optional argument (a lesson that already loaded it passes it on) and loads it from data/ otherwise.
A lesson never recomputes these figures its own way: ``tests/test_layout.py`` fails when a function of one of
these names is defined elsewhere in the package.
"""
from __future__ import annotations

import pandas as pd

from .data import date_label, load, with_source_labels

__all__ = ["USSR_RUSSIA", "USSR_RUSSIA_LABEL", "SHARED_INDICATORS", "cow_trade", "arms_share", "trade_share",
           "first_year_ahead", "unga_mean", "ukraine_votes", "UNGA_BASES", "UNGA_BASIS_SHORT", "unga_years",
           "unga_recorded_mean", "EMERGENCY_SESSIONS", "emergency_votes", "vote_pattern", "ARMS_VINTAGES",
           "arms_vintage_change", "world_import_share"]

#: SIPRI lists the Soviet Union (deliveries to 1991) and Russia (from 1992) as two suppliers; together they are
#: the course's "USSR/Russia".
USSR_RUSSIA = ("Soviet Union", "Russia")
USSR_RUSSIA_LABEL = "USSR/Russia"

#: The names tests/test_layout.py keeps to this module (and the older names they replaced).
SHARED_INDICATORS = ("arms_share", "trade_share", "first_year_ahead", "unga_mean", "ukraine_votes",
                     "russia_arms_share", "supplier_share", "cow_share", "span_share", "unga_pct", "period_mean",
                     "ukraine_abstentions", "_tiv_share", "unga_years", "unga_recorded_mean", "emergency_votes",
                     "arms_vintage_change", "world_import_share")


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


def ukraine_votes(votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The General Assembly's resolutions on Russia's war in Ukraine adopted by recorded vote (emergency special
    session ES-11, 2022–23), one row per resolution, computed from the UN's records (data/unga_resolutions.csv):
    resolution (symbol), title, date, date_precision, when_label, the stated yes/no/abstain totals and the votes
    of pakistan, india, china, russia and usa; ``event_id`` is the chronology's event for the votes it records
    (empty otherwise), and ``source_ids`` the UN's records plus that event's news pages."""
    v = emergency_votes(11, votes)
    link = load("unga_ukraine_votes")[["resolution", "event_id", "source_ids"]].rename(columns={"source_ids": "pages"})
    v = v.merge(link, on="resolution", how="left")
    v["source_ids"] = [s if pd.isna(p) else f"{s};{p}" for s, p in zip(v["source_ids"], v["pages"])]
    v["date_precision"] = "day"
    for code, name in (("PAK", "pakistan"), ("IND", "india"), ("CHN", "china"), ("RUS", "russia"), ("USA", "usa")):
        v[name] = v[code].fillna("")
    v = with_source_labels(v.drop(columns=["pages", "source"]))
    return v[["resolution", "title", "when_label", "date", "date_precision", "event_id", "yes", "no", "abstain",
              "pakistan", "india", "china", "russia", "usa", "source_ids", "source"]]


# ------------------------------------------------------------------ UN General Assembly: two bases, one rule each
#: The two bases of the agreement shares. They count different things and are never averaged or joined.
UNGA_BASES = {
    "voeten_roll_calls": "Voeten et al.: every roll call (amendments and paragraphs too), 1946–2019",
    "un_recorded_votes": "UN records: resolutions adopted by recorded vote, Nov 2019–2025",
}
UNGA_BASIS_SHORT = {"voeten_roll_calls": "roll calls (Voeten et al.)", "un_recorded_votes": "recorded votes (UN)"}


def unga_years(pair: str, issue: str = "all", unga: pd.DataFrame | None = None,
               recorded: pd.DataFrame | None = None) -> pd.DataFrame:
    """A pair's yearly agreement (0–1) on both bases, one row per year and basis: year, agreement, n_votes,
    basis, basis_label. 2019 appears twice, once per basis (the same 90 votes: the values agree). The UN
    basis has no issue codes, so for an issue other than "all" only the roll-call rows come back."""
    a, _, b = pair.partition("-")
    if not a or not b:
        raise ValueError(f"pair must look like 'PAK-RUS', not {pair!r}")
    u = load("unga_agreement") if unga is None else unga
    parts = [u[(u["country_a"] == a) & (u["country_b"] == b) & (u["issue"] == issue)]]
    if issue == "all":
        r = load("unga_agreement_recorded") if recorded is None else recorded
        parts.append(r[(r["country_a"] == a) & (r["country_b"] == b)])
    cols = ["year", "agreement", "n_votes", "basis"]
    out = pd.concat([p[cols] for p in parts], ignore_index=True)
    out["year"] = out["year"].astype("int64")
    out["agreement"] = out["agreement"].astype("float64")
    out["basis"] = out["basis"].astype(str)
    out["basis_label"] = out["basis"].map(UNGA_BASES)
    return out.sort_values(["basis", "year"], key=lambda s: s.map(list(UNGA_BASES).index) if s.name == "basis" else s
                           ).reset_index(drop=True)


def unga_recorded_mean(pair: str, years: tuple[int, int], recorded: pd.DataFrame | None = None) -> float:
    """Average of a pair's yearly agreement values (0–1) on the UN recorded-vote basis over a span of years."""
    a, _, b = pair.partition("-")
    r = load("unga_agreement_recorded") if recorded is None else recorded
    lo, hi = _span(years)
    r = r[(r["country_a"] == a) & (r["country_b"] == b) & r["year"].between(lo, hi)]
    return float(r["agreement"].mean())


#: emergency special sessions of the General Assembly in the vote table
EMERGENCY_SESSIONS = {10: "Occupied Palestinian Territory (ES-10)", 11: "Ukraine (ES-11)"}


def emergency_votes(session: int, votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The resolutions of one emergency special session adopted by recorded vote (10: the Occupied Palestinian
    Territory, in the table from 2023; 11: Ukraine, 2022–23), from the UN's records (data/unga_resolutions.csv):
    one row per resolution with its date, title, the stated yes/no/abstain totals and the votes of Pakistan,
    Russia, the US, China and India, plus ``when_label`` and ``source``."""
    if int(session) not in EMERGENCY_SESSIONS:
        raise ValueError(f"session must be one of {', '.join(map(str, EMERGENCY_SESSIONS))}, not {session!r}")
    v = load("unga_resolutions") if votes is None else votes
    v = v[v["emergency_session"] == int(session)].sort_values(["date", "resolution"]).reset_index(drop=True)
    v = with_source_labels(v)
    v.insert(2, "when_label", [date_label(d, "day") for d in v["date"]])
    return v


def vote_pattern(votes: pd.DataFrame, country: str) -> dict[str, int]:
    """How often ``country`` voted yes / no / abstain (and was not recorded) in a table of resolutions."""
    counts = votes[country].fillna("").value_counts()
    return {k: int(counts.get(k, 0)) for k in ("yes", "no", "abstain", "not_recorded")}


# ------------------------------------------------------------------ arms: the 2026 vintage and the comparison
ARMS_VINTAGES = {"2022": "arms_imports", "2026": "arms_imports_2026"}


def arms_vintage_change(recipient: str = "PAK", years: tuple[int, int] = (2015, 2021),
                        vintages: pd.DataFrame | None = None) -> dict:
    """Total TIV of a recipient's imports over a span of years in the two SIPRI vintages, and the change
    (fraction) of the 2026 register against the 2022 tables: {tiv_2022, tiv_2026, change}."""
    v = load("arms_vintages") if vintages is None else vintages
    lo, hi = _span(years)
    v = v[(v["recipient"] == recipient) & v["year"].between(lo, hi)]
    old, new = float(v["tiv_vintage_2022"].sum()), float(v["tiv_vintage_2026"].sum())
    return {"tiv_2022": old, "tiv_2026": new, "change": new / old - 1 if old else float("nan")}


def world_import_share(recipient: str, years: tuple[int, int], totals: pd.DataFrame | None = None) -> float:
    """A recipient's share (0–1) of the world's arms imports over a span of years (2026 register, TIV)."""
    t = load("arms_totals_2026") if totals is None else totals
    lo, hi = _span(years)
    t = t[t["year"].between(lo, hi)].groupby("recipient")["tiv"].sum()
    return float(t.get(recipient, 0.0) / t["WLD"]) if t.get("WLD") else float("nan")
