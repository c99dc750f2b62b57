"""Tests of crmlab.value added with issues 10 and 11: the package layout, the
referral model with the referrer's retention, zero-valued and overflowing inputs,
malformed chart input, and the student-facing tables and glossary."""
import ast
import math
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import display, textbook
from crmlab import value as V
from crmlab.validation import InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")

PACKAGE = Path(V.__file__).resolve().parent

#: Every public name crmlab.value had before it became a package.
OLD_NAMES = [
    "clv_simple", "margin_multiple", "clv", "value_curve", "break_even_acquisition_cost",
    "customer_equity", "clv_components", "referral_value", "crowd_pulling_value",
    "information_value", "retention_vs_acquisition", "retention_uplift", "clv_whatif",
    "plot_value_curve", "plot_clv_components", "simple_clv_table", "plot_simple_clv",
    "simple_clv_panel", "annual_equivalent", "margin_multiple_table", "clv_panel", "TIMINGS",
    "MAX_PERIODS", "SIMPLE_YEARS", "COMPONENTS", "VALUE_LAWS", "value_laws_table",
]


# ---------------------------------------------------------------------------
# layout (issue 11 §1)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", OLD_NAMES)
def test_every_old_public_name_still_works(name):
    assert hasattr(V, name) and name in V.__all__


def test_all_is_the_union_of_the_submodules():
    parts = [V.model, V.charts, V.panels, V.tables]
    assert sorted(V.__all__) == sorted(n for m in parts for n in m.__all__)
    assert len(set(V.__all__)) == len(V.__all__)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
            names |= {a.name for a in node.names}
    return names


def test_model_is_maths_only():
    imported = _imports(PACKAGE / "model.py")
    for banned in ("matplotlib", "ipywidgets", "display", "..display", "..widgets", "..plotting",
                   "IPython"):
        assert not any(n == banned or n.startswith(banned + ".") for n in imported), banned
    source = (PACKAGE / "model.py").read_text(encoding="utf-8")
    for text in ("高估", "低估", "不会回本"):  # words for students live in the panels
        assert text not in source, text


def test_charts_take_every_label_from_the_glossary():
    source = (PACKAGE / "charts.py").read_text(encoding="utf-8")
    for call in ("set_title(", "set_xlabel(", "set_ylabel("):
        for line in source.splitlines():
            if call in line:
                assert "_label(" in line, line


# ---------------------------------------------------------------------------
# zero is a valid value, however large the other inputs (issue 11 §2)
# ---------------------------------------------------------------------------
def test_zero_margin_is_worth_zero_over_a_long_fast_growing_horizon():
    assert V.clv(0, 1.0, 0.0, horizon=1000, growth=10) == 0
    assert V.clv(0, 1.0, 0.0, horizon=1000, growth=10, timing="start") == 0
    assert V.clv(0, 1.0, 0.0) == 0  # every margin is 0: the sum is 0, not divergent
    curve = V.value_curve(0, 1.0, 0.0, years=1000, growth=10)
    for column in ("expected_margin", "discounted_margin", "cumulative_value",
                   "simple_cumulative"):
        assert (curve[column] == 0).all(), column
    assert (V.value_curve(0, 1.0, 0.0, years=1000, growth=10, acquisition_cost=5)
            ["cumulative_value"] == -5).all()


def test_zero_crowd_pulling_inputs_give_zero():
    assert V.crowd_pulling_value(0, 1e3, 1e6, years=1000, compounding=True) == 0
    assert V.crowd_pulling_value(100, 1e3, 0, years=1000, compounding=True) == 0
    assert V.crowd_pulling_value(100, 0, 500, years=1000, compounding=True) == 0


def test_tiny_first_term_times_a_huge_power_is_computed_not_refused():
    # 1e-300 × 11**399 ≈ 1e115 although 11**399 alone (≈ 1e415) overflows a float
    got = V.clv(1e-300, 1.0, 0.0, horizon=400, growth=10, timing="start")
    # sum of 1e-300 × 11**k for k < 400 = 1e-300 (11**400 − 1) / 10, in logarithms
    expected = math.exp(math.log(1e-300) + 400 * math.log(11)) / 10
    assert got == pytest.approx(expected, rel=1e-9) and math.isfinite(got)


@pytest.mark.parametrize("call, names", [
    (lambda: V.clv_simple(1e308, 10), ("annual_profit", "years")),
    (lambda: V.clv(1e308, 1.0, 0.0, horizon=1000), ("margin", "horizon")),
    (lambda: V.clv(1e6, 0.99, 0.0, growth=10.0, horizon=1000), ("growth", "horizon")),
    (lambda: V.value_curve(1e308, 1.0, 0.0, years=1000), ("margin", "years")),
    (lambda: V.customer_equity(1e308, customers=10), ("clv", "customers")),
    (lambda: V.customer_equity(1e308, customers=10, acquisitions=[10]), ("acquisitions",)),
    (lambda: V.clv_components(1e308, 1e308, 0, 0), ("transaction", "referral")),
    (lambda: V.referral_value(1e308, 1.0, 1e308), ("referrals_per_year", "clv_of_referred")),
    (lambda: V.crowd_pulling_value(1e6, 1e3, 1e6, years=1000, compounding=True),
     ("new_per_customer", "years")),
    (lambda: V.retention_vs_acquisition(1e308, 0.0, 1e308), ("customers", "acquisition_cost")),
    (lambda: V.retention_uplift(1e308, 0.5, margin=1e308, discount_rate=0.0), ("margin",)),
    (lambda: V.complaint_iceberg(1e308, 0.99, 1e10, 1.0, 1.0), ("complaints", "people_told")),
    (lambda: V.simple_clv_table(1e308, 100), ("annual_profit",)),
    (lambda: V.clv_whatif(1e308, 1.0, 0.0, horizon=1000), ("margin", "horizon")),
])
def test_huge_finite_inputs_are_refused_naming_the_functions_own_arguments(call, names):
    with pytest.raises(InputError) as err:
        call()
    msg = assert_bilingual(err, *names)
    assert "inf" not in msg.split("(")[0].replace("infinite", "")


def test_overflow_messages_do_not_advise_arguments_the_function_lacks():
    with pytest.raises(InputError) as err:
        V.clv_simple(1e308, 10)
    assert "horizon" not in str(err.value) and "discount_rate" not in str(err.value)
    with pytest.raises(InputError) as err:
        V.customer_equity(1e308, customers=10)
    assert "growth" not in str(err.value) and "horizon" not in str(err.value)


# ---------------------------------------------------------------------------
# booleans and malformed chart input (issue 11 §2–3)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["no", 1, 0, None, "False"])
def test_compounding_must_be_true_or_false(bad):
    with pytest.raises(InputTypeError) as err:
        V.crowd_pulling_value(100, 0.05, 500, years=2, compounding=bad)
    assert_bilingual(err, "compounding")


def _curve():
    return V.value_curve(100, 0.8, 0.1, years=5, acquisition_cost=80)


@pytest.mark.parametrize("make, name", [
    (lambda: _curve().assign(cumulative_value="x"), "cumulative_value"),
    (lambda: _curve().assign(simple_cumulative=np.nan), "simple_cumulative"),
    (lambda: _curve().assign(year=[1, 2, None, 4, 5]), "year"),
    (lambda: _curve().iloc[:0], "curve"),
])
def test_plot_value_curve_refuses_malformed_curves(make, name):
    with pytest.raises((InputError, InputTypeError)) as err:
        V.plot_value_curve(make())
    assert_bilingual(err, name)


def test_plot_value_curve_refuses_a_non_frame():
    with pytest.raises(InputTypeError):
        V.plot_value_curve([1, 2, 3])


@pytest.mark.parametrize("make", [
    lambda p: p.assign(value=p["value"].where(p["component"] != "growth", np.nan)),
    lambda p: p.assign(value=p["value"].where(p["component"] != "growth", -5.0)),
    lambda p: p.assign(value="a lot"),
    lambda p: pd.concat([p, p.iloc[[0]]]),
])
def test_plot_clv_components_refuses_malformed_tables(make):
    with pytest.raises((InputError, InputTypeError)) as err:
        V.plot_clv_components(make(V.clv_components(600, 150, 200, 50)))
    assert_bilingual(err, "components")


@pytest.mark.parametrize("make, kind", [
    (lambda t: t.assign(cumulative="x"), InputTypeError),
    (lambda t: t.assign(cumulative=np.inf), InputError),
    (lambda t: t.drop(columns="year"), InputError),
    (lambda t: "table", InputTypeError),
])
def test_plot_simple_clv_refuses_malformed_tables(make, kind):
    with pytest.raises(kind) as err:
        V.plot_simple_clv(make(V.simple_clv_table(100, 10, 80)["table"]))
    assert_bilingual(err, "table")


def test_plot_uplift_gains_draws_one_line_per_start_and_refuses_bad_input():
    grid = V.retention_uplift_grid(1000, [0.6, 0.7, 0.9], [3, 5, 10])
    fig = V.plot_uplift_gains(grid, claim=0.25)
    ax = fig.axes[0]
    assert len(ax.lines) == 4
    assert list(ax.lines[2].get_ydata()) == pytest.approx(grid.loc[0.9].tolist())
    assert HAN.search(ax.get_title()) and HAN.search(ax.get_ylabel())
    with pytest.raises(InputError):
        V.plot_uplift_gains("grid")
    with pytest.raises(InputTypeError) as err:
        V.plot_uplift_gains(grid.astype(object).where(grid > 0.2, "x"))
    assert_bilingual(err, "gains")
    with pytest.raises(InputError) as err:
        V.plot_uplift_gains(grid, claim=math.nan)
    assert_bilingual(err, "claim")


def _texts(fig):
    ax = fig.axes[0]
    texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    legend = ax.get_legend()
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
    return texts


@pytest.mark.parametrize("make", [
    lambda: V.plot_value_curve(_curve(), infinite_clv=186.67),
    lambda: V.plot_clv_components(V.clv_components(600, 150, 200, 50)),
    lambda: V.plot_simple_clv(V.simple_clv_table(100, 10, 80)["table"]),
    lambda: V.plot_uplift_gains(V.retention_uplift_grid(1000, [0.8], [3, 10]), claim=0.25),
])
def test_every_chart_text_is_chinese(make):
    fig = make()
    assert isinstance(fig, Figure)
    for text in _texts(fig):
        if text:
            assert HAN.search(text), text


# ---------------------------------------------------------------------------
# referral value with the referrer's retention (issue 10 §2)
# ---------------------------------------------------------------------------
def test_referral_value_by_hand_with_retention_and_discounting():
    k, c, v, r, d = 8, 0.05, 266.67, 0.8, 0.10
    by_hand = sum(k * c * v * r ** t / (1 + d) ** t for t in range(1, 6))
    assert V.referral_value(k, c, v, years=5, discount_rate=d, retention=r) == \
        pytest.approx(by_hand)
    # infinite horizon: k c v × r / (1 + d − r), the margin multiple
    assert V.referral_value(k, c, v, years=None, discount_rate=d, retention=r) == \
        pytest.approx(k * c * v * 0.8 / 0.3)
    assert V.referral_value(k, c, v, years=None, discount_rate=d, retention=r) == \
        pytest.approx(k * c * v * V.margin_multiple(r, d))


def test_referral_value_old_calls_keep_their_numbers():
    assert V.referral_value(8, 0.05, 920) == pytest.approx(368)
    assert V.referral_value(8, 0.05, 920, years=3, discount_rate=0.1) == pytest.approx(
        368 * sum(1.1 ** -t for t in (1, 2, 3)))
    assert V.referral_value(8, 0.05, 920, years=5) == pytest.approx(5 * 368)


def test_referral_value_rises_with_retention_and_is_symmetric_in_people_told():
    values = [V.referral_value(8, 0.05, 266.67, years=None, discount_rate=0.1, retention=r)
              for r in (0.0, 0.5, 0.8, 0.95, 1.0)]
    assert values[0] == 0 and all(a < b for a, b in zip(values, values[1:]))
    good = V.referral_value(8, 0.05, 266.67, years=None, discount_rate=0.1, retention=0.8)
    bad = V.referral_value(22, 0.05, 266.67, years=None, discount_rate=0.1, retention=0.8)
    assert bad / good == pytest.approx(22 / 8)
    # a referrer who certainly stays T years recommends T times
    assert V.referral_value(8, 0.05, 100, years=7, retention=1.0) == pytest.approx(7 * 40)


def test_referral_value_refuses_an_endless_certain_undiscounted_horizon():
    with pytest.raises(InputError) as err:
        V.referral_value(8, 0.05, 100, years=None, retention=1.0, discount_rate=0.0)
    assert_bilingual(err, "years")
    with pytest.raises(InputError) as err:
        V.referral_value(8, 0.05, 100, retention=1.2)
    assert_bilingual(err, "retention")
    assert V.referral_value(8, 0.05, 100, years=None, retention=1.0, discount_rate=0.1) == \
        pytest.approx(40 / 0.1)


# ---------------------------------------------------------------------------
# the laws: complaint iceberg, uplift grid (issue 10 §3b)
# ---------------------------------------------------------------------------
def test_complaint_iceberg_by_hand():
    out = V.complaint_iceberg(10, 0.96, 22, 0.05, 266.67)
    assert out["unhappy_customers"] == pytest.approx(250)
    assert out["silent_customers"] == pytest.approx(240)
    assert out["people_told"] == pytest.approx(5500)
    assert out["customers_lost"] == pytest.approx(275)
    assert out["value_lost"] == pytest.approx(275 * 266.67)
    assert V.complaint_iceberg(0, 0.96, 22, 0.05, 266.67)["value_lost"] == 0


@pytest.mark.parametrize("kwargs, name", [
    ({"never_complain_share": 1.0}, "never_complain_share"),
    ({"complaints": -1}, "complaints"),
    ({"conversion_rate": 1.5}, "conversion_rate"),
    ({"clv_of_lost": math.inf}, "clv_of_lost"),
])
def test_complaint_iceberg_refuses_bad_input(kwargs, name):
    args = dict(complaints=10, never_complain_share=0.96, people_told=22, conversion_rate=0.05,
                clv_of_lost=100) | kwargs
    with pytest.raises(InputError) as err:
        V.complaint_iceberg(**args)
    assert_bilingual(err, name)


def test_retention_uplift_grid_matches_retention_uplift_cell_by_cell():
    grid = V.retention_uplift_grid(1000, [0.6, 0.9], [3, 10, 30], discount_rate=0.1)
    assert grid.index.name == "start_retention" and grid.columns.name == "years"
    for r in grid.index:
        for years in grid.columns:
            one = V.retention_uplift(1000, r, years=int(years), discount_rate=0.1)
            assert grid.loc[r, years] == pytest.approx(one["gain"].iloc[-1])


@pytest.mark.parametrize("kwargs, name", [
    ({"retentions": [0.5, 1.0]}, "retentions"),
    ({"horizons": [3, 2.5]}, "horizons"),
    ({"horizons": [0]}, "horizons"),
    ({"retentions": []}, "retentions"),
])
def test_retention_uplift_grid_refuses_bad_input(kwargs, name):
    args = dict(customers=1000, retentions=[0.8], horizons=[3]) | kwargs
    with pytest.raises(InputError) as err:
        V.retention_uplift_grid(**args)
    assert_bilingual(err, name)


# ---------------------------------------------------------------------------
# student-facing tables through the glossary (issue 10 §4)
# ---------------------------------------------------------------------------
def _tables():
    figures = textbook.figures(1)
    return {
        "laws": V.value_laws_table(figures),
        "equivalents": V.lifetime_equivalents_table({"可口可乐": (11000, 50)}),
        "conventions": V.clv_conventions_table(100, 0.8, 0.1),
        "multiples": V.percent_labels(V.margin_multiple_table()),
        "budget": V.amounts_table(V.retention_vs_acquisition(1000, 0.8, 80)),
        "iceberg": V.amounts_table(V.complaint_iceberg(10, 0.96, 22, 0.05, 266.67)),
        "uplift": V.retention_uplift(1000, 0.8)[["year", "customers", "customers_uplift",
                                                  "cumulative_value", "cumulative_value_uplift",
                                                  "gain"]],
        "grid": V.retention_uplift_grid(1000, [0.8], [3, 10]),
        "equity": V.customer_equity(266.67, customers=1000, acquisitions=[200, 200],
                                    discount_rate=0.1, acquisition_cost=80),
        "components": V.clv_components_table(V.clv_components(600, 150, 200, 50)),
        "curve": V.value_curve(100, 0.8, 0.1, years=3),
        "word_of_mouth": V.word_of_mouth_table({"好口碑": {
            "people_told_per_experience": 8, "customers_changed": 0.4,
            "value_per_experience": 106.7, "value_while_retained": 284.4}}),
    }


@pytest.mark.parametrize("name", list(_tables()))
def test_every_table_has_chinese_headers_only(name):
    table = _tables()[name]
    shown = display.relabel(table, topic="value")  # raises on an English-only header
    headers = list(shown.columns) + list(shown.index.names) + [shown.columns.name]
    assert display.english_headers(headers) == []
    html = display.table(table, topic="value").to_html()
    assert "nan" not in html.lower().replace("nan-", "")


def test_laws_table_remarks_are_not_truncated():
    laws = V.value_laws_table(textbook.figures(1))
    html = display.table(laws, topic="value").to_html()
    longest = max(laws["remark_zh"], key=len)
    assert len(longest) > 50 and longest in html


def test_components_table_uses_the_glossary_names():
    table = V.clv_components_table(V.clv_components(600, 150, 200, 50))
    assert table.index.tolist() == [display.label(f"{k}_value", "value", unit=False)
                                    for k in V.COMPONENTS] + ["客户终生价值"]
    assert table["component_value"].tolist() == [600, 150, 200, 50, 1000]


def test_conventions_table_matches_the_three_forms():
    table = V.clv_conventions_table(100, 0.8, 0.1, horizon=5)
    end, start, certain, simple = table["gross_clv"].tolist()
    assert end == pytest.approx(V.clv(100, 0.8, 0.1, horizon=5))
    assert start == pytest.approx(V.clv(100, 0.8, 0.1, horizon=5, timing="start"))
    assert certain == pytest.approx(start / 1.1)
    assert simple == 1000


def test_lifetime_equivalents_table_refuses_bad_input():
    with pytest.raises(InputTypeError):
        V.lifetime_equivalents_table([11000, 50])
    with pytest.raises(InputTypeError):
        V.lifetime_equivalents_table({"可口可乐": 11000})
    with pytest.raises(InputError) as err:
        V.lifetime_equivalents_table({"可口可乐": (11000, 0)})
    assert_bilingual(err, "years")


def test_value_glossary_uses_one_term_per_concept():
    g = display.glossary("value")
    labels = " ".join(g["label"])
    assert "贴现" not in labels and "毛利倍数" not in labels
    assert display.label("margin_multiple", "value") == "利润乘数（年）"
    assert display.label("discount_rate", "value") == "折现率"
    # chapter 1 counts money in US dollars, as the course's example does [000]
    for ident in ("clv", "net_clv", "gross_clv", "acquisition_cost", "cumulative_value"):
        assert display.entry(ident, "value")["unit"] == "美元", ident


def test_panel_rows_come_from_the_glossary():
    panel = V.clv_panel()
    try:
        labels = {r.key: r.label for r in panel.results}
        assert labels["clv"] == display.label("net_clv", "value", unit=False)
        assert labels["margin_multiple"] == "利润乘数"
        units = {r.key: r.unit for r in panel.results}
        assert units["margin_multiple"] == "年" and units["clv"] == "美元"
        shown = [r.key for r in panel.results if not r.detail]
        assert shown == ["clv", "margin_multiple", "break_even_acquisition_cost",
                         "simple_vs_model"]
    finally:
        panel.close()


@pytest.mark.parametrize("bad", [None, "x", math.nan, math.inf, [1, 2], pd.NA])
def test_simple_vs_model_text_refuses_what_is_not_a_finite_number(bad):
    with pytest.raises((InputError, InputTypeError)) as err:
        V.simple_vs_model_text(bad)
    assert_bilingual(err, "gap")
