"""The maths of Chapter 7: customer satisfaction and loyalty (客户满意与忠诚).

Everything here is a pure function of numbers and DataFrames; nothing is drawn,
labelled or formatted.  Ratings are whole points on a 1…``scale`` Likert scale
(default 5: 1 = 很不满意 very dissatisfied … 5 = 很满意 very satisfied).

* Satisfaction = perceived performance − expectation (满意 = 可感知效果 − 期望值)
  [002]: below 0 dissatisfied (不满意), 0 satisfied (满意), above 0 delighted
  (高度满意).  [002] also prints the reverse, 客户满意度 = 理想产品 − 实际产品;
  the book keeps the first form, so a negative gap means a shortfall.
* The four measurement methods [002]: direct rating (:func:`likert_summary`),
  expected vs received (:func:`gap_scores`, :func:`gap_summary`), problem
  analysis (:func:`problem_analysis`), importance / performance ranking
  (:func:`ipa`, after Martilla & James 1977).  The 0–100 index
  (:func:`satisfaction_index`) follows [002]'s 百分制; its weighting is the book's.
* The five indicators [002] (:func:`satisfaction_indicators`; the operational
  definitions are the book's, 本书补充).
* Hidden dissatisfaction (隐性不满) is about 70% of all dissatisfaction [002]
  (:func:`hidden_dissatisfaction`, :func:`dissatisfaction_counts`); complaints and
  what handling them keeps (:func:`complaint_outcomes`).
* Customer research [002 第三章]: margin of error and sample size with the
  finite-population correction (Cochran 1977), survey cost (本书补充).
* Satisfaction and loyalty [003]: loyalty by satisfaction level with the zones of
  the loyalty/satisfaction model, apostles and terrorists (Jones & Sasser 1995),
  the product × service loyalty matrix.
"""
from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from ..validation import (InputError, InputTypeError, check_choice, check_column, check_finite_result,
                          check_frame, check_int,
                          check_number, described, fail)

__all__ = [
    "ATTRIBUTES", "FACTORS", "INDICATORS", "METHODS", "COMPLAINT_STEPS", "LOYALTY_MEASURES",
    "RESEARCH_STEPS", "RESEARCH_METHODS", "SAMPLING_METHODS", "RESEARCH_MYTHS", "ZONES",
    "STAY_RATES", "QUADRANTS",
    "attribute_ratings", "likert_summary", "gap_scores", "gap_summary", "satisfaction_index", "ipa", "ipa_whatif",
    "problem_analysis", "satisfaction_indicators", "hidden_dissatisfaction",
    "dissatisfaction_counts", "complaint_outcomes", "margin_of_error", "sample_size",
    "sample_size_table", "loyalty_by_satisfaction", "repurchase_multiple", "loyalty_matrix",
]

#: The eight attributes of the chapter's simulated car-care survey (本书的模拟调查).
ATTRIBUTES = ("price", "waiting", "attitude", "quality", "explanation", "environment",
              "booking", "follow_up")
#: The six factors that shape satisfaction [002]: 企业、产品、服务、沟通、情感、环境.
FACTORS = ("firm", "product", "service", "communication", "emotion", "environment_factor")
#: The five satisfaction indicators [002]: 美誉度、指名度、回头率、抱怨率、销售力.
INDICATORS = ("reputation", "brand_request", "return_rate", "complaint_rate", "sales_power")
#: The four measurement methods [002], in its order.
METHODS = ("direct_rating", "derived_dissatisfaction", "problem_analysis", "importance_performance")
#: Complaint handling in eight steps [002] (客户投诉处理程序).
COMPLAINT_STEPS = ("记录投诉内容", "判断投诉是否成立", "确定投诉处理部门", "投诉处理部门分析投诉原因",
                   "提出处理方案", "提交主管领导批示", "实施处理方案", "总结评价")
#: The ten measures of brand loyalty [003] (品牌忠诚度客户测量标准).
LOYALTY_MEASURES = ("购买种类与定单量", "重复购买次数", "交易时间", "沟通成本", "对价格敏感程度",
                    "对价值取向", "对竞争产品态度", "对待竞争对手关系", "对产品质量承受能力",
                    "对待服务承诺的包容程度")
#: The steps of customer research [002 第三章第二节] (客户调查的步骤): three stages, each
#: with its numbered steps, as the seed lists them.
RESEARCH_STEPS = {"一、确定调查主题": ("提出调查主题", "选定具体调查目标", "形成假设因素",
                                   "判断调查需要的信息"),
                  "二、设计调查方案": ("确定客户调查类型", "选择资料收集方法和渠道", "组建客户调查的队伍",
                                   "选择样本方案", "估计要进行的资料分析结果", "预计调查费用及调查进度",
                                   "提出一份完整的调查建议书"),
                  "三、展开实际调查活动": ("收集资料", "资料处理", "资料分析", "提交报告")}
#: Methods of customer research [002 第三章].
RESEARCH_METHODS = ("观察调查法", "询问调查法", "实验调查法（无控制 / 有控制）", "焦点人群法", "德尔菲法")
#: Sampling as [002 第三章] groups it (random / non-random / census).
SAMPLING_METHODS = {"随机抽样": ("纯随机抽样", "机械抽样"),
                    "非随机抽样": ("类型抽样", "整群抽样", "任意抽样", "判断抽样", "配额抽样"),
                    "其他": ("普查", "典型调查")}
#: The three myths of customer research [002 第四节].
RESEARCH_MYTHS = ("客户调查是大型企业的专利", "抽样调查的样本越大越好", "做客户调查时不需要外部调查机构")
#: Zone of each level on a 1–5 scale: the loyalty/satisfaction model [003]
#: (失败区 / 冷淡区 / 热情区), named as Jones & Sasser (1995): defection,
#: indifference, affection.  [003] labels the middle "既没有满意，也没有不满意" (level 3,
#: 一般) and calls a rating of 4 or 5 "非常满意", the zone of affection; so 1–2 are the
#: zone of defection.  [003]'s point is that even 4–5 need not mean loyalty.
ZONES = {1: "defection", 2: "defection", 3: "indifference", 4: "affection", 5: "affection"}
#: The share of dissatisfied customers who stay, by what happened to them.  Complainants
#: follow [000] (registry ids in brackets): 89% leave when the problem is not solved
#: (ch2_unsolved_problem_drives_away → 11% stay), 75% are won back when the complaint is
#: handled well (ch2_complaint_win_back), 95% stay when it is handled promptly and
#: efficiently (ch2_fast_handling_keeps).  The 20% of the silent who stay is the book's
#: assumption (本书补充; no seed gives it).
STAY_RATES = {"silent": 0.20, "unresolved": 0.11, "resolved_slow": 0.75, "resolved_fast": 0.95}
#: The four quadrants of importance–performance analysis (Martilla & James 1977).
QUADRANTS = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")

_ZH = {"responses": "评分表", "survey": "调查数据", "expected": "期望评分", "perceived": "感知评分",
       "importance": "重要性", "performance": "表现"}


# --------------------------------------------------------------------------- checks
def _ratings(frame, name, scale):
    """A DataFrame of whole-number ratings 1..scale as a float array, or a clear error."""
    zh = _ZH.get(name, "评分")
    frame = check_frame(frame, name, zh=zh)
    if frame.shape[1] == 0 or len(frame) == 0:
        raise fail(name, described("an empty table"), "a table with at least one row and column",
                   "至少一行一列的表格", zh=zh)
    if frame.columns.has_duplicates:
        raise fail(name, described(f"column {frame.columns[frame.columns.duplicated()][0]!r} twice"),
                   "one column per item", "每个项目一列", zh=zh)
    try:
        if any(pd.api.types.is_bool_dtype(t) for t in frame.dtypes):
            raise TypeError
        arr = frame.to_numpy(dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise fail(name, described("columns that are not numbers"), f"whole-number ratings 1 to {scale}",
                   f"1 到 {scale} 的整数评分", zh=zh, kind=InputTypeError) from None
    bad = ~np.isfinite(arr) | (arr < 1) | (arr > scale) | (arr != np.round(arr))
    if bad.any():
        i, j = (int(k[0]) for k in np.nonzero(bad))
        raise fail(f"{name}[{frame.columns[j]!r}]", described(f"{arr[i, j]!r} in row {i}"),
                   f"whole-number ratings 1 to {scale}", f"1 到 {scale} 的整数评分", zh=zh)
    return arr


def _scale(scale):
    return check_int(scale, "scale", zh="量表点数", low=3, high=11)


def _means(values, name, scale):
    """Attribute means: a Series (already means) or a DataFrame of ratings (column means)."""
    zh = _ZH.get(name, name)
    if isinstance(values, pd.DataFrame):
        return pd.Series(_ratings(values, name, scale).mean(axis=0), index=values.columns)
    if not isinstance(values, pd.Series):
        raise fail(name, described(type(values).__name__),
                   "a Series of attribute means or a DataFrame of ratings",
                   "各属性均值的 Series 或评分表 DataFrame", zh=zh, kind=InputTypeError)
    if len(values) == 0 or values.index.has_duplicates:
        raise fail(name, described("an empty or duplicated index"), "one value per attribute",
                   "每个属性一个值", zh=zh)
    try:
        if pd.api.types.is_bool_dtype(values.dtype):
            raise TypeError
        arr = values.to_numpy(dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise fail(name, described("values that are not numbers"), f"means between 1 and {scale}",
                   f"1 到 {scale} 之间的均值", zh=zh, kind=InputTypeError) from None
    bad = ~np.isfinite(arr) | (arr < 1) | (arr > scale)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise fail(f"{name}[{values.index[i]!r}]", arr[i], f"a mean between 1 and {scale}",
                   f"1 到 {scale} 之间的均值", zh=zh)
    return pd.Series(arr, index=values.index)


def _survey(survey, cols, name="survey"):
    """The survey frame with ``cols``, at least one row and no duplicated column among them."""
    frame = check_frame(survey, name, cols, zh="调查数据")
    if len(frame) == 0:
        raise fail(name, described("an empty table"), "at least one respondent", "至少一位受访者",
                   zh="调查数据")
    dup = [c for c in cols if (frame.columns == c).sum() > 1]
    if dup:
        raise fail(name, described(f"column {dup[0]!r} twice"), "each column once", "每列只出现一次",
                   zh="调查数据")
    return frame


def _binary(survey, col, name):
    values = survey[col]
    try:
        arr = values.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail(name, described(f"column {col!r} that is not 0/1"), "a column of 0/1",
                   "取 0 或 1 的列", zh="调查数据", kind=InputTypeError) from None
    if not np.isin(arr, (0.0, 1.0)).all():
        i = int(np.flatnonzero(~np.isin(arr, (0.0, 1.0)))[0])
        raise fail(f"{name}[{col!r}]", described(f"{arr[i]!r} in row {i}"), "0 or 1 (no, yes)",
                   "0 或 1（否、是）", zh="调查数据")
    return arr


def _share(value, name, zh, *, low_open=False):
    return check_number(value, name, zh=zh, low=0, high=1, low_open=low_open)


_KINDS = {"expected": "exp", "perceived": "perf", "importance": "imp"}


def attribute_ratings(survey, kind="perceived", attributes=ATTRIBUTES):
    """One block of the survey as respondents × attributes (期望、感知表现或重要性评分).

    Parameters
    ----------
    survey : DataFrame
        With columns ``exp_<a>``, ``perf_<a>``, ``imp_<a>`` for each attribute a.
    kind : {"expected", "perceived", "importance"}
    attributes : sequence of str
        Default :data:`ATTRIBUTES`.

    Returns
    -------
    DataFrame
        Columns named by the attributes, ratings 1–5 (checked).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"perf_waiting": [2, 4], "perf_price": [3, 3]})
    >>> attribute_ratings(s, "perceived", ["waiting", "price"]).columns.tolist()
    ['waiting', 'price']
    """
    kind = check_choice(kind, "kind", tuple(_KINDS), zh="评分种类")
    if isinstance(attributes, (str, bytes)) or not isinstance(attributes, (list, tuple)) \
            or not attributes or not all(isinstance(a, str) for a in attributes):
        raise fail("attributes", attributes, "a non-empty list of attribute names",
                   "非空的属性名列表", zh="属性", kind=InputTypeError)
    cols = [f"{_KINDS[kind]}_{a}" for a in attributes]
    frame = _survey(survey, cols)
    _ratings(frame[cols], "survey", 5)
    return frame[cols].set_axis(list(attributes), axis=1)


# --------------------------------------------------------------------------- 1. direct rating
def likert_summary(responses, scale=5):
    """Likert summary per item (李克特量表汇总): n, mean, sd, distribution, top-2-box, bottom-2-box.

    The direct-rating method of [002] (很不满意、不太满意、一般、比较满意、很满意).

    Parameters
    ----------
    responses : DataFrame
        One row per respondent, one column per item, whole-number ratings 1…``scale``.
    scale : int, default 5
        Number of points (3 to 11).

    Returns
    -------
    DataFrame
        Index: the items.  Columns ``n``, ``mean``, ``sd`` (sample standard
        deviation, ddof = 1; 0 for one respondent), ``share_1`` … ``share_<scale>``
        (shares of each point, adding to 1), ``top2`` (share of the two highest
        points, 满意 + 很满意) and ``bottom2`` (the two lowest).

    Notes
    -----
    Top-2-box and bottom-2-box are market-research conventions (本书补充); the
    mean treats the points as equally spaced, which is a convention too.

    Examples
    --------
    >>> import pandas as pd
    >>> s = likert_summary(pd.DataFrame({"q": [1, 2, 4, 5, 5]}))
    >>> float(s.loc["q", "mean"]), float(s.loc["q", "top2"]), float(s.loc["q", "bottom2"])
    (3.4, 0.6, 0.4)
    """
    scale = _scale(scale)
    arr = _ratings(responses, "responses", scale)
    n = arr.shape[0]
    raw = np.stack([(arr == k).sum(axis=0) for k in range(1, scale + 1)], axis=1)
    counts = raw / n
    out = pd.DataFrame({"n": n, "mean": arr.mean(axis=0),
                        "sd": arr.std(axis=0, ddof=1) if n > 1 else np.zeros(arr.shape[1])},
                       index=responses.columns)
    for k in range(1, scale + 1):
        out[f"share_{k}"] = counts[:, k - 1]
    out["top2"] = raw[:, -2:].sum(axis=1) / n
    out["bottom2"] = raw[:, :2].sum(axis=1) / n
    out.index.name = "item"
    return out


# --------------------------------------------------------------------------- 2. expected vs received
def gap_scores(expected, perceived, scale=5):
    """Gap scores (差距分数) per respondent and attribute: perceived − expected [002].

    Parameters
    ----------
    expected, perceived : DataFrame
        The same respondents (rows) and attributes (columns), ratings 1…``scale``.
    scale : int, default 5

    Returns
    -------
    DataFrame
        perceived − expected, from −(scale − 1) to scale − 1; below 0 a
        shortfall (不满意), 0 met (满意), above 0 exceeded (高度满意).

    Notes
    -----
    [002] prints 满意 = 可感知效果 − 期望值 and, a page later, 客户满意度 = 理想产品 −
    实际产品 (the reverse sign); the book uses perceived − expected throughout.

    Examples
    --------
    >>> import pandas as pd
    >>> gap_scores(pd.DataFrame({"a": [4, 3]}), pd.DataFrame({"a": [3, 5]}))["a"].tolist()
    [-1.0, 2.0]
    """
    scale = _scale(scale)
    e = _ratings(expected, "expected", scale)
    p = _ratings(perceived, "perceived", scale)
    if e.shape != p.shape or list(expected.columns) != list(perceived.columns):
        raise fail("perceived", described(f"table of shape {p.shape}"),
                   f"the same rows and columns as expected {e.shape}", "与期望评分相同的行和列",
                   zh="感知评分")
    return pd.DataFrame(p - e, index=perceived.index, columns=perceived.columns)


def gap_summary(gaps):
    """Per attribute: mean gap and the shares below, at and above expectation [002].

    The share below 0 is the "derived dissatisfaction" (引申出来的不满意) of [002]'s
    second method.

    Parameters
    ----------
    gaps : DataFrame
        Output of :func:`gap_scores`.

    Returns
    -------
    DataFrame
        Index: attributes, sorted by mean gap (worst first).  Columns
        ``mean_gap``, ``share_below``, ``share_met``, ``share_above``.

    Examples
    --------
    >>> import pandas as pd
    >>> g = gap_summary(pd.DataFrame({"a": [-1.0, 0.0, 2.0, -2.0], "b": [0.0, 0.0, 1.0, 1.0]}))
    >>> g.index.tolist(), float(g.loc["a", "share_below"])
    (['a', 'b'], 0.5)
    """
    frame = check_frame(gaps, "gaps", zh="差距分数")
    try:
        arr = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail("gaps", described("columns that are not numbers"), "gap scores (numbers)",
                   "差距分数（数值）", zh="差距分数", kind=InputTypeError) from None
    if arr.size == 0 or not np.isfinite(arr).all():
        raise fail("gaps", described("an empty table or missing values"), "finite gap scores",
                   "有限的差距分数", zh="差距分数")
    out = pd.DataFrame({"mean_gap": arr.mean(axis=0), "share_below": (arr < 0).mean(axis=0),
                        "share_met": (arr == 0).mean(axis=0), "share_above": (arr > 0).mean(axis=0)},
                       index=frame.columns)
    out.index.name = "attribute"
    return out.sort_values("mean_gap", kind="stable")


# --------------------------------------------------------------------------- 4. importance / performance
def satisfaction_index(performance, importance=None, scale=5):
    """Satisfaction index (满意度指数) on 0–100: the importance-weighted mean performance.

    Formula: each attribute's mean performance p is put on 0–100 by
    100·(p − 1)/(scale − 1); the index is Σ w_a·that, with w_a = mean
    importance of a ÷ the sum over attributes (equal weights when
    ``importance`` is None).

    Parameters
    ----------
    performance : Series or DataFrame
        Mean performance per attribute, or ratings (respondents × attributes).
    importance : Series or DataFrame, optional
        Mean importance per attribute (same attributes), or ratings.
    scale : int, default 5

    Returns
    -------
    float
        0 (every attribute rated 1) to 100 (every attribute rated ``scale``).

    Notes
    -----
    [002] measures satisfaction on a 0–100 scale (百分制) but gives no weights;
    the importance weighting is the book's stated convention (本书补充; indices such
    as the ACSI, Fornell et al. 1996, also report on 0–100 but estimate the weights
    with a structural model).

    Examples
    --------
    >>> import pandas as pd
    >>> satisfaction_index(pd.Series({"a": 5.0, "b": 3.0}), pd.Series({"a": 3.0, "b": 1.0}))
    87.5
    """
    scale = _scale(scale)
    p = _means(performance, "performance", scale)
    if importance is None:
        w = pd.Series(1.0, index=p.index)
    else:
        w = _means(importance, "importance", scale)
        if set(w.index) != set(p.index):
            raise fail("importance", described(f"attributes {list(w.index)}"),
                       f"the attributes of performance {list(p.index)}", "与表现相同的属性", zh="重要性")
        w = w.reindex(p.index)
    w = w / w.sum()
    return float((w * 100 * (p - 1) / (scale - 1)).sum())


def _crosshair(crosshair, imp, perf, scale=5):
    if isinstance(crosshair, str):
        rule = check_choice(crosshair, "crosshair", ("mean", "median"), zh="十字线")
        return ((float(imp.mean()), float(perf.mean())) if rule == "mean"
                else (float(imp.median()), float(perf.median())))
    if isinstance(crosshair, (tuple, list)) and len(crosshair) == 2:
        # on the rating scale: a crosshair off the scale puts every attribute in one quadrant
        x = check_number(crosshair[0], "crosshair[0]", zh="十字线的重要性坐标", low=1, high=scale)
        y = check_number(crosshair[1], "crosshair[1]", zh="十字线的表现坐标", low=1, high=scale)
        return x, y
    raise fail("crosshair", crosshair, '"mean", "median" or a pair (importance, performance)',
               '"mean"、"median" 或一对数 (重要性, 表现)', zh="十字线", kind=InputTypeError)


def ipa(importance, performance, crosshair="mean", scale=5):
    """Importance–performance analysis (重要性—表现分析, IPA) of Martilla & James (1977).

    Each attribute is placed by its mean importance (x) and mean performance
    (y); a crosshair splits the grid into four quadrants:

    * high importance, low performance → ``concentrate_here`` (重点改进);
    * high importance, high performance → ``keep_up`` (继续保持);
    * low importance, low performance → ``low_priority`` (次要改进);
    * low importance, high performance → ``possible_overkill`` (可能过度投入).

    A point exactly on a line counts as high.  This is [002]'s fourth method
    (重要性/绩效等级排列) drawn as a grid.

    Parameters
    ----------
    importance, performance : Series or DataFrame
        Means per attribute, or ratings (respondents × attributes); same attributes.
    crosshair : {"mean", "median"} or (x, y)
        Where the lines cross: the mean or median of the attribute means, or
        given values (Martilla & James place them by judgement; scale midpoints
        or grand means are common).
    scale : int, default 5

    Returns
    -------
    DataFrame
        Index: attributes.  Columns ``importance``, ``performance``,
        ``quadrant``; ``attrs["crosshair"]`` holds (x, y).

    References
    ----------
    Martilla, J. A., & James, J. C. (1977). Importance-performance analysis.
    *Journal of Marketing*, 41(1), 77–79.

    Examples
    --------
    >>> import pandas as pd
    >>> imp = pd.Series({"a": 4.5, "b": 4.5, "c": 2.0, "d": 2.0})
    >>> perf = pd.Series({"a": 2.0, "b": 4.0, "c": 2.0, "d": 4.0})
    >>> ipa(imp, perf)["quadrant"].tolist()
    ['concentrate_here', 'keep_up', 'low_priority', 'possible_overkill']
    """
    scale = _scale(scale)
    imp = _means(importance, "importance", scale)
    perf = _means(performance, "performance", scale)
    if set(imp.index) != set(perf.index):
        raise fail("performance", described(f"attributes {list(perf.index)}"),
                   f"the attributes of importance {list(imp.index)}", "与重要性相同的属性", zh="表现")
    perf = perf.reindex(imp.index)
    x, y = _crosshair(crosshair, imp, perf, scale)
    high_i, high_p = (imp >= x).to_numpy(), (perf >= y).to_numpy()
    quadrant = np.where(high_i, np.where(high_p, "keep_up", "concentrate_here"),
                        np.where(high_p, "possible_overkill", "low_priority"))
    out = pd.DataFrame({"importance": imp.to_numpy(), "performance": perf.to_numpy(),
                        "quadrant": quadrant}, index=imp.index)
    out.index.name = "attribute"
    out.attrs["crosshair"] = (x, y)
    return out


def ipa_whatif(importance, performance, attribute, improvement=0.0, crosshair="mean", scale=5):
    """IPA and the 0–100 index after one attribute's mean performance improves (the IPA panel's model).

    Parameters
    ----------
    importance, performance : Series
        Mean importance and performance per attribute.
    attribute : label
        The attribute improved.
    improvement : float
        Points added to its mean performance (−2 to 2; the result is kept
        within 1…``scale``).
    crosshair, scale
        As for :func:`ipa`.

    Returns
    -------
    dict
        ``table`` (the :func:`ipa` table after the change), ``quadrant_before``,
        ``quadrant_after`` (of ``attribute``), ``index_before``, ``index_after``
        (:func:`satisfaction_index`, importance-weighted), ``index_change`` and
        ``n_concentrate`` (attributes in 重点改进 after the change).

    Examples
    --------
    >>> import pandas as pd
    >>> imp = pd.Series({"a": 4.5, "b": 4.5, "c": 2.0, "d": 2.0})
    >>> perf = pd.Series({"a": 2.0, "b": 4.0, "c": 2.0, "d": 4.0})
    >>> r = ipa_whatif(imp, perf, "a", 2.0)
    >>> r["quadrant_before"], r["quadrant_after"], round(r["index_change"], 2)
    ('concentrate_here', 'keep_up', 17.31)
    """
    scale = _scale(scale)
    imp = _means(importance, "importance", scale)
    perf = _means(performance, "performance", scale)
    try:
        hash(attribute)
    except TypeError:
        raise fail("attribute", attribute, "one attribute", "一个属性", zh="属性",
                   kind=InputTypeError) from None
    attribute = check_choice(attribute, "attribute", list(perf.index), zh="属性")
    improvement = check_number(improvement, "improvement", zh="改进幅度", low=-(scale - 1),
                               high=scale - 1)
    before = ipa(imp, perf, crosshair, scale)
    new = perf.copy()
    new[attribute] = min(max(new[attribute] + improvement, 1.0), float(scale))
    after = ipa(imp, new, crosshair, scale)
    i0, i1 = satisfaction_index(perf, imp, scale), satisfaction_index(new, imp, scale)
    return {"table": after, "quadrant_before": before.loc[attribute, "quadrant"],
            "quadrant_after": after.loc[attribute, "quadrant"], "index_before": i0,
            "index_after": i1, "index_change": i1 - i0,
            "n_concentrate": int((after["quadrant"] == "concentrate_here").sum())}


# --------------------------------------------------------------------------- 3. problem analysis
def problem_analysis(survey, area_col="problem_area", none_label="none"):
    """Problem analysis (问题分析) [002]: the share of respondents naming each problem area.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent.
    area_col : str
        Column naming the area of the problem the respondent reported, or
        ``none_label`` for none.
    none_label : str

    Returns
    -------
    DataFrame
        Index: problem areas, most named first.  Columns ``n`` (respondents),
        ``share`` (of all respondents), ``share_of_problems`` and
        ``cumulative_share`` (of all problems, a Pareto list).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"problem_area": ["waiting", "none", "waiting", "price"]})
    >>> problem_analysis(s)["n"].to_dict()
    {'waiting': 2, 'price': 1}
    """
    area_col = check_column(area_col, "area_col", zh="问题类别列")
    if not isinstance(none_label, str):  # a list, number, bool or NaN would never match a row
        raise fail("none_label", none_label, "a string (the label of 'no problem')",
                   "字符串（表示“无问题”的类别名）", zh="“无问题”标签", kind=InputTypeError)
    frame = _survey(survey, [area_col])
    areas = frame[area_col].astype(object)
    if areas.isna().any():
        raise fail(f"survey[{area_col!r}]", described("a missing value"),
                   f"an area or {none_label!r} for every respondent", "每位受访者一个类别或“无”",
                   zh="调查数据")
    counts = areas[areas != none_label].value_counts(sort=True)
    counts = counts.sort_values(ascending=False, kind="stable")
    total = max(int(counts.sum()), 1)
    out = pd.DataFrame({"n": counts.astype(int), "share": counts / len(frame),
                        "share_of_problems": counts / total})
    out["cumulative_share"] = out["share_of_problems"].cumsum()
    out.index.name = "problem_area"
    return out


# --------------------------------------------------------------------------- indicators
def satisfaction_indicators(survey, sales_now, sales_before, praised_col="praised",
                            asked_col="asked_by_name", returned_col="repurchase",
                            complained_col="complained"):
    """The five satisfaction indicators of [002] (客户满意度指标), computed.

    Operational definitions (本书补充; [002] names the indicators without formulas):

    * 美誉度 reputation = share of respondents who praised the firm to others;
    * 指名度 brand request = share who asked for the firm by name;
    * 回头率 return rate = share who bought again within 12 months;
    * 抱怨率 complaint rate = share who complained;
    * 销售力 sales power = sales growth, sales_now / sales_before − 1.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent with the four 0/1 columns named below.
    sales_now, sales_before : float
        Sales of this and of the previous period (元, > 0).
    praised_col, asked_col, returned_col, complained_col : str

    Returns
    -------
    Series
        Indexed by :data:`INDICATORS`.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"praised": [1, 0], "asked_by_name": [1, 1], "repurchase": [0, 1],
    ...                   "complained": [0, 0]})
    >>> satisfaction_indicators(s, 110.0, 100.0).round(3).tolist()
    [0.5, 1.0, 0.5, 0.0, 0.1]
    """
    cols = [check_column(c, n, zh="列名") for c, n in
            ((praised_col, "praised_col"), (asked_col, "asked_col"), (returned_col, "returned_col"),
             (complained_col, "complained_col"))]
    frame = _survey(survey, cols)
    now = check_number(sales_now, "sales_now", zh="本期销售额", low=0, low_open=True)
    before = check_number(sales_before, "sales_before", zh="上期销售额", low=0, low_open=True)
    shares = [float(_binary(frame, c, "survey").mean()) for c in cols]
    growth = check_finite_result(now / before - 1, "the sales growth", "销售增长率",
                                 arguments=("sales_now", "sales_before"))
    return pd.Series(shares + [growth], index=list(INDICATORS), name="value")


# --------------------------------------------------------------------------- hidden dissatisfaction
def hidden_dissatisfaction(complaints, visible_share=0.3):
    """Dissatisfied customers estimated from complaints (由投诉推算不满客户).

    If only ``visible_share`` of dissatisfaction is voiced (显性不满), ``complaints``
    complaints stand for complaints / visible_share dissatisfied customers, of
    whom the rest are hidden (隐性不满).  [002]: hidden dissatisfaction often
    reaches 70% of all dissatisfaction, so visible_share = 0.3; [001]: 96% of
    unhappy customers never tell the firm, so visible_share = 0.04.

    Parameters
    ----------
    complaints : float
        Complaints received (≥ 0; one per complaining customer).
    visible_share : float
        The share of dissatisfied customers who complain, in (0, 1].

    Returns
    -------
    Series
        ``complaints``, ``dissatisfied`` (the estimate), ``hidden`` (dissatisfied
        − complaints) and ``hidden_share`` (1 − visible_share).

    Examples
    --------
    >>> hidden_dissatisfaction(60, 0.3).round(6).tolist()
    [60.0, 200.0, 140.0, 0.7]
    """
    c = check_number(complaints, "complaints", zh="投诉数", low=0)
    v = _share(visible_share, "visible_share", "显性不满比例", low_open=True)
    total = check_finite_result(c / v, "the number of dissatisfied customers", "不满客户数",
                                arguments=("complaints", "visible_share"))
    return pd.Series({"complaints": c, "dissatisfied": total, "hidden": total - c,
                      "hidden_share": 1 - v})


def dissatisfaction_counts(survey, satisfaction_col="overall", complained_col="complained",
                           threshold=2):
    """Dissatisfied respondents, those who complained and the hidden share, from a survey.

    A respondent is dissatisfied when the direct rating is ≤ ``threshold`` (1 很不满意,
    2 不太满意 on a 1–5 scale).

    Returns
    -------
    Series
        ``dissatisfied``, ``complained`` (dissatisfied who complained),
        ``hidden`` and ``hidden_share`` (hidden ÷ dissatisfied).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"overall": [1, 2, 2, 5], "complained": [1, 0, 0, 0]})
    >>> dissatisfaction_counts(s).round(4).tolist()
    [3.0, 1.0, 2.0, 0.6667]
    """
    satisfaction_col = check_column(satisfaction_col, "satisfaction_col", zh="满意度列")
    complained_col = check_column(complained_col, "complained_col", zh="投诉列")
    frame = _survey(survey, [satisfaction_col, complained_col])
    threshold = check_int(threshold, "threshold", zh="不满意的最高评分", low=1, high=10)
    rating = _ratings(frame[[satisfaction_col]], "survey", 11)[:, 0]
    complained = _binary(frame, complained_col, "survey")
    dis = rating <= threshold
    n = int(dis.sum())
    if n == 0:
        raise fail("survey", described("no dissatisfied respondent"),
                   f"at least one rating <= {threshold}", f"至少一个不高于 {threshold} 的评分", zh="调查数据")
    voiced = int((complained[dis] == 1).sum())
    return pd.Series({"dissatisfied": float(n), "complained": float(voiced),
                      "hidden": float(n - voiced), "hidden_share": (n - voiced) / n})


def complaint_outcomes(dissatisfied, complain_share=0.3, resolved_share=0.6, fast_share=0.5,
                       annual_margin=600.0, retention=0.8, discount_rate=0.1, told_good=8.0,
                       told_bad=22.0, stay_rates=None):
    """What complaint handling keeps (投诉处理留住的客户与价值): customers, value and word of mouth.

    The dissatisfied split into those who stay silent, complain without a
    resolution, and complain and are resolved slowly or quickly (当场/迅速解决).
    Each group stays with the share in ``stay_rates``; a customer kept is worth
    his CLV from :func:`crmlab.value.clv` (annual margin, retention, discount
    rate, infinite horizon).  Word of mouth ([003]: 8 and 22 people; [002]: a
    customer whose complaint is resolved stays and tells friends how it was put
    right, one who is not tells of the bad service):

        net word of mouth = told_good × (resolved complainants who stay)
                            − told_bad × (all customers lost),

    so each customer is counted once: a resolved complainant who still leaves
    counts among the lost, not among the good.

    Parameters
    ----------
    dissatisfied : float
        Dissatisfied customers (≥ 0).
    complain_share, resolved_share, fast_share : float
        Shares in [0, 1]: of the dissatisfied who complain, of complaints
        resolved, of resolutions that are fast.
    annual_margin, retention, discount_rate : float
        For the CLV of a customer kept (元 per year, 留存率, 折现率).
    told_good, told_bad : float
        People told of a good / bad experience (≥ 0).
    stay_rates : dict, optional
        Overrides of :data:`STAY_RATES` (本书的假设).

    Returns
    -------
    dict
        ``silent``, ``unresolved``, ``resolved_slow``, ``resolved_fast`` (customers),
        ``kept_<group>`` (of each group, those who stay), ``kept``, ``lost``,
        ``kept_share``, ``clv``, ``value_kept`` (元),
        ``told_good_total``, ``told_bad_total``, ``net_word_of_mouth`` (people).

    Examples
    --------
    >>> r = complaint_outcomes(100, 0.3, 1.0, 1.0, annual_margin=100, retention=0.5, discount_rate=0.0)
    >>> round(r["kept"], 6), round(r["clv"], 6), round(r["value_kept"], 6)
    (42.5, 100.0, 4250.0)
    """
    from .. import value

    d = check_number(dissatisfied, "dissatisfied", zh="不满客户数", low=0)
    c = _share(complain_share, "complain_share", "投诉的比例")
    r = _share(resolved_share, "resolved_share", "投诉解决率")
    f = _share(fast_share, "fast_share", "迅速解决的比例")
    good = check_number(told_good, "told_good", zh="好体验告诉的人数", low=0, high=1e6)
    bad = check_number(told_bad, "told_bad", zh="坏体验告诉的人数", low=0, high=1e6)
    rates = dict(STAY_RATES)
    if stay_rates is not None:
        if not isinstance(stay_rates, dict):
            raise fail("stay_rates", stay_rates, "a dict of group → share who stay",
                       "各组留下比例的字典", zh="留下的比例", kind=InputTypeError)
        for k, v in stay_rates.items():
            check_choice(k, "stay_rates", tuple(STAY_RATES), zh="留下的比例")
            rates[k] = _share(v, f"stay_rates[{k!r}]", "留下的比例")
    margin = check_number(annual_margin, "annual_margin", zh="每年利润")
    try:
        clv = value.clv(margin, retention, discount_rate)
    except InputError as err:  # value.clv's overflow names its own arguments (margin, horizon, …)
        if "overflows" not in str(err):
            raise
        check_finite_result(math.inf, "the CLV of a customer kept", "留住客户的终生价值",
                            arguments=("annual_margin", "retention", "discount_rate"))
    groups = {"silent": d * (1 - c), "unresolved": d * c * (1 - r),
              "resolved_slow": d * c * r * (1 - f), "resolved_fast": d * c * r * f}
    kept = sum(groups[k] * rates[k] for k in groups)
    lost = d - kept
    out = dict(groups)
    out.update({f"kept_{k}": groups[k] * rates[k] for k in groups})
    out.update(kept=kept, lost=lost, kept_share=kept / d if d > 0 else 0.0, clv=clv,
               value_kept=check_finite_result(kept * clv, "the value kept", "留住的价值",
                                              arguments=("dissatisfied", "annual_margin")),
               told_good_total=good * (groups["resolved_slow"] * rates["resolved_slow"]
                                       + groups["resolved_fast"] * rates["resolved_fast"]),
               told_bad_total=bad * lost)
    out["net_word_of_mouth"] = out["told_good_total"] - out["told_bad_total"]
    check_finite_result(list(out.values()), "the outcomes", "投诉处理的结果",
                        arguments=("dissatisfied", "told_good", "told_bad"))
    return out


# --------------------------------------------------------------------------- customer research
def _z(confidence):
    conf = check_number(confidence, "confidence", zh="置信水平", low=0, high=1, low_open=True,
                        high_open=True)
    from scipy.special import ndtri      # the standard-normal quantile, as scipy.stats.norm.ppf

    return float(ndtri(0.5 + conf / 2))


def _population(population, n=None):
    if population is None:
        return None
    if isinstance(population, bool) or not isinstance(population, numbers.Real):
        raise fail("population", population, "a whole number >= 2 or None", "不小于 2 的整数或 None",
                   zh="总体规模", kind=InputTypeError)
    N = check_int(population, "population", zh="总体规模", low=2)
    if n is not None and n > N:
        raise fail("n", n, f"a sample no larger than the population ({N:,})",
                   f"不大于总体规模（{N:,}）的样本量", zh="样本量")
    return N


def margin_of_error(n, p=0.5, confidence=0.95, population=None):
    """Margin of error (抽样误差) of a proportion from a simple random sample.

    Formula: e = z·√(p(1 − p)/n), multiplied by the finite-population
    correction √((N − n)/(N − 1)) when the population size N is given; z is
    the standard-normal quantile of (1 + confidence)/2 (``scipy.special.ndtri``,
    the function ``scipy.stats.norm.ppf`` evaluates).

    Parameters
    ----------
    n : int
        Sample size (≥ 1; ≤ N).
    p : float, default 0.5
        Expected proportion, in [0, 1] (0.5 gives the widest margin).
    confidence : float, default 0.95
    population : int, optional
        Population size N (≥ 2); None for a population so large that it does
        not matter.

    Returns
    -------
    float
        Half-width of the confidence interval, as a share (0.031 = ±3.1 个百分点).

    References
    ----------
    Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.). Wiley, ch. 4.

    Examples
    --------
    >>> round(margin_of_error(385), 4), round(margin_of_error(1000, population=20000), 4)
    (0.0499, 0.0302)
    """
    n = check_int(n, "n", zh="样本量", low=1)
    p = _share(p, "p", "预计比例")
    z = _z(confidence)
    N = _population(population, n)
    e = z * math.sqrt(p * (1 - p) / n)
    if N is not None:
        e *= math.sqrt((N - n) / (N - 1))
    return float(e)


def sample_size(margin=0.05, p=0.5, confidence=0.95, population=None):
    """Sample size (样本量) for a proportion with a given margin of error.

    Formula (Cochran 1977): n₀ = z²·p(1 − p)/e²; with a population of N,
    n = n₀ / (1 + (n₀ − 1)/N).  The result is rounded up.

    Parameters
    ----------
    margin : float, default 0.05
        Margin of error e, in [0.0001, 1).
    p, confidence, population
        As for :func:`margin_of_error`.

    Returns
    -------
    int

    References
    ----------
    Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.). Wiley.
    Israel, G. D. (1992). *Determining Sample Size*. Fact Sheet PEOD-6,
    University of Florida IFAS (worked examples: 385 for ±5% at 95%; 323 for a
    population of 2,000).

    Examples
    --------
    >>> sample_size(0.05), sample_size(0.05, population=2000), sample_size(0.03, population=20000)
    (385, 323, 1014)
    """
    # at least 0.0001 (±0.01 个百分点, about 10⁸ responses at 95%): a smaller margin is no survey
    e = check_number(margin, "margin", zh="允许误差", low=1e-4, high=1, high_open=True)
    p = _share(p, "p", "预计比例")
    z = _z(confidence)
    N = _population(population)
    n0 = check_finite_result(z * z * p * (1 - p) / (e * e), "the sample size", "样本量",
                             arguments=("margin", "confidence"))
    n = n0 if N is None else n0 / (1 + (n0 - 1) / N)
    n = max(1, math.ceil(n - 1e-9))
    return int(min(n, N) if N is not None else n)


def sample_size_table(sizes, p=0.5, confidence=0.95, population=None, fixed_cost=5000.0,
                      cost_per_response=40.0):
    """Margin of error and cost against sample size (样本量、误差与费用) — the "bigger is better" myth.

    Cost = fixed_cost + cost_per_response·n (本书补充, a linear cost model).
    The margin shrinks as 1/√n while the cost grows as n, so each extra
    point of precision costs more than the last [002 第四节: 样本越大越好 is a myth].

    Parameters
    ----------
    sizes : sequence of int
        Sample sizes (≥ 1, ≤ population).
    p, confidence, population
        As for :func:`margin_of_error`.
    fixed_cost, cost_per_response : float
        元 (≥ 0).

    Returns
    -------
    DataFrame
        Index ``sample_n``; columns ``margin``, ``survey_cost`` and ``cost_per_point`` (元 per
        percentage point of margin removed since the previous size; NaN for the first).

    Examples
    --------
    >>> t = sample_size_table([100, 400], fixed_cost=0, cost_per_response=10)
    >>> t["survey_cost"].tolist(), round(float(t["margin"].iloc[1] / t["margin"].iloc[0]), 6)
    ([1000.0, 4000.0], 0.5)
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) == 0:
        raise fail("sizes", sizes, "a non-empty list of sample sizes", "非空的样本量列表", zh="样本量",
                   kind=InputTypeError)
    ns = [check_int(s, f"sizes[{i}]", zh="样本量", low=1) for i, s in enumerate(sizes)]
    fixed = check_number(fixed_cost, "fixed_cost", zh="固定费用", low=0)
    per = check_number(cost_per_response, "cost_per_response", zh="每份问卷费用", low=0)
    margins = np.array([margin_of_error(n, p, confidence, population) for n in ns])
    with np.errstate(over="ignore"):        # an overflow is reported just below, not warned
        cost = fixed + per * np.array(ns, dtype=float)
    cost = check_finite_result(cost, "the survey cost", "调查费用",
                               arguments=("sizes", "fixed_cost", "cost_per_response"))
    out = pd.DataFrame({"margin": margins, "survey_cost": cost}, index=pd.Index(ns, name="sample_n"))
    gain = -np.diff(margins) * 100
    with np.errstate(divide="ignore", invalid="ignore"):
        per_point = np.where(gain > 0, np.diff(cost) / np.where(gain > 0, gain, 1), np.nan)
    out["cost_per_point"] = np.concatenate([[np.nan], per_point])
    return out


# --------------------------------------------------------------------------- loyalty
def loyalty_by_satisfaction(survey, satisfaction_col="overall", repurchase_col="repurchase",
                            recommend_col="recommend", bad_word_col="told_others_bad", scale=5):
    """Loyalty by satisfaction level (各满意度等级的忠诚): the loyalty/satisfaction model [003].

    Per level: respondents, repurchase and recommend rates, the zone
    (:data:`ZONES`: defection 失败区, indifference 冷淡区, affection 热情区),
    apostles (传道者 / [003] 坚决支持者: top level, bought again and would
    recommend) and terrorists (恐怖分子: a level in the zone of defection, 1–2,
    and told others of a bad experience).  Jones & Sasser (1995) found the curve flat over most of the
    scale and steep at the top: satisfied ≠ loyal.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent.
    satisfaction_col : str
        Direct rating 1…``scale`` (5 only: the zones are for a 1–5 scale).
    repurchase_col, recommend_col, bad_word_col : str
        0/1 columns.
    scale : int, default 5

    Returns
    -------
    DataFrame
        Index ``level`` 1…5 (every level, n = 0 where nobody chose it; its
        rates are then NaN, not 0).  Columns ``n``, ``repurchase_rate``,
        ``recommend_rate``, ``zone``, ``apostles``, ``terrorists``.

    References
    ----------
    Jones, T. O., & Sasser, W. E. (1995). Why satisfied customers defect.
    *Harvard Business Review*, 73(6), 88–99.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"overall": [1, 4, 5, 5], "repurchase": [0, 0, 1, 1],
    ...                   "recommend": [0, 1, 1, 0], "told_others_bad": [1, 0, 0, 0]})
    >>> t = loyalty_by_satisfaction(s)
    >>> float(t.loc[5, "repurchase_rate"]), int(t["apostles"].sum()), int(t["terrorists"].sum())
    (1.0, 1, 1)
    """
    scale = check_choice(check_int(scale, "scale", zh="量表点数", low=3, high=11), "scale", (5,),
                         zh="量表点数")
    cols = [check_column(c, n, zh="列名") for c, n in
            ((satisfaction_col, "satisfaction_col"), (repurchase_col, "repurchase_col"),
             (recommend_col, "recommend_col"), (bad_word_col, "bad_word_col"))]
    frame = _survey(survey, cols)
    level = _ratings(frame[[cols[0]]], "survey", scale)[:, 0].astype(int)
    rep, rec, bad = (_binary(frame, c, "survey") for c in cols[1:])
    levels = np.arange(1, scale + 1)
    n = np.bincount(level, minlength=scale + 1)[1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        rep_rate = np.bincount(level, weights=rep, minlength=scale + 1)[1:] / n
        rec_rate = np.bincount(level, weights=rec, minlength=scale + 1)[1:] / n
    apostles = np.bincount(level, weights=(level == scale) * rep * rec, minlength=scale + 1)[1:]
    defect = np.array([ZONES[k] == "defection" for k in range(1, scale + 1)])[level - 1]
    terrorists = np.bincount(level, weights=defect * bad, minlength=scale + 1)[1:]
    out = pd.DataFrame({"n": n, "repurchase_rate": rep_rate, "recommend_rate": rec_rate,
                        "zone": [ZONES[k] for k in levels], "apostles": apostles.astype(int),
                        "terrorists": terrorists.astype(int)}, index=pd.Index(levels, name="level"))
    return out


def repurchase_multiple(table, high=5, low=4, rate_col="repurchase_rate"):
    """How many times the loyalty rate of level ``high`` is that of level ``low`` (忠诚倍数).

    [001] (小资料16-1) says a very satisfied customer's purchase intent is 6 times a
    merely satisfied customer's (the figure goes back to Jones & Sasser's Xerox data).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"repurchase_rate": [0.1, 0.6]}, index=[4, 5])
    >>> round(repurchase_multiple(t), 6)
    6.0
    """
    rate_col = check_column(rate_col, "rate_col", zh="比率列")
    frame = check_frame(table, "table", [rate_col], zh="忠诚表")
    for v, name in ((high, "high"), (low, "low")):
        check_int(v, name, zh="满意度等级")
        if v not in frame.index:
            raise fail(name, v, f"a level in the table {list(frame.index)}", "表中的满意度等级", zh="满意度等级")
    hi, lo = float(frame.loc[high, rate_col]), float(frame.loc[low, rate_col])
    if not (np.isfinite(hi) and np.isfinite(lo)) or lo <= 0:
        raise fail("table", described(f"rate {lo!r} at level {low}"),
                   "a positive rate at level low", "较低等级的比率为正", zh="忠诚表")
    return hi / lo


def loyalty_matrix(survey, product_col="product_rating", service_col="service_rating",
                   repurchase_col="repurchase", threshold=4):
    """The loyalty matrix [003] (客户忠诚度矩阵): product satisfaction × service satisfaction.

    A respondent is satisfied with the product (service) when its rating is
    ≥ ``threshold``.  [003] draws the 2 × 2 grid without numbers; the cells are
    filled here with the survey's repurchase rates.

    Returns
    -------
    DataFrame
        Four rows (product satisfied 1/0 × service satisfied 1/0) with
        ``product_satisfied``, ``service_satisfied``, ``n`` and
        ``repurchase_rate`` (NaN for an empty cell).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"product_rating": [5, 5, 2, 2], "service_rating": [5, 2, 5, 2],
    ...                   "repurchase": [1, 0, 0, 0]})
    >>> loyalty_matrix(s)["repurchase_rate"].tolist()
    [1.0, 0.0, 0.0, 0.0]
    """
    cols = [check_column(c, n, zh="列名") for c, n in
            ((product_col, "product_col"), (service_col, "service_col"),
             (repurchase_col, "repurchase_col"))]
    frame = _survey(survey, cols)
    threshold = check_int(threshold, "threshold", zh="满意的最低评分", low=2, high=11)
    ratings = _ratings(frame[cols[:2]], "survey", 11)
    rep = _binary(frame, cols[2], "survey")
    ps, ss = ratings[:, 0] >= threshold, ratings[:, 1] >= threshold
    cell = (1 - ps.astype(int)) * 2 + (1 - ss.astype(int))          # 0: both satisfied … 3: neither
    n = np.bincount(cell, minlength=4)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.bincount(cell, weights=rep, minlength=4) / n
    return pd.DataFrame({"product_satisfied": [1, 1, 0, 0], "service_satisfied": [1, 0, 1, 0],
                         "n": n, "repurchase_rate": rate})
