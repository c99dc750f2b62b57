"""Property tests of crmlab.contacts (the Huawei "151" case): invariants of the model.

The integer programme is never beaten by the greedy rule, which never does worse
than doing nothing; more budget never lowers the optimum; the coverage score does
not depend on the scale of the weights; matching is blind to how a phone or a
name is written and looser rules find more; SQL counts equal pandas counts; the
panels' shortcuts equal the models they stand for.  Data: the bundled simulated
case data (模拟数据) and small variations of it.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crmlab import contacts as K
from crmlab import datasets
from crmlab.simulate import operator_contacts as sim

weight = st.floats(0.0, 1.0, allow_nan=False)


@functools.lru_cache(maxsize=None)
def _data():
    return datasets.load_operator_contacts()


@functools.lru_cache(maxsize=None)
def _inputs():
    return K.planning_inputs(_data())


@functools.lru_cache(maxsize=None)
def _db():
    return K.build_database(_data())


def test_generators_agree_with_each_other():
    for seed in (1, 2):
        acc, con = sim.generate_accounts(seed), sim.generate_contacts(seed)
        lists, act = sim.generate_team_lists(seed), sim.generate_activities(seed)
        assert con["account_id"].isin(acc["account_id"]).all()
        assert lists["person_id"].isin(con["contact_id"]).all()
        assert act["contact_id"].isin(con["contact_id"]).all()
        assert set(act["means"]) <= set(K.MEANS_TABLE["means"])
        d = {"accounts": acc, "contacts": con, "team_lists": lists, "activities": act}
        assert 0 <= K.coverage_scores(d)["score"].min() <= 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_log_keeps_reach_and_capacity(seed):
    """Whatever the seed, each activity meets a role its means reaches and no quarter
    holds more activities of a means than MEANS_TABLE allows."""
    con, act = sim.generate_contacts(seed), sim.generate_activities(seed)
    t = K.MEANS_TABLE.set_index("means")
    a = act.merge(con[["contact_id", "role"]], on="contact_id")
    reach = t["reaches"].str.split("、")
    assert [r in reach[m] for r, m in zip(a["role"], a["means"])] == [True] * len(a)
    q = pd.crosstab(pd.to_datetime(a["date"]).dt.quarter, a["means"])
    assert (q <= t["capacity"].reindex(q.columns)).all().all()


@settings(max_examples=8, deadline=None)
@given(st.floats(0, 110), st.lists(weight, min_size=4, max_size=4).filter(lambda w: sum(w) > 0.01))
def test_no_chosen_activity_is_redundant(budget, w):
    """Dropping any activity of the optimal plan lowers the coverage (nothing bought
    for nothing), and a cheaper budget equal to what was spent gives the same plan value."""
    p = _inputs()
    r = K.plan_activities(p, budget, *w)
    reached = p["reached"].to_numpy(dtype=float)
    ids = list(p["accounts"]["account_id"])
    means = list(K.MEANS_TABLE["means"])
    a = np.array([ids.index(x) for x in r["plan"]["account_id"]], int)
    m = np.array([means.index(x) for x in r["plan"]["means"]], int)
    reach = K.model._REACH
    wts = np.array(w) / sum(w)
    for k in range(len(a)):   # each chosen activity once
        rest = (a == a[k]) & (np.arange(len(a)) != k)
        y = np.maximum(reached[a[k]], reach[m[rest]].max(axis=0) if rest.any() else 0)
        assert (np.maximum(y, reach[m[k]]) - y) @ wts > 0
    again = K.plan_activities(p, r["spent"], *w)
    assert again["coverage_after"] == pytest.approx(r["coverage_after"], abs=1e-9)
    assert again["spent"] == pytest.approx(r["spent"])


def test_relationship_map_chart_matches_the_map():
    m = K.relationship_map(_data())
    grid = K.plot_relationship_map(m).axes[0].images[0].get_array()
    assert int(grid.count()) == len(m)
    assert sorted(grid.compressed().tolist()) == sorted(m["best_level"].tolist())


def test_relationship_map_counts_the_log():
    m = K.relationship_map(_data())
    means = list(K.MEANS_TABLE["means"])
    assert m[means].to_numpy().sum() == len(_data()["activities"])
    assert m["contacts"].sum() == len(_data()["contacts"])
    assert (m["reached"] == (m[means].sum(axis=1) > 0)).all()


@given(st.lists(weight, min_size=4, max_size=4).filter(lambda w: sum(w) > 0.01),
       st.floats(0.1, 10.0))
def test_coverage_score_is_scale_free_in_weights(w, scale):
    a = K.coverage_scores(_data(), *w)["score"].to_numpy()
    b = K.coverage_scores(_data(), *[min(1.0, x * scale) for x in w])["score"].to_numpy()
    if all(x * scale <= 1.0 for x in w):
        np.testing.assert_allclose(a, b, atol=1e-12)
    assert ((a >= -1e-12) & (a <= 1 + 1e-12)).all()


@settings(max_examples=8)
@given(st.floats(0, 120), st.lists(weight, min_size=4, max_size=4).filter(lambda w: sum(w) > 0.01))
def test_optimum_beats_greedy_beats_nothing(budget, w):
    r = K.compare_plans(_inputs(), budget, *w)
    assert r["coverage_before"] - 1e-9 <= r["greedy_coverage"] <= r["milp_coverage"] + 1e-9
    assert r["milp_spent"] <= budget + 1e-9 and r["greedy_spent"] <= budget + 1e-9
    p = K.plan_panel_model(_inputs(), budget, *w)
    assert p["gap_points"] == pytest.approx(100 * r["gap"])


@settings(max_examples=6)
@given(st.floats(0, 60), st.floats(0, 30))
def test_more_budget_never_lowers_the_optimum(budget, extra):
    low = K.plan_activities(_inputs(), budget)["coverage_after"]
    high = K.plan_activities(_inputs(), budget + extra)["coverage_after"]
    assert high >= low - 1e-7


def test_sql_counts_equal_pandas_counts():
    d, db = _data(), _db()
    by_role = K.run_sql(db, "SELECT role, COUNT(*) AS n FROM contacts GROUP BY role")
    assert by_role.set_index("role")["n"].to_dict() == d["contacts"]["role"].value_counts().to_dict()
    q1 = K.design_query(db, 1).set_index("table_name")["n_rows"]
    assert q1["card_basic"] == len(d["accounts"])
    schema = K.schema_table(db)
    cols = schema.loc[schema["table_name"] == "contacts", "column_name"].tolist()
    assert cols == list(d["contacts"].columns)


_FORMATS = [lambda p: p, lambda p: f"{p[:3]}-{p[3:7]}-{p[7:]}", lambda p: f"+86 {p[:3]} {p[3:7]} {p[7:]}",
            lambda p: f"(0086){p}", lambda p: "".join(chr(ord(c) + 0xFEE0) for c in p)]


@settings(max_examples=10)
@given(st.data())
def test_phone_and_name_formats_do_not_matter(data):
    d = dict(_data())
    lists = d["team_lists"].copy()
    truth = lists.merge(d["contacts"][["contact_id", "name", "phone"]], left_on="person_id",
                        right_on="contact_id", suffixes=("", "_true"))
    fmt = data.draw(st.lists(st.integers(0, len(_FORMATS) - 1), min_size=len(lists),
                             max_size=len(lists)), label="formats")
    space = data.draw(st.booleans(), label="spaced names")
    phones = [_FORMATS[k](p) for k, p in zip(fmt, truth["phone_true"])]
    names = truth["name_true"].str[0] + (" " if space else "") + truth["name_true"].str[1:]
    clean = lists.assign(phone=truth["phone_true"].to_numpy(), name=truth["name_true"].to_numpy())
    messy = lists.assign(phone=phones, name=names.to_numpy())
    a = K.match_lists(dict(d, team_lists=clean), 4)
    b = K.match_lists(dict(d, team_lists=messy), 4)
    assert (a["found"], a["false_matches"]) == (b["found"], b["false_matches"])
    assert a["found"] == a["true_duplicates"]


def test_looser_rules_find_more():
    q = K.match_quality(_data())
    total = q["found"] + q["false_matches"]
    assert total.is_monotonic_decreasing and q["found"].is_monotonic_decreasing
    assert ((q["precision"] >= 0) & (q["precision"] <= 1)).all()


@settings(max_examples=6)
@given(st.integers(1, 5), st.integers(0, 60))
def test_merge_panel_model_is_merge_effects(strictness, days):
    q, c = K.match_quality(_data()), K.conflicting_visits(_data(), 60)
    a = K.merge_panel_model(q, c, strictness, days)
    b = K.merge_effects(_data(), strictness, days)
    for k in ("duplicates_found", "false_matches", "recall", "uncovered_both",
              "conflicting_visits"):
        assert a[k] == pytest.approx(b[k])


@given(st.integers(0, 200), st.integers(0, 165))
def test_conflicts_grow_with_the_window(days, more):
    a = K.conflicting_visits(_data(), days)
    b = K.conflicting_visits(_data(), days + more)
    assert len(a) <= len(b) and (a["days_apart"] <= days).all()


def test_profile_card_shows_every_account():
    for acc in _data()["accounts"]["account_id"]:
        card = K.profile_card(_data(), acc)
        assert card["field_value"].str.len().gt(0).all() and len(card) == 17


def test_coverage_matrix_redraws_in_place():
    best = K.plan_activities(_inputs(), 50)
    fig = K.plot_coverage_matrix(best["matrix"])
    ax = fig.axes[0]
    again = K.plot_coverage_matrix(K.plan_activities(_inputs(), 10)["matrix"], ax=ax)
    assert again is fig and len(fig.axes) == 1
    fig2 = K.plot_match_quality(K.match_quality(_data()), 1)
    K.plot_match_quality(K.match_quality(_data()), 4, ax=fig2.axes[0])
    box = fig2.axes[0]._crmlab_quality["box"]
    assert box.get_x() == pytest.approx(3.52)


def test_panels_open_on_a_view_that_teaches():
    p = K.plan_panel()
    assert p.result["milp_coverage"] > p.result["greedy_coverage"]
    p.close()
    m = K.merge_panel()
    assert m.result["false_matches"] == 0 and m.result["missed"] > 0
    m.close()
