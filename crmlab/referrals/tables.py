"""Student-facing tables of the Vanke case (万科案例给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/referrals.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="referrals")``.  They reshape results of
:mod:`crmlab.referrals.model`; they compute nothing new.
"""
from __future__ import annotations

import pandas as pd

from collections.abc import Mapping

from ..validation import InputTypeError, check_array, check_frame, check_int, fail
from .model import SURVEY_RATES

__all__ = ["ledger_view", "funnel_view", "value_parts_view", "survey_view", "PART_NAMES", "RATE_MEANINGS"]

#: Chinese names of the four parts of customer value [004].
PART_NAMES = {"transaction": "交易价值（自购房）", "referral": "推荐价值（老带新）",
              "growth": "成长价值（再次购买）", "knowledge": "知识价值", "total": "合计"}

#: What each survey rate measures (this book's reading; the seed does not define them).
RATE_MEANINGS = {
    "repeat_bought": "已经发生的行为：会员中买过不止一套万科房的比例（基数、时间范围教材未说明）",
    "would_buy_again": "意向：表示将来还会买万科的业主会员比例，不等于真的会买",
    "would_recommend": "意向：表示会向亲朋推荐的会员比例，不等于真的推荐、更不等于成交",
}

_FUNNEL_ROWS = ("recommenders", "referral_leads", "referred", "ad_leads", "advertising",
                "walk_in", "repeat_owner", "buyers")
_FUNNEL_IDS = {"referred": "referred_buyers", "advertising": "ad_buyers",
               "walk_in": "walk_in_buyers", "repeat_owner": "repeat_owner_buyers",
               "buyers": "total_buyers"}


def ledger_view(ledger, rows=5):
    """The first ``rows`` buyers of the ledger, dates shown as days (yyyy-mm-dd).

    The sale id (``sale_id``), when there is one, becomes the index, so that
    the table shows no bare row numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"sale_id": ["S1"], "sale_date": pd.to_datetime(["2024-03-05"])})
    >>> ledger_view(t)["sale_date"].tolist(), ledger_view(t).index.tolist()
    (['2024-03-05'], ['S1'])
    """
    frame = check_frame(ledger, "ledger", ["sale_date"], zh="销售台账")
    n = check_int(rows, "rows", zh="行数", low=1, high=1000)
    if not pd.api.types.is_datetime64_any_dtype(frame["sale_date"]):
        raise fail("ledger", frame["sale_date"].dtype,
                   "a 'sale_date' column of dates (as load_vanke_sales() gives)",
                   "sale_date 列为日期（如 load_vanke_sales() 所给）", zh="销售台账")
    out = frame.head(n).copy()
    out["sale_date"] = out["sale_date"].dt.strftime("%Y-%m-%d")
    if "sale_id" in out.columns:
        out = out.set_index("sale_id")
    return out


def funnel_view(funnel, labels):
    """The steps of :func:`~crmlab.referrals.model.referral_funnel` as one column of counts.

    Parameters
    ----------
    funnel : dict
        Output of :func:`~crmlab.referrals.model.referral_funnel`.
    labels : callable
        ``id -> Chinese label`` (``lambda i: display.label(i, "referrals")``).

    Returns
    -------
    pandas.DataFrame
        Index: the Chinese step names; column ``count``.

    Examples
    --------
    >>> from crmlab.referrals.model import referral_funnel
    >>> t = funnel_view(referral_funnel(100, 0.5, 2, 0.25), str)
    >>> float(t.loc["referred_buyers", "count"])
    25.0
    """
    if not isinstance(funnel, dict) or not set(_FUNNEL_ROWS) <= set(funnel):
        raise fail("funnel", type(funnel).__name__, "the dict referral_funnel() returns",
                   "referral_funnel() 返回的字典", zh="推荐漏斗")
    if not callable(labels):
        raise fail("labels", labels, "a function id -> label", "把编号变成中文名称的函数",
                   zh="名称函数")
    names = [labels(_FUNNEL_IDS.get(k, k)) for k in _FUNNEL_ROWS]
    return pd.DataFrame({"count": [float(funnel[k]) for k in _FUNNEL_ROWS]},
                        index=pd.Index(names, name="step"))


def value_parts_view(parts):
    """:func:`~crmlab.referrals.model.owner_value` with Chinese part names.

    Examples
    --------
    >>> from crmlab.value import clv_components
    >>> value_parts_view(clv_components(600, 150, 200, 50)).index[1]
    '推荐价值（老带新）'
    """
    frame = check_frame(parts, "parts", ["component", "value", "share"], zh="价值构成表")
    value = check_array(frame["value"].to_numpy(), "parts['value']", zh="价值构成表")
    share = check_array(frame["share"].to_numpy(), "parts['share']", zh="价值构成表")
    out = pd.DataFrame({"value": value, "part_share": share},
                       index=pd.Index([PART_NAMES.get(c, str(c)) for c in frame["component"]],
                                      name="component"))
    return out


def survey_view(rates, textbook_values):
    """The survey's rates beside the seed's, and what each measures.

    Parameters
    ----------
    rates : Series
        Output of :func:`~crmlab.referrals.model.survey_rates`.
    textbook_values : mapping
        Registry id → how the seed prints it (e.g. ``{"case_vanke_repeat_rate": "65.3%"}``).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.Series({"repeat_bought": 0.653, "would_buy_again": 0.569, "would_recommend": 0.485})
    >>> t = survey_view(r, {v: "x" for v in SURVEY_RATES.values()})
    >>> float(t.loc["将再次购买", "simulated"])
    0.569
    """
    if not isinstance(rates, pd.Series) or not set(SURVEY_RATES) <= set(rates.index):
        raise fail("rates", type(rates).__name__, "the Series survey_rates() returns",
                   "survey_rates() 返回的 Series", zh="调查比例")
    if not isinstance(textbook_values, Mapping):
        raise fail("textbook_values", textbook_values, "a mapping registry id -> printed figure",
                   "登记编号到教材印出数字的映射（字典）", zh="教材中的数字", kind=InputTypeError)
    absent = [v for v in SURVEY_RATES.values() if v not in textbook_values]
    if absent:
        raise fail("textbook_values", sorted(map(str, textbook_values))[:5],
                   f"a mapping with the ids {', '.join(SURVEY_RATES.values())} "
                   f"(missing {absent[0]})",
                   f"含有编号 {'、'.join(SURVEY_RATES.values())} 的映射（缺少 {absent[0]}）",
                   zh="教材中的数字")
    names = {"repeat_bought": "已重复购买", "would_buy_again": "将再次购买",
             "would_recommend": "将向亲朋推荐"}
    return pd.DataFrame({
        "simulated": [float(rates[k]) for k in SURVEY_RATES],
        "textbook": [str(textbook_values[v]) for v in SURVEY_RATES.values()],
        "measures": [RATE_MEANINGS[k] for k in SURVEY_RATES],
    }, index=pd.Index([names[k] for k in SURVEY_RATES], name="measures_row"))
