"""One display layer and one glossary for everything a student sees (展示层与术语表).

crmlab's functions return tables with English column names, because code refers
to them.  A student never sees those names: every table header, chart label and
panel row goes through this module, which looks each identifier up in one
glossary.

The glossary is data: ``crmlab/glossary/<topic>.csv``, one file per topic
(``value``, ``segments``, ``accounts``, ``churn``, …) plus ``common.csv`` for the
identifiers several topics share.  Each row gives

* ``id`` – the identifier as code writes it (``gross_profit``),
* ``label`` – the Chinese label (毛利),
* ``unit`` – the Chinese unit, or empty (元, 美元, 月, 年, 人, 家),
* ``en`` – the English term (gross profit), for first use in prose,
* ``fmt`` – a Python format for its numbers (``{:,.0f}``, ``{:.1%}``), or empty.

Inside a topic, the topic's own row wins over ``common.csv`` (``segment`` is the
RFM 分群 in ``segments`` and the 客户群 of the churn case).  One term per concept
across the book: 折现率, 留存率, 利润乘数 (with its unit) — the tests check it.

Examples
--------
>>> label("gross_profit")
'毛利（元）'
>>> number(1234.5, "sales")
'1,234 元'
>>> import pandas as pd
>>> t = pd.DataFrame({"sales": [1200.0], "customer_share": [0.25]},
...                  index=pd.Index(["K0001"], name="customer_id"))
>>> relabel(t).columns.tolist(), relabel(t).index.name
(['销售额（元）', '客户占比'], '客户编号')
"""
from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .validation import InputError, InputTypeError, check_bool, check_choice, described, fail

__all__ = ["GLOSSARY_DIR", "glossary", "topics", "entry", "label", "title", "fmt", "number", "relabel",
           "table", "english_headers"]

GLOSSARY_DIR = Path(__file__).resolve().parent / "glossary"
_COLUMNS = ["id", "label", "unit", "en", "fmt"]
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_NO_UNIT = {"", "%"}


def _check_fmt(spec: str, where: str) -> None:
    if not spec:
        return
    try:
        spec.format(1.5)
    except (ValueError, IndexError, KeyError) as err:
        raise InputError(f"{where}: fmt {spec!r} is not a Python format for numbers ({err}) "
                         f"（{where}：数字格式 fmt {spec!r} 无效）") from None


@lru_cache(maxsize=1)
def _files() -> dict[str, pd.DataFrame]:
    out = {}
    for path in sorted(GLOSSARY_DIR.glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        where = f"crmlab/glossary/{path.name}"
        if list(frame.columns) != _COLUMNS:
            raise InputError(f"{where} must have the columns {_COLUMNS}; got {list(frame.columns)} "
                             f"（术语表 {where} 的列应为 {_COLUMNS}）")
        dup = frame["id"][frame["id"].duplicated()]
        if len(dup):
            raise InputError(f"{where} lists id {dup.iloc[0]!r} twice "
                             f"（术语表 {where} 中编号 {dup.iloc[0]!r} 出现了两次）")
        bad = frame[~frame["label"].str.contains(_CJK)]
        if len(bad):
            raise InputError(f"{where}: the label of {bad['id'].iloc[0]!r} must be Chinese; got "
                             f"{bad['label'].iloc[0]!r}（术语表 {where} 中的标签应为中文）")
        for spec, ident in zip(frame["fmt"], frame["id"]):
            _check_fmt(spec, f"{where} ({ident})")
        out[path.stem] = frame.set_index("id", drop=False)
    return out


def topics() -> list[str]:
    """The topics that have a glossary file (``common`` is the shared one).

    Examples
    --------
    >>> "common" in topics()
    True
    """
    return list(_files())


def _topic(topic) -> str | None:
    if topic is None:
        return None
    if not isinstance(topic, str):
        raise fail("topic", topic, "a topic name (a string) or None", "主题名（字符串）或 None",
                   zh="主题", kind=InputTypeError)
    return check_choice(topic, "topic", topics(), zh="主题")


def glossary(topic: str | None = None) -> pd.DataFrame:
    """The glossary as one table: every topic's rows (``topic=None``) or what one topic sees.

    Examples
    --------
    >>> g = glossary()
    >>> {"topic", "id", "label", "unit", "en", "fmt"} <= set(g.columns)
    True
    """
    topic = _topic(topic)
    files = _files()
    if topic is None:
        return pd.concat([f.assign(topic=name) for name, f in files.items()],
                         ignore_index=True)[["topic"] + _COLUMNS]
    own = files[topic].assign(topic=topic)
    common = files["common"].assign(topic="common")
    merged = pd.concat([own, common[~common.index.isin(own.index)]])
    return merged.reset_index(drop=True)[["topic"] + _COLUMNS]


def _lookup(ident, topic: str | None) -> dict | None:
    if not isinstance(ident, str):
        return None
    files = _files()
    for name in (topic, "common"):
        if name is not None and ident in files[name].index:
            return files[name].loc[ident].to_dict()
    return None


def entry(ident: str, topic: str | None = None) -> dict:
    """The glossary row of ``ident`` (its topic's row first, then ``common``).

    Examples
    --------
    >>> entry("discount_rate")["label"]
    '折现率'
    """
    topic = _topic(topic)
    row = _lookup(ident, topic)
    if row is None:
        where = f"crmlab/glossary/{topic}.csv" if topic else "crmlab/glossary/common.csv"
        raise fail("ident", ident, f"an id of the glossary ({where})", f"术语表（{where}）中的编号",
                   zh="术语编号", kind=InputTypeError if not isinstance(ident, str) else InputError)
    return row


def label(ident: str, topic: str | None = None, *, unit: bool = True) -> str:
    """The Chinese label of ``ident``, with its unit in full-width brackets unless ``unit=False``.

    Examples
    --------
    >>> label("sales"), label("sales", unit=False), label("retention")
    ('销售额（元）', '销售额', '留存率')
    """
    unit = check_bool(unit, "unit", zh="是否带单位")
    row = entry(ident, topic)
    if unit and row["unit"] not in _NO_UNIT:
        return f"{row['label']}（{row['unit']}）"
    return row["label"]


def title(text, ident: str, topic: str | None = None) -> str:
    """A chart title: ``text`` if given (it must be text), else the glossary label of ``ident``.

    Examples
    --------
    >>> title(None, "sales"), title("我的标题", "sales")
    ('销售额', '我的标题')
    """
    if text is None:
        return label(ident, topic, unit=False)
    if not isinstance(text, str):
        raise fail("title", text, "a text title or None", "文字标题或 None", zh="标题",
                   kind=InputTypeError)
    return text


def fmt(ident: str, topic: str | None = None) -> str:
    """The number format of ``ident`` (``""`` when the glossary gives none).

    Examples
    --------
    >>> fmt("retention")
    '{:.1%}'
    """
    return entry(ident, topic)["fmt"]


def number(x, ident: str, topic: str | None = None) -> str:
    """``x`` formatted as the glossary says for ``ident``, with its unit, for text.

    Examples
    --------
    >>> number(0.8, "retention"), number(920, "clv")
    ('80.0%', '920 元')
    """
    row = entry(ident, topic)
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise fail("x", x, "a number", "数值", zh="数值", kind=InputTypeError)
    try:
        x = float(x)  # Fraction, Decimal and NumPy scalars format as floats do
    except OverflowError:  # 10**400
        raise fail("x", described("a number too large for a float"), "a finite number",
                   "有限的数值", zh="数值") from None
    if x != x:  # NaN never reaches a student as "nan"
        return "—"
    if x in (math.inf, -math.inf):
        raise fail("x", x, "a finite number", "有限的数值", zh="数值")
    text = row["fmt"].format(x) if row["fmt"] else f"{x:,}"
    return f"{text} {row['unit']}" if row["unit"] not in _NO_UNIT else text


def _check_labels(labels) -> dict:
    if labels is None:
        return {}
    if not isinstance(labels, Mapping):
        raise fail("labels", labels, "a dict of column id → Chinese label", "列编号到中文标签的字典",
                   zh="表头", kind=InputTypeError)
    for key, text in labels.items():
        if not isinstance(text, str) or not _CJK.search(text):
            raise fail("labels", described(f"{key!r}: {text!r}"), "Chinese labels",
                       "中文标签", zh="表头")
    return dict(labels)


def _namer(topic, extra):
    def name(ident):
        if isinstance(ident, str) and ident in extra:
            return extra[ident]
        row = _lookup(ident, topic)
        if row is None:
            return ident
        return f"{row['label']}（{row['unit']}）" if row["unit"] not in _NO_UNIT else row["label"]
    return name


def english_headers(headers) -> list:
    """The headers among ``headers`` that would show a student Latin letters and no Chinese.

    Examples
    --------
    >>> english_headers(["销售额（元）", "sales", 2024, "RFM 分群", "K0001"])
    ['sales', 'K0001']
    """
    if isinstance(headers, (str, bytes)) or not isinstance(headers, Iterable):
        raise fail("headers", headers, "a list of headers", "表头列表", zh="表头",
                   kind=InputTypeError)
    return [h for h in headers if isinstance(h, str) and _LATIN.search(h) and not _CJK.search(h)]


def relabel(frame, topic: str | None = None, labels: Mapping | None = None):
    """A copy of ``frame`` (DataFrame or Series) whose column and index names are Chinese.

    Column names, every level of MultiIndex columns, the index names, the
    columns' axis name and a Series' name are looked up in the glossary
    (``labels`` first).  Names that are data (numbers, Chinese segment names)
    pass through.  A name that would show a student English only raises
    :class:`~crmlab.validation.InputError`: add it to the topic's glossary.
    """
    topic = _topic(topic)
    extra = _check_labels(labels)
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise fail("frame", described(type(frame).__name__), "a pandas DataFrame or Series",
                   "pandas 表格 DataFrame 或 Series", zh="表格", kind=InputTypeError)
    name = _namer(topic, extra)
    out = frame.rename(columns=name)
    out.columns = out.columns.set_names([name(n) for n in out.columns.names])
    out.index = out.index.set_names([name(n) for n in out.index.names])
    if out.index.dtype == object or isinstance(out.index.dtype, pd.StringDtype):
        out = out.rename(index=lambda v: name(v) if _lookup(v, topic) else v)
    headers = [h for level in (out.columns.levels if isinstance(out.columns, pd.MultiIndex)
                               else [out.columns]) for h in level]
    headers += list(out.columns.names) + list(out.index.names)
    english = english_headers(headers)
    if english:
        where = f"crmlab/glossary/{topic}.csv" if topic else "crmlab/glossary/common.csv"
        raise fail("frame", described(f"English-only headers {english}"),
                   f"headers that are ids of the glossary ({where})",
                   f"术语表（{where}）中已有的编号作为表头", zh="表格")
    return out


def table(frame, topic: str | None = None, *, formats: Mapping | None = None,
          labels: Mapping | None = None, index: bool = True):
    """A student-facing table: Chinese headers and numbers formatted as the glossary says.

    Parameters
    ----------
    frame : DataFrame or Series
        A table of crmlab (English column ids).
    topic : str, optional
        The glossary topic (``"value"``, ``"segments"``, …); ``common`` always applies.
    formats : dict, optional
        Formats by original column id that override the glossary's (``{"sales": "{:,.2f}"}``).
    labels : dict, optional
        Table-specific Chinese labels by original column id.
    index : bool, default True
        Whether to show the index.

    Returns
    -------
    pandas.io.formats.style.Styler
        Renders as an HTML table in a notebook; missing values show as "—".

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"sales": [1234.5], "retention": [0.8]})
    >>> html = table(t).to_html()
    >>> "销售额（元）" in html and "1,234" in html and "80.0%" in html
    True
    """
    topic = _topic(topic)
    extra = _check_labels(labels)
    if formats is not None and not isinstance(formats, Mapping):
        raise fail("formats", formats, "a dict of column id → format", "列编号到数字格式的字典",
                   zh="数字格式", kind=InputTypeError)
    source = frame.to_frame() if isinstance(frame, pd.Series) else frame
    out = relabel(source, topic, extra)
    specs = {}
    for col, shown in zip(source.columns, out.columns):
        spec = (formats or {}).get(col) if formats and col in formats else None
        if spec is None:
            row = _lookup(col, topic)
            spec = row["fmt"] if row else ""
        if spec and pd.api.types.is_numeric_dtype(source[col]) \
                and not pd.api.types.is_bool_dtype(source[col]):
            specs[shown] = spec
    unknown = [c for c in (formats or {}) if c not in source.columns]
    if unknown:
        raise fail("formats", described(f"unknown column {unknown[0]!r}"), "columns of the table",
                   "表格中已有的列", zh="数字格式")
    for col, spec in (formats or {}).items():
        if not isinstance(spec, str):
            raise fail("formats", described(f"{col!r}: {spec!r}"), "format strings such as '{:,.0f}'",
                       "'{:,.0f}' 这样的格式字符串", zh="数字格式", kind=InputTypeError)
        _check_fmt(spec, f"formats[{col!r}]")
    numeric = source.select_dtypes("number")
    infinite = [c for c in numeric.columns if np.isinf(numeric[c].to_numpy(dtype=float)).any()]
    if infinite:
        bad = infinite
        raise fail("frame", described(f"infinite values in column {bad[0]!r}"),
                   "finite numbers (or missing values, shown as —)", "有限的数值（缺失值显示为 —）",
                   zh="表格")
    index = check_bool(index, "index", zh="是否显示行标签")
    styler = out.style.format(specs, na_rep="—")
    return styler if index else styler.hide(axis="index")
