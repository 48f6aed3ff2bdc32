"""The nbgrader exports (scripts/grading_exports.py) grade like the course's own checks.

Fast tests check the generated assignments' structure. The slow one grades them with nbgrader itself, as an
instructor would: in an environment of its own (this one's packages plus what tests/grading/requirements.txt
adds to requirements.txt's pins, which the resolver must show changes no pin; see grading_env), `nbgrader
generate_assignment` makes the learners' versions, three learners hand in every assignment (one with the
worked solutions, one with a wrong answer to every exercise, one blank, i.e. the released notebook as it
is), and `nbgrader autograde` runs them. For every exercise of every notebook, nbgrader's points must match
the verdict of `pkru.checks` on the same answer in this process: full points exactly when the check says
right (solution), none for not yet (wrong) and not answered yet (blank).

It needs the package registry the first time (nbgrader is downloaded). Where the registry cannot be
reached the test is skipped and says so, unless INSTALL_TESTS=required (CI), which turns that into a
failure. GRADING_TESTS=skip skips it on purpose. Wall time: BENCHMARKS.md.
"""
from __future__ import annotations

import importlib.metadata
import inspect
import json
import os
import re
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from conftest import ROOT, solution_namespace
from pkru import manifest
from test_exercises import _wrong_value

import grading_exports as gx  # scripts/ is on sys.path (conftest)

READY = manifest.entries(ROOT, ready_only=True)
SCRIPT = ROOT / "scripts" / "grading_exports.py"
GRADING_REQUIREMENTS = ROOT / "tests" / "grading" / "requirements.txt"
STUDENTS = ("solution", "wrong", "blank")
TIMEOUT_S = 1200


def _nbgrader(nb: dict) -> list[dict]:
    return [c["metadata"]["nbgrader"] for c in nb["cells"]]


def _checks_in_master(e) -> list[tuple[str, str]]:
    nb = json.loads((ROOT / e.master).read_text(encoding="utf-8"))
    return [m.groups() for c in nb["cells"] if c["cell_type"] == "code"
            for m in re.finditer(r"^\s*checks\.(ex\w+)\((\w+)\)\s*$", "".join(c["source"]), re.M)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nbgrader-course")
    proc = subprocess.run([sys.executable, SCRIPT, "--out", out], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.mark.parametrize("e", READY, ids=lambda e: e.stem)
def test_every_exercise_becomes_an_answer_cell_and_a_test_cell(exported, e):
    nb = json.loads((exported / "source" / e.stem / f"{e.stem}.ipynb").read_text(encoding="utf-8"))
    meta = _nbgrader(nb)
    checks = _checks_in_master(e)
    tests = [m for m in meta if m["grade"] and not m["solution"]]
    assert [m["grade_id"] for m in tests] == [c for c, _ in checks]
    assert all(m["locked"] and m["points"] == gx.POINTS for m in tests)
    answers = [(c, m) for c, m in zip(nb["cells"], meta) if m["solution"] and c["cell_type"] == "code"]
    assert len(answers) == len(checks)
    for (cell, m), (check, var) in zip(answers, checks):
        src = "".join(cell["source"])
        assert m == {"schema_version": 3, "solution": True, "grade": False, "locked": False,
                     "grade_id": f"{check}_answer"}
        assert src.startswith("### BEGIN SOLUTION") and "### END SOLUTION" in src and f"checks.{check}(" not in src
    test_src = ["".join(c["source"]) for c, m in zip(nb["cells"], meta) if m["grade"] and not m["solution"]]
    assert test_src == [gx.test_cell_source(c, v) for c, v in checks]
    # every other cell: a manually graded written answer, or read-only
    for c, m in zip(nb["cells"], meta):
        if not m["solution"] and not m["grade"]:
            assert m["locked"], m
        if m["solution"] and c["cell_type"] == "markdown":
            assert m["grade"] and m["points"] == gx.POINTS
    assert len({m["grade_id"] for m in meta}) == len(meta)


def test_a_master_without_a_check_is_refused(tmp_path):
    e = READY[0]
    master = json.loads((ROOT / e.master).read_text(encoding="utf-8"))
    for c in master["cells"]:
        c["source"] = re.sub(r"checks\.ex\w+\(\w+\)", "print('no check')", "".join(c["source"]))
    bad = tmp_path / "master.ipynb"
    bad.write_text(json.dumps(master))
    with pytest.raises(gx.MasterError, match=r"master.ipynb cell \d+: a solution cell needs a checks.exN"):
        gx.assignment(bad, e)


# ---------------------------------------------------------------------------------------------- nbgrader
def _installer_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIRTUAL_ENV")}
    env["PKRU_ALLOW_NETWORK"], env["PYTHONPATH"] = "1", ""  # the installer needs the registry
    return env


def _install(cmd: list, what: str) -> str:
    proc = subprocess.run([str(c) for c in cmd], env=_installer_env(), capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        msg = f"{what} failed: {(proc.stderr or proc.stdout).strip()[-800:]}"
        unreachable = re.search(r"connect|resolve|network|timed out|Temporary failure|offline|dns", msg, re.I)
        if unreachable and os.environ.get("INSTALL_TESTS") != "required":
            pytest.skip(f"the package registry cannot be reached: {msg}")
        pytest.fail(msg)
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def grading_env(tmp_path_factory) -> Path:
    """An environment with nbgrader beside exactly the packages of the one running the tests (the course's
    .venv: requirements.txt's pins and the dev tools). First the resolver is asked what adding
    tests/grading/requirements.txt to requirements.txt would change here (a dry run): it must only add
    packages. The grading environment then reuses this environment's packages (a .pth file; they are
    installed and compiled already) and installs exactly those additions, so nbgrader never enters .venv."""
    if os.environ.get("GRADING_TESTS") == "skip":
        pytest.skip("GRADING_TESTS=skip")
    if subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True).returncode != 0:
        msg = "uv is not installed in this environment (python3 scripts/course.py setup installs it)"
        if os.environ.get("INSTALL_TESTS") == "required":
            pytest.fail(msg + " (INSTALL_TESTS=required)")
        pytest.skip(msg)
    plan = _install([sys.executable, "-m", "uv", "pip", "install", "--dry-run", "-p", sys.executable,
                     "-r", ROOT / "requirements.txt", "-r", GRADING_REQUIREMENTS], "resolving nbgrader beside the pins")
    removed = re.findall(r"^ - (\S+)$", plan, re.M)
    added = re.findall(r"^ \+ (\S+)$", plan, re.M)
    assert not removed, f"installing nbgrader would change these packages of the course: {removed}\n{plan}"
    assert any(a.startswith("nbgrader==") for a in added), plan
    venv = tmp_path_factory.mktemp("grading-env") / "venv"
    _install([sys.executable, "-m", "uv", "venv", "-q", "-p", sys.executable, venv], "creating the environment")
    site = next((venv / "lib").glob("python3*/site-packages"))
    # addsitedir, not a bare path: it also reads that folder's own .pth files (the editable pkru install)
    (site / "_course_packages.pth").write_text(f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n")
    # nbgrader runs the `alembic` command, which must be this environment's (it imports nbgrader's migrations):
    # install alembic's entry point here too when this environment already had alembic (JupyterHub's)
    if not any(a.startswith("alembic==") for a in added):
        added.append(f"alembic=={importlib.metadata.version('alembic')}")
    # --compile-bytecode: every graded notebook starts a kernel (PYTHONDONTWRITEBYTECODE: no .pyc otherwise)
    _install([sys.executable, "-m", "uv", "pip", "install", "-q", "--no-deps", "--compile-bytecode",
              "-p", venv / "bin" / "python", *added], "installing " + " ".join(added))
    print(f"[grading] nbgrader environment: this one + {' '.join(added)}")
    return venv


def _run(venv: Path, cmd: list, cwd: Path, what: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "JUPYTER"))}
    env.update(PATH=os.pathsep.join([str(venv / "bin"), env.get("PATH", "")]),  # nbgrader runs `alembic`
               PKRU_ROOT=str(ROOT), JUPYTER_CONFIG_DIR=str(cwd / ".jupyter-config"),
               JUPYTER_DATA_DIR=str(cwd / ".jupyter-data"), JUPYTER_RUNTIME_DIR=str(cwd / ".jupyter-runtime"))
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    assert proc.returncode == 0, f"{what} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    errors = [line for line in (proc.stdout + proc.stderr).splitlines() if "| ERROR]" in line]
    assert not errors, f"{what} reported errors:\n" + "\n".join(errors[:20]) + "\n" + proc.stderr[-3000:]
    return proc.stdout


def _first_error(path: Path) -> str:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return f"({exc})"
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return f"{errors[0]['ename']}: {errors[0]['evalue']}" if errors else "none"


def _answer_code(source_cell: dict) -> str:
    """What a learner who solved the exercise writes in the answer cell: the solution without its markers."""
    return "\n".join(line for line in "".join(source_cell["source"]).split("\n")
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


WRONG_HELPER = "import pandas as pd\n\n" + inspect.getsource(_wrong_value)


def _submission(release: dict, source: dict, student: str) -> dict:
    if student == "blank":
        return release
    sub = json.loads(json.dumps(release))
    by_id = {c["metadata"]["nbgrader"]["grade_id"]: c for c in source["cells"]}
    for cell in sub["cells"]:
        m = cell["metadata"].get("nbgrader", {})
        if m.get("solution") and cell["cell_type"] == "code":
            code = _answer_code(by_id[m["grade_id"]])
            if student == "wrong":
                test = next(c for c in source["cells"] if c["metadata"]["nbgrader"]["grade_id"]
                            == m["grade_id"].removesuffix("_answer"))
                var = re.search(r"globals\(\)\.get\('(\w+)'", "".join(test["source"])).group(1)
                code += f"\n\n{WRONG_HELPER}\n{var} = _wrong_value({var})\n"
            cell["source"] = code
    return sub


def test_nbgrader_gives_the_verdict_of_the_course_checks(exported, grading_env):
    t0 = time.monotonic()
    nbgrader = grading_env / "bin" / "nbgrader"
    _run(grading_env, [nbgrader, "generate_assignment", "*", "--force"], exported, "nbgrader generate_assignment")
    t_gen = time.monotonic() - t0
    for e in READY:
        release = json.loads((exported / "release" / e.stem / f"{e.stem}.ipynb").read_text(encoding="utf-8"))
        source = json.loads((exported / "source" / e.stem / f"{e.stem}.ipynb").read_text(encoding="utf-8"))
        assert "raise NotImplementedError()" in json.dumps(release) and "### BEGIN SOLUTION" not in json.dumps(release)
        for student in STUDENTS:
            path = exported / "submitted" / student / e.stem / f"{e.stem}.ipynb"
            path.parent.mkdir(parents=True)
            path.write_text(json.dumps(_submission(release, source, student)), encoding="utf-8")
    t1 = time.monotonic()
    _run(grading_env, [nbgrader, "autograde", "*", "--create", "--force", "--Execute.timeout=300"], exported,
         "nbgrader autograde")
    t_auto = time.monotonic() - t1
    query = ("import json, sys\nfrom nbgrader.api import Gradebook\nout = {}\n"
             "with Gradebook('sqlite:///gradebook.db') as gb:\n"
             "    for a in gb.assignments:\n"
             "        for nb in a.notebooks:\n"
             "            for gc in nb.grade_cells:\n"
             "                for s in gb.students:\n"
             "                    g = gb.find_grade(gc.name, nb.name, a.name, s.id)\n"
             "                    out.setdefault(s.id, {}).setdefault(a.name, {})[gc.name] = "
             "[g.score, gc.max_score, g.needs_manual_grade]\n"
             "json.dump(out, sys.stdout)\n")
    scores = json.loads(_run(grading_env, [grading_env / "bin" / "python", "-c", query], exported, "reading the gradebook"))

    compared = 0
    for e in READY:
        ns = solution_namespace(e.stem)
        for check, var in _checks_in_master(e):
            fn = getattr(ns["checks"], check)
            verdicts = {"solution": fn(ns[var]), "wrong": fn(_wrong_value(ns[var])), "blank": fn(...)}
            assert [verdicts[s].status for s in STUDENTS] == ["right", "not_yet", "blank"], (e.stem, check)
            for student in STUDENTS:
                score, max_score, manual = scores[student][e.stem][check]
                expected = max_score if verdicts[student].ok else 0
                assert not manual and score == expected, (
                    f"{e.stem} {check}, {student} answer: nbgrader gave {score}/{max_score}, the course's check "
                    f"says {verdicts[student].status} ({verdicts[student].message}); first error in the graded "
                    f"notebook: {_first_error(exported / 'autograded' / student / e.stem / f'{e.stem}.ipynb')}")
                compared += 1
    assert compared == 3 * sum(len(_checks_in_master(e)) for e in READY) >= 3 * 2 * len(READY)
    print(f"[grading] nbgrader generate_assignment {t_gen:.0f} s, autograde of {3 * len(READY)} submissions "
          f"{t_auto:.0f} s; {compared} verdicts compared")
