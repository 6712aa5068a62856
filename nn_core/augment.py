"""Data augmentation: new training digits made by gently distorting the real ones.

A person draws the same digit a little rotated, slanted, larger, thicker or wobblier each
time. Showing the network such variations teaches it that they do not change the digit,
which is what lets 4,000 examples generalise to digits it has never seen, including the
ones drawn on the canvas. Every transformation is sampled per image from ``rng``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from nn_core.imaging import bilinear_sample, gaussian_matrix, max_filter3, min_filter3

SIDE = 28
CENTRE = 14.0  # MNIST places the centre of mass at pixel (14, 14)


@dataclass(frozen=True)
class Augmentation:
    """How strong each random distortion may be (0 switches it off)."""

    max_shift: float = 2.0        # pixels, in each direction
    max_rotation: float = 12.0    # degrees
    max_scale: float = 0.12       # +-12 % size
    max_shear: float = 0.25       # slant: columns move by this much per row
    elastic: float = 1.0          # RMS displacement in pixels of a smooth random warp
    elastic_sigma: float = 3.0    # smoothness of that warp, in pixels
    max_thickness: float = 0.7    # blend towards a stroke 1 px thicker or thinner

    def to_dict(self) -> dict:
        return asdict(self)


DEFAULT_AUGMENTATION = Augmentation()


def _thickness(images: np.ndarray, rng: np.random.Generator, strength: float) -> np.ndarray:
    """Blend each image towards its dilated (t > 0) or eroded (t < 0) version."""
    amount = rng.uniform(-strength, strength, size=(len(images), 1, 1)).astype(np.float32)
    target = np.where(amount > 0, max_filter3(images), min_filter3(images))
    return images + np.abs(amount) * (target - images)


def _elastic_field(n: int, rng: np.random.Generator, rms: float, sigma: float) -> np.ndarray:
    """Smooth random displacement fields (2, n, 28, 28) with the given RMS in pixels."""
    blur = gaussian_matrix(SIDE, sigma)
    noise = rng.uniform(-1.0, 1.0, size=(2, n, SIDE, SIDE)).astype(np.float32)
    field = blur @ noise @ blur.T
    field *= rms / np.sqrt(np.mean(field * field, axis=(2, 3), keepdims=True) + 1e-12)
    return field


def augment_images(images: np.ndarray, rng: np.random.Generator, config: Augmentation = DEFAULT_AUGMENTATION) -> np.ndarray:
    """Randomly distorted copies of a batch of digits (N, 28, 28) in 0..1, float32."""
    images = np.asarray(images, dtype=np.float32)
    n = len(images)
    if config.max_thickness > 0:
        images = _thickness(images, rng, config.max_thickness)
    # Inverse mapping: for each output pixel p, read the source at M (p - c) + c - t.
    angle = np.deg2rad(rng.uniform(-config.max_rotation, config.max_rotation, n))
    scale = 1.0 + rng.uniform(-config.max_scale, config.max_scale, n)
    shear = rng.uniform(-config.max_shear, config.max_shear, n)
    shift = rng.uniform(-config.max_shift, config.max_shift, (2, n))
    # M = rotation(angle) / scale @ slant, where slant moves column x to x + shear * y
    cos, sin = np.cos(angle) / scale, np.sin(angle) / scale
    m00, m01, m10, m11 = cos - sin * shear, -sin, sin + cos * shear, cos
    y, x = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32) - CENTRE
    col = lambda v: v.reshape(n, 1, 1).astype(np.float32)  # noqa: E731
    rows = col(m00) * y + col(m01) * x + CENTRE - col(shift[0])
    cols = col(m10) * y + col(m11) * x + CENTRE - col(shift[1])
    if config.elastic > 0:
        field = _elastic_field(n, rng, config.elastic, config.elastic_sigma)
        rows += field[0]
        cols += field[1]
    return np.clip(bilinear_sample(images, rows, cols), 0.0, 1.0)
