"""Reading image files (PNG, JPEG, ...) into uint8 arrays, with Pillow.

Pillow is imported here only, and only when a file is actually read, so ``nn_core``
stays numpy-only for everything else. Any image a person might hand over is handled or
refused with one sentence: not an image, truncated, enormous, animated (first frame),
palette, CMYK, 16-bit or floating-point.
"""
from __future__ import annotations

import io
import os
from typing import BinaryIO

import numpy as np

from nn_core.drawing import MAX_PIXELS
from nn_core.errors import ImageFileError

MAX_FILE_BYTES = 20_000_000


def _to_uint8(image) -> np.ndarray:
    """A Pillow image of any mode as uint8: L, LA, RGB or RGBA."""
    mode = image.mode
    if mode in ("L", "LA", "RGB", "RGBA"):
        return np.asarray(image, dtype=np.uint8)
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        values = np.asarray(image).astype(np.float64)
        top = 65535.0 if mode.startswith("I;16") or values.max(initial=0) > 255 else 255.0
        return np.clip(values / top * 255.0, 0, 255).astype(np.uint8)
    if mode == "F":
        values = np.nan_to_num(np.asarray(image, dtype=np.float64))
        top = 1.0 if values.max(initial=0) <= 1.0 else 255.0
        return np.clip(values / top * 255.0, 0, 255).astype(np.uint8)
    if mode in ("P", "PA"):
        return np.asarray(image.convert("RGBA"), dtype=np.uint8)
    if mode == "1":
        return np.asarray(image.convert("L"), dtype=np.uint8)
    return np.asarray(image.convert("RGB"), dtype=np.uint8)  # CMYK, YCbCr, LAB, HSV, ...


def read_image(source: str | os.PathLike | bytes | BinaryIO) -> np.ndarray:
    """The first frame of an image file as a uint8 array (H, W) or (H, W, C)."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, (bytes, bytearray)):
        if len(source) > MAX_FILE_BYTES:
            raise ImageFileError(f"the image file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        source = io.BytesIO(source)
    try:
        with Image.open(source) as image:  # reads the header only; the size is checked first
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageFileError(f"the image is too large ({width}x{height}); at most 25 megapixels")
            if width < 1 or height < 1:
                raise ImageFileError("the image has no pixels")
            image.seek(0)  # animated images: the first frame
            image.load()
            return _to_uint8(image)
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
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageFileError(f"the image file is damaged or truncated ({exc})") from None
