"""Market-basket analysis: frequent itemsets and association rules (购物篮分析).

The maths of the case 沃尔玛的啤酒与尿布 (seed ``[001]``: the opening story of its
CRM-system chapter, which the seed tells without numbers).  Everything here is
本书补充 (not in the seeds); the definitions follow Agrawal, Imieliński & Swami
(1993), Agrawal & Srikant (1994) and the textbooks Tan, Steinbach & Kumar,
*Introduction to Data Mining* (2006, ch. 6) and Han, Kamber & Pei, *Data Mining:
Concepts and Techniques* (3rd ed., 2012, ch. 6).

Definitions, for baskets (购物篮, transactions) t₁ … t_N and item sets A, B with
no item in common:

* **support** 支持度 ``s(A) = |{t : A ⊆ t}| / N`` — the share of all baskets that
  hold every item of A; the support of a rule A → B is ``s(A ∪ B)``.
* **confidence** 置信度 ``c(A → B) = s(A ∪ B) / s(A)`` — of the baskets with A, the
  share that also hold B (an estimate of P(B | A)).
* **lift** 提升度 ``L(A → B) = c(A → B) / s(B) = s(A ∪ B) / (s(A) s(B))`` — how
  much more often A and B meet than if they were bought independently: 1 means
  no association, above 1 together more often, below 1 less often.  Lift is
  symmetric (``L(A → B) = L(B → A)``); confidence is not.  A rule whose
  consequent is in most baskets has a high confidence and a lift near 1: that is
  why lift, not confidence, says whether two items go together.
* **apriori principle** (先验原理): every subset of a frequent item set is
  frequent, so a candidate of size k with an infrequent (k−1)-subset is pruned
  before its support is counted (Agrawal & Srikant 1994).

Conventions: shares are fractions of the baskets in the data passed (0 to 1);
thresholds are inclusive (``s ≥ min_support``, ``c ≥ min_confidence``) and must
lie in (0, 1]; an item set is frequent only if at least one basket holds it (so
a tiny ``min_support`` lists the sets the data show, never one of count 0); an
item appears at most once in a basket (duplicates are refused, not merged,
because a duplicated line usually means a data error).

Decision on libraries: crmlab does **not** depend on mlxtend.  mlxtend 0.25 needs
Python ≥ 3.11 and pandas ≥ 2.3.3, while crmlab supports Python 3.10 and pandas
2.1.  The apriori here is a short vectorised implementation on a boolean basket
matrix (NumPy); ``tests/test_basket.py`` checks it against mlxtend's output on
random data, written once by the dev-only script ``tests/data/make_mlxtend_fixture.py``.
"""
from __future__ import annotations

import itertools
import numbers

import numpy as np
import pandas as pd

from ..validation import (InputError, InputTypeError, check_choice, check_column, check_frame,
                          check_int, check_number, fail)

__all__ = ["ALL_SLICES", "TIME_SLICES", "basket_matrix", "item_support", "frequent_itemsets",
           "apriori_steps", "association_rules", "rule_metrics", "slice_baskets",
           "rule_by_slice", "rules_whatif", "HIGHLIGHT"]

#: Time slices of the simulated supermarket; :data:`ALL_SLICES` means every basket.
TIME_SLICES = ("工作日白天", "工作日晚间", "周末")
ALL_SLICES = "全部"
#: The rule of the story: a basket with diapers also holds beer (尿布 → 啤酒).
HIGHLIGHT = (("尿布",), ("啤酒",))


# --------------------------------------------------------------------------- input
def _check_item(value, name):
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (str, numbers.Number)):
        raise fail(name, value, "an item name (non-empty text)", "商品名称（非空文本）",
                   zh="商品", kind=InputTypeError)
    raise fail(name, value, "an item name (non-empty text)", "商品名称（非空文本）", zh="商品")


def _from_lists(baskets, name="baskets"):
    rows, items = [], []
    for i, basket in enumerate(baskets):
        if isinstance(basket, (str, bytes)) or not hasattr(basket, "__iter__") or \
                isinstance(basket, (dict, pd.DataFrame)):
            raise fail(name, basket, "a list of baskets, each a list of item names",
                       "购物篮的列表，每个购物篮是商品名称的列表", zh="购物篮",
                       kind=InputTypeError)
        content = list(basket)
        if not content:
            raise fail(name, basket, f"a non-empty basket (basket {i} is empty)",
                       f"非空的购物篮（第 {i} 个购物篮是空的）", zh="购物篮")
        content = [_check_item(x, name) for x in content]
        if len(set(content)) != len(content):
            dup = sorted({x for x in content if content.count(x) > 1})
            raise fail(name, basket, f"each item at most once per basket (basket {i} "
                       f"repeats {dup})", f"每个商品在一个购物篮中至多出现一次（第 {i} 个购物篮"
                       f"重复了 {dup}）", zh="购物篮")
        rows += [i] * len(content)
        items += content
    if not rows:
        raise fail(name, baskets, "at least one basket", "至少一个购物篮", zh="购物篮")
    return np.asarray(rows), np.asarray(items, dtype=object)


def _id_kind(value):
    if isinstance(value, str):
        return "text"
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        return "integer"
    return None


def _from_table(table, order_col, item_col, name="baskets"):
    order_col = check_column(order_col, "order_col", zh="购物篮编号列")
    item_col = check_column(item_col, "item_col", zh="商品列")
    frame = check_frame(table, name, [order_col, item_col], zh="交易表")
    orders, items = frame[order_col], frame[item_col]
    kinds = orders.map(_id_kind)
    if kinds.isna().any() or kinds.nunique() > 1:
        bad = orders[kinds.isna()].iloc[0] if kinds.isna().any() else described_rows("text and numbers")
        raise fail(f"{name}[{order_col!r}]", bad, "basket ids of one kind (all text or all integers)",
                   "同一种类型的购物篮编号（全部为文本或全部为整数）", zh="购物篮编号")
    bad = ~items.map(lambda x: isinstance(x, str) and bool(x.strip())).astype(bool)
    if bad.any():
        first = items[bad].iloc[0]
        missing_or_text = isinstance(first, str) or (pd.api.types.is_scalar(first) and pd.isna(first))
        raise fail(f"{name}[{item_col!r}]", first, "item names (non-empty text)",
                   "商品名称（非空文本）", zh="商品",
                   kind=InputError if missing_or_text else InputTypeError)
    dup = frame.duplicated([order_col, item_col])
    if dup.any():
        first = frame.loc[dup, [order_col, item_col]].iloc[0]
        raise fail(name, described_rows(f"basket {first[order_col]!r} with {first[item_col]!r} twice"),
                   "each item at most once per basket (drop the duplicate lines first)",
                   "每个商品在一个购物篮中至多出现一次（请先删除重复的行）", zh="交易表")
    codes, uniques = pd.factorize(orders, sort=True)
    return codes, items.astype(str).to_numpy(dtype=object), uniques


class described_rows(str):
    """A short description shown in an error instead of a whole table."""

    def __repr__(self):
        return str(self)


def basket_matrix(baskets, *, order_col="order_id", item_col="item"):
    """Boolean basket matrix (购物篮矩阵): one row per basket, one column per item.

    Parameters
    ----------
    baskets : list of lists, or DataFrame
        Either a list of baskets, each a list (or set) of item names, or a
        transaction table (交易表) with one row per basket and item.
    order_col, item_col : str
        Columns of the transaction table: the basket id and the item.

    Returns
    -------
    DataFrame of bool
        Index: the basket ids (0, 1, … for a list); columns: the items, sorted.

    Examples
    --------
    >>> basket_matrix([["牛奶", "面包"], ["啤酒"]]).astype(int).values.tolist()
    [[0, 1, 1], [1, 0, 0]]
    >>> basket_matrix([["牛奶", "牛奶"]])
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: baskets must be each item at most once per basket (basket 0 repeats ['牛奶']); got ['牛奶', '牛奶'] (购物篮 baskets 应为每个商品在一个购物篮中至多出现一次（第 0 个购物篮重复了 ['牛奶']），实际为 ['牛奶', '牛奶'])
    """
    return _basket_matrix(baskets, order_col, item_col, "baskets")


def _basket_matrix(baskets, order_col, item_col, name):
    if isinstance(baskets, pd.DataFrame):
        rows, items, uniques = _from_table(baskets, order_col, item_col, name)
        index = pd.Index(list(uniques), name=order_col)
    elif isinstance(baskets, (list, tuple)):
        rows, items = _from_lists(baskets, name)
        index = pd.RangeIndex(len(baskets), name="basket")
    else:
        raise fail(name, baskets, "a list of baskets or a transaction table (DataFrame)",
                   "购物篮的列表或交易表（DataFrame）", zh="购物篮", kind=InputTypeError)
    codes, names = pd.factorize(items, sort=True)
    m = np.zeros((len(index), len(names)), dtype=bool)
    m[rows, codes] = True
    return pd.DataFrame(m, index=index, columns=pd.Index(list(names), name="item"))


def _matrix(baskets, order_col, item_col, name="baskets"):
    if isinstance(baskets, pd.DataFrame) and len(baskets.columns) and \
            baskets.dtypes.eq(bool).all() and order_col not in baskets and item_col not in baskets:
        return _check_matrix(baskets, name)
    return _basket_matrix(baskets, order_col, item_col, name)


def _check_matrix(matrix, name):
    if not isinstance(matrix, pd.DataFrame) or not len(matrix.columns) or \
            not matrix.dtypes.eq(bool).all():
        raise fail(name, matrix if not isinstance(matrix, pd.DataFrame) else
                   described_rows("a DataFrame that is not all true/false"),
                   "a basket matrix (DataFrame of true/false, one row per basket)",
                   "购物篮矩阵（真/假值的 DataFrame，每行一个购物篮）", zh="购物篮矩阵",
                   kind=InputTypeError)
    if matrix.empty:
        raise fail(name, described_rows("an empty basket matrix"), "at least one basket",
                   "至少一个购物篮", zh="购物篮矩阵")
    if not matrix.any(axis=1).all():
        raise fail(name, described_rows("a basket matrix with an empty row"),
                   "a non-empty basket on every row", "每一行都是非空的购物篮", zh="购物篮矩阵")
    if matrix.columns.duplicated().any() or \
            not all(isinstance(c, str) and c.strip() for c in matrix.columns):
        raise fail(name, described_rows("a basket matrix with repeated or unnamed items"),
                   "one column per item, named by distinct item names",
                   "每件商品一列，列名为互不相同的商品名称", zh="购物篮矩阵")
    return matrix


def _check_labels(column, name, zh, *, allow_missing=False):
    """Raise unless every cell of ``column`` is one label: text or a number (no list, no None)."""
    def ok(v):
        if isinstance(v, (bool, np.bool_)):
            return False
        if isinstance(v, str) or (isinstance(v, numbers.Number) and not pd.isna(v)):
            return True
        return allow_missing and pd.api.types.is_scalar(v) and bool(pd.isna(v))

    bad = ~column.map(ok).astype(bool)
    if bad.any():
        first = column[bad].iloc[0]
        raise fail(name, first, "one label per cell (text or a number" +
                   (", or missing)" if allow_missing else ", not missing)"),
                   "每格一个标签（文本或数字" + ("，或缺失）" if allow_missing else "，不能缺失）"),
                   zh=zh, kind=InputTypeError if not pd.api.types.is_scalar(first) else InputError)
    return column


def _threshold(value, name, zh):
    return check_number(value, name, zh=zh, low=0, high=1, low_open=True)


# --------------------------------------------------------------------------- apriori
def item_support(baskets, *, order_col="order_id", item_col="item"):
    """Support of each single item (单品支持度): the share of baskets holding it.

    Examples
    --------
    >>> item_support([["牛奶", "面包"], ["牛奶"]]).to_dict()
    {'牛奶': 1.0, '面包': 0.5}
    """
    m = _matrix(baskets, order_col, item_col)
    return pd.Series(m.to_numpy().mean(axis=0), index=list(m.columns), name="support") \
        .sort_values(ascending=False, kind="stable")


def _apriori(m, min_support, max_len):
    """Levels of apriori on a boolean matrix: list of (itemsets int array, supports), steps."""
    x = m.to_numpy()
    n = x.shape[0]
    need = min_support * n - 1e-9 * n                           # count ≥ min_support · N
    need = max(need, 1.0)             # a set no basket holds is never frequent, however small s
    counts = x.sum(axis=0)
    keep = np.flatnonzero(counts >= need)
    level = keep[:, None]
    levels = [(level, counts[keep] / n)]
    steps = [{"size": 1, "candidates": x.shape[1], "pruned": 0, "counted": x.shape[1],
              "frequent": len(keep)}]
    k = 1
    while len(level) > 1 and (max_len is None or k < max_len):
        k += 1
        # join: pairs of frequent (k-1)-sets with the same first k-2 items
        same = (level[:, None, :-1] == level[None, :, :-1]).all(axis=2)
        i, j = np.nonzero(np.triu(same, 1))
        cand = np.column_stack([level[i], level[j, -1]])
        joined = len(cand)
        if joined:
            # prune: every (k-1)-subset must be frequent (apriori principle)
            known = {tuple(r) for r in level.tolist()}
            ok = np.ones(joined, dtype=bool)
            for drop in range(k - 2):                           # the last two subsets are known
                sub = np.delete(cand, drop, axis=1)
                ok &= np.fromiter((tuple(r) in known for r in sub.tolist()), bool, joined)
            cand = cand[ok]
        counted = len(cand)
        if counted:
            support_counts = x[:, cand].all(axis=2).sum(axis=0)
            frequent = support_counts >= need
            level = cand[frequent]
            sup = support_counts[frequent] / n
        else:
            level, sup = np.empty((0, k), dtype=int), np.empty(0)
        steps.append({"size": k, "candidates": joined, "pruned": joined - counted,
                      "counted": counted, "frequent": len(level)})
        if len(level):
            levels.append((level, sup))
    return levels, steps


def _itemsets_frame(m, levels):
    names = np.asarray(m.columns, dtype=object)
    sets, sizes, sup = [], [], []
    for level, s in levels:
        sets += [tuple(names[r]) for r in level]
        sizes += [level.shape[1]] * len(level)
        sup.append(s)
    out = pd.DataFrame({"itemset": sets, "size": sizes,
                        "support": np.concatenate(sup) if sup else np.empty(0)})
    out["count"] = np.rint(out["support"] * len(m)).astype(int)
    return out


def frequent_itemsets(baskets, min_support, *, max_len=None, order_col="order_id",
                      item_col="item"):
    """Frequent item sets by apriori (频繁项集): every set with support ≥ ``min_support``.

    Parameters
    ----------
    baskets : list of lists, DataFrame (transaction table) or boolean basket matrix
    min_support : float in (0, 1]
        Minimum support (最小支持度), a share of all baskets.
    max_len : int, optional
        Largest item-set size to look for (default: no limit).

    Returns
    -------
    DataFrame
        ``itemset`` (tuple of items, sorted), ``size``, ``support``, ``count``
        (baskets holding the set), by size and then by support.

    Examples
    --------
    Tan, Steinbach & Kumar (2006), Table 6.1:

    >>> t = [["面包", "牛奶"], ["面包", "尿布", "啤酒", "鸡蛋"], ["牛奶", "尿布", "啤酒", "可乐"],
    ...      ["面包", "牛奶", "尿布", "啤酒"], ["面包", "牛奶", "尿布", "可乐"]]
    >>> f = frequent_itemsets(t, 0.6)
    >>> f.loc[f["size"] == 2, "itemset"].tolist()
    [('啤酒', '尿布'), ('尿布', '牛奶'), ('尿布', '面包'), ('牛奶', '面包')]
    """
    min_support = _threshold(min_support, "min_support", "最小支持度")
    if max_len is not None:
        max_len = check_int(max_len, "max_len", zh="最大项集长度", low=1)
    m = _matrix(baskets, order_col, item_col)
    levels, _ = _apriori(m, min_support, max_len)
    out = _itemsets_frame(m, levels)
    return out.sort_values(["size", "support", "itemset"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def apriori_steps(baskets, min_support, *, max_len=None, order_col="order_id", item_col="item"):
    """What apriori does at each item-set size (先验原理的剪枝): candidates, pruned, counted, frequent.

    ``candidates`` are the sets made by joining frequent sets one size smaller;
    ``pruned`` those dropped without counting because one of their subsets is
    not frequent (the apriori principle); ``counted`` those whose support was
    counted in the data; ``frequent`` those that reached ``min_support``.  For
    size 1 every item is a candidate.

    Examples
    --------
    >>> t = [["面包", "牛奶"], ["面包", "尿布", "啤酒", "鸡蛋"], ["牛奶", "尿布", "啤酒", "可乐"],
    ...      ["面包", "牛奶", "尿布", "啤酒"], ["面包", "牛奶", "尿布", "可乐"]]
    >>> apriori_steps(t, 0.6)["candidates"].tolist()
    [6, 6, 1]

    Han, Kamber & Pei (2012), Table 6.1 (min support count 2 of 9): the one
    candidate of size 4 is pruned without counting.

    >>> hkp = [["I1", "I2", "I5"], ["I2", "I4"], ["I2", "I3"], ["I1", "I2", "I4"], ["I1", "I3"],
    ...        ["I2", "I3"], ["I1", "I3"], ["I1", "I2", "I3", "I5"], ["I1", "I2", "I3"]]
    >>> apriori_steps(hkp, 2 / 9).loc[4, ["candidates", "pruned", "counted"]].tolist()
    [1, 1, 0]
    """
    min_support = _threshold(min_support, "min_support", "最小支持度")
    if max_len is not None:
        max_len = check_int(max_len, "max_len", zh="最大项集长度", low=1)
    _, steps = _apriori(_matrix(baskets, order_col, item_col), min_support, max_len)
    return pd.DataFrame(steps).set_index("size")


# --------------------------------------------------------------------------- rules
def association_rules(baskets, min_support=0.01, min_confidence=0.2, *, min_lift=None,
                      max_len=None, order_col="order_id", item_col="item"):
    """Association rules A → B (关联规则) with support, confidence and lift, sorted by lift.

    Every frequent item set I (support ≥ ``min_support``, found by apriori) of
    two or more items gives the rules A → I∖A for each non-empty proper subset A;
    a rule is kept when its confidence ``s(I) / s(A)`` is ≥ ``min_confidence``
    (and its lift ≥ ``min_lift``, if given).  Formulas and sources: see the
    module docstring.

    Parameters
    ----------
    baskets : list of lists, DataFrame (transaction table) or boolean basket matrix
    min_support, min_confidence : float in (0, 1]
        Minimum support (最小支持度) and confidence (最小置信度).
    min_lift : float, optional
        Minimum lift (最小提升度), > 0.
    max_len : int, optional
        Largest item-set size (antecedent plus consequent).
    order_col, item_col : str
        Columns of a transaction table.

    Returns
    -------
    DataFrame
        ``antecedent``, ``consequent`` (tuples of items), ``support``,
        ``confidence``, ``lift``, ``antecedent_support``, ``consequent_support``,
        ``count`` (baskets with both); sorted by lift, then confidence, then
        support (all descending), ties by the item names.

    Examples
    --------
    Tan, Steinbach & Kumar (2006), Table 6.1 and the rule {牛奶, 尿布} → {啤酒}:

    >>> t = [["面包", "牛奶"], ["面包", "尿布", "啤酒", "鸡蛋"], ["牛奶", "尿布", "啤酒", "可乐"],
    ...      ["面包", "牛奶", "尿布", "啤酒"], ["面包", "牛奶", "尿布", "可乐"]]
    >>> r = association_rules(t, 0.4, 0.5).set_index(["antecedent", "consequent"])
    >>> r.loc[(("尿布", "牛奶"), ("啤酒",)), ["support", "confidence"]].round(2).tolist()
    [0.4, 0.67]
    >>> association_rules(t, 0, 0.5)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: min_support must be a number in (0, 1]; got 0 (最小支持度 min_support 应为 (0, 1] 内的数值，实际为 0)
    """
    min_support = _threshold(min_support, "min_support", "最小支持度")
    min_confidence = _threshold(min_confidence, "min_confidence", "最小置信度")
    if min_lift is not None:
        min_lift = check_number(min_lift, "min_lift", zh="最小提升度", low=0, low_open=True)
    if max_len is not None:
        max_len = check_int(max_len, "max_len", zh="最大项集长度", low=2)
    m = _matrix(baskets, order_col, item_col)
    levels, _ = _apriori(m, min_support, max_len)
    names = np.asarray(m.columns, dtype=object)
    support = {}
    for level, s in levels:
        support.update(zip(map(tuple, level.tolist()), s.tolist()))
    ante, cons, s_rule, s_a, s_b = [], [], [], [], []
    for level, s in levels[1:]:
        k = level.shape[1]
        for r in range(1, k):                                   # antecedent sizes
            for pos in itertools.combinations(range(k), r):
                rest = [p for p in range(k) if p not in pos]
                a, b = level[:, list(pos)], level[:, rest]
                ante.append(a)
                cons.append(b)
                s_rule.append(s)
                s_a.append(np.fromiter((support[t] for t in map(tuple, a.tolist())), float, len(a)))
                s_b.append(np.fromiter((support[t] for t in map(tuple, b.tolist())), float, len(b)))
    columns = ["antecedent", "consequent", "support", "confidence", "lift",
               "antecedent_support", "consequent_support", "count"]
    if not ante:
        return pd.DataFrame({c: pd.Series(dtype=object if c in columns[:2] else float)
                             for c in columns}).astype({"count": int})
    sr, sa, sb = (np.concatenate(v) for v in (s_rule, s_a, s_b))
    conf = sr / sa
    out = pd.DataFrame({
        "antecedent": [tuple(names[r]) for a in ante for r in a],
        "consequent": [tuple(names[r]) for b in cons for r in b],
        "support": sr, "confidence": conf, "lift": sr / (sa * sb),      # symmetric in A, B
        "antecedent_support": sa, "consequent_support": sb,
        "count": np.rint(sr * len(m)).astype(int)})
    keep = out["confidence"] >= min_confidence - 1e-12
    if min_lift is not None:
        keep &= out["lift"] >= min_lift - 1e-12
    out = out[keep]
    order = np.lexsort((out["consequent"].map("、".join).to_numpy(),
                        out["antecedent"].map("、".join).to_numpy(),
                        -out["support"].to_numpy(), -out["confidence"].to_numpy(),
                        -out["lift"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)


def _items(value, name, zh):
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise fail(name, value, "an item name or a list of item names", "商品名称或商品名称的列表",
                   zh=zh, kind=InputTypeError)
    items = tuple(sorted(_check_item(v, name) for v in value))
    if not items or len(set(items)) != len(items):
        raise fail(name, value, "one or more distinct item names", "一个或多个互不相同的商品名称",
                   zh=zh)
    return items


def _is_rule(rules, antecedent, consequent):
    """Boolean Series: which rows of a rules table are the rule antecedent → consequent."""
    return (rules["antecedent"].map("|".join) == "|".join(antecedent)) & \
        (rules["consequent"].map("|".join) == "|".join(consequent))


def rule_metrics(baskets, antecedent, consequent, *, order_col="order_id", item_col="item"):
    """Support, confidence and lift of one rule A → B (一条规则的指标), whatever the thresholds.

    Returns a dict: ``baskets`` (N), ``count_a``, ``count_b``, ``count_ab``,
    ``support``, ``antecedent_support``, ``consequent_support``, ``confidence``
    and ``lift``.  An item the data never show is refused.

    Examples
    --------
    >>> t = [["面包", "牛奶"], ["面包", "尿布", "啤酒", "鸡蛋"], ["牛奶", "尿布", "啤酒", "可乐"],
    ...      ["面包", "牛奶", "尿布", "啤酒"], ["面包", "牛奶", "尿布", "可乐"]]
    >>> r = rule_metrics(t, ["牛奶", "尿布"], "啤酒")
    >>> round(r["support"], 2), round(r["confidence"], 2), round(r["lift"], 2)
    (0.4, 0.67, 1.11)
    """
    a = _items(antecedent, "antecedent", "前项")
    b = _items(consequent, "consequent", "后项")
    if set(a) & set(b):
        raise fail("consequent", consequent, "items not in the antecedent", "不在前项中的商品",
                   zh="后项")
    return _rule_metrics(_matrix(baskets, order_col, item_col), a, b, antecedent)


def _rule_metrics(m, a, b, antecedent):
    for name, zh, items in (("antecedent", "前项", a), ("consequent", "后项", b)):
        missing = [i for i in items if i not in m.columns]
        if missing:
            raise fail(name, missing[0], f"an item of the data ({len(m.columns)} items)",
                       "数据中出现过的商品", zh=zh)
    x = m.to_numpy()
    cols = {c: j for j, c in enumerate(m.columns)}
    has_a = x[:, [cols[i] for i in a]].all(axis=1)
    has_b = x[:, [cols[i] for i in b]].all(axis=1)
    n, na, nb, nab = len(x), int(has_a.sum()), int(has_b.sum()), int((has_a & has_b).sum())
    if na == 0:
        raise fail("antecedent", antecedent, "items that appear together in at least one basket",
                   "至少在一个购物篮中同时出现的商品", zh="前项")
    if nb == 0:
        raise fail("consequent", "、".join(b), "items that appear together in at least one basket",
                   "至少在一个购物篮中同时出现的商品", zh="后项")
    conf = nab / na
    return {"baskets": n, "count_a": na, "count_b": nb, "count_ab": nab, "support": nab / n,
            "antecedent_support": na / n, "consequent_support": nb / n, "confidence": conf,
            "lift": conf / (nb / n)}


# --------------------------------------------------------------------------- the case
def slice_baskets(table, time_slice=ALL_SLICES, *, slice_col="time_slice"):
    """The rows of a transaction table in one time slice (时段); ``"全部"`` keeps all.

    Examples
    --------
    >>> t = pd.DataFrame({"order_id": ["a", "a", "b"], "item": ["牛奶", "面包", "啤酒"],
    ...                   "time_slice": ["周末", "周末", "工作日晚间"]})
    >>> slice_baskets(t, "周末")["order_id"].tolist()
    ['a', 'a']
    """
    slice_col = check_column(slice_col, "slice_col", zh="时段列")
    frame = check_frame(table, "table", [slice_col], zh="交易表")
    time_slice = check_choice(time_slice, "time_slice", (ALL_SLICES, *TIME_SLICES), zh="时段")
    if time_slice == ALL_SLICES:
        return frame
    out = frame[frame[slice_col].astype(object) == time_slice]
    if out.empty:
        raise fail("time_slice", time_slice, "a time slice that has baskets in the data",
                   "数据中有购物篮的时段", zh="时段")
    return out


def rule_by_slice(table, antecedent, consequent, *, slice_col="time_slice",
                  order_col="order_id", item_col="item"):
    """One rule's support, confidence and lift in every time slice and overall (分时段的规则指标).

    A rule's lift within a subgroup (子群) is computed on that subgroup's baskets
    only: ``s``, ``c`` and ``L`` as in the module docstring, with N the baskets of
    the slice.

    Returns
    -------
    DataFrame
        Index ``time_slice`` (全部, then the slices of :data:`TIME_SLICES` present);
        columns ``baskets``, ``support``, ``confidence``, ``lift``.

    Examples
    --------
    >>> t = pd.DataFrame({"order_id": ["a", "a", "b", "c", "c", "d"],
    ...                   "item": ["尿布", "啤酒", "啤酒", "尿布", "牛奶", "啤酒"],
    ...                   "time_slice": ["周末", "周末", "周末", "工作日晚间", "工作日晚间", "工作日晚间"]})
    >>> rule_by_slice(t, "尿布", "啤酒")["lift"].round(2).tolist()
    [0.67, 0.0, 1.0]
    """
    slice_col = check_column(slice_col, "slice_col", zh="时段列")
    frame = check_frame(table, "table", [slice_col], zh="交易表")
    _check_labels(frame[slice_col], f"table[{slice_col!r}]", "时段", allow_missing=True)
    present = set(frame[slice_col].astype(object).dropna())
    names = [ALL_SLICES] + [s for s in TIME_SLICES if s in present]
    a = _items(antecedent, "antecedent", "前项")
    b = _items(consequent, "consequent", "后项")
    if set(a) & set(b):
        raise fail("consequent", consequent, "items not in the antecedent", "不在前项中的商品",
                   zh="后项")
    whole = _matrix(frame, order_col, item_col, "table")
    keys = frame.drop_duplicates(order_col).set_index(order_col)[slice_col].astype(object)
    rows = [_rule_metrics(whole if s == ALL_SLICES else whole[(keys.reindex(whole.index) == s).to_numpy()],
                          a, b, antecedent) for s in names]
    out = pd.DataFrame(rows, index=pd.Index(names, name="time_slice"))
    return out[["baskets", "support", "confidence", "lift"]]


def rules_whatif(matrix, min_support=0.02, min_confidence=0.2, top=10, highlight=HIGHLIGHT,
                 max_len=2):
    """The panel's model (情景分析模型): the top rules by lift and where the story's rule stands.

    Parameters
    ----------
    matrix : DataFrame of bool
        A basket matrix (:func:`basket_matrix`), e.g. of one time slice.
    min_support, min_confidence : float in (0, 1]
    top : int
        How many rules the table keeps (1 to 50).
    highlight : (antecedent, consequent)
        The rule to follow (default 尿布 → 啤酒).
    max_len : int
        Largest item set (default 2: rules between two items, the story's kind).

    Returns
    -------
    dict
        ``rules`` (all rules found, sorted by lift), ``top`` (the first ``top``
        rows with a column ``highlight``), ``n_rules``, ``n_baskets``; for the
        highlighted rule ``hl_found`` (是/否), ``hl_rank`` (rank by lift among the
        rules found, as text; "未达到门槛" when the thresholds drop it),
        ``hl_support``, ``hl_confidence``, ``hl_lift`` (computed even when the
        thresholds drop it; None when the data never show its items); for the most confident rule ``best_conf_rule`` (text),
        ``best_conf_confidence`` and ``best_conf_lift``.

    Examples
    --------
    >>> t = [["尿布", "啤酒"], ["尿布", "啤酒", "牛奶"], ["牛奶"], ["牛奶", "面包"], ["啤酒"]]
    >>> r = rules_whatif(basket_matrix(t), 0.2, 0.5)
    >>> r["hl_rank"], round(r["hl_lift"], 3)
    ('1 / 4', 1.667)
    """
    m = _check_matrix(matrix, "matrix")
    top = check_int(top, "top", zh="显示的规则数", low=1, high=50)
    max_len = check_int(max_len, "max_len", zh="最大项集长度", low=2)
    if not (isinstance(highlight, (tuple, list)) and len(highlight) == 2):
        raise fail("highlight", highlight, "a pair (antecedent, consequent)", "（前项, 后项）",
                   zh="突出显示的规则", kind=InputTypeError)
    a, b = _items(highlight[0], "highlight", "突出显示的规则"), \
        _items(highlight[1], "highlight", "突出显示的规则")
    if set(a) & set(b):
        raise fail("highlight", highlight, "a rule whose consequent is not in its antecedent",
                   "后项不在前项中的规则", zh="突出显示的规则")
    rules = association_rules(m, min_support, min_confidence, max_len=max_len)
    is_hl = _is_rule(rules, a, b)
    present = set(a) | set(b) <= set(m.columns) and bool(m[list(a)].all(axis=1).any()) and \
        bool(m[list(b)].all(axis=1).any())
    hl = _rule_metrics(m, a, b, highlight[0]) if present else {}
    out = {"rules": rules, "n_rules": len(rules), "n_baskets": len(m),
           "hl_support": hl.get("support"), "hl_confidence": hl.get("confidence"),
           "hl_lift": hl.get("lift")}
    if not present:
        out["hl_found"], out["hl_rank"] = "否", "数据中没有这些商品"
    elif is_hl.any():
        rank = int(np.flatnonzero(is_hl.to_numpy())[0]) + 1
        out["hl_found"], out["hl_rank"] = "是", f"{rank} / {len(rules)}"
    else:
        out["hl_found"], out["hl_rank"] = "否", "未达到门槛"
    table = rules.head(top).copy()
    table["highlight"] = is_hl.head(top).to_numpy()
    out["top"] = table
    if len(rules):
        best = rules.loc[rules["confidence"].idxmax()]
        out["best_conf_rule"] = f"{'、'.join(best['antecedent'])} → {'、'.join(best['consequent'])}"
        out["best_conf_confidence"] = float(best["confidence"])
        out["best_conf_lift"] = float(best["lift"])
    else:
        out["best_conf_rule"], out["best_conf_confidence"], out["best_conf_lift"] = "—", None, None
    return out
