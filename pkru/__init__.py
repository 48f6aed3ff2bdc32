"""pkru — the helper package of the course "From Tension to Cooperation: Pakistan–Russia relations".

One module per concern:

- ``pkru.data``       find the course folder, load and validate the tables of data/
- ``pkru.manifest``   the course sequence (course.yml)
- ``pkru.charts``     the course chart theme and chart builders (Altair)
- ``pkru.explore``    exploratory widgets; their logic is in plain, tested functions
- ``pkru.quiz``       the quiz widget and its checking logic
- ``pkru.exercises``  right / not-yet checks for exercises (``pkru.checks.nbNN`` hold each notebook's)
- ``pkru.progress``   a learner's saved quiz results and personal copies of exercises

A notebook starts with::

    import pkru
    pkru.setup()
"""
from ._lazy import after_import, defer_rfc3987_syntax

defer_rfc3987_syntax()  # before anything imports jsonschema (via Altair): see pkru/_lazy.py

from .data import CourseDataError, data_path, load, repo_root  # noqa: F401

__version__ = "0.1.0"


def setup() -> None:
    """Prepare a notebook: Altair's offline renderer and the course chart theme.

    Altair is configured as soon as it is imported (at once if it already is), so a notebook that draws
    no chart never pays for importing it."""
    global _charts_wanted
    _charts_wanted = True
    after_import("altair", _enable_charts)


_charts_wanted = False  # set by setup(); pkru.charts reads it at the end of its own import


def _enable_charts() -> None:
    import sys

    charts = sys.modules.get(f"{__name__}.charts")
    if charts is not None and not hasattr(charts, "enable"):
        return  # Altair was imported by pkru.charts itself, which enables the renderer when it finishes
    from . import charts

    charts.enable()


def show_sources(ids=None, notebook: str | None = None):
    """Display the sources list (from data/sources.csv) for the given ids, or those a notebook uses."""
    from .sources import sources_table

    return sources_table(ids=ids, notebook=notebook)


def __getattr__(name):
    """Import submodules on first use: ``pkru.quiz.show(...)`` works after a plain ``import pkru``."""
    import importlib
    import importlib.util

    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'pkru' has no attribute '{name}'")
