"""Checks for the exercises of notebook 08 (great-power balancing).

Every expected value is computed here from data/ with plain pandas (independently of pkru.lessons.nb08_balancing, so a bug
there cannot make a wrong answer look right)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right

SOVIET = ("Soviet Union", "Russia")


def _close(answer, value, tol):
    return abs(float(answer) - value) <= tol


# ------------------------------------------------------------------ exercise 1: the UN gap, China vs US
def _un_mean(country_b, years, country_a="PAK"):
    u = load("unga_agreement")
    sel = u[(u["country_a"] == country_a) & (u["country_b"] == country_b) & (u["issue"] == "all")
            & u["year"].between(*years)]
    return float(sel["agreement"].mean())


def un_gap_2010s(years=(2010, 2019)) -> float:
    """Pakistan's average yearly UN agreement with China minus that with the US, in percentage points."""
    return 100 * (_un_mean("CHN", years) - _un_mean("USA", years))


@exercise_check("the gap (percentage points) between Pakistan's UN agreement with China and with the US, 2010–2019",
                expected_type=(int, float))
def ex1(answer):
    expected = un_gap_2010s()
    if _close(answer, expected, 0.06):
        return right(f"Yes: about {expected:.1f} percentage points. In the 2010s Pakistan voted with China on about "
                     f"{100 * _un_mean('CHN', (2010, 2019)):.0f}% of roll calls and with the US on about "
                     f"{100 * _un_mean('USA', (2010, 2019)):.0f}%, although only the US ever had a defence obligation "
                     "with it (ATOP: 1954–1972; with China ATOP codes only non-aggression and consultation, from "
                     "2004).")
    if _close(answer * 100, expected, 0.06):
        return not_yet("That looks like a difference of shares (0 to 1). The question asks for percentage points: "
                       "multiply by 100.")
    if _close(answer, -expected, 0.06):
        return not_yet("Check the sign: subtract the US average from the China average, not the other way round.")
    if _close(answer, 100 * (_un_mean("CHN", (2010, 2019)) - _un_mean("RUS", (2010, 2019))), 0.06):
        return not_yet("That is the gap between China and USSR/Russia. Use country_b == 'USA' for the second pair.")
    for years in ((2010, 2018), (2011, 2019), (2009, 2019), (2010, 2020)):
        if _close(answer, un_gap_2010s(years), 0.06):
            return not_yet(f"Check the years: you seem to have used {years[0]}–{years[1]}. "
                           "`.between(2010, 2019)` keeps 2010 to 2019, both included.")
    u = load("unga_agreement")
    any_issue = u[(u["country_a"] == "PAK") & u["year"].between(2010, 2019)]
    mixed = 100 * (any_issue.loc[any_issue["country_b"] == "CHN", "agreement"].mean()
                   - any_issue.loc[any_issue["country_b"] == "USA", "agreement"].mean())
    if _close(answer, mixed, 0.06):
        return not_yet("Keep only the rows with issue == 'all': the other rows are subsets of the roll calls by topic.")
    return not_yet("Keep rows with country_a 'PAK', issue 'all' and years 2010–2019; average 'agreement' for "
                   "country_b 'CHN' and for 'USA'; subtract the US average from China's and multiply by 100.")


# ------------------------------------------------------------------ exercise 2: periods in which Moscow out-supplied Washington
def _period_tiv(suppliers, last_start=2015):
    """TIV delivered to Pakistan by the given SIPRI supplier names per five-year period (1950–54 …)."""
    a = load("arms_imports")
    a = a[a["recipient"] == "PAK"].copy()
    a["period"] = 1950 + (a["year"] - 1950) // 5 * 5
    starts = list(range(1950, last_start + 1, 5))
    return a[a["supplier"].isin(list(suppliers))].groupby("period")["tiv"].sum().reindex(starts, fill_value=0.0)


def periods_russia_ahead(suppliers=SOVIET, last_start=2015) -> int:
    """Number of five-year periods 1950–54 … 2015–19 in which the given supplier(s) delivered more TIV to Pakistan
    than the United States (the same as a larger share, since both shares have the same denominator)."""
    moscow = _period_tiv(suppliers, last_start)
    us = _period_tiv(["United States"], last_start)
    return int((moscow > us).sum())


@exercise_check("the number of complete five-year periods (1950–54 to 2015–19) in which USSR/Russia out-supplied "
                "the US to Pakistan", expected_type=int)
def ex2(answer):
    expected = periods_russia_ahead()
    if answer == expected:
        return right(f"Yes: {expected} of the 14 periods. Even a small Russian share could top the American one "
                     "when US deliveries stopped, which says more about the US than about Russia.")
    if answer == periods_russia_ahead(("Russia",)):
        return not_yet("You seem to have used only the code 'Russia'. SIPRI lists the Soviet Union (to 1991) "
                       "separately: include both 'Soviet Union' and 'Russia'.")
    if answer == periods_russia_ahead(last_start=2020):
        return not_yet("2020–21 is an incomplete period (the data end in 2021): count only 1950–54 to 2015–19.")
    if answer == 14 - expected:
        return not_yet("That counts the periods in which the US was ahead (or level). Count those where "
                       "USSR/Russia delivered more.")
    return not_yet("Keep Pakistan's rows, give each year its period start (1950 + (year - 1950) // 5 * 5), sum TIV "
                   "per period for 'United States' and for 'Soviet Union' + 'Russia' (a period with no row is 0), "
                   "and count the periods before 2020 in which USSR/Russia's total is larger.")


# ------------------------------------------------------------------ exercise 3: Russia's deliveries to India vs Pakistan
def _russia_tiv(recipient, years, suppliers=("Russia",)):
    a = load("arms_imports")
    sel = a[(a["recipient"] == recipient) & a["supplier"].isin(list(suppliers)) & a["year"].between(*years)]
    return float(sel["tiv"].sum())


def india_pakistan_ratio(years=(2015, 2021)) -> float:
    """Russia's deliveries (SIPRI TIV) to India divided by those to Pakistan over the years (inclusive)."""
    return _russia_tiv("IND", years) / _russia_tiv("PAK", years)


@exercise_check("Russia's deliveries to India divided by its deliveries to Pakistan, 2015–2021 (SIPRI TIV)",
                expected_type=(int, float))
def ex3(answer):
    expected = india_pakistan_ratio()
    if _close(answer, expected, 0.05 + 0.005 * expected):
        return right(f"Yes: about {expected:.0f} to 1. Russia delivered "
                     f"{_russia_tiv('IND', (2015, 2021)):,.0f} million TIV to India and "
                     f"{_russia_tiv('PAK', (2015, 2021)):,.0f} to Pakistan in 2015–2021, after the 2014 opening.")
    if answer and _close(1 / answer, expected, 0.05 + 0.005 * expected):
        return not_yet("You divided Pakistan by India. The question asks how many times as much India received: "
                       "India's total divided by Pakistan's.")
    for years in ((2015, 2019), (2014, 2021), (2016, 2021), (1992, 2021)):
        ratio = india_pakistan_ratio(years)
        if _close(answer, ratio, 0.05 + 0.005 * ratio):
            return not_yet(f"Check the years: you seem to have used {years[0]}–{years[1]}. Use 2015 to 2021, both "
                           "included.")
    return not_yet("Add up the TIV of supplier 'Russia' to recipient 'IND' in 2015–2021, do the same for 'PAK', "
                   "and divide the first total by the second.")
