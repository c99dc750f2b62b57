"""Hypothesis settings of the property suite and its coverage registry.

Profiles (choose with ``HYPOTHESIS_PROFILE=dev``; the default is ``ci``):

* ``ci``: what ``make test`` runs: few examples per property, no deadline (the
  machine is shared, so timing is noise), ``derandomize=True`` so every run draws
  the same examples and a failure is reproducible, no example database written
  into the repository.  The whole suite stays under 90 s on 2 cores.
* ``dev``: ten times the examples, for a deeper look before a release.

:data:`COVERED` maps every public callable of crmlab (``module.name``, as in the
module's ``__all__``) to the property tests that exercise it.
``test_prop_coverage.py`` enumerates the public API and fails when a callable is
missing here, or when a listed test does not exist or does not call it.  A new
chapter adds its functions to :func:`propkit.calls` (bad input) and here.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hypothesis import HealthCheck, Phase, settings

try:
    import resource
except ImportError:  # Windows: no address-space cap
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The machine is shared: a bad input that makes crmlab build a giant frame (issue 11:
# yyyymmdd "months" gave 20 million rows) must fail its test with a MemoryError, not
# push everyone's work out of memory.  The cap holds only while a property test runs
# (the notebook and browser tests of the same session start kernels and Chromium).
_HEADROOM = int(os.environ.get("CRMLAB_PROPERTY_MEMORY_GB", "3")) * 2**30


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


@pytest.fixture(autouse=True)
def _memory_cap():
    try:
        cap = _address_space() + _HEADROOM
    except OSError:  # no /proc (not Linux): no cap
        cap = 0
    if resource is None or not cap:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


_COMMON = dict(deadline=None, derandomize=True, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.filter_too_much])
# ci does not shrink: a failing example is reported as drawn, so a defect costs
# seconds, not the minutes that shrinking a slow call would take.
settings.register_profile("ci", max_examples=12, phases=[Phase.explicit, Phase.generate], **_COMMON)
settings.register_profile("dev", max_examples=120, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CONTRACT = "test_prop_contract.py::test_bad_arguments_are_refused"
VALID = "test_prop_contract.py::test_valid_call_returns_finite_numbers"
FUZZ = "test_prop_contract.py::test_random_numbers_are_refused_clearly_or_give_finite_results"

#: public callable -> the property tests that exercise it.
COVERED: dict[str, tuple[str, ...]] = {}


def _cover(names, *tests):
    for n in names.split():
        COVERED[n] = COVERED.get(n, ()) + tests


# ---- crmlab.value (chapter 1)
_cover("value.clv", CONTRACT, FUZZ, "test_prop_value.py::test_clv_non_decreasing_in_retention",
       "test_prop_value.py::test_clv_non_increasing_in_discount_rate",
       "test_prop_value.py::test_clv_horizon_converges_to_infinite")
_cover("value.margin_multiple", CONTRACT, FUZZ, "test_prop_value.py::test_margin_multiple_is_clv_per_margin")
_cover("value.value_curve", CONTRACT, FUZZ, "test_prop_value.py::test_value_curve_ends_at_finite_clv")
_cover("value.break_even_acquisition_cost", CONTRACT, FUZZ,
       "test_prop_value.py::test_break_even_cost_zeroes_net_clv")
_cover("value.clv_simple", CONTRACT, FUZZ, "test_prop_value.py::test_clv_simple_is_years_times_profit")
_cover("value.customer_equity value.clv_components value.referral_value value.crowd_pulling_value "
       "value.information_value value.retention_vs_acquisition value.retention_uplift "
       "value.simple_clv_table value.annual_equivalent value.margin_multiple_table",
       CONTRACT, VALID)
_cover("value.clv_whatif", CONTRACT, FUZZ, "test_prop_value.py::test_clv_whatif_agrees_with_clv")
_cover("value.value_laws_table value.plot_value_curve value.plot_clv_components value.plot_simple_clv",
       CONTRACT, VALID)
_cover("value.simple_clv_panel value.clv_panel", CONTRACT,
       "test_prop_panels.py::test_panels_survive_random_slider_sequences",
       "test_prop_panels.py::test_panel_start_values_are_checked")

# ---- crmlab.segments and crmlab.accounts (chapter 5)
_cover("segments.gini", CONTRACT, "test_prop_segments.py::test_gini_equals_mean_absolute_difference",
       "test_prop_segments.py::test_gini_is_permutation_and_scale_invariant")
_cover("segments.lorenz_curve", CONTRACT, "test_prop_segments.py::test_lorenz_curve_is_convex_and_below_diagonal")
_cover("segments.abc_classify", CONTRACT, "test_prop_segments.py::test_abc_classes_monotone_shares_sum_to_one")
_cover("segments.pareto_table", CONTRACT, "test_prop_segments.py::test_pareto_table_is_sorted_cumulative",
       "test_prop_segments.py::test_pareto_table_name_never_collides")
_cover("segments.top_share", CONTRACT, "test_prop_segments.py::test_pareto_table_is_sorted_cumulative")
_cover("segments.rfm_table", CONTRACT, "test_prop_segments.py::test_rfm_equals_plain_groupby",
       "test_prop_segments.py::test_rfm_missing_order_id_is_refused_or_kept_with_its_customer",
       "test_prop_dates.py::test_dates_are_parsed_or_refused")
_cover("segments.rfm_score segments.rfm_segment segments.management_tiers segments.value_tiers "
       "segments.sales_by_customer segments.abc_panel_model segments.abc_whatif "
       "segments.plot_pareto segments.plot_lorenz segments.plot_whale", CONTRACT, VALID)
_cover("segments.whale_curve segments.WhaleCurve", CONTRACT, "test_prop_segments.py::test_whale_curve_peak")
_cover("segments.abc_panel accounts.key_account_panel", CONTRACT,
       "test_prop_panels.py::test_panels_survive_random_slider_sequences")
_cover("accounts.key_account_status accounts.key_account_trend",
       CONTRACT, "test_prop_accounts.py::test_key_accounts_equal_rolling_sums_by_hand",
       "test_prop_dates.py::test_dates_are_parsed_or_refused")
_cover("accounts.monthly_sales", CONTRACT, "test_prop_accounts.py::test_monthly_sales_equal_groupby",
       "test_prop_dates.py::test_dates_are_parsed_or_refused")
_cover("accounts.key_account_whatif accounts.key_account_panel_model", CONTRACT,
       "test_prop_accounts.py::test_key_accounts_equal_rolling_sums_by_hand")
_cover("accounts.window_threshold", CONTRACT, FUZZ,
       "test_prop_accounts.py::test_key_accounts_equal_rolling_sums_by_hand")
_cover("accounts.customer_summary accounts.profitability_matrix accounts.profitability_example "
       "accounts.composition_ratios accounts.plot_key_account_trend accounts.plot_profitability_heatmap",
       CONTRACT, VALID)

# ---- crmlab.churn (China Mobile case)
_cover("churn.survival_by_segment", CONTRACT,
       "test_prop_churn.py::test_kaplan_meier_non_increasing_in_unit_interval_censored_at_end",
       "test_prop_churn.py::test_kaplan_meier_equals_product_limit_by_hand")
_cover("churn.monthly_churn churn.cohort_retention", CONTRACT,
       "test_prop_churn.py::test_monthly_churn_rates_are_shares")
_cover("churn.monthly_discount_rate", CONTRACT, FUZZ, "test_prop_churn.py::test_monthly_discount_compounds_to_annual")
_cover("churn.churn_by_cause churn.segment_clv churn.revenue_at_risk churn.complaint_effect "
       "churn.complaint_claims churn.programme_inputs churn.retention_programme "
       "churn.best_cause_to_attack churn.programme_panel_model churn.plot_churn_rate churn.plot_survival "
       "churn.plot_causes churn.plot_programme", CONTRACT, VALID)
_cover("churn.programme_panel", CONTRACT, "test_prop_panels.py::test_panels_survive_random_slider_sequences")

# ---- shared modules
_cover("textbook.compare", "test_prop_textbook.py::test_compare_never_ticks_outside_a_range",
       "test_prop_textbook.py::test_compare_refuses_bad_tolerances",
       "test_prop_textbook.py::test_compare_ticks_only_within_tolerance")
_cover("textbook.Comparison", "test_prop_textbook.py::test_compare_ticks_only_within_tolerance")
_cover("textbook.figures textbook.figure textbook.value", CONTRACT, VALID,
       "test_prop_textbook.py::test_every_figure_id_round_trips")
_cover("datasets.card datasets.load datasets.generate datasets.csv_bytes", CONTRACT, VALID)
_cover("datasets.sha256", CONTRACT, "test_prop_misc.py::test_sha256_refuses_text")
_cover("datasets.names datasets.data_dir", VALID, "test_prop_misc.py::test_loaders_match_cards")
# every named loader: the test finds them in datasets.__all__ (load_<name>)
import crmlab.datasets as _datasets  # noqa: E402
_cover(" ".join(f"datasets.{n}" for n in _datasets.__all__ if n.startswith("load_")),
       "test_prop_misc.py::test_loaders_match_cards")
_cover("datasets.build", "test_prop_misc.py::test_loaders_match_cards")
_cover("validation.check_number", "test_prop_validation.py::test_check_number_refuses_bad_scalars",
       "test_prop_validation.py::test_check_number_keeps_finite_numbers")
_cover("validation.check_int", "test_prop_validation.py::test_check_int_refuses_bad_scalars")
_cover("validation.check_bool", "test_prop_validation.py::test_check_bool_only_true_false")
_cover("validation.check_choice", "test_prop_validation.py::test_check_choice")
_cover("validation.check_array", "test_prop_validation.py::test_check_array")
_cover("validation.check_frame validation.check_unique", "test_prop_validation.py::test_check_frame_and_unique")
_cover("validation.check_column", "test_prop_validation.py::test_check_column")
_cover("validation.check_finite_result", "test_prop_validation.py::test_check_finite_result")
_cover("validation.fail validation.described validation.CRMLabError validation.InputError "
       "validation.InputTypeError", "test_prop_validation.py::test_fail_message_has_both_languages")
_cover("widgets.Slider widgets.Choice widgets.Result",
       "test_prop_widgets.py::test_widget_definitions_refuse_bad_values")
_cover("widgets.WhatIfPanel widgets.live_panels",
       "test_prop_panels.py::test_panels_survive_random_slider_sequences")
_cover("widgets.drive_live_panels", "test_prop_panels.py::test_drive_live_panels_reports_no_problem")
_cover("widgets.split_message", VALID, "test_prop_widgets.py::test_split_message_round_trips")
_cover("plotting.font_path plotting.new_figure plotting.figure_and_axes plotting.style plotting.setup",
       CONTRACT, VALID)
_cover("simulate.cafe.generate simulate.mobile.generate simulate.beverage.generate_products "
       "simulate.beverage.generate_customers simulate.beverage.generate_orders", CONTRACT, VALID)
_cover("setup", "test_prop_misc.py::test_setup_is_idempotent")

# ---- added while the topics became packages (issues 10 and 11)
_cover("value.complaint_iceberg value.retention_uplift_grid value.plot_uplift_gains "
       "value.simple_clv_panel_model value.clv_panel_model value.simple_vs_model_text "
       "value.lifetime_equivalents_table value.clv_conventions_table value.clv_components_table "
       "value.amounts_table value.percent_labels value.word_of_mouth_table "
       "segments.sales_growth segments.tier_summary segments.value_tier_summary segments.segment_mix "
       "accounts.key_account_scorecard accounts.manager_scorecard accounts.remedy_whatif "
       "accounts.remedy_table churn.survival_sample churn.keep_or_replace churn.winback_inputs "
       "churn.winback_campaign churn.winback_by_segment churn.all_programme_inputs churn.programme_in_segment "
       "churn.segment_profile churn.cause_structure churn.loss_by_cause churn.ranking_table "
       "churn.claims_table churn.items_table display.glossary display.topics display.entry "
       "display.label display.title display.fmt display.number display.relabel display.table "
       "display.english_headers", CONTRACT, VALID)
_cover("display.table", "test_prop_misc.py::test_display_table_refuses_bad_formats")
_cover("accounts.composition_ratios", "test_prop_misc.py::test_composition_ratios_refuses_a_duplicated_product")
_cover("textbook.quote textbook.calibrated textbook.TextbookNumber",
       "test_prop_textbook.py::test_every_figure_id_round_trips")

# ---- value, segments additions (start page, complaint iceberg, customer lists)
_cover("value.complaint_readings value.horizon_options", CONTRACT, FUZZ)
_cover("value.complaint_readings_table value.card_title value.card_table value.chapter_map "
       "segments.customer_lists segments.customer_list_table segments.customer_list_summary", CONTRACT, VALID)
_cover("segments.customer_lists", "test_prop_segments.py::test_customer_lists_follow_segment_and_profit")

# ---- crmlab.states (chapter 2)
_S = "test_prop_states.py::"
_cover("states.check_transition_matrix", VALID, _S + "test_bad_matrix_entries_are_refused_in_both_languages")
_cover("states.project", CONTRACT, FUZZ, _S + "test_projection_conserves_the_total")
_cover("states.state_values", CONTRACT, FUZZ,
       _S + "test_state_values_rise_with_rewards_and_fall_with_the_discount_rate")
_cover("states.absorption states.make_absorbing", CONTRACT, _S + "test_absorption_probabilities_sum_to_one")
_cover("states.stationary", CONTRACT, _S + "test_stationary_is_a_fixed_point")
_cover("states.transition_matrix states.transition_counts", CONTRACT,
       _S + "test_estimated_matrices_are_row_stochastic_on_random_panels")
_cover("states.transition_matrix", _S + "test_estimated_matrices_are_row_stochastic")
_cover("states.contacts_per_sale states.selling_effort states.selling_table states.selling_panel_model "
       "states.plot_contacts_per_sale", CONTRACT, _S + "test_contacts_and_cost_per_sale_are_reciprocals")
_cover("states.selling_effort states.selling_panel_model", FUZZ)
_cover("states.flow_matrix states.flow_whatif states.flow_panel_model states.plot_state_mix "
       "states.plot_state_diagram", CONTRACT, _S + "test_flow_models_are_finite_and_consistent")
_cover("states.flow_matrix states.flow_whatif states.flow_panel_model", FUZZ)
_cover("states.qualify_leads states.lead_temperature states.leads_table", CONTRACT,
       _S + "test_only_man_qualified_leads_get_a_temperature")
_cover("states.state_counts states.transition_counts states.value_by_final_state states.margin_by_state "
       "states.purchase_rates states.recovery_table states.absorption_table", CONTRACT,
       _S + "test_panel_summaries_add_up")
_cover("states.flow_panel states.selling_panel", CONTRACT,
       "test_prop_panels.py::test_panels_survive_random_slider_sequences")
_cover("simulate.prospects.generate", CONTRACT, VALID, _S + "test_estimated_matrices_are_row_stochastic",
       _S + "test_panel_summaries_add_up")

# ---- crmlab.delivered (chapter 4)
_D = "test_prop_delivered.py::"
_cover("delivered.delivered_value delivered.cdv_by_segment", CONTRACT, _D + "test_cdv_is_value_minus_cost")
_cover("delivered.logit_shares", CONTRACT, FUZZ, _D + "test_logit_shares_sum_to_one_in_unit_interval",
       _D + "test_logit_tends_to_the_highest_cdv_rule")
_cover("delivered.choice_shares delivered.chosen_offer", CONTRACT, _D + "test_logit_tends_to_the_highest_cdv_rule")
_cover("delivered.choice_shares delivered.shares_by_noise", FUZZ)
_cover("delivered.cheapest_lever delivered.lever_table", CONTRACT, FUZZ,
       _D + "test_cheapest_lever_overtakes_and_nothing_single_is_cheaper")
_cover("delivered.offer_profiles delivered.segment_weights", CONTRACT,
       _D + "test_survey_profiles_and_weights_are_finite")
_cover("simulate.fridge_survey.generate", CONTRACT, VALID, _D + "test_survey_profiles_and_weights_are_finite")
_cover("delivered.best_by delivered.rank_forms delivered.rank_view", CONTRACT, _D + "test_best_by_picks_the_maximum")
_cover("delivered.price_or_value delivered.price_or_value_view delivered.price_or_value_panel_model", CONTRACT,
       _D + "test_price_or_value_shares_are_shares")
_cover("delivered.price_or_value delivered.price_or_value_panel_model", FUZZ)
_cover("delivered.our_offer_whatif delivered.our_offer_panel_model", CONTRACT, FUZZ,
       _D + "test_our_offer_whatif_equals_the_changed_offer")
_cover("delivered.shares_by_noise delivered.lever_view delivered.plot_value_cost delivered.plot_choice_shares "
       "delivered.plot_price_or_value delivered.plot_lever_costs delivered.plot_shares_by_noise", CONTRACT, VALID)
_cover("delivered.our_offer_panel delivered.price_or_value_panel", CONTRACT,
       "test_prop_panels.py::test_panels_survive_random_slider_sequences")
_cover("delivered.budget_returns delivered.price_and_value", CONTRACT, FUZZ)
_cover("delivered.budget_returns_view delivered.price_and_value_view", CONTRACT, VALID)

# ---- chapters with their own registry file (tests/property/calls_<topic>.py)
from propkit import topic_modules  # noqa: E402

for _m in topic_modules():
    for _name, _tests in _m.COVER.items():
        COVERED[_name] = COVERED.get(_name, ()) + tuple(_tests)
