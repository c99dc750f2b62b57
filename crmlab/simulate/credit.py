"""A simulated receivables ledger and distributor applicants (模拟数据), Chapter 6.

Two data sets of Chapter 6 (客户信用管理):

* ``credit_ledger`` — the monthly statements (对账单, one invoice per customer
  and month of 2025) of the Chapter 5 beverage distributor's customers that
  buy on credit (payment terms 月结, 30天账期 or 60天账期 in
  ``beverage_customers``; cash customers have no receivable).  The customer
  ids and the terms come from :func:`crmlab.datasets.load_beverage_customers`,
  the invoice amounts are the customer's 2025 order lines of
  ``beverage_orders`` summed by month, so that credit behaviour can be set
  beside the ABC class of Chapter 5.  Each invoice is paid in at most two
  instalments (a partial payment and the rest); a few customers who stopped
  buying leave unpaid invoices that are written off (坏账).  The ledger is
  cut at 2025-12-31: a payment after that date is not yet known (empty).
* ``distributor_applicants`` — eight invented firms that apply to become a
  distributor: the four criterion scores of the seed's evaluation table
  ([002] 第二章: 财务、业务能力、合作态度、渠道能力, 0–100 points), the
  collection rate their previous suppliers report, whether they also sell
  competing brands, and a short balance sheet and income statement (元).

Design targets (this book's, 本书补充; no seed gives a DSO): about two in
three credit customers pay within a week of the due date, one in four pays
two to seven weeks late, about one in ten pays part first and the rest a
month or two later; about 3% of credit customers (chosen among those who
left in 2024–2025) leave their last invoices unpaid, written off 120 days
after the due date.  The resulting DSO at 2025-12-31 (90-day average) is about 45 days
(tested in ``tests/test_credit.py``).  Names and figures describe no real firm.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._args import check_seed

__all__ = ["generate_ledger", "generate_applicants"]

#: Last day the ledger knows about.
LEDGER_END = pd.Timestamp("2025-12-31")
#: Days from the statement date to the due date, by payment terms (beverage_customers).
_TERMS_DAYS = {"月结": 15, "30天账期": 30, "60天账期": 60}
#: Payer behaviour shares among credit customers: on time, late, partial.
_BEHAVIOUR = (("on_time", 0.64), ("late", 0.25), ("partial", 0.11))
_BAD_DEBT_SHARE = 0.03   # of credit customers, chosen among those who left
_WRITE_OFF_DAYS = 120    # days after the due date


def generate_ledger(seed: int = 20250601) -> pd.DataFrame:
    """Generate the 2025 receivables ledger of the beverage distributor's credit customers.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).

    Returns
    -------
    DataFrame
        One row per invoice: ``invoice_id``, ``customer_id``, ``payment_terms``,
        ``invoice_date`` (month end), ``due_date``, ``amount`` (元),
        ``paid_1_date`` / ``paid_1`` (first payment), ``paid_2_date`` /
        ``paid_2`` (the rest, for partial payers), ``written_off_date``
        (empty unless the balance was written off as a bad debt) and
        ``payer_type`` (准时, 拖延, 分期, 坏账: the simulated behaviour, so that
        a student can check what the ledger analysis recovers).  Dates after
        2025-12-31 are not yet known and are empty; so is the amount paid then.

    Examples
    --------
    >>> df = generate_ledger(1)
    >>> bool((df["paid_1"] + df["paid_2"] <= df["amount"] + 1e-9).all())
    True
    >>> sorted(df["payment_terms"].unique())
    ['30天账期', '60天账期', '月结']
    """
    from .. import datasets

    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    customers = datasets.load_beverage_customers()
    orders = datasets.load_beverage_orders()
    credit = customers[customers["payment_terms"].astype(str).isin(list(_TERMS_DAYS))].copy()
    credit["terms"] = credit["payment_terms"].astype(str)
    lines = orders[(orders["date"].dt.year == 2025)
                   & orders["customer_id"].isin(credit["customer_id"])]
    month_end = lines["date"].dt.to_period("M").dt.to_timestamp(how="end").dt.normalize()
    inv = (lines.assign(invoice_date=month_end)
           .groupby(["customer_id", "invoice_date"], as_index=False, observed=True)["sales"].sum()
           .rename(columns={"sales": "amount"}))
    inv = inv.merge(credit[["customer_id", "terms", "left"]], on="customer_id", how="left")
    inv = inv.sort_values(["customer_id", "invoice_date"]).reset_index(drop=True)
    n = len(inv)

    # One behaviour per customer; bad debtors among those who left.
    ids = credit["customer_id"].to_numpy()
    kinds = np.array([k for k, _ in _BEHAVIOUR])
    behaviour = pd.Series(rng.choice(kinds, size=len(ids), p=[p for _, p in _BEHAVIOUR]), index=ids)
    counts = inv.groupby("customer_id").size()
    left_2025 = credit.loc[credit["left"].notna() & (credit["left"].dt.year == 2025), "customer_id"]
    leavers = left_2025[left_2025.map(counts).fillna(0).to_numpy() >= 4].to_numpy()
    n_bad = max(1, int(round(_BAD_DEBT_SHARE * len(ids))))
    bad = rng.choice(np.sort(leavers), size=min(n_bad, len(leavers)), replace=False)
    behaviour[bad] = "bad"
    kind = behaviour.reindex(inv["customer_id"]).to_numpy()

    due = inv["invoice_date"] + pd.to_timedelta(inv["terms"].map(_TERMS_DAYS), unit="D")
    amount = inv["amount"].round(2).to_numpy()
    # Days from the due date to the (first) payment.
    delay = np.where(kind == "on_time", rng.integers(-5, 8, n),
                     np.where(kind == "late", rng.integers(14, 50, n),
                              np.where(kind == "partial", rng.integers(0, 20, n), rng.integers(5, 40, n))))
    share_1 = np.where(kind == "partial", rng.uniform(0.5, 0.9, n).round(2), 1.0)
    delay_2 = rng.integers(25, 70, n)
    # Bad debtors stop paying their last three invoices.
    last_rank = inv.groupby("customer_id").cumcount(ascending=False).to_numpy()
    unpaid = (kind == "bad") & (last_rank < 3)
    paid_1_date = (due + pd.to_timedelta(delay, unit="D")).where(~unpaid)
    paid_1 = np.where(unpaid, 0.0, (amount * share_1).round(2))
    rest = (amount - paid_1).round(2)
    paid_2_date = (paid_1_date + pd.to_timedelta(delay_2, unit="D")).where((kind == "partial") & ~unpaid)
    paid_2 = np.where(paid_2_date.notna(), rest, 0.0)
    off_date = (due + pd.to_timedelta(_WRITE_OFF_DAYS, unit="D")).where(unpaid)

    # Cut at the ledger's end: later events are not yet known.
    known_1 = paid_1_date <= LEDGER_END
    paid_1 = np.where(known_1, paid_1, 0.0)
    paid_1_date = paid_1_date.where(known_1)
    known_2 = paid_2_date <= LEDGER_END
    paid_2 = np.where(known_2, paid_2, 0.0)
    paid_2_date = paid_2_date.where(known_2)
    off_date = off_date.where(off_date <= LEDGER_END)

    words = {"on_time": "准时", "late": "拖延", "partial": "分期", "bad": "坏账"}
    return pd.DataFrame({
        "invoice_id": [f"F{i:05d}" for i in range(1, n + 1)],
        "customer_id": inv["customer_id"].astype(str).to_numpy(),
        "payment_terms": inv["terms"].to_numpy(),
        "invoice_date": inv["invoice_date"].dt.date.astype(str).to_numpy(),
        "due_date": due.dt.date.astype(str).to_numpy(),
        "amount": amount,
        "paid_1_date": paid_1_date.dt.date.astype("string").fillna("").to_numpy(),
        "paid_1": paid_1.round(2),
        "paid_2_date": paid_2_date.dt.date.astype("string").fillna("").to_numpy(),
        "paid_2": np.asarray(paid_2, dtype=float).round(2),
        "written_off_date": off_date.dt.date.astype("string").fillna("").to_numpy(),
        "payer_type": pd.Series(kind).map(words).to_numpy(),
    })


#: The applicants: (name, target total score, sells competing brands, collection rate).
_APPLICANTS = (("甲商贸", 64.0, True, 0.82), ("乙批发", 72.0, False, 0.96),
               ("丙贸易", 77.0, True, 0.93), ("丁酒水", 79.0, False, 0.97),
               ("戊商行", 83.0, False, 0.95), ("己连锁", 90.0, True, 0.98),
               ("庚副食", 68.0, False, 0.88), ("辛物流", 74.0, False, 0.91))
_CRITERIA = ("finance_score", "business_score", "cooperation_score", "channel_score")


def generate_applicants(seed: int = 20250602) -> pd.DataFrame:
    """Generate eight invented distributor applicants with scores and statements.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng`` (an integer >= 0).

    Returns
    -------
    DataFrame
        ``applicant``, four criterion scores (0–100), ``sells_competitors``
        (also sells competing brands), ``collection_rate`` (reported by
        previous suppliers), and the statements in 元: ``cash``,
        ``receivables``, ``inventory``, ``current_assets``,
        ``current_liabilities``, ``total_assets``, ``total_liabilities``,
        ``liquidation_value`` (what the assets would fetch in a forced sale), ``sales``, ``cost_of_sales``, ``net_income``.
        With equal weights the total score of each applicant is the target
        of ``_APPLICANTS`` to within a point.

    Examples
    --------
    >>> df = generate_applicants(1)
    >>> len(df), bool((df["current_assets"] >= df["cash"] + df["receivables"] + df["inventory"] - 1e-6).all())
    (8, True)
    """
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    n = len(_APPLICANTS)
    target = np.array([a[1] for a in _APPLICANTS])
    spread = rng.normal(0.0, 6.0, size=(n, 4))
    spread -= spread.mean(axis=1, keepdims=True)          # keeps the mean at the target
    scores = np.clip(np.round(target[:, None] + spread), 0, 100)
    # A stronger applicant is larger: sales grow with the finance and channel scores.
    size = np.exp(rng.normal(0.0, 0.25, n)) * (0.4 + (scores[:, 0] + scores[:, 3]) / 100.0)
    sales = np.round(size * 6_000_000, -3)
    cost = np.round(sales * rng.uniform(0.78, 0.86, n), -3)
    net_income = np.round(sales * (0.01 + 0.0006 * (scores[:, 0] - 60)), -2)
    receivables = np.round(sales * rng.uniform(40, 75, n) / 360, -3)
    inventory = np.round(cost * rng.uniform(30, 60, n) / 360, -3)
    cash = np.round(sales * rng.uniform(0.01, 0.06, n), -3)
    other = np.round(sales * rng.uniform(0.0, 0.02, n), -3)
    current_assets = cash + receivables + inventory + other
    ratio = 0.9 + 1.3 * (scores[:, 0] - 55) / 40 + rng.normal(0, 0.1, n)
    current_liabilities = np.round(current_assets / np.clip(ratio, 0.7, 3.0), -3)
    fixed = np.round(sales * rng.uniform(0.05, 0.2, n), -3)
    total_assets = current_assets + fixed
    total_liabilities = np.round(current_liabilities + fixed * rng.uniform(0.1, 0.6, n), -3)
    # What the assets would fetch in a forced sale (清算价值), before paying any debt.
    liquidation = np.round(0.9 * cash + 0.7 * receivables + 0.5 * inventory + 0.4 * fixed, -3)
    out = pd.DataFrame({"applicant": [a[0] for a in _APPLICANTS]})
    for j, c in enumerate(_CRITERIA):
        out[c] = scores[:, j]
    out["sells_competitors"] = [a[2] for a in _APPLICANTS]
    out["collection_rate"] = [a[3] for a in _APPLICANTS]
    out["cash"], out["receivables"], out["inventory"] = cash, receivables, inventory
    out["current_assets"], out["current_liabilities"] = current_assets, current_liabilities
    out["total_assets"], out["total_liabilities"] = total_assets, total_liabilities
    out["liquidation_value"] = liquidation
    out["sales"], out["cost_of_sales"], out["net_income"] = sales, cost, net_income
    return out
