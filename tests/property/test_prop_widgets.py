"""Widget definitions of crmlab.widgets refuse bad values clearly (issue 11 §3)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from crmlab import widgets

from propkit import error_problem




@pytest.mark.parametrize("field", ["min", "max", "step", "value"])
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, None, "x", 10**400], ids=repr)
def test_widget_definitions_refuse_bad_values(field, bad):
    good = dict(name="r", label="留存率", min=0.0, max=1.0, step=0.01, value=0.5)
    with pytest.raises(Exception) as info:
        widgets.Slider(**dict(good, **{field: bad}))
    assert error_problem(info.value, (field, "r")) is None
    with pytest.raises(Exception) as info:
        widgets.Choice("c", "选项", options=[])
    assert error_problem(info.value, "options") is None
    with pytest.raises(Exception) as info:
        widgets.Result("clv", "终生价值", fmt="d").render(1.5)
    assert error_problem(info.value, ("fmt", "clv")) is None


@given(zh=st.text(alphabet="留存率应为数值之间", min_size=1, max_size=8),
       en=st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool))
def test_split_message_round_trips(zh, en):
    message = f"{en}; got 1 ({zh} 应为 x，实际为 1)"
    first, second = widgets.split_message(message)
    assert first.startswith(zh) and second == f"{en}; got 1"
