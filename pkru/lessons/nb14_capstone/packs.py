"""Notebook 14 (capstone), section 1: the five roles and their evidence packs.

An **evidence pack** is a short table of facts chosen for one role (a Pakistani, Russian, Indian, US or
Chinese analyst). Every fact is either

- a **figure** computed here from a table of ``data/`` (SIPRI arms imports, COW trade, official trade
  figures, UN General Assembly voting agreement, ATOP alliance obligations), or
- a dated **event** quoted from ``data/events.csv`` (its title, date and the course's summary),

and carries the source ids of the rows it comes from and a caveat saying what the number or the
record cannot show. Nothing in a pack is typed in: change the data and the packs change with them.
The packs hold evidence only; the question each role asks (``data/lessons/roles.csv``) is framing, and the
reading of the evidence is left to the learners.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ... import indicators
from ...charts import COUNTRY_NAMES
from ...data import date_label, load, reuse_while_data_unchanged, source_label, split_ids
from .. import nb05_security as arms_mod


# ------------------------------------------------------------------ roles (data/lessons/roles.csv)
@dataclass(frozen=True)
class Role:
    code: str
    name: str
    capital: str
    question: str
    look_for: str


def roles() -> dict[str, Role]:
    """The five roles, in debate order: {code: Role}."""
    r = load("roles").sort_values("order")
    return {x.role: Role(x.role, x.name, x.capital, x.question, x.look_for) for x in r.itertuples(index=False)}


def role_order() -> list[str]:
    """The role codes in debate order (Pakistani, Russian, Indian, US, Chinese)."""
    return list(roles())


SIPRI = "sipri_arms_register_2026"   # the arms facts read SIPRI's trade register of February 2026 (1995–2024)
SIPRI_2022 = "sipri_arms_transfers"  # its 2022 tables (1950–2021), only for the years before 1995
COW = "cow_trade_v4"
UNV = "unvotes_voeten"
ATOP = "atop_v5_1"

TIV_CAVEAT = ("TIV is a volume index of delivered weapons, not money; the Soviet Union and Russia are combined as "
              "USSR/Russia; SIPRI's register of February 2026, deliveries 1995–2024 (SIPRI revises back years, so its "
              "older tables give slightly different values and are never joined to it). Information from the SIPRI Arms Transfers Database; calculations are the "
              "course authors'.")
COW_CAVEAT = ("COW trade data: calendar years, current US dollars, importer-reported, ending in 2014; "
              "not comparable with official fiscal-year figures.")
UN_CAVEAT = ("Agreement = share of roll calls on which both voted and cast the same vote (yearly average), on "
             "the course's copy of Voeten's roll calls, which ends in 2019; the UN's own recorded votes of 2020–2025 are a different "
             "basis (notebook 08). Votes say nothing about why a state voted as it did.")


def _check_role(role: str) -> Role:
    known = roles()
    if role not in known:
        raise ValueError(f"Unknown role '{role}': choose one of {', '.join(known)}")
    return known[role]


def _join_ids(*ids: str) -> str:
    out: list[str] = []
    for group in ids:
        out += split_ids(group)
    return ";".join(dict.fromkeys(out))


# ------------------------------------------------------------------ figures computed from data/
# The shared figures of pkru.indicators, as the percentages the packs quote.
def _pct_arms(recipient: str, supplier: str, years: tuple[int, int], vintage: str = "2026") -> float:
    """Share (%) from SIPRI's 2026 register (``vintage="2026"``, 1995–2024) or its 2022 tables ("2022", 1950–2021)."""
    return 100 * indicators.arms_share(supplier, years, recipient, arms=_arms(vintage))


def _pct_un(pair: str, years: tuple[int, int] = (2010, 2019)) -> float:
    return 100 * indicators.unga_mean(pair, years)


def _pct_trade(partner: str, years: tuple[int, int]) -> float:
    return 100 * indicators.trade_share(partner, years)


def _arms(vintage: str = "2026") -> pd.DataFrame:
    return load("arms_imports_2026" if vintage == "2026" else "arms_imports")


def official_trade(year: int = 2023, period: str = "pk_fiscal") -> dict:
    """Official trade with Russia for one period: {'total', 'pak_exports', 'pak_imports', 'balance', 'source_ids'}."""
    t = load("trade")
    o = t[(t["series"] == "official") & (t["partner"] == "RUS") & (t["year"] == year) & (t["period"] == period)]
    vals = dict(zip(o["flow"], o["value_usd_m"].astype(float)))
    missing = {"total", "pak_exports", "pak_imports"} - set(vals)
    if missing:
        raise ValueError(f"No official {', '.join(sorted(missing))} figure for {year} ({period}) in data/trade.csv")
    vals["balance"] = vals["pak_exports"] - vals["pak_imports"]
    vals["source_ids"] = _join_ids(*o["source_ids"])
    return vals


def alliance_years(partner: str, obligation: str = "defense") -> list[int]:
    """Years (ATOP, 1947–2018) in which Pakistan and ``partner`` shared an alliance with this obligation."""
    al = load("alliances")
    return [int(y) for y in al.loc[(al["partner"] == partner) & (al[obligation] == 1), "year"]]


def _events() -> pd.DataFrame:
    return load("events").set_index("event_id", drop=False)


def druzhba_events() -> pd.DataFrame:
    """The Druzhba army drills dated in the chronology."""
    ev = load("events")
    return ev[ev["event_id"].str.contains("druzhba")].sort_values("date").reset_index(drop=True)


# ------------------------------------------------------------------ facts
FACT_COLUMNS = ["fact_id", "kind", "topic", "fact", "caveat", "years", "value", "unit", "date", "event_id",
                "source_ids"]


def _fact(fact_id, topic, fact, caveat, years, value, unit, source_ids, kind="figure", date=None, event_id=None):
    return {"fact_id": fact_id, "kind": kind, "topic": topic, "fact": fact, "caveat": caveat, "years": years,
            "value": value, "unit": unit, "date": date, "event_id": event_id, "source_ids": source_ids}


def fact_arms_pakistan(years=(2020, 2024)) -> dict:
    lo, hi = years
    chn, rus, usa = (_pct_arms("PAK", s, years) for s in ("China", arms_mod.USSR_RUSSIA, "United States"))
    return _fact("arms_pakistan", "Arms suppliers",
                 f"In {lo}–{hi} China delivered {chn:.1f}% of Pakistan's arms imports, USSR/Russia {rus:.1f}% "
                 f"and the United States {usa:.1f}% (shares of SIPRI TIV).",
                 TIV_CAVEAT, f"{lo}–{hi}", round(rus, 1), "% of Pakistan's arms imports from USSR/Russia", SIPRI)


def fact_arms_india(then=(1980, 1989), now=(2020, 2024)) -> dict:
    i_then = _pct_arms("IND", arms_mod.USSR_RUSSIA, then, vintage="2022")   # before 1995: the 2022 tables
    i_now = _pct_arms("IND", arms_mod.USSR_RUSSIA, now)
    p_now = _pct_arms("PAK", arms_mod.USSR_RUSSIA, now)
    return _fact("arms_india", "Arms suppliers",
                 f"USSR/Russia supplied {i_then:.1f}% of India's arms imports in {then[0]}–{then[1]} and "
                 f"{i_now:.1f}% in {now[0]}–{now[1]}; its share of Pakistan's in {now[0]}–{now[1]} was "
                 f"{p_now:.1f}% (SIPRI TIV; {then[0]}s from SIPRI's 2022 tables, {now[0]}–{now[1]} from its 2026 "
                 "register).",
                 TIV_CAVEAT, f"{then[0]}–{then[1]}; {now[0]}–{now[1]}", round(i_now, 1),
                 "% of India's arms imports from USSR/Russia", f"{SIPRI};{SIPRI_2022}")


def fact_russia_india_vs_pakistan(years=(1995, 2024)) -> dict:
    a = _arms()
    ind = arms_mod.supplier_tiv(a, "IND", "Russia", years)
    pak = arms_mod.supplier_tiv(a, "PAK", "Russia", years)
    return _fact("russia_ind_vs_pak", "Arms suppliers",
                 f"From {years[0]} to {years[1]} Russia's deliveries came to {ind:,.0f} TIV to India and "
                 f"{pak:,.0f} TIV to Pakistan (SIPRI trend-indicator values, millions): about {ind / pak:.0f} to 1.",
                 TIV_CAVEAT, f"{years[0]}–{years[1]}", round(ind / pak, 1), "ratio of TIV, India : Pakistan", SIPRI)


def fact_arms_us(before=(2010, 2014), after=(2020, 2024)) -> dict:
    b, a = _pct_arms("PAK", "United States", before), _pct_arms("PAK", "United States", after)
    r = _pct_arms("PAK", arms_mod.USSR_RUSSIA, after)
    return _fact("arms_us", "Arms suppliers",
                 f"The US share of Pakistan's arms imports fell from {b:.1f}% in {before[0]}–{before[1]} to "
                 f"{a:.1f}% in {after[0]}–{after[1]}; USSR/Russia's was {r:.1f}% in {after[0]}–{after[1]} "
                 "(SIPRI TIV).",
                 TIV_CAVEAT + " One large delivery can swing a five-year share.",
                 f"{before[0]}–{before[1]}; {after[0]}–{after[1]}", round(a, 1),
                 "% of Pakistan's arms imports from the US", SIPRI)


PAIR_WORDS = {"PAK-RUS": "Pakistan and USSR/Russia", "PAK-USA": "Pakistan and the United States",
              "PAK-CHN": "Pakistan and China", "PAK-IND": "Pakistan and India", "IND-RUS": "India and USSR/Russia"}


def fact_unga(pair_a: str, pair_b: str, years=(2010, 2019), fact_id: str | None = None) -> dict:
    va, vb = _pct_un(pair_a, years), _pct_un(pair_b, years)
    la, lb = PAIR_WORDS[pair_a], PAIR_WORDS[pair_b]
    return _fact(fact_id or f"unga_{pair_a}_{pair_b}".lower(), "UN voting",
                 f"In {years[0]}–{years[1]} {la} cast the same vote on {va:.1f}% of UN General Assembly roll "
                 f"calls (yearly average); {lb} on {vb:.1f}%.",
                 UN_CAVEAT, f"{years[0]}–{years[1]}", round(va, 1), f"% agreement, {la}", UNV)


def fact_unga_then_now(pair: str = "PAK-RUS", then=(1980, 1989), now=(2010, 2019)) -> dict:
    vt, vn = _pct_un(pair, then), _pct_un(pair, now)
    label = PAIR_WORDS[pair]
    return _fact(f"unga_{pair.lower()}_then_now", "UN voting",
                 f"{label} voted alike on {vt:.1f}% of UN General Assembly roll calls in {then[0]}–{then[1]}, "
                 f"during the Soviet war in Afghanistan, and on {vn:.1f}% in {now[0]}–{now[1]}.",
                 UN_CAVEAT + " The Assembly's agenda changed between the two decades.",
                 f"{then[0]}–{then[1]}; {now[0]}–{now[1]}", round(vn, 1), f"% agreement, {label}", UNV)


def fact_trade_shares(years=(2005, 2014), partners=("CHN", "USA", "RUS")) -> dict:
    parts = [f"{COUNTRY_NAMES[p]} {_pct_trade(p, years):.1f}%" for p in partners]
    return _fact("trade_shares", "Trade",
                 f"Shares of Pakistan's goods trade in {years[0]}–{years[1]}: " + ", ".join(parts) + " (COW).",
                 COW_CAVEAT, f"{years[0]}–{years[1]}", round(_pct_trade("RUS", years), 2),
                 "% of Pakistan's trade with USSR/Russia", COW)


def fact_china_overtakes_us() -> dict:
    year = indicators.first_year_ahead("CHN", "USA")
    return _fact("china_overtakes_us", "Trade",
                 f"From {year} to 2014, the last COW year, Pakistan traded more with China than with the "
                 "United States in every year.",
                 COW_CAVEAT, f"{year}–2014", year, "first year", COW)


def fact_official_trade(year: int = 2023) -> dict:
    o = official_trade(year, "pk_fiscal")
    fy = f"FY{year - 1}-{year % 100:02d}"
    return _fact("official_trade", "Trade",
                 f"In {fy} (July {year - 1}–June {year}) Pakistan's trade with Russia was US${o['total']:,.0f} "
                 f"million: exports US${o['pak_exports']:,.0f} million, imports US${o['pak_imports']:,.0f} "
                 f"million, a {'deficit' if o['balance'] < 0 else 'surplus'} for Pakistan of "
                 f"US${abs(o['balance']):,.0f} million.",
                 "An official figure for Pakistan's fiscal year (July–June), reported by the Ministry of Commerce "
                 "via a news agency; do not join it to COW's calendar-year series.",
                 fy, o["total"], "million current US$, total trade", o["source_ids"])


def fact_alliances() -> dict:
    us = alliance_years("USA", "defense")
    rus_def = alliance_years("RUS", "defense")
    rus_na = alliance_years("RUS", "nonagg")
    chn_na = alliance_years("CHN", "nonagg")
    same = " (the same years as with China)" if rus_na == chn_na else ""
    rus_text = (f"with USSR/Russia in {len(rus_def)} years" if rus_def
                else "none with USSR/Russia in any year")
    text = (f"ATOP records a defence obligation between Pakistan and the United States in {len(us)} years "
            f"({us[0]}–{us[-1]}) and {rus_text} of 1947–2018. Pakistan and Russia share non-aggression "
            f"obligations from {rus_na[0]}{same}.")
    return _fact("alliances", "Alliances", text,
                 "ATOP 5.1 ends in 2018 and counts shared treaty obligations, not how close two states are; "
                 "obligations that start the same year for several partners probably come from multilateral "
                 "agreements this extract does not name.",
                 "1947–2018", len(us), "years with a US defence obligation", ATOP)


def fact_druzhba() -> dict:
    d = druzhba_events()
    years = [r[:4] for r in d["date"]]
    first = d.iloc[0]
    return _fact("druzhba", "Exercises",
                 f"The chronology dates {len(d)} Druzhba army drills ({', '.join(years)}); the first began on "
                 f"{date_label(first['date'], first['date_precision'])}.",
                 "The 2020 drill was billed as the fifth: the 2018 round (Druzhba-III, Pabbi) and the 2019 round "
                 "(Krasnodar region) are reported but not dated in the chronology, nor is the 2024 round at Pabbi. "
                 "Drills are training, not operations.",
                 f"{years[0]}–{years[-1]}", len(d), "drills dated",
                 _join_ids(*d["source_ids"], "dawn_2018_druzhba_iii_contingent;thenews_2019_druzhba_krasnodar;"
                                             "newsaz_2024_friendship_2024"))


def fact_ukraine_votes() -> dict:
    v = indicators.ukraine_votes()
    ab = v[v["pakistan"] == "abstain"].sort_values("date")
    first, last = ab.iloc[0], ab.iloc[-1]
    return _fact("ukraine_abstentions", "UN voting",
                 f"Pakistan abstained on all {len(ab)} General Assembly resolutions on Russia's war in Ukraine "
                 f"adopted by recorded vote in its emergency special session (UN records), from "
                 f"{date_label(first['date'], first['date_precision'])} to "
                 f"{date_label(last['date'], last['date_precision'])}.",
                 "An abstention is neither a yes nor a no; Pakistan's envoys explained their votes in terms of "
                 "diplomacy and principle, and the data cannot show motives.",
                 "2022–2023", len(ab), "abstentions", _join_ids(*ab["source_ids"]))


def fact_three_abstain() -> dict:
    v = indicators.ukraine_votes()
    same = v[(v["pakistan"] == "abstain") & (v["india"] == "abstain") & (v["china"] == "abstain")]
    dates = " and ".join(same["when_label"])
    return _fact("three_abstain", "UN voting",
                 f"On {len(same)} of the {len(v)} resolutions of the General Assembly's emergency special session on Ukraine "
                 f"of 2022–23 ({dates}) "
                 "Pakistan, India and China all abstained (UN records).",
                 "On the others China voted no while Pakistan and India abstained: the three did not move as one "
                 "bloc." if len(same) < len(v) and set(v.loc[~v.index.isin(same.index), "china"]) == {"no"}
                 else "The three did not always vote alike.",
                 "2022–2023", len(same), "votes with all three abstaining", _join_ids(*same["source_ids"]))


#: Extra caveats for quoted events (beyond the confidence grade and the summary's own qualifications)
EVENT_CAVEATS = {
    "ev2015_mi35m_contract": "A contract, not a delivery; SIPRI's register of February 2026 records the four "
                             "Mi-35M as delivered in 2018.",
    "ev2021_pakistan_stream_protocol": "Signed, not built: the pipeline does not exist.",
    "ev2016_russia_denies_cpec_talks": "A statement of position at one moment: weeks later Russia's ambassador said "
                                       "Russia strongly supported CPEC, while its embassy said Russia did not take "
                                       "part. Endorsement is documented; participation is not.",
    "ev2023_first_russian_crude_cargo": "The price was not disclosed; in August 2023 the state refiner was "
                                        "reported to have stopped running Russian crude, which it denied.",
    "ev2025_lavrov_dar_call": "Russia's foreign ministry gave its own readout of the call (reported by Rossiyskaya "
                              "Gazeta); the offer to help depended on both India and Pakistan asking for it: a "
                              "position, not a mediation.",
    "ev2022_imran_khan_meets_putin": "The timing is a fact; what the visit meant is an interpretation.",
    "ev1979_soviet_intervention_afghanistan": "Encyclopedic sources; the numbers of refugees are not in the data.",
}

CONFIDENCE_WORDS = {"high": "high (as a rule two independent sources, or one official or encyclopedic)",
                    "medium": "medium (one reliable source, or sources that disagree on details)",
                    "low": "low (weak sources only)"}


def fact_event(event_id: str, topic: str) -> dict:
    """A dated event quoted from data/events.csv: title, date, the course's summary, sources, confidence."""
    ev = _events()
    if event_id not in ev.index:
        raise KeyError(f"Unknown event id '{event_id}': see data/events.csv")
    r = ev.loc[event_id]
    when = date_label(r["date"], r["date_precision"])
    caveat = f"Confidence: {CONFIDENCE_WORDS[r['confidence']]}."
    if event_id in EVENT_CAVEATS:
        caveat += " " + EVENT_CAVEATS[event_id]
    return _fact(event_id, topic, f"{when} — {r['title']}. {r['summary']}", caveat, r["date"][:4], None, "",
                 r["source_ids"], kind="event", date=r["date"], event_id=event_id)


# ------------------------------------------------------------------ the packs
#: What each pack holds: ("figure", builder) or ("event", event_id, topic). 6–10 items per role.
PACK_SPECS = {
    "PAK": [("figure", fact_arms_pakistan), ("figure", fact_trade_shares), ("figure", fact_official_trade),
            ("event", "ev2015_mi35m_contract", "Defence ties"), ("figure", fact_druzhba),
            ("event", "ev2017_pakistan_full_sco_member", "Multilateral"),
            ("event", "ev2023_first_russian_crude_cargo", "Energy"),
            ("event", "ev2021_pakistan_stream_protocol", "Energy"), ("figure", fact_unga_then_now)],
    "RUS": [("figure", fact_russia_india_vs_pakistan), ("figure", fact_arms_india),
            ("figure", lambda: fact_unga("IND-RUS", "PAK-RUS", fact_id="unga_ind_vs_pak")),
            ("event", "ev2014_defence_cooperation_agreement", "Defence ties"), ("figure", fact_official_trade),
            ("event", "ev2022_imran_khan_meets_putin", "Diplomacy"), ("figure", fact_ukraine_votes),
            ("event", "ev2016_russia_denies_cpec_talks", "CPEC"),
            ("event", "ev2025_lavrov_dar_call", "Crisis diplomacy")],
    "IND": [("figure", fact_arms_india), ("figure", fact_russia_india_vs_pakistan),
            ("figure", lambda: fact_unga("IND-RUS", "PAK-RUS", fact_id="unga_ind_vs_pak")),
            ("event", "ev1971_indo_soviet_treaty", "History"), ("event", "ev1971_soviet_veto_ceasefire", "History"),
            ("event", "ev2016_russia_denies_cpec_talks", "CPEC"), ("figure", fact_druzhba),
            ("event", "ev2017_pakistan_full_sco_member", "Multilateral"),
            ("event", "ev2025_lavrov_dar_call", "Crisis diplomacy")],
    "USA": [("figure", lambda: fact_unga("PAK-USA", "PAK-RUS", fact_id="unga_usa_vs_rus")), ("figure", fact_arms_us),
            ("figure", fact_alliances), ("figure", fact_trade_shares),
            ("event", "ev1954_seato_manila_pact", "History"),
            ("event", "ev1979_soviet_intervention_afghanistan", "History"),
            ("event", "ev2022_imran_khan_meets_putin", "Diplomacy"), ("figure", fact_ukraine_votes)],
    "CHN": [("figure", fact_arms_pakistan), ("figure", fact_trade_shares), ("figure", fact_china_overtakes_us),
            ("figure", lambda: fact_unga("PAK-CHN", "PAK-RUS", fact_id="unga_chn_vs_rus")),
            ("event", "ev2016_russia_denies_cpec_talks", "CPEC"),
            ("event", "ev2023_first_russian_crude_cargo", "Energy"), ("figure", fact_three_abstain),
            ("event", "ev2025_shehbaz_putin_beijing", "Diplomacy")],
}


@reuse_while_data_unchanged  # the notebook, its widget and its source list all ask for the packs
def evidence_pack(role: str) -> pd.DataFrame:
    """The evidence pack of one role ("PAK", "RUS", "IND", "USA" or "CHN"): 6–10 facts, each computed from
    data/ or quoted from data/events.csv, with its caveat, its source ids and a readable ``source`` label.

    Columns: n, fact_id, kind (figure/event), topic, fact, caveat, years, value, unit, date, event_id,
    source_ids, source."""
    _check_role(role)
    rows = []
    for spec in PACK_SPECS[role]:
        rows.append(spec[1]() if spec[0] == "figure" else fact_event(spec[1], spec[2]))
    out = pd.DataFrame(rows, columns=FACT_COLUMNS)
    out.insert(0, "n", range(1, len(out) + 1))
    out["source"] = [source_label(s) for s in out["source_ids"]]
    return out


def all_packs() -> pd.DataFrame:
    """The five packs in one table, with ``role`` and ``role_name`` columns."""
    frames = []
    for code in role_order():
        p = evidence_pack(code)
        p.insert(0, "role_name", roles()[code].name)
        p.insert(0, "role", code)
        frames.append(p)
    return pd.concat(frames, ignore_index=True)


def pack_source_ids(role: str | None = None) -> list[str]:
    """Every source id cited by one pack (or by all five)."""
    packs = all_packs() if role is None else evidence_pack(role)
    return list(dict.fromkeys(s for v in packs["source_ids"] for s in split_ids(v)))


def describe_pack(role: str, pack: pd.DataFrame | None = None) -> str:
    """One sentence on a pack: the role, its question, and what the pack holds."""
    r = _check_role(role)
    pack = evidence_pack(role) if pack is None else pack
    n_fig = int((pack["kind"] == "figure").sum())
    n_ev = int((pack["kind"] == "event").sum())
    n_src = len({s for v in pack["source_ids"] for s in split_ids(v)})
    return (f"{r.name} ({r.capital}): {len(pack)} facts — {n_fig} figures computed from data/ and {n_ev} dated "
            f"events — citing {n_src} sources. Question: {r.question}")


def pack_html(pack: pd.DataFrame, caveats: bool = True) -> str:
    """The pack as an HTML table (number, topic, fact, caveat, sources with ids)."""
    head = ["#", "Topic", "Fact"] + (["Caveat"] if caveats else []) + ["Source (ids)"]
    widths = {"#": "3%", "Topic": "10%", "Fact": "45%" if caveats else "62%", "Caveat": "25%",
              "Source (ids)": "17%" if caveats else "25%"}
    rows = []
    for r in pack.itertuples():
        cells = [str(r.n), r.topic, r.fact] + ([r.caveat] if caveats else [])
        cells = [html.escape(c) for c in cells]
        cells.append(f"{html.escape(r.source)}<br><code style='font-size:0.8em;word-break:break-word'>"
                     f"{html.escape(r.source_ids.replace(';', '; '))}</code>")
        rows.append("<tr>" + "".join(f"<td style='text-align:left;vertical-align:top;padding:4px 6px'>{c}</td>"
                                     for c in cells) + "</tr>")
    th = "".join(f"<th style='text-align:left;width:{widths[h]};padding:4px 6px'>{h}</th>" for h in head)
    return (f"<table class='pkru-pack' style='border-collapse:collapse;font-size:0.92em;width:100%;max-width:1100px'>"
            f"<thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def show_pack(role: str, caveats: bool = True):
    """Display helper for the notebook: the pack as a readable HTML table."""
    from IPython.display import HTML

    return HTML(pack_html(evidence_pack(role), caveats))
