"""Quiz files: one per ready notebook, each valid; the checking logic and its messages."""
from __future__ import annotations

import json

import pytest

import pkru

from pkru import manifest
from pkru.data import CourseDataError
from pkru.quiz import EMPTY_PROMPT, Quiz, check_answer, load_quiz, validate_quiz

from conftest import ROOT

READY = manifest.entries(ROOT, ready_only=True)


@pytest.mark.parametrize("e", READY, ids=lambda e: e.stem)
def test_quiz_file_is_valid_and_long_enough(e):
    """The one validity test of every quiz (the per-notebook tests check only what their data say)."""
    doc = load_quiz(e.id)
    assert doc["notebook"] == e.stem
    assert len(doc["questions"]) >= (5 if e.id == "00" else 6)
    known = set(pkru.load("sources")["source_id"])
    for q in doc["questions"]:
        assert q["id"].startswith(f"q{e.id}_"), q["id"]
        assert q["options"].count(q["answer"]) == 1, q["id"]
        assert check_answer(q, q["answer"]).correct
        assert not any(check_answer(q, o).correct for o in q["options"] if o != q["answer"])
        assert q["source_ids"] and set(q["source_ids"]) <= known, q["id"]


def test_question_ids_are_unique_across_the_course():
    seen = {}
    for e in READY:
        for q in load_quiz(e.id)["questions"]:
            assert q["id"] not in seen, f"{q['id']} in {e.quiz} and {seen[q['id']]}"
            seen[q["id"]] = e.quiz


def test_no_stray_quiz_files():
    wanted = {(ROOT / "data" / e.quiz).name for e in manifest.entries(ROOT)}
    assert {p.name for p in (ROOT / "data" / "quizzes").glob("*.json")} <= wanted


GOOD = {"id": "t1", "question": "Which year is it about?", "options": ["1948", "1949"], "answer": "1948",
        "explanation": "Relations were established in 1948.", "source_ids": ["gse_soviet_pakistani_agreements"]}


def _doc(**change):
    return {"questions": [{**GOOD, **change}]}


@pytest.mark.parametrize("change, match", [
    ({"answer": ["1948", "1949"]}, r"question 't1': exactly one answer is allowed, found 2"),
    ({"answer": "1950"}, r"question 't1': the answer '1950' is not one of its options"),
    ({"options": ["1948"]}, r"'options' must be a list of at least two"),
    ({"options": ["1948", "1948"]}, r"two options are identical"),
    ({"source_ids": ["no_such_source"]}, r"unknown source id 'no_such_source'"),
    ({"source_ids": []}, r"'source_ids' must list at least one source"),
    ({"explanation": ""}, r"'explanation' is missing or too short"),
])
def test_bad_quiz_gives_a_named_error(change, match):
    from pkru.data import load

    with pytest.raises(CourseDataError, match=r"data/quizzes/x\.json.*" + match):
        validate_quiz(_doc(**change), "data/quizzes/x.json", "", set(load("sources")["source_id"]))


def test_missing_key_and_duplicate_id_and_line_number():
    doc = {"questions": [GOOD, dict(GOOD)]}
    text = json.dumps(doc, indent=1)
    with pytest.raises(CourseDataError, match="duplicate id") as info:
        validate_quiz(doc, "q.json", text)
    second = [i for i, line in enumerate(text.splitlines(), start=1) if '"t1"' in line][1]
    assert info.value.column == "id" and info.value.line == second
    bad = dict(GOOD)
    del bad["answer"]
    with pytest.raises(CourseDataError, match="has no 'answer'"):
        validate_quiz({"questions": [bad]}, "q.json")


def test_broken_json_file_names_the_line(tmp_path):
    p = tmp_path / "q.json"
    p.write_text('{"questions": [\n  {"id": "a",}\n]}', encoding="utf-8")
    with pytest.raises(CourseDataError, match=r"q\.json, line 2: not valid JSON"):
        load_quiz(p)


def test_check_answer_messages():
    assert check_answer(GOOD, None).status == "empty"
    assert check_answer(GOOD, None).message == EMPTY_PROMPT
    wrong = check_answer(GOOD, "1949")
    assert wrong.status == "wrong" and wrong.message.startswith("Not quite") and GOOD["explanation"] in wrong.message
    right = check_answer(GOOD, "1948")
    assert right.correct and right.message.startswith("Correct!") and "Source:" in right.message


def test_widget_wires_the_logic(tmp_path, monkeypatch):
    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    results = []
    quiz = Quiz("00", on_result=lambda qid, ok: results.append((qid, ok)))
    box = quiz.widget.children[1]
    radio, button, feedback = box.children[1], box.children[2], box.children[3]
    button.click()
    assert "Choose an answer first" in feedback.value and results == []
    q = quiz.doc["questions"][0]
    radio.value = next(o for o in q["options"] if o != q["answer"])
    button.click()
    assert "Not quite" in feedback.value and results == [(q["id"], False)]
    radio.value = q["answer"]
    button.click()
    assert "Correct!" in feedback.value
    assert "0 of 5 right at the first try" in quiz.score.value  # first try was wrong
    assert f"pkru-answer-{q['options'].index(q['answer'])}" in box._dom_classes


def test_quiz_widget_shares_layouts_so_a_kernel_sends_few_models(tmp_path, monkeypatch):
    """Each widget model is a message from the kernel; sharing Layout/style objects keeps a quiz to about
    five models per question instead of thirteen."""
    from ipywidgets.widgets.widget import _instances  # every live widget model, by id

    monkeypatch.setenv("PKRU_WORK", str(tmp_path))
    before = set(_instances)
    quiz = Quiz("08")
    created = len(set(_instances) - before)
    n = len(quiz.doc["questions"])
    assert created <= 5 * n + 15, f"{created} widget models for {n} questions"  # 13 per question unshared
