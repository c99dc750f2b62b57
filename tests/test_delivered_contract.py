"""Regression tests for the property-suite findings on crmlab.delivered: bad input gives
InputError/InputTypeError naming the argument, in English and Chinese; never a raw
TypeError, a silent NaN or an accepted bad value."""
import math

import numpy as np
import pytest

import crmlab.delivered as D
from crmlab import datasets
from crmlab.delivered.panels import our_offer_panel_model, price_or_value_panel
from crmlab.validation import InputError, InputTypeError


@pytest.fixture(scope="module")
def survey():
    return datasets.load("fridge_survey")


@pytest.fixture(scope="module")
def ow(survey):
    return D.offer_profiles(survey), D.segment_weights(survey)


def _bilingual(msg):
    assert any("\u4e00" <= ch <= "\u9fff" for ch in msg), msg


# 1. list-valued offer, segment or respondent ids
@pytest.mark.parametrize("func, col", [(D.offer_profiles, "offer"), (D.segment_weights, "segment"),
                                       (D.segment_weights, "respondent_id")])
def test_list_valued_ids_are_refused(survey, func, col):
    bad = survey.assign(**{col: [[v] for v in survey[col]]})
    with pytest.raises(InputTypeError) as e:
        func(bad)
    msg = str(e.value)
    assert f"survey[{col!r}]" in msg and "list" in msg
    _bilingual(msg)


# 2. value_lever of the price-or-value panel
@pytest.mark.parametrize("bad", [None, [1], "monetary_cost"])
def test_price_or_value_panel_refuses_a_bad_value_lever(ow, bad):
    o, w = ow
    with pytest.raises(InputError) as e:
        price_or_value_panel(o, w, value_lever=bad)
    assert "value_lever" in str(e.value)
    _bilingual(str(e.value))


# 3. a huge lead: the price cut cannot do it, which is said as None, not NaN
def test_cheapest_lever_huge_lead_has_no_nan(ow):
    o, w = ow
    r = D.cheapest_lever(o, "丁", w, "服务导向型", lead=2 ** 63)
    assert r["price_cut_cost"] is None
    assert r["lever"] in D.VALUE_COMPONENTS and math.isfinite(r["firm_cost"])
    ok = D.cheapest_lever(o, "丁", w, "服务导向型")
    assert math.isfinite(ok["price_cut_cost"]) and ok["price_cut_cost"] > 0


# 4. a huge sensitivity gives the highest-CDV rule, not NaN shares
@pytest.mark.parametrize("func", [D.our_offer_whatif, our_offer_panel_model])
@pytest.mark.parametrize("lam", [1e308, 1e300, 650.0])
def test_huge_sensitivity_gives_finite_shares(ow, func, lam):
    o, w = ow
    r = func(o, w, "丁", sensitivity=lam)
    shares = r["shares"].to_numpy()
    assert np.isfinite(shares).all() and np.allclose(shares.sum(axis=1), 1)
    cdv = r["cdv_by_segment"]
    best = cdv.to_numpy().argmax(axis=1)
    if lam >= 1e300:
        assert np.allclose(shares[np.arange(len(best)), best], 1)
    assert all(math.isfinite(r[f"share_{i}"]) for i in range(len(w)))


def test_logit_shares_stable_and_unchanged():
    import pandas as pd
    cdv = pd.Series({"甲": 0.0, "乙": 1000.0, "丙": 2000.0})
    assert D.logit_shares(cdv, 1.0).round(4).tolist() == [0.09, 0.2447, 0.6652]
    assert D.logit_shares(cdv, 1e308).tolist() == [0.0, 0.0, 1.0]
    assert D.logit_shares(cdv, 0).tolist() == pytest.approx([1 / 3] * 3)


def test_price_or_value_huge_sensitivity_is_finite(ow):
    o, w = ow
    t = D.price_or_value(o, w, "丁", 300, sensitivity=1e308)
    assert np.isfinite(t.select_dtypes("number").to_numpy()).all()


# 5. an overflowing component is named, not `cdv`
@pytest.mark.parametrize("func", [D.our_offer_whatif, our_offer_panel_model])
def test_overflowing_component_is_named(ow, func):
    o, w = ow
    with pytest.raises(InputError) as e:
        func(o, w, "丁", sensitivity=650, service_value=1e308)
    msg = str(e.value)
    assert msg.startswith("service_value") and not msg.startswith("cdv")
    _bilingual(msg)
