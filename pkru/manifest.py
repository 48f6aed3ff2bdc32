"""The course manifest (course.yml): the one place that holds the sequence of notebooks."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .data import CourseDataError, repo_root

REQUIRED = ["id", "slug", "title", "key_question", "status", "minutes", "objectives", "prerequisites", "data", "quiz"]


@dataclass(frozen=True)
class Entry:
    id: str
    slug: str
    title: str
    key_question: str
    status: str
    minutes: dict
    objectives: list
    prerequisites: list
    data: list
    quiz: str
    extra: dict = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return f"{self.id}_{self.slug}"

    @property
    def notebook(self) -> str:
        return f"notebooks/{self.stem}.ipynb"

    @property
    def exercise(self) -> str:
        return f"exercises/{self.stem}.ipynb"

    @property
    def solution(self) -> str:
        return f"solutions/{self.stem}.ipynb"

    @property
    def master(self) -> str:
        return f"scripts/exercise_masters/{self.stem}.ipynb"

    @property
    def total_minutes(self) -> int:
        return int(self.minutes.get("reading", 0)) + int(self.minutes.get("exercises", 0))

    @property
    def ready(self) -> bool:
        return self.status == "ready"


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[dict, tuple[Entry, ...]]:
    rel = "course.yml"
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C parser when present
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CourseDataError(rel, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                              line=mark.line + 1 if mark else None) from None
    entries = []
    for i, raw in enumerate(doc.get("notebooks") or []):
        missing = [k for k in REQUIRED if k not in raw]
        if missing:
            raise CourseDataError(rel, f"notebook entry {i} ({raw.get('id', '?')}) lacks {', '.join(missing)}",
                                  column=missing[0])
        if raw["status"] not in ("ready", "planned"):
            raise CourseDataError(rel, f"entry {raw['id']}: status must be ready or planned", column="status")
        known = {k: raw[k] for k in REQUIRED}
        entries.append(Entry(**{**known, "id": str(raw["id"])},
                             extra={k: v for k, v in raw.items() if k not in REQUIRED}))
    meta = {k: v for k, v in doc.items() if k != "notebooks"}
    return meta, tuple(entries)


def course(root: Path | None = None) -> tuple[dict, tuple[Entry, ...]]:
    path = (root or repo_root()) / "course.yml"
    return _load(str(path), path.stat().st_mtime)


def entries(root: Path | None = None, ready_only: bool = False) -> list[Entry]:
    es = list(course(root)[1])
    return [e for e in es if e.ready] if ready_only else es


def entry(key: str, root: Path | None = None) -> Entry:
    """One entry by id ("04"), slug ("trade") or stem ("04_trade")."""
    for e in entries(root):
        if key in (e.id, e.slug, e.stem):
            return e
    raise KeyError(f"No notebook '{key}' in course.yml")


def header_markdown(e: Entry) -> str:
    """The standard notebook header, generated from the manifest (scripts/sync_course.py writes it)."""
    obj = "\n".join(f"- {o}" for o in e.objectives)
    pre = "\n".join(f"| {p['concept']} | {p['importance']} |" for p in e.prerequisites)
    data = ", ".join(f"`data/{d}`" for d in e.data)
    return (
        f"# {e.id} · {e.title}\n\n"
        f"**Key question:** {e.key_question}\n\n"
        f"**Time to learn:** about {e.minutes['reading']} min reading + {e.minutes['exercises']} min exercises "
        f"(seminar timings often run about twice as long — that is fine).\n\n"
        f"## Learning objectives\n{obj}\n\n"
        f"## Prerequisites\n| Concept | Importance |\n| --- | --- |\n{pre}\n\n"
        f"**Data used:** {data} · **Quiz:** `data/{e.quiz}` · "
        f"**Exercises:** `{e.exercise}` (make your own copy first — see notebook 00)\n\n"
        f"*This header is generated from `course.yml`; edit it there.*"
    )


def course_map_markdown(root: Path | None = None, from_notebooks: bool = False) -> str:
    """The course map table (README, and notebook 00 with ``from_notebooks=True`` for relative links)."""
    rows = ["| # | Notebook | Key question | Time | Status |", "| --- | --- | --- | --- | --- |"]
    for e in entries(root):
        link = f"{e.stem}.ipynb" if from_notebooks else e.notebook
        name = f"[{e.title}]({link})" if e.ready else e.title
        status = "ready" if e.ready else "in preparation"
        rows.append(f"| {e.id} | {name} | {e.key_question} | {e.total_minutes} min | {status} |")
    return "\n".join(rows)
