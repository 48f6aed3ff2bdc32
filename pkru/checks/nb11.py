"""Checks for the exercises of notebook 11 (theories tested against the data).

Every expected value is computed here from data/ with plain pandas (independently of pkru.lessons.nb11_theories, so the two
cross-check each other in tests/test_nb11_theories.py)."""
from ..data import load
from ..exercises import exercise_check, not_yet, right

SOVIET = ("Soviet Union", "Russia")
ARMS = "arms_imports_2026"   # exercise 2 reads SIPRI's trade register of February 2026 (deliveries 1995–2024)


def _cinc(iso3: str, year: int) -> float:
    cap = load("capabilities")
    row = cap[(cap["indicator"] == "cinc") & (cap["iso3"] == iso3) & (cap["year"] == year)]
    return float(row["value"].iloc[0])


def _last_cinc_year() -> int:
    cap = load("capabilities")
    return int(cap.loc[cap["indicator"] == "cinc", "year"].max())


@exercise_check("USSR/Russia's CINC divided by the US's, in the last year of the data", expected_type=float)
def ex1(answer):
    year = _last_cinc_year()
    expected = _cinc("RUS", year) / _cinc("USA", year)
    if abs(answer - expected) < 0.005:
        return right(f"Yes: about {expected:.2f} in {year}. On COW's index Russia is far below the parity (1.0) with "
                     "the US that power-transition theory is about; in the 1980s the USSR was above it.")
    if abs(answer - 100 * expected) < 0.5:
        return not_yet("That looks like a percentage. Give the plain ratio (Russia ÷ US), not multiplied by 100.")
    if abs(answer - 1 / expected) < 0.05:
        return not_yet("You divided the US by Russia. Put Russia on top: Russia's CINC ÷ the US's CINC.")
    if abs(answer - _cinc("CHN", year) / _cinc("USA", year)) < 0.005:
        return not_yet("That is China's ratio. Use iso3 == 'RUS' for USSR/Russia.")
    if abs(answer - _cinc("RUS", year)) < 0.005 or abs(answer - _cinc("RUS", year) * 100) < 0.05:
        return not_yet("That is Russia's CINC on its own (its share of the world). Divide it by the US's CINC of the "
                       "same year.")
    for y in (1985, 1991, 1992, 2014, year - 1):
        if abs(answer - _cinc("RUS", y) / _cinc("USA", y)) < 0.005:
            return not_yet(f"That is the ratio for {y}. Use the last year with CINC values ({year}): "
                           "cap.loc[cap['indicator'] == 'cinc', 'year'].max().")
    return not_yet(f"Keep indicator 'cinc' and year {year}; take the value for 'RUS' and divide it by the value for "
                   "'USA'.")


def _share(recipient: str, suppliers, lo: int, hi: int) -> float:
    a = load(ARMS)
    rows = a[(a["recipient"] == recipient) & a["year"].between(lo, hi)]
    return float(rows.loc[rows["supplier"].isin(list(suppliers)), "tiv"].sum() / rows["tiv"].sum())


@exercise_check("USSR/Russia's share (0–1) of Pakistan's arms imports from 2015 to the last year of the data",
                expected_type=float)
def ex2(answer):
    last = int(load(ARMS)["year"].max())
    expected = _share("PAK", SOVIET, 2015, last)
    if abs(answer - expected) < 0.0005:
        china = _share("PAK", ["China"], 2015, last)
        return right(f"Yes: about {expected:.1%} in 2015–{last}, against {china:.0%} from China. Small, diversified "
                     "purchases without an alliance: the pattern hedging predicts.")
    if abs(answer - 100 * expected) < 0.05:
        return not_yet("That looks like a percentage. Give the share between 0 and 1 (divide by 100).")
    if abs(answer - _share("IND", SOVIET, 2015, last)) < 0.0005:
        return not_yet("That is India's share. Keep recipient == 'PAK'.")
    if abs(answer - _share("PAK", ["China"], 2015, last)) < 0.0005:
        return not_yet("That is China's share. Keep the suppliers 'Soviet Union' and 'Russia'.")
    for lo, hi in [(2015, 2019), (2015, 2021), (2016, last), (2014, last)]:
        if abs(answer - _share("PAK", SOVIET, lo, hi)) < 0.0005:
            return not_yet(f"You used {lo}–{hi}. Include every year from 2015 to {last}: .between(2015, {last}).")
    old = load("arms_imports")   # SIPRI's 2022 tables, to 2021: another vintage
    o = old[(old["recipient"] == "PAK") & old["year"].between(2015, int(old["year"].max()))]
    if len(o) and abs(answer - float(o.loc[o["supplier"].isin(SOVIET), "tiv"].sum() / o["tiv"].sum())) < 0.0005:
        return not_yet("That is the share in SIPRI's 2022 tables (data to 2021). Use the 2026 register: "
                       "pkru.load('arms_imports_2026'), deliveries to 2024.")
    a = load(ARMS)
    rus = a[(a["recipient"] == "PAK") & a["supplier"].isin(SOVIET) & a["year"].between(2015, last)]["tiv"].sum()
    if abs(answer - rus) < 0.5:
        return not_yet("That is Russia's TIV itself. Divide it by Pakistan's total TIV from all suppliers in the same "
                       "years.")
    return not_yet(f"Sum the TIV of Pakistan's rows from 'Soviet Union' or 'Russia' in 2015–{last}, then divide by "
                   "the sum of all Pakistan's TIV in those years.")


@exercise_check("the number of events in the theory key for which hedging is the best theory or also fits",
                expected_type=int)
def ex3(answer):
    key = load("theory_key")
    best = key["best_theory"] == "hedging"
    also = key["also_fits"].fillna("").str.split(";").apply(lambda parts: "hedging" in parts)
    expected = int((best | also).sum())
    if answer == expected:
        return right(f"Yes: {expected} of the {len(key)} events. Hedging fits more of the key than any other theory, "
                     "which is a strength and a warning: a theory that fits almost everything must say what would "
                     "prove it wrong.")
    if answer == int(best.sum()):
        return not_yet("That counts only the events where hedging is the best theory. Add those where it is listed "
                       "in also_fits.")
    if answer == int(also.sum()):
        return not_yet("That counts only also_fits. Add the events whose best_theory is 'hedging'.")
    if answer == int(best.sum()) + int(also.sum()) and (best & also).any():
        return not_yet("Some events are counted twice. Count each event once: best OR also fits.")
    if answer == len(key):
        return not_yet("That is every event in the key. Keep only those that mention 'hedging'.")
    return not_yet("Split also_fits on ';' and test whether 'hedging' is among the parts, then combine with "
                   "best_theory == 'hedging' using | and count the True values.")
