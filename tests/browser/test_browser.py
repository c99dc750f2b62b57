"""The workbook in a real browser: every notebook runs in JupyterLab without an
error, every what-if panel fits a laptop screen (1366×768: its controls, key
results and chart visible together once its top is scrolled into view) and
answers a dragged slider, and the slide decks work with the network off.
Screenshots at laptop size go to ``build/browser/``; the panels' measured boxes
to ``build/browser/panel_boxes.json``."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pytest

from .conftest import move_a_slider, record_json

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "browser"
VIEWPORT = {"width": 1366, "height": 768}   # the same as the context's (conftest.py)

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
RUN_TIMEOUT_S = 180


def _name(path: Path) -> str:
    return "__".join(path.relative_to(ROOT / "notebooks").with_suffix("").parts)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# JavaScript run in the page through the app object (``expose_app_in_browser``).
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
_KERNEL_STATE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.sessionContext || !w.sessionContext.session) return 'none';
  const k = w.sessionContext.session.kernel;
  return k ? k.status : 'none';
}"""
# ``notebook:run-all-cells`` resolves when every cell has run (or one failed).
_RUN_ALL = """async (ms) => {
  const run = window.jupyterapp.commands.execute('notebook:run-all-cells');
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
  return await Promise.race([run, late]);
}"""
_ERRORS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const found = [];
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    if (c.model.sharedModel.getSource().trim() && c.model.executionCount === null)
      found.push(`cell ${i} did not run`);
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') found.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      const text = Array.isArray(o.text) ? o.text.join('') : String(o.text || '');
      if (o.output_type === 'stream' && o.name === 'stderr' && /Traceback|Error/.test(text))
        found.push(`cell ${i} stderr: ${text.slice(0, 300)}`);
    }
  });
  return found;
}"""


def _open_and_run(page, lab_url: str, rel: str) -> float:
    # A workspace of its own, reset: only this notebook is open.
    page.goto(f"{lab_url}/lab/workspaces/test-{abs(hash(rel))}/tree/{rel}?reset")
    page.wait_for_selector(f"{_PANEL} .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(f"({_KERNEL_STATE})() === 'idle'", timeout=60_000)
    start = time.perf_counter()
    page.evaluate(_RUN_ALL, RUN_TIMEOUT_S * 1000)
    page.wait_for_function(f"({_KERNEL_STATE})() === 'idle'", timeout=60_000)
    return time.perf_counter() - start


def _shutdown_kernel(page) -> None:
    page.evaluate("""async () => {
      const w = window.jupyterapp.shell.currentWidget;
      if (w && w.sessionContext) await w.sessionContext.shutdown();
    }""")


# Scroll a panel's top to the top of the notebook's scroll area, then measure the
# panel, its parts and the visible part of the notebook (CSS pixels).
_MEASURE = """(out) => {
  const panel = out.querySelector('.crmlab-panel') || out;
  const scroller = out.closest('.jp-WindowedPanel-outer') || out.closest('.jp-Notebook');
  panel.scrollIntoView({block: 'start'});
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; };
  const view = box(scroller);
  const parts = {
    controls: [...panel.querySelectorAll('.widget-slider, .widget-dropdown')].map(box),
    results: box(panel.querySelector('.crmlab-results')),
    chart: box(panel.querySelector('img.widget-image')),
  };
  return {panel: box(panel), view: view,
          window: {width: window.innerWidth, height: window.innerHeight}, parts: parts};
}"""


def _fit(page, output) -> dict:
    """The panel's box after scrolling its top into view, and what does not fit."""
    image = output.locator("img.widget-image").first
    if image.count():
        page.wait_for_function("(i) => i.complete", arg=image.element_handle(), timeout=15_000)
    page.wait_for_timeout(200)
    m = output.evaluate(_MEASURE)
    page.wait_for_timeout(200)
    m = output.evaluate(_MEASURE)      # again, once the scroll has settled
    view, panel = m["view"], m["panel"]
    top = max(view["top"], 0)
    bottom = min(view["bottom"], m["window"]["height"])
    outside = []
    boxes = [("panel", panel), ("results", m["parts"]["results"]),
             ("chart", m["parts"]["chart"])]
    boxes += [(f"control {k + 1}", b) for k, b in enumerate(m["parts"]["controls"])]
    for what, b in boxes:
        if b is None or b["height"] == 0:
            continue
        if b["top"] < top - 1 or b["bottom"] > bottom + 1 or b["right"] > m["window"]["width"] + 1:
            outside.append(f"{what} spans {b['top']:.0f}–{b['bottom']:.0f} px")
    return {"height": round(panel["height"]), "visible_height": round(bottom - top),
            "overflow": round(max(0.0, panel["bottom"] - bottom)), "outside": outside}


def _open_more_results(output) -> None:
    """A panel with detail rows shows them one click away, under 更多结果."""
    header = output.locator(".crmlab-panel .jupyter-widget-Collapse-header:visible, "
                            ".crmlab-panel .widget-collapse-header:visible, "
                            ".crmlab-panel .lm-AccordionPanel-title:visible, "
                            ".crmlab-panel .p-Collapse-header:visible")
    detail = output.locator(".crmlab-results-detail")
    if not detail.count() or not detail.text_content().strip():
        return            # no detail rows: the section is hidden
    assert header.count(), "a panel with detail rows shows a 更多结果 header"
    assert "更多结果" in header.first.text_content()
    assert not detail.is_visible(), "detail rows start collapsed"
    header.first.click()
    detail.wait_for(state="visible", timeout=10_000)
    assert detail.text_content().strip()
    header.first.click()          # closed again, as the reader found it
    detail.wait_for(state="hidden", timeout=10_000)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebook_in_jupyterlab(path, lab_url, browser_context, browser_times):
    before = _digest(path)
    rel = path.relative_to(ROOT).as_posix()
    page = browser_context.new_page()
    console_errors = []
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    try:
        seconds = _open_and_run(page, lab_url, rel)
        browser_times[rel] = seconds

        errors = page.evaluate(_ERRORS)
        assert not errors, f"error output in {rel}: {errors}"
        rendered = page.locator(f"{_PANEL} .jp-OutputArea-output[data-mime-type*='error'], "
                                f"{_PANEL} .jp-OutputArea-output"
                                "[data-mime-type='application/vnd.jupyter.stderr']")
        texts = [t for t in rendered.all_inner_texts() if "Traceback" in t or "Error" in t]
        assert not texts, f"error shown in {rel}: {texts[:2]}"
        assert not page.locator(".jp-OutputArea-output:has-text('Loading widget')").count()

        # Live panels: outputs with the results table inside a widget (not a static snapshot).
        outputs = page.locator(f"{_PANEL} .jp-OutputArea-output:has(.jupyter-widgets .crmlab-results)")
        sources = path.read_text(encoding="utf-8")
        if "_panel(" in sources or "WhatIfPanel" in sources:
            # widget views render after the kernel is idle: wait for the first one
            # (a fresh-clone CI run once counted before it appeared)
            try:
                outputs.first.wait_for(state="attached", timeout=30_000)
            except Exception:
                pass  # the assertion below reports it
            assert outputs.count() >= 1, "the notebook builds a what-if panel: it must show"
        misfits = []
        for i in range(outputs.count()):
            output = outputs.nth(i)
            output.scroll_into_view_if_needed()
            table = output.locator(".crmlab-results")
            table.wait_for(state="visible")
            assert table.text_content().strip(), "a panel shows a result before anyone touches it"
            fit = _fit(page, output)
            record_json("panel_boxes.json", f"{rel} panel {i + 1}", fit)
            page.screenshot(path=str(SHOTS / f"{_name(path)}-panel{i + 1}-fit.png"))
            if fit["outside"]:
                misfits.append(
                    f"panel {i + 1} does not fit a {VIEWPORT['width']}×{VIEWPORT['height']} screen: "
                    f"it is {fit['height']} px high, {fit['visible_height']} px of the notebook are "
                    f"visible ({fit['overflow']} px too many); {fit['outside']}")
            _open_more_results(output)
            if not output.locator(".widget-slider").count():
                continue  # drop-downs only
            moved = move_a_slider(page, output)
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"{_name(path)}-panel{i + 1}.png"))
            assert moved, f"panel {i + 1}: no slider changed the results table"
        assert not misfits, misfits

        _full_page_screenshot(page, SHOTS / f"{_name(path)}-full.png")
        assert not console_errors, f"JavaScript errors: {console_errors[:3]}"
        assert not browser_context.blocked, f"requests left the machine: {browser_context.blocked}"
    finally:
        _shutdown_kernel(page)
        page.close()
    assert _digest(path) == before, f"{rel} was modified by the browser run (autosave?)"


def _full_page_screenshot(page, target: Path) -> None:
    """The whole notebook at laptop width: grow the window to the notebook's height."""
    height = page.evaluate("""() => {
      const s = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
             || document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
      return s ? s.scrollHeight : 0;
    }""")
    page.set_viewport_size({"width": VIEWPORT["width"],
                            "height": max(VIEWPORT["height"], min(int(height) + 200, 16000))})
    page.evaluate("""() => {
      const s = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
      if (s) s.scrollTop = 0;
    }""")
    page.wait_for_timeout(800)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(VIEWPORT)


@pytest.fixture(scope="module")
def decks(slide_decks):
    """The offline decks, built once per run for this file and test_slides.py alike
    (``slide_decks`` in conftest.py)."""
    return slide_decks


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_slides_work_offline(path, decks, browser_context, browser_times):
    built, seconds = decks
    browser_times["slides build (all notebooks, shared)"] = seconds
    deck = built[_name(path) + ".slides.html"]
    html = deck.read_text(encoding="utf-8")
    remote = re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=[\"']?(?:https?:)?//[^\"' >]+",
                        html)
    assert not remote, f"a deck loads nothing from the network: {remote}"
    page = browser_context.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        total = page.evaluate("() => Reveal.getTotalSlides()")
        assert total >= 2
        page.screenshot(path=str(SHOTS / f"slides-{_name(path)}-1.png"))
        # The slide with the first what-if panel (its static snapshot), else the second.
        index = page.evaluate("""() => {
          const s = document.querySelector('.crmlab-static-panel');
          const sec = s ? s.closest('section') : null;
          return sec ? Reveal.getIndices(sec) : {h: 1, v: 0};
        }""")
        page.evaluate("(i) => Reveal.slide(i.h, i.v || 0)", index)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(SHOTS / f"slides-{_name(path)}-panel.png"))
        assert page.evaluate("() => document.querySelectorAll('img').length") >= 1
        assert not failed, f"failed requests: {failed}"
    finally:
        page.close()
