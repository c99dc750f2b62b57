"""Student-facing tables of the beer-and-diapers case (给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/basket.csv``), ready for
``crmlab.display.table(frame, topic="basket")``.  They reshape results of
:mod:`crmlab.basket.model` (item tuples written as "尿布 → 啤酒", yes/no in
words); they compute nothing new.
"""
from __future__ import annotations

import pandas as pd

from ..validation import check_choice, check_frame, check_int

__all__ = ["rule_text", "rules_view", "itemsets_view"]


def rule_text(antecedent, consequent) -> str:
    """A rule as text: ``("尿布",), ("啤酒",)`` → ``"尿布 → 啤酒"`` (items sorted, as in the rules).

    Examples
    --------
    >>> rule_text(("尿布", "牛奶"), ("啤酒",))
    '尿布、牛奶 → 啤酒'
    """
    from .model import _items

    a = _items(antecedent, "antecedent", "前项")
    c = _items(consequent, "consequent", "后项")
    return f"{'、'.join(a)} → {'、'.join(c)}"


def rules_view(rules, top=None, sort=None):
    """:func:`~crmlab.basket.model.association_rules` with each rule as one line of text.

    Index ``rule`` ("尿布 → 啤酒"); columns ``support``, ``confidence``, ``lift``,
    ``count`` and, when the table has it (the panel's ``top``), ``highlight``
    as 是/否.  ``sort`` ("support", "confidence" or "lift") re-sorts the rules
    by that column, highest first (default: keep the order given, by lift);
    ``top`` then keeps the first rows.

    Examples
    --------
    >>> r = pd.DataFrame({"antecedent": [("尿布",)], "consequent": [("啤酒",)], "support": [0.03],
    ...                   "confidence": [0.33], "lift": [1.95], "count": [135]})
    >>> rules_view(r).index.tolist()
    ['尿布 → 啤酒']
    """
    cols = ["antecedent", "consequent", "support", "confidence", "lift", "count"]
    frame = check_frame(rules, "rules", cols, zh="规则表", allow_empty=True)
    if sort is not None:
        sort = check_choice(sort, "sort", ("support", "confidence", "lift"), zh="排序依据")
        frame = frame.sort_values(sort, ascending=False, kind="stable")
    if top is not None:
        frame = frame.head(check_int(top, "top", zh="显示的规则数", low=1))
    out = frame[cols[2:]].copy()
    if "highlight" in frame:
        out["highlight"] = ["是" if h else "" for h in frame["highlight"]]
    out.index = pd.Index([rule_text(a, c) for a, c in zip(frame["antecedent"], frame["consequent"])],
                         name="rule")
    return out


def itemsets_view(itemsets):
    """:func:`~crmlab.basket.model.frequent_itemsets` with each item set as text.

    Examples
    --------
    >>> f = pd.DataFrame({"itemset": [("啤酒", "尿布")], "size": [2], "support": [0.03], "count": [135]})
    >>> itemsets_view(f).index.tolist()
    ['{啤酒、尿布}']
    """
    frame = check_frame(itemsets, "itemsets", ["itemset", "size", "support", "count"],
                        zh="频繁项集表", allow_empty=True)
    out = frame[["size", "support", "count"]].rename(columns={"count": "itemset_count"})
    out.index = pd.Index(["{" + "、".join(map(str, s)) + "}" for s in frame["itemset"]],
                         name="itemset")
    return out
