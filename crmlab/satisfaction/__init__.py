"""Customer satisfaction and loyalty (客户满意与忠诚), Chapter 7.

What the chapter computes, and where each piece lives:

* :mod:`crmlab.satisfaction.model` — the maths only: satisfaction as perceived
  performance − expectation [002]; the four measurement methods of [002] (direct
  rating as Likert summaries, expected vs received as gap scores, problem
  analysis, importance–performance analysis after Martilla & James 1977); a
  0–100 satisfaction index with stated weights; the five indicators [002];
  hidden dissatisfaction from complaints ([002] 70%, [001] 96%) and what
  complaint handling keeps (CLV from :mod:`crmlab.value`); margin of error and
  sample size with the finite-population correction (Cochran 1977) for the
  customer research of [002 第三章]; loyalty by satisfaction level, zones,
  apostles and terrorists and the product × service loyalty matrix [003]
  (Jones & Sasser 1995).
* :mod:`crmlab.satisfaction.charts` — ``plot_*`` functions returning matplotlib
  Figures, labelled from the glossary (``crmlab/glossary/satisfaction.csv``).
* :mod:`crmlab.satisfaction.panels` — the two what-if panels of Chapter 7 (IPA;
  complaints) and their thin adapters.
* :mod:`crmlab.satisfaction.tables` — student-facing tables, ready for
  ``crmlab.display.table(..., topic="satisfaction")``.

``from crmlab import satisfaction; satisfaction.ipa(...)`` reaches every public
name of the four modules.

Sources: course documents [002] (第六章 客户满意管理; 第三章 客户调查), [003]
(忠诚/满意模型, 客户忠诚度矩阵, 品牌忠诚度客户测量标准), [001] (小资料16-1);
Martilla & James (1977); Cochran (1977); Israel (1992); Jones & Sasser (1995);
Fornell et al. (1996).
"""
from . import charts, model, panels, tables
from .charts import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .panels import *  # noqa: F401,F403
from .tables import *  # noqa: F401,F403

__all__ = [*model.__all__, *charts.__all__, *panels.__all__, *tables.__all__]
