"""Checks for the exercises of notebook 10 (challenges)."""
from ..lessons.nb10_challenges import STATEMENTS
from ..data import load
from ..exercises import exercise_check, not_yet, right

# ------------------------------------------------------------------ exercise 1: signatures since 2015


def delivery_share_since(year: int = 2015, signed_only: bool = True) -> float:
    """Share (0–1) of projects first signed in ``year`` or later (or, with ``signed_only=False``, whose first
    milestone of any kind falls then) that delivered anything by the end of the record (from data/projects.csv)."""
    from ..lessons import nb07_energy as pj

    svd = pj.signed_vs_delivered(pj.load_projects())
    first = svd["first_signed"] if signed_only else svd[["first_announced", "first_signed"]].min(axis=1)
    return float(svd.loc[first.dt.year >= year, "delivered"].mean())


@exercise_check("the share of projects signed since 2015 that delivered", expected_type=float)
def ex1(answer):
    from ..lessons import nb07_energy as pj

    expected = delivery_share_since(2015)
    svd = pj.signed_vs_delivered(pj.load_projects())
    n = int((svd["first_signed"].dt.year >= 2015).sum())
    if abs(answer - expected) < 0.005:
        return right(f"Yes: {expected:.2f}, that is {round(expected * n)} of the {n} projects signed in 2015 or later "
                     "(the crude oil purchase of 2023).")
    if abs(answer - 100 * expected) < 0.5:
        return not_yet("Give a share between 0 and 1, not a percentage.")
    if abs(answer - delivery_share_since(2015, signed_only=False)) < 0.005:
        return not_yet("Keep only projects with a signed agreement: the offshore study of 2019 was a memorandum "
                       "between two companies, which data/projects.csv records as announced, not signed, so filter "
                       "on first_signed.")
    if abs(answer - float(svd.loc[svd["signed"], "delivered"].mean())) < 0.005:
        return not_yet("That is the share for every project ever signed. Keep only those first signed in 2015 or "
                       "later.")
    if abs(answer - delivery_share_since(2016)) < 0.005:
        return not_yet("Check which projects you kept: four were first signed in 2015 or later, from the pipeline "
                       "(October 2015) to the steel-mill revival protocol (July 2025).")
    return not_yet("Keep the rows of pj.signed_vs_delivered(projects) whose first_signed year is 2015 or later, then "
                   "take the mean of the True/False column 'delivered'.")


# ------------------------------------------------------------------ exercise 2: Russia's share, India and Pakistan
def russia_share(years=(2015, 2024), supplier=("Russia",)) -> dict:
    """Russia's share (%) of India's and Pakistan's arms imports (SIPRI TIV) over ``years``, in SIPRI's 2026 register
    (data/arms_imports_2026.csv, deliveries 1995–2024)."""
    a = load("arms_imports_2026")
    a = a[a["year"].between(*years)]
    out = {}
    for country in ("IND", "PAK"):
        mine = a[a["recipient"] == country]
        out[country] = float(100 * mine.loc[mine["supplier"].isin(list(supplier)), "tiv"].sum() / mine["tiv"].sum())
    return out


def _close(answer: dict, target: dict, tol: float = 0.15) -> bool:
    return all(abs(float(answer[k]) - target[k]) <= tol for k in target)


@exercise_check("Russia's share (%) of India's and Pakistan's arms imports, 2015–2024 (SIPRI's 2026 register)",
                expected_type=dict)
def ex2(answer):
    expected = russia_share()
    keys = set(answer)
    if keys != {"IND", "PAK"}:
        return not_yet(f"Use exactly two keys, 'IND' and 'PAK' (you gave {sorted(map(str, keys))}).")
    if _close(answer, expected):
        times = expected["IND"] / expected["PAK"]
        return right(f"Yes: India {expected['IND']:.1f}%, Pakistan {expected['PAK']:.1f}%. Russia's share of India's "
                     f"imports was lower than in earlier periods, yet still about {times:.0f} times its share of "
                     "Pakistan's.")
    if _close({k: 100 * float(v) for k, v in answer.items()}, expected):
        return not_yet("Multiply by 100: the answer is in percent (e.g. 12.3 for 12.3%).")
    if _close({"IND": answer["PAK"], "PAK": answer["IND"]}, expected):
        return not_yet("The two values are swapped: Russia supplies far more of India's arms than of Pakistan's.")
    if _close(answer, russia_share((2015, 2019))) or _close(answer, russia_share((2015, 2021))):
        return not_yet("Include every year to 2024: the span is 2015–2024, both years included.")
    return not_yet("For each country keep its rows of the 2026 register for 2015–2024, sum the TIV of supplier 'Russia', "
                   "divide by the sum of all its TIV, and multiply by 100.")


# ------------------------------------------------------------------ exercise 3: evidence or interpretation
#: The answer key to ``pkru.lessons.nb10_challenges.STATEMENTS``, with the reason for each.
KEY = {
    "a": ("evidence", "a dated, sourced fact (data/projects.csv, milestone pipe_2015_iga)"),
    "b": ("interpretation", "a motive: SIPRI shows that the sales are small, not why"),
    "c": ("evidence", "a count from data/visits.csv (Putin's 2012 trip was called off)"),
    "d": ("interpretation", "a generalisation; the 2022–23 record even shows deals continuing after a change"),
    "e": ("evidence", "a fact stated by Pakistan's petroleum minister (asia_financial_crude_paid_in_yuan)"),
}
assert set(KEY) == set(STATEMENTS)


@exercise_check("evidence or interpretation, for five statements", expected_type=dict)
def ex3(answer):
    missing = [k for k in KEY if k not in answer]
    if missing:
        return not_yet(f"Classify all five statements: {', '.join(missing)} missing.")
    given = {k: str(v).strip().lower() for k, v in answer.items() if k in KEY}
    odd = [k for k, v in given.items() if v not in ("evidence", "interpretation")]
    if odd:
        return not_yet(f"Use only the words 'evidence' or 'interpretation' (check {', '.join(odd)}).")
    wrong = [k for k in KEY if given[k] != KEY[k][0]]
    if not wrong:
        return right("Yes: a, c and e are dated, sourced facts or counts; b gives a motive and d a generalisation, "
                     "which the evidence can support or weaken but not state.")
    k = wrong[0]
    return not_yet(f"{len(wrong)} of 5 not right yet. Look again at ({k}): does it state what happened, with a date "
                   "and a source, or does it explain why, or generalise beyond the cases?")
