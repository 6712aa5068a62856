"""Take the screenshots shown in the README (docs/*.png) from the real app in headless Chromium.

    python scripts/screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    canvas_of,
    draw_stroke,
)

DOCS = ROOT / "docs"
LIVE = "window.__nnLiveView"
# where neuron [layer, j] of the live view sits on the screen
LIVE_NODE_JS = f"""([layer, j]) => {{ const v = {LIVE}, spot = v.layout.layers[layer - 1], r = v.canvas.getBoundingClientRect();
  return {{x: r.left + v.geometry.px(spot.x[j]), y: r.top + v.geometry.py(spot.y[j])}}; }}"""
THREE = [(85, 60), (140, 35), (195, 70), (150, 130), (200, 180), (150, 240), (80, 215)]


def shoot(page, name: str, height: int | None = None) -> None:
    page.wait_for_timeout(800)
    if height:
        page.set_viewport_size({"width": 1300, "height": height})
        page.wait_for_timeout(500)
    page.screenshot(path=str(DOCS / f"{name}.png"))
    print(f"wrote docs/{name}.png")


def main() -> None:
    from playwright.sync_api import sync_playwright

    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        server = AppServer(Path(logs))
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1300, "height": 950}).new_page()
            page.set_default_timeout(20_000)
            page.goto(server.url)
            page.wait_for_function("() => window.__nnLiveView && window.__nnLiveView.stats.frames > 0")
            shoot(page, "home")

            page.goto(server.url + "/draw")
            draw_stroke(page, canvas_of(page), THREE)
            page.get_by_text("How the network reads it").wait_for()
            shoot(page, "draw", 1250)

            page.get_by_role("link", name="Inside the network").first.click()
            page.wait_for_function(f"() => {LIVE} && {LIVE}.stats.frames > 0")
            page.wait_for_timeout(800)
            position = page.evaluate(LIVE_NODE_JS, [1, 6])
            page.mouse.click(position["x"], position["y"])
            page.get_by_text("Weighted sum of its 784 inputs").wait_for()
            shoot(page, "inside", 1500)

            page.set_viewport_size({"width": 1300, "height": 950})
            page.goto(server.url + "/neuron")
            page.get_by_role("button", name="AND").click()
            page.get_by_text("AND: fires only").wait_for()
            shoot(page, "neuron", 1150)

            page.set_viewport_size({"width": 1300, "height": 950})
            page.goto(server.url + "/knobs")
            page.get_by_role("button", name="Silence hidden neuron 7").click()
            page.get_by_text("which digits suffer").wait_for()
            page.wait_for_function(f"() => {LIVE} && {LIVE}.changed.length > 0")
            # the experiments sit under the figure: back to the page's top, where the silenced neuron shows
            page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollTo(0, 0)")
            shoot(page, "knobs", 1650)

            page.set_viewport_size({"width": 1300, "height": 950})
            page.goto(server.url + "/cost")
            page.locator(".js-plotly-plot .main-svg").first.wait_for()
            shoot(page, "cost", 1500)

            page.set_viewport_size({"width": 1300, "height": 950})
            page.goto(server.url + "/train")
            page.get_by_role("button", name="Start", exact=True).click()
            page.wait_for_timeout(6000)
            page.get_by_role("button", name="Pause", exact=True).click()
            page.get_by_text("unseen test digits").first.wait_for()
            shoot(page, "train", 1500)

            page.set_viewport_size({"width": 1300, "height": 950})
            page.goto(server.url + "/descent")
            page.get_by_role("button", name="overshoot").click()
            page.get_by_text("overshoots").first.wait_for()
            shoot(page, "descent", 950)

            page.goto(server.url + "/backprop")
            page.get_by_role("button", name="Show me one it gets wrong").click()
            page.wait_for_timeout(1500)
            shoot(page, "backprop", 1250)
            browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
