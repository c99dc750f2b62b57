"""Checks on the repository itself: clean notebooks, agreeing environments, CI."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import notebooks as nbtool  # noqa: E402

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
# conda-forge names where they differ from PyPI's
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].strip().lower()


def _spec(spec: str) -> str:
    return spec.replace(" ", "").lower()


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebook_is_clean_and_follows_the_conventions(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert not nbtool.clean(nb), f"{path.name} carries outputs or run-time metadata: make strip"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].source.strip() == "import crmlab; crmlab.setup()"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert all("slide_type" in c.metadata.get("slideshow", {}) for c in nb.cells), \
        "every cell carries slide metadata"
    assert nb.metadata["kernelspec"]["name"] == "python3"


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _conda(path):
    env = yaml.safe_load(path.read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    return env, conda, (pip[0]["pip"] if pip else [])


def test_environment_yml_agrees_with_pyproject():
    project = _pyproject()["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["lab"]
    env, conda, pip = _conda(ROOT / "environment.yml")
    assert env["channels"] == ["conda-forge"]
    assert pip[:1] == ["-e ."], "crmlab itself is installed from the repo with pip"
    # test-only tools (e.g. hypothesis) may follow, exactly as the test extra pins them
    assert set(pip[1:]) <= set(project["optional-dependencies"].get("test", [])), pip
    by_name = {_name(s): _spec(s) for s in conda}
    assert by_name.pop("python") == "python>=3.10" == "python" + project["requires-python"]
    assert by_name.pop("pip") == "pip"
    expected = {}
    for s in wanted:
        name = CONDA_NAMES.get(_name(s), _name(s))
        expected[name] = _spec(s).replace(_name(s), name, 1)
    assert by_name == expected


def test_binder_environment_is_the_same_without_the_editable_install():
    env, conda, pip = _conda(ROOT / "environment.yml")
    benv, bconda, bpip = _conda(ROOT / "binder" / "environment.yml")
    assert bconda == conda and bpip == [] and benv["channels"] == env["channels"]
    post = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps -e ." in post


def _readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", text, flags=re.S)
    return text, [line.strip() for b in blocks for line in b.splitlines() if line.strip()]


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    text, lines = _readme_commands()
    assert "make lab" in lines and "make test" in lines
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, flags=re.M)
    assert "set -euo pipefail" in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lab:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    assert "notebooks/00_start_here.ipynb" in makefile
    # opening a file would otherwise make its folder the root, hiding exercises/ and datasets/
    assert "--ServerApp.root_dir=" in makefile


def test_nothing_reads_the_course_sources_outside_the_repo():
    pattern = re.compile(r"\.\./shared|shared/seeds|/work/")
    offenders = []
    for p in ROOT.rglob("*"):
        if p.is_dir() or p == Path(__file__).resolve() or any(part in {".git", ".venv", "build", ".pytest_cache", "__pycache__"}
                             for part in p.relative_to(ROOT).parts):
            continue
        if p.suffix in {".py", ".ipynb", ".yml", ".toml", ".cfg"} or p.name in {"Makefile", "run", "postBuild"}:
            if pattern.search(p.read_text(encoding="utf-8", errors="ignore")):
                offenders.append(str(p.relative_to(ROOT)))
    assert offenders == []


def test_start_here_chapter_map_matches_the_files():
    """The start page's chapter map (computed by value.chapter_map) marks a notebook 可用
    exactly when it exists, and lists every notebook that exists."""
    from crmlab import value

    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    assert any("chapter_map(" in c.source for c in nb.cells if c.cell_type == "code")
    table = value.chapter_map(ROOT / "notebooks")
    assert len(table) >= 10, "the map lists every chapter and case"
    for rel, status in zip(table["notebook"], table["status"]):
        exists = (ROOT / "notebooks" / rel).is_file()
        assert (status == "可用") == exists, f"{rel}: marked {status!r} but exists={exists}"
    present = {p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts}
    assert present <= set(table["notebook"]), sorted(present - set(table["notebook"]))


def test_readme_layout_lists_only_notebooks_that_exist():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text.split("## 目录结构 Layout", 1)[1].split("```", 2)[1]
    assert "01_…07_" not in layout
    listed = re.findall(r"^\s*((?:cases/)?\w+\.ipynb)", layout, flags=re.M)
    assert listed, "the layout names the notebooks that exist"
    for rel in listed:
        assert (ROOT / "notebooks" / rel).is_file(), f"README lists {rel}, which does not exist"
    present = {p.relative_to(ROOT / "notebooks").as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts}
    assert present <= set(listed), f"README's layout misses {sorted(present - set(listed))}"


def _make(args, cwd, **env):
    import os
    import shutil
    import subprocess

    assert shutil.which("make"), "README's two commands need make"
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=60)


def test_make_lab_passes_allow_root_exactly_when_run_as_root():
    import os

    out = _make(["-n", "lab"], ROOT)
    assert out.returncode == 0, out.stderr
    assert ("--allow-root" in out.stdout) == (os.geteuid() == 0), out.stdout
    assert "--port=8888" in out.stdout
    # a port in LAB_ARGS replaces the default one: Jupyter refuses two --port values
    out = _make(["-n", "lab", "LAB_ARGS=--no-browser --port=8899"], ROOT)
    assert out.returncode == 0 and out.stdout.count("--port") == 1 and "--port=8899" in out.stdout, out.stdout


def _fake_venv(tmp_path, built_with: str):
    import shutil

    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text(f"#!/bin/sh\necho {built_with}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_make_rebuilds_the_venv_when_python_names_another_interpreter(tmp_path):
    import sys

    fake = _fake_venv(tmp_path, "/some/other/python3.99")
    dry = _make(["-n", "help", f"PYTHON={sys.executable}"], tmp_path)
    assert dry.returncode == 0 and "rebuilding .venv" in dry.stdout, dry.stdout + dry.stderr
    assert fake.exists(), "a dry run (make -n) must not delete anything"
    real = _make(["help", f"PYTHON={sys.executable}"], tmp_path)
    assert real.returncode == 0 and "rebuilding .venv" in real.stdout and "重新创建" in real.stdout
    assert not fake.exists()


def test_make_keeps_the_venv_when_python_is_the_same_or_not_given(tmp_path):
    import os
    import sys

    me = os.path.realpath(getattr(sys, "_base_executable", sys.executable))
    fake = _fake_venv(tmp_path, me)
    out = _make(["help", f"PYTHON={sys.executable}"], tmp_path)
    assert out.returncode == 0 and "rebuilding" not in out.stdout and fake.exists(), out.stdout
    out = _make(["help"], tmp_path)  # no PYTHON= given: the venv is used as it is
    assert out.returncode == 0 and "rebuilding" not in out.stdout and fake.exists()


def test_make_refuses_a_python_that_cannot_run_and_keeps_the_venv(tmp_path):
    fake = _fake_venv(tmp_path, "/some/other/python3.99")
    out = _make(["help", "PYTHON=/no/such/python"], tmp_path)
    assert out.returncode != 0 and "cannot be run" in out.stderr and "无法运行" in out.stderr
    assert fake.exists()
