"""Case: Vanke's owner referrals (案例：万科的老业主推荐).

What the case computes, and where each piece lives:

* :mod:`crmlab.referrals.model` — the maths only: buyers' shares by channel in a
  sales ledger and the three rates of a 万客会 member survey [000]; the referral
  funnel beside advertising; an owner's value in the four parts of the customer
  asset model [004], reusing :func:`crmlab.value.referral_value` and
  :func:`crmlab.value.clv_components`; repeat purchases from a stated intention;
  a reward per successful referral — extra buyers, cost per extra buyer against
  advertising, net value, break-even reward (本书补充, after Biyalogorsky,
  Gerstner & Libai 2001 and Schmitt, Skiera & Van den Bulte 2011).
* :mod:`crmlab.referrals.charts` — ``plot_*`` functions returning matplotlib
  Figures, labelled from the glossary (``crmlab/glossary/referrals.csv``).
* :mod:`crmlab.referrals.panels` — the case's what-if panel (a referral reward)
  and its thin adapter.
* :mod:`crmlab.referrals.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="referrals")``.

``from crmlab import referrals; referrals.referral_funnel(...)`` reaches every
public name of the four modules.

Sources: course document [000] (服务成万科营销利器: owners come back at
openings; 30–50% of buyers in five cities referred by owners; over 40% at
金色家园 and 四季花城; referral close rates up to 50% at some projects; the
万客会 survey's 65.3%, 56.9% and 48.5%), [004] (the four parts of customer
value).  The data are simulated (模拟数据), not Vanke's.
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
