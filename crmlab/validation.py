"""Input checks shared by every crmlab module (输入检查).

Every public crmlab function checks its arguments with these helpers, so that a
student who passes a wrong value gets one clear message, in English and in
Chinese, that names the argument, shows the bad value and says what is
expected, for example::

    retention must be a number in [0, 1); got 1.2
    (留存率 retention 应为 [0, 1) 内的数值，实际为 1.2)

All errors raised here are :class:`InputError` (a :class:`ValueError`) or
:class:`InputTypeError` (a :class:`TypeError`); both derive from
:class:`CRMLabError`, which the what-if panels catch to show the message instead
of a traceback.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "CRMLabError",
    "InputError",
    "InputTypeError",
    "check_number",
    "check_int",
    "check_choice",
    "check_array",
    "check_frame",
    "check_unique",
    "check_bool",
    "check_column",
    "check_finite_result",
    "fail",
    "described",
]


class CRMLabError(Exception):
    """Base class of every error crmlab raises on purpose (crmlab 的输入错误)."""


class InputError(CRMLabError, ValueError):
    """An argument has the right type but an unacceptable value."""


class InputTypeError(CRMLabError, TypeError):
    """An argument has the wrong type."""


def _label(name: str, zh: str | None) -> str:
    return f"{zh} {name}" if zh else name


class described(str):
    """A description of a bad value, shown as is (not quoted) in messages."""

    def __repr__(self) -> str:
        return str(self)


def _show(value) -> str:
    if hasattr(value, "item") and getattr(value, "ndim", None) == 0:
        value = value.item()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fail(name: str, value, expected: str, expected_zh: str, *, zh: str | None = None,
         kind: type[CRMLabError] = InputError) -> CRMLabError:
    """Build (not raise) an error in the house style.

    Parameters
    ----------
    name : str
        The argument's name as the caller wrote it.
    value : object
        The value received.
    expected : str
        What is expected, in English (``"a number in [0, 1)"``).
    expected_zh : str
        The same in Chinese (``"[0, 1) 内的数值"``).
    zh : str, optional
        The argument's Chinese name (``"留存率"``).
    kind : type, default InputError
        The error class.

    Examples
    --------
    >>> str(fail("retention", 1.2, "a number in [0, 1)", "[0, 1) 内的数值", zh="留存率"))
    'retention must be a number in [0, 1); got 1.2 (留存率 retention 应为 [0, 1) 内的数值，实际为 1.2)'
    """
    shown = _show(value)
    expected_zh = str(expected_zh or expected).strip()
    sep = " " if expected_zh[:1].isascii() else ""
    return kind(
        f"{name} must be {expected}; got {shown} "
        f"({_label(name, zh)} 应为{sep}{expected_zh}，实际为 {shown})"
    )


def _interval(low, high, low_open, high_open) -> str:
    left = "(" if low_open or low is None else "["
    right = ")" if high_open or high is None else "]"
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"{left}{lo}, {hi}{right}"


def check_number(value, name: str, *, zh: str | None = None, low: float | None = None,
                 high: float | None = None, low_open: bool = False,
                 high_open: bool = False) -> float:
    """Return ``value`` as a finite float, or raise a clear error.

    Parameters
    ----------
    value : object
        The value to check; booleans and strings are refused.
    name, zh : str
        The argument's English and Chinese names, used in the message.
    low, high : float, optional
        Bounds of the accepted interval; ``None`` means unbounded.
    low_open, high_open : bool
        Whether the bound itself is excluded.

    Examples
    --------
    >>> check_number(0.8, "retention", zh="留存率", low=0, high=1, high_open=True)
    0.8
    >>> check_number(1, "retention", zh="留存率", low=0, high=1, high_open=True)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: retention must be a number in [0, 1); got 1 (留存率 retention 应为 [0, 1) 内的数值，实际为 1)
    """
    interval = _interval(low, high, low_open, high_open)
    bounded = low is not None or high is not None
    expected = f"a number in {interval}" if bounded else "a finite number"
    expected_zh = f"{interval} 内的数值" if bounded else "有限的数值"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise fail(name, value, expected, expected_zh, zh=zh, kind=InputTypeError)
    try:
        x = float(value)
    except OverflowError:  # an int too large for a float, such as 10**400
        raise fail(name, described("a number too large for a float"), expected, expected_zh,
                   zh=zh) from None
    if not math.isfinite(x):
        raise fail(name, value, expected, expected_zh, zh=zh)
    if low is not None and (x < low or (low_open and x == low)):
        raise fail(name, value, expected, expected_zh, zh=zh)
    if high is not None and (x > high or (high_open and x == high)):
        raise fail(name, value, expected, expected_zh, zh=zh)
    return x


def check_int(value, name: str, *, zh: str | None = None, low: int | None = None,
              high: int | None = None) -> int:
    """Return ``value`` as an int (whole floats are accepted), or raise.

    Examples
    --------
    >>> check_int(5.0, "years", zh="年数", low=1)
    5
    >>> check_int(2.5, "years", zh="年数", low=1)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: years must be a whole number >= 1; got 2.5 (年数 years 应为不小于 1 的整数，实际为 2.5)
    """
    parts, parts_zh = [], []
    if low is not None:
        parts.append(f">= {low}")
        parts_zh.append(f"不小于 {low}")
    if high is not None:
        parts.append(f"<= {high}")
        parts_zh.append(f"不大于 {high}")
    expected = "a whole number" + (" " + " and ".join(parts) if parts else "")
    expected_zh = ("、".join(parts_zh) + " 的整数") if parts_zh else "整数"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise fail(name, value, expected, expected_zh, zh=zh, kind=InputTypeError)
    try:
        whole = math.isfinite(float(value)) and float(value) == int(value)
    except OverflowError:  # 10**400 and the like
        raise fail(name, described("a number too large for a float"), expected, expected_zh,
                   zh=zh) from None
    if not whole:
        raise fail(name, value, expected, expected_zh, zh=zh)
    n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        raise fail(name, value, expected, expected_zh, zh=zh)
    return n


def check_choice(value, name: str, choices: Iterable, *, zh: str | None = None):
    """Return ``value`` if it is one of ``choices``, else raise.

    Examples
    --------
    >>> check_choice("end", "timing", ("end", "start"), zh="现金流时点")
    'end'
    >>> check_choice("middle", "timing", ("end", "start"), zh="现金流时点")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: timing must be one of 'end', 'start'; got 'middle' (现金流时点 timing 应为 'end', 'start' 之一，实际为 'middle')
    """
    options = list(choices)
    listed = ", ".join(repr(c) for c in options)
    try:
        ok = bool(value in options)
    except (TypeError, ValueError):  # unhashable, or an array/DataFrame with no single truth value
        ok = False
    if not ok:
        raise fail(name, value, f"one of {listed}", f"{listed} 之一", zh=zh)
    return value


def _holds_booleans(values) -> bool:
    """True/False in a sequence of numbers is a slip (True would count as 1)."""
    dtype = getattr(values, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", "O") in "iufc":
        return False                      # a numeric array: nothing to look for
    if dtype is not None and (dtype == bool or str(dtype) == "boolean"):
        return True
    try:
        flat = np.ravel(np.asarray(values, dtype=object))
    except (TypeError, ValueError):
        return False
    return any(isinstance(v, (bool, np.bool_)) for v in flat)


def check_array(values, name: str, *, zh: str | None = None, nonnegative: bool = False,
                allow_empty: bool = False) -> np.ndarray:
    """Return ``values`` as a 1-D float array of finite numbers, or raise.

    Examples
    --------
    >>> check_array([1, 2, 3], "values", zh="数值")
    array([1., 2., 3.])
    >>> check_array([1, -2], "values", zh="数值", nonnegative=True)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: values must be finite numbers >= 0; got array with -2.0 at position 1 (数值 values 应为非负的有限数值，实际为 array with -2.0 at position 1)
    """
    expected = "finite numbers >= 0" if nonnegative else "finite numbers"
    expected_zh = "非负的有限数值" if nonnegative else "有限数值"
    if isinstance(values, (str, bytes, bool, np.bool_)) or values is None:
        raise fail(name, values, "a sequence of " + expected, "一列" + expected_zh, zh=zh,
                   kind=InputTypeError)
    if _holds_booleans(values):
        raise fail(name, described("a sequence holding True/False"), "a sequence of " + expected,
                   "一列" + expected_zh, zh=zh, kind=InputTypeError)
    if np.iscomplexobj(values) or any(isinstance(v, complex) for v in
                                      (values if isinstance(values, list) else ())):
        raise fail(name, described("complex numbers"), "a sequence of real " + expected,
                   "一列实数" + expected_zh, zh=zh, kind=InputTypeError)
    try:
        arr = np.asarray(values, dtype=float)
    except OverflowError:  # an int too large for a float, such as 10**400
        raise fail(name, described("a number too large for a float"), "a sequence of " + expected,
                   "一列" + expected_zh, zh=zh) from None
    except (TypeError, ValueError):
        raise fail(name, values, "a sequence of " + expected, "一列" + expected_zh, zh=zh,
                   kind=InputTypeError) from None
    if arr.ndim != 1:
        arr = arr.reshape(-1) if arr.ndim == 0 else arr
        if arr.ndim != 1:
            raise fail(name, described(f"array of shape {arr.shape}"), "a one-dimensional sequence",
                       "一维序列", zh=zh)
    if arr.size == 0 and not allow_empty:
        raise fail(name, described("an empty sequence"), "a non-empty sequence of " + expected,
                   "非空的" + expected_zh, zh=zh)
    bad = ~np.isfinite(arr)
    if nonnegative:
        bad |= arr < 0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise fail(name, described(f"array with {float(arr[i])!r} at position {i}"), expected,
                   expected_zh, zh=zh)
    return arr


def check_frame(data, name: str, columns: Sequence[str] = (), *, zh: str | None = None,
                allow_empty: bool = False) -> pd.DataFrame:
    """Check that ``data`` is a DataFrame holding ``columns``.

    Examples
    --------
    >>> import pandas as pd
    >>> check_frame(pd.DataFrame({"a": [1]}), "data", ["a", "b"], zh="数据")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: data must be a DataFrame with columns 'a', 'b' (missing 'b'); got DataFrame with columns ['a'] (数据 data 应为含有列 'a', 'b' 的表格（缺少 'b'），实际为 DataFrame with columns ['a'])
    """
    if isinstance(columns, str) or any(not isinstance(c, (str, numbers.Integral)) for c in columns):
        raise fail("columns", columns, "a list of column names (strings)", "列名（字符串）的列表",
                   kind=InputTypeError)
    wanted = ", ".join(repr(c) for c in columns)
    if not isinstance(data, pd.DataFrame):
        raise fail(name, described(type(data).__name__), "a pandas DataFrame", "pandas DataFrame 表格",
                   zh=zh, kind=InputTypeError)
    if isinstance(data.columns, pd.MultiIndex):
        raise fail(name, described("a DataFrame with MultiIndex (several-level) columns"),
                   "a DataFrame with one level of column names", "只有一层列名的表格", zh=zh)
    if data.columns.has_duplicates:
        dup = data.columns[data.columns.duplicated()][0]
        raise fail(name, described(f"DataFrame with column {dup!r} twice"),
                   "a DataFrame whose column names are unique", "列名互不相同的表格", zh=zh)
    missing = [c for c in columns if c not in data.columns]
    if missing:
        miss = ", ".join(repr(c) for c in missing)
        shown = f"DataFrame with columns {list(map(str, data.columns))}"
        raise InputError(
            f"{name} must be a DataFrame with columns {wanted} (missing {miss}); got {shown} "
            f"({_label(name, zh)} 应为含有列 {wanted} 的表格（缺少 {miss}），实际为 {shown})"
        )
    if len(data) == 0 and not allow_empty:
        raise fail(name, described("an empty DataFrame"), "a DataFrame with at least one row",
                   "至少有一行的表格", zh=zh)
    return data


def check_unique(data: pd.DataFrame, column: str, name: str, *, zh: str | None = None) -> None:
    """Raise if ``data[column]`` has duplicated values.

    Examples
    --------
    >>> import pandas as pd
    >>> check_unique(pd.DataFrame({"id": [1, 1]}), "id", "data", zh="数据")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: data must be a table with one row per 'id'; got 'id' 1 appears 2 times (数据 data 应为每个 'id' 只有一行的表格，实际为 'id' 1 appears 2 times)
    """
    counts = data[column].value_counts()
    dup = counts[counts > 1]
    if len(dup):
        first = dup.index[0]
        first = first.item() if hasattr(first, "item") else first
        shown = f"{column!r} {first!r} appears {int(dup.iloc[0])} times"
        raise InputError(
            f"{name} must be a table with one row per {column!r}; got {shown} "
            f"({_label(name, zh)} 应为每个 {column!r} 只有一行的表格，实际为 {shown})"
        )


def check_bool(value, name: str, *, zh: str | None = None) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (NumPy booleans too), else raise.

    Options such as ``correction=`` are switches: ``"no"`` or ``1`` would be read
    as true by Python's truth rules, so they are refused.

    Examples
    --------
    >>> check_bool(False, "correction", zh="小样本修正")
    False
    >>> check_bool("no", "correction", zh="小样本修正")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: correction must be True or False; got 'no' (小样本修正 correction 应为 True 或 False，实际为 'no')
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise fail(name, value, "True or False", "True 或 False", zh=zh, kind=InputTypeError)


def check_column(value, name: str, *, zh: str | None = None):
    """Return ``value`` if it can name one column (a string or an int), else raise.

    Examples
    --------
    >>> check_column("sales", "value_col", zh="数值列")
    'sales'
    >>> check_column(["sales"], "value_col", zh="数值列")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: value_col must be one column name (a string); got ['sales'] (数值列 value_col 应为一个列名（字符串），实际为 ['sales'])
    """
    if isinstance(value, str) or (isinstance(value, numbers.Integral) and not isinstance(value, bool)):
        return value
    raise fail(name, value, "one column name (a string)", "一个列名（字符串）", zh=zh,
               kind=InputTypeError)


def check_finite_result(result, what: str, what_zh: str, *, arguments: Sequence[str]):
    """Raise if a computed ``result`` (a number or array) overflowed to inf or NaN.

    ``arguments`` names the arguments of the calling function whose size drove the
    overflow, so the message advises changing only arguments the function has.

    Examples
    --------
    >>> check_finite_result(1e308 * 10, "the CLV", "终生价值", arguments=("margin",))
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: margin must be small enough for the CLV to be a finite number; got values whose CLV overflows (margin 应为使终生价值保持有限的数值，实际为 values whose CLV overflows)
    """
    try:
        arr = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise fail("result", result, "a number or an array of numbers", "数值或数值数组",
                   kind=InputTypeError) from None
    if np.isfinite(arr).all():
        return result
    names = ", ".join(arguments)
    raise fail(names, described(f"values whose {what.removeprefix('the ')} overflows"),
               f"small enough for {what} to be a finite number",
               f"使{what_zh}保持有限的数值")
