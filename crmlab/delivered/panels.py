"""What-if panels of Chapter 4 (第 4 章的情景分析面板).

Two panels, each a thin layer over a pure model of
:mod:`crmlab.delivered.model`:

* :func:`our_offer_panel` — sliders for the eight components of the firm's
  offer → its CDV and ratio, the offer each segment chooses and the firm's
  logit share per segment (:func:`~crmlab.delivered.model.our_offer_whatif`);
  chart :func:`~crmlab.delivered.charts.plot_value_cost`.
* :func:`price_or_value_panel` — a budget per unit spent on a price cut or on
  more value → the share each gains per segment
  (:func:`~crmlab.delivered.model.price_or_value`); chart
  :func:`~crmlab.delivered.charts.plot_price_or_value`.

The ``*_panel_model`` adapters only flatten a model's result into named rows
(one per segment) and put ``better`` into words.  Labels and units come from the
glossary (``crmlab/glossary/delivered.csv``).
"""
from __future__ import annotations

from .. import display
from ..validation import check_choice, check_number
from .charts import plot_price_or_value, plot_value_cost
from .model import COMPONENTS, UNIT_COSTS, VALUE_COMPONENTS, \
    _check_label, _check_offers, _check_weights, our_offer_whatif, price_or_value
from .tables import BETTER_WORDS

__all__ = ["our_offer_panel", "our_offer_panel_model", "price_or_value_panel",
           "price_or_value_panel_model"]

TOPIC = "delivered"


def _spec(ident):
    entry = display.entry(ident, TOPIC)
    return entry["fmt"][2:-1] if entry["fmt"] else ""


def _row(key, ident, *, suffix="", detail=False, fmt=None):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident, TOPIC)
    spec = fmt if fmt is not None else (_spec(ident) or ",.2f")
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    label = entry["label"] + (f"：{suffix}" if suffix else "")
    return Result(key, label, fmt=spec, unit=unit, detail=detail)


def our_offer_panel_model(offers, weights, firm, sensitivity=1.0, **components):
    """:func:`~crmlab.delivered.model.our_offer_whatif`, unchanged (the panel's model).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> our_offer_panel_model(offers, w, "甲", monetary_cost=500.0)["chosen_0"]
    '甲'
    """
    return our_offer_whatif(offers, weights, firm, sensitivity, **components)


def _inputs(offers, weights):
    """The panel's offers and weights; by default those of the simulated survey (模拟数据)."""
    if offers is None or weights is None:
        from .. import datasets
        from .model import offer_profiles, segment_weights

        survey = datasets.load("fridge_survey")
        offers = offer_profiles(survey) if offers is None else offers
        weights = segment_weights(survey) if weights is None else weights
    return _check_offers(offers), _check_weights(weights)


def _range(key, value):
    """Slider range and step for a component in 元, wide enough for its start value."""
    if key == "monetary_cost":
        return 500.0, max(8000.0, 2 * value), 50.0
    if key in VALUE_COMPONENTS:
        return 0.0, max(6000.0, 2 * value), 50.0
    return 0.0, max(1500.0, 2 * value), 25.0


def _draw_value_cost(fig, result, params):
    plot_value_cost(result["table"], ax=fig.add_subplot(), legend="compact")


def our_offer_panel(offers=None, weights=None, firm="丁", sensitivity=1.0):
    """What-if panel "our offer" (我方方案): move the eight components of one offer.

    Eight sliders (the firm's four values and four costs, in 元) and the logit
    sensitivity drive :func:`our_offer_panel_model`.  The panel shows the
    firm's CDV and ratio for an average buyer, the offer each segment chooses
    and the firm's share of each segment; the CDV and ratio per segment are one
    click away (更多结果).  The chart stacks every offer's values against its
    costs (:func:`~crmlab.delivered.charts.plot_value_cost`, with one legend
    entry per side, so that it redraws fast).

    Parameters
    ----------
    offers, weights : DataFrame, optional
        As for :func:`~crmlab.delivered.model.delivered_value` (weights per
        segment); by default the offer profiles and segment weights of the
        simulated survey ``fridge_survey`` (模拟数据).
    firm : label
        The offer the sliders move (default ``"丁"``).
    sensitivity : float
        Starting logit λ per 1,000 元 (0 to 5).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> panel = our_offer_panel(offers, w, firm="甲")
    >>> panel.result["cdv"], panel.set(service_value=1500.0)["chosen_0"]
    (0.0, '甲')
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    x, w = _inputs(offers, weights)
    firm = _check_label(firm, "firm", "我方方案", x.index)
    sensitivity = check_number(sensitivity, "sensitivity", zh="敏感度", low=0, high=5)
    controls = []
    for key in COMPONENTS:
        low, high, step = _range(key, float(x.loc[firm, key]))
        start = round(float(x.loc[firm, key]) / step) * step       # on the slider's grid
        controls.append(Slider(key, display.label(key, TOPIC, unit=False), low, high, step,
                               min(max(start, low), high), unit="元", fmt=",.0f"))
    controls.append(Slider("sensitivity", display.label("sensitivity", TOPIC, unit=False),
                           0, 5, 0.1, sensitivity, unit="每千元", fmt=".1f"))
    segments = list(w.index)
    results = [_row("cdv", "cdv", suffix="一般买家"), _row("ratio", "ratio", suffix="一般买家")]
    results += [_row(f"chosen_{i}", "chosen_offer", suffix=str(s), fmt="")
                for i, s in enumerate(segments)]
    results += [_row(f"share_{i}", "our_share", suffix=str(s)) for i, s in enumerate(segments)]
    results += [_row(f"cdv_{i}", "cdv", suffix=str(s), detail=True) for i, s in enumerate(segments)]
    results += [_row(f"ratio_{i}", "ratio", suffix=str(s), detail=True)
                for i, s in enumerate(segments)]
    return WhatIfPanel(
        our_offer_panel_model,
        controls=controls,
        results=results,
        fixed={"offers": x, "weights": w, "firm": firm},
        plot=_draw_value_cost,
        title=f"我方方案「{firm}」：客户让渡价值与各客户群的选择",
        figsize=(7.0, 2.95),  # nine sliders: the chart stays on a 1366×768 screen
    )


def price_or_value_panel_model(offers, weights, firm, budget, unit_cost, value_lever="service_value",
                               sensitivity=1.0):
    """:func:`~crmlab.delivered.model.price_or_value`, one row per segment and result.

    Returns the model's ``table`` and, for segment i, ``gain_price_cut_i``,
    ``gain_value_i``, ``share_now_i`` and ``better_i`` (in words: 提高价值,
    降价 or 两者一样).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> price_or_value_panel_model(offers, w, "甲", 200, 0.5)["better_0"]
    '提高价值'
    """
    table = price_or_value(offers, weights, firm, budget, value_lever=value_lever,
                           unit_cost=unit_cost, sensitivity=sensitivity)
    out = {"table": table}
    for i, (_, row) in enumerate(table.iterrows()):
        out[f"gain_price_cut_{i}"] = 100 * float(row["gain_price_cut"])   # 个百分点
        out[f"gain_value_{i}"] = 100 * float(row["gain_value"])
        out[f"share_now_{i}"] = float(row["share_now"])
        out[f"better_{i}"] = BETTER_WORDS[row["better"]]
    return out


def price_or_value_panel(offers=None, weights=None, firm="丁", budget=300.0, unit_cost=None,
                         value_lever="service_value", sensitivity=1.0):
    """What-if panel "price or value" (价格战还是价值战): one budget, two uses.

    Sliders: the budget per unit sold (0 to 1,500 元, at most the price), the
    firm's cost per 元 of perceived value (0.1 to 1.5), the logit sensitivity;
    a drop-down picks the value to raise.  The panel shows, per segment, which
    use gains more share and both gains; the share now is one click away.
    The chart compares the firm's share now, after the price cut and after the
    value increase (:func:`~crmlab.delivered.charts.plot_price_or_value`).

    Parameters
    ----------
    offers, weights : DataFrame, optional
        As for :func:`our_offer_panel` (default: the simulated survey).
    firm : label
        The firm's offer.
    budget, unit_cost, value_lever, sensitivity
        Starting values of the controls (see
        :func:`~crmlab.delivered.model.price_or_value`); ``unit_cost``
        defaults to :data:`~crmlab.delivered.model.UNIT_COSTS` of the lever.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> panel = price_or_value_panel(offers, w, firm="甲", budget=200)
    >>> panel.result["better_0"], panel.set(unit_cost=1.5)["better_0"]
    ('提高价值', '降价')
    >>> panel.close()
    """
    from ..widgets import Choice, Slider, WhatIfPanel

    x, w = _inputs(offers, weights)
    firm = _check_label(firm, "firm", "我方方案", x.index)
    lever_options = [(display.label(k, TOPIC, unit=False), k) for k in VALUE_COMPONENTS]
    value_lever = check_choice(value_lever, "value_lever", VALUE_COMPONENTS, zh="价值杠杆")
    if unit_cost is None:
        unit_cost = UNIT_COSTS[value_lever]
    top = min(1500.0, float(x.loc[firm, "monetary_cost"]))
    controls = [
        Slider("budget", display.label("budget", TOPIC, unit=False), 0, top, 10,
               min(check_number(budget, "budget", zh="每台预算", low=0), top), unit="元/台",
               fmt=",.0f"),
        Slider("unit_cost", display.label("unit_cost", TOPIC, unit=False), 0.1, 1.5, 0.05,
               unit_cost, unit="元", fmt=".2f"),
        Choice("value_lever", "要提高的价值", lever_options, value_lever),
        Slider("sensitivity", display.label("sensitivity", TOPIC, unit=False), 0, 5, 0.1,
               sensitivity, unit="每千元", fmt=".1f"),
    ]
    segments = list(w.index)
    results = [_row(f"better_{i}", "better", suffix=str(s), fmt="") for i, s in enumerate(segments)]
    results += [_row(f"gain_price_cut_{i}", "gain_price_cut", suffix=str(s))
                for i, s in enumerate(segments)]
    results += [_row(f"gain_value_{i}", "gain_value", suffix=str(s)) for i, s in enumerate(segments)]
    results += [_row(f"share_now_{i}", "share_now", suffix=str(s), detail=True)
                for i, s in enumerate(segments)]
    return WhatIfPanel(
        price_or_value_panel_model,
        controls=controls,
        results=results,
        fixed={"offers": x, "weights": w, "firm": firm},
        plot=lambda fig, result, params: plot_price_or_value(result["table"], ax=fig.add_subplot()),
        title=f"同样的花费：「{firm}」降价，还是提高价值？",
        figsize=(7.0, 3.4),
    )
