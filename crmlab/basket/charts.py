"""Charts of the beer-and-diapers case (啤酒与尿布案例的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.basket.model` and returns a :class:`matplotlib.figure.Figure` (no
pyplot state).  Every title, axis label and legend entry comes from the glossary
(``crmlab/glossary/basket.csv``) through :mod:`crmlab.display`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.ticker import MaxNLocator

from .. import display
from ..plotting import figure_and_axes
from ..validation import (InputTypeError, check_array, check_bool, check_frame, check_number,
                          described, fail)
from .model import ALL_SLICES, HIGHLIGHT, _is_rule, _items
from .tables import _check_item_tuples, _check_numbers, rule_text

__all__ = ["plot_rules", "plot_top_rules", "plot_lift_by_slice", "plot_item_support"]

TOPIC = "basket"
_HL_COLOUR = "#d62728"
_CMAP = "coolwarm"
#: Lift range of the colour scale of :func:`plot_rules` (centre 1).
LIFT_SCALE = (0.8, 3.0)
#: Lifts shown in the compact colour key (the panel's stand-in for a colour bar).
_KEY_LIFTS = (0.8, 0.9, 1.0, 1.5, 2.0, 3.0)


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _rules(rules, name="rules"):
    frame = check_frame(rules, name, ["antecedent", "consequent", "support", "confidence", "lift"],
                        zh="规则表", allow_empty=True)
    for col in ("antecedent", "consequent"):
        _check_item_tuples(frame[col], f"{name}[{col!r}]", "规则表")
    for col in ("support", "confidence", "lift"):
        _check_numbers(frame[col], f"{name}[{col!r}]", "规则表")
    return frame


def _shorten(text, room):
    """``text`` cut to ``room`` characters with "…" (a CJK character is about one em)."""
    room = max(int(room), 4)
    return text if len(text) <= room else text[:room - 1] + "…"


def _is_highlight(frame, highlight):
    if not (isinstance(highlight, (tuple, list)) and len(highlight) == 2):
        raise fail("highlight", highlight, "a pair (antecedent, consequent)", "（前项, 后项）",
                   zh="突出显示的规则")
    a = _items(highlight[0], "highlight", "突出显示的规则")
    b = _items(highlight[1], "highlight", "突出显示的规则")
    return _is_rule(frame, a, b).to_numpy(dtype=bool), (a, b)


def _lift_key(ax, norm):
    """A compact colour key above the axes: one dot per lift of :data:`_KEY_LIFTS`.

    Drawn as one scatter and a few texts, because a matplotlib colour bar (a
    second axes with its own ticks) doubles the redraw time of the panel.
    """
    from matplotlib import colormaps

    xs = 0.30 + 0.12 * np.arange(len(_KEY_LIFTS))
    ax.text(0.0, 1.02, f"{_label('lift', unit=False)}：", transform=ax.transAxes, ha="left",
            va="bottom", fontsize=7, color="#333333")
    ax.scatter(xs, np.full(len(xs), 1.045), c=colormaps[_CMAP](norm(np.array(_KEY_LIFTS))),
               s=26, edgecolors="#555555", linewidths=0.3, transform=ax.transAxes, clip_on=False)
    labels = [("≤" if v == LIFT_SCALE[0] else "≥" if v == LIFT_SCALE[1] else "") + f"{v:g}"
              for v in _KEY_LIFTS]
    for x, text in zip(xs, labels):
        ax.text(x + 0.025, 1.045, text, transform=ax.transAxes, ha="left", va="center",
                fontsize=7, color="#333333")


def plot_rules(rules, highlight=HIGHLIGHT, ax=None, colorbar=True):
    """Chart: every rule as a point, support against confidence, coloured by lift (规则散点图).

    The highlighted rule (default 尿布 → 啤酒) is ringed in red and named.  The
    colours follow a fixed scale centred on lift 1 (blue below, red above, from
    :data:`LIFT_SCALE` ``[0]`` to ``[1]``; lifts outside take the end colours).

    Parameters
    ----------
    rules : DataFrame
        Output of :func:`~crmlab.basket.model.association_rules`.
    highlight : (antecedent, consequent)
    ax : matplotlib.axes.Axes, optional
    colorbar : bool
        Draw the lift colour bar (without it, a compact key of coloured dots
        above the chart: what the what-if panel uses, because a colour bar
        doubles its redraw time).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> r = pd.DataFrame({"antecedent": [("尿布",), ("面包",)], "consequent": [("啤酒",), ("牛奶",)],
    ...                   "support": [0.03, 0.15], "confidence": [0.33, 0.4], "lift": [1.9, 0.95]})
    >>> fig = plot_rules(r)
    >>> fig.axes[0].get_xlabel()
    '支持度（%）'
    """
    frame = _rules(rules)
    colorbar = check_bool(colorbar, "colorbar", zh="是否画颜色条")
    hl, (a, b) = _is_highlight(frame, highlight)
    fig, ax = figure_and_axes(ax, figsize=(6.4, 3.6))
    x = frame["support"].to_numpy(float) * 100
    y = frame["confidence"].to_numpy(float) * 100
    lift = frame["lift"].to_numpy(float)
    # Diverging colours centred on lift 1 on a fixed scale (the same colour means the
    # same lift whatever the thresholds): blue below 1 (less often together), red above;
    # lifts beyond the scale take its end colours.
    norm = TwoSlopeNorm(vmin=LIFT_SCALE[0], vcenter=1.0, vmax=LIFT_SCALE[1])
    points = ax.scatter(x, y, c=np.clip(lift, *LIFT_SCALE), cmap=_CMAP, norm=norm, s=22,
                        edgecolors="#555555", linewidths=0.3)
    if hl.any():
        ax.scatter(x[hl], y[hl], s=150, facecolors="none", edgecolors=_HL_COLOUR, linewidths=1.6)
        ax.annotate(_shorten(rule_text(a, b), 16), (x[hl][0], y[hl][0]), xytext=(14, 30),
                    textcoords="offset points", color=_HL_COLOUR, fontsize=8,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": _HL_COLOUR, "lw": 0.6},
                    arrowprops={"arrowstyle": "-", "color": _HL_COLOUR, "lw": 0.8})
    if colorbar:
        bar = fig.colorbar(points, ax=ax, pad=0.02, extend="both")
        bar.set_label(_label("lift", unit=False), fontsize=8)
        bar.ax.tick_params(labelsize=7)
    else:
        _lift_key(ax, norm)
    ax.set_xlabel(f"{_label('support', unit=False)}（%）")
    ax.set_ylabel(f"{_label('confidence', unit=False)}（%）")
    ax.set_title(_label("rules_chart_title"), fontsize=10, pad=4 if colorbar else 16)
    # Fixed ticks: the automatic locator and formatter cost about half the redraw
    # of an otherwise empty axes.
    right = max(float(x.max()) * 1.05, 1.0) if len(x) else 10.0
    ax.set_xlim(0, right)
    ticks = MaxNLocator(5).tick_values(0, right)
    ax.set_xticks([t for t in ticks if t <= right], [f"{t:g}" for t in ticks if t <= right])
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
    return fig


def plot_top_rules(top, ax=None, fontsize=7.5):
    """Chart: the top rules as a small table drawn on the axes (按提升度排名的前 N 条规则).

    Rows of ``top`` (the panel model's ``top``: rules with a ``highlight``
    column) are drawn as rule, support, confidence and lift; the highlighted
    row is written in red.

    Examples
    --------
    >>> t = pd.DataFrame({"antecedent": [("尿布",)], "consequent": [("啤酒",)], "support": [0.03],
    ...                   "confidence": [0.33], "lift": [1.95], "highlight": [True]})
    >>> fig = plot_top_rules(t)
    >>> fig.axes[0].get_title()
    '按提升度排名的前 1 条规则'
    """
    frame = _rules(top, "top")
    fontsize = check_number(fontsize, "fontsize", zh="字号", low=4, high=20)
    hl = np.zeros(len(frame), dtype=bool)
    if "highlight" in frame:
        if not all(isinstance(h, (bool, np.bool_)) for h in frame["highlight"]):
            raise fail("top['highlight']", described("values other than True/False"),
                       "True or False for each rule", "每条规则为 True 或 False", zh="规则表",
                       kind=InputTypeError)
        hl = frame["highlight"].to_numpy(dtype=bool)
    # A new figure grows with the font (columns never overlap) and with the rows.
    grow = max(1.0, fontsize / 7.5)
    height = max(3.2 * grow, (len(frame) + 1) * 1.75 * fontsize / 72 + 0.8)
    fig, ax = figure_and_axes(ax, figsize=(4.2 * grow, height))
    ax.axis("off")
    ax.set_title(_label("top_rules_title").format(n=len(frame)), fontsize=max(10.0, fontsize + 2))
    header = [_label("rule", unit=False), _label("support", unit=False),
              _label("confidence", unit=False), _label("lift", unit=False)]
    # The rule column holds about 60% of the axes width; a longer rule is cut with "…".
    room = int(0.6 * ax.get_position().width * fig.get_figwidth() * 72 / fontsize)
    cells = [[_shorten(rule_text(a, c), room), f"{s:.1%}", f"{k:.1%}", f"{v:.2f}"]
             for a, c, s, k, v in zip(frame["antecedent"], frame["consequent"], frame["support"],
                                      frame["confidence"], frame["lift"])]
    if not cells:
        ax.text(0.5, 0.5, "没有达到门槛的规则", ha="center", va="center", fontsize=9,
                transform=ax.transAxes)
        return fig
    # One single-line text per cell at a fixed line pitch: a multi-line text per column
    # and style needs blank lines to keep the rows aligned, and every line (blank or
    # not) costs the same to lay out; a matplotlib table is slower still.
    lefts, aligns = (0.0, 0.64, 0.81, 0.99), ("left", "right", "right", "right")
    height_in = ax.get_position().height * fig.get_figheight()
    pitch = 1.75 * fontsize / 72 / height_in           # line pitch in axes fraction
    for i, row in enumerate([header] + cells):
        style = ({"fontweight": "bold"} if i == 0 else
                 {"color": _HL_COLOUR, "fontweight": "bold"} if hl[i - 1] else {})
        for x, ha, text in zip(lefts, aligns, row):
            ax.text(x, 0.98 - i * pitch, text, ha=ha, va="top", fontsize=fontsize,
                    transform=ax.transAxes, **style)
    return fig


def plot_lift_by_slice(frame, ax=None):
    """Chart: one rule's lift in each time slice, with the no-association line at 1 (分时段提升度).

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`~crmlab.basket.model.rule_by_slice`.

    Examples
    --------
    >>> f = pd.DataFrame({"lift": [1.9, 3.0, 1.2]}, index=pd.Index(["全部", "工作日晚间", "周末"]))
    >>> len(plot_lift_by_slice(f).axes[0].patches)
    3
    """
    frame = check_frame(frame, "frame", ["lift"], zh="分时段的规则指标")
    lift = check_array(frame["lift"].to_numpy(), "frame['lift']", zh="提升度", nonnegative=True)
    fig, ax = figure_and_axes(ax, figsize=(5.6, 3.0))
    names = [str(i) for i in frame.index]
    whole = np.array([n == ALL_SLICES for n in names])
    pos = np.arange(len(names))
    # The overall bar (all baskets mixed) in grey, each time slice in blue; the legend says so.
    if whole.any():
        ax.bar(pos[whole], lift[whole], color="#7f7f7f", width=0.6, label=_label("bar_all"))
    if (~whole).any():
        ax.bar(pos[~whole], lift[~whole], color="#1f77b4", width=0.6, label=_label("bar_slice"))
    ax.axhline(1.0, color="#333333", linestyle="--", linewidth=1, label=_label("lift_one"))
    for i, v in enumerate(lift):
        ax.text(i, v, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(np.arange(len(names)), names)
    ax.set_xlabel(_label("time_slice"))
    ax.set_ylabel(_label("lift"))
    ax.set_title(_label("lift_by_slice_title"), fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    ax.margins(y=0.30)
    return fig


def plot_item_support(support, ax=None):
    """Chart: each item's support as horizontal bars (各商品的支持度).

    Parameters
    ----------
    support : Series
        Output of :func:`~crmlab.basket.model.item_support`.

    Examples
    --------
    >>> s = pd.Series({"牛奶": 0.42, "啤酒": 0.17})
    >>> len(plot_item_support(s).axes[0].patches)
    2
    """
    if not isinstance(support, pd.Series):
        raise fail("support", support, "a Series of item supports", "各商品支持度的 Series",
                   zh="商品支持度")
    values = check_array(support.to_numpy(), "support", zh="商品支持度", nonnegative=True)
    fig, ax = figure_and_axes(ax, figsize=(5.6, 3.6))
    order = np.argsort(values)
    ax.barh(np.arange(len(values)), values[order] * 100, color="#1f77b4")
    ax.set_yticks(np.arange(len(values)), [str(i) for i in support.index[order]], fontsize=8)
    ax.set_xlabel(f"{_label('support', unit=False)}（%）")
    ax.set_title(_label("item_support_title"), fontsize=10)
    return fig
