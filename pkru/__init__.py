"""pkru — the helper package of the course "From Tension to Cooperation: Pakistan–Russia relations".

One module per concern:

- ``pkru.data``       find the course folder, load and validate the tables of data/
- ``pkru.manifest``   the course sequence (course.yml)
- ``pkru.charts``     the course chart theme and chart builders (Altair)
- ``pkru.explore``    exploratory widgets; their logic is in plain, tested functions
- ``pkru.quiz``       the quiz widget and its checking logic
- ``pkru.exercises``  right / not-yet checks for exercises (``pkru.checks.nbNN`` hold each notebook's)
- ``pkru.progress``   a learner's saved quiz results and personal copies of exercises
- ``pkru.tables``     the one table display
- ``pkru.indicators`` every figure that more than one lesson quotes, defined once
- ``pkru.lessons``    one module per notebook, ``nbNN_slug`` (see ``pkru/lessons/__init__.py``)

A notebook starts with::

    import pkru
    pkru.setup()
"""
from ._lazy import after_import, defer_rfc3987_syntax

defer_rfc3987_syntax()  # before anything imports jsonschema (via Altair): see pkru/_lazy.py

from .data import CourseDataError, data_path, load, repo_root  # noqa: F401

__version__ = "0.1.0"


def setup() -> None:
    """Prepare a notebook: Altair's offline renderer and the course chart theme, and tables with a header for
    every column (``pkru.tables.install_display``).

    Altair is configured as soon as it is imported (at once if it already is), so a notebook that draws
    no chart never pays for importing it; pandas is imported by the data loader anyway."""
    global _charts_wanted
    _charts_wanted = True
    after_import("altair", _enable_charts)
    from .tables import install_display  # pandas is loaded already (pkru.data uses it)

    install_display()


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


#: Old module names (before the lessons moved to ``pkru.lessons``), kept for one release so that learners' saved
#: copies in work/ (``from pkru import trade``) keep working. Remove in the next release.
OLD_NAMES = {
    "history": "nb01_history", "power": "nb02_geostrategy", "visits": "nb03_diplomacy", "trade": "nb04_trade",
    "arms": "nb05_security", "unvotes": "nb06_multilateral", "projects": "nb07_energy", "balancing": "nb08_balancing",
    "culture": "nb09_culture", "challenges": "nb10_challenges", "theories": "nb11_theories",
    "claims": "nb12_critical_reading", "synthesis": "nb13_synthesis", "capstone": "nb14_capstone",
}


def _old_name(name: str):
    """The lesson module an old name stands for, registered under the old name too (``import pkru.trade`` works)."""
    import importlib
    import sys
    import warnings

    module = importlib.import_module(f"{__name__}.lessons.{OLD_NAMES[name]}")
    globals()[name] = module  # later lookups do not warn again
    sys.modules.setdefault(f"{__name__}.{name}", module)
    warnings.warn(f"pkru.{name} is now pkru.lessons.{OLD_NAMES[name]}; the old name works until the next release",
                  DeprecationWarning, stacklevel=3)
    return module


class _OldNameFinder:
    """Lets ``import pkru.trade`` / ``from pkru.trade import x`` find the moved lesson module."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        head, _, name = fullname.partition(".")
        if head != __name__ or name not in OLD_NAMES:
            return None
        import importlib.util

        return importlib.util.spec_from_loader(fullname, _OldNameFinder)

    @staticmethod
    def create_module(spec):
        return _old_name(spec.name.partition(".")[2])

    @staticmethod
    def exec_module(module):
        return None


def _install_old_name_finder() -> None:
    import sys

    if not any(isinstance(f, type) and f.__name__ == "_OldNameFinder" for f in sys.meta_path):
        sys.meta_path.append(_OldNameFinder)


_install_old_name_finder()


def __getattr__(name):
    """Import submodules on first use: ``pkru.quiz.show(...)`` works after a plain ``import pkru``."""
    import importlib
    import importlib.util

    if name in OLD_NAMES:
        return _old_name(name)
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'pkru' has no attribute '{name}'")
