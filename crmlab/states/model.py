"""The maths of Chapter 2: customer states and the customer flow model (客户的状态与客户流转模式).

Pure functions only: numbers and DataFrames in, numbers and DataFrames out.
Charts are in :mod:`crmlab.states.charts`, the what-if panels in
:mod:`crmlab.states.panels` and the student-facing tables in
:mod:`crmlab.states.tables`.

* :data:`STATES` — the chapter's states in its order [000]: 潜在客户, 目标客户,
  初次购买客户, 重复购买客户, 忠诚客户, 流失客户, 非客户.
* :func:`check_transition_matrix` — a row-stochastic matrix (转移概率矩阵) with
  named states, or a clear error.
* :func:`transition_counts`, :func:`transition_matrix` — estimate the matrix
  from a panel of customers' states by period (本书补充).
* :func:`project` — the state mix after each period, n_{t+1} = n_t P.
* :func:`stationary` — the long-run state mix π = π P.
* :func:`state_values` — the expected discounted value of a customer in each
  state, V = [I − P/(1+d)]⁻¹ R (Pfeifer & Carraway 2000; 本书补充).
* :func:`absorption` — expected periods until absorption and the probability
  of ending in each absorbing state, N = (I − Q)⁻¹ (Kemeny & Snell 1960).
* :func:`contacts_per_sale`, :func:`selling_effort` — what the selling success
  rates 6 % / 15 % / 50 % [000] imply: 1/p contacts per sale.
* :func:`qualify_leads`, :func:`lead_temperature` — the MAN rule (Money,
  Authority, Need) [000] and hot / warm / cold prospects by the expected order
  month [002].
* :func:`flow_matrix`, :func:`flow_whatif` — the small flow model behind the
  first what-if panel.

Conventions shared by every function
------------------------------------
* A transition matrix ``P`` is a square :class:`pandas.DataFrame` whose index
  and columns are the same state names in the same order; ``P.loc[i, j]`` is
  the probability that a customer in state *i* this period is in state *j*
  next period.  Every entry is ≥ 0 and every row sums to 1 within
  :data:`ROW_SUM_TOL` (10⁻⁶; rows read from a table with rounded entries must
  be rescaled first).
* A *period* (期) is whatever the panel's time unit is; in this chapter a month.
* ``discount_rate`` d (折现率) is the per-period rate, d ≥ 0.
* Rewards R (每期利润) are received at the **start** of each period in the
  state the customer is in (Pfeifer & Carraway 2000): V = R + P V/(1+d).  With
  ``timing="end"`` every period's reward arrives at its end, one period later,
  so every value is divided by (1 + d).  The value of the *future* periods
  only (the current period's reward already earned) is V − R.

References
----------
Pfeifer, P. E. & Carraway, R. L. (2000). Modeling customer relationships as
Markov chains. *Journal of Interactive Marketing*, 14(2), 43–55.

Berger, P. D. & Nasr, N. I. (1998). Customer lifetime value: marketing models
and applications. *Journal of Interactive Marketing*, 12(1), 17–30.

Kemeny, J. G. & Snell, J. L. (1960). *Finite Markov Chains*. Van Nostrand.

Grinstead, C. M. & Snell, J. L. (1997). *Introduction to Probability*, 2nd ed.,
ch. 11 (Markov chains). American Mathematical Society.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import (
    InputError,
    InputTypeError,
    check_array,
    check_bool,
    check_choice,
    check_column,
    check_finite_result,
    check_frame,
    check_int,
    check_number,
    described,
    fail,
)
from .._columns import check_ids

__all__ = [
    "STATES",
    "ACTUAL_STATES",
    "FLOW_STATES",
    "TEMPERATURES",
    "HOT_MONTHS",
    "WARM_MONTHS",
    "ROW_SUM_TOL",
    "MAX_PERIODS",
    "TIMINGS",
    "check_transition_matrix",
    "transition_counts",
    "transition_matrix",
    "project",
    "stationary",
    "state_values",
    "absorption",
    "make_absorbing",
    "contacts_per_sale",
    "selling_effort",
    "lead_temperature",
    "qualify_leads",
    "purchase_rates",
    "value_by_final_state",
    "state_counts",
    "margin_by_state",
    "flow_matrix",
    "flow_whatif",
]

#: The chapter's customer states in its order [000] (客户流转模式): potential
#: (潜在客户), target (目标客户), the three actual states — first-time (初次购买客户),
#: repeat (重复购买客户), loyal (忠诚客户) — lost (流失客户, may be won back, 挽回)
#: and non-customer (非客户): the seed's flow ends a customer lost for good
#: (永远流失) among the non-customers, and prospects who drop out go there too.  Chinese names are in ``crmlab/glossary/states.csv``.
STATES = ("potential", "target", "first_time", "repeat", "loyal", "lost", "non_customer")

#: The actual customers (现实客户) [000].
ACTUAL_STATES = ("first_time", "repeat", "loyal")

#: The states of the what-if flow model (:func:`flow_matrix`): the three actual
#: states, lost (流失, may be won back) and non-customer (非客户, lost for good, 永远流失).
FLOW_STATES = ("first_time", "repeat", "loyal", "lost", "non_customer")

#: Prospect temperatures [002]: hot (热客), warm (暖客), cold (冷客).
TEMPERATURES = ("hot", "warm", "cold")

#: A hot prospect is expected to order within this many months [002] (一个月内).
HOT_MONTHS = 1

#: A warm prospect is expected to order within this many months [002] (三个月内);
#: later than that the prospect is cold (冷客, 三个月以后).
WARM_MONTHS = 3

#: How far a row of a transition matrix may sum from 1.
ROW_SUM_TOL = 1e-6

#: Longest projection any function accepts.
MAX_PERIODS = 1200

#: The two reward-timing conventions of :func:`state_values`.
TIMINGS = ("start", "end")


# ---------------------------------------------------------------------------
# the transition matrix
# ---------------------------------------------------------------------------
def _state_names(names, name, zh):
    names = list(names)
    if not names:
        raise fail(name, described("no states"), "at least one named state", "至少一个有名称的状态",
                   zh=zh)
    for s in names:
        if not isinstance(s, str) or not s.strip():
            raise fail(name, described(f"state name {s!r}"), "states named by non-empty strings",
                       "用非空字符串命名的状态", zh=zh, kind=InputTypeError)
    if len(set(names)) != len(names):
        dup = next(s for s in names if names.count(s) > 1)
        raise fail(name, described(f"state {dup!r} twice"), "distinct state names",
                   "互不相同的状态名称", zh=zh)
    return names


def check_transition_matrix(P, name="P", *, states=None):
    """Return ``P`` as a checked transition matrix (转移概率矩阵), or raise.

    Parameters
    ----------
    P : pandas.DataFrame or 2-D array-like
        Square, non-negative, rows summing to 1 within :data:`ROW_SUM_TOL`.
        A DataFrame's index and columns must be the same state names in the
        same order; an array needs ``states``.
    name : str
        The argument's name, for messages.
    states : sequence of str, optional
        State names for an array (for a DataFrame, its labels are used and
        ``states``, if given, must equal them).

    Returns
    -------
    pandas.DataFrame
        Float entries, index and columns the state names.

    Examples
    --------
    >>> float(check_transition_matrix([[0.9, 0.1], [0, 1]], states=["active", "lost"]).loc["active", "lost"])
    0.1
    >>> check_transition_matrix([[0.9, 0.2], [0, 1]], states=["active", "lost"])
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: P must be a matrix whose rows each sum to 1 (within 1e-06); got row 'active' sums to 1.1 (转移概率矩阵 P 应为每行之和为 1（误差不超过 1e-06）的矩阵，实际为 row 'active' sums to 1.1)
    """
    zh = "转移概率矩阵"
    if isinstance(P, pd.DataFrame):
        rows = _state_names(P.index, name, zh)
        cols = _state_names(P.columns, name, zh)
        if rows != cols:
            raise fail(name, described(f"index {rows} and columns {cols}"),
                       "a DataFrame whose index and columns are the same states in the same order",
                       "行与列为同样顺序的同一组状态的表格", zh=zh)
        if states is not None and list(states) != rows:
            raise fail("states", described(f"{list(states)} for a matrix of {rows}"),
                       "the matrix's own states, or None", "矩阵本身的状态，或 None", zh="状态")
        names = rows
        values = P.to_numpy()
    else:
        if isinstance(P, (str, bytes)) or P is None:
            raise fail(name, P, "a square DataFrame or 2-D array", "方形表格或二维数组", zh=zh,
                       kind=InputTypeError)
        try:
            values = np.asarray(P, dtype=float)
        except (TypeError, ValueError):
            raise fail(name, described(type(P).__name__), "a square matrix of numbers",
                       "由数值组成的方阵", zh=zh, kind=InputTypeError) from None
        if states is None:
            raise fail("states", None, "the names of the states of an array P",
                       "数组 P 各状态的名称", zh="状态", kind=InputTypeError)
        names = _state_names(states, "states", "状态")
    try:
        values = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise fail(name, described("non-numeric entries"), "a square matrix of numbers",
                   "由数值组成的方阵", zh=zh, kind=InputTypeError) from None
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise fail(name, described(f"shape {values.shape}"), "a square matrix", "方阵", zh=zh)
    if values.shape[0] != len(names):
        raise fail("states", described(f"{len(names)} names for a {values.shape[0]}×{values.shape[0]} matrix"),
                   "one name per row of P", "P 的每一行一个名称", zh="状态")
    if not np.isfinite(values).all():
        raise fail(name, described("a matrix with NaN or infinite entries"), "finite probabilities",
                   "有限的概率", zh=zh)
    if (values < 0).any():
        i, j = np.argwhere(values < 0)[0]
        raise fail(name, described(f"P[{names[i]!r}, {names[j]!r}] = {values[i, j]:g}"),
                   "a matrix of probabilities >= 0", "元素都不小于 0 的概率矩阵", zh=zh)
    sums = values.sum(axis=1)
    bad = np.abs(sums - 1) > ROW_SUM_TOL
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise fail(name, described(f"row {names[i]!r} sums to {sums[i]:.6g}"),
                   f"a matrix whose rows each sum to 1 (within {ROW_SUM_TOL:g})",
                   f"每行之和为 1（误差不超过 {ROW_SUM_TOL:g}）的矩阵", zh=zh)
    return pd.DataFrame(values, index=pd.Index(names, name="from_state"),
                        columns=pd.Index(names, name="to_state"))


def _states_arg(states):
    return _state_names(STATES if states is None else states, "states", "状态")


def _whole_periods(panel, period_col):
    """``panel[period_col]`` as floats holding whole numbers, or raise naming ``panel``."""
    period = panel[period_col]
    if not pd.api.types.is_numeric_dtype(period) or pd.api.types.is_bool_dtype(period):
        raise fail("panel", described(f"column {period_col!r} of dtype {period.dtype}"),
                   f"a table whose {period_col!r} column holds whole-number periods",
                   f"{period_col!r} 列为整数期数的表格",
                   zh="客户状态面板", kind=InputTypeError)
    p = period.to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(p).all() or (p != np.round(p)).any():
        raise fail("panel", described(f"non-integer or missing values in {period_col!r}"),
                   f"a table whose {period_col!r} column holds whole-number periods",
                   f"{period_col!r} 列为整数期数的表格",
                   zh="客户状态面板")
    return p


def transition_counts(panel, *, customer_id_col="customer_id", period_col="month",
                      state_col="state", states=None):
    """Count the moves between states from one period to the next (状态转移次数).

    Each customer's rows are paired with the same customer's row of the next
    period (``period + 1``); rows with no row for the next period (the last
    period, or a gap) start no move.

    Parameters
    ----------
    panel : pandas.DataFrame
        One row per customer and period, with the columns below; a customer may
        have at most one row per period.
    customer_id_col, period_col, state_col : str
        Column names: customer id, whole-number period, state.
    states : sequence of str, optional
        The states in display order (default :data:`STATES`); every state in
        the panel must be among them.

    Returns
    -------
    pandas.DataFrame
        Integer counts, index ``from_state``, columns ``to_state``, both in
        the order of ``states``.

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b"],
    ...                       "month": [1, 2, 3, 1, 2],
    ...                       "state": ["x", "x", "y", "x", "y"]})
    >>> transition_counts(panel, states=["x", "y"]).to_numpy().tolist()
    [[1, 2], [0, 0]]
    """
    for arg, value in (("customer_id_col", customer_id_col), ("period_col", period_col),
                       ("state_col", state_col)):
        check_column(value, arg, zh="列名")
    names = _states_arg(states)
    check_frame(panel, "panel", [customer_id_col, period_col, state_col], zh="客户状态面板")
    check_ids(panel, customer_id_col, "panel", "客户状态面板")
    p = _whole_periods(panel, period_col)
    state = panel[state_col]
    unknown = ~state.isin(names)
    if unknown.any():
        raise fail("panel", described(f"state {state[unknown].iloc[0]!r} in {state_col!r}"),
                   f"states among {names}", f"属于 {names} 的状态", zh="客户状态面板")
    frame = pd.DataFrame({"id": panel[customer_id_col].to_numpy(), "t": p.astype(np.int64),
                          "s": pd.Categorical(state.to_numpy(), categories=names).codes})
    if frame.duplicated(["id", "t"]).any():
        row = frame[frame.duplicated(["id", "t"])].iloc[0]
        raise fail("panel", described(f"customer {row['id']!r} twice in period {row['t']}"),
                   "one row per customer and period", "每位客户每期一行", zh="客户状态面板")
    frame = frame.sort_values(["id", "t"], kind="stable")
    ids, t, s = frame["id"].to_numpy(), frame["t"].to_numpy(), frame["s"].to_numpy()
    moves = (ids[1:] == ids[:-1]) & (t[1:] == t[:-1] + 1)
    k = len(names)
    flat = np.bincount(s[:-1][moves] * k + s[1:][moves], minlength=k * k)
    return pd.DataFrame(flat.reshape(k, k), index=pd.Index(names, name="from_state"),
                        columns=pd.Index(names, name="to_state"))


def transition_matrix(panel, *, customer_id_col="customer_id", period_col="month",
                      state_col="state", states=None):
    """Estimate the transition matrix from a panel (由面板数据估计转移概率矩阵).

    The maximum-likelihood estimate of a first-order Markov chain (本书补充;
    Anderson & Goodman 1957): p̂_ij = n_ij / n_i, where n_ij counts the moves
    from i to j between consecutive periods (:func:`transition_counts`) and
    n_i = Σ_j n_ij.  Its standard error is √(p̂(1 − p̂)/n_i).

    Parameters
    ----------
    panel, customer_id_col, period_col, state_col, states
        As for :func:`transition_counts`.  Every state must start at least one
        move; a state that never does has no estimate and raises
        :class:`~crmlab.validation.InputError` (leave it out of ``states``, or
        collect more periods).

    Returns
    -------
    pandas.DataFrame
        A row-stochastic matrix, index ``from_state`` and columns ``to_state``.

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b", "b"],
    ...                       "month": [1, 2, 3, 1, 2, 3],
    ...                       "state": ["x", "x", "y", "x", "y", "y"]})
    >>> transition_matrix(panel, states=["x", "y"]).to_numpy().tolist()
    [[0.3333333333333333, 0.6666666666666666], [0.0, 1.0]]
    """
    counts = transition_counts(panel, customer_id_col=customer_id_col, period_col=period_col,
                               state_col=state_col, states=states)
    n = counts.sum(axis=1)
    if (n == 0).any():
        missing = n.index[n == 0][0]
        raise fail("panel", described(f"no move out of state {missing!r}"),
                   "at least one observed move out of every state",
                   "每个状态至少有一次观察到的转出", zh="客户状态面板")
    return counts.div(n, axis=0).astype(float)


# ---------------------------------------------------------------------------
# projecting the state mix
# ---------------------------------------------------------------------------
def _counts(counts, P, name="counts"):
    names = list(P.index)
    if isinstance(counts, (pd.Series, dict)):
        series = pd.Series(counts, dtype=object) if isinstance(counts, dict) else counts
        extra = [k for k in series.index if k not in names]
        if extra:
            raise fail(name, described(f"state {extra[0]!r}"), f"states of P {names}",
                       f"P 中的状态 {names}", zh="各状态人数")
        series = series.reindex(names, fill_value=0)
        values = check_array(series.to_numpy(), name, zh="各状态人数", nonnegative=True)
    else:
        values = check_array(counts, name, zh="各状态人数", nonnegative=True)
        if len(values) != len(names):
            raise fail(name, described(f"{len(values)} numbers for {len(names)} states"),
                       "one number per state of P", "P 的每个状态一个数", zh="各状态人数")
    return values


def project(counts, P, periods):
    """The state mix after each period (各期的客户状态分布): n_{t+1} = n_t P.

    Parameters
    ----------
    counts : pandas.Series, dict or array-like
        Customers (or shares) in each state now; a Series or dict is matched by
        state name (missing states count 0), an array by position.  ≥ 0.
    P : pandas.DataFrame or 2-D array-like
        Transition matrix (:func:`check_transition_matrix`).
    periods : int
        Number of periods to project, 0 to :data:`MAX_PERIODS`.

    Returns
    -------
    pandas.DataFrame
        One row per period 0 … ``periods`` (index ``period``), one column per
        state.  Each row sums to the starting total (people are neither created
        nor lost, only moved).

    Examples
    --------
    >>> P = [[0.8, 0.2], [0.3, 0.7]]
    >>> P = check_transition_matrix(P, states=["active", "lost"])
    >>> project({"active": 100}, P, 2).to_numpy().tolist()
    [[100.0, 0.0], [80.0, 20.0], [70.0, 30.0]]
    """
    P = check_transition_matrix(P)
    n0 = _counts(counts, P)
    T = check_int(periods, "periods", zh="期数", low=0, high=MAX_PERIODS)
    M = P.to_numpy()
    out = np.empty((T + 1, len(n0)))
    out[0] = n0
    for t in range(T):          # a loop over periods, not over customers
        out[t + 1] = out[t] @ M
    check_finite_result(out, "the projected counts", "各期人数", arguments=("counts",))
    return pd.DataFrame(out, index=pd.RangeIndex(T + 1, name="period"),
                        columns=pd.Index(P.columns, name="state"))


def stationary(P):
    """The long-run state mix π with π = π P, Σπ = 1 (长期的状态分布).

    Defined when the chain has exactly one closed class of states (one group
    that, once entered, is never left); otherwise the long run depends on where
    a customer starts and :class:`~crmlab.validation.InputError` is raised.

    Examples
    --------
    >>> P = check_transition_matrix([[0.5, 0.25, 0.25], [0.5, 0, 0.5], [0.25, 0.25, 0.5]],
    ...                             states=["rain", "nice", "snow"])
    >>> stationary(P).round(6).tolist()   # Grinstead & Snell's Land of Oz
    [0.4, 0.2, 0.4]
    """
    P = check_transition_matrix(P)
    M = P.to_numpy()
    k = len(M)
    A = np.vstack([M.T - np.eye(k), np.ones(k)])
    if np.linalg.matrix_rank(A, tol=1e-10) < k:
        raise fail("P", described("a chain with more than one closed class of states"),
                   "a chain whose long run does not depend on the starting state",
                   "长期分布与起始状态无关的链（只有一个封闭状态类）", zh="转移概率矩阵")
    b = np.zeros(k + 1)
    b[-1] = 1.0
    pi, *_ = np.linalg.lstsq(A, b, rcond=None)
    pi = np.clip(pi, 0.0, None)
    return pd.Series(pi / pi.sum(), index=pd.Index(P.index, name="state"), name="share")


# ---------------------------------------------------------------------------
# values of the states
# ---------------------------------------------------------------------------
def _rewards(rewards, P):
    names = list(P.index)
    if isinstance(rewards, (pd.Series, dict)):
        series = pd.Series(rewards, dtype=object) if isinstance(rewards, dict) else rewards
        missing = [s for s in names if s not in series.index]
        extra = [k for k in series.index if k not in names]
        if missing or extra:
            shown = f"missing {missing[0]!r}" if missing else f"unknown state {extra[0]!r}"
            raise fail("rewards", described(shown), f"one reward for each state of P {names}",
                       f"P 的每个状态各一个每期利润 {names}", zh="每期利润")
        return check_array(series.reindex(names).to_numpy(), "rewards", zh="每期利润")
    values = check_array(rewards, "rewards", zh="每期利润")
    if len(values) != len(names):
        raise fail("rewards", described(f"{len(values)} rewards for {len(names)} states"),
                   "one reward per state of P", "P 的每个状态各一个每期利润", zh="每期利润")
    return values


def state_values(P, rewards, discount_rate, *, horizon=None, timing="start"):
    """Expected discounted value of a customer in each state (各状态客户的期望价值).

    Pfeifer & Carraway's (2000) Markov chain model (本书补充): a customer in
    state *i* earns R_i this period and moves on by P, so

    .. math:: V = R + \\frac{1}{1+d} P V \\;\\Rightarrow\\; V = \\Big[I - \\frac{P}{1+d}\\Big]^{-1} R,

    and over a finite horizon of T periods V_T = Σ_{t=0}^{T-1} (P/(1+d))^t R.

    Parameters
    ----------
    P : pandas.DataFrame or 2-D array-like
        Transition matrix (:func:`check_transition_matrix`).
    rewards : pandas.Series, dict or array-like
        Margin per period of a customer in each state (every state; negative
        allowed, e.g. the cost of contacting a prospect).
    discount_rate : float
        Per-period discount rate d ≥ 0.  An infinite horizon needs d > 0.
    horizon : int, optional
        Number of periods T (1 to :data:`MAX_PERIODS`); ``None`` (default) for
        an infinite horizon.
    timing : {"start", "end"}
        ``"start"`` (default, Pfeifer & Carraway): each period's reward arrives
        at its start, the first one now.  ``"end"``: each arrives at the end of
        its period, so every value is the ``"start"`` value ÷ (1 + d).  (The
        value of the periods after this one, V − R, is the Gupta–Lehmann
        convention m·r/(1+d−r) of Chapter 1.)

    Returns
    -------
    pandas.Series
        Value of each state (index ``state``), in the unit of ``rewards``.

    Examples
    --------
    A customer kept with probability r = 0.8 who earns m = 100 per period,
    d = 10 %: V = m(1+d)/(1+d−r) = 366.67 (Berger & Nasr 1998, case 1, as a
    Markov chain in Pfeifer & Carraway 2000):

    >>> P = check_transition_matrix([[0.8, 0.2], [0, 1]], states=["active", "lost"])
    >>> state_values(P, [100, 0], 0.10).round(2).tolist()
    [366.67, 0.0]
    >>> state_values(P, [100, 0], 0.10, timing="end").round(2).tolist()
    [333.33, 0.0]
    """
    P = check_transition_matrix(P)
    R = _rewards(rewards, P)
    d = check_number(discount_rate, "discount_rate", zh="折现率", low=0)
    timing = check_choice(timing, "timing", TIMINGS, zh="利润到账时点")
    M = P.to_numpy() / (1 + d)
    if horizon is None:
        if d == 0:
            raise fail("discount_rate", discount_rate,
                       "> 0 for an infinite horizon (with d = 0 the undiscounted sum of a customer "
                       "who may stay for ever is infinite); or give a finite horizon",
                       "无限期时大于 0（折现率为 0 时，可能永远留下的客户的不折现价值为无穷大）；或设定有限期数 horizon",
                       zh="折现率")
        try:
            V = np.linalg.solve(np.eye(len(R)) - M, R)
        except np.linalg.LinAlgError:   # d so small that I − P/(1+d) is numerically singular
            raise fail("discount_rate", discount_rate,
                       "large enough for the infinite discounted sum to be computed "
                       "(or give a finite horizon)",
                       "足够大，使无限期的折现和可以计算（或设定有限期数 horizon）",
                       zh="折现率") from None
    else:
        T = check_int(horizon, "horizon", zh="期数", low=1, high=MAX_PERIODS)
        V = np.zeros_like(R)
        for _ in range(T):      # Horner: V ← R + M V, T times
            V = R + M @ V
    if timing == "end":
        V = V / (1 + d)
    check_finite_result(V, "the state values", "各状态的价值", arguments=("rewards",))
    return pd.Series(V, index=pd.Index(P.index, name="state"), name="value")


def make_absorbing(P, absorbing):
    """A copy of ``P`` in which the ``absorbing`` states are never left (把某些状态设为终点).

    Used to ask "how long until a customer *first* reaches this state": for
    instance make 流失客户 absorbing to get the expected months before a new
    customer is first lost (:func:`absorption`), even though in the full chain
    a lost customer may be won back.

    The rows of the absorbing states are replaced before the matrix is checked,
    so they may be anything (a sub-table of a larger matrix, say, whose row of
    流失客户 no longer sums to 1); every other row must sum to 1.

    Examples
    --------
    >>> P = check_transition_matrix([[0.8, 0.2], [0.3, 0.7]], states=["active", "lost"])
    >>> make_absorbing(P, ["lost"]).loc["lost"].tolist()
    [0.0, 1.0]
    """
    if isinstance(absorbing, str):
        absorbing = [absorbing]
    try:
        absorbing = list(absorbing)
    except TypeError:
        raise fail("absorbing", absorbing, "a list of state names", "状态名称的列表", zh="吸收状态",
                   kind=InputTypeError) from None
    if isinstance(P, pd.DataFrame):
        try:
            out = P.astype(float)
        except (TypeError, ValueError):
            raise fail("P", described("non-numeric entries"), "a square matrix of numbers",
                       "由数值组成的方阵", zh="转移概率矩阵", kind=InputTypeError) from None
    else:
        out = check_transition_matrix(P)
    for s in absorbing:
        if s not in out.index or s not in out.columns:
            raise fail("absorbing", s, f"states of P {list(out.index)}",
                       f"P 中的状态 {list(out.index)}", zh="吸收状态")
        out.loc[s] = 0.0
        out.loc[s, s] = 1.0
    return check_transition_matrix(out)


def absorption(P, absorbing):
    """Time to absorption and where customers end (吸收马尔可夫链：多久、最终到哪里).

    For an absorbing chain (Kemeny & Snell 1960; 本书补充) order the states as
    transient T and absorbing A; Q = P[T, T], R = P[T, A].  The fundamental
    matrix N = (I − Q)⁻¹ holds the expected number of periods spent in each
    transient state; t = N·1 is the expected number of periods spent in
    transient states before absorption, counting the current one (a customer
    who is absorbed at the first move has t = 1); B = N R is the probability of
    ending in each absorbing state.  Each row of B sums to 1.

    Parameters
    ----------
    P : pandas.DataFrame or 2-D array-like
        Transition matrix (:func:`check_transition_matrix`).
    absorbing : sequence of str
        The absorbing states (rows that stay put with probability 1).  A state
        the customer can never leave must be among them; if some transient
        state can never reach an absorbing one, the expected time is infinite
        and :class:`~crmlab.validation.InputError` is raised.

    Returns
    -------
    dict
        ``"fundamental"`` (DataFrame N), ``"expected_periods"`` (Series t),
        ``"probabilities"`` (DataFrame B, transient × absorbing).

    Examples
    --------
    A customer kept each period with probability 0.8 stays on average
    1/(1 − 0.8) = 5 periods:

    >>> P = check_transition_matrix([[0.8, 0.2], [0, 1]], states=["active", "lost"])
    >>> round(float(absorption(P, ["lost"])["expected_periods"]["active"]), 6)
    5.0
    """
    P = check_transition_matrix(P)
    names = list(P.index)
    if isinstance(absorbing, str):
        absorbing = [absorbing]
    try:
        absorbing = list(absorbing)
    except TypeError:
        raise fail("absorbing", absorbing, "a list of state names", "状态名称的列表", zh="吸收状态",
                   kind=InputTypeError) from None
    if not absorbing:
        raise fail("absorbing", absorbing, "at least one state of P", "至少一个 P 中的状态",
                   zh="吸收状态")
    for s in absorbing:
        if s not in names:
            raise fail("absorbing", s, f"states of P {names}", f"P 中的状态 {names}", zh="吸收状态")
        if abs(P.loc[s, s] - 1) > ROW_SUM_TOL:
            raise fail("absorbing", described(f"{s!r} with P[{s!r}, {s!r}] = {P.loc[s, s]:g}"),
                       "states that stay put with probability 1", "以概率 1 停留在原处的状态",
                       zh="吸收状态")
    transient = [s for s in names if s not in absorbing]
    if not transient:
        raise fail("absorbing", described("every state"), "leaving at least one transient state",
                   "至少留下一个非吸收状态", zh="吸收状态")
    Q = P.loc[transient, transient].to_numpy()
    R = P.loc[transient, absorbing].to_numpy()
    A = np.eye(len(transient)) - Q
    # every transient state must reach an absorbing one, else N does not exist
    reach = (R.sum(axis=1) > 0)
    for _ in range(len(transient)):
        reach = reach | ((Q > 0) & reach[None, :]).any(axis=1)
    if not reach.all():
        stuck = transient[int(np.flatnonzero(~reach)[0])]
        raise fail("absorbing", described(f"{absorbing}, which state {stuck!r} can never reach"),
                   "absorbing states every other state reaches (otherwise the time to absorption "
                   "is infinite)", "所有其他状态都能到达的吸收状态（否则到吸收的期望时间为无穷大）",
                   zh="吸收状态")
    try:
        N = np.linalg.solve(A, np.eye(len(transient)))
    except np.linalg.LinAlgError:
        N = np.full_like(A, np.inf)
    if not np.isfinite(N).all() or (N < -1e-9).any():
        raise fail("P", described("a chain that leaves its transient states only with a vanishing "
                                  "probability"),
                   "a chain whose expected time to absorption is small enough to compute "
                   "(every transient state reaches an absorbing one with a probability that is "
                   "not vanishingly small)",
                   "到达吸收状态的期望时间可以计算的链（每个非吸收状态到达吸收状态的概率不能小到几乎为 0）",
                   zh="转移概率矩阵")
    t = N.sum(axis=1)
    B = N @ R
    idx = pd.Index(transient, name="state")
    return {"fundamental": pd.DataFrame(N, index=idx, columns=pd.Index(transient, name="state_visited")),
            "expected_periods": pd.Series(t, index=idx, name="expected_periods"),
            "probabilities": pd.DataFrame(B, index=idx, columns=pd.Index(absorbing, name="absorbed_in"))}


# ---------------------------------------------------------------------------
# selling success rates [000]
# ---------------------------------------------------------------------------
def contacts_per_sale(success_rate):
    """Expected number of selling contacts per sale (每成交一笔所需的推销次数): 1/p.

    If each contact succeeds independently with probability p, the number of
    contacts up to and including the first sale is geometric with mean 1/p
    (本书补充).  The seed [000] gives p = 6 % (potential and target
    customers), 15 % (first-time) and 50 % (repeat and loyal).

    Parameters
    ----------
    success_rate : float or array-like
        Success rate(s) p in (0, 1].

    Examples
    --------
    >>> contacts_per_sale(0.5), float(round(contacts_per_sale(0.06), 2))
    (2.0, 16.67)
    """
    scalar = np.ndim(success_rate) == 0
    if scalar:
        p = np.array([check_number(success_rate, "success_rate", zh="推销成功率", low=0, high=1,
                                   low_open=True)])
    else:
        p = check_array(success_rate, "success_rate", zh="推销成功率", nonnegative=True)
        if (p <= 0).any() or (p > 1).any():
            bad = p[(p <= 0) | (p > 1)][0]
            raise fail("success_rate", described(f"array with {bad!r}"), "rates in (0, 1]",
                       "(0, 1] 内的成功率", zh="推销成功率")
    out = 1.0 / p
    return float(out[0]) if scalar else out


def selling_effort(success_rates, cost_per_contact, *, margin_per_sale=None, contacts=None):
    """Contacts and cost per sale by customer group (各类客户的推销次数与每笔成交成本).

    Parameters
    ----------
    success_rates : mapping of str to float
        Group id → success rate p in (0, 1] (e.g. ``{"potential_target": 0.06,
        "first_time": 0.15, "repeat_loyal": 0.5}``).
    cost_per_contact : float
        Cost of one selling contact (≥ 0).
    margin_per_sale : float or mapping, optional
        Margin of one sale, the same for all groups or per group; adds
        ``profit_per_contact`` = p × margin − cost.
    contacts : float, optional
        A number of contacts to spend on each group; adds ``sales`` = contacts × p.

    Returns
    -------
    pandas.DataFrame
        Index ``group``; columns ``success_rate``, ``contacts_per_sale`` (1/p),
        ``cost_per_sale`` (cost/p) and, when asked, ``profit_per_contact`` and
        ``sales``.

    Examples
    --------
    >>> t = selling_effort({"new": 0.06, "old": 0.5}, 30)
    >>> t["cost_per_sale"].round(1).tolist()
    [500.0, 60.0]
    """
    if not isinstance(success_rates, (dict, pd.Series)) or len(success_rates) == 0:
        raise fail("success_rates", success_rates, "a non-empty dict of group → success rate",
                   "非空的“客户组 → 成功率”字典", zh="推销成功率", kind=InputTypeError)
    groups = list(success_rates.keys()) if isinstance(success_rates, dict) else list(success_rates.index)
    for g in groups:
        if not isinstance(g, str):
            raise fail("success_rates", described(f"group {g!r}"), "groups named by strings",
                       "用字符串命名的客户组", zh="推销成功率", kind=InputTypeError)
    p = np.array([check_number(success_rates[g], f"success_rates[{g!r}]", zh="推销成功率", low=0,
                               high=1, low_open=True) for g in groups])
    cost = check_number(cost_per_contact, "cost_per_contact", zh="每次推销成本", low=0)
    out = pd.DataFrame({"success_rate": p, "contacts_per_sale": 1 / p, "cost_per_sale": cost / p},
                       index=pd.Index(groups, name="group"))
    if margin_per_sale is not None:
        if isinstance(margin_per_sale, dict):
            missing = [g for g in groups if g not in margin_per_sale]
            if missing:
                raise fail("margin_per_sale", described(f"missing group {missing[0]!r}"),
                           "one margin per group", "每个客户组一个每笔利润", zh="每笔成交利润")
            m = np.array([check_number(margin_per_sale[g], f"margin_per_sale[{g!r}]",
                                       zh="每笔成交利润") for g in groups])
        else:
            m = check_number(margin_per_sale, "margin_per_sale", zh="每笔成交利润")
        out["profit_per_contact"] = p * m - cost
    if contacts is not None:
        out["sales"] = check_number(contacts, "contacts", zh="推销次数", low=0) * p
    return out


def purchase_rates(panel, *, state_col="state", purchased_col="purchased", groups=None):
    """Share of person-periods with a purchase, by state or group of states (各状态的购买率).

    Parameters
    ----------
    panel : pandas.DataFrame
        One row per customer and period, with a state and a 0/1 (or boolean)
        purchase flag.
    state_col, purchased_col : str
        Column names.
    groups : mapping of str to sequence of str, optional
        Group id → states pooled into it (default: each state on its own).

    Returns
    -------
    pandas.DataFrame
        Index ``group``; columns ``periods`` (person-periods observed),
        ``purchases``, ``purchase_rate`` and ``standard_error``
        √(p(1−p)/n).

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame({"state": ["a", "a", "b", "b"], "purchased": [1, 0, 1, 1]})
    >>> purchase_rates(panel)["purchase_rate"].tolist()
    [0.5, 1.0]
    """
    check_column(state_col, "state_col", zh="状态列")
    check_column(purchased_col, "purchased_col", zh="购买标记列")
    check_frame(panel, "panel", [state_col, purchased_col], zh="客户状态面板")
    flag = panel[purchased_col]
    values = flag.to_numpy()
    if not (pd.api.types.is_bool_dtype(flag) or
            (pd.api.types.is_numeric_dtype(flag) and np.isin(values, (0, 1)).all())):
        raise fail("panel", described(f"column {purchased_col!r} with values other than 0/1"),
                   "a 0/1 or True/False purchase flag", "0/1 或 True/False 的购买标记",
                   zh="客户状态面板")
    if groups is None:
        groups = {s: [s] for s in pd.unique(panel[state_col])}
    if not isinstance(groups, dict) or not groups:
        raise fail("groups", groups, "a dict of group → list of states", "“组 → 状态列表”的字典",
                   zh="状态分组", kind=InputTypeError)
    rows = {}
    bought = values.astype(float)
    for g, members in groups.items():
        members = [members] if isinstance(members, str) else list(members)
        mask = panel[state_col].isin(members).to_numpy()
        n = int(mask.sum())
        if n == 0:
            raise fail("groups", described(f"group {g!r} with no rows in the panel"),
                       "groups of states that occur in the panel", "面板中出现过的状态组",
                       zh="状态分组")
        k = float(bought[mask].sum())
        p = k / n
        rows[g] = {"periods": n, "purchases": k, "purchase_rate": p,
                   "standard_error": float(np.sqrt(p * (1 - p) / n))}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("group")


def state_counts(panel, *, period_col="month", state_col="state", states=None):
    """How many people are in each state in each period (各期各状态的人数).

    Returns
    -------
    pandas.DataFrame
        Index ``period`` (the panel's periods), one column per state in the
        order of ``states`` (default :data:`STATES`); the shape
        :func:`project` returns, so the two can be drawn alike.

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame({"month": [1, 1, 2], "state": ["x", "y", "y"]})
    >>> state_counts(panel, states=["x", "y"]).to_numpy().tolist()
    [[1, 1], [0, 1]]
    """
    check_column(period_col, "period_col", zh="期数列")
    check_column(state_col, "state_col", zh="状态列")
    names = _states_arg(states)
    check_frame(panel, "panel", [period_col, state_col], zh="客户状态面板")
    _whole_periods(panel, period_col)
    unknown = ~panel[state_col].isin(names)
    if unknown.any():
        raise fail("panel", described(f"state {panel[state_col][unknown].iloc[0]!r}"),
                   f"states among {names}", f"属于 {names} 的状态", zh="客户状态面板")
    codes = pd.Categorical(panel[state_col].to_numpy(), categories=names)
    out = pd.crosstab(panel[period_col].to_numpy(), codes, dropna=False)
    out = out.reindex(columns=names, fill_value=0)
    out.index.name, out.columns.name = "period", "state"
    out.columns = pd.Index(names, name="state")
    return out


def margin_by_state(panel, *, state_col="state", margin_col="margin", states=None):
    """Average margin per person-period in each state (各状态每人每期的平均利润).

    The reward vector R of :func:`state_values` estimated from data: the mean of
    ``margin`` over every row in the state (a period without a purchase counts
    as 0).  A state with no rows gets 0.

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame({"state": ["x", "x", "y"], "margin": [10.0, 0.0, 4.0]})
    >>> margin_by_state(panel, states=["x", "y", "z"]).tolist()
    [5.0, 4.0, 0.0]
    """
    check_column(state_col, "state_col", zh="状态列")
    check_column(margin_col, "margin_col", zh="利润列")
    names = _states_arg(states)
    check_frame(panel, "panel", [state_col, margin_col], zh="客户状态面板")
    margin = check_array(panel[margin_col].to_numpy(), f"panel[{margin_col!r}]", zh="利润")
    mean = pd.Series(margin, index=panel[state_col].astype(object).to_numpy()).groupby(level=0).mean()
    return mean.reindex(names, fill_value=0.0).rename_axis("state").rename("reward")


def value_by_final_state(panel, *, customer_id_col="customer_id", period_col="month",
                         state_col="state", margin_col="margin", states=None):
    """Who brings the profit? Customers and margin by their state in the last period (按期末状态汇总利润).

    A first step of the best-customer flow of [002] (第二章: identify the
    customers who buy the profitable products): add up each customer's margin
    over the whole panel and group the customers by the state they are in at
    the last period.

    Parameters
    ----------
    panel : pandas.DataFrame
        One row per customer and period with a state and a margin (finite).
    customer_id_col, period_col, state_col, margin_col : str
        Column names.
    states : sequence of str, optional
        Display order of the states (default :data:`STATES`); states with no
        customer at the end get a row of zeros.

    Returns
    -------
    pandas.DataFrame
        Index ``state``; columns ``customers``, ``customer_share``,
        ``total_margin``, ``margin_share``.

    Examples
    --------
    >>> import pandas as pd
    >>> panel = pd.DataFrame({"customer_id": ["a", "a", "b", "b"], "month": [1, 2, 1, 2],
    ...                       "state": ["x", "y", "x", "x"], "margin": [0, 30, 10, 0]})
    >>> value_by_final_state(panel, states=["x", "y"])["margin_share"].tolist()
    [0.25, 0.75]
    """
    for arg, value in (("customer_id_col", customer_id_col), ("period_col", period_col),
                       ("state_col", state_col), ("margin_col", margin_col)):
        check_column(value, arg, zh="列名")
    names = _states_arg(states)
    check_frame(panel, "panel", [customer_id_col, period_col, state_col, margin_col],
                zh="客户状态面板")
    check_ids(panel, customer_id_col, "panel", "客户状态面板")
    _whole_periods(panel, period_col)
    margin = check_array(panel[margin_col].to_numpy(), f"panel[{margin_col!r}]", zh="利润")
    unknown = ~panel[state_col].isin(names)
    if unknown.any():
        raise fail("panel", described(f"state {panel[state_col][unknown].iloc[0]!r}"),
                   f"states among {names}", f"属于 {names} 的状态", zh="客户状态面板")
    frame = pd.DataFrame({"id": panel[customer_id_col].to_numpy(),
                          "t": panel[period_col].to_numpy(), "s": panel[state_col].to_numpy(),
                          "m": margin})
    total = frame.groupby("id", sort=False)["m"].sum()
    last = frame.sort_values("t", kind="stable").groupby("id", sort=False)["s"].last()
    by = pd.DataFrame({"s": last, "m": total.reindex(last.index)})
    out = pd.DataFrame({"customers": by.groupby("s")["m"].size(),
                        "total_margin": by.groupby("s")["m"].sum()}).reindex(names, fill_value=0)
    out.index.name = "state"
    n, m = out["customers"].sum(), out["total_margin"].sum()
    out.insert(1, "customer_share", out["customers"] / n)
    out["margin_share"] = out["total_margin"] / m if m else 0.0
    out["customers"] = out["customers"].astype(int)
    return out


# ---------------------------------------------------------------------------
# MAN and hot / warm / cold [000, 002]
# ---------------------------------------------------------------------------
def lead_temperature(order_months):
    """Hot, warm or cold prospect by the months until the expected order (热客、暖客、冷客) [002].

    hot: within :data:`HOT_MONTHS` (1) month; warm: within :data:`WARM_MONTHS`
    (3) months; cold: later.  The boundaries belong to the warmer class
    (exactly 1 month is hot, exactly 3 is warm), as "一个月内 / 三个月内" read.

    Parameters
    ----------
    order_months : float or array-like
        Months from now until the expected order, ≥ 0 (an array needs at
        least one number).

    Returns
    -------
    str or numpy.ndarray of str
        ``"hot"``, ``"warm"`` or ``"cold"`` (ids of :data:`TEMPERATURES`).

    Examples
    --------
    >>> lead_temperature(0.5), lead_temperature(3), lead_temperature(4)
    ('hot', 'warm', 'cold')
    """
    scalar = np.ndim(order_months) == 0
    if scalar:
        m = np.array([check_number(order_months, "order_months", zh="预计订货月数", low=0)])
    else:
        m = check_array(order_months, "order_months", zh="预计订货月数", nonnegative=True)
    out = np.where(m <= HOT_MONTHS, "hot", np.where(m <= WARM_MONTHS, "warm", "cold"))
    return str(out[0]) if scalar else out


def _flags(frame, col, name):
    s = frame[col]
    if len(s) == 0:
        return np.zeros(0, dtype=bool)
    if pd.api.types.is_bool_dtype(s):
        return s.to_numpy(dtype=bool)
    values = s.to_numpy()
    if pd.api.types.is_numeric_dtype(s) and np.isin(values, (0, 1)).all():
        return values.astype(bool)
    raise fail("leads", described(f"column {col!r} with values other than True/False"),
               f"True/False (or 0/1) in {col!r}", f"{col!r} 列为 True/False（或 0/1）",
               zh="潜在客户表", kind=InputTypeError)


def qualify_leads(leads, *, money_col="money", authority_col="authority", need_col="need",
                  order_months_col="order_months"):
    """Qualify prospects by MAN and sort them into hot / warm / cold (MAN 原则与冷热分级).

    MAN [000]: a prospect qualifies when it has **M**oney (the means to buy),
    **A**uthority (the power to decide, advise or veto the purchase) and
    **N**eed.  Each qualified prospect is then hot, warm or cold by the months
    until its expected order [002] (:func:`lead_temperature`).  Unqualified
    prospects get no temperature (``""``): the seed classifies potential
    customers, and one who lacks money, authority or need is not one yet.

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per prospect (at least one), with three True/False (or 0/1)
        columns and the months until the expected order (≥ 0).
    money_col, authority_col, need_col, order_months_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        ``leads`` with ``qualified`` (bool), ``missing`` (the letters of MAN the
        prospect lacks, e.g. ``"A"``) and ``temperature`` (``"hot"``,
        ``"warm"``, ``"cold"`` or ``""``).

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({"money": [True, True, False], "authority": [True, False, True],
    ...                       "need": [True, True, True], "order_months": [0.5, 2, 1]})
    >>> out = qualify_leads(leads)
    >>> out["qualified"].tolist(), out["missing"].tolist(), out["temperature"].tolist()
    ([True, False, False], ['', 'A', 'M'], ['hot', '', ''])
    """
    cols = {"money_col": money_col, "authority_col": authority_col, "need_col": need_col,
            "order_months_col": order_months_col}
    for arg, value in cols.items():
        check_column(value, arg, zh="列名")
    check_frame(leads, "leads", list(cols.values()), zh="潜在客户表")
    m, a, n = (_flags(leads, c, "leads") for c in (money_col, authority_col, need_col))
    months = lead_temperature(check_array(leads[order_months_col].to_numpy(), "leads",
                                          zh="潜在客户表", nonnegative=True))
    qualified = m & a & n
    missing = (np.where(m, "", "M").astype(object) + np.where(a, "", "A").astype(object)
               + np.where(n, "", "N").astype(object))
    out = leads.copy()
    out["qualified"] = qualified
    out["missing"] = missing.astype(str)
    out["temperature"] = np.where(qualified, months, "")
    return out


# ---------------------------------------------------------------------------
# the flow model of the first what-if panel
# ---------------------------------------------------------------------------
def _prob(value, name, zh):
    return check_number(value, name, zh=zh, low=0, high=1)


def flow_matrix(first_to_repeat, repeat_to_loyal, churn_first, churn_repeat, churn_loyal,
                win_back, lost_forever=0.0):
    """The customer flow model among the actual states and 流失 (客户流转模式的转移矩阵).

    States :data:`FLOW_STATES` (first_time, repeat, loyal, lost), one period a
    month.  Following the flow of [000]: a first-time customer buys again
    (→ repeat) with ``first_to_repeat`` or leaves (→ lost) with
    ``churn_first``; a repeat customer becomes loyal with ``repeat_to_loyal``
    or leaves with ``churn_repeat``; a loyal customer leaves with
    ``churn_loyal``; a lost customer is won back (挽回, → repeat) with
    ``win_back`` or leaves for good (永远流失, → non_customer, absorbing) with
    ``lost_forever``.  Everyone else stays where they are.

    With ``lost_forever = 0`` every lost customer is eventually won back (the
    non-customer state is never reached); with ``lost_forever > 0`` everyone
    ends among the non-customers in the long run, as in the 7-state matrix
    estimated from the data.

    Examples
    --------
    >>> flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05).loc["first_time"].tolist()
    [0.75, 0.15, 0.0, 0.1, 0.0]
    >>> flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05, 0.1).loc["lost"].tolist()
    [0.0, 0.05, 0.0, 0.85, 0.1]
    """
    a = _prob(first_to_repeat, "first_to_repeat", "初次购买→重复购买的概率")
    b = _prob(repeat_to_loyal, "repeat_to_loyal", "重复购买→忠诚的概率")
    c1 = _prob(churn_first, "churn_first", "初次购买客户的月流失率")
    c2 = _prob(churn_repeat, "churn_repeat", "重复购买客户的月流失率")
    c3 = _prob(churn_loyal, "churn_loyal", "忠诚客户的月流失率")
    w = _prob(win_back, "win_back", "挽回率")
    f = _prob(lost_forever, "lost_forever", "流失客户每月永远流失的概率")
    if a + c1 > 1:
        raise fail("churn_first", churn_first,
                   f"at most 1 − first_to_repeat = {1 - a:g} (a row of probabilities sums to 1)",
                   f"不超过 1 − first_to_repeat = {1 - a:g}（一行概率之和为 1）",
                   zh="初次购买客户的月流失率")
    if b + c2 > 1:
        raise fail("churn_repeat", churn_repeat,
                   f"at most 1 − repeat_to_loyal = {1 - b:g} (a row of probabilities sums to 1)",
                   f"不超过 1 − repeat_to_loyal = {1 - b:g}（一行概率之和为 1）",
                   zh="重复购买客户的月流失率")
    if w + f > 1:
        raise fail("lost_forever", lost_forever,
                   f"at most 1 − win_back = {1 - w:g} (a row of probabilities sums to 1)",
                   f"不超过 1 − win_back = {1 - w:g}（一行概率之和为 1）",
                   zh="流失客户每月永远流失的概率")
    M = np.array([[1 - a - c1, a, 0, c1, 0],
                  [0, 1 - b - c2, b, c2, 0],
                  [0, 0, 1 - c3, c3, 0],
                  [0, w, 0, 1 - w - f, f],
                  [0, 0, 0, 0, 1]])
    return check_transition_matrix(M, states=FLOW_STATES)


def flow_whatif(first_to_repeat=0.15, repeat_to_loyal=0.10, churn_first=0.10, churn_repeat=0.05,
                churn_loyal=0.02, win_back=0.05, periods=24, lost_forever=0.0, *, counts=None,
                rewards=None, discount_rate=0.01):
    """Everything the flow panel shows, from :func:`flow_matrix` (客户流转情景分析的模型).

    Parameters
    ----------
    first_to_repeat, repeat_to_loyal, churn_first, churn_repeat, churn_loyal, win_back
        Monthly probabilities, see :func:`flow_matrix`.  Every live state must
        have a way out: ``churn_loyal`` > 0, and ``churn_first`` (``churn_repeat``)
        may be 0 only if ``first_to_repeat`` (``repeat_to_loyal``) is not;
        otherwise the expected months before a first loss are infinite and
        :class:`~crmlab.validation.InputError` names the churn rate.
    periods : int
        Months to project (1 to :data:`MAX_PERIODS`).
    lost_forever : float
        Monthly probability that a lost customer leaves for good (永远流失,
        → 非客户), see :func:`flow_matrix`; default 0 (every lost customer
        eventually comes back).
    counts : mapping, optional
        Customers in each flow state now (default 1,000 new first-time customers).
    rewards : mapping, optional
        Monthly margin of a customer in each flow state (元; default first-time
        60, repeat 120, loyal 200, lost 0, non-customer 0).
    discount_rate : float
        Monthly discount rate, > 0 (default 1 %).

    Returns
    -------
    dict
        ``mix`` (DataFrame, :func:`project`), ``P``, ``values`` (Series,
        :func:`state_values`), ``loyal_share_end`` (share loyal after
        ``periods``), ``loyal_share_long_run`` (:func:`stationary`),
        ``lost_share_long_run``, ``lifetime_new`` (expected months before a new
        first-time customer is first lost, :func:`absorption` with 流失 made
        absorbing), ``value_new`` (value of a first-time customer),
        ``customer_equity`` (Σ counts × values) and ``customers``.

    Examples
    --------
    >>> out = flow_whatif()
    >>> round(out["lifetime_new"], 2), round(out["loyal_share_long_run"], 3)
    (28.0, 0.556)
    """
    P = flow_matrix(first_to_repeat, repeat_to_loyal, churn_first, churn_repeat, churn_loyal,
                    win_back, lost_forever)
    # lifetime_new is the expected time to the first loss: finite only if every live
    # state can leave (a state with no way out would hold its customers for ever).
    for state, arg, value, zh in (
            ("first_time", "churn_first", churn_first, "初次购买客户的月流失率"),
            ("repeat", "churn_repeat", churn_repeat, "重复购买客户的月流失率"),
            ("loyal", "churn_loyal", churn_loyal, "忠诚客户的月流失率")):
        if P.loc[state, state] == 1:
            raise fail(arg, value,
                       f"> 0 here: with it 0 a {state.replace('_', '-')} customer never leaves "
                       "that state, so the expected months before a new customer is first "
                       "lost are infinite",
                       "大于 0 的数值：为 0 时该状态的客户永远不会离开，新客户首次流失前的期望月数为无穷大",
                       zh=zh)
    T = check_int(periods, "periods", zh="期数", low=1, high=MAX_PERIODS)
    counts = {"first_time": 1000.0} if counts is None else counts
    rewards = {"first_time": 60.0, "repeat": 120.0, "loyal": 200.0, "lost": 0.0,
               "non_customer": 0.0} if rewards is None else rewards
    d = check_number(discount_rate, "discount_rate", zh="折现率", low=0, low_open=True)
    mix = project(counts, P, T)
    values = state_values(P, rewards, d)
    live = list(FLOW_STATES[:-1])
    if P.loc["lost", "non_customer"] > 0:
        pi = pd.Series(0.0, index=pd.Index(FLOW_STATES, name="state"))
        pi["non_customer"] = 1.0
    else:
        pi = stationary(P.loc[live, live]).reindex(FLOW_STATES, fill_value=0.0)
    ends = ["lost", "non_customer"]
    life = absorption(make_absorbing(P, ends), ends)["expected_periods"]
    n0 = mix.iloc[0]
    total = float(n0.sum())
    end = mix.iloc[-1]
    return {"mix": mix, "P": P, "values": values,
            "loyal_share_end": float(end["loyal"] / total) if total else 0.0,
            "loyal_share_long_run": float(pi["loyal"]),
            "lost_share_long_run": float(pi["lost"]),
            "non_customer_share_long_run": float(pi["non_customer"]),
            "lost_forever_share_end": float(end["non_customer"] / total) if total else 0.0,
            "lifetime_new": float(life["first_time"]),
            "value_new": float(values["first_time"]),
            "customer_equity": float((n0 * values).sum()),
            "customers": total}
