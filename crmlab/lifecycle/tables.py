"""Student-facing tables of Chapter 3 (第 3 章的表格).

Each builder returns a DataFrame with English column ids, ready for
``crmlab.display.table(frame, topic="lifecycle")``; stage, pattern and cohort
ids in cells are put into Chinese here from the glossary, because the display
layer translates headers, not cell values.
"""
from __future__ import annotations

import pandas as pd

from .. import display
from ..validation import InputTypeError, check_column, check_frame, check_int, described, fail
from .model import FADER_HARDIE_2007, PATTERNS, STAGES, fit_sbg

__all__ = ["pattern_table", "stage_table", "estimates_table", "stage_mix", "customer_path"]

TOPIC = "lifecycle"

#: Estimates published by Fader & Hardie (2007), years 1–7 (α, β).
PUBLISHED = {"regular": (0.704, 1.182), "high_end": (0.668, 3.806)}


def _names(ids):
    return [display.label(str(i), TOPIC, unit=False) for i in ids]


def pattern_table(values):
    """The summary of :func:`~crmlab.lifecycle.model.pattern_values`, patterns and stages in Chinese.

    Examples
    --------
    >>> from crmlab.lifecycle import pattern_values
    >>> pattern_table(pattern_values()).index.tolist()[0]
    'A 早期流产型'
    """
    if not isinstance(values, dict) or "summary" not in values:
        raise fail("values", described(type(values).__name__), "the dict pattern_values() returns",
                   "pattern_values() 返回的字典", zh="模式价值", kind=InputTypeError)
    s = check_frame(values["summary"], "values['summary']", ["exit_stage", "periods",
                                                              "total_profit", "discounted_value",
                                                              "break_even"], zh="模式汇总")
    out = s[["exit_stage", "periods", "total_profit", "discounted_value", "break_even"]].copy()
    out["exit_stage"] = _names(out["exit_stage"])
    out.index = pd.Index(_names(s.index), name="pattern")
    return out


def stage_table(economics):
    """:func:`~crmlab.lifecycle.model.stage_economics` with the stages in Chinese.

    Examples
    --------
    >>> from crmlab.lifecycle import stage_economics
    >>> stage_table(stage_economics()).index.tolist()
    ['考察期', '形成期', '稳定期', '退化期']
    """
    e = check_frame(economics, "economics", ["revenue", "cost", "profit"], zh="各阶段收支")
    out = e[["revenue", "cost", "profit"]].copy()
    out.index = pd.Index(_names(e.index), name="stage")
    return out


def estimates_table(calibration_periods=7):
    """sBG estimates for the two cohorts of Fader & Hardie (2007) beside the published ones.

    Examples
    --------
    >>> t = estimates_table()
    >>> t.round(3)["alpha"].tolist()
    [0.704, 0.668]
    """
    n = check_int(calibration_periods, "calibration_periods", zh="用于估计的年数", low=1, high=12)
    rows = []
    for cohort, survivors in FADER_HARDIE_2007.items():
        fit = fit_sbg(survivors, n)
        a, b = PUBLISHED[cohort]
        rows.append({"cohort": display.label(cohort, TOPIC, unit=False), "alpha": fit["alpha"],
                     "published_alpha": a, "beta": fit["beta"], "published_beta": b})
    return pd.DataFrame(rows).set_index("cohort")


def stage_mix(classified, *, pattern_col="pattern", stage_col="stage"):
    """Customer-years in each stage by pattern (各模式的客户年数按阶段分布).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"pattern": ["A", "A", "D"], "stage": ["exploration", "decline", "stability"]})
    >>> int(stage_mix(c).loc["A 早期流产型", "退化期"])
    1
    """
    check_column(pattern_col, "pattern_col", zh="列名")
    check_column(stage_col, "stage_col", zh="列名")
    c = check_frame(classified, "classified", [pattern_col, stage_col], zh="阶段判断结果")
    counts = pd.crosstab(c[pattern_col].astype(str), c[stage_col].astype(str))
    counts = counts.reindex(index=[p for p in PATTERNS], columns=list(STAGES), fill_value=0)
    counts = counts.fillna(0).astype(int)
    counts.index = pd.Index(_names(counts.index), name="pattern")
    counts.columns = _names(counts.columns)
    return counts


def customer_path(classified, customer_id, *, customer_id_col="customer_id"):
    """One customer's years with the signals and the stage in Chinese (一位客户的生命周期).

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.lifecycle import classify_stages
    >>> c = classify_stages(datasets.load_distributor_lifecycle())
    >>> customer_path(c, "K0001")["stage"].iloc[0]
    '考察期'
    """
    check_column(customer_id_col, "customer_id_col", zh="列名")
    c = check_frame(classified, "classified", [customer_id_col, "year", "purchases_total",
                                               "purchases_firm", "share", "firm_change",
                                               "total_change", "stage"], zh="阶段判断结果")
    if customer_id is None or not pd.api.types.is_scalar(customer_id):
        raise fail("customer_id", customer_id, "one customer id (a string or a number)",
                   "一个客户编号（字符串或数字）", zh="客户编号", kind=InputTypeError)
    rows = c[c[customer_id_col] == customer_id]
    if rows.empty:
        raise fail("customer_id", customer_id, f"a customer id found in {customer_id_col!r}",
                   f"{customer_id_col!r} 列中已有的客户编号", zh="客户编号")
    out = rows[["year", "purchases_total", "purchases_firm", "share", "firm_change",
                "total_change", "stage"]].copy().set_index("year")
    out["stage"] = _names(out["stage"])
    return out
