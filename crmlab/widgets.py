"""What-if panels (情景分析面板): sliders bound to a pure model function.

A panel is a thin layer over a pure crmlab function: each slider (or drop-down)
maps to one keyword argument of the model, the model returns a mapping of named
results, a results table shows the ones the panel lists, and an optional plot
function redraws a chart from the same result.  Nothing is computed in the
panel itself, so the model keeps its own unit tests.

Example (the panel of ``00_start_here``)::

    from crmlab import widgets, value
    panel = widgets.WhatIfPanel(
        lambda annual_profit, years, acquisition_cost: {
            "clv": value.clv_simple(annual_profit, years, acquisition_cost)},
        controls=[widgets.Slider("annual_profit", "每年利润", 0, 500, 10, 100, unit="美元"),
                  widgets.Slider("years", "保持年数", 1, 30, 1, 10, unit="年", integer=True),
                  widgets.Slider("acquisition_cost", "获客成本", 0, 500, 10, 80, unit="美元")],
        results=[widgets.Result("clv", "客户终生价值 CLV", fmt=",.0f", unit="美元"),
                 widgets.Result("margin_multiple", "利润乘数", fmt=".1f", unit="年",
                                detail=True)],
    )
    panel          # shows the sliders, the result and the chart

A panel shows first only the rows that answer its prompts; rows made with
``detail=True`` sit one click away, in a collapsed section titled 更多结果.  Its
controls, key results and chart must fit a 1366×768 laptop screen together (the
browser test measures every panel).

Headless use (tests, scripts): ``panel.set(years=20)`` returns the new result
(every row, detail or not); ``panel.result``, ``panel.error``, ``panel.figure``
and ``panel.png`` hold the current state; :meth:`WhatIfPanel.drive_extremes`
moves every control to each end of its range, :meth:`WhatIfPanel.drive_random`
along a seeded random walk; :meth:`WhatIfPanel.measure_latency` times redraws
(budget: 100 ms per change on the course machine).

Every definition is checked when it is made (a slider with NaN or infinite
bounds, a fraction on an integer slider, an empty drop-down, an unusable format),
and so is every value given to :meth:`WhatIfPanel.set`: text, ``None``,
``pd.NA``, booleans and values out of range raise
:class:`~crmlab.validation.InputError` / :class:`~crmlab.validation.InputTypeError`
naming the control's argument.

When the model raises a :class:`crmlab.validation.CRMLabError` (say, retention
so close to 1 that the value is infinite) the panel shows its bilingual message
instead of a result, Chinese first; when it returns a number that is not finite,
the panel shows a Chinese message saying so.  It never shows a traceback, ``inf``
or ``nan``.
"""
from __future__ import annotations

import base64
import html
import io
import math
import numbers
import re
import time
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import ipywidgets as w
import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .plotting import setup as _setup_style
from .validation import (CRMLabError, InputError, InputTypeError, check_bool, check_int,
                         check_number, described, fail)

__all__ = ["Slider", "Choice", "Result", "WhatIfPanel", "live_panels", "drive_live_panels",
           "split_message", "LATENCY_BUDGET_MS"]

#: Redraw budget from a control change to the updated result and chart.
LATENCY_BUDGET_MS = 100.0

_DPI = 90

# Fixed margins of a panel's chart (a layout engine would double the redraw time).
_MARGINS = dict(left=0.11, right=0.97, bottom=0.19, top=0.89, wspace=0.3, hspace=0.45)

_LIVE: "weakref.WeakSet[WhatIfPanel]" = weakref.WeakSet()


def _zh_label(label: str, name: str) -> str | None:
    """The Chinese part of a control's label, without the argument's own name.

    Messages read ``<中文> <name> 应为 …``; a label such as ``"每年利润 margin"``
    would otherwise name ``margin`` twice.
    """
    text = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", "", label).strip()
    return text or None


def _check_text(value, name: str, zh: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise fail(name, value, "a string" if empty else "a non-empty string",
                   "字符串" if empty else "非空字符串", zh=zh, kind=InputTypeError)
    return value


def _check_fmt(fmt, name: str, zh: str, *samples) -> str:
    """Refuse a format spec that cannot format any of ``samples``."""
    _check_text(fmt, name, zh, empty=True)
    for sample in samples:
        try:
            format(sample, fmt)
        except (ValueError, TypeError):
            continue
        return fmt
    raise fail(name, fmt, "a Python format spec such as ',.2f', '.0%' or 'd'",
               "Python 格式说明，例如 ',.2f'、'.0%' 或 'd'", zh=zh)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_))


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return False


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return False


@dataclass(frozen=True)
class Slider:
    """A numeric control: model argument ``name``, Chinese ``label``, range and default.

    ``fmt`` is a d3/Python format for the readout (``".0%"`` shows 0.8 as 80%).
    ``integer=True`` makes an integer slider: its bounds, step and value must be
    whole numbers (a start value of 2.5 years is refused, not rounded).

    Every number must be finite, ``min < max``, ``0 < step <= max - min`` and
    ``min <= value <= max``; anything else raises
    :class:`~crmlab.validation.InputError` / :class:`~crmlab.validation.InputTypeError`
    when the slider is defined.  The start ``value`` is the panel function's
    argument, so its message names ``name`` (say ``years``), not ``value``.

    Examples
    --------
    >>> Slider("years", "保持年数", 1, 40, 1, 10, integer=True).value
    10
    >>> Slider("years", "保持年数", 1, 40, 1, 2.5, integer=True)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: years must be a whole number >= 1 and <= 40; got 2.5 (保持年数 years 应为不小于 1、不大于 40 的整数，实际为 2.5)
    """

    name: str
    label: str
    min: float
    max: float
    step: float
    value: float
    unit: str = ""
    fmt: str = ".2f"
    integer: bool = False

    def __post_init__(self):
        name = _check_text(self.name, "name", "滑块名称")
        _check_text(self.label, "label", f"滑块 {name} 的标签")
        _check_text(self.unit, "unit", f"滑块 {name} 的单位", empty=True)
        integer = check_bool(self.integer, "integer", zh=f"滑块 {name} 是否为整数")
        _check_fmt(self.fmt, "fmt", f"滑块 {name} 的读数格式", 0.5)
        whole = check_int if integer else check_number
        lo = whole(self.min, "min", zh=f"滑块 {name} 的最小值")
        hi = whole(self.max, "max", zh=f"滑块 {name} 的最大值")
        if not lo < hi:
            raise fail("max", self.max, f"greater than min={self.min}",
                       f"大于最小值 {self.min}", zh=f"滑块 {name} 的最大值")
        step = whole(self.step, "step", zh=f"滑块 {name} 的步长")
        if not 0 < step <= hi - lo:
            raise fail("step", self.step, f"a positive number no larger than max - min = {hi - lo:g}",
                       f"不大于 max - min = {hi - lo:g} 的正数", zh=f"滑块 {name} 的步长")
        zh = _zh_label(self.label, name)
        if integer:
            value = check_int(self.value, name, zh=zh, low=lo, high=hi)
        else:
            value = check_number(self.value, name, zh=zh, low=lo, high=hi)
        for attr, val in (("min", lo), ("max", hi), ("step", step), ("value", value),
                          ("integer", integer)):
            object.__setattr__(self, attr, val)

    @property
    def ends(self) -> tuple:
        return (self.min, self.max)

    def check(self, value):
        """``value`` as this slider would hold it, or a clear error naming :attr:`name`.

        Text, ``None``, ``pd.NA``, booleans and non-finite numbers are refused
        (InputTypeError / InputError); an integer slider refuses 2.5.
        """
        zh = _zh_label(self.label, self.name)
        if self.integer:
            x = check_int(value, self.name, zh=zh)
        else:
            x = check_number(value, self.name, zh=zh)
        tol = 1e-9 * (self.max - self.min)
        if not (self.min - tol <= x <= self.max + tol):
            raise fail(self.name, value, f"within the slider's range [{self.min:g}, {self.max:g}]",
                       f"滑块范围 [{self.min:g}, {self.max:g}] 之内", zh=zh)
        return min(max(x, self.min), self.max)


def _same(a, b) -> bool:
    """Equal and of the same kind: True is not the option 1, 1.0 is not '1'."""
    if isinstance(a, (bool, np.bool_)) != isinstance(b, (bool, np.bool_)):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Choice:
    """A drop-down control: ``options`` are values or ``(label, value)`` pairs.

    ``options`` must be a non-empty list whose values are distinct; ``value``
    (default: the first option) must be one of them.  Both are checked when the
    choice is defined.

    Examples
    --------
    >>> Choice("mode", "时点", [("期末", "end"), ("期初", "start")]).default
    'end'
    >>> Choice("mode", "时点", [])
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: options must be a non-empty list of values or (label, value) pairs; got [] (选项 mode 的可选项 options 应为非空的列表（值或 (标签, 值) 对），实际为 [])
    """

    name: str
    label: str
    options: Sequence
    value: object = None

    def __post_init__(self):
        name = _check_text(self.name, "name", "选项名称")
        _check_text(self.label, "label", f"选项 {name} 的标签")
        zh = f"选项 {name} 的可选项"
        expected = ("a non-empty list of values or (label, value) pairs",
                    "非空的列表（值或 (标签, 值) 对）")
        if isinstance(self.options, (str, bytes, Mapping)) or not isinstance(self.options, Iterable):
            raise fail("options", self.options, *expected, zh=zh, kind=InputTypeError)
        options = list(self.options)
        if not options:
            raise fail("options", self.options, *expected, zh=zh)
        for o in options:
            if isinstance(o, tuple) and (len(o) != 2 or not isinstance(o[0], str)):
                raise fail("options", o, "a (label, value) pair with a string label",
                           "（字符串标签, 值）对", zh=zh)
            v = o if not isinstance(o, tuple) else o[1]
            if _is_missing(v) or (isinstance(v, float) and v != v):
                raise fail("options", o, "a value that is not None or missing",
                           "非空的值", zh=zh)
        object.__setattr__(self, "options", tuple(options))
        values = [v for _, v in self.pairs()]
        for i, v in enumerate(values):
            if any(_same(v, u) for u in values[:i]):
                raise fail("options", v, "distinct values", "互不相同的值", zh=zh)
        if self.value is not None:
            self.check(self.value)

    def pairs(self) -> list[tuple[str, object]]:
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    @property
    def default(self):
        return self.pairs()[0][1] if self.value is None else self.check(self.value)

    @property
    def ends(self) -> tuple:
        return tuple(v for _, v in self.pairs())

    def check(self, value):
        """``value`` if it is one of the options (same kind: ``True`` is not ``1``), else raise."""
        for v in self.ends:
            if _same(v, value):
                return v
        listed = ", ".join(repr(v) for v in self.ends)
        kind = InputTypeError if _is_missing(value) else InputError
        raise fail(self.name, value, f"one of {listed}", f"{listed} 之一",
                   zh=_zh_label(self.label, self.name), kind=kind)


_INT_TYPES = frozenset("bcdoxX")


@dataclass(frozen=True)
class Result:
    """One row of the results table: model output ``key`` with its label and format.

    ``detail=True`` puts the row under a collapsed "更多结果" (more results)
    section, so that a panel shows at first only the rows that answer its
    prompts; headless use (``panel.result``, :func:`drive_live_panels`) sees
    every row.

    ``fmt`` is checked when the row is defined.  An integer format (``"d"``)
    shows whole floats such as ``3.0`` as ``3`` and refuses ``2.5`` with a
    clear error naming the row, instead of Python's ``Unknown format code``.

    Examples
    --------
    >>> Result("n", "客户数", fmt="d", unit="家").render(3.0)
    '3 家'
    >>> Result("n", "客户数", fmt="d").render(2.5)
    Traceback (most recent call last):
    ...
    crmlab.validation.InputError: n must be a whole number for the format 'd'; got 2.5 (客户数 n 应为整数（格式 'd'），实际为 2.5)
    """

    key: str
    label: str
    fmt: str = ",.2f"
    unit: str = ""
    detail: bool = False

    def __post_init__(self):
        key = _check_text(self.key, "key", "结果名称")
        _check_text(self.label, "label", f"结果 {key} 的标签")
        _check_text(self.unit, "unit", f"结果 {key} 的单位", empty=True)
        _check_fmt(self.fmt, "fmt", f"结果 {key} 的格式", 1234.5, 1234)
        object.__setattr__(self, "detail", check_bool(self.detail, "detail",
                                                      zh=f"结果 {key} 是否折叠"))

    def render(self, value) -> str:
        if _is_missing(value):
            return "—"
        if isinstance(value, (bool, np.bool_)):
            return "是" if value else "否"
        if _is_number(value):
            if not _finite(value):
                return "—（无法计算）"
            if self.fmt[-1:] in _INT_TYPES and not isinstance(value, numbers.Integral):
                if float(value) != int(value):
                    raise fail(self.key, value, f"a whole number for the format {self.fmt!r}",
                               f"整数（格式 {self.fmt!r}）", zh=_zh_label(self.label, self.key))
                value = int(value)
            if not isinstance(value, (int, float, np.integer, np.floating)):
                value = float(value)  # Fraction, Decimal: format as their float value
            text = format(value, self.fmt)
            return f"{text} {self.unit}".strip()
        return str(value)


@dataclass
class _Record:
    params: dict
    result: dict | None = None
    error: str | None = None
    problems: list = field(default_factory=list)


def _nonfinite_message(rows: list[Result]) -> str:
    keys = ", ".join(r.key for r in rows)
    labels = "、".join(f"「{_zh_label(r.label, r.key) or r.label}」" for r in rows)
    return (f"{keys} has no finite value for these settings; move a slider back "
            f"(当前参数下{labels}没有有限的数值（结果为无穷大或无定义），请把滑块调回一些)")


class WhatIfPanel:
    """A what-if panel bound to a pure model function.

    Parameters
    ----------
    model : callable
        ``model(**params) -> Mapping``: pure; raises ``CRMLabError`` for
        parameter combinations it cannot value.
    controls : sequence of Slider or Choice
        One per model argument the reader may change.
    results : sequence of Result
        Which outputs to show, in order.  Rows with ``detail=True`` sit in a
        collapsed "更多结果" section below the others.
    plot : callable, optional
        ``plot(fig, result, params)`` draws on the (cleared) figure.
    title : str, optional
        Heading shown above the panel.
    fixed : mapping, optional
        Further keyword arguments passed to ``model`` unchanged.
    figsize : tuple, default (7, 3.6)
        Chart size in inches.

    Notes
    -----
    A shown result that is not a finite number (the model returned ``inf`` or
    ``nan``) is never displayed: the panel shows a Chinese message instead, as
    for a model error, and lists the row in :attr:`nonfinite` so that
    :meth:`drive_extremes` and :meth:`drive_random` report it as a problem.
    """

    def __init__(self, model: Callable[..., Mapping], controls: Sequence, results: Sequence[Result],
                 *, plot: Callable | None = None, title: str | None = None,
                 fixed: Mapping | None = None, figsize=(7.0, 3.6)):
        if not callable(model):
            raise fail("model", model, "a callable", "可调用的函数", kind=InputTypeError)
        if isinstance(controls, (str, bytes)) or not isinstance(controls, Iterable):
            raise fail("controls", controls, "a list of Slider or Choice", "滑块或选项的列表",
                       zh="控件", kind=InputTypeError)
        controls = list(controls)
        if not controls:
            raise fail("controls", controls, "at least one Slider or Choice", "至少一个滑块或选项",
                       zh="控件")
        for c in controls:
            if not isinstance(c, (Slider, Choice)):
                raise fail("controls", described(type(c).__name__), "a list of Slider or Choice",
                           "滑块或选项的列表", zh="控件", kind=InputTypeError)
        names = [c.name for c in controls]
        if len(set(names)) != len(names):
            raise InputError(f"controls must have distinct names; got {names} "
                             f"(控件 controls 的名称应互不相同，实际为 {names})")
        if isinstance(results, (str, bytes)) or not isinstance(results, Iterable):
            raise fail("results", results, "a list of Result", "Result 的列表", zh="结果行",
                       kind=InputTypeError)
        results = list(results)
        for r in results:
            if not isinstance(r, Result):
                raise fail("results", described(type(r).__name__), "a list of Result",
                           "Result 的列表", zh="结果行", kind=InputTypeError)
        keys = [r.key for r in results]
        if len(set(keys)) != len(keys):
            raise InputError(f"results must have distinct keys; got {keys} "
                             f"(结果行 results 的名称应互不相同，实际为 {keys})")
        if plot is not None and not callable(plot):
            raise fail("plot", plot, "a callable or None", "可调用的函数或 None", zh="绘图函数",
                       kind=InputTypeError)
        if title is not None:
            _check_text(title, "title", "标题")
        if fixed is not None and not isinstance(fixed, Mapping):
            raise fail("fixed", fixed, "a mapping of argument names to values", "参数名到值的映射",
                       zh="固定参数", kind=InputTypeError)
        clash = sorted(set(fixed or {}) & set(names))
        if clash:
            raise fail("fixed", described(f"arguments {clash} that are also controls"),
                       "arguments that no control sets", "不与控件同名的参数", zh="固定参数")
        try:
            width, height = (check_number(v, "figsize", zh="图表尺寸", low=0.5, high=30)
                             for v in figsize)
        except (TypeError, ValueError) as exc:
            if isinstance(exc, CRMLabError):
                raise
            raise fail("figsize", figsize, "a pair (width, height) in inches",
                       "（宽, 高）英寸", zh="图表尺寸", kind=InputTypeError) from None
        _setup_style()
        self.model = model
        self.controls = controls
        self.results = results
        self.plot = plot
        self.title = title
        self.fixed = dict(fixed or {})
        # No layout engine: constrained layout doubles the redraw time. Fixed
        # margins leave room for a title, axis labels and a legend on the right.
        self.figure = Figure(figsize=(width, height), dpi=_DPI)
        self._canvas = FigureCanvasAgg(self.figure)
        self.result: dict | None = None
        self.error: str | None = None
        self.nonfinite: dict = {}
        self.png: bytes = b""
        self.latencies_ms: list[float] = []
        self._hold = False
        self._widgets = {c.name: self._make_control(c) for c in self.controls}
        self._html = w.HTML(layout=w.Layout(min_width="260px"))
        self._detail_html = w.HTML()
        self._more = w.Accordion(children=[self._detail_html], selected_index=None,
                                 layout=w.Layout(width="420px"))
        self._more.set_title(0, "更多结果")
        if not any(r.detail for r in self.results):
            self._more.layout.display = "none"
        # Shown at its own pixel size: stretched to the output width it looks blurred
        # and pushes the chart below the fold.
        self._image = w.Image(format="png", layout=w.Layout(
            max_width="100%", width=f"{int(width * _DPI)}px"))
        self._reset = w.Button(description="恢复默认", icon="undo",
                               layout=w.Layout(width="160px"))
        self._reset.on_click(lambda _b: self.reset())
        rows = [self._row(c) for c in self.controls] + [self._reset]
        parts = []
        if title:
            parts.append(w.HTML(f"<h4 style='margin:4px 0'>{html.escape(title)}</h4>"))
        parts += [w.HBox([w.VBox(rows), w.VBox([self._html, self._more])],
                         layout=w.Layout(flex_flow="row wrap")),
                  self._image]
        self.widget = w.VBox(parts)
        self.widget.add_class("crmlab-panel")
        for widget in self._widgets.values():
            widget.observe(self._on_change, names="value")
        _LIVE.add(self)
        self.update()

    # ------------------------------------------------------------------ widgets
    def _make_control(self, c):
        style = {"description_width": "150px"}
        layout = w.Layout(width="430px")
        if isinstance(c, Choice):
            return w.Dropdown(options=c.pairs(), value=c.default, description=c.label,
                              style=style, layout=layout)
        cls = w.IntSlider if c.integer else w.FloatSlider
        kwargs = dict(min=c.min, max=c.max, step=c.step, value=c.value, description=c.label,
                      continuous_update=False, style=style, layout=layout,
                      readout_format="d" if c.integer else c.fmt)
        return cls(**kwargs)

    def _row(self, c):
        unit = getattr(c, "unit", "")
        widget = self._widgets[c.name]
        return w.HBox([widget, w.Label(unit)]) if unit else widget

    # ------------------------------------------------------------------ state
    @property
    def params(self) -> dict:
        """Current control values (the model's keyword arguments, without ``fixed``)."""
        return {name: widget.value for name, widget in self._widgets.items()}

    def defaults(self) -> dict:
        """Default control values."""
        return {c.name: (c.default if isinstance(c, Choice) else c.value) for c in self.controls}

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.update()

    def set(self, **values) -> dict | None:
        """Set controls (as a reader would) and redraw once; return the new result.

        Every value is checked first, as the control itself would: outside a
        slider's range, a fraction on an integer slider, text, ``None``,
        ``pd.NA``, booleans or an option that is not offered raise
        InputError / InputTypeError naming the control's argument, and no
        control changes.
        """
        checked = {}
        by_name = {c.name: c for c in self.controls}
        for name, val in values.items():
            if name not in by_name:
                raise fail("name", name, f"one of {list(by_name)}", f"{list(by_name)} 之一",
                           zh="控件名称")
            checked[name] = by_name[name].check(val)
        self._hold = True
        try:
            for name, val in checked.items():
                self._widgets[name].value = val
        finally:
            self._hold = False
        self.update()
        return self.result

    def close(self) -> None:
        """Close the widgets and forget the panel (it can no longer be driven)."""
        for widget in [*self._widgets.values(), self._html, self._detail_html, self._more,
                       self._image, self._reset, self.widget]:
            widget.close()
        _LIVE.discard(self)

    def reset(self) -> dict | None:
        """Restore every control to its default and redraw."""
        return self.set(**self.defaults())

    # ------------------------------------------------------------------ update
    def update(self) -> None:
        """Run the model with the current values, refresh the table and the chart."""
        start = time.perf_counter()
        params = self.params
        self.nonfinite = {}
        try:
            result = self.model(**self.fixed, **params)
        except CRMLabError as exc:
            self.result, self.error = None, str(exc)
        else:
            if not isinstance(result, Mapping):
                raise fail("model", described(f"a model that returned {type(result).__name__}"),
                           "a model returning a mapping of results", "返回结果映射（dict）的模型",
                           zh="模型", kind=InputTypeError)
            result = dict(result)
            bad = [r for r in self.results
                   if _is_number(result.get(r.key)) and not _finite(result.get(r.key))]
            if bad:
                self.nonfinite = {r.key: result.get(r.key) for r in bad}
                self.result, self.error = None, _nonfinite_message(bad)
            else:
                self.result, self.error = result, None
        self._html.value = self._table_html()
        self._detail_html.value = self._table_html(detail=True)
        self._more.layout.display = ("none" if self.error is not None
                                     or not any(r.detail for r in self.results) else None)
        self._draw(params)
        self.latencies_ms.append((time.perf_counter() - start) * 1000.0)

    def _rows(self, detail: bool) -> list[Result]:
        return [r for r in self.results if r.detail == detail]

    def _table_html(self, detail: bool = False) -> str:
        if self.error is not None:
            if detail:
                return ""
            zh, en = split_message(self.error)
            body = html.escape(zh) + (
                f"<br><span style='color:#555;font-size:90%'>{html.escape(en)}</span>" if en else "")
            return ("<div style='border-left:4px solid #d55e00;background:#fff3e0;"
                    "padding:6px 10px;max-width:420px;line-height:1.45'><b>⚠ 无法计算</b><br>"
                    f"{body}</div>")
        rows = "".join(
            f"<tr><td style='padding:2px 10px 2px 0'>{html.escape(r.label)}</td>"
            f"<td style='text-align:right;font-weight:bold'>"
            f"{html.escape(r.render(self.result.get(r.key)))}</td></tr>"
            for r in self._rows(detail))
        cls = "crmlab-results-detail" if detail else "crmlab-results"
        # ipywidgets gives HTML content the 28 px line height of a control row;
        # results rows need no more than text does, so a panel stays on one screen.
        return (f"<table class='{cls}' style='line-height:1.45;border-collapse:collapse'>"
                f"{rows}</table>")

    def _draw(self, params) -> None:
        if self.plot is None:
            return
        fig = self.figure
        self._clear_figure()
        if self.error is None:
            try:
                with matplotlib.rc_context({"axes.titley": 1.0}):
                    self.plot(fig, self.result, params)
            except CRMLabError as exc:
                self.result, self.error = None, str(exc)
                self._html.value = self._table_html()
                self._detail_html.value = ""
                self._more.layout.display = "none"
                self._clear_figure()
        if self.error is not None:
            ax = fig.add_subplot()
            ax.set_axis_off()
            ax.text(0.5, 0.5, "⚠ 当前参数无法计算，请看上方说明",
                    ha="center", va="center", fontsize=12, color="#d55e00",
                    transform=ax.transAxes)
        # Draw once and encode with light compression: savefig would draw again
        # and compress harder, which together take twice as long.
        self._canvas.draw()
        buf = io.BytesIO()
        Image.frombuffer("RGBA", self._canvas.get_width_height(), self._canvas.buffer_rgba(),
                         "raw", "RGBA", 0, 1).save(buf, "png", compress_level=1)
        self.png = buf.getvalue()
        self._image.value = self.png

    def _clear_figure(self) -> None:
        # Remove the old axes without clearing them first (Figure.clear would
        # clear every axes, a cost paid again when the new ones are made), and
        # fix the title's height: matplotlib's automatic title placement
        # measures the tick labels on every draw.
        fig = self.figure
        for ax in list(fig.axes):
            fig.delaxes(ax)
        fig.texts.clear()
        fig.subplots_adjust(**_MARGINS)

    # ------------------------------------------------------------------ display
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle = dict(bundle)
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """A static snapshot (results + chart) for pages where widgets cannot run.

        Detail rows sit in a closed ``<details>`` section titled 更多结果.
        """
        img = ""
        if self.png:
            img = (f"<img alt='chart' src='data:image/png;base64,"
                   f"{base64.b64encode(self.png).decode()}'/>")
        values = "，".join(f"{html.escape(c.label)} = {html.escape(_shown_value(c, v))}"
                           for c, v in zip(self.controls, self.params.values()))
        more = ""
        if self.error is None and self._rows(detail=True):
            more = (f"<details><summary>更多结果</summary>"
                    f"{self._table_html(detail=True)}</details>")
        return (f"<div class='crmlab-static-panel'><p><i>静态快照："
                f"{values}。在 Jupyter 中运行本笔记本即可拖动滑块。</i></p>"
                f"{self._table_html()}{more}{img}</div>")

    # ------------------------------------------------------------------ testing
    def _record(self, params) -> _Record:
        rec = _Record(params=params, result=self.result, error=self.error)
        rec.problems += [f"{key} = {value}" for key, value in self.nonfinite.items()]
        if self.plot is not None and not self.png:
            rec.problems.append("no chart")
        return rec

    def drive_extremes(self) -> list[_Record]:
        """Move every control to each end of its range (others at default),
        then all to their minima and all to their maxima.

        Returns one record per setting with the result or the model's message.
        Problems (a non-finite number in the shown results, an empty chart) are
        listed in ``record.problems``; any exception other than the model's
        ``CRMLabError`` propagates.
        """
        settings = []
        defaults = self.defaults()
        for c in self.controls:
            for end in c.ends:
                settings.append(defaults | {c.name: end})
        sliders = [c for c in self.controls if isinstance(c, Slider)]
        if len(sliders) > 1:
            settings.append(defaults | {c.name: c.min for c in sliders})
            settings.append(defaults | {c.name: c.max for c in sliders})
        records = []
        for params in settings:
            self.set(**params)
            records.append(self._record(params))
        self.reset()
        return records

    def drive_random(self, steps: int = 20, seed: int = 0) -> list[_Record]:
        """A seeded random walk: ``steps`` times, move one or two controls to a
        random position on their grid (a slider's steps, a choice's options).

        The same seed gives the same walk.  Returns one record per step, as
        :meth:`drive_extremes` does; the panel is reset at the end.

        Examples
        --------
        >>> p = WhatIfPanel(lambda x: {"y": 2 * x}, [Slider("x", "x", 0, 1, 0.1, 0.5)],
        ...                 [Result("y", "y")])
        >>> [r.problems for r in p.drive_random(steps=3, seed=1)]
        [[], [], []]
        >>> p.close()
        """
        steps = check_int(steps, "steps", zh="步数", low=1)
        seed = check_int(seed, "seed", zh="随机种子", low=0)
        rng = np.random.default_rng(seed)
        records = []
        for _ in range(steps):
            chosen = rng.choice(len(self.controls), size=min(len(self.controls),
                                                             int(rng.integers(1, 3))),
                                replace=False)
            params = {}
            for i in chosen:
                c = self.controls[int(i)]
                if isinstance(c, Choice):
                    params[c.name] = c.ends[int(rng.integers(len(c.ends)))]
                else:
                    n = int(math.floor((c.max - c.min) / c.step + 1e-9))
                    x = c.min + c.step * int(rng.integers(0, n + 1))
                    if rng.random() < 0.15:     # the ends, more often than by chance
                        x = c.max if rng.random() < 0.5 else c.min
                    params[c.name] = int(round(x)) if c.integer else round(min(x, c.max), 12)
            self.set(**params)
            records.append(self._record(self.params))
        self.reset()
        return records

    def measure_latency(self, changes: int = 20) -> dict:
        """Time ``changes`` redraws while sweeping the first slider across its range.

        Returns the median and maximum milliseconds and whether the median is
        within :data:`LATENCY_BUDGET_MS`.
        """
        changes = check_int(changes, "changes", zh="改变次数", low=1)
        slider = next((c for c in self.controls if isinstance(c, Slider)), None)
        before = len(self.latencies_ms)
        if slider is None:
            for _ in range(changes):
                self.update()
        else:
            for i in range(changes):
                x = slider.min + (slider.max - slider.min) * i / max(changes - 1, 1)
                x = round(x) if slider.integer else x
                self.set(**{slider.name: x})
        times = sorted(self.latencies_ms[before:])
        self.reset()
        median = times[len(times) // 2]
        return {"changes": len(times), "median_ms": median, "max_ms": times[-1],
                "within_budget": median <= LATENCY_BUDGET_MS}


def _shown_value(control, value) -> str:
    """A control's value as its reader sees it (0.8 with format ".0%" → "80%")."""
    if isinstance(control, Choice):
        return next((label for label, v in control.pairs() if v == value), str(value))
    if control.integer:
        text = str(int(value))
    else:
        try:
            text = format(value, control.fmt)
        except (ValueError, TypeError):
            text = str(value)
    return f"{text} {control.unit}".strip() if control.unit else text


def split_message(message: str) -> tuple[str, str]:
    """Split a crmlab error message into its Chinese and English parts.

    crmlab messages read ``English …; got X (中文 …)``.  The panel shows the
    Chinese part first.  A message without a Chinese part is returned whole as
    the first element.

    Examples
    --------
    >>> split_message("retention must be a number in [0, 1); got 1.2 (留存率 retention 应为 [0, 1) 内的数值，实际为 1.2)")
    ('留存率 retention 应为 [0, 1) 内的数值，实际为 1.2', 'retention must be a number in [0, 1); got 1.2')
    >>> split_message("no Chinese here")
    ('no Chinese here', '')
    """
    _check_text(message, "message", "错误信息", empty=True)
    text = message.strip()
    if text.endswith(")"):
        for match in re.finditer(r" \(", text):
            rest = text[match.end():-1]
            if rest and ("\u4e00" <= rest[0] <= "\u9fff" or re.match(r"[A-Za-z_][\w\[\]'\"]* 应为", rest)):
                return rest, text[:match.start()]
    return text, ""


def live_panels() -> list[WhatIfPanel]:
    """Every panel created in this Python process that is still alive."""
    return list(_LIVE)


def drive_live_panels(random_steps: int = 20, seed: int = 0) -> list[dict]:
    """Drive every live panel at its extremes and along a seeded random walk of
    ``random_steps`` changes; a JSON-able summary per panel.

    The notebook tests run this in each notebook's kernel after the last cell:
    ``problems`` lists every setting where a shown result was not a finite
    number or the chart was missing.
    """
    random_steps = check_int(random_steps, "random_steps", zh="随机步数", low=0)
    summary = []
    for panel in live_panels():
        records = panel.drive_extremes()
        if random_steps:
            records += panel.drive_random(steps=random_steps, seed=seed)
        latency = panel.measure_latency(changes=10)
        summary.append({
            "title": panel.title,
            "controls": [c.name for c in panel.controls],
            "settings": len(records),
            "messages": sorted({r.error for r in records if r.error}),
            "problems": [f"{r.params}: {p}" for r in records for p in r.problems],
            "median_ms": latency["median_ms"],
        })
    return summary
