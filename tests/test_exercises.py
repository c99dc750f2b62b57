"""Tests of the otter-grader exercises (练习): every chapter under exercises/*/source.

Per chapter and test run, ``otter assign`` runs once (into a temporary folder); its
output is compared with the committed student edition and solutions view, and one
offline grading batch (``tools/grading.py``, no Docker, no network) grades the
solutions notebook and the sample submissions in ``exercises/<chapter>/samples/``.
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
_gspec = importlib.util.spec_from_file_location("crmlab_grading_tool", ROOT / "tools" / "grading.py")
grading = importlib.util.module_from_spec(_gspec)
sys.modules[_gspec.name] = grading
_gspec.loader.exec_module(grading)
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN TESTS", "END TESTS", "BEGIN TEST CONFIG",
           "BEGIN RUBRIC", "END RUBRIC", "hidden: true", "hidden=True", "# SOLUTION",
           "otter_assign_solution_cell")


def test_there_are_chapters():
    assert "00_start_here" in CHAPTERS


@pytest.fixture(scope="module", params=CHAPTERS)
def built(request, once_per_run):
    """``otter assign`` output for one chapter, and one grading batch of its notebooks.

    Computed once per test run (``once_per_run``), whichever worker asks first: the
    solutions notebook and the samples are graded the way a class is
    (``tools/grading.py``: a warm worker, one forked kernel per notebook).
    """
    chapter = request.param
    samples_dir = ex.EXERCISES / chapter / "samples"
    expected_file = samples_dir / "expected_scores.json"
    expected = json.loads(expected_file.read_text(encoding="utf-8")) if expected_file.is_file() else {}

    def compute(folder: Path) -> dict:
        assigned = ex.run_assign(chapter, folder / "out", run_tests=False)
        subs = [assigned / "autograder" / f"{chapter}.ipynb"] + [samples_dir / n for n in sorted(expected)]
        results = grading.grade_many(subs, ex.assigned_zip(assigned), jobs=1)
        return {"assigned": str(assigned), "results": dict(zip(["__solutions__"] + sorted(expected), results))}

    done = once_per_run(f"built-{chapter}", compute)
    return {"chapter": chapter, "assigned": Path(done["assigned"]), "expected": expected,
            "results": done["results"]}


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


# --------------------------------------------------------------------------- no answer leaks
# A wrong answer to a public check must show only a Chinese hint: never the expression
# that computes the answer, never the expected value.  The public tests themselves are
# stored in the student edition's metadata, so they must not hold either.

_PROBE_HELPERS = r'''
import json as _json, numbers as _numbers
import numpy as _np, pandas as _pd

def _variants(value, strings):
    """A few wrong answers of the same type as the right one."""
    if isinstance(value, (bool, _np.bool_)):
        return [not bool(value)]
    if isinstance(value, _numbers.Integral):
        return [value + 1, value - 1, value + 10]
    if isinstance(value, _numbers.Real):
        return [value * 1.3, value * 0.8, value * 1.02 + 0.01]
    if isinstance(value, str):
        near = [value[:-1] + chr(ord(value[-1]) + d) for d in (1, -1)] if value else []
        return [s for s in dict.fromkeys(strings + near) if s != value]
    if isinstance(value, (_pd.Series, _pd.DataFrame)):
        return [value * 1.3]
    if callable(value):
        return [lambda *a, _f=value, **k: _f(*a, **k) * 1.3 + 1]
    return []

def _plain(value):
    if isinstance(value, (bool, _np.bool_)):
        return {"bool": bool(value)}
    if isinstance(value, _numbers.Real):
        return {"number": float(value)}
    if isinstance(value, str):
        return {"text": value}
    return {}

def _probe(question, names, strings):
    env = globals()
    right = {n: env[n] for n in names if n in env}
    out = {"question": question, "right": {n: _plain(v) for n, v in right.items()}, "wrong": []}
    for name, value in right.items():
        for wrong in _variants(value, strings):
            env.update(right)
            env[name] = wrong
            result = grader.check(question, env)
            out["wrong"].append({"name": name, "value": _plain(wrong), "passed": bool(result.passed_all),
                                 "text": repr(result), "html": result._repr_html_()})
    env.update(right)
    result = grader.check(question, env)
    out["correct"] = {"passed": bool(result.passed_all), "text": repr(result), "html": result._repr_html_()}
    print("@@PROBE@@" + _json.dumps(out, ensure_ascii=False))
'''


def _public_tests(chapter: str) -> dict[str, str]:
    nb = nbformat.read(str(ex.student_path(chapter)), as_version=4)
    return dict(nb.metadata["otter"]["tests"])


def _test_params_and_strings(code: str) -> tuple[list[str], list[str]]:
    """Parameters of a question's test functions, and the short string literals its tests list."""
    import ast

    tree = ast.parse(code)
    names, strings = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            names += [a.arg for a in node.args.args if a.arg not in names and a.arg != "env"]
        elements = node.elts if isinstance(node, (ast.Tuple, ast.List)) else \
            node.keys if isinstance(node, ast.Dict) else []
        strings += [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    and 0 < len(e.value) <= 12 and e.value not in strings]
    return names, strings


def _solution_expressions(chapter: str) -> set[str]:
    """The expressions of the source's solution code (right-hand sides, returned values).

    Left out: expressions the student edition itself shows (a question may say "use
    ``segments.whale_curve(summary["profit"])``"), and a threshold rule the question
    states in words (``ka_count_500k >= 20``: one name compared with one number).
    """
    import ast

    nb = nbformat.read(str(ex.source_path(chapter)), as_version=4)
    student = nbformat.read(str(ex.student_path(chapter)), as_version=4)
    shown = re.sub(r"\s", "", "\n".join(c.source for c in student.cells))
    lines, block = [], []
    for cell in nb.cells:
        first = cell.source.strip().split("\n", 1)[0].strip() if cell.source.strip() else ""
        m = re.fullmatch(r"#\s*(BEGIN|END)\s+(QUESTION|SOLUTION|TESTS|PROMPT)\b.*", first)
        if cell.cell_type == "raw" and m:
            block.append(m.group(2)) if m.group(1) == "BEGIN" else block.pop()
            continue
        if cell.cell_type != "code" or not block or block[-1] != "SOLUTION":
            continue
        inside = False
        for line in cell.source.split("\n"):
            if re.fullmatch(r"\s*#\s*BEGIN SOLUTION.*", line):
                inside = True
            elif re.fullmatch(r"\s*#\s*END SOLUTION.*", line):
                inside = False
            elif inside or re.search(r"#\s*SOLUTION\s*$", line):
                lines.append(re.sub(r"\s*#.*$", "", line).strip())
    out = set()
    for line in lines:
        if line.startswith("return "):
            line = line[len("return "):]
        elif re.match(r"^[A-Za-z_]\w*\s*=[^=]", line):
            line = line.split("=", 1)[1].strip()
        try:
            tree = ast.parse(line, mode="eval").body
        except SyntaxError:
            continue
        expr = ast.unparse(tree)
        rule = (isinstance(tree, ast.Compare) and len(tree.comparators) == 1
                and {type(tree.left), type(tree.comparators[0])} == {ast.Name, ast.Constant})
        if len(re.sub(r"\s", "", expr)) >= 6 and not rule \
                and re.sub(r"\s", "", expr) not in shown and re.sub(r"\s", "", line) not in shown:
            out |= {expr, line}
    return out


def _renderings(x: float) -> set[str]:
    """How a number may be printed (only renderings with at least 3 digits)."""
    reps = {str(x), repr(x)}
    for p in range(0, 7):
        reps |= {f"{x:.{p}f}", f"{x:,.{p}f}", f"{x:.{p}%}"}
    for p in range(3, 7):
        reps.add(f"{x:.{p}g}")
    if float(x).is_integer():
        reps.add(str(int(x)))
    return {r for r in reps if sum(ch.isdigit() for ch in r.rstrip("%").lstrip("0.-")) >= 3
            or (float(x).is_integer() and abs(x) >= 10 and r == str(int(x)))}


def _contains_token(text: str, token: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(token)}(?![\w]|\.\d)", text) is not None


@pytest.fixture(scope="module", params=CHAPTERS)
def probed(request, once_per_run):
    """Every question of a student edition answered wrongly (one answer at a time), then right.

    Run once per test run (``once_per_run``), whichever worker asks first.
    """
    chapter = request.param
    tests = _public_tests(chapter)
    student = nbformat.read(str(ex.student_path(chapter)), as_version=4)
    probes = once_per_run(f"probed-{chapter}", lambda folder: _probe_chapter(chapter, folder, student, tests))
    markdown = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    return {"chapter": chapter, "probes": probes, "tests": tests, "markdown": markdown}


def _probe_chapter(chapter: str, folder: Path, student, tests: dict[str, str]) -> list[dict]:
    from nbclient import NotebookClient

    nb = nbformat.read(str(ex.solutions_path(chapter)), as_version=4)
    nb.metadata["otter"] = student.metadata["otter"]  # exactly the student's public tests
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = cell.source.replace(f'otter.Notebook("{chapter}_solutions.ipynb")',
                                     f'otter.Notebook("{chapter}.ipynb")')
        m = re.fullmatch(r'grader\.check\("(\w+)"\)', source.strip())
        if m:
            names, strings = _test_params_and_strings(tests[m.group(1)])
            source = f"_probe({m.group(1)!r}, {names!r}, {strings!r})"
        elif source.lstrip().startswith("grader."):
            continue
        cells.append(nbformat.v4.new_code_cell(source))
        if len(cells) == 1:
            cells.append(nbformat.v4.new_code_cell(_PROBE_HELPERS))
    nb.cells = cells
    nbformat.write(nb, str(folder / f"{chapter}.ipynb"))
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    probes = []
    for cell in nb.cells:
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")
        if "@@PROBE@@" in text:
            probes.append(json.loads(text.split("@@PROBE@@", 1)[1]))
    return probes


def test_every_question_is_probed(probed):
    asked = {q for q in probed["tests"]}
    assert {p["question"] for p in probed["probes"]} == asked
    for probe in probed["probes"]:
        failed = [w for w in probe["wrong"] if not w["passed"]]
        assert failed, f"{probe['question']}: no wrong answer failed the public checks: {probe['wrong']}"


def test_a_wrong_answer_shows_only_a_chinese_hint(probed):
    import html as html_lib

    expressions = _solution_expressions(probed["chapter"])
    squeeze = lambda s: re.sub(r"\s", "", s)  # noqa: E731
    for probe in probed["probes"]:
        _, options = _test_params_and_strings(probed["tests"][probe["question"]])
        for wrong in (w for w in probe["wrong"] if not w["passed"]):
            shown = wrong["text"] + "\n" + html_lib.unescape(re.sub(r"<[^>]+>", " ", wrong["html"]))
            where = f"{probed['chapter']} {probe['question']} with {wrong['name']} = {wrong['value']}"
            assert "Traceback" not in shown and "AssertionError" in shown, (where, shown)
            assert re.search(r"[\u4e00-\u9fff]", shown), (where, shown)
            # the failing line otter prints is a neutral `assert ok, hint`, never a computation
            failing = re.findall(r"Error at line \d+ in test \w+:\n(.*)\n", wrong["text"])
            assert failing and all(line.strip() in ("assert ok, hint", "raise AssertionError(hint)") for line in failing), (where, failing)
            leaked = [e for e in expressions if squeeze(e) in squeeze(shown)]
            assert not leaked, (where, leaked, shown)
            for name, value in probe["right"].items():
                if "number" in value:
                    mine = _renderings(wrong["value"]["number"]) if "number" in wrong["value"] else set()
                    for rep in _renderings(value["number"]) - mine:
                        if not _contains_token(probed["markdown"], rep):
                            assert not _contains_token(shown, rep), (where, name, rep, shown)
                elif "text" in value and wrong["name"] == name and value["text"] \
                        and wrong["value"].get("text") in options:
                    # another valid option: the hint must not name the right one (an invalid
                    # answer may be told the list of valid options, which includes it)
                    assert not _contains_token(shown, value["text"]), (where, name, shown)


def test_passing_every_public_check_mentions_hidden_tests(probed):
    for probe in probed["probes"]:
        correct = probe["correct"]
        assert correct["passed"], (probed["chapter"], probe["question"], correct["text"])
        assert "隐藏测试" in correct["text"] and "隐藏测试" in correct["html"], correct["text"]


def test_student_edition_holds_no_expected_value_or_solution(probed):
    nb = nbformat.read(str(ex.student_path(probed["chapter"])), as_version=4)
    everything = "\n".join([c.source for c in nb.cells] + list(probed["tests"].values()))
    squeeze = lambda s: re.sub(r"\s", "", s)  # noqa: E731
    leaked = [e for e in _solution_expressions(probed["chapter"]) if squeeze(e) in squeeze(everything)]
    assert not leaked, leaked
    stored = "\n".join(probed["tests"].values())
    for probe in probed["probes"]:
        for name, value in probe["right"].items():
            if "number" not in value:
                continue
            for rep in _renderings(value["number"]):
                if not _contains_token(probed["markdown"], rep):
                    assert not _contains_token(stored, rep), (probe["question"], name, rep)


def test_answer_keys_accept_exactly_the_tolerance():
    salt = "demo/q1"
    keys = ex.answer_keys(salt, 0.4583, step=2.5e-05, tol=0.0001)

    def accepted(x):
        return ex.answer_key(salt, str(round(x / 2.5e-05))) in keys
    assert accepted(0.4583) and accepted(0.4583 + 0.00008) and accepted(0.4583 - 0.00008)
    assert not accepted(0.4583 + 0.00014) and not accepted(0.4583 - 0.00014)
    assert ex.answer_keys(salt, "P03") == [ex.answer_key(salt, "P03")] != ex.answer_keys(salt, "P04")
    with pytest.raises(ex.ExerciseError):
        ex.answer_keys(salt, float("nan"), step=0.1, tol=0.1)


# --------------------------------------------------------------------------- "all passed" only when all passed
# otter shows a test case's success_message whenever that case passes, even when an
# earlier case of the same question failed.  The build moves the "本题的公开检查全部通过"
# message onto a closing 0-point case that passes only when every public case passes.
_ALL_PASSED = "全部通过"


def test_all_passed_message_needs_every_public_case():
    from otter.test_files.exception_test import ExceptionTestFile

    code = ('from otter.test_files import test_case\nOK_FORMAT = False\nname = "q1"\npoints = None\n\n'
            '@test_case(points=1, hidden=False)\ndef test_a(x):\n    ok = x > 0\n    assert ok, "x 要大于 0"\n\n'
            '@test_case(points=1, hidden=False, success_message="本题的公开检查全部通过；还有隐藏测试。")\n'
            'def test_b(y):\n    ok = y > 0\n    assert ok, "y 要大于 0"\n')
    fixed = ex.all_passed_last(code)
    assert ex.all_passed_last(fixed) == fixed  # idempotent: the message is already on the closing case
    for x, y, passed in ((1, 1, True), (-1, 1, False), (1, -1, False), (-1, -1, False)):
        for source, honest in ((code, False), (fixed, True)):
            tf = ExceptionTestFile.from_string(source)
            tf.run({"x": x, "y": y})
            shown = tf.summary() + tf._repr_html_()
            if honest or passed:
                assert (_ALL_PASSED in shown) == passed, (x, y, source, shown)
        tf = ExceptionTestFile.from_string(fixed)
        tf.run({"x": x, "y": y})
        assert tf.score == (x > 0) + (y > 0)  # the closing case is worth nothing
    # the unfixed test shows the message to a half-right answer: the defect being guarded
    tf = ExceptionTestFile.from_string(code)
    tf.run({"x": -1, "y": 1})
    assert _ALL_PASSED in tf.summary()


def test_a_half_right_answer_is_not_told_all_passed(probed):
    """Every wrong answer (one part wrong, the others right) never sees the all-passed message."""
    for probe in probed["probes"]:
        cases = probed["tests"][probe["question"]].count("@test_case(")
        half = 0
        for wrong in (w for w in probe["wrong"] if not w["passed"]):
            where = f"{probed['chapter']} {probe['question']} with {wrong['name']} = {wrong['value']}"
            assert _ALL_PASSED not in wrong["text"] and _ALL_PASSED not in wrong["html"], (where, wrong["text"])
            half += "✅ Test case passed" in wrong["text"]
        if cases > 2:  # several public cases (plus the closing one)
            assert half, (probed["chapter"], probe["question"], "no half-right answer was tried")


#: Chapters whose hints have had their English halves removed (every chapter now).
CHINESE_ONLY = ["00_start_here", "01_customer_value", "02_customer_states", "04_customer_delivered_value",
                "05_abc_key_accounts", "china_mobile_churn", "walmart_beer_diapers", "vanke_referrals",
                "07_satisfaction_loyalty", "huawei_151", "06_credit_management",
                "03_relationship_lifecycle"]


def test_hints_are_chinese_only(probed):
    assert probed["chapter"] in CHINESE_ONLY, "a new chapter's hints must be Chinese only: list it"
    for probe in probed["probes"]:
        for wrong in (w for w in probe["wrong"] if not w["passed"]):
            for msg in re.findall(r"AssertionError: (.*)", wrong["text"]):
                english = re.search(r"[A-Za-z]+(?:[ ,;:.]+[A-Za-z]+){4,}", msg)
                assert not english, (probed["chapter"], probe["question"], msg)
    for name, code in probed["tests"].items():
        assert "Public checks passed" not in code and "(Hint" not in code, (probed["chapter"], name)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_submission_cell_is_chinese(chapter):
    nb = nbformat.read(str(ex.student_path(chapter)), as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Make sure you have run all cells" not in text and "## Submission" not in text
    assert "提交作业" in text


def test_assign_failure_names_the_chapter(tmp_path, monkeypatch):
    """otter assign runs in-process; a source whose solution fails its own test is an
    ExerciseError naming the chapter, not otter's bare exception."""
    raw = nbformat.v4.new_raw_cell
    nb = nbformat.v4.new_notebook(cells=[
        raw("# ASSIGNMENT CONFIG\nname: broken\ninit_cell: false\ncheck_all_cell: false\n"
            "export_cell: false\n"),
        raw("# BEGIN QUESTION\nname: q1\npoints: 1"),
        raw("# BEGIN SOLUTION"),
        nbformat.v4.new_code_cell("x = 1 # SOLUTION"),
        raw("# END SOLUTION"),
        raw("# BEGIN TESTS"),
        nbformat.v4.new_code_cell("assert x == 2"),
        raw("# END TESTS"),
        raw("# END QUESTION"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "broken" / "source").mkdir(parents=True)
    nbformat.write(nb, str(tmp_path / "broken" / "source" / "broken.ipynb"))
    monkeypatch.setattr(ex, "EXERCISES", tmp_path)
    ex.run_assign("broken", tmp_path / "ok", run_tests=False)      # without the solutions run: fine
    assert (tmp_path / "ok" / "student" / "broken.ipynb").is_file()
    with pytest.raises(ex.ExerciseError, match="otter assign failed for broken"):
        ex.run_assign("broken", tmp_path / "out", run_tests=True)
