"""Tests of the otter-grader exercises (练习): every chapter under exercises/*/source.

Per chapter, ``otter assign`` runs once (into a temporary folder); its output is
compared with the committed student edition and solutions view, and one offline
grading batch (``otter run``, no Docker, no network) grades the solutions notebook
and the sample submissions in ``exercises/<chapter>/samples/``.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("crmlab_exercises_tool", ROOT / "tools" / "exercises.py")
ex = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = ex
_spec.loader.exec_module(ex)

CHAPTERS = ex.chapters()
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN TESTS", "END TESTS", "BEGIN TEST CONFIG",
           "BEGIN RUBRIC", "END RUBRIC", "hidden: true", "hidden=True", "# SOLUTION",
           "otter_assign_solution_cell")


def test_there_are_chapters():
    assert "00_start_here" in CHAPTERS


@pytest.fixture(scope="module", params=CHAPTERS)
def built(request, tmp_path_factory):
    """``otter assign`` output for one chapter, and one grading batch of its notebooks."""
    chapter = request.param
    assigned = ex.run_assign(chapter, tmp_path_factory.mktemp(chapter) / "out", run_tests=False)
    samples_dir = ex.EXERCISES / chapter / "samples"
    expected_file = samples_dir / "expected_scores.json"
    expected = json.loads(expected_file.read_text(encoding="utf-8")) if expected_file.is_file() else {}
    solution_nb = assigned / "autograder" / f"{chapter}.ipynb"
    subs = [solution_nb] + [samples_dir / name for name in sorted(expected)]
    results = ex.grade_many(subs, ex.assigned_zip(assigned), jobs=1)
    return {"chapter": chapter, "assigned": assigned, "expected": expected,
            "results": dict(zip(["__solutions__"] + sorted(expected), results))}


def _scores(result: dict) -> tuple[float, float]:
    assert "error" not in result, result.get("error")
    tests = [t for t in result["tests"] if t.get("max_score") is not None]
    assert tests, "no autograded question in the results"
    return sum(float(t["score"]) for t in tests), sum(float(t["max_score"]) for t in tests)


def test_solutions_score_full_marks_on_public_and_hidden_tests(built):
    score, possible = _scores(built["results"]["__solutions__"])
    assert possible > 0 and score == possible, built["results"]["__solutions__"]


def test_sample_submissions_get_expected_scores(built):
    for name, want in built["expected"].items():
        score, _ = _scores(built["results"][name])
        assert score == pytest.approx(want), (name, built["results"][name])


def test_student_edition_and_solutions_are_up_to_date(built):
    for path, text in ex.generated(built["chapter"], built["assigned"]).items():
        assert path.is_file(), f"{path} missing: run `python tools/exercises.py build`"
        assert ex.up_to_date(path, text), \
            f"{path} is out of date: run `python tools/exercises.py build`"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_generated_notebooks_have_no_outputs(chapter):
    for path in (ex.student_path(chapter), ex.solutions_path(chapter)):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, (path, cell.source)


def _secret_and_public_lines(chapter: str) -> tuple[set[str], set[str]]:
    """Lines of solutions, rubrics and hidden tests, and lines of everything else."""
    nb = nbformat.read(str(ex.source_path(chapter)), as_version=4)
    secret, public = set(), set()
    block = []
    for cell in nb.cells:
        first = cell.source.strip().split("\n", 1)[0].strip() if cell.source.strip() else ""
        if cell.cell_type == "raw":
            m = re.fullmatch(r"#\s*(BEGIN|END)\s+(QUESTION|SOLUTION|TESTS|PROMPT)\b.*", first)
            if m and m.group(1) == "BEGIN":
                block.append(m.group(2))
            elif m:
                block.pop()
            continue
        lines = [ln.strip() for ln in cell.source.split("\n")]
        if block and block[-1] == "SOLUTION":
            if cell.cell_type == "code":
                inside = False
                for ln in lines:
                    if re.fullmatch(r"#\s*BEGIN SOLUTION.*", ln):
                        inside = True
                    elif re.fullmatch(r"#\s*END SOLUTION.*", ln):
                        inside = False
                    elif inside:
                        secret.add(ln)
                    elif re.search(r"#\s*SOLUTION\s*$", ln):
                        secret.add(re.sub(r"\s*#\s*SOLUTION\s*$", "", ln))
                    else:
                        public.add(ln)
            else:
                secret.update(lines)
        elif block and block[-1] == "TESTS":
            config = {}
            if "BEGIN TEST CONFIG" in first:
                head, _, body = cell.source.partition("END TEST CONFIG")
                config = yaml.safe_load(head.split("\n", 1)[1].rsplit("\n", 1)[0]) or {}
                lines = [ln.strip() for ln in body.split("\n")[1:]]
            (secret if config.get("hidden") else public).update(lines)
        else:
            public.update(lines)
    trivial = {ln for ln in secret | public if len(ln) < 8 or set(ln) <= set("|-: ")}
    return secret - public - trivial, public


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_edition_has_no_solution_hidden_test_or_rubric(chapter):
    text = ex.student_path(chapter).read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    everything = "\n".join([c.source for c in nb.cells]
                           + list(nb.metadata.get("otter", {}).get("tests", {}).values()))
    for marker in MARKERS:
        assert marker not in everything, f"{marker!r} in the student edition of {chapter}"
    secret, _ = _secret_and_public_lines(chapter)
    assert secret, "found no solution lines in the source"
    leaked = sorted(ln for ln in secret if ln in everything)
    assert not leaked, f"solution / hidden test / rubric lines in the student edition: {leaked}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_edition_says_hidden_tests_exist(chapter):
    nb = nbformat.read(str(ex.student_path(chapter)), as_version=4)
    intro = "\n".join(c.source for c in nb.cells[:3] if c.cell_type == "markdown")
    assert "隐藏测试" in intro and "hidden tests" in intro
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "import crmlab; crmlab.setup()" in first_code.source
    assert f'grader = otter.Notebook("{chapter}.ipynb")' in first_code.source


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_blank_student_edition_runs_and_fails_politely(chapter, tmp_path):
    from nbclient import NotebookClient

    folder = tmp_path / "student"
    shutil.copytree(ex.student_path(chapter).parent, folder)
    nb = nbformat.read(str(folder / f"{chapter}.ipynb"), as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    checks = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (cell.source, errors)
        if re.fullmatch(r'grader\.check\("\w+"\)', cell.source.strip()):
            checks += 1
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert "results:" in text and "❌ Test case failed" in text, text
            assert "Traceback" not in text, text
            # every failure is one of our hints (an AssertionError), never a crash
            kinds = re.findall(r"^\s*(\w+(?:Error|Exception)):", text, flags=re.M)
            assert kinds and set(kinds) == {"AssertionError"}, text
            assert re.search(r"[\u4e00-\u9fff]", text), "hint should be in Chinese"
    assert checks >= 4


def test_up_to_date_ignores_how_python_versions_spell_test_code(tmp_path):
    """otter writes tests with ast.unparse, whose spelling changes between versions."""
    def notebook(code):
        return json.dumps({"cells": [], "metadata": {"otter": {"tests": {"q1": code}}}})
    committed = tmp_path / "student.ipynb"
    committed.write_text(notebook("for (a, b) in pairs:\n    assert a < b, 'hint'\n"), encoding="utf-8")
    assert ex.up_to_date(committed, notebook("for a, b in pairs:\n    assert a < b, 'hint'"))
    assert not ex.up_to_date(committed, notebook("for a, b in pairs:\n    assert a <= b, 'hint'"))
    assert not ex.up_to_date(tmp_path / "missing.ipynb", notebook("x = 1"))
