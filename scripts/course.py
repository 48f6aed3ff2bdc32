#!/usr/bin/env python3
"""Set up and run the course with one command. Needs only Python 3.11+ and the package registry.

    python3 scripts/course.py open    # set up (first time), then open JupyterLab at the start notebook
    python3 scripts/course.py test    # set up (first time), then run the whole test suite
    python3 scripts/course.py site    # set up (first time), then build the reading edition in site/
    python3 scripts/course.py setup   # only set up

Set-up creates a virtual environment in .venv/ with the pinned packages of requirements.txt (and, for
`test`, requirements-dev.txt), using uv when it can be installed (seconds) and pip otherwise (about a
minute). It is redone only when a requirements file changes. Nothing outside the course folder is
changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
START = "notebooks/00_start_here.ipynb"


def say(msg: str) -> None:
    print(f"[course] {msg}", flush=True)


def run(cmd, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


SETUP_VERSION = "3"  # bump when set-up itself changes, so existing environments are redone once


def stamp_for(files) -> str:
    h = hashlib.sha256(SETUP_VERSION.encode())
    for f in files:
        h.update((ROOT / f).read_bytes())
    h.update(sys.version.encode())
    return h.hexdigest()


def lab_settings() -> None:
    """JupyterLab settings for the course: no news pop-up, no update checks."""
    d = VENV / "share" / "jupyter" / "lab" / "settings"
    d.mkdir(parents=True, exist_ok=True)
    (d / "overrides.json").write_text(json.dumps(
        {"@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"}},
        indent=1) + "\n")


def template_files() -> list[str]:
    """The Voila template's files: the package installs them (pyproject.toml), so a change redoes set-up."""
    d = ROOT / "share" / "jupyter" / "voila" / "templates" / "pkru"
    return sorted(p.relative_to(ROOT).as_posix() for p in d.rglob("*") if p.is_file())


def setup(dev: bool) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    reqs = ["requirements.txt"] + (["requirements-dev.txt"] if dev else [])
    stamp_file = VENV / (".course-stamp-dev" if dev else ".course-stamp")
    stamp = stamp_for(reqs + ["pyproject.toml", *template_files()])
    if PY.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    if not PY.exists():
        say("creating the environment in .venv/ (first run only)")
        venv.EnvBuilder(with_pip=True).create(VENV)
    req_args = [a for r in reqs for a in ("-r", ROOT / r)]
    if subprocess.run([str(PY), "-m", "pip", "--version"], capture_output=True).returncode != 0:
        run([PY, "-m", "ensurepip"], stdout=subprocess.DEVNULL)  # a venv made by another tool may lack pip
    try:
        run([PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", "uv"])
        say("installing the pinned packages with uv")
        # --compile-bytecode: write the .pyc files now. Without them every kernel compiles pandas, Altair,
        # ipywidgets and IPython from source again whenever Python may not write its cache
        # (PYTHONDONTWRITEBYTECODE, read-only installs): about 1.9 s of each kernel's start (BENCHMARKS.md).
        # --reinstall-package pkru: the editable install copies the Voila template (pyproject.toml's
        # shared-data) into .venv/share/jupyter/voila/templates/pkru; uv would otherwise keep an old copy.
        run([PY, "-m", "uv", "pip", "install", "-q", "--compile-bytecode", "-p", PY, *req_args,
             "--reinstall-package", "pkru", "-e", ROOT])
    except subprocess.CalledProcessError:
        say("uv is not available; installing with pip (this takes a minute or two)")
        run([PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", *req_args, "-e", ROOT])
    # The course's own package too (pip compiles what it installs; an editable package is not installed).
    run([PY, "-m", "compileall", "-q", ROOT / "pkru"])
    lab_settings()
    stamp_file.write_text(stamp)
    say("environment ready")


def open_course(extra) -> int:
    setup(dev=False)
    cmd = [BIN / "jupyter", "lab", START, "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    say("opening JupyterLab at the start notebook (stop it with Ctrl+C)")
    return subprocess.call([str(c) for c in cmd + list(extra)], cwd=ROOT)


def test(extra) -> int:
    setup(dev=True)
    cmd = [PY, "-m", "pytest", "tests", "notebooks", "exercises", "solutions", "instructors",
           "--nbval-lax", "--nbval-current-env", "-n", "2", "--dist", "loadfile", "-q", *extra]
    say("running the test suite: " + " ".join(str(c) for c in cmd[1:]))
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


SITE_ASSETS = ROOT / "scripts" / "site"


def site_assets() -> None:
    """Vega, Vega-Lite and vega-embed for the reading edition, from npm (scripts/site/package-lock.json).
    Redone only when the lock file changes."""
    import shutil

    lock = SITE_ASSETS / "package-lock.json"
    stamp_file = SITE_ASSETS / "node_modules" / ".course-stamp"
    stamp = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit("[course] The reading edition serves its chart libraries (Vega, Vega-Lite, vega-embed) from the "
                 "site itself and installs them with npm, which is not installed here. Install Node.js with npm "
                 "(Debian/Ubuntu: apt-get install nodejs npm; or https://nodejs.org), then run this command again.")
    say("installing the chart libraries for the site with npm ci (scripts/site/package-lock.json)")
    run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=SITE_ASSETS)
    stamp_file.write_text(stamp)


def site(extra) -> int:
    setup(dev=False)
    site_assets()
    cmd = [PY, ROOT / "scripts" / "site" / "build_site.py", *extra]
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


def main(argv) -> int:
    if not argv or argv[0] not in ("open", "test", "site", "setup"):
        print(__doc__)
        return 2
    if argv[0] == "setup":
        setup(dev=True)
        return 0
    if argv[0] == "site":
        return site(argv[1:])
    return open_course(argv[1:]) if argv[0] == "open" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
