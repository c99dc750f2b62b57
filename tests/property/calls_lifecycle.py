"""Property-test registry of Chapter 3 (crmlab.lifecycle): valid calls, coverage, panels.

Found by ``propkit.topic_modules()``; see its docstring.
"""
from __future__ import annotations

import functools


from propkit import CONTRACT, FUZZ, VALID, Arg, Call

_L = "test_prop_lifecycle.py::"

REGULAR = [1000.0, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]


@functools.lru_cache(maxsize=None)
def _history():
    """Customer-years of 30 customers of the bundled distributor data (模拟数据)."""
    from crmlab import datasets
    h = datasets.load_distributor_lifecycle()
    keep = h["customer_id"].drop_duplicates().iloc[:30]
    return h[h["customer_id"].isin(keep)].reset_index(drop=True)


def history():
    return _history().copy()


def CALLS():
    from crmlab import lifecycle as L
    N = lambda v: Arg("num", v)  # noqa: E731
    I = lambda v: Arg("int", v)  # noqa: E731
    SHAPE = lambda: dict(exploration_periods=I(1), formation_periods=I(2),  # noqa: E731
                         early_stability_periods=I(2), stability_periods=I(8),
                         decline_periods=I(1), revenue=Arg("fixed", None),
                         cost=Arg("fixed", None), discount_rate=N(0.1))
    HIST = lambda **kw: Arg("frame", history(), **kw)  # noqa: E731
    return [
        Call("lifecycle.stage_economics", lambda: dict(revenue=Arg("fixed", {"stability": 150.0}),
                                                      cost=Arg("fixed", None))),
        Call("lifecycle.pattern_paths", SHAPE),
        Call("lifecycle.pattern_values", SHAPE),
        Call("lifecycle.classify_stages", lambda: dict(
            history=HIST(ids=("customer_id",), nums=("purchases_firm", "purchases_total"),
                         months=("year",)),
            customer_id_col=Arg("col", "customer_id"), period_col=Arg("col", "year"),
            firm_col=Arg("col", "purchases_firm"), total_col=Arg("col", "purchases_total"),
            stability_share=N(0.6), growth=N(0.1), decline_drop=N(0.2), total_tolerance=N(0.05))),
        Call("lifecycle.clv_by_length", lambda: dict(margin=N(100.0), lengths=Arg("array", [1, 5, 10]),
                                                    discount_rate=N(0.1), acquisition_cost=N(80.0))),
        Call("lifecycle.cohort_survivors", lambda: dict(
            history=HIST(ids=("customer_id",), months=("year",)),
            customer_id_col=Arg("col", "customer_id"), period_col=Arg("col", "year"))),
        Call("lifecycle.sbg_survival", lambda: dict(alpha=N(0.7), beta=N(1.2), periods=I(12))),
        Call("lifecycle.sbg_retention", lambda: dict(alpha=N(0.7), beta=N(1.2), periods=I(12))),
        Call("lifecycle.fit_sbg", lambda: dict(survivors=Arg("array", REGULAR[:8]),
                                              calibration_periods=Arg("int?", None))),
        Call("lifecycle.fit_constant_retention", lambda: dict(survivors=Arg("array", REGULAR[:8]),
                                                             calibration_periods=Arg("int?", 7))),
        Call("lifecycle.forecast_survivors", lambda: dict(survivors=Arg("array", REGULAR),
                                                         calibration_periods=I(7),
                                                         horizon=Arg("int?", 15))),
        Call("lifecycle.sbg_clv", lambda: dict(alpha=N(0.7), beta=N(1.2), margin=N(100.0),
                                              discount_rate=N(0.1), horizon=I(200))),
        Call("lifecycle.retention_whatif", lambda: dict(alpha=N(0.7), beta=N(1.2), margin=N(100.0),
                                                       discount_rate=N(0.1), periods=I(12),
                                                       horizon=I(200))),
        Call("lifecycle.retention_panel_model", lambda: dict(alpha=N(0.7), beta=N(1.2),
                                                            margin=N(100.0), discount_rate=N(0.1),
                                                            periods=I(12), horizon=I(200))),
        Call("lifecycle.patterns_panel_model", lambda: dict(
            exploration_periods=I(1), formation_periods=I(2), early_stability_periods=I(2),
            stability_periods=I(8), exploration_profit=N(-40.0), formation_profit=N(30.0),
            stability_profit=N(110.0), discount_rate=N(0.1), decline_periods=I(1),
            revenue=Arg("fixed", None), cost=Arg("fixed", None))),
        Call("lifecycle.patterns_panel", lambda: dict(
            exploration_periods=I(1), formation_periods=I(2), early_stability_periods=I(2),
            stability_periods=I(8), exploration_profit=Arg("num?", -40.0),
            formation_profit=Arg("num?", 30.0), stability_profit=Arg("num?", 110.0),
            discount_rate=N(0.1), revenue=Arg("fixed", None), cost=Arg("fixed", None))),
        Call("lifecycle.retention_panel", lambda: dict(alpha=N(0.7), beta=N(1.2), margin=N(100.0),
                                                      discount_rate=N(0.1), periods=I(12))),
        Call("lifecycle.plot_pattern_paths", lambda: dict(
            values=Arg("fixed", L.pattern_values()), ax=Arg("fixed", None),
            measure=Arg("choice", "cumulative_value"))),
        Call("lifecycle.plot_survivor_forecast", lambda: dict(
            forecast=Arg("fixed", L.forecast_survivors(REGULAR, 7)), ax=Arg("fixed", None),
            title=Arg("text?", None))),
        Call("lifecycle.plot_retention_curves", lambda: dict(
            table=Arg("frame", L.retention_whatif()["table"]), ax=Arg("fixed", None))),
        Call("lifecycle.plot_share_by_year", lambda: dict(
            classified=Arg("frame", L.classify_stages(history())), ax=Arg("fixed", None),
            share_col=Arg("col", "share"), pattern_col=Arg("col", "pattern"),
            period_col=Arg("col", "year"))),
        Call("lifecycle.plot_clv_by_length", lambda: dict(
            table=Arg("frame", L.clv_by_length(100, [1, 5, 10])), ax=Arg("fixed", None))),
        Call("lifecycle.pattern_table", lambda: dict(values=Arg("fixed", L.pattern_values()))),
        Call("lifecycle.stage_table", lambda: dict(economics=Arg("frame", L.stage_economics()))),
        Call("lifecycle.estimates_table", lambda: dict(calibration_periods=I(7))),
        Call("lifecycle.stage_mix", lambda: dict(
            classified=Arg("frame", L.classify_stages(history()), required=("pattern", "stage")),
            pattern_col=Arg("col", "pattern"), stage_col=Arg("col", "stage"))),
        Call("lifecycle.customer_path", lambda: dict(
            classified=Arg("frame", L.classify_stages(history())), customer_id=Arg("fixed", "K0001"),
            customer_id_col=Arg("col", "customer_id"))),
        Call("simulate.distributor_lifecycle.generate", lambda: dict(seed=I(1), n=I(40))),
    ]


COVER = {
    "lifecycle.stage_economics": (CONTRACT, VALID, _L + "test_profit_is_revenue_minus_cost"),
    "lifecycle.pattern_paths": (CONTRACT, FUZZ, _L + "test_pattern_paths_cumulate_their_profits"),
    "lifecycle.pattern_values": (CONTRACT, FUZZ, _L + "test_longer_patterns_earn_more_when_stability_pays"),
    "lifecycle.classify_stages": (CONTRACT, _L + "test_classify_stages_follows_its_rule"),
    "lifecycle.clv_by_length": (CONTRACT, FUZZ, _L + "test_clv_grows_with_length"),
    "lifecycle.cohort_survivors": (CONTRACT, _L + "test_cohort_survivors_count_customers"),
    "lifecycle.sbg_survival": (CONTRACT, FUZZ, _L + "test_sbg_retention_is_survival_ratio_and_rises"),
    "lifecycle.sbg_retention": (CONTRACT, FUZZ, _L + "test_sbg_retention_is_survival_ratio_and_rises"),
    "lifecycle.fit_sbg": (CONTRACT, _L + "test_fit_sbg_recovers_exact_survivors"),
    "lifecycle.fit_constant_retention": (CONTRACT, _L + "test_constant_retention_recovers_geometric_survivors"),
    "lifecycle.forecast_survivors": (CONTRACT, _L + "test_fit_sbg_recovers_exact_survivors"),
    "lifecycle.sbg_clv": (CONTRACT, FUZZ, _L + "test_sbg_clv_at_least_constant_clv"),
    "lifecycle.retention_whatif": (CONTRACT, FUZZ, _L + "test_sbg_clv_at_least_constant_clv"),
    "lifecycle.retention_panel_model": (CONTRACT, FUZZ, _L + "test_sbg_clv_at_least_constant_clv"),
    "lifecycle.patterns_panel_model": (CONTRACT, FUZZ, _L + "test_longer_patterns_earn_more_when_stability_pays"),
    "lifecycle.patterns_panel": (CONTRACT, _L + "test_panels_agree_with_their_models"),
    "lifecycle.retention_panel": (CONTRACT, _L + "test_panels_agree_with_their_models"),
    "lifecycle.plot_pattern_paths": (CONTRACT, VALID),
    "lifecycle.plot_survivor_forecast": (CONTRACT, VALID),
    "lifecycle.plot_retention_curves": (CONTRACT, VALID),
    "lifecycle.plot_share_by_year": (CONTRACT, VALID),
    "lifecycle.plot_clv_by_length": (CONTRACT, VALID),
    "lifecycle.pattern_table": (CONTRACT, VALID, _L + "test_tables_show_the_model_numbers"),
    "lifecycle.stage_table": (CONTRACT, VALID, _L + "test_tables_show_the_model_numbers"),
    "lifecycle.estimates_table": (CONTRACT, VALID, _L + "test_tables_show_the_model_numbers"),
    "lifecycle.stage_mix": (CONTRACT, VALID, _L + "test_tables_show_the_model_numbers"),
    "lifecycle.customer_path": (CONTRACT, VALID, _L + "test_tables_show_the_model_numbers"),
    "simulate.distributor_lifecycle.generate": (CONTRACT, VALID, _L + "test_classify_stages_follows_its_rule"),
}


def _patterns_panel():
    from crmlab import lifecycle
    return lifecycle.patterns_panel()


def _retention_panel():
    from crmlab import lifecycle
    fit = lifecycle.fit_sbg(REGULAR, 7)
    return lifecycle.retention_panel(alpha=round(fit["alpha"], 2), beta=round(fit["beta"], 2))


PANELS = {"lifecycle.patterns_panel": _patterns_panel,
          "lifecycle.retention_panel": _retention_panel}
