"""What-if panels of Chapter 7 (第 7 章的情景分析面板).

Two panels, each a thin layer over a pure model of
:mod:`crmlab.satisfaction.model`:

* :func:`ipa_panel` — the crosshair rule, one attribute and how much its mean
  performance improves → the quadrants and the 0–100 satisfaction index
  (:func:`~crmlab.satisfaction.model.ipa_whatif`); chart
  :func:`~crmlab.satisfaction.charts.plot_ipa`.
* :func:`complaint_panel` — the share of the dissatisfied who complain, the
  share of complaints resolved and how fast → customers kept, the value kept
  (CLV from :mod:`crmlab.value`) and word of mouth
  (:func:`~crmlab.satisfaction.model.complaint_outcomes`); chart
  :func:`~crmlab.satisfaction.charts.plot_complaint_outcomes`.

Both load the chapter's simulated survey ``carcare_survey`` (模拟数据) by default.
"""
from __future__ import annotations

from .. import display
from ..validation import check_choice, check_number
from .charts import plot_complaint_outcomes, plot_ipa
from .model import ATTRIBUTES, _means, _ratings, complaint_outcomes, dissatisfaction_counts, ipa_whatif

__all__ = ["ipa_panel", "ipa_panel_model", "complaint_panel", "complaint_panel_model",
           "survey_means"]

TOPIC = "satisfaction"


def _row(key, ident, *, detail=False, fmt=None, suffix=""):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident, TOPIC)
    spec = fmt if fmt is not None else (entry["fmt"][2:-1] if entry["fmt"] else ",.2f")
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    return Result(key, entry["label"] + (f"：{suffix}" if suffix else ""), fmt=spec, unit=unit,
                  detail=detail)


def survey_means(survey=None):
    """Mean importance and performance per attribute of the survey (default ``carcare_survey``, 模拟数据).

    Returns
    -------
    (Series, Series)
        Importance and performance, indexed by :data:`~crmlab.satisfaction.model.ATTRIBUTES`.

    Examples
    --------
    >>> imp, perf = survey_means()
    >>> list(imp.index) == list(ATTRIBUTES), bool(perf.between(1, 5).all())
    (True, True)
    """
    from ..validation import check_frame

    if survey is None:
        from .. import datasets
        survey = datasets.load_carcare_survey()
    cols = [f"imp_{a}" for a in ATTRIBUTES] + [f"perf_{a}" for a in ATTRIBUTES]
    frame = check_frame(survey, "survey", cols, zh="调查数据")
    _ratings(frame[cols], "survey", 5)                     # names the survey's column if bad
    imp = frame[[f"imp_{a}" for a in ATTRIBUTES]].set_axis(list(ATTRIBUTES), axis=1)
    perf = frame[[f"perf_{a}" for a in ATTRIBUTES]].set_axis(list(ATTRIBUTES), axis=1)
    return _means(imp, "importance", 5), _means(perf, "performance", 5)


def ipa_panel_model(importance, performance, attribute, improvement=0.0, crosshair="mean"):
    """:func:`~crmlab.satisfaction.model.ipa_whatif`, with the quadrants in words (the panel's model).

    Examples
    --------
    >>> import pandas as pd
    >>> imp = pd.Series({"waiting": 4.5, "price": 2.0})
    >>> perf = pd.Series({"waiting": 2.5, "price": 4.0})
    >>> ipa_panel_model(imp, perf, "waiting", 2.0)["quadrant_after"]
    '继续保持'
    """
    out = ipa_whatif(importance, performance, attribute, improvement, crosshair)
    for key in ("quadrant_before", "quadrant_after"):
        out[key] = display.label(out[key], TOPIC, unit=False)
    return out


def ipa_panel(importance=None, performance=None, attribute="waiting", improvement=0.5,
              crosshair="mean"):
    """What-if panel "importance–performance" (重要性—表现分析): improve one attribute.

    Controls: the crosshair rule (mean or median of the attribute means), the
    attribute and how many points its mean performance improves (−1 to +1.5).
    Shown: its quadrant before and after, the importance-weighted 0–100
    satisfaction index and its change; the index before and the count of
    attributes in 重点改进 are one click away (更多结果).

    Parameters
    ----------
    importance, performance : Series, optional
        Means per attribute (default: :func:`survey_means`, 模拟数据).
    attribute, improvement, crosshair
        Starting values of the controls.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = ipa_panel()
    >>> panel.result["quadrant_before"], panel.set(improvement=1.5)["quadrant_after"]
    ('重点改进', '继续保持')
    >>> panel.close()
    """
    from ..widgets import Choice, Slider, WhatIfPanel

    if importance is None or performance is None:
        imp0, perf0 = survey_means()
        importance = imp0 if importance is None else importance
        performance = perf0 if performance is None else performance
    imp, perf = _means(importance, "importance", 5), _means(performance, "performance", 5)
    attribute = check_choice(attribute, "attribute", list(perf.index), zh="属性")
    crosshair = check_choice(crosshair, "crosshair", ("mean", "median"), zh="十字线")
    improvement = check_number(improvement, "improvement", zh="改进幅度", low=-1, high=1.5)
    options = [(display.label(str(a), TOPIC, unit=False) if str(a) in ATTRIBUTES else str(a), a)
               for a in perf.index]
    controls = [
        Choice("crosshair", display.label("crosshair", TOPIC, unit=False),
               [("属性均值的平均数", "mean"), ("属性均值的中位数", "median")], crosshair),
        Choice("attribute", "要改进的属性", options, attribute),
        Slider("improvement", display.label("improvement", TOPIC, unit=False), -1.0, 1.5, 0.1,
               round(improvement, 1), unit="分", fmt="+.1f"),
    ]
    results = [_row("quadrant_before", "quadrant_before", fmt=""),
               _row("quadrant_after", "quadrant_after", fmt=""),
               _row("index_after", "index_after"), _row("index_change", "index_change"),
               _row("index_before", "index_before", detail=True),
               _row("n_concentrate", "n_concentrate", detail=True)]
    return WhatIfPanel(
        ipa_panel_model,
        controls=controls,
        results=results,
        fixed={"importance": imp, "performance": perf},
        plot=lambda fig, result, params: plot_ipa(result["table"], ax=fig.add_subplot(),
                                                  highlight=params["attribute"]),
        title="改进一个属性：它会换到哪个象限？满意度指数变多少？（模拟数据）",
        figsize=(6.4, 3.0),
    )


def complaint_panel_model(dissatisfied, complain_share=0.3, resolved_share=0.6, fast_share=0.5,
                          annual_margin=600.0, retention=0.8, discount_rate=0.1):
    """:func:`~crmlab.satisfaction.model.complaint_outcomes` with [003]'s word-of-mouth counts.

    Examples
    --------
    >>> r = complaint_panel_model(150, 0.3, 0.6, 0.5)
    >>> round(r["kept"], 1), round(r["told_bad_total"])
    (45.9, 2290)
    """
    return complaint_outcomes(dissatisfied, complain_share, resolved_share, fast_share,
                              annual_margin=annual_margin, retention=retention,
                              discount_rate=discount_rate, told_good=8.0, told_bad=22.0)


def complaint_panel(dissatisfied=None, complain_share=0.3, resolved_share=0.6, fast_share=0.5,
                    annual_margin=600.0, retention=0.8, discount_rate=0.1):
    """What-if panel "complaints" (投诉处理): who complains, how many are resolved, how fast.

    Sliders: the share of the dissatisfied who complain (30% when hidden
    dissatisfaction is 70% [002]), the share of complaints resolved, the share
    resolved fast, and the annual margin of a customer.  Each group stays with
    :data:`~crmlab.satisfaction.model.STAY_RATES` (complainants: [000]'s 11%, 75%
    and 95%; the silent: the book's 20%).  Shown: customers kept, the share kept,
    the value kept (CLV via :func:`crmlab.value.clv`) and net word of mouth
    = 8 × resolved complainants who stay − 22 × customers lost ([003]'s 8 and 22);
    the groups, both word-of-mouth counts and the CLV of one customer are under 更多结果.

    Parameters
    ----------
    dissatisfied : float, optional
        Dissatisfied customers (default: the survey's, from
        :func:`~crmlab.satisfaction.model.dissatisfaction_counts`, 模拟数据).
    complain_share, resolved_share, fast_share, annual_margin, retention, discount_rate
        Starting values (see :func:`~crmlab.satisfaction.model.complaint_outcomes`).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = complaint_panel(dissatisfied=150)
    >>> round(panel.result["kept"], 1), round(panel.set(resolved_share=1.0)["kept"], 1)
    (45.9, 59.2)
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    if dissatisfied is None:
        from .. import datasets
        dissatisfied = dissatisfaction_counts(datasets.load_carcare_survey())["dissatisfied"]
    from .. import value

    d = check_number(dissatisfied, "dissatisfied", zh="不满客户数", low=0, high=1e9)
    value.clv(600.0, retention, discount_rate)             # checks retention and discount_rate
    starts = {"complain_share": complain_share, "resolved_share": resolved_share,
              "fast_share": fast_share}
    controls = [Slider(k, display.label(k, TOPIC, unit=False), 0.0, 1.0, 0.05,
                       round(check_number(v, k, zh=display.label(k, TOPIC, unit=False), low=0, high=1)
                             / 0.05) * 0.05, fmt=".0%")
                for k, v in starts.items()]
    controls.append(Slider("annual_margin", display.label("annual_margin", TOPIC, unit=False), 100,
                           2000, 50, min(max(round(check_number(annual_margin, "annual_margin",
                                                                zh="每年利润") / 50) * 50, 100), 2000),
                           unit="元/年", fmt=",.0f"))
    results = [_row("kept", "kept"), _row("kept_share", "kept_share", fmt=".1%"),
               _row("value_kept", "value_kept"), _row("net_word_of_mouth", "net_word_of_mouth"),
               _row("silent", "silent", detail=True), _row("unresolved", "unresolved", detail=True),
               _row("resolved_slow", "resolved_slow", detail=True),
               _row("resolved_fast", "resolved_fast", detail=True),
               _row("told_good_total", "told_good_total", detail=True),
               _row("told_bad_total", "told_bad_total", detail=True),
               _row("clv", "clv", detail=True, fmt=",.0f")]
    return WhatIfPanel(
        complaint_panel_model,
        controls=controls,
        results=results,
        fixed={"dissatisfied": d, "retention": retention, "discount_rate": discount_rate},
        plot=lambda fig, result, params: plot_complaint_outcomes(result, ax=fig.add_subplot()),
        title=f"{d:,.0f} 位不满客户：投诉、解决与速度能留住多少？（模拟数据）",
        figsize=(6.4, 2.9),
    )
