"""What-if panels of Chapter 2 (第 2 章的情景分析面板).

Two panels, each a thin layer over a pure model of :mod:`crmlab.states.model`:

* :func:`flow_panel` — the customer flow model (客户流转模式): sliders for the
  monthly moves between first-time, repeat, loyal and lost customers; shows the
  state mix over time, the share loyal at the end and in the long run, the
  expected months before a new customer is first lost and the customer equity.
* :func:`selling_panel` — where to spend selling effort (推销精力花在哪里): the
  success rates of the three groups [000] and the cost of a contact; shows
  contacts and cost per sale.

Row labels and units come from the glossary (``crmlab/glossary/states.csv``).
"""
from __future__ import annotations

from functools import partial

from .. import display
from ..validation import check_number
from .charts import plot_contacts_per_sale, plot_state_mix
from .model import flow_whatif, selling_effort

__all__ = ["flow_panel", "flow_panel_model", "selling_panel", "selling_panel_model",
           "SELLING_GROUPS"]

TOPIC = "states"

#: The three groups of the seed's success rates [000], in its order.
SELLING_GROUPS = ("potential_target", "first_time", "repeat_loyal")


def _row(key, ident=None, *, detail=False, fmt=None, label=None):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident or key, TOPIC)
    spec = fmt if fmt is not None else (entry["fmt"][2:-1] if entry["fmt"] else "")
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    return Result(key, label or entry["label"], fmt=spec or ",.2f", unit=unit, detail=detail)


def flow_panel_model(first_to_repeat, repeat_to_loyal, churn_first, churn_repeat, churn_loyal,
                     win_back, periods, lost_forever=0.0, *, counts=None, rewards=None,
                     discount_rate=0.01):
    """:func:`~crmlab.states.model.flow_whatif`, with the value of each state as its own row.

    Examples
    --------
    >>> out = flow_panel_model(0.15, 0.10, 0.10, 0.05, 0.02, 0.05, 24)
    >>> round(out["value_loyal"]) > round(out["value_repeat"]) > round(out["value_first_time"])
    True
    """
    out = flow_whatif(first_to_repeat, repeat_to_loyal, churn_first, churn_repeat, churn_loyal,
                      win_back, periods, lost_forever, counts=counts, rewards=rewards,
                      discount_rate=discount_rate)
    for state, v in out["values"].items():
        out[f"value_{state}"] = float(v)
    return out


def _draw_flow(fig, result, params):
    plot_state_mix(result["mix"], ax=fig.add_subplot())


def flow_panel(first_to_repeat=0.15, repeat_to_loyal=0.10, churn_first=0.10, churn_repeat=0.05,
               churn_loyal=0.02, win_back=0.05, periods=24, lost_forever=0.0, *, counts=None,
               rewards=None, discount_rate=0.01):
    """The customer flow panel (客户流转情景分析面板).

    Eight sliders drive :func:`flow_panel_model` (monthly probabilities, a
    period is a month): first-time → repeat 0–50 %, repeat → loyal 0–50 %,
    the monthly churn of first-time (1–50 %), repeat (1–50 %) and loyal (1–30 %)
    customers, the win-back rate of lost customers 0–50 %, the monthly share of
    lost customers who leave for good (永远流失 → 非客户, 0–50 %; default 0: every
    lost customer eventually comes back) and the months shown (6–60).  ``counts`` (the customers now, default 1,000 new first-time
    customers), ``rewards`` (monthly margin per state, 元) and the monthly
    ``discount_rate`` are fixed.  The panel shows the share loyal after the
    months shown and in the long run, the expected months before a new customer
    is first lost and the customer equity (Σ counts × state values); the value
    of each state and the long-run share lost are one click away (更多结果).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = flow_panel()
    >>> round(panel.result["lifetime_new"], 1)
    28.0
    >>> round(panel.set(churn_loyal=0.01)["loyal_share_long_run"], 3)
    0.714
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    # The sliders check their own start values; the fixed arguments are checked here,
    # once, with the default flow (their checks do not depend on the probabilities).
    flow_whatif(counts=counts, rewards=rewards, discount_rate=discount_rate)
    model = partial(flow_panel_model, counts=counts, rewards=rewards, discount_rate=discount_rate)
    pct = dict(fmt=".0%")
    return WhatIfPanel(
        model,
        controls=[
            Slider("first_to_repeat", "初次购买→重复购买", 0, 0.5, 0.01, first_to_repeat, **pct),
            Slider("repeat_to_loyal", "重复购买→忠诚", 0, 0.5, 0.01, repeat_to_loyal, **pct),
            Slider("churn_first", "初次购买客户月流失率", 0.01, 0.5, 0.01, churn_first, **pct),
            Slider("churn_repeat", "重复购买客户月流失率", 0.01, 0.5, 0.01, churn_repeat, **pct),
            Slider("churn_loyal", "忠诚客户月流失率", 0.01, 0.3, 0.01, churn_loyal, **pct),
            Slider("win_back", "流失客户月挽回率", 0, 0.5, 0.01, win_back, **pct),
            Slider("lost_forever", "流失客户月永远流失率", 0, 0.5, 0.01, lost_forever, **pct),
            Slider("periods", "显示月数", 6, 60, 1, periods, unit="月", integer=True),
        ],
        results=[
            _row("loyal_share_end"),
            _row("loyal_share_long_run"),
            _row("lifetime_new"),
            _row("customer_equity"),
            _row("value_first_time", "value", detail=True,
                 label=f"{display.label('value', TOPIC, unit=False)}：{display.label('first_time', TOPIC)}"),
            _row("value_repeat", "value", detail=True,
                 label=f"{display.label('value', TOPIC, unit=False)}：{display.label('repeat', TOPIC)}"),
            _row("value_loyal", "value", detail=True,
                 label=f"{display.label('value', TOPIC, unit=False)}：{display.label('loyal', TOPIC)}"),
            _row("lost_share_long_run", detail=True),
            _row("lost_forever_share_end", detail=True),
            _row("non_customer_share_long_run", detail=True),
        ],
        plot=_draw_flow,
        title="客户流转模式：初次购买 → 重复购买 → 忠诚，流失、挽回与永远流失（每期一个月）",
        figsize=(7.0, 3.2),  # eight sliders: the chart stays on a 1366×768 screen
    )


def selling_panel_model(rate_potential_target, rate_first_time, rate_repeat_loyal,
                        cost_per_contact):
    """:func:`~crmlab.states.model.selling_effort` for the three groups, one row per number.

    Returns the effort table (``effort``) and, for each group, its contacts per
    sale (``contacts_<group>``) and cost per sale (``cost_<group>``), plus how
    many times as many contacts a sale to a potential or target customer takes
    as a sale to a repeat or loyal one (``ratio_potential_to_repeat``).

    Examples
    --------
    >>> out = selling_panel_model(0.06, 0.15, 0.5, 50)
    >>> round(out["contacts_potential_target"], 2), round(out["cost_repeat_loyal"], 2)
    (16.67, 100.0)
    """
    given = {"rate_potential_target": rate_potential_target, "rate_first_time": rate_first_time,
             "rate_repeat_loyal": rate_repeat_loyal}
    rates = {g: check_number(v, arg, zh="推销成功率", low=0, high=1, low_open=True)
             for g, (arg, v) in zip(SELLING_GROUPS, given.items())}
    effort = selling_effort(rates, cost_per_contact)
    out = {"effort": effort}
    for g in SELLING_GROUPS:
        out[f"contacts_{g}"] = float(effort.loc[g, "contacts_per_sale"])
        out[f"cost_{g}"] = float(effort.loc[g, "cost_per_sale"])
    out["ratio_potential_to_repeat"] = (out["contacts_potential_target"]
                                        / out["contacts_repeat_loyal"])
    return out


def selling_panel(rate_potential_target=0.06, rate_first_time=0.15, rate_repeat_loyal=0.50,
                  cost_per_contact=50.0):
    """Where to spend selling effort (推销精力花在哪里的情景分析面板).

    Sliders for the success rate of each group (1–100 %; the seed's 6 %, 15 %
    and 50 % [000] are the defaults the notebook passes) and the cost of one
    contact (0–500 元); the panel shows the contacts and cost per sale of each
    group, and redraws :func:`~crmlab.states.charts.plot_contacts_per_sale`.

    Examples
    --------
    >>> panel = selling_panel()
    >>> round(panel.result["ratio_potential_to_repeat"], 2)
    8.33
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    def cost_label(g):
        return (f"{display.label('cost_per_sale', TOPIC, unit=False)}："
                f"{display.label(g, TOPIC, unit=False)}")

    def contacts_label(g):
        return (f"{display.label('contacts_per_sale', TOPIC, unit=False)}："
                f"{display.label(g, TOPIC, unit=False)}")

    return WhatIfPanel(
        selling_panel_model,
        controls=[
            Slider("rate_potential_target", "成功率：潜在与目标客户", 0.01, 1, 0.01,
                   rate_potential_target, fmt=".0%"),
            Slider("rate_first_time", "成功率：初次购买客户", 0.01, 1, 0.01, rate_first_time,
                   fmt=".0%"),
            Slider("rate_repeat_loyal", "成功率：重复购买与忠诚客户", 0.01, 1, 0.01,
                   rate_repeat_loyal, fmt=".0%"),
            Slider("cost_per_contact", "每次推销的成本", 0, 500, 5, cost_per_contact, unit="元",
                   fmt=".0f"),
        ],
        results=[
            *[_row(f"contacts_{g}", "contacts_per_sale", label=contacts_label(g))
              for g in SELLING_GROUPS],
            _row("ratio_potential_to_repeat", "ratio_to_repeat",
                 label="潜在与目标客户的推销次数是老客户的几倍"),
            *[_row(f"cost_{g}", "cost_per_sale", label=cost_label(g), detail=g == "first_time")
              for g in SELLING_GROUPS],
        ],
        plot=lambda fig, result, params: plot_contacts_per_sale(result["effort"],
                                                                ax=fig.add_subplot()),
        title="推销精力花在哪里：每成交一笔要推销几次、花多少钱",
    )
