"""Make the lifetimes reference fixture for tests/test_segments.py (dev-only).

lifetimes is not a dependency of crmlab.  This script, run once by a developer in
a separate environment that has it, writes what
``lifetimes.utils.summary_data_from_transaction_data`` returns for a small
hand-made transaction set, so that the tests can check that
``crmlab.segments.rfm_table(mode="repeat")`` gives exactly the same table.

    python3 -m venv /tmp/venv_lifetimes
    /tmp/venv_lifetimes/bin/pip install lifetimes "pandas<3" "numpy<2"
    /tmp/venv_lifetimes/bin/python tests/data/make_lifetimes_fixture.py

Outputs (beside this file): ``lifetimes_transactions.csv`` (the input) and
``lifetimes_summary_D.csv``, ``lifetimes_summary_W.csv`` (lifetimes' output
with freq "D" and "W", observation end 2024-03-31).
"""
from pathlib import Path

import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data

HERE = Path(__file__).resolve().parent
OBSERVATION_END = "2024-03-31"

# Amounts are multiples of 0.25 so that every sum and mean is exact in binary.
ROWS = [
    # several purchases, two on the same day (merged into one period)
    ("c01", "2024-01-02", 10.0), ("c01", "2024-01-02", 5.5), ("c01", "2024-01-09", 20.0),
    ("c01", "2024-02-14", 7.25), ("c01", "2024-03-30", 12.0),
    # one purchase only
    ("c02", "2024-01-15", 40.0),
    # two purchases in the same week but on different days (one period with freq "W")
    ("c03", "2024-01-08", 3.0), ("c03", "2024-01-10", 4.0), ("c03", "2024-02-26", 9.5),
    # same day twice only: one period, frequency 0
    ("c04", "2024-02-01", 8.0), ("c04", "2024-02-01", 8.0),
    # first purchase on the observation end (T = 0)
    ("c05", "2024-03-31", 15.0),
    # weekly buyer over a Sunday/Monday boundary
    ("c06", "2024-03-03", 1.75), ("c06", "2024-03-04", 2.25), ("c06", "2024-03-11", 6.0),
    ("c06", "2024-03-17", 0.0), ("c06", "2024-03-18", 11.5),
    # ids that sort differently from their order of appearance
    ("c10", "2024-01-01", 100.0), ("c10", "2024-03-01", 50.0),
    ("a99", "2024-02-29", 30.0), ("a99", "2024-03-01", 30.0), ("a99", "2024-03-31", 0.5),
]


def main() -> None:
    tx = pd.DataFrame(ROWS, columns=["customer_id", "date", "sales"])
    tx.to_csv(HERE / "lifetimes_transactions.csv", index=False, lineterminator="\n")
    tx["date"] = pd.to_datetime(tx["date"])
    for freq in ("D", "W"):
        out = summary_data_from_transaction_data(
            tx, "customer_id", "date", monetary_value_col="sales",
            observation_period_end=OBSERVATION_END, freq=freq)
        out.to_csv(HERE / f"lifetimes_summary_{freq}.csv", lineterminator="\n",
                   float_format="%.17g")


if __name__ == "__main__":
    main()
