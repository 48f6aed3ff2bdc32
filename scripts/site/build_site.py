#!/usr/bin/env python3
"""Build the reading edition: the whole course as an offline static website in site/.

    python3 scripts/course.py site            # the usual way (sets up .venv and the chart libraries first)
    .venv/bin/python scripts/site/build_site.py [--out site] [--jobs 2] [--fresh] [--only 04]

What it does, in order:

1. Executes every ``status: ready`` notebook of course.yml top to bottom with nbclient (a fresh kernel per
   notebook, started in notebooks/ as nbval does), so the site shows exactly what the tests run. Executed
   copies are cached in build/site/executed/ under a key of everything they depend on (the notebook, pkru/,
   data/, course.yml, the pins); ``--fresh`` ignores the cache.
2. Turns each executed notebook into one page with nbconvert and the course template (templates/pkru-site):
   markdown as it is, code folded under "Show the code", every Altair chart as a live Vega-Lite view
   (templates and site.js; SVG, tooltips, zoom where the chart has it), the quiz widget replaced by a
   kernel-free quiz built from data/quizzes/ with pkru.quiz's own checking and wording, and the explorer widget
   replaced by its lesson module's ``reading_explorer()`` where there is one, else by its default view and a
   line saying how to run it live.
3. Writes the home page (course map from course.yml), the sources page (data/sources.csv), the data
   dictionary (data/datapackage.json), the downloads (each notebook and its exercise notebook, data/), the
   stylesheets and page script, and Vega, Vega-Lite and vega-embed copied from scripts/site/node_modules
   (installed by ``npm ci`` from scripts/site/package-lock.json; versions checked against Altair's).

Nothing on a page is requested from anywhere but the site itself (tests/test_site.py measures it in Chromium).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
NODE_MODULES = HERE / "node_modules"
CACHE = ROOT / "build" / "site" / "executed"
VEGA_MIME = re.compile(r"^application/vnd\.vega(lite)?\.v\d+\+json$")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# The three chart libraries, where npm puts them, and the file name the site serves them under.
VENDOR = {"vega": "vega/build/vega.min.js", "vega-lite": "vega-lite/build/vega-lite.min.js",
          "vega-embed": "vega-embed/build/vega-embed.min.js"}

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class SiteError(Exception):
    """A problem the author must fix; the message names the file and what to do."""


def say(msg: str) -> None:
    print(f"[site] {msg}", flush=True)


# ------------------------------------------------------------------ the chart libraries
def vendor_versions() -> dict[str, str]:
    """Versions of vega, vega-lite and vega-embed in scripts/site/node_modules, checked against Altair's."""
    import altair as alt

    found = {}
    for name in VENDOR:
        pkg = NODE_MODULES / name / "package.json"
        if not pkg.is_file():
            where = pkg.relative_to(ROOT) if pkg.is_relative_to(ROOT) else pkg
            raise SiteError(f"{where} is missing: run `npm ci` in scripts/site "
                            "(python3 scripts/course.py site does it for you)")
        found[name] = json.loads(pkg.read_text(encoding="utf-8"))["version"]
    want = {"vega": alt.VEGA_VERSION, "vega-lite": alt.VEGALITE_VERSION, "vega-embed": alt.VEGAEMBED_VERSION}
    for name, version in found.items():
        # Altair names an exact Vega-Lite version and the major versions of Vega and vega-embed.
        ok = version == want[name] if name == "vega-lite" else version.split(".")[0] == want[name].split(".")[0]
        if not ok:
            raise SiteError(f"scripts/site/package.json: {name} {version} does not match what Altair "
                            f"{alt.__version__} emits ({name}@{want[name]}); pin a matching version and run npm install")
    return found


# ------------------------------------------------------------------ executing notebooks
def _digest_inputs(nb_path: Path) -> str:
    h = hashlib.sha256(b"site-exec-1")
    files = [nb_path, ROOT / "course.yml", ROOT / "requirements.txt"]
    for folder, pattern in ((ROOT / "pkru", "*.py"), (ROOT / "data", "*")):
        files += sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    for f in files:
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    h.update(sys.version.encode())
    return h.hexdigest()


def execute(entry, fresh: bool = False, cache: Path = CACHE):
    """The executed notebook of a manifest entry (from the cache when nothing it depends on changed)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    src = ROOT / entry.notebook
    key = _digest_inputs(src)
    out, stamp = cache / f"{entry.stem}.ipynb", cache / f"{entry.stem}.key"
    if not fresh and out.is_file() and stamp.is_file() and stamp.read_text() == key:
        return nbformat.read(out, as_version=4), False
    nb = nbformat.read(src, as_version=4)
    with tempfile.TemporaryDirectory(prefix="pkru-site-work-") as work:
        # The quiz and exercise helpers write to the learner's work folder: give the kernel a throw-away one.
        try:
            client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                                    resources={"metadata": {"path": str(src.parent)}})
            client.execute(env={**os.environ, "PKRU_WORK": work})
        except CellExecutionError as exc:
            raise SiteError(f"{entry.notebook} failed while executing:\n{str(exc)[-1500:]}") from None
    cache.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    stamp.write_text(key)
    return nb, True


# ------------------------------------------------------------------ page pieces
def json_script(obj) -> str:
    """JSON that is safe inside <script type="application/json">."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
            .replace("</", "<\\/").replace("<!--", "<\\!--"))


@dataclass
class PageState:
    """What one page holds, for the build report and the tests."""
    charts: int = 0
    lazy_charts: int = 0
    quizzes: int = 0
    explorers_live: int = 0
    explorers_static: int = 0
    notes: list = field(default_factory=list)


def prune_datasets(spec: dict) -> dict:
    """The spec without the columns of its inline datasets that nothing in the spec names (a chart builder may pass
    a whole table; only the fields used by encodings, tooltips, transforms and expressions are drawn). A column is
    kept whenever its name occurs anywhere in the spec outside the data, so nothing the chart uses is lost."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict) or not datasets:
        return spec
    rest = json.dumps({k: v for k, v in spec.items() if k != "datasets"}, ensure_ascii=False)
    out = dict(spec)
    out["datasets"] = {}
    for name, rows in datasets.items():
        if not (isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)):
            out["datasets"][name] = rows
            continue
        cols = {c for r in rows for c in r}
        keep = {c for c in cols if c in rest}
        out["datasets"][name] = [{k: v for k, v in r.items() if k in keep} for r in rows]
    return out


def compact_datasets(spec: dict) -> dict:
    """The spec with its inline datasets in columns ({"columns": [...], "rows": [[...]], "dict": {column: [values]}}):
    the field names once instead of on every row, and a repeated text once per distinct value. The page script
    (site.js) turns them back into the very same rows before Vega sees them."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    out = dict(spec)
    out["datasets"] = {}
    for name, rows in datasets.items():
        keys = list(rows[0]) if isinstance(rows, list) and rows and isinstance(rows[0], dict) else None
        if not keys or not all(isinstance(r, dict) and list(r) == keys for r in rows):
            out["datasets"][name] = rows
            continue
        table = {"columns": keys, "rows": [[r[k] for k in keys] for r in rows], "dict": {}}
        for i, k in enumerate(keys):
            values = [row[i] for row in table["rows"]]
            distinct = list(dict.fromkeys(values))
            if len(rows) >= 20 and all(isinstance(v, str) for v in values) and len(distinct) <= len(rows) // 2:
                index = {v: n for n, v in enumerate(distinct)}
                table["dict"][k] = distinct
                for row in table["rows"]:
                    row[i] = index[row[i]]
        out["datasets"][name] = table
    return out


def chart_html(spec: dict, state: PageState, kind: str = "", label: str | None = None) -> str:
    """A live chart. kind "lazy": in a hidden part of a view, drawn when first shown (not counted as drawn)."""
    n = state.charts + state.lazy_charts + 1
    if "lazy" in kind.split():
        state.lazy_charts += 1
    else:
        state.charts += 1
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    name = label or (f"Chart: {title}" if title else f"Chart {n}")
    desc = spec.get("description") or ""
    # The view scrolls sideways when it is wider than the column (phones): a keyboard user must reach it too.
    return (f"<figure class='{' '.join(['chart', *kind.split()])}' data-chart='{n}'>"
            f"<div class='chart-scroll' tabindex='0' role='group' aria-label='{html.escape(name, quote=True)}'>"
            f"<div class='vega-target' id='chart-{n}'></div></div>"
            f"<script type='application/json' class='vega-spec'>{json_script(compact_datasets(prune_datasets(spec)))}</script>"
            f"<noscript><p class='chart-noscript'>{html.escape(name)}. {html.escape(desc)} "
            "(The interactive chart needs JavaScript.)</p></noscript>"
            "</figure>")


def quiz_html(entry, state: PageState) -> str:
    """The kernel-free quiz: the questions of data/quizzes/, and for every possible choice the feedback that
    pkru.quiz.check_answer gives (rendered by pkru.quiz.feedback_html), so the page decides nothing itself."""
    from pkru import quiz as qz

    doc = qz.load_quiz(entry.id)
    stem = Path(entry.quiz).stem
    state.quizzes += 1
    qs = []
    for n, q in enumerate(doc["questions"], start=1):
        fb_empty = qz.check_answer(q, None)
        per_option = [qz.check_answer(q, o) for o in q["options"]]
        data = {"empty": qz.feedback_html(fb_empty),
                "options": [{"status": fb.status, "html": qz.feedback_html(fb)} for fb in per_option]}
        name = f"{stem}-{q['id']}"
        opts = "".join(
            f"<label class='quiz-option'><input type='radio' name='{name}' value='{i}'> "
            f"<span>{html.escape(o)}</span></label>" for i, o in enumerate(q["options"]))
        qs.append(
            f"<div class='quiz-question' data-qid='{html.escape(q['id'], quote=True)}'>"
            f"<fieldset><legend><b>{n}.</b> {html.escape(q['question'])}</legend>{opts}</fieldset>"
            f"<button type='button' class='quiz-check'>{html.escape(qz.CHECK_LABEL)}</button>"
            f"<div class='quiz-feedback' aria-live='polite'></div>"
            f"<script type='application/json' class='quiz-data'>{json_script(data)}</script></div>")
    score_tpl = qz.SCORE_HTML
    return (f"<section class='quiz' data-quiz='{stem}' data-total='{len(doc['questions'])}' "
            f"aria-labelledby='quiz-title-{stem}'>"
            f"<h3 id='quiz-title-{stem}'>{html.escape(doc.get('title', 'Quiz'))}</h3>"
            f"<div class='quiz-intro'>{qz.INTRO_HTML}</div>"
            f"{''.join(qs)}"
            f"<div class='quiz-score' aria-live='polite' data-template='{html.escape(score_tpl, quote=True)}'>"
            f"{score_tpl.format(right=0, total=len(doc['questions']), answered=0)}</div>"
            f"<p class='quiz-tools'><button type='button' class='quiz-reset'>Reset this quiz</button> "
            f"<span class='quiz-storage-note'>Your answers stay in this browser (its local storage); "
            f"“Reset this quiz” forgets them.</span></p>"
            "</section>")


# ------------------------------------------------------------------ widgets in the executed notebook
def widget_state(nb) -> dict:
    return (nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}) or {}).get("state", {})


def _root_model(output, states):
    mid = output.get("data", {}).get(WIDGET_MIME, {}).get("model_id")
    return mid, states.get(mid)


def _children(model, states):
    for ref in model["state"].get("children", []) or []:
        cid = ref.split("IPY_MODEL_")[-1] if isinstance(ref, str) else None
        if cid in states:
            yield states[cid]


def default_view(model, states, state: PageState) -> list[str]:
    """The parts of a widget's saved state a reader can use without Python: HTML and Markdown texts, and what
    its Output areas show (charts drawn live, tables, text). Controls are left out: they would look alive
    and do nothing."""
    name, st = model["model_name"], model["state"]
    if str(st.get("layout", "")).startswith("IPY_MODEL_"):
        lay = states.get(st["layout"].split("IPY_MODEL_")[-1], {}).get("state", {})
        if lay.get("display") == "none":
            return []
    parts: list[str] = []
    if name in ("HTMLModel", "HTMLMathModel") and st.get("value"):
        parts.append(f"<div class='widget-html'>{st['value']}</div>")
    elif name == "OutputModel":
        for out in st.get("outputs", []):
            parts += output_html(out, state, states)
    for child in _children(model, states):
        parts += default_view(child, states, state)
    return parts


def output_html(out: dict, state: PageState, states: dict | None = None) -> list[str]:
    """One saved output (from an Output widget) as page HTML; a widget shown in it is followed into its state."""
    if out.get("output_type") == "stream":
        return [f"<pre class='stream'>{html.escape(out.get('text', ''))}</pre>"]
    data = out.get("data", {})
    if WIDGET_MIME in data and states is not None:
        model = states.get(data[WIDGET_MIME].get("model_id"))
        return default_view(model, states, state) if model else []
    for mime, spec in data.items():
        if VEGA_MIME.match(mime):
            return [chart_html(spec, state)]
    if "text/html" in data:
        v = data["text/html"]
        return [f"<div class='output-html'>{''.join(v) if isinstance(v, list) else v}</div>"]
    if "text/markdown" in data:
        from nbconvert.filters.markdown import markdown2html

        v = data["text/markdown"]
        return [markdown2html("".join(v) if isinstance(v, list) else v)]
    if "text/plain" in data:
        v = data["text/plain"]
        return [f"<pre class='stream'>{html.escape(''.join(v) if isinstance(v, list) else v)}</pre>"]
    return []


def _lesson_module(entry):
    """The lesson module of a notebook (pkru.lessons.nbNN_slug), or None where there is none."""
    import importlib
    import importlib.util

    name = f"pkru.lessons.nb{entry.id}_{entry.slug}"
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module(name)


def reading_explorer_of(entry):
    """The lesson's kernel-free explorer (an Altair chart with bound parameters), or None."""
    mod = _lesson_module(entry)
    fn = getattr(mod, "reading_explorer", None) if mod else None
    if fn is None:
        return None
    try:
        return fn()
    except Exception as exc:  # an author's mistake: name the lesson, never a bare traceback
        raise SiteError(f"{mod.__name__}.reading_explorer() failed: {type(exc).__name__}: {exc}") from None


def run_live_note(entry, binder_repo: str | None, short: bool = False) -> str:
    nb = entry.notebook
    published = binder_repo and "YOUR-ORG" not in binder_repo
    binder = (f" or on <a href='https://mybinder.org/v2/gh/{html.escape(binder_repo)}/HEAD?urlpath=lab/tree/{nb}'>"
              "Binder</a> (nothing to install)" if published else "")
    if short:
        return (f"Run the notebook for it: in JupyterLab (<code>python3 scripts/course.py open</code>), with Voila "
                f"(<code>.venv/bin/voila {html.escape(nb)}</code>){binder}.")
    return ("<p class='run-live'><b>This explorer needs Python</b>, so here you see its starting view. "
            f"To use it, run the notebook: in JupyterLab (<code>python3 scripts/course.py open</code> in the course "
            f"folder, then open <code>{html.escape(nb)}</code>), as an app with Voila "
            f"(<code>.venv/bin/voila {html.escape(nb)}</code>){binder}.</p>")


def is_chart(item) -> bool:
    import altair as alt

    return isinstance(item, alt.TopLevelMixin)


def item_html(item, state: PageState, hidden: bool = False) -> str:
    """One thing a widget shows (HTML text, an Altair chart, a table, an ipywidgets.HTML) as page HTML."""
    if isinstance(item, str):
        return item
    if is_chart(item):
        return chart_html(item.to_dict(), state, kind="lazy" if hidden else "")
    if hasattr(item, "_repr_html_"):
        return item._repr_html_()
    if hasattr(item, "data") and isinstance(item.data, str):  # IPython.display.HTML
        return item.data
    if isinstance(getattr(item, "value", None), str):  # ipywidgets.HTML
        return item.value
    return f"<pre class='stream'>{html.escape(str(item))}</pre>"


def _option_index(control: dict, value) -> int:
    if control["kind"] == "checkbox":
        return int(bool(value))
    values = [v for v, _ in control["options"]]
    return values.index(value) if value in values else -1


def views_html(entry, rv, state: PageState, binder_repo: str | None) -> str:
    """A kernel-free explorer that switches between precomputed views (see pkru.explore.ReadingViews): the
    controls as form inputs, each distinct piece of a view once, and which pieces each setting shows."""
    controls = rv.controls
    ident: dict[str, int] = {}   # each distinct piece once (a chart by its spec, anything else by its HTML)
    pieces: list = []
    keys: dict[str, list[int]] = {}
    default = tuple(c["value"] for c in controls)
    for values, items in rv.views.items():
        ids = []
        for item in (items if isinstance(items, (list, tuple)) else [items]):
            key = ("chart:" + json.dumps(item.to_dict(), sort_keys=True, default=str)) if is_chart(item) else \
                "html:" + item_html(item, state)
            if key not in ident:
                ident[key] = len(pieces)
                pieces.append(item)
            ids.append(ident[key])
        keys["|".join(str(_option_index(c, v)) for c, v in zip(controls, values))] = ids
    dkey = "|".join(str(_option_index(c, v)) for c, v in zip(controls, default))
    if dkey not in keys:
        raise SiteError(f"{entry.notebook}: the reading explorer has no view for the widget's starting values {default}")

    def reacts(i: int, c: dict) -> bool:  # does the value the keyboard reaches first show something else?
        idx = dkey.split("|")
        cur = int(idx[i])
        if c["kind"] == "checkbox":
            nxt = 1 - cur
        elif c["kind"] == "radio":
            nxt = 1 if cur <= 0 else (cur + 1) % len(c["options"])
        else:
            nxt = cur + 1 if cur + 1 < len(c["options"]) else cur - 1
        idx[i] = str(nxt)
        return keys.get("|".join(idx)) not in (None, keys[dkey])

    names = [c["name"] for c in controls]
    resets = {str(names.index(k)): [names.index(n) for n in v] for k, v in (getattr(rv, "resets", None) or {}).items()}
    uid = f"rv{state.charts}-{entry.id}"
    parts = []
    for i, c in enumerate(controls):
        r = " data-reacts='1'" if reacts(i, c) else ""
        label = html.escape(c["label"])
        if c["kind"] == "select":
            opts = "".join(f"<option value='{k}'{' selected' if v == c['value'] else ''}>{html.escape(str(lab))}</option>"
                           for k, (v, lab) in enumerate(c["options"]))
            parts.append(f"<label class='rv-control'><span class='rv-label'>{label}</span> "
                         f"<select data-rv='{i}'{r}>{opts}</select></label>")
        elif c["kind"] == "radio":
            opts = "".join(f"<label class='rv-radio'><input type='radio' name='{uid}-{i}' value='{k}' data-rv='{i}'{r}"
                           f"{' checked' if v == c['value'] else ''}> {html.escape(str(lab))}</label>"
                           for k, (v, lab) in enumerate(c["options"]))
            parts.append(f"<fieldset class='rv-control'><legend class='rv-label'>{label}</legend>{opts}</fieldset>")
        else:
            parts.append(f"<label class='rv-control'><input type='checkbox' data-rv='{i}'{r}"
                         f"{' checked' if c['value'] else ''}> <span class='rv-label'>{label}</span></label>")
    shown = keys[dkey]
    # the starting view's pieces in its order, then the rest (hidden; their charts are drawn when first shown)
    order = list(shown) + [k for k in range(len(pieces)) if k not in shown]
    body = "".join(f"<div class='rv-frag' data-frag='{k}'{'' if k in shown else ' hidden'}>"
                   f"{item_html(pieces[k], state, hidden=k not in shown)}</div>" for k in order)
    note = f"<p class='explorer-note'>{html.escape(rv.note)} {run_live_note(entry, binder_repo, short=True)}</p>" if rv.note else ""
    return ("<section class='explorer explorer-live explorer-views' aria-label='Explorer'>"
            "<p class='explorer-note'>This explorer runs in your browser: every view the notebook's widget can "
            "show, computed by the same functions. Use the controls (Tab to reach them; arrow keys change them).</p>"
            f"<div class='rv-controls' role='group' aria-label='Explorer controls'>{''.join(parts)}</div>"
            f"<div class='rv-output' aria-live='polite'>{body}</div>"
            f"<script type='application/json' class='rv-views'>{json_script({'views': keys, 'default': dkey, 'resets': resets})}</script>"
            f"{note}</section>")


def explorer_html(entry, model, states, state: PageState, binder_repo: str | None) -> str:
    live = reading_explorer_of(entry)
    if live is not None and hasattr(live, "views") and hasattr(live, "controls"):
        state.explorers_live += 1
        return views_html(entry, live, state, binder_repo)
    if live is not None:
        state.explorers_live += 1
        spec = live.to_dict() if hasattr(live, "to_dict") else live
        note = ((spec.get("usermeta") or {}).get("pkru") or {}).get("note")
        extra = f"<p class='explorer-note'>{html.escape(note)} {run_live_note(entry, binder_repo, short=True)}</p>" if note else ""
        return ("<section class='explorer explorer-live' aria-label='Explorer'>"
                "<p class='explorer-note'>This explorer runs in your browser, on the same data as the notebook's: "
                "use the controls under the chart (Tab to reach them; arrow keys move sliders and lists).</p>"
                f"{chart_html(spec, state, kind='explorer-chart')}{extra}</section>")
    state.explorers_static += 1
    return ("<section class='explorer explorer-static' aria-label='Explorer (starting view)'>"
            f"{run_live_note(entry, binder_repo)}{''.join(default_view(model, states, state))}</section>")


# ------------------------------------------------------------------ notebook -> page
def prepare(nb, entry, binder_repo: str | None) -> tuple[object, PageState]:
    """A copy of the executed notebook whose outputs are ready for the page: charts, quiz and explorer
    become page HTML; everything else is left to nbconvert."""
    nb = copy.deepcopy(nb)
    states = widget_state(nb)
    state = PageState()
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "course-header" in cell.metadata.get("tags", []):
            # the last line of the generated header speaks to authors ("edit it in course.yml"), not readers
            cell.source = re.sub(r"\n\n\*This header is generated from `course\.yml`[^\n]*\*\s*$", "", cell.source)
        if cell.cell_type != "code":
            continue
        new = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            vega = next((m for m in data if VEGA_MIME.match(m)), None)
            if vega:
                new.append(_html_output(chart_html(data[vega], state), out))
            elif WIDGET_MIME in data:
                _, model = _root_model(out, states)
                classes = (model or {}).get("state", {}).get("_dom_classes", []) if model else []
                if "pkru-quiz" in classes:
                    new.append(_html_output(quiz_html(entry, state), out))
                elif "pkru-explorer" in classes:
                    new.append(_html_output(explorer_html(entry, model, states, state, binder_repo), out))
                elif model:
                    parts = default_view(model, states, state)
                    new.append(_html_output("".join(parts) or "<p class='run-live'>(An interactive widget: run "
                                            "the notebook to use it.)</p>", out))
                    state.notes.append("a widget that is neither a quiz nor an explorer was shown as its saved view")
            else:
                new.append(out)
        cell.outputs = new
    nb.metadata.pop("widgets", None)
    return nb, state


def _html_output(markup: str, like: dict) -> dict:
    import nbformat

    return nbformat.v4.new_output("display_data", data={"text/html": markup})


def exporter():
    from nbconvert import HTMLExporter

    ex = HTMLExporter(template_name="pkru-site", extra_template_basedirs=[str(TEMPLATES)])
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.exclude_anchor_links = True
    return ex


def render_cells(ex, nb) -> str:
    body, _ = ex.from_notebook_node(nb)
    return body


SOURCE_CODE = re.compile(r"<code>([a-z0-9][a-z0-9_]*)</code>")
DATA_CODE = re.compile(r"<code>(?:\.\./)?data/([a-z_/]+\.(?:csv|md))</code>")
QUIZ_CODE = re.compile(r"<code>(?:\.\./)?data/quizzes/([0-9a-z_]+)\.json</code>")
EX_CODE = re.compile(r"<code>(?:\.\./)?(exercises|notebooks)/([0-9]{2}_[a-z_]+)\.ipynb</code>")
NB_HREF = re.compile(r'href="(?:\.\./notebooks/|notebooks/)?([0-9]{2}_[a-z_]+)\.ipynb(#[^"]*)?"')


def link_up(body: str, source_ids: set, stems: set, tables: dict) -> str:
    """Links a reader can follow: notebook links to pages, source ids to the sources page, data files to the
    data dictionary, exercise notebooks to their download."""
    body = NB_HREF.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"' if m.group(1) in stems else m.group(0),
                       body)
    body = SOURCE_CODE.sub(lambda m: (f"<a class='src' href='sources.html#{m.group(1)}'><code>{m.group(1)}</code></a>"
                                      if m.group(1) in source_ids else m.group(0)), body)
    body = DATA_CODE.sub(lambda m: (f"<a href='data.html#{tables[m.group(1)]}'><code>data/{m.group(1)}</code></a>"
                                    if m.group(1) in tables else m.group(0)), body)
    body = QUIZ_CODE.sub(lambda m: f"<a href='downloads/data/quizzes/{m.group(1)}.json'><code>data/quizzes/"
                                   f"{m.group(1)}.json</code></a>", body)
    body = EX_CODE.sub(lambda m: (f"<a href='downloads/{m.group(1)}/{m.group(2)}.ipynb' download><code>{m.group(1)}/"
                                  f"{m.group(2)}.ipynb</code></a>" if m.group(2) in stems else m.group(0)), body)
    return body


H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)


def page_sections(body: str) -> list[tuple[str, str]]:
    return [(i, html.unescape(re.sub(r"<[^>]+>", "", t)).strip()) for i, t in H2.findall(body)]


# ------------------------------------------------------------------ the other pages
def sources_rows():
    from pkru import load

    import pandas as pd

    rows = []
    for r in load("sources").to_dict("records"):
        r = {k: ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else v) for k, v in r.items()}
        rows.append({**r, "year": str(int(r["year"])) if r["year"] != "" else ""})
    return rows


def dictionary():
    doc = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return doc


# ------------------------------------------------------------------ the whole site
def jinja_env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "pages")),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env


def copy_static(out: Path, versions: dict) -> None:
    assets = out / "assets"
    vendor = assets / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for f in STATIC.iterdir():
        if f.is_file():
            shutil.copy2(f, assets / f.name)
    # Code highlighting: Pygments' "vs" colours all meet WCAG AA contrast on the light code background.
    from pygments.formatters import HtmlFormatter

    with open(assets / "course.css", "a", encoding="utf-8") as fh:
        fh.write("\n/* code highlighting (Pygments, style vs) */\n" + HtmlFormatter(style="vs").get_style_defs(".highlight") + "\n")
    lines = []
    for name, rel in VENDOR.items():
        shutil.copy2(NODE_MODULES / rel, vendor / Path(rel).name)
        lic = NODE_MODULES / name / "LICENSE"
        if lic.is_file():
            shutil.copy2(lic, vendor / f"{name}.LICENSE.txt")
        lines.append(f"{name} {versions[name]}")
    (vendor / "VERSIONS.txt").write_text(
        "Served from this site; installed with npm from scripts/site/package-lock.json:\n"
        + "\n".join(lines) + "\n", encoding="utf-8")


def copy_downloads(out: Path, entries) -> None:
    dl = out / "downloads"
    for e in entries:
        for rel in (e.notebook, e.exercise):
            dst = dl / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dst)
    shutil.copytree(ROOT / "data", dl / "data", dirs_exist_ok=True)


def build(out: Path, jobs: int = 2, fresh: bool = False, only: list[str] | None = None) -> dict:
    from pkru import manifest

    t0 = time.time()
    versions = vendor_versions()
    meta, all_entries = manifest.course(ROOT)
    entries = [e for e in all_entries if e.ready]
    todo = [e for e in entries if not only or e.id in only or e.stem in only]
    if only and not todo:
        raise SiteError(f"--only {only}: no ready notebook with that id in course.yml")
    binder_repo = meta.get("binder_repo")

    say(f"executing {len(todo)} notebook(s) ({jobs} at a time; unchanged ones come from build/site/executed/)")
    t_exec = time.time()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        executed = list(pool.map(lambda e: execute(e, fresh=fresh), todo))
    ran = sum(1 for _, was_run in executed if was_run)
    exec_s = time.time() - t_exec
    say(f"  {ran} executed, {len(todo) - ran} from the cache, {exec_s:.1f} s")

    t_render = time.time()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_static(out, versions)
    copy_downloads(out, entries)

    env = jinja_env()
    source_ids = {r["source_id"] for r in sources_rows()}
    stems = {e.stem for e in entries}
    tables = {r["path"]: r["name"] for r in dictionary()["resources"]}  # data/<path> -> its entry's anchor
    nav = [{"href": f"{e.stem}.html", "id": e.id, "title": e.title, "stem": e.stem} for e in entries]
    common = {"course": meta, "nav": nav, "versions": versions, "site_url": meta.get("site_url", "")}
    ex = exporter()
    report = {"pages": {}, "versions": versions}
    for i, (e, (nb, _)) in enumerate(zip(todo, executed)):
        page_nb, state = prepare(nb, e, binder_repo)
        body = link_up(render_cells(ex, page_nb), source_ids, stems, tables)
        k = entries.index(e)
        prev_e = entries[k - 1] if k > 0 else None
        next_e = entries[k + 1] if k + 1 < len(entries) else None
        page = env.get_template("notebook.html.j2").render(
            **common, page_title=f"{e.id} · {e.title}", current=e.stem, entry=e, body=body,
            sections=page_sections(body), has_charts=state.charts > 0,
            prev={"href": f"{prev_e.stem}.html", "title": f"{prev_e.id} · {prev_e.title}"} if prev_e else
            {"href": "index.html", "title": "Course home"},
            next={"href": f"{next_e.stem}.html", "title": f"{next_e.id} · {next_e.title}"} if next_e else
            {"href": "sources.html", "title": "Sources"},
            binder_repo=binder_repo)
        (out / f"{e.stem}.html").write_text(page, encoding="utf-8")
        report["pages"][f"{e.stem}.html"] = {"charts": state.charts, "quizzes": state.quizzes,
                                            "explorers_live": state.explorers_live,
                                            "explorers_static": state.explorers_static, "notes": state.notes}
    quizzes = {}
    for e in entries:
        from pkru import quiz as qz

        quizzes[e.stem] = {"stem": Path(e.quiz).stem, "questions": len(qz.load_quiz(e.id)["questions"])}
    (out / "index.html").write_text(env.get_template("home.html.j2").render(
        **common, page_title="Course home", current="index", entries=entries, quizzes=quizzes,
        has_charts=False, binder_repo=binder_repo), encoding="utf-8")
    (out / "sources.html").write_text(env.get_template("sources.html.j2").render(
        **common, page_title="Sources", current="sources", rows=sources_rows(), has_charts=False),
        encoding="utf-8")
    (out / "data.html").write_text(env.get_template("data.html.j2").render(
        **common, page_title="Data dictionary", current="data", package=dictionary(), has_charts=False),
        encoding="utf-8")
    for name in ("index.html", "sources.html", "data.html"):
        report["pages"][name] = {"charts": 0, "quizzes": 0, "explorers_live": 0, "explorers_static": 0, "notes": []}
    render_s = time.time() - t_render
    report.update(execute_s=round(exec_s, 2), render_s=round(render_s, 2), total_s=round(time.time() - t0, 2),
                  executed=ran)
    (out / "build-report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    say(f"  pages written in {render_s:.1f} s")
    live = sum(p["explorers_live"] for p in report["pages"].values())
    charts = sum(p["charts"] for p in report["pages"].values())
    say(f"site ready in {out} ({len(report['pages'])} pages, {charts} charts, {live} kernel-free explorers) "
        f"in {time.time() - t0:.1f} s. Open {out / 'index.html'}, or serve it: python3 -m http.server -d {out}")
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "site"), help="output folder (default: site/)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="notebooks executed at once")
    ap.add_argument("--fresh", action="store_true", help="execute every notebook again (ignore the cache)")
    ap.add_argument("--only", action="append", help="build only this notebook (id or stem); repeatable")
    args = ap.parse_args(argv)
    try:
        build(Path(args.out).resolve(), jobs=args.jobs, fresh=args.fresh, only=args.only)
    except SiteError as exc:
        print(f"[site] ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
