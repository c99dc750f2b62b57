"""The maths of chapter 5, part 2: key accounts, customer profitability, composition (大客户与客户盈利).

Pure functions only; charts are in :mod:`crmlab.accounts.charts`, the what-if
panel in :mod:`crmlab.accounts.panels`.

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
* Dates may be datetimes, text ('2024-01-31') or yyyymmdd integers (20240131).

References
----------
[002] 客户管理实务 第四章 客户分类管理 (seed 002): 客户构成分析、大客户管理（大客户开发坐标分析，
大客户有 20 个以上时建立大客户管理部，大客户经理的考核）、客户赢利能力分析.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._columns import (
    check_ids,
    check_nonnegative,
    columns,
    numeric_column,
    scaled,
    to_datetimes,
)
from .._columns import flat_frame as check_frame
from ..validation import (
    InputTypeError,
    check_bool,
    check_finite_result,
    check_int,
    check_number,
    described,
    fail,
)

__all__ = [
    "KA_DEPARTMENT_THRESHOLD",
    "customer_summary",
    "monthly_sales",
    "window_threshold",
    "key_account_status",
    "key_account_trend",
    "key_account_whatif",
    "key_account_scorecard",
    "manager_scorecard",
    "profitability_matrix",
    "profitability_example",
    "remedy_whatif",
    "composition_ratios",
]


def _distinct(**cols) -> None:
    """Each role needs its own column: ``sales_col="x", cost_col="x"`` is refused."""
    seen = {}
    for arg, col in cols.items():
        if col in seen:
            raise fail(arg, col, f"a column other than {seen[col]} = {col!r}",
                       f"与 {seen[col]} = {col!r} 不同的列", zh="列名")
        seen[col] = arg


#: This many key accounts or more (20 个以上, read as "20 or more") justify a
#: key-account department [002].
KA_DEPARTMENT_THRESHOLD = 20


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
    frame = columns(orders, "orders", "订单", customer_col=customer_col, sales_col=sales_col,
                    cost_col=cost_col, profit_col=profit_col)
    _distinct(customer_col=customer_col, sales_col=sales_col, cost_col=cost_col,
              profit_col=profit_col)
    check_ids(frame, customer_col, "orders", "订单")
    cols = {}
    for col in (sales_col, cost_col, profit_col):
        cols[col] = numeric_column(frame, col, "orders", "订单")
    for col in (sales_col, cost_col):
        check_nonnegative(cols[col], f"orders[{col!r}]", "订单")
    work = pd.DataFrame({"c": frame[customer_col].to_numpy(), "sales": cols[sales_col],
                         "cost": cols[cost_col], "profit": cols[profit_col]})
    g = work.groupby("c", sort=True)
    out = g[["sales", "cost", "profit"]].sum()
    out.insert(2, "gross_profit", out["sales"] - out["cost"])
    check_finite_result(out.to_numpy(dtype=float), "the customer totals", "客户合计",
                        arguments=("orders",))
    out["lines"] = g.size().astype(np.int64)
    out.index.name = customer_col
    return out


# ---------------------------------------------------------------------------
# key accounts
# ---------------------------------------------------------------------------

def _monthly_matrix(orders, customer_col, date_col, value_col):
    frame = columns(orders, "orders", "订单", customer_col=customer_col, date_col=date_col,
                    value_col=value_col)
    _distinct(customer_col=customer_col, date_col=date_col, value_col=value_col)
    check_ids(frame, customer_col, "orders", "订单")
    values = numeric_column(frame, value_col, "orders", "订单")
    check_nonnegative(values, f"orders[{value_col!r}]", "订单")
    # yyyymmdd integers (20240131) are dates, never nanoseconds since 1970 (issue 11)
    dates = to_datetimes(frame[date_col], f"orders[{date_col!r}]", "订单")
    month = dates.dt.year.to_numpy() * 12 + dates.dt.month.to_numpy() - 1
    m0 = int(month.min())
    n_months = int(month.max()) - m0 + 1
    codes, customers = pd.factorize(frame[customer_col], sort=True)
    flat = check_finite_result(
        np.bincount(codes * n_months + (month - m0), weights=values,
                    minlength=len(customers) * n_months),
        "the monthly sales", "月销售额", arguments=("orders",))
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
    # w/12 first: a 12-month window never overflows; a longer one may, and is refused
    with np.errstate(over="ignore"):
        return float(check_finite_result(t * (w / 12.0), "the window threshold", "窗口内门槛",
                                         arguments=("threshold", "window")))


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
    status, _, customers, periods = _status_and_rolling(orders, threshold, window, customer_col,
                                                        date_col, value_col)
    return pd.DataFrame(status, index=customers, columns=periods)


def _status_and_rolling(orders, threshold, window, customer_col, date_col, value_col):
    """KA status and rolling window sales (customers × complete-window months), one pass."""
    t = check_number(threshold, "threshold", zh="大客户标准（年化销售额）", low=0, low_open=True)
    w = check_int(window, "window", zh="滚动窗口（月）", low=1, high=60)
    needed = window_threshold(t, w)
    matrix, customers, periods = _monthly_matrix(orders, customer_col, date_col, value_col)
    if matrix.shape[1] < w:
        raise fail("window", window,
                   f"at most the {matrix.shape[1]} months the orders cover",
                   f"不超过订单覆盖的 {matrix.shape[1]} 个月", zh="滚动窗口（月）")
    cum = np.cumsum(matrix, axis=1)
    rolling = cum[:, w - 1:] - np.concatenate(
        (np.zeros((matrix.shape[0], 1)), cum[:, :-w]), axis=1)
    # a relative tolerance (1e-9 of the standard, plus the rounding error of the running
    # sums) keeps sums like 0.1 + 0.2 on the right side for any size of standard; a
    # customer without sales in the window is never a key account
    tol = 1e-9 * needed + 8 * np.finfo(float).eps * cum[:, w - 1:]
    status = (rolling >= needed - tol) & (rolling > 0)
    return status, rolling, customers, periods[w - 1:]


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
    s, rolling, _, months = _status_and_rolling(orders, threshold, window, customer_col,
                                                date_col, value_col)
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
    }, index=pd.Index(months, name="month"))
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
    unprofitable products, or sell them more of the profitable ones; both are
    computed by :func:`remedy_whatif`.

    Examples
    --------
    >>> m, c = profitability_matrix(profitability_example())
    >>> c["status"].tolist()
    ['盈利型', '混合型', '亏损型']
    >>> m.loc["客户A"].tolist()
    [300.0, 200.0, 0.0, nan]
    """
    tol = check_number(tolerance, "tolerance", zh="无利润容差", low=0)
    frame = columns(orders, "orders", "订单", customer_col=customer_col, product_col=product_col,
                    profit_col=profit_col)
    _distinct(customer_col=customer_col, product_col=product_col, profit_col=profit_col)
    # mixed-type ids (1 and "1") cannot be sorted: a clear error, not a raw TypeError
    check_ids(frame, customer_col, "orders", "订单")
    check_ids(frame, product_col, "orders", "订单")
    profit = numeric_column(frame, profit_col, "orders", "订单")
    work = pd.DataFrame({"c": frame[customer_col].to_numpy(),
                         "p": frame[product_col].to_numpy(), "v": profit})
    cell = work.groupby(["c", "p"], sort=True)["v"].sum()
    matrix = cell.unstack("p").sort_index().sort_index(axis=1)
    matrix.index.name = customer_col
    matrix.columns.name = product_col
    values = check_finite_result(matrix.to_numpy(dtype=float)[~matrix.isna().to_numpy()],
                                 "the cell profits", "格子利润", arguments=("orders",))
    pos, zero, neg, total, code = _status_codes(matrix.to_numpy(dtype=float), tol)
    customers = pd.DataFrame({
        "profit": check_finite_result(total, "the customer profits", "客户利润",
                                      arguments=("orders",)),
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
        ``gross_profit``, ``gross_margin_rate`` (毛利率), ``gross_profit_share``
        (the product's share of total gross profit; missing when total gross
        profit is not positive); with ``inventory`` also
        ``avg_inventory``, ``turnover`` (周转率), ``cross_ratio`` (交叉比率) and
        ``contribution_ratio`` (贡献比率).

    Notes
    -----
    The seed [002] only *names* the four ratios (不同商品销售毛利率、商品周转率、
    交叉比率、贡献比率); the formulas below are 本书补充, our convention after the
    retail literature (Levy & Weitz; the cross ratio is GMROI).  For one product
    over the period, :math:`S` is its sales (销售额), :math:`C` its cost of goods
    (商品成本, without the cost to serve) and :math:`I` its average inventory at
    cost (平均库存); :math:`g` is used for the margin rate because chapter 1 uses
    :math:`m` for a customer's annual margin.

    * gross margin rate :math:`g = (S - C) / S`;
    * turnover :math:`u = S / I`: sales (at **selling price**) over average
      inventory (at **cost**), for the period the orders cover.  The bases are
      mixed on purpose: textbooks of inventory management use cost of goods / I
      (both at cost, "how often the stock turns over"); with sales in the
      numerator the cross ratio below becomes gross profit per yuan of stock;
    * cross ratio :math:`g \\times u = (S - C) / I` (gross margin return on
      inventory, GMROI): gross profit earned per yuan tied up in stock;
    * contribution ratio :math:`g \\times u \\times S / \\sum S`: the cross ratio
      weighted by the product's share of sales.  It is **not** the product's
      share of gross profit (that is :math:`(S-C)/\\sum (S-C)`): a product with a
      small stock can top the contribution ratio while another earns more gross
      profit in yuan.

    References
    ----------
    [002] 客户管理实务 第四章 第一节 客户构成分析: the names of the four ratios.
    Levy, M., & Weitz, B. A. (2012). *Retailing Management* (8th ed.).
    McGraw-Hill, ch. 6 (GMROI = gross margin % × sales-to-stock ratio).

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"product_id": ["x", "y"], "sales": [300.0, 100.0],
    ...                   "cost": [240.0, 60.0]})
    >>> r = composition_ratios(o, inventory=pd.Series({"x": 60.0, "y": 50.0}))
    >>> r[["gross_margin_rate", "turnover", "cross_ratio", "contribution_ratio"]].values.tolist()
    [[0.2, 5.0, 1.0, 0.75], [0.4, 2.0, 0.8, 0.2]]
    """
    frame = columns(orders, "orders", "订单", product_col=product_col, sales_col=sales_col,
                    cost_col=cost_col)
    _distinct(product_col=product_col, sales_col=sales_col, cost_col=cost_col)
    check_ids(frame, product_col, "orders", "订单")
    sales = numeric_column(frame, sales_col, "orders", "订单")
    cost = numeric_column(frame, cost_col, "orders", "订单")
    check_nonnegative(sales, f"orders[{sales_col!r}]", "订单")
    check_nonnegative(cost, f"orders[{cost_col!r}]", "订单")
    work = pd.DataFrame({"p": frame[product_col].to_numpy(), "s": sales, "c": cost})
    g = work.groupby("p", sort=True)[["s", "c"]].sum()
    if (g["s"] <= 0).any():
        bad = g.index[(g["s"] <= 0).to_numpy()][0]
        raise fail(f"orders[{sales_col!r}]", f"zero total sales for product {bad!r}",
                   "a positive total for every product", "每个产品的销售额合计为正",
                   zh="订单")
    out = pd.DataFrame(index=pd.Index(g.index, name=product_col))
    out["sales"] = check_finite_result(g["s"], "the product sales", "产品销售额",
                                       arguments=("orders",))
    s_scaled, _ = scaled(g["s"].to_numpy())
    out["sales_share"] = s_scaled / s_scaled.sum()
    out["gross_profit"] = g["s"] - g["c"]
    out["gross_margin_rate"] = out["gross_profit"] / out["sales"]
    gp_scaled, _ = scaled(out["gross_profit"].to_numpy())
    gp_total = gp_scaled.sum()
    out["gross_profit_share"] = gp_scaled / gp_total if gp_total > 0 else np.nan
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
        if inventory.index.has_duplicates:
            dup = inventory.index[inventory.index.duplicated()][0]
            raise fail("inventory", described(f"product {dup!r} listed twice"),
                       "one average inventory per product", "每个产品一个平均库存", zh="平均库存")
        inv_values = pd.Series(numeric_column(inv, "inv", "inventory", "平均库存", label="inventory"),
                               index=inventory.index).reindex(out.index).to_numpy()
        if (inv_values <= 0).any():
            raise fail("inventory", inv_values[inv_values <= 0][0], "positive amounts",
                       "正数", zh="平均库存")
        out["avg_inventory"] = inv_values
        out["turnover"] = out["sales"] / out["avg_inventory"]
        out["cross_ratio"] = out["gross_margin_rate"] * out["turnover"]
        out["contribution_ratio"] = out["cross_ratio"] * out["sales_share"]
    values = out.to_numpy(dtype=float)
    check_finite_result(values[~np.isnan(values)], "the ratios", "比率",
                        arguments=("orders", "inventory"))
    return out



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
        sorted by customer and month.  Customer-months without sales are left
        out, except that every month of the span the orders cover and every
        customer keep at least one row (with sales 0 if need be), so the
        key-account functions give the same results on this table as on the
        orders.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                   "date": ["2024-01-05", "2024-01-20", "2024-03-01"],
    ...                   "sales": [10.0, 5.0, 7.0]})
    >>> m = monthly_sales(o)
    >>> m["sales"].tolist(), m["date"].dt.strftime("%Y-%m").tolist()
    ([15.0, 0.0, 7.0], ['2024-01', '2024-02', '2024-03'])
    """
    matrix, customers, periods = _monthly_matrix(orders, customer_col, date_col, value_col)
    keep = matrix > 0
    keep[0, ~keep.any(axis=0)] = True      # a month without any sales stays in the span
    keep[~keep.any(axis=1), 0] = True      # a customer without any sales stays a customer
    has = np.argwhere(keep)
    return pd.DataFrame({
        customer_col: np.asarray(customers)[has[:, 0]],
        date_col: periods.to_timestamp()[has[:, 1]],
        value_col: matrix[has[:, 0], has[:, 1]],
    })


def _status_codes(values: np.ndarray, tol: float) -> tuple[np.ndarray, ...]:
    """Per customer row of a matrix (NaN = not bought): profitable/zero/loss cells, status."""
    bought = ~np.isnan(values)
    filled = np.where(bought, values, 0.0)
    pos = bought & (filled > tol)
    neg = bought & (filled < -tol)
    zero = bought & ~pos & ~neg
    total = filled.sum(axis=1)
    code = np.where(total < -tol, 2, np.where(neg.any(axis=1), 1, 0))
    return pos, zero, neg, total, code


def remedy_whatif(orders: pd.DataFrame, price_rise: float = 0.0, drop: bool = False,
                  profitable_growth: float = 0.0, customer_col: str = "customer_id",
                  product_col: str = "product_id", sales_col: str = "sales",
                  profit_col: str = "profit", tolerance: float = 0.0) -> dict:
    """The two remedies of the profitability matrix, computed (利润矩阵的两条出路) [002].

    For mixed and loss-making customers the seed offers (1) raise the price of the
    products that make no profit, or drop them, and (2) sell these customers more
    of the profitable products.  This applies them to every customer × product
    cell of ``orders``.

    Parameters
    ----------
    orders : DataFrame
        Order lines with customer, product, sales and profit (profit after cost of
        goods and cost to serve; may be negative).
    price_rise : float in [0, 1], default 0
        Remedy 1a: raise the price of every *unprofitable* cell (profit <=
        ``tolerance``: break-even or loss) by this share.
    drop : bool, default False
        Remedy 1b: stop selling the unprofitable cells instead (their profit
        becomes 0).  Cannot be combined with ``price_rise > 0``.
    profitable_growth : float in [0, 2], default 0
        Remedy 2: sell this much more (0.2 = +20%) of every *profitable* cell.
    tolerance : float, default 0
        As :func:`profitability_matrix`.

    Returns
    -------
    dict
        ``customers`` (DataFrame by customer: ``profit_before``, ``profit_after``,
        ``status_before``, ``status_after``), ``status_before`` and
        ``status_after`` (customers per status), ``profit_before`` and
        ``profit_after`` (totals), ``improved`` (customers whose status got
        better) and ``loss_customers_after``.

    Notes
    -----
    Assumptions (本书补充, state them when you use the numbers): a price rise of
    :math:`r` keeps the volume, so a cell's profit rises by :math:`r S`; dropping
    a cell removes its sales, cost of goods and cost to serve (an upper bound:
    part of the delivery cost is shared with other products); selling
    :math:`g` more of a profitable cell scales its profit by :math:`1+g` (the
    same margin per unit, cost to serve included).  New profit of cell
    :math:`(i, j)` with profit :math:`\\pi_{ij}` and sales :math:`S_{ij}`:

    .. math:: \\pi'_{ij} = \\begin{cases} \\pi_{ij} + r S_{ij} \\text{ or } 0 &
              \\pi_{ij} \\le \\text{tol} \\\\ (1+g)\\, \\pi_{ij} & \\text{otherwise.} \\end{cases}

    Statuses as in :func:`profitability_matrix`.

    References
    ----------
    [002] 客户管理实务 第四章 第六节 客户赢利能力分析: 提高无利润产品的价格，或者取消这些产品；
    尽力向这些客户推销赢利产品.

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({
    ...     "customer_id": ["B", "B", "C", "C"], "product_id": ["P1", "P4", "P1", "P4"],
    ...     "sales": [1000.0, 500.0, 800.0, 1000.0], "profit": [150.0, -100.0, 100.0, -250.0]})
    >>> r = remedy_whatif(o, price_rise=0.3)
    >>> r["customers"]["profit_after"].tolist(), r["customers"]["status_after"].tolist()
    ([200.0, 150.0], ['盈利型', '盈利型'])
    >>> remedy_whatif(o, profitable_growth=0.5)["customers"]["status_after"].tolist()
    ['混合型', '亏损型']
    """
    r = check_number(price_rise, "price_rise", zh="无利润产品提价幅度", low=0, high=1)
    g = check_number(profitable_growth, "profitable_growth", zh="赢利产品增销幅度", low=0, high=2)
    d = check_bool(drop, "drop", zh="取消无利润产品")
    tol = check_number(tolerance, "tolerance", zh="无利润容差", low=0)
    if d and r > 0:
        raise fail("price_rise", price_rise, "0 when drop=True (a dropped product has no price)",
                   "drop=True 时为 0（取消的产品无需提价）", zh="无利润产品提价幅度")
    frame = columns(orders, "orders", "订单", customer_col=customer_col, product_col=product_col,
                    sales_col=sales_col, profit_col=profit_col)
    _distinct(customer_col=customer_col, product_col=product_col, sales_col=sales_col,
              profit_col=profit_col)
    check_ids(frame, customer_col, "orders", "订单")
    check_ids(frame, product_col, "orders", "订单")
    sales = numeric_column(frame, sales_col, "orders", "订单")
    check_nonnegative(sales, f"orders[{sales_col!r}]", "订单")
    profit = numeric_column(frame, profit_col, "orders", "订单")
    work = pd.DataFrame({"c": frame[customer_col].to_numpy(), "p": frame[product_col].to_numpy(),
                         "s": sales, "v": profit})
    cell = work.groupby(["c", "p"], sort=True)[["s", "v"]].sum()
    before = cell["v"].unstack("p")
    cs, cv = cell["s"].to_numpy(), cell["v"].to_numpy()
    unprofitable = cv <= tol
    new = np.where(unprofitable, 0.0 if d else cv + r * cs, (1.0 + g) * cv)
    new = check_finite_result(new, "the new cell profits", "调整后利润",
                              arguments=("orders",))
    after = pd.Series(new, index=cell.index).unstack("p").reindex(index=before.index,
                                                                  columns=before.columns)
    if d:   # a dropped cell is no longer bought
        after = after.mask(pd.Series(unprofitable, index=cell.index).unstack("p")
                           .reindex(index=before.index, columns=before.columns)
                           .fillna(False).astype(bool))
    *_, tot_b, code_b = _status_codes(before.to_numpy(dtype=float), tol)
    *_, tot_a, code_a = _status_codes(after.to_numpy(dtype=float), tol)
    cats = list(_STATUS)
    customers = pd.DataFrame({
        "profit_before": check_finite_result(tot_b, "the customer profits", "客户利润",
                                             arguments=("orders",)),
        "profit_after": check_finite_result(tot_a, "the customer profits", "客户利润",
                                            arguments=("orders",)),
        "status_before": pd.Categorical.from_codes(code_b, categories=cats, ordered=True),
        "status_after": pd.Categorical.from_codes(code_a, categories=cats, ordered=True),
    }, index=pd.Index(before.index, name=customer_col))
    return {
        "customers": customers,
        "status_before": {k: int(v) for k, v in
                          customers["status_before"].value_counts(sort=False).items()},
        "status_after": {k: int(v) for k, v in
                         customers["status_after"].value_counts(sort=False).items()},
        "profit_before": float(tot_b.sum()),
        "profit_after": float(check_finite_result(tot_a.sum(), "the total profit", "总利润",
                                                  arguments=("orders",))),
        "improved": int((code_a < code_b).sum()),
        "loss_customers_after": int((code_a == 2).sum()),
    }


def _yearly(orders, year, customer_col, date_col, value_cols):
    y = check_int(year, "year", zh="年份", low=1000, high=9999)
    cols = {"customer_col": customer_col, "date_col": date_col}
    cols.update({f"{k}": v for k, v in value_cols.items()})
    frame = columns(orders, "orders", "订单", **cols)
    _distinct(**cols)
    check_ids(frame, customer_col, "orders", "订单")
    years = to_datetimes(frame[date_col], f"orders[{date_col!r}]", "订单").dt.year.to_numpy()
    if not (years == y).any():
        raise fail("year", year, f"a year the orders cover ({years.min()}–{years.max()})",
                   f"订单覆盖的年份（{years.min()}—{years.max()}）", zh="年份")
    work = {"c": frame[customer_col].to_numpy(), "y": years}
    for arg, col in value_cols.items():
        work[arg] = numeric_column(frame, col, "orders", "订单")
    return y, pd.DataFrame(work)


def key_account_scorecard(orders: pd.DataFrame, key_accounts, year: int,
                          target_growth: float = 0.1, wallet=None,
                          customer_col: str = "customer_id", date_col: str = "date",
                          sales_col: str = "sales", profit_col: str = "profit") -> pd.DataFrame:
    """The key-account manager's three measures, per key account (大客户经理考核) [002].

    The seed's typical evaluation of a key-account manager: how well the
    manager grows the **share of the customer's business** (业务份额, share of
    wallet), the **annual profit** (年度利润), and whether the **sales target**
    (销售目标) is met.

    Parameters
    ----------
    orders : DataFrame
        Order lines with customer, date, sales and profit.
    key_accounts : sequence of ids
        The key accounts to score (e.g. the customers meeting the standard in
        the last month, from :func:`key_account_status`).
    year : int
        The year scored; the target is set from ``year - 1``.
    target_growth : float in [-0.5, 1], default 0.1
        Sales target = last year's sales × (1 + target_growth).  A convention of
        this book (本书补充): the seed names the measure, not how targets are set.
    wallet : Series, optional
        Each key account's total purchases of the category in ``year`` from all
        suppliers (客户同类采购总额), indexed by customer id.  Order data cannot
        contain it (it comes from visits, surveys or the customer's own
        reports); without it ``share_of_wallet`` is left out.  It must be at
        least the customer's purchases from us.

    Returns
    -------
    DataFrame
        Indexed by customer: ``sales``, ``last_year_sales``, ``target``,
        ``target_attainment`` (sales / target), ``profit`` (annual profit) and,
        with ``wallet``, ``wallet`` and ``share_of_wallet`` (sales / wallet).  A
        key account without sales last year has no target by this rule: its
        ``target`` and ``target_attainment`` are missing (``NaN``, shown "—").

    Examples
    --------
    >>> import pandas as pd
    >>> o = pd.DataFrame({"customer_id": ["a", "a", "b", "b"],
    ...                   "date": ["2024-05-01", "2025-05-01", "2024-06-01", "2025-06-01"],
    ...                   "sales": [100.0, 121.0, 200.0, 180.0], "profit": [5.0, 8.0, 9.0, 4.0]})
    >>> s = key_account_scorecard(o, ["a", "b"], 2025, wallet=pd.Series({"a": 242.0, "b": 600.0}))
    >>> s["target_attainment"].round(3).tolist(), s["share_of_wallet"].tolist()
    ([1.1, 0.818], [0.5, 0.3])
    """
    growth = check_number(target_growth, "target_growth", zh="销售目标增长率", low=-0.5, high=1)
    if isinstance(key_accounts, (str, bytes, dict, pd.DataFrame)) or \
            not hasattr(key_accounts, "__iter__") or np.ndim(key_accounts) == 0:
        raise fail("key_accounts", key_accounts, "a sequence of customer ids", "客户编号序列",
                   zh="大客户", kind=InputTypeError)
    kas = pd.DataFrame({"c": list(key_accounts)})
    if kas.empty:
        raise fail("key_accounts", described("an empty sequence"), "at least one customer id",
                   "至少一个客户编号", zh="大客户")
    check_ids(kas, "c", "key_accounts", "大客户", unique=True, label="key_accounts")
    y, work = _yearly(orders, year, customer_col, date_col,
                      {"sales_col": sales_col, "profit_col": profit_col})
    check_nonnegative(work["sales_col"].to_numpy(), f"orders[{sales_col!r}]", "订单")
    ids = pd.Index(kas["c"].to_numpy(), name=customer_col)
    unknown = list(ids[~ids.isin(pd.unique(work["c"]))])
    if unknown:
        raise fail("key_accounts", unknown[0], "customers that appear in orders",
                   "订单中出现过的客户", zh="大客户")
    now = work[work["y"] == y].groupby("c")[["sales_col", "profit_col"]].sum().reindex(ids,
                                                                                      fill_value=0.0)
    last = work[work["y"] == y - 1].groupby("c")["sales_col"].sum().reindex(ids, fill_value=0.0)
    target = (last * (1.0 + growth)).where(last > 0)
    out = pd.DataFrame({
        "sales": now["sales_col"].to_numpy(),
        "last_year_sales": last.to_numpy(),
        "target": target.to_numpy(),
        "target_attainment": (now["sales_col"] / target).to_numpy(),
        "profit": now["profit_col"].to_numpy(),
    }, index=ids)
    if wallet is not None:
        if not isinstance(wallet, pd.Series):
            raise fail("wallet", described(type(wallet).__name__),
                       "a Series of total purchases indexed by customer id",
                       "以客户编号为索引的同类采购总额 Series", zh="同类采购总额", kind=InputTypeError)
        if wallet.index.has_duplicates:
            raise fail("wallet", described(f"customer {wallet.index[wallet.index.duplicated()][0]!r} twice"),
                       "one total per customer", "每个客户一个总额", zh="同类采购总额")
        missing = [c for c in ids if c not in wallet.index]
        if missing:
            raise fail("wallet", described(f"no value for customer {missing[0]!r}"),
                       "a total for every key account", "每个大客户的同类采购总额", zh="同类采购总额")
        w = numeric_column(wallet.reindex(ids).rename("w").to_frame(), "w", "wallet", "同类采购总额",
                           label="wallet")
        check_nonnegative(w, "wallet", "同类采购总额")
        sales_now = out["sales"].to_numpy()
        short = w < sales_now - 1e-9 * sales_now   # relative: rounding of the sales sums
        if short.any():
            i = int(np.flatnonzero(short)[0])
            raise fail("wallet", described(f"{w[i]:,.2f} for {ids[i]!r}, below its sales "
                                           f"{out['sales'].iloc[i]:,.2f}"),
                       "totals at least the customer's purchases from us", "不小于客户向我们的采购额",
                       zh="同类采购总额")
        out["wallet"] = w
        out["share_of_wallet"] = np.divide(out["sales"].to_numpy(), w, out=np.zeros(len(w)),
                                           where=w > 0)
    check_finite_result(out.to_numpy(dtype=float)[~np.isnan(out.to_numpy(dtype=float))],
                        "the scorecard", "考核表", arguments=("orders", "wallet"))
    return out


def manager_scorecard(scorecard: pd.DataFrame, managers) -> pd.DataFrame:
    """The three measures per key-account manager (按大客户经理汇总考核).

    Parameters
    ----------
    scorecard : DataFrame
        The result of :func:`key_account_scorecard`.
    managers : Series
        The manager (客户经理) of each key account, indexed by customer id.

    Returns
    -------
    DataFrame
        Indexed by manager: ``key_accounts``, ``sales``, ``target`` (over the
        accounts that have one), ``target_attainment`` (their sales / their
        target), ``profit`` and, if the scorecard has it, ``share_of_wallet``
        (total sales / total wallet of the manager's accounts).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"sales": [121.0, 180.0], "last_year_sales": [100.0, 200.0],
    ...                   "target": [110.0, 220.0], "target_attainment": [1.1, 180 / 220],
    ...                   "profit": [8.0, 4.0]}, index=pd.Index(["a", "b"], name="customer_id"))
    >>> m = manager_scorecard(s, pd.Series({"a": "王", "b": "王"}))
    >>> m["key_accounts"].tolist(), round(float(m["target_attainment"].iloc[0]), 4)
    ([2], 0.9121)
    """
    need = ["sales", "target", "profit"]
    frame = check_frame(scorecard, "scorecard", need, zh="考核表")
    if not isinstance(managers, pd.Series):
        raise fail("managers", described(type(managers).__name__),
                   "a Series of managers indexed by customer id", "以客户编号为索引的客户经理 Series",
                   zh="客户经理", kind=InputTypeError)
    if managers.index.has_duplicates:
        raise fail("managers", described(f"customer {managers.index[managers.index.duplicated()][0]!r} twice"),
                   "one manager per customer", "每个客户一位客户经理", zh="客户经理")
    missing = [c for c in frame.index if c not in managers.index]
    if missing:
        raise fail("managers", described(f"no manager for customer {missing[0]!r}"),
                   "a manager for every key account", "每个大客户都有客户经理", zh="客户经理")
    m = pd.DataFrame({"m": managers.reindex(frame.index).to_numpy()})
    check_ids(m, "m", "managers", "客户经理", label="managers")
    sales = numeric_column(frame, "sales", "scorecard", "考核表")
    check_nonnegative(sales, "scorecard['sales']", "考核表")
    target = numeric_column(frame, "target", "scorecard", "考核表", allow_missing=True)
    if (target <= 0).any():   # NaN (no target) compares False
        i = int(np.flatnonzero(target <= 0)[0])
        raise fail("scorecard['target']", described(f"{target[i]!r} in row {i}"),
                   "positive targets (NaN where a key account has none)",
                   "正的销售目标（没有目标的大客户为 NaN）", zh="考核表")
    profit = numeric_column(frame, "profit", "scorecard", "考核表")
    has_wallet = "wallet" in frame.columns
    work = pd.DataFrame({"_m": m["m"].to_numpy(), "sales": sales, "target": target,
                         "profit": profit}, index=frame.index)
    if has_wallet:
        work["wallet"] = numeric_column(frame, "wallet", "scorecard", "考核表")
        check_nonnegative(work["wallet"].to_numpy(), "scorecard['wallet']", "考核表")
    work["_sales_t"] = np.where(np.isnan(target), 0.0, sales)
    g = work.groupby("_m", sort=True, observed=True)
    out = pd.DataFrame({
        "key_accounts": g.size().astype(np.int64),
        "sales": g["sales"].sum(),
        "target": g["target"].sum(min_count=1),
    })
    out["target_attainment"] = g["_sales_t"].sum() / out["target"]
    out["profit"] = g["profit"].sum()
    if has_wallet:
        # the rule of key_account_scorecard: no wallet (0) means a share of 0
        wal = g["wallet"].sum().to_numpy()
        out["share_of_wallet"] = np.divide(out["sales"].to_numpy(), wal, out=np.zeros(len(wal)),
                                           where=wal > 0)
    values = out.to_numpy(dtype=float)
    check_finite_result(values[~np.isnan(values)], "the manager totals", "客户经理合计",
                        arguments=("scorecard",))
    out.index.name = "manager"
    return out
