"""Tests of crmlab.lifecycle (the customer relationship lifecycle, Chapter 3)."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy.special import betaln

from crmlab import datasets, display, value
from crmlab import lifecycle as L
from crmlab.simulate import distributor_lifecycle
from crmlab.validation import CRMLabError, InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def history():
    return datasets.load_distributor_lifecycle()


# --------------------------------------------------------------------------- sBG: the paper
# Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing
# 21(1), 76-90: the two cohorts of Berry & Linoff (survivors per 1,000, years 0-12) are
# printed in the paper's data table, and its worked example (section "Estimating model
# parameters", the Excel implementation of the appendix) fits the sBG model by maximum
# likelihood to years 1-7 and reports alpha = 0.704, beta = 1.182 for the regular cohort
# and alpha = 0.668, beta = 3.806 for the high-end cohort.
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]


@pytest.mark.parametrize("cohort, survivors, alpha, beta", [
    ("regular", REGULAR, 0.704, 1.182),
    ("high_end", HIGH_END, 0.668, 3.806),
])
def test_fit_sbg_reproduces_fader_hardie_2007(cohort, survivors, alpha, beta):
    assert list(L.FADER_HARDIE_2007[cohort]) == survivors
    fit = L.fit_sbg(survivors, calibration_periods=7)
    assert fit["periods"] == 7
    assert round(fit["alpha"], 3) == alpha
    assert round(fit["beta"], 3) == beta
    # the same with only the first 8 numbers given
    short = L.fit_sbg(survivors[:8])
    assert short["alpha"] == pytest.approx(fit["alpha"], rel=1e-6)


def test_fit_sbg_maximises_the_likelihood_written_out_by_hand():
    s = np.array(REGULAR[:8], dtype=float)
    fit = L.fit_sbg(s)

    def ll(a, b):
        t = np.arange(1, 8)
        p = np.exp(betaln(a + 1, b + t - 1) - betaln(a, b))
        return float(((s[:-1] - s[1:]) * np.log(p)).sum() + s[-1] * (betaln(a, b + 7) - betaln(a, b)))

    best = ll(fit["alpha"], fit["beta"])
    assert best == pytest.approx(fit["log_likelihood"], rel=1e-9)
    for da, db in ((0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)):
        assert ll(fit["alpha"] + da, fit["beta"] + db) < best


def test_sbg_survival_and_retention_by_hand():
    # alpha = beta = 1: theta uniform, S(t) = 1/(t+1), r_t = t/(t+1)
    np.testing.assert_allclose(L.sbg_survival(1, 1, 4), [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5])
    np.testing.assert_allclose(L.sbg_retention(1, 1, 4), [1 / 2, 2 / 3, 3 / 4, 4 / 5])
    S = L.sbg_survival(0.704, 1.182, 12)
    np.testing.assert_allclose(S[1:] / S[:-1], L.sbg_retention(0.704, 1.182, 12))
    assert np.all(np.diff(L.sbg_retention(0.704, 1.182, 12)) > 0)  # retention rises with tenure


def test_constant_retention_is_the_geometric_mle():
    # lost 500 + 250 = 750 over 1000 + 500 = 1500 customer-periods at risk
    assert L.fit_constant_retention([1000, 500, 250]) == pytest.approx(0.5)
    assert L.fit_constant_retention(REGULAR, 7) == pytest.approx(
        1 - (1000 - 241) / sum(REGULAR[:7]))


@pytest.mark.parametrize("survivors", [REGULAR, HIGH_END])
def test_sbg_forecasts_held_out_years_better_than_constant_retention(survivors):
    out = L.forecast_survivors(survivors, 7)
    t = out["table"]
    assert t["held_out"].sum() == 5 and t["period"].tolist() == list(range(13))
    assert out["mape_sbg"] < 0.05 < out["mape_constant"]
    held = t[t["held_out"]]
    manual = float((abs(held["sbg"] - held["actual"]) / held["actual"]).mean())
    assert out["mape_sbg"] == pytest.approx(manual)
    np.testing.assert_allclose(t["sbg"], 1000 * L.sbg_survival(out["alpha"], out["beta"], 12))


def test_sbg_clv_equals_chapter_1_clv_when_nobody_differs():
    # alpha, beta large with beta/(alpha+beta) = 0.8: almost no heterogeneity
    assert L.sbg_clv(1e5, 4e5, 100, 0.10, 1200) == pytest.approx(value.clv(100, 0.8, 0.10),
                                                                  rel=1e-3)
    # by hand for alpha = beta = 1 over 2 periods: 100 (1/2)/1.1 + 100 (1/3)/1.21
    assert L.sbg_clv(1, 1, 100, 0.10, 2) == pytest.approx(50 / 1.1 + 100 / 3 / 1.21)


def test_retention_whatif_heterogeneity_raises_clv():
    out = L.retention_whatif(0.704, 1.182, 100, 0.10, 12)
    assert out["first_retention"] == pytest.approx(1.182 / (0.704 + 1.182))
    assert out["clv_constant"] == pytest.approx(value.clv(100, out["first_retention"], 0.10,
                                                          horizon=200))
    assert out["clv_sbg"] > out["clv_constant"]
    assert out["retention_last"] == pytest.approx((1.182 + 11) / (0.704 + 1.182 + 11))


# --------------------------------------------------------------------------- patterns
def test_stage_economics_defaults_and_overrides():
    e = L.stage_economics()
    assert e.index.tolist() == list(L.STAGES)
    assert e["profit"].tolist() == [-40, 30, 110, 15]
    assert L.stage_economics(cost={"decline": 0})["profit"]["decline"] == 60


def test_pattern_values_by_hand():
    out = L.pattern_values(1, 2, 2, 8, 1, discount_rate=0.10)
    s, paths = out["summary"], out["paths"]
    assert s["periods"].tolist() == [2, 4, 6, 12]
    assert s["exit_stage"].tolist() == ["exploration", "formation", "early_stability",
                                        "late_stability"]
    # A: -40 then one year of decline +15: never pays back
    assert s.loc["A", "total_profit"] == -25 and not s.loc["A", "pays_back"]
    assert pd.isna(s.loc["A", "break_even"])
    # B: -40, 30, 30, 15 -> cumulative -40, -10, 20, 35: pays back in period 3
    assert paths.loc[paths["pattern"] == "B", "cumulative_profit"].tolist() == [-40, -10, 20, 35]
    assert s.loc["B", "break_even"] == 3
    # D's discounted value: -40/1.1 + 30/1.1^2 + 30/1.1^3 + 110 (1.1^-4 + ... + 1.1^-11) + 15/1.1^12
    d = 1.1
    by_hand = -40 / d + 30 / d**2 + 30 / d**3 + sum(110 / d**t for t in range(4, 12)) + 15 / d**12
    assert s.loc["D", "discounted_value"] == pytest.approx(by_hand)
    # the longer the relationship, the more it is worth (Ch 1 link)
    assert s["discounted_value"].is_monotonic_increasing


def test_break_even_is_first_period_with_non_negative_cumulative_profit():
    out = L.pattern_values(2, 1, 1, 3, 0, revenue={"exploration": 0, "formation": 100},
                           cost={"exploration": 50, "formation": 0}, discount_rate=0.0)
    # exploration -50, -50; formation +100 -> cumulative -50, -100, 0: break-even at 3 (>= 0)
    assert out["summary"].loc["B", "break_even"] == 3


def test_pattern_errors_name_the_argument():
    with pytest.raises(InputError) as e:
        L.pattern_values(stability_periods=2, early_stability_periods=2)
    assert_bilingual(e, "stability_periods")
    with pytest.raises(InputError) as e:
        L.pattern_values(revenue={"growth": 10})
    assert_bilingual(e, "revenue")
    with pytest.raises(InputError) as e:
        L.pattern_values(discount_rate=-0.1)
    assert_bilingual(e, "discount_rate")


def test_clv_by_length_calls_chapter_1():
    t = L.clv_by_length(100, [1, 5, 10, 20], 0.10, 80)
    assert t["simple"].tolist() == [value.clv_simple(100, n, 80) for n in (1, 5, 10, 20)]
    assert t["discounted"].tolist() == pytest.approx(
        [value.clv(100, 1.0, 0.10, horizon=n, acquisition_cost=80) for n in (1, 5, 10, 20)])
    assert t["discounted"].is_monotonic_increasing and t["simple"].is_monotonic_increasing
    with pytest.raises(InputError) as e:
        L.clv_by_length(100, [1.5])
    assert_bilingual(e, "lengths")


# --------------------------------------------------------------------------- stages
def frame(firm, total, ids=None):
    n = len(firm)
    return pd.DataFrame({"customer_id": ids or ["a"] * n, "year": list(range(1, n + 1)),
                         "purchases_firm": firm, "purchases_total": total})


def test_classify_stages_rule():
    out = L.classify_stages(frame([10, 40, 80, 85, 30], [100, 100, 105, 110, 112]))
    assert out["stage"].tolist() == ["exploration", "formation", "stability", "stability",
                                     "decline"]
    assert out["share"].iloc[2] == pytest.approx(80 / 105)


def test_decline_needs_the_customers_total_to_hold_up():
    # firm volume halves, but so does the customer's whole business: not decline [004]
    out = L.classify_stages(frame([80, 40], [100, 50]))
    assert out["stage"].tolist() == ["stability", "stability"]
    out = L.classify_stages(frame([80, 40], [100, 50]), total_tolerance=0.6)
    assert out["stage"].iloc[1] == "decline"


def test_thresholds_are_arguments():
    h = frame([10, 12], [100, 100])
    assert L.classify_stages(h)["stage"].tolist() == ["exploration", "formation"]
    assert L.classify_stages(h, growth=0.5)["stage"].tolist() == ["exploration", "exploration"]
    assert L.classify_stages(h, stability_share=0.1)["stage"].tolist() == ["stability"] * 2


def test_classify_keeps_row_order_and_separates_customers():
    h = pd.DataFrame({"customer_id": ["b", "a", "b", "a"], "year": [2, 2, 1, 1],
                      "purchases_firm": [40, 10, 10, 80], "purchases_total": [100] * 4})
    out = L.classify_stages(h)
    assert out["stage"].tolist() == ["formation", "decline", "exploration", "stability"]


def test_classify_errors():
    with pytest.raises(InputError) as e:
        L.classify_stages(frame([120], [100]))
    assert_bilingual(e, "history")
    with pytest.raises(InputError) as e:
        L.classify_stages(frame([1], [1]), stability_share=0)
    assert_bilingual(e, "stability_share")
    with pytest.raises(InputError) as e:
        L.classify_stages(pd.DataFrame({"customer_id": ["a", "a"], "year": [1, 1],
                                        "purchases_firm": [1, 1], "purchases_total": [2, 2]}))
    assert_bilingual(e, "history")


def test_survivor_errors():
    with pytest.raises(InputError) as e:
        L.fit_sbg([1000, 900, 950])
    assert_bilingual(e, "survivors")
    with pytest.raises(InputError) as e:
        L.fit_sbg([1000, 1000, 1000])
    assert_bilingual(e, "survivors")
    with pytest.raises(InputError) as e:
        L.forecast_survivors(REGULAR, 13)
    assert_bilingual(e, "calibration_periods")
    with pytest.raises((InputError, InputTypeError)) as e:
        L.sbg_survival(0, 1, 3)
    assert_bilingual(e, "alpha")


# --------------------------------------------------------------------------- data
def test_data_are_simulated_and_match_the_generator(history):
    card = datasets.card("distributor_lifecycle")
    assert card["simulated"] is True and "模拟数据" in card["description"]
    again = distributor_lifecycle.generate(card["seed"])
    assert len(again) == len(history) == card["rows"]
    np.testing.assert_allclose(again["purchases_firm"], history["purchases_firm"])


def test_all_four_patterns_occur_and_match_their_exit_stage(history):
    first = history.drop_duplicates("customer_id")
    counts = first["pattern"].value_counts()
    assert set(counts.index) == set(L.PATTERNS) and counts.min() >= 100
    life = history.groupby("customer_id")["year"].max()
    pattern = first.set_index("customer_id")["pattern"].astype(str)
    assert life[pattern == "A"].max() <= 2
    assert life[pattern == "B"].between(3, 4).all()
    assert life[pattern == "C"].between(5, 7).all()
    assert life[pattern == "D"].min() >= 8


def test_classify_recovers_the_generating_stages(history):
    out = L.classify_stages(history)
    agree = (out["stage"] == out["true_stage"].astype(str)).mean()
    assert agree > 0.97
    decline = out[out["true_stage"] == "decline"]
    assert (decline["total_change"] > -0.2).all() and (decline["firm_change"] < -0.3).all()


def test_cohort_survivors_and_sbg_recover_the_generator(history):
    s = L.cohort_survivors(history)
    assert s[0] == 1000 and len(s) == 13 and np.all(np.diff(s) <= 0)
    assert s[5] == history.loc[history["year"] == 6, "customer_id"].nunique()
    fit = L.fit_sbg(s, 7)
    assert fit["alpha"] == pytest.approx(distributor_lifecycle.ALPHA, rel=0.25)
    assert fit["beta"] == pytest.approx(distributor_lifecycle.BETA, rel=0.25)
    out = L.forecast_survivors(s, 7)
    assert out["mape_sbg"] < out["mape_constant"]


def test_cohort_survivors_refuses_late_joiners():
    h = pd.DataFrame({"customer_id": [1, 2], "year": [1, 2]})
    with pytest.raises(InputError) as e:
        L.cohort_survivors(h)
    assert_bilingual(e, "history")


# --------------------------------------------------------------------------- display
def test_glossary_covers_every_shown_id():
    g = display.glossary("lifecycle")
    ids = set(g.loc[g["topic"].isin(["lifecycle", "common"]), "id"])
    needed = (set(L.STAGES) | set(L.PATTERNS) | set(L.COST_STAGES) | set(L.DEVELOPMENT_STAGES)
              | set(L.PATTERN_EXIT.values()))
    assert needed <= ids, needed - ids
    summary = L.pattern_values()["summary"]
    assert set(summary.columns) <= ids, set(summary.columns) - ids
    table = L.forecast_survivors(REGULAR, 7)["table"]
    assert set(table.columns) <= ids, set(table.columns) - ids


def test_charts_return_figures_with_chinese_titles(history):
    figs = [L.plot_pattern_paths(L.pattern_values()),
            L.plot_pattern_paths(L.pattern_values(), measure="cumulative_value"),
            L.plot_survivor_forecast(L.forecast_survivors(REGULAR, 7)),
            L.plot_retention_curves(L.retention_whatif()["table"]),
            L.plot_share_by_year(L.classify_stages(history)),
            L.plot_clv_by_length(L.clv_by_length(100, range(1, 11)))]
    for fig in figs:
        assert isinstance(fig, Figure)
        assert all(HAN.search(a.get_title()) for a in fig.axes)
    with pytest.raises(InputTypeError) as e:
        L.plot_pattern_paths({"x": 1})
    assert_bilingual(e, "values")


def test_panels_defaults_and_changes():
    p = L.patterns_panel()
    try:
        assert p.result["value_D"] == pytest.approx(
            float(L.pattern_values()["summary"].loc["D", "discounted_value"]))
        assert p.result["break_even_A"] is None
        r = p.set(stability_profit=-25)   # the lowest profit the slider allows: revenue 0
        assert r["value_D"] < 0
        with pytest.raises(CRMLabError):
            p.set(stability_profit=-30)   # revenue would be negative
    finally:
        p.close()
    # profits left out start at revenue − cost of the given levels, which the model then keeps
    revenue = {"exploration": 50.0, "formation": 60.0, "stability": 135.0, "decline": 80.0}
    cost = {"exploration": 40.0, "formation": 30.0, "stability": 25.0, "decline": 45.0}
    p = L.patterns_panel(discount_rate=0.05, revenue=revenue, cost=cost)
    try:
        want = L.pattern_values(revenue=revenue, cost=cost, discount_rate=0.05)["summary"]
        for pat in "ABCD":
            assert p.result[f"value_{pat}"] == pytest.approx(float(want.loc[pat, "discounted_value"]))
        assert p.result["break_even_A"] == 1           # exploration now earns 10 a year
        r = p.set(exploration_profit=-40)               # the slider reaches −cost = −40
        assert r["total_A"] == pytest.approx(-40 + 35)
    finally:
        p.close()
    q = L.retention_panel()
    try:
        r = q.set(alpha=5.0, beta=10.0)
        assert r["first_retention"] == pytest.approx(10 / 15)
        assert r["clv_sbg"] > r["clv_constant"]
    finally:
        q.close()


def test_panel_model_refuses_revenue_below_zero():
    with pytest.raises(CRMLabError) as e:
        L.patterns_panel_model(1, 2, 2, 8, -100, 30, 110, 0.1)
    assert_bilingual(e, "exploration_profit")
