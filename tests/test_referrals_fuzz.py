"""Regression tests for the fuzz report's [referrals] items (/tmp/team2/fuzz_report.md).

Each test is a repro from the report that failed before its fix: inf instead of an
error, a raw OverflowError or TypeError, a message naming another function's
arguments, NaN passed through a table.
"""
import math

import numpy as np
import pandas as pd
import pytest

from crmlab import datasets
from crmlab import referrals as R
from crmlab.validation import CRMLabError, InputError, InputTypeError

RATES = pd.Series({"repeat_bought": 0.653, "would_buy_again": 0.569, "would_recommend": 0.485})


# -- item 3: a huge cost per lead gave an infinite cost per buyer -------------------------
@pytest.mark.parametrize("call", [
    lambda: R.referral_funnel(10_000, .15, 1., .3, ad_budget=9e6, cost_per_lead=1e308,
                              ad_close_rate=.03),
    lambda: R.referral_programme(10_000, .15, 1., .3, 20_000, ad_budget=9e6, cost_per_lead=1e308,
                                 ad_close_rate=.03),
    lambda: R.programme_whatif(10_000, 0.15, 1.0, 0.3, 20_000, 1e308),
    lambda: R.programme_panel_model(10_000, 0.15, 1.0, 0.3, 20_000, 1e308),
    lambda: R.referral_funnel(10_000, .15, 1., .3, ad_budget=9e6, cost_per_lead=1_500,
                              ad_close_rate=1e-320),
])
def test_an_infinite_cost_per_buyer_is_refused(call):
    with pytest.raises(InputError, match=r"cost_per_lead.*ad_close_rate.*每条广告线索成本"):
        call()


def test_cost_per_buyer_is_still_cost_per_lead_over_close_rate():
    f = R.referral_funnel(10_000, .15, 1., .3, ad_budget=9e6, cost_per_lead=1e300,
                          ad_close_rate=.5)
    assert f["ad_cost_per_buyer"] == pytest.approx(1e300 / 0.5)
    assert R.referral_funnel(100, .5, 2, .25)["ad_cost_per_buyer"] == 0.0


# -- item 7: a huge discount rate raised a raw OverflowError ------------------------------
@pytest.mark.parametrize("d", [1e308, 1e200, 1e5])
def test_owner_value_with_a_huge_discount_rate(d):
    parts = R.owner_value(200_000, .15, 1., .3, 200_000, discount_rate=d, would_buy_again=.5,
                          repeat_year=5).set_index("component")["value"]
    growth = math.exp(math.log(0.5 * 200_000) - 5 * math.log1p(d))      # i f v / (1 + d)^t
    assert parts["growth"] == pytest.approx(growth, rel=1e-9, abs=1e-300)
    assert np.isfinite(parts.to_numpy()).all() and parts["transaction"] == 200_000


def test_owner_value_growth_where_the_power_overflows_but_the_value_does_not():
    d = 10 ** 0.31 - 1                          # (1 + d)^1000 = 1e310 overflows a float
    parts = R.owner_value(1e300, .15, 1., .3, 1e300, discount_rate=d, repeat_year=1000,
                          would_buy_again=.5).set_index("component")["value"]
    expected = 0.5 * 1e300 / (1 + d) ** 500 / (1 + d) ** 500         # ≈ 5e-11, in two steps
    assert parts["growth"] == pytest.approx(expected, rel=1e-9) and parts["growth"] > 0


# -- item 12: the overflow message named referral_value's arguments ------------------------
def test_owner_value_overflow_names_its_own_arguments():
    with pytest.raises(InputError) as info:
        R.owner_value(200_000, .15, 1e308, .3, 200_000)
    message = str(info.value)
    assert "referrals_per_recommender" in message and "推荐价值" in message
    assert "referrals_per_year" not in message and "clv_of_referred" not in message


def test_owner_value_passes_on_its_other_argument_errors():
    with pytest.raises(InputError, match="retention"):
        R.owner_value(200_000, .15, 1., .3, 200_000, retention=1.5)


# -- item 9: survey_view with textbook_values None / 'x' / nan / [1] ----------------------
@pytest.mark.parametrize("bad", [None, "x", float("nan"), [1]])
def test_survey_view_refuses_textbook_values_that_are_not_a_mapping(bad):
    with pytest.raises(InputTypeError, match="textbook_values"):
        R.survey_view(RATES, bad)


def test_survey_view_names_a_missing_registry_id():
    with pytest.raises(InputError, match="textbook_values.*case_vanke_would_buy_again"):
        R.survey_view(RATES, {"case_vanke_repeat_rate": "65.3%",
                              "case_vanke_would_recommend": "48.5%"})
    printed = {v: f"{i}%" for i, v in enumerate(R.SURVEY_RATES.values())}
    view = R.survey_view(RATES, printed)
    assert view["textbook"].tolist() == ["0%", "1%", "2%"]


# -- item 11: value_parts_view passed NaN / inf through, raw error on 'x' ------------------
@pytest.mark.parametrize("column", ["value", "share"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, "x", None])
def test_value_parts_view_refuses_a_cell_that_is_not_a_finite_number(column, bad):
    parts = R.owner_value(200_000, .15, 1., .3, 200_000).astype({column: object})
    parts.loc[0, column] = bad
    with pytest.raises(CRMLabError, match=rf"parts\['{column}'\]"):
        R.value_parts_view(parts)


def test_value_parts_view_keeps_the_numbers():
    parts = R.owner_value(200_000, .15, 1., .3, 200_000)
    view = R.value_parts_view(parts)
    assert view["value"].to_numpy() == pytest.approx(parts["value"].to_numpy())


@pytest.mark.parametrize("by", ["project", "city"])
@pytest.mark.parametrize("bad", [["a"], None])
def test_channel_shares_refuses_a_group_that_is_not_one_name(by, bad):
    sales = datasets.load_vanke_sales().head(20).astype({by: object})
    sales.loc[0, by] = bad
    with pytest.raises(CRMLabError, match=rf"ledger\['{by}'\]"):
        R.channel_shares(sales, by=by)


def test_channel_shares_still_counts_every_buyer():
    sales = datasets.load_vanke_sales()
    shares = R.channel_shares(sales, by="city")
    assert shares["buyers"].sum() == len(sales)
    assert shares.loc["深圳", "buyers"] == (sales["city"] == "深圳").sum()
