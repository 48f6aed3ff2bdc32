"""Quizzes: validate a quiz file of data/quizzes/, check an answer, and show the quiz as a widget.

A quiz file is JSON::

    {"notebook": "00_start_here", "title": "...",
     "questions": [{"id": "q00_1", "question": "...", "options": ["...", "..."],
                    "answer": "<exactly one of the options>", "explanation": "...",
                    "source_ids": ["id in data/sources.csv", ...]}]}

The checking logic (``check_answer``) is a plain function; the widget only wires it to buttons.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from . import progress
from .data import CourseDataError, load, repo_root, source_label

QUESTION_KEYS = ["id", "question", "options", "answer", "explanation", "source_ids"]
EMPTY_PROMPT = "Choose an answer first, then press “Check answer”."
# The wording every rendering of a quiz shares (the widget here, the reading edition's page script):
CHECK_LABEL = "Check answer"
INTRO_HTML = ("<p style='margin:0'>Pick an answer and press <b>Check answer</b>. Each explanation says "
              "where the evidence comes from. Answers are saved only on this computer.</p>")
SCORE_HTML = ("<p class='pkru-quiz-score'><b>Score:</b> {right} of {total} right at the first try "
              "({answered} of {total} answered).</p>")


def _line_of(text: str, needle: str, nth: int = 1) -> int | None:
    pos = -1
    for _ in range(nth):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return text.count("\n", 0, pos) + 1


def validate_quiz(doc: dict, rel: str, text: str = "", source_ids: set | None = None) -> None:
    """Raise CourseDataError (file, line, field) for the first problem in a quiz document."""
    if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list) or not doc["questions"]:
        raise CourseDataError(rel, "needs a non-empty list 'questions'", column="questions")
    seen = set()
    for n, q in enumerate(doc["questions"], start=1):
        if not isinstance(q, dict):
            raise CourseDataError(rel, f"question {n} is not an object", column="questions")
        qid = q.get("id", f"#{n}")
        line = _line_of(text, f'"{qid}"') if isinstance(qid, str) else None
        where = f"question '{qid}'"
        for key in QUESTION_KEYS:
            if key not in q:
                raise CourseDataError(rel, f"{where} has no '{key}'", line=line, column=key)
        if qid in seen:
            raise CourseDataError(rel, f"{where}: duplicate id", line=_line_of(text, f'"{qid}"', 2), column="id")
        seen.add(qid)
        opts = q["options"]
        if not isinstance(opts, list) or len(opts) < 2 or not all(isinstance(o, str) and o.strip() for o in opts):
            raise CourseDataError(rel, f"{where}: 'options' must be a list of at least two non-empty texts",
                                  line=line, column="options")
        if len(set(opts)) != len(opts):
            raise CourseDataError(rel, f"{where}: two options are identical", line=line, column="options")
        ans = q["answer"]
        if isinstance(ans, list):
            raise CourseDataError(rel, f"{where}: exactly one answer is allowed, found {len(ans)}",
                                  line=line, column="answer")
        if not isinstance(ans, str) or ans not in opts:
            raise CourseDataError(rel, f"{where}: the answer {ans!r} is not one of its options",
                                  line=line, column="answer")
        for key in ("question", "explanation"):
            if not isinstance(q[key], str) or len(q[key].strip()) < 10:
                raise CourseDataError(rel, f"{where}: '{key}' is missing or too short", line=line, column=key)
        ids = q["source_ids"]
        if not isinstance(ids, list) or not ids:
            raise CourseDataError(rel, f"{where}: 'source_ids' must list at least one source", line=line,
                                  column="source_ids")
        if source_ids is not None:
            for sid in ids:
                if sid not in source_ids:
                    raise CourseDataError(rel, f"{where}: unknown source id '{sid}' (not in data/sources.csv)",
                                          line=line, column="source_ids")


def quiz_path(notebook: str) -> Path:
    from .manifest import entry

    return repo_root() / "data" / entry(notebook).quiz


def load_quiz(path_or_notebook: str | Path) -> dict:
    """Read and validate a quiz file (a path, or a notebook id/slug such as "00")."""
    p = Path(path_or_notebook)
    if not p.suffix:
        p = quiz_path(str(path_or_notebook))
    try:
        rel = p.resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        rel = str(p)
    if not p.is_file():
        raise CourseDataError(rel, "quiz file not found")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CourseDataError(rel, "not UTF-8 text; save the file as UTF-8") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseDataError(rel, f"not valid JSON ({exc.msg})", line=exc.lineno) from None
    validate_quiz(doc, rel, text, set(load("sources")["source_id"]))
    return doc


@dataclass
class Feedback:
    status: str  # "empty", "wrong" or "right"
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "right"


def check_answer(question: dict, choice: str | None) -> Feedback:
    """Plain checking logic: no choice -> a prompt; wrong -> 'Not quite' + explanation; right -> 'Correct'."""
    if choice is None or choice == "":
        return Feedback("empty", EMPTY_PROMPT)
    if choice not in question["options"]:
        return Feedback("empty", f"“{choice}” is not one of the options. {EMPTY_PROMPT}")
    srcs = source_label(";".join(question["source_ids"]))
    if choice == question["answer"]:
        return Feedback("right", f"Correct! {question['explanation']} (Source: {srcs})")
    return Feedback("wrong", f"Not quite — try again, or read on. {question['explanation']} (Source: {srcs})")


# Long options must wrap onto several lines and stay clickable (ipywidgets keeps labels on one line).
# ipywidgets writes each option as <label>text<input></label> and floats the input left, so a label that wraps
# shows its first line above the button: the label is a flex row with the button first instead.
QUIZ_CSS = ("<style>.pkru-quiz .widget-radio-box label{display:flex;white-space:normal;height:auto;line-height:1.35;"
            "align-items:flex-start;margin:2px 0;max-width:760px}"
            ".pkru-quiz .widget-radio-box input{order:-1;float:none;flex-shrink:0;margin-top:3px}</style>")
COLORS = {"empty": "#5a5a5a", "wrong": "#A33B00", "right": "#00704F"}
ICONS = {"empty": "ℹ", "wrong": "✗", "right": "✓"}


def feedback_html(fb: Feedback) -> str:
    """The feedback line under a question (the same HTML in the widget and on the reading edition)."""
    return (f"<div role='status' style='color:{COLORS[fb.status]};line-height:1.4'>"
            f"<b>{ICONS[fb.status]}</b> {html.escape(fb.message)}</div>")


class Quiz:
    """The quiz widget. ``Quiz("00")`` or ``Quiz(path)``; display it by leaving it last in a cell."""

    def __init__(self, path_or_notebook, on_result=None):
        import ipywidgets as w
        from ipywidgets.widgets.widget_button import ButtonStyle
        from ipywidgets.widgets.widget_description import DescriptionStyle
        from ipywidgets.widgets.widget_string import HTMLStyle

        self.doc = load_quiz(path_or_notebook)
        self.on_result = on_result
        self.first_try: dict[str, bool] = {}
        # One Layout/style object per kind, shared by all questions: each widget would otherwise create its
        # own (a quiz of nine questions went from ~120 widget models to ~50, which is what a kernel sends).
        self._shared = {"plain": w.Layout(), "auto": w.Layout(width="auto"),
                        "box": w.Layout(margin="0 0 0.6em 0"), "html": HTMLStyle(),
                        "radio": DescriptionStyle(description_width="initial"), "button": ButtonStyle()}
        self.score = w.HTML(self._score_text(), layout=self._shared["plain"], style=self._shared["html"])
        boxes = []
        for n, q in enumerate(self.doc["questions"], start=1):
            boxes.append(self._question_box(w, n, q))
        title = w.HTML(f"{QUIZ_CSS}<h3 style='margin:0.2em 0'>{html.escape(self.doc.get('title', 'Quiz'))}</h3>"
                       + INTRO_HTML)
        title.layout, title.style = self._shared["plain"], self._shared["html"]
        self.widget = w.VBox([title, *boxes, self.score])
        self.widget.add_class("pkru-quiz")

    def _question_box(self, w, n, q):
        sh = self._shared
        prompt = w.HTML(f"<p style='margin:0.6em 0 0.2em'><b>{n}.</b> {html.escape(q['question'])}</p>",
                        layout=sh["plain"], style=sh["html"])
        radio = w.RadioButtons(options=q["options"], value=None, layout=sh["auto"],
                               description=f"Answer {n}:", style=sh["radio"])
        radio.add_class("pkru-quiz-options")
        button = w.Button(description=CHECK_LABEL, tooltip=f"Check your answer to question {n}",
                          button_style="", layout=sh["auto"], style=sh["button"])
        feedback = w.HTML("", layout=sh["plain"], style=sh["html"])
        feedback.add_class("pkru-quiz-feedback")

        def on_click(_):
            fb = check_answer(q, radio.value)
            feedback.value = feedback_html(fb)
            if fb.status != "empty":
                self.first_try.setdefault(q["id"], fb.correct)
                self.score.value = self._score_text()
                if self.on_result:
                    self.on_result(q["id"], fb.correct)

        button.on_click(on_click)
        box = w.VBox([prompt, radio, button, feedback], layout=sh["box"])
        box.add_class("pkru-quiz-question")
        box.add_class(f"pkru-answer-{q['options'].index(q['answer'])}")
        return box

    def _score_text(self) -> str:
        total = len(self.doc["questions"])
        right = sum(self.first_try.values())
        return SCORE_HTML.format(right=right, total=total, answered=len(self.first_try))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def show(notebook: str):
    """The quiz of a notebook (by id or slug), with results saved to the learner's progress file."""

    stem = Path(quiz_path(notebook)).stem
    return Quiz(notebook, on_result=lambda qid, ok: progress.record_quiz(stem, qid, ok))
