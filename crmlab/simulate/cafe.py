"""Simulated customers of a small campus café (模拟数据).

A first, small data set for ``00_start_here``: 200 customers, each with a
segment, how long they have been a customer, how often they come, how much they
spend and what winning them cost.  The numbers are invented to be plausible for
a café near a university; they describe no real business.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

SEGMENTS = ("学生", "教职工", "周边居民")
_SHARES = (0.6, 0.15, 0.25)
# visits per year, average spend per visit (CNY), gross margin, mean tenure (years)
_PROFILE = {
    "学生": (60.0, 22.0, 0.55, 2.5),
    "教职工": (90.0, 30.0, 0.55, 5.0),
    "周边居民": (30.0, 35.0, 0.55, 4.0),
}


def generate(seed: int = 20240901, n: int = 200) -> pd.DataFrame:
    """Generate the café customer table.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n : int
        Number of customers (an integer, 1 to 10,000,000).

    Returns
    -------
    DataFrame
        One row per customer: ``customer_id``, ``segment``, ``tenure_years``,
        ``visits_per_year``, ``spend_per_visit``, ``annual_profit`` (CNY per
        year = visits × spend × margin) and ``acquisition_cost`` (CNY).

    Examples
    --------
    >>> df = generate(1, n=5)
    >>> list(df.columns)[:3]
    ['customer_id', 'segment', 'tenure_years']
    """
    seed = check_seed(seed)
    n = check_size(n, "n", "客户数")
    rng = np.random.default_rng(seed)
    segment = rng.choice(np.array(SEGMENTS), size=n, p=_SHARES)
    visits_mu = np.array([_PROFILE[s][0] for s in segment])
    spend_mu = np.array([_PROFILE[s][1] for s in segment])
    margin = np.array([_PROFILE[s][2] for s in segment])
    tenure_mu = np.array([_PROFILE[s][3] for s in segment])
    visits = np.maximum(1, rng.poisson(visits_mu * rng.lognormal(0, 0.5, n)))
    spend = np.round(spend_mu * rng.lognormal(0, 0.25, n), 2)
    tenure = np.minimum(15, 1 + rng.poisson(tenure_mu - 1))
    profit = np.round(visits * spend * margin, 2)
    acquisition = np.round(rng.uniform(20, 120, n), 2)
    return pd.DataFrame({
        "customer_id": [f"C{i:04d}" for i in range(1, n + 1)],
        "segment": segment,
        "tenure_years": tenure.astype(int),
        "visits_per_year": visits.astype(int),
        "spend_per_visit": spend,
        "annual_profit": profit,
        "acquisition_cost": acquisition,
    })
