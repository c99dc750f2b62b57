"""Repros of the fuzz report's [satisfaction] items: each failed before its fix."""
import math

import matplotlib
import numpy as np
import pandas as pd
import pytest

from crmlab import datasets
from crmlab import satisfaction as S
from crmlab.validation import InputError, InputTypeError
from testkit import assert_bilingual

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def survey():
    return datasets.load_carcare_survey()


@pytest.fixture(scope="module")
def means():
    return S.survey_means()


def _corrupt(frame, column, value, row=0):
    out = frame.astype({column: object})
    out.iloc[row, out.columns.get_loc(column)] = value
    out.attrs = dict(frame.attrs)
    return out


# --------------------------------------------------------------------------- 7. sample_size
@pytest.mark.parametrize("margin", [1e-300, 1e-10, 9.9e-5, 0.0, -0.01])
def test_sample_size_refuses_a_margin_too_small_for_any_survey(margin):
    # was ZeroDivisionError for 1e-300 and 96,036,470,517,353,119,744 responses for 1e-10
    with pytest.raises(InputError) as e:
        S.sample_size(margin)
    assert_bilingual(e, "margin")


def test_sample_size_smallest_margin_still_follows_cochran():
    z = 1.959963984540054
    assert S.sample_size(1e-4) == math.ceil(z * z * 0.25 / 1e-8 - 1e-9)
    assert S.sample_size(0.05) == 385


# --------------------------------------------------------------------------- 8. problem_analysis
@pytest.mark.parametrize("label", [["none"], 1, True, float("nan"), None])
def test_problem_analysis_refuses_a_none_label_that_is_not_text(survey, label):
    # a list raised pandas' "Lengths must match"; 1/True/NaN counted 'none' as a problem area
    with pytest.raises(InputTypeError) as e:
        S.problem_analysis(survey, none_label=label)
    assert_bilingual(e, "none_label")


def test_problem_analysis_default_label_still_leaves_out_none(survey):
    t = S.problem_analysis(survey)
    assert "none" not in t.index
    assert int(t["n"].sum()) == int((survey["problem_area"] != "none").sum())


# --------------------------------------------------------------------------- 12. messages
def test_complaint_outcomes_overflow_names_its_own_arguments():
    with pytest.raises(InputError) as e:
        S.complaint_outcomes(100, annual_margin=1e308)
    msg = str(e.value)
    assert_bilingual(e, "annual_margin")
    assert "horizon" not in msg and "growth" not in msg   # value.clv's, not complaint_outcomes'


def test_sample_size_table_overflow_names_sizes():
    with pytest.raises(InputError) as e:
        S.sample_size_table([1e308])
    assert_bilingual(e, "sizes")


# --------------------------------------------------------------------------- minor: ipa crosshair
@pytest.mark.parametrize("cross", [(7, 7), (-3, 100), (3, 5.5), (0.5, 3)])
def test_ipa_refuses_a_crosshair_off_the_scale(means, cross):
    imp, perf = means
    with pytest.raises(InputError) as e:
        S.ipa(imp, perf, crosshair=cross)
    assert_bilingual(e, "crosshair")


def test_ipa_crosshair_on_the_scale_ends_is_still_accepted(means):
    imp, perf = means
    assert set(S.ipa(imp, perf, crosshair=(5, 5))["quadrant"]) == {"low_priority"}
    assert set(S.ipa(imp, perf, crosshair=(1, 1))["quadrant"]) == {"keep_up"}
    assert set(S.ipa(imp * 2, perf * 2, crosshair=(10, 10), scale=10)["quadrant"]) == {"low_priority"}


# --------------------------------------------------------------------------- 11. charts and tables
@pytest.mark.parametrize("bad", ["x", [1], 1e308, -0.5])
def test_plot_likert_refuses_a_corrupted_share(survey, bad):
    summary = S.likert_summary(survey[["perf_waiting", "perf_price"]])
    with pytest.raises((InputError, InputTypeError)) as e:
        S.plot_likert(_corrupt(summary, "share_1", bad))
    assert_bilingual(e, "summary")


@pytest.mark.parametrize("column,bad", [("quadrant", [1]), ("quadrant", "nonsense"),
                                        ("importance", "x"), ("performance", 1e308)])
def test_plot_ipa_refuses_a_corrupted_table(means, column, bad):
    table = S.ipa(*means)
    with pytest.raises((InputError, InputTypeError)) as e:
        S.plot_ipa(_corrupt(table, column, bad))
    assert_bilingual(e, "table")


@pytest.mark.parametrize("cross", [None, "x", (1,), ("a", 3), (float("inf"), 3)])
def test_plot_ipa_refuses_a_corrupted_crosshair(means, cross):
    table = S.ipa(*means)
    table.attrs["crosshair"] = cross
    with pytest.raises((InputError, InputTypeError)) as e:
        S.plot_ipa(table)
    assert_bilingual(e, "crosshair")


@pytest.mark.parametrize("highlight", ["nonsense", 1, ["waiting"], float("nan"), True])
def test_plot_ipa_refuses_a_highlight_not_in_the_table(means, highlight):
    with pytest.raises(InputError) as e:
        S.plot_ipa(S.ipa(*means), highlight=highlight)
    assert_bilingual(e, "highlight")


def test_plot_ipa_highlight_of_an_attribute_draws_it_larger(means):
    fig = S.plot_ipa(S.ipa(*means), highlight="waiting")
    sizes = fig.axes[0].collections[0].get_sizes()
    assert sorted(sizes)[-1] > sorted(sizes)[0]


@pytest.mark.parametrize("column,bad", [("repurchase_rate", "x"), ("repurchase_rate", [1]),
                                        ("recommend_rate", "x"), ("recommend_rate", 1.5),
                                        ("repurchase_rate", float("inf")), ("zone", "x"),
                                        ("zone", [1]), ("zone", None)])
def test_plot_loyalty_refuses_a_corrupted_table(survey, column, bad):
    table = S.loyalty_by_satisfaction(survey)
    with pytest.raises((InputError, InputTypeError)) as e:
        S.plot_loyalty(_corrupt(table, column, bad))
    assert_bilingual(e, "table")


def test_plot_loyalty_still_draws_a_level_nobody_chose():
    # loyalty_by_satisfaction gives NaN rates (not 0) for an empty level: that stays valid
    s = pd.DataFrame({"overall": [1, 4, 5, 5], "repurchase": [0, 0, 1, 1],
                      "recommend": [0, 1, 1, 0], "told_others_bad": [1, 0, 0, 0]})
    t = S.loyalty_by_satisfaction(s)
    assert t["repurchase_rate"].isna().any()
    assert len(S.plot_loyalty(t).axes[0].lines) == 2


@pytest.mark.parametrize("column,bad", [("product_satisfied", "x"), ("service_satisfied", 2),
                                        ("repurchase_rate", "x"), ("repurchase_rate", 1e308),
                                        ("product_satisfied", [1])])
def test_loyalty_matrix_view_refuses_a_corrupted_matrix(survey, column, bad):
    # 'x' used to give a silent NaN cell
    m = S.loyalty_matrix(survey)
    with pytest.raises((InputError, InputTypeError)) as e:
        S.loyalty_matrix_view(_corrupt(m, column, bad))
    assert_bilingual(e, "matrix")


def test_loyalty_matrix_view_still_shows_the_four_rates(survey):
    m = S.loyalty_matrix(survey)
    v = S.loyalty_matrix_view(m)
    want = m.set_index(["product_satisfied", "service_satisfied"])["repurchase_rate"]
    assert v.to_numpy().ravel().tolist() == [want[(1, 1)], want[(1, 0)], want[(0, 1)], want[(0, 0)]]
    assert np.isfinite(v.to_numpy()).all()
