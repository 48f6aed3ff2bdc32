"""Checks for the exercises of notebook 04 (trade and economy). Expected values come from data/trade.csv."""
from ..data import load
from ..exercises import exercise_check, not_yet, right


def _official(year: int, period: str, flow: str) -> float:
    t = load("trade")
    row = t[(t["series"] == "official") & (t["partner"] == "RUS") & (t["year"] == year)
            & (t["period"] == period) & (t["flow"] == flow)]
    return float(row["value_usd_m"].iloc[0])


def _close(a, b, tol) -> bool:
    return abs(float(a) - float(b)) <= tol


@exercise_check("Pakistan's trade balance with Russia in FY2022-23 (million US$)", expected_type=(int, float))
def ex1(answer):
    exports = _official(2023, "pk_fiscal", "pak_exports")
    imports = _official(2023, "pk_fiscal", "pak_imports")
    expected = exports - imports
    if _close(answer, expected, 0.5):
        return right(f"Yes: {exports:.0f} − {imports:.0f} = {expected:.0f} million dollars. A negative balance is a "
                     f"Pakistani deficit: Pakistan bought about {imports / exports:.0f} times what it sold.")
    if _close(answer, -expected, 0.5):
        return not_yet("Right size, wrong sign. The balance is exports minus imports, so a deficit is negative.")
    if _close(answer, exports + imports, 0.5) or _close(answer, _official(2023, "pk_fiscal", "total"), 0.5):
        return not_yet("That is total trade (exports + imports). The balance subtracts imports from exports.")
    return not_yet("Keep series 'official', period 'pk_fiscal', year 2023 (FY2022-23); take the 'pak_exports' "
                   "value minus the 'pak_imports' value.")


def _span(partner: str, lo: int, hi: int) -> tuple[float, float]:
    t = load("trade")
    cow = t[(t["series"] == "cow") & (t["flow"] == "total") & t["year"].between(lo, hi)]
    return (float(cow.loc[cow["partner"] == partner, "value_usd_m"].sum()),
            float(cow.loc[cow["partner"] == "WLD", "value_usd_m"].sum()))


@exercise_check("USSR/Russia's share of Pakistan's goods trade, 2010–2014 (%)", expected_type=(int, float))
def ex2(answer):
    part, world = _span("RUS", 2010, 2014)
    expected = 100 * part / world
    if _close(answer, expected, 0.02):
        return right(f"Yes: about {expected:.2f}% — {part:,.0f} of {world:,.0f} million dollars. Fewer than one "
                     "dollar in a hundred of Pakistan's goods trade was with Russia.")
    t = load("trade")
    cow = t[(t["series"] == "cow") & (t["flow"] == "total") & t["year"].between(2010, 2014)]
    yearly = (cow[cow["partner"] == "RUS"].set_index("year")["value_usd_m"]
              / cow[cow["partner"] == "WLD"].set_index("year")["value_usd_m"])
    if _close(answer, 100 * yearly.mean(), 0.02):
        return right(f"Accepted: you averaged the five yearly shares ({100 * yearly.mean():.2f}%). Dividing the "
                     f"five-year sums gives {expected:.2f}%; the sums weight big years more, which is usually "
                     "what you want.")
    if _close(answer, expected / 100, 0.0002):
        return not_yet("That looks like a fraction. Multiply by 100 to get a percentage.")
    if _close(answer, part, 1) or _close(answer, part / 5, 1):
        return not_yet("That is a dollar value. Divide Russia's trade by Pakistan's trade with the world ('WLD').")
    return not_yet("Keep series 'cow' and flow 'total' for 2010–2014; add up partner 'RUS' and partner 'WLD' "
                   "separately; then 100 × RUS / WLD.")


@exercise_check("percentage change in total trade from FY2020-21 to FY2022-23", expected_type=(int, float))
def ex3(answer):
    old = _official(2021, "pk_fiscal", "total")
    new = _official(2023, "pk_fiscal", "total")
    expected = 100 * (new - old) / old
    if _close(answer, expected, 0.05):
        return right(f"Yes: {expected:.1f}%. On Pakistan's fiscal-year figures, trade in FY2022-23 was slightly "
                     "smaller than in FY2020-21 — despite the wheat and crude headlines.")
    cal_old, cal_new = _official(2021, "calendar", "total"), _official(2023, "calendar", "total")
    if _close(answer, 100 * (cal_new - cal_old) / cal_old, 0.5):
        return not_yet("You used calendar-year figures (and one of them is only a lower bound). Keep period "
                       "'pk_fiscal': year 2021 = FY2020-21, year 2023 = FY2022-23.")
    if _close(answer, (new - old) / old, 0.001) or _close(answer, new / old, 0.001):
        return not_yet("Give a percentage: 100 × (new − old) / old.")
    if _close(answer, 100 * (old - new) / new, 0.05) or _close(answer, -expected, 0.05):
        return not_yet("Check the order: the change runs from FY2020-21 (old) to FY2022-23 (new), "
                       "and you divide by the old value.")
    if _close(answer, 100 * (new - _official(2022, "pk_fiscal", "total")) / _official(2022, "pk_fiscal", "total"), 0.5):
        return not_yet("You started from FY2021-22, the doubtful figure. Start from FY2020-21 (year 2021).")
    return not_yet("Keep series 'official', period 'pk_fiscal', flow 'total'; old = year 2021, new = year 2023; "
                   "then 100 × (new − old) / old.")
