"""Checks for the exercises of notebook 00 (start here)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right


@exercise_check("the number of security events in data/events.csv", expected_type=int)
def ex1(answer):
    events = load("events")
    expected = int((events["category"] == "security").sum())
    if answer == expected:
        return right(f"Yes: {expected} events have the category 'security'.")
    if answer == len(events):
        return not_yet("That is the number of all events. Keep only the rows whose category is 'security'.")
    return not_yet("Filter the rows with events['category'] == 'security', then count them with len() or .sum().")


@exercise_check("the year in which COW trade with USSR/Russia peaked", expected_type=int)
def ex2(answer):
    t = load("trade")
    cow = t[(t["series"] == "cow") & (t["partner"] == "RUS") & (t["flow"] == "total")]
    best = cow.loc[cow["value_usd_m"].idxmax()]
    if answer == int(best["year"]):
        return right(f"Yes: {int(best['year'])}, with about {best['value_usd_m']:.0f} million current US dollars "
                     "(COW; remember these are not inflation-adjusted).")
    if answer in set(t.loc[t["series"] == "official", "year"].astype(int)) and answer > 2014:
        return not_yet("COW data end in 2014: keep series == 'cow' only, and do not mix in the official figures.")
    return not_yet("Keep series 'cow', partner 'RUS', flow 'total'; then find the row with the largest value_usd_m "
                   "(hint: .sort_values() or .idxmax()).")
