"""A fake canvas value (a huge PNG, not base64, no image at all) is ignored, never decoded whole."""
import io

import pytest
from PIL import Image

from ui.canvas import _canvas_image


class FakeResult:
    def __init__(self, data):
        self._data = data

    @property
    def image_bytes(self):
        if isinstance(self._data, Exception):
            raise self._data
        return self._data


def png(width, height, mode="RGBA"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_canvas_own_picture_is_read():
    image = _canvas_image(FakeResult(png(280, 280)))
    assert image.shape == (280, 280, 4)


@pytest.mark.parametrize("data", [png(9000, 9000, "L"), b"not a png at all", ValueError("not enough values to unpack"),
                                  None, b"\x89PNG" + bytes(3_000_000)],
                         ids=["9000-square", "junk", "no-data-url", "nothing", "too-many-bytes"])
def test_anything_else_is_ignored(data):
    assert _canvas_image(FakeResult(data)) is None
