"""What-if panels of the start page and of Chapter 1 (情景分析面板).

A panel maps sliders to the arguments of a pure model of
:mod:`crmlab.value.model` and redraws a chart of :mod:`crmlab.value.charts`.
The ``*_panel_model`` adapters only reshape a model's result for display (a
number put into words, a missing payback year shown as text); they compute
nothing new.  Row labels and units come from the glossary
(``crmlab/glossary/value.csv``).
"""
from __future__ import annotations

from .. import display
from ..validation import check_int, check_number
from .charts import plot_simple_clv, plot_value_curve
from .model import clv_whatif, simple_clv_table

__all__ = ["simple_clv_panel", "simple_clv_panel_model", "clv_panel", "clv_panel_model",
           "simple_vs_model_text", "horizon_options", "HORIZON_CHOICES"]

TOPIC = "value"


def _row(key, ident=None, *, detail=False, fmt=None):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident or key, TOPIC)
    spec = fmt if fmt is not None else (entry["fmt"][2:-1] if entry["fmt"] else "")
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    return Result(key, entry["label"], fmt=spec or ",.2f", unit=unit, detail=detail)


def simple_vs_model_text(gap):
    """``simple − model`` in words that read right with either sign (简单公式与模型相比).

    Examples
    --------
    >>> simple_vs_model_text(733.3), simple_vs_model_text(-2506.2), simple_vs_model_text(0.2)
    ('简单公式高估 733 美元', '简单公式低估 2,506 美元', '两者相同')
    """
    gap = check_number(gap, "gap", zh="简单公式与模型之差")
    if round(gap) == 0:
        return "两者相同"
    word = "高估" if gap > 0 else "低估"
    return f"简单公式{word} {display.number(abs(gap), 'overstatement', TOPIC)}"


def simple_clv_panel_model(annual_profit, years, acquisition_cost=0):
    """:func:`~crmlab.value.model.simple_clv_table` for the start-page panel.

    The same dict, with ``payback_year`` shown as "不会回本" when the profit
    never covers the cost within the relationship.

    Examples
    --------
    >>> simple_clv_panel_model(100, 2, 300)["payback_year"]
    '不会回本'
    >>> simple_clv_panel_model(100, 10, 80)["payback_year"]
    1
    """
    out = dict(simple_clv_table(annual_profit, years, acquisition_cost))
    if out["payback_year"] is None:
        out["payback_year"] = "不会回本"
    return out


def simple_clv_panel(annual_profit=100.0, years=10, acquisition_cost=80.0):
    """What-if panel of the textbook formula (简单公式的情景分析面板), for 00_start_here.

    Three sliders (yearly profit 0–500, years 1–40, acquisition cost 0–1000)
    drive :func:`simple_clv_panel_model`; the panel shows the CLV and the
    payback year and redraws :func:`~crmlab.value.charts.plot_simple_clv`.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = simple_clv_panel()
    >>> panel.result["clv"], panel.result["payback_year"]
    (920.0, 1)
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    return WhatIfPanel(
        simple_clv_panel_model,
        controls=[
            Slider("annual_profit", "每年利润", 0, 500, 10, annual_profit, unit="美元/年",
                   fmt=".0f"),
            Slider("years", "保持年数", 1, 40, 1, years, unit="年", integer=True),
            Slider("acquisition_cost", "获客成本", 0, 1000, 10, acquisition_cost, unit="美元",
                   fmt=".0f"),
        ],
        results=[_row("clv", fmt=",.0f"), _row("payback_year", fmt="d")],
        plot=lambda fig, result, params: plot_simple_clv(result["table"], ax=fig.add_subplot()),
        title="简单公式：CLV = 年利润 × 年数 − 获客成本",
    )


def clv_panel_model(margin, retention, discount_rate, growth=0.0, acquisition_cost=0.0,
                    horizon=0, timing="end"):
    """:func:`~crmlab.value.model.clv_whatif` plus the comparison in words.

    The same dict as :func:`~crmlab.value.model.clv_whatif`, with
    ``simple_vs_model``: :func:`simple_vs_model_text` of its
    ``overstatement``.

    Examples
    --------
    >>> clv_panel_model(100, 0.8, 0.1, acquisition_cost=80)["simple_vs_model"]
    '简单公式高估 733 美元'
    >>> clv_panel_model(100, 0.99, 0.0, growth=0.05, acquisition_cost=80, horizon=30)["simple_vs_model"]
    '简单公式低估 2,506 美元'
    """
    out = clv_whatif(margin, retention, discount_rate, growth=growth,
                     acquisition_cost=acquisition_cost, horizon=horizon, timing=timing)
    out["simple_vs_model"] = simple_vs_model_text(out["overstatement"])
    return out


#: Horizons offered by the Chapter 1 panel (years; 0 = infinite).
HORIZON_CHOICES = (0, 1, 2, 3, 5, 10, 15, 20, 30, 40, 50, 60)


def horizon_options(horizon=0):
    """The horizon choices of :func:`clv_panel` as (label, years) pairs (期数的选项).

    0 reads "无限期", any other number "n 年"; a start ``horizon`` (a whole
    number 0–60) that is not among :data:`HORIZON_CHOICES` is added in order.

    Examples
    --------
    >>> horizon_options()[:3]
    [('无限期', 0), ('1 年', 1), ('2 年', 2)]
    >>> ('7 年', 7) in horizon_options(7)
    True
    """
    horizon = check_int(horizon, "horizon", zh="期数", low=0, high=60)
    years = sorted(set(HORIZON_CHOICES) | {horizon})
    return [("无限期" if n == 0 else f"{n} 年", n) for n in years]


def _draw_clv_panel(fig, result, params):
    ax = fig.add_subplot()
    plot_value_curve(result["curve"], ax=ax,
                     infinite_clv=result["clv"] if params["horizon"] == 0 else None)
    ax.legend(loc="upper left", fontsize=8)


def clv_panel(margin=100.0, retention=0.8, discount_rate=0.10, growth=0.0, acquisition_cost=80.0,
              horizon=0):
    """The Chapter 1 what-if panel: retention- and discount-aware CLV (客户终生价值情景分析面板).

    Five sliders and a drop-down drive :func:`clv_panel_model`: margin per
    year 0–500, retention 0–100 %, discount rate 0–30 %, margin growth −20 %
    to +20 %, acquisition cost 0–1000, and the horizon chosen among
    :func:`horizon_options` (无限期, 1 … 60 年).  Control labels are the
    glossary's Chinese terms.  The panel shows
    the net CLV, the margin multiple, the break-even acquisition cost and how
    the simple formula compares with the model (高估 or 低估, in words); the
    simple formula's own value and years are one click away (更多结果).  It
    redraws :func:`~crmlab.value.charts.plot_value_curve`.

    Retention may reach 100 %: over a finite horizon the value always exists
    (at 0 % discount and 0 % growth it equals the simple formula).  With an
    infinite horizon, ``retention × (1 + growth) ≥ 1 + discount_rate`` has no
    finite value: the panel then shows the model's bilingual explanation
    instead of numbers.

    Parameters
    ----------
    margin, retention, discount_rate, growth, acquisition_cost, horizon
        Starting values of the sliders (see
        :func:`~crmlab.value.model.clv_whatif`; ``horizon`` is a whole number
        of years, 0 for infinite); each must lie in its slider's range.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = clv_panel()
    >>> round(panel.result["clv"], 2), panel.result["simple_clv"]
    (186.67, 920.0)
    >>> panel.set(retention=0.99, discount_rate=0.0, growth=0.05) is None
    True
    >>> "无穷大" in panel.error
    True
    >>> panel.set(horizon=30)["simple_vs_model"]
    '简单公式低估 2,506 美元'
    >>> panel.set(retention=1.0, growth=0.0, horizon=10)["clv"]
    920.0
    >>> panel.close()
    """
    from ..widgets import Choice, Slider, WhatIfPanel

    def name(ident):
        return display.label(ident, TOPIC, unit=False)

    return WhatIfPanel(
        clv_panel_model,
        controls=[
            Slider("margin", name("margin"), 0, 500, 10, margin, unit="美元/年", fmt=".0f"),
            Slider("retention", name("retention"), 0, 1, 0.01, retention, fmt=".0%"),
            Slider("discount_rate", name("discount_rate"), 0, 0.30, 0.01, discount_rate,
                   fmt=".0%"),
            Slider("growth", name("growth"), -0.20, 0.20, 0.01, growth, fmt=".0%"),
            Slider("acquisition_cost", name("acquisition_cost"), 0, 1000, 10, acquisition_cost,
                   unit="美元", fmt=".0f"),
            Choice("horizon", name("horizon"), horizon_options(horizon), horizon),
        ],
        results=[
            _row("clv", "net_clv"),
            _row("margin_multiple"),
            _row("break_even_acquisition_cost"),
            _row("simple_vs_model", fmt=""),
            _row("simple_clv", detail=True),
            _row("simple_years", fmt="d", detail=True),
        ],
        plot=_draw_clv_panel,
        title="客户终生价值：考虑留存与折现 (CLV with retention and discounting)",
    )
