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
