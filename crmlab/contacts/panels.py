"""The two what-if panels of the Huawei "151" case (案例的两个情景分析面板).

1. :func:`plan_panel` — budget and role weights → the optimal plan (integer
   programme) beside the greedy rule; chart: account × role coverage.
2. :func:`merge_panel` — matching strictness → duplicates found and false
   matches against the labelled truth; chart: matches by strictness.

The models are :func:`plan_panel_model` (→ :func:`~crmlab.contacts.model.compare_plans`)
and :func:`merge_panel_model` (one row of :func:`~crmlab.contacts.model.match_quality`),
tested on their own; this module only binds them to sliders.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import display
from ..validation import check_int, check_number, described, fail
from .charts import plot_coverage_matrix, plot_match_quality
from .model import compare_plans, conflicting_visits, match_quality, planning_inputs

__all__ = ["PANEL_BUDGET_MAX", "plan_panel_model", "plan_panel", "merge_panel_model",
           "merge_panel"]

#: Largest budget on the plan panel's slider (万元 per quarter).
PANEL_BUDGET_MAX = 100.0

_TOPIC = "contacts"


def _row(key: str, *, detail: bool = False, label: str | None = None):
    from ..widgets import Result

    row = display.entry(key, topic=_TOPIC)
    spec = row["fmt"].removeprefix("{:").removesuffix("}") or ",.2f"
    return Result(key, label or row["label"], fmt=spec, unit=row["unit"], detail=detail)


def _name(key: str) -> str:
    """A control's label from the glossary (without its unit)."""
    return display.label(key, topic=_TOPIC, unit=False)


def _kept_axes():
    """``axes(fig)``: one axes kept between a panel's redraws and put back on the figure
    the panel has just cleared (the coverage matrix's 30 tick labels, and the match
    chart's, are costly to rebuild on every redraw)."""
    kept = {}

    def axes(fig):
        ax = kept.get("ax")
        if ax is None or ax.figure is not fig:
            ax = kept["ax"] = fig.add_subplot()
        else:
            fig.add_axes(ax)
        return ax

    return axes


def _bundled(data):
    if data is None:
        from .. import datasets
        return datasets.load_operator_contacts()
    return data


def plan_panel_model(data, budget: float = 50.0, w_decision: float = 0.40,
                     w_influence: float = 0.25, w_use: float = 0.15,
                     w_technical: float = 0.20) -> dict:
    """The plan panel's view of :func:`~crmlab.contacts.model.compare_plans`.

    ``data`` is :func:`~crmlab.contacts.model.planning_inputs` of the case's
    data (measured once by the panel) or the data themselves.  Adds ``milp_matrix`` and ``greedy_matrix`` for the chart and
    ``gap_points`` (the gap in percentage points).

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import planning_inputs
    >>> p = planning_inputs(datasets.load_operator_contacts())
    >>> r = plan_panel_model(p, 50)
    >>> r["milp_coverage"] >= r["greedy_coverage"] >= r["coverage_before"]
    True
    """
    r = compare_plans(data, budget, w_decision, w_influence, w_use, w_technical)
    r["milp_matrix"], r["greedy_matrix"] = r["milp"]["matrix"], r["greedy"]["matrix"]
    r["gap_points"] = r["gap"] * 100
    r["accounts_improved"] = r["milp"]["accounts_improved"]
    return r


def plan_panel(data=None, budget: float = 50.0, w_decision: float = 0.40,
               w_influence: float = 0.25, w_use: float = 0.15, w_technical: float = 0.20):
    """What-if panel: a quarter's relationship budget and the role weights (关系活动预算面板).

    Five sliders (budget 0–100 万元, the four role weights 0–1) drive
    :func:`plan_panel_model`.  Shown at once: value-weighted coverage before,
    after the optimal plan and after the greedy rule, the gap, and what each
    spends; the number of activities, accounts improved and the solver's time are
    under "更多结果".  The chart is :func:`plot_coverage_matrix` of the optimal
    plan, with ○ / × where the greedy rule differs.

    Parameters
    ----------
    data : mapping, optional
        The case's tables; default the bundled simulated data (模拟数据).
    budget, w_decision, w_influence, w_use, w_technical : float
        Starting values (budget 0–100 万元, weights 0–1).

    Returns
    -------
    crmlab.widgets.WhatIfPanel
    """
    from ..widgets import Slider, WhatIfPanel

    b = check_number(budget, "budget", zh="预算（万元）", low=0, high=PANEL_BUDGET_MAX)
    weights = {k: check_number(v, k, zh=z, low=0, high=1) for k, v, z in (
        ("w_decision", w_decision, "决策角色权重"), ("w_influence", w_influence, "影响角色权重"),
        ("w_use", w_use, "使用角色权重"), ("w_technical", w_technical, "技术角色权重"))}
    inputs = planning_inputs(_bundled(data))
    plan_panel_model(inputs, b, **weights)   # refuse impossible starting values now

    axes = _kept_axes()

    def plot(fig, result, params):
        plot_coverage_matrix(result["milp_matrix"], ax=axes(fig), other=result["greedy_matrix"])

    sliders = [Slider("budget", _name("budget"), 0, PANEL_BUDGET_MAX, 1, b, unit="万元", fmt=".0f")]
    sliders += [Slider(k, _name(k), 0, 1, 0.05, v, fmt=".2f") for k, v in weights.items()]
    return WhatIfPanel(
        lambda **kw: plan_panel_model(inputs, **kw),
        controls=sliders,
        results=[
            _row("coverage_before"),
            _row("milp_coverage"),
            _row("greedy_coverage"),
            _row("gap_points"),
            _row("milp_spent"),
            _row("greedy_spent"),
            _row("milp_activities", detail=True),
            _row("greedy_activities", detail=True),
            _row("accounts_improved", detail=True),
            _row("solve_ms", detail=True),
        ],
        plot=plot,
        title="关系活动预算情景分析（模拟数据）：整数规划最优计划 vs 贪心规则",
        figsize=(7.2, 3.0),
    )


def merge_panel_model(quality, conflicts, strictness: int = 2, days: int = 14) -> dict:
    """The merge panel's view: one row of :func:`~crmlab.contacts.model.match_quality`.

    ``quality`` is ``match_quality(data)`` and ``conflicts`` is
    ``conflicting_visits(data, 60)``, both measured once; this picks the row of
    ``strictness`` and counts the conflicts at most ``days`` apart, so it equals
    :func:`~crmlab.contacts.model.merge_effects` (tested) without recomputing.

    Examples
    --------
    >>> from crmlab import datasets
    >>> from crmlab.contacts.model import conflicting_visits, match_quality
    >>> d = datasets.load_operator_contacts()
    >>> r = merge_panel_model(match_quality(d), conflicting_visits(d, 60), 5)
    >>> r["false_matches"], r["strictness"]
    (0, 5)
    """
    from ..validation import check_frame

    s = check_int(strictness, "strictness", zh="匹配严格程度", low=1, high=5)
    d = check_int(days, "days", zh="间隔天数", low=0, high=60)
    cols = ["strictness", "found", "false_matches", "missed", "precision", "recall",
            "merged_records", "uncovered_product", "uncovered_customer", "uncovered_both"]
    check_frame(quality, "quality", cols, zh="匹配质量表")
    check_frame(conflicts, "conflicts", ["days_apart"], zh="撞车拜访表", allow_empty=True)
    row = quality[quality["strictness"] == s]
    if len(row) != 1:
        raise fail("quality", described(f"{len(row)} rows for strictness {s}"),
                   "the output of match_quality() (one row per strictness)",
                   "match_quality() 的结果（每个严格程度一行）", zh="匹配质量表")
    apart = pd.to_numeric(conflicts["days_apart"], errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(apart).all():
        raise fail("conflicts", described("missing or non-numeric days_apart"),
                   "the output of conflicting_visits()", "conflicting_visits() 的结果",
                   zh="撞车拜访表")
    r = row.iloc[0].to_dict()
    out = {k: r[k] for k in cols}
    out["duplicates_found"] = out.pop("found")
    out["strictness"] = s
    out["conflicting_visits"] = int((apart <= d).sum())
    out["quality"] = quality
    return out


def merge_panel(data=None, strictness: int = 2, days: int = 14):
    """What-if panel: how strictly to match the two lines' lists (名单合并面板).

    Two sliders: strictness 1 (loosest) – 5 (strictest), see
    :data:`~crmlab.contacts.model.STRICTNESS`, and the days within which two
    visits to one person by the two lines count as a conflict.  Shown at once:
    duplicates found, false matches, duplicates missed, precision and recall;
    under "更多结果" the merged size, the account × role cells no list covers
    and the conflicting visits.  The chart is :func:`plot_match_quality`.

    Returns
    -------
    crmlab.widgets.WhatIfPanel
    """
    from ..widgets import Slider, WhatIfPanel

    s = check_int(strictness, "strictness", zh="匹配严格程度", low=1, high=5)
    d = check_int(days, "days", zh="间隔天数", low=0, high=60)
    data = _bundled(data)
    quality = match_quality(data)
    conflicts = conflicting_visits(data, 60)

    axes = _kept_axes()

    def plot(fig, result, params):
        plot_match_quality(result["quality"], params["strictness"], ax=axes(fig))

    return WhatIfPanel(
        lambda **kw: merge_panel_model(quality, conflicts, **kw),
        controls=[Slider("strictness", _name("strictness"), 1, 5, 1, s, fmt=".0f", integer=True),
                  Slider("days", _name("days"), 0, 60, 1, d, unit="天", fmt=".0f", integer=True)],
        results=[
            _row("duplicates_found"),
            _row("false_matches"),
            _row("missed"),
            _row("precision"),
            _row("recall"),
            _row("merged_records", detail=True),
            _row("uncovered_product", detail=True),
            _row("uncovered_customer", detail=True),
            _row("uncovered_both", detail=True),
            _row("conflicting_visits", detail=True),
        ],
        plot=plot,
        title="两条线名单合并情景分析（模拟数据）：匹配越松，找到的重复越多，错配也越多",
        figsize=(6.4, 2.9),
    )
