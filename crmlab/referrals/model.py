"""The maths of the Vanke case: owner referrals (万科的老业主推荐).

Pure functions only: numbers and DataFrames in, numbers and DataFrames out.
Charts are in :mod:`crmlab.referrals.charts`, the what-if panel in
:mod:`crmlab.referrals.panels` and the student-facing tables in
:mod:`crmlab.referrals.tables`.

* :func:`channel_shares` — share of buyers by channel (referral, advertising,
  walk-in, repeat owner) per project or city, from a sales ledger.  Seed [000]:
  30–50% of Vanke's buyers in 深圳、上海、北京、天津、沈阳 were referred by owners;
  over 40% of the new owners of 金色家园 and 四季花城.
* :func:`survey_rates` — the three rates of a 万客会 member survey (repeat
  purchase, would buy again, would recommend) [000].
* :func:`referral_funnel` — owners × share who recommend × referrals per
  recommender × close rate → referred buyers, beside the buyers that an
  advertising budget wins (cost per lead, close rate).  本书补充.
* :func:`owner_value` — an owner's value split into the four parts of the
  customer asset model [004] with :func:`crmlab.value.referral_value` and
  :func:`crmlab.value.clv_components` (reused, not re-implemented).
* :func:`repeat_buyers` — expected repeat purchases from a stated intention.
* :func:`reward_response`, :func:`referral_programme`,
  :func:`break_even_reward`, :func:`programme_whatif` — a reward per
  successful referral: the extra referred buyers it brings, what each costs
  against advertising, the programme's net value and the largest reward that
  still pays.  本书补充, after Biyalogorsky, Gerstner & Libai (2001) and
  Schmitt, Skiera & Van den Bulte (2011).

Conventions shared by every function
------------------------------------
* A *period* is one year of sales; all counts (owners, leads, buyers) are per
  year, money is in 元.
* Rates and shares are fractions in [0, 1]; "close rate" (成交率) is the share
  of leads (people recommended, or advertising enquiries) who buy.
* A reward (奖励) is paid once per **successful** referral (a referred buyer
  who signs), to the referrer, to the new buyer, or split between them.

References
----------
Biyalogorsky, E., Gerstner, E. & Libai, B. (2001). Customer referral
management: optimal reward programs. *Marketing Science*, 20(1), 82–95.

Schmitt, P., Skiera, B. & Van den Bulte, C. (2011). Referral programs and
customer value. *Journal of Marketing*, 75(1), 46–59.

Gupta, S. & Lehmann, D. R. (2005). *Managing Customers as Investments*. Wharton
School Publishing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import brentq, minimize_scalar

from .. import value as _value
from ..validation import (InputError, InputTypeError, check_array, check_choice, check_column,
                          check_finite_result, check_frame, check_int, check_number, fail)

__all__ = [
    "channel_shares",
    "survey_rates",
    "referral_funnel",
    "owner_value",
    "repeat_buyers",
    "reward_response",
    "referral_programme",
    "break_even_reward",
    "reward_curve",
    "programme_whatif",
    "CHANNELS",
    "SURVEY_RATES",
    "GROUPS",
]

#: The four sales channels of the ledger, in display order (their ids in the
#: glossary ``crmlab/glossary/referrals.csv`` are ``referral``, ``advertising``,
#: ``walk_in`` and ``repeat_owner``).
CHANNELS = ("老业主推荐", "广告", "自然上门", "老业主再购")

#: Survey columns and the registry figure each one is calibrated to [000].
SURVEY_RATES = {"repeat_bought": "case_vanke_repeat_rate",
                "would_buy_again": "case_vanke_would_buy_again",
                "would_recommend": "case_vanke_would_recommend"}

#: How :func:`channel_shares` may group the ledger.
GROUPS = ("project", "city", "all")

_CHANNEL_IDS = dict(zip(CHANNELS, ("referral", "advertising", "walk_in", "repeat_owner")))


def _share(value, name, zh):
    return check_number(value, name, zh=zh, low=0, high=1)


def _count(value, name, zh):
    return check_number(value, name, zh=zh, low=0)


def _money(value, name, zh):
    return check_number(value, name, zh=zh, low=0)


def _finite(values, what, what_zh, arguments):
    return check_finite_result(values, what, what_zh, arguments=arguments)


# ---------------------------------------------------------------------------
# what the data say
# ---------------------------------------------------------------------------
def channel_shares(ledger, by="project", channel_col="channel"):
    """Share of buyers by sales channel (各渠道成交客户的占比).

    .. math:: s_{g,c} = \\frac{n_{g,c}}{\\sum_{c'} n_{g,c'}}

    for each group g (a project, a city, or the whole ledger) and channel c,
    with :math:`n_{g,c}` buyers (one ledger row per buyer).

    Parameters
    ----------
    ledger : DataFrame
        One row per buyer, with ``channel_col`` and (unless ``by="all"``) a
        ``project`` or ``city`` column.  Groups appear in the order of the
        column's categories if it is categorical, else in order of appearance.
    by : {"project", "city", "all"}, default "project"
        The group to compute shares in; ``"all"`` gives one row, 全部.
    channel_col : str, default "channel"
        Column holding the channel, one of :data:`CHANNELS`.

    Returns
    -------
    pandas.DataFrame
        Index: the groups (named ``by``); columns ``buyers`` and one share per
        channel id (``referral``, ``advertising``, ``walk_in``,
        ``repeat_owner``), each row summing to 1.

    Notes
    -----
    Seed [000] counts "customers introduced by owners who already live there"
    (已经入住的业主介绍的) among all customers; the ledger's ``老业主推荐``
    channel is that count.  A buyer who is already an owner and buys again is
    a repeat purchase (老业主再购), not a referral.

    Examples
    --------
    >>> import pandas as pd
    >>> sales = pd.DataFrame({"project": ["甲", "甲", "甲", "乙"],
    ...                       "channel": ["老业主推荐", "广告", "老业主推荐", "广告"]})
    >>> channel_shares(sales)["referral"].round(3).to_dict()
    {'甲': 0.667, '乙': 0.0}
    """
    by = check_choice(by, "by", GROUPS, zh="分组")
    channel_col = check_column(channel_col, "channel_col", zh="渠道列")
    needed = [channel_col] + ([] if by == "all" else [by])
    frame = check_frame(ledger, "ledger", needed, zh="销售台账")
    channel = frame[channel_col]
    unknown = ~channel.isin(CHANNELS)
    if unknown.any():
        raise fail("ledger", channel[unknown].iloc[0],
                   f"a {channel_col!r} column holding only {', '.join(CHANNELS)}",
                   f"{channel_col} 列只含 {'、'.join(CHANNELS)}", zh="销售台账")
    if by != "all":
        labels = frame[by].map(lambda v: isinstance(v, str) or (
            isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
            and not pd.isna(v))).astype(bool)
        if not labels.all():
            first = frame[by][~labels].iloc[0]
            raise fail(f"ledger[{by!r}]", first, f"one {by} name per buyer (text, not missing)",
                       f"每位客户一个{'项目' if by == 'project' else '城市'}名称（文本，不能缺失）",
                       zh="销售台账", kind=InputError if pd.api.types.is_scalar(first)
                       else InputTypeError)
    groups = pd.Series("全部", index=frame.index) if by == "all" else frame[by].astype(str)
    counts = pd.crosstab(groups, channel.astype(str)).reindex(columns=list(CHANNELS), fill_value=0)
    counts.index.name = by
    if by != "all":            # categories in their own order, else in order of appearance
        col = frame[by]
        order = [str(c) for c in (col.cat.categories if isinstance(col.dtype, pd.CategoricalDtype)
                                  else pd.unique(col))]
        counts = counts.reindex([o for o in order if o in counts.index])
    buyers = counts.sum(axis=1)
    out = counts.div(buyers, axis=0).rename(columns=_CHANNEL_IDS)
    out.insert(0, "buyers", buyers.astype("int64"))
    out.columns.name = None
    return out


def survey_rates(survey):
    """The three rates of a 万客会 member survey (万客会会员调查的三个比例).

    Each rate is the share of members answering yes:

    * ``repeat_bought`` — the member has bought a Vanke home more than once
      (重复购买率, a past behaviour);
    * ``would_buy_again`` — the member says he or she will buy Vanke again
      (将再次购买, a stated intention);
    * ``would_recommend`` — the member says he or she will recommend Vanke to
      relatives and friends (将向亲朋推荐, a stated intention).

    Parameters
    ----------
    survey : DataFrame
        One row per member, with the three boolean columns above.

    Returns
    -------
    pandas.Series
        The three rates (fractions), indexed by column name.

    Notes
    -----
    Seed [000] gives 65.3%, 56.9% and 48.5% but not how the 万客会 survey
    defined its base, its time window or how it asked; this book's reading of
    each rate is the one above.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"repeat_bought": [True, False], "would_buy_again": [True, True],
    ...                   "would_recommend": [False, False]})
    >>> survey_rates(s).to_dict()
    {'repeat_bought': 0.5, 'would_buy_again': 1.0, 'would_recommend': 0.0}
    """
    frame = check_frame(survey, "survey", list(SURVEY_RATES), zh="会员调查")
    for col in SURVEY_RATES:
        values = frame[col]
        if values.dtype != bool:
            raise fail("survey", values.dtype, f"a boolean (True/False) column {col!r}",
                       f"{col} 列为布尔值（True/False）", zh="会员调查")
    return frame[list(SURVEY_RATES)].mean().astype(float)


# ---------------------------------------------------------------------------
# the funnel
# ---------------------------------------------------------------------------
def referral_funnel(owners, recommend_rate, referrals_per_recommender, close_rate,
                    ad_budget=0.0, cost_per_lead=1.0, ad_close_rate=0.0, walk_ins=0.0,
                    repeat_buyers=0.0):
    """The referral funnel beside advertising (老业主推荐漏斗与广告获客).

    .. math::
        B_{ref} = N \\cdot q \\cdot k \\cdot c, \\qquad
        B_{ad} = \\frac{A}{p} \\cdot c_{ad}, \\qquad
        s_{ref} = \\frac{B_{ref}}{B_{ref} + B_{ad} + B_{walk} + B_{rep}}

    N owners, a share q of them recommend in the year, each recommends k
    people, a share c of those buy; an advertising budget A at a cost p per
    lead (每条线索成本) brings A/p leads, a share :math:`c_{ad}` of whom buy.

    Parameters
    ----------
    owners : float
        Owners N who could recommend (老业主数), ≥ 0.
    recommend_rate : float
        Share q of owners who recommend in the year (推荐率), in [0, 1].
    referrals_per_recommender : float
        People k each recommending owner brings (人均推荐人数), ≥ 0.
    close_rate : float
        Share c of the people recommended who buy (推荐成交率), in [0, 1].
    ad_budget : float, default 0
        Advertising spending A in the year (广告预算), 元, ≥ 0.
    cost_per_lead : float, default 1
        Cost p of one advertising lead (每条广告线索成本), 元, > 0.
    ad_close_rate : float, default 0
        Share of advertising leads who buy (广告成交率), in [0, 1].
    walk_ins, repeat_buyers : float, default 0
        Buyers who come on their own (自然上门) and owners who buy again
        (老业主再购), ≥ 0.

    Returns
    -------
    dict
        ``recommenders`` (N q), ``referral_leads`` (N q k), ``referred`` (B_ref),
        ``advertising`` (B_ad), ``walk_in``, ``repeat_owner``, ``buyers``
        (the total), ``referred_share`` (s_ref; 0 when there are no buyers),
        ``ad_cost_per_buyer`` (p / c_ad, 元; 0 when the budget is 0) and
        ``ad_leads`` (A / p).

    Raises
    ------
    InputError
        If a budget is spent on advertising that wins nobody (``ad_close_rate``
        0): the cost per buyer would be infinite.

    Notes
    -----
    Convention (本书补充): the channels add up; a referred person is not also
    counted as an advertising lead.  Seed [000] gives the outcome (30–50% of
    buyers referred; referral close rates up to 50% at some projects), not the
    funnel's other steps, which are this book's assumptions.

    Examples
    --------
    >>> f = referral_funnel(10_000, 0.15, 1.0, 0.3, ad_budget=9_000_000, cost_per_lead=1_500,
    ...                     ad_close_rate=0.03, walk_ins=250, repeat_buyers=100)
    >>> f["referred"], round(f["advertising"], 6), round(f["referred_share"], 4)
    (450.0, 180.0, 0.4592)
    >>> f["ad_cost_per_buyer"]
    50000.0
    """
    n = _count(owners, "owners", "老业主数")
    q = _share(recommend_rate, "recommend_rate", "推荐率")
    k = _count(referrals_per_recommender, "referrals_per_recommender", "人均推荐人数")
    c = _share(close_rate, "close_rate", "推荐成交率")
    a = _money(ad_budget, "ad_budget", "广告预算")
    p = check_number(cost_per_lead, "cost_per_lead", zh="每条广告线索成本", low=0, low_open=True)
    cad = _share(ad_close_rate, "ad_close_rate", "广告成交率")
    walk = _count(walk_ins, "walk_ins", "自然上门客户数")
    rep = _count(repeat_buyers, "repeat_buyers", "老业主再购客户数")
    if a > 0 and cad == 0:
        raise fail("ad_close_rate", cad, "> 0 when ad_budget > 0 (otherwise every buyer costs "
                   "an infinite amount)", "广告预算大于 0 时应大于 0（否则每位客户的成本无穷大）",
                   zh="广告成交率")
    args = ("owners", "referrals_per_recommender", "ad_budget", "walk_ins", "repeat_buyers")
    with np.errstate(all="ignore"):
        recommenders = n * q
        leads = recommenders * k
        referred = leads * c
        ad_leads = a / p
        advertising = ad_leads * cad
        buyers = referred + advertising + walk + rep
        values = [recommenders, leads, referred, ad_leads, advertising, buyers]
        ad_cost = p / cad if a > 0 else 0.0
    _finite(np.array(values), "the funnel", "推荐漏斗", args)
    if not np.isfinite(ad_cost):
        raise fail("cost_per_lead", p, "a cost per lead that, divided by ad_close_rate, gives a "
                   "finite advertising cost per buyer", "除以广告成交率 ad_close_rate 后，广告获客的"
                   "每位客户成本仍为有限数值的线索成本", zh="每条广告线索成本")
    share = referred / buyers if buyers > 0 else 0.0
    return {"recommenders": float(recommenders), "referral_leads": float(leads),
            "referred": float(referred), "ad_leads": float(ad_leads),
            "advertising": float(advertising), "walk_in": walk, "repeat_owner": rep,
            "buyers": float(buyers), "referred_share": float(share),
            "ad_cost_per_buyer": float(ad_cost)}


# ---------------------------------------------------------------------------
# an owner's value
# ---------------------------------------------------------------------------
def repeat_buyers(owners, would_buy_again, follow_through=1.0):
    """Expected repeat purchases from a stated intention (由再购意向估计的再购人数).

    .. math:: R = N \\cdot i \\cdot f

    N owners, a share i who say they will buy again (seed [000]: 56.9% of
    万客会 owner members), and a share f of those who actually do.

    Parameters
    ----------
    owners : float
        Owners N (老业主数), ≥ 0.
    would_buy_again : float
        Share i who say they will buy again (再购意向比例), in [0, 1].
    follow_through : float, default 1
        Share f of intenders who do buy (意向兑现率), in [0, 1].  1 takes the
        survey at its word, which stated intentions rarely deserve.

    Returns
    -------
    float

    Notes
    -----
    The two seed figures measure different things: 65.3% is a repeat-purchase
    rate among 万客会 members (behaviour that has happened, among a group that
    self-selected into the owners' club), 56.9% a stated intention to buy
    again.  Only the intention looks forward; intentions overstate purchases
    (Morwitz, Steckel & Gupta 2007, *Int. J. Forecasting* 23, 347–364), hence
    ``follow_through`` (本书补充).

    Examples
    --------
    >>> round(repeat_buyers(1000, 0.569, 0.3), 6)
    170.7
    """
    n = _count(owners, "owners", "老业主数")
    i = _share(would_buy_again, "would_buy_again", "再购意向比例")
    f = _share(follow_through, "follow_through", "意向兑现率")
    with np.errstate(all="ignore"):
        out = n * i * f
    return float(_finite(out, "the repeat buyers", "再购人数", ("owners",)))


def owner_value(own_profit, recommend_rate, referrals_per_recommender, close_rate,
                profit_per_buyer, years=10, discount_rate=0.08, retention=0.9,
                would_buy_again=0.0, follow_through=1.0, repeat_year=5, knowledge=0.0):
    """An owner's value in four parts (一位老业主的价值构成).

    The customer asset model [004]: value = transaction + referral + growth +
    knowledge value, computed with :func:`crmlab.value.clv_components`:

    * transaction value (交易价值) = ``own_profit``, the profit on the owner's
      own home;
    * referral value (推荐价值) = :func:`crmlab.value.referral_value` with
      :math:`q\\,k` people recommended a year, close rate c, each referred
      buyer worth ``profit_per_buyer``, for ``years`` years, discounted at d,
      the owner staying with retention r;
    * growth value (成长价值) = a second home:
      :math:`i \\, f \\cdot \\text{profit} / (1+d)^{t}` with the intention i,
      its follow-through f (see :func:`repeat_buyers`) and the year t of the
      purchase;
    * knowledge value (知识价值) = ``knowledge``, given.

    Parameters
    ----------
    own_profit : float
        Profit on the owner's own purchase (自购房的利润), 元, ≥ 0.
    recommend_rate, referrals_per_recommender, close_rate : float
        As for :func:`referral_funnel`.
    profit_per_buyer : float
        Profit on one referred (or repeat) home (每套房的利润), 元, ≥ 0.
    years : int or None, default 10
        Years the owner keeps recommending (推荐年数); ``None`` for as long as
        the owner stays (as :func:`crmlab.value.referral_value`).
    discount_rate : float, default 0.08
        Discount rate d (折现率) per year.
    retention : float, default 0.9
        Retention r of the owner as a recommender (老业主的留存率): the chance
        he or she is still an active, satisfied owner next year.
    would_buy_again, follow_through : float
        As for :func:`repeat_buyers`.
    repeat_year : int, default 5
        Year t of the second purchase (再购年份), 1 to 1000.
    knowledge : float, default 0
        Knowledge value (知识价值), 元, ≥ 0.

    Returns
    -------
    pandas.DataFrame
        :func:`crmlab.value.clv_components`: ``component``, ``value``,
        ``share``, the four parts and a ``total`` row.

    Notes
    -----
    Convention (本书补充): a referred buyer is worth the gross profit on one
    home (no acquisition cost: a referral costs no advertising), and his or her
    own referrals are left out.  The referral value's sum over years counts the
    owner's retention, as :func:`crmlab.value.referral_value` does.  The growth
    value is not multiplied by the retention: the follow-through f is the
    share of intenders who in the end do buy, so owners who stop being
    satisfied before year t are already in the 1 − f who do not.

    Examples
    --------
    >>> parts = owner_value(200_000, 0.15, 1.0, 0.3, 200_000, would_buy_again=0.569,
    ...                     follow_through=0.3)
    >>> parts.set_index("component")["value"].round(0).to_dict()["referral"]
    37732.0
    >>> round(float(parts.set_index("component").loc["referral", "share"]), 3)
    0.145
    """
    own = _money(own_profit, "own_profit", "自购房的利润")
    q = _share(recommend_rate, "recommend_rate", "推荐率")
    k = _count(referrals_per_recommender, "referrals_per_recommender", "人均推荐人数")
    c = _share(close_rate, "close_rate", "推荐成交率")
    v = _money(profit_per_buyer, "profit_per_buyer", "每套房的利润")
    i = _share(would_buy_again, "would_buy_again", "再购意向比例")
    f = _share(follow_through, "follow_through", "意向兑现率")
    t = check_int(repeat_year, "repeat_year", zh="再购年份", low=1, high=_value.MAX_PERIODS)
    d = check_number(discount_rate, "discount_rate", zh="折现率", low=0)
    with np.errstate(all="ignore"):
        per_owner = q * k
    _finite(per_owner, "the referrals per owner", "每位老业主的推荐人数",
            ("referrals_per_recommender",))
    try:
        referral = _value.referral_value(per_owner, c, v, years=years, discount_rate=d,
                                         retention=retention)
    except InputError as error:     # its overflow message names its own arguments, not ours
        if "referral value overflows" not in str(error):
            raise
        _finite(np.inf, "the referral value", "推荐价值",
                ("referrals_per_recommender", "profit_per_buyer", "years", "retention"))
    with np.errstate(all="ignore"):
        try:
            growth = i * f * v / (1 + d) ** t
        except OverflowError:       # (1 + d)^t beyond a float: divide in logarithms
            growth = float(np.exp(np.log(i * f * v) - t * np.log1p(d))) if i * f * v > 0 else 0.0
    growth = float(_finite(growth, "the growth value", "成长价值", ("profit_per_buyer",)))
    return _value.clv_components(own, referral, growth, knowledge)


# ---------------------------------------------------------------------------
# a referral reward
# ---------------------------------------------------------------------------
def reward_response(base_rate, reward, reward_scale):
    """A rate raised by a reward (奖励对比例的提升).

    .. math:: q(R) = q_0 + (1 - q_0)\\,(1 - e^{-R/s})

    A reward R moves a share :math:`1-e^{-R/s}` of those who would not act
    (recommend, or buy) without it; s (奖励敏感度尺度) is the reward that moves
    63% of them.  R is what the people who act receive: in
    :func:`referral_programme` the owner's part (1 − b) R moves the recommend
    rate and the buyer's part b R the close rate.  Diminishing returns: each
    extra 元 moves fewer people.

    Parameters
    ----------
    base_rate : float
        The rate without a reward :math:`q_0` (无奖励时的比例), in [0, 1].
    reward : float
        Reward R (奖励), 元, ≥ 0.
    reward_scale : float
        Scale s (奖励敏感度尺度), 元, > 0.

    Returns
    -------
    float
        q(R), in [q0, 1].

    Notes
    -----
    Convention (本书补充): the saturating form is this book's; referral-
    programme studies find that rewards raise referrals with diminishing
    returns (Biyalogorsky et al. 2001; Ryu & Feick 2007, *J. Marketing* 71(1),
    84–94).  s is an assumption to vary, not a measured figure.

    Examples
    --------
    >>> round(reward_response(0.15, 0.0, 500_000), 6)
    0.15
    >>> round(reward_response(0.15, 500_000, 500_000), 4)
    0.6873
    """
    q0 = _share(base_rate, "base_rate", "无奖励时的比例")
    r = _money(reward, "reward", "奖励")
    s = check_number(reward_scale, "reward_scale", zh="奖励敏感度尺度", low=0, low_open=True)
    return float(q0 + (1 - q0) * -np.expm1(-r / s))


def _programme(n, q, k, c, reward, buyer_share, s, profit, a, p, cad, walk, rep):
    """The programme's numbers, arguments already checked (vectorised in ``reward``)."""
    reward = np.asarray(reward, dtype=float)
    q1 = q + (1 - q) * -np.expm1(-reward * (1 - buyer_share) / s)
    c1 = c + (1 - c) * -np.expm1(-reward * buyer_share / s)
    base = n * q * k * c
    referred = n * q1 * k * c1
    extra = referred - base
    cost = reward * referred
    net = extra * profit - cost
    return base, referred, extra, cost, net


def _programme_args(owners, recommend_rate, referrals_per_recommender, close_rate, reward,
                    buyer_share, reward_scale, profit_per_buyer, ad_budget, cost_per_lead,
                    ad_close_rate, walk_ins, repeat_buyers):
    funnel = referral_funnel(owners, recommend_rate, referrals_per_recommender, close_rate,
                             ad_budget, cost_per_lead, ad_close_rate, walk_ins, repeat_buyers)
    r = None if reward is None else _money(reward, "reward", "每笔成功推荐的奖励")
    b = _share(buyer_share, "buyer_share", "奖励中给新买家的比例")
    s = check_number(reward_scale, "reward_scale", zh="奖励敏感度尺度", low=0, low_open=True)
    v = _money(profit_per_buyer, "profit_per_buyer", "每套房的利润")
    n = float(owners)
    q, k, c = float(recommend_rate), float(referrals_per_recommender), float(close_rate)
    return funnel, (n, q, k, c), r, b, s, v


def referral_programme(owners, recommend_rate, referrals_per_recommender, close_rate, reward,
                       buyer_share=0.5, reward_scale=500_000.0, profit_per_buyer=200_000.0,
                       ad_budget=0.0, cost_per_lead=1.0, ad_close_rate=0.0, walk_ins=0.0,
                       repeat_buyers=0.0):
    """A reward per successful referral: what it brings and what it costs (老带新奖励的账).

    A reward R per referred buyer who signs is split: a share b goes to the
    new buyer (a discount), 1 − b to the referring owner.  With
    :func:`reward_response`, the owner's part raises the recommend rate q and
    the buyer's part the close rate c:

    .. math::
        B_1 = N\\,q(R(1-b))\\,k\\,c(Rb), \\qquad \\Delta B = B_1 - B_0, \\qquad
        \\text{cost} = R\\,B_1,

    .. math::
        \\text{net value} = \\Delta B \\cdot \\pi - R\\,B_1, \\qquad
        \\text{cost per extra buyer} = R\\,B_1 / \\Delta B

    with :math:`B_0` the referred buyers without a reward and π the profit on
    a home.  The reward is paid on every referred sale, also on the
    :math:`B_0` that would have happened anyway; that is why the cost per
    **extra** buyer is what to set against advertising's cost per buyer
    (p / :math:`c_{ad}`).

    Parameters
    ----------
    owners, recommend_rate, referrals_per_recommender, close_rate
        The funnel without a reward (see :func:`referral_funnel`).
    reward : float
        Reward R per successful referral (每笔成功推荐的奖励), 元, ≥ 0.
    buyer_share : float, default 0.5
        Share b of the reward given to the new buyer (奖励中给新买家的比例),
        in [0, 1]; 0 = all to the referrer.
    reward_scale : float, default 500,000
        Scale s of :func:`reward_response` (奖励敏感度尺度), 元, > 0.
    profit_per_buyer : float, default 200,000
        Profit π on one home (每套房的利润), 元, ≥ 0.
    ad_budget, cost_per_lead, ad_close_rate, walk_ins, repeat_buyers
        The other channels (see :func:`referral_funnel`); they do not change
        with the programme.

    Returns
    -------
    dict
        ``without`` and ``with`` (the funnel dicts of :func:`referral_funnel`
        without and with the reward: buyers by channel, ``referred_share``),
        ``recommend_rate_with``, ``close_rate_with``, ``extra_referred``
        (ΔB), ``programme_cost`` (R B1), ``cost_per_referred`` (R),
        ``cost_per_extra`` (R B1 / ΔB; 0 without a reward),
        ``ad_cost_per_buyer``, ``net_value``, ``cheaper_than_ads`` (True when
        the cost per extra buyer is below advertising's).

    Notes
    -----
    Convention (本书补充, after Biyalogorsky et al. 2001 and Schmitt et al.
    2011): the reward does not change advertising, walk-ins or repeat
    purchases; a referred buyer is worth π; the owners' own retention is left
    out (one year).

    Examples
    --------
    >>> out = referral_programme(10_000, 0.15, 1.0, 0.3, 20_000, ad_budget=9_000_000,
    ...                          cost_per_lead=1_500, ad_close_rate=0.03, walk_ins=250,
    ...                          repeat_buyers=100)
    >>> round(out["extra_referred"], 1), round(out["net_value"] / 1e6, 2)
    (73.6, 4.25)
    >>> round(out["cost_per_extra"]), out["ad_cost_per_buyer"], out["cheaper_than_ads"]
    (142253, 50000.0, False)
    """
    reward = _money(reward, "reward", "每笔成功推荐的奖励")
    funnel, (n, q, k, c), r, b, s, v = _programme_args(
        owners, recommend_rate, referrals_per_recommender, close_rate, reward, buyer_share,
        reward_scale, profit_per_buyer, ad_budget, cost_per_lead, ad_close_rate, walk_ins,
        repeat_buyers)
    with np.errstate(all="ignore"):
        q1 = float(reward_response(q, r * (1 - b), s))
        c1 = float(reward_response(c, r * b, s))
        base, referred, extra, cost, net = (float(x) for x in _programme(
            n, q, k, c, r, b, s, v, 0, 1, 0, 0, 0))
    _finite(np.array([referred, cost, net]), "the programme", "推荐奖励计划",
            ("owners", "referrals_per_recommender", "reward", "profit_per_buyer"))
    after = referral_funnel(owners, q1, referrals_per_recommender, c1, ad_budget,
                            cost_per_lead, ad_close_rate, walk_ins, repeat_buyers)
    ad_cost = funnel["ad_cost_per_buyer"]
    per_extra = cost / extra if extra > 0 else 0.0
    return {"without": funnel, "with": after, "recommend_rate_with": q1, "close_rate_with": c1,
            "extra_referred": extra, "programme_cost": cost, "cost_per_referred": float(r),
            "cost_per_extra": float(per_extra), "ad_cost_per_buyer": ad_cost,
            "net_value": net,
            "cheaper_than_ads": bool(extra > 0 and ad_cost > 0 and per_extra < ad_cost)}


def break_even_reward(owners, recommend_rate, referrals_per_recommender, close_rate,
                      buyer_share=0.5, reward_scale=500_000.0, profit_per_buyer=200_000.0):
    """The largest reward that still pays, and the best one (保本奖励与最佳奖励).

    The net value of :func:`referral_programme`, as a function of the reward
    R, is 0 at R = 0, rises while an extra 元 of reward wins more profit than
    it costs, then falls.  This returns

    * ``best_reward`` — the R that maximises the net value (bounded search on
      [0, π], scipy ``minimize_scalar``), and ``best_net_value``;
    * ``break_even_reward`` — the R > 0 at which the net value is back to 0
      (scipy ``brentq``): any reward up to it pays.

    Both are 0 when no positive reward pays (the owners and buyers barely
    respond, or the reward would go mostly to referrals that happen anyway).

    Parameters
    ----------
    owners, recommend_rate, referrals_per_recommender, close_rate, buyer_share,
    reward_scale, profit_per_buyer
        As for :func:`referral_programme`.

    Returns
    -------
    dict
        ``best_reward``, ``best_net_value``, ``break_even_reward`` (元).

    Notes
    -----
    A reward above the profit π on a home always loses money (it costs more
    per referred sale than a sale earns), so the search is on [0, π].
    本书补充.

    Examples
    --------
    >>> out = break_even_reward(10_000, 0.15, 1.0, 0.3)
    >>> round(out["best_reward"], -2), round(out["break_even_reward"], -2)
    (43700.0, 85100.0)
    """
    funnel, (n, q, k, c), _, b, s, v = _programme_args(
        owners, recommend_rate, referrals_per_recommender, close_rate, None, buyer_share,
        reward_scale, profit_per_buyer, 0.0, 1.0, 0.0, 0.0, 0.0)
    def net(r):
        return float(_programme(n, q, k, c, r, b, s, v, 0, 1, 0, 0, 0)[4])

    zero = {"best_reward": 0.0, "best_net_value": 0.0, "break_even_reward": 0.0}
    if v == 0 or funnel["referral_leads"] == 0:
        return zero
    with np.errstate(all="ignore"):
        found = minimize_scalar(lambda r: -net(r), bounds=(0.0, v), method="bounded",
                                options={"xatol": 1e-6 * v})
        best = float(found.x)
        best_net = net(best)
    _finite(np.array([best_net]), "the best net value", "最佳净价值",
            ("owners", "referrals_per_recommender", "profit_per_buyer"))
    if not best_net > 1e-9 * max(1.0, n * v):
        return zero
    top = net(v)
    even = v if top >= 0 else float(brentq(net, best, v, xtol=1e-6 * v))
    return {"best_reward": best, "best_net_value": best_net, "break_even_reward": even}


def reward_curve(owners, recommend_rate, referrals_per_recommender, close_rate, rewards,
                 buyer_share=0.5, reward_scale=500_000.0, profit_per_buyer=200_000.0):
    """The programme's numbers for a list of rewards (不同奖励下的计划净价值).

    :func:`referral_programme` evaluated at every reward in ``rewards`` at
    once (vectorised), for the chart of net value against reward.

    Parameters
    ----------
    owners, recommend_rate, referrals_per_recommender, close_rate, buyer_share,
    reward_scale, profit_per_buyer
        As for :func:`referral_programme`.
    rewards : sequence of float
        Rewards per successful referral (元, ≥ 0), at least one.

    Returns
    -------
    pandas.DataFrame
        One row per reward: ``reward``, ``referred_buyers``, ``extra_referred``,
        ``programme_cost``, ``net_value``.

    Examples
    --------
    >>> curve = reward_curve(10_000, 0.15, 1.0, 0.3, [0, 20_000, 100_000])
    >>> curve["net_value"].gt(0).tolist()
    [False, True, False]
    """
    _, (n, q, k, c), _, b, s, v = _programme_args(
        owners, recommend_rate, referrals_per_recommender, close_rate, None, buyer_share,
        reward_scale, profit_per_buyer, 0.0, 1.0, 0.0, 0.0, 0.0)
    r = check_array(rewards, "rewards", zh="奖励", nonnegative=True)
    with np.errstate(all="ignore"):
        _, referred, extra, cost, net = _programme(n, q, k, c, r, b, s, v, 0, 1, 0, 0, 0)
    _finite(np.concatenate([referred, cost, net]), "the programme", "推荐奖励计划",
            ("owners", "referrals_per_recommender", "rewards", "profit_per_buyer"))
    return pd.DataFrame({"reward": r, "referred_buyers": referred, "extra_referred": extra,
                         "programme_cost": cost, "net_value": net})


def programme_whatif(owners, recommend_rate, referrals_per_recommender, close_rate, reward,
                     cost_per_lead, buyer_share=0.5, reward_scale=500_000.0,
                     profit_per_buyer=200_000.0, ad_budget=9_000_000.0, ad_close_rate=0.03,
                     walk_ins=250.0, repeat_buyers=100.0):
    """The model behind the what-if panel (情景分析面板的模型): programme and break-even.

    :func:`referral_programme` and :func:`break_even_reward` with the same
    arguments, flattened: ``referred_share_without``, ``referred_share_with``,
    ``ad_cost_per_buyer``, ``cost_per_referred``, ``cost_per_extra``,
    ``net_value``, ``extra_referred``, ``programme_cost``,
    ``break_even_reward``, ``best_reward``, ``buyers_without`` and
    ``buyers_with`` (Series of buyers by channel id, for the chart).

    Examples
    --------
    >>> out = programme_whatif(10_000, 0.15, 1.0, 0.3, 20_000, 1_500)
    >>> round(out["referred_share_without"], 4), round(out["referred_share_with"], 4)
    (0.4592, 0.497)
    >>> out["buyers_with"].index.tolist()
    ['referral', 'advertising', 'walk_in', 'repeat_owner']
    """
    out = referral_programme(owners, recommend_rate, referrals_per_recommender, close_rate,
                             reward, buyer_share, reward_scale, profit_per_buyer, ad_budget,
                             cost_per_lead, ad_close_rate, walk_ins, repeat_buyers)
    even = break_even_reward(owners, recommend_rate, referrals_per_recommender, close_rate,
                             buyer_share, reward_scale, profit_per_buyer)
    ids = ("referral", "advertising", "walk_in", "repeat_owner")

    def by_channel(f):
        return pd.Series([f["referred"], f["advertising"], f["walk_in"], f["repeat_owner"]],
                         index=list(ids), dtype=float)

    return {"referred_share_without": out["without"]["referred_share"],
            "referred_share_with": out["with"]["referred_share"],
            "ad_cost_per_buyer": out["ad_cost_per_buyer"],
            "cost_per_referred": out["cost_per_referred"],
            "cost_per_extra": out["cost_per_extra"],
            "net_value": out["net_value"], "extra_referred": out["extra_referred"],
            "programme_cost": out["programme_cost"],
            "break_even_reward": even["break_even_reward"], "best_reward": even["best_reward"],
            "buyers_without": by_channel(out["without"]), "buyers_with": by_channel(out["with"])}
