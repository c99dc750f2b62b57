"""Market-basket analysis: support, confidence, lift and apriori (购物篮分析), case 沃尔玛的啤酒与尿布.

What the case computes, and where each piece lives:

* :mod:`crmlab.basket.model` — the maths only: the boolean basket matrix, item
  support, frequent item sets by a vectorised apriori with its pruning step,
  association rules with support, confidence and lift (sorted by lift), the
  metrics of one rule, time slices of the simulated supermarket and the model of
  the what-if panel.  No dependency on mlxtend (reason in the module docstring);
  tested against its output on random data.
* :mod:`crmlab.basket.tables` — student-facing tables (rules as text "尿布 → 啤酒"),
  ready for ``crmlab.display.table(..., topic="basket")``.
* :mod:`crmlab.basket.charts` — ``plot_*`` functions returning matplotlib Figures,
  labelled from the glossary (``crmlab/glossary/basket.csv``).
* :mod:`crmlab.basket.panels` — the what-if panel "寻找关联规则" (thresholds and
  time slice → top rules by lift, the story's rule highlighted).

``from crmlab import basket; basket.association_rules(...)`` reaches every public
name of the four modules.

Sources: course document [001] (第 16 章 引例：啤酒与尿布的关系, told without
numbers); Agrawal, Imieliński & Swami (1993); Agrawal & Srikant (1994); Tan,
Steinbach & Kumar, *Introduction to Data Mining* (2006), ch. 6; Han, Kamber &
Pei, *Data Mining: Concepts and Techniques* (3rd ed., 2012), ch. 6; on the
story's origin Power (2002), DSS News 3(23).  All of it except the story is
本书补充.  The data are simulated (模拟数据, ``supermarket_baskets``).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
