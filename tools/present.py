"""Present a chapter as live slides: reveal-style slides inside JupyterLab whose
what-if panels stay live (a slider moved on a slide recomputes in the kernel).

``python tools/present.py notebooks/00_start_here.ipynb [--port 8888] [--no-browser]``
(``make present NB=notebooks/00_start_here.ipynb``) writes a presentation copy
of the notebook to ``build/present/`` and opens it in JupyterLab.  There,
**Run → Run All Cells**, then the deck button of the notebook toolbar (or the
command palette: *Start Deck*) turns the notebook into slides; see
``docs/instructors.md`` §1.

The slides come from **jupyterlab-slideshow** (BSD-3-Clause, installed with the
``lab`` extra).  It restyles the live notebook in place, so the ipywidgets 8
panels keep their kernel.  Why a copy: jupyterlab-slideshow 0.3.4 knows the
slide types ``slide``, ``subslide``, ``fragment``, ``skip``, ``notes`` and *no*
slide type, but not nbconvert's ``-`` ("continue the slide above"), which every
chapter uses; a cell marked ``-`` is never shown (that is why the panel cell of
``00_start_here`` stayed invisible in the first trial).  The copy carries the
same cells with ``-`` replaced by no slide type, which means the same thing to
both tools.  The notebooks themselves stay as they are; edits made while
presenting go to the copy.

**One cell per slide** (:func:`one_cell_per_slide`, the same rule for the
offline decks of ``tools/slides.py``): in the copy, every cell whose slide type
is ``-``, ``fragment`` or missing ("continue the slide above", "reveal on the
slide above") gets its own sub-slide (``subslide``); ``slide``, ``subslide``,
``skip`` and ``notes`` stay as the notebook says, and the first cell shown starts
the deck.  Why: the
chapters put a heading, its text, a code cell and its chart or panel under one
slide for the reading view, and that much does not fit a 1366×768 screen (the
browser test measured 66 of 272 live slides running past it).  A lecturer shows
one panel or one chart at a time anyway; **Space** (or **↓**) steps to the next
cell.  The notebooks keep ``-`` for reading.

Nothing is fetched from the network: JupyterLab's news and update checks are
off, reveal-style navigation and fonts ship inside the extension, the charts
are PNGs drawn by the kernel.
"""
from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "present"
FONTS = "@deathbeds/jupyterlab-fonts"          # where jupyterlab-slideshow reads styles
PRESENTING = "body[data-jp-deck-mode='presenting'] &"
# While presenting, a chart takes at most about half the screen's height, so that the
# text and the sliders above it stay on the same slide (1366×768 and 1920×1080 alike).
DECK_STYLES = {
    "& .jp-OutputArea-output img": {"max-height": "52vh", "width": "auto", "max-width": "100%"},
    # a table of twenty rows (a plan, a query result) fits a laptop screen
    "& .jp-OutputArea-output table": {"font-size": "80%"},
}

# JupyterLab options for presenting: no news, no update check, nothing from the network.
LAB_OPTIONS = ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.news_url=None"]


KEPT = {"slide", "subslide", "skip", "notes"}   # slide types left as they are
HIDDEN = {"skip", "notes"}                                  # never on a slide of their own


def one_cell_per_slide(nb):
    """Put every cell of slide type ``-``, ``fragment`` (or none) on a sub-slide of its own, in place.

    A fragment is revealed on the slide above it, so a slide with its fragments is as
    tall as all of them: the browser test found such slides running past 1366×768.
    ``slide``, ``subslide``, ``skip`` and ``notes`` stay; the first
    cell shown (not ``skip``/``notes``) starts the deck (``slide``).  Used for the
    live copy (:func:`presentation_copy`) and the offline decks (``tools/slides.py``),
    never on the committed notebooks.  Returns ``nb``.

    >>> cells = [nbformat.v4.new_markdown_cell(s) for s in "ABCDEF"]
    >>> for c, t in zip(cells, ["-", "-", "fragment", None, "notes", "slide"]):
    ...     c.metadata["slideshow"] = {} if t is None else {"slide_type": t}
    >>> nb = one_cell_per_slide(nbformat.v4.new_notebook(cells=cells))
    >>> [c.metadata["slideshow"].get("slide_type") for c in nb.cells]
    ['slide', 'subslide', 'subslide', 'subslide', 'notes', 'slide']
    """
    first = True
    for cell in nb.cells:
        show = cell.metadata.get("slideshow")
        if not isinstance(show, dict):
            cell.metadata["slideshow"] = {}
            show = cell.metadata["slideshow"]      # (a NotebookNode copies a dict it is given)
        kind = show.get("slide_type")
        if kind not in KEPT:                       # '-', missing or unknown: continuation
            show["slide_type"] = "slide" if first else "subslide"
        elif first and kind not in HIDDEN and kind != "slide":
            show["slide_type"] = "slide"
        if show["slide_type"] not in HIDDEN:
            first = False
    return nb


def presentation_copy(nb):
    """A copy of ``nb`` for live slides: one cell per slide (:func:`one_cell_per_slide`,
    so no ``-`` is left, which jupyterlab-slideshow would hide) and the deck styles.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A"),
    ...                                      nbformat.v4.new_code_cell("1"),
    ...                                      nbformat.v4.new_code_cell("2")])
    >>> nb.cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    >>> nb.cells[1].metadata["slideshow"] = {"slide_type": "-"}
    >>> nb.cells[2].metadata["slideshow"] = {"slide_type": "fragment"}
    >>> out = presentation_copy(nb)
    >>> [c.metadata.get("slideshow") for c in out.cells]
    [{'slide_type': 'slide'}, {'slide_type': 'subslide'}, {'slide_type': 'subslide'}]
    >>> nb.cells[1].metadata["slideshow"]   # the original is left alone
    {'slide_type': '-'}
    """
    out = one_cell_per_slide(copy.deepcopy(nb))
    fonts = out.metadata.setdefault(FONTS, {})
    fonts.setdefault("styles", {}).setdefault("", {})[PRESENTING] = DECK_STYLES
    return out


def copy_path(path: Path, out_dir: Path = OUT) -> Path:
    """``notebooks/cases/x.ipynb`` → ``build/present/cases/x.ipynb``."""
    path = Path(path).resolve()
    try:
        rel = path.relative_to(NOTEBOOKS)
    except ValueError:
        rel = Path(path.name)
    return Path(out_dir) / rel


def write_copy(path: Path, out_dir: Path = OUT) -> Path:
    """Write the presentation copy of ``path`` under ``out_dir``; return its path."""
    path = Path(path)
    if not path.is_file():
        raise SystemExit(f"error (错误): {path} not found (找不到该文件); "
                         "e.g. make present NB=notebooks/00_start_here.ipynb")
    if path.suffix != ".ipynb":
        raise SystemExit(f"error (错误): {path} is not a notebook (不是 .ipynb 笔记本文件)")
    nb = nbformat.read(path, as_version=4)
    target = copy_path(path, out_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(presentation_copy(nb), target)
    return target


def lab_command(target: Path, port: int | None = None, open_browser: bool = True) -> list[str]:
    """The JupyterLab command line that opens ``target`` (``--allow-root`` as root)."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}", *LAB_OPTIONS]
    if port is not None:
        cmd.append(f"--port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")   # containers and many JupyterHub images run as root
    if not open_browser:
        cmd.append("--no-browser")
    cmd.append(Path(target).resolve().relative_to(ROOT).as_posix())
    return cmd


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", help="the chapter, e.g. notebooks/00_start_here.ipynb")
    parser.add_argument("--port", type=int, default=None, help="JupyterLab's port")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--copy-only", action="store_true",
                        help="only write the presentation copy (build/present/)")
    args = parser.parse_args(argv)
    target = write_copy(Path(args.notebook))
    print(f"presentation copy (放映副本): {target.relative_to(ROOT)}")
    if args.copy_only:
        return 0
    print("In JupyterLab: Run → Run All Cells, then the deck button in the notebook toolbar "
          "(运行全部单元格后点击工具栏的放映按钮).")
    return subprocess.call(lab_command(target, args.port, not args.no_browser), cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
