"""Every what-if panel survives random slider sequences and never shows "nan" or "inf".

Each panel is built as its notebook builds it, on the bundled data sets (模拟数据), by
the function its topic registers in ``PANELS`` (``calls_<topic>.py``).
A sequence of 1-4 moves sets random controls to random values on their grid; after
each move the panel shows either results or its bilingual message, and the visible
HTML holds no nan/inf.  Redraw time is measured in benchmarks/, not asserted here.
"""
from __future__ import annotations

import functools
import re

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crmlab import value, widgets

from propkit import error_problem, topic_modules

NONFINITE = re.compile(r"(?<![a-z])(nan|inf|infinity)(?![a-z])", re.I)


@functools.lru_cache(maxsize=None)
def _panel(name):
    for m in topic_modules():
        if name in getattr(m, "PANELS", {}):
            return m.PANELS[name]()
    raise KeyError(name)


@pytest.fixture(scope="module", autouse=True)
def _close_panels_afterwards():
    yield
    for name in PANELS:
        _panel(name).close()
    _panel.cache_clear()


#: every panel a topic registers in the ``PANELS`` of its calls_<topic>.py
PANELS = [name for m in topic_modules() for name in getattr(m, "PANELS", {})]


def _move(control):
    if isinstance(control, widgets.Choice):
        return st.sampled_from(list(control.ends))
    steps = int(round((control.max - control.min) / control.step))
    return st.integers(0, steps).map(
        lambda k: int(round(control.min + k * control.step)) if control.integer
        else min(control.max, control.min + k * control.step))


def _visible(panel):
    return panel._table_html() + panel.static_html().split("<img")[0]


@pytest.mark.parametrize("name", PANELS)
@settings(max_examples=max(3, settings().max_examples // 2))  # each move redraws a chart (~60 ms)
@given(data=st.data())
def test_panels_survive_random_slider_sequences(name, data):
    panel = _panel(name)
    assert isinstance(panel, widgets.WhatIfPanel) and panel in widgets.live_panels()
    panel.reset()
    for _ in range(data.draw(st.integers(1, 4), label="moves")):
        picked = data.draw(st.lists(st.sampled_from(panel.controls), min_size=1, max_size=3,
                                    unique_by=lambda c: c.name), label="controls")
        move = {c.name: data.draw(_move(c), label=c.name) for c in picked}
        panel.set(**move)
        shown = _visible(panel)
        assert not NONFINITE.search(re.sub(r"<[^>]+>", " ", shown)), f"{name} after {move}: {shown[:400]}"
        if panel.error is None:
            for r in panel.results:
                v = panel.result.get(r.key)
                if isinstance(v, float):
                    assert v == v and abs(v) != float("inf"), f"{name}: {r.key} = {v} after {move}"
        else:
            assert re.search("[\u4e00-\u9fff]", panel.error)
        assert panel.png, f"{name}: no chart after {move}"


@pytest.mark.parametrize("name", PANELS)
@pytest.mark.parametrize("bad", ["x", None, pd.NA, float("nan"), [1]], ids=repr)
def test_panel_set_refuses_text_none_and_na(name, bad):
    panel = _panel(name)
    control = next(c for c in panel.controls if isinstance(c, widgets.Slider))
    with pytest.raises(Exception) as info:
        panel.set(**{control.name: bad})
    assert error_problem(info.value, control.name) is None
    message = str(info.value)
    assert f"{control.name} {control.name}" not in message


@pytest.mark.parametrize("call, arg", [
    (lambda: value.simple_clv_panel(years=2.5), "years"),
    (lambda: value.clv_panel(retention=True), "retention"),
    (lambda: value.clv_panel(margin="x"), "margin"),
    (lambda: value.clv_panel(horizon=None), "horizon"),
    (lambda: value.clv_panel(discount_rate=pd.NA), "discount_rate"),
], ids=["years=2.5", "retention=True", "margin='x'", "horizon=None", "discount_rate=NA"])
def test_panel_start_values_are_checked(call, arg):
    with pytest.raises(Exception) as info:
        call()
    assert error_problem(info.value, arg) is None


def test_drive_live_panels_reports_no_problem(monkeypatch):
    """drive_live_panels refuses a bad step count, and on a panel finds no nan/inf and no missing chart."""
    monkeypatch.setattr(widgets, "live_panels", lambda: [])
    for bad in (-1, 2.5, "x", None, float("nan")):
        with pytest.raises(Exception) as info:
            widgets.drive_live_panels(random_steps=bad)
        assert error_problem(info.value, "random_steps") is None
    panel = value.simple_clv_panel(annual_profit=100, years=10, acquisition_cost=80)
    monkeypatch.setattr(widgets, "live_panels", lambda: [panel])
    summary = widgets.drive_live_panels(random_steps=3, seed=1)
    panel.close()
    assert len(summary) == 1 and summary[0]["settings"] > 3
    assert summary[0]["problems"] == []
