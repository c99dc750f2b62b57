"""A simulated sales ledger and a simulated owners' club survey for the Vanke case (模拟数据).

**Every number here is invented (模拟数据); none is a figure of Vanke (万科) or
of any real developer.**  Only two project names come from the course document
[000] (金色家园 and 四季花城, both in Shenzhen); the other four projects are
invented and named as such (``上海·模拟项目甲`` …).  The simulation is set to
the seed's figures, so that the case can show them with
:func:`crmlab.textbook.calibrated` (模拟数据按教材数字设定, never a tick):

* :func:`generate` — the sales ledger: one row per buyer of six projects in
  the five cities the seed names (深圳、上海、北京、天津、沈阳), with the channel
  that brought the buyer (老业主推荐, 广告, 自然上门, 老业主再购), the date and the
  price.  Each project's referred share is fixed in :data:`PROJECTS`: every
  city's share lies in the seed's 30–50%, and both Shenzhen projects are
  above 40%.  The repeat-owner and walk-in shares (5–10% and 17–24%) are
  invented and vary a little by project.  The counts per channel are exact
  (rounded shares × buyers); the random seed only shuffles who bought through
  which channel, when and at what price.
* :func:`generate_survey` — a 万客会-style member survey of 1,000 owners:
  whether each has bought more than once and whether each says he or she will
  buy again and will recommend.  Exactly 65.3%, 56.9% and 48.5% say yes, by
  construction; the answers are correlated through one latent satisfaction
  score (an owner who would recommend is more likely to buy again).

Dates (2024–2025) and prices (万元) are invented for illustration; the seed
gives neither.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

__all__ = ["generate", "generate_survey", "PROJECTS", "SURVEY_YES"]

#: project, city, buyers, referred share, repeat-owner share, walk-in share
#: (模拟数据; 金色家园 and 四季花城 are the seed's names, the other four projects
#: are invented).  Only the referred share is set to a seed figure; the
#: repeat-owner and walk-in shares are invented and differ a little between
#: projects (the seed gives neither); advertising is the rest.
PROJECTS = (
    ("金色家园", "深圳", 420, 0.46, 0.09, 0.17),
    ("四季花城", "深圳", 520, 0.43, 0.10, 0.18),
    ("上海·模拟项目甲", "上海", 480, 0.34, 0.07, 0.21),
    ("北京·模拟项目乙", "北京", 450, 0.38, 0.06, 0.19),
    ("天津·模拟项目丙", "天津", 400, 0.31, 0.08, 0.24),
    ("沈阳·模拟项目丁", "沈阳", 380, 0.36, 0.05, 0.23),
)
#: Typical price per home in each city (万元, invented).
_PRICE = {"深圳": 320.0, "上海": 380.0, "北京": 400.0, "天津": 180.0, "沈阳": 120.0}
_PRICE_SD = 0.20                       # log-normal spread of prices within a project

#: Members answering yes in the survey, per 1,000 (seed [000]: 65.3%, 56.9%, 48.5%).
SURVEY_YES = {"repeat_bought": 653, "would_buy_again": 569, "would_recommend": 485}
_NOISE = {"repeat_bought": 1.5, "would_buy_again": 0.8, "would_recommend": 0.8}
_THIRD_HOME = 0.15                     # share of repeat buyers with a third home
_CITIES = ("深圳", "上海", "北京", "天津", "沈阳")
_CITY_SHARES = (0.36, 0.18, 0.18, 0.14, 0.14)


def _channels(n, referred, repeat, walk_in, rng):
    counts = np.array([round(referred * n), round(repeat * n), round(walk_in * n)])
    labels = np.repeat(np.array(["老业主推荐", "老业主再购", "自然上门", "广告"]),
                       [*counts, n - counts.sum()])
    return rng.permutation(labels)


def generate(seed: int = 20241201) -> pd.DataFrame:
    """Generate the sales ledger: one row per buyer (模拟数据).

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).

    Returns
    -------
    DataFrame
        ``sale_id`` (S0001 …), ``project``, ``city``, ``sale_date``
        (2024-01-01 … 2025-12-31, sorted within the ledger), ``channel`` (老业主推荐,
        广告, 自然上门 or 老业主再购) and ``price`` (万元, one decimal).

    Examples
    --------
    >>> df = generate(1)
    >>> len(df), sorted(df["city"].unique()) == sorted(["深圳", "上海", "北京", "天津", "沈阳"])
    (2650, True)
    >>> round(float((df.loc[df["project"] == "金色家园", "channel"] == "老业主推荐").mean()), 2)
    0.46
    """
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    sizes = np.array([p[2] for p in PROJECTS])
    project = np.repeat(np.array([p[0] for p in PROJECTS]), sizes)
    city = np.repeat(np.array([p[1] for p in PROJECTS]), sizes)
    channel = np.concatenate([_channels(n, share, repeat, walk, rng)
                              for _, _, n, share, repeat, walk in PROJECTS])
    days = (pd.Timestamp("2025-12-31") - pd.Timestamp("2024-01-01")).days + 1
    offset = rng.integers(0, days, size=sizes.sum())
    date = pd.Timestamp("2024-01-01") + pd.to_timedelta(offset, unit="D")
    base = np.array([_PRICE[c] for c in city])
    price = np.round(base * np.exp(rng.normal(-_PRICE_SD ** 2 / 2, _PRICE_SD, size=sizes.sum())), 1)
    out = pd.DataFrame({"project": project, "city": city, "sale_date": date,
                        "channel": channel, "price": price})
    out = out.sort_values(["sale_date", "project"], kind="stable").reset_index(drop=True)
    out.insert(0, "sale_id", [f"S{i:04d}" for i in range(1, len(out) + 1)])
    out["sale_date"] = out["sale_date"].dt.strftime("%Y-%m-%d")
    return out


def generate_survey(seed: int = 20241202, n: int = 1000) -> pd.DataFrame:
    """Generate the member survey: one row per member (模拟数据).

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n : int
        Members surveyed (an integer, 1 to 1,000,000); the yes-counts are
        :data:`SURVEY_YES` scaled to ``n`` and rounded.

    Returns
    -------
    DataFrame
        ``member_id`` (M0001 …), ``city``, ``repeat_bought``,
        ``would_buy_again``, ``would_recommend`` (booleans) and ``homes_bought``
        (1 for a member who has not bought again, else 2 or 3).

    Examples
    --------
    >>> s = generate_survey(1)
    >>> s[["repeat_bought", "would_buy_again", "would_recommend"]].sum().tolist()
    [653, 569, 485]
    """
    seed = check_seed(seed)
    n = check_size(n, "n", "会员数", high=1_000_000)
    rng = np.random.default_rng(seed)
    city = rng.choice(np.array(_CITIES), size=n, p=_CITY_SHARES)
    satisfaction = rng.normal(size=n)
    out = {"member_id": [f"M{i:04d}" for i in range(1, n + 1)], "city": city}
    for col, yes in SURVEY_YES.items():
        k = int(round(yes * n / 1000))
        score = satisfaction + rng.normal(scale=_NOISE[col], size=n)
        top = np.zeros(n, dtype=bool)
        top[np.argsort(-score, kind="stable")[:k]] = True
        out[col] = top
    third = rng.random(n) < _THIRD_HOME
    out["homes_bought"] = 1 + out["repeat_bought"].astype("int64") * (1 + third)
    return pd.DataFrame(out)
