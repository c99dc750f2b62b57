"""Grading throughput: seconds per submission for 1, 20 and 100 submissions of each chapter.

    python benchmarks/bench_grading.py                         # every chapter: 1 and 20; 100 for two chapters
    python benchmarks/bench_grading.py --sizes 1 20 100 --big all   # 100 for every chapter too (long)
    python benchmarks/bench_grading.py --chapters 00_start_here --sizes 20

For each chapter with ``samples/full_marks.ipynb`` and ``samples/partly_correct.ipynb``
it writes N submissions into a temporary folder: copy 0 is the full-marks sample, copy 1
the partly correct one (their scores are checked against ``expected_scores.json``), every
other copy takes each answer cell from one of the two at random (seeded), so the class
has varied answers and scores.  It then grades the folder with ``tools/grading.py``
(``jobs`` workers, default one per core; a fresh results folder, so nothing is resumed)
and reports wall-clock seconds per submission, CPU seconds per submission (all its
processes: workers, zygotes and kernels; what the class costs whatever else runs) and
the load average (1 min) before and after: the machine may be shared, so read the
seconds together with the load.

Exits 1 if a sample gets the wrong score, a submission fails, or the largest class of
a chapter takes more than ``--target`` (default 2.0) seconds per submission.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _grading():
    spec = importlib.util.spec_from_file_location("crmlab_tools_grading", ROOT / "tools" / "grading.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sample_chapters() -> list[str]:
    """Chapters with both samples and a built autograder bundle (`make exercises`).

    A chapter without a bundle is left out rather than built here: building rewrites its
    committed student edition."""
    return sorted(p.parent.name for p in (ROOT / "exercises").glob("*/samples")
                  if (p / "full_marks.ipynb").is_file() and (p / "partly_correct.ipynb").is_file()
                  and (ROOT / "build" / "exercises" / p.parent.name / f"{p.parent.name}-autograder.zip").is_file())


def make_class(chapter: str, n: int, folder: Path, seed: int = 0) -> None:
    """``n`` submissions of ``chapter`` with varied answers in ``folder``."""
    samples = ROOT / "exercises" / chapter / "samples"
    full = json.loads((samples / "full_marks.ipynb").read_text(encoding="utf-8"))
    part = json.loads((samples / "partly_correct.ipynb").read_text(encoding="utf-8"))
    differ = [i for i, (a, b) in enumerate(zip(full["cells"], part["cells"])) if a["source"] != b["source"]]
    rng = random.Random(seed)
    for k in range(n):
        if k == 0:
            nb = full
        elif k == 1:
            nb = part
        else:
            nb = json.loads(json.dumps(full))
            for i in differ:
                if rng.random() < 0.5:
                    nb["cells"][i] = part["cells"][i]
        (folder / f"{2026000 + k}_student.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def cpu_children() -> float:
    """CPU seconds of finished child processes (workers, zygotes and their kernels)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bench(grading, chapter: str, n: int, jobs: int, timeout: float) -> dict:
    expected = json.loads((ROOT / "exercises" / chapter / "samples" / "expected_scores.json").read_text())
    with tempfile.TemporaryDirectory(prefix=f"bench-grade-{chapter}-") as tmp:
        subs = Path(tmp) / "subs"
        subs.mkdir()
        make_class(chapter, n, subs)
        load0 = os.getloadavg()[0]
        cpu0, t0 = cpu_children(), time.perf_counter()
        _, rows = grading.grade(chapter, subs, Path(tmp) / "out" / "scores.csv", jobs=jobs, timeout=timeout)
        wall, cpu = time.perf_counter() - t0, cpu_children() - cpu0
        load1 = os.getloadavg()[0]
    problems = [f"{r['submission']}: {r['error']}" for r in rows if r["error"]]
    by_name = {r["submission"]: r["autograded_score"] for r in rows}
    checks = [("2026000_student.ipynb", expected["full_marks.ipynb"])]
    if n > 1:
        checks.append(("2026001_student.ipynb", expected["partly_correct.ipynb"]))
    for name, want in checks:
        if abs(float(by_name[name]) - want) > 1e-9:
            problems.append(f"{name}: scored {by_name[name]}, expected {want}")
    scores = sorted(float(r["autograded_score"]) for r in rows)
    return {"chapter": chapter, "n": n, "jobs": jobs, "wall": wall, "per_sub": wall / n, "cpu_per_sub": cpu / n,
            "load": (load0, load1), "scores": (scores[0], scores[-1], len(set(scores))), "problems": problems}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--chapters", nargs="*", default=None)
    p.add_argument("--sizes", nargs="*", type=int, default=[1, 20, 100])
    p.add_argument("--big", nargs="*", default=["00_start_here", "05_abc_key_accounts"],
                   help="chapters that also run the sizes above 20 ('all' = every chapter)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--target", type=float, default=2.0, help="seconds per submission, largest class")
    args = p.parse_args(argv)
    grading = _grading()
    chapters = args.chapters or sample_chapters()
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at start; jobs = {args.jobs}")
    print("| chapter | submissions | wall (s) | s / submission | CPU s / submission | load before → after | scores min–max (distinct) |")
    print("|---|---:|---:|---:|---:|---|---|")
    failed = []
    for chapter in chapters:
        sizes = [s for s in args.sizes if s <= 20 or "all" in args.big or chapter in args.big]
        last = None
        for n in sizes:
            r = bench(grading, chapter, n, args.jobs, args.timeout)
            lo, hi, distinct = r["scores"]
            print(f"| {chapter} | {n} | {r['wall']:.1f} | **{r['per_sub']:.2f}** | {r['cpu_per_sub']:.2f} | "
                  f"{r['load'][0]:.2f} → {r['load'][1]:.2f} | {lo:g}–{hi:g} ({distinct}) |", flush=True)
            failed += [f"{chapter} n={n}: {x}" for x in r["problems"]]
            last = r
        if last is not None and last["n"] > 1 and last["per_sub"] > args.target:
            failed.append(f"{chapter}: {last['per_sub']:.2f} s per submission for {last['n']} > target {args.target} s")
    for line in failed:
        print("FAILED:", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
