"""Key accounts, customer profitability and composition analysis (大客户与客户盈利分析).

Chapter 5 of the workbook, the parts that work on order lines:

* :func:`customer_summary` – sales, cost and profit per customer from order lines.
* :func:`key_account_status`, :func:`key_account_trend` – the key-account
  development chart (大客户发展坐标分析) [002]: per month, how many customers meet
  the key-account (KA) threshold, who entered and who dropped out.
* :func:`key_account_whatif` – the pure model behind the KA what-if panel,
  including the seed's rule of thumb that 20 or more key accounts (20 个以上)
  justify a key-account department [002].
* :func:`profitability_matrix` – customers × products, each cell the profit of
  selling that product to that customer (客户产品赢利分析) [002];
  :func:`profitability_example` is the seed's customers A, B, C.
* :func:`composition_ratios` – gross margin rate, turnover, cross ratio and
  contribution ratio by product (客户构成分析的基本比率) [002].
* :func:`plot_key_account_trend`, :func:`plot_profitability_heatmap` – charts.

References
----------
[002] 客户管理实务 第四章 客户分类管理 (seed 002): 客户构成分析、大客户管理（大客户开发坐标分析，
大客户有 20 个以上时建立大客户管理部）、客户赢利能力分析.

Conventions
-----------
* The key-account standard ``threshold`` is always **annual** sales (年化销售额标准,
  CNY per 12 months).  With a rolling window of ``window`` months a customer
  qualifies when its sales over the window reach ``threshold × window / 12``, so
  moving the window keeps the numbers comparable (a 300 000-yuan standard means
  75 000 yuan over a 3-month window).
* "20 个以上" is read as **20 or more** (以上 includes the number itself in
  Chinese usage, as in the seed), so 20 key accounts already justify a
  key-account department.
"""
from __future__ import annotations

import matplotlib
import matplotlib.ticker
import numpy as np
import pandas as pd

from .plotting import PALETTE, figure_and_axes, new_figure
from .segments import _check_nonnegative, _numeric_column
from .validation import (
    InputTypeError,
    check_frame,
    check_int,
    check_number,
    fail,
)

__all__ = [
    "KA_DEPARTMENT_THRESHOLD",
    "customer_summary",
    "key_account_status",
    "key_account_trend",
    "key_account_whatif",
    "profitability_matrix",
    "profitability_example",
    "composition_ratios",
    "plot_key_account_trend",
    "plot_profitability_heatmap",
    "monthly_sales",
    "window_threshold",
    "key_account_panel_model",
    "key_account_panel",
]

#: This many key accounts or more (20 个以上, read as "20 or more") justify a
#: key-account department [002].
KA_DEPARTMENT_THRESHOLD = 20


def _check_ids_present(frame: pd.DataFrame, col: str, name: str, zh: str) -> None:
    miss = frame[col].isna().to_numpy()
    if miss.any():
        i = int(np.flatnonzero(miss)[0])
        raise fail(f"{name}[{col!r}]", f"a missing value in row {i}", "values without gaps",
                   "不含缺失值的列", zh=zh)


def customer_summary(orders: pd.DataFrame, customer_col: str = "customer_id",
                     sales_col: str = "sales", cost_col: str = "cost",
                     profit_col: str = "profit") -> pd.DataFrame:
    """Sales, cost of goods, gross profit and profit per customer (客户汇总).

    Parameters
    ----------
    orders : DataFrame
        Order lines with the four columns (profit = sales − cost of goods − cost
        to serve; profit may be negative).

    Returns
    -------
    DataFrame
        Indexed by customer (sorted): ``sales``, ``cost``, ``gross_profit``
        (sales − cost), ``profit``, ``lines`` (number of order lines).

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"], "sales": [100.0, 50, 80],
    ...                   "cost": [80.0, 40, 75], "profit": [10.0, 2, -8]})
    >>> customer_summary(o)[["sales", "profit"]].values.tolist()
    [[150.0, 12.0], [80.0, -8.0]]
    """
    frame = check_frame(orders, "orders", [customer_col, sales_col, cost_col, profit_col],
                        zh="订单")
    _check_ids_present(frame, customer_col, "orders", "订单")
    cols = {}
    for col in (sales_col, cost_col, profit_col):
        cols[col] = _numeric_column(frame, col, "orders", "订单")
    for col in (sales_col, cost_col):
        _check_nonnegative(cols[col], f"orders[{col!r}]", "订单")
    work = pd.DataFrame({"c": frame[customer_col].to_numpy(), "sales": cols[sales_col],
                         "cost": cols[cost_col], "profit": cols[profit_col]})
    g = work.groupby("c", sort=True)
    out = g[["sales", "cost", "profit"]].sum()
    out.insert(2, "gross_profit", out["sales"] - out["cost"])
    out["lines"] = g.size().astype(np.int64)
    out.index.name = customer_col
    return out


# ---------------------------------------------------------------------------
# key accounts
# ---------------------------------------------------------------------------

def _monthly_matrix(orders, customer_col, date_col, value_col):
    frame = check_frame(orders, "orders", [customer_col, date_col, value_col], zh="订单")
    _check_ids_present(frame, customer_col, "orders", "订单")
    values = _numeric_column(frame, value_col, "orders", "订单")
    _check_nonnegative(values, f"orders[{value_col!r}]", "订单")
    try:
        dates = pd.to_datetime(frame[date_col], format="mixed")
    except (TypeError, ValueError):
        raise fail(f"orders[{date_col!r}]", "values that are not dates", "dates", "日期",
                   zh="订单", kind=InputTypeError) from None
    if dates.isna().any():
        raise fail(f"orders[{date_col!r}]", "a missing date", "dates without gaps",
                   "不含缺失值的日期", zh="订单")
    month = dates.dt.year.to_numpy() * 12 + dates.dt.month.to_numpy() - 1
    m0 = int(month.min())
    n_months = int(month.max()) - m0 + 1
    codes, customers = pd.factorize(frame[customer_col], sort=True)
    flat = np.bincount(codes * n_months + (month - m0), weights=values,
                       minlength=len(customers) * n_months)
    periods = pd.period_range(pd.Period(year=m0 // 12, month=m0 % 12 + 1, freq="M"),
                              periods=n_months, freq="M")
    return flat.reshape(len(customers), n_months), pd.Index(customers, name=customer_col), periods


def window_threshold(threshold: float, window: int = 12) -> float:
    """The annual key-account standard scaled to a rolling window (窗口内销售额门槛).

    :math:`\\text{threshold} \\times \\text{window} / 12`: the sales a customer must
    reach over ``window`` months to meet an annual standard of ``threshold``.

    Examples
    --------
    >>> window_threshold(300_000, 3)
    75000.0
    >>> window_threshold(300_000)
    300000.0
    """
    t = check_number(threshold, "threshold", zh="大客户标准（年化销售额）", low=0, low_open=True)
    w = check_int(window, "window", zh="滚动窗口（月）", low=1, high=60)
    return t * w / 12.0


def key_account_status(orders: pd.DataFrame, threshold: float, window: int = 12,
                       customer_col: str = "customer_id", date_col: str = "date",
                       value_col: str = "sales") -> pd.DataFrame:
    """Which customers are key accounts in which month (大客户资格表).

    Parameters
    ----------
    orders : DataFrame
        Order lines with customer, date and value columns.
    threshold : float
        Key-account standard (大客户标准) as **annual** sales (年化销售额, CNY per
        12 months).
    window : int, default 12
        Length of the rolling window in months (12 = trailing twelve months,
        最近 12 个月滚动销售额).

    Returns
    -------
    DataFrame
        Boolean, customers (rows, sorted) × months (columns, ``Period[M]``), only
        for months with a complete window (the first is the ``window``-th month
        of the data).

    Notes
    -----
    A customer is a key account in month :math:`t` when its sales over the
    ``window`` months ending in :math:`t` reach the standard scaled to the
    window: :math:`\\sum_{s=t-w+1}^{t} S_s \\ge \\text{threshold} \\times w / 12`.
    With the default 12-month window this is simply "trailing-twelve-month
    sales at or above the standard".

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                   "date": ["2024-01-05", "2024-02-05", "2024-02-10"],
    ...                   "sales": [60.0, 60.0, 100.0]})
    >>> # annual standard 600 → 100 over a 2-month window
    >>> key_account_status(o, threshold=600, window=2).astype(int).values.tolist()
    [[1], [1]]
    """
    t = check_number(threshold, "threshold", zh="大客户标准（年化销售额）", low=0, low_open=True)
    w = check_int(window, "window", zh="滚动窗口（月）", low=1, high=60)
    matrix, customers, periods = _monthly_matrix(orders, customer_col, date_col, value_col)
    if matrix.shape[1] < w:
        raise fail("window", window,
                   f"at most the {matrix.shape[1]} months the orders cover",
                   f"不超过订单覆盖的 {matrix.shape[1]} 个月", zh="滚动窗口（月）")
    cum = np.cumsum(matrix, axis=1)
    rolling = cum[:, w - 1:] - np.concatenate(
        (np.zeros((matrix.shape[0], 1)), cum[:, :-w]), axis=1)
    # a tolerance of a millionth of a yuan keeps sums like 0.1 + 0.2 on the right side
    status = rolling >= window_threshold(t, w) - 1e-6
    return pd.DataFrame(status, index=customers, columns=periods[w - 1:])


def key_account_trend(orders: pd.DataFrame, threshold: float, window: int = 12,
                      customer_col: str = "customer_id", date_col: str = "date",
                      value_col: str = "sales") -> pd.DataFrame:
    """Key-account development chart data (大客户发展坐标分析) [002].

    Parameters
    ----------
    orders, threshold, window, customer_col, date_col, value_col
        As :func:`key_account_status`.

    Returns
    -------
    DataFrame
        One row per month (index ``month``, ``Period[M]``): ``key_accounts``
        (number of customers meeting the standard at the end of that month),
        ``entries`` (key accounts now that were not last month), ``exits``
        (key accounts last month that are not now; they fall back to class B or
        C) and ``ka_sales_share`` (their share of the window's sales).  In the
        first row ``entries`` and ``exits`` are missing (``<NA>``): the month
        before has no complete window to compare with.

    Notes
    -----
    The seed's method [002]: x-axis = month, y-axis = number of key accounts;
    set the firm's KA standard; at each month end count the customers who meet
    it and join the points.  Here the (annual) standard is applied to rolling
    sales over ``window`` months, scaled to the window (see
    :func:`key_account_status`), so that a seasonal business (beer sells in
    summer) does not gain and lose key accounts every season.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b", "a", "b"],
    ...                   "date": ["2024-01-05", "2024-02-05", "2024-02-10",
    ...                            "2024-03-01", "2024-03-20"],
    ...                   "sales": [60.0, 60.0, 100.0, 10.0, 10.0]})
    >>> t = key_account_trend(o, threshold=600, window=2)
    >>> t["key_accounts"].tolist(), t["entries"].tolist(), t["exits"].tolist()
    ([2, 1], [<NA>, 0], [<NA>, 1])
    """
    status = key_account_status(orders, threshold, window, customer_col, date_col, value_col)
    matrix, _, _ = _monthly_matrix(orders, customer_col, date_col, value_col)
    w = int(window)
    cum = np.cumsum(matrix, axis=1)
    rolling = cum[:, w - 1:] - np.concatenate(
        (np.zeros((matrix.shape[0], 1)), cum[:, :-w]), axis=1)
    s = status.to_numpy()
    entries = np.concatenate(([-1], (s[:, 1:] & ~s[:, :-1]).sum(axis=0)))
    exits = np.concatenate(([-1], (~s[:, 1:] & s[:, :-1]).sum(axis=0)))
    totals = rolling.sum(axis=0)
    ka_sales = (rolling * s).sum(axis=0)
    out = pd.DataFrame({
        "key_accounts": s.sum(axis=0).astype(np.int64),
        "entries": pd.array(np.where(entries < 0, 0, entries), dtype="Int64"),
        "exits": pd.array(np.where(exits < 0, 0, exits), dtype="Int64"),
        "ka_sales_share": np.divide(ka_sales, totals, out=np.zeros_like(totals),
                                    where=totals > 0),
    }, index=pd.Index(status.columns, name="month"))
    out.iloc[0, out.columns.get_loc("entries")] = pd.NA
    out.iloc[0, out.columns.get_loc("exits")] = pd.NA
    return out


def key_account_whatif(orders: pd.DataFrame, threshold: float = 300_000.0, window: int = 12,
                       customer_col: str = "customer_id", date_col: str = "date",
                       value_col: str = "sales") -> dict:
    """Model of the key-account what-if panel (大客户标准模拟).

    Parameters
    ----------
    orders : DataFrame
        Order lines; bind with ``functools.partial``.
    threshold : float
        KA standard as annual sales (年化销售额, CNY per 12 months).
    window : int
        Rolling window in months; the standard is scaled to it
        (:func:`window_threshold`).

    Returns
    -------
    dict
        ``key_accounts_now`` (in the last month), ``ka_sales_share_now``,
        ``needs_ka_department`` (at least :data:`KA_DEPARTMENT_THRESHOLD` = 20
        key accounts, the seed's "20 个以上" [002]), ``window_threshold`` (the
        sales needed over the window), ``entries_total`` and ``exits_total``
        over the chart (counted per customer and month, 家次), and ``trend``
        (the :func:`key_account_trend` table).

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-05", "2024-01-10"],
    ...                   "sales": [150.0, 50.0]})
    >>> r = key_account_whatif(o, threshold=1200, window=1)
    >>> r["key_accounts_now"], r["ka_sales_share_now"], r["needs_ka_department"]
    (1, 0.75, False)
    >>> r["window_threshold"]
    100.0
    """
    trend = key_account_trend(orders, threshold, window, customer_col, date_col, value_col)
    now = int(trend["key_accounts"].iloc[-1])
    return {
        "key_accounts_now": now,
        "ka_sales_share_now": float(trend["ka_sales_share"].iloc[-1]),
        "needs_ka_department": now >= KA_DEPARTMENT_THRESHOLD,
        "window_threshold": window_threshold(threshold, window),
        "entries_total": int(trend["entries"].sum()),
        "exits_total": int(trend["exits"].sum()),
        "trend": trend,
    }


# ---------------------------------------------------------------------------
# customer profitability matrix
# ---------------------------------------------------------------------------

_STATUS = ("盈利型", "混合型", "亏损型")
_STATUS_EN = ("profitable", "mixed", "loss-making")


def profitability_matrix(orders: pd.DataFrame, customer_col: str = "customer_id",
                         product_col: str = "product_id", profit_col: str = "profit",
                         tolerance: float = 0.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Customer × product profitability matrix (客户产品赢利分析) [002].

    Parameters
    ----------
    orders : DataFrame
        Order lines with customer, product and profit (may be negative).  Pass
        ``profit_col="sales"`` for the sales composition by customer and product.
    tolerance : float, default 0
        Cells with ``|profit| <= tolerance`` count as break-even (无利润).

    Returns
    -------
    matrix : DataFrame
        Customers (rows, sorted) × products (columns, sorted); each cell the
        total profit of selling that product to that customer, ``NaN`` where the
        customer never bought the product (未购买).
    customers : DataFrame
        Per customer: ``profit`` (row total), ``profitable_products``,
        ``breakeven_products``, ``loss_products`` (counts of cells),
        ``status`` (盈利型 / 混合型 / 亏损型) and ``status_en``.

    Notes
    -----
    The seed's classification [002]: customer A buys two profitable products
    and one break-even product → 盈利型 (profitable); customer B buys one
    profitable and one loss-making product → 混合型 (mixed); customer C buys one
    profitable, one break-even and one loss-making product and loses money
    overall → 亏损型 (loss-making).  Rule used here: total profit below 0 →
    亏损型; otherwise any loss-making cell → 混合型; otherwise 盈利型.
    Remedies the seed gives for B and C: raise the price of (or drop) the
    unprofitable products, or sell them more of the profitable ones.

    Examples
    --------
    >>> m, c = profitability_matrix(profitability_example())
    >>> c["status"].tolist()
    ['盈利型', '混合型', '亏损型']
    >>> m.loc["客户A"].tolist()
    [300.0, 200.0, 0.0, nan]
    """
    tol = check_number(tolerance, "tolerance", zh="无利润容差", low=0)
    frame = check_frame(orders, "orders", [customer_col, product_col, profit_col], zh="订单")
    _check_ids_present(frame, customer_col, "orders", "订单")
    _check_ids_present(frame, product_col, "orders", "订单")
    profit = _numeric_column(frame, profit_col, "orders", "订单")
    work = pd.DataFrame({"c": frame[customer_col].to_numpy(),
                         "p": frame[product_col].to_numpy(), "v": profit})
    cell = work.groupby(["c", "p"], sort=True)["v"].sum()
    matrix = cell.unstack("p").sort_index().sort_index(axis=1)
    matrix.index.name = customer_col
    matrix.columns.name = product_col
    values = matrix.to_numpy(dtype=float)
    bought = ~np.isnan(values)
    filled = np.where(bought, values, 0.0)
    pos = bought & (filled > tol)
    neg = bought & (filled < -tol)
    zero = bought & ~pos & ~neg
    total = filled.sum(axis=1)
    code = np.where(total < -tol, 2, np.where(neg.any(axis=1), 1, 0))
    customers = pd.DataFrame({
        "profit": total,
        "profitable_products": pos.sum(axis=1),
        "breakeven_products": zero.sum(axis=1),
        "loss_products": neg.sum(axis=1),
        "status": pd.Categorical.from_codes(code, categories=list(_STATUS), ordered=True),
        "status_en": np.asarray(_STATUS_EN, dtype=object)[code],
    }, index=matrix.index)
    return matrix, customers


def profitability_example() -> pd.DataFrame:
    """The seed's customers A, B and C as order lines (示意数字) [002].

    The seed describes the pattern in words only (which products are profitable,
    break-even or loss-making for each customer); the amounts here are
    illustrative numbers with exactly those signs: A buys P1 (+300), P2 (+200)
    and P3 (0); B buys P1 (+150) and P4 (−100); C buys P1 (+100), P3 (0) and
    P4 (−250).

    Examples
    --------
    >>> profitability_example().groupby("customer_id")["profit"].sum().tolist()
    [500.0, 50.0, -150.0]
    """
    return pd.DataFrame({
        "customer_id": ["客户A", "客户A", "客户A", "客户B", "客户B", "客户C", "客户C", "客户C"],
        "product_id": ["P1", "P2", "P3", "P1", "P4", "P1", "P3", "P4"],
        "profit": [300.0, 200.0, 0.0, 150.0, -100.0, 100.0, 0.0, -250.0],
    })


# ---------------------------------------------------------------------------
# composition ratios
# ---------------------------------------------------------------------------

def composition_ratios(orders: pd.DataFrame, inventory=None, product_col: str = "product_id",
                       sales_col: str = "sales", cost_col: str = "cost") -> pd.DataFrame:
    """Basic ratios of customer composition analysis by product (客户构成分析的基本比率) [002].

    Parameters
    ----------
    orders : DataFrame
        Order lines for one period (e.g. one year) with product, sales and cost of
        goods.
    inventory : Series, optional
        Average inventory at cost (平均库存，按成本计) per product for the same
        period, indexed by product id.  Without it turnover and the two ratios
        that use it are left out.
    product_col, sales_col, cost_col : str
        Column names.

    Returns
    -------
    DataFrame
        One row per product (sorted): ``sales``, ``sales_share`` (销售额构成比),
        ``gross_profit``, ``gross_margin_rate`` (毛利率); with ``inventory`` also
        ``avg_inventory``, ``turnover`` (周转率), ``cross_ratio`` (交叉比率) and
        ``contribution_ratio`` (贡献比率).

    Notes
    -----
    * gross margin rate :math:`m = (S - C) / S`;
    * turnover :math:`u = S / I`, sales over average inventory at cost, for the
      period the orders cover (sources also use cost of goods / inventory; we
      use sales so that the cross ratio below is gross profit per yuan of stock);
    * cross ratio :math:`m \\times u = (S - C) / I` (gross margin return on
      inventory): which products earn most on the money tied up in stock;
    * contribution ratio :math:`m \\times u \\times S / \\sum S`: the cross ratio
      weighted by the product's share of sales.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"product_id": ["x", "y"], "sales": [300.0, 100.0],
    ...                   "cost": [240.0, 60.0]})
    >>> r = composition_ratios(o, inventory=pd.Series({"x": 60.0, "y": 50.0}))
    >>> r[["gross_margin_rate", "turnover", "cross_ratio", "contribution_ratio"]].values.tolist()
    [[0.2, 5.0, 1.0, 0.75], [0.4, 2.0, 0.8, 0.2]]
    """
    frame = check_frame(orders, "orders", [product_col, sales_col, cost_col], zh="订单")
    _check_ids_present(frame, product_col, "orders", "订单")
    sales = _numeric_column(frame, sales_col, "orders", "订单")
    cost = _numeric_column(frame, cost_col, "orders", "订单")
    _check_nonnegative(sales, f"orders[{sales_col!r}]", "订单")
    _check_nonnegative(cost, f"orders[{cost_col!r}]", "订单")
    work = pd.DataFrame({"p": frame[product_col].to_numpy(), "s": sales, "c": cost})
    g = work.groupby("p", sort=True)[["s", "c"]].sum()
    if (g["s"] <= 0).any():
        bad = g.index[(g["s"] <= 0).to_numpy()][0]
        raise fail(f"orders[{sales_col!r}]", f"zero total sales for product {bad!r}",
                   "a positive total for every product", "每个产品的销售额合计为正",
                   zh="订单")
    out = pd.DataFrame(index=pd.Index(g.index, name=product_col))
    out["sales"] = g["s"]
    out["sales_share"] = g["s"] / g["s"].sum()
    out["gross_profit"] = g["s"] - g["c"]
    out["gross_margin_rate"] = out["gross_profit"] / out["sales"]
    if inventory is not None:
        if not isinstance(inventory, pd.Series):
            raise fail("inventory", type(inventory).__name__,
                       "a Series of average inventory indexed by product id",
                       "以产品编号为索引的平均库存 Series", zh="平均库存", kind=InputTypeError)
        missing = [p for p in out.index if p not in inventory.index]
        if missing:
            raise fail("inventory", f"no value for product {missing[0]!r}",
                       "a value for every product in orders", "订单中每个产品的平均库存",
                       zh="平均库存")
        inv = check_frame(inventory.rename("inv").to_frame(), "inventory", ["inv"], zh="平均库存")
        inv_values = pd.Series(_numeric_column(inv, "inv", "inventory", "平均库存"),
                               index=inventory.index).reindex(out.index).to_numpy()
        if (inv_values <= 0).any():
            raise fail("inventory", inv_values[inv_values <= 0][0], "positive amounts",
                       "正数", zh="平均库存")
        out["avg_inventory"] = inv_values
        out["turnover"] = out["sales"] / out["avg_inventory"]
        out["cross_ratio"] = out["gross_margin_rate"] * out["turnover"]
        out["contribution_ratio"] = out["cross_ratio"] * out["sales_share"]
    return out


# ---------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------

def plot_key_account_trend(trend: pd.DataFrame, threshold: float | None = None,
                           title: str = "大客户发展坐标图", ax=None, window: int = 12):
    """Key-account development chart: KA count per month, entries and exits (大客户发展坐标图).

    Pass ``ax`` to draw on existing axes (a what-if panel's figure); the figure
    of those axes is returned.  With ``threshold`` (the annual standard) and
    ``window`` the title states the standard; for a window other than 12 months
    it also gives the sales needed over the window.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "b", "a"],
    ...                   "date": ["2024-01-05", "2024-01-10", "2024-02-03"],
    ...                   "sales": [150.0, 50.0, 20.0]})
    >>> type(plot_key_account_trend(key_account_trend(o, 100, window=1))).__name__
    'Figure'
    """
    frame = check_frame(trend, "trend", ["key_accounts", "entries", "exits"], zh="大客户趋势表")
    x = np.arange(len(frame))
    labels = [str(p) for p in frame.index]
    fig, ax = figure_and_axes(ax)
    # thick vertical lines instead of bars: one collection each, not one patch per
    # month, so a what-if panel redraws within its budget
    width = max(1.5, min(6.0, 150.0 / max(len(x), 1)))
    ax.vlines(x - 0.2, 0, frame["entries"].fillna(0).to_numpy(dtype=float), linewidth=width,
              color=PALETTE[2], alpha=0.7, label="新进入")
    ax.vlines(x + 0.2, 0, -frame["exits"].fillna(0).to_numpy(dtype=float), linewidth=width,
              color=PALETTE[3], alpha=0.7, label="退出（负数）")
    ax.plot(x, frame["key_accounts"].to_numpy(), marker="o", color=PALETTE[0],
            linewidth=2, label="大客户数量")
    ax.axhline(0, color="#666666", linewidth=0.8)
    # at most 8 upright month labels, at 1/2/3/6/12-month steps: slanted labels and
    # dozens of ticks cost a what-if panel half its redraw time
    step = next((s for s in (1, 2, 3, 6, 12) if len(x) <= 8 * s), max(1, len(x) // 8))
    ax.set_xticks(x[::step])
    ax.set_xticklabels(labels[::step])
    ax.set_xlabel("月份")
    ax.set_ylabel("客户数（家）")
    if threshold is None:
        suffix = ""
    elif int(window) == 12:
        suffix = f"（标准：最近 12 个月销售额 ≥ {threshold:,.0f} 元）"
    else:
        suffix = (f"（年化标准 {threshold:,.0f} 元：最近 {int(window)} 个月销售额 "
                  f"≥ {window_threshold(threshold, window):,.0f} 元）")
    ax.set_title(title + suffix)
    # head room above the highest point so the one-row legend never covers data
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.25 * (high - low))
    ax.legend(loc="upper left", ncol=3)
    return fig


def plot_profitability_heatmap(matrix: pd.DataFrame, title: str = "客户 × 产品利润矩阵"):
    """Heat map of a profitability matrix: green profit, red loss, grey not bought.

    Pass a few dozen customers at most (e.g. the largest and the worst) so the
    labels stay readable; row labels are drawn up to 40 rows.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> m, _ = profitability_matrix(profitability_example())
    >>> type(plot_profitability_heatmap(m)).__name__
    'Figure'
    """
    if not isinstance(matrix, pd.DataFrame) or matrix.empty:
        raise fail("matrix", type(matrix).__name__, "a non-empty DataFrame from "
                   "profitability_matrix()", "profitability_matrix() 返回的非空表格",
                   zh="利润矩阵", kind=InputTypeError)
    values = matrix.to_numpy(dtype=float)
    finite = values[~np.isnan(values)]
    limit = float(np.max(np.abs(finite))) if finite.size else 1.0
    limit = limit or 1.0
    fig, ax = new_figure(figsize=(7.0, max(3.0, min(10.0, 0.25 * len(matrix) + 1.5))))
    cmap = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=-limit, vmax=limit,
                      aspect="auto")
    ax.set_xticks(np.arange(matrix.shape[1]))
    ax.set_xticklabels([str(c) for c in matrix.columns])
    if len(matrix) <= 40:
        ax.set_yticks(np.arange(len(matrix)))
        ax.set_yticklabels([str(i) for i in matrix.index])
    ax.grid(False)
    ax.set_xlabel("产品")
    ax.set_ylabel("客户")
    ax.set_title(title)
    bar = fig.colorbar(image, ax=ax, format=matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    bar.set_label("利润（元）；灰色 = 未购买")
    return fig


# ---------------------------------------------------------------------------
# the key-account what-if panel
# ---------------------------------------------------------------------------

def monthly_sales(orders: pd.DataFrame, customer_col: str = "customer_id", date_col: str = "date",
                  value_col: str = "sales") -> pd.DataFrame:
    """Sales per customer and month, one row per customer-month with sales (按月汇总).

    The key-account functions only need monthly totals, so passing this
    (a few thousand rows instead of tens of thousands of order lines) gives
    the same trend several times faster, which keeps the what-if panel within
    its redraw budget.

    Returns
    -------
    DataFrame
        ``customer_col``, ``date_col`` (first day of the month) and ``value_col``,
        sorted by customer and month; months with no sales are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                   "date": ["2024-01-05", "2024-01-20", "2024-03-01"],
    ...                   "sales": [10.0, 5.0, 7.0]})
    >>> m = monthly_sales(o)
    >>> m["sales"].tolist(), m["date"].dt.strftime("%Y-%m").tolist()
    ([15.0, 7.0], ['2024-01', '2024-03'])
    """
    matrix, customers, periods = _monthly_matrix(orders, customer_col, date_col, value_col)
    has = np.argwhere(matrix > 0)
    return pd.DataFrame({
        customer_col: np.asarray(customers)[has[:, 0]],
        date_col: periods.to_timestamp()[has[:, 1]],
        value_col: matrix[has[:, 0], has[:, 1]],
    })


def key_account_panel_model(orders: pd.DataFrame, threshold: float = 300_000.0, window: int = 12,
                            customer_col: str = "customer_id", date_col: str = "date",
                            value_col: str = "sales") -> dict:
    """:func:`key_account_whatif` plus a worded verdict on the KA department.

    Returns
    -------
    dict
        Everything :func:`key_account_whatif` returns plus ``ka_department``:
        ``"需要（20 家及以上）"`` or ``"暂不需要（少于 20 家）"`` [002].

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-05", "2024-01-10"],
    ...                   "sales": [150.0, 50.0]})
    >>> key_account_panel_model(o, threshold=1200, window=1)["ka_department"]
    '暂不需要（少于 20 家）'
    """
    out = key_account_whatif(orders, threshold, window, customer_col, date_col, value_col)
    n = KA_DEPARTMENT_THRESHOLD
    out["ka_department"] = (f"需要（{n} 家及以上）" if out["needs_ka_department"]
                            else f"暂不需要（少于 {n} 家）")
    return out


def key_account_panel(orders: pd.DataFrame, threshold: float = 300_000.0, window: int = 12,
                      customer_col: str = "customer_id", date_col: str = "date",
                      value_col: str = "sales"):
    """What-if panel: KA standard → monthly key-account chart, count, KA department (大客户标准情景面板).

    Parameters
    ----------
    orders : DataFrame
        Order lines (summed by month with :func:`monthly_sales` first).
    threshold : float, default 300 000
        Initial KA standard as annual sales (年化销售额标准, CNY per 12 months);
        slider 50 000–1 500 000.  Over a window of ``window`` months a customer
        needs ``threshold × window / 12`` (shown in the results).
    window : int, default 12
        Initial rolling window in months; slider 1–24 (the data must cover at
        least 24 months).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "b", "a"] * 8,
    ...                   "date": pd.date_range("2023-01-01", periods=24, freq="MS"),
    ...                   "sales": [90_000.0, 20_000.0, 10_000.0] * 8})
    >>> p = key_account_panel(o)
    >>> p.result["key_accounts_now"], p.result["ka_department"]
    (1, '暂不需要（少于 20 家）')
    >>> p.close()
    """
    from .widgets import Result, Slider, WhatIfPanel

    monthly = monthly_sales(orders, customer_col, date_col, value_col)

    def plot(fig, result, params):
        plot_key_account_trend(
            result["trend"], threshold=params["threshold"], window=params["window"],
            ax=fig.add_subplot(), title="大客户数量")

    return WhatIfPanel(
        key_account_panel_model,
        controls=[Slider("threshold", "大客户标准（年化销售额）", 50_000, 1_500_000, 10_000,
                         threshold, unit="元", fmt=",.0f"),
                  Slider("window", "滚动窗口", 1, 24, 1, window, unit="个月", integer=True)],
        results=[Result("key_accounts_now", "最后一个月的大客户数", fmt="d", unit="家"),
                 Result("ka_sales_share_now", "大客户销售额占比", fmt=".1%"),
                 Result("window_threshold", "窗口内销售额门槛（年化标准 × 窗口月数 / 12）",
                        fmt=",.0f", unit="元"),
                 Result("ka_department", "是否需要设大客户管理部"),
                 Result("entries_total", "期间新进入", fmt="d", unit="家次"),
                 Result("exits_total", "期间退出", fmt="d", unit="家次")],
        plot=plot,
        title="大客户标准：提高或降低门槛，看大客户数量怎样变化（模拟数据）",
        fixed={"orders": monthly, "customer_col": customer_col, "date_col": date_col,
               "value_col": value_col},
        figsize=(7.0, 3.8),
    )
