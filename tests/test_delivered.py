"""Tests of crmlab.delivered (customer delivered value, Chapter 4)."""
import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from crmlab import datasets, display
from crmlab import delivered as D
from crmlab.simulate import fridge_survey
from crmlab.validation import CRMLabError, InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")

C = D.COMPONENTS


def offers_frame(rows, names=("甲", "乙")):
    return pd.DataFrame(rows, index=pd.Index(list(names), name="offer"), columns=list(C))


@pytest.fixture
def two():
    # Worked by hand: 甲 value 3000+1000+500+500 = 5000, cost 3000+300+100+100 = 3500;
    # 乙 value 2000+500+500+0 = 3000, cost 1800+300+100+300 = 2500.
    return offers_frame([[3000, 1000, 500, 500, 3000, 300, 100, 100],
                         [2000, 500, 500, 0, 1800, 300, 100, 300]])


@pytest.fixture
def weights():
    w = pd.DataFrame(1.0, index=pd.Index(["价格敏感型", "服务导向型"], name="segment"),
                     columns=list(C))
    w.loc["价格敏感型", ["service_value", "personnel_value", "image_value"]] = 0.5
    w.loc["服务导向型", "service_value"] = 2.0
    return w


@pytest.fixture(scope="module")
def survey():
    return datasets.load("fridge_survey")


# --------------------------------------------------------------------------- CDV
def test_cdv_and_ratio_by_hand(two):
    t = D.delivered_value(two)
    assert t["total_value"].tolist() == [5000, 3000]
    assert t["total_cost"].tolist() == [3500, 2500]
    assert t["cdv"].tolist() == [1500, 500]
    assert t["ratio"].tolist() == pytest.approx([5000 / 3500, 3000 / 2500])


def test_weights_multiply_each_component(two, weights):
    t = D.delivered_value(two, weights)
    # 价格敏感型, 甲: 3000 + 0.5*(1000+500+500) − 3500 = 500; 乙: 2000 + 0.5*(500+500) − 2500 = 0
    assert t.loc[("价格敏感型", "甲"), "cdv"] == 500
    assert t.loc[("价格敏感型", "乙"), "cdv"] == 0
    # 服务导向型, 甲: 5000 + 1000 − 3500 = 2500
    assert t.loc[("服务导向型", "甲"), "cdv"] == 2500
    cdv = D.cdv_by_segment(two, weights)
    assert cdv.loc["服务导向型", "乙"] == 3000 + 500 - 2500
    assert list(cdv.columns) == ["甲", "乙"] and list(cdv.index) == ["价格敏感型", "服务导向型"]


def test_ratio_and_difference_can_disagree():
    offers = offers_frame([[4000, 1000, 500, 500, 4000, 0, 0, 0],   # CDV 2000, ratio 1.5
                           [2000, 500, 250, 250, 1500, 0, 0, 0]])   # CDV 1500, ratio 2.0
    t = D.delivered_value(offers)
    assert D.best_by(t, "cdv") == "甲" and D.best_by(t, "ratio") == "乙"
    ranks = D.rank_forms(t)
    assert ranks["cdv_rank"].tolist() == [1, 2] and ranks["ratio_rank"].tolist() == [2, 1]
    assert not ranks["forms_agree"].any()


def test_offer_profiles_convert_scores_with_the_stated_rates():
    s = pd.DataFrame({"offer": ["甲", "甲", "乙", "乙"], "price": [3000.0] * 2 + [2000.0] * 2,
                      **{col: [2, 4, 6, 8] for col in D.SCORE_COLUMNS.values()}})
    p = D.offer_profiles(s, value_rate=100, cost_rate=10)
    assert p.loc["甲", "product_value"] == 300 and p.loc["乙", "service_value"] == 700
    assert p.loc["甲", "time_cost"] == 30 and p.loc["乙", "monetary_cost"] == 2000
    assert list(p.columns) == list(C)


def test_segment_weights_are_relative_to_the_price():
    cols = list(D.POINT_COLUMNS.values())
    s = pd.DataFrame([["R1", "甲", "A", 10, 10, 10, 10, 20, 10, 5, 5],
                      ["R1", "乙", "A", 10, 10, 10, 10, 20, 10, 5, 5],   # same respondent
                      ["R2", "甲", "A", 10, 10, 10, 10, 10, 10, 10, 10]],
                     columns=["respondent_id", "offer", "segment", *cols])
    w = D.segment_weights(s)
    # mean points: product 10, price 15 → 2/3; counted once per respondent
    assert w.loc["A", "product_value"] == pytest.approx(10 / 15)
    assert w.loc["A", "monetary_cost"] == 1.0
    assert w.loc["A", "energy_cost"] == pytest.approx(7.5 / 15)


# --------------------------------------------------------------------------- choice
def test_logit_matches_the_worked_softmax():
    # e^0, e^1, e^2 over their sum: 0.0900, 0.2447, 0.6652 (a standard worked example)
    s = D.logit_shares(pd.Series({"a": 0.0, "b": 1000.0, "c": 2000.0}), 1.0)
    assert s.tolist() == pytest.approx([1 / (1 + math.e + math.e ** 2),
                                        math.e / (1 + math.e + math.e ** 2),
                                        math.e ** 2 / (1 + math.e + math.e ** 2)])
    assert s.round(4).tolist() == [0.0900, 0.2447, 0.6652]


def test_logit_two_offers_is_the_logistic_curve():
    s = D.logit_shares(pd.Series({"甲": 500.0, "乙": 0.0}), 2.0)
    assert s["甲"] == pytest.approx(1 / (1 + math.exp(-1.0)))


def test_highest_cdv_rule_and_ties():
    cdv = pd.DataFrame({"甲": [1.0, 5.0], "乙": [3.0, 5.0], "丙": [2.0, 1.0]}, index=["x", "y"])
    shares = D.choice_shares(cdv)
    assert shares.loc["x"].tolist() == [0, 1, 0]
    assert shares.loc["y"].tolist() == [0.5, 0.5, 0]
    assert D.chosen_offer(cdv).tolist() == ["乙", "甲"]


def test_noise_spreads_the_choices_and_is_reproducible():
    cdv = pd.Series({"甲": 1200.0, "乙": 1000.0, "丙": 0.0})
    none = D.choice_shares(cdv, noise_sd=0.0)
    some = D.choice_shares(cdv, noise_sd=500.0, seed=3)
    lots = D.choice_shares(cdv, noise_sd=50_000.0, seed=3)
    assert none["甲"] == 1.0
    assert 0.5 < some["甲"] < 1.0 and some["丙"] < some["乙"]
    assert lots.to_numpy() == pytest.approx([1 / 3] * 3, abs=0.03)
    pd.testing.assert_series_equal(some, D.choice_shares(cdv, noise_sd=500.0, seed=3))
    # two offers, normal noise on each: P(甲 best) = Φ(200 / (500·√2))
    two = D.choice_shares(pd.Series({"甲": 1200.0, "乙": 1000.0}), noise_sd=500.0,
                          draws=200_000, seed=1)
    phi = 0.5 * (1 + math.erf(200 / (500 * math.sqrt(2)) / math.sqrt(2)))
    assert two["甲"] == pytest.approx(phi, abs=0.005)


def test_shares_by_noise_table():
    t = D.shares_by_noise(pd.Series({"甲": 1200.0, "乙": 1000.0}), [0, 1000, 4000])
    assert list(t.index) == [0, 1000, 4000] and t.index.name == "noise_sd"
    assert t["甲"].is_monotonic_decreasing and t.loc[0.0, "甲"] == 1.0


# --------------------------------------------------------------------------- levers
def test_lever_table_by_hand():
    offers = offers_frame([[1000] * 8, [1000, 1300, 1000, 1000, 1000, 1000, 1000, 1000]])
    t = D.lever_table(offers, "甲", lead=100)
    # gap 300 + lead 100 = 400 元 of CDV; unit costs 0.5 (service), 0.4 (physical), 1 (price)
    assert t.attrs["gap"] == 300 and t.attrs["rival"] == "乙"
    assert t.loc["service_value", "firm_cost"] == 200
    assert t.loc["physical_cost", "firm_cost"] == 160
    assert t.loc["monetary_cost", "firm_cost"] == 400
    assert t["change_needed"].eq(400).all() and t["feasible"].all()
    r = D.cheapest_lever(offers, "甲", lead=100)
    assert r["lever"] == "physical_cost" and r["firm_cost"] == 160 and r["price_cut_cost"] == 400


def test_a_cost_cannot_be_cut_below_zero():
    offers = offers_frame([[1000, 1000, 1000, 1000, 1000, 100, 100, 100],
                           [1000, 2000, 1000, 1000, 1000, 100, 100, 100]])
    t = D.lever_table(offers, "甲")
    assert not t.loc[["time_cost", "energy_cost", "physical_cost"], "feasible"].any()
    assert not t.loc["monetary_cost", "feasible"]  # a 1,001 元 cut of a 1,000 元 price
    assert t.loc["monetary_cost", "change_needed"] == 1001
    r = D.cheapest_lever(offers, "甲")
    assert r["lever"] == "service_value"


def test_no_lever_needed_when_already_ahead(two):
    r = D.cheapest_lever(two, "甲")
    assert r["lever"] is None and r["firm_cost"] == 0 and r["gap"] == -1000


def test_segment_weights_change_the_cheapest_lever(two, weights):
    price_minded = D.cheapest_lever(two, "乙", weights, "价格敏感型")
    service_minded = D.cheapest_lever(two, "乙", weights, "服务导向型")
    assert price_minded["lever"] != service_minded["lever"] or \
        price_minded["firm_cost"] != service_minded["firm_cost"]
    # 服务导向型 weighs service 2: 1 元 of service costs 0.5 and adds 2 元 of CDV
    assert service_minded["lever"] == "service_value"
    assert service_minded["change_needed"] == pytest.approx((2500 - 1000 + 1) / 2)


def test_price_or_value_by_hand():
    offers = offers_frame([[1000.0] * 8, [1000.0] * 8])
    w = pd.DataFrame(1.0, index=["服务导向型"], columns=list(C))
    t = D.price_or_value(offers, w, "甲", 200, unit_cost=0.5, sensitivity=2.0)
    assert t.loc["服务导向型", "share_now"] == pytest.approx(0.5)
    assert t.loc["服务导向型", "share_price_cut"] == pytest.approx(1 / (1 + math.exp(-0.4)))
    assert t.loc["服务导向型", "share_value"] == pytest.approx(1 / (1 + math.exp(-0.8)))
    assert t.loc["服务导向型", "better"] == "value"
    dear = D.price_or_value(offers, w, "甲", 200, unit_cost=2.0)
    assert dear.loc["服务导向型", "better"] == "price_cut"
    same = D.price_or_value(offers, w, "甲", 200, unit_cost=1.0)
    assert same.loc["服务导向型", "better"] == "equal"


def test_our_offer_whatif(two, weights):
    r = D.our_offer_whatif(two, weights, "乙", sensitivity=1.0, monetary_cost=800.0)
    assert r["cdv"] == 500 + 1000 and r["table"].loc["乙", "monetary_cost"] == 800
    assert r["cdv_0"] == 0 + 1000 and r["chosen_0"] == "乙"
    assert r["share_1"] == pytest.approx(r["shares"].loc["服务导向型", "乙"])
    assert two.loc["乙", "monetary_cost"] == 1800  # the input is not changed


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("call, name", [
    (lambda o, w: D.delivered_value("x"), "offers"),
    (lambda o, w: D.delivered_value(o.iloc[:1]), "offers"),
    (lambda o, w: D.delivered_value(o.drop(columns="time_cost")), "offers"),
    (lambda o, w: D.delivered_value(o.assign(time_cost=[-1, 0])), "offers['time_cost']"),
    (lambda o, w: D.delivered_value(o.assign(image_value=[np.nan, 0])), "offers['image_value']"),
    (lambda o, w: D.delivered_value(o.assign(**{c: 0 for c in D.COST_COMPONENTS})), "offers"),
    (lambda o, w: D.delivered_value(o, w.assign(service_value=[-1, 1])), "weights['service_value']"),
    (lambda o, w: D.delivered_value(o, w.assign(**{c: 0.0 for c in D.COST_COMPONENTS})),
     "weights"),
    (lambda o, w: D.cdv_by_segment(o, None), "weights"),
    (lambda o, w: D.logit_shares(pd.Series({"a": 1.0, "b": 2.0}), -1), "sensitivity"),
    (lambda o, w: D.logit_shares(pd.Series({"a": 1.0}), 1), "cdv"),
    (lambda o, w: D.logit_shares(pd.Series({"a": 1.0, "b": np.inf}), 1), "cdv"),
    (lambda o, w: D.logit_shares([1, 2], 1), "cdv"),
    (lambda o, w: D.choice_shares(pd.Series({"a": 1.0, "b": 2.0}), noise_sd=-5), "noise_sd"),
    (lambda o, w: D.choice_shares(pd.Series({"a": 1.0, "b": 2.0}), noise_sd=5, draws=10), "draws"),
    (lambda o, w: D.choice_shares(pd.Series({"a": 1.0, "b": 2.0}), noise_sd=5, seed=1.5), "seed"),
    (lambda o, w: D.lever_table(o, "戊"), "firm"),
    (lambda o, w: D.lever_table(o, "甲", w, "不存在"), "segment"),
    (lambda o, w: D.lever_table(o, "甲", None, "价格敏感型"), "segment"),
    (lambda o, w: D.lever_table(o, "甲", lead=0), "lead"),
    (lambda o, w: D.lever_table(o, "甲", unit_costs={"service_value": 0}), "unit_costs"),
    (lambda o, w: D.lever_table(o, "甲", unit_costs={"nonsense": 1}), "unit_costs key"),
    (lambda o, w: D.price_or_value(o, w, "甲", 5000), "budget"),
    (lambda o, w: D.price_or_value(o, w, "甲", 100, value_lever="time_cost"), "value_lever"),
    (lambda o, w: D.price_or_value(o, w, "甲", 100, unit_cost=0), "unit_cost"),
    (lambda o, w: D.our_offer_whatif(o, w, "甲", nonsense=1), "component"),
    (lambda o, w: D.our_offer_whatif(o, w, "甲", service_value=-1), "service_value"),
    (lambda o, w: D.best_by(D.delivered_value(o), "sum"), "by"),
    (lambda o, w: D.offer_profiles(pd.DataFrame({"offer": ["甲"]})), "survey"),
    (lambda o, w: D.offer_profiles(pd.DataFrame(), value_rate=0), "value_rate"),
    (lambda o, w: D.segment_weights(pd.DataFrame(), segment_col=["x"]), "segment_col"),
])
def test_bad_input_names_the_argument_in_both_languages(two, weights, call, name):
    with pytest.raises(CRMLabError) as excinfo:
        call(two, weights)
    assert isinstance(excinfo.value, (InputError, InputTypeError))
    assert_bilingual(excinfo, name)


def test_scores_above_ten_and_wrong_point_sums_are_refused(survey):
    bad = survey.copy()
    bad.loc[0, "product_score"] = 11
    with pytest.raises(InputError) as excinfo:
        D.offer_profiles(bad)
    assert_bilingual(excinfo, "product_score")
    bad = survey.copy()
    bad.loc[bad["respondent_id"] == "R0001", "image_points"] += 1
    with pytest.raises(InputError) as excinfo:
        D.segment_weights(bad)
    assert_bilingual(excinfo, "survey")


# --------------------------------------------------------------------------- invariants
amount = st.floats(0, 5000, allow_nan=False)
positive = st.floats(1, 5000, allow_nan=False)


@st.composite
def offer_sets(draw, n=3):
    rows = []
    for _ in range(n):
        rows.append([draw(amount) for _ in range(4)] + [draw(positive)] +
                    [draw(amount) for _ in range(3)])
    return offers_frame(rows, names=["甲", "乙", "丙"][:n])


@settings(max_examples=60, deadline=None)
@given(offer_sets(), st.lists(st.floats(0, 3, allow_nan=False), min_size=8, max_size=8))
def test_cdv_is_value_minus_cost(offers, w):
    weights = pd.DataFrame([w], index=["g"], columns=list(C)).assign(monetary_cost=1.0)
    for t in (D.delivered_value(offers), D.delivered_value(offers, weights)):
        assert np.allclose(t["cdv"], t["total_value"] - t["total_cost"])
        assert np.allclose(t["ratio"] * t["total_cost"], t["total_value"])
        assert (t["total_value"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-20000, 20000, allow_nan=False), min_size=2, max_size=6),
       st.floats(0, 20, allow_nan=False))
def test_logit_shares_sum_to_one_and_keep_the_order(cdv, lam):
    s = D.logit_shares(pd.Series(cdv, index=[f"o{i}" for i in range(len(cdv))]), lam)
    assert s.sum() == pytest.approx(1.0)
    assert ((s >= 0) & (s <= 1)).all()
    order = np.argsort(cdv, kind="stable")
    assert np.all(np.diff(s.to_numpy()[order]) >= -1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-5000, 5000), min_size=2, max_size=5, unique=True))
def test_logit_tends_to_the_highest_cdv_rule(cdv):
    series = pd.Series([float(c) for c in cdv], index=[f"o{i}" for i in range(len(cdv))])
    rule = D.choice_shares(series)
    gap = np.diff(np.sort(series.to_numpy()))[-1]          # lead of the best offer, >= 1 元
    sharp = D.logit_shares(series, 1000 * 50 / gap)         # e^50 odds against the runner-up
    assert np.allclose(sharp, rule, atol=1e-12)
    flat = D.logit_shares(series, 0.0)
    assert np.allclose(flat, 1 / len(cdv))


@settings(max_examples=50, deadline=None)
@given(offer_sets(), st.floats(0.5, 3), st.floats(0.5, 3), st.floats(1, 200))
def test_cheapest_lever_overtakes_and_nothing_single_is_cheaper(offers, w_service, w_price, lead):
    weights = pd.DataFrame(1.0, index=["g"], columns=list(C))
    weights.loc["g", ["service_value", "monetary_cost"]] = [w_service, w_price]
    r = D.cheapest_lever(offers, "甲", weights, "g", lead=lead)
    table = D.lever_table(offers, "甲", weights, "g", lead=lead)
    if r["lever"] is None:
        if r["firm_cost"] == 0:
            assert r["gap"] + lead <= 0
        else:
            assert not table["feasible"].any()
        return
    changed = offers.copy()
    k, delta = r["lever"], r["change_needed"]
    changed.loc["甲", k] += delta if k in D.VALUE_COMPONENTS else -delta
    cdv = D.cdv_by_segment(changed, weights).loc["g"]
    assert cdv["甲"] >= cdv.drop("甲").max() + lead - 1e-6 * max(1.0, abs(cdv).max())
    feasible = table[table["feasible"]]
    assert r["firm_cost"] <= feasible["firm_cost"].min() + 1e-9
    # a smaller change of the same lever does not overtake
    short = offers.copy()
    short.loc["甲", k] += 0.9 * delta if k in D.VALUE_COMPONENTS else -0.9 * delta
    cdv_short = D.cdv_by_segment(short, weights).loc["g"]
    assert cdv_short["甲"] < cdv_short.drop("甲").max() + lead


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 5000), st.floats(0.1, 3))
def test_price_or_value_compares_equal_spending(budget, unit_cost):
    offers = offers_frame([[1000.0] * 4 + [6000.0] + [100.0] * 3, [1500.0] * 4 + [5000.0] +
                           [100.0] * 3])
    w = pd.DataFrame(1.0, index=["g"], columns=list(C))
    t = D.price_or_value(offers, w, "甲", budget, unit_cost=unit_cost)
    # with weight 1 on both, value wins exactly when 1 元 of value costs less than 1 元
    expected = "equal" if budget == 0 or unit_cost == 1 else ("value" if unit_cost < 1 else "price_cut")
    assert t.loc["g", "better"] == expected or abs(t.loc["g", "gain_value"]
                                                    - t.loc["g", "gain_price_cut"]) < 1e-12


# --------------------------------------------------------------------------- data
def test_survey_data_are_simulated_and_shaped_as_the_card_says(survey):
    card = datasets.card("fridge_survey")
    assert card["simulated"] and "模拟数据" in card["description"]
    assert len(survey) == 4 * survey["respondent_id"].nunique() == 1200
    assert set(survey["offer"]) == {"甲", "乙", "丙", "丁"}
    points = survey[list(D.POINT_COLUMNS.values())].sum(axis=1)
    assert (points == D.IMPORTANCE_POINTS).all()
    scores = survey[list(D.SCORE_COLUMNS.values())]
    assert scores.min().min() >= 0 and scores.max().max() <= 10


def test_survey_segments_weigh_what_their_names_say(survey):
    w = D.segment_weights(survey)
    assert list(w.index) == list(fridge_survey.SEGMENTS)
    assert w["service_value"].idxmax() == "服务导向型"
    assert w["image_value"].idxmax() == "品牌导向型"
    # the price-sensitive segment counts every non-price component for less than 1 元
    assert (w.loc["价格敏感型"].drop("monetary_cost") < 1).all()


def test_segments_choose_different_offers(survey):
    cdv = D.cdv_by_segment(D.offer_profiles(survey), D.segment_weights(survey))
    assert D.chosen_offer(cdv).nunique() == 3
    t = D.delivered_value(D.offer_profiles(survey))
    assert D.best_by(t, "cdv") != D.best_by(t, "ratio")


def test_generator_is_reproducible_and_checks_its_arguments():
    pd.testing.assert_frame_equal(fridge_survey.generate(5, n=10), fridge_survey.generate(5, n=10))
    with pytest.raises(InputTypeError) as excinfo:
        fridge_survey.generate(1.5)
    assert_bilingual(excinfo, "seed")
    with pytest.raises(InputError) as excinfo:
        fridge_survey.generate(1, n=0)
    assert_bilingual(excinfo, "n")


# --------------------------------------------------------------------------- charts, tables
def test_charts_are_labelled_in_chinese(survey):
    offers, weights = D.offer_profiles(survey), D.segment_weights(survey)
    cdv = D.cdv_by_segment(offers, weights)
    figs = [D.plot_value_cost(D.delivered_value(offers)),
            D.plot_choice_shares(D.logit_shares(cdv, 1.0)),
            D.plot_price_or_value(D.price_or_value(offers, weights, "丁", 300)),
            D.plot_lever_costs(D.lever_table(offers, "丁", weights, "服务导向型")),
            D.plot_shares_by_noise(D.shares_by_noise(cdv.loc["服务导向型"], [0, 1000]))]
    for fig in figs:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        for text in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()):
            assert HAN.search(text), text
    with pytest.raises(InputError) as excinfo:
        D.plot_choice_shares(pd.DataFrame({"甲": [0.5], "乙": [0.2]}))
    assert_bilingual(excinfo, "shares")


def test_student_tables_have_chinese_headers(survey, two):
    offers = D.offer_profiles(survey)
    frames = [D.delivered_value(offers), D.lever_view(D.lever_table(offers, "丁")),
              D.rank_view(D.rank_forms(D.delivered_value(offers))),
              D.price_or_value_view(D.price_or_value(offers, D.segment_weights(survey), "丁", 300)),
              offers, D.segment_weights(survey)]
    for frame in frames:
        html = display.table(frame, topic="delivered").to_html()
        assert "service_value" not in html and "firm_cost" not in html
    assert set(D.lever_view(D.lever_table(two, "乙"))["feasible"]) <= {"能", "不能"}


# --------------------------------------------------------------------------- panels
def test_our_offer_panel_default_view_and_moves(survey):
    panel = D.our_offer_panel()
    try:
        r = panel.result
        assert panel.error is None
        chosen = {r[f"chosen_{i}"] for i in range(3)}
        assert len(chosen) == 3 and "丁" not in chosen        # our offer wins no segment yet
        before = r["share_1"]
        after = panel.set(service_value=4500.0)
        assert after["share_1"] > before and after["chosen_1"] == "丁"
        start = round(D.offer_profiles(survey).loc["丁", "service_value"] / 50) * 50  # on the grid
        assert after["cdv"] == pytest.approx(r["cdv"] + 4500.0 - start)
        cut = panel.set(service_value=start, monetary_cost=r_price(survey) - 500)
        assert cut["cdv"] == pytest.approx(r["cdv"] + 500.0)          # "降低 500 元" is exact
        assert [row.key for row in panel.results if not row.detail][:2] == ["cdv", "ratio"]
        assert all(row.detail for row in panel.results if row.key.startswith(("cdv_", "ratio_")))
        assert panel.drive_extremes() and all(not rec.problems for rec in panel.drive_extremes())
    finally:
        panel.close()


def r_price(survey):
    """The price slider's start: the mean price of 丁 rounded to the 50-元 grid."""
    return round(D.offer_profiles(survey).loc["丁", "monetary_cost"] / 50) * 50


def test_price_or_value_panel_default_view_teaches_haier():
    panel = D.price_or_value_panel()
    try:
        r = panel.result
        better = [r[f"better_{i}"] for i in range(3)]
        assert better == ["降价", "提高价值", "提高价值"]
        assert r["gain_value_1"] > r["gain_price_cut_1"]
        dear = panel.set(unit_cost=1.5)
        assert dear["better_1"] == "提高价值" and dear["better_0"] == "降价"
        none = panel.set(budget=0.0)
        assert none["gain_value_0"] == 0 and none["better_0"] == "两者一样"
        assert all(not rec.problems for rec in panel.drive_extremes())
    finally:
        panel.close()


def test_panels_refuse_bad_start_values():
    with pytest.raises(InputError) as excinfo:
        D.our_offer_panel(firm="戊")
    assert_bilingual(excinfo, "firm")
    with pytest.raises(InputError) as excinfo:
        D.our_offer_panel(sensitivity=9)
    assert_bilingual(excinfo, "sensitivity")


def test_budget_returns_follow_the_logit_s_curve():
    """Returns rise while the firm's share is below 50 % and fall above it (the S-curve)."""
    offers = offers_frame([[1000.0] * 8, [1000.0, 4000.0] + [1000.0] * 6])
    w = pd.DataFrame({c: [1.0] for c in C}, index=["服务导向型"])
    budgets = np.arange(0, 1001, 100)
    t = D.budget_returns(offers, w, "甲", budgets, unit_cost=0.25, sensitivity=1.0)
    seg = t.loc["服务导向型"]
    steps = seg["step_value"].dropna().to_numpy()
    shares = seg["share_value"].to_numpy()
    top = int(np.argmax(steps))                    # step from budgets[top] to budgets[top + 1]
    assert 0 < top < len(steps) - 1
    assert shares[top] < 0.5 < shares[top + 2]     # the biggest step straddles a 50 % share
    assert (np.diff(steps[:top + 1]) > 0).all() and (np.diff(steps[top:]) < 0).all()
    # each step equals price_or_value's own gain difference
    a = D.price_or_value(offers, w, "甲", 300, unit_cost=0.25, sensitivity=1.0)
    b = D.price_or_value(offers, w, "甲", 200, unit_cost=0.25, sensitivity=1.0)
    assert seg.loc[300.0, "step_value"] == pytest.approx(
        float(a["share_value"].iloc[0] - b["share_value"].iloc[0]))


def test_budget_returns_chapter_data_first_rise_then_fall(survey):
    offers, weights = D.offer_profiles(survey), D.segment_weights(survey)
    t = D.budget_returns(offers, weights, "丁", [0, 300, 600, 900, 1200, 1500], unit_cost=0.5,
                         sensitivity=1.0)
    price = t.loc["价格敏感型", "step_price_cut"].dropna().to_numpy()
    assert (np.diff(price) > 0).all()                   # share stays below ~50 %: rising
    value = t.loc["服务导向型", "step_value"].dropna().to_numpy()
    top = int(np.argmax(value))
    assert 0 < top < len(value) - 1                     # first rising, then falling
    assert (np.diff(value[:top + 1]) > 0).all() and (np.diff(value[top:]) < 0).all()


def test_price_and_value_by_hand():
    offers = offers_frame([[1000.0] * 8, [1000.0] * 8])
    w = pd.DataFrame({c: [1.0] for c in C}, index=["服务导向型"])
    w.loc["服务导向型", "service_value"] = 2.0
    t = D.price_and_value(offers, w, "甲", 500, 900, unit_cost=0.5, sensitivity=1.0)
    assert t.loc["一般买家", "cdv_change"] == pytest.approx(400.0)
    assert t.loc["服务导向型", "cdv_change"] == pytest.approx(1300.0)
    assert t["margin_change"].tolist() == pytest.approx([50.0, 50.0])
    assert t.loc["服务导向型", "share_now"] == pytest.approx(0.5)
    assert t.loc["服务导向型", "share_after"] == pytest.approx(1 / (1 + math.exp(-1.3)))
    # a price rise larger than the weighted value gained lowers CDV and share
    t2 = D.price_and_value(offers, w, "甲", 500, 200, unit_cost=0.5, sensitivity=1.0)
    assert t2.loc["一般买家", "cdv_change"] < 0 and t2.loc["一般买家", "share_change"] < 0
    with pytest.raises(InputError):
        D.price_and_value(offers, w, "甲", -1, 100)
