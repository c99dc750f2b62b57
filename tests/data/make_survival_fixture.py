"""Make the lifelines reference fixture for tests/test_churn.py (dev-only).

lifelines is not a dependency of crmlab (lifelines 0.30 requires pandas < 3).
This script, run once by a developer in a separate environment that has it,
fits lifelines' ``KaplanMeierFitter`` to the simulated subscribers of
``datasets/mobile_subscribers.csv`` (模拟数据) with the same durations,
censoring and left truncation (``entry``) as
``crmlab.churn.survival_by_segment(subs)`` (window months 1–36), so that the
tests can check that crmlab's own Kaplan–Meier curves (counted per month, no
survival library at run time; ``tests/test_churn.py`` also checks them against
statsmodels' ``SurvfuncRight``) and their 95% intervals agree with lifelines.

    python3 -m venv /tmp/venv_lifelines
    /tmp/venv_lifelines/bin/pip install lifelines "pandas<3"
    /tmp/venv_lifelines/bin/python tests/data/make_survival_fixture.py

Output (beside this file): ``lifelines_km_mobile.csv`` with columns
``segment, tenure_months, survival, ci_lower, ci_upper`` (lifelines' KM
estimate and its default 95% interval, exponential Greenwood / log(−log)) and
``median`` (lifelines' ``median_survival_time_``, repeated on every row of the
segment) for the segments 高端, 青年 and 全部 (all subscribers).
"""
from pathlib import Path

import lifelines
import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "datasets" / "mobile_subscribers.csv"
START, END = 1, 36
SEGMENTS = ["高端", "青年", "全部"]


def main() -> None:
    subs = pd.read_csv(DATA, usecols=["segment", "join_month", "churn_month"])
    join = subs["join_month"].to_numpy(float)
    churn = subs["churn_month"].to_numpy(float)
    use = (join < END) & (np.isnan(churn) | (churn >= START))
    event = ~np.isnan(churn[use])
    duration = np.where(event, churn[use], END) - join[use]
    entry = np.maximum(0.0, (START - 1) - join[use])
    segment = subs["segment"].to_numpy(str)[use]
    timeline = np.arange(0, int(duration.max()) + 1)
    parts = []
    for g in SEGMENTS:
        m = np.ones(segment.size, bool) if g == "全部" else segment == g
        kmf = KaplanMeierFitter().fit(duration[m], event_observed=event[m], entry=entry[m],
                                      timeline=timeline)
        ci = kmf.confidence_interval_survival_function_.to_numpy()
        parts.append(pd.DataFrame({
            "segment": g, "tenure_months": timeline,
            "survival": kmf.survival_function_.to_numpy()[:, 0],
            "ci_lower": ci[:, 0], "ci_upper": ci[:, 1],
            "median": float(kmf.median_survival_time_)}))
    out = pd.concat(parts, ignore_index=True)
    with open(HERE / "lifelines_km_mobile.csv", "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# lifelines {lifelines.__version__}, pandas {pd.__version__}\n")
        out.to_csv(f, index=False, lineterminator="\n", float_format="%.17g")


if __name__ == "__main__":
    main()
