"""Student-facing tables of Chapter 7 (第 7 章给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/satisfaction.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="satisfaction")``.  They reshape results of
:mod:`crmlab.satisfaction.model` (attribute, quadrant and zone ids shown as their
Chinese names); they compute nothing new.
"""
from __future__ import annotations

import pandas as pd

from .. import display
from ..validation import check_frame

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
    grid = frame.pivot(index="product_satisfied", columns="service_satisfied", values="repurchase_rate")
    grid = grid.reindex(index=[1, 0], columns=[1, 0])
    grid.index = pd.Index(["对产品满意", "对产品不满意"], name="product_satisfied")
    grid.columns = pd.Index(["rate_service_satisfied", "rate_service_dissatisfied"])
    return grid


def steps_view(steps):
    """A numbered list (步骤) as a one-column table, e.g. :data:`~crmlab.satisfaction.model.COMPLAINT_STEPS`.

    Examples
    --------
    >>> from crmlab.satisfaction.model import COMPLAINT_STEPS
    >>> steps_view(COMPLAINT_STEPS).shape
    (8, 1)
    """
    from ..validation import InputTypeError, fail

    if isinstance(steps, (str, bytes)) or not isinstance(steps, (list, tuple)) or not steps \
            or not all(isinstance(x, str) for x in steps):
        raise fail("steps", steps, "a non-empty list of texts", "非空的文字列表", zh="步骤",
                   kind=InputTypeError)
    items = list(steps)
    return pd.DataFrame({"内容": items}, index=pd.Index(range(1, len(items) + 1), name="步骤"))


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
