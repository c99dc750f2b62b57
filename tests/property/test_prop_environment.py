"""hypothesis, which this suite needs, is declared alike in pyproject.toml and environment.yml."""
from __future__ import annotations

import re
try:
    import tomllib
except ImportError:  # Python 3.10: pytest itself depends on tomli there
    import tomli as tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _spec(items, name):
    return [s for s in items if re.match(rf"{name}\b", s.replace(" ", ""))]


def test_hypothesis_is_in_the_test_extra_and_in_environment_yml():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    test = project["optional-dependencies"]["test"]
    wanted = _spec(test, "hypothesis")
    assert len(wanted) == 1, f"the test extra must list hypothesis once; got {test}"
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert _spec(pip, "hypothesis") == wanted, f"environment.yml pip part {pip} vs pyproject {wanted}"
