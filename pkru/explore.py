"""Exploratory widgets. The logic is in plain functions (tested in tests/); the widgets only wire them.

``explorer(controls, render)`` is the one pattern every notebook uses: labelled controls, and an
output area that ``render(**values)`` fills with a chart, a table or text whenever a control moves.

The reading edition (the course as a website, ``scripts/site/``) has no kernel. A lesson whose widget can do
without Python defines ``reading_explorer()``, built from the same plain functions and chart builders as its
``explorer()``, with the widget's starting values: either an Altair chart whose parameters are bound to inputs
(helpers below: ``select``, ``radio``, ``checkboxes``, ``year_range``, ``pick``, ``js``), or, for a widget whose
controls take a few values each, a :class:`ReadingViews` holding every view its render function gives.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field


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
    box.pkru_controls = controls  # for tests: the widget's controls and their starting values (not synced)
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


# ------------------------------------------------------------------ kernel-free versions (the reading edition)
def js(value) -> str:
    """A Python value as a literal in a Vega expression."""
    return json.dumps(value, ensure_ascii=False)


def pick(mapping: dict, key_expr: str) -> str:
    """Vega expression for ``mapping[key]``: a label for a parameter's value, a column chosen by a radio, …"""
    return f"{js(mapping)}[{key_expr}]"


def select(name: str, options: dict, value, label: str):
    """A drop-down bound to a parameter: ``options`` = {value: label}, as in the widget's Dropdown."""
    import altair as alt

    return alt.param(name=name, value=value, bind=alt.binding_select(options=list(options),
                                                                      labels=[str(v) for v in options.values()],
                                                                      name=label))


def radio(name: str, options: dict, value, label: str):
    """Radio buttons bound to a parameter: ``options`` = {value: label}, as in the widget's RadioButtons."""
    import altair as alt

    return alt.param(name=name, value=value, bind=alt.binding_radio(options=list(options),
                                                                     labels=[str(v) for v in options.values()],
                                                                     name=label))


def checkboxes(prefix: str, options: dict, chosen):
    """One checkbox per option (the widget's SelectMultiple or toggle buttons), ticked for those in ``chosen``.
    Returns the parameters and ``member(key_expr)``: a Vega expression, true when the row's key is ticked."""
    import altair as alt

    params = [alt.param(name=f"{prefix}_{k}", value=k in set(chosen), bind=alt.binding_checkbox(name=str(lab)))
              for k, lab in options.items()]

    def member(key_expr: str) -> str:
        return "(" + " || ".join(f"({key_expr} === {js(k)} && {prefix}_{k})" for k in options) + ")"

    return params, member


def year_range(lo: int, hi: int, value=None, names=("year_from", "year_to"), labels=("From year", "To year")):
    """Two sliders for a span of years (the widget's IntRangeSlider), either end may pass the other. Returns the
    two parameters and ``span(year_expr)``: a Vega expression, true when the year lies in the span."""
    import altair as alt

    v = tuple(value or (lo, hi))
    a = alt.param(name=names[0], value=int(v[0]), bind=alt.binding_range(min=lo, max=hi, step=1, name=labels[0]))
    b = alt.param(name=names[1], value=int(v[1]), bind=alt.binding_range(min=lo, max=hi, step=1, name=labels[1]))

    def span(year_expr: str) -> str:
        return f"{year_expr} >= min({names[0]}, {names[1]}) && {year_expr} <= max({names[0]}, {names[1]})"

    return a, b, span


@dataclass
class ReadingViews:
    """A kernel-free explorer for a widget whose controls take a few values each: every view the widget can show,
    computed by its own render function; the page only switches between them.

    ``controls``: [{"name", "label", "kind": "select" | "radio" | "checkbox", "options": [(value, label), ...]
    (not for a checkbox), "value": the widget's starting value}]; ``views``: {tuple of values, in the order of
    ``controls``: list of what the widget shows (HTML text, Altair charts, tables)}; ``note``: what the page
    cannot do that the notebook's widget can; ``resets``: {control name: names of the controls it puts back to
    their starting values when it changes}, as a widget's callback may."""
    controls: list
    views: dict
    note: str = ""
    resets: dict = field(default_factory=dict)

    def default_key(self) -> tuple:
        return tuple(c["value"] for c in self.controls)

    def default_view(self) -> list:
        return list(self.views[self.default_key()])
