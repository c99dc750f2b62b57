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
        results=[widgets.Result("clv", "客户终生价值 CLV", fmt=",.0f", unit="美元")],
    )
    panel          # shows the sliders, the result and the chart

Headless use (tests, scripts): ``panel.set(years=20)`` returns the new result;
``panel.result``, ``panel.error``, ``panel.figure`` and ``panel.png`` hold the
current state; :meth:`WhatIfPanel.drive_extremes` moves every control to each
end of its range; :meth:`WhatIfPanel.measure_latency` times redraws (budget:
100 ms per change on the course machine).

When the model raises a :class:`crmlab.validation.CRMLabError` (say, retention
so close to 1 that the value is infinite) the panel shows its bilingual message
instead of a result; it never shows a traceback, ``inf`` or ``nan``.
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import ipywidgets as w
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .plotting import setup as _setup_style
from .validation import CRMLabError, InputError, check_choice, fail

__all__ = ["Slider", "Choice", "Result", "WhatIfPanel", "live_panels", "drive_live_panels",
           "split_message", "LATENCY_BUDGET_MS"]

#: Redraw budget from a control change to the updated result and chart.
LATENCY_BUDGET_MS = 100.0

_DPI = 90

# Fixed margins of a panel's chart (a layout engine would double the redraw time).
_MARGINS = dict(left=0.11, right=0.97, bottom=0.19, top=0.89, wspace=0.3, hspace=0.45)

_LIVE: "weakref.WeakSet[WhatIfPanel]" = weakref.WeakSet()


@dataclass(frozen=True)
class Slider:
    """A numeric control: model argument ``name``, Chinese ``label``, range and default.

    ``fmt`` is a d3/Python format for the readout (``".0%"`` shows 0.8 as 80%).
    ``integer=True`` makes an integer slider.
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
        if not self.min < self.max:
            raise fail("max", self.max, f"greater than min={self.min}",
                       f"大于最小值 {self.min}", zh=f"滑块 {self.name} 的最大值")
        if not self.min <= self.value <= self.max:
            raise fail("value", self.value, f"within [{self.min}, {self.max}]",
                       f"[{self.min}, {self.max}] 之内", zh=f"滑块 {self.name} 的默认值")
        if self.step <= 0:
            raise fail("step", self.step, "a positive number", "正数", zh=f"滑块 {self.name} 的步长")

    @property
    def ends(self) -> tuple:
        return (self.min, self.max)


@dataclass(frozen=True)
class Choice:
    """A drop-down control: ``options`` are values or ``(label, value)`` pairs."""

    name: str
    label: str
    options: Sequence
    value: object = None

    def pairs(self) -> list[tuple[str, object]]:
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    @property
    def default(self):
        values = [v for _, v in self.pairs()]
        return values[0] if self.value is None else check_choice(
            self.value, "value", values, zh=f"选项 {self.name} 的默认值")

    @property
    def ends(self) -> tuple:
        return tuple(v for _, v in self.pairs())


@dataclass(frozen=True)
class Result:
    """One row of the results table: model output ``key`` with its label and format."""

    key: str
    label: str
    fmt: str = ",.2f"
    unit: str = ""

    def render(self, value) -> str:
        if value is None:
            return "—"
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return f"{format(value, self.fmt)} {self.unit}".strip()
        return str(value)


@dataclass
class _Record:
    params: dict
    result: dict | None = None
    error: str | None = None
    problems: list = field(default_factory=list)


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
        Which outputs to show, in order.
    plot : callable, optional
        ``plot(fig, result, params)`` draws on the (cleared) figure.
    title : str, optional
        Heading shown above the panel.
    fixed : mapping, optional
        Further keyword arguments passed to ``model`` unchanged.
    figsize : tuple, default (7, 3.6)
        Chart size in inches.
    """

    def __init__(self, model: Callable[..., Mapping], controls: Sequence, results: Sequence[Result],
                 *, plot: Callable | None = None, title: str | None = None,
                 fixed: Mapping | None = None, figsize=(7.0, 3.6)):
        if not callable(model):
            raise fail("model", model, "a callable", "可调用的函数")
        names = [c.name for c in controls]
        if len(set(names)) != len(names):
            raise InputError(f"controls must have distinct names; got {names} "
                             f"(控件 controls 的名称应互不相同，实际为 {names})")
        if not controls:
            raise fail("controls", controls, "at least one Slider or Choice", "至少一个滑块或选项")
        _setup_style()
        self.model = model
        self.controls = list(controls)
        self.results = list(results)
        self.plot = plot
        self.title = title
        self.fixed = dict(fixed or {})
        # No layout engine: constrained layout doubles the redraw time. Fixed
        # margins leave room for a title, axis labels and a legend on the right.
        self.figure = Figure(figsize=figsize, dpi=_DPI)
        self._canvas = FigureCanvasAgg(self.figure)
        self.result: dict | None = None
        self.error: str | None = None
        self.png: bytes = b""
        self.latencies_ms: list[float] = []
        self._hold = False
        self._widgets = {c.name: self._make_control(c) for c in self.controls}
        self._html = w.HTML(layout=w.Layout(min_width="260px"))
        # Shown at its own pixel size: stretched to the output width it looks blurred
        # and pushes the chart below the fold.
        self._image = w.Image(format="png", layout=w.Layout(
            max_width="100%", width=f"{int(figsize[0] * _DPI)}px"))
        self._reset = w.Button(description="恢复默认 reset", icon="undo",
                               layout=w.Layout(width="160px"))
        self._reset.on_click(lambda _b: self.reset())
        rows = [self._row(c) for c in self.controls] + [self._reset]
        parts = []
        if title:
            parts.append(w.HTML(f"<h4 style='margin:4px 0'>{html.escape(title)}</h4>"))
        parts += [w.HBox([w.VBox(rows), self._html], layout=w.Layout(flex_flow="row wrap")),
                  self._image]
        self.widget = w.VBox(parts)
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

        Values outside a slider's range are refused with an error, as the slider
        itself would not allow them.
        """
        for name, val in values.items():
            if name not in self._widgets:
                raise fail("name", name, f"one of {list(self._widgets)}",
                           f"{list(self._widgets)} 之一", zh="控件名称")
            c = next(c for c in self.controls if c.name == name)
            if isinstance(c, Choice):
                check_choice(val, name, c.ends, zh=c.label)
            elif not (c.min - 1e-12 <= val <= c.max + 1e-12):
                raise fail(name, val, f"within the slider's range [{c.min}, {c.max}]",
                           f"滑块范围 [{c.min}, {c.max}] 之内", zh=c.label)
        self._hold = True
        try:
            for name, val in values.items():
                self._widgets[name].value = val
        finally:
            self._hold = False
        self.update()
        return self.result

    def close(self) -> None:
        """Close the widgets and forget the panel (it can no longer be driven)."""
        for widget in [*self._widgets.values(), self._html, self._image, self._reset, self.widget]:
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
        try:
            result = dict(self.model(**self.fixed, **params))
        except CRMLabError as exc:
            self.result, self.error = None, str(exc)
        else:
            self.result, self.error = result, None
        self._html.value = self._table_html()
        self._draw(params)
        self.latencies_ms.append((time.perf_counter() - start) * 1000.0)

    def _table_html(self) -> str:
        if self.error is not None:
            zh, en = split_message(self.error)
            body = html.escape(zh) + (
                f"<br><span style='color:#555;font-size:90%'>{html.escape(en)}</span>" if en else "")
            return ("<div style='border-left:4px solid #d55e00;background:#fff3e0;"
                    "padding:6px 10px;max-width:420px'><b>⚠ 无法计算 (cannot compute)</b><br>"
                    f"{body}</div>")
        rows = "".join(
            f"<tr><td style='padding:2px 10px 2px 0'>{html.escape(r.label)}</td>"
            f"<td style='text-align:right;font-weight:bold'>"
            f"{html.escape(r.render(self.result.get(r.key)))}</td></tr>"
            for r in self.results)
        return f"<table class='crmlab-results'>{rows}</table>"

    def _draw(self, params) -> None:
        if self.plot is None:
            return
        fig = self.figure
        # Remove the old axes without clearing them first (Figure.clear would
        # clear every axes, a cost paid again when the new ones are made), and
        # fix the title's height: matplotlib's automatic title placement
        # measures the tick labels on every draw.
        for ax in list(fig.axes):
            fig.delaxes(ax)
        fig.texts.clear()
        fig.subplots_adjust(**_MARGINS)
        if self.error is None:
            with matplotlib.rc_context({"axes.titley": 1.0}):
                self.plot(fig, self.result, params)
        else:
            ax = fig.add_subplot()
            ax.set_axis_off()
            ax.text(0.5, 0.5, "⚠ 当前参数无法计算，请看上方说明\n(see the message above)",
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

    # ------------------------------------------------------------------ display
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle = dict(bundle)
        bundle["text/html"] = self.static_html()
        return bundle

    def static_html(self) -> str:
        """A static snapshot (results + chart) for pages where widgets cannot run."""
        img = ""
        if self.png:
            img = (f"<img alt='chart' src='data:image/png;base64,"
                   f"{base64.b64encode(self.png).decode()}'/>")
        values = "，".join(f"{html.escape(c.label)} = {html.escape(_shown_value(c, v))}"
                           for c, v in zip(self.controls, self.params.values()))
        return (f"<div class='crmlab-static-panel'><p><i>静态快照 (static snapshot): "
                f"{values}。在 Jupyter 中运行本笔记本即可拖动滑块。</i></p>"
                f"{self._table_html()}{img}</div>")

    # ------------------------------------------------------------------ testing
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
            rec = _Record(params=params, result=self.result, error=self.error)
            if self.error is None:
                for r in self.results:
                    v = self.result.get(r.key)
                    if isinstance(v, numbers.Number) and not isinstance(v, bool) \
                            and not math.isfinite(float(v)):
                        rec.problems.append(f"{r.key} = {v}")
            if self.plot is not None and not self.png:
                rec.problems.append("no chart")
            records.append(rec)
        self.reset()
        return records

    def measure_latency(self, changes: int = 20) -> dict:
        """Time ``changes`` redraws while sweeping the first slider across its range.

        Returns the median and maximum milliseconds and whether the median is
        within :data:`LATENCY_BUDGET_MS`.
        """
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


def drive_live_panels() -> list[dict]:
    """Drive every live panel at its extremes; a JSON-able summary per panel.

    The notebook tests run this in each notebook's kernel after the last cell.
    """
    summary = []
    for panel in live_panels():
        records = panel.drive_extremes()
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
