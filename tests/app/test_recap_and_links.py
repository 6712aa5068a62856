"""The recap page, and the links that lead through the lesson: "Next" on every page, "the cost" wherever it is named."""
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import cost_summary, evaluate
from nn_core.network import Network
from tests.app.conftest import all_text, chart_specs, open_app
from ui import state
from ui.navigation import PAGES, following


def test_the_recap_states_the_live_numbers():
    at = open_app("pages/recap.py")
    _, test = load_embedded()
    accuracy = evaluate(load_bundled("classic").network, test).accuracy
    text = all_text(at)
    assert f"it reads {accuracy:.1%} of those right" in text and "13,002" in text
    assert [link.proto.page for link in at.main.get("page_link")] == [p.url_path for p in PAGES[1:-1]]


def _recap(level: str, model: str = "classic"):
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value(level).run()
    if model != "classic":
        at.radio(key="model_choice").set_value(model).run()
    at.switch_page("pages/recap.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_recap_opens_with_the_whole_network_as_one_function(model):
    at = _recap("full", model)
    network = load_bundled(model).network
    weights, biases = sum(w.size for w in network.weights), sum(b.size for b in network.biases)
    assert weights + biases == network.params.size == {"classic": 13_002, "best": 235_146}[model]
    assert (f"784 numbers in (the pixels), 10 numbers out (one for each digit), and {network.params.size:,} knobs that "
            f"decide which function it is: its {weights:,} weights and {biases:,} biases") in all_text(at)
    figure = next(s for s in chart_specs(at) if any(t["type"] == "heatmap" for t in s["data"]))
    words = " ".join(a.get("text", "") for a in figure["layout"]["annotations"])
    assert f"{network.params.size:,} knobs" in words and "784 in" in words and "10 out" in words


def test_the_recap_names_each_cost_it_gives_a_number_for():
    train, _ = load_embedded()
    network = load_bundled("classic").network
    trained, untrained = cost_summary(network, train), cost_summary(Network.random(network.sizes, rng=0), train)
    squares = (f"Training makes its average over the training digits small: {untrained.sum_of_squares:.3f} with random "
               f"weights, {trained.sum_of_squares:.3f} for this network.")
    assert f"{trained.sum_of_squares:.3f}" == "0.066"
    full = all_text(_recap("full"))
    assert "3Blue1Brown's cost is C = Σ (a − y)²" in full and squares in full
    assert (f"The cost this network is trained on is the cross-entropy −ln a_y: its average is "
            f"{untrained.model_cost:.3f} with random weights and {trained.model_cost:.3f} for this network.") in full
    at = _recap("simple")
    simple = "\n".join([m.value for m in at.main.markdown] + [c.value for c in at.main.caption])   # (not the sidebar)
    assert squares in simple and "cross-entropy" not in simple and "−ln" not in simple


def test_the_recap_gives_the_wish_its_sign_and_z_its_half():
    full = all_text(_recap("full"))
    assert ("each neuron's wish adds up the wishes of the neurons it feeds, weighted by the weights between them "
            "(−Wᵀδ)") in full
    assert "weighted sum of the next layer's errors" not in full                                   # (that is +Wᵀδ)
    simple = all_text(_recap("simple"))
    assert "each neuron's wish adds up the wishes of the neurons it feeds, weighted by the weights between them." in simple
    for text in (full, simple):
        assert "z = Σ w·a + b = 0 gives exactly ½" in text and "zero → ½" not in text


@pytest.mark.parametrize("page", [p for p in PAGES if p.url_path], ids=lambda p: p.url_path)
def test_every_page_ends_with_a_link_to_the_next_one(page):
    at = open_app(page.script)
    links = [link.proto for link in at.main.get("page_link")]   # (the sidebar has its own: Join a class)
    after = following(page.url_path)
    if after is None:
        return
    assert links and links[-1].page == after.url_path and links[-1].label.startswith(f"Next: {after.title}")


def test_pages_that_say_cost_link_to_the_cost_page():
    for page in PAGES:
        if page.url_path in ("cost", "recap"):
            continue
        at = open_app(page.script)
        if " cost" in all_text(at).lower().replace("cost for", "cost"):
            assert "cost" in [link.proto.page for link in at.get("page_link")], page.url_path

