"""The two bundled models: valid files, their recipes, and the accuracy goals of issue #2."""
import numpy as np
import pytest

from nn_core.bundled import BUNDLED, load_bundled, resolve_model
from nn_core.drawing import read_drawing
from nn_core.evaluate import drawing_accuracy, evaluate
from nn_core.network import predict
from nn_core.synthetic import CanvasStyle, canvas_drawing

GOALS = {"classic": (0.93, 0.92), "best": (0.97, 0.96)}  # (test digits, canvas-like drawings)


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_model_is_valid_read_only_and_records_its_recipe(name):
    model = load_bundled(name)
    assert model.name == name and model.network.sizes[0] == 784 and model.network.sizes[-1] == 10
    recipe = model.metadata["recipe"]
    assert {"sizes", "activation", "cost", "learning_rate", "batch_size", "epochs", "seed"} <= set(recipe)
    assert list(model.network.sizes) == recipe["sizes"]
    with pytest.raises(ValueError):
        model.network.params[0] = 1.0  # shared between sessions: never changed in place
    assert resolve_model(name) is model


def test_classic_is_the_explainers_network():
    net = load_bundled("classic").network
    assert net.sizes == (784, 16, 16, 10) and net.activation.name == "sigmoid"


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_accuracy_on_unseen_test_digits_meets_the_goal(name, embedded):
    model = load_bundled(name)
    score = evaluate(model.network, embedded[1])
    assert score.n == 1000
    assert score.accuracy >= GOALS[name][0]
    assert score.accuracy == pytest.approx(model.metadata["test_accuracy"])


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_accuracy_on_canvas_like_drawings_meets_the_goal(name, embedded):
    _, test = embedded
    sample = test.subset(np.arange(0, 1000, 4))  # 250 digits, 25 of each
    assert drawing_accuracy(load_bundled(name).network, sample, seed=7).accuracy >= GOALS[name][1] - 0.02
    assert load_bundled(name).metadata["drawing_accuracy"] >= GOALS[name][1]


STYLES = {
    "small and thin": CanvasStyle(min_height=0.3, max_height=0.35, min_stroke=6, max_stroke=8, min_stroke_ratio=0.0),
    "large and thick": CanvasStyle(min_height=0.85, max_height=0.9, min_stroke=32, max_stroke=36),
    "large and thin": CanvasStyle(min_height=0.85, max_height=0.9, min_stroke=6, max_stroke=8, min_stroke_ratio=0.0),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_small_large_thick_and_thin_drawings_read_about_as_well_as_clean_digits(style, embedded):
    _, test = embedded
    index = np.arange(0, 1000, 5)  # 200 digits
    net = load_bundled("best").network
    clean = np.mean(np.argmax(predict(net, test.inputs[index]), axis=1) == test.labels[index])
    rng = np.random.default_rng(11)
    inputs = np.stack([read_drawing(canvas_drawing(test.images[i], rng, STYLES[style])).inputs for i in index])
    drawn = np.mean(np.argmax(predict(net, inputs), axis=1) == test.labels[index])
    assert drawn >= clean - 0.04, f"{style}: {drawn:.1%} drawn vs {clean:.1%} clean"


def test_off_centre_drawings_in_a_corner(embedded):
    _, test = embedded
    net = load_bundled("best").network
    index = np.arange(3, 1000, 10)
    corner = []
    for i in index:
        canvas = canvas_drawing(test.images[i], np.random.default_rng(int(i)), CanvasStyle(min_height=0.3, max_height=0.4))
        shifted = np.zeros_like(canvas)
        shifted[..., 3] = 255
        ys, xs = np.nonzero(canvas[..., 0])
        dy, dx = -ys.min(), 280 - 1 - xs.max()  # push the ink into the top-right corner
        shifted[ys + dy, xs + dx, :3] = canvas[ys, xs, :3]
        corner.append(read_drawing(shifted).inputs)
    accuracy = np.mean(np.argmax(predict(net, np.stack(corner)), axis=1) == test.labels[index])
    assert accuracy >= 0.93
