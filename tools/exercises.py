"""Build, check and grade the exercises (练习) made with otter-grader.

Each chapter ``exercises/<chapter>/`` holds

``source/<chapter>.ipynb``
    the instructor source in otter-assign format (questions, solutions, public and
    hidden tests, points, rubrics).  The only file edited by hand.
``student/<chapter>.ipynb``
    the student edition: no solutions, no hidden tests, no rubric, no outputs; the
    public tests are stored in the notebook's metadata, so the one file is all a
    student needs.  Generated, committed.
``solutions/<chapter>_solutions.ipynb``
    the worked solutions for self-learners: solutions and rubric shown, public tests
    only, no outputs.  Generated, committed.

and the autograder bundle ``build/exercises/<chapter>/<chapter>-autograder.zip`` is a
build product (not committed).

Usage::

    python tools/exercises.py build [CHAPTER ...]     # regenerate editions + autograder zips
    python tools/exercises.py check [CHAPTER ...]     # exit 1 if an edition is out of date
    python tools/exercises.py grade CHAPTER FOLDER [...]  # = python tools/grading.py grade

``build`` first fills in the answer keys of the public tests (salted hashes of the
accepted answers, computed from the solved notebook; see "answer keys" below: a public
test never stores an expected value or the expression behind it, because the student
edition holds the public tests and otter prints a failed test's line), then runs the
source's solutions against every test (public and hidden) and stops if they do not
score 100%.  ``grade`` is ``tools/grading.py grade``: a class graded in parallel, with
timeouts, resume and one CSV row per submission (no Docker, no network).
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
BUILD = ROOT / "build" / "exercises"

#: Notebook metadata kept in the generated notebooks (everything else is dropped,
#: so that Jupyter / Python versions of whoever ran the build leave no trace).
_KEEP_NB_METADATA = ("kernelspec", "otter")
#: Cell metadata kept in the generated notebooks.
_KEEP_CELL_METADATA = ("deletable", "editable", "tags", "otter")

_SOLUTIONS_BANNER = """\
> 📘 **参考答案版 (worked solutions)**：本笔记本由 `python tools/exercises.py build` 从教师源文件自动生成，请勿手工修改。
> 建议先在 `../student/{chapter}.ipynb` 里自己做一遍，再来对照。这里给出每题的参考解法和讨论题的评分标准 (rubric)；
> 只包含公开检查 (public tests)，不包含隐藏测试 (hidden tests)。
>
> Generated from the instructor source; do not edit. Try the student edition first. Solutions and the discussion
> rubric are shown; only the public tests are included, not the hidden ones."""


class ExerciseError(RuntimeError):
    """A build, check or grade step failed (message in English and Chinese)."""


# --------------------------------------------------------------------------- paths
def chapters() -> list[str]:
    """Names of all chapters that have an instructor source, sorted."""
    return sorted(p.parent.parent.name for p in EXERCISES.glob("*/source/*.ipynb")
                  if p.stem == p.parent.parent.name)


def source_path(chapter: str) -> Path:
    return EXERCISES / chapter / "source" / f"{chapter}.ipynb"


def student_path(chapter: str) -> Path:
    return EXERCISES / chapter / "student" / f"{chapter}.ipynb"


def solutions_path(chapter: str) -> Path:
    return EXERCISES / chapter / "solutions" / f"{chapter}_solutions.ipynb"


def autograder_path(chapter: str) -> Path:
    return BUILD / chapter / f"{chapter}-autograder.zip"


def _check_chapter(chapter: str) -> None:
    if not source_path(chapter).is_file():
        raise ExerciseError(
            f"unknown chapter {chapter!r}: {source_path(chapter)} does not exist; "
            f"known chapters: {', '.join(chapters())} (没有这一章的教师源文件)")


def _kernels():
    """``tools/_kernels.py`` (kernels on IPC sockets), loaded by path."""
    import importlib.util

    name = "crmlab_tools_kernels"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "_kernels.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# --------------------------------------------------------------------------- otter assign
@contextlib.contextmanager
def _quiet() -> Iterator[dict]:
    """Catch what is printed meanwhile, also by child processes (otter's kernels write
    to the inherited file descriptors 1 and 2); ``box["text"]`` holds it afterwards."""
    import io
    import logging

    box: dict = {}
    said = io.StringIO()
    handler = logging.StreamHandler(said)
    logger = logging.getLogger("otter")
    logger.addHandler(handler)
    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as raw:
        saved = [os.dup(1), os.dup(2)]
        os.dup2(raw.fileno(), 1)
        os.dup2(raw.fileno(), 2)
        try:
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                yield box
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
            logger.removeHandler(handler)
            raw.seek(0)
            box["text"] = said.getvalue() + raw.read().decode("utf-8", errors="replace")


def run_assign(chapter: str, dest: Path, run_tests: bool = True) -> Path:
    """Run ``otter assign`` on the chapter's source, writing into ``dest``.

    With ``run_tests`` otter grades the solutions notebook against every test and
    fails unless it scores 100%.  Returns ``dest``.  Runs in this process (otter is
    imported once, about 4 s, however many chapters are assigned); what otter and its
    kernels print is shown only if it fails.
    """
    from otter.assign import main as otter_assign

    _check_chapter(chapter)
    failed = None
    with _quiet() as said:
        try:
            otter_assign(str(source_path(chapter)), str(Path(dest).resolve()), no_pdfs=True,
                         no_run_tests=not run_tests)
        except Exception as e:  # noqa: BLE001 — otter raises anything; say which chapter failed
            failed = e
    if failed is not None:
        raise ExerciseError(
            f"otter assign failed for {chapter} (otter assign 失败): {type(failed).__name__}: "
            f"{failed}\n{said['text'][-3000:]}") from failed
    return dest


def _ids(nb) -> None:
    """Give every cell a deterministic id derived from its type and source."""
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode("utf-8")).hexdigest()[:8]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        cell["id"] = digest if n == 0 else f"{digest}-{n}"


def normalise(nb) -> nbformat.NotebookNode:
    """Strip outputs, execution counts and volatile metadata; deterministic cell ids."""
    nb.metadata = nbformat.NotebookNode(
        {k: nb.metadata[k] for k in _KEEP_NB_METADATA if k in nb.metadata})
    nb.metadata["language_info"] = nbformat.NotebookNode({"name": "python"})
    # trailing blank cells that otter adds after the export cell
    while nb.cells and not nb.cells[-1].source.strip():
        nb.cells.pop()
    for cell in nb.cells:
        cell.metadata = nbformat.NotebookNode(
            {k: cell.metadata[k] for k in _KEEP_CELL_METADATA if k in cell.metadata})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.pop("attachments", None)
    nb.nbformat, nb.nbformat_minor = 4, 5
    _ids(nb)
    return nb


def dumps(nb) -> str:
    """The exact text written for a generated notebook."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def _read(path: Path):
    return nbformat.read(str(path), as_version=4)


#: The hint of the closing check of a question with several public test cases.
_ALL_PASSED_HINT = "本题还有公开检查没有通过（见上面的提示），改正后再运行这个单元格。"


def all_passed_last(code: str) -> str:
    """A question's public tests, with the "all passed" message on a closing check.

    otter shows a test case's ``success_message`` whenever that case passes, even if an
    earlier case of the same question failed; so a message on the last case ("本题的公开
    检查全部通过") would be shown to a half-right answer.  When a question has more than
    one public case, the message is taken off every case and put on a closing 0-point
    case that re-runs the others and passes only if they all pass.
    """
    import ast

    tree = ast.parse(code)
    cases, message = [], None
    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.decorator_list):
            continue
        if node.name == "test_all_public_checks_passed":
            return code  # already has its closing check
        deco = node.decorator_list[0]
        if not (isinstance(deco, ast.Call) and getattr(deco.func, "id", None) == "test_case"):
            continue
        kw = {k.arg: k for k in deco.keywords}
        if "hidden" in kw and isinstance(kw["hidden"].value, ast.Constant) and kw["hidden"].value.value:
            continue
        if "success_message" in kw:
            message = kw["success_message"].value
        cases.append((node, deco))
    if len(cases) < 2 or message is None:
        return code
    for _node, deco in cases:
        deco.keywords = [k for k in deco.keywords if k.arg != "success_message"]
    names = ", ".join(node.name for node, _ in cases)
    closing = ast.parse(
        "@test_case(points=0, hidden=False, success_message=MESSAGE)\n"
        "def test_all_public_checks_passed(env):\n"
        "    passed = True\n"
        f"    for case in ({names},):\n"
        "        try:\n"
        "            case.call_func(env)\n"
        "        except Exception:\n"
        "            passed = False\n"
        f"    hint = {_ALL_PASSED_HINT!r}\n"
        "    ok = passed\n"
        "    assert ok, hint\n").body[0]
    closing.decorator_list[0].keywords[-1].value = message
    tree.body.append(closing)
    return ast.unparse(tree) + "\n"


def _closing_checks(nb) -> None:
    tests = nb.metadata.get("otter", {}).get("tests", {})
    for name, code in list(tests.items()):
        if isinstance(code, str):
            tests[name] = all_passed_last(code)


#: otter's submission cell (English) → Chinese.
_SUBMISSION_MD = re.compile(r"^## Submission\s*\n\s*\nMake sure you have run all cells.*$", re.S)
_SUBMISSION_ZH = ("## 提交作业 (Submission)\n\n"
                  "提交前请先保存笔记本，并按顺序运行全部单元格（菜单 Kernel → Restart & Run All），"
                  "确认每个答案都显示出来；然后运行下面的单元格，把生成的 zip 文件交给老师。"
                  "如果没有生成 zip，请直接提交这个 .ipynb 文件。")


def _chinese_submission(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and _SUBMISSION_MD.match(cell.source.strip()):
            cell.source = _SUBMISSION_ZH


def student_text(chapter: str, assigned: Path) -> str:
    """The student edition made from an ``otter assign`` output folder."""
    nb = _read(assigned / "student" / f"{chapter}.ipynb")
    _closing_checks(nb)
    _chinese_submission(nb)
    return dumps(normalise(nb))


_SOLUTION_MARK = re.compile(r"\s*#\s*(BEGIN|END)\s+(SOLUTION|PROMPT)\b.*$")
_SOLUTION_SUFFIX = re.compile(r"\s*#\s*SOLUTION(\s+NO\s+PROMPT)?\s*$")


def _clean_solution_code(source: str) -> str:
    lines = []
    for line in source.split("\n"):
        if _SOLUTION_MARK.fullmatch(line):
            continue
        lines.append(_SOLUTION_SUFFIX.sub("", line))
    return "\n".join(lines)


_MARKER_COMMENT = re.compile(r"^<!-- (BEGIN|END) [A-Z ]+ -->\n?", re.M)


def solutions_text(chapter: str, assigned: Path) -> str:
    """The worked-solutions view: solutions + rubric, public tests only."""
    nb = _read(assigned / "autograder" / f"{chapter}.ipynb")
    student = _read(assigned / "student" / f"{chapter}.ipynb")
    nb.metadata["otter"] = student.metadata.get("otter", {})  # public tests only
    _closing_checks(nb)
    cells = []
    for i, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if "grader.export(" in cell.source or (
                i + 1 < len(nb.cells) and "grader.export(" in nb.cells[i + 1].source
                and cell.cell_type == "markdown"):
            continue  # no submission step in the solutions view
        if "otter_answer_cell" in tags and cell.cell_type == "markdown":
            continue  # the "type your answer here" prompt
        if "otter_assign_solution_cell" in tags:
            cell.metadata["tags"] = [t for t in tags if t != "otter_assign_solution_cell"]
            if not cell.metadata["tags"]:
                del cell.metadata["tags"]
            if cell.cell_type == "code":
                cell.source = _clean_solution_code(cell.source)
        if cell.cell_type == "code":
            cell.source = cell.source.replace(
                f'otter.Notebook("{chapter}.ipynb")', f'otter.Notebook("{chapter}_solutions.ipynb")')
        else:  # otter's invisible rubric markers mean nothing to a reader
            cell.source = _MARKER_COMMENT.sub("", cell.source)
        cells.append(cell)
    banner = nbformat.v4.new_markdown_cell(_SOLUTIONS_BANNER.format(chapter=chapter))
    first_md = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"), 0)
    cells.insert(first_md + 1, banner)
    nb.cells = cells
    return dumps(normalise(nb))


def generated(chapter: str, assigned: Path) -> dict[Path, str]:
    """Committed files (path → text) generated from an ``otter assign`` output folder."""
    return {student_path(chapter): student_text(chapter, assigned),
            solutions_path(chapter): solutions_text(chapter, assigned)}


def assigned_zip(assigned: Path) -> Path:
    zips = sorted((assigned / "autograder").glob("*-autograder_*.zip"))
    if len(zips) != 1:
        raise ExerciseError(f"expected one autograder zip in {assigned / 'autograder'}, found {zips}")
    return zips[0]


# --------------------------------------------------------------------------- answer keys
# A public test is stored in the student edition's metadata, where any student can read
# it, and otter prints the failing line of a failed check.  So a public test never holds
# an expected value or the expression that computes it: it compares a salted hash of the
# student's answer with the hashes of the accepted answers ("keys").  In the instructor
# source a key line reads
#
#     ok = key(top20_share, 2.5e-05) in '3f9a0c1d2e4b ...'  # keys: top20_share ± 0.0001
#
# and `build` fills in the quoted keys: it runs the solutions and evaluates the
# expression after ``# keys:`` (a Python expression over the solved notebook's names;
# ``± tol`` accepts every value within tol, on a grid of ``step`` = the second argument
# of key()).  Comments never reach the student edition (otter re-writes tests with
# ast.unparse), so the expression stays in the source.  Each test that uses key()
# defines it with the same salt as :func:`answer_key`:
#
#     def key(value, step=None):
#         text = str(value) if step is None else str(round(float(value) / step))
#         return hashlib.sha256(f'{chapter}/{question}|{text}'.encode()).hexdigest()[:12]

_KEY_LINE = re.compile(
    r"""^(?P<pre>.*?\bkey\((?P<arg>.*?)(?:,\s*(?P<step>[0-9.eE+-]+))?\)\s+(?:not\s+)?in\s+)"""
    r"""'(?P<keys>[0-9a-f ]*)'(?P<post>.*?)#\s*keys:\s*(?P<expr>.+?)"""
    r"""(?:\s+±\s*(?P<tol>[0-9.eE+-]+))?\s*$""")
_KEY_SALT = re.compile(r"""f'(?P<salt>[^'{}]+)\|\{text\}'""")


def answer_key(salt: str, text: str) -> str:
    """The hash a public test compares: first 12 hex digits of sha256("salt|text")."""
    return hashlib.sha256(f"{salt}|{text}".encode("utf-8")).hexdigest()[:12]


def answer_keys(salt: str, value, step: float | None = None, tol: float | None = None) -> list[str]:
    """Keys of every accepted answer: ``value`` itself, or every grid point within ``tol``.

    With ``step`` the test hashes ``round(answer / step)``; the keys are the grid points
    ``k`` with ``|k * step - value| <= tol``, so an answer within ``tol - step/2`` of
    ``value`` always passes and one further than ``tol + step/2`` never does.
    """
    import math

    if step is None:
        return [answer_key(salt, str(value))]
    if tol is None or not (step > 0 and tol >= 0 and math.isfinite(float(value))):
        raise ExerciseError(f"a key with step {step} needs a finite value and a tolerance ± tol "
                            f"(got value {value!r}, tol {tol!r}) (误差范围写法不对)")
    value = float(value)
    lo, hi = math.floor((value - tol) / step) - 1, math.ceil((value + tol) / step) + 1
    return [answer_key(salt, str(k)) for k in range(lo, hi + 1)
            if abs(k * step - value) <= tol * (1 + 1e-12)]


def key_specs(nb) -> list[dict]:
    """Every ``# keys:`` line of a source notebook (cell, line, question, salt, expr, step, tol)."""
    specs, question = [], None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "raw" and cell.source.lstrip().startswith("# BEGIN QUESTION"):
            m = re.search(r"^name:\s*(\S+)", cell.source, flags=re.M)
            question = m.group(1) if m else None
        if cell.cell_type != "code" or "# keys:" not in cell.source:
            continue
        salt = _KEY_SALT.search(cell.source)
        for j, line in enumerate(cell.source.split("\n")):
            if "# keys:" not in line:
                continue
            m = _KEY_LINE.match(line)
            if not m or not salt:
                raise ExerciseError(f"cell {i}: cannot read the key line {line.strip()!r} or the "
                                    "salt of its key() helper (答案散列行格式不对)")
            if m.group("step") and not m.group("tol"):
                raise ExerciseError(f"cell {i}: key(..., step) needs '± tol' after the expression")
            specs.append({"cell": i, "line": j, "question": question, "salt": salt.group("salt"),
                          "expr": m.group("expr"),
                          "step": float(m.group("step")) if m.group("step") else None,
                          "tol": float(m.group("tol")) if m.group("tol") else None})
    return specs


def solved_values(chapter: str, assigned: Path, exprs: list[str], timeout: int = 300) -> list:
    """Run the solutions (otter's autograder notebook) and evaluate ``exprs`` in it.

    Returns one value per expression: a float for numbers, otherwise ``str(value)``
    (what a key hashes).  ``grader.*`` cells are not run.
    """
    from nbclient import NotebookClient

    folder = assigned / "autograder"
    nb = _read(folder / f"{chapter}.ipynb")
    nb.cells = [c for c in nb.cells if c.cell_type == "code" and not c.source.lstrip().startswith("grader.")]
    probe = ("import json as _json, numbers as _numbers\n"
             "def _plain(v):\n"
             "    if isinstance(v, _numbers.Real) and not isinstance(v, bool) and type(v).__name__ != 'bool_':\n"
             "        return {'number': float(v), 'text': str(v)}\n"
             "    return {'text': str(v)}\n"
             f"print('@@KEYS@@' + _json.dumps([_plain(eval(e)) for e in {exprs!r}], ensure_ascii=False))")
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}},
                       **_kernels().client_options()).execute()
    except Exception as e:  # a solution or an expression fails: say which chapter
        raise ExerciseError(f"running the solutions of {chapter} to compute answer keys failed "
                            f"(运行参考答案失败): {str(e)[-1500:]}") from None
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    return json.loads(text.split("@@KEYS@@", 1)[1])


def refresh_keys(chapter: str, assigned: Path) -> bool:
    """Recompute the answer keys of a chapter's source from its solutions; True if it changed."""
    path = source_path(chapter)
    nb = _read(path)
    specs = key_specs(nb)
    if not specs:
        return False
    values = solved_values(chapter, assigned, [s["expr"] for s in specs])
    changed = False
    for spec, value in zip(specs, values):
        if spec["step"] is None:
            keys = answer_keys(spec["salt"], value["text"])
        elif "number" not in value:
            raise ExerciseError(f"{chapter} cell {spec['cell']}: `{spec['expr']}` is not a number "
                                f"({value['text']!r}) but the key has a tolerance (不是数值)")
        else:
            keys = answer_keys(spec["salt"], value["number"], spec["step"], spec["tol"])
        cell = nb.cells[spec["cell"]]
        lines = cell.source.split("\n")
        m = _KEY_LINE.match(lines[spec["line"]])
        new = f"{m.group('pre')}'{' '.join(keys)}'{m.group('post')}" + lines[spec["line"]][m.end("post"):]
        if new != lines[spec["line"]]:
            lines[spec["line"]] = new
            cell.source = "\n".join(lines)
            changed = True
    if changed:
        path.write_text(dumps(nb), encoding="utf-8")
    return changed


# --------------------------------------------------------------------------- commands
def build(names: list[str] | None = None, run_tests: bool = True) -> list[Path]:
    """Regenerate student editions, solutions views and autograder zips."""
    written = []
    for chapter in names or chapters():
        with tempfile.TemporaryDirectory(prefix=f"otter-{chapter}-") as tmp:
            if key_specs(_read(source_path(chapter))):
                # answer keys first: the public tests compare hashes of the solutions' values
                refresh_keys(chapter, run_assign(chapter, Path(tmp) / "keys", run_tests=False))
            assigned = run_assign(chapter, Path(tmp) / "out", run_tests=run_tests)
            for path, text in generated(chapter, assigned).items():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
                written.append(path)
            zip_dst = autograder_path(chapter)
            zip_dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(assigned_zip(assigned), zip_dst)
            written.append(zip_dst)
    return written


def comparable(text: str) -> dict:
    """A generated notebook in a form that does not depend on the Python version.

    otter stores each public test as code written out by ``ast.unparse``, whose
    spelling changes between Python versions (``for (a, b) in`` on 3.10,
    ``for a, b in`` on 3.11).  Both sides are re-spelled by the running
    interpreter before they are compared.
    """
    import ast

    nb = json.loads(text)
    tests = nb.get("metadata", {}).get("otter", {}).get("tests", {})
    for name, code in tests.items():
        if isinstance(code, str):
            tests[name] = ast.unparse(ast.parse(code))
    return nb


def up_to_date(path: Path, text: str) -> bool:
    """Whether the committed ``path`` holds what ``build`` would write as ``text``."""
    if not path.is_file():
        return False
    committed = path.read_text(encoding="utf-8")
    return committed == text or comparable(committed) == comparable(text)


def stale(names: list[str] | None = None) -> list[Path]:
    """Committed generated files that differ from what ``build`` would write."""
    out = []
    for chapter in names or chapters():
        with tempfile.TemporaryDirectory(prefix=f"otter-{chapter}-") as tmp:
            assigned = run_assign(chapter, Path(tmp) / "out", run_tests=False)
            for path, text in generated(chapter, assigned).items():
                if not up_to_date(path, text):
                    out.append(path)
    return out


def _manual_questions(chapter: str) -> dict[str, float]:
    """Manually graded questions of a chapter and their points, from its source."""
    import yaml

    out = {}
    for cell in _read(source_path(chapter)).cells:
        if cell.cell_type == "raw" and cell.source.lstrip().startswith("# BEGIN QUESTION"):
            conf = yaml.safe_load(cell.source.split("\n", 1)[1]) or {}
            if conf.get("manual"):
                out[conf["name"]] = conf.get("points", 0)
    return out


# --------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["grade"]:  # grading a class (parallel, timeouts, resume) is tools/grading.py
        import runpy
        return runpy.run_path(str(Path(__file__).with_name("grading.py")))["main"](argv)
    parser = argparse.ArgumentParser(prog="python tools/exercises.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="regenerate student editions, solutions and autograder zips")
    p_build.add_argument("chapters", nargs="*")
    p_check = sub.add_parser("check", help="fail if a committed edition is out of date")
    p_check.add_argument("chapters", nargs="*")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            for path in build(args.chapters or None):
                print(f"wrote {path.relative_to(ROOT)}")
            return 0
        if args.command == "check":
            bad = stale(args.chapters or None)
            for path in bad:
                print(f"out of date (已过期): {path.relative_to(ROOT)}; run `python tools/exercises.py build`")
            if not bad:
                print("student editions and solutions are up to date (学生版与参考答案版均为最新)")
        return 1 if bad else 0
    except ExerciseError as e:
        print(e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
