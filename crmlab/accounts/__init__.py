"""Key accounts, customer profitability and composition analysis (大客户与客户盈利分析).

Chapter 5 of the workbook, part 2 (the parts that work on order lines).  The maths
is in :mod:`crmlab.accounts.model`:

* :func:`customer_summary` – sales, cost and profit per customer from order lines.
* :func:`key_account_status`, :func:`key_account_trend`, :func:`monthly_sales`,
  :func:`window_threshold` – the key-account development chart (大客户发展坐标分析)
  [002]; :func:`key_account_whatif` is the model of the KA what-if panel, with the
  seed's rule that 20 or more key accounts (20 个以上) justify a KA department.
* :func:`key_account_scorecard`, :func:`manager_scorecard` – the KA manager's
  measures: share of wallet, annual profit, sales target [002].
* :func:`profitability_matrix`, :func:`profitability_example`, :func:`remedy_whatif`
  – customers × products profit (客户产品赢利分析) [002] and its two remedies.
* :func:`composition_ratios` – gross margin rate, turnover, cross ratio and
  contribution ratio by product (客户构成分析的基本比率) [002]; formulas 本书补充.

Charts (:mod:`~crmlab.accounts.charts`): :func:`plot_key_account_trend`,
:func:`plot_profitability_heatmap`.  Panel (:mod:`~crmlab.accounts.panels`):

:func:`key_account_panel`.  Table (:mod:`~crmlab.accounts.tables`): :func:`remedy_table`.
Student-facing tables go through
:func:`crmlab.display.table` with ``topic="accounts"``.

References
----------
[002] 客户管理实务 第四章 客户分类管理 (seed 002).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = model.__all__ + charts.__all__ + panels.__all__ + tables.__all__
