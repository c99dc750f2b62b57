"""Property tests of crmlab.delivered (Chapter 4): invariants of customer delivered value.

CDV = total customer value − total customer cost (顾客让渡价值 = 总价值 − 总成本); logit
shares are shares (sum 1, each in [0, 1]) and tend to the highest-CDV rule as the
sensitivity grows; the cheapest single lever really overtakes the best competitor and
no feasible single lever is cheaper.  Offers are drawn at random (模拟数据).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crmlab import delivered as D

C = list(D.COMPONENTS)
amount = st.floats(0, 5000, allow_nan=False)
positive = st.floats(1, 5000, allow_nan=False)
NAMES = ["甲", "乙", "丙", "丁"]


@st.composite
def offer_sets(draw, min_n=2, max_n=4):
    n = draw(st.integers(min_n, max_n))
    rows = [[draw(amount) for _ in range(4)] + [draw(positive)] + [draw(amount) for _ in range(3)]
            for _ in range(n)]
    return pd.DataFrame(rows, index=pd.Index(NAMES[:n], name="offer"), columns=C)


@st.composite
def weight_sets(draw, segments=("g", "h")):
    rows = [[draw(st.floats(0, 3)) for _ in C] for _ in segments]
    w = pd.DataFrame(rows, index=pd.Index(list(segments), name="segment"), columns=C)
    w["monetary_cost"] = draw(st.floats(0.5, 3))   # every segment weighs the price
    return w


@given(offer_sets(), weight_sets())
def test_cdv_is_value_minus_cost(offers, weights):
    plain = D.delivered_value(offers)
    assert np.allclose(plain["total_value"], offers[list(D.VALUE_COMPONENTS)].sum(axis=1))
    assert np.allclose(plain["total_cost"], offers[list(D.COST_COMPONENTS)].sum(axis=1))
    for t in (plain, D.delivered_value(offers, weights)):
        assert np.allclose(t["cdv"], t["total_value"] - t["total_cost"], rtol=1e-12, atol=1e-9)
        assert np.allclose(t["ratio"] * t["total_cost"], t["total_value"])
    cdv = D.cdv_by_segment(offers, weights)
    for g in weights.index:
        by_hand = (offers[list(D.VALUE_COMPONENTS)] * weights.loc[g, list(D.VALUE_COMPONENTS)]).sum(axis=1) \
            - (offers[list(D.COST_COMPONENTS)] * weights.loc[g, list(D.COST_COMPONENTS)]).sum(axis=1)
        assert np.allclose(cdv.loc[g, list(offers.index)], by_hand, rtol=1e-12, atol=1e-9)


cdv_lists = st.lists(st.floats(-20000, 20000, allow_nan=False), min_size=2, max_size=6)


@given(cdv_lists, st.floats(0, 50, allow_nan=False))
def test_logit_shares_sum_to_one_in_unit_interval(cdv, lam):
    series = pd.Series(cdv, index=[f"o{i}" for i in range(len(cdv))])
    s = D.logit_shares(series, lam)
    assert s.sum() == pytest.approx(1.0, abs=1e-12)
    assert ((s >= 0) & (s <= 1)).all()
    order = np.argsort(cdv, kind="stable")   # a higher CDV never gets a smaller share
    assert np.all(np.diff(s.to_numpy()[order]) >= -1e-12)
    frame = pd.DataFrame([cdv, cdv[::-1]], columns=series.index)
    shares = D.choice_shares(frame, lam)
    assert np.allclose(shares.sum(axis=1), 1.0)


@given(st.lists(st.integers(-5000, 5000), min_size=2, max_size=5, unique=True))
def test_logit_tends_to_the_highest_cdv_rule(cdv):
    series = pd.Series([float(c) for c in cdv], index=[f"o{i}" for i in range(len(cdv))])
    rule = D.choice_shares(series)
    assert rule[D.chosen_offer(pd.DataFrame([series]))[0]] == 1.0
    gap = np.diff(np.sort(series.to_numpy()))[-1]          # lead of the best offer, >= 1 元
    best = series.idxmax()
    previous = 0.0
    for odds in (1, 5, 20, 50):                              # λ per 1,000 元 giving e^odds
        s = D.logit_shares(series, 1000 * odds / gap)
        assert s[best] >= previous - 1e-12                   # the best offer's share grows
        previous = s[best]
    assert np.allclose(D.logit_shares(series, 1000 * 50 / gap), rule, atol=1e-12)
    assert np.allclose(D.logit_shares(series, 0.0), 1 / len(cdv))


@given(offer_sets(min_n=2, max_n=3), st.floats(0.5, 3), st.floats(0.5, 3), st.floats(1, 200))
def test_cheapest_lever_overtakes_and_nothing_single_is_cheaper(offers, w_service, w_price, lead):
    weights = pd.DataFrame(1.0, index=["g"], columns=C)
    weights.loc["g", ["service_value", "monetary_cost"]] = [w_service, w_price]
    r = D.cheapest_lever(offers, "甲", weights, "g", lead=lead)
    table = D.lever_table(offers, "甲", weights, "g", lead=lead)
    if r["lever"] is None:
        if r["firm_cost"] == 0:
            assert r["gap"] + lead <= 0
        else:
            assert not table["feasible"].any()
        return
    k, delta = r["lever"], r["change_needed"]
    sign = 1 if k in D.VALUE_COMPONENTS else -1
    changed = offers.copy()
    changed.loc["甲", k] += sign * delta
    cdv = D.cdv_by_segment(changed, weights).loc["g"]
    assert cdv["甲"] >= cdv.drop("甲").max() + lead - 1e-6 * max(1.0, abs(cdv).max())
    feasible = table[table["feasible"]]
    assert r["firm_cost"] <= feasible["firm_cost"].min() + 1e-9
    # every feasible lever, changed by its own change_needed, overtakes too (so none is cheaper)
    for lever, row in feasible.iterrows():
        other = offers.copy()
        other.loc["甲", lever] += (1 if lever in D.VALUE_COMPONENTS else -1) * row["change_needed"]
        c2 = D.cdv_by_segment(other, weights).loc["g"]
        assert c2["甲"] >= c2.drop("甲").max() + lead - 1e-6 * max(1.0, abs(c2).max())
        assert row["firm_cost"] >= r["firm_cost"] - 1e-9
    # a smaller change of the same lever does not overtake
    short = offers.copy()
    short.loc["甲", k] += sign * 0.9 * delta
    cdv_short = D.cdv_by_segment(short, weights).loc["g"]
    assert cdv_short["甲"] < cdv_short.drop("甲").max() + lead


@given(offer_sets(min_n=2, max_n=4))
def test_best_by_picks_the_maximum(offers):
    t = D.delivered_value(offers)
    assert t.loc[D.best_by(t, "cdv"), "cdv"] == t["cdv"].max()
    assert t.loc[D.best_by(t, "ratio"), "ratio"] == t["ratio"].max()
    ranks = D.rank_forms(t)
    assert ranks["cdv_rank"].between(1, len(t)).all() and ranks["ratio_rank"].between(1, len(t)).all()
    # rank r: fewer than r offers have a strictly higher CDV (ties share a rank)
    for o in t.index:
        assert (t["cdv"] > t.loc[o, "cdv"]).sum() < ranks.loc[o, "cdv_rank"]
    assert ranks.loc[D.best_by(t, "cdv"), "cdv_rank"] == 1
    assert len(D.rank_view(ranks)) == len(t)


@given(offer_sets(min_n=2, max_n=3), weight_sets(), st.floats(0, 900), st.floats(0.1, 3), st.floats(0, 5))
def test_price_or_value_shares_are_shares(offers, weights, budget, unit_cost, lam):
    budget = min(budget, float(offers.loc["甲", "monetary_cost"]))
    t = D.price_or_value(offers, weights, "甲", budget, unit_cost=unit_cost, sensitivity=lam)
    for c in ("share_now", "share_price_cut", "share_value"):
        assert ((t[c] >= -1e-12) & (t[c] <= 1 + 1e-12)).all()
    # spending money on the customer never lowers the firm's share
    assert (t["gain_price_cut"] >= -1e-12).all() and (t["gain_value"] >= -1e-12).all()
    assert np.allclose(t["gain_price_cut"], t["share_price_cut"] - t["share_now"])
    model = D.price_or_value_panel_model(offers, weights, "甲", budget, unit_cost, sensitivity=lam)
    assert model is not None
    assert len(D.price_or_value_view(t)) == len(t)


@given(offer_sets(min_n=2, max_n=3), weight_sets(), st.sampled_from(C), st.floats(0, 5000))
def test_our_offer_whatif_equals_the_changed_offer(offers, weights, component, amount):
    if component == "monetary_cost":
        amount = max(amount, 1.0)
    before = offers.copy()
    r = D.our_offer_whatif(offers, weights, "甲", sensitivity=1.0, **{component: amount})
    pd.testing.assert_frame_equal(offers, before)   # the input is not changed
    changed = offers.copy()
    changed.loc["甲", component] = amount
    assert r["cdv"] == pytest.approx(D.delivered_value(changed).loc["甲", "cdv"])
    assert np.allclose(r["cdv_by_segment"].to_numpy(), D.cdv_by_segment(changed, weights).to_numpy())
    assert np.allclose(r["shares"].sum(axis=1), 1.0)
    model = D.our_offer_panel_model(offers, weights, "甲", sensitivity=1.0, **{component: amount})
    assert model["cdv"] == pytest.approx(r["cdv"])


@given(st.integers(0, 10_000), st.integers(8, 40))
def test_survey_profiles_and_weights_are_finite(seed, n):
    from crmlab.simulate import fridge_survey
    survey = fridge_survey.generate(seed, n=n)
    offers = D.offer_profiles(survey)
    weights = D.segment_weights(survey)
    assert np.isfinite(offers.to_numpy(float)).all() and (offers.to_numpy(float) >= 0).all()
    assert np.isfinite(weights.to_numpy(float)).all() and (weights.to_numpy(float) >= 0).all()
    assert np.allclose(offers["monetary_cost"], survey.groupby("offer")["price"].mean().loc[offers.index])
    cdv = D.cdv_by_segment(offers, weights)
    assert np.isfinite(cdv.to_numpy(float)).all()
