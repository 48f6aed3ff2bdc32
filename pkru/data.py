"""Data access: find the course folder, load each table of data/ and validate it against its schema.

The schema of every file lives in ``data/datapackage.json`` (Frictionless Data Package layout).
``load("events")`` reads ``data/events.csv``, checks every row against that schema and returns a
pandas DataFrame. Anything wrong with a file (missing, unreadable encoding, a row with the wrong
number of fields, a missing column, a bad value, a duplicate id, an unknown source id) raises one
:class:`CourseDataError` whose message names the file, the line and the column.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
from functools import lru_cache, wraps
from pathlib import Path

import pandas as pd

MARKER = "course.yml"
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION_LEN = {"year": 4, "month": 7, "day": 10}


class CourseDataError(ValueError):
    """A data file of the course is missing or malformed. The message says where and what."""

    def __init__(self, file, message, line=None, column=None):
        self.file, self.line, self.column = str(file), line, column
        where = self.file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def repo_root(start: str | os.PathLike | None = None) -> Path:
    """The course folder: the nearest folder at or above ``start`` (default: the working
    directory, then this package's folder) that holds ``course.yml``.

    Set ``PKRU_ROOT`` to point at a copy of the course explicitly."""
    env = os.environ.get("PKRU_ROOT")
    if env:
        return Path(env).resolve()
    starts = [Path(start)] if start else [Path.cwd(), Path(__file__).resolve().parent]
    for s in starts:
        for folder in [s.resolve(), *s.resolve().parents]:
            if (folder / MARKER).is_file():
                return folder
    raise FileNotFoundError(
        f"Could not find the course folder (a folder containing {MARKER}) above {starts[0]}. "
        "Open the notebook from inside the course folder, or set PKRU_ROOT to its path."
    )


def data_path(*parts: str) -> Path:
    """Path of a file inside the course's data/ folder, e.g. ``data_path("events.csv")``."""
    return repo_root() / "data" / Path(*parts)


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(repo_root()).as_posix()
    except (ValueError, FileNotFoundError):
        return str(path)


@lru_cache(maxsize=4)
def _package(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as fh:
        try:
            return json.load(fh)
        except json.JSONDecodeError as exc:
            raise CourseDataError(_rel(Path(path)), f"not valid JSON ({exc.msg})", line=exc.lineno) from None


def datapackage(root: Path | None = None) -> dict:
    """The data dictionary (data/datapackage.json) as a dict."""
    path = (root or repo_root()) / "data" / "datapackage.json"
    if not path.is_file():
        raise CourseDataError(_rel(path), "the data dictionary is missing")
    return _package(str(path), path.stat().st_mtime)


def resource(name: str, root: Path | None = None) -> dict:
    """The data-dictionary entry of one table, by name ("events") or file name ("events.csv")."""
    name = name.removesuffix(".csv")
    for res in datapackage(root)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in datapackage(root)["resources"])
    raise KeyError(f"No table called '{name}' in data/datapackage.json. Known tables: {known}")


# ---------------------------------------------------------------- validation
def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rel = _rel(path)
    if not path.is_file():
        raise CourseDataError(rel, "file not found (was it deleted or renamed? `git checkout data/` restores it)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CourseDataError(rel, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line=line) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CourseDataError(rel, "the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise CourseDataError(rel, f"broken CSV ({exc})", line=reader.line_num) from None
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body, start=2):
        if len(row) != len(header) and any(cell.strip() for cell in row):
            raise CourseDataError(
                rel, f"{len(row)} fields where the header has {len(header)} "
                "(a missing or extra comma, or an unclosed quote?)", line=i)
    return header, [r for r in body if any(cell.strip() for cell in r)]


def date_form(field: dict) -> str | None:
    """How a field of the schema holds dates: ``"full"`` for Table Schema's ``date`` type (YYYY-MM-DD only),
    ``"partial"`` for a string field with a ``precisionField`` (YYYY, YYYY-MM or YYYY-MM-DD, its precision in
    another column: Table Schema's ``date`` type takes full dates only, so partial dates are strings with a
    pattern), otherwise None. Both kinds are checked for their form and for being a real calendar date."""
    if field.get("precisionField"):
        return "partial"
    return "full" if field.get("type", "string") == "date" else None


def _check_value(field: dict, value: str):
    """Return an error message for one cell, or None."""
    cons = field.get("constraints", {})
    if value == "":
        return "is empty but required" if cons.get("required") else None
    kind = field.get("type", "string")
    form = date_form(field)
    if form:
        if not DATE_RE.match(value) or (form == "full" and len(value) != 10):
            shape = "YYYY, YYYY-MM or YYYY-MM-DD" if form == "partial" else "YYYY-MM-DD"
            return f"'{value}' is not a date of the form {shape}"
        y, m, d = (value.split("-") + [None, None])[:3]
        try:
            pd.Timestamp(year=int(y), month=int(m or 1), day=int(d or 1))
        except ValueError:
            return f"'{value}' is not a real calendar date"
    elif kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return f"'{value}' is not a whole number"
    elif kind == "number":
        try:
            float(value)
        except ValueError:
            return f"'{value}' is not a number"
    if "enum" in cons and value not in cons["enum"]:
        return f"'{value}' is not one of: {', '.join(map(str, cons['enum']))}"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        return f"'{value}' does not match the pattern {cons['pattern']}"
    if kind in ("integer", "number"):
        num = float(value)
        if "minimum" in cons and num < cons["minimum"]:
            return f"{value} is below the minimum {cons['minimum']}"
        if "maximum" in cons and num > cons["maximum"]:
            return f"{value} is above the maximum {cons['maximum']}"
    return None


def _first_problem_in_column(f: dict, idx: dict, rows: list[list[str]], source_ids) -> tuple[int, str] | None:
    """(line, message) of the first bad cell of field ``f``, or None."""
    col = idx[f["name"]]
    prec = f.get("precisionField")
    pcol = idx[prec] if prec else None
    check_sources = bool(f.get("sourceList")) and source_ids is not None
    verdicts: dict = {}
    for lineno, row in enumerate(rows, start=2):
        value = row[col].strip()
        key = (value, row[pcol].strip()) if pcol is not None else value
        if key in verdicts:
            problem = verdicts[key]
        else:
            problem = _check_value(f, value)
            if not problem and pcol is not None and value:
                want = PRECISION_LEN.get(key[1])
                if want and len(value) != want:
                    problem = (f"'{value}' does not match its precision '{key[1]}' "
                               "(year → YYYY, month → YYYY-MM, day → YYYY-MM-DD)")
            if not problem and check_sources:
                ids = [s.strip() for s in value.split(";") if s.strip()]
                if not ids:
                    problem = "no source id: every row must cite a source"
                else:
                    unknown = [s for s in ids if s not in source_ids]
                    if unknown:
                        problem = f"unknown source id '{unknown[0]}' (not in data/sources.csv)"
            verdicts[key] = problem
        if problem:
            return lineno, problem
    return None


def validate_rows(res: dict, header: list[str], rows: list[list[str]], rel: str, source_ids=None) -> None:
    """Check parsed CSV rows against a data-dictionary entry; raise CourseDataError on the first problem."""
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise CourseDataError(rel, f"missing column(s) {', '.join(missing)}; the header is: {','.join(header)}", line=1)
    extra = [h for h in header if h not in names]
    if extra:
        raise CourseDataError(rel, f"unexpected column(s) {', '.join(extra)} (not in data/datapackage.json)", line=1)
    idx = {h: i for i, h in enumerate(header)}
    # Column by column, each distinct value checked once (tables repeat years, codes and source ids a lot);
    # then the first problem in reading order (lowest line, then column order) is reported, as a reader
    # going down the file would meet it.
    first = None
    for order, f in enumerate(fields):
        found = _first_problem_in_column(f, idx, rows, source_ids)
        if found and (first is None or (found[0], order) < (first[0], first[1])):
            first = (found[0], order, found[1], f["name"])
    if first:
        raise CourseDataError(rel, first[2], line=first[0], column=first[3])
    key = res["schema"].get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else key
        seen = {}
        for lineno, row in enumerate(rows, start=2):
            k = tuple(row[idx[c]].strip() for c in key)
            if k in seen:
                raise CourseDataError(rel, f"duplicate {'/'.join(key)} {'/'.join(k)} (first seen on line {seen[k]})",
                                      line=lineno, column=key[0])
            seen[k] = lineno


def _to_frame(res: dict, header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=header, dtype=object)
    df = df[[f["name"] for f in res["schema"]["fields"]]]
    for f in res["schema"]["fields"]:
        col = df[f["name"]].str.strip()
        kind = f.get("type", "string")
        if kind == "integer":
            df[f["name"]] = pd.to_numeric(col.replace("", None)).astype("Int64")
        elif kind == "number":
            df[f["name"]] = pd.to_numeric(col.replace("", None)).astype("float64")
        else:
            df[f["name"]] = col.astype("string")
    return df


@lru_cache(maxsize=32)
def _load_cached(name: str, path: str, mtime: float, src_mtime: float, root: str) -> pd.DataFrame:
    res = resource(name, Path(root))
    rel = f"data/{res['path']}"
    header, rows = _read_rows(Path(path))
    sources = None
    if any(f.get("sourceList") for f in res["schema"]["fields"]):
        sources = set(load("sources")["source_id"])
    validate_rows(res, header, rows, rel, sources)
    return _to_frame(res, header, rows)


def load(name: str) -> pd.DataFrame:
    """Load and validate one table of data/, e.g. ``load("events")``. Returns a copy you may change."""
    root = repo_root()
    res = resource(name, root)
    path = root / "data" / res["path"]
    if "schema" not in res:
        raise CourseDataError(f"data/{res['path']}", f"'{name}' is a text, not a table: use pkru.data.load_text({name!r})")
    if not path.is_file():
        raise CourseDataError(f"data/{res['path']}", "file not found (was it deleted or renamed? "
                              "`git checkout data/` restores it)")
    src = root / "data" / "sources.csv"
    src_mtime = src.stat().st_mtime if src.is_file() else 0.0
    return _load_cached(res["name"], str(path), path.stat().st_mtime, src_mtime, str(root)).copy()


def load_text(name: str) -> str:
    """A text resource of data/ (Markdown content a lesson shows, e.g. ``load_text("brief_template")``)."""
    root = repo_root()
    res = resource(name, root)
    if "schema" in res:
        raise CourseDataError(f"data/{res['path']}", f"'{name}' is a table: use pkru.load({name!r})")
    path = root / "data" / res["path"]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(f"data/{res['path']}", "file not found (was it deleted or renamed? "
                              "`git checkout data/` restores it)") from None
    except UnicodeDecodeError as exc:
        raise CourseDataError(f"data/{res['path']}", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise CourseDataError(f"data/{res['path']}", "the file is empty")
    return text


def load_file(name: str, path: str | os.PathLike) -> pd.DataFrame:
    """Validate a file at any path against the schema of table ``name`` (used by tests and checks)."""
    res = resource(name)
    path = Path(path)
    header, rows = _read_rows(path)
    sources = None
    if any(f.get("sourceList") for f in res["schema"]["fields"]):
        sources = set(load("sources")["source_id"])
    validate_rows(res, header, rows, _rel(path), sources)
    return _to_frame(res, header, rows)


def data_state() -> tuple:
    """A value that changes whenever a file in data/ changes (names, sizes and modification times):
    the key under which results computed from the data may be reused."""
    folder = repo_root() / "data"
    return tuple((p.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns) for p in sorted(folder.rglob("*"))
                 if p.suffix in (".csv", ".md")
                 for st in [p.stat()]) + (str(folder),)


def reuse_while_data_unchanged(fn):
    """Decorator for a function of plain arguments (strings, numbers) that only reads data/: the result is
    computed once per argument and data state (see ``data_state``), and each call gets its own copy, so a
    learner who changes the returned table changes nothing else."""
    cache: dict = {}

    @wraps(fn)
    def wrapper(*args):
        key = (args, data_state())
        if key not in cache:
            if len(cache) > 64:
                cache.clear()
            cache[key] = fn(*args)
        return copy.deepcopy(cache[key])

    wrapper.cache_clear = cache.clear
    return wrapper


def split_ids(value: str) -> list[str]:
    """'a;b' -> ['a', 'b']"""
    return [s.strip() for s in str(value).split(";") if s.strip()]


def _label_map(sources: pd.DataFrame) -> dict[str, str]:
    """source id -> 'Publisher (year)' for every row of a sources table."""
    out = {}
    for sid, publisher, year in zip(sources["source_id"], sources["publisher"], sources["year"]):
        no_year = pd.isna(year) or str(year).strip() == ""
        out[sid] = f"{publisher}" if no_year else f"{publisher} ({int(year)})"
    return out


@lru_cache(maxsize=4)
def _course_label_map(path: str, mtime: float) -> dict[str, str]:
    return _label_map(load("sources"))


def source_label(source_ids: str, sources: pd.DataFrame | None = None) -> str:
    """Short human label for a ;-separated list of source ids: 'Dawn (2016); TASS (2018)'.
    Unknown ids are shown as they are."""
    if sources is None:
        src = repo_root() / "data" / "sources.csv"
        labels = _course_label_map(str(src), src.stat().st_mtime if src.is_file() else 0.0)
    else:
        labels = _label_map(sources)
    return "; ".join(labels.get(sid, sid) for sid in split_ids(source_ids))


def with_source_labels(df: pd.DataFrame, column: str = "source_ids", into: str = "source") -> pd.DataFrame:
    """Copy of ``df`` with a readable ``source`` column for tooltips."""
    out = df.copy()
    cache = {v: source_label(v) for v in out[column].dropna().unique()}
    out[into] = out[column].map(cache)
    return out


def date_midpoint(date: str, precision: str) -> pd.Timestamp:
    """A plotting position for a partial date: mid-year for a year, mid-month for a month.
    (A year-only fact is not 1 January; the tooltip shows the real precision.)"""
    parts = str(date).split("-")
    if precision == "year":
        return pd.Timestamp(year=int(parts[0]), month=7, day=1)
    if precision == "month":
        return pd.Timestamp(year=int(parts[0]), month=int(parts[1]), day=15)
    return pd.Timestamp(str(date))


def date_label(date: str, precision: str) -> str:
    """'1965-04' + 'month' -> 'April 1965'; day -> '10 January 1966'; year -> '1971'."""
    ts = date_midpoint(date, precision)
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return ts.strftime("%B %Y")
    return f"{ts.day} {ts.strftime('%B %Y')}"


def events_for_plot(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events with a plotting date (``when``), a readable date (``when_label``), a ``year`` and a ``source`` label."""
    ev = load("events") if events is None else events.copy()
    ev["when"] = pd.to_datetime(pd.Series([date_midpoint(d, p) for d, p in zip(ev["date"], ev["date_precision"])],
                                          index=ev.index, dtype="datetime64[ns]"))
    ev["when_label"] = [date_label(d, p) for d, p in zip(ev["date"], ev["date_precision"])]
    ev["year"] = ev["when"].dt.year
    return with_source_labels(ev)
