"""Checks for the exercises of notebook 01 (history, 1947–1991)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right
from ..lessons.nb01_history import OBLIGATIONS, events_by_phase

KINDS = list(OBLIGATIONS)


def _years_with(partner: str, column: str | None = None) -> list[int]:
    a = load("alliances")
    a = a[a["partner"] == partner]
    mask = a[column] == 1 if column else a[KINDS].max(axis=1) == 1
    return sorted(int(y) for y in a.loc[mask, "year"])


@exercise_check("the number of years with a Pakistan–US defence obligation (ATOP)", expected_type=int)
def ex1(answer):
    years = _years_with("USA", "defense")
    expected = len(years)
    if answer == expected:
        nonagg = [y for y in _years_with("USA", "nonagg") if y > years[-1]]
        also = f" (and, from {nonagg[0]}, non-aggression)" if nonagg else ""
        return right(f"Yes: {expected} years, {years[0]}–{years[-1]}. After {years[-1]} ATOP records no defence "
                     f"obligation with the US, only consultation{also}; the defence tie ends as Pakistan leaves SEATO.")
    any_years = _years_with("USA")
    if answer in (len(any_years), len([y for y in any_years if y <= 1991])):
        return not_yet("That counts the years with *any* obligation. Keep only the rows where defense == 1.")
    if answer == int((load("alliances")["defense"] == 1).sum()) and answer != expected:
        return not_yet("Keep only the rows of the United States (partner == 'USA') as well.")
    if answer in (len(load("alliances")), int((load("alliances")["partner"] == "USA").sum())):
        return not_yet("That is a count of rows, not of defence years: filter on partner == 'USA' and defense == 1.")
    if years and answer == years[-1] - years[0]:
        return not_yet(f"Close: {years[0]} to {years[-1]} inclusive is one year more than the difference of the two years.")
    return not_yet("Filter alliances with (alliances['partner'] == 'USA') & (alliances['defense'] == 1), "
                   "then count the rows.")


@exercise_check("the phase_id of the Cold-War phase with the most economy and energy events", expected_type=str)
def ex2(answer):
    counts = events_by_phase(load("events"), load("phases"), through=1991)
    econ = counts[counts["category"].isin(["economy", "energy"])].groupby(["phase_id", "phase"])["events"].sum()
    (pid, label), n = econ.idxmax(), int(econ.max())
    all_counts = events_by_phase(load("events"), load("phases"))
    all_econ = all_counts[all_counts["category"].isin(["economy", "energy"])].groupby("phase_id")["events"].sum()
    if answer == pid:
        return right(f"Yes: '{label}' has {n} economy and energy events — the oil loan, OGDC and the steel-mill "
                     "plans among them — while Pakistan was still in SEATO and CENTO.")
    if answer.strip().lower() == str(label).lower():
        return not_yet("Right phase, but give its phase_id (the first column of phases), not its label.")
    if answer == all_econ.idxmax():
        return not_yet("That phase starts after the Cold War. Keep only the phases whose start_year is before 1992.")
    if answer not in set(load("phases")["phase_id"]):
        return not_yet("That is not a phase_id in phases. Print phases['phase_id'] to see the possible answers.")
    return not_yet("Count both categories, 'economy' and 'energy', per phase (start_year to end_year, both "
                   "included), then take the phase with the largest count.")


@exercise_check("the first year with a Pakistan–India obligation in ATOP", expected_type=int)
def ex3(answer):
    years = _years_with("IND")
    expected = years[0]
    if answer == expected:
        a = load("alliances")
        row = a[(a["partner"] == "IND") & (a["year"] == expected)].iloc[0]
        kinds = " and ".join(OBLIGATIONS[k] for k in KINDS if int(row[k]) == 1)
        return right(f"Yes: {expected}, with a {kinds} obligation. Compare the events of that year: a plausible "
                     "match is not a checked one, because this extract of ATOP does not name the treaty.")
    if answer == int(load("alliances")["year"].min()):
        return not_yet("That is the first year in the table. Keep only the India rows that have at least one "
                       "obligation equal to 1.")
    if answer == _years_with("USA")[0]:
        return not_yet("That is the first year of the alliance with the United States. Filter on partner == 'IND'.")
    if answer in (_years_with("IND", "consul") or [None])[:1]:
        return not_yet("That is the first year with a consultation obligation. Look at all five obligation "
                       "columns: nonagg counts too.")
    return not_yet("Keep rows with partner == 'IND' where any of defense, offense, neutral, nonagg, consul is 1, "
                   "then take the smallest year.")
