import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import widgets as W
from crmlab.validation import InputError, InputTypeError, check_number


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
    # the box's heading and the chart's note are Chinese only; the message itself keeps
    # its English half (the error-message convention), in small grey type
    heading = p._html.value.split("<b>", 1)[1].split("</b>", 1)[0]
    assert heading == "⚠ 无法计算", heading
    shown = [t.get_text() for ax in p.figure.axes for t in ax.texts]
    assert shown == ["⚠ 当前参数无法计算，请看上方说明"], shown
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
    # 8 settings at the extremes (see above) + a 20-step random walk
    assert summary and summary[0]["settings"] == 8 + 20 and summary[0]["problems"] == []
    assert [s for s in W.drive_live_panels(random_steps=0) if s["title"] == "测试面板"
            ][0]["settings"] == 8


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
    with pytest.raises(InputError, match="^a must be a number in \\[0, 1\\]; got 2"):
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


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["x"]])
def test_split_message_refuses_what_is_not_text(bad):
    with pytest.raises(InputTypeError, match="^message must be a string"):
        W.split_message(bad)


def test_static_snapshot_shows_values_as_the_sliders_do():
    p = make()
    snapshot = p.static_html()
    assert "留存率 = 80%" in snapshot and "每期利润 = 100.00 元" in snapshot
    assert "时点 = 期末 end" in snapshot


# ---------------------------------------------------------------- issue 11: start values and set()
def clv_sliders(**values):
    start = dict(margin=100, retention=0.8, years=10) | values
    return [W.Slider("margin", "每年利润 margin", 0, 200, 10, start["margin"], unit="元"),
            W.Slider("retention", "留存率 retention", 0, 1, 0.01, start["retention"], fmt=".0%"),
            W.Slider("years", "保持年数", 1, 40, 1, start["years"], unit="年", integer=True)]


def test_a_fraction_on_an_integer_slider_is_refused_not_rounded():
    with pytest.raises(InputError) as err:
        clv_sliders(years=2.5)
    assert str(err.value).startswith("years must be a whole number >= 1 and <= 40; got 2.5")
    assert "保持年数 years 应为" in str(err.value)
    assert clv_sliders(years=3.0)[2].value == 3 and isinstance(clv_sliders(years=3.0)[2].value, int)


@pytest.mark.parametrize("name, bad", [("retention", True), ("margin", "100"), ("margin", None),
                                       ("retention", pd.NA), ("years", False), ("years", "5")])
def test_start_values_of_the_wrong_type_name_the_argument_once(name, bad):
    with pytest.raises(InputTypeError) as err:
        clv_sliders(**{name: bad})
    message = str(err.value)
    assert message.startswith(f"{name} must be ")
    assert message.count(f"{name} ") == 2      # once in English, once in Chinese
    assert "value" not in message and f"{name} {name}" not in message


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 1e400])
def test_non_finite_start_values_are_refused(bad):
    with pytest.raises(InputError, match="^retention must be"):
        clv_sliders(retention=bad)


def panel3():
    return W.WhatIfPanel(lambda margin, retention, years: {"clv": margin * retention * years},
                         clv_sliders(), [W.Result("clv", "价值", fmt=",.0f")], title="三个滑块")


@pytest.mark.parametrize("name, bad, kind", [
    ("margin", "50", InputTypeError), ("margin", None, InputTypeError),
    ("margin", pd.NA, InputTypeError), ("retention", True, InputTypeError),
    ("years", 2.5, InputError), ("years", np.nan, InputError), ("margin", math.inf, InputError),
    ("margin", 10**400, InputError), ("margin", 250, InputError)])
def test_set_refuses_bad_values_naming_the_argument_and_changes_nothing(name, bad, kind):
    p = panel3()
    before = p.params
    with pytest.raises(kind) as err:
        p.set(margin=50, **{name: bad}) if name != "margin" else p.set(**{name: bad})
    message = str(err.value)
    assert message.startswith(f"{name} must be ") and f"{name} {name}" not in message
    assert "value" not in message.split(";")[0]
    assert p.params == before


def test_set_accepts_numpy_numbers_and_whole_floats_on_integer_sliders():
    p = panel3()
    p.set(margin=np.float64(50), years=np.int64(4), retention=0.5)
    assert p.params == {"margin": 50, "retention": 0.5, "years": 4}
    assert p.set(years=5.0)["clv"] == pytest.approx(50 * 0.5 * 5)


def test_choices_are_checked_by_kind_not_by_truth():
    c = W.Choice("flag", "开关", [("否", 0), ("是", 1)])
    assert c.check(1) == 1
    with pytest.raises(InputError, match="^flag must be one of 0, 1; got True"):
        c.check(True)
    with pytest.raises(InputTypeError, match="^flag must be one of"):
        c.check(None)


# ---------------------------------------------------------------- definitions
@pytest.mark.parametrize("kwargs, argument", [
    (dict(min=math.nan), "min"), (dict(max=math.inf), "max"), (dict(step=math.nan), "step"),
    (dict(step=math.inf), "step"), (dict(value=math.nan), "x"), (dict(min=-math.inf), "min"),
    (dict(step=2), "step"), (dict(min="0"), "min"), (dict(integer="yes"), "integer"),
    (dict(fmt="%%"), "fmt"), (dict(label=""), "label"), (dict(name=None), "name"),
    (dict(integer=True, step=0.5), "step")])
def test_bad_slider_definitions_are_refused_at_definition(kwargs, argument):
    spec = dict(name="x", label="某值", min=0, max=1, step=0.1, value=0.5) | kwargs
    with pytest.raises((InputError, InputTypeError)) as err:
        W.Slider(**spec)
    assert str(err.value).startswith(f"{argument} must be ")
    assert "应为" in str(err.value)


@pytest.mark.parametrize("options, value, message", [
    ([], None, "^options must be a non-empty list"),
    ("abc", None, "^options must be a non-empty list"),
    ([("a", 1), ("b", 1)], None, "^options must be distinct values"),
    ([("a", 1, 2)], None, "^options must be a \\(label, value\\) pair"),
    ([None, "x"], None, "^options must be a value that is not None"),
    (["end", "start"], "middle", "^mode must be one of 'end', 'start'; got 'middle'"),
])
def test_bad_choice_definitions_are_refused_at_definition(options, value, message):
    with pytest.raises((InputError, InputTypeError), match=message):
        W.Choice("mode", "时点", options, value)


def test_result_formats_are_checked_at_definition_and_integers_stay_integers():
    with pytest.raises(InputError, match="^fmt must be a Python format spec"):
        W.Result("n", "客户数", fmt="%d")
    with pytest.raises(InputTypeError, match="^detail must be True or False"):
        W.Result("n", "客户数", detail="yes")
    r = W.Result("n", "客户数", fmt="d", unit="家")
    assert r.render(np.float64(12.0)) == "12 家" and r.render(np.int64(7)) == "7 家"
    with pytest.raises(InputError, match="^n must be a whole number for the format 'd'; got 2.5"):
        r.render(2.5)
    assert r.render(None) == "—" and r.render(pd.NA) == "—"
    assert W.Result("ok", "是否").render(True) == "是"


def test_a_d_format_on_a_fractional_model_output_is_a_clear_error_not_a_raw_one():
    with pytest.raises(InputError, match="^n must be a whole number for the format 'd'"):
        W.WhatIfPanel(lambda x: {"n": x}, [W.Slider("x", "x", 0, 1, 0.5, 0.5)],
                      [W.Result("n", "客户数", fmt="d")])


@pytest.mark.parametrize("bad", [
    dict(results=["clv"]), dict(results=[W.Result("a", "a"), W.Result("a", "b")]),
    dict(controls=["margin"]), dict(plot="chart"), dict(fixed={"margin": 1}),
    dict(figsize=(math.nan, 3)), dict(figsize="big"), dict(title=3)])
def test_bad_panel_arguments_are_clear_errors(bad):
    spec = dict(controls=clv_sliders(), results=[W.Result("clv", "价值")]) | bad
    with pytest.raises((InputError, InputTypeError)):
        W.WhatIfPanel(lambda **kw: {"clv": 1.0}, **spec)


# ---------------------------------------------------------------- NaN / inf never shown
def shown_text(p):
    import re
    return re.sub(r"<[^>]+>", " ", p._html.value + p._detail_html.value + p.static_html()
                  .split("<img")[0]).lower()


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, np.float64("nan")])
def test_a_model_returning_nan_or_inf_shows_a_chinese_message_not_nan(bad):
    p = W.WhatIfPanel(lambda x: {"y": bad if x > 0.5 else x, "z": 1.0},
                      [W.Slider("x", "x", 0, 1, 0.5, 0.5)],
                      [W.Result("y", "客户价值"), W.Result("z", "其他", detail=True)], plot=plot_y)
    assert p.error is None and "0.50" in p._html.value
    p.set(x=1.0)
    assert p.result is None and "没有有限的数值" in p.error and "客户价值" in p.error
    text = shown_text(p)
    assert "nan" not in text and "inf" not in text
    assert "无法计算" in p._html.value and p.png
    assert p.nonfinite.keys() == {"y"}
    assert [q for r in p.drive_extremes() for q in r.problems] == [f"y = {bad}"]
    assert p.error is None and p.nonfinite == {}


def plot_y(fig, result, params):
    ax = fig.add_subplot()
    ax.bar(["y"], [result["y"]])
    ax.set_title("客户价值")


# ---------------------------------------------------------------- detail rows
def detail_panel():
    return W.WhatIfPanel(
        lambda margin, retention, years: {"clv": margin * retention * years, "kept": retention,
                                          "years": years},
        clv_sliders(),
        [W.Result("clv", "客户价值", fmt=",.0f", unit="元"),
         W.Result("kept", "留存率", fmt=".0%", detail=True),
         W.Result("years", "年数", fmt="d", unit="年", detail=True)], title="详细")


def test_detail_rows_sit_in_a_collapsed_more_results_section():
    p = detail_panel()
    assert "客户价值" in p._html.value and "留存率" not in p._html.value
    assert "80%" in p._detail_html.value and "10 年" in p._detail_html.value
    assert p._more.selected_index is None and p._more.get_title(0).startswith("更多结果")
    assert p._more.layout.display != "none"
    snapshot = p.static_html()
    assert "<details><summary>更多结果" in snapshot and "80%" in snapshot.split("<details>")[1]
    # headless use sees every row
    assert set(p.set(years=20)) == {"clv", "kept", "years"}
    assert "20 年" in p._detail_html.value


def test_the_more_results_section_is_hidden_without_detail_rows_or_on_error():
    p = make()
    assert p._more.layout.display == "none"
    q = detail_panel()
    q.model = lambda **kw: (_ for _ in ()).throw(InputError("bad (坏)"))
    q.update()
    assert q._more.layout.display == "none" and q._detail_html.value == ""


# ---------------------------------------------------------------- random slider sequences
def risky(a, b, mode):
    """Finite for most settings; inf at a == 0 with mode 'div'; an error at b == 1."""
    check_number(b, "b", zh="乙", low=0, high=1, high_open=True)
    y = (1 / a if a else math.inf) if mode == "div" else a * b
    return {"y": y, "b": b / (1 - b)}


def risky_panel():
    return W.WhatIfPanel(risky, [W.Slider("a", "甲", 0, 2, 0.25, 1),
                                 W.Slider("b", "乙", 0, 1, 0.05, 0.5),
                                 W.Choice("mode", "方式", ["mul", "div"])],
                         [W.Result("y", "结果"), W.Result("b", "比值", detail=True)], plot=plot_y)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "mode"]), st.integers(0, 20)),
                min_size=1, max_size=12))
def test_random_slider_sequences_never_show_nan_or_inf(moves):
    p = risky_panel()
    try:
        for name, k in moves:
            value = {"a": min(k * 0.25, 2), "b": min(k * 0.05, 1), "mode": ["mul", "div"][k % 2]}
            p.set(**{name: value[name]})
            text = shown_text(p)
            assert "nan" not in text and "inf" not in text
            assert (p.error is None) == (p.result is not None)
            assert p.png[:4] == b"\x89PNG"
            if p.error is None:
                assert all(math.isfinite(p.result[k]) for k in ("y", "b"))
    finally:
        p.close()


def test_drive_random_is_seeded_and_reports_non_finite_results():
    p = risky_panel()
    walk = p.drive_random(steps=40, seed=3)
    assert len(walk) == 40 and p.params == p.defaults()
    again = p.drive_random(steps=40, seed=3)
    assert [r.params for r in walk] == [r.params for r in again]
    problems = [q for r in walk for q in r.problems]
    flagged = [r for r in walk if r.params["a"] == 0 and r.params["mode"] == "div"
               and r.params["b"] < 1]
    assert flagged and problems == ["y = inf"] * len(flagged)
    with pytest.raises(InputError, match="^steps must be"):
        p.drive_random(steps=0)


# ---------------------------------------------------------------- every topic panel, random walks
def _topics():
    """Every topic package of crmlab (value, segments, …; new chapters are found too)."""
    import pkgutil

    import crmlab

    return sorted(m.name for m in pkgutil.iter_modules(crmlab.__path__)
                  if m.ispkg and not m.name.startswith("_") and m.name != "simulate")


TOPICS = _topics()
# The data a panel function's required first argument stands for (new chapters add theirs).
PANEL_DATA = {"orders": "load_beverage_orders", "orders_or_sales": "load_beverage_orders",
              "subs": "load_mobile_subscribers"}


def _panel_builders(topic):
    import importlib

    module = importlib.import_module(f"crmlab.{topic}")
    return [(name, getattr(module, name)) for name in getattr(module, "__all__", [])
            if name.endswith("_panel") and callable(getattr(module, name))]


def test_the_known_topics_export_their_panels():
    found = {t: [n for n, _ in _panel_builders(t)] for t in ("value", "segments", "accounts", "churn")}
    assert sum(map(len, found.values())) >= 5, found


# Imported inside the test: a topic that is half written fails its own case only.
@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_panel_survives_random_slider_sequences(topic):
    import inspect

    from crmlab import datasets

    for name, build in _panel_builders(topic):
        required = [p.name for p in inspect.signature(build).parameters.values()
                    if p.default is inspect.Parameter.empty
                    and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        unknown = [r for r in required if r not in PANEL_DATA]
        assert not unknown, f"{topic}.{name} needs {unknown}: add its data set to PANEL_DATA"
        panel = build(*[getattr(datasets, PANEL_DATA[r])() for r in required])
        try:
            walk = panel.drive_random(steps=30, seed=11)
            assert len({tuple(sorted(map(str, r.params.items()))) for r in walk}) > 10, name
            for rec in walk:
                # a shown NaN/inf would be listed here (the panel shows a message instead)
                assert rec.problems == [], (name, rec.params, rec.problems)
                assert (rec.error is None) == (rec.result is not None)
            assert panel.params == panel.defaults()
        finally:
            panel.close()


def test_fuzz_findings_choice_nan_and_fraction_render():
    from fractions import Fraction

    import pytest

    from crmlab.validation import InputError
    from crmlab.widgets import Choice, Result
    with pytest.raises(InputError, match="options"):
        Choice("c", "选项", [float("nan"), float("nan")])
    assert Result("k", "结果", fmt=".1%").render(Fraction(1, 2)) == "50.0%"
