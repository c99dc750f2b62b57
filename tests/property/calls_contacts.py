"""Property registry of crmlab.contacts (the Huawei "151" case) and its generator.

``CALLS()``: one valid call per public callable with the kind of each argument;
``COVER``: public name -> property tests; ``PANELS``: the panels as the notebook
builds them.  Found by :func:`propkit.topic_modules`.
"""
from __future__ import annotations

import functools

from propkit import CONTRACT, FUZZ, VALID, Arg, Call

_P = "test_prop_contacts.py::"


@functools.lru_cache(maxsize=None)
def _data():
    from crmlab import datasets
    return datasets.load_operator_contacts()


@functools.lru_cache(maxsize=None)
def _db():
    from crmlab import contacts
    return contacts.build_database(_data())


def CALLS():
    from crmlab import contacts as K
    D = lambda: Arg("object", _data())  # noqa: E731
    N = lambda v: Arg("num", v)  # noqa: E731
    W = dict(w_decision=N(0.4), w_influence=N(0.25), w_use=N(0.15), w_technical=N(0.2))
    plan = lambda: K.plan_activities(_data(), 50)  # noqa: E731
    return [
        *[Call(f"simulate.operator_contacts.{f}", lambda: dict(seed=Arg("int", 1)))
          for f in ("generate_accounts", "generate_contacts", "generate_team_lists",
                    "generate_activities")],
        Call("contacts.relationship_map", lambda: dict(data=D())),
        Call("contacts.coverage_scores", lambda: dict(data=D(), **W)),
        Call("contacts.planning_inputs", lambda: dict(data=D())),
        Call("contacts.plan_activities", lambda: dict(data=D(), budget=N(50.0), **W,
                                                      method=Arg("choice", "milp"))),
        Call("contacts.compare_plans", lambda: dict(data=D(), budget=N(50.0), **W)),
        Call("contacts.build_database", lambda: dict(data=D(), path=Arg("text?", None))),
        Call("contacts.run_sql", lambda: dict(db=Arg("text", _db()),
                                              sql=Arg("text", "SELECT COUNT(*) AS n FROM contacts"))),
        Call("contacts.design_query", lambda: dict(db=Arg("text", _db()), question=Arg("int", 2))),
        Call("contacts.match_lists", lambda: dict(data=D(), strictness=Arg("int", 2))),
        Call("contacts.match_quality", lambda: dict(data=D())),
        Call("contacts.merge_effects", lambda: dict(data=D(), strictness=Arg("int", 2),
                                                    days=Arg("int", 14))),
        Call("contacts.conflicting_visits", lambda: dict(data=D(), days=Arg("int", 14))),
        Call("contacts.profile_card", lambda: dict(data=D(), account_id=Arg("text", "A01"))),
        Call("contacts.schema_table", lambda: dict(db=Arg("text", _db()))),
        Call("contacts.plot_means_by_role", lambda: dict(
            rmap=Arg("object", K.relationship_map(_data())), ax=Arg("fixed", None))),
        Call("contacts.plot_relationship_map", lambda: dict(
            rmap=Arg("object", K.relationship_map(_data())), ax=Arg("fixed", None))),
        Call("contacts.plot_coverage_matrix", lambda: dict(
            matrix=Arg("object", plan()["matrix"]), ax=Arg("fixed", None),
            other=Arg("fixed", K.plan_activities(_data(), 50, method="greedy")["matrix"]))),
        Call("contacts.plot_match_quality", lambda: dict(
            quality=Arg("object", K.match_quality(_data())), strictness=Arg("int?", 2),
            ax=Arg("fixed", None))),
        Call("contacts.plan_panel_model", lambda: dict(
            data=Arg("object", K.planning_inputs(_data())), budget=N(50.0), **W)),
        Call("contacts.merge_panel_model", lambda: dict(
            quality=Arg("object", K.match_quality(_data())),
            conflicts=Arg("object", K.conflicting_visits(_data(), 60)),
            strictness=Arg("int", 2), days=Arg("int", 14))),
        Call("contacts.plan_panel", lambda: dict(data=Arg("fixed", None), budget=N(50.0), **W)),
        Call("contacts.merge_panel", lambda: dict(data=Arg("fixed", None),
                                                  strictness=Arg("int", 2), days=Arg("int", 14))),
    ]


COVER = {
    **{f"simulate.operator_contacts.{f}": (CONTRACT, VALID, _P + "test_generators_agree_with_each_other")
       for f in ("generate_accounts", "generate_team_lists")},
    **{f"simulate.operator_contacts.{f}": (CONTRACT, VALID, _P + "test_generators_agree_with_each_other",
                                           _P + "test_every_log_keeps_reach_and_capacity")
       for f in ("generate_contacts", "generate_activities")},
    "contacts.relationship_map": (CONTRACT, VALID, _P + "test_relationship_map_counts_the_log"),
    "contacts.coverage_scores": (CONTRACT, FUZZ, _P + "test_coverage_score_is_scale_free_in_weights"),
    "contacts.planning_inputs": (CONTRACT, VALID, _P + "test_optimum_beats_greedy_beats_nothing"),
    "contacts.plan_activities": (CONTRACT, FUZZ, _P + "test_more_budget_never_lowers_the_optimum",
                                 _P + "test_no_chosen_activity_is_redundant"),
    "contacts.compare_plans": (CONTRACT, FUZZ, _P + "test_optimum_beats_greedy_beats_nothing"),
    "contacts.build_database": (CONTRACT, VALID, _P + "test_sql_counts_equal_pandas_counts"),
    "contacts.run_sql": (CONTRACT, VALID, _P + "test_sql_counts_equal_pandas_counts"),
    "contacts.design_query": (CONTRACT, FUZZ, _P + "test_sql_counts_equal_pandas_counts"),
    "contacts.schema_table": (CONTRACT, VALID, _P + "test_sql_counts_equal_pandas_counts"),
    "contacts.match_lists": (CONTRACT, FUZZ, _P + "test_phone_and_name_formats_do_not_matter"),
    "contacts.match_quality": (CONTRACT, VALID, _P + "test_looser_rules_find_more"),
    "contacts.merge_effects": (CONTRACT, FUZZ, _P + "test_merge_panel_model_is_merge_effects"),
    "contacts.conflicting_visits": (CONTRACT, FUZZ, _P + "test_conflicts_grow_with_the_window"),
    "contacts.profile_card": (CONTRACT, VALID, _P + "test_profile_card_shows_every_account"),
    "contacts.plot_means_by_role": (CONTRACT, VALID),
    "contacts.plot_relationship_map": (CONTRACT, VALID,
                                       _P + "test_relationship_map_chart_matches_the_map"),
    "contacts.plot_coverage_matrix": (CONTRACT, VALID, _P + "test_coverage_matrix_redraws_in_place"),
    "contacts.plot_match_quality": (CONTRACT, VALID, _P + "test_coverage_matrix_redraws_in_place"),
    "contacts.plan_panel_model": (CONTRACT, FUZZ, _P + "test_optimum_beats_greedy_beats_nothing"),
    "contacts.merge_panel_model": (CONTRACT, FUZZ, _P + "test_merge_panel_model_is_merge_effects"),
    "contacts.plan_panel": (CONTRACT, _P + "test_panels_open_on_a_view_that_teaches"),
    "contacts.merge_panel": (CONTRACT, _P + "test_panels_open_on_a_view_that_teaches"),
}


def _plan_panel():
    from crmlab import contacts
    return contacts.plan_panel()


def _merge_panel():
    from crmlab import contacts
    return contacts.merge_panel()


PANELS = {"contacts.plan_panel": _plan_panel, "contacts.merge_panel": _merge_panel}
