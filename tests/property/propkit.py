"""Shared pieces of the property suite: small data, bad values, the contract checks.

The *contract* every public crmlab callable keeps (issue 11 §3, §5; DESIGN
"crmlab conventions"): a bad argument raises
:class:`crmlab.validation.InputError` or :class:`~crmlab.validation.InputTypeError`
whose message names the argument and has a Chinese half; nothing else escapes
(no raw TypeError, ValueError, KeyError, IndexError or OverflowError), and
nothing returns a NaN or an infinity that the valid call does not have.

:func:`calls` lists one valid call of every public callable, with the kind of
each argument, so that :mod:`test_prop_contract` can replace each argument by
the bad values of its kind.  It merges the ``CALLS()`` of the per-topic files
``calls_<topic>.py`` (see :func:`topic_modules`); a new chapter adds its file
there and edits nothing here.  This module keeps what several topics share: the
beverage orders, the bad values, :class:`Arg`, :class:`Call`, :func:`cover` and
the outcome checks.
"""
from __future__ import annotations

import functools
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from crmlab.validation import CRMLabError

CJK = re.compile("[\u4e00-\u9fff]")


# --------------------------------------------------------------------------- data
@functools.lru_cache(maxsize=None)
def _orders_all() -> pd.DataFrame:
    from crmlab import datasets
    return datasets.load_beverage_orders()


def orders() -> pd.DataFrame:
    """Order lines of 12 customers of the bundled beverage data (模拟数据), all 36 months."""
    o = _orders_all()
    keep = sorted(o["customer_id"].unique())[:12]
    return o[o["customer_id"].isin(keep)].reset_index(drop=True).copy()


def orders_year() -> pd.DataFrame:
    o = orders()
    return o[o["date"].dt.year == 2025].reset_index(drop=True)


# --------------------------------------------------------------------------- bad values
NAN, INF = float("nan"), float("inf")
BAD_NUMBER = [NAN, INF, -INF, 10**400, True, "x", None, pd.NA, [1]]
BAD_NUMBER_OPTIONAL = [v for v in BAD_NUMBER if v is not None]
BAD_INT = BAD_NUMBER + [2.5]
BAD_INT_OPTIONAL = [v for v in BAD_INT if v is not None]
BAD_BOOL = ["no", 1, 0, None, pd.NA, [1], NAN]
BAD_COLUMN = [["sales"], 1.5, True, None, "no_such_column"]
BAD_COLUMN_OPTIONAL = [["sales"], 1.5, True, "no_such_column"]
BAD_CHOICE = ["no-such-choice", 1.5, None, [1], pd.NA]
BAD_TEXT = ["no-such-name", 123.5, None, [1], pd.NA]
BAD_ARRAY = ["x", None, [], [1.0, NAN], [1.0, INF], [[1.0, 2.0], [3.0, 4.0]], ["a", "b"], [1, None]]
BAD_NOT_FRAME = ["x", None, [1, 2], 3.0]


def show(value) -> str:
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


# --------------------------------------------------------------------------- specs
@dataclass
class Arg:
    """One argument of a valid call: its kind (which bad values apply) and value.

    kind: num, num?, int, int?, bool, col, col?, choice, choice?, text, text?, array,
    shown (a number to display: a missing value may become "—"), frame, object (a
    model result: not-a-frame values only) or fixed (not fuzzed).
    For frames, ``ids``/``nums``/``dates``/``months`` name the columns whose
    content is corrupted (list-valued ids, text numbers, NaN, yyyymmdd dates, …).
    """
    kind: str
    value: Any
    ids: tuple = ()
    nums: tuple = ()
    dates: tuple = ()
    months: tuple = ()
    required: tuple = ()


@dataclass
class Call:
    name: str                      # public name, "value.clv"
    build: Callable[[], dict]      # -> {arg: Arg}
    positional: tuple = ()         # args passed positionally (in this order)
    fn: Callable | None = field(default=None, repr=False)

    def function(self):
        import importlib
        mod, _, attr = self.name.rpartition(".")
        return getattr(importlib.import_module("crmlab." + mod), attr)

    def invoke(self, args: dict):
        fn = self.function()
        pos = [args[a] for a in self.positional]
        kw = {k: v for k, v in args.items() if k not in self.positional}
        return fn(*pos, **kw)


def _valid(args: dict) -> dict:
    return {k: a.value for k, a in args.items()}


#: The contract tests every topic's ``COVER`` names.
CONTRACT = "test_prop_contract.py::test_bad_arguments_are_refused"
VALID = "test_prop_contract.py::test_valid_call_returns_finite_numbers"
FUZZ = "test_prop_contract.py::test_random_numbers_are_refused_clearly_or_give_finite_results"


def cover(*entries) -> dict[str, tuple[str, ...]]:
    """A topic's ``COVER`` from ``(names, *tests)`` entries.

    ``names`` holds space-separated public names; a name in several entries gets
    the tests of all of them, in order.
    """
    out: dict[str, tuple[str, ...]] = {}
    for names, *tests in entries:
        for name in names.split():
            out[name] = out.get(name, ()) + tuple(tests)
    return out


# --------------------------------------------------------------------------- outcome checks
def error_problem(exc: BaseException, names) -> str | None:
    """Why ``exc`` breaks the contract for a bad argument, or None if it keeps it."""
    if not isinstance(exc, CRMLabError):
        return f"raw {type(exc).__name__}: {str(exc)[:160]}"
    msg = str(exc)
    if not CJK.search(msg):
        return f"message has no Chinese: {msg[:160]}"
    names = [names] if isinstance(names, str) else list(names)
    if not any(str(n) in msg for n in names):
        return f"message does not name {' or '.join(map(str, names))}: {msg[:200]}"
    return None


#: Columns whose infinity is a documented value, not an overflow: the median
#: lifetime is ``inf`` when survival stays above 0.5 (churn.survival_by_segment).
DOCUMENTED_INF = {"median_lifetime_months"}
#: Columns whose NaN is documented, allowed only in the rows where the named
#: column is 0: churn_rate when nobody was active (churn.monthly_churn),
#: cost_per_saved when nobody is saved and return when the cost is 0
#: (churn.best_cause_to_attack).
DOCUMENTED_NAN = {"churn_rate": "active_start", "cost_per_saved": "churn_avoided",
                  "return": "programme_cost"}


def nonfinite_columns(obj, path="result") -> set:
    """Places in ``obj`` that hold NaN or ±inf (numbers, arrays, frames, dicts)."""
    out: set = set()
    if isinstance(obj, bool) or obj is None:
        return out
    if isinstance(obj, numbers.Number):
        try:
            if not math.isfinite(float(obj)):
                out.add(path)
        except (TypeError, ValueError, OverflowError):
            out.add(path)
        return out
    if isinstance(obj, pd.DataFrame):
        num = obj.select_dtypes(include="number")
        for c in num.columns:
            col = pd.to_numeric(num[c], errors="coerce").astype(float)
            if c in DOCUMENTED_INF and not col.isna().any():
                continue
            if c in DOCUMENTED_NAN and DOCUMENTED_NAN[c] in obj.columns:
                zero = pd.to_numeric(obj[DOCUMENTED_NAN[c]], errors="coerce").fillna(-1).to_numpy() == 0
                col = col[~zero]
            if col.isna().any() or np.isinf(col).any():
                out.add(f"{path}[{c!r}]")
        if isinstance(obj.index, pd.MultiIndex) is False and pd.api.types.is_float_dtype(obj.index):
            if not np.isfinite(obj.index.to_numpy(dtype=float)).all():
                out.add(f"{path}.index")
        return out
    if isinstance(obj, pd.Series):
        if pd.api.types.is_numeric_dtype(obj) and not pd.api.types.is_bool_dtype(obj):
            col = obj.astype(float)
            if col.isna().any() or np.isinf(col).any():
                out.add(path)
        return out
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc" and not np.isfinite(obj).all():
            out.add(path)
        return out
    if isinstance(obj, dict):
        for k, v in obj.items():
            out |= nonfinite_columns(v, f"{path}[{k!r}]")
        return out
    if isinstance(obj, (tuple, list)):
        for i, v in enumerate(obj):
            out |= nonfinite_columns(v, f"{path}[{i}]")
        return out
    if hasattr(obj, "__dataclass_fields__"):
        for k in obj.__dataclass_fields__:
            out |= nonfinite_columns(getattr(obj, k), f"{path}.{k}")
    return out


def unexpected_nonfinite(result, baseline_bad: set) -> set:
    """Non-finite places of ``result`` that the valid call has not.

    A table whose valid result already has empty (NaN) cells, such as a cohort
    triangle, may have them in its other columns too.
    """
    def container(path):
        return path.rsplit("[", 1)[0]
    seen = {container(b) for b in baseline_bad}
    return {n for n in nonfinite_columns(result) - baseline_bad if container(n) not in seen}


def close_figures(result) -> None:
    """Close any matplotlib Figure a plot_* call returned (tests make many) and any
    panel a *_panel call built, so that later tests that drive every live panel
    do not drive these too."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from crmlab.widgets import WhatIfPanel
    items = result if isinstance(result, (tuple, list)) else [result]
    for item in items:
        if isinstance(item, WhatIfPanel):
            item.close()
            continue
        fig = item if isinstance(item, Figure) else getattr(item, "figure", None)
        if isinstance(fig, Figure):
            plt.close(fig)


#: Mode of a corruption that means the same data in another form (yyyymmdd or ISO
#: text dates): the function must refuse it clearly or give the very same result.
SAME = "same"
#: Mode of a missing value given to a display function: it may be shown as text,
#: as long as the text says neither "nan" nor "inf".
SHOWN = "shown"


def same_result(a, b) -> bool:
    """Whether two results of one function are equal (numbers to 1e-9, tables cell by cell)."""
    from matplotlib.figure import Figure
    if isinstance(a, Figure) or isinstance(b, Figure) or hasattr(a, "widget"):
        return True  # charts and panels: their inputs are what is compared
    if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
        if a.shape != b.shape or [str(c) for c in a.columns] != [str(c) for c in b.columns]:
            return False
        if [str(i) for i in a.index] != [str(i) for i in b.index]:
            return False
        return all(same_result(a.iloc[:, k], b.iloc[:, k]) for k in range(a.shape[1]))
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if len(a) != len(b):
            return False
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b) \
                and not pd.api.types.is_bool_dtype(a):
            x, y = a.to_numpy(float, na_value=np.nan), b.to_numpy(float, na_value=np.nan)
            return bool(np.allclose(x, y, rtol=1e-9, atol=1e-9, equal_nan=True))
        return a.astype(str).tolist() == b.astype(str).tolist()
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_result(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same_result(x, y) for x, y in zip(a, b))
    if isinstance(a, numbers.Number) and isinstance(b, numbers.Number):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9) or (a != a and b != b)
    if hasattr(a, "__dataclass_fields__"):
        return all(same_result(getattr(a, k), getattr(b, k)) for k in a.__dataclass_fields__)
    return str(a) == str(b)


def frame_corruptions(arg: Arg):
    """(description, bad frame, mode, names that the message may use) for a frame argument.

    mode True: must be refused.  False: may also be accepted if the result then
    holds no NaN/inf that the valid call does not (mixed-type ids).  SAME: may be
    accepted only if the result equals the valid call's (yyyymmdd or ISO dates,
    numbers or months stored as text: read correctly, or refused, never misread).
    """
    df = arg.value
    cols = [*arg.required, *arg.ids, *arg.nums, *arg.dates, *arg.months]
    seen = []
    for c in cols:
        if c not in seen:
            seen.append(c)
    for bad in BAD_NOT_FRAME:
        yield f"not a DataFrame: {bad!r}", bad, True, ()
    yield "empty frame", df.iloc[:0].copy(), True, ()
    for c in seen:
        yield f"missing column {c!r}", df.drop(columns=[c]), True, (c,)
    if seen:
        c = seen[0]
        dup = pd.concat([df, df[[c]]], axis=1)
        yield f"duplicated column name {c!r}", dup, True, (c,)
    for c in arg.ids:
        bad = df.copy()
        bad[c] = pd.Series([[v] for v in df[c]], index=df.index, dtype=object)
        yield f"list-valued ids in {c!r}", bad, True, (c,)
        bad = df.copy()
        vals = df[c].astype(object).tolist()
        bad[c] = pd.Series([i if k % 2 else v for k, (i, v) in enumerate(zip(range(len(vals)), vals))],
                           index=df.index, dtype=object)
        yield f"mixed-type ids in {c!r}", bad, False, (c,)
    for c in arg.nums:
        bad = df.copy()
        bad[c] = df[c].astype(str).astype(object)
        yield f"numbers as text in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = df[c].astype(float)
        bad.loc[bad.index[0], c] = NAN
        # Refused, or the row is one the function does not use (same result):
        # a NaN that is used and silently skipped changes the result.
        yield f"NaN in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = df[c].astype(float)
        bad.loc[bad.index[0], c] = INF
        yield f"inf in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = NAN
        yield f"{c!r} all NaN", bad, True, (c,)
    for c in arg.dates:
        d = pd.to_datetime(df[c])
        bad = df.copy()
        bad[c] = (d.dt.year * 10000 + d.dt.month * 100 + d.dt.day).astype("int64")
        yield f"yyyymmdd integers in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = (d.dt.year * 10000 + d.dt.month * 100 + d.dt.day).astype(float)
        yield f"yyyymmdd floats in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = d.dt.strftime("%Y-%m-%d").astype(object)
        yield f"dates as text in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = pd.Series(["not a date"] * len(df), index=df.index, dtype=object)
        yield f"unparseable text dates in {c!r}", bad, True, (c,)
    for c in arg.months:
        bad = df.copy()
        bad[c] = df[c].astype(str).astype(object)
        yield f"months as text in {c!r}", bad, SAME, (c,)
        bad = df.copy()
        bad[c] = df[c].astype(float) + 0.5
        yield f"fractional months in {c!r}", bad, True, (c,)


def bad_values(arg: Arg):
    """(description, bad value, strict, extra names) for a non-frame argument."""
    table = {
        "num": BAD_NUMBER, "num?": BAD_NUMBER_OPTIONAL, "int": BAD_INT, "int?": BAD_INT_OPTIONAL,
        "bool": BAD_BOOL, "col": BAD_COLUMN, "col?": BAD_COLUMN_OPTIONAL, "choice": BAD_CHOICE,
        "choice?": [v for v in BAD_CHOICE if v is not None], "text": BAD_TEXT, "array": BAD_ARRAY,
        "object": BAD_NOT_FRAME, "text?": [[1], {"a": 1}],
    }
    if arg.kind == "shown":
        # A number to format for display: a missing value may be shown as "—";
        # anything else that is not a finite number is refused.
        for bad in BAD_NUMBER:
            missing = bad is None or bad is pd.NA or (isinstance(bad, float) and not math.isfinite(bad))
            yield show(bad), bad, (SHOWN if missing else True), ()
        return
    for bad in table.get(arg.kind, ()):
        extra = (bad,) if isinstance(bad, str) and arg.kind in ("col", "col?") else ()
        yield show(bad), bad, True, extra


class TookTooLong(Exception):
    pass


#: A bad input must be refused (or computed) quickly: 5 s is 100 times a normal call.
TIME_LIMIT_S = 5


def _alarm(_signum, _frame):
    raise TookTooLong(f"still running after {TIME_LIMIT_S} s")


def timed(fn, *args, **kwargs):
    """Call ``fn``; raise TookTooLong past TIME_LIMIT_S (main thread, POSIX)."""
    import signal
    import threading
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return fn(*args, **kwargs)  # Windows or a worker thread: no timer
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT_S)
    try:
        return fn(*args, **kwargs)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def check_outcome(call: Call, args: dict, argname: str, bad, strict, names, baseline_bad: set,
                  baseline=None):
    """Run ``call`` with ``args`` (one argument bad); return a problem text or None."""
    try:
        result = timed(call.invoke, args)
    except MemoryError:
        return "raw MemoryError (the input made crmlab build a giant table)"
    except Exception as exc:  # noqa: BLE001 - the contract is about what escapes
        return error_problem(exc, (argname, *names))
    close_figures(result)
    if strict == SHOWN:
        text = str(result).lower()
        return f"shows {result!r}" if ("nan" in text or "inf" in text) else None
    if strict == SAME:
        return None if same_result(result, baseline) else "accepted but gave a different result"
    if strict:
        return "accepted without an error"
    new = unexpected_nonfinite(result, baseline_bad)
    if new:
        return f"returned non-finite values at {sorted(new)[:3]}"
    return None


# --------------------------------------------------------------------------- the registry
@functools.lru_cache(maxsize=None)
def calls() -> dict[str, Call]:
    """Every call of the contract test, by public name: the ``CALLS()`` of every topic module."""
    return {c.name: c for m in topic_modules() for c in m.CALLS()}


@functools.lru_cache(maxsize=None)
def topic_modules():
    """The per-topic registries ``tests/property/calls_<topic>.py``.

    Every topic (a crmlab subpackage or module: ``value``, ``churn``, ``datasets``,
    ``display``, ``simulate``, ``widgets``, …) keeps its part of the property
    registry in its own file, which defines ``CALLS()`` (a list of :class:`Call`,
    empty for a topic with nothing for the contract test), ``COVER`` (public name
    -> tuple of property tests, as ``conftest.COVERED``; :func:`cover` builds one
    from ``(names, *tests)`` entries) and, for a topic with what-if panels,
    ``PANELS`` (public name -> a function that builds the panel as its notebook
    does).  They are found here by name, so chapters written side by side never
    edit the same registry file.
    """
    import importlib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    return tuple(importlib.import_module(f.stem) for f in sorted(here.glob("calls_*.py")))
