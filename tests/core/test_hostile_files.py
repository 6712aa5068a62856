"""Every hostile file in tests/hostile_corpus.py: the project's own error or validated values, in bounded memory."""
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from tests.hostile_corpus import CASES, digit_image, encoded, expected_error, pixels_bomb, pixels_text, read

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def _readers_imported():
    """Import every reader (Pillow, and ui.links.pixels) before any memory is traced."""
    from PIL import Image, PngImagePlugin  # noqa: F401

    import nn_core.data  # noqa: F401
    import nn_core.imagefile  # noqa: F401
    import nn_core.modelfile  # noqa: F401
    import ui.links.pixels  # noqa: F401


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", CASES, ids=[repr(case) for case in CASES])
def test_hostile_input_gets_the_projects_own_answer_in_bounded_memory(case):
    built = case.build()
    tracemalloc.start()
    try:
        if case.refused is not None:
            with pytest.raises(Exception) as caught:
                read(case, built)
            error = caught.value
            assert type(error) is expected_error(case), f"{type(error).__name__}: {error}"
            message = str(error)
            assert case.refused in message
            assert "\n" not in message and len(message) < 300, message  # one sentence
        else:
            case.check(read(case, built))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < case.max_traced_mb * 1e6, f"{peak / 1e6:.1f} MB traced"


def test_a_pixels_bomb_inflates_at_most_785_bytes():
    from ui.links.pixels import MAX_PIXELS_TEXT, decode_pixels

    bomb = pixels_text(__import__("zlib").compress(bytes(1_500_000), 9))  # 1.5 MB of zeros in 2 kB of text
    assert len(bomb) <= MAX_PIXELS_TEXT
    tracemalloc.start()
    with pytest.raises(ValueError, match="28x28"):
        decode_pixels(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100_000, peak   # 1.5 MB inflated would show; the work is bounded by what may be inflated


def test_the_reviews_bomb_is_refused_by_its_length_before_anything_is_inflated():
    from ui.links.pixels import decode_pixels

    bomb = pixels_bomb(50_000_000)  # compresses 50 MB of zeros into about 65 kB of text
    tracemalloc.start()
    with pytest.raises(ValueError, match="too long"):
        decode_pixels(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10_000, peak    # refused by its length: not even the base64 was decoded


RSS_SCRIPT = """
import io, resource, sys
sys.path.insert(0, {root!r})
from nn_core.drawing import read_drawing
from nn_core.imagefile import read_image
blob = open({path!r}, "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
reading = read_drawing(read_image(blob))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) // 1024, reading.ink.shape[0], int(reading.empty))
"""


@pytest.fixture(scope="module")
def big_pngs():
    """A "7" as a 5000 x 5000 PNG and as a 1000 x 1000 one, grayscale and RGBA."""
    return {(mode, side): encoded(digit_image(side, mode), compress_level=1) for mode in ("L", "RGBA")
            for side in (5000, 1000)}


def test_a_5000_pixel_rgba_png_is_read_in_about_a_hundred_mb(tmp_path, big_pngs):
    """D10: it peaked at +685 MB (float32 copies of 25 megapixels); Pillow's decoded RGBA alone is 100 MB."""
    path = tmp_path / "big.png"
    path.write_bytes(big_pngs["RGBA", 5000])
    result = subprocess.run([sys.executable, "-c", RSS_SCRIPT.format(root=str(ROOT), path=str(path))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    grown_mb, ink_side, empty = map(int, result.stdout.split())
    assert not empty and ink_side == 1000
    assert grown_mb < 200, f"+{grown_mb} MB"


@pytest.mark.parametrize("mode", ["L", "RGBA"])
def test_a_drawing_reads_the_same_at_5000_and_at_1000_pixels(mode, big_pngs):
    from nn_core.drawing import read_drawing
    from nn_core.imagefile import read_image

    big = read_drawing(read_image(big_pngs[mode, 5000]))
    small = read_drawing(read_image(big_pngs[mode, 1000]))
    assert big.ink.shape == (1000, 1000)  # shrunk right after decoding
    assert np.abs(big.inputs - small.inputs).max() < 0.1
    assert np.corrcoef(big.inputs, small.inputs)[0, 1] > 0.99


def test_a_huge_array_is_shrunk_in_bands_and_reads_like_a_small_one():
    from nn_core.drawing import read_drawing

    small = np.asarray(digit_image(1000, "RGBA"))
    big = np.kron(small, np.ones((4, 4, 1), np.uint8))  # the same drawing, 4000 x 4000 x 4 (64 MB)
    tracemalloc.start()
    reading = read_drawing(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 60e6, f"{peak / 1e6:.0f} MB traced"  # the float32 copies alone were 6 times the array
    np.testing.assert_allclose(reading.inputs, read_drawing(small).inputs, atol=1e-5)
