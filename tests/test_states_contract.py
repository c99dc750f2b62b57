"""Regression tests: crmlab.states keeps its input contract (property-suite findings).

Each bad input raises InputError/InputTypeError naming the caller's argument, in
English and Chinese; never a raw TypeError/ValueError, a silent NaN or an accepted
bad value.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from crmlab import states as S
from crmlab.simulate import prospects
from crmlab.validation import CRMLabError


def _cjk(text):
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def refused(call, *names):
    """``call()`` raises a CRMLabError naming every one of ``names``, in both languages."""
    with pytest.raises(CRMLabError) as err:
        call()
    msg = str(err.value)
    for name in names:
        assert name in msg, msg
    assert _cjk(msg), msg
    return msg


@pytest.fixture(scope="module")
def panel():
    return prospects.generate(1, n=20, months=4)


# 1. list-valued ids
@pytest.mark.parametrize("fn", [S.transition_counts, S.transition_matrix, S.value_by_final_state])
def test_list_valued_ids_are_refused(panel, fn):
    bad = panel.assign(customer_id=[[v] for v in panel.customer_id])
    refused(lambda: fn(bad), "panel", "customer_id")


# 2. fractional months
@pytest.mark.parametrize("fn", [S.state_counts, S.value_by_final_state, S.transition_counts])
def test_fractional_months_are_refused(panel, fn):
    bad = panel.assign(month=panel.month + 0.5)
    refused(lambda: fn(bad), "panel", "month")


def test_whole_months_still_work(panel):
    assert S.state_counts(panel).to_numpy().sum() == len(panel)
    assert S.value_by_final_state(panel)["customers"].sum() == panel.customer_id.nunique()


# 3. absorption_table's result
@pytest.mark.parametrize("bad", [None, "x", 3.0, [1, 2], {"expected_periods": 1}])
def test_absorption_table_refuses_what_absorption_did_not_return(bad):
    refused(lambda: S.absorption_table(bad), "result")


def test_absorption_table_still_works():
    P = S.flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05, 0.1)
    t = S.absorption_table(S.absorption(P, ["non_customer"]))
    assert len(t) == 4 and np.isfinite(t.to_numpy(dtype=float)).all()


# 4. plot_state_mix(shares=)
@pytest.mark.parametrize("bad", ["no", 1, 0, None, float("nan"), pd.NA, [1]])
def test_plot_state_mix_shares_must_be_a_bool(bad):
    mix = S.flow_whatif()["mix"]
    refused(lambda: S.plot_state_mix(mix, shares=bad), "shares")


def test_plot_state_mix_accepts_bools():
    import matplotlib.pyplot as plt

    mix = S.flow_whatif()["mix"]
    for ok in (True, False, np.True_):
        plt.close(S.plot_state_mix(mix, shares=ok))


# 5. selling_table(reference=)
@pytest.fixture(scope="module")
def effort():
    return S.selling_effort({"potential_target": 0.06, "first_time": 0.15, "repeat_loyal": 0.5}, 50.0)


@pytest.mark.parametrize("bad", ["x", 1.5, None, pd.NA, [1]])
def test_selling_table_reference_must_be_a_group(effort, bad):
    refused(lambda: S.selling_table(effort, reference=bad), "reference")


def test_selling_table_reference_default_and_other_groups(effort):
    assert S.selling_table(effort)["ratio_to_repeat"].iloc[-1] == pytest.approx(1.0)
    assert S.selling_table(effort, reference="first_time")["ratio_to_repeat"].iloc[1] == pytest.approx(1.0)
    # The default may be absent (a table of other groups): no ratio column then.
    other = S.selling_effort({"potential_target": 0.06}, 50.0)
    assert "ratio_to_repeat" not in S.selling_table(other).columns


# 6. flow_panel's fixed arguments
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "x", None, True, 0.0, -0.1])
def test_flow_panel_refuses_a_bad_discount_rate(bad):
    refused(lambda: S.flow_panel(discount_rate=bad), "discount_rate")


def test_flow_panel_refuses_bad_counts_and_rewards():
    refused(lambda: S.flow_panel(counts={"nobody": 5.0}), "counts")
    refused(lambda: S.flow_panel(rewards="x"), "rewards")


# 7. selling_panel_model names its own arguments
@pytest.mark.parametrize("arg", ["rate_potential_target", "rate_first_time", "rate_repeat_loyal"])
@pytest.mark.parametrize("bad", [0.0, 1.5, float("nan"), "x", None, True])
def test_selling_panel_model_names_the_rate(arg, bad):
    kw = dict(rate_potential_target=0.06, rate_first_time=0.15, rate_repeat_loyal=0.5,
              cost_per_contact=50.0)
    msg = refused(lambda: S.selling_panel_model(**dict(kw, **{arg: bad})), arg)
    assert "success_rates" not in msg


# 8. a live state with no way out: infinite time to the first loss
@pytest.mark.parametrize("args, name", [
    ((0.15, 0.1, 0.1, 0.05, 0.0, 0.05, 24), "churn_loyal"),
    ((0.0, 0.1, 0.0, 0.05, 0.02, 0.05, 24), "churn_first"),
    ((0.15, 0.0, 0.1, 0.0, 0.02, 0.05, 24), "churn_repeat"),
])
def test_flow_models_name_the_churn_rate_that_is_zero(args, name):
    for fn in (S.flow_panel_model, S.flow_whatif):
        msg = refused(lambda: fn(*args), name)
        assert "absorbing" not in msg


def test_a_zero_churn_with_a_way_out_still_computes():
    out = S.flow_panel_model(0.15, 0.1, 0.1, 0.0, 0.02, 0.05, 24)
    assert np.isfinite(out["lifetime_new"]) and out["lifetime_new"] > 0


# 9. recovery_table names estimated / generating
@pytest.mark.parametrize("bad", [3.0, [1, 2], None, "x", [[0.5, 0.5], [0.5, 0.5]]])
def test_recovery_table_names_the_matrix(panel, bad):
    P = S.check_transition_matrix(prospects.GENERATING_MATRIX)
    counts = S.transition_counts(panel)
    msg = refused(lambda: S.recovery_table(bad, P, counts), "estimated")
    assert not msg.startswith("states")
    refused(lambda: S.recovery_table(P, bad, counts), "generating")


# 10. empty input
def test_empty_lead_input_is_refused():
    refused(lambda: S.lead_temperature([]), "order_months")
    empty = pd.DataFrame({"money": pd.Series([], dtype=bool), "authority": pd.Series([], dtype=bool),
                          "need": pd.Series([], dtype=bool), "order_months": pd.Series([], dtype=float)})
    refused(lambda: S.qualify_leads(empty), "leads")


def test_lead_temperature_scalar_and_array_still_work():
    assert S.lead_temperature(0.5) == "hot"
    assert S.lead_temperature([0.5, 2, 4]).tolist() == ["hot", "warm", "cold"]
