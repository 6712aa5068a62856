"""The live pictures in words and without a mouse, in real Chromium: what a screen reader finds in the accessibility
tree (Playwright's ARIA snapshot) of the network view, the pad and one neuron after a change made with the keys, held
to the numbers nn_core computes; and with less motion asked for, Play the pass and Play backwards jump to their end."""
from __future__ import annotations

import re

import numpy as np

from figures.numbers import number, signed
from nn_core.activations import SIGMOID
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.edits import NetworkEdits
from nn_core.network import Network, forward
from tests.browser.harness import tab_to, wait_until_drawn, wait_until_idle
from ui.pages.neuron import controls as one_neuron

DIGIT = 8          # test digit #8, a 0: read as a 0, and as a 3 once output 3's bias is at its top
BIAS_TOP = 10.0    # the bias sliders' end (ui/pages/knobs/controls.BIAS_RANGE)


def network_words(network: Network, pixels: np.ndarray) -> tuple[str, float, str]:
    """(the answer, its activation, the test accuracy as the view rounds it) that nn_core computes."""
    _, test = load_embedded()
    output = forward(network, pixels).output
    answer = int(np.argmax(output))
    accuracy = float(np.mean(np.argmax(forward(network, test.inputs).output, axis=1) == test.labels))
    return str(answer), float(output[answer]), f"Test accuracy {100 * accuracy:.1f}%."


def assert_says(snapshot: str, answer: str, activation: float, accuracy: str) -> None:
    said = re.search(r"Output (\d) is the brightest, (\d\.\d\d): the network reads (\d)\.", snapshot)
    assert said, snapshot
    assert said.group(1) == said.group(3) == answer and abs(float(said.group(2)) - activation) <= 0.0051, said.group(0)
    assert accuracy in snapshot, snapshot


def test_the_network_view_says_its_answer_and_accuracy_before_and_after_a_bias_changed_with_the_keys(page, app_server):
    classic = load_bundled("classic").network
    _, test = load_embedded()
    page.goto(f"{app_server.url}/knobs?layer=3&digit={DIGIT}")
    wait_until_drawn(page)
    view = page.locator(".nv").first
    description = view.locator(".nn-description")
    before = view.aria_snapshot()
    assert 'img "The network, layer by layer: the input image (784 pixels), hidden 1 (16 neurons)' in before
    assert_says(before, *network_words(classic, test.inputs[DIGIT]))

    bias = page.get_by_role("slider", name="bias b of digit 3")
    tab_to(page, bias)
    page.keyboard.press("End")                                        # the bias of output 3 to its top, 10
    page.wait_for_function("() => window.__nnLiveView.pending.length === 0 && window.__nnLiveView.last_change")
    wait_until_idle(page)
    edits = NetworkEdits(classic)
    edits.set_bias(3, 3, BIAS_TOP)                                    # what Python applies on the release
    answer, activation, accuracy = network_words(edits.network, test.inputs[DIGIT])
    description.filter(has_text=accuracy).filter(has_text="You moved the bias of output 3 to 10.0.").wait_for()
    after = view.aria_snapshot()
    assert_says(after, answer, activation, accuracy)
    assert "You moved the bias of output 3 to 10.0." in after and accuracy not in before
    assert "the network reads 0" in before and "the network reads 3" in after       # the change the words tell
    print("\nthe network view's description, before:", re.search(r"paragraph: \"(Output.*)\"", before).group(1),
          "\nafter:", re.search(r"paragraph: \"(Output.*)\"", after).group(1))


def test_the_pad_and_the_neuron_say_their_answer_after_a_change_made_with_the_keys(page, app_server):
    page.goto(f"{app_server.url}/draw")
    wait_until_drawn(page)
    pad = page.locator(".pad-live").first
    assert "paragraph: The pad is empty." in pad.aria_snapshot()
    tab_to(page, page.get_by_role("application", name=re.compile("Drawing pad")))
    for key in ("Shift+ArrowUp", "Shift+ArrowUp", "Space", *["Shift+ArrowDown"] * 4, "Space"):   # a 1, drawn with keys
        page.keyboard.press(key)
    page.wait_for_function("() => window.nnDrawingPad.view.box.dataset.source === 'python'")   # nn_core's answer is shown
    python = page.evaluate("() => window.nnDrawingPad.view.data.answer")
    answer = python["answer"]
    pad_said = f"The network reads {answer}, {python['output'][answer]:.2f}."
    pad.locator(".nn-description").filter(has_text=pad_said).wait_for()
    snapshot = pad.aria_snapshot()
    assert f"paragraph: {pad_said}" in snapshot and f"The network says {answer}" in snapshot
    assert pad.locator(".pad-digit").inner_text() == str(answer)                        # the big answer, the same
    assert pad.locator(".pad-value").nth(answer).inner_text() == f"{python['output'][answer]:.2f}"   # and its bar

    page.goto(f"{app_server.url}/neuron")
    wait_until_drawn(page)
    tab_to(page, page.get_by_role("slider", name="Bias b"))
    for _ in range(25):                                               # the bias from 0 to −2.5, with the arrow keys
        page.keyboard.press("ArrowLeft")
    inputs, weights = np.array(one_neuron.DEFAULT_INPUTS), np.array(one_neuron.DEFAULT_WEIGHTS)
    weighted, a = one_neuron.neuron_output(inputs, weights, -2.5, SIGMOID)
    verdict = "active" if weighted > 2.5 else SIGMOID.below_threshold
    said = f"z = {signed(weighted - 2.5)}, a = {number(a, 3)}: the neuron is {verdict}."
    neuron = page.locator(".one-live")
    neuron.locator(".nn-description").filter(has_text=said).wait_for()
    assert f'paragraph: "{said}"' in neuron.aria_snapshot() and verdict != "active"   # (1.2 is not above 2.5)
    print(f"\nthe pad: {pad_said}\none neuron: {said}")


# every step the backprop picture's step control shows as chosen, in order (a rerun that changes it changes the DOM)
SEEN_STEPS_JS = """() => {
  window.__seenSteps = [];
  const note = () => {
    const group = document.querySelector("[role='radiogroup'][aria-label='The error has travelled back to']");
    const chosen = group && group.querySelector("[aria-checked='true']");
    const label = chosen ? chosen.innerText.trim() : "";
    if (label && window.__seenSteps.at(-1) !== label) window.__seenSteps.push(label);
  };
  note();
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}"""


def test_with_less_motion_play_the_pass_and_play_backwards_show_their_end_at_once(browser, app_server):
    context = browser.new_context(viewport={"width": 1300, "height": 1100}, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(45_000)
    try:
        page.goto(f"{app_server.url}/inside")
        wait_until_drawn(page)
        tab_to(page, page.get_by_role("button", name="▶ Play the pass"))
        page.keyboard.press("Enter")
        # at once: the signal is at the output, never part way (view.playing is set only by an animation's frames)
        state = page.evaluate("() => ({ step: window.__nnLiveView.step, playing: window.__nnLiveView.playing, "
                              "layers: window.__nnLiveView.trained.sizes.length - 1 })")
        assert state["playing"] is None and state["step"] == state["layers"] == 3, state
        assert page.get_by_role("radio", name=re.compile("output")).get_attribute("aria-checked") == "true"

        page.goto(f"{app_server.url}/backprop")                  # a new session: the browser tells the server again
        page.wait_for_function("() => window.__nnMotionSent === null")   # ... and the server has heard it
        wait_until_drawn(page)
        group = page.get_by_role("radiogroup", name="The error has travelled back to")
        group.wait_for()
        page.evaluate(SEEN_STEPS_JS)
        tab_to(page, page.get_by_role("button", name=re.compile("Play backwards")))
        page.keyboard.press("Enter")
        group.locator("[aria-checked='true']").filter(has_text="input (pixels)").wait_for()
        wait_until_idle(page)
        seen = page.evaluate("() => window.__seenSteps")
        assert not any("hidden" in label for label in seen), seen   # played, it would step through hidden 2 and 1
    finally:
        context.close()
