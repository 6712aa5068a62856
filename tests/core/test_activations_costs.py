"""Known values and finite-difference checks of each activation and cost on its own."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nn_core.activations import ACTIVATIONS, get_activation, sigmoid
from nn_core.costs import COSTS, cross_entropy, get_cost, quadratic, softmax


def test_sigmoid_known_values():
    z = np.array([0.0, 2.0, -2.0, 100.0, -100.0])
    with np.errstate(over="ignore"):
        a = sigmoid(z)
    np.testing.assert_allclose(a[:3], [0.5, 1 / (1 + np.exp(-2)), 1 / (1 + np.exp(2))], rtol=1e-12)
    assert a[3] == 1.0 and a[4] == pytest.approx(0.0, abs=1e-40)


def test_relu_and_tanh_known_values():
    z = np.array([-1.5, 0.0, 2.5])
    np.testing.assert_array_equal(get_activation("relu").function(z), [0.0, 0.0, 2.5])
    np.testing.assert_allclose(get_activation("tanh").function(z), np.tanh(z))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_finite_difference(name):
    act = get_activation(name)
    z = np.linspace(-4, 4, 41) + 0.013  # avoid ReLU's kink at exactly 0
    eps = 1e-6
    numeric = (act.function(z + eps) - act.function(z - eps)) / (2 * eps)
    np.testing.assert_allclose(act.derivative(z, act.function(z)), numeric, atol=1e-7)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_out_buffer_is_used(name):
    act = get_activation(name)
    z = np.linspace(-3, 3, 12).reshape(3, 4)
    out = np.empty_like(z)
    assert act.function(z, out=out) is out
    np.testing.assert_allclose(out, act.function(z))


def test_unknown_names_give_readable_errors():
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        get_activation("swish")
    with pytest.raises(ValueError, match="unknown cost 'hinge'"):
        get_cost("hinge")


finite_rows = arrays(np.float64, (3, 10), elements=st.floats(-1e4, 1e4, allow_nan=False))


@given(finite_rows)
def test_softmax_is_a_probability_distribution_even_near_overflow(z):
    a = softmax(z)
    assert np.all(np.isfinite(a)) and np.all(a >= 0)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-9)
    # the largest weighted sum gets the largest probability (ties allowed)
    rows = np.arange(len(z))
    np.testing.assert_array_equal(a[rows, np.argmax(z, axis=1)], a.max(axis=1))


def test_softmax_of_equal_inputs_is_uniform_and_axis_works():
    np.testing.assert_allclose(softmax(np.zeros(10)), np.full(10, 0.1))
    z = np.arange(20.0).reshape(10, 2)
    np.testing.assert_allclose(softmax(z, axis=0), softmax(z.T).T)


def test_cross_entropy_known_value_and_infinity():
    a = np.array([[0.7, 0.2, 0.1], [0.0, 1.0, 0.0]])
    labels = np.array([0, 0])
    costs = cross_entropy(a, labels)
    assert costs[0] == pytest.approx(-np.log(0.7))
    assert costs[1] == np.inf  # the network gave the truth probability 0


def test_quadratic_known_value():
    a = np.array([0.1, 0.8, 0.3])
    # y = (0, 1, 0): 1/2 (0.01 + 0.04 + 0.09) = 0.07
    assert quadratic(a, np.array(1)) == pytest.approx(0.07)


@pytest.mark.parametrize("name", sorted(COSTS))
def test_cost_step_gives_dc_dz_and_the_summed_cost(name, rng):
    """The fused training step's delta^(L) equals the finite-difference dC/dz^(L)."""
    cost = get_cost(name)
    z = rng.normal(size=(10, 4))          # columns are examples, as in the workspace
    labels = np.array([3, 0, 9, 5])
    targets = np.zeros((10, 4))
    targets[labels, np.arange(4)] = 1.0

    def total(zz):
        return float(np.sum(cost.per_example(cost.output_activation(zz, axis=0).T, labels)))

    delta, scratch = np.empty_like(z), np.empty_like(z)
    summed = cost.output_error(z, cost.output_activation(z, axis=0), targets, delta, scratch)
    assert summed == pytest.approx(total(z))
    eps, numeric = 1e-6, np.empty_like(z)
    for index in np.ndindex(z.shape):
        up, down = z.copy(), z.copy()
        up[index] += eps
        down[index] -= eps
        numeric[index] = (total(up) - total(down)) / (2 * eps)
    np.testing.assert_allclose(delta, numeric, atol=1e-7)
