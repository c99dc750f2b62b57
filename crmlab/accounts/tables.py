"""Student-facing tables of chapter 5, part 2 (展示用表格).

Builders of DataFrames with English column ids (or Chinese data values) that a
notebook shows with :func:`crmlab.display.table` (topic ``accounts``).
"""
from __future__ import annotations

import pandas as pd

from ..validation import check_number, described, fail
from .model import _STATUS, remedy_whatif

__all__ = ["remedy_table"]

#: the keywords remedy_table passes on to remedy_whatif
_PASSED_ON = ("customer_col", "product_col", "sales_col", "profit_col", "tolerance")


def remedy_table(orders: pd.DataFrame, price_rise: float = 0.1,
                 profitable_growth: float = 0.2, **columns) -> pd.DataFrame:
    """The seed's two remedies side by side: customers per status and total profit (两条出路对照).

    Rows (index ``scenario``): 现状, 出路 1a 提价 (``price_rise``), 出路 1b 取消无利润产品,
    出路 2 多卖赢利产品 (``profitable_growth``).  Columns: 盈利型, 混合型, 亏损型
    (customers) and ``profit_after`` (total profit).  Each row is one call of
    :func:`crmlab.accounts.remedy_whatif`; ``columns`` passes its column names
    (``customer_col``, ``product_col``, ``sales_col``, ``profit_col``) and ``tolerance`` on;
    any other keyword is refused.

    Examples
    --------
    >>> from crmlab.accounts import profitability_example
    >>> o = profitability_example().assign(sales=[900.0, 800, 300, 1000, 500, 800, 300, 1000])
    >>> t = remedy_table(o, price_rise=0.5, profitable_growth=0.0)
    >>> t["亏损型"].tolist(), t["profit_after"].tolist()
    ([1, 0, 0, 1], [400.0, 1450.0, 750.0, 400.0])
    """
    unknown = [k for k in columns if k not in _PASSED_ON]
    if unknown:
        raise fail("**columns", described(f"the unknown keyword {unknown[0]!r}"),
                   f"keywords among price_rise, profitable_growth, {', '.join(_PASSED_ON)}",
                   f"price_rise、profitable_growth、{'、'.join(_PASSED_ON)} 中的关键字参数",
                   zh="关键字参数")
    price_rise = check_number(price_rise, "price_rise", zh="无利润产品提价幅度", low=0, high=1)
    profitable_growth = check_number(profitable_growth, "profitable_growth", zh="赢利产品增销幅度",
                                     low=0, high=2)
    runs = {
        "现状": remedy_whatif(orders, **columns),
        f"出路 1a：无利润产品提价 {price_rise:.0%}": remedy_whatif(orders, price_rise=price_rise,
                                                              **columns),
        "出路 1b：取消无利润产品": remedy_whatif(orders, drop=True, **columns),
        f"出路 2：赢利产品多卖 {profitable_growth:.0%}": remedy_whatif(
            orders, profitable_growth=profitable_growth, **columns),
    }
    rows = {name: {**{s: r["status_after"][s] for s in _STATUS}, "profit_after": r["profit_after"]}
            for name, r in runs.items()}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "scenario"
    return out
