"""Customer value and customer lifetime value (客户的价值与客户终生价值), Chapter 1.

What the chapter computes, and where each piece lives:

* :mod:`crmlab.value.model` — the maths, and nothing else: the course's simple
  CLV (10 × 100 − 80 = 920) [000]; CLV with retention (留存率) and discounting
  (折现率) after Gupta & Lehmann (2003, 2005) and Fader & Hardie (2012) (本书补充);
  the customer asset model (客户资产模型) [004]; small expected-value models of
  word of mouth, information and crowd-pulling value [000, 003] (本书补充); the
  "customer value laws" (客户价值定律) about keeping versus winning customers
  [001, 003]; the models behind the what-if panels.
* :mod:`crmlab.value.charts` — ``plot_*`` functions returning matplotlib Figures,
  labelled from the glossary (``crmlab/glossary/value.csv``).
* :mod:`crmlab.value.panels` — the what-if panels of the start page and of
  Chapter 1, and their thin adapters.
* :mod:`crmlab.value.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="value")``.

``from crmlab import value; value.clv(...)`` reaches every public name of the
four modules.

Sources: course documents [000] (客户的价值, 客户终生价值), [001] (小资料 16-1),
[003] (8 and 22 people, 20 % → 120 %), [004] (客户资产模型); Gupta & Lehmann
(2003, 2005); Fader & Hardie (2012); Reichheld & Sasser (1990).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
