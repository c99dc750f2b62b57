"""Property tests of crmlab.satisfaction (Chapter 7): invariants of the survey measures.

Likert shares add to 1 and the boxes are sums of them; gap shares add to 1; the
0–100 index stays in range and rises with any attribute's performance; IPA
quadrants agree with the crosshair; the hidden-dissatisfaction estimate is
complaints ÷ visible share; complaint groups add up to the dissatisfied and more
resolution never keeps fewer; Cochran's sample size meets its margin (and one fewer
does not, without a population); loyalty counts add up; the generator keeps its
calibration for any seed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crmlab import satisfaction as S
from crmlab.simulate import carcare_survey

share = st.floats(0, 1, allow_nan=False)
rating = st.integers(1, 5)
means = st.lists(st.floats(1, 5, allow_nan=False), min_size=2, max_size=8)


@st.composite
def ratings(draw, cols=3):
    n = draw(st.integers(1, 30))
    data = draw(st.lists(st.lists(rating, min_size=cols, max_size=cols), min_size=n, max_size=n))
    return pd.DataFrame(data, columns=[f"c{i}" for i in range(cols)])


@given(ratings())
def test_likert_shares_add_up_and_boxes_agree(df):
    s = S.likert_summary(df)
    shares = s[[f"share_{k}" for k in range(1, 6)]]
    assert np.allclose(shares.sum(axis=1), 1)
    assert np.allclose(s["top2"], s["share_4"] + s["share_5"])
    assert np.allclose(s["bottom2"], s["share_1"] + s["share_2"])
    assert ((s["mean"] >= 1) & (s["mean"] <= 5)).all() and (s["sd"] >= 0).all()


@given(ratings(), ratings())
def test_gap_summary_shares_add_to_one(a, b):
    n = min(len(a), len(b))
    g = S.gap_scores(a.iloc[:n].reset_index(drop=True), b.iloc[:n].reset_index(drop=True))
    assert ((g >= -4) & (g <= 4)).all().all()
    s = S.gap_summary(g)
    assert np.allclose(s[["share_below", "share_met", "share_above"]].sum(axis=1), 1)
    assert s["mean_gap"].is_monotonic_increasing


@given(means, st.data())
def test_index_in_0_100_and_monotone(perf, data):
    idx = [f"a{i}" for i in range(len(perf))]
    p = pd.Series(perf, index=idx)
    w = pd.Series(data.draw(st.lists(st.floats(1, 5, allow_nan=False), min_size=len(perf),
                                     max_size=len(perf))), index=idx)
    base = S.satisfaction_index(p, w)
    assert -1e-9 <= base <= 100 + 1e-9
    up = p.copy()
    up.iloc[0] = min(5.0, up.iloc[0] + 0.5)
    assert S.satisfaction_index(up, w) >= base - 1e-9


@given(means, st.data())
def test_ipa_quadrant_matches_the_crosshair(perf, data):
    idx = [f"a{i}" for i in range(len(perf))]
    imp = pd.Series(data.draw(st.lists(st.floats(1, 5, allow_nan=False), min_size=len(perf),
                                       max_size=len(perf))), index=idx)
    p = pd.Series(perf, index=idx)
    for rule in ("mean", "median"):
        t = S.ipa(imp, p, rule)
        x, y = t.attrs["crosshair"]
        high_i, high_p = t["importance"] >= x, t["performance"] >= y
        expected = np.where(high_i, np.where(high_p, "keep_up", "concentrate_here"),
                            np.where(high_p, "possible_overkill", "low_priority"))
        assert (t["quadrant"].to_numpy() == expected).all()


@given(means, st.floats(0, 4, allow_nan=False))
def test_ipa_whatif_improvement_never_lowers_the_index(perf, step):
    idx = [f"a{i}" for i in range(len(perf))]
    p = pd.Series(perf, index=idx)
    r = S.ipa_whatif(p, p, "a0", step)
    assert r["index_change"] >= -1e-9
    assert r["table"].loc["a0", "performance"] <= 5


@settings(max_examples=10)
@given(st.integers(0, 2**31))
def test_problem_shares_are_a_pareto_list(seed):
    df = carcare_survey.generate(seed, n=60)
    t = S.problem_analysis(df)
    if len(t):
        assert t["n"].is_monotonic_decreasing
        assert t["cumulative_share"].iloc[-1] == pytest.approx(1)


@settings(max_examples=10)
@given(st.integers(0, 2**31), st.floats(1, 1e9), st.floats(1, 1e9))
def test_indicator_shares_are_shares(seed, now, before):
    ind = S.satisfaction_indicators(carcare_survey.generate(seed, n=40), now, before)
    assert ind.iloc[:4].between(0, 1).all()
    assert ind["sales_power"] == pytest.approx(now / before - 1)


@given(st.floats(0, 1e9), st.floats(0.001, 1))
def test_hidden_dissatisfaction_identity(c, v):
    r = S.hidden_dissatisfaction(c, v)
    assert r["dissatisfied"] * v == pytest.approx(c)
    assert r["hidden"] == pytest.approx(r["dissatisfied"] - c) and r["hidden"] >= -1e-6
    view = S.estimates_view({"a": r, "b": S.hidden_dissatisfaction(c, 1.0)})
    assert view.loc["b", "hidden"] == 0 and view.loc["a", "complaints"] == c


@settings(max_examples=10)
@given(st.integers(0, 2**31))
def test_dissatisfaction_counts_add_up(seed):
    c = S.dissatisfaction_counts(carcare_survey.generate(seed, n=100))
    assert c["complained"] + c["hidden"] == c["dissatisfied"]
    assert 0 <= c["hidden_share"] <= 1


@given(st.floats(0, 1e6), share, share, share, share, share)
def test_complaint_groups_add_up_and_kept_rises(d, c, r1, r2, f1, f2):
    lo, hi = sorted((r1, r2))
    a = S.complaint_outcomes(d, c, lo, f1)
    b = S.complaint_outcomes(d, c, hi, f1)
    total = a["silent"] + a["unresolved"] + a["resolved_slow"] + a["resolved_fast"]
    assert total == pytest.approx(d, abs=1e-6)
    assert b["kept"] >= a["kept"] - 1e-6
    assert 0 <= a["kept"] <= d + 1e-6
    slow, fast = sorted((f1, f2))
    assert S.complaint_outcomes(d, c, hi, fast)["kept"] >= S.complaint_outcomes(d, c, hi, slow)["kept"] - 1e-6


@given(st.floats(0.005, 0.5), st.floats(0.01, 0.99), st.sampled_from([0.8, 0.9, 0.95, 0.99]),
       st.one_of(st.none(), st.integers(2, 10**6)))
def test_sample_size_meets_its_margin(e, p, conf, pop):
    n = S.sample_size(e, p, conf, pop)
    assert S.margin_of_error(n, p, conf, pop) <= e + 1e-12
    if pop is None and n > 1:
        assert S.margin_of_error(n - 1, p, conf) > e - 1e-12
    if pop is not None:
        assert n <= pop


@given(st.lists(st.integers(1, 5000), min_size=2, max_size=6, unique=True))
def test_sample_size_table_margin_falls_cost_rises(sizes):
    t = S.sample_size_table(sorted(sizes))
    assert t["margin"].is_monotonic_decreasing and t["survey_cost"].is_monotonic_increasing


@settings(max_examples=10)
@given(st.integers(0, 2**31))
def test_loyalty_counts_and_rates(seed):
    df = carcare_survey.generate(seed, n=200)
    t = S.loyalty_by_satisfaction(df)
    assert t["n"].sum() == len(df)
    assert t["apostles"].sum() <= t.loc[5, "n"] and t["terrorists"].sum() <= t.loc[[1, 2], "n"].sum()
    assert t["repurchase_rate"].dropna().between(0, 1).all()
    assert S.repurchase_multiple(t) == pytest.approx(t.loc[5, "repurchase_rate"] / t.loc[4, "repurchase_rate"])


@settings(max_examples=10)
@given(st.integers(0, 2**31), st.integers(2, 5))
def test_loyalty_matrix_counts_add_up(seed, threshold):
    df = carcare_survey.generate(seed, n=80)
    m = S.loyalty_matrix(df, threshold=threshold)
    assert m["n"].sum() == len(df)
    grid = S.loyalty_matrix_view(m)
    assert grid.shape == (2, 2)


@settings(max_examples=5)
@given(st.integers(0, 2**31))
def test_generator_keeps_the_calibration(seed):
    df = carcare_survey.generate(seed)
    assert S.dissatisfaction_counts(df)["hidden_share"] == pytest.approx(0.7, abs=0.01)
    assert S.repurchase_multiple(S.loyalty_by_satisfaction(df)) == pytest.approx(6, rel=0.06)


_PANELS = {}


def _panel(name):
    if name not in _PANELS:
        _PANELS[name] = S.ipa_panel() if name == "ipa_panel" else S.complaint_panel()
    return _PANELS[name]


@settings(max_examples=8)
@given(st.sampled_from(["ipa_panel", "complaint_panel"]), st.data())
def test_panels_give_finite_results_anywhere(name, data):
    """Either panel (ipa_panel, complaint_panel), set anywhere on its controls, gives finite numbers."""
    from crmlab import widgets

    panel = _panel(name)
    values = {}
    for c in panel.controls:
        if isinstance(c, widgets.Choice):
            values[c.name] = data.draw(st.sampled_from([v for _, v in c.pairs()]))
        else:
            k = data.draw(st.integers(0, round((c.max - c.min) / c.step)))
            values[c.name] = min(c.max, c.min + k * c.step)
    result = panel.set(**values)
    numbers = [v for v in result.values() if isinstance(v, (int, float))]
    assert numbers and np.isfinite(numbers).all()


@settings(max_examples=5)
@given(st.integers(0, 2**31), st.sampled_from(["expected", "perceived", "importance"]))
def test_attribute_blocks_are_the_survey_columns(seed, kind):
    df = carcare_survey.generate(seed, n=30)
    block = S.attribute_ratings(df, kind)
    prefix = {"expected": "exp", "perceived": "perf", "importance": "imp"}[kind]
    assert list(block.columns) == list(S.ATTRIBUTES)
    assert (block.to_numpy() == df[[f"{prefix}_{a}" for a in S.ATTRIBUTES]].to_numpy()).all()
