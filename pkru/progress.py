"""A learner's own things: saved quiz results and personal copies of the exercise notebooks.

Everything lives in the work folder ``work/`` at the top of the course (git ignores it, so a course
update with ``git pull`` never touches it). Set ``PKRU_WORK`` to keep it somewhere else.

- Quiz results are written atomically (a temporary file, then a rename). A progress file that
  cannot be read is moved aside (``progress.json.corrupt-<time>``) with a message; it is never
  deleted and never crashes a notebook.
- ``my_copy("04")`` copies ``exercises/04_trade.ipynb`` to ``work/04_trade.ipynb`` if that copy does
  not exist yet, and never overwrites it.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from .data import repo_root


def work_dir() -> Path:
    d = Path(os.environ.get("PKRU_WORK") or repo_root() / "work")
    d.mkdir(parents=True, exist_ok=True)
    return d


def progress_file() -> Path:
    return work_dir() / "progress.json"


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_progress() -> dict:
    """{"quizzes": {stem: {question_id: {"correct": bool, "first_try": bool, "time": iso}}}}"""
    path = progress_file()
    if not path.exists():
        return {"quizzes": {}}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or not isinstance(doc.get("quizzes", {}), dict):
            raise ValueError("unexpected structure")
        doc.setdefault("quizzes", {})
        return doc
    except (ValueError, UnicodeDecodeError) as exc:
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        shutil.move(str(path), aside)
        warnings.warn(f"{path} could not be read ({exc}); it was moved to {aside.name} and a new progress "
                      "file was started. Nothing was deleted.", stacklevel=2)
        return {"quizzes": {}}


def record_quiz(stem: str, question_id: str, correct: bool) -> None:
    doc = read_progress()
    q = doc["quizzes"].setdefault(stem, {})
    prev = q.get(question_id)
    q[question_id] = {"correct": bool(correct) or bool(prev and prev.get("correct")),
                      "first_try": prev["first_try"] if prev else bool(correct),
                      "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    _atomic_write(progress_file(), json.dumps(doc, indent=1, sort_keys=True))


def my_copy(notebook: str) -> Path:
    """Your personal copy of a notebook's exercises (created from exercises/ the first time)."""
    from .manifest import entry

    e = entry(notebook)
    src = repo_root() / e.exercise
    dst = work_dir() / f"{e.stem}.ipynb"
    if not dst.exists():
        if not src.exists():
            raise FileNotFoundError(f"{e.exercise} does not exist (is notebook {e.id} ready yet?)")
        shutil.copyfile(src, dst)
    return dst


def _question_count(quiz: str) -> int:
    """Number of questions in a quiz file of data/ (progress only counts; pkru.quiz validates the file)."""
    doc = json.loads((repo_root() / "data" / quiz).read_text(encoding="utf-8"))
    return len(doc["questions"])


def summary() -> list[dict]:
    """One row per ready notebook: quiz questions answered / right, and whether your exercise copy exists."""
    from .manifest import entries

    doc = read_progress()
    rows = []
    for e in entries(ready_only=True):
        try:
            total = _question_count(e.quiz)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            rows.append({"notebook": e.stem, "title": e.title, "questions": 0, "answered": 0, "right": 0,
                         "status": f"quiz unavailable ({exc})", "exercise_copy": False})
            continue
        got = doc["quizzes"].get(Path(e.quiz).stem, {})
        rows.append({"notebook": e.stem, "title": e.title, "questions": total, "answered": len(got),
                     "right": sum(1 for v in got.values() if v.get("correct")),
                     "status": "done" if total and len(got) >= total else ("started" if got else "to do"),
                     "exercise_copy": (work_dir() / f"{e.stem}.ipynb").exists()})
    return rows
