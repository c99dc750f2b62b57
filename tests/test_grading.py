"""Grading a class (tools/grading.py): faults, resume, gradebook.

Graded for real with otter (chapter 00_start_here, the shortest set): a hanging, a
crashing and several non-notebook submissions next to good ones; an interrupted run
that a second run continues; the gradebook from two chapters' results.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "00_start_here"
SAMPLES = ROOT / "exercises" / CHAPTER / "samples"
EXPECTED = json.loads((SAMPLES / "expected_scores.json").read_text(encoding="utf-8"))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


grading = _load("crmlab_tools_grading", ROOT / "tools" / "grading.py")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The chapter's autograder bundle: the built one if current, else made here."""
    ex = grading._exercises()
    built = ex.autograder_path(CHAPTER)
    dest = tmp_path_factory.mktemp("bundle") / f"{CHAPTER}-autograder.zip"
    if built.is_file() and built.stat().st_mtime >= ex.source_path(CHAPTER).stat().st_mtime:
        shutil.copy(built, dest)
    else:
        assigned = ex.run_assign(CHAPTER, tmp_path_factory.mktemp("assign") / "out", run_tests=False)
        shutil.copy(ex.assigned_zip(assigned), dest)
    return dest


def _with_cell(source: str) -> dict:
    """The full-marks sample with one extra code cell after the first code cell."""
    nb = json.loads((SAMPLES / "full_marks.ipynb").read_text(encoding="utf-8"))
    first = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")
    nb["cells"].insert(first + 1, {"cell_type": "code", "metadata": {}, "outputs": [],
                                   "execution_count": None, "source": source})
    return nb


def _processes_mentioning(text: str) -> list[str]:
    out = []
    for f in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            cmd = f.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmd:
            out.append(f"{f.parent.name}: {cmd[:200]}")
    return out


def _read_csv(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {r["submission"]: r for r in csv.DictReader(fh)}


def test_faults_get_a_zero_with_the_reason_and_the_class_is_still_graded(tmp_path, bundle, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(SAMPLES / "full_marks.ipynb", subs / "2026001_good.ipynb")
    shutil.copy(SAMPLES / "partly_correct.ipynb", subs / "2026002_partly.ipynb")
    (subs / "2026003_hang.ipynb").write_text(json.dumps(_with_cell("import time\nwhile True:\n    time.sleep(0.05)")))
    (subs / "2026004_crash.ipynb").write_text(json.dumps(_with_cell("import os\nos._exit(3)")))
    (subs / "2026011_segfault.ipynb").write_text(json.dumps(_with_cell("import ctypes\nctypes.string_at(0)")))
    (subs / "2026005_report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (subs / "2026006_empty.ipynb").write_bytes(b"")
    (subs / "2026007_broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (subs / "2026008_broken.ipynb").write_text('{"cells": [{"cell_type": "code", ')
    (subs / "2026009_notanotebook.ipynb").write_text('{"hello": "world"}')
    with zipfile.ZipFile(subs / "2026010_export.zip", "w") as zf:  # what grader.export() hands in
        zf.write(SAMPLES / "full_marks.ipynb", f"{CHAPTER}.ipynb")
    (subs / "expected_scores.json").write_text("{}")  # not a submission
    workers_tmp = tmp_path / "workers"
    workers_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(workers_tmp))  # every worker folder lands here

    out = tmp_path / "out" / "scores.csv"
    start = time.monotonic()
    _, rows = grading.grade(CHAPTER, subs, out, jobs=2, timeout=15, autograder=bundle)
    elapsed = time.monotonic() - start

    got = {r["submission"]: r for r in rows}
    assert sorted(got) == sorted(p.name for p in subs.iterdir() if p.name != "expected_scores.json")
    assert float(got["2026001_good.ipynb"]["autograded_score"]) == EXPECTED["full_marks.ipynb"]
    assert float(got["2026002_partly.ipynb"]["autograded_score"]) == EXPECTED["partly_correct.ipynb"]
    assert float(got["2026010_export.zip"]["autograded_score"]) == EXPECTED["full_marks.ipynb"]
    reasons = {
        "2026003_hang.ipynb": "timeout",
        "2026004_crash.ipynb": "kernel died",
        "2026011_segfault.ipynb": "kernel died",
        "2026005_report.pdf": "PDF",
        "2026006_empty.ipynb": "empty",
        "2026007_broken.zip": "zip",
        "2026008_broken.ipynb": "not valid notebook JSON",
        "2026009_notanotebook.ipynb": "not a Jupyter notebook",
    }
    possible = float(got["2026001_good.ipynb"]["autograded_possible"])
    assert possible == EXPECTED["full_marks.ipynb"]
    for name, reason in reasons.items():
        row = got[name]
        assert reason in row["error"], (name, row["error"])
        assert float(row["autograded_score"]) == 0 and float(row["autograded_possible"]) == possible
        assert all(float(row[q]) == 0 for q in ("q1", "q2", "q3", "q4"))
    for name in ("2026001_good.ipynb", "2026002_partly.ipynb", "2026010_export.zip"):
        assert got[name]["error"] == ""
    # the hang cost its deadline, not the whole run; non-notebooks never reached a kernel
    assert float(got["2026003_hang.ipynb"]["seconds"]) < 15 + 10
    assert elapsed < 300
    assert all(float(got[n]["seconds"]) == 0 for n in ("2026005_report.pdf", "2026006_empty.ipynb"))
    # what is on disk: the CSV and one result file per submission
    assert _read_csv(out).keys() == got.keys()
    stored = sorted(p.name for p in grading.results_dir(out).iterdir())
    assert stored == sorted(f"{n}.json" for n in got)
    # no worker, zygote or kernel (hung or not) is left behind
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(workers_tmp)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(workers_tmp)) == []


def test_an_interrupted_run_is_continued_and_nothing_is_lost(tmp_path, bundle):
    subs = tmp_path / "subs"
    subs.mkdir()
    names = ["2026101_a.ipynb", "2026102_b.ipynb", "2026103_c.ipynb", "2026104_d.ipynb"]
    samples = ["full_marks", "partly_correct", "full_marks", "partly_correct"]
    for name, sample in zip(names, samples):
        shutil.copy(SAMPLES / f"{sample}.ipynb", subs / name)
    out = tmp_path / "scores.csv"
    store = grading.results_dir(out)
    code = ("import sys, importlib.util as u; from pathlib import Path; "
            f"s = u.spec_from_file_location('g', {str(ROOT / 'tools' / 'grading.py')!r}); "
            "g = u.module_from_spec(s); s.loader.exec_module(g); "
            f"g.grade({CHAPTER!r}, Path({str(subs)!r}), Path({str(out)!r}), jobs=1, timeout=60, "
            f"autograder=Path({str(bundle)!r}))")
    orphans = tmp_path / "first-run-workers"
    orphans.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True,
                            env=dict(os.environ, TMPDIR=str(orphans)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 200
    while not (store.is_dir() and len(list(store.glob("*.json"))) >= 2) and time.monotonic() < deadline:
        assert proc.poll() is None, "the first run ended before it could be interrupted"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the instructor's laptop loses power
    proc.wait()
    first = sorted(store.glob("*.json"))
    assert 2 <= len(first) < len(names), [p.name for p in first]
    # the CSV written so far holds the scores known at the interruption (the newest one
    # may be in its result file only, if the kill fell between the two writes)
    in_csv = {f"{n}.json" for n in _read_csv(out)}
    assert in_csv <= {p.name for p in first} and len(in_csv) >= len(first) - 1
    # one of the graded students hands in again (a changed file): it is graded again
    changed = first[0].name[:-len(".json")]
    sample = samples[names.index(changed)]
    shutil.copy(SAMPLES / f"{'partly_correct' if sample == 'full_marks' else 'full_marks'}.ipynb", subs / changed)
    kept = {p.name: (p.stat().st_mtime_ns, p.read_text(encoding="utf-8")) for p in first[1:]}

    graded_now: list[str] = []
    real = grading.grade_many

    def spy(subs_, *a, **kw):
        graded_now.extend(p.name for p in subs_)
        return real(subs_, *a, **kw)

    grading.grade_many = spy
    try:
        _, rows = grading.grade(CHAPTER, subs, out, jobs=2, timeout=60, autograder=bundle)
    finally:
        grading.grade_many = real
    assert sorted(graded_now) == sorted(set(names) - {k[:-len(".json")] for k in kept})
    for name, (mtime, text) in kept.items():  # not graded again, not rewritten
        assert (store / name).stat().st_mtime_ns == mtime and (store / name).read_text(encoding="utf-8") == text
    want = {n: EXPECTED[f"{s}.ipynb"] for n, s in zip(names, samples)}
    want[changed] = EXPECTED["partly_correct.ipynb" if sample == "full_marks" else "full_marks.ipynb"]
    scores = {r["submission"]: float(r["autograded_score"]) for r in rows}
    assert scores == want
    assert {r["submission"]: float(r["autograded_score"]) for r in _read_csv(out).values()} == want
    assert all(r["error"] == "" for r in rows)
    # the first run's worker, orphaned by the kill, stopped and removed its folder by itself
    deadline = time.monotonic() + 60
    while any(orphans.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(orphans.iterdir()) == [] and _processes_mentioning(str(orphans)) == []


def _chapter_csv(course: Path, chapter: str, results: dict[str, dict], possible: dict, manual: dict) -> None:
    rows = [grading.row_for(name, res, possible, manual) for name, res in results.items()]
    grading.write_csv(course / "scores" / f"{chapter}.csv", rows)


def _otter(scores: dict[str, float], possible: dict[str, float]) -> dict:
    return {"tests": [{"name": q, "score": s, "max_score": possible[q]} for q, s in scores.items()]}


def test_gradebook_from_two_chapters(tmp_path):
    course = tmp_path / "course"
    p1 = {"q1": 4.0, "q2": 3.0, "q3": 3.0}
    _chapter_csv(course, "00_start_here", {
        "2026001_zhang.ipynb": _otter({"q1": 4, "q2": 3, "q3": 3}, p1),
        "2026002_li.ipynb": _otter({"q1": 4, "q2": 1, "q3": 0}, p1),
        "2026003.zip": {"error": "timeout: the notebook ran longer than 120 s"},
        # a second file of student 2026002 (name collision): the higher score counts
        "2026002-resubmitted.ipynb": _otter({"q1": 4, "q2": 2, "q3": 0}, p1),
    }, p1, {"q5": 3})
    # the instructor types the manual points into the chapter's CSV
    path = course / "scores" / "00_start_here.csv"
    rows = list(_read_csv(path).values())
    for r in rows:
        r["q5_manual_of_3"] = {"2026001_zhang.ipynb": "3", "2026002_li.ipynb": "2"}.get(r["submission"], "")
    grading.write_csv(path, rows)
    p2 = {"q1": 2.0, "q2": 5.0}
    _chapter_csv(course, "05_abc_key_accounts", {
        "2026001_zhang.ipynb": _otter({"q1": 2, "q2": 0}, p2),
        "2026003_wang.ipynb": _otter({"q1": 2, "q2": 5}, p2),
    }, p2, {})

    book, png = grading.gradebook(course)
    with open(book, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["student"] for r in table] == ["2026001", "2026002", "2026003"]
    assert list(table[0]) == ["student", "00_start_here (/13)", "05_abc_key_accounts (/7)",
                              "total", "possible", "percent", "notes"]
    by = {r["student"]: r for r in table}
    assert float(by["2026001"]["00_start_here (/13)"]) == 10 + 3
    assert float(by["2026001"]["05_abc_key_accounts (/7)"]) == 2
    assert float(by["2026001"]["total"]) == 15 and float(by["2026001"]["possible"]) == 20
    assert float(by["2026001"]["percent"]) == 75.0
    # collision: 2026002_li (5 + 2 manual = 7) beats 2026002-resubmitted (6); both named in the notes
    assert float(by["2026002"]["00_start_here (/13)"]) == 7
    assert "2026002_li.ipynb" in by["2026002"]["notes"] and "2026002-resubmitted.ipynb" in by["2026002"]["notes"]
    assert float(by["2026002"]["05_abc_key_accounts (/7)"]) == 0 and "05_abc_key_accounts: no submission" in \
        by["2026002"]["notes"]
    # a failed submission is a zero with its reason
    assert float(by["2026003"]["00_start_here (/13)"]) == 0 and "timeout" in by["2026003"]["notes"]
    assert float(by["2026003"]["total"]) == 7
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_question_shares_behind_the_plot(tmp_path):
    scores = {("ch", "q1"): [4, 4, 4, 0], ("ch", "q2"): [0, 1, 3, 3]}
    png = grading.plot_questions(scores, {("ch", "q1"): 4, ("ch", "q2"): 3}, tmp_path / "q.png")
    assert png.is_file()
    with pytest.raises(grading.GradingError, match="no autograded question"):
        grading.plot_questions({("ch", "q1"): [0]}, {("ch", "q1"): 0}, tmp_path / "none.png")


@pytest.mark.parametrize("name, pattern, sid", [
    ("2026001_张三.ipynb", grading.DEFAULT_ID_PATTERN, "2026001"),
    ("2026001-ch5.zip", grading.DEFAULT_ID_PATTERN, "2026001"),
    ("2026001 张三.ipynb", grading.DEFAULT_ID_PATTERN, "2026001"),
    ("2026001.ipynb", grading.DEFAULT_ID_PATTERN, "2026001"),
    ("zhang_san_2026001.ipynb", r".*_(?P<id>\d+)\.", "2026001"),
    ("_odd.ipynb", grading.DEFAULT_ID_PATTERN, "_odd"),
])
def test_student_id_from_the_file_name(name, pattern, sid):
    assert grading.student_id(name, pattern) == sid


def test_precheck_of_zips(tmp_path):
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as zf:
        zf.write(SAMPLES / "full_marks.ipynb", "a.ipynb")
        zf.write(SAMPLES / "partly_correct.ipynb", "b.ipynb")
    assert "holds 2 notebooks" in grading.precheck(two)
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as zf:
        zf.write(SAMPLES / "full_marks.ipynb", "x.ipynb")
        zf.writestr("otter_log.txt", "log")
    assert grading.precheck(good) is None
    assert grading.precheck(SAMPLES / "full_marks.ipynb") is None


def test_cli_refuses_bad_arguments(tmp_path, capsys):
    assert grading.main(["grade", CHAPTER, str(tmp_path), "--timeout", "0"]) == 2
    assert "--timeout must be > 0" in capsys.readouterr().err
    assert grading.main(["grade", CHAPTER, str(tmp_path)]) == 2
    assert "no submissions" in capsys.readouterr().err
    assert grading.main(["grade", "no_such_chapter", str(tmp_path)]) == 2
    assert "unknown chapter" in capsys.readouterr().err
    assert grading.main(["gradebook", str(tmp_path)]) == 2
    assert "no chapter scores" in capsys.readouterr().err
