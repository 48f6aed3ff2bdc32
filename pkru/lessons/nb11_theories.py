"""Notebook 11 (theories): theories of international relations tested against the course's data.

Plain functions (tested in tests/test_nb11_theories.py) for:

- the five theories the notebook teaches (:func:`theories`, from ``data/lessons/theories.csv``), with their
  literature in data/sources.csv;
- the figures each theory's prediction is tested on (``key_figures``), computed from data/capabilities.csv,
  data/unga_agreement.csv (and the UN's recorded votes of data/unga_agreement_recorded.csv, another basis),
  data/arms_imports.csv (SIPRI's 2022 tables, for the long history) and data/arms_imports_2026.csv (SIPRI's 2026
  register, for the years since 2015), data/alliances.csv and data/events.csv, and a ``scorecard`` built on them;
- the annotated key of data/theory_key.csv (an interpretation, not evidence) and ``compare_with_key``,
  the logic of the assignment widget (:func:`explorer`);
- the notebook's charts, each writing its screen-reader description from the data it draws.

The readings ("fits", "partly", "poorly") are the course's interpretation; the numbers behind them are not.
"""
from __future__ import annotations

import html

import altair as alt
import pandas as pd

from . import nb05_security as arms_mod
from . import nb02_geostrategy as power
from ..charts import CATEGORY_COLORS, COUNTRY_COLORS, COUNTRY_NAMES, describe, event_rules, finish
from .. import indicators, tables
from ..data import events_for_plot, load, source_label, split_ids, with_source_labels

__all__ = [
    # the theories (data/lessons/theories.csv)
    "theories", "theory_order", "theory_sources", "label", "theory_table", "THEORY_COLORS",
    # the annotated key (data/theory_key.csv) and the widget
    "NOT_ASSIGNED", "split_also", "load_key", "compare_with_key", "score", "describe_score", "key_counts",
    "key_period_counts", "RESULT_COLORS", "assignment_view", "explorer", "theory_explorer",
    # the tests of the theories
    "FIRSTS", "RELEASE_YEAR", "INVASION_EVENT", "obligation_years", "EURASIAN_WORDS", "eurasian_events",
    "key_figures", "scorecard", "release_timing",
    # charts, each with the description written from its data
    "parity_ratios", "describe_parity", "parity_chart", "arms_dependence", "PAIR_COLORS", "describe_arms",
    "arms_chart", "events_by_year", "describe_events", "events_chart", "release_year_rule", "timing_marks",
    "describe_key_timeline", "key_timeline_chart",
    # the Sources section
    "CITED_EVENTS", "CITED_SOURCES",
]


# ------------------------------------------------------------------ the theories (data/lessons/theories.csv)
def theories() -> dict[str, dict]:
    """The theories of ``data/lessons/theories.csv``, in the file's order:
    ``{code: {"label", "sources", "core", "predicts", "wrong_if"}}`` (``sources``: ids in data/sources.csv)."""
    return {r.theory: {"label": r.label, "sources": split_ids(r.source_ids), "core": r.core,
                       "predicts": r.predicts, "wrong_if": r.wrong_if}
            for r in load("theories").itertuples(index=False)}


def theory_order() -> list[str]:
    """The theory codes in the notebook's order (the order of data/lessons/theories.csv)."""
    return list(theories())


def theory_sources() -> list[str]:
    """The literature of every theory (source ids), in the theories' order."""
    return [s for t in theories().values() for s in t["sources"]]


THEORY_COLORS = {"realism": "#0072B2", "power_transition": "#E69F00", "balance_of_threat": "#D55E00",
                 "hedging": "#009E73", "eurasianism": "#CC79A7"}
NOT_ASSIGNED = ""

#: "First" milestones of the post-2014 rapprochement, used to test the press release's 2021 turning point.
FIRSTS = ["ev2014_arms_restrictions_lifted", "ev2014_defence_cooperation_agreement", "ev2015_mi35m_contract",
          "ev2016_druzhba_first_exercise", "ev2017_russian_ship_aman17", "ev2017_pakistan_full_sco_member"]
RELEASE_YEAR = 2021   # the US withdrawal from Afghanistan, as dated (year only) by the press release
INVASION_EVENT = "ev2022_imran_khan_meets_putin"  # its summary dates Russia's all-out attack on Ukraine


def label(code: str, known: dict | None = None) -> str:
    """'hedging' -> 'Hedging'; raises ValueError for an unknown theory code."""
    known = theories() if known is None else known
    if code not in known:
        raise ValueError(f"Unknown theory '{code}': choose one of {', '.join(known)}")
    return known[code]["label"]


def _citation(sources: pd.DataFrame, source_id: str) -> str:
    row = sources.set_index("source_id").loc[source_id]
    return f"{row['publisher']}, {row['year']}: {row['title']}"


def theory_table() -> pd.DataFrame:
    """The five theories: core claim, what each predicts for Pakistan–Russia relations, what would prove it
    wrong, and the literature (readable labels from data/sources.csv)."""
    src = load("sources")
    rows = [{"theory": t["label"], "core claim": t["core"], "prediction for Pakistan–Russia": t["predicts"],
             "would be wrong if": t["wrong_if"],
             "literature": "; ".join(_citation(src, s) for s in t["sources"])}
            for t in theories().values()]
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ the annotated key
def split_also(value) -> list[str]:
    """'realism;hedging' -> ['realism', 'hedging']; empty or missing -> []."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return split_ids(value)


def load_key(key: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """data/theory_key.csv joined to its events (date, readable date, title, summary), oldest first,
    with ``also_list`` (a list of codes) and a readable ``source`` label."""
    key = load("theory_key") if key is None else key
    ev = events_for_plot(events)[["event_id", "date", "date_precision", "when", "when_label", "year", "title",
                                  "summary", "confidence"]]
    missing = set(key["event_id"]) - set(ev["event_id"])
    if missing:
        raise KeyError(f"theory key names unknown event(s) {sorted(missing)}")
    out = key.merge(ev, on="event_id", how="left").sort_values("date").reset_index(drop=True)
    out["also_list"] = [split_also(v) for v in out["also_fits"]]
    return with_source_labels(out)


def compare_with_key(assignments: dict, key: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare a learner's assignments ``{event_id: theory code or ''}`` with the key, event by event.

    ``result`` is "same as the key" (the key's best theory), "also fits" (a theory the key lists in
    also_fits), "different" or "not assigned". Events of the key missing from ``assignments`` count as not
    assigned. Unknown event ids raise KeyError; unknown theory codes raise ValueError."""
    k = load_key() if key is None else key
    if "also_list" not in k:
        k = load_key(k)
    unknown = set(assignments) - set(k["event_id"])
    if unknown:
        raise KeyError(f"Not in the theory key: {sorted(unknown)}")
    known = theories()
    rows = []
    for _, r in k.iterrows():
        mine = assignments.get(r["event_id"], NOT_ASSIGNED) or NOT_ASSIGNED
        if mine != NOT_ASSIGNED:
            label(mine, known)  # validates the code
        if mine == NOT_ASSIGNED:
            result, points = "not assigned", 0.0
        elif mine == r["best_theory"]:
            result, points = "same as the key", 1.0
        elif mine in r["also_list"]:
            result, points = "also fits", 0.5
        else:
            result, points = "different", 0.0
        rows.append({"event_id": r["event_id"], "when_label": r["when_label"], "title": r["title"],
                     "yours": label(mine, known) if mine else "—", "key": label(r["best_theory"], known),
                     "also_fits": ", ".join(label(c, known) for c in r["also_list"]) or "—",
                     "result": result, "points": points, "reasoning": r["reasoning"], "source": r["source"]})
    return pd.DataFrame(rows)


def score(comparison: pd.DataFrame) -> dict:
    """Summary of a comparison: events in the key, assigned, same, also fits, different, and points
    (1 for the key's theory, ½ for a theory the key also accepts) out of the number assigned."""
    res = comparison["result"]
    return {"events": int(len(comparison)), "assigned": int((res != "not assigned").sum()),
            "same": int((res == "same as the key").sum()), "also": int((res == "also fits").sum()),
            "different": int((res == "different").sum()), "points": float(comparison["points"].sum())}


def describe_score(sc: dict) -> str:
    """One sentence on a score, ending with the reminder that the key is a reading, not the truth."""
    if sc["assigned"] == 0:
        return (f"You have not assigned any of the {sc['events']} events yet: pick a theory for a few of them "
                "first, then compare.")
    events = "event" if sc["assigned"] == 1 else "events"
    return (f"Of the {sc['assigned']} {events} you assigned (out of {sc['events']}), {sc['same']} matched the key's "
            f"first choice and {sc['also']} picked a theory the key also accepts; {sc['different']} differed. "
            f"Points: {sc['points']:g} of {sc['assigned']}. The key is one defensible reading, not the answer: "
            "where you differ, read its reasoning and decide whose argument uses the evidence better.")


def key_counts(key: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each theory: how many events of the key it explains best, and how many more it also fits."""
    k = load_key() if key is None else key
    if "also_list" not in k:
        k = load_key(k)
    best = k["best_theory"].value_counts()
    also = pd.Series([c for lst in k["also_list"] for c in lst]).value_counts()
    known = theories()
    return pd.DataFrame({"theory": [t["label"] for t in known.values()], "code": list(known),
                         "best": [int(best.get(c, 0)) for c in known],
                         "also_fits": [int(also.get(c, 0)) for c in known]})


def key_period_counts(key: pd.DataFrame | None = None, split: int = 1991) -> pd.DataFrame:
    """Best-theory counts of the key's events before and after ``split`` (columns: theory, before, after)."""
    k = load_key() if key is None else key
    if "year" not in k:
        k = load_key(k)
    rows = []
    for c, t in theories().items():
        sel = k[k["best_theory"] == c]
        rows.append({"theory": t["label"], "code": c, "before": int((sel["year"] < split).sum()),
                     "after": int((sel["year"] >= split).sum())})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ figures the tests use
def _tiv(arms: pd.DataFrame, recipient: str, suppliers, years: tuple[int, int]) -> float:
    lo, hi = years
    rows = arms[(arms["recipient"] == recipient) & arms["year"].between(lo, hi) & arms["supplier"].isin(list(suppliers))]
    return float(rows["tiv"].sum())


def _ratio(cap: pd.DataFrame, a: str, b: str, indicator: str, year: int) -> float:
    return power.value(cap, a, indicator, year) / power.value(cap, b, indicator, year)


def _event_year(events: pd.DataFrame, event_id: str) -> int:
    hit = events.loc[events["event_id"] == event_id, "date"]
    if hit.empty:
        raise KeyError(f"Unknown event id {event_id!r}: see data/events.csv")
    return int(str(hit.iloc[0])[:4])


def obligation_years(alliances: pd.DataFrame, partner: str, kind: str = "defense") -> list[int]:
    """Years in which ATOP records an obligation of ``kind`` between Pakistan and ``partner``."""
    if kind not in ("defense", "offense", "neutral", "nonagg", "consul"):
        raise ValueError(f"Unknown obligation {kind!r}")
    sel = alliances[(alliances["partner"] == partner) & (alliances[kind] == 1)]
    return sorted(int(y) for y in sel["year"])


EURASIAN_WORDS = ("SCO", "Shanghai Cooperation", "BRICS", "Eurasian Economic Union")


def eurasian_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events whose title or summary names a Eurasian or non-Western grouping Russia leads or co-leads:
    the SCO, BRICS or the Eurasian Economic Union."""
    ev = load("events") if events is None else events
    text = ev["title"] + " " + ev["summary"]
    hit = pd.Series(False, index=ev.index)
    for word in EURASIAN_WORDS:
        hit |= text.str.contains(word, regex=False)
    return ev[hit.astype(bool)].sort_values("date").reset_index(drop=True)


def idealpoint_gap(ip: pd.DataFrame, a: str, b: str, years: tuple[int, int]) -> float:
    """Mean absolute distance between two countries' UN ideal points (final-passage votes, Voeten et al.) over
    the years given (both ends included); NaN when no year of the span is in the table."""
    w = ip.pivot(index="year", columns="iso3", values="idealpoint_fp")
    return float((w[a] - w[b]).abs().loc[years[0]:years[1]].mean())


def key_figures(cap=None, unga=None, arms=None, alliances=None, events=None, arms26=None, recorded=None,
                ip=None) -> dict:
    """Every figure the notebook quotes when it tests the theories, computed from data/. The long arms history
    (1960–2014) comes from SIPRI's 2022 tables (``arms``); the years since 2015 from its 2026 register (``arms26``,
    deliveries to 2024); UN votes from Voeten's roll calls (``unga``) and, for 2020–2025, the UN's recorded votes
    (``recorded``), each on its own basis; Voeten et al.'s ideal points (``ip``) a third, independent measure."""
    cap = load("capabilities") if cap is None else cap
    unga = load("unga_agreement") if unga is None else unga
    arms = load("arms_imports") if arms is None else arms
    arms26 = load("arms_imports_2026") if arms26 is None else arms26
    recorded = load("unga_agreement_recorded") if recorded is None else recorded
    ip = load("unga_idealpoints") if ip is None else ip
    alliances = load("alliances") if alliances is None else alliances
    events = load("events") if events is None else events
    f: dict = {}
    soviet = arms_mod.SOVIET_SUPPLIERS
    arms_last = int(arms26["year"].max())   # the latest vintage: SIPRI's 2026 register
    f["arms_last_year"] = arms_last
    f["arms_2022_last_year"] = int(arms["year"].max())
    # realism: Cold War sides (ATOP) and what happened after the 1991/92 change of structure
    us_def = obligation_years(alliances, "USA", "defense")
    f["us_defence_years"], f["us_defence_span"] = len(us_def), (min(us_def), max(us_def))
    f["rus_defence_years"] = len(obligation_years(alliances, "RUS", "defense"))
    f["alliances_span"] = (int(alliances["year"].min()), int(alliances["year"].max()))
    f["us_consult_last"] = max(obligation_years(alliances, "USA", "consul"))
    f["unga_pak_rus_1986_90"] = indicators.unga_mean("PAK-RUS", (1986, 1990), unga=unga)
    f["unga_pak_rus_1992_96"] = indicators.unga_mean("PAK-RUS", (1992, 1996), unga=unga)
    # ... and later, on two other measures: the UN's recorded votes (2020 on) and Voeten's ideal points
    ip_last = int(ip["year"].max())
    f["ip_last_year"], f["ip_recent_span"] = ip_last, f"{ip_last - 4}–{str(ip_last)[-2:]}"
    for key, span in (("1986_90", (1986, 1990)), ("1992_96", (1992, 1996)), ("recent", (ip_last - 4, ip_last))):
        f[f"ip_gap_pak_rus_{key}"] = idealpoint_gap(ip, "PAK", "RUS", span)
        f[f"ip_gap_pak_usa_{key}"] = idealpoint_gap(ip, "PAK", "USA", span)
    f["structure_break"] = power.USSR_RUSSIA_BREAK
    f["defence_pact_year"] = _event_year(events, "ev2014_defence_cooperation_agreement")
    deals = load("arms_deals_pak_2026")
    mi17 = deals[(deals["supplier"] == "Russia") & (deals["designation"] == "Mi-17")]
    f["first_russian_sale_year"] = int(mi17["order_year"].min())
    f["mi17_delivered_1995_2004"] = int(mi17.loc[mi17["last_delivery"] <= 2004, "numbers_delivered"].sum())
    f["years_break_to_pact"] = f["defence_pact_year"] - f["structure_break"]
    # power transition: challengers against the US
    cinc_last = int(cap.loc[cap["indicator"] == "cinc", "year"].max())
    gdp_last = int(cap.loc[(cap["indicator"] == "gdp") & (cap["iso3"] == "RUS"), "year"].max())
    f["cinc_last_year"], f["gdp_last_year"] = cinc_last, gdp_last
    f["rus_us_cinc_1985"] = _ratio(cap, "RUS", "USA", "cinc", 1985)
    f["rus_us_cinc_last"] = _ratio(cap, "RUS", "USA", "cinc", cinc_last)
    f["chn_us_cinc_last"] = _ratio(cap, "CHN", "USA", "cinc", cinc_last)
    f["rus_us_gdp_last"] = _ratio(cap, "RUS", "USA", "gdp", gdp_last)
    f["chn_us_gdp_last"] = _ratio(cap, "CHN", "USA", "gdp", gdp_last)
    chn_gdp = parity_ratios(cap, challengers=("CHN",), indicators=("gdp",)).set_index("year")["ratio"]
    f["chn_us_gdp_peak"], f["chn_us_gdp_peak_year"] = float(chn_gdp.max()), int(chn_gdp.idxmax())
    rus_gdp = parity_ratios(cap, challengers=("RUS",), indicators=("gdp",))["ratio"]
    f["rus_us_gdp_max"] = float(rus_gdp.max())
    f["china_passes_us_cinc"] = power.first_year_above(cap, "CHN", "USA", "cinc")
    # balance of threat: who armed whom
    f["us_share_pak_1975_79"] = indicators.arms_share(["United States"], recipient="PAK", arms=arms, years=(1975, 1979))
    f["us_share_pak_1980_89"] = indicators.arms_share(["United States"], recipient="PAK", arms=arms, years=(1980, 1989))
    f["rus_share_ind_1960_2014"] = indicators.arms_share(soviet, recipient="IND", arms=arms, years=(1960, 2014))
    f["rus_share_pak_1960_2014"] = indicators.arms_share(soviet, recipient="PAK", arms=arms, years=(1960, 2014))
    # ... and in the latest vintage, the five years 2020–24
    recent = (arms_last - 4, arms_last)
    f["recent_period"] = f"{recent[0]}–{str(recent[1])[-2:]}"
    f["rus_share_ind_recent"] = indicators.arms_share(soviet, recipient="IND", arms=arms26, years=recent)
    f["rus_share_pak_recent"] = indicators.arms_share(soviet, recipient="PAK", arms=arms26, years=recent)
    f["chn_share_pak_recent"] = indicators.arms_share(["China"], recipient="PAK", arms=arms26, years=recent)
    # hedging: small volumes, no alliance, abstentions (arms since 2015 from SIPRI's 2026 register)
    f["rus_share_pak_2015_last"] = indicators.arms_share(soviet, recipient="PAK", arms=arms26, years=(2015, arms_last))
    f["chn_share_pak_2015_last"] = indicators.arms_share(["China"], recipient="PAK", arms=arms26, years=(2015, arms_last))
    un_last = int(recorded["year"].max())
    f["unga_recorded_span"] = f"2020–{str(un_last)[-2:]}"
    f["unga_pak_rus_recorded"] = indicators.unga_recorded_mean("PAK-RUS", (2020, un_last), recorded)
    f["unga_pak_usa_recorded"] = indicators.unga_recorded_mean("PAK-USA", (2020, un_last), recorded)
    f["unga_pak_chn_recorded"] = indicators.unga_recorded_mean("PAK-CHN", (2020, un_last), recorded)
    f["unga_pak_ind_recorded"] = indicators.unga_recorded_mean("PAK-IND", (2020, un_last), recorded)
    votes = indicators.ukraine_votes()
    f["ukraine_abstentions"] = int((votes["pakistan"] == "abstain").sum())
    years = sorted(int(str(d)[:4]) for d in votes["date"])
    f["ukraine_votes_span"] = f"{years[0]}–{str(years[-1])[-2:]}" if years[-1] != years[0] else str(years[0])
    # Eurasianism: Russia's arms still go to India first
    to_ind = _tiv(arms26, "IND", soviet, (2015, arms_last))
    to_pak = _tiv(arms26, "PAK", soviet, (2015, arms_last))
    f["rus_tiv_ind_per_pak_2015_last"] = to_ind / to_pak
    eura = eurasian_events(events)
    since = events["date"].str[:4].astype(int) >= 2005
    f["eurasian_events_since_2005"] = int((eura["date"].str[:4].astype(int) >= 2005).sum())
    f["events_since_2005"] = int(since.sum())
    # the press release's 2021 turning point
    firsts = events[events["event_id"].isin(FIRSTS)]
    f["firsts_total"] = int(len(firsts))
    f["firsts_before_release_year"] = int((firsts["date"].str[:4].astype(int) < RELEASE_YEAR).sum())
    sec = events[events["category"] == "security"]
    yr = sec["date"].str[:4].astype(int)
    f["security_2014_2020"] = int(yr.between(2014, 2020).sum())
    f["security_2021_on"] = int((yr >= 2021).sum())
    eco = events[events["category"].isin(["economy", "energy"])]
    yr = eco["date"].str[:4].astype(int)
    f["eco_energy_2015_2021"] = int(yr.between(2015, 2021).sum())
    f["eco_energy_2022_on"] = int((yr >= 2022).sum())
    f["events_last_year"] = int(events["date"].str[:4].astype(int).max())
    return f


def scorecard(f: dict | None = None) -> pd.DataFrame:
    """One row per theory: the prediction tested, the figures from data/, and the course's reading of the
    fit (an interpretation). ``f`` comes from ``key_figures``."""
    f = key_figures() if f is None else f
    last = f["arms_last_year"]
    rows = [
        ("realism", "Opposite sides in the Cold War; a reshuffle after the 1991 change of structure",
         f"ATOP: defence obligation with the US in {f['us_defence_years']} years ({f['us_defence_span'][0]}–"
         f"{f['us_defence_span'][1]}), with USSR/Russia in {f['rus_defence_years']}. UN agreement with USSR/Russia "
         f"fell from {f['unga_pak_rus_1986_90']:.0%} (1986–90) to {f['unga_pak_rus_1992_96']:.0%} (1992–96); the "
         f"first defence agreement came {f['years_break_to_pact']} years after the break. Later the two moved close "
         f"again: on the UN's recorded votes of {f['unga_recorded_span']} Pakistan voted with Russia on "
         f"{f['unga_pak_rus_recorded']:.0%} of them (another basis), and the gap between their ideal points was "
         f"{f['ip_gap_pak_rus_recent']:.2f} in {f['ip_recent_span']} against {f['ip_gap_pak_rus_1992_96']:.2f} in 1992–96.",
         "fits the Cold War; poorly after 1991",
         "atop_v5_1;unvotes_voeten;business_standard_defence_agreement;unga_dgacm;voeten_idealpoints"),
        ("power_transition", "Russia closing the gap with the US (the press release's 'rising power')",
         f"USSR/Russia ÷ US on CINC: {f['rus_us_cinc_1985']:.2f} in 1985, {f['rus_us_cinc_last']:.2f} in "
         f"{f['cinc_last_year']}; on GDP {f['rus_us_gdp_last']:.2f} ({f['gdp_last_year']}). China ÷ US: "
         f"{f['chn_us_cinc_last']:.2f} on CINC, {f['chn_us_gdp_last']:.2f} on GDP.",
         "poorly for Russia; the transition in the data is China's", "cow_nmc_v7;wb_wdi_2026_07"),
        ("balance_of_threat", "Pakistan arms itself against nearby threats; Moscow's arms to India keep it at a distance",
         f"US share of Pakistan's arms imports: {f['us_share_pak_1975_79']:.0%} in 1975–79, "
         f"{f['us_share_pak_1980_89']:.0%} in 1980–89 (Soviet war in Afghanistan). USSR/Russia share, 1960–2014: "
         f"{f['rus_share_ind_1960_2014']:.0%} of India's imports, {f['rus_share_pak_1960_2014']:.0%} of Pakistan's "
         f"(SIPRI's 2022 tables); in {f['recent_period']} {f['rus_share_ind_recent']:.0%} and "
         f"{f['rus_share_pak_recent']:.1%} (2026 register).",
         "fits well to 2014; partly after", "sipri_arms_transfers;sipri_arms_register_2026"),
        ("hedging", "Broad, shallow, reversible ties; no alliance; other partners kept",
         f"ATOP: no defence obligation with USSR/Russia in any year {f['alliances_span'][0]}–{f['alliances_span'][1]}; "
         f"consultation with the US still recorded in {f['us_consult_last']}. Russia's share of Pakistan's arms "
         f"imports 2015–{last}: {f['rus_share_pak_2015_last']:.0%} (China {f['chn_share_pak_2015_last']:.0%}; SIPRI's "
         f"2026 register). Abstentions on all {f['ukraine_abstentions']} resolutions of the General Assembly's emergency "
         f"special session on Ukraine, {f['ukraine_votes_span']}.",
         "fits well since 2014 (but is hard to prove wrong)",
         "atop_v5_1;sipri_arms_register_2026;unga_dgacm"),
        ("eurasianism", "Russia turns to Asian partners and Eurasian bodies, Pakistan among them",
         f"{f['eurasian_events_since_2005']} of the {f['events_since_2005']} events since 2005 involve the SCO, BRICS "
         "or the Eurasian Economic Union; "
         f"for each unit of arms (TIV) Russia delivered to Pakistan in 2015–{last}, India received "
         f"{f['rus_tiv_ind_per_pak_2015_last']:.0f} (SIPRI's 2026 register).",
         "partly: explains Russia's direction, not its choice of partner",
         "sipri_arms_register_2026;tass_overchuk_arrives_pakistan;newizv_2023_foreign_policy_concept"),
    ]
    out = pd.DataFrame(rows, columns=["code", "prediction tested", "what the data show", "course's reading",
                                      "source_ids"])
    known = theories()
    out.insert(0, "theory", [label(c, known) for c in out["code"]])
    return with_source_labels(out)


def release_timing(events: pd.DataFrame | None = None, release_year: int = RELEASE_YEAR) -> pd.DataFrame:
    """The 'first' milestones of the rapprochement (``FIRSTS``) with how many years before ``release_year``
    each came (negative = after)."""
    ev = events_for_plot(events)
    out = ev[ev["event_id"].isin(FIRSTS)].sort_values("date")
    out = out.assign(years_before=release_year - out["year"])
    return out[["event_id", "when_label", "title", "years_before", "source"]].reset_index(drop=True)


# ------------------------------------------------------------------ chart data
def parity_ratios(cap: pd.DataFrame | None = None, challengers=("RUS", "CHN"), leader: str = "USA",
                  indicators=("cinc", "gdp")) -> pd.DataFrame:
    """Challenger ÷ leader, year by year, on each indicator (1 = parity). Columns: year, when, challenger,
    indicator, yardstick, ratio, source. GDP starts in 1988 for Russia (no World Bank series for the USSR)."""
    cap = load("capabilities") if cap is None else cap
    names = {"cinc": "CINC (COW capabilities)", "gdp": "GDP (World Bank)"}
    rows = []
    for ind in indicators:
        d = cap[cap["indicator"] == ind].pivot_table(index="year", columns="iso3", values="value")
        for c in challengers:
            r = (d[c] / d[leader]).dropna()
            rows.append(pd.DataFrame({"year": r.index.astype("int64"), "challenger": f"{COUNTRY_NAMES[c]} ÷ US",
                                      "iso3": c, "indicator": ind, "yardstick": names[ind], "ratio": r.values,
                                      "source": source_label("wb_wdi_2026_07" if ind == "gdp" else "cow_nmc_v7")}))
    out = pd.concat(rows, ignore_index=True)
    out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
    return out


def arms_dependence(arms: pd.DataFrame | None = None, block: int = 5) -> pd.DataFrame:
    """Shares (%) per period of three supplier–recipient pairs: USSR/Russia → India, USSR/Russia → Pakistan,
    China → Pakistan (from ``arms.supplier_shares``). Periods with no deliveries to a recipient are left out.
    ``vintage`` names the SIPRI data: its 2022 tables, or its 2026 register when ``arms`` starts in 1995."""
    arms = load("arms_imports") if arms is None else arms
    vintage = arms_mod.VINTAGE_LABELS["2026" if int(arms["year"].min()) >= 1995 else "2022"]
    ind = arms_mod.supplier_shares(arms, "IND", block=block)
    pak = arms_mod.supplier_shares(arms, "PAK", block=block)
    parts = [(ind, arms_mod.USSR_RUSSIA, "USSR/Russia → India"),
             (pak, arms_mod.USSR_RUSSIA, "USSR/Russia → Pakistan"),
             (pak, "China", "China → Pakistan")]
    rows = []
    for df, supplier, name in parts:
        sel = df[df["supplier_group"] == supplier][["period_start", "period", "complete", "tiv", "share_pct", "source"]]
        rows.append(sel.assign(pair=name))
    out = pd.concat(rows, ignore_index=True)
    out = out[out["period_start"] >= 1960].reset_index(drop=True)
    out["vintage"] = vintage
    out["source"] = out["source"] + f" ({vintage})"
    return out


def events_by_year(events: pd.DataFrame | None = None, years: tuple[int, int] = (2010, 2025)) -> pd.DataFrame:
    """Number of events per year and category in ``years``, with the event titles and their sources."""
    ev = events_for_plot(events)
    lo, hi = years
    ev = ev[ev["year"].between(lo, hi)]
    rows = []
    for (y, c), g in ev.groupby(["year", "category"]):
        rows.append({"year": int(y), "category": c, "n": int(len(g)), "events": "; ".join(g["title"]),
                     "source": "; ".join(dict.fromkeys("; ".join(g["source"]).split("; ")))})
    out = pd.DataFrame(rows)
    out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
    return out


# ------------------------------------------------------------------ charts
def _marks(*frames) -> str:
    """' Dashed rules mark …' for the event rules of a chart ('' when there are none)."""
    marks = pd.concat([f for f in frames if f is not None and len(f)], ignore_index=True) \
        if any(f is not None and len(f) for f in frames) else None
    if marks is None:
        return ""
    marks = marks.sort_values("when")
    return " Dashed rules mark " + ", ".join(f"{a} ({b})" for a, b in zip(marks["label"], marks["when_label"])) + "."


def describe_parity(ratios: pd.DataFrame, annotate: pd.DataFrame | None = None,
                    breaks: pd.DataFrame | None = None) -> str:
    """The screen-reader description of :func:`parity_chart`, from the ratios it draws: each line's first, highest
    and last values, the first year each line reached parity (if it did), and the dated rules."""
    r = ratios.assign(series=ratios["challenger"] + " on " + ratios["yardstick"])
    text = describe("Line chart", r, what="challengers' capabilities divided by those of the US, with a line at "
                    "parity (1)", x="year", y="ratio", series="series", fmt="{:.2f}")
    parity = []
    for name, g in r.groupby("series", sort=False):
        above = g.loc[g["ratio"] >= 1, "year"]
        parity.append(f"{name} first at parity in {int(above.min())}" if len(above) else f"{name} never at parity")
    return text + " " + "; ".join(parity) + "." + _marks(annotate, breaks)


def parity_chart(ratios: pd.DataFrame, annotate: pd.DataFrame | None = None, breaks: pd.DataFrame | None = None, *,
                 title: str, description: str | None = None, subtitle: str | None = None):
    """Lines of challenger ÷ US (colour = challenger, dash = yardstick) with a parity line at 1. The description
    is written from the ratios (:func:`describe_parity`) unless one is given."""
    codes = list(dict.fromkeys(ratios["iso3"]))
    names = list(dict.fromkeys(ratios["challenger"]))
    yards = list(dict.fromkeys(ratios["yardstick"]))
    base = alt.Chart(ratios[["when", "year", "challenger", "yardstick", "ratio", "source"]]).mark_line().encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("ratio:Q", title="Challenger ÷ US (1 = parity)"),
        color=alt.Color("challenger:N", title=None,
                        scale=alt.Scale(domain=names, range=[COUNTRY_COLORS[c] for c in codes])),
        strokeDash=alt.StrokeDash("yardstick:N", title="Yardstick", scale=alt.Scale(domain=yards)),
        tooltip=[alt.Tooltip("challenger:N", title="Ratio"), alt.Tooltip("yardstick:N", title="Yardstick"),
                 alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("ratio:Q", title="Ratio", format=".2f"),
                 alt.Tooltip("source:N", title="Source")])
    parity = alt.Chart(pd.DataFrame({"y": [1.0], "text": ["parity with the US"]}))
    layers = [parity.mark_rule(color="#444", strokeWidth=1).encode(y="y:Q"),
              parity.mark_text(align="right", baseline="bottom", dy=-2, color="#444", fontSize=11).encode(
                  y="y:Q", x=alt.value(615), text="text:N"),
              base]
    if annotate is not None and len(annotate):
        layers.append(event_rules(annotate, y_text=2))
    if breaks is not None and len(breaks):
        layers.append(event_rules(breaks, y_text=18, color="#A33B00"))
    description = description or describe_parity(ratios, annotate, breaks)
    return finish(alt.layer(*layers), title, subtitle, description, width=620, height=300)


PAIR_COLORS = {"USSR/Russia → India": COUNTRY_COLORS["IND"], "USSR/Russia → Pakistan": COUNTRY_COLORS["RUS"],
               "China → Pakistan": COUNTRY_COLORS["CHN"]}


def describe_arms(dep: pd.DataFrame) -> str:
    """The screen-reader description of :func:`arms_chart`, from the shares it draws: per pair, its lowest and
    highest share and the share in the last period."""
    if dep is None or dep.empty:
        return "Line chart of supplier shares of arms imports: nothing to show."
    dep = dep if "vintage" in dep else dep.assign(vintage=arms_mod.VINTAGE_LABELS["2022"])
    texts = []
    for vintage, d in dep.groupby("vintage", sort=False):   # one description per SIPRI vintage, never spliced
        d = d.sort_values("period_start")
        parts = []
        for pair in [n for n in PAIR_COLORS if n in set(d["pair"])] + [n for n in dict.fromkeys(d["pair"])
                                                                        if n not in PAIR_COLORS]:
            g = d[d["pair"] == pair].reset_index(drop=True)
            lo, hi, last = g.loc[g["share_pct"].idxmin()], g.loc[g["share_pct"].idxmax()], g.iloc[-1]
            text = (f"{pair}: lowest {lo['share_pct']:.0f}% in {lo['period']}, highest {hi['share_pct']:.0f}% in "
                    f"{hi['period']}")
            if last["period"] not in (lo["period"], hi["period"]):
                text += f", {last['share_pct']:.0f}% in {last['period']}"
            parts.append(text)
        head = "Line chart of" if not texts else "Beside them, dashed lines with hollow points of"
        texts.append(f"{head} {len(parts)} supplier–recipient pairs, the supplier's share of the recipient's arms "
                     f"imports per period (SIPRI TIV; {vintage}), {d['period'].iloc[0]} to {d['period'].iloc[-1]}. "
                     + "; ".join(parts) + ".")
    return " ".join(texts)


def arms_chart(dep: pd.DataFrame, *, title: str, description: str | None = None, subtitle: str | None = None):
    """Lines with points: each pair's share of the recipient's arms imports per period. The description is
    written from the shares (:func:`describe_arms`) unless one is given."""
    dep = dep if "vintage" in dep else dep.assign(vintage=arms_mod.VINTAGE_LABELS["2022"])
    names = [n for n in PAIR_COLORS if n in set(dep["pair"])]
    order = list(dict.fromkeys(dep.sort_values("period_start")["period"]))
    enc = dict(
        x=alt.X("period:O", title="Years of delivery", sort=order, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("share_pct:Q", title="Share of the recipient's arms imports (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("pair:N", title=None, scale=alt.Scale(domain=names, range=[PAIR_COLORS[n] for n in names])),
        tooltip=[alt.Tooltip("pair:N", title="Supplier → recipient"), alt.Tooltip("period:N", title="Years"),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f"),
                 alt.Tooltip("tiv:Q", title="TIV (millions)", format=",.0f"),
                 alt.Tooltip("complete:N", title="Full period"), alt.Tooltip("source:N", title="Source")])
    cols = ["period", "pair", "share_pct", "tiv", "complete", "source"]
    older = arms_mod.VINTAGE_LABELS["2022"]
    old, new = dep[dep["vintage"] == older][cols], dep[dep["vintage"] != older][cols]
    layers = []
    if len(old):
        layers.append(alt.Chart(old).mark_line(point=True).encode(**enc))
    if len(new):   # the newer vintage: its own dashed lines and hollow points, never joined to the older
        layers += [alt.Chart(new).mark_line(strokeDash=[5, 3], strokeWidth=1.6).encode(**enc),
                   alt.Chart(new).mark_point(filled=False, size=60, strokeWidth=1.6).encode(**enc)]
    return finish(alt.layer(*layers), title, subtitle, description or describe_arms(dep), width=620, height=300)


def describe_events(counts: pd.DataFrame, annotate: pd.DataFrame | None = None) -> str:
    """The screen-reader description of :func:`events_chart`, from the counts it draws: the span, the events per
    category and the year(s) each category peaks, and the dated rules."""
    if counts is None or counts.empty:
        return "Stacked bar chart of events per year: no events in these years."
    parts = []
    for cat in [c for c in CATEGORY_COLORS if c in set(counts["category"])]:
        per_year = counts[counts["category"] == cat].groupby("year")["n"].sum()
        peak = per_year.max()
        years = ", ".join(str(int(y)) for y in per_year[per_year == peak].index)
        parts.append(f"{cat} {int(per_year.sum())} (most in {years}, with {int(peak)})")
    return (f"Stacked bar chart of events per year by category, {int(counts['year'].min())}–"
            f"{int(counts['year'].max())}, {int(counts['n'].sum())} events in all: " + "; ".join(parts) + "."
            + _marks(annotate))


def events_chart(counts: pd.DataFrame, annotate: pd.DataFrame | None = None, *, title: str,
                 description: str | None = None, subtitle: str | None = None):
    """Stacked bars of events per year by category (course colours), with optional dated rules. Bars sit at
    mid-year and the year labels are placed under them; the y axis leaves room for the rules' labels. The
    description is written from the counts (:func:`describe_events`) unless one is given."""
    present = [c for c in CATEGORY_COLORS if c in set(counts["category"])]
    years = sorted(set(int(y) for y in counts["year"]))
    ticks = [alt.DateTime(year=y, month=7, date=1) for y in range(years[0], years[-1] + 1)]
    top = int(counts.groupby("year")["n"].sum().max()) + 3
    bars = alt.Chart(counts[["when", "year", "category", "n", "events", "source"]]).mark_bar(size=22).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0, values=ticks, grid=False)),
        y=alt.Y("sum(n):Q", title="Events in the chronology", axis=alt.Axis(tickMinStep=1),
                scale=alt.Scale(domain=[0, top])),
        color=alt.Color("category:N", title="Category",
                        scale=alt.Scale(domain=present, range=[CATEGORY_COLORS[c] for c in present])),
        order=alt.Order("category:N"),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("category:N", title="Category"),
                 alt.Tooltip("n:Q", title="Events"), alt.Tooltip("events:N", title="Which"),
                 alt.Tooltip("source:N", title="Source")])
    layers = [bars]
    if annotate is not None and len(annotate):
        layers.append(event_rules(annotate, y_text=2, levels=2))
    description = description or describe_events(counts, annotate)
    return finish(alt.layer(*layers), title, subtitle, description, width=620, height=280)


def release_year_rule() -> pd.DataFrame:
    """A rule (for ``charts.event_rules``) at mid-2021 for the press release's turning point. The course has no
    dated event for the US withdrawal, so the rule sits at mid-year, as for any year-only date."""
    return pd.DataFrame([{"when": pd.Timestamp(f"{RELEASE_YEAR}-07-01"), "label": "2021: the release's date",
                          "title": "US forces leave Afghanistan (year only, as the press release dates it; "
                                   "the course has no dated event for it)",
                          "source": source_label("seed_press_release"), "when_label": str(RELEASE_YEAR)}])


def timing_marks(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rules for the timing chart: the press release's 2021 turning point and the start of Russia's all-out
    attack on Ukraine (24 February 2022, from the chronology)."""
    from ..charts import pick_events

    inv = pick_events({INVASION_EVENT: "Feb 2022: invasion"})
    inv["title"] = "Russia launches its all-out attack on Ukraine (the day of Imran Khan's talks with Putin)"
    cols = ["when", "label", "title", "source", "when_label"]
    return pd.concat([release_year_rule()[cols], inv[cols]], ignore_index=True)


def describe_key_timeline(key: pd.DataFrame) -> str:
    """The screen-reader description of :func:`key_timeline_chart`, from the key it draws: how many events, their
    span, and the years of each theory's events."""
    known = theories()
    parts = []
    for code, t in known.items():
        years = sorted(int(y) for y in key.loc[key["best_theory"] == code, "year"])
        parts.append(f"{t['label']}: " + (", ".join(map(str, years)) if years else "none"))
    return (f"Dot timeline of the {len(key)} events of the theory key, {int(key['year'].min())}–"
            f"{int(key['year'].max())}, one row per theory, with the years of its events. " + "; ".join(parts) + ".")


def key_timeline_chart(key: pd.DataFrame, *, title: str, description: str | None = None,
                       subtitle: str | None = None):
    """The key's events on a time axis, one row per best theory; tooltips give the reasoning and sources. The
    description is written from the key (:func:`describe_key_timeline`) unless one is given."""
    known = theories()
    k = key.assign(theory=[label(c, known) for c in key["best_theory"]],
                   also=[", ".join(label(c, known) for c in lst) or "—" for lst in key["also_list"]])
    labels = [t["label"] for t in known.values()]
    chart = alt.Chart(k[["when", "when_label", "title", "theory", "also", "reasoning", "source"]]).mark_point(
        filled=True, size=140, opacity=0.9).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)),
        y=alt.Y("theory:N", title=None, sort=labels),
        color=alt.Color("theory:N", legend=None,
                        scale=alt.Scale(domain=labels, range=[THEORY_COLORS[c] for c in known])),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("theory:N", title="Key: best theory"), alt.Tooltip("also:N", title="Also fits"),
                 alt.Tooltip("reasoning:N", title="Key's reasoning (interpretation)"),
                 alt.Tooltip("source:N", title="Source")])
    return finish(chart, title, subtitle, description or describe_key_timeline(key), width=620, height=200)


# ------------------------------------------------------------------ sources cited only in the text
_TEXT_EVENTS = ["ev1961_soviet_oil_credit", "ev1979_pakistan_leaves_cento", "ev2025_lavrov_dar_call", "ev1989_soviet_withdrawal_completed",
               "ev2022_unga_hrc_suspension_abstention", "ev2022_unga_annexation_abstention",
               "ev2023_unga_peace_resolution_abstention", "ev2022_russian_wheat_purchase",
               "ev2023_first_russian_crude_order", "ev2023_refinery_halts_russian_crude"]
_TEXT_SOURCES = ["seed_press_release", "sipri_arms_transfers", "sipri_arms_register_2026", "unga_dgacm", "atop_v5_1",
                 "geo_psgp_international_firms_opinion",
                 # what the corrected text cites (issue 15): Eurasianism's founders, Russia's 2023 Foreign Policy
                 # Concept, Russia's words on CPEC, the Mi-17 sales, AMAN, the refinery's contested halt
                 "philarchive_koseaa_eurasianism_abstract", "glebov_2017_from_empire_to_eurasia",
                 "newizv_2023_foreign_policy_concept", "gulf_news_2016_russia_supports_cpec",
                 "siasat_2016_russia_denies_cpec_eaeu_talks", "theweek_2019_friendship_2019",
                 "sputnik_2017_more_bilateral_exercises", "thenews_2023_prl_report_ural",
                 "propakistani_2023_suspends_russian_oil", "dailyaaj_2023_prl_denies_halt", "khaleej_2022_ecc_russian_wheat"]


# ------------------------------------------------------------------ the widget
RESULT_COLORS = {"same as the key": "#00704F", "also fits": "#8A6D00", "different": "#A33B00",
                 "not assigned": "#5a5a5a"}


def assignment_view(assignments: dict, show_key: bool = False, key: pd.DataFrame | None = None) -> str:
    """What the widget shows (HTML). Key hidden: the events with their summaries and the learner's choices.
    Key shown: the score sentence and, event by event, the comparison with the key's reasoning and sources."""
    k = load_key() if key is None else key
    comp = compare_with_key(assignments, k)
    sc = score(comp)
    e = html.escape
    if not show_key:
        rows = [[e(r["when_label"]), f"<b>{e(r['title'])}</b><br>{e(r['summary'])}", e(c["yours"])]
                for (_, r), (_, c) in zip(k.iterrows(), comp.iterrows())]
        intro = (f"<p class='pkru-selection'>You have assigned {sc['assigned']} of {sc['events']} events. "
                 "Read each summary, pick the theory that explains the event best, then tick "
                 "<b>Compare with the key</b>.</p>")
        return intro + tables.html(pd.DataFrame(rows, columns=["Date", "Event", "Your theory"]), escape=False, css_class="pkru-theory-table")
    rows = []
    for _, c in comp.iterrows():
        color = RESULT_COLORS[c["result"]]
        rows.append([e(c["when_label"]), e(c["title"]), e(c["yours"]), e(c["key"]), e(c["also_fits"]),
                     f"<b style='color:{color}'>{e(c['result'])}</b>",
                     f"{e(c['reasoning'])}<br><span style='color:#555'>Sources: {e(c['source'])}</span>"])
    return (f"<p class='pkru-selection'>{e(describe_score(sc))}</p>"
            + tables.html(pd.DataFrame(rows, columns=["Date", "Event", "Yours", "Key", "Key: also fits", "Result", "Key's reasoning"]),
                          escape=False, css_class="pkru-theory-table"))


def explorer(key: pd.DataFrame | None = None):
    """The notebook's widget: one dropdown per event of the key (theory or not assigned) and a checkbox that
    reveals the key."""
    import ipywidgets as w

    from .. import explore

    k = load_key() if key is None else key
    options = [("— not assigned —", NOT_ASSIGNED)] + [(t["label"], c) for c, t in theories().items()]
    style = {"description_width": "380px"}
    controls = {}
    for n, (_, r) in enumerate(k.iterrows(), start=1):
        title = r["title"] if len(r["title"]) <= 52 else r["title"][:51] + "…"
        controls[r["event_id"]] = w.Dropdown(options=options, value=NOT_ASSIGNED, style=style,
                                             description=f"{n}. {r['year']} · {title}", tooltip=r["summary"],
                                             layout=w.Layout(width="620px"))
    controls["compare"] = w.Checkbox(value=False, description="Compare with the key", indent=False,
                                     layout=w.Layout(margin="0.5em 0 0 0"))

    def render(compare, **choices):
        return w.HTML(assignment_view(choices, show_key=bool(compare), key=k))

    return explore.explorer(controls, render,
                            intro="For each event pick the theory that explains it best (the table below shows "
                                  "each event's summary). Then tick <b>Compare with the key</b>. Keyboard: Tab "
                                  "moves between the menus, arrow keys change a choice, Space ticks the box.")


theory_explorer = explorer  # the name notebook 11 used before the lessons moved (kept for saved copies)

#: What the prose cites beyond its quiz and tables: the key's events, the "firsts", the invasion, and other events
#: and datasets named in the text. (The theories' literature comes in with data/lessons/theories.csv and the quiz.)
CITED_EVENTS = [*FIRSTS, INVASION_EVENT, *_TEXT_EVENTS]
CITED_SOURCES = list(_TEXT_SOURCES)

#: Content that used to be Python constants and now lives in data/lessons/theories.csv (old names kept for saved
#: copies of the notebook).
_FROM_DATA = {"THEORIES": theories, "ORDER": theory_order, "THEORY_SOURCES": theory_sources}


def __getattr__(name):
    if name in _FROM_DATA:
        return _FROM_DATA[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
