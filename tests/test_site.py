"""The reading edition: scripts/site/build_site.py builds the whole course as a static site (README: `course.py site`).

The site is built once for this module into a temporary folder, from the executed notebooks (the builder's
cache, build/site/executed/, is reused when nothing changed). Then:

- static checks, without a browser: one page per ready notebook in manifest order with prev/next and the
  table of contents; nothing referenced off the site; every internal link resolves; downloads are the
  course's own files; charts, quizzes and explorers on each page = what the executed notebook holds;
  the chart libraries are the versions Altair emits; sources and data dictionary complete;
- the browser check (tests/browser/site.mjs, headless Chromium, the site served by `python -m http.server`):
  every chart drawn (SVG, ARIA, tooltip), every quiz answers ("Choose" / "Not quite" / "Correct", progress
  in localStorage, reset), every kernel-free explorer reacts to the keyboard, no request off the site's
  origin, axe-core finds no serious or critical violation. Skipped like tests/test_browser.py when Chromium,
  Node or npm are missing (a failure with BROWSER_TESTS=required, as in CI).
"""
from __future__ import annotations

import hashlib
import html
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from servers import npm_ci

ROOT = Path(__file__).resolve().parents[1]
SITE_SCRIPTS = ROOT / "scripts" / "site"
HARNESS = ROOT / "tests" / "browser"
VEGA = re.compile(r"^application/vnd\.vega(lite)?\.v\d+\+json$")
WIDGET = "application/vnd.jupyter.widget-view+json"


def builder():
    if "build_site" in sys.modules:
        return sys.modules["build_site"]
    spec = importlib.util.spec_from_file_location("build_site", SITE_SCRIPTS / "build_site.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_site"] = mod
    spec.loader.exec_module(mod)
    return mod


def _npm_ci(folder: Path) -> str | None:
    """Install a folder's npm packages if they are missing; the reason it cannot be done, else None."""
    lock = folder / "package-lock.json"
    stamp = folder / "node_modules" / ".course-stamp"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest:
        return None
    problem = _run_npm_ci(folder)
    if problem is None:
        stamp.write_text(digest)
    return problem


def _run_npm_ci(folder: Path) -> str | None:
    return npm_ci(folder, ROOT)


def _skip_or_fail(reason: str):
    if os.environ.get("BROWSER_TESTS") == "required":
        pytest.fail(f"{reason} (BROWSER_TESTS=required)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    reason = _npm_ci(SITE_SCRIPTS)
    if reason:
        _skip_or_fail(f"the site cannot be built: {reason}")
    b = builder()
    out = tmp_path_factory.mktemp("reading-edition") / "site"
    report = b.build(out, jobs=2)
    return out, report


@pytest.fixture(scope="module")
def entries():
    from pkru import manifest

    return manifest.entries(ROOT, ready_only=True)


def page(out: Path, name: str) -> str:
    """A page's HTML with attributes in double quotes (nbconvert re-serialises the cells that way)."""
    return re.sub(r"(\s[a-z-]+)='([^']*)'", r'\1="\2"', (out / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ what the executed notebooks hold
_READING: dict = {}


def reading_charts(entry) -> int | None:
    """Charts the lesson's kernel-free explorer shows at the start (None: the lesson has none): one for an
    Altair chart with bound parameters, the charts of its starting view for a ReadingViews."""
    import altair as alt

    if entry.id not in _READING:
        mod_name = f"pkru.lessons.nb{entry.id}_{entry.slug}"
        mod = importlib.import_module(mod_name) if importlib.util.find_spec(mod_name) else None
        rx = mod.reading_explorer() if mod is not None and hasattr(mod, "reading_explorer") else None
        if rx is None:
            _READING[entry.id] = None
        elif hasattr(rx, "default_view"):
            _READING[entry.id] = sum(isinstance(x, alt.TopLevelMixin) for x in rx.default_view())
        else:
            _READING[entry.id] = 1
    return _READING[entry.id]


def expected(entry) -> dict:
    """Charts, quizzes and kernel-free explorers a page must show, counted from the executed notebook (not the
    page): every Vega-Lite output of a cell; the quiz widget; the explorer widget, which the page replaces
    by the lesson's reading_explorer() (one live chart) where the lesson has one, else by the charts saved in
    the widget's output areas."""
    nb, _ = builder().execute(entry)
    states = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    saved_charts = sum(1 for m in states.values() if m["model_name"] == "OutputModel"
                       for o in m["state"].get("outputs", []) if any(VEGA.match(k) for k in o.get("data", {})))
    reading = reading_charts(entry)
    n = {"charts": 0, "quizzes": 0, "explorers_live": 0, "explorers": 0}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if any(VEGA.match(k) for k in data):
                n["charts"] += 1
            elif WIDGET in data:
                model = states.get(data[WIDGET]["model_id"], {})
                classes = model.get("state", {}).get("_dom_classes", [])
                if "pkru-quiz" in classes:
                    n["quizzes"] += 1
                elif "pkru-explorer" in classes:
                    n["explorers"] += 1
                    if reading is not None:
                        n["explorers_live"] += 1
                        n["charts"] += reading
                    else:
                        n["charts"] += saved_charts
    n["why"] = (f"{n['charts']} = chart outputs + the explorer's "
                f"{'reading_explorer()' if n['explorers_live'] else 'saved view'}")
    return n


# ------------------------------------------------------------------ static checks
def test_one_page_per_ready_notebook_in_manifest_order_with_prev_next_and_contents(built, entries):
    out, _ = built
    stems = [e.stem for e in entries]
    home = page(out, "index.html")
    toc = re.findall(r'<ol class="toc-list">(.*?)</ol>\s*</details>', home, re.S)[0]
    assert re.findall(r'href="(\d\d_[a-z_]+)\.html"', toc) == stems
    course_map = re.findall(r'<table class="course-map">(.*?)</table>', home, re.S)[0]
    assert re.findall(r'<a href="(\d\d_[a-z_]+)\.html">', course_map) == stems
    for k, stem in enumerate(stems):
        text = page(out, f"{stem}.html")
        prev = re.search(r'rel="prev" href="([^"]+)"', text).group(1)
        nxt = re.search(r'rel="next" href="([^"]+)"', text).group(1)
        assert prev == (f"{stems[k - 1]}.html" if k else "index.html"), stem
        assert nxt == (f"{stems[k + 1]}.html" if k + 1 < len(stems) else "sources.html"), stem
        assert f'href="{stem}.html" aria-current="page"' in text
        assert entries[k].title in html.unescape(text)
    assert sorted(p.name for p in out.glob("*.html")) == sorted([f"{s}.html" for s in stems]
                                                                + ["index.html", "sources.html", "data.html"])


def test_every_markdown_cell_of_the_notebook_is_on_its_page(built, entries):
    """The page is the notebook: a sample of words from each markdown cell reaches the page (no second copy)."""
    import nbformat

    out, _ = built
    for e in entries:
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page(out, f"{e.stem}.html"))))
        nb = nbformat.read(ROOT / e.notebook, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            plain = re.sub(r"<[^>]+>|[*_`#|>\[\]]|\(http[^)]*\)|\([0-9a-z_]+\.ipynb\)", " ", cell.source)
            words = [w for w in re.sub(r"\s+", " ", plain).split(" ") if re.fullmatch(r"[A-Za-z]{5,}", w)]
            assert all(w in text for w in words[:12]), f"{e.stem}: a markdown cell is missing from the page"


def _refs(text: str):
    for tag, attr, val in re.findall(r"<(script|link|img|iframe|source|video|audio|embed|object|a)\b[^>]*?"
                                     r"\b(src|href|data)=[\"']([^\"']*)[\"']", text, re.I):
        yield tag.lower(), val


def test_nothing_on_a_page_is_loaded_from_off_the_site(built):
    out, _ = built
    for f in out.glob("*.html"):
        for tag, val in _refs(f.read_text(encoding="utf-8")):
            if tag == "a":
                continue  # a link is followed only when the reader clicks it
            assert not re.match(r"^(https?:)?//", val), f"{f.name}: <{tag}> loads {val}"
    for f in (out / "assets").glob("*.css"):
        css = f.read_text(encoding="utf-8")
        assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css), f.name
    js = (out / "assets" / "site.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", js)


def test_internal_links_and_anchors_resolve(built):
    out, _ = built
    ids = {}
    for f in out.glob("*.html"):
        ids[f.name] = set(re.findall(r'\bid=["\']([^"\']+)["\']', f.read_text(encoding="utf-8")))
    for f in out.glob("*.html"):
        for tag, val in _refs(f.read_text(encoding="utf-8")):
            if re.match(r"^([a-z]+:|//)", val) or val.startswith("data:"):
                continue
            target, _, frag = html.unescape(val).partition("#")
            path = out / target if target else f
            assert path.is_file(), f"{f.name}: <{tag}> points at a missing {target}"
            if frag and path.suffix == ".html":
                assert frag in ids[path.name], f"{f.name}: link to {val}: no element with that id"


def test_downloads_are_the_course_files(built, entries):
    out, _ = built
    for e in entries:
        text = page(out, f"{e.stem}.html")
        for rel in (e.notebook, e.exercise):
            assert f'href="downloads/{rel}" download' in text
            assert (out / "downloads" / rel).read_bytes() == (ROOT / rel).read_bytes()
    for f in (ROOT / "data").rglob("*.*"):
        assert (out / "downloads" / "data" / f.relative_to(ROOT / "data")).read_bytes() == f.read_bytes()


def test_charts_quizzes_and_explorers_on_each_page_match_the_executed_notebook(built, entries):
    out, report = built
    for e in entries:
        want = expected(e)
        text = page(out, f"{e.stem}.html")
        classes = [c.split() for c in re.findall(r'<figure [^>]*class="([^"]*)"', text)]
        drawn_at_start = [c for c in classes if "chart" in c and "lazy" not in c]  # lazy: a hidden view's chart
        assert len(drawn_at_start) == want["charts"], (e.stem, want["why"])
        assert len(re.findall(r'<section [^>]*class="quiz"', text)) == want["quizzes"] == 1, e.stem
        assert text.count("explorer-live") == want["explorers_live"] and want["explorers"] == 1, e.stem
        assert report["pages"][f"{e.stem}.html"]["charts"] == want["charts"]
        assert "jupyter-widgets" not in text and "application/vnd.jupyter.widget" not in text, e.stem


def test_each_explorer_is_live_or_says_how_to_run_it(built, entries):
    out, _ = built
    for e in entries:
        text = page(out, f"{e.stem}.html")
        if "explorer-live" not in text:
            assert "This explorer needs Python" in text and "Voila" in text and "JupyterLab" in text, e.stem


def test_chart_libraries_are_the_versions_altair_emits_and_are_served_from_the_site(built):
    import altair as alt

    out, report = built
    v = report["versions"]
    assert v["vega-lite"] == alt.VEGALITE_VERSION
    assert v["vega"].split(".")[0] == alt.VEGA_VERSION.split(".")[0]
    assert v["vega-embed"].split(".")[0] == alt.VEGAEMBED_VERSION.split(".")[0]
    pkg = json.loads((SITE_SCRIPTS / "package.json").read_text())["dependencies"]
    lock = json.loads((SITE_SCRIPTS / "package-lock.json").read_text())["packages"]
    for name in ("vega", "vega-lite", "vega-embed"):
        assert pkg[name] == v[name] == lock[f"node_modules/{name}"]["version"], name
        assert (out / "assets" / "vendor" / f"{name}.min.js").stat().st_size > 10_000
    spec_versions = set()
    for f in out.glob("*.html"):
        spec_versions |= set(re.findall(r"vega-lite/v([0-9.]+)\.json", f.read_text(encoding="utf-8")))
    assert spec_versions == {alt.VEGALITE_VERSION}


def test_a_mismatched_chart_library_is_refused_with_a_clear_message(monkeypatch, tmp_path):
    b = builder()
    for name in ("vega", "vega-lite", "vega-embed"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "package.json").write_text(json.dumps({"version": "5.19.0" if name == "vega-lite" else "6.0.0"}))
    monkeypatch.setattr(b, "NODE_MODULES", tmp_path)
    with pytest.raises(b.SiteError, match=r"vega(-lite)? .* does not match what Altair"):
        b.vendor_versions()
    monkeypatch.setattr(b, "NODE_MODULES", tmp_path / "nowhere")
    with pytest.raises(b.SiteError, match="npm ci"):
        b.vendor_versions()


def test_without_npm_the_site_command_says_what_to_install(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import course

    monkeypatch.setattr(course, "SITE_ASSETS", tmp_path)
    (tmp_path / "package-lock.json").write_text("{}")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SystemExit, match="npm, which is not installed"):
        course.site_assets()


def test_quizzes_carry_the_live_quiz_feedback_for_every_choice(built, entries):
    from pkru import quiz as qz

    out, _ = built
    for e in entries[:3]:
        text = (out / f"{e.stem}.html").read_text(encoding="utf-8")
        doc = qz.load_quiz(e.id)
        blobs = re.findall(r"<script [^>]*quiz-data[^>]*>(.*?)</script>", text, re.S)
        assert len(blobs) == len(doc["questions"])
        for q, blob in zip(doc["questions"], blobs):
            data = json.loads(blob.replace("<\\/", "</"))
            assert "Choose" in data["empty"]
            for option, item in zip(q["options"], data["options"]):
                fb = qz.check_answer(q, option)
                assert item == {"status": fb.status, "html": qz.feedback_html(fb)}
                assert ("Correct" if option == q["answer"] else "Not quite") in item["html"]


def test_sources_page_and_data_dictionary_are_complete(built):
    from pkru import load

    out, _ = built
    sources = page(out, "sources.html")
    for sid in load("sources")["source_id"]:
        assert f'<tr id="{sid}">' in sources, sid
    dd = page(out, "data.html")
    doc = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for r in doc["resources"]:
        assert f'id="{r["name"]}"' in dd and f'href="downloads/data/{r["path"]}" download' in dd
        for fld in r.get("schema", {}).get("fields", []):
            assert f"<code>{fld['name']}</code>" in dd, (r["name"], fld["name"])


def test_print_stylesheet_hides_navigation_and_keeps_charts_whole(built):
    out, _ = built
    css = (out / "assets" / "course.css").read_text(encoding="utf-8")
    printing = css[css.index("@media print"):]
    for sel in (".toc", ".pager", ".quiz-check", ".vega-bindings"):
        assert sel in printing.split("display: none")[0], sel
    assert "break-inside: avoid" in printing


# ------------------------------------------------------------------ the browser
def _browser_missing() -> str | None:
    chromium = os.environ.get("CHROMIUM_PATH") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                                   else shutil.which("chromium"))
    if not chromium:
        return "Chromium is not installed"
    if not shutil.which("node"):
        return "Node.js (node) is not installed"
    missing = [p for p in ("playwright-core", "axe-core") if not (HARNESS / "node_modules" / p).is_dir()]
    if missing:
        problem = _run_npm_ci(HARNESS)
        if problem:
            return f"tests/browser/node_modules lacks {', '.join(missing)}: {problem}"
    return None


def test_every_page_in_chromium_offline_accessible_charts_quizzes_explorers(built, entries, tmp_path):
    if os.environ.get("BROWSER_TESTS") == "skip":
        pytest.skip("BROWSER_TESTS=skip")
    reason = _browser_missing()
    if reason:
        _skip_or_fail(f"site browser test not run: {reason}. To enable it: apt-get install -y --no-install-recommends "
                      "chromium, then: cd tests/browser && npm ci")
    out, _ = built
    want = {f"{e.stem}.html": expected(e) for e in entries}
    for name in ("index.html", "sources.html", "data.html"):
        want[name] = {"charts": 0, "quizzes": 0, "explorers_live": 0}
    expect_file = tmp_path / "expect.json"
    expect_file.write_text(json.dumps(want))
    env = os.environ.copy()
    bindir = Path(sys.executable).parent
    env.setdefault("BROWSER_BIN", str(bindir))
    artifacts = Path(env.setdefault("BROWSER_ARTIFACTS", str(HARNESS / "artifacts")))
    proc = subprocess.run(["node", str(HARNESS / "site.mjs"), f"--site={out}", f"--expect={expect_file}"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=1800)
    print(proc.stdout)
    print(proc.stderr, file=sys.stderr)
    if proc.returncode == 2:
        pytest.fail(f"the site harness could not run:\n{proc.stderr[-3000:]}\n{proc.stdout[-2000:]}")
    failures = [line for line in proc.stdout.splitlines() if line.startswith("FAIL ")]
    assert proc.returncode == 0, "site checks failed:\n" + "\n".join(failures or [proc.stdout[-3000:]])
    results = {r["page"]: r for r in json.loads((artifacts / "site-results.json").read_text())}
    assert set(results) == set(want)
    for name, r in results.items():
        assert r["charts"]["drawn"] == want[name]["charts"], name
        assert r["quizzes"]["ok"] == r["quizzes"]["found"] == want[name]["quizzes"], name
        assert r["explorers"]["ok"] == r["explorers"]["found"] == want[name]["explorers_live"], name
        assert r["axe"].get("serious", 0) == 0 and r["axe"].get("critical", 0) == 0, name


def _expand(table):
    """tests' own inverse of build_site.compact_datasets (what site.js does before Vega draws)."""
    if not isinstance(table, dict) or "columns" not in table:
        return table
    cols, d = table["columns"], table.get("dict", {})
    return [{c: (d[c][v] if c in d else v) for c, v in zip(cols, row)} for row in table["rows"]]


def test_chart_data_on_the_page_are_the_notebooks_rows_less_only_unused_columns(entries):
    b = builder()
    for e in entries[:5]:
        nb, _ = b.execute(e)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                spec = next((v for k, v in out.get("data", {}).items() if VEGA.match(k)), None)
                if not spec:
                    continue
                page_spec = b.compact_datasets(b.prune_datasets(spec))
                rest = json.dumps({k: v for k, v in spec.items() if k != "datasets"})
                for name, rows in spec.get("datasets", {}).items():
                    back = _expand(page_spec["datasets"][name])
                    kept = list(back[0]) if back else []
                    assert back == [{k: r[k] for k in kept} for r in rows], (e.stem, name)
                    for dropped in set(rows[0]) - set(kept):
                        assert dropped not in rest, f"{e.stem}: column {dropped} is used by the chart but was dropped"
