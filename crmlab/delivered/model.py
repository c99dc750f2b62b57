"""The maths of Chapter 4: customer delivered value (客户让渡价值).

Everything here is a pure function of numbers and DataFrames; nothing is
drawn, labelled or formatted.  Money is in 元 (yuan) per unit bought (one
refrigerator in the chapter's simulated survey).

* Customer delivered value (客户让渡价值, CDV) = total customer value (客户总价值)
  − total customer cost (客户总成本) [001, 004].  Total value = product value
  (产品价值) + service value (服务价值) + personnel value (人员价值) + image
  value (形象价值); total cost = monetary cost (货币成本) + time cost (时间成本)
  + energy cost (精力成本) + physical cost (体力成本).  [001] names the first
  three costs and treats energy and physical cost together (精力和体力成本);
  [004] lists physical cost (体力成本) separately, so the book keeps four.
* The ratio form (value ÷ cost) is the other common way to compare offers
  (本书补充, after Kotler & Keller, *Marketing Management*); it can rank offers
  differently from the difference, because a cheap offer can give more value per
  yuan and less value in total.
* Different customers weigh the components differently ([004]: 价值会因客户而异):
  a weight per segment and component multiplies that component.
* Choice (本书补充): the highest-CDV rule, and the multinomial logit of
  McFadden (1974) with a sensitivity parameter; customers who lack information
  ([004]: 客户不一定具有判断力与信息) perceive the value of each offer with a
  random error.
* Levers (本书补充, making [001]'s 提高客户让渡价值的途径 quantitative): the
  least-cost change of one component that lets a firm overtake the best rival,
  and Haier's "只打价值战，不打价格战" [001] tested as a price cut against a
  service-value increase that costs the firm the same.

Units: the survey rates every component except the price on a 0–10 scale;
:func:`offer_profiles` converts a value score to 元 at ``value_rate`` 元 per
point and a non-monetary cost score at ``cost_rate`` 元 per point (defaults
`VALUE_RATE` = 400 and `COST_RATE` = 100: this book's stated
convention, not a figure of the seeds).  The monetary cost is the price in 元.
"""
from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._columns import check_ids
from ..validation import (InputTypeError, check_array, check_choice, check_column,
                          check_finite_result, check_frame, check_int, check_number, described,
                          fail)

__all__ = [
    "VALUE_COMPONENTS", "COST_COMPONENTS", "COMPONENTS", "SCORE_COLUMNS", "POINT_COLUMNS",
    "VALUE_RATE", "COST_RATE", "IMPORTANCE_POINTS", "UNIT_COSTS", "LEVERS",
    "offer_profiles", "segment_weights", "delivered_value", "cdv_by_segment",
    "chosen_offer", "best_by", "rank_forms", "logit_shares", "choice_shares", "shares_by_noise",
    "lever_table",
    "cheapest_lever", "price_or_value", "budget_returns", "price_and_value", "our_offer_whatif",
]

#: The four values (客户总价值的四个组成部分) [001, 004].
VALUE_COMPONENTS = ("product_value", "service_value", "personnel_value", "image_value")
#: The four costs (客户总成本的四个组成部分) [001, 004]; monetary cost is the price.
COST_COMPONENTS = ("monetary_cost", "time_cost", "energy_cost", "physical_cost")
#: All eight, values first.
COMPONENTS = VALUE_COMPONENTS + COST_COMPONENTS
#: Survey columns with a 0–10 score, per component (the price has no score).
SCORE_COLUMNS = {"product_value": "product_score", "service_value": "service_score",
                 "personnel_value": "personnel_score", "image_value": "image_score",
                 "time_cost": "time_score", "energy_cost": "energy_score",
                 "physical_cost": "physical_score"}
#: Survey columns with importance points (constant sum of 80 over the eight components).
POINT_COLUMNS = {c: c.replace("_value", "_points").replace("_cost", "_cost_points")
                 for c in COMPONENTS}
#: 元 per point of a value score (本书的换算约定).
VALUE_RATE = 400.0
#: 元 per point of a time, energy or physical cost score (本书的换算约定).
COST_RATE = 100.0
#: Importance points each respondent shares out over the eight components.
IMPORTANCE_POINTS = 80
#: The firm's cost, in 元 per unit sold, of changing a component by 1 元 of the
#: customer's perceived value or cost (本书补充, assumptions of the chapter): a
#: price cut costs its full amount; delivery and installation are perceived as
#: worth about twice what they cost the firm.
UNIT_COSTS = {"product_value": 0.9, "service_value": 0.5, "personnel_value": 0.6,
              "image_value": 0.8, "monetary_cost": 1.0, "time_cost": 0.7,
              "energy_cost": 0.6, "physical_cost": 0.4}
#: The levers: a value is raised, a cost is cut.
LEVERS = COMPONENTS

_ZH = {"offers": "各方案的价值与成本", "weights": "各客户群的权重", "survey": "调查数据",
       "cdv": "客户让渡价值"}


# --------------------------------------------------------------------------- checks
def _check_offers(offers, name="offers"):
    """A DataFrame indexed by offer with the eight components in 元, finite and >= 0."""
    frame = check_frame(offers, name, COMPONENTS, zh=_ZH.get(name, "各方案"))
    if frame.index.has_duplicates:
        dup = frame.index[frame.index.duplicated()][0]
        raise fail(name, described(f"offer {dup!r} twice"), "one row per offer",
                   "每个方案只有一行", zh=_ZH.get(name, "各方案"))
    if len(frame) < 2:
        raise fail(name, described(f"{len(frame)} offer"), "at least two competing offers",
                   "至少两个相互竞争的方案", zh=_ZH.get(name, "各方案"))
    values = _numbers(frame[list(COMPONENTS)], name, _ZH.get(name, "各方案"))
    total_cost = values[:, 4:].sum(axis=1)
    if (total_cost <= 0).any():
        i = int(np.flatnonzero(total_cost <= 0)[0])
        raise fail(name, described(f"offer {frame.index[i]!r} with total cost 0"),
                   "offers whose total cost is positive (the ratio divides by it)",
                   "总成本为正的方案（比值以总成本为分母）", zh=_ZH.get(name, "各方案"))
    return pd.DataFrame(values, index=frame.index, columns=list(COMPONENTS))


def _numbers(frame, name, zh):
    """The frame's values as a float array of finite numbers >= 0, or a clear error."""
    try:
        arr = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail(name, described("columns that are not numbers"), "numbers in 元 (yuan)",
                   "以元计的数值", zh=zh, kind=InputTypeError) from None
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        i, j = (int(k[0]) for k in np.nonzero(bad))
        raise fail(f"{name}[{frame.columns[j]!r}]",
                   described(f"{arr[i, j]!r} for {frame.index[i]!r}"),
                   "finite numbers >= 0", "非负的有限数值", zh=zh)
    return arr


def _check_weights(weights, name="weights"):
    """A DataFrame indexed by segment with a weight >= 0 per component."""
    frame = check_frame(weights, name, COMPONENTS, zh=_ZH["weights"])
    if frame.index.has_duplicates:
        dup = frame.index[frame.index.duplicated()][0]
        raise fail(name, described(f"segment {dup!r} twice"), "one row per segment",
                   "每个客户群只有一行", zh=_ZH["weights"])
    values = _numbers(frame[list(COMPONENTS)], name, _ZH["weights"])
    return pd.DataFrame(values, index=frame.index, columns=list(COMPONENTS))


def _check_cdv(cdv, name="cdv"):
    """CDV as a 2-D float array (segments × offers) plus how to rebuild the input's shape."""
    zh = _ZH["cdv"]
    if isinstance(cdv, Mapping):
        cdv = pd.Series(dict(cdv), dtype=object)
    if isinstance(cdv, pd.Series):
        frame = cdv.to_frame().T
        series = True
    elif isinstance(cdv, pd.DataFrame):
        frame, series = cdv, False
    else:
        raise fail(name, described(type(cdv).__name__),
                   "a Series (one value per offer) or a DataFrame (segments × offers) in 元",
                   "以元计的 Series（每个方案一个值）或 DataFrame（客户群 × 方案）", zh=zh,
                   kind=InputTypeError)
    if frame.shape[1] < 2 or frame.shape[0] < 1:
        raise fail(name, described(f"{frame.shape[1]} offer(s)"), "at least two offers",
                   "至少两个方案", zh=zh)
    if frame.columns.has_duplicates:
        raise fail(name, described(f"offer {frame.columns[frame.columns.duplicated()][0]!r} twice"),
                   "one value per offer", "每个方案一个值", zh=zh)
    try:
        arr = frame.to_numpy(dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise fail(name, described("values that are not numbers"), "numbers in 元",
                   "以元计的数值", zh=zh, kind=InputTypeError) from None
    if not np.isfinite(arr).all():
        i, j = (int(k[0]) for k in np.nonzero(~np.isfinite(arr)))
        raise fail(name, described(f"{arr[i, j]!r} for offer {frame.columns[j]!r}"),
                   "finite numbers in 元", "以元计的有限数值", zh=zh)

    def rebuild(values):
        out = pd.DataFrame(values, index=frame.index, columns=frame.columns)
        return out.iloc[0].rename(cdv.name) if series else out

    return arr, rebuild, frame


def _order(keys):
    """Group labels in category order for a categorical column, else in order of appearance."""
    if isinstance(keys.dtype, pd.CategoricalDtype):
        present = set(keys.dropna())
        return [c for c in keys.cat.categories if c in present]
    return list(pd.unique(keys))


def _check_label(value, name, zh, options):
    """One offer or segment label that exists."""
    try:
        hash(value)
    except TypeError:
        raise fail(name, value, "one label", "一个名称", zh=zh, kind=InputTypeError) from None
    return check_choice(value, name, list(options), zh=zh)


def _check_unit_costs(unit_costs, name="unit_costs"):
    out = dict(UNIT_COSTS)
    if unit_costs is None:
        return out
    if not isinstance(unit_costs, Mapping):
        raise fail(name, unit_costs, "a mapping of component to 元 per 元 of change",
                   "组成部分到单位成本（元/元）的映射", zh="企业的单位成本", kind=InputTypeError)
    for key, val in unit_costs.items():
        check_choice(key, f"{name} key", COMPONENTS, zh="企业单位成本的组成部分")
        out[key] = check_number(val, f"{name}[{key!r}]", zh="企业的单位成本", low=0,
                                low_open=True)
    return out


# --------------------------------------------------------------------------- data
def offer_profiles(survey, *, value_rate=VALUE_RATE, cost_rate=COST_RATE, offer_col="offer",
                   price_col="price"):
    """Average perceived value and cost of each offer, in 元 (各方案的平均感知价值与成本).

    Every 0–10 score is averaged over the respondents who rated the offer and
    converted to 元: a value score at ``value_rate`` 元 per point, a time,
    energy or physical cost score at ``cost_rate`` 元 per point.  The monetary
    cost is the mean price paid.

    .. math:: v_{jk} = \\text{rate}_k \\cdot \\overline{s}_{jk}

    Convention: the 0–10 scale and the two rates are this book's (本书补充);
    the seeds give the components [001, 004] but no scale.

    Parameters
    ----------
    survey : DataFrame
        One row per respondent and offer, with ``offer_col``, ``price_col`` (元)
        and the score columns of :data:`SCORE_COLUMNS` (0–10).
    value_rate, cost_rate : float
        元 per point (> 0).
    offer_col, price_col : str
        Column names.

    Returns
    -------
    DataFrame
        Index: offer (in category order, or of first appearance); columns :data:`COMPONENTS` in 元.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"offer": ["甲", "甲", "乙"], "price": [3000, 3000, 2000],
    ...                   "product_score": [8, 6, 5], "service_score": [6, 6, 3],
    ...                   "personnel_score": [5, 5, 4], "image_score": [7, 7, 3],
    ...                   "time_score": [2, 4, 4], "energy_score": [2, 2, 3],
    ...                   "physical_score": [1, 1, 5]})
    >>> offer_profiles(s).loc["甲", ["product_value", "time_cost", "monetary_cost"]].tolist()
    [2800.0, 300.0, 3000.0]
    """
    value_rate = check_number(value_rate, "value_rate", zh="价值分的换算率（元/分）", low=0,
                              low_open=True)
    cost_rate = check_number(cost_rate, "cost_rate", zh="成本分的换算率（元/分）", low=0,
                             low_open=True)
    offer_col = check_column(offer_col, "offer_col", zh="方案列")
    price_col = check_column(price_col, "price_col", zh="价格列")
    columns = [offer_col, price_col, *SCORE_COLUMNS.values()]
    frame = check_frame(survey, "survey", columns, zh=_ZH["survey"])
    scores = frame[list(SCORE_COLUMNS.values())]
    arr = _numbers(scores, "survey", _ZH["survey"])
    if (arr > 10).any():
        i, j = (int(k[0]) for k in np.nonzero(arr > 10))
        raise fail(f"survey[{scores.columns[j]!r}]", described(f"{arr[i, j]!r} in row {i}"),
                   "scores from 0 to 10", "0 到 10 分", zh=_ZH["survey"])
    price = _numbers(frame[[price_col]], "survey", _ZH["survey"])[:, 0]
    if frame[offer_col].isna().any():
        raise fail(f"survey[{offer_col!r}]", described("a missing offer name"),
                   "an offer name in every row", "每行都有方案名", zh=_ZH["survey"])
    check_ids(frame, offer_col, "survey", _ZH["survey"])
    data = pd.DataFrame(arr, columns=list(SCORE_COLUMNS)).assign(monetary_cost=price)
    means = data.groupby(frame[offer_col].to_numpy(), sort=False).mean()
    means = means.loc[_order(frame[offer_col])]
    rate = pd.Series({c: value_rate if c in VALUE_COMPONENTS else cost_rate for c in SCORE_COLUMNS})
    out = means[list(SCORE_COLUMNS)] * rate
    out["monetary_cost"] = means["monetary_cost"]
    out.index.name = "offer"
    return out[list(COMPONENTS)]


def segment_weights(survey, *, segment_col="segment", respondent_col="respondent_id"):
    """How much each segment weighs each component, in 元 of its money (各客户群的权重).

    Each respondent shares out :data:`IMPORTANCE_POINTS` (80) importance points
    over the eight components (a constant-sum scale; 本书补充).  A segment's
    weight on component k is its mean points on k divided by its mean points on
    the monetary cost, so the price always has weight 1 and every CDV stays in
    元 of that segment's money: a weight of 0.5 on service value means that
    this segment counts 1 元 of perceived service as 0.5 元.

    .. math:: w_{gk} = \\frac{\\overline{\\text{points}}_{gk}}{\\overline{\\text{points}}_{g,\\text{货币成本}}}

    Parameters
    ----------
    survey : DataFrame
        With ``segment_col``, ``respondent_col`` and the columns of
        :data:`POINT_COLUMNS`; a respondent's points are the same on each of
        his rows and are counted once.

    Returns
    -------
    DataFrame
        Index: segment (in category order, or of first appearance); columns :data:`COMPONENTS`.

    Examples
    --------
    >>> import pandas as pd
    >>> cols = list(POINT_COLUMNS.values())
    >>> s = pd.DataFrame([[1, "价格敏感型", 10, 5, 5, 5, 30, 10, 10, 5],
    ...                   [2, "价格敏感型", 10, 15, 5, 5, 10, 10, 10, 15]],
    ...                  columns=["respondent_id", "segment", *cols])
    >>> segment_weights(s).loc["价格敏感型", ["product_value", "monetary_cost"]].tolist()
    [0.5, 1.0]
    """
    segment_col = check_column(segment_col, "segment_col", zh="客户群列")
    respondent_col = check_column(respondent_col, "respondent_col", zh="受访者列")
    points = list(POINT_COLUMNS.values())
    frame = check_frame(survey, "survey", [respondent_col, segment_col, *points],
                        zh=_ZH["survey"])
    check_ids(frame, respondent_col, "survey", _ZH["survey"])
    people = frame.drop_duplicates(respondent_col)
    arr = _numbers(people[points], "survey", _ZH["survey"])
    sums = arr.sum(axis=1)
    if not np.allclose(sums, IMPORTANCE_POINTS):
        i = int(np.flatnonzero(~np.isclose(sums, IMPORTANCE_POINTS))[0])
        raise fail("survey", described(f"respondent {people[respondent_col].iloc[i]!r} with "
                                       f"{sums[i]:g} points"),
                   f"{IMPORTANCE_POINTS} importance points per respondent",
                   f"每位受访者共 {IMPORTANCE_POINTS} 个重要性点数", zh=_ZH["survey"])
    if people[segment_col].isna().any():
        raise fail(f"survey[{segment_col!r}]", described("a missing segment"),
                   "a segment in every row", "每行都有客户群", zh=_ZH["survey"])
    check_ids(people, segment_col, "survey", _ZH["survey"])
    means = pd.DataFrame(arr, columns=list(COMPONENTS)).groupby(
        people[segment_col].to_numpy(), sort=False).mean()
    means = means.loc[_order(people[segment_col])]
    money = means["monetary_cost"]
    if (money <= 0).any():
        raise fail("survey", described(f"segment {money.index[money <= 0][0]!r} with no points "
                                       "on the monetary cost"),
                   "at least some importance points on the price in every segment",
                   "每个客户群都给价格一些重要性点数", zh=_ZH["survey"])
    out = means.div(money, axis=0)
    out.index.name = "segment"
    return out


# --------------------------------------------------------------------------- CDV
def delivered_value(offers, weights=None):
    """Customer delivered value of each offer (客户让渡价值), as a difference and a ratio.

    .. math::

        \\text{总价值}_j = \\sum_{k \\in \\text{values}} w_k v_{jk},\\quad
        \\text{总成本}_j = \\sum_{k \\in \\text{costs}} w_k c_{jk},\\quad
        \\text{CDV}_j = \\text{总价值}_j - \\text{总成本}_j,\\quad
        \\text{ratio}_j = \\text{总价值}_j / \\text{总成本}_j

    The difference form is the seeds' definition [001, 004]; the ratio form is
    本书补充 (Kotler & Keller).  Without ``weights`` every weight is 1 (an
    average buyer).  With ``weights`` each segment's weight multiplies each
    component ([004]: value differs by customer; 本书补充: the weighting).

    Parameters
    ----------
    offers : DataFrame
        Index: offer; columns :data:`COMPONENTS`, perceived amounts in 元
        (finite, >= 0), at least two offers, each with a positive total cost.
    weights : DataFrame, optional
        Index: segment; columns :data:`COMPONENTS`, weights >= 0.

    Returns
    -------
    DataFrame
        The weighted eight components, ``total_value``, ``total_cost``, ``cdv``
        and ``ratio``; indexed by offer, or by (segment, offer) with weights.

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({"product_value": [3000, 2000], "service_value": [1000, 500],
    ...                        "personnel_value": [500, 500], "image_value": [500, 0],
    ...                        "monetary_cost": [3000, 1800], "time_cost": [300, 300],
    ...                        "energy_cost": [100, 100], "physical_cost": [100, 300]},
    ...                       index=pd.Index(["甲", "乙"], name="offer"))
    >>> t = delivered_value(offers)
    >>> t["cdv"].tolist(), t["ratio"].round(3).tolist()
    ([1500.0, 500.0], [1.429, 1.2])
    """
    x = _check_offers(offers)
    if weights is None:
        out = x.copy()
    else:
        w = _check_weights(weights)
        arr = w.to_numpy()[:, None, :] * x.to_numpy()[None, :, :]
        index = pd.MultiIndex.from_product([w.index, x.index],
                                           names=[w.index.name or "segment", x.index.name or "offer"])
        out = pd.DataFrame(arr.reshape(-1, len(COMPONENTS)), index=index, columns=list(COMPONENTS))
    if out.index.name is None and weights is None:
        out.index.name = "offer"
    out["total_value"] = out[list(VALUE_COMPONENTS)].sum(axis=1)
    out["total_cost"] = out[list(COST_COMPONENTS)].sum(axis=1)
    check_finite_result(out[["total_value", "total_cost"]].to_numpy(), "the total value",
                        "总价值", arguments=("offers", "weights"))
    out["cdv"] = out["total_value"] - out["total_cost"]
    cost = out["total_cost"].to_numpy()
    out["ratio"] = np.divide(out["total_value"].to_numpy(), cost,
                             out=np.full(len(out), np.nan), where=cost > 0)
    if np.isnan(out["ratio"]).any():
        bad = out.index[np.isnan(out["ratio"].to_numpy())][0]
        raise fail("weights", described(f"zero weights on every cost of {bad!r}"),
                   "weights that leave every offer a positive total cost",
                   "使每个方案的总成本为正的权重", zh=_ZH["weights"])
    return out


def cdv_by_segment(offers, weights):
    """CDV of every offer for every segment (各客户群眼中的客户让渡价值), in 元.

    The ``cdv`` column of :func:`delivered_value` with weights, as a
    segments × offers table.

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 800.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> offers["monetary_cost"] = [3000.0, 2000.0]
    >>> w = pd.DataFrame({c: [1.0, 1.0] for c in COMPONENTS}, index=["价格敏感型", "服务导向型"])
    >>> w.loc["价格敏感型", "monetary_cost"] = 1.5
    >>> cdv_by_segment(offers, w).round(0).to_dict("index")["价格敏感型"]
    {'甲': -3500.0, '乙': -2200.0}
    """
    if weights is None:
        raise fail("weights", None, "a DataFrame of weights per segment", "各客户群权重的表格",
                   zh=_ZH["weights"], kind=InputTypeError)
    table = delivered_value(offers, weights)
    names = table.index.names
    out = table["cdv"].unstack(names[1])
    x_order = _check_offers(offers).index
    w_order = _check_weights(weights).index
    out = out.reindex(index=w_order, columns=x_order)
    out.columns.name = "offer"
    return out


def chosen_offer(cdv):
    """The offer each segment picks by the highest-CDV rule (按客户让渡价值最大原则选择的方案).

    Kotler's rule [001 reads it as 价值战]: a customer buys the offer with the
    highest delivered value.  Ties go to the first offer in column order (this
    book's convention).

    Parameters
    ----------
    cdv : Series or DataFrame
        CDV per offer (a Series) or segments × offers, in 元.

    Returns
    -------
    object or Series
        The offer's label, or one per segment.

    Examples
    --------
    >>> import pandas as pd
    >>> chosen_offer(pd.Series({"甲": 300.0, "乙": 500.0, "丙": 500.0}))
    '乙'
    """
    arr, _, frame = _check_cdv(cdv)
    picks = frame.columns[arr.argmax(axis=1)]
    if isinstance(cdv, pd.DataFrame):
        return pd.Series(picks, index=frame.index, name="chosen_offer")
    return picks[0]


def best_by(table, by="cdv"):
    """The best offer by the difference (``"cdv"``) or by the ratio (``"ratio"``) (按差或按比值排第一的方案).

    The two forms can disagree: a cheaper offer may give more value per yuan
    (higher ratio) while giving less value in total (lower difference).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`delivered_value` without weights (index: offer).
    by : {"cdv", "ratio"}

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"cdv": [2000.0, 1500.0], "ratio": [1.5, 2.0]}, index=["甲", "乙"])
    >>> best_by(t, "cdv"), best_by(t, "ratio")
    ('甲', '乙')
    """
    by = check_choice(by, "by", ("cdv", "ratio"), zh="排序依据")
    frame = check_frame(table, "table", [by], zh="客户让渡价值表")
    values = check_array(frame[by].to_numpy(), f"table[{by!r}]", zh="客户让渡价值表")
    return frame.index[int(values.argmax())]


def rank_forms(table):
    """Rank offers by the difference and by the ratio side by side (两种形式的排名).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`delivered_value` without weights.

    Returns
    -------
    DataFrame
        ``cdv``, ``cdv_rank``, ``ratio``, ``ratio_rank`` (1 = best; ties share
        the better rank) and ``forms_agree`` (whether both ranks are the same).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"cdv": [2000.0, 1500.0], "ratio": [1.5, 2.0]}, index=["甲", "乙"])
    >>> rank_forms(t)["ratio_rank"].tolist()
    [2, 1]
    """
    frame = check_frame(table, "table", ["cdv", "ratio"], zh="客户让渡价值表")
    cdv = check_array(frame["cdv"].to_numpy(), "table['cdv']", zh="客户让渡价值表")
    ratio = check_array(frame["ratio"].to_numpy(), "table['ratio']", zh="客户让渡价值表",
                        nonnegative=True)
    out = pd.DataFrame({"cdv": cdv, "ratio": ratio}, index=frame.index)
    out["cdv_rank"] = out["cdv"].rank(ascending=False, method="min").astype(int)
    out["ratio_rank"] = out["ratio"].rank(ascending=False, method="min").astype(int)
    out["forms_agree"] = out["cdv_rank"] == out["ratio_rank"]
    return out[["cdv", "cdv_rank", "ratio", "ratio_rank", "forms_agree"]]


def _cdv_matrix(x, w):
    """Weighted CDV, segments × offers, from arrays of offers (o × 8) and weights (s × 8)."""
    return w[:, :4] @ x[:, :4].T - w[:, 4:] @ x[:, 4:].T


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _logit(cdv, lam):
    """Logit shares of CDV (元) at sensitivity ``lam`` per 1,000 元, stable for any finite λ.

    The CDV is shifted by its row maximum *before* it is multiplied by λ, so a huge λ
    sends every lagging offer to exp(-inf) = 0 instead of overflowing to inf − inf."""
    d = (cdv - cdv.max(axis=-1, keepdims=True)) / 1000.0
    if lam == 0:                                        # CDV does not matter: equal shares
        return _softmax(np.zeros_like(d))
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.where(d == 0, 0.0, lam * d)
    return _softmax(z)


# --------------------------------------------------------------------------- choice
def logit_shares(cdv, sensitivity):
    """Multinomial-logit choice shares (多项 logit 选择份额), McFadden (1974).

    .. math:: P_j = \\frac{\\exp(\\lambda\\, \\text{CDV}_j / 1000)}
                          {\\sum_k \\exp(\\lambda\\, \\text{CDV}_k / 1000)}

    ``sensitivity`` λ is per 1,000 元 of CDV: a lead of 1,000 元 multiplies an
    offer's odds against another by e^λ.  λ = 0 gives equal shares (CDV does
    not matter); as λ grows the shares tend to the highest-CDV rule.  Why a
    smooth share: real buyers differ in ways the survey does not see, so an
    offer with a slightly lower CDV still wins some of them; McFadden showed
    this is exactly the highest-value rule when those unseen differences are
    Gumbel-distributed with scale 1000/λ 元 (本书补充).

    Parameters
    ----------
    cdv : Series or DataFrame
        CDV per offer, or segments × offers, in 元 (finite).
    sensitivity : float
        λ >= 0, per 1,000 元.

    Returns
    -------
    Series or DataFrame
        Shares of the same shape, each row adding up to 1.

    Examples
    --------
    >>> import pandas as pd
    >>> logit_shares(pd.Series({"甲": 0.0, "乙": 1000.0, "丙": 2000.0}), 1.0).round(4).tolist()
    [0.09, 0.2447, 0.6652]
    """
    arr, rebuild, _ = _check_cdv(cdv)
    lam = check_number(sensitivity, "sensitivity", zh="敏感度", low=0)
    return rebuild(_logit(arr, lam))


def choice_shares(cdv, sensitivity=None, *, noise_sd=0.0, draws=4000, seed=0):
    """Share of buyers choosing each offer (各方案的选择份额).

    Three models in one function (本书补充):

    * ``sensitivity=None, noise_sd=0``: the highest-CDV rule; every buyer of a
      segment picks the offer with the highest CDV (ties share equally).
    * ``sensitivity=λ``: the logit shares of :func:`logit_shares`.
    * ``noise_sd=σ > 0``: buyers lack information ([004]: 客户不一定具有判断力与
      信息): each buyer perceives each offer's total value with an independent
      error ε ~ N(0, σ²) in 元 (the price is known), then applies the rule
      above (the highest perceived CDV, or logit on the perceived CDV).  The
      shares are the mean over ``draws`` simulated buyers per segment, with a
      fixed ``seed`` (the same numbers on every run).  More noise pulls the
      shares towards equal: the best offer loses buyers who cannot see that it
      is best.

    Parameters
    ----------
    cdv : Series or DataFrame
        CDV per offer, or segments × offers, in 元.
    sensitivity : float or None
        Logit λ per 1,000 元 (>= 0), or None for the highest-CDV rule.
    noise_sd : float
        σ in 元 (>= 0).
    draws : int
        Simulated buyers per segment when ``noise_sd > 0`` (100 to 200,000).
    seed : int
        Seed of the simulation (>= 0).

    Returns
    -------
    Series or DataFrame
        Shares of the same shape as ``cdv``, each row adding up to 1.

    Examples
    --------
    >>> import pandas as pd
    >>> cdv = pd.Series({"甲": 1200.0, "乙": 1000.0})
    >>> choice_shares(cdv).tolist()
    [1.0, 0.0]
    >>> round(float(choice_shares(cdv, noise_sd=2000.0)["甲"]), 2)
    0.53
    """
    arr, rebuild, _ = _check_cdv(cdv)
    lam = None if sensitivity is None else check_number(sensitivity, "sensitivity",
                                                         zh="敏感度", low=0)
    sigma = check_number(noise_sd, "noise_sd", zh="信息噪声的标准差（元）", low=0)
    draws = check_int(draws, "draws", zh="模拟的买家人数", low=100, high=200_000)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise fail("seed", seed, "an integer >= 0", "不小于 0 的整数", zh="随机种子",
                   kind=InputTypeError)
    seed = check_int(seed, "seed", zh="随机种子", low=0)
    if sigma == 0:
        if lam is not None:
            return logit_shares(rebuild(arr), lam)
        top = np.isclose(arr, arr.max(axis=1, keepdims=True), rtol=0, atol=1e-9)
        return rebuild(top / top.sum(axis=1, keepdims=True))
    rng = np.random.default_rng(seed)
    perceived = arr[:, None, :] + rng.normal(0.0, sigma, size=(arr.shape[0], draws, arr.shape[1]))
    if lam is None:
        pick = perceived.argmax(axis=2)
        shares = (pick[:, :, None] == np.arange(arr.shape[1])).mean(axis=1)
    else:
        z = lam * perceived / 1000.0
        z -= z.max(axis=2, keepdims=True)
        e = np.exp(z)
        shares = (e / e.sum(axis=2, keepdims=True)).mean(axis=1)
    return rebuild(shares)


def shares_by_noise(cdv, noise_levels, sensitivity=None, *, draws=4000, seed=0):
    """Choice shares of one segment for several levels of perception noise (噪声与份额).

    :func:`choice_shares` once per σ in ``noise_levels`` (元), with the same
    ``seed`` so the curves are smooth.

    Parameters
    ----------
    cdv : Series
        CDV per offer for one segment, in 元.
    noise_levels : sequence of float
        σ values in 元 (>= 0).

    Returns
    -------
    DataFrame
        Index ``noise_sd``; one column per offer.

    Examples
    --------
    >>> import pandas as pd
    >>> t = shares_by_noise(pd.Series({"甲": 1200.0, "乙": 1000.0}), [0, 500])
    >>> t.loc[0.0].tolist()
    [1.0, 0.0]
    """
    if not isinstance(cdv, pd.Series):
        raise fail("cdv", described(type(cdv).__name__), "a Series of CDV per offer (one segment)",
                   "每个方案一个值的 Series（一个客户群）", zh=_ZH["cdv"], kind=InputTypeError)
    levels = check_array(noise_levels, "noise_levels", zh="信息噪声（元）", nonnegative=True)
    rows = [choice_shares(cdv, sensitivity, noise_sd=float(s), draws=draws, seed=seed)
            for s in levels]
    out = pd.DataFrame(rows, index=pd.Index(levels, name="noise_sd"))
    out.columns.name = "offer"
    return out


# --------------------------------------------------------------------------- levers
def _gap(x, w_row, firm):
    """CDV of every offer for one weight row, and the best rival's lead over ``firm``."""
    cdv = (x[list(VALUE_COMPONENTS)].to_numpy() @ w_row[:4]
           - x[list(COST_COMPONENTS)].to_numpy() @ w_row[4:])
    cdv = pd.Series(cdv, index=x.index)
    rivals = cdv.drop(firm)
    rival = rivals.idxmax()
    return cdv, rival, float(rivals.max() - cdv[firm])


def _segment_row(weights, segment):
    if weights is None:
        if segment is not None:
            raise fail("segment", segment, "None when no weights are given",
                       "未给权重时为 None", zh="客户群")
        return np.ones(len(COMPONENTS)), None
    w = _check_weights(weights)
    segment = _check_label(segment, "segment", "客户群", w.index)
    return w.loc[segment].to_numpy(), segment


def lever_table(offers, firm, weights=None, segment=None, *, unit_costs=None, lead=1.0):
    """Every single lever that lets ``firm`` overtake its best rival, and its cost (每个杠杆的所需改变与代价).

    For a segment with weights w, the firm's CDV rises by w_k for each 元 a
    value component k is raised, and by w_k for each 元 a cost component k is
    cut.  To beat the best rival by ``lead`` 元 of CDV it must change component
    k alone by

    .. math:: \\Delta_k = \\frac{\\text{gap} + \\text{lead}}{w_k}, \\qquad
              \\text{cost}_k = \\Delta_k \\cdot u_k

    元, where gap = CDV(best rival) − CDV(firm) and u_k is the firm's cost per
    元 of change (:data:`UNIT_COSTS`).  A cost cannot fall below 0, so a cut
    larger than the current cost is infeasible; a component the segment does
    not weigh (w_k = 0) cannot close the gap.  本书补充: the seeds list the
    levers [001] but not their costs.

    Parameters
    ----------
    offers : DataFrame
        As for :func:`delivered_value`.
    firm : label
        The offer the firm changes.
    weights : DataFrame, optional
        Segment weights; without them every weight is 1.
    segment : label, optional
        The segment to win (required with ``weights``).
    unit_costs : mapping, optional
        Overrides of :data:`UNIT_COSTS` (元 per 元, > 0).
    lead : float
        How far ahead the firm wants to be, 元 of CDV (> 0).

    Returns
    -------
    DataFrame
        Index: lever (the eight components); columns ``weight``,
        ``change_needed`` (元 of the component; 0 when already ahead; NaN when
        the segment gives it no weight), ``unit_cost`` (元 per 元 of change),
        ``firm_cost`` (元 per unit sold) and ``feasible``; feasible levers
        first, each group sorted by ``firm_cost``.  ``attrs`` holds ``gap``,
        ``rival`` and ``segment``.

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> offers.loc["乙", "service_value"] = 1300.0
    >>> t = lever_table(offers, "甲", lead=100)
    >>> t.loc[["service_value", "monetary_cost"], "firm_cost"].tolist()
    [200.0, 400.0]
    """
    x = _check_offers(offers)
    firm = _check_label(firm, "firm", "我方方案", x.index)
    w_row, segment = _segment_row(weights, segment)
    u = _check_unit_costs(unit_costs)
    lead = check_number(lead, "lead", zh="领先幅度（元）", low=0, low_open=True)
    _, rival, gap = _gap(x, w_row, firm)
    need = max(gap + lead, 0.0)
    weight = pd.Series(w_row, index=list(COMPONENTS))
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(weight > 0, need / weight.where(weight > 0, 1.0), np.nan)
    change = pd.Series(np.where(need == 0, 0.0, change), index=list(COMPONENTS))
    check_finite_result(change.dropna().to_numpy(), "the change needed", "所需的改变",
                        arguments=("offers", "weights", "lead"))
    cost = change * pd.Series(u)
    room = pd.Series([np.inf] * 4 + list(x.loc[firm, list(COST_COMPONENTS)]), index=list(COMPONENTS))
    feasible = change.notna() & (change <= room + 1e-9)
    out = pd.DataFrame({"weight": weight, "change_needed": change, "unit_cost": pd.Series(u),
                        "firm_cost": cost,
                        "feasible": feasible.astype(bool)})
    out.index.name = "lever"
    out = out.sort_values(["feasible", "firm_cost"], ascending=[False, True], kind="stable")
    out.attrs.update(gap=gap, rival=rival, segment=segment, firm=firm)
    return out


def cheapest_lever(offers, firm, weights=None, segment=None, *, unit_costs=None, lead=1.0):
    """The least-cost single change that lets ``firm`` overtake its best rival (代价最小的杠杆).

    The cheapest feasible row of :func:`lever_table` (same arguments and
    formula).  When the firm is already ahead by ``lead`` no change is needed.

    Returns
    -------
    dict
        ``lever`` (a component id, or None if no change is needed or no single
        lever can do it), ``change_needed`` (元), ``firm_cost`` (元 per unit
        sold), ``gap`` (元 of CDV the rival leads by), ``rival``,
        ``price_cut_cost`` (what the same win costs as a price cut; None if a
        price cut alone cannot do it, because the cut needed exceeds the price).

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> offers.loc["乙", "service_value"] = 1300.0
    >>> r = cheapest_lever(offers, "甲", lead=100)
    >>> r["lever"], r["change_needed"], r["firm_cost"], r["price_cut_cost"]
    ('physical_cost', 400.0, 160.0, 400.0)
    """
    table = lever_table(offers, firm, weights, segment, unit_costs=unit_costs, lead=lead)
    gap, rival = table.attrs["gap"], table.attrs["rival"]
    price = table.loc["monetary_cost"]
    # None, not NaN, when the cut needed exceeds the price: no price cut can do it.
    price_cost = float(price["firm_cost"]) if price["feasible"] else None
    base = {"gap": gap, "rival": rival, "price_cut_cost": price_cost}
    if (table["change_needed"].fillna(1) == 0).all():
        return {"lever": None, "change_needed": 0.0, "firm_cost": 0.0, **base}
    ok = table[table["feasible"]]
    if ok.empty:
        return {"lever": None, "change_needed": float("nan"), "firm_cost": float("nan"), **base}
    best = ok.index[0]
    return {"lever": best, "change_needed": float(ok.loc[best, "change_needed"]),
            "firm_cost": float(ok.loc[best, "firm_cost"]), **base}


def _apply(x, firm, changes):
    """Offers with ``firm``'s components changed (values raised, costs cut)."""
    y = x.copy()
    for k, delta in changes.items():
        if k in VALUE_COMPONENTS:
            y.loc[firm, k] = y.loc[firm, k] + delta
        else:
            y.loc[firm, k] = max(y.loc[firm, k] - delta, 0.0)
    return y


def price_or_value(offers, weights, firm, budget, *, value_lever="service_value",
                   unit_cost=None, sensitivity=2.0):
    """Haier's question: spend a budget on a price cut or on more value? (价格战还是价值战)

    The firm spends ``budget`` 元 per unit sold either on a price cut of
    ``budget`` 元 (cost to the firm per 元 of cut: 1) or on raising
    ``value_lever`` by ``budget / unit_cost`` 元 of perceived value.  Both
    cost the firm the same.  For each segment the function gives the firm's
    logit share (:func:`logit_shares`) now, after the price cut and after the
    value increase.  [001] quotes Haier's 只打价值战，不打价格战; this test of it
    is 本书补充.  The price cut cannot exceed the price.

    Parameters
    ----------
    offers, weights : DataFrame
        As for :func:`delivered_value` (weights per segment required).
    firm : label
        The firm's offer.
    budget : float
        元 per unit sold (>= 0, at most the firm's price).
    value_lever : str
        A value component (default ``"service_value"``).
    unit_cost : float, optional
        The firm's cost per 元 of that value (> 0); default :data:`UNIT_COSTS`.
    sensitivity : float
        Logit λ per 1,000 元 (>= 0).

    Returns
    -------
    DataFrame
        Index: segment; columns ``share_now``, ``share_price_cut``,
        ``share_value``, ``gain_price_cut``, ``gain_value`` (share points as
        fractions) and ``better`` (``"value"``, ``"price_cut"`` or ``"equal"``).

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> t = price_or_value(offers, w, "甲", 200, unit_cost=0.5, sensitivity=2.0)
    >>> t["better"].tolist(), round(float(t["gain_value"].iloc[0]), 4)
    (['value'], 0.19)
    """
    x = _check_offers(offers)
    w = _check_weights(weights)
    firm = _check_label(firm, "firm", "我方方案", x.index)
    value_lever = check_choice(value_lever, "value_lever", VALUE_COMPONENTS, zh="价值杠杆")
    price = float(x.loc[firm, "monetary_cost"])
    budget = check_number(budget, "budget", zh="每台的预算（元）", low=0, high=price)
    u = UNIT_COSTS[value_lever] if unit_cost is None else check_number(
        unit_cost, "unit_cost", zh="每元价值的成本", low=0, low_open=True)
    lam = check_number(sensitivity, "sensitivity", zh="敏感度", low=0)
    cdv = _cdv_matrix(x.to_numpy(), w.to_numpy())                      # segments × offers
    j = x.index.get_loc(firm)
    wk = w[value_lever].to_numpy()
    # A price cut of B raises the firm's CDV by w_money·B; B/u 元 more value by w_k·B/u.
    gains = {"now": 0.0, "price_cut": w["monetary_cost"].to_numpy() * budget,
             "value": wk * budget / u}
    shares = {}
    for k, delta in gains.items():
        variant = cdv.copy()
        variant[:, j] += delta
        shares[k] = _logit(variant, lam)[:, j]
    out = pd.DataFrame({f"share_{k}": v for k, v in shares.items()}, index=w.index)
    out["gain_price_cut"] = out["share_price_cut"] - out["share_now"]
    out["gain_value"] = out["share_value"] - out["share_now"]
    diff = gains["value"] - gains["price_cut"]          # compare the CDV gains, exactly
    scale = 1e-12 * np.maximum(1.0, np.abs(gains["price_cut"]))
    out["better"] = np.where(diff > scale, "value", np.where(diff < -scale, "price_cut", "equal"))
    out.index.name = "segment"
    return out


def budget_returns(offers, weights, firm, budgets, *, value_lever="service_value",
                   unit_cost=None, sensitivity=2.0):
    """How the share gained grows with the budget: the logit S-curve (预算与份额：S 形曲线).

    :func:`price_or_value` at every budget in ``budgets`` (sorted, 元 per unit),
    plus the share gained by each further step of budget.  The firm's logit
    share s rises with its CDV along an S-curve whose slope is

    .. math:: \\frac{ds}{d\\,\\mathrm{CDV}} = \\frac{\\lambda}{1000}\\, s\\,(1 - s),

    largest at s = 50 %: while the firm's share is below one half, every further
    元 buys *more* share than the one before (rising returns); above one half,
    less (falling returns).  本书补充 (property of the logit, Train 2009).

    Parameters
    ----------
    offers, weights, firm, value_lever, unit_cost, sensitivity
        As for :func:`price_or_value`.
    budgets : sequence of float
        Budgets in 元 per unit (>= 0, at most the firm's price); sorted here.

    Returns
    -------
    DataFrame
        MultiIndex (``segment``, ``budget``); columns ``share_price_cut``,
        ``share_value`` and ``step_price_cut``, ``step_value`` (share gained
        since the previous budget, as a fraction; NaN at the first budget).

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> offers.loc["乙", "service_value"] = 3000.0
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> t = budget_returns(offers, w, "甲", [0, 500, 1000], unit_cost=0.5, sensitivity=1.0)
    >>> t["step_value"].dropna().round(3).tolist()      # share 12 % → 27 % → 50 %: rising
    [0.15, 0.231]
    """
    levels = np.sort(check_array(budgets, "budgets", zh="各档预算（元/台）", nonnegative=True))
    if len(levels) < 2:
        raise fail("budgets", described(f"{len(levels)} budget"), "at least two budgets",
                   "至少两档预算", zh="各档预算（元/台）")
    parts = []
    for b in levels:
        t = price_or_value(offers, weights, firm, float(b), value_lever=value_lever,
                           unit_cost=unit_cost, sensitivity=sensitivity)
        parts.append(t[["share_price_cut", "share_value"]].assign(budget=float(b)))
    out = pd.concat(parts).reset_index().set_index(["segment", "budget"])
    segments = list(dict.fromkeys(out.index.get_level_values("segment")))
    out = out.loc[segments]
    for use in ("price_cut", "value"):
        out[f"step_{use}"] = out.groupby(level="segment", sort=False)[f"share_{use}"].diff()
    return out


def price_and_value(offers, weights, firm, price_rise, value_rise, *,
                    value_lever="service_value", unit_cost=None, sensitivity=2.0):
    """Haier's actual claim: a higher price *with* more value (价值战：涨价同时提高价值).

    The firm raises its price by ``price_rise`` 元 and ``value_lever`` by
    ``value_rise`` 元 of perceived value at the same time.  A segment's CDV
    changes by

    .. math:: \\Delta\\mathrm{CDV}_g = w_{g,k}\\,\\Delta v - w_{g,\\text{货币}}\\,\\Delta p ,

    so CDV (and the logit share) rises whenever the weighted value gained
    exceeds the weighted price rise, however high the price goes.  The firm's
    margin per unit changes by Δp − u·Δv (u: its cost per 元 of that value).
    本书补充: [001] says Haier sells at higher prices because it fights with
    value; the seeds give no numbers.

    Parameters
    ----------
    offers, weights, firm, value_lever, unit_cost, sensitivity
        As for :func:`price_or_value`.
    price_rise : float
        元 added to the price (>= 0).
    value_rise : float
        元 of perceived value added (>= 0).

    Returns
    -------
    DataFrame
        Index: ``"一般买家"`` (all weights 1) then every segment; columns
        ``cdv_change`` (元), ``share_now``, ``share_after``, ``share_change``
        (fractions; for the average buyer the unweighted logit over the offers),
        ``margin_change`` (元 per unit, the same on every row).

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> t = price_and_value(offers, w, "甲", 300, 900, unit_cost=0.5, sensitivity=1.0)
    >>> t.loc["服务导向型", ["cdv_change", "margin_change"]].tolist()
    [600.0, -150.0]
    """
    x = _check_offers(offers)
    w = _check_weights(weights)
    firm = _check_label(firm, "firm", "我方方案", x.index)
    value_lever = check_choice(value_lever, "value_lever", VALUE_COMPONENTS, zh="价值杠杆")
    dp = check_number(price_rise, "price_rise", zh="涨价（元）", low=0)
    dv = check_number(value_rise, "value_rise", zh="提高的价值（元）", low=0)
    u = UNIT_COSTS[value_lever] if unit_cost is None else check_number(
        unit_cost, "unit_cost", zh="每元价值的成本", low=0, low_open=True)
    lam = check_number(sensitivity, "sensitivity", zh="敏感度", low=0)
    ones = pd.DataFrame([np.ones(len(COMPONENTS))], index=["一般买家"], columns=list(COMPONENTS))
    wa = pd.concat([ones, w]).to_numpy()
    cdv = _cdv_matrix(x.to_numpy(), wa)
    j = x.index.get_loc(firm)
    k = list(COMPONENTS).index(value_lever)
    delta = wa[:, k] * dv - wa[:, COMPONENTS.index("monetary_cost")] * dp
    after = cdv.copy()
    after[:, j] += delta
    now_s = _logit(cdv, lam)[:, j]
    after_s = _logit(after, lam)[:, j]
    out = pd.DataFrame({"cdv_change": delta, "share_now": now_s, "share_after": after_s,
                        "share_change": after_s - now_s, "margin_change": dp - u * dv},
                       index=pd.Index(["一般买家", *w.index], name="segment"))
    return out


def our_offer_whatif(offers, weights, firm, sensitivity=2.0, **components):
    """The model of the "our offer" panel (我方方案的情景分析).

    Sets ``firm``'s components to the values given (元), then returns, for the
    average buyer (all weights 1) and for every segment, the firm's CDV, ratio,
    chosen offer and logit share.

    Parameters
    ----------
    offers, weights : DataFrame
        As for :func:`delivered_value`.
    firm : label
        The offer whose components the keywords set.
    sensitivity : float
        Logit λ per 1,000 元.
    **components : float
        Any of :data:`COMPONENTS`, in 元 (>= 0).

    Returns
    -------
    dict
        ``table`` (the unweighted :func:`delivered_value` of all offers),
        ``cdv``, ``ratio`` (the firm's, unweighted), ``cdv_by_segment``,
        ``shares`` (segments × offers), and per segment i (in the order of
        ``weights``): ``cdv_i``, ``ratio_i``, ``chosen_i``, ``share_i``.

    Examples
    --------
    >>> import pandas as pd
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> w = pd.DataFrame({c: [1.0] for c in COMPONENTS}, index=["服务导向型"])
    >>> r = our_offer_whatif(offers, w, "甲", service_value=1500.0)
    >>> r["cdv"], r["chosen_0"], round(r["share_0"], 4)
    (500.0, '甲', 0.7311)
    """
    x = _check_offers(offers)
    w = _check_weights(weights)
    firm = _check_label(firm, "firm", "我方方案", x.index)
    for key, val in components.items():
        check_choice(key, "component", COMPONENTS, zh="组成部分")
        x.loc[firm, key] = check_number(val, key, zh="组成部分（元）", low=0)
    table = delivered_value(x)
    xa, wa = x.to_numpy(), w.to_numpy()
    with np.errstate(over="ignore", invalid="ignore"):
        cdv_arr = _cdv_matrix(xa, wa)
    # A component given as (near) 1e308 overflows the weighted CDV: name the keywords given.
    check_finite_result(cdv_arr, "the weighted CDV", "加权的客户让渡价值",
                        arguments=(*components, "weights") if components else ("offers", "weights"))
    cdv = pd.DataFrame(cdv_arr, index=w.index, columns=x.index)
    weighted_cost = wa[:, 4:] @ xa[:, 4:].T
    if (weighted_cost <= 0).any():
        i = int(np.argwhere(weighted_cost <= 0)[0][0])
        raise fail("weights", described(f"zero weights on every cost of segment {w.index[i]!r}"),
                   "weights that leave every offer a positive total cost",
                   "使每个方案的总成本为正的权重", zh=_ZH["weights"])
    ratio = pd.DataFrame((wa[:, :4] @ xa[:, :4].T) / weighted_cost, index=w.index, columns=x.index)
    shares = logit_shares(cdv, sensitivity)
    chosen = chosen_offer(cdv)
    out = {"table": table, "cdv": float(table.loc[firm, "cdv"]),
           "ratio": float(table.loc[firm, "ratio"]), "cdv_by_segment": cdv, "shares": shares,
           "firm": firm}
    for i, seg in enumerate(w.index):
        out[f"cdv_{i}"] = float(cdv.loc[seg, firm])
        out[f"ratio_{i}"] = float(ratio.loc[seg, firm])
        out[f"chosen_{i}"] = chosen.loc[seg]
        out[f"share_{i}"] = float(shares.loc[seg, firm])
    return out
