"""Property tests of crmlab.basket (case 沃尔玛的啤酒与尿布): invariants of association rules.

On random baskets (hypothesis): frequent item sets equal a brute-force count over
every item set; every rule obeys s = s(A∪B), c = s(A∪B)/s(A), L = c/s(B), lift is
symmetric and rules are sorted by lift; raising a threshold never adds a rule; the
apriori steps add up (candidates = pruned + counted, frequent ≤ counted); time
slices partition the baskets.  The bundled data are 模拟数据.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crmlab import basket as B
from crmlab import datasets

ITEMS = ["面包", "牛奶", "尿布", "啤酒", "鸡蛋", "可乐"]


@st.composite
def baskets(draw, max_n=25):
    n = draw(st.integers(1, max_n))
    rows = [draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4, unique=True))
            for _ in range(n)]
    return rows


supports = st.floats(0.01, 1.0, allow_nan=False)


def _key(items):
    return "|".join(sorted(items))


@given(baskets(), supports)
def test_frequent_itemsets_equal_brute_force(data, min_support):
    m = B.basket_matrix(data)
    got = B.frequent_itemsets(data, min_support)
    found = dict(zip(got["itemset"].map(_key), got["support"]))
    expected = {}
    for k in range(1, m.shape[1] + 1):
        for items in itertools.combinations(m.columns, k):
            s = m[list(items)].all(axis=1).mean()
            if s >= min_support - 1e-9:
                expected[_key(items)] = s
    assert set(found) == set(expected)
    for k, s in expected.items():
        assert found[k] == pytest.approx(s)


@given(baskets(), supports, st.floats(0.01, 1.0))
def test_rule_metrics_obey_the_definitions(data, min_support, min_confidence):
    rules = B.association_rules(data, min_support, min_confidence)
    assert rules["lift"].is_monotonic_decreasing
    assert (rules["support"] >= min_support - 1e-9).all()
    assert (rules["confidence"] >= min_confidence - 1e-9).all()
    by = {(_key(a), _key(c)): lift for a, c, lift in
          rules[["antecedent", "consequent", "lift"]].itertuples(index=False)}
    for a, c, s, conf, lift in rules[["antecedent", "consequent", "support", "confidence",
                                      "lift"]].itertuples(index=False):
        assert not set(a) & set(c)
        one = B.rule_metrics(data, list(a), list(c))
        assert s == pytest.approx(one["support"])
        assert conf == pytest.approx(one["count_ab"] / one["count_a"])
        assert lift == pytest.approx(conf / one["consequent_support"])
        if (_key(c), _key(a)) in by:
            assert by[(_key(c), _key(a))] == pytest.approx(lift)


@given(baskets(), supports, supports, st.floats(0.01, 1.0), st.floats(0.01, 1.0))
def test_higher_thresholds_give_fewer_rules(data, s1, s2, c1, c2):
    lo_s, hi_s = sorted((s1, s2))
    lo_c, hi_c = sorted((c1, c2))
    few = B.association_rules(data, hi_s, hi_c)
    many = B.association_rules(data, lo_s, lo_c)
    assert set(zip(few["antecedent"].map(_key), few["consequent"].map(_key))) <= \
        set(zip(many["antecedent"].map(_key), many["consequent"].map(_key)))
    m = B.basket_matrix(data)
    r_few, r_many = B.rules_whatif(m, hi_s, hi_c), B.rules_whatif(m, lo_s, lo_c)
    assert r_few["n_rules"] <= r_many["n_rules"]
    mats = {"全部": m}
    assert B.rules_panel_model(mats, hi_s, hi_c, "全部")["n_rules"] == r_few["n_rules"]


@given(baskets(), supports)
def test_apriori_steps_add_up(data, min_support):
    steps = B.apriori_steps(data, min_support)
    assert (steps["candidates"] == steps["pruned"] + steps["counted"]).all()
    assert (steps["frequent"] <= steps["counted"]).all()
    f = B.frequent_itemsets(data, min_support)
    assert steps["frequent"].sum() == len(f)


@given(baskets())
def test_basket_matrix_round_trips_the_table(data):
    t = pd.DataFrame([(f"T{i:03d}", x) for i, b in enumerate(data) for x in b],
                     columns=["order_id", "item"])
    m = B.basket_matrix(t)
    assert m.to_numpy().sum() == len(t)
    assert list(m.index) == sorted(t["order_id"].unique())
    m2 = B.basket_matrix(data)
    np.testing.assert_array_equal(m.to_numpy(), m2.to_numpy())


@given(baskets())
def test_item_support_is_column_mean(data):
    s = B.item_support(data)
    m = B.basket_matrix(data)
    for item, v in s.items():
        assert v == pytest.approx(m[item].mean())
    assert s.is_monotonic_decreasing


def test_slices_partition_the_baskets():
    t = datasets.load_supermarket_baskets()
    parts = [B.slice_baskets(t, s) for s in B.TIME_SLICES]
    assert sum(len(p) for p in parts) == len(t)
    mats = B.slice_matrices(t)
    assert len(mats["全部"]) == t["order_id"].nunique()
    by = B.rule_by_slice(t, "面包", "牛奶")
    assert by["baskets"].iloc[1:].sum() == by.loc["全部", "baskets"]
    assert by.loc["工作日晚间", "lift"] == pytest.approx(
        B.rule_metrics(mats["工作日晚间"], "面包", "牛奶")["lift"])


def test_loader_matches_card():
    card = datasets.card("supermarket_baskets")
    frame = datasets.load_supermarket_baskets()
    assert len(frame) == card["rows"]
    assert datasets.sha256(datasets.csv_bytes(frame)) == card["sha256"]


_PANEL = {}


def _rules_panel():
    if "panel" not in _PANEL:
        _PANEL["panel"] = B.rules_panel()
    return _PANEL["panel"]


@pytest.fixture(scope="module", autouse=True)
def _close_panel():
    yield
    if "panel" in _PANEL:
        _PANEL.pop("panel").close()


@given(st.integers(1, 20), st.integers(1, 18), st.sampled_from(["全部", "工作日晚间", "周末"]))
def test_rules_panel_shows_its_model(k_support, k_confidence, time_slice):
    """rules_panel shows rules_panel_model at every setting on the sliders' grid."""
    panel = _rules_panel()
    s, c = round(0.005 * k_support, 3), round(0.05 * k_confidence, 2)
    shown = panel.set(min_support=s, min_confidence=c, time_slice=time_slice)
    model = B.rules_panel_model(panel.fixed["matrices"], s, c, time_slice)
    assert shown["n_rules"] == model["n_rules"]
    assert shown["hl_rank"] == model["hl_rank"]
    assert panel.error is None and panel.png


@given(baskets(), supports, st.floats(0.01, 1.0), st.data())
def test_rules_view_ranks_and_picks_the_rules_it_is_given(data, min_support, min_confidence, pick):
    rules = B.association_rules(data, min_support, min_confidence)
    view = B.rules_view(rules)
    assert view["rank"].tolist() == list(range(1, len(rules) + 1))
    if len(rules):
        chosen = pick.draw(st.lists(st.sampled_from(list(view.index)), min_size=1, unique=True))
        picked = B.rules_view(rules, pick=chosen)
        assert picked.index.tolist() == chosen
        for name in chosen:
            a, c = (tuple(side.split("、")) for side in name.split(" → "))
            one = B.rule_metrics(data, list(a), list(c))
            assert picked.loc[name, "lift"] == pytest.approx(one["lift"])
            assert picked.loc[name, "rank"] == view.index.get_loc(name) + 1
        resorted = B.rules_view(rules, sort="confidence")
        assert resorted["confidence"].is_monotonic_decreasing
        assert (resorted["rank"] == view.loc[resorted.index, "rank"]).all()


@given(baskets())
def test_data_summary_counts_the_table(data):
    rows = [(f"B{i}", f"H{i % 3}", 1 + i % 2, item) for i, items in enumerate(data) for item in items]
    t = pd.DataFrame(rows, columns=["order_id", "household_id", "week", "item"])
    s = B.data_summary(t).iloc[0]
    assert s["n_baskets"] == len(data) and s["n_lines"] == sum(map(len, data))
    assert s["n_households"] == len({f"H{i % 3}" for i in range(len(data))})
    assert s["n_weeks"] == len({1 + i % 2 for i in range(len(data))})
    assert s["n_items"] == len({x for b in data for x in b})
