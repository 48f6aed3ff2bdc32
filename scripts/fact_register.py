#!/usr/bin/env python3
"""The course's fact-check register, data/fact_checks.csv: one row for every sentence a learner reads that makes a
checkable claim — a superlative or absolute (first, last, only, never, no … since, every, all, none, always…), a
count, a date, or a hedge ("not verified", "no source found") — with a verdict, the correction made where the
verdict was not "correct", the sources the check relied on and the day it was checked.

Where the sentences come from (the texts authors write; generated files such as INSTRUCTORS.md are covered
through their sources):

- notebooks/*.ipynb: markdown cells, and the string literals of code cells;
- pkru/lessons/ and pkru/checks/: string literals a learner sees (titles, subtitles, printed sentences, check
  messages; docstrings and short labels are left out); an f-string counts with its computed parts as {…};
- data/quizzes/*.json: question, options and explanation;
- the text columns of data/ tables that notebooks show (events, visits, projects, claims, phases, theory key,
  lessons content);
- course.yml: key questions, objectives and the seminar's good answers; instructors/notes.md; README.md.

Each sentence is keyed by a hash of its normalised text (``key``): change a sentence and it needs a new row — the
check is redone. ``tests/test_fact_checks.py`` fails on a sentence without a row, a row without a verdict or with
unknown sources, and a row whose sentence is gone.

Usage:
    python scripts/fact_register.py            # report: sentences found, missing rows, stale rows
    python scripts/fact_register.py --add      # add a blank row (no verdict yet) for each new sentence, and
                                               # bring every row's location up to date
    python scripts/fact_register.py --prune    # drop rows whose sentence no longer exists
"""
from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "data" / "fact_checks.csv"
COLUMNS = ["claim_id", "location", "claim", "verdict", "correction", "source_ids", "checked"]
#: correct = checked and true as written; corrected = was wrong, overstated or wrongly hedged, and has been rewritten
#: (the correction column says what changed); data-derived = a figure computed from a table of data/ (the sources
#: are the table's); interpretation = a reading the course marks as its own; distractor = a wrong quiz option the
#: quiz marks as wrong; uncertain = the course itself says the evidence is unsettled, and the check agrees;
#: course = a sentence about the course itself (its notebooks, quizzes, commands, what a chart shows), checked against
#: the course's own files.
VERDICTS = ["correct", "corrected", "data-derived", "interpretation", "distractor", "uncertain", "course"]
#: every row names at least one source of data/sources.csv, as every row of data/ does: a sentence about the course
#: itself, or a reading the course marks as its own, cites ``course_itself``; a wrong quiz option its question's
#: sources
NEEDS_SOURCE = set(VERDICTS)

# ------------------------------------------------------------------ what makes a sentence checkable
ABSOLUTE = re.compile(r"\b(first|last|only|never|ever|every|all|none|nobody|always|sole|alone|largest|biggest|"
                      r"smallest|highest|lowest|most|least|since|no longer|no other|not once)\b", re.I)
NUMBER_WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                          r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|decades?|twice|thrice|"
                          r"half|quarter|third)\b", re.I)
MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
HEDGE = re.compile(r"\b(not (?:been |yet )?(?:verified|confirmed|found|recorded|stated|dated|documented|known)|"
                   r"unverified|unconfirmed|undated|no (?:course )?sources?\b|cannot be (?:dated|verified|confirmed)|"
                   r"could not (?:be )?(?:verify|verified|find|found|confirm|confirmed|date|dated)|uncertain|"
                   r"unclear|disputed)", re.I)
# numbers that are not claims: the course's own numbering
NUMBERING = re.compile(r"\b(?:notebooks?|sections?|exercises?|questions?|steps?|cells?|part|chart|table|level|"
                       r"phase|week|day)\s+\*{0,2}\d+\*{0,2}(?:\s*[–-]\s*\d+)?|\bq\d\d_\d+|\b\d\d_[a-z_]+|"
                       r"\bnb\d\d\b|\bev\d{4}_\w+|\bv\d{4}_\w+|\{[^}]*\}", re.I)


def kinds(sentence: str) -> list[str]:
    """The kinds of checkable claim a sentence makes (empty: nothing to check)."""
    text = NUMBERING.sub(" ", sentence)
    out = []
    if ABSOLUTE.search(text):
        out.append("absolute")
    if re.search(r"\b(1[89]\d\d|20\d\d)s?\b", text) or MONTHS.search(text):
        out.append("date")
    if re.search(r"\d", re.sub(r"\b(1[89]\d\d|20\d\d)s?\b", " ", text)) or NUMBER_WORDS.search(text):
        out.append("count")
    if HEDGE.search(text):
        out.append("hedge")
    return out


# ------------------------------------------------------------------ sentences
def normalise(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)                 # HTML tags
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links -> their text
    text = re.sub(r"[*_`#>|]", " ", text)
    return " ".join(text.split())


def key_of(sentence: str) -> str:
    return hashlib.sha1(normalise(sentence).lower().encode("utf-8")).hexdigest()[:12]


SPLIT = re.compile(r"(?<=[.!?;:])\s+(?=[\"“(\[]?[A-Z0-9])|\n\s*\n|\n\s*[-*]\s+|\n\s*\d+\.\s+|\n\s*\|")


def sentences(text: str) -> list[str]:
    out = []
    for part in SPLIT.split(text or ""):
        s = normalise(part)
        if len(s.split()) >= 4 and re.search(r"[A-Za-z]{3}", s):
            out.append(s)
    return out


@dataclass(frozen=True)
class Sentence:
    key: str
    location: str
    text: str
    kinds: tuple[str, ...]


def _literals(source: str) -> list[str]:
    """String literals of Python code (f-strings with their computed parts as {…}), docstrings left out."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    inside_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            out.append("".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
              and id(node) not in inside_fstring):
            out.append(node.value)
    # identifiers, column names, format strings and paths are not sentences: a sentence has spaces
    return [t for t in out if " " in t.strip() and not re.fullmatch(r"[\w./:%{}…-]+(\s+[\w./:%{}…-]+)?", t.strip())]


def _from_notebook(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).as_posix()
    for i, c in enumerate(nb["cells"]):
        src = "".join(c["source"])
        if c["cell_type"] == "markdown":
            yield f"{rel}#cell{i}", src
        elif c["cell_type"] == "code":
            for lit in _literals(src):
                yield f"{rel}#cell{i}", lit


def _from_python(path: Path):
    rel = path.relative_to(ROOT).as_posix()
    for lit in _literals(path.read_text(encoding="utf-8")):
        yield rel, lit


#: Text columns of data/ that notebooks show a learner (ids, enums and codes are not sentences).
TABLE_TEXT = {
    "events.csv": ["title", "summary"], "visits.csv": ["occasion"], "projects.csv": ["milestone", "note"],
    "claims.csv": ["claim", "explanation"], "phases.csv": ["description"], "theory_key.csv": ["reasoning"],
    "reference_audit.csv": ["reference", "cited_for"], "trade.csv": ["note"],
    "unga_ukraine_votes.csv": ["resolution"],
}


def _from_tables():
    for path in sorted((ROOT / "data").rglob("*.csv")):
        rel = path.relative_to(ROOT / "data").as_posix()
        if path.name == "fact_checks.csv":
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if not rows:
            continue
        cols = TABLE_TEXT.get(rel)
        if cols is None and rel.startswith("lessons/"):
            cols = [c for c in rows[0] if any(len(str(r[c]).split()) >= 4 for r in rows)]
        for i, r in enumerate(rows, start=2):
            for col in cols or []:
                if col in r and r[col]:
                    yield f"data/{rel}:{i}:{col}", r[col]


def _from_quizzes():
    for path in sorted((ROOT / "data" / "quizzes").glob("*.json")):
        rel = path.relative_to(ROOT).as_posix()
        for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            yield f"{rel}#{q['id']}", q["question"]
            for o in q["options"]:
                yield f"{rel}#{q['id']}:option", o
            yield f"{rel}#{q['id']}:explanation", q["explanation"]


def _from_manifest():
    doc = yaml.safe_load((ROOT / "course.yml").read_text(encoding="utf-8"))
    for n in doc["notebooks"]:
        loc = f"course.yml#{n['id']}"
        yield f"{loc}:key_question", n.get("key_question", "")
        for o in n.get("objectives", []):
            yield f"{loc}:objectives", o
        for g in (n.get("seminar") or {}).get("good_answers", []):
            yield f"{loc}:good_answers", g


#: lines that scripts/sync_course.py writes from course.yml (the notebook header's file list): not claims
GENERATED = re.compile(r"^(Data used:|Quiz:|Exercises:)")


def collect() -> list[Sentence]:
    """Every checkable sentence of the course, once per (location, text), in a stable order."""
    texts = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        texts += _from_notebook(path)
    for path in sorted((ROOT / "pkru" / "lessons").rglob("*.py")) + sorted((ROOT / "pkru" / "checks").glob("*.py")):
        texts += _from_python(path)
    texts += _from_quizzes()
    texts += _from_tables()
    texts += _from_manifest()
    for name in ("instructors/notes.md", "README.md"):
        texts.append((name, (ROOT / name).read_text(encoding="utf-8")))
    seen, out = set(), []
    for loc, text in texts:
        for s in sentences(text):
            if GENERATED.match(s):
                continue
            k = kinds(s)
            key = key_of(s)
            if k and key not in seen:
                seen.add(key)
                out.append(Sentence(key, loc, s, tuple(k)))
    return out


# ------------------------------------------------------------------ the register
def read_register(path: Path = REGISTER) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_register(rows: list[dict], path: Path = REGISTER) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(sorted(rows, key=lambda r: (r["location"], r["claim_id"])))
    path.write_text(buf.getvalue(), encoding="utf-8")


def problems(rows: list[dict], source_ids: set[str]) -> list[str]:
    """What is wrong with the register's rows: one message per problem, naming the line and the field."""
    out = []
    seen = set()
    for line, r in enumerate(rows, start=2):
        where = f"data/fact_checks.csv line {line} ({r.get('claim_id', '?')})"
        if r["claim_id"] in seen:
            out.append(f"{where}: claim_id appears twice")
        seen.add(r["claim_id"])
        if key_of(r["claim"]) != r["claim_id"]:
            out.append(f"{where}: claim_id is not the key of the claim's text (edited by hand? rerun --add)")
        if r["verdict"] not in VERDICTS:
            out.append(f"{where}: verdict {r['verdict']!r} is not one of {', '.join(VERDICTS)}")
            continue
        ids = [x.strip() for x in r["source_ids"].split(";") if x.strip()]
        unknown = [x for x in ids if x not in source_ids]
        if unknown:
            out.append(f"{where}: source_ids: unknown source {unknown[0]!r} (not in data/sources.csv)")
        if r["verdict"] in NEEDS_SOURCE and not ids:
            out.append(f"{where}: verdict {r['verdict']} needs at least one source in source_ids")
        if r["verdict"] == "corrected" and not r["correction"].strip():
            out.append(f"{where}: verdict corrected needs the correction (what changed)")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["checked"]):
            out.append(f"{where}: checked {r['checked']!r} is not a date (YYYY-MM-DD)")
    return out


def compare(found: list[Sentence], rows: list[dict]) -> tuple[list[Sentence], list[dict]]:
    """(sentences without a row, rows whose sentence is gone)."""
    have = {r["claim_id"] for r in rows}
    keys = {s.key for s in found}
    return [s for s in found if s.key not in have], [r for r in rows if r["claim_id"] not in keys]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--add", action="store_true", help="add a blank row for each sentence without one")
    p.add_argument("--prune", action="store_true", help="drop rows whose sentence is gone")
    args = p.parse_args(argv)
    found, rows = collect(), read_register()
    missing, stale = compare(found, rows)
    print(f"{len(found)} checkable sentences; {len(rows)} rows; {len(missing)} without a row; {len(stale)} stale rows")
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        bad = problems(rows, {r["source_id"] for r in csv.DictReader(fh)})
    for b in bad[:20]:
        print(f"  {b}")
    if len(bad) > 20:
        print(f"  ... and {len(bad) - 20} more problems")
    if args.add and missing:
        rows += [{"claim_id": s.key, "location": s.location, "claim": s.text, "verdict": "", "correction": "",
                  "source_ids": "", "checked": ""} for s in missing]
    if args.prune and stale:
        gone = {r["claim_id"] for r in stale}
        rows = [r for r in rows if r["claim_id"] not in gone]
    if args.add or args.prune:
        where = {s.key: s.location for s in found}   # cells move: keep each row's location current
        for r in rows:
            r["location"] = where.get(r["claim_id"], r["location"])
        write_register(rows)
        print(f"wrote {REGISTER.relative_to(ROOT)} ({len(rows)} rows)")
    for s in missing[:20]:
        print(f"  no row: {s.location}: {s.text[:100]}")
    return 1 if (missing or stale or bad) and not (args.add or args.prune) else 0


if __name__ == "__main__":
    sys.exit(main())
