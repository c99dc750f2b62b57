"""Property registry of Chapter 2 (crmlab.states): valid calls, coverage and panels.

Found by :func:`propkit.topic_modules`; see its docstring.
"""
from __future__ import annotations

import functools

import pandas as pd

from propkit import CONTRACT, FUZZ, VALID, Arg, Call, cover

_S = "test_prop_states.py::"


@functools.lru_cache(maxsize=None)
def _prospects_small() -> pd.DataFrame:
    from crmlab.simulate import prospects
    return prospects.generate(1, n=60, months=8)


def prospects_panel() -> pd.DataFrame:
    """60 simulated prospects over 8 months (模拟数据)."""
    return _prospects_small().copy()


def generating_matrix() -> pd.DataFrame:
    from crmlab import states
    from crmlab.simulate import prospects
    return states.check_transition_matrix(prospects.GENERATING_MATRIX)


def CALLS():
    from crmlab import states as S
    N = lambda v: Arg("num", v)  # noqa: E731
    P = lambda: Arg("object", generating_matrix())  # noqa: E731
    PANEL = lambda **kw: Arg("frame", prospects_panel(), **kw)  # noqa: E731
    MOVES = dict(ids=("customer_id",), months=("month",), required=("state",))
    FLOW = lambda: dict(first_to_repeat=N(0.15), repeat_to_loyal=N(0.1), churn_first=N(0.1),  # noqa: E731
                        churn_repeat=N(0.05), churn_loyal=N(0.02), win_back=N(0.05))
    EFFORT = lambda: S.selling_effort({"potential_target": 0.06, "first_time": 0.15,  # noqa: E731
                                       "repeat_loyal": 0.5}, 50.0)
    LEADS = lambda: pd.DataFrame({"money": [True, True, False], "authority": [True, True, True],  # noqa: E731
                                  "need": [True, True, True], "order_months": [0.5, 4.0, 1.0]})
    return [
        Call("states.check_transition_matrix", lambda: dict(
            P=Arg("fixed", [[0.5, 0.5], [0.2, 0.8]]), name=Arg("fixed", "P"), states=Arg("fixed", ["a", "b"]))),
        *[Call(f"states.{f}", (lambda: dict(
            panel=PANEL(**MOVES), customer_id_col=Arg("col", "customer_id"), period_col=Arg("col", "month"),
            state_col=Arg("col", "state"), states=Arg("fixed", None))))
          for f in ("transition_counts", "transition_matrix")],
        Call("states.project", lambda: dict(counts=Arg("array", [1000.0, 0, 0, 0, 0, 0, 0]), P=P(),
                                            periods=Arg("int", 12))),
        Call("states.stationary", lambda: dict(P=Arg("object", S.check_transition_matrix(
            [[0.8, 0.2, 0.0], [0.1, 0.7, 0.2], [0.3, 0.0, 0.7]], states=["a", "b", "c"])))),
        Call("states.state_values", lambda: dict(
            P=Arg("object", S.flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05)),
            rewards=Arg("array", [10.0, 20.0, 40.0, 0.0, 0.0]), discount_rate=N(0.01), horizon=Arg("int?", None),
            timing=Arg("choice", "start"))),
        Call("states.absorption", lambda: dict(P=P(), absorbing=Arg("fixed", ["non_customer"]))),
        Call("states.make_absorbing", lambda: dict(P=P(), absorbing=Arg("fixed", ["lost"]))),
        Call("states.contacts_per_sale", lambda: dict(success_rate=Arg("array", [0.06, 0.15, 0.5]))),
        Call("states.selling_effort", lambda: dict(
            success_rates=Arg("fixed", {"potential_target": 0.06, "first_time": 0.15, "repeat_loyal": 0.5}),
            cost_per_contact=N(50.0), margin_per_sale=Arg("num?", 300.0), contacts=Arg("fixed", None))),
        Call("states.lead_temperature", lambda: dict(order_months=Arg("array", [0.5, 2.0, 4.0, 9.0]))),
        Call("states.qualify_leads", lambda: dict(
            leads=Arg("frame", LEADS(), nums=("order_months",), required=("money", "authority", "need")),
            money_col=Arg("col", "money"), authority_col=Arg("col", "authority"), need_col=Arg("col", "need"),
            order_months_col=Arg("col", "order_months"))),
        Call("states.purchase_rates", lambda: dict(panel=PANEL(nums=("purchased",), required=("state",)),
                                                   state_col=Arg("col", "state"),
                                                   purchased_col=Arg("col", "purchased"), groups=Arg("fixed", None))),
        Call("states.value_by_final_state", lambda: dict(
            panel=PANEL(nums=("margin",), **MOVES), customer_id_col=Arg("col", "customer_id"),
            period_col=Arg("col", "month"), state_col=Arg("col", "state"), margin_col=Arg("col", "margin"),
            states=Arg("fixed", None))),
        Call("states.state_counts", lambda: dict(panel=PANEL(months=("month",), required=("state",)),
                                                 period_col=Arg("col", "month"), state_col=Arg("col", "state"),
                                                 states=Arg("fixed", None))),
        Call("states.margin_by_state", lambda: dict(panel=PANEL(nums=("margin",), required=("state",)),
                                                    state_col=Arg("col", "state"), margin_col=Arg("col", "margin"),
                                                    states=Arg("fixed", None))),
        Call("states.flow_matrix", lambda: FLOW()),
        Call("states.flow_whatif", lambda: dict(**FLOW(), periods=Arg("int", 24), counts=Arg("fixed", None),
                                                rewards=Arg("fixed", None), discount_rate=N(0.01))),
        Call("states.flow_panel_model", lambda: dict(**FLOW(), periods=Arg("int", 24), counts=Arg("fixed", None),
                                                     rewards=Arg("fixed", None), discount_rate=N(0.01))),
        Call("states.flow_panel", lambda: dict(**FLOW(), periods=Arg("int", 24), discount_rate=N(0.01))),
        Call("states.selling_panel_model", lambda: dict(rate_potential_target=N(0.06), rate_first_time=N(0.15),
                                                        rate_repeat_loyal=N(0.5), cost_per_contact=N(50.0))),
        Call("states.selling_panel", lambda: dict(rate_potential_target=N(0.06), rate_first_time=N(0.15),
                                                  rate_repeat_loyal=N(0.5), cost_per_contact=N(50.0))),
        Call("states.plot_state_diagram", lambda: dict(P=P(), ax=Arg("fixed", None), threshold=N(0.001),
                                                       title=Arg("fixed", None))),
        Call("states.plot_state_mix", lambda: dict(
            mix=Arg("object", S.flow_whatif()["mix"]), ax=Arg("fixed", None), shares=Arg("bool", False))),
        Call("states.plot_contacts_per_sale", lambda: dict(effort=Arg("object", EFFORT()), ax=Arg("fixed", None))),
        Call("states.recovery_table", lambda: dict(
            estimated=P(), generating=Arg("fixed", generating_matrix()),
            counts=Arg("fixed", S.transition_counts(prospects_panel())))),
        Call("states.selling_table", lambda: dict(effort=Arg("object", EFFORT()),
                                                  reference=Arg("choice", "repeat_loyal"))),
        Call("states.leads_table", lambda: dict(qualified=Arg("object", S.qualify_leads(LEADS())))),
        Call("states.absorption_table", lambda: dict(
            result=Arg("object", S.absorption(generating_matrix(), ["non_customer"])))),
    ]


COVER = cover(
    ("states.check_transition_matrix", VALID, _S + "test_bad_matrix_entries_are_refused_in_both_languages"),
    ("states.project", CONTRACT, FUZZ, _S + "test_projection_conserves_the_total"),
    ("states.state_values", CONTRACT, FUZZ,
     _S + "test_state_values_rise_with_rewards_and_fall_with_the_discount_rate"),
    ("states.absorption states.make_absorbing", CONTRACT, _S + "test_absorption_probabilities_sum_to_one"),
    ("states.stationary", CONTRACT, _S + "test_stationary_is_a_fixed_point"),
    ("states.transition_matrix states.transition_counts", CONTRACT,
     _S + "test_estimated_matrices_are_row_stochastic_on_random_panels"),
    ("states.transition_matrix", _S + "test_estimated_matrices_are_row_stochastic"),
    ("states.contacts_per_sale states.selling_effort states.selling_table states.selling_panel_model "
     "states.plot_contacts_per_sale", CONTRACT, _S + "test_contacts_and_cost_per_sale_are_reciprocals"),
    ("states.selling_effort states.selling_panel_model", FUZZ),
    ("states.flow_matrix states.flow_whatif states.flow_panel_model states.plot_state_mix "
     "states.plot_state_diagram", CONTRACT, _S + "test_flow_models_are_finite_and_consistent"),
    ("states.flow_matrix states.flow_whatif states.flow_panel_model", FUZZ),
    ("states.qualify_leads states.lead_temperature states.leads_table", CONTRACT,
     _S + "test_only_man_qualified_leads_get_a_temperature"),
    ("states.state_counts states.transition_counts states.value_by_final_state states.margin_by_state "
     "states.purchase_rates states.recovery_table states.absorption_table", CONTRACT,
     _S + "test_panel_summaries_add_up"),
    ("states.flow_panel states.selling_panel", CONTRACT,
     "test_prop_panels.py::test_panels_survive_random_slider_sequences"),
)


def _flow_panel():
    from crmlab import states
    return states.flow_panel()


def _selling_panel():
    from crmlab import states
    return states.selling_panel()


PANELS = {"states.flow_panel": _flow_panel, "states.selling_panel": _selling_panel}
