"""Small numpy helpers that turn 0..1 pixel arrays into crisp images for ``st.image``.

Browsers blur small images when enlarging them; enlarging by whole pixels first keeps
each of the 28x28 inputs a visible square.
"""
from __future__ import annotations

import numpy as np


def enlarge(values: np.ndarray, size: int = 140) -> np.ndarray:
    """A 0..1 image enlarged by whole pixels to about ``size`` px on its longer side, as uint8."""
    values = np.clip(np.asarray(values, dtype=np.float32), 0.0, 1.0)
    factor = max(1, size // max(values.shape))
    big = np.repeat(np.repeat(values, factor, axis=0), factor, axis=1)
    return (big * 255 + 0.5).astype(np.uint8)


def framed(values: np.ndarray, size: int = 140, frame: int = 28) -> np.ndarray:
    """``values`` pasted at the centre of a black frame x frame square, then enlarged."""
    values = np.asarray(values, dtype=np.float32)
    h, w = values.shape
    side = max(frame, h, w)
    canvas = np.zeros((side, side), dtype=np.float32)
    top, left = (side - h) // 2, (side - w) // 2
    canvas[top:top + h, left:left + w] = values
    return enlarge(canvas, size)


def shrink(values: np.ndarray, size: int = 140) -> np.ndarray:
    """A large 0..1 image shown at about ``size`` px (by averaging blocks), as uint8."""
    values = np.clip(np.asarray(values, dtype=np.float32), 0.0, 1.0)
    step = max(1, max(values.shape) // size)
    h, w = (values.shape[0] // step) * step, (values.shape[1] // step) * step
    small = values[:h, :w].reshape(h // step, step, w // step, step).mean(axis=(1, 3))
    return (small * 255 + 0.5).astype(np.uint8)


def thumbnail(values: np.ndarray, size: int = 140) -> np.ndarray:
    """About ``size`` px on the longer side: enlarged by whole pixels, or shrunk by averaging."""
    return shrink(values, size) if max(np.shape(values)) > size else enlarge(values, size)
