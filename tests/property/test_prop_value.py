"""Invariants of the chapter-1 value model (crmlab.value) on random valid inputs.

The model (crmlab.value.clv; [001]; Gupta & Lehmann 2003, "Customers as assets";
Fader & Hardie 2012 for the timing conventions): with the default
``timing="end"``, CLV = Σ_{t=1..T} m·(1+g)^(t-1)·r^t/(1+d)^t (a margin arrives at
the end of a period, only if the customer is still there), whose infinite sum for
g = 0 is m·r/(1+d−r), so margin_multiple(r, d) = r/(1+d−r).  ``timing="start"``
and the certain-first-margin form shift the same terms.  Every term is
non-decreasing in the retention r and non-increasing in the discount rate d for
m ≥ 0, so more retention never lowers the value, a higher discount rate never
raises it, and the finite-horizon sums increase to the infinite value.
"""
from __future__ import annotations

import math

from hypothesis import assume, given, strategies as st

from crmlab import value

margins = st.floats(min_value=0.0, max_value=1e6)
retentions = st.floats(min_value=0.0, max_value=0.95)
rates = st.floats(min_value=0.0, max_value=0.5)
growths = st.floats(min_value=0.0, max_value=0.03)
timings = st.sampled_from(value.TIMINGS)


def _clv(m, r, d, g=0.0, timing="end", horizon=None):
    return value.clv(m, r, d, horizon=horizon, growth=g, timing=timing)


@given(m=margins, r1=retentions, r2=retentions, d=st.floats(0.01, 0.5), g=growths, timing=timings,
       horizon=st.one_of(st.none(), st.integers(1, 60)))
def test_clv_non_decreasing_in_retention(m, r1, r2, d, g, timing, horizon):
    lo, hi = sorted((r1, r2))
    assume(hi * (1 + g) < 1 + d - 1e-6)
    a, b = _clv(m, lo, d, g, timing, horizon), _clv(m, hi, d, g, timing, horizon)
    assert math.isfinite(a) and math.isfinite(b)
    assert a <= b * (1 + 1e-12) + 1e-9


@given(m=margins, r=retentions, d1=rates, d2=rates, g=growths, timing=timings,
       horizon=st.one_of(st.none(), st.integers(1, 60)))
def test_clv_non_increasing_in_discount_rate(m, r, d1, d2, g, timing, horizon):
    lo, hi = sorted((d1, d2))
    assume(r * (1 + g) < 1 + lo - 1e-6)
    a, b = _clv(m, r, lo, g, timing, horizon), _clv(m, r, hi, g, timing, horizon)
    assert b <= a * (1 + 1e-12) + 1e-9


@given(m=st.floats(1.0, 1e4), r=st.floats(0.0, 0.9), d=st.floats(0.05, 0.5), timing=timings)
def test_clv_horizon_converges_to_infinite(m, r, d, timing):
    inf = _clv(m, r, d, timing=timing)
    finite = [_clv(m, r, d, timing=timing, horizon=h) for h in (1, 5, 20, 200)]
    assert all(a <= b + 1e-9 for a, b in zip(finite, finite[1:]))
    assert finite[-1] <= inf * (1 + 1e-9) + 1e-9
    assert math.isclose(finite[-1], inf, rel_tol=1e-6, abs_tol=1e-6)


@given(m=st.floats(0.01, 1e5), r=retentions, d=st.floats(0.01, 0.5))
def test_margin_multiple_is_clv_per_margin(m, r, d):
    # abs_tol: below 1e-300 the subnormal floats keep only a few digits
    assert math.isclose(value.clv(m, r, d), m * value.margin_multiple(r, d), rel_tol=1e-9, abs_tol=1e-300)
    assert math.isclose(value.margin_multiple(r, d), r / (1 + d - r), rel_tol=1e-9, abs_tol=1e-300)


@given(m=st.floats(1.0, 1e4), r=retentions, d=st.floats(0.01, 0.5), years=st.integers(1, 60))
def test_value_curve_ends_at_finite_clv(m, r, d, years):
    curve = value.value_curve(m, r, d, years)
    assert len(curve) == years
    cum = curve["cumulative_value"].to_numpy()
    assert (cum[1:] >= cum[:-1] - 1e-9).all()
    assert math.isclose(cum[-1], value.clv(m, r, d, horizon=years), rel_tol=1e-9)


@given(m=st.floats(1.0, 1e4), r=retentions, d=st.floats(0.01, 0.5),
       horizon=st.one_of(st.none(), st.integers(1, 60)))
def test_break_even_cost_zeroes_net_clv(m, r, d, horizon):
    cost = value.break_even_acquisition_cost(m, r, d, horizon=horizon)
    net = value.clv(m, r, d, horizon=horizon, acquisition_cost=cost)
    assert abs(net) <= 1e-9 * max(1.0, cost)


@given(p=st.floats(0.0, 1e6), years=st.integers(1, 100), cost=st.floats(0.0, 1e6))
def test_clv_simple_is_years_times_profit(p, years, cost):
    assert math.isclose(value.clv_simple(p, years, cost), years * p - cost, rel_tol=1e-12, abs_tol=1e-6)


@given(m=st.floats(1.0, 1e4), r=retentions, d=st.floats(0.01, 0.5), cost=st.floats(0.0, 1e3))
def test_clv_whatif_agrees_with_clv(m, r, d, cost):
    out = value.clv_whatif(m, r, d, acquisition_cost=cost)
    assert math.isclose(out["clv"], value.clv(m, r, d, acquisition_cost=cost), rel_tol=1e-9, abs_tol=1e-9)
