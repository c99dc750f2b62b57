"""A simulated distributor's customers over thirteen years (模拟数据).

The data set of Chapter 3 (客户关系生命周期): one cohort of 1,000 retail customers
who first bought from an invented beverage distributor in year 1, followed for
thirteen years.  Each row is one customer-year with the customer's total
purchases in the category (from every supplier) and its purchases from the
distributor.  Names and numbers are invented; they describe no real company.

Design (this book's, 本书补充):

* **Who stays** — each customer has its own yearly churn probability θ drawn
  from Beta(:data:`ALPHA`, :data:`BETA`) and keeps it for ever, so the cohort's
  survivors follow the shifted-beta-geometric model (Fader & Hardie 2007) and
  the cohort's retention rate rises with tenure although no customer changes.
* **Stages** [004] — year 1 is 考察期 (trial orders, a small share), years 2–3
  形成期 (the share grows), from year 4 稳定期 (a high, steady share).  A customer
  who leaves spends its last year in 退化期: its purchases from the distributor
  fall to 30–60 % of the year before while its total purchases keep growing.
* **Patterns** [004] — by the stage the customer was in when it began to
  decline: A 早期流产型 (exploration: gone by year 2), B 中途夭折型 (formation:
  last year 3 or 4), C 提前退出型 (early stability: last year 5–7), D 长久保持型
  (late stability: year 8 or later, or still a customer in year 13).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

#: Beta shape parameters of the customers' yearly churn probabilities.
ALPHA, BETA = 0.9, 2.2
#: Years observed.
YEARS = 13
#: Last year of formation; stability starts the year after.
FORMATION_END = 3


def generate(seed: int = 20241203, n: int = 1000) -> pd.DataFrame:
    """Generate the customer-years.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n : int
        Customers in the cohort (an integer, 1 to 1,000,000).

    Returns
    -------
    DataFrame
        ``customer_id``, ``year`` (1–13), ``purchases_total`` and
        ``purchases_firm`` (万元, 2 decimals), ``true_stage`` (the stage the
        generator used: exploration / formation / stability / decline) and
        ``pattern`` (A–D, the same on all of a customer's rows).

    Examples
    --------
    >>> df = generate(1, n=50)
    >>> int(df.groupby("customer_id")["year"].min().max())
    1
    >>> bool((df["purchases_firm"] <= df["purchases_total"]).all())
    True
    """
    seed = check_seed(seed)
    n = check_size(n, "n", "客户数", high=1_000_000)
    rng = np.random.default_rng(seed)
    theta = rng.beta(ALPHA, BETA, size=n)
    life = rng.geometric(np.clip(theta, 1e-9, 1.0))          # years as a customer, >= 1
    censored = life > YEARS
    life = np.minimum(life, YEARS)
    cid = np.repeat(np.arange(n), life)
    start = np.repeat(np.cumsum(life) - life, life)
    year = np.arange(cid.size) - start + 1
    last = year == life[cid]
    base = rng.lognormal(np.log(50.0), 0.5, size=n)
    growth = rng.normal(0.03, 0.02, size=n)
    total = base[cid] * (1 + growth[cid]) ** (year - 1) * np.exp(rng.normal(0, 0.03, cid.size))
    stage = np.where(year == 1, "exploration",
                     np.where(year <= FORMATION_END, "formation", "stability")).astype(object)
    decline = last & ~censored[cid] & (year >= 2)
    stage[decline] = "decline"
    share = np.select(
        [year == 1, year == 2, year == 3],
        [rng.uniform(0.05, 0.20, cid.size), rng.normal(0.30, 0.03, cid.size),
         rng.normal(0.48, 0.03, cid.size)],
        np.clip(rng.normal(0.75, 0.025, cid.size), 0.68, 0.82))
    # a declining customer buys 30–60 % of last year's share from the distributor
    prev_share = np.r_[np.nan, share[:-1]]
    share = np.where(decline, prev_share * rng.uniform(0.30, 0.60, cid.size), share)
    # each customer's last year before its decline (its stage then names the pattern)
    before = np.where(~censored & (life >= 2), life - 1, life)
    pattern = np.select([censored, before <= 1, before <= FORMATION_END, before <= 6],
                        ["D", "A", "B", "C"], "D")[cid]
    total = np.round(total, 2)
    firm = np.minimum(np.round(total * share, 2), total)
    return pd.DataFrame({
        "customer_id": np.array([f"K{i:04d}" for i in range(1, n + 1)])[cid],
        "year": year.astype(int),
        "purchases_total": total,
        "purchases_firm": firm,
        "true_stage": stage.astype(str),
        "pattern": pattern,
    })
