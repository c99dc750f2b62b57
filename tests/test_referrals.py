"""Unit tests of the Vanke case (crmlab.referrals): hand-worked numbers, the reuse of
crmlab.value, the calibration of the simulated data to seed [000], charts and the panel."""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import datasets, display, textbook, value
from crmlab import referrals as R
from crmlab.simulate import vanke
from crmlab.validation import InputError, InputTypeError

BASE = dict(owners=10_000, recommend_rate=0.15, referrals_per_recommender=1.0, close_rate=0.3)
ADS = dict(ad_budget=9_000_000, cost_per_lead=1_500, ad_close_rate=0.03, walk_ins=250,
           repeat_buyers=100)


@pytest.fixture(scope="module")
def sales():
    return datasets.load_vanke_sales()


@pytest.fixture(scope="module")
def survey():
    return datasets.load_vanke_member_survey()


# ---- the funnel -------------------------------------------------------------
def test_funnel_by_hand():
    f = R.referral_funnel(**BASE, **ADS)
    assert f["recommenders"] == pytest.approx(1_500)
    assert f["referral_leads"] == pytest.approx(1_500)
    assert f["referred"] == pytest.approx(450)
    assert f["ad_leads"] == pytest.approx(6_000)
    assert f["advertising"] == pytest.approx(180)
    assert f["buyers"] == pytest.approx(450 + 180 + 250 + 100)
    assert f["referred_share"] == pytest.approx(450 / 980)
    assert f["ad_cost_per_buyer"] == pytest.approx(1_500 / 0.03)


def test_funnel_without_buyers_has_zero_share_not_nan():
    f = R.referral_funnel(0, 0.5, 1, 0.5)
    assert f["buyers"] == 0 and f["referred_share"] == 0.0 and f["ad_cost_per_buyer"] == 0.0


def test_advertising_that_wins_nobody_is_refused():
    with pytest.raises(InputError, match=r"ad_close_rate.*广告成交率"):
        R.referral_funnel(**BASE, ad_budget=1_000, cost_per_lead=10, ad_close_rate=0.0)


# ---- an owner's value reuses crmlab.value -------------------------------------
def test_owner_value_reuses_referral_value_and_components():
    parts = R.owner_value(200_000, 0.15, 1.0, 0.3, 200_000, years=10, discount_rate=0.08,
                          retention=0.9, would_buy_again=0.569, follow_through=0.3,
                          repeat_year=5, knowledge=1_000).set_index("component")
    q = 0.9 / 1.08
    by_hand = 0.15 * 0.3 * 200_000 * sum(q ** t for t in range(1, 11))
    assert parts.loc["referral", "value"] == pytest.approx(by_hand)
    assert parts.loc["referral", "value"] == pytest.approx(
        value.referral_value(0.15, 0.3, 200_000, years=10, discount_rate=0.08, retention=0.9))
    assert parts.loc["growth", "value"] == pytest.approx(0.569 * 0.3 * 200_000 / 1.08 ** 5)
    assert parts.loc["transaction", "value"] == 200_000
    assert parts.loc["knowledge", "value"] == 1_000
    total = 200_000 + by_hand + 0.569 * 0.3 * 200_000 / 1.08 ** 5 + 1_000
    assert parts.loc["total", "value"] == pytest.approx(total)
    assert parts.loc["referral", "share"] == pytest.approx(by_hand / total)


def test_referral_value_falls_when_the_owner_may_leave():
    loyal = R.owner_value(200_000, 0.15, 1, 0.3, 200_000, retention=1.0).set_index("component")
    leaving = R.owner_value(200_000, 0.15, 1, 0.3, 200_000, retention=0.7).set_index("component")
    assert leaving.loc["referral", "value"] < loyal.loc["referral", "value"]


def test_repeat_buyers_by_hand():
    assert R.repeat_buyers(1_000, 0.569) == pytest.approx(569)
    assert R.repeat_buyers(1_000, 0.569, 0.3) == pytest.approx(170.7)


# ---- the reward ---------------------------------------------------------------
def test_reward_response_by_hand():
    assert R.reward_response(0.15, 0, 500_000) == pytest.approx(0.15)
    assert R.reward_response(0.15, 500_000, 500_000) == pytest.approx(0.15 + 0.85 * (1 - math.exp(-1)))
    assert R.reward_response(1.0, 10, 1) == pytest.approx(1.0)


def test_programme_by_hand():
    out = R.referral_programme(**BASE, reward=20_000, buyer_share=0.5, reward_scale=500_000,
                               profit_per_buyer=200_000, **ADS)
    g = 1 - math.exp(-10_000 / 500_000)
    q1, c1 = 0.15 + 0.85 * g, 0.3 + 0.7 * g
    b1 = 10_000 * q1 * 1.0 * c1
    assert out["recommend_rate_with"] == pytest.approx(q1)
    assert out["close_rate_with"] == pytest.approx(c1)
    assert out["with"]["referred"] == pytest.approx(b1)
    assert out["extra_referred"] == pytest.approx(b1 - 450)
    assert out["programme_cost"] == pytest.approx(20_000 * b1)
    assert out["net_value"] == pytest.approx((b1 - 450) * 200_000 - 20_000 * b1)
    assert out["cost_per_extra"] == pytest.approx(20_000 * b1 / (b1 - 450))
    assert out["cost_per_referred"] == 20_000
    assert out["with"]["advertising"] == pytest.approx(out["without"]["advertising"])
    assert out["cheaper_than_ads"] is False          # 142k per extra buyer vs 50k


def test_all_reward_to_the_referrer_leaves_the_close_rate():
    out = R.referral_programme(**BASE, reward=20_000, buyer_share=0.0)
    assert out["close_rate_with"] == pytest.approx(0.3)
    assert out["recommend_rate_with"] > 0.15


def test_no_reward_changes_nothing():
    out = R.referral_programme(**BASE, reward=0, **ADS)
    assert out["extra_referred"] == 0 and out["net_value"] == 0 and out["cost_per_extra"] == 0
    assert out["with"]["referred_share"] == pytest.approx(out["without"]["referred_share"])


def test_cheaper_than_ads_when_advertising_is_dear():
    dear = dict(ADS, cost_per_lead=5_000, ad_close_rate=0.02)       # 250,000 元 per buyer
    assert R.referral_programme(**BASE, reward=20_000, **dear)["cheaper_than_ads"] is True


def test_break_even_reward_is_a_root_and_best_is_a_maximum():
    even = R.break_even_reward(**BASE)
    net = lambda r: R.referral_programme(**BASE, reward=r)["net_value"]  # noqa: E731
    assert 0 < even["best_reward"] < even["break_even_reward"] < 200_000
    assert abs(net(even["break_even_reward"])) < 1e-3 * even["best_net_value"]
    assert net(even["break_even_reward"] * 0.95) > 0 > net(even["break_even_reward"] * 1.05)
    best = even["best_reward"]
    assert net(best) >= max(net(best * 0.9), net(best * 1.1))
    assert even["best_net_value"] == pytest.approx(net(best))


def test_no_positive_reward_pays_when_nobody_responds():
    even = R.break_even_reward(**BASE, reward_scale=1e12)
    assert even == {"best_reward": 0.0, "best_net_value": 0.0, "break_even_reward": 0.0}


def test_reward_curve_agrees_with_the_programme():
    rewards = [0, 10_000, 43_000, 90_000]
    curve = R.reward_curve(**BASE, rewards=rewards)
    for r, net in zip(rewards, curve["net_value"]):
        assert net == pytest.approx(R.referral_programme(**BASE, reward=r)["net_value"])


def test_whatif_flattens_programme_and_break_even():
    out = R.programme_whatif(**BASE, reward=20_000, cost_per_lead=1_500)
    prog = R.referral_programme(**BASE, reward=20_000, **ADS)
    assert out["net_value"] == pytest.approx(prog["net_value"])
    assert out["break_even_reward"] == pytest.approx(R.break_even_reward(**BASE)["break_even_reward"])
    assert out["buyers_with"].sum() == pytest.approx(prog["with"]["buyers"])


# ---- data: calibrated to seed [000] -----------------------------------------
def test_every_city_is_within_the_seed_range(sales):
    cities = R.channel_shares(sales, by="city")
    assert set(cities.index) == {"深圳", "上海", "北京", "天津", "沈阳"}
    for share in cities["referral"]:
        assert textbook.calibrated(share, "case_vanke_referred_buyers").ok


def test_the_two_shenzhen_projects_are_above_forty_percent(sales):
    projects = R.channel_shares(sales)
    for name in ("金色家园", "四季花城"):
        assert textbook.calibrated(projects.loc[name, "referral"],
                                   "case_vanke_shenzhen_referred_owners").ok
    assert not textbook.calibrated(0.40, "case_vanke_shenzhen_referred_owners").ok


def test_channel_shares_sum_to_one_and_count_buyers(sales):
    for by in ("project", "city", "all"):
        t = R.channel_shares(sales, by=by)
        assert np.allclose(t[["referral", "advertising", "walk_in", "repeat_owner"]].sum(axis=1), 1)
        assert t["buyers"].sum() == len(sales)
    direct = (sales["channel"] == "老业主推荐").mean()
    assert R.channel_shares(sales, by="all").loc["全部", "referral"] == pytest.approx(direct)


def test_other_channel_shares_follow_the_generator_and_differ_by_project(sales):
    projects = R.channel_shares(sales)
    for name, _, n, referred, repeat, walk in vanke.PROJECTS:
        assert projects.loc[name, "buyers"] == n
        assert projects.loc[name, "referral"] == pytest.approx(round(referred * n) / n)
        assert projects.loc[name, "repeat_owner"] == pytest.approx(round(repeat * n) / n)
        assert projects.loc[name, "walk_in"] == pytest.approx(round(walk * n) / n)
    # the invented shares are not one constant copied into every project
    assert projects["walk_in"].round(3).nunique() > 1
    assert projects["repeat_owner"].round(3).nunique() > 1


def test_ledger_view_shows_the_sale_id_not_row_numbers(sales):
    view = R.ledger_view(sales, rows=3)
    assert view.index.name == "sale_id"
    assert view.index.tolist() == sales["sale_id"].head(3).tolist()
    assert "sale_id" not in view.columns
    assert not display.english_headers(display.table(view, "referrals").data.columns)


def test_owner_value_growth_part_is_not_multiplied_by_retention():
    kept = R.owner_value(200_000, 0.15, 1.0, 0.3, 200_000, retention=0.9,
                         would_buy_again=0.569, follow_through=0.3).set_index("component")
    leaky = R.owner_value(200_000, 0.15, 1.0, 0.3, 200_000, retention=0.5,
                          would_buy_again=0.569, follow_through=0.3).set_index("component")
    assert kept.loc["growth", "value"] == pytest.approx(0.569 * 0.3 * 200_000 / 1.08 ** 5)
    assert leaky.loc["growth", "value"] == pytest.approx(kept.loc["growth", "value"])
    assert leaky.loc["referral", "value"] < kept.loc["referral", "value"]


def test_survey_reproduces_the_three_rates_by_construction(survey):
    rates = R.survey_rates(survey)
    for col, figure in R.SURVEY_RATES.items():
        assert textbook.calibrated(rates[col], figure).ok
    # the answers are correlated: those who would recommend would more often buy again
    by = survey.groupby("would_recommend")["would_buy_again"].mean()
    assert by[True] > by[False]


def test_generators_are_seeded_and_the_cards_match():
    a, b = vanke.generate(5), vanke.generate(5)
    pd.testing.assert_frame_equal(a, b)
    assert not a["price"].equals(vanke.generate(6)["price"])
    assert datasets.card("vanke_sales")["simulated"] is True
    assert len(datasets.load_vanke_sales()) == datasets.card("vanke_sales")["rows"]
    small = vanke.generate_survey(1, n=200)
    assert small["repeat_bought"].sum() == round(653 * 200 / 1000)


def test_bad_channel_is_refused(sales):
    bad = sales.astype({"channel": "string"}).copy()
    bad.loc[0, "channel"] = "电话"
    with pytest.raises(InputError, match=r"ledger.*销售台账"):
        R.channel_shares(bad)


def test_survey_needs_booleans(survey):
    with pytest.raises(InputError, match=r"survey.*会员调查"):
        R.survey_rates(survey.astype({"would_recommend": int}))


@pytest.mark.parametrize("call, name", [
    (lambda: R.referral_funnel(-1, 0.1, 1, 0.1), "owners"),
    (lambda: R.referral_funnel(10, 1.2, 1, 0.1), "recommend_rate"),
    (lambda: R.referral_funnel(10, 0.1, 1, 0.1, cost_per_lead=0), "cost_per_lead"),
    (lambda: R.referral_programme(**BASE, reward=-5), "reward"),
    (lambda: R.referral_programme(**BASE, reward=5, buyer_share=2), "buyer_share"),
    (lambda: R.reward_response(0.1, 1, 0), "reward_scale"),
    (lambda: R.owner_value(1, 0.1, 1, 0.1, 1, repeat_year=0), "repeat_year"),
    (lambda: R.repeat_buyers(10, 0.5, "all"), "follow_through"),
    (lambda: R.reward_curve(**BASE, rewards=[1, -1]), "rewards"),
    (lambda: R.channel_shares(pd.DataFrame({"x": [1]})), "ledger"),
    (lambda: R.channel_shares(pd.DataFrame({"channel": ["广告"]}), by="region"), "by"),
])
def test_bad_input_names_the_argument_in_both_languages(call, name):
    with pytest.raises((InputError, InputTypeError)) as err:
        call()
    text = str(err.value)
    assert name in text and re.search(r"[\u4e00-\u9fff]", text)


# ---- tables, charts, panel ----------------------------------------------------
def test_tables_have_chinese_headers(survey):
    f = R.referral_funnel(**BASE, **ADS)
    view = R.funnel_view(f, lambda i: display.label(i, "referrals", unit=False))
    assert view.loc["推荐成交客户数", "count"] == pytest.approx(450)
    parts = R.value_parts_view(R.owner_value(200_000, 0.15, 1, 0.3, 200_000))
    assert parts["part_share"].iloc[:4].sum() == pytest.approx(1)
    shown = R.survey_view(R.survey_rates(survey), {i: i for i in R.SURVEY_RATES.values()})
    for t in (view, parts, shown):
        assert not display.english_headers(display.table(t, "referrals").data.columns)


def test_charts_are_labelled_in_chinese(sales):
    out = R.programme_whatif(**BASE, reward=20_000, cost_per_lead=1_500)
    even = R.break_even_reward(**BASE)
    figs = [R.plot_channel_shares(R.channel_shares(sales)),
            R.plot_buyers_by_channel(out["buyers_without"], out["buyers_with"]),
            R.plot_reward_curve(R.reward_curve(**BASE, rewards=np.linspace(0, 1e5, 11)),
                                even["break_even_reward"], even["best_reward"])]
    for fig in figs:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert "模拟数据" in ax.get_title()
        assert re.search(r"[\u4e00-\u9fff]", ax.get_xlabel() + ax.get_ylabel())


def test_panel_reacts_and_stays_in_budget():
    panel = R.programme_panel()
    try:
        start = panel.result
        assert start["referred_share_without"] == pytest.approx(450 / 980)
        assert panel.set(reward=0)["net_value"] == 0
        more = panel.set(reward=20_000, recommend_rate=0.30)
        assert more["referred_share_without"] > start["referred_share_without"]
        assert panel.set(cost_per_lead=3_000)["ad_cost_per_buyer"] == pytest.approx(100_000)
        assert len(panel.controls) <= 8
        for record in panel.drive_extremes():
            assert record.error is None or "应" in record.error
    finally:
        panel.close()


def test_panel_refuses_bad_start_values():
    with pytest.raises(InputError, match=r"reward.*每笔成功推荐的奖励"):
        R.programme_panel(reward=500_000)
