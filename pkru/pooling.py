"""Class pooling: learners export small CSV files; an instructor reads a folder of them.

Two kinds of file, told apart by their header:

- quiz scores (``pkru.pooling.export_scores("my name")``): ``learner,notebook,question_id,correct``
- factor weights (notebook 13's weighting widget, ``pkru.pooling.export_weights``): ``learner,factor,weight``

``read_class_folder(folder)`` validates every file. A malformed file, an empty file, an exact copy of
another file, or a second file from the same learner is *reported by name* and left out; nothing
crashes and no file is changed.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SCORE_HEADER = ["learner", "notebook", "question_id", "correct"]
WEIGHT_HEADER = ["learner", "factor", "weight"]
FACTORS = ["history", "geostrategy", "diplomacy", "trade", "security", "multilateral", "energy", "balancing",
           "culture", "challenges"]


def _safe_name(learner: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", learner.strip()).strip("_")
    if not name:
        raise ValueError("Give a name or a nickname (letters or digits), e.g. export_scores('amina').")
    return name


def export_scores(learner: str, folder: Path | None = None) -> Path:
    """Write your quiz results (from work/progress.json) to work/export/scores_<name>.csv."""
    from .progress import read_progress, work_dir

    name = _safe_name(learner)
    rows = [[learner.strip(), stem, qid, int(bool(v.get("first_try")))]
            for stem, qs in sorted(read_progress()["quizzes"].items()) for qid, v in sorted(qs.items())]
    folder = Path(folder or work_dir() / "export")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"scores_{name}.csv"
    _write(path, SCORE_HEADER, rows)
    return path


def export_weights(learner: str, weights: dict[str, float], folder: Path | None = None) -> Path:
    """Write factor weights (0–10) to work/export/weights_<name>.csv."""
    from .progress import work_dir

    name = _safe_name(learner)
    bad = [f for f in weights if f not in FACTORS]
    if bad:
        raise ValueError(f"Unknown factor(s) {bad}; factors are: {', '.join(FACTORS)}")
    out_of_range = {f: w for f, w in weights.items() if not 0 <= float(w) <= 10}
    if out_of_range:
        raise ValueError(f"Weights must be between 0 and 10; got {out_of_range}")
    folder = Path(folder or work_dir() / "export")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"weights_{name}.csv"
    _write(path, WEIGHT_HEADER, [[learner.strip(), f, float(w)] for f, w in weights.items()])
    return path


def _write(path: Path, header, rows) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@dataclass
class ClassData:
    scores: pd.DataFrame
    weights: pd.DataFrame
    report: list[dict] = field(default_factory=list)

    def report_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.report, columns=["file", "kind", "status", "message"])


class _Bad(Exception):
    pass


def _parse(path: Path) -> tuple[str, list[dict]]:
    raw = path.read_bytes()
    if not raw.strip():
        raise _Bad("the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _Bad(f"not UTF-8 text (line {line})") from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise _Bad(f"broken CSV ({exc})") from None
    header = [h.strip() for h in rows[0]]
    kind = {tuple(SCORE_HEADER): "scores", tuple(WEIGHT_HEADER): "weights"}.get(tuple(header))
    if kind is None:
        raise _Bad(f"unknown header {','.join(header)!r}; expected {','.join(SCORE_HEADER)!r} "
                   f"or {','.join(WEIGHT_HEADER)!r}")
    out = []
    for i, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        if len(r) != len(header):
            raise _Bad(f"line {i}: {len(r)} fields, expected {len(header)}")
        rec = dict(zip(header, (c.strip() for c in r)))
        if not rec["learner"]:
            raise _Bad(f"line {i}, column 'learner': empty")
        if kind == "scores":
            if rec["correct"] not in ("0", "1"):
                raise _Bad(f"line {i}, column 'correct': {rec['correct']!r} is not 0 or 1")
            rec["correct"] = int(rec["correct"])
        else:
            if rec["factor"] not in FACTORS:
                raise _Bad(f"line {i}, column 'factor': {rec['factor']!r} is not a course factor")
            try:
                rec["weight"] = float(rec["weight"])
            except ValueError:
                raise _Bad(f"line {i}, column 'weight': {rec['weight']!r} is not a number") from None
            if not 0 <= rec["weight"] <= 10:
                raise _Bad(f"line {i}, column 'weight': {rec['weight']} is outside 0–10")
        out.append(rec)
    if not out:
        raise _Bad("no data rows")
    if len({r["learner"] for r in out}) > 1:
        raise _Bad("rows from more than one learner in one file")
    return kind, out


def read_class_folder(folder: str | Path) -> ClassData:
    """Validate and pool every *.csv in a folder; see ``ClassData.report_frame()`` for what happened."""
    folder = Path(folder)
    report, seen_hash, seen_learner = [], {}, {}
    scores, weights = [], []
    if not folder.is_dir():
        report.append({"file": str(folder), "kind": "", "status": "missing", "message": "folder not found"})
        return ClassData(pd.DataFrame(columns=SCORE_HEADER), pd.DataFrame(columns=WEIGHT_HEADER), report)
    for path in sorted(folder.glob("*.csv")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen_hash:
            report.append({"file": path.name, "kind": "", "status": "duplicate",
                           "message": f"identical to {seen_hash[digest]}; left out"})
            continue
        seen_hash[digest] = path.name
        try:
            kind, rows = _parse(path)
        except _Bad as exc:
            report.append({"file": path.name, "kind": "", "status": "malformed", "message": f"{exc}; left out"})
            continue
        learner = rows[0]["learner"]
        key = (kind, learner.lower())
        if key in seen_learner:
            report.append({"file": path.name, "kind": kind, "status": "duplicate",
                           "message": f"a second {kind} file from '{learner}' (first: {seen_learner[key]}); left out"})
            continue
        seen_learner[key] = path.name
        (scores if kind == "scores" else weights).extend(rows)
        report.append({"file": path.name, "kind": kind, "status": "ok", "message": f"{len(rows)} rows from '{learner}'"})
    return ClassData(pd.DataFrame(scores, columns=SCORE_HEADER), pd.DataFrame(weights, columns=WEIGHT_HEADER), report)
