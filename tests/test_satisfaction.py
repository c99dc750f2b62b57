"""Tests of crmlab.satisfaction (customer satisfaction and loyalty, Chapter 7)."""
import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy.stats import norm

from crmlab import datasets, display, textbook
from crmlab import satisfaction as S
from crmlab.simulate import carcare_survey
from crmlab.validation import InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")

A = S.ATTRIBUTES


@pytest.fixture(scope="module")
def survey():
    return datasets.load_carcare_survey()


def block(survey, prefix):
    return survey[[f"{prefix}_{a}" for a in A]].set_axis(list(A), axis=1)


# --------------------------------------------------------------------------- Likert
def test_likert_summary_hand_worked():
    # q: 1, 2, 4, 5, 5 → mean 17/5 = 3.4; sd² = ((2.4)²+(1.4)²+(.6)²+2(1.6)²)/4 = 13.2/4
    s = S.likert_summary(pd.DataFrame({"q": [1, 2, 4, 5, 5], "r": [3, 3, 3, 3, 3]}))
    assert s.loc["q", "n"] == 5
    assert s.loc["q", "mean"] == pytest.approx(3.4)
    assert s.loc["q", "sd"] == pytest.approx(math.sqrt(13.2 / 4))
    assert s.loc["q", ["share_1", "share_2", "share_3", "share_4", "share_5"]].tolist() == \
        pytest.approx([0.2, 0.2, 0.0, 0.2, 0.4])
    assert (s.loc["q", "top2"], s.loc["q", "bottom2"]) == (pytest.approx(0.6), pytest.approx(0.4))
    assert s.loc["r", "sd"] == 0 and s.loc["r", "top2"] == 0


def test_likert_summary_other_scales_and_shares_add_to_one(survey):
    s = S.likert_summary(pd.DataFrame({"q": [1, 7, 7, 6]}), scale=7)
    assert s.loc["q", "top2"] == pytest.approx(0.75)
    full = S.likert_summary(block(survey, "perf"))
    shares = full[[f"share_{k}" for k in range(1, 6)]].sum(axis=1)
    assert np.allclose(shares, 1)
    assert np.allclose(full["mean"], block(survey, "perf").mean())


@pytest.mark.parametrize("bad, name", [
    (pd.DataFrame({"q": [1, 6]}), "responses['q']"),
    (pd.DataFrame({"q": [1.5, 2]}), "responses['q']"),
    (pd.DataFrame({"q": [1, np.nan]}), "responses['q']"),
    (pd.DataFrame({"q": ["a", "b"]}), "responses"),
    ([1, 2, 3], "responses"),
])
def test_likert_summary_refuses_bad_ratings(bad, name):
    with pytest.raises((InputError, InputTypeError)) as e:
        S.likert_summary(bad)
    assert_bilingual(e, name)


# --------------------------------------------------------------------------- gaps
def test_gap_scores_are_perceived_minus_expected():
    e = pd.DataFrame({"a": [4, 3, 5], "b": [2, 2, 2]})
    p = pd.DataFrame({"a": [3, 3, 5], "b": [4, 1, 2]})
    g = S.gap_scores(e, p)
    assert g["a"].tolist() == [-1, 0, 0] and g["b"].tolist() == [2, -1, 0]
    summary = S.gap_summary(g)
    assert summary.index.tolist() == ["a", "b"]          # a: mean −1/3, b: +1/3
    assert summary.loc["b", ["share_below", "share_met", "share_above"]].tolist() == \
        pytest.approx([1 / 3, 1 / 3, 1 / 3])


def test_gap_scores_refuse_mismatched_tables():
    with pytest.raises(InputError) as e:
        S.gap_scores(pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"b": [1, 2]}))
    assert_bilingual(e, "perceived")


def test_survey_gaps_place_waiting_worst_and_environment_above(survey):
    summary = S.gap_summary(S.gap_scores(block(survey, "exp"), block(survey, "perf")))
    assert summary.index[0] == "waiting" and summary.index[-1] == "environment"
    assert summary.loc["environment", "mean_gap"] > 0 > summary.loc["waiting", "mean_gap"]


# --------------------------------------------------------------------------- index and IPA
def test_satisfaction_index_hand_worked_and_bounds():
    # a: 5 → 100, b: 3 → 50; weights 3/4, 1/4 → 87.5; equal weights → 75
    perf = pd.Series({"a": 5.0, "b": 3.0})
    assert S.satisfaction_index(perf, pd.Series({"a": 3.0, "b": 1.0})) == pytest.approx(87.5)
    assert S.satisfaction_index(perf) == pytest.approx(75.0)
    assert S.satisfaction_index(pd.Series({"a": 1.0, "b": 1.0})) == 0
    assert S.satisfaction_index(pd.Series({"a": 7.0}), scale=7) == 100


def test_satisfaction_index_of_ratings_equals_index_of_means(survey):
    perf, imp = block(survey, "perf"), block(survey, "imp")
    assert S.satisfaction_index(perf, imp) == pytest.approx(S.satisfaction_index(perf.mean(), imp.mean()))


def test_ipa_quadrants_follow_martilla_and_james():
    imp = pd.Series({"a": 4.5, "b": 4.5, "c": 2.0, "d": 2.0})
    perf = pd.Series({"a": 2.0, "b": 4.0, "c": 2.0, "d": 4.0})
    t = S.ipa(imp, perf)
    assert t["quadrant"].tolist() == ["concentrate_here", "keep_up", "low_priority", "possible_overkill"]
    assert t.attrs["crosshair"] == (3.25, 3.0)
    # a fixed crosshair above every attribute puts all of them low on both axes
    assert set(S.ipa(imp, perf, crosshair=(5, 5))["quadrant"]) == {"low_priority"}
    # on the line counts as high
    assert S.ipa(imp, perf, crosshair=(4.5, 4.0)).loc["b", "quadrant"] == "keep_up"


def test_ipa_mean_and_median_crosshairs_differ_on_the_survey(survey):
    imp, perf = block(survey, "imp"), block(survey, "perf")
    by_mean, by_median = S.ipa(imp, perf, "mean"), S.ipa(imp, perf, "median")
    assert by_mean.loc[["waiting", "price", "explanation"], "quadrant"].eq("concentrate_here").all()
    assert set(by_mean["quadrant"]) == set(S.QUADRANTS)
    assert by_median.loc["booking", "quadrant"] != by_mean.loc["booking", "quadrant"]


def test_ipa_refuses_a_bad_crosshair():
    imp = pd.Series({"a": 4.0, "b": 2.0})
    with pytest.raises((InputError, InputTypeError)) as e:
        S.ipa(imp, imp, crosshair="mode")
    assert_bilingual(e, "crosshair")
    with pytest.raises(InputError) as e:
        S.ipa(imp, imp, crosshair=(float("nan"), 3))
    assert_bilingual(e, "crosshair[0]")


def test_ipa_whatif_moves_the_attribute_and_the_index():
    imp = pd.Series({"a": 4.5, "b": 4.5, "c": 2.0, "d": 2.0})
    perf = pd.Series({"a": 2.0, "b": 4.0, "c": 2.0, "d": 4.0})
    r = S.ipa_whatif(imp, perf, "a", 2.0)
    # a: 2 → 4 adds 2 points = 50 on 0–100, weight 4.5/13 → +17.31
    assert r["index_change"] == pytest.approx(50 * 4.5 / 13)
    assert (r["quadrant_before"], r["quadrant_after"]) == ("concentrate_here", "keep_up")
    assert S.ipa_whatif(imp, perf, "a", 0.0)["index_change"] == 0
    capped = S.ipa_whatif(imp, perf, "b", 4.0)               # 4 + 4 is capped at 5
    assert capped["table"].loc["b", "performance"] == 5


# --------------------------------------------------------------------------- problems and indicators
def test_problem_analysis_is_a_pareto_list(survey):
    t = S.problem_analysis(survey)
    assert t["n"].is_monotonic_decreasing and t["cumulative_share"].iloc[-1] == pytest.approx(1)
    assert t["n"].sum() == (survey["problem_area"] != "none").sum()
    assert t.index[0] == "waiting"


def test_indicators_hand_worked_and_on_the_survey(survey):
    s = pd.DataFrame({"praised": [1, 0, 0, 1], "asked_by_name": [1, 1, 1, 0],
                      "repurchase": [0, 1, 0, 0], "complained": [0, 0, 1, 0]})
    assert S.satisfaction_indicators(s, 120.0, 100.0).tolist() == pytest.approx([0.5, 0.75, 0.25, 0.25, 0.2])
    ind = S.satisfaction_indicators(survey, 1.0, 1.0)
    assert ind["return_rate"] == pytest.approx(survey["repurchase"].mean())
    assert ind["complaint_rate"] == pytest.approx(survey["complained"].mean())
    with pytest.raises(InputError) as e:
        S.satisfaction_indicators(s, 100.0, 0.0)
    assert_bilingual(e, "sales_before")


# --------------------------------------------------------------------------- hidden dissatisfaction
def test_hidden_dissatisfaction_from_the_two_seed_figures():
    seventy = textbook.value("ch7_hidden_dissatisfaction_share")
    ninety_six = textbook.value("ch1_unhappy_never_complain")
    a = S.hidden_dissatisfaction(60, 1 - seventy)
    b = S.hidden_dissatisfaction(60, 1 - ninety_six)
    assert a["dissatisfied"] == pytest.approx(200) and a["hidden"] == pytest.approx(140)
    assert b["dissatisfied"] == pytest.approx(1500) and b["hidden_share"] == pytest.approx(0.96)
    with pytest.raises(InputError) as e:
        S.hidden_dissatisfaction(60, 0.0)
    assert_bilingual(e, "visible_share")


def test_survey_is_calibrated_to_seventy_percent_hidden(survey):
    counts = S.dissatisfaction_counts(survey)
    assert counts["dissatisfied"] == 150
    assert counts["hidden_share"] == pytest.approx(textbook.value("ch7_hidden_dissatisfaction_share"))
    assert textbook.calibrated(counts["hidden_share"], "ch7_hidden_dissatisfaction_share")


def test_complaint_outcomes_hand_worked():
    # 150 dissatisfied, 30% complain → 105 silent, 45 complain; 60% resolved → 18 unresolved,
    # 27 resolved, half fast: 13.5 + 13.5.  Kept = 105·.2 + 18·.11 + 13.5·.75 + 13.5·.95 = 45.93
    r = S.complaint_outcomes(150, 0.3, 0.6, 0.5, annual_margin=600, retention=0.8, discount_rate=0.1)
    assert (r["silent"], r["unresolved"], r["resolved_slow"], r["resolved_fast"]) == \
        pytest.approx((105, 18, 13.5, 13.5))
    assert r["kept"] == pytest.approx(45.93) and r["lost"] == pytest.approx(104.07)
    from crmlab import value
    assert r["clv"] == pytest.approx(value.clv(600, 0.8, 0.1))
    assert r["value_kept"] == pytest.approx(45.93 * r["clv"])
    # good word of mouth only from resolved complainants who stay (13.5·.75 + 13.5·.95 = 22.95);
    # a resolved complainant who leaves is among the lost, never counted twice
    assert r["told_good_total"] == pytest.approx(8 * 22.95)
    assert r["net_word_of_mouth"] == pytest.approx(8 * 22.95 - 22 * 104.07)


def test_stay_rates_of_complainants_are_the_seed_figures():
    # [000]: 89% leave when the problem is not solved, 75% won back, 95% stay after fast handling
    assert S.STAY_RATES["unresolved"] == pytest.approx(1 - textbook.value("ch2_unsolved_problem_drives_away"))
    assert S.STAY_RATES["resolved_slow"] == textbook.value("ch2_complaint_win_back")
    assert S.STAY_RATES["resolved_fast"] == textbook.value("ch2_fast_handling_keeps")


def test_net_word_of_mouth_turns_positive_only_when_most_complain():
    # everyone resolved fast: net = 8·150c·.95 − 22·(150(1−c)·.8 + 150c·.05), zero at c = 17.6/24.1
    net = {c: S.complaint_outcomes(150, c, 1.0, 1.0)["net_word_of_mouth"] for c in (0.3, 0.7, 0.75)}
    assert net[0.3] < 0 and net[0.7] < 0 < net[0.75]
    assert S.complaint_outcomes(150, 17.6 / 24.1, 1.0, 1.0)["net_word_of_mouth"] == pytest.approx(0, abs=1e-9)


def test_complaint_outcomes_more_resolution_keeps_more():
    kept = [S.complaint_outcomes(150, 0.3, r)["kept"] for r in (0.0, 0.5, 1.0)]
    assert kept[0] < kept[1] < kept[2]
    faster = [S.complaint_outcomes(150, 0.3, 1.0, f)["kept"] for f in (0.0, 1.0)]
    assert faster[0] < faster[1]
    with pytest.raises(InputError) as e:
        S.complaint_outcomes(150, stay_rates={"silent": 1.5})
    assert_bilingual(e, "stay_rates['silent']")


# --------------------------------------------------------------------------- research
def test_sample_size_reproduces_published_examples():
    # Israel (1992), Cochran (1977): ±5% at 95%, p = 0.5 → 385; population 2,000 → 323
    assert S.sample_size(0.05) == 385
    assert S.sample_size(0.05, population=2000) == 323
    # z = norm.ppf(0.975); n0 = z²/4/e²
    z = norm.ppf(0.975)
    assert S.sample_size(0.03) == math.ceil(z * z * 0.25 / 0.0009)
    assert S.sample_size(0.05, confidence=0.99) == math.ceil(norm.ppf(0.995) ** 2 * 0.25 / 0.0025)
    assert S.sample_size(0.5, population=3) <= 3


def test_margin_of_error_inverts_sample_size_and_applies_the_fpc():
    assert S.margin_of_error(385) == pytest.approx(norm.ppf(0.975) * math.sqrt(0.25 / 385))
    assert S.margin_of_error(385) <= 0.05 < S.margin_of_error(384)
    fpc = math.sqrt((2000 - 323) / 1999)
    assert S.margin_of_error(323, population=2000) == pytest.approx(S.margin_of_error(323) * fpc)
    assert S.margin_of_error(2000, population=2000) == 0
    with pytest.raises(InputError) as e:
        S.margin_of_error(2001, population=2000)
    assert_bilingual(e, "n")


def test_sample_size_table_shows_diminishing_returns():
    t = S.sample_size_table([100, 400, 1600], fixed_cost=5000, cost_per_response=40)
    assert t["margin"].iloc[1] == pytest.approx(t["margin"].iloc[0] / 2)
    assert t["survey_cost"].tolist() == [9000, 21000, 69000]
    assert t["cost_per_point"].iloc[2] > t["cost_per_point"].iloc[1]
    assert np.isnan(t["cost_per_point"].iloc[0])


def test_the_chapter_survey_size_is_designed():
    # a customer base of 20,000 and ±3% at 95% → 1,014; the survey has 1,000 (±3.02%)
    assert S.sample_size(0.03, population=20000) == 1014
    assert S.margin_of_error(1000, population=20000) == pytest.approx(0.0302, abs=5e-5)


# --------------------------------------------------------------------------- loyalty
def test_loyalty_by_satisfaction_hand_worked():
    s = pd.DataFrame({"overall": [1, 1, 3, 4, 5, 5], "repurchase": [0, 0, 0, 1, 1, 1],
                      "recommend": [0, 0, 0, 0, 1, 0], "told_others_bad": [1, 0, 0, 0, 0, 0]})
    t = S.loyalty_by_satisfaction(s)
    assert t["n"].tolist() == [2, 0, 1, 1, 2]
    assert np.isnan(t.loc[2, "repurchase_rate"])
    assert t.loc[5, "recommend_rate"] == 0.5
    assert t["apostles"].tolist() == [0, 0, 0, 0, 1] and t["terrorists"].tolist() == [1, 0, 0, 0, 0]
    # [003]: 3 is 既没有满意也没有不满意, 4 or 5 is 非常满意 (热情区)
    assert t["zone"].tolist() == ["defection", "defection", "indifference", "affection", "affection"]
    s2 = s.assign(overall=[2, 2, 3, 4, 5, 5], told_others_bad=[1, 1, 1, 1, 0, 0])
    assert S.loyalty_by_satisfaction(s2)["terrorists"].tolist() == [0, 2, 0, 0, 0]   # level 2 counts too


def test_survey_loyalty_is_non_linear_and_calibrated_to_six_times(survey):
    t = S.loyalty_by_satisfaction(survey)
    rates = t["repurchase_rate"].to_numpy()
    assert np.all(np.diff(rates) > 0)
    steps = np.diff(rates)
    assert steps[-1] > 5 * steps[:-1].max()                 # flat, then a jump at the top
    multiple = S.repurchase_multiple(t)
    assert multiple == pytest.approx(textbook.value("ch1_very_satisfied_purchase_intent"))
    assert textbook.calibrated(multiple, "ch1_very_satisfied_purchase_intent")
    assert t.loc[4, "repurchase_rate"] < 0.2                # satisfied ≠ loyal


def test_loyalty_matrix_cells(survey):
    m = S.loyalty_matrix(survey)
    assert m["n"].sum() == len(survey)
    both = m.query("product_satisfied == 1 and service_satisfied == 1")["repurchase_rate"].item()
    neither = m.query("product_satisfied == 0 and service_satisfied == 0")["repurchase_rate"].item()
    assert both > neither
    grid = S.loyalty_matrix_view(m)
    assert grid.iloc[0, 0] == pytest.approx(both) and grid.iloc[1, 1] == pytest.approx(neither)


def test_loyalty_refuses_non_binary_columns():
    s = pd.DataFrame({"overall": [1, 5], "repurchase": [0, 2], "recommend": [0, 1],
                      "told_others_bad": [0, 0]})
    with pytest.raises(InputError) as e:
        S.loyalty_by_satisfaction(s)
    assert_bilingual(e, "survey['repurchase']")


# --------------------------------------------------------------------------- data
def test_generator_is_reproducible_and_matches_the_file(survey):
    again = carcare_survey.generate(datasets.card("carcare_survey")["seed"])
    pd.testing.assert_frame_equal(again.reset_index(drop=True),
                                  survey.astype({c: again[c].dtype for c in again}).reset_index(drop=True),
                                  check_dtype=False)
    card = datasets.card("carcare_survey")
    assert "模拟数据" in card["description"] and card["rows"] == 1000


def test_generator_calibration_holds_for_other_seeds():
    for seed in (1, 2):
        df = carcare_survey.generate(seed)
        c = S.dissatisfaction_counts(df)
        assert c["hidden_share"] == pytest.approx(0.7, abs=0.01)
        assert S.repurchase_multiple(S.loyalty_by_satisfaction(df)) == pytest.approx(6, rel=0.05)


def test_generator_refuses_bad_sizes():
    with pytest.raises((InputError, InputTypeError)) as e:
        carcare_survey.generate(1, n=5)
    assert_bilingual(e, "n")


# --------------------------------------------------------------------------- charts, tables, panels
def test_charts_return_figures_with_chinese_labels(survey):
    perf, imp, exp = block(survey, "perf"), block(survey, "imp"), block(survey, "exp")
    figs = [S.plot_likert(S.likert_summary(perf)), S.plot_gaps(S.gap_summary(S.gap_scores(exp, perf))),
            S.plot_ipa(S.ipa(imp, perf)), S.plot_loyalty(S.loyalty_by_satisfaction(survey)),
            S.plot_research(S.sample_size_table([100, 400, 1000])),
            S.plot_complaint_outcomes(S.complaint_outcomes(150))]
    for fig in figs:
        assert isinstance(fig, Figure)
        assert HAN.search(fig.axes[0].get_title())
    assert "模拟数据" in figs[2].axes[0].get_title()
    likert = figs[0].axes[0]
    assert len(likert.patches) == 5 * len(A)
    with pytest.raises(InputError):
        S.plot_likert(pd.DataFrame({"mean": [1.0]}))


def test_named_view_translates_ids():
    t = S.named_view(S.satisfaction_indicators(
        pd.DataFrame({"praised": [1], "asked_by_name": [0], "repurchase": [1], "complained": [0]}), 1.0, 1.0))
    assert t.index.tolist() == ["美誉度", "指名度", "回头率", "抱怨率", "销售力"]
    html = display.table(t, topic="satisfaction").to_html()
    assert "数值" in html


def test_ipa_panel_defaults_and_moves():
    panel = S.ipa_panel()
    try:
        assert panel.result["quadrant_before"] == "重点改进"
        after = panel.set(improvement=1.5)
        assert after["quadrant_after"] == "继续保持" and after["index_change"] > 0
        assert panel.set(crosshair="median", attribute="booking", improvement=0.0)["quadrant_before"] == \
            display.label(S.ipa(*S.survey_means(), "median").loc["booking", "quadrant"], "satisfaction",
                          unit=False)
    finally:
        panel.close()


def test_complaint_panel_defaults_use_the_survey_and_resolution_keeps_more():
    panel = S.complaint_panel()
    try:
        base = panel.result
        assert base["silent"] + base["unresolved"] + base["resolved_slow"] + base["resolved_fast"] == \
            pytest.approx(150)
        more = panel.set(resolved_share=1.0, fast_share=1.0)
        assert more["kept"] > base["kept"] and more["value_kept"] > base["value_kept"]
        assert more["net_word_of_mouth"] > base["net_word_of_mouth"]
    finally:
        panel.close()


def test_research_steps_keep_the_seeds_three_stages():
    # [002] 第三章第二节: 确定调查主题 (4 steps), 设计调查方案 (7), 展开实际调查活动 (4)
    assert [len(v) for v in S.RESEARCH_STEPS.values()] == [4, 7, 4]
    v = S.steps_view(S.RESEARCH_STEPS)
    assert v.index.tolist() == [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4]
    assert v["阶段"].nunique() == 3 and v.iloc[-1]["内容"] == "提交报告"
    m = S.steps_view(S.LOYALTY_MEASURES, index_name="序号", column="测量标准")
    assert m.index.name == "序号" and m.columns.tolist() == ["测量标准"] and len(m) == 10
    with pytest.raises((InputError, InputTypeError)) as e:
        S.steps_view(S.LOYALTY_MEASURES, index_name=3)
    assert_bilingual(e, "index_name")


def test_problem_table_names_both_denominators(survey):
    v = S.named_view(S.problem_analysis(survey))
    assert {"share_of_all_respondents", "share_of_problems"} <= set(v.columns) and "share" not in v
    assert v["share_of_all_respondents"].sum() == pytest.approx(v["n"].sum() / len(survey))
    assert v["share_of_problems"].sum() == pytest.approx(1.0)
