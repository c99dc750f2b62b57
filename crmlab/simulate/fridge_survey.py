"""A simulated survey of refrigerator buyers rating four competing offers (模拟数据).

The data set of Chapter 4 (客户让渡价值): 300 recent buyers of a refrigerator,
each in one of three segments — 价格敏感型 (price-sensitive), 服务导向型
(service-seeking), 品牌导向型 (brand-minded) — rate four offers, named 甲, 乙,
丙 and 丁, on the seven perceived components that have no price tag (0–10
points), and share out 80 importance points over all eight components.  The
offers, prices, scores and weights are invented; they describe no real brand.

Design (this book's, 本书补充): 甲 is dear and strong on service and personnel
(delivery, installation, helpful staff); 乙 is cheap and plain; 丙 is dear and
strong on image; 丁, the chapter's "our offer", sits in the middle.  The
price-sensitive segment gives the price many points, the service-seeking
segment service and personnel, the brand-minded segment image, so that the
segments prefer different offers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

SEGMENTS = ("价格敏感型", "服务导向型", "品牌导向型")
_SHARES = (0.40, 0.35, 0.25)
OFFERS = ("甲", "乙", "丙", "丁")
#: List price of each offer, 元.
PRICES = {"甲": 4299.0, "乙": 2699.0, "丙": 4499.0, "丁": 3599.0}
_SCORES = ("product_score", "service_score", "personnel_score", "image_score",
           "time_score", "energy_score", "physical_score")
#: Mean 0–10 score of each offer on the seven scored components (in _SCORES order).
_TRUE = {"甲": (8.0, 8.0, 7.0, 7.0, 3.0, 3.0, 2.0),
         "乙": (7.0, 6.0, 5.0, 6.0, 4.0, 4.0, 5.0),
         "丙": (8.0, 6.0, 6.0, 9.0, 4.0, 3.0, 3.0),
         "丁": (7.0, 6.0, 6.0, 6.0, 4.0, 4.0, 4.0)}
_POINTS = ("product_points", "service_points", "personnel_points", "image_points",
           "monetary_cost_points", "time_cost_points", "energy_cost_points",
           "physical_cost_points")
#: Mean importance points (out of 80) per segment, in _POINTS order.
_IMPORTANCE = {"价格敏感型": (13, 8, 8, 7, 22, 7, 8, 7),
               "服务导向型": (11, 18, 14, 7, 10, 7, 7, 6),
               "品牌导向型": (11, 8, 8, 20, 9, 8, 8, 8)}
_SCORE_SD = 1.0        # spread of one buyer's score around the offer's mean (points)
_CONCENTRATION = 60.0  # Dirichlet concentration of a buyer's importance shares


def generate(seed: int = 20241104, n: int = 300) -> pd.DataFrame:
    """Generate the survey: one row per respondent and offer.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n : int
        Number of respondents (an integer, 1 to 1,000,000).

    Returns
    -------
    DataFrame
        ``respondent_id``, ``segment``, ``offer``, ``price`` (元), seven
        0–10 integer scores (``product_score`` … ``physical_score``; for a cost,
        10 = very costly) and eight integer importance points summing to 80
        per respondent (``product_points`` … ``physical_cost_points``), the
        same on each of a respondent's four rows.

    Examples
    --------
    >>> df = generate(1, n=5)
    >>> len(df), sorted(df["offer"].unique())
    (20, ['丁', '丙', '乙', '甲'])
    >>> bool((df[list(_POINTS)].sum(axis=1) == 80).all())
    True
    """
    seed = check_seed(seed)
    n = check_size(n, "n", "受访者人数", high=1_000_000)
    rng = np.random.default_rng(seed)
    segment = rng.choice(np.array(SEGMENTS), size=n, p=_SHARES)
    mean_points = np.array([_IMPORTANCE[s] for s in segment], dtype=float)
    # Each respondent's shares from his segment's Dirichlet (vectorised by gamma draws).
    gam = rng.gamma(_CONCENTRATION * mean_points / 80.0)
    shares = gam / gam.sum(axis=1, keepdims=True)
    points = rng.multinomial(80, shares)
    true = np.array([_TRUE[o] for o in OFFERS])                      # offers × 7
    noise = rng.normal(0.0, _SCORE_SD, size=(n, len(OFFERS), len(_SCORES)))
    scores = np.clip(np.rint(true[None, :, :] + noise), 0, 10).astype(int)
    frame = pd.DataFrame(scores.reshape(-1, len(_SCORES)), columns=list(_SCORES))
    frame.insert(0, "price", np.tile([PRICES[o] for o in OFFERS], n))
    frame.insert(0, "offer", np.tile(np.array(OFFERS), n))
    frame.insert(0, "segment", np.repeat(segment, len(OFFERS)))
    frame.insert(0, "respondent_id", np.repeat([f"R{i:04d}" for i in range(1, n + 1)],
                                               len(OFFERS)))
    frame[list(_POINTS)] = np.repeat(points, len(OFFERS), axis=0)
    return frame
