"""Tests of crmlab.segments: ABC, tiers, concentration, whale curve, RFM."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import segments as sg
from crmlab.validation import InputError, InputTypeError

DATA = Path(__file__).resolve().parent / "data"


def frame(values, ids=None):
    ids = ids if ids is not None else [f"c{i}" for i in range(len(values))]
    return pd.DataFrame({"customer_id": ids, "sales": values})


# --------------------------------------------------------------------- ABC
def test_abc_hand_checked_and_crossing_convention():
    t = sg.abc_classify(frame([50, 30, 10, 5, 5], list("abcde")))
    assert t["customer_id"].tolist() == list("abcde")
    assert t["rank"].tolist() == [1, 2, 3, 4, 5]
    assert t["share"].tolist() == [0.5, 0.3, 0.1, 0.05, 0.05]
    assert t["cum_share_before"].tolist() == [0.0, 0.5, 0.8, 0.9, 0.95]
    # b crosses 0.7 (0.5 -> 0.8): belongs to A, where its share starts
    # c ends exactly at 0.9 (starts at 0.8): B; d starts exactly at 0.9: C
    assert t["class"].astype(str).tolist() == ["A", "A", "B", "C", "C"]


def test_abc_boundary_both_sides():
    # customer starting just below the cut is in the higher class, at the cut in the lower
    below = sg.abc_classify(frame([69, 2, 29], ["x", "y", "z"]))
    assert below.set_index("customer_id")["class"].astype(str).to_dict() == \
        {"x": "A", "z": "A", "y": "C"}
    at = sg.abc_classify(frame([70, 20, 10], ["x", "y", "z"]))
    assert at["class"].astype(str).tolist() == ["A", "B", "C"]


def test_abc_ties_and_series_and_order_invariance():
    s = pd.Series([10, 10, 5, 5, 1], index=["e", "b", "d", "a", "c"])
    t = sg.abc_classify(s)
    assert t["customer_id"].tolist() == ["b", "e", "a", "d", "c"]
    shuffled = sg.abc_classify(s.sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(t, shuffled)


def test_abc_custom_cuts_labels():
    t = sg.abc_classify(frame([40, 30, 20, 10]), cuts=(0.5,), labels=("重点", "其他"))
    assert t["class"].astype(str).tolist() == ["重点", "重点", "其他", "其他"]
    assert list(t["class"].cat.categories) == ["重点", "其他"]


@pytest.mark.parametrize("data,err", [
    (frame([]), InputError),
    (pd.DataFrame({"customer_id": ["a"], "revenue": [1]}), InputError),
    (frame([1, -2, 3]), InputError),
    (frame(["1", "2"]), InputTypeError),
    (frame([1.0, np.nan]), InputError),
    (frame([1, 2], ["a", "a"]), InputError),
    (frame([4, 4, 4]), InputError),
    (frame([0, 0]), InputError),
    ([1, 2, 3], InputTypeError),
])
def test_abc_bad_input(data, err):
    with pytest.raises(err):
        sg.abc_classify(data)


def test_abc_duplicate_message_names_id():
    with pytest.raises(InputError, match="'a' appears 2 times"):
        sg.abc_classify(frame([1, 2, 3], ["a", "a", "b"]))


@pytest.mark.parametrize("cuts", [(0.9, 0.7), (0.0, 0.5), (0.5, 1.0), (0.5, 0.5), ()])
def test_abc_bad_cuts(cuts):
    with pytest.raises(InputError):
        sg.abc_classify(frame([1, 2, 3]), cuts=cuts, labels=tuple("ABC")[:len(cuts) + 1])


def test_abc_labels_must_match_cuts():
    with pytest.raises(InputError, match="labels"):
        sg.abc_classify(frame([1, 2, 3]), cuts=(0.7, 0.9), labels=("A", "B"))


def test_abc_whatif():
    r = sg.abc_whatif(frame([50, 30, 10, 5, 5], list("abcde")), cut_a=0.7, cut_b=0.9)
    assert r["counts"] == {"A": 2, "B": 1, "C": 2}
    assert r["value_share"] == pytest.approx({"A": 0.8, "B": 0.1, "C": 0.1})
    assert r["customer_share"] == pytest.approx({"A": 0.4, "B": 0.2, "C": 0.4})
    assert isinstance(r["table"], pd.DataFrame)
    # the ends of the sliders
    lo = sg.abc_whatif(frame([50, 30, 10, 5, 5]), cut_a=0.01, cut_b=0.02)
    assert lo["counts"] == {"A": 1, "B": 0, "C": 4}
    hi = sg.abc_whatif(frame([50, 30, 10, 5, 5]), cut_a=0.98, cut_b=0.99)
    assert hi["counts"] == {"A": 5, "B": 0, "C": 0}
    with pytest.raises(InputError):
        sg.abc_whatif(frame([1, 2]), cut_a=0.8, cut_b=0.7)


# ---------------------------------------------------------------- tiers
def test_management_tiers_pyramid_and_potential():
    d = frame(list(range(100, 0, -1)))
    t = sg.management_tiers(d)
    assert t["tier"].value_counts(sort=False).tolist() == [1, 4, 15, 80]
    assert t["tier_en"].iloc[0] == "top"
    d["growth"] = 0.0
    d.loc[d["sales"] == 50, "growth"] = 0.4   # a small customer with potential
    d.loc[d["sales"] == 99, "growth"] = 0.9   # a major customer stays major
    t2 = sg.management_tiers(d, potential_col="growth", potential_cut=0.3).set_index(
        "customer_id")
    row = t2.loc[d.loc[d["sales"] == 50, "customer_id"].item()]
    assert (row["tier_by_sales"], row["tier"], row["moved_up"]) == ("小客户", "普通客户", True)
    assert t2.loc[d.loc[d["sales"] == 99, "customer_id"].item(), "tier"] == "主要客户"
    # default cut is the upper quartile of potential
    t3 = sg.management_tiers(d, potential_col="growth")
    assert t3["moved_up"].sum() == 1
    assert set(sg.MANAGEMENT_ACTIONS["tier"]) == {"顶尖客户", "主要客户", "普通客户", "小客户"}


@pytest.mark.parametrize("kwargs", [{"shares": (0.2, 0.1, 0.5)}, {"shares": (0.1, 0.2)},
                                    {"potential_col": "nope"}])
def test_management_tiers_bad(kwargs):
    with pytest.raises(InputError):
        sg.management_tiers(frame([5, 4, 3, 2, 1]), **kwargs)


def test_management_tiers_bad_data():
    for bad in (frame([]), frame([1, -1]), frame([2, 2]), frame([1, 2], ["a", "a"])):
        with pytest.raises(InputError):
            sg.management_tiers(bad)


def test_value_tiers_counts_negative_values_and_actions():
    s = pd.Series(np.arange(20, 0, -1) - 5.0, index=[f"k{i:02d}" for i in range(20)])
    t = sg.value_tiers(s, value_col="profit")
    assert t["tier"].value_counts(sort=False).tolist() == [4, 13, 3]
    assert (t.loc[t["tier"] == "退出", "profit"] < 0).all()
    t = sg.value_tiers(s, focus_share=0.1, exit_share=0.2)
    assert t["tier"].value_counts(sort=False).tolist() == [2, 14, 4]
    # 15% of 7 customers: 1.05 -> the straddling customer goes to the higher tier
    t = sg.value_tiers(pd.Series(range(7, 0, -1), index=list("abcdefg")), focus_share=0.15,
                       exit_share=0.15)
    assert t["tier"].value_counts(sort=False).tolist() == [2, 4, 1]
    assert set(sg.TIER_ACTIONS["tier"]) == {"重点", "巩固·维持", "退出"}
    assert sg.TIER_ACTIONS["actions_en"].str.len().min() > 20


def test_value_tiers_bad():
    with pytest.raises(InputError):
        sg.value_tiers(frame([3, 2, 1]), value_col="sales", focus_share=0.6, exit_share=0.5)
    with pytest.raises(InputError):
        sg.value_tiers(frame([1, 1]), value_col="sales")
    with pytest.raises(InputError):
        sg.value_tiers(frame([]), value_col="sales")
    with pytest.raises(InputTypeError):
        sg.value_tiers(frame(["a", "b"]), value_col="sales")


# -------------------------------------------------------- concentration
def test_gini_reference_values():
    assert sg.gini([1, 2, 3, 4, 5]) == pytest.approx(0.2666666667, abs=1e-10)
    assert sg.gini([0, 0, 0, 0, 1]) == pytest.approx(0.8)
    assert sg.gini([0, 0, 0, 0, 1], correction=True) == pytest.approx(1.0)
    assert sg.gini([7, 7, 7, 7]) == 0.0
    assert sg.gini([5, 4, 3, 2, 1]) == sg.gini([1, 2, 3, 4, 5])


def test_gini_matches_mean_absolute_difference():
    x = np.random.default_rng(0).lognormal(0, 1, 300)
    mad = np.abs(x[:, None] - x[None, :]).mean()
    assert sg.gini(x) == pytest.approx(mad / (2 * x.mean()), rel=1e-12)


@pytest.mark.parametrize("bad,err", [([], InputError), ([1, -1], InputError),
                                     ([0, 0], InputError), (["a"], InputTypeError),
                                     ([1, np.nan], InputError), ("abc", InputTypeError)])
def test_gini_lorenz_bad(bad, err):
    with pytest.raises(err):
        sg.gini(bad)
    with pytest.raises(err):
        sg.lorenz_curve(bad)


def test_gini_correction_needs_two():
    with pytest.raises(InputError):
        sg.gini([3], correction=True)
    assert sg.gini([3]) == 0.0


def test_lorenz_and_top_share():
    p, v = sg.lorenz_curve([4, 3, 2, 1])
    assert p.tolist() == [0, 0.25, 0.5, 0.75, 1.0]
    assert v.tolist() == pytest.approx([0, 0.1, 0.3, 0.6, 1.0])
    assert sg.top_share([4, 3, 2, 1], 0.25) == pytest.approx(0.4)
    assert sg.top_share([4, 3, 2, 1], 0.0) == 0.0
    assert sg.top_share([4, 3, 2, 1], 1.0) == pytest.approx(1.0)
    with pytest.raises(InputError):
        sg.top_share([1, 2], 1.5)


def test_pareto_table():
    t = sg.pareto_table(pd.Series([1.0, 3.0, 6.0], index=["x", "y", "z"]))
    assert t["id"].tolist() == ["z", "y", "x"]
    assert t["cum_share"].tolist() == pytest.approx([0.6, 0.9, 1.0])
    with pytest.raises(InputError):
        sg.pareto_table(pd.Series([1.0, 2.0], index=["a", "a"]))
    with pytest.raises(InputError):
        sg.pareto_table([])


# ------------------------------------------------------------------ whale
def test_whale_curve_hand_checked():
    w = sg.whale_curve(pd.Series([10, -20, 60, 50], index=["c", "d", "a", "b"]))
    assert w.curve["id"].tolist() == ["a", "b", "c", "d"]
    assert w.curve["cum_profit_share"].tolist() == pytest.approx([0.6, 1.1, 1.2, 1.0])
    assert (w.peak, w.peak_customer_share, w.peak_customers) == (pytest.approx(1.2), 0.75, 3)
    assert (w.loss_customers, w.loss_customer_share, w.total_profit) == (1, 0.25, 100.0)
    assert w.as_dict()["peak"] == pytest.approx(1.2)
    d = pd.DataFrame({"customer_id": ["a", "b"], "profit": [5.0, 5.0]})
    assert sg.whale_curve(d).peak == 1.0


@pytest.mark.parametrize("bad,err", [
    (pd.Series([], dtype=float), InputError),
    (pd.Series([10, -20], index=["a", "b"]), InputError),     # total profit negative
    (pd.Series([0, 0], index=["a", "b"]), InputError),
    (pd.Series([1, 2], index=["a", "a"]), InputError),
    (pd.Series(["x", "y"], index=["a", "b"]), InputTypeError),
    (pd.DataFrame({"customer_id": ["a"], "sales": [1.0]}), InputError),
])
def test_whale_bad(bad, err):
    with pytest.raises(err):
        sg.whale_curve(bad)


# -------------------------------------------------------------------- RFM
def tx():
    return pd.read_csv(DATA / "lifetimes_transactions.csv", dtype={"customer_id": str},
                       parse_dates=["date"])


@pytest.mark.parametrize("freq", ["D", "W"])
def test_rfm_repeat_equals_lifetimes_fixture(freq):
    expected = pd.read_csv(DATA / f"lifetimes_summary_{freq}.csv", dtype={"customer_id": str},
                           index_col="customer_id").astype(float)
    got = sg.rfm_table(tx(), observation_end="2024-03-31", mode="repeat", freq=freq)
    assert list(got.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert got.index.name == "customer_id"
    assert got.index.tolist() == expected.index.tolist()
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())


def test_rfm_repeat_row_order_does_not_matter():
    t = tx()
    a = sg.rfm_table(t, observation_end="2024-03-31", mode="repeat")
    b = sg.rfm_table(t.iloc[::-1], observation_end="2024-03-31", mode="repeat")
    pd.testing.assert_frame_equal(a, b)


def test_rfm_classic_hand_checked():
    r = sg.rfm_table(tx(), observation_end="2024-03-31")
    c01 = r.loc["c01"]
    # last purchase 2024-03-30 -> 1 day; 5 rows; total 54.75
    assert (c01["recency"], c01["frequency"], c01["monetary"]) == (1, 5, 54.75)
    assert r.loc["c02"].tolist() == [76, 1, 40.0]
    assert r.loc["c05", "recency"] == 0
    w = sg.rfm_table(tx(), observation_end="2024-03-31", freq="W")
    assert w.loc["c02", "recency"] == 10


def test_rfm_classic_order_ids_and_default_end():
    t = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "order_id": [1, 1, 2, 3],
                      "date": ["2024-01-01", "2024-01-01", "2024-01-03", "2024-01-05"],
                      "sales": [1.0, 2.0, 3.0, 4.0]})
    r = sg.rfm_table(t, order_id_col="order_id")
    assert r["frequency"].tolist() == [2, 1]
    assert r["recency"].tolist() == [2, 0]       # end defaults to the last date, 2024-01-05
    assert sg.rfm_table(t)["frequency"].tolist() == [3, 1]


def test_rfm_drops_rows_after_observation_end():
    t = tx()
    r = sg.rfm_table(t, observation_end="2024-02-29", mode="repeat")
    assert "c05" not in r.index
    assert r.loc["a99", "frequency"] == 0


@pytest.mark.parametrize("mutate,err", [
    (lambda t: t.iloc[0:0], InputError),
    (lambda t: t.drop(columns="sales"), InputError),
    (lambda t: t.assign(sales=-t["sales"] - 1), InputError),
    (lambda t: t.assign(sales="x"), InputTypeError),
    (lambda t: t.assign(date="not a date"), InputTypeError),
    (lambda t: t.assign(date=pd.NaT), InputError),
    (lambda t: t.assign(customer_id=None), InputError),
])
def test_rfm_table_bad(mutate, err):
    with pytest.raises(err):
        sg.rfm_table(mutate(tx()))


def test_rfm_table_bad_options():
    with pytest.raises(InputError):
        sg.rfm_table(tx(), mode="fancy")
    with pytest.raises(InputError):
        sg.rfm_table(tx(), freq="M")
    with pytest.raises(InputError):
        sg.rfm_table(tx(), observation_end="2020-01-01")
    with pytest.raises(InputError):
        sg.rfm_table(tx().assign(o=1), mode="repeat", order_id_col="o")


def test_rfm_all_equal_values_are_fine_in_table():
    t = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01"] * 2,
                      "sales": [5.0, 5.0]})
    assert sg.rfm_table(t)["monetary"].tolist() == [5.0, 5.0]


def test_rfm_score_rule():
    rfm = pd.DataFrame({"recency": [0, 10, 10, 40, 90, 200, 5, 3, 60, 20],
                        "frequency": [9, 1, 1, 1, 1, 2, 5, 6, 3, 4],
                        "monetary": np.arange(10, 0, -1) * 100.0},
                       index=[f"k{i}" for i in range(10)])
    s = sg.rfm_score(rfm)
    # frequency 1 is tied for ranks 1..4: all get score 1
    assert s.loc[["k1", "k2", "k3", "k4"], "f_score"].tolist() == [1, 1, 1, 1]
    assert s.loc["k0", "f_score"] == 5 and s.loc["k0", "r_score"] == 5
    assert s.loc["k5", "r_score"] == 1
    assert s["m_score"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert s.loc["k0", "rfm_code"] == "555" and s.loc["k0", "rfm_sum"] == 15
    # the tied recency 10 customers share a score
    assert s.loc["k1", "r_score"] == s.loc["k2", "r_score"]
    # order of rows does not change the scores
    pd.testing.assert_frame_equal(sg.rfm_score(rfm.iloc[::-1]).loc[s.index], s)


def test_rfm_score_on_repeat_table_uses_time_since_last_purchase():
    r = sg.rfm_table(tx(), observation_end="2024-03-31", mode="repeat")
    s = sg.rfm_score(r, bins=4)
    # c01 and a99 bought at the very end: best recency; c04 bought once on 2024-02-01
    assert s.loc["a99", "r_score"] == 4 and s.loc["c04", "r_score"] < 4
    assert s["m_score"].between(1, 4).all()


def test_rfm_score_bad():
    ok = pd.DataFrame({"recency": [1, 2], "frequency": [1, 2], "monetary": [1.0, 2.0]},
                      index=["a", "b"])
    with pytest.raises(InputError):
        sg.rfm_score(ok, bins=1)
    with pytest.raises(InputError):
        sg.rfm_score(ok.iloc[0:0])
    with pytest.raises(InputError):
        sg.rfm_score(ok.drop(columns="frequency"))
    with pytest.raises(InputError):
        sg.rfm_score(ok.assign(monetary=[-1.0, 2.0]))
    with pytest.raises(InputTypeError):
        sg.rfm_score(ok.assign(monetary=["a", "b"]))
    with pytest.raises(InputError):
        sg.rfm_score(ok.set_axis(["a", "a"]))
    with pytest.raises(InputError, match="not all equal"):
        sg.rfm_score(ok.assign(frequency=[3, 3]))


def test_rfm_segment_all_eight():
    combos = [(r, f, m) for m in (5, 1) for f in (5, 1) for r in (5, 1)]
    s = pd.DataFrame(combos, columns=["r_score", "f_score", "m_score"])
    seg = sg.rfm_segment(s)
    assert seg["segment"].tolist() == sg.RFM_SEGMENTS["segment"].tolist()
    assert seg.loc[0, "segment_en"].startswith("champions")
    fixed = sg.rfm_segment(pd.DataFrame({"r_score": [3, 4], "f_score": [4, 4],
                                         "m_score": [4, 4]}), threshold=3)
    assert fixed["segment"].tolist() == ["重要保持客户", "重要价值客户"]
    with pytest.raises(InputError):
        sg.rfm_segment(s, threshold="median")
    with pytest.raises(InputError):
        sg.rfm_segment(s.drop(columns="m_score"))
    assert sg.RFM_SEGMENTS["action_zh"].str.len().min() > 5


# ------------------------------------------------------------------ plots
def test_plots_return_figures_with_chinese_titles():
    t = sg.abc_classify(frame([50, 30, 10, 5, 5]))
    figs = [sg.plot_pareto(t), sg.plot_lorenz([1, 2, 3, 10]),
            sg.plot_whale(sg.whale_curve(pd.Series([6, 5, 1, -2], index=list("abcd"))))]
    for fig in figs:
        assert isinstance(fig, Figure)
        title = fig.axes[0].get_title()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in title)
        assert fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel()
    with pytest.raises(InputTypeError):
        sg.plot_whale({"peak": 1.2})
    with pytest.raises(InputError):
        sg.plot_pareto(pd.DataFrame({"x": [1]}))


# --------------------------------------------------------------------- ABC what-if panel
def _lines():
    return pd.DataFrame({"customer_id": ["a", "b", "a", "c", "d", "e", "b"],
                         "sales": [30.0, 20.0, 20.0, 10.0, 5.0, 5.0, 10.0]})


def test_sales_by_customer_sums_order_lines():
    s = sg.sales_by_customer(_lines())
    assert s["customer_id"].tolist() == list("abcde")
    assert s["sales"].tolist() == [50.0, 30.0, 10.0, 5.0, 5.0]
    with pytest.raises(InputError):
        sg.sales_by_customer(_lines().assign(sales=-1.0))


def test_abc_panel_defaults_match_the_model():
    panel = sg.abc_panel(_lines())
    try:
        assert panel.error is None and panel.png
        direct = sg.abc_whatif(sg.sales_by_customer(_lines()))
        assert panel.result["count_A"] == direct["counts"]["A"] == 2
        assert panel.result["value_share_A"] == pytest.approx(0.8)
        assert sum(panel.result[f"count_{k}"] for k in "ABC") == 5
    finally:
        panel.close()


def test_abc_panel_extremes_and_an_empty_class():
    panel = sg.abc_panel(_lines())
    try:
        records = panel.drive_extremes()
        assert all(r.problems == [] for r in records)
        errors = [r for r in records if r.error]
        assert errors and all("cut_b" in r.error for r in errors)
        # a at 5% and b at 10%: the largest customer (50%) crosses both cuts, B is empty
        result = panel.set(cut_a=0.05, cut_b=0.10)
        assert result["count_A"] == 1 and result["count_B"] == 0
        assert result["value_share_B"] == 0.0 and panel.png
    finally:
        panel.close()


def test_glossary_covers_every_table_the_chapter_shows():
    from crmlab import display
    s = pd.Series([9.0, 8, 7, 6, 5, 4, 3, 2, 1, -5], index=[f"K{i:02d}" for i in range(10)])
    tables = [
        sg.abc_classify(s.clip(lower=0).rename("sales").rename_axis("customer_id").reset_index()),
        sg.abc_whatif(s.clip(lower=0).rename("sales").rename_axis("customer_id").reset_index())["summary"],
        sg.value_tier_summary(sg.value_tiers(s)),
        sg.MANAGEMENT_ACTIONS[["tier", "method_zh", "source"]],
        sg.TIER_ACTIONS[["tier", "strategy", "actions_zh", "source"]],
        sg.RFM_SEGMENTS[["segment", "R", "F", "M", "action_zh"]],
    ]
    for table in tables:
        html = display.table(table, topic="segments").to_html()
        assert "<th" in html
    # every label uses characters the bundled font has (GB2312)
    for label in display.glossary("segments")["label"]:
        label.encode("gb2312")
    # an id the glossary does not know never reaches a student
    with pytest.raises(InputError):
        display.table(pd.DataFrame({"tier_en": ["top"]}), topic="segments")


# ------------------------------------------------ issue 11: regressions
def test_rfm_missing_order_id_is_refused_not_given_to_another_customer():
    t = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b"],
                      "date": pd.to_datetime(["2024-01-01"] * 5),
                      "order_id": ["o1", "o2", "o3", None, "o5"], "sales": [1.0] * 5})
    with pytest.raises(InputError, match="order_id") as err:
        sg.rfm_table(t, order_id_col="order_id")
    assert "缺失" in str(err.value)
    first = t.assign(order_id=[None, "o2", "o3", "o4", "o5"])
    with pytest.raises(InputError, match="order_id"):
        sg.rfm_table(first, order_id_col="order_id")
    ok = t.assign(order_id=["o1", "o2", "o3", "o4", "o5"])
    assert sg.rfm_table(ok, order_id_col="order_id")["frequency"].to_dict() == {"a": 3, "b": 2}


@pytest.mark.parametrize("kind", [int, float])
def test_rfm_reads_yyyymmdd_numbers_as_dates(kind):
    base = pd.DataFrame({"customer_id": ["a", "a", "b"], "sales": [10.0, 5.0, 8.0],
                         "date": pd.to_datetime(["2024-01-01", "2024-01-11", "2024-01-05"])})
    numeric = base.assign(date=[kind(20240101), kind(20240111), kind(20240105)])
    expected = sg.rfm_table(base, observation_end="2024-01-31")
    got = sg.rfm_table(numeric, observation_end=20240131)
    pd.testing.assert_frame_equal(got, expected)
    with pytest.raises(InputTypeError, match="yyyymmdd"):
        sg.rfm_table(base.assign(date=[1, 2, 3]))
    with pytest.raises(InputError, match="calendar"):
        sg.rfm_table(base.assign(date=[20241301, 20240111, 20240105]))


def test_boolean_options_accept_only_true_or_false():
    with pytest.raises(InputTypeError, match="correction"):
        sg.gini([0, 0, 0, 0, 1], correction="no")
    with pytest.raises(InputTypeError, match="correction"):
        sg.gini([0, 0, 0, 0, 1], correction=1)
    assert sg.gini([0, 0, 0, 0, 1], correction=np.bool_(True)) == 1.0


@pytest.mark.parametrize("name", ["id", "share", "rank", "cum_share", "cum_customer_share"])
def test_pareto_table_refuses_a_name_that_collides(name):
    with pytest.raises(InputError, match="name"):
        sg.pareto_table([1, 3, 6], name=name)
    with pytest.raises(InputTypeError, match="name"):
        sg.pareto_table([1, 3, 6], name=["sales"])
    assert sg.pareto_table([1, 3, 6], name="sales")["sales"].tolist() == [6.0, 3.0, 1.0]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_huge_finite_values_give_the_right_shares_not_inf():
    assert sg.gini([1e308, 1e308, 1]) == pytest.approx(sg.gini([1.0, 1.0, 1e-308]), abs=1e-12)
    assert sg.gini([1e308, 1e308, 1]) == pytest.approx(1 / 3, rel=1e-12)
    t = sg.abc_classify(frame([1e308, 1e308, 1e307]))
    assert t["cum_share"].tolist() == pytest.approx([1 / 2.1, 2 / 2.1, 1.0])
    assert t["class"].astype(str).tolist() == ["A", "A", "C"]
    assert np.isfinite(t[["share", "cum_share_before", "cum_share"]].to_numpy()).all()
    assert sg.top_share([1e308, 1e308, 1e308, 1e308], 0.25) == pytest.approx(0.25)
    p = sg.pareto_table(pd.Series([1e308, 1e308], index=["a", "b"]))
    assert p["cum_share"].tolist() == [0.5, 1.0]
    w = sg.whale_curve(pd.Series([1e308, 5e307, -1e307], index=list("abc")))
    assert w.peak == pytest.approx(1.5 / 1.4)
    with pytest.raises(InputError, match="profit_by_customer"):
        sg.whale_curve(pd.Series([1e308, 1e308, -1e308], index=list("abc")))
    # a sum that cannot be represented is refused, naming the function's own argument
    with pytest.raises(InputError, match="data"):
        sg.abc_whatif(frame([1e308, 1e308, 1e307]), cut_a=0.5, cut_b=0.9)
    with pytest.raises(InputError, match="transactions"):
        sg.rfm_table(pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-01"] * 2,
                                   "sales": [1e308, 1e308]}))


def test_column_names_and_ids_are_checked():
    d = frame([3.0, 2.0, 1.0])
    with pytest.raises(InputTypeError, match="value_col"):
        sg.abc_classify(d, value_col=["sales"])
    with pytest.raises(InputError, match="twice"):
        sg.abc_classify(pd.concat([d, d[["sales"]]], axis=1))
    with pytest.raises(InputTypeError, match="customer_id"):
        sg.abc_classify(d.assign(customer_id=[["a"], ["b"], ["c"]]))
    with pytest.raises(InputTypeError, match="mixed"):
        sg.abc_classify(d.assign(customer_id=["a", 1, "c"]))
    with pytest.raises(InputTypeError, match="customer_id_col"):
        sg.rfm_table(pd.DataFrame({"customer_id": ["a"], "date": ["2024-01-01"], "sales": [1.0]}),
                     customer_id_col=["customer_id"])


def test_abc_labels_none_blames_labels_not_cuts():
    with pytest.raises(InputTypeError) as err:
        sg.abc_classify(frame([3.0, 2.0, 1.0]), labels=None)
    assert str(err.value).startswith("labels")
    with pytest.raises(InputError) as err:
        sg.abc_classify(frame([3.0, 2.0, 1.0]), labels=("A", "B"))
    assert str(err.value).startswith("labels") and "类别名称" in str(err.value)


def test_every_plot_refuses_malformed_input():
    with pytest.raises(InputTypeError):
        sg.plot_pareto([1, 2, 3])
    with pytest.raises(InputError):
        sg.plot_pareto(pd.DataFrame({"rank": [1], "cum_share": [1.0]}))
    t = sg.abc_classify(frame([3.0, 2.0, 1.0]))
    with pytest.raises(InputTypeError, match="class"):
        sg.plot_pareto(t.assign(**{"class": ["A", "B", "C"]}))
    with pytest.raises(InputError):
        sg.plot_pareto(t.iloc[::-1])
    with pytest.raises(InputTypeError, match="title"):
        sg.plot_pareto(t, title=5)
    with pytest.raises(InputTypeError):
        sg.plot_lorenz("abc")
    with pytest.raises(InputError):
        sg.plot_lorenz([0, 0])
    with pytest.raises(InputTypeError):
        sg.plot_whale({"peak": 1.2})


def test_tier_summary_share_rises_while_average_falls():
    # the correction of cell 13: moving small fast growers up raises the tier's
    # share of sales and lowers its average sales per customer
    d = pd.DataFrame({"customer_id": list("abcdefghij"),
                      "sales": [100.0, 90, 80, 70, 60, 50, 40, 30, 20, 10],
                      "growth": [0, 0, 0, 0, 0, 0, 0, 0, 5, 0]})
    t = sg.management_tiers(d, shares=(0.1, 0.3, 0.6), potential_col="growth", potential_cut=1)
    s = sg.tier_summary(t)
    assert s["customers"].sum() == 10 and s["moved_up"].sum() == 1
    ordinary = s.loc["普通客户"]
    assert ordinary["sales_share"] > ordinary["sales_share_by_sales"]
    assert ordinary["avg_sales"] < ordinary["avg_sales_by_sales"]
    assert ordinary["sales"] == 70 + 60 + 50 + 20
    assert s["sales_share"].sum() == pytest.approx(1.0)
    with pytest.raises(InputTypeError):
        sg.tier_summary(t.assign(tier="x"))


def test_sales_growth_and_segment_mix():
    o = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
                      "date": [20240301, 20250301, 20250501, 20240101],
                      "sales": [100.0, 150.0, 40.0, 5.0]})
    g = sg.sales_growth(o, 2025)
    assert g.set_index("customer_id")["growth"].to_dict() == {"a": 50.0, "b": 40.0}
    with pytest.raises(InputError, match="year"):
        sg.sales_growth(o, 2030)
    groups = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户", "重要价值客户", "一般挽留客户"]},
                          index=pd.Index(list("abcd"), name="customer_id"))
    attrs = pd.DataFrame({"customer_id": list("abcd"), "region": ["城东", "城东", "城西", "城西"]})
    mix = sg.segment_mix(groups, attrs, by="region")
    assert mix.drop(columns="customers").sum(axis=1).tolist() == [1.0, 1.0]
    assert mix.loc["城东", "重要价值客户"] == 0.5 and mix["customers"].tolist() == [2, 2]
    with pytest.raises(InputError, match="segment"):
        sg.segment_mix(groups.assign(segment="x"), attrs, by="region")
    with pytest.raises(InputError, match="attributes"):
        sg.segment_mix(groups, attrs.assign(customer_id=list("wxyz")), by="region")


def test_potential_cut_is_checked_and_needs_potential_col():
    d = frame([3.0, 2.0, 1.0])
    for bad in (float("nan"), "x", True, [1]):
        with pytest.raises((InputError, InputTypeError), match="potential_cut"):
            sg.management_tiers(d.assign(g=[0.0, 1.0, 2.0]), potential_col="g", potential_cut=bad)
    with pytest.raises(InputError, match="potential_col"):
        sg.management_tiers(d, potential_cut=1.0)


def test_abc_panel_names_its_own_argument():
    for bad in ("x", None, [1, 2], pd.DataFrame({"customer_id": [], "sales": []})):
        with pytest.raises((InputError, InputTypeError)) as err:
            sg.abc_panel(bad)
        assert str(err.value).startswith("orders_or_sales")


# ------------------------------- red, watch and black lists (reader's finding 9.2)
def _groups():
    return pd.DataFrame({"segment": ["重要价值客户", "重要价值客户", "重要挽留客户", "一般挽留客户",
                                     "一般价值客户", "重要保持客户", "重要价值客户"],
                         "M": ["高", "高", "高", "低", "低", "高", "高"]},
                        index=pd.Index(list("abcdefg"), name="customer_id"))


def test_customer_lists_use_profit_as_well_as_rfm():
    profit = pd.Series({"a": 500.0, "b": -900.0, "c": -40.0, "d": -20.0, "e": 7.0, "f": 3.0,
                        "g": 0.0, "z": -1.0})
    lists = sg.customer_lists(_groups(), profit)
    assert lists["list"].astype(str).to_dict() == {
        "a": "红名单", "b": "警示名单", "c": "警示名单", "d": "黑名单",
        "e": "不在名单上", "f": "不在名单上", "g": "不在名单上"}
    assert lists["list_en"].tolist()[:4] == ["red list", "watch list", "watch list", "black list"]
    # every loss-maker is on exactly one list; the M score decides which
    losers = lists[lists["profit"] < 0]
    assert set(losers["list"].astype(str)) == {"警示名单", "黑名单"}
    assert (losers["list"].eq("警示名单") == losers["M"].eq("高")).all()
    # a customer without an RFM segment ("z") is left out; a frame of profits works alike
    frame = pd.DataFrame({"profit": profit})
    pd.testing.assert_frame_equal(sg.customer_lists(_groups(), frame), lists)
    s = sg.customer_list_summary(lists)
    assert s.index.tolist() == list(sg.CUSTOMER_LISTS)
    assert s["customers"].tolist() == [1, 2, 1, 3]
    assert s["profit"].tolist() == [500.0, -940.0, -20.0, 10.0]
    assert s["customer_share"].sum() == pytest.approx(1.0)
    assert s.loc["警示名单", "avg_profit"] == -470.0


def test_customer_list_summary_of_an_empty_list_and_the_table():
    from crmlab import display
    lists = sg.customer_lists(_groups().iloc[:1], pd.Series({"a": 1.0}))
    s = sg.customer_list_summary(lists)
    assert s["customers"].tolist() == [1, 0, 0, 0] and np.isnan(s.loc["黑名单", "avg_profit"])
    table = sg.customer_list_table(sg.customer_lists(_groups(), pd.Series(
        {k: -1.0 for k in "abcdefg"})))
    assert table["customers"].tolist() == [0, 5, 2, 0]
    html = display.table(table, topic="segments").to_html()
    assert "警示名单" in html and "标准（本书补充）" in html


@pytest.mark.parametrize("groups,profit,match", [
    (_groups().assign(segment="x"), pd.Series({"a": 1.0}), "segment"),
    (_groups().assign(M="high"), pd.Series({"a": 1.0}), "M"),
    (pd.concat([_groups(), _groups().iloc[:1]]), pd.Series({"a": 1.0}), "groups"),
    (_groups(), pd.Series([1.0, 2.0], index=["a", "a"]), "profit"),
    (_groups(), pd.Series({"zz": 1.0}), "profit"),
    (_groups(), pd.Series({"a": np.nan}), "profit"),
    (_groups().drop(columns="M"), pd.Series({"a": 1.0}), "groups"),
])
def test_customer_lists_bad(groups, profit, match):
    with pytest.raises((InputError, InputTypeError), match=match):
        sg.customer_lists(groups, profit)


def test_customer_lists_on_the_chapter_data_catch_the_loss_making_champions():
    from crmlab import accounts, datasets
    orders = datasets.load_beverage_orders()
    summary = accounts.customer_summary(orders[orders["date"].dt.year == 2025])
    groups = sg.rfm_segment(sg.rfm_score(sg.rfm_table(orders, order_id_col="order_id")))
    lists = sg.customer_lists(groups, summary["profit"])
    s = sg.customer_list_summary(lists)
    champions = lists[(lists["list"] == "警示名单") & (lists["segment"] == "重要价值客户")]
    # the black list alone misses the big losses: they are RFM's most important customers
    assert s.loc["黑名单", "customers"] == 103 and s.loc["黑名单", "profit"] == pytest.approx(-63_933, abs=1)
    assert len(champions) == 60 and champions["profit"].sum() == pytest.approx(-1_299_406, abs=1)
    assert lists["profit"].idxmin() == "K0476" and lists.loc["K0476", "list"] == "警示名单"
    assert int((lists["profit"] < 0).sum()) == s.loc[["警示名单", "黑名单"], "customers"].sum()


def test_abc_panel_error_shows_chinese_first():
    from crmlab.widgets import split_message
    panel = sg.abc_panel(_lines())
    try:
        assert panel.set(cut_a=0.95, cut_b=0.9) is None
        zh, en = split_message(panel.error)
        assert "\u4e00" <= zh[0] <= "\u9fff" and "应为" in zh
        assert en.startswith("cut_b must be")
    finally:
        panel.close()
    for bad in (dict(cut_a=0.0), dict(cut_b=1.0), dict(cut_a=0.8, cut_b=0.7)):
        with pytest.raises(InputError) as err:
            sg.abc_whatif(_lines(), **bad)
        assert split_message(str(err.value))[1], str(err.value)


# ------------------------------------------------------------ fuzz regressions
# Defects an independent fuzzer found (items of /tmp/fuzz/REPROS_final.py); one test each.

def _both_languages(err, *words):
    text = str(err.value)
    assert "应为" in text and "must be" in text
    for w in words:
        assert w in text


def test_fuzz_abc_exact_cut_is_the_next_class():
    # 2.7 + 0.2 + 0.1: b starts at exactly 90% (0.8999999999999999 in floats) → C
    t = sg.abc_classify(pd.Series([2.7, 0.2, 0.1], index=list("abc")))
    assert t["class"].astype(str).tolist() == ["A", "C", "C"]
    assert t["cum_share_before"].iloc[1] == 0.9
    # random 2-decimal cases against exact fractions
    from fractions import Fraction
    rng = np.random.default_rng(5)
    for _ in range(300):
        cents = rng.integers(0, 300, rng.integers(2, 10))
        if cents.min() == cents.max():
            continue
        ids = [f"c{i}" for i in range(cents.size)]
        got = sg.abc_classify(pd.Series(cents / 100, index=ids))["class"].astype(str).tolist()
        order = sorted(range(cents.size), key=lambda i: (-cents[i], ids[i]))
        total, run, want = int(cents.sum()), 0, []
        for i in order:
            start = Fraction(run, total)
            want.append("A" if start < Fraction(7, 10) else "B" if start < Fraction(9, 10) else "C")
            run += int(cents[i])
        assert got == want
    assert sg.abc_whatif(pd.Series([2.7, 0.2, 0.1], index=list("abc")))["counts"] == \
        {"A": 1, "B": 0, "C": 2}


def test_fuzz_cumulative_shares_end_at_exactly_one():
    w = sg.whale_curve(pd.Series([0.1, 0.2, 0.3, -0.05], index=list("abcd")))
    assert w.curve["cum_profit_share"].iloc[-1] == 1.0
    rng = np.random.default_rng(2)
    for _ in range(50):
        v = rng.integers(1, 1000, 7) / 100
        ids = [f"c{i}" for i in range(7)]
        assert sg.abc_classify(pd.Series(v, index=ids))["cum_share"].iloc[-1] == 1.0
        assert sg.pareto_table(v)["cum_share"].iloc[-1] == 1.0


@pytest.mark.parametrize("call, arg", [
    (lambda: sg.abc_classify(pd.DataFrame({"customer_id": ["a", "b"], "share": [1.0, 3.0]}),
                             value_col="share"), "value_col"),
    (lambda: sg.abc_classify(pd.DataFrame({"share": ["a", "b"], "sales": [1.0, 3.0]}),
                             id_col="share"), "id_col"),
    (lambda: sg.value_tiers(pd.DataFrame({"tier": ["a", "b", "c"], "profit": [1.0, 2, 3]}),
                            id_col="tier"), "id_col"),
    (lambda: sg.abc_classify(pd.DataFrame({"rank": ["a", "b"], "sales": [1.0, 2.0]}),
                             id_col="rank"), "id_col"),
    (lambda: sg.whale_curve(pd.DataFrame({"rank": ["a", "b"], "profit": [1.0, 2.0]}),
                            id_col="rank"), "id_col"),
    (lambda: sg.management_tiers(pd.DataFrame({"rank": ["a", "b"], "sales": [1.0, 2.0]}),
                                 id_col="rank"), "id_col"),
    (lambda: sg.value_tiers(pd.DataFrame({"rank": ["a", "b"], "profit": [1.0, 2.0]}),
                            id_col="rank"), "id_col"),
    (lambda: sg.sales_growth(pd.DataFrame({"customer_id": ["a"], "date": ["2025-01-01"],
                                           "growth": [1.0]}), 2025, value_col="growth"),
     "value_col"),
    (lambda: sg.sales_by_customer(pd.DataFrame({"x": [1.0]}), value_col="x", id_col="x"),
     "id_col"),
])
def test_fuzz_result_columns_never_overwrite_the_callers(call, arg):
    with pytest.raises(InputError) as err:
        call()
    assert str(err.value).startswith(arg)
    _both_languages(err)


def test_fuzz_segment_mix_by_and_segment_col_clashes():
    g = pd.DataFrame({"segment": ["重要价值客户", "一般挽留客户"]},
                     index=pd.Index(["a", "b"], name="customer_id"))
    a = pd.DataFrame({"customer_id": ["a", "b"], "customer_type": ["酒店", "商店"]})
    with pytest.raises(InputError) as err:
        sg.segment_mix(g, a, by="customer_id")
    assert str(err.value).startswith("by")
    # the same name in the two tables is fine: computed as with different names
    same = sg.segment_mix(g.rename(columns={"segment": "customer_type"}), a,
                          segment_col="customer_type")
    pd.testing.assert_frame_equal(same, sg.segment_mix(g, a))


@pytest.mark.parametrize("kwargs, arg", [
    ({"dates": [15000101, 20240101]}, "transactions['date']"),
    ({"dates": ["2263-01-01", "2024-01-05"]}, "transactions['date']"),
    ({"observation_end": "2500-01-01"}, "observation_end"),
])
def test_fuzz_dates_outside_pandas_range_are_refused(kwargs, arg):
    t = pd.DataFrame({"customer_id": ["a", "b"], "date": kwargs.pop("dates", ["2024-01-01",
                                                                             "2024-01-05"]),
                      "sales": [10.0, 8.0]})
    with pytest.raises(InputError) as err:
        sg.rfm_table(t, **kwargs)
    assert str(err.value).startswith(arg)
    _both_languages(err, "1677-09-22", "2262-04-11")
    with pytest.raises(InputError, match="2262-04-11"):
        sg.sales_growth(t.assign(date=[22630101, 20240101]), 2024)


def test_fuzz_complex_amounts_are_refused():
    d = pd.DataFrame({"customer_id": ["a", "b"], "sales": np.array([1 + 5j, 2 + 0j])})
    for call in (lambda: sg.sales_by_customer(d), lambda: sg.abc_classify(d),
                 lambda: sg.gini(np.array([1 + 5j, 2, 3])), lambda: sg.pareto_table([1 + 5j, 2]),
                 lambda: sg.rfm_table(d.assign(date=["2024-01-01", "2024-01-02"]))):
        with pytest.raises(InputTypeError, match="real"):
            call()


def test_fuzz_multiindex_columns_are_refused():
    mi = pd.DataFrame([["a", 1.0], ["b", 2.0]],
                      columns=pd.MultiIndex.from_tuples([("customer_id", ""), ("sales", "")]))
    for call in (lambda: sg.abc_classify(mi), lambda: sg.sales_by_customer(mi),
                 lambda: sg.management_tiers(mi), lambda: sg.rfm_segment(mi)):
        with pytest.raises(InputError, match="MultiIndex"):
            call()


def test_fuzz_rfm_roles_blame_the_changed_argument():
    t = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01", "2024-01-05"],
                      "sales": [10.0, 8.0]})
    with pytest.raises(InputError) as err:
        sg.rfm_table(t, customer_id_col="sales")
    assert str(err.value).startswith("customer_id_col") and "monetary_value_col" in str(err.value)
    with pytest.raises(InputError) as err:
        sg.rfm_table(t, monetary_value_col="date")
    assert str(err.value).startswith("monetary_value_col") and "datetime_col" in str(err.value)
