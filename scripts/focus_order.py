"""Screenshots of the keyboard's focus order on Draw and Knobs: Tab through the page from its top, as a keyboard user
does, and draw each focused element's place in the order on the picture (a numbered box).

    python scripts/focus_order.py            # starts the app on a free port; writes docs/focus_order_draw.png, ...knobs.png
    python scripts/focus_order.py --url http://127.0.0.1:8501

It prints the order too (number, what it is, its name), so a jump back up the page is easy to see.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, canvas_of, draw_stroke, wait_until_drawn  # noqa: E402

DOCS = ROOT / "docs"
PAGES = {"draw": "/draw", "knobs": "/knobs"}
THREE = [(85, 60), (140, 35), (195, 70), (150, 130), (200, 180), (150, 240), (80, 215)]   # drawn first: Undo and Clear on
SIZE = {"width": 1400, "height": 1000}   # a laptop; then as tall as the page, so that nothing scrolls while tabbing
MOST = 150                               # Tab presses at most (a page has fewer stops)

# The focused element, through the live views' shadow roots: its box on the page and what a screen reader calls it.
FOCUSED_JS = """() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  const name = element.getAttribute('aria-label') || element.innerText || element.value || '';
  return { x: box.left + scrollX, y: box.top + scrollY, width: box.width, height: box.height,
           what: (element.getAttribute('role') || element.tagName).toLowerCase(), name: name.trim().split('\\n')[0].slice(0, 60),
           id: element.id || null };
}"""

# No focus anywhere (the innermost focused element too: one in a live view's shadow root).
BLUR_JS = """() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  if (element && element.blur) element.blur();
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
}"""
# Tab starts where focus last was: a mark at the very top of the page, focused (not a stop: tabindex -1), starts it there.
START_AT_TOP_JS = """() => {
  const mark = document.createElement('div');
  mark.id = 'focus-order-start';
  mark.tabIndex = -1;
  document.body.prepend(mark);
  mark.focus();
}"""

# Numbered boxes over the page, one per stop (page coordinates; drawn after the last Tab, then the screenshot).
OVERLAY_JS = """(stops) => {
  const layer = document.createElement('div');
  layer.id = 'focus-order-overlay';
  Object.assign(layer.style, { position: 'absolute', left: '0', top: '0', width: '0', height: '0', zIndex: '999999',
                               pointerEvents: 'none' });
  stops.forEach((stop, k) => {
    const box = document.createElement('div');
    Object.assign(box.style, { position: 'absolute', left: `${stop.x - 2}px`, top: `${stop.y - 2}px`,
      width: `${stop.width + 4}px`, height: `${stop.height + 4}px`, border: '2px solid #c026d3', boxSizing: 'border-box' });
    const tag = document.createElement('div');
    tag.textContent = String(k + 1);
    Object.assign(tag.style, { position: 'absolute', left: `${stop.x - 12}px`, top: `${stop.y - 12}px`, minWidth: '22px',
      height: '22px', padding: '0 4px', boxSizing: 'border-box', borderRadius: '11px', background: '#c026d3', color: '#fff',
      font: 'bold 13px/22px system-ui, sans-serif', textAlign: 'center' });
    layer.append(box, tag);
  });
  document.body.appendChild(layer);
}"""


def focus_order(page) -> list[dict]:
    """Tab from the top of the page until the focus leaves it or comes back to the first stop."""
    stops: list[dict] = []
    page.evaluate(BLUR_JS)
    page.evaluate(START_AT_TOP_JS)
    for _ in range(MOST):
        page.keyboard.press("Tab")
        page.evaluate("() => document.getElementById('focus-order-start')?.remove()")
        stop = page.evaluate(FOCUSED_JS)
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


# The height the page needs: Streamlit scrolls its main column and its sidebar inside the window.
PAGE_HEIGHT_JS = """() => Math.max(...[...document.querySelectorAll(
  "[data-testid='stMain'], [data-testid='stAppViewContainer'], [data-testid='stSidebarContent']")].map((e) => e.scrollHeight))"""


def shoot(page, url: str, name: str) -> list[dict]:
    page.set_viewport_size(SIZE)
    page.goto(url)
    wait_until_drawn(page)
    if name == "draw":
        draw_stroke(page, canvas_of(page), THREE)
        page.wait_for_function("() => window.nnDrawingPad.view.box.dataset.source === 'python'")
    for _ in range(5):   # taller until the page fits (a taller window can lay the page out taller)
        height = max(SIZE["height"], page.evaluate(PAGE_HEIGHT_JS) + 40)
        if height <= page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": SIZE["width"], "height": height})
        wait_until_drawn(page)
    stops = focus_order(page)
    page.evaluate(BLUR_JS)
    page.evaluate(OVERLAY_JS, stops)
    path = DOCS / f"focus_order_{name}.png"
    page.screenshot(path=str(path))   # the window is as tall as the page (a full-page shot would resize it)
    print(f"wrote {path.relative_to(ROOT)}: {len(stops)} stops")
    for k, stop in enumerate(stops, 1):
        print(f"  {k:3d}  {stop['what']:<12} {stop['name']!r}  at ({stop['x']:.0f}, {stop['y']:.0f})")
    return stops


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app (default: start one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        server = None if args.url else AppServer(Path(logs))
        url = args.url or server.url
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport=SIZE).new_page()
            page.set_default_timeout(30_000)
            for name, path in PAGES.items():
                shoot(page, url.rstrip("/") + path, name)
            browser.close()
        finally:
            if server:
                server.stop()


if __name__ == "__main__":
    main()
