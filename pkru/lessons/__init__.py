"""One module per notebook, named like it: ``notebooks/NN_slug.ipynb`` ↔ ``pkru/lessons/nbNN_slug.py``
(or a sub-package ``nbNN_slug/`` split along the lesson's own sections, as notebook 14 is).

**The rule: a lesson imports course-wide modules (``pkru.data``, ``pkru.charts``, ``pkru.explore``,
``pkru.indicators``, ``pkru.tables``, ``pkru.sources``, …) and earlier lessons only** — notebook 10 may reuse
notebook 07's functions, never the reverse. ``tests/test_layout.py`` enforces it.

Every lesson module has the same interface:

- its docstring opens ``Notebook NN (slug): …``;
- ``explorer()`` returns the notebook's exploratory widget;
- ``CITED_EVENTS`` and ``CITED_SOURCES`` list the event ids and source ids the notebook's prose cites beyond its
  quiz and data tables, so the Sources section is one call: ``pkru.show_sources(notebook="NN")``;
- every chart builder ``*_chart(...)`` takes ``description=None`` and, when it is omitted, writes the description
  for screen readers from the data it draws. A notebook passes a description only when it adds something, and then
  as an f-string over computed values: no figure typed by hand.

A figure that more than one lesson quotes is defined once, in ``pkru.indicators``.
"""
from __future__ import annotations

import importlib


def module_name(notebook: str) -> str:
    """'06' or '06_multilateral' -> 'pkru.lessons.nb06_multilateral' (the lesson named like the notebook)."""
    from ..manifest import entry

    e = entry(notebook)
    return f"{__name__}.nb{e.id}_{e.slug}"


def module_for(notebook: str):
    """The lesson module of a notebook (imported on first use)."""
    return importlib.import_module(module_name(notebook))


def cited_ids(notebook: str) -> tuple[list[str], list[str]]:
    """(event ids, source ids) a lesson declares its prose cites: ``CITED_EVENTS``, ``CITED_SOURCES`` and, for
    evidence the lesson computes, ``cited_source_ids()`` when the lesson defines it."""
    mod = module_for(notebook)
    sources = list(getattr(mod, "CITED_SOURCES", []))
    if callable(getattr(mod, "cited_source_ids", None)):
        sources += list(mod.cited_source_ids())
    return list(getattr(mod, "CITED_EVENTS", [])), sources
