"""Tests of crmlab.basket (market-basket analysis, case 沃尔玛的啤酒与尿布)."""
import itertools
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import basket as B
from crmlab import datasets, display
from crmlab.simulate import supermarket_baskets
from crmlab.validation import InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")

DATA = Path(__file__).resolve().parent / "data"

# Tan, Steinbach & Kumar, Introduction to Data Mining (2006), Table 6.1: the five
# market-basket transactions (items in Chinese: 面包 Bread, 牛奶 Milk, 尿布 Diapers,
# 啤酒 Beer, 鸡蛋 Eggs, 可乐 Cola).
TSK = [["面包", "牛奶"], ["面包", "尿布", "啤酒", "鸡蛋"], ["牛奶", "尿布", "啤酒", "可乐"],
       ["面包", "牛奶", "尿布", "啤酒"], ["面包", "牛奶", "尿布", "可乐"]]

# Han, Kamber & Pei, Data Mining: Concepts and Techniques, 3rd ed. (2012), Table 6.1:
# the nine AllElectronics transactions T100 … T900 (Example 6.3, min support count 2).
HKP = [["I1", "I2", "I5"], ["I2", "I4"], ["I2", "I3"], ["I1", "I2", "I4"], ["I1", "I3"],
       ["I2", "I3"], ["I1", "I3"], ["I1", "I2", "I3", "I5"], ["I1", "I2", "I3"]]


def rule(rules, antecedent, consequent):
    """The row of rule antecedent → consequent (tuples), or None."""
    hit = rules[(rules["antecedent"].map("|".join) == "|".join(antecedent))
                & (rules["consequent"].map("|".join) == "|".join(consequent))]
    assert len(hit) <= 1
    return hit.iloc[0] if len(hit) else None


@pytest.fixture(scope="module")
def table():
    return datasets.load_supermarket_baskets()


@pytest.fixture(scope="module")
def matrix(table):
    return B.basket_matrix(table)


# --------------------------------------------------------------------------- textbook examples
def test_tan_steinbach_kumar_milk_diapers_beer():
    # TSK Example 6.1 (section 6.1): {Milk, Diapers} → {Beer} has support 2/5 = 0.4
    # and confidence 2/3 ≈ 0.67.
    row = rule(B.association_rules(TSK, 0.4, 0.6), ("尿布", "牛奶"), ("啤酒",))
    assert row["support"] == pytest.approx(0.4)
    assert row["confidence"] == pytest.approx(2 / 3)
    assert row["lift"] == pytest.approx((2 / 3) / (3 / 5))
    assert row["count"] == 2
    one = B.rule_metrics(TSK, ["牛奶", "尿布"], "啤酒")
    assert (one["count_a"], one["count_ab"], one["baskets"]) == (3, 2, 5)


def test_tan_steinbach_kumar_frequent_itemsets_and_pruning():
    # TSK section 6.2.1 (the apriori illustration on Table 6.1): with a support threshold of 60% (count 3) the
    # frequent 1-itemsets are Beer, Bread, Diapers, Milk (Coke and Eggs drop out);
    # all six 2-itemsets of those four are candidates, four are frequent; the only
    # 3-itemset candidate is {Bread, Diapers, Milk}, count 2: not frequent.
    f = B.frequent_itemsets(TSK, 0.6)
    assert set(f.loc[f["size"] == 1, "itemset"]) == {("啤酒",), ("尿布",), ("牛奶",), ("面包",)}
    assert set(f.loc[f["size"] == 2, "itemset"]) == {("啤酒", "尿布"), ("尿布", "牛奶"),
                                                     ("尿布", "面包"), ("牛奶", "面包")}
    assert (f["size"] <= 2).all()
    steps = B.apriori_steps(TSK, 0.6)
    assert steps.loc[2, "candidates"] == 6 and steps.loc[2, "frequent"] == 4
    assert steps.loc[3, "counted"] == 1 and steps.loc[3, "frequent"] == 0


def test_han_kamber_pei_allelectronics():
    # HKP Example 6.3 (Figure 6.2): min support count 2 of 9; L3 = {I1,I2,I3}, {I1,I2,I5};
    # the candidate C4 {I1,I2,I3,I5} is pruned because {I2,I3,I5} is not frequent.
    f = B.frequent_itemsets(HKP, 2 / 9)
    assert (f["size"] == 1).sum() == 5
    assert (f["size"] == 2).sum() == 6
    l3 = f.loc[f["size"] == 3].set_index("itemset")["count"].to_dict()
    assert l3 == {("I1", "I2", "I3"): 2, ("I1", "I2", "I5"): 2}
    steps = B.apriori_steps(HKP, 2 / 9)
    assert steps.loc[4, "candidates"] == 1 and steps.loc[4, "pruned"] == 1
    # HKP Example 6.4: the rules from {I1, I2, I5} and their confidences
    # 2/4 = 50%, 2/2 = 100%, 2/2 = 100%, 2/6 = 33%, 2/7 = 29%, 2/2 = 100%.
    rules = B.association_rules(HKP, 2 / 9, 0.01)
    expected = {(("I1", "I2"), ("I5",)): 2 / 4, (("I1", "I5"), ("I2",)): 1.0,
                (("I2", "I5"), ("I1",)): 1.0, (("I1",), ("I2", "I5")): 2 / 6,
                (("I2",), ("I1", "I5")): 2 / 7, (("I5",), ("I1", "I2")): 1.0}
    for (a, c), conf in expected.items():
        assert rule(rules, a, c)["confidence"] == pytest.approx(conf)
    # with a minimum confidence of 70% only the three 100% rules survive (HKP Example 6.4)
    strong = B.association_rules(HKP, 2 / 9, 0.7)
    from_i1i2i5 = strong[[set(a) | set(c) == {"I1", "I2", "I5"}
                          for a, c in zip(strong["antecedent"], strong["consequent"])]]
    assert len(from_i1i2i5) == 3


# --------------------------------------------------------------------------- against mlxtend
def _key(items):
    return "|".join(sorted(items))


def test_frequent_itemsets_equal_mlxtend():
    table = pd.read_csv(DATA / "mlxtend_baskets.csv", dtype=str)
    ref = pd.read_csv(DATA / "mlxtend_itemsets.csv").set_index("itemset")["support"]
    ours = B.frequent_itemsets(table, 0.05)
    got = pd.Series(ours["support"].to_numpy(), index=ours["itemset"].map(_key)).sort_index()
    assert list(got.index) == sorted(ref.index)
    np.testing.assert_allclose(got.to_numpy(), ref.sort_index().to_numpy(), rtol=1e-9)


def test_association_rules_equal_mlxtend():
    table = pd.read_csv(DATA / "mlxtend_baskets.csv", dtype=str)
    ref = pd.read_csv(DATA / "mlxtend_rules.csv").set_index(["antecedent", "consequent"]).sort_index()
    ours = B.association_rules(table, 0.05, 0.3)
    ours.index = pd.MultiIndex.from_arrays([ours["antecedent"].map(_key),
                                            ours["consequent"].map(_key)],
                                           names=["antecedent", "consequent"])
    ours = ours.sort_index()
    assert list(ours.index) == list(ref.index)
    for col in ("support", "confidence", "lift"):
        np.testing.assert_allclose(ours[col].to_numpy(), ref[col].to_numpy(), rtol=1e-9)


# --------------------------------------------------------------------------- definitions
def test_rules_agree_with_brute_force_counts():
    rng = np.random.default_rng(5)
    x = rng.random((60, 6)) < [0.5, 0.4, 0.35, 0.3, 0.2, 0.15]
    x[~x.any(axis=1), 0] = True
    m = pd.DataFrame(x, columns=[f"p{j}" for j in range(6)])
    rules = B.association_rules(m, 0.05, 0.1)
    for a, c, s, conf, lift in rules[["antecedent", "consequent", "support", "confidence",
                                      "lift"]].itertuples(index=False):
        has_a = m[list(a)].all(axis=1)
        has_c = m[list(c)].all(axis=1)
        assert s == pytest.approx((has_a & has_c).mean())
        assert conf == pytest.approx((has_a & has_c).sum() / has_a.sum())
        assert lift == pytest.approx(conf / has_c.mean())
    # every rule meeting the thresholds is found (brute force over all splits)
    count = 0
    for k in (2, 3, 4):
        for items in itertools.combinations(m.columns, k):
            s = m[list(items)].all(axis=1).mean()
            if s < 0.05:
                continue
            for r in range(1, k):
                for a in itertools.combinations(items, r):
                    if s / m[list(a)].all(axis=1).mean() >= 0.1:
                        count += 1
    assert len(rules) == count


def test_rules_sorted_by_lift_and_lift_symmetric(matrix):
    rules = B.association_rules(matrix, 0.02, 0.05, max_len=2)
    assert rules["lift"].is_monotonic_decreasing
    for a, c, lift in rules[["antecedent", "consequent", "lift"]].itertuples(index=False):
        assert rule(rules, c, a)["lift"] == pytest.approx(lift)


def test_input_forms_agree(table):
    small = table[table["order_id"] < "B00050"]
    lists = [list(g) for _, g in small.groupby("order_id", sort=True)["item"]]
    a = B.association_rules(small, 0.1, 0.2)
    b = B.association_rules(lists, 0.1, 0.2)
    c = B.association_rules(B.basket_matrix(small), 0.1, 0.2)
    for other in (b, c):
        pd.testing.assert_frame_equal(a, other)


def test_thresholds_are_inclusive():
    # 尿布 → 啤酒 in TSK: support exactly 3/5, confidence exactly 3/4
    assert rule(B.association_rules(TSK, 0.6, 0.75), ("尿布",), ("啤酒",)) is not None
    assert rule(B.association_rules(TSK, 0.6, 0.76), ("尿布",), ("啤酒",)) is None


def test_min_lift_and_max_len():
    rules = B.association_rules(TSK, 0.2, 0.1, min_lift=1.1)
    assert (rules["lift"] >= 1.1).all() and len(rules)
    assert (B.association_rules(TSK, 0.2, 0.1, max_len=2)["antecedent"].map(len) == 1).all()


def test_no_rule_is_an_empty_frame_with_the_columns():
    rules = B.association_rules([["a"], ["b"]], 0.9, 0.9)
    assert rules.empty and list(rules.columns[:5]) == ["antecedent", "consequent", "support",
                                                       "confidence", "lift"]


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize("bad", [0, -0.1, 1.5, float("nan"), float("inf")])
def test_thresholds_outside_unit_interval_are_refused(bad):
    with pytest.raises(InputError) as e:
        B.association_rules(TSK, bad, 0.5)
    assert_bilingual(e, "min_support")
    with pytest.raises(InputError) as e:
        B.association_rules(TSK, 0.2, bad)
    assert_bilingual(e, "min_confidence")


def test_threshold_of_one_is_allowed():
    assert B.frequent_itemsets([["a", "b"], ["a"]], 1.0)["itemset"].tolist() == [("a",)]


@pytest.mark.parametrize("baskets, words", [
    ([], "at least one basket"),
    ([["a"], []], "basket 1 is empty"),
    ([["a", "a"]], "repeats"),
    ([["a", ""]], "non-empty text"),
])
def test_bad_baskets_are_refused(baskets, words):
    with pytest.raises(InputError) as e:
        B.association_rules(baskets, 0.5, 0.5)
    assert words in str(e.value)
    assert_bilingual(e, "baskets")


@pytest.mark.parametrize("bad", ["abc", 3, None, [["a", None]], [["a", 1.5]], ["ab"]])
def test_wrong_types_are_refused(bad):
    with pytest.raises((InputError, InputTypeError)) as e:
        B.association_rules(bad, 0.5, 0.5)
    assert_bilingual(e, "baskets")


def test_transaction_table_checks():
    t = pd.DataFrame({"order_id": ["a", "a", "b"], "item": ["牛奶", "牛奶", "面包"]})
    with pytest.raises(InputError) as e:
        B.basket_matrix(t)
    assert "twice" in str(e.value)
    assert_bilingual(e, "baskets")
    with pytest.raises(InputError) as e:
        B.basket_matrix(t.assign(item=["牛奶", None, "面包"]))
    assert_bilingual(e, "baskets['item']")
    with pytest.raises(InputError) as e:
        B.basket_matrix(t.assign(order_id=["a", None, "b"], item=["牛奶", "面包", "面包"]))
    assert_bilingual(e, "baskets['order_id']")
    with pytest.raises(InputError) as e:
        B.basket_matrix(t, item_col="product")
    assert_bilingual(e, "product")


def test_rule_metrics_checks():
    with pytest.raises(InputError) as e:
        B.rule_metrics(TSK, "尿布", "尿布")
    assert_bilingual(e, "consequent")
    with pytest.raises(InputError) as e:
        B.rule_metrics(TSK, "奶粉", "啤酒")
    assert_bilingual(e, "antecedent")
    with pytest.raises(InputError) as e:
        B.rule_metrics(TSK, ["鸡蛋", "可乐"], "啤酒")       # never together
    assert_bilingual(e, "antecedent")


# --------------------------------------------------------------------------- the data
def test_supermarket_data_are_simulated_and_as_the_card_says(table):
    card = datasets.card("supermarket_baskets")
    assert card["simulated"] and "模拟数据" in card["description"]
    assert len(table) == card["rows"]
    assert list(table.columns) == [c["name"] for c in card["columns"]]
    assert 3000 <= table["order_id"].nunique() <= 4000
    assert not table.duplicated(["order_id", "item"]).any()
    pd.testing.assert_frame_equal(
        supermarket_baskets.generate(card["seed"]).astype({"item": "category"}).reset_index(drop=True),
        table.astype({"item": "category", "time_slice": object, "order_id": object,
                      "household_id": object}).reset_index(drop=True),
        check_dtype=False, check_categorical=False)


def test_slices_are_consistent_with_day_and_hour(table):
    evening = table["time_slice"] == "工作日晚间"
    weekend = table["time_slice"] == "周末"
    assert table.loc[evening, "weekday"].between(1, 5).all()
    assert table.loc[evening, "hour"].between(17, 22).all()
    assert table.loc[weekend, "weekday"].between(6, 7).all()
    assert table.loc[~evening & ~weekend, "hour"].between(8, 16).all()


def test_infant_households_buy_the_baby_items(table):
    per = table.groupby(["has_infant", "order_id"])["item"].agg(lambda s: "尿布" in set(s))
    share = per.groupby(level=0).mean()
    assert share[True] > 0.35 and share[False] < 0.05


def test_planted_rule_moderate_overall_stronger_on_weekday_evenings(table):
    s = B.rule_by_slice(table, "尿布", "啤酒")
    assert 1.5 < s.loc["全部", "lift"] < 2.6
    assert s.loc["工作日晚间", "lift"] > 2.5
    assert s.loc["工作日晚间", "lift"] > s.loc["周末", "lift"] + 1
    assert s.loc["工作日晚间", "lift"] > s.loc["工作日白天", "lift"] + 1
    assert s["baskets"].iloc[1:].sum() == s.loc["全部", "baskets"]


def test_bread_milk_frequent_and_confident_yet_lift_near_one(matrix):
    r = B.rule_metrics(matrix, "面包", "牛奶")
    assert r["support"] > 0.10 and r["confidence"] > 0.35
    assert abs(r["lift"] - 1) < 0.1


def test_most_confident_rules_are_not_the_most_interesting(matrix):
    # Most rules into 牛奶 (the most frequent item) are confident, but have lift near 1.
    rules = B.association_rules(matrix, 0.02, 0.35, max_len=2)
    into_milk = rules[rules["consequent"].map("|".join) == "牛奶"]
    assert len(into_milk) >= 5
    assert (into_milk["lift"].between(0.85, 1.15)).mean() > 0.8
    assert B.rule_metrics(matrix, "尿布", "啤酒")["confidence"] < into_milk["confidence"].max()


# --------------------------------------------------------------------------- panel and model
def test_rules_whatif_finds_the_story_rule(table):
    mats = B.slice_matrices(table)
    r = B.rules_panel_model(mats, 0.02, 0.2, "全部")
    assert r["hl_found"] == "是"
    assert len(r["top"]) == 10 and r["top"]["highlight"].sum() <= 1
    assert r["top"]["lift"].is_monotonic_decreasing
    eve = B.rules_panel_model(mats, 0.02, 0.2, "工作日晚间")
    rank = lambda res: int(res["hl_rank"].split(" / ")[0])  # noqa: E731
    assert rank(eve) < rank(r)
    assert eve["hl_lift"] == pytest.approx(B.rule_by_slice(table, "尿布", "啤酒").loc["工作日晚间", "lift"])
    high = B.rules_panel_model(mats, 0.02, 0.7, "全部")
    assert high["hl_found"] == "否" and high["hl_rank"] == "未达到门槛"
    assert high["hl_lift"] == pytest.approx(r["hl_lift"])        # computed even when dropped


def test_rules_whatif_without_rules():
    r = B.rules_whatif(B.basket_matrix([["a"], ["b"]]), 0.9, 0.9)
    assert r["n_rules"] == 0 and r["best_conf_confidence"] is None and r["hl_found"] == "否"


def test_rules_whatif_highlight_missing_from_data():
    r = B.rules_whatif(B.basket_matrix(TSK), 0.2, 0.2, highlight=("奶粉", "啤酒"))
    assert r["hl_found"] == "否" and r["hl_lift"] is None and r["n_rules"] > 0
    with pytest.raises(InputError) as e:
        B.rules_whatif(B.basket_matrix(TSK), 0.2, 0.2, highlight=("啤酒", "啤酒"))
    assert_bilingual(e, "highlight")


def test_slice_baskets_refuses_unknown_slice(table):
    with pytest.raises(InputError) as e:
        B.slice_baskets(table, "深夜")
    assert_bilingual(e, "time_slice")


def test_panel_runs_and_moves(table):
    panel = B.rules_panel(table)
    try:
        assert panel.result["hl_found"] == "是"
        assert panel.set(min_confidence=0.9)["n_rules"] == 0
        assert panel.set(min_confidence=0.2, time_slice="工作日晚间")["hl_lift"] > 2.5
        assert len(panel.controls) <= 8 and panel.png
    finally:
        panel.close()


# --------------------------------------------------------------------------- tables and charts
def test_tables_render_with_chinese_headers(matrix):
    rules = B.association_rules(matrix, 0.02, 0.2, max_len=2)
    view = B.rules_view(rules, top=5)
    assert len(view) == 5 and "→" in view.index[0]
    html = display.table(view, "basket").to_html()
    assert "置信度" in html and "提升度" in html
    items = B.itemsets_view(B.frequent_itemsets(matrix, 0.1))
    assert items.index[0].startswith("{")
    assert "项数" in display.table(items, "basket").to_html()


def test_charts_return_figures_with_chinese_labels(table, matrix):
    rules = B.association_rules(matrix, 0.02, 0.2, max_len=2)
    fig = B.plot_rules(rules)
    assert isinstance(fig, Figure) and HAN.search(fig.axes[0].get_title())
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "尿布 → 啤酒" in texts
    r = B.rules_whatif(matrix)
    fig = B.plot_top_rules(r["top"])
    red = [t.get_text() for t in fig.axes[0].texts if t.get_color() == "#d62728"]
    assert any("尿布 → 啤酒" in t for t in red)                    # the story's rule, in red
    others = "\n".join(t.get_text() for t in fig.axes[0].texts if t.get_color() != "#d62728")
    assert "婴儿湿巾 → 尿布" in others and "尿布 → 啤酒" not in others
    fig = B.plot_lift_by_slice(B.rule_by_slice(table, "尿布", "啤酒"))
    assert len(fig.axes[0].patches) == 4
    fig = B.plot_item_support(B.item_support(matrix))
    assert len(fig.axes[0].patches) == matrix.shape[1]


# --------------------------------------------------------------------------- reader's fixes
def test_rules_view_ranks_by_lift_and_looks_up_rules(matrix):
    rules = B.association_rules(matrix, 0.02, 0.2, max_len=2)
    view = B.rules_view(rules)
    assert view["rank"].tolist() == list(range(1, len(rules) + 1))
    assert view["lift"].is_monotonic_decreasing
    by_conf = B.rules_view(rules, top=10, sort="confidence")
    # re-sorting keeps each rule's rank by lift
    assert (view.loc[by_conf.index, "rank"] == by_conf["rank"]).all()
    picked = B.rules_view(rules, pick=["面包 → 牛奶", "尿布 → 啤酒"])
    assert picked.index.tolist() == ["面包 → 牛奶", "尿布 → 啤酒"]
    direct = B.rule_metrics(matrix, "面包", "牛奶")
    assert picked.loc["面包 → 牛奶", "confidence"] == pytest.approx(direct["confidence"])
    assert picked.loc["面包 → 牛奶", "lift"] == pytest.approx(direct["lift"])
    # the rule the notebook looks up is not in the top 10 by confidence, and its lift is below 1
    assert "面包 → 牛奶" not in by_conf.index and direct["lift"] < 1
    assert B.rules_view(rules, pick="尿布 → 啤酒")["rank"].iloc[0] == \
        view.index.get_loc("尿布 → 啤酒") + 1
    with pytest.raises(InputError) as e:
        B.rules_view(rules, pick=["牛奶 → 尿布"])
    assert_bilingual(e, "pick")
    with pytest.raises(InputError) as e:
        B.rules_view(rules, pick=[])
    assert_bilingual(e, "pick")


def test_data_summary_and_transactions_view(table):
    summary = B.data_summary(table).iloc[0]
    assert summary["data_kind"] == "模拟数据"
    assert summary["n_baskets"] == len(set(table["order_id"]))
    assert summary["n_lines"] == len(table) == datasets.card("supermarket_baskets")["rows"]
    assert summary["n_households"] == len(set(table["household_id"]))
    assert summary["n_weeks"] == 8 and summary["n_items"] == 15
    html = display.table(B.data_summary(table), "basket", index=False).to_html()
    assert "12,016" in html and "购物篮数" in html
    view = B.transactions_view(table.head(50))
    assert set(view["has_infant"]) <= {"是", "否"}
    days = dict(zip(table.head(50)["weekday"], view["weekday"]))
    assert all(d == "周一周二周三周四周五周六周日"[2 * (k - 1):2 * k] for k, d in days.items())
    assert "False" not in display.table(view, "basket", index=False).to_html()


def test_rules_chart_colours_follow_lift_on_a_fixed_scale():
    r = pd.DataFrame({"antecedent": [("面包",), ("尿布",), ("奶粉",)],
                      "consequent": [("牛奶",), ("啤酒",), ("尿布",)],
                      "support": [0.14, 0.035, 0.026], "confidence": [0.40, 0.33, 0.5],
                      "lift": [0.9, 2.0, 5.0]})
    def colours(fig):
        points = fig.axes[0].collections[0]
        return points.to_rgba(points.get_array())

    fig = B.plot_rules(r, colorbar=False)
    face = colours(fig)
    assert face[0][2] > face[0][0] + 0.2                 # lift 0.9: clearly blue
    assert face[1][0] > face[1][2] + 0.2                 # lift 2: clearly red
    # fixed scale: lift 5 takes the end colour, the same as lift 3
    assert np.allclose(face[2], colours(B.plot_rules(r.assign(lift=[0.9, 2.0, 3.0]), colorbar=False))[2])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "提升度：" in texts and "≤0.8" in texts and "≥3" in texts    # the key stands in for a bar
    assert "×" not in fig.axes[0].get_title() and len(fig.axes) == 1
    assert len(B.plot_rules(r).axes) == 2                              # with a colour bar


def test_lift_by_slice_legend_explains_the_grey_bar(table):
    fig = B.plot_lift_by_slice(B.rule_by_slice(table, "尿布", "啤酒"))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert display.label("bar_all", "basket") in labels
    assert display.label("bar_slice", "basket") in labels
    bars = fig.axes[0].patches
    assert bars[0].get_facecolor() != bars[1].get_facecolor()


def test_crisps_and_cola_are_planted_and_other_pairs_are_not(matrix):
    # the card and the notebook name four planted things; every other pair is independent
    assert B.rule_metrics(matrix, "薯片", "可乐")["lift"] > 1.8
    rules = B.association_rules(matrix, 0.02, 0.2, max_len=2)
    pairs = [{*a, *c} for a, c in zip(rules["antecedent"], rules["consequent"])]
    infant_or_beer = {"尿布", "婴儿湿巾", "奶粉", "啤酒"}
    planted = [p <= infant_or_beer or p == {"薯片", "可乐"} for p in pairs]
    plain = rules[~np.array(planted)]
    assert len(plain) > 40 and plain["lift"].between(0.8, 1.2).all()
    assert (rules[np.array(planted)]["lift"] > 1.8).all()


def test_panel_names_the_time_slice_as_the_parameter_does():
    panel = B.rules_panel()
    try:
        assert "时段 = 全部" in panel.static_html() and "全部时段" not in panel.static_html()
    finally:
        panel.close()


def test_rules_view_looks_up_a_rule_the_thresholds_dropped(matrix):
    rules = B.association_rules(matrix, 0.02, 0.35, max_len=2)        # drops 尿布 → 啤酒 (33%)
    view = B.rules_view(rules, pick=["面包 → 牛奶", "尿布 → 啤酒"], baskets=matrix)
    direct = B.rule_metrics(matrix, "尿布", "啤酒")
    assert np.isnan(view.loc["尿布 → 啤酒", "rank"]) and view.loc["面包 → 牛奶", "rank"] >= 1
    assert view.loc["尿布 → 啤酒", "confidence"] == pytest.approx(direct["confidence"])
    assert view.loc["尿布 → 啤酒", "count"] == direct["count_ab"]
    assert "—" in display.table(view, "basket").to_html()
    with pytest.raises(InputError) as e:
        B.rules_view(rules, pick=["尿布 啤酒"], baskets=matrix)
    assert_bilingual(e, "pick")


@pytest.mark.parametrize("fontsize", [4, 7.5, 12, 20])
def test_top_rules_columns_never_overlap(matrix, fontsize):
    """Each cell is its own text at a fixed pitch; a new figure grows with the font size
    (at 20 pt the columns used to run into each other)."""
    fig = B.plot_top_rules(B.rules_whatif(matrix)["top"], fontsize=fontsize)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = {}
    for t in fig.axes[0].texts:
        boxes.setdefault(round(t.get_position()[0], 3), []).append(t.get_window_extent(renderer))
    columns = [boxes[x] for x in sorted(boxes)]
    assert len(columns) == 4 and {len(c) for c in columns} == {11}     # header + 10 rules
    rule_right = max(b.x1 for b in columns[0])
    for left, right in zip(columns, columns[1:]):
        assert max(b.x1 for b in left) < min(b.x0 for b in right), fontsize
    assert rule_right < min(b.x0 for b in columns[1])
    rows = sorted(columns[0], key=lambda b: -b.y0)
    assert all(a.y0 >= b.y1 - 0.5 for a, b in zip(rows, rows[1:])), "rows overlap"
