"""Invariants of chapter 5's customer-value distribution (crmlab.segments) on random data.

Gini: G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄), the mean-absolute-difference definition
(Gini 1912; QuantEcon ``gini_coefficient``), with ``correction=True`` the small-sample
factor n/(n−1).  ABC: customers ranked by value, cumulative share cut at ``cuts``
[003, Pareto/ABC].  RFM classic: recency = days from the last purchase to the
observation end, frequency = purchases, monetary = total [003].
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, strategies as st

from crmlab import segments
from crmlab.validation import CRMLabError

from propkit import error_problem

values = st.lists(st.floats(min_value=0.0, max_value=1e9), min_size=2, max_size=40)


def _gini_by_definition(x):
    x = np.asarray(x, dtype=float)
    n = x.size
    return np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean())


@given(x=values)
def test_gini_equals_mean_absolute_difference(x):
    assume(sum(x) > 0)
    g = segments.gini(x)
    assert 0.0 <= g < 1.0
    assert math.isclose(g, _gini_by_definition(x), rel_tol=1e-9, abs_tol=1e-12)
    n = len(x)
    assert math.isclose(segments.gini(x, correction=True), g * n / (n - 1), rel_tol=1e-9, abs_tol=1e-12)


@given(x=values, seed=st.integers(0, 2**32 - 1), scale=st.floats(1e-3, 1e3))
def test_gini_is_permutation_and_scale_invariant(x, seed, scale):
    assume(sum(x) > 0)
    g = segments.gini(x)
    perm = np.random.default_rng(seed).permutation(x)
    assert math.isclose(segments.gini(perm), g, rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(segments.gini([v * scale for v in x]), g, rel_tol=1e-9, abs_tol=1e-12)


def test_gini_of_all_zero_or_overflowing_values_is_refused():
    for bad in ([0.0, 0.0, 0.0], [1e308, 1e308, 1.0]):
        try:
            g = segments.gini(bad)
        except Exception as exc:  # noqa: BLE001
            assert error_problem(exc, "values") is None
        else:
            assert math.isfinite(g) and 0 <= g < 1, f"gini({bad}) = {g}"


@given(x=values)
def test_lorenz_curve_is_convex_and_below_diagonal(x):
    assume(sum(x) > 0)
    p, L = segments.lorenz_curve(x)
    assert p[0] == 0 and L[0] == 0 and math.isclose(p[-1], 1) and math.isclose(L[-1], 1)
    assert (np.diff(L) >= -1e-12).all() and (np.diff(L, 2) >= -1e-9).all()
    assert (L <= p + 1e-12).all()


@given(x=values, a=st.floats(0.05, 0.9), gap=st.floats(0.01, 0.5))
def test_abc_classes_monotone_shares_sum_to_one(x, a, gap):
    assume(sum(x) > 0)
    b = min(a + gap, 0.99)
    assume(b > a)
    data = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(x))], "sales": x})
    if len(set(x)) == 1:  # documented: equal values give no ranking, so they are refused
        with pytest.raises(Exception) as info:
            segments.abc_classify(data, cuts=(a, b))
        assert error_problem(info.value, ("data", "sales")) is None
        return
    table = segments.abc_classify(data, cuts=(a, b))
    assert len(table) == len(x) and set(table["customer_id"]) == set(data["customer_id"])
    assert math.isclose(table["share"].sum(), 1.0, rel_tol=1e-9)
    assert math.isclose(table["cum_share"].iloc[-1], 1.0, rel_tol=1e-9)
    order = {"A": 0, "B": 1, "C": 2}
    v = table["sales"].to_numpy()
    k = table["class"].map(order).to_numpy()
    bigger = v[:, None] > v[None, :]
    assert not (bigger & (k[:, None] > k[None, :])).any(), "a larger value got a lower class"


@given(x=values, s1=st.floats(0.01, 1.0), s2=st.floats(0.01, 1.0))
def test_pareto_table_is_sorted_cumulative(x, s1, s2):
    assume(sum(x) > 0)
    t = segments.pareto_table(x)
    assert (np.diff(t["value"].to_numpy()) <= 0).all()
    assert math.isclose(t["share"].sum(), 1.0, rel_tol=1e-9)
    cum = t["cum_share"].to_numpy()
    assert (np.diff(cum) >= -1e-12).all() and math.isclose(cum[-1], 1.0, rel_tol=1e-9)
    # the top k customers hold at least k/n of the total (values sorted from the largest)
    assert (cum >= t["cum_customer_share"].to_numpy() - 1e-9).all()
    lo, hi = sorted((s1, s2))
    top_lo, top_hi = segments.top_share(x, lo), segments.top_share(x, hi)
    assert 0.0 <= top_lo <= top_hi + 1e-12 <= 1.0 + 2e-12
    assert math.isclose(segments.top_share(x, 1.0), 1.0, rel_tol=1e-9)


@pytest.mark.parametrize("name", ["id", "share", "rank", "value", "cum_share"])
def test_pareto_table_name_never_collides(name):
    """pareto_table(name=...) either refuses a name it uses itself or keeps every column distinct."""
    x = [5.0, 3.0, 1.0]
    try:
        t = segments.pareto_table(x, name=name)
    except Exception as exc:  # noqa: BLE001
        assert error_problem(exc, "name") is None
        return
    assert not t.columns.has_duplicates, list(t.columns)
    assert t[name].tolist() == [5.0, 3.0, 1.0]


@given(x=st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=30))
def test_whale_curve_peak(x):
    data = pd.DataFrame({"customer_id": [f"c{i}" for i in range(len(x))], "profit": x})
    total = float(np.sum(x))
    try:
        w = segments.whale_curve(data)
    except CRMLabError as exc:
        assert total <= 1e-6, exc  # only a non-positive total profit may be refused
        assert error_problem(exc, ("profit_by_customer", "profit")) is None
        return
    assert isinstance(w, segments.WhaleCurve)
    if total <= 1e-6:
        return
    pos = np.sort(np.asarray(x))[::-1]
    assert math.isclose(w.total_profit, total, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(w.peak * total, np.cumsum(pos).max(), rel_tol=1e-6, abs_tol=1e-6)
    assert w.loss_customers == int((np.asarray(x) < 0).sum())


transactions = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 400),
              st.floats(0.0, 1e5).map(lambda v: round(v, 2)), st.integers(1, 8)),
    min_size=1, max_size=40)


@given(rows=transactions)
def test_rfm_equals_plain_groupby(rows):
    t = pd.DataFrame(rows, columns=["customer_id", "day", "sales", "order"])
    t["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(t["day"], unit="D")
    t["order_id"] = t["customer_id"] + "-" + t["order"].astype(str)
    got = segments.rfm_table(t[["customer_id", "date", "sales", "order_id"]])
    end = t["date"].max()
    g = t.groupby("customer_id")
    want = pd.DataFrame({"recency": (end - g["date"].max()).dt.days, "frequency": g.size(),
                         "monetary": g["sales"].sum()})
    assert list(got.index) == list(want.index)
    assert (got["recency"].to_numpy() == want["recency"].to_numpy()).all()
    assert (got["frequency"].to_numpy() == want["frequency"].to_numpy()).all()
    np.testing.assert_allclose(got["monetary"].to_numpy(), want["monetary"].to_numpy(), rtol=1e-12)
    by_order = segments.rfm_table(t, order_id_col="order_id")
    assert (by_order["frequency"].to_numpy() == g["order_id"].nunique().to_numpy()).all()


@given(rows=transactions, missing=st.integers(0, 39))
def test_rfm_missing_order_id_is_refused_or_kept_with_its_customer(rows, missing):
    t = pd.DataFrame(rows, columns=["customer_id", "day", "sales", "order"])
    t["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(t["day"], unit="D")
    t["order_id"] = (t["customer_id"] + "-" + t["order"].astype(str)).astype(object)
    t.loc[t.index[missing % len(t)], "order_id"] = None
    try:
        got = segments.rfm_table(t, order_id_col="order_id")
    except Exception as exc:  # noqa: BLE001
        assert error_problem(exc, ("order_id_col", "order_id", "transactions")) is None
        return
    g = t.groupby("customer_id")
    known = g["order_id"].nunique()
    lost = g["order_id"].apply(lambda s: int(s.isna().sum()))
    freq = got["frequency"].reindex(known.index)
    assert (freq >= known).all() and (freq <= known + lost).all(), \
        f"frequencies {freq.to_dict()}; distinct known ids {known.to_dict()}, missing ids {lost.to_dict()}"
    assert (freq[lost == 0] == known[lost == 0]).all()


@given(st.lists(st.tuples(st.integers(0, 7), st.floats(-1e4, 1e4)), min_size=1, max_size=20),
       st.integers(0, 3))
def test_customer_lists_follow_segment_and_profit(rows, extra):
    """Every customer in both tables is on exactly one list; red = 重要价值客户 with profit > 0,
    watch = M 高 with a loss, black = M 低 with a loss (the book's supplementary rule)."""
    table = segments.RFM_SEGMENTS.reset_index()
    seg = table["segment"].tolist()
    ids = [f"c{i}" for i in range(len(rows))]
    groups = pd.DataFrame({"segment": [seg[k % len(seg)] for k, _ in rows]}, index=pd.Index(ids, name="customer_id"))
    groups["M"] = ["高" if str(s).startswith("重要") else "低" for s in groups["segment"]]
    # profit for all but the first ``extra`` customers, plus customers groups does not have
    prof_ids = ids[min(extra, len(ids) - 1):] + [f"x{i}" for i in range(extra)]
    profit = pd.Series([rows[int(i[1:])][1] if i.startswith("c") else 1.0 for i in prof_ids], index=prof_ids)
    out = segments.customer_lists(groups, profit)
    common = [i for i in ids if i in profit.index]
    assert list(out.index) == common
    for i in common:
        s, m, p = groups.loc[i, "segment"], groups.loc[i, "M"], profit[i]
        want = ("红名单" if s == "重要价值客户" and p > 0 else "警示名单" if m == "高" and p < 0
                else "黑名单" if m == "低" and p < 0 else "不在名单上")
        assert out.loc[i, "list"] == want, (i, s, m, p)
    summary = segments.customer_list_summary(out)
    assert list(summary.index) == list(segments.CUSTOMER_LISTS)
    assert summary["customers"].sum() == len(out)
    assert summary["profit"].sum() == pytest.approx(out["profit"].sum(), abs=1e-6)
    assert summary["customer_share"].sum() == pytest.approx(1.0)
    assert len(segments.customer_list_table(out)) == len(segments.CUSTOMER_LISTS)
