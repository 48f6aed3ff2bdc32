#!/usr/bin/env python3
"""Keep everything that repeats the manifest (course.yml) in step with it:

- the header cell (tag ``course-header``) at the top of each ready notebook;
- the course map in README.md, between ``<!-- course-map:start -->`` and ``<!-- course-map:end -->``;
- the ``notebooks`` list of each table in data/datapackage.json (which notebooks use it).

Usage: python scripts/sync_course.py [--check]   (--check writes nothing and exits 1 if out of step)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pkru.manifest import course_map_markdown, entries, header_markdown  # noqa: E402
from strip_outputs import notebook_text  # noqa: E402  (Jupyter's own layout)

MAP_RE = re.compile(r"(<!-- course-map:start -->\n).*?(<!-- course-map:end -->)", re.S)


def _lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def synced_notebook(path: Path, e) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = {"cell_type": "markdown", "id": "course-header", "metadata": {"tags": ["course-header"]},
            "source": _lines(header_markdown(e))}
    cells = nb["cells"]
    if cells and "course-header" in cells[0].get("metadata", {}).get("tags", []):
        cells[0] = cell
    else:
        cells.insert(0, cell)
    nb.setdefault("metadata", {})["course"] = {"id": e.id, "slug": e.slug, "title": e.title}
    return notebook_text(nb)


def synced_readme(text: str) -> str:
    if not MAP_RE.search(text):
        raise SystemExit("README.md lacks the <!-- course-map:start --> / <!-- course-map:end --> markers")
    return MAP_RE.sub(lambda m: m.group(1) + course_map_markdown(ROOT) + "\n" + m.group(2), text)


def synced_datapackage(text: str) -> str:
    pkg = json.loads(text)
    for res in pkg["resources"]:
        res["notebooks"] = [e.stem for e in entries(ROOT) if res["path"] in e.data]
    return json.dumps(pkg, indent=1, ensure_ascii=False) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true")
    p.add_argument("--only", metavar="NN", help="only the header of this notebook (no README or data dictionary)")
    args = p.parse_args(argv)
    targets = []
    for e in entries(ROOT, ready_only=args.only is None):
        path = ROOT / e.notebook
        if path.exists() and (args.only is None or args.only in (e.id, e.slug, e.stem)):
            targets.append((path, synced_notebook(path, e)))
    if args.only is None:
        readme = ROOT / "README.md"
        targets.append((readme, synced_readme(readme.read_text(encoding="utf-8"))))
        dp = ROOT / "data" / "datapackage.json"
        targets.append((dp, synced_datapackage(dp.read_text(encoding="utf-8"))))
    stale = [p for p, text in targets if p.read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print("Out of step with course.yml: " + ", ".join(str(p.relative_to(ROOT)) for p in stale)
                  + "\nRun: python scripts/sync_course.py")
            return 1
        print("in step with course.yml")
        return 0
    for p, text in targets:
        if p in stale:
            p.write_text(text, encoding="utf-8")
            print(f"updated {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
