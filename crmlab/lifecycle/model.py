"""The maths of Chapter 3: the customer relationship lifecycle (客户关系生命周期).

Pure functions only: numbers and DataFrames in, numbers and DataFrames out.
Charts are in :mod:`crmlab.lifecycle.charts` and the what-if panels in
:mod:`crmlab.lifecycle.panels`.

* :data:`COST_STAGES` — the five stages by what the firm spends on the
  relationship [000]: 培育期, 成长期, 回报期, 挽留期, 终止期.
* :data:`STAGES` — the four-stage model [004]: 考察期, 形成期, 稳定期, 退化期.
* :data:`PATTERNS` — the four lifecycle patterns A–D [004] and the stage in
  which each relationship ends (:data:`PATTERN_EXIT`).
* :data:`DEVELOPMENT_STAGES` — the five relationship development stages [003]:
  认知, 认同, 分享, 传递, 拥护.
* :func:`stage_economics`, :func:`pattern_paths`, :func:`pattern_values` —
  per-period revenue, cost and profit by stage, and each pattern's profit
  path, cumulative and discounted value and break-even period (本书补充: the
  seeds describe the shapes, not the numbers).
* :func:`classify_stages` — the stage of each customer-period from the firm's
  share of the customer's business and the trend of its volume [004].
* :func:`clv_by_length` — CLV grows with the length of the lifecycle [000],
  computed with :func:`crmlab.value.clv` (Chapter 1).
* :func:`cohort_survivors`, :func:`fit_sbg`, :func:`sbg_survival`,
  :func:`sbg_retention`, :func:`fit_constant_retention`,
  :func:`forecast_survivors`, :func:`sbg_clv` — retention heterogeneity, the
  shifted-beta-geometric model (Fader & Hardie 2007, 本书补充).

Conventions shared by every function
------------------------------------
* A *period* (期) is a year.  Period t = 1 is the first year of the
  relationship.
* Per-period profit π_t = revenue R_t − cost C_t of the stage the relationship
  is in (每期利润 = 收入 − 成本).  Profits arrive at the **end** of each period
  and are discounted at the per-period 折现率 d: PV = Σ_t π_t / (1+d)^t.
* The break-even period (回本期) is the first period whose cumulative
  (undiscounted) profit Σ_{s≤t} π_s is ≥ 0; a path that never gets there has
  none (``None`` / ``<NA>``).
* Survivors S(t) (存活客户数) count the customers of a cohort still customers
  after t periods: S(0) is the cohort's size, S(1) those who renewed once, …
  (Fader & Hardie 2007).

References
----------
Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention.
*Journal of Interactive Marketing*, 21(1), 76–90.

Fader, P. S. & Hardie, B. G. S. (2010). Customer-base valuation in a
contractual setting: the perils of ignoring heterogeneity. *Marketing
Science*, 29(1), 85–93.

Dwyer, F. R., Schurr, P. H. & Oh, S. (1987). Developing buyer–seller
relationships. *Journal of Marketing*, 51(2), 11–27 (the four-phase model
behind [004]).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln

from .._columns import check_ids
from ..validation import (
    InputError,
    check_array,
    check_column,
    check_finite_result,
    check_frame,
    check_int,
    check_number,
    described,
    fail,
)

__all__ = [
    "COST_STAGES",
    "STAGES",
    "PATTERNS",
    "PATTERN_EXIT",
    "DEVELOPMENT_STAGES",
    "TOUCH_POINTS",
    "DEFAULT_REVENUE",
    "DEFAULT_COST",
    "FADER_HARDIE_2007",
    "MAX_PERIODS",
    "stage_economics",
    "pattern_paths",
    "pattern_values",
    "classify_stages",
    "clv_by_length",
    "cohort_survivors",
    "sbg_survival",
    "sbg_retention",
    "fit_sbg",
    "fit_constant_retention",
    "forecast_survivors",
    "sbg_clv",
    "retention_whatif",
]

#: The five stages of the relationship by the cost the firm bears [000]:
#: 培育期 cultivation (large cost, the relationship not yet built), 成长期
#: growth (repeat purchases, value rising, cost falling), 回报期 return (the
#: most mutual trust and value), 挽留期 retention/rescue (competitors cut the
#: customer's value; the firm must spend more to keep it), 终止期 termination.
COST_STAGES = ("cultivation", "growth", "return", "retention_stage", "termination")

#: The four-stage model [004]: 考察期 exploration, 形成期 formation, 稳定期
#: stability, 退化期 decline.
STAGES = ("exploration", "formation", "stability", "decline")

#: The four lifecycle patterns [004]: A 早期流产型, B 中途夭折型, C 提前退出型,
#: D 长久保持型.
PATTERNS = ("A", "B", "C", "D")

#: The stage in which each pattern's relationship ends [004]: A in
#: exploration, B in formation, C early in stability, D late in stability.
PATTERN_EXIT = {"A": "exploration", "B": "formation", "C": "early_stability",
                "D": "late_stability"}

#: The five relationship development stages [003]: 认知 (the brand enters the
#: customer's view), 认同 (the customer welcomes it), 分享 (the customer deals
#: with the firm when buying), 传递 (customers talk about it among
#: themselves), 拥护 (the customer recommends it to others).
DEVELOPMENT_STAGES = ("awareness", "acceptance", "sharing", "word_of_mouth", "advocacy")

#: Lifetime customer management across touch points [003]: 品牌认知, 品牌选择,
#: 招募, 购买, 重复购买, 忠诚.
TOUCH_POINTS = ("brand_awareness", "brand_selection", "recruitment", "purchase",
                "repeat_purchase", "loyalty")

#: Default revenue per period by stage (元, 本书补充: an illustration of the
#: shapes of [000]/[004], not figures from the seeds).
DEFAULT_REVENUE = {"exploration": 20.0, "formation": 60.0, "stability": 135.0, "decline": 60.0}

#: Default cost per period by stage (元, 本书补充): cultivation is expensive
#: ("付出较大成本" [000]), the cost falls sharply in growth ("大幅度降低" [000]: 60 →
#: 30), is lowest in stability and rises again to rescue a declining
#: relationship ("加大投入" [000]).
DEFAULT_COST = {"exploration": 60.0, "formation": 30.0, "stability": 25.0, "decline": 45.0}

#: The two cohorts of Fader & Hardie (2007), survivors per 1,000 customers
#: over 13 years (years 0–12), as printed in the paper (data from Berry &
#: Linoff 2004).  Published maximum-likelihood estimates calibrated on years
#: 1–7: regular α = 0.704, β = 1.182; high end α = 0.668, β = 3.806.
FADER_HARDIE_2007 = {
    "regular": (1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173),
    "high_end": (1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394),
}

#: Longest path or projection any function accepts.
MAX_PERIODS = 1200


# ---------------------------------------------------------------------------
# stage profit curves and the four patterns (本书补充)
# ---------------------------------------------------------------------------
def _levels(levels, default, name, zh, *, nonnegative):
    out = dict(default)
    if levels is None:
        return out
    if not hasattr(levels, "items"):
        raise fail(name, levels, f"a mapping from stages {STAGES} to numbers",
                   f"从阶段 {STAGES} 到数值的映射", zh=zh, kind=InputError)
    for stage, v in levels.items():
        if stage not in STAGES:
            raise fail(name, described(f"stage {stage!r}"), f"stages among {STAGES}",
                       f"属于 {STAGES} 的阶段", zh=zh)
        out[stage] = check_number(v, f"{name}[{stage!r}]", zh=zh, low=0 if nonnegative else None)
    return out


def stage_economics(revenue=None, cost=None):
    """Revenue, cost and profit per period in each stage (各阶段的每期收入、成本与利润).

    Profit π = revenue − cost (每期利润 = 收入 − 成本).  The seeds give the
    shapes only [000, 004]: cultivation/exploration costs the firm a lot and
    earns little, cost falls and revenue rises through formation, stability
    earns the most, and in decline revenue falls while the firm spends to
    rescue the relationship.  The default numbers (:data:`DEFAULT_REVENUE`,
    :data:`DEFAULT_COST`) are 本书补充.

    Parameters
    ----------
    revenue, cost : mapping, optional
        Stage → 元 per period (≥ 0); stages not given keep their defaults.

    Returns
    -------
    pandas.DataFrame
        Index ``stage`` (:data:`STAGES`); columns ``revenue``, ``cost``, ``profit``.

    Examples
    --------
    >>> stage_economics()["profit"].tolist()
    [-40.0, 30.0, 110.0, 15.0]
    >>> float(stage_economics(revenue={"stability": 200})["profit"]["stability"])
    175.0
    """
    r = _levels(revenue, DEFAULT_REVENUE, "revenue", "各阶段每期收入", nonnegative=True)
    c = _levels(cost, DEFAULT_COST, "cost", "各阶段每期成本", nonnegative=True)
    out = pd.DataFrame({"revenue": [r[s] for s in STAGES], "cost": [c[s] for s in STAGES]},
                       index=pd.Index(STAGES, name="stage"))
    out["profit"] = out["revenue"] - out["cost"]
    return out


def _pattern_stages(exploration_periods, formation_periods, early_stability_periods,
                    stability_periods, decline_periods):
    """The stage of every period of each pattern, as a dict pattern → list of stages."""
    e = check_int(exploration_periods, "exploration_periods", zh="考察期长度", low=1, high=100)
    f = check_int(formation_periods, "formation_periods", zh="形成期长度", low=1, high=100)
    c = check_int(early_stability_periods, "early_stability_periods", zh="提前退出型的稳定期长度",
                  low=1, high=100)
    s = check_int(stability_periods, "stability_periods", zh="长久保持型的稳定期长度", low=1,
                  high=1000)
    k = check_int(decline_periods, "decline_periods", zh="退化期长度", low=0, high=100)
    if s <= c:
        raise fail("stability_periods", stability_periods,
                   f"more than early_stability_periods = {c} (pattern D stays longer in "
                   "stability than pattern C)",
                   f"大于 early_stability_periods = {c}（长久保持型在稳定期停留得比提前退出型更久）",
                   zh="长久保持型的稳定期长度")
    before = {"A": ["exploration"] * e,
              "B": ["exploration"] * e + ["formation"] * f,
              "C": ["exploration"] * e + ["formation"] * f + ["stability"] * c,
              "D": ["exploration"] * e + ["formation"] * f + ["stability"] * s}
    return {p: stages + ["decline"] * k for p, stages in before.items()}


def pattern_paths(exploration_periods=1, formation_periods=2, early_stability_periods=2,
                  stability_periods=8, decline_periods=1, *, revenue=None, cost=None,
                  discount_rate=0.10):
    """Each pattern's profit path, period by period (四种生命周期模式的利润路径).

    The four patterns of [004] differ in the stage in which the relationship
    ends: A 早期流产型 after exploration, B 中途夭折型 after formation, C 提前退出型
    after ``early_stability_periods`` of stability, D 长久保持型 after
    ``stability_periods`` of stability.  Since [004] says a relationship can
    decline in any stage, every pattern ends with ``decline_periods`` periods
    of decline (退化期) before it stops.  Revenue and cost per period are those
    of the stage (:func:`stage_economics`).  The lengths and levels are
    本书补充 (the seeds draw the curves without numbers).

    Parameters
    ----------
    exploration_periods, formation_periods : int
        Length of exploration and formation (1–100 periods).
    early_stability_periods : int
        Periods pattern C spends in stability (1–100).
    stability_periods : int
        Periods pattern D spends in stability (more than ``early_stability_periods``, ≤ 1000).
    decline_periods : int
        Periods of decline before every relationship ends (0–100).
    revenue, cost : mapping, optional
        Stage → 元 per period, see :func:`stage_economics`.
    discount_rate : float
        Per-period 折现率 d ≥ 0; profits arrive at the end of each period.

    Returns
    -------
    pandas.DataFrame
        One row per pattern and period: ``pattern``, ``period`` (1, 2, …),
        ``stage``, ``revenue``, ``cost``, ``profit``, ``cumulative_profit``,
        ``discounted_profit`` (π_t/(1+d)^t) and ``cumulative_value`` (the
        running discounted sum).

    Examples
    --------
    >>> paths = pattern_paths()
    >>> paths.groupby("pattern")["period"].max().tolist()
    [2, 4, 6, 12]
    >>> paths[paths["pattern"] == "B"]["cumulative_profit"].tolist()
    [-40.0, -10.0, 20.0, 35.0]
    """
    stages = _pattern_stages(exploration_periods, formation_periods, early_stability_periods,
                             stability_periods, decline_periods)
    d = check_number(discount_rate, "discount_rate", zh="折现率", low=0, high=10)
    econ = stage_economics(revenue, cost)
    pattern = np.concatenate([[p] * len(stages[p]) for p in PATTERNS])
    stage = np.concatenate([stages[p] for p in PATTERNS])
    period = np.concatenate([np.arange(1, len(stages[p]) + 1) for p in PATTERNS])
    out = pd.DataFrame({"pattern": pattern, "period": period, "stage": stage})
    out["revenue"] = econ["revenue"].reindex(stage).to_numpy()
    out["cost"] = econ["cost"].reindex(stage).to_numpy()
    out["profit"] = out["revenue"] - out["cost"]
    out["cumulative_profit"] = out.groupby("pattern", sort=False)["profit"].cumsum()
    with np.errstate(over="ignore"):
        out["discounted_profit"] = out["profit"] / (1.0 + d) ** out["period"]
    out["cumulative_value"] = out.groupby("pattern", sort=False)["discounted_profit"].cumsum()
    return out


def pattern_values(exploration_periods=1, formation_periods=2, early_stability_periods=2,
                   stability_periods=8, decline_periods=1, *, revenue=None, cost=None,
                   discount_rate=0.10):
    """The value of each lifecycle pattern A–D (四种生命周期模式的累计价值与回本期).

    Arguments as :func:`pattern_paths`.  Convention (本书补充): profit per
    period = revenue − cost of its stage, discounted at the end of the period;
    the break-even period is the first period whose cumulative undiscounted
    profit is ≥ 0.

    Returns
    -------
    dict
        ``paths`` (the frame of :func:`pattern_paths`) and ``summary``: index
        ``pattern`` (A–D); columns ``exit_stage`` (:data:`PATTERN_EXIT`),
        ``periods`` (length of the relationship), ``total_profit`` (cumulative
        profit at the end), ``discounted_value`` (Σ π_t/(1+d)^t),
        ``break_even`` (pandas ``Int64``, ``<NA>`` if the pattern never pays
        back) and ``pays_back`` (bool).

    Examples
    --------
    >>> s = pattern_values()["summary"]
    >>> s["total_profit"].tolist()
    [-25.0, 35.0, 255.0, 915.0]
    >>> s["break_even"].tolist()
    [<NA>, 3, 3, 3]
    >>> round(float(s.loc["D", "discounted_value"]), 2)
    456.65
    """
    paths = pattern_paths(exploration_periods, formation_periods, early_stability_periods,
                          stability_periods, decline_periods, revenue=revenue, cost=cost,
                          discount_rate=discount_rate)
    # the undiscounted total too: with a large discount rate it can overflow alone
    check_finite_result(paths[["cumulative_profit", "cumulative_value"]].to_numpy(),
                        "the cumulative profit and discounted value", "累计利润与折现价值",
                        arguments=("revenue", "cost", "stability_periods"))
    g = paths.groupby("pattern", sort=False)
    pays = paths[paths["cumulative_profit"] >= 0].groupby("pattern", sort=False)["period"].min()
    summary = pd.DataFrame({
        "exit_stage": [PATTERN_EXIT[p] for p in PATTERNS],
        "periods": g["period"].max().reindex(PATTERNS).to_numpy(),
        "total_profit": g["cumulative_profit"].last().reindex(PATTERNS).to_numpy(),
        "discounted_value": g["cumulative_value"].last().reindex(PATTERNS).to_numpy(),
    }, index=pd.Index(PATTERNS, name="pattern"))
    summary["break_even"] = pays.reindex(PATTERNS).astype("Int64")
    summary["pays_back"] = summary["break_even"].notna().astype(bool)
    return {"paths": paths, "summary": summary}


# ---------------------------------------------------------------------------
# which stage is a customer in? [004]
# ---------------------------------------------------------------------------
def classify_stages(history, *, customer_id_col="customer_id", period_col="year",
                    firm_col="purchases_firm", total_col="purchases_total", stability_share=0.6,
                    growth=0.10, decline_drop=0.20, total_tolerance=0.05):
    """The lifecycle stage of each customer-period from share and trend (判断客户所处的生命周期阶段) [004].

    Signals of [004]: in formation the customer's business with the firm is
    growing; stability is marked by the share of the customer's total business
    that goes to the firm (份额); in decline the customer's volume with the
    firm falls, gradually or sharply, while its own total business does not.
    The thresholds turning these signals into a rule are arguments (本书补充).

    Rule, for each customer-period with share = firm / total and the changes
    against the same customer's previous period (firm_change = firm_t /
    firm_{t−1} − 1, total_change likewise), checked in this order:

    1. **decline** (退化期): a previous period exists, firm_change ≤
       −``decline_drop`` and total_change ≥ −``total_tolerance``;
    2. **stability** (稳定期): share ≥ ``stability_share``;
    3. **formation** (形成期): a previous period exists and firm_change ≥
       ``growth`` (a customer who bought nothing from the firm last period
       and buys now is growing);
    4. **exploration** (考察期): everything else — the first period, or a
       small share that is not growing (trial orders).

    Parameters
    ----------
    history : pandas.DataFrame
        One row per customer and period (whole numbers; at most one row per
        customer and period) with the firm's sales to the customer and the
        customer's total purchases in the category, both ≥ 0, firm ≤ total,
        total > 0.
    customer_id_col, period_col, firm_col, total_col : str
        Column names.
    stability_share : float
        Share of wallet from which a customer counts as stable, in (0, 1].
    growth : float
        Growth of the firm's volume that marks formation, ≥ 0.
    decline_drop : float
        Fall of the firm's volume that marks decline, in (0, 1].
    total_tolerance : float
        How far the customer's total may fall and still count as "not
        falling", in [0, 1).

    Returns
    -------
    pandas.DataFrame
        ``history`` (same row order) with ``share``, ``firm_change``,
        ``total_change`` (NaN where there is no previous period, or, for
        ``firm_change``, where the customer bought nothing from the firm in
        it) and ``stage``.

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"customer_id": ["a"] * 4, "year": [1, 2, 3, 4],
    ...                   "purchases_firm": [10, 40, 80, 30],
    ...                   "purchases_total": [100, 100, 105, 110]})
    >>> classify_stages(h)["stage"].tolist()
    ['exploration', 'formation', 'stability', 'decline']
    """
    for arg, value in (("customer_id_col", customer_id_col), ("period_col", period_col),
                       ("firm_col", firm_col), ("total_col", total_col)):
        check_column(value, arg, zh="列名")
    s_share = check_number(stability_share, "stability_share", zh="稳定期的份额门槛", low=0,
                           high=1, low_open=True)
    g = check_number(growth, "growth", zh="形成期的增长门槛", low=0, high=100)
    drop = check_number(decline_drop, "decline_drop", zh="退化期的下降门槛", low=0, high=1,
                        low_open=True)
    tol = check_number(total_tolerance, "total_tolerance", zh="总业务量允许的降幅", low=0, high=1,
                       high_open=True)
    check_frame(history, "history", [customer_id_col, period_col, firm_col, total_col],
                zh="客户历史数据")
    check_ids(history, customer_id_col, "history", "客户历史数据")
    ids = history[customer_id_col]
    period = history[period_col]
    if not pd.api.types.is_numeric_dtype(period) or pd.api.types.is_bool_dtype(period):
        raise fail("history", described(f"column {period_col!r} of dtype {period.dtype}"),
                   f"whole-number periods in {period_col!r}", f"{period_col!r} 列为整数期数",
                   zh="客户历史数据", kind=InputError)
    t = period.to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(t).all() or (t != np.round(t)).any() or (np.abs(t) > 1e9).any():
        raise fail("history", described(f"non-integer or missing values in {period_col!r}"),
                   f"whole-number periods in {period_col!r}", f"{period_col!r} 列为整数期数",
                   zh="客户历史数据")
    firm = check_array(history[firm_col].to_numpy(dtype=object), f"history[{firm_col!r}]",
                       zh="从本企业的采购额", nonnegative=True, allow_empty=True)
    total = check_array(history[total_col].to_numpy(dtype=object), f"history[{total_col!r}]",
                        zh="客户的品类总采购额", nonnegative=True, allow_empty=True)
    if (total <= 0).any():
        raise fail("history", described(f"a total of 0 in {total_col!r}"),
                   f"total purchases > 0 in {total_col!r}", f"{total_col!r} 列的总采购额大于 0",
                   zh="客户历史数据")
    if (firm > total * (1 + 1e-12)).any():
        i = int(np.flatnonzero(firm > total * (1 + 1e-12))[0])
        raise fail("history", described(f"row {i}: {firm_col!r} {firm[i]:g} > {total_col!r} {total[i]:g}"),
                   "purchases from the firm at most the customer's total",
                   "从本企业的采购额不超过客户的总采购额", zh="客户历史数据")
    frame = pd.DataFrame({"id": ids.to_numpy(), "t": t, "firm": firm, "total": total})
    if frame.duplicated(["id", "t"]).any():
        raise fail("history", described(f"a customer with two rows for one {period_col!r}"),
                   "at most one row per customer and period", "每个客户每期至多一行",
                   zh="客户历史数据")
    order = frame.sort_values(["id", "t"], kind="stable")
    grouped = order.groupby("id", sort=False)
    prev_t = grouped["t"].shift()
    consecutive = (order["t"] - prev_t) == 1
    prev_firm = grouped["firm"].shift().where(consecutive)
    prev_total = grouped["total"].shift().where(consecutive)
    has_prev = prev_firm.notna()
    with np.errstate(divide="ignore", invalid="ignore"):
        firm_change = np.where(prev_firm > 0, order["firm"] / prev_firm - 1, np.nan)
        total_change = order["total"] / prev_total - 1
    share = order["firm"] / order["total"]
    decline = has_prev & (firm_change <= -drop) & (total_change >= -tol)
    stable = share >= s_share
    started = has_prev & (prev_firm == 0) & (order["firm"] > 0)
    forming = (has_prev & (firm_change >= g)) | started
    stage = np.select([decline, stable, forming], ["decline", "stability", "formation"],
                      "exploration")
    out = history.copy()
    back = order.index
    out.loc[back, "share"] = share.to_numpy()
    out.loc[back, "firm_change"] = firm_change
    out.loc[back, "total_change"] = total_change.to_numpy()
    out.loc[back, "stage"] = stage
    out["share"] = out["share"].astype(float)
    out["firm_change"] = out["firm_change"].astype(float)
    out["total_change"] = out["total_change"].astype(float)
    return out


# ---------------------------------------------------------------------------
# Chapter 1 link: CLV grows with the length of the lifecycle [000]
# ---------------------------------------------------------------------------
def clv_by_length(margin, lengths, discount_rate=0.10, acquisition_cost=0.0):
    """CLV for relationships of different lengths (客户终生价值随生命周期延长而增大) [000].

    [000]: "客户终生价值会随着客户关系生命周期的延长而加大".  Both columns come
    from Chapter 1's functions, not a copy: ``simple`` is
    :func:`crmlab.value.clv_simple` (margin × years − cost, no discounting) and
    ``discounted`` is :func:`crmlab.value.clv` with retention 1 over a horizon
    of ``length`` periods (margins at period ends, discounted at d).

    Parameters
    ----------
    margin : float
        Profit per period (每期利润).
    lengths : array-like of int
        Lengths of the relationship (periods, 1–1000: the longest horizon of
        :func:`crmlab.value.clv`).
    discount_rate : float
        折现率 d ≥ 0.
    acquisition_cost : float
        获客成本 ≥ 0, paid once at the start.

    Returns
    -------
    pandas.DataFrame
        Columns ``length``, ``simple``, ``discounted``.

    Examples
    --------
    >>> clv_by_length(100, [1, 5, 10], 0.0, 80)["simple"].tolist()
    [20.0, 420.0, 920.0]
    >>> [round(v, 2) for v in clv_by_length(100, [10], 0.10, 80)["discounted"]]
    [534.46]
    """
    from .. import value

    check_number(margin, "margin", zh="每期利润")
    check_number(discount_rate, "discount_rate", zh="折现率", low=0)
    check_number(acquisition_cost, "acquisition_cost", zh="获客成本", low=0)
    raw = check_array(lengths, "lengths", zh="生命周期长度", nonnegative=True)
    longest = min(MAX_PERIODS, value.MAX_PERIODS)  # Chapter 1's clv() refuses longer horizons
    bad = (raw != np.round(raw)) | (raw < 1) | (raw > longest)
    if bad.any():
        raise fail("lengths", described(f"array with {raw[bad][0]!r}"),
                   f"whole numbers from 1 to {longest}", f"1 到 {longest} 的整数",
                   zh="生命周期长度")
    n = raw.astype(int)
    # overflow named by this function's arguments, not by those of Chapter 1's functions;
    # |discounted| <= |simple| here, so a finite simple CLV keeps the discounted one finite
    with np.errstate(over="ignore", invalid="ignore"):
        worst = float(margin) * n - float(acquisition_cost)
    own = ("margin", "lengths", "acquisition_cost")
    check_finite_result(worst, "the CLV", "客户终生价值", arguments=own)
    # one call of Chapter 1's functions per length (a handful of lengths, not customers)
    try:
        simple = [value.clv_simple(margin, int(k), acquisition_cost) for k in n]
        disc = [value.clv(margin, 1.0, discount_rate, horizon=int(k),
                          acquisition_cost=acquisition_cost) for k in n]
    except InputError:  # every argument is checked above: only an overflow is left
        check_finite_result(np.inf, "the CLV", "客户终生价值", arguments=(*own, "discount_rate"))
        raise
    return pd.DataFrame({"length": n, "simple": simple, "discounted": disc})


# ---------------------------------------------------------------------------
# the shifted-beta-geometric model (Fader & Hardie 2007; 本书补充)
# ---------------------------------------------------------------------------
def _shape(value, name, zh):
    return check_number(value, name, zh=zh, low=0, low_open=True, high=1e6)


def _periods(value, name="periods", zh="期数"):
    return check_int(value, name, zh=zh, low=1, high=MAX_PERIODS)


def sbg_survival(alpha, beta, periods):
    """Share of a cohort still customers after t periods under the sBG model (sBG 存活率).

    Each customer has a constant churn probability θ per period; θ varies
    across customers as Beta(α, β).  The share of the cohort surviving t
    periods is (Fader & Hardie 2007, eq. 3)

    .. math:: S(t) = \\frac{B(\\alpha, \\beta + t)}{B(\\alpha, \\beta)}, \\qquad t = 0, 1, \\dots

    Parameters
    ----------
    alpha, beta : float
        Shape parameters, > 0.
    periods : int
        Last period t (1–1200).

    Returns
    -------
    numpy.ndarray
        S(0), S(1), …, S(periods); S(0) = 1.

    Examples
    --------
    >>> [round(float(s), 4) for s in sbg_survival(1, 1, 3)]
    [1.0, 0.5, 0.3333, 0.25]
    """
    a = _shape(alpha, "alpha", "形状参数 α")
    b = _shape(beta, "beta", "形状参数 β")
    T = _periods(periods)
    t = np.arange(T + 1)
    with np.errstate(invalid="ignore"):
        s = np.exp(betaln(a, b + t) - betaln(a, b))
    if not np.isfinite(s).all():
        # subnormal α or β (< ~1e-308): betaln overflows to inf − inf; use the same S(t) as
        # the product of the retention rates, S(t) = Π_{k<t} (β + k)/(α + β + k) (eq. 4)
        k = np.arange(T, dtype=float)
        s = np.r_[1.0, np.cumprod((b + k) / ((a + b) + k))]
    return s


def sbg_retention(alpha, beta, periods):
    """Retention rate of the surviving customers, period by period (sBG 留存率).

    .. math:: r_t = \\frac{S(t)}{S(t-1)} = \\frac{\\beta + t - 1}{\\alpha + \\beta + t - 1}

    (Fader & Hardie 2007, eq. 4): it rises with t although no customer's own
    churn probability changes — the customers who churn easily leave first, so
    those who remain are the loyal ones.

    Returns
    -------
    numpy.ndarray
        r_1, …, r_periods.

    Examples
    --------
    >>> [round(float(r), 3) for r in sbg_retention(1, 1, 3)]
    [0.5, 0.667, 0.75]
    """
    a = _shape(alpha, "alpha", "形状参数 α")
    b = _shape(beta, "beta", "形状参数 β")
    T = _periods(periods)
    # k = t − 1 first: b + t − 1 with a tiny b cancels to 0 (1e-20 + 1 − 1 = 0 → 0/0)
    k = np.arange(T, dtype=float)
    return (b + k) / ((a + b) + k)


def _survivors(survivors, name="survivors"):
    s = check_array(survivors, name, zh="存活客户数", nonnegative=True)
    if s.size < 2:
        raise fail(name, described(f"{s.size} number"), "the cohort size and at least one later count",
                   "队列规模以及至少一个后续的存活人数", zh="存活客户数")
    if s[0] <= 0:
        raise fail(name, described(f"a cohort of {s[0]:g}"), "a cohort size S(0) > 0",
                   "大于 0 的队列规模 S(0)", zh="存活客户数")
    if (np.diff(s) > 0).any():
        i = int(np.flatnonzero(np.diff(s) > 0)[0]) + 1
        raise fail(name, described(f"{s[i]:g} survivors after {s[i - 1]:g} at position {i}"),
                   "counts that never rise (a customer who left does not come back)",
                   "不会增加的人数（离开的客户不会回来）", zh="存活客户数")
    if s.size - 1 > MAX_PERIODS:
        raise fail(name, described(f"{s.size} counts"), f"at most {MAX_PERIODS + 1} counts",
                   f"不超过 {MAX_PERIODS + 1} 个数", zh="存活客户数")
    return s


def _calibration(survivors, calibration_periods):
    s = _survivors(survivors)
    if calibration_periods is None:
        return s, s.size - 1
    n = check_int(calibration_periods, "calibration_periods", zh="用于估计的期数", low=1,
                  high=s.size - 1)
    return s, n


def cohort_survivors(history, *, customer_id_col="customer_id", period_col="year"):
    """Survivors of a cohort by period from a customer-period table (队列的存活客户数).

    Every customer must be present in the first period (the cohort joins
    together).  S(t) = customers with a row in period first + t.

    Returns
    -------
    numpy.ndarray
        S(0), …, S(T), T = last − first period.

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"customer_id": [1, 1, 1, 2, 3, 3], "year": [1, 2, 3, 1, 1, 2]})
    >>> cohort_survivors(h).tolist()
    [3.0, 2.0, 1.0]
    """
    check_column(customer_id_col, "customer_id_col", zh="列名")
    check_column(period_col, "period_col", zh="列名")
    check_frame(history, "history", [customer_id_col, period_col], zh="客户历史数据")
    period = history[period_col]
    if not pd.api.types.is_numeric_dtype(period) or pd.api.types.is_bool_dtype(period):
        raise fail("history", described(f"column {period_col!r} of dtype {period.dtype}"),
                   f"whole-number periods in {period_col!r}", f"{period_col!r} 列为整数期数",
                   zh="客户历史数据")
    t = period.to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(t).all() or (t != np.round(t)).any():
        raise fail("history", described(f"non-integer or missing values in {period_col!r}"),
                   f"whole-number periods in {period_col!r}", f"{period_col!r} 列为整数期数",
                   zh="客户历史数据")
    check_ids(history, customer_id_col, "history", "客户历史数据")
    first, last = t.min(), t.max()
    if last - first > MAX_PERIODS:
        raise fail("history", described(f"periods from {first:g} to {last:g}"),
                   f"at most {MAX_PERIODS} periods", f"不超过 {MAX_PERIODS} 期", zh="客户历史数据")
    frame = pd.DataFrame({"id": history[customer_id_col].to_numpy(), "t": t - first})
    starts = frame.groupby("id")["t"].min()
    if (starts > 0).any():
        raise fail("history", described(f"customer {starts[starts > 0].index[0]!r} joins later"),
                   "a cohort: every customer present in the first period",
                   "一个队列：每个客户在第一期都在", zh="客户历史数据")
    counts = frame.drop_duplicates().groupby("t").size()
    return counts.reindex(np.arange(int(last - first) + 1), fill_value=0).to_numpy(dtype=float)


def _sbg_loglik(params, lost, t, alive, T):
    a, b = np.exp(params)
    lp = betaln(a + 1, b + t - 1) - betaln(a, b)
    ls = betaln(a, b + T) - betaln(a, b)
    return -(lost @ lp + alive * ls)


def fit_sbg(survivors, calibration_periods=None):
    """Fit the shifted-beta-geometric model by maximum likelihood (拟合 sBG 模型).

    With n_t survivors after t periods, the customers lost in period t are
    n_{t−1} − n_t, each with probability P(T = t) = B(α + 1, β + t − 1) / B(α,
    β), and the n_T still there after the last period T contribute S(T)
    (Fader & Hardie 2007, eq. 5):

    .. math:: LL(\\alpha, \\beta) = \\sum_{t=1}^{T} (n_{t-1} - n_t) \\ln P(T=t) + n_T \\ln S(T)

    maximised over log α and log β with ``scipy.optimize.minimize`` (L-BFGS-B).

    Parameters
    ----------
    survivors : array-like
        n_0 (the cohort, > 0), n_1, …: non-increasing counts ≥ 0 (or shares).
    calibration_periods : int, optional
        Use only n_0 … n_T with T = ``calibration_periods`` (the rest is held
        out); default all.

    Returns
    -------
    dict
        ``alpha``, ``beta``, ``log_likelihood`` and ``periods`` (T used).

    Examples
    --------
    >>> fit = fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> round(fit["alpha"], 3), round(fit["beta"], 3)
    (0.704, 1.182)
    """
    s, T = _calibration(survivors, calibration_periods)
    s = s[:T + 1]
    if s[T] == s[0]:
        raise fail("survivors", described("no customer lost"), "at least one customer lost in the "
                   "calibration periods (otherwise α → 0 and nothing can be estimated)",
                   "估计期内至少有一个客户流失（否则无法估计）", zh="存活客户数")
    lost = s[:-1] - s[1:]
    t = np.arange(1, T + 1, dtype=float)
    best = None
    # start at α = β = 1; try two more starts only if the optimiser does not converge
    for start in ((0.0, 0.0), (-1.0, 1.0), (1.0, 2.0)):
        res = minimize(_sbg_loglik, np.array(start), args=(lost, t, s[T], T), method="L-BFGS-B",
                       bounds=[(-12, 12), (-12, 12)])
        if best is None or res.fun < best.fun:
            best = res
        if res.success:
            break
    a, b = np.exp(best.x)
    return {"alpha": float(a), "beta": float(b), "log_likelihood": float(-best.fun),
            "periods": int(T)}


def fit_constant_retention(survivors, calibration_periods=None):
    """Maximum-likelihood constant retention rate (不分客户的固定留存率).

    The geometric model (every customer the same churn probability θ, 本书补充):
    θ̂ = customers lost / customer-periods at risk = (n_0 − n_T) / Σ_{t=1}^{T}
    n_{t−1}; the retention rate is r̂ = 1 − θ̂, the same in every period.

    Examples
    --------
    >>> round(fit_constant_retention([1000, 500, 250]), 4)
    0.5
    """
    s, T = _calibration(survivors, calibration_periods)
    s = s[:T + 1]
    return float(1.0 - (s[0] - s[T]) / s[:-1].sum())


def forecast_survivors(survivors, calibration_periods, horizon=None):
    """sBG against constant retention: fit on the first periods, forecast the rest (留存预测比较).

    Parameters
    ----------
    survivors : array-like
        n_0, n_1, … as in :func:`fit_sbg`.
    calibration_periods : int
        Periods used to fit (1 to len − 1); the later counts are held out.
    horizon : int, optional
        Last period projected (default: the last observed one, at least
        ``calibration_periods``).

    Returns
    -------
    dict
        ``table`` (one row per period t = 0 … horizon: ``period``,
        ``actual`` (NaN past the data), ``sbg``, ``constant`` (projected
        survivors), ``sbg_retention`` and ``constant_retention`` (NaN at t =
        0), ``held_out`` (bool)); ``alpha``, ``beta``, ``retention`` (the
        constant rate); ``mape_sbg`` and ``mape_constant`` — the mean absolute
        percentage error on the held-out periods (NaN-free: ``None`` when
        nothing is held out).

    Examples
    --------
    >>> out = forecast_survivors([1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173], 7)
    >>> out["mape_sbg"] < out["mape_constant"]
    True
    """
    s, T = _calibration(survivors, calibration_periods)
    if calibration_periods is None:
        raise fail("calibration_periods", None, "a whole number of periods", "整数期数",
                   zh="用于估计的期数")
    last = s.size - 1
    H = last if horizon is None else check_int(horizon, "horizon", zh="预测到第几期",
                                               low=T, high=MAX_PERIODS)
    fit = fit_sbg(s, T)
    r = fit_constant_retention(s, T)
    t = np.arange(H + 1)
    sbg = s[0] * sbg_survival(fit["alpha"], fit["beta"], max(H, 1))[:H + 1]
    const = s[0] * r ** t
    actual = np.full(H + 1, np.nan)
    k = min(H, last)
    actual[:k + 1] = s[:k + 1]
    table = pd.DataFrame({"period": t, "actual": actual, "sbg": sbg, "constant": const})
    with np.errstate(divide="ignore", invalid="ignore"):
        table["sbg_retention"] = np.r_[np.nan, sbg[1:] / sbg[:-1]]
        table["constant_retention"] = np.r_[np.nan, np.full(H, r)]
    table["held_out"] = (t > T) & (t <= last)
    held = table[table["held_out"]]
    if len(held):
        mape_sbg = float((np.abs(held["sbg"] - held["actual"]) / held["actual"]).mean())
        mape_const = float((np.abs(held["constant"] - held["actual"]) / held["actual"]).mean())
    else:
        mape_sbg = mape_const = None
    return {"table": table, "alpha": fit["alpha"], "beta": fit["beta"], "retention": r,
            "mape_sbg": mape_sbg, "mape_constant": mape_const}


def sbg_clv(alpha, beta, margin, discount_rate=0.10, horizon=200):
    """Expected discounted value of a new customer under the sBG model (sBG 模型下的客户终生价值).

    Convention (as :func:`crmlab.value.clv` with ``timing="end"``): the margin
    m of period t arrives at its end if the customer is still there, so

    .. math:: \\mathrm{CLV} = \\sum_{t=1}^{H} \\frac{m\\,S(t)}{(1+d)^t}

    a plain long-horizon version of the discounted expected lifetime of Fader
    & Hardie (2010) for a customer just acquired.  With a constant retention r,
    S(t) = r^t and the sum equals ``value.clv(m, r, d, horizon=H)``.

    Parameters
    ----------
    alpha, beta : float
        sBG parameters, > 0.
    margin : float
        Margin per period (元).
    discount_rate : float
        折现率 d > 0 (with d = 0 and a heavy-tailed S(t) the sum need not converge).
    horizon : int
        Periods summed (1–1200).

    Examples
    --------
    >>> round(sbg_clv(1e5, 4e5, 100, 0.10, 1200), 2), round(100 * 0.8 / (1.1 - 0.8), 2)
    (266.67, 266.67)
    """
    m = check_number(margin, "margin", zh="每期利润")
    d = check_number(discount_rate, "discount_rate", zh="折现率", low=0, low_open=True, high=10)
    H = _periods(horizon, "horizon", "期数")
    S = sbg_survival(alpha, beta, H)[1:]
    t = np.arange(1, H + 1)
    with np.errstate(over="ignore", invalid="ignore"):
        value = float(np.sum(m * S / (1.0 + d) ** t))
    return float(check_finite_result(value, "the CLV", "客户终生价值", arguments=("margin",)))


def retention_whatif(alpha=0.704, beta=1.182, margin=100.0, discount_rate=0.10, periods=12,
                     horizon=200):
    """Everything the retention panel shows (留存预测情景分析的模型).

    sBG survival and retention for α, β against the constant retention rate
    with the same first-period retention r_1 = β/(α+β), and the CLV implied by
    each: :func:`sbg_clv` and :func:`crmlab.value.clv` (constant r, same
    horizon and convention).

    Returns
    -------
    dict
        ``table`` (period, sbg_survival, constant_survival, sbg_retention,
        constant_retention), ``first_retention``, ``retention_last`` (sBG
        retention in the last period shown), ``clv_sbg``, ``clv_constant``,
        ``clv_ratio`` (sBG ÷ constant), ``survival_sbg_end``,
        ``survival_constant_end``.

    Examples
    --------
    >>> out = retention_whatif()
    >>> round(out["first_retention"], 3), out["clv_sbg"] > out["clv_constant"]
    (0.627, True)
    """
    from .. import value

    a = _shape(alpha, "alpha", "形状参数 α")
    b = _shape(beta, "beta", "形状参数 β")
    T = _periods(periods)
    S = sbg_survival(a, b, T)
    r = sbg_retention(a, b, T)
    r1 = b / (a + b)
    t = np.arange(T + 1)
    table = pd.DataFrame({"period": t, "sbg_survival": S, "constant_survival": r1 ** t,
                          "sbg_retention": np.r_[np.nan, r],
                          "constant_retention": np.r_[np.nan, np.full(T, r1)]})
    clv_s = sbg_clv(a, b, margin, discount_rate, horizon)
    clv_c = value.clv(margin, r1, discount_rate, horizon=_periods(horizon, "horizon", "期数"))
    return {"table": table, "first_retention": float(r1), "retention_last": float(r[-1]),
            "clv_sbg": clv_s, "clv_constant": float(clv_c),
            "clv_ratio": float(clv_s / clv_c) if clv_c else None,
            "survival_sbg_end": float(S[-1]), "survival_constant_end": float(r1 ** T)}
