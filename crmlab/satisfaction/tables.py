"""Student-facing tables of Chapter 7 (第 7 章给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/satisfaction.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="satisfaction")``.  They reshape results of
:mod:`crmlab.satisfaction.model` (attribute, quadrant and zone ids shown as their
Chinese names); they compute nothing new.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import display
from ..validation import InputTypeError, check_frame, described, fail

__all__ = ["named_view", "loyalty_matrix_view", "steps_view", "estimates_view"]

TOPIC = "satisfaction"
_WORD_COLUMNS = ("quadrant", "zone", "quadrant_before", "quadrant_after")


def _zh(ident):
    try:
        return display.label(str(ident), TOPIC, unit=False)
    except Exception:  # noqa: BLE001 - a name the glossary does not know is shown as is
        return str(ident)


def named_view(table):
    """A model table with its index (attributes, items, indicators) and quadrant/zone words in Chinese.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.satisfaction.model import ipa
    >>> t = ipa(pd.Series({"waiting": 4.5, "price": 2.0}), pd.Series({"waiting": 2.5, "price": 4.0}))
    >>> v = named_view(t)
    >>> v.index.tolist(), v["quadrant"].tolist()
    (['等候时间', '价格合理'], ['重点改进', '可能过度投入'])
    """
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    frame = check_frame(frame, "table", zh="表格").copy()
    if "share" in frame and "share_of_problems" in frame:        # problem analysis: two denominators
        frame = frame.rename(columns={"share": "share_of_all_respondents"})
    for col in _WORD_COLUMNS:
        if col in frame:
            frame[col] = [_zh(v) for v in frame[col]]
    frame.index = pd.Index([_zh(i) for i in frame.index], name=frame.index.name)
    return frame


def loyalty_matrix_view(matrix):
    """:func:`~crmlab.satisfaction.model.loyalty_matrix` as a 2 × 2 grid of repurchase rates.

    Rows: 对产品满意 / 对产品不满意; columns ``rate_service_satisfied`` and
    ``rate_service_dissatisfied`` (the repurchase rate of those satisfied / not
    satisfied with the service).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.satisfaction.model import loyalty_matrix
    >>> s = pd.DataFrame({"product_rating": [5, 5, 2, 2], "service_rating": [5, 2, 5, 2],
    ...                   "repurchase": [1, 0, 0, 0]})
    >>> loyalty_matrix_view(loyalty_matrix(s)).iloc[0].tolist()
    [1.0, 0.0]
    """
    frame = check_frame(matrix, "matrix", ["product_satisfied", "service_satisfied", "repurchase_rate"],
                        zh="忠诚度矩阵")
    try:
        cells = frame[["product_satisfied", "service_satisfied"]].to_numpy(dtype=float)
        rate = frame["repurchase_rate"].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail("matrix", described("columns that are not numbers"),
                   "the 0/1 cells and repurchase rates of loyalty_matrix", "loyalty_matrix 的 0/1 格与复购率",
                   zh="忠诚度矩阵", kind=InputTypeError) from None
    if (not np.isin(cells, (0.0, 1.0)).all() or len(np.unique(cells @ [2.0, 1.0])) != len(cells)
            or (np.isinf(rate) | (rate < 0) | (rate > 1)).any()):
        raise fail("matrix", described("cells not 0/1, a cell twice or a rate outside 0–1"),
                   "the four cells of loyalty_matrix (0/1 each, once) with rates in [0, 1]",
                   "loyalty_matrix 的四个格（各为 0/1、各出现一次），复购率在 [0, 1] 内", zh="忠诚度矩阵")
    grid = frame.pivot(index="product_satisfied", columns="service_satisfied", values="repurchase_rate")
    grid = grid.reindex(index=[1, 0], columns=[1, 0])
    grid.index = pd.Index(["对产品满意", "对产品不满意"], name="matrix_group")
    grid.columns = pd.Index(["rate_service_satisfied", "rate_service_dissatisfied"])
    return grid


def _texts(items):
    return (not isinstance(items, (str, bytes)) and isinstance(items, (list, tuple)) and bool(items)
            and all(isinstance(x, str) for x in items))


def steps_view(steps, index_name="步骤", column="内容"):
    """A numbered list as a table, e.g. :data:`~crmlab.satisfaction.model.COMPLAINT_STEPS`.

    Parameters
    ----------
    steps : list of str, or dict of stage → list of str
        A flat list gives one column; a dict (stages with their steps, as
        :data:`~crmlab.satisfaction.model.RESEARCH_STEPS`) gives a ``阶段`` column
        beside the steps, numbered within each stage.
    index_name, column : str
        Header of the numbers (default 步骤; e.g. 序号 for a list that is not a
        sequence of steps) and of the texts (Chinese).

    Examples
    --------
    >>> from crmlab.satisfaction.model import COMPLAINT_STEPS, RESEARCH_STEPS
    >>> steps_view(COMPLAINT_STEPS).shape
    (8, 1)
    >>> steps_view(RESEARCH_STEPS).iloc[0].tolist()
    ['一、确定调查主题', '提出调查主题']
    """
    from ..validation import InputTypeError, fail

    for value, name, zh in ((index_name, "index_name", "序号列名"), (column, "column", "内容列名")):
        if not isinstance(value, str) or not value.strip():
            raise fail(name, value, "a non-empty header in Chinese", "非空的中文表头", zh=zh,
                       kind=InputTypeError)
    if isinstance(steps, dict) and steps and all(isinstance(k, str) and _texts(v)
                                                 for k, v in steps.items()):
        stages = [k for k, v in steps.items() for _ in v]
        items = [x for v in steps.values() for x in v]
        numbers = [i for v in steps.values() for i in range(1, len(v) + 1)]
        return pd.DataFrame({"阶段": stages, column: items}, index=pd.Index(numbers, name=index_name))
    if not _texts(steps):
        raise fail("steps", steps, "a non-empty list of texts or a dict of stage → texts",
                   "非空的文字列表，或“阶段 → 文字列表”的字典", zh="步骤", kind=InputTypeError)
    items = list(steps)
    return pd.DataFrame({column: items}, index=pd.Index(range(1, len(items) + 1), name=index_name))


def estimates_view(estimates):
    """Several results of one model side by side, one row each (e.g. two hidden-dissatisfaction estimates).

    Parameters
    ----------
    estimates : dict
        Row label (Chinese) → a Series of :func:`~crmlab.satisfaction.model.hidden_dissatisfaction`
        (or any Series with the same index).

    Examples
    --------
    >>> from crmlab.satisfaction.model import hidden_dissatisfaction
    >>> v = estimates_view({"甲": hidden_dissatisfaction(60, 0.3), "乙": hidden_dissatisfaction(60, 0.04)})
    >>> v["dissatisfied"].round(6).tolist()
    [200.0, 1500.0]
    """
    from ..validation import InputTypeError, fail

    if not isinstance(estimates, dict) or not estimates \
            or not all(isinstance(v, pd.Series) for v in estimates.values()):
        raise fail("estimates", estimates, "a non-empty dict of label → Series", "非空的“名称 → Series”字典",
                   zh="估计结果", kind=InputTypeError)
    frame = pd.DataFrame({str(k): v for k, v in estimates.items()}).T
    frame.index.name = "estimate"
    return frame
