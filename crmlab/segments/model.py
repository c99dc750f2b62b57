"""The maths of chapter 5, part 1: ABC classes, tiers, concentration and RFM (客户分类).

Pure functions only (numbers and DataFrames in, numbers and DataFrames out); the
charts are in :mod:`crmlab.segments.charts`, the what-if panel in
:mod:`crmlab.segments.panels`, the strategy tables in :mod:`crmlab.segments.tables`.

Ties are always broken the same way: by value (largest first), then by id
(smallest first), so the same data always give the same classes.  Shares, the
Lorenz curve and the Gini coefficient are computed on values scaled by their
largest absolute value, so huge but finite inputs (1e308) give the right share
instead of inf or NaN.

References
----------
[001] 市场营销实务 第十六章 客户价值管理 (seed 001): ABC 分类法.
[002] 客户管理实务 第四章 客户分类管理 (seed 002): 顶尖/主要/普通/小客户.
[003] 客户关系管理 培训讲义 (seed 003): 价值分层、20% 的客户创造了 120% 的利润、RFMD.
Curry, J., & Curry, A. (2000). *The Customer Marketing Method*. Free Press
(the 1/4/15/80 customer pyramid; first published in Dutch, 1992).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._columns import (
    check_ids,
    check_nonnegative,
    columns,
    id_value_frame,
    numeric_column,
    rank_desc,
    real_array,
    refuse_all_equal,
    refuse_reserved,
    scaled,
    to_datetimes,
)
from .._columns import flat_frame as check_frame
from ..validation import (
    InputTypeError,
    check_bool,
    check_choice,
    check_column,
    check_finite_result,
    check_int,
    check_number,
    described,
    fail,
)

__all__ = [
    "abc_classify",
    "management_tiers",
    "sales_growth",
    "tier_summary",
    "value_tiers",
    "value_tier_summary",
    "pareto_table",
    "top_share",
    "lorenz_curve",
    "gini",
    "WhaleCurve",
    "whale_curve",
    "rfm_table",
    "rfm_score",
    "rfm_segment",
    "RFM_SEGMENTS",
    "segment_mix",
    "CUSTOMER_LISTS",
    "customer_lists",
    "customer_list_summary",
    "abc_whatif",
    "sales_by_customer",
]


def _count_cut(share: float, n: int) -> int:
    """Number of customers in the top ``share`` of ``n`` (the straddling one is included)."""
    return int(math.ceil(round(share * n, 9)))


def _check_cuts(cuts, labels, name: str, zh: str,
                labels_name: str = "labels") -> tuple[tuple[float, ...], tuple[str, ...]]:
    if isinstance(cuts, (str, bytes)):
        raise fail(name, cuts, "a sequence of numbers", "数值序列", zh=zh, kind=InputTypeError)
    try:
        cuts = tuple(cuts)
    except TypeError:
        raise fail(name, cuts, "a sequence of numbers", "数值序列", zh=zh,
                   kind=InputTypeError) from None
    values = tuple(check_number(c, name, zh=zh, low=0, high=1, low_open=True, high_open=True)
                   for c in cuts)
    if not values or any(b <= a for a, b in zip(values, values[1:])):
        raise fail(name, cuts, "strictly increasing numbers in (0, 1)",
                   "(0, 1) 内严格递增的数值", zh=zh)
    expected = f"{len(values) + 1} distinct names (one more than {name})"
    expected_zh = f"{len(values) + 1} 个互不相同的名称（比分界点多一个）"
    if isinstance(labels, (str, bytes)):
        raise fail(labels_name, labels, expected, expected_zh, zh="类别名称", kind=InputTypeError)
    try:
        labels = tuple(labels)
    except TypeError:
        raise fail(labels_name, labels, expected, expected_zh, zh="类别名称",
                   kind=InputTypeError) from None
    if not all(isinstance(x, str) for x in labels):
        raise fail(labels_name, labels, expected + " (text)", expected_zh + "（文字）",
                   zh="类别名称", kind=InputTypeError)
    if len(labels) != len(values) + 1 or len(set(labels)) != len(labels):
        raise fail(labels_name, labels, expected, expected_zh, zh="类别名称")
    return values, labels


# ---------------------------------------------------------------------------
# ABC classification
# ---------------------------------------------------------------------------

_ABC_COLUMNS = ("rank", "share", "cum_share_before", "cum_share", "class")


def _snap(shares: np.ndarray, cuts) -> np.ndarray:
    """Cumulative shares within rounding error (1e-12) of a cut are set to the cut.

    Sums of decimals are not exact in binary (2.7 + 0.2 + 0.1 is not 3), so a
    running total that starts exactly at 90% may come out as 0.8999999999999999;
    snapping keeps the boundary rule "a customer starting exactly at a cut belongs
    to the next class" true for such sums."""
    out = shares.copy()
    for c in cuts:
        out[np.abs(out - c) <= 1e-12] = c
    return out

def abc_classify(data, value_col: str = "sales", id_col: str = "customer_id",
                 cuts=(0.7, 0.9), labels=("A", "B", "C")) -> pd.DataFrame:
    """ABC classification of customers by cumulative share of value (ABC 分类法).

    Parameters
    ----------
    data : DataFrame or Series
        One row per customer with ``id_col`` and ``value_col`` (for example annual
        sales, 年度销售额), or a Series of values indexed by customer id.
    value_col, id_col : str
        Column names.
    cuts : sequence of float, default (0.7, 0.9)
        Cumulative shares of value where one class ends and the next begins,
        strictly increasing in (0, 1).
    labels : sequence of str, default ("A", "B", "C")
        Class names, one more than ``cuts``.

    Returns
    -------
    DataFrame
        Sorted by rank, with columns ``rank`` (1 = largest), ``id_col``,
        ``value_col``, ``share`` (份额), ``cum_share_before`` (累计构成比 before
        the customer), ``cum_share`` (累计构成比 including it) and ``class``
        (ordered categorical).

    Notes
    -----
    The method of [001]: sort customers by annual sales from largest to smallest,
    accumulate, and divide the running total by total sales,

    .. math:: S_k = \\frac{\\sum_{j \\le k} x_{(j)}}{\\sum_j x_j}.

    **Convention for the customer that crosses a cut** (sources differ): a
    customer belongs to the class in which its cumulative share *starts*, i.e.
    customer :math:`k` is in class A when :math:`S_{k-1} < 0.7`.  The customer
    whose sales carry the running total across 70% is therefore an A customer,
    and the largest customer is always in the first class.  A customer whose
    running total starts exactly at a cut belongs to the next class.

    Ties are broken by value (largest first), then id (smallest first).  Values
    must be non-negative, ids unique, and the values not all equal (with equal
    values the ranking, and so the classes, would be arbitrary).

    References
    ----------
    [001] 市场营销实务 第十六章: 按 ABC 分类法，将客户依年度销售额的大小顺序排列，
    以顺序累计销售额，然后计算累计销售额对总销售额的构成比.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e"],
    ...                   "sales": [50, 30, 10, 5, 5]})
    >>> t = abc_classify(d)
    >>> t[["customer_id", "cum_share", "class"]].values.tolist()
    [['a', 0.5, 'A'], ['b', 0.8, 'A'], ['c', 0.9, 'B'], ['d', 0.95, 'C'], ['e', 1.0, 'C']]

    Customer ``b`` crosses 70% (from 50% to 80%) and is an A customer; ``d``
    starts exactly at 90% and is a C customer.
    """
    cuts, labels = _check_cuts(cuts, labels, "cuts", "分界点")
    refuse_reserved(_ABC_COLUMNS, value_col=value_col, id_col=id_col)
    frame = id_value_frame(data, value_col, id_col)
    values = frame[value_col].to_numpy()
    refuse_all_equal(values, f"data[{value_col!r}]", "数据")
    out = rank_desc(frame, value_col, id_col)
    v, _ = scaled(out[value_col].to_numpy())   # scale first: 1e308-sized sales stay finite
    running = np.cumsum(v)
    total = running[-1]                        # so that the last cum_share is exactly 1
    before = np.concatenate(([0.0], running[:-1]))
    out["share"] = v / total
    out["cum_share_before"] = _snap(before / total, cuts)
    out["cum_share"] = np.minimum(_snap(running / total, cuts), 1.0)
    code = np.searchsorted(np.asarray(cuts), out["cum_share_before"].to_numpy(), side="right")
    out["class"] = pd.Categorical.from_codes(code, categories=list(labels), ordered=True)
    return out


# ---------------------------------------------------------------------------
# management tiers and value tiers
# ---------------------------------------------------------------------------

_MANAGEMENT_TIERS = ("顶尖客户", "主要客户", "普通客户", "小客户")
_MANAGEMENT_TIERS_EN = ("top", "major", "ordinary", "small")


def management_tiers(data, sales_col: str = "sales", id_col: str = "customer_id",
                     potential_col: str | None = None, shares=(0.01, 0.05, 0.20),
                     potential_cut: float | None = None) -> pd.DataFrame:
    """Four management tiers by sales and development potential (客户分层：顶尖/主要/普通/小客户).

    Parameters
    ----------
    data : DataFrame or Series
        One row per customer (or a Series of sales indexed by customer id).
    sales_col, id_col : str
        Column names; sales must be non-negative.
    potential_col : str, optional
        A column measuring development potential (发展潜力), for example last
        year's sales growth rate or a sales rep's 1–5 rating.  Without it the tiers
        follow sales alone.
    shares : sequence of 3 floats, default (0.01, 0.05, 0.20)
        Cumulative shares of *customers* (ranked by sales) where the top, major
        and ordinary tiers end; the rest are small customers.  The default is
        Curry's customer pyramid (1% / 4% / 15% / 80%; Curry & Curry 2000, 本书补充):
        the seed [002] names the four tiers but gives no shares.
    potential_cut : float, optional
        Customers whose potential is at least this move up one tier (小→普通,
        普通→主要; 顶尖 is reserved for sales).  Default: customers whose
        potential is strictly above the upper quartile of ``potential_col`` move up.

    Returns
    -------
    DataFrame
        Sorted by rank: ``rank``, ``id_col``, ``sales_col``, ``customer_share``
        (rank / n), ``tier_by_sales``, ``tier`` (ordered categoricals, Chinese),
        ``tier_en`` and ``moved_up`` (bool; only with ``potential_col``, also the
        potential column).

    Notes
    -----
    Step 1 of [002] ranks customers by sales (成交额); customer :math:`k` of
    :math:`n` is in the first tier whose cumulative customer share it *starts*
    inside, i.e. the top tier holds :math:`\\lceil 0.01 n\\rceil` customers.  Step 2
    adjusts by development potential (发展潜力).  Management methods:
    :data:`crmlab.segments.MANAGEMENT_ACTIONS` (本书补充).

    References
    ----------
    [002] 客户管理实务 第四章 第三节 客户的 ABC 分类管理: 首先按成交额进行划分，
    其次根据客户的发展潜力来划分；顶尖客户、主要客户、普通客户、小客户.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": list("abcdefghij"),
    ...                   "sales": [100, 90, 80, 70, 60, 50, 40, 30, 20, 10],
    ...                   "growth": [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0]})
    >>> t = management_tiers(d, shares=(0.1, 0.3, 0.6), potential_col="growth",
    ...                      potential_cut=0.3)
    >>> t["tier"].tolist()
    ['顶尖客户', '主要客户', '主要客户', '普通客户', '普通客户', '普通客户', '小客户', '小客户', '普通客户', '小客户']
    """
    try:
        shares_t = tuple(shares)
    except TypeError:
        raise fail("shares", shares, "three increasing numbers in (0, 1)",
                   "三个 (0, 1) 内递增的数值", zh="客户份额", kind=InputTypeError) from None
    if len(shares_t) != 3:
        raise fail("shares", shares, "three increasing numbers in (0, 1)",
                   "三个 (0, 1) 内递增的数值", zh="客户份额")
    shares_t, _ = _check_cuts(shares_t, _MANAGEMENT_TIERS, "shares", "客户份额")
    cut = None
    if potential_cut is not None:
        cut = check_number(potential_cut, "potential_cut", zh="潜力门槛")
        if potential_col is None:
            raise fail("potential_cut", potential_cut, "None unless potential_col is given",
                       "未给出 potential_col 时为 None", zh="潜力门槛")
    refuse_reserved(("rank", "customer_share", "tier_by_sales", "tier", "tier_en", "moved_up"),
                    sales_col=sales_col, id_col=id_col)
    frame = id_value_frame(data, sales_col, id_col, value_arg="sales_col")
    refuse_all_equal(frame[sales_col].to_numpy(), f"data[{sales_col!r}]", "数据")
    potential = None
    if potential_col is not None:
        check_column(potential_col, "potential_col", zh="潜力列")
        taken = {sales_col, id_col, "rank", "customer_share", "tier_by_sales", "tier", "tier_en",
                 "moved_up"}
        if potential_col in taken:
            raise fail("potential_col", potential_col,
                       "a column name other than sales_col, id_col and the result's own columns",
                       "不同于 sales_col、id_col 和结果列名的列名", zh="潜力列")
        raw = check_frame(data, "data", [potential_col], zh="数据")
        potential = numeric_column(raw, potential_col, "data", "数据")
        frame[potential_col] = potential
    out = rank_desc(frame, sales_col, id_col)
    n = len(out)
    bounds = np.array([_count_cut(s, n) for s in shares_t])
    code = np.searchsorted(bounds, out["rank"].to_numpy() - 1, side="right")
    out["customer_share"] = out["rank"] / n
    cats = list(_MANAGEMENT_TIERS)
    out["tier_by_sales"] = pd.Categorical.from_codes(code, categories=cats, ordered=True)
    final = code.copy()
    if potential_col is not None:
        p = out[potential_col].to_numpy()
        high = p > np.quantile(p, 0.75) if cut is None else p >= cut
        up = high & (code >= 2)
        final = np.where(up, code - 1, code)
        out["moved_up"] = up
    out["tier"] = pd.Categorical.from_codes(final, categories=cats, ordered=True)
    out["tier_en"] = np.asarray(_MANAGEMENT_TIERS_EN, dtype=object)[final]
    return out


def sales_growth(orders: pd.DataFrame, year: int, customer_col: str = "customer_id",
                 date_col: str = "date", value_col: str = "sales") -> pd.DataFrame:
    """Sales in ``year`` and their growth over ``year - 1`` per customer (销售额增量).

    The development potential (发展潜力) of [002] measured as this year's sales
    minus last year's: :math:`g_i = S_{i,y} - S_{i,y-1}` (a customer who did not
    buy last year has :math:`S_{i,y-1} = 0`).  Only customers who bought in
    ``year`` are listed.

    Parameters
    ----------
    orders : DataFrame
        Order lines with customer, date and value columns (dates as datetimes,
        text or yyyymmdd integers).
    year : int
        The year to analyse.

    Returns
    -------
    DataFrame
        ``customer_col``, ``value_col`` (sales in ``year``), ``last_year_sales``
        and ``growth``, sorted by customer.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                   "date": ["2024-03-01", "2025-03-01", "2025-05-01"],
    ...                   "sales": [100.0, 150.0, 40.0]})
    >>> sales_growth(o, 2025).values.tolist()
    [['a', 150.0, 100.0, 50.0], ['b', 40.0, 0.0, 40.0]]
    """
    y = check_int(year, "year", zh="年份", low=1000, high=9999)
    refuse_reserved(("last_year_sales", "growth"), customer_col=customer_col, value_col=value_col)
    frame = columns(orders, "orders", "订单", customer_col=customer_col, date_col=date_col,
                    value_col=value_col)
    if customer_col == value_col:
        raise fail("value_col", value_col, f"a column other than customer_col = {customer_col!r}",
                   f"与 customer_col = {customer_col!r} 不同的列", zh="列名")
    check_ids(frame, customer_col, "orders", "订单")
    values = numeric_column(frame, value_col, "orders", "订单")
    check_nonnegative(values, f"orders[{value_col!r}]", "订单")
    years = to_datetimes(frame[date_col], f"orders[{date_col!r}]", "订单").dt.year.to_numpy()
    if not (years == y).any():
        raise fail("year", year, f"a year the orders cover ({years.min()}–{years.max()})",
                   f"订单覆盖的年份（{years.min()}—{years.max()}）", zh="年份")
    work = pd.DataFrame({"c": frame[customer_col].to_numpy(), "v": values, "y": years})
    now = work[work["y"] == y].groupby("c", sort=True)["v"].sum()
    last = work[work["y"] == y - 1].groupby("c", sort=True)["v"].sum()
    last = last.reindex(now.index, fill_value=0.0)
    growth = check_finite_result(now.to_numpy() - last.to_numpy(), "the sales growth",
                                 "销售额增量", arguments=("orders",))
    return pd.DataFrame({customer_col: now.index.to_numpy(), value_col: now.to_numpy(),
                         "last_year_sales": last.to_numpy(), "growth": growth})


def tier_summary(tiers: pd.DataFrame, sales_col: str = "sales") -> pd.DataFrame:
    """Customers and sales per management tier, before and after the potential step (层级汇总).

    Parameters
    ----------
    tiers : DataFrame
        The result of :func:`management_tiers` (with or without ``potential_col``).
    sales_col : str
        The sales column of that result.

    Returns
    -------
    DataFrame
        One row per tier (index ``tier``, in order 顶尖 → 小客户):
        ``customers_by_sales`` (tier by sales alone), ``customers`` (final tier),
        ``moved_up`` (of which moved up from the tier below), ``customer_share``,
        ``sales``, ``sales_share`` and ``avg_sales`` (sales per customer), each
        for the final tiers; ``sales_share_by_sales`` and ``avg_sales_by_sales``
        for the tiers by sales alone.

    Notes
    -----
    Moving fast-growing customers up makes a tier larger: its **share** of sales
    usually rises (it gains customers) while its **average** sales per customer
    falls (the newcomers are smaller than the customers already there).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": list("abcdefghij"),
    ...                   "sales": [100, 90, 80, 70, 60, 50, 40, 30, 20, 10],
    ...                   "growth": [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0]})
    >>> t = management_tiers(d, shares=(0.1, 0.3, 0.6), potential_col="growth", potential_cut=0.3)
    >>> s = tier_summary(t)
    >>> s["customers_by_sales"].tolist(), s["customers"].tolist(), s["moved_up"].tolist()
    ([1, 2, 3, 4], [1, 2, 4, 3], [0, 0, 1, 0])
    """
    frame = columns(tiers, "tiers", "层级表", sales_col=sales_col)
    check_frame(frame, "tiers", ["tier", "tier_by_sales"], zh="层级表")
    for col in ("tier", "tier_by_sales"):
        if not isinstance(frame[col].dtype, pd.CategoricalDtype) or \
                list(frame[col].cat.categories) != list(_MANAGEMENT_TIERS):
            raise fail(f"tiers[{col!r}]", described(f"column of dtype {frame[col].dtype}"),
                       "the tiers of management_tiers()", "management_tiers() 的层级", zh="层级表",
                       kind=InputTypeError)
    sales, _ = scaled(numeric_column(frame, sales_col, "tiers", "层级表"))
    check_nonnegative(sales, f"tiers[{sales_col!r}]", "层级表")
    raw = frame[sales_col].to_numpy(dtype=float)
    moved = frame["moved_up"].to_numpy(dtype=bool) if "moved_up" in frame.columns else \
        np.zeros(len(frame), dtype=bool)
    k = len(_MANAGEMENT_TIERS)
    final = frame["tier"].cat.codes.to_numpy()
    first = frame["tier_by_sales"].cat.codes.to_numpy()
    n_final = np.bincount(final, minlength=k)
    n_first = np.bincount(first, minlength=k)
    s_final = np.bincount(final, weights=sales, minlength=k)
    s_first = np.bincount(first, weights=sales, minlength=k)
    total = sales.sum()
    factor = raw.max() / sales.max() if sales.max() > 0 else 1.0
    out = pd.DataFrame({
        "customers_by_sales": n_first,
        "customers": n_final,
        "moved_up": np.bincount(final, weights=moved, minlength=k).astype(np.int64),
        "customer_share": n_final / len(frame),
        "sales": check_finite_result(s_final * factor, "the tier sales", "层级销售额",
                                     arguments=("tiers",)),
        "sales_share": s_final / total if total > 0 else np.zeros(k),
        "sales_share_by_sales": s_first / total if total > 0 else np.zeros(k),
        "avg_sales": np.divide(s_final * factor, n_final, out=np.zeros(k), where=n_final > 0),
        "avg_sales_by_sales": np.divide(s_first * factor, n_first, out=np.zeros(k),
                                        where=n_first > 0),
    }, index=pd.CategoricalIndex(list(_MANAGEMENT_TIERS), categories=list(_MANAGEMENT_TIERS),
                                 ordered=True, name="tier"))
    return out


_VALUE_TIERS = ("重点", "巩固·维持", "退出")
_VALUE_TIERS_EN = ("focus", "consolidate / maintain", "exit")


def value_tiers(data, value_col: str = "profit", id_col: str = "customer_id",
                focus_share: float = 0.2, exit_share: float = 0.15) -> pd.DataFrame:
    """Value tiers 重点 / 巩固·维持 / 退出 by share of customers (客户价值分层).

    Parameters
    ----------
    data : DataFrame or Series
        One row per customer (or a Series indexed by customer id).
    value_col, id_col : str
        Column names.  The value may be negative (for example profit), so
        loss-making customers land in the exit tier.
    focus_share : float, default 0.2
        Share of customers (the most valuable) in the focus tier; the seed says
        10–20%.
    exit_share : float, default 0.15
        Share of customers (the least valuable) in the exit tier; the seed says
        10–20%.  ``focus_share + exit_share`` must be below 1; the middle tier (seed: 60–70%)
        is the rest.

    Returns
    -------
    DataFrame
        Sorted by rank: ``rank``, ``id_col``, ``value_col``, ``tier`` (ordered
        categorical), ``tier_en``.  Strategies: :data:`crmlab.segments.TIER_ACTIONS`.

    Notes
    -----
    Customers are ranked by value (ties: id ascending).  The focus tier holds
    :math:`\\lceil f n\\rceil` customers and the exit tier
    :math:`\\lfloor e n\\rfloor`: a customer straddling a cut goes to the more
    valuable tier, as in :func:`abc_classify`.

    References
    ----------
    [003] 细分客户类型: 10–20% 高价值客户（重点类），60–70% 中价值客户（巩固、维持类），
    10–20% 低价值客户（退出类）.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([9, 8, 7, 6, 5, 4, 3, 2, 1, -5], index=list("abcdefghij"))
    >>> value_tiers(s, focus_share=0.2, exit_share=0.1)["tier"].value_counts(sort=False).tolist()
    [2, 7, 1]
    """
    f = check_number(focus_share, "focus_share", zh="重点客户比例", low=0, high=1, low_open=True,
                     high_open=True)
    e = check_number(exit_share, "exit_share", zh="退出客户比例", low=0, high=1, low_open=True,
                     high_open=True)
    if f + e >= 1:
        raise fail("focus_share + exit_share", f + e, "a number below 1", "小于 1 的数值",
                   zh="重点与退出比例之和")
    refuse_reserved(("rank", "tier", "tier_en"), value_col=value_col, id_col=id_col)
    frame = id_value_frame(data, value_col, id_col, nonnegative=False)
    refuse_all_equal(frame[value_col].to_numpy(), f"data[{value_col!r}]", "数据")
    out = rank_desc(frame, value_col, id_col)
    n = len(out)
    n_focus = _count_cut(f, n)
    n_exit = int(math.floor(round(e * n, 9)))
    r = out["rank"].to_numpy()
    code = np.where(r <= n_focus, 0, np.where(r > n - n_exit, 2, 1))
    out["tier"] = pd.Categorical.from_codes(code, categories=list(_VALUE_TIERS), ordered=True)
    out["tier_en"] = np.asarray(_VALUE_TIERS_EN, dtype=object)[code]
    return out


def value_tier_summary(tiers: pd.DataFrame, value_col: str = "profit") -> pd.DataFrame:
    """Customers and value per value tier (价值层级汇总).

    Parameters
    ----------
    tiers : DataFrame
        The result of :func:`value_tiers`.
    value_col : str
        Its value column.

    Returns
    -------
    DataFrame
        Index ``tier`` (重点, 巩固·维持, 退出): ``customers``, ``customer_share``
        and ``value_col`` (the tier's total).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([9, 8, 7, 6, 5, 4, 3, 2, 1, -5], index=list("abcdefghij"))
    >>> v = value_tier_summary(value_tiers(s, focus_share=0.2, exit_share=0.1))
    >>> v["customers"].tolist(), v["profit"].tolist()
    ([2, 7, 1], [17.0, 28.0, -5.0])
    """
    refuse_reserved(("customers", "customer_share"), value_col=value_col)
    frame = columns(tiers, "tiers", "价值层级表", value_col=value_col)
    check_frame(frame, "tiers", ["tier"], zh="价值层级表")
    if not isinstance(frame["tier"].dtype, pd.CategoricalDtype) or \
            list(frame["tier"].cat.categories) != list(_VALUE_TIERS):
        raise fail("tiers['tier']", described(f"column of dtype {frame['tier'].dtype}"),
                   "the tiers of value_tiers()", "value_tiers() 的层级", zh="价值层级表",
                   kind=InputTypeError)
    values = numeric_column(frame, value_col, "tiers", "价值层级表")
    code = frame["tier"].cat.codes.to_numpy()
    k = len(_VALUE_TIERS)
    n = np.bincount(code, minlength=k)
    total = check_finite_result(np.bincount(code, weights=values, minlength=k),
                                "the tier totals", "层级合计", arguments=("tiers",))
    return pd.DataFrame({"customers": n, "customer_share": n / len(frame), value_col: total},
                        index=pd.CategoricalIndex(list(_VALUE_TIERS), categories=list(_VALUE_TIERS),
                                                  ordered=True, name="tier"))


# ---------------------------------------------------------------------------
# concentration: Pareto, Lorenz, Gini
# ---------------------------------------------------------------------------

def _positive_total(values, name: str, zh: str) -> np.ndarray:
    """The values scaled by their maximum (sums stay finite); refuse an all-zero total."""
    arr = real_array(values, name, zh=zh, nonnegative=True)
    arr, _ = scaled(arr)
    if arr.sum() <= 0:
        raise fail(name, "values that are all zero", "non-negative values with a positive total",
                   "总和为正的非负数值", zh=zh)
    return arr


def pareto_table(values, name: str = "value") -> pd.DataFrame:
    """Pareto table: customers from largest to smallest with cumulative shares (帕累托表).

    Parameters
    ----------
    values : Series or array-like
        Non-negative value per customer (a Series keeps its index as ``id``).
    name : str
        Name of the value column in the result.

    Returns
    -------
    DataFrame
        ``rank``, ``id``, ``name``, ``share``, ``cum_share`` (累计价值占比) and
        ``cum_customer_share`` (累计客户占比 = rank / n).

    Notes
    -----
    Ties: value descending, then id ascending (position for arrays).

    Examples
    --------
    >>> pareto_table([1, 3, 6])[["value", "cum_share", "cum_customer_share"]].values.round(3).tolist()
    [[6.0, 0.6, 0.333], [3.0, 0.9, 0.667], [1.0, 1.0, 1.0]]
    """
    check_column(name, "name", zh="数值列名")
    reserved = ("rank", "id", "share", "cum_share", "cum_customer_share")
    if name in reserved:
        raise fail("name", name, f"a name other than the table's own columns {reserved}",
                   "不同于表格自有列名（rank、id、share、cum_share、cum_customer_share）的名称",
                   zh="数值列名")
    ids = values.index.to_numpy() if isinstance(values, pd.Series) else None
    raw = real_array(values.to_numpy() if isinstance(values, pd.Series) else values,
                      "values", zh="数值", nonnegative=True)
    _positive_total(raw, "values", "数值")
    if ids is None:
        ids = np.arange(raw.size)
    frame = pd.DataFrame({"id": ids, name: raw})
    check_ids(frame, "id", "values", "数值", unique=True)
    out = rank_desc(frame, name, "id")
    v, _ = scaled(out[name].to_numpy())
    running = np.cumsum(v)
    out["share"] = v / running[-1]
    out["cum_share"] = np.minimum(running / running[-1], 1.0)   # the last is exactly 1
    out["cum_customer_share"] = out["rank"] / len(out)
    return out


def lorenz_curve(values) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve (洛伦兹曲线): population share and value share, from (0, 0).

    Parameters
    ----------
    values : array-like
        Non-negative values with a positive total.

    Returns
    -------
    population_share, value_share : ndarray
        Length ``n + 1``; customers sorted from smallest to largest, so the curve
        runs from (0, 0) to (1, 1) below the diagonal.

    Examples
    --------
    >>> p, v = lorenz_curve([1, 2, 3, 4])
    >>> p.tolist(), v.tolist()
    ([0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 0.1, 0.3, 0.6, 1.0])
    """
    arr = np.sort(_positive_total(values, "values", "数值"))
    n = arr.size
    cum = np.concatenate(([0.0], np.cumsum(arr)))
    return np.arange(n + 1) / n, cum / cum[-1]


def top_share(values, customer_share: float = 0.2) -> float:
    """Share of total value held by the top ``customer_share`` of customers (前 x% 客户占比).

    Read off the Lorenz curve with linear interpolation, so the answer is
    defined for any share and any number of customers:
    ``1 − L(1 − customer_share)``.

    Examples
    --------
    >>> top_share([1, 1, 1, 7], 0.25)
    0.7
    >>> round(top_share([1, 1, 1, 7], 0.125), 3)
    0.35
    """
    q = check_number(customer_share, "customer_share", zh="客户比例", low=0, high=1)
    p, v = lorenz_curve(values)
    return float(1.0 - np.interp(1.0 - q, p, v))


def gini(values, correction: bool = False) -> float:
    """Gini coefficient of concentration (基尼系数), in O(n log n).

    Parameters
    ----------
    values : array-like
        Non-negative values (sales per customer) with a positive total.
    correction : bool, default False
        Multiply by :math:`n/(n-1)` (small-sample correction), so that "one
        customer has everything" gives exactly 1 for any ``n``.

    Returns
    -------
    float
        0 when all values are equal; :math:`(n-1)/n` (uncorrected) when one
        customer holds everything.

    Notes
    -----
    With values sorted ascending, :math:`x_{(1)} \\le \\dots \\le x_{(n)}`,

    .. math:: G = \\frac{\\sum_{i=1}^n (2i - n - 1)\\, x_{(i)}}{n \\sum_i x_i},

    which equals twice the area between the diagonal and the Lorenz curve and the
    mean absolute difference over twice the mean.  One sort, then a dot product
    (QuantEcon's ``gini_coefficient`` uses an O(n²) double loop; the result is
    the same).

    Examples
    --------
    >>> round(gini([1, 2, 3, 4, 5]), 4)
    0.2667
    >>> gini([0, 0, 0, 0, 1])
    0.8
    >>> gini([0, 0, 0, 0, 1], correction=True)
    1.0
    >>> gini([3, 3, 3])
    0.0
    """
    correction = check_bool(correction, "correction", zh="小样本修正")
    arr = np.sort(_positive_total(values, "values", "数值"))
    n = arr.size
    if correction and n < 2:
        raise fail("values", "a single value", "at least two values when correction=True",
                   "使用小样本修正时至少两个数值", zh="数值")
    weights = 2.0 * np.arange(1, n + 1, dtype=float) - n - 1.0
    g = float(weights @ arr / (n * arr.sum()))
    if correction:
        g *= n / (n - 1)
    return round(g, 15) + 0.0


# ---------------------------------------------------------------------------
# whale curve
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class WhaleCurve:
    """Result of :func:`whale_curve` (鲸鱼曲线).

    Attributes
    ----------
    curve : DataFrame
        One row per customer sorted by profit (largest first): ``rank``, ``id``,
        ``profit``, ``customer_share``, ``cum_profit``, ``cum_profit_share``.
    peak : float
        Highest cumulative profit share (1.2 means 120% of total profit).
    peak_customer_share : float
        Share of customers (sorted by profit) at which the peak is reached.
    peak_customers : int
        Number of customers up to the peak (all profitable customers).
    loss_customers : int
        Customers with negative profit (亏损客户).
    loss_customer_share : float
        ``loss_customers / n``.
    total_profit : float
        Total profit of all customers.
    """

    curve: pd.DataFrame
    peak: float
    peak_customer_share: float
    peak_customers: int
    loss_customers: int
    loss_customer_share: float
    total_profit: float

    def as_dict(self) -> dict:
        """The numbers (without the curve) as a plain dict."""
        return {k: getattr(self, k) for k in ("peak", "peak_customer_share", "peak_customers",
                                               "loss_customers", "loss_customer_share",
                                               "total_profit")}


def whale_curve(profit_by_customer, profit_col: str = "profit",
                id_col: str = "customer_id") -> WhaleCurve:
    """Whale curve of cumulative customer profitability (客户盈利鲸鱼曲线).

    Parameters
    ----------
    profit_by_customer : Series or DataFrame
        Profit per customer (may be negative): a Series indexed by customer id, or
        a frame with ``id_col`` and ``profit_col``.
    profit_col, id_col : str
        Column names for a DataFrame.

    Returns
    -------
    WhaleCurve
        The curve and its peak (see :class:`WhaleCurve`).

    Notes
    -----
    Sort customers by profit from largest to smallest (ties: id ascending) and
    plot :math:`C_k = \\sum_{j\\le k}\\pi_{(j)} / \\sum_j \\pi_j` against
    :math:`k/n`.  The curve rises while customers are profitable, peaks above 1
    where the loss-making ones begin, and falls back to exactly 1.  The seed's
    "20% of customers create 120% of profit" [003] is a peak of 1.2 near 0.2.
    Total profit must be positive (otherwise the shares have no meaning).

    References
    ----------
    [003] 80/20 定律: 20% 的客户创造了 120% 的利润；不断吞噬利润的劣质客户.
    Kaplan, R. S., & Narayanan, V. G. (2001). Measuring and managing customer
    profitability. Journal of Cost Management, 15(5), 5–15.

    Examples
    --------
    >>> import pandas as pd
    >>> w = whale_curve(pd.Series([60, 50, 10, -20], index=["a", "b", "c", "d"]))
    >>> w.peak, w.peak_customers, w.loss_customers
    (1.2, 3, 1)
    >>> w.curve["cum_profit_share"].tolist()
    [0.6, 1.1, 1.2, 1.0]
    """
    refuse_reserved(("rank",), profit_col=profit_col, id_col=id_col)
    frame = id_value_frame(profit_by_customer, profit_col, id_col, name="profit_by_customer",
                           zh="客户利润", nonnegative=False, value_arg="profit_col")
    p = frame[profit_col].to_numpy()
    _, s = scaled(p)                        # shares on scaled profits: finite for any input
    out = rank_desc(frame, profit_col, id_col).rename(columns={id_col: "id", profit_col: "profit"})
    n = len(out)
    cum_scaled = np.cumsum(out["profit"].to_numpy() / s)
    total_scaled = cum_scaled[-1]           # so that the curve ends at exactly 1
    if total_scaled <= 0:
        raise fail("profit_by_customer", described(f"total profit {total_scaled * s:g}"),
                   "profits with a positive total", "总利润为正的客户利润", zh="客户利润")
    with np.errstate(over="ignore"):
        total = check_finite_result(total_scaled * s, "the total profit", "总利润",
                                    arguments=("profit_by_customer",))
        out["cum_profit"] = check_finite_result(cum_scaled * s, "the cumulative profit",
                                                "累计利润", arguments=("profit_by_customer",))
    out["customer_share"] = out["rank"] / n
    out["cum_profit_share"] = cum_scaled / total_scaled
    out = out[["rank", "id", "profit", "customer_share", "cum_profit", "cum_profit_share"]]
    k = int(np.argmax(out["cum_profit_share"].to_numpy()))
    losses = int((p < 0).sum())
    return WhaleCurve(curve=out, peak=float(out["cum_profit_share"].iloc[k]),
                      peak_customer_share=float((k + 1) / n), peak_customers=k + 1,
                      loss_customers=losses, loss_customer_share=losses / n,
                      total_profit=float(total))


# ---------------------------------------------------------------------------
# RFM
# ---------------------------------------------------------------------------

def _period_index(days: np.ndarray, freq: str) -> np.ndarray:
    """Integer period number of each day number (days since 1970-01-01)."""
    if freq == "D":
        return days
    # weeks Monday..Sunday, like pandas' "W" (W-SUN) periods; 1970-01-05 was a Monday
    return np.floor_divide(days - 4, 7)


def _day_numbers(dates, name: str, zh: str) -> np.ndarray:
    """Day numbers (days since 1970-01-01) of dates; yyyymmdd integers are read as dates."""
    ts = to_datetimes(dates, name, zh)
    return ts.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)


def rfm_table(transactions: pd.DataFrame, customer_id_col: str = "customer_id",
              datetime_col: str = "date", monetary_value_col: str = "sales",
              observation_end=None, mode: str = "classic", freq: str = "D",
              order_id_col: str | None = None) -> pd.DataFrame:
    """RFM table from transactions (RFM 分析：近度 recency、频度 frequency、额度 monetary).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase (or per order line, see ``order_id_col``).
    customer_id_col, datetime_col, monetary_value_col : str
        Column names (as PyMC-Marketing's ``rfm_summary``).  Amounts must be
        non-negative.
    observation_end : date-like, optional
        End of the observation period (观察期末); default the last date in the
        data.  Rows after it are left out, as ``lifetimes`` does.
    mode : {"classic", "repeat"}
        ``"classic"``: the marketing definition [003].  ``"repeat"``: the
        repeat-purchase definition of ``lifetimes`` and PyMC-Marketing (input to
        BG/NBD and Gamma-Gamma models).
    freq : {"D", "W"}
        Time unit: days, or weeks Monday–Sunday.  Dates are first moved to the
        start of their period, so purchases in the same period are one period.
    order_id_col : str, optional
        Classic mode only: count distinct order ids instead of rows (use it when
        each row is an order line).

    Returns
    -------
    DataFrame
        Indexed by customer id (sorted).  Classic: ``recency`` (periods from the
        last purchase to ``observation_end``, int), ``frequency`` (number of
        purchases, int), ``monetary`` (total amount).  Repeat: ``frequency``,
        ``recency``, ``T``, ``monetary_value`` (all float), exactly as
        ``lifetimes.utils.summary_data_from_transaction_data`` with the same
        ``freq``.

    Notes
    -----
    Let a customer's purchase periods be :math:`t_1 < \\dots < t_m` (purchases in
    the same period merged, their amounts added) and :math:`t_e` the period of
    ``observation_end``.

    * classic: recency :math:`= t_e - t_m`; frequency = number of rows (or
      distinct orders); monetary = total amount.  Small recency is good.
    * repeat: frequency :math:`= m - 1` (repeat periods); recency
      :math:`= t_m - t_1` (age at the last purchase; *large* is good);
      :math:`T = t_e - t_1`; monetary_value = mean amount of the repeat periods
      :math:`2..m` (0 when :math:`m = 1`).

    Vectorised: one integer sort of (customer, period) keys and segment sums
    (``np.add.reduceat``); no ``groupby.apply``.  Amounts are summed in a
    different order from ``lifetimes``, so on arbitrary decimals the monetary
    values may differ in the last bit (relative 1e-15); counts are identical.

    References
    ----------
    [003] 客户信息差异化分析 RFMD: Recent 近况, Frequency 购买频率, Monetary 消费金额.
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using
    iso-value curves for customer base analysis. Journal of Marketing
    Research, 42(4), 415–430.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                   "date": pd.to_datetime(["2024-01-01", "2024-01-01",
    ...                                           "2024-01-11", "2024-01-05"]),
    ...                   "sales": [10.0, 5.0, 20.0, 8.0]})
    >>> rfm_table(t, observation_end="2024-01-31").values.tolist()
    [[20.0, 3.0, 35.0], [26.0, 1.0, 8.0]]
    >>> rfm_table(t, observation_end="2024-01-31", mode="repeat").values.tolist()
    [[1.0, 10.0, 30.0, 20.0], [0.0, 0.0, 26.0, 0.0]]
    """
    mode = check_choice(mode, "mode", ("classic", "repeat"), zh="口径")
    freq = check_choice(freq, "freq", ("D", "W"), zh="时间单位")
    cols = {"customer_id_col": customer_id_col, "datetime_col": datetime_col,
            "monetary_value_col": monetary_value_col}
    if order_id_col is not None:
        if mode != "classic":
            raise fail("order_id_col", order_id_col, "None when mode='repeat'",
                       "None（repeat 口径按时间段合并，不用订单号）", zh="订单号列")
        cols["order_id_col"] = order_id_col
    frame = columns(transactions, "transactions", "交易记录", **cols)
    defaults = {"customer_id_col": "customer_id", "datetime_col": "date",
                "monetary_value_col": "sales"}
    seen: dict = {}
    for arg, col in cols.items():
        if col in seen:
            first = seen[col]
            # blame the argument the caller changed: the other one still has its default
            blamed, other = ((first, arg) if defaults.get(arg) == col and
                             defaults.get(first) != col else (arg, first))
            raise fail(blamed, col, f"a column other than {other} = {col!r} "
                       "(each role needs its own column)",
                       f"与 {other} = {col!r} 不同的列（每个角色各用一列）", zh="列名")
        seen[col] = arg
    money = numeric_column(frame, monetary_value_col, "transactions", "交易记录")
    check_nonnegative(money, f"transactions[{monetary_value_col!r}]", "交易记录")
    check_ids(frame, customer_id_col, "transactions", "交易记录")
    if order_id_col is not None:
        # a missing order id would be counted as somebody else's order (issue 11)
        check_ids(frame, order_id_col, "transactions", "交易记录")
    ids = frame[customer_id_col]
    period = _period_index(_day_numbers(frame[datetime_col], f"transactions[{datetime_col!r}]",
                                        "交易记录"), freq)
    if observation_end is None:
        end = int(period.max())
    else:
        if isinstance(observation_end, (list, tuple, set, dict, np.ndarray, pd.Series)):
            raise fail("observation_end", observation_end, "one date", "一个日期", zh="观察期末",
                       kind=InputTypeError)
        end = int(_period_index(_day_numbers(pd.Series([observation_end]), "observation_end",
                                             "观察期末"), freq)[0])
    keep = period <= end
    if not keep.any():
        raise fail("observation_end", observation_end, "a date on or after the first purchase",
                   "不早于第一笔交易的日期", zh="观察期末")
    if not keep.all():
        period, money, ids = period[keep], money[keep], ids[keep]
        frame = frame[keep]
    codes, uniques = pd.factorize(ids, sort=True)
    codes = codes.astype(np.int64)
    pmin = int(period.min())
    span = end - pmin + 1
    key = codes * span + (period - pmin)
    order = np.argsort(key, kind="stable")
    skey = key[order]
    new = np.empty(skey.size, dtype=bool)
    new[0] = True
    np.not_equal(skey[1:], skey[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    pkey = skey[starts]
    pmoney = check_finite_result(np.add.reduceat(money[order], starts), "the monetary totals",
                                 "消费总额", arguments=("transactions",))
    pcust = pkey // span
    pper = pkey % span
    cnew = np.empty(pcust.size, dtype=bool)
    cnew[0] = True
    np.not_equal(pcust[1:], pcust[:-1], out=cnew[1:])
    cstarts = np.flatnonzero(cnew)
    cends = np.append(cstarts[1:], pcust.size) - 1
    first = pper[cstarts]
    last = pper[cends]
    m = cends - cstarts + 1
    index = pd.Index(uniques, name=customer_id_col)
    if mode == "repeat":
        repeat_money = pmoney.copy()
        repeat_money[cstarts] = 0.0
        rsum = np.add.reduceat(repeat_money, cstarts)
        mv = np.divide(rsum, m - 1, out=np.zeros(m.size), where=m > 1)
        return pd.DataFrame({
            "frequency": (m - 1).astype(float),
            "recency": (last - first).astype(float),
            "T": ((end - pmin) - first).astype(float),
            "monetary_value": mv,
        }, index=index)
    total = check_finite_result(np.add.reduceat(pmoney, cstarts), "the monetary totals",
                                "消费总额", arguments=("transactions",))
    if order_id_col is None:
        n_buy = np.bincount(codes, minlength=len(uniques))
    else:
        ocodes, _ = pd.factorize(frame[order_id_col])
        width = int(ocodes.max()) + 1
        pairs = np.unique(codes * width + ocodes.astype(np.int64))
        n_buy = np.bincount(pairs // width, minlength=len(uniques))
    return pd.DataFrame({
        "recency": ((end - pmin) - last).astype(np.int64),
        "frequency": n_buy.astype(np.int64),
        "monetary": total,
    }, index=index)


def _score(values: np.ndarray, bins: int, higher_is_better: bool) -> np.ndarray:
    s = pd.Series(values if higher_is_better else -values)
    r = s.rank(method="min").to_numpy()
    return (np.floor((r - 1) * bins / len(values)) + 1).astype(np.int64)


def rfm_score(rfm: pd.DataFrame, bins: int = 5, recency_col: str = "recency",
              frequency_col: str = "frequency", monetary_col: str | None = None) -> pd.DataFrame:
    """Quantile scores 1..bins for R, F and M (RFM 打分).

    Parameters
    ----------
    rfm : DataFrame
        Output of :func:`rfm_table` (either mode), one row per customer (unique
        index).
    bins : int, default 5
        Number of score levels (2–10).
    recency_col, frequency_col : str
        Column names.
    monetary_col : str, optional
        Default ``"monetary"`` or, if absent, ``"monetary_value"``.

    Returns
    -------
    DataFrame
        Same index, with ``r_score``, ``f_score``, ``m_score`` (int), ``rfm_code``
        (e.g. ``"545"``) and ``rfm_sum``.

    Notes
    -----
    Score of a value with rank :math:`r` (method ``"min"``: tied values share the
    lowest rank of their group) among :math:`n` customers:
    :math:`\\lfloor (r-1)\\,b/n \\rfloor + 1`.  So the bins hold ``n/bins``
    customers each when values are distinct, **tied values always get the same
    score** (the score of the first of them), and the result does not depend on
    row order or ids.  Recency is reversed: the most recent customers get ``bins``
    (5).  A table from ``mode="repeat"`` (with a ``T`` column) is scored on
    :math:`T - \\text{recency}`, the time since the last purchase.  A column whose
    values are all equal cannot be scored and raises an error.

    Examples
    --------
    >>> import pandas as pd
    >>> rfm = pd.DataFrame({"recency": [1, 5, 9, 30, 60], "frequency": [9, 7, 7, 2, 1],
    ...                     "monetary": [900, 500, 650, 80, 20]}, index=list("abcde"))
    >>> rfm_score(rfm)[["r_score", "f_score", "m_score"]].values.tolist()
    [[5, 5, 5], [4, 3, 3], [3, 3, 4], [2, 2, 2], [1, 1, 1]]
    """
    b = check_int(bins, "bins", zh="分档数", low=2, high=10)
    if monetary_col is None:
        monetary_col = "monetary" if isinstance(rfm, pd.DataFrame) and \
            "monetary" in rfm.columns else "monetary_value"
    frame = columns(rfm, "rfm", "RFM 表", recency_col=recency_col, frequency_col=frequency_col,
                    monetary_col=monetary_col)
    dup = frame.index.duplicated()
    if dup.any():
        raise fail("rfm", f"customer {frame.index[dup][0]!r} appears more than once",
                   "a table with one row per customer (unique index)",
                   "每个客户只有一行的表格（索引唯一）", zh="RFM 表")
    cols = {}
    for col in (recency_col, frequency_col, monetary_col):
        v = numeric_column(frame, col, "rfm", "RFM 表")
        check_nonnegative(v, f"rfm[{col!r}]", "RFM 表")
        cols[col] = v
    r = cols[recency_col]
    if "T" in frame.columns:
        r = numeric_column(frame, "T", "rfm", "RFM 表") - r
    for col, v in ((recency_col, r), (frequency_col, cols[frequency_col]),
                   (monetary_col, cols[monetary_col])):
        refuse_all_equal(v, f"rfm[{col!r}]", "RFM 表")
    rs = _score(r, b, higher_is_better=False)
    fs = _score(cols[frequency_col], b, higher_is_better=True)
    ms = _score(cols[monetary_col], b, higher_is_better=True)
    code = pd.Series(rs.astype(str)) + pd.Series(fs.astype(str)) + pd.Series(ms.astype(str))
    return pd.DataFrame({"r_score": rs, "f_score": fs, "m_score": ms,
                         "rfm_code": code.to_numpy(dtype=object), "rfm_sum": rs + fs + ms},
                        index=frame.index)


#: The eight R/F/M high–low segments with actions (Chinese and English; wording: CRM Lab).
RFM_SEGMENTS = pd.DataFrame({
    "R": ["高", "低", "高", "低", "高", "低", "高", "低"],
    "F": ["高", "高", "低", "低", "高", "高", "低", "低"],
    "M": ["高", "高", "高", "高", "低", "低", "低", "低"],
    "segment": ["重要价值客户", "重要保持客户", "重要发展客户", "重要挽留客户",
                "一般价值客户", "一般保持客户", "一般发展客户", "一般挽留客户"],
    "segment_en": ["champions (important value)", "important to keep in touch",
                   "important to develop", "important to win back",
                   "regular value", "regular keep in touch", "regular develop",
                   "regular win back / let go"],
    "action_zh": ["专人维护，优先资源，邀请试用新品",
                  "近期少来了：主动联系，了解原因，防止流失",
                  "买得多但不常买：提高购买频次，推荐组合与会员计划",
                  "曾经的大客户，久未购买：重点挽回，必要时上门拜访",
                  "常来但花得少：交叉销售、提升客单价",
                  "常来过但近期少来：低成本提醒与关怀",
                  "新近但少量：引导第二次购买",
                  "久未购买且价值低：低成本触达，必要时放弃"],
    "action_en": ["dedicated care, priority resources, invite to trial new products",
                  "coming less lately: contact them, learn why, prevent churn",
                  "big but rare purchases: raise frequency with bundles and membership",
                  "former big buyers gone quiet: win them back, visit if needed",
                  "frequent but small: cross-sell, raise basket size",
                  "used to come often: low-cost reminders and care",
                  "recent but small: encourage the second purchase",
                  "long gone and low value: low-cost contact only, or let go"],
})


def rfm_segment(scores: pd.DataFrame, threshold="mean") -> pd.DataFrame:
    """Eight RFM segments from R/F/M high–low (RFM 八类客户).

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`rfm_score` (columns ``r_score``, ``f_score``, ``m_score``).
    threshold : "mean" or float, default "mean"
        A score is *high* (高) when it is strictly above this cut; ``"mean"`` uses
        each score's mean over all customers (the usual convention), a number uses
        the same cut for R, F and M (e.g. 3 with 5 bins: 4 and 5 are high).

    Returns
    -------
    DataFrame
        Same index: ``R``, ``F``, ``M`` (高/低), ``segment`` (Chinese) and
        ``segment_en``; actions in :data:`RFM_SEGMENTS`.

    Notes
    -----
    ========  ========  ========  ==============
    R         F         M         segment
    ========  ========  ========  ==============
    高        高        高        重要价值客户
    低        高        高        重要保持客户
    高        低        高        重要发展客户
    低        低        高        重要挽留客户
    高/低     …         低        一般价值/保持/发展/挽留客户
    ========  ========  ========  ==============

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"r_score": [5, 1, 5, 1], "f_score": [5, 5, 1, 1],
    ...                   "m_score": [5, 5, 5, 1]}, index=list("abcd"))
    >>> rfm_segment(s)["segment"].tolist()
    ['重要价值客户', '重要保持客户', '重要发展客户', '一般挽留客户']
    """
    frame = check_frame(scores, "scores", ["r_score", "f_score", "m_score"], zh="RFM 得分")
    highs = {}
    for letter in "rfm":
        v = numeric_column(frame, f"{letter}_score", "scores", "RFM 得分")
        if isinstance(threshold, str):
            check_choice(threshold, "threshold", ("mean",), zh="高低分界")
            cut = v.mean()
        else:
            cut = check_number(threshold, "threshold", zh="高低分界")
        highs[letter] = v > cut
    code = (~highs["r"]).astype(int) + 2 * (~highs["f"]) + 4 * (~highs["m"])
    table = RFM_SEGMENTS
    return pd.DataFrame({
        "R": table["R"].to_numpy()[code], "F": table["F"].to_numpy()[code],
        "M": table["M"].to_numpy()[code],
        "segment": table["segment"].to_numpy()[code],
        "segment_en": table["segment_en"].to_numpy()[code],
    }, index=frame.index)


def segment_mix(groups: pd.DataFrame, attributes: pd.DataFrame, by: str = "customer_type",
                segment_col: str = "segment", id_col: str = "customer_id") -> pd.DataFrame:
    """Share of each RFM segment within each customer attribute (RFM(D) 的 D：按客户属性看分群).

    The D of RFMD [003] is *demographics and lifestyle* (人口统计资料和生活方式):
    who the customer is, beside how it buys.  For business customers the
    equivalent attributes are the kind of business and where it is (customer
    type, region).  This crosses the RFM segments of :func:`rfm_segment` with one
    such attribute.

    Parameters
    ----------
    groups : DataFrame
        The result of :func:`rfm_segment`, indexed by customer id.
    attributes : DataFrame
        One row per customer with ``id_col`` and ``by``.
    by : str
        The attribute column, e.g. ``"customer_type"`` or ``"region"``.
    segment_col, id_col : str
        Column names.

    Returns
    -------
    DataFrame
        Rows = attribute values (in category order if categorical, else sorted),
        columns = the segments of :data:`RFM_SEGMENTS` in table order; each cell
        the share of that attribute's customers in that segment (rows sum to 1),
        plus a ``customers`` column (customers with both an RFM segment and the
        attribute).  Customers missing from either table are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户", "重要价值客户"]},
    ...                  index=pd.Index(["a", "b", "c"], name="customer_id"))
    >>> a = pd.DataFrame({"customer_id": ["a", "b", "c"], "customer_type": ["酒店", "酒店", "商店"]})
    >>> m = segment_mix(g, a)
    >>> float(m.loc["酒店", "重要价值客户"]), float(m.loc["商店", "重要价值客户"]), m["customers"].tolist()
    (0.5, 1.0, [1, 2])
    """
    seg = columns(groups, "groups", "RFM 分群", segment_col=segment_col)
    attrs = columns(attributes, "attributes", "客户属性", id_col=id_col, by=by)
    if by == id_col:
        raise fail("by", by, f"an attribute column other than id_col = {id_col!r} "
                   "(one customer per id: its segment mix is just its segment)",
                   f"与 id_col = {id_col!r} 不同的客户属性列（每个编号只有一个客户）", zh="客户属性")
    check_ids(attrs, id_col, "attributes", "客户属性", unique=True)
    check_ids(attrs, by, "attributes", "客户属性")
    if seg.index.has_duplicates:
        raise fail("groups", described(f"customer {seg.index[seg.index.duplicated()][0]!r} twice"),
                   "one row per customer (unique index)", "每个客户一行（索引唯一）", zh="RFM 分群")
    known = set(RFM_SEGMENTS["segment"])
    unknown = [s for s in pd.unique(seg[segment_col]) if s not in known]
    if unknown:
        raise fail(f"groups[{segment_col!r}]", unknown[0], "segments of rfm_segment()",
                   "rfm_segment() 给出的分群", zh="RFM 分群")
    # internal names: by and segment_col may be the same name in the two tables
    joined = attrs.set_index(id_col)[by].rename("_by").to_frame().join(
        seg[segment_col].rename("_segment"), how="inner")
    if joined.empty:
        raise fail("attributes", described("no customer in common with groups"),
                   "the same customer ids as groups", "与 groups 相同的客户编号", zh="客户属性")
    counts = pd.crosstab(joined["_by"], joined["_segment"])
    counts = counts.reindex(columns=list(RFM_SEGMENTS["segment"]), fill_value=0)
    if isinstance(attrs[by].dtype, pd.CategoricalDtype):
        counts = counts.reindex([c for c in attrs[by].cat.categories if c in counts.index])
    n = counts.sum(axis=1)
    out = counts.div(n, axis=0).astype(float)
    out.columns.name = "segment"
    out.index.name = by
    out["customers"] = n.astype(np.int64)
    return out


#: The three lists of :func:`customer_lists`, in the order they are shown, and the
#: label of customers on none of them.
CUSTOMER_LISTS = ("红名单", "警示名单", "黑名单", "不在名单上")
_CUSTOMER_LISTS_EN = ("red list", "watch list", "black list", "on no list")


def customer_lists(groups: pd.DataFrame, profit, segment_col: str = "segment",
                   monetary_col: str = "M", profit_col: str = "profit") -> pd.DataFrame:
    """Red, watch and black lists from the RFM segment *and* profit (红名单、警示名单、黑名单).

    Parameters
    ----------
    groups : DataFrame
        The result of :func:`rfm_segment`, indexed by customer id (columns
        ``segment_col`` and ``monetary_col``, the 高/低 of the M score).
    profit : Series or DataFrame
        Profit per customer for the period judged (e.g. one year), indexed by
        customer id: a Series, or a DataFrame with ``profit_col`` such as
        :func:`crmlab.accounts.customer_summary`.
    segment_col, monetary_col, profit_col : str
        Column names.

    Returns
    -------
    DataFrame
        The customers in both tables (index of ``groups``, in its order), with
        ``segment``, ``M``, ``profit``, ``list`` (ordered categorical of
        :data:`CUSTOMER_LISTS`) and ``list_en``.

    Notes
    -----
    The seed [003] asks for a 红名单 and a 黑名单 but gives no rule; on the same
    page it lists 客户利润分析 (profitability) among the analyses of customer
    information.  The rule here is 本书补充 (a convention to discuss):

    * 红名单 (red list): segment 重要价值客户 (R, F and M all high) and profit > 0;
    * 警示名单 (watch list): M high (the four 重要… segments) and profit < 0 – the
      customers RFM calls important that lose money;
    * 黑名单 (black list): M low (the four 一般… segments) and profit < 0;
    * everyone else is 不在名单上.

    So every loss-making customer is on exactly one list, and the M score
    decides which.  RFM measures how a customer buys, not what it earns us: a
    customer with deep discounts can be a 重要价值客户 and the largest loss
    (Kaplan & Narayanan 2001 on customer profitability).

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"segment": ["重要价值客户", "重要价值客户", "一般挽留客户", "一般挽留客户"],
    ...                   "M": ["高", "高", "低", "低"]}, index=list("abcd"))
    >>> p = pd.Series({"a": 500.0, "b": -900.0, "c": -20.0, "d": 5.0})
    >>> customer_lists(g, p)["list"].astype(str).tolist()
    ['红名单', '警示名单', '黑名单', '不在名单上']
    """
    frame = columns(groups, "groups", "RFM 分群", segment_col=segment_col,
                    monetary_col=monetary_col)
    check_column(profit_col, "profit_col", zh="列名")
    if isinstance(profit, pd.Series):
        profit = profit.rename(profit_col).to_frame()
    prof = columns(profit, "profit", "利润", profit_col=profit_col)
    for name, zh, index in (("groups", "RFM 分群", frame.index), ("profit", "利润", prof.index)):
        if index.has_duplicates:
            raise fail(name, described(f"customer {index[index.duplicated()][0]!r} twice"),
                       "one row per customer (unique index)", "每个客户一行（索引唯一）", zh=zh)
    known = set(RFM_SEGMENTS["segment"])
    unknown = [s for s in pd.unique(frame[segment_col]) if s not in known]
    if unknown:
        raise fail(f"groups[{segment_col!r}]", unknown[0], "segments of rfm_segment()",
                   "rfm_segment() 给出的分群", zh="RFM 分群")
    m = frame[monetary_col]
    if not m.isin(["高", "低"]).all():
        raise fail(f"groups[{monetary_col!r}]", m[~m.isin(["高", "低"])].iloc[0],
                   "高 or 低 (as rfm_segment() gives)", "高或低（rfm_segment() 给出的）",
                   zh="RFM 分群")
    values = pd.Series(numeric_column(prof, profit_col, "profit", "利润"), index=prof.index)
    common = frame.index[frame.index.isin(values.index)]
    if common.empty:
        raise fail("profit", described("no customer in common with groups"),
                   "profits of the customers in groups", "groups 中客户的利润", zh="利润")
    seg = frame.loc[common, segment_col].to_numpy()
    high = frame.loc[common, monetary_col].to_numpy() == "高"
    p = values.loc[common].to_numpy()
    code = np.select([(seg == "重要价值客户") & (p > 0), high & (p < 0), ~high & (p < 0)],
                     [0, 1, 2], default=3)
    out = pd.DataFrame({"segment": seg, "M": frame.loc[common, monetary_col].to_numpy(),
                        "profit": p}, index=common)
    out["list"] = pd.Categorical.from_codes(code, categories=list(CUSTOMER_LISTS), ordered=True)
    out["list_en"] = np.asarray(_CUSTOMER_LISTS_EN, dtype=object)[code]
    return out


def customer_list_summary(lists: pd.DataFrame) -> pd.DataFrame:
    """Customers and profit on each list of :func:`customer_lists` (名单汇总).

    Returns
    -------
    DataFrame
        One row per entry of :data:`CUSTOMER_LISTS` (index ``list``), columns
        ``customers``, ``customer_share``, ``profit`` (the list's total) and
        ``avg_profit`` (per customer; NaN for an empty list).

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"segment": ["重要价值客户", "重要价值客户", "一般挽留客户", "一般挽留客户"],
    ...                   "M": ["高", "高", "低", "低"]}, index=list("abcd"))
    >>> s = customer_list_summary(customer_lists(g, pd.Series({"a": 5.0, "b": -9.0, "c": -2.0, "d": -1.0})))
    >>> s["customers"].tolist(), s["profit"].tolist()
    ([1, 1, 2, 0], [5.0, -9.0, -3.0, 0.0])
    """
    frame = check_frame(lists, "lists", ["list", "profit"], zh="名单")
    if not frame["list"].isin(CUSTOMER_LISTS).all():
        raise fail("lists['list']", frame.loc[~frame["list"].isin(CUSTOMER_LISTS), "list"].iloc[0],
                   "lists of customer_lists()", "customer_lists() 给出的名单", zh="名单")
    profit = pd.Series(numeric_column(frame, "profit", "lists", "名单"), index=frame.index)
    key = pd.Categorical(frame["list"].astype(str), categories=list(CUSTOMER_LISTS), ordered=True)
    grouped = profit.groupby(key, observed=False)
    out = pd.DataFrame({"customers": grouped.size().astype(np.int64),
                        "profit": grouped.sum()})
    out.insert(1, "customer_share", out["customers"] / len(frame))
    out["avg_profit"] = out["profit"] / out["customers"].where(out["customers"] > 0)
    out.index = pd.Index(list(CUSTOMER_LISTS), name="list")
    return out


# ---------------------------------------------------------------------------
# what-if model
# ---------------------------------------------------------------------------

def abc_whatif(data, cut_a: float = 0.7, cut_b: float = 0.9, value_col: str = "sales",
               id_col: str = "customer_id") -> dict:
    """Model of the ABC what-if panel: classes for two cut points (ABC 分类模拟).

    Parameters
    ----------
    data : DataFrame or Series
        As :func:`abc_classify`; bind it with ``functools.partial``.
    cut_a, cut_b : float
        Cumulative sales shares where class A and class B end; ``cut_a < cut_b``.

    Returns
    -------
    dict
        ``counts`` (customers per class), ``customer_share`` and ``value_share``
        (dicts by class), ``summary`` (DataFrame, one row per class) and ``table``
        (the :func:`abc_classify` result, for the chart).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": list("abcde"), "sales": [50, 30, 10, 5, 5]})
    >>> r = abc_whatif(d, cut_a=0.5, cut_b=0.9)
    >>> r["counts"], r["value_share"]["A"]
    ({'A': 1, 'B': 2, 'C': 2}, 0.5)
    """
    # the Chinese names start with a Chinese character, so that a panel, which shows
    # the Chinese half of a message first (widgets.split_message), finds it
    a = check_number(cut_a, "cut_a", zh="累计销售额的 A 类分界", low=0, high=1,
                     low_open=True, high_open=True)
    b = check_number(cut_b, "cut_b", zh="累计销售额的 B 类分界", low=0, high=1,
                     low_open=True, high_open=True)
    if b <= a:
        raise fail("cut_b", cut_b, f"a number above cut_a = {a:g}",
                   f"大于 A 类分界 cut_a = {a:g} 的数值", zh="累计销售额的 B 类分界")
    table = abc_classify(data, value_col=value_col, id_col=id_col, cuts=(a, b))
    grouped = table.groupby("class", observed=False)
    summary = pd.DataFrame({
        "customers": grouped.size(),
        "value": check_finite_result(grouped[value_col].sum(), "the class totals", "各类合计",
                                     arguments=("data",)),
        "value_share": grouped["share"].sum(),
    })
    summary.insert(1, "customer_share", summary["customers"] / len(table))
    summary.index = summary.index.astype(str)
    return {
        "counts": {k: int(v) for k, v in summary["customers"].items()},
        "customer_share": {k: float(v) for k, v in summary["customer_share"].items()},
        "value_share": {k: float(v) for k, v in summary["value_share"].items()},
        "summary": summary,
        "table": table,
    }



def sales_by_customer(data, value_col: str = "sales", id_col: str = "customer_id") -> pd.DataFrame:
    """One row per customer with total value: order lines are summed (按客户汇总销售额).

    Parameters
    ----------
    data : DataFrame or Series
        Order lines (a customer may appear on many rows) or one row per customer,
        with ``id_col`` and ``value_col``; or a Series of values indexed by
        customer id.
    value_col, id_col : str
        Column names.

    Returns
    -------
    DataFrame
        Columns ``id_col`` and ``value_col`` (float), one row per customer, sorted
        by id.  Values must be non-negative and ids present.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["b", "a", "b"], "sales": [10.0, 5.0, 20.0]})
    >>> sales_by_customer(o).values.tolist()
    [['a', 5.0], ['b', 30.0]]
    """
    check_column(value_col, "value_col", zh="列名")
    check_column(id_col, "id_col", zh="列名")
    if value_col == id_col:
        raise fail("id_col", id_col, f"a name other than value_col = {value_col!r}",
                   f"与 value_col = {value_col!r} 不同的列名", zh="列名")
    if isinstance(data, pd.Series):
        data = pd.DataFrame({id_col: data.index.to_numpy(), value_col: data.to_numpy()})
    frame = columns(data, "data", "数据", id_col=id_col, value_col=value_col)
    values = numeric_column(frame, value_col, "data", "数据")
    check_nonnegative(values, f"data[{value_col!r}]", "数据")
    check_ids(frame, id_col, "data", "数据")
    codes, ids = pd.factorize(frame[id_col], sort=True)
    totals = check_finite_result(np.bincount(codes, weights=values, minlength=len(ids)),
                                 "the customer totals", "客户合计", arguments=("data",))
    return pd.DataFrame({id_col: np.asarray(ids), value_col: totals})


