"""Scenario runs (``tools/scenario.py``): every notebook reruns with other parameters
and shows the change; bad parameter files fail at once with a clear message.

Adding a notebook?  Add a parameter file ``notebooks/scenarios/<stem>_<what>.yaml``
and one entry to ``SCENARIOS`` below: the file, and what the executed notebook
must then show differently from a default run —

* ``shown``: ``{result label: (default text, scenario text)}`` for a row of a
  what-if panel's results table (``<table class="crmlab-results">``, as the
  panel's static snapshot shows it), and/or
* ``texts``: ``[(default text, scenario text)]`` for text anywhere in the
  outputs (printed values, tables).

The test runs each notebook once, with the scenario, and checks that the
scenario text is shown and the default text is not.
"""
from __future__ import annotations

import html
import importlib.util
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
SCENARIO_DIR = NOTEBOOKS_DIR / "scenarios"
NOTEBOOKS = sorted(p for p in NOTEBOOKS_DIR.rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)

_spec = importlib.util.spec_from_file_location("crmlab_scenario_tool", ROOT / "tools" / "scenario.py")
scenario = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scenario
_spec.loader.exec_module(scenario)


@dataclass
class Scenario:
    params: str                                    # file in notebooks/scenarios/
    shown: dict = field(default_factory=dict)      # {label: (default, scenario)}
    texts: list = field(default_factory=list)      # [(default, scenario)]


# Keyed by the notebook's path under notebooks/.
SCENARIOS = {
    "00_start_here.ipynb": Scenario(
        params="00_start_here_high_cost.yaml",     # acquisition_cost: 80 → 300
        shown={"客户终生价值": ("920 美元", "700 美元"),
               "回本年数": ("1 年", "3 年")},
    ),
    "01_customer_value.ipynb": Scenario(
        params="01_customer_value_high_retention.yaml",   # retention: 0.8 → 0.9
        shown={"净客户终生价值": ("186.67 美元", "370.00 美元"),
               "利润乘数": ("2.67 年", "4.50 年")},
    ),
    "02_customer_states.ipynb": Scenario(
        params="02_customer_states_retention_push.yaml",  # churn_repeat 5% → 3%, churn_loyal 2% → 1%
        shown={"长期忠诚客户占比": ("55.6%", "73.5%"),
               "客户资产": ("11,591,280 元", "14,076,434 元")},
    ),
    "04_customer_delivered_value.ipynb": Scenario(
        params="04_customer_delivered_value_cheap_service.yaml",  # service_unit_cost 0.5 → 0.25
        shown={"更划算的做法：价格敏感型": ("降价", "提高价值"),
               "提高价值带来的份额增加：服务导向型": ("+11.5 个百分点", "+35.2 个百分点")},
    ),
    "05_abc_key_accounts.ipynb": Scenario(
        params="05_abc_key_accounts_high_threshold.yaml",  # ka_threshold: 300 000 → 500 000
        shown={"最后一个月的大客户数": ("59 家", "35 家"),
               "大客户销售额占比": ("64.4%", "53.0%")},
    ),
    "cases/china_mobile_churn.ipynb": Scenario(
        params="china_mobile_churn_strong_programme.yaml",  # reduction: 0.2 → 0.4
        shown={"24 个月内少流失的用户": ("91 人", "187 人"),
               "净价值": ("80,456 元", "213,642 元")},
    ),
    "cases/walmart_beer_diapers.ipynb": Scenario(
        params="walmart_beer_diapers_strict_confidence.yaml",  # min_confidence: 0.20 → 0.35
        shown={"找到的规则数": ("75 条", "38 条"),
               "尿布 → 啤酒 是否入选": ("是", "否")},
    ),
    "cases/vanke_referrals.ipynb": Scenario(
        params="vanke_referrals_reward_to_owner.yaml",  # buyer_share: 0.5 → 0.0
        shown={"推荐奖励计划的净价值": ("4,251,191 元", "8,997,647 元"),
               "每多得一位客户的奖励成本": ("142,253 元", "110,012 元")},
    ),
    "07_satisfaction_loyalty.ipynb": Scenario(
        params="07_satisfaction_loyalty_encourage_complaints.yaml",  # complain_share: 0.3 → 0.6
        shown={"留住的客户": ("45.9 人", "61.9 人"),
               "净口碑人数": ("-2,106 人", "-1,572 人")},
    ),
    "03_relationship_lifecycle.ipynb": Scenario(
        params="03_relationship_lifecycle_long_stability.yaml",  # stability_periods: 8 → 12
        shown={"D 长久保持型：折现价值": ("456.7 元", "577.3 元")},
    ),
    "06_credit_management.ipynb": Scenario(
        params="06_credit_management_strong_sales_response.yaml",  # sales_per_30_days: 0.06 → 0.12
        shown={"决策": ("维持现行条件", "采用新条件"),
               "信用成本后收益变化": ("-199,882 元", "324,281 元")},
    ),
    "cases/huawei_151.ipynb": Scenario(
        params="huawei_151_small_budget.yaml",  # budget: 50 → 20 (万元)
        shown={"最优计划（整数规划）后的加权覆盖率": ("77.7%", "64.5%"),
               "最优计划花费": ("50 万元", "20 万元")},
    ),
}


def _key(path: Path) -> str:
    return path.relative_to(NOTEBOOKS_DIR).as_posix()


class _Tables(HTMLParser):
    """Rows of every ``crmlab-results`` table: a list of ``{label: value}``."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell, self._in = [], None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "crmlab-results" in (dict(attrs).get("class") or ""):
            self._in = True
            self.tables.append({})
        elif self._in and tag == "tr":
            self._row = []
        elif self._in and tag == "td":
            self._cell = ""

    def handle_endtag(self, tag):
        if not self._in:
            return
        if tag == "td" and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row:
            self.tables[-1][self._row[0]] = self._row[-1]
            self._row = None
        elif tag == "table":
            self._in = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _outputs(nb):
    """(mime type, text) of every output."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                yield "text/plain", out.text
            elif out.output_type in ("display_data", "execute_result"):
                for mime, data in out.data.items():
                    if mime.startswith("text/"):
                        yield mime, data if isinstance(data, str) else "".join(data)


def results_tables(nb) -> list[dict]:
    parser = _Tables()
    for mime, text in _outputs(nb):
        if mime == "text/html" and "crmlab-results" in text:
            parser.feed(text)
    return parser.tables


def shown_value(nb, label: str) -> str | None:
    """The displayed value of ``label`` in the first results table that has it."""
    return next((t[label] for t in results_tables(nb) if label in t), None)


def test_every_notebook_has_a_scenario():
    missing = [_key(p) for p in NOTEBOOKS if _key(p) not in SCENARIOS]
    assert not missing, (
        f"notebooks without a scenario entry: {missing}. Add a parameter file in "
        "notebooks/scenarios/ and an entry to SCENARIOS in tests/test_scenarios.py")
    stale = [k for k in SCENARIOS if not (NOTEBOOKS_DIR / k).is_file()]
    assert not stale, f"SCENARIOS entries for notebooks that do not exist: {stale}"
    for key, entry in SCENARIOS.items():
        assert entry.shown or entry.texts, f"{key}: say what the scenario changes"
        for label, (default, changed) in entry.shown.items():
            assert default != changed, f"{key}: {label} must change"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_key)
def test_notebook_has_a_parameters_cell(path):
    params = scenario.notebook_parameters(path)
    assert params, "one cell tagged 'parameters'"
    tagged = [c for c in nbformat.read(path, as_version=4).cells
              if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"


def _notebook_for(yaml_path: Path) -> Path:
    owners = [p for p in NOTEBOOKS if yaml_path.stem.startswith(p.stem + "_")]
    assert owners, (f"{yaml_path.name}: name it <notebook stem>_<scenario>.yaml "
                    "after the notebook it is for")
    return max(owners, key=lambda p: len(p.stem))


@pytest.mark.parametrize("yaml_path", sorted(SCENARIO_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_scenario_files_are_valid(yaml_path):
    params = scenario.load_params(yaml_path)
    assert params, "a scenario changes at least one parameter"
    scenario.check_params(_notebook_for(yaml_path), params)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_key)
def test_scenario_changes_the_results(path, tmp_path):
    entry = SCENARIOS.get(_key(path))
    if entry is None:
        pytest.fail(f"no scenario entry for {_key(path)} (see test_every_notebook_has_a_scenario)")
    run = scenario.run_scenario(path, SCENARIO_DIR / entry.params, out_dir=tmp_path)
    nb = nbformat.read(run.notebook, as_version=4)
    assert "papermill" in nb.metadata
    for label, (default, changed) in entry.shown.items():
        value = shown_value(nb, label)
        assert value is not None, f"no results table shows {label!r}: {results_tables(nb)}"
        assert value == changed, f"{label}: expected {changed!r} in the scenario, shown {value!r}"
    texts = "\n".join(t for _, t in _outputs(nb))
    for default, changed in entry.texts:
        assert changed in texts, f"scenario text {changed!r} not shown"
        assert default not in texts, f"default text {default!r} still shown"

    page = run.html.read_text(encoding="utf-8")
    for label, (_, changed) in entry.shown.items():
        assert changed in page, f"handout does not show {label} = {changed}"
    # compared as the reader sees it: the Markdown renderer may spell quotes as &#39; or &#x27;
    shown_text = html.unescape(page)
    for name, value in run.params.items():
        assert f"{name} = {value!r}" in shown_text, "the handout banner lists the parameters"
    lowered = page.lower()
    assert '<script src="http' not in lowered and "<link href=\"http" not in lowered
    assert "application/vnd.jupyter.widget-view+json" not in page, "panels shown as snapshots"


KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _nb_with_params(tmp_path, source="rate = 0.1\nn = 3\nlabel = 'x'\nflag = True\n"):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC})
    nb.cells = [nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print(rate * n)")]
    path = tmp_path / "toy.ipynb"
    nbformat.write(nb, path)
    return path


def test_unknown_name_fails_with_the_valid_names(tmp_path):
    path = _nb_with_params(tmp_path)
    with pytest.raises(scenario.ScenarioError) as info:
        scenario.check_params(path, {"rat": 0.2})
    message = str(info.value)
    assert "unknown parameter 'rat'" in message and "未知参数" in message
    assert "did you mean 'rate'" in message
    for name in ("rate", "n", "label", "flag"):
        assert f"  {name} = " in message


@pytest.mark.parametrize("name, value, expected", [
    ("n", 2.5, "n must be a whole number"),
    ("n", "3", "n must be a whole number"),
    ("n", True, "n must be a whole number"),
    ("rate", "high", "rate must be a number"),
    ("label", 3, "label must be text"),
    ("flag", 1, "flag must be true or false"),
])
def test_wrong_type_fails_clearly(tmp_path, name, value, expected):
    path = _nb_with_params(tmp_path)
    with pytest.raises(scenario.ScenarioError) as info:
        scenario.check_params(path, {name: value})
    assert expected in str(info.value) and "应为" in str(info.value)


def test_values_of_the_right_type_pass(tmp_path):
    path = _nb_with_params(tmp_path)
    assert scenario.check_params(path, {"rate": 1, "n": 4.0, "label": "y", "flag": False}) == \
        {"rate": 1.0, "n": 4, "label": "y", "flag": False}


def test_bad_files_fail_clearly(tmp_path):
    path = _nb_with_params(tmp_path)
    listed = tmp_path / "list.yaml"
    listed.write_text("- rate\n- 0.2\n", encoding="utf-8")
    with pytest.raises(scenario.ScenarioError, match="must be a mapping"):
        scenario.run_scenario(path, listed, out_dir=tmp_path / "out")
    with pytest.raises(scenario.ScenarioError, match="parameter file not found"):
        scenario.run_scenario(path, tmp_path / "missing.yaml", out_dir=tmp_path / "out")
    bare = nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC})
    bare.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(bare, tmp_path / "bare.ipynb")
    with pytest.raises(scenario.ScenarioError, match="no cell tagged 'parameters'"):
        scenario.check_params(tmp_path / "bare.ipynb", {"x": 2})
    assert not (tmp_path / "out").exists(), "nothing runs when the check fails"


def test_command_line_reports_bad_parameters_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("acquisiton_cost: 300\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "scenario.py"),
                           str(NOTEBOOKS_DIR / "00_start_here.ipynb"), str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "did you mean 'acquisition_cost'" in proc.stderr
    assert "acquisition_cost = 80" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_tool_kernels_start_without_the_tcp_warning(tmp_path):
    """slides.py / scenario.py kernels use IPC sockets: ipykernel has no reason to warn."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 6 * 7\nprint(x)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, str(path))
    code = (
        "import importlib.util, sys, nbformat\n"
        f"spec = importlib.util.spec_from_file_location('s', {str(ROOT / 'tools' / 'slides.py')!r})\n"
        "m = importlib.util.module_from_spec(spec); sys.modules['s'] = m; spec.loader.exec_module(m)\n"
        f"nb = m.execute(nbformat.read({str(path)!r}, as_version=4), {str(path)!r})\n"
        "print('OUT', nb.cells[0].outputs[0]['text'].strip())\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "OUT 42" in run.stdout
    assert "without encryption" not in run.stderr, run.stderr
    # the scenario tool hands the same kernel manager to papermill
    assert scenario._kernels().client_options()["kernel_manager_class"].__name__ == "LocalKernelManager"
