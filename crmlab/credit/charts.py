"""Charts of Chapter 6 (第 6 章的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.credit.model` and returns a :class:`matplotlib.figure.Figure`
(no pyplot state).  Every title, axis label and legend entry comes from the
glossary (``crmlab/glossary/credit.csv``) through :mod:`crmlab.display`.
"""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter

from .. import display
from ..plotting import figure_and_axes
from ..validation import check_array, check_frame, described, fail

__all__ = ["plot_policy_waterfall", "plot_ageing", "plot_scores"]

TOPIC = "credit"
_UP, _DOWN, _TOTAL = "#2e7d4f", "#c0392b", "#1f5fa8"
#: The waterfall's steps: line id and the sign with which it enters the net benefit.
_STEPS = (("contribution", 1), ("opportunity_cost", -1), ("bad_debts", -1),
          ("collection_cost", -1), ("discount_cost", -1))


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def plot_policy_waterfall(table, ax=None):
    """Chart: waterfall of the marginal analysis (边际分析瀑布图) of a change of credit terms.

    From left to right: the change in contribution, minus the changes in the
    opportunity cost of receivables, bad debts, collection cost and discount
    cost, ending in the change in net benefit (green up, red down, blue total).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.credit.model.credit_policy_change`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.credit.model import credit_policy_change
    >>> t = credit_policy_change({"sales": 100.0, "collection_days": 30.0},
    ...                          {"sales": 110.0, "collection_days": 45.0}, 0.6, 0.1)
    >>> fig = plot_policy_waterfall(t)
    >>> len(fig.axes[0].patches)
    6
    """
    frame = check_frame(table, "table", ["change"], zh="边际分析表")
    ids = [k for k, _ in _STEPS] + ["net_benefit"]
    missing = [i for i in ids if i not in frame.index]
    if missing:
        raise fail("table", described(f"a table without the line {missing[0]!r}"),
                   "the output of credit_policy_change", "credit_policy_change 的结果", zh="边际分析表")
    change = check_array(frame.loc[ids, "change"].to_numpy(), "table['change']", zh="边际分析表")
    steps = np.array([s for _, s in _STEPS], dtype=float) * change[:-1]
    ends = np.cumsum(steps)
    starts = ends - steps
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.0))
    x = np.arange(len(ids))
    heights = np.append(steps, ends[-1])
    bottoms = np.append(starts, 0.0)
    colours = [_UP if h >= 0 else _DOWN for h in steps] + [_TOTAL]
    ax.bar(x, heights, bottom=bottoms, color=colours, width=0.6)
    ax.axhline(0, color="#555555", linewidth=0.8)
    span = float(np.max(np.abs(np.concatenate([ends, starts, [ends[-1]]])))) or 1.0
    for xi, top, h in zip(x, bottoms + heights, heights):
        ax.annotate(f"{round(float(h)) + 0:+,d}", (xi, max(top, top - h)), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8)
    names = [_label("contribution_change", unit=False), "−" + _label("opportunity_cost", unit=False),
             "−" + _label("bad_debts", unit=False), "−" + _label("collection_cost", unit=False),
             "−" + _label("discount_cost", unit=False), _label("net_change", unit=False)]
    ax.set_xticks(x, [n.replace("应收账款", "应收账款\n").replace("后收益", "后\n收益") for n in names],
                  fontsize=8)
    ax.set_ylim(min(0.0, float(np.min(np.append(starts, ends)))) - 0.12 * span,
                max(0.0, float(np.max(np.append(starts, ends)))) + 0.18 * span)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_title(_label("waterfall_title", unit=False))
    return fig


def plot_ageing(table, ax=None):
    """Chart: open receivables by age bucket (账龄分析), with each bucket's share.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.credit.model.ageing`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"amount": [300.0, 100.0], "share": [0.75, 0.25]},
    ...                  index=pd.Index(["未到期", ">30天"], name="bucket"))
    >>> len(plot_ageing(t).axes[0].patches)
    2
    """
    frame = check_frame(table, "table", ["amount", "share"], zh="账龄表")
    amount = check_array(frame["amount"].to_numpy(), "table['amount']", zh="账龄表", nonnegative=True)
    share = check_array(frame["share"].to_numpy(), "table['share']", zh="账龄表", nonnegative=True)
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.0))
    x = np.arange(len(frame))
    colours = ["#1f5fa8"] + ["#e0734f"] * (len(frame) - 1)
    ax.bar(x, amount, color=colours, width=0.6)
    for xi, a, s in zip(x, amount, share):
        ax.annotate(f"{s:.1%}", (xi, a), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=9)
    ax.set_xticks(x, [str(i) for i in frame.index])
    ax.set_ylim(0, max(float(amount.max()), 1.0) * 1.15)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel(_label("bucket"))
    ax.set_ylabel(_label("amount"))
    ax.set_title(_label("ageing_title", unit=False))
    return fig


def plot_scores(scores, ax=None):
    """Chart: each applicant's total score against the seed's 70–80 band (评分法).

    Horizontal bars, chosen applicants (70–80) in green, the rest grey; the
    preferred band shaded green, 80–85 (left open by the seed) hatched grey,
    dashed lines at 70 (too weak below) and 85 (too strong above).

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`~crmlab.credit.model.credit_score`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.credit.model import credit_score
    >>> a = pd.DataFrame({"applicant": ["甲", "乙"], "finance_score": [75, 90]})
    >>> len(plot_scores(credit_score(a, {"finance_score": 1})).axes[0].patches) >= 2
    True
    """
    frame = check_frame(scores, "scores", ["score", "chosen"], zh="评分表")
    score = check_array(frame["score"].to_numpy(), "scores['score']", zh="评分表", nonnegative=True)
    chosen = frame["chosen"].to_numpy(dtype=bool)
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.0))
    y = np.arange(len(frame))[::-1]
    ax.axvspan(70, 80, color="#cfe8d6")
    ax.axvspan(80, 85, color="#ececec")
    ax.barh(y, score, color=np.where(chosen, "#2e7d4f", "#9e9e9e"), height=0.6)
    ax.axvline(70, color="#c0392b", linestyle="--", linewidth=1)
    ax.axvline(85, color="#c0392b", linestyle="--", linewidth=1)
    for yi, s in zip(y, score):
        ax.annotate(f"{s:.2f}", (s, yi), xytext=(-3, 0), textcoords="offset points", va="center",
                    ha="right", fontsize=8, color="white")
    top = len(frame) - 0.4
    for x_text, ident, colour in ((55, "too_weak_line", "#c0392b"), (75, "preferred_band", "#2e7d4f"),
                                  (92.5, "too_strong_line", "#c0392b")):
        ax.text(x_text, top, _label(ident, unit=False), ha="center", va="bottom", fontsize=8,
                color=colour)
    ax.set_ylim(-0.6, len(frame) + 0.6)
    ax.set_yticks(y, [str(i) for i in frame.index])
    ax.set_xlim(40, 100)
    ax.set_xlabel(_label("score") + "；灰色区间 80–85 分教材未归类")
    ax.set_title(_label("score_title", unit=False))
    return fig
