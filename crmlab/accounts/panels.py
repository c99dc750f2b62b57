"""The what-if panel of chapter 5, part 2: the key-account standard (大客户标准情景面板).

The model it explores is :func:`crmlab.accounts.key_account_whatif` (pure,
unit-tested); :func:`key_account_panel_model` only adds the worded verdict on a
key-account department, and :func:`key_account_panel` binds two sliders to it.
"""
from __future__ import annotations

import pandas as pd

from .. import display
from .charts import plot_key_account_trend
from .model import KA_DEPARTMENT_THRESHOLD, key_account_whatif, monthly_sales

__all__ = ["key_account_panel_model", "key_account_panel"]

_T = "accounts"


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
    from ..widgets import Result, Slider, WhatIfPanel

    monthly = monthly_sales(orders, customer_col, date_col, value_col)

    def plot(fig, result, params):
        plot_key_account_trend(
            result["trend"], threshold=params["threshold"], window=params["window"],
            ax=fig.add_subplot(), title=display.label("key_accounts", _T, unit=False))

    return WhatIfPanel(
        key_account_panel_model,
        controls=[Slider("threshold", display.label("threshold", _T, unit=False), 50_000,
                         1_500_000, 10_000, threshold, unit="元", fmt=",.0f"),
                  Slider("window", display.label("window", _T, unit=False), 1, 24, 1, window,
                         unit="个月", integer=True)],
        results=[Result("key_accounts_now", display.label("key_accounts_now", _T, unit=False),
                        fmt="d", unit="家"),
                 Result("ka_department", display.label("ka_department", _T)),
                 Result("ka_sales_share_now", display.label("ka_sales_share_now", _T), fmt=".1%"),
                 Result("window_threshold", display.label("window_threshold", _T, unit=False),
                        fmt=",.0f", unit="元", detail=True),
                 Result("entries_total", display.label("entries_total", _T, unit=False),
                        fmt="d", unit="家次", detail=True),
                 Result("exits_total", display.label("exits_total", _T, unit=False),
                        fmt="d", unit="家次", detail=True)],
        plot=plot,
        title="大客户标准：提高或降低门槛，看大客户数量怎样变化（模拟数据）",
        fixed={"orders": monthly, "customer_col": customer_col, "date_col": date_col,
               "value_col": value_col},
        figsize=(7.0, 3.8),
    )
