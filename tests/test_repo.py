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
    assert pip == ["-e ."], "crmlab itself is installed from the repo with pip"
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
    """The map in 00_start_here marks a notebook 可用 exactly when it exists."""
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    rows = re.findall(r"^\|[^|\n]*\|[^|\n]*\|\s*`([^`]+\.ipynb)`\s*\|\s*([^|\n]+?)\s*\|", text, flags=re.M)
    assert len(rows) >= 10, "the map lists every chapter and case"
    for rel, status in rows:
        exists = (ROOT / "notebooks" / rel).is_file()
        assert ("可用" in status) == exists, f"{rel}: marked {status!r} but exists={exists}"
