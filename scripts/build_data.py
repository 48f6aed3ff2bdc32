#!/usr/bin/env python3
"""Build the derived tables of data/ from the raw public datasets.

Run ``python scripts/build_data.py [--sources PATH] [--check]`` (authors only: learners never rebuild data).
It reads the raw files from a folder of sources (default: ``../shared/sources`` beside the course folder, or
``--sources PATH``) and writes the derived tables of data/ (``build_all`` lists them). The raw files are
never copied: each table is a selection, aggregate or recode of them, and every row carries source ids
from data/sources.csv. Running it twice gives byte-identical files (tests/test_build.py checks this when
the raw sources are present).

Where to get the raw data yourself (official download addresses):

- UN General Assembly votes (CC0): Voeten, Strezhnev and Bailey, Harvard Dataverse,
  https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379 (tidy copy: the
  ``unvotes`` R package, files un_votes, un_roll_calls, un_roll_call_issues). The same dataset's
  ideal-point files (CC0): ``IdealpointsJuly2025`` (calendar years to 2024) and
  ``IdealpointestimatesAll_Jun2024``, https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/LEJUQZ
- UN General Assembly resolutions adopted by recorded vote, November 2019 onwards: the United Nations'
  own machine-readable resolutions (Department for General Assembly and Conference Management, AKN4UN),
  https://github.com/UNxml/GAresolutions (files ``data_extract/<session>.json``); the UN Digital Library
  publishes the same votes as "UN General Assembly voting data", https://digitallibrary.un.org/record/4060887.
  Terms: acknowledge the United Nations as the source; non-commercial use.
- COW Trade v4.0: https://correlatesofwar.org/data-sets/bilateral-trade/ (Dyadic_COW_4.0.csv,
  National_COW_4.0.csv).
- COW National Material Capabilities v7.0: https://correlatesofwar.org/data-sets/national-material-capabilities/
- ATOP v5.1 (directed dyad-years): http://atop.rice.edu/data
- SIPRI Arms Transfers Database, TIV tables (generated July 2022, deliveries 1950-2021) and the trade
  register (generated 12 February 2026, deliveries 1995-2024): https://www.sipri.org/databases/armstransfers
  (Information from the SIPRI Arms Transfers Database; non-commercial use, credit line required, less than
  10 per cent of a data set). The two vintages are kept in separate tables and never added together.
- SIPRI Military Expenditure Database, 2025 release (workbook SIPRI-Milex-data-1949-2024):
  https://www.sipri.org/databases/milex (same SIPRI terms; credit "Source: SIPRI Military Expenditure Database").
- World Bank, World Development Indicators (CC BY 4.0), as served on 1 July 2026: GDP (current US$)
  https://data.worldbank.org/indicator/NY.GDP.MKTP.CD, merchandise exports and imports (current US$)
  https://data.worldbank.org/indicator/TX.VAL.MRCH.CD.WT and https://data.worldbank.org/indicator/TM.VAL.MRCH.CD.WT,
  military expenditure (% of GDP; SIPRI's series) https://data.worldbank.org/indicator/MS.MIL.XPND.GD.ZS.
  Each as CSV: https://api.worldbank.org/v2/en/indicator/<code>?downloadformat=csv
- Official trade figures after 2012: the pages cited in ../shared/sources/page_figures/page_figures.csv
  and in table D of ../shared/reference/factcheck.md (listed in data/sources.csv).

The layout expected under the sources folder is the one of ../shared/sources (see its INDEX.md).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pkru.data import repo_root  # noqa: E402

PAK_PAIRS = [("PAK", "RUS"), ("PAK", "USA"), ("PAK", "CHN"), ("PAK", "IND"), ("IND", "RUS")]
ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
RECIPIENTS = {"Pakistan": "PAK", "India": "IND"}
FIVE = ["PAK", "RUS", "USA", "CHN", "IND"]
COUNTRY_ORDER = {c: k for k, c in enumerate(FIVE)}
BASIS_VOETEN = "voeten_roll_calls"   # unga_agreement.csv: every roll call, Voeten et al. (to 2019)
BASIS_UN = "un_recorded_votes"       # unga_agreement_recorded.csv: resolutions adopted by recorded vote (UN)
VOTES = ("yes", "no", "abstain")


def default_sources() -> Path:
    return repo_root().parent / "shared" / "sources"


def _read(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(rows: list[list], header: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _num(x: float) -> str:
    """Stable text for a number: integers without .0, others with up to 4 decimals."""
    x = round(float(x), 4)
    return str(int(x)) if x == int(x) else f"{x:.4f}".rstrip("0")


# ------------------------------------------------------------------ trade
# Official figures: figure ids of ../shared/sources/page_figures/page_figures.csv, recoded.
# (figure_id, year, period, flow, note)
OFFICIAL_FIGURES = [
    ("T01", 2023, "pk_fiscal", "total", "Pakistan Ministry of Commerce (via APP)"),
    ("T02", 2023, "pk_fiscal", "pak_exports", "Pakistan Ministry of Commerce (via APP)"),
    ("T03", 2023, "pk_fiscal", "pak_imports", "Pakistan Ministry of Commerce (via APP); mainly wheat, pulses, coal"),
    ("T04", 2021, "pk_fiscal", "total", "Commerce Minister, written reply to the National Assembly"),
    ("T05", 2021, "pk_fiscal", "pak_exports", "Commerce Minister, written reply to the National Assembly"),
    ("T06", 2021, "pk_fiscal", "pak_imports", "Commerce Minister, written reply to the National Assembly"),
    ("T08", 2022, "pk_fiscal", "total", "State Bank of Pakistan via WealthPK; doubtful: far below the neighbouring years"),
    ("T12", 2012, "calendar", "total", "Russian trade representation (Russian data)"),
    ("T13", 2012, "calendar", "pak_imports", "Russian data: Russia's exports to Pakistan"),
    ("T14", 2012, "calendar", "pak_exports", "Russian data: Russia's imports from Pakistan"),
    ("T16", 2014, "calendar", "total", "Pakistan Business Council report"),
    ("T15", 2015, "calendar", "total", "Pakistan Business Council report"),
    ("T18", 2015, "calendar", "pak_exports", "Pakistan Business Council report (Russia's imports from Pakistan)"),
    ("T19", 2015, "calendar", "pak_imports", "Pakistan Business Council report"),
    ("T23", 2023, "calendar", "total", "lower bound: Russian ambassador said trade 'exceeded $1 billion'"),
]
# Figures from table D of ../shared/reference/factcheck.md that page_figures.csv does not hold:
# (year, period, flow, value, url, note)
FACTCHECK_FIGURES = [
    (2013, "pk_fiscal", "total", 484.47, "https://photonews.com.pk/decline-exports-russia",
     "press report on a Ministry of Commerce export strategy; attribution not explicit"),
    (2014, "pk_fiscal", "total", 419.34, "https://photonews.com.pk/decline-exports-russia",
     "press report on a Ministry of Commerce export strategy; attribution not explicit"),
    (2021, "calendar", "total", 697, "https://www.brecorder.com/news/40179399/russian-envoy-hopes-bilateral-trade-volume-to-rebound-soon",
     "Russian Consul General in Karachi; calendar year presumed"),
]


def build_trade(src: Path, url_to_id: dict) -> str:
    rows = []
    dy = _read(src / "cow_trade" / "cow_trade_pakistan_dyads_1948_2014.csv")
    for r in dy:
        imp, exp = r["pak_imports_from_partner_musd"], r["partner_imports_from_pak_musd"]
        vals = {"pak_imports": imp, "pak_exports": exp}
        if imp != "" and exp != "":
            vals["total"] = float(imp) + float(exp)
        for flow, v in vals.items():
            if v == "":
                continue
            rows.append([int(r["year"]), "calendar", r["partner_iso3"], flow, _num(v), "cow", "cow_trade_v4",
                         "USSR to 1991" if r["partner_iso3"] == "RUS" and int(r["year"]) <= 1991 else ""])
    for r in _read(src / "cow_trade" / "cow_trade_national_totals_1946_2014.csv"):
        if r["iso3"] != "PAK" or int(r["year"]) < 1948:
            continue
        vals = {"pak_imports": r["imports_musd"], "pak_exports": r["exports_musd"]}
        if all(v != "" for v in vals.values()):
            vals["total"] = float(vals["pak_imports"]) + float(vals["pak_exports"])
        for flow, v in vals.items():
            if v != "":
                rows.append([int(r["year"]), "calendar", "WLD", flow, _num(v), "cow", "cow_trade_v4",
                             "Pakistan's total trade with all partners"])
    figs = {r["figure_id"]: r for r in _read(src / "page_figures" / "page_figures.csv")}
    for fid, year, period, flow, note in OFFICIAL_FIGURES:
        r = figs[fid]
        rows.append([year, period, "RUS", flow, _num(r["value"]), "official", url_to_id[r["source_url"].strip()],
                     f"{note} [{fid}]"])
    for year, period, flow, value, url, note in FACTCHECK_FIGURES:
        rows.append([year, period, "RUS", flow, _num(value), "official", url_to_id[url], note])
    # World Bank WDI (WTO data): Pakistan's merchandise trade with the world, calendar years, to 2025.
    wdi = {}
    for flow, code in (("pak_exports", "tx_val_mrch_cd_wt"), ("pak_imports", "tm_val_mrch_cd_wt")):
        for r in _read(src / "world_bank_wdi_2026_07" / f"wb_{code}_pak_rus_usa_chn_ind.csv"):
            if r["Country Code"] == "PAK" and r["Value"] != "":
                wdi[(int(r["Year"]), flow)] = float(r["Value"]) / 1e6
    for year in sorted({y for y, _ in wdi}):
        vals = {f: wdi[(year, f)] for f in ("pak_exports", "pak_imports") if (year, f) in wdi}
        if len(vals) == 2:
            vals["total"] = vals["pak_exports"] + vals["pak_imports"]
        for flow, v in vals.items():
            rows.append([year, "calendar", "WLD", flow, _num(v), "wdi", "wb_wdi_2026_07",
                         "Pakistan's merchandise trade with the world (World Bank WDI, WTO data)"])
    order = {"RUS": 0, "USA": 1, "CHN": 2, "IND": 3, "WLD": 4}
    rows.sort(key=lambda x: (x[5], order[x[2]], x[0], x[1], x[3]))
    return _write(rows, ["year", "period", "partner", "flow", "value_usd_m", "series", "source_ids", "note"])


# ------------------------------------------------------------------ arms
def build_arms(src: Path) -> str:
    rows = []
    for r in _read(src / "sipri_arms_transfers" / "sipri_tiv_imports_pakistan_india_by_supplier_1950_2021.csv"):
        rows.append([int(r["year"]), RECIPIENTS[r["recipient"]], r["supplier"], _num(r["tiv_million"]),
                     "sipri_arms_transfers"])
    rows.sort(key=lambda x: (x[1] != "PAK", x[1], x[2], x[0]))
    return _write(rows, ["year", "recipient", "supplier", "tiv", "source_ids"])


# ------------------------------------------------------------------ UN votes
def build_unga(src: Path) -> str:
    votes = defaultdict(dict)  # rcid -> iso3 -> vote
    year_of = {}
    for r in _read(src / "unvotes" / "un_votes_pak_rus_usa_chn_ind.csv"):
        votes[int(r["rcid"])][r["iso3c"]] = r["vote"]
        year_of[int(r["rcid"])] = int(r["year"])
    issues = defaultdict(set)
    for r in _read(src / "unvotes" / "un_roll_call_issues.csv"):
        issues[int(r["rcid"])].add(r["short_name"])
    counts = defaultdict(lambda: [0, 0])  # (year, a, b, issue) -> [n, same]
    for rcid, by in votes.items():
        year = year_of[rcid]
        if year >= 2020:  # a single roll call in January 2020: not a year of data
            continue
        for a, b in PAK_PAIRS:
            if a in by and b in by:
                same = by[a] == by[b]
                for issue in ["all", *sorted(issues.get(rcid, ()))]:
                    c = counts[(year, a, b, issue)]
                    c[0] += 1
                    c[1] += same
    rows = [[y, a, b, i, n, _num(s / n), BASIS_VOETEN, "unvotes_voeten"] for (y, a, b, i), (n, s) in counts.items()]
    pair_order = {p: k for k, p in enumerate(PAK_PAIRS)}
    issue_order = {i: k for k, i in enumerate(["all", *ISSUES])}
    rows.sort(key=lambda x: (pair_order[(x[1], x[2])], issue_order[x[3]], x[0]))
    return _write(rows, ["year", "country_a", "country_b", "issue", "n_votes", "agreement", "basis", "source_ids"])


# ------------------------------------------------------------------ alliances
def build_alliances(src: Path) -> str:
    rows = []
    for r in _read(src / "atop_alliances" / "atop_5_1_pakistan_dyad_years_1947_2018.csv"):
        rows.append([int(r["year"]), r["partner_iso3"], *(int(r[f"atop_{k}"]) for k in
                     ["defense", "offense", "neutral", "nonagg", "consul"]), "atop_v5_1"])
    order = {"RUS": 0, "USA": 1, "CHN": 2, "IND": 3}
    rows.sort(key=lambda x: (order[x[1]], x[0]))
    return _write(rows, ["year", "partner", "defense", "offense", "neutral", "nonagg", "consul", "source_ids"])


# ------------------------------------------------------------------ capabilities
def build_capabilities(src: Path) -> str:
    rows = []
    units = {"cinc": "share of world total (0-1)", "milex": "thousand current US$", "milper": "thousand personnel"}
    for r in _read(src / "cow_nmc" / "nmc_7_0_pak_rus_usa_chn_ind_1946_2022.csv"):
        for ind, unit in units.items():
            if r[ind] != "":
                rows.append([int(r["year"]), r["iso3"], ind, _num(r[ind]) if ind != "cinc" else f"{float(r[ind]):.6f}",
                             unit, "cow_nmc_v7"])
    # GDP: the World Bank's WDI as served on 1 July 2026 (to 2025). The older file in ../world_bank_gdp/
    # (the October 2024 vintage, to 2023) is not used: no lesson needs the older vintage.
    for r in _read(src / "world_bank_wdi_2026_07" / "wb_ny_gdp_mktp_cd_pak_rus_usa_chn_ind.csv"):
        if r["Value"] != "":
            rows.append([int(r["Year"]), r["Country Code"], "gdp", str(round(float(r["Value"]))), "current US$",
                         "wb_wdi_2026_07"])
    order = {"PAK": 0, "RUS": 1, "USA": 2, "CHN": 3, "IND": 4}
    rows.sort(key=lambda x: (x[2], order[x[1]], x[0]))
    return _write(rows, ["year", "iso3", "indicator", "value", "unit", "source_ids"])


# ------------------------------------------------------------------ UN votes, November 2019 onwards (UN basis)
UN_DIR = "unga_un_dgacm_2019_2026"
UN_FILE = "unga_recorded_votes_2019_2026_resolutions.csv"
TITLE_MAX = 120  # characters of a resolution's title kept in unga_resolutions.csv


def _un_resolutions(src: Path) -> list[dict]:
    return _read(src / UN_DIR / UN_FILE)


def _complete_years(res: list[dict]) -> list[int]:
    """Calendar years the UN file covers to their end: every year before the year of its last vote.

    The last year (2026 in the shipped file: January to early June) is partial. General Assembly
    recorded votes cluster in the autumn part of each session (November-December), so a mean over a
    spring is a different mix of votes, not an early reading of the year: it is left out of the yearly
    table (its resolutions are in unga_resolutions.csv, with their dates)."""
    years = sorted({int(r["year"]) for r in res})
    return years[:-1]


def build_unga_recorded(src: Path) -> str:
    """Agreement by year on the UN basis: resolutions adopted by recorded vote (no roll calls on
    amendments or paragraphs, no resolutions adopted without a vote), for the pairs of unga_agreement."""
    res = _un_resolutions(src)
    keep = set(_complete_years(res))
    counts = defaultdict(lambda: [0, 0])
    dates = defaultdict(list)
    for r in res:
        year = int(r["year"])
        if year not in keep:
            continue
        dates[year].append(r["date"])
        for a, b in PAK_PAIRS:
            if r[a] in VOTES and r[b] in VOTES:
                c = counts[(year, a, b)]
                c[0] += 1
                c[1] += r[a] == r[b]
    rows = [[y, a, b, n, _num(s / n), BASIS_UN, min(dates[y]), max(dates[y]), "unga_dgacm"]
            for (y, a, b), (n, s) in counts.items()]
    pair_order = {p: k for k, p in enumerate(PAK_PAIRS)}
    rows.sort(key=lambda x: (pair_order[(x[1], x[2])], x[0]))
    return _write(rows, ["year", "country_a", "country_b", "n_votes", "agreement", "basis", "first_vote",
                         "last_vote", "source_ids"])


def short_title(title: str, limit: int = TITLE_MAX) -> str:
    """The title as the UN gives it, cut at a word boundary (with an ellipsis) when longer than ``limit``."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _resolution_key(r: dict):
    number = r["resolution"].rsplit("/", 1)[1].split()[0]
    return (r["date"], r["session"], int(number) if number.isdigit() else 0, r["resolution"])


def build_unga_resolutions(src: Path) -> str:
    """One row per resolution adopted by recorded vote: the five countries' votes and the totals."""
    rows = []
    for r in sorted(_un_resolutions(src), key=_resolution_key):
        session = r["session"]
        emergency = session.removeprefix("ES-") if session.startswith("ES-") else ""
        rows.append([r["resolution"], r["date"], int(r["year"]), session, emergency, short_title(r["title"]),
                     r["committee"], *(r[c] for c in FIVE),
                     int(r["yes_stated"]), int(r["no_stated"]), int(r["abstain_stated"]), r["flags"], "unga_dgacm"])
    return _write(rows, ["resolution", "date", "year", "session", "emergency_session", "title", "committee",
                         *FIVE, "yes", "no", "abstain", "note", "source_ids"])


def build_idealpoints(src: Path) -> str:
    """Voeten/Bailey/Strezhnev ideal points by calendar year (July 2025 release, to 2024)."""
    rows = []
    name = "voeten_idealpoints_july2025_years_pak_rus_usa_chn_ind.csv"
    for r in _read(src / "unga_voeten_idealpoints" / name):
        def val(k):
            return _num(r[k]) if r[k] not in ("", "NA") else ""
        rows.append([int(r["year"]), r["iso3c"], val("idealpointfp"), val("q5fp"), val("q95fp"),
                     int(r["nvotesfp"]) if r["nvotesfp"] not in ("", "NA") else "",
                     val("idealpointall"), int(r["nvotesall"]) if r["nvotesall"] not in ("", "NA") else "",
                     "voeten_idealpoints"])
    rows.sort(key=lambda x: (COUNTRY_ORDER[x[1]], x[0]))
    return _write(rows, ["year", "iso3", "idealpoint_fp", "idealpoint_fp_q5", "idealpoint_fp_q95", "n_votes_fp",
                         "idealpoint_all", "n_votes_all", "source_ids"])


# ------------------------------------------------------------------ arms, trade register of February 2026
ARMS26_DIR = "sipri_arms_transfers_register_2026"
OLD_SUPPLIER_NAMES = {"Turkey": "Turkiye"}  # 2022 TIV tables -> 2026 register spelling


def _arms_2026(src: Path) -> list[dict]:
    return _read(src / ARMS26_DIR / "sipri_tiv_imports_pakistan_india_by_supplier_1995_2024.csv")


def build_arms_2026(src: Path) -> str:
    rows = [[int(r["year"]), RECIPIENTS[r["recipient"]], r["supplier"], _num(r["tiv_million"]),
             "sipri_arms_register_2026"] for r in _arms_2026(src)]
    rows.sort(key=lambda x: (x[1] != "PAK", x[1], x[2], x[0]))
    return _write(rows, ["year", "recipient", "supplier", "tiv", "source_ids"])


def build_arms_totals_2026(src: Path) -> str:
    """Yearly TIV of all the register's deliveries (WLD) and of Pakistan's and India's: for shares of world imports."""
    rows = []
    name = "sipri_register_yearly_totals_world_pakistan_india_1995_2024.csv"
    for r in _read(src / ARMS26_DIR / name):
        for code, col in (("WLD", "world_tiv_million"), ("PAK", "pakistan_tiv_million"), ("IND", "india_tiv_million")):
            rows.append([int(r["year"]), code, _num(r[col]), "sipri_arms_register_2026"])
    order = {"WLD": 0, "PAK": 1, "IND": 2}
    rows.sort(key=lambda x: (order[x[1]], x[0]))
    return _write(rows, ["year", "recipient", "tiv", "source_ids"])


def _yes_no(v: str) -> str:
    return {"Yes": "yes", "No": "no"}.get(v, "")


def build_arms_deals_pak(src: Path) -> str:
    """Pakistan's deals in the February 2026 register, one row per deal (SIPRI AT Database ID): what was
    delivered, how many, in which years, and its TIV. A sum over a deal's delivery rows; SIPRI's own
    uncertainty flags are kept (any estimated delivery row makes the deal's numbers an estimate)."""
    deals = defaultdict(list)
    for r in _read(src / ARMS26_DIR / "sipri_register_pakistan_deliveries_1995_2024.csv"):
        deals[int(r["SIPRI AT Database ID"])].append(r)
    rows = []
    for deal_id, rs in deals.items():
        first = rs[0]
        years = [int(r["Delivery year"]) for r in rs]
        numbers = sum(int(r["Numbers delivered"]) for r in rs if r["Numbers delivered"] != "")
        estimated = "yes" if any(r["Numbers delivered is estimate"] == "Yes" for r in rs) else "no"
        rows.append([deal_id, first["Supplier"], first["Designation"].removesuffix(" -").strip(),
                     first["Description"], first["Armament category"], int(first["Order date"]),
                     _yes_no(first["Order date is estimate"]), numbers, estimated, min(years), max(years),
                     first["Status"], _yes_no(first["Local production"]),
                     _num(sum(float(r["TIV delivery values"] or 0) for r in rs)), "sipri_arms_register_2026"])
    rows.sort(key=lambda x: (x[1], x[9], x[0]))
    return _write(rows, ["deal_id", "supplier", "designation", "description", "category", "order_year",
                         "order_year_estimate", "numbers_delivered", "numbers_estimate", "first_delivery",
                         "last_delivery", "status", "local_production", "tiv", "source_ids"])


def build_arms_vintages(src: Path) -> str:
    """The two SIPRI vintages side by side over their overlap (1995-2021), supplier by supplier and year by
    year, for showing how SIPRI revises back years. An empty cell: no delivery recorded in that vintage."""
    old = {}
    for r in _read(src / "sipri_arms_transfers" / "sipri_tiv_imports_pakistan_india_by_supplier_1950_2021.csv"):
        old[(int(r["year"]), RECIPIENTS[r["recipient"]], OLD_SUPPLIER_NAMES.get(r["supplier"], r["supplier"]))] = \
            float(r["tiv_million"])
    new = {(int(r["year"]), RECIPIENTS[r["recipient"]], r["supplier"]): float(r["tiv_million"]) for r in _arms_2026(src)}
    lo, hi = min(y for y, _, _ in new), max(y for y, _, _ in old)
    rows = []
    for key in sorted({k for k in {**old, **new} if lo <= k[0] <= hi}):
        year, rec, sup = key
        rows.append([year, rec, sup, _num(old[key]) if key in old else "", _num(new[key]) if key in new else "",
                     "sipri_arms_transfers;sipri_arms_register_2026"])
    rows.sort(key=lambda x: (x[1] != "PAK", x[1], x[2], x[0]))
    return _write(rows, ["year", "recipient", "supplier", "tiv_vintage_2022", "tiv_vintage_2026", "source_ids"])


# ------------------------------------------------------------------ military expenditure (SIPRI)
MILEX_MEASURES = [  # (column in the SIPRI extract, measure, unit, factor)
    ("milex_current_usd_m", "current_usd", "million current US$", 1.0),
    ("milex_constant2023_usd_m", "constant_2023_usd", "million constant (2023) US$", 1.0),
    ("milex_share_of_gdp", "share_of_gdp", "% of GDP", 100.0),
]


def build_milex(src: Path) -> str:
    """SIPRI military expenditure, 1949-2024, long form. USSR (SIPRI's separate row, 1987-1990) is coded RUS,
    as in the COW tables; SIPRI's zeros for Russia before 1993 in current US$ are empty cells in the source's
    sense (no data) and are left out. The share of GDP cites the World Bank too where WDI republishes the
    same number (MS.MIL.XPND.GD.ZS is SIPRI's series)."""
    wdi = {(r["Country Code"], int(r["Year"])): float(r["Value"])
           for r in _read(src / "world_bank_wdi_2026_07" / "wb_ms_mil_xpnd_gd_zs_pak_rus_usa_chn_ind.csv")
           if r["Value"] != ""}
    rows = []
    for r in _read(src / "sipri_milex_2025_release" / "sipri_milex_pak_rus_usa_chn_ind_1949_2024.csv"):
        iso3 = "RUS" if r["iso3c"] == "SUN" else r["iso3c"]
        year = int(r["year"])
        for col, measure, unit, factor in MILEX_MEASURES:
            if r[col] == "" or float(r[col]) == 0:
                continue
            value = float(r[col]) * factor
            ids = "sipri_milex_2025"
            if measure == "share_of_gdp" and abs(wdi.get((iso3, year), -1) - value) < 1e-9:
                ids += ";wb_wdi_2026_07"
            rows.append([year, iso3, measure, _num(value), unit, "yes" if r[f"{col}_flag"] else "no", ids])
    order = {m: k for k, (_, m, _, _) in enumerate(MILEX_MEASURES)}
    rows.sort(key=lambda x: (order[x[2]], COUNTRY_ORDER[x[1]], x[0]))
    return _write(rows, ["year", "iso3", "measure", "value", "unit", "estimate", "source_ids"])


def build_all(src: Path, root: Path | None = None) -> dict[str, str]:
    """Return {file name: CSV text} for every derived table (nothing is written)."""
    root = root or repo_root()
    with open(root / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        url_to_id = {r["url"].strip(): r["source_id"] for r in csv.DictReader(fh)}
    return {
        "trade.csv": build_trade(src, url_to_id),
        "arms_imports.csv": build_arms(src),
        "unga_agreement.csv": build_unga(src),
        "alliances.csv": build_alliances(src),
        "capabilities.csv": build_capabilities(src),
        "unga_agreement_recorded.csv": build_unga_recorded(src),
        "unga_resolutions.csv": build_unga_resolutions(src),
        "unga_idealpoints.csv": build_idealpoints(src),
        "arms_imports_2026.csv": build_arms_2026(src),
        "arms_totals_2026.csv": build_arms_totals_2026(src),
        "arms_vintages.csv": build_arms_vintages(src),
        "arms_deals_pak_2026.csv": build_arms_deals_pak(src),
        "milex_sipri.csv": build_milex(src),
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sources", type=Path, default=None, help="folder of raw sources (default ../shared/sources)")
    p.add_argument("--check", action="store_true", help="only compare with data/, write nothing; exit 1 on a difference")
    args = p.parse_args(argv)
    src = args.sources or default_sources()
    if not src.is_dir():
        print(f"Raw sources not found at {src}: nothing rebuilt. The tables in data/ are the shipped, "
              "checked versions; to rebuild them, download the datasets listed in scripts/build_data.py and "
              "pass --sources PATH.")
        return 0
    root = repo_root()
    changed = []
    for name, text in build_all(src, root).items():
        path = root / "data" / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            changed.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{'differs' if old != text else 'same   '}  data/{name}  ({text.count(chr(10)) - 1} rows)")
    if args.check and changed:
        print("Out of date: " + ", ".join(changed) + ". Run: python scripts/build_data.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
