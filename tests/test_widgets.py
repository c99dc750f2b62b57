import math

import pytest

from crmlab import widgets as W
from crmlab.validation import InputError, check_number


@pytest.fixture(autouse=True)
def close_panels():
    yield
    for panel in W.live_panels():
        panel.close()


def model(margin, retention, mode="end"):
    r = check_number(retention, "retention", zh="留存率", low=0, high=1, high_open=True)
    value = margin * r / (1.1 - r)
    return {"clv": value if mode == "end" else value * 1.1 / r if r else margin, "r": r}


def plot(fig, result, params):
    ax = fig.add_subplot()
    ax.bar(["CLV"], [result["clv"]])
    ax.set_title("客户终生价值")


def make(**kw):
    return W.WhatIfPanel(
        model,
        [W.Slider("margin", "每期利润", 0, 200, 10, 100, unit="元"),
         W.Slider("retention", "留存率", 0, 1, 0.01, 0.8, fmt=".0%"),
         W.Choice("mode", "时点", [("期末 end", "end"), ("期初 start", "start")])],
        [W.Result("clv", "客户终生价值", fmt=",.2f", unit="元")],
        plot=plot, title="测试面板", **kw)


def test_panel_shows_a_default_result_and_chart_before_anyone_touches_it():
    p = make()
    assert p.result["clv"] == pytest.approx(100 * 0.8 / 0.3)
    assert p.error is None
    assert p.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "266.67" in p._html.value and "客户终生价值" in p._html.value


def test_setting_a_slider_reruns_the_model_and_redraws():
    p = make()
    old_png = p.png
    res = p.set(retention=0.9)
    assert res["clv"] == pytest.approx(100 * 0.9 / 0.2)
    assert p._widgets["retention"].value == 0.9
    assert p.png != old_png
    ax = p.figure.axes[0]
    assert ax.patches[0].get_height() == pytest.approx(res["clv"])
    assert ax.get_title() == "客户终生价值"


def test_moving_the_widget_itself_updates_like_a_reader_would():
    p = make()
    p._widgets["margin"].value = 50
    assert p.result["clv"] == pytest.approx(50 * 0.8 / 0.3)


def test_model_errors_become_a_message_not_a_crash():
    p = make()
    p.set(retention=1.0)
    assert p.result is None
    assert "retention must be a number in [0, 1)" in p.error and "留存率" in p.error
    assert "无法计算" in p._html.value and "留存率" in p._html.value
    assert p.png  # a chart saying why, not a stale one
    p.reset()
    assert p.error is None and p.params == {"margin": 100, "retention": 0.8, "mode": "end"}


def test_values_outside_a_slider_range_are_refused():
    p = make()
    with pytest.raises(InputError, match="slider's range"):
        p.set(retention=1.5)
    with pytest.raises(InputError, match="one of"):
        p.set(colour="red")
    with pytest.raises(InputError):
        p.set(mode="middle")


def test_drive_extremes_visits_every_end_and_reports():
    p = make()
    records = p.drive_extremes()
    # 2 ends × 2 sliders + 2 options + all-min + all-max
    assert len(records) == 8
    errors = [r for r in records if r.error]
    assert {r.params["retention"] for r in errors} == {1}
    assert all(not r.problems for r in records)
    assert p.params == p.defaults()


def test_drive_extremes_flags_non_finite_results():
    p = W.WhatIfPanel(lambda x: {"y": math.inf if x == 1 else x},
                      [W.Slider("x", "x", 0, 1, 0.5, 0.5)], [W.Result("y", "y")])
    problems = [q for r in p.drive_extremes() for q in r.problems]
    assert problems == ["y = inf"]


def test_other_exceptions_propagate_so_tests_catch_bugs():
    def broken(x):
        if x > 0.9:
            raise ZeroDivisionError("bug")
        return {"y": x}
    p = W.WhatIfPanel(broken, [W.Slider("x", "x", 0, 1, 0.1, 0.5)], [W.Result("y", "y")])
    with pytest.raises(ZeroDivisionError):
        p.drive_extremes()


def test_closed_panels_are_forgotten():
    p = make()
    p.close()
    assert p not in W.live_panels()


def test_latency_is_measured():
    p = make()
    stats = p.measure_latency(changes=5)
    assert stats["changes"] == 5
    assert 0 < stats["median_ms"] <= stats["max_ms"]
    assert stats["within_budget"] == (stats["median_ms"] <= W.LATENCY_BUDGET_MS)


def test_static_snapshot_and_mimebundle():
    p = make()
    bundle = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "data:image/png;base64," in bundle["text/html"]
    assert "静态快照" in bundle["text/html"]


def test_live_panels_registry_and_driver():
    p = make()
    assert p in W.live_panels()
    summary = [s for s in W.drive_live_panels() if s["title"] == "测试面板"]
    assert summary and summary[0]["settings"] == 8 and summary[0]["problems"] == []


@pytest.mark.parametrize("bad", [
    dict(controls=[]),
    dict(controls=[W.Slider("a", "a", 0, 1, 0.1, 0.5), W.Slider("a", "b", 0, 1, 0.1, 0.5)]),
])
def test_bad_panel_specifications(bad):
    with pytest.raises(InputError):
        W.WhatIfPanel(model, results=[], **bad)


def test_bad_slider_specifications():
    with pytest.raises(InputError, match="max"):
        W.Slider("a", "a", 1, 0, 0.1, 0.5)
    with pytest.raises(InputError, match="value"):
        W.Slider("a", "a", 0, 1, 0.1, 2)
    with pytest.raises(InputError, match="step"):
        W.Slider("a", "a", 0, 1, 0, 0.5)


def test_error_message_shows_the_chinese_part_first():
    p = make()
    p.set(retention=1.0)
    body = p._html.value
    assert body.index("留存率 retention 应为") < body.index("retention must be a number")


@pytest.mark.parametrize("message, zh, en", [
    ("x must be y; got 1 (某某 x 应为 y，实际为 1)", "某某 x 应为 y，实际为 1", "x must be y; got 1"),
    ("data must have 'a' (missing 'b'); got t (数据 data 应为含有列的表格（缺少 'b'），实际为 t)",
     "数据 data 应为含有列的表格（缺少 'b'），实际为 t", "data must have 'a' (missing 'b'); got t"),
    ("n must be whole; got 2.5 (n 应为整数，实际为 2.5)", "n 应为整数，实际为 2.5", "n must be whole; got 2.5"),
    ("plain English only", "plain English only", ""),
])
def test_split_message(message, zh, en):
    assert W.split_message(message) == (zh, en)


def test_static_snapshot_shows_values_as_the_sliders_do():
    p = make()
    snapshot = p.static_html()
    assert "留存率 = 80%" in snapshot and "每期利润 = 100.00 元" in snapshot
    assert "时点 = 期末 end" in snapshot
