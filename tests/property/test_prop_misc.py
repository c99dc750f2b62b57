"""Data loaders, hashing and setup (crmlab.datasets, crmlab.plotting)."""
from __future__ import annotations

import hashlib

import crmlab
from hypothesis import given, strategies as st

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
    loaders = {"textbook_figures": datasets.load_textbook_figures,
               "cafe_customers": datasets.load_cafe_customers,
               "beverage_orders": datasets.load_beverage_orders,
               "beverage_customers": datasets.load_beverage_customers,
               "beverage_products": datasets.load_beverage_products,
               "mobile_subscribers": datasets.load_mobile_subscribers}
    assert set(loaders) <= set(datasets.names())
    assert datasets.data_dir().is_dir()
    for name, load in loaders.items():
        card = datasets.card(name)
        frame = load()
        assert len(frame) == card["rows"], name
        assert datasets.sha256(datasets.csv_bytes(frame)) == card["sha256"], name
    assert callable(datasets.build)  # build writes files: exercised by make data, not here


def test_setup_is_idempotent():
    crmlab.setup()
    import matplotlib
    before = dict(matplotlib.rcParams)
    crmlab.setup()
    assert dict(matplotlib.rcParams) == before
