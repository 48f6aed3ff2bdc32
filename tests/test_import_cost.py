"""The start-up costs pkru removes (pkru/_lazy.py) — checked in fresh interpreters, because they are about
what a new kernel imports. Timings are not asserted here (they live in scripts/benchmark.py); what is
asserted is the behaviour that makes them cheap, and that nothing a learner sees changes."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT


def run_fresh(code: str) -> dict:
    """Run code in a new interpreter (the course venv's) and return the JSON it prints last."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


needs_rfc3987_syntax = pytest.mark.skipif(
    importlib.util.find_spec("rfc3987_syntax") is None,
    reason="rfc3987_syntax is not installed here (jsonschema's format-nongpl extra), so there is nothing to defer")

IRI_CASES = ["https://例え.jp/パス", "not an iri at all", "a b", "../x?y#z", "mailto:someone@example.org",
             "http://[::1]:80/", "http://[::1/"]

CHECK_IRIS = ("import jsonschema; c = jsonschema.Draft202012Validator.FORMAT_CHECKER; "
              f"iri = [[c.conforms(v, 'iri'), c.conforms(v, 'iri-reference')] for v in {IRI_CASES!r}]")


def test_setup_does_not_import_altair_until_a_chart_needs_it():
    out = run_fresh("""
        import json, sys
        import pkru
        pkru.setup()
        before = "altair" in sys.modules
        import altair as alt
        print(json.dumps({"before": before, "renderer": alt.renderers.active, "theme": alt.theme.active}))
    """)
    assert out == {"before": False, "renderer": "pkru", "theme": "pkru"}


def test_setup_after_altair_is_imported_configures_it_at_once():
    out = run_fresh("""
        import json
        import altair as alt
        import pkru
        pkru.setup()
        print(json.dumps({"renderer": alt.renderers.active, "theme": alt.theme.active}))
    """)
    assert out == {"renderer": "pkru", "theme": "pkru"}


def test_a_course_module_that_draws_charts_gets_the_course_renderer():
    out = run_fresh("""
        import json
        import pkru
        pkru.setup()
        from pkru.lessons import nb01_history as history
        import altair as alt
        bundle = alt.Chart(pkru.load("phases")).mark_bar().encode(x="start_year:Q")._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        print(json.dumps(sorted(data)))
    """)
    assert out == ["application/vnd.vegalite.v5+json", "image/png", "text/plain"]


@needs_rfc3987_syntax
def test_iri_format_checks_give_the_same_answers_with_the_stand_in():
    with_stand_in = run_fresh(f"""
        import json, sys
        import pkru
        stand_in = getattr(sys.modules["rfc3987_syntax"], "_pkru_stand_in", False)
        {CHECK_IRIS}
        real_now = not getattr(sys.modules["rfc3987_syntax"], "_pkru_stand_in", False)
        print(json.dumps({{"stand_in": stand_in, "real_after_use": real_now, "iri": iri}}))
    """)
    without = run_fresh(f"""
        import json
        {CHECK_IRIS}
        print(json.dumps({{"iri": iri}}))
    """)
    assert with_stand_in["stand_in"] is True
    assert with_stand_in["real_after_use"] is True
    assert with_stand_in["iri"] == without["iri"]
    assert [True, True] in without["iri"] and [False, False] in without["iri"]  # the cases discriminate


@needs_rfc3987_syntax
def test_importing_altair_with_pkru_skips_the_grammar_build():
    out = run_fresh("""
        import json, sys
        import pkru
        pkru.setup()
        import altair
        print(json.dumps({"lark_loaded": "lark" in sys.modules,
                          "stand_in": getattr(sys.modules["rfc3987_syntax"], "_pkru_stand_in", False)}))
    """)
    assert out == {"lark_loaded": False, "stand_in": True}


def test_no_stand_in_when_jsonschema_was_imported_first():
    out = run_fresh("""
        import json, sys
        import jsonschema
        import pkru
        print(json.dumps({"stand_in": getattr(sys.modules.get("rfc3987_syntax"), "_pkru_stand_in", False)}))
    """)
    assert out == {"stand_in": False}


def test_a_failing_after_import_hook_warns_but_the_import_still_works():
    out = run_fresh("""
        import json, warnings
        from pkru._lazy import after_import
        def broken():
            raise RuntimeError("boom")
        after_import("colorsys", broken)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import colorsys
        print(json.dumps({"works": colorsys.rgb_to_hsv(1, 0, 0)[2] == 1,
                          "warned": [str(w.message) for w in caught]}))
    """)
    assert out["works"] is True
    assert len(out["warned"]) == 1 and "colorsys" in out["warned"][0] and "boom" in out["warned"][0]


@pytest.mark.parametrize("name", ["altair", "pkru.charts"])
def test_charts_after_setup_and_restart_of_the_hook_is_idempotent(name):
    """Calling setup() twice (re-running the first cell) registers the hook once and still works."""
    out = run_fresh(f"""
        import json
        import pkru
        pkru.setup(); pkru.setup()
        from pkru._lazy import _finder
        import importlib
        importlib.import_module({name!r})
        import altair as alt
        print(json.dumps({{"renderer": alt.renderers.active, "pending": sum(map(len, _finder.hooks.values()))}}))
    """)
    assert out == {"renderer": "pkru", "pending": 0}
