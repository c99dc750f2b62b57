"""Customer churn: rates, survival, causes, value at risk, retention and win-back (客户流失).

The analysis behind the China Mobile churn case (移动客户流失案例, seed
``[000]``) and the lost-customer state of Ch 2 (流失客户).  The functions take a
subscriber table with one row per subscriber, such as
:func:`crmlab.datasets.load_mobile_subscribers` (模拟数据, simulated), and
explicit column names.

Where things are:

* :mod:`crmlab.churn.model` — the maths: rates, cohorts, Kaplan–Meier survival,
  causes, segment CLV, value at risk, complaints, the retention programme
  (挽留, customers still here) and the win-back campaign (挽回, customers gone).
* :mod:`crmlab.churn.tables` — the student-facing tables of the case notebook
  (English column ids; shown with :func:`crmlab.display.table`, ``topic="churn"``).
* :mod:`crmlab.churn.charts` — the ``plot_*`` functions.
* :mod:`crmlab.churn.panels` — the what-if panel of the retention programme.

Everything is re-exported here: ``from crmlab import churn; churn.monthly_churn(...)``.

Conventions (约定), used by every function:

* Time is an integer **month index** (|month| ≤ :data:`MONTH_LIMIT`).
  ``join_month`` is the month a subscriber joined (入网月份); the subscriber is
  first at risk of leaving in the month after.  ``churn_month`` is the month the
  subscriber left (流失月份), missing (NaN / ``<NA>`` / ``None``) while still a
  subscriber.  ``churn_month`` must be later than ``join_month``.
* The observation window (观察期) is months ``start`` … ``end``; ``end=None``
  means the last month that appears in the join and churn columns.  Subscribers
  with ``join_month < start`` were already customers when the window opened.
  What happens after ``end`` is not seen: a subscriber who leaves later counts as
  still there (censored, 删失).
* A subscriber is **active at the start of month t** if ``join_month < t`` and
  not yet gone (``churn_month`` missing or ``>= t``).  The **monthly churn rate**
  (月流失率) of month t is ``churned in t / active at the start of t``; over
  several months it is ``churners / subscriber-months at risk`` (流失人数 /
  在网用户月数), and the **monthly retention rate** (月留存率) is ``r = 1 − rate``.
* Money is CNY (元) per month; the annual discount rate (年折现率) D becomes the
  monthly ``d = (1 + D)^(1/12) − 1``.  Money and month columns hold real numbers:
  text ("50"), booleans, complex numbers, dates and durations are refused, not read.
* Segments are labels of one kind (all text or all numbers).  Tables by segment
  end with the whole base under :data:`ALL` (``"全部"``), so no segment of the data
  may be called 全部.

The churn causes (流失原因) are those the case names; :data:`CAUSES` lists them
with whether the company controls them.
"""
from .charts import *  # noqa: F401,F403
from .charts import __all__ as _charts
from .model import *  # noqa: F401,F403
from .model import __all__ as _model
from .panels import *  # noqa: F401,F403
from .panels import __all__ as _panels
from .tables import *  # noqa: F401,F403
from .tables import __all__ as _tables

__all__ = [*_model, *_tables, *_charts, *_panels]
