"""Random noise for the network to look at: 784 random pixels, the same for the same seed.

3Blue1Brown's critique of this network: shown pure noise, it still answers a digit, often
confidently. Nothing in its training showed it what is *not* a digit, and its outputs have no
"none of these".
"""
from __future__ import annotations

import numpy as np

from nn_core.network import Network, predict

MAX_SEED = 999_999


def noise_pixels(seed: int) -> np.ndarray:
    """(784,) float32: each pixel an independent random brightness, uniform in [0, 1), from ``seed``."""
    if not 0 <= int(seed) <= MAX_SEED:
        raise ValueError(f"a noise seed is a whole number from 0 to {MAX_SEED:,}")
    return np.random.default_rng(int(seed)).random(784).astype(np.float32)


def noise_answers(network: Network, seeds) -> tuple[np.ndarray, np.ndarray]:
    """What ``network`` answers for the noise of each seed: (answers (n,), the output for each answer (n,))."""
    outputs = predict(network, np.stack([noise_pixels(seed) for seed in seeds]))
    answers = outputs.argmax(axis=1)
    return answers, outputs[np.arange(len(answers)), answers]
