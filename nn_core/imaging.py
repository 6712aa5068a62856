"""Pixel-grid operations in plain numpy: resizing, warping, thickening, blurring.

Reading a drawing, augmenting training digits and simulating canvas drawings all need
these, and numpy alone has none of them. Images are float32 arrays with ink > 0 on a
0 background; batches are (N, H, W).
"""
from __future__ import annotations

import numpy as np


def resample_matrix(size_in: int, size_out: int) -> np.ndarray:
    """(size_out, size_in) weights that resize one axis with a triangle (bilinear) filter.

    When shrinking, the filter is widened by the reduction factor, so every input pixel
    contributes (anti-aliasing, as Pillow's BILINEAR does). Rows sum to 1.
    """
    scale = size_in / size_out
    support = max(scale, 1.0)
    centres = (np.arange(size_out) + 0.5) * scale  # output pixel centres in input coordinates
    positions = np.arange(size_in) + 0.5
    distance = np.abs(positions[None, :] - centres[:, None]) / support
    weights = np.clip(1.0 - distance, 0.0, None)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights.astype(np.float32)


def resize(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Resize a 2-D image to (height, width) with anti-aliased bilinear filtering."""
    rows = resample_matrix(image.shape[0], height)
    cols = resample_matrix(image.shape[1], width)
    return rows @ image.astype(np.float32) @ cols.T


def shift_image(image: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move a 2-D image by whole pixels, filling with 0; what leaves the frame is lost."""
    out = np.zeros_like(image)
    h, w = image.shape
    ys, yd = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
    xs, xd = (slice(0, w - dx), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, w + dx))
    out[yd, xd] = image[ys, xs]
    return out


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the ink's centre of mass; the image centre if there is no ink."""
    total = float(image.sum())
    if total <= 0:
        return (image.shape[0] - 1) / 2, (image.shape[1] - 1) / 2
    rows = np.arange(image.shape[0], dtype=np.float64)
    cols = np.arange(image.shape[1], dtype=np.float64)
    return float(image.sum(axis=1) @ rows / total), float(image.sum(axis=0) @ cols / total)


def bilinear_sample(images: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sample a batch (N, H, W) at fractional coordinates rows/cols (N, H', W'), 0 outside."""
    n, h, w = images.shape
    padded = np.zeros((n, h + 2, w + 2), dtype=np.float32)
    padded[:, 1:-1, 1:-1] = images
    flat = padded.reshape(-1)
    r = np.clip(rows + 1.0, 0.0, h + 1 - 1e-4)
    c = np.clip(cols + 1.0, 0.0, w + 1 - 1e-4)
    r0 = np.floor(r).astype(np.intp)
    c0 = np.floor(c).astype(np.intp)
    fr = (r - r0).astype(np.float32)
    fc = (c - c0).astype(np.float32)
    base = (np.arange(n) * (h + 2) * (w + 2)).reshape(n, 1, 1)
    top_left = base + r0 * (w + 2) + c0
    top = flat[top_left] * (1 - fc) + flat[top_left + 1] * fc
    bottom = flat[top_left + w + 2] * (1 - fc) + flat[top_left + w + 3] * fc
    return top * (1 - fr) + bottom * fr


def max_filter3(images: np.ndarray) -> np.ndarray:
    """Each pixel becomes the largest of its 3x3 neighbourhood (thickens strokes by 1 px)."""
    padded = np.pad(images, [(0, 0)] * (images.ndim - 2) + [(1, 1), (1, 1)])
    h, w = images.shape[-2:]
    out = images.copy()
    for dy in range(3):
        for dx in range(3):
            np.maximum(out, padded[..., dy:dy + h, dx:dx + w], out=out)
    return out


def min_filter3(images: np.ndarray) -> np.ndarray:
    """Each pixel becomes the smallest of its 3x3 neighbourhood (thins strokes by 1 px)."""
    return -max_filter3(-images)


def gaussian_matrix(size: int, sigma: float) -> np.ndarray:
    """(size, size) matrix G such that G @ x blurs x along one axis (rows normalised)."""
    offsets = np.arange(size)[:, None] - np.arange(size)[None, :]
    kernel = np.exp(-0.5 * (offsets / sigma) ** 2)
    return (kernel / kernel.sum(axis=1, keepdims=True)).astype(np.float32)
