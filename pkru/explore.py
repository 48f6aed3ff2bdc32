"""Exploratory widgets. The logic is in plain functions (tested in tests/); the widgets only wire them.

``explorer(controls, render)`` is the one pattern every notebook uses: labelled controls, and an
output area that ``render(**values)`` fills with a chart, a table or text whenever a control moves.
"""
from __future__ import annotations

import html


# ------------------------------------------------------------------ widgets
def explorer(controls: dict, render, intro: str = "", css: str = "pkru-explorer"):
    """Labelled controls + an output area refreshed by ``render(**{name: control.value})``.

    ``render`` returns something displayable (an Altair chart, a DataFrame, HTML) or a tuple of them.
    """
    import ipywidgets as w
    from IPython.display import HTML

    out = w.Output()
    out.add_class("pkru-explorer-output")

    def draw(items) -> None:
        # Views are written into the Output widget's state (one update), never captured from a running cell:
        # nbclient (used by Voila and nbconvert) can wait for ever for the execute reply of a cell whose
        # output an Output widget captured and cleared. The same path serves callbacks, so a live kernel,
        # Voila and the tests all see the same thing.
        from IPython.core.interactiveshell import InteractiveShell

        fmt = InteractiveShell.instance().display_formatter.format
        outputs = []
        for item in items:
            data, metadata = fmt(item)
            outputs.append({"output_type": "display_data", "data": data, "metadata": metadata})
        out.outputs = tuple(outputs)
        out.pkru_items = list(items)  # what is shown, for shown_text() (not synced to the browser)

    def refresh(*_):
        values = {k: c.value for k, c in controls.items()}
        try:
            result = render(**values)
        except Exception as exc:  # show a message, never a traceback, in a learner's widget
            draw([HTML(f"<p style='color:#A33B00'>Could not draw this view: {html.escape(str(exc))}</p>")])
            return
        draw(list(result) if isinstance(result, tuple) else [result])

    for c in controls.values():
        c.observe(refresh, names="value")
    parts = [w.HTML(f"<p style='margin:0 0 0.4em'>{intro}</p>")] if intro else []
    box = w.VBox([*parts, *controls.values(), out])
    box.add_class(css)
    refresh()
    return box


def shown_text(box) -> str:
    """The text an explorer currently shows (HTML, plain text, and the values of widgets it displays),
    for tests and checks: ``shown_text(my_explorer)``."""
    import ipywidgets as w

    def widget_text(widget) -> str:
        parts = [str(getattr(widget, "value", "")) if isinstance(getattr(widget, "value", None), str) else ""]
        for child in getattr(widget, "children", ()):
            parts.append(widget_text(child))
        return "\n".join(p for p in parts if p)

    outs = [c for c in box.children if isinstance(c, w.Output)]
    texts = []
    for item in getattr(outs[-1], "pkru_items", []) if outs else []:
        if isinstance(item, w.Widget):
            texts.append(widget_text(item))
        elif hasattr(item, "to_dict") and hasattr(item, "mark_point"):  # an Altair chart
            texts.append(str(item.to_dict().get("title", "")))
        elif hasattr(item, "to_string"):  # a DataFrame
            texts.append(item.to_string())
        elif hasattr(item, "data") and isinstance(item.data, str):  # IPython HTML / Markdown
            texts.append(item.data)
        elif hasattr(item, "_repr_html_"):
            texts.append(item._repr_html_())
        else:
            texts.append(str(item))
    return "\n".join(texts)
