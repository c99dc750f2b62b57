import pandas as pd
import pytest

from crmlab import display
from crmlab.validation import InputError, InputTypeError


def test_every_glossary_file_is_well_formed():
    g = display.glossary()
    assert set(g["topic"]) == set(display.topics()) and "common" in display.topics()
    assert not g.duplicated(["topic", "id"]).any()
    assert g["label"].str.contains(r"[\u3400-\u9fff]").all()         # labels are Chinese
    for spec in g["fmt"]:
        if spec:
            spec.format(1.5)                                         # a format for numbers


def test_one_term_per_concept():
    g = display.glossary()
    labels = " ".join(g["label"])
    assert "贴现率" not in labels and "毛利倍数" not in labels
    # one Chinese term per concept, whatever id a topic gives it
    for english, term in {"discount rate": "折现率", "retention rate": "留存率",
                          "margin multiple": "利润乘数"}.items():
        rows = g[g["en"].str.contains(english, case=False)]
        assert len(rows) and rows["label"].str.contains(term).all(), rows
    # a margin multiple is a number of periods' margin: its unit is always stated
    multiples = g[g["label"].str.contains("利润乘数")]
    assert (multiples["unit"] != "").all(), multiples


def test_label_unit_and_number():
    assert display.label("sales") == "销售额（元）"
    assert display.label("sales", unit=False) == "销售额"
    assert display.number(0.1234, "discount_rate") == "12.3%"
    assert display.number(float("nan"), "sales") == "—"
    with pytest.raises(InputError, match="ident"):
        display.label("no_such_id")
    with pytest.raises(InputTypeError, match="ident"):
        display.label(["sales"])
    with pytest.raises(InputTypeError, match="x"):
        display.number("12", "sales")
    with pytest.raises(InputError, match="topic"):
        display.label("sales", topic="no_such_topic")


def test_table_relabels_formats_and_refuses_english():
    t = pd.DataFrame({"sales": [1234.5, None], "retention": [0.8, 0.5], "高端": [1, 2]},
                     index=pd.Index(["K1", "K2"], name="customer_id"))
    html = display.table(t).to_html()
    assert "销售额（元）" in html and "1,234" in html and "80.0%" in html and "—" in html
    assert "客户编号" in html and "高端" in html and ">sales<" not in html
    with pytest.raises(InputError, match="English-only headers.*mystery"):
        display.table(t.assign(mystery=1))
    html = display.table(t.assign(mystery=1), labels={"mystery": "神秘列"}).to_html()
    assert "神秘列" in html
    with pytest.raises(InputError, match="labels"):
        display.table(t, labels={"sales": "Sales"})
    assert "销售额（元）" in display.table(t["sales"]).to_html()        # a Series too
    assert "1,234.50" in display.table(t, formats={"sales": "{:,.2f}"}).to_html()


def test_table_bad_input():
    t = pd.DataFrame({"sales": [1.0]})
    with pytest.raises(InputTypeError, match="frame"):
        display.table([1, 2])
    with pytest.raises(InputError, match="formats"):
        display.table(t, formats={"nope": "{:.0f}"})
    with pytest.raises(InputError, match="formats"):
        display.table(t, formats={"sales": "{:d}"})      # not a format for floats
    with pytest.raises(InputTypeError, match="formats"):
        display.table(t, formats={"sales": 3})
    with pytest.raises(InputTypeError, match="formats"):
        display.table(t, formats=["{:.0f}"])


def test_english_headers():
    assert display.english_headers(["客户数", "share", "RFM 分群", 3, "2024"]) == ["share"]


def test_fuzz_findings_are_refused_or_shown_properly():
    from fractions import Fraction
    assert display.number(Fraction(1, 2), "retention") == "50.0%"
    for bad in (float("inf"), -float("inf"), 10**400):
        with pytest.raises(InputError, match="x must be a finite number"):
            display.number(bad, "sales")
    for bad in ("no", 1, None, pd.NA):
        with pytest.raises(InputTypeError, match="unit must be True or False"):
            display.label("sales", unit=bad)
    with pytest.raises(InputTypeError, match="headers"):
        display.english_headers(None)
    with pytest.raises(InputError, match="infinite values in column 'sales'"):
        display.table(pd.DataFrame({"sales": [1.0, float("inf")]}))
    with pytest.raises(InputTypeError, match="index must be True or False"):
        display.table(pd.DataFrame({"sales": [1.0]}), index="no")
