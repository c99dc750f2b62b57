"""What-if panels of Chapter 3 (第 3 章的情景分析面板).

Two panels, each a thin layer over a pure model of :mod:`crmlab.lifecycle.model`:

* :func:`patterns_panel` — the four lifecycle patterns A–D [004]: sliders for
  the stage lengths and the profit per period of each stage; shows the four
  cumulative profit paths, each pattern's discounted value and which patterns
  pay back and when (:func:`~crmlab.lifecycle.model.pattern_values`).
* :func:`retention_panel` — retention projection: α and β of the sBG model
  (Fader & Hardie 2007) against a constant retention rate with the same first
  year; shows retention and survival curves and the CLV implied by each
  (:func:`~crmlab.lifecycle.model.retention_whatif`).

Row labels and units come from the glossary (``crmlab/glossary/lifecycle.csv``).
"""
from __future__ import annotations

from functools import partial

import numpy as np

from .. import display
from .charts import plot_pattern_paths, plot_retention_curves
from ..validation import InputError, check_finite_result, check_number
from .model import PATTERNS, pattern_paths, pattern_values, retention_whatif, stage_economics

__all__ = ["patterns_panel", "patterns_panel_model", "retention_panel", "retention_panel_model"]

TOPIC = "lifecycle"


def _row(key, ident=None, *, detail=False, label=None):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident or key, TOPIC)
    spec = entry["fmt"][2:-1] if entry["fmt"] else ",.2f"
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    return Result(key, label or entry["label"], fmt=spec, unit=unit, detail=detail)


def patterns_panel_model(exploration_periods, formation_periods, early_stability_periods,
                         stability_periods, exploration_profit, formation_profit,
                         stability_profit, discount_rate, *, decline_periods=1, revenue=None,
                         cost=None):
    """:func:`~crmlab.lifecycle.model.pattern_values` with profit levels as arguments.

    The cost per period of each stage stays at ``cost`` (default
    :data:`~crmlab.lifecycle.model.DEFAULT_COST`) and the revenue of
    exploration, formation and stability is set to cost + profit; the decline
    stage keeps ``revenue``/``cost`` (defaults).  Adds one row per pattern:
    ``value_<P>`` (discounted value), ``total_<P>`` (total profit),
    ``break_even_<P>`` (None if it never pays back) and
    ``patterns_paying_back``.

    Examples
    --------
    >>> out = patterns_panel_model(1, 2, 2, 8, -40, 30, 110, 0.10)
    >>> out["break_even_A"] is None, out["break_even_D"], out["patterns_paying_back"]
    (True, 3, 3)
    """
    c = stage_economics(revenue, cost)["cost"]
    r = {} if revenue is None else dict(revenue)
    for stage, profit, arg in (("exploration", exploration_profit, "exploration_profit"),
                               ("formation", formation_profit, "formation_profit"),
                               ("stability", stability_profit, "stability_profit")):
        p = check_number(profit, arg, zh=f"{display.label(stage, TOPIC)}每期利润",
                         low=-float(c[stage]))
        r[stage] = float(c[stage]) + p
    shape = (exploration_periods, formation_periods, early_stability_periods, stability_periods,
             decline_periods)
    try:
        values = pattern_values(*shape, revenue=r, cost=c.to_dict(), discount_rate=discount_rate)
    except InputError:
        # an overflow is driven by the profits set here: name this function's own arguments
        # (a bad period or rate raises the same error again from pattern_paths)
        with np.errstate(over="ignore", invalid="ignore"):
            paths = pattern_paths(*shape, revenue=r, cost=c.to_dict(), discount_rate=discount_rate)
        check_finite_result(paths[["cumulative_profit", "cumulative_value"]].to_numpy(),
                            "the cumulative profit and discounted value", "累计利润与折现价值",
                            arguments=("exploration_profit", "formation_profit", "stability_profit",
                                       "stability_periods", "revenue", "cost"))
        raise
    s = values["summary"]
    out = {"values": values}
    for p in PATTERNS:
        out[f"value_{p}"] = float(s.loc[p, "discounted_value"])
        out[f"total_{p}"] = float(s.loc[p, "total_profit"])
        out[f"break_even_{p}"] = int(s.loc[p, "break_even"]) if s.loc[p, "pays_back"] else None
    out["patterns_paying_back"] = int(s["pays_back"].sum())
    return out


def patterns_panel(exploration_periods=1, formation_periods=2, early_stability_periods=2,
                   stability_periods=8, exploration_profit=None, formation_profit=None,
                   stability_profit=None, discount_rate=0.10, *, revenue=None, cost=None):
    """The four lifecycle patterns (四种生命周期模式的情景分析面板).

    Eight sliders: the years of exploration (1–5), formation (1–6), the years
    pattern C stays in stability (1–6) and pattern D (2–20), the profit per
    year in exploration, formation and stability (from −cost of the stage,
    rounded to 5 元, up to 40, 150 and 300 元) and the 折现率 (0–30 %).  The
    cost of each stage stays at ``cost`` (default
    :data:`~crmlab.lifecycle.model.DEFAULT_COST`); a profit left at ``None``
    starts at revenue − cost of its stage (``revenue``/``cost``, see
    :func:`~crmlab.lifecycle.model.stage_economics`).  Every pattern ends with
    one year of decline (its revenue and cost stay fixed; 15 元 by default).
    Shows each pattern's discounted value, D's break-even year and how many
    patterns pay back; totals and the other break-even years are under 更多结果.

    Examples
    --------
    >>> panel = patterns_panel()
    >>> round(panel.result["value_D"], 2)
    456.65
    >>> panel.set(exploration_profit=-60, formation_profit=0)["patterns_paying_back"]
    2
    >>> panel.close()
    """
    import math

    from ..widgets import Slider, WhatIfPanel

    econ = stage_economics(revenue, cost)
    c = econ["cost"]
    start = {stage: float(econ.loc[stage, "profit"]) if given is None else given
             for stage, given in (("exploration", exploration_profit),
                                  ("formation", formation_profit),
                                  ("stability", stability_profit))}

    def low(stage):
        return -5 * math.floor(float(c[stage]) / 5)

    def name(p, ident):
        return f"{display.label(p, TOPIC)}：{display.label(ident, TOPIC, unit=False)}"

    return WhatIfPanel(
        partial(patterns_panel_model, revenue=revenue, cost=cost),
        controls=[
            Slider("exploration_periods", "考察期长度", 1, 5, 1, exploration_periods, unit="年",
                   integer=True),
            Slider("formation_periods", "形成期长度", 1, 6, 1, formation_periods, unit="年",
                   integer=True),
            Slider("early_stability_periods", "C 在稳定期停留", 1, 6, 1, early_stability_periods,
                   unit="年", integer=True),
            Slider("stability_periods", "D 在稳定期停留", 2, 20, 1, stability_periods, unit="年",
                   integer=True),
            Slider("exploration_profit", "考察期每年利润", low("exploration"), 40, 5,
                   start["exploration"], unit="元", fmt=".0f"),
            Slider("formation_profit", "形成期每年利润", low("formation"), 150, 5,
                   start["formation"], unit="元", fmt=".0f"),
            Slider("stability_profit", "稳定期每年利润", low("stability"), 300, 5,
                   start["stability"], unit="元", fmt=".0f"),
            Slider("discount_rate", "折现率", 0, 0.3, 0.01, discount_rate, fmt=".0%"),
        ],
        results=[
            *[_row(f"value_{p}", "value_pattern", label=name(p, "value_pattern")) for p in PATTERNS],
            _row("break_even_D", "break_even_pattern", label=name("D", "break_even_pattern")),
            _row("patterns_paying_back"),
            *[_row(f"total_{p}", "total_pattern", label=name(p, "total_pattern"), detail=True)
              for p in PATTERNS],
            *[_row(f"break_even_{p}", "break_even_pattern", label=name(p, "break_even_pattern"),
                   detail=True) for p in PATTERNS[:3]],
        ],
        plot=lambda fig, result, params: plot_pattern_paths(result["values"],
                                                            ax=fig.add_subplot()),
        title="四种生命周期模式：关系在哪个阶段结束，决定它能不能回本（★ 为回本年）",
        figsize=(7.0, 3.0),
    )


def retention_panel_model(alpha, beta, margin, discount_rate, periods, *, horizon=200):
    """:func:`~crmlab.lifecycle.model.retention_whatif`, unchanged (one row per number).

    Examples
    --------
    >>> out = retention_panel_model(0.704, 1.182, 100, 0.10, 12)
    >>> round(out["retention_last"], 3)
    0.945
    """
    return retention_whatif(alpha, beta, margin, discount_rate, periods, horizon)


def retention_panel(alpha=0.704, beta=1.182, margin=100.0, discount_rate=0.10, periods=12):
    """Retention projection: sBG against constant retention (留存预测情景分析面板).

    Five sliders: α (0.1–5) and β (0.1–10) of the sBG model (defaults: Fader &
    Hardie's regular cohort), the margin per year (10–500 元), the 折现率
    (1–30 %) and the years shown (5–30).  The chart shows retention (solid)
    and survival (dashed) of both models.  The constant-retention curve keeps
    the sBG first-year retention β/(α+β) for ever.  Shows the first-year and
    last-year retention and the CLV under each model.

    Examples
    --------
    >>> panel = retention_panel()
    >>> panel.result["clv_sbg"] > panel.result["clv_constant"]
    True
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    return WhatIfPanel(
        partial(retention_panel_model, horizon=200),
        controls=[
            Slider("alpha", "形状参数 α", 0.1, 5, 0.01, alpha, fmt=".2f"),
            Slider("beta", "形状参数 β", 0.1, 10, 0.01, beta, fmt=".2f"),
            Slider("margin", "每年利润", 10, 500, 10, margin, unit="元", fmt=".0f"),
            Slider("discount_rate", "折现率", 0.01, 0.3, 0.01, discount_rate, fmt=".0%"),
            Slider("periods", "显示年数", 5, 30, 1, periods, unit="年", integer=True),
        ],
        results=[
            _row("first_retention"),
            _row("retention_last"),
            _row("clv_sbg"),
            _row("clv_constant"),
            _row("clv_ratio", detail=True),
            _row("survival_sbg_end", detail=True),
            _row("survival_constant_end", detail=True),
        ],
        plot=lambda fig, result, params: plot_retention_curves(result["table"],
                                                               ax=fig.add_subplot()),
        title="客户留存预测：sBG 模型与固定留存率（留下来的是忠诚客户）",
        figsize=(7.0, 3.0),
    )
