"""Every public callable keeps its contract under bad input (issue 11 §3, §5).

For each call of :func:`propkit.calls` (one valid call per public callable) every
argument in turn is replaced by the bad values of its kind: NaN, ±inf, 10**400,
True, "x", None, pd.NA and [1] for numbers; text, None and lists for switches and
column names; not-a-frame, empty, missing / duplicated columns, list-valued and
mixed-type ids, numbers as text, NaN / inf values, yyyymmdd and text dates,
fractional months for frames.  Each must give an InputError / InputTypeError
naming the argument (or the column) with a Chinese half.  Then hypothesis draws
arbitrary numbers for the numeric arguments: the call either refuses them in the
same way or returns no NaN / inf that the valid call does not.
"""
from __future__ import annotations

import gc

import pytest
from hypothesis import Phase, given, settings, strategies as st

import propkit
from propkit import Arg

CALLS = propkit.calls()
NUMERIC = ("num", "num?", "int", "int?", "shown")


def _baseline(call):
    args = call.build()
    result = call.invoke(propkit._valid(args))
    propkit.close_figures(result)
    return args, propkit.nonfinite_columns(result), result


@pytest.mark.parametrize("name", sorted(CALLS))
def test_valid_call_returns_finite_numbers(name):
    """The valid call of each spec runs; its numbers are finite (or NaN only where documented)."""
    call = CALLS[name]
    args = call.build()
    result = call.invoke(propkit._valid(args))
    propkit.close_figures(result)
    bad = propkit.nonfinite_columns(result)
    # Tables whose empty cells mean "not observed" (cohort triangles, survival past
    # the last month) may hold NaN; no result may hold an infinity.
    assert not [b for b in bad if "inf" in b], bad


@pytest.mark.parametrize("name", sorted(n for n, c in CALLS.items() if c.build()))
def test_bad_arguments_are_refused(name):
    """Each bad value of each argument gives InputError/InputTypeError naming it, in both languages."""
    call = CALLS[name]
    args, baseline_bad, baseline = _baseline(call)
    valid = propkit._valid(args)
    problems = []
    frames = tuple(k for k, a in args.items() if a.kind == "frame")
    for argname, arg in args.items():
        cases = propkit.frame_corruptions(arg) if arg.kind == "frame" else propkit.bad_values(arg)
        for desc, bad, strict, names in cases:
            if arg.kind in ("col", "col?"):
                # A column name that is not in the frame may be reported as the frame's
                # missing column ("orders must be a DataFrame with columns ... (missing 1.5)").
                names = (*names, *frames)
            trial = dict(valid, **{argname: bad})
            problem = propkit.check_outcome(call, trial, argname, bad, strict, names, baseline_bad,
                                            baseline)
            if problem:
                problems.append(f"{name}({argname}={desc}): {problem}")
    assert not problems, f"{len(problems)} contract violations:\n" + "\n".join(problems)


def _numeric_args(name):
    return [k for k, a in CALLS[name].build().items() if a.kind in NUMERIC]


# Charts and panels draw (slow) and take their numbers from tested models; the
# generators' sizes legitimately scale the run time.  Their bad values are
# checked by test_bad_arguments_are_refused.
FUZZED = sorted(n for n in CALLS if _numeric_args(n) and not n.split(".")[-1].startswith("plot_")
                and not n.endswith("_panel") and not n.startswith("simulate."))

ANY_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6),
    st.sampled_from([0.0, 1.0, -1.0, 0.5, 0.999999, 1e-300, 1e308, -1e308, 10**400, 2**63]),
    st.integers(min_value=-10**6, max_value=10**6),
)


@pytest.mark.parametrize("name", FUZZED)
@settings(phases=[Phase.explicit, Phase.generate])  # no shrinking: a slow input stays one example
@given(data=st.data())
def test_random_numbers_are_refused_clearly_or_give_finite_results(name, data):
    """Arbitrary numbers in any numeric argument: a clear refusal or a finite result, never raw errors."""
    call = CALLS[name]
    args, baseline_bad, _ = _baseline_cached(name)
    valid = propkit._valid(args)
    chosen = data.draw(st.lists(st.sampled_from(_numeric_args(name)), min_size=1, max_size=3,
                                unique=True), label="arguments")
    trial = dict(valid)
    for argname in chosen:
        trial[argname] = data.draw(ANY_NUMBER, label=argname)
    shown = {k: trial[k] for k in chosen}
    try:
        result = propkit.timed(call.invoke, trial)
    except MemoryError:
        result = None
        gc.collect()
        pytest.fail(f"{name}({shown}): raw MemoryError (built a giant table)")
    except propkit.TookTooLong as exc:
        pytest.fail(f"{name}({shown}): {exc}")
    except Exception as exc:  # noqa: BLE001
        problem = propkit.error_problem(exc, chosen)
        assert problem is None, f"{name}({shown}): {problem}"
        return
    propkit.close_figures(result)
    new = propkit.unexpected_nonfinite(result, baseline_bad)
    assert not new, f"{name}({ {k: trial[k] for k in chosen} }) returned non-finite {sorted(new)[:3]}"


_CACHE: dict = {}


def _baseline_cached(name):
    if name not in _CACHE:
        _CACHE[name] = _baseline(CALLS[name])
    return _CACHE[name]
