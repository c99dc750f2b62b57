"""Student-facing tables of the beer-and-diapers case (给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/basket.csv``), ready for
``crmlab.display.table(frame, topic="basket")``.  They reshape results of
:mod:`crmlab.basket.model` (item tuples written as "尿布 → 啤酒", yes/no in
words).  The only numbers they work out are counts and ranks; a looked-up
rule's metrics come from :func:`~crmlab.basket.model.rule_metrics`.
"""
from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from ..validation import InputTypeError, check_array, check_choice, check_frame, check_int, fail
from .model import _check_labels, rule_metrics

__all__ = ["rule_text", "rules_view", "itemsets_view", "data_summary", "transactions_view"]


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


def rules_view(rules, top=None, sort=None, pick=None, baskets=None):
    """:func:`~crmlab.basket.model.association_rules` with each rule as one line of text.

    Index ``rule`` ("尿布 → 啤酒"); columns ``rank`` (the rule's place in the
    table given, by lift: 1 is the first row), ``support``, ``confidence``,
    ``lift``, ``count`` and, when the table has it (the panel's ``top``),
    ``highlight`` as 是/否.  ``sort`` ("support", "confidence" or "lift")
    re-sorts the rules by that column, highest first (default: keep the order
    given); ``top`` then keeps the first rows.  ``pick`` (a list of rules as
    text, e.g. ``["面包 → 牛奶"]``) keeps only those rules, in that order: a
    lookup of rules that no top list shows.  A picked rule the table lacks
    (the thresholds dropped it) is computed from ``baskets`` with
    :func:`~crmlab.basket.model.rule_metrics`, its rank left missing (shown
    as "—"); without ``baskets`` it is refused.

    Examples
    --------
    >>> r = pd.DataFrame({"antecedent": [("尿布",), ("面包",)], "consequent": [("啤酒",), ("牛奶",)],
    ...                   "support": [0.03, 0.14], "confidence": [0.33, 0.40],
    ...                   "lift": [1.95, 0.94], "count": [135, 563]})
    >>> rules_view(r).index.tolist()
    ['尿布 → 啤酒', '面包 → 牛奶']
    >>> rules_view(r, pick=["面包 → 牛奶"])["rank"].tolist()
    [2]
    >>> t = [["尿布", "啤酒"], ["牛奶"], ["牛奶", "尿布"]]
    >>> rules_view(r.head(1), pick=["尿布 → 牛奶"], baskets=t)[["rank", "confidence"]].values.tolist()
    [[nan, 0.5]]
    """
    cols = ["antecedent", "consequent", "support", "confidence", "lift", "count"]
    frame = check_frame(rules, "rules", cols, zh="规则表", allow_empty=True)
    for col in cols[:2]:
        _check_item_tuples(frame[col], f"rules[{col!r}]", "规则表")
    for col in cols[2:]:
        _check_numbers(frame[col], f"rules[{col!r}]", "规则表")
    out = frame[cols[2:]].copy()
    out.insert(0, "rank", range(1, len(frame) + 1))
    if "highlight" in frame:
        out["highlight"] = ["是" if h else "" for h in frame["highlight"]]
    out.index = pd.Index([rule_text(a, c) for a, c in zip(frame["antecedent"], frame["consequent"])],
                         name="rule")
    if pick is not None:
        if isinstance(pick, str):
            pick = [pick]
        if not isinstance(pick, (list, tuple)) or not pick:
            raise fail("pick", pick, "a non-empty list of rules as text, e.g. ['面包 → 牛奶']",
                       "规则文本的非空列表，例如 ['面包 → 牛奶']", zh="要查看的规则")
        missing = [r for r in pick if r not in out.index]
        if missing and baskets is None:
            raise fail("pick", missing[0], "a rule of the table (written 前项 → 后项), or give baskets",
                       "规则表中的规则（写成“前项 → 后项”），或者给出 baskets", zh="要查看的规则")
        if missing:
            out = out.astype({"rank": float})
        for text in missing:
            a, c = _parse_rule(text)
            one = rule_metrics(baskets, a, c)
            out.loc[text] = {"rank": np.nan, "support": one["support"],
                             "confidence": one["confidence"], "lift": one["lift"],
                             "count": one["count_ab"], **({"highlight": ""} if "highlight" in out else {})}
        out = out.loc[list(pick)]
    if sort is not None:
        sort = check_choice(sort, "sort", ("support", "confidence", "lift"), zh="排序依据")
        out = out.sort_values(sort, ascending=False, kind="stable")
    if top is not None:
        out = out.head(check_int(top, "top", zh="显示的规则数", low=1))
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
    _check_item_tuples(frame["itemset"], "itemsets['itemset']", "频繁项集表")
    for col in ("size", "support", "count"):
        _check_numbers(frame[col], f"itemsets[{col!r}]", "频繁项集表")
    out = frame[["size", "support", "count"]].rename(columns={"count": "itemset_count"})
    out.index = pd.Index(["{" + "、".join(map(str, s)) + "}" for s in frame["itemset"]],
                         name="itemset")
    return out


def _check_item_tuples(column, name, zh):
    """Raise unless every cell is a non-empty tuple (or list) of item names, as the model gives."""
    def ok(v):
        return isinstance(v, (tuple, list)) and len(v) > 0 and \
            all(isinstance(x, str) and x.strip() for x in v)

    bad = ~column.map(ok).astype(bool)
    if bad.any():
        raise fail(name, column[bad].iloc[0], "item sets, each a tuple of item names",
                   "项集，每个是商品名称的元组", zh=zh, kind=InputTypeError)


_SHARES = ("support", "confidence")


def _check_numbers(column, name, zh):
    """Raise unless every cell is a finite number ≥ 0 (not text, not True/False, not
    missing); a support or confidence (named ``…['support']`` / ``…['confidence']``)
    must also be at most 1."""
    if not len(column):
        return
    if pd.api.types.is_bool_dtype(column.dtype) or not pd.api.types.is_numeric_dtype(column.dtype):
        is_number = column.map(lambda v: isinstance(v, numbers.Real) and
                               not isinstance(v, (bool, np.bool_))).astype(bool)
        if not is_number.all():
            raise fail(name, column[~is_number].iloc[0], "numbers", "数值", zh=zh,
                       kind=InputTypeError)
    values = check_array(column.to_numpy(), name, zh=zh, nonnegative=True)
    if any(f"[{col!r}]" in name for col in _SHARES) and (values > 1).any():
        raise fail(name, float(values[values > 1][0]), "shares between 0 and 1",
                   "0 到 1 之间的比例", zh=zh)


def _parse_rule(text):
    """``"尿布、牛奶 → 啤酒"`` → ``(("尿布", "牛奶"), ("啤酒",))``; anything else is refused."""
    parts = text.split(" → ") if isinstance(text, str) else []
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise fail("pick", text, "a rule written 前项 → 后项 (items joined by 、)",
                   "写成“前项 → 后项”的规则（多件商品用“、”连接）", zh="要查看的规则")
    return tuple(parts[0].split("、")), tuple(parts[1].split("、"))


_WEEKDAYS = {1: "周一", 2: "周二", 3: "周三", 4: "周四", 5: "周五", 6: "周六", 7: "周日"}


def data_summary(table, *, order_col="order_id", item_col="item", household_col="household_id",
                 week_col="week"):
    """The transaction table in one row (数据概况): baskets, lines, households, weeks, items.

    Examples
    --------
    >>> t = pd.DataFrame({"order_id": ["a", "a", "b"], "household_id": ["H1", "H1", "H2"],
    ...                   "week": [1, 1, 2], "item": ["牛奶", "面包", "牛奶"]})
    >>> data_summary(t).iloc[0].astype(str).tolist()
    ['模拟数据', '2', '3', '2', '2', '2']
    """
    frame = check_frame(table, "table", [order_col, item_col, household_col, week_col],
                        zh="交易表")
    for col in (order_col, item_col, household_col):
        _check_labels(frame[col], f"table[{col!r}]", "交易表")
    _check_numbers(frame[week_col], f"table[{week_col!r}]", "交易表")
    weeks = frame[week_col].to_numpy(float)
    if ((weeks < 1) | (weeks != np.floor(weeks))).any():
        bad = frame[week_col][(weeks < 1) | (weeks != np.floor(weeks))].iloc[0]
        raise fail(f"table[{week_col!r}]", bad, "week numbers 1, 2, … (whole numbers ≥ 1)",
                   "周次 1、2、…（不小于 1 的整数）", zh="交易表")
    return pd.DataFrame({"data_kind": ["模拟数据"],
                         "n_baskets": [frame[order_col].nunique()],
                         "n_lines": [len(frame)],
                         "n_households": [frame[household_col].nunique()],
                         "n_weeks": [frame[week_col].nunique()],
                         "n_items": [frame[item_col].nunique()]})


def transactions_view(table):
    """Rows of the transaction table for students: 星期几 as 周一…周日, 有婴儿 as 是/否.

    Examples
    --------
    >>> t = pd.DataFrame({"order_id": ["a"], "has_infant": [False], "weekday": [6], "item": ["牛奶"]})
    >>> transactions_view(t).iloc[0].tolist()
    ['a', '否', '周六', '牛奶']
    """
    frame = check_frame(table, "table", [], zh="交易表")
    out = frame.copy()
    for col, names, expected, expected_zh in (
            ("weekday", _WEEKDAYS, "days of the week 1 (Monday) … 7 (Sunday)",
             "星期几 1（周一）… 7（周日）"),
            ("has_infant", {True: "是", False: "否"}, "True or False", "True 或 False")):
        if col not in out:
            continue
        shown = out[col].map(names).astype(object)
        bad = shown.isna()
        if col == "weekday":                                # True would read as 周一
            bad |= out[col].map(lambda v: isinstance(v, (bool, np.bool_))).astype(bool)
        if bad.any():
            raise fail(f"table[{col!r}]", out[col][bad].iloc[0], expected, expected_zh, zh="交易表")
        out[col] = shown
    return out
