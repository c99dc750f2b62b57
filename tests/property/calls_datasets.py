"""Property registry of the data sets (crmlab.datasets): valid calls and coverage.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import pandas as pd

from crmlab import datasets as _datasets
from propkit import CONTRACT, VALID, Arg, Call, cover

_LOADERS = "test_prop_misc.py::test_loaders_match_cards"


def CALLS():
    return [
        Call("datasets.card", lambda: dict(name=Arg("text", "cafe_customers"))),
        Call("datasets.load", lambda: dict(name=Arg("text", "cafe_customers"))),
        Call("datasets.generate", lambda: dict(name=Arg("text", "cafe_customers"))),
        Call("datasets.csv_bytes", lambda: dict(df=Arg("object", pd.DataFrame({"a": [1.5]})))),
        Call("datasets.sha256", lambda: dict(data=Arg("fixed", b"abc"))),
        Call("datasets.names", lambda: dict()),
        Call("datasets.data_dir", lambda: dict()),
        Call("datasets.load_textbook_figures", lambda: dict()),
        Call("datasets.load_cafe_customers", lambda: dict()),
        Call("datasets.load_beverage_orders", lambda: dict()),
        Call("datasets.load_beverage_customers", lambda: dict()),
        Call("datasets.load_beverage_products", lambda: dict()),
        Call("datasets.load_mobile_subscribers", lambda: dict()),
    ]


COVER = cover(
    ("datasets.card datasets.load datasets.generate datasets.csv_bytes", CONTRACT, VALID),
    ("datasets.sha256", CONTRACT, "test_prop_misc.py::test_sha256_refuses_text"),
    ("datasets.names datasets.data_dir", VALID, _LOADERS),
    # every named loader: the test finds them in datasets.__all__ (load_<name>)
    (" ".join(f"datasets.{n}" for n in _datasets.__all__ if n.startswith("load_")), _LOADERS),
    ("datasets.build", _LOADERS),
)
