"""Redraw latency of every what-if panel.

Budget (DESIGN.md): 100 ms from a control change to the updated results and chart,
on the course machine (2 cores).  Two ways to find the panels:

* default: build every panel a topic module exports (``*_panel`` in the
  ``__all__`` of every topic package: crmlab.value, segments, accounts, churn, …) with the data set its
  first argument stands for, as the tests do;
* ``--notebooks``: run every notebook in a fresh kernel and measure the panels it
  left alive (the panels exactly as the notebooks build them).

For each panel it times ``--changes`` redraws sweeping the first slider across its
range (``WhatIfPanel.measure_latency``) and as many redraws along a seeded random
walk of all its controls (``WhatIfPanel.drive_random``), and prints the medians and
maxima of the wall-clock time, the mean CPU time of this process per redraw (which
other jobs on a shared machine inflate much less than the wall clock) and the
load average.  It exits non-zero if a wall-clock median is over budget.

Run:  .venv/bin/python benchmarks/bench_panels.py [--changes 40] [--notebooks]
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import statistics
import sys
import time
from pathlib import Path

import crmlab

ROOT = Path(__file__).resolve().parents[1]
TOPICS = sorted(m.name for m in pkgutil.iter_modules(crmlab.__path__)
                if m.ispkg and not m.name.startswith("_") and m.name != "simulate")
PANEL_DATA = {"orders": "load_beverage_orders", "orders_or_sales": "load_beverage_orders",
              "subs": "load_mobile_subscribers"}

PROBE = """
import json as _json, time as _time
from crmlab.widgets import live_panels as _live

def _measure(p, n):
    cpu = _time.process_time()
    sweep = p.measure_latency(n)
    before = len(p.latencies_ms)
    p.drive_random(steps=n, seed=0)
    cpu = _time.process_time() - cpu
    redraws = len(p.latencies_ms) - before + sweep["changes"] + 2
    walk = sorted(p.latencies_ms[before:before + n])
    return {{"title": p.title or "(untitled)", "sweep_median_ms": sweep["median_ms"],
            "sweep_max_ms": sweep["max_ms"], "walk_median_ms": walk[len(walk) // 2],
            "walk_max_ms": walk[-1], "cpu_ms": 1000.0 * cpu / redraws}}

print("LATENCY " + _json.dumps([_measure(p, {changes}) for p in _live()], ensure_ascii=False))
"""


FAILED: list[str] = []


def _measure(panel, changes: int) -> dict:
    cpu = time.process_time()
    sweep = panel.measure_latency(changes)
    before = len(panel.latencies_ms)
    panel.drive_random(steps=changes, seed=0)
    cpu = time.process_time() - cpu
    redraws = len(panel.latencies_ms) - before + sweep["changes"] + 2   # + the two resets
    walk = panel.latencies_ms[before:before + changes]
    return {"title": panel.title or "(untitled)", "sweep_median_ms": sweep["median_ms"],
            "sweep_max_ms": sweep["max_ms"], "walk_median_ms": statistics.median(walk),
            "walk_max_ms": max(walk), "cpu_ms": 1000.0 * cpu / redraws}


def from_builders(changes: int) -> list[tuple[str, dict]]:
    from crmlab import datasets

    rows = []
    for topic in TOPICS:
        try:
            module = importlib.import_module(f"crmlab.{topic}")
        except Exception as exc:  # a topic being written: say so, measure the others
            FAILED.append(f"crmlab.{topic}: {type(exc).__name__}: {exc}")
            continue
        for name in getattr(module, "__all__", []):
            build = getattr(module, name)
            if not (name.endswith("_panel") and callable(build)):
                continue
            required = [p.name for p in inspect.signature(build).parameters.values()
                        if p.default is inspect.Parameter.empty
                        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            panel = build(*[getattr(datasets, PANEL_DATA[r])() for r in required])
            try:
                rows.append((f"crmlab.{topic}.{name}", _measure(panel, changes)))
            finally:
                panel.close()
    return rows


def from_notebooks(changes: int) -> list[tuple[str, dict]]:
    import nbformat
    from nbclient import NotebookClient

    rows = []
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        with client.setup_kernel():
            for i, cell in enumerate(nb.cells):
                client.execute_cell(cell, i)
            probe = nbformat.v4.new_code_cell(PROBE.format(changes=changes))
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
        text = "".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream")
        for row in json.loads(text.split("LATENCY ", 1)[1]):
            rows.append((str(path.relative_to(ROOT / "notebooks")), row))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--notebooks", action="store_true",
                        help="measure the panels the notebooks build (runs every notebook)")
    args = parser.parse_args(argv)
    rows = (from_notebooks if args.notebooks else from_builders)(args.changes)
    worst = 0.0
    print(f"{'where':<34} {'sweep median':>12} {'max':>7} {'walk median':>11} {'max':>7} "
          f"{'CPU/redraw':>10}   (ms)")
    for where, row in rows:
        worst = max(worst, row["sweep_median_ms"], row["walk_median_ms"])
        print(f"{where[:34]:<34} {row['sweep_median_ms']:12.1f} {row['sweep_max_ms']:7.1f} "
              f"{row['walk_median_ms']:11.1f} {row['walk_max_ms']:7.1f} {row['cpu_ms']:10.1f}"
              f"   {row['title'][:40]}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"worst median: {worst:.1f} ms (budget 100 ms); {os.cpu_count()} cores, "
          f"load average {load:.1f}")
    for failure in FAILED:
        print(f"NOT MEASURED (import failed) {failure}")
    return 0 if worst <= 100 and not FAILED else 1


if __name__ == "__main__":
    sys.exit(main())
