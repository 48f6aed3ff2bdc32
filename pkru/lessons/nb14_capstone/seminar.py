"""Notebook 14 (capstone), section 2: the brief template, the rubric and the seminar plan
(``data/lessons/brief_template.md``, ``rubric.csv``, ``seminar_plan.csv``), and the export of a pack for a group.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ... import tables
from ...data import load, load_text
from .packs import _check_role, evidence_pack, pack_source_ids

BRIEF_SECTIONS = ["Question", "Claim", "Evidence", "Counter-evidence", "Interpretation", "Recommendation"]


def brief_template() -> str:
    """The one-page brief every group writes (Markdown)."""
    return load_text("brief_template")


def rubric_levels() -> list[str]:
    """Column labels of the rubric: '1 · Beginning' … '4 · Excellent'."""
    r = load("rubric").drop_duplicates("level").sort_values("level")
    return [f"{int(x.level)} · {x.level_name}" for x in r.itertuples(index=False)]


def rubric() -> dict[str, list[str]]:
    """{criterion: [descriptor of level 1, …, level 4]}, criteria in file order."""
    r = load("rubric")
    return {c: list(g.sort_values("level")["descriptor"]) for c, g in r.groupby("criterion", sort=False)}

# ------------------------------------------------------------------ rubric
def rubric_table() -> pd.DataFrame:
    """The rubric as a table: one row per criterion, one column per level."""
    return pd.DataFrame([[c, *levels] for c, levels in rubric().items()], columns=["Criterion", *rubric_levels()])


def rubric_markdown() -> str:
    return tables.markdown(rubric_table())


def score_brief(scores: dict) -> dict:
    """Total of one brief's rubric scores ({criterion: level 1–4}); raises ValueError naming any missing
    criterion or level outside 1–4. Returns {'total', 'max', 'percent'}."""
    criteria, levels = rubric(), rubric_levels()
    missing = [c for c in criteria if c not in scores]
    if missing:
        raise ValueError(f"No score for: {', '.join(missing)}")
    unknown = [c for c in scores if c not in criteria]
    if unknown:
        raise ValueError(f"Not a rubric criterion: {', '.join(unknown)}")
    for c, v in scores.items():
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= len(levels):
            raise ValueError(f"'{c}': the level must be a whole number from 1 to {len(levels)}, not {v!r}")
    total = sum(scores.values())
    top = len(criteria) * len(levels)
    return {"total": total, "max": top, "percent": round(100 * total / top, 1)}


def seminar_plan() -> pd.DataFrame:
    """The seminar plan with cumulative clock times (minutes from the start)."""
    df = load("seminar_plan").rename(columns={"stage": "Stage", "minutes": "Minutes", "what_happens": "What happens"})
    ends = df["Minutes"].cumsum()
    df.insert(1, "Clock", [f"{e - m}–{e}" for e, m in zip(ends, df["Minutes"])])
    return df


def seminar_markdown() -> str:
    return tables.markdown(seminar_plan())


# ------------------------------------------------------------------ export to Markdown
def pack_markdown(role: str, with_template: bool = True) -> str:
    """The pack (and, by default, the brief template and the rubric) as a Markdown document."""
    r = _check_role(role)
    pack = evidence_pack(role)
    pack = pack.assign(source_ids=pack["source_ids"].str.replace(";", "; ", regex=False))
    table = tables.markdown(pack[["n", "topic", "fact", "caveat", "source_ids"]].rename(columns={
        "n": "#", "topic": "Topic", "fact": "Fact", "caveat": "Caveat", "source_ids": "Source ids"}))
    src = load("sources").set_index("source_id")
    lines = [f"# Evidence pack: {r.name} ({r.capital})", "",
             f"**Question.** {r.question}", "", f"**Look for:** {r.look_for}.", "",
             "Every fact below is computed from, or quoted from, the tables of the course's `data/` folder.", "",
             table, "", "## Sources", ""]
    for sid in pack_source_ids(role):
        # one line per source: id, publisher (year), title, address
        row = src.loc[sid]
        year = "" if pd.isna(row["year"]) else f" ({int(row['year'])})"
        lines.append(f"- `{sid}` — {row['publisher']}{year}. *{row['title']}*. {row['url']}")
    if with_template:
        lines += ["", "## Your brief", "", brief_template().replace("[role]", r.name), "## Rubric", "",
                  rubric_markdown()]
    return "\n".join(lines) + "\n"


def export_pack(role: str, folder: str | Path | None = None, overwrite: bool = False) -> Path:
    """Write the pack, the brief template and the rubric to ``work/14_capstone_<role>.md`` (or ``folder``).

    An existing file is never overwritten unless ``overwrite=True`` (it may hold your brief): its path is
    returned unchanged."""
    from ...progress import work_dir

    _check_role(role)
    d = Path(folder) if folder is not None else work_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"14_capstone_{role.lower()}.md"
    if path.exists() and not overwrite:
        return path
    path.write_text(pack_markdown(role), encoding="utf-8")
    return path
