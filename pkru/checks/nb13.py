"""Checks for the exercises of notebook 13 (synthesis and prospects).

Every expected value is computed from data/ (phases, UN votes, SIPRI arms imports) or from the course's sample
class folder (instructors/sample_class), never typed in."""
from __future__ import annotations

import pandas as pd

from ..data import load, repo_root
from ..exercises import exercise_check, not_yet, right
from ..pooling import FACTORS, read_class_folder

TOL = 0.05


def un_in_phase(phase_id: str = "afghan_war", partner: str = "RUS", issue: str = "all", years=None) -> float:
    """Average yearly UN agreement (%) of Pakistan with ``partner`` over a phase of data/phases.csv
    (or over explicit ``years``)."""
    if years is None:
        p = load("phases").set_index("phase_id").loc[phase_id]
        years = (int(p["start_year"]), int(p["end_year"]))
    u = load("unga_agreement")
    u = u[(u["country_a"] == "PAK") & (u["country_b"] == partner) & u["year"].between(*years)]
    if issue is not None:
        u = u[u["issue"] == issue]
    return float(100 * u["agreement"].mean())


@exercise_check("Pakistan's average UN agreement with USSR/Russia in the Afghanistan-war phase (%)",
                expected_type=(int, float))
def ex1(answer):
    expected = un_in_phase()
    p = load("phases").set_index("phase_id").loc["afghan_war"]
    if abs(answer - expected) < TOL:
        phases = load("phases")
        others = [un_in_phase(years=(int(s), 2100 if pd.isna(e) else int(e)))
                  for pid, s, e in zip(phases["phase_id"], phases["start_year"], phases["end_year"])
                  if pid != "afghan_war"]
        rank = "the highest of any phase" if expected > max(others) else "one of the higher phase averages"
        return right(f"Yes: about {expected:.1f}% in {int(p['start_year'])}–{int(p['end_year'])}, {rank}, while the "
                     "two countries stood on opposite sides in Afghanistan. A reminder that UN agreement follows the "
                     "Assembly's agenda as much as bilateral friendship (notebook 06).")
    if abs(answer - expected / 100) < TOL / 100:
        return not_yet("That is a share between 0 and 1. Give it as a percentage: multiply by 100.")
    if abs(answer - un_in_phase(years=(1980, 1989))) < TOL:
        return not_yet("That is the 1980s decade. Use the phase's own years from phases.csv (start_year to "
                       "end_year of 'afghan_war').")
    if abs(answer - un_in_phase(issue=None)) < TOL:
        return not_yet("Keep only issue == 'all': the other rows are subsets of the roll calls (by topic), and "
                       "averaging them all mixes topics with the overall figure.")
    if abs(answer - un_in_phase(partner="USA")) < TOL:
        return not_yet("That is agreement with the United States. Keep country_b == 'RUS' (USSR/Russia).")
    return not_yet("Look up the start and end year of 'afghan_war' in phases.csv, keep the rows of unga_agreement "
                   "with country_a 'PAK', country_b 'RUS', issue 'all' and a year in that range, then take the mean "
                   "of 'agreement' and multiply by 100.")


def arms_share(years=(2015, 2019), recipient: str = "PAK", suppliers=("Soviet Union", "Russia")) -> float:
    """USSR/Russia's share (%) of a recipient's arms imports (SIPRI TIV) over a span of years: sum over sum."""
    a = load("arms_imports")
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    return float(100 * a.loc[a["supplier"].isin(list(suppliers)), "tiv"].sum() / a["tiv"].sum())


def mean_of_yearly_shares(years=(2015, 2019)) -> float:
    """The tempting wrong method: the average of the yearly shares (each year weighs the same)."""
    a = load("arms_imports")
    a = a[(a["recipient"] == "PAK") & a["year"].between(*years)]
    total = a.groupby("year")["tiv"].sum()
    rus = a[a["supplier"].isin(["Soviet Union", "Russia"])].groupby("year")["tiv"].sum().reindex(total.index,
                                                                                               fill_value=0.0)
    return float(100 * (rus / total).mean())


@exercise_check("USSR/Russia's share of Pakistan's arms imports in 2015–2019 (%)", expected_type=(int, float))
def ex2(answer):
    expected = arms_share()
    if abs(answer - expected) < TOL:
        return right(f"Yes: {expected:.1f}% of the TIV Pakistan received in 2015–2019 (SIPRI's 2022 tables). The "
                     "'arms' signpost continues it with SIPRI's 2026 register (2020–24): scenario C needs the share "
                     "to rise well above its post-Soviet high.")
    if abs(answer - expected / 100) < TOL / 100:
        return not_yet("That is a share between 0 and 1. Give it as a percentage: multiply by 100.")
    if abs(answer - mean_of_yearly_shares()) < TOL:
        return not_yet("You averaged the yearly shares. Sum Russia's TIV over the five years and divide by the sum "
                       "of all suppliers' TIV over the same years, so that big years weigh more than small ones.")
    if abs(answer - arms_share(recipient="IND")) < TOL:
        return not_yet("That is India's share. Keep recipient == 'PAK'.")
    if abs(answer - arms_share(years=(2015, int(load("arms_imports")["year"].max())))) < TOL:
        return not_yet("Stop at 2019: the five-year period is 2015–2019 (the data run on to 2021).")
    return not_yet("Keep recipient 'PAK' and years 2015–2019; add up the tiv of the rows whose supplier is "
                   "'Russia' (or 'Soviet Union'), divide by the tiv of all rows, and multiply by 100.")


def sample_weights():
    """The sample class's pooled factor weights (instructors/sample_class): learner, factor, weight."""
    return read_class_folder(repo_root() / "instructors" / "sample_class").weights


def disagreement(weights=None):
    """Per factor: the gap between the largest and the smallest weight the learners gave it."""
    w = sample_weights() if weights is None else weights
    return w.groupby("factor")["weight"].agg(lambda s: s.max() - s.min())


@exercise_check("the factor on which the sample class disagrees most", expected_type=str)
def ex3(answer):
    gaps = disagreement()
    expected = gaps.idxmax()
    means = sample_weights().groupby("factor")["weight"].mean()
    given = answer.strip().lower()
    if given == expected:
        return right(f"Yes: {expected}, with weights {gaps.max():g} points apart. In the seminar, ask both learners "
                     "which evidence they had in mind: a big gap often means two different yardsticks.")
    if given not in FACTORS:
        return not_yet(f"'{answer}' is not one of the factor names. Use one of: {', '.join(FACTORS)}.")
    if given in set(means[means == means.max()].index):
        return not_yet("That factor has the highest average weight. The question is where the learners differ most: "
                       "for each factor, take the largest weight minus the smallest.")
    if given in set(means[means == means.min()].index):
        return not_yet("That factor has the lowest average weight. Look for the largest difference between the "
                       "learners' weights instead.")
    return not_yet("Group the pooled weights by factor and compute max − min of 'weight' for each; the answer is "
                   "the factor with the largest gap (.idxmax()).")
