"""A forged drawing-pad value (a huge or lying PNG, junk, NaN points, too many strokes) is refused, never decoded whole."""
import base64
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from ui.pages.draw import pad_values as canvas
from ui.pages.draw.pad_values import PadValueError, pad_drawing


def png(width, height, mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def payload(**changes) -> dict:
    value = {"seq": 3, "image": b64(png(280, 280)), "strokes": [[20, 10, 10, 100.5, 200]], "width": 20}
    value.update(changes)
    return value


def lying_png() -> bytes:
    """A PNG whose header says 280x280 but whose compressed pixels are those of a 9000x9000 image."""
    real = png(9000, 9000, "L")
    header = b"IHDR" + struct.pack(">II", 280, 280) + real[24:29]
    return real[:12] + header + struct.pack(">I", zlib.crc32(header)) + real[33:]


def test_the_pads_own_drawing_is_read():
    drawing = pad_drawing(payload())
    assert drawing.image.shape[:2] == (280, 280) and drawing.image.dtype == np.uint8
    assert drawing.seq == 3 and drawing.width == 20 and drawing.strokes == ((20, 10.0, 10.0, 100.5, 200.0),)
    assert pad_drawing(payload(strokes=[], image=b64(png(280, 280, "L")))).strokes == ()   # a cleared pad


def test_a_huge_picture_is_refused_before_it_is_decoded(monkeypatch):
    def never(*_):
        raise AssertionError("decoded")

    monkeypatch.setattr(canvas, "read_image", never)
    for image in (b64(png(9000, 9000, "L")), b64(png(281, 280)), "A" * 600_000):
        with pytest.raises(PadValueError):
            pad_drawing(payload(image=image))


def test_a_lying_header_can_only_ever_give_a_pad_sized_picture():
    try:
        image = pad_drawing(payload(image=b64(lying_png()))).image
    except PadValueError:
        return
    assert image.shape[:2] == (280, 280)


FORGED = {
    "not a dict": [1, 2, 3],
    "no seq": payload(seq=None),
    "seq a bool": payload(seq=True),
    "seq NaN": payload(seq=float("nan")),
    "seq past 2**53": payload(seq=2 ** 60),
    "seq zero": payload(seq=0),
    "width too wide": payload(width=41),
    "width a fraction": payload(width=20.5),
    "width text": payload(width="20"),
    "no picture": payload(image=None),
    "picture not base64": payload(image="data:image/png;base64,!!!"),
    "picture not a png": payload(image=b64(b"GIF89a" + bytes(40))),
    "picture 9000 square": payload(image=b64(png(9000, 9000, "L"))),
    "picture too many bytes": payload(image=b64(b"\x89PNG" + bytes(450_000))),
    "picture a truncated png": payload(image=b64(png(280, 280)[:60])),
    "strokes not a list": payload(strokes={"0": [20, 1, 1]}),
    "too many strokes": payload(strokes=[[20, 1, 1]] * 201),
    "too many points": payload(strokes=[[20] + [1.0] * 40_002]),
    "a stroke without points": payload(strokes=[[20]]),
    "a stroke with half a point": payload(strokes=[[20, 1, 1, 5]]),
    "a stroke's width a bool": payload(strokes=[[True, 1, 1]]),
    "a NaN point": payload(strokes=[[20, 1, float("nan")]]),
    "an infinite point": payload(strokes=[[20, float("inf"), 1]]),
    "a point off the pad": payload(strokes=[[20, 1, 281]]),
    "a point that is text": payload(strokes=[[20, "1", 1]]),
    "a nested point": payload(strokes=[[20, [1], 1]]),
}


@pytest.mark.parametrize("value", FORGED.values(), ids=FORGED.keys())
def test_anything_else_is_refused_with_a_reason(value):
    with pytest.raises(PadValueError) as refused:
        pad_drawing(value)
    assert str(refused.value) and "nan" not in str(refused.value).lower()
