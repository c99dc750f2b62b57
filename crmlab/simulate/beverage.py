"""Simulated orders of a beverage distributor (模拟数据：饮料经销商的客户与订单).

In the spirit of the seed's case of Liu Bo, a sales rep who sells beer to hotels
[002], this invents a distributor in a mid-sized Chinese city that delivers beer,
soft drinks and water to hotels (酒店), restaurants (餐厅), shops (商店) and bars /
KTVs (夜场) from 2023-01-01 to 2025-12-31.  Three tables come from one
simulation, so they always agree:

* :func:`generate_products` – 8 products with list price and unit cost per case;
* :func:`generate_customers` – customer master data (type, region, payment
  terms, discount, sales rep, when they joined and, if so, left);
* :func:`generate_orders` – one row per order line with sales, cost of goods,
  cost to serve and profit.

What the simulation builds in (and the tests check):

* concentration: a few large hotels and bars buy most (top 20% of customers ≈
  80% of sales);
* loss-making customers: deep discounts, many small deliveries (each delivery
  costs money) and long payment terms, so the whale curve peaks well above 100%
  of profit, like the seed's "20% of customers make 120% of profit" [003];
* seasonality: beer sells most in summer;
* change: customers grow or shrink, some join and some leave during the period.

Every number is invented; the data describe no real company.  The simulation is
vectorised (no loop over customers or orders) and deterministic for a seed.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ._args import check_seed

__all__ = ["generate_products", "generate_customers", "generate_orders", "PRODUCTS",
           "START", "MONTHS"]

START = pd.Timestamp("2023-01-01")
MONTHS = 36

#: product id, name, category, pack, list price per case (CNY), unit cost per case (CNY),
#: seasonal amplitude, days of stock held on average
PRODUCTS = (
    ("P01", "经典啤酒", "啤酒", "330ml×24罐", 60.0, 53.0, 0.45, 20),
    ("P02", "纯生啤酒", "啤酒", "500ml×12瓶", 66.0, 56.0, 0.45, 25),
    ("P03", "精酿啤酒", "啤酒", "330ml×12瓶", 120.0, 90.0, 0.35, 45),
    ("P04", "扎啤", "啤酒", "20L桶", 180.0, 150.0, 0.50, 10),
    ("P05", "果味汽水", "软饮", "330ml×24罐", 45.0, 38.0, 0.25, 30),
    ("P06", "凉茶", "软饮", "310ml×24罐", 72.0, 60.0, 0.20, 35),
    ("P07", "矿泉水", "饮用水", "550ml×24瓶", 28.0, 22.0, 0.30, 15),
    ("P08", "苏打水", "饮用水", "400ml×24瓶", 54.0, 43.0, 0.25, 40),
)

TYPES = ("酒店", "餐厅", "商店", "夜场")
_TYPE_SHARE = (0.12, 0.45, 0.30, 0.13)
_TYPE_MEDIAN = (9000.0, 3000.0, 2000.0, 11000.0)   # monthly sales, CNY
# how much each type buys of each product (relative weights, rows = TYPES)
_PREFERENCE = np.array([
    [2.0, 3.0, 2.0, 1.0, 1.0, 1.0, 3.0, 2.0],
    [4.0, 3.0, 1.0, 1.0, 2.0, 3.0, 1.0, 1.0],
    [4.0, 2.0, 0.5, 0.0, 3.0, 2.0, 4.0, 2.0],
    [2.0, 3.0, 3.0, 3.0, 1.0, 0.5, 1.0, 2.0],
])
REGIONS = ("城东", "城西", "城南", "城北", "郊县")
_REGION_SHARE = (0.24, 0.22, 0.2, 0.2, 0.14)
_DELIVERY_COST = (55.0, 55.0, 55.0, 55.0, 95.0)   # CNY per delivery
_LINE_COST = 4.0                                  # CNY per order line (picking)
TERMS = ("现金", "月结", "30天账期", "60天账期")
_TERM_DAYS = (0, 15, 30, 60)
_CREDIT_RATE = 0.12    # yearly cost of money tied up in receivables, incl. collection
REPS = ("张伟", "李娜", "王磊", "赵敏", "陈静", "周强")


def generate_products(seed: int = 20250501) -> pd.DataFrame:
    """The product table (产品表): 8 products with price, cost and average stock.

    ``seed`` (an integer >= 0, as for every generator) sets the simulated
    orders the stock is computed from; the prices and costs are fixed.  Average
    inventory at cost is the stock held for ``days`` of the product's simulated
    cost of goods.

    Examples
    --------
    >>> generate_products()["product_id"].tolist()[:3]
    ['P01', 'P02', 'P03']
    """
    _, _, orders = _simulate(check_seed(seed))
    cogs_per_day = orders.groupby("product_id")["cost"].sum() / (365.0 * MONTHS / 12)
    rows = pd.DataFrame(PRODUCTS, columns=["product_id", "product_name", "category", "pack",
                                           "list_price", "unit_cost", "_season", "_days"])
    rows["gross_margin_rate"] = ((rows["list_price"] - rows["unit_cost"])
                                 / rows["list_price"]).round(4)
    rows["avg_inventory"] = (cogs_per_day.reindex(rows["product_id"]).to_numpy()
                             * rows["_days"].to_numpy()).round(-1)
    return rows.drop(columns=["_season", "_days"])


def generate_customers(seed: int = 20250501) -> pd.DataFrame:
    """The customer master table (客户主数据); see the module docstring.

    Examples
    --------
    >>> c = generate_customers()
    >>> sorted(c["customer_type"].unique().tolist())
    ['商店', '夜场', '酒店', '餐厅']
    """
    customers, _, _ = _simulate(check_seed(seed))
    return customers.copy()


def generate_orders(seed: int = 20250501) -> pd.DataFrame:
    """The order lines (订单明细); see the module docstring.

    Examples
    --------
    >>> o = generate_orders()
    >>> list(o.columns)[:4]
    ['order_id', 'date', 'customer_id', 'product_id']
    """
    _, _, orders = _simulate(check_seed(seed))
    return orders.copy()


@lru_cache(maxsize=4)
def _simulate(seed: int, n: int = 640):
    rng = np.random.default_rng(seed)
    n_prod = len(PRODUCTS)
    price = np.array([p[4] for p in PRODUCTS])
    unit_cost = np.array([p[5] for p in PRODUCTS])
    amplitude = np.array([p[6] for p in PRODUCTS])

    # --- customers -------------------------------------------------------
    ctype = rng.choice(len(TYPES), size=n, p=_TYPE_SHARE)
    region = rng.choice(len(REGIONS), size=n, p=_REGION_SHARE)
    size = np.asarray(_TYPE_MEDIAN)[ctype] * rng.lognormal(0.0, 1.25, n)  # CNY / month
    big = size > np.quantile(size, 0.7)
    term_p = np.where(big[:, None], [[0.15, 0.35, 0.3, 0.2]], [[0.6, 0.25, 0.1, 0.05]])
    terms = (rng.random(n)[:, None] > np.cumsum(term_p, axis=1)).sum(axis=1)
    discount = rng.uniform(0.02, 0.08, n) + np.where(big, rng.uniform(0.0, 0.05, n), 0.0)
    heavy = rng.random(n) < np.where(big, 0.3, 0.1)  # discount-hungry accounts
    discount = np.where(heavy, rng.uniform(0.13, 0.19, n) + np.where(big, 0.05, 0.0),
                        discount).round(3)
    small_frequent = (rng.random(n) < 0.25) & ~big     # many tiny deliveries
    orders_per_month = np.clip(1.1 * (size / 3000.0) ** 0.3, 0.5, 4.0)
    orders_per_month = np.where(small_frequent, np.minimum(orders_per_month * 3.0, 8.0),
                                orders_per_month)
    order_value = size / orders_per_month
    growth = rng.normal(-0.03, 0.3, n)                  # log growth per year
    joins = rng.random(n) < 0.28
    join_month = np.where(joins, rng.integers(1, MONTHS - 3, n), 0)
    leaves = rng.random(n) < 0.18
    leave_month = np.where(leaves, join_month + 3 + (rng.random(n) * (MONTHS - 3 - join_month)
                                                      ).astype(int), MONTHS)
    leave_month = np.minimum(leave_month, MONTHS)
    rep = rng.integers(0, len(REPS), n)

    months = np.arange(MONTHS)
    starts = pd.date_range(START, periods=MONTHS, freq="MS")
    days_in_month = np.asarray(starts.days_in_month)
    season_orders = 1.0 + 0.15 * np.cos(2 * np.pi * (months - 6) / 12)
    active = (months[None, :] >= join_month[:, None]) & (months[None, :] < leave_month[:, None])
    trend = np.exp(growth[:, None] * (months[None, :] / 12.0))
    rate = orders_per_month[:, None] * season_orders[None, :] * active
    counts = rng.poisson(rate)

    # --- orders ----------------------------------------------------------
    cell = np.repeat(np.arange(n * MONTHS), counts.ravel())
    o_cust = cell // MONTHS
    o_month = cell % MONTHS
    o_day = (rng.random(cell.size) * days_in_month[o_month]).astype(int)
    o_date = starts.to_numpy()[o_month] + o_day.astype("timedelta64[D]")
    tiebreak = rng.random(cell.size)
    order = np.lexsort((tiebreak, o_cust, o_date))
    o_cust, o_month, o_date = o_cust[order], o_month[order], o_date[order]
    n_orders = o_cust.size

    n_lines = 1 + rng.binomial(2, 0.35, n_orders)
    with np.errstate(divide="ignore"):
        logw = np.log(_PREFERENCE[ctype[o_cust]])
    keys = logw + rng.gumbel(size=(n_orders, n_prod))
    ranked = np.argsort(-keys, axis=1, kind="stable")
    l_order = np.repeat(np.arange(n_orders), n_lines)
    first_line = np.cumsum(n_lines) - n_lines
    l_pos = np.arange(l_order.size) - first_line[l_order]
    l_prod = ranked[l_order, l_pos]
    l_cust = o_cust[l_order]
    l_month = o_month[l_order]
    season = 1.0 + amplitude[l_prod] * np.cos(2 * np.pi * (l_month - 6) / 12)
    target = (order_value[l_cust] * trend[l_cust, l_month] * season / n_lines[l_order]
              * rng.lognormal(0.0, 0.35, l_order.size))
    net_price = price[l_prod] * (1.0 - discount[l_cust])
    qty = np.maximum(1, rng.poisson(target / net_price))
    sales = np.round(qty * net_price, 2)
    cogs = np.round(qty * unit_cost[l_prod], 2)
    fixed = (np.asarray(_DELIVERY_COST)[region[o_cust]] / n_lines)[l_order] + _LINE_COST
    credit = sales * _CREDIT_RATE * np.asarray(_TERM_DAYS)[terms[l_cust]] / 365.0
    serve = np.round(fixed + credit, 2)
    profit = np.round(sales - cogs - serve, 2)

    ids = np.array([f"K{i:04d}" for i in range(1, n + 1)], dtype=object)
    pids = np.array([p[0] for p in PRODUCTS], dtype=object)
    orders = pd.DataFrame({
        "order_id": np.array([f"O{i:06d}" for i in range(1, n_orders + 1)],
                             dtype=object)[l_order],
        "date": pd.DatetimeIndex(o_date[l_order]).strftime("%Y-%m-%d"),
        "customer_id": ids[l_cust],
        "product_id": pids[l_prod],
        "quantity": qty.astype(np.int64),
        "sales": sales,
        "cost": cogs,
        "service_cost": serve,
        "profit": profit,
    })

    existing_since = START - pd.to_timedelta(rng.integers(60, 3000, n), unit="D")
    joined = np.where(join_month > 0, starts[np.minimum(join_month, MONTHS - 1)].to_numpy(),
                      existing_since.to_numpy())
    left_dates = np.where(leave_month < MONTHS,
                          pd.DatetimeIndex(starts[np.minimum(leave_month, MONTHS - 1)]
                                           ).strftime("%Y-%m-%d"), "")
    customers = pd.DataFrame({
        "customer_id": ids,
        "customer_type": np.asarray(TYPES, dtype=object)[ctype],
        "region": np.asarray(REGIONS, dtype=object)[region],
        "payment_terms": np.asarray(TERMS, dtype=object)[terms],
        "credit_days": np.asarray(_TERM_DAYS)[terms].astype(np.int64),
        "discount_rate": discount,
        "sales_rep": np.asarray(REPS, dtype=object)[rep],
        "joined": pd.DatetimeIndex(joined).strftime("%Y-%m-%d"),
        "left": left_dates,
    })
    return customers, None, orders
