"""Customer segmentation: ABC classes, tiers, concentration and RFM (客户分类).

Chapter 5 of the workbook.  Every function here is pure: DataFrames or numbers
in, DataFrames, numbers or matplotlib figures out.

* :func:`abc_classify` – the ABC method (ABC 分类法) [001]: rank customers by
  annual sales, accumulate, cut the cumulative share of sales into classes.
* :func:`management_tiers` – the four management tiers 顶尖/主要/普通/小客户 by
  sales and development potential [002]; :data:`MANAGEMENT_ACTIONS`.
* :func:`value_tiers` – 重点 / 巩固·维持 / 退出 tiers by customer share [003];
  :data:`TIER_ACTIONS`.
* :func:`pareto_table`, :func:`top_share`, :func:`lorenz_curve`, :func:`gini` –
  concentration (80/20, 帕累托, 洛伦兹曲线, 基尼系数).
* :func:`whale_curve` – cumulative profit of customers sorted by profit; the
  seed's "20% of customers make 120% of profit" [003].
* :func:`rfm_table`, :func:`rfm_score`, :func:`rfm_segment` – RFM analysis
  (近度、频度、额度) [003], classic or in the repeat-purchase form of
  ``lifetimes`` / PyMC-Marketing; :data:`RFM_SEGMENTS`.
* :func:`plot_pareto`, :func:`plot_lorenz`, :func:`plot_whale` – charts.
* :func:`abc_whatif` – the pure model behind the ABC what-if panel.
* :func:`display_table`, :data:`COLUMN_LABELS` – a copy of a result table with
  Chinese column labels for display (the column names of the results stay
  English).

Ties are always broken the same way: by value (largest first), then by id
(smallest first), so the same data always give the same classes.

References
----------
[001] 市场营销实务 第十六章 客户价值管理 (seed 001): ABC 分类法.
[002] 客户管理实务 第四章 客户分类管理 (seed 002): 顶尖/主要/普通/小客户.
[003] 客户关系管理 培训讲义 (seed 003): 价值分层、20% 的客户创造了 120% 的利润、RFMD.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .plotting import PALETTE, figure_and_axes, new_figure
from .validation import (
    InputError,
    InputTypeError,
    check_array,
    check_choice,
    check_frame,
    check_int,
    check_number,
    check_unique,
    fail,
)

__all__ = [
    "abc_classify",
    "management_tiers",
    "MANAGEMENT_ACTIONS",
    "value_tiers",
    "TIER_ACTIONS",
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
    "abc_whatif",
    "sales_by_customer",
    "abc_panel_model",
    "abc_panel",
    "plot_pareto",
    "plot_lorenz",
    "plot_whale",
    "COLUMN_LABELS",
    "display_table",
]


# ---------------------------------------------------------------------------
# shared checks
# ---------------------------------------------------------------------------

def _numeric_column(frame: pd.DataFrame, column: str, name: str, zh: str | None) -> np.ndarray:
    """The column as a float array; refuse text, booleans and missing values."""
    s = frame[column]
    label = f"{name}[{column!r}]"
    if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
        raise fail(label, f"column of dtype {s.dtype}", "a numeric column", "数值列", zh=zh,
                   kind=InputTypeError)
    arr = s.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise fail(label, f"{arr[i]!r} in row {i}", "finite numbers (no missing values)",
                   "有限数值（不能有缺失值）", zh=zh)
    return arr


def _check_nonnegative(arr: np.ndarray, label: str, zh: str | None) -> None:
    neg = arr < 0
    if neg.any():
        i = int(np.flatnonzero(neg)[0])
        raise fail(label, f"{arr[i]!r} in row {i}", "numbers >= 0", "非负数值", zh=zh)


def _check_ids(frame: pd.DataFrame, id_col: str, name: str, zh: str | None) -> None:
    missing = frame[id_col].isna().to_numpy()
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise fail(f"{name}[{id_col!r}]", f"a missing id in row {i}", "ids without gaps",
                   "不含缺失值的编号", zh=zh)
    check_unique(frame, id_col, name, zh=zh)


def _id_value_frame(data, value_col: str, id_col: str, *, name: str = "data",
                    zh: str | None = "数据", nonnegative: bool = True) -> pd.DataFrame:
    """Return a two-column frame (id_col, value_col as float) after all checks."""
    if isinstance(data, pd.Series):
        data = pd.DataFrame({id_col: data.index.to_numpy(), value_col: data.to_numpy()})
    frame = check_frame(data, name, [id_col, value_col], zh=zh)
    values = _numeric_column(frame, value_col, name, zh)
    if nonnegative:
        _check_nonnegative(values, f"{name}[{value_col!r}]", zh)
    _check_ids(frame, id_col, name, zh)
    return pd.DataFrame({id_col: frame[id_col].to_numpy(), value_col: values})


def _refuse_all_equal(values: np.ndarray, label: str, zh: str | None) -> None:
    if values.size and values.max() == values.min():
        raise fail(label, f"all {values.size} values equal to {values[0]:g}",
                   "values that are not all equal (otherwise the ranking is arbitrary)",
                   "不全相等的数值（否则排名没有意义）", zh=zh)


def _rank_desc(frame: pd.DataFrame, value_col: str, id_col: str) -> pd.DataFrame:
    """Sort by value (largest first), then id (smallest first); add ``rank`` 1..n."""
    out = frame.sort_values([value_col, id_col], ascending=[False, True], kind="mergesort")
    out = out.reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


def _count_cut(share: float, n: int) -> int:
    """Number of customers in the top ``share`` of ``n`` (the straddling one is included)."""
    return int(math.ceil(round(share * n, 9)))


def _check_cuts(cuts, labels, name: str, zh: str) -> tuple[tuple[float, ...], tuple[str, ...]]:
    try:
        cuts = tuple(cuts)
        labels = tuple(labels)
    except TypeError:
        raise fail(name, cuts, "a sequence of numbers", "数值序列", zh=zh,
                   kind=InputTypeError) from None
    values = tuple(check_number(c, name, zh=zh, low=0, high=1, low_open=True, high_open=True)
                   for c in cuts)
    if not values or any(b <= a for a, b in zip(values, values[1:])):
        raise fail(name, cuts, "strictly increasing numbers in (0, 1)",
                   "(0, 1) 内严格递增的数值", zh=zh)
    if len(labels) != len(values) + 1 or len(set(labels)) != len(labels):
        raise fail("labels", labels, f"{len(values) + 1} distinct names (one more than cuts)",
                   f"{len(values) + 1} 个互不相同的名称（比分界点多一个）", zh="类别名称")
    return values, labels


# ---------------------------------------------------------------------------
# ABC classification
# ---------------------------------------------------------------------------

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
    frame = _id_value_frame(data, value_col, id_col)
    values = frame[value_col].to_numpy()
    _refuse_all_equal(values, f"data[{value_col!r}]", "数据")
    out = _rank_desc(frame, value_col, id_col)
    v = out[value_col].to_numpy()
    total = v.sum()
    running = np.cumsum(v)
    before = np.concatenate(([0.0], running[:-1]))
    out["share"] = v / total
    out["cum_share_before"] = before / total
    out["cum_share"] = running / total
    code = np.searchsorted(np.asarray(cuts), out["cum_share_before"].to_numpy(), side="right")
    out["class"] = pd.Categorical.from_codes(code, categories=list(labels), ordered=True)
    return out


# ---------------------------------------------------------------------------
# management tiers and value tiers
# ---------------------------------------------------------------------------

_MANAGEMENT_TIERS = ("顶尖客户", "主要客户", "普通客户", "小客户")
_MANAGEMENT_TIERS_EN = ("top", "major", "ordinary", "small")

#: The four management tiers of [002] with a management method for each (写作：CRM Lab).
MANAGEMENT_ACTIONS = pd.DataFrame({
    "tier": list(_MANAGEMENT_TIERS),
    "tier_en": list(_MANAGEMENT_TIERS_EN),
    "method_zh": [
        "由高层与专人负责，定期拜访，优先供货，共同制定年度计划",
        "指定客户经理，定期沟通，给予适度的政策支持，挖掘增量",
        "标准化服务，控制服务成本，用促销与产品组合提升订货额",
        "集中配送或由经销商代管，降低拜访频率，关注少数有潜力者",
    ],
    "method_en": [
        "senior management and a dedicated team; regular visits; priority supply; joint annual plans",
        "a named account manager; regular contact; moderate policy support; grow their volume",
        "standard service at controlled cost; promotions and product bundles to raise order size",
        "pooled delivery or served through a wholesaler; fewer visits; watch the few with potential",
    ],
})


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
        and ordinary tiers end; the rest are small customers.  The default is the
        customer pyramid common in Chinese CRM textbooks (1% / 4% / 15% / 80%);
        the seed names the tiers but gives no shares.
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
    :data:`MANAGEMENT_ACTIONS`.

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
    frame = _id_value_frame(data, sales_col, id_col)
    _refuse_all_equal(frame[sales_col].to_numpy(), f"data[{sales_col!r}]", "数据")
    potential = None
    if potential_col is not None:
        raw = check_frame(data, "data", [potential_col], zh="数据")
        potential = _numeric_column(raw, potential_col, "data", "数据")
        frame[potential_col] = potential
    out = _rank_desc(frame, sales_col, id_col)
    n = len(out)
    bounds = np.array([_count_cut(s, n) for s in shares_t])
    code = np.searchsorted(bounds, out["rank"].to_numpy() - 1, side="right")
    out["customer_share"] = out["rank"] / n
    cats = list(_MANAGEMENT_TIERS)
    out["tier_by_sales"] = pd.Categorical.from_codes(code, categories=cats, ordered=True)
    final = code.copy()
    if potential_col is not None:
        p = out[potential_col].to_numpy()
        if potential_cut is None:
            high = p > np.quantile(p, 0.75)
        else:
            high = p >= check_number(potential_cut, "potential_cut", zh="潜力门槛")
        up = high & (code >= 2)
        final = np.where(up, code - 1, code)
        out["moved_up"] = up
    out["tier"] = pd.Categorical.from_codes(final, categories=cats, ordered=True)
    out["tier_en"] = np.asarray(_MANAGEMENT_TIERS_EN, dtype=object)[final]
    return out


_VALUE_TIERS = ("重点", "巩固·维持", "退出")
_VALUE_TIERS_EN = ("focus", "consolidate / maintain", "exit")

#: Strategies for the value tiers of [003], in Chinese and English (wording: CRM Lab).
TIER_ACTIONS = pd.DataFrame({
    "tier": ["重点", "巩固·维持", "巩固·维持", "退出"],
    "strategy": ["重点", "巩固", "维持", "退出"],
    "strategy_en": ["focus", "consolidate", "maintain", "exit"],
    "actions_zh": [
        "配置高级别的服务团队与绿色通道；以团队整体维护关系；深挖需求，提高综合贡献；"
        "率先提供新产品和新服务",
        "扩大在客户采购中的份额；交叉销售更多产品，提高客户对我们的依赖；"
        "做好售后跟踪，及早发现风险",
        "降低维护成本，控制资源再投入；保持现有份额或让其逐步减少；加强管理，严格控制风险",
        "停止额外投入，改用低成本的服务方式或提高价格；收回欠款；有序、礼貌地结束关系",
    ],
    "actions_en": [
        "a senior service team and a fast lane; team-based account care; dig into needs to "
        "raise total contribution; first to get new products and services",
        "grow our share of the customer's purchases; cross-sell so the customer relies on "
        "us more; follow up after sale and spot risks early",
        "cut the cost of serving; stop adding resources; keep the present share or let it "
        "shrink; manage tightly and control risk",
        "stop extra spending; move to low-cost service or raise prices; collect what is "
        "owed; end the relationship politely and in order",
    ],
})


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
        categorical), ``tier_en``.  Strategies: :data:`TIER_ACTIONS`.

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
    frame = _id_value_frame(data, value_col, id_col, nonnegative=False)
    _refuse_all_equal(frame[value_col].to_numpy(), f"data[{value_col!r}]", "数据")
    out = _rank_desc(frame, value_col, id_col)
    n = len(out)
    n_focus = _count_cut(f, n)
    n_exit = int(math.floor(round(e * n, 9)))
    r = out["rank"].to_numpy()
    code = np.where(r <= n_focus, 0, np.where(r > n - n_exit, 2, 1))
    out["tier"] = pd.Categorical.from_codes(code, categories=list(_VALUE_TIERS), ordered=True)
    out["tier_en"] = np.asarray(_VALUE_TIERS_EN, dtype=object)[code]
    return out


# ---------------------------------------------------------------------------
# concentration: Pareto, Lorenz, Gini
# ---------------------------------------------------------------------------

def _positive_total(values, name: str, zh: str) -> np.ndarray:
    arr = check_array(values, name, zh=zh, nonnegative=True)
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
    ids = values.index.to_numpy() if isinstance(values, pd.Series) else None
    arr = _positive_total(values.to_numpy() if isinstance(values, pd.Series) else values,
                          "values", "数值")
    if ids is None:
        ids = np.arange(arr.size)
    frame = pd.DataFrame({"id": ids, name: arr})
    _check_ids(frame, "id", "values", "数值")
    out = _rank_desc(frame, name, "id")
    v = out[name].to_numpy()
    out["share"] = v / v.sum()
    out["cum_share"] = np.cumsum(v) / v.sum()
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
    frame = _id_value_frame(profit_by_customer, profit_col, id_col, name="profit_by_customer",
                            zh="客户利润", nonnegative=False)
    p = frame[profit_col].to_numpy()
    total = p.sum()
    if total <= 0:
        raise fail("profit_by_customer", f"total profit {total:g}",
                   "profits with a positive total", "总利润为正的客户利润", zh="客户利润")
    out = _rank_desc(frame, profit_col, id_col).rename(columns={id_col: "id", profit_col: "profit"})
    n = len(out)
    cum = np.cumsum(out["profit"].to_numpy())
    out["customer_share"] = out["rank"] / n
    out["cum_profit"] = cum
    out["cum_profit_share"] = cum / total
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
    try:
        ts = pd.to_datetime(dates, format="mixed")
    except (TypeError, ValueError) as err:
        raise fail(name, f"values that are not dates ({err})", "dates", "日期", zh=zh,
                   kind=InputTypeError) from None
    if isinstance(ts, pd.Series):
        if ts.dt.tz is not None:
            ts = ts.dt.tz_localize(None)
        arr = ts.to_numpy(dtype="datetime64[ns]")
    else:
        if getattr(ts, "tz", None) is not None:
            ts = ts.tz_localize(None)
        arr = np.asarray(ts, dtype="datetime64[ns]")
    bad = np.isnat(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise fail(name, f"a missing date in row {i}", "dates without gaps", "不含缺失值的日期",
                   zh=zh)
    return arr.astype("datetime64[D]").astype(np.int64)


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
    cols = [customer_id_col, datetime_col, monetary_value_col]
    if order_id_col is not None:
        if mode != "classic":
            raise fail("order_id_col", order_id_col, "None when mode='repeat'",
                       "None（repeat 口径按时间段合并，不用订单号）", zh="订单号列")
        cols.append(order_id_col)
    frame = check_frame(transactions, "transactions", cols, zh="交易记录")
    money = _numeric_column(frame, monetary_value_col, "transactions", "交易记录")
    _check_nonnegative(money, f"transactions[{monetary_value_col!r}]", "交易记录")
    ids = frame[customer_id_col]
    if ids.isna().any():
        i = int(np.flatnonzero(ids.isna().to_numpy())[0])
        raise fail(f"transactions[{customer_id_col!r}]", f"a missing id in row {i}",
                   "ids without gaps", "不含缺失值的编号", zh="交易记录")
    period = _period_index(_day_numbers(frame[datetime_col], f"transactions[{datetime_col!r}]",
                                        "交易记录"), freq)
    if observation_end is None:
        end = int(period.max())
    else:
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
    pmoney = np.add.reduceat(money[order], starts)
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
    total = np.add.reduceat(pmoney, cstarts)
    if order_id_col is None:
        n_buy = np.bincount(codes, minlength=len(uniques))
    else:
        ocodes, _ = pd.factorize(frame[order_id_col])
        pairs = np.unique(codes * (int(ocodes.max()) + 2) + ocodes)
        n_buy = np.bincount(pairs // (int(ocodes.max()) + 2), minlength=len(uniques))
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
    frame = check_frame(rfm, "rfm", [recency_col, frequency_col, monetary_col], zh="RFM 表")
    dup = frame.index.duplicated()
    if dup.any():
        raise fail("rfm", f"customer {frame.index[dup][0]!r} appears more than once",
                   "a table with one row per customer (unique index)",
                   "每个客户只有一行的表格（索引唯一）", zh="RFM 表")
    cols = {}
    for col in (recency_col, frequency_col, monetary_col):
        v = _numeric_column(frame, col, "rfm", "RFM 表")
        _check_nonnegative(v, f"rfm[{col!r}]", "RFM 表")
        cols[col] = v
    r = cols[recency_col]
    if "T" in frame.columns:
        r = _numeric_column(frame, "T", "rfm", "RFM 表") - r
    for col, v in ((recency_col, r), (frequency_col, cols[frequency_col]),
                   (monetary_col, cols[monetary_col])):
        _refuse_all_equal(v, f"rfm[{col!r}]", "RFM 表")
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
        v = _numeric_column(frame, f"{letter}_score", "scores", "RFM 得分")
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
    a = check_number(cut_a, "cut_a", zh="A 类分界", low=0, high=1, low_open=True,
                     high_open=True)
    b = check_number(cut_b, "cut_b", zh="B 类分界", low=0, high=1, low_open=True,
                     high_open=True)
    if b <= a:
        raise fail("cut_b", cut_b, f"a number above cut_a = {a:g}", f"大于 cut_a = {a:g} 的数值",
                   zh="B 类分界")
    table = abc_classify(data, value_col=value_col, id_col=id_col, cuts=(a, b))
    grouped = table.groupby("class", observed=False)
    summary = pd.DataFrame({
        "customers": grouped.size(),
        "value": grouped[value_col].sum(),
    })
    summary["customer_share"] = summary["customers"] / len(table)
    summary["value_share"] = summary["value"] / table[value_col].sum()
    summary.index = summary.index.astype(str)
    return {
        "counts": {k: int(v) for k, v in summary["customers"].items()},
        "customer_share": {k: float(v) for k, v in summary["customer_share"].items()},
        "value_share": {k: float(v) for k, v in summary["value_share"].items()},
        "summary": summary,
        "table": table,
    }


# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------

def plot_pareto(table: pd.DataFrame, title: str = "客户销售额帕累托曲线（ABC 分类）", ax=None):
    """Pareto chart of an :func:`abc_classify` result (帕累托曲线).

    Cumulative share of value against cumulative share of customers, coloured by
    class, with the cut points.  Pass ``ax`` to draw on existing axes (a what-if
    panel's figure); the figure of those axes is returned.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = abc_classify(pd.Series([50, 30, 10, 5, 5], index=list("abcde")))
    >>> type(plot_pareto(t)).__name__
    'Figure'
    """
    frame = check_frame(table, "table", ["rank", "cum_share", "cum_share_before", "class"],
                        zh="ABC 分类表")
    n = len(frame)
    fig, ax = figure_and_axes(ax)
    x = np.concatenate(([0.0], frame["rank"].to_numpy() / n))
    y = np.concatenate(([0.0], frame["cum_share"].to_numpy()))
    ax.plot(x, y, color="#333333", linewidth=1.5)
    classes = frame["class"].cat.categories
    for i, label in enumerate(classes):
        mask = (frame["class"] == label).to_numpy()
        if not mask.any():
            continue
        idx = np.flatnonzero(mask)
        lo, hi = idx[0], idx[-1] + 1
        ax.fill_between(x[lo:hi + 1], 0, y[lo:hi + 1], color=PALETTE[i % len(PALETTE)],
                        alpha=0.35, label=f"{label} 类（{mask.sum()} 个客户）")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("累计客户占比")
    ax.set_ylabel("累计销售额占比")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


def plot_lorenz(values, title: str = "洛伦兹曲线"):
    """Lorenz curve with the line of equality and the Gini coefficient (洛伦兹曲线).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> type(plot_lorenz([1, 2, 3, 10])).__name__
    'Figure'
    """
    p, v = lorenz_curve(values)
    g = gini(values)
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="完全平均线")
    ax.plot(p, v, color=PALETTE[0], linewidth=2, label=f"洛伦兹曲线（基尼系数 {g:.2f}）")
    ax.fill_between(p, v, p, color=PALETTE[0], alpha=0.15)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("累计客户占比（从小到大）")
    ax.set_ylabel("累计销售额占比")
    ax.set_title(title)
    ax.legend(loc="upper left")
    return fig


def plot_whale(result: WhaleCurve, title: str = "客户盈利鲸鱼曲线"):
    """Whale curve with its peak and the 100% line (鲸鱼曲线).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> w = whale_curve(pd.Series([60, 50, 10, -20], index=list("abcd")))
    >>> type(plot_whale(w)).__name__
    'Figure'
    """
    if not isinstance(result, WhaleCurve):
        raise fail("result", type(result).__name__, "the result of whale_curve()",
                   "whale_curve() 的结果", zh="鲸鱼曲线", kind=InputTypeError)
    c = result.curve
    x = np.concatenate(([0.0], c["customer_share"].to_numpy()))
    y = np.concatenate(([0.0], c["cum_profit_share"].to_numpy()))
    fig, ax = new_figure()
    ax.axhline(1.0, color="#999999", linestyle="--", label="总利润 100%")
    ax.plot(x, y, color=PALETTE[0], linewidth=2, label="累计利润占比")
    ax.scatter([result.peak_customer_share], [result.peak], color=PALETTE[3], zorder=3,
               label=f"峰值 {result.peak:.0%}（前 {result.peak_customer_share:.0%} 的客户）")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, max(1.05, result.peak * 1.08))
    ax.set_xlabel("累计客户占比（按利润从高到低）")
    ax.set_ylabel("累计利润占总利润的比例")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


# ---------------------------------------------------------------------------
# the ABC what-if panel
# ---------------------------------------------------------------------------

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
    if isinstance(data, pd.Series):
        data = pd.DataFrame({id_col: data.index.to_numpy(), value_col: data.to_numpy()})
    frame = check_frame(data, "data", [id_col, value_col], zh="数据")
    values = _numeric_column(frame, value_col, "data", "数据")
    _check_nonnegative(values, f"data[{value_col!r}]", "数据")
    missing = frame[id_col].isna().to_numpy()
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise fail(f"data[{id_col!r}]", f"a missing id in row {i}", "ids without gaps",
                   "不含缺失值的编号", zh="数据")
    codes, ids = pd.factorize(frame[id_col], sort=True)
    totals = np.bincount(codes, weights=values, minlength=len(ids))
    return pd.DataFrame({id_col: np.asarray(ids), value_col: totals})


def abc_panel_model(data, cut_a: float = 0.7, cut_b: float = 0.9, value_col: str = "sales",
                    id_col: str = "customer_id") -> dict:
    """:func:`abc_whatif` with flat result keys, the model of :func:`abc_panel`.

    Returns
    -------
    dict
        Everything :func:`abc_whatif` returns plus ``count_A``, ``count_B``,
        ``count_C``, ``value_share_A`` … and ``customer_share_A`` … (one key
        per class, so a results table can list them).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": list("abcde"), "sales": [50, 30, 10, 5, 5]})
    >>> r = abc_panel_model(d, cut_a=0.5, cut_b=0.9)
    >>> r["count_A"], r["count_B"], r["value_share_C"]
    (1, 2, 0.1)
    """
    out = abc_whatif(data, cut_a=cut_a, cut_b=cut_b, value_col=value_col, id_col=id_col)
    for key in ("counts", "value_share", "customer_share"):
        prefix = "count" if key == "counts" else key
        for label, v in out[key].items():
            out[f"{prefix}_{label}"] = v
    return out


def abc_panel(orders_or_sales, cut_a: float = 0.7, cut_b: float = 0.9,
              value_col: str = "sales", id_col: str = "customer_id"):
    """What-if panel: ABC cut points → class counts, revenue shares, Pareto chart (ABC 分类情景面板).

    Parameters
    ----------
    orders_or_sales : DataFrame or Series
        Order lines (summed per customer with :func:`sales_by_customer`) or
        one row per customer.
    cut_a, cut_b : float
        Initial cut points (cumulative share of sales where classes A and B
        end); sliders run 0.05–0.95 and 0.10–0.99.  A setting with
        ``cut_b <= cut_a`` shows the model's message instead of a result.
    value_col, id_col : str
        Column names.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"customer_id": list("abcde"), "sales": [50, 30, 10, 5, 5]})
    >>> p = abc_panel(d)
    >>> p.result["count_A"], p.set(cut_a=0.05)["count_A"]
    (2, 1)
    >>> p.set(cut_a=0.95, cut_b=0.9) is None and "cut_b" in p.error
    True
    >>> p.close()
    """
    from .widgets import Result, Slider, WhatIfPanel

    sales = sales_by_customer(orders_or_sales, value_col=value_col, id_col=id_col)
    results = []
    for label in ("A", "B", "C"):
        results += [Result(f"count_{label}", f"{label} 类客户数", fmt="d", unit="家"),
                    Result(f"value_share_{label}", f"{label} 类销售额占比", fmt=".1%")]

    def plot(fig, result, params):
        plot_pareto(result["table"], ax=fig.add_subplot(),
                    title=f"帕累托曲线：A 类止于 {params['cut_a']:.0%}，B 类止于 {params['cut_b']:.0%}")

    return WhatIfPanel(
        abc_panel_model,
        controls=[Slider("cut_a", "A 类分界（累计销售额）", 0.05, 0.95, 0.01, cut_a, fmt=".0%"),
                  Slider("cut_b", "B 类分界（累计销售额）", 0.10, 0.99, 0.01, cut_b, fmt=".0%")],
        results=results,
        plot=plot,
        title="ABC 分类：移动分界点，看各类客户的数量和销售额占比（模拟数据）",
        fixed={"data": sales, "value_col": value_col, "id_col": id_col},
    )


# ---------------------------------------------------------------------------
# display labels
# ---------------------------------------------------------------------------

#: Chinese display labels (中文列名) for the columns and index names of the
#: tables that :mod:`crmlab.segments` and :mod:`crmlab.accounts` return; the
#: English term is kept in parentheses where the notebooks teach it.
COLUMN_LABELS = {
    # ids and classes
    "customer_id": "客户编号",
    "product_id": "产品编号",
    "class": "类别",
    "tier": "层级",
    "segment": "RFM 分群",
    # customer_summary
    "sales": "销售额（元）",
    "cost": "商品成本（元）",
    "gross_profit": "毛利（元）",
    "profit": "利润（元）",
    "lines": "订单行数",
    # abc_whatif summary
    "customers": "客户数",
    "value": "金额（元）",
    "customer_share": "客户占比",
    "value_share": "金额占比",
    # rfm_table
    "recency": "近度 R（recency）",
    "frequency": "频度 F（frequency）",
    "monetary": "额度 M（monetary）",
    "monetary_value": "平均额度 M（monetary value）",
    "T": "客户年龄 T",
    # profitability_matrix customers
    "profitable_products": "赢利产品数",
    "breakeven_products": "无利润产品数",
    "loss_products": "亏损产品数",
    "status": "类型",
    "status_en": "类型（英文）",
    # composition_ratios
    "sales_share": "销售额构成比（sales share）",
    "gross_margin_rate": "毛利率（gross margin rate）",
    "avg_inventory": "平均库存（元）",
    "turnover": "周转率（turnover）",
    "cross_ratio": "交叉比率（cross ratio）",
    "contribution_ratio": "贡献比率（contribution ratio）",
    # beverage_customers
    "customer_type": "客户类型",
    "region": "地区",
    "payment_terms": "付款方式",
    "credit_days": "账期（天）",
    "discount_rate": "折扣率",
}


def display_table(frame: pd.DataFrame, formats: dict | None = None, labels: dict | None = None):
    """A copy of a result table with Chinese column labels, for display (中文列名展示).

    The functions of :mod:`crmlab` keep English column names (code uses them);
    this renames a *copy* with :data:`COLUMN_LABELS` (columns, every level of
    MultiIndex columns, and index names).  Names without a label are kept.

    Parameters
    ----------
    frame : DataFrame
        A table to show.
    formats : dict, optional
        Number formats keyed by the *original* column names, e.g.
        ``{"sales": "{:,.0f}"}``.  With it a pandas ``Styler`` is returned.
    labels : dict, optional
        Extra or overriding labels, original name → label.

    Returns
    -------
    DataFrame or pandas.io.formats.style.Styler
        The relabelled copy (a ``Styler`` when ``formats`` is given).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"sales": [1.0], "cross_ratio": [0.5]},
    ...                  index=pd.Index(["P01"], name="product_id"))
    >>> display_table(t).columns.tolist(), display_table(t).index.name
    (['销售额（元）', '交叉比率（cross ratio）'], '产品编号')
    >>> t.columns.tolist()
    ['sales', 'cross_ratio']
    """
    if not isinstance(frame, pd.DataFrame):
        raise fail("frame", type(frame).__name__, "a DataFrame", "DataFrame 表格",
                   zh="表格", kind=InputTypeError)
    names = dict(COLUMN_LABELS)
    if labels is not None:
        if not isinstance(labels, dict):
            raise fail("labels", type(labels).__name__, "a dict of labels", "列名字典",
                       zh="列名", kind=InputTypeError)
        names.update(labels)
    out = frame.rename(columns=lambda c: names.get(c, c) if isinstance(c, str) else c)
    out.index = out.index.set_names([names.get(n, n) if isinstance(n, str) else n
                                     for n in out.index.names])
    out.columns = out.columns.set_names([names.get(n, n) if isinstance(n, str) else n
                                         for n in out.columns.names])
    if formats is None:
        return out
    if not isinstance(formats, dict):
        raise fail("formats", type(formats).__name__, "a dict of formats keyed by column",
                   "以列名为键的格式字典", zh="数字格式", kind=InputTypeError)
    missing = [k for k in formats if k not in frame.columns]
    if missing:
        raise fail("formats", f"unknown column {missing[0]!r}", "columns of the table",
                   "表格中已有的列", zh="数字格式")
    return out.style.format({names.get(k, k): f for k, f in formats.items()})
