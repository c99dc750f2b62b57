"""The checks of crmlab.validation on random and hostile values.

Every refusal is an InputError / InputTypeError whose message names the argument
and has a Chinese half (issue 11 §3).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crmlab import validation as V

from propkit import BAD_BOOL, BAD_INT, BAD_NUMBER, error_problem

anything = st.one_of(st.none(), st.booleans(), st.text(max_size=5), st.floats(), st.integers(),
                     st.lists(st.integers(), max_size=3), st.just(pd.NA), st.just(10**400))


def _refused(fn, *args, name="arg", **kw):
    with pytest.raises(Exception) as info:
        fn(*args, **kw)
    assert error_problem(info.value, name) is None


@pytest.mark.parametrize("bad", BAD_NUMBER, ids=repr)
def test_check_number_refuses_bad_scalars(bad):
    _refused(V.check_number, bad, "arg", zh="参数")


@given(x=st.floats(allow_nan=False, allow_infinity=False), lo=st.floats(-1e6, 0), hi=st.floats(0, 1e6))
def test_check_number_keeps_finite_numbers(x, lo, hi):
    if lo <= x <= hi:
        assert V.check_number(x, "arg", low=lo, high=hi) == x
    else:
        _refused(V.check_number, x, "arg", zh="参数", low=lo, high=hi)


@pytest.mark.parametrize("bad", BAD_INT, ids=repr)
def test_check_int_refuses_bad_scalars(bad):
    _refused(V.check_int, bad, "arg", zh="参数")


@given(v=anything)
def test_check_bool_only_true_false(v):
    if isinstance(v, bool):
        assert V.check_bool(v, "arg") is v
    else:
        _refused(V.check_bool, v, "arg", zh="开关")
    for bad in BAD_BOOL:
        _refused(V.check_bool, bad, "arg", zh="开关")


@given(v=anything)
def test_check_choice(v):
    choices = ("end", "start")
    if isinstance(v, str) and v in choices:
        assert V.check_choice(v, "arg", choices) == v
    else:
        _refused(V.check_choice, v, "arg", choices, zh="时点")


@given(xs=st.lists(st.floats(), max_size=6))
def test_check_array(xs):
    finite = all(math.isfinite(x) for x in xs)
    if xs and finite:
        assert np.array_equal(V.check_array(xs, "arg"), np.asarray(xs, dtype=float))
    else:
        _refused(V.check_array, xs, "arg", zh="数值")
    for bad in ("x", None, [[1.0, 2.0], [3.0, 4.0]], ["a"], [1, None]):
        _refused(V.check_array, bad, "arg", zh="数值")


@given(names=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=4),
       ids=st.lists(st.integers(0, 3), min_size=1, max_size=5))
def test_check_frame_and_unique(names, ids):
    frame = pd.DataFrame([[0] * len(names)], columns=names)
    if len(set(names)) < len(names):
        _refused(V.check_frame, frame, "arg", ["a"], zh="表")
    elif "a" not in names:
        _refused(V.check_frame, frame, "arg", ["a"], zh="表")
    else:
        assert V.check_frame(frame, "arg", ["a"]) is frame
    _refused(V.check_frame, frame.iloc[:0], "arg", [], zh="表")
    _refused(V.check_frame, [1], "arg", [], zh="表")
    t = pd.DataFrame({"id": ids})
    if len(set(ids)) < len(ids):
        _refused(V.check_unique, t, "id", "arg", zh="表")
    else:
        assert V.check_unique(t, "id", "arg") is None


@given(v=anything)
def test_check_column(v):
    if isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)):
        assert V.check_column(v, "arg") == v
    else:
        _refused(V.check_column, v, "arg", zh="列名")


@given(xs=st.lists(st.floats(), min_size=1, max_size=5))
def test_check_finite_result(xs):
    if all(math.isfinite(x) for x in xs):
        assert V.check_finite_result(xs, "the CLV", "终生价值", arguments=("margin",)) == xs
    else:
        _refused(V.check_finite_result, xs, "the CLV", "终生价值", arguments=("margin",), name="margin")


@given(value=anything, name=st.sampled_from(["retention", "years", "value_col"]))
def test_fail_message_has_both_languages(value, name):
    err = V.fail(name, value, "a number", "数值", zh="参数")
    assert isinstance(err, V.InputError) and isinstance(err, V.CRMLabError) and isinstance(err, ValueError)
    assert error_problem(err, name) is None
    typed = V.fail(name, V.described("text"), "a number", "数值", kind=V.InputTypeError)
    assert isinstance(typed, TypeError) and "text" in str(typed)
    assert f"{name} {name}" not in str(V.fail(name, 1, "x", "某值", zh=None))
