"""Customer value and customer lifetime value (客户的价值与客户终生价值).

The functions of Chapter 1.  They start from the course's own arithmetic and
then add what the course leaves out:

* :func:`clv_simple` — the textbook's undiscounted formula, years × yearly
  profit − acquisition cost (10 × 100 − 80 = 920) [000].
* :func:`margin_multiple`, :func:`clv`, :func:`value_curve`,
  :func:`break_even_acquisition_cost` — CLV that accounts for the chance that a
  customer leaves (留存率 retention) and for the time value of money (折现率
  discount rate), as in Gupta & Lehmann (2003, 2005).  They show why the simple
  formula overstates what a customer is worth.
* :func:`customer_equity` and :func:`clv_components` — the customer asset model
  (客户资产模型) [004]: customer equity = size of the customer base × CLV, and
  CLV = transaction + referral + growth + knowledge value.
* :func:`referral_value`, :func:`crowd_pulling_value`, :func:`information_value`
  — small expected-value models that put a number on three of the "six values
  of a customer" (客户的六种价值) [000].
* :func:`retention_vs_acquisition` and :func:`retention_uplift` — the
  "customer value laws" (客户价值定律) about keeping versus winning customers
  [001, 003].
* :func:`clv_whatif` — the model behind the chapter's what-if panel; it never
  returns ``inf`` or ``nan``: inputs with no finite answer raise
  :class:`~crmlab.validation.InputError` with a message the panel shows.
* :func:`plot_value_curve`, :func:`plot_clv_components` — charts, returned as
  :class:`matplotlib.figure.Figure` objects (no pyplot state).

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

from .plotting import figure_and_axes
from .validation import (
    InputError,
    InputTypeError,
    check_array,
    check_choice,
    check_frame,
    check_int,
    check_number,
    fail,
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
    "retention_vs_acquisition",
    "retention_uplift",
    "clv_whatif",
    "plot_value_curve",
    "plot_clv_components",
    "simple_clv_table",
    "plot_simple_clv",
    "simple_clv_panel",
    "annual_equivalent",
    "margin_multiple_table",
    "clv_panel",
    "TIMINGS",
    "MAX_PERIODS",
    "SIMPLE_YEARS",
    "COMPONENTS",
    "VALUE_LAWS",
    "value_laws_table",
]

#: The two cash-flow timing conventions :func:`clv` accepts.
TIMINGS = ("end", "start")

#: Longest horizon (number of periods) any function accepts.
MAX_PERIODS = 1000

#: Years the textbook example keeps a customer [000]; :func:`clv_whatif` uses it
#: for the simple formula and the chart when the horizon is infinite.
SIMPLE_YEARS = 10

#: The four parts of CLV in the customer asset model [004]:
#: key → (Chinese name, English name).
COMPONENTS = {
    "transaction": ("交易价值", "transaction value"),
    "referral": ("推荐价值", "referral value"),
    "growth": ("成长价值", "growth value"),
    "knowledge": ("知识价值", "knowledge value"),
}


#: The "customer value laws" (客户价值定律) of the course, in the order of
#: 小资料 16-1 in [001] (its law number, "—" for the figures from [003]):
#: textbook figure id → (law number, Chinese remark for students, Chinese
#: description replacing the registry's, or None to keep it).  The remark says,
#: in plain Chinese, what the scraped seed lost; the registry's English
#: ``note`` column stays the maintainers' record.
VALUE_LAWS = {
    "ch1_satisfied_referral_deals": (
        "1", "原文数字残缺：满意和不满意的顾客各会转告多少人已经丢失，只剩下“8 笔潜在的生意”", None),
    "ch1_very_satisfied_purchase_intent": ("2", "", None),
    "ch1_unhappy_never_complain": (
        "3", "原文数字残缺：资料只印出“96”，百分号丢失；有抱怨时告诉你和保持沉默的顾客比例完全丢失",
        None),
    "ch1_negative_offsets_positive": ("5", "", None),
    "ch1_handled_complaint_tell_others": (
        "6", "原文数字残缺：投诉妥善处理后、当场圆满解决后再次光顾的两个比例都已丢失；“95”的百分号也丢失了",
        None),
    "ch1_acquire_vs_retain_cost": ("7", "", None),
    "ch1_new_to_replace_lost": ("7", "", None),
    "ch1_hundred_minus_one_satisfied": (
        "8", "原文符号丢失：资料印成“10010”，原意是“100 − 1 = 0”", None),
    "ch1_people_behind_each_customer": ("9", "", None),
    "ch1_pareto_profit_share": ("10", "资料 [003] 也提到二八定律（80/20 定律）", None),
    "ch1_repeat_customer_extra_profit_min": (
        "11", "原文符号丢失：资料印成“2085”，应为 20%–85%；登记表以区间下限 20% 作为数值",
        "多次光顾的顾客比首次光顾者多带来利润的幅度（一个区间）"),
    "ch1_retention_increase": (
        "11", "原文只印出“5”，百分号丢失；原文说的是“固定消费者数目”增长 5%，本书理解为留存率提高 5 个"
        "百分点；资料 [003] 中“客户留置比率上升 5%”的图表数据已丢失", None),
    "ch1_profit_increase_from_retention": ("11", "原文只印出“25”，百分号丢失", None),
    "ch1_good_experience_told": ("—", "", None),
    "ch1_bad_experience_told": ("—", "", None),
    "ch1_whale_profit_share": (
        "—", "超过 100% 是因为有的客户让企业亏钱（“鲸鱼曲线”，第 5 章继续讨论）", None),
}


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


def _finite(values, what, what_zh):
    """Refuse results that overflowed (never hand back inf or nan)."""
    if not np.all(np.isfinite(values)):
        raise InputError(
            f"{what} is too large to represent with these inputs: the expected margins grow "
            "too fast over the horizon; shorten the horizon, lower growth or raise "
            f"discount_rate ({what_zh}过大，无法计算：在这一期数内期望利润增长过快。"
            "请缩短期数 horizon、降低利润增长率 growth 或提高折现率 discount_rate)"
        )
    return values


def _discounted_terms(m, r, d, g, periods, timing):
    """Expected discounted margin of periods 1..``periods`` (vectorised).

    Period t's term is ``first × q**(t-1)`` with ``q = r(1+g)/(1+d)``, where
    ``first`` is ``m·r/(1+d)`` ("end") or ``m`` ("start").
    """
    q = r * (1 + g) / (1 + d)
    first = m * r / (1 + d) if timing == "end" else m
    k = np.arange(periods, dtype=float)
    with np.errstate(all="ignore"):
        terms = first * q ** k
    return terms


def _gross(m, r, d, horizon, g, timing):
    """Gross CLV (before acquisition cost) of validated arguments."""
    if horizon is None:
        _check_converges(r, d, g)
        denominator = 1 + d - r * (1 + g)
        numerator = m * r if timing == "end" else m * (1 + d)
        with np.errstate(all="ignore"):
            value = numerator / denominator
    else:
        with np.errstate(all="ignore"):
            value = float(np.sum(_discounted_terms(m, r, d, g, horizon, timing)))
    return float(_finite(value, "CLV", "客户终生价值"))


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
    """
    p = _margin(annual_profit, "annual_profit", "每年利润")
    n = check_number(years, "years", zh="保持年数", low=0)
    c = _cost(acquisition_cost)
    return p * n - c


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
    return _gross(1.0, r, d, None, g, "end")


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
    """
    m = _margin(margin)
    r = _retention_clv(retention)
    d = _rate(discount_rate)
    T = _horizon(horizon)
    g = _growth(growth)
    t = _timing(timing)
    c = _cost(acquisition_cost)
    return _gross(m, r, d, T, g, t) - c


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
        if timing == "end":
            survival = r ** year.astype(float)
            expected = m * r * (r * (1 + g)) ** k
        else:
            survival = r ** k
            expected = m * (r * (1 + g)) ** k
        discounted = _discounted_terms(m, r, d, g, n, timing)
        cumulative = np.cumsum(discounted) - c
    _finite(expected, "the expected margin", "期望利润")
    _finite(cumulative, "the cumulative value", "累计价值")
    return pd.DataFrame({
        "year": year,
        "survival": survival,
        "expected_margin": expected,
        "discounted_margin": discounted,
        "cumulative_value": cumulative,
        "simple_cumulative": m * year - c,
    })


# ---------------------------------------------------------------------------
# customer asset model [004]
# ---------------------------------------------------------------------------
def customer_equity(clv, customers=None, acquisitions=None, discount_rate=0.0,
                    acquisition_cost=0.0):
    """Customer equity in the customer asset model (客户资产).

    Customer equity = size of the customer base × CLV [004].

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
    Seed [004] (客户资产 = 客户基础规模 × 客户终生价值); Gupta & Lehmann (2003).

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
        return n0 * v
    zh = "各期新增客户数"
    if isinstance(acquisitions, pd.Series):
        counts = check_array(acquisitions.to_numpy(), "acquisitions", zh=zh, nonnegative=True)
        try:
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
    value = counts * each
    present = value * _discount_factors(d, periods)
    table = pd.DataFrame({"customers": counts, "value": value, "present_value": present},
                         index=pd.Index(list(periods), dtype=object, name="period"))
    table.loc["total"] = table.sum()
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
        ``component`` (key), ``name_zh``, ``name_en``, ``value``, ``share``
        (value / total, a fraction).  For the parts alone use
        ``df[df["component"] != "total"]``; :func:`plot_clv_components` does.

    Raises
    ------
    InputError
        If a part is negative, or all four are zero (shares are then undefined).

    References
    ----------
    Seed [004].

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
    values = np.array([check_number(given[key], key, zh=COMPONENTS[key][0], low=0)
                       for key in COMPONENTS])
    total = float(values.sum())
    if total == 0:
        raise InputError(
            "transaction, referral, growth and knowledge must not all be 0 (the shares would "
            "be undefined); got all 0 (交易价值 transaction、推荐价值 referral、成长价值 growth、"
            "知识价值 knowledge 不能全为 0，否则占比无从计算；实际全为 0)")
    return pd.DataFrame({
        "component": [*COMPONENTS, "total"],
        "name_zh": [zh for zh, _ in COMPONENTS.values()] + ["客户终生价值"],
        "name_en": [en for _, en in COMPONENTS.values()] + ["customer lifetime value"],
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
                   discount_rate=0.0):
    """Word-of-mouth value of a customer (口碑价值).

    .. math:: V = k \\cdot c \\cdot \\mathrm{CLV}_{new}
              \\sum_{t=1}^{T} (1+d)^{-t}

    Parameters
    ----------
    referrals_per_year : float
        People k the customer tells or recommends the firm to each year
        (每年推荐人数), ≥ 0.
    conversion_rate : float
        Share c of those who become customers (转化率), in [0, 1].
    clv_of_referred : float
        CLV of one referred customer (被推荐客户的终生价值), finite.
    years : int, default 1
        Years T the customer keeps recommending (推荐年数), ≥ 1; for example
        the expected remaining length of the relationship.
    discount_rate : float, default 0.0
        Discount rate d (折现率), ≥ 0.

    Returns
    -------
    float
        Expected present value of the customers won through this customer.

    Notes
    -----
    Assumptions: the customer recommends at the same rate every year and the
    referred customers are won at the end of each year; referred customers'
    own referrals are already in their CLV (or ignored).  The course says
    word of mouth is the most trusted source in buying decisions [000]; [003]
    says a good experience is told to 8 people and a bad one to 22.

    Examples
    --------
    >>> round(referral_value(8, 0.05, 920), 2)
    368.0
    >>> round(referral_value(8, 0.05, 920, years=3, discount_rate=0.1), 2)
    915.16
    """
    k = check_number(referrals_per_year, "referrals_per_year", zh="每年推荐人数", low=0)
    c = _share(conversion_rate, "conversion_rate", "转化率")
    v = check_number(clv_of_referred, "clv_of_referred", zh="被推荐客户的终生价值")
    n = _periods(years, "years", "推荐年数")
    d = _rate(discount_rate)
    return float(_finite(k * c * v * _annuity(d, n), "the referral value", "口碑价值"))


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
    if not isinstance(compounding, (bool, np.bool_)):
        raise fail("compounding", compounding, "True or False", "True 或 False", zh="是否滚动增长",
                   kind=InputTypeError)
    t = np.arange(1, n + 1, dtype=float)
    with np.errstate(all="ignore"):
        drawn = n0 * a * ((1 + a) ** (t - 1) if compounding else np.ones_like(t))
        total = float(np.sum(drawn * v * _discount_factors(d, t)))
    return float(_finite(total, "the crowd-pulling value", "聚客价值"))


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
    return (p * s * loss - c) / n


# ---------------------------------------------------------------------------
# customer value laws [001, 003]
# ---------------------------------------------------------------------------
def value_laws_table(figures):
    """The customer value laws for students (客户价值定律一览表) [001, 003].

    Picks the rows of :data:`VALUE_LAWS` from the textbook registry and adds
    the law number of 小资料 16-1 and a Chinese remark on what the scraped seed
    lost, so a student reads the table without the maintainers' English notes.

    Parameters
    ----------
    figures : pandas.DataFrame
        The textbook registry, indexed by figure id with columns ``display``,
        ``seed`` and ``description`` (``crmlab.textbook.figures(1)``).

    Returns
    -------
    pandas.DataFrame
        One row per law figure, in the order of the laws, indexed by figure id;
        columns ``law`` (定律编号: "1"–"11" for 小资料 16-1 in [001], "—" for
        the figures from [003]), ``display`` (教材写法), ``seed`` (资料),
        ``description`` (说明) and ``remark_zh`` (备注, "" when nothing was
        lost).

    Examples
    --------
    >>> from crmlab import textbook
    >>> laws = value_laws_table(textbook.figures(1))
    >>> laws.loc["ch1_hundred_minus_one_satisfied", ["law", "display"]].tolist()
    ['8', '100−1=0']
    >>> laws["law"].tolist()[:5]
    ['1', '2', '3', '5', '6']
    """
    check_frame(figures, "figures", ["display", "seed", "description"], zh="教材数字登记表")
    missing = [key for key in VALUE_LAWS if key not in figures.index]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise fail("figures", f"a table without {missing[0]!r}{more}",
                   "every customer value law", "包含全部客户价值定律的表格", zh="教材数字登记表")
    table = figures.loc[list(VALUE_LAWS), ["display", "seed", "description"]].copy()
    laws, remarks, texts = zip(*VALUE_LAWS.values())
    table["description"] = [text or str(old) for text, old in zip(texts, table["description"])]
    table.insert(0, "law", list(laws))
    table["remark_zh"] = list(remarks)
    return table


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
    _finite(np.array(list(out.values())), "the budget", "预算")
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
    profit, profit_up = m * size * factors, m * size_up * factors
    cumulative, cumulative_up = np.cumsum(profit), np.cumsum(profit_up)
    _finite(cumulative_up, "the value of the customer base", "客户群价值")
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


# ---------------------------------------------------------------------------
# what-if model
# ---------------------------------------------------------------------------
def _simple_vs_model(gap):
    """Words for ``simple − model`` that read right with either sign."""
    if round(gap) == 0:
        return "两者相同"
    word = "高估" if gap > 0 else "低估"
    return f"简单公式{word} {abs(gap):,.0f} 美元"


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
        ``simple_vs_model``
            The same in words, right for either sign (简单公式与模型相比):
            ``"简单公式高估 733 美元"``, ``"简单公式低估 2,506 美元"`` or
            ``"两者相同"`` (the difference rounds to 0 美元).
        ``curve_years``
            ``max(horizon, SIMPLE_YEARS)``.
        ``curve``
            :func:`value_curve` over ``curve_years`` years (for
            :func:`plot_value_curve`).

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
    >>> out["simple_vs_model"]
    '简单公式高估 733 美元'
    >>> clv_whatif(100, 0.99, 0.0, growth=0.05, acquisition_cost=80, horizon=30)["simple_vs_model"]
    '简单公式低估 2,506 美元'
    >>> same = clv_whatif(100, 1.0, 0.0, acquisition_cost=80, horizon=10)
    >>> same["clv"], same["simple_clv"], same["simple_vs_model"]
    (920.0, 920.0, '两者相同')
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
    gross = _gross(m, r, d, T, g, t)
    multiple = _gross(1.0, r, d, T, g, t)
    simple_years = n if n >= 1 else SIMPLE_YEARS
    simple = m * simple_years - c
    net = gross - c
    curve_years = max(n, SIMPLE_YEARS)
    gap = float(_finite(simple - net, "the overstatement", "高估额"))
    return {
        "clv": net,
        "gross_clv": gross,
        "margin_multiple": multiple,
        "break_even_acquisition_cost": gross,
        "simple_years": simple_years,
        "simple_clv": simple,
        "overstatement": gap,
        "simple_vs_model": _simple_vs_model(gap),
        "curve_years": curve_years,
        "curve": value_curve(m, r, d, curve_years, growth=g, timing=t, acquisition_cost=c),
    }


# ---------------------------------------------------------------------------
# plots
# ---------------------------------------------------------------------------
def plot_value_curve(curve, ax=None, infinite_clv=None):
    """Chart: CLV grows with the length of the relationship (客户终生价值随关系长度增长).

    Two lines against the year: the cumulative discounted value net of
    acquisition cost (``cumulative_value``) and the simple formula
    (``simple_cumulative``), so the gap shows how much the simple formula
    overstates value; optionally a dotted level, the infinite-horizon CLV the
    discounted line approaches.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`value_curve` (columns ``year``, ``cumulative_value``,
        ``simple_cumulative``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.
    infinite_clv : float, optional
        Net infinite-horizon CLV (无限期 CLV) of the same customer, e.g.
        ``clv(m, r, d, acquisition_cost=c)``, drawn as a dotted horizontal line.

    Returns
    -------
    matplotlib.figure.Figure
        Money on the y axis in 美元, as in the course.

    Examples
    --------
    >>> fig = plot_value_curve(value_curve(100, 0.8, 0.1, years=10, acquisition_cost=80))
    >>> len(fig.axes[0].lines), fig.axes[0].get_title()
    (2, '客户终生价值随关系长度增长')
    >>> fig = plot_value_curve(value_curve(100, 0.8, 0.1, years=30, acquisition_cost=80),
    ...                        infinite_clv=clv(100, 0.8, 0.1, acquisition_cost=80))
    >>> len(fig.axes[0].lines), fig.axes[0].get_ylabel()
    (3, '累计价值（美元）')
    """
    check_frame(curve, "curve", ["year", "cumulative_value", "simple_cumulative"], zh="价值曲线")
    level = None if infinite_clv is None else check_number(infinite_clv, "infinite_clv",
                                                             zh="无限期客户终生价值")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    ax.plot(curve["year"], curve["cumulative_value"], marker="o",
            label="考虑留存与折现的累计价值 (discounted CLV)")
    ax.plot(curve["year"], curve["simple_cumulative"], linestyle="--",
            label="简单公式：年利润×年数−获客成本 (simple formula)")
    if level is not None:
        ax.axhline(level, color="#555555", linestyle=":", linewidth=1.2,
                   label=f"无限期 CLV = {level:,.0f} 美元 (infinite horizon)")
    ax.set_title("客户终生价值随关系长度增长")
    ax.set_xlabel("关系长度（年）")
    ax.set_ylabel("累计价值（美元）")
    _legend_headroom(ax, curve["year"].to_numpy(dtype=float),
                     [curve["cumulative_value"].to_numpy(dtype=float),
                      curve["simple_cumulative"].to_numpy(dtype=float)], level)
    ax.legend(loc="upper left")
    return fig


def _legend_headroom(ax, x, lines, level=None):
    """Raise the top of the y axis when data reach the upper-left corner,
    so the legend drawn there does not cover them."""
    values = np.concatenate(lines + ([np.array([level])] if level is not None else []))
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    left = x <= x.min() + 0.55 * (x.max() - x.min())
    corner = max([float(line[left].max()) for line in lines]
                 + ([level] if level is not None else []))
    if corner > lo + 0.6 * span:
        ax.set_ylim(lo - 0.05 * span, hi + 0.5 * span)


def plot_clv_components(components, ax=None):
    """Chart: the four parts of CLV as a stacked bar (客户终生价值的构成).

    Parameters
    ----------
    components : pandas.DataFrame or mapping of str to DataFrame
        Output of :func:`clv_components` (one bar), or a mapping from a label
        (e.g. a customer's name) to such a table (one bar each, side by side).
        The ``"total"`` row is left out of the stack and written above the bar.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        With 4 bar segments per bar.

    Examples
    --------
    >>> fig = plot_clv_components(clv_components(600, 150, 200, 50))
    >>> len(fig.axes[0].patches), fig.axes[0].get_title()
    (4, '客户终生价值的构成')
    """
    if isinstance(components, Mapping):
        if not components:
            raise fail("components", "an empty mapping", "a non-empty mapping of label to table",
                       "非空的“标签→构成表”映射", zh="价值构成")
        tables = dict(components)
    else:
        tables = {"": components}
    keys = list(COMPONENTS)
    matrix = []
    for label, table in tables.items():
        check_frame(table, "components", ["component", "value"], zh="价值构成")
        parts = table.set_index("component")["value"]
        missing = [k for k in keys if k not in parts.index]
        if missing:
            raise fail("components", f"table without {missing}", "a table from clv_components",
                       "clv_components 返回的表格", zh="价值构成")
        matrix.append(parts.reindex(keys).to_numpy(dtype=float))
    values = np.array(matrix)  # bars × components
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    x = np.arange(len(tables))
    labels = [str(label) for label in tables]
    bottom = np.zeros(len(tables))
    for j, key in enumerate(keys):
        zh, en = COMPONENTS[key]
        ax.bar(x, values[:, j], bottom=bottom, width=0.5, label=f"{zh} ({en})")
        bottom = bottom + values[:, j]
    for xi, total in zip(x, bottom):
        ax.text(xi, total, f"{total:,.0f}", ha="center", va="bottom")
    ax.set_xticks(x, labels if any(labels) else ["客户终生价值"])
    ax.set_title("客户终生价值的构成")
    ax.set_ylabel("价值（美元）")
    ax.margins(y=0.12)
    handles, names = ax.get_legend_handles_labels()
    # legend beside the axes, top entry = top of the stack
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


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
        ``clv`` (the value after ``years``), ``payback_year`` (int, or the text
        "不会回本 never" when the profit never covers the cost within the
        relationship) and ``table`` (DataFrame with ``year`` and ``cumulative``).

    Examples
    --------
    >>> out = simple_clv_table(100, 10, 80)
    >>> out["clv"], out["payback_year"]
    (920.0, 1)
    >>> simple_clv_table(100, 2, 300)["payback_year"]
    '不会回本 never'
    """
    profit = check_number(annual_profit, "annual_profit", zh="年利润", low=0)
    n = check_int(years, "years", zh="年数", low=1, high=100)
    cost = check_number(acquisition_cost, "acquisition_cost", zh="获客成本", low=0)
    year = np.arange(n + 1)
    cumulative = profit * year - cost
    reached = np.flatnonzero(cumulative >= 0)
    payback = int(year[reached[0]]) if reached.size else "不会回本 never"
    return {"clv": float(cumulative[-1]), "payback_year": payback,
            "table": pd.DataFrame({"year": year, "cumulative": cumulative})}


def plot_simple_clv(table, ax=None):
    """Chart: cumulative value by year under the textbook formula (逐年累计价值).

    Bars below zero (the acquisition cost not yet earned back) are drawn in
    vermilion, the others in blue; the dashed line is break-even (盈亏平衡).

    Examples
    --------
    >>> fig = plot_simple_clv(simple_clv_table(100, 10, 80)["table"])
    >>> len(fig.axes[0].patches)
    11
    """
    check_frame(table, "table", ["year", "cumulative"], zh="逐年累计价值表")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    values = table["cumulative"].to_numpy(dtype=float)
    colours = np.where(values < 0, "#D55E00", "#0072B2")
    ax.bar(table["year"], values, color=colours)
    ax.axhline(0, color="black", linestyle="--", linewidth=1)
    ax.set_title("简单公式下的逐年累计价值")
    ax.set_xlabel("关系持续年数（年）")
    ax.set_ylabel("累计价值（美元）")
    return fig


def simple_clv_panel(annual_profit=100.0, years=10, acquisition_cost=80.0):
    """What-if panel of the textbook formula (简单公式的情景分析面板), for 00_start_here.

    Three sliders (yearly profit 0–500, years 1–40, acquisition cost 0–1000)
    drive :func:`simple_clv_table`; the panel shows the CLV and the payback year
    and redraws :func:`plot_simple_clv`.

    Returns
    -------
    crmlab.widgets.WhatIfPanel
    """
    from .widgets import Result, Slider, WhatIfPanel

    return WhatIfPanel(
        simple_clv_table,
        controls=[
            Slider("annual_profit", "每年利润", 0, 500, 10, annual_profit, unit="美元/年",
                   fmt=".0f"),
            Slider("years", "保持年数", 1, 40, 1, years, unit="年", integer=True),
            Slider("acquisition_cost", "获客成本", 0, 1000, 10, acquisition_cost, unit="美元",
                   fmt=".0f"),
        ],
        results=[Result("clv", "客户终生价值 CLV", fmt=",.0f", unit="美元"),
                 Result("payback_year", "回本年数 payback", fmt="d", unit="年")],
        plot=lambda fig, result, params: plot_simple_clv(result["table"], ax=fig.add_subplot()),
        title="简单公式：CLV = 年利润 × 年数 − 获客成本",
    )


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
    _finite(np.array(list(out.values())), "the annual equivalent", "每年等值金额")
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
    cells = rr / (1 + dd - rr * (1 + g))
    return pd.DataFrame(cells, index=pd.Index(r, name="retention"),
                        columns=pd.Index(d, name="discount_rate"))


def _draw_clv_panel(fig, result, params):
    ax = fig.add_subplot()
    plot_value_curve(result["curve"], ax=ax,
                     infinite_clv=result["clv"] if params["horizon"] == 0 else None)
    ax.legend(loc="upper left", fontsize=8)


def clv_panel(margin=100.0, retention=0.8, discount_rate=0.10, growth=0.0, acquisition_cost=80.0,
              horizon=0):
    """The Chapter 1 what-if panel: retention- and discount-aware CLV (客户终生价值情景分析面板).

    Six sliders drive :func:`clv_whatif`: margin per year 0–500, retention
    0–100 %, discount rate 0–30 %, margin growth −20 % to +20 %, acquisition
    cost 0–1000 and horizon 0–60 years (**0 = infinite**).  The panel shows the
    CLV, the margin multiple, the break-even acquisition cost, the simple
    formula's value and how it compares with the model (高估 or 低估, in
    words, since the simple formula can also understate), and redraws
    :func:`plot_value_curve`.

    Retention may reach 100 %: over a finite horizon the value always exists
    (at 0 % discount and 0 % growth it equals the simple formula).  With an
    infinite horizon, ``retention × (1 + growth) ≥ 1 + discount_rate`` has no
    finite value: the panel then shows the model's bilingual explanation
    instead of numbers.

    Parameters
    ----------
    margin, retention, discount_rate, growth, acquisition_cost, horizon
        Starting values of the sliders (see :func:`clv_whatif`; ``horizon`` is
        a whole number of years, 0 for infinite); each must lie in its
        slider's range.

    Returns
    -------
    crmlab.widgets.WhatIfPanel

    Examples
    --------
    >>> panel = clv_panel()
    >>> round(panel.result["clv"], 2), panel.result["simple_clv"]
    (186.67, 920.0)
    >>> panel.set(retention=0.99, discount_rate=0.0, growth=0.05) is None
    True
    >>> "无穷大" in panel.error
    True
    >>> panel.set(horizon=30)["simple_vs_model"]
    '简单公式低估 2,506 美元'
    >>> panel.set(retention=1.0, growth=0.0, horizon=10)["clv"]
    920.0
    >>> panel.close()
    """
    from .widgets import Result, Slider, WhatIfPanel

    return WhatIfPanel(
        clv_whatif,
        controls=[
            Slider("margin", "每年利润 margin", 0, 500, 10, margin, unit="美元/年", fmt=".0f"),
            Slider("retention", "留存率 retention", 0, 1, 0.01, retention, fmt=".0%"),
            Slider("discount_rate", "折现率 discount", 0, 0.30, 0.01, discount_rate, fmt=".0%"),
            Slider("growth", "利润增长率 growth", -0.20, 0.20, 0.01, growth, fmt=".0%"),
            Slider("acquisition_cost", "获客成本", 0, 1000, 10, acquisition_cost, unit="美元",
                   fmt=".0f"),
            Slider("horizon", "期数 (0 = 无限)", 0, 60, 1, horizon, unit="年", integer=True),
        ],
        results=[
            Result("clv", "客户终生价值 CLV（净）", fmt=",.0f", unit="美元"),
            Result("margin_multiple", "利润乘数 margin multiple", fmt=".2f", unit="倍"),
            Result("break_even_acquisition_cost", "盈亏平衡获客成本", fmt=",.0f", unit="美元"),
            Result("simple_clv", "简单公式的价值", fmt=",.0f", unit="美元"),
            Result("simple_years", "简单公式所用年数", fmt="d", unit="年"),
            Result("simple_vs_model", "简单公式与模型相比"),
        ],
        plot=_draw_clv_panel,
        title="客户终生价值：考虑留存与折现 (CLV with retention and discounting)",
    )
