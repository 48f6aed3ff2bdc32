"""data/datapackage.json is a valid Frictionless Data Package: the ecosystem's own validator accepts it and
every table under it, and the course's loader (pkru.data) enforces at least what the standard does.

Partial dates (``1965``, ``1969-01``) are not Table Schema ``date`` values (that type takes full dates only),
so the schema declares them as strings with a pattern, next to their precision column; ``pkru.data`` still
checks them as dates (form, real calendar day, agreement with the precision)."""
from __future__ import annotations

import json
import shutil

import pytest

from pkru.data import CourseDataError, date_form, load

from conftest import ROOT

frictionless = pytest.importorskip("frictionless", reason="frictionless is a test dependency (requirements-dev.txt)")


def _errors(report) -> list[str]:
    out = []
    for task in report.tasks:
        for e in task.errors:
            out.append(f"{task.name}: {e.message}")
    out += [e.message for e in report.errors]
    return out


def _validate_one(data, name):
    """Validate one table of a copied data folder, under the package's schema (quicker than the whole package)."""
    return frictionless.Package(str(data / "datapackage.json")).get_resource(name).validate()


def _copy_data(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst)
    return dst


def test_frictionless_validates_the_data_package():
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    errors = _errors(report)
    assert report.valid, f"{len(errors)} problem(s), first ones:\n" + "\n".join(errors[:10])
    assert len(report.tasks) == len(json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"])


def test_frictionless_rejects_partial_dates_typed_as_date(tmp_path):
    """The check can fail: declaring the events' partial dates as Table Schema dates is what the standard
    rejects (this was the state before the schema was fixed)."""
    data = _copy_data(tmp_path)
    pkg = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        if res["name"] == "events":
            field = next(f for f in res["schema"]["fields"] if f["name"] == "date")
            field["type"] = "date"
            field["constraints"].pop("pattern")
    (data / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    report = _validate_one(data, "events")
    assert not report.valid
    assert any("type-error" == e.type for t in report.tasks for e in t.errors)


def test_frictionless_catches_a_bad_row(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "arms_imports_2026.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",PAK,", ",PAKISTAN,", 1), encoding="utf-8")
    report = _validate_one(data, "arms_imports_2026")
    assert not report.valid and any("PAKISTAN" in m for m in _errors(report))


def test_every_date_field_is_checked_as_a_date_by_the_course_loader():
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    partial = []
    for res in pkg["resources"]:
        for f in res.get("schema", {}).get("fields", []):
            if f.get("precisionField"):
                assert f["type"] == "string" and "pattern" in f["constraints"], (res["name"], f["name"])
                assert date_form(f) == "partial"
                partial.append(f"{res['name']}.{f['name']}")
            elif f.get("type") == "date":
                assert date_form(f) == "full"
    assert {"events.date", "visits.date", "projects.date"} <= set(partial)


@pytest.mark.parametrize("table, old, new, message", [
    ("events", "1948-05-01,day", "1948-02-30,day", r"line 2, column 'date': '1948-02-30' is not a real calendar date"),
    ("events", "1948-05-01,day", "1948-5-1,day",
     r"line 2, column 'date': '1948-5-1' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("visits", "1965-04,month", "1965-04,year", r"'1965-04' does not match its precision 'year'"),
    ("sources", ",2026-11-22", ",2026-11", r"column 'accessed': '2026-11' is not a date of the form YYYY-MM-DD"),
    ("unga_resolutions", ",2022-03-02,", ",2022-03-32,", r"column 'date': '2022-03-32' is not a real calendar date"),
])
def test_the_loader_still_enforces_dates(course_copy, table, old, new, message):
    path = course_copy / "data" / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CourseDataError, match=message):
        load(table)
