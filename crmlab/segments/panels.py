"""The what-if panel of chapter 5, part 1: ABC cut points (ABC 分类情景面板).

The model it explores is :func:`crmlab.segments.abc_whatif` (pure, unit-tested);
:func:`abc_panel_model` only flattens that result into one key per row of the
panel, and :func:`abc_panel` binds two sliders to it.
"""
from __future__ import annotations

import pandas as pd

from .. import display
from ..validation import check_frame
from .model import abc_whatif, sales_by_customer
from .charts import plot_pareto

__all__ = ["abc_panel_model", "abc_panel"]

_T = "segments"


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
    from ..widgets import Result, Slider, WhatIfPanel

    if not isinstance(orders_or_sales, pd.Series):
        check_frame(orders_or_sales, "orders_or_sales", zh="订单或销售额")
    sales = sales_by_customer(orders_or_sales, value_col=value_col, id_col=id_col)
    results = []
    for label in ("A", "B", "C"):
        results += [Result(f"count_{label}", display.label(f"count_{label}", _T, unit=False),
                           fmt="d", unit="家"),
                    Result(f"value_share_{label}", display.label(f"value_share_{label}", _T),
                           fmt=".1%")]

    def plot(fig, result, params):
        plot_pareto(result["table"], ax=fig.add_subplot(),
                    title=f"帕累托曲线：A 类止于 {params['cut_a']:.0%}，B 类止于 {params['cut_b']:.0%}")

    return WhatIfPanel(
        abc_panel_model,
        controls=[Slider("cut_a", display.label("cut_a", _T), 0.05, 0.95, 0.01, cut_a, fmt=".0%"),
                  Slider("cut_b", display.label("cut_b", _T), 0.10, 0.99, 0.01, cut_b, fmt=".0%")],
        results=results,
        plot=plot,
        title="ABC 分类：移动分界点，看各类客户的数量和销售额占比（模拟数据）",
        fixed={"data": sales, "value_col": value_col, "id_col": id_col},
    )
