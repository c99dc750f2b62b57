"""The maths of the churn case: rates, survival, causes, value, programmes (客户流失的模型).

Pure functions only (no charts, no widgets, no display text); see
:mod:`crmlab.churn` for the conventions every function here follows.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._columns import flat_frame
from ..validation import (CRMLabError, InputTypeError, check_bool, check_choice, check_column,
                          check_finite_result, check_int, check_number, described, fail)

__all__ = [
    "CAUSES",
    "ALL",
    "MONTH_LIMIT",
    "SERVICE_FAILURE_CLAIMS",
    "monthly_discount_rate",
    "monthly_churn",
    "cohort_retention",
    "survival_by_segment",
    "survival_sample",
    "churn_by_cause",
    "segment_clv",
    "revenue_at_risk",
    "complaint_effect",
    "complaint_claims",
    "keep_or_replace",
    "winback_inputs",
    "winback_campaign",
    "winback_by_segment",
    "programme_inputs",
    "all_programme_inputs",
    "programme_in_segment",
    "retention_programme",
    "best_cause_to_attack",
]

#: Label of "all segments together" (全部).
ALL = "全部"

#: Largest month index accepted (in absolute value): 1200 months = 100 years.  Month
#: columns are month numbers of the observation window (1, 2, …; 0 or below before it),
#: so a value such as 20240101 is a date typed into a month column and is refused
#: before it makes a table with millions of empty months.
MONTH_LIMIT = 1200

#: The five churn causes of the case [000]: key, Chinese and English name,
#: whether the company controls the cause (是 yes / 部分 partly / 否 no) and a
#: short description.  The seed names the five causes and gives the examples of
#: four; the controllability column and the description of natural churn (moving
#: away, no longer needing the line; "involuntary switching" in Keaveney 1995,
#: *Journal of Marketing* 59(2), 71–82) are this workbook's (本书补充).
CAUSES = pd.DataFrame(
    [
        ("competitor", "竞争对手挖角", "competitor poaching", "部分",
         "竞争对手争夺优质客户，如联通面向高端用户的一机双卡 CDMA 业务 "
         "(rivals target the best customers, e.g. Unicom's dual-SIM CDMA offer to high-end users; "
         "the company can answer with offers but cannot stop the rival)"),
        ("overbearing", "店大欺客", "overbearing dominant operator", "是",
         "凭借优势地位硬性搭售套餐、收取更高费用 "
         "(forced packages and higher fees from a dominant position)"),
        ("natural", "自然流失", "natural churn", "否",
         "搬迁、号码不再需要等客户自身原因 (the customer moves away or no longer needs the line)"),
        ("integrity", "诚信问题", "integrity problems", "是",
         "未经同意开通业务、计费不透明 (services opened without consent, opaque billing)"),
        ("details", "细节疏忽", "neglected details", "是",
         "基层服务规范未落实，如营业厅引导员服务不规范 "
         "(service standards not carried through to the front desk)"),
    ],
    columns=["key", "name_zh", "name_en", "controllable", "description"],
)

#: The service-failure claims of [000] (对客户服务不好的后果): the id of each figure in
#: the textbook registry (``datasets/textbook_figures.csv``, read with
#: :mod:`crmlab.textbook`) and the claim in Chinese.  They are the textbook's
#: claims from an unnamed study, not measurements of any data set here.
SERVICE_FAILURE_CLAIMS = pd.DataFrame(
    [
        ("ch2_poor_service_drives_away", "服务不好会让 94% 的客户离开"),
        ("ch2_unsolved_problem_drives_away", "客户的问题没有解决，89% 的客户会离开"),
        ("ch2_unhappy_tell_others", "一位不满意的客户平均会把不愉快的经历讲给 9 个亲友听"),
        ("ch2_unhappy_complain", "不满意的用户中有 67% 会投诉"),
        ("ch2_complaint_win_back", "投诉处理得好，可以挽回 75% 的客户"),
        ("ch2_fast_handling_keeps", "投诉处理及时、高效又尽了全力，95% 的客户会继续使用服务"),
    ],
    columns=["figure", "claim_zh"],
)

_CAUSE_NAMES = dict(zip(CAUSES["key"], CAUSES["name_zh"]))
_CAUSE_KEYS = dict(zip(CAUSES["name_zh"], CAUSES["key"]))


# --------------------------------------------------------------------------- helpers
def _cell(series: pd.Series, i: int):
    """Row ``i`` of ``series`` as a plain Python value, for messages."""
    v = series.iloc[i]
    return v.item() if isinstance(v, np.generic) else v


def _choice(value, name: str, options, *, zh: str):
    """:func:`check_choice`, refusing first a value that cannot be one option (a table, a list)."""
    if not (value is None or isinstance(value, (str, int, float, np.generic))) \
            or isinstance(value, bool):
        raise fail(name, type(value).__name__, "one of " + ", ".join(repr(o) for o in options),
                   "、".join(str(o) for o in options) + " 之一", zh=zh, kind=InputTypeError)
    return check_choice(value, name, options, zh=zh)


def _check_subs(subs: pd.DataFrame, **columns) -> pd.DataFrame:
    """Check each ``*_col`` argument names one column, then that ``subs`` holds them all."""
    for arg, col in columns.items():
        check_column(col, arg, zh="列名")
    return flat_frame(subs, "subs", list(columns.values()), zh="用户表")


def _check_options(columns: Mapping, allowed) -> None:
    """Refuse a ``**columns`` keyword the function does not pass on, listing those it does."""
    unknown = sorted(set(columns) - set(allowed))
    if unknown:
        listed = ", ".join(sorted(allowed))
        raise fail(unknown[0], columns[unknown[0]], f"one of the options {listed}",
                   f"可用选项 {listed} 之一", zh="选项", kind=InputTypeError)


def _keywords(func, *exclude: str) -> tuple[str, ...]:
    """The keyword-only arguments of ``func`` (what its callers may pass on as ``**columns``)."""
    import inspect

    return tuple(n for n, p in inspect.signature(func).parameters.items()
                 if p.kind is p.KEYWORD_ONLY and n not in exclude)


def _money(subs: pd.DataFrame, col: str, zh: str) -> np.ndarray:
    """A money column (CNY) as finite floats; refuse text, booleans, complex numbers,
    durations and numbers too large for a float, naming the column."""
    s = subs[col]
    arr = _floats(s, col, zh, real=("real numbers (CNY per month)", "实数（元/月）"))
    if not np.isfinite(arr).all():
        i = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise fail(col, described(f"{_cell(s, i)!r} in row {i}"),
                   "finite numbers (CNY per month), no missing values", "有限数值（元/月），不能缺失",
                   zh=zh)
    return arr


_REAL_OBJECTS = ("integer", "floating", "mixed-integer-float", "decimal", "empty")


def _floats(s: pd.Series, name: str, zh: str,
            expected: tuple[str, str] = ("numbers within the range of floats (|x| < 1.8e308)",
                                         "浮点数范围内的数值（|x| < 1.8e308）"), *,
            real: tuple[str, str] = ("real numbers", "实数")) -> np.ndarray:
    """``s`` as floats (NaN = missing).  Text, booleans, complex numbers, dates and durations
    are refused (``real``: what is expected instead), and so is a whole number too large
    for a float (``expected``)."""
    if s.dtype == object:
        what = pd.api.types.infer_dtype(s, skipna=True)
        ok = what in _REAL_OBJECTS
    else:
        what = s.dtype
        ok = getattr(s.dtype, "kind", "O") in "iuf" and not pd.api.types.is_bool_dtype(s)
    if not ok:
        raise fail(name, described(f"a column of {what} values"), *real, zh=zh,
                   kind=InputTypeError)
    try:
        return np.asarray(pd.to_numeric(s.astype(object).where(s.notna(), np.nan)), dtype=float)
    except OverflowError:
        big = [i for i, v in enumerate(s.to_numpy(dtype=object))      # only on the error path
               if isinstance(v, numbers.Integral) and abs(v) > 1e300]
        i = big[0] if big else 0
        digits = int(abs(int(s.iloc[i])).bit_length() * math.log10(2)) + 1 if big else 0
        raise fail(name, described(f"a whole number of about {digits} digits in row {i}"
                                   if big else "a number too large for a float"),
                   *expected, zh=zh) from None


_MONTH_RANGE = (f"a month index between -{MONTH_LIMIT} and {MONTH_LIMIT} (months counted from "
                "the start of the observation window, not a date such as 20240101)",
                f"-{MONTH_LIMIT} 到 {MONTH_LIMIT} 之间的月份序号（从观察期开始数的月份，"
                "不是 20240101 这样的日期）")


def _month_array(series: pd.Series, name: str, *, allow_missing: bool) -> np.ndarray:
    """A month column as float (NaN = missing), refusing text and fractions."""
    try:
        arr = _floats(series, name, "月份列", _MONTH_RANGE,
                      real=("whole month numbers", "整数月份"))
    except CRMLabError:
        raise
    except (TypeError, ValueError):
        raise fail(name, series.head(3).tolist(), "whole month numbers", "整数月份",
                   zh="月份列", kind=InputTypeError) from None
    bad = np.isinf(arr) | (np.isfinite(arr) & (arr != np.round(arr)))
    if not allow_missing:
        bad |= np.isnan(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        expected = "whole month numbers" + ("" if allow_missing else " without missing values")
        expected_zh = "整数月份" + ("" if allow_missing else "（不能缺失）")
        raise fail(name, f"{_cell(series, i)!r} in row {i}", expected, expected_zh, zh="月份列")
    far = np.abs(np.where(np.isnan(arr), 0.0, arr)) > MONTH_LIMIT
    if far.any():
        i = int(np.flatnonzero(far)[0])
        raise fail(name, f"{_cell(series, i)!r} in row {i}", *_MONTH_RANGE, zh="月份列")
    return arr


def _months(subs: pd.DataFrame, join_col: str, churn_col: str):
    join = _month_array(subs[join_col], join_col, allow_missing=False)
    churn = _month_array(subs[churn_col], churn_col, allow_missing=True)
    early = churn <= join
    if early.any():
        i = int(np.flatnonzero(early)[0])
        raise fail(churn_col, f"churn month {churn[i]:g} <= join month {join[i]:g} in row {i}",
                   f"a month later than {join_col!r} (or missing while still a subscriber)",
                   f"晚于 {join_col!r} 的月份（仍在网则留空）", zh="流失月份")
    return join, churn


def _window(join, churn, start, end):
    start = check_int(start, "start", zh="观察期起始月", low=-MONTH_LIMIT, high=MONTH_LIMIT)
    if end is None:
        seen = np.concatenate([join, churn[~np.isnan(churn)]])
        end = int(seen.max())
    end = check_int(end, "end", zh="观察期结束月", low=-MONTH_LIMIT, high=MONTH_LIMIT)
    if end < start:
        raise fail("end", end, f"a month >= start ({start})", f"不早于起始月 {start} 的月份",
                   zh="观察期结束月")
    return start, end


_UNHASHABLE = (list, dict, set, tuple, np.ndarray, pd.Series, pd.DataFrame)


def _first_unhashable(s: pd.Series) -> int | None:
    """Row of the first list, dict, set, tuple or array in an object column (None if none)."""
    if s.dtype != object:
        return None
    bad = s.map(lambda v: isinstance(v, _UNHASHABLE)).to_numpy(dtype=bool)
    return int(np.flatnonzero(bad)[0]) if bad.any() else None


def _labels(subs: pd.DataFrame, col: str, *, segments: bool = False) -> np.ndarray:
    """The labels of ``col`` as text; refuse missing labels and lists or dicts.

    ``segments``: the labels are segments, shown beside the whole base (全部), so a
    segment named 全部 is refused."""
    s = subs[col]
    if s.isna().any():
        i = int(np.flatnonzero(s.isna().to_numpy())[0])
        raise fail(col, f"a missing value in row {i}", "a label for every subscriber",
                   "每位用户都有的标签", zh="分组列")
    i = _first_unhashable(s)
    if i is not None:
        v = s.iloc[i]
        raise fail(col, described(f"{type(v).__name__} {v!r} in row {i}"),
                   "one label (text or a number) per subscriber", "每位用户一个标签（文字或数字）",
                   zh="分组列", kind=InputTypeError)
    labels = s.astype(str).to_numpy()
    if s.dtype == object and s.nunique() != len(set(labels)):
        # 1 and "1" would merge into one group, 1 and 1.0 split into two
        kinds = ", ".join(sorted({type(v).__name__ for v in s.unique()}))   # a few labels
        raise fail(col, described(f"mixed labels ({kinds}) that clash as text"),
                   "labels of one kind, all text or all numbers (1 and '1', or 1 and 1.0, "
                   "would be one group or two)",
                   "同一类型的标签：全部文字或全部数字（1 与 '1'、1 与 1.0 无法区分）", zh="分组列",
                   kind=InputTypeError)
    if segments and (labels == ALL).any():
        i = int(np.flatnonzero(labels == ALL)[0])
        raise fail(col, described(f"{ALL!r} in row {i}"),
                   f"segment names other than {ALL!r}, the label of all subscribers together",
                   f"{ALL!r} 以外的客户群名称（{ALL!r} 是全部用户合计的标签）", zh="分组列")
    return labels


def _group_order(subs: pd.DataFrame, col: str, *, segments: bool = False) -> list[str]:
    _labels(subs, col, segments=segments)   # refuses missing, list and (segments) 全部 labels
    s = subs[col]
    if isinstance(s.dtype, pd.CategoricalDtype):
        present = set(s.astype(str))
        return [str(c) for c in s.cat.categories if str(c) in present]
    return sorted(set(s.astype(str)))


def _cause_key(cause, name: str = "cause") -> str:
    options = list(CAUSES["key"]) + list(CAUSES["name_zh"])
    _choice(cause, name, options, zh="流失原因")
    return cause if cause in _CAUSE_NAMES else _CAUSE_KEYS[cause]


def _cause_keys(values: np.ndarray, col: str) -> np.ndarray:
    """Map cause labels (Chinese names or keys) to keys, vectorised; refuse unknown or missing."""
    lookup = {**{k: k for k in CAUSES["key"]}, **_CAUSE_KEYS}
    s = pd.Series(values, dtype=object)
    if s.isna().any():
        raise fail(col, "a churner without a cause", "a cause for every churner",
                   "每位流失用户都有流失原因", zh="流失原因列")
    i = _first_unhashable(s)
    if i is not None:
        listed = ", ".join(repr(c) for c in CAUSES["name_zh"])
        raise fail(col, described(f"{type(s.iloc[i]).__name__} {s.iloc[i]!r}"),
                   f"one cause per churner: one of {listed}", f"每位流失用户一个原因：{listed} 之一",
                   zh="流失原因列", kind=InputTypeError)
    keys = s.map(lookup)
    if keys.isna().any():
        listed = ", ".join(repr(c) for c in CAUSES["name_zh"])
        raise fail(col, s[keys.isna()].iloc[0], f"one of {listed}", f"{listed} 之一",
                   zh="流失原因列")
    return keys.to_numpy(dtype=object)


def _exposure(join, churn, lo, hi):
    """Subscriber-months at risk in months lo..hi, and whether each churned in lo..hi."""
    first = np.maximum(lo, join + 1)
    last = np.where(np.isnan(churn), hi, np.minimum(hi, churn))
    months = np.maximum(0.0, last - first + 1)
    event = ~np.isnan(churn) & (churn >= lo) & (churn <= hi)
    return months, event


def monthly_discount_rate(discount_rate: float) -> float:
    """Monthly discount rate from an annual one (月折现率): ``(1 + D)^(1/12) − 1``.

    Examples
    --------
    >>> round(monthly_discount_rate(0.12), 6)
    0.009489
    """
    d = check_number(discount_rate, "discount_rate", zh="年折现率", low=0, high=1)
    return (1.0 + d) ** (1.0 / 12.0) - 1.0


# --------------------------------------------------------------------------- rates
def monthly_churn(subs: pd.DataFrame, *, by: str | None = None, join_col: str = "join_month",
                  churn_col: str = "churn_month", start: int = 1,
                  end: int | None = None) -> pd.DataFrame:
    """Monthly churn: active at the start of each month, churned, churn rate (月流失率).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    by : str, optional
        A column to split by (e.g. ``"segment"``); ``None`` for the whole base.
    join_col, churn_col : str
        Join month and churn month columns (see the module conventions).
    start, end : int
        The observation window; ``end=None`` is the last month in the data.

    Returns
    -------
    DataFrame
        Columns ``[by,] month, active_start, joined, churned, churn_rate`` with
        ``churn_rate = churned / active_start`` (NaN in a month where nobody in
        the group was active).

    Notes
    -----
    月流失率 = 当月流失人数 / 月初在网人数.  ``active_start(t) = #(join < t) −
    #(churn < t)``, counted with cumulative sums (no loop over subscribers).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"join_month": [0, 0, 0, 0, 1],
    ...                      "churn_month": [1, None, 2, None, 3]})
    >>> monthly_churn(subs)[["month", "active_start", "churned", "churn_rate"]]
       month  active_start  churned  churn_rate
    0      1             4        1    0.250000
    1      2             4        1    0.250000
    2      3             3        1    0.333333
    """
    _check_subs(subs, join_col=join_col, churn_col=churn_col,
                **({"by": by} if by is not None else {}))
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    groups = _group_order(subs, by) if by is not None else [ALL]
    labels = _labels(subs, by) if by is not None else np.full(len(subs), ALL)
    code = pd.Categorical(labels, categories=groups).codes
    n_bins = end - start + 2                       # bin 0 = start-1 and earlier
    jb = np.clip(join - (start - 1), 0, None).astype(int)
    keep_j = jb < n_bins
    cb = np.where(np.isnan(churn), n_bins, np.clip(churn - (start - 1), 0, None)).astype(int)
    keep_c = cb < n_bins
    joins = np.zeros((len(groups), n_bins))
    churns = np.zeros((len(groups), n_bins))
    np.add.at(joins, (code[keep_j], jb[keep_j]), 1)
    np.add.at(churns, (code[keep_c], cb[keep_c]), 1)
    active = np.cumsum(joins, axis=1)[:, :-1] - np.cumsum(churns, axis=1)[:, :-1]
    months = np.arange(start, end + 1)
    churned = churns[:, 1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(active > 0, churned / np.where(active > 0, active, 1), np.nan)
    out = pd.DataFrame({
        "month": np.tile(months, len(groups)),
        "active_start": active.ravel().astype(np.int64),
        "joined": joins[:, 1:].ravel().astype(np.int64),
        "churned": churned.ravel().astype(np.int64),
        "churn_rate": rate.ravel(),
    })
    if by is not None:
        out.insert(0, by, np.repeat(groups, len(months)))
    return out


def cohort_retention(subs: pd.DataFrame, *, join_col: str = "join_month",
                     churn_col: str = "churn_month", start: int = 1, end: int | None = None,
                     as_counts: bool = False) -> pd.DataFrame:
    """Retention matrix by join cohort × months since joining (按入网月份的同期群留存).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    join_col, churn_col : str
        Join month and churn month columns.
    start, end : int
        Cohorts are the join months ``start … end``; retention is observed up
        to the end of month ``end``.
    as_counts : bool
        Return subscriber counts instead of shares.

    Returns
    -------
    DataFrame
        Index ``join_month`` (cohorts that have members), columns
        ``months_since_join`` 0, 1, …; cell (j, k) is the share of the cohort
        still a subscriber at the end of month ``j + k``.  Column 0 is 1.0 (no
        one leaves in the month they join).  Cells after ``end`` are NaN: not
        yet observed.

    Notes
    -----
    留存率(j, k) = 第 j 月入网且第 j+k 月末仍在网的人数 / 第 j 月入网人数.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"join_month": [1, 1, 1, 1, 2, 2],
    ...                      "churn_month": [2, None, 3, None, None, 3]})
    >>> cohort_retention(subs)
    months_since_join    0     1    2
    join_month
    1                  1.0  0.75  0.5
    2                  1.0  0.50  NaN
    """
    _check_subs(subs, join_col=join_col, churn_col=churn_col)
    counts = check_bool(as_counts, "as_counts", zh="返回人数")
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    keep = (join >= start) & (join <= end)
    if not keep.any():
        raise fail("subs", f"no subscriber joined in months {start}..{end}",
                   "at least one subscriber who joined in the window",
                   "观察期内至少有一位新入网用户", zh="用户表")
    j = join[keep].astype(int)
    life = np.where(np.isnan(churn[keep]), np.inf, churn[keep] - join[keep])
    ages = end - start + 1
    cohorts = np.unique(j)
    row = np.searchsorted(cohorts, j)
    # leavers by age of leaving (1..ages); stayers never leave inside the window
    left = np.zeros((len(cohorts), ages + 1))
    finite = np.isfinite(life) & (life <= ages)
    np.add.at(left, (row[finite], life[finite].astype(int)), 1)
    size = np.bincount(row, minlength=len(cohorts)).astype(float)
    kept = size[:, None] - np.cumsum(left, axis=1)[:, :ages]
    observed = (cohorts[:, None] + np.arange(ages)[None, :]) <= end
    values = kept if counts else kept / size[:, None]
    values = np.where(observed, values, np.nan)
    last_age = int((end - cohorts.min()))
    out = pd.DataFrame(values[:, :last_age + 1],
                       index=pd.Index(cohorts, name="join_month"),
                       columns=pd.Index(np.arange(last_age + 1), name="months_since_join"))
    return out


def _km_curve(duration, event, entry, timeline, z):
    """Kaplan–Meier survival on an integer timeline, and its 95% log(−log) interval.

    Vectorised with counts per month (no loop over subscribers or months):
    at risk at tenure t are those with ``entry < t <= duration``.
    """
    size = timeline.size + 1
    dur = duration.astype(np.int64)
    starts = np.bincount(entry.astype(np.int64) + 1, minlength=size)[:size]
    ends = np.bincount(dur + 1, minlength=size)[:size]
    at_risk = (np.cumsum(starts) - np.cumsum(ends))[:timeline.size].astype(float)
    deaths = np.bincount(dur[event], minlength=timeline.size)[:timeline.size].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(at_risk > 0, 1.0 - deaths / np.where(at_risk > 0, at_risk, 1.0), 1.0)
        surv = np.cumprod(step)
        # Greenwood: Var(S) = S^2 Σ c / (n (n − c)); infinite once S reaches 0
        term = np.where(deaths > 0, deaths / (at_risk * (at_risk - deaths)), 0.0)
        se = surv * np.sqrt(np.cumsum(term))
    # log(-log) ("exponential Greenwood") interval: Greenwood's variance of log S is
    # (se / S)^2; the delta method gives sd(log(-log S)) = se / (S |log S|).
    inner = (surv > 0) & (surv < 1) & np.isfinite(se)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.log(-np.log(np.where(inner, surv, 0.5)))
        sd = np.where(inner, se, 0.0) / (np.where(inner, surv, 0.5)
                                        * np.abs(np.log(np.where(inner, surv, 0.5))))
    lower = np.where(inner, np.exp(-np.exp(c + z * sd)), surv)
    upper = np.where(inner, np.exp(-np.exp(c - z * sd)), surv)
    return surv, lower, upper


def survival_by_segment(subs: pd.DataFrame, *, segment_col: str = "segment",
                        join_col: str = "join_month", churn_col: str = "churn_month",
                        start: int = 1, end: int | None = None):
    """Kaplan–Meier survival of subscriptions by segment (分群生存曲线, Kaplan–Meier 估计).

    Computed with counts per month (vectorised; the tests check it against
    ``statsmodels.duration.survfunc.SurvfuncRight`` and lifelines' fit).  Time is tenure in
    months since joining (在网月数); the event is leaving.  Subscribers still
    active at the end of month ``end`` (including those who leave later) are
    right-censored (右删失) at ``end − join``, so the curve stops at the longest
    tenure the window can see, ``end − min(join)``.  Subscribers who joined before the window are
    left-truncated (左截断): they enter the risk set after their tenure when the
    window opened, ``(start − 1) − join`` (statsmodels' ``entry``: at risk only
    at tenures strictly greater than it), because the window cannot see the
    customers who left before it opened.  Subscribers who left before
    ``start`` or joined in month ``end`` or later are not used.

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    segment_col, join_col, churn_col : str
        Segment, join month and churn month columns.
    start, end : int
        The observation window (``end=None``: last month in the data).

    Returns
    -------
    curves : DataFrame
        Tidy: ``segment, tenure_months, survival, ci_lower, ci_upper`` (95%
        pointwise interval), one row per segment and month from 0 to the
        longest observed tenure; segment ``"全部"`` is the whole base.
    medians : DataFrame
        ``segment, subscribers, churners, median_lifetime_months``: the tenure
        at which survival first falls to 0.5 or below (中位生命周期).  ``inf``
        means survival stays above 0.5 over the observed tenures.

    Notes
    -----
    生存率 ``S(t) = Π_{t_i ≤ t} (1 − c_i / n_i)``: ``c_i`` subscribers leave
    (churners, 流失人数) in tenure month ``t_i`` (在网月数) out of the ``n_i`` at
    risk at its start (处于风险中的人数: still subscribed and already in the
    window).  The letter ``c`` keeps ``d`` free for the discount rate of the CLV
    formulas.  The 95%
    interval is the log(−log) ("exponential Greenwood") interval, the default
    of lifelines and of R's ``survival`` with ``conf.type = "log-log"``:
    ``exp(−exp(log(−log S) ± 1.96 σ))`` with ``σ = se / (S |log S|)`` and ``se``
    Greenwood's standard error of S, ``se² = S² Σ_{t_i ≤ t} c_i / (n_i (n_i − c_i))``.  It stays
    inside [0, 1]; where S is 1 (before the first departure) or 0 the interval
    is the point itself.  The curve agrees with lifelines' ``KaplanMeierFitter``
    (same ``entry``) to rounding error (tested against a fixture).

    References
    ----------
    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete
    observations. *JASA* 53(282), 457–481.  Kalbfleisch, J. D., & Prentice,
    R. L. (2002). *The Statistical Analysis of Failure Time Data*, 2nd ed.,
    Wiley, §1.4 (the log(−log) interval).  Seabold, S., & Perktold, J. (2010).
    statsmodels: econometric and statistical modeling with Python. *Proc. 9th
    Python in Science Conf.*, 92–96.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 5, "join_month": [0] * 5,
    ...                      "churn_month": [1, None, 3, 4, None]})
    >>> curves, medians = survival_by_segment(subs, end=5)
    >>> curves.loc[curves["segment"] == "A", "survival"].round(4).tolist()
    [1.0, 0.8, 0.8, 0.6, 0.4, 0.4]
    >>> float(medians.set_index("segment").loc["A", "median_lifetime_months"])
    4.0

    Leaving after ``end`` is censored at ``end``:

    >>> late = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [None, None, None, 2]})
    >>> curves, _ = survival_by_segment(late, start=0, end=1)
    >>> curves.loc[curves["segment"] == "A", "survival"].tolist()
    [1.0, 1.0]
    """
    _check_subs(subs, segment_col=segment_col, join_col=join_col, churn_col=churn_col)
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    labels = _labels(subs, segment_col, segments=True)
    use = (join < end) & (np.isnan(churn) | (churn >= start))
    if not use.any():
        raise fail("subs", f"no subscriber at risk in months {start}..{end}",
                   "subscribers at risk in the window", "观察期内有在网用户", zh="用户表")
    # leaving after ``end`` is not seen in the window: censored at ``end``
    event = ~np.isnan(churn[use]) & (churn[use] <= end)
    duration = np.where(event, churn[use], end) - join[use]
    entry = np.maximum(0.0, (start - 1) - join[use])
    lab = labels[use]
    timeline = np.arange(0, int(duration.max()) + 1)
    z = 1.959963984540054                      # 97.5% point of the standard normal
    groups = [g for g in _group_order(subs, segment_col) if (lab == g).any()] + [ALL]
    curve_parts, median_rows = [], []
    for g in groups:          # a handful of segments, not subscribers
        m = np.ones(lab.size, bool) if g == ALL else lab == g
        surv, lower, upper = _km_curve(duration[m], event[m], entry[m], timeline, z)
        curve_parts.append(pd.DataFrame({
            "segment": g, "tenure_months": timeline, "survival": surv,
            "ci_lower": lower, "ci_upper": upper}))
        below = np.flatnonzero(surv <= 0.5)
        median = float(timeline[below[0]]) if below.size else math.inf
        median_rows.append((g, int(m.sum()), int(event[m].sum()), median))
    curves = pd.concat(curve_parts, ignore_index=True)
    medians = pd.DataFrame(median_rows, columns=["segment", "subscribers", "churners",
                                                 "median_lifetime_months"])
    return curves, medians


def survival_sample(subs: pd.DataFrame, *, join_col: str = "join_month",
                    churn_col: str = "churn_month", start: int = 1,
                    end: int | None = None) -> dict:
    """Who the survival curves of :func:`survival_by_segment` use, and who they leave out (样本说明).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    join_col, churn_col : str
        Join month and churn month columns.
    start, end : int
        The observation window, as for :func:`survival_by_segment`.

    Returns
    -------
    dict
        ``subscribers`` (rows of ``subs``), ``used`` (at risk in the window),
        ``joined_last_month`` (joined in month ``end`` or later: not yet at risk of
        leaving, so not in the curves), ``left_before_start`` (left before the
        window opened), ``churners`` (leaving in the window, the events),
        ``censored`` (used and still there at the end of ``end``) and
        ``longest_tenure`` (the last month of the curves, ``end − min(join)``).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"join_month": [0, 0, 0, 3], "churn_month": [1, None, 4, None]})
    >>> survival_sample(subs, end=3)
    {'subscribers': 4, 'used': 3, 'joined_last_month': 1, 'left_before_start': 0, 'churners': 1, 'censored': 2, 'longest_tenure': 3}
    """
    _check_subs(subs, join_col=join_col, churn_col=churn_col)
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    gone = ~np.isnan(churn) & (churn < start)
    late = (join >= end) & ~gone
    use = ~gone & ~late
    event = use & ~np.isnan(churn) & (churn <= end)
    return {"subscribers": int(join.size), "used": int(use.sum()),
            "joined_last_month": int(late.sum()), "left_before_start": int(gone.sum()),
            "churners": int(event.sum()), "censored": int((use & ~event).sum()),
            "longest_tenure": int(end - join[use].min()) if use.any() else 0}


# --------------------------------------------------------------------------- causes
def churn_by_cause(subs: pd.DataFrame, *, segment_col: str = "segment",
                   cause_col: str = "churn_cause", churn_col: str = "churn_month",
                   join_col: str = "join_month", start: int = 1,
                   end: int | None = None) -> pd.DataFrame:
    """Churners by cause × segment, with shares and controllability (流失原因结构).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber; ``cause_col`` holds a cause of :data:`CAUSES`
        (Chinese name or key) for every churner; its value for subscribers
        who stayed is ignored (the data set writes 未流失).
    segment_col, cause_col, churn_col, join_col : str
        Column names.
    start, end : int
        Only churners who left in months ``start … end`` are counted.

    Returns
    -------
    DataFrame
        One row per segment (then ``"全部"``) × cause, in :data:`CAUSES` order:
        ``segment, cause, cause_key, churners, share`` (share of the segment's
        churners), ``share_of_cause`` (share of this cause's churners who are
        in the segment) and ``controllable`` (是 / 部分 / 否).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["高端", "高端", "高端", "大众", "大众"],
    ...                      "join_month": [0] * 5,
    ...                      "churn_month": [1, 2, None, 1, 3],
    ...                      "churn_cause": ["竞争对手挖角", "竞争对手挖角", None, "自然流失",
    ...                                      "店大欺客"]})
    >>> t = churn_by_cause(subs)
    >>> t[t["churners"] > 0][["segment", "cause", "churners", "share"]]
       segment    cause  churners  share
    1       大众      店大欺客         1   0.50
    2       大众      自然流失         1   0.50
    5       高端   竞争对手挖角         2   1.00
    10      全部   竞争对手挖角         2   0.50
    11      全部      店大欺客         1   0.25
    12      全部      自然流失         1   0.25
    """
    _check_subs(subs, segment_col=segment_col, cause_col=cause_col, churn_col=churn_col, join_col=join_col)
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    labels = _labels(subs, segment_col, segments=True)
    left = ~np.isnan(churn) & (churn >= start) & (churn <= end)
    keys = _cause_keys(subs[cause_col].to_numpy(dtype=object)[left], cause_col)
    segments = _group_order(subs, segment_col) + [ALL]
    cause_keys = list(CAUSES["key"])
    table = pd.crosstab(pd.Categorical(labels[left], categories=segments[:-1]),
                        pd.Categorical(keys, categories=cause_keys), dropna=False)
    counts = np.vstack([table.to_numpy(), table.to_numpy().sum(axis=0)])
    seg_tot = counts.sum(axis=1, keepdims=True)
    cause_tot = counts[-1:, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(seg_tot > 0, counts / np.where(seg_tot > 0, seg_tot, 1), 0.0)
        share_c = np.where(cause_tot > 0, counts / np.where(cause_tot > 0, cause_tot, 1), 0.0)
    ctrl = dict(zip(CAUSES["key"], CAUSES["controllable"]))
    return pd.DataFrame({
        "segment": np.repeat(segments, len(cause_keys)),
        "cause": np.tile([_CAUSE_NAMES[k] for k in cause_keys], len(segments)),
        "cause_key": np.tile(cause_keys, len(segments)),
        "churners": counts.ravel().astype(np.int64),
        "share": share.ravel(),
        "share_of_cause": share_c.ravel(),
        "controllable": np.tile([ctrl[k] for k in cause_keys], len(segments)),
    })


# --------------------------------------------------------------------------- value
def _rates(subs, segment_col, margin_col, join_col, churn_col, cause_col, start, end,
           recent_months):
    """Per segment (and 全部): subscribers now, exposure, churners by cause, mean margin."""
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    recent = check_int(recent_months, "recent_months", zh="估计流失率所用月数", low=1)
    lo = max(start, end - recent + 1)
    months, event = _exposure(join, churn, lo, end)
    labels = _labels(subs, segment_col, segments=True)
    margin = _money(subs, margin_col, "月毛利列")
    active_end = (join < end + 1) & (np.isnan(churn) | (churn > end))
    segments = _group_order(subs, segment_col)
    if cause_col is not None:
        keys = _cause_keys(subs[cause_col].to_numpy(dtype=object)[event], cause_col)
    rows = []
    for g in segments + [ALL]:          # a handful of segments
        m = np.ones(labels.size, bool) if g == ALL else labels == g
        expo = months[m].sum()
        with np.errstate(over="ignore", invalid="ignore"):   # overflow is refused below
            weighted = float((margin[m] * months[m]).sum() / expo) if expo > 0 else math.nan
        row = {"segment": g, "subscribers": int(active_end[m].sum()),
               "subscriber_months": float(expo), "churners": int(event[m].sum()),
               "margin": weighted}
        check_finite_result(row["margin"] if expo > 0 else 0.0, "the mean margin", "平均月毛利",
                            arguments=(margin_col,))
        if cause_col is not None:
            seg_ev = m[event]
            for k in CAUSES["key"]:
                row[f"churners_{k}"] = int((keys[seg_ev] == k).sum())
        rows.append(row)
    out = pd.DataFrame(rows)
    empty = out["subscriber_months"] <= 0
    if empty.any():
        g = out.loc[empty, "segment"].iloc[0]
        raise fail("subs", f"segment {g!r} has no subscriber-months at risk in months {lo}..{end}",
                   "every segment observed at risk in the months used for the rates",
                   "每个客户群在估计月份内都有在网用户", zh="用户表")
    out["churn_rate"] = out["churners"] / out["subscriber_months"]
    return out, (lo, end)


def _multiple(retention, d, timing):
    denom = 1.0 + d - retention
    if np.any(denom <= 0):
        raise fail("discount_rate", 0.0, "a number > 0 when a segment has no churn "
                   "(retention 1 makes CLV infinite)",
                   "大于 0 的数值（某客户群没有流失时留存率为 1，CLV 为无穷大）", zh="年折现率")
    return retention / denom if timing == "end" else (1.0 + d) / denom


def segment_clv(subs: pd.DataFrame, discount_rate: float = 0.10, *, timing: str = "end",
                segment_col: str = "segment", margin_col: str = "margin",
                join_col: str = "join_month", churn_col: str = "churn_month", start: int = 1,
                end: int | None = None, recent_months: int = 12) -> pd.DataFrame:
    """Customer lifetime value by segment from margin and retention (分群客户终生价值).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber with a monthly margin column (月毛利, CNY).
    discount_rate : float
        Annual discount rate D (年折现率) in [0, 1]; the monthly rate is
        ``d = (1 + D)^(1/12) − 1``.
    timing : {"end", "start"}
        When margins arrive (现金流时点).  ``"end"`` (default): at the end of
        each month the customer stays, ``CLV = m·r / (1 + d − r)``, the
        Gupta–Lehmann margin multiple.  ``"start"``: the current month's margin
        is counted too, ``CLV = m·(1 + d) / (1 + d − r)``.
    segment_col, margin_col, join_col, churn_col : str
        Column names.
    start, end : int
        The observation window.
    recent_months : int
        Retention is measured over the last ``recent_months`` months of the
        window (default 12): ``r = 1 − churners / subscriber-months``.

    Returns
    -------
    DataFrame
        ``segment, subscribers`` (active at the end of the window),
        ``margin`` (mean monthly margin weighted by months at risk),
        ``churn_rate``, ``retention``, ``monthly_discount``, ``clv``,
        ``margin_multiple`` (clv / margin) and ``segment_value`` (subscribers ×
        clv, the segment's customer equity 客户资产); last row ``"全部"``.

    Notes
    -----
    The textbook's CLV (``[000]``: years × profit − acquisition cost) ignores
    churn and discounting; this is the retention-and-discount version (Ch 1).
    Raises :class:`~crmlab.validation.InputError` when a segment never churns and
    the discount rate is 0 (the value would be infinite).

    References
    ----------
    Gupta, S., & Lehmann, D. R. (2003). Customers as assets. *Journal of
    Interactive Marketing* 17(1), 9–24.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [2, None, None, None], "margin": [50.0] * 4})
    >>> t = segment_clv(subs, 0.0, end=4)
    >>> [float(x) for x in t.loc[0, ["churn_rate", "retention"]]]
    [0.07142857142857142, 0.9285714285714286]
    >>> round(float(t.loc[0, "clv"]), 2)     # 50 * r / (1 - r) = 50 * 13
    650.0
    """
    _check_subs(subs, segment_col=segment_col, margin_col=margin_col, join_col=join_col, churn_col=churn_col)
    D = check_number(discount_rate, "discount_rate", zh="年折现率", low=0, high=1)
    _choice(timing, "timing", ("end", "start"), zh="现金流时点")
    rates, _ = _rates(subs, segment_col, margin_col, join_col, churn_col, None, start, end,
                      recent_months)
    d = monthly_discount_rate(D)
    r = 1.0 - rates["churn_rate"].to_numpy()
    multiple = _multiple(r, d, timing)
    clv = rates["margin"].to_numpy() * multiple
    check_finite_result([clv, rates["subscribers"].to_numpy() * clv], "the CLV", "客户终生价值",
                        arguments=(margin_col,))
    return pd.DataFrame({
        "segment": rates["segment"], "subscribers": rates["subscribers"],
        "margin": rates["margin"], "churn_rate": rates["churn_rate"], "retention": r,
        "monthly_discount": d, "clv": clv,
        "margin_multiple": multiple,
        "segment_value": rates["subscribers"] * clv,
    })


def revenue_at_risk(subs: pd.DataFrame, discount_rate: float = 0.10, *, timing: str = "end",
                    segment_col: str = "segment", cause_col: str = "churn_cause",
                    arpu_col: str = "arpu", margin_col: str = "margin",
                    join_col: str = "join_month", churn_col: str = "churn_month",
                    start: int = 1, end: int | None = None,
                    recent_months: int = 12) -> pd.DataFrame:
    """Revenue and customer value lost to churn, by cause and segment (流失造成的收入与价值损失).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber with monthly spend (ARPU, 每用户月均收入) and
        monthly margin (月毛利), CNY.
    discount_rate, timing : float, str
        As in :func:`segment_clv`, whose segment retention values the lost
        customers.
    segment_col, cause_col, arpu_col, margin_col, join_col, churn_col : str
        Column names.
    start, end : int
        Churners who left in months ``start … end`` are counted.
    recent_months : int
        Months used for the retention rates of :func:`segment_clv`.

    Returns
    -------
    DataFrame
        One row per segment (then ``"全部"``) × cause: ``churners``,
        ``churners_per_month``, ``revenue_lost_per_month`` (the monthly spend
        that disappears in an average month: Σ ARPU of churners / months in
        the window), ``margin_lost_per_month`` (the same for margin),
        ``clv_lost`` (Σ over churners of ``margin_i · r/(1+d−r)`` with r the
        segment's retention: the value the lost customers would still have
        brought) and ``clv_lost_per_month``.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [2, None, None, None],
    ...                      "churn_cause": ["店大欺客", None, None, None],
    ...                      "arpu": [100.0] * 4, "margin": [50.0] * 4})
    >>> t = revenue_at_risk(subs, 0.0, end=4)
    >>> row = t[(t["segment"] == "A") & (t["cause"] == "店大欺客")].iloc[0]
    >>> float(row["revenue_lost_per_month"]), round(float(row["clv_lost"]), 2)
    (25.0, 650.0)
    """
    _check_subs(subs, segment_col=segment_col, cause_col=cause_col, arpu_col=arpu_col, margin_col=margin_col, join_col=join_col, churn_col=churn_col)
    clv = segment_clv(subs, discount_rate, timing=timing, segment_col=segment_col,
                      margin_col=margin_col, join_col=join_col, churn_col=churn_col,
                      start=start, end=end, recent_months=recent_months)
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    n_months = end - start + 1
    left = ~np.isnan(churn) & (churn >= start) & (churn <= end)
    keys = _cause_keys(subs[cause_col].to_numpy(dtype=object)[left], cause_col)
    labels = _labels(subs, segment_col, segments=True)[left]
    money = {}
    for col, zh in ((arpu_col, "月均收入列"), (margin_col, "月毛利列")):
        money[col] = _money(subs, col, zh)[left]
    mult = dict(zip(clv["segment"], clv["margin_multiple"]))
    value = money[margin_col] * pd.Series(labels, dtype=object).map(mult).to_numpy(float)
    segments = list(clv["segment"][:-1])
    cause_keys = list(CAUSES["key"])
    s_code = pd.Categorical(labels, categories=segments).codes
    c_code = pd.Categorical(keys, categories=cause_keys).codes
    shape = (len(segments) + 1, len(cause_keys))
    sums = {}
    for name, w in (("churners", np.ones(labels.size)), ("arpu", money[arpu_col]),
                    ("margin", money[margin_col]), ("clv", value)):
        a = np.zeros(shape)
        np.add.at(a, (s_code, c_code), w)
        a[-1] = a[:-1].sum(axis=0)
        sums[name] = a.ravel()
    check_finite_result(list(sums.values()), "the value lost", "流失的价值",
                        arguments=(arpu_col, margin_col))
    return pd.DataFrame({
        "segment": np.repeat(segments + [ALL], len(cause_keys)),
        "cause": np.tile([_CAUSE_NAMES[k] for k in cause_keys], len(segments) + 1),
        "cause_key": np.tile(cause_keys, len(segments) + 1),
        "churners": sums["churners"].astype(np.int64),
        "churners_per_month": sums["churners"] / n_months,
        "revenue_lost_per_month": sums["arpu"] / n_months,
        "margin_lost_per_month": sums["margin"] / n_months,
        "clv_lost": sums["clv"],
        "clv_lost_per_month": sums["clv"] / n_months,
    })


# --------------------------------------------------------------------------- complaints
def complaint_effect(subs: pd.DataFrame, *, status_col: str = "complaint_status",
                     complaint_month_col: str = "last_complaint_month",
                     join_col: str = "join_month", churn_col: str = "churn_month",
                     start: int = 1, end: int | None = None, horizon: int = 12,
                     no_complaint: str = "无投诉", resolved: str = "已解决",
                     unresolved: str = "未解决") -> pd.DataFrame:
    """Churn of non-complainers, resolved and unresolved complainers (投诉处理与流失).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber; ``status_col`` says whether the subscriber
        never complained, or how their last complaint ended; for complainers
        ``complaint_month_col`` is the month of the last complaint.
    status_col, complaint_month_col, join_col, churn_col : str
        Column names.
    start, end : int
        The observation window.
    horizon : int
        Months after the last complaint for ``retained_after_complaint``.
    no_complaint, resolved, unresolved : str
        The three labels of ``status_col``.

    Returns
    -------
    DataFrame
        Index: the three labels.  Columns ``subscribers``, ``churners`` and
        ``churned_share`` (over the window), ``subscriber_months`` and
        ``monthly_churn_rate`` — for non-complainers over the whole window, for
        complainers over the ``horizon`` months starting with the month of the
        last complaint, while it still weighs on the customer —
        ``implied_retention`` = (1 − monthly rate)^horizon,
        ``share_of_churners`` (share of all churners in this group) and
        ``retained_after_complaint``: among complainers whose ``horizon``
        months from the last complaint (the complaint month counts as the
        first) lie inside the window, the share still a subscriber at the end
        of them (NaN for non-complainers: not applicable), and ``followed_up``,
        how many complainers that share is measured on (0 for non-complainers).

    Notes
    -----
    Compare the monthly rates, not ``churned_share``: a subscriber must have
    stayed long enough to complain, so complainers have been at risk longer
    and the raw shares mislead.  What these data can and cannot test against
    the textbook's service-failure claims [000] is in :func:`complaint_claims`.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({
    ...     "join_month": [0, 0, 0, 0, 0, 0],
    ...     "churn_month": [None, 4, 3, None, 2, None],
    ...     "complaint_status": ["无投诉", "无投诉", "已解决", "已解决", "未解决", "未解决"],
    ...     "last_complaint_month": [None, None, 1, 2, 1, 1]})
    >>> t = complaint_effect(subs, end=4, horizon=2)
    >>> t["monthly_churn_rate"].round(4).tolist()
    [0.125, 0.0, 0.25]
    >>> float(t.loc["已解决", "retained_after_complaint"]), float(t.loc["未解决", "retained_after_complaint"])
    (1.0, 0.5)
    """
    _check_subs(subs, status_col=status_col, complaint_month_col=complaint_month_col, join_col=join_col, churn_col=churn_col)
    roles = {"no_complaint": no_complaint, "resolved": resolved, "unresolved": unresolved}
    for arg, lab in roles.items():
        if not isinstance(lab, str):
            raise fail(arg, described(f"{type(lab).__name__} {lab!r}"), "a label (text) of "
                       f"{status_col!r}", f"{status_col!r} 中的标签（文字）", zh="投诉状态标签",
                       kind=InputTypeError)
    for i, (a, x) in enumerate(roles.items()):
        for b, y in list(roles.items())[i + 1:]:
            if x == y:
                raise fail(f"{a}, {b}", x, f"a different label for each of {a} and {b} "
                           "(one status cannot play two roles)",
                           f"{a} 与 {b} 各用不同的标签（一个状态不能同时表示两种情况）",
                           zh="投诉状态标签")
    join, churn = _months(subs, join_col, churn_col)
    start, end = _window(join, churn, start, end)
    h = check_int(horizon, "horizon", zh="投诉后观察月数", low=1)
    labels = (no_complaint, resolved, unresolved)
    status = subs[status_col].astype(object).to_numpy()
    i = _first_unhashable(subs[status_col].astype(object))
    if i is not None:
        raise fail(status_col, described(f"{type(status[i]).__name__} {status[i]!r} in row {i}"),
                   "one status label per subscriber", "每位用户一个投诉状态标签", zh="投诉状态列",
                   kind=InputTypeError)
    bad = ~pd.Series(status).isin(labels).to_numpy()
    if bad.any():
        listed = ", ".join(repr(x) for x in labels)
        raise fail(status_col, status[int(np.flatnonzero(bad)[0])], f"one of {listed}",
                   f"{listed} 之一", zh="投诉状态列")
    comp = _month_array(subs[complaint_month_col], complaint_month_col, allow_missing=True)
    is_comp = status != no_complaint
    if np.isnan(comp[is_comp]).any():
        raise fail(complaint_month_col, "a complainer without a complaint month",
                   "the month of the last complaint for every complainer",
                   "每位投诉用户最后一次投诉的月份", zh="投诉月份列")
    months, event = _exposure(join, churn, start, end)
    # complainers: at risk from the complaint month to horizon - 1 months after it
    lo_c = np.where(is_comp, np.maximum(comp, start), start)
    after, ev_after = _exposure(np.where(is_comp, lo_c - 1, join), churn, start, end)
    cap = np.where(is_comp, comp + h - 1, end)
    after = np.maximum(0.0, np.minimum(after, cap - lo_c + 1))
    ev_after = ev_after & (np.isnan(churn) | (churn <= cap))
    months = np.where(is_comp, after, months)
    ev_rate = np.where(is_comp, ev_after, event)
    total_churn = event.sum()
    rows = []
    for lab in labels:           # three groups
        m = status == lab
        expo = months[m].sum()
        rate = ev_rate[m].sum() / expo if expo > 0 else math.nan
        if lab == no_complaint:
            kept, elig = math.nan, np.zeros_like(m)
        else:
            elig = m & (comp + h - 1 <= end)
            kept = float((np.isnan(churn[elig]) | (churn[elig] > comp[elig] + h - 1)).mean()) \
                if elig.any() else math.nan
        rows.append({"subscribers": int(m.sum()), "churners": int(event[m].sum()),
                     "churned_share": float(event[m].mean()) if m.any() else math.nan,
                     "subscriber_months": float(expo), "monthly_churn_rate": rate,
                     "implied_retention": (1 - rate) ** h,
                     "share_of_churners": float(event[m].sum() / total_churn)
                     if total_churn else math.nan,
                     "retained_after_complaint": kept,
                     "followed_up": int(elig.sum())})
    return pd.DataFrame(rows, index=pd.Index(labels, name=status_col))


def complaint_claims(subs: pd.DataFrame, *, horizon: int = 12, **columns) -> pd.DataFrame:
    """The textbook's service-failure claims beside what the simulated data show (投诉数据与教材说法).

    Parameters
    ----------
    subs : DataFrame
        As for :func:`complaint_effect`.
    horizon : int
        Months after the last complaint (default 12).
    **columns
        Column names and labels passed on to :func:`complaint_effect`.

    Returns
    -------
    DataFrame
        One row per claim of :data:`SERVICE_FAILURE_CLAIMS` plus one
        data-only row: ``figure`` (registry id), ``claim_zh``,
        ``textbook_value`` (from :mod:`crmlab.textbook`), ``data_value``,
        ``testable`` (是: the data hold a measure of the claim, so real data of
        this shape could test it; 否: they hold none; — for the data-only row),
        ``how`` (in Chinese: how the data value is measured, or why the data
        cannot measure the claim), ``followed_up`` (subscribers the data value
        is measured on) and ``tolerance``: two binomial standard errors at the
        textbook value, ``2·sqrt(p(1 − p)/n)``, how far a simulated share drawn
        to match ``p`` may fall from it by chance (NaN where not testable).

    Notes
    -----
    Which claims the data can test (可检验):

    * "89% leave when the problem is not solved" → share of subscribers whose
      last complaint was unresolved who left within ``horizon`` months.
    * "good complaint handling wins back 75%" → share of subscribers whose
      last complaint was resolved who stayed ``horizon`` months.

    Which they cannot (不可检验): 94% (no measure of service quality), 9 people
    told (no word-of-mouth data), 67% of unhappy users complain (unhappy
    customers who stay silent are not observed), 95% with fast handling (no
    handling speed).  With the workbook's simulated data (模拟数据) agreement is
    by construction — the generator was tuned to the two testable claims — so
    it illustrates the claims and is no evidence for them.

    The 67% of ``[000]`` disagrees with ``[001]`` (customer value law 3: 96% of
    unhappy customers never complain, so about 4% do); the seeds give no
    source for either, and the case notebook says so beside the figure.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({
    ...     "join_month": [0, 0, 0, 0], "churn_month": [None, 2, None, 2],
    ...     "complaint_status": ["无投诉", "已解决", "已解决", "未解决"],
    ...     "last_complaint_month": [None, 1, 1, 1]})
    >>> t = complaint_claims(subs, horizon=2, end=4).set_index("figure")
    >>> [float(x) for x in t.loc["ch2_complaint_win_back", ["textbook_value", "data_value"]]]
    [0.75, 0.5]
    >>> t.loc["ch2_unhappy_tell_others", "testable"]
    '否'
    """
    _check_options(columns, _keywords(complaint_effect, "horizon"))
    effect = complaint_effect(subs, horizon=horizon, **columns)
    labels = list(effect.index)
    kept_res = float(effect.iloc[1]["retained_after_complaint"])
    kept_unres = float(effect.iloc[2]["retained_after_complaint"])
    h = int(horizon)
    # how: what the data value measures, or why the data hold no measure (in Chinese:
    # the table of the case shows it to students)
    data = {
        "ch2_poor_service_drives_away": (math.nan, "否", "数据中没有服务质量的度量"),
        "ch2_unsolved_problem_drives_away": (1 - kept_unres, "是",
                                             f"最后一次投诉未解决、{h} 个月内流失的比例"),
        "ch2_unhappy_tell_others": (math.nan, "否", "数据中没有口碑传播的记录"),
        "ch2_unhappy_complain": (math.nan, "否", "不投诉的不满意客户在数据中看不到"),
        "ch2_complaint_win_back": (kept_res, "是", f"最后一次投诉已解决、{h} 个月后仍在网的比例"),
        "ch2_fast_handling_keeps": (math.nan, "否", "数据中没有投诉处理速度的记录"),
    }
    from .. import textbook

    out = SERVICE_FAILURE_CLAIMS.copy()
    out["textbook_value"] = [textbook.value(f) for f in out["figure"]]
    out["data_value"] = [data[f][0] for f in out["figure"]]
    out["testable"] = [data[f][1] for f in out["figure"]]
    out["how"] = [data[f][2] for f in out["figure"]]
    n = {"ch2_unsolved_problem_drives_away": int(effect.iloc[2]["followed_up"]),
         "ch2_complaint_win_back": int(effect.iloc[1]["followed_up"])}
    out["followed_up"] = [n.get(f, 0) for f in out["figure"]]
    p = out["textbook_value"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        tol = 2.0 * np.sqrt(p * (1 - p) / out["followed_up"].to_numpy(float))
    out["tolerance"] = np.where(out["followed_up"] > 0, tol, np.nan)
    extra = pd.DataFrame([{
        "figure": "churners_after_unresolved",
        "claim_zh": "（教材无此数字）流失用户中最后一次投诉未解决者的比例",
        "textbook_value": math.nan,
        "data_value": float(effect.loc[labels[2], "share_of_churners"]),
        "testable": "—",
        "followed_up": int(effect["churners"].sum()),
        "tolerance": math.nan,
        "how": "全部流失用户中最后一次投诉未解决的比例"}])
    return pd.concat([out, extra], ignore_index=True)


# --------------------------------------------------------------------------- economics
def keep_or_replace(acquisition_cost: float, retention_cost: float | None = None, *,
                    cost_ratio: float | None = None, new_per_lost: float | None = None,
                    lost_customers: float = 1) -> dict:
    """Keeping an old customer versus replacing them with new ones (留住老客户与获取新客户的成本).

    Turns two of the textbook's "customer value laws" [001] into arithmetic:
    acquiring a new customer costs **5×** keeping an old one
    (``ch1_acquire_vs_retain_cost``), and losing one old customer takes **10**
    new ones to make up (``ch1_new_to_replace_lost``).  Replacing a lost customer
    therefore costs ``new_per_lost × acquisition_cost``; keeping the customer
    (挽留, before they leave) costs ``retention_cost``.  The two laws are quoted
    figures, not measurements: nothing here reproduces them.

    Parameters
    ----------
    acquisition_cost : float
        Cost of acquiring one new customer (获客成本), > 0.
    retention_cost : float, optional
        Cost of keeping one customer (挽留成本), ≥ 0; by default
        ``acquisition_cost / cost_ratio``.
    cost_ratio : float, optional
        Acquisition cost ÷ retention cost (获客成本是挽留成本的倍数); default the
        textbook's 5.  Used only when ``retention_cost`` is not given.
    new_per_lost : float, optional
        New customers needed to make up for one lost old customer (弥补一位流失
        老客户所需的新客户数); default the textbook's 10.
    lost_customers : float
        Number of customers at stake (≥ 0).

    Returns
    -------
    dict
        ``acquisition_cost``, ``retention_cost``, ``cost_ratio`` (acquisition
        ÷ retention, ``None`` when keeping costs nothing), ``new_per_lost``,
        ``replace_cost_per_lost``, ``saving_per_kept`` (replace − keep),
        ``replace_over_keep`` (how many times dearer replacing is,
        ``cost_ratio × new_per_lost``; ``None`` when keeping costs nothing), and
        the totals ``replace_cost_total``, ``keep_cost_total``, ``saving_total``
        for ``lost_customers``.

    Notes
    -----
    ``replace_cost_per_lost = new_per_lost · acquisition_cost`` and
    ``replace_over_keep = replace_cost_per_lost / retention_cost``.  Source of
    the two default figures: [001], laws 1 and 2 (客户价值定律).

    Examples
    --------
    >>> r = keep_or_replace(500)
    >>> r["retention_cost"], r["replace_cost_per_lost"], r["saving_per_kept"], r["replace_over_keep"]
    (100.0, 5000.0, 4900.0, 50.0)
    >>> keep_or_replace(500, 0)["replace_over_keep"] is None
    True
    """
    from .. import textbook

    acq = check_number(acquisition_cost, "acquisition_cost", zh="获客成本", low=0, low_open=True)
    if cost_ratio is None:
        cost_ratio = textbook.value("ch1_acquire_vs_retain_cost")
    if new_per_lost is None:
        new_per_lost = textbook.value("ch1_new_to_replace_lost")
    if retention_cost is None:
        ratio = check_number(cost_ratio, "cost_ratio", zh="获客与挽留成本之比", low=0,
                             low_open=True)
        keep = acq / ratio
    else:
        keep = check_number(retention_cost, "retention_cost", zh="挽留成本", low=0)
        ratio = acq / keep if keep > 0 else None
    n_new = check_number(new_per_lost, "new_per_lost", zh="弥补一位老客户所需新客户数", low=0,
                         low_open=True)
    lost = check_number(lost_customers, "lost_customers", zh="涉及客户数", low=0)
    replace = n_new * acq
    out = {
        "acquisition_cost": acq,
        "retention_cost": keep,
        "cost_ratio": ratio,
        "new_per_lost": n_new,
        "replace_cost_per_lost": replace,
        "saving_per_kept": replace - keep,
        "replace_over_keep": replace / keep if keep > 0 else None,
        "replace_cost_total": lost * replace,
        "keep_cost_total": lost * keep,
        "saving_total": lost * (replace - keep),
    }
    if retention_cost is None and not math.isfinite(keep):
        raise fail("cost_ratio", ratio, "a ratio large enough for retention_cost = "
                   "acquisition_cost / cost_ratio to be a finite number",
                   "足够大的比值，使挽留成本 = 获客成本 / cost_ratio 保持有限", zh="获客与挽留成本之比")
    given = ("retention_cost",) if retention_cost is not None else ()
    ratios = ("cost_ratio", "replace_over_keep")
    check_finite_result([v for k, v in out.items() if v is not None and k not in ratios],
                        "the costs", "成本",
                        arguments=("acquisition_cost", *given, "new_per_lost", "lost_customers"))
    if any(out[k] is not None and not math.isfinite(out[k]) for k in ratios):
        if retention_cost is None:
            raise fail("cost_ratio, new_per_lost", described(f"{ratio!r} and {n_new!r}"),
                       "small enough for replace_over_keep = cost_ratio × new_per_lost to be a "
                       "finite number", "足够小的数值，使 cost_ratio × new_per_lost 保持有限")
        raise fail("retention_cost", keep, "0 or large enough (beside acquisition_cost and "
                   "new_per_lost) for cost_ratio = acquisition_cost / retention_cost and "
                   "replace_over_keep = new_per_lost × acquisition_cost / retention_cost to be "
                   "finite numbers", "0 或足够大的挽留成本，使获客与挽留成本之比及其倍数保持有限",
                   zh="挽留成本")
    return out


def winback_inputs(subs: pd.DataFrame, discount_rate: float = 0.10, *, segment: str = ALL,
                   cause: str | None = None, **columns) -> dict:
    """What a win-back campaign works on, measured from a subscriber table (挽回活动的输入).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber (see :func:`revenue_at_risk`).
    discount_rate : float
        Annual discount rate D (年折现率) in [0, 1] for the value of a won-back
        subscriber.
    segment : str
        A segment, or ``"全部"`` for all subscribers.
    cause : str, optional
        One churn cause (key or Chinese name); ``None``: every cause.
    **columns
        Column names, window and ``recent_months``, as for :func:`revenue_at_risk`.

    Returns
    -------
    dict
        ``segment``, ``cause`` (Chinese name or ``"全部"``), ``lost_per_month``
        (subscribers who left in an average month of the window, 每月流失人数)
        and ``value_per_won_back`` (the mean, over those lost, of the value they
        would bring if won back and then kept like their segment:
        ``margin · r/(1+d−r)``, the ``clv_lost`` of :func:`revenue_at_risk` per
        churner, CNY).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [2, None, None, None],
    ...                      "churn_cause": ["店大欺客", None, None, None],
    ...                      "arpu": [100.0] * 4, "margin": [50.0] * 4})
    >>> w = winback_inputs(subs, 0.0, segment="A", end=4)
    >>> w["lost_per_month"], round(w["value_per_won_back"], 2)
    (0.25, 650.0)
    """
    _check_options(columns, _keywords(revenue_at_risk))
    risk = revenue_at_risk(subs, discount_rate, **columns)
    _choice(segment, "segment", list(dict.fromkeys(risk["segment"])), zh="客户群")
    name = ALL if cause is None else _CAUSE_NAMES[_cause_key(cause)]
    lost, per_month, value = _lost(risk, segment, cause)
    if lost == 0:
        raise fail("subs", f"no churner in segment {segment!r}, cause {name!r}",
                   "a segment and cause with churners to win back",
                   "有流失用户可挽回的客户群和原因", zh="用户表")
    return {"segment": segment, "cause": name, "lost_per_month": per_month,
            "value_per_won_back": value}


def _lost(risk: pd.DataFrame, segment: str, cause) -> tuple[float, float, float]:
    """Churners, churners per month and mean value lost per churner of one segment (and cause)."""
    rows = risk[risk["segment"] == segment]
    if cause is not None:
        rows = rows[rows["cause"] == _CAUSE_NAMES[_cause_key(cause)]]
    lost = float(rows["churners"].sum())
    value = float(rows["clv_lost"].sum()) / lost if lost > 0 else math.nan
    return lost, float(rows["churners_per_month"].sum()), value


def winback_campaign(lost_customers: float, winback_rate: float, value_per_won_back: float,
                     cost_per_contact: float, incentive_per_won_back: float = 0.0) -> dict:
    """What a campaign to win back customers who have already left is worth (挽回流失客户的价值).

    挽回 (win-back) works on customers who have **already left**; 挽留
    (retention, :func:`retention_programme`) works on customers who are still
    there.  The case's company "believes many lost customers can be won back
    and takes measures to win them back" [000]; how much that is worth is
    本书补充 (Thomas, Blattberg & Fox 2004).

    Parameters
    ----------
    lost_customers : float
        Lost customers the campaign contacts (L, 联系的流失客户数), ≥ 0.
    winback_rate : float
        Share of them who come back (w, 挽回率), in [0, 1].
    value_per_won_back : float
        Value of one won-back customer (V, 每挽回一位客户的价值, CNY), e.g. the
        ``value_per_won_back`` of :func:`winback_inputs`, ≥ 0.
    cost_per_contact : float
        Cost of contacting one lost customer (c, 每联系一位的成本, CNY), ≥ 0, paid
        for every customer contacted, won back or not.
    incentive_per_won_back : float
        Offer paid to each customer who returns (g, 每位回来客户的优惠, CNY), ≥ 0.

    Returns
    -------
    dict
        ``won_back`` = L·w, ``value`` = L·w·V, ``cost`` = L·c + L·w·g,
        ``net_value`` = value − cost, ``cost_per_won_back`` = cost ÷ won_back
        (``None`` when nobody returns) and ``breakeven_rate`` = c ÷ (V − g),
        the win-back rate at which the campaign pays for itself (``None`` when
        V ≤ g: then no rate pays).

    Notes
    -----
    净价值 = L·w·(V − g) − L·c.  Convention: a won-back customer is valued as a
    customer of their segment (``V`` = margin × profit multiple); Thomas,
    Blattberg & Fox (2004) find second lifetimes are often shorter, so ``V`` is
    an upper bound.  The textbook's "good complaint handling wins back 75%"
    ([000], ``ch2_complaint_win_back``) is about complainers who are still
    customers, not about customers who have left: it is not a win-back rate.

    References
    ----------
    Thomas, J. S., Blattberg, R. C., & Fox, E. J. (2004). Recapturing lost
    customers. *Journal of Marketing Research* 41(1), 31–45.

    Examples
    --------
    >>> r = winback_campaign(1000, 0.10, 800.0, 20.0, 100.0)
    >>> r["won_back"], r["value"], r["cost"], r["net_value"], r["breakeven_rate"]
    (100.0, 80000.0, 30000.0, 50000.0, 0.02857142857142857)
    """
    L = check_number(lost_customers, "lost_customers", zh="联系的流失客户数", low=0)
    w = check_number(winback_rate, "winback_rate", zh="挽回率", low=0, high=1)
    V = check_number(value_per_won_back, "value_per_won_back", zh="每挽回一位客户的价值", low=0)
    c = check_number(cost_per_contact, "cost_per_contact", zh="每联系一位的成本", low=0)
    g = check_number(incentive_per_won_back, "incentive_per_won_back", zh="每位回来客户的优惠",
                     low=0)
    won = L * w
    value = won * V
    cost = L * c + won * g
    out = {"lost_customers": L, "winback_rate": w, "won_back": won, "value": value,
           "cost": cost, "net_value": value - cost,
           "cost_per_won_back": cost / won if won > 0 else None,
           "breakeven_rate": c / (V - g) if V > g else None}
    check_finite_result([won, value, cost, value - cost], "the campaign's value", "挽回活动的价值",
                        arguments=("lost_customers", "value_per_won_back", "cost_per_contact",
                                   "incentive_per_won_back"))
    # the two ratios overflow when their denominators are tiny, not when a value is large
    if out["cost_per_won_back"] is not None and not math.isfinite(out["cost_per_won_back"]):
        raise fail("lost_customers, winback_rate", described(f"{L!r} and {w!r}"),
                   "large enough for the customers won back, lost_customers × winback_rate, to "
                   "make the cost per won-back customer (cost / won_back) a finite number",
                   "足够大的数值，使挽回人数 lost_customers × winback_rate 不太小、每挽回一位客户的成本保持有限")
    if out["breakeven_rate"] is not None and not math.isfinite(out["breakeven_rate"]):
        raise fail("value_per_won_back, incentive_per_won_back", described(f"{V!r} and {g!r}"),
                   "value_per_won_back − incentive_per_won_back large enough (beside "
                   "cost_per_contact) for the break-even rate, cost_per_contact / "
                   "(value_per_won_back − incentive_per_won_back), to be a finite number",
                   "每位客户的价值减去优惠足够大，使保本挽回率保持有限")
    return out


def winback_by_segment(subs: pd.DataFrame, winback_rate: float, cost_per_contact: float,
                       incentive_per_won_back: float = 0.0, discount_rate: float = 0.10, *,
                       cause: str | None = None, **columns) -> pd.DataFrame:
    """:func:`winback_campaign` on each segment's lost subscribers of a month (各客户群的挽回账).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber (see :func:`revenue_at_risk`).
    winback_rate, cost_per_contact, incentive_per_won_back
        As for :func:`winback_campaign`, the same in every segment.
    discount_rate : float
        Annual discount rate for :func:`winback_inputs`.
    cause : str, optional
        Only subscribers lost to this cause; ``None``: every cause.
    **columns
        Column names, window and ``recent_months``, as for :func:`revenue_at_risk`.

    Returns
    -------
    DataFrame
        Index ``segment`` (then ``"全部"``): ``lost_per_month``,
        ``value_per_won_back``, ``won_back``, ``net_value`` (per month of lost
        subscribers) and ``breakeven_rate`` (NaN when no rate pays).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 4 + ["B"] * 4, "join_month": [0] * 8,
    ...                      "churn_month": [2, None, None, None, 1, 3, None, None],
    ...                      "churn_cause": ["店大欺客", None, None, None, "自然流失", "店大欺客",
    ...                                      None, None],
    ...                      "arpu": [100.0] * 8, "margin": [50.0] * 4 + [10.0] * 4})
    >>> t = winback_by_segment(subs, 0.2, 20.0, 0.0, 0.0, end=4)
    >>> t["breakeven_rate"].round(4).tolist()      # 20/650, 20/50, 20/250
    [0.0308, 0.4, 0.08]
    """
    _check_options(columns, _keywords(revenue_at_risk))
    risk = revenue_at_risk(subs, discount_rate, **columns)
    rows = []
    for segment in dict.fromkeys(risk["segment"]):          # a handful of segments
        lost, per_month, value = _lost(risk, segment, cause)
        if lost == 0:                    # nothing to win back in this segment
            continue
        r = winback_campaign(per_month, winback_rate, value, cost_per_contact,
                             incentive_per_won_back)
        rows.append({"segment": segment, "lost_per_month": per_month,
                     "value_per_won_back": value, "won_back": r["won_back"],
                     "net_value": r["net_value"],
                     "breakeven_rate": math.nan if r["breakeven_rate"] is None
                     else r["breakeven_rate"]})
    if not rows:
        name = ALL if cause is None else _CAUSE_NAMES[_cause_key(cause)]
        raise fail("subs", described(f"no churner in any segment (cause {name!r})"),
                   "subscribers who left in the window, to win back",
                   "观察期内有流失用户可挽回", zh="用户表")
    return pd.DataFrame(rows).set_index("segment")


# --------------------------------------------------------------------------- programme
_PARAM_KEYS = ("subscribers", "margin", "churn_rate", "cause_rate")


def programme_inputs(subs: pd.DataFrame, cause: str, segment: str = ALL, *,
                     segment_col: str = "segment", cause_col: str = "churn_cause",
                     margin_col: str = "margin", join_col: str = "join_month",
                     churn_col: str = "churn_month", start: int = 1, end: int | None = None,
                     recent_months: int = 12) -> dict:
    """The four numbers :func:`retention_programme` needs, measured from a subscriber table.

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    cause : str
        A cause of :data:`CAUSES` (key such as ``"competitor"`` or Chinese
        name such as ``"竞争对手挖角"``).
    segment : str
        A segment of ``segment_col``, or ``"全部"`` for all subscribers.
    segment_col, cause_col, margin_col, join_col, churn_col : str
        Column names.
    start, end, recent_months : int
        Rates are measured over the last ``recent_months`` months of the window.

    Returns
    -------
    dict
        ``segment``, ``cause`` (Chinese name), ``subscribers`` (active at the
        end of the window), ``margin`` (mean monthly margin, CNY),
        ``churn_rate`` (monthly, all causes) and ``cause_rate`` (monthly, this
        cause only).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [2, None, None, None],
    ...                      "churn_cause": ["店大欺客", None, None, None],
    ...                      "margin": [50.0] * 4})
    >>> p = programme_inputs(subs, "店大欺客", "A", end=4)
    >>> p["subscribers"], round(p["churn_rate"], 4), round(p["cause_rate"], 4)
    (3, 0.0714, 0.0714)
    """
    _check_subs(subs, segment_col=segment_col, cause_col=cause_col, margin_col=margin_col, join_col=join_col, churn_col=churn_col)
    key = _cause_key(cause)
    _choice(segment, "segment", _group_order(subs, segment_col, segments=True) + [ALL], zh="客户群")
    rates, _ = _rates(subs, segment_col, margin_col, join_col, churn_col, cause_col, start, end,
                      recent_months)
    row = rates.set_index("segment").loc[segment]
    return {"segment": segment, "cause": _CAUSE_NAMES[key],
            "subscribers": int(row["subscribers"]), "margin": float(row["margin"]),
            "churn_rate": float(row["churn_rate"]),
            "cause_rate": float(row[f"churners_{key}"] / row["subscriber_months"])}


def _check_params(params: Mapping) -> dict:
    missing = [k for k in _PARAM_KEYS if k not in params]
    if missing:
        raise fail("subs_or_params", f"a mapping without {', '.join(missing)}",
                   f"a DataFrame or a mapping with keys {', '.join(_PARAM_KEYS)}",
                   f"用户表或含键 {', '.join(_PARAM_KEYS)} 的字典", zh="用户表或参数")
    n = check_number(params["subscribers"], "subscribers", zh="在网用户数", low=0)
    m = check_number(params["margin"], "margin", zh="月毛利")
    h = check_number(params["churn_rate"], "churn_rate", zh="月流失率", low=0, high=1)
    hc = check_number(params["cause_rate"], "cause_rate", zh="该原因的月流失率", low=0, high=h)
    return {"subscribers": n, "margin": m, "churn_rate": h, "cause_rate": hc}


def _project(n, m, h0, h1, cost, d, months):
    """Vectorised projection; arrays broadcast over programmes (last axis = month)."""
    n, m, h0, h1, cost = (np.asarray(x, dtype=float)[..., None] for x in (n, m, h0, h1, cost))
    t = np.arange(months + 1)
    with np.errstate(over="ignore", invalid="ignore"):      # overflow is refused by the caller
        without = n * (1 - h0) ** t
        with_ = n * (1 - h1) ** t
        v = (1.0 + d) ** -t
        value = (m * (with_ - without) * v)[..., 1:].sum(axis=-1)
        spend = (cost * with_ * v)[..., :-1].sum(axis=-1)
    return without, with_, value, spend


def retention_programme(subs_or_params, cause: str, segment: str = ALL, reduction: float = 0.2,
                        cost_per_sub_month: float = 1.0, discount_rate: float = 0.10,
                        months: int = 24, **columns) -> dict:
    """What a retention programme against one churn cause is worth (挽留计划的价值).

    The model of the China Mobile case's what-if panel.  The case's company
    analyses why customers leave [000]; this programme **prevents** churn
    (挽留: it works on subscribers who are still there, before they leave).
    Winning back subscribers who have already left (挽回) is
    :func:`winback_campaign`.  Pick a cause and a segment; the programme cuts
    that cause's monthly churn rate by ``reduction`` and costs
    ``cost_per_sub_month`` for every subscriber it covers each month.  The
    model itself is 本书补充 (a closed-cohort projection with discounting, as
    in Gupta & Lehmann 2003), not a method of the course documents.

    Parameters
    ----------
    subs_or_params : DataFrame or mapping
        A subscriber table (the four inputs are measured with
        :func:`programme_inputs`), or a mapping with ``subscribers`` (N, 在网用户数),
        ``margin`` (m, 月毛利 CNY), ``churn_rate`` (h, all causes, monthly) and
        ``cause_rate`` (h_c ≤ h, this cause, monthly) — measure once, then move
        sliders cheaply.
    cause : str
        A cause of :data:`CAUSES` (key or Chinese name).
    segment : str
        A segment, or ``"全部"`` for all subscribers.
    reduction : float
        Share of the cause's churn the programme prevents (流失减少比例), in [0, 1].
    cost_per_sub_month : float
        Programme cost per covered subscriber per month (每用户每月成本, CNY), ≥ 0.
    discount_rate : float
        Annual discount rate D in [0, 1]; monthly ``d = (1 + D)^(1/12) − 1``.
    months : int
        Horizon in months (1–120), default 24.
    **columns
        Column names and window passed on to :func:`programme_inputs`.

    Returns
    -------
    dict
        ``segment``, ``cause``, ``controllable``, the four inputs,
        ``churn_rate_with`` (h − reduction·h_c), ``churn_avoided`` (subscribers
        kept by the programme at the horizon = churners avoided),
        ``kept_12_without`` / ``kept_12_with`` / ``kept_24_without`` /
        ``kept_24_with`` (subscribers left after 12 and 24 months),
        ``value_saved`` (discounted margin of the extra subscribers),
        ``programme_cost`` (discounted), ``net_value`` (value − cost),
        ``return`` (net ÷ cost; ``None`` when the programme costs nothing,
        since the ratio is then undefined — look at ``net_value``),
        ``cost_per_subscriber`` (programme_cost ÷ N, 每位覆盖用户的计划成本),
        ``share_saved`` (churn_avoided ÷ N, 被挽留用户占覆盖用户的比例),
        ``cost_per_saved`` (programme_cost ÷ churn_avoided = cost_per_subscriber
        ÷ share_saved, 每挽留一位用户的成本; ``None`` when nobody is saved),
        ``value_per_saved`` (value_saved ÷ churn_avoided, ``None`` when nobody is
        saved) and
        ``monthly``: a DataFrame ``month, without, with, kept,
        cumulative_net_value`` for the chart.

    Notes
    -----
    The current base N is followed as a closed group (no new joiners):
    ``S_t = N(1 − h)^t`` without and ``S'_t = N(1 − h')^t`` with the programme,
    ``h' = h − reduction·h_c``.  Margin arrives at the end of each month
    (timing "end", as :func:`segment_clv`); the programme is paid at the start
    of each month for the subscribers still there::

        value_saved    = Σ_{t=1..T} m (S'_t − S_t) / (1+d)^t
        programme_cost = Σ_{t=1..T} c S'_{t−1} / (1+d)^{t−1}

    The programme pays for every subscriber it covers, not only for those it
    saves, so the cost of one saved subscriber is
    ``cost_per_saved = programme_cost / churn_avoided``: the cost per covered
    subscriber divided by the share of them saved.  This is the number to set
    against the textbook's "keeping a customer costs a fifth of acquiring one"
    [001] (:func:`keep_or_replace`), which counts only the customers kept.

    Natural churn (自然流失) is not controllable: the model computes it when
    asked, and ``controllable`` says 否.

    Examples
    --------
    >>> params = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.01}
    >>> r = retention_programme(params, "店大欺客", reduction=1.0, cost_per_sub_month=0,
    ...                         discount_rate=0.0, months=12)
    >>> round(r["kept_12_without"], 2), round(r["kept_12_with"], 2), r["return"]
    (784.72, 886.38, None)
    >>> round(r["value_saved"], 2)    # 50 * sum over t of (0.99^t - 0.98^t) * 1000
    34950.86
    >>> r = retention_programme(params, "店大欺客", reduction=0.5, cost_per_sub_month=1.0,
    ...                         discount_rate=0.0, months=12)
    >>> # cost: sum of 0.985^t for t = 0..11 = 11.06; saved: 0.985^12 - 0.98^12 = 4.94%
    >>> round(r["cost_per_subscriber"], 2), round(r["share_saved"], 4), round(r["cost_per_saved"], 1)
    (11.06, 0.0494, 223.8)
    >>> retention_programme(params, "店大欺客", reduction=1.2)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: reduction must be a number in [0, 1]; got 1.2 (流失减少比例 reduction 应为 [0, 1] 内的数值，实际为 1.2)
    """
    key = _cause_key(cause)
    red = check_number(reduction, "reduction", zh="流失减少比例", low=0, high=1)
    cost = check_number(cost_per_sub_month, "cost_per_sub_month", zh="每用户每月成本", low=0)
    D = check_number(discount_rate, "discount_rate", zh="年折现率", low=0, high=1)
    T = check_int(months, "months", zh="计划月数", low=1, high=120)
    _check_options(columns, _keywords(programme_inputs))
    if isinstance(subs_or_params, pd.DataFrame):
        flat_frame(subs_or_params, "subs_or_params", zh="用户表或参数")
        params = programme_inputs(subs_or_params, key, segment, **columns)
    elif isinstance(subs_or_params, Mapping):
        if columns:
            arg = sorted(columns)[0]
            raise fail(arg, columns[arg], "no column option when subs_or_params is a mapping of "
                       "inputs (column options apply to a subscriber table)",
                       "subs_or_params 为参数字典时不用列名选项（列名选项只用于用户表）", zh="选项",
                       kind=InputTypeError)
        if not isinstance(segment, str):
            raise fail("segment", segment, "a segment name (text)", "客户群名称（文本）",
                       zh="客户群", kind=InputTypeError)
        params = _check_params(subs_or_params)
    else:
        raise fail("subs_or_params", type(subs_or_params).__name__,
                   "a subscriber DataFrame or a mapping of inputs", "用户表或参数字典",
                   zh="用户表或参数", kind=InputTypeError)
    d = monthly_discount_rate(D)
    n, m, h0, hc = (params[k] for k in _PARAM_KEYS)
    h1 = h0 - red * hc
    without, with_, value, spend = _project([n], [m], [h0], [h1], [cost], d, T)
    without, with_, value, spend = without[0], with_[0], float(value[0]), float(spend[0])
    check_finite_result([value, spend, value - spend], "the programme's value", "挽留计划的价值",
                        arguments=("subscribers", "margin", "cost_per_sub_month"))
    t = np.arange(T + 1)
    v = (1.0 + d) ** -t
    step_value = np.concatenate([[0.0], (m * (with_ - without) * v)[1:]])
    step_cost = np.concatenate([[0.0], (cost * with_ * v)[:-1]])
    monthly = pd.DataFrame({"month": t, "without": without, "with": with_,
                            "kept": with_ - without,
                            "cumulative_net_value": np.cumsum(step_value - step_cost)})
    net = value - spend
    saved = float(with_[-1] - without[-1])
    ctrl = dict(zip(CAUSES["key"], CAUSES["controllable"]))[key]
    return {
        "segment": segment, "cause": _CAUSE_NAMES[key], "controllable": ctrl,
        "subscribers": n, "margin": m, "churn_rate": h0, "cause_rate": hc,
        "churn_rate_with": h1,
        "churn_avoided": saved,
        "kept_12_without": float(n * (1 - h0) ** 12), "kept_12_with": float(n * (1 - h1) ** 12),
        "kept_24_without": float(n * (1 - h0) ** 24), "kept_24_with": float(n * (1 - h1) ** 24),
        "value_saved": value, "programme_cost": spend, "net_value": net,
        "return": net / spend if spend > 0 else None,
        "cost_per_subscriber": spend / n if n > 0 else None,
        "share_saved": saved / n if n > 0 else None,
        "cost_per_saved": spend / saved if saved > 0 else None,
        "value_per_saved": value / saved if saved > 0 else None,
        "monthly": monthly,
    }


def all_programme_inputs(subs: pd.DataFrame, **columns) -> dict:
    """:func:`programme_inputs` for every segment (and ``"全部"``) × cause, in one pass (全部输入).

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    **columns
        ``segment_col, cause_col, margin_col, join_col, churn_col, start, end,
        recent_months`` as for :func:`programme_inputs`.

    Returns
    -------
    dict
        ``{(segment, cause name): {"subscribers", "margin", "churn_rate",
        "cause_rate"}}``, segments in data order then ``"全部"``.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [2, None, None, None],
    ...                      "churn_cause": ["店大欺客", None, None, None],
    ...                      "margin": [50.0] * 4})
    >>> inputs = all_programme_inputs(subs, end=4)
    >>> len(inputs), round(inputs[("A", "店大欺客")]["cause_rate"], 4)
    (10, 0.0714)
    """
    _check_options(columns, _keywords(programme_inputs))
    cols = {"segment_col": "segment", "cause_col": "churn_cause", "margin_col": "margin",
            "join_col": "join_month", "churn_col": "churn_month", "start": 1, "end": None,
            "recent_months": 12} | dict(columns)
    _check_subs(subs, **{k: cols[k] for k in ("segment_col", "cause_col", "margin_col",
                                              "join_col", "churn_col")})
    rates, _ = _rates(subs, cols["segment_col"], cols["margin_col"], cols["join_col"],
                      cols["churn_col"], cols["cause_col"], cols["start"], cols["end"],
                      cols["recent_months"])
    out = {}
    for row in rates.to_dict("records"):          # a handful of segments
        for key in CAUSES["key"]:
            out[(row["segment"], _CAUSE_NAMES[key])] = {
                "subscribers": int(row["subscribers"]), "margin": float(row["margin"]),
                "churn_rate": float(row["churn_rate"]),
                "cause_rate": float(row[f"churners_{key}"] / row["subscriber_months"])}
    return out


def programme_in_segment(inputs: Mapping, cause: str, segment: str = ALL,
                         reduction: float = 0.2, cost_per_sub_month: float = 1.0,
                         discount_rate: float = 0.10, months: int = 24) -> dict:
    """:func:`retention_programme` on measured inputs, and where the cause ranks in its segment.

    Parameters
    ----------
    inputs : mapping
        ``{(segment, cause name): {"subscribers", "margin", "churn_rate",
        "cause_rate"}}`` for every segment and cause, as
        :func:`all_programme_inputs` returns.
    cause, segment : str
        The cause (Chinese name or key) and segment (or ``"全部"``).
    reduction, cost_per_sub_month, discount_rate, months
        As for :func:`retention_programme`.

    Returns
    -------
    dict
        Everything :func:`retention_programme` returns, plus
        ``best_in_segment`` (the cause the company can influence with the highest
        net value in this segment at these settings, 本群最值得治理的原因),
        ``best_net_value``, ``rank`` (this cause's place among the four
        controllable causes, 1 = best; ``None`` for natural churn, which is not
        ranked) and ``ranked`` (4).

    Examples
    --------
    >>> p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02}
    >>> inputs = {("A", c): p | {"cause_rate": r} for c, r in
    ...           zip(CAUSES["name_zh"], [0.004, 0.003, 0.006, 0.002, 0.001])}
    >>> r = programme_in_segment(inputs, "店大欺客", "A", 0.5, 0.5, 0.10)
    >>> r["best_in_segment"], r["rank"], r["ranked"]
    ('竞争对手挖角', 2, 4)
    >>> programme_in_segment(inputs, "自然流失", "A")["rank"] is None
    True
    """
    if not isinstance(inputs, Mapping):
        raise fail("inputs", type(inputs).__name__, "a mapping from all_programme_inputs",
                   "all_programme_inputs 返回的字典", zh="输入", kind=InputTypeError)
    name = _CAUSE_NAMES[_cause_key(cause)]
    segments = list(dict.fromkeys(k[0] for k in inputs if isinstance(k, tuple) and len(k) == 2))
    _choice(segment, "segment", segments, zh="客户群")
    missing = [c for c in CAUSES["name_zh"] if (segment, c) not in inputs]
    if missing:
        raise fail("inputs", f"no entry for ({segment!r}, {missing[0]!r})",
                   "an entry for every segment and cause (see all_programme_inputs)",
                   "每个客户群 × 原因都有一项（见 all_programme_inputs）", zh="输入")
    args = dict(segment=segment, reduction=reduction, cost_per_sub_month=cost_per_sub_month,
                discount_rate=discount_rate, months=months)
    result = retention_programme(inputs[(segment, name)], name, **args)
    nets = {}
    for key in CAUSES["key"]:          # the four causes the company can influence
        if key != "natural":
            c = _CAUSE_NAMES[key]
            nets[c] = result["net_value"] if c == name else \
                retention_programme(inputs[(segment, c)], c, **args)["net_value"]
    order = sorted(nets, key=lambda c: -nets[c])
    result["best_in_segment"] = order[0]
    result["best_net_value"] = nets[order[0]]
    result["rank"] = order.index(name) + 1 if name in nets else None
    result["ranked"] = len(order)
    return result


def best_cause_to_attack(subs: pd.DataFrame, reduction: float = 0.2,
                         cost_per_sub_month: float = 1.0, discount_rate: float = 0.10, *,
                         segment: str | None = None, months: int = 24,
                         include_uncontrollable: bool = False, segment_col: str = "segment",
                         cause_col: str = "churn_cause", margin_col: str = "margin",
                         join_col: str = "join_month", churn_col: str = "churn_month",
                         start: int = 1, end: int | None = None,
                         recent_months: int = 12) -> pd.DataFrame:
    """Rank churn causes by the net value of attacking them (最值得治理的流失原因).

    Runs the model of :func:`retention_programme` for every cause — in every
    segment (``segment=None``) or in one segment or ``"全部"`` — with the same
    reduction, cost and discount rate, and ranks by net value.

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber.
    reduction, cost_per_sub_month, discount_rate, months
        As in :func:`retention_programme`.
    segment : str, optional
        ``None``: every cause × segment pair; otherwise one segment or ``"全部"``.
    include_uncontrollable : bool
        Include natural churn (自然流失, not controllable); default False.
    segment_col, cause_col, margin_col, join_col, churn_col, start, end, recent_months
        As in :func:`programme_inputs`.

    Returns
    -------
    DataFrame
        ``rank, segment, cause, controllable, subscribers, cause_rate,
        churn_avoided, value_saved, programme_cost, cost_per_saved, net_value,
        return`` (``cost_per_saved`` is NaN when nobody is saved, ``return``
        when the cost is 0), best first.

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"segment": ["A"] * 6, "join_month": [0] * 6,
    ...                      "churn_month": [1, 2, 3, None, None, None],
    ...                      "churn_cause": ["诚信问题", "诚信问题", "细节疏忽", None, None, None],
    ...                      "margin": [50.0] * 6})
    >>> best_cause_to_attack(subs, 0.5, 1.0, 0.0, segment="A", end=4)["cause"].tolist()[:2]
    ['诚信问题', '细节疏忽']
    """
    _check_subs(subs, segment_col=segment_col, cause_col=cause_col, margin_col=margin_col, join_col=join_col, churn_col=churn_col)
    red = check_number(reduction, "reduction", zh="流失减少比例", low=0, high=1)
    cost = check_number(cost_per_sub_month, "cost_per_sub_month", zh="每用户每月成本", low=0)
    D = check_number(discount_rate, "discount_rate", zh="年折现率", low=0, high=1)
    T = check_int(months, "months", zh="计划月数", low=1, high=120)
    everything = check_bool(include_uncontrollable, "include_uncontrollable",
                            zh="包括不可控原因")
    rates, _ = _rates(subs, segment_col, margin_col, join_col, churn_col, cause_col, start, end,
                      recent_months)
    if segment is None:
        rates = rates[rates["segment"] != ALL]
    else:
        _choice(segment, "segment", list(rates["segment"]), zh="客户群")
        rates = rates[rates["segment"] == segment]
    keys = [k for k in CAUSES["key"] if everything or k != "natural"]
    ctrl = dict(zip(CAUSES["key"], CAUSES["controllable"]))
    seg = np.repeat(rates["segment"].to_numpy(), len(keys))
    n = np.repeat(rates["subscribers"].to_numpy(float), len(keys))
    m = np.repeat(rates["margin"].to_numpy(float), len(keys))
    h0 = np.repeat(rates["churn_rate"].to_numpy(float), len(keys))
    hc = (rates[[f"churners_{k}" for k in keys]].to_numpy(float)
          / rates["subscriber_months"].to_numpy(float)[:, None]).ravel()
    without, with_, value, spend = _project(n, m, h0, h0 - red * hc, np.full(n.size, cost),
                                            monthly_discount_rate(D), T)
    net = value - spend
    check_finite_result([value, spend, net], "the programmes' value", "挽留计划的价值",
                        arguments=("cost_per_sub_month", margin_col))
    kept = with_[:, -1] - without[:, -1]
    out = pd.DataFrame({
        "segment": seg, "cause": np.tile([_CAUSE_NAMES[k] for k in keys], len(rates)),
        "controllable": np.tile([ctrl[k] for k in keys], len(rates)),
        "subscribers": n.astype(np.int64), "cause_rate": hc,
        "churn_avoided": kept, "value_saved": value,
        "programme_cost": spend,
        "cost_per_saved": np.where(kept > 0, spend / np.where(kept > 0, kept, 1), np.nan),
        "net_value": net,
        "return": np.where(spend > 0, net / np.where(spend > 0, spend, 1), np.nan)})
    out = out.sort_values("net_value", ascending=False, kind="stable").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


