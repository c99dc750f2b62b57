"""Student-facing tables of Chapter 1 (第 1 章给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/value.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="value")``.  They reshape results of
:mod:`crmlab.value.model`; they compute nothing new.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import display
from ..validation import (InputError, InputTypeError, check_array, check_bool, check_frame,
                          described, fail)
from .model import COMPONENTS, annual_equivalent, clv, clv_simple, SIMPLE_YEARS

__all__ = ["VALUE_LAWS", "value_laws_table", "lifetime_equivalents_table",
           "clv_conventions_table", "clv_components_table", "amounts_table",
           "percent_labels", "word_of_mouth_table"]

TOPIC = "value"

#: The "customer value laws" (客户价值定律) of the course, in the order of
#: 小资料 16-1 in [001] (its law number, "—" for the figures from [003]):
#: textbook figure id → (law number, Chinese remark for students, Chinese
#: description replacing the registry's, or None to keep it).  The remark says,
#: in plain Chinese, what the scraped seed lost; the registry's English
#: ``note`` column stays the maintainers' record.
VALUE_LAWS = {
    "ch1_satisfied_referral_deals": (
        "1", "原文数字残缺：满意和不满意的顾客各会转告多少人已经丢失，只剩下“8 笔潜在的生意”", None),
    "ch1_very_satisfied_purchase_intent": ("2", "", None),
    "ch1_unhappy_never_complain": (
        "3", "原文数字残缺：资料只印出“96”，百分号丢失；有抱怨时告诉你和保持沉默的顾客比例完全丢失",
        None),
    "ch1_negative_offsets_positive": (
        "5", "定律 4（顾客不再光顾的六种原因各占多少）的比例几乎全部丢失，只剩第 (4) 项"
        "“认为服务不周”前的一个“8”，无法还原，所以表中没有定律 4", None),
    "ch1_handled_complaint_tell_others": (
        "6", "原文数字残缺：投诉妥善处理后、当场圆满解决后再次光顾的两个比例都已丢失；“95”的百分号也丢失了",
        None),
    "ch1_acquire_vs_retain_cost": ("7", "", None),
    "ch1_new_to_replace_lost": ("7", "", None),
    "ch1_hundred_minus_one_satisfied": (
        "8", "原文符号丢失：资料印成“10010”，原意是“100 − 1 = 0”", None),
    "ch1_people_behind_each_customer": ("9", "", None),
    "ch1_pareto_profit_share": ("10", "资料 [003] 也提到二八定律（80/20 定律）", None),
    "ch1_repeat_customer_extra_profit_min": (
        "11", "原文符号丢失：资料印成“2085”，应为 20%–85%（一个区间）",
        "多次光顾的顾客比首次光顾者多带来利润的幅度（一个区间）"),
    "ch1_retention_increase": (
        "11", "原文只印出“5”，百分号丢失；原文说的是“固定消费者数目”每增长 5%，本书把它读作留存率提高 5 个"
        "百分点（见第七节）；资料 [003] 中“客户留置比率上升 5%”的图表数据已丢失", None),
    "ch1_profit_increase_from_retention": ("11", "原文只印出“25”，百分号丢失", None),
    "ch1_good_experience_told": ("—", "", None),
    "ch1_bad_experience_told": ("—", "", None),
    "ch1_whale_profit_share": (
        "—", "超过 100% 是因为有的客户让企业亏钱（“鲸鱼曲线”，第 5 章继续讨论）", None),
}

def value_laws_table(figures):
    """The customer value laws for students (客户价值定律一览表) [001, 003].

    Picks the rows of :data:`VALUE_LAWS` from the textbook registry and adds
    the law number of 小资料 16-1 and a Chinese remark on what the scraped seed
    lost, so a student reads the table without the maintainers' English notes.

    Parameters
    ----------
    figures : pandas.DataFrame
        The textbook registry, indexed by figure id with columns ``display``,
        ``seed`` and ``description`` (``crmlab.textbook.figures(1)``).

    Returns
    -------
    pandas.DataFrame
        One row per law figure, in the order of the laws, indexed by figure id;
        columns ``law`` (定律编号: "1"–"11" for 小资料 16-1 in [001], "—" for
        the figures from [003]), ``display`` (教材写法), ``seed`` (资料),
        ``description`` (说明) and ``remark_zh`` (备注, "" when nothing was
        lost).

    Examples
    --------
    >>> from crmlab import textbook
    >>> laws = value_laws_table(textbook.figures(1))
    >>> laws.loc["ch1_hundred_minus_one_satisfied", ["law", "display"]].tolist()
    ['8', '100−1=0']
    >>> laws["law"].tolist()[:5]
    ['1', '2', '3', '5', '6']
    """
    check_frame(figures, "figures", ["display", "seed", "description"], zh="教材数字登记表")
    missing = [key for key in VALUE_LAWS if key not in figures.index]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise fail("figures", f"a table without {missing[0]!r}{more}",
                   "every customer value law", "包含全部客户价值定律的表格", zh="教材数字登记表")
    table = figures.loc[list(VALUE_LAWS), ["display", "seed", "description"]].copy()
    laws, remarks, texts = zip(*VALUE_LAWS.values())
    table["description"] = [text or str(old) for text, old in zip(texts, table["description"])]
    table.insert(0, "law", list(laws))
    table["remark_zh"] = list(remarks)
    return table.rename_axis("figure_id")




def lifetime_equivalents_table(totals, discount_rate=0.10):
    """Per-year readings of lifetime totals, one row per firm (终生收益的每年折算) [000].

    Parameters
    ----------
    totals : mapping of str to (float, int)
        Firm name (in Chinese) → (lifetime total, years), e.g.
        ``{"可口可乐": (11000, 50)}``.
    discount_rate : float, default 0.10
        As in :func:`~crmlab.value.model.annual_equivalent`.

    Returns
    -------
    pandas.DataFrame
        Index ``firm``; columns ``lifetime_value``, ``years``, ``per_year``,
        ``present_value_of_per_year``, ``level_annuity``.

    Examples
    --------
    >>> t = lifetime_equivalents_table({"可口可乐": (11000, 50)})
    >>> float(t.loc["可口可乐", "per_year"]), round(float(t.loc["可口可乐", "level_annuity"]), 2)
    (220.0, 1109.45)
    """
    if not isinstance(totals, Mapping) or not totals:
        raise fail("totals", described(type(totals).__name__),
                   "a non-empty mapping of firm → (total, years)", "非空的“企业 → (总额, 年数)”映射",
                   zh="终生总额", kind=InputTypeError if not isinstance(totals, Mapping) else InputError)
    rows = {}
    for name, pair in totals.items():
        try:
            total, years = pair
        except (TypeError, ValueError):
            raise fail("totals", described(f"{name!r}: {pair!r}"), "pairs (total, years)",
                       "（总额, 年数）数对", zh="终生总额", kind=InputTypeError) from None
        eq = annual_equivalent(total, years, discount_rate=discount_rate)
        rows[name] = {"lifetime_value": float(total), "years": int(years),
                      "per_year": eq["per_year"],
                      "present_value_of_per_year": eq["present_value_of_per_year"],
                      "level_annuity": eq["level_annuity"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("firm")


def clv_conventions_table(margin, retention, discount_rate, horizon=None, growth=0.0):
    """The same customer under the three common CLV conventions (三种写法的毛客户终生价值).

    Rows: ``"end"`` (年末、须留存), ``"start"`` (年初、确定), the certain
    end-of-year form (``start`` ÷ (1+d), 年末、确定) and the simple formula over
    :data:`~crmlab.value.model.SIMPLE_YEARS` years; one column ``gross_clv``.

    Examples
    --------
    >>> t = clv_conventions_table(100, 0.8, 0.1)
    >>> [round(v, 2) for v in t["gross_clv"]]
    [266.67, 366.67, 333.33, 1000.0]
    """
    end = clv(margin, retention, discount_rate, horizon=horizon, growth=growth)
    start = clv(margin, retention, discount_rate, horizon=horizon, growth=growth, timing="start")
    rows = {"年末、须留存（timing=\"end\"）": end,
            "年初、确定（timing=\"start\"）": start,
            "年末、确定（start ÷ (1+d)）": start / (1 + discount_rate),
            f"简单公式 {SIMPLE_YEARS} 年（不扣获客成本）": clv_simple(margin, SIMPLE_YEARS)}
    return pd.DataFrame({"gross_clv": rows}).rename_axis("convention")


def clv_components_table(parts):
    """A :func:`~crmlab.value.model.clv_components` table with Chinese row names.

    Examples
    --------
    >>> from crmlab.value import clv_components
    >>> clv_components_table(clv_components(600, 150, 200, 50)).index.tolist()
    ['交易价值', '推荐价值', '成长价值', '知识价值', '客户终生价值']
    """
    check_frame(parts, "parts", ["component", "value", "share"], zh="价值构成")
    keys = list(COMPONENTS) + ["total"]
    if sorted(parts["component"].tolist()) != sorted(keys):
        raise fail("parts", described(f"components {parts['component'].tolist()}"),
                   "a table from clv_components", "clv_components 返回的表格", zh="价值构成")
    names = {key: display.label(f"{key}_value" if key != "total" else "clv", TOPIC, unit=False)
             for key in keys}
    out = parts.set_index("component")[["value", "share"]].rename(index=names)
    return out.rename(columns={"value": "component_value"}).rename_axis("component")


def amounts_table(amounts):
    """A dict of named amounts (each id in the glossary) as a one-column table.

    Rows are relabelled by the glossary (with their units), the column is
    ``amount``.  For :func:`~crmlab.value.model.retention_vs_acquisition` and
    :func:`~crmlab.value.model.complaint_iceberg`.

    Examples
    --------
    >>> amounts_table({"lost_customers": 200.0}).index.tolist()
    ['流失的老客户（人）']
    """
    if not isinstance(amounts, Mapping) or not amounts:
        raise fail("amounts", described(type(amounts).__name__), "a non-empty dict of amounts",
                   "非空的数值字典", zh="数值", kind=InputTypeError)
    values = check_array(list(amounts.values()), "amounts", zh="数值")
    index = [display.label(key, TOPIC) for key in amounts]
    return pd.DataFrame({"amount": values}, index=pd.Index(index, name="item"))


def percent_labels(frame, *, index=True, columns=True):
    """A copy of ``frame`` whose numeric index and/or columns read as percentages (0.1 → "10%").

    For grids such as :func:`~crmlab.value.model.margin_multiple_table` whose
    headers are rates; ``index=False`` or ``columns=False`` leaves that axis
    as it is (e.g. the years of :func:`~crmlab.value.model.retention_uplift_grid`).

    Examples
    --------
    >>> from crmlab.value import margin_multiple_table
    >>> percent_labels(margin_multiple_table()).columns.tolist()
    ['10%', '12%', '14%', '16%']
    >>> percent_labels(margin_multiple_table(), columns=False).index.tolist()
    ['60%', '70%', '80%', '90%']
    """
    if not isinstance(frame, pd.DataFrame):
        raise fail("frame", described(type(frame).__name__), "a pandas DataFrame", "pandas 表格",
                   zh="表格", kind=InputTypeError)
    out = frame.copy()
    axes = [a for a, wanted in (("index", check_bool(index, "index", zh="是否改写行标签")),
                                ("columns", check_bool(columns, "columns", zh="是否改写列标签")))
            if wanted]
    for axis in axes:
        labels = getattr(out, axis)
        if pd.api.types.is_numeric_dtype(labels) and not pd.api.types.is_bool_dtype(labels):
            setattr(out, axis, pd.Index([f"{v:.0%}" for v in labels], name=labels.name))
    return out


def word_of_mouth_table(rows):
    """Good and bad word of mouth side by side (好口碑与坏口碑).

    Parameters
    ----------
    rows : mapping of str to dict
        Row name (Chinese) → dict with ``people_told_per_experience``,
        ``customers_changed``, ``value_per_experience`` and
        ``value_while_retained``.

    Examples
    --------
    >>> word_of_mouth_table({"好口碑": {"people_told_per_experience": 8, "customers_changed": 0.4,
    ...     "value_per_experience": 106.7, "value_while_retained": 284.4}}).shape
    (1, 4)
    """
    if not isinstance(rows, Mapping) or not rows:
        raise fail("rows", described(type(rows).__name__), "a non-empty dict of rows",
                   "非空的行字典", zh="口碑表", kind=InputTypeError)
    columns = ["people_told_per_experience", "customers_changed", "value_per_experience",
               "value_while_retained"]
    frame = pd.DataFrame.from_dict(dict(rows), orient="index")
    check_frame(frame, "rows", columns, zh="口碑表")
    return frame[columns].rename_axis("word_of_mouth")
