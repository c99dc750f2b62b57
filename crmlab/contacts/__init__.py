"""The Huawei "151 program" case: one team, five means, one database (华为“一五一工程”案例).

Seed ``[001]`` (案例与教学) sums up Huawei's customer relationship management as the
"151 工程": 一支队伍 (one team), 五种手段 (five means: 参观公司 company visits,
参观样板点 model-site visits, 现场会 on-site meetings, 技术交流 technical exchanges,
管理和经营研究 management and business research) and 一个资料库 (one database);
marketing runs on two lines, the product line (产品线) and the customer line
(客户线); and the program was institutionalised as company culture.  Seed
``[002]`` 第三章 (客户信息的管理) gives the customer profile card (客户资料卡) and the
design of a customer database.

This package computes the case on a simulated vendor's 30 operator accounts
(:func:`crmlab.datasets.load_operator_contacts`, 模拟数据, not Huawei's numbers):

* :mod:`crmlab.contacts.model` — the maths: relationship map and coverage
  score, the budget plan (integer programme with :func:`scipy.optimize.milp`
  against a greedy rule), the SQLite database and its eight design queries, and
  the record linkage of the two lines' contact lists.
* :mod:`crmlab.contacts.tables` — student-facing tables (profile card, schema,
  plan), shown with :func:`crmlab.display.table` (``topic="contacts"``).
* :mod:`crmlab.contacts.charts` — the ``plot_*`` functions.
* :mod:`crmlab.contacts.panels` — the two what-if panels.

Everything is re-exported here: ``from crmlab import contacts; contacts.coverage_scores(d)``.
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
