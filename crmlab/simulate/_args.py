"""Argument checks shared by the generators (生成器的参数检查).

Sizes and seeds are whole numbers given as integers: a float (``200.0``), a
boolean, ``None``, NaN or a negative number is refused with an
:class:`~crmlab.validation.InputError` / :class:`~crmlab.validation.InputTypeError`
naming the argument, because ``numpy.random.default_rng`` and ``range`` would
otherwise truncate, wrap or fail with a raw error.
"""
from __future__ import annotations

import numbers

from ..validation import InputTypeError, check_int, fail


def _whole(value, name: str, zh: str, low: int, high: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        expected = f"an integer >= {low}" + (f" and <= {high:,}" if high is not None else "")
        expected_zh = f"不小于 {low}" + (f"、不大于 {high:,}" if high is not None else "") + " 的整数"
        raise fail(name, value, expected, expected_zh, zh=zh, kind=InputTypeError)
    return check_int(value, name, zh=zh, low=low, high=high)


def check_seed(seed, name: str = "seed") -> int:
    """A seed for ``numpy.random.default_rng``: an integer >= 0.

    Examples
    --------
    >>> check_seed(7)
    7
    >>> check_seed(7.0)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputTypeError: seed must be an integer >= 0; got 7.0 (随机种子 seed 应为不小于 0 的整数，实际为 7.0)
    """
    return _whole(seed, name, "随机种子", 0, None)


def check_size(value, name: str, zh: str, *, low: int = 1, high: int = 10_000_000) -> int:
    """A count of simulated rows (customers, subscribers): an integer in [low, high].

    Examples
    --------
    >>> check_size(200, "n", "客户数")
    200
    >>> check_size(-1, "n", "客户数")
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: n must be a whole number >= 1 and <= 10000000; got -1 (客户数 n 应为不小于 1、不大于 10000000 的整数，实际为 -1)
    """
    return _whole(value, name, zh, low, high)
