"""Shared fixtures and the run-time report of the notebook tests."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_TIMES: dict[str, float] = {}


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def pytest_runtest_logreport(report):
    """Collect the run time a notebook test recorded (``notebook_seconds``).

    User properties travel with the test report, so this works in one process and
    under pytest-xdist, where the reports of every worker reach the controller.
    """
    if report.when == "call":
        for key, value in report.user_properties:
            if key == "notebook_seconds":
                name, seconds = value
                NOTEBOOK_TIMES[name] = seconds


def pytest_terminal_summary(terminalreporter):
    if NOTEBOOK_TIMES:
        terminalreporter.section("notebook run times (fresh kernel)")
        for name, seconds in sorted(NOTEBOOK_TIMES.items()):
            terminalreporter.write_line(f"{seconds:6.1f} s  {name}")
