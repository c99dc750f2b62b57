"""Regression tests for the fuzz report on crmlab.credit (items tagged [credit]).

Each test is a repro from the report that failed before its fix: a wrong number,
a silent inf, a raw (non-crmlab) error or a message naming the wrong argument.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import crmlab.credit as C
from crmlab import datasets
from crmlab.credit.panels import credit_terms_panel
from crmlab.validation import InputError

AS_OF = "2025-09-30"


@pytest.fixture(scope="module")
def ledger():
    return datasets.load_credit_ledger()


@pytest.fixture(scope="module")
def applicants():
    return datasets.load_distributor_applicants()


def _one_invoice(**changes):
    row = {"customer_id": ["K1"], "invoice_date": ["2025-01-31"], "due_date": ["2025-03-02"],
           "amount": [100.0], "paid_1_date": ["2025-03-12"], "paid_1": [100.0], "paid_2_date": [""],
           "paid_2": [0.0], "written_off_date": [""]}
    row.update({k: [v] for k, v in changes.items()})
    return pd.DataFrame(row)


# ---------------------------------------------------------------- 3: huge amounts gave inf
@pytest.mark.parametrize("call", [
    lambda L: C.ageing(L, AS_OF),
    lambda L: C.ledger_baseline(L, AS_OF),
    lambda L: C.customer_credit_profile(L, AS_OF),
    lambda L: C.outstanding(L, AS_OF),
    lambda L: C.ledger_dso(L, AS_OF),
])
def test_huge_invoice_amount_is_refused_not_inf(ledger, call):
    L1 = ledger.copy()
    L1.loc[0, "amount"] = 1e308
    with pytest.raises(InputError, match=r"ledger .*'amount'.*1e\+15"):
        call(L1)


def test_amount_bound_keeps_large_real_amounts(ledger):
    # 1e12 元 (a trillion) is still accepted and its ageing is exact
    L1 = ledger.copy()
    L1.loc[0, "amount"] = 1e12
    L1.loc[0, ["paid_1", "paid_2"]] = 0.0
    L1.loc[0, ["paid_1_date", "paid_2_date", "written_off_date"]] = pd.NaT
    a = C.ageing(L1, AS_OF)
    assert np.isfinite(a["amount"]).all()
    assert a["amount"].sum() == pytest.approx(C.outstanding(L1, AS_OF).sum(), rel=1e-12)


def test_profile_by_class_overflow_names_profile():
    prof = pd.DataFrame({"credit_sales": [1e308, 1e308], "due": [1.0, 1.0], "collected": [1.0, 1.0],
                         "overdue": [0.0, 0.0], "days_late": [10.0, 10.0], "bad_debt": [0.0, 0.0]},
                        index=pd.Index(["K1", "K2"], name="customer_id"))
    cls = pd.DataFrame({"customer_id": ["K1", "K2"], "class": ["A", "A"]})
    with pytest.raises(InputError, match=r"^profile must be small enough"):
        C.profile_by_class(prof, cls)


def test_credit_limits_overflow_is_refused(applicants):
    a1 = applicants.copy()
    a1.loc[0, "current_assets"] = 1e308
    with pytest.raises(InputError, match=r"^statements, min_current_ratio must be small enough"):
        C.credit_limits(a1)
    with pytest.raises(InputError, match=r"current_assets, current_liabilities, min_current_ratio"):
        C.credit_limit("current_ratio", current_assets=1e308, current_liabilities=0.0,
                       min_current_ratio=1.0 + 1e-9)


# ---------------------------------------------------------------- 5: count-back tolerance
def test_countback_tolerance_is_relative():
    with pytest.raises(InputError, match="monthly_sales"):
        C.countback_dso(6.36e-182, [1.88e-270])
    with pytest.raises(InputError, match=r"receivables of 0\.001"):
        C.countback_dso(1e-3, [1e-12])
    # scaling every amount by the same factor leaves the count-back days unchanged
    for scale in (1e-200, 1e-6, 1.0, 1e200):
        assert C.countback_dso(250 * scale, [100 * scale] * 3) == pytest.approx(75.0)
        assert C.countback_dso(50 * scale, [0.0, 100 * scale]) == pytest.approx(45.0)


# ---------------------------------------------------------------- 6: tz-aware as_of
@pytest.mark.parametrize("fn", [C.outstanding, C.ageing, C.ledger_dso, C.customer_credit_profile,
                                C.ledger_baseline])
def test_tz_aware_as_of_counts_its_local_date(ledger, fn):
    aware = fn(ledger, pd.Timestamp("2025-06-30 23:00", tz="Asia/Shanghai"))
    naive = fn(ledger, "2025-06-30")
    if isinstance(naive, pd.DataFrame):
        pd.testing.assert_frame_equal(aware, naive)
    elif isinstance(naive, np.ndarray):
        np.testing.assert_array_equal(aware, naive)
    else:
        assert aware == naive


def test_tz_aware_ledger_dates_count_their_local_dates():
    L = _one_invoice()
    aware = L.copy()
    for col in ("invoice_date", "due_date", "paid_1_date"):
        aware[col] = pd.to_datetime(aware[col]).dt.tz_localize("UTC")
    assert C.ledger_baseline(aware, "2025-12-31") == C.ledger_baseline(L, "2025-12-31")


# ---------------------------------------------------------------- 11: corrupted result tables
@pytest.mark.parametrize("col, bad", [("band", [1]), ("band", None), ("band", "nonsense"),
                                      ("chosen", [1]), ("chosen", "yes"), ("score", "x"),
                                      ("score", np.nan), ("score", [1]), ("score", True)])
def test_score_view_refuses_corrupted_cells(applicants, col, bad):
    sc = C.credit_score(applicants).astype({col: object})
    sc.iloc[0, sc.columns.get_loc(col)] = bad
    with pytest.raises(InputError, match=rf"^scores .*{col!r}"):
        C.score_view(sc)


def _grading(applicants):
    c = applicants[["applicant", "collection_rate", "sells_competitors"]].copy()
    c["current_ratio"] = C.financial_ratios(applicants)["current_ratio"].to_numpy()
    return c


@pytest.mark.parametrize("col, bad", [("sells_competitors", [1]), ("sells_competitors", "no"),
                                      ("collection_rate", "x"), ("current_ratio", None)])
def test_grade_view_refuses_corrupted_cells(applicants, col, bad):
    c = _grading(applicants)
    grades = C.credit_grade(c)
    c = c.astype({col: object})
    c.iloc[0, c.columns.get_loc(col)] = bad
    with pytest.raises(InputError, match=rf"^customers .*{col!r}"):
        C.grade_view(c, grades)


def test_grade_view_refuses_unknown_grades(applicants):
    c = _grading(applicants)
    grades = C.credit_grade(c).astype(object)
    grades.iloc[0] = "E"
    with pytest.raises(InputError, match=r"^grades "):
        C.grade_view(c, grades)
    ok = C.grade_view(c, C.credit_grade(c))
    assert ok["grade"].tolist() == C.credit_grade(c).tolist()


# ---------------------------------------------------------------- 12: messages name the right arguments
def test_ledger_dso_without_recent_sales_names_the_ledger_and_window(ledger):
    one = ledger.iloc[:1]
    assert pd.Timestamp(one["invoice_date"].iloc[0]) < pd.Timestamp(AS_OF) - pd.Timedelta(days=90)
    with pytest.raises(InputError, match=r"^ledger .*no invoice in the 90 days up to as_of 2025-09-30"):
        C.ledger_dso(one, AS_OF)


def test_bad_debt_rate_message_names_credit_sales():
    with pytest.raises(InputError, match=r"credit_sales \(1\)"):
        C.bad_debt_rate(25, credit_sales=1)


# ---------------------------------------------------------------- minor: payment before invoice
@pytest.mark.parametrize("col", ["paid_1_date", "paid_2_date"])
def test_payment_before_invoice_is_refused(col):
    L = _one_invoice(**{col: "2025-01-01"}, paid_1=60.0, paid_2=40.0,
                     **({} if col == "paid_2_date" else {"paid_2_date": "2025-03-20"}))
    with pytest.raises(InputError, match=rf"^ledger .*\({col!r}\) dated before its invoice date"):
        C.customer_credit_profile(L, "2025-12-31")


def test_payment_on_invoice_day_is_accepted():
    L = _one_invoice(paid_1_date="2025-01-31")
    assert C.customer_credit_profile(L, "2025-12-31").loc["K1", "days_late"] == -30.0


# ---------------------------------------------------------------- minor: slider ends never error
def test_credit_terms_panel_slider_ends_never_error():
    base = {"base_sales": 1e6, "base_days": 30.0, "late_days": 10.0, "base_bad_debt_rate": 0.005}
    panel = credit_terms_panel(baseline=base)
    try:
        sliders = {c.name: c for c in panel.controls}
        days, disc = sliders["credit_days"], sliders["discount_days"]
        assert days.min > disc.max
        for n in (days.min, days.max):
            for dd in (disc.min, disc.max):
                r = panel.set(credit_days=n, discount_days=dd, discount=0.05)
                assert r is not None and panel.error is None, panel.error
                assert r["decision"] in ("采用新条件", "维持现行条件")
    finally:
        panel.close()
