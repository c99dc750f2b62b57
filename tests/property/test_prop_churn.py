"""Kaplan–Meier and churn rates of the China Mobile case (crmlab.churn) on random subscribers.

Product-limit estimator (Kaplan & Meier 1958): S(t) = Π_{u ≤ t} (1 − d_u / n_u),
tenure in months since joining, the event is leaving; a subscriber still active at
the end of month ``end`` (or who leaves after it) is right-censored at end − join,
as crmlab.churn.survival_by_segment documents.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, strategies as st

from crmlab import churn

from propkit import error_problem, timed

subscriber = st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(0, 10),
                       st.one_of(st.none(), st.integers(1, 24)))
subscribers = st.lists(subscriber, min_size=1, max_size=40)


def _frame(rows):
    seg, join, life = zip(*rows)
    churn_month = [None if t is None else j + t for j, t in zip(join, life)]
    return pd.DataFrame({"segment": list(seg), "join_month": list(join),
                         "churn_month": pd.array(churn_month, dtype="Int64")})


def _km_by_hand(join, churn_month, end):
    use = join < end
    j = join[use]
    c = churn_month[use]
    event = ~np.isnan(c) & (c <= end)
    duration = np.where(event, c, end) - j
    timeline = np.arange(0, int(duration.max()) + 1)
    s, out = 1.0, []
    for t in timeline:
        if t > 0:
            n = (duration >= t).sum()
            d = (event & (duration == t)).sum()
            s *= 1 - d / n if n else 1.0
        out.append(s)
    return timeline, np.array(out), int(use.sum()), int(event.sum())


@given(rows=subscribers, end=st.integers(1, 36))
def test_kaplan_meier_non_increasing_in_unit_interval_censored_at_end(rows, end):
    subs = _frame(rows)
    try:
        curves, medians = timed(churn.survival_by_segment, subs, start=1, end=end)
    except Exception as exc:  # noqa: BLE001 - only "nobody at risk" may be refused
        assert error_problem(exc, "subs") is None
        assert not (subs["join_month"] < end).any(), f"refused valid data: {exc}"
        return
    join = subs["join_month"].to_numpy(float)
    for seg, c in curves.groupby("segment", sort=False):
        s = c["survival"].to_numpy()
        assert ((0 <= s) & (s <= 1)).all(), seg
        assert (np.diff(s) <= 1e-12).all(), seg
        assert c["tenure_months"].max() <= end - join[join < end].min(), \
            f"curve of {seg} runs to tenure {c['tenure_months'].max()} past end={end}"
    churned = subs["churn_month"].to_numpy(float, na_value=np.nan)
    events = int(((subs["join_month"] < end).to_numpy() & (churned <= end)).sum())
    assert int(medians.set_index("segment").loc[churn.ALL, "churners"]) == events, \
        "churners after end were counted as events"


@given(rows=subscribers, end=st.integers(2, 36))
def test_kaplan_meier_equals_product_limit_by_hand(rows, end):
    subs = _frame(rows)
    join = subs["join_month"].to_numpy(float)
    if not (join < end).any():
        return
    curves, medians = timed(churn.survival_by_segment, subs, start=1, end=end)
    churned = subs["churn_month"].to_numpy(float, na_value=np.nan)
    t, s, n, d = _km_by_hand(join, churned, end)
    whole = curves[curves["segment"] == churn.ALL]
    assert whole["tenure_months"].tolist() == t.tolist()
    np.testing.assert_allclose(whole["survival"].to_numpy(), s, atol=1e-9)
    row = medians.set_index("segment").loc[churn.ALL]
    assert (int(row["subscribers"]), int(row["churners"])) == (n, d)
    below = np.flatnonzero(s <= 0.5)
    want = float(t[below[0]]) if below.size else math.inf
    assert float(row["median_lifetime_months"]) == want


@given(rows=subscribers)
def test_monthly_churn_rates_are_shares(rows):
    subs = _frame(rows)
    last = int(np.nanmax(subs["churn_month"].to_numpy(float, na_value=np.nan).tolist() + [11.0]))
    try:
        monthly = timed(churn.monthly_churn, subs, start=1, end=last)
        retention = timed(churn.cohort_retention, subs, start=1, end=last)
    except Exception as exc:  # noqa: BLE001
        assert error_problem(exc, "subs") is None
        return
    rate = monthly["churn_rate"].to_numpy(float)
    nobody = monthly["active_start"].to_numpy() == 0
    # documented: NaN exactly in the months where nobody was active
    assert np.isnan(rate[nobody]).all() and not np.isnan(rate[~nobody]).any()
    assert ((0 <= rate[~nobody]) & (rate[~nobody] <= 1)).all()
    assert (monthly["churned"].to_numpy() <= monthly["active_start"].to_numpy()).all()
    r = retention.to_numpy(float)
    r = r[~np.isnan(r)]
    assert ((0 <= r) & (r <= 1 + 1e-12)).all()


@given(d=st.floats(0.0, 1.0))
def test_monthly_discount_compounds_to_annual(d):
    m = churn.monthly_discount_rate(d)
    assert math.isclose((1 + m) ** 12, 1 + d, rel_tol=1e-12)
