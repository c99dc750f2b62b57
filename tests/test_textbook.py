import math

import pytest

from crmlab import textbook
from crmlab.validation import InputError, InputTypeError

CLV_INPUTS = ("ch1_clv_example_years", "ch1_clv_example_annual_profit",
              "ch1_clv_example_acquisition_cost")


def test_registry_is_well_formed():
    t = textbook.figures()
    assert len(t) >= 40
    assert t["id"].is_unique
    assert set(t["seed"]) <= {"000", "001", "002", "003", "004"}
    assert set(t["chapter"]) <= {"1", "2", "3", "4", "5", "6", "7", "case"}
    prefixes = t["id"].str.split("_").str[0]
    assert set(prefixes) <= {"ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7", "case"}
    shares = t[t["unit"] == "share"]["value"]
    assert ((shares >= 0) & (shares <= 2)).all()  # 120% of profit is the largest share
    assert t["description"].str.len().gt(0).all()
    # every range has both ends, in order, and the ends say so in the bound column
    ids = set(t["id"])
    for _, row in t.iterrows():
        if row["bound"] in ("min", "max"):
            stem = row["id"][:-4]
            assert row["id"].endswith("_" + row["bound"])
            assert {stem + "_min", stem + "_max"} <= ids
            assert textbook.figure(stem)["min"] <= textbook.figure(stem)["max"]


def test_the_worked_clv_example_reproduces_from_its_inputs():
    years, profit, cost = (textbook.value(i) for i in CLV_INPUTS)
    c = textbook.compare(years * profit - cost, "ch1_clv_example", inputs=CLV_INPUTS)
    assert c.ok and c.ticked and c.kind == "reproduced"
    assert "10年" in str(c) and "$80" in str(c)      # the inputs are shown with the tick


def test_compare_matches_to_the_stated_precision():
    assert textbook.compare(920, "ch1_clv_example", inputs=()).ok
    assert textbook.compare(920.4, "ch1_clv_example", inputs=()).ok       # half a unit of 920
    assert not textbook.compare(921, "ch1_clv_example", inputs=()).ok
    assert not textbook.compare(920.4, "ch1_clv_example", inputs=(), atol=0.1).ok


def test_a_figure_cannot_be_ticked_against_itself():
    with pytest.raises(InputError, match="inputs.*free of the figure"):
        textbook.compare(920, "ch1_clv_example", inputs=("ch1_clv_example",))
    with pytest.raises(InputError, match="计算值"):          # the tagged number itself
        textbook.compare(textbook.value("ch1_clv_example"), "ch1_clv_example",
                         inputs=())
    # a textbook number used as the computed value must be declared
    with pytest.raises(InputError, match="ch1_acquire_vs_retain_cost"):
        textbook.compare(textbook.value("ch1_acquire_vs_retain_cost"), "ch1_new_to_replace_lost",
                         inputs=())
    # an end of a range counts as the range
    with pytest.raises(InputError, match="free of the figure"):
        textbook.compare(0.15, "ch5_high_value_share", inputs=("ch5_high_value_share_max",))
    with pytest.raises(InputTypeError, match="inputs"):
        textbook.compare(920, "ch1_clv_example", inputs="ch1_clv_example_years")
    with pytest.raises(TypeError):
        textbook.compare(920, "ch1_clv_example")                          # inputs is required


def test_ranges_are_ranges_and_a_value_outside_is_a_cross():
    inside = textbook.compare(0.15, "ch5_high_value_share", inputs=())
    assert inside.ticked and "10–20%" in str(inside) and "范围之内" in str(inside)
    for outside in (0.2007, 0.0995, 0.25):
        c = textbook.compare(outside, "ch5_high_value_share", inputs=())
        assert not c.ok and textbook.MISMATCH in str(c)
    assert textbook.compare(0.2, "ch5_high_value_share", inputs=()).ok   # the ends belong to it
    with pytest.raises(InputError, match="one end of a range"):
        textbook.compare(0.2, "ch5_high_value_share_max", inputs=())
    with pytest.raises(InputError, match="range"):
        textbook.value("ch5_high_value_share")


def test_one_sided_bounds():
    assert textbook.compare(0.41, "case_vanke_shenzhen_referred_owners", inputs=()).ok
    assert not textbook.compare(0.40, "case_vanke_shenzhen_referred_owners", inputs=()).ok  # 超过
    assert textbook.compare(0.5, "case_vanke_referral_close_rate", inputs=()).ok          # 最高可达
    assert not textbook.compare(0.51, "case_vanke_referral_close_rate", inputs=()).ok
    assert textbook.compare(20, "ch5_ka_department_threshold", inputs=()).ok               # 以上


def test_quote_shows_the_source_and_never_a_tick():
    q = textbook.quote("ch1_unhappy_never_complain")
    assert q.kind == "quoted" and not q.ticked and q.computed is None
    assert "✓" not in str(q) and textbook.MATCH not in str(q)
    assert "96%" in str(q) and "[001]" in str(q) and textbook.QUOTED in q._repr_html_()
    assert "20–85%" in str(textbook.quote("ch1_repeat_customer_extra_profit"))


def test_calibrated_shows_both_numbers_and_never_a_tick():
    c = textbook.calibrated(0.42, "case_vanke_referred_buyers")
    assert c.ok and not c.ticked and c.kind == "calibrated"
    assert "✓" not in str(c) and textbook.CALIBRATED in str(c) and "42%" in str(c)
    miss = textbook.calibrated(0.62, "case_vanke_referred_buyers")
    assert not miss.ok and textbook.MISMATCH in str(miss)
    assert 'data-kind="calibrated"' in c._repr_html_()


def test_compare_shows_tick_or_cross_with_source():
    ok = textbook.compare(920, "ch1_clv_example", inputs=())
    html = ok._repr_html_()
    assert "✓" in html and textbook.MATCH in html and "[000]" in html
    assert textbook.MISMATCH not in html
    bad = textbook.compare(800, "ch1_clv_example", inputs=())
    text = str(bad)
    assert "✗" in text and textbook.MISMATCH in text and "800" in text and "$920" in text
    assert 'data-ok="false"' in bad._repr_html_()


def test_share_figures_compare_as_fractions():
    row = textbook.figures().query("unit == 'share' and bound == 'exact'").iloc[0]
    assert textbook.compare(float(row["value"]), row["id"], inputs=()).ok
    assert not textbook.compare(float(row["value"]) * 100, row["id"], inputs=()).ok


@pytest.mark.parametrize("tol", [math.inf, math.nan, -0.1, "0.1", True])
def test_tolerances_must_be_finite_and_nonnegative(tol):
    with pytest.raises((InputError, InputTypeError), match="rtol"):
        textbook.compare(0, "ch1_clv_example", inputs=(), rtol=tol)
    with pytest.raises((InputError, InputTypeError), match="atol"):
        textbook.compare(0, "ch1_clv_example", inputs=(), atol=tol)
    with pytest.raises((InputError, InputTypeError), match="atol"):
        textbook.calibrated(0, "ch1_clv_example", atol=tol)


def test_bad_input():
    with pytest.raises(InputError, match="figure_id"):
        textbook.compare(1, "no_such_figure", inputs=())
    with pytest.raises(InputError, match="inputs"):
        textbook.compare(1, "ch1_clv_example", inputs=("no_such_figure",))
    with pytest.raises(InputError, match="computed"):
        textbook.compare(float("nan"), "ch1_clv_example", inputs=())
    with pytest.raises(InputError, match="computed"):
        textbook.compare(10**400, "ch1_clv_example", inputs=())
    with pytest.raises(InputTypeError, match="figure_id"):
        textbook.figure(123)
    with pytest.raises(InputTypeError, match="figure_id"):
        textbook.value(None)
    with pytest.raises(InputError, match="chapter"):
        textbook.figures(9)
    with pytest.raises(InputTypeError, match="chapter"):
        textbook.figures(1.5)


def test_chapter_filter():
    ch1 = textbook.figures(1)
    assert (ch1["chapter"] == "1").all() and "ch1_clv_example" in ch1.index


def test_sources_name_the_document_not_the_workbook_chapter():
    # [001] is the course's chapter 16 even though the workbook quotes it in its chapter 1
    text = str(textbook.quote("ch1_unhappy_never_complain"))
    assert "[001]" in text and "第16章" in text and "第1章" not in text
    for seed in textbook.figures()["seed"].unique():
        assert seed in textbook.SEEDS


def test_a_display_shared_by_two_figures_shows_which_one():
    # "20%→120%" stands for both the 20% of customers and the 120% of profit
    assert "20%（教材写法：20%→120%）" in str(textbook.quote("ch1_whale_customer_share"))
    assert "120%（教材写法：20%→120%）" in str(textbook.quote("ch1_whale_profit_share"))
    assert "（教材写法" not in str(textbook.quote("ch1_unhappy_never_complain"))


def test_range_ends_have_only_float_slack():
    assert not textbook.compare(100.0000000001, "ch7_satisfaction_scale", inputs=()).ok
    assert not textbook.compare(-1e-9, "ch7_satisfaction_scale", inputs=()).ok
    assert textbook.compare(0.1 + 0.2 - 0.1, "ch5_high_value_share", inputs=()).ok  # 0.20000000000000004
