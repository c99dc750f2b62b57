"""Every generator in crmlab.simulate refuses bad sizes and seeds clearly, and the
committed data sets stay byte-identical (issue 11 §3)."""
import importlib
import inspect
import math

import numpy as np
import pandas as pd
import pytest

from crmlab import datasets
from crmlab.simulate import beverage, cafe, mobile
from crmlab.validation import InputError, InputTypeError

def _from_cards():
    """Every generator a data card names, plus the module's other public generators."""
    found = {}
    for name in datasets.names():
        meta = datasets.card(name)
        if meta["generator"]:
            module, _, func = meta["generator"].partition(":")
            found[f"{module.rsplit('.', 1)[1]}.{func}"] = getattr(importlib.import_module(module), func)
    found.setdefault("beverage.generate_products", beverage.generate_products)
    return found


GENERATORS = _from_cards()
# Size arguments: every integer-valued keyword of a generator other than its seed.
SIZES = [(func, arg) for func in GENERATORS.values()
         for arg, par in inspect.signature(func).parameters.items()
         if arg != "seed" and isinstance(par.default, int) and not isinstance(par.default, bool)]
assert {"cafe.generate", "mobile.generate", "beverage.generate_orders"} <= set(GENERATORS)
assert len(SIZES) >= 3

BAD_TYPES = [None, 7.0, 7.5, math.nan, math.inf, True, False, "7", np.float64(3), pd.NA, [7]]
BAD_VALUES = [-1, -(10**30)]


@pytest.mark.parametrize("bad", BAD_TYPES, ids=repr)
@pytest.mark.parametrize("name", GENERATORS)
def test_seed_of_the_wrong_type_is_refused(name, bad):
    with pytest.raises(InputTypeError) as err:
        GENERATORS[name](seed=bad)
    assert str(err.value).startswith("seed must be an integer >= 0; got ")
    assert "随机种子 seed 应为不小于 0 的整数" in str(err.value)


@pytest.mark.parametrize("bad", BAD_VALUES)
@pytest.mark.parametrize("name", GENERATORS)
def test_negative_seed_is_refused(name, bad):
    with pytest.raises(InputError, match="^seed must be a whole number >= 0"):
        GENERATORS[name](seed=bad)


@pytest.mark.parametrize("bad", BAD_TYPES, ids=repr)
@pytest.mark.parametrize("func, arg", SIZES,
                         ids=[f"{f.__module__.rsplit('.', 1)[1]}.{a}" for f, a in SIZES])
def test_size_of_the_wrong_type_is_refused(func, arg, bad):
    with pytest.raises(InputTypeError) as err:
        func(seed=1, **{arg: bad})
    assert str(err.value).startswith(f"{arg} must be an integer >= ")
    assert f" {arg} 应为不小于" in str(err.value)


@pytest.mark.parametrize("func, arg", SIZES,
                         ids=[f"{f.__module__.rsplit('.', 1)[1]}.{a}" for f, a in SIZES])
def test_negative_size_is_refused(func, arg):
    with pytest.raises(InputError, match=f"^{arg} must be a whole number >= "):
        func(seed=1, **{arg: -1})


@pytest.mark.parametrize("func, arg, bad", [
    (cafe.generate, "n", -5), (cafe.generate, "n", 0), (cafe.generate, "n", 10**12),
    (mobile.generate, "n_base", -1), (mobile.generate, "n_base", 0),
    (mobile.generate, "new_per_month", -3), (mobile.generate, "new_per_month", 10**9)])
def test_size_out_of_range_is_refused(func, arg, bad):
    with pytest.raises(InputError, match=f"^{arg} must be a whole number >= "):
        func(seed=1, **{arg: bad})


def test_numpy_integers_are_accepted_and_give_the_same_data():
    pd.testing.assert_frame_equal(cafe.generate(np.int64(3), n=np.int32(20)), cafe.generate(3, n=20))
    small = mobile.generate(np.uint8(1), n_base=np.int64(300), new_per_month=np.int16(10))
    pd.testing.assert_frame_equal(small, mobile.generate(1, n_base=300, new_per_month=10))
    assert len(mobile.generate(2, n_base=1, new_per_month=0)) == 1


@pytest.mark.parametrize("name", [n for n in datasets.names() if datasets.card(n)["generator"]])
def test_regenerated_data_are_byte_identical_to_the_card(name):
    meta = datasets.card(name)
    assert datasets.sha256(datasets.csv_bytes(datasets.generate(name))) == meta["sha256"]
