"""Redraw latency of every what-if panel in every notebook.

Budget (DESIGN.md): 100 ms from a slider change to the updated result and chart,
on the course machine (2 cores).  For each notebook this runs all cells in a
fresh kernel, then sweeps the first slider of every live panel across its range
(``WhatIfPanel.measure_latency``) and prints the median and maximum per panel.

Run:  .venv/bin/python benchmarks/bench_panels.py [--changes 40]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import json as _json
from crmlab.widgets import live_panels as _live
print("LATENCY " + _json.dumps([{{"title": p.title or "(untitled)", **p.measure_latency({changes})}}
                                for p in _live()], ensure_ascii=False))
"""


def measure(path: Path, changes: int) -> list[dict]:
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
    return json.loads(text.split("LATENCY ", 1)[1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    args = parser.parse_args(argv)
    worst = 0.0
    print(f"{'notebook':<40} {'panel':<36} {'median ms':>9} {'max ms':>8}")
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        for row in measure(path, args.changes):
            worst = max(worst, row["median_ms"])
            print(f"{str(path.relative_to(ROOT / 'notebooks')):<40} {row['title'][:36]:<36} "
                  f"{row['median_ms']:9.1f} {row['max_ms']:8.1f}")
    print(f"worst median: {worst:.1f} ms (budget 100 ms)")
    return 0 if worst <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
