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


def signed_colours(values: np.ndarray, limit: float, negative: tuple[int, int, int],
                   positive: tuple[int, int, int]) -> np.ndarray:
    """Signed values as RGB uint8: ``negative`` colour at -limit, white at 0, ``positive`` at +limit.

    NaN (gaps between tiles) becomes a light grey.
    """
    values = np.asarray(values, dtype=np.float32)
    t = np.clip(np.nan_to_num(values, nan=0.0) / limit, -1.0, 1.0)[..., None]
    white = np.float32(255.0)
    towards = np.where(t >= 0, np.asarray(positive, np.float32), np.asarray(negative, np.float32))
    rgb = white + np.abs(t) * (towards - white)
    rgb[np.isnan(values)] = 235.0
    return rgb.astype(np.uint8)


def tile(images: np.ndarray, columns: int, gap: int = 1) -> np.ndarray:
    """(n, h, w) images laid out ``columns`` to a row, with NaN gaps between them."""
    n, h, w = images.shape
    rows = -(-n // columns)
    mosaic = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), np.nan, dtype=np.float32)
    for k in range(n):
        r, c = divmod(k, columns)
        mosaic[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = images[k]
    return mosaic


def enlarge_rgb(rgb: np.ndarray, factor: int) -> np.ndarray:
    """An (h, w, 3) image enlarged by whole pixels."""
    return np.repeat(np.repeat(rgb, factor, axis=0), factor, axis=1)


TEMPLATES_SHOWN = 32   # a mosaic of the first layer shows at most this many neurons' templates


def template_mosaic(weights: np.ndarray, limit: float, negative: tuple[int, int, int], positive: tuple[int, int, int],
                    columns: int = 8, max_neurons: int = TEMPLATES_SHOWN) -> np.ndarray:
    """The first layer's templates W^(1) (n, 784) as one RGB image, each 28x28 tile enlarged 3x.

    An image is far cheaper for the browser to redraw twice a second than a plotly heatmap.
    ``limit`` is the fixed colour range: a colour means the same weight from frame to frame.
    """
    shown = np.asarray(weights)[:max_neurons].reshape(-1, 28, 28)
    return enlarge_rgb(signed_colours(tile(shown, min(columns, len(shown))), limit, negative, positive), 3)
