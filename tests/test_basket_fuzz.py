"""Regression tests for the fuzz report's [basket] items (/tmp/team2/fuzz_report.md).

Each test is a repro from the report that failed before its fix: a zero-support item
set listed as frequent, NaN shown for a bad weekday, raw pandas/matplotlib errors from
a corrupted result table.
"""
import itertools

import matplotlib
import numpy as np
import pandas as pd
import pytest

from crmlab import basket as B
from crmlab import datasets
from crmlab.validation import CRMLabError, InputError, InputTypeError

matplotlib.use("Agg")

# Tan, Steinbach & Kumar (2006), Table 6.1 (the docstring example).
TSK = [["面包", "牛奶"], ["面包", "尿布", "啤酒", "鸡蛋"], ["牛奶", "尿布", "啤酒", "可乐"],
       ["面包", "牛奶", "尿布", "啤酒"], ["面包", "牛奶", "尿布", "可乐"]]


def subsets_present(baskets):
    """Every non-empty item set held by at least one basket, counted by brute force."""
    seen = {}
    for basket in baskets:
        items = sorted(basket)
        for k in range(1, len(items) + 1):
            for s in itertools.combinations(items, k):
                seen[s] = seen.get(s, 0) + 1
    return seen


@pytest.fixture(scope="module")
def table():
    return datasets.load_supermarket_baskets()


@pytest.fixture(scope="module")
def rules():
    return B.association_rules(TSK, 0.4, 0.5)


# -- item 1: min_support below 1e-9 listed sets no basket holds -------------------------
@pytest.mark.parametrize("min_support", [1e-10, 1e-300, 1e-9])
def test_tiny_min_support_lists_only_sets_some_basket_holds(min_support):
    f = B.frequent_itemsets(TSK, min_support)
    assert (f["count"] >= 1).all()
    brute = subsets_present(TSK)
    assert {tuple(sorted(s)) for s in f["itemset"]} == set(brute)
    assert dict(zip(f["itemset"].map(lambda s: tuple(sorted(s))), f["count"])) == brute
    steps = B.apriori_steps(TSK, min_support)
    assert steps["frequent"].sum() == len(brute)
    r = B.association_rules(TSK, min_support, 1e-300)
    assert (r["count"] >= 1).all() and (r["support"] > 0).all()


def test_tiny_min_support_on_300_baskets_matches_brute_force(table):
    few = table[table["order_id"].isin(table["order_id"].unique()[:300])]
    baskets = few.groupby("order_id", observed=True)["item"].agg(lambda s: list(map(str, s)))
    f = B.frequent_itemsets(few, 1e-300)
    assert len(f) == len(subsets_present(baskets.tolist())) and (f["count"] >= 1).all()


# -- item 4: transactions_view shows NaN for bad values it accepts ------------------------
@pytest.mark.parametrize("column, bad", [("weekday", 0), ("weekday", 8), ("weekday", 3.5),
                                         ("weekday", True), ("has_infant", None),
                                         ("has_infant", "x")])
def test_transactions_view_refuses_values_it_cannot_name(table, column, bad):
    t = table[["order_id", "has_infant", "weekday", "item"]].head(20).astype({column: object})
    t.loc[3, column] = bad
    with pytest.raises(InputError, match=rf"table\['{column}'\].*交易表"):
        B.transactions_view(t)


def test_transactions_view_still_names_good_values(table):
    view = B.transactions_view(table.head(50))
    assert view["weekday"].isin(["周一", "周二", "周三", "周四", "周五", "周六", "周日"]).all()
    assert set(view["has_infant"]) <= {"是", "否"}


# -- item 11: corrupted result tables raise raw errors ------------------------------------
def test_plot_rules_refuses_a_missing_antecedent():
    r = pd.DataFrame({"antecedent": [None, ("面包",)], "consequent": [("啤酒",), ("牛奶",)],
                      "support": [0.03, 0.15], "confidence": [0.33, 0.4], "lift": [1.9, 0.95]})
    with pytest.raises(InputTypeError, match=r"rules\['antecedent'\]"):
        B.plot_rules(r)
    with pytest.raises(InputTypeError, match=r"rules\['antecedent'\]"):
        B.rules_view(r.assign(count=[1, 2]))


@pytest.mark.parametrize("bad", ["0.03", None, [0.03], True])
def test_plot_top_rules_refuses_a_support_that_is_not_a_number(bad):
    top = pd.DataFrame({"antecedent": [("尿布",), ("面包",)], "consequent": [("啤酒",), ("牛奶",)],
                        "support": [0.03, 0.1], "confidence": [0.33, 0.4], "lift": [1.95, 1.0],
                        "highlight": [True, False]}).astype({"support": object})
    top.loc[0, "support"] = bad
    with pytest.raises(CRMLabError, match=r"top\['support'\]"):
        B.plot_top_rules(top)


def test_itemsets_view_refuses_a_missing_itemset():
    f = pd.DataFrame({"itemset": [None], "size": [2], "support": [0.03], "count": [135]})
    with pytest.raises(InputTypeError, match=r"itemsets\['itemset'\]"):
        B.itemsets_view(f)
    f = pd.DataFrame({"itemset": [("啤酒", "尿布")], "size": [2], "support": ["x"], "count": [135]})
    with pytest.raises(InputTypeError, match=r"itemsets\['support'\]"):
        B.itemsets_view(f)


def test_rule_by_slice_refuses_a_list_as_a_time_slice(table):
    t = table.head(50).astype({"time_slice": object})
    t.loc[0, "time_slice"] = ["周末"]
    with pytest.raises(InputTypeError, match=r"table\['time_slice'\]"):
        B.rule_by_slice(t, "尿布", "啤酒")


@pytest.mark.parametrize("column, bad", [("order_id", None), ("household_id", ["H1"]),
                                         ("item", None), ("week", -1), ("week", 0),
                                         ("week", 1.5), ("week", "3"), ("week", None)])
def test_data_summary_refuses_bad_ids_and_weeks(table, column, bad):
    t = table.head(30).astype({column: object})
    t.loc[0, column] = bad
    with pytest.raises(CRMLabError, match=rf"table\['{column}'\]"):
        B.data_summary(t)


def test_good_result_tables_still_pass_the_checks(table, rules):
    view = B.rules_view(rules)
    assert view["lift"].to_numpy() == pytest.approx(rules["lift"].to_numpy())
    frequent = sorted(c for c in subsets_present(TSK).values() if c >= 3)    # 0.6 of 5 baskets
    assert sorted(B.itemsets_view(B.frequent_itemsets(TSK, 0.6))["itemset_count"]) == frequent
    assert len(B.plot_rules(rules).axes[0].collections) >= 1
    s = B.data_summary(table).iloc[0]
    assert s["n_weeks"] == table["week"].nunique() and s["n_baskets"] == table["order_id"].nunique()
    lift = B.rule_by_slice(table, "尿布", "啤酒")["lift"]
    assert np.isfinite(lift).all()


# --------------------------------------------------------------------------- second fuzz (charts)
def _rules_frame(n=3, a=("尿布",), c=("啤酒",), s=None, k=None, hl=None):
    frame = pd.DataFrame({"antecedent": [a] * n, "consequent": [c] * n,
                          "support": s or [0.05] * n, "confidence": k or [0.3] * n,
                          "lift": [1.5] * n})
    if hl is not None:
        frame["highlight"] = hl
    return frame


def _drawn_texts(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    return [(t, t.get_window_extent(renderer)) for t in fig.axes[0].texts], fig.bbox


@pytest.mark.parametrize("col", ["support", "confidence"])
def test_charts_refuse_shares_above_one(col):
    # 1.7e308 passed the finite check and overflowed to inf when drawn as a percentage
    for big in (1.5, 1.7e308):
        values = [big, 0.1, 0.1]
        frame = _rules_frame(**({"s": values} if col == "support" else {"k": values}))
        for chart in (B.plot_rules, B.plot_top_rules):
            with pytest.raises(InputError, match=rf"rules\['{col}'\]|top\['{col}'\]"):
                chart(frame)


def test_top_rules_refuses_a_highlight_column_that_is_not_true_or_false():
    for bad in (["否", "否", "是"], ["False", "True", "False"], [np.nan, False, False]):
        with pytest.raises(InputTypeError, match=r"top\['highlight'\]"):
            B.plot_top_rules(_rules_frame(hl=bad))


def test_top_rules_fit_their_figure_with_fifty_rows_and_long_names():
    top = B.rules_whatif(B.basket_matrix(TSK * 20), 0.01, 0.01, top=50)["top"]
    assert len(top) > 15
    fig = B.plot_top_rules(top)
    assert fig.axes[0].get_title() == f"按提升度排名的前 {len(top)} 条规则"
    texts, box = _drawn_texts(fig)
    assert all(b.y0 >= box.y0 - 1 and b.y1 <= box.y1 + 1 for _, b in texts)   # none below the figure
    long = _rules_frame(a=("超级长的商品名称" * 5,))
    texts, box = _drawn_texts(B.plot_top_rules(long))
    rule_cells = [b for t, b in texts if t.get_text().endswith("…")]
    numbers = [b for t, b in texts if t.get_text().endswith("%")]
    assert len(rule_cells) == 3
    assert max(b.x1 for b in rule_cells) < min(b.x0 for b in numbers)
