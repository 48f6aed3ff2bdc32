"""The manifest, the files and the README agree."""
from __future__ import annotations

import json
import subprocess
import sys

import yaml

from pkru import manifest

from conftest import ROOT

ENTRIES = manifest.entries(ROOT)


def test_fifteen_notebooks_in_order():
    assert [e.id for e in ENTRIES] == [f"{i:02d}" for i in range(15)]
    assert len({e.slug for e in ENTRIES}) == 15
    for e in ENTRIES:
        assert e.objectives and e.minutes["reading"] > 0 and e.minutes["exercises"] > 0
        assert e.quiz == f"quizzes/{e.stem}.json"


def test_ready_notebooks_have_all_their_files():
    for e in manifest.entries(ROOT, ready_only=True):
        for rel in (e.notebook, e.exercise, e.solution, e.master, "data/" + e.quiz, f"pkru/checks/nb{e.id}.py"):
            assert (ROOT / rel).is_file(), f"{e.id} is 'ready' but {rel} is missing"
        for d in e.data:
            assert (ROOT / "data" / d).is_file(), f"{e.id} uses data/{d}, which does not exist"


def test_no_unlisted_notebooks():
    stems = {e.stem for e in manifest.entries(ROOT, ready_only=True)}
    for folder in ("notebooks", "exercises", "solutions", "scripts/exercise_masters"):
        found = {p.stem for p in (ROOT / folder).glob("*.ipynb")}
        assert found == stems, f"{folder}: unlisted {found - stems}, missing {stems - found}"


def test_headers_readme_and_dictionary_are_in_step():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync_course.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_readme_course_map_lists_every_entry_and_links_ready_ones():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for e in ENTRIES:
        assert e.title in readme
        assert (f"]({e.notebook})" in readme) == e.ready


def test_notebook_header_cell_matches_manifest():
    for e in manifest.entries(ROOT, ready_only=True):
        nb = json.loads((ROOT / e.notebook).read_text(encoding="utf-8"))
        first = nb["cells"][0]
        assert "course-header" in first["metadata"].get("tags", [])
        assert "".join(first["source"]) == manifest.header_markdown(e)
        assert nb["metadata"]["course"]["id"] == e.id


def test_binder_links_point_at_the_recorded_repository_and_start_notebook():
    doc = yaml.safe_load((ROOT / "course.yml").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"mybinder.org/v2/gh/{doc['binder_repo']}/HEAD?urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert f"mybinder.org/v2/gh/{doc['binder_repo']}/HEAD?urlpath=voila/render/notebooks/00_start_here.ipynb" in readme


def test_read_online_links_point_at_the_recorded_site_address():
    doc = yaml.safe_load((ROOT / "course.yml").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    url = doc["site_url"]
    assert url.startswith("https://") and url.endswith("/")
    assert f"[![Read online](https://img.shields.io/badge/read-online-005a3c)]({url})" in readme
    assert f"**Read online** at <{url}>" in readme
    assert "python3 scripts/course.py site" in readme


def test_readme_gives_the_two_commands_and_ci_calls_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 scripts/course.py open" in readme and "python3 scripts/course.py test" in readme
    assert "python3 scripts/course.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_bad_manifest_gives_a_named_error(tmp_path):
    import pytest

    from pkru.data import CourseDataError

    (tmp_path / "course.yml").write_text("notebooks:\n  - id: '00'\n    slug: x\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"course\.yml.*lacks title"):
        manifest.entries(tmp_path)
    (tmp_path / "course.yml").write_text("notebooks: [\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"course\.yml.*not valid YAML"):
        manifest.entries(tmp_path)
