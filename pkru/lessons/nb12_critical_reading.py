"""Notebook 12 (critical_reading): reading sources critically: claim verdicts, the reference-list audit, the
provenance checklist and the claim-checker widget (:func:`explorer`).

The tables are ``data/claims.csv`` (one row per checked claim in the two seed documents) and
``data/reference_audit.csv`` (one row per entry of the seed paper's reference list). Everything here
is a plain function the tests call on the real data; the widget only wires them to controls.

Vocabulary:

- ``document``: ``"paper"`` (Aziz & Salman) or ``"press_release"`` (the release about Dr Rahimzadeh's book);
- ``verdict``: one of :data:`VERDICTS`; see :data:`VERDICT_MEANINGS`.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

from ..charts import finish
from ..data import date_label, load, source_label, split_ids

__all__ = [
    # vocabulary and the claims table (data/claims.csv)
    "VERDICTS", "VERDICT_MEANINGS", "VERDICT_COLORS", "DOCUMENTS", "DOCUMENT_LABELS", "DOCUMENT_SOURCE",
    "PAPER_SECTIONS", "RELATED_EVENTS", "PROVENANCE_CHECKS", "section_number", "prepare", "load_claims",
    "verdict_counts", "verdict_sentence", "by_section", "sections_mentioned", "sections_without_claims",
    # the reference audit (data/reference_audit.csv) and the provenance checklist
    "reference_summary", "on_topic_share", "reference_sentence", "provenance_checklist",
    # the claim checker (widget) and its logic
    "Judgement", "NEAR_MISSES", "judge", "related_events", "evidence_html", "claim_options", "checker_view",
    "checker_parts", "explorer", "claim_checker", "reading_explorer",
    # the course's own fact-check register (data/fact_checks.csv)
    "REGISTER_VERDICTS", "register_summary", "register_sentence", "register_corrections",
    # charts, each with the description written from its data
    "verdict_chart", "section_chart", "reference_chart",
    # the Sources section
    "CITED_EVENTS", "CITED_SOURCES", "cited_source_ids",
]

VERDICTS = ["supported", "misleading", "contradicted", "unverifiable"]
VERDICT_MEANINGS = {
    "supported": "the evidence bears it out (any qualification is in the explanation)",
    "misleading": "true in part, or true on paper, but framed so that it suggests something false",
    "contradicted": "the evidence shows it is false",
    "unverifiable": "no evidence either way could be found",
}
# Okabe–Ito colours: green = holds, orange = slanted, vermillion = false, grey = no evidence.
VERDICT_COLORS = {"supported": "#009E73", "misleading": "#E69F00", "contradicted": "#D55E00",
                  "unverifiable": "#999999"}
DOCUMENTS = ["paper", "press_release"]
DOCUMENT_LABELS = {"paper": "Academic paper (Aziz & Salman)", "press_release": "Press release (book by L. Rahimzadeh)"}
DOCUMENT_SOURCE = {"paper": "seed_paper", "press_release": "seed_press_release"}

# The paper's numbered sections (its own headings, shortened), for the chart of claims by section.
PAPER_SECTIONS = {1: "Introduction", 2: "History", 3: "Geostrategy", 4: "Diplomacy", 5: "Economy and trade",
                  6: "Counter-terrorism", 7: "Multilateral bodies", 8: "Energy and infrastructure",
                  9: "Global alliances", 10: "Culture", 11: "Challenges", 12: "Prospects", 13: "Conclusion"}

# Dated events in data/events.csv that bear on a claim (shown with the evidence in the widget).
RELATED_EVENTS = {
    "p02": ["ev1961_soviet_oil_credit", "ev1965_ayub_visits_ussr", "ev1966_tashkent_declaration",
            "ev1968_kosygin_first_visit", "ev1971_steel_mill_aid_agreement", "ev1972_bhutto_moscow_visit",
            "ev1985_steel_mills_inaugurated"],
    "p03": ["ev1979_soviet_intervention_afghanistan", "ev1989_soviet_withdrawal_completed"],
    "p04": ["ev1999_nawaz_sharif_moscow", "ev2003_musharraf_kremlin_talks"],
    "p06": ["ev2024_overchuk_visit_mou", "ev2024_ninth_igc_moscow"],
    "p07": ["ev2022_russian_wheat_purchase", "ev2024_ninth_igc_moscow"],
    "p08": ["ev2017_lng_supply_agreement", "ev2019_offshore_pipeline_agreement"],
    "p09": ["ev2015_north_south_pipeline_iga", "ev2021_pakistan_stream_protocol"],
    "p10": ["ev2016_russia_denies_cpec_talks"],
    "p11": ["ev2014_defence_cooperation_agreement", "ev2016_druzhba_first_exercise"],
    "p12": ["ev2016_druzhba_first_exercise", "ev2017_russian_ship_aman17", "ev2021_aman21_arabian_monsoon",
            "ev2021_druzhba_krasnodar"],
    "p14": ["ev2005_russia_oic_observer"],
    "p16": ["ev2005_pakistan_sco_observer", "ev2017_pakistan_full_sco_member"],
    "r01": ["ev2015_sco_ufa_admission", "ev2017_pakistan_full_sco_member"],
    "r02": ["ev2016_russia_denies_cpec_talks"],
    "r04": ["ev2023_pakistan_applies_brics", "ev2024_brics_kazan_partner_list"],
    "r06": ["ev2014_defence_cooperation_agreement", "ev2015_mi35m_contract", "ev2016_druzhba_first_exercise"],
    "r07": ["ev2023_first_russian_crude_order", "ev2023_first_russian_crude_cargo",
            "ev2023_refinery_halts_russian_crude"],
}

# Provenance: what a reader should check before citing either document (questions after the course's
# fact-check notes, section C). Findings are about the copies the course studied.
PROVENANCE_CHECKS = [
    {"check": "Publisher",
     "question": "Who published it, and is the publisher independent of the author?",
     "paper": "A journal, Trends in Social Sciences and Humanities Research. The course has not examined the "
              "journal's editorial practice.",
     "press_release": "RMR Publishers, which by its own account runs the author's forum (the Pak-Iran "
                      "Intellectuals Forum) as one of its societies. The release even praises that forum.",
     "source_ids": "seed_paper;seed_press_release;rmr_debating_forums_and_societies"},
    {"check": "Identifier",
     "question": "Is there an ISBN, ISSN or DOI that a library catalogue or registry can resolve?",
     "paper": "An ISSN and a DOI are printed. A DOI shows that a text was registered, not that it was checked.",
     "press_release": "No ISBN, imprint or catalogue record of the book was found.",
     "source_ids": "seed_paper;seed_press_release"},
    {"check": "Review",
     "question": "Was it peer-reviewed, or reviewed by anyone independent?",
     "paper": "The paper does not say. Slips that an editor would normally catch remain: a typo in the title, "
              "a stray fragment opening the introduction, a reference dated '200'.",
     "press_release": "No review of the book was found; the release is the only text about it.",
     "source_ids": "seed_paper;seed_press_release"},
    {"check": "Author record",
     "question": "Can you find the authors' institutions, an ORCID or Google Scholar profile, earlier work?",
     "paper": "Affiliations and a contact e-mail are printed; the course did not check them further.",
     "press_release": "No university page, ORCID record or earlier publication was found. The publisher's page on "
                      "the forum's offices does not name her in its readable part.",
     "source_ids": "seed_paper;seed_press_release;rmr_piif_promotional_page"},
    {"check": "Date and echo",
     "question": "Is it dated, and does any other outlet report or cite it?",
     "paper": "The copy studied shows no publication date.",
     "press_release": "No date in the copy studied; searches found the same text only on the publisher's website.",
     "source_ids": "seed_paper;seed_press_release"},
    {"check": "Traceable claims",
     "question": "Can its claims be traced to agreements, official statements or dated events?",
     "paper": "Hardly any dates, figures or named agreements, and most references are off topic "
              "(see the reference audit).",
     "press_release": "No citations, page numbers or data; theory labels stand in for evidence.",
     "source_ids": "seed_paper;seed_press_release"},
]


# ------------------------------------------------------------------ tables
def section_number(section: str) -> int | None:
    """The first section (paper) or paragraph (press release) a claim cites: '5.2; 8.1' -> 5, 'para 4' -> 4."""
    m = re.search(r"\d+", str(section))
    return int(m.group()) if m else None


def prepare(claims: pd.DataFrame) -> pd.DataFrame:
    """Add readable columns: ``document_label``, ``where`` (e.g. 'Paper §7.1'), ``first_section``,
    ``section_label`` (paper sections by their heading) and a ``source`` label for tooltips."""
    c = claims.copy()
    c["document_label"] = c["document"].map(DOCUMENT_LABELS)
    c["where"] = [("Paper §" if d == "paper" else "Press release, ") + str(s)
                  for d, s in zip(c["document"], c["section"])]
    c["first_section"] = c["section"].map(section_number).astype("Int64")
    c["section_label"] = [f"{n} {PAPER_SECTIONS.get(int(n), '')}".strip() if d == "paper" else f"para {n}"
                          for d, n in zip(c["document"], c["first_section"])]
    c["source"] = [source_label(s) for s in c["source_ids"]]
    return c


def load_claims() -> pd.DataFrame:
    """``data/claims.csv``, validated, with :func:`prepare`'s columns."""
    return prepare(load("claims"))


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per document and verdict (all four verdicts, zeros included): ``n``, ``share`` of the
    document's checked claims, the ``claim_ids`` and a ``source`` line for tooltips."""
    rows = []
    for doc in DOCUMENTS:
        sub = claims[claims["document"] == doc]
        n_sources = len({s for ids in sub["source_ids"] for s in split_ids(ids)} - {DOCUMENT_SOURCE[doc]})
        for v in VERDICTS:
            hit = sub[sub["verdict"] == v]
            rows.append({"document": doc, "document_label": DOCUMENT_LABELS[doc], "verdict": v, "n": len(hit),
                         "share": len(hit) / len(sub) if len(sub) else 0.0,
                         "claim_ids": ", ".join(hit["claim_id"]) or "none",
                         "source": f"{source_label(DOCUMENT_SOURCE[doc])}, checked against {n_sources} sources "
                                   "(data/claims.csv)"})
    return pd.DataFrame(rows)


def verdict_sentence(claims: pd.DataFrame, document: str) -> str:
    """'18 claims checked: 7 supported, 5 misleading, 4 contradicted, 2 unverifiable.'"""
    vc = verdict_counts(claims)
    vc = vc[vc["document"] == document]
    parts = ", ".join(f"{n} {v}" for v, n in zip(vc["verdict"], vc["n"]))
    return f"{int(vc['n'].sum())} claims checked: {parts}."


def by_section(claims: pd.DataFrame, document: str = "paper") -> pd.DataFrame:
    """Claims of one document counted by the first section they cite and by verdict (no zero rows)."""
    c = claims if "first_section" in claims else prepare(claims)
    c = c[c["document"] == document]
    out = (c.groupby(["first_section", "section_label", "verdict"], as_index=False)
           .agg(n=("claim_id", "size"), claim_ids=("claim_id", ", ".join), claims=("claim", " | ".join)))
    out["source"] = source_label(DOCUMENT_SOURCE[document]) + " (data/claims.csv)"
    return out.sort_values(["first_section", "verdict"]).reset_index(drop=True)


def reference_summary(refs: pd.DataFrame) -> pd.DataFrame:
    """The reference audit by topic: ``n`` references, ``on_topic``, the reference numbers, what they are
    cited for, and a ``source`` label."""
    r = refs.copy()
    r["ref"] = "[" + r["ref_no"].astype(str) + "] " + r["reference"]
    r["cited"] = r["cited_for"].fillna("").astype(str)
    out = (r.groupby(["topic", "on_topic"], as_index=False)
           .agg(n=("ref_no", "size"), refs=("ref", " | ".join), first_ref=("ref_no", "min"),
                cited_for=("cited", lambda s: "; ".join(x for x in s if x) or "no specific claim recorded")))
    out["source"] = source_label("seed_paper") + ", reference list (data/reference_audit.csv)"
    return out.sort_values(["on_topic", "n", "first_ref"], ascending=[False, False, True]).reset_index(drop=True)


def on_topic_share(refs: pd.DataFrame) -> tuple[int, int, float]:
    """(references on topic, all references, percentage on topic)."""
    n_on = int((refs["on_topic"] == "yes").sum())
    return n_on, len(refs), 100 * n_on / len(refs) if len(refs) else 0.0


def reference_sentence(refs: pd.DataFrame) -> str:
    """One sentence with the audit's headline numbers."""
    n_on, n, pct = on_topic_share(refs)
    cited = refs[refs["cited_for"].fillna("").astype(str) != ""]
    off = int((cited["on_topic"] == "no").sum())
    return (f"{n_on} of {n} references ({pct:.0f}%) are about Pakistan–USSR/Russia relations. "
            f"The fact-check notes trace {len(cited)} references to specific sentences of the paper; "
            f"{off} of those {len(cited)} are about something else.")


def provenance_checklist() -> pd.DataFrame:
    """The provenance checklist for both documents, with a readable ``source`` column."""
    df = pd.DataFrame(PROVENANCE_CHECKS)
    df["source"] = [source_label(s) for s in df["source_ids"]]
    return df


# ------------------------------------------------------------------ the claim checker (plain logic)
@dataclass
class Judgement:
    status: str  # "empty", "match" or "differ"
    message: str

    @property
    def matches(self) -> bool:
        return self.status == "match"


# What to think about when a learner's verdict differs from the course's: (learner, course) -> hint.
NEAR_MISSES = {
    ("contradicted", "misleading"): "Part of this claim is true, or exists on paper. 'Contradicted' is for claims "
                                    "the evidence shows to be false; 'misleading' for true parts framed to suggest "
                                    "something false.",
    ("misleading", "contradicted"): "The evidence shows the claim is false outright, not just slanted.",
    ("contradicted", "unverifiable"): "No source shows that this is false. Not finding evidence for a claim is not "
                                      "evidence against it.",
    ("unverifiable", "contradicted"): "There is evidence against this claim: look at the sources below.",
    ("supported", "misleading"): "The facts it rests on exist, but the way they are put suggests more than the "
                                 "evidence shows.",
    ("misleading", "supported"): "The course accepts this claim, sometimes with a qualification: read the "
                                 "explanation to see where it draws the line.",
    ("supported", "unverifiable"): "Plausible is not the same as documented: no source for it was found.",
    ("unverifiable", "supported"): "Evidence for this claim exists in the course's sources.",
}


def judge(claim_row, learner_verdict: str | None) -> Judgement:
    """Compare a learner's verdict with the course's verdict on one claim (a row of data/claims.csv)."""
    if learner_verdict is None or learner_verdict == "":
        return Judgement("empty", "Choose your verdict first, then look at the evidence. Committing to an answer "
                                  "before you look is the point of the exercise.")
    if learner_verdict not in VERDICTS:
        return Judgement("empty", f"'{learner_verdict}' is not a verdict. Choose one of: {', '.join(VERDICTS)}.")
    course = claim_row["verdict"]
    if learner_verdict == course:
        return Judgement("match", f"Your verdict matches the course's: {course}. Check that your reason matches too.")
    hint = NEAR_MISSES.get((learner_verdict, course),
                           f"The course's verdict is '{course}': {VERDICT_MEANINGS[course]}.")
    return Judgement("differ", f"You said {learner_verdict}; the course says {course}. {hint} Borderline cases "
                               "exist: what matters is whether your reason fits the evidence.")


def related_events(claim_id: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dated events (data/events.csv) that bear on a claim, oldest first, with a readable ``when_label``."""
    ev = load("events") if events is None else events
    ids = RELATED_EVENTS.get(claim_id, [])
    out = ev[ev["event_id"].isin(ids)].copy()
    out["when_label"] = [date_label(d, p) for d, p in zip(out["date"], out["date_precision"])]
    return out.sort_values("date").reset_index(drop=True)


def evidence_html(claim_row, events: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> str:
    """The course's verdict, its explanation, its sources (with links) and the related dated events, as HTML."""
    sources = load("sources") if sources is None else sources
    by_id = sources.set_index("source_id")
    v = claim_row["verdict"]
    items = []
    for sid in split_ids(claim_row["source_ids"]):
        s = by_id.loc[sid]
        year = f" ({s['year']})" if str(s["year"]) not in ("", "<NA>") else ""
        items.append(f"<li>{html.escape(str(s['publisher']))}{year}: <a href='{html.escape(str(s['url']))}' "
                     f"target='_blank' rel='noopener'>{html.escape(str(s['title']))}</a></li>")
    ev = related_events(claim_row["claim_id"], events)
    ev_items = "".join(f"<li>{html.escape(w)}: {html.escape(t)}</li>" for w, t in zip(ev["when_label"], ev["title"]))
    return (f"<div class='pkru-evidence'><p><b>Course verdict:</b> <span style='color:{VERDICT_COLORS[v]};"
            f"font-weight:bold'>{v}</span>. {html.escape(claim_row['explanation'])}</p>"
            + (f"<p style='margin-bottom:0'><b>Dated events in the course chronology</b></p><ul>{ev_items}</ul>"
               if ev_items else "")
            + f"<p style='margin-bottom:0'><b>Sources</b></p><ul>{''.join(items)}</ul></div>")


def claim_options(claims: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, claim_id) pairs for a selector: 'Paper §7.1 · Both countries take part in the CIS …'."""
    c = claims if "where" in claims else prepare(claims)
    out = []
    for cid, where, text in zip(c["claim_id"], c["where"], c["claim"]):
        short = text if len(text) <= 90 else text[:87].rstrip() + "…"
        out.append((f"{where} · {short}", cid))
    return out


def checker_view(claims: pd.DataFrame, claim_id: str, verdict: str | None, reveal: bool,
                 events: pd.DataFrame | None = None) -> str:
    """What the claim checker shows (HTML): the claim; after 'Show the evidence', feedback on the learner's
    verdict and the evidence. Without a verdict the evidence stays hidden."""
    return "".join(checker_parts(claims, claim_id, verdict, reveal, events))


def checker_parts(claims: pd.DataFrame, claim_id: str, verdict: str | None, reveal: bool,
                  events: pd.DataFrame | None = None) -> list[str]:
    """:func:`checker_view` in its pieces (the claim, the prompt or the feedback, the evidence), so that a page
    showing every view of the checker holds each piece once."""
    c = claims if "where" in claims else prepare(claims)
    hit = c[c["claim_id"] == claim_id]
    if hit.empty:
        return [f"<p>Unknown claim '{html.escape(str(claim_id))}'. Choose a claim from the list.</p>"]
    row = hit.iloc[0]
    head = (f"<p style='margin:0.3em 0'><b>{html.escape(row['where'])}</b> ({html.escape(row['document_label'])})"
            f"</p><blockquote style='margin:0.3em 0 0.6em 1em'>{html.escape(row['claim'])}</blockquote>")
    if not reveal:
        return [head, "<p style='color:#444'>Decide: which verdict fits, and why? Choose it, then press "
                      "<b>Show the evidence</b>.</p>"]
    j = judge(row, verdict)
    color = {"empty": "#5a5a5a", "match": "#00704F", "differ": "#A33B00"}[j.status]
    fb = f"<div role='status' style='color:{color};margin:0.3em 0'><b>{html.escape(j.message)}</b></div>"
    if j.status == "empty":
        return [head, fb]
    return [head, fb, evidence_html(row, events)]


def explorer(claims: pd.DataFrame | None = None):
    """The notebook's widget, the claim checker: a claim selector, four verdict choices and a 'Show the evidence'
    toggle."""
    import ipywidgets as w
    from IPython.display import HTML

    from .. import explore

    c = load_claims() if claims is None else prepare(claims)
    events = load("events")
    style = {"description_width": "110px"}
    pick = w.Dropdown(options=claim_options(c), value=c["claim_id"].iloc[0], description="Claim",
                      layout=w.Layout(width="760px"), style=style)
    verdict = w.RadioButtons(options=[(f"{v} — {VERDICT_MEANINGS[v]}", v) for v in VERDICTS], value=None,
                             description="Your verdict", layout=w.Layout(width="760px"), style=style)
    reveal = w.ToggleButton(value=False, description="Show the evidence", icon="search",
                            tooltip="Show the course's verdict, its reasons and its sources",
                            layout=w.Layout(width="auto"))

    def new_claim(_):  # a new claim starts fresh: no verdict, evidence hidden
        verdict.value = None
        reveal.value = False

    pick.observe(new_claim, names="value")

    def render(claim_id, verdict, reveal):
        return HTML(checker_view(c, claim_id, verdict, reveal, events))

    return explore.explorer({"claim_id": pick, "verdict": verdict, "reveal": reveal}, render,
                            intro="Pick a claim, decide on a verdict, then press <b>Show the evidence</b>. "
                                  "Keyboard: Tab moves between controls, arrow keys choose, Space presses the "
                                  "button.")


claim_checker = explorer  # the name notebook 12 used before the lessons moved (kept for saved copies)


def reading_explorer(claims: pd.DataFrame | None = None):
    """The explorer without a kernel (the reading edition): every claim, verdict and 'show the evidence' view
    from :func:`checker_parts`, the page switching between them; as in the widget, a new claim starts fresh."""
    from ..explore import ReadingViews

    c = load_claims() if claims is None else prepare(claims)
    events = load("events")
    controls = [{"name": "claim_id", "label": "Claim", "kind": "select", "value": c["claim_id"].iloc[0],
                 "options": [(cid, lab) for lab, cid in claim_options(c)]},
                {"name": "verdict", "label": "Your verdict", "kind": "radio", "value": None,
                 "options": [(v, f"{v} — {VERDICT_MEANINGS[v]}") for v in VERDICTS]},
                {"name": "reveal", "label": "Show the evidence", "kind": "checkbox", "value": False}]
    views = {(cid, v, r): checker_parts(c, cid, v, r, events)
             for cid in c["claim_id"] for v in (None, *VERDICTS) for r in (False, True)}
    return ReadingViews(controls, views, resets={"claim_id": ["verdict", "reveal"]})


# ------------------------------------------------------------------ charts
def _verdict_scale() -> alt.Scale:
    return alt.Scale(domain=VERDICTS, range=[VERDICT_COLORS[v] for v in VERDICTS])


def verdict_chart(claims: pd.DataFrame, title: str, subtitle: str | None = None, description: str | None = None):
    """Stacked bars: how many checked claims of each document got each verdict. The description gives every
    document's count per verdict unless one is given."""
    vc = verdict_counts(claims)
    vc = vc[vc["n"] > 0].copy()
    vc["order"] = vc["verdict"].map(VERDICTS.index)
    bars = alt.Chart(vc).mark_bar().encode(
        y=alt.Y("document_label:N", title=None, sort=[DOCUMENT_LABELS[d] for d in DOCUMENTS],
                axis=alt.Axis(labelLimit=300)),
        x=alt.X("n:Q", title="Claims checked", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("verdict:N", title="Verdict", scale=_verdict_scale(), sort=VERDICTS),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("document_label:N", title="Document"), alt.Tooltip("verdict:N", title="Verdict"),
                 alt.Tooltip("n:Q", title="Claims"), alt.Tooltip("share:Q", title="Share", format=".0%"),
                 alt.Tooltip("claim_ids:N", title="Claim ids"), alt.Tooltip("source:N", title="Source")])
    parts = "; ".join(f"{DOCUMENT_LABELS[d]}: {verdict_sentence(claims, d)}" for d in DOCUMENTS)
    description = description or f"Stacked horizontal bars of checked claims by verdict for each document. {parts}"
    return finish(bars, title, subtitle, description=description, width=560, height=110)


def section_chart(claims: pd.DataFrame, title: str, subtitle: str | None = None, description: str | None = None):
    """Stacked columns: the paper's checked claims by the section where they are first made, all 13 sections
    on the axis (sections without a checked claim stay empty). The description gives the count per section
    unless one is given."""
    bs = by_section(claims, "paper")
    bs["order"] = bs["verdict"].map(VERDICTS.index)
    domain = [f"{n} {t}" for n, t in PAPER_SECTIONS.items()]
    chart = alt.Chart(bs).mark_bar().encode(
        x=alt.X("section_label:N", title="Section of the paper", sort=domain, scale=alt.Scale(domain=domain),
                axis=alt.Axis(labelAngle=-35, labelLimit=160)),
        y=alt.Y("sum(n):Q", title="Claims checked", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("verdict:N", title="Verdict", scale=_verdict_scale(), sort=VERDICTS),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("section_label:N", title="Section"), alt.Tooltip("verdict:N", title="Verdict"),
                 alt.Tooltip("n:Q", title="Claims"), alt.Tooltip("claim_ids:N", title="Claim ids"),
                 alt.Tooltip("claims:N", title="Claims"), alt.Tooltip("source:N", title="Source")])
    totals = bs.groupby("section_label")["n"].sum()
    empty = ", ".join(d for d in domain if d not in totals.index)
    desc = description or ("Stacked columns of the paper's checked claims by section. "
                           + "; ".join(f"section {k}: {v}" for k, v in totals.items())
                           + f". Sections with no checked claim: {empty}.")
    return finish(chart, title, subtitle, description=desc, width=560, height=240)


def reference_chart(refs: pd.DataFrame, title: str, subtitle: str | None = None, description: str | None = None):
    """Horizontal bars: the paper's references by actual topic, coloured by whether they are on topic. The
    description gives the count per topic unless one is given."""
    rs = reference_summary(refs)
    rs["on_topic_label"] = rs["on_topic"].map({"yes": "about Pakistan–Russia", "no": "about something else"})
    order = list(rs["topic"])
    chart = alt.Chart(rs).mark_bar().encode(
        y=alt.Y("topic:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
        x=alt.X("n:Q", title="References", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("on_topic_label:N", title="Reference is",
                        scale=alt.Scale(domain=["about Pakistan–Russia", "about something else"],
                                        range=["#0072B2", "#BBBBBB"])),
        tooltip=[alt.Tooltip("topic:N", title="Topic"), alt.Tooltip("n:Q", title="References"),
                 alt.Tooltip("refs:N", title="Which"), alt.Tooltip("cited_for:N", title="Cited for"),
                 alt.Tooltip("source:N", title="Source")])
    n_on, n, pct = on_topic_share(refs)
    desc = description or (f"Horizontal bars of the paper's {n} references by topic; {n_on} ({pct:.0f}%) are about "
                           f"Pakistan–USSR/Russia relations. Topics: "
                           + "; ".join(f"{t} {k}" for t, k in zip(rs['topic'], rs['n'])))
    return finish(chart, title, subtitle, description=desc, width=520, height=max(200, 18 * len(rs)))


def sections_mentioned(claims: pd.DataFrame, document: str = "paper") -> set[int]:
    """Every main section number a document's checked claims cite (first or later): '5.2; 8.1' -> {5, 8}."""
    secs: set[int] = set()
    for s in claims.loc[claims["document"] == document, "section"]:
        secs |= {int(m) for m in re.findall(r"(\d+)(?:\.\d+)?", str(s))}
    return secs


def sections_without_claims(claims: pd.DataFrame) -> list[str]:
    """The paper's sections (as 'N Heading') in which no checked claim is made, not even a repeated one."""
    hit = sections_mentioned(claims, "paper")
    return [f"{n} {t}" for n, t in PAPER_SECTIONS.items() if n not in hit]


# ------------------------------------------------------------------ sources cited in the text
#: The prose names the Cold War record that claim p02 leaves out (cell "Where the paper goes wrong"); the seed
#: documents are the case studies. Everything else it cites is in data/claims.csv or named by id in the notebook.
# ------------------------------------------------------------------ the course's own register (issue 15)
#: What each verdict of data/fact_checks.csv means, in the order the notebook shows them.
REGISTER_VERDICTS = {
    "correct": "checked and true as written",
    "corrected": "was wrong, overstated or wrongly hedged, and was rewritten",
    "data-derived": "a figure computed from (or shown straight from) a table of data/",
    "uncertain": "the course says the evidence is unsettled, and the check agrees",
    "interpretation": "a reading, question or scenario the course marks as its own",
    "distractor": "a wrong quiz option, marked wrong by the quiz",
    "course": "a sentence about the course itself, checked against its files",
}


def register_summary(register: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences of data/fact_checks.csv per verdict: count, share and what the verdict means."""
    reg = load("fact_checks") if register is None else register
    counts = reg["verdict"].value_counts()
    out = pd.DataFrame({"verdict": list(REGISTER_VERDICTS),
                        "sentences": [int(counts.get(v, 0)) for v in REGISTER_VERDICTS],
                        "meaning": list(REGISTER_VERDICTS.values())})
    out["share"] = (100 * out["sentences"] / len(reg)).round(1).astype(str) + "%"
    return out[["verdict", "sentences", "share", "meaning"]]


def register_sentence(register: pd.DataFrame | None = None) -> str:
    reg = load("fact_checks") if register is None else register
    n, fixed = len(reg), int((reg["verdict"] == "corrected").sum())
    first, last = pd.Timestamp(reg["checked"].min()), pd.Timestamp(reg["checked"].max())
    day = lambda t: f"{t.day} {t:%B %Y}"
    when = day(first) if first == last else f"{day(first)} to {day(last)}"
    return (f"The register holds {n} checkable sentences, checked {when}; {fixed} of them "
            f"({100 * fixed / n:.0f}%) are corrections the check made.")


def register_corrections(register: pd.DataFrame | None = None, location: str | None = None,
                         n: int = 5) -> pd.DataFrame:
    """Corrected sentences (optionally of one file, e.g. "notebooks/12"), as they read now and what changed."""
    reg = load("fact_checks") if register is None else register
    rows = reg[reg["verdict"] == "corrected"]
    if location:
        rows = rows[rows["location"].str.startswith(location)]
    return rows[["location", "claim", "correction"]].head(n).rename(
        columns={"claim": "sentence now", "correction": "what the check changed"})


CITED_EVENTS = ["ev1961_soviet_oil_credit", "ev1966_tashkent_declaration", "ev1971_steel_mill_aid_agreement"]
CITED_SOURCES = ["seed_paper", "seed_press_release"]


def cited_source_ids() -> list[str]:
    """The sources of the provenance checklist (what the publisher says about itself, on its own pages)."""
    return [s for row in PROVENANCE_CHECKS for s in split_ids(row["source_ids"])]
