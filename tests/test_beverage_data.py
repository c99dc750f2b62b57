"""The simulated beverage distributor data: cards, determinism and built-in properties."""
import numpy as np
import pandas as pd
import pytest

from crmlab import accounts as ac
from crmlab import datasets
from crmlab import segments as sg

NAMES = ("beverage_orders", "beverage_customers", "beverage_products")


@pytest.fixture(scope="module")
def orders():
    return datasets.load_beverage_orders()


@pytest.fixture(scope="module")
def by_customer(orders):
    return ac.customer_summary(orders)


@pytest.mark.parametrize("name", NAMES)
def test_card_and_bytes(name):
    card = datasets.card(name)
    assert card["simulated"] is True and "模拟数据" in card["description"]
    assert card["generator"].startswith("crmlab.simulate.beverage:")
    assert "notebooks/05_abc_key_accounts.ipynb" in card["used_by"]
    data = datasets.csv_bytes(datasets.generate(name))
    assert datasets.sha256(data) == card["sha256"]
    assert (datasets.data_dir() / card["file"]).read_bytes() == data
    df = datasets.load(name)
    assert len(df) == card["rows"]
    assert list(df.columns) == [c["name"] for c in card["columns"]]
    for col in card["columns"]:
        assert col["dtype"] in ("string", "int", "float", "category", "date")
        assert col["description"]


def test_same_seed_same_bytes_other_seed_differs():
    from crmlab.simulate import beverage
    a = datasets.csv_bytes(beverage.generate_orders(seed=7))
    beverage._simulate.cache_clear()
    assert datasets.csv_bytes(beverage.generate_orders(seed=7)) == a
    assert datasets.csv_bytes(beverage.generate_orders(seed=8)) != a


def test_total_size_small():
    total = sum((datasets.data_dir() / datasets.card(n)["file"]).stat().st_size for n in NAMES)
    assert total < 5_000_000


def test_tables_agree(orders):
    customers = datasets.load_beverage_customers()
    products = datasets.load_beverage_products()
    assert 600 <= len(customers) <= 1500 and 6 <= len(products) <= 10
    assert set(orders["customer_id"]) <= set(customers["customer_id"])
    assert set(orders["product_id"]) == set(products["product_id"])
    assert orders["date"].min() >= pd.Timestamp("2023-01-01")
    assert orders["date"].max() <= pd.Timestamp("2025-12-31")
    assert np.allclose(orders["profit"], orders["sales"] - orders["cost"] - orders["service_cost"],
                       atol=0.011)
    assert (orders["quantity"] >= 1).all() and (orders["service_cost"] > 0).all()
    assert set(customers["payment_terms"].astype(str)) == {"现金", "月结", "30天账期", "60天账期"}


def test_concentration(by_customer):
    share = sg.top_share(by_customer["sales"], 0.2)
    assert 0.75 <= share <= 0.85
    abc = sg.abc_classify(by_customer["sales"])
    assert (abc["class"] == "A").mean() < 0.3


def test_whale_curve_and_loss_makers(by_customer):
    w = sg.whale_curve(by_customer["profit"])
    assert 1.2 <= w.peak <= 1.6
    assert 0.1 <= w.loss_customer_share <= 0.4
    assert w.total_profit > 0


def test_why_customers_lose_money(orders, by_customer):
    customers = datasets.load_beverage_customers().set_index("customer_id")
    d = by_customer.join(customers)
    d["loss"] = d["profit"] < 0
    d["order_value"] = d["sales"] / orders.groupby("customer_id")["order_id"].nunique()
    deep = d["discount_rate"] >= 0.13
    assert d.loc[deep, "loss"].mean() > 0.8 > d.loc[~deep, "loss"].mean()
    small = d["order_value"] < d["order_value"].quantile(0.2)
    assert d.loc[small, "loss"].mean() > d.loc[~small & ~deep, "loss"].mean()


def test_beer_summer_peak(orders):
    beer = orders[orders["product_id"].isin(["P01", "P02", "P03", "P04"])]
    by_month = beer.groupby(beer["date"].dt.month)["sales"].sum()
    summer = by_month.loc[[6, 7, 8]].mean()
    winter = by_month.loc[[12, 1, 2]].mean()
    assert summer > 2 * winter
    assert by_month.idxmax() in (6, 7, 8)


def test_customers_join_grow_shrink_and_leave(orders):
    customers = datasets.load_beverage_customers()
    assert (customers["joined"] > pd.Timestamp("2023-01-01")).mean() > 0.15
    assert customers["left"].notna().mean() > 0.1
    yearly = orders.pivot_table(index="customer_id", columns=orders["date"].dt.year,
                                values="sales", aggfunc="sum", fill_value=0.0)
    both = yearly[(yearly[2023] > 0) & (yearly[2025] > 0)]
    ratio = both[2025] / both[2023]
    assert (ratio > 1.5).mean() > 0.1 and (ratio < 0.67).mean() > 0.1


def test_key_accounts_on_data(orders):
    r = ac.key_account_whatif(orders, threshold=300_000)
    assert 10 <= r["key_accounts_now"] <= 60
    assert len(r["trend"]) == 25
    assert r["entries_total"] > 0 and r["exits_total"] > 0


def test_profitability_matrix_on_data(orders):
    m, c = ac.profitability_matrix(orders)
    assert m.shape[1] == 8
    assert set(c["status"].astype(str)) == {"盈利型", "混合型", "亏损型"}


def test_composition_on_data(orders):
    products = datasets.load_beverage_products().set_index("product_id")
    r = ac.composition_ratios(orders, inventory=products["avg_inventory"])
    assert r["sales_share"].sum() == pytest.approx(1.0)
    assert (r["turnover"] > 0).all()
    assert r["cross_ratio"].idxmax() != r["sales"].idxmax() or len(r) == 1
