"""yyyymmdd and text dates are parsed correctly or refused, never read as nanoseconds (issue 11 §2).

For rfm_table, monthly_sales and the key-account functions the same orders with
proper datetimes give the reference; an order table whose dates are yyyymmdd
integers or floats, or ISO text, must give the same result or a clear InputError.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crmlab import accounts, segments

from propkit import error_problem

orders = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 700), st.floats(1.0, 1e4).map(lambda v: round(v, 2))),
    min_size=1, max_size=30)

FUNCS = {
    "segments.rfm_table": lambda o: segments.rfm_table(o),
    "accounts.monthly_sales": lambda o: accounts.monthly_sales(o).drop(columns="date"),
    "accounts.key_account_status": lambda o: accounts.key_account_status(o, 50_000.0, window=3),
    "accounts.key_account_trend": lambda o: accounts.key_account_trend(o, 50_000.0, window=3),
}


def _encode(d, how):
    if how == "yyyymmdd int":
        return (d.dt.year * 10000 + d.dt.month * 100 + d.dt.day).astype("int64")
    if how == "yyyymmdd float":
        return (d.dt.year * 10000 + d.dt.month * 100 + d.dt.day).astype(float)
    return d.dt.strftime("%Y-%m-%d").astype(object)


@pytest.mark.parametrize("func", sorted(FUNCS))
@pytest.mark.parametrize("how", ["yyyymmdd int", "yyyymmdd float", "ISO text"])
@given(rows=orders)
def test_dates_are_parsed_or_refused(func, how, rows):
    o = pd.DataFrame(rows, columns=["customer_id", "day", "sales"])
    o["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(o["day"], unit="D")
    o = o[["customer_id", "date", "sales"]]
    try:
        want = FUNCS[func](o)
    except Exception as exc:  # noqa: BLE001 - e.g. fewer months than the window
        assert error_problem(exc, ("orders", "window", "transactions")) is None
        return
    bad = o.assign(date=_encode(o["date"], how))
    try:
        got = FUNCS[func](bad)
    except Exception as exc:  # noqa: BLE001
        assert error_problem(exc, ("date", "orders", "transactions", "datetime_col", "date_col")) is None
        return
    assert got.shape == want.shape, f"{func} read {how} dates differently: {got.shape} vs {want.shape}"
    assert [str(c) for c in got.columns] == [str(c) for c in want.columns]
    for c in want.columns:
        a, b = got[c].to_numpy(), want[c].to_numpy()
        if np.issubdtype(np.asarray(b).dtype, np.number):
            np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-9)
        else:
            assert (pd.Series(a).astype(str) == pd.Series(b).astype(str)).all()
