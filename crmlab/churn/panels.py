"""The what-if panel of the churn case: a retention programme against one cause (挽留计划面板).

The model is :func:`crmlab.churn.model.programme_in_segment` (tested on its own);
this module only binds it to sliders and shows its result.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..validation import check_int, check_number
from .charts import plot_programme
from .model import (ALL, CAUSES, _CAUSE_NAMES, _cause_key, _choice, all_programme_inputs,
                    best_cause_to_attack, programme_in_segment)

__all__ = ["PANEL_COST_MAX", "PANEL_DISCOUNT_MAX", "programme_panel_model", "programme_panel"]

#: Slider ranges of :func:`programme_panel` (the model refuses anything outside them
#: with a clear message anyway: reduction above 100%, negative cost).
PANEL_COST_MAX = 10.0
PANEL_DISCOUNT_MAX = 0.30

_TOPIC = "churn"


def programme_panel_model(inputs: Mapping, cause: str, segment: str = ALL,
                          reduction: float = 0.2, cost_per_sub_month: float = 1.0,
                          discount_rate: float = 0.10, months: int = 24) -> dict:
    """The panel's view of :func:`programme_in_segment` (挽留计划面板的模型).

    Adds one display row: ``rank_in_segment``, the cause's rank as text
    ("2 / 4"; "不可控，不参与排名" for natural churn).

    Examples
    --------
    >>> p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02}
    >>> inputs = {("A", c): p | {"cause_rate": r} for c, r in
    ...           zip(CAUSES["name_zh"], [0.004, 0.003, 0.006, 0.002, 0.001])}
    >>> r = programme_panel_model(inputs, "店大欺客", "A", 0.5, 0.5, 0.10)
    >>> r["best_in_segment"], r["rank_in_segment"]
    ('竞争对手挖角', '2 / 4')
    >>> programme_panel_model(inputs, "店大欺客", "A", 1.2)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: reduction must be a number in [0, 1]; got 1.2 (流失减少比例 reduction 应为 [0, 1] 内的数值，实际为 1.2)
    """
    result = programme_in_segment(inputs, cause, segment, reduction, cost_per_sub_month,
                                  discount_rate, months)
    result["rank_in_segment"] = (f"{result['rank']} / {result['ranked']}"
                                 if result["rank"] is not None else "不可控，不参与排名")
    return result


def _row(key: str, *, detail: bool = False, label: str | None = None):
    """A panel result row labelled, formatted and united by the glossary."""
    from .. import display
    from ..widgets import Result

    row = display.entry(key, topic=_TOPIC)
    spec = row["fmt"].removeprefix("{:").removesuffix("}") or ",.2f"
    return Result(key, label or row["label"], fmt=spec, unit=row["unit"], detail=detail)


def programme_panel(subs: pd.DataFrame, cause: str | None = None, segment: str | None = None,
                    reduction: float = 0.2, cost_per_sub_month: float = 1.0,
                    discount_rate: float = 0.10, months: int = 24, **columns):
    """What-if panel of a retention programme against one churn cause (挽留计划情景分析面板).

    Two drop-downs (cause, segment) and three sliders (reduction 0–100%, cost
    0–10 CNY per subscriber per month, annual discount rate 0–30%) drive
    :func:`programme_panel_model`.  Shown at once: whether the company controls
    the cause, the churners avoided, the net value, the return and the best
    cause in the segment (the rows the notebook's prompts ask about); the other
    results (rates, subscribers after 12 and 24 months, value, costs) are one
    click away under "更多结果".  The chart is :func:`plot_programme`.  The
    inputs of every segment × cause are measured once from ``subs`` (模拟数据 in
    the workbook), so a redraw only runs the model.

    Parameters
    ----------
    subs : DataFrame
        One row per subscriber (see :func:`programme_inputs`).
    cause, segment : str, optional
        The starting choice.  ``None`` (default): the top of
        :func:`best_cause_to_attack` at the starting settings, so the panel
        opens on the most valuable cause to attack.
    reduction, cost_per_sub_month, discount_rate : float
        Starting values: reduction and discount rate as fractions (0.2 = 20%).
        They must lie within the slider ranges.
    months : int
        Horizon of the programme, 1–120 (fixed in the panel).
    **columns
        Column names and window, as for :func:`programme_inputs`.

    Returns
    -------
    crmlab.widgets.WhatIfPanel
    """
    from .. import display
    from ..widgets import Choice, Slider, WhatIfPanel

    red = check_number(reduction, "reduction", zh="流失减少比例", low=0, high=1)
    cost = check_number(cost_per_sub_month, "cost_per_sub_month", zh="每用户每月成本", low=0,
                        high=PANEL_COST_MAX)
    D = check_number(discount_rate, "discount_rate", zh="年折现率", low=0,
                     high=PANEL_DISCOUNT_MAX)
    T = check_int(months, "months", zh="计划月数", low=1, high=120)
    inputs = all_programme_inputs(subs, **columns)
    segments = list(dict.fromkeys(s for s, _ in inputs))
    if cause is None or segment is None:
        best = best_cause_to_attack(subs, red, cost, D, months=T, **columns).iloc[0]
        cause = best["cause"] if cause is None else cause
        segment = best["segment"] if segment is None else segment
    cause = _CAUSE_NAMES[_cause_key(cause)]
    _choice(segment, "segment", segments, zh="客户群")
    ctrl = dict(zip(CAUSES["name_zh"], CAUSES["controllable"]))
    kinds = {"是": "可控", "部分": "部分可控", "否": "不可控"}
    cause_options = [(f"{c}（{kinds[ctrl[c]]}）", c) for c in CAUSES["name_zh"]]

    def name(key):
        return display.label(key, topic=_TOPIC, unit=False)

    def plot(fig, result, params):
        plot_programme(result, ax=fig.add_subplot())

    return WhatIfPanel(
        lambda **kw: programme_panel_model(inputs, months=T, **kw),
        controls=[
            Choice("cause", name("cause"), cause_options, cause),
            Choice("segment", name("segment"), segments, segment),
            Slider("reduction", name("reduction"), 0, 1, 0.01, red, fmt=".0%"),
            Slider("cost_per_sub_month", name("cost_per_sub_month"), 0, PANEL_COST_MAX, 0.1,
                   cost, unit=display.entry("cost_per_sub_month", topic=_TOPIC)["unit"],
                   fmt=".1f"),
            Slider("discount_rate", name("annual_discount_rate"), 0, PANEL_DISCOUNT_MAX, 0.01, D,
                   fmt=".0%"),
        ],
        results=[
            _row("controllable", label="公司能否控制该原因"),
            _row("churn_avoided", label=f"{T} 个月内少流失的用户"),
            _row("net_value"),
            _row("return", label="投资回报率（净价值 ÷ 成本）"),
            _row("best_in_segment"),
            _row("rank_in_segment", detail=True),
            _row("churn_rate", label="该群月流失率（全部原因）", detail=True),
            _row("cause_rate", label="其中该原因的月流失率", detail=True),
            _row("churn_rate_with", detail=True),
            _row("kept_12_without", detail=True),
            _row("kept_12_with", detail=True),
            _row("kept_24_without", detail=True),
            _row("kept_24_with", detail=True),
            _row("value_saved", detail=True),
            _row("programme_cost", detail=True),
            _row("cost_per_subscriber", detail=True),
            _row("cost_per_saved", detail=True),
        ],
        plot=plot,
        title="挽留计划情景分析（模拟数据）：针对一个流失原因、一个客户群",
        figsize=(6.4, 2.9),
    )
