"""Every kind of file a visitor might upload: a clear message, no crash, nothing already there lost."""
import io
import struct
import tomllib
import zipfile
import zlib

import numpy as np
import pytest
from PIL import Image

from nn_core.bundled import load_bundled
from nn_core.modelfile import Model, model_arrays
from tests.app.conftest import ROOT, open_app, shown


def _encoded(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _seven(mode: str = "L", size: int = 140) -> Image.Image:
    pixels = np.zeros((size, size), np.uint8)
    pixels[20:35, 30:110] = 255
    for row in range(35, 120):
        col = 110 - (row - 35) // 2
        pixels[row, col - 7:col + 7] = 255
    return Image.fromarray(pixels).convert(mode) if mode != "L" else Image.fromarray(pixels)


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


def _animated() -> bytes:
    return _encoded(_seven(), "GIF", save_all=True, append_images=[Image.new("L", (140, 140))])


def _sixteen_bit() -> bytes:
    return _encoded(Image.fromarray(np.array(_seven()).astype(np.uint16) * 257))


GOOD_IMAGES = {
    "seven.png": lambda: _encoded(_seven()),
    "animated.gif": _animated,
    "cmyk.jpg": lambda: _encoded(_seven("CMYK"), "JPEG"),
    "sixteen-bit.png": _sixteen_bit,
    "palette.png": lambda: _encoded(_seven("P")),
}
BAD_IMAGES = {
    "notes.png": (b"this is not an image", "not an image"),
    "truncated.png": (_encoded(Image.fromarray(np.random.default_rng(0).integers(0, 256, (200, 200), dtype=np.uint8)))
                      [:15_000], "damaged or truncated"),
    "one-pixel.png": (_encoded(Image.new("L", (1, 1), 255)), "No digit found"),
    "huge.png": (_png_header_only(10_000, 10_000), "too large"),
    "empty.png": (b"", "not an image"),
}


@pytest.fixture
def upload_page():
    at = open_app("pages/draw.py")
    at.segmented_control(key="input_source").set_value("upload").run()
    return at


@pytest.mark.parametrize("name", sorted(GOOD_IMAGES))
def test_images_of_every_kind_are_read(upload_page, name):
    upload_page.file_uploader(key="upload_image-0").upload(name, GOOD_IMAGES[name](), "image/png").run()
    assert not upload_page.exception and not upload_page.error
    digit = upload_page.session_state["current_input"]
    assert digit.source == "upload" and name in shown(digit.description)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_bad_images_get_a_sentence_and_keep_the_digit(upload_page, name):
    before = upload_page.session_state["current_input"]
    data, message = BAD_IMAGES[name]
    upload_page.file_uploader(key="upload_image-0").upload(name, data, "image/png").run()
    assert not upload_page.exception
    assert message in shown(upload_page.error[0].value) and "kept" in shown(upload_page.error[0].value)
    assert upload_page.session_state["current_input"] is before


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("W1.npy", b"\0" * 300_000_000)
    return buffer.getvalue()


def _model_with(**changes) -> bytes:
    arrays = model_arrays(Model(load_bundled("classic").network, {"name": "x"}))
    arrays.update(changes)
    return _npz(**arrays)


BAD_MODELS = {
    "pickle.npz": (b"cos\nsystem\n(S'echo hacked'\ntR.", "not a valid .npz"),
    "object-array.npz": (_npz(sizes=np.array([{"a": 1}], dtype=object)), "pickles"),
    "wrong-shape.npz": (_model_with(W2=np.zeros((16, 15), np.float32)), "do not chain"),
    "nan.npz": (_model_with(b1=np.full(16, np.nan, np.float32)), "NaN"),
    "huge.npz": (_zip_bomb(), "would unpack to 300 MB"),
    "empty.npz": (b"", "not a valid .npz"),
    "five-outputs.npz": (_model_with(sizes=np.array([784, 16, 16, 5])), "10 outputs"),
    "too-many-parameters.npz": (_npz(sizes=np.array([784, 4096, 4096, 10]), activation=np.array("sigmoid"),
                                     cost=np.array("cross-entropy")), "parameters; up to 1,500,000"),
}


@pytest.mark.parametrize("name", sorted(BAD_MODELS))
def test_bad_model_files_are_refused_and_the_model_stays(name):
    at = open_app("pages/train.py")
    data, message = BAD_MODELS[name]
    at.file_uploader(key="model_upload-0").upload(name, data, "application/octet-stream").run()
    assert not at.exception
    assert message in shown(at.error[0].value) and "stays" in shown(at.error[0].value)
    assert at.radio(key="model_choice").value == "classic" and at.session_state["custom_model"] is None


BAD_DATA = {
    "pickle.npz": (b"cos\nsystem\n(S'ls'\ntR.", "not a valid .npz"),
    "objects.npz": (_npz(images=np.array([None], dtype=object), labels=np.zeros(1, int)), "pickles"),
    "no-labels.npz": (_npz(images=np.zeros((5, 28, 28), np.uint8)), "no 'labels'"),
    "wrong-size.npz": (_npz(images=np.zeros((5, 32, 32), np.uint8), labels=np.zeros(5, int)), "28, 28"),
    "labels-11.npz": (_npz(images=np.zeros((5, 28, 28), np.uint8), labels=np.full(5, 11)), "0..9"),
    "bomb.npz": (_zip_bomb(), "would unpack to 300 MB"),
}


@pytest.mark.parametrize("name", sorted(BAD_DATA))
def test_bad_data_sets_are_refused_and_the_embedded_digits_stay(name):
    at = open_app("pages/data.py")
    at.radio(key="data_choice").set_value("mine").run()
    data, message = BAD_DATA[name]
    at.file_uploader(key="data_upload-0").upload(name, data, "application/octet-stream").run()
    assert not at.exception
    assert message in shown(at.error[0].value) and "Nothing changed" in shown(at.error[0].value)
    assert at.session_state["user_data"] is None


def test_upload_sizes_are_capped_and_xsrf_protection_stays_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert 1 <= config["server"]["maxUploadSize"] <= 50           # megabytes
    assert config["server"].get("enableXsrfProtection", True) is True
    assert config["server"].get("enableCORS", True) is True
