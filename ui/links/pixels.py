"""A drawing's 784 inputs as a short text for a link, and back (refusing anything this app did not write)."""
from __future__ import annotations

import base64
import binascii
import zlib

import numpy as np


def encode_pixels(pixels: np.ndarray) -> str:
    """784 inputs in 0..1 -> a short URL-safe text (uint8, deflated, base64)."""
    raw = np.round(np.clip(pixels, 0, 1) * 255).astype(np.uint8).tobytes()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


MAX_PIXELS_TEXT = 2048  # encode_pixels writes at most 1,060 characters: 784 bytes stored uncompressed


def decode_pixels(text: str) -> np.ndarray:
    """The inverse of ``encode_pixels``; ValueError for anything else.

    The text is short (at most MAX_PIXELS_TEXT characters) and at most 785 bytes are ever
    inflated from it, so a decompression bomb costs nothing: it is refused once the 785th
    byte appears.
    """
    if not isinstance(text, str) or len(text) > MAX_PIXELS_TEXT:
        raise ValueError(f"too long for a drawing (at most {MAX_PIXELS_TEXT:,} characters)")
    inflater = zlib.decompressobj()
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        raw = inflater.decompress(packed, 785)
    except (binascii.Error, zlib.error, ValueError):
        raise ValueError("not a drawing this app wrote") from None
    if len(raw) != 784 or not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
        raise ValueError("not 28x28 pixels")
    return np.frombuffer(raw, dtype=np.uint8).astype(np.float32) / 255.0
