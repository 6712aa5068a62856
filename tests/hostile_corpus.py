"""Hostile and broken files, made on the fly (nothing is stored): a corpus for the core and the app.

Every case is a ``Hostile`` record: what it is, which reader it targets (``kind``), a
builder that returns its bytes (or text, for a link's ``pixels=``), and what must happen:
either ``refused`` (a fragment of the project's own error message) or accepted, with
``check(result)`` asserting the validated values. Readers:

    model   nn_core.modelfile.load_model(blob)                        -> Model
    data    nn_core.data.load_digits_npz(blob, max_bytes=MAX_UPLOADED_DATASET_BYTES)  -> DigitSet
    image   nn_core.drawing.read_drawing(nn_core.imagefile.read_image(blob))        -> Reading
    pixels  ui.links.pixels.decode_pixels(text)                                -> (784,) float32

``read(case, built)`` runs the right reader. Bombs are built by streaming, so building one
costs a few MB; a whole pass over the corpus takes a few seconds.
"""
from __future__ import annotations

import base64
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nn_core.modelfile import Model, model_arrays
from nn_core.network import Network

Blob = bytes | str


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str                              # model | data | image | pixels
    build: Callable[[], Blob]
    refused: str | None = None             # fragment of the error message; None: accepted
    check: Callable[[object], None] | None = None  # for accepted cases: asserts the validated values
    max_traced_mb: float = 16.0            # tracemalloc peak allowed while reading (Pillow's buffers are not traced)

    def __repr__(self) -> str:
        return f"{self.kind}:{self.name}"


# -- building blocks --------------------------------------------------------------------


def npy(array: np.ndarray) -> bytes:
    """One array as .npy bytes, as np.save writes it."""
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=True)
    return buffer.getvalue()


def npy_header(shape, descr: str = "<f4", version: tuple[int, int] = (1, 0), text: str | None = None) -> bytes:
    """Just a .npy header declaring ``shape`` (or any ``text`` as the header dictionary)."""
    if text is None:
        buffer = io.BytesIO()
        header = {"descr": descr, "fortran_order": False, "shape": tuple(shape)}
        (np.lib.format.write_array_header_1_0 if version == (1, 0) else np.lib.format.write_array_header_2_0)(
            buffer, header)
        return buffer.getvalue()
    raw = text.encode("utf-8" if version == (3, 0) else "latin1")
    length = struct.pack("<H", len(raw)) if version == (1, 0) else struct.pack("<I", len(raw))
    return b"\x93NUMPY" + bytes(version) + length + raw


def zip_of(members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_STORED) -> bytes:
    """A zip of (name, bytes) members, duplicates allowed."""
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": wanted here
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return buffer.getvalue()


def zip_with_zeros(name: str, prefix: bytes, zero_bytes: int, others: list[tuple[str, bytes]] = ()) -> bytes:
    """A zip whose member ``name`` is ``prefix`` then ``zero_bytes`` zeros, deflated by streaming (a bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for other, data in others:
            archive.writestr(other, data)
        with archive.open(name, "w") as member:
            member.write(prefix)
            block = bytes(1 << 20)
            for start in range(0, zero_bytes, len(block)):
                member.write(block[:min(len(block), zero_bytes - start)])
    return buffer.getvalue()


def _patch_central_directory(blob: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of every central-directory record (e.g. 24 '<L': the uncompressed size)."""
    data = bytearray(blob)
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        struct.pack_into(fmt, data, start + offset, value)
        start += 4
    return bytes(data)


def _patch_local_headers(blob: bytes, offset: int, fmt: str, value: int) -> bytes:
    data = bytearray(blob)
    start = 0
    while (start := data.find(b"PK\x03\x04", start)) >= 0:
        struct.pack_into(fmt, data, start + offset, value)
        start += 4
    return bytes(data)


def bare_directory(entries: int, announced: int) -> bytes:
    """Only a central directory of ``entries`` records and an end record announcing ``announced``."""
    records = []
    for i in range(entries):
        name = f"a{i}.npy".encode()
        records.append(struct.pack(zipfile.structCentralDir, b"PK\x01\x02", 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0,
                                   len(name), 0, 0, 0, 0, 0, 0) + name)
    directory = b"".join(records)
    end = struct.pack(zipfile.structEndArchive, b"PK\x05\x06", 0, 0, min(announced, 0xFFFF),
                      min(announced, 0xFFFF), len(directory), 0, 0)
    return directory + end


# -- model files ----------------------------------------------------------------------------


def good_model_arrays(**changes) -> dict[str, np.ndarray]:
    """The arrays of a small valid model file (784-4-10), with ``changes`` (None removes an entry)."""
    arrays = model_arrays(Model(Network.random((784, 4, 10), rng=0), {"name": "small", "test_accuracy": 0.5,
                                                                        "test_n": 1000}))
    arrays.update(changes)
    return {k: v for k, v in arrays.items() if v is not None}


def model_file(compression: int = zipfile.ZIP_STORED, **changes) -> bytes:
    return zip_of([(f"{k}.npy", npy(v)) for k, v in good_model_arrays(**changes).items()], compression)


def model_members(**replaced: bytes) -> bytes:
    """A model file whose members named in ``replaced`` (e.g. W1=...) are raw .npy bytes."""
    members = {f"{k}.npy": npy(v) for k, v in good_model_arrays().items()}
    members.update({f"{k}.npy": data for k, data in replaced.items()})
    return zip_of(list(members.items()))


def with_metadata(metadata) -> bytes:
    """A valid model whose metadata is ``metadata`` (a dict/list/... as JSON, or a str as is)."""
    text = metadata if isinstance(metadata, str) else json.dumps(metadata)
    return model_file(metadata=np.array(text))


def _deep_json(depth: int) -> str:
    return '{"name": "deep", "recipe": ' + "[" * depth + "]" * depth + "}"


def _weights_with(value) -> np.ndarray:
    w = good_model_arrays()["W1"].copy()
    w[1, 2] = value
    return w


# -- data sets ---------------------------------------------------------------------------------


def data_file(images, labels) -> bytes:
    return zip_of([("images.npy", npy(images)), ("labels.npy", npy(labels))])


def digits(n: int, dtype=np.uint8) -> np.ndarray:
    return np.zeros((n, 28, 28), dtype)


# -- images -------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, extra_chunks: list[tuple[bytes, bytes]] = (), idat: bytes | None = None) -> bytes:
    """A grayscale PNG header declaring width x height, with little or no pixel data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = b"".join(_png_chunk(kind, data) for kind, data in extra_chunks)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + body
            + _png_chunk(b"IDAT", idat if idat is not None else zlib.compress(b"\0" * 10)) + _png_chunk(b"IEND", b""))


def _deflated_zeros(count: int, prefix: bytes = b"") -> bytes:
    """``prefix`` then ``count`` zeros, zlib-compressed by streaming (about 1,000:1)."""
    compressor = zlib.compressobj(6)
    parts = [compressor.compress(prefix)]
    block = bytes(1 << 20)
    for start in range(0, count, len(block)):
        parts.append(compressor.compress(block[:min(len(block), count - start)]))
    return b"".join(parts) + compressor.flush()


def png_zeros(width: int, height: int) -> bytes:
    """A real, all-black grayscale PNG of width x height: tiny on disk, width*height bytes decoded."""
    row = b"\0" + bytes(width)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    return png_declaring(width, height, idat=b"".join(parts) + compressor.flush())


def bmp_declaring(width: int, height: int) -> bytes:
    """A 24-bit BMP header declaring width x height, without pixels."""
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(info), 0, 0, 14 + len(info)) + info


def encoded(image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def digit_image(side: int = 140, mode: str = "L"):
    """A "7" drawn white on black, side x side pixels."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(image)
    width = max(1, side // 14)
    draw.line([(side * 0.25, side * 0.2), (side * 0.75, side * 0.2), (side * 0.45, side * 0.85)], fill=255, width=width)
    return image.convert(mode) if mode != "L" else image


def _truncated_png() -> bytes:
    blob = encoded(digit_image(200))
    return blob[:len(blob) // 2]


def _float_tiff_with_nan() -> bytes:
    from PIL import Image

    pixels = np.asarray(digit_image(100), np.float32) / 255
    pixels[0, 0], pixels[1, 1], pixels[2, 2] = np.nan, np.inf, -np.inf
    return encoded(Image.fromarray(pixels, mode="F"), "TIFF")


def _animated_gif(frames: int = 200) -> bytes:
    from PIL import Image

    first = digit_image(60)
    return encoded(first, "GIF", save_all=True, append_images=[Image.new("L", (60, 60))] * (frames - 1))


def _large_rgba_png(side: int = 3000) -> bytes:
    return encoded(digit_image(side).convert("LA").convert("RGBA"))


# -- link text --------------------------------------------------------------------------------------


def pixels_text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def pixels_bomb(inflated_bytes: int = 50_000_000) -> str:
    """The review's D2: a link whose drawing inflates to ``inflated_bytes`` (50 MB -> about 66 kB of text)."""
    return pixels_text(_deflated_zeros(inflated_bytes))


# -- checks for accepted cases ---------------------------------------------------------------------


def _claims(accuracy, n):
    def check(model) -> None:
        assert model.test_accuracy == accuracy and model.test_n == n, (model.test_accuracy, model.test_n)
        assert set(model.metadata) <= {"name", "test_accuracy", "test_n", "recipe", "description"}
    return check


def _plain_name(expected: str | None = None, limit: int = 80):
    def check(model) -> None:
        name = model.name
        assert isinstance(name, str) and 0 < len(name) <= limit, name
        assert all(ch.isprintable() for ch in name), repr(name)
        assert "\n" not in name and "\u202e" not in name and "\0" not in name
        if expected is not None:
            assert name == expected, repr(name)
    return check


def _recipe(expected: dict):
    def check(model) -> None:
        assert model.metadata.get("recipe") == expected, model.metadata.get("recipe")
    return check


def _digits(n: int):
    def check(digit_set) -> None:
        assert len(digit_set) == n and digit_set.images.dtype == np.uint8
    return check


def _read(minimum_ink_side: int = 1, max_side: int = 1024):
    def check(reading) -> None:
        assert not reading.empty and reading.inputs.shape == (784,)
        assert 0 <= reading.inputs.min() and reading.inputs.max() <= 1
        assert max(reading.ink.shape) <= max_side
    return check


def _blank(reading) -> None:
    assert reading.empty and reading.inputs is None


# -- the corpus ------------------------------------------------------------------------------------

BLACK_28 = zlib.compress(bytes(29 * 28))  # the pixel data of a valid black 28x28 grayscale PNG
W1_HEADER_HUGE = npy_header((16, 784_000_000_000)) + bytes(64)
CASES: list[Hostile] = [
    # pickles and object arrays: never loaded
    Hostile("pickled-metadata", "model", lambda: model_file(metadata=np.array([{"x": 1}], dtype=object)), "pickles"),
    Hostile("object-weights", "model", lambda: model_file(W1=np.array([[None]] * 4, dtype=object)), "pickles"),
    Hostile("object-images", "data", lambda: data_file(np.array([{"x": 1}], dtype=object), np.zeros(1, int)), "pickles"),
    # zip bombs and archives that lie
    Hostile("zip-bomb-60MB", "model", lambda: zip_with_zeros("W1.npy", b"", 60_000_000), "would unpack to 60 MB"),
    Hostile("central-directory-understates-size", "model",
            lambda: _patch_central_directory(zip_with_zeros("W1.npy", npy_header((50_000_000,), "|u1"), 50_000_000),
                                             24, "<L", 200),
            "corrupt"),
    Hostile("ten-thousand-members", "model", lambda: bare_directory(10_000, 10_000), "10,000 arrays"),
    Hostile("end-record-understates-members", "model", lambda: bare_directory(3000, 1), "table of contents"),
    Hostile("duplicate-members", "model",
            lambda: zip_of([(f"{k}.npy", npy(v)) for k, v in good_model_arrays().items()] + [("W1.npy", npy(np.ones((4, 784))))]),
            "same name"),
    Hostile("bzip2-member", "model", lambda: model_file(zipfile.ZIP_BZIP2), "compressed in a way"),
    Hostile("lzma-member", "model", lambda: model_file(zipfile.ZIP_LZMA), "compressed in a way"),
    Hostile("encrypted-flag", "model",
            lambda: _patch_local_headers(_patch_central_directory(model_file(), 8, "<H", 1), 6, "<H", 1), "encrypted"),
    Hostile("not-npy-member", "model", lambda: zip_of([("payload.py", b"print('hi')")]), "not numpy arrays"),
    Hostile("empty-zip", "model", lambda: zip_of([]), "empty"),
    # .npy headers that declare more than the file holds, or cannot be parsed
    Hostile("huge-shape-header", "model", lambda: model_members(W1=W1_HEADER_HUGE), "(16, 784000000000)"),
    Hostile("huge-shape-header", "data",
            lambda: zip_of([("images.npy", npy_header((10**12, 28, 28), "|u1") + bytes(64)),
                            ("labels.npy", npy(np.zeros(3, int)))]),
            "1,000,000,000,000 digits"),
    Hostile("shape-2**62", "model", lambda: model_members(W1=npy_header((2**62, 4)) + bytes(64)), "corrupt"),
    Hostile("negative-shape", "model", lambda: model_members(W1=npy_header((-4, 784)) + bytes(64)), "negative size"),
    Hostile("float-shape", "model",
            lambda: model_members(W1=npy_header(None, text="{'descr': '<f4', 'fortran_order': False, 'shape': (4.5, 784), }\n")),
            "corrupt"),
    Hostile("header-too-long", "model",
            lambda: model_members(W1=npy_header(None, version=(2, 0), text="{'descr': '<f4', 'fortran_order': False, "
                                                "'shape': (4, 784), }" + " " * 200_000 + "\n")), "corrupt"),
    Hostile("header-deeply-nested", "model",
            lambda: model_members(W1=npy_header(None, text="{'descr': '<f4', 'fortran_order': False, 'shape': "
                                                + "(" * 3000 + ")" * 3000 + ", }\n")), "corrupt"),
    Hostile("npy-version-3", "model",
            lambda: model_members(W1=npy_header(None, version=(3, 0), text="{'descr': '<f4', 'fortran_order': False, "
                                                "'shape': (4, 784), }\n") + bytes(4 * 4 * 784)), "corrupt"),
    Hostile("structured-dtype", "model", lambda: model_file(W1=np.zeros(3, [("a", "<f4"), ("b", "<i4")])), "unsupported type"),
    Hostile("truncated-member-data", "model", lambda: model_members(W1=npy_header((4, 784)) + bytes(100)), "corrupt"),
    # values and types
    Hostile("nan-weight", "model", lambda: model_file(W1=_weights_with(np.nan)), "NaN or infinite"),
    Hostile("inf-weight", "model", lambda: model_file(W1=_weights_with(np.inf)), "NaN or infinite"),
    Hostile("1e300-bias", "model", lambda: model_file(b2=np.full(10, 1e300)), "too large"),
    Hostile("complex-weights", "model", lambda: model_file(W1=np.zeros((4, 784), complex)), "floating-point"),
    Hostile("datetime-weights", "model", lambda: model_file(W1=np.zeros((4, 784), "datetime64[s]")), "floating-point"),
    Hostile("bool-weights", "model", lambda: model_file(W1=np.zeros((4, 784), bool)), "floating-point"),
    Hostile("text-weights", "model", lambda: model_file(W1=np.full((4, 784), "x")), "floating-point"),
    Hostile("wrong-shape", "model", lambda: model_file(W1=np.zeros((4, 783), np.float32)), "do not chain"),
    Hostile("float-sizes", "model", lambda: model_file(sizes=np.array([784.0, 4.0, 10.0])), "sizes"),
    Hostile("sizes-2**62", "model", lambda: model_file(sizes=np.array([784, 2**62, 10])), "neurons"),
    Hostile("negative-sizes", "model", lambda: model_file(sizes=np.array([784, -4, 10])), "neurons"),
    Hostile("newer-version", "model", lambda: model_file(version=np.array(99)), "newer version"),
    Hostile("markdown-activation", "model", lambda: model_file(activation=np.array("[click](http://x.example)")),
            "unknown activation"),
    Hostile("truncated-file", "model", lambda: model_file()[:3000], ""),
    Hostile("junk", "model", lambda: b"hello, I am not a model" * 10, "not a valid .npz"),
    Hostile("empty-file", "model", lambda: b"", "not a valid .npz"),
    # metadata: a wrong field is dropped, never fatal; the rest is validated
    *[Hostile(f"test_n-{label}", "model", lambda v=v: with_metadata({"test_accuracy": 0.5, "test_n": v}),
              check=_claims(0.5, None))
      for label, v in [("string", "lots"), ("list", [1, 2]), ("null", None), ("true", True), ("minus-5", -5),
                       ("1e30", 1e30), ("float", 1000.0), ("10**8", 10**8), ("dict", {"n": 1})]],
    *[Hostile(f"test_accuracy-{label}", "model", lambda v=v: with_metadata({"test_accuracy": v, "test_n": 1000}),
              check=_claims(None, 1000))
      for label, v in [("inf", float("inf")), ("nan", float("nan")), ("true", True), ("minus", -0.5), ("2", 2),
                       ("string", "0.9"), ("null", None), ("list", [0.9])]],
    Hostile("metadata-inf-as-json", "model",
            lambda: with_metadata('{"test_accuracy": Infinity, "test_n": 1e30, "name": "x"}'), check=_claims(None, None)),
    Hostile("metadata-nan-as-json", "model", lambda: with_metadata('{"test_accuracy": NaN, "test_n": -5}'),
            check=_claims(None, None)),
    Hostile("name-markdown", "model",
            lambda: with_metadata({"name": "[Your session expired: log in](http://x.example) ![t](http://x.example/i.png)"}),
            check=_plain_name()),
    Hostile("name-control-characters", "model", lambda: with_metadata({"name": "evil\0\x1b[31m\u202etxt.exe\n\nnext line\u200b"}),
            check=_plain_name("evil[31mtxt.exe next line")),
    Hostile("name-100k-characters", "model", lambda: with_metadata({"name": "n" * 100_000}), check=_plain_name()),
    Hostile("name-list", "model", lambda: with_metadata({"name": ["a", "b"]}), check=_plain_name("model")),
    Hostile("name-only-spaces", "model", lambda: with_metadata({"name": " \t\n "}), check=_plain_name("model")),
    Hostile("recipe-of-odd-values", "model",
            lambda: with_metadata({"recipe": {"epochs": 3, "seed": 10**20, "lr": "Infinity", "sizes": [784, 4, 10],
                                              "hidden": [1] * 100, "augmentation": {"max_shift": 2.0, "deep": {"x": 1}},
                                              "note\n": 1, "start": "classic"}}),
            check=_recipe({"epochs": 3, "sizes": [784, 4, 10], "augmentation": {"max_shift": 2.0}, "lr": "Infinity",
                           "start": "classic"})),
    Hostile("recipe-a-string", "model", lambda: with_metadata({"recipe": "fast"}), check=_recipe(None)),
    Hostile("metadata-100k-deep", "model", lambda: with_metadata(_deep_json(100_000)), "not valid JSON"),
    Hostile("metadata-5000-digit-number", "model", lambda: with_metadata('{"test_n": ' + "9" * 5000 + "}"), "not valid JSON"),
    Hostile("metadata-a-list", "model", lambda: with_metadata([1, 2]), "not a JSON object"),
    Hostile("metadata-null", "model", lambda: with_metadata("null"), "not a JSON object"),
    Hostile("metadata-2M-characters", "model", lambda: with_metadata({"name": "x" * 2_000_000}), "characters long"),
    Hostile("metadata-bytes", "model", lambda: model_file(metadata=np.array(b"{}")), "not a text"),
    # data sets
    Hostile("127k-digits", "data",
            lambda: zip_with_zeros("images.npy", npy_header((127_000, 28, 28), "|u1"), 127_000 * 784,
                                   [("labels.npy", npy(np.zeros(127_000, np.uint8)))]),
            "127,000 digits; at most 70,000"),
    Hostile("label-10", "data", lambda: data_file(digits(3), np.array([0, 1, 10])), "digits 0..9"),
    Hostile("label-minus-1", "data", lambda: data_file(digits(3), np.array([0, -1, 2])), "digits 0..9"),
    Hostile("label-2**63", "data", lambda: data_file(digits(2), np.array([0, 2**63], np.uint64)), "digits 0..9"),
    Hostile("float-labels", "data", lambda: data_file(digits(3), np.zeros(3)), "integers"),
    Hostile("bool-labels", "data", lambda: data_file(digits(3), np.zeros(3, bool)), "integers"),
    Hostile("2d-labels", "data", lambda: data_file(digits(3), np.zeros((3, 1), int)), "labels of shape"),
    Hostile("float-images", "data", lambda: data_file(digits(3, np.float32), np.zeros(3, int)), "uint8"),
    Hostile("nan-images", "data", lambda: data_file(np.full((3, 28, 28), np.nan), np.zeros(3, int)), "uint8"),
    Hostile("uint16-images-over-255", "data", lambda: data_file(digits(3, np.uint16) + 256, np.zeros(3, int)), "uint8"),
    Hostile("no-images", "data", lambda: data_file(digits(0), np.zeros(0, int)), "no images"),
    Hostile("wrong-image-size", "data", lambda: data_file(np.zeros((3, 28, 27), np.uint8), np.zeros(3, int)), "(N, 28, 28)"),
    Hostile("int64-images", "data", lambda: data_file(digits(5, np.int64) + 7, np.arange(5)), check=_digits(5)),
    Hostile("truncated", "data", lambda: data_file(digits(50), np.zeros(50, int))[:20_000], ""),
    # images
    Hostile("png-declaring-20000-square", "image", lambda: png_declaring(20_000, 20_000), "too large"),
    Hostile("png-declaring-6000-square", "image", lambda: png_declaring(6000, 6000), "too large"),
    Hostile("bmp-declaring-20000-square", "image", lambda: bmp_declaring(20_000, 20_000), "too large"),
    Hostile("png-zero-width", "image", lambda: png_declaring(0, 10), ""),
    Hostile("png-decompression-bomb-5000-square", "image", lambda: png_zeros(5000, 5000), check=_blank),
    Hostile("png-ztxt-bomb", "image",
            lambda: png_declaring(28, 28, [(b"zTXt", b"Comment\0\0" + _deflated_zeros(50_000_000))], BLACK_28), "damaged"),
    Hostile("png-iccp-bomb", "image",
            lambda: png_declaring(28, 28, [(b"iCCP", b"icc\0\0" + _deflated_zeros(50_000_000))], BLACK_28), "damaged"),
    Hostile("png-3000-square-rgba", "image", _large_rgba_png, check=_read(), max_traced_mb=40),
    Hostile("truncated-png", "image", _truncated_png, "damaged or truncated"),
    Hostile("not-an-image", "image", lambda: b"this is not an image", "not an image"),
    Hostile("empty-image", "image", lambda: b"", "not an image"),
    Hostile("svg", "image", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="9"/></svg>', "not an image"),
    Hostile("float-tiff-nan-inf", "image", _float_tiff_with_nan, check=_read()),
    Hostile("gif-200-frames", "image", _animated_gif, check=_read()),
    # link text (ui.links.pixels.decode_pixels)
    Hostile("pixels-bomb-50MB", "pixels", pixels_bomb, "too long", max_traced_mb=1),
    Hostile("pixels-small-bomb", "pixels", lambda: pixels_text(_deflated_zeros(1_000_000)), "28x28", max_traced_mb=1),
    Hostile("pixels-785-bytes", "pixels", lambda: pixels_text(zlib.compress(bytes(785))), "28x28", max_traced_mb=1),
    Hostile("pixels-783-bytes", "pixels", lambda: pixels_text(zlib.compress(bytes(783))), "28x28", max_traced_mb=1),
    Hostile("pixels-trailing-data", "pixels", lambda: pixels_text(zlib.compress(bytes(784)) + b"more"), "28x28",
            max_traced_mb=1),
    Hostile("pixels-truncated-stream", "pixels", lambda: pixels_text(zlib.compress(bytes(784))[:-3]), "28x28",
            max_traced_mb=1),
    Hostile("pixels-not-base64", "pixels", lambda: "%%%%", "", max_traced_mb=1),
    Hostile("pixels-unicode", "pixels", lambda: "٣٣٣٣\u202e", "not a drawing", max_traced_mb=1),
    Hostile("pixels-100k-text", "pixels", lambda: "A" * 100_000, "too long", max_traced_mb=1),
]


def read(case: Hostile, built: Blob):
    """Run the reader this case targets on its built bytes (or text)."""
    if case.kind == "model":
        from nn_core.modelfile import load_model

        return load_model(built)
    if case.kind == "data":
        from nn_core.data import MAX_UPLOADED_DATASET_BYTES, load_digits_npz

        return load_digits_npz(built, max_bytes=MAX_UPLOADED_DATASET_BYTES)
    if case.kind == "image":
        from nn_core.drawing import read_drawing
        from nn_core.imagefile import read_image

        return read_drawing(read_image(built))
    if case.kind == "pixels":
        from ui.links.pixels import decode_pixels

        return decode_pixels(built)
    raise ValueError(f"unknown kind {case.kind!r}")


def expected_error(case: Hostile) -> type[Exception]:
    """The project's own error a refused case must raise."""
    from nn_core.errors import DataFileError, ImageFileError, ModelFileError

    return {"model": ModelFileError, "data": DataFileError, "image": ImageFileError, "pixels": ValueError}[case.kind]
