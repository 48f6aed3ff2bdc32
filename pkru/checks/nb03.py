"""Checks for the exercises of notebook 03 (diplomacy: visits, gaps and the machinery of talks)."""
from ..data import date_midpoint, load
from ..exercises import exercise_check, not_yet, right

TOP = ["head_of_state", "head_of_government"]


def _visits():
    v = load("visits")
    v["when"] = [date_midpoint(d, p) for d, p in zip(v["date"], v["date_precision"])]
    return v.sort_values("when", kind="stable").reset_index(drop=True)


@exercise_check("the number of bilateral visits at the top level (head of state or government)", expected_type=int)
def ex1(answer):
    v = _visits()
    top = v["level"].isin(TOP)
    bilateral = v["occasion"] == "bilateral"
    expected = int((top & bilateral).sum())
    if answer == expected:
        return right(f"Yes: {expected} top-level visits were made for bilateral talks "
                     f"({int((top & bilateral & (v['from_country'] == 'PAK')).sum())} by Pakistani leaders, "
                     f"{int((top & bilateral & (v['from_country'] == 'RUS')).sum())} by Soviet/Russian ones).")
    if answer == int(top.sum()):
        return not_yet("That counts every top-level visit. Leave out the ones made for multilateral meetings "
                       "(occasion == 'multilateral', e.g. Tashkent 1966 or the SCO meetings).")
    if answer == len(v) or answer == int(bilateral.sum()):
        return not_yet("Keep only the two top levels: level is 'head_of_state' or 'head_of_government' "
                       "(hint: .isin([...])).")
    if answer in {int((top & bilateral & (v["from_country"] == c)).sum()) for c in ("PAK", "RUS")}:
        return not_yet("Count both directions: Pakistani visitors in the USSR/Russia and Soviet/Russian visitors in Pakistan.")
    if answer in {int(((v["level"] == lv) & bilateral).sum()) for lv in TOP}:
        return not_yet("Count both top levels together: heads of state and heads of government.")
    return not_yet("Combine two conditions with &: level in ['head_of_state', 'head_of_government'] and "
                   "occasion == 'bilateral'; then count the rows.")


@exercise_check("the years in which the longest top-level gap started and ended", expected_type=(tuple, list))
def ex2(answer):
    v = _visits()
    t = v[v["level"].isin(TOP)].reset_index(drop=True)
    gap = t["when"].diff()
    end = int(gap.idxmax())
    expected = (int(t.loc[end - 1, "when"].year), int(t.loc[end, "when"].year))
    if len(answer) != 2:
        return not_yet("Give two years, the start and the end of the gap, e.g. (1950, 1960).")
    try:
        got = tuple(int(x) for x in answer)
    except (TypeError, ValueError):
        return not_yet("Both items should be years written as whole numbers, e.g. (1950, 1960).")
    if got == expected:
        years = gap.max().days / 365.25
        return right(f"Yes: from {expected[0]} to {expected[1]}, about {years:.1f} years without a visit by a "
                     "head of state or government in either direction.")
    if got == (expected[1], expected[0]):
        return not_yet("Right years, wrong order: put the start of the gap first.")
    b = t[t["occasion"] == "bilateral"].reset_index(drop=True)
    bend = int(b["when"].diff().idxmax())
    if got == (int(b.loc[bend - 1, "when"].year), int(b.loc[bend, "when"].year)):
        return not_yet("That is the longest gap between bilateral top-level visits. The question counts every "
                       "top-level visit, including trips made for multilateral meetings and state funerals.")
    pm = v[(v["level"] == "head_of_government") & (v["from_country"] == "PAK") & (v["occasion"] == "bilateral")]
    if got == (int(pm["when"].iloc[-2].year), int(pm["when"].iloc[-1].year)):
        return not_yet("That is the famous gap for Pakistani prime ministers in Moscow. The question asks about all "
                       "top-level visits, in both directions.")
    ru = v[(v["level"] == "head_of_government") & (v["from_country"] == "RUS") & (v["occasion"] == "bilateral")]
    if got == (int(ru["when"].iloc[-2].year), int(ru["when"].iloc[-1].year)):
        return not_yet("That is the gap for Soviet/Russian heads of government. The question asks about all top-level "
                       "visits, in both directions.")
    return not_yet("Keep the top levels, sort by date (use pkru.data.date_midpoint for partial dates), take .diff() "
                   "of the dates and find the row with the largest difference; the gap ends at that row and starts "
                   "at the row before it.")


@exercise_check("the city that received the most Soviet/Russian visitors", expected_type=str)
def ex3(answer):
    v = load("visits")
    counts = v.loc[v["from_country"] == "RUS", "host_city"].value_counts()
    expected = str(counts.idxmax())
    if answer.strip().lower() == expected.lower():
        others = ", ".join(f"{c or 'city not given'} {n}" for c, n in counts.iloc[1:].items())
        pak = v.loc[v["from_country"] == "PAK", "host_city"].value_counts()
        return right(f"Yes: {expected}, with {int(counts.max())} of the {int(counts.sum())} Soviet/Russian visits in the "
                     f"table (then: {others}). Compare the Pakistani visitors: {int(pak.max())} of {int(pak.sum())} "
                     f"went to {pak.idxmax()}.")
    pak = v.loc[v["from_country"] == "PAK", "host_city"].value_counts()
    if answer.strip().lower() == str(pak.idxmax()).lower():
        return not_yet("That is where Pakistani visitors went. Keep the rows whose from_country is 'RUS' "
                       "(visitors from the USSR/Russia), then count their host cities.")
    return not_yet("Filter from_country == 'RUS', then use .value_counts() on host_city and take the most common one "
                   "(.idxmax()).")
