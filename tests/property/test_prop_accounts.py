"""Key accounts (crmlab.accounts) equal rolling sums done by hand, on random orders.

A customer is a key account (大客户) in month t when its sales over the w months
ending in t reach the annual standard scaled to the window, threshold × w / 12
(crmlab.accounts.key_account_status; [003] 大客户标准, annualised convention of the
chapter).  Only months with a complete window are judged.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crmlab import accounts
from crmlab.validation import CRMLabError

orders = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(0, 729),
              st.floats(1.0, 1e5).map(lambda v: round(v, 2))),
    min_size=1, max_size=60)


def _frame(rows):
    o = pd.DataFrame(rows, columns=["customer_id", "day", "sales"])
    o["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(o["day"], unit="D")
    return o[["customer_id", "date", "sales"]]


def _by_hand(o, window):
    month = o["date"].dt.to_period("M")
    months = pd.period_range(month.min(), month.max(), freq="M")
    grid = o.assign(month=month).pivot_table(index="customer_id", columns="month", values="sales",
                                             aggfunc="sum", fill_value=0.0)
    grid = grid.reindex(columns=months, fill_value=0.0).sort_index()
    rolling = {}
    for i in range(window - 1, len(months)):
        rolling[months[i]] = grid.iloc[:, i - window + 1:i + 1].sum(axis=1)
    return pd.DataFrame(rolling)


@given(rows=orders, window=st.integers(1, 12), q=st.floats(0.0, 1.0))
def test_key_accounts_equal_rolling_sums_by_hand(rows, window, q):
    o = _frame(rows)
    sums = _by_hand(o, window)
    if sums.empty:  # fewer months than the window: nothing to judge, or a clear refusal
        return
    annual = float(np.quantile(sums.to_numpy(), q)) * 12 / window
    annual = max(annual, 1.0)
    limit = accounts.window_threshold(annual, window)
    assert np.isclose(limit, annual * window / 12, rtol=1e-12)
    status = accounts.key_account_status(o, annual, window=window)
    assert list(status.index) == list(sums.index)
    assert [str(c) for c in status.columns] == [str(c) for c in sums.columns]
    want = sums.to_numpy() >= limit
    near = np.isclose(sums.to_numpy(), limit, rtol=1e-9)
    got = status.to_numpy().astype(bool)
    assert (got == want)[~near].all()
    trend = accounts.key_account_trend(o, annual, window=window)
    assert trend["key_accounts"].astype(int).tolist() == status.sum(axis=0).astype(int).tolist()
    what = accounts.key_account_whatif(o, annual, window=window)
    panel = accounts.key_account_panel_model(o, annual, window=window)
    last = int(status.iloc[:, -1].sum())
    assert last in _ints(what) and last in _ints(panel)


def _ints(d):
    return {int(v) for v in d.values() if isinstance(v, (int, np.integer)) and not isinstance(v, bool)}


@given(rows=orders)
def test_monthly_sales_equal_groupby(rows):
    """Documented: customer-months with sales as a groupby gives them; zero rows only so
    that every month of the span and every customer keep at least one row."""
    o = _frame(rows)
    m = accounts.monthly_sales(o)
    want = (o.assign(month=o["date"].dt.to_period("M").dt.to_timestamp())
            .groupby(["customer_id", "month"])["sales"].sum())
    sold = m[m["sales"] != 0]
    assert len(sold) == len(want)
    np.testing.assert_allclose(sold["sales"].to_numpy(), want.to_numpy(), rtol=1e-12)
    assert (sold["date"].to_numpy() == want.index.get_level_values("month").to_numpy()).all()
    assert (m.loc[m["sales"] == 0, "sales"] == 0).all() and not m.duplicated(["customer_id", "date"]).any()
    span = pd.date_range(want.index.get_level_values("month").min(),
                         want.index.get_level_values("month").max(), freq="MS")
    assert set(pd.to_datetime(m["date"])) == set(span)
    assert set(m["customer_id"]) == set(o["customer_id"])
    # the zero rows change no key-account judgement: the trend of the monthly table is the orders'
    for window in (1, 3):
        try:
            direct = accounts.key_account_trend(o, 1000.0, window=window)
        except CRMLabError as err:   # fewer months than the window: the same refusal both ways
            with pytest.raises(CRMLabError):
                accounts.key_account_trend(m, 1000.0, window=window)
            assert "window" in str(err)
            continue
        pd.testing.assert_frame_equal(accounts.key_account_trend(m, 1000.0, window=window), direct)
