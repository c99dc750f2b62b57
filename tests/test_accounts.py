"""Tests of crmlab.accounts: key accounts, profitability matrix, composition ratios."""
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import accounts as ac
from crmlab.validation import InputError, InputTypeError


def orders():
    # a: 100/month Jan–Jun; b: 300 in March only; c: 50/month Jan–Jun, 400 in June
    rows = [("a", f"2024-{m:02d}-10", 100.0) for m in range(1, 7)]
    rows += [("b", "2024-03-05", 300.0)]
    rows += [("c", f"2024-{m:02d}-20", 50.0) for m in range(1, 7)] + [("c", "2024-06-21", 400.0)]
    return pd.DataFrame(rows, columns=["customer_id", "date", "sales"])


def test_key_account_status_and_trend_hand_checked():
    # annual standard 1200 → 300 over a 3-month window
    st = ac.key_account_status(orders(), threshold=1200, window=3)
    assert [str(p) for p in st.columns] == ["2024-03", "2024-04", "2024-05", "2024-06"]
    # rolling 3-month sales: a 300 each month; b 300,300,300,0; c 150,150,150,550
    assert st.loc["a"].tolist() == [True, True, True, True]
    assert st.loc["b"].tolist() == [True, True, True, False]
    assert st.loc["c"].tolist() == [False, False, False, True]
    t = ac.key_account_trend(orders(), threshold=1200, window=3)
    assert t["key_accounts"].tolist() == [2, 2, 2, 2]
    assert t["entries"].tolist()[1:] == [0, 0, 1] and t["exits"].tolist()[1:] == [0, 0, 1]
    assert pd.isna(t["entries"].iloc[0]) and pd.isna(t["exits"].iloc[0])
    assert t["ka_sales_share"].iloc[0] == pytest.approx(600 / 750)
    assert t.index.name == "month"


def test_key_account_threshold_is_inclusive():
    # exactly 300 over 3 months qualifies (a, b); just above it only c's 550 in June does
    assert ac.key_account_trend(orders(), threshold=1200.04, window=3)[
        "key_accounts"].tolist() == [0, 0, 0, 1]


def test_threshold_is_annual_and_scaled_to_the_window():
    assert ac.window_threshold(300_000, 1) == pytest.approx(25_000)
    assert ac.window_threshold(300_000, 24) == pytest.approx(600_000)
    # a steady customer buying 100 a month meets an annual standard of 1200 with
    # any window, and misses 1201 with any window
    rows = [("a", f"2024-{m:02d}-10", 100.0) for m in range(1, 13)]
    o = pd.DataFrame(rows, columns=["customer_id", "date", "sales"])
    for w in (1, 3, 6, 12):
        assert ac.key_account_status(o, threshold=1200, window=w).to_numpy().all()
        assert not ac.key_account_status(o, threshold=1201, window=w).to_numpy().any()
        assert ac.key_account_whatif(o, threshold=1200, window=w)["window_threshold"] == \
            pytest.approx(100.0 * w)
    with pytest.raises(InputError):
        ac.window_threshold(0, 12)
    with pytest.raises(InputError):
        ac.window_threshold(1000, 0)


def test_key_account_whatif_and_department_rule():
    rows = [(f"k{i:02d}", "2024-01-05", 1000.0 + i) for i in range(25)]
    o = pd.DataFrame(rows, columns=["customer_id", "date", "sales"])
    # window of 1 month: the monthly standard is threshold / 12
    r = ac.key_account_whatif(o, threshold=12_000, window=1)
    assert r["key_accounts_now"] == 25 and r["needs_ka_department"] is True
    # exactly 20 key accounts: "20 个以上" includes 20, so a department is needed
    r = ac.key_account_whatif(o, threshold=12 * 1005, window=1)
    assert r["key_accounts_now"] == 20 and r["needs_ka_department"] is True
    assert r["ka_sales_share_now"] == pytest.approx(sum(1005 + i for i in range(20))
                                                    / sum(1000 + i for i in range(25)))
    r = ac.key_account_whatif(o, threshold=12 * 1006, window=1)
    assert r["key_accounts_now"] == 19 and r["needs_ka_department"] is False
    # ends of a slider: nobody, everybody
    assert ac.key_account_whatif(o, threshold=1e9, window=1)["key_accounts_now"] == 0
    assert ac.key_account_whatif(o, threshold=1e-9, window=1)["key_accounts_now"] == 25


@pytest.mark.parametrize("mutate,err", [
    (lambda o: o.iloc[0:0], InputError),
    (lambda o: o.drop(columns="sales"), InputError),
    (lambda o: o.assign(sales=-1.0), InputError),
    (lambda o: o.assign(sales="x"), InputTypeError),
    (lambda o: o.assign(date="x"), InputTypeError),
    (lambda o: o.assign(customer_id=None), InputError),
])
def test_key_account_bad_orders(mutate, err):
    with pytest.raises(err):
        ac.key_account_trend(mutate(orders()), threshold=100, window=3)


def test_key_account_bad_parameters():
    with pytest.raises(InputError):
        ac.key_account_trend(orders(), threshold=0, window=3)
    with pytest.raises(InputError):
        ac.key_account_trend(orders(), threshold=100, window=7)   # only 6 months of data
    with pytest.raises(InputError):
        ac.key_account_trend(orders(), threshold=100, window=0)


def test_key_account_all_equal_values():
    o = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01"] * 2, "sales": [5.0] * 2})
    assert ac.key_account_trend(o, threshold=5, window=1)["key_accounts"].tolist() == [2]


def test_profitability_example_matches_seed_pattern():
    m, c = ac.profitability_matrix(ac.profitability_example())
    assert c.loc["客户A", ["profitable_products", "breakeven_products", "loss_products"]
                 ].tolist() == [2, 1, 0]
    assert c.loc["客户B", ["profitable_products", "breakeven_products", "loss_products"]
                 ].tolist() == [1, 0, 1]
    assert c.loc["客户C", ["profitable_products", "breakeven_products", "loss_products"]
                 ].tolist() == [1, 1, 1]
    assert c["status"].astype(str).tolist() == ["盈利型", "混合型", "亏损型"]
    assert c["status_en"].tolist() == ["profitable", "mixed", "loss-making"]
    assert np.isnan(m.loc["客户B", "P2"])
    assert c["profit"].tolist() == [500.0, 50.0, -150.0]


def test_profitability_matrix_sums_lines_and_tolerance():
    o = pd.DataFrame({"customer_id": ["x", "x", "x", "y"], "product_id": ["p", "p", "q", "q"],
                      "profit": [2.0, 3.0, -0.5, 1.0]})
    m, c = ac.profitability_matrix(o)
    assert m.loc["x", "p"] == 5.0 and c.loc["x", "status"] == "混合型"
    _, c2 = ac.profitability_matrix(o, tolerance=1.0)
    assert c2.loc["x", "status"] == "盈利型" and c2.loc["x", "breakeven_products"] == 1


@pytest.mark.parametrize("mutate,err", [
    (lambda o: o.iloc[0:0], InputError),
    (lambda o: o.drop(columns="profit"), InputError),
    (lambda o: o.assign(profit="x"), InputTypeError),
    (lambda o: o.assign(product_id=None), InputError),
])
def test_profitability_matrix_bad(mutate, err):
    with pytest.raises(err):
        ac.profitability_matrix(mutate(ac.profitability_example()))


def test_profitability_matrix_bad_tolerance():
    with pytest.raises(InputError):
        ac.profitability_matrix(ac.profitability_example(), tolerance=-1)


def test_composition_ratios_hand_checked():
    o = pd.DataFrame({"product_id": ["x", "x", "y"], "sales": [200.0, 100.0, 100.0],
                      "cost": [160.0, 80.0, 60.0]})
    r = ac.composition_ratios(o, inventory=pd.Series({"y": 50.0, "x": 60.0}))
    # gross profit: x 60, y 40 of 100 → shares 0.6 and 0.4
    assert r.loc["x"].tolist() == pytest.approx([300, 0.75, 60, 0.2, 0.6, 60, 5, 1.0, 0.75])
    assert r.loc["y"].tolist() == pytest.approx([100, 0.25, 40, 0.4, 0.4, 50, 2, 0.8, 0.2])
    # cross ratio = gross profit per yuan of inventory
    assert (r["cross_ratio"] == r["gross_profit"] / r["avg_inventory"]).all()
    # the contribution ratio is not the share of gross profit: y has the smaller
    # gross profit here, and with a small stock it tops the contribution ratio
    small_stock = ac.composition_ratios(o, inventory=pd.Series({"y": 5.0, "x": 60.0}))
    assert small_stock["contribution_ratio"].idxmax() == "y"
    assert small_stock["gross_profit_share"].idxmax() == "x"
    plain = ac.composition_ratios(o)
    assert list(plain.columns) == ["sales", "sales_share", "gross_profit", "gross_margin_rate",
                                   "gross_profit_share"]


def test_composition_ratios_bad():
    o = pd.DataFrame({"product_id": ["x"], "sales": [10.0], "cost": [5.0]})
    with pytest.raises(InputError):
        ac.composition_ratios(o.iloc[0:0])
    with pytest.raises(InputError):
        ac.composition_ratios(o.assign(cost=-1.0))
    with pytest.raises(InputError):
        ac.composition_ratios(o.assign(sales=0.0))
    with pytest.raises(InputTypeError):
        ac.composition_ratios(o, inventory={"x": 1.0})
    with pytest.raises(InputError):
        ac.composition_ratios(o, inventory=pd.Series({"y": 1.0}))
    with pytest.raises(InputError):
        ac.composition_ratios(o, inventory=pd.Series({"x": 0.0}))
    with pytest.raises(InputTypeError):
        ac.composition_ratios(o.assign(sales="1"))


def test_customer_summary():
    o = pd.DataFrame({"customer_id": ["b", "a", "a"], "sales": [10.0, 5.0, 5.0],
                      "cost": [8.0, 4.0, 4.0], "profit": [1.0, -2.0, 0.5]})
    s = ac.customer_summary(o)
    assert s.index.tolist() == ["a", "b"]
    assert s.loc["a"].tolist() == [10.0, 8.0, 2.0, -1.5, 2]
    with pytest.raises(InputError):
        ac.customer_summary(o.assign(sales=-1.0))
    with pytest.raises(InputError):
        ac.customer_summary(o.iloc[0:0])


def test_plots():
    t = ac.key_account_trend(orders(), threshold=300, window=3)
    m, _ = ac.profitability_matrix(ac.profitability_example())
    for fig in (ac.plot_key_account_trend(t, threshold=300), ac.plot_profitability_heatmap(m)):
        assert isinstance(fig, Figure)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in fig.axes[0].get_title())
        assert fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel()
    title = ac.plot_key_account_trend(t, threshold=1200, window=3).axes[0].get_title()
    assert "1,200" in title and "最近 3 个月销售额 ≥ 300 元" in title
    assert "最近 12 个月销售额 ≥ 1,200 元" in ac.plot_key_account_trend(
        t, threshold=1200).axes[0].get_title()
    big = pd.DataFrame({"P1": [150_000.0, -20_000.0], "P2": [np.nan, 5_000.0]}, index=["x", "y"])
    fig = ac.plot_profitability_heatmap(big)
    fig.canvas.draw()
    ticks = [tl.get_text() for tl in fig.axes[1].get_yticklabels()]
    assert any("," in tick for tick in ticks) and not any("e+" in tick for tick in ticks)
    with pytest.raises(InputTypeError):
        ac.plot_profitability_heatmap(pd.DataFrame())
    with pytest.raises(InputError):
        ac.plot_key_account_trend(pd.DataFrame({"x": [1]}))


# --------------------------------------------------------------------- KA what-if panel
def _two_years():
    dates = pd.date_range("2023-01-01", periods=24, freq="MS")
    return pd.DataFrame({"customer_id": ["a", "b", "c"] * 8, "date": dates,
                         "sales": [90_000.0, 30_000.0, 10_000.0] * 8})


def test_monthly_sales_gives_the_same_trend():
    o = _two_years()
    m = ac.monthly_sales(o)
    assert len(m) == 24 and m["sales"].sum() == o["sales"].sum()
    a = ac.key_account_trend(o, threshold=200_000)
    b = ac.key_account_trend(m, threshold=200_000)
    pd.testing.assert_frame_equal(a, b)


def test_key_account_panel_defaults_and_department_verdict():
    panel = ac.key_account_panel(_two_years())
    try:
        r = panel.result
        assert panel.error is None and panel.png
        assert r["key_accounts_now"] == 1 and r["ka_department"].startswith("暂不需要")
        twenty = pd.DataFrame({"customer_id": [f"k{i:02d}" for i in range(20)],
                               "date": "2024-01-01", "sales": 1.0})
        many = ac.key_account_panel_model(twenty, threshold=12, window=1)
        assert many["needs_ka_department"] and many["ka_department"] == "需要（20 家及以上）"
        few = ac.key_account_panel_model(twenty.iloc[:19], threshold=12, window=1)
        assert not few["needs_ka_department"] and few["ka_department"] == "暂不需要（少于 20 家）"
    finally:
        panel.close()


def test_key_account_panel_extremes():
    panel = ac.key_account_panel(_two_years())
    try:
        records = panel.drive_extremes()
        assert len(records) == 6 and all(r.problems == [] for r in records)
        assert all(r.error is None for r in records)
        assert panel.set(threshold=1_500_000)["key_accounts_now"] == 0
    finally:
        panel.close()


# ------------------------------------------------ issue 11: regressions
@pytest.mark.parametrize("kind", [int, float])
def test_yyyymmdd_numbers_are_dates_not_nanoseconds(kind):
    o = orders()
    numeric = o.assign(date=[kind(d.replace("-", "")) for d in o["date"]])
    pd.testing.assert_frame_equal(ac.key_account_trend(numeric, threshold=1200, window=3),
                                  ac.key_account_trend(o, threshold=1200, window=3))
    m = ac.monthly_sales(numeric)
    assert m["date"].dt.strftime("%Y-%m").unique().tolist() == \
        [f"2024-{i:02d}" for i in range(1, 7)]
    with pytest.raises(InputTypeError, match="yyyymmdd"):
        ac.monthly_sales(o.assign(date=np.arange(len(o))))
    with pytest.raises(InputTypeError, match="yyyymmdd"):
        ac.key_account_status(o.assign(date=1.5e9), threshold=1200)


def test_profitability_matrix_mixed_type_ids_are_refused():
    o = ac.profitability_example()
    with pytest.raises(InputTypeError, match="mixed"):
        ac.profitability_matrix(o.assign(customer_id=[1, "客户A", 1, 2, 2, 3, 3, 3]))
    with pytest.raises(InputTypeError, match="product_id"):
        ac.profitability_matrix(o.assign(product_id=[["P1"]] * 8))


def test_composition_ratios_duplicated_product_in_inventory():
    o = pd.DataFrame({"product_id": ["x", "y"], "sales": [300.0, 100.0], "cost": [240.0, 60.0]})
    inv = pd.Series([60.0, 50.0, 55.0], index=["x", "y", "y"])
    with pytest.raises(InputError, match="twice"):
        ac.composition_ratios(o, inventory=inv)
    with pytest.raises(InputError, match="sales_col"):
        ac.composition_ratios(o, sales_col="cost")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_huge_values_are_refused_naming_orders():
    o = pd.DataFrame({"customer_id": ["a", "a"], "sales": [1e308, 1e308], "cost": [0.0, 0.0],
                      "profit": [1.0, 1.0]})
    with pytest.raises(InputError, match="orders") as err:
        ac.customer_summary(o)
    assert "有限" in str(err.value)
    o2 = pd.DataFrame({"product_id": ["x", "y"], "sales": [1e308, 1e308], "cost": [0.0, 0.0]})
    r = ac.composition_ratios(o2)
    assert r["sales_share"].tolist() == [0.5, 0.5]


def test_column_arguments_are_checked():
    with pytest.raises(InputTypeError, match="customer_col"):
        ac.customer_summary(pd.DataFrame({"customer_id": ["a"], "sales": [1.0], "cost": [0.5],
                                          "profit": [0.1]}), customer_col=["customer_id"])
    with pytest.raises(InputError, match="twice"):
        o = orders()
        ac.key_account_trend(pd.concat([o, o[["sales"]]], axis=1), threshold=100)
    with pytest.raises(InputTypeError, match="customer_id"):
        ac.key_account_trend(orders().assign(customer_id=[["a"]] * len(orders())), threshold=100)


def test_plots_refuse_malformed_input():
    with pytest.raises(InputTypeError):
        ac.plot_key_account_trend([1, 2])
    t = ac.key_account_trend(orders(), threshold=1200, window=3)
    with pytest.raises(InputTypeError, match="key_accounts"):
        ac.plot_key_account_trend(t.assign(key_accounts="x"))
    with pytest.raises(InputError, match="exits"):
        ac.plot_key_account_trend(t.assign(exits=-1))
    with pytest.raises(InputError, match="threshold"):
        ac.plot_key_account_trend(t, threshold=-5)
    with pytest.raises(InputTypeError):
        ac.plot_profitability_heatmap(pd.DataFrame({"P1": ["a"]}))
    with pytest.raises(InputError):
        ac.plot_profitability_heatmap(pd.DataFrame({"P1": [np.inf]}))


# ------------------------------------------------ remedies and KA scorecard
def test_remedy_whatif_hand_checked():
    o = pd.DataFrame({"customer_id": ["B", "B", "C", "C", "C"],
                      "product_id": ["P1", "P4", "P1", "P3", "P4"],
                      "sales": [1000.0, 500.0, 800.0, 300.0, 1000.0],
                      "profit": [150.0, -100.0, 100.0, 0.0, -250.0]})
    base = ac.remedy_whatif(o)
    assert base["status_before"] == base["status_after"] == {"盈利型": 0, "混合型": 1, "亏损型": 1}
    assert base["profit_before"] == base["profit_after"] == -100.0
    up = ac.remedy_whatif(o, price_rise=0.1)
    # B: 150 + (-100 + 50) = 100; C: 100 + (0 + 30) + (-250 + 100) = -20
    assert up["customers"]["profit_after"].tolist() == [100.0, -20.0]
    assert up["customers"]["status_after"].astype(str).tolist() == ["混合型", "亏损型"]
    dropped = ac.remedy_whatif(o, drop=True)
    assert dropped["customers"]["profit_after"].tolist() == [150.0, 100.0]
    assert dropped["improved"] == 2 and dropped["loss_customers_after"] == 0
    more = ac.remedy_whatif(o, profitable_growth=1.0)
    assert more["customers"]["profit_after"].tolist() == [200.0, -50.0]
    with pytest.raises(InputError, match="price_rise"):
        ac.remedy_whatif(o, price_rise=0.1, drop=True)
    with pytest.raises(InputTypeError, match="drop"):
        ac.remedy_whatif(o, drop="yes")
    with pytest.raises(InputError, match="profitable_growth"):
        ac.remedy_whatif(o, profitable_growth=-0.1)


def test_key_account_scorecard_hand_checked():
    o = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c"],
                      "date": ["2024-05-01", "2025-05-01", "2024-06-01", "2025-06-01", "2025-01-01"],
                      "sales": [100.0, 121.0, 200.0, 180.0, 50.0],
                      "profit": [5.0, 8.0, 9.0, 4.0, 1.0]})
    s = ac.key_account_scorecard(o, ["a", "b", "c"], 2025, target_growth=0.1,
                                 wallet=pd.Series({"a": 242.0, "b": 600.0, "c": 50.0}))
    assert s["target"].tolist()[:2] == pytest.approx([110.0, 220.0]) and np.isnan(s.loc["c", "target"])
    assert s["profit"].tolist() == [8.0, 4.0, 1.0]
    assert s["share_of_wallet"].tolist() == pytest.approx([0.5, 0.3, 1.0])
    m = ac.manager_scorecard(s, pd.Series({"a": "王", "b": "李", "c": "王"}))
    assert m.loc["王", "key_accounts"] == 2 and m.loc["王", "target_attainment"] == pytest.approx(1.1)
    assert m.loc["王", "share_of_wallet"] == pytest.approx(171 / 292)
    with pytest.raises(InputError, match="wallet"):
        ac.key_account_scorecard(o, ["a"], 2025, wallet=pd.Series({"a": 100.0}))
    with pytest.raises(InputError, match="key_accounts"):
        ac.key_account_scorecard(o, ["zz"], 2025)
    with pytest.raises(InputError, match="managers"):
        ac.manager_scorecard(s, pd.Series({"a": "王"}))


def test_window_threshold_of_a_huge_standard_stays_finite():
    assert ac.window_threshold(1e308, 12) == 1e308
    with pytest.raises(InputError, match="threshold, window"):
        ac.window_threshold(1e308, 24)
    with pytest.raises(InputError):
        ac.window_threshold(float("inf"))


def test_remedy_table_checks_its_arguments():
    o = ac.profitability_example().assign(sales=100.0)
    for bad in (10**400, "x", None, [1], -0.1):
        with pytest.raises((InputError, InputTypeError), match="price_rise"):
            ac.remedy_table(o, price_rise=bad)
        with pytest.raises((InputError, InputTypeError), match="profitable_growth"):
            ac.remedy_table(o, profitable_growth=bad)


def test_trend_title_has_one_pair_of_brackets():
    t = ac.key_account_trend(orders(), threshold=1200, window=3)
    merged = ac.plot_key_account_trend(t, threshold=1200, title="大客户发展坐标图（模拟数据）")
    assert merged.axes[0].get_title() == "大客户发展坐标图（模拟数据；标准：最近 12 个月销售额 ≥ 1,200 元）"
    plain = ac.plot_key_account_trend(t, threshold=1200, window=3, title="大客户")
    assert plain.axes[0].get_title() == "大客户（年化标准 1,200 元：最近 3 个月销售额 ≥ 300 元）"
    assert ac.plot_key_account_trend(t, title="大客户（模拟数据）").axes[0].get_title() == \
        "大客户（模拟数据）"


def test_the_order_card_states_the_loss_shares_it_computes():
    """The card's figures are computed from the file, for all years and for each year."""
    import re
    from pathlib import Path

    import yaml

    from crmlab import datasets, segments
    card = yaml.safe_load((Path(__file__).resolve().parents[1] / "datasets" /
                           "beverage_orders.yml").read_text(encoding="utf-8"))
    text = " ".join(card["description"].split())
    o = datasets.load_beverage_orders()

    def facts(frame):
        s = ac.customer_summary(frame)
        return (len(s), int((s["profit"] < 0).sum()), float((s["profit"] < 0).mean()),
                segments.top_share(s["sales"], 0.2), segments.whale_curve(s["profit"]).peak)

    n, losers, share, top20, peak = facts(o)
    assert (f"over 2023–2025 combined, {n} customers, the top 20% make {top20:.1%} of sales, "
            f"{losers} customers ({share:.1%}) lose money and the whale curve peaks at "
            f"{peak:.1%}") in text
    n, losers, share, top20, peak = facts(o[o["date"].dt.year == 2025])
    assert (f"in 2025 alone (the year chapter 5 analyses), {n} customers, the top 20% make "
            f"{top20:.1%} of sales, {losers} customers ({share:.1%}) lose money and the whale "
            f"curve peaks at {peak:.1%}") in text
    for year in (2023, 2024):
        n, losers, share, _, _ = facts(o[o["date"].dt.year == year])
        assert re.search(rf"{year}: {losers} (?:of )?{n} lose money, {share:.1%}|"
                         rf"{year}: {losers} of {n}, {share:.1%}", text), year


# ------------------------------------------------------------ fuzz regressions
# Defects an independent fuzzer found (items of /tmp/fuzz/REPROS_final.py); one test each.

def _both_languages(err, *words):
    text = str(err.value)
    assert "应为" in text and "must be" in text
    for w in words:
        assert w in text


def test_fuzz_monthly_sales_keeps_zero_months_and_agrees_with_the_orders():
    o = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-10", "2024-02-10"],
                      "sales": [200.0, 0.0]})
    assert ac.key_account_whatif(o, 1200, 1)["key_accounts_now"] == \
        ac.key_account_panel_model(ac.monthly_sales(o), 1200, 1)["key_accounts_now"] == 0
    o2 = pd.DataFrame({"customer_id": ["a"] * 24,
                       "date": pd.date_range("2023-01-01", periods=24, freq="MS"),
                       "sales": [0.0] * 23 + [400000.0]})
    m = ac.monthly_sales(o2)
    assert len(m) == 24 and m["sales"].tolist() == [0.0] * 23 + [400000.0]
    panel = ac.key_account_panel(o2)
    try:
        assert panel.error is None
        assert panel.result["key_accounts_now"] == ac.key_account_whatif(o2)["key_accounts_now"] == 1
    finally:
        panel.close()
    zero = o2.assign(sales=0.0)
    panel = ac.key_account_panel(zero)
    try:
        assert panel.error is None and panel.result["key_accounts_now"] == 0
    finally:
        panel.close()
    for o3 in (o, o2, orders()):
        pd.testing.assert_frame_equal(ac.key_account_trend(ac.monthly_sales(o3), 1200, 1),
                                      ac.key_account_trend(o3, 1200, 1))


def test_fuzz_tiny_threshold_never_counts_customers_without_sales():
    o = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-05", "2024-02-05"],
                      "sales": [100.0, 100.0]})
    assert ac.key_account_trend(o, 1e-6, 1)["key_accounts"].tolist() == [1, 1]
    # the tolerance still keeps 0.1 + 0.2 on the right side of 0.3 (annual 3.6, 1 month)
    o = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-05", "2024-01-06"],
                      "sales": [0.1, 0.2]})
    assert ac.key_account_trend(o, 3.6, 1)["key_accounts"].tolist() == [1]


def _scorecard():
    return pd.DataFrame({"sales": [121.0, 180.0], "target": [110.0, 220.0],
                         "profit": [8.0, 4.0]}, index=["a", "b"])


@pytest.mark.parametrize("change, kind", [
    ({"profit": [np.nan, 4.0]}, InputError),
    ({"sales": [np.inf, 1.0]}, InputError),
    ({"sales": [-1.0, 1.0]}, InputError),
    ({"sales": ["1", "2"]}, InputTypeError),
    ({"target": [0.0, 220.0]}, InputError),
])
def test_fuzz_manager_scorecard_checks_its_columns(change, kind):
    col = next(iter(change))
    with pytest.raises(kind) as err:
        ac.manager_scorecard(_scorecard().assign(**change), pd.Series({"a": "王", "b": "王"}))
    assert str(err.value).startswith(f"scorecard[{col!r}]")
    _both_languages(err)


def test_fuzz_manager_scorecard_zero_wallet_rule_as_key_account_scorecard():
    s = _scorecard().assign(sales=[0.0, 180.0], wallet=[0.0, 200.0])
    m = ac.manager_scorecard(s, pd.Series({"a": "王", "b": "李"}))
    assert m.loc["王", "share_of_wallet"] == 0.0 and m.loc["李", "share_of_wallet"] == 0.9
    o = pd.DataFrame({"customer_id": ["a", "a", "b"],
                      "date": ["2024-05-01", "2025-05-01", "2025-06-01"],
                      "sales": [100.0, 0.0, 180.0], "profit": [5.0, 0.0, 4.0]})
    k = ac.key_account_scorecard(o, ["a", "b"], 2025, wallet=pd.Series({"a": 0.0, "b": 200.0}))
    assert k.loc["a", "share_of_wallet"] == 0.0


def test_fuzz_dates_outside_pandas_range_are_refused():
    t = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2263-01-01", "2024-01-05"],
                      "sales": [10.0, 8.0]})
    for call in (lambda: ac.monthly_sales(t), lambda: ac.key_account_trend(t, 100, 1),
                 lambda: ac.monthly_sales(t.assign(date=[15000101, 20240105]))):
        with pytest.raises(InputError) as err:
            call()
        assert str(err.value).startswith("orders['date']")
        _both_languages(err, "1677-09-22", "2262-04-11")


def test_fuzz_complex_and_multiindex_orders_are_refused():
    o = orders().assign(sales=lambda d: d["sales"] + 1j)
    with pytest.raises(InputTypeError, match="real"):
        ac.monthly_sales(o)
    mi = orders()
    mi.columns = pd.MultiIndex.from_tuples([(c, "") for c in mi.columns])
    for call in (lambda: ac.monthly_sales(mi), lambda: ac.key_account_trend(mi, 100),
                 lambda: ac.customer_summary(mi)):
        with pytest.raises(InputError, match="MultiIndex"):
            call()


def _oo():
    return pd.DataFrame({"customer_id": ["a", "a", "b", "b"],
                         "date": ["2024-05-01", "2025-05-01", "2024-06-01", "2025-06-01"],
                         "sales": [100.0, 121, 200, 180], "profit": [5.0, 8, 9, 4],
                         "product_id": ["x", "y", "x", "y"]})


def test_fuzz_messages_name_the_callers_argument():
    with pytest.raises(InputTypeError) as err:
        ac.key_account_scorecard(_oo(), np.array("a"), 2025)
    assert str(err.value).startswith("key_accounts ")
    with pytest.raises(InputTypeError) as err:
        ac.key_account_scorecard(_oo(), ["a", 1], 2025)
    assert str(err.value).startswith("key_accounts ") and "'c'" not in str(err.value)
    with pytest.raises(InputError) as err:
        ac.key_account_scorecard(_oo(), ["a", "a"], 2025)
    assert str(err.value).startswith("key_accounts ") and "'c'" not in str(err.value)
    with pytest.raises(InputError) as err:
        ac.composition_ratios(_oo().assign(cost=[50.0, 60, 100, 90]),
                              inventory=pd.Series({"x": np.nan, "y": 5.0}))
    assert str(err.value).startswith("inventory ") and "'inv'" not in str(err.value)
    with pytest.raises(InputError) as err:
        ac.key_account_scorecard(_oo(), ["a"], 2025, wallet=pd.Series({"a": np.nan}))
    assert str(err.value).startswith("wallet ") and "'w'" not in str(err.value)


def test_fuzz_remedy_table_refuses_unknown_keywords():
    o = ac.profitability_example().assign(sales=100.0)
    with pytest.raises(InputError) as err:
        ac.remedy_table(o, bogus=1)
    _both_languages(err, "'bogus'", "customer_col", "tolerance")
    assert ac.remedy_table(o, tolerance=0.0).equals(ac.remedy_table(o))


def test_fuzz_heatmap_of_extreme_finite_profits():
    fig = ac.plot_profitability_heatmap(pd.DataFrame({"P1": [1e308, -1e308], "P2": [1.0, 2.0]},
                                                     index=["a", "b"]))
    assert isinstance(fig, Figure)
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert "1e+308" in labels and "-1e+308" in labels
