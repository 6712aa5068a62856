"""Driving the app in real Chromium: a server on a free port, strokes on the canvas, node positions.

Shared by the browser tests (tests/browser) and the timing script (scripts/browser_timing.py).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
ERROR_SELECTOR = "[data-testid='stException'], [data-testid='stAlertContentError']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` (or ``script`` of another checkout ``root``) on a free port of 127.0.0.1, stopped by
    its PID; ``env`` adds to the environment it inherits."""

    def __init__(self, log_dir: Path, extra: tuple[str, ...] = (), root: Path = ROOT, script: str = "app.py",
                 env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"streamlit-{self.port}.log"
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(Path(root) / script), "--server.headless", "true",
                 "--server.address", "127.0.0.1", "--server.port", str(self.port),
                 "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra],
                cwd=root, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
            )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise TimeoutError(f"streamlit not healthy after {timeout}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def draw_stroke(page, canvas, points) -> None:
    """Press, move through ``points`` (pad pixels: the pad is 280x280 on screen) in small steps, release."""
    box = canvas.bounding_box()
    (x, y), rest = points[0], points[1:]
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.down()
    for nx, ny in rest:
        page.mouse.move(box["x"] + nx, box["y"] + ny, steps=10)
    page.mouse.up()


def canvas_of(page):
    """The Draw page's drawing pad (ui/live/drawing_pad.js), once it is on the page."""
    canvas = page.locator("canvas.pad").first
    canvas.wait_for()
    return canvas


def wait_until_idle(page, timeout: float = 20_000) -> None:
    """Wait until the app's script has finished its run (the frontend marks it on the stApp root).

    A test that acts as soon as a widget appears can race the page's first run (seen once in
    CI: a layer chosen while /inside was still loading left the neuron box disabled); a
    person sees the page finish loading first, and so does the test.
    """
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'",
        timeout=timeout)


# The page is drawn: fonts and images loaded, every plotly chart rendered, every live view's frame painted,
# and the main column no longer moving (a sidebar folding, a chart growing) for a few animation frames.
DRAWN_JS = """async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  await document.fonts.ready;
  const box = () => JSON.stringify(document.querySelector("[data-testid='stMain']")?.getBoundingClientRect());
  for (let still = 0, last = box(), tries = 0; still < 3 && tries < 600; tries++) {
    await frame();
    const now = box();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  const images = [...document.images].every((i) => i.complete);
  const charts = [...document.querySelectorAll('.js-plotly-plot')].every((g) => g._fullLayout && g.querySelector('.main-svg'));
  const views = !window.__nnLiveView || (window.__nnLiveView.stats.frames > 0 && !window.__nnLiveView.frame);
  return images && charts && views;
}"""


def next_frames(page, count: int = 2) -> None:
    """Let the page draw ``count`` animation frames (what it scheduled for the next frame has run)."""
    page.evaluate("(n) => new Promise((done) => { const go = (k) => k ? requestAnimationFrame(() => go(k - 1)) : done(); "
                  "go(n); })", count)


def wait_until_drawn(page, timeout: float = 30_000) -> None:
    """Wait for the app's run to end and for what it drew to be on screen, at rest (no fixed sleep)."""
    wait_until_idle(page, timeout)
    page.wait_for_function(DRAWN_JS, timeout=timeout)
    wait_until_idle(page, timeout)


def assert_no_errors(page) -> None:
    errors = page.locator(ERROR_SELECTOR)
    assert errors.count() == 0, errors.first.inner_text()


# What the network figure shows on screen: the fill and outline of every neuron's SVG marker.
def choose(page, box_label: str, option: str, tries: int = 4) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``box_label``, with the keyboard.

    As a person does, it waits for the page to finish its run first: a box whose options
    depend on another box (the Inside page's Neuron on its Layer) is opened only once the
    run that changed them has ended. If a late run still closes the list under it (seen
    once in CI, under load), it opens the box again.
    """
    for attempt in range(tries):
        wait_until_idle(page)
        box = page.get_by_role("combobox", name=box_label)
        box.click()
        box.press("ArrowDown")
        wanted = page.get_by_role("option", name=option, exact=True)
        try:
            wanted.wait_for(timeout=10_000)
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            continue
        wanted.click()
        return


def metric_value(page, label: str) -> str:
    """The shown value of the st.metric labelled ``label``."""
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return metric.locator("[data-testid='stMetricValue']").inner_text()


# Number of points in the loss chart's smoothed training-cost trace, and its first and last values.
LOSS_CURVE_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
      g => g._fullData && g._fullData.some(t => t.name === 'training cost (smoothed)'));
  if (!gd) return null;
  const t = gd._fullData.find(t => t.name === 'training cost (smoothed)');
  return {n: t.y.length, first: t.y[0], last: t.y[t.y.length - 1]};
}"""


def start_training(page, url: str, speed: str, epochs: int = 200) -> None:
    """Build the classic network with many epochs (so it keeps going), choose the speed, start."""
    page.goto(url + "/train")
    wait_until_idle(page)
    page.get_by_text("Data, network and recipe").click()  # open the recipe
    epochs_box = page.get_by_role("spinbutton", name="Epochs")
    epochs_box.fill(str(epochs))
    epochs_box.press("Enter")
    page.get_by_role("button", name="Build this network").click()
    wait_until_idle(page)
    page.get_by_role("radiogroup", name="Speed").get_by_text(speed, exact=True).click()
    wait_until_idle(page)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.n > 2; }}")


# Does the element come before the focused one on the page? (Through the live views' shadow roots: their hosts.)
BEFORE_FOCUS_JS = """(element) => {
  const host = (node) => {
    while (node && node.getRootNode() instanceof ShadowRoot) node = node.getRootNode().host;
    return node;
  };
  const focused = document.activeElement;
  if (!focused || focused === document.body) return false;
  return Boolean(host(element).compareDocumentPosition(host(focused)) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def tab_to(page, target, limit: int = 120) -> None:
    """Move the keyboard's focus to ``target`` (a locator) with Tab alone, as a keyboard user does: Tab if it comes
    after the focus on the page, Shift+Tab if before (and the other way if it is not met). No mouse, no focus().

    The element is found once (finding it by its role and name each time is slow) and again only if a run of the page
    replaced it."""
    target.wait_for()
    element = target.element_handle()
    focused = "(element) => element.isConnected ? element.matches(':focus') : null"
    keys = ("Shift+Tab", "Tab") if element.evaluate(BEFORE_FOCUS_JS) else ("Tab", "Shift+Tab")
    for key in keys:
        for _ in range(limit):
            now = element.evaluate(focused)
            if now is None:
                element = target.element_handle()
                now = element.evaluate(focused)
            if now:
                return
            page.keyboard.press(key)
    assert target.evaluate("(element) => element.matches(':focus')"), f"Tab never reached {target}"
