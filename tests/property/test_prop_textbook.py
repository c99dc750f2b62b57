"""crmlab.textbook.compare earns a ✓ only inside the figure (DESIGN "What a ✓ may mean").

A range figure (registry rows <id>_min and <id>_max) ticks a value in [min, max]
only; a point figure ticks within the stated tolerance only; tolerances must be
finite and >= 0; a figure among the computation's own inputs is never ticked.
"""
from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from crmlab import textbook

from propkit import error_problem

FIGS = textbook.figures()
IDS = set(FIGS["id"])
RANGES = sorted(i[:-4] for i in IDS if i.endswith("_min") and i[:-4] + "_max" in IDS)
POINTS = sorted(FIGS.loc[FIGS["bound"] == "exact", "id"]) if "bound" in FIGS else sorted(IDS)


@pytest.mark.parametrize("rid", RANGES)
@given(x=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_compare_never_ticks_outside_a_range(rid, x):
    lo, hi = float(textbook.value(rid + "_min")), float(textbook.value(rid + "_max"))
    c = textbook.compare(x, rid, inputs=())
    slack = 1e-9 * max(1.0, abs(lo), abs(hi))
    if x < lo - slack or x > hi + slack:
        assert not c.ok and "✓" not in str(c), f"{x} outside [{lo}, {hi}] shown as {c}"
    elif lo <= x <= hi:
        assert c.ok, f"{x} inside [{lo}, {hi}] shown as {c}"


@given(fid=st.sampled_from(POINTS), rtol=st.sampled_from([math.inf, math.nan, -1e-3, -1.0, "x", None]),
       which=st.sampled_from(["rtol", "atol"]))
def test_compare_refuses_bad_tolerances(fid, rtol, which):
    if rtol is None and which == "atol":
        return  # atol=None means the default tolerance
    with pytest.raises(Exception) as info:
        textbook.compare(0.0, fid, inputs=(), **{which: rtol})
    assert error_problem(info.value, which) is None


@given(fid=st.sampled_from(POINTS), factor=st.floats(-10, 10), rtol=st.floats(0, 0.5))
def test_compare_ticks_only_within_tolerance(fid, factor, rtol):
    v = float(textbook.value(fid))
    x = v * factor
    c = textbook.compare(x, fid, inputs=(), rtol=rtol, atol=0.0)
    assert isinstance(c, textbook.Comparison)
    assert c.ok == math.isclose(x, v, rel_tol=rtol, abs_tol=0.0)
    assert c.ticked == c.ok
    with pytest.raises(Exception) as info:
        textbook.compare(x, fid, inputs=(fid,))
    assert error_problem(info.value, "inputs") is None
    with pytest.raises(Exception) as info:
        textbook.compare(textbook.value(fid), fid, inputs=())
    assert error_problem(info.value, ("computed", fid)) is None


ENDS = {i for i in IDS if (i.endswith("_min") or i.endswith("_max")) and i[:-4] in RANGES}


@given(fid=st.sampled_from(sorted(IDS - ENDS)))
def test_every_figure_id_round_trips(fid):
    f = textbook.figure(fid)
    assert f["id"] == fid
    v = textbook.value(fid)
    assert isinstance(v, textbook.TextbookNumber) and math.isfinite(float(v))
    q = textbook.quote(fid)
    assert not q.ticked and "✓" not in str(q)
    cal = textbook.calibrated(float(v), fid)
    assert not cal.ticked and "模拟数据" in str(cal)
    assert fid in set(textbook.figures()["id"])
