#!/usr/bin/env python3
"""Benchmark the course (a script, not a test: timings are reported, never asserted in the test suite).

    .venv/bin/python scripts/benchmark.py [--runs 3] [--suite] [--setup] [--write]
    .venv/bin/python scripts/benchmark.py --site [--runs 3] [--write]   # the reading edition only

Reports, each as the median of --runs runs:
- every notebook, exercise and solution notebook: wall time to execute from a fresh kernel, next to a
  *floor* notebook that only starts a kernel and imports pkru, pandas, altair and ipywidgets (in the
  order the notebooks use), run side by side in the same invocation, and the ratio notebook / floor
  (target ≤ 1.3);
- helper-package import time; widget callback times measured in-process (timeline filter, chart
  update, quiz check; target ≤ 100 ms);
- committed notebook sizes (target ≤ 60 KB), data/ size, venv size;
- with --suite: the whole test suite's wall time (README command, browser part included if available);
- with --setup: a fresh clone's set-up time for the two README commands (new .venv each time).
With --write the table goes into BENCHMARKS.md together with the command that produced it.

--site measures the reading edition instead (scripts/site/build_site.py) against its targets: the whole-site
build after the notebooks have executed (≤ 120 s), each page's own weight (≤ 400 KB; the shared Vega scripts,
stylesheet and page script counted once, separately), and the first chart drawn after navigation from a local
server (≤ 1 s, median of --runs cold loads, in Chromium via tests/browser/site.mjs). With --write it replaces
only the "Reading edition" section of BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLOOR_SOURCE = "import pkru\npkru.setup()\nimport pandas, altair, ipywidgets\n"  # the order the notebooks use
TARGETS = {"ratio": 1.3, "callback_ms": 100.0, "notebook_kb": 60.0, "nbval_s": 120.0,
           "site_build_s": 120.0, "page_kb": 400.0, "first_chart_s": 1.0}
SITE_MARKERS = ("<!-- site-benchmark:start -->", "<!-- site-benchmark:end -->")


def run_notebook(path: Path) -> float:
    """Execute a notebook from a fresh kernel (in its own folder) and return the wall time in seconds."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    client.execute()
    return time.perf_counter() - t0


def floor_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def notebooks() -> list[Path]:
    from pkru.manifest import entries

    out = []
    for e in entries(ROOT, ready_only=True):
        out += [ROOT / e.notebook, ROOT / e.exercise, ROOT / e.solution]
    return out


def median_times(paths: list[Path], runs: int, floor: Path, every: int = 3):
    """Interleave the floor with the notebooks (one floor run per ``every`` notebooks) and return, per
    notebook, its times and its ratios to the floor run just before it, so that load drift on a noisy
    machine hits both sides of each ratio alike."""
    times: dict[str, list[float]] = {"floor": []}
    ratios: dict[str, list[float]] = {}
    for _ in range(runs):
        local = None
        for i, p in enumerate(paths):
            if i % every == 0:
                local = run_notebook(floor)
                times["floor"].append(local)
            t = run_notebook(p)
            key = str(p.relative_to(ROOT))
            times.setdefault(key, []).append(t)
            ratios.setdefault(key, []).append(t / local)
    return times, ratios


def callbacks() -> dict[str, float]:
    """In-process widget callback times (ms, median of 20)."""
    import pkru
    from pkru import charts
    from pkru.lessons import nb00_start_here as lesson
    from pkru.data import events_for_plot
    from pkru.quiz import check_answer, load_quiz

    pkru.setup()
    ev = events_for_plot()
    q = load_quiz("00")["questions"][0]
    cats = list(ev["category"].unique())

    def ms(fn, n=20):
        fn()
        t = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            t.append((time.perf_counter() - t0) * 1000)
        return statistics.median(t)

    return {
        "timeline filter (filter_events)": ms(lambda: lesson.filter_events(ev, cats[:3], (1960, 2000))),
        "chart update (filter + timeline spec)": ms(
            lambda: charts.timeline(lesson.filter_events(ev, cats, (1950, 2020))).to_dict()),
        "quiz check (check_answer)": ms(lambda: check_answer(q, q["options"][1])),
    }


def import_time(runs: int, code: str = "import pkru; pkru.setup()") -> float:
    """Median seconds for ``code`` in a fresh interpreter."""
    t = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", f"import time; t=time.perf_counter(); {code}; "
                              "print(time.perf_counter()-t)"], capture_output=True, text=True, cwd=ROOT)
        t.append(float(out.stdout.strip()))
    return statistics.median(t)


def du(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def timed(cmd, cwd, env=None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def fresh_setup() -> dict[str, float]:
    """Clone to a temp folder (with ../shared linked if present) and time the two README set-ups."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "main"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {**os.environ, "UV_CACHE_DIR": str(Path(tmp) / "uv-cache")}
        out["fresh set-up (README commands' first step, cold uv cache)"] = timed(
            ["python3", "scripts/course.py", "setup"], clone, env)
        shutil.rmtree(clone / ".venv")
        out["fresh set-up again (warm uv cache)"] = timed(["python3", "scripts/course.py", "setup"], clone, env)
    return out


def nbval_time() -> float:
    """The nbval pass alone over notebooks/, exercises/ and solutions/ (2 workers), wall seconds."""
    return timed([sys.executable, "-m", "pytest", "notebooks", "exercises", "solutions", "--nbval-lax",
                  "--nbval-current-env", "-n", "2", "--dist", "loadfile", "-q", "-p", "no:cacheprovider"], ROOT)


def suite_time() -> float:
    return timed(["python3", "scripts/course.py", "test"], ROOT)


def site_benchmark(runs: int) -> str:
    """The reading edition's numbers, as a Markdown section (see the module docstring)."""
    import gzip
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("build_site", ROOT / "scripts" / "site" / "build_site.py")
    b = importlib.util.module_from_spec(spec)
    sys.modules["build_site"] = b  # (dataclasses look their module up)
    spec.loader.exec_module(b)
    from pkru.manifest import entries

    ready = entries(ROOT, ready_only=True)
    t0 = time.perf_counter()
    ran = sum(1 for e in ready if b.execute(e)[1])  # untimed for the target: "after the notebooks have executed"
    exec_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        builds = [timed([sys.executable, ROOT / "scripts" / "site" / "build_site.py", "--out", out], ROOT)
                  for _ in range(runs)]
        pages = sorted(out.glob("*.html"))
        weights = [(p.name, p.stat().st_size / 1000, len(gzip.compress(p.read_bytes())) / 1000) for p in pages]
        shared = [f for f in sorted((out / "assets").rglob("*")) if f.suffix in (".js", ".css")]
        shared_kb = sum(f.stat().st_size for f in shared) / 1000
        shared_gz = sum(len(gzip.compress(f.read_bytes())) for f in shared) / 1000
        timing, note = {}, ""
        node = shutil.which("node")
        if node and (ROOT / "tests" / "browser" / "node_modules" / "playwright-core").is_dir():
            env = {**os.environ, "BROWSER_ARTIFACTS": tmp, "BROWSER_BIN": str(Path(sys.executable).parent)}
            proc = subprocess.run([node, "tests/browser/site.mjs", f"--site={out}", "--timing-only",
                                   f"--timing-loads={runs}"], cwd=ROOT, env=env, capture_output=True, text=True)
            if proc.returncode == 0:
                timing = json.loads((Path(tmp) / "site-timing.json").read_text())
            else:
                note = f"(first-chart timing failed: {proc.stdout[-300:]} {proc.stderr[-300:]})"
        else:
            note = "(first-chart timing needs node and tests/browser/node_modules: cd tests/browser && npm ci)"
    build_med = statistics.median(builds)
    rows = []

    def fmt(t):
        loads = ", ".join(f"{x / 1000:.2f}" for x in t.get("loads", []) if x is not None)
        return "—" if t.get("median") is None else f"{t['median'] / 1000:.2f} ({loads})"

    for name, kb, gz in weights:
        t = timing.get(name, {})
        med = t.get("median")
        rows.append((name, f"{kb:.0f}", f"{gz:.0f}", "yes" if kb <= TARGETS["page_kb"] else "**no**", fmt(t),
                     "—" if med is None else ("yes" if med / 1000 <= TARGETS["first_chart_s"] else "**no**"),
                     fmt(t.get("cold", {}))))
    worst_kb = max(kb for _, kb, _ in weights)
    meds = [t["median"] / 1000 for t in timing.values() if t.get("median") is not None]
    colds = [t["cold"]["median"] / 1000 for t in timing.values() if t.get("cold", {}).get("median") is not None]
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    lines = [SITE_MARKERS[0], "## Reading edition (site)", "",
             "Produced by:", "", "```", f"python scripts/benchmark.py --site --runs {runs} --write", "```", "",
             f"Machine: {platform.platform()}, {os.cpu_count()} cores"
             + (f", load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)" if load else "")
             + f". Executing the notebooks first (not part of the build target): {ran} executed, {exec_s:.1f} s.", "",
             table([("whole-site build after the notebooks have executed (fresh process, median of "
                     f"{runs}: {', '.join(f'{x:.1f}' for x in builds)} s)",
                     f"{build_med:.1f} s ({'meets' if build_med <= TARGETS['site_build_s'] else 'MISSES'} ≤ 120 s)"),
                    ("heaviest page's own weight (its HTML: text, tables, chart specs with their data, quiz)",
                     f"{worst_kb:.0f} KB ({'meets' if worst_kb <= TARGETS['page_kb'] else 'MISSES'} ≤ 400 KB)"),
                    ("shared, counted once: Vega, Vega-Lite, vega-embed, course.css, site.js",
                     f"{shared_kb:.0f} KB ({shared_gz:.0f} KB gzipped)"),
                    ("first chart drawn after navigation (Chromium, python -m http.server): worst page's median of "
                     f"{runs} loads in a row, as a reader navigates (the first load cold)",
                     (f"{max(meds):.2f} s ({'meets' if max(meds) <= TARGETS['first_chart_s'] else 'MISSES'} ≤ 1 s)"
                      if meds else f"not measured {note}")),
                    (f"the same with the browser's cache off for every load (worst page's median of {runs})",
                     f"{max(colds):.2f} s" if colds else "not measured")],
                   ["measure", "value"]), "",
             table(rows, ["page", "own weight KB", "gzipped KB", "≤ 400 KB", "first chart s, median (loads in a row)",
                          "≤ 1 s", "cache off: median (loads)"]),
             "", SITE_MARKERS[1]]
    return "\n".join(lines) + "\n"


def write_site_section(section: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = SITE_MARKERS
    if start in text and end in text:
        text = text[:text.index(start)] + section.rstrip("\n") + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def table(rows, header) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--suite", action="store_true", help="also time the whole README test command")
    p.add_argument("--setup", action="store_true", help="also time a fresh clone's set-up")
    p.add_argument("--nbval", action="store_true", help="also time the nbval pass alone (target ≤ 120 s)")
    p.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    p.add_argument("--only", nargs="*", help="only these notebook paths (relative to the course folder)")
    p.add_argument("--site", action="store_true", help="measure the reading edition instead (scripts/site/)")
    args = p.parse_args(argv)
    if args.site:
        section = site_benchmark(args.runs)
        print(section)
        if args.write:
            write_site_section(section)
            print("wrote the reading-edition section of BENCHMARKS.md")
        return 0

    # as set-up does (scripts/course.py): the course package's bytecode is written once, not per kernel
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pkru")], check=True)
    paths = [ROOT / x for x in args.only] if args.only else notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        floor = floor_notebook(Path(tmp))
        times, ratios = median_times(paths, args.runs, floor)
    floor_med = statistics.median(times.pop("floor"))
    rows, worst = [], 0.0
    for name, t in times.items():
        med = statistics.median(t)
        ratio = statistics.median(ratios[name])
        worst = max(worst, ratio)
        size = (ROOT / name).stat().st_size / 1000
        rows.append((name, f"{med:.2f}", f"{med - floor_med:+.2f}", f"{ratio:.2f}",
                     "yes" if ratio <= TARGETS["ratio"] else "**no**",
                     f"{size:.1f}", "yes" if size <= TARGETS["notebook_kb"] else "**no**"))
    cb = callbacks()
    facts = [("floor notebook (kernel start + imports), median", f"{floor_med:.2f} s"),
             ("import pkru + setup (fresh interpreter; what an exercise notebook imports), median",
              f"{import_time(args.runs):.2f} s"),
             ("import pkru + setup + pandas, altair, ipywidgets (fresh interpreter; a lesson notebook), median",
              f"{import_time(args.runs, 'import pkru; pkru.setup(); import pandas, altair, ipywidgets'):.2f} s"),
             *[(f"widget callback: {k}", f"{v:.1f} ms ({'meets' if v <= TARGETS['callback_ms'] else 'MISSES'} ≤ 100 ms)")
               for k, v in cb.items()],
             ("data/ size", f"{du(ROOT / 'data'):.2f} MB"),
             ("venv size (.venv)", f"{du(ROOT / '.venv'):.0f} MB" if (ROOT / ".venv").exists() else "n/a"),
             ("notebooks executed, sum of medians", f"{sum(statistics.median(t) for t in times.values()):.1f} s")]
    if args.setup:
        facts += [(k, f"{v:.1f} s") for k, v in fresh_setup().items()]
    if args.nbval:
        t = nbval_time()
        facts.append(("nbval pass over notebooks/, exercises/, solutions/ (-n 2), wall",
                      f"{t:.1f} s ({'meets' if t <= TARGETS['nbval_s'] else 'MISSES'} ≤ 120 s)"))
    if args.suite:
        facts.append(("whole test suite (README test command, wall)", f"{suite_time():.1f} s"))
    cmd = "python scripts/benchmark.py " + " ".join(a for a in (argv if argv is not None else sys.argv[1:]))
    report = (f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
              f"Runs per item: {args.runs} (medians).\n\n"
              + table(rows, ["notebook", "median s", "s above the floor", "ratio to the floor run beside it (median)", "≤ 1.3×",
                     "size KB (committed)", "≤ 60 KB"])
              + "\n\n" + table(facts, ["measure", "value"]) + "\n")
    print(report)
    if args.write:
        text = ("# Benchmarks\n\nProduced by:\n\n```\n" + cmd.strip() + "\n```\n\n" + report)
        old = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8") if (ROOT / "BENCHMARKS.md").exists() else ""
        if SITE_MARKERS[0] in old and SITE_MARKERS[1] in old:  # the --site section is kept
            text += "\n" + old[old.index(SITE_MARKERS[0]):old.index(SITE_MARKERS[1]) + len(SITE_MARKERS[1])] + "\n"
        (ROOT / "BENCHMARKS.md").write_text(text, encoding="utf-8")
        print("wrote BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
