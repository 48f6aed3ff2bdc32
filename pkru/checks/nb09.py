"""Checks for the exercises of notebook 09 (culture and people-to-people ties).

Every expected value is computed from data/events.csv with plain pandas or ``pkru.lessons.nb09_culture``."""

from ..data import load
from ..exercises import exercise_check, not_yet, right
from ..lessons import nb09_culture as cu


def _culture_pct():
    ev = load("events")
    return 100 * float((ev["category"] == "culture").mean()), int((ev["category"] == "culture").sum()), len(ev)


@exercise_check("the percentage of chronology events whose category is 'culture'", expected_type=(int, float))
def ex1(answer):
    pct, n, total = _culture_pct()
    if abs(answer - pct) < 0.05:
        return right(f"Yes: {n} of {total} events, about {pct:.1f}%. A share this small says as much about what the "
                     "chronology can see as about the relationship itself.")
    if abs(answer - pct / 100) < 0.0005:
        return not_yet("That is the share as a fraction (between 0 and 1). Multiply by 100 to get a percentage.")
    if answer == n:
        return not_yet(f"{n} is the number of culture events. Divide it by the number of all events, then "
                       "multiply by 100.")
    if answer == total:
        return not_yet("That is the number of all events. Count the culture rows and divide by it.")
    if abs(answer - round(pct)) < 0.05 and round(pct) != round(pct, 1):
        return not_yet(f"Close: do not round to a whole number; give at least one decimal (about {pct:.1f}).")
    return not_yet("Compare events['category'] with 'culture' (True/False for every row), take the mean of that "
                   "and multiply by 100.")


@exercise_check("the category (other than culture) with the highest share of single-source events", expected_type=str)
def ex2(answer):
    ev = load("events")
    shares = cu.single_source_share(ev).drop("culture")
    expected = str(shares.idxmax())
    n_single = ev[ev["source_ids"].map(lambda v: len([s for s in v.split(";") if s.strip()]) == 1)]
    most_single = str(n_single.loc[n_single["category"] != "culture", "category"].value_counts().idxmax())
    most_events = str(ev.loc[ev["category"] != "culture", "category"].value_counts().idxmax())
    a = answer.strip().lower()
    if a == expected:
        return right(f"Yes: {expected}, where {shares[expected]:.0%} of the events rest on one source. Culture "
                     f"(100%) is thinner still, which is why it was left out.")
    if a == "culture":
        return not_yet("Culture is the thinnest (both its events have one source each), but the question asks for "
                       "the highest share among the *other* categories.")
    if a == most_single and a != expected:
        return not_yet(f"{most_single} has the most single-source events, but also many events in all. Divide by "
                       "the number of events in each category: the question asks for a share.")
    if a == most_events and a != expected:
        return not_yet(f"{most_events} simply has the most events. Count the events with exactly one source id per "
                       "category and divide by the category's number of events.")
    if a not in set(ev["category"]):
        return not_yet(f"'{answer}' is not a category of data/events.csv. The categories are: "
                       + ", ".join(sorted(set(ev["category"]))) + ".")
    return not_yet("For every event, count its source ids (split source_ids on ';'). Mark the events with exactly "
                   "one, then take the mean of that mark per category and pick the largest, leaving culture out.")


def _mentions():
    ev = load("events")
    hit = ev["summary"].str.contains(r"cultur|educat", case=False, regex=True)
    return ev, hit


@exercise_check("the event_ids of non-culture events whose summary mentions culture or education",
                expected_type=(list, tuple))
def ex3(answer):
    ev, hit = _mentions()
    expected = sorted(ev.loc[hit & (ev["category"] != "culture"), "event_id"])
    got = sorted(str(a) for a in answer)
    if got == expected:
        cats = ", ".join(ev.set_index("event_id").loc[expected, "category"])
        return right(f"Yes: {len(expected)} events ({', '.join(expected)}), with the categories {cats}. In each, "
                     "culture or education is one line in a bigger political or economic package.")
    with_culture = sorted(ev.loc[hit, "event_id"])
    if got == with_culture:
        return not_yet("You also kept the events whose category is already 'culture'. Keep only rows with "
                       "category != 'culture'.")
    only_cult = sorted(ev.loc[ev["summary"].str.contains("cultur", case=False) & (ev["category"] != "culture"),
                              "event_id"])
    if got == only_cult:
        return not_yet("You searched for culture only. Search for education too: the pattern 'cultur|educat' "
                       "finds both (and 'cultural').")
    case_sensitive = sorted(ev.loc[ev["summary"].str.contains(r"cultur|educat", regex=True) & (ev["category"]
                                                                                             != "culture"), "event_id"])
    if got == case_sensitive and got != expected:
        return not_yet("Some summaries may start a sentence with a capital letter: add case=False.")
    extra = sorted(set(got) - set(expected))
    if extra:
        return not_yet(f"These do not match: {', '.join(extra[:3])}. Use events['summary'].str.contains("
                       "'cultur|educat', case=False) and keep category != 'culture'.")
    return not_yet(f"Some are missing: you have {len(got)}, there are {len(expected)}. Search the summary column "
                   "with .str.contains('cultur|educat', case=False).")
