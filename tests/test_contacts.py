"""Tests of crmlab.contacts (the Huawei "151 program" case) and its simulated data."""
import itertools
import sqlite3

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab import contacts as C
from crmlab import datasets, textbook
from crmlab.simulate import operator_contacts as sim
from crmlab.validation import CRMLabError, InputError, InputTypeError
from testkit import HAN, assert_bilingual

matplotlib.use("Agg")

W = np.array([0.40, 0.25, 0.15, 0.20])      # the default weights, already summing to 1
COST = C.MEANS_TABLE["cost_10k"].to_numpy()
CAP = C.MEANS_TABLE["capacity"].to_numpy()
# which roles (决策 影响 使用 技术) each means reaches, written out again by hand
REACH = np.array([[1, 1, 0, 0],     # 参观公司
                  [0, 1, 1, 1],     # 参观样板点
                  [0, 1, 1, 0],     # 现场会
                  [0, 0, 1, 1],     # 技术交流
                  [1, 1, 0, 0]])    # 管理和经营研究


@pytest.fixture(scope="module")
def data():
    return datasets.load_operator_contacts()


@pytest.fixture(scope="module")
def db(data, tmp_path_factory):
    return C.build_database(data, tmp_path_factory.mktemp("db") / "one.sqlite")


def tiny():
    """Two accounts worked by hand (see each test)."""
    accounts = pd.DataFrame({
        "account_id": ["A1", "A2"], "company_name": ["中国移动通信集团江苏有限公司",
                                                      "中国电信股份有限公司浙江分公司"],
        "short_name": ["江苏移动", "浙江电信"], "operator": ["移动", "电信"],
        "province": ["江苏", "浙江"], "city": ["南京", "杭州"], "subscribers_m": [30.0, 10.0],
        "network_focus": ["5G", "光网"], "purchase_mode": ["集团集中采购", "省公司招标"],
        "capex_100m": [30.0, 10.0], "our_share": [0.5, 0.4], "main_rival": ["甲公司", "乙公司"],
        "contract_10k": [1000.0, 400.0], "orders_2024": [5, 2], "payment_days": [60, 90],
        "credit_grade": ["A", "B"], "account_manager": ["甲", "乙"],
        "card_updated": ["2025-12-01", "2025-06-30"]})
    contacts = pd.DataFrame({
        "contact_id": ["P1", "P2", "P3", "P4", "P5", "P6"],
        "account_id": ["A1", "A1", "A1", "A2", "A2", "A2"],
        "name": ["张伟", "李娜", "王磊", "赵敏", "周静", "周强"],
        "title": ["总经理", "网络部主任", "技术专家", "副总经理", "维护工程师", "技术专家"],
        "role": ["决策", "影响", "技术", "决策", "使用", "技术"],
        "level": [2, 1, 3, 0, 2, 1],
        "phone": ["13800000001", "13800000002", "13800000003", "13900000004", "13900000005",
                  "13900000006"]})
    lists = pd.DataFrame({
        "record_id": ["PL001", "PL002", "PL003", "CL001", "CL002", "CL003"],
        "team": ["产品线"] * 3 + ["客户线"] * 3,
        "name": ["王磊", "周强", "周静", "王 磊", "周强", "张伟"],
        "company": ["江苏移动", "浙江电信", "浙江电信", "中国移动通信集团江苏有限公司",
                    "中国电信浙江公司", "江苏移动"],
        "phone": ["138-0000-0003", "13900000006", "13900000005", "+86 138 0000 0003",
                  "13999999999", "13800000001"],
        "role": ["技术", "技术", "使用", "技术", "技术", "决策"],
        "person_id": ["P3", "P6", "P5", "P3", "P6", "P1"]})
    activities = pd.DataFrame({
        "activity_id": ["V1", "V2", "V3", "V4"],
        "date": ["2025-03-01", "2025-03-10", "2025-05-01", "2025-03-20"],
        "account_id": ["A1", "A1", "A2", "A1"],
        "contact_id": ["P3", "P3", "P6", "P1"],
        "means": ["技术交流", "现场会", "技术交流", "参观公司"],
        "team": ["产品线", "客户线", "产品线", "客户线"],
        "cost_10k": [1.0, 2.0, 1.0, 6.0]})
    return {"accounts": accounts, "contacts": contacts, "team_lists": lists,
            "activities": activities}


def inputs(reached, value):
    """planning_inputs() for a hand-made reached matrix (rows = accounts)."""
    reached = np.asarray(reached, float)
    n = len(reached)
    acc = pd.DataFrame({"account_id": [f"A{i}" for i in range(n)],
                        "short_name": [f"客户{i}" for i in range(n)],
                        "province": [f"省{i}" for i in range(n)], "operator": ["移动"] * n,
                        "value_share": np.asarray(value, float)})
    return {"accounts": acc, "reached": pd.DataFrame(reached, columns=list(C.ROLES),
                                                     index=acc["account_id"])}


def brute_force(reached, value, budget, weights=W, cheapest=False):
    """Best value-weighted coverage over every subset of (account, means), and with
    ``cheapest`` also the least cost of a subset that reaches it."""
    reached = np.asarray(reached, float)
    n = len(reached)
    best, least = float(np.asarray(value) @ (reached @ weights)), 0.0
    options = list(itertools.product(range(n), range(5)))
    for k in range(1, len(options) + 1):
        for pick in itertools.combinations(options, k):
            cost = sum(COST[m] for _, m in pick)
            used = np.bincount([m for _, m in pick], minlength=5)
            if cost > budget + 1e-9 or (used > CAP).any():
                continue
            y = reached.copy()
            for a, m in pick:
                y[a] = np.maximum(y[a], REACH[m])
            got = float(np.asarray(value) @ (y @ weights))
            if got > best + 1e-12:
                best, least = got, cost
            elif got > best - 1e-12:
                least = min(least, cost)
    return (best, least) if cheapest else best


def redundant(plan_result, reached):
    """Chosen activities whose removal keeps the coverage (should be none)."""
    plan = plan_result["plan"]
    acc = list(plan_result["scores"]["account_id"])
    a = np.array([acc.index(x) for x in plan["account_id"]], int)
    m = np.array([list(C.MEANS_TABLE["means"]).index(x) for x in plan["means"]], int)
    reach = np.asarray(reached, float)
    out = []
    for k in range(len(plan)):   # a handful of chosen activities
        others = (a == a[k]) & (np.arange(len(plan)) != k)
        y = np.maximum(reach[a[k]], REACH[m[others]].max(axis=0) if others.any() else 0)
        if (np.maximum(y, REACH[m[k]]) == y).all():
            out.append((plan["account_id"].iloc[k], plan["means"].iloc[k]))
    return out


# --------------------------------------------------------------------------- data
def test_generator_is_deterministic_and_sized_as_the_card_says(data):
    assert len(data["accounts"]) == 30
    assert 350 <= len(data["contacts"]) <= 450
    for key in ("accounts", "contacts", "team_lists", "activities"):
        card = datasets.card(f"operator_{key}")
        assert "模拟数据" in card["description"]
        assert len(data[key]) == card["rows"]
    pd.testing.assert_frame_equal(sim.generate_contacts(7), sim.generate_contacts(7))
    assert not sim.generate_contacts(7).equals(sim.generate_contacts(8))


def test_the_log_agrees_with_the_planning_model(data):
    """Every activity meets a role its means can reach, and no quarter holds more
    activities of a means than its capacity (MEANS_TABLE), costing what the table says."""
    t = C.MEANS_TABLE.set_index("means")
    act = data["activities"].merge(data["contacts"][["contact_id", "role"]], on="contact_id")
    allowed = t["reaches"].str.split("、")
    assert act.apply(lambda r: r["role"] in allowed[r["means"]], axis=1).all()
    quarter = pd.to_datetime(act["date"]).dt.quarter
    counts = pd.crosstab(quarter, act["means"]).reindex(columns=t.index, fill_value=0)
    assert (counts <= t["capacity"]).all().all()
    assert (act["cost_10k"] == act["means"].map(t["cost_10k"])).all()
    assert act.groupby(quarter)["cost_10k"].sum().max() <= C.PANEL_BUDGET_MAX
    # the simulation's own copies of the table are the table
    assert np.array_equal(sim._REACH, REACH)
    assert list(sim._COST) == t["cost_10k"].tolist() and list(sim._CAPACITY) == CAP.tolist()


def test_every_account_has_every_role_and_ids_link(data):
    roles = data["contacts"].groupby("account_id")["role"].nunique()
    assert (roles == 4).all() and len(roles) == 30
    assert data["team_lists"]["person_id"].isin(data["contacts"]["contact_id"]).all()
    assert data["activities"]["contact_id"].isin(data["contacts"]["contact_id"]).all()
    merged = data["activities"].merge(data["contacts"], on="contact_id", suffixes=("", "_c"))
    assert (merged["account_id"] == merged["account_id_c"]).all()


def test_the_lists_overlap_and_disagree_as_described(data):
    lists = data["team_lists"]
    both = lists.groupby("person_id")["team"].nunique()
    assert (both == 2).sum() >= 50            # people both lines keep
    assert lists["phone"].str.contains("-").any() and lists["phone"].str.startswith("+86").any()
    assert lists["name"].str.contains(" ").any()
    assert lists["company"].isin(data["accounts"]["short_name"]).any()
    assert lists["company"].isin(data["accounts"]["company_name"]).any()


def test_the_simulation_is_set_to_the_seed_figures(data):
    # 5 means and 2 lines in the simulated log: calibrated, not evidence
    assert data["activities"]["means"].nunique() == textbook.value("case_huawei_means")
    assert data["activities"]["team"].nunique() == textbook.value("case_huawei_sales_lines")
    assert len(C.MEANS_TABLE) == textbook.value("case_huawei_means")
    assert len(C.DESIGN_QUESTIONS) == textbook.value("case_huawei_db_questions")
    assert len(C.CARD_GROUPS) == textbook.value("case_huawei_card_groups")


def test_generator_refuses_a_bad_seed():
    with pytest.raises(InputTypeError) as e:
        sim.generate_accounts(1.5)
    assert_bilingual(e, "seed")


def test_named_loader_returns_the_four_tables():
    d = datasets.load_operator_contacts()
    assert set(d) == {"accounts", "contacts", "team_lists", "activities"}
    pd.testing.assert_frame_equal(d["contacts"], datasets.load("operator_contacts"))


# --------------------------------------------------------------------------- coverage
def test_relationship_map_by_hand():
    m = C.relationship_map(tiny()).set_index(["account_id", "role"])
    # A1: 决策 P1 (visited once, 参观公司), 影响 P2 (never), 技术 P3 (技术交流 + 现场会), no 使用
    assert m.loc[("A1", "决策"), "参观公司"] == 1 and m.loc[("A1", "决策"), "means_used"] == 1
    assert not m.loc[("A1", "影响"), "reached"]
    assert m.loc[("A1", "技术"), "means_used"] == 2 and m.loc[("A1", "技术"), "best_level"] == 3
    assert m.loc[("A1", "使用"), "contacts"] == 0 and not m.loc[("A1", "使用"), "reached"]
    assert m.loc[("A2", "技术"), "技术交流"] == 1
    assert int(m["reached"].sum()) == 3


def test_coverage_scores_by_hand():
    s = C.coverage_scores(tiny()).set_index("account_id")
    # A1 reached 决策 and 技术: 0.40 + 0.20; A2 reached 技术 only: 0.20
    assert s.loc["A1", "score"] == pytest.approx(0.60)
    assert s.loc["A2", "score"] == pytest.approx(0.20)
    assert s["value_share"].tolist() == pytest.approx([0.75, 0.25])
    # weights are normalised: doubling all of them changes nothing
    s2 = C.coverage_scores(tiny(), 0.8, 0.5, 0.3, 0.4).set_index("account_id")
    assert s2["score"].tolist() == pytest.approx(s["score"].tolist())
    only_use = C.coverage_scores(tiny(), 0, 0, 1, 0)
    assert only_use["score"].tolist() == [0.0, 0.0]


def test_all_weights_zero_is_refused(data):
    with pytest.raises(InputError) as e:
        C.coverage_scores(data, 0, 0, 0, 0)
    assert_bilingual(e, "w_decision")


# --------------------------------------------------------------------------- planning
@pytest.mark.parametrize("seed", range(6))
def test_milp_equals_brute_force_and_greedy_never_beats_it(seed):
    rng = np.random.default_rng(seed)
    reached = rng.random((2, 4)) < 0.4
    value = rng.dirichlet([1, 1])
    budget = float(rng.integers(1, 14))
    p = inputs(reached, value)
    best = C.plan_activities(p, budget)
    rule = C.plan_activities(p, budget, method="greedy")
    top, least = brute_force(reached, value, budget, cheapest=True)
    assert best["coverage_after"] == pytest.approx(top, abs=1e-7)
    # lexicographic: among the best plans, the cheapest (no tie-breaking artefact)
    assert best["spent"] == pytest.approx(least)
    assert redundant(best, reached) == []
    assert rule["coverage_after"] <= best["coverage_after"] + 1e-9
    for r in (best, rule):
        assert r["spent"] <= budget + 1e-9
        used = r["plan"]["means"].value_counts()
        assert all(used.get(m, 0) <= c for m, c in zip(C.MEANS_TABLE["means"], CAP))


def test_greedy_misses_the_optimum_in_a_hand_worked_case():
    # One account, nothing reached, value 1, budget 5.  Greedy by gain per 万元:
    # 技术交流 first (使用 + 技术 = 0.35 for 1 万元), then 现场会 (影响 0.25 for 2 万元:
    # 0.125 per 万元; 管理和经营研究, 5 万元, no longer fits), then nothing with a gain fits
    # (2 万元 left): 0.35 + 0.25 = 0.60.  Optimal: 管理和经营研究 alone, 决策 + 影响 = 0.65.
    p = inputs([[0, 0, 0, 0]], [1.0])
    rule = C.plan_activities(p, 5, method="greedy")
    best = C.plan_activities(p, 5)
    assert rule["coverage_after"] == pytest.approx(0.60)
    assert sorted(rule["plan"]["means"]) == ["技术交流", "现场会"]
    assert best["coverage_after"] == pytest.approx(0.65)
    assert best["plan"]["means"].tolist() == ["管理和经营研究"]
    assert best["optimal"] and best["solve_ms"] > 0


def test_zero_budget_buys_nothing_and_capacity_caps_the_bundled_plan(data):
    r = C.plan_activities(data, 0)
    assert r["activities"] == 0 and r["coverage_after"] == pytest.approx(r["coverage_before"])
    big = C.plan_activities(data, 10_000)
    used = big["plan"]["means"].value_counts()
    assert used["参观公司"] <= 4 and used["管理和经营研究"] <= 4
    # the decision role can be reached only by the two capped means: budget is not the limit
    assert (big["matrix"]["决策"] == 0).sum() > 0
    assert C.plan_activities(data, 200)["coverage_after"] == pytest.approx(big["coverage_after"])


@pytest.mark.parametrize("weights", [W, (0.0, 0.25, 0.15, 0.20), (0.25, 0.25, 0.25, 0.25)])
def test_bundled_plan_buys_nothing_useless_and_spends_sensibly(data, weights):
    p = C.planning_inputs(data)
    reached = p["reached"].to_numpy()
    last = None
    for budget in range(0, 101, 5):
        r = C.plan_activities(p, budget, *weights)
        assert redundant(r, reached) == [], budget
        assert (r["plan"]["roles_reached"] != "—").all()
        if last is not None:
            # more money never lowers coverage; spending rises only when coverage does
            assert r["coverage_after"] >= last["coverage_after"] - 1e-9
            if r["coverage_after"] <= last["coverage_after"] + 1e-9:
                assert r["spent"] == pytest.approx(last["spent"]), budget
            else:
                assert r["spent"] > last["spent"]
        last = r


def test_each_new_cell_is_credited_to_one_activity(data):
    r = C.plan_activities(data, 62)
    credited = r["plan"].groupby("account_id")["roles_reached"].agg(
        lambda s: sorted("、".join(s).split("、")))
    matrix = r["matrix"].set_axis(r["scores"]["account_id"])
    new = (matrix == 2).apply(lambda row: sorted(row.index[row]), axis=1)
    assert credited.to_dict() == new[new.str.len() > 0].to_dict()


def test_bundled_plan_beats_greedy_at_the_notebook_budget(data):
    r = C.compare_plans(data, 50)
    assert r["milp_coverage"] > r["greedy_coverage"] > r["coverage_before"]
    assert r["gap"] == pytest.approx(r["milp_coverage"] - r["greedy_coverage"])
    m = r["milp"]["matrix"].to_numpy()
    before = C.planning_inputs(data)["reached"].to_numpy()
    assert ((m >= 1) == (before == 1) | (m == 2)).all()
    # the plan table says which roles each activity newly reaches
    plan = r["milp"]["plan"]
    assert plan["cost_10k"].sum() == pytest.approx(r["milp_spent"])
    assert set(plan["means"]) <= set(C.MEANS_TABLE["means"])


def test_planning_inputs_equal_the_data_path(data):
    a = C.plan_activities(data, 30)
    b = C.plan_activities(C.planning_inputs(data), 30)
    assert a["coverage_after"] == pytest.approx(b["coverage_after"])
    with pytest.raises(InputError) as e:
        C.plan_activities({"accounts": pd.DataFrame(), "reached": pd.DataFrame()}, 30)
    assert_bilingual(e, "data")


@pytest.mark.parametrize("kw,name", [({"budget": -1}, "budget"), ({"w_use": 1.5}, "w_use"),
                                     ({"method": "lp"}, "method")])
def test_plan_refuses_bad_arguments(data, kw, name):
    with pytest.raises(CRMLabError) as e:
        C.plan_activities(data, **kw)
    assert_bilingual(e, name)


# --------------------------------------------------------------------------- database
def test_database_holds_the_four_card_groups_and_the_log(data, db):
    tables = C.run_sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'")["name"]
    assert set(tables) == {"card_basic", "card_traits", "card_business", "card_transactions",
                           "contacts", "activities", "catalogue"}
    q1 = C.design_query(db, 1).set_index("table_name")["n_rows"]
    assert q1["contacts"] == len(data["contacts"]) and q1["activities"] == len(data["activities"])
    schema = C.schema_table(db)
    assert (schema.groupby("table_name")["primary_key"].apply(lambda s: (s == "是").sum()) == 1).all()
    assert schema["meaning"].str.contains(HAN).all()


def test_design_queries_agree_with_pandas(data, db):
    con, act = data["contacts"], data["activities"]
    # Q2: accounts whose decision-makers had no activity in 2025
    dm = con[con["role"] == "决策"]
    touched = set(act.loc[act["contact_id"].isin(dm["contact_id"]), "account_id"])
    expect = set(data["accounts"]["account_id"]) - touched
    q2 = C.design_query(db, 2)
    assert set(q2["account_id"]) == expect
    assert q2["capex_100m"].is_monotonic_decreasing
    # Q6: activities per month and line add up to the log
    q6 = C.design_query(db, 6)
    assert q6["activities"].sum() == len(act)
    assert q6.groupby("team")["activities"].sum().to_dict() == act["team"].value_counts().to_dict()
    # Q7: correctness checks, each counted again with pandas
    q7 = C.design_query(db, 7).set_index("check_name")["problems"]
    assert q7["电话不是11位数字"] == (~con["phone"].str.fullmatch(r"\d{11}")).sum() == 0
    assert q7["关系等级不在 0–3 之间"] == (~con["level"].between(0, 3)).sum()
    assert q7["活动日期不在 2025 年"] == (~act["date"].str.startswith("2025-")).sum()
    wrong = act.merge(con[["contact_id", "account_id"]], on="contact_id", suffixes=("", "_c"))
    assert q7["活动记录的客户与联系人所属客户不一致"] == (wrong["account_id"] != wrong["account_id_c"]).sum()
    bad = dict(data, contacts=con.assign(level=con["level"].where(con.index != 0, 5)))
    q7_bad = C.design_query(C.build_database(bad), 7).set_index("check_name")["problems"]
    assert q7_bad["关系等级不在 0–3 之间"] == 1
    # Q8: days since the card was updated, counted to 2025-12-31
    q8 = C.design_query(db, 8).set_index("account_id")
    days = (pd.Timestamp("2025-12-31") - pd.to_datetime(data["accounts"].set_index(
        "account_id")["card_updated"])).dt.days
    assert (q8["days_since_update"] == days.reindex(q8.index)).all()
    for q in (3, 4, 5):
        assert len(C.design_query(db, q)) == 6


def test_database_is_read_only_through_run_sql(db):
    with pytest.raises(InputError) as e:
        C.run_sql(db, "DELETE FROM contacts")
    assert_bilingual(e, "sql")
    with pytest.raises(InputError) as e:
        C.run_sql(db, "SELECT 1; DROP TABLE contacts")
    assert_bilingual(e, "sql")
    with pytest.raises(InputError) as e:
        C.run_sql(db, "SELECT no_such_column FROM contacts")
    assert_bilingual(e, "sql")
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] > 0


def test_build_database_refuses_bad_paths(data, tmp_path):
    with pytest.raises(InputError) as e:
        C.build_database(data, tmp_path / "missing_folder" / "x.sqlite")
    assert_bilingual(e, "path")
    with pytest.raises(InputTypeError) as e:
        C.build_database(data, 3)
    assert_bilingual(e, "path")
    with pytest.raises(InputError) as e:
        C.design_query(tmp_path / "nothing.sqlite", 1)
    assert_bilingual(e, "db")


def test_profile_card_has_its_four_groups(data):
    card = C.profile_card(data, "A01")
    assert list(card["card_group"].unique()) == list(C.CARD_GROUPS)
    assert card.loc[card["field"] == "公司全称", "field_value"].item() == \
        data["accounts"].loc[0, "company_name"]
    with pytest.raises(InputError) as e:
        C.profile_card(data, "Z99")
    assert_bilingual(e, "account_id")


# --------------------------------------------------------------------------- merging
def test_match_lists_by_hand():
    # true duplicates: P3 (王磊, spaced on the customer line, phone in two formats) and
    # P6 (周强, the customer line has an old phone).  PL003 周静 and CL003 张伟 are single;
    # 周静 shares surname and company (浙江电信) with 周强, the loosest rule's false match.
    t = tiny()
    expect = {5: (0, 0), 4: (1, 0), 3: (2, 0), 2: (2, 0), 1: (2, 1)}
    for s, (found, false) in expect.items():
        r = C.match_lists(t, s)
        assert (r["found"], r["false_matches"]) == (found, false), s
        assert r["true_duplicates"] == 2 and r["missed"] == 2 - found
    loose = C.match_lists(t, 1)["pairs"]
    wrong = loose[~loose["correct"]]
    assert wrong[["record_id_pl", "record_id_cl"]].values.tolist() == [["PL003", "CL002"]]
    r3 = C.match_lists(t, 3)
    assert r3["precision"] == 1.0 and r3["recall"] == 1.0 and r3["merged_records"] == 4


def test_strictness_nests_matches_on_the_bundled_lists(data):
    pairs = {s: set(map(tuple, C.match_lists(data, s)["pairs"][["record_id_pl", "record_id_cl"]]
                        .to_numpy())) for s in range(1, 6)}
    for s in range(1, 5):
        assert pairs[s + 1] <= pairs[s]
    q = C.match_quality(data)
    assert q["recall"].is_monotonic_decreasing
    assert (q["found"] + q["missed"] == q["found"].iloc[0] + q["missed"].iloc[0]).all()
    assert q.loc[q["strictness"] == 1, "false_matches"].item() > 0
    assert q.loc[q["strictness"] >= 2, "false_matches"].eq(0).all()


def test_conflicting_visits_and_uncovered_cells_by_hand():
    t = tiny()
    c = C.conflicting_visits(t, 14)
    # P3: 技术交流 by 产品线 on 03-01 and 现场会 by 客户线 on 03-10: 9 days apart
    assert c[["contact_id", "days_apart"]].values.tolist() == [["P3", 9]]
    assert C.conflicting_visits(t, 8).empty
    e = C.merge_effects(t, 3, 14)
    # 8 cells; the product line keeps 技术 at A1, 技术 and 使用 at A2 -> misses 5;
    # the customer line keeps 技术 and 决策 at A1, 技术 at A2 -> misses 5; nobody: 4
    assert (e["cells"], e["uncovered_product"], e["uncovered_customer"], e["uncovered_both"]) == \
        (8, 5, 5, 4)
    assert e["conflicting_visits"] == 1


def test_match_lists_refuses_bad_strictness(data):
    with pytest.raises(InputError) as e:
        C.match_lists(data, 6)
    assert_bilingual(e, "strictness")


@pytest.mark.parametrize("bad", ["x", None, [1], 3.0])
def test_data_must_be_the_mapping_of_tables(bad):
    with pytest.raises(CRMLabError) as e:
        C.coverage_scores(bad)
    assert_bilingual(e, "data")


def test_a_damaged_table_is_refused_naming_it():
    t = tiny()
    t["contacts"] = t["contacts"].assign(level=[1, 2, np.nan, 0, 1, 1])
    with pytest.raises(InputError) as e:
        C.relationship_map(t)
    assert_bilingual(e, "data['contacts']")
    t = tiny()
    t["activities"].loc[0, "means"] = "请客吃饭"
    with pytest.raises(InputError) as e:
        C.coverage_scores(t)
    assert_bilingual(e, "data['activities']")


# --------------------------------------------------------------------------- charts and panels
def test_charts_draw_what_they_are_given(data):
    fig = C.plot_means_by_role(C.relationship_map(data))
    assert isinstance(fig, Figure)
    heights = sum(p.get_height() for p in fig.axes[0].patches)
    assert heights == len(data["activities"])
    best = C.plan_activities(data, 50)
    rule = C.plan_activities(data, 50, method="greedy")
    fig = C.plot_coverage_matrix(best["matrix"], other=rule["matrix"])
    marks = [t.get_text() for t in fig.axes[0].texts if t.get_text() in "○×"]
    differ = ((best["matrix"] == 2) & (rule["matrix"] == 0)).to_numpy().sum() + \
        ((rule["matrix"] == 2) & (best["matrix"] == 0)).to_numpy().sum()
    assert len(marks) == differ > 0
    fig = C.plot_match_quality(C.match_quality(data), 3)
    assert len(fig.axes[0].patches) == 16   # 15 bars and the outline of strictness 3


def test_plan_panel_default_teaches_the_gap(data):
    p = C.plan_panel()
    r = p.result
    assert r["milp_coverage"] > r["greedy_coverage"] > r["coverage_before"]
    assert r["gap_points"] == pytest.approx(100 * (r["milp_coverage"] - r["greedy_coverage"]))
    p.set(budget=0)
    assert p.result["milp_coverage"] == pytest.approx(p.result["coverage_before"])
    p.set(budget=50, w_decision=0, w_influence=0, w_use=0, w_technical=0)
    assert p.result is None and "权重" in p.error
    p.close()


def test_merge_panel_model_equals_merge_effects(data):
    q, c = C.match_quality(data), C.conflicting_visits(data, 60)
    for s, d in ((1, 0), (2, 14), (5, 60)):
        a = C.merge_panel_model(q, c, s, d)
        b = C.merge_effects(data, s, d)
        for k in ("duplicates_found", "false_matches", "missed", "precision", "recall",
                  "merged_records", "uncovered_both", "conflicting_visits"):
            assert a[k] == pytest.approx(b[k]), (s, d, k)
    p = C.merge_panel()
    assert p.result["false_matches"] == 0 and p.result["recall"] > 0.9
    p.set(strictness=1)
    assert p.result["false_matches"] > 0
    p.close()


def test_relationship_map_chart_shows_people_levels_and_activities(data):
    m = C.relationship_map(data)
    fig = C.plot_relationship_map(m)
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    # 10 provinces × 3 operators × (4 roles + the activity column)
    assert grid.shape == (10, 15) and grid.mask[:, 4::5].all()
    first = m[(m["province"] == "江苏") & (m["operator"] == "移动")]
    assert grid[0, :4].tolist() == first["best_level"].tolist()
    texts = [t.get_text() for t in ax.texts]
    acts = m.groupby("account_id")[list(C.MEANS_TABLE["means"])].sum().sum(axis=1)
    assert texts.count("·") == 0 and sum(t.endswith("·") for t in texts) == (~m["reached"]).sum()
    assert str(int(acts["A01"])) in texts and "模拟数据" in [t.get_text() for t in fig.texts]
    with pytest.raises(InputError) as e:
        C.plot_relationship_map(m.drop(columns="best_level"))
    assert_bilingual(e, "rmap")
