"""Start-up costs the course removes (measured in BENCHMARKS.md).

1. ``rfc3987_syntax``. Importing Altair imports jsonschema, whose format checker imports
   ``rfc3987_syntax``; that package compiles about 35 Lark grammars at import time, which took about
   1.7 s of the 2.7 s ``import altair`` on the course's 2-core test machine (jsonschema issue #1428).
   Those grammars only check the ``iri`` / ``iri-reference`` formats, which the Vega-Lite schema never
   uses. :func:`defer_rfc3987_syntax` puts a stand-in module in its place whose checker imports the real
   package the first time an IRI is actually checked, so results are unchanged and only the wait moves
   to the (rare) first use.

2. Altair itself. :func:`after_import` runs a function right after a module is first imported, so that
   ``pkru.setup()`` can configure charts without importing Altair in notebooks that draw none (the
   exercise and solution notebooks): their kernels skip the import entirely, yet a chart made later in
   the same kernel still gets the course's offline renderer and theme.

Both are plain import-system features (a module object in ``sys.modules``; a finder on
``sys.meta_path``) and are undone by restarting the kernel.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
import warnings

_RFC = "rfc3987_syntax"


def _real_rfc3987_syntax():
    """Import the real package (once) in place of the stand-in and return it."""
    stand_in = sys.modules.get(_RFC)
    if stand_in is not None and not getattr(stand_in, "_pkru_stand_in", False):
        return stand_in
    sys.modules.pop(_RFC, None)
    try:
        return importlib.import_module(_RFC)
    except BaseException:
        if stand_in is not None:
            sys.modules[_RFC] = stand_in
        raise


def _is_valid_syntax(term: str, value: str) -> bool:
    return _real_rfc3987_syntax().is_valid_syntax(term, value)


def _stand_in_getattr(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_rfc3987_syntax(), name)


def defer_rfc3987_syntax() -> bool:
    """Replace ``rfc3987_syntax`` by a stand-in that imports it on first use.

    Returns True when the stand-in was installed; False when there is nothing to do (the package is not
    installed, or it or jsonschema is already imported, in which case the cost has been paid)."""
    if _RFC in sys.modules or "jsonschema" in sys.modules:
        return False
    try:
        if importlib.util.find_spec(_RFC) is None:
            return False
    except (ImportError, ValueError):
        return False
    stand_in = types.ModuleType(_RFC, "Stand-in installed by pkru: imports rfc3987_syntax on first use.")
    stand_in._pkru_stand_in = True
    stand_in.is_valid_syntax = _is_valid_syntax
    stand_in.__getattr__ = _stand_in_getattr
    sys.modules[_RFC] = stand_in
    return True


class _AfterImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps the real loader of a watched module so hooks run after it executes."""

    def __init__(self):
        self.hooks: dict[str, list] = {}

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.hooks:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _HookedLoader(spec.loader, self.hooks.pop(fullname))
        return spec


class _HookedLoader(importlib.abc.Loader):
    def __init__(self, loader, hooks):
        self.loader = loader
        self.hooks = hooks

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        for hook in self.hooks:
            try:
                hook()
            except Exception as err:  # the import itself succeeded; say what did not
                warnings.warn(f"pkru: setting up {module.__name__} after import failed: {err!r}",
                              stacklevel=2)

    def __getattr__(self, name):  # is_package, get_resource_reader, ... of the real loader
        return getattr(self.loader, name)


_finder = _AfterImport()


def after_import(module_name: str, hook) -> None:
    """Call ``hook()`` now if ``module_name`` is imported, else right after it is first imported."""
    if module_name in sys.modules:
        hook()
        return
    hooks = _finder.hooks.setdefault(module_name, [])
    if hook not in hooks:  # setup() run twice registers once
        hooks.append(hook)
    if _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
