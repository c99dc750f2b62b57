"""Property registry of the what-if panel machinery (crmlab.widgets): valid calls and coverage.

Found by :func:`propkit.topic_modules`; see its docstring.  The panels themselves
are registered by their topics (``PANELS``); ``test_prop_panels.py`` drives them.
"""
from __future__ import annotations

from propkit import VALID, Arg, Call, cover


def CALLS():
    return [
        Call("widgets.split_message", lambda: dict(message=Arg("fixed", "a must be b; got c (甲 a 应为 b)"))),
    ]


COVER = cover(
    ("widgets.Slider widgets.Choice widgets.Result", "test_prop_widgets.py::test_widget_definitions_refuse_bad_values"),
    ("widgets.WhatIfPanel widgets.live_panels", "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
    ("widgets.drive_live_panels", "test_prop_panels.py::test_drive_live_panels_reports_no_problem"),
    ("widgets.split_message", VALID, "test_prop_widgets.py::test_split_message_round_trips"),
)
