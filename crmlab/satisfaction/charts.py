"""Charts of Chapter 7 (第 7 章的图表).

Each ``plot_*`` function takes the output of a model function of
:mod:`crmlab.satisfaction.model` and returns a :class:`matplotlib.figure.Figure`
(no pyplot state).  Every title, axis label and legend entry comes from the
glossary (``crmlab/glossary/satisfaction.csv``) through :mod:`crmlab.display`.
The diverging Likert chart is drawn on matplotlib directly (本书补充; after
Robbins & Heiberger 2011, "Plotting Likert and other rating scales").
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from .. import display
from ..plotting import figure_and_axes
from ..validation import InputTypeError, check_bool, check_frame, check_number, described, fail
from .model import QUADRANTS

__all__ = ["plot_likert", "plot_gaps", "plot_ipa", "plot_loyalty", "plot_research",
           "plot_complaint_outcomes"]

TOPIC = "satisfaction"
#: Colours of the five points, red (1) to blue (5).
_LIKERT = ("#b2182b", "#ef8a62", "#bdbdbd", "#67a9cf", "#2166ac")
_QUAD_COLOURS = {"concentrate_here": "#b2182b", "keep_up": "#2166ac", "low_priority": "#7f7f7f",
                 "possible_overkill": "#e08214"}
_ZONE_COLOURS = {"defection": "#fbe3e0", "indifference": "#eeeeee", "affection": "#dcebf7"}


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _name(ident):
    """A row label in Chinese when the glossary knows it, else as given."""
    try:
        return display.label(str(ident), TOPIC, unit=False)
    except Exception:  # noqa: BLE001 - an attribute the glossary does not know keeps its name
        return str(ident)


def _numbers(frame, columns, name, zh):
    check_frame(frame, name, columns, zh=zh)
    try:
        arr = frame[list(columns)].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail(name, described("columns that are not numbers"), "numbers", "数值", zh=zh) from None
    if len(arr) == 0 or not np.isfinite(arr).all():
        raise fail(name, described("an empty table or missing values"), "finite numbers",
                   "有限数值", zh=zh)
    return arr


def _rates(frame, columns, name, zh):
    """Shares in [0, 1] (NaN allowed: an empty group has no rate), or a clear error."""
    check_frame(frame, name, columns, zh=zh)
    try:
        if any(frame[c].dtype == bool for c in columns):
            raise TypeError
        arr = frame[list(columns)].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail(name, described("columns that are not numbers"), "shares between 0 and 1",
                   "0 到 1 之间的比例", zh=zh, kind=InputTypeError) from None
    bad = np.isinf(arr) | (arr < 0) | (arr > 1)
    if bad.any():
        i, j = (int(k[0]) for k in np.nonzero(bad))
        raise fail(f"{name}[{columns[j]!r}]", described(f"{float(arr[i, j])!r} in row {i}"),
                   "a share between 0 and 1", "0 到 1 之间的比例", zh=zh)
    return arr


def plot_likert(summary, ax=None):
    """Chart: diverging stacked bars of a Likert summary (李克特量表的发散条形图).

    The neutral point (3) is split across zero; the dissatisfied points extend
    to the left, the satisfied ones to the right, so items line up by how much
    of each side they carry.

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`~crmlab.satisfaction.model.likert_summary` on a 5-point scale.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.satisfaction.model import likert_summary
    >>> fig = plot_likert(likert_summary(pd.DataFrame({"waiting": [1, 3, 5], "price": [2, 4, 4]})))
    >>> len(fig.axes[0].patches)
    10
    """
    cols = [f"share_{k}" for k in range(1, 6)]
    shares = _numbers(summary, cols, "summary", "李克特汇总表")
    _rates(summary, cols, "summary", "李克特汇总表")          # shares of respondents: 0 to 1
    fig, ax = figure_and_axes(ax, figsize=(7.0, 0.45 * len(summary) + 1.6))
    y = np.arange(len(summary))[::-1]
    left = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
    for k in range(5):
        ax.barh(y, shares[:, k], left=left, color=_LIKERT[k], height=0.7, label=_label(cols[k], unit=False))
        left = left + shares[:, k]
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [_name(i) for i in summary.index])
    lo = float(np.max(shares[:, :2].sum(axis=1) + shares[:, 2] / 2)) + 0.03
    hi = float(np.max(shares[:, 3:].sum(axis=1) + shares[:, 2] / 2)) + 0.03
    ticks = np.arange(-np.floor(lo / 0.2) * 0.2, hi, 0.2)        # every 20 points, no wide margins
    ax.set_xticks(ticks, [f"{abs(t):.0%}" for t in ticks])
    ax.set_xlim(-lo, hi)
    ax.set_xlabel(_label("share_of_respondents", unit=False) + "（左：不满意一侧；右：满意一侧）")
    ax.set_title(_label("likert_title"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=5, fontsize=9, frameon=False)
    return fig


def plot_gaps(summary, ax=None):
    """Chart: mean gap (perceived − expected) per attribute, worst first (差距分数).

    Parameters
    ----------
    summary : DataFrame
        Output of :func:`~crmlab.satisfaction.model.gap_summary`.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.satisfaction.model import gap_summary
    >>> fig = plot_gaps(gap_summary(pd.DataFrame({"waiting": [-1.0, -2.0], "price": [1.0, 0.0]})))
    >>> len(fig.axes[0].patches)
    2
    """
    gaps = _numbers(summary, ["mean_gap"], "summary", "差距汇总表")[:, 0]
    fig, ax = figure_and_axes(ax, figsize=(7.0, 0.4 * len(summary) + 1.4))
    y = np.arange(len(summary))[::-1]
    ax.barh(y, gaps, color=np.where(gaps < 0, "#b2182b", "#2166ac"), height=0.65)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, [_name(i) for i in summary.index])
    for yi, g in zip(y, gaps):
        ax.text(g, yi, f" {g:+.2f} ", va="center", ha="left" if g >= 0 else "right", fontsize=8)
    ax.set_xlabel(_label("mean_gap"))
    ax.set_title(_label("gap_title"))
    ax.margins(x=0.2)
    return fig


def plot_ipa(table, ax=None, highlight=None):
    """Chart: the importance–performance grid (重要性—表现分析图), Martilla & James (1977).

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.satisfaction.model.ipa` (its ``attrs["crosshair"]``
        places the lines; the grand means are used when it is missing).
    ax : matplotlib.axes.Axes, optional
    highlight : label, optional
        An attribute drawn larger (the one a what-if panel moves).

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.satisfaction.model import ipa
    >>> t = ipa(pd.Series({"waiting": 4.5, "price": 2.0}), pd.Series({"waiting": 2.5, "price": 4.0}))
    >>> fig = plot_ipa(t)
    >>> fig.axes[0].get_xlabel()
    '重要性（分）'
    """
    vals = _numbers(table, ["importance", "performance"], "table", "重要性—表现表")
    check_frame(table, "table", ["quadrant"], zh="重要性—表现表")
    if (vals < 1).any() or (vals > 11).any():       # means on a rating scale of at most 11 points
        raise fail("table", described("means outside 1 to 11"), "mean ratings on the rating scale",
                   "量表范围内的平均评分", zh="重要性—表现表")
    odd = [q for q in table["quadrant"] if not (isinstance(q, str) and q in QUADRANTS)]
    if odd:
        raise fail('table["quadrant"]', odd[0], f"one of {', '.join(map(repr, QUADRANTS))}",
                   "四个象限之一", zh="象限")
    cross = table.attrs.get("crosshair", (float(vals[:, 0].mean()), float(vals[:, 1].mean())))
    if not (isinstance(cross, (tuple, list)) and len(cross) == 2):
        raise fail('table.attrs["crosshair"]', cross, "a pair (importance, performance)",
                   "一对数 (重要性, 表现)", zh="十字线", kind=InputTypeError)
    x0 = check_number(cross[0], 'table.attrs["crosshair"][0]', zh="十字线的重要性坐标")
    y0 = check_number(cross[1], 'table.attrs["crosshair"][1]', zh="十字线的表现坐标")
    if highlight is not None:
        try:
            known = bool(highlight in set(table.index))
        except TypeError:                       # unhashable: a list, a dict …
            known = False
        if not known:
            raise fail("highlight", highlight, f"None or an attribute of the table {list(table.index)}",
                       "None 或表中的一个属性", zh="突出显示的属性")
    fig, ax = figure_and_axes(ax, figsize=(6.4, 4.2))
    colours = [_QUAD_COLOURS.get(q, "#333333") for q in table["quadrant"]]
    sizes = [90 if (highlight is not None and i == highlight) else 36 for i in table.index]
    ax.scatter(vals[:, 0], vals[:, 1], c=colours, s=sizes, zorder=3)
    for (xi, yi), name in zip(vals, table.index):
        ax.annotate(_name(name), (xi, yi), xytext=(4, 3), textcoords="offset points", fontsize=8)
    lo_x, hi_x = min(vals[:, 0].min(), x0) - 0.3, max(vals[:, 0].max(), x0) + 0.45
    lo_y, hi_y = min(vals[:, 1].min(), y0) - 0.3, max(vals[:, 1].max(), y0) + 0.3
    ax.set_xlim(lo_x, hi_x)
    ax.set_ylim(lo_y, hi_y)
    ax.axvline(x0, color="#555555", lw=0.8, ls="--")
    ax.axhline(y0, color="#555555", lw=0.8, ls="--")
    corners = {"concentrate_here": (0.98, 0.03, "right", "bottom"),      # axes fractions, inset
               "keep_up": (0.98, 0.97, "right", "top"),                 # from the frame
               "low_priority": (0.02, 0.03, "left", "bottom"),
               "possible_overkill": (0.02, 0.97, "left", "top")}
    for q in QUADRANTS:
        cx, cy, ha, va = corners[q]
        ax.text(cx, cy, _label(q, unit=False), ha=ha, va=va, fontsize=9, color=_QUAD_COLOURS[q],
                alpha=0.9, transform=ax.transAxes,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5})
    ax.set_xlabel(_label("importance"))
    ax.set_ylabel(_label("performance"))
    ax.set_title(_label("ipa_title"))
    return fig


def plot_loyalty(table, ax=None, recommend=True):
    """Chart: repurchase (and recommend) rate by satisfaction level, with the zones [003].

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.satisfaction.model.loyalty_by_satisfaction`.
    recommend : bool, default True
        Also draw the share who would recommend.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.satisfaction.model import loyalty_by_satisfaction
    >>> s = pd.DataFrame({"overall": [1, 2, 3, 4, 5], "repurchase": [0, 0, 0, 0, 1],
    ...                   "recommend": [0, 0, 0, 1, 1], "told_others_bad": [1, 0, 0, 0, 0]})
    >>> len(plot_loyalty(loyalty_by_satisfaction(s)).axes[0].lines)
    2
    """
    recommend = check_bool(recommend, "recommend", zh="是否画推荐比例")
    cols = ["repurchase_rate", "recommend_rate"] if recommend else ["repurchase_rate"]
    _rates(table, cols, "table", "忠诚表")
    check_frame(table, "table", cols + ["zone"], zh="忠诚表")
    zones = tuple(_ZONE_COLOURS)
    if pd.api.types.infer_dtype(table["zone"], skipna=False) != "string" \
            or not table["zone"].isin(zones).all():
        raise fail('table["zone"]', described("values that are not zones"),
                   f"one of {', '.join(map(repr, zones))}", "三个区域之一", zh="忠诚区域")
    try:
        levels = np.asarray(table.index, dtype=float)
    except (TypeError, ValueError):
        levels = np.array([np.nan])
    if not np.isfinite(levels).all() or table.index.has_duplicates:
        raise fail("table", described(f"index {list(table.index)}"),
                   "satisfaction levels (distinct numbers) as the index", "以互不相同的满意度等级（数值）为索引",
                   zh="忠诚表")
    fig, ax = figure_and_axes(ax, figsize=(6.4, 3.6))
    for zone in ("defection", "indifference", "affection"):
        inside = levels[(table["zone"] == zone).to_numpy()]
        if len(inside):
            ax.axvspan(inside.min() - 0.5, inside.max() + 0.5, color=_ZONE_COLOURS[zone], zorder=0)
            ax.text((inside.min() + inside.max()) / 2, 1.02, _label(zone, unit=False), ha="center",
                    va="bottom", fontsize=9)
    styles = {"repurchase_rate": ("#2166ac", "o"), "recommend_rate": ("#e08214", "s")}
    for c in cols:
        colour, marker = styles[c]
        ax.plot(levels, table[c].to_numpy(dtype=float), marker=marker, color=colour,
                label=_label(c, unit=False))
    ax.set_xticks(levels)
    ax.set_ylim(0, 1.12)
    ax.set_yticks(np.linspace(0, 1, 6), [f"{t:.0%}" for t in np.linspace(0, 1, 6)])
    ax.set_xlabel(_label("level"))
    ax.set_ylabel(_label("share_of_respondents", unit=False))
    ax.set_title(_label("loyalty_title"), pad=18)
    ax.legend(loc="center left", fontsize=8)
    return fig


def plot_research(table, ax=None):
    """Chart: margin of error (left axis) and survey cost (right axis) against sample size.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`~crmlab.satisfaction.model.sample_size_table`.

    Examples
    --------
    >>> from crmlab.satisfaction.model import sample_size_table
    >>> fig = plot_research(sample_size_table([100, 400, 1600]))
    >>> len(fig.axes)
    2
    """
    vals = _numbers(table, ["margin", "survey_cost"], "table", "样本量表")
    n = np.asarray(table.index, dtype=float)
    fig, ax = figure_and_axes(ax, figsize=(6.4, 3.6))
    ax.plot(n, vals[:, 0], marker="o", color="#2166ac", label=_label("margin", unit=False))
    ax.set_xlabel(_label("sample_n"))
    ax.set_ylabel(_label("margin", unit=False), color="#2166ac")
    ticks = ax.get_yticks()
    ax.set_yticks(ticks, [f"±{t:.1%}" for t in ticks])
    ax.set_ylim(0, vals[:, 0].max() * 1.1)
    right = ax.twinx()
    right.plot(n, vals[:, 1], marker="s", color="#b2182b", label=_label("survey_cost", unit=False))
    right.set_ylabel(_label("survey_cost"), color="#b2182b")
    right.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    right.set_ylim(0, vals[:, 1].max() * 1.1)
    ax.set_title(_label("research_title"))
    return fig


def plot_complaint_outcomes(result, ax=None):
    """Chart: the dissatisfied by what happened to them, kept and lost (不满客户的去向).

    Parameters
    ----------
    result : dict
        Output of :func:`~crmlab.satisfaction.model.complaint_outcomes`.

    Examples
    --------
    >>> from crmlab.satisfaction.model import complaint_outcomes
    >>> fig = plot_complaint_outcomes(complaint_outcomes(150))
    >>> len(fig.axes[0].patches)
    8
    """
    from .model import STAY_RATES

    groups = list(STAY_RATES)
    keys = groups + [f"kept_{g}" for g in groups]
    if not isinstance(result, dict):
        raise fail("result", described(type(result).__name__),
                   "the dict returned by complaint_outcomes", "complaint_outcomes 返回的字典",
                   zh="投诉结果", kind=InputTypeError)
    if any(k not in result for k in keys):
        raise fail("result", described("a dict without the groups"),
                   "the dict returned by complaint_outcomes", "complaint_outcomes 返回的字典",
                   zh="投诉结果")
    try:
        total = np.array([float(result[g]) for g in groups])
        kept = np.array([float(result[f"kept_{g}"]) for g in groups])
    except (TypeError, ValueError):
        raise fail("result", described("groups that are not numbers"), "numbers of customers",
                   "客户人数", zh="投诉结果", kind=InputTypeError) from None
    if not (np.isfinite(total).all() and np.isfinite(kept).all()):
        raise fail("result", described("missing or infinite numbers"), "finite numbers of customers",
                   "有限的客户人数", zh="投诉结果")
    fig, ax = figure_and_axes(ax, figsize=(6.4, 3.0))
    x = np.arange(len(groups))
    ax.bar(x, kept, color="#2166ac", label=_label("kept", unit=False))
    ax.bar(x, total - kept, bottom=kept, color="#f4a582", label=_label("lost", unit=False))
    ax.set_xticks(x, [_label(g, unit=False) for g in groups], fontsize=8)
    ax.set_ylabel(_label("dissatisfied"))
    ax.set_title(_label("complaint_title"))
    ax.legend(fontsize=8, loc="upper right")
    return fig
