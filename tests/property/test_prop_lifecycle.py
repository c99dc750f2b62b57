"""Property tests of crmlab.lifecycle (Chapter 3): invariants of the lifecycle models.

Profit = revenue − cost in every stage; cumulative paths add up their profits;
with a profitable stability stage a longer-lasting pattern is worth more; the stage
rule of classify_stages holds row by row; CLV grows with the lifecycle's length; sBG
retention is the ratio of successive survival shares and rises with tenure; fitting
exact sBG (or geometric) survivors recovers their parameters; heterogeneity never
lowers CLV against constant retention at the same first-year retention.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from crmlab import lifecycle as L
from crmlab.simulate import distributor_lifecycle

level = st.floats(0, 500, allow_nan=False)
shape = st.floats(0.2, 8, allow_nan=False)


@given(st.dictionaries(st.sampled_from(L.STAGES), level, max_size=4),
       st.dictionaries(st.sampled_from(L.STAGES), level, max_size=4))
def test_profit_is_revenue_minus_cost(revenue, cost):
    e = L.stage_economics(revenue, cost)
    assert np.allclose(e["profit"], e["revenue"] - e["cost"])
    for s, v in revenue.items():
        assert e.loc[s, "revenue"] == v


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, 6),
       st.integers(0, 3), st.floats(0, 0.3))
def test_pattern_paths_cumulate_their_profits(e, f, c, extra, k, d):
    paths = L.pattern_paths(e, f, c, c + extra, k, discount_rate=d)
    for p, part in paths.groupby("pattern"):
        assert np.allclose(part["cumulative_profit"], part["profit"].cumsum())
        assert np.allclose(part["cumulative_value"],
                           (part["profit"] / (1 + d) ** part["period"]).cumsum())
        assert part["period"].tolist() == list(range(1, len(part) + 1))
    lengths = paths.groupby("pattern")["period"].max()
    assert lengths.is_monotonic_increasing


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, 6),
       st.floats(15, 300), st.floats(0, 0.3))
def test_longer_patterns_earn_more_when_stability_pays(e, f, c, extra, stability_profit, d):
    out = L.patterns_panel_model(e, f, c, c + extra, -40, 30, stability_profit, d)
    s = out["values"]["summary"]
    assert s.equals(L.pattern_values(e, f, c, c + extra, revenue=out["values"]["paths"]
                                     .groupby("stage")["revenue"].first().to_dict(),
                                     discount_rate=d)["summary"])
    # C and D share their path up to C's exit; D then adds stability years that earn at
    # least the decline year's 15 元, so it is worth more
    assert s.loc["D", "discounted_value"] > s.loc["C", "discounted_value"] - 1e-9
    assert s.loc["D", "total_profit"] > s.loc["C", "total_profit"]
    for p in L.PATTERNS:
        be = out[f"break_even_{p}"]
        part = out["values"]["paths"].query("pattern == @p")
        if be is None:
            assert (part["cumulative_profit"] < 0).all()
        else:
            assert part["cumulative_profit"].iloc[be - 1] >= 0
            assert (part["cumulative_profit"].iloc[:be - 1] < 0).all()


@given(st.integers(0, 10_000), st.floats(0.3, 0.9), st.floats(0.0, 0.5), st.floats(0.05, 0.9))
def test_classify_stages_follows_its_rule(seed, share, growth, drop):
    h = distributor_lifecycle.generate(seed, n=25)
    out = L.classify_stages(h, stability_share=share, growth=growth, decline_drop=drop)
    assert len(out) == len(h) and (out.index == h.index).all()
    assert np.allclose(out["share"], h["purchases_firm"] / h["purchases_total"])
    dec = (out["firm_change"] <= -drop) & (out["total_change"] >= -0.05)
    assert (out.loc[dec, "stage"] == "decline").all()
    assert (out.loc[~dec & (out["share"] >= share), "stage"] == "stability").all()
    first = h.groupby("customer_id").cumcount() == 0
    assert out.loc[first, "stage"].isin(["exploration", "stability"]).all()


@given(st.floats(-500, 500), st.floats(0, 0.5))
def test_clv_grows_with_length(margin, d):
    t = L.clv_by_length(margin, np.arange(1, 31), d)
    diffs = np.diff(t["discounted"])
    if margin > 0:
        assert (diffs > 0).all()
    elif margin < 0:
        assert (diffs < 0).all()
    assert np.allclose(t["simple"], margin * t["length"])


@given(st.integers(0, 10_000))
def test_cohort_survivors_count_customers(seed):
    h = distributor_lifecycle.generate(seed, n=30)
    s = L.cohort_survivors(h)
    by_hand = h.groupby("year")["customer_id"].nunique().reindex(range(1, 14), fill_value=0)
    assert s[: len(by_hand)].tolist() == by_hand.tolist()[: len(s)]
    assert (np.diff(s) <= 0).all()


@given(shape, shape, st.integers(1, 40))
def test_sbg_retention_is_survival_ratio_and_rises(a, b, T):
    S = L.sbg_survival(a, b, T)
    r = L.sbg_retention(a, b, T)
    assert S[0] == pytest.approx(1.0)
    assert np.allclose(S[1:] / S[:-1], r)
    assert (np.diff(r) > 0).all() and ((r > 0) & (r < 1)).all()


@given(st.floats(0.3, 3), st.floats(0.5, 6))
def test_fit_sbg_recovers_exact_survivors(a, b):
    survivors = 1e6 * L.sbg_survival(a, b, 10)
    fit = L.fit_sbg(survivors, 7)
    assert fit["alpha"] == pytest.approx(a, rel=0.02)
    assert fit["beta"] == pytest.approx(b, rel=0.02)
    out = L.forecast_survivors(survivors, 7)
    assert out["mape_sbg"] < 1e-3


@given(st.floats(0.3, 0.95))
def test_constant_retention_recovers_geometric_survivors(r):
    survivors = 1000 * r ** np.arange(8)
    assert L.fit_constant_retention(survivors) == pytest.approx(r, rel=1e-9)


@given(shape, shape, st.floats(1, 500), st.floats(0.02, 0.3))
def test_sbg_clv_at_least_constant_clv(a, b, m, d):
    out = L.retention_panel_model(a, b, m, d, 12, horizon=300)
    assert out["clv_sbg"] >= out["clv_constant"] * (1 - 1e-9)
    assert out["clv_sbg"] == pytest.approx(L.sbg_clv(a, b, m, d, 300))
    assert L.retention_whatif(a, b, m, d, 12, 300)["first_retention"] == pytest.approx(b / (a + b))


@given(st.integers(1, 5), st.integers(1, 6), st.floats(-60, 40), st.floats(0.1, 5), st.floats(0.1, 10))
def test_panels_agree_with_their_models(exploration, formation, profit, a, b):
    panel = L.patterns_panel()
    try:
        shown = panel.set(exploration_periods=exploration, formation_periods=formation,
                          exploration_profit=profit)
        model = L.patterns_panel_model(exploration, formation, 2, 8, profit, 30.0, 110.0, 0.10)
        assert shown["value_D"] == pytest.approx(model["value_D"])
        assert shown["patterns_paying_back"] == model["patterns_paying_back"]
    finally:
        panel.close()
    panel = L.retention_panel()
    try:
        shown = panel.set(alpha=a, beta=b)
        assert shown["clv_sbg"] == pytest.approx(L.sbg_clv(a, b, 100.0, 0.10, 200))
        assert shown["first_retention"] == pytest.approx(b / (a + b))
    finally:
        panel.close()


@given(st.integers(0, 10_000), st.integers(1, 4), st.floats(0, 0.3))
def test_tables_show_the_model_numbers(seed, e, d):
    values = L.pattern_values(e, discount_rate=d)
    t = L.pattern_table(values)
    assert np.allclose(t["discounted_value"], values["summary"]["discounted_value"])
    assert np.allclose(L.stage_table(L.stage_economics())["profit"], L.stage_economics()["profit"])
    c = L.classify_stages(distributor_lifecycle.generate(seed, n=20))
    assert int(L.stage_mix(c).to_numpy().sum()) == len(c)
    first = c["customer_id"].iloc[0]
    assert len(L.customer_path(c, first)) == int((c["customer_id"] == first).sum())
    est = L.estimates_table(7)
    assert np.allclose(est["alpha"], est["published_alpha"], atol=5e-4)
    assert np.allclose(est["beta"], est["published_beta"], atol=5e-4)
