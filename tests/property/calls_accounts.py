"""Property registry of Chapter 5 (crmlab.accounts): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call, cover, orders, orders_year

_A = "test_prop_accounts.py::"
_DATES = "test_prop_dates.py::test_dates_are_parsed_or_refused"


def CALLS():
    from crmlab import accounts
    N = lambda v: Arg("num", v)  # noqa: E731
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
        Call("accounts.key_account_scorecard", lambda: dict(
            orders=O(ids=("customer_id",), nums=("sales", "profit"), dates=("date",)),
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
    ]


COVER = cover(
    ("accounts.key_account_panel", CONTRACT, "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
    ("accounts.key_account_status accounts.key_account_trend", CONTRACT,
     _A + "test_key_accounts_equal_rolling_sums_by_hand", _DATES),
    ("accounts.monthly_sales", CONTRACT, _A + "test_monthly_sales_equal_groupby", _DATES),
    ("accounts.key_account_whatif accounts.key_account_panel_model", CONTRACT,
     _A + "test_key_accounts_equal_rolling_sums_by_hand"),
    ("accounts.window_threshold", CONTRACT, FUZZ, _A + "test_key_accounts_equal_rolling_sums_by_hand"),
    ("accounts.customer_summary accounts.profitability_matrix accounts.profitability_example "
     "accounts.composition_ratios accounts.plot_key_account_trend accounts.plot_profitability_heatmap",
     CONTRACT, VALID),
    ("accounts.key_account_scorecard accounts.manager_scorecard accounts.remedy_whatif accounts.remedy_table",
     CONTRACT, VALID),
    ("accounts.composition_ratios", "test_prop_misc.py::test_composition_ratios_refuses_a_duplicated_product"),
)


def _key_account_panel():
    from crmlab import accounts, datasets
    return accounts.key_account_panel(datasets.load_beverage_orders(), threshold=300_000, window=12)


PANELS = {"accounts.key_account_panel": _key_account_panel}
