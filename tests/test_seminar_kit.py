"""Seminar kit: class pooling (valid, malformed, duplicate files), exports, and printable handouts."""
from __future__ import annotations

import shutil

import pytest

from pkru import pooling, progress
from pkru.quiz import load_quiz

from conftest import ROOT

SAMPLE = ROOT / "instructors" / "sample_class"


def test_sample_folder_reports_each_file_correctly():
    pooled = pooling.read_class_folder(SAMPLE)
    status = {r["file"]: r["status"] for r in pooled.report}
    assert status == {"scores_amina.csv": "ok", "scores_amina_copy.csv": "duplicate", "scores_bilal.csv": "ok",
                      "scores_chen_broken.csv": "malformed", "weights_amina.csv": "ok", "weights_bilal.csv": "ok"}
    msg = {r["file"]: r["message"] for r in pooled.report}
    assert "line 2, column 'correct'" in msg["scores_chen_broken.csv"]
    assert "identical to scores_amina.csv" in msg["scores_amina_copy.csv"]
    assert sorted(pooled.scores["learner"].unique()) == ["amina", "bilal"] and len(pooled.scores) == 10
    assert len(pooled.weights) == 20


@pytest.mark.parametrize("content, match", [
    ("", "the file is empty"),
    ("name,score\nx,1\n", "unknown header"),
    ("learner,factor,weight\nx,trade,11\n", "outside 0–10"),
    ("learner,factor,weight\nx,astrology,3\n", "is not a course factor"),
    ("learner,factor,weight\nx,trade\n", "line 2: 2 fields, expected 3"),
    ("learner,factor,weight\nx,trade,3\ny,energy,2\n", "more than one learner"),
])
def test_bad_class_files_are_named_and_left_out(tmp_path, content, match):
    shutil.copy(SAMPLE / "weights_amina.csv", tmp_path / "weights_amina.csv")
    (tmp_path / "weights_bad.csv").write_text(content, encoding="utf-8")
    pooled = pooling.read_class_folder(tmp_path)
    bad = [r for r in pooled.report if r["file"] == "weights_bad.csv"][0]
    assert bad["status"] == "malformed" and match in bad["message"]
    assert set(pooled.weights["learner"]) == {"amina"}


def test_second_file_from_same_learner_is_a_duplicate(tmp_path):
    shutil.copy(SAMPLE / "weights_amina.csv", tmp_path / "weights_a.csv")
    (tmp_path / "weights_b.csv").write_text("learner,factor,weight\nAmina,trade,2\n", encoding="utf-8")
    report = {r["file"]: r for r in pooling.read_class_folder(tmp_path).report}
    assert report["weights_b.csv"]["status"] == "duplicate" and "first: weights_a.csv" in report["weights_b.csv"]["message"]


def test_missing_folder_is_reported_not_raised(tmp_path):
    pooled = pooling.read_class_folder(tmp_path / "nope")
    assert pooled.report[0]["status"] == "missing" and pooled.scores.empty


def test_exports_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    progress.record_quiz("00_start_here", "q00_1", True)
    progress.record_quiz("00_start_here", "q00_2", False)
    s = pooling.export_scores("Amina K.")
    assert s.name == "scores_Amina_K.csv"
    wpath = pooling.export_weights("Amina K.", {"trade": 3, "security": 8.5})
    pooled = pooling.read_class_folder(s.parent)
    assert [r["status"] for r in pooled.report] == ["ok", "ok"]
    assert pooled.scores.set_index("question_id")["correct"].to_dict() == {"q00_1": 1, "q00_2": 0}
    assert pooled.weights.set_index("factor")["weight"].to_dict() == {"trade": 3.0, "security": 8.5}
    assert wpath.exists()
    with pytest.raises(ValueError, match="Unknown factor"):
        pooling.export_weights("x", {"astrology": 1})
    with pytest.raises(ValueError, match="between 0 and 10"):
        pooling.export_weights("x", {"trade": 42})
    with pytest.raises(ValueError, match="Give a name"):
        pooling.export_scores("  ")


def test_handouts_separate_questions_from_answers(tmp_path):
    import handouts

    assert handouts.main(["--out", str(tmp_path), "00"]) == 0
    sheet = (tmp_path / "00_start_here_questions.html").read_text(encoding="utf-8")
    key = (tmp_path / "00_start_here_answer_key.html").read_text(encoding="utf-8")
    doc = load_quiz("00")
    for q in doc["questions"]:
        assert q["question"].split("…")[0][:40] in sheet.replace("&#x27;", "'")
        assert q["explanation"][:40] not in sheet.replace("&#x27;", "'")
        assert q["explanation"][:40] in key.replace("&#x27;", "'")
    assert "Sources:" in key and "Sources:" not in sheet and "@media print" in sheet


def test_instructor_guide_is_generated_and_complete():
    import instructor_guide

    assert instructor_guide.main(["--check"]) == 0, "run python scripts/instructor_guide.py"
    text = (ROOT / "INSTRUCTORS.md").read_text(encoding="utf-8")
    from pkru import manifest

    for e in manifest.entries(ROOT, ready_only=True):
        assert f"### Session {e.id} · {e.title}" in text
        assert len(instructor_guide.discussion_prompts(ROOT / e.notebook)) >= 3, f"{e.notebook}: <3 prompts found"
    for needle in ("A 2-hour seminar", "Six weeks", "Two days", "misconceptions", "capstone", "git-pull?repo="):
        assert needle in text


def test_good_answers_match_the_notebook_prompts_one_to_one():
    """`seminar.good_answers` in course.yml is matched to the notebook's prompts by position: a prompt added,
    removed or moved without its criterion would silently pair the wrong ones."""
    import instructor_guide
    from pkru import manifest

    given = 0
    for e in manifest.entries(ROOT, ready_only=True):
        good = (e.extra.get("seminar") or {}).get("good_answers")
        if good is None:
            continue
        given += 1
        prompts = instructor_guide.discussion_prompts(ROOT / e.notebook)
        assert len(good) == len(prompts), f"{e.id}: {len(good)} good answers for {len(prompts)} prompts"
        assert all(isinstance(g, str) and len(g.split()) >= 12 for g in good), f"{e.id}: a criterion is too short"
    assert given == len(manifest.entries(ROOT, ready_only=True)), "every ready notebook has its good answers"


def test_misconceptions_cite_sources_that_resolve():
    """Every bullet of the instructor notes' "Common misconceptions" that names source ids names real ones, and
    all but the definitional ones (USSR/Russia, the two data habits) name at least one (issue 15)."""
    import re

    import pkru

    text = (ROOT / "instructors" / "notes.md").read_text(encoding="utf-8")
    section = re.search(r"^## Common misconceptions.*?\n(.*?)(?=^## )", text, re.S | re.M).group(1)
    bullets = [b for b in re.split(r"\n(?=- \*\*)", section) if b.startswith("- **")]
    known = set(pkru.load("sources")["source_id"])
    uncited = []
    for b in bullets:
        ids = [i.strip() for group in re.findall(r"\[([a-z0-9_;\s]+)\]", b) for i in group.split(";") if i.strip()]
        assert set(ids) <= known, set(ids) - known
        if not ids:
            uncited.append(b[:60])
    assert len(bullets) >= 12 and len(uncited) <= 2, uncited
