"""What the drawing pad sends when a drawing changes, checked before anything in it is decoded.

The pad (ui/live/drawing_pad.js, mounted by ui/pages/draw/pad.py) sends ``{seq, image, strokes, width}``:
its own 280x280 pixels as a base64 PNG (what nn_core reads), its strokes (each ``[width, x0, y0, x1, y1, ...]`` in pad pixels,
so the pad can be painted again on the next visit) and the brush width. A modified browser could
send anything: ``pad_drawing`` returns the checked drawing or raises ``PadValueError``, whose message
says what was wrong in words. The image's size is checked twice before it is decoded (the length
of the base64 text, then the width and height in the PNG's header), so a small crafted file can
never decode into a huge image.
"""
from __future__ import annotations

import base64
import binascii
import math
import struct
from dataclasses import dataclass

import numpy as np

from nn_core.errors import NNCoreError
from nn_core.imagefile import read_image

PAD_SIZE = 280                     # the pad's own pixels, whatever its size on screen
BRUSH_RANGE = (6, 40)              # brush widths, in pad pixels
MAX_IMAGE_BYTES = 400_000          # a 280x280 RGBA PNG of pure noise is ~315 kB; a drawing is ~5-20 kB
MAX_STROKES = 200                  # as the pad's own limits (drawing_pad.js)
MAX_POINTS = 20_000
MOST_DRAWINGS = 2 ** 53            # a drawing number past this is not one the browser counted to
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PadValueError(ValueError):
    """A value the pad cannot have sent; the message says why (never echoing what was sent)."""


@dataclass(frozen=True)
class PadDrawing:
    """A checked drawing from the pad."""

    seq: int                                  # the pad's count of drawings sent (1, 2, ...)
    image: np.ndarray                         # (280, 280[, channels]) uint8: the pad's pixels
    strokes: tuple[tuple[float, ...], ...]    # (width, x0, y0, x1, y1, ...) per stroke
    width: int                                # the brush width chosen


def _whole(value, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    if value != int(value) or not low <= value <= high:
        return None
    return int(value)


def drawing_number(payload) -> int | None:
    """The ``seq`` of a payload, if it is one the pad could have counted to."""
    return _whole(payload.get("seq"), 1, MOST_DRAWINGS) if isinstance(payload, dict) else None


def brush_width(value) -> int:
    width = _whole(value, *BRUSH_RANGE)
    if width is None:
        raise PadValueError(f"the brush width was not a whole number from {BRUSH_RANGE[0]} to {BRUSH_RANGE[1]}")
    return width


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header, without decoding it."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise PadValueError("the picture was not a PNG image")
    return struct.unpack(">II", data[16:24])


def pad_image(value) -> np.ndarray:
    """The pad's pixels from base64 PNG text: a 280x280 uint8 image, or ``PadValueError``."""
    if not isinstance(value, str) or len(value) > 4 * MAX_IMAGE_BYTES // 3 + 4:
        raise PadValueError("the picture was missing or too large")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise PadValueError("the picture was not base64 text") from None
    if png_size(data) != (PAD_SIZE, PAD_SIZE):
        raise PadValueError(f"the picture was not {PAD_SIZE}x{PAD_SIZE} pixels")
    try:
        image = read_image(data)
    except NNCoreError:
        raise PadValueError("the picture could not be read") from None
    if image.shape[:2] != (PAD_SIZE, PAD_SIZE):
        raise PadValueError(f"the picture was not {PAD_SIZE}x{PAD_SIZE} pixels")
    return image


def _coordinate(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value) if 0 <= value <= PAD_SIZE else None


def pad_strokes(value) -> tuple[tuple[float, ...], ...]:
    """Strokes ``[[width, x0, y0, ...], ...]`` with whole widths in the brush range and points on the pad."""
    if not isinstance(value, list) or len(value) > MAX_STROKES:
        raise PadValueError(f"the strokes were not a list of at most {MAX_STROKES}")
    strokes, points = [], 0
    for stroke in value:
        if not isinstance(stroke, list) or len(stroke) < 3 or len(stroke) % 2 == 0:
            raise PadValueError("a stroke was not a brush width and points")
        points += (len(stroke) - 1) // 2
        if points > MAX_POINTS:
            raise PadValueError(f"the strokes had more than {MAX_POINTS:,} points")
        coordinates = [_coordinate(v) for v in stroke[1:]]
        if any(c is None for c in coordinates):
            raise PadValueError(f"a stroke had a point outside the {PAD_SIZE}x{PAD_SIZE} pad")
        strokes.append((brush_width(stroke[0]), *coordinates))
    return tuple(strokes)


def pad_drawing(payload) -> PadDrawing:
    """A payload ``{seq, image, strokes, width}`` checked (sizes, types, finite, bounded), or ``PadValueError``."""
    if not isinstance(payload, dict):
        raise PadValueError("it did not come as a drawing")
    seq = drawing_number(payload)
    if seq is None:
        raise PadValueError("its number was not a count of drawings")
    width = brush_width(payload.get("width"))
    strokes = pad_strokes(payload.get("strokes"))   # cheap: checked before the picture is decoded
    return PadDrawing(seq, pad_image(payload.get("image")), strokes, width)
