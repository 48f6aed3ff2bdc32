"""Exercises are generated from their masters, and every check accepts the solution and rejects wrong answers."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

from pkru import manifest
from pkru.exercises import Result

from conftest import ROOT, solution_namespace

READY = manifest.entries(ROOT, ready_only=True)
CHECK_CALL = re.compile(r"^\s*checks\.(ex\w+)\((\w+)\)\s*$", re.M)


def test_generated_files_are_up_to_date():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_exercises.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _wrong_value(v):
    if isinstance(v, bool):
        return not v
    if isinstance(v, int):
        return v + 1
    if isinstance(v, float):
        return v * 1.5 + 1
    if isinstance(v, str):
        return v + " (not this)"
    if isinstance(v, (list, tuple)):
        return type(v)(list(v)[:-1]) if len(v) > 1 else type(v)([*v, "extra"])
    if isinstance(v, dict):
        return {k: v[k] for k in list(v)[:-1]} if len(v) > 1 else {"x": 1}
    if isinstance(v, pd.DataFrame):
        return v.iloc[:-1] if len(v) > 1 else v.iloc[:0]
    if isinstance(v, pd.Series):
        return v.iloc[:-1]
    raise TypeError(type(v))


@pytest.mark.parametrize("e", READY, ids=lambda e: e.stem)
def test_every_check_accepts_the_solution_and_rejects_wrong_answers(e):
    calls = [m for src in _code_cells(ROOT / e.master) for m in CHECK_CALL.findall(src)]
    assert len(calls) >= 2, f"{e.master}: at least two exercises with checks.exN(answer) calls expected"
    ns = solution_namespace(e.stem)
    checks = ns["checks"]
    for fn, var in calls:
        check = getattr(checks, fn)
        good = check(ns[var])
        assert isinstance(good, Result) and good.ok, f"{e.stem} {fn}: the solution is not accepted: {good}"
        bad = check(_wrong_value(ns[var]))
        assert not bad.ok and bad.status == "not_yet", f"{e.stem} {fn}: a wrong answer was accepted"
        assert bad.message, f"{e.stem} {fn}: no hint for a wrong answer"
        blank = check(...)
        assert blank.status == "blank" and "Not answered yet" in blank._repr_html_()
        odd = check(object())
        assert odd.status == "not_yet", f"{e.stem} {fn}: an object of the wrong type must get a message"


@pytest.mark.parametrize("e", READY, ids=lambda e: e.stem)
def test_exercise_version_has_no_solution_code(e):
    master = "\n".join(_code_cells(ROOT / e.master))
    blocks = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", master, re.S)
    exercise = "\n".join(_code_cells(ROOT / e.exercise))
    assert blocks
    for b in blocks:
        for line in b.strip().splitlines():
            if len(line.strip()) > 25:
                assert line.strip() not in exercise, f"{e.exercise} leaks solution line: {line.strip()}"
    assert "### BEGIN SOLUTION" not in exercise and "### BEGIN SOLUTION" not in "\n".join(_code_cells(ROOT / e.solution))


def test_generator_blanks_and_rejects_bad_masters():
    import make_exercises as mx

    ex, sol = mx.split_cell("x = 1\n### BEGIN SOLUTION\nanswer = 2 + 2\n### END SOLUTION\ncheck(answer)", "code", "t")
    assert "answer = ...  # your answer" in ex and "2 + 2" not in ex
    assert sol == "x = 1\nanswer = 2 + 2\ncheck(answer)"
    with pytest.raises(mx.MasterError, match="without ### END SOLUTION"):
        mx.split_cell("### BEGIN SOLUTION\na = 1", "code", "t")
    with pytest.raises(mx.MasterError, match="must assign the answer to a name"):
        mx.split_cell("### BEGIN SOLUTION\nprint(1)\n### END SOLUTION", "code", "t")
