"""Notebook 14 (capstone): evidence packs for five analysts, the brief template, the rubric, the debate plan,
and the charts and widget built on them.

The lesson is split along its own sections:

- ``packs``    the five roles (``data/lessons/roles.csv``) and their evidence packs, every fact computed from data/;
- ``seminar``  the brief template, the rubric and the seminar plan (``data/lessons/``), and the export for a group;
- ``views``    the charts, the role explorer, and the statements of exercise 2.

Plain functions, tested in ``tests/test_nb14_capstone.py``; the notebook and its widget only call them.
"""
from __future__ import annotations

from .packs import (Role, all_packs, alliance_years, describe_pack, evidence_pack, fact_alliances, fact_arms_india,
                    fact_arms_pakistan, fact_arms_us, fact_china_overtakes_us, fact_druzhba, fact_event,
                    fact_official_trade, fact_russia_india_vs_pakistan, fact_three_abstain, fact_trade_shares,
                    fact_ukraine_votes, fact_unga, fact_unga_then_now, official_trade, pack_html, pack_source_ids,
                    role_order, roles, show_pack)
from .seminar import (BRIEF_SECTIONS, brief_template, export_pack, pack_markdown, rubric, rubric_levels,
                      rubric_markdown, rubric_table, score_brief, seminar_markdown, seminar_plan)
from .views import (classify_statements, describe_headline, describe_pack_events, describe_role_series,
                    headline_chart, headline_table, pack_events, pack_events_chart, reading_explorer, role_chart,
                    role_explorer, role_series, role_title, role_view)

__all__ = [
    "Role", "roles", "role_order", "evidence_pack", "all_packs", "describe_pack", "pack_html", "show_pack",
    "pack_source_ids", "official_trade", "alliance_years", "fact_alliances", "fact_arms_india", "fact_arms_pakistan",
    "fact_arms_us", "fact_china_overtakes_us", "fact_druzhba", "fact_event", "fact_official_trade",
    "fact_russia_india_vs_pakistan", "fact_three_abstain", "fact_trade_shares", "fact_ukraine_votes", "fact_unga",
    "fact_unga_then_now", "BRIEF_SECTIONS", "brief_template", "rubric", "rubric_levels", "rubric_table",
    "rubric_markdown", "score_brief", "seminar_plan", "seminar_markdown", "pack_markdown", "export_pack",
    "headline_table", "describe_headline", "headline_chart", "pack_events", "describe_pack_events",
    "pack_events_chart", "role_series", "role_title",
    "describe_role_series", "role_chart", "role_view", "role_explorer", "explorer", "reading_explorer",
    "classify_statements",
    "CITED_EVENTS", "CITED_SOURCES", "cited_source_ids",
]

explorer = role_explorer  # the notebook's widget

#: Claims learners should not repeat in a brief, each with the sources that correct it (notebook 14's "traps")
CITED_EVENTS: list[str] = []
CITED_SOURCES = ["dawn_2016_russia_dismisses_cpec_talks", "outlook_pakistan_applies_brics", "wp_csto", "britannica_cis",
                 "dawn_russia_lifts_arms_embargo", "ria_2014_arms_embargo_scrapped",
                 "dawn_2021_agree_to_build_gas_pipeline",
                 "geo_psgp_international_firms_opinion", "seed_paper", "seed_press_release"]


def cited_source_ids() -> list[str]:
    """The sources of the five evidence packs."""
    return pack_source_ids()


#: Content that used to be Python constants and now lives in data/lessons/ (old names kept for saved copies).
_FROM_DATA = {"ROLES": roles, "ROLE_ORDER": role_order, "RUBRIC": rubric, "RUBRIC_LEVELS": rubric_levels,
              "BRIEF_TEMPLATE": brief_template,
              "SEMINAR_PLAN": lambda: [tuple(r) for r in seminar_plan()[["Stage", "Minutes", "What happens"]].values]}


def __getattr__(name):
    if name in _FROM_DATA:
        return _FROM_DATA[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
