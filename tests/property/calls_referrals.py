"""Property registry of the Vanke case (crmlab.referrals): one valid call per public
callable, the property tests covering each, and the case's what-if panel."""
from __future__ import annotations

import functools

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call

_P = "test_prop_referrals.py::"


@functools.lru_cache(maxsize=None)
def _sales() -> pd.DataFrame:
    from crmlab import datasets
    s = datasets.load_vanke_sales()
    return s.groupby("project", observed=True).head(15).reset_index(drop=True)


@functools.lru_cache(maxsize=None)
def _survey() -> pd.DataFrame:
    from crmlab import datasets
    return datasets.load_vanke_member_survey().head(80).reset_index(drop=True)


def sales() -> pd.DataFrame:
    return _sales().copy()


def survey() -> pd.DataFrame:
    return _survey().copy()


def _funnel(**extra):
    N = lambda v: Arg("num", v)  # noqa: E731
    return dict(owners=N(10_000.0), recommend_rate=N(0.15), referrals_per_recommender=N(1.0),
                close_rate=N(0.3), **extra)


def _ads():
    N = lambda v: Arg("num", v)  # noqa: E731
    return dict(ad_budget=N(9_000_000.0), cost_per_lead=N(1_500.0), ad_close_rate=N(0.03),
                walk_ins=N(250.0), repeat_buyers=N(100.0))


def _reward():
    N = lambda v: Arg("num", v)  # noqa: E731
    return dict(buyer_share=N(0.5), reward_scale=N(500_000.0), profit_per_buyer=N(200_000.0))


def CALLS():
    from crmlab import referrals as R
    N = lambda v: Arg("num", v)  # noqa: E731
    whatif = R.programme_whatif(10_000, 0.15, 1.0, 0.3, 20_000, 1_500)
    return [
        Call("referrals.channel_shares", lambda: dict(
            ledger=Arg("frame", sales()), by=Arg("choice", "project"),
            channel_col=Arg("col", "channel"))),
        Call("referrals.survey_rates", lambda: dict(survey=Arg("frame", survey()))),
        Call("referrals.referral_funnel", lambda: dict(**_funnel(), **_ads())),
        Call("referrals.repeat_buyers", lambda: dict(owners=N(1_000.0), would_buy_again=N(0.569),
                                                     follow_through=N(0.3))),
        Call("referrals.owner_value", lambda: dict(
            own_profit=N(200_000.0), recommend_rate=N(0.15), referrals_per_recommender=N(1.0),
            close_rate=N(0.3), profit_per_buyer=N(200_000.0), years=Arg("int?", 10),
            discount_rate=N(0.08), retention=N(0.9), would_buy_again=N(0.569),
            follow_through=N(0.3), repeat_year=Arg("int", 5), knowledge=N(0.0))),
        Call("referrals.reward_response", lambda: dict(base_rate=N(0.15), reward=N(20_000.0),
                                                       reward_scale=N(500_000.0))),
        Call("referrals.referral_programme", lambda: dict(
            **_funnel(reward=N(20_000.0)), **_reward(), **_ads())),
        Call("referrals.break_even_reward", lambda: dict(**_funnel(), **_reward())),
        Call("referrals.reward_curve", lambda: dict(
            **_funnel(rewards=Arg("array", (0.0, 20_000.0, 60_000.0))), **_reward())),
        Call("referrals.programme_whatif", lambda: dict(
            **_funnel(reward=N(20_000.0), cost_per_lead=N(1_500.0)), **_reward(),
            ad_budget=N(9_000_000.0), ad_close_rate=N(0.03), walk_ins=N(250.0),
            repeat_buyers=N(100.0))),
        Call("referrals.programme_panel_model", lambda: dict(
            **_funnel(reward=N(20_000.0), cost_per_lead=N(1_500.0)), **_reward(),
            ad_budget=N(9_000_000.0), ad_close_rate=N(0.03), walk_ins=N(250.0),
            repeat_buyers=N(100.0))),
        Call("referrals.programme_panel", lambda: dict(
            recommend_rate=N(0.15), referrals_per_recommender=N(1.0), close_rate=N(0.3),
            reward=N(20_000.0), buyer_share=N(0.5), cost_per_lead=N(1_500.0))),
        Call("referrals.ledger_view", lambda: dict(ledger=Arg("frame", sales(), dates=("sale_date",)),
                                                   rows=Arg("int", 5))),
        Call("referrals.funnel_view", lambda: dict(
            funnel=Arg("object", R.referral_funnel(100, 0.5, 2, 0.25)), labels=Arg("fixed", str))),
        Call("referrals.value_parts_view", lambda: dict(
            parts=Arg("object", R.owner_value(200_000, 0.15, 1.0, 0.3, 200_000)))),
        Call("referrals.survey_view", lambda: dict(
            rates=Arg("object", R.survey_rates(survey())),
            textbook_values=Arg("fixed", {v: v for v in R.SURVEY_RATES.values()}))),
        Call("referrals.plot_channel_shares", lambda: dict(
            shares=Arg("object", R.channel_shares(sales())), ax=Arg("fixed", None),
            title=Arg("fixed", None))),
        Call("referrals.plot_buyers_by_channel", lambda: dict(
            without=Arg("object", whatif["buyers_without"]),
            with_programme=Arg("object", whatif["buyers_with"]), ax=Arg("fixed", None),
            title=Arg("fixed", None))),
        Call("referrals.plot_reward_curve", lambda: dict(
            curve=Arg("object", R.reward_curve(10_000, 0.15, 1.0, 0.3, [0.0, 20_000.0, 60_000.0])),
            break_even=Arg("num?", 40_000.0), best=Arg("num?", 20_000.0), ax=Arg("fixed", None),
            title=Arg("fixed", None))),
        Call("simulate.vanke.generate", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.vanke.generate_survey", lambda: dict(seed=Arg("int", 1), n=Arg("int", 200))),
    ]


COVER = {
    "referrals.channel_shares": (CONTRACT, VALID, _P + "test_channel_shares_are_shares"),
    "referrals.survey_rates": (CONTRACT, VALID, _P + "test_survey_yes_counts_are_exact"),
    "referrals.referral_funnel": (CONTRACT, FUZZ, _P + "test_funnel_adds_up_and_share_is_a_share"),
    "referrals.repeat_buyers": (CONTRACT, FUZZ, _P + "test_repeat_buyers_never_exceed_intenders"),
    "referrals.owner_value": (CONTRACT, FUZZ, _P + "test_owner_value_parts_add_up"),
    "referrals.reward_response": (CONTRACT, FUZZ, _P + "test_reward_response_rises_within_bounds"),
    "referrals.referral_programme": (CONTRACT, FUZZ, _P + "test_programme_net_value_identity"),
    "referrals.break_even_reward": (CONTRACT, FUZZ, _P + "test_break_even_reward_brackets_positive_net"),
    "referrals.reward_curve": (CONTRACT, FUZZ, _P + "test_programme_net_value_identity"),
    "referrals.programme_whatif": (CONTRACT, FUZZ, _P + "test_whatif_shares_are_shares"),
    "referrals.programme_panel_model": (CONTRACT, FUZZ),
    "referrals.programme_panel": (CONTRACT, "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
    "referrals.funnel_view": (CONTRACT, VALID),
    "referrals.ledger_view": (CONTRACT, VALID),
    "referrals.value_parts_view": (CONTRACT, VALID),
    "referrals.survey_view": (CONTRACT, VALID),
    "referrals.plot_channel_shares": (CONTRACT, VALID),
    "referrals.plot_buyers_by_channel": (CONTRACT, VALID),
    "referrals.plot_reward_curve": (CONTRACT, VALID),
    "simulate.vanke.generate": (CONTRACT, VALID, _P + "test_channel_shares_are_shares"),
    "simulate.vanke.generate_survey": (CONTRACT, VALID, _P + "test_survey_yes_counts_are_exact"),
}


def _panel():
    from crmlab import referrals
    return referrals.programme_panel()


PANELS = {"referrals.programme_panel": _panel}
