"""Tests of crmlab.value (customer value and CLV, Chapter 1)."""
import itertools
import math
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import value as V
from crmlab.validation import CRMLabError, InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")


# ---------------------------------------------------------------------------
# simple formula [000]
# ---------------------------------------------------------------------------
def test_clv_simple_reproduces_the_seed_example():
    assert V.clv_simple(100, 10, 80) == 920
    assert V.clv_simple(100, 10) == 1000
    assert V.clv_simple(-20, 3, 10) == -70


@pytest.mark.parametrize("kwargs, name", [
    ({"annual_profit": math.inf, "years": 10}, "annual_profit"),
    ({"annual_profit": 100, "years": -1}, "years"),
    ({"annual_profit": 100, "years": 10, "acquisition_cost": -5}, "acquisition_cost"),
])
def test_clv_simple_refuses_bad_input(kwargs, name):
    with pytest.raises(InputError, match=name) as err:
        V.clv_simple(**kwargs)
    assert_bilingual(err, name)


def test_clv_simple_refuses_text():
    with pytest.raises(InputTypeError, match="annual_profit"):
        V.clv_simple("100", 10)


# ---------------------------------------------------------------------------
# margin multiple (Gupta & Lehmann)
# ---------------------------------------------------------------------------
GUPTA_LEHMANN_TABLE = {
    0.6: [1.20, 1.15, 1.11, 1.07],
    0.7: [1.75, 1.67, 1.59, 1.52],
    0.8: [2.67, 2.50, 2.35, 2.22],
    0.9: [4.50, 4.09, 3.75, 3.46],
}
RATES = [0.10, 0.12, 0.14, 0.16]


@pytest.mark.parametrize("r", sorted(GUPTA_LEHMANN_TABLE))
def test_margin_multiple_matches_gupta_lehmann_table(r):
    got = [round(V.margin_multiple(r, i), 2) for i in RATES]
    assert got == GUPTA_LEHMANN_TABLE[r]


def test_margin_multiple_with_growth_formula():
    r, i, g = 0.8, 0.10, 0.05
    assert V.margin_multiple(r, i, g) == pytest.approx(r / (1 + i - r * (1 + g)))
    assert V.margin_multiple(r, i, g) > V.margin_multiple(r, i)
    assert V.margin_multiple(r, i, -0.05) < V.margin_multiple(r, i)


def test_margin_multiple_divergence_is_explained():
    with pytest.raises(InputError, match="retention") as err:
        V.margin_multiple(0.9, 0.10, growth=0.25)
    msg = str(err.value)
    assert "diverges" in msg and "infinite" in msg
    assert "发散" in msg and "无穷大" in msg
    # exactly at the boundary r(1+g) = 1+i
    with pytest.raises(InputError, match="growth"):
        V.margin_multiple(0.5, 0.0, growth=1.0)


@pytest.mark.parametrize("kwargs, name", [
    ({"retention": 1.01, "discount_rate": 0.1}, "retention"),
    ({"retention": -0.1, "discount_rate": 0.1}, "retention"),
    ({"retention": 0.8, "discount_rate": -0.01}, "discount_rate"),
    ({"retention": 0.8, "discount_rate": 0.1, "growth": -1.0}, "growth"),
    ({"retention": 0.8, "discount_rate": math.nan}, "discount_rate"),
])
def test_margin_multiple_refuses_bad_input(kwargs, name):
    with pytest.raises(InputError, match=name) as err:
        V.margin_multiple(**kwargs)
    assert_bilingual(err, name)


def test_margin_multiple_at_retention_one_is_a_perpetuity_or_refused():
    # a customer who never leaves: multiple 1 / (i - g), the perpetuity
    assert V.margin_multiple(1.0, 0.10) == pytest.approx(10.0)
    assert V.margin_multiple(1.0, 0.10, growth=0.05) == pytest.approx(1 / 0.05)
    with pytest.raises(InputError, match="retention = 1") as err:
        V.margin_multiple(1.0, 0.10, growth=0.10)
    msg = str(err.value)
    assert "diverges" in msg and "finite horizon" in msg and "simple formula" in msg
    assert "永不流失" in msg and "无穷大" in msg and "简单公式" in msg


# ---------------------------------------------------------------------------
# clv
# ---------------------------------------------------------------------------
def test_clv_retention_one_finite_horizon_is_the_simple_formula():
    # end timing: sum_{t=1..10} 100 * 1**t / 1**t - 80 = 920, the seed example [000]
    assert V.clv(100, 1.0, 0.0, horizon=10, acquisition_cost=80) == pytest.approx(920)
    assert V.clv(100, 1.0, 0.0, horizon=10, timing="start") == pytest.approx(1000)
    assert V.break_even_acquisition_cost(100, 1.0, 0.0, horizon=10) == pytest.approx(1000)
    # with discounting: an annuity
    annuity = sum(1.1 ** -t for t in range(1, 11))
    assert V.clv(100, 1.0, 0.1, horizon=10) == pytest.approx(100 * annuity)
    # with growth: sum of 100 (1.05)^(t-1) over 10 years
    assert V.clv(100, 1.0, 0.0, horizon=10, growth=0.05) == pytest.approx(
        sum(100 * 1.05 ** (t - 1) for t in range(1, 11)))


def test_clv_retention_one_infinite_horizon():
    # converges to the perpetuity m / (d - g) when growth < discount rate
    assert V.clv(100, 1.0, 0.1) == pytest.approx(1000)
    assert V.clv(100, 1.0, 0.1, growth=0.02) == pytest.approx(100 / 0.08)
    assert V.clv(100, 1.0, 0.1, timing="start") == pytest.approx(100 * 1.1 / 0.1)
    # and is refused, with the plain explanation, when it would be infinite
    for d, g in [(0.0, 0.0), (0.1, 0.1), (0.05, 0.2)]:
        with pytest.raises(InputError, match="retention = 1") as err:
            V.clv(100, 1.0, d, growth=g)
        msg = str(err.value)
        assert "infinite" in msg and "finite horizon" in msg
        assert "无穷大" in msg and "有限期数" in msg


@pytest.mark.parametrize("retention", [1.000001, 2.0, -0.01])
def test_clv_refuses_retention_outside_zero_one(retention):
    with pytest.raises(InputError, match="retention") as err:
        V.clv(100, retention, 0.1, horizon=5)
    assert_bilingual(err, "retention")


def test_clv_reference_values():
    assert V.clv(100, 0.8, 0.1) == pytest.approx(266.6667, abs=1e-4)
    assert round(V.clv(100, 0.8, 0.1), 2) == 266.67
    assert round(V.clv(100, 0.8, 0.1, timing="start"), 2) == 366.67
    assert round(V.clv(100, 0.8, 0.1, horizon=5), 2) == 212.41


def test_clv_finite_sum_by_hand_end_timing():
    m, r, d = 100, 0.8, 0.1
    by_hand = (m * 0.8 / 1.1 + m * 0.64 / 1.21 + m * 0.512 / 1.331
               + m * 0.4096 / 1.4641 + m * 0.32768 / 1.61051)
    assert V.clv(m, r, d, horizon=5) == pytest.approx(by_hand, rel=1e-12)
    assert by_hand == pytest.approx(212.41, abs=0.005)


def test_clv_finite_sum_by_hand_start_timing_with_growth():
    m, r, d, g = 50, 0.7, 0.12, 0.04
    by_hand = sum(m * (1 + g) ** t * r ** t / (1 + d) ** t for t in range(4))
    assert V.clv(m, r, d, horizon=4, growth=g, timing="start") == pytest.approx(by_hand)
    by_hand_end = sum(m * (1 + g) ** (t - 1) * r ** t / (1 + d) ** t for t in range(1, 5))
    assert V.clv(m, r, d, horizon=4, growth=g) == pytest.approx(by_hand_end)


def test_clv_third_textbook_form_is_start_divided_by_one_plus_d():
    m, r, d = 100, 0.8, 0.1
    assert V.clv(m, r, d, timing="start") / (1 + d) == pytest.approx(m / (1 + d - r))


def test_clv_end_equals_margin_times_multiple():
    for r, d, g in [(0.6, 0.1, 0), (0.9, 0.16, 0.03), (0.75, 0.0, -0.2)]:
        assert V.clv(120, r, d, growth=g) == pytest.approx(120 * V.margin_multiple(r, d, g))


@pytest.mark.parametrize("timing", ["end", "start"])
@pytest.mark.parametrize("r, d, g", [(0.8, 0.1, 0.0), (0.9, 0.05, 0.03), (0.5, 0.0, 0.5)])
def test_finite_horizon_converges_to_infinite(timing, r, d, g):
    infinite = V.clv(100, r, d, growth=g, timing=timing)
    values = [V.clv(100, r, d, horizon=T, growth=g, timing=timing) for T in (1, 5, 20, 100, 1000)]
    assert all(a < b for a, b in zip(values, values[1:]))
    assert values[-1] == pytest.approx(infinite, rel=1e-9)
    assert all(v < infinite for v in values[:3])


def test_clv_subtracts_acquisition_cost_once():
    gross = V.clv(100, 0.8, 0.1)
    assert V.clv(100, 0.8, 0.1, acquisition_cost=80) == pytest.approx(gross - 80)
    assert V.clv(100, 0.8, 0.1, horizon=3, acquisition_cost=80) == pytest.approx(
        V.clv(100, 0.8, 0.1, horizon=3) - 80)


def test_clv_increases_with_retention_and_decreases_with_discount_rate():
    retentions = np.linspace(0, 0.95, 20)
    by_r = [V.clv(100, r, 0.1) for r in retentions]
    assert all(a < b for a, b in zip(by_r, by_r[1:]))
    by_r_finite = [V.clv(100, r, 0.1, horizon=7, timing="start") for r in retentions]
    assert all(a < b for a, b in zip(by_r_finite, by_r_finite[1:]))
    rates = np.linspace(0, 0.5, 20)
    by_d = [V.clv(100, 0.8, d) for d in rates]
    assert all(a > b for a, b in zip(by_d, by_d[1:]))


def test_clv_edge_values():
    assert V.clv(100, 0.0, 0.1) == 0.0           # leaves before the first margin
    assert V.clv(100, 0.0, 0.1, timing="start") == 100.0
    assert V.clv(0, 0.8, 0.1) == 0.0
    assert V.clv(-100, 0.8, 0.1) == pytest.approx(-V.clv(100, 0.8, 0.1))
    assert V.clv(100, 0.8, 0.0, horizon=1) == pytest.approx(80.0)


def test_simple_formula_overstates_retention_and_discount_aware_clv():
    assert V.clv(100, 0.9, 0.1, horizon=10, acquisition_cost=80) < V.clv_simple(100, 10, 80)


@pytest.mark.parametrize("kwargs, name", [
    ({"margin": math.inf}, "margin"),
    ({"retention": 1, "discount_rate": 0.0}, "retention"),
    ({"retention": 1.2}, "retention"),
    ({"discount_rate": -0.1}, "discount_rate"),
    ({"horizon": 0}, "horizon"),
    ({"horizon": 2.5}, "horizon"),
    ({"horizon": V.MAX_PERIODS + 1}, "horizon"),
    ({"growth": -1.5}, "growth"),
    ({"timing": "middle"}, "timing"),
    ({"acquisition_cost": -1}, "acquisition_cost"),
])
def test_clv_refuses_bad_input(kwargs, name):
    args = {"margin": 100, "retention": 0.8, "discount_rate": 0.1} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.clv(**args)
    assert_bilingual(err, name)


def test_clv_infinite_divergence_but_finite_horizon_is_fine():
    with pytest.raises(InputError, match="retention"):
        V.clv(100, 0.95, 0.0, growth=0.1)
    assert math.isfinite(V.clv(100, 0.95, 0.0, growth=0.1, horizon=30))


# ---------------------------------------------------------------------------
# break-even acquisition cost
# ---------------------------------------------------------------------------
def test_break_even_acquisition_cost_makes_clv_zero():
    for kwargs in [{}, {"horizon": 5}, {"timing": "start", "growth": 0.02}]:
        be = V.break_even_acquisition_cost(100, 0.8, 0.1, **kwargs)
        assert be == pytest.approx(V.clv(100, 0.8, 0.1, **kwargs))
        assert V.clv(100, 0.8, 0.1, acquisition_cost=be, **kwargs) == pytest.approx(0, abs=1e-9)
    assert round(V.break_even_acquisition_cost(100, 0.8, 0.1, horizon=5), 2) == 212.41


def test_break_even_refuses_bad_input():
    with pytest.raises(InputError, match="retention") as err:
        V.break_even_acquisition_cost(100, 1.0, 0.0)
    assert_bilingual(err, "retention")
    # a customer who never leaves, valued for ten years, is worth ten margins
    assert V.break_even_acquisition_cost(100, 1.0, 0.0, horizon=10) == pytest.approx(1000)


# ---------------------------------------------------------------------------
# value curve
# ---------------------------------------------------------------------------
def test_value_curve_columns_and_values_end_timing():
    curve = V.value_curve(100, 0.8, 0.1, years=10, acquisition_cost=80)
    assert list(curve.columns) == ["year", "survival", "expected_margin", "discounted_margin",
                                   "cumulative_value", "simple_cumulative"]
    assert curve["year"].tolist() == list(range(1, 11))
    assert curve["survival"].to_numpy() == pytest.approx(0.8 ** np.arange(1, 11))
    assert curve["expected_margin"].iloc[0] == pytest.approx(80)
    assert curve["expected_margin"].iloc[1] == pytest.approx(64)
    assert curve["discounted_margin"].iloc[1] == pytest.approx(64 / 1.21)
    assert curve["cumulative_value"].iloc[4] == pytest.approx(212.41 - 80, abs=0.005)
    assert curve["simple_cumulative"].iloc[-1] == 920
    for T in (1, 5, 10):
        assert curve["cumulative_value"].iloc[T - 1] == pytest.approx(
            V.clv(100, 0.8, 0.1, horizon=T, acquisition_cost=80))


def test_value_curve_start_timing_and_growth():
    curve = V.value_curve(100, 0.8, 0.1, years=3, growth=0.1, timing="start")
    assert curve["survival"].tolist() == pytest.approx([1, 0.8, 0.64])
    assert curve["expected_margin"].tolist() == pytest.approx([100, 88, 77.44])
    assert curve["discounted_margin"].tolist() == pytest.approx([100, 80, 64])
    assert curve["cumulative_value"].iloc[-1] == pytest.approx(
        V.clv(100, 0.8, 0.1, horizon=3, growth=0.1, timing="start"))


def test_value_curve_grows_with_relationship_length_and_levels_off():
    curve = V.value_curve(100, 0.85, 0.1, years=200)
    assert curve["cumulative_value"].is_monotonic_increasing
    assert curve["cumulative_value"].iloc[-1] == pytest.approx(V.clv(100, 0.85, 0.1))
    gap = curve["simple_cumulative"] - curve["cumulative_value"]
    assert (gap > 0).all() and gap.is_monotonic_increasing


def test_value_curve_at_retention_one():
    curve = V.value_curve(100, 1.0, 0.0, years=10, acquisition_cost=80)
    assert curve["survival"].tolist() == [1.0] * 10
    assert curve["cumulative_value"].tolist() == pytest.approx(curve["simple_cumulative"].tolist())
    assert curve["cumulative_value"].iloc[-1] == pytest.approx(920)
    discounted = V.value_curve(100, 1.0, 0.1, years=10)
    assert discounted["cumulative_value"].iloc[-1] == pytest.approx(V.clv(100, 1.0, 0.1, horizon=10))


@pytest.mark.parametrize("kwargs, name", [
    ({"years": 0}, "years"),
    ({"years": 3.5}, "years"),
    ({"retention": 1.5}, "retention"),
    ({"timing": "END"}, "timing"),
])
def test_value_curve_refuses_bad_input(kwargs, name):
    args = {"margin": 100, "retention": 0.8, "discount_rate": 0.1, "years": 10} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.value_curve(**args)
    assert_bilingual(err, name)


# ---------------------------------------------------------------------------
# customer asset model [004]
# ---------------------------------------------------------------------------
def test_customer_equity_is_base_times_clv():
    assert V.customer_equity(266.67, customers=1000) == pytest.approx(266670)
    assert V.customer_equity(-5, customers=10) == -50


def test_customer_equity_by_cohort_with_discounting():
    table = V.customer_equity(100, customers=10, acquisitions=[5, 5], discount_rate=0.1)
    assert list(table.index) == [0, 1, 2, "total"]
    assert list(table.columns) == ["customers", "value", "present_value"]
    assert table.loc[1, "present_value"] == pytest.approx(500 / 1.1)
    assert table.loc[2, "present_value"] == pytest.approx(500 / 1.21)
    assert table.loc["total", "present_value"] == pytest.approx(1000 + 500 / 1.1 + 500 / 1.21)
    assert table.loc["total", "customers"] == 20
    assert table.loc["total", "value"] == 2000


def test_customer_equity_existing_customers_at_gross_clv_new_cohorts_pay_acquisition():
    gross = V.clv(100, 0.8, 0.1)
    # existing customers are already won: gross CLV, whatever the acquisition cost
    assert V.customer_equity(gross, customers=1000) == pytest.approx(266666.67, abs=0.01)
    assert V.customer_equity(gross, customers=1000, acquisition_cost=80) == pytest.approx(
        1000 * gross)
    table = V.customer_equity(gross, customers=1000, acquisitions=[200, 200], discount_rate=0.1,
                              acquisition_cost=80)
    assert table.loc[0, "value"] == pytest.approx(1000 * gross)
    net = V.clv(100, 0.8, 0.1, acquisition_cost=80)
    assert table.loc[1, "value"] == pytest.approx(200 * net)
    assert table.loc[2, "present_value"] == pytest.approx(200 * net / 1.21)
    assert table.loc["total", "present_value"] == pytest.approx(
        1000 * gross + 200 * net / 1.1 + 200 * net / 1.21)
    with pytest.raises(InputError, match="acquisition_cost") as err:
        V.customer_equity(gross, customers=1, acquisitions=[1], acquisition_cost=-1)
    assert_bilingual(err, "acquisition_cost")


def test_customer_equity_series_uses_its_periods_and_sorts_them():
    acq = pd.Series([30.0, 10.0], index=[4, 2])
    table = V.customer_equity(50, acquisitions=acq, discount_rate=0.05)
    assert list(table.index) == [2, 4, "total"]
    assert table.loc[4, "present_value"] == pytest.approx(30 * 50 / 1.05 ** 4)
    assert table.loc["total", "present_value"] == pytest.approx(
        10 * 50 / 1.05 ** 2 + 30 * 50 / 1.05 ** 4)


def test_customer_equity_without_discounting_is_plain_sum():
    table = V.customer_equity(10, acquisitions=[1, 2, 3])
    assert table.loc["total", "present_value"] == 60


@pytest.mark.parametrize("kwargs, name, kind", [
    ({"clv": 100}, "customers", InputError),
    ({"clv": 100, "customers": -1}, "customers", InputError),
    ({"clv": math.nan, "customers": 1}, "clv", InputError),
    ({"clv": 100, "acquisitions": [1, -2]}, "acquisitions", InputError),
    ({"clv": 100, "acquisitions": []}, "acquisitions", InputError),
    ({"clv": 100, "acquisitions": pd.Series([1, 2], index=[0, 1])}, "acquisitions", InputError),
    ({"clv": 100, "acquisitions": pd.Series([1, 2], index=[1, 1])}, "acquisitions", InputError),
    ({"clv": 100, "acquisitions": pd.Series([1, 2], index=[1.5, 2])}, "acquisitions",
     InputError),
    ({"clv": 100, "acquisitions": pd.Series([1], index=["a"])}, "acquisitions", InputTypeError),
    ({"clv": 100, "customers": 1, "discount_rate": -0.2}, "discount_rate", InputError),
])
def test_customer_equity_refuses_bad_input(kwargs, name, kind):
    with pytest.raises(kind, match=name) as err:
        V.customer_equity(**kwargs)
    assert_bilingual(err, name)


def test_value_laws_table_numbers_the_laws_and_explains_losses_in_chinese():
    from crmlab import textbook
    laws = V.value_laws_table(textbook.figures(1))
    assert list(laws.columns) == ["law", "display", "seed", "description", "remark_zh"]
    assert list(laws.index) == list(V.VALUE_LAWS)
    assert laws.loc["ch1_satisfied_referral_deals", "law"] == "1"
    assert laws.loc["ch1_hundred_minus_one_satisfied", "law"] == "8"
    assert set(laws.loc[laws["seed"] == "003", "law"]) == {"—"}
    for remark in laws["remark_zh"]:
        assert not re.search(r"[A-Za-z]{4,}", remark), remark  # no English internal notes
    for key in ("ch1_unhappy_never_complain", "ch1_hundred_minus_one_satisfied",
                "ch1_repeat_customer_extra_profit_min", "ch1_satisfied_referral_deals",
                "ch1_handled_complaint_tell_others"):
        assert HAN.search(laws.loc[key, "remark_zh"]), key
    row = laws.loc["ch1_repeat_customer_extra_profit_min"]
    assert row["display"] == "20–85%" and "下限" not in row["description"]
    assert "区间" in row["description"] and "区间" in row["remark_zh"]
    # law 4 survives only as the fragment "(4)8…" in [001]: the table says so
    assert "(4)" in laws.loc["ch1_negative_offsets_positive", "remark_zh"]
    # law 11's "+5%" is growth of regular customers, read as retention points
    assert "固定消费者" in laws.loc["ch1_retention_increase", "remark_zh"]


def test_value_laws_table_refuses_a_table_without_the_laws():
    table = pd.DataFrame({"display": ["x"], "seed": ["001"], "description": ["y"]},
                         index=["other"])
    with pytest.raises(InputError, match="figures") as err:
        V.value_laws_table(table)
    assert_bilingual(err, "figures")
    with pytest.raises(InputError, match="figures"):
        V.value_laws_table(table.drop(columns="seed"))


def test_clv_components_table():
    parts = V.clv_components(600, 150, 200, 50)
    assert parts["component"].tolist() == ["transaction", "referral", "growth", "knowledge",
                                           "total"]
    assert list(parts.columns) == ["component", "value", "share"]  # names: the glossary
    assert parts["value"].tolist() == [600, 150, 200, 50, 1000]
    assert parts["share"].tolist() == pytest.approx([0.6, 0.15, 0.2, 0.05, 1.0])
    assert parts["share"].iloc[:4].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["transaction", "referral", "growth", "knowledge"])
def test_clv_components_refuse_negative_parts(name):
    args = {"transaction": 1, "referral": 1, "growth": 1, "knowledge": 1, name: -1}
    with pytest.raises(InputError, match=name) as err:
        V.clv_components(**args)
    assert_bilingual(err, name)


def test_clv_components_refuse_all_zero():
    with pytest.raises(InputError, match="transaction") as err:
        V.clv_components(0, 0, 0, 0)
    assert_bilingual(err, "knowledge")


# ---------------------------------------------------------------------------
# six values of a customer [000]
# ---------------------------------------------------------------------------
def test_referral_value():
    assert V.referral_value(8, 0.05, 920) == pytest.approx(368)
    by_hand = 8 * 0.05 * 920 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331)
    assert V.referral_value(8, 0.05, 920, years=3, discount_rate=0.1) == pytest.approx(by_hand)
    assert V.referral_value(8, 0.05, 920, years=3) == pytest.approx(3 * 368)
    assert V.referral_value(0, 0.5, 920) == 0


@pytest.mark.parametrize("kwargs, name", [
    ({"referrals_per_year": -1}, "referrals_per_year"),
    ({"conversion_rate": 1.5}, "conversion_rate"),
    ({"clv_of_referred": math.inf}, "clv_of_referred"),
    ({"years": 0}, "years"),
    ({"discount_rate": -1}, "discount_rate"),
])
def test_referral_value_refuses_bad_input(kwargs, name):
    args = {"referrals_per_year": 8, "conversion_rate": 0.05, "clv_of_referred": 920} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.referral_value(**args)
    assert_bilingual(err, name)


def test_crowd_pulling_value():
    assert V.crowd_pulling_value(100, 0.05, 500, years=2) == pytest.approx(5000)
    assert V.crowd_pulling_value(100, 0.05, 500, years=2, compounding=True) == pytest.approx(
        100 * 0.05 * 500 + 100 * 0.05 * 1.05 * 500)
    by_hand = 100 * 0.05 * 500 / 1.1 + 100 * 0.05 * 500 / 1.21
    assert V.crowd_pulling_value(100, 0.05, 500, years=2, discount_rate=0.1) == pytest.approx(
        by_hand)
    assert V.crowd_pulling_value(0, 0.05, 500, years=5, compounding=True) == 0


@pytest.mark.parametrize("kwargs, name, kind", [
    ({"customers": -1}, "customers", InputError),
    ({"new_per_customer": -0.1}, "new_per_customer", InputError),
    ({"clv_of_new": math.nan}, "clv_of_new", InputError),
    ({"years": 1.5}, "years", InputError),
    ({"compounding": "yes"}, "compounding", InputTypeError),
])
def test_crowd_pulling_value_refuses_bad_input(kwargs, name, kind):
    args = {"customers": 100, "new_per_customer": 0.05, "clv_of_new": 500} | kwargs
    with pytest.raises(kind, match=name) as err:
        V.crowd_pulling_value(**args)
    assert_bilingual(err, name)


def test_crowd_pulling_overflow_is_an_input_error():
    with pytest.raises(InputError, match="years") as err:
        V.crowd_pulling_value(1e6, 1e3, 1e6, years=1000, compounding=True)
    assert "horizon" not in str(err.value)  # crowd_pulling_value has no horizon argument
    assert_bilingual(err, "new_per_customer")


def test_information_value():
    assert V.information_value(0.3, 1_000_000, 0.5, informants=200, cost=20_000) == 650
    assert V.information_value(0.3, 1_000_000) == 300_000
    assert V.information_value(0.01, 1000, cost=100) == pytest.approx(-90)


@pytest.mark.parametrize("kwargs, name", [
    ({"failure_probability": 1.1}, "failure_probability"),
    ({"failure_loss": -5}, "failure_loss"),
    ({"detection_rate": -0.1}, "detection_rate"),
    ({"informants": 0}, "informants"),
    ({"cost": -1}, "cost"),
])
def test_information_value_refuses_bad_input(kwargs, name):
    args = {"failure_probability": 0.3, "failure_loss": 1000} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.information_value(**args)
    assert_bilingual(err, name)


# ---------------------------------------------------------------------------
# customer value laws [001, 003]
# ---------------------------------------------------------------------------
def test_retention_vs_acquisition_five_times_law():
    out = V.retention_vs_acquisition(1000, 0.8, 100)
    assert out["lost_customers"] == pytest.approx(200)
    assert out["acquisition_budget"] == pytest.approx(20_000)
    assert out["retention_cost_per_customer"] == pytest.approx(20)
    assert out["retention_budget"] == pytest.approx(4_000)
    assert out["savings"] == pytest.approx(16_000)
    assert out["acquisition_budget"] / out["retention_budget"] == pytest.approx(5)
    ten = V.retention_vs_acquisition(1000, 0.8, 100, value_ratio=10)
    assert ten["new_customers_needed"] == pytest.approx(2000)
    assert ten["acquisition_budget"] / ten["retention_budget"] == pytest.approx(50)


@pytest.mark.parametrize("kwargs, name", [
    ({"customers": -1}, "customers"),
    ({"retention": 1}, "retention"),
    ({"acquisition_cost": -1}, "acquisition_cost"),
    ({"cost_ratio": 0}, "cost_ratio"),
    ({"value_ratio": 0}, "value_ratio"),
])
def test_retention_vs_acquisition_refuses_bad_input(kwargs, name):
    args = {"customers": 1000, "retention": 0.8, "acquisition_cost": 100} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.retention_vs_acquisition(**args)
    assert_bilingual(err, name)


def test_retention_uplift_by_hand_and_shape():
    table = V.retention_uplift(1000, 0.8, uplift=0.05, margin=100, discount_rate=0.1, years=2)
    assert list(table.columns) == ["year", "customers", "customers_uplift", "profit",
                                   "profit_uplift", "cumulative_value",
                                   "cumulative_value_uplift", "gain"]
    assert table["year"].tolist() == [1, 2]
    assert table["customers"].tolist() == pytest.approx([800, 640])
    assert table["customers_uplift"].tolist() == pytest.approx([850, 722.5])
    base = 100 * 800 / 1.1 + 100 * 640 / 1.21
    up = 100 * 850 / 1.1 + 100 * 722.5 / 1.21
    assert table["cumulative_value"].iloc[-1] == pytest.approx(base)
    assert table["cumulative_value_uplift"].iloc[-1] == pytest.approx(up)
    assert table["gain"].iloc[-1] == pytest.approx(up / base - 1)


def test_retention_uplift_with_acquisition_matches_recursion():
    table = V.retention_uplift(500, 0.7, uplift=0.1, years=6, new_customers=50)
    n, sizes = 500.0, []
    for _ in range(6):
        n = 0.7 * n + 50
        sizes.append(n)
    assert table["customers"].tolist() == pytest.approx(sizes)


def test_retention_uplift_shows_when_plus_25_percent_holds():
    gain = lambda **kw: float(V.retention_uplift(1000, **kw)["gain"].iloc[-1])  # noqa: E731
    # three years: far below +25 %
    assert gain(retention=0.9, years=3) < 0.15
    # ten years from a high retention: about +25 %
    assert gain(retention=0.9, years=10) == pytest.approx(0.25, abs=0.01)
    # the gain grows with the horizon and shrinks with the discount rate
    assert gain(retention=0.9, years=30) > gain(retention=0.9, years=10)
    assert gain(retention=0.9, years=10, discount_rate=0.0) > gain(retention=0.9, years=10)
    # no uplift, no gain
    assert gain(retention=0.9, uplift=0.0) == pytest.approx(0.0)


@pytest.mark.parametrize("kwargs, name", [
    ({"customers": 0}, "customers"),
    ({"retention": 1.0}, "retention"),
    ({"uplift": -0.01}, "uplift"),
    ({"retention": 0.96, "uplift": 0.05}, "uplift"),
    ({"margin": 0}, "margin"),
    ({"discount_rate": -0.1}, "discount_rate"),
    ({"years": 0}, "years"),
    ({"new_customers": -5}, "new_customers"),
    ({"retention": 0.0}, "retention"),
    ({"margin": 1e-300, "discount_rate": 1e300}, "discount_rate"),
])
def test_retention_uplift_refuses_bad_input(kwargs, name):
    args = {"customers": 1000, "retention": 0.8} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.retention_uplift(**args)
    assert_bilingual(err, name)


def test_retention_uplift_zero_retention_is_fine_with_new_customers():
    table = V.retention_uplift(1000, 0.0, years=3, new_customers=100)
    assert np.isfinite(table.to_numpy(dtype=float)).all()


# ---------------------------------------------------------------------------
# what-if model
# ---------------------------------------------------------------------------
WHATIF_KEYS = {"clv", "gross_clv", "margin_multiple", "break_even_acquisition_cost",
               "simple_years", "simple_clv", "overstatement", "curve_years", "curve"}


def test_whatif_default_infinite_horizon():
    out = V.clv_whatif(100, 0.8, 0.1, acquisition_cost=80)
    assert set(out) == WHATIF_KEYS
    assert out["clv"] == pytest.approx(V.clv(100, 0.8, 0.1) - 80)
    assert out["gross_clv"] == pytest.approx(266.6667, abs=1e-4)
    assert out["margin_multiple"] == pytest.approx(V.margin_multiple(0.8, 0.1))
    assert out["break_even_acquisition_cost"] == pytest.approx(out["gross_clv"])
    assert out["simple_years"] == 10
    assert out["simple_clv"] == 920
    assert out["overstatement"] == pytest.approx(920 - out["clv"])
    assert V.clv_panel_model(100, 0.8, 0.1, acquisition_cost=80)["simple_vs_model"] \
        == "简单公式高估 733 美元"
    assert out["curve_years"] == 10
    assert len(out["curve"]) == 10


def test_whatif_finite_horizon():
    out = V.clv_whatif(100, 0.8, 0.1, horizon=5)
    assert round(out["clv"], 2) == 212.41
    assert out["simple_years"] == 5 and out["simple_clv"] == 500
    assert out["curve_years"] == 10
    assert V.clv_whatif(100, 0.8, 0.1, horizon=50)["curve_years"] == 50
    assert out["margin_multiple"] == pytest.approx(out["gross_clv"] / 100)


def test_whatif_margin_multiple_defined_at_zero_margin():
    out = V.clv_whatif(0, 0.8, 0.1)
    assert out["clv"] == 0 and out["margin_multiple"] == pytest.approx(0.8 / 0.3)


def test_whatif_says_overstates_or_understates_by_the_sign():
    # the notebook's "try this" #2: no discounting, 5% growth, 99% retention, 30 years
    under = V.clv_whatif(100, 0.99, 0.0, growth=0.05, acquisition_cost=80, horizon=30)
    assert under["overstatement"] == pytest.approx(under["simple_clv"] - under["clv"])
    assert under["overstatement"] < 0
    assert round(under["overstatement"]) == -2506
    assert V.simple_vs_model_text(under["overstatement"]) == "简单公式低估 2,506 美元"
    over = V.clv_panel_model(100, 0.8, 0.1, acquisition_cost=80, horizon=30)
    assert over["overstatement"] > 0
    assert over["simple_vs_model"] == f"简单公式高估 {over['overstatement']:,.0f} 美元"
    assert "高估" in over["simple_vs_model"] and "低估" not in over["simple_vs_model"]


def test_whatif_retention_one():
    # finite horizon, no discounting, no growth: exactly the simple formula, 920
    same = V.clv_whatif(100, 1.0, 0.0, acquisition_cost=80, horizon=10)
    assert same["clv"] == pytest.approx(920) and same["simple_clv"] == 920
    assert same["overstatement"] == pytest.approx(0)
    assert V.simple_vs_model_text(same["overstatement"]) == "两者相同"
    assert same["margin_multiple"] == pytest.approx(10)
    _check_whatif_result(same)
    # infinite horizon at a 10% discount rate: the perpetuity 100 / 0.1
    forever = V.clv_whatif(100, 1.0, 0.1, acquisition_cost=80)
    assert forever["gross_clv"] == pytest.approx(1000) and forever["clv"] == pytest.approx(920)
    _check_whatif_result(forever)
    # infinite horizon, no discounting: refused with the plain explanation
    with pytest.raises(InputError, match="retention = 1") as err:
        V.clv_whatif(100, 1.0, 0.0, acquisition_cost=80)
    assert "简单公式" in str(err.value) and "无穷大" in str(err.value)


def _check_whatif_result(out):
    for key, val in out.items():
        if key == "curve":
            assert np.isfinite(val.to_numpy(dtype=float)).all()
        else:
            assert math.isfinite(val), key


@pytest.mark.parametrize(
    "retention, discount_rate, growth, horizon, timing, margin, acquisition_cost",
    list(itertools.product([0.0, 0.5, 0.99], [0.0, 0.1, 1.0, 100.0], [-0.5, 0.0, 0.5],
                           [0, 1, 50], ["end", "start"], [-100, 0, 1000], [0, 500])))
def test_whatif_at_extremes_is_finite_or_a_clear_input_error(
        retention, discount_rate, growth, horizon, timing, margin, acquisition_cost):
    try:
        out = V.clv_whatif(margin, retention, discount_rate, growth=growth,
                           acquisition_cost=acquisition_cost, horizon=horizon, timing=timing)
    except InputError as err:
        msg = str(err)
        assert horizon == 0 and retention * (1 + growth) >= 1 + discount_rate
        assert "diverges" in msg and "horizon" in msg and "discount_rate" in msg
        assert "发散" in msg
    else:
        assert set(out) == WHATIF_KEYS
        _check_whatif_result(out)


def test_whatif_near_retention_one_explains_divergence():
    with pytest.raises(InputError, match="retention") as err:
        V.clv_whatif(100, 0.99, 0.0, growth=0.5)
    msg = str(err.value)
    assert "infinite" in msg and "finite horizon" in msg and "无穷大" in msg
    # a finite horizon gives a finite answer
    _check_whatif_result(V.clv_whatif(100, 0.99, 0.0, growth=0.5, horizon=50))
    # retention 0.99 with no growth converges, even at a zero discount rate
    out = V.clv_whatif(100, 0.99, 0.0)
    assert out["gross_clv"] == pytest.approx(100 * 0.99 / 0.01)


def test_whatif_overflow_is_an_input_error_not_inf():
    with pytest.raises(InputError, match="horizon") as err:
        V.clv_whatif(1e6, 0.99, 0.0, growth=10.0, horizon=1000)
    assert_bilingual(err, "growth")


def test_whatif_never_raises_anything_but_crmlab_errors():
    grid = itertools.product([-1e6, 100], [0.0, 0.999999], [0.0, 1e300], [-0.999, 0.0, 1e10],
                             [0, 1000], ["end", "start"])
    for margin, r, d, g, h, timing in grid:
        try:
            out = V.clv_whatif(margin, r, d, growth=g, acquisition_cost=1e6, horizon=h,
                               timing=timing)
        except CRMLabError:
            continue
        _check_whatif_result(out)


@pytest.mark.parametrize("kwargs, name", [
    ({"horizon": -1}, "horizon"),
    ({"horizon": V.MAX_PERIODS + 1}, "horizon"),
    ({"retention": 1.01}, "retention"),
    ({"retention": 1.0, "discount_rate": 0.0}, "retention"),
    ({"discount_rate": -0.5}, "discount_rate"),
    ({"growth": -1}, "growth"),
    ({"acquisition_cost": -1}, "acquisition_cost"),
    ({"timing": "both"}, "timing"),
    ({"margin": math.inf}, "margin"),
])
def test_whatif_refuses_bad_input(kwargs, name):
    args = {"margin": 100, "retention": 0.8, "discount_rate": 0.1} | kwargs
    with pytest.raises(InputError, match=name) as err:
        V.clv_whatif(**args)
    assert_bilingual(err, name)


# ---------------------------------------------------------------------------
# plots
# ---------------------------------------------------------------------------
def test_plot_value_curve_returns_figure_with_two_lines_and_chinese_text():
    fig = V.plot_value_curve(V.value_curve(100, 0.8, 0.1, years=10, acquisition_cost=80))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert ax.get_title() == "客户终生价值随关系长度增长"
    assert HAN.search(ax.get_xlabel()) and HAN.search(ax.get_ylabel())
    assert ax.lines[0].get_ydata()[-1] == pytest.approx(
        V.clv(100, 0.8, 0.1, horizon=10, acquisition_cost=80))
    assert ax.lines[1].get_ydata()[-1] == 920
    assert ax.get_ylabel() == "累计价值（美元）"


def test_plot_value_curve_with_the_infinite_horizon_level():
    level = V.clv(100, 0.8, 0.1, acquisition_cost=80)
    fig = V.plot_value_curve(V.value_curve(100, 0.8, 0.1, years=30, acquisition_cost=80),
                             infinite_clv=level)
    ax = fig.axes[0]
    assert len(ax.lines) == 3
    assert list(ax.lines[2].get_ydata()) == pytest.approx([level, level])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("无限期客户终生价值 = 187 美元" in t for t in labels)
    with pytest.raises(InputError, match="infinite_clv") as err:
        V.plot_value_curve(V.value_curve(100, 0.8, 0.1, years=3), infinite_clv=math.inf)
    assert_bilingual(err, "infinite_clv")


def test_plot_value_curve_draws_into_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    out = V.plot_value_curve(V.clv_whatif(100, 0.8, 0.1)["curve"], ax=ax)
    assert out is fig and len(ax.lines) == 2


def test_plot_value_curve_refuses_bad_input():
    with pytest.raises(InputError, match="curve") as err:
        V.plot_value_curve(pd.DataFrame({"year": [1]}))
    assert_bilingual(err, "curve")
    with pytest.raises(InputTypeError, match="ax"):
        V.plot_value_curve(V.value_curve(100, 0.8, 0.1, years=3), ax="left")


def test_plot_clv_components_stacked_bar():
    parts = V.clv_components(600, 150, 200, 50)
    fig = V.plot_clv_components(parts)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert ax.get_title() == "客户终生价值的构成"
    heights = [p.get_height() for p in ax.patches]
    bottoms = [p.get_y() for p in ax.patches]
    assert heights == pytest.approx([600, 150, 200, 50])
    assert bottoms == pytest.approx([0, 600, 750, 950])
    assert ax.get_ylabel() == "价值（美元）"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert all(HAN.search(t) for t in legend)


def test_plot_clv_components_several_customers_into_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    tables = {"客户甲": V.clv_components(600, 150, 200, 50),
              "客户乙": V.clv_components(300, 400, 100, 200)}
    out = V.plot_clv_components(tables, ax=ax)
    assert out is fig
    assert len(ax.patches) == 8
    assert [t.get_text() for t in ax.get_xticklabels()] == ["客户甲", "客户乙"]


def test_plot_clv_components_refuses_bad_input():
    with pytest.raises(InputError, match="components"):
        V.plot_clv_components(pd.DataFrame({"component": ["transaction"], "value": [1.0]}))
    with pytest.raises(InputError, match="components"):
        V.plot_clv_components({})
    with pytest.raises(InputTypeError, match="components"):
        V.plot_clv_components([1, 2, 3])


# ---------------------------------------------------------------------------
# the start-here panel
# ---------------------------------------------------------------------------
def test_simple_clv_table_reproduces_the_textbook_and_finds_payback():
    out = V.simple_clv_table(100, 10, 80)
    assert out["clv"] == 920
    assert out["payback_year"] == 1
    assert out["table"]["cumulative"].tolist()[:3] == [-80, 20, 120]
    assert V.simple_clv_table(100, 10, 300)["payback_year"] == 3
    assert V.simple_clv_table(0, 5, 10)["payback_year"] is None
    assert V.simple_clv_panel_model(0, 5, 10)["payback_year"] == "不会回本"
    assert V.simple_clv_table(0, 5, 0)["payback_year"] == 0


@pytest.mark.parametrize("kwargs, name", [
    (dict(annual_profit=-1, years=10), "annual_profit"),
    (dict(annual_profit=100, years=0), "years"),
    (dict(annual_profit=100, years=101), "years"),
    (dict(annual_profit=100, years=10, acquisition_cost=-5), "acquisition_cost"),
])
def test_simple_clv_table_bad_input(kwargs, name):
    with pytest.raises(InputError, match=name):
        V.simple_clv_table(**kwargs)


def test_simple_clv_panel_default_and_extremes():
    panel = V.simple_clv_panel()
    try:
        assert panel.result["clv"] == 920 and panel.result["payback_year"] == 1
        assert "920 美元" in panel._html.value
        assert panel.set(acquisition_cost=300)["payback_year"] == 3
        ax = panel.figure.axes[0]
        assert len(ax.patches) == 11 and ax.get_title().startswith("简单公式")
        records = panel.drive_extremes()
        assert all(r.error is None and not r.problems for r in records)
        assert panel.set(annual_profit=0, acquisition_cost=1000)["payback_year"] == "不会回本"
        assert "不会回本" in panel._html.value
    finally:
        panel.close()


# ---------------------------------------------------------------------------
# Chapter 1 helpers: annual equivalents, margin-multiple table, CLV panel
# ---------------------------------------------------------------------------
def test_annual_equivalent_gives_both_readings_of_a_lifetime_total():
    out = V.annual_equivalent(11_000, 50, discount_rate=0.10)
    assert out["per_year"] == 220
    a = sum(1.1 ** -t for t in range(1, 51))
    assert out["annuity_factor"] == pytest.approx(a)
    assert out["present_value_of_per_year"] == pytest.approx(220 * a)
    assert out["level_annuity"] == pytest.approx(11_000 / a)
    # the level annuity, valued like a CLV with certain payment, gives the total back
    assert out["level_annuity"] * a == pytest.approx(11_000)
    flat = V.annual_equivalent(25_000, 30, discount_rate=0)
    assert flat["per_year"] == flat["level_annuity"] == pytest.approx(25_000 / 30)
    assert flat["present_value_of_per_year"] == pytest.approx(25_000)


@pytest.mark.parametrize("kwargs, name", [
    ({"total": math.nan, "years": 10}, "total"),
    ({"total": 100, "years": 0}, "years"),
    ({"total": 100, "years": 2.5}, "years"),
    ({"total": 100, "years": 10, "discount_rate": -0.1}, "discount_rate"),
])
def test_annual_equivalent_refuses_bad_input(kwargs, name):
    with pytest.raises(CRMLabError, match=name) as err:
        V.annual_equivalent(**kwargs)
    assert_bilingual(err, name)


def test_margin_multiple_table_matches_margin_multiple_cell_by_cell():
    table = V.margin_multiple_table()
    assert table.shape == (4, 4)
    assert table.index.name == "retention" and table.columns.name == "discount_rate"
    for r in table.index:
        for i in table.columns:
            assert table.loc[r, i] == pytest.approx(V.margin_multiple(r, i))
    # Gupta & Lehmann: multiples between about 1 and 4.5 over this grid
    assert 1 <= table.to_numpy().min() and table.to_numpy().max() <= 4.5
    grown = V.margin_multiple_table([0.8], [0.1], growth=0.05)
    assert grown.iloc[0, 0] == pytest.approx(V.margin_multiple(0.8, 0.1, growth=0.05))


@pytest.mark.parametrize("kwargs, name", [
    ({"retentions": [0.5, 1.2]}, "retentions"),
    ({"retentions": [0.5, 1.0], "discount_rates": [0.0, 0.1]}, "retention"),
    ({"retentions": []}, "retentions"),
    ({"discount_rates": [0.1, -0.1]}, "discount_rates"),
    ({"retentions": [0.99], "discount_rates": [0.0], "growth": 0.05}, "retention"),
    ({"growth": -1}, "growth"),
])
def test_margin_multiple_table_refuses_bad_input(kwargs, name):
    with pytest.raises(CRMLabError, match=name) as err:
        V.margin_multiple_table(**kwargs)
    assert_bilingual(err, name)


def test_clv_panel_default_matches_the_model_and_draws_the_curve():
    panel = V.clv_panel()
    try:
        expected = V.clv_whatif(100, 0.8, 0.1, acquisition_cost=80)
        for key in ("clv", "margin_multiple", "break_even_acquisition_cost", "simple_clv",
                    "overstatement"):
            assert panel.result[key] == pytest.approx(expected[key])
        assert "186.67 美元" in panel._html.value and "2.67 年" in panel._html.value
        assert "简单公式高估 733 美元" in panel._html.value
        # the simple formula's own value is one click away, not in the first rows
        assert "920 美元" not in panel._html.value and "920 美元" in panel._detail_html.value
        ax = panel.figure.axes[0]
        assert ax.get_title() == "客户终生价值随关系长度增长"
        assert len(ax.lines) == 3  # discounted, simple, infinite-horizon level
        out = panel.set(horizon=5)
        assert out["clv"] == pytest.approx(V.clv(100, 0.8, 0.1, horizon=5, acquisition_cost=80))
        assert len(panel.figure.axes[0].lines) == 2
    finally:
        panel.close()


def test_clv_panel_explains_retention_one_and_divergence():
    panel = V.clv_panel(retention=0.9)
    try:
        # retention 100 % at a 10 % discount rate, infinite horizon: the perpetuity
        out = panel.set(retention=1.0)
        assert out["gross_clv"] == pytest.approx(1000) and out["clv"] == pytest.approx(920)
        # ... at a 0 % discount rate it has no finite value, and the panel says why
        assert panel.set(discount_rate=0.0) is None
        assert "simple formula" in panel.error and "简单公式" in panel.error
        assert "无穷大" in panel.error and "无法计算" in panel._html.value
        # a finite horizon of 10 years gives exactly the simple formula (teacher tip, cell 34)
        out = panel.set(horizon=10)
        assert out["clv"] == pytest.approx(920) and out["simple_vs_model"] == "两者相同"
        assert "两者相同" in panel._html.value
        assert panel.set(retention=0.99, discount_rate=0.0, growth=0.05, horizon=0) is None
        assert "diverges" in panel.error and "发散" in panel.error
        # a finite horizon gives a finite answer for the same inputs
        assert math.isfinite(panel.set(horizon=60)["clv"])
        # the notebook's "try this" #2: the simple formula now understates, and says so
        assert panel.set(horizon=30)["overstatement"] < 0
        assert "简单公式低估 2,506 美元" in panel._html.value
        records = panel.drive_extremes()
        assert all(not r.problems for r in records)
        # at a 10 % discount rate every slider end has a finite value, 100 % retention included
        assert all(r.error is None for r in records)
        assert panel.measure_latency(changes=5)["changes"] == 5
    finally:
        panel.close()
    undiscounted = V.clv_panel(discount_rate=0.0)
    try:
        records = undiscounted.drive_extremes()
        assert all(not r.problems for r in records)
        errors = [r for r in records if r.error]
        assert errors and any(r.error is None for r in records)
        assert all(r.params["horizon"] == 0 and "无穷大" in r.error for r in errors)
    finally:
        undiscounted.close()


def test_clv_panel_refuses_defaults_outside_the_sliders():
    with pytest.raises(InputError, match="horizon"):
        V.clv_panel(horizon=100)


# ---------------------------------------------------------------------------
# reader findings: two readings of the complaint figure, Chinese-only labels,
# the data card and the chapter map of the start page
# ---------------------------------------------------------------------------
def test_complaint_readings_by_hand_96_and_67_percent():
    # [001]: 96 % never complain → 10 / 0.04 = 250; [000]: 67 % complain → 10 / 0.67
    out = V.complaint_readings(10, {"silent_001": 0.96, "complain_000": 1 - 0.67}, 22, 0.05,
                               1000.0, keep_cost=14)
    assert out.index.tolist() == ["silent_001", "complain_000"]
    assert out.index.name == "reading"
    assert out.loc["silent_001", "unhappy_customers"] == pytest.approx(250)
    assert out.loc["complain_000", "unhappy_customers"] == pytest.approx(10 / 0.67)
    assert out.loc["complain_000", "silent_customers"] == pytest.approx(10 / 0.67 - 10)
    assert out.loc["silent_001", "value_lost"] == pytest.approx(250 * 22 * 0.05 * 1000)
    assert out["retention_budget"].tolist() == pytest.approx([250 * 14, 10 / 0.67 * 14])
    # the budget-to-loss ratio does not depend on the reading; the scale does
    ratio = out["retention_budget"] / out["value_lost"]
    assert ratio.iloc[0] == pytest.approx(ratio.iloc[1])
    assert out.loc["silent_001", "unhappy_customers"] / out.loc["complain_000", "unhappy_customers"] \
        == pytest.approx(0.67 / 0.04)


def test_complaint_readings_agree_with_complaint_iceberg_row_by_row():
    shares = {"a": 0.0, "b": 0.5, "c": 0.9}
    out = V.complaint_readings(3, shares, 9, 0.1, 50.0)
    assert "retention_budget" not in out.columns
    for key, share in shares.items():
        single = V.complaint_iceberg(3, share, 9, 0.1, 50.0)
        for column, expected in single.items():
            assert out.loc[key, column] == pytest.approx(expected)


@pytest.mark.parametrize("kwargs, name", [
    ({"never_complain_shares": {}}, "never_complain_shares"),
    ({"never_complain_shares": [0.96]}, "never_complain_shares"),
    ({"never_complain_shares": {"x": 1.0}}, "never_complain_shares"),
    ({"never_complain_shares": {"": 0.5}}, "never_complain_shares"),
    ({"keep_cost": -1}, "keep_cost"),
    ({"complaints": -1}, "complaints"),
])
def test_complaint_readings_refuses_bad_input_in_both_languages(kwargs, name):
    args = {"complaints": 10, "never_complain_shares": {"silent_001": 0.96}, "people_told": 22,
            "conversion_rate": 0.05, "clv_of_lost": 100.0} | kwargs
    with pytest.raises(CRMLabError) as info:
        V.complaint_readings(**args)
    assert name in str(info.value) and re.search(r"[\u4e00-\u9fff]", str(info.value))


def test_complaint_readings_table_labels_and_currency():
    readings = V.complaint_readings(10, {"silent_001": 0.96, "complain_000": 0.33}, 22, 0.05,
                                    1000.0, keep_cost=14)
    yuan = V.complaint_readings_table(readings, currency="元")
    assert yuan.index.tolist() == ["资料 [001]：96% 不愉快的顾客从不投诉",
                                   "资料 [000]：67% 不满意的用户会投诉"]
    assert {"value_lost_cny", "retention_budget_cny"} <= set(yuan.columns)
    from crmlab import display
    html = display.table(yuan, topic="value").to_html()
    assert "损失的价值（元）" in html and "美元" not in html
    dollars = display.table(V.complaint_readings_table(readings), topic="value").to_html()
    assert "损失的价值（美元）" in dollars
    with pytest.raises(InputError, match="currency"):
        V.complaint_readings_table(readings, currency="USD")
    with pytest.raises(InputError, match="readings"):
        V.complaint_readings_table(V.complaint_readings(1, {"other": 0.5}, 1, 0.1, 1.0))


def test_conventions_table_rows_are_chinese_only():
    rows = V.clv_conventions_table(100, 0.8, 0.1).index.tolist()
    assert rows[0] == "年末、须留存（本书默认）"
    assert not any(re.search(r"[A-Za-z]", row) for row in rows), rows


def test_value_laws_table_law_8_is_described_plainly():
    from crmlab import display, textbook
    laws = V.value_laws_table(textbook.figures(1))
    text = laws.loc["ch1_hundred_minus_one_satisfied", "description"]
    assert "100 位顾客对企业满意" in text and "美誉度" in text
    assert "10010" in laws.loc["ch1_hundred_minus_one_satisfied", "remark_zh"]
    assert display.label("display", "value") == "教材说法（补回扫描中丢失的符号）"


def test_clv_panel_labels_are_chinese_and_infinite_horizon_reads_in_words():
    from crmlab.widgets import Choice, _shown_value
    panel = V.clv_panel()
    try:
        labels = {c.name: c.label for c in panel.controls}
        assert labels == {"margin": "每年利润", "retention": "留存率", "discount_rate": "折现率",
                          "growth": "利润增长率", "acquisition_cost": "获客成本",
                          "horizon": "期数"}
        horizon = next(c for c in panel.controls if c.name == "horizon")
        assert isinstance(horizon, Choice) and _shown_value(horizon, 0) == "无限期"
        assert _shown_value(horizon, 30) == "30 年"
        # discussion question 4: at r = 49 % the net CLV is +0.33, and the panel says so
        assert panel.set(retention=0.49)["clv"] == pytest.approx(100 * 0.49 / 0.61 - 80)
        assert "0.33 美元" in panel._html.value
        assert panel.set(retention=0.48)["clv"] == pytest.approx(100 * 0.48 / 0.62 - 80)
        assert re.search(r"[-−]2\.58 美元", panel._html.value)
    finally:
        panel.close()


def test_horizon_options_add_a_start_value_and_refuse_bad_ones():
    assert [v for _, v in V.horizon_options()] == list(V.HORIZON_CHOICES)
    assert ("7 年", 7) in V.horizon_options(7)
    panel = V.clv_panel(horizon=7)
    try:
        assert panel.result["simple_years"] == 7 or panel.params["horizon"] == 7
    finally:
        panel.close()
    for bad in (-1, 61, 2.5):
        with pytest.raises(InputError, match="horizon"):
            V.horizon_options(bad)


def test_card_table_shows_only_the_cards_chinese_parts():
    from crmlab import datasets
    card = datasets.card("cafe_customers")
    assert V.card_title(card) == "校园咖啡馆的客户（模拟数据）"
    table = V.card_table(card)
    assert table["card_column"].tolist() == [c["name"] for c in card["columns"]]
    for text in table["card_meaning"].tolist() + table["card_unit"].tolist():
        assert not re.search(r"[A-Za-z]", text), text
    assert dict(zip(table["card_column"], table["card_unit"]))["spend_per_visit"] == "元"
    bad = dict(card, columns=[{"name": "x", "unit": "furlongs", "description": "长度 length"}])
    with pytest.raises(InputError, match="furlongs"):
        V.card_table(bad)
    with pytest.raises(InputTypeError, match="card"):
        V.card_title("cafe_customers")


def _notebook(path, heading):
    import json
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [heading]}]}),
                    encoding="utf-8")


def test_chapter_map_lists_exactly_the_notebooks_that_exist(tmp_path):
    _notebook(tmp_path / "00_start_here.ipynb", "# 从这里开始")
    _notebook(tmp_path / "04_customer_delivered_value.ipynb", "# 第 4 章 客户让渡价值\n正文")
    _notebook(tmp_path / "cases" / "china_mobile_churn.ipynb", "# 案例：中国移动的客户流失")
    m = V.chapter_map(tmp_path)
    available = m[m["status"] == "可用"]
    assert available["notebook"].tolist() == ["00_start_here.ipynb",
                                              "04_customer_delivered_value.ipynb",
                                              "cases/china_mobile_churn.ipynb"]
    assert available["topic"].tolist()[1] == "第 4 章 客户让渡价值"
    planned = m[m["status"] == "计划中"]
    assert "02_customer_states.ipynb" in planned["notebook"].tolist()
    assert "04_customer_delivered_value.ipynb" not in planned["notebook"].tolist()
    assert set(m["status"]) == {"可用", "计划中"}
    assert m["chapter"].tolist() == sorted(m["chapter"].tolist(), key=lambda c: (c == "案例", c))
    # a chapter that lands is 可用 on the next run, with no edit of the map
    _notebook(tmp_path / "02_customer_states.ipynb", "# 第 2 章 客户的状态")
    m = V.chapter_map(tmp_path)
    assert m.set_index("notebook").loc["02_customer_states.ipynb", "status"] == "可用"
    with pytest.raises(InputError, match="folder"):
        V.chapter_map(tmp_path / "missing")


def test_chapter_map_of_the_repository_matches_its_notebooks_folder():
    from pathlib import Path
    folder = Path(__file__).resolve().parents[1] / "notebooks"
    m = V.chapter_map(folder)
    found = sorted(p.relative_to(folder).as_posix()
                   for p in list(folder.glob("*.ipynb")) + list(folder.glob("cases/*.ipynb")))
    assert sorted(m.loc[m["status"] == "可用", "notebook"]) == found
    for notebook in m.loc[m["status"] == "计划中", "notebook"]:
        assert not (folder / notebook).exists()


def test_fuzz_findings_in_value():
    import numpy as np
    import pandas as pd
    import pytest

    from crmlab import textbook
    from crmlab import value as V
    from crmlab.validation import InputError, InputTypeError
    with pytest.raises(InputError, match="^retentions must"):
        V.retention_uplift_grid(1000, [0.0, 0.5], [3])
    with pytest.raises(InputTypeError, match="acquisitions"):
        V.customer_equity(100, acquisitions=pd.Series([5.0], index=pd.to_datetime(["2024-01-01"])),
                          discount_rate=0.1)
    with pytest.raises(InputError, match="index must be finite rates"):
        V.percent_labels(pd.DataFrame({0.1: [1.0]}, index=[np.nan]))
    with pytest.raises(InputError, match="twice"):
        V.value_laws_table(pd.concat([textbook.figures(1)] * 2))
    with pytest.raises(InputTypeError, match="retentions"):
        V.margin_multiple_table(retentions=True)
