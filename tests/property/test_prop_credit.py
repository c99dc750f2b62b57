"""Invariants of crmlab.credit (Chapter 6), checked with hypothesis."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import credit

import calls_credit

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)
AS_OF = "2025-12-31"


@SETTINGS
@given(daily=st.floats(1.0, 1e5), days=st.floats(0.0, 89.0))
def test_dso_equals_countback_for_flat_sales(daily, days):
    """With the same sales every day both DSO methods give the days of sales outstanding."""
    receivables = daily * days
    month = 30 * daily
    average = credit.dso(receivables, 3 * month, days=90)
    countback = credit.countback_dso(receivables, [month, month, month])
    assert average == pytest.approx(days, rel=1e-9, abs=1e-9)
    assert countback == pytest.approx(days, rel=1e-9, abs=1e-9)


@SETTINGS
@given(day=st.integers(0, 364), edges=st.lists(st.integers(1, 200), min_size=1, max_size=5, unique=True))
def test_ageing_totals_the_open_balances(day, edges):
    L = calls_credit.ledger()
    as_of = pd.Timestamp("2025-01-01") + pd.Timedelta(days=day)
    t = credit.ageing(L, as_of, buckets=sorted(edges))
    open_ = credit.outstanding(L, as_of)
    assert t["amount"].sum() == pytest.approx(open_.sum(), abs=0.05)
    assert t["invoices"].sum() == int((open_ >= 0.005).sum())      # sub-分 leftovers are not open
    assert t["share"].sum() == pytest.approx(1.0 if open_.sum() > 0 else 0.0)
    assert (t["amount"] >= 0).all()


@SETTINGS
@given(d=st.floats(0.001, 0.2), dd=st.floats(0, 60), gap=st.floats(1, 120))
def test_cost_of_forgoing_discount_monotone_and_effective_above_nominal(d, dd, gap):
    nominal = credit.cost_of_forgoing_discount(d, dd, dd + gap)
    assert nominal > 0
    assert credit.cost_of_forgoing_discount(min(d * 1.1, 0.99), dd, dd + gap) > nominal
    assert credit.cost_of_forgoing_discount(d, dd, dd + gap + 10) < nominal
    eff = credit.cost_of_forgoing_discount(d, dd, dd + gap, effective=True)
    periods = 360 / gap
    if periods >= 1:
        assert eff >= nominal * (1 - 1e-12)


_POLICY = st.fixed_dictionaries({
    "sales": st.floats(0, 1e7), "collection_days": st.floats(0, 180), "bad_debt_rate": st.floats(0, 0.3),
    "collection_cost": st.floats(0, 1e5), "discount": st.floats(0, 0.1), "discount_share": st.floats(0, 1)})


@SETTINGS
@given(now=_POLICY, new=_POLICY, v=st.floats(0, 1), k=st.floats(0, 1))
def test_marginal_net_change_is_the_sum_of_its_lines(now, new, v, k):
    t = credit.credit_policy_change(now, new, v, k)
    ch = t["change"]
    total = ch["contribution"] - ch["opportunity_cost"] - ch["bad_debts"] - ch["collection_cost"] \
        - ch["discount_cost"]
    assert ch["net_benefit"] == pytest.approx(total, rel=1e-9, abs=1e-6)
    assert (t["change"] == t["proposed"] - t["current"]).all()
    assert t.attrs["decision"] == ("adopt" if ch["net_benefit"] > 1e-9 else "keep")


@SETTINGS
@given(now=_POLICY, new=_POLICY, v=st.floats(0, 1))
def test_methods_equal_without_cost_of_capital(now, new, v):
    m = credit.credit_policy_change(now, new, v, 0.0)
    n = credit.net_cash_flow(now, new, v, 0.0)
    assert n.loc["npv", "change"] == pytest.approx(m.loc["net_benefit", "change"], rel=1e-9, abs=1e-6)


@SETTINGS
@given(days=st.floats(0, 120), extra=st.floats(0.001, 0.05))
def test_terms_whatif_worse_with_more_bad_debt(days, extra):
    a = credit.credit_terms_whatif(credit_days=days)
    b = credit.credit_terms_whatif(credit_days=days, bad_debt_per_30_days=0.004 + extra)
    if days > 30:
        assert b["net_change"] < a["net_change"]
    elif days < 30:
        assert b["net_change"] >= a["net_change"]      # a shorter period saves more bad debt


@SETTINGS
@given(w=st.lists(st.floats(0, 5), min_size=4, max_size=4).filter(lambda w: sum(w) > 1e-6))
def test_score_is_a_weighted_mean_within_the_criteria(w):
    a = calls_credit.applicants()
    t = credit.credit_score(a, dict(zip(credit.CRITERIA, w)))
    x = t[list(credit.CRITERIA)].to_numpy()
    assert (t["score"].to_numpy() >= x.min(axis=1) - 1e-9).all()
    assert (t["score"].to_numpy() <= x.max(axis=1) + 1e-9).all()
    assert list(t["band"]) == [credit.score_band(s) for s in t["score"]]
    assert t["chosen"].equals(t["band"] == "preferred")


@SETTINGS
@given(ca=st.floats(0, 1e7), cl=st.floats(0, 1e7), r=st.floats(1.01, 5))
def test_current_ratio_limit_keeps_the_floor(ca, cl, r):
    lim = credit.credit_limit("current_ratio", current_assets=ca, current_liabilities=cl,
                              min_current_ratio=r)
    assert lim >= 0
    if lim > 0:
        assert (ca + lim) / (cl + lim) == pytest.approx(r, rel=1e-9)
        assert np.isclose(credit.credit_limit("current_ratio", current_assets=ca, current_liabilities=cl,
                                              min_current_ratio=r), lim)


@pytest.mark.parametrize("build", ["credit_terms_panel", "scoring_panel"])
def test_credit_panels_at_slider_ends_and_random_walks(build):
    """Both panels of the chapter, built as the notebook builds them: no non-finite row, a chart each time."""
    panel = calls_credit.PANELS[f"credit.{build}"]()
    try:
        records = panel.drive_extremes() + panel.drive_random(steps=8, seed=3)
        problems = [p for r in records for p in r.problems]
        assert not problems, problems[:3]
        errors = [r.error for r in records if r.error]
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e) for e in errors)
        assert len(errors) < len(records)          # most settings give a result
    finally:
        panel.close()
