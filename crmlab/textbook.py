"""The figures of the course documents, and honest checks against them (教材数字).

Every number the seed course documents state lives once, in
``datasets/textbook_figures.csv`` (with its card ``textbook_figures.yml``): an
id, the value as a computation returns it (shares as fractions), its unit, how
the document writes it, whether it is a point value, one end of a range or a
one-sided bound, the chapter, the seed file and a short description.

A notebook says one of three different things about a figure (DESIGN.md,
"What a ✓ may mean"):

* :func:`compare` — **reproduced** (✓ 与教材一致): an independent computation
  gave the number.  The call must name, in ``inputs``, every textbook figure the
  computation used; a figure that is among its own inputs is refused, so a
  circular tick cannot be written by accident::

      years = textbook.value("ch1_clv_example_years")           # 10
      ...
      textbook.compare(value.clv_simple(profit, years, cost), "ch1_clv_example",
                       inputs=("ch1_clv_example_years", "ch1_clv_example_annual_profit",
                               "ch1_clv_example_acquisition_cost"))

  A range ("10–20%", registry rows ``<id>_min`` and ``<id>_max``) is compared by
  its id without the suffix and shown as a range; a value outside it is a ✗.
  One-sided bounds ("超过40%", "最高可达50%") are checked as inequalities.
* :func:`quote` — **quoted** (引用，未重新计算): a law, a survey result, a
  company's claim.  Shown with its source, never with a tick.
* :func:`calibrated` — **calibrated** (模拟数据按教材数字设定): simulated data
  were generated to match the figure.  Both numbers and the source are shown,
  never a tick: agreement there is by construction, not evidence.

The notebook tests fail on any ✗ a notebook shows.
"""
from __future__ import annotations

import html
import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .datasets import load
from .validation import InputError, InputTypeError, check_choice, check_number, described, fail

__all__ = ["figures", "figure", "value", "compare", "quote", "calibrated", "Comparison", "SEEDS",
           "TextbookNumber", "MATCH", "MISMATCH", "QUOTED", "CALIBRATED"]

MATCH = "与教材一致"
MISMATCH = "与教材不一致"
QUOTED = "教材引用，未重新计算"
CALIBRATED = "模拟数据按教材数字设定"

#: How the registry's ``bound`` column reads a figure.
_ONE_SIDED = {
    "above": (lambda x, v: x > v, "超过", "above"),
    "at_least": (lambda x, v: x >= v, "不低于", "at least"),
    "below": (lambda x, v: x < v, "低于", "below"),
    "at_most": (lambda x, v: x <= v, "不超过", "at most"),
}
def _slack(bound: float) -> float:
    """Floating-point slack at the end of a range or bound: a few units in the last place."""
    return 4 * math.ulp(bound)


class TextbookNumber(float):
    """A float that remembers which textbook figure it is (:func:`value` returns one).

    Arithmetic gives plain floats; :func:`compare` uses the tag to refuse a
    figure compared with itself.
    """

    figure_id: str

    def __new__(cls, x: float, figure_id: str):
        obj = super().__new__(cls, x)
        obj.figure_id = figure_id
        return obj

    def __reduce__(self):
        return (TextbookNumber, (float(self), self.figure_id))


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    return load("textbook_figures").set_index("id", drop=False)


def _ranges() -> set[str]:
    ids = _table().index
    return {i[:-4] for i in ids if i.endswith("_min") and f"{i[:-4]}_max" in ids}


def figures(chapter: str | int | None = None) -> pd.DataFrame:
    """The registry as a DataFrame, optionally for one chapter (``1``…``7`` or ``"case"``).

    Examples
    --------
    >>> float(figures(1).loc["ch1_clv_example", "value"])
    920.0
    """
    table = _table().reset_index(drop=True)
    if chapter is None:
        return table.copy()
    if isinstance(chapter, bool) or not isinstance(chapter, (str, numbers.Integral)):
        raise fail("chapter", chapter, "a chapter number 1…7 or 'case'", "章节号 1…7 或 'case'",
                   zh="章节", kind=InputTypeError)
    check_choice(str(chapter), "chapter", sorted(table["chapter"].unique()), zh="章节")
    return table[table["chapter"] == str(chapter)].set_index("id", drop=False).copy()


def _unknown(figure_id, name: str = "figure_id") -> InputError:
    table = _table()
    stem = figure_id.split("_")[0] if isinstance(figure_id, str) else ""
    close = [i for i in table.index if stem and i.startswith(stem + "_")][:5]
    hint = f" (for example {', '.join(close)})" if close else ""
    return InputError(
        f"{name} must be an id of datasets/textbook_figures.csv{hint}; got {figure_id!r} "
        f"(教材数字编号 {name} 应为登记表中的编号，实际为 {figure_id!r})")


def _check_id(figure_id, name: str = "figure_id", *, ranges: bool = True) -> str:
    if not isinstance(figure_id, str):
        raise fail(name, figure_id, "a figure id (a string) of datasets/textbook_figures.csv",
                   "登记表中的教材数字编号（字符串）", zh="教材数字编号", kind=InputTypeError)
    if figure_id in _table().index or (ranges and figure_id in _ranges()):
        return figure_id
    raise _unknown(figure_id, name)


def _row(figure_id: str) -> dict:
    row = _table().loc[figure_id]
    return {k: (None if isinstance(v, float) and math.isnan(v) else v)
            for k, v in row.to_dict().items()} | {"value": float(row["value"])}


def figure(figure_id: str) -> dict:
    """One figure as a dict (id, value, unit, display, bound, chapter, seed, description, note).

    A range id (the registry has ``<id>_min`` and ``<id>_max``) gives a dict with
    ``bound="range"``, ``min`` and ``max`` and no ``value``.

    Examples
    --------
    >>> figure("ch1_clv_example")["display"]
    '$920'
    >>> r = figure("ch5_high_value_share")
    >>> r["bound"], r["min"], r["max"], r["display"]
    ('range', 0.1, 0.2, '10–20%')
    """
    figure_id = _check_id(figure_id)
    if figure_id in _table().index:
        return _row(figure_id)
    lo, hi = _row(f"{figure_id}_min"), _row(f"{figure_id}_max")
    description = lo["description"].removesuffix("的下限")
    return lo | {"id": figure_id, "value": None, "bound": "range", "min": lo["value"],
                 "max": hi["value"], "description": description,
                 "note": "; ".join(n for n in (lo["note"], hi["note"]) if n) or None}


def value(figure_id: str) -> TextbookNumber:
    """The textbook value of ``figure_id`` (shares as fractions), tagged with its id.

    Examples
    --------
    >>> value("ch1_clv_example")
    920.0
    >>> value("ch1_clv_example").figure_id
    'ch1_clv_example'
    """
    if isinstance(figure_id, str) and figure_id in _ranges():
        raise InputError(
            f"figure_id {figure_id!r} is a range; ask for {figure_id}_min or {figure_id}_max "
            f"(教材数字 {figure_id!r} 是一个范围，请用 {figure_id}_min 或 {figure_id}_max)")
    figure_id = _check_id(figure_id, ranges=False)
    return TextbookNumber(_row(figure_id)["value"], figure_id)


def _default_atol(v: float) -> float:
    text = np.format_float_positional(v, trim="-")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals)


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fmt(x: float, unit: str) -> str:
    if unit == "share":
        return _trim(f"{x * 100:.2f}") + "%"
    if unit == "USD":
        return "$" + _trim(f"{x:,.2f}")
    return _trim(f"{x:,.2f}")


#: The five course documents, as a student would look them up (the registry's ``seed``).
SEEDS = {
    "000": "讲义《第二章 客户的认识》",
    "001": "讲义《第16章 客户价值管理》",
    "002": "教材《客户管理实务》",
    "003": "讲义《客户关系管理提升服务业绩》",
    "004": "讲义《第02章 客户关系价值分析与管理》",
}


def _source(f: dict) -> str:
    # The document's own title, not the workbook's chapter number: [001] is the course's
    # chapter 16 even where the workbook uses it in its chapter 1.
    return f"资料 [{f['seed']}] {SEEDS[f['seed']]}：{f['description']}"


@lru_cache(maxsize=1)
def _shared_displays() -> frozenset:
    """Displays that stand for more than one figure ("20%→120%" is two figures)."""
    t = _table()
    points = t[~t["bound"].isin(["min", "max"])]
    counts = points["display"].value_counts()
    return frozenset(counts[counts > 1].index)


_STYLE = {  # kind, ok → (border colour, background)
    ("reproduced", True): ("#1b7837", "#edf8e9"),
    ("calibrated", True): ("#6a51a3", "#f2f0f7"),
    ("quoted", True): ("#4d4d4d", "#f4f4f4"),
}


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare`, :func:`quote` or :func:`calibrated` returns; displays itself.

    ``kind`` is ``"reproduced"``, ``"quoted"`` or ``"calibrated"``; ``ok`` says
    whether the number agrees with the textbook (always true for a quotation);
    ``ticked`` whether a ✓ is shown (only a reproduced number that agrees).
    """

    kind: str
    figure_id: str
    computed: float | None
    ok: bool
    figure: dict
    inputs: tuple = field(default=())

    @property
    def ticked(self) -> bool:
        return self.kind == "reproduced" and self.ok

    def _book(self) -> str:
        f = self.figure
        if f["display"] in _shared_displays() and f["value"] is not None:
            shown = _fmt(f["value"], f["unit"])
            if shown != f["display"]:
                return f"{shown}（教材写法：{f['display']}）"
        return f["display"]

    def _inputs_text(self) -> str:
        if not self.inputs:
            return ""
        shown = "、".join(figure(i)["display"] for i in self.inputs)
        return f"；计算所用的教材数字：{shown}"

    def __str__(self) -> str:
        f = self.figure
        got = None if self.computed is None else _fmt(self.computed, f["unit"])
        if self.kind == "quoted":
            return f"{QUOTED}：{self._book()}  — {_source(f)}"
        if self.kind == "calibrated":
            head = (f"◇ {CALIBRATED}，不是验证"
                    if self.ok else f"✗ {MISMATCH}：模拟数据没有达到所设定的教材数字")
            return f"{head}：模拟数据 {got}，教材 {self._book()}  — {_source(f)}"
        relation = {"range": "在教材范围之内", "exact": "="}.get(f["bound"], "符合教材的界限")
        if self.ok:
            return (f"✓ {MATCH}：计算值 {got} {relation} {self._book()}"
                    f"  — {_source(f)}{self._inputs_text()}")
        return (f"✗ {MISMATCH}：计算值 {got}，"
                f"教材 {self._book()}  — {_source(f)}{self._inputs_text()}")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour, bg = _STYLE.get((self.kind, self.ok), ("#b2182b", "#fde0dd"))
        return (f'<div class="crmlab-compare" data-kind="{self.kind}" '
                f'data-ok="{str(self.ok).lower()}" '
                f'style="border-left:4px solid {colour};background:{bg};padding:4px 8px;'
                f'margin:4px 0;font-size:90%">{html.escape(str(self))}</div>')

    def __bool__(self) -> bool:
        return self.ok


def _tolerance(rtol, atol, expected: float) -> tuple[float, float]:
    r = check_number(rtol, "rtol", zh="相对容差", low=0)
    a = _default_atol(expected) if atol is None else check_number(atol, "atol", zh="绝对容差",
                                                                   low=0)
    return r, a


def _agrees(x: float, f: dict, rtol, atol) -> bool:
    bound = f["bound"]
    if bound == "range":
        return f["min"] - _slack(f["min"]) <= x <= f["max"] + _slack(f["max"])
    if bound in ("min", "max"):
        stem = f["id"][:-4]
        raise InputError(
            f"figure_id {f['id']!r} is one end of a range; compare with the range id {stem!r} "
            f"(教材数字 {f['id']!r} 只是范围的一端，请与范围 {stem!r} 比较)")
    if bound in _ONE_SIDED:
        inside = _ONE_SIDED[bound][0](x, f["value"])
        at_edge = bound in ("at_least", "at_most") and abs(x - f["value"]) <= _slack(f["value"])
        return bool(inside or at_edge)
    r, a = _tolerance(rtol, atol, f["value"])
    return math.isclose(x, f["value"], rel_tol=r, abs_tol=a)


def _parts(figure_id: str) -> set[str]:
    return {figure_id, f"{figure_id}_min", f"{figure_id}_max"} if figure_id in _ranges() \
        else {figure_id, figure_id.removesuffix("_min").removesuffix("_max")}


def compare(computed, figure_id: str, *, inputs: Iterable[str], rtol: float = 1e-6,
            atol: float | None = None) -> Comparison:
    """Show whether an independent computation reproduced the textbook figure ``figure_id``.

    Parameters
    ----------
    computed : float
        The number the notebook computed (shares as fractions, as in the registry).
    figure_id : str
        An id of ``datasets/textbook_figures.csv``, or a range id (``<id>`` for
        the rows ``<id>_min`` and ``<id>_max``).
    inputs : iterable of str, keyword-only, required
        The ids of every textbook figure the computation used (``()`` if none).
        ``figure_id`` itself (or an end of its range) among them is refused: a
        number computed from itself proves nothing.
    rtol : float, default 1e-6
        Relative tolerance for a point value (finite, >= 0).
    atol : float, optional
        Absolute tolerance for a point value (finite, >= 0).  By default half a
        unit of the last digit the registry gives (920 → 0.5; 0.653 → 0.0005),
        i.e. "equal to the precision the textbook states".  Ranges and one-sided
        bounds have no tolerance: a value outside them is a ✗.

    Returns
    -------
    Comparison
        Truthy when they agree; shows ✓ 与教材一致 or ✗ 与教材不一致 in a notebook.

    Examples
    --------
    >>> years, profit, cost = (value(f"ch1_clv_example_{k}")
    ...                        for k in ("years", "annual_profit", "acquisition_cost"))
    >>> used = ("ch1_clv_example_years", "ch1_clv_example_annual_profit",
    ...         "ch1_clv_example_acquisition_cost")
    >>> bool(compare(years * profit - cost, "ch1_clv_example", inputs=used))
    True
    >>> print(compare(0.2007, "ch5_high_value_share", inputs=()))  # doctest: +ELLIPSIS
    ✗ 与教材不一致：计算值 20.07%，教材 10–20% ...
    >>> compare(920, "ch1_clv_example", inputs=("ch1_clv_example",))
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: inputs must be free of the figure being checked; got 'ch1_clv_example' (计算所用的教材数字 inputs 应为不含被检验数字本身的编号，实际为 'ch1_clv_example')
    """
    figure_id = _check_id(figure_id)
    if isinstance(inputs, str) or not isinstance(inputs, Iterable):
        raise fail("inputs", inputs, "a tuple of figure ids (strings), () if none",
                   "教材数字编号组成的元组（没有则为 ()）", zh="计算所用的教材数字",
                   kind=InputTypeError)
    used = tuple(_check_id(i, "inputs") for i in inputs)
    circular = _parts(figure_id) & {p for i in used for p in _parts(i)}
    if circular:
        raise fail("inputs", described(repr(sorted(circular)[0])),
                   "free of the figure being checked", "不含被检验数字本身的编号",
                   zh="计算所用的教材数字")
    tag = getattr(computed, "figure_id", None)
    if tag is not None and tag in _parts(figure_id):
        raise fail("computed", described(f"the textbook value of {tag!r} itself"),
                   "a number computed independently of the figure", "独立于该教材数字计算出的数值",
                   zh="计算值")
    if tag is not None and tag not in {p for i in used for p in _parts(i)}:
        raise fail("inputs", described(f"{list(used)} without {tag!r}"),
                   f"a list that names {tag!r}, the textbook figure passed as computed",
                   f"列出作为计算值传入的教材数字 {tag!r}", zh="计算所用的教材数字")
    x = check_number(computed, "computed", zh="计算值")
    f = figure(figure_id)
    _tolerance(rtol, atol, f["value"] if f["value"] is not None else 0.0)
    return Comparison("reproduced", figure_id, x, _agrees(x, f, rtol, atol), f, used)


def quote(figure_id: str) -> Comparison:
    """Show a figure the workbook quotes but does not recompute: its value and source, no tick.

    Examples
    --------
    >>> print(quote("ch1_unhappy_never_complain"))  # doctest: +ELLIPSIS
    教材引用，未重新计算：96%  — 资料 [001] 讲义《第16章 客户价值管理》：...
    >>> quote("ch1_repeat_customer_extra_profit").figure["display"]
    '20–85%'
    """
    figure_id = _check_id(figure_id)
    return Comparison("quoted", figure_id, None, True, figure(figure_id))


def calibrated(simulated, figure_id: str, *, rtol: float = 1e-6,
               atol: float | None = None) -> Comparison:
    """Show a simulated number beside the textbook figure it was generated to match; no tick.

    ``ok`` is false (and a ✗ is shown) when the simulation misses the figure:
    outside a range or bound, or beyond the tolerance of :func:`compare`.

    Examples
    --------
    >>> print(calibrated(0.52, "case_vanke_referral_close_rate"))  # doctest: +ELLIPSIS
    ✗ 与教材不一致：模拟数据没有达到所设定的教材数字：模拟数据 52%，教材 50% ...
    >>> calibrated(0.45, "case_vanke_referred_buyers").ticked
    False
    """
    figure_id = _check_id(figure_id)
    x = check_number(simulated, "simulated", zh="模拟值")
    f = figure(figure_id)
    _tolerance(rtol, atol, f["value"] if f["value"] is not None else 0.0)
    return Comparison("calibrated", figure_id, x, _agrees(x, f, rtol, atol), f)
