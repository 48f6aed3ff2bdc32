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
ARMS26 = SHARED_SOURCES / "sipri_arms_transfers_register_2026"


def _rows(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _share(rows, recipient_field, recipient, supplier_field, supplier, year_field, value_field, years):
    total = by = 0.0
    for r in rows:
        if r[recipient_field] == recipient and years[0] <= int(float(r[year_field])) <= years[1]:
            v = float(r[value_field] or 0)
            total += v
            by += v if r[supplier_field] == supplier else 0
    return 100 * by / total


def _shipped_share(table, recipient, supplier, years):
    a = pkru.load(table)
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    return 100 * a.loc[a["supplier"] == supplier, "tiv"].sum() / a["tiv"].sum()


# ------------------------------------------------------------------ SIPRI arms transfers, 2026 register
def test_china_share_of_pakistans_imports_2020_24_is_sipris_81_percent():
    """From the verbatim register rows (one per deal and delivery year), not from the supplier sums the build
    reads. SIPRI's figure: 81 % (SIPRI Trends in International Arms Transfers 2024, March 2025, as reported by
    Deccan Herald and the South China Morning Post)."""
    raw = _share(_rows(ARMS26 / "sipri_register_pakistan_deliveries_1995_2024.csv"), "Recipient", "Pakistan",
                 "Supplier", "China", "Delivery year", "TIV delivery values", (2020, 2024))
    shipped = _shipped_share("arms_imports_2026", "PAK", "China", (2020, 2024))
    assert abs(raw - shipped) < 0.01
    assert round(shipped) == 81


def test_russia_share_of_indias_imports_2020_24_is_sipris_36_percent():
    """SIPRI, as reported with the March 2025 release (Deccan Herald): Russia 36 % of India's imports in 2020–24,
    72 % in 2010–14 and 55 % in 2015–19. Recomputed from the raw supplier sums (India's register rows are not
    among the raw files)."""
    raw_rows = _rows(ARMS26 / "sipri_tiv_imports_pakistan_india_by_supplier_1995_2024.csv")
    published = {(2020, 2024): 36, (2015, 2019): 55, (2010, 2014): 72}
    for years, pct in published.items():
        raw = _share(raw_rows, "recipient", "India", "supplier", "Russia", "year", "tiv_million", years)
        shipped = _shipped_share("arms_imports_2026", "IND", "Russia", years)
        assert abs(raw - shipped) < 0.01, years
        assert round(shipped) == pct, years


def test_pakistans_share_of_world_imports_2020_24():
    """SIPRI's figure for 2020–24: 4.6 % of world arms imports (same release)."""
    totals = pkru.load("arms_totals_2026")
    t = totals[totals["year"].between(2020, 2024)].groupby("recipient")["tiv"].sum()
    assert round(100 * t["PAK"] / t["WLD"], 1) == 4.6
    # the Pakistan and India totals equal the supplier table's sums, year by year
    a = pkru.load("arms_imports_2026").groupby(["recipient", "year"])["tiv"].sum()
    for (rec, year), tiv in totals[totals["recipient"] != "WLD"].set_index(["recipient", "year"])["tiv"].items():
        assert abs(a[(rec, year)] - tiv) < 0.011, (rec, year)


def test_the_two_vintages_differ_as_provenance_says_and_are_never_mixed():
    """Pakistan 2015–21: about −1 %; India: about −8.6 % (2026 register against the 2022 tables)."""
    old = _rows(SHARED_SOURCES / "sipri_arms_transfers" / "sipri_tiv_imports_pakistan_india_by_supplier_1950_2021.csv")
    new = _rows(ARMS26 / "sipri_tiv_imports_pakistan_india_by_supplier_1995_2024.csv")
    v = pkru.load("arms_vintages")
    for rec, code, expected in (("Pakistan", "PAK", -1.0), ("India", "IND", -8.6)):
        o = sum(float(r["tiv_million"]) for r in old if r["recipient"] == rec and 2015 <= int(r["year"]) <= 2021)
        n = sum(float(r["tiv_million"]) for r in new if r["recipient"] == rec and 2015 <= int(r["year"]) <= 2021)
        sel = v[(v["recipient"] == code) & v["year"].between(2015, 2021)]
        assert sel["tiv_vintage_2022"].sum() == pytest.approx(o) and sel["tiv_vintage_2026"].sum() == pytest.approx(n)
        assert round(100 * (n / o - 1), 1) == expected
    # the two arms tables are separate vintages: their source ids never overlap
    assert set(pkru.load("arms_imports")["source_ids"]) == {"sipri_arms_transfers"}
    assert set(pkru.load("arms_imports_2026")["source_ids"]) == {"sipri_arms_register_2026"}


def test_pakistans_deals_add_up_and_date_the_mi35m_delivery():
    """The deal table sums to the supplier table, and dates what notebook 05 used to leave open: the four
    Mi-35M helicopters ordered in 2015 were delivered in 2018 (SIPRI register)."""
    raw = [r for r in _rows(ARMS26 / "sipri_register_pakistan_deliveries_1995_2024.csv")
           if r["Supplier"] == "Russia" and r["Designation"] == "Mi-35M"]
    deals = pkru.load("arms_deals_pak_2026")
    mi35 = deals[(deals["supplier"] == "Russia") & (deals["designation"] == "Mi-35M")]
    assert len(mi35) == 1 and len(raw) == 1
    row = mi35.iloc[0]
    assert (row["order_year"], row["numbers_delivered"], row["first_delivery"], row["last_delivery"]) == \
        (int(raw[0]["Order date"]), int(raw[0]["Numbers delivered"]), 2018, 2018) == (2015, 4, 2018, 2018)
    by_supplier = deals.groupby("supplier")["tiv"].sum()
    a = pkru.load("arms_imports_2026").query("recipient == 'PAK'").groupby("supplier")["tiv"].sum()
    assert sorted(by_supplier.index) == sorted(a.index)
    assert (by_supplier - a).abs().max() < 0.05

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


# ------------------------------------------------------------------ military spending and the World Bank
def test_sipri_military_spending_2024_matches_sipris_published_figures():
    """SIPRI, 28 April 2025 (as reported by Business Today and Rediff): India US$86.1 bn, Pakistan 10.2 bn,
    China 314 bn (estimate), Russia 149 bn (estimate) = 7.1 % of GDP."""
    m = pkru.load("milex_sipri").query("year == 2024").set_index(["iso3", "measure"])
    bn = {c: m.loc[(c, "current_usd"), "value"] / 1000 for c in ("IND", "PAK", "CHN", "RUS")}
    assert (round(bn["IND"], 1), round(bn["PAK"], 1), round(bn["CHN"]), round(bn["RUS"])) == (86.1, 10.2, 314, 149)
    assert round(m.loc[("RUS", "share_of_gdp"), "value"], 1) == 7.1
    assert m.loc[("RUS", "current_usd"), "estimate"] == "yes" and m.loc[("PAK", "current_usd"), "estimate"] == "no"


def test_world_bank_share_of_gdp_is_sipris_series():
    wdi = {(r["Country Code"], int(r["Year"])): float(r["Value"]) for r in
           _rows(SHARED_SOURCES / "world_bank_wdi_2026_07" / "wb_ms_mil_xpnd_gd_zs_pak_rus_usa_chn_ind.csv")}
    m = pkru.load("milex_sipri").query("measure == 'share_of_gdp'")
    cited = m[m["source_ids"].str.contains("wb_wdi_2026_07")]
    assert len(cited) == len(wdi)
    for r in cited.itertuples():
        assert r.value == pytest.approx(wdi[(r.iso3, r.year)], abs=5e-5)


def test_cow_and_sipri_spending_differ_as_the_dictionary_says():
    """The data dictionary says COW's milex is about 0.7–1.0 times SIPRI's in 2010–2022: a reason not to join them."""
    cap = pkru.load("capabilities").query("indicator == 'milex' and 2010 <= year <= 2022")
    sipri = pkru.load("milex_sipri").query("measure == 'current_usd'").set_index(["iso3", "year"])["value"]
    ratios = [r.value / 1000 / sipri[(r.iso3, r.year)] for r in cap.itertuples()]
    assert 0.6 < min(ratios) < 0.7 and 1.0 < max(ratios) < 1.05


def test_gdp_reaches_2025_from_the_july_2026_vintage():
    raw = {(r["Country Code"], int(r["Year"])): float(r["Value"]) for r in
           _rows(SHARED_SOURCES / "world_bank_wdi_2026_07" / "wb_ny_gdp_mktp_cd_pak_rus_usa_chn_ind.csv") if r["Value"]}
    g = pkru.load("capabilities").query("indicator == 'gdp'")
    assert int(g["year"].max()) == 2025 and set(g["source_ids"]) == {"wb_wdi_2026_07"}
    assert len(g) == len(raw)
    pak24 = g.query("iso3 == 'PAK' and year == 2024")["value"].iloc[0]
    assert pak24 == round(raw[("PAK", 2024)]) and round(pak24 / 1e9) == 372  # PROVENANCE: about 372 billion


def test_wdi_trade_is_a_separate_series_and_differs_from_cow():
    t = pkru.load("trade")
    wdi = t.query("series == 'wdi'")
    assert set(wdi["partner"]) == {"WLD"} and int(wdi["year"].max()) == 2025
    cow = t.query("series == 'cow' and partner == 'WLD' and flow == 'pak_imports'").set_index("year")["value_usd_m"]
    w = wdi.query("flow == 'pak_imports'").set_index("year")["value_usd_m"]
    ratios = [w[y] / cow[y] for y in range(2005, 2015)]
    assert round(min(ratios), 2) == 0.81 and round(max(ratios), 2) == 1.00  # as the data dictionary says
