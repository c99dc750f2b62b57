"""CRM Lab (客户关系管理实验室): the helper package of the CRM workbook.

Start every notebook with::

    import crmlab; crmlab.setup()

which registers the bundled Chinese font and applies the chart style.  The
topic modules mirror the chapters (``crmlab.value`` for customer value and CLV,
``crmlab.segments`` and ``crmlab.accounts`` for ABC classification and key
accounts, ``crmlab.churn`` for the China Mobile case, …); ``crmlab.datasets``
loads the data sets, ``crmlab.textbook`` holds every figure of the course
documents, ``crmlab.widgets`` builds the what-if panels and
``crmlab.validation`` the error messages.
"""
from .plotting import setup

__version__ = "0.1.0"
__all__ = ["setup", "__version__"]
