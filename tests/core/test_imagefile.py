"""Image files of every kind a person might hand over."""
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from nn_core.drawing import read_drawing
from nn_core.errors import ImageFileError
from nn_core.imagefile import read_image


def _encoded(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _digit_like(mode="L", size=(120, 120)) -> Image.Image:
    base = Image.new("L", size, 0)
    pixels = np.array(base)
    pixels[20:100, 55:65] = 255  # a "1"
    return Image.fromarray(pixels).convert(mode) if mode != "L" else Image.fromarray(pixels)


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA", "LA", "P", "1", "CMYK", "I", "F"])
def test_every_common_mode_reads_as_uint8_and_as_a_one(mode):
    image = _digit_like(mode)
    fmt = "TIFF" if mode in ("CMYK", "F", "I") else "PNG"
    array = read_image(_encoded(image, fmt))
    assert array.dtype == np.uint8
    reading = read_drawing(array)
    assert not reading.empty
    assert reading.scaled.shape[0] == 20 and reading.scaled.shape[1] <= 5  # tall and thin


def test_sixteen_bit_png():
    pixels = np.zeros((60, 60), np.uint16)
    pixels[10:50, 28:32] = 65535
    array = read_image(_encoded(Image.fromarray(pixels)))
    assert array.dtype == np.uint8 and array.max() == 255


def test_jpeg_dark_on_light():
    image = Image.fromarray(255 - np.array(_digit_like()))
    reading = read_drawing(read_image(_encoded(image, "JPEG", quality=90)))
    assert reading.inverted and not reading.empty


def test_animated_gif_uses_the_first_frame():
    first, second = _digit_like(), Image.new("L", (120, 120), 0)
    blob = _encoded(first, "GIF", save_all=True, append_images=[second])
    assert read_image(blob).max() > 0


def test_one_pixel_image_is_read():
    assert read_image(_encoded(Image.new("L", (1, 1), 255))).shape == (1, 1)


@pytest.mark.parametrize("blob, message", [
    (b"not an image at all", "not an image"),
    (b"", "not an image"),
])
def test_non_images_are_refused(blob, message):
    with pytest.raises(ImageFileError, match=message):
        read_image(blob)


def test_truncated_png_is_refused():
    blob = _encoded(_digit_like())
    with pytest.raises(ImageFileError, match="damaged or truncated"):
        read_image(blob[: len(blob) // 2])


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height but holds almost no data (a decompression-bomb shape)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own, while opening
def test_ten_thousand_square_image_is_refused_before_decoding():
    with pytest.raises(ImageFileError, match="too large"):
        read_image(_png_header_only(10_000, 10_000))


def test_missing_file(tmp_path):
    with pytest.raises(ImageFileError, match="no such image"):
        read_image(tmp_path / "missing.png")


def test_paths_that_are_not_regular_files_are_refused_without_opening(tmp_path):
    import os

    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    for path, message in ((fifo, "not a regular file"), ("/dev/zero", "not a regular file"), (tmp_path, "directory"),
                          ("", "no image file was given")):
        with pytest.raises(ImageFileError, match=message):
            read_image(path)


@pytest.mark.parametrize("mode, fmt", [("L", "PNG"), ("RGB", "JPEG"), ("P", "PNG"), ("1", "PNG"), ("CMYK", "JPEG")])
def test_large_images_are_shrunk_right_after_decoding(mode, fmt):
    image = _digit_like(mode, size=(2600, 1300))
    array = read_image(_encoded(image, fmt))
    assert array.dtype == np.uint8 and max(array.shape[:2]) <= 1024 and abs(array.shape[1] - 2 * array.shape[0]) <= 1
    assert not read_drawing(array).empty


def test_a_large_sixteen_bit_image_keeps_its_scale():
    pixels = np.zeros((3000, 300), np.uint16)
    pixels[500:2500, 100:200] = 20_000  # dark for 16 bits: about 78 of 255
    array = read_image(_encoded(Image.fromarray(pixels)))
    assert array.shape == (1000, 100) and abs(int(array.max()) - round(20_000 / 65535 * 255)) <= 1


def test_a_float_image_with_infinities_is_judged_by_its_finite_values():
    pixels = np.zeros((60, 60), np.float32)
    pixels[10:50, 28:32] = 1.0
    pixels[0, 0], pixels[0, 1] = np.inf, np.nan
    array = read_image(_encoded(Image.fromarray(pixels, mode="F"), "TIFF"))
    assert array[20, 30] == 255 and array[0, 0] == 255 and array[0, 1] == 0


def test_the_files_own_size_is_reported_when_it_was_shrunk():
    from nn_core.imagefile import read_image_with_size

    array, size = read_image_with_size(_encoded(_digit_like(size=(3000, 1500))))
    assert size == (3000, 1500) and array.shape == (500, 1000)
    array, size = read_image_with_size(_encoded(_digit_like()))
    assert size == (120, 120) and array.shape == (120, 120)
