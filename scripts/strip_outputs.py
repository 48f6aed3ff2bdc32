#!/usr/bin/env python3
"""Remove outputs, execution counts and saved widget state from the course notebooks (commit them clean),
and write them in Jupyter's own JSON layout (see notebook_text).
Usage: python scripts/strip_outputs.py [--check] [paths...]   (default: notebooks/ exercises/ solutions/ and masters)"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ["notebooks", "exercises", "solutions", "scripts/exercise_masters", "instructors"]


def notebook_text(nb: dict) -> str:
    """A notebook as the course commits it: byte for byte what Jupyter itself writes when it saves one
    (nbformat: keys sorted, one-space indent, UTF-8 text, a final newline). A learner who opens a notebook
    and saves it then changes only the cells they changed, so a course update pulled with nbgitpuller
    merges around their edits; in any other layout the first save rewrites every cell, and nbgitpuller's
    merge (which keeps the learner's side where both changed) silently drops parts of the update."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def strip(nb: dict) -> dict:
    taken = {c["id"] for c in nb["cells"] if c.get("id")}
    for i, cell in enumerate(nb["cells"]):
        if not cell.get("id"):  # nbformat 4.5 wants an id on every cell; a stable one, from the cell's place and text
            import hashlib

            base = hashlib.sha1(f"{i}:{''.join(cell.get('source', ''))}".encode("utf-8")).hexdigest()[:8]
            cell["id"] = base if base not in taken else f"{base}-{i}"
            taken.add(cell["id"])
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)
    return nb


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true")
    p.add_argument("paths", nargs="*")
    args = p.parse_args(argv)
    files = [Path(x) for x in args.paths] or [f for d in FOLDERS for f in sorted((ROOT / d).glob("*.ipynb"))]
    dirty = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        new = notebook_text(strip(json.loads(text)))
        if new != text:
            dirty.append(str(f))
            if not args.check:
                f.write_text(new, encoding="utf-8")
    if args.check and dirty:
        print("Notebooks with outputs, or not in Jupyter's own JSON layout: " + ", ".join(dirty)
              + "\nRun: python scripts/strip_outputs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
