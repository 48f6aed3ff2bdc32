"""Real-browser check of the ready notebooks in JupyterLab and Voila: runs tests/browser/run.mjs.

The harness (see the comments at the top of tests/browser/run.mjs) starts one JupyterLab and one Voila
server on 127.0.0.1, runs every `status: ready` notebook of course.yml in headless Chromium, and fails on
error outputs, missing charts, explorers that do not react, quizzes that give the wrong feedback, and
any request to a host other than this machine. Screenshots go to $BROWSER_ARTIFACTS
(default tests/browser/artifacts/).

Needs Debian's Chromium, Node.js and playwright-core (no browser download):
    apt-get install -y --no-install-recommends chromium
    cd tests/browser && npm ci
Without them the test is skipped, unless BROWSER_TESTS=required (CI), which turns the skip into a failure.
BROWSER_TESTS=skip skips it on purpose.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from servers import npm_ci

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "tests" / "browser"
HOW_TO_ENABLE = ("apt-get install -y --no-install-recommends chromium (Debian/Ubuntu), "
                 "then: cd tests/browser && npm ci")
TIMEOUT_S = int(os.environ.get("BROWSER_TOTAL_TIMEOUT_S", "2400"))


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not _chromium():
        return "Chromium is not installed"
    if not shutil.which("node"):
        return "Node.js (node) is not installed"
    if not all((HARNESS / "node_modules" / p).is_dir() for p in ("playwright-core", "axe-core")):
        problem = npm_ci(HARNESS, ROOT)
        if problem:
            return f"tests/browser/node_modules is incomplete: {problem}"
    return None


def _skip_or_fail(reason: str):
    msg = f"browser test not run: {reason}. To enable it: {HOW_TO_ENABLE}"
    if os.environ.get("BROWSER_TESTS") == "required":
        pytest.fail(msg + " (BROWSER_TESTS=required)")
    pytest.skip(msg)


def test_notebooks_in_jupyterlab_and_voila():
    if os.environ.get("BROWSER_TESTS") == "skip":
        pytest.skip("BROWSER_TESTS=skip")
    reason = _missing()
    if reason:
        _skip_or_fail(reason)
    env = os.environ.copy()
    env.setdefault("CHROMIUM_PATH", _chromium())
    # use the jupyter/voila of the interpreter running pytest (the course's .venv), when it has them
    bindir = Path(sys.executable).parent
    if (bindir / "voila").exists() and (bindir / "jupyter").exists():
        env.setdefault("BROWSER_BIN", str(bindir))
    proc = subprocess.run(["node", str(HARNESS / "run.mjs")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT_S)
    print(proc.stdout)
    print(proc.stderr, file=sys.stderr)
    if proc.returncode == 2:
        pytest.fail(f"the browser harness could not run:\n{proc.stderr.strip()[-3000:]}\n{proc.stdout.strip()[-2000:]}")
    failures = [line for line in proc.stdout.splitlines() if line.startswith("FAIL ")]
    assert proc.returncode == 0, "browser checks failed:\n" + "\n".join(failures or [proc.stdout[-3000:], proc.stderr[-2000:]])
