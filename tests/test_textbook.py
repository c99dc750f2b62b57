import pandas as pd
import pytest

from crmlab import textbook
from crmlab.validation import InputError


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


def test_the_worked_clv_example_is_consistent():
    years = textbook.value("ch1_clv_example_years")
    profit = textbook.value("ch1_clv_example_annual_profit")
    cost = textbook.value("ch1_clv_example_acquisition_cost")
    assert years * profit - cost == textbook.value("ch1_clv_example") == 920


def test_compare_matches_to_the_stated_precision():
    assert textbook.compare(920, "ch1_clv_example").ok
    assert textbook.compare(920.4, "ch1_clv_example").ok       # half a unit of 920
    assert not textbook.compare(921, "ch1_clv_example").ok
    assert not textbook.compare(920.4, "ch1_clv_example", atol=0.1).ok


def test_compare_shows_tick_or_cross_with_source():
    ok = textbook.compare(920, "ch1_clv_example")
    html = ok._repr_html_()
    assert "✓" in html and textbook.MATCH in html and "[000]" in html
    assert textbook.MISMATCH not in html
    bad = textbook.compare(800, "ch1_clv_example")
    text = str(bad)
    assert "✗" in text and textbook.MISMATCH in text and "800" in text and "$920" in text
    assert 'data-ok="false"' in bad._repr_html_()


def test_share_figures_compare_as_fractions():
    row = textbook.figures().query("unit == 'share'").iloc[0]
    assert textbook.compare(row["value"], row["id"]).ok
    assert not textbook.compare(row["value"] * 100, row["id"]).ok


def test_bad_input():
    with pytest.raises(InputError, match="figure_id"):
        textbook.compare(1, "no_such_figure")
    with pytest.raises(InputError, match="computed"):
        textbook.compare(float("nan"), "ch1_clv_example")
    with pytest.raises(InputError, match="chapter"):
        textbook.figures(9)


def test_chapter_filter():
    ch1 = textbook.figures(1)
    assert (ch1["chapter"] == "1").all() and "ch1_clv_example" in ch1.index
