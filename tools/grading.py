"""Grade a whole class (批改全班): parallel, fault-tolerant, resumable; and the gradebook.

Usage::

    python tools/grading.py grade CHAPTER FOLDER [--output CSV] [--jobs N] [--timeout S] [--regrade]
    python tools/grading.py course COURSE [CHAPTER ...] [--jobs N] [--timeout S] [--regrade]
    python tools/grading.py gradebook COURSE [--id-pattern REGEX]

``python tools/exercises.py grade ...`` (and ``make grade``) call ``grade`` here.

How a class is graded
---------------------
* Every regular file in FOLDER is a submission (except names starting with ``.`` or
  ``_``, ``*.csv``, ``*.md`` and ``expected_scores.json``): an ``.ipynb``, or the ``.zip``
  that ``grader.export()`` writes.  Anything that is not a readable notebook (a PDF, an
  empty file, a broken zip, broken JSON) is refused at once, without a kernel, and gets
  a zero with the reason in the ``error`` column.
* The rest is graded by ``jobs`` worker processes (default: one per CPU core).  A
  worker imports otter once, unpacks the autograder bundle once, and then grades one
  submission after another with otter's own grading (``otter.run``'s
  ``run_autograder.main``, in-process, no Docker, no network).  Each submission runs in a
  kernel of its own that is used once: students never share a kernel (one student's
  variables or monkey-patches cannot reach the next notebook).  That kernel is forked
  from a warm "zygote" process of the worker that has already imported otter, crmlab,
  pandas, numpy, scipy and matplotlib (see "Kernels forked from a warm process" below):
  a new kernel then costs a fraction of a second instead of about 2.5 CPU-seconds.
  Set ``CRMLAB_GRADING_NO_FORK=1`` to start every kernel the ordinary way.
* Each kernel is started over IPC sockets (``tools/_kernels.py``) and skips one slow,
  unused import: ``jsonschema`` imports ``rfc3987_syntax`` (about 1.7 s, it compiles a
  grammar) for a URI format check that grading never uses; the grading kernel marks that
  optional module as absent, which ``jsonschema`` handles as "not installed".
* ``--timeout`` (default 120 s) is a deadline per submission: the notebook's cells get
  the time that is left, then the kernel is stopped and the submission gets a zero
  ("timeout").  A kernel that dies (``os._exit``, a segfault) gives a zero ("kernel
  died").  If a worker itself stops answering (timeout + 30 s), it and its kernels are
  killed and a new worker takes the next submission.  The rest of the class is always
  graded.
* Never lose a score: each result is written the moment it is known, as one JSON file
  per submission in ``<csv stem>.results/`` next to the CSV (written to a temporary name
  and renamed, so a file is complete or absent), and the CSV is rewritten (also
  atomically) after each result.  A second run skips submissions whose result is there
  and whose file has not changed (same sha256); ``--regrade`` grades everything again.

Course folder and gradebook
---------------------------
::

    COURSE/submissions/<chapter>/...   what students handed in, one folder per chapter
    COURSE/scores/<chapter>.csv        written by ``course`` (= ``grade`` of each chapter)
    COURSE/gradebook.csv               one row per student, one column per chapter, totals
    COURSE/gradebook_questions.png     share of full / partial / zero marks per question

The student id is taken from the file name: by default its first part up to the first
``_``, ``-``, space or ``.`` (``2026001_张三.ipynb``, ``2026001-ch5.zip`` → ``2026001``);
``--id-pattern`` takes a regular expression with a group named ``id`` instead.  Two
files of one student in one chapter keep the higher score, and the ``notes`` column
names both files.  Manual (discussion) points typed into a chapter CSV's
``qN_manual_of_P`` columns are added to that chapter's score.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "exercises"
#: Default deadline per submission, in seconds.  A sample submission takes 5–12 s on a
#: loaded 2-core machine; a class's slowest honest notebooks stay far below this.
DEFAULT_TIMEOUT = 120
#: Extra seconds before a silent worker (not just its kernel) is killed.
WORKER_GRACE = 30
#: Files in a submissions folder that are not submissions.
_NOT_SUBMISSIONS = ("expected_scores.json",)
#: Default student id: the file name up to the first ``_``, ``-``, space or ``.``.
DEFAULT_ID_PATTERN = r"(?P<id>[^_\-\s.]+)"


class GradingError(RuntimeError):
    """Grading cannot start (message in English and Chinese)."""


def _exercises():
    """``tools/exercises.py`` (paths, build, manual questions), loaded by path."""
    import importlib.util

    name = "crmlab_tools_exercises"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "exercises.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# --------------------------------------------------------------------------- submissions
def submissions(folder: Path) -> list[Path]:
    """Every submission in ``folder`` (sorted by name)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"submissions folder {folder} does not exist (提交文件夹不存在)")
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith((".", "_"))
                  and p.suffix.lower() not in (".csv", ".md") and p.name not in _NOT_SUBMISSIONS)


def _notebook_problem(text: bytes, name: str) -> str | None:
    """Why ``text`` is not a gradable notebook, or None."""
    if not text.strip():
        return f"{name} is empty (空文件)"
    try:
        nb = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return f"{name} is not valid notebook JSON ({type(e).__name__}: {str(e)[:80]}) (不是有效的笔记本 JSON)"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or nb.get("nbformat") != 4:
        return f"{name} is JSON but not a Jupyter notebook (nbformat 4 with cells) (不是 Jupyter 笔记本)"
    return None


def precheck(path: Path) -> str | None:
    """Why ``path`` cannot be graded (without starting a kernel), or None if it can."""
    path = Path(path)
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix == ".ipynb":
        return _notebook_problem(data, path.name)
    if suffix == ".zip":
        if not data:
            return f"{path.name} is empty (空文件)"
        try:
            with zipfile.ZipFile(path) as zf:
                if zf.testzip() is not None:
                    return f"{path.name} is a damaged zip (zip 文件已损坏)"
                nbs = [n for n in zf.namelist() if n.endswith(".ipynb") and "/" not in n.strip("/")]
                if len(nbs) != 1:
                    return (f"{path.name} holds {len(nbs)} notebooks at its top level, expected 1 "
                            f"(zip 里应当正好有一个笔记本)")
                return _notebook_problem(zf.read(nbs[0]), f"{path.name}:{nbs[0]}")
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            return f"{path.name} is not a readable zip ({str(e)[:80]}) (zip 文件无法读取)"
    kind = "a PDF" if data[:5] == b"%PDF-" else f"a {suffix or 'suffix-less'} file"
    return f"{path.name} is {kind}, not a notebook (.ipynb or grader.export() .zip) (不是笔记本)"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------- worker
def _kernels():
    return _exercises()._kernels()


# Kernels forked from a warm process ("zygote").  Starting a Python kernel and importing
# what every graded notebook imports (otter for its grading cell, crmlab, pandas, numpy,
# matplotlib) costs about 2.5 CPU-seconds per submission, more than running the
# notebook.  Each worker therefore starts one zygote that imports these once; every
# kernel is a fresh fork of it (os.fork: copy-on-write, nothing flows back), used for one
# submission only and then stopped, exactly like a newly started kernel.
# jupyter_client launches a tiny stand-in process ("_kernel-client"): it asks the zygote
# for a fork, forwards signals to it and lives as long as the kernel, so jupyter_client's
# polling, shutdown and kill work unchanged; a forked kernel whose stand-in disappears
# (e.g. SIGKILL) stops itself within a second.
_ZYGOTE_IMPORTS = ("ipykernel.kernelapp", "otter", "otter.check.notebook", "otter.execute", "otter.test_files",
                   "numpy", "pandas", "scipy", "scipy.stats", "matplotlib", "matplotlib.pyplot",
                   "matplotlib_inline.backend_inline", "crmlab")


def zygote_main(sock_path: str) -> int:
    """Zygote process: import once, then fork one kernel per request on a Unix socket."""
    import importlib
    import socket

    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]  # tools/ is not for students
    sys.modules.setdefault("rfc3987_syntax", None)  # see the module docstring
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in _ZYGOTE_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 — a missing extra only makes kernels slower
            pass

    def reap(signum, frame):  # forked kernels are reaped at once (their CPU time is then counted)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass

    signal.signal(signal.SIGCHLD, reap)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sock_path + ".tmp")
    os.replace(sock_path + ".tmp", sock_path)  # the socket appears only once we are warm
    server.listen(8)
    server.settimeout(1.0)
    parent = os.getppid()
    while True:
        try:
            conn, _ = server.accept()
        except socket.timeout:
            if os.getppid() != parent:  # the worker is gone: so are we
                return 0
            continue
        conn.settimeout(None)
        with conn:
            req = json.loads(conn.makefile("r", encoding="utf-8").readline())
            pid = os.fork()
            if pid == 0:  # the kernel
                server.close()
                conn.close()
                _run_forked_kernel(req)
                os._exit(0)
            conn.sendall((json.dumps({"pid": pid}) + "\n").encode())


def _run_forked_kernel(req: dict) -> None:
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(req["env"])
    os.chdir(req["cwd"])
    client = int(req["client_pid"])

    def watchdog() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(client, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watchdog, daemon=True).start()
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = ["ipykernel_launcher", *req["argv"]]
    IPKernelApp.launch_instance(argv=req["argv"])


def kernel_client_main(sock_path: str, argv: list[str]) -> int:
    """Stand-in process of a forked kernel (what jupyter_client starts, polls and kills)."""
    import socket

    deadline = time.monotonic() + 120
    while True:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sock_path)
            break
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                return 3
            time.sleep(0.05)
    with s:
        s.sendall((json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                               "client_pid": os.getpid()}) + "\n").encode())
        pid = json.loads(s.makefile("r", encoding="utf-8").readline())["pid"]

    def forward(signum, frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass
        if signum != signal.SIGINT:
            sys.exit(0)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, forward)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        time.sleep(0.1)


def _manager_class(zygote_sock: str | None):
    base = _kernels().LocalKernelManager
    if not zygote_sock:
        return base

    class ForkedKernelManager(base):
        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            return [sys.executable, str(Path(__file__).resolve()), "_kernel-client", zygote_sock, *cmd[cmd.index("-f"):]]

    return ForkedKernelManager


def _patch_otter(state: dict, force: bool = False) -> None:
    """Make otter's grading kernels use IPC sockets, one deadline, and skip a slow import."""
    import nbconvert.preprocessors as pre
    import otter.execute.preprocessor as gp

    marker = "sys.modules.setdefault('rfc3987_syntax', None)"
    if marker not in gp.INIT_CELL_SOURCE:
        # no braces: otter fills the template with str.format
        gp.INIT_CELL_SOURCE = f"import sys\n{marker}\n" + gp.INIT_CELL_SOURCE
    base = pre.ExecutePreprocessor
    if getattr(base, "_crmlab_grading", False):
        if not force:
            return
        base = base.__bases__[0]
    manager = _manager_class(state.get("zygote")) if os.name != "nt" else None

    class DeadlineExecutePreprocessor(base):
        _crmlab_grading = True

        def preprocess(self, nb, resources=None, km=None):
            deadline = state["deadline"]
            if manager is not None:
                self.kernel_manager_class = manager
            self.interrupt_on_timeout = False
            self.startup_timeout = max(10, int(deadline - time.monotonic()))
            self.timeout_func = lambda cell: max(1, int(deadline - time.monotonic()))
            return super().preprocess(nb, resources, km)

    pre.ExecutePreprocessor = DeadlineExecutePreprocessor


def _clear(folder: Path) -> None:
    """Empty ``folder`` but keep the folder itself (a kernel's cwd must stay valid)."""
    for p in folder.iterdir():
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()


def _reason(exc: BaseException, timeout: float) -> str:
    name = type(exc).__name__
    text = str(exc).strip().splitlines()
    text = text[-1] if text else ""
    if name == "CellTimeoutError" or "timed out" in text.lower():
        return f"timeout: the notebook ran longer than {timeout:g} s (超时：运行超过 {timeout:g} 秒)"
    if name == "DeadKernelError" or "Kernel died" in text:
        return "kernel died while running the notebook (运行时内核崩溃，例如 os._exit 或段错误)"
    return f"{name}: {text[:240]} (无法评分)"


def grade_in_worker(submission: Path, ag_dir: Path, timeout: float, state: dict) -> dict:
    """Grade one submission in this worker process; otter's results.json or an error."""
    import contextlib
    import io

    from otter.run.run_autograder import main as run_autograder_main

    for attempt in (1, 2):
        for sub in ("submission", "results"):
            _clear(ag_dir / sub)
        if submission.suffix.lower() == ".zip":
            with zipfile.ZipFile(submission) as zf:
                zf.extractall(ag_dir / "submission")
        else:
            shutil.copy(submission, ag_dir / "submission")
        state["deadline"] = time.monotonic() + timeout
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                run_autograder_main(str(ag_dir), logo=False, debug=False, otter_run=True)
            return json.loads((ag_dir / "results" / "results.json").read_text(encoding="utf-8"))
        except Exception as e:  # noqa: BLE001 — one broken submission must not stop the class
            # a kernel that did not start in time on a busy machine gets a second try
            if attempt == 1 and "didn't respond" in str(e) and time.monotonic() < state["deadline"]:
                continue
            return {"error": _reason(e, timeout)}
    return {"error": "grading failed twice (两次评分均失败)"}


def worker_main(autograder: str, workdir: str, timeout: float) -> int:
    """Worker process: read submission paths on stdin, answer one JSON line each."""
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # whatever otter or a kernel prints goes to stderr, not into the protocol
    sys.stdout = sys.stderr
    ag_dir = Path(workdir) / "autograder"
    for sub in ("source", "submission", "results"):
        (ag_dir / sub).mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(autograder) as zf:  # unpacked once per worker
        zf.extractall(ag_dir / "source")
    (ag_dir / "submission_metadata.json").write_text("{}", encoding="utf-8")
    state = {"deadline": time.monotonic() + timeout, "zygote": None}
    zygote = None
    if os.name == "posix" and not os.environ.get("CRMLAB_GRADING_NO_FORK"):
        state["zygote"] = str(Path(workdir) / "zygote.sock")
        zygote = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "_zygote", state["zygote"]],
                                  stdin=subprocess.DEVNULL, cwd=workdir)
        give_up = time.monotonic() + 180  # importing takes seconds on a busy machine; not the submission's time
        while not os.path.exists(state["zygote"]):
            if zygote.poll() is not None or time.monotonic() > give_up:  # no zygote: plain kernels
                zygote.kill()
                zygote, state["zygote"] = None, None
                break
            time.sleep(0.05)
    _patch_otter(state)
    try:
        proto.write(json.dumps({"ready": True}) + "\n")
        for line in sys.stdin:
            path = line.strip()
            if not path:
                continue
            start = time.monotonic()
            result = grade_in_worker(Path(path), ag_dir, timeout, state)
            if "error" in result and zygote is not None and zygote.poll() is not None:
                # the zygote itself died (not the student's kernel): plain kernels from now on,
                # and this submission again, so that it is not blamed for our failure
                zygote, state["zygote"] = None, None
                _patch_otter(state, force=True)
                start = time.monotonic()
                result = grade_in_worker(Path(path), ag_dir, timeout, state)
            result["seconds"] = round(time.monotonic() - start, 3)
            proto.write(json.dumps(result, ensure_ascii=False) + "\n")
    except (BrokenPipeError, OSError):  # the parent is gone (interrupted run): just stop
        pass
    finally:
        if zygote is not None:
            zygote.kill()
            zygote.wait()
        shutil.rmtree(workdir, ignore_errors=True)  # also when the parent died and cannot
    return 0


class Worker:
    """One worker process, seen from the parent."""

    def __init__(self, autograder: Path, timeout: float):
        self.autograder, self.timeout = autograder, timeout
        self.tmp = tempfile.mkdtemp(prefix="crmlab-grade-")
        env = dict(os.environ, PYTHONUNBUFFERED="1", OPENBLAS_NUM_THREADS="1",
                   OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "_worker", str(autograder), self.tmp, str(timeout)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8", cwd=self.tmp, env=env, start_new_session=True)
        self.ready = False

    def _readline(self, seconds: float) -> str | None:
        ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, seconds))
        if not ready:
            return None
        return self.proc.stdout.readline()

    def grade(self, submission: Path) -> dict:
        if not self.ready:  # importing otter takes a few seconds on a busy machine
            line = self._readline(300 + self.timeout)
            if not line:
                return {"error": "grading worker did not start (评分进程未能启动)"}
            self.ready = True
        try:
            self.proc.stdin.write(f"{submission}\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return {"error": "grading worker stopped (评分进程意外退出)"}
        line = self._readline(self.timeout + WORKER_GRACE)
        if line is None:
            self.kill()
            return {"error": f"timeout: no answer within {self.timeout + WORKER_GRACE:g} s, "
                             f"grading process killed (超时：评分进程无响应，已终止)"}
        if not line:
            self.kill()
            return {"error": "grading process died (评分进程崩溃)"}
        return json.loads(line)

    def _descendants(self) -> list[int]:
        """Pids of the worker's children, grandchildren, … (Linux /proc; else none)."""
        parents: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                continue
        out, todo = [], [self.proc.pid]
        while todo:
            kids = parents.get(todo.pop(), [])
            out += kids
            todo += kids
        return out

    def kill(self) -> None:
        for pid in [*self._descendants(), self.proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                for pid in [*self._descendants(), self.proc.pid]:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
        self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def grade_many(subs: list[Path], autograder: Path, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
               on_result=None) -> list[dict]:
    """Grade ``subs`` in ``jobs`` workers; ``on_result(i, result)`` is called as each one ends.

    Returns one dict per submission: otter's results.json, or ``{"error": reason}``.
    Submissions that :func:`precheck` refuses never reach a worker.
    """
    results: list[dict | None] = [None] * len(subs)
    lock = threading.Lock()

    def done(i: int, res: dict) -> None:
        with lock:
            results[i] = res
            if on_result is not None:
                on_result(i, res)

    todo: queue.Queue = queue.Queue()
    for i, sub in enumerate(subs):
        problem = precheck(sub)
        if problem:
            done(i, {"error": problem, "seconds": 0.0})
        else:
            todo.put(i)
    jobs = max(1, min(jobs, todo.qsize()))

    def run() -> None:
        worker = None
        try:
            while True:
                try:
                    i = todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None:
                    worker = Worker(autograder, timeout)
                start = time.monotonic()
                res = worker.grade(subs[i])
                res.setdefault("seconds", round(time.monotonic() - start, 3))
                if worker.proc.poll() is not None:  # killed or died: the next one gets a new worker
                    worker.close()
                    worker = None
                done(i, res)
        finally:
            if worker is not None:
                worker.close()

    if not todo.empty():
        threads = [threading.Thread(target=run, daemon=True) for _ in range(jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return [r if r is not None else {"error": "not graded (未评分)"} for r in results]


# --------------------------------------------------------------------------- one chapter
def possible_points(autograder: Path) -> dict[str, float]:
    """Points of each autograded question, read from the bundle's test files."""
    out: dict[str, float] = {}
    with zipfile.ZipFile(autograder) as zf:
        for name in sorted(zf.namelist()):
            m = re.fullmatch(r"tests/(\w+)\.py", name)
            if m:
                text = zf.read(name).decode("utf-8")
                out[m.group(1)] = sum(float(p) for p in re.findall(r"@test_case\(points=([0-9.]+)", text))
    return dict(sorted(out.items(), key=lambda kv: _natural(kv[0])))


def _natural(text: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def results_dir(output: Path) -> Path:
    return output.with_name(output.stem + ".results")


def _atomic_write(path: Path, text: str, encoding: str = "utf-8") -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def row_for(name: str, res: dict, possible: dict[str, float], manual: dict[str, float],
            id_pattern: str = DEFAULT_ID_PATTERN) -> dict:
    """One CSV row: a zero with the reason where grading failed."""
    row = {"submission": name, "student": student_id(name, id_pattern)}
    tests = {t["name"]: t for t in res.get("tests", []) if t.get("max_score") is not None}
    error = res.get("error", "")
    if not error and not tests:
        error = "otter returned no scores (otter 没有给出分数)"
    got = {q: (0.0 if error else float(tests[q].get("score") or 0) if q in tests else 0.0) for q in possible}
    for q in tests:  # a question the bundle's file list did not show (should not happen)
        if q not in got:
            got[q] = 0.0 if error else float(tests[q].get("score") or 0)
    for q, v in got.items():
        row[q] = round(v, 4)
    row["autograded_score"] = round(sum(got.values()), 4)
    row["autograded_possible"] = round(sum(possible.values()), 4)
    for q, pts in manual.items():
        row[f"{q}_manual_of_{pts:g}"] = ""
    row["error"] = error
    row["seconds"] = res.get("seconds", "")
    return row


def write_csv(path: Path, rows: list[dict]) -> None:
    import io

    fields: list[str] = []
    for row in rows:
        fields += [k for k in row if k not in fields]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, restval="")
    writer.writeheader()
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, "\ufeff" + buf.getvalue())  # UTF-8 with BOM: Excel opens it


def _keep_manual(output: Path) -> dict[str, dict]:
    """Manual points already typed into an existing CSV, by submission."""
    if not output.is_file():
        return {}
    with open(output, encoding="utf-8-sig", newline="") as fh:
        return {r["submission"]: {k: v for k, v in r.items() if "_manual_of_" in k and v}
                for r in csv.DictReader(fh)}


def grade(chapter: str, folder: Path, output: Path | None = None, jobs: int | None = None,
          timeout: float = DEFAULT_TIMEOUT, regrade: bool = False, quiet: bool = True,
          autograder: Path | None = None) -> tuple[Path, list[dict]]:
    """Grade every submission in ``folder`` for ``chapter``; write and return the CSV rows."""
    ex = _exercises()
    try:
        ex._check_chapter(chapter)
    except ex.ExerciseError as e:
        raise GradingError(str(e)) from None
    subs = submissions(Path(folder).resolve())
    if not subs:
        raise GradingError(f"no submissions in {folder} (文件夹里没有可评分的提交)")
    if autograder is None:
        autograder = ex.autograder_path(chapter)
        if not autograder.is_file():
            ex.build([chapter])
    output = Path(output) if output else BUILD / chapter / "scores.csv"
    store = results_dir(output)
    store.mkdir(parents=True, exist_ok=True)
    possible = possible_points(autograder)
    manual = ex._manual_questions(chapter)
    typed = _keep_manual(output)

    stored: dict[str, dict] = {}
    hashes = {sub.name: sha256(sub) for sub in subs}
    if not regrade:
        for sub in subs:
            f = store / f"{sub.name}.json"
            if f.is_file():
                try:
                    res = json.loads(f.read_text(encoding="utf-8"))
                except ValueError:
                    continue
                if res.get("sha256") == hashes[sub.name] and res.get("chapter") == chapter:
                    stored[sub.name] = res
    todo = [sub for sub in subs if sub.name not in stored]

    def rows_now() -> list[dict]:
        rows = []
        for sub in subs:
            if sub.name in stored:
                row = row_for(sub.name, stored[sub.name], possible, manual)
                row.update(typed.get(sub.name, {}))
                rows.append(row)
        return rows

    def on_result(i: int, res: dict) -> None:
        sub = todo[i]
        res = dict(res, chapter=chapter, submission=sub.name, sha256=hashes[sub.name])
        _atomic_write(store / f"{sub.name}.json", json.dumps(res, ensure_ascii=False, indent=1))
        stored[sub.name] = res
        write_csv(output, rows_now())
        if not quiet:
            row = row_for(sub.name, res, possible, manual)
            status = row["error"] or f"{row['autograded_score']:g} / {row['autograded_possible']:g}"
            print(f"{sub.name}: {status}  ({res.get('seconds', 0):.1f} s)", flush=True)

    if not quiet and stored:
        print(f"{len(stored)} already graded, kept (已评分，跳过；--regrade 重新评分)", flush=True)
    if todo:
        grade_many(todo, autograder, jobs or os.cpu_count() or 1, timeout, on_result)
    rows = rows_now()
    write_csv(output, rows)
    return output, rows


# --------------------------------------------------------------------------- course + gradebook
def student_id(name: str, pattern: str = DEFAULT_ID_PATTERN) -> str:
    """The student id in a submission's file name (see the module docstring)."""
    m = re.match(pattern, name)
    if not m or not (m.groupdict().get("id") or "").strip():
        return Path(name).stem
    return m.group("id").strip()


def grade_course(course: Path, chapters: list[str] | None = None, **kw) -> list[Path]:
    """Grade ``COURSE/submissions/<chapter>/`` of every chapter found (or those given)."""
    course = Path(course)
    base = course / "submissions"
    found = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    names = chapters or found
    if not names:
        raise GradingError(f"no chapter folders in {base} (没有 submissions/<章节> 文件夹)")
    outs = []
    for chapter in names:
        out, _ = grade(chapter, base / chapter, course / "scores" / f"{chapter}.csv", **kw)
        outs.append(out)
    return outs


def _number(text) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_scores(path: Path, id_pattern: str = DEFAULT_ID_PATTERN) -> tuple[list[dict], dict[str, float]]:
    """A chapter CSV's rows and the points of each column (autograded and manual)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows:
        return [], {}
    cols = list(rows[0])
    try:
        fixed = cols.index("autograded_score")
    except ValueError:
        raise GradingError(f"{path} is not a scores CSV of tools/grading.py (不是评分结果表)") from None
    questions = [c for c in cols[:fixed] if c not in ("submission", "student")]
    manual = {c: float(c.rsplit("_of_", 1)[1]) for c in cols if "_manual_of_" in c}
    return rows, {"questions": questions, "manual": manual}


def gradebook(course: Path, id_pattern: str = DEFAULT_ID_PATTERN) -> tuple[Path, Path]:
    """Build ``COURSE/gradebook.csv`` and ``COURSE/gradebook_questions.png`` from ``COURSE/scores/``."""
    course = Path(course)
    files = sorted((course / "scores").glob("*.csv"))
    if not files:
        raise GradingError(f"no chapter scores in {course / 'scores'}; run `python tools/grading.py course "
                           f"{course}` first (还没有各章成绩，请先评分)")
    table: dict[str, dict] = {}
    notes: dict[str, list[str]] = {}
    chapter_possible: dict[str, float] = {}
    question_scores: dict[tuple[str, str], list[float]] = {}
    question_possible: dict[tuple[str, str], float] = {}
    for f in files:
        chapter = f.stem
        rows, info = read_scores(f, id_pattern)
        if not rows:
            continue
        auto_possible = max((_number(r["autograded_possible"]) or 0) for r in rows)
        chapter_possible[chapter] = auto_possible + sum(info["manual"].values())
        best: dict[str, tuple[float, str]] = {}
        for r in rows:
            sid = student_id(r["submission"], id_pattern)
            score = float(_number(r["autograded_score"]) or 0) + sum(_number(r.get(c)) or 0 for c in info["manual"])
            if sid in best:
                notes.setdefault(sid, []).append(
                    f"{chapter}: {best[sid][1]} + {r['submission']} (kept the higher 取较高分)")
                if score <= best[sid][0]:
                    continue
            best[sid] = (score, r["submission"])
            if r.get("error"):
                notes.setdefault(sid, []).append(f"{chapter}: {r['error'][:200]}")
        by_name = {r["submission"]: r for r in rows}
        for sid, (score, name) in best.items():
            table.setdefault(sid, {})[chapter] = round(score, 4)
            r = by_name[name]
            for q in info["questions"]:
                question_scores.setdefault((chapter, q), []).append(_number(r.get(q)) or 0.0)
        points = _points_from_results(results_dir(f))
        for q in info["questions"]:
            question_possible[(chapter, q)] = points.get(q) or max(_number(r.get(q)) or 0 for r in rows)
    chapters = sorted(chapter_possible)
    out_rows = []
    for sid in sorted(table, key=_natural):
        row = {"student": sid}
        for ch in chapters:
            row[ch] = table[sid].get(ch, 0.0)
            if ch not in table[sid]:
                notes.setdefault(sid, []).append(f"{ch}: no submission (未提交)")
        row["total"] = round(sum(table[sid].values()), 4)
        row["possible"] = round(sum(chapter_possible.values()), 4)
        row["percent"] = round(100 * row["total"] / row["possible"], 1) if row["possible"] else ""
        row["notes"] = "; ".join(notes.get(sid, []))
        out_rows.append(row)
    header = {"student": "student", **{ch: f"{ch} (/{chapter_possible[ch]:g})" for ch in chapters},
              "total": "total", "possible": "possible", "percent": "percent", "notes": "notes"}
    out = course / "gradebook.csv"
    write_csv(out, [dict(zip(header.values(), r.values())) for r in out_rows])
    png = course / "gradebook_questions.png"
    plot_questions(question_scores, question_possible, png)
    return out, png


def _points_from_results(store: Path) -> dict[str, float]:
    """Points of each question as otter reported them (``max_score``) in a results folder."""
    out: dict[str, float] = {}
    for f in sorted(store.glob("*.json")) if store.is_dir() else []:
        try:
            tests = json.loads(f.read_text(encoding="utf-8")).get("tests", [])
        except ValueError:
            continue
        for t in tests:
            if t.get("max_score") is not None:
                out[t["name"]] = max(out.get(t["name"], 0.0), float(t["max_score"]))
    return out


def plot_questions(scores: dict[tuple[str, str], list[float]], possible: dict[tuple[str, str], float],
                   path: Path) -> Path:
    """Stacked bars: share of students with full, partial and zero marks on each question."""
    import numpy as np

    import crmlab
    from crmlab.plotting import PALETTE, new_figure

    crmlab.setup()
    keys = [k for k in scores if possible.get(k)]
    if not keys:
        raise GradingError("no autograded question with points in the scores (成绩里没有自动评分题)")
    values = [np.asarray(scores[k], dtype=float) / possible[k] for k in keys]
    full = np.array([np.mean(v >= 1 - 1e-9) for v in values])
    zero = np.array([np.mean(v <= 1e-9) for v in values])
    part = 1 - full - zero
    mean = np.array([v.mean() for v in values])
    order = np.argsort(-mean, kind="stable")  # hardest question at the top
    n = len(keys)
    fig, ax = new_figure(figsize=(7.5, max(2.6, 0.32 * n + 1.4)))
    y = np.arange(n)
    labels = [f"{keys[i][0]} · {keys[i][1]}（{possible[keys[i]]:g} 分）" for i in order]
    ax.barh(y, full[order], color=PALETTE[2], label="满分")
    ax.barh(y, part[order], left=full[order], color=PALETTE[1], label="部分得分")
    ax.barh(y, zero[order], left=(full + part)[order], color=PALETTE[3], label="零分")
    for yi, i in zip(y, order):
        ax.text(1.01, yi, f"得分率 {mean[i]:.0%}", va="center", fontsize=8)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("学生比例")
    count = max(len(v) for v in values)
    ax.set_title(f"每道题的得分分布（{count} 名学生；平均得分率最低的题在最上面）", fontsize=10)
    if fig.get_layout_engine() is None:
        fig.set_layout_engine("constrained")
    fig.legend(loc="outside lower center", ncol=3, frameon=False, fontsize=8)
    fig.savefig(path, dpi=120)
    return Path(path)


# --------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["_worker"]:  # internal: one grading worker process
        return worker_main(argv[1], argv[2], float(argv[3]))
    if argv[:1] == ["_zygote"]:  # internal: a worker's warm process that forks kernels
        return zygote_main(argv[1])
    if argv[:1] == ["_kernel-client"]:  # internal: stand-in process of one forked kernel
        return kernel_client_main(argv[1], argv[2:])
    parser = argparse.ArgumentParser(prog="python tools/grading.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--jobs", "-j", type=int, default=None,
                       help="grading processes in parallel (default: one per CPU core)")
        p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                       help=f"seconds per submission before it gets a zero (default {DEFAULT_TIMEOUT})")
        p.add_argument("--regrade", action="store_true", help="grade again what was already graded")

    p_grade = sub.add_parser("grade", help="grade a folder of submissions, write a CSV")
    p_grade.add_argument("chapter")
    p_grade.add_argument("folder", type=Path)
    p_grade.add_argument("--output", "-o", type=Path, default=None,
                         help="CSV path (default build/exercises/<chapter>/scores.csv)")
    common(p_grade)
    p_course = sub.add_parser("course", help="grade COURSE/submissions/<chapter>/ of every chapter, then the gradebook")
    p_course.add_argument("course", type=Path)
    p_course.add_argument("chapters", nargs="*")
    p_course.add_argument("--id-pattern", default=DEFAULT_ID_PATTERN)
    common(p_course)
    p_book = sub.add_parser("gradebook", help="COURSE/gradebook.csv and the per-question plot from COURSE/scores/")
    p_book.add_argument("course", type=Path)
    p_book.add_argument("--id-pattern", default=DEFAULT_ID_PATTERN)
    args = parser.parse_args(argv)
    try:
        if getattr(args, "timeout", 1) <= 0:
            raise GradingError(f"--timeout must be > 0 seconds; got {args.timeout} (超时秒数应大于 0)")
        if getattr(args, "jobs", None) is not None and args.jobs < 1:
            raise GradingError(f"--jobs must be >= 1; got {args.jobs} (并行进程数应不小于 1)")
        if args.command == "grade":
            output, rows = grade(args.chapter, args.folder, args.output, args.jobs, args.timeout,
                                 args.regrade, quiet=False)
            bad = sum(1 for r in rows if r["error"])
            print(f"{len(rows)} submissions, {bad} with errors; scores written to {output}")
            return 0
        if args.command == "course":
            for out in grade_course(args.course, args.chapters or None, jobs=args.jobs,
                                    timeout=args.timeout, regrade=args.regrade, quiet=False):
                print(f"scores written to {out}")
        book, png = gradebook(args.course, args.id_pattern)
        print(f"gradebook written to {book}\nper-question plot written to {png}")
        return 0
    except (GradingError, re.error) as e:
        print(e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
