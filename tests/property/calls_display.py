"""Property registry of the display layer (crmlab.display): valid calls and coverage.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import pandas as pd

from propkit import CONTRACT, VALID, Arg, Call, cover


def CALLS():
    return [
        Call("display.glossary", lambda: dict(topic=Arg("choice?", "value"))),
        Call("display.topics", lambda: dict()),
        Call("display.entry", lambda: dict(ident=Arg("text", "discount_rate"), topic=Arg("choice?", None))),
        Call("display.label", lambda: dict(ident=Arg("text", "sales"), topic=Arg("choice?", None),
                                           unit=Arg("bool", True))),
        Call("display.title", lambda: dict(text=Arg("text?", None), ident=Arg("text", "sales"),
                                           topic=Arg("choice?", None))),
        Call("display.fmt", lambda: dict(ident=Arg("text", "retention"), topic=Arg("choice?", None))),
        Call("display.number", lambda: dict(x=Arg("shown", 0.8), ident=Arg("text", "retention"), topic=Arg("choice?", None))),
        Call("display.relabel", lambda: dict(frame=Arg("object", pd.DataFrame({"sales": [1.0]})),
                                             topic=Arg("choice?", None))),
        Call("display.table", lambda: dict(frame=Arg("object", pd.DataFrame({"sales": [1234.5], "retention": [0.8]})),
                                           topic=Arg("choice?", None), index=Arg("bool", True))),
        Call("display.english_headers", lambda: dict(headers=Arg("fixed", ["销售额（元）", "sales", 2024]))),
    ]


COVER = cover(
    ("display.glossary display.topics display.entry display.label display.title display.fmt "
     "display.number display.relabel display.table display.english_headers", CONTRACT, VALID),
    ("display.table", "test_prop_misc.py::test_display_table_refuses_bad_formats"),
)
