"""Make the mlxtend reference fixture for tests/test_basket.py (dev-only).

mlxtend is not a dependency of crmlab (mlxtend 0.25 needs Python >= 3.11 and
pandas >= 2.3.3; crmlab supports Python 3.10 and pandas 2.1).  This script, run
once by a developer in a separate environment that has it, draws random baskets
(fixed seed), runs ``mlxtend.frequent_patterns.apriori`` and
``association_rules`` on them and writes the input and mlxtend's output, so that
the tests can check that ``crmlab.basket.frequent_itemsets`` and
``crmlab.basket.association_rules`` give the same item sets and rules.

    python3 -m venv /tmp/venv_mlxtend
    /tmp/venv_mlxtend/bin/pip install mlxtend
    /tmp/venv_mlxtend/bin/python tests/data/make_mlxtend_fixture.py

Outputs (beside this file): ``mlxtend_baskets.csv`` (order_id, item: the input,
one row per basket and item), ``mlxtend_itemsets.csv`` (itemset, support) and
``mlxtend_rules.csv`` (antecedent, consequent, support, confidence, lift).
Item sets are written as their items sorted and joined by "|".  The thresholds
are those of MIN_SUPPORT and MIN_CONFIDENCE below.
"""
from pathlib import Path

import numpy as np
import pandas as pd
from mlxtend.frequent_patterns import apriori, association_rules

HERE = Path(__file__).resolve().parent
SEED = 20261201
N_BASKETS = 300
ITEMS = [f"i{j:02d}" for j in range(12)]
MIN_SUPPORT = 0.05
MIN_CONFIDENCE = 0.3


def baskets() -> pd.DataFrame:
    """Random baskets with unequal item frequencies and two correlated pairs."""
    rng = np.random.default_rng(SEED)
    p = np.linspace(0.45, 0.08, len(ITEMS))
    x = rng.random((N_BASKETS, len(ITEMS))) < p
    x[:, 3] |= x[:, 1] & (rng.random(N_BASKETS) < 0.5)      # i01 pulls i03
    x[:, 7] |= x[:, 5] & x[:, 6] & (rng.random(N_BASKETS) < 0.7)
    x[~x.any(axis=1), 0] = True                               # no empty basket
    rows, cols = np.nonzero(x)
    return pd.DataFrame({"order_id": [f"T{r:03d}" for r in rows],
                         "item": [ITEMS[c] for c in cols]})


def _key(items) -> str:
    return "|".join(sorted(items))


def main() -> None:
    table = baskets()
    matrix = pd.crosstab(table["order_id"], table["item"]).astype(bool)
    frequent = apriori(matrix, min_support=MIN_SUPPORT, use_colnames=True)
    rules = association_rules(frequent, metric="confidence", min_threshold=MIN_CONFIDENCE)
    table.to_csv(HERE / "mlxtend_baskets.csv", index=False)
    pd.DataFrame({"itemset": frequent["itemsets"].map(_key), "support": frequent["support"]}) \
        .sort_values("itemset").to_csv(HERE / "mlxtend_itemsets.csv", index=False,
                                       float_format="%.12g")
    pd.DataFrame({"antecedent": rules["antecedents"].map(_key),
                  "consequent": rules["consequents"].map(_key),
                  "support": rules["support"], "confidence": rules["confidence"],
                  "lift": rules["lift"]}) \
        .sort_values(["antecedent", "consequent"]) \
        .to_csv(HERE / "mlxtend_rules.csv", index=False, float_format="%.12g")
    print(f"{len(table)} lines, {len(frequent)} item sets, {len(rules)} rules")


if __name__ == "__main__":
    main()
