"""Render source lists from data/sources.csv (the "Sources" section at the end of each notebook)."""
from __future__ import annotations

import html
import json
import re

import pandas as pd

from .data import datapackage, load, repo_root, split_ids
from .manifest import entry


def ids_used_by(notebook: str) -> list[str]:
    """Source ids a notebook relies on: its quiz, the events of its factor, every event id or source id
    named anywhere in the notebook's text or code, and the rows of the other tables it uses."""
    e = entry(notebook)
    ids: list[str] = []
    nb_path = repo_root() / e.notebook
    if nb_path.is_file():
        text = nb_path.read_text(encoding="utf-8")
        known_src = set(load("sources")["source_id"])
        ev_all = load("events").set_index("event_id")["source_ids"]
        for token in dict.fromkeys(re.findall(r"[a-z0-9][a-z0-9_]+", text)):
            if token in ev_all.index:
                ids += split_ids(ev_all[token])
            elif token in known_src and "_" in token:
                ids.append(token)
    quiz = repo_root() / "data" / e.quiz
    if quiz.is_file():
        for q in json.loads(quiz.read_text(encoding="utf-8")).get("questions", []):
            ids += q.get("source_ids", [])
    ev = load("events")
    for v in ev.loc[ev["factor"] == e.slug, "source_ids"]:
        ids += split_ids(v)
    # what the lesson module declares its prose cites (pkru/lessons/nbNN_slug.py: CITED_EVENTS / CITED_SOURCES)
    from .lessons import cited_ids

    cited_events, cited_sources = cited_ids(notebook)
    by_event = ev.set_index("event_id")["source_ids"]
    unknown = [x for x in cited_events if x not in by_event.index]
    if unknown:
        raise KeyError(f"Unknown event id(s) {unknown} in CITED_EVENTS of notebook {notebook}: see data/events.csv")
    for x in cited_events:
        ids += split_ids(by_event[x])
    ids += cited_sources
    by_path = {r["path"]: r for r in datapackage()["resources"]}
    for path in e.data:
        res = by_path.get(path)
        if res is None or "schema" not in res or res["name"] in ("events", "sources", "fact_checks"):
            # an unknown path is reported by the manifest tests; a text has no source column; the fact-check
            # register cites the sources of the whole course, which are not this notebook's evidence
            continue
        df = load(res["name"])
        if "source_ids" in df:
            for v in df["source_ids"].unique():
                ids += split_ids(v)
    return list(dict.fromkeys(ids))


class SourcesTable:
    def __init__(self, rows):
        self.rows = rows

    def _repr_html_(self):
        items = []
        for r in self.rows:
            year = "" if pd.isna(r["year"]) or str(r["year"]).strip() == "" else f" ({int(r['year'])})"
            url = str(r["url"] or "").strip()
            link = (f"<a href=\"{html.escape(url)}\" target=\"_blank\" rel=\"noopener\">{html.escape(url)}</a> "
                    if url else "(printed work) ")
            items.append(
                f"<li><b>{html.escape(r['publisher'])}</b>{year}. <i>{html.escape(r['title'])}</i>. {link}"
                f"<span style='color:#555'>[{html.escape(r['kind'])} · id <code>{html.escape(r['source_id'])}</code> · "
                f"{html.escape(r['licence'])}]</span></li>")
        return f"<ol class='pkru-sources'>{''.join(items)}</ol>"

    def __repr__(self):
        return "\n".join(f"[{r['source_id']}] {r['publisher']}: {r['title']} <{r['url']}>" for r in self.rows)


def sources_table(ids=None, notebook: str | None = None) -> SourcesTable:
    src = load("sources")
    if ids is None and notebook is not None:
        ids = ids_used_by(notebook)
    ids = list(dict.fromkeys(ids or []))
    by_id = src.set_index("source_id", drop=False)
    unknown = [i for i in ids if i not in by_id.index]
    if unknown:
        raise KeyError(f"Unknown source id(s) {unknown}: see data/sources.csv")
    return SourcesTable([by_id.loc[i].to_dict() for i in ids])
