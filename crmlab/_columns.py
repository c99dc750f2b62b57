"""Private checks of table columns shared by :mod:`crmlab.segments`, :mod:`crmlab.accounts` and :mod:`crmlab.churn`.

Not part of the public API.  Every helper raises :class:`crmlab.validation.InputError`
or :class:`~crmlab.validation.InputTypeError` naming the argument (``orders['sales']``),
the bad value and what is expected, in English and Chinese.
"""
from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from .validation import (InputTypeError, check_array, check_column, check_frame, check_unique,
                         described, fail)

__all__: list[str] = []


def flat_frame(data, name: str, columns=(), *, zh: str | None = None,
               allow_empty: bool = False) -> pd.DataFrame:
    """:func:`crmlab.validation.check_frame`, refusing MultiIndex (several-level) columns first."""
    if isinstance(data, pd.DataFrame) and isinstance(data.columns, pd.MultiIndex):
        raise fail(name, described(f"DataFrame with {data.columns.nlevels}-level (MultiIndex) "
                                   "column names"),
                   "a DataFrame with one level of column names (flatten them first)",
                   "只有一层列名的表格（请先展平列名）", zh=zh)
    return check_frame(data, name, columns, zh=zh, allow_empty=allow_empty)


def columns(frame, name: str, zh: str | None, **cols) -> pd.DataFrame:
    """Check each ``*_col`` argument names one column, then that ``frame`` has them all."""
    for arg, value in cols.items():
        check_column(value, arg, zh="列名")
    return flat_frame(frame, name, list(cols.values()), zh=zh)


def refuse_reserved(reserved, **cols) -> None:
    """Refuse a ``*_col`` argument that names one of the columns the result adds."""
    for arg, value in cols.items():
        check_column(value, arg, zh="列名")
        if value in reserved:
            listed = ", ".join(reserved)
            raise fail(arg, value, f"a name other than the result's own columns ({listed})",
                       f"不同于结果自有列名（{'、'.join(reserved)}）的列名", zh="列名")


def numeric_column(frame: pd.DataFrame, column: str, name: str, zh: str | None, *,
                   label: str | None = None, allow_missing: bool = False) -> np.ndarray:
    """The column as a float array; refuse text, booleans, complex numbers and missing values.

    ``label`` is how the message names the column (default ``name[column]``);
    ``allow_missing`` keeps NaN (missing) but still refuses inf."""
    s = frame[column]
    label = f"{name}[{column!r}]" if label is None else label
    if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s) or \
            getattr(s.dtype, "kind", "O") not in "iuf":
        raise fail(label, described(f"column of dtype {s.dtype}"), "a numeric column of real numbers",
                   "实数数值列", zh=zh, kind=InputTypeError)
    arr = s.to_numpy(dtype=float, na_value=np.nan)
    bad = np.isinf(arr) if allow_missing else ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise fail(label, described(f"{float(arr[i])!r} in row {i}"), "finite numbers (no missing values)",
                   "有限数值（不能有缺失值）", zh=zh)
    return arr


def check_nonnegative(arr: np.ndarray, label: str, zh: str | None) -> None:
    neg = arr < 0
    if neg.any():
        i = int(np.flatnonzero(neg)[0])
        raise fail(label, described(f"{float(arr[i])!r} in row {i}"), "numbers >= 0", "非负数值", zh=zh)


_UNHASHABLE = (list, dict, set, tuple, np.ndarray, pd.Series, pd.DataFrame)


def check_ids(frame: pd.DataFrame, col: str, name: str, zh: str | None, *,
              unique: bool = False, label: str | None = None) -> None:
    """Ids must be present, scalar (no lists) and of one kind (all text or all numbers).

    ``label`` is how the message names the ids (default ``name[col]``)."""
    s = frame[col]
    named = label is not None
    label = f"{name}[{col!r}]" if label is None else label
    missing = s.isna().to_numpy()
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise fail(label, described(f"a missing value in row {i}"), "ids without gaps",
                   "不含缺失值的编号", zh=zh)
    if s.dtype == object:
        values = s.to_numpy()
        kinds = set()
        for i, v in enumerate(values):
            if isinstance(v, _UNHASHABLE):
                raise fail(label, described(f"{type(v).__name__} {v!r} in row {i}"),
                           "one id (a string or a number) per row", "每行一个编号（字符串或数字）",
                           zh=zh, kind=InputTypeError)
            kinds.add("text" if isinstance(v, str) else
                      "number" if isinstance(v, numbers.Number) else type(v).__name__)
        if len(kinds) > 1:
            raise fail(label, described(f"ids of mixed kinds ({', '.join(sorted(kinds))})"),
                       "ids of one kind: all text or all numbers", "同一类型的编号（全部文字或全部数字）",
                       zh=zh, kind=InputTypeError)
    if unique and named:
        dup = s[s.duplicated()]
        if len(dup):
            first = dup.iloc[0]
            first = first.item() if hasattr(first, "item") else first
            raise fail(label, described(f"{first!r} {int((s == first).sum())} times"),
                       "ids that appear once each", "互不重复的编号", zh=zh)
    elif unique:
        check_unique(frame, col, name, zh=zh)


def id_value_frame(data, value_col: str, id_col: str, *, name: str = "data",
                   zh: str | None = "数据", nonnegative: bool = True,
                   value_arg: str = "value_col", id_arg: str = "id_col") -> pd.DataFrame:
    """Return a two-column frame (id_col, value_col as float) after all checks."""
    check_column(value_col, value_arg, zh="列名")
    check_column(id_col, id_arg, zh="列名")
    if value_col == id_col:
        raise fail(id_arg, id_col, f"a name other than {value_arg} = {value_col!r}",
                   f"与 {value_arg} = {value_col!r} 不同的列名", zh="列名")
    if isinstance(data, pd.Series):
        data = pd.DataFrame({id_col: data.index.to_numpy(), value_col: data.to_numpy()})
    frame = flat_frame(data, name, [id_col, value_col], zh=zh)
    values = numeric_column(frame, value_col, name, zh)
    if nonnegative:
        check_nonnegative(values, f"{name}[{value_col!r}]", zh)
    check_ids(frame, id_col, name, zh, unique=True)
    return pd.DataFrame({id_col: frame[id_col].to_numpy(), value_col: values})


def real_array(values, name: str, *, zh: str | None = None, nonnegative: bool = False) -> np.ndarray:
    """:func:`crmlab.validation.check_array`, refusing complex numbers (1+5j) first
    instead of dropping their imaginary part."""
    kind = getattr(getattr(values, "dtype", None), "kind", None)
    if kind is None and isinstance(values, (list, tuple)):
        kind = "c" if any(isinstance(v, complex) for v in values) else None
    if kind == "c":
        raise fail(name, described("complex numbers"), "a sequence of real numbers", "一列实数",
                   zh=zh, kind=InputTypeError)
    return check_array(values, name, zh=zh, nonnegative=nonnegative)


def refuse_all_equal(values: np.ndarray, label: str, zh: str | None) -> None:
    if values.size and values.max() == values.min():
        raise fail(label, described(f"all {values.size} values equal to {values[0]:g}"),
                   "values that are not all equal (otherwise the ranking is arbitrary)",
                   "不全相等的数值（否则排名没有意义）", zh=zh)


def rank_desc(frame: pd.DataFrame, value_col: str, id_col: str) -> pd.DataFrame:
    """Sort by value (largest first), then id (smallest first); add ``rank`` 1..n."""
    out = frame.sort_values([value_col, id_col], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


def scaled(values: np.ndarray) -> tuple[np.ndarray, float]:
    """``values / s`` and ``s``, a power of two near the largest absolute value (or 1).

    Sums of the scaled values stay finite for any finite input (shares and Gini are
    scale-free), and dividing by a power of two is exact, so ordinary inputs give
    bit-for-bit the same shares as without scaling."""
    top = float(np.max(np.abs(values))) if values.size else 0.0
    if not top > 0:
        return values, 1.0
    s = float(2.0 ** np.floor(np.log2(top)))
    return values / s, s


_DATE_HELP = ("dates: datetimes, text such as '2024-01-31', or yyyymmdd integers such as 20240131",
              "日期：datetime、'2024-01-31' 这样的文字，或 20240131 这样的 yyyymmdd 整数")
_DATE_RANGE = ("dates between 1677-09-22 and 2262-04-11 (the range of pandas timestamps)",
               "1677-09-22 至 2262-04-11 之间的日期（pandas 时间戳的范围）")


def to_datetimes(values, name: str, zh: str | None) -> pd.Series:
    """Parse dates; integer or float ``yyyymmdd`` numbers (20240131) are read as such,
    never as nanoseconds since 1970.  Returns a tz-naive ``datetime64[ns]`` Series."""
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_bool_dtype(s):
        raise fail(name, described(f"column of dtype {s.dtype}"), *_DATE_HELP, zh=zh,
                   kind=InputTypeError)
    if pd.api.types.is_complex_dtype(s):
        raise fail(name, described(f"column of dtype {s.dtype}"), *_DATE_HELP, zh=zh,
                   kind=InputTypeError)
    if pd.api.types.is_numeric_dtype(s):
        arr = s.to_numpy(dtype=float, na_value=np.nan)
        ok = np.isfinite(arr)
        if not ok.all():
            i = int(np.flatnonzero(~ok)[0])
            raise fail(name, described(f"a missing date in row {i}"), "dates without gaps",
                       "不含缺失值的日期", zh=zh)
        bad = (arr != np.floor(arr)) | (arr < 1000_01_01) | (arr > 9999_12_31)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise fail(name, described(f"the number {arr[i]!r} in row {i}"), *_DATE_HELP, zh=zh,
                       kind=InputTypeError)
        n = arr.astype(np.int64)
        outside = (n < 1677_09_22) | (n > 2262_04_11)
        if outside.any():
            i = int(np.flatnonzero(outside)[0])
            raise fail(name, described(f"the number {int(n[i])} in row {i}"), *_DATE_RANGE, zh=zh)
        parts = pd.DataFrame({"year": n // 10000, "month": n // 100 % 100, "day": n % 100})
        ts = pd.to_datetime(parts, errors="coerce")
        ts.index = s.index
        if ts.isna().any():
            i = int(np.flatnonzero(ts.isna().to_numpy())[0])
            raise fail(name, described(f"the number {int(arr[i])} in row {i} (not a calendar date)"),
                       *_DATE_HELP, zh=zh)
    elif pd.api.types.is_datetime64_any_dtype(s):
        ts = s
    else:
        if s.dtype == object:
            for i, v in enumerate(s.to_numpy()):
                if isinstance(v, _UNHASHABLE) or isinstance(v, (bool, np.bool_)):
                    raise fail(name, described(f"{type(v).__name__} {v!r} in row {i}"),
                               *_DATE_HELP, zh=zh, kind=InputTypeError)
        try:
            ts = pd.to_datetime(s, format="mixed")
        except pd.errors.OutOfBoundsDatetime as err:
            raise fail(name, described(f"a date outside the range ({err})"), *_DATE_RANGE,
                       zh=zh) from None
        except (TypeError, ValueError, OverflowError) as err:
            raise fail(name, described(f"values that are not dates ({err})"), *_DATE_HELP, zh=zh,
                       kind=InputTypeError) from None
    if ts.dt.tz is not None:
        ts = ts.dt.tz_localize(None)
    outside = ((ts < pd.Timestamp.min) | (ts > pd.Timestamp.max)).to_numpy()
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        raise fail(name, described(f"{ts.iloc[i]} in row {i}"), *_DATE_RANGE, zh=zh)
    ts = ts.astype("datetime64[ns]")
    if ts.isna().any():
        i = int(np.flatnonzero(ts.isna().to_numpy())[0])
        raise fail(name, described(f"a missing date in row {i}"), "dates without gaps",
                   "不含缺失值的日期", zh=zh)
    return ts
