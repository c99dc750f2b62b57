"""Simulated subscribers of a provincial mobile operator (模拟数据).

The data set behind the China Mobile churn case (移动客户流失案例, seed
``[000]``).  **Every number here is invented (模拟数据); none is a figure of
China Mobile or of any real operator.**  The simulation only follows the
story the course document tells: after the 2008 restructuring three operators
compete for the same customers, the competitor's dual-SIM CDMA offer aims at
high-end users, and subscribers leave for one of five causes:

========================  ==============================================
竞争对手挖角 (poaching)    concentrated in the high-end segment and growing
                          over the window as competition heats up
店大欺客 (overbearing)     forced packages and higher fees; mostly mass users
自然流失 (natural)         moving away, line no longer needed; most among youth
诚信问题 (integrity)       services opened without consent, opaque billing
细节疏忽 (details)         neglected front-desk service
========================  ==============================================

Time is a month index: the observation window is months 1…36 (read them, for
illustration only, as 2009-01 … 2011-12).  Subscribers who were already
customers when the window opened have ``join_month`` ≤ 0.  A subscriber who
joins in month *j* is first at risk in month *j* + 1; ``churn_month`` is the
month in which the subscriber left (empty while still a subscriber at the end
of month 36).

Mechanism (per month, vectorised over all active subscribers):

1. each active subscriber complains with a segment-specific probability; the
   complaint is about fees (店大欺客), billing or unconsented services (诚信问题)
   or front-desk service (细节疏忽), and is resolved or not;
2. the monthly churn hazard of each cause is a segment base rate, × 1.5 in the
   first six months of tenure, the poaching rate rising from × 0.8 to × 1.3
   over the window; for twelve months after a complaint the cause the
   complaint was about gets an extra hazard — small if the complaint was
   resolved, large if it was not;
3. whether the subscriber leaves is one uniform draw against the total hazard,
   and the cause is drawn in proportion to the cause hazards.

The extra hazards are tuned so that, 12 months after their last complaint,
about three in four subscribers whose complaint was resolved are still
customers (the textbook's "good complaint handling wins back 75%") and most of
those whose complaint was not resolved have left (the textbook says 89%).
Those are the textbook's claims; the simulation is merely made roughly
consistent with them.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

SEGMENTS = ("高端", "大众", "青年", "商务")
CAUSES = ("竞争对手挖角", "店大欺客", "自然流失", "诚信问题", "细节疏忽")
NOT_CHURNED = "未流失"
COMPLAINT_STATUS = ("无投诉", "已解决", "未解决")
PLANS = ("尊享套餐", "商旅套餐", "畅聊套餐", "基础套餐", "校园套餐", "流量套餐", "集团套餐")
MONTHS = 36

# segment shares of the base at month 0 and of new joiners
_BASE_SHARES = np.array([0.15, 0.50, 0.25, 0.10])
_NEW_SHARES = np.array([0.10, 0.45, 0.38, 0.07])
# plans per segment (index into PLANS) with probabilities
_PLAN_CHOICE = {
    0: ((0, 1), (0.45, 0.55)),
    1: ((3, 2), (0.55, 0.45)),
    2: ((4, 5), (0.60, 0.40)),
    3: ((6, 1), (0.70, 0.30)),
}
# monthly fee of each plan (CNY) and gross margin rate of each segment
_PLAN_FEE = np.array([288.0, 158.0, 68.0, 38.0, 28.0, 48.0, 98.0])
_MARGIN_RATE = np.array([0.50, 0.42, 0.35, 0.48])
# base monthly churn hazard, segment × cause (poaching, overbearing, natural,
# integrity, details)
_HAZARD = np.array([
    [0.0085, 0.0012, 0.0025, 0.0012, 0.0012],   # 高端 high-end
    [0.0022, 0.0045, 0.0055, 0.0030, 0.0018],   # 大众 mass
    [0.0035, 0.0030, 0.0085, 0.0025, 0.0022],   # 青年 youth
    [0.0030, 0.0008, 0.0018, 0.0012, 0.0008],   # 商务 business
])
# monthly complaint probability and probability that a complaint is resolved
_COMPLAIN = np.array([0.012, 0.011, 0.008, 0.014])
_RESOLVE = np.array([0.78, 0.62, 0.60, 0.82])
# what complaints are about: overbearing, integrity, details (cause index 1, 2… skip natural)
_TOPIC = np.array([
    [0.30, 0.40, 0.30],
    [0.45, 0.35, 0.20],
    [0.35, 0.35, 0.30],
    [0.25, 0.40, 0.35],
])
_TOPIC_CAUSE = np.array([1, 3, 4])
# extra monthly hazard on the complaint's cause during the 12 months after it
_EXTRA_RESOLVED = 0.003
_EXTRA_UNRESOLVED = 0.13
_AFTER = 12


def generate(seed: int = 20090101, n_base: int = 24000, new_per_month: int = 330) -> pd.DataFrame:
    """Generate the subscriber table (模拟数据).

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n_base : int
        Subscribers already active when the window opens (end of month 0), 1 to
        10,000,000.
    new_per_month : int
        Mean number of new subscribers per month (Poisson), 0 to 1,000,000.

    Returns
    -------
    DataFrame
        One row per subscriber: ``subscriber_id``, ``segment``, ``plan``,
        ``join_month``, ``tenure_months`` (months from joining to leaving or to
        the end of month 36), ``arpu`` (average monthly spend, CNY),
        ``margin`` (monthly gross margin, CNY), ``complaints`` (complaints in
        the window), ``last_complaint_month`` (empty if none),
        ``complaint_status`` (无投诉 / 已解决 / 未解决: outcome of the last
        complaint), ``churned``, ``churn_month`` (empty if still a subscriber)
        and ``churn_cause`` (``"未流失"`` if still a subscriber).

    Examples
    --------
    >>> df = generate(1, n_base=300, new_per_month=10)
    >>> list(df.columns)[:4]
    ['subscriber_id', 'segment', 'plan', 'join_month']
    >>> bool((df["churn_month"].dropna() > df.loc[df["churned"], "join_month"]).all())
    True
    """
    seed = check_seed(seed)
    n_base = check_size(n_base, "n_base", "期初用户数")
    new_per_month = check_size(new_per_month, "new_per_month", "每月新增用户数", low=0,
                               high=1_000_000)
    rng = np.random.default_rng(seed)
    # --- who is there: the base at month 0 and the joiners of months 1..36 ---
    new_counts = rng.poisson(new_per_month, MONTHS)
    n_new = int(new_counts.sum())
    n = n_base + n_new
    base_tenure = np.minimum(rng.geometric(1 / 30, n_base), 96)
    join = np.concatenate([1 - base_tenure, np.repeat(np.arange(1, MONTHS + 1), new_counts)])
    seg = np.concatenate([rng.choice(4, n_base, p=_BASE_SHARES), rng.choice(4, n_new, p=_NEW_SHARES)])
    # --- plan, spend and margin ---
    first = np.array([_PLAN_CHOICE[s][0][0] for s in range(4)])
    second = np.array([_PLAN_CHOICE[s][0][1] for s in range(4)])
    p_first = np.array([_PLAN_CHOICE[s][1][0] for s in range(4)])
    plan = np.where(rng.random(n) < p_first[seg], first[seg], second[seg])
    arpu = np.round(_PLAN_FEE[plan] * rng.lognormal(0.0, 0.25, n), 2)
    margin = np.round(arpu * _MARGIN_RATE[seg] * rng.uniform(0.9, 1.1, n), 2)
    # --- the 36 months ---
    churn_month = np.zeros(n, dtype=np.int64)        # 0 = still a subscriber
    cause = np.full(n, -1, dtype=np.int64)
    complaints = np.zeros(n, dtype=np.int64)
    last_complaint = np.zeros(n, dtype=np.int64)     # 0 = never complained
    resolved = np.zeros(n, dtype=bool)
    topic = np.zeros(n, dtype=np.int64)
    topic_cdf = np.cumsum(_TOPIC, axis=1)
    for t in range(1, MONTHS + 1):
        idx = np.flatnonzero((join < t) & (churn_month == 0))
        s = seg[idx]
        # complaints this month
        comp = rng.random(idx.size) < _COMPLAIN[s]
        ci = idx[comp]
        complaints[ci] += 1
        last_complaint[ci] = t
        resolved[ci] = rng.random(ci.size) < _RESOLVE[seg[ci]]
        u_topic = rng.random(ci.size)
        topic[ci] = _TOPIC_CAUSE[(u_topic[:, None] > topic_cdf[seg[ci]]).sum(axis=1)]
        # hazards
        h = _HAZARD[s].copy()
        h[t - join[idx] <= 6] *= 1.5
        h[:, 0] *= 0.8 + 0.5 * (t - 1) / (MONTHS - 1)
        recent = (last_complaint[idx] > 0) & (t - last_complaint[idx] < _AFTER)
        extra = np.where(resolved[idx], _EXTRA_RESOLVED, _EXTRA_UNRESOLVED) * recent
        h[np.arange(idx.size), topic[idx]] += extra
        total = h.sum(axis=1)
        u = rng.random(idx.size)
        leave = u < total
        cum = np.cumsum(h, axis=1)
        which = (u[:, None] >= cum).sum(axis=1)
        churn_month[idx[leave]] = t
        cause[idx[leave]] = which[leave]
    churned = churn_month > 0
    end = np.where(churned, churn_month, MONTHS)
    status = np.where(complaints == 0, 0, np.where(resolved, 1, 2))
    segments = np.array(SEGMENTS, dtype=object)
    causes = np.array(CAUSES, dtype=object)
    return pd.DataFrame({
        "subscriber_id": [f"S{i:06d}" for i in range(1, n + 1)],
        "segment": segments[seg],
        "plan": np.array(PLANS, dtype=object)[plan],
        "join_month": join.astype(np.int64),
        "tenure_months": (end - join).astype(np.int64),
        "arpu": arpu,
        "margin": margin,
        "complaints": complaints,
        "last_complaint_month": pd.Series(last_complaint, dtype="Int64").where(complaints > 0),
        "complaint_status": np.array(COMPLAINT_STATUS, dtype=object)[status],
        "churned": churned,
        "churn_month": pd.Series(churn_month, dtype="Int64").where(churned),
        "churn_cause": np.where(churned, causes[np.maximum(cause, 0)], NOT_CHURNED),
    })
