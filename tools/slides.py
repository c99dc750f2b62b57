"""Offline HTML from the notebooks: reveal.js slide decks and scenario handouts.

``python tools/slides.py [NOTEBOOK ...] [--out build/slides] [--no-execute]``
(``make slides``) executes every notebook under ``notebooks/`` (or the ones
given) in a fresh kernel and writes one deck per notebook,
``build/slides/<name>.slides.html``, next to a copy of the vendored reveal.js
(``vendor/reveal.js``, MIT).  Open a deck in any browser, with or without a
network: arrow keys or space move on, ``s`` opens the speaker notes, ``f``
full screen, ``Esc`` the slide overview.

Nothing in a deck or a handout is fetched from the network:

* reveal.js is loaded from ``reveal.js/`` beside the deck (plain ``<script>``
  tags, no require.js or jQuery from a CDN);
* formulas (``$…$``, ``$$…$$``) are converted to MathML when the HTML is
  written (:class:`MathMLPreprocessor`), which browsers draw themselves, so no
  MathJax is needed;
* what-if panels are shown as the static snapshot (results table + chart)
  that :class:`crmlab.widgets.WhatIfPanel` puts into its output
  (:class:`StaticWidgetsPreprocessor`); the widget JavaScript from a CDN is
  not loaded;
* charts are PNG images inside the HTML.

**One cell per slide**: the deck is made from a copy of the notebook in which
every cell of slide type ``-``, ``fragment`` (or none) is a sub-slide of its own;
``slide``, ``subslide``, ``skip`` and ``notes`` stay as the notebook says
(``one_cell_per_slide`` in ``tools/present.py``, the same rule as the live
slides).  The chapters keep ``-`` for the reading view, where a heading, its
text, a code cell and its chart belong together; on a 1366×768 screen that is
too much for one slide (about 25 slides ran past it), and a lecturer shows one
chart or panel at a time anyway (**↓** or **Space** steps to the next cell).

A deck is laid out at :data:`DECK_SIZE` (16:9) and scaled by reveal.js to the
window; a slide with more on it is drawn smaller (a small script in the deck),
down to :data:`MIN_ZOOM`, so that it fits a 1366×768 or 1920×1080 screen
(``tests/browser/test_slides.py`` measures every slide at both sizes).

:func:`export_html` is the same for a plain page (``tools/scenario.py`` uses it
for scenario handouts).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert.preprocessors import Preprocessor

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
REVEAL = ROOT / "vendor" / "reveal.js"
REVEAL_DIRNAME = "reveal.js"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A deck is laid out at 1280×720 (16:9, like 1366×768 and 1920×1080 screens) and scaled
# by reveal.js to the window; a slide taller than that is drawn smaller, down to MIN_ZOOM
# (0.6 of 22 px text is about 13 px on a laptop, 18 px on a full-HD projector).
DECK_SIZE = (1280, 720)
MIN_ZOOM = 0.6

# Templates: nbconvert's own (``lab`` page, ``reveal`` deck) without anything
# loaded from a CDN (require.js, jQuery, MathJax, mermaid, widget manager).
_NO_CDN_BLOCKS = """
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_CSS = """
<style type="text/css">
math[display="block"] { display: block; margin: 0.6em auto; text-align: center; }
.crmlab-static-panel img { max-width: 100%; height: auto; }
.crmlab-scenario-banner { border-left: 4px solid #0072b2; background: #eef6fb;
  padding: 6px 12px; margin: 8px 0 16px 0; }
</style>
"""
_HANDOUT_TEMPLATE = ("{%- extends 'index.html.j2' -%}" + _NO_CDN_BLOCKS
                     + "{% block extra_css %}" + _CSS + "{% endblock extra_css %}")
_DECK_TEMPLATE = ("{%- extends 'index.html.j2' -%}" + _NO_CDN_BLOCKS
                  + "{%- block html_head_css -%}" + _CSS + """
<style type="text/css">
/* Sizes for a 16:9 screen (1366×768 laptop, 1920×1080 projector): reveal's white theme
   sets 42 px text and nbconvert 160 %, which leaves room for a few lines only. */
.reveal { --r-main-font-size: 22px; --r-heading1-size: 1.7em; --r-heading2-size: 1.35em;
  --r-heading3-size: 1.15em; --r-heading4-size: 1.0em; --r-heading-text-transform: none;
  --r-block-margin: 12px; --r-heading-margin: 0 0 12px 0; }
.reveal .slides section { text-align: left; }
.reveal table { font-size: 0.8em; }
/* long Chinese cells wrap instead of pushing a wide table past the slide */
.reveal .jp-RenderedHTMLCommon td, .reveal .jp-RenderedHTMLCommon th { white-space: normal; }
/* a long code line wraps instead of widening the slide */
.reveal pre { white-space: pre-wrap; overflow-wrap: anywhere; }
/* a tall slide (code, table and chart) scrolls instead of being cut off */
.reveal .slides > section, .reveal .slides > section > section {
  height: 100%; overflow-y: auto; padding-bottom: 24px; box-sizing: border-box; }
.reveal .crmlab-static-panel img { max-height: 380px; width: auto; }
.reveal .jp-OutputArea-output img { max-height: 400px; width: auto; max-width: 100%; }
.reveal .crmlab-fit { transform-origin: 0 0; }
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
{% set prefix = resources.reveal.url_prefix %}
<script src="{{ prefix }}/dist/reveal.js"></script>
<script src="{{ prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, hash: true, center: false,
  transition: "{{ resources.reveal.transition | default('slide', true) }}",
  slideNumber: "{{ resources.reveal.number | default('c/t', true) }}",
  width: {{ resources.reveal.width | default(DECK_WIDTH, true) }},
  height: {{ resources.reveal.height | default(DECK_HEIGHT, true) }},
  plugins: [RevealNotes]
});
/* Fit each slide to the screen: a slide whose cells are taller (or wider) than the
   slide is drawn smaller, down to MIN_ZOOM; a slide that would need less scrolls and
   belongs split in the notebook (tests/browser/test_slides.py lists it). */
(function () {
  const MIN_ZOOM = MIN_ZOOM_VALUE;
  // The cells of a slide go into one box that is laid out wider by 1/zoom and scaled
  // down by zoom (a CSS transform), so the text wraps as on a wider page; measured by
  // ratios of rectangles, which reveal's own scaling leaves unchanged.
  function wrap(s) {
    let w = s.querySelector(':scope > .crmlab-fit');
    if (w) return w;
    w = document.createElement('div');
    w.className = 'crmlab-fit';
    [...s.childNodes].filter((n) => !(n.nodeType === 1 && n.matches('aside, .notes')))
      .forEach((n) => w.appendChild(n));
    s.insertBefore(w, s.firstChild);
    return w;
  }
  function need(s, w) {
    const box = s.getBoundingClientRect(), r = w.getBoundingClientRect();
    if (!box.height || !s.clientHeight) return 1;
    const pad = parseFloat(getComputedStyle(s).paddingBottom) * box.height / s.clientHeight;
    let wide = (r.right - box.left) / box.width;
    for (const e of w.querySelectorAll('.jp-OutputArea-output, .jp-RenderedHTMLCommon, pre, table'))
      if (e.clientWidth) wide = Math.max(wide, e.scrollWidth / e.clientWidth);
    return Math.max((r.bottom - box.top + pad) / box.height, wide);
  }
  function fit(s) {
    if (!s || s.dataset.crmlabZoom || s.querySelector(':scope > section')) return;
    const w = wrap(s);
    let zoom = 1;
    for (let k = 0; k < 5; k++) {
      const n = need(s, w);
      if (n <= 1.002 || (zoom === MIN_ZOOM && n > 1)) break;
      zoom = Math.min(1, Math.max(MIN_ZOOM, zoom / n));
      w.style.width = (100 / zoom) + '%';
      w.style.transform = zoom < 1 ? 'scale(' + zoom + ')' : '';
    }
    s.dataset.crmlabZoom = String(Math.round(zoom * 1000) / 1000);
  }
  Reveal.on('ready', (e) => fit(e.currentSlide));
  Reveal.on('slidechanged', (e) => fit(e.currentSlide));
  if (Reveal.isReady()) fit(Reveal.getCurrentSlide());
})();
</script>
{% endblock footer_js %}
""").replace("DECK_WIDTH", repr(str(DECK_SIZE[0]))).replace(
    "DECK_HEIGHT", repr(str(DECK_SIZE[1]))).replace("MIN_ZOOM_VALUE", str(MIN_ZOOM))


class StaticWidgetsPreprocessor(Preprocessor):
    """Show widgets as their static fallback: drop the widget view from every
    output that also carries HTML or an image, and the saved widget state.

    A page without the widget JavaScript would otherwise show an empty box (or
    "Loading widget…") where a what-if panel was.
    """

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if WIDGET_VIEW in data and any(m in data for m in
                                               ("text/html", "image/png", "image/svg+xml")):
                    del data[WIDGET_VIEW]
        return nb, resources


_FENCE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])")


class MathMLPreprocessor(Preprocessor):
    """Convert ``$$…$$`` and ``$…$`` in Markdown cells to MathML.

    Browsers render MathML natively, so pages need no MathJax from a CDN.  Code
    spans and fenced code are left alone; a formula that ``latex2mathml``
    cannot convert stays as TeX source.
    """

    def preprocess(self, nb, resources):
        from latex2mathml.converter import convert

        def to_mathml(tex: str, display: str) -> str | None:
            try:
                return convert(tex.strip(), display=display)
            except Exception:  # an unsupported command: keep the TeX source
                return None

        def block(m):
            mathml = to_mathml(m.group(1), "block")
            return f"\n\n{mathml}\n\n" if mathml else m.group(0)

        def inline(m):
            return to_mathml(m.group(1), "inline") or m.group(0)

        for cell in nb.cells:
            if cell.cell_type != "markdown" or "$" not in cell.source:
                continue
            parts = _FENCE.split(cell.source)
            for i in range(0, len(parts), 2):  # even parts are outside code
                parts[i] = _INLINE.sub(inline, _DISPLAY.sub(block, parts[i]))
            cell.source = "".join(parts)
        return nb, resources


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


def execute(nb, path: Path, timeout: int = 300):
    """Run ``nb`` (read from ``path``) in a fresh kernel in its own folder; return it."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(Path(path).parent)}},
                   **_kernels().client_options()).execute()  # IPC: no "over TCP" warning
    return nb


def _prepare(exporter):
    exporter.register_preprocessor(StaticWidgetsPreprocessor, enabled=True)
    exporter.register_preprocessor(MathMLPreprocessor, enabled=True)
    return exporter


def export_html(nb, title: str | None = None) -> str:
    """A stand-alone HTML page (``lab`` template, images inside, no CDN)."""
    from nbconvert import HTMLExporter

    exporter = _prepare(HTMLExporter(template_name="lab", embed_images=True,
                                     extra_loaders=[DictLoader({"crmlab_handout.html.j2":
                                                                _HANDOUT_TEMPLATE})],
                                     template_file="crmlab_handout.html.j2"))
    resources = {"metadata": {"name": title}} if title else None
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def _present():
    """``tools/present.py`` (the one-cell-per-slide rule), loaded by path."""
    import importlib.util

    name = "crmlab_tools_present"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "present.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def deck_cells(nb):
    """A copy of ``nb`` with one cell per slide (``-`` → ``subslide``, see above).

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(s) for s in "AB"])
    >>> nb.cells[1].metadata["slideshow"] = {"slide_type": "-"}
    >>> [c.metadata["slideshow"]["slide_type"] for c in deck_cells(nb).cells]
    ['slide', 'subslide']
    >>> nb.cells[1].metadata["slideshow"]["slide_type"]   # the notebook is left alone
    '-'
    """
    import copy

    return _present().one_cell_per_slide(copy.deepcopy(nb))


def export_deck(nb, title: str | None = None) -> str:
    """A reveal.js deck (one cell per slide, :func:`deck_cells`) that loads reveal.js
    from ``reveal.js/`` beside it."""
    from nbconvert import SlidesExporter

    nb = deck_cells(nb)

    exporter = _prepare(SlidesExporter(reveal_url_prefix=REVEAL_DIRNAME, reveal_theme="white",
                                       embed_images=True,
                                       extra_loaders=[DictLoader({"crmlab_reveal.html.j2":
                                                                  _DECK_TEMPLATE})],
                                       template_file="crmlab_reveal.html.j2"))
    resources = {"metadata": {"name": title}} if title else None
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def copy_reveal(out_dir: Path) -> Path:
    """Copy the vendored reveal.js to ``out_dir/reveal.js`` (its ``dist/`` layout)."""
    target = Path(out_dir) / REVEAL_DIRNAME
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REVEAL, target / "dist",
                    ignore=shutil.ignore_patterns("plugin", "README.md"))
    shutil.copytree(REVEAL / "plugin", target / "plugin")
    shutil.copy2(REVEAL / "LICENSE", target / "LICENSE")
    return target


def notebook_paths(args) -> list[Path]:
    if args:
        return [Path(a).resolve() for a in args]
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def deck_name(path: Path) -> str:
    """``notebooks/cases/vanke.ipynb`` → ``cases__vanke.slides.html``."""
    try:
        rel = Path(path).resolve().relative_to(NOTEBOOKS)
    except ValueError:
        rel = Path(Path(path).name)
    return "__".join(rel.with_suffix("").parts) + ".slides.html"


def build(paths, out_dir: Path, run: bool = True) -> list[tuple[Path, float]]:
    """Write one deck per notebook under ``out_dir``; return (deck, seconds) pairs."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_reveal(out_dir)
    decks = []
    for path in paths:
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        if run:
            execute(nb, path)
        target = out_dir / deck_name(path)
        target.write_text(export_deck(nb, title=Path(path).stem), encoding="utf-8")
        decks.append((target, time.perf_counter() - start))
    return decks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all under notebooks/)")
    parser.add_argument("--out", default=str(ROOT / "build" / "slides"), help="output folder")
    parser.add_argument("--no-execute", action="store_true",
                        help="export without running (no outputs, no charts)")
    args = parser.parse_args(argv)
    for deck, seconds in build(notebook_paths(args.notebooks), Path(args.out),
                               run=not args.no_execute):
        print(f"{seconds:5.1f} s  {deck.relative_to(Path.cwd()) if deck.is_relative_to(Path.cwd()) else deck}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
