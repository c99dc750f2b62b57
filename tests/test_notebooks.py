"""Every notebook runs top to bottom in a fresh kernel, shows no textbook mismatch,
shows no English-only table header or raw pandas print-out, cannot tick a figure
against itself, and every what-if panel it builds survives the ends of its sliders."""
from __future__ import annotations

import ast
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from crmlab import display, textbook
from crmlab.textbook import MATCH, MISMATCH

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
IDS = [str(p.relative_to(ROOT / "notebooks")) for p in NOTEBOOKS]
TICKS = ROOT / "build" / "ticks"

DRIVE = ("import json as _json\n"
         "from crmlab.widgets import drive_live_panels as _drive\n"
         "print('CRMLAB-PANELS ' + _json.dumps(_drive(), ensure_ascii=False))")


def _texts(cell, mime_prefix="text/"):
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            yield out.text
        elif out.output_type in ("display_data", "execute_result"):
            for mime, data in out.data.items():
                if mime.startswith(mime_prefix):
                    yield data if isinstance(data, str) else "".join(data)
        elif out.output_type == "error":
            yield f"{out.ename}: {out.evalue}"


class _Headers(HTMLParser):
    """Collects the text of every header cell in the <thead> of HTML tables."""

    def __init__(self):
        super().__init__()
        self.headers, self._in_head, self._in_th, self._text = [], 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "thead":
            self._in_head += 1
        elif tag == "th" and self._in_head:
            self._in_th, self._text = True, []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head -= 1
        elif tag == "th" and self._in_th:
            self.headers.append("".join(self._text).strip())
            self._in_th = False

    def handle_data(self, data):
        if self._in_th:
            self._text.append(data)


def table_headers(html: str) -> list[str]:
    parser = _Headers()
    parser.feed(html)
    return parser.headers


RAW_PANDAS = re.compile(r"\bdtype: \w+|Name: \w+, dtype|<pandas\.io\.formats\.style\.Styler")


def student_facing_problems(nb) -> list[str]:
    """English-only table headers and raw pandas print-outs in a notebook's outputs."""
    problems = []
    for i, cell in enumerate(nb.cells):
        for html in _texts(cell, "text/html"):
            for h in display.english_headers(table_headers(html)):
                problems.append(f"cell {i}: English-only header {h!r}")
        for out in cell.get("outputs", []):
            texts = [out.text] if out.output_type == "stream" else \
                [d if isinstance(d, str) else "".join(d) for m, d in out.get("data", {}).items()
                 if m == "text/plain" and "text/html" not in out.get("data", {})]
            for text in texts:
                if RAW_PANDAS.search(text):
                    problems.append(f"cell {i}: raw pandas print-out {text[:60]!r}")
    return problems


def test_header_scan_catches_english_and_raw_pandas():
    nb = nbformat.v4.new_notebook()
    bad = nbformat.v4.new_code_cell("x")
    bad.outputs = [nbformat.v4.new_output(
        "display_data", data={"text/html": "<table><thead><tr><th></th><th>sales</th>"
                                           "<th>客户数</th><th>2024</th></tr></thead>"
                                           "<tbody><tr><th>K1</th><td>1</td></tr></tbody></table>",
                              "text/plain": "..."}),
        nbformat.v4.new_output("stream", name="stdout", text="0    1\nName: gain, dtype: float64")]
    nb.cells.append(bad)
    problems = student_facing_problems(nb)
    assert len(problems) == 2 and "'sales'" in problems[0] and "raw pandas" in problems[1]


# --------------------------------------------------------------------------- ticks
def _compare_calls(source: str):
    """Every textbook.compare(...) call of a code cell: (figure id node, inputs node)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics; the notebooks have none
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "compare":
            fig = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "figure_id"), None)
            inputs = next((k.value for k in node.keywords if k.arg == "inputs"), None)
            yield fig, inputs


def _figure_reads(source: str) -> set[str]:
    """Figure ids a cell reads with textbook.value(...) or textbook.figure(...)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("value", "figure")
            and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)}


def circular_tick_problems(nb) -> list[str]:
    """A compare() must name its figure literally and must not read that figure anywhere."""
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    reads = set().union(*(_figure_reads(s) for s in code)) if code else set()
    problems = []
    for source in code:
        for fig, inputs in _compare_calls(source):
            if not (isinstance(fig, ast.Constant) and isinstance(fig.value, str)):
                problems.append(f"compare() with a computed figure id: {ast.unparse(fig)}")
                continue
            if inputs is None:
                problems.append(f"compare(..., {fig.value!r}) without inputs=")
            parts = {fig.value, f"{fig.value}_min", f"{fig.value}_max",
                     fig.value.removesuffix("_min").removesuffix("_max")}
            if parts & reads:
                problems.append(f"{fig.value!r} is read with textbook.value/figure in the "
                                f"notebook and ticked with compare(): circular")
    return problems


def test_tick_lint_catches_circular_ticks():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('x = textbook.value("ch1_clv_example")'),
                nbformat.v4.new_code_cell('textbook.compare(x, "ch1_clv_example", inputs=())'),
                nbformat.v4.new_code_cell('textbook.compare(y, f"{k}_years", inputs=())'),
                nbformat.v4.new_code_cell('textbook.compare(y, "ch1_marlboro_years")')]
    problems = circular_tick_problems(nb)
    assert len(problems) == 3
    assert "circular" in problems[0] and "computed figure id" in problems[1]
    assert "without inputs" in problems[2]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_circular_tick_can_be_written(path):
    assert circular_tick_problems(nbformat.read(path, as_version=4)) == []


# --------------------------------------------------------------------------- runs
def _shown(nb) -> list[dict]:
    """Every textbook comparison a run displayed: kind, id, whether ticked, its text."""
    shown = []
    for cell in nb.cells:
        for html in _texts(cell, "text/html"):
            for m in re.finditer(r'class="crmlab-compare" data-kind="(\w+)" data-ok="(\w+)"'
                                 r'[^>]*>([^<]*)<', html):
                shown.append({"kind": m[1], "ok": m[2] == "true", "text": m[3]})
    return shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_in_a_fresh_kernel(path, request):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        # reported at the end of the session (tests/conftest.py), also from xdist workers
        request.node.user_properties.append(
            ("notebook_seconds", (str(path.relative_to(ROOT)), time.perf_counter() - start)))
        probe = nbformat.v4.new_code_cell(DRIVE)
        nb.cells.append(probe)
        client.execute_cell(probe, len(nb.cells) - 1)

    mismatches = [t for c in nb.cells[:-1] for t in _texts(c) if MISMATCH in t]
    assert not mismatches, f"textbook mismatch shown: {mismatches[:3]}"
    sources = "".join(c.source for c in nb.cells[:-1] if c.cell_type == "code")
    if "compare(" in sources:
        assert any(MATCH in t for c in nb.cells for t in _texts(c)), "comparisons show their ticks"
    problems = student_facing_problems(nb)
    assert problems == [], problems[:10]
    # What the notebook claims about the textbook, for the closing notes and reviewers.
    TICKS.mkdir(parents=True, exist_ok=True)
    (TICKS / (path.stem + ".json")).write_text(
        json.dumps(_shown(nb), ensure_ascii=False, indent=1), encoding="utf-8")

    line = next(t for t in _texts(probe) if "CRMLAB-PANELS " in t)
    panels = json.loads(line.split("CRMLAB-PANELS ", 1)[1])
    if "WhatIfPanel" in sources or "_panel(" in sources:
        assert panels, "the notebook builds a what-if panel, so one must be alive to drive"
    for panel in panels:
        assert panel["problems"] == [], f"{panel['title']}: {panel['problems']}"
        assert panel["settings"] >= 2 * len(panel["controls"])


def test_the_registry_ids_the_notebooks_tick_exist():
    ids = set(textbook.figures()["id"])
    ranges = {i[:-4] for i in ids if i.endswith("_min")}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for source in (c.source for c in nb.cells if c.cell_type == "code"):
            for fig, _ in _compare_calls(source):
                if isinstance(fig, ast.Constant):
                    assert fig.value in ids | ranges, (path.name, fig.value)
