"""Property registry of Chapter 6 (crmlab.credit): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import functools

from propkit import CONTRACT, FUZZ, VALID, Arg, Call

P = "test_prop_credit.py::"
AS_OF = "2025-12-31"


@functools.lru_cache(maxsize=None)
def _ledger_all():
    from crmlab import datasets
    return datasets.load("credit_ledger")


def ledger():
    """The invoices of 8 customers of the bundled ledger (模拟数据), dates as read from the CSV."""
    L = _ledger_all()
    keep = sorted(L["customer_id"].unique())[:8]
    return L[L["customer_id"].isin(keep)].reset_index(drop=True).copy()


@functools.lru_cache(maxsize=None)
def _applicants():
    from crmlab import datasets
    return datasets.load("distributor_applicants")


def applicants():
    return _applicants().copy()


def policies():
    now = {"sales": 1000.0, "collection_days": 30.0, "bad_debt_rate": 0.01, "collection_cost": 5.0}
    new = {"sales": 1100.0, "collection_days": 45.0, "bad_debt_rate": 0.015, "collection_cost": 6.0,
           "discount": 0.01, "discount_share": 0.3}
    return now, new


def CALLS():
    from crmlab import credit as C
    N = lambda v: Arg("num", v)  # noqa: E731
    L = lambda: Arg("frame", ledger(), ids=("customer_id",), nums=("amount", "paid_1"),  # noqa: E731
                    dates=("invoice_date", "due_date"))
    A = lambda: Arg("frame", applicants(), ids=("applicant",), nums=("finance_score",))  # noqa: E731
    S = lambda: Arg("frame", applicants(), ids=("applicant",), nums=("sales", "receivables"))  # noqa: E731
    now, new = policies()
    prof = C.customer_credit_profile(ledger(), AS_OF)
    classes = prof.reset_index()[["customer_id"]].assign(**{"class": "A"})
    grade_frame = applicants().assign(current_ratio=1.5)
    return [
        Call("credit.dso", lambda: dict(receivables=N(375.0), credit_sales=N(3000.0), days=N(365.0))),
        Call("credit.countback_dso", lambda: dict(receivables=N(250.0),
                                                  monthly_sales=Arg("array", (100.0, 100.0, 100.0)),
                                                  month_days=N(30.0))),
        Call("credit.outstanding", lambda: dict(ledger=L(), as_of=Arg("text", AS_OF))),
        Call("credit.ageing", lambda: dict(ledger=L(), as_of=Arg("text", AS_OF),
                                           buckets=Arg("array", (30.0, 60.0, 90.0)))),
        Call("credit.ledger_dso", lambda: dict(ledger=L(), as_of=Arg("text", AS_OF), days=N(90.0),
                                               method=Arg("choice", "average"))),
        Call("credit.customer_credit_profile", lambda: dict(ledger=L(), as_of=Arg("text", AS_OF))),
        Call("credit.ledger_baseline", lambda: dict(ledger=L(), as_of=Arg("text", AS_OF))),
        Call("credit.collection_rate", lambda: dict(collected=N(950.0), due=N(1000.0))),
        Call("credit.bad_debt_rate", lambda: dict(bad_debts=N(25.0), credit_sales=N(1000.0))),
        Call("credit.profile_by_class", lambda: dict(
            profile=Arg("object", prof), classes=Arg("frame", classes, ids=("customer_id",)),
            class_col=Arg("col", "class"), id_col=Arg("col", "customer_id"))),
        Call("credit.cost_of_forgoing_discount", lambda: dict(
            discount=N(0.02), discount_days=N(10.0), net_days=N(30.0), year_days=Arg("choice", 360),
            effective=Arg("bool", False))),
        Call("credit.average_collection_period", lambda: dict(
            days=Arg("array", (15.0, 30.0, 40.0)), shares=Arg("array", (0.6, 0.32, 0.08)))),
        Call("credit.credit_policy", lambda: dict(policy=Arg("object", new), variable_cost_ratio=N(0.7),
                                                  cost_of_capital=N(0.1), year_days=Arg("choice", 360))),
        *[Call(f"credit.{f}", (lambda: dict(current=Arg("object", now), proposed=Arg("object", new),
                                            variable_cost_ratio=N(0.7), cost_of_capital=N(0.1),
                                            year_days=Arg("choice", 360))))
          for f in ("credit_policy_change", "net_cash_flow")],
        Call("credit.credit_terms_whatif", lambda: dict(
            credit_days=N(60.0), discount=N(0.02), discount_days=N(10.0), takeup=N(0.4),
            base_sales=N(1e6), base_days=N(30.0), sales_per_30_days=N(0.06), base_bad_debt_rate=N(0.005),
            bad_debt_per_30_days=N(0.004), late_days=N(10.0), collection_cost_rate=N(0.002),
            variable_cost_ratio=N(0.8), cost_of_capital=N(0.1), year_days=Arg("choice", 360))),
        Call("credit.liu_bo_terms", lambda: dict(credit_days=N(30.0), discount=N(0.01),
                                                 discount_days=N(10.0), takeup=N(0.3))),
        Call("credit.credit_terms_panel_model", lambda: dict(
            credit_days=N(60.0), discount=N(0.02), discount_days=N(10.0), takeup=N(0.4),
            base_sales=N(1e6), base_days=N(30.0), late_days=N(10.0), base_bad_debt_rate=N(0.005))),
        Call("credit.score_band", lambda: dict(score=N(75.0))),
        Call("credit.credit_score", lambda: dict(applicants=A(), weights=Arg("fixed", None),
                                                 id_col=Arg("col", "applicant"))),
        Call("credit.scoring_panel_model", lambda: dict(
            applicants=A(), finance_score=N(1.0), business_score=N(2.0), cooperation_score=N(1.0),
            channel_score=N(1.0))),
        Call("credit.credit_grade", lambda: dict(
            customers=Arg("frame", grade_frame, nums=("collection_rate", "current_ratio")),
            collection_col=Arg("col", "collection_rate"), ability_col=Arg("col", "current_ratio"),
            competitor_col=Arg("col", "sells_competitors"))),
        Call("credit.credit_limit", lambda: dict(
            method=Arg("choice", "current_ratio"), current_assets=N(500_000.0),
            current_liabilities=N(300_000.0), liquidation_value=Arg("fixed", None),
            annual_purchases=Arg("fixed", None), share=Arg("fixed", None), credit_days=Arg("fixed", None),
            order_days=Arg("fixed", 0.0), min_current_ratio=Arg("num?", 1.5)), positional=("method",)),
        Call("credit.liu_bo_scan", lambda: dict(credit_days=Arg("array", (0.0, 30.0, 60.0)))),
        Call("credit.credit_limits", lambda: dict(
            statements=Arg("frame", applicants(), ids=("applicant",), nums=("current_assets", "sales")),
            purchase_share=N(0.1), credit_days=N(30.0), working_capital_share=N(0.1), liquidation_share=N(0.2),
            min_current_ratio=N(1.5), id_col=Arg("col", "applicant"))),
        Call("credit.financial_ratios", lambda: dict(statements=S(), id_col=Arg("col", "applicant"),
                                                     year_days=Arg("choice", 360))),
        Call("credit.ledger_view", lambda: dict(ledger=Arg("object", ledger()), rows=Arg("int", 6))),
        Call("credit.policy_view", lambda: dict(table=Arg("object", C.credit_policy_change(
            now, new, 0.7, 0.1)))),
        Call("credit.grade_view", lambda: dict(customers=Arg("frame", grade_frame, ids=("applicant",)),
                                               grades=Arg("object", C.credit_grade(grade_frame)),
                                               id_col=Arg("col", "applicant"))),
        Call("credit.score_view", lambda: dict(scores=Arg("object", C.credit_score(applicants())))),
        Call("credit.plot_policy_waterfall", lambda: dict(table=Arg("object", C.credit_policy_change(
            now, new, 0.7, 0.1)), ax=Arg("fixed", None))),
        Call("credit.plot_ageing", lambda: dict(table=Arg("object", C.ageing(ledger(), AS_OF)),
                                                ax=Arg("fixed", None))),
        Call("credit.plot_scores", lambda: dict(scores=Arg("object", C.credit_score(applicants())),
                                                ax=Arg("fixed", None))),
        Call("credit.credit_terms_panel", lambda: dict(
            credit_days=N(60.0), discount=N(0.02), discount_days=N(10.0), takeup=N(0.4),
            sales_per_30_days=N(0.06), bad_debt_per_30_days=N(0.004), variable_cost_ratio=N(0.8),
            cost_of_capital=N(0.1), collection_cost_rate=N(0.002),
            baseline=Arg("fixed", {"base_sales": 1e6, "base_days": 30.0, "late_days": 10.0,
                                   "base_bad_debt_rate": 0.005}))),
        Call("simulate.credit.generate_ledger", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.credit.generate_applicants", lambda: dict(seed=Arg("int", 1))),
        Call("credit.scoring_panel", lambda: dict(
            applicants=Arg("fixed", applicants()), finance_score=N(1.0), business_score=N(1.0),
            cooperation_score=N(1.0), channel_score=N(1.0))),
    ]


_MODEL = ("dso countback_dso outstanding ageing ledger_dso customer_credit_profile ledger_baseline "
          "collection_rate bad_debt_rate profile_by_class cost_of_forgoing_discount "
          "average_collection_period credit_policy credit_policy_change net_cash_flow "
          "credit_terms_whatif liu_bo_terms credit_terms_panel_model score_band credit_score "
          "scoring_panel_model credit_grade credit_limit credit_limits financial_ratios liu_bo_scan").split()
_NUMERIC = {"dso", "countback_dso", "ledger_dso", "collection_rate", "bad_debt_rate",
            "cost_of_forgoing_discount", "credit_policy", "credit_policy_change", "net_cash_flow",
            "credit_terms_whatif", "liu_bo_terms", "credit_terms_panel_model", "score_band",
            "scoring_panel_model", "credit_limit", "credit_limits"}

COVER = {f"credit.{n}": (CONTRACT, VALID) + ((FUZZ,) if n in _NUMERIC else ()) for n in _MODEL}
COVER.update({
    "credit.dso": COVER["credit.dso"] + (P + "test_dso_equals_countback_for_flat_sales",),
    "credit.countback_dso": COVER["credit.countback_dso"] + (P + "test_dso_equals_countback_for_flat_sales",),
    "credit.ageing": COVER["credit.ageing"] + (P + "test_ageing_totals_the_open_balances",),
    "credit.outstanding": COVER["credit.outstanding"] + (P + "test_ageing_totals_the_open_balances",),
    "credit.cost_of_forgoing_discount": COVER["credit.cost_of_forgoing_discount"]
    + (P + "test_cost_of_forgoing_discount_monotone_and_effective_above_nominal",),
    "credit.credit_policy_change": COVER["credit.credit_policy_change"]
    + (P + "test_marginal_net_change_is_the_sum_of_its_lines",),
    "credit.net_cash_flow": COVER["credit.net_cash_flow"] + (P + "test_methods_equal_without_cost_of_capital",),
    "credit.credit_terms_whatif": COVER["credit.credit_terms_whatif"]
    + (P + "test_terms_whatif_worse_with_more_bad_debt",),
    "credit.credit_score": COVER["credit.credit_score"] + (P + "test_score_is_a_weighted_mean_within_the_criteria",),
    "credit.score_band": COVER["credit.score_band"] + (P + "test_score_is_a_weighted_mean_within_the_criteria",),
    "credit.credit_limit": COVER["credit.credit_limit"] + (P + "test_current_ratio_limit_keeps_the_floor",),
})
for _n in ("ledger_view", "policy_view", "score_view", "grade_view", "plot_policy_waterfall", "plot_ageing", "plot_scores"):
    COVER[f"credit.{_n}"] = (CONTRACT, VALID)
for _n in ("credit_terms_panel", "scoring_panel"):
    COVER[f"credit.{_n}"] = (CONTRACT, P + "test_credit_panels_at_slider_ends_and_random_walks")
COVER["simulate.credit.generate_ledger"] = (CONTRACT, VALID)
COVER["simulate.credit.generate_applicants"] = (CONTRACT, VALID)


def _terms_panel():
    from crmlab import credit
    return credit.credit_terms_panel()


def _scoring_panel():
    from crmlab import credit
    return credit.scoring_panel()


PANELS = {"credit.credit_terms_panel": _terms_panel, "credit.scoring_panel": _scoring_panel}
