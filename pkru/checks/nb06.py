"""Checks for the exercises of notebook 06 (multilateral ties: the SCO and voting at the UN).

Every expected value is computed here from data/unga_agreement.csv with plain pandas (independently of
pkru.lessons.nb06_multilateral, so the two cross-check each other in the tests)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right

ISSUE_NAMES = {"me": "Palestinian conflict", "co": "Colonialism", "ec": "Economic development",
               "hr": "Human rights", "di": "Arms control and disarmament", "nu": "Nuclear weapons and material"}


def _pair(a, b, issue="all"):
    u = load("unga_agreement")
    return u[(u["country_a"] == a) & (u["country_b"] == b) & (u["issue"] == issue)]


def _mean(a, b, lo, hi, issue="all"):
    rows = _pair(a, b, issue)
    return float(rows.loc[rows["year"].between(lo, hi), "agreement"].mean())


@exercise_check("Pakistan's average yearly agreement with the US, 1980–1989", expected_type=float)
def ex1(answer):
    expected = _mean("PAK", "USA", 1980, 1989)
    if abs(answer - expected) < 0.0005:
        return right(f"Yes: about {expected:.1%}. In the decade when the US and Pakistan worked together over "
                     f"Afghanistan, Pakistan voted like the US on roughly one roll call in {round(1 / expected)}.")
    if abs(answer - 100 * expected) < 0.05:
        return not_yet("That looks like a percentage. Give the share between 0 and 1 (divide by 100).")
    if abs(answer - _mean("PAK", "RUS", 1980, 1989)) < 0.0005:
        return not_yet("That is the agreement with USSR/Russia. Use country_b == 'USA'.")
    u = load("unga_agreement")
    all_issues = u[(u["country_a"] == "PAK") & (u["country_b"] == "USA") & u["year"].between(1980, 1989)]
    if abs(answer - float(all_issues["agreement"].mean())) < 0.0005:
        return not_yet("You averaged the rows of every issue. Keep only issue == 'all' (one row per year).")
    rows = _pair("PAK", "USA")
    rows = rows[rows["year"].between(1980, 1989)]
    weighted = float((rows["agreement"] * rows["n_votes"]).sum() / rows["n_votes"].sum())
    if abs(answer - weighted) < 0.0005:
        return not_yet("Close, but you weighted the years by their number of roll calls. The exercise asks for the "
                       "plain average of the ten yearly values: .mean() of the agreement column.")
    for lo, hi in [(1980, 1988), (1981, 1989), (1979, 1989), (1980, 1990)]:
        if abs(answer - _mean("PAK", "USA", lo, hi)) < 0.0005:
            return not_yet(f"You used the years {lo}–{hi}. Include 1980 and 1989 and nothing else: "
                           ".between(1980, 1989) is inclusive.")
    return not_yet("Keep country_a 'PAK', country_b 'USA', issue 'all' and years 1980 to 1989, then take the mean "
                   "of the agreement column.")


@exercise_check("the issue code with the largest fall in Pakistan–USSR/Russia agreement, 1980s to 2010s",
                expected_type=str)
def ex2(answer):
    answer = answer.strip()
    change = {i: _mean("PAK", "RUS", 2010, 2019, i) - _mean("PAK", "RUS", 1980, 1989, i) for i in ISSUE_NAMES}
    ranked = sorted(change, key=change.get)
    expected = ranked[0]
    if answer == expected:
        return right(f"Yes: '{expected}' ({ISSUE_NAMES[expected]}), down {-change[expected] * 100:.0f} percentage points. In the "
                     "2010s Russia voted on most of these splits like the US, and Pakistan like India.")
    if answer.lower() == expected or answer.lower() == ISSUE_NAMES[expected].lower():
        return not_yet(f"Right issue, but give its code exactly as in the issue column ('{expected}').")
    if answer == "all":
        return not_yet("'all' is every roll call together. Compare the six issue codes only.")
    if answer == ranked[1]:
        return not_yet(f"'{answer}' fell a lot, but one issue fell even further. Compute 2010s mean minus 1980s mean "
                       "for every issue and take the most negative.")
    if answer == ranked[-1]:
        return not_yet("That issue fell the least. Sort the changes from most negative to least negative.")
    if answer not in ISSUE_NAMES:
        return not_yet(f"Answer with one of the issue codes: {', '.join(ISSUE_NAMES)}.")
    return not_yet("For each issue code, average the yearly agreement of PAK–RUS in 1980–1989 and in 2010–2019, "
                   "subtract, and pick the issue with the largest fall.")


@exercise_check("the number of years 1980–1989 in which Pakistan agreed more with India than with the USSR",
                expected_type=int)
def ex3(answer):
    ind = _pair("PAK", "IND").set_index("year")["agreement"]
    rus = _pair("PAK", "RUS").set_index("year")["agreement"]
    years = range(1980, 1990)
    expected = int(sum(ind[y] > rus[y] for y in years))
    if answer == expected:
        return right(f"Yes: {expected} of the 10 years. Pakistan voted more often with India, its rival, than with "
                     "the USSR for most of the Afghan war, which shows that UN agreement is not a measure of friendship.")
    if answer == 10 - expected:
        return not_yet("That is the number of years with the USSR ahead. Count the years where India's agreement "
                       "is larger.")
    if answer == 10:
        return not_yet("Not every year: compare the two values year by year (for example with a pivot table) and "
                       "count where PAK–IND is larger.")
    return not_yet("Take the issue 'all' rows of PAK–IND and PAK–RUS for 1980–1989, line them up by year, compare "
                   "the agreement values and count the True results with .sum().")
