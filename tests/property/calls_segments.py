"""Property registry of Chapter 5 (crmlab.segments): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import pandas as pd

from propkit import CONTRACT, VALID, Arg, Call, cover, orders, orders_year

_S = "test_prop_segments.py::"


def sales() -> pd.DataFrame:
    """A small per-customer table with sales, profit and potential."""
    return pd.DataFrame({
        "customer_id": [f"C{i:02d}" for i in range(1, 13)],
        "sales": [900.0, 500, 320, 200, 150, 90, 60, 40, 25, 10, 5, 0],
        "profit": [300.0, 120, -40, 80, 20, -10, 15, 5, -30, 2, 1, 0],
        "potential": [1.0, 5, 2, 8, 3, 9, 1, 4, 7, 6, 2, 3],
    })


def CALLS():
    from crmlab import segments
    S = lambda **kw: Arg("frame", sales(), **kw)  # noqa: E731
    O = lambda **kw: Arg("frame", orders(), **kw)  # noqa: E731

    def groups():
        o = orders_year()
        return segments.rfm_segment(segments.rfm_score(segments.rfm_table(o), bins=3, monetary_col="monetary"))

    def profit():
        from crmlab import accounts
        return accounts.customer_summary(orders_year())

    def lists():
        return segments.customer_lists(groups(), profit())

    return [
        Call("segments.abc_classify", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                   value_col=Arg("col", "sales"), id_col=Arg("col", "customer_id"),
                                                   cuts=Arg("array", (0.7, 0.9)),
                                                   labels=Arg("fixed", ("A", "B", "C")))),
        Call("segments.management_tiers", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                       sales_col=Arg("col", "sales"),
                                                       id_col=Arg("col", "customer_id"),
                                                       potential_col=Arg("col?", "potential"),
                                                       shares=Arg("array", (0.1, 0.3, 0.6)),
                                                       potential_cut=Arg("num?", 5.0))),
        Call("segments.value_tiers", lambda: dict(data=S(ids=("customer_id",), nums=("profit",)),
                                                  value_col=Arg("col", "profit"),
                                                  id_col=Arg("col", "customer_id"),
                                                  focus_share=Arg("num", 0.2), exit_share=Arg("num", 0.15))),
        Call("segments.pareto_table", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                                   name=Arg("text?", "value"))),
        Call("segments.top_share", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                                customer_share=Arg("num", 0.2))),
        Call("segments.lorenz_curve", lambda: dict(values=Arg("array", sales()["sales"].tolist()))),
        Call("segments.gini", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                           correction=Arg("bool", False))),
        Call("segments.whale_curve", lambda: dict(
            profit_by_customer=S(ids=("customer_id",), nums=("profit",)),
            profit_col=Arg("col", "profit"), id_col=Arg("col", "customer_id"))),
        Call("segments.WhaleCurve", lambda: dict(**{
            k: Arg("fixed", v) for k, v in vars(segments.whale_curve(sales())).items()})),
        Call("segments.rfm_table", lambda: dict(
            transactions=Arg("frame", orders_year(), ids=("customer_id",), nums=("sales",), dates=("date",)),
            customer_id_col=Arg("col", "customer_id"), datetime_col=Arg("col", "date"),
            monetary_value_col=Arg("col", "sales"), observation_end=Arg("fixed", None),
            mode=Arg("choice", "classic"), freq=Arg("choice", "D"), order_id_col=Arg("col?", "order_id"))),
        Call("segments.rfm_score", lambda: dict(
            rfm=Arg("frame", segments.rfm_table(orders_year()), nums=("recency", "frequency")),
            bins=Arg("int", 3), recency_col=Arg("col", "recency"), frequency_col=Arg("col", "frequency"),
            monetary_col=Arg("col?", "monetary"))),
        Call("segments.rfm_segment", lambda: dict(
            scores=Arg("frame", segments.rfm_score(segments.rfm_table(orders_year()), bins=3,
                                                   monetary_col="monetary")),
            threshold=Arg("fixed", "mean"))),
        Call("segments.abc_whatif", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                 cut_a=Arg("num", 0.7), cut_b=Arg("num", 0.9),
                                                 value_col=Arg("col", "sales"), id_col=Arg("col", "customer_id"))),
        Call("segments.sales_by_customer", lambda: dict(
            data=Arg("frame", orders_year(), ids=("customer_id",), nums=("sales",)),
            value_col=Arg("col", "sales"), id_col=Arg("col", "customer_id"))),
        Call("segments.abc_panel_model", lambda: dict(data=S(ids=("customer_id",), nums=("sales",)),
                                                      cut_a=Arg("num", 0.7), cut_b=Arg("num", 0.9),
                                                      value_col=Arg("col", "sales"),
                                                      id_col=Arg("col", "customer_id"))),
        Call("segments.abc_panel", lambda: dict(
            orders_or_sales=Arg("frame", orders_year(), ids=("customer_id",), nums=("sales",)),
            cut_a=Arg("num", 0.7), cut_b=Arg("num", 0.9), value_col=Arg("col", "sales"),
            id_col=Arg("col", "customer_id"))),
        Call("segments.plot_pareto", lambda: dict(table=Arg("object", segments.abc_classify(sales())),
                                                  title=Arg("fixed", "帕累托"), ax=Arg("fixed", None))),
        Call("segments.plot_lorenz", lambda: dict(values=Arg("array", sales()["sales"].tolist()),
                                                  title=Arg("fixed", "洛伦兹"))),
        Call("segments.plot_whale", lambda: dict(result=Arg("object", segments.whale_curve(sales())),
                                                 title=Arg("fixed", "鲸鱼"))),
        Call("segments.sales_growth", lambda: dict(orders=O(ids=("customer_id",), nums=("sales",), dates=("date",)),
                                                   year=Arg("int", 2025))),
        Call("segments.tier_summary", lambda: dict(tiers=Arg("object", segments.management_tiers(
            sales(), shares=(0.1, 0.3, 0.6), potential_col="potential", potential_cut=5.0)))),
        Call("segments.value_tier_summary", lambda: dict(tiers=Arg("object", segments.value_tiers(sales())))),
        Call("segments.segment_mix", lambda: dict(
            groups=Arg("object", pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户", "重要价值客户"]},
                                              index=pd.Index(["a", "b", "c"], name="customer_id"))),
            attributes=Arg("frame", pd.DataFrame({"customer_id": ["a", "b", "c"],
                                                  "customer_type": ["酒店", "酒店", "商店"]}),
                           ids=("customer_id",), required=("customer_type",)),
            by=Arg("col", "customer_type"))),
        Call("segments.customer_lists", lambda: dict(
            groups=Arg("object", groups()), profit=Arg("object", profit()), segment_col=Arg("col", "segment"),
            monetary_col=Arg("col", "M"), profit_col=Arg("col", "profit"))),
        Call("segments.customer_list_table", lambda: dict(lists=Arg("object", lists()))),
        Call("segments.customer_list_summary", lambda: dict(lists=Arg("object", lists()))),
    ]


COVER = cover(
    ("segments.gini", CONTRACT, _S + "test_gini_equals_mean_absolute_difference",
     _S + "test_gini_is_permutation_and_scale_invariant"),
    ("segments.lorenz_curve", CONTRACT, _S + "test_lorenz_curve_is_convex_and_below_diagonal"),
    ("segments.abc_classify", CONTRACT, _S + "test_abc_classes_monotone_shares_sum_to_one"),
    ("segments.pareto_table", CONTRACT, _S + "test_pareto_table_is_sorted_cumulative",
     _S + "test_pareto_table_name_never_collides"),
    ("segments.top_share", CONTRACT, _S + "test_pareto_table_is_sorted_cumulative"),
    ("segments.rfm_table", CONTRACT, _S + "test_rfm_equals_plain_groupby",
     _S + "test_rfm_missing_order_id_is_refused_or_kept_with_its_customer",
     "test_prop_dates.py::test_dates_are_parsed_or_refused"),
    ("segments.rfm_score segments.rfm_segment segments.management_tiers segments.value_tiers "
     "segments.sales_by_customer segments.abc_panel_model segments.abc_whatif "
     "segments.plot_pareto segments.plot_lorenz segments.plot_whale", CONTRACT, VALID),
    ("segments.whale_curve segments.WhaleCurve", CONTRACT, _S + "test_whale_curve_peak"),
    ("segments.abc_panel", CONTRACT, "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
    ("segments.sales_growth segments.tier_summary segments.value_tier_summary segments.segment_mix",
     CONTRACT, VALID),
    ("segments.customer_lists segments.customer_list_table segments.customer_list_summary", CONTRACT, VALID),
    ("segments.customer_lists", _S + "test_customer_lists_follow_segment_and_profit"),
)


def _abc_panel():
    from crmlab import datasets, segments
    o = datasets.load_beverage_orders()
    return segments.abc_panel(o[o["date"].dt.year == 2025], cut_a=0.7, cut_b=0.9)


PANELS = {"segments.abc_panel": _abc_panel}
