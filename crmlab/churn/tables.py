"""Student-facing tables of the churn case (流失案例的表格).

Each builder returns a DataFrame with English column ids, ready for
``crmlab.display.table(t, "churn")``, which gives the Chinese headers and the
number formats of the glossary (``crmlab/glossary/churn.csv``).  Vertical
"item → amount" tables hold text already formatted as the glossary says for
each row; the unit is shown once, beside the row's label (``获客成本（元） | 300``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._columns import flat_frame, scaled
from ..validation import InputTypeError, check_int, described, fail
from .model import ALL, CAUSES, _check_subs, _choice, _labels, _money

__all__ = ["segment_profile", "cause_structure", "loss_by_cause", "ranking_table",
           "claims_table", "items_table", "PROGRAMME_COST_ITEMS", "KEEP_OR_REPLACE_ITEMS", "WINBACK_ITEMS"]

_TOPIC = "churn"

#: Rows of the "what does saving one subscriber cost" table (cell after the ranking).
PROGRAMME_COST_ITEMS = ("subscribers", "cost_per_subscriber", "share_saved", "churn_avoided",
                        "cost_per_saved", "value_per_saved")
#: Rows of the keep-or-replace table of :func:`crmlab.churn.keep_or_replace`.
KEEP_OR_REPLACE_ITEMS = ("acquisition_cost", "cost_ratio", "retention_cost", "new_per_lost",
                         "replace_cost_per_lost", "replace_over_keep")
#: What a row of the claims table can show, by ``testable`` of
#: :func:`crmlab.churn.complaint_claims` (the row's ``how`` follows).
_EVIDENCE = {"是": "模拟数据按教材数字设定，吻合不是证据；企业的真实数据可以这样检验：",
             "否": "只引用，无法检验：",
             "—": "只是模拟数据的结果："}
#: Rows of the win-back table of :func:`crmlab.churn.winback_campaign`.
WINBACK_ITEMS = ("lost_customers", "winback_rate", "won_back", "value", "cost", "net_value",
                 "cost_per_won_back", "breakeven_rate")


def segment_profile(subs: pd.DataFrame, *, segment_col: str = "segment",
                    id_col: str = "subscriber_id", arpu_col: str = "arpu",
                    margin_col: str = "margin", churned_col: str = "churned") -> pd.DataFrame:
    """Subscribers, mean ARPU, mean margin and share churned, by segment (各客户群概况).

    Examples
    --------
    >>> import pandas as pd
    >>> subs = pd.DataFrame({"subscriber_id": [1, 2, 3], "segment": ["A", "A", "B"],
    ...                      "arpu": [100.0, 50.0, 80.0], "margin": [40.0, 20.0, 30.0],
    ...                      "churned": [True, False, False]})
    >>> segment_profile(subs).to_dict("index")["A"]
    {'subscribers': 2, 'arpu': 75.0, 'margin': 30.0, 'churned_share': 0.5}
    """
    _check_subs(subs, segment_col=segment_col, id_col=id_col, arpu_col=arpu_col, margin_col=margin_col, churned_col=churned_col)
    labels = _labels(subs, segment_col)
    churned = subs[churned_col]
    if not (pd.api.types.is_bool_dtype(churned) and not churned.isna().any()):
        raise fail(churned_col, churned.head(3).tolist(), "True/False for every subscriber",
                   "每位用户都是 True 或 False", zh="是否流失列", kind=InputTypeError)
    # means of values scaled by a power of two (exact), so that 1e308s do not overflow
    money, scale = {}, {}
    for col, zh in ((arpu_col, "月均收入列"), (margin_col, "月毛利列")):
        money[col], scale[col] = scaled(_money(subs, col, zh))
    frame = pd.DataFrame({"segment": labels, "arpu": money[arpu_col],
                          "margin": money[margin_col], "churned": churned.to_numpy(bool)})
    order = (list(dict.fromkeys(str(c) for c in subs[segment_col].cat.categories
                                if str(c) in set(labels)))
             if isinstance(subs[segment_col].dtype, pd.CategoricalDtype) else sorted(set(labels)))
    out = frame.groupby("segment").agg(subscribers=("arpu", "size"), arpu=("arpu", "mean"),
                                       margin=("margin", "mean"),
                                       churned_share=("churned", "mean"))
    out = out.loc[order]
    out["arpu"] *= scale[arpu_col]
    out["margin"] *= scale[margin_col]
    out["subscribers"] = out["subscribers"].astype(np.int64)
    return out


def cause_structure(by_cause: pd.DataFrame) -> pd.DataFrame:
    """Share of each segment's churners by cause, with controllability (流失原因结构表).

    Parameters
    ----------
    by_cause : DataFrame
        Output of :func:`crmlab.churn.churn_by_cause`.

    Returns
    -------
    DataFrame
        Index ``cause`` (in :data:`CAUSES` order); column ``controllable``, then one
        column per segment (the segment's name; ``"全部"`` last) holding the share.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import churn_by_cause
    >>> subs = pd.DataFrame({"segment": ["高端", "大众"], "join_month": [0, 0],
    ...                      "churn_month": [1, 2], "churn_cause": ["竞争对手挖角", "自然流失"]})
    >>> t = cause_structure(churn_by_cause(subs))
    >>> list(t.columns), float(t.loc["竞争对手挖角", "高端"])
    (['controllable', '大众', '高端', '全部'], 1.0)
    """
    flat_frame(by_cause, "by_cause", ["segment", "cause", "share"], zh="流失原因表")
    if by_cause.duplicated(["segment", "cause"]).any():
        raise fail("by_cause", "a repeated segment and cause", "one row per segment and cause",
                   "每个客户群 × 原因只有一行", zh="流失原因表")
    wide = by_cause.pivot(index="cause", columns="segment", values="share")
    segments = list(dict.fromkeys(by_cause["segment"]))
    causes = [c for c in CAUSES["name_zh"] if c in wide.index]
    wide = wide.loc[causes, segments]
    wide.columns = pd.Index([str(c) for c in wide.columns])
    wide.columns.name = None
    wide.insert(0, "controllable", CAUSES.set_index("name_zh").loc[causes, "controllable"])
    return wide


def loss_by_cause(risk: pd.DataFrame, segment: str = ALL) -> pd.DataFrame:
    """Churners, revenue and lifetime value lost per month, by cause, in one segment (各原因的损失).

    Parameters
    ----------
    risk : DataFrame
        Output of :func:`crmlab.churn.revenue_at_risk`.
    segment : str
        A segment, or ``"全部"`` (default).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import revenue_at_risk
    >>> subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
    ...                      "churn_month": [2, None, None, None],
    ...                      "churn_cause": ["店大欺客", None, None, None],
    ...                      "arpu": [100.0] * 4, "margin": [50.0] * 4})
    >>> t = loss_by_cause(revenue_at_risk(subs, 0.0, end=4))
    >>> float(t.loc["店大欺客", "revenue_lost_per_month"])
    25.0
    """
    cols = ["churners_per_month", "revenue_lost_per_month", "clv_lost_per_month"]
    flat_frame(risk, "risk", ["segment", "cause"] + cols, zh="流失损失表")
    _choice(segment, "segment", list(dict.fromkeys(risk["segment"])), zh="客户群")
    return risk.loc[risk["segment"] == segment].set_index("cause")[cols]


def ranking_table(ranking: pd.DataFrame, top: int = 8) -> pd.DataFrame:
    """The first ``top`` rows of :func:`crmlab.churn.best_cause_to_attack`, the columns that decide.

    Keeps ``rank, segment, cause, cause_rate, churn_avoided, cost_per_saved,
    net_value, return`` (排名表).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import best_cause_to_attack
    >>> subs = pd.DataFrame({"segment": ["A"] * 6, "join_month": [0] * 6,
    ...                      "churn_month": [1, 2, 3, None, None, None],
    ...                      "churn_cause": ["诚信问题", "诚信问题", "细节疏忽", None, None, None],
    ...                      "margin": [50.0] * 6})
    >>> list(ranking_table(best_cause_to_attack(subs, 0.5, 1.0, 0.0, end=4), top=2)["cause"])
    ['诚信问题', '细节疏忽']
    """
    cols = ["rank", "segment", "cause", "cause_rate", "churn_avoided", "cost_per_saved",
            "net_value", "return"]
    flat_frame(ranking, "ranking", cols, zh="排名表")
    n = check_int(top, "top", zh="显示行数", low=1)
    return ranking[cols].head(n).set_index("rank")


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The textbook's service-failure claims beside the simulated data, for students (投诉说法对照表).

    Parameters
    ----------
    claims : DataFrame
        Output of :func:`crmlab.churn.complaint_claims`.

    Returns
    -------
    DataFrame
        ``claim_zh``, ``textbook_display`` (the figure as the course writes it,
        e.g. "9个", from the registry; "—" for the data-only row), ``data_value``,
        ``evidence`` (what the row can and cannot show, in Chinese: a claim the
        data measure is "模拟数据按教材数字设定" and no evidence, though real
        data of this shape could test it; a claim they do not measure is only
        quoted, with the reason), ``followed_up`` and ``tolerance`` (missing
        where the data do not measure the claim).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import complaint_claims
    >>> subs = pd.DataFrame({
    ...     "join_month": [0, 0, 0, 0], "churn_month": [None, 2, None, 2],
    ...     "complaint_status": ["无投诉", "已解决", "已解决", "未解决"],
    ...     "last_complaint_month": [None, 1, 1, 1]})
    >>> t = claims_table(complaint_claims(subs, horizon=2, end=4))
    >>> t["textbook_display"].tolist()[:3], int(t.loc[4, "followed_up"])
    (['94%', '89%', '9个'], 2)
    >>> print(t.loc[4, "evidence"])
    模拟数据按教材数字设定，吻合不是证据；企业的真实数据可以这样检验：最后一次投诉已解决、2 个月后仍在网的比例
    >>> print(t.loc[0, "evidence"])
    只引用，无法检验：数据中没有服务质量的度量
    """
    from .. import textbook

    flat_frame(claims, "claims", ["figure", "claim_zh", "data_value", "testable", "how",
                                   "followed_up", "tolerance"], zh="教材说法表")
    status = claims["testable"]
    bad = ~status.isin(list(_EVIDENCE))
    if bad.any():
        raise fail("claims", status[bad].iloc[0], "testable 是, 否 or —", "能否检验应为 是、否 或 —",
                   zh="教材说法表")
    known = set(textbook.figures()["id"])
    out = claims[["claim_zh", "data_value"]].copy()
    out.insert(1, "textbook_display", [textbook.figure(f)["display"] if f in known else "—"
                                       for f in claims["figure"]])
    out["evidence"] = [_EVIDENCE[s] + str(how) for s, how in zip(status, claims["how"])]
    out["followed_up"] = claims["followed_up"].where(status == "是").astype("Float64")
    out["tolerance"] = claims["tolerance"]
    return out


def items_table(result: Mapping, items: Sequence[str]) -> pd.DataFrame:
    """A vertical table of chosen numbers of a result, each formatted with its unit (结果清单).

    Parameters
    ----------
    result : mapping
        A result dict (e.g. of :func:`crmlab.churn.retention_programme`,
        :func:`crmlab.churn.keep_or_replace`, :func:`crmlab.churn.winback_campaign`).
    items : sequence of str
        The keys to show, in order; each must be a glossary id.  ``None`` values
        (undefined, e.g. a cost per subscriber saved when nobody is saved) show "—".

    Returns
    -------
    DataFrame
        Index ``item`` (the ids, shown in Chinese with their unit by
        :func:`crmlab.display.table`: 挽回的客户（人）), one column ``amount`` of
        text formatted as the glossary says, without the unit (the label has it).

    Examples
    --------
    >>> from crmlab.churn import winback_campaign
    >>> t = items_table(winback_campaign(1000, 0.1, 800.0, 20.0), ["won_back", "net_value"])
    >>> t["amount"].tolist()
    ['100', '60,000']
    """
    from .. import display

    if not isinstance(result, Mapping):
        raise fail("result", type(result).__name__, "a result dict", "结果字典", zh="结果",
                   kind=InputTypeError)
    if isinstance(items, str) or not isinstance(items, Sequence) or not items:
        raise fail("items", items, "a non-empty list of result keys", "结果键的非空列表",
                   zh="显示项目", kind=InputTypeError)
    odd = [k for k in items if not isinstance(k, str)]
    if odd:
        raise fail("items", described(f"{type(odd[0]).__name__} {odd[0]!r} among the items"),
                   "a list of result keys (text)", "结果键（文字）的列表", zh="显示项目",
                   kind=InputTypeError)
    missing = [k for k in items if k not in result]
    if missing:
        raise fail("items", missing[0], f"keys of the result ({', '.join(map(str, result))})",
                   "结果中已有的键", zh="显示项目")
    text = []
    for k in items:
        shown = "—" if result[k] is None else display.number(result[k], k, topic=_TOPIC)
        unit = display.entry(k, topic=_TOPIC)["unit"]   # shown once, in the row's label
        text.append(shown.removesuffix(f" {unit}") if unit else shown)
    return pd.DataFrame({"amount": text}, index=pd.Index(list(items), name="item"))
