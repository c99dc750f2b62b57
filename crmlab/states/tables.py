"""Student-facing tables of Chapter 2 (第 2 章的表格).

Each builder returns a DataFrame with English column ids, ready for
``crmlab.display.table(frame, topic="states")``; state and group ids in cells
are put into Chinese here from the glossary, because the display layer
translates headers, not cell values.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import display
from ..validation import InputTypeError, check_choice, check_frame, described, fail
from .model import check_transition_matrix

__all__ = ["recovery_table", "selling_table", "leads_table", "absorption_table"]

TOPIC = "states"


def _names(ids):
    return [display.label(i, TOPIC, unit=False) for i in ids]


def recovery_table(estimated, generating, counts):
    """Estimated against generating transition probabilities, move by move (估计值与真实值).

    One row per move (from → to) that either matrix gives a probability above
    0; ``standard_error`` is √(p̂(1 − p̂)/n_i), ``within_2se`` whether the gap is
    within two standard errors.

    ``generating`` is a transition matrix, or the name of a simulated data set
    whose generating matrix is known — ``"prospect_states"`` (this chapter's
    data), so a notebook need not reach into the generator.

    Examples
    --------
    >>> from crmlab.states import flow_matrix
    >>> P = flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05)
    >>> t = recovery_table(P, P, P * 0 + 100)
    >>> float(t["difference"].abs().max())
    0.0
    """
    if isinstance(generating, str):
        check_choice(generating, "generating", ("prospect_states",), zh="生成数据所用的矩阵")
        from ..simulate.prospects import GENERATING_MATRIX
        generating = GENERATING_MATRIX
    for arg, value in (("estimated", estimated), ("generating", generating)):
        if not isinstance(value, pd.DataFrame):
            raise fail(arg, described(type(value).__name__),
                       "a transition matrix as a DataFrame (index and columns the states)",
                       "以状态为行列标签的转移概率矩阵表格", zh="转移概率矩阵", kind=InputTypeError)
    est = check_transition_matrix(estimated, "estimated")
    gen = check_transition_matrix(generating, "generating")
    check_frame(counts, "counts", zh="转移次数")
    n = counts.reindex(index=est.index, columns=est.columns).sum(axis=1).to_numpy(dtype=float)
    rows = []
    for i, a in enumerate(est.index):
        for j, b in enumerate(est.columns):
            p, g = est.iat[i, j], gen.loc[a, b]
            if p > 0 or g > 0:
                se = float(np.sqrt(p * (1 - p) / n[i])) if n[i] else float("nan")
                rows.append({"from_state": display.label(a, TOPIC, unit=False),
                             "to_state": display.label(b, TOPIC, unit=False),
                             "generating": g, "estimated": p, "difference": p - g,
                             "standard_error": se, "within_2se": bool(abs(p - g) <= 2 * se)})
    out = pd.DataFrame(rows)
    out["within_2se"] = np.where(out["within_2se"], "是", "否")
    return out


def selling_table(effort, reference="repeat_loyal"):
    """:func:`~crmlab.states.model.selling_effort` with group names in Chinese and a ratio column.

    ``ratio_to_repeat`` is each group's contacts per sale divided by that of
    ``reference`` (the repeat and loyal customers), which must be one of the
    groups of ``effort``; only the default ``"repeat_loyal"`` may be absent, and
    then the table has no ratio column.
    """
    check_frame(effort, "effort", ["contacts_per_sale"], zh="推销投入表")
    if not (isinstance(reference, str) and reference == "repeat_loyal"
            and reference not in effort.index):
        check_choice(reference, "reference", list(effort.index), zh="参照组")
    out = effort.copy()
    if reference in out.index:
        out["ratio_to_repeat"] = out["contacts_per_sale"] / out.loc[reference, "contacts_per_sale"]
    out.index = pd.Index(_names(out.index), name="group")
    return out


def leads_table(qualified):
    """:func:`~crmlab.states.model.qualify_leads` with 是/否 and 热客/暖客/冷客 in the cells."""
    check_frame(qualified, "qualified", ["qualified", "temperature"], zh="潜在客户分级结果")
    out = qualified.copy()
    for col in ("money", "authority", "need", "qualified"):
        if col in out.columns:
            out[col] = np.where(out[col].astype(bool), "是", "否")
    out["temperature"] = [display.label(t, TOPIC, unit=False) if t else "—"
                          for t in out["temperature"]]
    if "missing" in out.columns:
        out["missing"] = [m if m else "—" for m in out["missing"]]
    return out


def absorption_table(result):
    """:func:`~crmlab.states.model.absorption`'s times and probabilities in one table."""
    if not (isinstance(result, dict)
            and isinstance(result.get("expected_periods"), pd.Series)
            and isinstance(result.get("probabilities"), pd.DataFrame)):
        shown = (described(f"dict with keys {list(result)}") if isinstance(result, dict)
                 else described(type(result).__name__) if not isinstance(result, (int, float, str))
                 else result)
        raise fail("result", shown,
                   "the dict absorption() returns (with 'expected_periods' and 'probabilities')",
                   "absorption() 返回的字典（含 'expected_periods' 与 'probabilities'）",
                   zh="吸收分析结果", kind=InputTypeError)
    t = result["expected_periods"].to_frame()
    b = result["probabilities"].copy()
    out = pd.concat([t, b], axis=1)
    out.index = pd.Index(_names(out.index), name="state")
    return out
