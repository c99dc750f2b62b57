"""Student-facing tables of Chapter 4 (第 4 章给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/delivered.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="delivered")``.  They reshape results of
:mod:`crmlab.delivered.model` (component ids shown as their Chinese names,
yes/no in words); they compute nothing new.
"""
from __future__ import annotations

import pandas as pd

from .. import display
from ..validation import check_frame

__all__ = ["lever_view", "rank_view", "price_or_value_view", "budget_returns_view",
           "price_and_value_view", "BETTER_WORDS"]

TOPIC = "delivered"

#: How :func:`~crmlab.delivered.model.price_or_value`'s ``better`` reads in words.
BETTER_WORDS = {"value": "提高价值", "price_cut": "降价", "equal": "两者一样"}


def lever_view(table):
    """:func:`~crmlab.delivered.model.lever_table` with Chinese lever names and 能/不能.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS, lever_table
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> offers.loc["乙", "service_value"] = 1300.0
    >>> lever_view(lever_table(offers, "甲", lead=100)).index[0]
    '体力成本'
    """
    frame = check_frame(table, "table", ["weight", "change_needed", "firm_cost", "feasible"],
                        zh="杠杆表")
    cols = ["weight", "change_needed"] + (["unit_cost"] if "unit_cost" in frame else []) + ["firm_cost"]
    out = frame[cols].rename(columns={"unit_cost": "lever_unit_cost"})
    out["feasible"] = ["能" if ok else "不能" for ok in frame["feasible"]]
    out.index = pd.Index([display.label(str(i), TOPIC, unit=False) for i in frame.index],
                         name="lever")
    return out


def rank_view(table):
    """:func:`~crmlab.delivered.model.rank_forms` with 是/否 for ``forms_agree``.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import rank_forms
    >>> t = pd.DataFrame({"cdv": [2000.0, 1500.0], "ratio": [1.5, 2.0]}, index=["甲", "乙"])
    >>> rank_view(rank_forms(t))["forms_agree"].tolist()
    ['否', '否']
    """
    frame = check_frame(table, "table", ["cdv", "cdv_rank", "ratio", "ratio_rank", "forms_agree"],
                        zh="排名表")
    out = frame.copy()
    out["forms_agree"] = ["是" if ok else "否" for ok in frame["forms_agree"]]
    return out


def price_or_value_view(table):
    """:func:`~crmlab.delivered.model.price_or_value` with ``better`` in words.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"share_now": [0.2], "share_price_cut": [0.25], "share_value": [0.3],
    ...                   "gain_price_cut": [0.05], "gain_value": [0.1], "better": ["value"]},
    ...                  index=pd.Index(["服务导向型"], name="segment"))
    >>> price_or_value_view(t)["better"].tolist()
    ['提高价值']
    """
    cols = ["share_now", "share_price_cut", "share_value", "gain_price_cut", "gain_value", "better"]
    frame = check_frame(table, "table", cols, zh="降价与提高价值的比较")
    out = frame[cols].copy()
    out[["gain_price_cut", "gain_value"]] *= 100          # share points → 个百分点
    out["better"] = [BETTER_WORDS.get(b, str(b)) for b in frame["better"]]
    return out


def budget_returns_view(table):
    """:func:`~crmlab.delivered.model.budget_returns` with the steps in 个百分点.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"share_price_cut": [0.2, 0.25], "share_value": [0.2, 0.3],
    ...                   "step_price_cut": [float("nan"), 0.05], "step_value": [float("nan"), 0.1]},
    ...                  index=pd.MultiIndex.from_tuples([("甲", 0.0), ("甲", 300.0)],
    ...                                                  names=["segment", "budget"]))
    >>> budget_returns_view(t)["step_value"].round(1).tolist()
    [10.0]
    """
    cols = ["share_price_cut", "share_value", "step_price_cut", "step_value"]
    frame = check_frame(table, "table", cols, zh="预算与份额")
    out = frame[cols].dropna().copy()
    out[["step_price_cut", "step_value"]] *= 100
    if isinstance(out.index, pd.MultiIndex) and "budget" in out.index.names:
        level = out.index.names.index("budget")
        out.index = out.index.set_levels(out.index.levels[level].astype(int), level=level)
    return out


def price_and_value_view(table):
    """:func:`~crmlab.delivered.model.price_and_value` with the share change in 个百分点.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"cdv_change": [400.0], "share_now": [0.5], "share_after": [0.6],
    ...                   "share_change": [0.1], "margin_change": [50.0]}, index=["一般买家"])
    >>> price_and_value_view(t)["share_change"].round(1).tolist()
    [10.0]
    """
    cols = ["cdv_change", "share_now", "share_after", "share_change", "margin_change"]
    frame = check_frame(table, "table", cols, zh="涨价并提高价值")
    out = frame[cols].copy()
    out["share_change"] *= 100
    return out
