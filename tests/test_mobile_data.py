"""The simulated mobile subscriber data set (模拟数据): card, bytes and calibrated properties."""
import numpy as np
import pytest

from crmlab import churn, datasets
from crmlab.simulate import mobile


@pytest.fixture(scope="module")
def subs():
    return datasets.load_mobile_subscribers()


def test_card_says_simulated_and_matches_csv():
    meta = datasets.card("mobile_subscribers")
    assert meta["simulated"] is True
    assert "模拟数据" in meta["description"] and "not China Mobile" in meta["description"]
    assert meta["generator"] == "crmlab.simulate.mobile:generate"
    data = (datasets.data_dir() / meta["file"]).read_bytes()
    assert datasets.sha256(data) == meta["sha256"]
    assert len(data) < 4_000_000
    assert "模拟数据" in mobile.__doc__ and "模拟数据" in datasets.load_mobile_subscribers.__doc__


def test_same_seed_same_bytes_and_other_seed_differs():
    meta = datasets.card("mobile_subscribers")
    committed = (datasets.data_dir() / meta["file"]).read_bytes()
    again = datasets.csv_bytes(mobile.generate(seed=meta["seed"]))
    assert datasets.sha256(again) == meta["sha256"] == datasets.sha256(committed)
    assert datasets.csv_bytes(mobile.generate(seed=meta["seed"] + 1)) != committed


def test_shape_and_types(subs):
    assert 20_000 <= len(subs) <= 40_000
    assert subs["subscriber_id"].is_unique
    assert set(subs["segment"].cat.categories) == {"高端", "大众", "青年", "商务"}
    assert str(subs["churn_month"].dtype) == "Int64"
    churned = subs["churned"].to_numpy()
    assert (subs["churn_month"].notna().to_numpy() == churned).all()
    assert ((subs["churn_cause"] != "未流失").to_numpy() == churned).all()
    cm = subs["churn_month"].dropna().astype(int)
    assert cm.between(1, 36).all()
    assert (cm > subs.loc[churned, "join_month"]).all()
    assert subs["join_month"].max() <= 36
    end = np.where(churned, subs["churn_month"].fillna(36).astype(int), 36)
    assert (subs["tenure_months"].to_numpy() == end - subs["join_month"].to_numpy()).all()
    assert (subs["margin"] < subs["arpu"]).all() and (subs["arpu"] > 0).all()
    no_comp = subs["complaints"] == 0
    assert (subs.loc[no_comp, "complaint_status"] == "无投诉").all()
    assert (subs.loc[~no_comp, "complaint_status"] != "无投诉").all()
    assert subs.loc[~no_comp, "last_complaint_month"].notna().all()
    assert set(subs.loc[churned, "churn_cause"].unique()) == set(churn.CAUSES["name_zh"])


def test_overall_monthly_churn_in_range(subs):
    rates = churn.monthly_churn(subs, end=36)["churn_rate"]
    assert len(rates) == 36
    assert rates.between(0.01, 0.04).all()
    assert 0.015 <= rates.mean() <= 0.025


def test_competitor_poaching_share_highest_in_high_end(subs):
    t = churn.churn_by_cause(subs)
    poach = t[(t["cause_key"] == "competitor") & (t["segment"] != "全部")].set_index("segment")
    assert poach["share"].idxmax() == "高端"
    assert poach.loc["高端", "share"] > 0.4
    # causes differ by segment: natural churn leads among youth, overbearing is big in mass
    youth = t[t["segment"] == "青年"].set_index("cause_key")["share"]
    assert youth.idxmax() == "natural"
    mass = t[t["segment"] == "大众"].set_index("cause_key")["share"]
    assert mass["overbearing"] > mass["competitor"]


def test_competition_heats_up_over_the_window(subs):
    m = churn.monthly_churn(subs, end=36)
    assert m["churn_rate"].iloc[-12:].mean() > m["churn_rate"].iloc[:12].mean()


def test_unresolved_complaints_churn_more_than_resolved(subs):
    e = churn.complaint_effect(subs, end=36)
    rate = e["monthly_churn_rate"]
    assert rate["未解决"] > 3 * rate["已解决"]
    assert rate["已解决"] > rate["无投诉"]
    assert e.loc["未解决", "retained_after_complaint"] < 0.3


def test_calibrated_to_the_two_testable_textbook_claims(subs):
    c = churn.complaint_claims(subs, end=36).set_index("figure")
    assert c.loc["ch2_complaint_win_back", "data_value"] == pytest.approx(0.75, abs=0.04)
    assert c.loc["ch2_unsolved_problem_drives_away", "data_value"] == pytest.approx(0.89,
                                                                                      abs=0.06)
    assert c.loc[c["testable"] == "否", "data_value"].isna().all()
