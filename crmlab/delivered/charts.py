"""Charts of Chapter 4 (第 4 章的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.delivered.model` and returns a :class:`matplotlib.figure.Figure`
(no pyplot state).  Every title, axis label and legend entry comes from the
glossary (``crmlab/glossary/delivered.csv``) through :mod:`crmlab.display`;
money is in 元.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from .. import display
from ..plotting import figure_and_axes
from ..validation import check_array, check_choice, check_frame, described, fail
from .model import COST_COMPONENTS, VALUE_COMPONENTS

__all__ = ["plot_value_cost", "plot_choice_shares", "plot_price_or_value", "plot_lever_costs",
           "plot_shares_by_noise"]

TOPIC = "delivered"
_VALUE_COLOURS = ("#1f5fa8", "#4a8fd6", "#86b8ea", "#c4dcf5")
_COST_COLOURS = ("#b2402a", "#e0734f", "#f2a27f", "#f8d0bc")


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _matrix(frame, columns, name, zh):
    check_frame(frame, name, columns, zh=zh)
    return np.column_stack([check_array(frame[c].to_numpy(), f"{name}[{c!r}]", zh=zh,
                                        nonnegative=True) for c in columns])


def plot_value_cost(table, ax=None, legend="components"):
    """Chart: each offer's total value beside its total cost, stacked by component (价值与成本).

    Two bars per offer: the four values stacked in blues, the four costs in
    reds; the height difference is the CDV, written above the pair.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.delivered.model.delivered_value` without weights.
    ax : matplotlib.axes.Axes, optional
    legend : {"components", "compact", "sides"}
        A legend entry per component (eight), the same in small type (what the
        what-if panel uses), or one for the value side and one for the cost side.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS, delivered_value
    >>> offers = pd.DataFrame({c: [1000.0, 800.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> fig = plot_value_cost(delivered_value(offers))
    >>> len(fig.axes[0].patches), fig.axes[0].get_title()
    (16, '各方案的客户总价值与客户总成本')
    """
    legend = check_choice(legend, "legend", ("components", "compact", "sides"), zh="图例")
    values = _matrix(table, VALUE_COMPONENTS, "table", "客户让渡价值表")
    costs = _matrix(table, COST_COMPONENTS, "table", "客户让渡价值表")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    n, width = len(table), 0.38
    x = np.arange(n)
    # One bar() call for all 8 × n rectangles keeps panel redraws fast.
    parts = np.hstack([values, costs])                                   # n × 8
    bottoms = np.hstack([np.cumsum(values, axis=1) - values, np.cumsum(costs, axis=1) - costs])
    lefts = np.hstack([np.repeat((x - width / 2)[:, None], 4, axis=1),
                       np.repeat((x + width / 2)[:, None], 4, axis=1)])
    colours = np.tile(np.array(_VALUE_COLOURS + _COST_COLOURS), (n, 1))
    ax.bar(lefts.ravel(), parts.ravel(), width=width * 0.95, bottom=bottoms.ravel(),
           color=list(colours.ravel()))
    if legend in ("components", "compact"):
        handles = [Patch(color=c, label=_label(k, unit=False))
                   for k, c in zip(VALUE_COMPONENTS + COST_COMPONENTS, _VALUE_COLOURS + _COST_COLOURS)]
        if legend == "components":
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        else:                       # two columns of four, small: fits the panel's chart
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=6,
                      ncols=1, handlelength=1.0, borderpad=0.3, labelspacing=0.25)
    else:
        handles = [Patch(color=_VALUE_COLOURS[1], label=_label("total_value", unit=False)),
                   Patch(color=_COST_COLOURS[1], label=_label("total_cost", unit=False))]
        ax.legend(handles=handles, loc="upper right", fontsize=8)
    top = np.maximum(values.sum(axis=1), costs.sum(axis=1))
    cdv = values.sum(axis=1) - costs.sum(axis=1)
    for xi, t, d in zip(x, top, cdv):
        ax.text(xi, t, f"{_label('cdv', unit=False)} {d:,.0f}", ha="center", va="bottom",
                fontsize=7)
    ax.set_xticks(x, [str(i) for i in table.index])
    ax.set_xlabel(_label("offer"))
    ax.set_ylabel(_label("amount"))
    ax.set_title(_label("value_cost_title"))
    ax.margins(y=0.12)
    return fig


def _bars(ax, frame, series_labels, group_labels):
    n_groups, n_series = frame.shape
    x = np.arange(n_groups)
    width = 0.8 / n_series
    for j in range(n_series):
        ax.bar(x - 0.4 + width * (j + 0.5), frame[:, j], width=width * 0.95,
               label=series_labels[j])
    ax.set_xticks(x, group_labels)


def plot_choice_shares(shares, ax=None):
    """Chart: the share of each segment choosing each offer (各客户群的选择份额).

    Parameters
    ----------
    shares : DataFrame
        Segments × offers, each row adding up to 1 (output of
        :func:`~crmlab.delivered.model.choice_shares` or ``logit_shares``).
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"甲": [0.7, 0.2], "乙": [0.3, 0.8]}, index=["服务导向型", "价格敏感型"])
    >>> len(plot_choice_shares(s).axes[0].patches)
    4
    """
    check_frame(shares, "shares", zh="选择份额")
    arr = np.column_stack([check_array(shares[c].to_numpy(), f"shares[{c!r}]", zh="选择份额",
                                       nonnegative=True) for c in shares.columns])
    if not np.allclose(arr.sum(axis=1), 1.0, atol=1e-6):
        raise fail("shares", described("rows that do not add up to 1"),
                   "shares of each segment adding up to 1", "每个客户群的份额之和为 1", zh="选择份额")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    _bars(ax, arr, [str(c) for c in shares.columns], [str(i) for i in shares.index])
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel(_label("segment"))
    ax.set_ylabel(_label("offer_share"))
    ax.set_title(_label("shares_title"))
    ax.legend(title=_label("offer"), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return fig


def plot_price_or_value(table, ax=None):
    """Chart: the firm's share per segment now, after a price cut, after more value (降价还是提高价值).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.delivered.model.price_or_value`.
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"share_now": [0.2], "share_price_cut": [0.25], "share_value": [0.3]},
    ...                  index=["服务导向型"])
    >>> len(plot_price_or_value(t).axes[0].patches)
    3
    """
    keys = ["share_now", "share_price_cut", "share_value"]
    arr = _matrix(table, keys, "table", "降价与提高价值的比较")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    _bars(ax, arr, [_label(k) for k in keys], [str(i) for i in table.index])
    ax.set_ylim(0, max(1e-9, float(arr.max())) * 1.3)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel(_label("segment"))
    ax.set_ylabel(_label("our_share"))
    ax.set_title(_label("price_or_value_title"))
    ax.legend(loc="upper center", ncols=3, fontsize=8)
    return fig


def plot_lever_costs(table, ax=None):
    """Chart: what each lever would cost the firm to overtake the best rival (各杠杆的代价).

    Feasible levers as horizontal bars, cheapest on top; levers that cannot do
    it alone are listed without a bar.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.delivered.model.lever_table`.
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.delivered.model import COMPONENTS, lever_table
    >>> offers = pd.DataFrame({c: [1000.0, 1000.0] for c in COMPONENTS}, index=["甲", "乙"])
    >>> offers.loc["乙", "service_value"] = 1300.0
    >>> len(plot_lever_costs(lever_table(offers, "甲")).axes[0].patches)
    8
    """
    check_frame(table, "table", ["firm_cost", "feasible"], zh="杠杆表")
    cost = table["firm_cost"].to_numpy(dtype=float)
    ok = table["feasible"].to_numpy(dtype=bool)
    shown = np.where(ok, cost, 0.0)
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    y = np.arange(len(table))[::-1]
    colours = ["#1f5fa8" if str(i).endswith("_value") else "#b2402a" for i in table.index]
    ax.barh(y, shown, color=colours)
    for yi, c, good in zip(y, cost, ok):
        ax.text(c if good else 0, yi, f" {c:,.0f}" if good else " —", va="center", fontsize=8)
    ax.set_yticks(y, [_label(str(i), unit=False) for i in table.index])
    ax.legend(handles=[Patch(color="#1f5fa8", label="提高一种价值"),
                       Patch(color="#b2402a", label="降低一种成本"),
                       Patch(color="white", label="— 单独拉这根杠杆做不到")],
              loc="lower right", fontsize=8)
    ax.set_xlabel(_label("firm_cost"))
    ax.set_ylabel(_label("lever"))
    ax.set_title(_label("levers_title"))
    ax.margins(x=0.15)
    return fig


def plot_shares_by_noise(table, ax=None):
    """Chart: choice shares as the perception noise grows (信息越少，选择越分散).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.delivered.model.shares_by_noise` (index: noise
        σ in 元; columns: offers).
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"甲": [1.0, 0.6], "乙": [0.0, 0.4]}, index=pd.Index([0, 2000], name="noise_sd"))
    >>> len(plot_shares_by_noise(t).axes[0].lines)
    2
    """
    check_frame(table, "table", zh="份额表")
    x = check_array(table.index.to_numpy(), "table.index", zh="信息噪声", nonnegative=True)
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    for c in table.columns:
        ax.plot(x, check_array(table[c].to_numpy(), f"table[{c!r}]", zh="份额表"), marker="o",
                label=str(c))
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel(_label("noise_sd"))
    ax.set_ylabel(_label("offer_share"))
    ax.set_title(_label("noise_title"))
    ax.legend(title=_label("offer"), loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return fig
