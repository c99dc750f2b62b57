"""Property registry of the data generators of chapters 1, 2, 4, 5 and the China Mobile
case (crmlab.simulate): valid calls and coverage.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

from propkit import CONTRACT, VALID, Arg, Call, cover


def CALLS():
    return [
        Call("simulate.cafe.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 20))),
        Call("simulate.mobile.generate", lambda: dict(seed=Arg("int", 1), n_base=Arg("int", 200),
                                                      new_per_month=Arg("int", 5))),
        Call("simulate.beverage.generate_products", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.beverage.generate_customers", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.beverage.generate_orders", lambda: dict(seed=Arg("int", 1))),
        Call("simulate.fridge_survey.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 20))),
        Call("simulate.prospects.generate", lambda: dict(seed=Arg("int", 1), n=Arg("int", 30),
                                                         months=Arg("int", 6))),
    ]


COVER = cover(
    ("simulate.cafe.generate simulate.mobile.generate simulate.beverage.generate_products "
     "simulate.beverage.generate_customers simulate.beverage.generate_orders", CONTRACT, VALID),
    ("simulate.prospects.generate", CONTRACT, VALID, "test_prop_states.py::test_estimated_matrices_are_row_stochastic",
     "test_prop_states.py::test_panel_summaries_add_up"),
    ("simulate.fridge_survey.generate", CONTRACT, VALID,
     "test_prop_delivered.py::test_survey_profiles_and_weights_are_finite"),
)
