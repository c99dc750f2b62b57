"""Every notebook runs top to bottom in a fresh kernel, shows no textbook
mismatch, and every what-if panel it builds survives the ends of its sliders."""
from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from crmlab.textbook import MATCH, MISMATCH

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)

DRIVE = ("import json as _json\n"
         "from crmlab.widgets import drive_live_panels as _drive\n"
         "print('CRMLAB-PANELS ' + _json.dumps(_drive(), ensure_ascii=False))")


def _texts(cell):
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            yield out.text
        elif out.output_type in ("display_data", "execute_result"):
            for mime, data in out.data.items():
                if mime.startswith("text/"):
                    yield data if isinstance(data, str) else "".join(data)
        elif out.output_type == "error":
            yield f"{out.ename}: {out.evalue}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_runs_in_a_fresh_kernel(path, notebook_times):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        notebook_times[str(path.relative_to(ROOT))] = time.perf_counter() - start
        probe = nbformat.v4.new_code_cell(DRIVE)
        nb.cells.append(probe)
        client.execute_cell(probe, len(nb.cells) - 1)

    mismatches = [t for c in nb.cells[:-1] for t in _texts(c) if MISMATCH in t]
    assert not mismatches, f"textbook mismatch shown: {mismatches[:3]}"
    sources = "".join(c.source for c in nb.cells[:-1] if c.cell_type == "code")
    if "compare(" in sources:
        assert any(MATCH in t for c in nb.cells for t in _texts(c)), "comparisons show their ticks"

    line = next(t for t in _texts(probe) if "CRMLAB-PANELS " in t)
    panels = json.loads(line.split("CRMLAB-PANELS ", 1)[1])
    if "WhatIfPanel" in sources or "_panel(" in sources:
        assert panels, "the notebook builds a what-if panel, so one must be alive to drive"
    for panel in panels:
        assert panel["problems"] == [], f"{panel['title']}: {panel['problems']}"
        assert panel["settings"] >= 2 * len(panel["controls"])
