"""Property registry of the seed figures (crmlab.textbook): valid calls and coverage.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

from propkit import CONTRACT, VALID, Arg, Call, cover

_T = "test_prop_textbook.py::"


def CALLS():
    return [
        Call("textbook.figures", lambda: dict(chapter=Arg("fixed", 1))),
        Call("textbook.figure", lambda: dict(figure_id=Arg("text", "ch1_clv_example"))),
        Call("textbook.value", lambda: dict(figure_id=Arg("text", "ch1_clv_example"))),
    ]


COVER = cover(
    ("textbook.compare", _T + "test_compare_never_ticks_outside_a_range", _T + "test_compare_refuses_bad_tolerances",
     _T + "test_compare_ticks_only_within_tolerance"),
    ("textbook.Comparison", _T + "test_compare_ticks_only_within_tolerance"),
    ("textbook.figures textbook.figure textbook.value", CONTRACT, VALID, _T + "test_every_figure_id_round_trips"),
    ("textbook.quote textbook.calibrated textbook.TextbookNumber", _T + "test_every_figure_id_round_trips"),
)
