"""Property registry of Chapter 7 (crmlab.satisfaction): one valid call per public
callable, the property tests covering each, and the chapter's two what-if panels."""
from __future__ import annotations

import functools

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call

_P = "test_prop_satisfaction.py::"


@functools.lru_cache(maxsize=None)
def _survey() -> pd.DataFrame:
    from crmlab import datasets
    s = datasets.load_carcare_survey()
    return s.groupby("overall").head(12).reset_index(drop=True)     # every level present


def survey() -> pd.DataFrame:
    return _survey().copy()


def block(prefix) -> pd.DataFrame:
    from crmlab.satisfaction import ATTRIBUTES
    return survey()[[f"{prefix}_{a}" for a in ATTRIBUTES]].set_axis(list(ATTRIBUTES), axis=1)


def means():
    return block("imp").mean(), block("perf").mean()


def CALLS():
    from crmlab import satisfaction as S
    N = lambda v: Arg("num", v)  # noqa: E731
    SURVEY = lambda *nums: Arg("frame", survey(), nums=nums)  # noqa: E731
    imp, perf = means()
    return [
        Call("satisfaction.attribute_ratings", lambda: dict(
            survey=SURVEY("perf_waiting", "perf_price"), kind=Arg("choice", "perceived"),
            attributes=Arg("fixed", S.ATTRIBUTES))),
        Call("satisfaction.likert_summary", lambda: dict(responses=Arg("frame", block("perf")),
                                                         scale=Arg("int", 5))),
        Call("satisfaction.gap_scores", lambda: dict(expected=Arg("frame", block("exp")),
                                                     perceived=Arg("frame", block("perf")),
                                                     scale=Arg("int", 5))),
        Call("satisfaction.gap_summary", lambda: dict(
            gaps=Arg("frame", S.gap_scores(block("exp"), block("perf"))))),
        Call("satisfaction.satisfaction_index", lambda: dict(performance=Arg("object", perf),
                                                             importance=Arg("fixed", imp),
                                                             scale=Arg("int", 5))),
        Call("satisfaction.ipa", lambda: dict(importance=Arg("object", imp),
                                              performance=Arg("object", perf),
                                              crosshair=Arg("choice", "mean"), scale=Arg("int", 5))),
        Call("satisfaction.ipa_whatif", lambda: dict(
            importance=Arg("object", imp), performance=Arg("object", perf),
            attribute=Arg("choice", "waiting"), improvement=N(0.5), crosshair=Arg("choice", "mean"),
            scale=Arg("int", 5))),
        Call("satisfaction.ipa_panel_model", lambda: dict(
            importance=Arg("object", imp), performance=Arg("object", perf),
            attribute=Arg("choice", "waiting"), improvement=N(0.5), crosshair=Arg("choice", "median"))),
        Call("satisfaction.problem_analysis", lambda: dict(
            survey=SURVEY(), area_col=Arg("col", "problem_area"), none_label=Arg("fixed", "none"))),
        Call("satisfaction.satisfaction_indicators", lambda: dict(
            survey=SURVEY("praised", "complained"), sales_now=N(1.1e6), sales_before=N(1.0e6),
            praised_col=Arg("col", "praised"), asked_col=Arg("col", "asked_by_name"),
            returned_col=Arg("col", "repurchase"), complained_col=Arg("col", "complained"))),
        Call("satisfaction.hidden_dissatisfaction", lambda: dict(complaints=N(60.0),
                                                                 visible_share=N(0.3))),
        Call("satisfaction.dissatisfaction_counts", lambda: dict(
            survey=SURVEY("overall", "complained"), satisfaction_col=Arg("col", "overall"),
            complained_col=Arg("col", "complained"), threshold=Arg("int", 2))),
        Call("satisfaction.complaint_outcomes", lambda: dict(
            dissatisfied=N(150.0), complain_share=N(0.3), resolved_share=N(0.6), fast_share=N(0.5),
            annual_margin=N(600.0), retention=N(0.8), discount_rate=N(0.1), told_good=N(8.0),
            told_bad=N(22.0), stay_rates=Arg("fixed", None))),
        Call("satisfaction.complaint_panel_model", lambda: dict(
            dissatisfied=N(150.0), complain_share=N(0.3), resolved_share=N(0.6), fast_share=N(0.5),
            annual_margin=N(600.0), retention=N(0.8), discount_rate=N(0.1))),
        Call("satisfaction.margin_of_error", lambda: dict(n=Arg("int", 1000), p=N(0.5),
                                                          confidence=N(0.95),
                                                          population=Arg("int?", 20000))),
        Call("satisfaction.sample_size", lambda: dict(margin=N(0.03), p=N(0.5), confidence=N(0.95),
                                                      population=Arg("int?", 20000))),
        Call("satisfaction.sample_size_table", lambda: dict(
            sizes=Arg("array", (100, 400, 1000)), p=N(0.5), confidence=N(0.95),
            population=Arg("int?", 20000), fixed_cost=N(5000.0), cost_per_response=N(40.0))),
        Call("satisfaction.loyalty_by_satisfaction", lambda: dict(
            survey=SURVEY("overall", "repurchase", "recommend", "told_others_bad"),
            satisfaction_col=Arg("col", "overall"), repurchase_col=Arg("col", "repurchase"),
            recommend_col=Arg("col", "recommend"), bad_word_col=Arg("col", "told_others_bad"),
            scale=Arg("int", 5))),
        Call("satisfaction.repurchase_multiple", lambda: dict(
            table=Arg("object", S.loyalty_by_satisfaction(survey())), high=Arg("int", 5),
            low=Arg("int", 4), rate_col=Arg("col", "repurchase_rate"))),
        Call("satisfaction.loyalty_matrix", lambda: dict(
            survey=SURVEY("product_rating", "service_rating", "repurchase"),
            product_col=Arg("col", "product_rating"), service_col=Arg("col", "service_rating"),
            repurchase_col=Arg("col", "repurchase"), threshold=Arg("int", 4))),
        Call("satisfaction.survey_means", lambda: dict(survey=Arg("fixed", survey()))),
        Call("satisfaction.named_view", lambda: dict(table=Arg("object", S.ipa(imp, perf)))),
        Call("satisfaction.loyalty_matrix_view", lambda: dict(
            matrix=Arg("object", S.loyalty_matrix(survey())))),
        Call("satisfaction.estimates_view", lambda: dict(estimates=Arg("object", {
            "甲": S.hidden_dissatisfaction(60, 0.3), "乙": S.hidden_dissatisfaction(60, 0.04)}))),
        Call("satisfaction.steps_view", lambda: dict(steps=Arg("object", S.COMPLAINT_STEPS))),
        Call("satisfaction.plot_likert", lambda: dict(
            summary=Arg("object", S.likert_summary(block("perf"))), ax=Arg("fixed", None))),
        Call("satisfaction.plot_gaps", lambda: dict(
            summary=Arg("object", S.gap_summary(S.gap_scores(block("exp"), block("perf")))),
            ax=Arg("fixed", None))),
        Call("satisfaction.plot_ipa", lambda: dict(table=Arg("object", S.ipa(imp, perf)),
                                                   ax=Arg("fixed", None), highlight=Arg("fixed", None))),
        Call("satisfaction.plot_loyalty", lambda: dict(
            table=Arg("object", S.loyalty_by_satisfaction(survey())), ax=Arg("fixed", None),
            recommend=Arg("bool", True))),
        Call("satisfaction.plot_research", lambda: dict(
            table=Arg("object", S.sample_size_table([100, 400, 1000])), ax=Arg("fixed", None))),
        Call("satisfaction.plot_complaint_outcomes", lambda: dict(
            result=Arg("object", S.complaint_outcomes(150.0)), ax=Arg("fixed", None))),
        Call("satisfaction.ipa_panel", lambda: dict(
            importance=Arg("fixed", imp), performance=Arg("fixed", perf),
            attribute=Arg("choice", "waiting"), improvement=N(0.5), crosshair=Arg("choice", "mean"))),
        Call("satisfaction.complaint_panel", lambda: dict(
            dissatisfied=Arg("num?", 150.0), complain_share=N(0.3), resolved_share=N(0.6), fast_share=N(0.5),
            annual_margin=N(600.0), retention=N(0.8), discount_rate=N(0.1))),
        Call("simulate.carcare_survey.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 40))),
    ]


COVER = {
    "satisfaction.attribute_ratings": (CONTRACT, VALID, _P + "test_attribute_blocks_are_the_survey_columns"),
    "satisfaction.likert_summary": (CONTRACT, VALID, FUZZ, _P + "test_likert_shares_add_up_and_boxes_agree"),
    "satisfaction.gap_scores": (CONTRACT, VALID, _P + "test_gap_summary_shares_add_to_one"),
    "satisfaction.gap_summary": (CONTRACT, VALID, _P + "test_gap_summary_shares_add_to_one"),
    "satisfaction.satisfaction_index": (CONTRACT, FUZZ, _P + "test_index_in_0_100_and_monotone"),
    "satisfaction.ipa": (CONTRACT, FUZZ, _P + "test_ipa_quadrant_matches_the_crosshair"),
    "satisfaction.ipa_whatif": (CONTRACT, FUZZ, _P + "test_ipa_whatif_improvement_never_lowers_the_index"),
    "satisfaction.ipa_panel_model": (CONTRACT, FUZZ),
    "satisfaction.problem_analysis": (CONTRACT, VALID, _P + "test_problem_shares_are_a_pareto_list"),
    "satisfaction.satisfaction_indicators": (CONTRACT, FUZZ, _P + "test_indicator_shares_are_shares"),
    "satisfaction.hidden_dissatisfaction": (CONTRACT, FUZZ, _P + "test_hidden_dissatisfaction_identity"),
    "satisfaction.dissatisfaction_counts": (CONTRACT, FUZZ, _P + "test_dissatisfaction_counts_add_up"),
    "satisfaction.complaint_outcomes": (CONTRACT, FUZZ, _P + "test_complaint_groups_add_up_and_kept_rises"),
    "satisfaction.complaint_panel_model": (CONTRACT, FUZZ),
    "satisfaction.margin_of_error": (CONTRACT, FUZZ, _P + "test_sample_size_meets_its_margin"),
    "satisfaction.sample_size": (CONTRACT, FUZZ, _P + "test_sample_size_meets_its_margin"),
    "satisfaction.sample_size_table": (CONTRACT, FUZZ, _P + "test_sample_size_table_margin_falls_cost_rises"),
    "satisfaction.loyalty_by_satisfaction": (CONTRACT, VALID, _P + "test_loyalty_counts_and_rates"),
    "satisfaction.repurchase_multiple": (CONTRACT, FUZZ, _P + "test_loyalty_counts_and_rates"),
    "satisfaction.loyalty_matrix": (CONTRACT, FUZZ, _P + "test_loyalty_matrix_counts_add_up"),
    "satisfaction.survey_means": (CONTRACT, VALID),
    "satisfaction.named_view": (CONTRACT, VALID),
    "satisfaction.loyalty_matrix_view": (CONTRACT, VALID, _P + "test_loyalty_matrix_counts_add_up"),
    "satisfaction.steps_view": (CONTRACT, VALID),
    "satisfaction.estimates_view": (CONTRACT, VALID, _P + "test_hidden_dissatisfaction_identity"),
    "satisfaction.plot_likert": (CONTRACT, VALID),
    "satisfaction.plot_gaps": (CONTRACT, VALID),
    "satisfaction.plot_ipa": (CONTRACT, VALID),
    "satisfaction.plot_loyalty": (CONTRACT, VALID),
    "satisfaction.plot_research": (CONTRACT, VALID),
    "satisfaction.plot_complaint_outcomes": (CONTRACT, VALID),
    "satisfaction.ipa_panel": (CONTRACT, _P + "test_panels_give_finite_results_anywhere"),
    "satisfaction.complaint_panel": (CONTRACT, _P + "test_panels_give_finite_results_anywhere"),
    "simulate.carcare_survey.generate": (CONTRACT, VALID, _P + "test_generator_keeps_the_calibration"),
}


def _ipa_panel():
    from crmlab import satisfaction
    return satisfaction.ipa_panel()


def _complaint_panel():
    from crmlab import satisfaction
    return satisfaction.complaint_panel()


PANELS = {"satisfaction.ipa_panel": _ipa_panel, "satisfaction.complaint_panel": _complaint_panel}
