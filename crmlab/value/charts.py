"""Charts of Chapter 1 (第 1 章的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.value.model` and returns a :class:`matplotlib.figure.Figure` (no
pyplot state).  Every title, axis label and legend entry comes from the
glossary (``crmlab/glossary/value.csv``) through :mod:`crmlab.display`; money is
in 美元, as in the course's example [000].
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import display
from ..plotting import figure_and_axes
from ..validation import check_array, check_frame, check_number, described, fail
from .model import COMPONENTS

__all__ = ["plot_value_curve", "plot_clv_components", "plot_simple_clv", "plot_uplift_gains"]

TOPIC = "value"


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _column(frame, column, name, zh, *, nonnegative=False):
    """A numeric column of a chart's input as a float array, or a clear error."""
    return check_array(frame[column].to_numpy(), f"{name}[{column!r}]", zh=zh,
                       nonnegative=nonnegative)


def plot_value_curve(curve, ax=None, infinite_clv=None):
    """Chart: CLV grows with the length of the relationship (客户终生价值随关系长度增长).

    Two lines against the year: the cumulative discounted value net of
    acquisition cost (``cumulative_value``) and the simple formula
    (``simple_cumulative``), so the gap shows how much the simple formula
    overstates value; optionally a dotted level, the infinite-horizon CLV the
    discounted line approaches.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`~crmlab.value.model.value_curve` (columns ``year``,
        ``cumulative_value``, ``simple_cumulative``; finite numbers).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.
    infinite_clv : float, optional
        Net infinite-horizon CLV (无限期 CLV) of the same customer, e.g.
        ``clv(m, r, d, acquisition_cost=c)``, drawn as a dotted horizontal line.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.value import value_curve, clv
    >>> fig = plot_value_curve(value_curve(100, 0.8, 0.1, years=10, acquisition_cost=80))
    >>> len(fig.axes[0].lines), fig.axes[0].get_title()
    (2, '客户终生价值随关系长度增长')
    >>> fig = plot_value_curve(value_curve(100, 0.8, 0.1, years=30, acquisition_cost=80),
    ...                        infinite_clv=clv(100, 0.8, 0.1, acquisition_cost=80))
    >>> len(fig.axes[0].lines), fig.axes[0].get_ylabel()
    (3, '累计价值（美元）')
    """
    check_frame(curve, "curve", ["year", "cumulative_value", "simple_cumulative"], zh="价值曲线")
    year = _column(curve, "year", "curve", "价值曲线")
    model = _column(curve, "cumulative_value", "curve", "价值曲线")
    simple = _column(curve, "simple_cumulative", "curve", "价值曲线")
    level = None if infinite_clv is None else check_number(infinite_clv, "infinite_clv",
                                                             zh="无限期客户终生价值")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    ax.plot(year, model, marker="o", label=_label("discounted_cumulative", unit=False))
    ax.plot(year, simple, linestyle="--", label=_label("simple_cumulative", unit=False))
    if level is not None:
        ax.axhline(level, color="#555555", linestyle=":", linewidth=1.2,
                   label=f"{_label('infinite_clv', unit=False)} = "
                         f"{display.number(level, 'infinite_clv', TOPIC)}")
    ax.set_title(_label("value_curve_title"))
    ax.set_xlabel(_label("relationship_years"))
    ax.set_ylabel(_label("cumulative_value"))
    _legend_headroom(ax, year, [model, simple], level)
    ax.legend(loc="upper left")
    return fig


def _legend_headroom(ax, x, lines, level=None):
    """Raise the top of the y axis when data reach the upper-left corner,
    so the legend drawn there does not cover them."""
    values = np.concatenate(lines + ([np.array([level])] if level is not None else []))
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    left = x <= x.min() + 0.55 * (x.max() - x.min())
    corner = max([float(line[left].max()) for line in lines]
                 + ([level] if level is not None else []))
    if corner > lo + 0.6 * span:
        ax.set_ylim(lo - 0.05 * span, hi + 0.5 * span)


def plot_clv_components(components, ax=None):
    """Chart: the four parts of CLV as a stacked bar (客户终生价值的构成) [004].

    Parameters
    ----------
    components : pandas.DataFrame or mapping of str to DataFrame
        Output of :func:`~crmlab.value.model.clv_components` (one bar), or a
        mapping from a label (e.g. a customer's name) to such a table (one bar
        each, side by side).  The ``"total"`` row is left out of the stack and
        written above the bar.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        With 4 bar segments per bar.

    Examples
    --------
    >>> from crmlab.value import clv_components
    >>> fig = plot_clv_components(clv_components(600, 150, 200, 50))
    >>> len(fig.axes[0].patches), fig.axes[0].get_title()
    (4, '客户终生价值的构成')
    """
    if isinstance(components, Mapping):
        if not components:
            raise fail("components", described("an empty mapping"),
                       "a non-empty mapping of label to table", "非空的“标签→构成表”映射",
                       zh="价值构成")
        tables = dict(components)
    else:
        tables = {"": components}
    keys = list(COMPONENTS)
    matrix = []
    for label, table in tables.items():
        check_frame(table, "components", ["component", "value"], zh="价值构成")
        if table["component"].duplicated().any():
            raise fail("components", described("a table with a component twice"),
                       "a table from clv_components", "clv_components 返回的表格", zh="价值构成")
        parts = table.set_index("component")["value"]
        missing = [k for k in keys if k not in parts.index]
        if missing:
            raise fail("components", described(f"a table without {missing}"),
                       "a table from clv_components", "clv_components 返回的表格", zh="价值构成")
        matrix.append(check_array(parts.reindex(keys).to_numpy(), "components['value']",
                                  zh="价值构成", nonnegative=True))
    values = np.array(matrix)  # bars × components
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    x = np.arange(len(tables))
    labels = [str(label) for label in tables]
    bottom = np.zeros(len(tables))
    for j, key in enumerate(keys):
        ax.bar(x, values[:, j], bottom=bottom, width=0.5, label=_label(f"{key}_value", unit=False))
        bottom = bottom + values[:, j]
    for xi, total in zip(x, bottom):
        ax.text(xi, total, f"{total:,.0f}",
                ha="center", va="bottom")
    ax.set_xticks(x, labels if any(labels) else [_label("clv", unit=False)])
    ax.set_title(_label("components_title"))
    ax.set_ylabel(_label("component_value"))
    ax.margins(y=0.12)
    handles, names = ax.get_legend_handles_labels()
    # legend beside the axes, top entry = top of the stack
    ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def plot_simple_clv(table, ax=None):
    """Chart: cumulative value by year under the textbook formula (逐年累计价值) [000].

    Bars below zero (the acquisition cost not yet earned back) are drawn in
    vermilion, the others in blue; the dashed line is break-even (盈亏平衡).

    Parameters
    ----------
    table : pandas.DataFrame
        The ``"table"`` of :func:`~crmlab.value.model.simple_clv_table`
        (columns ``year`` and ``cumulative``; finite numbers).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.value import simple_clv_table
    >>> fig = plot_simple_clv(simple_clv_table(100, 10, 80)["table"])
    >>> len(fig.axes[0].patches), fig.axes[0].get_xlabel()
    (11, '关系长度（年）')
    """
    check_frame(table, "table", ["year", "cumulative"], zh="逐年累计价值表")
    year = _column(table, "year", "table", "逐年累计价值表")
    values = _column(table, "cumulative", "table", "逐年累计价值表")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    colours = np.where(values < 0, "#D55E00", "#0072B2")
    ax.bar(year, values, color=colours)
    ax.axhline(0, color="black", linestyle="--", linewidth=1, label=_label("break_even"))
    ax.set_title(_label("simple_clv_title"))
    ax.set_xlabel(_label("relationship_years"))
    ax.set_ylabel(_label("cumulative"))
    return fig


def plot_uplift_gains(gains, claim=None, ax=None):
    """Chart: gain of a retention uplift by horizon, one line per starting retention.

    Parameters
    ----------
    gains : pandas.DataFrame
        Output of :func:`~crmlab.value.model.retention_uplift_grid` (index:
        starting retentions; columns: numbers of years; cells: gains).
    claim : float, optional
        A claimed gain (e.g. the course's +25 % [001]) drawn as a dashed level.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.value import retention_uplift_grid
    >>> fig = plot_uplift_gains(retention_uplift_grid(1000, [0.6, 0.9], [3, 10]), claim=0.25)
    >>> len(fig.axes[0].lines), fig.axes[0].get_xlabel()
    (3, '观察年数（年）')
    """
    if not isinstance(gains, pd.DataFrame):
        raise fail("gains", described(type(gains).__name__), "a DataFrame from retention_uplift_grid",
                   "retention_uplift_grid 返回的表格", zh="增幅表")
    check_frame(gains, "gains", zh="增幅表")
    years = check_array(gains.columns.to_numpy(), "gains.columns", zh="增幅表的年数")
    starts = check_array(gains.index.to_numpy(), "gains.index", zh="增幅表的起点留存率")
    cells = [check_array(gains.iloc[i].to_numpy(), "gains", zh="增幅表") for i in range(len(gains))]
    level = None if claim is None else check_number(claim, "claim", zh="资料的说法")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    for start, row in zip(starts, cells):
        ax.plot(years, row, marker="o",
                label=f"{_label('start_retention')} {display.number(start, 'start_retention', TOPIC)}")
    if level is not None:
        ax.axhline(level, color="black", linestyle="--", linewidth=1,
                   label=f"{_label('claim')} +{display.fmt('claim', TOPIC).format(level)}")
    ax.set_title(_label("uplift_title"))
    ax.set_xlabel(_label("observed_years"))
    ax.set_ylabel(_label("gain"))
    ax.yaxis.set_major_formatter(lambda y, _pos: f"{y:.0%}")
    ax.legend(loc="upper left", fontsize=9)
    return fig
