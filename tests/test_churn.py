"""crmlab.churn: hand-checked numbers on tiny frames, bad input, and the what-if model's extremes."""
import math
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import churn, datasets
from crmlab.validation import CRMLabError, InputError, InputTypeError


def five():
    """Five subscribers of two segments, months 1..4 (hand-made)."""
    return pd.DataFrame({
        "segment": ["A", "A", "A", "B", "B"],
        "join_month": [0, 0, 1, 0, 2],
        "churn_month": [2, None, 4, 3, None],
        "churn_cause": ["竞争对手挖角", None, "诚信问题", "自然流失", None],
        "arpu": [100.0, 80.0, 60.0, 40.0, 20.0],
        "margin": [50.0, 40.0, 30.0, 20.0, 10.0],
        "complaint_status": ["无投诉", "已解决", "未解决", "无投诉", "已解决"],
        "last_complaint_month": [None, 1, 2, None, 3],
    })


@pytest.fixture(scope="module")
def subs():
    return datasets.load_mobile_subscribers()


# ---------------------------------------------------------------- hand-checked numbers
def test_monthly_churn_by_hand():
    m = churn.monthly_churn(five(), end=4)
    # start of month 1: joined < 1 = 3 (rows 0,1,3); month 2: 4; month 3: 5 - 1 = 4; month 4: 5 - 2
    assert m["active_start"].tolist() == [3, 4, 4, 3]
    assert m["joined"].tolist() == [1, 1, 0, 0]
    assert m["churned"].tolist() == [0, 1, 1, 1]
    assert m["churn_rate"].tolist() == pytest.approx([0, 0.25, 0.25, 1 / 3])
    by = churn.monthly_churn(five(), by="segment", end=4).set_index(["segment", "month"])
    assert by.loc[("A", 2), "active_start"] == 3 and by.loc[("A", 2), "churned"] == 1
    assert by.loc[("B", 3), "active_start"] == 2 and by.loc[("B", 3), "churn_rate"] == 0.5
    assert by.loc[("B", 4), "active_start"] == 1   # only the month-2 joiner is left


def test_monthly_churn_accepts_nullable_and_categorical(subs):
    a = churn.monthly_churn(subs.head(500), by="segment")
    b = churn.monthly_churn(subs.head(500).assign(
        churn_month=subs["churn_month"].head(500).astype("float"),
        segment=subs["segment"].head(500).astype(str)), by="segment")
    assert list(a["segment"].unique()) == ["高端", "大众", "青年", "商务"]   # category order
    key = ["segment", "month"]
    pd.testing.assert_frame_equal(a.sort_values(key).reset_index(drop=True),
                                  b.sort_values(key).reset_index(drop=True))


def test_cohort_retention_by_hand():
    r = churn.cohort_retention(five(), end=4)
    assert list(r.index) == [1, 2]
    assert r.loc[1].tolist()[:4] == [1.0, 1.0, 1.0, 0.0]      # joined 1, left in month 4
    assert r.loc[2, 0] == 1.0 and r.loc[2, 2] == 1.0 and math.isnan(r.loc[2, 3])
    counts = churn.cohort_retention(five(), end=4, as_counts=True)
    assert counts.loc[1, 3] == 0 and counts.loc[2, 2] == 1


def test_survival_by_segment_by_hand():
    curves, medians = churn.survival_by_segment(five(), end=4)
    a = curves[curves["segment"] == "A"].set_index("tenure_months")["survival"]
    # segment A: durations 2 (event), 4 (censored), 3 (event, joined month 1)
    assert a.loc[1] == 1.0
    assert a.loc[2] == pytest.approx(2 / 3)
    assert a.loc[3] == pytest.approx(2 / 3 * 1 / 2)
    med = medians.set_index("segment")
    assert med.loc["A", "median_lifetime_months"] == 3.0
    assert med.loc["全部", "subscribers"] == 5 and med.loc["全部", "churners"] == 3
    assert set(curves["segment"]) == {"A", "B", "全部"}
    assert ((curves["ci_lower"] <= curves["survival"]) & (curves["survival"] <= curves["ci_upper"]
                                                           + 1e-12)).all()


def test_survival_left_truncation_changes_the_curve():
    # an old subscriber (joined at -10) who leaves at month 1 enters at tenure 10
    subs = pd.DataFrame({"segment": ["A"] * 3, "join_month": [-10, 0, 0],
                         "churn_month": [1, 2, None]})
    curves, _ = churn.survival_by_segment(subs, end=4)
    a = curves[curves["segment"] == "A"].set_index("tenure_months")["survival"]
    assert a.loc[2] == pytest.approx(0.5)         # not 2/3: the old one is not at risk at tenure 2
    assert a.loc[11] == pytest.approx(0.0)        # at tenure 11 only the old one is at risk


def test_survival_matches_lifelines_fixture(subs):
    """crmlab's KM curve = lifelines' (tests/data/make_survival_fixture.py, lifelines 0.30.3)."""
    from pathlib import Path
    ref = pd.read_csv(Path(__file__).parent / "data" / "lifelines_km_mobile.csv", comment="#")
    curves, medians = churn.survival_by_segment(subs)
    got = ref.merge(curves, on=["segment", "tenure_months"], how="left", suffixes=("_ll", ""))
    assert len(got) == len(ref) and got["survival"].notna().all()
    np.testing.assert_allclose(got["survival"], got["survival_ll"], rtol=0, atol=1e-12)
    # same log(-log) interval as lifelines' default, to rounding error
    np.testing.assert_allclose(got["ci_lower"], got["ci_lower_ll"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(got["ci_upper"], got["ci_upper_ll"], rtol=0, atol=1e-12)
    med = medians.set_index("segment")["median_lifetime_months"]
    for seg, m in ref.groupby("segment")["median"].first().items():
        assert med[seg] == m


def test_survival_interval_is_log_log():
    curves, _ = churn.survival_by_segment(five(), end=4)
    a = curves[curves["segment"] == "A"].set_index("tenure_months")
    # tenure 2: S = 2/3, Greenwood sum = 1 / (3 * 2); sd of log(-log S) = sqrt(sum) / |log S|
    s, v = 2 / 3, 1 / 6
    sd = math.sqrt(v) / abs(math.log(s))
    c = math.log(-math.log(s))
    assert a.loc[2, "ci_lower"] == pytest.approx(math.exp(-math.exp(c + 1.959964 * sd)), rel=1e-6)
    assert a.loc[2, "ci_upper"] == pytest.approx(math.exp(-math.exp(c - 1.959964 * sd)), rel=1e-6)
    assert a.loc[1, "ci_lower"] == a.loc[1, "ci_upper"] == 1.0     # before the first departure
    assert (curves["ci_lower"] >= 0).all() and (curves["ci_upper"] <= 1).all()


def test_survival_median_is_inf_when_never_below_half():
    subs = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
                         "churn_month": [2, None, None, None]})
    _, medians = churn.survival_by_segment(subs, end=4)
    assert math.isinf(medians.set_index("segment").loc["A", "median_lifetime_months"])


def test_lifelines_is_not_used():
    import inspect
    from crmlab.churn import model
    src = inspect.getsource(model)
    assert "lifelines import" not in src and "import statsmodels" not in src
    assert "from statsmodels" not in src       # a 1.5 s import the notebook does not need


def test_survival_matches_statsmodels(subs):
    """The vectorised KM = statsmodels' SurvfuncRight (same entry), survival and Greenwood se."""
    from statsmodels.duration.survfunc import SurvfuncRight
    curves, _ = churn.survival_by_segment(subs, start=5, end=30)
    join = subs["join_month"].to_numpy(float)
    left = subs["churn_month"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    seg = subs["segment"].astype(str).to_numpy()
    use = (join < 30) & (np.isnan(left) | (left >= 5)) & (seg == "青年")
    event = ~np.isnan(left[use]) & (left[use] <= 30)
    dur = np.where(event, left[use], 30) - join[use]
    fit = SurvfuncRight(dur, event.astype(float), entry=np.maximum(0, 4 - join[use]))
    mine = curves[curves["segment"] == "青年"].set_index("tenure_months")
    times = np.asarray(fit.surv_times, int)
    np.testing.assert_allclose(mine.loc[times, "survival"], fit.surv_prob, rtol=0, atol=1e-12)
    # the interval from statsmodels' se, by the log(-log) formula
    s, se = np.asarray(fit.surv_prob), np.asarray(fit.surv_prob_se)
    ok = (s > 0) & (s < 1)
    sd = se[ok] / (s[ok] * np.abs(np.log(s[ok])))
    lower = np.exp(-np.exp(np.log(-np.log(s[ok])) + 1.959963984540054 * sd))
    np.testing.assert_allclose(mine.loc[times[ok], "ci_lower"], lower, rtol=1e-9)


def test_churn_by_cause_by_hand():
    t = churn.churn_by_cause(five(), end=4).set_index(["segment", "cause_key"])
    assert t.loc[("A", "competitor"), "churners"] == 1
    assert t.loc[("A", "competitor"), "share"] == 0.5
    assert t.loc[("B", "natural"), "share"] == 1.0
    assert t.loc[("全部", "integrity"), "share"] == pytest.approx(1 / 3)
    assert t.loc[("A", "integrity"), "share_of_cause"] == 1.0
    assert t.loc[("全部", "natural"), "controllable"] == "否"
    assert t.loc[("全部", "competitor"), "controllable"] == "部分"
    assert len(t) == 3 * len(churn.CAUSES)


def test_causes_table():
    c = churn.CAUSES.set_index("key")
    assert list(c.index) == ["competitor", "overbearing", "natural", "integrity", "details"]
    assert c.loc["natural", "controllable"] == "否"
    assert set(c["controllable"]) <= {"是", "部分", "否"}
    assert c.loc["overbearing", "name_zh"] == "店大欺客"


def test_segment_clv_by_hand():
    t = churn.segment_clv(five(), 0.0, end=4).set_index("segment")
    # A: months at risk 1-2 (2), 1-4 (4), 2-4 (3) = 9, 2 churners
    r = 1 - 2 / 9
    assert t.loc["A", "retention"] == pytest.approx(r)
    assert t.loc["A", "margin"] == pytest.approx((50 * 2 + 40 * 4 + 30 * 3) / 9)
    assert t.loc["A", "clv"] == pytest.approx(t.loc["A", "margin"] * r / (1 - r))
    assert t.loc["A", "subscribers"] == 1
    d = (1.1) ** (1 / 12) - 1
    t10 = churn.segment_clv(five(), 0.1, end=4).set_index("segment")
    assert t10.loc["A", "clv"] == pytest.approx(t.loc["A", "margin"] * r / (1 + d - r))
    start = churn.segment_clv(five(), 0.1, timing="start", end=4).set_index("segment")
    assert start.loc["A", "clv"] == pytest.approx(t.loc["A", "margin"] * (1 + d) / (1 + d - r))


def test_segment_clv_infinite_is_an_error():
    subs = pd.DataFrame({"segment": ["A", "A"], "join_month": [0, 0], "churn_month": [None, None],
                         "margin": [10.0, 10.0]})
    with pytest.raises(InputError, match="discount_rate.*折现率"):
        churn.segment_clv(subs, 0.0, end=3)
    assert churn.segment_clv(subs, 0.1, end=3)["clv"].iloc[0] == pytest.approx(
        10 / ((1.1) ** (1 / 12) - 1))


def test_revenue_at_risk_by_hand():
    t = churn.revenue_at_risk(five(), 0.0, end=4).set_index(["segment", "cause_key"])
    assert t.loc[("A", "competitor"), "revenue_lost_per_month"] == 100 / 4
    assert t.loc[("A", "integrity"), "margin_lost_per_month"] == 30 / 4
    r = 1 - 2 / 9
    assert t.loc[("A", "competitor"), "clv_lost"] == pytest.approx(50 * r / (1 - r))
    assert t.loc[("全部", "natural"), "churners"] == 1
    assert t.loc[("全部", "details"), "clv_lost"] == 0


def test_complaint_effect_by_hand():
    e = churn.complaint_effect(five(), end=4, horizon=2)
    # no complaint: rows 0 (months 1-2, left) and 3 (months 1-3, left): 2 / 5
    assert e.loc["无投诉", "monthly_churn_rate"] == pytest.approx(2 / 5)
    # resolved: row 1 (complaint 1: months 1-2), row 4 (complaint 3: months 3-4): 0 / 4
    assert e.loc["已解决", "monthly_churn_rate"] == 0
    # unresolved: row 2 (complaint 2, left 4 > 2+2-1): months 2-3, no churn inside the horizon
    assert e.loc["未解决", "monthly_churn_rate"] == 0
    assert e.loc["未解决", "retained_after_complaint"] == 1.0
    assert e.loc["无投诉", "share_of_churners"] == pytest.approx(2 / 3)
    assert math.isnan(e.loc["无投诉", "retained_after_complaint"])
    e3 = churn.complaint_effect(five(), end=4, horizon=3)
    assert e3.loc["未解决", "retained_after_complaint"] == 0.0   # left in month 4 = 2+3-1
    assert e3.loc["未解决", "monthly_churn_rate"] == pytest.approx(1 / 3)


def test_complaint_claims_table():
    c = churn.complaint_claims(five(), end=4, horizon=3).set_index("figure")
    assert c.loc["ch2_complaint_win_back", "textbook_value"] == 0.75
    assert c.loc["ch2_unsolved_problem_drives_away", "data_value"] == 1.0
    assert c.loc["ch2_poor_service_drives_away", "testable"] == "否"
    assert math.isnan(c.loc["ch2_unhappy_complain", "data_value"])
    assert c.loc["churners_after_unresolved", "data_value"] == pytest.approx(1 / 3)


def test_claims_table_says_what_each_row_can_show(subs):
    """The two calibrated claims are no evidence; the four others are only quoted."""
    claims = churn.complaint_claims(subs)
    t = churn.claims_table(claims).set_index(claims["figure"])
    assert "testable" not in t.columns
    for f in ("ch2_unsolved_problem_drives_away", "ch2_complaint_win_back"):
        text = t.loc[f, "evidence"]
        assert text.startswith("模拟数据按教材数字设定") and "不是证据" in text
        assert "真实数据可以这样检验" in text and "12 个月" in text
    quoted = ["ch2_poor_service_drives_away", "ch2_unhappy_tell_others", "ch2_unhappy_complain",
              "ch2_fast_handling_keeps"]
    assert all(t.loc[f, "evidence"].startswith("只引用，无法检验：") for f in quoted)
    assert "不投诉的不满意客户" in t.loc["ch2_unhappy_complain", "evidence"]
    assert t.loc["churners_after_unresolved", "evidence"].startswith("只是模拟数据的结果")
    assert t.loc[quoted, "followed_up"].isna().all() and t.loc[quoted, "tolerance"].isna().all()
    assert not any(c.isascii() and c.isalpha() for c in "".join(t["evidence"]))
    wrong = claims.assign(testable=["maybe"] * len(claims))
    with pytest.raises(InputError, match="claims.*maybe.*能否检验"):
        churn.claims_table(wrong)


def test_panel_messages_read_chinese_first():
    """What the panel shows on a refused value: the Chinese sentence, then the English one."""
    from crmlab.widgets import split_message
    p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.005}
    inputs = {("A", c): p for c in churn.CAUSES["name_zh"]}
    calls = [("诚信问题", "A", 1.5), ("诚信问题", "A", 0.2, -1), ("诚信问题", "B"),
             ("没有这个原因", "A"), ("诚信问题", "A", 0.2, 1.0, 2.0)]
    for args in calls:
        with pytest.raises(InputError) as err:
            churn.programme_panel_model(inputs, *args)
        zh, en = split_message(str(err.value))
        # Chinese first; the English part begins with the argument's name, not Chinese
        assert re.search("[\u4e00-\u9fff]", zh) and re.match(r"[a-z_]+ ", en), str(err.value)


def test_keep_or_replace_by_hand():
    r = churn.keep_or_replace(400)
    assert r["retention_cost"] == 80 and r["cost_ratio"] == 5
    assert r["replace_cost_per_lost"] == 4000 and r["saving_per_kept"] == 3920
    r = churn.keep_or_replace(400, 100, new_per_lost=4, lost_customers=3)
    assert r["cost_ratio"] == 4 and r["replace_over_keep"] == 16
    assert r["replace_cost_total"] == 4800 and r["saving_total"] == 4500
    z = churn.keep_or_replace(400, 0)
    assert z["cost_ratio"] is None and z["replace_over_keep"] is None


def test_programme_inputs_by_hand():
    p = churn.programme_inputs(five(), "competitor", "A", end=4)
    assert p["subscribers"] == 1 and p["cause"] == "竞争对手挖角"
    assert p["churn_rate"] == pytest.approx(2 / 9) and p["cause_rate"] == pytest.approx(1 / 9)
    allp = churn.programme_inputs(five(), "自然流失", "全部", end=4)
    assert allp["subscribers"] == 2 and allp["cause_rate"] == pytest.approx(1 / 14)


def test_retention_programme_by_hand():
    params = {"subscribers": 100, "margin": 10.0, "churn_rate": 0.1, "cause_rate": 0.05}
    r = churn.retention_programme(params, "诚信问题", reduction=0.5, cost_per_sub_month=1.0,
                                  discount_rate=0.0, months=2)
    # with: h' = 0.075 -> 100, 92.5, 85.5625; without: 100, 90, 81
    assert r["churn_rate_with"] == pytest.approx(0.075)
    assert r["churn_avoided"] == pytest.approx(85.5625 - 81)
    assert r["value_saved"] == pytest.approx(10 * ((92.5 - 90) + (85.5625 - 81)))
    assert r["programme_cost"] == pytest.approx(1.0 * (100 + 92.5))
    assert r["net_value"] == pytest.approx(r["value_saved"] - r["programme_cost"])
    assert r["return"] == pytest.approx(r["net_value"] / r["programme_cost"])
    # the programme pays for all 100 covered subscribers, but saves only 4.5625 of them
    assert r["cost_per_subscriber"] == pytest.approx(192.5 / 100)
    assert r["share_saved"] == pytest.approx(4.5625 / 100)
    assert r["cost_per_saved"] == pytest.approx(192.5 / 4.5625)
    assert r["cost_per_saved"] == pytest.approx(r["cost_per_subscriber"] / r["share_saved"])
    assert r["kept_12_without"] == pytest.approx(100 * 0.9 ** 12)
    assert r["kept_24_with"] == pytest.approx(100 * 0.925 ** 24)
    m = r["monthly"]
    assert m["without"].tolist() == pytest.approx([100, 90, 81])
    assert m["cumulative_net_value"].iloc[-1] == pytest.approx(r["net_value"])
    # discounting: one month at 1% per month
    d = churn.retention_programme(params, "integrity", reduction=0.5, cost_per_sub_month=1.0,
                                  discount_rate=1.01 ** 12 - 1, months=1)
    assert d["value_saved"] == pytest.approx(10 * 2.5 / 1.01)
    assert d["programme_cost"] == pytest.approx(100)


def test_retention_programme_from_frame_matches_params(subs):
    p = churn.programme_inputs(subs, "competitor", "高端")
    a = churn.retention_programme(subs, "competitor", "高端", 0.3, 2.0, 0.1)
    b = churn.retention_programme(p, "竞争对手挖角", "高端", 0.3, 2.0, 0.1)
    assert a["net_value"] == pytest.approx(b["net_value"])
    assert a["cause"] == b["cause"] == "竞争对手挖角" and a["controllable"] == "部分"


def test_zero_cost_return_is_none():
    params = {"subscribers": 100, "margin": 10.0, "churn_rate": 0.1, "cause_rate": 0.05}
    r = churn.retention_programme(params, "details", reduction=0.5, cost_per_sub_month=0)
    assert r["return"] is None and r["programme_cost"] == 0 and r["net_value"] > 0


def test_nobody_saved_cost_per_saved_is_none():
    params = {"subscribers": 100, "margin": 10.0, "churn_rate": 0.1, "cause_rate": 0.05}
    r = churn.retention_programme(params, "details", reduction=0.0, cost_per_sub_month=1.0)
    assert r["cost_per_saved"] is None and r["share_saved"] == 0 and r["cost_per_subscriber"] > 0
    empty = churn.retention_programme(params | {"subscribers": 0}, "details", reduction=0.5)
    assert empty["cost_per_saved"] is None and empty["cost_per_subscriber"] is None


def test_best_cause_to_attack(subs):
    b = churn.best_cause_to_attack(subs, 0.3, 2.0, 0.1)
    assert b["rank"].tolist() == list(range(1, len(b) + 1))
    assert (np.diff(b["net_value"]) <= 0).all()
    assert "自然流失" not in set(b["cause"])
    assert (b.iloc[0]["segment"], b.iloc[0]["cause"]) == ("高端", "竞争对手挖角")
    assert len(b) == 4 * 4
    allb = churn.best_cause_to_attack(subs, 0.3, 2.0, 0.1, segment="全部",
                                      include_uncontrollable=True)
    assert len(allb) == 5 and set(allb["segment"]) == {"全部"}
    one = churn.retention_programme(subs, allb.iloc[0]["cause"], "全部", 0.3, 2.0, 0.1)
    assert one["net_value"] == pytest.approx(allb.iloc[0]["net_value"])
    assert one["cost_per_saved"] == pytest.approx(allb.iloc[0]["cost_per_saved"])
    assert (b["cost_per_saved"] == b["programme_cost"] / b["churn_avoided"]).all()
    none_saved = churn.best_cause_to_attack(subs, 0.0, 2.0, 0.1)
    assert none_saved["cost_per_saved"].isna().all()
    free = churn.best_cause_to_attack(five(), 0.5, 0.0, 0.1, segment="A", end=4)
    assert free["return"].isna().all()


# ---------------------------------------------------------------- what-if extremes
@pytest.mark.parametrize("reduction", [0.0, 1.0])
@pytest.mark.parametrize("cost", [0.0, 500.0])
@pytest.mark.parametrize("discount", [0.0, 1.0])
def test_programme_extremes_are_finite(subs, reduction, cost, discount):
    segments = ["高端", "大众", "青年", "商务", "全部"]
    for seg in segments:
        for cause in churn.CAUSES["key"]:
            p = churn.programme_inputs(subs, cause, seg)
            r = churn.retention_programme(p, cause, seg, reduction, cost, discount)
            for k, v in r.items():
                if isinstance(v, float):
                    assert math.isfinite(v), (seg, cause, k)
            assert np.isfinite(r["monthly"].drop(columns="month").to_numpy()).all()
            if reduction == 0:
                assert r["churn_avoided"] == 0 and r["value_saved"] == 0
            else:
                assert r["churn_avoided"] >= 0
            if cost == 0:
                assert r["return"] is None
            else:
                assert math.isfinite(r["return"])


# ---------------------------------------------------------------- bad input
PARAMS = {"subscribers": 100, "margin": 10.0, "churn_rate": 0.1, "cause_rate": 0.05}


@pytest.mark.parametrize("kwargs, arg, zh", [
    ({"reduction": 1.2}, "reduction", "流失减少比例"),
    ({"reduction": -0.1}, "reduction", "流失减少比例"),
    ({"cost_per_sub_month": -1}, "cost_per_sub_month", "每用户每月成本"),
    ({"discount_rate": -0.05}, "discount_rate", "年折现率"),
    ({"months": 0}, "months", "计划月数"),
    ({"cause": "weather"}, "cause", "流失原因"),
])
def test_programme_bad_input(kwargs, arg, zh):
    args = {"cause": "诚信问题", "segment": "全部", "reduction": 0.2, "cost_per_sub_month": 1,
            "discount_rate": 0.1} | kwargs
    with pytest.raises(InputError) as exc:
        churn.retention_programme(PARAMS, **args)
    assert arg in str(exc.value) and zh in str(exc.value)


def test_programme_reduction_message_is_bilingual():
    with pytest.raises(InputError, match=r"reduction must be a number in \[0, 1\]; got 1.2 "
                                         r"\(流失减少比例 reduction 应为"):
        churn.retention_programme(PARAMS, "诚信问题", reduction=1.2)


def test_programme_unknown_segment_and_bad_params(subs):
    with pytest.raises(InputError, match="segment.*客户群"):
        churn.retention_programme(subs, "competitor", "学生")
    with pytest.raises(InputError, match="cause_rate.*该原因的月流失率"):
        churn.retention_programme(PARAMS | {"cause_rate": 0.2}, "competitor")
    with pytest.raises(InputError, match="subs_or_params.*margin"):
        churn.retention_programme({"subscribers": 1, "churn_rate": 0.1, "cause_rate": 0},
                                  "competitor")
    with pytest.raises(InputTypeError, match="subs_or_params"):
        churn.retention_programme([1, 2], "competitor")
    with pytest.raises(InputError, match="reduction.*流失减少比例"):
        churn.best_cause_to_attack(subs, 1.5, 1.0, 0.1)
    with pytest.raises(InputError, match="cost_per_sub_month.*每用户每月成本"):
        churn.best_cause_to_attack(subs, 0.5, -1.0, 0.1)
    with pytest.raises(InputError, match="segment.*客户群"):
        churn.best_cause_to_attack(subs, 0.5, 1.0, 0.1, segment="学生")


@pytest.mark.parametrize("func", [
    lambda s: churn.monthly_churn(s),
    lambda s: churn.cohort_retention(s),
    lambda s: churn.survival_by_segment(s),
    lambda s: churn.churn_by_cause(s),
    lambda s: churn.segment_clv(s),
    lambda s: churn.revenue_at_risk(s),
    lambda s: churn.complaint_effect(s),
    lambda s: churn.complaint_claims(s),
    lambda s: churn.programme_inputs(s, "competitor"),
    lambda s: churn.retention_programme(s, "competitor"),
    lambda s: churn.best_cause_to_attack(s),
])
def test_empty_and_missing_column(func):
    with pytest.raises(InputError, match="subs.*用户表.*至少有一行"):
        func(five().iloc[0:0])
    with pytest.raises(InputError, match="missing 'join_month'.*缺少 'join_month'"):
        func(five().drop(columns="join_month"))
    with pytest.raises(InputTypeError, match="subs.*DataFrame"):
        func([1, 2, 3])


def test_bad_months_and_causes():
    bad = five()
    bad.loc[0, "churn_month"] = 0          # before joining
    with pytest.raises(InputError, match="churn_month.*流失月份"):
        churn.monthly_churn(bad)
    frac = five()
    frac["join_month"] = [0, 0.5, 1, 0, 2]
    with pytest.raises(InputError, match="join_month.*整数月份"):
        churn.monthly_churn(frac)
    text = five()
    text["join_month"] = ["a", "b", "c", "d", "e"]
    with pytest.raises(InputTypeError, match="join_month"):
        churn.monthly_churn(text)
    odd = five()
    odd.loc[0, "churn_cause"] = "天气"
    with pytest.raises(InputError, match="churn_cause.*流失原因列.*'天气'"):
        churn.churn_by_cause(odd)
    lost = five()
    lost.loc[0, "churn_cause"] = None
    with pytest.raises(InputError, match="churn_cause.*每位流失用户都有流失原因"):
        churn.revenue_at_risk(lost)
    with pytest.raises(InputError, match="end.*观察期结束月"):
        churn.monthly_churn(five(), start=5, end=3)
    with pytest.raises(InputError, match="timing.*现金流时点"):
        churn.segment_clv(five(), 0.1, timing="middle", end=4)
    status = five()
    status.loc[0, "complaint_status"] = "不知道"
    with pytest.raises(InputError, match="complaint_status.*投诉状态列"):
        churn.complaint_effect(status)


def test_keep_or_replace_bad_input():
    with pytest.raises(InputError, match="acquisition_cost.*获客成本"):
        churn.keep_or_replace(0)
    with pytest.raises(InputError, match="retention_cost.*挽留成本"):
        churn.keep_or_replace(100, -5)
    with pytest.raises(InputError, match="cost_ratio"):
        churn.keep_or_replace(100, cost_ratio=0)
    with pytest.raises(InputTypeError, match="acquisition_cost"):
        churn.keep_or_replace("100")


def test_errors_are_crmlab_errors():
    assert issubclass(InputError, CRMLabError)
    with pytest.raises(CRMLabError):
        churn.monthly_discount_rate(2)


# ---------------------------------------------------------------- plots
def test_plots_return_figures(subs):
    small = subs.head(3000)
    m = churn.monthly_churn(small, by="segment")
    curves, medians = churn.survival_by_segment(small)
    figs = [churn.plot_churn_rate(churn.monthly_churn(small)),
            churn.plot_churn_rate(m, by="segment"),
            churn.plot_survival(curves, medians),
            churn.plot_causes(churn.churn_by_cause(small)),
            churn.plot_causes(churn.churn_by_cause(small), value="churners", source=None),
            churn.plot_programme(churn.retention_programme(small, "competitor", "高端"))]
    for fig in figs:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert "模拟数据" in [t.get_text() for t in figs[0].texts]
    assert figs[4].texts == []
    assert len(figs[1].axes[0].lines) == 4
    with pytest.raises(InputError, match="value.*堆叠数值"):
        churn.plot_causes(churn.churn_by_cause(small), value="margin")
    with pytest.raises(InputTypeError, match="result"):
        churn.plot_programme({"net_value": 1})


# ---------------------------------------------------------------- what-if panel
def test_programme_panel_opens_on_the_best_cause(subs):
    panel = churn.programme_panel(subs)
    best = churn.best_cause_to_attack(subs, 0.2, 1.0, 0.10).iloc[0]
    assert panel.params["cause"] == best["cause"] and panel.params["segment"] == best["segment"]
    assert panel.error is None
    assert panel.result["net_value"] == pytest.approx(best["net_value"])
    assert panel.result["rank_in_segment"] == "1 / 4"
    direct = churn.retention_programme(subs, best["cause"], best["segment"], 0.2, 1.0, 0.10)
    assert panel.result["kept_24_with"] == pytest.approx(direct["kept_24_with"])
    assert panel.png


def test_programme_panel_extremes_give_finite_results(subs):
    panel = churn.programme_panel(subs, "诚信问题", "大众", reduction=0.5,
                                  cost_per_sub_month=0.5, discount_rate=0.05)
    records = panel.drive_extremes()
    assert len(records) >= 2 * len(panel.controls)
    for rec in records:
        assert rec.error is None and rec.problems == [], (rec.params, rec.error, rec.problems)
    free = panel.set(reduction=1, cost_per_sub_month=0)
    assert free["return"] is None and free["net_value"] > 0       # shown as "—"
    nothing = panel.set(reduction=0, cost_per_sub_month=10)
    assert nothing["value_saved"] == 0 and nothing["return"] == pytest.approx(-1)
    natural = panel.set(cause="自然流失")
    assert natural["rank_in_segment"].startswith("不可控") and natural["controllable"] == "否"
    assert nothing["cost_per_saved"] is None                      # nobody saved: shown as "—"
    shares = {c.name: c.fmt for c in panel.controls if hasattr(c, "fmt")}
    assert shares["reduction"] == shares["discount_rate"] == ".0%"
    assert panel.measure_latency(changes=5)["changes"] == 5


def test_programme_panel_refuses_starting_values_outside_the_sliders(subs):
    with pytest.raises(InputError, match="reduction.*流失减少比例"):
        churn.programme_panel(subs, reduction=1.2)
    with pytest.raises(InputError, match="cost_per_sub_month.*每用户每月成本"):
        churn.programme_panel(subs, cost_per_sub_month=-1)
    with pytest.raises(InputError, match="discount_rate.*年折现率"):
        churn.programme_panel(subs, discount_rate=0.5)
    with pytest.raises(InputError, match="segment.*客户群"):
        churn.programme_panel(subs, "诚信问题", "学生")


def test_programme_panel_model_messages():
    p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.005}
    inputs = {("A", c): p for c in churn.CAUSES["name_zh"]}
    with pytest.raises(InputError, match="reduction.*1.5.*流失减少比例"):
        churn.programme_panel_model(inputs, "诚信问题", "A", 1.5)
    with pytest.raises(InputError, match="cost_per_sub_month.*每用户每月成本"):
        churn.programme_panel_model(inputs, "诚信问题", "A", 0.2, -1)
    with pytest.raises(InputError, match="segment.*客户群"):
        churn.programme_panel_model(inputs, "诚信问题", "B")
    r = churn.programme_panel_model(inputs, "integrity", "A", 0.2, 0.0, 0)
    assert r["cause"] == "诚信问题" and r["return"] is None


def test_plot_programme_draws_into_given_axes():
    from crmlab.plotting import new_figure
    p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.01}
    fig, ax = new_figure()
    assert churn.plot_programme(churn.retention_programme(p, "诚信问题"), ax=ax) is fig
    assert len(ax.lines) == 2 and ax.get_legend() is not None
    with pytest.raises(InputTypeError, match="ax"):
        churn.plot_programme(churn.retention_programme(p, "诚信问题"), ax="axes")


# ---------------------------------------------------------------- display (glossary)
def test_case_tables_have_chinese_headers(subs):
    """Every table the case shows goes through crmlab.display without an English header."""
    from crmlab import display
    clv = churn.segment_clv(subs)
    risk = churn.revenue_at_risk(subs)
    ranking = churn.best_cause_to_attack(subs)
    top = churn.retention_programme(subs, ranking.loc[0, "cause"], ranking.loc[0, "segment"])
    tables = [subs, clv, churn.complaint_claims(subs), ranking, risk,
              churn.survival_by_segment(subs)[1], churn.monthly_churn(subs, by="segment"),
              churn.complaint_effect(subs), churn.cohort_retention(subs),
              churn.segment_profile(subs), churn.cause_structure(churn.churn_by_cause(subs)),
              churn.loss_by_cause(risk), churn.ranking_table(ranking),
              churn.claims_table(churn.complaint_claims(subs)),
              churn.items_table(top, churn.PROGRAMME_COST_ITEMS),
              churn.items_table(churn.keep_or_replace(300), churn.KEEP_OR_REPLACE_ITEMS),
              churn.items_table(churn.winback_campaign(100, 0.1, 500, 10),
                                churn.WINBACK_ITEMS)]
    for t in tables:
        html = display.table(t, "churn").to_html()
        shown = display.relabel(t, "churn")
        assert display.english_headers(list(shown.columns) + list(shown.index.names)) == []
        assert "贴现" not in html and "毛利倍数" not in html
    assert display.label("margin_multiple", topic="churn") == "利润乘数（月）"
    assert display.label("monthly_discount", topic="churn") == "月折现率"


def test_no_old_display_code_left():
    assert not hasattr(churn, "label_zh") and not hasattr(churn, "COLUMN_LABELS")
    import inspect
    from crmlab.churn import model
    src = inspect.getsource(model)
    assert "matplotlib" not in src and "ipywidgets" not in src and "贴现" not in src


def test_items_table_shows_each_unit_once():
    """The unit sits in the row label (获客成本（元）), never again beside the number."""
    from crmlab import display
    t = churn.items_table(churn.keep_or_replace(300), churn.KEEP_OR_REPLACE_ITEMS)
    assert t.loc["replace_cost_per_lost", "amount"] == "3,000"
    assert t.loc["replace_over_keep", "amount"] == "50"
    html = display.table(t, "churn").to_html()
    assert "补上一位流失客户的成本（元）" in html and "获客成本是挽留成本的倍数（倍）" in html
    for unit in ("元", "倍", "人"):
        assert f" {unit}<" not in html and f"{unit}</td>" not in html
    w = churn.items_table(churn.winback_campaign(1000, 0.1, 800.0, 20.0), churn.WINBACK_ITEMS)
    assert w.loc["winback_rate", "amount"] == "10%" and w.loc["won_back", "amount"] == "100"
    nobody = churn.winback_campaign(100, 0.0, 500, 10)
    assert churn.items_table(nobody, ["cost_per_won_back"])["amount"].tolist() == ["—"]
    assert churn.items_table({"net_value": math.nan}, ["net_value"])["amount"].tolist() == ["—"]
    with pytest.raises(InputError, match="items"):
        churn.items_table(nobody, ["nothing"])
    with pytest.raises(InputTypeError, match="result"):
        churn.items_table([1], ["won_back"])
    with pytest.raises(InputTypeError, match="many.*数值"):
        churn.items_table({"net_value": "many"}, ["net_value"])


def test_table_builders_by_hand():
    t = churn.segment_profile(five().assign(subscriber_id=range(5),
                                            churned=[True, False, True, True, False]))
    assert t.loc["A", "subscribers"] == 3 and t.loc["A", "arpu"] == pytest.approx(80.0)
    assert t.loc["B", "churned_share"] == pytest.approx(0.5)
    cs = churn.cause_structure(churn.churn_by_cause(five(), end=4))
    assert cs.loc["竞争对手挖角", "A"] == pytest.approx(0.5)
    assert cs.loc["自然流失", "controllable"] == "否"
    assert list(cs.columns) == ["controllable", "A", "B", "全部"]
    rank = churn.ranking_table(churn.best_cause_to_attack(five(), end=4), top=3)
    assert len(rank) == 3 and list(rank.index) == [1, 2, 3]
    with pytest.raises(InputError, match="top"):
        churn.ranking_table(churn.best_cause_to_attack(five(), end=4), top=0)


# ---------------------------------------------------------------- issue 11 regressions
def test_survival_censors_churners_after_end():
    late = pd.DataFrame({"segment": ["A"] * 4, "join_month": [0] * 4,
                         "churn_month": [None, None, None, 2]})
    curves, medians = churn.survival_by_segment(late, start=0, end=1)
    assert curves.loc[curves["segment"] == "A", "survival"].tolist() == [1.0, 1.0]
    assert medians.set_index("segment").loc["A", "churners"] == 0


def test_survival_end_24_against_a_hand_kaplan_meier(subs):
    """end=24 on the subscriber data: 10,607 churners, median 35, = an independent KM."""
    curves, medians = churn.survival_by_segment(subs, end=24)
    med = medians.set_index("segment")
    assert med.loc["全部", "churners"] == 10607
    assert med.loc["全部", "median_lifetime_months"] == 35
    assert curves["tenure_months"].max() == 24 - subs["join_month"].min()
    # hand KM with left truncation, written without statsmodels: at each tenure t,
    # at risk = entered before t (entry < t) and duration >= t; events = leave at t
    join = subs["join_month"].to_numpy(float)
    left = subs["churn_month"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    use = (join < 24) & (np.isnan(left) | (left >= 1))
    event = ~np.isnan(left[use]) & (left[use] <= 24)
    dur = np.where(event, left[use], 24) - join[use]
    entry = np.maximum(0, 0 - join[use])
    s, hand = 1.0, [1.0]
    for t in range(1, int(dur.max()) + 1):
        n = np.sum((entry < t) & (dur >= t))
        d = np.sum(event & (dur == t))
        s *= 1 - d / n if n else 1.0
        hand.append(s)
    got = curves.loc[curves["segment"] == "全部", "survival"].to_numpy()
    np.testing.assert_allclose(got, hand, rtol=0, atol=1e-12)
    assert int(np.flatnonzero(np.array(hand) <= 0.5)[0]) == 35


def test_survival_segment_without_churners():
    subs = pd.DataFrame({"segment": ["A", "A", "B"], "join_month": [0, 0, 0],
                         "churn_month": [None, None, 2]})
    curves, medians = churn.survival_by_segment(subs, end=5)
    a = curves[curves["segment"] == "A"]
    assert (a["survival"] == 1).all() and (a["ci_lower"] == 1).all()
    assert math.isinf(medians.set_index("segment").loc["A", "median_lifetime_months"])


def test_survival_sample_counts_month_36(subs):
    s = churn.survival_sample(subs)
    assert s["joined_last_month"] == int((subs["join_month"] == 36).sum()) == 303
    assert s["used"] + s["joined_last_month"] + s["left_before_start"] == len(subs)
    _, medians = churn.survival_by_segment(subs)
    assert medians.set_index("segment").loc["全部", "subscribers"] == s["used"]
    assert s["churners"] == medians.set_index("segment").loc["全部", "churners"]


@pytest.mark.parametrize("month", [20240101, 20240101.0, -5000, 1201])
def test_dates_in_month_columns_are_refused_fast(month):
    import time
    subs = pd.DataFrame({"segment": ["A", "A"], "join_month": [0, month],
                         "churn_month": [None, None]})
    t0 = time.perf_counter()
    for func in (churn.monthly_churn, churn.survival_by_segment, churn.cohort_retention):
        with pytest.raises(InputError, match="join_month.*20240101.*月份序号"):
            func(subs)
    assert time.perf_counter() - t0 < 1.0
    bad_churn = pd.DataFrame({"join_month": [0], "churn_month": [20240101]})
    with pytest.raises(InputError, match="churn_month"):
        churn.monthly_churn(bad_churn)


def test_switches_accept_only_booleans(subs):
    for bad in ("no", 1, None, "False"):
        with pytest.raises(InputTypeError, match="as_counts"):
            churn.cohort_retention(five(), as_counts=bad)
        with pytest.raises(InputTypeError, match="include_uncontrollable"):
            churn.best_cause_to_attack(five(), include_uncontrollable=bad, end=4)
        with pytest.raises(InputTypeError, match="bands"):
            churn.plot_survival(churn.survival_by_segment(five(), end=4)[0], bands=bad)
    counts = churn.cohort_retention(five(), as_counts=np.True_)
    assert counts.loc[1, 0] == 1 and counts.loc[2, 0] == 1


def test_missing_segment_label_is_a_clear_error():
    subs = five().astype({"segment": object})
    subs.loc[1, "segment"] = None
    for func in (lambda s: churn.programme_inputs(s, "competitor", "A", end=4),
                 lambda s: churn.segment_clv(s, end=4),
                 lambda s: churn.best_cause_to_attack(s, end=4),
                 lambda s: churn.monthly_churn(s, by="segment"),
                 lambda s: churn.all_programme_inputs(s, end=4)):
        with pytest.raises(InputError, match="segment.*row 1.*每位用户都有的标签"):
            func(subs)
    with pytest.raises(InputError, match="segment.*客户群"):
        churn.programme_inputs(five(), "competitor", "C", end=4)


def test_huge_inputs_are_refused_not_inf():
    p = {"subscribers": 1e308, "margin": 1e308, "churn_rate": 0.02, "cause_rate": 0.01}
    with pytest.raises(InputError, match="subscribers, margin, cost_per_sub_month.*有限"):
        churn.retention_programme(p, "诚信问题", reduction=1.0)
    with pytest.raises(InputError, match="acquisition_cost.*有限"):
        churn.keep_or_replace(1e308)
    with pytest.raises(InputError, match="lost_customers.*有限"):
        churn.winback_campaign(1e308, 0.5, 1e308, 1.0)
    rich = five().assign(margin=[1e308] * 5, arpu=[1e308] * 5)
    with pytest.raises(InputError, match="margin.*有限"):
        churn.segment_clv(rich, end=4)
    with pytest.raises(InputError, match="margin.*有限"):
        churn.revenue_at_risk(rich, end=4)
    with pytest.raises(InputError, match="margin.*有限"):
        churn.best_cause_to_attack(rich, end=4)


@pytest.mark.parametrize("call, arg", [
    (lambda: churn.plot_churn_rate(pd.DataFrame({"month": [1], "churn_rate": ["x"]})), "monthly"),
    (lambda: churn.plot_churn_rate(pd.DataFrame({"month": [1], "churn_rate": [1.5]})), "monthly"),
    (lambda: churn.plot_churn_rate(pd.DataFrame({"month": [1], "churn_rate": [0.1]}),
                                   by=["segment"]), "by"),
    (lambda: churn.plot_churn_rate("table"), "monthly"),
    (lambda: churn.plot_churn_rate(pd.DataFrame({"month": [1], "churn_rate": [0.1]}),
                                   title=3), "title"),
    (lambda: churn.plot_survival(pd.DataFrame({"segment": ["A"], "tenure_months": [0],
                                               "survival": [np.inf], "ci_lower": [1],
                                               "ci_upper": [1]})), "curves"),
    (lambda: churn.plot_survival(pd.DataFrame({"segment": ["A"], "tenure_months": [0],
                                               "survival": [1.0]})), "curves"),
    (lambda: churn.plot_survival(pd.DataFrame({"segment": ["A"], "tenure_months": [0],
                                               "survival": [1.0]}), bands=False,
                                 medians=pd.DataFrame({"segment": ["A"]})), "medians"),
    (lambda: churn.plot_causes(pd.DataFrame({"segment": ["A"], "cause": ["c"],
                                             "share": [None]})), "by_cause"),
    (lambda: churn.plot_causes(pd.DataFrame({"segment": ["A", "A"], "cause": ["c", "c"],
                                             "share": [0.5, 0.5]})), "by_cause"),
    (lambda: churn.plot_programme({"monthly": pd.DataFrame({"month": [0]}), "segment": "A",
                                   "cause": "c"}), "result"),
    (lambda: churn.plot_programme({"monthly": pd.DataFrame({"month": [0], "without": [1],
                                                            "with": [1], "kept": [0]})}),
     "result"),
    (lambda: churn.plot_programme(None), "result"),
    (lambda: churn.plot_causes(churn.churn_by_cause(five()), source=5), "source"),
])
def test_plots_refuse_malformed_input(call, arg):
    import matplotlib.pyplot as plt
    with pytest.raises(CRMLabError, match=arg) as err:
        call()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))   # Chinese part too
    plt.close("all")


def test_survival_chart_draws_the_bands():
    curves, medians = churn.survival_by_segment(five(), end=4)
    fig = churn.plot_survival(curves, medians)
    ax = fig.axes[0]
    assert len(ax.collections) == curves["segment"].nunique()        # one band per curve
    assert "95%" in ax.get_legend().get_title().get_text()
    plain = churn.plot_survival(curves, bands=False)
    assert len(plain.axes[0].collections) == 0


def test_winback_campaign_by_hand():
    r = churn.winback_campaign(200, 0.25, 600.0, 30.0, 50.0)
    assert r["won_back"] == 50 and r["value"] == 30000
    assert r["cost"] == 200 * 30 + 50 * 50 and r["net_value"] == 30000 - 8500
    assert r["cost_per_won_back"] == pytest.approx(8500 / 50)
    assert r["breakeven_rate"] == pytest.approx(30 / 550)
    at = churn.winback_campaign(200, r["breakeven_rate"], 600.0, 30.0, 50.0)
    assert at["net_value"] == pytest.approx(0, abs=1e-9)             # break-even really is
    assert churn.winback_campaign(10, 0.5, 40.0, 1.0, 50.0)["breakeven_rate"] is None
    for kwargs, arg in [({"winback_rate": 1.5}, "winback_rate.*挽回率"),
                        ({"lost_customers": -1}, "lost_customers"),
                        ({"cost_per_contact": float("nan")}, "cost_per_contact")]:
        args = {"lost_customers": 10, "winback_rate": 0.1, "value_per_won_back": 100.0,
                "cost_per_contact": 1.0} | kwargs
        with pytest.raises(InputError, match=arg):
            churn.winback_campaign(**args)


def test_winback_inputs_match_revenue_at_risk(subs):
    risk = churn.revenue_at_risk(subs, 0.1)
    w = churn.winback_inputs(subs, 0.1, segment="高端", cause="竞争对手挖角")
    row = risk[(risk["segment"] == "高端") & (risk["cause"] == "竞争对手挖角")].iloc[0]
    assert w["lost_per_month"] == pytest.approx(row["churners_per_month"])
    assert w["value_per_won_back"] == pytest.approx(row["clv_lost"] / row["churners"])
    whole = churn.winback_inputs(subs, 0.1)
    rows = risk[risk["segment"] == "全部"]
    assert whole["value_per_won_back"] == pytest.approx(rows["clv_lost"].sum()
                                                         / rows["churners"].sum())
    with pytest.raises(InputError, match="segment.*客户群"):
        churn.winback_inputs(subs, segment="学生")
    none_left = five().assign(churn_month=[None] * 5)
    with pytest.raises(InputError, match="subs.*挽回"):
        churn.winback_inputs(none_left, 0.1, end=4)


def test_programme_in_segment_refuses_incomplete_inputs():
    p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.005}
    inputs = {("A", c): p for c in churn.CAUSES["name_zh"][:3]}
    with pytest.raises(InputError, match="inputs.*A"):
        churn.programme_in_segment(inputs, "诚信问题", "A")
    with pytest.raises(InputTypeError, match="inputs"):
        churn.programme_in_segment([1], "诚信问题", "A")


# ---------------------------------------------------------------- properties (hypothesis)
from hypothesis import given, settings, strategies as st   # noqa: E402


@st.composite
def subscriber_frames(draw):
    """Small random subscriber tables: joins in -5..10, some churn later, window end in 1..12."""
    n = draw(st.integers(1, 25))
    join = draw(st.lists(st.integers(-5, 10), min_size=n, max_size=n))
    gaps = draw(st.lists(st.one_of(st.none(), st.integers(1, 15)), min_size=n, max_size=n))
    seg = draw(st.lists(st.sampled_from(["A", "B"]), min_size=n, max_size=n))
    end = draw(st.integers(max(1, min(join) + 1), 12))
    churn_month = [None if g is None else j + g for j, g in zip(join, gaps)]
    return pd.DataFrame({"segment": seg, "join_month": join, "churn_month": churn_month}), end


def _hand_km(join, left, start, end):
    """Product-limit estimate by a plain loop over tenures (left truncation, censoring at end)."""
    use = (join < end) & (np.isnan(left) | (left >= start))
    event = ~np.isnan(left[use]) & (left[use] <= end)
    dur = np.where(event, left[use], end) - join[use]
    entry = np.maximum(0, (start - 1) - join[use])
    s, out = 1.0, [1.0]
    for t in range(1, int(dur.max()) + 1):
        n = np.sum((entry < t) & (dur >= t))
        d = np.sum(event & (dur == t))
        s *= 1 - d / n if n else 1.0
        out.append(s)
    return np.array(out)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(subscriber_frames())
def test_property_kaplan_meier_is_a_censored_product_limit(case):
    frame, end = case
    join = frame["join_month"].to_numpy(float)
    left = frame["churn_month"].to_numpy(dtype=float, na_value=np.nan)
    if not ((join < end) & (np.isnan(left) | (left >= 1))).any():
        with pytest.raises(InputError, match="subs"):
            churn.survival_by_segment(frame, end=end)
        return
    curves, medians = churn.survival_by_segment(frame, end=end)
    whole = curves[curves["segment"] == "全部"]
    s = whole["survival"].to_numpy()
    assert ((0 <= s) & (s <= 1)).all() and (np.diff(s) <= 1e-15).all()
    assert (whole["ci_lower"] <= s + 1e-12).all() and (s <= whole["ci_upper"] + 1e-12).all()
    assert whole["tenure_months"].max() <= end - join.min()            # stops at end
    np.testing.assert_allclose(s, _hand_km(join, left, 1, end), rtol=0, atol=1e-12)
    left_in = int((~np.isnan(left) & (left >= 1) & (left <= end) & (join < end)).sum())
    assert medians.set_index("segment").loc["全部", "churners"] == left_in   # later = censored


@settings(max_examples=60, deadline=None, derandomize=True)
@given(subscriber_frames())
def test_property_monthly_churn_equals_a_plain_count(case):
    frame, end = case
    got = churn.monthly_churn(frame, end=end)
    join = frame["join_month"].to_numpy(float)
    left = frame["churn_month"].to_numpy(dtype=float, na_value=np.nan)
    for row in got.itertuples():
        t = row.month
        active = int(np.sum((join < t) & (np.isnan(left) | (left >= t))))
        gone = int(np.sum(left == t))
        assert (row.active_start, row.churned) == (active, gone)
        if active:
            assert row.churn_rate == pytest.approx(gone / active)
        else:
            assert math.isnan(row.churn_rate)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1e4), st.floats(0, 1e4), st.floats(0, 500))
def test_property_winback_net_value_sign_follows_the_breakeven_rate(L_share, w, V, c, g):
    r = churn.winback_campaign(1000 * L_share, w, V, c, g)
    assert r["net_value"] == pytest.approx(r["value"] - r["cost"])
    if r["breakeven_rate"] is not None and r["lost_customers"] > 0:
        if w > r["breakeven_rate"] * (1 + 1e-9):
            assert r["net_value"] > -1e-6
        elif w < r["breakeven_rate"] * (1 - 1e-9):
            assert r["net_value"] < 1e-6


def test_winback_by_segment_matches_one_segment_at_a_time(subs):
    t = churn.winback_by_segment(subs, 0.1, 30.0, 50.0, 0.1)
    assert list(t.index) == ["高端", "大众", "青年", "商务", "全部"]
    for seg in t.index:
        w = churn.winback_inputs(subs, 0.1, segment=seg)
        r = churn.winback_campaign(w["lost_per_month"], 0.1, w["value_per_won_back"], 30.0, 50.0)
        assert t.loc[seg, "net_value"] == pytest.approx(r["net_value"])
        assert t.loc[seg, "breakeven_rate"] == pytest.approx(r["breakeven_rate"])
    # the claim the notebook makes: valuable segments break even at lower rates
    assert t.loc["高端", "breakeven_rate"] < t.loc["青年", "breakeven_rate"]
    assert t.loc["商务", "breakeven_rate"] < t.loc["青年", "breakeven_rate"]
    quiet = five().assign(churn_month=[None, None, None, 3, None])      # only B lost someone
    q = churn.winback_by_segment(quiet, 0.1, 1.0, end=4)
    assert list(q.index) == ["B", "全部"]
    with pytest.raises(InputError, match="winback_rate"):
        churn.winback_by_segment(subs, 2.0, 1.0)


def test_column_arguments_and_choices_refuse_lists_and_tables(subs):
    for call, arg in [(lambda: churn.monthly_churn(five(), join_col=["join_month"]), "join_col"),
                      (lambda: churn.segment_clv(five(), margin_col=["margin"], end=4), "margin_col"),
                      (lambda: churn.monthly_churn(five(), by=["segment"]), "by"),
                      (lambda: churn.programme_inputs(five(), pd.DataFrame(), end=4), "cause"),
                      (lambda: churn.winback_inputs(subs, segment=["高端"]), "segment"),
                      (lambda: churn.plot_causes(churn.churn_by_cause(five()), value=[1]), "value")]:
        with pytest.raises(InputTypeError, match=arg):
            call()


def test_window_ends_are_bounded_like_months():
    for kwargs in ({"end": 1e308}, {"start": -10**6}, {"end": 1201}):
        with pytest.raises(InputError, match="(end|start).*1200"):
            churn.monthly_churn(five(), **kwargs)
        with pytest.raises(InputError, match="(end|start).*1200"):
            churn.survival_by_segment(five(), **kwargs)


# --------------------------------------------------------------------------- fuzz regressions
# Findings of the independent fuzzer (/tmp/fuzz/REPROS_final.py R8b, R12b–R19b, R29, R37) and
# of the property suite: each bad input raises a clear error naming the argument.

def _is_bilingual(err) -> bool:
    return re.search("[\u4e00-\u9fff]", str(err.value)) is not None


@pytest.mark.parametrize("bad, kind, shown", [
    (pd.to_timedelta([1, 1, 1, 1, 1], unit="D"), InputTypeError, "timedelta"),
    ([True, False, True, True, False], InputTypeError, "bool"),
    (["50", "40", "30", "20", "10"], InputTypeError, "str"),
    (np.array([50 + 3j] * 5), InputTypeError, "complex"),
    (pd.Series([50, 40, 30, 20, 10**400], dtype=object), InputError, "digits"),
    ([50.0, 40.0, np.inf, 20.0, 10.0], InputError, "inf"),
])
def test_fuzz_money_columns_must_be_real_numbers(bad, kind, shown):
    """R15–R15d: a duration, a bool, text, a complex or a huge int is no amount of money."""
    for col in ("margin", "arpu"):
        data = five().assign(**{col: bad})
        calls = [lambda: churn.revenue_at_risk(data, end=4),
                 lambda: churn.segment_profile(data.assign(subscriber_id=range(5),
                                                           churned=[True] * 5),
                                               arpu_col="arpu", margin_col="margin")]
        if col == "margin":
            calls += [lambda: churn.segment_clv(data, end=4),
                      lambda: churn.programme_inputs(data, "诚信问题", end=4),
                      lambda: churn.all_programme_inputs(data, end=4),
                      lambda: churn.best_cause_to_attack(data, end=4)]
        for call in calls:
            with pytest.raises(kind, match=f"{col}.*{shown}") as err:
                call()
            assert _is_bilingual(err)
    # object columns holding plain numbers are still read
    ok = five().assign(margin=pd.Series([50, 40.0, 30, 20, 10], dtype=object))
    assert churn.segment_clv(ok, end=4)["clv"].tolist() == churn.segment_clv(five(), end=4)["clv"].tolist()


def test_fuzz_segment_profile_does_not_overflow_on_finite_amounts():
    """R16: three ARPUs of 1e308 average to 1e308, not inf (sums of scaled values)."""
    prof = pd.DataFrame({"segment": ["A"] * 3, "subscriber_id": ["s1", "s2", "s3"],
                         "arpu": [1e308] * 3, "margin": [1.7e308, 1.7e308, -1e300],
                         "churned": [True, False, False]})
    row = churn.segment_profile(prof).loc["A"]
    assert row["arpu"] == 1e308
    assert row["margin"] == pytest.approx(1.7e308 / 3 * 2 - 1e300 / 3, rel=1e-12)
    small = churn.segment_profile(prof.assign(arpu=[100.0, 50.0, 0.3], margin=[0.1, 0.2, 0.3]))
    # scaling by a power of two is exact: the same means as pandas' unscaled ones
    for col, values in (("arpu", [100.0, 50.0, 0.3]), ("margin", [0.1, 0.2, 0.3])):
        assert small.loc["A", col] == pd.Series(values).groupby([0, 0, 0]).mean().iloc[0]


def test_fuzz_a_segment_named_all_is_refused():
    """R17, R17b: a data segment called 全部 would be confused with the whole base."""
    data = five().assign(segment=["全部", "全部", "全部", "B", "B"])
    calls = [lambda: churn.segment_clv(data, end=4),
             lambda: churn.survival_by_segment(data, end=4),
             lambda: churn.churn_by_cause(data, end=4),
             lambda: churn.revenue_at_risk(data, end=4),
             lambda: churn.best_cause_to_attack(data, end=4),
             lambda: churn.all_programme_inputs(data, end=4),
             lambda: churn.programme_inputs(data, "诚信问题", "全部", end=4),
             lambda: churn.retention_programme(data, "诚信问题", end=4),
             lambda: churn.winback_inputs(data, end=4)]
    for call in calls:
        with pytest.raises(InputError, match="segment.*'全部'.*row 0") as err:
            call()
        assert _is_bilingual(err)
    # as a plain grouping column (no 全部 row added) it is an ordinary label
    t = churn.monthly_churn(data, by="segment", end=4)
    assert set(t["segment"]) == {"全部", "B"}


def test_fuzz_huge_whole_numbers_in_month_and_number_columns():
    """R13, R29: 10**400 in a month column or a chart's number column is a clear error."""
    huge = {"join_month": [0, 0, 1, 0, 10**400], "churn_month": [2, None, 4, 3, 10**400],
            "last_complaint_month": [None, 1, 2, None, 10**400]}
    for col, values in huge.items():
        data = five().assign(**{col: pd.Series(values, dtype=object)})
        calls = [lambda: churn.complaint_effect(data, end=4)]
        if col != "last_complaint_month":
            calls += [lambda: churn.monthly_churn(data, end=4),
                      lambda: churn.survival_by_segment(data, end=4),
                      lambda: churn.cohort_retention(data, end=4),
                      lambda: churn.segment_clv(data, end=4)]
        for call in calls:
            with pytest.raises(InputError, match=f"{col}.*-1200 and 1200.*401 digits"):
                call()
    monthly = pd.DataFrame({"month": pd.Series([1, 10**400], dtype=object),
                            "churn_rate": [0.1, 0.1]})
    with pytest.raises(InputError, match=r"monthly\['month'\].*401 digits"):
        churn.plot_churn_rate(monthly)
    curves, medians = churn.survival_by_segment(five(), end=4)
    with pytest.raises(InputError, match="curves.*tenure_months.*digits"):
        churn.plot_survival(curves.assign(tenure_months=curves["tenure_months"].astype(object)
                                          .where(curves.index > 0, 10**400)))
    with pytest.raises(InputError, match="medians.*median_lifetime_months.*digits"):
        churn.plot_survival(curves, medians.assign(
            median_lifetime_months=pd.Series([10**400] * len(medians), dtype=object)))
    by_cause = churn.churn_by_cause(five(), end=4)
    with pytest.raises(InputError, match="by_cause.*churners.*digits"):
        churn.plot_causes(by_cause.assign(churners=pd.Series([10**400] * len(by_cause),
                                                             dtype=object)), value="churners")


def test_fuzz_lists_in_cause_and_segment_columns():
    """R14 and the property suite: a list or dict in a label column is one wrong value."""
    listed = five().assign(churn_cause=pd.Series(
        [["竞争对手挖角"], None, "诚信问题", {"a": 1}, None], dtype=object))
    for call in (lambda: churn.churn_by_cause(listed, end=4),
                 lambda: churn.revenue_at_risk(listed, end=4),
                 lambda: churn.winback_inputs(listed, end=4),
                 lambda: churn.winback_by_segment(listed, 0.1, 1.0, end=4),
                 lambda: churn.all_programme_inputs(listed, end=4)):
        with pytest.raises(InputTypeError, match="churn_cause.*list") as err:
            call()
        assert _is_bilingual(err)
    seg = five().assign(segment=pd.Series([["A"], "A", "A", "B", "B"], dtype=object))
    prof = seg.assign(subscriber_id=range(5), churned=[True] * 5)
    for call in (lambda: churn.survival_by_segment(seg, end=4),
                 lambda: churn.segment_profile(prof),
                 lambda: churn.segment_clv(seg, end=4),
                 lambda: churn.churn_by_cause(seg, end=4),
                 lambda: churn.monthly_churn(seg, by="segment", end=4)):
        with pytest.raises(InputTypeError, match=r"segment.*list \['A'\] in row 0"):
            call()
    status = five().assign(complaint_status=pd.Series([["无投诉"], "已解决", "未解决", "无投诉",
                                                       "已解决"], dtype=object))
    with pytest.raises(InputTypeError, match="complaint_status.*list"):
        churn.complaint_effect(status, end=4)


def test_fuzz_unknown_column_keywords_are_listed(subs):
    """R12b–d: a misspelt **columns keyword names itself and the accepted keywords."""
    small = subs.head(500)
    calls = [(lambda: churn.retention_programme(small, "店大欺客", bogus_col="x"), "bogus_col",
              "segment_col"),
             (lambda: churn.winback_inputs(small, bogus=1), "bogus", "arpu_col"),
             (lambda: churn.winback_by_segment(small, 0.1, 1.0, bogus=1), "bogus", "arpu_col"),
             (lambda: churn.complaint_claims(small, bogus=1), "bogus", "status_col"),
             (lambda: churn.all_programme_inputs(small, bogus=1), "bogus", "recent_months")]
    for call, arg, listed in calls:
        with pytest.raises(InputTypeError, match=f"{arg} must be one of the options .*{listed}") \
                as err:
            call()
        assert _is_bilingual(err)
    # column options mean nothing beside a mapping of measured inputs
    p = {"subscribers": 1000, "margin": 50.0, "churn_rate": 0.02, "cause_rate": 0.005}
    with pytest.raises(InputTypeError, match="segment_col.*mapping"):
        churn.retention_programme(p, "店大欺客", segment_col="segment")
    # the keywords that are passed on still work
    assert churn.winback_inputs(five(), 0.0, end=4, recent_months=3)["segment"] == "全部"


def test_fuzz_items_table_refuses_a_list_as_a_key():
    """R18: items_table(r, [["won_back"]]) names items, not a raw unhashable error."""
    r = churn.winback_campaign(1000, 0.1, 800.0, 20.0)
    with pytest.raises(InputTypeError, match=r"items.*list \['won_back'\]"):
        churn.items_table(r, [["won_back"]])


def test_fuzz_overflow_messages_name_the_culprit():
    """R19, R19b: a tiny denominator is blamed as too small, a ratio as too large."""
    with pytest.raises(InputError, match=r"^value_per_won_back, incentive_per_won_back must be "
                                         r".*large enough.*got 1e-310") as err:
        churn.winback_campaign(10, 0.1, 1e-310, 1.0)
    assert "small enough" not in str(err.value)
    with pytest.raises(InputError, match=r"^lost_customers, winback_rate .*large enough"):
        churn.winback_campaign(1e-300, 1e-10, 800.0, 1e300)
    with pytest.raises(InputError, match=r"^lost_customers, value_per_won_back.*small enough"):
        churn.winback_campaign(1e300, 1.0, 1e300, 1.0)
    with pytest.raises(InputError, match=r"^cost_ratio, new_per_lost must be small enough.*1e\+308"):
        churn.keep_or_replace(500, cost_ratio=1e308)
    with pytest.raises(InputError, match=r"^cost_ratio must be a ratio large enough"):
        churn.keep_or_replace(500, cost_ratio=1e-320)
    with pytest.raises(InputError, match=r"^retention_cost must be 0 or large enough"):
        churn.keep_or_replace(500, retention_cost=1e-310)
    with pytest.raises(InputError, match=r"^acquisition_cost, new_per_lost, lost_customers must be "
                                         r"small enough"):
        churn.keep_or_replace(1e300, new_per_lost=1e10)
    assert churn.keep_or_replace(500)["replace_over_keep"] == 50.0


def test_fuzz_complaint_labels_must_differ():
    """R37: one label cannot mean two statuses; the message names both arguments."""
    data = five()
    for kwargs, args in [({"resolved": "无投诉"}, "no_complaint, resolved"),
                         ({"unresolved": "已解决"}, "resolved, unresolved"),
                         ({"no_complaint": "未解决"}, "no_complaint, unresolved")]:
        with pytest.raises(InputError, match=f"^{args} must be a different label") as err:
            churn.complaint_effect(data, end=4, **kwargs)
        assert _is_bilingual(err)
        with pytest.raises(InputError, match=f"^{args} must be a different label"):
            churn.complaint_claims(data, end=4, **kwargs)
    with pytest.raises(InputTypeError, match="resolved must be a label"):
        churn.complaint_effect(data, end=4, resolved=["已解决"])


def test_fuzz_multiindex_columns_are_refused():
    """R8b: two-level column names are refused before any column is read."""
    mi = pd.DataFrame([[0, 2.0]], columns=pd.MultiIndex.from_tuples([("join_month", ""),
                                                                    ("churn_month", "")]))
    for call, name in [(lambda: churn.monthly_churn(mi), "subs"),
                       (lambda: churn.survival_sample(mi), "subs"),
                       (lambda: churn.retention_programme(mi, "店大欺客"), "subs_or_params"),
                       (lambda: churn.plot_churn_rate(mi), "monthly"),
                       (lambda: churn.cause_structure(mi), "by_cause")]:
        with pytest.raises(InputError, match=f"^{re.escape(name)} must be a DataFrame with one "
                                             "level of column names"):
            call()


def test_fuzz_retention_programme_names_subs_or_params():
    """Property suite: the empty frame is refused as subs_or_params, the argument's name."""
    with pytest.raises(InputError, match="^subs_or_params must be a DataFrame with at least one row"):
        churn.retention_programme(five().iloc[:0], "店大欺客")


@pytest.mark.parametrize("bad, shown", [
    ([False, False, True, False, True], "bool"),
    (np.array([0, 0, 1, 0, 2]) + 0j, "complex"),
    (["0", "0", "1", "0", "2"], "str"),
    (pd.to_timedelta([0, 0, 1, 0, 2], unit="D"), "timedelta"),
])
def test_fuzz_month_and_chart_columns_must_be_real_numbers(bad, shown):
    """Like the money columns (R15): no month read from booleans, text, complex or durations."""
    with pytest.raises(InputTypeError, match=f"join_month must be whole month numbers.*{shown}"):
        churn.monthly_churn(five().assign(join_month=bad), end=4)
    ok = [pd.array([0, 0, 1, 0, 2], dtype="Int64"), pd.Series([0, 0, 1, 0, 2], dtype=object)]
    for months in ok:
        assert churn.monthly_churn(five().assign(join_month=months), end=4).equals(
            churn.monthly_churn(five(), end=4))
    m = churn.monthly_churn(five(), end=4)
    with pytest.raises(InputTypeError, match=rf"monthly\['month'\].*{shown}"):
        churn.plot_churn_rate(m.assign(month=list(bad[:len(m)])
                                       if isinstance(bad, list) else bad[:len(m)]))


def test_fuzz_labels_that_clash_as_text_are_refused():
    """A segment 1 and a segment '1' would be counted as one group (1 and 1.0 as two)."""
    for seg in ([1, "1", 2, 2, 2], [1, 1.0, 2.5, 2.5, 2.5]):
        data = five().assign(segment=pd.Series(seg, dtype=object))
        for call in (lambda: churn.survival_by_segment(data, end=4),
                     lambda: churn.segment_clv(data, end=4),
                     lambda: churn.monthly_churn(data, by="segment", end=4)):
            with pytest.raises(InputTypeError, match="segment.*mixed labels.*clash as text"):
                call()
    # labels of mixed kinds that stay distinct as text are fine
    data = five().assign(segment=pd.Series([1, 1, "a", "a", "a"], dtype=object))
    assert churn.segment_clv(data, end=4)["segment"].tolist() == ["1", "a", "全部"]


def test_fuzz_winback_by_segment_without_churners_and_plot_by_column_zero():
    """Found by a follow-up fuzz: no churner at all is a clear error, not a raw KeyError;
    ``by=0`` (a column named 0) is checked like any column name."""
    quiet = five().assign(churn_month=[None] * 5)
    with pytest.raises(InputError, match="subs.*no churner in any segment"):
        churn.winback_by_segment(quiet, 0.1, 1.0, end=4)
    m = churn.monthly_churn(five(), end=4)
    with pytest.raises(InputError, match="monthly.*missing 0"):
        churn.plot_churn_rate(m, by=0)
    fig = churn.plot_churn_rate(m.assign(**{"0": "A"}).rename(columns={"0": 0}), by=0)
    assert isinstance(fig, Figure) and fig.axes[0].get_legend() is not None
