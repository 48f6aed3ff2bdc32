#!/usr/bin/env python3
"""Printable quiz handouts: for each ready notebook, a question sheet (no answers) and an answer key
(answers, explanations and full sources), as HTML pages that print cleanly (File → Print → PDF).

Usage: python scripts/handouts.py [--out FOLDER] [NN ...]     (default folder: work/handouts)
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pkru.data import CourseDataError, load  # noqa: E402
from pkru.manifest import entries  # noqa: E402
from pkru.quiz import load_quiz  # noqa: E402

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto; line-height: 1.45; color: #111; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; } .meta { color: #444; margin-top: 0; }
ol.questions > li { margin-bottom: 1.2em; page-break-inside: avoid; }
ol.options { list-style: upper-alpha; } .answer { font-weight: bold; }
.explain { margin: 0.3em 0 0; } .src { font-size: 0.9em; color: #333; }
.name { border-bottom: 1px solid #000; display: inline-block; min-width: 16em; }
@media print { body { margin: 0; max-width: none; } a { color: #000; text-decoration: none; } }
"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body>\n{body}\n</body></html>\n")


def _letters(n):
    return [chr(ord("A") + i) for i in range(n)]


def questions_sheet(e, doc) -> str:
    items = []
    for q in doc["questions"]:
        opts = "".join(f"<li>{html.escape(o)}</li>" for o in q["options"])
        items.append(f"<li><p>{html.escape(q['question'])}</p><ol class='options'>{opts}</ol></li>")
    body = (f"<h1>Quiz {e.id} · {html.escape(e.title)}</h1>"
            f"<p class='meta'>From Tension to Cooperation — Pakistan–Russia relations · "
            f"{len(doc['questions'])} questions · circle one letter per question</p>"
            f"<p>Name: <span class='name'>&nbsp;</span></p><ol class='questions'>{''.join(items)}</ol>")
    return _page(f"Quiz {e.id}", body)


def answer_key(e, doc, sources) -> str:
    by_id = sources.set_index("source_id")
    items = []
    for q in doc["questions"]:
        letter = _letters(len(q["options"]))[q["options"].index(q["answer"])]
        srcs = "; ".join(
            f"{html.escape(str(by_id.loc[s, 'publisher']))}, <i>{html.escape(str(by_id.loc[s, 'title']))}</i>, "
            f"{html.escape(str(by_id.loc[s, 'url']))}" for s in q["source_ids"])
        items.append(f"<li><p>{html.escape(q['question'])}</p><p class='answer'>{letter}. {html.escape(q['answer'])}</p>"
                     f"<p class='explain'>{html.escape(q['explanation'])}</p><p class='src'>Sources: {srcs}</p></li>")
    body = (f"<h1>Answer key · Quiz {e.id} · {html.escape(e.title)}</h1>"
            f"<p class='meta'>For instructors. Letters refer to the question sheet.</p>"
            f"<ol class='questions'>{''.join(items)}</ol>")
    return _page(f"Answer key {e.id}", body)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "work" / "handouts")
    p.add_argument("notebooks", nargs="*", help="ids such as 00 04 (default: every ready notebook)")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sources = load("sources")
    todo = [e for e in entries(ROOT, ready_only=True) if not args.notebooks or e.id in args.notebooks]
    for e in todo:
        try:
            doc = load_quiz(e.id)
        except CourseDataError as exc:
            print(f"skipped {e.stem}: {exc}")
            continue
        (args.out / f"{e.stem}_questions.html").write_text(questions_sheet(e, doc), encoding="utf-8")
        (args.out / f"{e.stem}_answer_key.html").write_text(answer_key(e, doc, sources), encoding="utf-8")
        print(f"wrote {e.stem}_questions.html and {e.stem}_answer_key.html")
    print(f"handouts in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
