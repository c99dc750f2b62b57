"""Property tests of crmlab.states (Chapter 2): invariants of the Markov-chain model."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crmlab import states
from crmlab.validation import CRMLabError


@st.composite
def chains(draw, min_k=2, max_k=6):
    k = draw(st.integers(min_k, max_k))
    raw = np.array(draw(st.lists(st.lists(st.floats(0, 1), min_size=k, max_size=k),
                                 min_size=k, max_size=k)))
    raw = raw + np.eye(k) * 1e-3          # every row has some mass
    return states.check_transition_matrix(raw / raw.sum(axis=1, keepdims=True),
                                          states=[f"s{i}" for i in range(k)])


def _cjk(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@given(chains(), st.integers(0, 40), st.data())
def test_projection_conserves_the_total(P, periods, data):
    n0 = np.array(data.draw(st.lists(st.floats(0, 1e6), min_size=len(P), max_size=len(P))))
    mix = states.project(n0, P, periods)
    assert np.allclose(mix.sum(axis=1), n0.sum(), rtol=1e-9, atol=1e-6)
    assert (mix.to_numpy() >= -1e-6).all()


@given(chains(), st.floats(0.001, 1.0), st.data())
def test_state_values_rise_with_rewards_and_fall_with_the_discount_rate(P, d, data):
    R = np.array(data.draw(st.lists(st.floats(0, 1e4), min_size=len(P), max_size=len(P))))
    V = states.state_values(P, R, d)
    assert (states.state_values(P, R + 1, d).to_numpy() > V.to_numpy()).all()
    assert (states.state_values(P, R, d * 1.5).to_numpy() <= V.to_numpy() + 1e-9).all()
    assert np.allclose(V, R + P.to_numpy() @ V.to_numpy() / (1 + d), rtol=1e-8, atol=1e-6)


@given(chains(min_k=3))
def test_absorption_probabilities_sum_to_one(P):
    last = P.index[-1]
    A = states.make_absorbing(P, [last])
    try:
        out = states.absorption(A, [last])
    except CRMLabError as err:           # some state never reaches the end: refused, clearly
        assert ("never reach" in str(err) or "vanishing" in str(err)) and _cjk(str(err))
        return
    assert np.allclose(out["probabilities"].sum(axis=1), 1.0)
    assert (out["expected_periods"] >= 1 - 1e-9).all()


@given(chains())
def test_stationary_is_a_fixed_point(P):
    try:
        pi = states.stationary(P)
    except CRMLabError as err:           # several closed classes: refused, in both languages
        assert _cjk(str(err))
        return
    assert np.allclose(pi.to_numpy() @ P.to_numpy(), pi.to_numpy(), atol=1e-8)
    assert pi.sum() == pytest.approx(1.0)


@given(st.lists(st.lists(st.sampled_from(["a", "b", "c"]), min_size=2, max_size=8), min_size=1, max_size=10))
def test_estimated_matrices_are_row_stochastic_on_random_panels(paths):
    """p̂_ij = n_ij / n_i: rows sum to 1 and equal the move counts over their row totals."""
    panel = pd.DataFrame([(f"c{i}", m + 1, s) for i, path in enumerate(paths) for m, s in enumerate(path)],
                         columns=["customer_id", "month", "state"])
    moves = states.transition_counts(panel, states=["a", "b", "c"])
    assert moves.to_numpy().sum() == sum(len(p) - 1 for p in paths)
    try:
        P = states.transition_matrix(panel, states=["a", "b", "c"])
    except CRMLabError as err:          # a state with no move out: refused, in both languages
        assert "no move out of state" in str(err) and _cjk(str(err))
        assert (moves.sum(axis=1) == 0).any()
        return
    assert np.allclose(P.sum(axis=1), 1.0) and (P.to_numpy() >= 0).all()
    assert np.allclose(P.to_numpy(), moves.to_numpy() / moves.to_numpy().sum(axis=1, keepdims=True))


@given(st.integers(0, 10_000))
def test_estimated_matrices_are_row_stochastic(seed):
    from crmlab.simulate import prospects
    panel = prospects.generate(seed, n=40, months=6)
    used = [s for s in states.STATES if (panel["state"][panel["month"] < 6] == s).any()]
    sub = panel[panel["state"].isin(used)]
    try:
        P = states.transition_matrix(sub, states=used)
    except CRMLabError as err:
        assert "no move out of state" in str(err) and _cjk(str(err))
        return
    assert np.allclose(P.sum(axis=1), 1.0)


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 1))
def test_bad_matrix_entries_are_refused_in_both_languages(x, where):
    M = np.array([[0.5, 0.5], [0.2, 0.8]])
    M[where, 0] = x
    ok = np.isfinite(x) and x >= 0 and abs(M[where].sum() - 1) <= states.ROW_SUM_TOL
    if ok:
        states.check_transition_matrix(M, states=["a", "b"])
        return
    with pytest.raises(CRMLabError) as err:
        states.check_transition_matrix(M, states=["a", "b"])
    assert "P" in str(err.value) and _cjk(str(err.value))


@given(st.lists(st.floats(0.001, 1.0), min_size=1, max_size=4), st.floats(0, 1e4))
def test_contacts_and_cost_per_sale_are_reciprocals(rates, cost):
    n = states.contacts_per_sale(rates)
    assert np.allclose(n * np.array(rates), 1.0)
    groups = {f"g{i}": p for i, p in enumerate(rates)}
    effort = states.selling_effort(groups, cost)
    assert np.allclose(effort["cost_per_sale"], cost * n)
    shown = states.selling_table(effort.rename(index=dict(zip(groups, ["potential_target", "first_time", "repeat_loyal", "loyal"]))))
    assert len(shown) == len(rates)
    out = states.selling_panel_model(0.06, 0.15, 0.5, cost)
    assert out["ratio_potential_to_repeat"] == pytest.approx(0.5 / 0.06)
    states.plot_contacts_per_sale(effort)


@given(*[st.floats(0, 0.5)] * 2, *[st.floats(0.01, 0.5)] * 2, st.floats(0.01, 0.3),
       st.floats(0, 0.5), st.integers(1, 60))
def test_flow_models_are_finite_and_consistent(a, b, c1, c2, c3, w, periods):
    P = states.flow_matrix(a, b, c1, c2, c3, w)
    out = states.flow_whatif(a, b, c1, c2, c3, w, periods)
    row = states.flow_panel_model(a, b, c1, c2, c3, w, periods)
    assert row["lifetime_new"] == pytest.approx(out["lifetime_new"]) and out["lifetime_new"] >= 1
    assert 0 <= out["loyal_share_long_run"] <= 1 + 1e-12
    assert np.isfinite(out["customer_equity"])
    assert np.allclose(out["mix"].sum(axis=1), 1000)
    states.plot_state_mix(out["mix"], shares=True)
    states.plot_state_diagram(P)


@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans(), st.floats(0, 24)),
                min_size=1, max_size=12))
def test_only_man_qualified_leads_get_a_temperature(rows):
    leads = pd.DataFrame(rows, columns=["money", "authority", "need", "order_months"])
    out = states.qualify_leads(leads)
    assert (out["qualified"] == (leads["money"] & leads["authority"] & leads["need"])).all()
    assert ((out["temperature"] != "") == out["qualified"]).all()
    expected = states.lead_temperature(leads["order_months"].to_numpy())
    assert (out["temperature"][out["qualified"]] == expected[out["qualified"].to_numpy()]).all()
    if len(out):
        states.leads_table(out)


@given(st.integers(0, 10_000))
def test_panel_summaries_add_up(seed):
    from crmlab.simulate import prospects
    panel = prospects.generate(seed, n=30, months=5)
    counts = states.state_counts(panel)
    assert (counts.sum(axis=1) == 30).all()
    moves = states.transition_counts(panel)
    assert moves.to_numpy().sum() == 30 * 4
    by_end = states.value_by_final_state(panel)
    assert by_end["customers"].sum() == 30
    assert by_end["total_margin"].sum() == pytest.approx(panel["margin"].sum())
    rewards = states.margin_by_state(panel)
    assert (rewards >= 0).all()
    rates = states.purchase_rates(panel)
    assert ((rates["purchase_rate"] >= 0) & (rates["purchase_rate"] <= 1)).all()
    full = states.check_transition_matrix(prospects.GENERATING_MATRIX)
    table = states.recovery_table(full, full, moves)
    assert (table["difference"] == 0).all()
    out = states.absorption(full, ["non_customer"])
    assert len(states.absorption_table(out)) == len(states.STATES) - 1

