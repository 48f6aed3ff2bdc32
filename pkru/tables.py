"""The one table display of the course.

- ``show(df)``     a table to read in a notebook: no index column, full cell text, left-aligned, top-aligned;
- ``html(df)``     the same table as an HTML string, for the inside of a widget (an explorer's output);
- ``markdown(df)`` the same table as Markdown, for exports (briefs, handouts).

No index column means no empty header cell (screen readers announce an unnamed column otherwise), and every
header cell is a real ``<th scope="col">``.
"""
from __future__ import annotations

import html as _html

import pandas as pd

__all__ = ["show", "html", "markdown"]

_LEFT = {"text-align": "left", "vertical-align": "top"}


def _check(df) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"a table needs a pandas DataFrame, not {type(df).__name__}")
    return df


def show(df: pd.DataFrame, precision: int | None = None):
    """A table for reading: no index column, full cell text, left-aligned. ``precision`` = decimals shown for
    floats (pandas' default when omitted)."""
    styler = _check(df).style.hide(axis="index")
    if precision is not None:
        styler = styler.format(precision=precision)
    return (styler.set_properties(**_LEFT)
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))


def html(df: pd.DataFrame, escape: bool = True, css_class: str = "pkru-table", na_rep: str = "—") -> str:
    """The table as an HTML string (for widgets). ``escape=False`` when the cells already hold HTML."""
    _check(df)
    esc = _html.escape if escape else str

    def cell(v) -> str:
        return na_rep if v is None or (not isinstance(v, str) and pd.isna(v)) else esc(str(v))

    head = "".join(f"<th scope='col' style='text-align:left;padding:3px 6px'>{_html.escape(str(c))}</th>"
                   for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left;vertical-align:top;padding:3px 6px'>{cell(v)}</td>"
                                    for v in row) + "</tr>" for row in df.itertuples(index=False))
    return (f"<table class='{css_class}' style='border-collapse:collapse'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _md_cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(df: pd.DataFrame) -> str:
    """The table as Markdown (pipes escaped, line breaks flattened)."""
    _check(df)
    head = "| " + " | ".join(_md_cell(c) for c in df.columns) + " |"
    sep = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, sep, *body])
