"""Charts of the Vanke case (万科案例的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.referrals.model` and returns a :class:`matplotlib.figure.Figure`
(no pyplot state).  Every title, axis label and legend entry comes from the
glossary (``crmlab/glossary/referrals.csv``) through :mod:`crmlab.display`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import display
from ..plotting import figure_and_axes
from ..validation import check_array, check_frame, check_number, fail

__all__ = ["plot_channel_shares", "plot_buyers_by_channel", "plot_reward_curve"]

TOPIC = "referrals"
_IDS = ("referral", "advertising", "walk_in", "repeat_owner")
_COLOURS = ("#1f5fa8", "#e0734f", "#9a9a9a", "#5aa469")


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def plot_channel_shares(shares, ax=None, title=None):
    """Chart: each project's buyers stacked by channel, with the seed's 30–50% band.

    Parameters
    ----------
    shares : DataFrame
        Output of :func:`~crmlab.referrals.model.channel_shares` (one row per
        project or city; the four channel shares).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"buyers": [10, 10], "referral": [0.4, 0.3], "advertising": [0.4, 0.5],
    ...                   "walk_in": [0.1, 0.1], "repeat_owner": [0.1, 0.1]}, index=["甲", "乙"])
    >>> len(plot_channel_shares(s).axes[0].containers)
    4
    """
    frame = check_frame(shares, "shares", list(_IDS), zh="渠道占比表")
    parts = np.column_stack([check_array(frame[c].to_numpy(), f"shares[{c!r}]", zh="渠道占比表",
                                         nonnegative=True) for c in _IDS])
    fig, ax = figure_and_axes(ax, figsize=(7.5, 3.4))
    y = np.arange(len(frame))[::-1]
    lefts = np.cumsum(parts, axis=1) - parts
    for j, ident in enumerate(_IDS):
        ax.barh(y, parts[:, j], left=lefts[:, j], color=_COLOURS[j], height=0.7,
                label=_label(ident, unit=False))
    for yi, s in zip(y, parts[:, 0]):
        ax.text(s / 2, yi, f"{s:.0%}", ha="center", va="center", color="white", fontsize=8)
    ax.axvspan(0.3, 0.5, ymin=0, ymax=1, color="#1f5fa8", alpha=0.08, zorder=0)
    ax.axvline(0.3, color="#1f5fa8", lw=0.8, ls=":")
    ax.axvline(0.5, color="#1f5fa8", lw=0.8, ls=":", label=_label("seed_range", unit=False))
    ax.set_yticks(y, [str(i) for i in frame.index])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(_label("share", unit=False))
    ax.set_title(display.title(title, "channel_shares_title", TOPIC))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return fig


def plot_buyers_by_channel(without, with_programme, ax=None, title=None):
    """Chart: buyers by channel without and with the referral reward (两组柱).

    Parameters
    ----------
    without, with_programme : Series
        Buyers by channel id (``referral``, ``advertising``, ``walk_in``,
        ``repeat_owner``), e.g. ``buyers_without`` and ``buyers_with`` of
        :func:`~crmlab.referrals.model.programme_whatif`.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.Series([450.0, 180.0, 250.0, 100.0], index=["referral", "advertising", "walk_in", "repeat_owner"])
    >>> len(plot_buyers_by_channel(a, a * 1.1).axes[0].patches)
    8
    """
    rows = []
    for name, zh, series in (("without", "不设奖励", without),
                             ("with_programme", "设奖励", with_programme)):
        if not isinstance(series, pd.Series) or not set(_IDS) <= set(series.index):
            raise fail(name, type(series).__name__, f"a Series indexed by {', '.join(_IDS)}",
                       f"以 {'、'.join(_IDS)} 为索引的 Series", zh=zh)
        rows.append(check_array(series[list(_IDS)].to_numpy(), name, zh=zh, nonnegative=True))
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.0))
    x = np.arange(len(_IDS))
    width = 0.38
    ax.bar(x - width / 2, rows[0], width=width * 0.95, color="#b8c7d9",
           label=_label("without_programme", unit=False))
    ax.bar(x + width / 2, rows[1], width=width * 0.95, color=_COLOURS[0],
           label=_label("with_programme", unit=False))
    for xi, a, b in zip(x, rows[0], rows[1]):
        ax.text(xi + width / 2, b, f"{b:,.0f}", ha="center", va="bottom", fontsize=8)
        ax.text(xi - width / 2, a, f"{a:,.0f}", ha="center", va="bottom", fontsize=8,
                color="#555555")
    ax.set_xticks(x, [_label(i, unit=False) for i in _IDS])
    ax.set_ylabel(_label("buyers"))
    ax.set_title(display.title(title, "buyers_by_channel_title", TOPIC))
    ax.legend(loc="upper right", fontsize=8)
    ax.margins(y=0.15)
    return fig


def plot_reward_curve(curve, break_even=None, best=None, ax=None, title=None):
    """Chart: the programme's net value against the reward, with break-even and best reward.

    Parameters
    ----------
    curve : DataFrame
        Output of :func:`~crmlab.referrals.model.reward_curve`.
    break_even, best : float, optional
        Rewards to mark (from :func:`~crmlab.referrals.model.break_even_reward`).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.referrals.model import reward_curve
    >>> fig = plot_reward_curve(reward_curve(10_000, 0.15, 1.0, 0.3, [0, 20_000, 40_000]), 40_500)
    >>> len(fig.axes[0].lines)
    3
    """
    frame = check_frame(curve, "curve", ["reward", "net_value"], zh="奖励曲线")
    r = check_array(frame["reward"].to_numpy(), "curve['reward']", zh="奖励曲线", nonnegative=True)
    v = check_array(frame["net_value"].to_numpy(), "curve['net_value']", zh="奖励曲线")
    fig, ax = figure_and_axes(ax, figsize=(7.0, 3.2))
    ax.plot(r, v / 1e4, color="#1f5fa8", lw=2)
    ax.axhline(0, color="#555555", lw=0.8)
    for mark, ident, colour in ((break_even, "break_even", "#b2402a"), (best, "best", "#5aa469")):
        if mark is not None:
            name = f"{ident}_reward"
            m = check_number(mark, ident, zh=_label(name, unit=False), low=0)
            ax.axvline(m, color=colour, lw=1, ls="--", label=f"{_label(name, unit=False)} {m:,.0f} 元")
    ax.set_xlabel(_label("reward"))
    ax.set_ylabel(_label("net_value_million"))
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:,.0f}")
    ax.set_title(display.title(title, "reward_curve_title", TOPIC))
    if break_even is not None or best is not None:
        ax.legend(loc="lower left", fontsize=8)
    return fig
