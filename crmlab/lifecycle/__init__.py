"""The customer relationship lifecycle (客户关系生命周期), Chapter 3.

What the chapter computes, and where each piece lives:

* :mod:`crmlab.lifecycle.model` — the maths, and nothing else: the five
  cost-based stages [000], the four-stage model and its four patterns A–D
  [004], the five development stages [003]; stage profit curves and each
  pattern's cumulative and discounted value and break-even period (本书补充);
  the stage of a customer from share of wallet and volume trend [004]; CLV
  against the length of the lifecycle through :mod:`crmlab.value` [000]; the
  shifted-beta-geometric retention model (Fader & Hardie 2007, 本书补充).
* :mod:`crmlab.lifecycle.charts` — ``plot_*`` functions returning matplotlib
  Figures, labelled from the glossary (``crmlab/glossary/lifecycle.csv``).
* :mod:`crmlab.lifecycle.panels` — the two what-if panels of Chapter 3 (the
  four patterns; the retention projection).
* :mod:`crmlab.lifecycle.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="lifecycle")``.

``from crmlab import lifecycle; lifecycle.pattern_values(...)`` reaches every
public name of the three modules.

Sources: course documents [000] (客户关系生命周期: 培育期、成长期、回报期、挽留期、终止期;
客户终生价值随生命周期延长而加大), [004] (客户生命周期阶段: 考察期、形成期、稳定期、退化期;
四种模式 A–D), [003] (客户关系的五个发展阶段; 终身客户管理); Fader & Hardie (2007, 2010).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
