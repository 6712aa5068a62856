"""Reading a drawing the way MNIST was made: crop, scale to 20 px, centre by mass in 28x28."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_core.drawing import read_drawing
from nn_core.imaging import centre_of_mass, resize


def canvas_with(digit: np.ndarray, size: int = 280, top: int = 40, left: int = 40, scale: float = 7.0):
    """A light-on-black RGBA canvas with the digit drawn at (top, left), `scale` px per pixel."""
    side = int(28 * scale)
    big = np.clip(resize(digit.astype(np.float32) / 255, side, side), 0, 1)
    canvas = np.zeros((size, size, 4), np.uint8)
    canvas[..., 3] = 255
    patch = (big * 255).astype(np.uint8)
    h = min(side, size - top)
    w = min(side, size - left)
    for c in range(3):
        canvas[top:top + h, left:left + w, c] = patch[:h, :w]
    return canvas


def test_steps_have_the_mnist_shapes(embedded):
    digit = embedded[1].images[7]
    reading = read_drawing(canvas_with(digit))
    assert not reading.empty and not reading.inverted
    assert max(reading.scaled.shape) == 20
    assert reading.centred.shape == (28, 28) and reading.inputs.shape == (784,)
    assert reading.inputs.dtype == np.float32 and 0 <= reading.inputs.min() and reading.inputs.max() == 1.0
    row, col = centre_of_mass(reading.centred)
    assert abs(row - 14) <= 0.75 and abs(col - 14) <= 0.75
    top, bottom, left, right = reading.box
    assert reading.cropped.shape == (bottom - top, right - left)


def test_a_test_digit_drawn_big_reads_back_as_itself(embedded):
    digits = embedded[1].images[::50]
    for digit in digits:
        reading = read_drawing(canvas_with(digit, scale=9.0, top=10, left=15))
        original = digit.astype(np.float32).ravel() / 255
        assert np.corrcoef(original, reading.inputs)[0, 1] > 0.85


@settings(max_examples=25, deadline=None)
@given(top=st.integers(0, 120), left=st.integers(0, 120), scale=st.floats(3.0, 5.5))
def test_moving_or_resizing_a_drawing_barely_changes_the_inputs(embedded, top, left, scale):
    digit = embedded[1].images[3]
    reference = read_drawing(canvas_with(digit, top=60, left=60, scale=4.0)).inputs
    moved = read_drawing(canvas_with(digit, top=top, left=left, scale=scale)).inputs
    assert moved.shape == (784,) and moved.dtype == np.float32
    assert moved.min() >= 0 and moved.max() <= 1
    assert np.corrcoef(reference, moved)[0, 1] > 0.9


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 90), st.integers(1, 90), st.integers(0, 2**32 - 1))
def test_any_image_gives_784_inputs_in_0_1_or_empty(height, width, seed):
    image = np.random.default_rng(seed).integers(0, 256, (height, width), dtype=np.uint8)
    reading = read_drawing(image)
    if not reading.empty:
        assert reading.inputs.shape == (784,) and reading.inputs.dtype == np.float32
        assert 0.0 <= reading.inputs.min() and reading.inputs.max() <= 1.0


def test_dark_on_light_is_detected_and_inverted(embedded):
    digit = embedded[1].images[11]
    light = canvas_with(digit)
    dark = light.copy()
    dark[..., :3] = 255 - dark[..., :3]
    a, b = read_drawing(light), read_drawing(dark)
    assert b.inverted and not a.inverted
    np.testing.assert_allclose(a.inputs, b.inputs, atol=0.02)


def test_strokes_on_a_transparent_background_of_any_colour(embedded):
    digit = embedded[1].images[5]
    opaque = canvas_with(digit)
    transparent = np.zeros_like(opaque)
    transparent[..., 3] = opaque[..., 0]  # black strokes whose alpha is the ink
    np.testing.assert_allclose(read_drawing(transparent).inputs, read_drawing(opaque).inputs, atol=0.02)


@pytest.mark.parametrize("image", [
    np.zeros((280, 280, 4), np.uint8),                       # untouched canvas (transparent)
    np.full((280, 280, 4), [0, 0, 0, 255], np.uint8),        # black canvas
    np.full((100, 100, 3), 255, np.uint8),                   # blank white paper
    np.full((50, 50), 128, np.uint8) + np.random.default_rng(0).integers(0, 8, (50, 50), dtype=np.uint8),
])
def test_empty_drawings_are_reported_not_read(image):
    reading = read_drawing(image)
    assert reading.empty and reading.inputs is None


def test_grayscale_rgb_and_alpha_variants_agree(embedded):
    rgba = canvas_with(embedded[1].images[20])
    gray = rgba[..., 0]
    expected = read_drawing(rgba).inputs
    for variant in (gray, gray[..., None], rgba[..., :3], np.stack([gray, rgba[..., 3]], -1)):
        np.testing.assert_allclose(read_drawing(variant).inputs, expected, atol=1e-5)


def test_wide_and_tall_strokes_keep_their_aspect_ratio():
    bar = np.zeros((200, 200), np.uint8)
    bar[90:110, 10:190] = 255  # a horizontal bar, 9x wider than tall
    reading = read_drawing(bar)
    assert reading.scaled.shape[1] == 20 and reading.scaled.shape[0] in (2, 3)


def test_non_images_are_refused():
    from nn_core.errors import ImageFileError

    with pytest.raises(ImageFileError):
        read_drawing(np.zeros((4, 4, 5), np.uint8))
    with pytest.raises(ImageFileError):
        read_drawing(np.zeros(10, np.uint8))


def test_large_arrays_are_shrunk_by_a_whole_factor_and_canvas_sizes_are_not():
    from nn_core.drawing import MAX_SIDE

    for side, expected in ((280, 280), (MAX_SIDE, MAX_SIDE), (MAX_SIDE + 1, (MAX_SIDE + 1) // 2), (3000, 1000)):
        image = np.zeros((side, side), np.uint8)
        image[side // 4: 3 * side // 4, side // 2 - side // 20: side // 2 + side // 20] = 255
        assert read_drawing(image).ink.shape == (expected, expected)


def test_a_shrunk_image_is_the_mean_of_its_blocks_whatever_the_type():
    from nn_core.drawing import _as_unit_float, _shrunk_unit_float

    rng = np.random.default_rng(3)
    for image in (rng.integers(0, 256, (2100, 1500, 4), dtype=np.uint8),
                  rng.integers(0, 65536, (3000, 1000), dtype=np.uint16),
                  rng.integers(-300, 300, (1030, 2050), dtype=np.int32),
                  rng.random((2500, 2500, 2)).astype(np.float32) * 255,
                  rng.random((1, 3_000_000)) < 0.5):
        shrunk = _shrunk_unit_float(image)
        factor = int(np.ceil(max(image.shape[:2]) / 1024))
        rows, cols = min(factor, image.shape[0]), min(factor, image.shape[1])
        height, width = image.shape[0] // rows, image.shape[1] // cols
        expected = _as_unit_float(image[:height * rows, :width * cols]).reshape(
            height, rows, width, cols, *image.shape[2:]).mean(axis=(1, 3))
        assert shrunk.shape == expected.shape and max(shrunk.shape[:2]) <= 1024
        np.testing.assert_allclose(shrunk, expected, atol=1e-5)


def test_a_huge_float_drawing_with_nan_and_inf_reads():
    image = np.zeros((3000, 3000), np.float64)
    image[600:2400, 1400:1600] = 255.0
    image[0, 0], image[1, 1], image[5, 5] = np.nan, np.inf, -np.inf
    reading = read_drawing(image)
    assert not reading.empty and reading.scaled.shape[0] == 20 and np.isfinite(reading.inputs).all()
