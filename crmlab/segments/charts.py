"""Charts of chapter 5, part 1: Pareto, Lorenz and whale curves (图表).

Every function returns a matplotlib ``Figure``; every title, axis label and legend
text comes from the glossary (:mod:`crmlab.display`, topic ``segments``).  Bad
input raises :class:`~crmlab.validation.InputError` / ``InputTypeError``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import display
from .._columns import numeric_column
from ..plotting import PALETTE, figure_and_axes, new_figure
from ..validation import InputTypeError, check_frame, described, fail
from .model import WhaleCurve, gini, lorenz_curve

__all__ = ["plot_pareto", "plot_lorenz", "plot_whale"]

_T = "segments"


def _title(title, default_id: str) -> str:
    return display.title(title, default_id, _T)


def _pct(ax, axis: str = "xy") -> None:
    if "x" in axis:
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    if "y" in axis:
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")


def plot_pareto(table: pd.DataFrame, title: str | None = None, ax=None):
    """Pareto chart of an :func:`~crmlab.segments.abc_classify` result (帕累托曲线).

    Cumulative share of value against cumulative share of customers, coloured by
    class.  Pass ``ax`` to draw on existing axes (a what-if panel's figure); the
    figure of those axes is returned.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.segments import abc_classify
    >>> t = abc_classify(pd.Series([50, 30, 10, 5, 5], index=list("abcde")))
    >>> type(plot_pareto(t)).__name__
    'Figure'
    """
    frame = check_frame(table, "table", ["rank", "cum_share", "cum_share_before", "class"],
                        zh="ABC 分类表")
    if not isinstance(frame["class"].dtype, pd.CategoricalDtype):
        raise fail("table['class']", described(f"column of dtype {frame['class'].dtype}"),
                   "the classes of abc_classify()", "abc_classify() 的类别", zh="ABC 分类表",
                   kind=InputTypeError)
    rank = numeric_column(frame, "rank", "table", "ABC 分类表")
    cum = numeric_column(frame, "cum_share", "table", "ABC 分类表")
    if (np.diff(rank) <= 0).any() or (np.diff(cum) < -1e-12).any() or cum.min() < 0 \
            or cum.max() > 1 + 1e-9:
        raise fail("table", described("rows not sorted by rank or shares outside [0, 1]"),
                   "the result of abc_classify()", "abc_classify() 的结果", zh="ABC 分类表")
    title = _title(title, "pareto")
    n = len(frame)
    fig, ax = figure_and_axes(ax)
    x = np.concatenate(([0.0], rank / n))
    y = np.concatenate(([0.0], cum))
    ax.plot(x, y, color="#333333", linewidth=1.5)
    for i, label in enumerate(frame["class"].cat.categories):
        mask = (frame["class"] == label).to_numpy()
        if not mask.any():
            continue
        idx = np.flatnonzero(mask)
        lo, hi = idx[0], idx[-1] + 1
        ax.fill_between(x[lo:hi + 1], 0, y[lo:hi + 1], color=PALETTE[i % len(PALETTE)],
                        alpha=0.35, label=f"{label} 类（{mask.sum()} 家客户）")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    _pct(ax)
    ax.set_xlabel(display.label("cum_customer_share", _T))
    ax.set_ylabel(display.label("cum_share", _T))
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


def plot_lorenz(values, title: str | None = None):
    """Lorenz curve with the line of equality and the Gini coefficient (洛伦兹曲线).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> type(plot_lorenz([1, 2, 3, 10])).__name__
    'Figure'
    """
    title = _title(title, "lorenz")
    p, v = lorenz_curve(values)
    g = gini(values)
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--",
            label=display.label("equality", _T))
    ax.plot(p, v, color=PALETTE[0], linewidth=2,
            label=f"{display.label('lorenz', _T)}（{display.label('gini', _T)} {g:.2f}）")
    ax.fill_between(p, v, p, color=PALETTE[0], alpha=0.15)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    _pct(ax)
    ax.set_xlabel(display.label("cum_customer_share_ascending", _T))
    ax.set_ylabel(display.label("cum_share", _T))
    ax.set_title(title)
    ax.legend(loc="upper left")
    return fig


def plot_whale(result: WhaleCurve, title: str | None = None):
    """Whale curve with its peak and the 100% line (鲸鱼曲线).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.segments import whale_curve
    >>> w = whale_curve(pd.Series([60, 50, 10, -20], index=list("abcd")))
    >>> type(plot_whale(w)).__name__
    'Figure'
    """
    if not isinstance(result, WhaleCurve):
        raise fail("result", described(type(result).__name__), "the result of whale_curve()",
                   "whale_curve() 的结果", zh="鲸鱼曲线", kind=InputTypeError)
    title = _title(title, "whale")
    c = result.curve
    x = np.concatenate(([0.0], c["customer_share"].to_numpy()))
    y = np.concatenate(([0.0], c["cum_profit_share"].to_numpy()))
    fig, ax = new_figure()
    ax.axhline(1.0, color="#999999", linestyle="--", label=display.label("total_profit_line", _T))
    ax.plot(x, y, color=PALETTE[0], linewidth=2, label=display.label("cum_profit_share", _T))
    ax.scatter([result.peak_customer_share], [result.peak], color=PALETTE[3], zorder=3,
               label=f"{display.label('peak', _T)} {result.peak:.0%}"
                     f"（前 {result.peak_customer_share:.0%} 的客户）")
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(y.min()) * 1.08), max(1.05, result.peak * 1.08))
    ax.set_xlabel(display.label("cum_customer_share_by_profit", _T))
    ax.set_ylabel(display.label("cum_profit_share", _T))
    _pct(ax)
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig
