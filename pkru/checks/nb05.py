"""Checks for the exercises of notebook 05 (security): SIPRI arms imports of Pakistan and India.

Every expected value is computed here from data/arms_imports.csv with plain pandas (independently of
pkru.lessons.nb05_security, so a bug there cannot make a wrong answer look right)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right

SOVIET = ("Soviet Union", "Russia")


def _share_pct(recipient, suppliers, years):
    """Percentage of a recipient's TIV from the given SIPRI supplier names over an inclusive span of years."""
    a = load("arms_imports")
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    total = a["tiv"].sum()
    return float(100 * a.loc[a["supplier"].isin(list(suppliers)), "tiv"].sum() / total)


def _close(answer, value, tol):
    return abs(float(answer) - value) <= tol


def russia_share_2015_19() -> float:
    return _share_pct("PAK", ["Russia"], (2015, 2019))


@exercise_check("Russia's share (%) of Pakistan's arms imports, 2015–2019", expected_type=(int, float))
def ex1(answer):
    expected = russia_share_2015_19()
    if _close(answer, expected, 0.06):
        return right(f"Yes: about {expected:.1f}% of the TIV Pakistan received in 2015–19 came from Russia. SIPRI's "
                     "March 2020 release, as reported in the press, gave 6.6%: SIPRI revises its data, so small "
                     "differences between releases are normal.")
    if _close(answer * 100, expected, 0.06):
        return not_yet("That looks like a fraction (0 to 1). The question asks for a percentage: multiply by 100.")
    for years in ((2015, 2020), (2015, 2021), (2014, 2019), (2016, 2020)):
        if _close(answer, _share_pct("PAK", ["Russia"], years), 0.06):
            return not_yet(f"Check the years: you seem to have used {years[0]}–{years[1]}. "
                           "`arms['year'].between(2015, 2019)` keeps 2015 to 2019, both included.")
    if _close(answer, _share_pct("IND", ["Russia"], (2015, 2019)), 0.06):
        return not_yet("That is India's figure. Keep the rows whose recipient is 'PAK'.")
    if _close(answer, 6.6, 0.001):
        return not_yet("6.6% is the figure SIPRI published in 2020. Compute the share from the course's data "
                       "(SIPRI's July 2022 tables), which gives a slightly different value.")
    return not_yet("Keep Pakistan's rows for 2015–2019, add up the TIV of supplier 'Russia', divide by the TIV of "
                   "all suppliers in the same years, and multiply by 100.")


def peak_ussr_russia_year():
    a = load("arms_imports")
    a = a[(a["recipient"] == "PAK") & a["supplier"].isin(SOVIET)]
    by_year = a.groupby("year")["tiv"].sum()
    return int(by_year.idxmax()), float(by_year.max())


def _peak_year_of(supplier):
    a = load("arms_imports")
    a = a[(a["recipient"] == "PAK") & (a["supplier"] == supplier)]
    return int(a.loc[a["tiv"].idxmax(), "year"])


@exercise_check("the year with the largest USSR/Russia delivery to Pakistan", expected_type=int)
def ex2(answer):
    year, tiv = peak_ussr_russia_year()
    if answer == year:
        return right(f"Yes: {year}, with {tiv:.0f} million TIV — more than any year of the Russian era. That is the "
                     "year of the reported Soviet arms offer (August 1968), two years after the Tashkent conference.")
    if answer == _peak_year_of("Russia"):
        return not_yet("That is the peak for the code 'Russia' only. SIPRI lists the Soviet Union (to 1991) "
                       "separately: include both 'Soviet Union' and 'Russia'.")
    a = load("arms_imports")
    pak_peak = int(a[a["recipient"] == "PAK"].groupby("year")["tiv"].sum().idxmax())
    if answer == pak_peak:
        return not_yet("That is the year of Pakistan's largest imports from all suppliers. Keep only the rows whose "
                       "supplier is 'Soviet Union' or 'Russia'.")
    if answer == 2014 or answer == 2015:
        return not_yet("Announcements are not deliveries: look at the TIV column, not the events.")
    return not_yet("Keep Pakistan's rows with supplier in ['Soviet Union', 'Russia'], sum TIV by year, and take the "
                   "year with the largest total (hint: .groupby('year')['tiv'].sum().idxmax()).")


def india_change_pp() -> float:
    return (_share_pct("IND", SOVIET, (2015, 2019)) - _share_pct("IND", SOVIET, (2010, 2014)))


@exercise_check("the change in USSR/Russia's share of India's imports, 2010–14 to 2015–19 (percentage points)",
                expected_type=(int, float))
def ex3(answer):
    expected = india_change_pp()
    if _close(answer, expected, 0.15):
        return right(f"Yes: a change of {expected:.1f} percentage points. Russia was still India's largest supplier "
                     "in 2015–19, but a smaller one; whether the fall lasts cannot be read from one period.")
    if _close(answer, -expected, 0.15):
        return not_yet("Right size, wrong sign: the share fell, so the change (later minus earlier) is negative.")
    if _close(answer * 100, expected, 0.15) or _close(-answer * 100, expected, 0.15):
        return not_yet("That looks like a difference of fractions. Express both shares as percentages first.")
    pak = _share_pct("PAK", SOVIET, (2015, 2019)) - _share_pct("PAK", SOVIET, (2010, 2014))
    if _close(answer, pak, 0.15):
        return not_yet("That is Pakistan's change. Keep the rows whose recipient is 'IND'.")
    return not_yet("Compute USSR/Russia's share of India's TIV (in %) for 2010–2014 and for 2015–2019, then subtract "
                   "the earlier share from the later one.")
