"""Property registry of Chapter 1 (crmlab.value): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

from pathlib import Path

from propkit import CONTRACT, FUZZ, VALID, Arg, Call, cover

_V = "test_prop_value.py::"


def _laws_figures():
    from crmlab import textbook
    return textbook.figures(1).set_index("id")


def CALLS():
    from crmlab import value
    N = lambda v: Arg("num", v)  # noqa: E731
    return [
        Call("value.clv_simple", lambda: dict(annual_profit=N(100.0), years=N(10.0),
                                              acquisition_cost=N(80.0))),
        Call("value.margin_multiple", lambda: dict(retention=N(0.8), discount_rate=N(0.1), growth=N(0.0))),
        Call("value.clv", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                       horizon=Arg("int?", None), growth=N(0.0),
                                       timing=Arg("choice", "end"), acquisition_cost=N(0.0))),
        Call("value.value_curve", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                               years=Arg("int", 10), growth=N(0.0),
                                               timing=Arg("choice", "end"), acquisition_cost=N(0.0))),
        Call("value.break_even_acquisition_cost", lambda: dict(
            margin=N(100.0), retention=N(0.8), discount_rate=N(0.1), horizon=Arg("int?", None),
            growth=N(0.0), timing=Arg("choice", "end"))),
        Call("value.customer_equity", lambda: dict(clv=N(266.0), customers=Arg("num?", 1000.0),
                                                   acquisitions=Arg("fixed", None),
                                                   discount_rate=N(0.1), acquisition_cost=N(0.0))),
        Call("value.clv_components", lambda: dict(transaction=N(100.0), referral=N(20.0),
                                                  growth=N(10.0), knowledge=N(5.0))),
        Call("value.referral_value", lambda: dict(referrals_per_year=N(2.0), conversion_rate=N(0.1),
                                                  clv_of_referred=N(1000.0), years=Arg("int?", 3),
                                                  discount_rate=N(0.1))),
        Call("value.crowd_pulling_value", lambda: dict(customers=N(100.0), new_per_customer=N(0.05),
                                                       clv_of_new=N(1000.0), years=Arg("int", 5),
                                                       discount_rate=N(0.1),
                                                       compounding=Arg("bool", False))),
        Call("value.information_value", lambda: dict(failure_probability=N(0.3), failure_loss=N(1e6),
                                                     detection_rate=N(0.5), informants=N(100.0),
                                                     cost=N(10.0))),
        Call("value.retention_vs_acquisition", lambda: dict(customers=N(1000.0), retention=N(0.8),
                                                            acquisition_cost=N(100.0), cost_ratio=N(5.0),
                                                            value_ratio=N(1.0))),
        Call("value.retention_uplift", lambda: dict(customers=N(1000.0), retention=N(0.8), uplift=N(0.05),
                                                    margin=N(100.0), discount_rate=N(0.1),
                                                    years=Arg("int", 10), new_customers=N(0.0))),
        Call("value.clv_whatif", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                              growth=N(0.0), acquisition_cost=N(80.0),
                                              horizon=Arg("int", 0), timing=Arg("choice", "end"))),
        Call("value.simple_clv_table", lambda: dict(annual_profit=N(100.0), years=Arg("int", 10),
                                                    acquisition_cost=N(80.0))),
        Call("value.annual_equivalent", lambda: dict(total=N(1000.0), years=Arg("int", 5),
                                                     discount_rate=N(0.1))),
        Call("value.margin_multiple_table", lambda: dict(retentions=Arg("array", (0.6, 0.7, 0.8, 0.9)),
                                                         discount_rates=Arg("array", (0.1, 0.12)),
                                                         growth=N(0.0))),
        Call("value.value_laws_table", lambda: dict(figures=Arg("object", _laws_figures()))),
        Call("value.plot_value_curve", lambda: dict(curve=Arg("object", value.value_curve(100, 0.8, 0.1, 10)),
                                                    ax=Arg("fixed", None),
                                                    infinite_clv=Arg("num?", None))),
        Call("value.plot_clv_components", lambda: dict(
            components=Arg("object", value.clv_components(100, 20, 10, 5)), ax=Arg("fixed", None))),
        Call("value.plot_simple_clv", lambda: dict(table=Arg("object", value.simple_clv_table(100, 10, 80)["table"]),
                                                   ax=Arg("fixed", None))),
        Call("value.simple_clv_panel", lambda: dict(annual_profit=N(100.0), years=Arg("int", 10),
                                                    acquisition_cost=N(80.0))),
        Call("value.clv_panel", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                             growth=N(0.0), acquisition_cost=N(80.0),
                                             horizon=Arg("int", 0))),
        Call("value.complaint_iceberg", lambda: dict(complaints=N(10.0), never_complain_share=N(0.96),
                                                     people_told=N(22.0), conversion_rate=N(0.05),
                                                     clv_of_lost=N(266.67))),
        Call("value.retention_uplift_grid", lambda: dict(customers=N(1000.0), retentions=Arg("array", [0.8, 0.9]),
                                                         horizons=Arg("array", [3, 10]), uplift=N(0.05),
                                                         margin=N(100.0), discount_rate=N(0.1),
                                                         new_customers=N(0.0))),
        Call("value.plot_uplift_gains", lambda: dict(
            gains=Arg("object", value.retention_uplift_grid(1000, [0.6, 0.9], [3, 10])),
            claim=Arg("num?", 0.25), ax=Arg("fixed", None))),
        Call("value.simple_clv_panel_model", lambda: dict(annual_profit=N(100.0), years=Arg("int", 10),
                                                          acquisition_cost=N(80.0))),
        Call("value.clv_panel_model", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                                   growth=N(0.0), acquisition_cost=N(80.0),
                                                   horizon=Arg("int", 0), timing=Arg("choice", "end"))),
        Call("value.simple_vs_model_text", lambda: dict(gap=N(733.3))),
        Call("value.lifetime_equivalents_table", lambda: dict(totals=Arg("fixed", {"可口可乐": (11000, 50)}),
                                                              discount_rate=N(0.1))),
        Call("value.clv_conventions_table", lambda: dict(margin=N(100.0), retention=N(0.8), discount_rate=N(0.1),
                                                         horizon=Arg("int?", None), growth=N(0.0))),
        Call("value.clv_components_table", lambda: dict(
            parts=Arg("object", value.clv_components(600, 150, 200, 50)))),
        Call("value.amounts_table", lambda: dict(amounts=Arg("fixed", {"lost_customers": 200.0}))),
        Call("value.percent_labels", lambda: dict(frame=Arg("object", value.margin_multiple_table()))),
        Call("value.word_of_mouth_table", lambda: dict(rows=Arg("fixed", {"好口碑": {
            "people_told_per_experience": 8, "customers_changed": 0.4, "value_per_experience": 106.7,
            "value_while_retained": 284.4}}))),
        Call("value.complaint_readings", lambda: dict(
            complaints=N(10.0), never_complain_shares=Arg("fixed", {"silent_001": 0.96, "complain_000": 0.33}),
            people_told=N(22.0), conversion_rate=N(0.05), clv_of_lost=N(266.67), keep_cost=Arg("num?", 16.0))),
        Call("value.complaint_readings_table", lambda: dict(
            readings=Arg("object", value.complaint_readings(10, {"silent_001": 0.96}, 22, 0.05, 266.67)),
            currency=Arg("choice", "元"))),
        Call("value.horizon_options", lambda: dict(horizon=Arg("int", 0))),
        Call("value.card_title", lambda: dict(card=Arg("object", {"title": "校园咖啡馆的客户 (café)",
                                                                  "simulated": True}))),
        Call("value.card_table", lambda: dict(card=Arg("object", {"title": "t", "simulated": True, "columns": [
            {"name": "spend_per_visit", "unit": "CNY", "description": "每次平均消费 spend"}]}))),
        Call("value.chapter_map", lambda: dict(
            folder=Arg("fixed", str(Path(__file__).resolve().parents[2] / "notebooks")), planned=Arg("fixed", None))),
    ]


COVER = cover(
    ("value.clv", CONTRACT, FUZZ, _V + "test_clv_non_decreasing_in_retention",
     _V + "test_clv_non_increasing_in_discount_rate", _V + "test_clv_horizon_converges_to_infinite"),
    ("value.margin_multiple", CONTRACT, FUZZ, _V + "test_margin_multiple_is_clv_per_margin"),
    ("value.value_curve", CONTRACT, FUZZ, _V + "test_value_curve_ends_at_finite_clv"),
    ("value.break_even_acquisition_cost", CONTRACT, FUZZ, _V + "test_break_even_cost_zeroes_net_clv"),
    ("value.clv_simple", CONTRACT, FUZZ, _V + "test_clv_simple_is_years_times_profit"),
    ("value.customer_equity value.clv_components value.referral_value value.crowd_pulling_value "
     "value.information_value value.retention_vs_acquisition value.retention_uplift "
     "value.simple_clv_table value.annual_equivalent value.margin_multiple_table", CONTRACT, VALID),
    ("value.clv_whatif", CONTRACT, FUZZ, _V + "test_clv_whatif_agrees_with_clv"),
    ("value.value_laws_table value.plot_value_curve value.plot_clv_components value.plot_simple_clv",
     CONTRACT, VALID),
    ("value.simple_clv_panel value.clv_panel", CONTRACT,
     "test_prop_panels.py::test_panels_survive_random_slider_sequences",
     "test_prop_panels.py::test_panel_start_values_are_checked"),
    ("value.complaint_iceberg value.retention_uplift_grid value.plot_uplift_gains "
     "value.simple_clv_panel_model value.clv_panel_model value.simple_vs_model_text "
     "value.lifetime_equivalents_table value.clv_conventions_table value.clv_components_table "
     "value.amounts_table value.percent_labels value.word_of_mouth_table", CONTRACT, VALID),
    ("value.complaint_readings value.horizon_options", CONTRACT, FUZZ),
    ("value.complaint_readings_table value.card_title value.card_table value.chapter_map", CONTRACT, VALID),
)


def _simple_clv_panel():
    from crmlab import value
    return value.simple_clv_panel(annual_profit=100, years=10, acquisition_cost=80)


def _clv_panel():
    from crmlab import value
    return value.clv_panel(margin=100, retention=0.8, discount_rate=0.10, growth=0.0,
                           acquisition_cost=80, horizon=0)


PANELS = {"value.simple_clv_panel": _simple_clv_panel, "value.clv_panel": _clv_panel}
