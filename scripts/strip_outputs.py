#!/usr/bin/env python3
"""Remove outputs, execution counts and saved widget state from the course notebooks (commit them clean).
Usage: python scripts/strip_outputs.py [--check] [paths...]   (default: notebooks/ exercises/ solutions/ and masters)"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ["notebooks", "exercises", "solutions", "scripts/exercise_masters", "instructors"]


def strip(nb: dict) -> dict:
    for cell in nb["cells"]:
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
        new = json.dumps(strip(json.loads(text)), indent=1, ensure_ascii=False) + "\n"
        if new != text:
            dirty.append(str(f))
            if not args.check:
                f.write_text(new, encoding="utf-8")
    if args.check and dirty:
        print("Notebooks with outputs: " + ", ".join(dirty) + "\nRun: python scripts/strip_outputs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
