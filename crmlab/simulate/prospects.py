"""Simulated monthly panel of a firm's prospects and customers (模拟数据).

The data set behind Chapter 2 (客户的状态).  **Every number here is invented
(模拟数据); it describes no real firm.**  A few thousand people are followed
for 36 months; each month every person is in one of the chapter's states
(:data:`crmlab.states.STATES`: 潜在客户, 目标客户, 初次购买客户, 重复购买客户,
忠诚客户, 流失客户, 非客户) and moves on by a known monthly transition matrix,
:data:`GENERATING_MATRIX`.

The matrix is built from what happens to a person in a month:

* a potential customer becomes a target (the firm starts selling to them) or
  drops out (→ 非客户);
* a target is sold to and buys with probability **6 %** (→ 初次购买) [000];
* a first-time customer buys again with probability **15 %** (→ 重复购买) [000]
  or leaves (→ 流失);
* repeat and loyal customers buy with probability **50 %** [000]; some repeat
  buyers become loyal, some customers who do not buy leave;
* a lost customer is won back (挽回, a purchase, → 重复购买) or is lost for good
  (永远流失, → 非客户).

So the monthly purchase rate of each state is the seed's success rate of
selling to it: the simulation is *calibrated* to 6 % / 15 % / 50 %, and
agreement with those figures is by construction, not evidence.  The other
probabilities and all margins are invented.

Generation is vectorised over people: one loop over the 36 months and, inside
it, over the seven states (a handful of categories).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

__all__ = ["generate", "OUTCOMES", "GENERATING_MATRIX", "START_MIX", "MONTHS", "MARGIN_MEANS"]

STATES = ("potential", "target", "first_time", "repeat", "loyal", "lost", "non_customer")

MONTHS = 36

#: What can happen to a person in each state in one month:
#: (next state, purchased this month, probability).
OUTCOMES = {
    "potential": [("potential", 0, 0.90), ("target", 0, 0.08), ("non_customer", 0, 0.02)],
    "target": [("first_time", 1, 0.06), ("target", 0, 0.91), ("non_customer", 0, 0.03)],
    "first_time": [("repeat", 1, 0.15), ("first_time", 0, 0.75), ("lost", 0, 0.10)],
    "repeat": [("loyal", 1, 0.08), ("repeat", 1, 0.42), ("repeat", 0, 0.45), ("lost", 0, 0.05)],
    "loyal": [("loyal", 1, 0.50), ("loyal", 0, 0.46), ("repeat", 0, 0.02), ("lost", 0, 0.02)],
    "lost": [("repeat", 1, 0.04), ("lost", 0, 0.90), ("non_customer", 0, 0.06)],
    "non_customer": [("non_customer", 0, 1.0)],
}


def _matrix():
    M = pd.DataFrame(0.0, index=pd.Index(STATES, name="from_state"),
                     columns=pd.Index(STATES, name="to_state"))
    for s, outcomes in OUTCOMES.items():
        for to, _, p in outcomes:
            M.loc[s, to] += p
    return M


#: The monthly transition matrix the panel is generated from.
GENERATING_MATRIX = _matrix()

#: The state mix in month 1: mostly prospects, some customers already.
START_MIX = {"potential": 0.40, "target": 0.30, "first_time": 0.08, "repeat": 0.12,
             "loyal": 0.10, "lost": 0.0, "non_customer": 0.0}

#: Mean margin (元) of a purchase by the state the buyer is in: a first purchase
#: (by a target), a second one, a purchase by a repeat or loyal customer, a
#: won-back customer's purchase.
MARGIN_MEANS = {"target": 150.0, "first_time": 180.0, "repeat": 220.0, "loyal": 280.0,
                "lost": 150.0}


def generate(seed: int = 20260201, n: int = 2500, months: int = MONTHS) -> pd.DataFrame:
    """Generate the monthly state panel.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n : int
        Number of people (1 to 1,000,000).
    months : int
        Months followed (2 to 120).

    Returns
    -------
    DataFrame
        One row per person and month: ``customer_id`` (P0001 …), ``month``
        (1 … months), ``state`` (the state during the month), ``purchased``
        (1 if the person bought in the month) and ``margin`` (元, the margin of
        that purchase, 0 without one).

    Examples
    --------
    >>> df = generate(n=50, months=3)
    >>> df.shape, sorted(df["month"].unique().tolist())
    ((150, 5), [1, 2, 3])
    """
    rng = np.random.default_rng(check_seed(seed))
    n = check_size(n, "n", "人数", high=1_000_000)
    months = check_size(months, "months", "月数", low=2, high=120)
    codes = {s: k for k, s in enumerate(STATES)}
    start = np.array([START_MIX[s] for s in STATES])
    state = rng.choice(len(STATES), size=n, p=start / start.sum())
    shape = (months, n)
    states, bought, margin = (np.zeros(shape, dtype=np.int64), np.zeros(shape, dtype=np.int64),
                              np.zeros(shape))
    for t in range(months):
        states[t] = state
        u = rng.random(n)
        nxt = state.copy()
        for s, outcomes in OUTCOMES.items():          # seven states, not people
            here = state == codes[s]
            if not here.any():
                continue
            cum = np.cumsum([p for _, _, p in outcomes])
            pick = np.minimum(np.searchsorted(cum, u[here], side="right"), len(outcomes) - 1)
            nxt[here] = np.array([codes[to] for to, _, _ in outcomes])[pick]
            buys = np.array([b for _, b, _ in outcomes])[pick]
            bought[t, here] = buys
            if s in MARGIN_MEANS:
                amount = rng.gamma(4.0, MARGIN_MEANS[s] / 4.0, size=int(here.sum()))
                margin[t, here] = np.where(buys == 1, np.round(amount, 2), 0.0)
        state = nxt
    ids = np.array([f"P{i + 1:04d}" for i in range(n)])
    return pd.DataFrame({
        "customer_id": np.tile(ids, months),
        "month": np.repeat(np.arange(1, months + 1), n),
        "state": pd.Categorical(np.array(STATES)[states.ravel()], categories=STATES),
        "purchased": bought.ravel(),
        "margin": margin.ravel(),
    }).sort_values(["customer_id", "month"], kind="stable").reset_index(drop=True)
