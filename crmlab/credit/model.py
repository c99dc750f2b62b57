"""The maths of Chapter 6: customer credit management (客户信用管理).

Pure functions of numbers and DataFrames; nothing is drawn, labelled or
formatted.  Money is in 元, time in days, rates as fractions (0.02 = 2%).

What the seed says and what this book adds:

* Goals [002 第五章第一节]: cut bad-debt losses (减少坏账损失) and lower DSO
  (降低 DSO).  The credit standard (信用标准) is stated as an expected DSO and an
  expected bad-debt rate (坏账损失率) [002 第三节].  The seed names the measures
  but gives no formula; the formulas below are the standard ones of financial
  management (本书补充, sources in each docstring).
* Credit terms (信用条件) = credit period (信用期限) + cash discount (现金折扣)
  [002].  The cost of forgoing a cash discount, the average collection period of
  a mix of payers and the marginal-profit method (边际收益法) follow Chinese
  and US financial-management texts (本书补充); the seed only names the
  marginal-profit and net-cash-flow (净现金流量法) methods.
* Grades A/B/C/D by collection rate (回款率), ability to pay (支付能力) and whether
  the customer also sells competing brands (经营同业竞争品牌) [002]: the seed
  gives the three criteria and the four grades but not the thresholds; the
  thresholds of :func:`credit_grade` are this book's (本书补充).
* The scoring method (评分法) and the preliminary evaluation rule [002 第二章]:
  prefer totals of 70–80; below 70 too weak, above 85 too strong to manage.
  The seed says nothing about 80–85: :func:`credit_score` reports those as
  "not classified" (教材未归类).
* Credit-limit methods [002 本章小结]: six are named; four have a formula here
  (本书补充): share of net working capital, share of liquidation value,
  sales-based, current ratio.  Risk–return parity and composite judgement are
  discussed in the notebook.
* Financial ratio groups [002 第三章]: liquidity, activity, leverage,
  profitability; the ratios are the textbook ones (Brigham & Houston).

Year convention: ``year_days=360`` by default (the convention of Chinese
financial-management texts, and of the 36.73% answer for 2/10, n/30); pass
365 to follow Brigham & Houston.
"""
from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..validation import (InputTypeError, check_array, check_bool, check_choice, check_column,
                          check_finite_result, check_frame, check_number, described, fail)

__all__ = [
    "SIX_C", "GRADES", "LIU_BO", "SCORE_BANDS", "CRITERIA", "LIMIT_METHODS", "RATIO_GROUPS", "POLICY_KEYS",
    "dso", "countback_dso", "outstanding", "ageing", "ledger_dso", "customer_credit_profile",
    "collection_rate", "bad_debt_rate", "profile_by_class", "ledger_baseline",
    "cost_of_forgoing_discount", "average_collection_period", "credit_policy", "credit_policy_change",
    "net_cash_flow", "credit_terms_whatif", "liu_bo_terms", "liu_bo_scan",
    "credit_score", "score_band", "credit_grade", "credit_limit", "credit_limits", "financial_ratios",
]

#: The 6C of customer identification [002 第二章第二节]: 品德, 能力, 资本, 抵押物品, 经济状况, 连续性.
SIX_C = ("character", "capacity", "capital", "collateral", "condition", "continuity")
#: The four credit grades [002 第五章]: A best … D worst.
GRADES = ("A", "B", "C", "D")
#: The preliminary evaluation rule [002 第二章]: (band id, low, high); 80–85 the seed leaves open.
SCORE_BANDS = (("too_weak", -np.inf, 70.0), ("preferred", 70.0, 80.0),
               ("unclassified", 80.0, 85.0), ("too_strong", 85.0, np.inf))
#: The evaluation table's criteria [002 第二章]: 财务、业务能力、合作态度、渠道能力.
CRITERIA = ("finance_score", "business_score", "cooperation_score", "channel_score")
#: The six credit-limit methods [002]; the first and the last have no formula.
LIMIT_METHODS = ("risk_return", "working_capital", "liquidation", "sales", "current_ratio",
                 "judgement")
#: Ratio groups [002 第三章]: liquidity, activity, leverage, profitability.
RATIO_GROUPS = {"liquidity": ("current_ratio", "quick_ratio"),
                "activity": ("receivables_turnover", "dso", "inventory_turnover",
                             "asset_turnover"),
                "leverage": ("debt_ratio", "equity_multiplier"),
                "profitability": ("net_margin", "roa", "roe")}
#: What describes one credit policy (see :func:`credit_policy`).
POLICY_KEYS = ("sales", "collection_days", "bad_debt_rate", "collection_cost", "discount",
               "discount_share")

_LEDGER = ("customer_id", "invoice_date", "due_date", "amount", "paid_1_date", "paid_1",
           "paid_2_date", "paid_2", "written_off_date")
_ZH_LEDGER = "应收账款台账"
#: Largest invoice amount or payment accepted (元): sums and day-weighted sums of a
#: ledger stay far from overflow (1e15 元 is more than any firm's receivables).
_MAX_AMOUNT = 1e15


# --------------------------------------------------------------------------- DSO
def dso(receivables, credit_sales, days=360):
    """Days sales outstanding (应收账款周转天数, DSO) = receivables ÷ (credit sales ÷ days).

    Parameters
    ----------
    receivables : float
        Receivables at the end of the period (元, >= 0).
    credit_sales : float
        Credit sales of the period (元, > 0).
    days : float, default 360
        Length of the period in days (360 or 365 for a year; 90 for a quarter).

    Returns
    -------
    float
        Days.

    Notes
    -----
    Brigham & Houston, *Fundamentals of Financial Management*, ch. "Analysis of
    Financial Statements": DSO = receivables ÷ average sales per day; their
    Allied Food Products example (receivables 375, sales 3,000, 365 days) gives
    45.6 days.  This book uses credit sales only (cash sales leave no
    receivable).  Equivalently days ÷ receivables turnover.

    Examples
    --------
    >>> round(dso(375, 3000, days=365), 1)
    45.6
    """
    r = check_number(receivables, "receivables", zh="应收账款余额", low=0)
    s = check_number(credit_sales, "credit_sales", zh="赊销额", low=0, low_open=True)
    d = check_number(days, "days", zh="期间天数", low=1, high=3660)
    return r / (s / d)


def countback_dso(receivables, monthly_sales, month_days=30):
    """DSO by the count-back method (倒推法): how many recent days of sales the receivables equal.

    Starting with the latest month, whole months of credit sales are taken
    from the receivables balance while it lasts, counting ``month_days`` each;
    the rest is a fraction of the next older month.

    Parameters
    ----------
    receivables : float
        Receivables now (元, >= 0).
    monthly_sales : sequence of float
        Credit sales per month, **latest first** (元, >= 0).
    month_days : float, default 30
        Days counted per month.

    Returns
    -------
    float
        Days.  If the balance exceeds every month given, the months run out
        and an error is raised (give more months).

    Notes
    -----
    The count-back method is the credit-management practitioners' alternative
    to the average-sales DSO: it follows the latest sales and so is less
    distorted by seasonal sales.  本书补充 (not in the seeds; the convention of
    30-day months is this book's).

    Examples
    --------
    >>> countback_dso(250, [100, 100, 100])   # two whole months and half of the third
    75.0
    """
    r = check_number(receivables, "receivables", zh="应收账款余额", low=0)
    s = check_array(monthly_sales, "monthly_sales", zh="各月赊销额（最近的在前）", nonnegative=True)
    m = check_number(month_days, "month_days", zh="每月天数", low=1, high=31)
    before = np.concatenate([[0.0], np.cumsum(s)[:-1]])       # sales of the months after month i
    if r > s.sum() * (1 + 1e-9):                               # relative: rounding of sums only
        show = lambda x: f"{x:,.2f}" if x == 0 or x >= 0.01 else f"{x:.3g}"  # noqa: E731
        raise fail("monthly_sales", described(f"{len(s)} months totalling {show(s.sum())}"),
                   f"enough months to cover the receivables of {show(r)}",
                   f"足以覆盖应收账款 {show(r)} 的月份数", zh="各月赊销额（最近的在前）")
    part = np.clip(r - before, 0.0, s)
    with np.errstate(invalid="ignore", divide="ignore"):
        # a month without sales counts its days when the balance reaches past it
        frac = np.where(s > 0, part / np.where(s > 0, s, 1.0), (r > before * (1 + 1e-12)).astype(float))
    return float(m * frac.sum())


# --------------------------------------------------------------------------- the ledger
def _dates(frame, col, name):
    if pd.api.types.is_numeric_dtype(frame[col]) or pd.api.types.is_bool_dtype(frame[col]):
        raise fail(name, described(f"column {col!r} holding numbers, not dates"),
                   f"dates (yyyy-mm-dd) in {col!r}, empty where there is none",
                   f"{col!r} 列为日期（yyyy-mm-dd），没有的留空", zh=_ZH_LEDGER)
    try:
        ts = pd.to_datetime(frame[col], errors="raise", format="mixed")
        # a time zone is dropped (local dates kept), as crmlab._columns does for date columns
        return ts.dt.tz_localize(None) if ts.dt.tz is not None else ts
    except (TypeError, ValueError):
        raise fail(name, described(f"column {col!r} with values that are not dates"),
                   f"dates (yyyy-mm-dd) in {col!r}, empty where there is none",
                   f"{col!r} 列为日期（yyyy-mm-dd），没有的留空", zh=_ZH_LEDGER) from None


def _ledger(ledger, name="ledger"):
    frame = check_frame(ledger, name, _LEDGER, zh=_ZH_LEDGER)
    out = {}
    for col in ("amount", "paid_1", "paid_2"):
        vals = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)
        if not np.isfinite(vals).all() or (vals < 0).any() or (vals > _MAX_AMOUNT).any() \
                or frame[col].dtype == bool:
            raise fail(name, described(f"column {col!r} with a value that is not a number in "
                                       f"[0, {_MAX_AMOUNT:g}]"),
                       f"amounts >= 0 and at most {_MAX_AMOUNT:g} 元 in {col!r}",
                       f"{col!r} 列为非负且不超过 {_MAX_AMOUNT:g} 元的金额", zh=_ZH_LEDGER)
        out[col] = vals
    if (out["paid_1"] + out["paid_2"] > out["amount"] * (1 + 1e-9) + 1e-6).any():
        raise fail(name, described("an invoice paid more than its amount"),
                   "payments no larger than the invoice amount", "付款不超过发票金额", zh=_ZH_LEDGER)
    for col in ("invoice_date", "due_date", "paid_1_date", "paid_2_date", "written_off_date"):
        out[col] = _dates(frame, col, name)
    if out["invoice_date"].isna().any() or out["due_date"].isna().any():
        raise fail(name, described("an invoice without invoice_date or due_date"),
                   "every invoice with its invoice and due dates", "每张发票都有开票日与到期日",
                   zh=_ZH_LEDGER)
    if (out["due_date"] < out["invoice_date"]).any():
        raise fail(name, described("a due date before its invoice date"),
                   "due dates on or after the invoice date", "到期日不早于开票日", zh=_ZH_LEDGER)
    for col in ("paid_1_date", "paid_2_date"):
        if (out[col] < out["invoice_date"]).any():          # NaT (no payment) compares False
            raise fail(name, described(f"a payment ({col!r}) dated before its invoice date"),
                       f"{col!r} on or after the invoice date, empty where there is none",
                       f"{col!r} 不早于开票日，没有付款的留空", zh=_ZH_LEDGER)
    ids = frame["customer_id"]
    if ids.isna().any() or pd.api.types.infer_dtype(ids, skipna=False) not in ("string", "integer"):
        raise fail(name, described("a missing or list-valued customer_id"),
                   "one customer id per invoice", "每张发票一个客户编号", zh=_ZH_LEDGER)
    out["customer_id"] = ids.astype(str).to_numpy()
    return out


def _as_of(as_of, name="as_of"):
    if isinstance(as_of, (bool, numbers.Number)) or as_of is None:
        raise fail(name, as_of, "a date such as '2025-12-31'", "日期，例如 '2025-12-31'",
                   zh="截止日", kind=InputTypeError)
    try:
        t = pd.Timestamp(as_of)
    except (TypeError, ValueError):
        raise fail(name, as_of, "a date such as '2025-12-31'", "日期，例如 '2025-12-31'",
                   zh="截止日") from None
    if t is pd.NaT or pd.isna(t):
        raise fail(name, as_of, "a date such as '2025-12-31'", "日期，例如 '2025-12-31'", zh="截止日")
    if t.tz is not None:             # the local date counts, as for the ledger's date columns
        t = t.tz_localize(None)
    return t.normalize()


def _balances(L, t):
    """Per invoice: issued by t, paid by t, written off by t, open at t (arrays)."""
    issued = (L["invoice_date"] <= t).to_numpy()
    p1 = np.where((L["paid_1_date"] <= t).to_numpy(), L["paid_1"], 0.0)
    p2 = np.where((L["paid_2_date"] <= t).to_numpy(), L["paid_2"], 0.0)
    off_mask = (L["written_off_date"] <= t).to_numpy()
    off = np.where(off_mask, np.maximum(L["amount"] - p1 - p2, 0.0), 0.0)
    open_ = np.where(issued, np.maximum(L["amount"] - p1 - p2 - off, 0.0), 0.0)
    return issued, np.where(issued, p1 + p2, 0.0), np.where(issued, off, 0.0), open_


def outstanding(ledger, as_of):
    """Open balance (未收余额) of every invoice at ``as_of``: amount − payments − write-off.

    Parameters
    ----------
    ledger : DataFrame
        Invoices with ``customer_id``, ``invoice_date``, ``due_date``,
        ``amount``, ``paid_1_date``, ``paid_1``, ``paid_2_date``, ``paid_2``,
        ``written_off_date`` (empty dates where there is none), as
        ``datasets.load("credit_ledger")``.  Amounts and payments in
        [0, 1e15] 元; payments dated on or after the invoice date.
    as_of : date
        The day the balance is taken (a payment on that day counts; for a
        date with a time zone its local date counts, as for the ledger's dates).

    Returns
    -------
    numpy.ndarray
        One balance per invoice (元); 0 for invoices issued after ``as_of``.

    Examples
    --------
    >>> import pandas as pd
    >>> L = pd.DataFrame({"customer_id": ["K1"], "invoice_date": ["2025-01-31"],
    ...     "due_date": ["2025-03-01"], "amount": [100.0], "paid_1_date": ["2025-03-05"],
    ...     "paid_1": [60.0], "paid_2_date": [""], "paid_2": [0.0], "written_off_date": [""]})
    >>> outstanding(L, "2025-03-04").tolist(), outstanding(L, "2025-03-05").tolist()
    ([100.0], [40.0])
    """
    L = _ledger(ledger)
    return _balances(L, _as_of(as_of))[3]


def ageing(ledger, as_of, buckets=(30, 60, 90)):
    """Receivables ageing (应收账款账龄分析): open balances by days past due.

    Parameters
    ----------
    ledger : DataFrame
        As for :func:`outstanding`.
    as_of : date
    buckets : sequence of int, default (30, 60, 90)
        Upper ends (days past due, increasing, > 0) of the overdue buckets:
        the default gives 未到期 (not yet due), 1–30, 31–60, 61–90 and >90 days.

    Returns
    -------
    DataFrame
        Index ``bucket`` (labels such as ``"1–30天"``); columns ``amount``
        (元), ``share`` of all open receivables and ``invoices`` (count of open
        invoices: those still owing at least 0.005 元, i.e. 1 分 after rounding).
        Shares sum to 1.

    Notes
    -----
    Days past due = as_of − due date; an invoice due today is not yet
    overdue.  Both ends of a bucket are included: with the default buckets
    30 days past due is in 1–30天, 31 days in 31–60天.  The ageing schedule follows Brigham & Houston, ch. "Receivables
    management" (本书补充: the seed names the goals, not the schedule).

    Examples
    --------
    >>> import pandas as pd
    >>> L = pd.DataFrame({"customer_id": ["K1", "K2"], "invoice_date": ["2025-01-31"] * 2,
    ...     "due_date": ["2025-03-01", "2025-05-01"], "amount": [100.0, 300.0],
    ...     "paid_1_date": ["", ""], "paid_1": [0.0, 0.0], "paid_2_date": ["", ""],
    ...     "paid_2": [0.0, 0.0], "written_off_date": ["", ""]})
    >>> ageing(L, "2025-04-15")["amount"].tolist()
    [300.0, 0.0, 100.0, 0.0, 0.0]
    """
    L = _ledger(ledger)
    t = _as_of(as_of)
    edges = check_array(buckets, "buckets", zh="账龄分段（逾期天数上限）", nonnegative=True)
    if (edges <= 0).any() or (np.diff(edges) <= 0).any() or (edges != np.round(edges)).any():
        raise fail("buckets", tuple(edges.tolist()), "whole numbers of days > 0 in increasing order",
                   "递增的正整数天数", zh="账龄分段（逾期天数上限）")
    open_ = _balances(L, t)[3]
    late = (t - L["due_date"]).dt.days.to_numpy()
    cuts = np.concatenate([[-np.inf, 0], edges, [np.inf]])
    which = np.searchsorted(cuts, late, side="left") - 1          # 0 = not yet due
    which = np.clip(which, 0, len(cuts) - 2)
    labels = ["未到期"]
    lo = 1
    for hi in edges.astype(int):
        labels.append(f"{lo}–{hi}天")
        lo = hi + 1
    labels.append(f">{int(edges[-1])}天")
    k = len(labels)
    amount = np.bincount(which, weights=open_, minlength=k)
    # an invoice counts as open if it still owes at least half a 分 (rounding leftovers of
    # part payments are not open invoices)
    count = np.bincount(which, weights=(open_ >= 0.005).astype(float), minlength=k)
    total = amount.sum()
    share = amount / total if total > 0 else np.zeros(k)
    return pd.DataFrame({"amount": amount.round(2), "share": share, "invoices": count.astype(int)},
                        index=pd.Index(labels, name="bucket"))


def ledger_dso(ledger, as_of, days=90, method="average"):
    """DSO from a ledger at ``as_of``: open receivables against recent credit sales.

    Parameters
    ----------
    ledger : DataFrame
        As for :func:`outstanding`.
    as_of : date
    days : int, default 90
        The window of credit sales (``method="average"``: sales of the last
        ``days`` days ÷ ``days``; ``"countback"``: the last ``days // 30``
        months, latest first, at least the months the balance needs).
    method : {"average", "countback"}

    Returns
    -------
    float
        Days.

    Examples
    --------
    >>> import pandas as pd
    >>> L = pd.DataFrame({"customer_id": ["K1"] * 3,
    ...     "invoice_date": ["2025-01-31", "2025-02-28", "2025-03-31"],
    ...     "due_date": ["2025-03-02", "2025-03-30", "2025-04-30"], "amount": [90.0] * 3,
    ...     "paid_1_date": ["2025-03-02", "", ""], "paid_1": [90.0, 0, 0],
    ...     "paid_2_date": [""] * 3, "paid_2": [0.0] * 3, "written_off_date": [""] * 3})
    >>> ledger_dso(L, "2025-03-31", days=90)
    60.0
    """
    L = _ledger(ledger)
    t = _as_of(as_of)
    d = int(check_number(days, "days", zh="销售额窗口天数", low=30, high=720))
    method = check_choice(method, "method", ("average", "countback"), zh="计算方法")
    issued, _, _, open_ = _balances(L, t)
    receivables = float(open_.sum())
    inv = L["invoice_date"]
    if method == "average":
        recent = issued & (inv > t - pd.Timedelta(days=d)).to_numpy()
        sales = float(L["amount"][recent].sum())
        if sales <= 0:
            raise fail("ledger", described(f"no invoice in the {d} days up to as_of {t:%Y-%m-%d}"),
                       "some credit sales in the window (or a later as_of, or a longer window days)",
                       "窗口内有赊销额（或改用更晚的截止日 as_of、更长的窗口 days）", zh=_ZH_LEDGER)
        return receivables / (sales / d)
    months = ((t.year - inv.dt.year) * 12 + (t.month - inv.dt.month)).to_numpy()
    n = max(d // 30, int(months[issued].max()) + 1 if issued.any() else 1)
    monthly = np.bincount(months[issued & (months >= 0)], weights=L["amount"][issued & (months >= 0)],
                          minlength=n)[:n]
    return countback_dso(receivables, monthly)


def customer_credit_profile(ledger, as_of):
    """Per customer: credit sales, collections, the collection rate, days late, bad debts.

    Parameters
    ----------
    ledger : DataFrame
        As for :func:`outstanding`.
    as_of : date

    Returns
    -------
    DataFrame
        Index ``customer_id``; ``credit_sales`` (invoiced by ``as_of``),
        ``due`` (amount of invoices due by ``as_of``), ``collected`` (paid on
        those), ``collection_rate`` = collected ÷ due (回款率; NaN-free: a
        customer with nothing due yet gets 1), ``open`` (open balance),
        ``overdue`` (open and past due), ``days_late`` (amount-weighted average
        days from the due date to the first payment, paid invoices only; 0 if
        none), ``bad_debt`` (written off) and ``bad_debt_rate`` = bad debt ÷
        credit sales.

    Notes
    -----
    回款率 (collection rate) is one of the seed's three grading criteria [002];
    the convention (collected ÷ due in the period) is this book's (本书补充).

    Examples
    --------
    >>> import pandas as pd
    >>> L = pd.DataFrame({"customer_id": ["K1", "K1"], "invoice_date": ["2025-01-31"] * 2,
    ...     "due_date": ["2025-03-01"] * 2, "amount": [100.0, 100.0],
    ...     "paid_1_date": ["2025-03-11", ""], "paid_1": [100.0, 0.0], "paid_2_date": ["", ""],
    ...     "paid_2": [0.0, 0.0], "written_off_date": ["", ""]})
    >>> p = customer_credit_profile(L, "2025-04-01")
    >>> float(p.loc["K1", "collection_rate"]), float(p.loc["K1", "days_late"])
    (0.5, 10.0)
    """
    L = _ledger(ledger)
    t = _as_of(as_of)
    issued, paid, off, open_ = _balances(L, t)
    due_mask = issued & (L["due_date"] <= t).to_numpy()
    amount = L["amount"]
    first_paid = issued & (L["paid_1_date"] <= t).to_numpy() & (L["paid_1"] > 0)
    late = np.where(first_paid, (L["paid_1_date"] - L["due_date"]).dt.days.to_numpy(), 0.0)
    frame = pd.DataFrame({
        "customer_id": L["customer_id"],
        "credit_sales": np.where(issued, amount, 0.0),
        "due": np.where(due_mask, amount, 0.0),
        "collected": np.where(due_mask, paid, 0.0),
        "open": open_,
        "overdue": np.where(due_mask, open_, 0.0),
        "late_weight": np.where(first_paid, amount, 0.0),
        "late_x": np.where(first_paid, amount * late, 0.0),
        "bad_debt": off,
    })
    g = frame.groupby("customer_id", sort=True).sum()
    g = g[g["credit_sales"] > 0]
    out = pd.DataFrame(index=g.index)
    out["credit_sales"] = g["credit_sales"]
    out["due"] = g["due"]
    out["collected"] = g["collected"]
    out["collection_rate"] = np.where(g["due"] > 0, g["collected"] / g["due"].where(g["due"] > 0, 1), 1.0)
    out["open"] = g["open"].round(2)
    out["overdue"] = g["overdue"].round(2)
    out["days_late"] = np.where(g["late_weight"] > 0,
                                g["late_x"] / g["late_weight"].where(g["late_weight"] > 0, 1), 0.0)
    out["bad_debt"] = g["bad_debt"].round(2)
    out["bad_debt_rate"] = g["bad_debt"] / g["credit_sales"]
    return out


def collection_rate(collected, due):
    """Collection rate (回款率) = amount collected ÷ amount due in the period.

    Examples
    --------
    >>> collection_rate(950, 1000)
    0.95
    """
    c = check_number(collected, "collected", zh="已收回金额", low=0)
    d = check_number(due, "due", zh="到期应收金额", low=0, low_open=True)
    if c > d * (1 + 1e-12):
        raise fail("collected", collected, f"no more than the amount due ({d:g})",
                   f"不超过到期应收金额 {d:g}", zh="已收回金额")
    return c / d


def bad_debt_rate(bad_debts, credit_sales):
    """Bad-debt rate (坏账损失率) = bad debts ÷ credit sales (one of the seed's two credit standards [002]).

    Examples
    --------
    >>> bad_debt_rate(25, 1000)
    0.025
    """
    b = check_number(bad_debts, "bad_debts", zh="坏账损失", low=0)
    s = check_number(credit_sales, "credit_sales", zh="赊销额", low=0, low_open=True)
    if b > s * (1 + 1e-12):
        raise fail("bad_debts", bad_debts, f"no more than credit_sales ({s:g}); or raise credit_sales",
                   f"不超过赊销额 credit_sales（{s:g}），或增大 credit_sales", zh="坏账损失")
    return b / s


def profile_by_class(profile, classes, class_col="class", id_col="customer_id"):
    """Credit behaviour by ABC class: links Chapter 6's ledger to Chapter 5's classes.

    Parameters
    ----------
    profile : DataFrame
        Output of :func:`customer_credit_profile` (indexed by customer id).
    classes : DataFrame
        One row per customer with ``id_col`` and ``class_col``, e.g.
        :func:`crmlab.segments.abc_classify`'s output.
    class_col, id_col : str

    Returns
    -------
    DataFrame
        Index ``abc_class``; ``customers`` (credit customers in the class),
        ``credit_sales``, ``collection_rate`` (collected ÷ due, pooled),
        ``overdue_share`` (overdue balance ÷ credit sales), ``days_late``
        (sales-weighted mean), ``bad_debt`` and ``bad_debt_rate`` (pooled).
        Customers of ``profile`` without a class are refused.

    Examples
    --------
    >>> import pandas as pd
    >>> prof = pd.DataFrame({"credit_sales": [100.0, 50.0], "due": [80.0, 40.0],
    ...     "collected": [80.0, 20.0], "overdue": [0.0, 20.0], "days_late": [0.0, 30.0],
    ...     "bad_debt": [0.0, 5.0]}, index=pd.Index(["K1", "K2"], name="customer_id"))
    >>> cls = pd.DataFrame({"customer_id": ["K1", "K2"], "class": ["A", "C"]})
    >>> profile_by_class(prof, cls)["collection_rate"].tolist()
    [1.0, 0.5]
    """
    need = ["credit_sales", "due", "collected", "overdue", "days_late", "bad_debt"]
    prof = check_frame(profile, "profile", need, zh="客户信用概况")
    class_col = check_column(class_col, "class_col", zh="类别列")
    id_col = check_column(id_col, "id_col", zh="客户编号列")
    cls = check_frame(classes, "classes", [id_col, class_col], zh="ABC 分类结果")
    lookup = pd.Series(cls[class_col].astype(str).to_numpy(), index=cls[id_col].astype(str).to_numpy())
    if lookup.index.has_duplicates:
        raise fail("classes", described(f"a customer listed twice in {id_col!r}"),
                   "one row per customer", "每个客户一行", zh="ABC 分类结果")
    which = lookup.reindex(prof.index.astype(str))
    if which.isna().any():
        missing = prof.index[which.isna().to_numpy()][0]
        raise fail("classes", described(f"no class for customer {missing!r}"),
                   "a class for every customer of the profile", "概况中每个客户都有类别",
                   zh="ABC 分类结果")
    try:
        x = prof[need].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail("profile", described("columns that are not numbers"), "amounts in 元",
                   "以元计的金额", zh="客户信用概况", kind=InputTypeError) from None
    amounts = np.delete(x, need.index("days_late"), axis=1)       # days late may be < 0 (paid early)
    if not np.isfinite(x).all() or (amounts < 0).any():
        raise fail("profile", described("a negative or non-finite amount"),
                   "finite amounts >= 0 (days_late may be negative)", "非负的有限金额（提前付款天数可为负）",
                   zh="客户信用概况")
    f = pd.DataFrame(x, columns=need)
    f["late_x"] = f["days_late"] * f["credit_sales"]
    f["abc_class"] = which.to_numpy()
    f["customers"] = 1
    with np.errstate(over="ignore", invalid="ignore"):     # overflow is refused below
        g = f.groupby("abc_class", sort=True).sum()
    out = pd.DataFrame(index=g.index)
    out["customers"] = g["customers"].astype(int)
    out["credit_sales"] = g["credit_sales"]
    out["collection_rate"] = np.where(g["due"] > 0, g["collected"] / g["due"].where(g["due"] > 0, 1), 1.0)
    pos = g["credit_sales"].where(g["credit_sales"] > 0, 1)
    out["overdue_share"] = np.where(g["credit_sales"] > 0, g["overdue"] / pos, 0.0)
    out["days_late"] = np.where(g["credit_sales"] > 0, g["late_x"] / pos, 0.0)
    out["bad_debt"] = g["bad_debt"]
    out["bad_debt_rate"] = np.where(g["credit_sales"] > 0, g["bad_debt"] / pos, 0.0)
    check_finite_result(out.to_numpy(dtype=float), "the credit behaviour by class", "各类别的信用表现",
                        arguments=("profile",))
    return out


def ledger_baseline(ledger, as_of):
    """The current credit policy read off a ledger, for :func:`credit_terms_whatif`.

    Returns
    -------
    dict
        ``base_sales`` (credit sales of the year up to ``as_of``, 元),
        ``base_days`` (amount-weighted credit period of the invoices, days),
        ``late_days`` (amount-weighted days paid after the due date, >= 0) and
        ``base_bad_debt_rate`` (written off ÷ credit sales).

    Examples
    --------
    >>> import pandas as pd
    >>> L = pd.DataFrame({"customer_id": ["K1"], "invoice_date": ["2025-01-31"],
    ...     "due_date": ["2025-03-02"], "amount": [100.0], "paid_1_date": ["2025-03-12"],
    ...     "paid_1": [100.0], "paid_2_date": [""], "paid_2": [0.0], "written_off_date": [""]})
    >>> ledger_baseline(L, "2025-12-31")
    {'base_sales': 100.0, 'base_days': 30.0, 'late_days': 10.0, 'base_bad_debt_rate': 0.0}
    """
    L = _ledger(ledger)
    t = _as_of(as_of)
    issued, _, off, _ = _balances(L, t)
    year = issued & (L["invoice_date"].dt.year == t.year).to_numpy()
    amount = np.where(year, L["amount"], 0.0)
    sales = float(amount.sum())
    if sales <= 0:
        raise fail("as_of", as_of, "a date in a year with credit sales in the ledger",
                   "台账中有赊销额的年份里的日期", zh="截止日")
    terms = (L["due_date"] - L["invoice_date"]).dt.days.to_numpy()
    paid = year & (L["paid_1_date"] <= t).to_numpy() & (L["paid_1"] > 0)
    late = np.where(paid, (L["paid_1_date"] - L["due_date"]).dt.days.to_numpy(), 0.0)
    w = np.where(paid, L["amount"], 0.0)
    return {"base_sales": round(sales, 2), "base_days": round(float(terms @ amount / sales), 4),
            "late_days": round(max(float(late @ w / w.sum()), 0.0), 4) if w.sum() > 0 else 0.0,
            "base_bad_debt_rate": round(float(np.where(year, off, 0.0).sum()) / sales, 6)}


# --------------------------------------------------------------------------- credit terms
def cost_of_forgoing_discount(discount, discount_days, net_days, year_days=360, effective=False):
    """Annual cost of forgoing a cash discount (放弃现金折扣的成本), terms d/D, n/N.

    Nominal: d/(1−d) × Y/(N−D).  Effective (``effective=True``):
    (1 + d/(1−d))^(Y/(N−D)) − 1, compounding each (N−D)-day period.

    Parameters
    ----------
    discount : float
        Discount rate d, in [0, 1) (0.02 for "2/10").
    discount_days : float
        Discount period D in days (>= 0).
    net_days : float
        Credit period N in days; must exceed ``discount_days`` (otherwise the
        buyer gains no days by forgoing the discount and the cost is undefined).
    year_days : {360, 365}
    effective : bool, default False

    Returns
    -------
    float
        Annual rate (0.3673 = 36.73%).

    Notes
    -----
    The buyer who forgoes d pays the full price N−D days later: in effect he
    borrows (1−d) for N−D days at interest d.  Nominal form with a 360-day
    year: 荆新、王化成、刘俊彦《财务管理学》(中国人民大学出版社) on 商业信用
    (2/10, n/30 → 36.73%); with 365 days and the effective rate: Brigham &
    Houston, *Fundamentals of Financial Management*, ch. "Working capital
    management", cost of trade credit (2/10, net 30 → 37.24% nominal, 44.6%
    effective).  本书补充.

    Examples
    --------
    >>> round(cost_of_forgoing_discount(0.02, 10, 30), 4)
    0.3673
    >>> round(cost_of_forgoing_discount(0.02, 10, 30, year_days=365, effective=True), 4)
    0.4459
    """
    d = check_number(discount, "discount", zh="现金折扣率", low=0, high=1, high_open=True)
    dd = check_number(discount_days, "discount_days", zh="折扣期", low=0, high=3650)
    n = check_number(net_days, "net_days", zh="信用期", low=0, high=3650)
    if n <= dd:
        raise fail("net_days", net_days, f"more days than the discount period (discount_days = {dd:g})",
                   f"长于折扣期（discount_days = {dd:g} 天）的天数", zh="信用期")
    y = check_choice(year_days, "year_days", (360, 365), zh="一年天数")
    effective = check_bool(effective, "effective", zh="是否按复利计算实际年利率")
    periods = y / (n - dd)
    rate = d / (1 - d)
    if effective:
        with np.errstate(over="ignore"):
            value = float(np.expm1(periods * np.log1p(rate)))
        if not np.isfinite(value):
            raise fail("discount", discount, "a discount whose effective annual cost is finite",
                       "使实际年成本保持有限的折扣率", zh="现金折扣率")
        return value
    return rate * periods


def average_collection_period(days, shares):
    """Average collection period (平均收现期) of a mix of payers = Σ share × days.

    Parameters
    ----------
    days : sequence of float
        Days after the sale at which each group pays (>= 0).
    shares : sequence of float
        Share of sales (元) of each group (>= 0, summing to 1).

    Returns
    -------
    float

    Notes
    -----
    中国注册会计师协会《财务成本管理》(CPA textbook), 信用政策决策: with 60% paying
    on day 15, 40% × 80% on day 30 and 40% × 20% on day 40 the period is 21.8 days.

    Examples
    --------
    >>> round(average_collection_period([15, 30, 40], [0.6, 0.32, 0.08]), 4)
    21.8
    """
    d = check_array(days, "days", zh="付款天数", nonnegative=True)
    s = check_array(shares, "shares", zh="各组销售额占比", nonnegative=True)
    if len(d) != len(s):
        raise fail("shares", described(f"{len(s)} shares for {len(d)} groups"),
                   "one share per group of days", "每组天数对应一个占比", zh="各组销售额占比")
    if abs(s.sum() - 1) > 1e-6:
        raise fail("shares", described(f"shares summing to {s.sum():g}"), "shares summing to 1",
                   "合计为 1 的占比", zh="各组销售额占比")
    return float(d @ s)


def _policy(policy, name):
    zh = "信用政策" if name == "policy" else ("现行信用政策" if name == "current" else "新信用政策")
    if not isinstance(policy, Mapping):
        raise fail(name, described(type(policy).__name__),
                   "a dict with " + ", ".join(POLICY_KEYS), "含有 " + "、".join(POLICY_KEYS) + " 的字典",
                   zh=zh, kind=InputTypeError)
    unknown = sorted(set(policy) - set(POLICY_KEYS), key=str)
    if unknown or "sales" not in policy or "collection_days" not in policy:
        raise fail(name, described(f"keys {sorted(map(str, policy))}"),
                   "a dict with 'sales' and 'collection_days' and optionally bad_debt_rate, "
                   "collection_cost, discount, discount_share",
                   "含有 sales、collection_days（可选 bad_debt_rate、collection_cost、discount、"
                   "discount_share）的字典", zh=zh)
    p = {"sales": check_number(policy["sales"], f"{name}['sales']", zh=zh + "的赊销额", low=0),
         "collection_days": check_number(policy["collection_days"], f"{name}['collection_days']",
                                         zh=zh + "的平均收现期", low=0, high=3650)}
    p["bad_debt_rate"] = check_number(policy.get("bad_debt_rate", 0.0), f"{name}['bad_debt_rate']",
                                      zh=zh + "的坏账损失率", low=0, high=1)
    p["collection_cost"] = check_number(policy.get("collection_cost", 0.0), f"{name}['collection_cost']",
                                        zh=zh + "的收账费用", low=0)
    p["discount"] = check_number(policy.get("discount", 0.0), f"{name}['discount']",
                                 zh=zh + "的现金折扣率", low=0, high=1, high_open=True)
    p["discount_share"] = check_number(policy.get("discount_share", 0.0), f"{name}['discount_share']",
                                       zh=zh + "享受折扣的销售额占比", low=0, high=1)
    return p


def _rates(variable_cost_ratio, cost_of_capital, year_days):
    v = check_number(variable_cost_ratio, "variable_cost_ratio", zh="变动成本率", low=0, high=1)
    k = check_number(cost_of_capital, "cost_of_capital", zh="资本成本率", low=0, high=1)
    y = check_choice(year_days, "year_days", (360, 365), zh="一年天数")
    return v, k, y


def credit_policy(policy, variable_cost_ratio, cost_of_capital, year_days=360):
    """Every line of one credit policy by the marginal-profit method (边际收益法).

    Parameters
    ----------
    policy : dict
        ``sales`` (annual credit sales, 元), ``collection_days`` (average
        collection period, days) and optionally ``bad_debt_rate`` (share of
        sales), ``collection_cost`` (元 a year), ``discount`` (cash-discount
        rate) and ``discount_share`` (share of sales that takes it).
    variable_cost_ratio : float
        Variable cost ÷ sales, in [0, 1].
    cost_of_capital : float
        Annual cost of the money tied up in receivables, in [0, 1].
    year_days : {360, 365}

    Returns
    -------
    dict
        ``sales``, ``contribution`` = sales × (1 − variable-cost ratio),
        ``receivables`` = sales ÷ year_days × collection days,
        ``receivable_investment`` = receivables × variable-cost ratio,
        ``opportunity_cost`` = investment × cost of capital,
        ``bad_debts`` = sales × bad-debt rate, ``collection_cost``,
        ``discount_cost`` = sales × discount share × discount, and
        ``net_benefit`` = contribution − the four costs.

    Notes
    -----
    应收账款机会成本 = 日销售额 × 平均收现期 × 变动成本率 × 资本成本率 (中国注册会计师协会
    《财务成本管理》, 信用政策决策; Brigham & Houston, ch. "Receivables management",
    charge the carrying cost on the cost of goods in receivables in the same way).

    Examples
    --------
    >>> p = credit_policy({"sales": 1000.0, "collection_days": 21.8, "discount": 0.02,
    ...                    "discount_share": 0.6, "collection_cost": 8.0}, 0.72, 0.12)
    >>> round(p["opportunity_cost"], 3), round(p["net_benefit"], 3)
    (5.232, 254.768)
    """
    p = _policy(policy, "policy")
    v, k, y = _rates(variable_cost_ratio, cost_of_capital, year_days)
    return _lines(p, v, k, y)


def _lines(p, v, k, y):
    receivables = p["sales"] / y * p["collection_days"]
    out = {"sales": p["sales"], "contribution": p["sales"] * (1 - v), "receivables": receivables,
           "receivable_investment": receivables * v, "opportunity_cost": receivables * v * k,
           "bad_debts": p["sales"] * p["bad_debt_rate"], "collection_cost": p["collection_cost"],
           "discount_cost": p["sales"] * p["discount_share"] * p["discount"]}
    out["net_benefit"] = (out["contribution"] - out["opportunity_cost"] - out["bad_debts"]
                          - out["collection_cost"] - out["discount_cost"])
    return out


#: Lines of the marginal analysis, in the order the notebook shows them.
_LINES = ("sales", "contribution", "receivables", "receivable_investment", "opportunity_cost",
          "bad_debts", "collection_cost", "discount_cost", "net_benefit")


def credit_policy_change(current, proposed, variable_cost_ratio, cost_of_capital, year_days=360):
    """Evaluate a change of credit policy by the marginal-profit method (边际收益法) [002].

    Δ net benefit = Δ contribution − Δ opportunity cost of receivables − Δ bad
    debts − Δ collection cost − Δ discount cost; the change pays if it is > 0.

    Parameters
    ----------
    current, proposed : dict
        The two policies, as for :func:`credit_policy`.
    variable_cost_ratio, cost_of_capital, year_days
        As for :func:`credit_policy` (the same for both policies).

    Returns
    -------
    DataFrame
        Index ``line`` (the lines of :func:`credit_policy`); columns
        ``current``, ``proposed`` and ``change`` (proposed − current).  The
        attribute ``attrs["decision"]`` is ``"adopt"`` if the change in net
        benefit is positive, ``"keep"`` otherwise.

    Notes
    -----
    Worked example reproduced in ``tests/test_credit.py``: 中国注册会计师协会
    《财务成本管理》 (2015 年注册会计师考试 计算题): "2/15, n/30" → "5/10, n/20",
    sales 1,000 → 1,200 万元, variable-cost ratio 72%, cost of capital 12%:
    average collection period 21.8 → 16 days, accrued interest 5.232 → 4.608,
    collection cost 8 → 18, discount cost 12 → 42, change in profit +16.624 万元.

    Examples
    --------
    >>> now = {"sales": 1000.0, "collection_days": 30.0, "bad_debt_rate": 0.01}
    >>> new = {"sales": 1100.0, "collection_days": 60.0, "bad_debt_rate": 0.02}
    >>> t = credit_policy_change(now, new, 0.6, 0.1)
    >>> round(float(t.loc["net_benefit", "change"]), 2), t.attrs["decision"]
    (22.0, 'adopt')
    """
    a = _policy(current, "current")
    b = _policy(proposed, "proposed")
    v, k, y = _rates(variable_cost_ratio, cost_of_capital, year_days)
    la, lb = _lines(a, v, k, y), _lines(b, v, k, y)
    t = pd.DataFrame({"current": [la[i] for i in _LINES], "proposed": [lb[i] for i in _LINES]},
                     index=pd.Index(_LINES, name="line"))
    t["change"] = t["proposed"] - t["current"]
    t.attrs["decision"] = "adopt" if t.loc["net_benefit", "change"] > 1e-9 else "keep"
    return t


def net_cash_flow(current, proposed, variable_cost_ratio, cost_of_capital, year_days=360):
    """Evaluate the same change by the net-cash-flow method (净现金流量法) [002].

    Each policy's yearly cash flows are valued at the day of sale: the variable
    cost is paid then; the cash collected, sales × (1 − bad-debt rate) −
    discount cost, and the collection cost arrive ``collection_days`` later and
    are discounted at the cost of capital, with simple interest as the
    marginal method charges it: factor 1 ÷ (1 + k × days ÷ year_days).

    Parameters
    ----------
    current, proposed, variable_cost_ratio, cost_of_capital, year_days
        As for :func:`credit_policy_change`.

    Returns
    -------
    DataFrame
        Index ``line``: ``cash_in`` (collections at face value), ``discount_factor``,
        ``pv_cash_in``, ``variable_cost``, ``pv_collection_cost``, ``npv``;
        columns ``current``, ``proposed``, ``change``; ``attrs["decision"]``
        as for :func:`credit_policy_change`.

    Notes
    -----
    The NPV approach to credit policy: Kim & Atkins (1978), "Evaluating
    investments in accounts receivable: a wealth maximizing framework",
    *Journal of Finance* 33(2); Ross, Westerfield & Jaffe, *Corporate Finance*,
    ch. "Credit and inventory management" (NPV of switching).  本书补充.

    The two methods agree exactly when the cost of capital is 0 (both reduce
    to the change in profit); otherwise the marginal method charges interest
    on the variable cost tied up while this one discounts the whole
    collection, so the numbers differ slightly; the decision agrees unless the
    change is close to break-even (``tests/test_credit.py``).

    Examples
    --------
    >>> now = {"sales": 1000.0, "collection_days": 30.0, "bad_debt_rate": 0.01}
    >>> new = {"sales": 1100.0, "collection_days": 60.0, "bad_debt_rate": 0.02}
    >>> round(float(net_cash_flow(now, new, 0.6, 0.0).loc["npv", "change"]), 2)
    28.0
    """
    a = _policy(current, "current")
    b = _policy(proposed, "proposed")
    v, k, y = _rates(variable_cost_ratio, cost_of_capital, year_days)

    def flows(p):
        cash_in = p["sales"] * (1 - p["bad_debt_rate"]) - p["sales"] * p["discount_share"] * p["discount"]
        factor = 1.0 / (1.0 + k * p["collection_days"] / y)
        vc = p["sales"] * v
        pv_cc = p["collection_cost"] * factor
        return [cash_in, factor, cash_in * factor, vc, pv_cc, cash_in * factor - vc - pv_cc]

    rows = ("cash_in", "discount_factor", "pv_cash_in", "variable_cost", "pv_collection_cost", "npv")
    t = pd.DataFrame({"current": flows(a), "proposed": flows(b)}, index=pd.Index(rows, name="line"))
    t["change"] = t["proposed"] - t["current"]
    t.attrs["decision"] = "adopt" if t.loc["npv", "change"] > 1e-9 else "keep"
    return t


def credit_terms_whatif(credit_days=45.0, discount=0.0, discount_days=10.0, takeup=0.0,
                        base_sales=1_000_000.0, base_days=30.0, sales_per_30_days=0.06,
                        base_bad_debt_rate=0.005, bad_debt_per_30_days=0.004, late_days=10.0,
                        collection_cost_rate=0.002, variable_cost_ratio=0.8, cost_of_capital=0.1,
                        year_days=360):
    """The credit-terms panel's model: new terms → sales, DSO, bad debts and the marginal analysis.

    The current policy has credit period ``base_days`` and no discount.  The
    proposed terms "discount/discount_days, n/credit_days" change (本书补充,
    assumptions of the chapter, linear within ±90 days of the current period):

    * sales by ``sales_per_30_days`` × base sales per 30 days of credit period;
    * the bad-debt rate by ``bad_debt_per_30_days`` per 30 days (never below 0);
    * the average collection period: the share ``takeup`` pays on day
      ``discount_days``, the rest ``late_days`` after the due date;
    * the collection cost stays ``collection_cost_rate`` × sales.

    Returns
    -------
    dict
        ``table`` (:func:`credit_policy_change`), ``decision`` (adopt/keep),
        ``sales_change``, ``dso_now``, ``dso_new``, ``receivables_change``,
        ``bad_debt_change``, ``opportunity_cost_change``,
        ``discount_cost_change``, ``contribution_change``,
        ``collection_cost_change``, ``net_change``, ``forgo_cost`` (the
        buyer's annual cost of forgoing the discount, 0 without one) and
        ``npv_change`` (:func:`net_cash_flow`).

    Examples
    --------
    >>> r = credit_terms_whatif(credit_days=30.0)
    >>> round(r["net_change"], 6), r["decision"]
    (0.0, 'keep')
    """
    n = check_number(credit_days, "credit_days", zh="信用期", low=0, high=180)
    d = check_number(discount, "discount", zh="现金折扣率", low=0, high=0.1)
    dd = check_number(discount_days, "discount_days", zh="折扣期", low=0, high=60)
    u = check_number(takeup, "takeup", zh="享受折扣的销售额占比", low=0, high=1)
    s0 = check_number(base_sales, "base_sales", zh="现行赊销额", low=0, low_open=True)
    n0 = check_number(base_days, "base_days", zh="现行信用期", low=0, high=180)
    g = check_number(sales_per_30_days, "sales_per_30_days", zh="信用期每延长30天的销售增幅", low=0, high=1)
    b0 = check_number(base_bad_debt_rate, "base_bad_debt_rate", zh="现行坏账损失率", low=0, high=0.5)
    bg = check_number(bad_debt_per_30_days, "bad_debt_per_30_days", zh="信用期每延长30天的坏账率增幅",
                      low=0, high=0.2)
    late = check_number(late_days, "late_days", zh="到期后平均拖延天数", low=0, high=180)
    cc = check_number(collection_cost_rate, "collection_cost_rate", zh="收账费用率", low=0, high=0.2)
    v, k, y = _rates(variable_cost_ratio, cost_of_capital, year_days)
    if d > 0 and dd >= n:
        raise fail("discount_days", discount_days,
                   f"fewer days than the credit period (credit_days = {n:g})",
                   f"短于信用期（credit_days = {n:g} 天）", zh="折扣期")
    u = u if d > 0 else 0.0
    step = (n - n0) / 30.0
    s1 = s0 * max(1.0 + g * step, 0.0)
    b1 = min(max(b0 + bg * step, 0.0), 1.0)
    current = {"sales": s0, "collection_days": n0 + late, "bad_debt_rate": b0,
               "collection_cost": cc * s0}
    proposed = {"sales": s1, "collection_days": u * dd + (1 - u) * (n + late), "bad_debt_rate": b1,
                "collection_cost": cc * s1, "discount": d, "discount_share": u}
    t = credit_policy_change(current, proposed, v, k, y)
    ncf = net_cash_flow(current, proposed, v, k, y)
    ch = t["change"]
    return {"table": t, "decision": t.attrs["decision"], "sales_change": float(ch["sales"]),
            "dso_now": current["collection_days"], "dso_new": proposed["collection_days"],
            "receivables_change": float(ch["receivables"]), "bad_debt_change": float(ch["bad_debts"]),
            "contribution_change": float(ch["contribution"]),
            "opportunity_cost_change": float(ch["opportunity_cost"]),
            "collection_cost_change": float(ch["collection_cost"]),
            "discount_cost_change": float(ch["discount_cost"]), "net_change": float(ch["net_benefit"]),
            "forgo_cost": cost_of_forgoing_discount(d, dd, n, y) if d > 0 else 0.0,
            "npv_change": float(ncf.loc["npv", "change"])}


#: Liu Bo's case (本书补充 assumptions): cash only today; yearly beer sales to hotels, 元.
#: ``late_days``: hotels settle 5 days after the due date on average (today, 5 days after
#: delivery); ``collection_cost_rate``: collecting costs 0.3% of sales (visits, calls).
LIU_BO = {"base_sales": 600_000.0, "base_days": 0.0, "sales_per_30_days": 0.15,
          "base_bad_debt_rate": 0.0, "bad_debt_per_30_days": 0.01, "late_days": 5.0,
          "collection_cost_rate": 0.003, "variable_cost_ratio": 0.82, "cost_of_capital": 0.08}


def liu_bo_terms(credit_days=30.0, discount=0.0, discount_days=10.0, takeup=0.0):
    """What credit terms would change for Liu Bo (刘波), who may sell beer for cash only [002 第一章].

    The seed's case: Liu Bo sells beer to Guilin hotels; because the firm sells
    for cash only, hotels order little and often, run short, or sit on slow
    stock.  This book models (本书补充, assumptions in :data:`LIU_BO`) what
    monthly credit would change: hotels could order more at once, so sales
    rise (15% per 30 days of credit assumed), at the price of receivables,
    their cost of capital and some bad debts.

    Returns
    -------
    dict
        As :func:`credit_terms_whatif` with Liu Bo's assumptions.

    Examples
    --------
    >>> r = liu_bo_terms(credit_days=30.0)
    >>> r["dso_now"], r["dso_new"], r["decision"]
    (5.0, 35.0, 'adopt')
    """
    return credit_terms_whatif(credit_days=credit_days, discount=discount, discount_days=discount_days,
                               takeup=takeup, **LIU_BO)


def liu_bo_scan(credit_days=(0, 15, 30, 45, 60, 90)):
    """:func:`liu_bo_terms` for several credit periods: one row per period.

    Returns
    -------
    DataFrame
        Index ``credit_days`` (whole days); ``sales_change``, ``dso_new``,
        ``receivables_change``, ``contribution_change``, ``opportunity_cost_change``,
        ``bad_debt_change``, ``collection_cost_change``, ``net_change``, so that
        net_change = contribution_change − opportunity_cost_change −
        bad_debt_change − collection_cost_change (no discount is offered).

    Examples
    --------
    >>> t = liu_bo_scan((0, 30))
    >>> float(t["net_change"].iloc[0]), bool(t["net_change"].iloc[1] > 0)
    (0.0, True)
    """
    days = check_array(credit_days, "credit_days", zh="信用期（天）", nonnegative=True)
    if (days > 180).any():
        raise fail("credit_days", tuple(days.tolist()), "periods of 0 to 180 days", "0 到 180 天的信用期",
                   zh="信用期（天）")
    cols = ("sales_change", "dso_new", "receivables_change", "contribution_change",
            "opportunity_cost_change", "bad_debt_change", "collection_cost_change", "net_change")
    rows = [liu_bo_terms(credit_days=float(d)) for d in days]      # a few scenarios, not customers
    index = days.astype(int) if (days == np.round(days)).all() else days
    return pd.DataFrame({c: [r[c] for r in rows] for c in cols},
                        index=pd.Index(index, name="credit_days"))


# --------------------------------------------------------------------------- scoring and grading
def score_band(score):
    """Band of a total score by the seed's preliminary evaluation rule [002 第二章].

    ``"too_weak"`` below 70, ``"preferred"`` from 70 to 80 (both included),
    ``"unclassified"`` above 80 up to 85 (the seed says nothing about it),
    ``"too_strong"`` above 85.

    Examples
    --------
    >>> [score_band(s) for s in (69.9, 70, 80, 82, 85.5)]
    ['too_weak', 'preferred', 'preferred', 'unclassified', 'too_strong']
    """
    s = check_number(score, "score", zh="综合得分", low=0, high=100)
    return str(_bands(np.array([s]))[0])


def _bands(s):
    return np.select([s < 70, s <= 80, s <= 85], ["too_weak", "preferred", "unclassified"],
                     "too_strong")


def credit_score(applicants, weights=None, id_col="applicant"):
    """The scoring method (评分法) for choosing distributors, with the 70–80 rule [002].

    Total = Σ weight × criterion score (0–100 each), weights normalised to sum
    to 1; the band comes from :func:`score_band`; ``chosen`` marks the
    applicants in the preferred band (70–80).

    Parameters
    ----------
    applicants : DataFrame
        One row per applicant with ``id_col`` and the criterion columns named
        by ``weights`` (default :data:`CRITERIA`, 0–100 points).
    weights : dict, optional
        Criterion column → weight (>= 0, not all 0); default equal weights
        over :data:`CRITERIA`.
    id_col : str, default "applicant"

    Returns
    -------
    DataFrame
        Index ``id_col``; the criteria, ``score``, ``band``, ``chosen``;
        sorted by score, highest first.

    Notes
    -----
    [002 第二章第一节 and 第二节 客户的初步评价]: the scoring method weights the
    factors by their importance and totals each candidate's points; the
    evaluation table sets weights and points for indicators such as 财务、业务能力、
    合作态度、渠道能力; normally choose totals of 70–80 — below 70 too weak,
    above 85 too strong, both hard to manage.  Note the seed's own tension: its
    scoring method "selects the higher scorers", its evaluation rule caps them.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"applicant": ["甲", "乙"], "finance_score": [60, 90],
    ...                   "business_score": [80, 80]})
    >>> t = credit_score(a, {"finance_score": 1, "business_score": 1})
    >>> t["score"].tolist(), t["chosen"].tolist()
    ([85.0, 70.0], [False, True])
    """
    id_col = check_column(id_col, "id_col", zh="申请人列")
    if weights is None:
        weights = {c: 1.0 for c in CRITERIA}
    if not isinstance(weights, Mapping) or not weights:
        raise fail("weights", weights, "a dict of criterion column → weight", "评价指标列到权重的字典",
                   zh="权重", kind=InputTypeError)
    cols = list(weights)
    frame = check_frame(applicants, "applicants", [id_col, *cols], zh="申请人")
    w = np.array([check_number(weights[c], f"weights[{c!r}]", zh="权重", low=0) for c in cols])
    if w.sum() <= 0:
        raise fail("weights", dict(weights), "weights with a positive sum", "合计为正的权重", zh="权重")
    try:
        x = frame[cols].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise fail("applicants", described("criterion columns that are not numbers"),
                   "scores of 0–100 points", "0–100 分的得分", zh="申请人",
                   kind=InputTypeError) from None
    if not np.isfinite(x).all() or (x < 0).any() or (x > 100).any() or \
            frame[cols].dtypes.map(lambda t: t == bool).any():
        raise fail("applicants", described("a criterion score outside 0–100"), "scores of 0–100 points",
                   "0–100 分的得分", zh="申请人")
    ids = frame[id_col]
    if pd.api.types.infer_dtype(ids, skipna=False) not in ("string", "integer") or ids.duplicated().any():
        raise fail("applicants", described(f"missing or repeated {id_col!r}"),
                   f"one row per {id_col!r}", f"每个 {id_col!r} 一行", zh="申请人")
    score = x @ (w / w.sum())
    out = pd.DataFrame(x, columns=cols, index=pd.Index(ids.astype(str), name=id_col))
    out["score"] = score.round(10)
    out["band"] = _bands(out["score"].to_numpy())
    out["chosen"] = out["band"] == "preferred"
    return out.sort_values("score", ascending=False, kind="stable")


def credit_grade(customers, collection_col="collection_rate", ability_col="current_ratio",
                 competitor_col="sells_competitors"):
    """Credit grade A/B/C/D (信用等级) from the seed's three criteria [002 第五章].

    Criteria [002]: collection rate (回款率), ability to pay (支付能力) and whether
    the customer also sells competing brands (经营同业竞争品牌).  Thresholds
    (本书补充; the seed lists the criteria, not the conditions):

    ====  =======================================================
    A     collection rate >= 95%, current ratio >= 1.5, no competing brands
    B     collection rate >= 90% and current ratio >= 1.2 (or an A customer
          who sells competing brands)
    C     collection rate >= 80% and current ratio >= 1.0
    D     everything else
    ====  =======================================================

    Parameters
    ----------
    customers : DataFrame
        One row per customer with the three columns.
    collection_col, ability_col, competitor_col : str
        Collection rate (0–1), ability to pay measured by the current ratio
        (流动比率, >= 0) and competing brands (True/False).

    Returns
    -------
    pandas.Series
        Grades ``"A"``…``"D"``, same index as ``customers``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"collection_rate": [0.97, 0.97, 0.85, 0.5],
    ...                   "current_ratio": [2.0, 2.0, 1.1, 3.0],
    ...                   "sells_competitors": [False, True, False, False]})
    >>> credit_grade(c).tolist()
    ['A', 'B', 'C', 'D']
    """
    cols = [check_column(collection_col, "collection_col", zh="回款率列"),
            check_column(ability_col, "ability_col", zh="支付能力列"),
            check_column(competitor_col, "competitor_col", zh="竞争品牌列")]
    frame = check_frame(customers, "customers", cols, zh="客户")
    rate = pd.to_numeric(frame[cols[0]], errors="coerce").to_numpy(dtype=float)
    ability = pd.to_numeric(frame[cols[1]], errors="coerce").to_numpy(dtype=float)
    if frame[cols[0]].dtype == bool or not np.isfinite(rate).all() or (rate < 0).any() or (rate > 1).any():
        raise fail("customers", described(f"{cols[0]!r} outside 0–1 or not a number"),
                   f"collection rates in [0, 1] in {cols[0]!r}", f"{cols[0]!r} 列为 0–1 之间的回款率",
                   zh="客户")
    if frame[cols[1]].dtype == bool or not np.isfinite(ability).all() or (ability < 0).any():
        raise fail("customers", described(f"{cols[1]!r} negative or not a number"),
                   f"current ratios >= 0 in {cols[1]!r}", f"{cols[1]!r} 列为非负的流动比率", zh="客户")
    comp = frame[cols[2]]
    if pd.api.types.infer_dtype(comp, skipna=False) != "boolean":
        raise fail("customers", described(f"{cols[2]!r} not True/False"),
                   f"True or False in {cols[2]!r}", f"{cols[2]!r} 列为 True 或 False", zh="客户")
    comp = comp.to_numpy(dtype=bool)
    a = (rate >= 0.95) & (ability >= 1.5)
    b = (rate >= 0.90) & (ability >= 1.2)
    c = (rate >= 0.80) & (ability >= 1.0)
    grade = np.select([a & ~comp, a | b, c], ["A", "B", "C"], "D")
    return pd.Series(grade, index=frame.index, name="grade")


# --------------------------------------------------------------------------- limits and ratios
def credit_limit(method, *, current_assets=None, current_liabilities=None, liquidation_value=None,
                 annual_purchases=None, share=None, credit_days=None, order_days=0.0,
                 min_current_ratio=None):
    """A customer's credit limit (信用额度) by one of the formula methods [002].

    Methods (the seed names six; formulas 本书补充):

    * ``"working_capital"``: share × (current assets − current liabilities)
      (营运资本净额的一定比例; share default 0.1);
    * ``"liquidation"``: share × liquidation value (清算价值的一定比例; share
      default 0.2);
    * ``"sales"``: annual purchases from us ÷ 360 × (credit days + order-cycle
      days) (销售额测定法: the receivable a customer who pays on time runs up;
      ``order_days`` defaults to 0, which gives the chapter's formula
      annual purchases ÷ 360 × credit days);
    * ``"current_ratio"``: the largest L with (CA + L) ÷ (CL + L) >= r, i.e.
      (CA − r·CL) ÷ (r − 1), floored at 0 (流动比率法: goods bought on credit
      raise the customer's inventory and payables alike; r default 1.5).

    ``"risk_return"`` (收益与风险对等) and ``"judgement"`` (综合判断法) have no
    formula and are refused with an explanation.

    Returns
    -------
    float
        元.

    Notes
    -----
    Credit-limit rules of this kind: Cole & Mishler, *Consumer and Business
    Credit Management* (McGraw-Hill), on setting credit lines; the formulas
    and the default shares here are this book's conventions, to be set by the
    firm.

    Examples
    --------
    >>> credit_limit("working_capital", current_assets=500_000, current_liabilities=300_000)
    20000.0
    >>> credit_limit("current_ratio", current_assets=500_000, current_liabilities=300_000,
    ...              min_current_ratio=1.5)
    100000.0
    >>> credit_limit("sales", annual_purchases=360_000, credit_days=30)
    30000.0
    """
    method = check_choice(method, "method", LIMIT_METHODS, zh="信用额度方法")
    if method in ("risk_return", "judgement"):
        raise fail("method", method, "'working_capital', 'liquidation', 'sales' or 'current_ratio' "
                   "(risk-return parity and composite judgement have no formula)",
                   "'working_capital'、'liquidation'、'sales' 或 'current_ratio'（收益与风险对等和综合判断法"
                   "没有公式，需讨论判断）", zh="信用额度方法")

    def need(value, name, zh, **kw):
        if value is None:
            raise fail(name, None, f"a number (method {method!r} needs it)", f"数值（方法 {method!r} 需要它）",
                       zh=zh, kind=InputTypeError)
        return check_number(value, name, zh=zh, **kw)

    if method == "working_capital":
        ca = need(current_assets, "current_assets", "流动资产", low=0)
        cl = need(current_liabilities, "current_liabilities", "流动负债", low=0)
        s = need(0.1 if share is None else share, "share", "比例", low=0, high=1)
        return max(ca - cl, 0.0) * s
    if method == "liquidation":
        lv = need(liquidation_value, "liquidation_value", "清算价值", low=0)
        return lv * need(0.2 if share is None else share, "share", "比例", low=0, high=1)
    if method == "sales":
        p = need(annual_purchases, "annual_purchases", "年进货额", low=0)
        cd = need(credit_days, "credit_days", "信用期", low=0, high=365)
        od = need(order_days, "order_days", "订货周期天数", low=0, high=365)
        return p / 360.0 * (cd + od)
    ca = need(current_assets, "current_assets", "流动资产", low=0)
    cl = need(current_liabilities, "current_liabilities", "流动负债", low=0)
    r = need(1.5 if min_current_ratio is None else min_current_ratio, "min_current_ratio",
             "最低流动比率", low=1, low_open=True, high=10)
    return check_finite_result(max((ca - r * cl) / (r - 1.0), 0.0), "the credit limit", "信用额度",
                               arguments=("current_assets", "current_liabilities", "min_current_ratio"))


def credit_limits(statements, purchase_share=0.1, credit_days=30.0, working_capital_share=0.1,
                  liquidation_share=0.2, min_current_ratio=1.5, id_col="applicant"):
    """The four formula limits of :func:`credit_limit` for every firm of ``statements``.

    Parameters
    ----------
    statements : DataFrame
        ``id_col``, ``current_assets``, ``current_liabilities``, ``liquidation_value``,
        ``sales`` (元), one row per firm.
    purchase_share : float, default 0.1
        Expected purchases from us as a share of the firm's sales (for the sales-based method).
    credit_days, working_capital_share, liquidation_share, min_current_ratio
        As for :func:`credit_limit`.

    Returns
    -------
    DataFrame
        Index ``id_col``; ``limit_working_capital``, ``limit_liquidation``,
        ``limit_sales``, ``limit_current_ratio`` (元).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"applicant": ["甲"], "current_assets": [500_000.0],
    ...     "current_liabilities": [300_000.0], "liquidation_value": [400_000.0], "sales": [3_600_000.0]})
    >>> credit_limits(f).iloc[0].tolist()
    [20000.0, 80000.0, 30000.0, 100000.0]
    """
    id_col = check_column(id_col, "id_col", zh="企业列")
    need = ["current_assets", "current_liabilities", "liquidation_value", "sales"]
    frame = check_frame(statements, "statements", [id_col, *need], zh="财务报表")
    try:
        x = {c: frame[c].to_numpy(dtype=float) for c in need}
    except (TypeError, ValueError):
        raise fail("statements", described("columns that are not numbers"), "amounts in 元",
                   "以元计的金额", zh="财务报表", kind=InputTypeError) from None
    for c in need:
        if frame[c].dtype == bool or not np.isfinite(x[c]).all() or (x[c] < 0).any():
            raise fail("statements", described(f"column {c!r} with a bad value"), f"finite amounts >= 0 in {c!r}",
                       f"{c!r} 列为非负的有限金额", zh="财务报表")
    if pd.api.types.infer_dtype(frame[id_col], skipna=False) not in ("string", "integer"):
        raise fail("statements", described(f"missing or list-valued {id_col!r}"),
                   f"one name per firm in {id_col!r}", f"{id_col!r} 列每行一个企业名称", zh="财务报表")
    ps = check_number(purchase_share, "purchase_share", zh="向我方进货占其销售额的比例", low=0, high=1)
    cd = check_number(credit_days, "credit_days", zh="信用期", low=0, high=365)
    ws = check_number(working_capital_share, "working_capital_share", zh="营运资本净额比例", low=0, high=1)
    ls = check_number(liquidation_share, "liquidation_share", zh="清算价值比例", low=0, high=1)
    r = check_number(min_current_ratio, "min_current_ratio", zh="最低流动比率", low=1, low_open=True, high=10)
    ca, cl = x["current_assets"], x["current_liabilities"]
    with np.errstate(over="ignore", invalid="ignore"):
        out = pd.DataFrame({
            "limit_working_capital": np.maximum(ca - cl, 0.0) * ws,
            "limit_liquidation": x["liquidation_value"] * ls,
            "limit_sales": x["sales"] * ps / 360.0 * cd,
            "limit_current_ratio": np.maximum((ca - r * cl) / (r - 1.0), 0.0),
        }, index=pd.Index(frame[id_col].astype(str), name=id_col))
    check_finite_result(out.to_numpy(dtype=float), "the credit limits", "信用额度",
                        arguments=("statements", "min_current_ratio"))
    return out


_STATEMENT = ("cash", "receivables", "inventory", "current_assets", "current_liabilities",
              "total_assets", "total_liabilities", "sales", "cost_of_sales", "net_income")


def financial_ratios(statements, id_col="applicant", year_days=360):
    """Financial ratios (财务比率) from a balance sheet and income statement, by the seed's four groups.

    Liquidity (流动性比率): current ratio = current assets ÷ current
    liabilities; quick ratio = (current assets − inventory) ÷ current
    liabilities.  Activity (活动性比率): receivables turnover = sales ÷
    receivables; DSO = year_days ÷ receivables turnover; inventory turnover =
    cost of sales ÷ inventory; asset turnover = sales ÷ total assets.
    Leverage (财务杠杆比率): debt ratio = total liabilities ÷ total assets;
    equity multiplier = total assets ÷ equity.  Profitability (赢利能力比率):
    net margin = net income ÷ sales; ROA = net income ÷ total assets; ROE =
    net income ÷ equity.

    Parameters
    ----------
    statements : DataFrame
        One row per firm with ``id_col`` and cash, receivables, inventory,
        current_assets, current_liabilities, total_assets, total_liabilities,
        sales, cost_of_sales, net_income (元).
    id_col : str
    year_days : {360, 365}

    Returns
    -------
    DataFrame
        Index ``id_col``; one column per ratio (see :data:`RATIO_GROUPS`).

    Notes
    -----
    Groups [002 第三章 比率分析]; ratios as in Brigham & Houston,
    *Fundamentals of Financial Management*, ch. "Analysis of Financial
    Statements" (Allied Food Products: current ratio 3.2, quick ratio 1.2,
    DSO 45.6 days with 365 days, debt ratio 53.0%, ROA 5.9%, ROE 12.5%;
    reproduced in ``tests/test_credit.py``).  Inventory turnover here uses the
    cost of sales (Brigham uses sales; stated convention).

    Examples
    --------
    >>> import pandas as pd
    >>> allied = pd.DataFrame({"applicant": ["Allied"], "cash": [10.0], "receivables": [375.0],
    ...     "inventory": [615.0], "current_assets": [1000.0], "current_liabilities": [310.0],
    ...     "total_assets": [2000.0], "total_liabilities": [1060.0], "sales": [3000.0],
    ...     "cost_of_sales": [2616.2], "net_income": [117.5]})
    >>> r = financial_ratios(allied, year_days=365)
    >>> round(float(r["current_ratio"].iloc[0]), 1), round(float(r["dso"].iloc[0]), 1)
    (3.2, 45.6)
    """
    id_col = check_column(id_col, "id_col", zh="企业列")
    frame = check_frame(statements, "statements", [id_col, *_STATEMENT], zh="财务报表")
    y = check_choice(year_days, "year_days", (360, 365), zh="一年天数")
    try:
        x = {c: frame[c].to_numpy(dtype=float) for c in _STATEMENT}
    except (TypeError, ValueError):
        raise fail("statements", described("statement columns that are not numbers"), "amounts in 元",
                   "以元计的金额", zh="财务报表", kind=InputTypeError) from None
    for c in _STATEMENT:
        if frame[c].dtype == bool or not np.isfinite(x[c]).all() or \
                (c != "net_income" and (x[c] < 0).any()):
            raise fail("statements", described(f"column {c!r} with a bad value"),
                       f"finite amounts in {c!r} (>= 0 except net_income)",
                       f"{c!r} 列为有限金额（净利润外均非负）", zh="财务报表")
    for c in ("current_liabilities", "total_assets", "receivables", "inventory", "sales"):
        if (x[c] <= 0).any():
            raise fail("statements", described(f"column {c!r} with 0"), f"positive {c!r} (a ratio divides by it)",
                       f"为正的 {c!r}（比率以它为分母）", zh="财务报表")
    equity = x["total_assets"] - x["total_liabilities"]
    if (equity <= 0).any():
        raise fail("statements", described("a firm whose liabilities reach its assets"),
                   "positive equity (ROE and the equity multiplier divide by it)",
                   "为正的所有者权益（净资产收益率和权益乘数以它为分母）", zh="财务报表")
    if pd.api.types.infer_dtype(frame[id_col], skipna=False) not in ("string", "integer"):
        raise fail("statements", described(f"missing or list-valued {id_col!r}"),
                   f"one name per firm in {id_col!r}", f"{id_col!r} 列每行一个企业名称", zh="财务报表")
    turnover = x["sales"] / x["receivables"]
    out = pd.DataFrame({
        "current_ratio": x["current_assets"] / x["current_liabilities"],
        "quick_ratio": (x["current_assets"] - x["inventory"]) / x["current_liabilities"],
        "receivables_turnover": turnover, "dso": y / turnover,
        "inventory_turnover": x["cost_of_sales"] / x["inventory"],
        "asset_turnover": x["sales"] / x["total_assets"],
        "debt_ratio": x["total_liabilities"] / x["total_assets"],
        "equity_multiplier": x["total_assets"] / equity,
        "net_margin": x["net_income"] / x["sales"], "roa": x["net_income"] / x["total_assets"],
        "roe": x["net_income"] / equity,
    }, index=pd.Index(frame[id_col].astype(str), name=id_col))
    return out
