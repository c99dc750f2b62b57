"""A simulated neighbourhood supermarket: eight weeks of shopping baskets (模拟数据).

The data set of the case 沃尔玛的啤酒与尿布 (seed ``[001]``, the opening story
of its CRM-system chapter).  The seed gives no numbers for the story, so nothing
here is calibrated to a figure: the supermarket, its households and every basket
are invented and describe no real company (not Walmart).

Design (this book's, 本书补充), so that the case has something to find:

* 1,200 households, about 15 % of them with an infant (有婴儿的家庭); about
  4,000 baskets over 8 weeks, each in one of three time slices (时段):
  工作日白天 (weekday day), 工作日晚间 (weekday evening, Mon–Fri 17:00–22:59),
  周末 (weekend).
* Most items are bought independently of one another with their own
  probability, so ordinary pairs such as 面包 and 牛奶 are frequent and have a
  high confidence, yet a lift near 1.
* Infant households buy 尿布 (diapers), 婴儿湿巾 (baby wipes) and 奶粉 (infant
  formula); wipes go with diapers (a strong, obvious rule).
* The planted rule: a basket with diapers also holds 啤酒 (beer) more often than
  others, most of all on weekday evenings (the story's "sent downstairs to buy
  diapers after work"); the overall lift of 尿布 → 啤酒 is moderate (about 2).
* A second planted pair: a basket with 薯片 (crisps) holds 可乐 (cola) with
  probability 0.40 instead of 0.14 (snack and drink, an obvious complement), so
  薯片 ↔ 可乐 has a lift of about 2.2, a little above 尿布 → 啤酒.

Baskets that come out empty are dropped, so the count is a little below 4,000.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed, check_size

SLICES = ("工作日白天", "工作日晚间", "周末")
_SLICE_SHARES = (0.40, 0.30, 0.30)
#: Items in the order the card lists them.
ITEMS = ("面包", "牛奶", "鸡蛋", "水果", "蔬菜", "酸奶", "方便面", "薯片", "可乐", "纸巾",
         "洗衣液", "啤酒", "尿布", "婴儿湿巾", "奶粉")
#: Probability that a basket holds the item, for items bought independently.
_BASE = {"面包": 0.36, "牛奶": 0.42, "鸡蛋": 0.28, "水果": 0.33, "蔬菜": 0.35, "酸奶": 0.20,
         "方便面": 0.14, "薯片": 0.14, "纸巾": 0.15, "洗衣液": 0.08}
_INFANT_SHARE = 0.15
_DIAPERS = (0.02, 0.50)          # P(尿布) for households without / with an infant
_FORMULA = (0.005, 0.30)         # P(奶粉) likewise
_WIPES = (0.03, 0.35)            # P(婴儿湿巾) without / with diapers in the basket
_COLA = (0.14, 0.40)             # P(可乐) without / with crisps
#: P(啤酒): basket without diapers by slice; with diapers by slice.
_BEER_PLAIN = {"工作日白天": 0.10, "工作日晚间": 0.16, "周末": 0.18}
_BEER_DIAPERS = {"工作日白天": 0.15, "工作日晚间": 0.60, "周末": 0.22}


def generate(seed: int = 20261201, n_baskets: int = 4000, n_households: int = 1200,
             weeks: int = 8) -> pd.DataFrame:
    """Generate the transaction table: one row per basket and item.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).
    n_baskets : int
        Baskets drawn before empty ones are dropped (1 to 1,000,000).
    n_households : int
        Households (1 to 1,000,000).
    weeks : int
        Weeks of trading (1 to 520).

    Returns
    -------
    DataFrame
        ``order_id``, ``household_id``, ``has_infant``, ``week``, ``weekday``
        (1 = Monday … 7 = Sunday), ``hour``, ``time_slice``, ``item``; sorted by
        order id and item order.

    Examples
    --------
    >>> t = generate(n_baskets=300, n_households=100, weeks=2)
    >>> sorted(t["time_slice"].unique()) == sorted(SLICES)
    True
    >>> bool(t.groupby("order_id")["item"].nunique().eq(t.groupby("order_id").size()).all())
    True
    """
    rng = np.random.default_rng(check_seed(seed))
    n = check_size(n_baskets, "n_baskets", "购物篮数", high=1_000_000)
    h = check_size(n_households, "n_households", "家庭数", high=1_000_000)
    w = check_size(weeks, "weeks", "周数", high=520)

    infant_household = rng.random(h) < _INFANT_SHARE
    household = rng.integers(0, h, n)
    infant = infant_household[household]
    slice_idx = rng.choice(len(SLICES), size=n, p=_SLICE_SHARES)
    week = rng.integers(1, w + 1, n)
    weekday = np.where(slice_idx == 2, rng.integers(6, 8, n), rng.integers(1, 6, n))
    hour = np.where(slice_idx == 1, rng.integers(17, 23, n), rng.integers(8, 17, n))
    hour = np.where(slice_idx == 2, rng.integers(8, 23, n), hour)
    slice_name = np.array(SLICES)[slice_idx]

    u = rng.random((n, len(ITEMS)))
    col = {item: j for j, item in enumerate(ITEMS)}
    has = u < np.array([_BASE.get(item, 0.0) for item in ITEMS])   # independent items
    has[:, col["尿布"]] = u[:, col["尿布"]] < np.where(infant, _DIAPERS[1], _DIAPERS[0])
    has[:, col["奶粉"]] = u[:, col["奶粉"]] < np.where(infant, _FORMULA[1], _FORMULA[0])
    diapers = has[:, col["尿布"]]
    has[:, col["婴儿湿巾"]] = u[:, col["婴儿湿巾"]] < np.where(diapers, _WIPES[1], _WIPES[0])
    has[:, col["可乐"]] = u[:, col["可乐"]] < np.where(has[:, col["薯片"]], _COLA[1], _COLA[0])
    plain = pd.Series(_BEER_PLAIN)[slice_name].to_numpy()
    boosted = pd.Series(_BEER_DIAPERS)[slice_name].to_numpy()
    has[:, col["啤酒"]] = u[:, col["啤酒"]] < np.where(diapers, boosted, plain)

    keep = has.any(axis=1)
    rows, items = np.nonzero(has[keep])
    ids = np.array([f"B{i:05d}" for i in range(1, int(keep.sum()) + 1)])
    kept = np.flatnonzero(keep)[rows]
    return pd.DataFrame({
        "order_id": ids[rows],
        "household_id": np.array([f"H{i:04d}" for i in range(1, h + 1)])[household[kept]],
        "has_infant": infant[kept],
        "week": week[kept],
        "weekday": weekday[kept],
        "hour": hour[kept],
        "time_slice": slice_name[kept],
        "item": np.array(ITEMS)[items],
    })
