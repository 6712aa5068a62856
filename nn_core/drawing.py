"""Reading a drawing: from any image of a digit to the network's 784 inputs.

MNIST digits were made by cropping each written digit to its ink, scaling it so its
longest side is 20 pixels (keeping the aspect ratio, with anti-aliasing) and placing it
in a 28x28 frame with its centre of mass at the centre. A drawing must go through the
same steps, or the network sees something unlike anything it learned from. Every
intermediate image is kept, so a page can show the steps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nn_core.errors import ImageFileError
from nn_core.imaging import centre_of_mass, resize, shift_image

SIDE = 28
BOX = 20                  # the digit's longest side inside the frame
CENTRE = (14.0, 14.0)     # where MNIST puts the centre of mass (measured on the embedded digits)
INK_THRESHOLD = 0.1       # ink fainter than this is background noise
MIN_CONTRAST = 0.15       # less difference than this between ink and paper: an empty drawing
MAX_PIXELS = 25_000_000   # larger images are refused (5000 x 5000)
MAX_SIDE = 1024           # a longer image is first shrunk by a whole factor, averaging blocks of pixels
BAND_PIXELS = 1 << 20     # ... a band of rows at a time, so no full-size float copy is ever made


@dataclass(frozen=True)
class Reading:
    """A drawing turned into network inputs, with every step along the way.

    ``ink`` is the drawing as ink intensity 0..1 (light strokes on black), ``cropped`` the
    ink's bounding box, ``scaled`` that box resized so its longest side is 20 px, and
    ``centred`` the 28x28 image with the centre of mass in the middle; ``inputs`` is
    ``centred`` as the network's (784,) float32 input. ``empty`` drawings have no steps.
    """

    ink: np.ndarray
    inverted: bool
    empty: bool
    box: tuple[int, int, int, int] | None = None   # top, bottom, left, right (exclusive)
    cropped: np.ndarray | None = None
    scaled: np.ndarray | None = None
    centred: np.ndarray | None = None
    shift: tuple[int, int] = (0, 0)

    @property
    def inputs(self) -> np.ndarray | None:
        return None if self.centred is None else self.centred.reshape(SIDE * SIDE)


def _as_unit_float(image: np.ndarray, over_255: bool | None = None) -> np.ndarray:
    """Pixel values as float32 in 0..1, whatever the integer or float type.

    Floats are taken as 0..255 if any finite value exceeds 1 (``over_255`` gives that answer
    when ``image`` is only part of a larger image).
    """
    if image.dtype == np.bool_:
        return image.astype(np.float32)
    if image.dtype.kind == "u":
        return image.astype(np.float32) / np.float32(np.iinfo(image.dtype).max)
    if image.dtype.kind == "i":
        return np.clip(image, 0, 255).astype(np.float32) / 255.0
    if image.dtype.kind == "f":
        image = np.nan_to_num(image.astype(np.float32), nan=0.0, posinf=1.0, neginf=0.0)
        if over_255 is None:
            over_255 = image.size > 0 and image.max() > 1.0
        return np.clip(image / 255.0 if over_255 else image, 0.0, 1.0)
    raise ImageFileError(f"an image must hold numbers, not {image.dtype}")


def _row_bands(height: int, width: int, block_rows: int):
    """Slices of rows, whole blocks of ``block_rows`` each, of about BAND_PIXELS pixels."""
    step = block_rows * max(1, BAND_PIXELS // max(1, width * block_rows))
    return [slice(top, min(top + step, height)) for top in range(0, height, step)]


def _shrunk_unit_float(image: np.ndarray) -> np.ndarray:
    """A large image as float32 0..1, shrunk by one whole factor so its long side is at most MAX_SIDE.

    Each output pixel is the mean of a factor x factor block (an axis shorter than the
    factor becomes one pixel; the last < factor rows and columns are dropped), as Pillow's
    ``reduce`` does. The conversion runs a band of rows at a time, so memory stays at about
    BAND_PIXELS floats per channel, not a float copy of the whole image.
    """
    height, width = image.shape[:2]
    factor = math.ceil(max(height, width) / MAX_SIDE)
    rows_per_block, cols_per_block = min(factor, height), min(factor, width)
    out_height, out_width = height // rows_per_block, width // cols_per_block
    image = image[:out_height * rows_per_block, :out_width * cols_per_block]
    bands = _row_bands(image.shape[0], image.shape[1], rows_per_block)
    over_255 = None
    if image.dtype.kind == "f":
        over_255 = any(float(np.nan_to_num(image[band], nan=0.0, posinf=1.0, neginf=0.0).max(initial=0.0)) > 1.0
                       for band in bands)
    out = np.empty((out_height, out_width, *image.shape[2:]), dtype=np.float32)
    for band in bands:
        pixels = _as_unit_float(image[band], over_255)
        rows = pixels.reshape(-1, rows_per_block, *pixels.shape[1:]).sum(axis=1)  # whole rows: fast
        blocks = rows.reshape(rows.shape[0], out_width, cols_per_block, *pixels.shape[2:]).sum(axis=2)
        out[band.start // rows_per_block:band.stop // rows_per_block] = blocks
    out /= np.float32(rows_per_block * cols_per_block)
    return out


def _border(image: np.ndarray) -> np.ndarray:
    """The outermost ring of pixels, where the background shows."""
    return np.concatenate([image[0], image[-1], image[1:-1, 0], image[1:-1, -1]])


def ink_of(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """(ink 0..1 with light strokes, inverted?) from grayscale, gray+alpha, RGB or RGBA.

    A transparent background means the opaque pixels are the strokes, whatever their
    colour. Otherwise the luminance is used, flipped when the border (the paper) is light.
    """
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (2, 3, 4)):
        raise ImageFileError(f"a drawing must be a grayscale, RGB or RGBA image; got an array of shape {image.shape}")
    if image.shape[0] < 1 or image.shape[1] < 1:
        raise ImageFileError("the image has no pixels")
    if image.shape[0] * image.shape[1] > MAX_PIXELS:
        raise ImageFileError(f"the image is too large ({image.shape[1]}x{image.shape[0]}); at most 25 megapixels")
    pixels = _shrunk_unit_float(image) if max(image.shape[:2]) > MAX_SIDE else _as_unit_float(image)
    if pixels.ndim == 2:
        gray, alpha = pixels, None
    else:
        channels = pixels.shape[2]
        alpha = pixels[:, :, -1] if channels in (2, 4) else None
        colour = pixels[:, :, :3] if channels >= 3 else pixels[:, :, :1]
        gray = colour @ np.array([0.299, 0.587, 0.114], dtype=np.float32) if channels >= 3 else colour[:, :, 0]
    if alpha is not None and np.median(_border(alpha)) < 0.5:
        return alpha.copy(), False  # strokes on a transparent background
    if np.median(_border(gray)) > 0.5:
        return 1.0 - gray, True     # dark strokes on light paper
    return gray.copy(), False


def _normalise_contrast(ink: np.ndarray) -> np.ndarray | None:
    """Background to 0 and the strongest ink to 1; None if there is no real ink."""
    background = float(np.median(_border(ink))) if min(ink.shape) > 2 else 0.0
    peak = float(ink.max())
    if peak - background < MIN_CONTRAST:
        return None
    ink = np.clip((ink - background) / (peak - background), 0.0, 1.0)
    ink[ink < INK_THRESHOLD] = 0.0
    return ink


def read_drawing(image: np.ndarray) -> Reading:
    """Turn a drawing (any size; light-on-dark, dark-on-light or on transparent) into 784 inputs."""
    ink, inverted = ink_of(image)
    clean = _normalise_contrast(ink)
    if clean is None or not clean.any():
        return Reading(ink=ink, inverted=inverted, empty=True)
    rows, cols = np.flatnonzero(clean.any(axis=1)), np.flatnonzero(clean.any(axis=0))
    box = (int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1)
    cropped = clean[box[0]:box[1], box[2]:box[3]]
    height, width = cropped.shape
    longest = max(height, width)
    new_height = max(1, int(round(BOX * height / longest)))
    new_width = max(1, int(round(BOX * width / longest)))
    scaled = np.clip(resize(cropped, new_height, new_width), 0.0, 1.0)
    if scaled.max() > 0:
        scaled /= scaled.max()  # thin strokes fade when shrunk; MNIST ink peaks at full white
    centred, shift = _centre(scaled)
    return Reading(ink, inverted, False, box, cropped, scaled, centred, shift)


def _centre(scaled: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """Place the scaled digit in 28x28 with its centre of mass at (14, 14), by whole pixels."""
    frame = np.zeros((SIDE, SIDE), dtype=np.float32)
    height, width = scaled.shape
    top, left = (SIDE - height) // 2, (SIDE - width) // 2
    frame[top:top + height, left:left + width] = scaled
    row, col = centre_of_mass(frame)
    dy = int(np.clip(round(CENTRE[0] - row), -top, SIDE - top - height))
    dx = int(np.clip(round(CENTRE[1] - col), -left, SIDE - left - width))
    return shift_image(frame, dy, dx), (dy, dx)
