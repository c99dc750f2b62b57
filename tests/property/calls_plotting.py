"""Property registry of the chart style (crmlab.plotting): valid calls and coverage.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

from propkit import CONTRACT, VALID, Arg, Call, cover


def CALLS():
    return [
        Call("plotting.font_path", lambda: dict(bold=Arg("bool", False))),
        Call("plotting.new_figure", lambda: dict(nrows=Arg("int", 1), ncols=Arg("int", 1))),
        Call("plotting.figure_and_axes", lambda: dict(ax=Arg("fixed", None))),
        Call("plotting.style", lambda: dict()),
        Call("plotting.setup", lambda: dict()),
    ]


COVER = cover(
    ("plotting.font_path plotting.new_figure plotting.figure_and_axes plotting.style plotting.setup",
     CONTRACT, VALID),
    # crmlab.setup is plotting.setup, re-exported at the top of the package
    ("setup", "test_prop_misc.py::test_setup_is_idempotent"),
)
