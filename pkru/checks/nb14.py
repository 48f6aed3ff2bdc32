"""Checks for the exercises of notebook 14 (seminar capstone)."""
from ..indicators import arms_share
from ..lessons import nb14_capstone as capstone


def _pct(recipient: str, supplier: str, years) -> float:
    return 100 * arms_share(supplier, years, recipient)
from ..exercises import exercise_check, not_yet, right

US = "United States"
PERIOD = (2015, 2019)


def _close(a, b, tol=0.06) -> bool:
    return abs(float(a) - float(b)) <= tol


@exercise_check("the US share (%) of Pakistan's arms imports in 2015–2019", expected_type=(int, float))
def ex1(answer):
    expected = _pct("PAK", US, PERIOD)
    if _close(answer, expected):
        return right(f"Yes: {expected:.1f}% of Pakistan's arms imports (SIPRI TIV) came from the US in 2015–2019. "
                     "In a brief, say 'share of SIPRI TIV', not 'share of spending'.")
    if _close(answer * 100, expected, 0.01):
        return not_yet("That is a fraction between 0 and 1. Multiply by 100 to give a percentage.")
    if _close(answer, _pct("PAK", US, (2010, 2014))):
        return not_yet("That is the share for 2010–2014. Keep the years 2015 to 2019, both included.")
    if _close(answer, _pct("PAK", US, (2015, 2021))):
        return not_yet("That includes 2020 and 2021. Keep only 2015 to 2019.")
    if _close(answer, _pct("IND", US, PERIOD)):
        return not_yet("That is India's share. Keep the rows whose recipient is 'PAK'.")
    for other in ("China", "USSR/Russia"):
        if _close(answer, _pct("PAK", other, PERIOD)):
            return not_yet(f"That is the share of {other}. The supplier is 'United States'.")
    return not_yet("Keep Pakistan's rows (recipient 'PAK') for 2015–2019, add up the tiv of supplier "
                   "'United States', divide by the tiv of all suppliers in the same rows, and multiply by 100.")


@exercise_check("your labels for the eight statements (a list of 'evidence' or 'interpretation')", expected_type=list)
def ex2(answer):
    expected = list(capstone.classify_statements()["label"])
    if len(answer) != len(expected):
        return not_yet(f"Give exactly {len(expected)} labels, one per statement and in order. You gave {len(answer)}.")
    labels = [str(a).strip().lower() for a in answer]
    odd = [i for i, a in enumerate(labels, start=1) if a not in ("evidence", "interpretation")]
    if odd:
        return not_yet(f"Use only the words 'evidence' or 'interpretation'. Check statement(s) "
                       f"{', '.join(map(str, odd))}.")
    wrong = [i for i, (a, e) in enumerate(zip(labels, expected), start=1) if a != e]
    if not wrong:
        return right("Yes. The evidence statements report something that a dated source records (a vote, a "
                     "delivery total, a ministry statement, an official figure). The interpretations make claims "
                     "about motives, meaning or the future, which no single record can settle.")
    return not_yet(f"Statement(s) {', '.join(map(str, wrong))} are not yet right. Ask: could a dated record, "
                   "such as a vote, a statistic or an official statement, confirm it as it stands? If it speaks of "
                   "motives ('mainly to'), proof of feelings ('trust') or the future ('will'), it is interpretation.")


@exercise_check("Pakistan's trade balance with Russia in FY2022-23 (million US$)", expected_type=(int, float))
def ex3(answer):
    o = capstone.official_trade(2023, "pk_fiscal")
    if _close(answer, o["balance"], 0.5):
        return right(f"Yes: exports {o['pak_exports']:,.0f} minus imports {o['pak_imports']:,.0f} = "
                     f"{o['balance']:,.0f} million US$, a deficit. A Russian brief may call this a success and a "
                     "Pakistani one a problem: the number is the same, and the reading is interpretation.")
    if _close(answer, -o["balance"], 0.5):
        return not_yet("Check the sign: the balance is exports minus imports, and Pakistan imported more than it "
                       "exported.")
    for flow, word in (("total", "the total trade"), ("pak_exports", "Pakistan's exports"),
                       ("pak_imports", "Pakistan's imports")):
        if _close(answer, o[flow], 0.5) or _close(answer, -o[flow], 0.5):
            return not_yet(f"That is {word}. The balance is exports minus imports.")
    return not_yet("Keep the rows with series 'official', partner 'RUS', year 2023 and period 'pk_fiscal'; then "
                   "subtract the value of flow 'pak_imports' from that of 'pak_exports'.")
