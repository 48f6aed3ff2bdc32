"""Checks for the exercises of notebook 07 (energy and infrastructure: promise versus delivery).

Every expected value is computed from data/projects.csv with the functions of ``pkru.lessons.nb07_energy``."""
from ..data import load
from ..exercises import exercise_check, not_yet, right
from ..lessons import nb07_energy as pj

CRUDE = "Russian crude oil purchases"


def _crude():
    """The crude-oil rows whose quantity is in tonnes (the order's unit says 'tonnes (size of the G2G deal)')."""
    p = load("projects")
    return p[(p["project"] == CRUDE) & p["unit"].fillna("").str.startswith("tonnes")]


@exercise_check("the tonnes of Russian crude delivered to Pakistan in 2023", expected_type=(int, float))
def ex1(answer):
    c = _crude()
    delivered = c[(c["status"] == "operating") & (c["unit"] == "tonnes")]
    expected = float(delivered["quantity"].sum())
    ordered = float(c.loc[c["status"] == "signed", "quantity"].sum())
    g2g = float(delivered.loc[~delivered["milestone"].str.contains("Cnergyico"), "quantity"].sum())
    if abs(answer - expected) < 0.5:
        commercial = int(delivered["milestone"].str.contains("Cnergyico").sum())
        return right(f"Yes: {expected:,.0f} tonnes in {len(delivered)} cargoes. Remember that the last {commercial} "
                     "come from one report (undated, but written in late 2023), so this total is derived from press "
                     "figures, not an official number.")
    if abs(answer - (expected + ordered)) < 0.5:
        return not_yet("You also added the order. The row with status 'signed' is the size of the deal (a promise); "
                       "keep only the rows whose status is 'operating' (the cargoes that arrived).")
    if abs(answer - g2g) < 0.5:
        return not_yet("That is the government deal only. Cnergyico's two commercial cargoes later in 2023 were "
                       "deliveries too: include every 'operating' row of the crude project.")
    if abs(answer - ordered) < 0.5:
        return not_yet("That is the size of the order (status 'signed'). Add up what arrived instead: the rows "
                       "with status 'operating'.")
    return not_yet("Keep the rows of the project 'Russian crude oil purchases' whose status is 'operating' and whose "
                   "unit is 'tonnes', then add up their quantity column.")


@exercise_check("the number of projects that were signed but never delivered", expected_type=int)
def ex2(answer):
    p = load("projects")
    svd = pj.signed_vs_delivered(p)
    expected = int((svd["signed"] & ~svd["delivered"]).sum())
    never_delivered = int((~svd["delivered"]).sum())
    n_projects = int(p["project"].nunique())
    signed_milestones = int((p["status"] == "signed").sum())
    if answer == expected:
        names = ", ".join(svd.loc[svd["signed"] & ~svd["delivered"], "project"])
        return right(f"Yes: {expected} ({names}).")
    if answer == never_delivered:
        return not_yet("You counted every project that never delivered, including one with no binding agreement "
                       "(it only has an 'announced' milestone). Keep projects with at least one 'signed' row.")
    if answer == signed_milestones:
        return not_yet("That is the number of 'signed' milestones (rows), not projects. Some projects were signed "
                       "more than once. Work per project: group by the project column.")
    if answer == n_projects:
        return not_yet("That is the number of all projects. Keep those with a 'signed' row and no 'operating' row.")
    return not_yet("For each project, ask two questions: does it have a row with status 'signed'? Does it have a "
                   "row with status 'operating'? Count the projects with yes to the first and no to the second.")


@exercise_check("each project's status at the end of 2020", expected_type=dict)
def ex3(answer):
    p = load("projects")
    st = pj.status_as_of(p, "2020-12-31")
    expected = dict(zip(st["project"], st["status"]))
    if answer == expected:
        return right(f"Yes: {len(expected)} projects had been proposed by the end of 2020. The LNG deal and the "
                     "pipeline were still 'signed' then: their stalls are dated April 2021 and 2022.")
    later = sorted(set(answer) - set(expected))
    if later:
        return not_yet(f"{', '.join(map(str, later))}: no milestone dated on or before 31 December 2020, so leave "
                       "it out (keep only rows with a date up to 2020).")
    missing = sorted(set(expected) - set(answer))
    if missing:
        return not_yet(f"Missing: {', '.join(missing)}. Every project with a milestone up to 2020 needs an entry.")
    wrong = sorted(k for k in expected if answer[k] != expected[k])
    if any(answer[k] == "stalled" and expected[k] == "signed" for k in wrong):
        return not_yet("Not yet stalled at the end of 2020: use the status of the latest milestone dated up to "
                       "2020, not the project's status today.")
    return not_yet(f"Check the status of: {', '.join(wrong)}. Sort the rows up to 2020 by date and take the "
                   "status of each project's last row (e.g. .groupby('project').last()).")
