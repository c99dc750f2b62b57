"""Chapter 2 (crmlab.states): hand-worked and published numbers, invariants, bad input,
the simulated panel and its calibration."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlab import datasets, display, states, textbook, value
from crmlab.simulate import prospects
from crmlab.validation import InputError, InputTypeError


def recency_matrix(p):
    """Pfeifer & Carraway's (2000) recency (migration) chain: state i = i periods since the
    last purchase; a purchase (probability p_i) returns the customer to state 1, otherwise
    they move one state on; the last state keeps those who do not buy."""
    k = len(p)
    M = np.zeros((k, k))
    for i, pi in enumerate(p):
        M[i, 0] += pi
        M[i, min(i + 1, k - 1)] += 1 - pi
    return states.check_transition_matrix(M, states=[f"recency_{i + 1}" for i in range(k)])


def retention_chain(r):
    return states.check_transition_matrix([[r, 1 - r], [0, 1]], states=["active", "lost"])


# --------------------------------------------------------------------------- published examples
def test_state_values_reproduce_the_retention_case_of_berger_nasr_as_pfeifer_carraway_write_it():
    """Berger & Nasr (1998) case 1 as a two-state Markov chain (Pfeifer & Carraway 2000, eq. for
    the customer-retention situation): V(active) = m (1 + d) / (1 + d − r) with the reward at
    the start of the period; the future part V − R is Gupta–Lehmann's m r / (1 + d − r).  Both
    are checked against the independently written Chapter 1 functions."""
    for m, r, d in [(100, 0.8, 0.10), (40, 0.6, 0.2), (250, 0.95, 0.05)]:
        V = states.state_values(retention_chain(r), [m, 0], d)
        assert V["active"] == pytest.approx(m * (1 + d) / (1 + d - r), rel=1e-12)
        assert V["active"] == pytest.approx(value.clv(m, r, d, timing="start"), rel=1e-12)
        assert V["active"] - m == pytest.approx(value.clv(m, r, d, timing="end"), rel=1e-12)
        assert states.state_values(retention_chain(r), [m, 0], d, timing="end")["active"] == \
            pytest.approx(m / (1 + d - r), rel=1e-12)
        for T in (1, 5, 30):
            VT = states.state_values(retention_chain(r), [m, 0], d, horizon=T)
            assert VT["active"] == pytest.approx(value.clv(m, r, d, horizon=T, timing="start"),
                                                 rel=1e-12)
    # the worked number of the docstring: 100 × 1.1 / 0.3
    assert states.state_values(retention_chain(0.8), [100, 0], 0.1)["active"] == \
        pytest.approx(366.6667, abs=1e-4)


def test_state_values_reproduce_the_pfeifer_carraway_recency_model_worked_examples():
    """The recency (migration) model of Pfeifer & Carraway (2000).  Numbers of the worked
    examples in the test suite of an independent implementation of that model (phpOMS,
    Orange Management, tests/Business/Marketing/MetricsTest.php):
    * infinite horizon, d = 10 %, p = (0.5, 0.2, 0.1, 0), R = (100, 0, 0, 0):
      V = (231.08, 57.29, 21.01, 0);
    * Pfeifer & Carraway's mailing example — margin 40 less a 4 mailing, d = 20 %,
      p = (0.3, 0.2, 0.05, 0), R = (36, −4, −4, 0) — summed over five periods (t = 0…4):
      V = (49.4, 2.69, −1.98, 0), which says mailing pays only for the customers who bought
      in the last period or the one before."""
    V = states.state_values(recency_matrix([0.5, 0.2, 0.1, 0]), [100, 0, 0, 0], 0.1)
    assert V.round(2).tolist() == [231.08, 57.29, 21.01, 0.0]
    V5 = states.state_values(recency_matrix([0.3, 0.2, 0.05, 0]), [36, -4, -4, 0], 0.2, horizon=5)
    assert V5.round(2).tolist() == [49.4, 2.69, -1.98, 0.0]
    # the infinite horizon is a little higher where the customer is still likely to buy
    V = states.state_values(recency_matrix([0.3, 0.2, 0.05, 0]), [36, -4, -4, 0], 0.2)
    assert V.iloc[0] > V5.iloc[0] and V.iloc[-1] == 0


def test_project_reproduces_the_four_period_purchase_matrix_of_the_recency_model():
    """P⁴ of the recency chain p = (0.3, 0.2, 0.05, 0) (same source as above): a customer who
    just bought has bought again in period 4 with probability 0.0823, …"""
    P = recency_matrix([0.3, 0.2, 0.05, 0])
    expected = [[0.0823, 0.0973, 0.1288, 0.6916], [0.037, 0.0406, 0.056, 0.8664],
                [0.0070, 0.0080, 0.0084, 0.9766], [0, 0, 0, 1]]
    for i, state in enumerate(P.index):
        mix = states.project({state: 1.0}, P, 4)
        assert mix.iloc[-1].to_numpy() == pytest.approx(expected[i], abs=1e-4)


def test_project_and_stationary_reproduce_grinstead_snell_land_of_oz():
    """Grinstead & Snell (1997), Example 11.1 and 11.19 (the Land of Oz weather): P² row rain
    = (.4375, .1875, .375); the long run is (.4, .2, .4) from any start."""
    P = states.check_transition_matrix([[0.5, 0.25, 0.25], [0.5, 0, 0.5], [0.25, 0.25, 0.5]],
                                       states=["rain", "nice", "snow"])
    assert states.project({"rain": 1}, P, 2).iloc[2].tolist() == pytest.approx([0.4375, 0.1875, 0.375])
    assert states.stationary(P).tolist() == pytest.approx([0.4, 0.2, 0.4], abs=1e-12)
    far = states.project([1 / 3, 1 / 3, 1 / 3], P, 60).iloc[-1]
    assert far.tolist() == pytest.approx([0.4, 0.2, 0.4], abs=1e-9)


def test_absorption_reproduces_the_drunkards_walk():
    """Kemeny & Snell (1960) / Grinstead & Snell (1997) Example 11.13: the drunkard's walk on
    0…4 with p = ½, 0 and 4 absorbing: N = [[3/2, 1, 1/2], [1, 2, 1], [1/2, 1, 3/2]],
    t = (3, 4, 3), B = [[3/4, 1/4], [1/2, 1/2], [1/4, 3/4]]."""
    M = np.zeros((5, 5))
    M[0, 0] = M[4, 4] = 1
    for i in (1, 2, 3):
        M[i, i - 1] = M[i, i + 1] = 0.5
    P = states.check_transition_matrix(M, states=list("01234"))
    out = states.absorption(P, ["0", "4"])
    assert out["fundamental"].to_numpy() == pytest.approx(
        np.array([[1.5, 1, 0.5], [1, 2, 1], [0.5, 1, 1.5]]))
    assert out["expected_periods"].tolist() == pytest.approx([3, 4, 3])
    assert out["probabilities"].to_numpy() == pytest.approx(
        np.array([[0.75, 0.25], [0.5, 0.5], [0.25, 0.75]]))


# --------------------------------------------------------------------------- hand-worked numbers
def test_flow_model_by_hand():
    """Default flow: loyal leave at 2 % → 50 months; repeat: t_R = 1 + .85 t_R + .1 t_L → 40;
    first-time: t_F = 1 + .75 t_F + .15 t_R → 28 months before a new customer is first lost."""
    out = states.flow_whatif()
    assert out["lifetime_new"] == pytest.approx(28.0)
    live = ["first_time", "repeat", "loyal", "lost"]
    P = out["P"].loc[live, live]     # lost_forever = 0: 非客户 is never reached
    pi = states.stationary(P)
    assert (pi.to_numpy() @ P.to_numpy()) == pytest.approx(pi.to_numpy())
    assert out["loyal_share_long_run"] == pytest.approx(pi["loyal"])
    assert out["non_customer_share_long_run"] == 0
    # customer equity of 1,000 new customers = 1,000 × V(first_time)
    assert out["customer_equity"] == pytest.approx(1000 * out["values"]["first_time"])
    assert out["mix"].iloc[1].tolist() == pytest.approx([750, 150, 0, 100, 0])


def test_flow_model_lost_for_good():
    """永远流失: with lost_forever > 0 everyone ends a non-customer, a lost customer is worth
    much less, and the months before the first loss do not change."""
    base = states.flow_whatif()
    out = states.flow_whatif(lost_forever=0.05)
    assert out["P"].loc["lost"].tolist() == pytest.approx([0, 0.05, 0, 0.90, 0.05])
    assert out["P"].loc["non_customer", "non_customer"] == 1
    assert out["lifetime_new"] == pytest.approx(base["lifetime_new"])
    assert out["loyal_share_long_run"] == 0 and out["non_customer_share_long_run"] == 1
    assert 0 < out["lost_forever_share_end"] < 1
    # lost customer: 91 % of a new one without the exit, about 58 % with 5 % a month
    assert base["values"]["lost"] / base["values"]["first_time"] == pytest.approx(0.91, abs=0.01)
    assert out["values"]["lost"] / out["values"]["first_time"] < 0.6
    assert out["value_new"] < base["value_new"]
    # V(lost) by hand: V_L = (0.05 V_R + 0.90 V_L) / 1.01
    v = out["values"]
    assert v["lost"] == pytest.approx((0.05 * v["repeat"] + 0.90 * v["lost"]) / 1.01)
    with pytest.raises(InputError):
        states.flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.6, 0.5)


def test_recovery_table_against_the_named_generator():
    panel = datasets.load("prospect_states")
    P_hat, counts = states.transition_matrix(panel), states.transition_counts(panel)
    by_name = states.recovery_table(P_hat, "prospect_states", counts)
    by_matrix = states.recovery_table(P_hat, prospects.GENERATING_MATRIX, counts)
    pd.testing.assert_frame_equal(by_name, by_matrix)
    with pytest.raises(InputError):
        states.recovery_table(P_hat, "no_such_data", counts)


def test_flow_panel_teacher_hint_question_3():
    """The 6.5 hint: +5 months before the first loss (28 → 33) takes a 4-point cut in first-time
    churn (10 % → 6 %) but an 18-point rise in first → repeat (15 % → 33 %)."""
    assert states.flow_whatif(churn_first=0.06)["lifetime_new"] == pytest.approx(100 / 3)
    assert states.flow_whatif(first_to_repeat=0.32)["lifetime_new"] < 33
    assert states.flow_whatif(first_to_repeat=0.33)["lifetime_new"] >= 33
    assert states.flow_whatif(churn_first=0.07)["lifetime_new"] < 33


def test_contacts_per_sale_from_the_seed_success_rates():
    rates = [textbook.value(f"ch2_success_rate_{k}") for k in ("potential", "first_time", "repeat")]
    n = states.contacts_per_sale(rates)
    assert n == pytest.approx([100 / 6, 100 / 15, 2.0])
    assert n[0] / n[2] == pytest.approx(25 / 3)
    effort = states.selling_effort(dict(zip(("a", "b", "c"), rates)), 30, margin_per_sale=100,
                                   contacts=60)
    assert effort["cost_per_sale"].tolist() == pytest.approx([500, 200, 60])
    assert effort["profit_per_contact"].tolist() == pytest.approx([-24, -15, 20])
    assert effort["sales"].tolist() == pytest.approx([3.6, 9, 30])


def test_lead_temperature_and_man():
    assert states.HOT_MONTHS == textbook.value("ch2_hot_prospect_months")
    assert states.WARM_MONTHS == textbook.value("ch2_warm_prospect_months")
    assert states.WARM_MONTHS == textbook.value("ch2_cold_prospect_months")
    assert states.lead_temperature([0, 1, 1.01, 3, 3.5, 12]).tolist() == \
        ["hot", "hot", "warm", "warm", "cold", "cold"]
    leads = pd.DataFrame({"money": [1, 1, 0, 1], "authority": [True, True, True, False],
                          "need": [True, False, False, True], "order_months": [2, 0, 0, 9]})
    out = states.qualify_leads(leads)
    assert out["qualified"].tolist() == [True, False, False, False]
    assert out["missing"].tolist() == ["", "N", "MN", "A"]
    assert out["temperature"].tolist() == ["warm", "", "", ""]


def test_transition_matrix_from_a_small_panel_by_hand():
    panel = pd.DataFrame({"customer_id": ["a"] * 4 + ["b"] * 3 + ["c"] * 2,
                          "month": [1, 2, 3, 4, 1, 2, 4, 1, 2],
                          "state": ["target", "first_time", "repeat", "repeat",
                                    "target", "target", "first_time", "repeat", "lost"]})
    names = ["target", "first_time", "repeat", "lost"]
    C = states.transition_counts(panel, states=names)
    # b's month 2 → 4 is a gap: no move; a: t→f, f→r, r→r; b: t→t; c: r→l
    assert C.to_numpy().tolist() == [[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1], [0, 0, 0, 0]]
    with pytest.raises(InputError, match="no move out of state 'lost'"):
        states.transition_matrix(panel, states=names)
    P = states.transition_matrix(panel[panel["state"] != "lost"].iloc[:-1], states=names[:3])
    assert P.loc["repeat", "repeat"] == 1.0 and P.loc["target", "first_time"] == 0.5
    # row order does not matter
    shuffled = panel.sample(frac=1, random_state=3)
    assert states.transition_counts(shuffled, states=names).equals(C)


def test_value_by_final_state_by_hand():
    panel = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c", "c"], "month": [2, 1, 1, 2, 1, 2],
                          "state": ["loyal", "repeat", "repeat", "lost", "target", "target"],
                          "margin": [100, 50, 30, 0, 0, 0]})
    out = states.value_by_final_state(panel)
    assert out.loc["loyal", "total_margin"] == 150 and out.loc["lost", "total_margin"] == 30
    assert out["customers"].sum() == 3 and out["margin_share"].sum() == pytest.approx(1)


# --------------------------------------------------------------------------- invariants
@pytest.mark.parametrize("seed", range(8))
def test_invariants_on_random_chains(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 7))
    M = rng.random((k, k)) ** 3
    M /= M.sum(axis=1, keepdims=True)
    names = [f"s{i}" for i in range(k)]
    P = states.check_transition_matrix(M, states=names)
    assert P.sum(axis=1).to_numpy() == pytest.approx(np.ones(k))
    n0 = rng.integers(0, 1000, size=k).astype(float)
    mix = states.project(n0, P, 25)
    assert mix.sum(axis=1).to_numpy() == pytest.approx(np.full(26, n0.sum()))
    assert (mix.to_numpy() >= -1e-9).all()
    R = rng.random(k) * 100
    V = states.state_values(P, R, 0.1)
    assert (states.state_values(P, R + 1, 0.1) > V).all()                 # more reward, more value
    assert (states.state_values(P, R, 0.2) < V).all()                     # higher d, less value
    assert (V >= R).all()                                                 # R ≥ 0: the future adds
    assert V.to_numpy() == pytest.approx(R + M @ V.to_numpy() / 1.1)      # Bellman equation
    # the finite horizon approaches the infinite one from below
    assert (states.state_values(P, R, 0.1, horizon=300) - V).abs().max() < 1e-6
    # make the last state absorbing: absorption probabilities sum to 1
    M2 = M.copy()
    M2[-1] = 0
    M2[-1, -1] = 1
    out = states.absorption(states.check_transition_matrix(M2, states=names), [names[-1]])
    assert out["probabilities"].sum(axis=1).to_numpy() == pytest.approx(np.ones(k - 1))
    assert (out["expected_periods"] >= 1 - 1e-12).all()


def test_two_absorbing_states_share_the_customers():
    P = states.check_transition_matrix(
        [[0.5, 0.3, 0.1, 0.1], [0.2, 0.6, 0.0, 0.2], [0, 0, 1, 0], [0, 0, 0, 1]],
        states=["a", "b", "won", "gone"])
    out = states.absorption(P, ["won", "gone"])
    assert out["probabilities"].sum(axis=1).to_numpy() == pytest.approx([1, 1])
    Q = P.loc[["a", "b"], ["a", "b"]].to_numpy()
    assert out["fundamental"].to_numpy() == pytest.approx(np.linalg.inv(np.eye(2) - Q))


# --------------------------------------------------------------------------- bad input
def _bilingual(err):
    text = str(err.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    return text


@pytest.mark.parametrize("bad, where", [
    ([[0.9, 0.2], [0, 1]], "sums to 1.1"),
    ([[1.1, -0.1], [0, 1]], "-0.1"),
    ([[0.5, 0.5, 0], [0, 1, 0]], "square"),
    ([[np.nan, 1], [0, 1]], "NaN"),
])
def test_bad_matrices_are_refused(bad, where):
    with pytest.raises(InputError) as err:
        states.check_transition_matrix(bad, states=["a", "b"] if len(bad[0]) == 2 else ["a", "b", "c"])
    text = _bilingual(err)
    assert "P" in text and where in text


def test_states_must_be_named():
    with pytest.raises(InputTypeError, match="states"):
        states.check_transition_matrix([[1.0]])
    with pytest.raises(InputError, match="distinct"):
        states.check_transition_matrix([[1, 0], [0, 1]], states=["a", "a"])
    frame = pd.DataFrame([[1.0, 0], [0, 1]], index=["a", "b"], columns=["b", "a"])
    with pytest.raises(InputError, match="same states"):
        states.check_transition_matrix(frame)
    with pytest.raises(InputTypeError):
        states.check_transition_matrix("P")


def test_rewards_discount_and_horizon_are_checked():
    P = retention_chain(0.8)
    with pytest.raises(InputError, match="rewards") as err:
        states.state_values(P, [1, 2, 3], 0.1)
    _bilingual(err)
    with pytest.raises(InputError, match="missing 'lost'"):
        states.state_values(P, {"active": 1}, 0.1)
    with pytest.raises(InputError, match="discount_rate"):
        states.state_values(P, [1, 0], -0.1)
    with pytest.raises(InputError, match="discount_rate") as err:
        states.state_values(P, [1, 0], 0.0)
    assert "horizon" in _bilingual(err)
    assert states.state_values(P, [1, 0], 0.0, horizon=3)["active"] == pytest.approx(1 + 0.8 + 0.64)
    with pytest.raises(InputError, match="timing"):
        states.state_values(P, [1, 0], 0.1, timing="middle")
    with pytest.raises(InputError, match="rewards"):
        states.state_values(P, [1e308, 0], 1e-12)


def test_project_and_absorption_inputs_are_checked():
    P = retention_chain(0.8)
    with pytest.raises(InputError, match="counts"):
        states.project([1, 2, 3], P, 2)
    with pytest.raises(InputError, match="counts"):
        states.project([-1, 2], P, 2)
    with pytest.raises(InputError, match="periods"):
        states.project([1, 0], P, -1)
    with pytest.raises(InputError, match="unknown|state 'x'"):
        states.project({"x": 1}, P, 1)
    with pytest.raises(InputError, match="stay put") as err:
        states.absorption(P, ["active"])
    _bilingual(err)
    with pytest.raises(InputError, match="absorbing"):
        states.absorption(P, ["nope"])
    stuck = states.check_transition_matrix([[1, 0, 0], [0, 0.5, 0.5], [0, 0.5, 0.5]],
                                           states=["gone", "a", "b"])
    with pytest.raises(InputError, match="never reach") as err:
        states.absorption(stuck, ["gone"])
    _bilingual(err)
    two_classes = states.check_transition_matrix([[1, 0], [0, 1]], states=["a", "b"])
    with pytest.raises(InputError, match="closed class"):
        states.stationary(two_classes)


def test_panel_and_lead_inputs_are_checked():
    with pytest.raises(InputError, match="state 'vip'") as err:
        states.transition_counts(pd.DataFrame({"customer_id": [1], "month": [1], "state": ["vip"]}))
    _bilingual(err)
    with pytest.raises(InputError, match="twice in period"):
        states.transition_counts(pd.DataFrame({"customer_id": [1, 1], "month": [1, 1],
                                               "state": ["target", "target"]}))
    with pytest.raises(InputError, match="whole-number"):
        states.transition_counts(pd.DataFrame({"customer_id": [1], "month": [1.5],
                                               "state": ["target"]}))
    with pytest.raises(InputTypeError, match="state_col"):
        states.transition_counts(pd.DataFrame({"state": []}), state_col=["state"])
    with pytest.raises(InputError, match="success_rate"):
        states.contacts_per_sale(0)
    with pytest.raises(InputError, match="success_rate"):
        states.contacts_per_sale([0.5, 1.5])
    with pytest.raises(InputError, match="order_months"):
        states.lead_temperature(-1)
    with pytest.raises(InputTypeError, match="money"):
        states.qualify_leads(pd.DataFrame({"money": ["yes"], "authority": [True], "need": [True],
                                           "order_months": [1]}))
    with pytest.raises(InputError, match="churn_first") as err:
        states.flow_matrix(0.6, 0.1, 0.5, 0.05, 0.02, 0.05)
    _bilingual(err)


# --------------------------------------------------------------------------- data and calibration
@pytest.fixture(scope="module")
def panel():
    return datasets.load("prospect_states")


def test_the_panel_is_the_generator_output(panel):
    card = datasets.card("prospect_states")
    assert card["rows"] == len(panel) == 2500 * 36
    assert "模拟数据" in card["description"]
    assert list(panel["state"].cat.categories) == list(states.STATES)
    fresh = prospects.generate(card["seed"])
    assert datasets.sha256(datasets.csv_bytes(fresh)) == card["sha256"]


def test_the_estimated_matrix_recovers_the_generating_one(panel):
    """Every estimated transition probability lies within 3.5 standard errors of the generating
    one (with 49 cells, one beyond 3.5 SE would happen by chance less than 2 % of the time), and
    a move the generator never makes is never estimated."""
    est = states.transition_matrix(panel)
    counts = states.transition_counts(panel)
    gen = prospects.GENERATING_MATRIX
    assert list(gen.index) == list(states.STATES)
    n = counts.sum(axis=1).to_numpy()[:, None]
    se = np.sqrt(gen.to_numpy() * (1 - gen.to_numpy()) / n)
    gap = np.abs(est.to_numpy() - gen.to_numpy())
    assert (gap <= 3.5 * se + 1e-12).all(), np.round(gap / np.where(se > 0, se, 1), 1)
    assert (est.to_numpy()[gen.to_numpy() == 0] == 0).all()
    table = states.recovery_table(est, gen, counts)
    assert (table["within_2se"] == "是").mean() > 0.8


def test_the_purchase_rates_are_calibrated_to_the_seed(panel):
    groups = {"potential_target": ["target"], "first_time": ["first_time"],
              "repeat_loyal": ["repeat", "loyal"]}
    rates = states.purchase_rates(panel, groups=groups)
    for group, fig in zip(groups, ("potential", "first_time", "repeat")):
        p, se = rates.loc[group, "purchase_rate"], rates.loc[group, "standard_error"]
        target = textbook.value(f"ch2_success_rate_{fig}")
        assert abs(p - target) <= 3 * se, (group, p, target, se)
        assert textbook.calibrated(p, f"ch2_success_rate_{fig}", atol=3 * se).ok
    # the generator's own probabilities are exactly the seed's
    buy = {s: sum(p for _, b, p in out if b) for s, out in prospects.OUTCOMES.items()}
    assert buy["target"] == textbook.value("ch2_success_rate_potential")
    assert buy["first_time"] == textbook.value("ch2_success_rate_first_time")
    assert buy["repeat"] == buy["loyal"] == textbook.value("ch2_success_rate_repeat")


def test_generator_checks_its_arguments():
    with pytest.raises(InputTypeError, match="seed"):
        prospects.generate(1.5)
    with pytest.raises(InputError, match="months"):
        prospects.generate(1, n=10, months=1)
    small = prospects.generate(5, n=30, months=4)
    assert small.groupby("customer_id").size().eq(4).all()
    assert ((small["margin"] > 0) == (small["purchased"] == 1)).all()


# --------------------------------------------------------------------------- presentation
def test_every_id_shown_is_in_the_glossary():
    for ident in [*states.STATES, "potential_target", "repeat_loyal", "state", "from_state",
                  "to_state", "value", "expected_periods", "hot", "warm", "cold"]:
        assert display.label(ident, "states")
    effort = states.selling_effort({"potential_target": 0.06, "first_time": 0.15,
                                    "repeat_loyal": 0.5}, 50)
    html = display.table(states.selling_table(effort), topic="states").to_html()
    assert "潜在客户与目标客户" in html and "每成交一笔所需的推销次数" in html
    P = states.flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05)
    html = display.table(P, topic="states").to_html()
    assert "初次购买客户" in html and "本月状态" in html


def test_charts_have_chinese_labels():
    P = states.flow_matrix(0.15, 0.1, 0.1, 0.05, 0.02, 0.05)
    fig = states.plot_state_diagram(P)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "忠诚客户" in texts and "15.0%" in texts and "5.0%" in texts
    # one arrow per non-zero move off the diagonal
    assert sum(1 for p in fig.axes[0].patches if type(p).__name__ == "FancyArrowPatch") == \
        int(((P.to_numpy() > 0.001) & ~np.eye(5, dtype=bool)).sum())
    fig = states.plot_state_mix(states.flow_whatif(periods=6)["mix"], shares=True)
    assert fig.axes[0].get_title() == "客户状态分布随时间的变化"


def test_panels_are_driven_by_the_tested_models():
    panel = states.flow_panel()
    try:
        out = panel.set(win_back=0.2)
        assert out["loyal_share_long_run"] == pytest.approx(
            states.flow_whatif(win_back=0.2)["loyal_share_long_run"])
        records = panel.drive_extremes()
        assert all(not r.problems for r in records)
    finally:
        panel.close()
    panel = states.selling_panel()
    try:
        assert panel.set(cost_per_contact=100)["cost_potential_target"] == pytest.approx(100 / 0.06)
        assert all(not r.problems for r in panel.drive_extremes())
    finally:
        panel.close()
