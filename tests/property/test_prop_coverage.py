"""Every public callable of crmlab is covered by at least one property test.

The public API is enumerated from the package itself: each non-private module's
``__all__`` (a topic package such as ``crmlab.value`` re-exports its model,
charts and panels submodules, so its ``__all__`` is the API), and for a package
without ``__all__`` (``crmlab.simulate``) each submodule's ``__all__`` or public
functions.  ``conftest.COVERED`` must name every one, and each test it names must
exist and call it (by name in its body, or through ``propkit.calls()`` for the
contract tests).
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import crmlab

import propkit

HERE = Path(__file__).resolve().parent


def _load_conftest():
    """This folder's conftest by path: the name "conftest" is shared with tests/conftest.py."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("crmlab_property_conftest", HERE / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


conftest = _load_conftest()


def _public(mod) -> list[str]:
    names = getattr(mod, "__all__", None)
    if names is None:
        names = [n for n, o in vars(mod).items() if not n.startswith("_")
                 and (inspect.isfunction(o) or inspect.isclass(o))
                 and getattr(o, "__module__", "") == mod.__name__]
    return [n for n in names if callable(getattr(mod, n, None))]


def public_callables() -> set[str]:
    found = {n for n in _public(crmlab)}
    for info in pkgutil.iter_modules(crmlab.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"crmlab.{info.name}")
        if info.ispkg and not hasattr(mod, "__all__"):
            for sub in pkgutil.iter_modules(mod.__path__):
                if not sub.name.startswith("_"):
                    submod = importlib.import_module(f"{mod.__name__}.{sub.name}")
                    found |= {f"{info.name}.{sub.name}.{n}" for n in _public(submod)}
        else:
            found |= {f"{info.name}.{n}" for n in _public(mod)}
    return found


def _tests() -> dict[str, str]:
    """'file::function' -> the test's source with its decorators and its file's module-level code.

    Panels and date tests take their functions from module-level tables
    (``PANELS``, ``FUNCS``) or parametrize decorators, so those count as the test's.
    """
    out = {}
    for path in sorted(HERE.glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        shared = "\n".join(ast.get_source_segment(text, n) or "" for n in tree.body
                           if not isinstance(n, (ast.FunctionDef, ast.Import, ast.ImportFrom)))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                decorators = "\n".join(ast.get_source_segment(text, d) or "" for d in node.decorator_list)
                helpers = "\n".join(ast.get_source_segment(text, n) or "" for n in tree.body
                                     if isinstance(n, ast.FunctionDef) and n.name.startswith("_"))
                out[f"{path.name}::{node.name}"] = "\n".join(
                    [decorators, ast.get_source_segment(text, node) or "", shared, helpers])
    return out


def test_every_public_callable_is_in_the_registry():
    missing = sorted(public_callables() - set(conftest.COVERED))
    assert not missing, (f"{len(missing)} public callables have no property test; add them to "
                         "COVER (and CALLS()) of tests/property/calls_<topic>.py:\n" + "\n".join(missing))


def test_registry_names_only_public_callables():
    stale = sorted(set(conftest.COVERED) - public_callables())
    assert not stale, "COVERED names callables that are not public (renamed or removed?): " + ", ".join(stale)


def test_every_registered_test_exists_and_calls_its_function():
    tests = _tests()
    calls = propkit.calls()
    import test_prop_contract as contract
    import test_prop_panels as panels
    through_calls = {conftest.CONTRACT: set(calls), conftest.VALID: set(calls),
                     conftest.FUZZ: set(contract.FUZZED)}
    # the panel tests drive every name in test_prop_panels.PANELS: the PANELS of every
    # topic's calls_<topic>.py
    driven = {"test_prop_panels.py::test_panels_survive_random_slider_sequences",
              "test_prop_panels.py::test_panel_set_refuses_text_none_and_na"}
    problems = []
    for name, listed in sorted(conftest.COVERED.items()):
        if not listed:
            problems.append(f"{name}: no test listed")
        short = name.rsplit(".", 1)[-1]
        for test in listed:
            if test not in tests:
                problems.append(f"{name}: {test} does not exist")
            elif test in through_calls:
                if name not in through_calls[test]:
                    problems.append(f"{name}: {test} does not reach it (not in propkit.calls())")
            elif test in driven and name in panels.PANELS:
                continue
            elif short not in tests[test]:
                problems.append(f"{name}: {test} never mentions {short!r}")
    assert not problems, "\n".join(problems)
