"""Keep committed notebooks clean: ``python tools/notebooks.py strip|check [PATH ...]``.

``strip`` removes outputs, execution counts and run-time metadata (widget state,
papermill and execution timings) from every notebook under ``notebooks/`` (or
the files and folders given) and writes them back in nbformat's canonical form; ``check``
lists notebooks that still carry any and exits 1.  Run ``make strip`` before a
commit; the tests run ``check``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
_RUNTIME_METADATA = ("widgets", "papermill", "execution", "vscode", "toc-autonumbering")


def clean(nb) -> bool:
    """Strip ``nb`` in place; return True if anything changed."""
    changed = False
    for key in _RUNTIME_METADATA:
        if key in nb.metadata:
            del nb.metadata[key]
            changed = True
    for cell in nb.cells:
        for key in ("execution", "papermill", "collapsed", "scrolled"):
            if key in cell.metadata:
                del cell.metadata[key]
                changed = True
        if cell.cell_type == "code":
            if cell.outputs or cell.execution_count is not None:
                cell.outputs = []
                cell.execution_count = None
                changed = True
    return changed


def notebook_paths(args: list[str]) -> list[Path]:
    """Notebooks named by ``args`` (files or folders); by default ``notebooks/``."""
    paths = []
    for arg in args or [str(ROOT / "notebooks")]:
        p = Path(arg)
        paths += sorted(p.rglob("*.ipynb")) if p.is_dir() else [p]
    return paths


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("strip", "check"):
        print(__doc__)
        return 2
    dirty = []
    for path in notebook_paths(argv[1:]):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        if clean(nb):
            dirty.append(path)
            if argv[0] == "strip":
                nbformat.write(nb, path)
    for path in dirty:
        print(("stripped " if argv[0] == "strip" else "has outputs: ") + str(path))
    return 1 if (dirty and argv[0] == "check") else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
