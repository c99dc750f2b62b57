"""Slides in a real browser (issue 20 §1, §2).

* **Live slides** (``make present``): every notebook under ``notebooks/`` (cases
  included, found by globbing) is opened in JupyterLab as its presentation copy
  (``tools/present.py``), run, and turned into slides by jupyterlab-slideshow.
  On the slide of its first what-if panel the panel must be visible, a dragged
  slider must change the results table and the chart image: the kernel
  recomputes while presenting.
* **Every slide fits**: at 1366×768 and at 1920×1080, every slide of every live
  deck and of every offline deck (``make slides``) is shown and its content box
  measured against the screen; a slide that does not fit fails the test with
  deck, slide number, cell id, first line and overflow in px.  Both kinds of
  deck hold one cell per slide (``-`` cells become sub-slides, see
  ``tools/present.py``), so a slide that does not fit is a cell too big alone.

Measurements go to ``build/browser/slide_fit.json``, screenshots of the panel
slides to ``build/browser/live-*.png``.
"""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

from .conftest import move_a_slider, record_json

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "browser"
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
SIZES = [(1366, 768), (1920, 1080)]     # a laptop, a classroom projector / full-HD screen
LAPTOP = {"width": 1366, "height": 768}
TOLERANCE_PX = 3                        # sub-pixel rounding of scaled layouts
RUN_TIMEOUT_S = 180


def _name(path: Path) -> str:
    return "__".join(path.relative_to(ROOT / "notebooks").with_suffix("").parts)


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(f"crmlab_{name}_tool", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _record(key: str, value: dict) -> None:
    record_json("slide_fit.json", key, value)


def _misfits(deck: str, measured: list[dict], size: tuple[int, int]) -> list[str]:
    return [f"{deck} slide {m['slide']} (cell {m.get('id') or '?'}, {m['title']!r}) "
            f"at {size[0]}×{size[1]}: "
            f"{m['over_y']} px too high, {m['over_x']} px too wide"
            + (f" (cell {m['split_at']} ends below the screen)" if m.get("split_at") else "")
            for m in measured if m["over_y"] > TOLERANCE_PX or m["over_x"] > TOLERANCE_PX]


# --- live slides (JupyterLab + jupyterlab-slideshow) ------------------------------------

_NB = "window.jupyterapp.shell.currentWidget"
_READY = f"""() => {{
  const w = {_NB};
  if (!w || !w.sessionContext || !w.sessionContext.session) return false;
  const k = w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}}"""
_RUN_ALL = """async (ms) => {
  const run = window.jupyterapp.commands.execute('notebook:run-all-cells');
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
  return await Promise.race([run, late]);
}"""
_ALL_RAN = f"""() => {{
  const w = {_NB};
  return w.sessionContext.session.kernel.status === 'idle' && w.content.widgets.every(
    c => c.model.type !== 'code' || !c.model.sharedModel.getSource().trim()
         || c.model.executionCount !== null);
}}"""
# The slides of the deck: for each slide or subslide, the last cell shown on it
# (so its fragments are all in), following the slide types of the copy.
_SLIDES = f"""() => {{
  const cells = {_NB}.content.widgets;
  const slides = [];
  cells.forEach((c, i) => {{
    const show = c.model.getMetadata('slideshow') || {{}};
    const t = show.slide_type || null;
    if (t === 'skip' || t === 'notes') return;
    if (i === 0 || t === 'slide' || t === 'subslide' || !slides.length) slides.push({{first: i, last: i}});
    else slides[slides.length - 1].last = i;
  }});
  return slides;
}}"""
# Show each slide in turn and measure what is on it against the window.
_MEASURE_LIVE = f"""async (slides) => {{
  const nb = {_NB}.content;
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const out = [];
  for (let k = 0; k < slides.length; k++) {{
    nb.activeCellIndex = slides[k].last;
    await frame();
    const shown = nb.widgets.filter(c => c.node.classList.contains('jp-deck-mod-visible'));
    let top = Infinity, bottom = -Infinity, right = -Infinity, wide = 0;
    const boxes = [];
    for (const c of shown) {{
      const r = c.node.getBoundingClientRect();
      if (!r.height) continue;
      boxes.push([nb.widgets.indexOf(c), r.top, r.bottom]);
      top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom); right = Math.max(right, r.right);
      for (const o of c.node.querySelectorAll('.jp-OutputArea-output, .jp-RenderedHTMLCommon, img'))
        wide = Math.max(wide, o.scrollWidth - o.clientWidth);
    }}
    const height = window.innerHeight;   // the deck fills the window (lab chrome hidden)
    const first = nb.widgets[slides[k].first].model.sharedModel.getSource().split('\\n')[0];
    // where a split would help: the first cell that ends below the window
    const past = boxes.find(b => b[2] - top > height);
    const split = past && past[0] > slides[k].first ? past[0] : null;
    out.push({{slide: k + 1, cell: slides[k].first, id: nb.widgets[slides[k].first].model.id,
      split_at: split, title: first.slice(0, 60),
      cells: shown.length, content: Math.round(bottom - top), view: Math.round(height),
      over_y: shown.length ? Math.max(0, Math.round(bottom - top - height)) : 0,
      over_x: shown.length ? Math.max(0, Math.round(right - window.innerWidth), Math.round(wide)) : 0}});
  }}
  return out;
}}"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_live_slides(path, lab_url, browser_context, browser_times):
    copy = _tool("present").write_copy(path)
    rel = copy.relative_to(ROOT).as_posix()
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{exc.message} at {(exc.stack or '')[:400]}"))
    start = time.perf_counter()
    try:
        page.set_viewport_size(LAPTOP)
        page.goto(f"{lab_url}/lab/workspaces/present-{abs(hash(rel))}/tree/{rel}?reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_function(_READY, timeout=60_000)
        page.evaluate(_RUN_ALL, RUN_TIMEOUT_S * 1000)
        page.wait_for_function(_ALL_RAN, timeout=RUN_TIMEOUT_S * 1000)
        page.evaluate(f"() => {{ {_NB}.content.activeCellIndex = 0; }}")
        page.evaluate("() => window.jupyterapp.commands.execute('deck:start')")
        page.wait_for_selector("body[data-jp-deck-mode='presenting']", state="attached", timeout=15_000)
        page.wait_for_function(  # every chart drawn before anything is measured
            "() => [...document.querySelectorAll('.jp-Notebook img')].every(i => i.complete)",
            timeout=30_000)
        slides = page.evaluate(_SLIDES)
        assert len(slides) >= 2, f"{rel}: a deck of {len(slides)} slide(s)"

        # §1: the first what-if panel is live on its slide.
        panel = page.evaluate(f"""() => {{
          const i = {_NB}.content.widgets.findIndex(c => c.node.querySelector('.crmlab-results'));
          if (i >= 0) {_NB}.content.activeCellIndex = i;
          return i; }}""")
        source = path.read_text(encoding="utf-8")
        if "_panel(" in source or "WhatIfPanel" in source:
            assert panel >= 0, f"{rel}: the notebook builds a what-if panel: it must show"
            cell = page.locator(f".jp-Notebook .jp-Cell >> nth={panel}")
            results = cell.locator(".crmlab-results").first
            results.wait_for(state="visible", timeout=15_000)
            assert results.text_content().strip(), "the panel shows a result on its slide"
            assert cell.locator(".widget-slider").first.is_visible(), "its sliders are on the slide"
            page.screenshot(path=str(SHOTS / f"live-{_name(path)}-panel.png"))
            moved = move_a_slider(page, cell, scroll=False)
            assert moved, f"{rel}: no slider on the live slide changed the results table"
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"live-{_name(path)}-panel-moved.png"))

        # §2: every slide fits, at both sizes.
        misfits = []
        for size in SIZES:
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.wait_for_timeout(300)
            measured = page.evaluate(_MEASURE_LIVE, slides)
            _record(f"live {_name(path)} {size[0]}x{size[1]}", {"slides": measured})
            misfits += _misfits(f"live {_name(path)}", measured, size)
        browser_times[f"live slides {_name(path)}"] = time.perf_counter() - start
        assert not misfits, "live slides that do not fit the screen:\n" + "\n".join(misfits)
        assert not errors, f"JavaScript errors: {errors[:3]}"
        assert not browser_context.blocked, f"requests left the machine: {browser_context.blocked}"
    finally:
        # deck:stop before leaving: jupyterlab-slideshow keeps "active" in the (shared) user
        # settings, and the next page would otherwise start presenting while its notebook
        # is still loading (JupyterLab then throws "reading 'observe'" from a detached cell).
        page.evaluate("""async () => {
          const app = window.jupyterapp;
          if (app && app.commands.hasCommand('deck:stop')) await app.commands.execute('deck:stop');
          const w = app && app.shell.currentWidget;
          if (w && w.sessionContext) await w.sessionContext.shutdown(); }""")
        page.close()


# --- offline decks (make slides) ----------------------------------------------------------

# Show each slide of a reveal.js deck in turn; measure its content against the screen.
_MEASURE_DECK = """async () => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const out = [];
  const slides = Reveal.getSlides();
  for (let k = 0; k < slides.length; k++) {
    const s = slides[k];
    const i = Reveal.getIndices(s);
    Reveal.slide(i.h, i.v || 0);
    await frame();
    const scale = Reveal.getScale();
    const r = s.getBoundingClientRect();
    // the slide's own box on screen (reveal scales it to the window), and its cells' boxes
    const bottom = Math.min(r.bottom, window.innerHeight), right = Math.min(r.right, window.innerWidth);
    let low = r.top, far = r.left, wide = 0;
    for (const c of s.children) {
      if (c.matches('aside, .notes')) continue;
      const b = c.getBoundingClientRect();
      if (!b.height) continue;
      low = Math.max(low, b.bottom); far = Math.max(far, b.right);
      const z = parseFloat(s.dataset.crmlabZoom || '1');   // tools/slides.py's fit
      for (const o of c.querySelectorAll('.jp-OutputArea-output, .jp-RenderedHTMLCommon, pre, table'))
        wide = Math.max(wide, (o.scrollWidth - o.clientWidth) * z * scale);
    }
    const over_y = Math.max(low - bottom, -r.top);
    const over_x = Math.max(far - right, wide, -r.left);
    const head = s.querySelector('h1, h2, h3, h4, p, pre');
    const cell = s.querySelector('.jp-Cell[id^="cell-id="]');   // nbconvert's cell anchor
    out.push({slide: k + 1, id: cell ? cell.id.slice('cell-id='.length) : '',
      title: head ? head.textContent.trim().slice(0, 60) : '',
      scale: Math.round(scale * 1000) / 1000, zoom: s.dataset.crmlabZoom || '1',
      content: Math.round(low - r.top), view: Math.round(bottom - r.top),
      over_y: Math.max(0, Math.round(over_y)), over_x: Math.max(0, Math.round(over_x))});
  }
  return out;
}"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_offline_slides_fit(path, slide_decks, browser_context, browser_times):
    built, seconds = slide_decks
    browser_times["slides build (all notebooks, shared)"] = seconds
    deck = built[_name(path) + ".slides.html"]
    page = browser_context.new_page()
    try:
        misfits = []
        for size in SIZES:
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.goto(deck.as_uri())
            page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
            page.wait_for_function("() => [...document.images].every(i => i.complete)",
                                   timeout=15_000)
            measured = page.evaluate(_MEASURE_DECK)
            assert len(measured) >= 2
            _record(f"deck {deck.name} {size[0]}x{size[1]}", {"slides": measured})
            misfits += _misfits(f"deck {deck.name}", measured, size)
        assert not misfits, "offline slides that do not fit the screen:\n" + "\n".join(misfits)
    finally:
        page.close()
