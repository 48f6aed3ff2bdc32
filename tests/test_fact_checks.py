"""The fact-check register (data/fact_checks.csv, issue 15): every checkable sentence a learner reads has a row
with a verdict, and every row's sources resolve. scripts/fact_register.py finds the sentences; these tests fail
when a sentence is added or changed without a row (the check must be redone), when a row's sentence is gone, and
when a row is incomplete."""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("fact_register", ROOT / "scripts" / "fact_register.py")
fr = importlib.util.module_from_spec(_spec)
sys.modules["fact_register"] = fr
_spec.loader.exec_module(fr)


@pytest.fixture(scope="module")
def found():
    return fr.collect()


@pytest.fixture(scope="module")
def rows():
    assert fr.REGISTER.exists(), "data/fact_checks.csv is missing (python scripts/fact_register.py --add)"
    return fr.read_register()


@pytest.fixture(scope="module")
def source_ids():
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        return {r["source_id"] for r in csv.DictReader(fh)}


def test_the_collector_finds_the_kinds_the_issue_names(found):
    # several hundred sentences, of every kind: a collector that finds nothing would make the register vacuous
    assert len(found) > 500
    kinds = {k for s in found for k in s.kinds}
    assert kinds == {"absolute", "date", "count", "hedge"}
    texts = " ".join(s.text for s in found)
    assert "Imran Khan" in texts and "abstained" in texts


def test_every_checkable_sentence_has_a_row(found, rows):
    missing, _ = fr.compare(found, rows)
    assert not missing, (f"{len(missing)} sentence(s) without a row in data/fact_checks.csv — check each and record "
                         "it (python scripts/fact_register.py --add, then fill verdict, source_ids, checked):\n"
                         + "\n".join(f"  {s.location}: {s.text[:120]}" for s in missing[:15]))


def test_no_row_for_a_sentence_that_is_gone(found, rows):
    _, stale = fr.compare(found, rows)
    assert not stale, (f"{len(stale)} row(s) whose sentence no longer exists (python scripts/fact_register.py "
                       "--prune):\n" + "\n".join(f"  {r['location']}: {r['claim'][:120]}" for r in stale[:15]))


def test_every_row_is_complete_and_its_sources_resolve(rows, source_ids):
    bad = fr.problems(rows, source_ids)
    assert not bad, f"{len(bad)} problem(s) in data/fact_checks.csv:\n" + "\n".join(f"  {b}" for b in bad[:20])


def test_the_register_records_corrections(rows):
    # the point of the register: the check changed the course, and says how
    corrected = [r for r in rows if r["verdict"] == "corrected"]
    assert len(corrected) >= 100
    assert all(r["correction"].strip() for r in corrected)


# ---------------------------------------------------------------- the checks can fail
def test_a_new_sentence_without_a_row_is_reported(found, rows):
    new = "Pakistan joined the SCO in 2017, the first South Asian state to do so."
    extra = fr.Sentence(fr.key_of(new), "notebooks/99_new.ipynb#cell0", new, tuple(fr.kinds(new)))
    assert extra.kinds, "the added sentence must be of a checkable kind"
    missing, _ = fr.compare(found + [extra], rows)
    assert [s.text for s in missing] == [new]


def test_a_changed_sentence_needs_a_new_check():
    a = "Imran Khan was the first Pakistani prime minister in Moscow in 23 years."
    b = "Imran Khan was the first Pakistani prime minister on a bilateral visit to Moscow in 23 years."
    assert fr.key_of(a) != fr.key_of(b)
    # formatting alone does not change the key
    assert fr.key_of(a) == fr.key_of("**Imran Khan** was the first Pakistani prime minister in Moscow in 23 years.")


@pytest.mark.parametrize("change, message", [
    ({"verdict": "probably"}, "is not one of"),
    ({"source_ids": "no_such_source"}, "unknown source 'no_such_source'"),
    ({"verdict": "correct", "source_ids": ""}, "needs at least one source"),
    ({"verdict": "corrected", "correction": ""}, "needs the correction"),
    ({"checked": "last week"}, "is not a date"),
    ({"claim": "A sentence edited by hand after 2020."}, "is not the key of the claim"),
])
def test_an_incomplete_row_is_reported_with_its_line(rows, source_ids, change, message):
    row = dict(next(r for r in rows if r["verdict"] == "corrected" and r["source_ids"]))
    row.update(change)
    bad = fr.problems([row], source_ids)
    assert bad and message in bad[0] and "line 2" in bad[0], bad
