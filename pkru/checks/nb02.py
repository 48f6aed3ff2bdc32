"""Checks for the exercises of notebook 02 (geostrategy: capabilities, Afghanistan, multipolarity)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right


def _wide(indicator):
    cap = load("capabilities")
    return cap[cap["indicator"] == indicator].pivot_table(index="year", columns="iso3", values="value")


@exercise_check("the first year in which China's CINC exceeded the United States'", expected_type=int)
def ex1(answer):
    cinc = _wide("cinc")
    above = cinc.index[(cinc["CHN"] > cinc["USA"]).to_numpy()]
    expected = int(above.min())
    behind_after = [int(y) for y in cinc.index[(cinc["CHN"] <= cinc["USA"]).to_numpy()] if y > expected]
    if answer == expected:
        extra = (f" (The US was briefly ahead again in {', '.join(map(str, behind_after))}.)" if behind_after else "")
        return right(f"Yes: {expected}. On COW's index China has led the five in almost every year since.{extra}")
    if answer in behind_after:
        return not_yet(f"In {answer} the US was ahead again. You want the first year in which China was ahead: "
                       "keep the years where China > US and take the smallest.")
    if isinstance(answer, int) and answer > expected and answer in set(cinc.index.astype(int)):
        return not_yet("China was already ahead before that year. Take the *smallest* year in which CHN > USA "
                       "(e.g. with .min() on the filtered years).")
    if isinstance(answer, int) and answer < expected:
        return not_yet("In that year the US was still ahead. Compare the two columns year by year: cinc['CHN'] > cinc['USA'].")
    return not_yet("Pivot the CINC rows (indicator == 'cinc') to one column per country, keep the years where "
                   "the CHN column is larger than the USA column, and take the first of them.")


@exercise_check("India's military spending divided by Pakistan's in 2022", expected_type=(int, float))
def ex2(answer):
    milex = _wide("milex")
    expected = float(milex.loc[2022, "IND"] / milex.loc[2022, "PAK"])
    if abs(answer - expected) <= 0.06:
        return right(f"Yes: about {expected:.1f}. India spent roughly {expected:.0f} dollars on its armed forces "
                     "for every dollar Pakistan spent (current US$, COW).")
    if expected and abs(answer - 1 / expected) <= 0.01:
        return not_yet("You divided Pakistan by India. Put India on top: IND / PAK.")
    gdp = _wide("gdp")
    cinc = _wide("cinc")
    for name, table in (("GDP", gdp), ("CINC", cinc)):
        if 2022 in table.index and abs(answer - table.loc[2022, "IND"] / table.loc[2022, "PAK"]) <= 0.06:
            return not_yet(f"That is the ratio for {name}. Keep only indicator == 'milex'.")
    for y in milex.index[(milex["PAK"] > 0).to_numpy()]:
        if y != 2022 and abs(answer - milex.loc[y, "IND"] / milex.loc[y, "PAK"]) <= 0.01:
            return not_yet(f"That is the ratio for {int(y)}. Use the year 2022.")
    return not_yet("Take the 2022 'milex' value of IND and divide it by the 2022 'milex' value of PAK "
                   "(both are in thousand current US$, so the units cancel).")


@exercise_check("the US share (%) of the five countries' military spending in 1992", expected_type=(int, float))
def ex3(answer):
    milex = _wide("milex")
    share = milex.div(milex.sum(axis=1), axis=0) * 100
    expected = float(share.loc[1992, "USA"])
    if abs(answer - expected) <= 0.1:
        return right(f"Yes: about {expected:.1f}%, up from {share.loc[1985, 'USA']:.1f}% in 1985. "
                     "Part of the jump is the USSR being replaced by the smaller Russian Federation in the data.")
    if abs(answer * 100 - expected) <= 0.1:
        return not_yet("That is a fraction between 0 and 1. Multiply by 100 to give a percentage.")
    for y in share.index:
        if y != 1992 and abs(answer - share.loc[y, "USA"]) <= 0.1:
            return not_yet(f"That is the share in {int(y)}. Use 1992.")
    if abs(answer - milex.loc[1992, "USA"] / (milex.loc[1992].sum() - milex.loc[1992, "USA"]) * 100) <= 0.5:
        return not_yet("You divided by the other four countries only. Divide by the sum of all five, the US included.")
    return not_yet("Keep the 'milex' rows of 1992, add up the five values, and divide the USA value by that sum; "
                   "then multiply by 100.")
