"""Real-browser tests: JupyterLab from the venv, driven by headless Chromium.

They run only when asked for by path (``make test-browser``, i.e.
``pytest tests/browser``); the default ``pytest`` run skips this folder.

Needs Debian's Chromium at ``/usr/bin/chromium`` (or ``$CRMLAB_CHROMIUM``) and
the ``playwright`` Python package; Playwright's own browser download is never
used.  Every request that leaves 127.0.0.1 / file:// is aborted, so a page
that needs the network fails here.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SHOTS = ROOT / "build" / "browser"
CHROMIUM = os.environ.get("CRMLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}   # a laptop screen
LOCAL = ("http://127.0.0.1", "file:", "data:", "blob:", "ws://127.0.0.1", "about:")


def _asked_for(config) -> bool:
    """Is this folder (or a file in it) named on the command line?"""
    for arg in config.args:
        target = Path(arg.split("::")[0]).resolve()
        if target == HERE or HERE in target.parents:
            return True
    return False


def pytest_ignore_collect(collection_path, config):
    """Collect this folder only when it (or a file in it) is named on the command line."""
    return None if _asked_for(config) else True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings: Path) -> None:
    """Lab settings for the test: never save (the notebooks stay without outputs), no news."""
    files = {
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false", "checkForUpdates": False},
    }
    for name, content in files.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content), encoding="utf-8")


@pytest.fixture(scope="session")
def lab_url():
    """JupyterLab on 127.0.0.1:<free port>, no token, repository as root; stopped at the end."""
    tmp = Path(tempfile.mkdtemp(prefix="crmlab-lab-"))
    _write_settings(tmp / "settings")
    # CRMLAB_LAB_PORT=8890 pins the port (a shared machine with agreed ports).
    # Under pytest-xdist each worker has its own server: gw1 takes the pinned port + 1.
    pinned = int(os.environ.get("CRMLAB_LAB_PORT") or 0)
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)
    port = pinned + worker if pinned else _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    cmd = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", "--ServerApp.token=", "--ServerApp.password=",
           "--allow-root", "--no-browser", f"--ServerApp.root_dir={ROOT}",
           "--LabApp.expose_app_in_browser=True",
           f"--LabApp.user_settings_dir={tmp / 'settings'}",
           f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.news_url=None"]
    log = open(tmp / "lab.log", "wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail("JupyterLab exited:\n" + (tmp / "lab.log").read_text(errors="replace"))
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("JupyterLab did not answer within 90 s:\n"
                            + (tmp / "lab.log").read_text(errors="replace"))
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()          # this server's own process id
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser_context():
    """Headless Debian Chromium in a fresh profile; every non-local request is aborted."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `apt-get install -y chromium` (make test-browser does)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="crmlab-chromium-")
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT, locale="zh-CN")
        context.route("**/*", route)
        context.blocked = blocked
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


TIMES: dict[str, float] = {}


class _Times:
    """``browser_times[name] = seconds``: kept with the test's report, so that the
    controller prints every worker's times under pytest-xdist."""

    def __init__(self, node):
        self.node = node

    def __setitem__(self, name: str, seconds: float) -> None:
        TIMES[name] = seconds
        self.node.user_properties.append(("browser_seconds", (name, seconds)))


@pytest.fixture
def browser_times(request) -> _Times:
    """Seconds per notebook (Run All in JupyterLab) and for building the decks."""
    return _Times(request.node)


def pytest_runtest_logreport(report):
    if report.when == "call":
        for key, value in report.user_properties:
            if key == "browser_seconds":
                TIMES[value[0]] = value[1]


def pytest_terminal_summary(terminalreporter):
    if TIMES and not os.environ.get("PYTEST_XDIST_WORKER"):
        terminalreporter.section("browser run times")
        for name, seconds in sorted(TIMES.items()):
            terminalreporter.write_line(f"{seconds:6.1f} s  {name}")


MEASUREMENTS = ("panel_boxes.json", "slide_fit.json")


def pytest_configure(config):
    """A run starts its measurement files afresh (in the controller, before any worker)."""
    if _asked_for(config) and not os.environ.get("PYTEST_XDIST_WORKER"):
        for name in MEASUREMENTS:
            (SHOTS / name).unlink(missing_ok=True)


def record_json(name: str, key: str, value) -> None:
    """Add ``key: value`` to ``build/browser/<name>`` (a JSON object of measurements).

    Read, updated and written under a file lock: under pytest-xdist several workers
    add their measurements to the same file."""
    import fcntl

    assert name in MEASUREMENTS, name
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / name
    with open(SHOTS / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
        data[key] = value
        target.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="session")
def slide_decks(once_per_run):
    """Every notebook's offline deck (``tools/slides.py``), built once per run (also under
    pytest-xdist): ({deck file name: path}, seconds it took)."""
    import importlib.util

    def build(folder: Path) -> dict:
        spec = importlib.util.spec_from_file_location("crmlab_slides_tool_conftest",
                                                      ROOT / "tools" / "slides.py")
        tool = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = tool
        spec.loader.exec_module(tool)
        notebooks = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                           if ".ipynb_checkpoints" not in p.parts)
        start = time.perf_counter()
        built = tool.build(notebooks, folder, run=True)
        return {"decks": {deck.name: str(deck) for deck, _ in built},
                "seconds": time.perf_counter() - start}

    done = once_per_run("slide-decks", build)
    return {name: Path(path) for name, path in done["decks"].items()}, done["seconds"]


# --- moving a what-if panel's sliders (both browser test files) --------------------------

def drag_slider(page, slider, scroll: bool = True) -> None:
    """Drag a slider's handle a third of its track (right, or left from the upper half).

    ``scroll=False`` on a live slide: the deck shows the cell, and scrolling it into
    view would move the slide."""
    handle = slider.locator(".noUi-handle").first
    if scroll:
        handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    track = slider.locator(".noUi-target").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    step = 0.35 * track["width"]
    target = x + step if x < track["x"] + track["width"] / 2 else x - step
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(target, y, steps=8)
    page.mouse.up()


def move_a_slider(page, container, scroll: bool = True) -> str:
    """Drag the panel's visible sliders one by one until its results table changes, and
    check the chart image changes with it; return the slider's label ('' if none
    changed the table)."""
    sliders = container.locator(".widget-slider")
    image = container.locator("img.widget-image").first
    # A panel without a plot function has an empty image that never changes.
    drawn = image.count() and image.evaluate("el => el.naturalWidth > 0")
    before_png = image.get_attribute("src") if drawn else None
    for k in range(sliders.count()):
        slider = sliders.nth(k)
        if not slider.is_visible():
            continue
        before = container.locator(".crmlab-results").first.text_content()
        drag_slider(page, slider, scroll)
        try:
            # The HTML widget replaces the table on each update: look it up afresh.
            page.wait_for_function(
                "([el, old]) => { const t = el.querySelector('.crmlab-results');"
                " return t !== null && t.textContent !== old; }",
                arg=[container.element_handle(), before], timeout=15_000)
        except Exception:
            continue
        if before_png is not None:  # the chart is redrawn with the same update
            page.wait_for_function(
                "([el, old]) => { const i = el.querySelector('img.widget-image');"
                " return i !== null && i.getAttribute('src') !== old; }",
                arg=[container.element_handle(), before_png], timeout=15_000)
        return slider.locator(".widget-label").first.text_content() or f"slider {k + 1}"
    return ""
