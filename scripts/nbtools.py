"""Tiny helpers for writing course notebooks from a Python script (used by authors, not by learners).

    from nbtools import md, code, write
    write("notebooks/00_start_here.ipynb", [md("..."), code("...", tags=["nbval-ignore-output"])])

Cell ids are derived from the cell's position and kind, so rewriting a notebook gives a stable file.
"""
from __future__ import annotations

import json
from pathlib import Path

KERNEL = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
          "language_info": {"name": "python", "pygments_lexer": "ipython3"}}


def _lines(text: str) -> list[str]:
    text = text.strip("\n")
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def md(text: str, tags=None) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": tags} if tags else {}, "source": _lines(text)}


def code(text: str, tags=None) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {"tags": tags} if tags else {},
            "outputs": [], "source": _lines(text)}


def write(path, cells: list[dict], extra_meta: dict | None = None) -> None:
    path = Path(path)
    old_header, old_course = None, None
    if path.exists():  # keep the generated header cell and course metadata if the notebook already has them
        old = json.loads(path.read_text(encoding="utf-8"))
        if old["cells"] and "course-header" in old["cells"][0].get("metadata", {}).get("tags", []):
            old_header = old["cells"][0]
        old_course = old.get("metadata", {}).get("course")
    for i, c in enumerate(cells):
        c["id"] = f"{c['cell_type'][:2]}{i:03d}"
    if old_header:
        cells = [old_header, *cells]
    meta = {**KERNEL, **({"course": old_course} if old_course else {}), **(extra_meta or {})}
    nb = {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
