"""Property registry of Chapter 4 (crmlab.delivered): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import functools

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call, cover

_D = "test_prop_delivered.py::"


@functools.lru_cache(maxsize=None)
def _survey_all() -> pd.DataFrame:
    from crmlab import datasets
    return datasets.load("fridge_survey")


def survey() -> pd.DataFrame:
    """The answers of 40 respondents of the bundled fridge survey (模拟数据)."""
    s = _survey_all()
    keep = sorted(s["respondent_id"].unique())[:40]
    return s[s["respondent_id"].isin(keep)].reset_index(drop=True).copy()


def offers() -> pd.DataFrame:
    from crmlab import delivered
    return delivered.offer_profiles(_survey_all())


def weights() -> pd.DataFrame:
    from crmlab import delivered
    return delivered.segment_weights(_survey_all())


def CALLS():
    from crmlab import delivered as D
    N = lambda v: Arg("num", v)  # noqa: E731
    OFF = lambda: Arg("frame", offers(), nums=("service_value", "monetary_cost"))  # noqa: E731
    W = lambda: Arg("frame", weights(), nums=("service_value",))  # noqa: E731
    CDV = lambda: Arg("object", D.cdv_by_segment(offers(), weights()))  # noqa: E731
    CDV1 = lambda: Arg("object", D.cdv_by_segment(offers(), weights()).iloc[0])  # noqa: E731
    SURVEY = lambda **kw: Arg("frame", survey(), **kw)  # noqa: E731
    return [
        Call("delivered.offer_profiles", lambda: dict(
            survey=SURVEY(ids=("offer",), nums=("price", "service_score")), value_rate=N(400.0),
            cost_rate=N(100.0), offer_col=Arg("col", "offer"), price_col=Arg("col", "price"))),
        Call("delivered.segment_weights", lambda: dict(
            survey=SURVEY(ids=("respondent_id", "segment"), nums=("service_points",)),
            segment_col=Arg("col", "segment"), respondent_col=Arg("col", "respondent_id"))),
        Call("delivered.delivered_value", lambda: dict(offers=OFF(), weights=Arg("fixed", None))),
        Call("delivered.cdv_by_segment", lambda: dict(offers=OFF(), weights=W())),
        Call("delivered.chosen_offer", lambda: dict(cdv=CDV())),
        Call("delivered.best_by", lambda: dict(table=Arg("object", D.delivered_value(offers())),
                                               by=Arg("choice", "cdv"))),
        Call("delivered.rank_forms", lambda: dict(table=Arg("object", D.delivered_value(offers())))),
        Call("delivered.logit_shares", lambda: dict(cdv=CDV1(), sensitivity=N(1.0))),
        Call("delivered.choice_shares", lambda: dict(cdv=CDV1(), sensitivity=Arg("num?", None),
                                                     noise_sd=N(500.0), draws=Arg("int", 2000),
                                                     seed=Arg("int", 0))),
        Call("delivered.shares_by_noise", lambda: dict(cdv=CDV1(), noise_levels=Arg("array", (0.0, 500.0, 2000.0)),
                                                       sensitivity=Arg("num?", None), draws=Arg("int", 2000),
                                                       seed=Arg("int", 0))),
        *[Call(f"delivered.{f}", (lambda: dict(
            offers=OFF(), firm=Arg("text", "丁"), weights=W(), segment=Arg("text?", "服务导向型"),
            unit_costs=Arg("fixed", None), lead=N(1.0))))
          for f in ("lever_table", "cheapest_lever")],
        Call("delivered.price_or_value", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), budget=N(300.0),
            value_lever=Arg("choice", "service_value"), unit_cost=Arg("num?", 0.5), sensitivity=N(2.0))),
        Call("delivered.our_offer_whatif", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), sensitivity=N(2.0),
            monetary_cost=N(3400.0))),
        Call("delivered.our_offer_panel_model", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), sensitivity=N(1.0),
            service_value=N(2500.0))),
        Call("delivered.price_or_value_panel_model", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), budget=N(300.0), unit_cost=Arg("num?", 0.5),
            value_lever=Arg("choice", "service_value"), sensitivity=N(1.0))),
        Call("delivered.our_offer_panel", lambda: dict(
            offers=Arg("fixed", offers()), weights=Arg("fixed", weights()), firm=Arg("text", "丁"), sensitivity=N(1.0))),
        Call("delivered.price_or_value_panel", lambda: dict(
            offers=Arg("fixed", offers()), weights=Arg("fixed", weights()), firm=Arg("text", "丁"), budget=N(300.0), unit_cost=Arg("num?", None),
            value_lever=Arg("choice", "service_value"), sensitivity=N(1.0))),
        Call("delivered.budget_returns", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), budgets=Arg("array", (0.0, 100.0, 300.0)),
            value_lever=Arg("choice", "service_value"), unit_cost=Arg("num?", 0.5), sensitivity=N(2.0))),
        Call("delivered.price_and_value", lambda: dict(
            offers=OFF(), weights=W(), firm=Arg("text", "丁"), price_rise=N(300.0), value_rise=N(600.0),
            value_lever=Arg("choice", "service_value"), unit_cost=Arg("num?", 0.5), sensitivity=N(2.0))),
        Call("delivered.budget_returns_view", lambda: dict(table=Arg("object", D.budget_returns(
            offers(), weights(), "丁", [0.0, 100.0, 300.0])))),
        Call("delivered.price_and_value_view", lambda: dict(table=Arg("object", D.price_and_value(
            offers(), weights(), "丁", 300.0, 600.0)))),
        Call("delivered.plot_value_cost", lambda: dict(table=Arg("object", D.delivered_value(offers())),
                                                       ax=Arg("fixed", None), legend=Arg("fixed", "components"))),
        Call("delivered.plot_choice_shares", lambda: dict(
            shares=Arg("object", D.choice_shares(D.cdv_by_segment(offers(), weights()), 1.0)),
            ax=Arg("fixed", None))),
        Call("delivered.plot_price_or_value", lambda: dict(
            table=Arg("object", D.price_or_value(offers(), weights(), "丁", 300.0)), ax=Arg("fixed", None))),
        Call("delivered.plot_lever_costs", lambda: dict(
            table=Arg("object", D.lever_table(offers(), "丁", weights(), "服务导向型")), ax=Arg("fixed", None))),
        Call("delivered.plot_shares_by_noise", lambda: dict(
            table=Arg("object", D.shares_by_noise(D.cdv_by_segment(offers(), weights()).iloc[0], [0, 500, 2000],
                                                  draws=1000)), ax=Arg("fixed", None))),
        Call("delivered.lever_view", lambda: dict(
            table=Arg("object", D.lever_table(offers(), "丁", weights(), "服务导向型")))),
        Call("delivered.rank_view", lambda: dict(table=Arg("object", D.rank_forms(D.delivered_value(offers()))))),
        Call("delivered.price_or_value_view", lambda: dict(
            table=Arg("object", D.price_or_value(offers(), weights(), "丁", 300.0)))),
    ]


COVER = cover(
    ("delivered.delivered_value delivered.cdv_by_segment", CONTRACT, _D + "test_cdv_is_value_minus_cost"),
    ("delivered.logit_shares", CONTRACT, FUZZ, _D + "test_logit_shares_sum_to_one_in_unit_interval",
     _D + "test_logit_tends_to_the_highest_cdv_rule"),
    ("delivered.choice_shares delivered.chosen_offer", CONTRACT, _D + "test_logit_tends_to_the_highest_cdv_rule"),
    ("delivered.choice_shares delivered.shares_by_noise", FUZZ),
    ("delivered.cheapest_lever delivered.lever_table", CONTRACT, FUZZ,
     _D + "test_cheapest_lever_overtakes_and_nothing_single_is_cheaper"),
    ("delivered.offer_profiles delivered.segment_weights", CONTRACT,
     _D + "test_survey_profiles_and_weights_are_finite"),
    ("delivered.best_by delivered.rank_forms delivered.rank_view", CONTRACT, _D + "test_best_by_picks_the_maximum"),
    ("delivered.price_or_value delivered.price_or_value_view delivered.price_or_value_panel_model", CONTRACT,
     _D + "test_price_or_value_shares_are_shares"),
    ("delivered.price_or_value delivered.price_or_value_panel_model", FUZZ),
    ("delivered.our_offer_whatif delivered.our_offer_panel_model", CONTRACT, FUZZ,
     _D + "test_our_offer_whatif_equals_the_changed_offer"),
    ("delivered.shares_by_noise delivered.lever_view delivered.plot_value_cost delivered.plot_choice_shares "
     "delivered.plot_price_or_value delivered.plot_lever_costs delivered.plot_shares_by_noise", CONTRACT, VALID),
    ("delivered.our_offer_panel delivered.price_or_value_panel", CONTRACT,
     "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
    ("delivered.budget_returns delivered.price_and_value", CONTRACT, FUZZ),
    ("delivered.budget_returns_view delivered.price_and_value_view", CONTRACT, VALID),
)


def _our_offer_panel():
    from crmlab import delivered
    return delivered.our_offer_panel()


def _price_or_value_panel():
    from crmlab import delivered
    return delivered.price_or_value_panel()


PANELS = {"delivered.our_offer_panel": _our_offer_panel,
          "delivered.price_or_value_panel": _price_or_value_panel}
