"""Charts of the churn case (流失案例的图表).

Every ``plot_*`` returns a matplotlib Figure; titles and axis labels come from the
glossary (:mod:`crmlab.display`, ``topic="churn"``).  Malformed input raises
:class:`~crmlab.validation.InputError` naming the argument.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._columns import flat_frame
from ..validation import CRMLabError, InputTypeError, check_bool, check_column, fail
from .model import ALL, _choice, _floats

__all__ = ["plot_churn_rate", "plot_survival", "plot_causes", "plot_programme"]

_TOPIC = "churn"


def _label(column: str, unit: bool = True) -> str:
    from .. import display

    return display.label(column, topic=_TOPIC, unit=unit)


def _caption(fig, source):
    if source is None:
        return
    if not isinstance(source, str):
        raise fail("source", source, "a caption (text) or None", "图注文字或 None", zh="图注",
                   kind=InputTypeError)
    fig.text(0.99, 0.005, source, ha="right", va="bottom", fontsize=8, color="0.4")


def _title(title, name: str):
    if title is not None and not isinstance(title, str):
        raise fail(name, title, "a title (text)", "标题文字", zh="标题", kind=InputTypeError)
    return title


def _numbers(frame: pd.DataFrame, col: str, name: str, zh: str, *, low=None, high=None,
             allow_missing: bool = False) -> np.ndarray:
    """A column of ``frame`` as floats, refusing text, inf and (unless allowed) NaN."""
    try:
        arr = _floats(frame[col], f"{name}[{col!r}]", zh, real=(f"numbers in column {col!r}",
                                                                 f"列 {col!r} 中的数值"))
    except CRMLabError:
        raise
    except (TypeError, ValueError):
        raise fail(name, f"column {col!r} with non-numeric values", f"numbers in column {col!r}",
                   f"列 {col!r} 中的数值", zh=zh, kind=InputTypeError) from None
    bad = np.isinf(arr) if allow_missing else ~np.isfinite(arr)
    if low is not None:
        bad |= arr < low
    if high is not None:
        bad |= arr > high
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        rng = "" if low is None else f" in [{low}, {high}]"
        raise fail(name, f"{frame[col].iloc[i]!r} in column {col!r}, row {i}",
                   f"finite numbers{rng} in column {col!r}",
                   f"列 {col!r} 中的有限数值" + ("" if low is None else f"（{low} 到 {high} 之间）"),
                   zh=zh)
    return arr


def plot_churn_rate(monthly: pd.DataFrame, *, by: str | None = None, title: str | None = None,
                    source: str | None = "模拟数据"):
    """Line chart of the monthly churn rate from :func:`monthly_churn` (月流失率走势).

    Parameters
    ----------
    monthly : DataFrame
        Output of :func:`monthly_churn` (with ``by`` if it was split).
    by : str, optional
        The split column, one line per group.
    title : str, optional
        Chart title; default "月流失率" (by group: "各客户群的月流失率").
    source : str or None
        Small caption at the bottom right (default ``"模拟数据"``); ``None`` for none.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import monthly_churn
    >>> subs = pd.DataFrame({"join_month": [0, 0, 0, 0, 1], "churn_month": [1, None, 2, None, 3]})
    >>> type(plot_churn_rate(monthly_churn(subs))).__name__
    'Figure'
    """
    from ..plotting import new_figure

    if by is not None:
        check_column(by, "by", zh="分组列")
    cols = ["month", "churn_rate"] + ([by] if by is not None else [])
    flat_frame(monthly, "monthly", cols, zh="月度流失表")
    month = _numbers(monthly, "month", "monthly", "月度流失表")
    rate = _numbers(monthly, "churn_rate", "monthly", "月度流失表", low=0, high=1,
                    allow_missing=True)
    title = _title(title, "title")
    fig, ax = new_figure()
    groups = [(None, np.ones(len(monthly), bool))] if by is None else \
        [(g, (monthly[by] == g).to_numpy()) for g in pd.unique(monthly[by])]
    for g, m in groups:
        ax.plot(month[m], 100 * rate[m], marker="o", markersize=3,
                label=None if g is None else str(g))
    name = _label("churn_rate", unit=False)
    ax.set_title(title or (f"各{_label('segment')}的{name}" if by is not None else name))
    ax.set_xlabel(_label("month"))
    ax.set_ylabel(f"{name}（%）")
    ax.set_ylim(bottom=0)
    if by is not None:
        ax.legend(title=_label(by) if by == "segment" else str(by), loc="upper left",
                  bbox_to_anchor=(1.0, 1.0))
    _caption(fig, source)
    return fig


def plot_survival(curves: pd.DataFrame, medians: pd.DataFrame | None = None, *,
                  bands: bool = True, title: str | None = None,
                  source: str | None = "模拟数据"):
    """Survival curves by segment, with their 95% bands, from :func:`survival_by_segment` (生存曲线).

    Parameters
    ----------
    curves : DataFrame
        ``curves`` returned by :func:`survival_by_segment`: ``segment,
        tenure_months, survival`` and, for the bands, ``ci_lower, ci_upper``.
    medians : DataFrame, optional
        ``medians`` returned by it; finite medians are added to the legend.
    bands : bool
        Shade each segment's 95% pointwise interval (default True; needs
        ``ci_lower`` and ``ci_upper``).
    title, source : str
        Title and caption (``source=None`` for no caption).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import survival_by_segment
    >>> subs = pd.DataFrame({"segment": ["A"] * 5, "join_month": [0] * 5,
    ...                      "churn_month": [1, None, 3, 4, None]})
    >>> curves, medians = survival_by_segment(subs, end=5)
    >>> fig = plot_survival(curves, medians)
    >>> len(fig.axes[0].collections) > 0        # the shaded bands
    True
    """
    from ..plotting import new_figure

    draw_bands = check_bool(bands, "bands", zh="置信带")
    cols = ["segment", "tenure_months", "survival"] + (["ci_lower", "ci_upper"]
                                                       if draw_bands else [])
    flat_frame(curves, "curves", cols, zh="生存曲线表")
    tenure = _numbers(curves, "tenure_months", "curves", "生存曲线表")
    surv = _numbers(curves, "survival", "curves", "生存曲线表", low=0, high=1)
    if draw_bands:
        lower = _numbers(curves, "ci_lower", "curves", "生存曲线表", low=0, high=1)
        upper = _numbers(curves, "ci_upper", "curves", "生存曲线表", low=0, high=1)
    med = {}
    if medians is not None:
        flat_frame(medians, "medians", ["segment", "median_lifetime_months"], zh="中位在网月数表")
        try:
            values = _floats(medians["median_lifetime_months"],
                             "medians['median_lifetime_months']", "中位在网月数表",
                             real=("numbers (months)", "数值（月）"))
        except CRMLabError:
            raise
        except (TypeError, ValueError):
            raise fail("medians", "non-numeric medians", "numbers (months)", "数值（月）",
                       zh="中位在网月数表", kind=InputTypeError) from None
        med = dict(zip(medians["segment"], values))
    title = _title(title, "title")
    fig, ax = new_figure()
    seg = curves["segment"].to_numpy()
    for g in pd.unique(seg):
        m = seg == g
        label = str(g)
        if g in med and math.isfinite(med[g]):
            label += f"（中位 {med[g]:.0f} 个月）"
        whole = g == ALL
        (line,) = ax.step(tenure[m], surv[m], where="post", label=label,
                          linestyle="--" if whole else "-", color="0.3" if whole else None)
        if draw_bands:
            ax.fill_between(tenure[m], lower[m], upper[m], step="post", alpha=0.18,
                            color=line.get_color(), linewidth=0)
    ax.axhline(0.5, color="0.6", linewidth=0.8, linestyle=":")
    ax.set_ylim(0, 1.02)
    ax.set_title(title or f"各{_label('segment')}的在网生存曲线（Kaplan–Meier）")
    ax.set_xlabel(_label("tenure_months"))
    ax.set_ylabel(_label("survival"))
    legend_title = _label("segment") + ("（阴影：95% 置信区间）" if draw_bands else "")
    ax.legend(title=legend_title, loc="upper right", fontsize=9)
    _caption(fig, source)
    return fig


def plot_causes(by_cause: pd.DataFrame, *, value: str = "share", title: str | None = None,
                source: str | None = "模拟数据"):
    """Stacked bars of churn causes by segment from :func:`churn_by_cause` (流失原因构成).

    Parameters
    ----------
    by_cause : DataFrame
        Output of :func:`churn_by_cause`.
    value : {"share", "churners"}
        Stack shares of each segment's churners (%) or counts.
    title, source : str
        Title and caption (``source=None`` for no caption).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.churn import churn_by_cause
    >>> subs = pd.DataFrame({"segment": ["高端", "大众"], "join_month": [0, 0],
    ...                      "churn_month": [1, 2], "churn_cause": ["竞争对手挖角", "自然流失"]})
    >>> type(plot_causes(churn_by_cause(subs))).__name__
    'Figure'
    """
    from ..plotting import new_figure

    _choice(value, "value", ("share", "churners"), zh="堆叠数值")
    flat_frame(by_cause, "by_cause", ["segment", "cause", value], zh="流失原因表")
    heights_all = _numbers(by_cause, value, "by_cause", "流失原因表", low=0,
                           high=1 if value == "share" else None)
    if (by_cause.duplicated(["segment", "cause"])).any():
        i = int(np.flatnonzero(by_cause.duplicated(["segment", "cause"]).to_numpy())[0])
        raise fail("by_cause", f"a repeated segment and cause in row {i}",
                   "one row per segment and cause", "每个客户群 × 原因只有一行", zh="流失原因表")
    title = _title(title, "title")
    frame = by_cause.assign(_v=heights_all)
    table = frame.pivot_table(index="segment", columns="cause", values="_v", sort=False,
                              aggfunc="sum")
    fig, ax = new_figure()
    bottom = np.zeros(len(table))
    scale = 100.0 if value == "share" else 1.0
    x = np.arange(len(table))
    for cause in table.columns:
        heights = scale * table[cause].to_numpy(float)
        ax.bar(x, heights, bottom=bottom, label=str(cause))
        bottom += heights
    ax.set_xticks(x, [str(s) for s in table.index])
    ax.set_title(title or f"各{_label('segment')}的{_label('cause')}构成")
    ax.set_xlabel(_label("segment"))
    ax.set_ylabel(f"{_label('share', unit=False)}（%）" if value == "share"
                  else _label("churners"))
    ax.legend(title=_label("cause"), loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _caption(fig, source)
    return fig


def plot_programme(result: Mapping, *, title: str | None = None,
                   source: str | None = "模拟数据", ax=None):
    """Subscribers with and without the programme over time (挽留计划前后的在网用户).

    Parameters
    ----------
    result : mapping
        Output of :func:`retention_programme`.
    title, source : str
        Title (default names the cause and segment) and caption.
    ax : matplotlib Axes, optional
        Draw into these axes (a what-if panel passes its own); by default a
        new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from crmlab.churn import retention_programme
    >>> params = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.01}
    >>> type(plot_programme(retention_programme(params, "诚信问题"))).__name__
    'Figure'
    """
    from ..plotting import figure_and_axes

    if not isinstance(result, Mapping) or not isinstance(result.get("monthly"), pd.DataFrame):
        raise fail("result", type(result).__name__, "the dict returned by retention_programme",
                   "retention_programme 返回的字典", zh="计划结果", kind=InputTypeError)
    missing = [k for k in ("segment", "cause") if k not in result]
    if missing:
        raise fail("result", f"a dict without {', '.join(missing)}",
                   "the dict returned by retention_programme", "retention_programme 返回的字典",
                   zh="计划结果")
    monthly = result["monthly"]
    flat_frame(monthly, "result['monthly']", ["month", "without", "with", "kept"],
                zh="计划逐月结果")
    t = _numbers(monthly, "month", "result['monthly']", "计划逐月结果")
    without = _numbers(monthly, "without", "result['monthly']", "计划逐月结果", low=0,
                       high=math.inf)
    with_ = _numbers(monthly, "with", "result['monthly']", "计划逐月结果", low=0, high=math.inf)
    kept = _numbers(monthly, "kept", "result['monthly']", "计划逐月结果")
    title = _title(title, "title")
    fig, ax = figure_and_axes(ax)
    ax.plot(t, without, label="不实施计划", color="0.45", linestyle="--")
    ax.plot(t, with_, label="实施挽留计划", color="#0072B2")
    ax.fill_between(t, without, with_, alpha=0.25, color="#009E73", label="多留住的用户")
    ax.text(0.02, 0.04, f"到第 {t[-1]:.0f} 个月多留住 {kept[-1]:,.0f} 人", transform=ax.transAxes,
            ha="left", va="bottom", fontsize=10, color="#0072B2")
    ax.set_xlim(0, t[-1])
    ax.set_title(title or f"挽留计划：{result['segment']} · {result['cause']}")
    ax.set_xlabel(_label("month"))
    ax.set_ylabel(_label("subscribers"))
    ax.legend(loc="upper right")
    _caption(fig, source)
    return fig
