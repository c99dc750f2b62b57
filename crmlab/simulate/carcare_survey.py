"""A simulated satisfaction survey of a car-care chain (模拟数据), Chapter 7.

1,000 invented customers of an invented chain of car-maintenance workshops
(汽车保养连锁店) rate eight attributes of the service three times — what they
expected (期望), what they got (感知表现) and how important it is (重要性), each
1–5 — and give an overall rating (1 很不满意 … 5 很满意), a rating of the product
(the repair itself) and of the service.  The firm's records add whether each
customer came back within 12 months, complained, praised the firm to others,
asked for it by name, or told others of a bad experience.  Nothing here is a
fact about a real company.

Calibration (the chapter's seed figures, set by construction):

* hidden dissatisfaction: of the respondents rating 1 or 2, exactly 70% did not
  complain ([002]: 隐性不满往往占到客户不满意的 70%);
* loyalty: the repurchase rate is flat from level 1 to 4 and jumps at 5, where it
  is 6 times the rate at level 4 ([001]: 非常满意的客户的购买意愿 6 倍于满意的客户;
  the non-linear loyalty/satisfaction curve of [003] and Jones & Sasser 1995).

Everything else (attribute means, spreads, the other rates) is the book's design
(本书补充): the attributes are placed so that the importance–performance grid has
an attribute in each quadrant.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

ATTRIBUTES = ("price", "waiting", "attitude", "quality", "explanation", "environment",
              "booking", "follow_up")
#: Mean expectation, performance and importance (1–5) per attribute, in ATTRIBUTES order.
_EXPECT = (3.9, 4.0, 4.0, 4.3, 3.8, 3.5, 3.6, 3.2)
_PERFORM = (3.1, 3.0, 4.1, 4.2, 3.2, 4.3, 3.4, 3.0)
_IMPORT = (4.2, 4.4, 4.3, 4.6, 4.1, 3.0, 3.3, 2.9)
#: Shares of the overall rating 1…5.
_OVERALL = (0.05, 0.10, 0.20, 0.40, 0.25)
#: Share of the dissatisfied (overall 1–2) who complain: 1 − 0.70 [002].
_VOICED = 0.30
#: Share of other respondents who complained (a problem that was then put right).
_OTHER_COMPLAINTS = (0.0, 0.0, 0.03, 0.01, 0.0)
#: Repurchase (came back within 12 months) by overall level; level 5 = 6 × level 4 [001].
_REPURCHASE = (0.04, 0.08, 0.12, 0.14, 0.84)
_RECOMMEND = (0.0, 0.02, 0.08, 0.25, 0.80)
_PRAISED = (0.0, 0.05, 0.20, 0.45, 0.85)
_ASKED = (0.05, 0.10, 0.20, 0.35, 0.60)
_BAD_WORD = (0.70, 0.40, 0.10, 0.02, 0.0)
_PROBLEM = (0.90, 0.70, 0.35, 0.12, 0.05)
#: Which area a reported problem is about (shares over ATTRIBUTES).
_AREA = (0.22, 0.30, 0.06, 0.10, 0.18, 0.02, 0.08, 0.04)


def _exact(rng, level, shares):
    """0/1 per respondent with exactly round(share · n_level) ones in each level (vectorised)."""
    n = len(level)
    order = np.lexsort((rng.random(n), level))                # by level, random within level
    lv = level[order]
    starts = np.searchsorted(lv, np.arange(1, 6))
    rank = np.arange(n) - starts[lv - 1]
    counts = np.bincount(level, minlength=6)[1:]
    quota = np.rint(np.asarray(shares) * counts).astype(int)
    out = np.zeros(n, dtype=int)
    out[order] = (rank < quota[lv - 1]).astype(int)
    return out


def generate(seed: int = 20260701, n: int = 1000) -> pd.DataFrame:
    """Generate the survey: one row per respondent.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n : int
        Number of respondents (an integer, 20 to 1,000,000).

    Returns
    -------
    DataFrame
        ``respondent_id``; ``exp_<a>``, ``perf_<a>``, ``imp_<a>`` for the eight
        attributes (1–5 integers); ``overall``, ``product_rating``,
        ``service_rating`` (1–5); ``problem_area`` (an attribute or ``"none"``);
        0/1 ``complained``, ``repurchase``, ``recommend``, ``praised``,
        ``asked_by_name``, ``told_others_bad``.

    Examples
    --------
    >>> df = generate(1, n=200)
    >>> len(df), int(df["overall"].min()) >= 1, int(df["overall"].max()) <= 5
    (200, True, True)
    """
    seed = check_seed(seed)
    n = check_size(n, "n", "受访者人数", low=20, high=1_000_000)
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(n)                                    # latent satisfaction
    cuts = np.quantile(z, np.cumsum(_OVERALL)[:-1])
    overall = 1 + np.searchsorted(cuts, z, side="right")
    k = len(ATTRIBUTES)
    perf = np.clip(np.rint(np.array(_PERFORM)[None, :] + 0.6 * z[:, None]
                           + rng.normal(0, 0.7, (n, k))), 1, 5).astype(int)
    expect = np.clip(np.rint(np.array(_EXPECT)[None, :] + rng.normal(0, 0.6, (n, k))), 1, 5).astype(int)
    imp = np.clip(np.rint(np.array(_IMPORT)[None, :] + rng.normal(0, 0.6, (n, k))), 1, 5).astype(int)
    product = np.clip(np.rint(4.0 + 0.8 * z + rng.normal(0, 0.7, n)), 1, 5).astype(int)
    service = np.clip(np.rint(3.6 + 0.8 * z + rng.normal(0, 0.8, n)), 1, 5).astype(int)
    dissatisfied = overall <= 2
    voiced = _exact(rng, np.where(dissatisfied, 1, 2), (_VOICED, 0.0, 0, 0, 0))
    other = _exact(rng, overall, _OTHER_COMPLAINTS)
    complained = np.where(dissatisfied, voiced, other)
    frame = pd.DataFrame({"respondent_id": [f"K{i:04d}" for i in range(1, n + 1)]})
    for j, a in enumerate(ATTRIBUTES):
        frame[f"exp_{a}"] = expect[:, j]
    for j, a in enumerate(ATTRIBUTES):
        frame[f"perf_{a}"] = perf[:, j]
    for j, a in enumerate(ATTRIBUTES):
        frame[f"imp_{a}"] = imp[:, j]
    frame["overall"] = overall
    frame["product_rating"] = product
    frame["service_rating"] = service
    problem = rng.random(n) < np.array(_PROBLEM)[overall - 1]
    area = rng.choice(np.array(ATTRIBUTES), size=n, p=_AREA)
    frame["problem_area"] = np.where(problem, area, "none")
    frame["complained"] = complained
    frame["repurchase"] = _exact(rng, overall, _REPURCHASE)
    for col, shares in (("recommend", _RECOMMEND), ("praised", _PRAISED),
                        ("asked_by_name", _ASKED), ("told_others_bad", _BAD_WORD)):
        frame[col] = (rng.random(n) < np.array(shares)[overall - 1]).astype(int)
    return frame
