"""Charts of Chapter 2 (第 2 章的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.states.model` and returns a :class:`matplotlib.figure.Figure` (no
pyplot state).  Every title, axis label, state name and legend entry comes from
the glossary (``crmlab/glossary/states.csv``) through :mod:`crmlab.display`.
The state diagram is drawn with matplotlib alone (boxes and arrows), so it
needs no graphviz.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import display
from ..plotting import PALETTE, figure_and_axes
from ..validation import (CRMLabError, InputTypeError, check_bool, check_frame, check_number,
                          described, fail)
from .model import check_transition_matrix

__all__ = ["plot_state_diagram", "plot_state_mix", "plot_contacts_per_sale", "DIAGRAM_LAYOUT"]

TOPIC = "states"

#: Where each state sits in the diagram (x, y): the flow of [000] runs left to
#: right along the top; 流失客户 and 非客户 sit below (a lost customer who is
#: lost for good, 永远流失, becomes a non-customer again).
DIAGRAM_LAYOUT = {
    "potential": (0.0, 1.0),
    "target": (1.6, 1.0),
    "first_time": (3.2, 1.0),
    "repeat": (4.8, 1.0),
    "loyal": (6.4, 1.0),
    "lost": (4.8, -0.7),
    "non_customer": (1.6, -0.7),
}

_COLORS = {"potential": "#9ecae1", "target": "#6baed6", "first_time": "#a1d99b",
           "repeat": "#74c476", "loyal": "#31a354", "lost": "#fdae6b", "non_customer": "#bdbdbd"}

_BOX_W, _BOX_H = 1.15, 0.5

# moves away from the firm (churn, dropping out) are drawn in orange, the others in blue
_AWAY = ("lost", "non_customer")
_LEAVING = "#D55E00"


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _name(state):
    """A state's Chinese name if the glossary has it, else the name itself."""
    try:
        return _label(state, unit=False)
    except CRMLabError:  # a user's own state name (already Chinese, say)
        return str(state)


def _layout(states):
    if all(s in DIAGRAM_LAYOUT for s in states):
        return {s: DIAGRAM_LAYOUT[s] for s in states}
    k = len(states)
    angles = np.pi / 2 - 2 * np.pi * np.arange(k) / k
    return {s: (2.5 * np.cos(a), 1.6 * np.sin(a)) for s, a in zip(states, angles)}


def _edge_point(center, toward):
    """Where the segment from a box's centre toward ``toward`` leaves the box."""
    (x0, y0), (x1, y1) = center, toward
    dx, dy = x1 - x0, y1 - y0
    sx = (_BOX_W / 2) / abs(dx) if dx else np.inf
    sy = (_BOX_H / 2) / abs(dy) if dy else np.inf
    s = min(sx, sy)
    return x0 + s * dx, y0 + s * dy


def plot_state_diagram(P, ax=None, *, threshold=0.001, title=None):
    """Chart: the customer flow model as a state diagram (客户流转模式状态图).

    One box per state; an arrow for every move with probability above
    ``threshold``, labelled with its probability — moves to 流失客户 or 非客户 in
    orange, the others in blue; the chance of staying put is written beside each
    box (留在原状态), away from the arrows.  Where two states feed each other
    (repeat ↔ lost: churn and win-back) the two arrows bend apart.

    Parameters
    ----------
    P : pandas.DataFrame
        A transition matrix (:func:`~crmlab.states.model.check_transition_matrix`).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when omitted.
    threshold : float
        Smallest probability drawn as an arrow (default 0.001).
    title : str, optional
        A Chinese title instead of the glossary's.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.states import flow_matrix
    >>> fig = plot_state_diagram(flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05))
    >>> fig.axes[0].get_title()
    '客户流转模式：每月的转移概率'
    >>> sum(1 for t in fig.axes[0].texts if t.get_text() == "15.0%")
    1
    """
    P = check_transition_matrix(P)
    thr = check_number(threshold, "threshold", zh="画出箭头的最小概率", low=0, high=1)
    if title is not None and not isinstance(title, str):
        raise fail("title", title, "a Chinese title (a string)", "中文标题（字符串）", zh="标题",
                   kind=InputTypeError)
    states = list(P.index)
    pos = _layout(states)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width = max(xs) - min(xs) + 2.0
    fig, ax = figure_and_axes(ax, figsize=(min(11.0, 1.25 * width + 1.0), 4.6))
    M = P.to_numpy()
    for s in states:
        x, y = pos[s]
        ax.add_patch(FancyBboxPatch((x - _BOX_W / 2, y - _BOX_H / 2), _BOX_W, _BOX_H,
                                    boxstyle="round,pad=0.02,rounding_size=0.12",
                                    facecolor=_COLORS.get(s, "#dddddd"), edgecolor="#333333",
                                    linewidth=1.0, zorder=3))
        ax.text(x, y, _name(s), ha="center", va="center", fontsize=10, zorder=4)
        i = states.index(s)
        if M[i, i] > thr:
            top = y >= max(p[1] for p in pos.values())     # above the top row, below the rest
            ax.text(x, y + (1 if top else -1) * (_BOX_H / 2 + 0.06),
                    f"{_label('stay', unit=False)} {M[i, i]:.1%}", ha="center",
                    va="bottom" if top else "top", fontsize=7.5, color="#444444", zorder=4)
    for i, a in enumerate(states):
        for j, b in enumerate(states):
            if i == j or M[i, j] <= thr:
                continue
            both = M[j, i] > thr
            start = _edge_point(pos[a], pos[b])
            end = _edge_point(pos[b], pos[a])
            # a short pair of arrows (repeat ↔ loyal) bends more, so the two stay apart
            short = np.hypot(end[0] - start[0], end[1] - start[1]) < 0.8
            rad = (0.6 if short else 0.25) if both else 0.0
            color = _LEAVING if b in _AWAY else PALETTE[0]
            arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13,
                                    connectionstyle=f"arc3,rad={rad}", color=color,
                                    linewidth=1.0 + 3.0 * M[i, j] ** 0.5, zorder=2,
                                    shrinkA=2, shrinkB=2)
            ax.add_patch(arrow)
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
            dx, dy = end[0] - start[0], end[1] - start[1]
            norm = np.hypot(dx, dy) or 1.0
            # the label sits at the bulge of a bent arrow, beside a straight one
            # (at least 0.24 from the straight line, so the two labels of a pair never touch)
            off = max(rad * norm / 2, 0.24) if both else 0.13
            nx, ny = dy / norm, -dx / norm
            ax.text(mx + nx * off, my + ny * off, f"{M[i, j]:.1%}", ha="center", va="center",
                    fontsize=8.5, color=color, zorder=5,
                    bbox=dict(boxstyle="round,pad=0.12", facecolor="white", edgecolor="none",
                              alpha=0.9))
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.65, max(ys) + 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title if title is not None else _label("state_diagram_title"))
    return fig


def plot_state_mix(mix, ax=None, *, shares=False):
    """Chart: how the state mix changes, as a stacked area (客户状态分布随时间的变化).

    Parameters
    ----------
    mix : pandas.DataFrame
        Output of :func:`~crmlab.states.model.project`: one row per period,
        one column per state (finite, ≥ 0).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into.
    shares : bool
        Draw shares of the total instead of counts.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.states import flow_whatif
    >>> fig = plot_state_mix(flow_whatif(periods=12)["mix"])
    >>> fig.axes[0].get_ylabel(), len(fig.axes[0].collections)
    ('客户数（人）', 5)
    """
    check_frame(mix, "mix", zh="各期的客户状态分布")
    shares = check_bool(shares, "shares", zh="画占比")
    values = mix.to_numpy(dtype=float)
    if not np.isfinite(values).all() or (values < -1e-9).any():
        raise fail("mix", described("a table with negative, NaN or infinite counts"),
                   "finite counts >= 0", "非负的有限人数", zh="各期的客户状态分布")
    if shares:
        total = values.sum(axis=1, keepdims=True)
        values = np.divide(values, total, out=np.zeros_like(values), where=total > 0)
    fig, ax = figure_and_axes(ax, figsize=(7.0, 4.0))
    x = np.asarray(mix.index, dtype=float)
    colors = [_COLORS.get(s, PALETTE[k % len(PALETTE)]) for k, s in enumerate(mix.columns)]
    ax.stackplot(x, values.T, labels=[_name(s) for s in mix.columns], colors=colors)
    ax.set_xlim(x.min(), x.max() if x.max() > x.min() else x.min() + 1)
    ax.set_title(_label("state_mix_title"))
    ax.set_xlabel(_label("period"))
    ax.set_ylabel(_label("share") if shares else _label("customers"))
    if shares:
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.set_ylim(0, 1)
    if len(mix.columns) <= 3:   # one row inside the axes
        ax.legend(loc="lower left", fontsize=8, ncols=len(mix.columns), frameon=True,
                  framealpha=0.8)
    else:                       # one column beside the axes (never over an area), top to bottom as stacked
        handles, names = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=8, frameon=False)
    return fig


def plot_contacts_per_sale(effort, ax=None):
    """Chart: contacts needed per sale in each customer group (每成交一笔需要推销几次).

    Parameters
    ----------
    effort : pandas.DataFrame
        Output of :func:`~crmlab.states.model.selling_effort` (columns
        ``contacts_per_sale`` and ``cost_per_sale``; index the groups).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.states import selling_effort
    >>> t = selling_effort({"potential_target": 0.06, "first_time": 0.15, "repeat_loyal": 0.5}, 50)
    >>> fig = plot_contacts_per_sale(t)
    >>> [float(b.get_height()) for b in fig.axes[0].patches][2]
    2.0
    """
    check_frame(effort, "effort", ["contacts_per_sale", "cost_per_sale"], zh="推销投入表")
    n = effort["contacts_per_sale"].to_numpy(dtype=float)
    cost = effort["cost_per_sale"].to_numpy(dtype=float)
    if not (np.isfinite(n).all() and np.isfinite(cost).all()):
        raise fail("effort", described("a table with NaN or infinite numbers"), "finite numbers",
                   "有限的数值", zh="推销投入表")
    fig, ax = figure_and_axes(ax, figsize=(6.5, 3.8))
    names = [_name(g) for g in effort.index]
    bars = ax.bar(names, n, color=[PALETTE[k % len(PALETTE)] for k in range(len(n))])
    for bar, k, c in zip(bars, n, cost):
        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(),
                f"{k:.1f} 次\n{_label('cost_short', unit=False)} "
                f"{display.number(c, 'cost_per_sale', TOPIC)}",
                ha="center", va="bottom", fontsize=8.5)
    ax.set_ylim(0, max(n) * 1.3 if len(n) else 1)
    ax.set_title(_label("contacts_title"))
    ax.set_ylabel(_label("contacts"))    # short: the title already says "per sale"
    ax.set_xlabel(_label("group", unit=False))
    return fig
