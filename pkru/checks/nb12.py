"""Checks for the exercises of notebook 12 (reading sources critically)."""
import math

from ..data import load
from ..exercises import exercise_check, not_yet, right


def _paper_counts():
    c = load("claims")
    return c[c["document"] == "paper"]["verdict"].value_counts()


@exercise_check("the number of the paper's checked claims that are contradicted or misleading", expected_type=int)
def ex1(answer):
    counts = _paper_counts()
    expected = int(counts.get("contradicted", 0) + counts.get("misleading", 0))
    if answer == expected:
        total = int(counts.sum())
        return right(f"Yes: {expected} of the paper's {total} checked claims ({expected / total:.0%}) are "
                     "contradicted or misleading, in a text that makes very few concrete claims at all.")
    c = load("claims")
    both_docs = int(c["verdict"].isin(["contradicted", "misleading"]).sum())
    if answer == int(counts.get("contradicted", 0)) or answer == int(counts.get("misleading", 0)):
        return not_yet("You counted only one of the two verdicts. Keep the rows whose verdict is 'contradicted' "
                       "OR 'misleading' (hint: .isin([...])).")
    if answer == both_docs:
        return not_yet("That includes the press release. Keep only the rows whose document is 'paper'.")
    if answer == int(counts.sum()):
        return not_yet("That is every checked claim of the paper. Filter on the verdict as well.")
    return not_yet("Filter claims to document == 'paper', then count the rows whose verdict is in "
                   "['contradicted', 'misleading'].")


@exercise_check("the percentage of the paper's references that are about Pakistan–Russia relations", expected_type=float)
def ex2(answer):
    refs = load("reference_audit")
    n_on = int((refs["on_topic"] == "yes").sum())
    expected = 100 * n_on / len(refs)
    if math.isclose(answer, expected, abs_tol=0.1):
        return right(f"Yes: {n_on} of {len(refs)} references, about {expected:.1f}%. The other "
                     f"{len(refs) - n_on} are about other countries, theory or trade econometrics.")
    if math.isclose(answer, expected / 100, abs_tol=0.001):
        return not_yet("That is a fraction between 0 and 1. Multiply by 100 to get a percentage.")
    if math.isclose(answer, n_on):
        return not_yet("That is the number of references on topic. Divide by the number of all references, "
                       "then multiply by 100.")
    if math.isclose(answer, 100 - expected, abs_tol=0.1):
        return not_yet("That is the share of references that are OFF topic. Count the rows where on_topic == 'yes'.")
    return not_yet("Count the rows of reference_audit where on_topic == 'yes', divide by len(reference_audit) "
                   "and multiply by 100.")


@exercise_check("the share of each document's checked claims that are supported", expected_type=dict)
def ex3(answer):
    c = load("claims")
    expected = {d: float((g["verdict"] == "supported").mean()) for d, g in c.groupby("document")}
    if set(answer) != set(expected):
        return not_yet(f"Use exactly these keys: {sorted(expected)} (the values of the 'document' column); "
                       f"your keys are {sorted(map(str, answer))}.")
    try:
        vals = {k: float(v) for k, v in answer.items()}
    except (TypeError, ValueError):
        return not_yet("Each value should be a number: the share of that document's claims that are supported.")
    if all(math.isclose(vals[k], expected[k], abs_tol=0.005) for k in expected):
        shown = ", ".join(f"{k} {v:.0%}" for k, v in expected.items())
        higher = "The press release" if expected["press_release"] > expected["paper"] else "The paper"
        return right(f"Yes: {shown}. {higher} scores higher — but look at which of its claims are "
                     "supported before you decide it is the more reliable document.")
    if all(math.isclose(vals[k], 100 * expected[k], abs_tol=0.5) for k in expected):
        return not_yet("Those look like percentages. Give shares between 0 and 1 (e.g. 0.25, not 25).")
    counts = {d: int((g["verdict"] == "supported").sum()) for d, g in c.groupby("document")}
    if all(math.isclose(vals[k], counts[k]) for k in expected):
        return not_yet("Those are counts. Divide each by the number of claims checked in that document "
                       "(hint: (g['verdict'] == 'supported').mean() for each group g).")
    return not_yet("For each document, divide the number of claims with verdict 'supported' by the number of its "
                   "checked claims (groupby('document') is one way).")
