"""Notebook 00 (start_here): the figures its quiz and prose type by hand, tied to the data (issue 15)."""
from __future__ import annotations

from pkru import indicators
from pkru.data import date_midpoint, load
from pkru.quiz import load_quiz


def _q(qid):
    return next(q for q in load_quiz("00")["questions"] if q["id"] == qid)


def test_q00_3_agreement_figures_match_the_un_data():
    """'About four times in five' / 'about 80%' in the 1980s, 'more than Pakistan and Russia in the 2010s'."""
    q = _q("q00_3")
    eighties = indicators.unga_mean("PAK-RUS", (1980, 1989))
    assert round(100 * eighties) == 80 and q["answer"] == "About four times in five"
    assert "about 80%" in q["explanation"]
    assert eighties > indicators.unga_mean("PAK-RUS", (2010, 2019))


def test_q00_2_first_bilateral_prime_ministerial_visit_since_1999():
    """The key holds for bilateral visits; the explanation's SCO trips are in data/visits.csv."""
    v = load("visits")
    v["when"] = [date_midpoint(d, p) for d, p in zip(v["date"], v["date_precision"])]
    pm = v[(v["level"] == "head_of_government") & (v["from_country"] == "PAK")].sort_values("when")
    before = pm[pm["when"] < pm.loc[pm["visit_id"] == "v2022_imran_khan_moscow", "when"].iloc[0]]
    bilateral = before[before["occasion"] == "bilateral"]
    assert bilateral.iloc[-1]["visit_id"] == "v1999_sharif_moscow" and "bilateral" in _q("q00_2")["question"]
    assert _q("q00_2")["answer"].startswith("1999")
    # prime ministers came in between for SCO meetings, Aziz to Moscow itself
    sco = before[(before["occasion"] == "multilateral") & (before["when"].dt.year > 1999)]
    assert list(sco["visitor"]) == ["Shaukat Aziz", "Yusuf Raza Gilani", "Nawaz Sharif", "Shahid Khaqan Abbasi"]
    assert sco.iloc[0]["host_city"] == "Moscow" and sco.iloc[0]["date"].startswith("2005")
