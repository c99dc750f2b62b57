"""Charts of the Huawei "151" case (华为“一五一工程”案例的图表).

Each ``plot_*`` takes the output of a model function of
:mod:`crmlab.contacts.model` and returns a :class:`matplotlib.figure.Figure`.
Titles, axis labels and legend entries come from the glossary
(``crmlab/glossary/contacts.csv``) through :mod:`crmlab.display`; every chart
is captioned 模拟数据 (simulated data).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle

from .. import display
from ..plotting import figure_and_axes
from ..validation import InputTypeError, check_frame, check_int, described, fail
from .model import MEANS_TABLE, ROLES

__all__ = ["plot_means_by_role", "plot_relationship_map", "plot_coverage_matrix",
           "plot_match_quality"]

TOPIC = "contacts"
_MEANS_COLOURS = ("#1f5fa8", "#4a8fd6", "#86b8ea", "#e0a13a", "#b2402a")
_CELL_COLOURS = ("#f2d7d0", "#9cc3e6", "#1f5fa8")   # not reached, reached before, by the plan
_LEVEL_COLOURS = ("#f2d7d0", "#d9e7f5", "#86b8ea", "#1f5fa8")   # best relationship level 0–3


def _label(ident, unit=True):
    return display.label(ident, TOPIC, unit=unit)


def _caption(fig):
    if not any(t.get_text() == "模拟数据" for t in fig.texts):
        fig.text(0.995, 0.005, "模拟数据", ha="right", va="bottom", fontsize=7, color="0.45")


#: How the charts of a relationship map name it in an error: argument, Chinese name,
#: what was expected (English, Chinese).
_RMAP = ("rmap", "关系图", "the output of relationship_map()", "relationship_map() 的结果")


def _bad_rmap(what, name="rmap"):
    return fail(name, described(what), _RMAP[2], _RMAP[3], zh=_RMAP[1])


def _floats(frame, columns, name, zh, expected, expected_zh):
    """``frame[columns]`` as floats (NaN kept for the caller's own check), or a clear error."""
    try:
        return frame[list(columns)].to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):            # text, lists … in a numeric column
        raise fail(name, described("columns that are not numbers"),
                   expected, expected_zh, zh=zh, kind=InputTypeError) from None


def _texts(frame, columns, name, zh, expected, expected_zh, allowed=None):
    """Raise unless every value of ``frame[columns]`` is text (and in ``allowed``, if given)."""
    for c in columns:
        if pd.api.types.infer_dtype(frame[c], skipna=False) != "string" or (
                allowed is not None and not frame[c].isin(list(allowed)).all()):
            raise fail(f"{name}[{c!r}]", described("values that are not " + (
                "one of " + ", ".join(allowed) if allowed is not None else "text")),
                expected, expected_zh, zh=zh)


def plot_means_by_role(rmap, ax=None):
    """Chart: 2025 activities that reached each role, stacked by the five means (各角色的接触手段).

    Parameters
    ----------
    rmap : DataFrame
        Output of :func:`~crmlab.contacts.model.relationship_map`.
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import relationship_map
    >>> fig = plot_means_by_role(relationship_map(datasets.load_operator_contacts()))
    >>> len(fig.axes[0].patches)
    20
    """
    means = list(MEANS_TABLE["means"])
    check_frame(rmap, "rmap", ["role", *means], zh="关系图")
    _texts(rmap, ["role"], *_RMAP, allowed=ROLES)
    if not np.isfinite(_floats(rmap, means, *_RMAP)).all():   # a NaN would count as 0
        raise _bad_rmap("missing, negative or infinite activity counts")
    counts = rmap.groupby("role")[means].sum().reindex(list(ROLES))
    values = counts.to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(values).all() or (values < 0).any():
        raise _bad_rmap("missing, negative or infinite activity counts")
    fig, ax = figure_and_axes(ax, figsize=(6.4, 3.0))
    bottom = np.zeros(len(ROLES))
    for j, m in enumerate(means):
        ax.bar(list(ROLES), values[:, j], bottom=bottom, color=_MEANS_COLOURS[j], label=m,
               width=0.6)
        bottom += values[:, j]
    ax.set_xlabel(_label("role"))
    ax.set_ylabel(_label("activities"))
    ax.set_title(display.title(None, "means_by_role_title", TOPIC))
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _caption(fig)
    return fig


def plot_relationship_map(rmap, ax=None):
    """Heatmap: the relationship map of the 30 accounts (大客户关系图).

    Rows are provinces, each operator a block of five columns: the four roles
    (cell colour = best relationship level 0–3 among the role's contacts, the
    number = how many contacts the role has, a dot = no 2025 activity reached
    the role) and the account's 2025 activities (活动, a number on white).

    Parameters
    ----------
    rmap : DataFrame
        Output of :func:`~crmlab.contacts.model.relationship_map`.
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import relationship_map
    >>> fig = plot_relationship_map(relationship_map(datasets.load_operator_contacts()))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
    ['江苏', '浙江']
    """
    means = list(MEANS_TABLE["means"])
    check_frame(rmap, "rmap", ["province", "operator", "role", "contacts", "best_level",
                               "reached", *means], zh="关系图")
    _texts(rmap, ["province", "operator"], *_RMAP)
    _texts(rmap, ["role"], *_RMAP, allowed=ROLES)
    nums = _floats(rmap, ["contacts", "best_level", *means], *_RMAP)
    if not pd.api.types.is_bool_dtype(rmap["reached"]) and not np.isin(
            _floats(rmap, ["reached"], *_RMAP), (0.0, 1.0)).all():
        raise _bad_rmap("values other than True/False", "rmap['reached']")
    people = nums[:, 0]
    known = people > 0
    if (~np.isfinite(nums[:, [0, *range(2, nums.shape[1])]])).any() or (nums[:, 0] < 0).any() \
            or not np.isin(nums[known, 1], (0.0, 1.0, 2.0, 3.0)).all() \
            or not set(rmap["role"]) <= set(ROLES) or rmap.duplicated(
                ["province", "operator", "role"]).any():
        raise _bad_rmap("missing, negative or unknown counts, levels or roles")
    rows = list(dict.fromkeys(rmap["province"]))
    blocks = list(dict.fromkeys(rmap["operator"]))
    width = len(ROLES) + 1
    r = pd.Index(rows).get_indexer(rmap["province"])
    col = pd.Index(blocks).get_indexer(rmap["operator"]) * width + \
        pd.Index(ROLES).get_indexer(rmap["role"])
    level = np.full((len(rows), len(blocks) * width), np.nan)
    level[r, col] = np.where(known, nums[:, 1], np.nan)
    fig, ax = figure_and_axes(ax, figsize=(6.4, 3.2))
    ax.imshow(np.ma.masked_invalid(level), cmap=ListedColormap(_LEVEL_COLOURS), vmin=-0.5,
              vmax=3.5, aspect="auto", interpolation="nearest")
    for y, x, n, hit in zip(r, col, people, rmap["reached"].to_numpy(dtype=bool)):
        # 120 cells of a fixed grid (a chart's annotations, not a loop over data rows)
        ax.text(x, y, f"{n:.0f}" + ("" if hit else "·"), ha="center", va="center", fontsize=7,
                color="white" if level[y, x] == 3 else "black")
    acts = rmap.assign(n=nums[:, 2:].sum(axis=1)).groupby(["province", "operator"])["n"].sum()
    ar = pd.Index(rows).get_indexer(acts.index.get_level_values(0))
    ac = pd.Index(blocks).get_indexer(acts.index.get_level_values(1)) * width + len(ROLES)
    for y, x, n in zip(ar, ac, acts.to_numpy()):
        ax.text(x, y, f"{n:.0f}", ha="center", va="center", fontsize=7, fontweight="bold")
    labels = [r[0] for r in ROLES] + [_label("activities_short", unit=False)]
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.set_xticks(range(len(blocks) * width), labels * len(blocks), fontsize=7)
    for k, name in enumerate(blocks):
        ax.text(k * width + (width - 1) / 2, -0.75, name, ha="center", va="bottom", fontsize=9,
                fontweight="bold")
        if k:
            ax.axvline(k * width - 0.5, color="white", lw=3)
    ax.tick_params(length=0)
    ax.grid(False)
    ax.set_title(display.title(None, "relationship_map_title", TOPIC), fontsize=9, pad=17)
    handles = [Patch(color=c, label=f"{_label('best_level', unit=False)} {k}")
               for k, c in enumerate(_LEVEL_COLOURS)]
    ax.legend(handles=handles, fontsize=7, frameon=False, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    _caption(fig)
    return fig


def plot_coverage_matrix(matrix, ax=None, other=None):
    """Heatmap of the relationship map: province × (operator, role) (覆盖矩阵).

    Each of the 30 accounts is a province (row) and an operator (a block of
    four columns, one per role); a cell is not reached, reached in the 2025
    log, or reached by the plan.

    Parameters
    ----------
    matrix : DataFrame
        ``plan_activities(...)["matrix"]``: indexed by (province, operator), the
        four roles as columns, 0 not reached, 1 reached before, 2 reached by the
        plan.
    ax : matplotlib.axes.Axes, optional
        An axes this function drew on before is updated in place (what a what-if
        panel does on every redraw).
    other : DataFrame, optional
        The matrix of a second plan (the greedy rule): cells it reaches and
        ``matrix`` does not are marked ``×``, cells ``matrix`` reaches and it
        does not are marked ``○``.

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import plan_activities
    >>> d = datasets.load_operator_contacts()
    >>> best, rule = plan_activities(d, 50), plan_activities(d, 50, method="greedy")
    >>> fig = plot_coverage_matrix(best["matrix"], other=rule["matrix"])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:3]
    ['江苏', '浙江', '广东']
    """
    grid, rows, blocks = _grid(matrix, "matrix")
    o = None if other is None else _grid(other, "other")
    if o is not None and (o[1] != rows or o[2] != blocks):
        raise fail("other", described("a matrix of other accounts"),
                   "a matrix of the same accounts as matrix", "与 matrix 相同客户的覆盖矩阵",
                   zh="对比计划的覆盖矩阵")
    drawn = getattr(ax, "_crmlab_coverage", None)
    if drawn is not None and drawn["layout"] == (rows, blocks):
        # the same axes again (a what-if panel redraw): new colours and marks only
        fig = ax.figure
        drawn["image"].set_data(grid)
        for t in drawn["marks"]:
            t.remove()
    else:
        fig, ax = figure_and_axes(ax, figsize=(6.4, 3.0))
        image = ax.imshow(grid, cmap=ListedColormap(_CELL_COLOURS), vmin=0, vmax=2,
                          aspect="auto", interpolation="nearest")
        n_roles = len(ROLES)
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        ax.set_xticks(range(len(blocks) * n_roles), [r[0] for r in ROLES] * len(blocks),
                      fontsize=8)
        for k, name in enumerate(blocks):
            ax.text(k * n_roles + (n_roles - 1) / 2, -0.75, name, ha="center", va="bottom",
                    fontsize=9, fontweight="bold")
            if k:
                ax.axvline(k * n_roles - 0.5, color="white", lw=3)
        ax.tick_params(length=0)
        ax.set_title(display.title(None, "coverage_matrix_title", TOPIC), fontsize=9, pad=17)
        handles = [Patch(color=c, label=_label(k)) for c, k in
                   zip(_CELL_COLOURS, ("cell_not_reached", "cell_reached_before",
                                       "cell_reached_plan"))]
        ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0))
        ax.grid(False)
        if fig.get_layout_engine() is None:   # a what-if panel's figure: leave room for the legend
            fig.subplots_adjust(left=0.07, right=0.80, top=0.78, bottom=0.1)
        drawn = ax._crmlab_coverage = {"layout": (rows, blocks), "image": image}
    _caption(fig)
    marks = []
    if o is not None:
        for cells, mark in (((grid == 2) & (o[0] == 0), "○"), ((o[0] == 2) & (grid == 0), "×")):
            y, x = np.nonzero(cells)
            marks += [ax.text(a, b, mark, ha="center", va="center", fontsize=9, color="black")
                      for a, b in zip(x, y)]   # a handful of marked cells
    drawn["marks"] = marks
    return fig


def _grid(matrix, name):
    """Cells as a province × (operator, role) array, with the row and block names."""
    if not isinstance(matrix, pd.DataFrame):
        raise fail(name, described(type(matrix).__name__), "plan_activities(...)['matrix']",
                   "plan_activities(...)['matrix'] 的结果", zh="覆盖矩阵", kind=InputTypeError)
    if [str(c) for c in matrix.columns] != list(ROLES) or matrix.empty \
            or matrix.index.nlevels != 2 or matrix.index.has_duplicates:
        raise fail(name, described(f"a table with columns {list(map(str, matrix.columns))} "
                                   f"and {matrix.index.nlevels} index level(s)"),
                   f"plan_activities(...)['matrix']: columns {list(ROLES)}, index (province, "
                   "operator)", f"列为 {'、'.join(ROLES)}、行为（省份, 运营商）的覆盖矩阵",
                   zh="覆盖矩阵")
    values = _floats(matrix, list(matrix.columns), name, "覆盖矩阵", "cells 0, 1 or 2",
                     "取值为 0、1、2 的单元格")
    if not np.isin(values, (0.0, 1.0, 2.0)).all():
        raise fail(name, described("cells other than 0, 1, 2"), "cells 0, 1 or 2",
                   "取值为 0、1、2 的单元格", zh="覆盖矩阵")
    rows = list(dict.fromkeys(matrix.index.get_level_values(0)))
    blocks = list(dict.fromkeys(matrix.index.get_level_values(1)))
    r = pd.Index(rows).get_indexer(matrix.index.get_level_values(0))
    b = pd.Index(blocks).get_indexer(matrix.index.get_level_values(1))
    grid = np.zeros((len(rows), len(blocks) * len(ROLES)))   # a missing account shows not reached
    cols = b[:, None] * len(ROLES) + np.arange(len(ROLES))[None, :]
    grid[np.repeat(r, len(ROLES)), cols.ravel()] = values.ravel()
    return grid, rows, blocks


def plot_match_quality(quality, strictness=None, ax=None):
    """Bars: true and false matches at each strictness (匹配严格程度与匹配质量).

    Parameters
    ----------
    quality : DataFrame
        Output of :func:`~crmlab.contacts.model.match_quality`.
    strictness : int, optional
        The level to outline (1–5).
    ax : matplotlib.axes.Axes, optional

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import match_quality
    >>> fig = plot_match_quality(match_quality(datasets.load_operator_contacts()), 2)
    >>> fig.axes[0].get_xlabel()
    '匹配严格程度'
    """
    check_frame(quality, "quality", ["strictness", "found", "false_matches", "missed"],
                zh="匹配质量表")
    vals = _floats(quality, ["strictness", "found", "false_matches", "missed"], "quality",
                   "匹配质量表", "the output of match_quality()", "match_quality() 的结果")
    if not np.isfinite(vals).all() or (vals < 0).any():
        raise fail("quality", described("missing or negative counts"),
                   "the output of match_quality()", "match_quality() 的结果", zh="匹配质量表")
    s = None if strictness is None else check_int(strictness, "strictness", zh="匹配严格程度",
                                                   low=1, high=5)
    drawn = getattr(ax, "_crmlab_quality", None)
    if drawn is not None and np.array_equal(drawn["values"], vals):
        # the same axes and numbers again (a what-if panel redraw): move the outline only
        drawn["box"].set_visible(s is not None and s in vals[:, 0])
        if s is not None:
            drawn["box"].set_x(s - 0.48)
        return ax.figure
    fig, ax = figure_and_axes(ax, figsize=(6.4, 2.9))
    x = vals[:, 0]
    ax.bar(x - 0.27, vals[:, 1], 0.27, color="#1f5fa8", label=_label("found", unit=False))
    ax.bar(x, vals[:, 2], 0.27, color="#b2402a", label=_label("false_matches", unit=False))
    ax.bar(x + 0.27, vals[:, 3], 0.27, color="#c9c9c9", label=_label("missed", unit=False))
    top = vals[:, 1:].max()
    box = ax.add_patch(Rectangle((0.52 if s is None else s - 0.48, 0), 0.96, top * 1.06 + 1,
                                 fill=False, lw=1.5, ls="--", color="0.2"))
    box.set_visible(s is not None and s in x)
    ax._crmlab_quality = {"values": vals, "box": box}
    ax.set_xticks(x, [f"{int(v)}" for v in x])
    ax.set_xlabel(_label("strictness"))
    ax.set_ylabel(_label("record_pairs"))
    ax.set_title(display.title(None, "match_quality_title", TOPIC), fontsize=10)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if fig.get_layout_engine() is None:   # a what-if panel's figure: leave room for the legend
        fig.subplots_adjust(left=0.09, right=0.74, top=0.88, bottom=0.17)
    _caption(fig)
    return fig
