"""Student-facing tables of Chapter 6 (第 6 章给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/credit.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="credit")``.  They reshape results of
:mod:`crmlab.credit.model` (line ids as Chinese names, bands and decisions in
words); they compute nothing new.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import display
from ..validation import check_column, check_frame, check_int, fail

__all__ = ["BAND_WORDS", "DECISION_WORDS", "ledger_view", "policy_view", "score_view", "grade_view"]

TOPIC = "credit"

#: How a score band of :func:`~crmlab.credit.model.score_band` reads in words.
BAND_WORDS = {"too_weak": "太弱（70分以下）", "preferred": "优先选择（70–80分）",
              "unclassified": "教材未归类（80–85分）", "too_strong": "太强势（85分以上）"}
#: How a decision of the marginal analysis reads in words.
DECISION_WORDS = {"adopt": "采用新条件", "keep": "维持现行条件"}


_DATES = ("invoice_date", "due_date", "paid_1_date", "paid_2_date", "written_off_date")


def _check_cells(frame, name, zh, *, numbers=(), flags=(), words=None):
    """Refuse a corrupted result table: ``numbers`` columns finite numbers, ``flags``
    True/False, ``words`` = {column: allowed values} (no list, None or other cell)."""
    from ..validation import described

    for col in numbers:
        vals = pd.to_numeric(frame[col], errors="coerce")
        kind = pd.api.types.infer_dtype(frame[col], skipna=False)     # a True among numbers is refused
        if kind not in ("floating", "integer", "mixed-integer-float") or \
                not np.isfinite(vals.to_numpy(dtype=float)).all():
            raise fail(name, described(f"column {col!r} with a value that is not a finite number"),
                       f"finite numbers in {col!r}", f"{col!r} 列为有限数值", zh=zh)
    for col in flags:
        if pd.api.types.infer_dtype(frame[col], skipna=False) != "boolean":
            raise fail(name, described(f"column {col!r} with a value that is not True/False"),
                       f"True or False in {col!r}", f"{col!r} 列为 True 或 False", zh=zh)
    for col, allowed in (words or {}).items():
        kind = pd.api.types.infer_dtype(frame[col], skipna=False)
        if kind != "string" or not frame[col].isin(list(allowed)).all():
            raise fail(name, described(f"column {col!r} with a value that is not one of {sorted(allowed)}"),
                       f"one of {sorted(allowed)} in {col!r}", f"{col!r} 列为 {sorted(allowed)} 之一", zh=zh)


def ledger_view(ledger, rows=6):
    """The first ``rows`` invoices of the ledger, dates as days (yyyy-mm-dd), indexed by invoice.

    The invoice id (``invoice_id``), when there is one, becomes the index, so
    that the table shows no bare row numbers; a missing date (no payment yet,
    not written off) stays empty (shown as —).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"invoice_id": ["F1"], "invoice_date": pd.to_datetime(["2025-01-31"]),
    ...                   "paid_2_date": pd.to_datetime([None])})
    >>> v = ledger_view(t)
    >>> v["invoice_date"].tolist(), bool(v["paid_2_date"].isna().all()), v.index.tolist()
    (['2025-01-31'], True, ['F1'])
    """
    frame = check_frame(ledger, "ledger", ["invoice_date"], zh="应收账款台账")
    n = check_int(rows, "rows", zh="行数", low=1, high=1000)
    out = frame.head(n).copy()
    for col in _DATES:
        if col not in out.columns:
            continue
        if not pd.api.types.is_datetime64_any_dtype(out[col]):
            raise fail("ledger", out[col].dtype,
                       f"a {col!r} column of dates (as load_credit_ledger() gives)",
                       f"{col} 列为日期（如 load_credit_ledger() 所给）", zh="应收账款台账")
        out[col] = out[col].dt.strftime("%Y-%m-%d").where(out[col].notna(), np.nan)
    if "invoice_id" in out.columns:
        out = out.set_index("invoice_id")
    return out


def policy_view(table):
    """:func:`~crmlab.credit.model.credit_policy_change` (or ``net_cash_flow``) with Chinese line names.

    Examples
    --------
    >>> from crmlab.credit.model import credit_policy_change
    >>> t = credit_policy_change({"sales": 100.0, "collection_days": 30.0},
    ...                          {"sales": 110.0, "collection_days": 45.0}, 0.6, 0.1)
    >>> policy_view(t).index[1]
    '边际贡献'

    The ``discount_factor`` line of :func:`~crmlab.credit.model.net_cash_flow` has no
    change (each policy discounts with its own factor): it is left empty (NaN, shown as —).
    """
    frame = check_frame(table, "table", ["current", "proposed", "change"], zh="边际分析表")
    out = frame[["current", "proposed", "change"]].copy()
    if "discount_factor" in out.index:
        # each policy has its own discount factor; their difference means nothing (shown as —)
        out.loc["discount_factor", "change"] = np.nan
    out.index = pd.Index([display.label(str(i), TOPIC, unit=False) for i in frame.index], name="line")
    return out


def score_view(scores):
    """:func:`~crmlab.credit.model.credit_score` with the band in words and 是/否 for ``chosen``.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.credit.model import credit_score
    >>> a = pd.DataFrame({"applicant": ["甲"], "finance_score": [75]})
    >>> score_view(credit_score(a, {"finance_score": 1}))[["band", "chosen"]].iloc[0].tolist()
    ['优先选择（70–80分）', '是']
    """
    frame = check_frame(scores, "scores", ["score", "band", "chosen"], zh="评分表")
    _check_cells(frame, "scores", "评分表", numbers=["score"], flags=["chosen"], words={"band": BAND_WORDS})
    out = frame.copy()
    out["band"] = frame["band"].map(BAND_WORDS)
    out["chosen"] = frame["chosen"].map({True: "是", False: "否"})
    return out


def grade_view(customers, grades, id_col="applicant"):
    """The three grading criteria beside :func:`~crmlab.credit.model.credit_grade`, 是/否 for competing brands.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.credit.model import credit_grade
    >>> c = pd.DataFrame({"applicant": ["甲"], "collection_rate": [0.97], "current_ratio": [2.0],
    ...                   "sells_competitors": [True]})
    >>> grade_view(c, credit_grade(c))[["sells_competitors", "grade"]].iloc[0].tolist()
    ['是', 'B']
    """
    id_col = check_column(id_col, "id_col", zh="客户名称列")
    frame = check_frame(customers, "customers",
                        [id_col, "collection_rate", "current_ratio", "sells_competitors"], zh="客户")
    if pd.api.types.infer_dtype(frame[id_col], skipna=False) not in ("string", "integer"):
        from ..validation import described, fail
        raise fail("customers", described(f"missing or list-valued {id_col!r}"),
                   f"one name per customer in {id_col!r}", f"{id_col!r} 列每行一个客户名称", zh="客户")
    if not isinstance(grades, pd.Series) or len(grades) != len(frame):
        from ..validation import InputTypeError, described, fail
        raise fail("grades", described(type(grades).__name__),
                   "the Series credit_grade returned for these customers", "credit_grade 对这些客户的结果",
                   zh="信用等级", kind=InputTypeError)
    _check_cells(frame, "customers", "客户", numbers=["collection_rate", "current_ratio"],
                 flags=["sells_competitors"])
    _check_cells(pd.DataFrame({"grade": grades.to_numpy()}), "grades", "信用等级",
                 words={"grade": ("A", "B", "C", "D")})
    out = frame[["collection_rate", "current_ratio"]].copy()
    out["sells_competitors"] = frame["sells_competitors"].map({True: "是", False: "否"})
    out["grade"] = grades.to_numpy()
    out.index = pd.Index(frame[id_col].astype(str), name=id_col)
    return out
