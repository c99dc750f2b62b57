"""Customer credit management (客户信用管理), Chapter 6.

What the chapter computes, and where each piece lives:

* :mod:`crmlab.credit.model` — the maths only: DSO (average-sales and
  count-back methods), receivables ageing, collection and bad-debt rates from a
  ledger; the cost of forgoing a cash discount; the marginal-profit method
  (边际收益法) and the net-cash-flow method (净现金流量法) for a change of credit
  terms [002 names both]; the scoring method with the seed's 70–80 rule
  [002 第二章]; grades A/B/C/D from the seed's three criteria [002 第五章]; four
  formula credit-limit methods of the six the seed names; financial ratios by
  the seed's four groups [002 第三章]; Liu Bo's cash-only case [002 第一章].
* :mod:`crmlab.credit.charts` — ``plot_*`` functions returning matplotlib
  Figures, labelled from the glossary (``crmlab/glossary/credit.csv``).
* :mod:`crmlab.credit.panels` — the two what-if panels of Chapter 6 (credit
  terms; scoring weights) and their thin adapters.
* :mod:`crmlab.credit.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="credit")``.

``from crmlab import credit; credit.dso(...)`` reaches every public name.

Sources: course document [002] (第五章 客户信用管理与追债实务; 第二章 6C and the
evaluation table; 第三章 ratio analysis; 第一章 Liu Bo's case); formulas from
financial-management texts (本书补充): Brigham & Houston, *Fundamentals of
Financial Management*; 中国注册会计师协会《财务成本管理》; 荆新、王化成、刘俊彦
《财务管理学》; Kim & Atkins (1978).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
