"""Customer states and the customer flow model (客户的状态与客户流转模式), Chapter 2.

What the chapter computes, and where each piece lives:

* :mod:`crmlab.states.model` — the maths, and nothing else: the chapter's
  states in order [000]; a transition matrix estimated from a panel of
  customers' states; the projected state mix; the value of a customer in each
  state V = [I − P/(1+d)]⁻¹ R (Pfeifer & Carraway 2000, 本书补充); absorption
  times and probabilities N = (I − Q)⁻¹ (Kemeny & Snell 1960, 本书补充); the
  contacts per sale 1/p implied by the selling success rates 6 % / 15 % / 50 %
  [000]; MAN qualification [000] and hot / warm / cold prospects [002]; the
  models behind the what-if panels.
* :mod:`crmlab.states.charts` — ``plot_*`` functions returning matplotlib
  Figures (the state diagram, the state mix over time, contacts per sale),
  labelled from the glossary (``crmlab/glossary/states.csv``).
* :mod:`crmlab.states.panels` — the two what-if panels of Chapter 2 (the flow;
  where to spend selling effort) and their thin adapters.
* :mod:`crmlab.states.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="states")``.

``from crmlab import states; states.state_values(...)`` reaches every public
name of the four modules.

Sources: course documents [000] (第二章 客户的认识: 客户的状态, 客户流转模式, 推销成功率,
MAN 原则, 对各种状态客户的管理), [001] and [002] (客户的分类; 第二章 客户的选择、识别与寻找;
热客、暖客、冷客); Pfeifer & Carraway (2000); Berger & Nasr (1998); Kemeny & Snell
(1960); Grinstead & Snell (1997).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
