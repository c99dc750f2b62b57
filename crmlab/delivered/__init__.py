"""Customer delivered value (客户让渡价值), Chapter 4.

What the chapter computes, and where each piece lives:

* :mod:`crmlab.delivered.model` — the maths only: customer delivered value
  (CDV = total customer value − total customer cost) of competing offers, with
  four values and four costs [001, 004], the ratio form beside the difference
  (本书补充), weights per customer segment ([004]: value differs by customer);
  choice by the highest-CDV rule and by the multinomial logit of McFadden
  (1974), with perception noise for customers who lack information [004]
  (本书补充); the cheapest single lever that overtakes the best rival, and
  Haier's "只打价值战，不打价格战" [001] tested as a price cut against a
  service-value increase of the same cost (本书补充).
* :mod:`crmlab.delivered.charts` — ``plot_*`` functions returning matplotlib
  Figures, labelled from the glossary (``crmlab/glossary/delivered.csv``).
* :mod:`crmlab.delivered.panels` — the two what-if panels of Chapter 4 (our
  offer; price or value) and their thin adapters.
* :mod:`crmlab.delivered.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="delivered")``.

``from crmlab import delivered; delivered.delivered_value(...)`` reaches every
public name of the four modules.

Sources: course documents [001] (第 16 章第二节 客户让渡价值: definition,
meaning, components, ways to raise it; Haier), [004] (感知利得与感知利失;
价值因客户而异; 客户不一定具有判断力与信息; 体力成本); McFadden (1974);
Kotler & Keller, *Marketing Management* (the ratio form).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
