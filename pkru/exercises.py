"""Exercise checks that say "right" or "not yet" with a hint — never a traceback.

Each notebook's checks live in ``pkru.checks.nbNN``. Write one like this::

    @exercise_check("the number of security events", expected_type=int)
    def ex1(answer):
        expected = ...  # computed from data/, never typed in
        if answer == expected:
            return right("Yes: ...")
        return not_yet("Count the rows whose category is 'security'.")

Calling ``ex1(...)`` in a notebook shows a coloured message. ``ex1(...)`` with ``...`` (the blank in
an exercise) says "not answered yet"; a value of the wrong type says what type was expected;
an error inside the check is reported as a message, not raised.
"""
from __future__ import annotations

import functools
import html
from dataclasses import dataclass

STYLE = {"right": ("#00704F", "✓ Right"), "not_yet": ("#A33B00", "✗ Not yet"),
         "blank": ("#5a5a5a", "… Not answered yet")}


@dataclass
class Result:
    status: str  # right | not_yet | blank
    message: str
    name: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "right"

    def __bool__(self) -> bool:
        return self.ok

    def _repr_html_(self):
        color, label = STYLE[self.status]
        name = f" — {html.escape(self.name)}" if self.name else ""
        return (f"<div class='pkru-check pkru-check-{self.status}' role='status' "
                f"style='border-left:4px solid {color};padding:4px 10px;margin:4px 0'>"
                f"<b style='color:{color}'>{label}</b>{name}: {html.escape(self.message)}</div>")

    def __repr__(self):
        return f"{STYLE[self.status][1]}{' — ' + self.name if self.name else ''}: {self.message}"


def right(message: str = "Well done.") -> Result:
    return Result("right", message)


def not_yet(hint: str) -> Result:
    return Result("not_yet", hint)


TYPE_NAMES = {int: "a whole number", float: "a number", str: "a text (string)", list: "a list",
              dict: "a dictionary", tuple: "a tuple", bool: "True or False"}


def _type_ok(value, expected) -> bool:
    import numbers

    import pandas as pd

    kinds = expected if isinstance(expected, tuple) else (expected,)
    for k in kinds:
        if k is int and isinstance(value, numbers.Integral) and not isinstance(value, bool):
            return True
        if k is float and isinstance(value, numbers.Real) and not isinstance(value, bool):
            return True
        if k is pd.DataFrame and isinstance(value, pd.DataFrame):
            return True
        if k not in (int, float) and isinstance(value, k):
            return True
    return False


def exercise_check(what: str, expected_type=None):
    """Decorator: blank / wrong-type / crash handling around a check function."""
    def wrap(fn):
        @functools.wraps(fn)
        def check(answer=..., *args, **kwargs):
            if answer is ... or answer is None:
                return Result("blank", "replace the ... with your answer, then run the cell again.", what)
            if expected_type is not None and not _type_ok(answer, expected_type):
                kinds = expected_type if isinstance(expected_type, tuple) else (expected_type,)
                names = " or ".join(TYPE_NAMES.get(k, getattr(k, "__name__", str(k))) for k in kinds)
                return Result("not_yet", f"expected {names}, but got {type(answer).__name__} "
                              f"({str(answer)[:40]!r}).", what)
            try:
                res = fn(answer, *args, **kwargs)
            except Exception as exc:  # a learner's odd value must not crash the notebook
                return Result("not_yet", f"the check could not use this answer ({type(exc).__name__}: {exc}).", what)
            res.name = res.name or what
            return res
        check.what = what
        return check
    return wrap
