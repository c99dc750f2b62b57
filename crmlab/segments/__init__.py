"""Customer segmentation: ABC classes, tiers, concentration and RFM (客户分类).

Chapter 5 of the workbook, part 1.  The maths is in :mod:`crmlab.segments.model`:

* :func:`abc_classify` – the ABC method (ABC 分类法) [001]: rank customers by
  annual sales, accumulate, cut the cumulative share of sales into classes;
  :func:`abc_whatif` is the model of the ABC what-if panel.
* :func:`management_tiers`, :func:`sales_growth`, :func:`tier_summary` – the four
  management tiers 顶尖/主要/普通/小客户 by sales, then development potential [002]
  (the 1/4/15/80 shares are Curry's pyramid, 本书补充).
* :func:`value_tiers`, :func:`value_tier_summary` – 重点 / 巩固·维持 / 退出 tiers by
  share of customers [003].
* :func:`pareto_table`, :func:`top_share`, :func:`lorenz_curve`, :func:`gini` –
  concentration (80/20, 帕累托, 洛伦兹曲线, 基尼系数).
* :func:`whale_curve` – cumulative profit of customers sorted by profit; the
  seed's "20% of customers make 120% of profit" [003].
* :func:`rfm_table`, :func:`rfm_score`, :func:`rfm_segment`, :func:`segment_mix` –
  RFM(D) analysis (近度、频度、额度；D = 客户属性) [003], classic or in the
  repeat-purchase form of ``lifetimes`` / PyMC-Marketing.
* :func:`customer_lists`, :func:`customer_list_summary` – 红名单 / 警示名单 / 黑名单
  [003] from the RFM segment *and* profit (rule 本书补充): loss-makers with a high
  M score are on a watch list, not left to the RFM action "专人维护，优先资源".

Charts (:mod:`~crmlab.segments.charts`): :func:`plot_pareto`, :func:`plot_lorenz`,
:func:`plot_whale`.  Panel (:mod:`~crmlab.segments.panels`): :func:`abc_panel`.
Strategy tables (:mod:`~crmlab.segments.tables`): :data:`MANAGEMENT_ACTIONS`,
:data:`TIER_ACTIONS`, :data:`CUSTOMER_LIST_RULES`, :func:`customer_list_table`.
Student-facing tables go through :func:`crmlab.display.table`
with ``topic="segments"`` (glossary ``crmlab/glossary/segments.csv``).

References
----------
[001] 市场营销实务 第十六章 客户价值管理 (seed 001): ABC 分类法.
[002] 客户管理实务 第四章 客户分类管理 (seed 002): 顶尖/主要/普通/小客户.
[003] 客户关系管理 培训讲义 (seed 003): 价值分层、20% 的客户创造了 120% 的利润、RFMD.
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = model.__all__ + charts.__all__ + panels.__all__ + tables.__all__
