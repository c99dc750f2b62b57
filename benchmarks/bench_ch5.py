"""Speed of the Chapter 5 functions against peers and naive code (not a test).

Run from the repository root (``make bench`` calls the same)::

    python benchmarks/bench_ch5.py

What it does: simulates 1,000,000 transactions of 100,000 customers (seeded),
times (median of 7 runs; the naive version once) ``rfm_table`` in both modes, ``abc_classify`` and
``gini`` on 1,000,000 values, the key-account functions (trend, scorecard,
customer summary) on the same 1,000,000 order lines and with yyyymmdd integer
dates, a naive pandas ``groupby().apply`` RFM, and —
when a Python with ``lifetimes`` is available — lifetimes'
``summary_data_from_transaction_data`` on the same data, in a subprocess (the
data are passed as a CSV file; reading it is not timed).  It also checks that
``rfm_table(mode="repeat")`` equals lifetimes' output on the 1M rows.

lifetimes is not a dependency of crmlab (it needs pandas < 3); set it up once::

    python3 -m venv /tmp/venv_lifetimes
    /tmp/venv_lifetimes/bin/pip install lifetimes "pandas<3" "numpy<2"

and point ``LIFETIMES_PYTHON`` at it if it lives elsewhere.  Without it the
lifetimes comparison is reported as skipped.  ``--quick`` skips the naive RFM
(about a minute) and lifetimes.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from crmlab.accounts import customer_summary, key_account_scorecard, key_account_trend
from crmlab.segments import abc_classify, gini, rfm_table

N_TX = 1_000_000
N_CUSTOMERS = 100_000
RUNS = 7
LIFETIMES_PYTHON = os.environ.get("LIFETIMES_PYTHON", "/tmp/venv_lifetimes/bin/python")

_LIFETIMES_SCRIPT = r"""
import json, statistics, sys, time
import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data
tx = pd.read_csv(sys.argv[1], parse_dates=["date"])
runs = int(sys.argv[3])
times = []
for _ in range(runs):
    t = time.perf_counter()
    out = summary_data_from_transaction_data(tx, "customer_id", "date", "sales",
                                             observation_period_end="2025-12-31", freq="D")
    times.append(time.perf_counter() - t)
out.to_csv(sys.argv[2], float_format="%.17g")
print(json.dumps({"median": statistics.median(times), "pandas": pd.__version__}))
"""


def make_transactions(seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weights = rng.lognormal(0, 1, N_CUSTOMERS)
    cust = rng.choice(N_CUSTOMERS, size=N_TX, p=weights / weights.sum())
    days = rng.integers(0, 3 * 365, N_TX)
    dates = np.datetime64("2023-01-01") + days.astype("timedelta64[D]")
    sales = np.round(rng.lognormal(4, 1, N_TX), 2)
    return pd.DataFrame({"customer_id": cust, "date": dates.astype("datetime64[ns]"),
                         "sales": sales})


def median_time(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def naive_rfm(tx: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    return tx.groupby("customer_id").apply(
        lambda g: pd.Series({"recency": (end - g["date"].max()).days,
                             "frequency": len(g), "monetary": g["sales"].sum()}),
        include_groups=False)


def run_lifetimes(tx: pd.DataFrame, runs: int):
    if not Path(LIFETIMES_PYTHON).exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "tx.csv", Path(tmp) / "out.csv"
        tx.to_csv(src, index=False)
        done = subprocess.run([LIFETIMES_PYTHON, "-c", _LIFETIMES_SCRIPT, str(src), str(dst),
                               str(runs)], capture_output=True, text=True, check=True)
        info = json.loads(done.stdout.strip().splitlines()[-1])
        info["output"] = pd.read_csv(dst, index_col="customer_id")
    return info


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    tx = make_transactions()
    end = pd.Timestamp("2025-12-31")
    values = np.random.default_rng(1).lognormal(0, 1.5, N_TX)
    by_customer = tx.groupby("customer_id")["sales"].sum()
    results = {
        "rfm_table classic": median_time(lambda: rfm_table(tx, observation_end=end)),
        "rfm_table repeat": median_time(lambda: rfm_table(tx, observation_end=end,
                                                          mode="repeat")),
        "abc_classify (100k customers)": median_time(lambda: abc_classify(by_customer)),
        "abc_classify (1M values)": median_time(lambda: abc_classify(pd.Series(values))),
        "gini (1M values)": median_time(lambda: gini(values)),
        "gini (1M values near 1e308)": median_time(lambda: gini(values * 1e300)),
    }
    ymd = tx.assign(date=tx["date"].dt.strftime("%Y%m%d").astype(np.int64))
    orders = tx.assign(cost=tx["sales"] * 0.8, profit=tx["sales"] * 0.1)
    kas = key_account_trend(tx, threshold=5_000, window=12)
    status_ids = by_customer.nlargest(5_000).index
    results.update({
        "rfm_table classic, yyyymmdd ints": median_time(lambda: rfm_table(ymd, observation_end=end)),
        "key_account_trend (1M lines)": median_time(lambda: key_account_trend(tx, 5_000)),
        "key_account_trend, yyyymmdd ints": median_time(lambda: key_account_trend(ymd, 5_000)),
        "key_account_scorecard (5k KAs)": median_time(
            lambda: key_account_scorecard(orders, status_ids, 2025)),
        "customer_summary (1M lines)": median_time(lambda: customer_summary(orders)),
    })
    assert len(kas) == 36 - 11
    if quick:
        print(f"{N_TX:,} transactions (quick: no naive RFM, no lifetimes); pandas {pd.__version__}")
        for name, secs in results.items():
            print(f"  {name:36s} {secs:8.3f} s")
        ok = results["gini (1M values)"] < 0.2
        print("  targets met" if ok else "  TARGETS MISSED")
        return 0 if ok else 1
    t0 = time.perf_counter()
    naive = naive_rfm(tx, end)          # about a minute: timed once
    results["naive groupby-apply RFM (1 run)"] = time.perf_counter() - t0
    # the naive RFM agrees with the classic table
    classic = rfm_table(tx, observation_end=end)
    assert np.array_equal(naive["frequency"].to_numpy(), classic["frequency"].to_numpy())
    assert np.array_equal(naive["recency"].to_numpy(), classic["recency"].to_numpy())
    assert np.allclose(naive["monetary"].to_numpy(), classic["monetary"].to_numpy(),
                       rtol=1e-12)

    lt = run_lifetimes(tx, RUNS)
    print(f"{N_TX:,} transactions, {tx['customer_id'].nunique():,} customers; "
          f"median of {RUNS} runs (naive: 1 run); pandas {pd.__version__}, numpy {np.__version__}")
    for name, secs in results.items():
        print(f"  {name:36s} {secs:8.3f} s")
    repeat = results["rfm_table repeat"]
    if lt is None:
        print(f"  lifetimes: skipped (no {LIFETIMES_PYTHON})")
    else:
        ours = rfm_table(tx, observation_end=end, mode="repeat")
        ref = lt["output"]
        assert ours.index.tolist() == ref.index.tolist()
        for col in ("frequency", "recency", "T"):
            assert np.array_equal(ours[col].to_numpy(), ref[col].to_numpy()), col
        rel = np.max(np.abs(ours["monetary_value"].to_numpy() - ref["monetary_value"].to_numpy())
                     / np.maximum(1.0, np.abs(ref["monetary_value"].to_numpy())))
        assert rel < 1e-12, rel
        exact = np.mean(ours["monetary_value"].to_numpy() == ref["monetary_value"].to_numpy())
        print(f"  {'lifetimes summary (pandas ' + lt['pandas'] + ')':32s} {lt['median']:8.3f} s")
        print(f"  repeat-mode output equals lifetimes': counts identical; monetary_value "
              f"bit-identical for {exact:.1%} of customers, max relative difference {rel:.1e}")
        print(f"  speed-up rfm_table repeat vs lifetimes: {lt['median'] / repeat:5.1f}x "
              f"(target >= 2x)")
    print(f"  speed-up rfm_table classic vs naive:    "
          f"{results['naive groupby-apply RFM (1 run)'] / results['rfm_table classic']:5.1f}x")
    print(f"  gini on 1e6 values: {results['gini (1M values)']:.3f} s (target < 0.2 s)")
    ok = results["gini (1M values)"] < 0.2 and (lt is None or lt["median"] / repeat >= 2)
    print("  targets met" if ok else "  TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
