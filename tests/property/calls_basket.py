"""Property registry of crmlab.basket (case 沃尔玛的啤酒与尿布): calls, coverage, panels.

Found by ``propkit.topic_modules()``.  One valid call per public callable (with
the kind of each argument, so the contract test throws bad values at each),
the property tests that cover each name, and the what-if panel built as the
notebook builds it.
"""
from __future__ import annotations

import functools

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call

P = "test_prop_basket.py::"


@functools.lru_cache(maxsize=None)
def _table() -> pd.DataFrame:
    """The first 120 baskets of the bundled supermarket data (模拟数据), all three slices."""
    from crmlab import datasets
    t = datasets.load_supermarket_baskets()
    keep = sorted(t["order_id"].unique())[:120]
    return t[t["order_id"].isin(keep)].reset_index(drop=True)


def table() -> pd.DataFrame:
    return _table().copy()


def matrix() -> pd.DataFrame:
    from crmlab import basket
    return basket.basket_matrix(table())


def CALLS():
    from crmlab import basket as B
    N = lambda v: Arg("num", v)  # noqa: E731
    T = lambda: Arg("frame", table(), ids=("order_id", "item"))  # noqa: E731
    COLS = dict(order_col=Arg("col", "order_id"), item_col=Arg("col", "item"))
    rules = lambda: B.association_rules(matrix(), 0.05, 0.2, max_len=2)  # noqa: E731
    return [
        Call("basket.basket_matrix", lambda: dict(baskets=T(), **COLS)),
        Call("basket.item_support", lambda: dict(baskets=T(), **COLS)),
        Call("basket.frequent_itemsets", lambda: dict(baskets=T(), min_support=N(0.05),
                                                      max_len=Arg("int?", 3), **COLS)),
        Call("basket.apriori_steps", lambda: dict(baskets=T(), min_support=N(0.05),
                                                  max_len=Arg("int?", None), **COLS)),
        Call("basket.association_rules", lambda: dict(
            baskets=T(), min_support=N(0.05), min_confidence=N(0.2), min_lift=Arg("num?", None),
            max_len=Arg("int?", 2), **COLS)),
        Call("basket.rule_metrics", lambda: dict(baskets=T(), antecedent=Arg("text", "面包"),
                                                 consequent=Arg("text", "牛奶"), **COLS)),
        Call("basket.slice_baskets", lambda: dict(table=Arg("frame", table(), required=("time_slice",)),
                                                  time_slice=Arg("choice", "周末"),
                                                  slice_col=Arg("col", "time_slice"))),
        Call("basket.rule_by_slice", lambda: dict(
            table=Arg("frame", table(), ids=("order_id", "item"), required=("time_slice",)),
            antecedent=Arg("text", "面包"), consequent=Arg("text", "牛奶"),
            slice_col=Arg("col", "time_slice"), **COLS)),
        Call("basket.rules_whatif", lambda: dict(
            matrix=Arg("object", matrix()), min_support=N(0.05), min_confidence=N(0.2),
            top=Arg("int", 10), highlight=Arg("fixed", B.HIGHLIGHT), max_len=Arg("int", 2))),
        Call("basket.slice_matrices", lambda: dict(
            table=Arg("frame", table(), ids=("order_id", "item"), required=("time_slice",)),
            slice_col=Arg("col", "time_slice"), **COLS)),
        Call("basket.rules_panel_model", lambda: dict(
            matrices=Arg("object", B.slice_matrices(table())), min_support=N(0.05),
            min_confidence=N(0.2), time_slice=Arg("choice", "全部"))),
        Call("basket.rules_panel", lambda: dict(
            table=Arg("fixed", table()), min_support=N(0.02), min_confidence=N(0.2),
            time_slice=Arg("choice", "全部"))),
        Call("basket.rule_text", lambda: dict(antecedent=Arg("text?", ("尿布",)),
                                              consequent=Arg("text?", ("啤酒",)))),
        Call("basket.rules_view", lambda: dict(rules=Arg("object", rules()), top=Arg("int?", 5),
                                               sort=Arg("choice?", "confidence"),
                                               pick=Arg("fixed", None), baskets=Arg("fixed", None))),
        Call("basket.data_summary", lambda: dict(
            table=Arg("frame", table()), order_col=Arg("fixed", "order_id"),
            item_col=Arg("fixed", "item"), household_col=Arg("fixed", "household_id"),
            week_col=Arg("fixed", "week"))),
        Call("basket.transactions_view", lambda: dict(table=Arg("frame", table()))),
        Call("basket.itemsets_view", lambda: dict(itemsets=Arg("object", B.frequent_itemsets(matrix(), 0.1)))),
        Call("basket.plot_rules", lambda: dict(rules=Arg("object", rules()), highlight=Arg("fixed", B.HIGHLIGHT),
                                               ax=Arg("fixed", None), colorbar=Arg("bool", True))),
        Call("basket.plot_top_rules", lambda: dict(top=Arg("object", B.rules_whatif(matrix(), 0.05, 0.2)["top"]),
                                                   ax=Arg("fixed", None), fontsize=N(7.5))),
        Call("basket.plot_lift_by_slice", lambda: dict(
            frame=Arg("object", B.rule_by_slice(table(), "面包", "牛奶")), ax=Arg("fixed", None))),
        Call("basket.plot_item_support", lambda: dict(support=Arg("object", B.item_support(matrix())),
                                                      ax=Arg("fixed", None))),
        Call("datasets.load_supermarket_baskets", lambda: dict()),
        Call("simulate.supermarket_baskets.generate", lambda: dict(
            seed=Arg("int", 1), n_baskets=Arg("int", 300), n_households=Arg("int", 100),
            weeks=Arg("int", 2))),
    ]


COVER = {
    "basket.basket_matrix": (CONTRACT, P + "test_basket_matrix_round_trips_the_table"),
    "basket.item_support": (CONTRACT, P + "test_item_support_is_column_mean"),
    "basket.frequent_itemsets": (CONTRACT, FUZZ, P + "test_frequent_itemsets_equal_brute_force"),
    "basket.apriori_steps": (CONTRACT, FUZZ, P + "test_apriori_steps_add_up"),
    "basket.association_rules": (CONTRACT, FUZZ, P + "test_rule_metrics_obey_the_definitions",
                                 P + "test_higher_thresholds_give_fewer_rules"),
    "basket.rule_metrics": (CONTRACT, P + "test_rule_metrics_obey_the_definitions"),
    "basket.slice_baskets": (CONTRACT, P + "test_slices_partition_the_baskets"),
    "basket.rule_by_slice": (CONTRACT, P + "test_slices_partition_the_baskets"),
    "basket.rules_whatif": (CONTRACT, FUZZ, P + "test_higher_thresholds_give_fewer_rules"),
    "basket.slice_matrices": (CONTRACT, P + "test_slices_partition_the_baskets"),
    "basket.rules_panel_model": (CONTRACT, FUZZ, P + "test_higher_thresholds_give_fewer_rules"),
    "basket.rules_panel": (CONTRACT, P + "test_rules_panel_shows_its_model"),
    "basket.rules_view": (CONTRACT, VALID, P + "test_rules_view_ranks_and_picks_the_rules_it_is_given"),
    "basket.data_summary": (CONTRACT, VALID, P + "test_data_summary_counts_the_table"),
    "basket.transactions_view": (CONTRACT, VALID),
    "basket.rule_text basket.itemsets_view basket.plot_rules basket.plot_top_rules "
    "basket.plot_lift_by_slice basket.plot_item_support": (CONTRACT, VALID),
    "datasets.load_supermarket_baskets": (VALID, P + "test_loader_matches_card"),
    "simulate.supermarket_baskets.generate": (CONTRACT, VALID),
}
COVER = {name: tests for names, tests in COVER.items() for name in names.split()}

def _rules_panel():
    from crmlab.basket import rules_panel
    return rules_panel()


PANELS = {"basket.rules_panel": _rules_panel}
