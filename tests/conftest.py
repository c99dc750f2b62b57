"""Shared fixtures and the run-time report of the notebook tests."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_TIMES: dict[str, float] = {}


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def once_per_run(tmp_path_factory):
    """``once_per_run(name, compute)``: ``compute(folder)`` run once per test run, shared.

    Under pytest-xdist every worker that asks for ``name`` gets the same result, and
    only the first one computes it (the others wait on a file lock and read it): an
    exercise set is assigned, graded and probed once per run, whichever worker runs
    its tests and in whatever order.  ``compute`` gets an empty folder that lives
    until the run ends and returns something JSON can hold.
    """
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "once-per-run"
    shared.mkdir(exist_ok=True)

    def get(name: str, compute):
        done = shared / f"{name}.json"
        with open(shared / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.is_file():
                folder = shared / name
                shutil.rmtree(folder, ignore_errors=True)  # left by a compute that failed
                folder.mkdir()
                result = compute(folder)
                tmp = done.with_suffix(".part")
                tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
                tmp.replace(done)
        return json.loads(done.read_text(encoding="utf-8"))

    return get


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
