"""Inside in real Chromium: the pass plays in the browser, a clicked neuron is explained."""
import time

from tests.browser.harness import assert_no_errors, wait_until_idle

VIEW = "window.__nnLiveView"


def test_play_the_pass_steps_through_every_layer_without_reruns_then_a_click_explains_a_neuron(page, app_server):
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(time.perf_counter())))
    page.goto(app_server.url + "/inside")
    page.wait_for_function(f"() => {VIEW} && {VIEW}.stats.frames > 0")
    wait_until_idle(page)
    loaded = len(sent)                                  # the page's own first run
    seen = page.evaluate(f"""async () => {{
      const view = {VIEW}, seen = new Set();
      view.play_button.click();
      const start = performance.now();
      while (performance.now() - start < 6000) {{
        const step = view.playing ? view.playing.at : view.step;
        seen.add(step === null ? "all" : step);
        if (seen.has(2)) break;   // halfway: the server has heard nothing yet
        await new Promise((r) => requestAnimationFrame(r));
      }}
      return [...seen];
    }}""")
    assert {0, 1, 2} <= set(seen) and len(sent) == loaded         # the pass plays in the browser, not by server ticks
    page.wait_for_function(f"() => !{VIEW}.playing && {VIEW}.step === 3")
    page.wait_for_function(f"() => {VIEW}.data.step === 3")  # its end is told to Python once, and kept
    # click hidden 2's neuron 4 on the canvas
    x, y = page.evaluate(f"""() => {{ const v = {VIEW}, spot = v.layout.layers[1], r = v.canvas.getBoundingClientRect();
      return [r.left + v.geometry.px(spot.x[4]), r.top + v.geometry.py(spot.y[4])]; }}""")
    page.mouse.click(x, y)
    page.get_by_role("heading", name="hidden 2, neuron 4").wait_for()   # the explanation (not the hover tip)
    page.wait_for_function(f"() => JSON.stringify({VIEW}.data.selected) === '[2,4]'")   # and the ring in the view
    assert_no_errors(page)
