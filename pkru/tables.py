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

__all__ = ["show", "html", "markdown", "frame_html", "install_display"]

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


# ------------------------------------------------------------------ every other DataFrame a notebook shows
def _readable(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with a header for every column: nested column labels joined with " · ", the index (its
    levels named, an unnamed one "row") moved into ordinary columns."""
    out = df.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" · ".join(str(x) for x in col if str(x) != "") for col in out.columns]
    else:
        out.columns = [str(c) for c in out.columns]
    names = [n if n is not None else ("row" if out.index.nlevels == 1 else f"level {i}")
             for i, n in enumerate(out.index.names)]
    taken = set(out.columns)
    names = [n if n not in taken else f"{n} (row)" for n in names]
    out.index = out.index.set_names(names)
    return out.reset_index()


def frame_html(df: pd.DataFrame) -> str:
    """A DataFrame as notebooks show it (pandas' own HTML, its row and column limits), but with no empty header
    cell: pandas leaves the corner above the index, and the cells beside a named index or under nested column
    labels, empty, and a screen reader then announces unnamed columns (axe: empty-table-header)."""
    opt = pd.get_option
    return _readable(df).to_html(index=False, max_rows=opt("display.max_rows"),
                                 max_cols=opt("display.max_columns"), show_dimensions=opt("display.show_dimensions"),
                                 notebook=True, border=1)


def install_display() -> bool:
    """Show every DataFrame of the running notebook with :func:`frame_html` (called by ``pkru.setup()``).
    Returns False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    if ip is None:
        return False
    ip.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html)
    return True
