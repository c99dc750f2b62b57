"""Regression tests for the fuzz report's [lifecycle] items (one repro per defect)."""
from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

import crmlab.lifecycle as L  # noqa: E402
from crmlab import datasets  # noqa: E402
from crmlab.validation import InputError, InputTypeError  # noqa: E402


def _bilingual(message):
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


# item 2: sbg_retention returned NaN for tiny alpha, beta (float cancellation)
@pytest.mark.parametrize("shape", [1e-20, 1e-300, 5e-324])
def test_sbg_retention_tiny_shapes_equal_survival_ratio(shape):
    r = L.sbg_retention(shape, shape, 3)
    s = L.sbg_survival(shape, shape, 3)
    assert np.isfinite(r).all() and np.isfinite(s).all()
    # α = β → 0: half the cohort has θ ≈ 1 and leaves at once, the other half θ ≈ 0 stays
    np.testing.assert_allclose(s, [1.0, 0.5, 0.5, 0.5], rtol=1e-9)
    # r_1 = beta / (alpha + beta) = 0.5 exactly; later periods almost 1 (nobody else leaves)
    np.testing.assert_allclose(r, s[1:] / s[:-1], rtol=1e-9)
    assert r[0] == pytest.approx(0.5)


def test_sbg_retention_matches_ratio_of_survivals_on_usual_shapes():
    r = L.sbg_retention(0.704, 1.182, 40)
    s = L.sbg_survival(0.704, 1.182, 40)
    np.testing.assert_allclose(r, s[1:] / s[:-1], rtol=1e-12)


def test_retention_panel_model_tiny_shapes_has_no_nan_after_period_0():
    table = L.retention_panel_model(1e-300, 1e-300, 100, 0.1, 12)["table"]
    later = table[table["period"] >= 1]
    assert np.isfinite(later[["sbg_retention", "constant_retention"]].to_numpy()).all()
    assert later["sbg_retention"].iloc[0] == pytest.approx(0.5)


# item 8: customer_path with a list as the id raised a raw ValueError
@pytest.fixture(scope="module")
def classified():
    return L.classify_stages(datasets.load_distributor_lifecycle())


@pytest.mark.parametrize("bad", [["K0001"], ("K0001",), {"K0001"}, np.array(["K0001"]), None])
def test_customer_path_refuses_a_non_scalar_id(classified, bad):
    with pytest.raises(InputTypeError, match="customer_id") as e:
        L.customer_path(classified, bad)
    _bilingual(str(e.value))


def test_customer_path_still_finds_one_id(classified):
    assert L.customer_path(classified, "K0001")["stage"].iloc[0] == "考察期"


# item 11: charts fed a corrupted result table raised raw pandas/matplotlib errors
def _corrupt(frame, col, value, row=0):
    out = frame.copy()
    out[col] = out[col].astype(object)
    out.loc[out.index[row], col] = value
    return out


@pytest.mark.parametrize("col", ["length", "simple", "discounted"])
@pytest.mark.parametrize("value", ["x", [1, 2], None, np.nan, np.inf])
def test_plot_clv_by_length_refuses_bad_cells(col, value):
    table = _corrupt(L.clv_by_length(100, [1, 2, 3], 0.1, 80), col, value)
    with pytest.raises((InputError, InputTypeError), match=f"table\\['{col}'\\]") as e:
        L.plot_clv_by_length(table)
    _bilingual(str(e.value))


@pytest.mark.parametrize("col", ["period", "sbg_survival", "constant_survival", "sbg_retention",
                                 "constant_retention"])
@pytest.mark.parametrize("value", ["x", [1, 2], None, np.inf])
def test_plot_retention_curves_refuses_bad_cells(col, value):
    table = _corrupt(L.retention_whatif()["table"], col, value, row=3)
    with pytest.raises((InputError, InputTypeError), match=f"table\\['{col}'\\]") as e:
        L.plot_retention_curves(table)
    _bilingual(str(e.value))


def test_plot_retention_curves_refuses_text_periods_and_missing_retention():
    table = L.retention_whatif()["table"]
    text = table.assign(period=table["period"].astype(str))
    with pytest.raises(InputTypeError, match="table\\['period'\\]"):
        L.plot_retention_curves(text)
    gap = table.copy()
    gap.loc[3, "sbg_retention"] = np.nan     # NaN is allowed only at period 0
    with pytest.raises(InputError, match="table\\['sbg_retention'\\]"):
        L.plot_retention_curves(gap)


def test_plot_retention_curves_accepts_its_own_table():
    fig = L.plot_retention_curves(L.retention_whatif()["table"])
    assert len(fig.axes[0].lines) == 4


@pytest.mark.parametrize("col,value", [("share", "x"), ("share", None), ("share", [0.1]),
                                       ("share", np.inf), ("year", "x"), ("year", np.nan),
                                       ("pattern", ["A"])])
def test_plot_share_by_year_refuses_bad_cells(classified, col, value):
    c = _corrupt(classified.head(50), col, value)
    with pytest.raises((InputError, InputTypeError), match=f"classified\\['{col}'\\]") as e:
        L.plot_share_by_year(c)
    _bilingual(str(e.value))


# item 12: overflow messages named the helpers' arguments, not the caller's
def test_clv_by_length_overflow_names_its_own_arguments():
    with pytest.raises(InputError) as e:
        L.clv_by_length(1e308, [1, 5], 0.1, 0)
    msg = str(e.value)
    assert "margin" in msg and "lengths" in msg
    assert "annual_profit" not in msg and "years" not in msg


def test_clv_by_length_refuses_lengths_beyond_chapter_1_horizon_by_name():
    with pytest.raises(InputError, match="lengths") as e:
        L.clv_by_length(100, [10, 1100])
    assert "horizon" not in str(e.value)


def test_patterns_panel_model_overflow_names_its_own_arguments():
    with pytest.raises(InputError) as e:
        L.patterns_panel_model(1, 2, 2, 8, -40, 30, 1e308, 0.10)
    assert "stability_profit" in str(e.value)


def test_patterns_panel_model_bad_period_still_named():
    with pytest.raises(InputError, match="stability_periods"):
        L.patterns_panel_model(1, 2, 2, 0, -40, 30, 110, 0.10)


def test_pattern_values_refuses_an_infinite_total_profit():
    # the discounted value stays finite at d = 10 but the undiscounted total overflowed to inf
    with pytest.raises(InputError, match="revenue"):
        L.pattern_values(1, 2, 2, 1000, 1, revenue={"stability": 1e306}, discount_rate=10)
