"""Data loaders, hashing and setup (crmlab.datasets, crmlab.plotting)."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import crmlab
import propkit
from crmlab import datasets

from propkit import error_problem


@given(text=st.text(max_size=20))
def test_sha256_refuses_text(text):
    try:
        datasets.sha256(text)
    except Exception as exc:  # noqa: BLE001
        assert error_problem(exc, "data") is None
    else:
        raise AssertionError(f"sha256 accepted text {text!r}")
    assert datasets.sha256(text.encode()) == hashlib.sha256(text.encode()).hexdigest()


def test_loaders_match_cards():
    """Every named loader (``load_<name>`` in ``datasets.__all__``) returns its card's data.

    A loader of several tables (``load_operator_contacts``) returns a dict of frames,
    each the data set ``operator_<key>``.
    """
    named = ("load_textbook_figures", "load_cafe_customers", "load_beverage_orders",
             "load_beverage_customers", "load_beverage_products", "load_mobile_subscribers",
             "load_distributor_lifecycle", "load_credit_ledger", "load_distributor_applicants",
             "load_carcare_survey", "load_vanke_sales", "load_vanke_member_survey",
             "load_supermarket_baskets", "load_operator_contacts")
    assert set(named) == {n for n in datasets.__all__ if n.startswith("load_")}, "a new loader: list it here"
    loaders = {n[len("load_"):]: getattr(datasets, n) for n in named}
    assert datasets.data_dir().is_dir()
    for name, load in loaders.items():
        frames = load()
        if isinstance(frames, dict):
            frames = {f"{name.split('_')[0]}_{key}": f for key, f in frames.items()}
        else:
            frames = {name: frames}
        for data_set, frame in frames.items():
            assert data_set in datasets.names(), (name, data_set)
            card = datasets.card(data_set)
            assert len(frame) == card["rows"], data_set
            assert datasets.sha256(datasets.csv_bytes(frame)) == card["sha256"], data_set
    assert callable(datasets.build)  # build writes files: exercised by make data, not here


def test_setup_is_idempotent():
    crmlab.setup()
    import matplotlib
    before = dict(matplotlib.rcParams)
    crmlab.setup()
    assert dict(matplotlib.rcParams) == before


@given(spec=st.one_of(st.sampled_from(["{:d}", "{:.1f", "{:x}", "{}{}", "{:%Y}"]),
                      st.integers(), st.none(), st.lists(st.just("{:.1f}"), max_size=2)))
def test_display_table_refuses_bad_formats(spec):
    """display.table(formats=...) refuses a format that cannot show the column's numbers."""
    from crmlab import display
    frame = pd.DataFrame({"sales": [1234.5, 10.25]})
    try:
        styled = display.table(frame, formats={"sales": spec})
        html = styled.to_html()
    except Exception as exc:  # noqa: BLE001
        assert error_problem(exc, ("formats", "sales")) is None
    else:
        assert "1234.5" not in html or spec is None, f"format {spec!r} accepted: {html[:200]}"


@given(dup=st.sampled_from(["P01", "P02", "P03"]))
def test_composition_ratios_refuses_a_duplicated_product(dup):
    from crmlab import accounts
    o = propkit.orders_year()
    products = sorted(o["product_id"].unique())
    inventory = pd.Series(100.0, index=products + [dup])
    with pytest.raises(Exception) as info:
        accounts.composition_ratios(o, inventory=inventory)
    assert error_problem(info.value, ("inventory", dup)) is None
    ok = accounts.composition_ratios(o, inventory=pd.Series(100.0, index=products))
    assert len(ok) == len(products) and not propkit.nonfinite_columns(ok)
