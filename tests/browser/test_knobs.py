"""Turn the knobs in real Chromium: the live view answers while a bias slider moves, with no rerun, and
Python agrees once the drag ends."""
import time

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import evaluate
from nn_core.network import forward
from tests.browser.harness import assert_no_errors, wait_until_idle

VIEW = "window.__nnLiveView"


def open_knobs(page, url: str, query: str = ""):
    page.goto(f"{url}/knobs{query}")
    page.wait_for_function(f"() => {VIEW} && {VIEW}.data && {VIEW}.data.scores && {VIEW}.stats.frames > 0")
    wait_until_idle(page)


def count_sent(page) -> list:
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(time.perf_counter())))
    return sent


def bias_slider(page, name: str):
    return page.get_by_role("slider", name=f"bias b of {name}", exact=True)


def test_a_bias_drag_redraws_the_network_with_no_rerun_then_python_agrees(page, app_server):
    sent = count_sent(page)
    open_knobs(page, app_server.url)
    page.get_by_role("radiogroup", name="Biases of").get_by_text("output", exact=True).click()
    page.wait_for_function(f"() => {VIEW}.data.controls.layer === 3")
    wait_until_idle(page)
    slider = bias_slider(page, "digit 6")
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    before = {"frames": page.evaluate(f"() => {VIEW}.stats.frames"), "sent": len(sent)}
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + box["width"] / 40, y)
    page.wait_for_function(f"() => {VIEW}.dragging && {VIEW}.stats.frames > {before['frames']}")
    assert page.evaluate(f"() => {VIEW}.answer") == 0    # a small move: still a 0
    for k in range(2, 21):                             # to the right end: the bias of output 6 towards +10
        page.mouse.move(box["x"] + box["width"] / 2 + k * box["width"] / 40, y)
    page.wait_for_function(f"() => {VIEW}.answer === 6")   # the answer flipped during the drag, finger still down
    during = {"frames": page.evaluate(f"() => {VIEW}.stats.frames"), "sent": len(sent)}
    assert during["sent"] == before["sent"], "the drag reached the server before the finger was lifted"
    assert during["frames"] > before["frames"] + 1       # the figure was redrawn while the finger moved
    page.mouse.up()
    page.wait_for_function(f"() => {VIEW}.pending.length === 0 && {VIEW}.data.edits.biases.length === 1")
    wait_until_idle(page)
    layer, neuron, bias = page.evaluate(f"() => {VIEW}.data.edits.biases[0]")
    assert (layer, neuron) == (3, 6) and 5 < bias <= 10
    net = load_bundled("classic").network.copy()
    net.biases[2][6] = bias
    _, test = load_embedded()
    assert int(np.argmax(forward(net, test.inputs[3]).output)) == 6
    # the accuracy the page shows is numpy's; the browser's own score agrees with it
    python = page.evaluate(f"() => {VIEW}.data.scores.accuracy")
    assert python == pytest.approx(evaluate(net, test).accuracy)
    page.wait_for_function(f"() => {VIEW}.score !== null")
    assert page.evaluate(f"() => {VIEW}.score.accuracy") == pytest.approx(python)
    shown = page.locator(".nv-metric-value").inner_text()
    assert shown == f"{python:.1%}"
    assert_no_errors(page)


def test_keyboard_moves_a_bias_and_touch_moves_it_too(page, app_server):
    open_knobs(page, app_server.url)
    slider = bias_slider(page, "neuron 3")
    slider.focus()
    for _ in range(5):
        slider.press("ArrowRight")                      # +0.1 each, sent once per key (a change event)
    page.wait_for_function(f"() => {VIEW}.pending.length === 0 && {VIEW}.data.edits.biases.length === 1")
    trained = float(load_bundled("classic").network.biases[0][3])
    assert page.evaluate(f"() => {VIEW}.data.edits.biases[0][2]") == pytest.approx(round(trained + 0.5, 1), abs=0.051)
    box = bias_slider(page, "neuron 4").bounding_box()
    y = box["y"] + box["height"] / 2
    cdp = page.context.new_cdp_session(page)
    for kind, x in (("touchStart", 0.5), ("touchMove", 0.7), ("touchMove", 0.95), ("touchEnd", 0.95)):
        points = [] if kind == "touchEnd" else [{"x": box["x"] + box["width"] * x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    page.wait_for_function(f"() => {VIEW}.pending.length === 0 && {VIEW}.data.edits.biases.length === 2")
    assert_no_errors(page)
