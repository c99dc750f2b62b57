"""Property tests of crmlab.referrals (the Vanke case): invariants of the referral funnel,
an owner's value and the referral reward.

The funnel's channels add up and the referred share is a share; an owner's four value
parts add up to the total (crmlab.value.clv_components); a reward raises a rate towards 1
and never above; the programme's net value is extra buyers × profit − rewards paid on
every referred sale; any reward below the break-even pays and one above it does not.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from crmlab import referrals as R
from crmlab.simulate import vanke

share = st.floats(0, 1, allow_nan=False)
positive_share = st.floats(0.01, 1, allow_nan=False)
count = st.floats(0, 1e6, allow_nan=False)
money = st.floats(0, 1e6, allow_nan=False)


@given(count, share, st.floats(0, 10), share, money, st.floats(1, 1e4), positive_share, count, count)
def test_funnel_adds_up_and_share_is_a_share(n, q, k, c, budget, cpl, cad, walk, rep):
    f = R.referral_funnel(n, q, k, c, budget, cpl, cad, walk, rep)
    assert f["buyers"] == pytest.approx(f["referred"] + f["advertising"] + walk + rep)
    assert 0 <= f["referred_share"] <= 1
    assert f["referred"] <= f["referral_leads"] + 1e-9 and f["recommenders"] <= n + 1e-9


@given(count, share, share)
def test_repeat_buyers_never_exceed_intenders(n, i, f):
    assert 0 <= R.repeat_buyers(n, i, f) <= n * i + 1e-9


@given(money, share, st.floats(0, 5), share, money, st.floats(0.5, 1), share, share)
def test_owner_value_parts_add_up(own, q, k, c, v, r, i, f):
    parts = R.owner_value(own, q, k, c, v, retention=r, would_buy_again=i, follow_through=f,
                          knowledge=1.0).set_index("component")
    assert parts.loc["total", "value"] == pytest.approx(parts["value"].iloc[:4].sum())
    assert parts["share"].iloc[:4].sum() == pytest.approx(1)


@given(share, money, money, st.floats(1, 1e6))
def test_reward_response_rises_within_bounds(q0, r1, r2, s):
    lo, hi = sorted((r1, r2))
    a, b = R.reward_response(q0, lo, s), R.reward_response(q0, hi, s)
    assert q0 - 1e-12 <= a <= b + 1e-12 <= 1 + 1e-12


@given(count, share, st.floats(0, 5), share, st.floats(0, 2e5), share, st.floats(1e3, 1e7),
       st.floats(0, 5e5))
def test_programme_net_value_identity(n, q, k, c, reward, b, s, v):
    out = R.referral_programme(n, q, k, c, reward, b, s, v)
    assert out["extra_referred"] >= -1e-9
    assert out["net_value"] == pytest.approx(out["extra_referred"] * v - reward * out["with"]["referred"],
                                             rel=1e-9, abs=1e-6)
    curve = R.reward_curve(n, q, k, c, [reward], b, s, v)
    assert curve["net_value"].iloc[0] == pytest.approx(out["net_value"], rel=1e-9, abs=1e-6)


@given(st.floats(100, 1e5), st.floats(0.01, 0.9), st.floats(0.1, 5), st.floats(0.05, 0.9),
       share, st.floats(1e4, 1e7), st.floats(1e3, 5e5))
def test_break_even_reward_brackets_positive_net(n, q, k, c, b, s, v):
    even = R.break_even_reward(n, q, k, c, b, s, v)
    assume(even["break_even_reward"] > 0)
    net = lambda r: R.referral_programme(n, q, k, c, r, b, s, v)["net_value"]  # noqa: E731
    assert even["best_reward"] <= even["break_even_reward"] + 1e-6
    assert net(even["best_reward"] * 0.5) > 0
    if even["break_even_reward"] < v:
        assert net(min(v, even["break_even_reward"] * 1.01)) < 0
    assert net(even["best_reward"]) >= net(0.5 * even["best_reward"]) - 1e-6 * abs(even["best_net_value"])


@given(share, st.floats(0, 5), share, st.floats(0, 1e5), st.floats(100, 5000))
def test_whatif_shares_are_shares(q, k, c, reward, cpl):
    out = R.programme_whatif(10_000, q, k, c, reward, cpl)
    assert 0 <= out["referred_share_without"] <= out["referred_share_with"] + 1e-12 <= 1 + 1e-12
    assert np.all(out["buyers_with"].to_numpy() >= out["buyers_without"].to_numpy() - 1e-9)


@given(st.integers(0, 2**32 - 1))
def test_channel_shares_are_shares(seed):
    t = R.channel_shares(vanke.generate(seed), by="city")
    assert np.allclose(t[["referral", "advertising", "walk_in", "repeat_owner"]].sum(axis=1), 1)
    assert t["referral"].between(0.3, 0.5).all()


@given(st.integers(0, 2**32 - 1), st.integers(1, 3000))
def test_survey_yes_counts_are_exact(seed, n):
    rates = R.survey_rates(vanke.generate_survey(seed, n=n))
    for col, yes in vanke.SURVEY_YES.items():
        assert rates[col] * n == pytest.approx(round(yes * n / 1000))
