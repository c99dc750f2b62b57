"""What-if panel of the beer-and-diapers case (寻找关联规则面板).

A thin layer over :func:`crmlab.basket.model.rules_whatif`: two threshold
sliders and a time-slice choice → the rules found, where 尿布 → 啤酒 stands and
the most confident rule; the chart shows the top 10 rules by lift as a table
(the story's rule in red) beside all rules as points, support against confidence,
coloured by lift.  Labels and units come from the glossary
(``crmlab/glossary/basket.csv``).
"""
from __future__ import annotations

from collections.abc import Mapping

from .. import display
from ..validation import check_choice, check_column, check_frame, check_number, fail
from .charts import plot_rules, plot_top_rules
from .model import ALL_SLICES, _basket_matrix, rules_whatif, slice_baskets

__all__ = ["PANEL_SLICES", "slice_matrices", "rules_panel_model", "rules_panel"]

TOPIC = "basket"
#: The time slices the panel offers.
PANEL_SLICES = (ALL_SLICES, "工作日晚间", "周末")
_SLICE_LABELS = {ALL_SLICES: "全部", "工作日晚间": "工作日晚间", "周末": "周末"}


def slice_matrices(table, *, slice_col="time_slice", order_col="order_id", item_col="item"):
    """Basket matrices of a transaction table for each slice of :data:`PANEL_SLICES`.

    Computed once, so that the panel only re-runs apriori when a control moves.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"order_id": ["a", "b", "c"], "item": ["牛奶", "啤酒", "尿布"],
    ...                   "time_slice": ["周末", "工作日晚间", "工作日白天"]})
    >>> {k: len(v) for k, v in slice_matrices(t).items()}
    {'全部': 3, '工作日晚间': 1, '周末': 1}
    """
    slice_col = check_column(slice_col, "slice_col", zh="时段列")
    order_col = check_column(order_col, "order_col", zh="购物篮编号列")
    item_col = check_column(item_col, "item_col", zh="商品列")
    frame = check_frame(table, "table", [slice_col, order_col, item_col], zh="交易表")
    return {s: _basket_matrix(slice_baskets(frame, s, slice_col=slice_col), order_col, item_col,
                              "table") for s in PANEL_SLICES}


def rules_panel_model(matrices, min_support=0.02, min_confidence=0.2, time_slice=ALL_SLICES):
    """:func:`~crmlab.basket.model.rules_whatif` on the basket matrix of one time slice.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"order_id": ["a", "a", "b", "b", "c"],
    ...                   "item": ["尿布", "啤酒", "尿布", "啤酒", "牛奶"],
    ...                   "time_slice": ["周末", "周末", "工作日晚间", "工作日晚间", "周末"]})
    >>> rules_panel_model(slice_matrices(t), 0.2, 0.5, "周末")["hl_rank"]
    '2 / 2'
    """
    if not isinstance(matrices, Mapping):
        raise fail("matrices", matrices, "a dict of basket matrices by time slice (slice_matrices)",
                   "按时段的购物篮矩阵字典（slice_matrices 的结果）", zh="购物篮矩阵")
    time_slice = check_choice(time_slice, "time_slice", tuple(matrices), zh="时段")
    return rules_whatif(matrices[time_slice], min_support, min_confidence)


def _row(key, *, detail=False):
    from ..widgets import Result

    entry = display.entry(key, TOPIC)
    spec = entry["fmt"][2:-1] if entry["fmt"] else ""
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    return Result(key, entry["label"], fmt=spec, unit=unit, detail=detail)


def _draw(fig, result, params):
    left = fig.add_axes((0.01, 0.02, 0.44, 0.86))
    right = fig.add_axes((0.54, 0.15, 0.36, 0.72))
    plot_top_rules(result["top"], ax=left, fontsize=8)
    plot_rules(result["rules"], ax=right, colorbar=False)


def rules_panel(table=None, min_support=0.02, min_confidence=0.2, time_slice=ALL_SLICES):
    """What-if panel "寻找关联规则": thresholds and time slice → the rules by lift.

    Controls: minimum support (0.5% to 10%), minimum confidence (5% to 90%) and
    the time slice (全部 / 工作日晚间 / 周末).  Rows: rules found, whether
    尿布 → 啤酒 is among them, its rank by lift, confidence and lift, and the
    most confident rule with its lift; baskets, the rule's support and the top
    confidence are one click away (更多结果).

    Parameters
    ----------
    table : DataFrame, optional
        A transaction table with ``order_id``, ``item`` and ``time_slice``; by
        default the simulated supermarket ``supermarket_baskets`` (模拟数据).
    min_support, min_confidence : float
        Starting values of the sliders.
    time_slice : str
        Starting time slice.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = rules_panel()
    >>> panel.result["hl_found"], panel.set(min_confidence=0.7)["hl_found"]
    ('是', '否')
    >>> panel.close()
    """
    from ..widgets import Choice, Slider, WhatIfPanel

    if table is None:
        from .. import datasets

        table = datasets.load_supermarket_baskets()
    matrices = slice_matrices(table)
    min_support = check_number(min_support, "min_support", zh="最小支持度", low=0.005, high=0.10)
    min_confidence = check_number(min_confidence, "min_confidence", zh="最小置信度", low=0.05,
                                  high=0.90)
    time_slice = check_choice(time_slice, "time_slice", PANEL_SLICES, zh="时段")
    controls = [
        Slider("min_support", display.label("min_support", TOPIC, unit=False), 0.005, 0.10, 0.005,
               round(min_support / 0.005) * 0.005, fmt=".1%"),
        Slider("min_confidence", display.label("min_confidence", TOPIC, unit=False), 0.05, 0.90,
               0.05, round(min_confidence / 0.05) * 0.05, fmt=".0%"),
        Choice("time_slice", display.label("time_slice", TOPIC, unit=False),
               [(_SLICE_LABELS[s], s) for s in PANEL_SLICES], time_slice),
    ]
    results = [_row("n_rules"), _row("hl_found"), _row("hl_rank"), _row("hl_confidence"),
               _row("hl_lift"), _row("best_conf_rule"), _row("best_conf_lift"),
               _row("n_baskets", detail=True), _row("hl_support", detail=True),
               _row("best_conf_confidence", detail=True)]
    return WhatIfPanel(
        rules_panel_model,
        controls=controls,
        results=results,
        fixed={"matrices": matrices},
        plot=_draw,
        title="寻找关联规则：门槛和时段怎样改变找到的规则（模拟数据）",
        figsize=(9.6, 3.1),
    )
