"""Where a lesson's code lives and what it may use (pkru/lessons/__init__.py states the rules).

The lessons are discovered from course.yml, the way Altair's test suite discovers its examples: adding a notebook
to the manifest adds it to every test here.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import json
import re

import pytest

from pkru import indicators, manifest

from conftest import ROOT

PKRU = ROOT / "pkru"
LESSONS = PKRU / "lessons"
ENTRIES = manifest.entries(ROOT, ready_only=True)
LESSON_RE = re.compile(r"nb(\d\d)_[a-z0-9_]+")


def module_path(e) -> "Path":  # noqa: F821
    single, package = LESSONS / f"nb{e.id}_{e.slug}.py", LESSONS / f"nb{e.id}_{e.slug}"
    return single if single.is_file() else package


def lesson_files(e) -> list:
    p = module_path(e)
    return [p] if p.is_file() else sorted(p.glob("*.py"))


def lesson(e):
    return importlib.import_module(f"pkru.lessons.nb{e.id}_{e.slug}")


def imported_lessons(path) -> set[str]:
    """Lesson modules (nbNN_slug) a file imports, whatever the spelling (relative or absolute)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            found |= {m for m in re.findall(r"nb\d\d_[a-z0-9_]+", mod)}
            if mod.endswith("lessons") or node.level and not mod:
                found |= {a.name for a in node.names if LESSON_RE.fullmatch(a.name)}
        elif isinstance(node, ast.Import):
            found |= {m for a in node.names for m in re.findall(r"nb\d\d_[a-z0-9_]+", a.name)}
    return found


def notebook_code(path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_every_notebook_has_a_lesson_module_named_like_it():
    for e in ENTRIES:
        assert module_path(e).exists(), f"{e.notebook} has no lesson module pkru/lessons/nb{e.id}_{e.slug}.py"
    names = {p.stem for p in LESSONS.iterdir() if LESSON_RE.fullmatch(p.stem)}
    assert names == {f"nb{e.id}_{e.slug}" for e in ENTRIES}, "a lesson module without a notebook in course.yml"


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.stem)
def test_a_lesson_imports_only_earlier_lessons(e):
    for path in lesson_files(e):
        for name in imported_lessons(path):
            assert int(name[2:4]) < int(e.id), f"{path.relative_to(ROOT)} imports {name}, a later (or its own) lesson"


def test_course_wide_modules_import_no_lesson():
    for path in sorted(PKRU.glob("*.py")) + sorted((PKRU / "checks").glob("*.py")):
        if path.parent.name == "checks":
            continue  # a notebook's checks may reuse that notebook's (or an earlier) lesson: tested below
        assert not imported_lessons(path), f"{path.relative_to(ROOT)} imports a lesson: course-wide code knows no lesson"
    for path in sorted((PKRU / "checks").glob("nb*.py")):
        for name in imported_lessons(path):
            assert int(name[2:4]) <= int(path.stem[2:4]), f"{path.relative_to(ROOT)} imports the later lesson {name}"


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.stem)
def test_lesson_interface(e):
    mod = lesson(e)
    doc = (mod.__doc__ or "").strip()
    assert doc.startswith(f"Notebook {e.id} ({e.slug}):"), f"docstring of {mod.__name__} must open 'Notebook {e.id} ({e.slug}): …'"
    assert callable(getattr(mod, "explorer", None)), f"{mod.__name__} has no explorer()"
    for name in ("CITED_EVENTS", "CITED_SOURCES"):
        assert isinstance(getattr(mod, name, None), list), f"{mod.__name__} has no list {name}"
    assert isinstance(getattr(mod, "__all__", None), list), f"{mod.__name__} declares no __all__"
    missing = [n for n in mod.__all__ if not hasattr(mod, n)]
    assert not missing, f"{mod.__name__}.__all__ names what it does not define: {missing}"


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.stem)
def test_cited_ids_resolve_and_are_listed_in_the_sources_section(e):
    import pkru

    mod = lesson(e)
    events = set(pkru.load("events")["event_id"])
    sources = set(pkru.load("sources")["source_id"])
    assert set(mod.CITED_EVENTS) <= events, set(mod.CITED_EVENTS) - events
    assert set(mod.CITED_SOURCES) <= sources, set(mod.CITED_SOURCES) - sources
    listed = set(pkru.sources.ids_used_by(e.id))
    assert set(mod.CITED_SOURCES) <= listed
    code = notebook_code(ROOT / e.notebook)
    assert sum("show_sources(notebook=" in c for c in code) == 1, f"{e.notebook}: one Sources call, at the end"


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.stem)
def test_the_notebook_uses_only_what_its_lesson_exports(e):
    mod = lesson(e)
    for path in (ROOT / e.notebook, ROOT / "scripts" / "exercise_masters" / f"{e.stem}.ipynb"):
        if not path.exists():
            continue
        text = "\n".join(notebook_code(path))
        for alias in re.findall(rf"from pkru\.lessons import .*?nb{e.id}_{e.slug} as (\w+)", text):
            used = set(re.findall(rf"\b{alias}\.([A-Za-z_]\w*)", text))
            assert used <= set(mod.__all__), f"{path.name} uses {sorted(used - set(mod.__all__))} outside __all__"


def chart_builders():
    mods = [importlib.import_module("pkru.charts")] + [lesson(e) for e in ENTRIES]
    seen = {}
    for mod in mods:
        for sub in [mod] + [m for _, m in inspect.getmembers(mod, inspect.ismodule)
                            if m.__name__.startswith(mod.__name__ + ".")]:
            for name, fn in inspect.getmembers(sub, inspect.isfunction):
                if name.endswith("_chart") and fn.__module__ == sub.__name__:
                    seen[f"{sub.__name__}.{name}"] = fn
    return sorted(seen.items())


@pytest.mark.parametrize("name,fn", chart_builders(), ids=lambda x: x if isinstance(x, str) else "")
def test_chart_builders_write_their_own_description(name, fn):
    p = inspect.signature(fn).parameters.get("description")
    assert p is not None and p.default is None, f"{name} must take description=None (and write it from the data)"


def _typed_figures(code: str) -> list[str]:
    """String literals with a digit passed as description=… (or the literal parts of an f-string)."""
    found = []
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg != "description":
                    continue
                parts = ([kw.value] if isinstance(kw.value, ast.Constant) else
                         [v for v in getattr(kw.value, "values", []) if isinstance(v, ast.Constant)])
                found += [p.value for p in parts if isinstance(p.value, str) and re.search(r"\d", p.value)]
    return found


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.stem)
def test_no_figure_typed_by_hand_in_a_description(e):
    for path in (ROOT / e.notebook, ROOT / "scripts" / "exercise_masters" / f"{e.stem}.ipynb"):
        if path.exists():
            for code in notebook_code(path):
                typed = _typed_figures(code)
                assert not typed, f"{path.name}: description with a typed figure {typed[0][:80]!r}: compute it"


def test_the_typed_figure_check_can_fail():
    assert _typed_figures('chart(description="Russia\'s share fell from 71% to 2%")')
    assert _typed_figures('chart(description=f"{x:.0f} of the 86 events")')
    assert not _typed_figures('chart(description=f"{share:.0f}% of {n} events")')


def test_shared_indicators_are_defined_only_in_indicators():
    """pkru/checks is left out on purpose: a check recomputes its expected value with plain pandas, so that a bug
    in an indicator cannot make the learner's check agree with it."""
    names = set(indicators.SHARED_INDICATORS)
    for path in sorted(PKRU.rglob("*.py")):
        if path.name == "indicators.py" or "checks" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                assert node.name not in names, f"{path.relative_to(ROOT)} defines {node.name}: use pkru.indicators"


def test_old_module_names_still_resolve_for_saved_copies():
    import subprocess
    import sys

    code = ("import warnings; warnings.simplefilter('error')\n"
            "import pkru\n"
            "try:\n    from pkru import trade\nexcept DeprecationWarning as w:\n    print('warned:', w)\n"
            "warnings.simplefilter('ignore')\n"
            "from pkru import trade, capstone\nimport pkru.arms as arms\nfrom pkru.visits import record_end\n"
            "print(trade.__name__, capstone.__name__, arms.__name__, record_end.__module__)\n"
            "print(len(capstone.ROLES), capstone.RUBRIC_LEVELS[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "warned: pkru.trade is now pkru.lessons.nb04_trade" in out.stdout
    assert ("pkru.lessons.nb04_trade pkru.lessons.nb14_capstone pkru.lessons.nb05_security "
            "pkru.lessons.nb03_diplomacy") in out.stdout
    assert "5 1 · Beginning" in out.stdout
    for old, new in importlib.import_module("pkru").OLD_NAMES.items():
        assert (LESSONS / f"{new}.py").exists() or (LESSONS / new).is_dir(), (old, new)
