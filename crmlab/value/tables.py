"""Student-facing tables of Chapter 1 (第 1 章给学生看的表格).

Each builder returns a DataFrame whose column and index ids are in the glossary
(``crmlab/glossary/value.csv`` or ``common.csv``), ready for
``crmlab.display.table(frame, topic="value")``.  They reshape results of
:mod:`crmlab.value.model`; they compute nothing new.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .. import display
from ..validation import (InputError, InputTypeError, check_array, check_bool, check_choice,
                          check_frame, described, fail)
from .model import COMPONENTS, annual_equivalent, clv, clv_simple, SIMPLE_YEARS

__all__ = ["VALUE_LAWS", "value_laws_table", "lifetime_equivalents_table",
           "clv_conventions_table", "clv_components_table", "amounts_table",
           "percent_labels", "word_of_mouth_table", "complaint_readings_table",
           "card_title", "card_table", "PLANNED_NOTEBOOKS", "chapter_map"]

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
        "8", "原文符号丢失：资料印成“10010”，原意是“100 − 1 = 0”",
        "100 位顾客对企业满意，只要有 1 位持否定态度，企业的美誉度就归零（100 是满意顾客的人数）"),
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
        the figures from [003]), ``display`` (教材说法, with the signs the
        scraped seed lost put back: the seed prints "10010" for "100−1=0"),
        ``seed`` (资料),
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
    if figures.index.has_duplicates:
        dup = figures.index[figures.index.duplicated()][0]
        raise fail("figures", described(f"a table listing {dup!r} twice"),
                   "one row per figure id", "每个教材数字编号只有一行的表格", zh="教材数字登记表")
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

    Rows, labelled in Chinese only: ``timing="end"`` (年末、须留存, the
    default), ``timing="start"`` (年初、确定), the certain end-of-year form
    (``start`` ÷ (1+d), 年末、确定) and the simple formula over
    :data:`~crmlab.value.model.SIMPLE_YEARS` years; one column ``gross_clv``.

    Examples
    --------
    >>> t = clv_conventions_table(100, 0.8, 0.1)
    >>> [round(v, 2) for v in t["gross_clv"]]
    [266.67, 366.67, 333.33, 1000.0]
    """
    end = clv(margin, retention, discount_rate, horizon=horizon, growth=growth)
    start = clv(margin, retention, discount_rate, horizon=horizon, growth=growth, timing="start")
    rows = {"年末、须留存（本书默认）": end,
            "年初、确定": start,
            "年末、确定（年初、确定 ÷ (1 + 折现率)）": start / (1 + discount_rate),
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
            if not np.isfinite(np.asarray(labels, dtype=float)).all():
                raise fail(axis, described(f"labels {list(labels)[:5]}"), "finite rates",
                           "有限的比率", zh="行标签" if axis == "index" else "列标签")
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


#: Reading ids of :func:`~crmlab.value.model.complaint_readings` → glossary id
#: of their Chinese row label.
_READINGS = {"silent_001": "reading_silent_001", "complain_000": "reading_complain_000"}


def complaint_readings_table(readings, *, currency="美元"):
    """A :func:`~crmlab.value.model.complaint_readings` table for students (两种读法并列).

    Row ids ``silent_001`` ([001]: 96 % never complain) and ``complain_000``
    ([000]: 67 % complain) get their Chinese labels from the glossary; the two
    money columns are shown in ``currency`` ("美元" or "元": the café of the
    start page and of the Chapter 1 case is simulated in 元).

    Examples
    --------
    >>> from crmlab.value import complaint_readings
    >>> t = complaint_readings_table(complaint_readings(
    ...     10, {"silent_001": 0.96, "complain_000": 0.33}, 22, 0.05, 1000, keep_cost=14),
    ...     currency="元")
    >>> t.index.tolist()
    ['资料 [001]：96% 不愉快的顾客从不投诉', '资料 [000]：67% 不满意的用户会投诉']
    >>> "value_lost_cny" in t.columns and "retention_budget_cny" in t.columns
    True
    """
    check_frame(readings, "readings", ["never_complain_share", "unhappy_customers",
                                       "value_lost"], zh="投诉比例的读法")
    check_choice(currency, "currency", ("美元", "元"), zh="货币")
    unknown = [key for key in readings.index if key not in _READINGS]
    if unknown:
        raise fail("readings", described(f"a reading {unknown[0]!r}"),
                   f"readings among {sorted(_READINGS)}", f"读法应为 {sorted(_READINGS)} 之一",
                   zh="投诉比例的读法")
    out = readings.rename(index={key: display.label(_READINGS[key], TOPIC, unit=False)
                                 for key in readings.index})
    if currency == "元":
        out = out.rename(columns={"value_lost": "value_lost_cny",
                                  "retention_budget": "retention_budget_cny"})
    return out


#: Units of the data cards in Chinese (the cards spell them in English).
_CARD_UNITS = {None: "—", "": "—", "CNY": "元", "CNY / year": "元/年", "years": "年",
               "visits / year": "次/年", "people": "人", "months": "月", "share": "比例"}
_LATIN = re.compile(r"\s*[A-Za-z(（]")


def _chinese_part(text):
    """The Chinese words at the start of a card text, before its English gloss."""
    match = _LATIN.search(text)
    head = (text[:match.start()] if match else text).strip()
    return head or text.strip()


def card_title(card):
    """The Chinese title of a data card, and whether its data are simulated (数据说明卡的标题).

    Examples
    --------
    >>> card_title({"title": "校园咖啡馆的客户 (campus café customers)", "simulated": True})
    '校园咖啡馆的客户（模拟数据）'
    """
    if not isinstance(card, Mapping) or "title" not in card or "simulated" not in card:
        raise fail("card", described(type(card).__name__), "a data card (datasets.card(name))",
                   "数据说明卡（datasets.card(name)）", zh="数据说明卡", kind=InputTypeError)
    kind = "模拟数据" if card["simulated"] else "真实数据"
    return f"{_chinese_part(str(card['title']))}（{kind}）"


def card_table(card):
    """The columns of a data card as a Chinese table (数据说明卡的各列).

    One row per column of the data set: ``card_column`` (the name used in
    code), ``card_meaning`` (the Chinese part of the card's description) and
    ``card_unit`` (the unit in Chinese).  A unit this function cannot put into
    Chinese is refused rather than shown in English.

    Examples
    --------
    >>> card = {"title": "t", "simulated": True, "columns": [
    ...     {"name": "spend_per_visit", "unit": "CNY",
    ...      "description": "每次平均消费 average spend per visit"}]}
    >>> card_table(card).to_dict("records")
    [{'card_column': 'spend_per_visit', 'card_meaning': '每次平均消费', 'card_unit': '元'}]
    """
    card_title(card)
    columns = card.get("columns")
    if not isinstance(columns, list) or not columns:
        raise fail("card", described("a card without columns"), "a data card with its columns",
                   "含各列说明的数据说明卡", zh="数据说明卡")
    rows = []
    for column in columns:
        unit = column.get("unit")
        if unit not in _CARD_UNITS:
            raise fail("card", described(f"the unit {unit!r} of column {column.get('name')!r}"),
                       f"a unit among {sorted(k for k in _CARD_UNITS if k)}",
                       "本函数能译成中文的单位", zh="数据说明卡")
        rows.append({"card_column": column["name"],
                     "card_meaning": _chinese_part(str(column.get("description", ""))),
                     "card_unit": _CARD_UNITS[unit]})
    return pd.DataFrame(rows)


#: Notebooks of the book that are planned: key (chapter number or case file
#: stem) → (topic in Chinese, path under notebooks/).  :func:`chapter_map` lists
#: one as 计划中 only while no notebook with that key exists.
PLANNED_NOTEBOOKS = {
    "00": ("从这里开始", "00_start_here.ipynb"),
    "01": ("第 1 章 客户的价值", "01_customer_value.ipynb"),
    "02": ("第 2 章 客户的状态", "02_customer_states.ipynb"),
    "03": ("第 3 章 客户关系生命周期", "03_relationship_lifecycle.ipynb"),
    "04": ("第 4 章 客户让渡价值", "04_customer_delivered_value.ipynb"),
    "05": ("第 5 章 ABC 分类与大客户管理", "05_abc_key_accounts.ipynb"),
    "06": ("第 6 章 客户信用管理", "06_credit_management.ipynb"),
    "07": ("第 7 章 客户满意与忠诚", "07_satisfaction_loyalty.ipynb"),
    "vanke_referrals": ("案例：万科的老客户推荐", "cases/vanke_referrals.ipynb"),
    "china_mobile_churn": ("案例：中国移动的客户流失", "cases/china_mobile_churn.ipynb"),
    "huawei_151": ("案例：华为的“151 工程”", "cases/huawei_151.ipynb"),
    "walmart_beer_diapers": ("案例：沃尔玛的啤酒与尿布", "cases/walmart_beer_diapers.ipynb"),
}


def _notebook_title(path):
    """The first heading of a notebook's first Markdown cell (without the #)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return ""
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", ""))
            for line in source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
            return ""
    return ""


def chapter_map(folder, planned=None):
    """The book's chapter map, read from the notebooks that exist (章节地图).

    Every ``*.ipynb`` in ``folder`` and ``folder/cases`` is listed with the
    title of its first heading and status 可用; every entry of ``planned``
    (default :data:`PLANNED_NOTEBOOKS`) whose key no existing notebook has is
    listed as 计划中.  So the map never names a notebook that is not there,
    and a chapter shows up as 可用 the moment its notebook lands.

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``notebooks/`` folder.
    planned : mapping, optional
        Key → (topic, path under ``folder``), as :data:`PLANNED_NOTEBOOKS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``chapter`` ("00"–"07" or "案例"), ``topic``, ``notebook``
        (path under ``folder``) and ``status`` (可用 or 计划中); chapters in
        order, then cases.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "01_customer_value.ipynb").write_text(
    ...         '{"cells": [{"cell_type": "markdown", "source": ["# 第 1 章 客户的价值"]}]}')
    ...     m = chapter_map(tmp, planned={"01": ("x", "01_customer_value.ipynb"),
    ...                                   "03": ("第 3 章 客户关系生命周期", "03_lifecycle.ipynb")})
    >>> m.to_dict("records")[0]
    {'chapter': '01', 'topic': '第 1 章 客户的价值', 'notebook': '01_customer_value.ipynb', 'status': '可用'}
    >>> m["status"].tolist()
    ['可用', '计划中']
    """
    root = Path(folder)
    if not root.is_dir():
        raise fail("folder", folder, "an existing folder of notebooks", "存在的笔记本文件夹",
                   zh="笔记本文件夹")
    planned = PLANNED_NOTEBOOKS if planned is None else planned
    rows = {}
    for path in sorted(root.glob("*.ipynb")) + sorted(root.glob("cases/*.ipynb")):
        number = re.match(r"(\d\d)_", path.name)
        key = number.group(1) if number and path.parent == root else path.stem
        rows[key] = {"chapter": key if path.parent == root and number else "案例",
                     "topic": _notebook_title(path) or path.stem,
                     "notebook": path.relative_to(root).as_posix(), "status": "可用"}
    for key, (topic, notebook) in planned.items():
        if key not in rows:
            rows[key] = {"chapter": key if re.fullmatch(r"\d\d", key) else "案例",
                         "topic": topic, "notebook": notebook, "status": "计划中"}
    order = sorted(rows, key=lambda k: (rows[k]["chapter"] == "案例", rows[k]["chapter"],
                                        rows[k]["notebook"]))
    return pd.DataFrame([rows[k] for k in order])
