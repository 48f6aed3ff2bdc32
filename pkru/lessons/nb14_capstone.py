"""The seminar capstone (notebook 14): evidence packs for five analysts, the brief template, the rubric,
the debate plan, and the charts and widget built on them.

Plain functions, tested in ``tests/test_nb14_capstone.py``; the notebook and its widget only call them.

An **evidence pack** is a short table of facts chosen for one role (a Pakistani, Russian, Indian, US or
Chinese analyst). Every fact is either

- a **figure** computed here from a table of ``data/`` (SIPRI arms imports, COW trade, official trade
  figures, UN General Assembly voting agreement, ATOP alliance obligations), or
- a dated **event** quoted from ``data/events.csv`` (its title, date and the course's summary),

and carries the source ids of the rows it comes from and a caveat saying what the number or the
record cannot show. Nothing in a pack is typed in: change the data and the packs change with them.
The packs hold evidence only; the question each role asks is framing, and the reading of the evidence
is left to the learners.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

from . import nb05_security as arms_mod
from . import nb06_multilateral as unvotes
from ..charts import COUNTRY_COLORS, COUNTRY_NAMES, category_scale, event_rules, finish, pick_events
from ..data import date_label, events_for_plot, load, reuse_while_data_unchanged, source_label, split_ids

# ------------------------------------------------------------------ roles
@dataclass(frozen=True)
class Role:
    code: str
    name: str
    capital: str
    question: str
    look_for: str


ROLES = {
    "PAK": Role("PAK", "Pakistani analyst", "Islamabad",
                "What has Pakistan gained from its opening to Moscow, and what can Russia offer that China "
                "and the United States do not?",
                "what was delivered rather than announced, and how Russia's weight compares with China's"),
    "RUS": Role("RUS", "Russian analyst", "Moscow",
                "What does Russia gain from closer ties with Pakistan, and what does it risk with India?",
                "the size of the Indian relationship next to the Pakistani one, and Pakistan's votes since 2022"),
    "IND": Role("IND", "Indian analyst", "New Delhi",
                "Does Moscow's opening to Pakistan put India's partnership with Russia at risk?",
                "whether Russia's arms, votes and statements have moved towards Pakistan, and how far"),
    "USA": Role("USA", "US analyst", "Washington",
                "Is Pakistan drifting away from the United States towards Russia, and how far?",
                "how the US and Russian ties with Pakistan compare on alliances, arms, trade and votes"),
    "CHN": Role("CHN", "Chinese analyst", "Beijing",
                "Does a warmer Pakistan–Russia relationship complement or compete with China's place in Pakistan?",
                "China's weight in Pakistan's arms and trade next to Russia's, and where Moscow keeps its distance"),
}
ROLE_ORDER = ["PAK", "RUS", "IND", "USA", "CHN"]

SIPRI = "sipri_arms_transfers"
COW = "cow_trade_v4"
UNV = "unvotes_voeten"
ATOP = "atop_v5_1"

TIV_CAVEAT = ("TIV is a volume index of delivered weapons, not money; the Soviet Union and Russia are combined as "
              "USSR/Russia; data to 2021. Information from the SIPRI Arms Transfers Database; calculations are the "
              "course authors'.")
COW_CAVEAT = ("COW trade data: calendar years, current US dollars, importer-reported, ending in 2014; "
              "not comparable with official fiscal-year figures.")
UN_CAVEAT = ("Agreement = share of roll calls on which both voted and cast the same vote (yearly average); "
             "the data end in 2019 and say nothing about why a state voted as it did.")


def _check_role(role: str) -> Role:
    if role not in ROLES:
        raise ValueError(f"Unknown role '{role}': choose one of {', '.join(ROLE_ORDER)}")
    return ROLES[role]


def _join_ids(*ids: str) -> str:
    out: list[str] = []
    for group in ids:
        out += split_ids(group)
    return ";".join(dict.fromkeys(out))


# ------------------------------------------------------------------ figures computed from data/
def _arms() -> pd.DataFrame:
    return load("arms_imports")


def supplier_share(recipient: str, supplier: str, years: tuple[int, int]) -> float:
    """A supplier's share (%) of a recipient's arms imports (SIPRI TIV) over a span of years.
    ``supplier`` is a SIPRI name or "USSR/Russia" (the Soviet Union and Russia together)."""
    a = _arms()
    a = a[(a["recipient"] == recipient) & a["year"].between(*years)]
    names = list(arms_mod.SOVIET_SUPPLIERS) if supplier == arms_mod.USSR_RUSSIA else [supplier]
    total = a["tiv"].sum()
    return float(100 * a.loc[a["supplier"].isin(names), "tiv"].sum() / total) if total else float("nan")


def unga_pct(pair: str, years: tuple[int, int] = (2010, 2019)) -> float:
    """Average yearly UN General Assembly agreement of a pair ("PAK-RUS", "IND-RUS", ...) in %."""
    return 100 * unvotes.period_mean(load("unga_agreement"), pair, years)


def cow_share(partner: str, years: tuple[int, int]) -> float:
    """A partner's share (%) of Pakistan's goods trade over a span of years (COW: sum of its trade / sum of
    Pakistan's trade with the world)."""
    t = load("trade")
    cow = t[(t["series"] == "cow") & (t["flow"] == "total") & t["year"].between(*years)]
    world = cow.loc[cow["partner"] == "WLD", "value_usd_m"].sum()
    return float(100 * cow.loc[cow["partner"] == partner, "value_usd_m"].sum() / world)


def first_year_ahead(a: str = "CHN", b: str = "USA") -> int | None:
    """First COW year from which partner ``a`` outweighs ``b`` in Pakistan's total trade every year to 2014."""
    t = load("trade")
    cow = t[(t["series"] == "cow") & (t["flow"] == "total")]
    wide = cow.pivot_table(index="year", columns="partner", values="value_usd_m")
    ahead = list((wide[a] > wide[b]).items())
    for i, (year, _) in enumerate(ahead):
        if all(flag for _, flag in ahead[i:]):
            return int(year)
    return None


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


def ukraine_abstentions() -> pd.DataFrame:
    """General Assembly votes on Russia's war in Ukraine (2022–23) in the chronology on which Pakistan abstained."""
    ev = load("events")
    return ev[ev["event_id"].str.contains("unga") & ev["event_id"].str.endswith("abstention")].sort_values(
        "date").reset_index(drop=True)


# ------------------------------------------------------------------ facts
FACT_COLUMNS = ["fact_id", "kind", "topic", "fact", "caveat", "years", "value", "unit", "date", "event_id",
                "source_ids"]


def _fact(fact_id, topic, fact, caveat, years, value, unit, source_ids, kind="figure", date=None, event_id=None):
    return {"fact_id": fact_id, "kind": kind, "topic": topic, "fact": fact, "caveat": caveat, "years": years,
            "value": value, "unit": unit, "date": date, "event_id": event_id, "source_ids": source_ids}


def fact_arms_pakistan(years=(2015, 2019)) -> dict:
    lo, hi = years
    chn, rus, usa = (supplier_share("PAK", s, years) for s in ("China", arms_mod.USSR_RUSSIA, "United States"))
    return _fact("arms_pakistan", "Arms suppliers",
                 f"In {lo}–{hi} China delivered {chn:.1f}% of Pakistan's arms imports, USSR/Russia {rus:.1f}% "
                 f"and the United States {usa:.1f}% (shares of SIPRI TIV).",
                 TIV_CAVEAT, f"{lo}–{hi}", round(rus, 1), "% of Pakistan's arms imports from USSR/Russia", SIPRI)


def fact_arms_india(then=(1980, 1989), now=(2015, 2019)) -> dict:
    i_then, i_now = supplier_share("IND", arms_mod.USSR_RUSSIA, then), supplier_share("IND", arms_mod.USSR_RUSSIA, now)
    p_now = supplier_share("PAK", arms_mod.USSR_RUSSIA, now)
    return _fact("arms_india", "Arms suppliers",
                 f"USSR/Russia supplied {i_then:.1f}% of India's arms imports in {then[0]}–{then[1]} and "
                 f"{i_now:.1f}% in {now[0]}–{now[1]}; its share of Pakistan's in {now[0]}–{now[1]} was "
                 f"{p_now:.1f}% (SIPRI TIV).",
                 TIV_CAVEAT, f"{then[0]}–{then[1]}; {now[0]}–{now[1]}", round(i_now, 1),
                 "% of India's arms imports from USSR/Russia", SIPRI)


def fact_russia_india_vs_pakistan(years=(1992, 2021)) -> dict:
    a = _arms()
    ind = arms_mod.supplier_tiv(a, "IND", "Russia", years)
    pak = arms_mod.supplier_tiv(a, "PAK", "Russia", years)
    return _fact("russia_ind_vs_pak", "Arms suppliers",
                 f"From {years[0]} to {years[1]} Russia's deliveries came to {ind:,.0f} TIV to India and "
                 f"{pak:,.0f} TIV to Pakistan (SIPRI trend-indicator values, millions): about {ind / pak:.0f} to 1.",
                 TIV_CAVEAT, f"{years[0]}–{years[1]}", round(ind / pak, 1), "ratio of TIV, India : Pakistan", SIPRI)


def fact_arms_us(before=(2010, 2014), after=(2015, 2019)) -> dict:
    b, a = supplier_share("PAK", "United States", before), supplier_share("PAK", "United States", after)
    r = supplier_share("PAK", arms_mod.USSR_RUSSIA, after)
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
    va, vb = unga_pct(pair_a, years), unga_pct(pair_b, years)
    la, lb = PAIR_WORDS[pair_a], PAIR_WORDS[pair_b]
    return _fact(fact_id or f"unga_{pair_a}_{pair_b}".lower(), "UN voting",
                 f"In {years[0]}–{years[1]} {la} cast the same vote on {va:.1f}% of UN General Assembly roll "
                 f"calls (yearly average); {lb} on {vb:.1f}%.",
                 UN_CAVEAT, f"{years[0]}–{years[1]}", round(va, 1), f"% agreement, {la}", UNV)


def fact_unga_then_now(pair: str = "PAK-RUS", then=(1980, 1989), now=(2010, 2019)) -> dict:
    vt, vn = unga_pct(pair, then), unga_pct(pair, now)
    label = PAIR_WORDS[pair]
    return _fact(f"unga_{pair.lower()}_then_now", "UN voting",
                 f"{label} voted alike on {vt:.1f}% of UN General Assembly roll calls in {then[0]}–{then[1]}, "
                 f"during the Soviet war in Afghanistan, and on {vn:.1f}% in {now[0]}–{now[1]}.",
                 UN_CAVEAT + " The Assembly's agenda changed between the two decades.",
                 f"{then[0]}–{then[1]}; {now[0]}–{now[1]}", round(vn, 1), f"% agreement, {label}", UNV)


def fact_trade_shares(years=(2005, 2014), partners=("CHN", "USA", "RUS")) -> dict:
    parts = [f"{COUNTRY_NAMES[p]} {cow_share(p, years):.1f}%" for p in partners]
    return _fact("trade_shares", "Trade",
                 f"Shares of Pakistan's goods trade in {years[0]}–{years[1]}: " + ", ".join(parts) + " (COW).",
                 COW_CAVEAT, f"{years[0]}–{years[1]}", round(cow_share("RUS", years), 2),
                 "% of Pakistan's trade with USSR/Russia", COW)


def fact_china_overtakes_us() -> dict:
    year = first_year_ahead("CHN", "USA")
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
                 "The 2020 drill was billed as the fifth, so at least one round is missing from this record. "
                 "Drills are training, not operations.",
                 f"{years[0]}–{years[-1]}", len(d), "drills dated", _join_ids(*d["source_ids"]))


def fact_ukraine_votes() -> dict:
    ab = ukraine_abstentions()
    first, last = ab.iloc[0], ab.iloc[-1]
    return _fact("ukraine_abstentions", "UN voting",
                 f"Pakistan abstained on all {len(ab)} General Assembly votes on Russia's war in Ukraine that the "
                 f"chronology records, from {date_label(first['date'], first['date_precision'])} to "
                 f"{date_label(last['date'], last['date_precision'])}.",
                 "An abstention is neither a yes nor a no; Pakistan's envoys explained their votes in terms of "
                 "diplomacy and principle, and the data cannot show motives.",
                 "2022–2023", len(ab), "abstentions", _join_ids(*ab["source_ids"]))


def fact_three_abstain() -> dict:
    v = unvotes.ukraine_votes()
    same = v[(v["pakistan"] == "abstain") & (v["india"] == "abstain") & (v["china"] == "abstain")]
    dates = " and ".join(same["date"])
    return _fact("three_abstain", "UN voting",
                 f"On {len(same)} of the {len(v)} General Assembly votes on Ukraine of 2022–23 ({dates}) "
                 "the course's sources report that Pakistan, India and China all abstained.",
                 "For the other votes the course's sources do not state all three countries' votes; a vote the "
                 "sources do not report is not an abstention.",
                 "2022–2023", len(same), "votes with all three abstaining", _join_ids(*same["source_ids"]))


#: Extra caveats for quoted events (beyond the confidence grade and the summary's own qualifications)
EVENT_CAVEATS = {
    "ev2015_mi35m_contract": "A contract, not a delivery: no dated delivery record is in the course's sources.",
    "ev2021_pakistan_stream_protocol": "Signed, not built: the pipeline does not exist.",
    "ev2016_russia_denies_cpec_talks": "A statement of position at one moment; it says nothing about later years.",
    "ev2023_first_russian_crude_cargo": "The price was not disclosed; the state refiner later stopped running "
                                        "Russian crude.",
    "ev2025_lavrov_dar_call": "Reported by one Russian state outlet (via a copy) and one aggregator.",
    "ev2022_imran_khan_meets_putin": "The timing is a fact; what the visit meant is an interpretation.",
    "ev1979_soviet_intervention_afghanistan": "Encyclopedic sources; the numbers of refugees are not in the data.",
}

CONFIDENCE_WORDS = {"high": "high (two independent sources, or one official or encyclopedic)",
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
    for code in ROLE_ORDER:
        p = evidence_pack(code)
        p.insert(0, "role_name", ROLES[code].name)
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


# ------------------------------------------------------------------ brief template, rubric, seminar plan
BRIEF_SECTIONS = ["Question", "Claim", "Evidence", "Counter-evidence", "Interpretation", "Recommendation"]

BRIEF_TEMPLATE = """### Brief: [role] — [your names]

**Question.** The question your government wants answered, in one sentence.

**Claim.** Your answer in one or two sentences. It must be something the evidence below could prove wrong.

**Evidence** (three to five facts from your pack or from the course's data, each with its source ids)
1. … `[source_id]`
2. … `[source_id]`
3. … `[source_id]`

**Counter-evidence** (at least one fact that cuts against your claim, with its source ids, and why it does not
overturn the claim — or how it limits it)
- … `[source_id]`

**Interpretation.** What the evidence means from your capital's point of view. Mark it as interpretation
("From New Delhi, this reads as…"), and say what would change your mind.

**Recommendation.** One or two concrete steps for your government, each tied to a numbered piece of evidence.
"""

RUBRIC_LEVELS = ["1 · Beginning", "2 · Developing", "3 · Proficient", "4 · Excellent"]
RUBRIC = {
    "Use of evidence": [
        "Few or no facts, or facts without sources.",
        "Some facts with source ids, but loosely tied to the claim.",
        "Three or more sourced facts that bear directly on the claim.",
        "Well-chosen sourced facts, with units, periods and the strongest counter-evidence weighed.",
    ],
    "Source criticism": [
        "Treats every source and number as equally reliable.",
        "Mentions a limit of one source or dataset.",
        "States the key caveats (TIV is not money, fiscal vs calendar year, confidence grades, data end dates).",
        "Uses the caveats to qualify the claim and says what evidence is missing.",
    ],
    "Separation of evidence and interpretation": [
        "Opinions are presented as facts.",
        "Evidence and interpretation are mixed in places.",
        "Evidence and interpretation are kept in separate, labelled sections.",
        "Every interpretation is attributed and says what would change it.",
    ],
    "Perspective-taking": [
        "Argues only from the group's own preferences.",
        "Names the role's interests but ignores the other capitals.",
        "Reasons from the role's interests and anticipates one other capital's reading.",
        "Represents the role convincingly and states the strongest opposing reading fairly.",
    ],
    "Clarity": [
        "Hard to follow; no clear claim.",
        "A claim is there, but the structure wanders or runs long.",
        "Clear claim, follows the template, fits on one page.",
        "Concise and precise; every sentence does work; the recommendation follows from the evidence.",
    ],
}


def rubric_table() -> pd.DataFrame:
    """The rubric as a table: one row per criterion, one column per level."""
    return pd.DataFrame([[c, *levels] for c, levels in RUBRIC.items()], columns=["Criterion", *RUBRIC_LEVELS])


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(df: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (pipes escaped)."""
    head = "| " + " | ".join(_md_cell(c) for c in df.columns) + " |"
    sep = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, sep, *body])


def rubric_markdown() -> str:
    return markdown_table(rubric_table())


def score_brief(scores: dict) -> dict:
    """Total of one brief's rubric scores ({criterion: level 1–4}); raises ValueError naming any missing
    criterion or level outside 1–4. Returns {'total', 'max', 'percent'}."""
    missing = [c for c in RUBRIC if c not in scores]
    if missing:
        raise ValueError(f"No score for: {', '.join(missing)}")
    unknown = [c for c in scores if c not in RUBRIC]
    if unknown:
        raise ValueError(f"Not a rubric criterion: {', '.join(unknown)}")
    for c, v in scores.items():
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= len(RUBRIC_LEVELS):
            raise ValueError(f"'{c}': the level must be a whole number from 1 to {len(RUBRIC_LEVELS)}, not {v!r}")
    total = sum(scores.values())
    top = len(RUBRIC) * len(RUBRIC_LEVELS)
    return {"total": total, "max": top, "percent": round(100 * total / top, 1)}


#: The 2-hour seminar (the same plan as instructors/notes.md): (stage, minutes, what happens)
SEMINAR_PLAN = [
    ("Preparation", 40, "Groups take a role, open its evidence pack (widget below), check at least two of its "
                        "sources, and write a one-page brief with the template."),
    ("Debate: statements", 30, "Five statements of 6 minutes each, in the order Pakistani, Russian, Indian, US, "
                               "Chinese; no interruptions."),
    ("Debate: rebuttals", 20, "Each group has 2 minutes to answer one statement, in reverse order; then 10 minutes "
                              "of open questions, in which every factual claim must name its source."),
    ("Scoring and debrief", 20, "Each group scores the other four briefs with the rubric (10 min); the instructor "
                                "collects the scores and asks where two groups used the same fact to opposite ends "
                                "(10 min)."),
    ("Reflection", 10, "Each learner writes, alone: one thing my role's evidence could not show, and one reading "
                       "from another capital I now find more persuasive."),
]


def seminar_plan() -> pd.DataFrame:
    """The seminar plan with cumulative clock times (minutes from the start)."""
    df = pd.DataFrame(SEMINAR_PLAN, columns=["Stage", "Minutes", "What happens"])
    ends = df["Minutes"].cumsum()
    df.insert(1, "Clock", [f"{e - m}–{e}" for e, m in zip(ends, df["Minutes"])])
    return df


def seminar_markdown() -> str:
    return markdown_table(seminar_plan())


# ------------------------------------------------------------------ export to Markdown
def pack_markdown(role: str, with_template: bool = True) -> str:
    """The pack (and, by default, the brief template and the rubric) as a Markdown document."""
    r = _check_role(role)
    pack = evidence_pack(role)
    pack = pack.assign(source_ids=pack["source_ids"].str.replace(";", "; ", regex=False))
    table = markdown_table(pack[["n", "topic", "fact", "caveat", "source_ids"]].rename(columns={
        "n": "#", "topic": "Topic", "fact": "Fact", "caveat": "Caveat", "source_ids": "Source ids"}))
    src = load("sources").set_index("source_id")
    lines = [f"# Evidence pack: {r.name} ({r.capital})", "",
             f"**Question.** {r.question}", "", f"**Look for:** {r.look_for}.", "",
             "Every fact below is computed from, or quoted from, the tables of the course's `data/` folder.", "",
             table, "", "## Sources", ""]
    for sid in pack_source_ids(role):
        # one line per source: id, publisher (year), title, address
        row = src.loc[sid]
        year = "" if pd.isna(row["year"]) else f" ({int(row['year'])})"
        lines.append(f"- `{sid}` — {row['publisher']}{year}. *{row['title']}*. {row['url']}")
    if with_template:
        lines += ["", "## Your brief", "", BRIEF_TEMPLATE.replace("[role]", r.name), "## Rubric", "",
                  rubric_markdown()]
    return "\n".join(lines) + "\n"


def export_pack(role: str, folder: str | Path | None = None, overwrite: bool = False) -> Path:
    """Write the pack, the brief template and the rubric to ``work/14_capstone_<role>.md`` (or ``folder``).

    An existing file is never overwritten unless ``overwrite=True`` (it may hold your brief): its path is
    returned unchanged."""
    from ..progress import work_dir

    _check_role(role)
    d = Path(folder) if folder is not None else work_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"14_capstone_{role.lower()}.md"
    if path.exists() and not overwrite:
        return path
    path.write_text(pack_markdown(role), encoding="utf-8")
    return path


# ------------------------------------------------------------------ charts
def headline_table() -> pd.DataFrame:
    """Each role's headline yardstick: two or three comparable values (one panel per role in the chart)."""
    rows = []

    short = {"USA": "US", "RUS": "USSR/Russia", "CHN": "China", "IND": "India", "PAK": "Pakistan"}

    def add(role, indicator, code, label, value, unit, source_ids):
        rows.append({"role": role, "role_name": ROLES[role].name, "indicator": indicator, "country": code,
                     "country_name": COUNTRY_NAMES[code], "bar": label, "value": round(value, 1), "unit": unit,
                     "source": source_label(source_ids)})

    pak_arms = "Pakistani analyst: Pakistan's arms imports, 2015–19 (%)"
    for code, sup in (("CHN", "China"), ("RUS", arms_mod.USSR_RUSSIA), ("USA", "United States")):
        add("PAK", pak_arms, code, short[code], supplier_share("PAK", sup, (2015, 2019)), "% (SIPRI TIV)", SIPRI)
    a = _arms()
    rus = "Russian analyst: Russia's arms deliveries, 1992–2021 (TIV)"
    for code in ("IND", "PAK"):
        add("RUS", rus, code, f"to {COUNTRY_NAMES[code]}", arms_mod.supplier_tiv(a, code, "Russia", (1992, 2021)),
            "TIV, millions", SIPRI)
    ind = "Indian analyst: UN agreement with Russia, 2010–19 (%)"
    add("IND", ind, "IND", "India", unga_pct("IND-RUS"), "% of roll calls", UNV)
    add("IND", ind, "PAK", "Pakistan", unga_pct("PAK-RUS"), "% of roll calls", UNV)
    usa = "US analyst: Pakistan's UN agreement, 2010–19 (%)"
    add("USA", usa, "USA", "with the US", unga_pct("PAK-USA"), "% of roll calls", UNV)
    add("USA", usa, "RUS", "with Russia", unga_pct("PAK-RUS"), "% of roll calls", UNV)
    chn = "Chinese analyst: Pakistan's goods trade, 2005–14 (%)"
    for code in ("CHN", "USA", "RUS"):
        add("CHN", chn, code, short[code], cow_share(code, (2005, 2014)), "% (COW)", COW)
    out = pd.DataFrame(rows)
    out["role_order"] = out["role"].map({c: i for i, c in enumerate(ROLE_ORDER)})
    return out


def headline_chart(table: pd.DataFrame | None = None, *, title: str, subtitle=None, description: str):
    """Small multiples: one panel per role, bars coloured by country, each panel on its own scale."""
    t = headline_table() if table is None else table
    codes = [c for c in ["PAK", "RUS", "USA", "CHN", "IND"] if c in set(t["country"])]
    tooltip = [alt.Tooltip("role_name:N", title="Role"), alt.Tooltip("bar:N", title="Bar"),
               alt.Tooltip("value:Q", title="Value", format=",.1f"), alt.Tooltip("unit:N", title="Unit"),
               alt.Tooltip("source:N", title="Source")]
    scale = alt.Scale(domain=[COUNTRY_NAMES[c] for c in codes], range=[COUNTRY_COLORS[c] for c in codes])
    panels = []
    for code in ROLE_ORDER:
        d = t[t["role"] == code]
        if d.empty:
            continue
        role_name, indicator = d["indicator"].iloc[0].split(": ", 1)
        base = alt.Chart(d).encode(
            x=alt.X("bar:N", title=None, sort=list(d["bar"]), axis=alt.Axis(labelAngle=0, labelLimit=120)),
            y=alt.Y("value:Q", title=None), tooltip=tooltip)
        bars = base.mark_bar().encode(color=alt.Color("country_name:N", legend=None, scale=scale))
        text = base.mark_text(dy=-7, fontSize=12).encode(text=alt.Text("value:Q", format=",.1f"))
        panels.append(alt.layer(bars, text).properties(
            width=190, height=160, title=alt.Title([role_name, indicator], fontSize=12, anchor="middle")))
    rows = [alt.hconcat(*panels[i:i + 3], spacing=30) for i in range(0, len(panels), 3)]
    chart = alt.vconcat(*rows, spacing=25).resolve_scale(color="shared")
    return finish(chart, title, subtitle, description)


def pack_events() -> pd.DataFrame:
    """The dated events quoted in the five packs: one row per event and role, with plotting fields and the
    number of packs that quote the event (``n_packs``)."""
    p = all_packs()
    p = p[p["kind"] == "event"][["role", "role_name", "event_id", "topic"]]
    ev = events_for_plot().set_index("event_id")
    out = p.join(ev[["when", "when_label", "title", "category", "source", "confidence"]], on="event_id")
    out["n_packs"] = out.groupby("event_id")["role"].transform("count")
    roles_of = out.groupby("event_id")["role_name"].agg(lambda s: ", ".join(s))
    out["used_by"] = out["event_id"].map(roles_of)
    return out.reset_index(drop=True)


def pack_events_chart(frame: pd.DataFrame | None = None, *, title: str, subtitle=None, description: str):
    """Dot timeline: the events each role's pack quotes (one row per role); bigger dots = quoted by more packs."""
    f = pack_events() if frame is None else frame
    present = [c for c in category_scale().domain if c in set(f["category"])]
    from ..charts import CATEGORY_COLORS

    chart = alt.Chart(f[["role_name", "when", "when_label", "title", "category", "source", "confidence", "n_packs",
                         "used_by"]]).mark_circle(opacity=0.85).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0),
                scale=alt.Scale(domain=["1950-01-01", "2027-01-01"])),
        y=alt.Y("role_name:N", title=None, sort=[ROLES[c].name for c in ROLE_ORDER]),
        size=alt.Size("n_packs:Q", title="Packs quoting it", scale=alt.Scale(domain=[1, 3], range=[90, 420]),
                      legend=alt.Legend(values=[1, 2, 3], format="d")),
        color=alt.Color("category:N", title="Category",
                        scale=alt.Scale(domain=present, range=[CATEGORY_COLORS[c] for c in present])),
        tooltip=[alt.Tooltip("when_label:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("used_by:N", title="In the packs of"), alt.Tooltip("source:N", title="Source"),
                 alt.Tooltip("confidence:N", title="Confidence")])
    return finish(chart, title, subtitle, description, width=600, height=220)


#: Events marked on each role's chart ({event_id: short label})
ROLE_MARKS = {
    "PAK": {"ev1979_soviet_intervention_afghanistan": "Afghanistan 1979",
            "ev2014_defence_cooperation_agreement": "2014 defence pact"},
    "RUS": {"ev1971_indo_soviet_treaty": "Indo-Soviet treaty", "ev2014_defence_cooperation_agreement": "2014 pact"},
    "IND": {"ev1971_indo_soviet_treaty": "Indo-Soviet treaty", "ev1979_soviet_intervention_afghanistan": "Afghanistan",
            "ev2017_pakistan_full_sco_member": "SCO members"},
    "USA": {"ev1954_seato_manila_pact": "SEATO", "ev1979_soviet_intervention_afghanistan": "Afghanistan",
            "ev2014_defence_cooperation_agreement": "2014 pact"},
    "CHN": {"ev1979_soviet_intervention_afghanistan": "Afghanistan",
            "ev2007_fradkov_visits_islamabad": "Fradkov visit"},
}


def role_series(role: str) -> pd.DataFrame:
    """The time series behind a role's chart: columns when, year, series, code, value, unit, measure, source.

    PAK: shares of Pakistan's arms imports (China, USSR/Russia, US), five-year periods.
    RUS: USSR/Russia's share of India's and of Pakistan's arms imports, five-year periods.
    IND: UN agreement India–USSR/Russia and Pakistan–USSR/Russia (five-year centred mean).
    USA: UN agreement Pakistan–US and Pakistan–USSR/Russia (five-year centred mean).
    CHN: shares of Pakistan's goods trade (China, US, USSR/Russia), yearly, COW 1948–2014."""
    _check_role(role)
    a = _arms()
    if role in ("PAK", "RUS"):
        recips = ["PAK"] if role == "PAK" else ["IND", "PAK"]
        frames = []
        for rec in recips:
            s = arms_mod.supplier_shares(a, rec, 5)
            keep = ["China", arms_mod.USSR_RUSSIA, "United States"] if role == "PAK" else [arms_mod.USSR_RUSSIA]
            s = s[s["supplier_group"].isin(keep)].copy()
            s["series"] = s["supplier_group"] if role == "PAK" else COUNTRY_NAMES[rec]
            s["code"] = s["supplier_group"].map({"China": "CHN", arms_mod.USSR_RUSSIA: "RUS",
                                                 "United States": "USA"}) if role == "PAK" else rec
            s["year"] = s["period_start"].astype(int)
            s["when"] = [pd.Timestamp(year=int(p), month=1, day=1) + pd.DateOffset(months=6 * int(n))
                         for p, n in zip(s["period_start"], s["years_with_data"])]
            s["value"] = s["share_pct"]
            s["measure"] = [f"{p}: share of {COUNTRY_NAMES[rec]}'s arms imports" for p in s["period"]]
            frames.append(s)
        out = pd.concat(frames, ignore_index=True)
        out["unit"] = "% of arms imports (SIPRI TIV, five-year periods)"
        out["source"] = arms_mod.SOURCE_LABEL
    elif role in ("IND", "USA"):
        pairs = ["IND-RUS", "PAK-RUS"] if role == "IND" else ["PAK-USA", "PAK-RUS"]
        df = load("unga_agreement")
        frames = []
        for pair in pairs:
            s = unvotes.agreement_series(df, pair, "all", 5).dropna(subset=["smoothed"])
            s = s.assign(series=unvotes.PAIR_LABELS[pair], code=pair, value=100 * s["smoothed"],
                         measure="UN General Assembly agreement, centred five-year mean")
            frames.append(s)
        out = pd.concat(frames, ignore_index=True)
        out["year"] = out["year"].astype(int)
        out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
        out["unit"] = "% of roll calls with the same vote"
        out["source"] = source_label(UNV)
    else:
        t = load("trade")
        cow = t[(t["series"] == "cow") & (t["flow"] == "total")]
        wide = cow.pivot_table(index="year", columns="partner", values="value_usd_m")
        frames = []
        for code in ("CHN", "USA", "RUS"):
            frames.append(pd.DataFrame({"year": wide.index.astype(int), "code": code,
                                        "series": COUNTRY_NAMES[code],
                                        "value": (100 * wide[code] / wide["WLD"]).to_numpy()}))
        out = pd.concat(frames, ignore_index=True)
        out["when"] = pd.to_datetime(out["year"].astype(str) + "-07-01")
        out["measure"] = "share of Pakistan's goods trade (COW)"
        out["unit"] = "% of Pakistan's trade (COW, current US$)"
        out["source"] = source_label(COW)
    out["value"] = out["value"].astype(float).round(1)
    return out[["when", "year", "series", "code", "value", "unit", "measure", "source"]].reset_index(drop=True)


def _ind_gap(s: pd.DataFrame) -> float:
    """Largest gap (percentage points) between the India–Russia and Pakistan–Russia lines since 1990."""
    w = s.pivot_table(index="year", columns="series", values="value").loc[1990:]
    return float((w.iloc[:, 0] - w.iloc[:, 1]).abs().max())


def role_title(role: str, s: pd.DataFrame | None = None) -> str:
    """The title of a role's chart: what to notice, with its numbers computed from the series."""
    import math

    s = role_series(role) if s is None else s
    w = s.pivot_table(index="year", columns="series", values="value")
    if role == "PAK":
        top = math.floor(w[arms_mod.USSR_RUSSIA].max()) + 1
        return f"The US and China took turns leading Pakistan's arms imports; USSR/Russia never reached {top}%"
    if role == "RUS":
        return (f"USSR/Russia supplied up to {w['India'].max():.0f}% of India's arms in a five-year period, "
                f"at most {w['Pakistan'].max():.0f}% of Pakistan's")
    if role == "IND":
        return "Since 1990 India and Pakistan have voted with USSR/Russia about equally often"
    if role == "USA":
        u = load("unga_agreement")
        u = u[(u["country_a"] == "PAK") & (u["issue"] == "all")].pivot_table(
            index="year", columns="country_b", values="agreement")
        ahead = [int(y) for y in u.index if (u.loc[y:, "RUS"] > u.loc[y:, "USA"]).all()]
        return f"Since {ahead[0]} Pakistan has voted with USSR/Russia more often than with the US"
    first = first_year_ahead("CHN", "USA")
    return (f"China has outweighed the US in Pakistan's trade since {first}; USSR/Russia never reached "
            f"{math.floor(w['USSR/Russia'].max()) + 1}%")


def _series_colors(s: pd.DataFrame) -> alt.Scale:
    names = list(dict.fromkeys(s["series"]))
    codes = list(dict.fromkeys(s["code"]))
    colors = [unvotes.PAIR_COLORS[c] if c in unvotes.PAIR_COLORS else COUNTRY_COLORS.get(c, "#999999") for c in codes]
    return alt.Scale(domain=names, range=colors)


def describe_role_series(role: str, s: pd.DataFrame | None = None) -> str:
    """A sentence for screen readers and the widget: the latest value of each line."""
    s = role_series(role) if s is None else s
    last = s.sort_values("when").groupby("series", sort=False).tail(1)
    parts = "; ".join(f"{r.series} {r.value:.1f}% ({r.measure.split(':')[0] if ':' in r.measure else r.year})"
                      for r in last.itertuples())
    return f"{ROLES[role].name}'s chart, {s['unit'].iloc[0]}. Latest values: {parts}."


def role_chart(role: str, s: pd.DataFrame | None = None):
    """The chart of a role's pack: its main time series with dated events from the chronology marked."""
    _check_role(role)
    s = role_series(role) if s is None else s
    marks = pick_events(ROLE_MARKS[role])
    tooltip = [alt.Tooltip("series:N", title="Series"), alt.Tooltip("measure:N", title="Measure"),
               alt.Tooltip("year:Q", title="Year (start of period)" if role in ("PAK", "RUS") else "Year",
                           format="d"),
               alt.Tooltip("value:Q", title="Value (%)", format=".1f"), alt.Tooltip("source:N", title="Source")]
    lines = alt.Chart(s).mark_line(point=True).encode(
        x=alt.X("when:T", title=None, axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title=s["unit"].iloc[0], axis=alt.Axis(titleFontSize=11)),
        color=alt.Color("series:N", title=None, scale=_series_colors(s),
                        legend=alt.Legend(orient="bottom", labelLimit=320)),
        tooltip=tooltip)
    subtitle = {"PAK": arms_mod.SIPRI_SUBTITLE, "RUS": arms_mod.SIPRI_SUBTITLE,
                "IND": [f"Five-year averages since 1990 never more than {_ind_gap(s):.1f} points apart",
                        "Voeten, Strezhnev & Bailey UN votes (to 2019) · dashed lines: dated events"],
                "USA": ["Voeten, Strezhnev & Bailey UN votes (to 2019) · dashed lines: dated events"],
                "CHN": ["Correlates of War trade data, 1948–2014 · dashed lines: dated events"]}[role]
    return finish(alt.layer(lines, event_rules(marks, levels=2)), role_title(role, s), subtitle,
                  describe_role_series(role, s), width=600, height=260)


# ------------------------------------------------------------------ widget
def role_view(role: str, caveats: bool = True):
    """What the widget shows for one role: (sentence, pack as HTML, chart). Plain function, tested."""
    pack = evidence_pack(role)
    return describe_pack(role, pack), pack_html(pack, caveats), role_chart(role)


def role_explorer(default: str = "IND"):
    """The notebook's widget: pick a role -> its question, its evidence pack and its chart."""
    import ipywidgets as w

    from ..explore import explorer

    style = {"description_width": "70px"}
    controls = {
        "role": w.Dropdown(options=[(ROLES[c].name, c) for c in ROLE_ORDER], value=default, description="Role",
                           style=style, layout=w.Layout(width="320px")),
        "caveats": w.Checkbox(value=True, description="Show the caveat of each fact", indent=False),
    }

    def render(role, caveats):
        sentence, table, chart = role_view(role, caveats)
        return (w.HTML(f"<p class='pkru-selection'>{html.escape(sentence)}</p>"), w.HTML(table), chart)

    return explorer(controls, render,
                    intro="Choose a role to see its question, its evidence pack and its chart. "
                          "Keyboard: Tab to a control, arrow keys to change the role, Space to tick the box.")


# ------------------------------------------------------------------ evidence or interpretation (exercise 2)
def _classify_statements() -> list[dict]:
    chn = supplier_share("PAK", "China", (2015, 2019))
    o = official_trade(2023)
    ev = _events()
    return [
        {"text": "Pakistan abstained when the UN General Assembly voted on 2 March 2022 to demand Russia's "
                 "withdrawal from Ukraine.", "label": "evidence",
         "source_ids": ev.loc["ev2022_unga_ukraine_abstention", "source_ids"]},
        {"text": "Pakistan's abstentions show that Islamabad has chosen Moscow over Washington.",
         "label": "interpretation", "source_ids": ""},
        {"text": f"In 2015–19 China delivered about {chn:.0f}% of Pakistan's arms imports, measured in SIPRI TIV.",
         "label": "evidence", "source_ids": SIPRI},
        {"text": "Russia sells arms to Pakistan mainly to put pressure on India.", "label": "interpretation",
         "source_ids": ""},
        {"text": "In November 2016 Russia's foreign ministry said it was not in talks about joining CPEC.",
         "label": "evidence", "source_ids": ev.loc["ev2016_russia_denies_cpec_talks", "source_ids"]},
        {"text": "The Druzhba drills prove that the two armies now trust each other.", "label": "interpretation",
         "source_ids": ""},
        {"text": f"Pakistan's Ministry of Commerce put trade with Russia in FY2022-23 at about US${o['total']:,.0f} "
                 "million.", "label": "evidence", "source_ids": o["source_ids"]},
        {"text": "Trade with Russia is booming and will soon rival trade with China.", "label": "interpretation",
         "source_ids": ""},
    ]


def classify_statements() -> pd.DataFrame:
    """Eight statements about the relationship for exercise 2, with the course's label (evidence or
    interpretation). Evidence statements carry the source ids that support them."""
    df = pd.DataFrame(_classify_statements())
    df.insert(0, "n", range(1, len(df) + 1))
    return df


# ------------------------------------------------------------------ sources the notebook cites
#: Claims learners should not repeat in a brief, each with the sources that correct it (notebook 14's "traps")
TRAP_SOURCES = ["dawn_2016_russia_dismisses_cpec_talks", "outlook_pakistan_applies_brics", "wp_csto", "britannica_cis",
                "dawn_russia_lifts_arms_embargo", "ria_2014_arms_embargo_scrapped",
                "dawn_2021_agree_to_build_gas_pipeline",
                "geo_psgp_international_firms_opinion", "seed_paper", "seed_press_release"]


def text_only_sources(notebook: str = "14") -> list[str]:
    """Source ids cited by the five packs and the notebook's text that ``show_sources(notebook=...)`` does not
    already list (the data tables and the quiz are listed there)."""
    from ..sources import ids_used_by

    used = set(ids_used_by(notebook))
    return [i for i in dict.fromkeys(pack_source_ids() + TRAP_SOURCES) if i not in used]
