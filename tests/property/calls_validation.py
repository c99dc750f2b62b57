"""Property registry of the argument checks (crmlab.validation): coverage only.

Found by :func:`propkit.topic_modules`; see its docstring.  The checks are the
contract itself, so they have no call for the contract test: ``CALLS()`` is empty
and ``test_prop_validation.py`` throws the bad values at them directly.
"""
from __future__ import annotations

from propkit import cover

_P = "test_prop_validation.py::"


def CALLS():
    return []


COVER = cover(
    ("validation.check_number", _P + "test_check_number_refuses_bad_scalars",
     _P + "test_check_number_keeps_finite_numbers"),
    ("validation.check_int", _P + "test_check_int_refuses_bad_scalars"),
    ("validation.check_bool", _P + "test_check_bool_only_true_false"),
    ("validation.check_choice", _P + "test_check_choice"),
    ("validation.check_array", _P + "test_check_array"),
    ("validation.check_frame validation.check_unique", _P + "test_check_frame_and_unique"),
    ("validation.check_column", _P + "test_check_column"),
    ("validation.check_finite_result", _P + "test_check_finite_result"),
    ("validation.fail validation.described validation.CRMLabError validation.InputError "
     "validation.InputTypeError", _P + "test_fail_message_has_both_languages"),
)
