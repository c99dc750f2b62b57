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

__all__ = ["lever_view", "rank_view", "price_or_value_view", "BETTER_WORDS"]

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
    out = frame[["weight", "change_needed", "firm_cost"]].copy()
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
    out["better"] = [BETTER_WORDS.get(b, str(b)) for b in frame["better"]]
    return out
