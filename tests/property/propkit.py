"""Shared pieces of the property suite: small data, bad values, the contract checks.

The *contract* every public crmlab callable keeps (issue 11 §3, §5; DESIGN
"crmlab conventions"): a bad argument raises
:class:`crmlab.validation.InputError` or :class:`~crmlab.validation.InputTypeError`
whose message names the argument and has a Chinese half; nothing else escapes
(no raw TypeError, ValueError, KeyError, IndexError or OverflowError), and
nothing returns a NaN or an infinity that the valid call does not have.

:data:`CALLS` lists one valid call of every public callable, with the kind of
each argument, so that :mod:`test_prop_contract` can replace each argument by
the bad values of its kind.  A new chapter adds its functions here and to
``conftest.COVERED``.
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


@functools.lru_cache(maxsize=None)
def _subs_all() -> pd.DataFrame:
    from crmlab import datasets
    return datasets.load_mobile_subscribers()


def subs() -> pd.DataFrame:
    """1,500 subscribers drawn (fixed seed) from the bundled mobile data (模拟数据)."""
    return _subs_all().sample(1500, random_state=7).reset_index(drop=True).copy()


def sales() -> pd.DataFrame:
    """A small per-customer table with sales, profit and potential."""
    return pd.DataFrame({
        "customer_id": [f"C{i:02d}" for i in range(1, 13)],
        "sales": [900.0, 500, 320, 200, 150, 90, 60, 40, 25, 10, 5, 0],
        "profit": [300.0, 120, -40, 80, 20, -10, 15, 5, -30, 2, 1, 0],
        "potential": [1.0, 5, 2, 8, 3, 9, 1, 4, 7, 6, 2, 3],
    })


def cause_key() -> str:
    from crmlab import churn
    return str(churn.CAUSES.iloc[0, 0])


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


# --------------------------------------------------------------------------- the calls
def _figure_ids():
    from crmlab import textbook
    return textbook.figures()


def _value_calls():
    from crmlab import value
    N = lambda v: Arg("num", v)  # noqa: E731
    return [
        Call("value.clv_simple", lambda: dict(annual_profit=N(100.0), years=N(10.0),
                                              acquisition_cost=N(80.0))),
        Call("value.margin_multiple", lambda: dict(retention=N(0.8), discount_rate=N(0.1), growth=N(0.0))),
        Call("value.clv", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                       horizon=Arg("int?", None), growth=N(0.0),
                                       timing=Arg("choice", "end"), acquisition_cost=N(0.0))),
        Call("value.value_curve", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                               years=Arg("int", 10), growth=N(0.0),
                                               timing=Arg("choice", "end"), acquisition_cost=N(0.0))),
        Call("value.break_even_acquisition_cost", lambda: dict(
            margin=N(100.0), retention=N(0.8), discount_rate=N(0.1), horizon=Arg("int?", None),
            growth=N(0.0), timing=Arg("choice", "end"))),
        Call("value.customer_equity", lambda: dict(clv=N(266.0), customers=Arg("num?", 1000.0),
                                                   acquisitions=Arg("fixed", None),
                                                   discount_rate=N(0.1), acquisition_cost=N(0.0))),
        Call("value.clv_components", lambda: dict(transaction=N(100.0), referral=N(20.0),
                                                  growth=N(10.0), knowledge=N(5.0))),
        Call("value.referral_value", lambda: dict(referrals_per_year=N(2.0), conversion_rate=N(0.1),
                                                  clv_of_referred=N(1000.0), years=Arg("int?", 3),
                                                  discount_rate=N(0.1))),
        Call("value.crowd_pulling_value", lambda: dict(customers=N(100.0), new_per_customer=N(0.05),
                                                       clv_of_new=N(1000.0), years=Arg("int", 5),
                                                       discount_rate=N(0.1),
                                                       compounding=Arg("bool", False))),
        Call("value.information_value", lambda: dict(failure_probability=N(0.3), failure_loss=N(1e6),
                                                     detection_rate=N(0.5), informants=N(100.0),
                                                     cost=N(10.0))),
        Call("value.retention_vs_acquisition", lambda: dict(customers=N(1000.0), retention=N(0.8),
                                                            acquisition_cost=N(100.0), cost_ratio=N(5.0),
                                                            value_ratio=N(1.0))),
        Call("value.retention_uplift", lambda: dict(customers=N(1000.0), retention=N(0.8), uplift=N(0.05),
                                                    margin=N(100.0), discount_rate=N(0.1),
                                                    years=Arg("int", 10), new_customers=N(0.0))),
        Call("value.clv_whatif", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                              growth=N(0.0), acquisition_cost=N(80.0),
                                              horizon=Arg("int", 0), timing=Arg("choice", "end"))),
        Call("value.simple_clv_table", lambda: dict(annual_profit=N(100.0), years=Arg("int", 10),
                                                    acquisition_cost=N(80.0))),
        Call("value.annual_equivalent", lambda: dict(total=N(1000.0), years=Arg("int", 5),
                                                     discount_rate=N(0.1))),
        Call("value.margin_multiple_table", lambda: dict(retentions=Arg("array", (0.6, 0.7, 0.8, 0.9)),
                                                         discount_rates=Arg("array", (0.1, 0.12)),
                                                         growth=N(0.0))),
        Call("value.value_laws_table", lambda: dict(figures=Arg("object", _laws_figures()))),
        Call("value.plot_value_curve", lambda: dict(curve=Arg("object", value.value_curve(100, 0.8, 0.1, 10)),
                                                    ax=Arg("fixed", None),
                                                    infinite_clv=Arg("num?", None))),
        Call("value.plot_clv_components", lambda: dict(
            components=Arg("object", value.clv_components(100, 20, 10, 5)), ax=Arg("fixed", None))),
        Call("value.plot_simple_clv", lambda: dict(table=Arg("object", value.simple_clv_table(100, 10, 80)["table"]),
                                                   ax=Arg("fixed", None))),
        Call("value.simple_clv_panel", lambda: dict(annual_profit=N(100.0), years=Arg("int", 10),
                                                    acquisition_cost=N(80.0))),
        Call("value.clv_panel", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                             growth=N(0.0), acquisition_cost=N(80.0),
                                             horizon=Arg("int", 0))),
    ]


def _laws_figures():
    from crmlab import textbook
    return textbook.figures(1).set_index("id")


def _segments_calls():
    from crmlab import segments
    S = lambda **kw: Arg("frame", sales(), **kw)  # noqa: E731
    return [
        Call("segments.abc_classify", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                   value_col=Arg("col", "sales"), id_col=Arg("col", "customer_id"),
                                                   cuts=Arg("array", (0.7, 0.9)),
                                                   labels=Arg("fixed", ("A", "B", "C")))),
        Call("segments.management_tiers", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                       sales_col=Arg("col", "sales"),
                                                       id_col=Arg("col", "customer_id"),
                                                       potential_col=Arg("col?", "potential"),
                                                       shares=Arg("array", (0.1, 0.3, 0.6)),
                                                       potential_cut=Arg("num?", 5.0))),
        Call("segments.value_tiers", lambda: dict(data=S(ids=("customer_id",), nums=("profit",)),
                                                  value_col=Arg("col", "profit"),
                                                  id_col=Arg("col", "customer_id"),
                                                  focus_share=Arg("num", 0.2), exit_share=Arg("num", 0.15))),
        Call("segments.pareto_table", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                                   name=Arg("text?", "value"))),
        Call("segments.top_share", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                                customer_share=Arg("num", 0.2))),
        Call("segments.lorenz_curve", lambda: dict(values=Arg("array", sales()["sales"].tolist()))),
        Call("segments.gini", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                           correction=Arg("bool", False))),
        Call("segments.whale_curve", lambda: dict(
            profit_by_customer=S(ids=("customer_id",), nums=("profit",)),
            profit_col=Arg("col", "profit"), id_col=Arg("col", "customer_id"))),
        Call("segments.WhaleCurve", lambda: dict(**{
            k: Arg("fixed", v) for k, v in vars(segments.whale_curve(sales())).items()})),
        Call("segments.rfm_table", lambda: dict(
            transactions=Arg("frame", orders_year(), ids=("customer_id",), nums=("sales",), dates=("date",)),
            customer_id_col=Arg("col", "customer_id"), datetime_col=Arg("col", "date"),
            monetary_value_col=Arg("col", "sales"), observation_end=Arg("fixed", None),
            mode=Arg("choice", "classic"), freq=Arg("choice", "D"), order_id_col=Arg("col?", "order_id"))),
        Call("segments.rfm_score", lambda: dict(
            rfm=Arg("frame", segments.rfm_table(orders_year()), nums=("recency", "frequency")),
            bins=Arg("int", 3), recency_col=Arg("col", "recency"), frequency_col=Arg("col", "frequency"),
            monetary_col=Arg("col?", "monetary"))),
        Call("segments.rfm_segment", lambda: dict(
            scores=Arg("frame", segments.rfm_score(segments.rfm_table(orders_year()), bins=3,
                                                   monetary_col="monetary")),
            threshold=Arg("fixed", "mean"))),
        Call("segments.abc_whatif", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                 cut_a=Arg("num", 0.7), cut_b=Arg("num", 0.9),
                                                 value_col=Arg("col", "sales"), id_col=Arg("col", "customer_id"))),
        Call("segments.sales_by_customer", lambda: dict(
            data=Arg("frame", orders_year(), ids=("customer_id",), nums=("sales",)),
            value_col=Arg("col", "sales"), id_col=Arg("col", "customer_id"))),
        Call("segments.abc_panel_model", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                      cut_a=Arg("num", 0.7), cut_b=Arg("num", 0.9),
                                                      value_col=Arg("col", "sales"),
                                                      id_col=Arg("col", "customer_id"))),
        Call("segments.abc_panel", lambda: dict(
            orders_or_sales=Arg("frame", orders_year(), ids=("customer_id",), nums=("sales",)),
            cut_a=Arg("num", 0.7), cut_b=Arg("num", 0.9), value_col=Arg("col", "sales"),
            id_col=Arg("col", "customer_id"))),
        Call("segments.plot_pareto", lambda: dict(table=Arg("object", segments.abc_classify(sales())),
                                                  title=Arg("fixed", "帕累托"), ax=Arg("fixed", None))),
        Call("segments.plot_lorenz", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                                  title=Arg("fixed", "洛伦兹"))),
        Call("segments.plot_whale", lambda: dict(result=Arg("object", segments.whale_curve(sales())),
                                                 title=Arg("fixed", "鲸鱼"))),
    ]


def _accounts_calls():
    from crmlab import accounts
    O = lambda frame=None, **kw: Arg("frame", orders() if frame is None else frame, **kw)  # noqa: E731
    KA = dict(ids=("customer_id",), nums=("sales",), dates=("date",))
    return [
        Call("accounts.customer_summary", lambda: dict(
            orders=O(orders_year(), ids=("customer_id",), nums=("sales", "cost", "profit")),
            customer_col=Arg("col", "customer_id"), sales_col=Arg("col", "sales"),
            cost_col=Arg("col", "cost"), profit_col=Arg("col", "profit"))),
        *[Call(f"accounts.{f}", (lambda: dict(
            orders=O(**KA), threshold=Arg("num", 300000.0), window=Arg("int", 12),
            customer_col=Arg("col", "customer_id"), date_col=Arg("col", "date"),
            value_col=Arg("col", "sales"))))
          for f in ("key_account_status", "key_account_trend", "key_account_whatif",
                    "key_account_panel_model", "key_account_panel")],
        Call("accounts.profitability_matrix", lambda: dict(
            orders=O(orders_year(), ids=("customer_id", "product_id"), nums=("profit",)),
            customer_col=Arg("col", "customer_id"), product_col=Arg("col", "product_id"),
            profit_col=Arg("col", "profit"), tolerance=Arg("num", 0.0))),
        Call("accounts.profitability_example", lambda: dict()),
        Call("accounts.composition_ratios", lambda: dict(
            orders=O(orders_year(), ids=("product_id",), nums=("sales", "cost")),
            inventory=Arg("fixed", None), product_col=Arg("col", "product_id"),
            sales_col=Arg("col", "sales"), cost_col=Arg("col", "cost"))),
        Call("accounts.plot_key_account_trend", lambda: dict(
            trend=Arg("object", accounts.key_account_trend(orders(), 300000.0)),
            threshold=Arg("num?", 300000.0), title=Arg("fixed", "大客户"), ax=Arg("fixed", None),
            window=Arg("int", 12))),
        Call("accounts.plot_profitability_heatmap", lambda: dict(
            matrix=Arg("object", accounts.profitability_matrix(orders_year())[0]),
            title=Arg("fixed", "利润矩阵"))),
        Call("accounts.monthly_sales", lambda: dict(
            orders=O(**KA), customer_col=Arg("col", "customer_id"), date_col=Arg("col", "date"),
            value_col=Arg("col", "sales"))),
        Call("accounts.window_threshold", lambda: dict(threshold=Arg("num", 300000.0), window=Arg("int", 12))),
    ]


def _subs_arg(**kw):
    base = dict(required=("segment", "join_month", "churn_month"), months=("join_month", "churn_month"))
    base.update(kw)
    return Arg("frame", subs(), **base)


def _churn_calls():
    from crmlab import churn
    SPAN = lambda: dict(start=Arg("int", 1), end=Arg("int?", None))  # noqa: E731
    return [
        Call("churn.monthly_discount_rate", lambda: dict(discount_rate=Arg("num", 0.1))),
        Call("churn.monthly_churn", lambda: dict(subs=_subs_arg(required=("join_month", "churn_month")),
                                                 by=Arg("col?", None), join_col=Arg("col", "join_month"),
                                                 churn_col=Arg("col", "churn_month"), **SPAN())),
        Call("churn.cohort_retention", lambda: dict(subs=_subs_arg(required=("join_month", "churn_month")),
                                                    join_col=Arg("col", "join_month"),
                                                    churn_col=Arg("col", "churn_month"),
                                                    as_counts=Arg("bool", False), **SPAN())),
        Call("churn.survival_by_segment", lambda: dict(subs=_subs_arg(ids=("segment",)),
                                                       segment_col=Arg("col", "segment"),
                                                       join_col=Arg("col", "join_month"),
                                                       churn_col=Arg("col", "churn_month"), **SPAN())),
        Call("churn.churn_by_cause", lambda: dict(subs=_subs_arg(required=("segment", "churn_cause")),
                                                  segment_col=Arg("col", "segment"),
                                                  cause_col=Arg("col", "churn_cause"), **SPAN())),
        Call("churn.segment_clv", lambda: dict(subs=_subs_arg(nums=("margin",)), discount_rate=Arg("num", 0.1),
                                               timing=Arg("choice", "end"), margin_col=Arg("col", "margin"),
                                               recent_months=Arg("int", 12), **SPAN())),
        Call("churn.revenue_at_risk", lambda: dict(subs=_subs_arg(nums=("margin", "arpu")),
                                                   discount_rate=Arg("num", 0.1), timing=Arg("choice", "end"),
                                                   arpu_col=Arg("col", "arpu"), margin_col=Arg("col", "margin"),
                                                   recent_months=Arg("int", 12), **SPAN())),
        Call("churn.complaint_effect", lambda: dict(
            subs=_subs_arg(required=("complaint_status", "last_complaint_month", "join_month", "churn_month")),
            horizon=Arg("int", 12), **SPAN())),
        Call("churn.complaint_claims", lambda: dict(subs=_subs_arg(required=("complaint_status",)),
                                                    horizon=Arg("int", 12))),
        Call("churn.programme_inputs", lambda: dict(subs=_subs_arg(nums=("margin",)), cause=Arg("text", cause_key()),
                                                    segment=Arg("text", "全部"), recent_months=Arg("int", 12),
                                                    **SPAN())),
        Call("churn.retention_programme", lambda: dict(
            subs_or_params=Arg("frame", subs(), required=("segment", "churn_month"), nums=("margin",)),
            cause=Arg("text", cause_key()), segment=Arg("text", "全部"), reduction=Arg("num", 0.2),
            cost_per_sub_month=Arg("num", 1.0), discount_rate=Arg("num", 0.1), months=Arg("int", 24))),
        Call("churn.best_cause_to_attack", lambda: dict(
            subs=_subs_arg(nums=("margin",)), reduction=Arg("num", 0.2), cost_per_sub_month=Arg("num", 1.0),
            discount_rate=Arg("num", 0.1), segment=Arg("fixed", None), months=Arg("int", 24),
            include_uncontrollable=Arg("bool", False), recent_months=Arg("int", 12))),
        Call("churn.plot_churn_rate", lambda: dict(monthly=Arg("object", churn.monthly_churn(subs())),
                                                   by=Arg("fixed", None), title=Arg("fixed", "月流失率"))),
        Call("churn.plot_survival", lambda: dict(curves=Arg("object", churn.survival_by_segment(subs())[0]),
                                                 medians=Arg("fixed", None), title=Arg("fixed", "生存"))),
        Call("churn.plot_causes", lambda: dict(by_cause=Arg("object", churn.churn_by_cause(subs())),
                                               value=Arg("choice", "share"), title=Arg("fixed", "原因"))),
        Call("churn.plot_programme", lambda: dict(
            result=Arg("object", churn.retention_programme(subs(), cause_key())),
            title=Arg("fixed", None), ax=Arg("fixed", None))),
        Call("churn.programme_panel_model", lambda: dict(
            inputs=Arg("object", programme_inputs_all()),
            cause=Arg("text", cause_key()), segment=Arg("text", "全部"), reduction=Arg("num", 0.2),
            cost_per_sub_month=Arg("num", 1.0), discount_rate=Arg("num", 0.1), months=Arg("int", 24))),
        Call("churn.programme_panel", lambda: dict(
            subs=_subs_arg(nums=("margin",)), cause=Arg("fixed", None), segment=Arg("fixed", None),
            reduction=Arg("num", 0.2), cost_per_sub_month=Arg("num", 1.0), discount_rate=Arg("num", 0.1),
            months=Arg("int", 24))),
    ]


def programme_inputs_all() -> dict:
    """{(segment, cause name): programme_inputs(...)} as programme_panel measures it."""
    from crmlab import churn
    s = subs()
    segs = [churn.ALL, *sorted(map(str, s["segment"].unique()))]
    return {(g, c): churn.programme_inputs(s, c, g) for g in segs for c in churn.CAUSES["name_zh"]}


def _new_calls():
    """Functions added while the topics were split into packages (issue 10/11 work)."""
    from crmlab import accounts, churn, segments, value
    N = lambda v: Arg("num", v)  # noqa: E731
    O25 = lambda **kw: Arg("frame", orders(), **kw)  # noqa: E731
    return [
        Call("value.complaint_iceberg", lambda: dict(complaints=N(10.0), never_complain_share=N(0.96),
                                                     people_told=N(22.0), conversion_rate=N(0.05),
                                                     clv_of_lost=N(266.67))),
        Call("value.retention_uplift_grid", lambda: dict(customers=N(1000.0), retentions=Arg("array", [0.8, 0.9]),
                                                         horizons=Arg("array", [3, 10]), uplift=N(0.05),
                                                         margin=N(100.0), discount_rate=N(0.1),
                                                         new_customers=N(0.0))),
        Call("value.plot_uplift_gains", lambda: dict(
            gains=Arg("object", value.retention_uplift_grid(1000, [0.6, 0.9], [3, 10])),
            claim=Arg("num?", 0.25), ax=Arg("fixed", None))),
        Call("value.simple_clv_panel_model", lambda: dict(annual_profit=N(100.0), years=Arg("int", 10),
                                                          acquisition_cost=N(80.0))),
        Call("value.clv_panel_model", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                                   growth=N(0.0), acquisition_cost=N(80.0),
                                                   horizon=Arg("int", 0), timing=Arg("choice", "end"))),
        Call("value.simple_vs_model_text", lambda: dict(gap=N(733.3))),
        Call("value.lifetime_equivalents_table", lambda: dict(totals=Arg("fixed", {"可口可乐": (11000, 50)}),
                                                              discount_rate=N(0.1))),
        Call("value.clv_conventions_table", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                                         horizon=Arg("int?", None), growth=N(0.0))),
        Call("value.clv_components_table", lambda: dict(
            parts=Arg("object", value.clv_components(600, 150, 200, 50)))),
        Call("value.amounts_table", lambda: dict(amounts=Arg("fixed", {"lost_customers": 200.0}))),
        Call("value.percent_labels", lambda: dict(frame=Arg("object", value.margin_multiple_table()))),
        Call("value.word_of_mouth_table", lambda: dict(rows=Arg("fixed", {"好口碑": {
            "people_told_per_experience": 8, "customers_changed": 0.4, "value_per_experience": 106.7,
            "value_while_retained": 284.4}}))),
        Call("segments.sales_growth", lambda: dict(orders=O25(ids=("customer_id",), nums=("sales",), dates=("date",)),
                                                   year=Arg("int", 2025))),
        Call("segments.tier_summary", lambda: dict(tiers=Arg("object", segments.management_tiers(
            sales(), shares=(0.1, 0.3, 0.6), potential_col="potential", potential_cut=5.0)))),
        Call("segments.value_tier_summary", lambda: dict(tiers=Arg("object", segments.value_tiers(sales())))),
        Call("segments.segment_mix", lambda: dict(
            groups=Arg("object", pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户", "重要价值客户"]},
                                              index=pd.Index(["a", "b", "c"], name="customer_id"))),
            attributes=Arg("frame", pd.DataFrame({"customer_id": ["a", "b", "c"],
                                                  "customer_type": ["酒店", "酒店", "商店"]}),
                           ids=("customer_id",), required=("customer_type",)),
            by=Arg("col", "customer_type"))),
        Call("accounts.key_account_scorecard", lambda: dict(
            orders=O25(ids=("customer_id",), nums=("sales", "profit"), dates=("date",)),
            key_accounts=Arg("fixed", sorted(orders()["customer_id"].unique())[:3]), year=Arg("int", 2025),
            target_growth=N(0.1))),
        Call("accounts.manager_scorecard", lambda: dict(
            scorecard=Arg("object", accounts.key_account_scorecard(
                orders(), sorted(orders()["customer_id"].unique())[:3], 2025)),
            managers=Arg("fixed", pd.Series("王", index=sorted(orders()["customer_id"].unique())[:3])))),
        Call("accounts.remedy_whatif", lambda: dict(
            orders=Arg("frame", orders_year(), ids=("customer_id", "product_id"), nums=("sales", "profit")),
            price_rise=N(0.1), drop=Arg("bool", False), profitable_growth=N(0.0), tolerance=N(0.0))),
        Call("accounts.remedy_table", lambda: dict(
            orders=Arg("frame", accounts.profitability_example().assign(
                sales=[900.0, 800, 300, 1000, 500, 800, 300, 1000]),
                ids=("customer_id", "product_id"), nums=("sales", "profit")),
            price_rise=N(0.5), profitable_growth=N(0.0))),
        Call("churn.survival_sample", lambda: dict(subs=_subs_arg(required=("join_month", "churn_month")),
                                                   start=Arg("int", 1), end=Arg("int?", None))),
        Call("churn.keep_or_replace", lambda: dict(acquisition_cost=N(300.0), retention_cost=Arg("num?", 60.0),
                                                   new_per_lost=Arg("num?", 10.0), lost_customers=N(1.0))),
        Call("churn.winback_inputs", lambda: dict(subs=_subs_arg(nums=("margin", "arpu")), discount_rate=N(0.1),
                                                  segment=Arg("text", "全部"))),
        Call("churn.winback_campaign", lambda: dict(lost_customers=N(1000.0), winback_rate=N(0.1),
                                                    value_per_won_back=N(800.0), cost_per_contact=N(20.0),
                                                    incentive_per_won_back=N(100.0))),
        Call("churn.winback_by_segment", lambda: dict(
            subs=_subs_arg(nums=("margin", "arpu")), winback_rate=N(0.2), cost_per_contact=N(20.0),
            incentive_per_won_back=N(0.0), discount_rate=N(0.1), cause=Arg("fixed", None))),
        Call("churn.all_programme_inputs", lambda: dict(subs=_subs_arg(nums=("margin",)))),
        Call("churn.programme_in_segment", lambda: dict(
            inputs=Arg("object", programme_inputs_all()), cause=Arg("text", cause_key()),
            segment=Arg("text", "全部"), reduction=N(0.2), cost_per_sub_month=N(1.0), discount_rate=N(0.1),
            months=Arg("int", 24))),
        Call("churn.segment_profile", lambda: dict(
            subs=Arg("frame", subs(), ids=("segment",), nums=("arpu", "margin"), required=("subscriber_id", "churned")))),
        Call("churn.cause_structure", lambda: dict(by_cause=Arg("object", churn.churn_by_cause(subs())))),
        Call("churn.loss_by_cause", lambda: dict(risk=Arg("object", churn.revenue_at_risk(subs(), 0.1)),
                                                 segment=Arg("text", "全部"))),
        Call("churn.ranking_table", lambda: dict(ranking=Arg("object", churn.best_cause_to_attack(subs())),
                                                 top=Arg("int", 8))),
        Call("churn.claims_table", lambda: dict(claims=Arg("object", churn.complaint_claims(subs())))),
        Call("churn.items_table", lambda: dict(result=Arg("object", churn.winback_campaign(1000, 0.1, 800.0, 20.0)),
                                               items=Arg("fixed", ["won_back", "net_value"]))),
        Call("display.glossary", lambda: dict(topic=Arg("choice?", "value"))),
        Call("display.topics", lambda: dict()),
        Call("display.entry", lambda: dict(ident=Arg("text", "discount_rate"), topic=Arg("choice?", None))),
        Call("display.label", lambda: dict(ident=Arg("text", "sales"), topic=Arg("choice?", None),
                                           unit=Arg("bool", True))),
        Call("display.title", lambda: dict(text=Arg("text?", None), ident=Arg("text", "sales"),
                                           topic=Arg("choice?", None))),
        Call("display.fmt", lambda: dict(ident=Arg("text", "retention"), topic=Arg("choice?", None))),
        Call("display.number", lambda: dict(x=Arg("shown", 0.8), ident=Arg("text", "retention"), topic=Arg("choice?", None))),
        Call("display.relabel", lambda: dict(frame=Arg("object", pd.DataFrame({"sales": [1.0]})),
                                             topic=Arg("choice?", None))),
        Call("display.table", lambda: dict(frame=Arg("object", pd.DataFrame({"sales": [1234.5], "retention": [0.8]})),
                                           topic=Arg("choice?", None), index=Arg("bool", True))),
        Call("display.english_headers", lambda: dict(headers=Arg("fixed", ["销售额（元）", "sales", 2024]))),
    ]


def _other_calls():
    return [
        Call("textbook.figures", lambda: dict(chapter=Arg("fixed", 1))),
        Call("textbook.figure", lambda: dict(figure_id=Arg("text", "ch1_clv_example"))),
        Call("textbook.value", lambda: dict(figure_id=Arg("text", "ch1_clv_example"))),
        Call("datasets.card", lambda: dict(name=Arg("text", "cafe_customers"))),
        Call("datasets.load", lambda: dict(name=Arg("text", "cafe_customers"))),
        Call("datasets.generate", lambda: dict(name=Arg("text", "cafe_customers"))),
        Call("datasets.csv_bytes", lambda: dict(df=Arg("object", pd.DataFrame({"a": [1.5]})))),
        Call("datasets.sha256", lambda: dict(data=Arg("fixed", b"abc"))),
        Call("datasets.names", lambda: dict()),
        Call("datasets.data_dir", lambda: dict()),
        Call("datasets.load_textbook_figures", lambda: dict()),
        Call("datasets.load_cafe_customers", lambda: dict()),
        Call("datasets.load_beverage_orders", lambda: dict()),
        Call("datasets.load_beverage_customers", lambda: dict()),
        Call("datasets.load_beverage_products", lambda: dict()),
        Call("datasets.load_mobile_subscribers", lambda: dict()),
        Call("plotting.font_path", lambda: dict(bold=Arg("bool", False))),
        Call("plotting.new_figure", lambda: dict(nrows=Arg("int", 1), ncols=Arg("int", 1))),
        Call("plotting.figure_and_axes", lambda: dict(ax=Arg("fixed", None))),
        Call("plotting.style", lambda: dict()),
        Call("plotting.setup", lambda: dict()),
        Call("simulate.cafe.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 20))),
        Call("simulate.mobile.generate", lambda: dict(seed=Arg("int", 1), n_base=Arg("int", 200),
                                                      new_per_month=Arg("int", 5))),
        Call("simulate.beverage.generate_products", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.beverage.generate_customers", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.beverage.generate_orders", lambda: dict(seed=Arg("int", 1))),
        Call("widgets.split_message", lambda: dict(message=Arg("fixed", "a must be b; got c (甲 a 应为 b)"))),
    ]


# --------------------------------------------------------------------------- chapters 2 and 4, value additions
@functools.lru_cache(maxsize=None)
def _survey_all() -> pd.DataFrame:
    from crmlab import datasets
    return datasets.load("fridge_survey")


def survey() -> pd.DataFrame:
    """The answers of 40 respondents of the bundled fridge survey (模拟数据)."""
    s = _survey_all()
    keep = sorted(s["respondent_id"].unique())[:40]
    return s[s["respondent_id"].isin(keep)].reset_index(drop=True).copy()


def offers() -> pd.DataFrame:
    from crmlab import delivered
    return delivered.offer_profiles(_survey_all())


def weights() -> pd.DataFrame:
    from crmlab import delivered
    return delivered.segment_weights(_survey_all())


@functools.lru_cache(maxsize=None)
def _prospects_small() -> pd.DataFrame:
    from crmlab.simulate import prospects
    return prospects.generate(1, n=60, months=8)


def prospects_panel() -> pd.DataFrame:
    """60 simulated prospects over 8 months (模拟数据)."""
    return _prospects_small().copy()


def generating_matrix() -> pd.DataFrame:
    from crmlab import states
    from crmlab.simulate import prospects
    return states.check_transition_matrix(prospects.GENERATING_MATRIX)


def _delivered_calls():
    from crmlab import delivered as D
    N = lambda v: Arg("num", v)  # noqa: E731
    OFF = lambda: Arg("frame", offers(), nums=("service_value", "monetary_cost"))  # noqa: E731
    W = lambda: Arg("frame", weights(), nums=("service_value",))  # noqa: E731
    CDV = lambda: Arg("object", D.cdv_by_segment(offers(), weights()))  # noqa: E731
    CDV1 = lambda: Arg("object", D.cdv_by_segment(offers(), weights()).iloc[0])  # noqa: E731
    SURVEY = lambda **kw: Arg("frame", survey(), **kw)  # noqa: E731
    return [
        Call("delivered.offer_profiles", lambda: dict(
            survey=SURVEY(ids=("offer",), nums=("price", "service_score")), value_rate=N(400.0),
            cost_rate=N(100.0), offer_col=Arg("col", "offer"), price_col=Arg("col", "price"))),
        Call("delivered.segment_weights", lambda: dict(
            survey=SURVEY(ids=("respondent_id", "segment"), nums=("service_points",)),
            segment_col=Arg("col", "segment"), respondent_col=Arg("col", "respondent_id"))),
        Call("delivered.delivered_value", lambda: dict(offers=OFF(), weights=Arg("fixed", None))),
        Call("delivered.cdv_by_segment", lambda: dict(offers=OFF(), weights=W())),
        Call("delivered.chosen_offer", lambda: dict(cdv=CDV())),
        Call("delivered.best_by", lambda: dict(table=Arg("object", D.delivered_value(offers())),
                                               by=Arg("choice", "cdv"))),
        Call("delivered.rank_forms", lambda: dict(table=Arg("object", D.delivered_value(offers())))),
        Call("delivered.logit_shares", lambda: dict(cdv=CDV1(), sensitivity=N(1.0))),
        Call("delivered.choice_shares", lambda: dict(cdv=CDV1(), sensitivity=Arg("num?", None),
                                                     noise_sd=N(500.0), draws=Arg("int", 2000),
                                                     seed=Arg("int", 0))),
        Call("delivered.shares_by_noise", lambda: dict(cdv=CDV1(), noise_levels=Arg("array", (0.0, 500.0, 2000.0)),
                                                       sensitivity=Arg("num?", None), draws=Arg("int", 2000),
                                                       seed=Arg("int", 0))),
        *[Call(f"delivered.{f}", (lambda: dict(
            offers=OFF(), firm=Arg("text", "丁"), weights=W(), segment=Arg("text?", "服务导向型"),
            unit_costs=Arg("fixed", None), lead=N(1.0))))
          for f in ("lever_table", "cheapest_lever")],
        Call("delivered.price_or_value", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), budget=N(300.0),
            value_lever=Arg("choice", "service_value"), unit_cost=Arg("num?", 0.5), sensitivity=N(2.0))),
        Call("delivered.our_offer_whatif", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), sensitivity=N(2.0),
            monetary_cost=N(3400.0))),
        Call("delivered.our_offer_panel_model", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), sensitivity=N(1.0),
            service_value=N(2500.0))),
        Call("delivered.price_or_value_panel_model", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), budget=N(300.0), unit_cost=Arg("num?", 0.5),
            value_lever=Arg("choice", "service_value"), sensitivity=N(1.0))),
        Call("delivered.our_offer_panel", lambda: dict(
            offers=Arg("fixed", offers()), weights=Arg("fixed", weights()), firm=Arg("text", "丁"), sensitivity=N(1.0))),
        Call("delivered.price_or_value_panel", lambda: dict(
            offers=Arg("fixed", offers()), weights=Arg("fixed", weights()), firm=Arg("text", "丁"), budget=N(300.0), unit_cost=Arg("num?", None),
            value_lever=Arg("choice", "service_value"), sensitivity=N(1.0))),
        Call("delivered.budget_returns", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), budgets=Arg("array", (0.0, 100.0, 300.0)),
            value_lever=Arg("choice", "service_value"), unit_cost=Arg("num?", 0.5), sensitivity=N(2.0))),
        Call("delivered.price_and_value", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), price_rise=N(300.0), value_rise=N(600.0),
            value_lever=Arg("choice", "service_value"), unit_cost=Arg("num?", 0.5), sensitivity=N(2.0))),
        Call("delivered.budget_returns_view", lambda: dict(table=Arg("object", D.budget_returns(
            offers(), weights(), "丁", [0.0, 100.0, 300.0])))),
        Call("delivered.price_and_value_view", lambda: dict(table=Arg("object", D.price_and_value(
            offers(), weights(), "丁", 300.0, 600.0)))),
        Call("delivered.plot_value_cost", lambda: dict(table=Arg("object", D.delivered_value(offers())),
                                                       ax=Arg("fixed", None), legend=Arg("fixed", "components"))),
        Call("delivered.plot_choice_shares", lambda: dict(
            shares=Arg("object", D.choice_shares(D.cdv_by_segment(offers(), weights()), 1.0)),
            ax=Arg("fixed", None))),
        Call("delivered.plot_price_or_value", lambda: dict(
            table=Arg("object", D.price_or_value(offers(), weights(), "丁", 300.0)), ax=Arg("fixed", None))),
        Call("delivered.plot_lever_costs", lambda: dict(
            table=Arg("object", D.lever_table(offers(), "丁", weights(), "服务导向型")), ax=Arg("fixed", None))),
        Call("delivered.plot_shares_by_noise", lambda: dict(
            table=Arg("object", D.shares_by_noise(D.cdv_by_segment(offers(), weights()).iloc[0], [0, 500, 2000],
                                                  draws=1000)), ax=Arg("fixed", None))),
        Call("delivered.lever_view", lambda: dict(
            table=Arg("object", D.lever_table(offers(), "丁", weights(), "服务导向型")))),
        Call("delivered.rank_view", lambda: dict(table=Arg("object", D.rank_forms(D.delivered_value(offers()))))),
        Call("delivered.price_or_value_view", lambda: dict(
            table=Arg("object", D.price_or_value(offers(), weights(), "丁", 300.0)))),
    ]


def _states_calls():
    from crmlab import states as S
    N = lambda v: Arg("num", v)  # noqa: E731
    P = lambda: Arg("object", generating_matrix())  # noqa: E731
    PANEL = lambda **kw: Arg("frame", prospects_panel(), **kw)  # noqa: E731
    MOVES = dict(ids=("customer_id",), months=("month",), required=("state",))
    FLOW = lambda: dict(first_to_repeat=N(0.15), repeat_to_loyal=N(0.1), churn_first=N(0.1),  # noqa: E731
                        churn_repeat=N(0.05), churn_loyal=N(0.02), win_back=N(0.05))
    EFFORT = lambda: S.selling_effort({"potential_target": 0.06, "first_time": 0.15,  # noqa: E731
                                       "repeat_loyal": 0.5}, 50.0)
    LEADS = lambda: pd.DataFrame({"money": [True, True, False], "authority": [True, True, True],  # noqa: E731
                                  "need": [True, True, True], "order_months": [0.5, 4.0, 1.0]})
    return [
        Call("states.check_transition_matrix", lambda: dict(
            P=Arg("fixed", [[0.5, 0.5], [0.2, 0.8]]), name=Arg("fixed", "P"), states=Arg("fixed", ["a", "b"]))),
        *[Call(f"states.{f}", (lambda: dict(
            panel=PANEL(**MOVES), customer_id_col=Arg("col", "customer_id"), period_col=Arg("col", "month"),
            state_col=Arg("col", "state"), states=Arg("fixed", None))))
          for f in ("transition_counts", "transition_matrix")],
        Call("states.project", lambda: dict(counts=Arg("array", [1000.0, 0, 0, 0, 0, 0, 0]), P=P(),
                                            periods=Arg("int", 12))),
        Call("states.stationary", lambda: dict(P=Arg("object", S.check_transition_matrix(
            [[0.8, 0.2, 0.0], [0.1, 0.7, 0.2], [0.3, 0.0, 0.7]], states=["a", "b", "c"])))),
        Call("states.state_values", lambda: dict(
            P=Arg("object", S.flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05)),
            rewards=Arg("array", [10.0, 20.0, 40.0, 0.0, 0.0]), discount_rate=N(0.01), horizon=Arg("int?", None),
            timing=Arg("choice", "start"))),
        Call("states.absorption", lambda: dict(P=P(), absorbing=Arg("fixed", ["non_customer"]))),
        Call("states.make_absorbing", lambda: dict(P=P(), absorbing=Arg("fixed", ["lost"]))),
        Call("states.contacts_per_sale", lambda: dict(success_rate=Arg("array", [0.06, 0.15, 0.5]))),
        Call("states.selling_effort", lambda: dict(
            success_rates=Arg("fixed", {"potential_target": 0.06, "first_time": 0.15, "repeat_loyal": 0.5}),
            cost_per_contact=N(50.0), margin_per_sale=Arg("num?", 300.0), contacts=Arg("fixed", None))),
        Call("states.lead_temperature", lambda: dict(order_months=Arg("array", [0.5, 2.0, 4.0, 9.0]))),
        Call("states.qualify_leads", lambda: dict(
            leads=Arg("frame", LEADS(), nums=("order_months",), required=("money", "authority", "need")),
            money_col=Arg("col", "money"), authority_col=Arg("col", "authority"), need_col=Arg("col", "need"),
            order_months_col=Arg("col", "order_months"))),
        Call("states.purchase_rates", lambda: dict(panel=PANEL(nums=("purchased",), required=("state",)),
                                                   state_col=Arg("col", "state"),
                                                   purchased_col=Arg("col", "purchased"), groups=Arg("fixed", None))),
        Call("states.value_by_final_state", lambda: dict(
            panel=PANEL(nums=("margin",), **MOVES), customer_id_col=Arg("col", "customer_id"),
            period_col=Arg("col", "month"), state_col=Arg("col", "state"), margin_col=Arg("col", "margin"),
            states=Arg("fixed", None))),
        Call("states.state_counts", lambda: dict(panel=PANEL(months=("month",), required=("state",)),
                                                 period_col=Arg("col", "month"), state_col=Arg("col", "state"),
                                                 states=Arg("fixed", None))),
        Call("states.margin_by_state", lambda: dict(panel=PANEL(nums=("margin",), required=("state",)),
                                                    state_col=Arg("col", "state"), margin_col=Arg("col", "margin"),
                                                    states=Arg("fixed", None))),
        Call("states.flow_matrix", lambda: FLOW()),
        Call("states.flow_whatif", lambda: dict(**FLOW(), periods=Arg("int", 24), counts=Arg("fixed", None),
                                                rewards=Arg("fixed", None), discount_rate=N(0.01))),
        Call("states.flow_panel_model", lambda: dict(**FLOW(), periods=Arg("int", 24), counts=Arg("fixed", None),
                                                     rewards=Arg("fixed", None), discount_rate=N(0.01))),
        Call("states.flow_panel", lambda: dict(**FLOW(), periods=Arg("int", 24), discount_rate=N(0.01))),
        Call("states.selling_panel_model", lambda: dict(rate_potential_target=N(0.06), rate_first_time=N(0.15),
                                                        rate_repeat_loyal=N(0.5), cost_per_contact=N(50.0))),
        Call("states.selling_panel", lambda: dict(rate_potential_target=N(0.06), rate_first_time=N(0.15),
                                                  rate_repeat_loyal=N(0.5), cost_per_contact=N(50.0))),
        Call("states.plot_state_diagram", lambda: dict(P=P(), ax=Arg("fixed", None), threshold=N(0.001),
                                                       title=Arg("fixed", None))),
        Call("states.plot_state_mix", lambda: dict(
            mix=Arg("object", S.flow_whatif()["mix"]), ax=Arg("fixed", None), shares=Arg("bool", False))),
        Call("states.plot_contacts_per_sale", lambda: dict(effort=Arg("object", EFFORT()), ax=Arg("fixed", None))),
        Call("states.recovery_table", lambda: dict(
            estimated=P(), generating=Arg("fixed", generating_matrix()),
            counts=Arg("fixed", S.transition_counts(prospects_panel())))),
        Call("states.selling_table", lambda: dict(effort=Arg("object", EFFORT()),
                                                  reference=Arg("choice", "repeat_loyal"))),
        Call("states.leads_table", lambda: dict(qualified=Arg("object", S.qualify_leads(LEADS())))),
        Call("states.absorption_table", lambda: dict(
            result=Arg("object", S.absorption(generating_matrix(), ["non_customer"])))),
    ]


def _more_calls():
    from pathlib import Path
    from crmlab import segments, value
    N = lambda v: Arg("num", v)  # noqa: E731

    def groups():
        from crmlab import accounts
        o = orders_year()
        return segments.rfm_segment(segments.rfm_score(segments.rfm_table(o), bins=3, monetary_col="monetary"))

    def profit():
        from crmlab import accounts
        return accounts.customer_summary(orders_year())

    def lists():
        return segments.customer_lists(groups(), profit())

    return [
        Call("value.complaint_readings", lambda: dict(
            complaints=N(10.0), never_complain_shares=Arg("fixed", {"silent_001": 0.96, "complain_000": 0.33}),
            people_told=N(22.0), conversion_rate=N(0.05), clv_of_lost=N(266.67), keep_cost=Arg("num?", 16.0))),
        Call("value.complaint_readings_table", lambda: dict(
            readings=Arg("object", value.complaint_readings(10, {"silent_001": 0.96}, 22, 0.05, 266.67)),
            currency=Arg("choice", "元"))),
        Call("value.horizon_options", lambda: dict(horizon=Arg("int", 0))),
        Call("value.card_title", lambda: dict(card=Arg("object", {"title": "校园咖啡馆的客户 (café)",
                                                                  "simulated": True}))),
        Call("value.card_table", lambda: dict(card=Arg("object", {"title": "t", "simulated": True, "columns": [
            {"name": "spend_per_visit", "unit": "CNY", "description": "每次平均消费 spend"}]}))),
        Call("value.chapter_map", lambda: dict(
            folder=Arg("fixed", str(Path(__file__).resolve().parents[2] / "notebooks")), planned=Arg("fixed", None))),
        Call("segments.customer_lists", lambda: dict(
            groups=Arg("object", groups()), profit=Arg("object", profit()), segment_col=Arg("col", "segment"),
            monetary_col=Arg("col", "M"), profit_col=Arg("col", "profit"))),
        Call("segments.customer_list_table", lambda: dict(lists=Arg("object", lists()))),
        Call("segments.customer_list_summary", lambda: dict(lists=Arg("object", lists()))),
        Call("simulate.fridge_survey.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 20))),
        Call("simulate.prospects.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 30),
                                                         months=Arg("int", 6))),
    ]


@functools.lru_cache(maxsize=None)
def calls() -> dict[str, Call]:
    """Every call of the contract test, by public name."""
    out = {}
    groups = [_value_calls, _segments_calls, _accounts_calls, _churn_calls, _new_calls, _other_calls,
              _delivered_calls, _states_calls, _more_calls]
    groups += [m.CALLS for m in topic_modules()]
    for group in groups:
        for c in group():
            out[c.name] = c
    return out


@functools.lru_cache(maxsize=None)
def topic_modules():
    """The per-topic registries ``tests/property/calls_<topic>.py``.

    A chapter written after chapter 4 keeps its part of the property registry in
    its own file, which defines ``CALLS()`` (a list of :class:`Call`), ``COVER``
    (public name -> tuple of property tests, as ``conftest.COVERED``) and, for a
    topic with what-if panels, ``PANELS`` (public name -> a function that builds
    the panel as its notebook does).  They are found here by name, so chapters
    written side by side never edit the same registry file.
    """
    import importlib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    return tuple(importlib.import_module(f.stem) for f in sorted(here.glob("calls_*.py")))
