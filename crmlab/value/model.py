"""The maths of Chapter 1: customer value and customer lifetime value (客户终生价值的模型).

Pure functions only: numbers and DataFrames in, numbers and DataFrames out.
Charts are in :mod:`crmlab.value.charts`, the what-if panels in
:mod:`crmlab.value.panels` and the student-facing tables in
:mod:`crmlab.value.tables`.

* :func:`clv_simple` — the course's undiscounted formula, years × yearly
  profit − acquisition cost (10 × 100 − 80 = 920) [000].
* :func:`margin_multiple`, :func:`clv`, :func:`value_curve`,
  :func:`break_even_acquisition_cost`, :func:`margin_multiple_table` — CLV
  that accounts for the chance that a customer leaves (留存率 retention) and
  for the time value of money (折现率 discount rate), after Gupta & Lehmann
  (2003, 2005).  Not in the course documents (本书补充).
* :func:`customer_equity` and :func:`clv_components` — the customer asset
  model (客户资产模型) [004]: customer equity depends on the size of the
  customer base and on CLV; CLV = transaction + referral + growth + knowledge
  value.
* :func:`referral_value`, :func:`crowd_pulling_value`,
  :func:`information_value` — small expected-value models (本书补充) that put
  a number on three of the "six values of a customer" (客户的六种价值) [000].
* :func:`retention_vs_acquisition`, :func:`retention_uplift`,
  :func:`retention_uplift_grid`, :func:`complaint_iceberg` — the "customer
  value laws" (客户价值定律) about keeping versus winning customers, silent
  unhappy customers and word of mouth [001, 003].
* :func:`clv_whatif`, :func:`simple_clv_table` — the models behind the
  what-if panels; they never return ``inf`` or ``nan``: inputs with no finite
  answer raise :class:`~crmlab.validation.InputError`.
* :func:`annual_equivalent` — per-year readings of a lifetime total [000].

Conventions shared by every function
------------------------------------
* A *period* (期) is whatever unit the margin is quoted in, usually a year.
* ``retention`` r (留存率) is the probability that a customer who is active in
  one period is still active in the next; it lies in [0, 1].  A retention of
  exactly 1 (a customer who never leaves) is what :func:`clv_simple` assumes;
  the CLV functions accept it whenever the value is finite: always over a
  finite horizon (with ``discount_rate=0`` and ``growth=0`` they then give the
  simple formula, margin × horizon), and over an infinite horizon only when
  ``growth < discount_rate`` (a perpetuity, m / (d − g)).
* ``discount_rate`` d (折现率) is the per-period rate used to bring future money
  to today's value; it must be ≥ 0 (negative rates would make distant money
  worth more than money today, which the course never needs).
* ``growth`` g (利润增长率) is the constant per-period growth of the margin of a
  customer who stays; it must be > −1.
* ``timing`` (现金流时点) says when the first margin arrives — see :func:`clv`.
* Acquisition cost (获客成本) is paid once, now (time 0), and is not discounted.
* A result that would overflow to ``inf`` or ``nan`` is refused with an
  :class:`~crmlab.validation.InputError` naming the function's own arguments
  (:func:`~crmlab.validation.check_finite_result`); a product with a zero
  factor (a margin of 0, say) is 0 however large the other factors grow.

References
----------
Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
Marketing*, 17(1), 9–24.

Gupta, S. & Lehmann, D. R. (2005). *Managing Customers as Investments*. Wharton
School Publishing.

Fader, P. S. & Hardie, B. G. S. (2012). Reconciling and clarifying CLV formulas.
Note, http://brucehardie.com/notes/024/.

Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to
services. *Harvard Business Review*, 68(5), 105–111.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..validation import (
    InputError,
    check_array,
    check_bool,
    check_choice,
    check_finite_result,
    check_int,
    check_number,
    fail,
    InputTypeError,
)

__all__ = [
    "clv_simple",
    "margin_multiple",
    "clv",
    "value_curve",
    "break_even_acquisition_cost",
    "customer_equity",
    "clv_components",
    "referral_value",
    "crowd_pulling_value",
    "information_value",
    "complaint_iceberg",
    "complaint_readings",
    "retention_vs_acquisition",
    "retention_uplift",
    "retention_uplift_grid",
    "clv_whatif",
    "simple_clv_table",
    "annual_equivalent",
    "margin_multiple_table",
    "TIMINGS",
    "MAX_PERIODS",
    "SIMPLE_YEARS",
    "COMPONENTS",
]

#: The two cash-flow timing conventions :func:`clv` accepts.
TIMINGS = ("end", "start")

#: Longest horizon (number of periods) any function accepts.
MAX_PERIODS = 1000

#: Years the textbook example keeps a customer [000]; :func:`clv_whatif` uses it
#: for the simple formula and the chart when the horizon is infinite.
SIMPLE_YEARS = 10

#: The four parts of CLV in the customer asset model [004], in order:
#: transaction (交易价值), referral (推荐价值), growth (成长价值) and knowledge
#: value (知识价值).  Their Chinese names live in the glossary
#: (``crmlab/glossary/value.csv``, ids ``transaction_value`` …).
COMPONENTS = ("transaction", "referral", "growth", "knowledge")


# ---------------------------------------------------------------------------
# argument checks
# ---------------------------------------------------------------------------
def _margin(value, name="margin", zh="每期利润"):
    return check_number(value, name, zh=zh)


def _retention(value, name="retention"):
    return check_number(value, name, zh="留存率", low=0, high=1, high_open=True)


def _retention_clv(value, name="retention"):
    """Retention for the CLV functions: 1 is allowed (see :func:`_check_converges`)."""
    return check_number(value, name, zh="留存率", low=0, high=1)


def _rate(value, name="discount_rate"):
    return check_number(value, name, zh="折现率", low=0)


def _growth(value, name="growth"):
    return check_number(value, name, zh="利润增长率", low=-1, low_open=True)


def _cost(value, name="acquisition_cost", zh="获客成本"):
    return check_number(value, name, zh=zh, low=0)


def _share(value, name, zh):
    return check_number(value, name, zh=zh, low=0, high=1)


def _periods(value, name="horizon", zh="期数"):
    return check_int(value, name, zh=zh, low=1, high=MAX_PERIODS)


def _horizon(value):
    return None if value is None else _periods(value)


def _timing(value):
    return check_choice(value, "timing", TIMINGS, zh="现金流时点")


def _check_converges(r, d, g):
    """Raise when the infinite discounted sum of expected margins diverges."""
    lhs, rhs = r * (1 + g), 1 + d
    if lhs >= rhs and r == 1:
        shown = f"growth = {g:g} ≥ discount_rate = {d:g}"
        raise InputError(
            "retention = 1 means a customer who never leaves (what the simple formula assumes); "
            f"with an infinite horizon this needs growth below discount_rate, but {shown}: the "
            "discounted margin no longer shrinks from one period to the next, so the infinite sum "
            "diverges and the value would be infinite. Give a finite horizon (with retention 1, "
            "discount_rate 0 and growth 0 the model then gives exactly the simple formula, margin "
            "× horizon), raise discount_rate or lower retention "
            "(留存率 retention = 1 表示客户永不流失，这正是简单公式的假设；在无限期限下，这要求利润"
            f"增长率 growth 低于折现率 discount_rate，实际为 {shown}：每期的折现利润不再递减，"
            "无穷级数发散，价值为无穷大。请设定有限期数 horizon（留存率为 1、折现率与增长率为 0 时，"
            "模型正好给出简单公式：每期利润 × 期数）、提高折现率或降低留存率)"
        )
    if lhs >= rhs:
        shown = f"{r:g} × (1 + {g:g}) = {lhs:.6g} ≥ 1 + {d:g} = {rhs:.6g}"
        raise InputError(
            "retention × (1 + growth) must be below 1 + discount_rate for an infinite "
            f"horizon; got {shown}: the expected discounted margin no longer shrinks from "
            "one period to the next, so the infinite sum diverges and the value would be "
            "infinite. Give a finite horizon, raise discount_rate or lower growth "
            "(无限期限下，留存率 retention ×（1 + 利润增长率 growth）应小于 1 + 折现率 "
            f"discount_rate，实际为 {shown}：每期的期望折现利润不再递减，无穷级数发散，"
            "价值为无穷大。请设定有限期数 horizon、提高折现率或降低利润增长率)"
        )


def _finite(values, what, what_zh, arguments):
    """Refuse results that overflowed (never hand back inf or nan).

    ``arguments`` are the caller's own arguments whose size drove the overflow,
    so the message only advises changing arguments the function has.
    """
    check_finite_result(values, what, what_zh, arguments=arguments)
    return values


def _geometric(first, q, periods):
    """``first × q**k`` for k = 0 … periods − 1, computed stably.

    A zero ``first`` gives zeros however large ``q**k`` grows (0 × a huge
    number is 0, not ``nan``); a term whose power ``q**k`` overflows is redone
    in logarithms, so a tiny ``first`` times a huge power does not overflow on
    the way.
    Entries that truly exceed the largest float come back as ``inf`` for the
    caller to refuse.
    """
    k = np.arange(periods, dtype=float)
    if first == 0 or periods == 0:
        return np.zeros(periods)
    if q == 0:
        return np.where(k == 0, first, 0.0)
    with np.errstate(all="ignore"):
        direct = first * q ** k
        bad = ~np.isfinite(direct)
        if bad.any():  # q**k overflowed on the way: redo those terms in logarithms
            direct[bad] = np.sign(first) * np.exp(np.log(abs(first)) + k[bad] * np.log(q))
    return direct


def _discounted_terms(m, r, d, g, periods, timing):
    """Expected discounted margin of periods 1..``periods`` (vectorised).

    Period t's term is ``first × q**(t-1)`` with ``q = r(1+g)/(1+d)``, where
    ``first`` is ``m·r/(1+d)`` ("end") or ``m`` ("start").
    """
    with np.errstate(all="ignore"):
        q = r * (1 + g) / (1 + d)
        first = m * r / (1 + d) if timing == "end" else m
    return _geometric(first, q, periods)


_CLV_ARGUMENTS = ("margin", "horizon", "growth", "discount_rate")


def _gross(m, r, d, horizon, g, timing, arguments=_CLV_ARGUMENTS):
    """Gross CLV (before acquisition cost) of validated arguments."""
    if horizon is None:
        if m != 0:  # a margin of 0 is worth 0 even where the sum of margins diverges
            _check_converges(r, d, g)
        with np.errstate(all="ignore"):
            denominator = 1 + d - r * (1 + g)
            numerator = m * r if timing == "end" else m * (1 + d)
            value = 0.0 if numerator == 0 else numerator / denominator
    else:
        with np.errstate(all="ignore"):
            value = float(np.sum(_discounted_terms(m, r, d, g, horizon, timing)))
    return float(_finite(value, "the CLV", "客户终生价值", arguments))


def _discount_factors(d, periods):
    with np.errstate(all="ignore"):
        return (1 + d) ** -np.asarray(periods, dtype=float)


# ---------------------------------------------------------------------------
# CLV
# ---------------------------------------------------------------------------
def clv_simple(annual_profit, years, acquisition_cost=0):
    """Textbook customer lifetime value (教材中的简单客户终生价值).

    .. math:: \\mathrm{CLV} = \\text{annual\\_profit} \\times \\text{years}
              - \\text{acquisition\\_cost}

    Parameters
    ----------
    annual_profit : float
        Profit the customer brings each year (每年利润).  Any finite number.
    years : float
        Length of the relationship in years (保持年数), ≥ 0.
    acquisition_cost : float, default 0
        Cost of attracting, selling to, keeping and serving the customer
        (获客及维系成本), ≥ 0, paid once.

    Returns
    -------
    float

    Notes
    -----
    The formula assumes the customer stays for exactly ``years`` years (no
    chance of leaving earlier) and that a dollar in ten years is worth a dollar
    today (no discounting).  Both assumptions overstate value; compare with
    :func:`clv` and :func:`value_curve`.

    References
    ----------
    Seed [000], worked example: 10 years × $100/yr − $80 = $920.

    Examples
    --------
    >>> clv_simple(100, 10, 80)
    920.0
    >>> clv_simple(1e308, 10)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: annual_profit, years, acquisition_cost must be small enough for the CLV to be a finite number; got values whose CLV overflows (annual_profit, years, acquisition_cost 应为使客户终生价值保持有限的数值，实际为 values whose CLV overflows)
    """
    p = _margin(annual_profit, "annual_profit", "每年利润")
    n = check_number(years, "years", zh="保持年数", low=0)
    c = _cost(acquisition_cost)
    with np.errstate(all="ignore"):
        value = p * n - c
    return float(_finite(value, "the CLV", "客户终生价值",
                         ("annual_profit", "years", "acquisition_cost")))


def margin_multiple(retention, discount_rate, growth=0.0):
    """Gupta–Lehmann margin multiple (利润乘数).

    How many times one period's margin a customer is worth, over an infinite
    horizon, when the first margin arrives at the end of the first period and
    the customer has survived to collect it:

    .. math:: \\text{multiple} = \\frac{r}{1 + i - r}, \\qquad
              \\text{with margin growth } g:\\quad \\frac{r}{1 + i - r(1+g)}

    Parameters
    ----------
    retention : float
        Retention rate r (留存率) per period, in [0, 1]; 1 (no customer ever
        leaves) gives the perpetuity multiple ``1 / (i − g)`` when ``g < i``.
    discount_rate : float
        Discount rate i (折现率) per period, ≥ 0.
    growth : float, default 0.0
        Constant growth g of the margin per period (利润增长率), > −1.

    Returns
    -------
    float
        CLV = margin × multiple (``clv(m, r, i, timing="end")`` equals
        ``m * margin_multiple(r, i)``).

    Raises
    ------
    InputError
        When ``r(1+g) ≥ 1+i``: the sum of expected discounted margins then
        diverges and the value is infinite.

    References
    ----------
    Gupta & Lehmann (2003), "Customers as assets", *J. Interactive Marketing*
    17(1); Gupta & Lehmann (2005), *Managing Customers as Investments*, table of
    margin multiples for r = 60–90 % and i = 10–16 %.

    Examples
    --------
    >>> round(margin_multiple(0.8, 0.10), 2)
    2.67
    >>> round(margin_multiple(0.9, 0.16), 2)
    3.46
    >>> round(margin_multiple(0.8, 0.10, growth=0.05), 2)
    3.08
    >>> round(margin_multiple(1.0, 0.10), 2)
    10.0
    """
    r = _retention_clv(retention)
    d = _rate(discount_rate)
    g = _growth(growth)
    return _gross(1.0, r, d, None, g, "end", ("retention", "discount_rate", "growth"))


def clv(margin, retention, discount_rate, horizon=None, growth=0.0, timing="end",
        acquisition_cost=0.0):
    """Retention- and discount-aware customer lifetime value (客户终生价值 CLV).

    Parameters
    ----------
    margin : float
        Margin m (每期利润) a customer brings in the first period it pays;
        any finite number (negative for a loss-making customer).
    retention : float
        Retention rate r (留存率) per period, in [0, 1].  Exactly 1 (a
        customer who never leaves, as :func:`clv_simple` assumes) is fine over
        a finite horizon; over an infinite one it needs ``growth <
        discount_rate``.
    discount_rate : float
        Discount rate d (折现率) per period, ≥ 0.
    horizon : int, optional
        Number of periods T (期数) counted, a whole number from 1 to
        :data:`MAX_PERIODS`; ``None`` (default) for an infinite horizon.
    growth : float, default 0.0
        Constant growth g of the margin per period (利润增长率), > −1.
    timing : {"end", "start"}, default "end"
        When margins arrive (现金流时点), see Notes.
    acquisition_cost : float, default 0.0
        Acquisition cost (获客成本), ≥ 0, subtracted once at time 0.

    Returns
    -------
    float
        Net CLV = gross CLV − acquisition cost.

    Raises
    ------
    InputError
        On bad arguments, and for an infinite horizon when ``r(1+g) ≥ 1+d``
        (the sum diverges).

    Notes
    -----
    With ``retention=1``, ``discount_rate=0`` and ``growth=0`` the
    ``"end"`` form over T periods is ``m·T − acquisition_cost``: the simple
    formula of the course (10 × 100 − 80 = 920) is the special case of a
    customer who never leaves and money that is not discounted.

    Sources write CLV in three common forms that differ only in *when* the
    first margin arrives and whether it is certain (Fader & Hardie 2012).  With
    ``q = r(1+g)/(1+d)``:

    ``timing="end"`` (Gupta & Lehmann 2003; the default here): margins arrive
    at the end of each period and only if the customer is still there, so the
    first one is already uncertain:

    .. math:: \\sum_{t=1}^{T} \\frac{m(1+g)^{t-1} r^t}{(1+d)^t}
              \\;\\xrightarrow{T\\to\\infty,\\ g=0}\\; \\frac{m\\,r}{1+d-r}

    ``timing="start"``: the first margin is received now, for certain (the
    customer has just been won), then one margin at the start of each period:

    .. math:: \\sum_{t=0}^{T-1} \\frac{m(1+g)^{t} r^t}{(1+d)^t}
              \\;\\xrightarrow{T\\to\\infty,\\ g=0}\\; \\frac{m(1+d)}{1+d-r}

    A third form, common in textbooks, has the first margin at the end of
    period 1 but certain: :math:`\\sum_{t\\ge 1} m r^{t-1}/(1+d)^t =
    m/(1+d-r)`.  It is not a separate option: it equals the ``"start"`` value
    divided by ``1+d`` (the same stream, one period later).

    With ``growth`` the infinite forms become ``m r / (1+d-r(1+g))`` and
    ``m (1+d) / (1+d-r(1+g))``.  ``T`` counts margins: T = 5 means five
    margins.

    References
    ----------
    Gupta & Lehmann (2003), "Customers as assets"; Fader & Hardie (2012),
    "Reconciling and clarifying CLV formulas".  The course [000] defines CLV as
    the profit over the whole relationship minus the cost of winning and
    keeping the customer, without retention or discounting (:func:`clv_simple`).

    Examples
    --------
    >>> round(clv(100, 0.8, 0.1), 2)
    266.67
    >>> round(clv(100, 0.8, 0.1, timing="start"), 2)
    366.67
    >>> round(clv(100, 0.8, 0.1, horizon=5), 2)
    212.41
    >>> round(clv(100, 0.8, 0.1, acquisition_cost=80), 2)
    186.67
    >>> clv(100, 1.0, 0.0, horizon=10, acquisition_cost=80)
    920.0
    >>> clv(0, 1.0, 0.0, horizon=1000, growth=10)
    0.0
    """
    m = _margin(margin)
    r = _retention_clv(retention)
    d = _rate(discount_rate)
    T = _horizon(horizon)
    g = _growth(growth)
    t = _timing(timing)
    c = _cost(acquisition_cost)
    return float(_finite(_gross(m, r, d, T, g, t) - c, "the CLV", "客户终生价值",
                         ("margin", "acquisition_cost", *_CLV_ARGUMENTS[1:])))


def break_even_acquisition_cost(margin, retention, discount_rate, horizon=None, growth=0.0,
                                timing="end"):
    """Highest acquisition cost worth paying (盈亏平衡获客成本).

    The acquisition cost at which net CLV is zero, i.e. the gross CLV
    (before acquisition cost).  Spending more than this to win a customer
    destroys value.  Arguments and conventions as in :func:`clv`.

    Returns
    -------
    float

    Examples
    --------
    >>> round(break_even_acquisition_cost(100, 0.8, 0.1), 2)
    266.67
    >>> round(clv(100, 0.8, 0.1, acquisition_cost=break_even_acquisition_cost(100, 0.8, 0.1)), 9)
    0.0
    >>> break_even_acquisition_cost(100, 1.0, 0.0, horizon=10)
    1000.0
    """
    return clv(margin, retention, discount_rate, horizon=horizon, growth=growth, timing=timing)


def value_curve(margin, retention, discount_rate, years, growth=0.0, timing="end",
                acquisition_cost=0.0):
    """Year-by-year build-up of CLV (客户终生价值随关系长度的累积).

    Parameters
    ----------
    margin, retention, discount_rate, growth, timing, acquisition_cost
        As in :func:`clv`; ``retention`` may be 1 (the horizon is finite).
    years : int
        Number of years (periods) shown, 1 to :data:`MAX_PERIODS`.

    Returns
    -------
    pandas.DataFrame
        One row per year with columns

        ``year``
            1, 2, …, ``years``.
        ``survival``
            Probability the customer is still a customer when that year's
            margin arrives (留存概率): ``r**t`` ("end") or ``r**(t-1)``
            ("start").
        ``expected_margin``
            Undiscounted expected margin of that year (期望利润):
            ``m (1+g)**(t-1) × survival``.
        ``discounted_margin``
            The same discounted to today (折现后的期望利润): divided by
            ``(1+d)**t`` ("end") or ``(1+d)**(t-1)`` ("start").
        ``cumulative_value``
            Cumulative discounted value minus the acquisition cost (累计价值);
            its last value equals ``clv(..., horizon=years)``.
        ``simple_cumulative``
            The textbook's simple formula after t years, ``m·t − acquisition
            cost`` (简单公式): no leaving, no discounting, no growth.

    Notes
    -----
    The gap between ``simple_cumulative`` and ``cumulative_value`` is how much
    the simple formula overstates value.  Both grow with the length of the
    relationship, as the course says [000]; the discounted curve levels off
    towards the infinite-horizon CLV.

    Examples
    --------
    >>> curve = value_curve(100, 0.8, 0.1, years=10, acquisition_cost=80)
    >>> list(curve.columns)
    ['year', 'survival', 'expected_margin', 'discounted_margin', 'cumulative_value', 'simple_cumulative']
    >>> round(float(curve["cumulative_value"].iloc[4]), 2), float(curve["simple_cumulative"].iloc[-1])
    (132.41, 920.0)
    >>> never_leaves = value_curve(100, 1.0, 0.0, years=10, acquisition_cost=80)
    >>> bool((never_leaves["cumulative_value"] == never_leaves["simple_cumulative"]).all())
    True
    """
    m = _margin(margin)
    r = _retention_clv(retention)
    d = _rate(discount_rate)
    n = _periods(years, "years", "年数")
    g = _growth(growth)
    timing = _timing(timing)
    c = _cost(acquisition_cost)
    year = np.arange(1, n + 1)
    k = year - 1.0
    with np.errstate(all="ignore"):
        q = r * (1 + g)
        if timing == "end":
            survival = r ** year.astype(float)
            expected = _geometric(m * r, q, n)
        else:
            survival = r ** k
            expected = _geometric(m, q, n)
        discounted = _discounted_terms(m, r, d, g, n, timing)
        cumulative = np.cumsum(discounted) - c
        simple = m * year - c
    arguments = ("margin", "years", "growth", "acquisition_cost")
    _finite(expected, "the expected margin", "期望利润", arguments)
    _finite(cumulative, "the cumulative value", "累计价值", arguments + ("discount_rate",))
    _finite(simple, "the simple formula's value", "简单公式的价值",
            ("margin", "years", "acquisition_cost"))
    return pd.DataFrame({
        "year": year,
        "survival": survival,
        "expected_margin": expected,
        "discounted_margin": discounted,
        "cumulative_value": cumulative,
        "simple_cumulative": simple,
    })


# ---------------------------------------------------------------------------
# customer asset model [004]
# ---------------------------------------------------------------------------
def customer_equity(clv, customers=None, acquisitions=None, discount_rate=0.0,
                    acquisition_cost=0.0):
    """Customer equity in the customer asset model (客户资产).

    [004] says that customer equity depends on the size of the customer base
    and on CLV (客户资产的大小依赖于客户基础的规模以及客户终生价值); it gives no
    formula.  The convention here (本书补充, after Gupta & Lehmann 2003) is the
    simplest one with that property: customer equity = Σ cohort size × CLV,
    each cohort discounted to today.

    Existing customers have already been won: what it cost to win them is
    spent and gone, so they count at the **gross** CLV, before acquisition
    cost (毛客户终生价值).  Customers still to be won in future periods cost
    ``acquisition_cost`` each, so every future cohort counts at the **net**
    CLV, ``clv − acquisition_cost``.

    Parameters
    ----------
    clv : float
        Gross CLV of one customer (客户终生价值，未扣除获客成本), any finite
        number, e.g. ``clv(m, r, d)`` without ``acquisition_cost``; the same
        for the current base and for every future cohort.
    customers : float, optional
        Size of the current customer base (现有客户数), ≥ 0.
    acquisitions : sequence of float or pandas.Series, optional
        New customers won in future periods (各期新增客户数), ≥ 0.  A plain
        sequence means periods 1, 2, …; a Series is indexed by its periods
        (whole numbers ≥ 1, no repeats).
    discount_rate : float, default 0.0
        Discount rate d (折现率) per period, ≥ 0.
    acquisition_cost : float, default 0.0
        Cost of winning one new customer (获客成本), ≥ 0, paid by the future
        cohorts only; it does not change the value of the current base.

    Returns
    -------
    float or pandas.DataFrame
        Without ``acquisitions``: ``customers × clv`` (a float).

        With ``acquisitions``: one row per cohort (客户群组) and a last row
        ``"total"``.  The index, named ``period``, holds 0 for the current base
        (only when ``customers`` is given), the acquisition periods, then the
        label ``"total"``.  Columns: ``customers`` (size of the cohort),
        ``value`` (cohort size × ``clv`` for the current base, cohort size ×
        ``(clv − acquisition_cost)`` for a future cohort, in money of the
        period it is won) and ``present_value`` (``value / (1+d)**period``:
        today's value).  The total row sums each column, so
        ``result.loc["total", "present_value"]`` is the customer equity.

    Notes
    -----
    Each cohort's CLV is valued at the moment it is won, so cohort t is
    discounted by ``(1+d)**t``; the current base is valued today.  The model
    of Gupta & Lehmann (2003) is the same sum over cohorts, with the
    acquisition cost subtracted for the customers still to be won.

    References
    ----------
    Seed [004] (what customer equity depends on); Gupta & Lehmann (2003) (the sum
    over cohorts).

    Examples
    --------
    >>> round(customer_equity(clv(100, 0.8, 0.1), customers=1000))  # gross CLV 266.67
    266667
    >>> table = customer_equity(100, customers=10, acquisitions=[5, 5], discount_rate=0.1)
    >>> round(float(table.loc["total", "present_value"]), 2)
    1867.77
    >>> table = customer_equity(100, customers=10, acquisitions=[5], acquisition_cost=30)
    >>> table["value"].tolist()
    [1000.0, 350.0, 1350.0]
    """
    v = check_number(clv, "clv", zh="客户终生价值")
    d = _rate(discount_rate)
    cost = _cost(acquisition_cost)
    if customers is None and acquisitions is None:
        raise fail("customers", None, "a number >= 0 (or give acquisitions)",
                   "不小于 0 的数值（或给出 acquisitions 各期新增客户数）", zh="现有客户数")
    n0 = None if customers is None else check_number(customers, "customers", zh="现有客户数",
                                                       low=0)
    if acquisitions is None:
        with np.errstate(all="ignore"):
            equity = n0 * v
        return float(_finite(equity, "the customer equity", "客户资产", ("clv", "customers")))
    zh = "各期新增客户数"
    if isinstance(acquisitions, pd.Series):
        counts = check_array(acquisitions.to_numpy(), "acquisitions", zh=zh, nonnegative=True)
        try:
            if not (pd.api.types.is_integer_dtype(acquisitions.index)
                    or pd.api.types.is_float_dtype(acquisitions.index)):
                raise TypeError("periods must be numbers, not dates or labels")
            periods = np.asarray(acquisitions.index, dtype=float)
        except (TypeError, ValueError):
            raise fail("acquisitions", f"Series indexed by {list(acquisitions.index)[:5]}",
                       "a Series indexed by whole periods >= 1", "以不小于 1 的整数期数为索引的序列",
                       zh=zh, kind=InputTypeError) from None
        bad = (~np.isfinite(periods)) | (periods < 1) | (periods != np.round(periods))
        if bad.any() or len(np.unique(periods)) != len(periods):
            raise fail("acquisitions", f"Series indexed by {list(acquisitions.index)[:5]}",
                       "a Series indexed by distinct whole periods >= 1",
                       "以互不相同、不小于 1 的整数期数为索引的序列", zh=zh)
        order = np.argsort(periods)
        periods, counts = periods[order].astype(int), counts[order]
    else:
        counts = check_array(acquisitions, "acquisitions", zh=zh, nonnegative=True)
        periods = np.arange(1, counts.size + 1)
    each = np.full(counts.size, v - cost)
    if n0 is not None:
        periods = np.concatenate([[0], periods])
        counts = np.concatenate([[n0], counts])
        each = np.concatenate([[v], each])
    with np.errstate(all="ignore"):
        value = counts * each
        present = value * _discount_factors(d, periods)
        totals = [counts.sum(), value.sum(), present.sum()]
    _finite(np.concatenate([value, present, totals]), "the customer equity", "客户资产",
            ("clv", "customers", "acquisitions", "acquisition_cost"))
    table = pd.DataFrame({"customers": counts, "value": value, "present_value": present},
                         index=pd.Index(list(periods), dtype=object, name="period"))
    table.loc["total"] = totals
    return table


def clv_components(transaction, referral, growth, knowledge):
    """The four parts of CLV in the customer asset model (客户终生价值的构成).

    CLV = transaction value + referral value + growth value + knowledge value
    [004]:

    * 交易价值 transaction value — cash flow from the customer's own purchases
      of the core product or service;
    * 推荐价值 referral value — value of the new customers the customer brings
      through word of mouth and recommendations (see :func:`referral_value`);
    * 成长价值 growth value — value of the customer buying more over time
      (larger orders, upgrades, other products);
    * 知识价值 knowledge value — value of what the firm learns from the customer
      (needs, complaints, ideas; see :func:`information_value`).

    Parameters
    ----------
    transaction, referral, growth, knowledge : float
        Each part's value, ≥ 0, in the same money unit.

    Returns
    -------
    pandas.DataFrame
        Five rows: the four parts in the order above, then a last row
        ``component == "total"`` (their sum, share 1).  Columns:
        ``component`` (the key: one of :data:`COMPONENTS`, or ``"total"``),
        ``value`` and ``share`` (value / total, a fraction).  For the parts
        alone use ``df[df["component"] != "total"]``;
        :func:`~crmlab.value.charts.plot_clv_components` does.  The Chinese
        names are in the glossary (``display.label("referral_value",
        topic="value")`` → 推荐价值).

    Raises
    ------
    InputError
        If a part is negative, or all four are zero (shares are then undefined).

    References
    ----------
    Seed [004] names the four parts; how each is measured is left open (the
    notebook's measures are 本书补充).

    Examples
    --------
    >>> parts = clv_components(600, 150, 200, 50)
    >>> parts[["component", "value", "share"]].to_dict("records")[-1]
    {'component': 'total', 'value': 1000.0, 'share': 1.0}
    >>> float(parts.loc[parts["component"] == "referral", "share"].iloc[0])
    0.15
    """
    given = {"transaction": transaction, "referral": referral, "growth": growth,
             "knowledge": knowledge}
    names_zh = {"transaction": "交易价值", "referral": "推荐价值", "growth": "成长价值",
                "knowledge": "知识价值"}
    values = np.array([check_number(given[key], key, zh=names_zh[key], low=0)
                       for key in COMPONENTS])
    with np.errstate(all="ignore"):
        total = float(values.sum())
    _finite(total, "the total CLV", "客户终生价值合计", COMPONENTS)
    if total == 0:
        raise InputError(
            "transaction, referral, growth and knowledge must not all be 0 (the shares would "
            "be undefined); got all 0 (交易价值 transaction、推荐价值 referral、成长价值 growth、"
            "知识价值 knowledge 不能全为 0，否则占比无从计算；实际全为 0)")
    return pd.DataFrame({
        "component": [*COMPONENTS, "total"],
        "value": np.append(values, total),
        "share": np.append(values / total, 1.0),
    })


# ---------------------------------------------------------------------------
# the six values of a customer [000]
# ---------------------------------------------------------------------------
def _annuity(d, years):
    """Sum of discount factors for the ends of years 1..years."""
    return float(np.sum(_discount_factors(d, np.arange(1, years + 1))))


def referral_value(referrals_per_year, conversion_rate, clv_of_referred, years=1,
                   discount_rate=0.0, retention=1.0):
    """Word-of-mouth value of a customer (口碑价值).

    .. math:: V = k \\cdot c \\cdot \\mathrm{CLV}_{ref}
              \\sum_{t=1}^{T} \\frac{r^t}{(1+d)^t}

    with k people told per year, a share c of them won, each worth
    :math:`\\mathrm{CLV}_{ref}`, and the referrer's own retention r: the
    customer only recommends in year t if still a customer then.  Over an
    infinite horizon the sum is :math:`r/(1+d-r)`, Gupta & Lehmann's margin
    multiple, so :math:`V = k\\,c\\,\\mathrm{CLV}_{ref} \\times` the multiple.

    Parameters
    ----------
    referrals_per_year : float
        People k the customer tells or recommends the firm to each year
        (每年推荐人数), ≥ 0.  For bad word of mouth, the people told about a
        bad experience (the value is then a loss: customers not won).
    conversion_rate : float
        Share c of those told whose decision changes (转化率), in [0, 1]: who
        become customers (good word of mouth) or who would have become one
        and now do not (bad word of mouth).
    clv_of_referred : float
        CLV of one referred customer (被推荐客户的终生价值), finite.  Use the
        **gross** CLV (before acquisition cost): a customer won through a
        referral costs the firm no acquisition spending.
    years : int or None, default 1
        Years T the customer keeps recommending (推荐年数), 1 to
        :data:`MAX_PERIODS`; ``None`` for as long as the customer stays
        (an infinite horizon, which needs ``retention < 1`` or
        ``discount_rate > 0``).
    discount_rate : float, default 0.0
        Discount rate d (折现率) per year, ≥ 0.
    retention : float, default 1.0
        Retention r of the **referrer** (推荐者的留存率), in [0, 1]; 1 means the
        referrer certainly stays for the T years.

    Returns
    -------
    float
        Expected present value of the customers won (or lost) through this
        customer.

    Notes
    -----
    Convention (本书补充, the ``"end"`` timing of :func:`clv`): referred
    customers are won at the end of each year in which the referrer is still
    a customer; referred customers' own referrals are left out (or already in
    their CLV).  [000] says word of mouth is the most trusted source in buying
    decisions; [003] says a good experience is told to 8 people and a bad one
    to 22.  The model and the conversion rate are assumptions of this book.

    Examples
    --------
    >>> round(referral_value(8, 0.05, 920), 2)
    368.0
    >>> round(referral_value(8, 0.05, 920, years=3, discount_rate=0.1), 2)
    915.16
    >>> round(referral_value(8, 0.05, 920, years=3, discount_rate=0.1, retention=0.8), 2)
    603.84
    >>> round(referral_value(8, 0.05, 100, years=None, discount_rate=0.1, retention=0.8), 2)
    106.67
    """
    k = check_number(referrals_per_year, "referrals_per_year", zh="每年推荐人数", low=0)
    c = _share(conversion_rate, "conversion_rate", "转化率")
    v = check_number(clv_of_referred, "clv_of_referred", zh="被推荐客户的终生价值")
    n = None if years is None else _periods(years, "years", "推荐年数")
    d = _rate(discount_rate)
    r = check_number(retention, "retention", zh="推荐者的留存率", low=0, high=1)
    with np.errstate(all="ignore"):
        per_year = k * c * v
    if per_year == 0:
        return 0.0
    if n is None:
        if r >= 1 + d:
            raise fail("years", None,
                       "a whole number of years when the referrer never leaves and money is not "
                       "discounted (retention = 1 and discount_rate = 0: the sum never ends)",
                       "整数年数（推荐者永不流失且不折现时，即留存率为 1、折现率为 0，无限期的和为无穷大）",
                       zh="推荐年数")
        multiple = r / (1 + d - r)
    else:
        multiple = float(np.sum(_geometric(r / (1 + d), r / (1 + d), n)))
    with np.errstate(all="ignore"):
        value = per_year * multiple
    return float(_finite(value, "the referral value", "口碑价值",
                         ("referrals_per_year", "clv_of_referred", "years")))


def crowd_pulling_value(customers, new_per_customer, clv_of_new, years=1, discount_rate=0.0,
                        compounding=False):
    """Crowd-pulling value of a customer base (聚客效应).

    A firm that already has many customers draws new ones more easily [000].
    Model: every existing customer draws ``a = new_per_customer`` new customers
    per year (e.g. every 100 customers draw 5 new ones → a = 0.05).

    .. math:: V = \\sum_{t=1}^{T} \\frac{\\mathrm{new}_t \\cdot
              \\mathrm{CLV}_{new}}{(1+d)^t}, \\qquad
              \\mathrm{new}_t = N a \\ \\text{(no compounding)} \\quad
              \\text{or}\\quad N a (1+a)^{t-1} \\ \\text{(compounding)}

    Parameters
    ----------
    customers : float
        Current customer base N (现有客户数), ≥ 0.
    new_per_customer : float
        New customers drawn per existing customer per year a (人均每年带来的
        新客户数), ≥ 0.
    clv_of_new : float
        CLV of one drawn customer (新客户的终生价值), finite.
    years : int, default 1
        Years T counted (年数), ≥ 1.
    discount_rate : float, default 0.0
        Discount rate d (折现率), ≥ 0.
    compounding : bool, default False
        If True the drawn customers draw others too (the "virtuous circle" of
        the course, 良性循环): the drawing base grows by ``1+a`` a year.

    Returns
    -------
    float
        Present value of all customers drawn; divide by ``customers`` for the
        value per existing customer.

    Notes
    -----
    Convention (本书补充; [000] describes the effect without a formula).
    Assumptions: draws happen at the end of each year; the drawing base does
    not shrink through churn (the drawn customers' own churn is in their CLV).

    Examples
    --------
    >>> crowd_pulling_value(100, 0.05, 500, years=2)
    5000.0
    >>> crowd_pulling_value(100, 0.05, 500, years=2, compounding=True)
    5125.0
    """
    n0 = check_number(customers, "customers", zh="现有客户数", low=0)
    a = check_number(new_per_customer, "new_per_customer", zh="人均每年带来的新客户数", low=0)
    v = check_number(clv_of_new, "clv_of_new", zh="新客户的终生价值")
    n = _periods(years, "years", "年数")
    d = _rate(discount_rate)
    compounding = check_bool(compounding, "compounding", zh="是否滚动增长")
    with np.errstate(all="ignore"):
        first = n0 * a * v / (1 + d)
        q = (1 + a) / (1 + d) if compounding else 1 / (1 + d)
        total = float(np.sum(_geometric(first, q, n)))
    return float(_finite(total, "the crowd-pulling value", "聚客价值",
                         ("customers", "new_per_customer", "clv_of_new", "years")))


def information_value(failure_probability, failure_loss, detection_rate=1.0, informants=1,
                      cost=0.0):
    """Information value of customers' feedback (信息价值).

    Customers' complaints, suggestions and answers tell the firm what works
    [000].  Simple expected-value model: a plan (a new product, a campaign)
    fails with probability p and then loses L; customer feedback spots the
    problem in time with probability s, so the loss is avoided.

    .. math:: V = \\frac{p \\cdot s \\cdot L - \\text{cost}}{n}

    Parameters
    ----------
    failure_probability : float
        Probability p that the plan would fail (失败概率), in [0, 1].
    failure_loss : float
        Loss L if it fails (失败损失), ≥ 0.
    detection_rate : float, default 1.0
        Probability s that the feedback reveals the failure in time (信息发现
        问题的概率), in [0, 1].
    informants : int, default 1
        Number n of customers whose feedback it is (提供信息的客户数), ≥ 1.
    cost : float, default 0.0
        Cost of collecting the feedback (收集信息的成本), ≥ 0.

    Returns
    -------
    float
        Expected net value of the information per informing customer (can be
        negative when collecting costs more than it saves).

    Notes
    -----
    Convention (本书补充; [000] describes information value without a formula).
    Assumptions: a detected failure is fully avoided, and undetected ones cost
    the full loss.  Feedback that raises retention instead is valued with
    :func:`retention_uplift`.

    Examples
    --------
    >>> information_value(0.3, 1_000_000, detection_rate=0.5, informants=200, cost=20_000)
    650.0
    """
    p = _share(failure_probability, "failure_probability", "失败概率")
    loss = check_number(failure_loss, "failure_loss", zh="失败损失", low=0)
    s = _share(detection_rate, "detection_rate", "信息发现问题的概率")
    n = check_int(informants, "informants", zh="提供信息的客户数", low=1)
    c = _cost(cost, "cost", "收集信息的成本")
    with np.errstate(all="ignore"):
        value = (p * s * loss - c) / n
    return float(_finite(value, "the information value", "信息价值", ("failure_loss", "cost")))


# ---------------------------------------------------------------------------
# customer value laws [001, 003]
# ---------------------------------------------------------------------------
def retention_vs_acquisition(customers, retention, acquisition_cost, cost_ratio=5.0,
                             value_ratio=1.0):
    """Budget to replace lost customers versus to keep them (开发新客户与保留老客户).

    One of the "customer value laws" [001]: winning a new customer costs about
    5× keeping an old one, and losing one old customer takes about 10 new ones
    to make up.  For one period:

    * customers who would leave: ``lost = N (1 − r)``;
    * replace them: ``new_customers_needed = lost × value_ratio`` new customers
      at ``acquisition_cost`` each → ``acquisition_budget``;
    * keep them instead at ``acquisition_cost / cost_ratio`` each →
      ``retention_budget``.

    Parameters
    ----------
    customers : float
        Customer base N (客户数), ≥ 0.
    retention : float
        Retention rate r (留存率) without extra effort, in [0, 1).
    acquisition_cost : float
        Cost of winning one new customer (获客成本), ≥ 0.
    cost_ratio : float, default 5.0
        How many times keeping one customer costs to win one (获客与保留成本之比),
        > 0; the law says 5.
    value_ratio : float, default 1.0
        New customers needed to make up one lost old customer (弥补一位老客户
        所需新客户数), > 0; the law says 10 (old customers buy more).

    Returns
    -------
    dict
        ``lost_customers``, ``new_customers_needed``, ``acquisition_budget``,
        ``retention_cost_per_customer``, ``retention_budget``, ``savings``
        (acquisition − retention budget).  The budget ratio is always
        ``cost_ratio × value_ratio``.

    Notes
    -----
    Assumes money spent on keeping a customer does keep them (the cost per
    customer actually kept), and that revenue is held constant either way.

    Examples
    --------
    >>> out = retention_vs_acquisition(1000, 0.8, 100)
    >>> out["acquisition_budget"], out["retention_budget"], out["savings"]
    (20000.0, 4000.0, 16000.0)
    >>> retention_vs_acquisition(1000, 0.8, 100, value_ratio=10)["acquisition_budget"]
    200000.0
    """
    n = check_number(customers, "customers", zh="客户数", low=0)
    r = _retention(retention)
    c = _cost(acquisition_cost)
    k = check_number(cost_ratio, "cost_ratio", zh="获客与保留成本之比", low=0, low_open=True)
    v = check_number(value_ratio, "value_ratio", zh="弥补一位老客户所需新客户数", low=0,
                     low_open=True)
    lost = n - n * r
    needed = lost * v
    acquisition_budget = needed * c
    keep_cost = c / k
    retention_budget = lost * keep_cost
    out = {
        "lost_customers": lost,
        "new_customers_needed": needed,
        "acquisition_budget": acquisition_budget,
        "retention_cost_per_customer": keep_cost,
        "retention_budget": retention_budget,
        "savings": acquisition_budget - retention_budget,
    }
    _finite(np.array(list(out.values())), "the budget", "预算",
            ("customers", "acquisition_cost", "value_ratio", "cost_ratio"))
    return out


def retention_uplift(customers, retention, uplift=0.05, margin=100.0, discount_rate=0.10,
                     years=10, new_customers=0.0):
    """What a few more points of retention do to a customer base (提高留存率的效果).

    Two scenarios over ``years`` years, the same except for retention: ``r``
    (base) and ``r + uplift`` (uplift, in percentage points as a fraction:
    0.05 = 5 points).  Each year:

    .. math:: N_t = r N_{t-1} + A, \\qquad
              \\text{profit}_t = \\frac{m N_t}{(1+d)^t}

    with ``N_0 = customers`` and ``A = new_customers`` won each year.

    Parameters
    ----------
    customers : float
        Customers now N₀ (现有客户数), > 0.
    retention : float
        Base retention r (留存率), in [0, 1).
    uplift : float, default 0.05
        Extra retention (留存率提升), ≥ 0, with ``retention + uplift < 1``.
    margin : float, default 100.0
        Margin per customer per year m (每位客户每年利润), > 0.
    discount_rate : float, default 0.10
        Discount rate d (折现率), ≥ 0.
    years : int, default 10
        Years shown (年数), ≥ 1.
    new_customers : float, default 0.0
        New customers won each year in both scenarios A (每年新增客户数), ≥ 0.

    Returns
    -------
    pandas.DataFrame
        One row per year: ``year``, ``customers`` and ``customers_uplift``
        (base size at year end), ``profit`` and ``profit_uplift`` (discounted
        profit of the year), ``cumulative_value`` and
        ``cumulative_value_uplift`` (sum of discounted profit so far) and
        ``gain`` (``cumulative_value_uplift / cumulative_value − 1``, a
        fraction: 0.25 = +25 %).

    Notes
    -----
    The course quotes "+5 % retention → +25 % profit" [001] (after Reichheld &
    Sasser 1990; the seed's wording is "+5 % regular customers").  Here the gain
    depends on the starting retention, the horizon, the discount rate and on
    whether new customers keep arriving.  It grows with the horizon and
    shrinks with the discount rate; over a few years a low starting retention
    gains more (0.50 → 0.55 is a larger relative step), over many years a high
    one does.  Over 3 years the gain is only about 10–16 %; around +25 % needs about 10 years with retention
    near 0.9 (d = 0.10), and 30 years at 0.9 gives about +39 %.  Steady
    acquisition dilutes the gain in the short run, although in the long run
    the base tends to ``A / (1 − r)``, so 0.90 → 0.95 eventually doubles it.
    Let students find when +25 % holds rather than take it as a law.

    Examples
    --------
    >>> table = retention_uplift(1000, 0.8, uplift=0.05, years=10)
    >>> round(float(table["gain"].iloc[-1]), 3)
    0.229
    >>> short = retention_uplift(1000, 0.9, uplift=0.05, years=3)
    >>> round(float(short["gain"].iloc[-1]), 3)
    0.107
    """
    n0 = check_number(customers, "customers", zh="现有客户数", low=0, low_open=True)
    r = _retention(retention)
    u = check_number(uplift, "uplift", zh="留存率提升", low=0)
    if r + u >= 1:
        raise fail("uplift", uplift, f"below 1 − retention = {1 - r:g} (retention + uplift < 1)",
                   f"小于 1 − 留存率 = {1 - r:g} 的数值（留存率加提升后应小于 1）", zh="留存率提升")
    m = check_number(margin, "margin", zh="每位客户每年利润", low=0, low_open=True)
    d = _rate(discount_rate)
    n = _periods(years, "years", "年数")
    a = check_number(new_customers, "new_customers", zh="每年新增客户数", low=0)
    if r == 0 and a == 0:
        raise fail("retention", retention,
                   "above 0 when new_customers is 0 (otherwise the base is empty after year 1 "
                   "and a percentage gain is undefined)",
                   "大于 0 的数值（每年新增客户数为 0 时，留存率为 0 会让客户群在第一年后清空，"
                   "增幅无从计算）", zh="留存率")
    t = np.arange(1, n + 1, dtype=float)

    def base(rate):
        # closed form of N_t = rate N_{t-1} + A, vectorised over t
        with np.errstate(all="ignore"):
            decay = rate ** t
            return n0 * decay + a * (1 - decay) / (1 - rate)

    factors = _discount_factors(d, t)
    size, size_up = base(r), base(r + u)
    with np.errstate(all="ignore"):
        profit, profit_up = m * size * factors, m * size_up * factors
        cumulative, cumulative_up = np.cumsum(profit), np.cumsum(profit_up)
    _finite(cumulative_up, "the value of the customer base", "客户群价值",
            ("customers", "margin", "new_customers", "years"))
    with np.errstate(all="ignore"):
        gain = cumulative_up / cumulative - 1
    if not np.all(np.isfinite(gain)):
        raise fail("discount_rate", discount_rate, "small enough, for this margin, that the "
                   "discounted profit is above 0 in floating point",
                   "足够小的数值，使在该利润下折现后的利润在浮点数中仍大于 0", zh="折现率")
    return pd.DataFrame({
        "year": t.astype(int),
        "customers": size,
        "customers_uplift": size_up,
        "profit": profit,
        "profit_uplift": profit_up,
        "cumulative_value": cumulative,
        "cumulative_value_uplift": cumulative_up,
        "gain": gain,
    })


def retention_uplift_grid(customers, retentions, horizons, uplift=0.05, margin=100.0,
                          discount_rate=0.10, new_customers=0.0):
    """Gain of :func:`retention_uplift` for several starting retentions and horizons.

    One cell per (starting retention, number of years): the relative gain of
    cumulative discounted profit, ``cumulative_value_uplift /
    cumulative_value − 1``, after that many years.  Use it to see where the
    course's "+5 % → +25 %" [001] holds and where it does not.

    Parameters
    ----------
    customers, uplift, margin, discount_rate, new_customers
        As in :func:`retention_uplift`.
    retentions : sequence of float
        Starting retention rates (起点留存率), each in [0, 1) with
        ``retention + uplift < 1``.
    horizons : sequence of int
        Numbers of years (年数), each 1 to :data:`MAX_PERIODS`.

    Returns
    -------
    pandas.DataFrame
        Index ``start_retention`` (the starting retentions), columns ``years`` (the
        horizons), cells the gain as a fraction (0.25 = +25 %).

    Examples
    --------
    >>> grid = retention_uplift_grid(1000, [0.8, 0.9], [3, 10])
    >>> round(float(grid.loc[0.8, 10]), 3), round(float(grid.loc[0.9, 3]), 3)
    (0.229, 0.107)
    """
    rates = check_array(retentions, "retentions", zh="起点留存率")
    spans = check_array(horizons, "horizons", zh="年数")
    if (spans != np.round(spans)).any() or (spans < 1).any() or (spans > MAX_PERIODS).any():
        bad = spans[(spans != np.round(spans)) | (spans < 1) | (spans > MAX_PERIODS)][0]
        raise fail("horizons", float(bad), f"whole numbers from 1 to {MAX_PERIODS}",
                   f"1 到 {MAX_PERIODS} 的整数", zh="年数")
    spans = spans.astype(int)
    longest = int(spans.max())
    cells = []
    for rate in rates:  # a handful of rows; each row is one vectorised run
        if not 0 <= rate < 1:
            raise fail("retentions", float(rate), "numbers in [0, 1)", "[0, 1) 内的数值",
                       zh="起点留存率")
        try:
            gain = retention_uplift(customers, float(rate), uplift=uplift, margin=margin,
                                    discount_rate=discount_rate, years=longest,
                                    new_customers=new_customers)["gain"].to_numpy()
        except InputError as err:  # name this function's argument, not retention_uplift's
            if not str(err).startswith("retention "):
                raise
            raise InputError(str(err).replace("retention must", "retentions must", 1)
                             .replace("留存率 retention", "起点留存率 retentions", 1)) from None
        cells.append(gain[spans - 1])
    return pd.DataFrame(np.array(cells), index=pd.Index(rates, name="start_retention"),
                        columns=pd.Index(spans, name="years"))


def complaint_iceberg(complaints, never_complain_share, people_told, conversion_rate,
                      clv_of_lost):
    """What the complaints a firm hears stand for (投诉冰山).

    Law 3 of 小资料 16-1 [001] says that 96 % of unhappy customers never tell
    the firm; [003] says a bad experience is told to 22 people.  If the firm
    hears ``complaints`` complaints, then (本书补充: the arithmetic and the
    conversion rate are this book's):

    .. math:: U = \\frac{\\text{complaints}}{1 - s}, \\qquad
              \\text{told} = U \\cdot k, \\qquad
              \\text{lost} = \\text{told} \\cdot c, \\qquad
              \\text{value\\_lost} = \\text{lost} \\cdot \\mathrm{CLV}

    with s the share who never complain, k the people each unhappy customer
    tells and c the share of those told who then stay away.

    Parameters
    ----------
    complaints : float
        Complaints the firm hears (收到的投诉数), ≥ 0.
    never_complain_share : float
        Share s of unhappy customers who never complain (从不投诉的比例), in
        [0, 1).
    people_told : float
        People k each unhappy customer tells (每位不满客户转告的人数), ≥ 0.
    conversion_rate : float
        Share c of those told who stay away (被劝退的比例), in [0, 1].
    clv_of_lost : float
        Gross CLV of one customer not won (每位流失潜在客户的终生价值), finite.

    Returns
    -------
    dict
        ``unhappy_customers`` (U), ``silent_customers`` (U − complaints),
        ``people_told``, ``customers_lost`` and ``value_lost``.

    Examples
    --------
    >>> out = complaint_iceberg(10, 0.96, 22, 0.05, 266.67)
    >>> round(out["unhappy_customers"]), round(out["silent_customers"]), round(out["people_told"])
    (250, 240, 5500)
    >>> round(out["customers_lost"], 1), round(out["value_lost"])
    (275.0, 73334)
    """
    n = check_number(complaints, "complaints", zh="收到的投诉数", low=0)
    s = check_number(never_complain_share, "never_complain_share", zh="从不投诉的比例", low=0,
                     high=1, high_open=True)
    k = check_number(people_told, "people_told", zh="每位不满客户转告的人数", low=0)
    c = _share(conversion_rate, "conversion_rate", "被劝退的比例")
    v = check_number(clv_of_lost, "clv_of_lost", zh="每位流失潜在客户的终生价值")
    with np.errstate(all="ignore"):
        unhappy = n / (1 - s)
        told = unhappy * k
        lost = told * c
        value = 0.0 if lost == 0 else lost * v
    out = {"unhappy_customers": unhappy, "silent_customers": unhappy - n, "people_told": told,
           "customers_lost": lost, "value_lost": value}
    _finite(np.array(list(out.values())), "the hidden cost of complaints", "投诉背后的损失",
            ("complaints", "never_complain_share", "people_told", "clv_of_lost"))
    return out


def complaint_readings(complaints, never_complain_shares, people_told, conversion_rate,
                       clv_of_lost, keep_cost=None):
    """:func:`complaint_iceberg` under several readings of "who complains" (投诉比例的几种读法).

    The course documents disagree on how many unhappy customers complain:
    law 3 of 小资料 16-1 [001] says 96 % never do (4 % complain), while [000]
    says 67 % of unhappy users complain.  The same complaints then stand for
    very different numbers of unhappy customers (10 complaints: 250 or about
    15), so a conclusion drawn from them rests on the reading chosen.  This
    function runs :func:`complaint_iceberg` once per reading, side by side
    (本书补充: the arithmetic is this book's).

    Parameters
    ----------
    complaints, people_told, conversion_rate, clv_of_lost
        As in :func:`complaint_iceberg`.
    never_complain_shares : mapping of str to float
        Reading id → share s of unhappy customers who never complain, each in
        [0, 1); e.g. ``{"silent_001": 0.96, "complain_000": 1 - 0.67}``.
        Non-empty.
    keep_cost : float, optional
        Cost of keeping one unhappy customer (留住一位客户的成本), ≥ 0; when
        given, the column ``retention_budget`` = unhappy customers ×
        ``keep_cost`` is added.

    Returns
    -------
    pandas.DataFrame
        One row per reading, indexed by its id (index name ``reading``), in
        the order given; columns ``never_complain_share`` and the keys of
        :func:`complaint_iceberg` (and ``retention_budget`` with
        ``keep_cost``).

    Examples
    --------
    >>> out = complaint_readings(10, {"silent_001": 0.96, "complain_000": 0.33}, 22, 0.05,
    ...                          266.67, keep_cost=16)
    >>> out["unhappy_customers"].round(1).tolist()
    [250.0, 14.9]
    >>> out["value_lost"].round().tolist(), out["retention_budget"].round().tolist()
    ([73334.0, 4378.0], [4000.0, 239.0])
    """
    if not isinstance(never_complain_shares, Mapping):
        raise fail("never_complain_shares", never_complain_shares,
                   "a dict of reading id → share who never complain",
                   "读法编号到从不投诉比例的字典", zh="各种读法的从不投诉比例", kind=InputTypeError)
    if not never_complain_shares:
        raise fail("never_complain_shares", never_complain_shares, "at least one reading",
                   "至少一种读法", zh="各种读法的从不投诉比例")
    for key in never_complain_shares:
        if not isinstance(key, str) or not key:
            raise fail("never_complain_shares", key, "reading ids that are non-empty strings",
                       "非空字符串的读法编号", zh="各种读法的从不投诉比例", kind=InputTypeError)
    cost = None if keep_cost is None else check_number(keep_cost, "keep_cost",
                                                       zh="留住一位客户的成本", low=0)
    rows = {}
    for key, share in never_complain_shares.items():
        share = check_number(share, "never_complain_shares", zh=f"读法 {key} 的从不投诉比例",
                             low=0, high=1, high_open=True)
        row = {"never_complain_share": share}
        row |= complaint_iceberg(complaints, share, people_told, conversion_rate, clv_of_lost)
        if cost is not None:
            row["retention_budget"] = row["unhappy_customers"] * cost
        rows[key] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("reading")


# ---------------------------------------------------------------------------
# what-if model
# ---------------------------------------------------------------------------
def clv_whatif(margin, retention, discount_rate, growth=0.0, acquisition_cost=0.0, horizon=0,
               timing="end"):
    """The model behind the CLV what-if panel (客户终生价值情景分析).

    Parameters
    ----------
    margin, retention, discount_rate, growth, timing, acquisition_cost
        As in :func:`clv` (money in 美元, as in the course).  ``retention``
        may be 1: with a finite horizon, ``discount_rate=0`` and ``growth=0``
        the model then equals the simple formula.
    horizon : int, default 0
        Number of periods (期数), 0 to :data:`MAX_PERIODS`; **0 means an
        infinite horizon** (a slider cannot reach ``None``).

    Returns
    -------
    dict
        ``clv``
            Net CLV (净客户终生价值) over the horizon (infinite when 0).
        ``gross_clv``
            CLV before the acquisition cost (毛客户终生价值).
        ``margin_multiple``
            ``gross_clv / margin`` computed with a margin of 1 (利润乘数); with
            ``horizon=0`` and ``timing="end"`` it is Gupta & Lehmann's.
        ``break_even_acquisition_cost``
            Highest acquisition cost worth paying (= ``gross_clv``).
        ``simple_years``
            Years used by the simple formula: ``horizon``, or
            :data:`SIMPLE_YEARS` (10, the course example) when infinite.
        ``simple_clv``
            ``margin × simple_years − acquisition_cost`` (教材简单公式).
        ``overstatement``
            ``simple_clv − clv`` (简单公式 − 模型): positive when the simple
            formula overstates value, negative when it understates it (e.g.
            with fast margin growth and no discounting).
            The panel adapter :func:`crmlab.value.panels.clv_panel_model`
            puts it in words for students.
        ``curve_years``
            ``max(horizon, SIMPLE_YEARS)``.
        ``curve``
            :func:`value_curve` over ``curve_years`` years (for
            :func:`~crmlab.value.charts.plot_value_curve`).

        Every number is finite.

    Raises
    ------
    InputError
        On bad arguments; with ``horizon=0`` when ``retention × (1 + growth)
        ≥ 1 + discount_rate`` (the infinite sum diverges: the message tells
        the student to shorten the horizon or raise the discount rate); and
        when a finite horizon makes numbers too large to represent.

    Examples
    --------
    >>> out = clv_whatif(100, 0.8, 0.1, acquisition_cost=80)
    >>> round(out["clv"], 2), out["simple_clv"], round(out["overstatement"], 2)
    (186.67, 920.0, 733.33)
    >>> round(clv_whatif(100, 0.99, 0.0, growth=0.05, acquisition_cost=80, horizon=30)["overstatement"])
    -2506
    >>> same = clv_whatif(100, 1.0, 0.0, acquisition_cost=80, horizon=10)
    >>> same["clv"], same["simple_clv"], same["overstatement"]
    (920.0, 920.0, 0.0)
    >>> round(clv_whatif(100, 0.8, 0.1, horizon=5)["clv"], 2)
    212.41
    """
    m = _margin(margin)
    r = _retention_clv(retention)
    d = _rate(discount_rate)
    g = _growth(growth)
    c = _cost(acquisition_cost)
    n = check_int(horizon, "horizon", zh="期数（0 表示无限期）", low=0, high=MAX_PERIODS)
    t = _timing(timing)
    T = n if n >= 1 else None
    arguments = ("margin", "horizon", "growth", "discount_rate", "acquisition_cost")
    gross = _gross(m, r, d, T, g, t, arguments)
    multiple = _gross(1.0, r, d, T, g, t, ("horizon", "growth", "discount_rate"))
    simple_years = n if n >= 1 else SIMPLE_YEARS
    with np.errstate(all="ignore"):
        simple = m * simple_years - c
        net = gross - c
        gap = simple - net
    curve_years = max(n, SIMPLE_YEARS)
    _finite([simple, net, gap], "the simple formula's value", "简单公式的价值", arguments)
    return {
        "clv": net,
        "gross_clv": gross,
        "margin_multiple": multiple,
        "break_even_acquisition_cost": gross,
        "simple_years": simple_years,
        "simple_clv": simple,
        "overstatement": float(gap),
        "curve_years": curve_years,
        "curve": value_curve(m, r, d, curve_years, growth=g, timing=t, acquisition_cost=c),
    }


# ---------------------------------------------------------------------------
# the start-here panel: the textbook formula, year by year
# ---------------------------------------------------------------------------
def simple_clv_table(annual_profit, years, acquisition_cost=0):
    """The textbook formula year by year (简单公式的逐年累计价值) [000].

    Cumulative value after *t* whole years, ``annual_profit × t −
    acquisition_cost``, for t = 0 … ``years``, and the payback year (回本年数),
    the first whole year in which the cumulative value is no longer negative.

    Parameters
    ----------
    annual_profit : float
        Profit per year from the customer (≥ 0).
    years : int
        Length of the relationship in whole years (1 … 100).
    acquisition_cost : float, default 0
        Cost of winning the customer, paid at year 0 (≥ 0).

    Returns
    -------
    dict
        ``clv`` (the value after ``years``), ``payback_year`` (int, or
        ``None`` when the profit never covers the cost within the
        relationship) and ``table`` (DataFrame with ``year`` and ``cumulative``).

    Examples
    --------
    >>> out = simple_clv_table(100, 10, 80)
    >>> out["clv"], out["payback_year"]
    (920.0, 1)
    >>> simple_clv_table(100, 2, 300)["payback_year"] is None
    True
    """
    profit = check_number(annual_profit, "annual_profit", zh="年利润", low=0)
    n = check_int(years, "years", zh="年数", low=1, high=100)
    cost = check_number(acquisition_cost, "acquisition_cost", zh="获客成本", low=0)
    year = np.arange(n + 1)
    with np.errstate(all="ignore"):
        cumulative = profit * year - cost
    _finite(cumulative, "the cumulative value", "累计价值", ("annual_profit", "acquisition_cost"))
    reached = np.flatnonzero(cumulative >= 0)
    payback = int(year[reached[0]]) if reached.size else None
    return {"clv": float(cumulative[-1]), "payback_year": payback,
            "table": pd.DataFrame({"year": year, "cumulative": cumulative})}


# ---------------------------------------------------------------------------
# Chapter 1 helpers: annual equivalents, the margin-multiple table, the panel
# ---------------------------------------------------------------------------
def annual_equivalent(total, years, discount_rate=0.10):
    """Turn a lifetime total into per-year amounts (把终生总额折算为每年金额).

    The course quotes lifetime figures such as a loyal Coca-Cola customer's
    $11,000 over 50 years [000] without saying whether they are discounted.
    This gives both readings:

    * ``per_year`` — the undiscounted average, ``total / years`` (每年平均额);
      summing it over the years gives ``total`` back.
    * ``present_value_of_per_year`` — what that undiscounted stream is worth
      today at ``discount_rate``: ``per_year × a``, with the annuity factor
      :math:`a = \\sum_{t=1}^{T} (1+d)^{-t}` (按折现率计算的现值).
    * ``level_annuity`` — if ``total`` were already a present value, the level
      amount paid at the end of each year that is worth the same today:
      ``total / a`` (等额年金).

    Parameters
    ----------
    total : float
        Lifetime total (终生总额), finite.
    years : int
        Number of years T (年数), 1 to :data:`MAX_PERIODS`.
    discount_rate : float, default 0.10
        Discount rate d (折现率) per year, ≥ 0.

    Returns
    -------
    dict
        ``per_year``, ``annuity_factor`` (a), ``present_value_of_per_year`` and
        ``level_annuity``.  With ``discount_rate=0`` all three amounts agree
        with the undiscounted reading.

    Notes
    -----
    Amounts arrive at the end of each year (the ``"end"`` timing of
    :func:`clv`, with certain payment: no retention).

    Examples
    --------
    >>> out = annual_equivalent(11_000, 50, discount_rate=0.10)
    >>> out["per_year"], round(out["annuity_factor"], 3)
    (220.0, 9.915)
    >>> round(out["present_value_of_per_year"], 2), round(out["level_annuity"], 2)
    (2181.26, 1109.45)
    >>> annual_equivalent(300, 3, discount_rate=0)["level_annuity"]
    100.0
    """
    x = check_number(total, "total", zh="终生总额")
    n = _periods(years, "years", "年数")
    d = _rate(discount_rate)
    a = _annuity(d, n)
    per_year = x / n
    out = {
        "per_year": per_year,
        "annuity_factor": a,
        "present_value_of_per_year": per_year * a,
        "level_annuity": x / a,
    }
    _finite(np.array(list(out.values())), "the annual equivalent", "每年等值金额",
            ("total", "discount_rate"))
    return out


def margin_multiple_table(retentions=(0.6, 0.7, 0.8, 0.9), discount_rates=(0.10, 0.12, 0.14, 0.16),
                          growth=0.0):
    """Gupta–Lehmann margin multiples over a grid (利润乘数表).

    Every cell is :func:`margin_multiple` ``r / (1 + i − r(1+g))`` for one
    retention rate r (row) and one discount rate i (column), computed at once
    with NumPy broadcasting.

    Parameters
    ----------
    retentions : sequence of float, default (0.6, 0.7, 0.8, 0.9)
        Retention rates (留存率), each in [0, 1] (1 only with ``growth`` below
        every discount rate).
    discount_rates : sequence of float, default (0.10, 0.12, 0.14, 0.16)
        Discount rates (折现率), each ≥ 0.
    growth : float, default 0.0
        Margin growth g per period (利润增长率), > −1.

    Returns
    -------
    pandas.DataFrame
        Index ``retention``, columns ``discount_rate``; CLV = margin × cell
        (first margin at the end of period 1, infinite horizon).

    Raises
    ------
    InputError
        On a bad rate, or when a cell would be infinite (``r(1+g) ≥ 1+i``).

    References
    ----------
    Gupta & Lehmann (2003, 2005): the multiples lie between about 1 and 4.5
    for r = 60–90 % and i = 10–16 %, so "CLV ≈ 1 to 4.5 × annual margin".

    Examples
    --------
    >>> table = margin_multiple_table()
    >>> round(float(table.loc[0.8, 0.10]), 2), round(float(table.loc[0.9, 0.16]), 2)
    (2.67, 3.46)
    >>> table.shape
    (4, 4)
    """
    r = check_array(retentions, "retentions", zh="留存率")
    d = check_array(discount_rates, "discount_rates", zh="折现率")
    bad = (r < 0) | (r > 1)
    if bad.any():
        raise fail("retentions", r[bad][0], "numbers in [0, 1]", "[0, 1] 内的数值", zh="留存率")
    if (d < 0).any():
        raise fail("discount_rates", d[d < 0][0], "numbers >= 0", "不小于 0 的数值", zh="折现率")
    g = _growth(growth)
    worst = int(np.argmax(r)), int(np.argmin(d))
    _check_converges(float(r[worst[0]]), float(d[worst[1]]), g)
    rr, dd = r[:, None], d[None, :]
    with np.errstate(all="ignore"):
        cells = rr / (1 + dd - rr * (1 + g))
    _finite(cells, "the margin multiple", "利润乘数", ("retentions", "discount_rates", "growth"))
    return pd.DataFrame(cells, index=pd.Index(r, name="retention"),
                        columns=pd.Index(d, name="discount_rate"))


