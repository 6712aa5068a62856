"""Reading image files (PNG, JPEG, ...) into uint8 arrays, with Pillow.

Pillow is imported here only, and only when a file is actually read, so ``nn_core``
stays numpy-only for everything else. Any image a person might hand over is handled or
refused with one sentence: not an image, truncated, enormous, animated (first frame),
palette, CMYK, 16-bit or floating-point.

Memory stays bounded: the size in the header is checked before decoding (at most 25
megapixels), a JPEG is decoded at a reduced scale when it is large, and an image longer
than ``MAX_SIDE`` is shrunk by a whole factor (averaging blocks of pixels) right after
decoding, before any conversion. The reading crops the digit and scales it to 20 pixels
anyway, so the 784 inputs barely change (a test compares a drawing read at 5000 and at
1000 pixels).
"""
from __future__ import annotations

import io
import math
import os
import stat
import struct
from typing import BinaryIO

import numpy as np

from nn_core.drawing import MAX_PIXELS, MAX_SIDE
from nn_core.errors import ImageFileError

MAX_FILE_BYTES = 20_000_000
# What Pillow's format plugins raise on malformed files (struct.error, IndexError, ... from odd TIFF tags):
DAMAGED = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError, ZeroDivisionError, TypeError)


def _to_uint8(image, sixteen_bit: bool = False) -> np.ndarray:
    """A Pillow image of any mode as uint8: L, LA, RGB or RGBA (``sixteen_bit``: it was I;16 before shrinking)."""
    mode = image.mode
    if mode in ("L", "LA", "RGB", "RGBA"):
        return np.asarray(image, dtype=np.uint8)
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        values = np.asarray(image).astype(np.float64)
        top = 65535.0 if sixteen_bit or mode.startswith("I;16") or values.max(initial=0) > 255 else 255.0
        return np.clip(values / top * 255.0, 0, 255).astype(np.uint8)
    if mode == "F":  # 0..1 or 0..255, judged by the finite values; NaN is paper, +inf full ink
        values = np.asarray(image, dtype=np.float64)
        top = 1.0 if values[np.isfinite(values)].max(initial=0) <= 1.0 else 255.0
        values = np.nan_to_num(values, nan=0.0, posinf=top, neginf=0.0)
        return np.clip(values / top * 255.0, 0, 255).astype(np.uint8)
    if mode in ("P", "PA"):
        return np.asarray(image.convert("RGBA"), dtype=np.uint8)
    if mode == "1":
        return np.asarray(image.convert("L"), dtype=np.uint8)
    return np.asarray(image.convert("RGB"), dtype=np.uint8)  # CMYK, YCbCr, LAB, HSV, ...


REDUCIBLE = ("L", "LA", "RGB", "RGBA", "I", "F")  # modes whose pixels Pillow's reduce can average


def _shrunk(image):
    """The image, or, if its long side exceeds MAX_SIDE, a copy shrunk by one whole factor.

    Modes whose values cannot be averaged (palette indices, 1-bit, 16-bit) are converted
    first, the way ``_to_uint8`` would convert them.
    """
    factor = math.ceil(max(image.size) / MAX_SIDE)
    if factor <= 1:
        return image
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA")
    elif image.mode == "1":
        image = image.convert("L")
    elif image.mode.startswith("I;16"):
        image = image.convert("I")
    elif image.mode not in REDUCIBLE:
        image = image.convert("RGB")
    return image.reduce(factor)


def _check_path(path: str | os.PathLike) -> None:
    """A path must name a regular file: reading a pipe or a device could block or never end."""
    if not os.fspath(path):
        raise ImageFileError("no image file was given (the file name is empty)")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImageFileError(f"no such image file: {os.fspath(path)}") from None
    except OSError as exc:
        raise ImageFileError(f"cannot open the image {os.fspath(path)}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageFileError(f"{os.fspath(path)} is a directory, not an image")
    if not stat.S_ISREG(info.st_mode):
        raise ImageFileError(f"{os.fspath(path)} is not a regular file (it is a pipe, a device or a socket)")
    if info.st_size > MAX_FILE_BYTES:
        raise ImageFileError(f"the image file is larger than {MAX_FILE_BYTES // 1_000_000} MB")


def read_image(source: str | os.PathLike | bytes | BinaryIO) -> np.ndarray:
    """The first frame of an image file as a uint8 array (H, W) or (H, W, C), at most MAX_SIDE long."""
    return read_image_with_size(source)[0]


def read_image_with_size(source: str | os.PathLike | bytes | BinaryIO) -> tuple[np.ndarray, tuple[int, int]]:
    """``read_image``, and the file's own (width, height): larger than the array's if it was shrunk."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, (bytes, bytearray)):
        if len(source) > MAX_FILE_BYTES:
            raise ImageFileError(f"the image file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        source = io.BytesIO(source)
    elif isinstance(source, (str, os.PathLike)):
        _check_path(source)
    try:
        with Image.open(source) as image:  # reads the header only; the size is checked first
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageFileError(f"the image is too large ({width}x{height}); at most 25 megapixels")
            if width < 1 or height < 1:
                raise ImageFileError("the image has no pixels")
            image.seek(0)  # animated images: the first frame
            if image.format == "JPEG":
                image.draft(None, (MAX_SIDE, MAX_SIDE))  # decode at 1/2, 1/4 or 1/8 scale if that is enough
            image.load()
            sixteen_bit = image.mode.startswith("I;16")
            return _to_uint8(_shrunk(image), sixteen_bit), (width, height)
    except ImageFileError:
        raise
    except FileNotFoundError:
        raise ImageFileError(f"no such image file: {source}") from None
    except IsADirectoryError:
        raise ImageFileError(f"{source} is a directory, not an image") from None
    except UnidentifiedImageError:
        raise ImageFileError("this file is not an image Pillow can read (try PNG or JPEG)") from None
    except Image.DecompressionBombError:
        raise ImageFileError("the image is too large to open safely") from None
    except MemoryError:
        raise ImageFileError("the image is too large to decode in the memory available") from None
    except DAMAGED as exc:
        raise ImageFileError(f"the image file is damaged or truncated ({exc})") from None
