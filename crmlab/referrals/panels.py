"""What-if panel of the Vanke case (万科案例的情景分析面板).

:func:`programme_panel` — a reward per successful referral (老带新奖励): sliders
for the share of owners who recommend, the people each recommends, the close
rate of referrals, the reward, the share of it given to the new buyer and the
advertising cost per lead → the referred share of buyers without and with the
reward, the cost per buyer by channel and the programme's net value
(:func:`~crmlab.referrals.model.programme_whatif`); chart
:func:`~crmlab.referrals.charts.plot_buyers_by_channel`.

Labels and units come from the glossary (``crmlab/glossary/referrals.csv``).
The starting values describe an invented developer (模拟数据), not Vanke.
"""
from __future__ import annotations

from .. import display
from ..validation import check_number
from .charts import plot_buyers_by_channel
from .model import programme_whatif

__all__ = ["programme_panel", "programme_panel_model", "PANEL_DEFAULTS"]

TOPIC = "referrals"

#: Starting values of the panel (an invented developer's year, 模拟数据).
PANEL_DEFAULTS = {"owners": 10_000.0, "recommend_rate": 0.15, "referrals_per_recommender": 1.0,
                  "close_rate": 0.30, "reward": 20_000.0, "buyer_share": 0.5,
                  "cost_per_lead": 1_500.0, "reward_scale": 500_000.0,
                  "profit_per_buyer": 200_000.0, "ad_budget": 9_000_000.0,
                  "ad_close_rate": 0.03, "walk_ins": 250.0, "repeat_buyers": 100.0}


def _row(key, ident, *, suffix="", detail=False, fmt=None):
    """A Result row whose label, unit and format come from the glossary."""
    from ..widgets import Result

    entry = display.entry(ident, TOPIC)
    spec = fmt if fmt is not None else (entry["fmt"][2:-1] if entry["fmt"] else ",.0f")
    unit = "" if entry["unit"] in ("", "%") else entry["unit"]
    label = entry["label"] + (f"：{suffix}" if suffix else "")
    return Result(key, label, fmt=spec, unit=unit, detail=detail)


def programme_panel_model(owners, recommend_rate, referrals_per_recommender, close_rate, reward,
                          cost_per_lead, buyer_share=0.5, reward_scale=500_000.0,
                          profit_per_buyer=200_000.0, ad_budget=9_000_000.0, ad_close_rate=0.03,
                          walk_ins=250.0, repeat_buyers=100.0):
    """:func:`~crmlab.referrals.model.programme_whatif`, unchanged (the panel's model).

    Examples
    --------
    >>> out = programme_panel_model(10_000, 0.15, 1.0, 0.3, 20_000, 1_500)
    >>> round(out["net_value"] / 1e6, 2)
    4.25
    """
    return programme_whatif(owners, recommend_rate, referrals_per_recommender, close_rate,
                            reward, cost_per_lead, buyer_share, reward_scale, profit_per_buyer,
                            ad_budget, ad_close_rate, walk_ins, repeat_buyers)


def _draw(fig, result, params):
    plot_buyers_by_channel(result["buyers_without"], result["buyers_with"], ax=fig.add_subplot())


def programme_panel(recommend_rate=0.15, referrals_per_recommender=1.0, close_rate=0.30,
                    reward=20_000.0, buyer_share=0.5, cost_per_lead=1_500.0, owners=10_000.0,
                    reward_scale=500_000.0, profit_per_buyer=200_000.0, ad_budget=9_000_000.0,
                    ad_close_rate=0.03, walk_ins=250.0, repeat_buyers=100.0):
    """What-if panel "a referral reward" (老带新奖励值不值得): six sliders, one chart.

    Sliders: 推荐率 (0–100%), 人均推荐人数 (0–5), 推荐成交率 (0–100%), 每笔成功
    推荐的奖励 (0–100,000 元), 奖励中给新买家的比例 (0–100%), 每条广告线索成本
    (100–5,000 元).  Shown: the referred share of buyers without and with the
    reward, advertising's cost per buyer, the reward cost per **extra** buyer
    and the programme's net value; the cost per referred buyer, the extra
    buyers, the rewards paid, the break-even and best rewards are under
    更多结果.  The chart compares buyers by channel without and with the
    reward (:func:`~crmlab.referrals.charts.plot_buyers_by_channel`).

    Parameters
    ----------
    recommend_rate, referrals_per_recommender, close_rate, reward, buyer_share, cost_per_lead
        Starting values of the sliders.
    owners, reward_scale, profit_per_buyer, ad_budget, ad_close_rate, walk_ins, repeat_buyers
        Fixed for the panel (see :func:`~crmlab.referrals.model.referral_programme`).

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = programme_panel()
    >>> round(panel.result["referred_share_without"], 3), panel.set(reward=0)["net_value"]
    (0.459, 0.0)
    >>> panel.close()
    """
    from ..widgets import Slider, WhatIfPanel

    def start(value, name, zh, low, high):
        return check_number(value, name, zh=zh, low=low, high=high)

    controls = [
        Slider("recommend_rate", _lab("recommend_rate"), 0, 1, 0.01,
               start(recommend_rate, "recommend_rate", "推荐率", 0, 1), fmt=".0%"),
        Slider("referrals_per_recommender", _lab("referrals_per_recommender"), 0, 5, 0.1,
               start(referrals_per_recommender, "referrals_per_recommender", "人均推荐人数", 0, 5),
               unit="人", fmt=".1f"),
        Slider("close_rate", _lab("close_rate"), 0, 1, 0.01,
               start(close_rate, "close_rate", "推荐成交率", 0, 1), fmt=".0%"),
        Slider("reward", _lab("reward"), 0, 100_000, 1_000,
               start(reward, "reward", "每笔成功推荐的奖励", 0, 100_000), unit="元", fmt=",.0f"),
        Slider("buyer_share", _lab("buyer_share"), 0, 1, 0.1,
               start(buyer_share, "buyer_share", "奖励中给新买家的比例", 0, 1), fmt=".0%"),
        Slider("cost_per_lead", _lab("cost_per_lead"), 100, 5_000, 100,
               start(cost_per_lead, "cost_per_lead", "每条广告线索成本", 100, 5_000), unit="元",
               fmt=",.0f"),
    ]
    results = [
        _row("referred_share_without", "referred_share", suffix="不设奖励"),
        _row("referred_share_with", "referred_share", suffix="设奖励"),
        _row("ad_cost_per_buyer", "ad_cost_per_buyer"),
        _row("cost_per_extra", "cost_per_extra"),
        _row("net_value", "net_value"),
        _row("cost_per_referred", "cost_per_referred", detail=True),
        _row("extra_referred", "extra_referred", detail=True),
        _row("programme_cost", "programme_cost", detail=True),
        _row("break_even_reward", "break_even_reward", detail=True),
        _row("best_reward", "best_reward", detail=True),
    ]
    fixed = {"owners": owners, "reward_scale": reward_scale, "profit_per_buyer": profit_per_buyer,
             "ad_budget": ad_budget, "ad_close_rate": ad_close_rate, "walk_ins": walk_ins,
             "repeat_buyers": repeat_buyers}
    programme_panel_model(recommend_rate=recommend_rate,                # checks the fixed values
                          referrals_per_recommender=referrals_per_recommender,
                          close_rate=close_rate, reward=reward, cost_per_lead=cost_per_lead,
                          buyer_share=buyer_share, **fixed)
    return WhatIfPanel(
        programme_panel_model,
        controls=controls,
        results=results,
        fixed=fixed,
        plot=_draw,
        title="老带新奖励值不值得？（模拟数据）",
        figsize=(7.0, 3.0),
    )


def _lab(ident):
    return display.label(ident, TOPIC, unit=False)
