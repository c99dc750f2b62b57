"""Charts of Chapter 3 (第 3 章的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.lifecycle.model` and returns a :class:`matplotlib.figure.Figure`
(no pyplot state).  Every title, axis label and legend entry comes from the
glossary (``crmlab/glossary/lifecycle.csv``) through :mod:`crmlab.display`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .. import display
from .._columns import check_ids, numeric_column
from ..plotting import PALETTE, figure_and_axes
from ..validation import InputTypeError, check_choice, check_column, check_frame, described, fail
from .model import PATTERNS

__all__ = ["plot_pattern_paths", "plot_survivor_forecast", "plot_retention_curves",
           "plot_share_by_year", "plot_clv_by_length"]

TOPIC = "lifecycle"
_COLOURS = dict(zip(PATTERNS, (PALETTE[3], PALETTE[1], PALETTE[0], PALETTE[2])))


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _frame(obj, name, zh, columns):
    return check_frame(obj, name, columns, zh=zh)


def _numbers(frame, name, zh, columns):
    """Refuse text, lists, booleans, missing or infinite values in the columns a chart draws."""
    for col in columns:
        numeric_column(frame, col, name, zh)


def plot_pattern_paths(values, ax=None, *, measure="cumulative_profit"):
    """Chart: the cumulative profit (or discounted value) of patterns A–D (四种模式的累计利润).

    Parameters
    ----------
    values : dict
        Output of :func:`~crmlab.lifecycle.model.pattern_values`.
    ax : matplotlib Axes, optional
    measure : {"cumulative_profit", "cumulative_value"}
        Undiscounted cumulative profit (break-even periods marked) or the
        running discounted value.

    Examples
    --------
    >>> from crmlab.lifecycle import pattern_values
    >>> fig = plot_pattern_paths(pattern_values())
    >>> len(fig.axes[0].lines) >= 4, fig.axes[0].get_title()
    (True, '四种生命周期模式的累计利润')
    """
    if not isinstance(values, dict) or "paths" not in values or "summary" not in values:
        raise fail("values", described(type(values).__name__), "the dict pattern_values() returns",
                   "pattern_values() 返回的字典", zh="模式价值", kind=InputTypeError)
    measure = check_choice(measure, "measure", ("cumulative_profit", "cumulative_value"),
                           zh="纵轴")
    paths = _frame(values["paths"], "values['paths']", "模式路径", ["pattern", "period", measure])
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.4))
    ax.axhline(0, color="#888888", linewidth=0.8)
    marks = {}
    for p in PATTERNS:
        part = paths[paths["pattern"] == p]
        x = np.r_[0, part["period"].to_numpy()]
        y = np.r_[0.0, part[measure].to_numpy()]
        ax.plot(x, y, marker="o", markersize=3, color=_COLOURS[p], label=_label(p))
        if measure == "cumulative_profit":
            be = values["summary"].loc[p, "break_even"]
            if not pd.isna(be):
                yb = float(part.loc[part["period"] == be, measure].iloc[0])
                marks.setdefault((int(be), yb), []).append(p)
    # one star per break-even point; patterns that pay back at the same point share it
    for (be, yb), who in marks.items():
        colour = _COLOURS[who[0]] if len(who) == 1 else "#333333"
        ax.plot([be], [yb], marker="*", markersize=12, color=colour, linestyle="none", zorder=4)
        ax.annotate("、".join(who), (be, yb), xytext=(6, -12), textcoords="offset points",
                    fontsize=8, color=colour)
    if marks:
        ax.plot([], [], marker="*", markersize=10, color="#333333", linestyle="none",
                label=_label("break_even_star"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_label("period_end"))
    ax.set_ylabel(_label(measure))
    ax.set_title(_label("patterns_title" if measure == "cumulative_profit" else "patterns_value_title"))
    ax.legend(loc="upper left", fontsize=8)
    return fig


def plot_survivor_forecast(forecast, ax=None, *, title=None):
    """Chart: actual survivors and the sBG and constant-retention forecasts (存活客户数预测).

    Parameters
    ----------
    forecast : dict
        Output of :func:`~crmlab.lifecycle.model.forecast_survivors`.

    Examples
    --------
    >>> from crmlab.lifecycle import forecast_survivors, FADER_HARDIE_2007
    >>> fig = plot_survivor_forecast(forecast_survivors(FADER_HARDIE_2007["regular"], 7))
    >>> len(fig.axes[0].lines)
    4
    """
    if not isinstance(forecast, dict) or "table" not in forecast:
        raise fail("forecast", described(type(forecast).__name__),
                   "the dict forecast_survivors() returns", "forecast_survivors() 返回的字典",
                   zh="预测结果", kind=InputTypeError)
    table = _frame(forecast["table"], "forecast['table']", "预测表",
                   ["period", "actual", "sbg", "constant", "held_out"])
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.4))
    ax.plot(table["period"], table["actual"], "o", color="#333333", markersize=4,
            label=_label("actual", unit=False))
    ax.plot(table["period"], table["sbg"], color=PALETTE[0], label=_label("sbg", unit=False))
    ax.plot(table["period"], table["constant"], color=PALETTE[3], linestyle="--",
            label=_label("constant", unit=False))
    calibrated = table.loc[~table["held_out"] & table["actual"].notna(), "period"].max()
    ax.axvline(calibrated, color="#888888", linewidth=0.8, linestyle=":",
               label=_label("calibration_end"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_label("elapsed"))
    ax.set_ylabel(_label("survivors"))
    ax.set_title(display.title(title, "forecast_title", TOPIC))
    ax.legend(loc="upper right", fontsize=8)
    return fig


def plot_retention_curves(table, ax=None):
    """Chart: sBG against constant retention — retention rate and survival (留存率与存活率).

    Solid lines are the retention rate of each year, dashed lines the share of
    the cohort still there (survival); blue is the sBG model, orange the
    constant retention rate.  One axes keeps a panel's redraw fast.

    Parameters
    ----------
    table : DataFrame
        ``table`` of :func:`~crmlab.lifecycle.model.retention_whatif`.
    ax : matplotlib Axes, optional

    Examples
    --------
    >>> from crmlab.lifecycle import retention_whatif
    >>> fig = plot_retention_curves(retention_whatif()["table"])
    >>> len(fig.axes[0].lines), fig.axes[0].get_title()
    (4, '留存率与存活率：sBG 模型与固定留存率')
    """
    table = _frame(table, "table", "留存率表", ["period", "sbg_survival", "constant_survival",
                                                "sbg_retention", "constant_retention"])
    _numbers(table, "table", "留存率表", ["period", "sbg_survival", "constant_survival"])
    later = table[table["period"] >= 1]
    # retention is NaN at period 0 only (no earlier period to compare with)
    _numbers(later, "table", "留存率表", ["sbg_retention", "constant_retention"])
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.2))
    ax.plot(later["period"], later["sbg_retention"], color=PALETTE[0],
            label=_label("sbg_retention"))
    ax.plot(later["period"], later["constant_retention"], color=PALETTE[3],
            label=_label("constant_retention"))
    ax.plot(table["period"], table["sbg_survival"], color=PALETTE[0], linestyle="--",
            label=_label("sbg_survival"))
    ax.plot(table["period"], table["constant_survival"], color=PALETTE[3], linestyle="--",
            label=_label("constant_survival"))
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_label("elapsed"))
    ax.set_ylabel(f"{_label('retention')} / {_label('survival')}")
    ax.set_title(_label("retention_curves_title"))
    ax.legend(loc="center right", fontsize=7)
    return fig


def plot_share_by_year(classified, ax=None, *, share_col="share", pattern_col="pattern",
                       period_col="year"):
    """Chart: mean share of wallet by year for each pattern (各模式本企业所占份额, 模拟数据).

    Parameters
    ----------
    classified : DataFrame
        Output of :func:`~crmlab.lifecycle.model.classify_stages` with a
        pattern column.

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.lifecycle import classify_stages
    >>> fig = plot_share_by_year(classify_stages(datasets.load_distributor_lifecycle()))
    >>> len(fig.axes[0].lines)
    4
    """
    for arg, col in (("share_col", share_col), ("pattern_col", pattern_col),
                     ("period_col", period_col)):
        check_column(col, arg, zh="列名")
    frame = _frame(classified, "classified", "阶段判断结果", [share_col, pattern_col, period_col])
    _numbers(frame, "classified", "阶段判断结果", [share_col, period_col])
    check_ids(frame, pattern_col, "classified", "阶段判断结果")
    mean = frame.groupby([pattern_col, period_col], observed=True)[share_col].mean()
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.4))
    for p in PATTERNS:
        if p in mean.index.get_level_values(0):
            part = mean.loc[p]
            ax.plot(part.index, part.to_numpy(), marker="o", markersize=3, color=_COLOURS[p],
                    label=_label(p))
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_label("year_of_relationship"))
    ax.set_ylabel(_label("share"))
    ax.set_title(_label("share_title"))
    ax.legend(loc="upper right", fontsize=8, ncols=2)
    return fig


def plot_clv_by_length(table, ax=None):
    """Chart: CLV by the length of the lifecycle, simple and discounted (终生价值与生命周期长度).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.lifecycle.model.clv_by_length`.

    Examples
    --------
    >>> from crmlab.lifecycle import clv_by_length
    >>> fig = plot_clv_by_length(clv_by_length(100, range(1, 21), 0.1, 80))
    >>> len(fig.axes[0].lines)  # simple, discounted and the zero line
    3
    """
    table = _frame(table, "table", "终生价值表", ["length", "simple", "discounted"])
    _numbers(table, "table", "终生价值表", ["length", "simple", "discounted"])
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.2))
    ax.plot(table["length"], table["simple"], color=PALETTE[1], label=_label("simple", unit=False))
    ax.plot(table["length"], table["discounted"], color=PALETTE[0],
            label=_label("discounted", unit=False))
    ax.axhline(0, color="#888888", linewidth=0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_label("length"))
    ax.set_ylabel(display.label("clv"))
    ax.set_title(_label("clv_length_title"))
    ax.legend(loc="upper left", fontsize=8)
    return fig
