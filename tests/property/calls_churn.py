"""Property registry of the China Mobile case (crmlab.churn): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import functools

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call, cover

_C = "test_prop_churn.py::"


@functools.lru_cache(maxsize=None)
def _subs_all() -> pd.DataFrame:
    from crmlab import datasets
    return datasets.load_mobile_subscribers()


def subs() -> pd.DataFrame:
    """1,500 subscribers drawn (fixed seed) from the bundled mobile data (模拟数据)."""
    return _subs_all().sample(1500, random_state=7).reset_index(drop=True).copy()


def _subs_arg(**kw):
    base = dict(required=("segment", "join_month", "churn_month"), months=("join_month", "churn_month"))
    base.update(kw)
    return Arg("frame", subs(), **base)


def cause_key() -> str:
    from crmlab import churn
    return str(churn.CAUSES.iloc[0, 0])


def programme_inputs_all() -> dict:
    """{(segment, cause name): programme_inputs(...)} as programme_panel measures it."""
    from crmlab import churn
    s = subs()
    segs = [churn.ALL, *sorted(map(str, s["segment"].unique()))]
    return {(g, c): churn.programme_inputs(s, c, g) for g in segs for c in churn.CAUSES["name_zh"]}


def CALLS():
    from crmlab import churn
    N = lambda v: Arg("num", v)  # noqa: E731
    SPAN = lambda: dict(start=Arg("int", 1), end=Arg("int?", None))  # noqa: E731
    return [
        Call("churn.monthly_discount_rate", lambda: dict(discount_rate=Arg("num", 0.1))),
        Call("churn.monthly_churn", lambda: dict(subs=_subs_arg(required=("join_month", "churn_month")),
                                                 by=Arg("col?", None), join_col=Arg("col", "join_month"),
                                                 churn_col=Arg("col", "churn_month"), **SPAN())),
        Call("churn.cohort_retention", lambda: dict(subs=_subs_arg(required=("join_month", "churn_month")),
                                                    join_col=Arg("col", "join_month"),
                                                    churn_col=Arg("col", "churn_month"),
                                                    as_counts=Arg("bool", False), **SPAN())),
        Call("churn.survival_by_segment", lambda: dict(subs=_subs_arg(ids=("segment",)),
                                                       segment_col=Arg("col", "segment"),
                                                       join_col=Arg("col", "join_month"),
                                                       churn_col=Arg("col", "churn_month"), **SPAN())),
        Call("churn.churn_by_cause", lambda: dict(subs=_subs_arg(required=("segment", "churn_cause")),
                                                  segment_col=Arg("col", "segment"),
                                                  cause_col=Arg("col", "churn_cause"), **SPAN())),
        Call("churn.segment_clv", lambda: dict(subs=_subs_arg(nums=("margin",)), discount_rate=Arg("num", 0.1),
                                               timing=Arg("choice", "end"), margin_col=Arg("col", "margin"),
                                               recent_months=Arg("int", 12), **SPAN())),
        Call("churn.revenue_at_risk", lambda: dict(subs=_subs_arg(nums=("margin", "arpu")),
                                                   discount_rate=Arg("num", 0.1), timing=Arg("choice", "end"),
                                                   arpu_col=Arg("col", "arpu"), margin_col=Arg("col", "margin"),
                                                   recent_months=Arg("int", 12), **SPAN())),
        Call("churn.complaint_effect", lambda: dict(
            subs=_subs_arg(required=("complaint_status", "last_complaint_month", "join_month", "churn_month")),
            horizon=Arg("int", 12), **SPAN())),
        Call("churn.complaint_claims", lambda: dict(subs=_subs_arg(required=("complaint_status",)),
                                                    horizon=Arg("int", 12))),
        Call("churn.programme_inputs", lambda: dict(subs=_subs_arg(nums=("margin",)), cause=Arg("text", cause_key()),
                                                    segment=Arg("text", "全部"), recent_months=Arg("int", 12),
                                                    **SPAN())),
        Call("churn.retention_programme", lambda: dict(
            subs_or_params=Arg("frame", subs(), required=("segment", "churn_month"), nums=("margin",)),
            cause=Arg("text", cause_key()), segment=Arg("text", "全部"), reduction=Arg("num", 0.2),
            cost_per_sub_month=Arg("num", 1.0), discount_rate=Arg("num", 0.1), months=Arg("int", 24))),
        Call("churn.best_cause_to_attack", lambda: dict(
            subs=_subs_arg(nums=("margin",)), reduction=Arg("num", 0.2), cost_per_sub_month=Arg("num", 1.0),
            discount_rate=Arg("num", 0.1), segment=Arg("fixed", None), months=Arg("int", 24),
            include_uncontrollable=Arg("bool", False), recent_months=Arg("int", 12))),
        Call("churn.plot_churn_rate", lambda: dict(monthly=Arg("object", churn.monthly_churn(subs())),
                                                   by=Arg("fixed", None), title=Arg("fixed", "月流失率"))),
        Call("churn.plot_survival", lambda: dict(curves=Arg("object", churn.survival_by_segment(subs())[0]),
                                                 medians=Arg("fixed", None), title=Arg("fixed", "生存"))),
        Call("churn.plot_causes", lambda: dict(by_cause=Arg("object", churn.churn_by_cause(subs())),
                                               value=Arg("choice", "share"), title=Arg("fixed", "原因"))),
        Call("churn.plot_programme", lambda: dict(
            result=Arg("object", churn.retention_programme(subs(), cause_key())),
            title=Arg("fixed", None), ax=Arg("fixed", None))),
        Call("churn.programme_panel_model", lambda: dict(
            inputs=Arg("object", programme_inputs_all()),
            cause=Arg("text", cause_key()), segment=Arg("text", "全部"), reduction=Arg("num", 0.2),
            cost_per_sub_month=Arg("num", 1.0), discount_rate=Arg("num", 0.1), months=Arg("int", 24))),
        Call("churn.programme_panel", lambda: dict(
            subs=_subs_arg(nums=("margin",)), cause=Arg("fixed", None), segment=Arg("fixed", None),
            reduction=Arg("num", 0.2), cost_per_sub_month=Arg("num", 1.0), discount_rate=Arg("num", 0.1),
            months=Arg("int", 24))),
        Call("churn.survival_sample", lambda: dict(subs=_subs_arg(required=("join_month", "churn_month")),
                                                   start=Arg("int", 1), end=Arg("int?", None))),
        Call("churn.keep_or_replace", lambda: dict(acquisition_cost=N(300.0), retention_cost=Arg("num?", 60.0),
                                                   new_per_lost=Arg("num?", 10.0), lost_customers=N(1.0))),
        Call("churn.winback_inputs", lambda: dict(subs=_subs_arg(nums=("margin", "arpu")), discount_rate=N(0.1),
                                                  segment=Arg("text", "全部"))),
        Call("churn.winback_campaign", lambda: dict(lost_customers=N(1000.0), winback_rate=N(0.1),
                                                    value_per_won_back=N(800.0), cost_per_contact=N(20.0),
                                                    incentive_per_won_back=N(100.0))),
        Call("churn.winback_by_segment", lambda: dict(
            subs=_subs_arg(nums=("margin", "arpu")), winback_rate=N(0.2), cost_per_contact=N(20.0),
            incentive_per_won_back=N(0.0), discount_rate=N(0.1), cause=Arg("fixed", None))),
        Call("churn.all_programme_inputs", lambda: dict(subs=_subs_arg(nums=("margin",)))),
        Call("churn.programme_in_segment", lambda: dict(
            inputs=Arg("object", programme_inputs_all()), cause=Arg("text", cause_key()),
            segment=Arg("text", "全部"), reduction=N(0.2), cost_per_sub_month=N(1.0), discount_rate=N(0.1),
            months=Arg("int", 24))),
        Call("churn.segment_profile", lambda: dict(
            subs=Arg("frame", subs(), ids=("segment",), nums=("arpu", "margin"), required=("subscriber_id", "churned")))),
        Call("churn.cause_structure", lambda: dict(by_cause=Arg("object", churn.churn_by_cause(subs())))),
        Call("churn.loss_by_cause", lambda: dict(risk=Arg("object", churn.revenue_at_risk(subs(), 0.1)),
                                                 segment=Arg("text", "全部"))),
        Call("churn.ranking_table", lambda: dict(ranking=Arg("object", churn.best_cause_to_attack(subs())),
                                                 top=Arg("int", 8))),
        Call("churn.claims_table", lambda: dict(claims=Arg("object", churn.complaint_claims(subs())))),
        Call("churn.items_table", lambda: dict(result=Arg("object", churn.winback_campaign(1000, 0.1, 800.0, 20.0)),
                                               items=Arg("fixed", ["won_back", "net_value"]))),
    ]


COVER = cover(
    ("churn.survival_by_segment", CONTRACT,
     _C + "test_kaplan_meier_non_increasing_in_unit_interval_censored_at_end",
     _C + "test_kaplan_meier_equals_product_limit_by_hand"),
    ("churn.monthly_churn churn.cohort_retention", CONTRACT, _C + "test_monthly_churn_rates_are_shares"),
    ("churn.monthly_discount_rate", CONTRACT, FUZZ, _C + "test_monthly_discount_compounds_to_annual"),
    ("churn.churn_by_cause churn.segment_clv churn.revenue_at_risk churn.complaint_effect "
     "churn.complaint_claims churn.programme_inputs churn.retention_programme "
     "churn.best_cause_to_attack churn.programme_panel_model churn.plot_churn_rate churn.plot_survival "
     "churn.plot_causes churn.plot_programme", CONTRACT, VALID),
    ("churn.programme_panel", CONTRACT, "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
    ("churn.survival_sample churn.keep_or_replace churn.winback_inputs churn.winback_campaign "
     "churn.winback_by_segment churn.all_programme_inputs churn.programme_in_segment "
     "churn.segment_profile churn.cause_structure churn.loss_by_cause churn.ranking_table "
     "churn.claims_table churn.items_table", CONTRACT, VALID),
)


def _programme_panel():
    from crmlab import churn, datasets
    return churn.programme_panel(datasets.load_mobile_subscribers(), None, None, reduction=0.2,
                                 cost_per_sub_month=1.0, discount_rate=0.1, months=24,
                                 recent_months=12)


PANELS = {"churn.programme_panel": _programme_panel}
