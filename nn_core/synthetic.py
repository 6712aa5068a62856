"""Canvas-like drawings made from real digits, to measure how well drawings are read.

A person drawing on the app's 280x280 canvas produces a digit of any size, anywhere, with
a round brush of fixed width: unlike MNIST, where every digit fills a 20 px box with
strokes about 2.5 px wide. To test that difference without a person, each real digit is
thinned to its centre line (Zhang-Suen skeleton), scaled and placed at random on a
280x280 canvas, and redrawn with a round brush of random width.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.data import DigitSet
from nn_core.drawing import read_drawing
from nn_core.imaging import max_filter3, resize


@dataclass(frozen=True)
class CanvasStyle:
    """Ranges the random drawings are sampled from (pixels of a 280x280 canvas)."""

    canvas: int = 280
    min_height: float = 0.30         # digit height as a fraction of the canvas
    max_height: float = 0.90
    min_stroke: float = 6.0          # brush width in pixels ...
    max_stroke: float = 36.0
    max_stroke_ratio: float = 0.22   # ... but at most this fraction of the digit's height
    min_stroke_ratio: float = 0.04   # ... and at least this fraction


def _neighbours(img: np.ndarray) -> list[np.ndarray]:
    """P2..P9 of the Zhang-Suen paper: N, NE, E, SE, S, SW, W, NW of every pixel."""
    p = np.pad(img, 1)
    h, w = img.shape
    at = lambda dy, dx: p[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]  # noqa: E731
    return [at(-1, 0), at(-1, 1), at(0, 1), at(1, 1), at(1, 0), at(1, -1), at(0, -1), at(-1, -1)]


def skeleton(binary: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning: the one-pixel-wide centre line of a binary shape."""
    img = binary.astype(np.uint8).copy()
    while True:
        changed = False
        for first_pass in (True, False):
            n = _neighbours(img)
            count = sum(n)
            transitions = sum(((n[i] == 0) & (n[(i + 1) % 8] == 1)) for i in range(8))
            p2, p4, p6, p8 = n[0], n[2], n[4], n[6]
            if first_pass:
                cond = (p2 * p4 * p6 == 0) & (p4 * p6 * p8 == 0)
            else:
                cond = (p2 * p4 * p8 == 0) & (p2 * p6 * p8 == 0)
            remove = (img == 1) & (count >= 2) & (count <= 6) & (transitions == 1) & cond
            if remove.any():
                img[remove] = 0
                changed = True
        if not changed:
            return img.astype(bool)


def _segments(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of 8-connected skeleton pixels, as (k, 2) start and end coordinates."""
    padded = np.pad(mask, 1)
    h, w = mask.shape
    starts, ends = [], []
    for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
        neighbour = padded[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]
        ys, xs = np.nonzero(mask & neighbour)
        starts.append(np.stack([ys, xs], axis=1))
        ends.append(np.stack([ys + dy, xs + dx], axis=1))
    return np.concatenate(starts), np.concatenate(ends)


def _brush(points: np.ndarray, size: int, width: float) -> np.ndarray:
    """Ink of a round brush of ``width`` px dragged through ``points`` on a size x size canvas."""
    canvas = np.zeros((size, size), dtype=np.float32)
    ys = np.clip(np.round(points[:, 0]).astype(int), 0, size - 1)
    xs = np.clip(np.round(points[:, 1]).astype(int), 0, size - 1)
    canvas[ys, xs] = 1.0
    radius = max(0, int(round(width / 2)) - 1)
    cross = np.zeros((3, 3), dtype=bool)
    cross[1, :] = cross[:, 1] = True
    for step in range(radius):  # alternate square and cross steps: an octagon, close to a disc
        if step % 2 == 0:
            canvas = max_filter3(canvas)
        else:
            p = np.pad(canvas, 1)
            canvas = np.maximum.reduce([canvas, p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]])
    return canvas


def canvas_drawing(digit: np.ndarray, rng: np.random.Generator, style: CanvasStyle = CanvasStyle()) -> np.ndarray:
    """A (size, size, 4) uint8 RGBA drawing of a 28x28 digit: white strokes on black, like the canvas."""
    upscale = 4
    big = resize(digit.astype(np.float32) / 255.0, 28 * upscale, 28 * upscale)
    line = skeleton(big > 0.45)
    if not line.any():
        line = big > 0.2
    ys, xs = np.nonzero(line)
    height_px = rng.uniform(style.min_height, style.max_height) * style.canvas
    extent = max(ys.max() - ys.min(), 1)
    scale = height_px / extent
    width_px = (xs.max() - xs.min()) * scale
    stroke = rng.uniform(
        max(style.min_stroke, style.min_stroke_ratio * height_px),
        min(style.max_stroke, style.max_stroke_ratio * height_px),
    )
    margin = stroke / 2 + 2
    top = rng.uniform(margin, max(margin, style.canvas - margin - height_px))
    left = rng.uniform(margin, max(margin, style.canvas - margin - width_px))
    starts, ends = _segments(line)
    steps = max(2, int(np.ceil(scale * 1.5)) + 1)
    t = np.linspace(0.0, 1.0, steps)[None, :, None]
    path = (starts[:, None, :] + (ends - starts)[:, None, :] * t).reshape(-1, 2)
    path = np.concatenate([path, np.stack([ys, xs], axis=1)])
    origin = np.array([ys.min(), xs.min()], dtype=np.float64)
    points = (path - origin) * scale + np.array([top, left])
    ink = _brush(points, style.canvas, stroke)
    rgba = np.zeros((style.canvas, style.canvas, 4), dtype=np.uint8)
    level = (ink * 255).astype(np.uint8)
    rgba[..., 0] = rgba[..., 1] = rgba[..., 2] = level
    rgba[..., 3] = 255
    return rgba


def redrawn_digits(digits, copies: int, seed: int, style: CanvasStyle = CanvasStyle()):
    """``copies`` canvas-like redraws of every digit, read back to 28x28 like a user's drawing.

    Used as extra training data: it teaches the network what drawings look like after the
    reading steps (brush strokes, any thickness), which MNIST's pen strokes do not show.
    """
    rng = np.random.default_rng(seed)
    images = np.empty((copies * len(digits), 28, 28), dtype=np.uint8)
    for k in range(copies):
        for i, digit in enumerate(digits.images):
            centred = read_drawing(canvas_drawing(digit, rng, style)).centred
            images[k * len(digits) + i] = np.round(centred * 255).astype(np.uint8)
    return DigitSet(images, np.tile(digits.labels, copies), f"{digits.name}, redrawn x{copies}")
