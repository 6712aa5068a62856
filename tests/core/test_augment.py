"""Augmentation (nn_core.augment): distorted copies of digits, with the shapes, range and randomness training relies on."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_core.augment import Augmentation, augment_images

NONE = Augmentation(max_shift=0, max_rotation=0, max_scale=0, max_shear=0, elastic=0, max_thickness=0)


@pytest.fixture(scope="module")
def digits(embedded):
    train, _ = embedded
    return train.images[:32].astype(np.float32) / 255.0


def test_shape_dtype_and_range_are_kept(digits):
    out = augment_images(digits, np.random.default_rng(0))
    assert out.shape == digits.shape and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert not np.shares_memory(out, digits)


def test_the_same_seed_gives_the_same_copies_and_another_seed_others(digits):
    first = augment_images(digits, np.random.default_rng(7))
    np.testing.assert_array_equal(first, augment_images(digits, np.random.default_rng(7)))
    assert not np.array_equal(first, augment_images(digits, np.random.default_rng(8)))


def test_with_every_distortion_off_a_digit_comes_back_unchanged(digits):
    np.testing.assert_allclose(augment_images(digits, np.random.default_rng(0), NONE), digits, atol=1e-5)


def test_a_copy_stays_close_to_its_digit_and_keeps_most_of_its_ink(digits):
    out = augment_images(digits, np.random.default_rng(1))
    ink_before, ink_after = digits.sum(axis=(1, 2)), out.sum(axis=(1, 2))
    assert np.all(ink_after > 0.25 * ink_before) and np.all(ink_after < 3 * ink_before)   # never emptied nor flooded
    mine = np.abs(out - digits).mean(axis=(1, 2))
    others = np.abs(out - np.roll(digits, 1, axis=0)).mean(axis=(1, 2))
    assert np.mean(mine < others) > 0.75     # most copies are nearer their own digit than another one


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_any_seed_and_batch_gives_images_in_range(seed, n):
    images = np.random.default_rng(seed).random((n, 28, 28), dtype=np.float32)
    out = augment_images(images, np.random.default_rng(seed))
    assert out.shape == (n, 28, 28) and np.isfinite(out).all() and out.min() >= 0 and out.max() <= 1
