"""The headline figures of the 2019–2025 series, recomputed from the raw files in ../shared/sources.

Each test reads a raw file directly (not through scripts/build_data.py), computes one figure a lesson
quotes, and checks that the shipped table in data/ gives the same number, and, where SIPRI or the UN
published the figure, that it rounds to the published value (the page is named in the test).
Skipped where ../shared/sources is absent (a learner's machine), like tests/test_build.py.
"""
from __future__ import annotations

import csv
import gzip
from collections import defaultdict

import pytest

import pkru

from conftest import SHARED_SOURCES, needs_shared_sources

pytestmark = needs_shared_sources()

UN = SHARED_SOURCES / "unga_un_dgacm_2019_2026"


def _rows(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------ UN votes, UN basis
def _long_votes():
    """resolution -> {iso3: vote} from the long-format raw file (the build reads the wide one)."""
    out = defaultdict(dict)
    meta = {}
    for r in _rows(UN / "unga_recorded_votes_2019_2026_pak_rus_usa_chn_ind.csv"):
        out[r["resolution"]][r["iso3c"]] = r["vote"]
        meta[r["resolution"]] = (r["session"], r["date"], int(r["year"]))
    return out, meta


def test_ukraine_es11_resolutions_of_2022_23_and_pakistans_votes():
    """Six ES-11 resolutions adopted in 2022–23; Pakistan abstained on each, Russia voted against each."""
    votes, meta = _long_votes()
    es11 = sorted((m[1], res) for res, m in meta.items() if m[0] == "ES-11" and 2022 <= m[2] <= 2023)
    assert len(es11) == 6
    assert all(votes[res]["PAK"] == "abstain" and votes[res]["RUS"] == "no" for _, res in es11)
    shipped = pkru.load("unga_resolutions")
    s = shipped[(shipped["emergency_session"] == 11) & shipped["year"].between(2022, 2023)]
    assert sorted(s["resolution"]) == sorted(res for _, res in es11)
    assert set(s["PAK"]) == {"abstain"} and set(s["RUS"]) == {"no"}


def test_ukraine_totals_match_the_page_cited_figures():
    """The vote table agrees with the two UN votes quoted from news pages (../page_figures): an independent check."""
    pages = _rows(SHARED_SOURCES / "page_figures" / "unga_ukraine_votes_2022_2023.csv")
    shipped = pkru.load("unga_resolutions").set_index("resolution")
    for page, res in zip(pages, ["A/RES/ES-11/1", "A/RES/ES-11/6"]):
        row = shipped.loc[res]
        assert (row["yes"], row["no"], row["abstain"]) == tuple(int(page[k]) for k in
                                                                ("vote_in_favour", "vote_against", "vote_abstain"))
        assert row["date"][:7] == page["date"][:7]
        for c in ("PAK", "IND", "CHN"):
            assert row[c] == page[c]
    # totals published with the UN's own record and widely reported: ES-11/1 141-5-35, ES-11/3 93-24-58
    assert tuple(shipped.loc["A/RES/ES-11/3", ["yes", "no", "abstain"]]) == (93, 24, 58)


def test_gaza_es10_votes_are_in_the_table():
    s = pkru.load("unga_resolutions")
    es10 = s[s["emergency_session"] == 10]
    votes, meta = _long_votes()
    raw = {res for res, m in meta.items() if m[0] == "ES-10"}
    assert set(es10["resolution"]) == raw and len(raw) == 3
    assert set(es10["PAK"]) == {"yes"} and set(es10["USA"]) == {"no"}


def test_pak_rus_agreement_2024_on_the_un_basis():
    votes, meta = _long_votes()
    both = [v for res, v in votes.items() if meta[res][2] == 2024
            and v.get("PAK") in ("yes", "no", "abstain") and v.get("RUS") in ("yes", "no", "abstain")]
    share = sum(v["PAK"] == v["RUS"] for v in both) / len(both)
    u = pkru.load("unga_agreement_recorded")
    row = u[(u["year"] == 2024) & (u["country_a"] == "PAK") & (u["country_b"] == "RUS")].iloc[0]
    assert row["n_votes"] == len(both) == 91
    assert row["agreement"] == pytest.approx(share, abs=5e-5)
    assert row["basis"] == "un_recorded_votes"


def test_session_74_overlap_of_the_two_un_bases():
    """The 90 session-74 resolutions of 2019 are Voeten roll calls with the same symbol and the same five votes
    (PAK 'not_recorded' where Voeten has no Pakistani vote); the 2019 agreement is therefore the same on both
    bases, for every pair."""
    votes, meta = _long_votes()
    s74 = {res for res, m in meta.items() if m[0] == "74"}
    assert len(s74) == 90
    unres = {}
    for r in _rows(SHARED_SOURCES / "unvotes" / "un_roll_calls.csv.gz"):
        if r["session"] == "74":
            unres[r["unres"]] = int(r["rcid"])
    voeten = defaultdict(dict)
    for r in _rows(SHARED_SOURCES / "unvotes" / "un_votes_pak_rus_usa_chn_ind.csv"):
        if r["session"] == "74":
            voeten[int(r["rcid"])][r["iso3c"]] = r["vote"]
    cells = 0
    for res in s74:
        v = voeten[unres[res]]
        for c in ("PAK", "RUS", "USA", "CHN", "IND"):
            assert v.get(c, "not_recorded") == votes[res][c], (res, c)
            cells += 1
    assert cells == 450
    old = pkru.load("unga_agreement").query("year == 2019 and issue == 'all'").set_index(["country_a", "country_b"])
    new = pkru.load("unga_agreement_recorded").query("year == 2019").set_index(["country_a", "country_b"])
    assert len(new) == 5
    for pair, row in new.iterrows():
        assert (row["n_votes"], row["agreement"]) == (old.loc[pair, "n_votes"], old.loc[pair, "agreement"])
    assert set(old["basis"]) == {"voeten_roll_calls"} and set(new["basis"]) == {"un_recorded_votes"}


def test_the_partial_last_year_is_not_a_yearly_mean():
    """The source stops in June 2026: its resolutions are listed, but no 2026 agreement is computed."""
    votes, meta = _long_votes()
    last = max(m[2] for m in meta.values())
    assert max(pkru.load("unga_agreement_recorded")["year"]) == last - 1
    assert last in set(pkru.load("unga_resolutions")["year"])


# ------------------------------------------------------------------ ideal points
def test_idealpoints_reach_2024_for_the_five():
    raw = [r for r in _rows(SHARED_SOURCES / "unga_voeten_idealpoints" /
                            "voeten_idealpoints_july2025_years_pak_rus_usa_chn_ind.csv") if r["year"] == "2024"]
    ip = pkru.load("unga_idealpoints").query("year == 2024").set_index("iso3")
    assert sorted(ip.index) == sorted(r["iso3c"] for r in raw) == ["CHN", "IND", "PAK", "RUS", "USA"]
    for r in raw:
        assert ip.loc[r["iso3c"], "idealpoint_fp"] == pytest.approx(float(r["idealpointfp"]), abs=5e-5)
    assert ip["idealpoint_all"].isna().all()  # blank for 2024 in this release
