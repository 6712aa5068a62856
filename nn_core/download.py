"""Downloading the full MNIST (60,000 training + 10,000 test digits) into a cache.

Each file is tried on the usual public mirrors in turn, streamed to a temporary file
beside its destination while its SHA-256 is computed, and renamed into place only when
the checksum matches, so the cache never holds a partial or wrong file. Offline, every
mirror fails quickly and one sentence says so; the embedded digits keep working.
"""
from __future__ import annotations

import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nn_core.atomic import atomic_write
from nn_core.data import DigitSet
from nn_core.errors import DataFileError, DownloadError
from nn_core.idx import parse_idx

MIRRORS = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)


@dataclass(frozen=True)
class RemoteFile:
    name: str
    sha256: str
    size: int


MNIST_FILES = (
    RemoteFile("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9_912_422),
    RemoteFile("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28_881),
    RemoteFile("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1_648_877),
    RemoteFile("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4_542),
)

Progress = Callable[[str, int, int | None], None]  # (file name, bytes so far, total bytes or None)
CHUNK = 1 << 16


def default_cache_dir() -> Path:
    """$NN_CORE_CACHE, else $XDG_CACHE_HOME/nn-explainer/mnist, else ~/.cache/nn-explainer/mnist."""
    if os.environ.get("NN_CORE_CACHE"):
        return Path(os.environ["NN_CORE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "nn-explainer" / "mnist"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


class _ChecksumMismatchError(Exception):
    pass


def _fetch(url: str, target: Path, expected: RemoteFile, progress: Progress | None, timeout: float) -> None:
    """Stream ``url`` to ``target`` atomically, checking its SHA-256 on the way."""
    with atomic_write(target) as out, urllib.request.urlopen(url, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        digest, done = hashlib.sha256(), 0
        while block := response.read(CHUNK):
            digest.update(block)
            out.write(block)
            done += len(block)
            if progress:
                progress(expected.name, done, total)
        if digest.hexdigest() != expected.sha256:  # raising here leaves the old file untouched
            raise _ChecksumMismatchError(f"{url} sent a file whose SHA-256 does not match")


def download_mnist(
    cache_dir: str | os.PathLike | None = None,
    mirrors: Sequence[str] = MIRRORS,
    files: Sequence[RemoteFile] = MNIST_FILES,
    progress: Progress | None = None,
    timeout: float = 20.0,
) -> Path:
    """Make sure every MNIST file is in the cache with the right checksum; returns the cache."""
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create the cache directory {cache}: {exc.strerror or exc}") from None
    for remote in files:
        target = cache / remote.name
        if target.is_file() and file_sha256(target) == remote.sha256:
            if progress:
                progress(remote.name, remote.size, remote.size)
            continue
        _download_one(remote, target, mirrors, progress, timeout)
    _load_mnist_from.cache_clear()
    return cache


def _download_one(remote: RemoteFile, target: Path, mirrors: Sequence[str], progress, timeout) -> None:
    unreachable, mismatched = [], []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + remote.name
        try:
            _fetch(url, target, remote, progress, timeout)
            return
        except _ChecksumMismatchError:
            mismatched.append(url)
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            unreachable.append(f"{mirror} ({reason})")
    if mismatched:
        raise DownloadError(
            f"{remote.name}: the download from {', '.join(mismatched)} failed its SHA-256 check; nothing was saved"
        )
    raise DownloadError(
        f"could not download {remote.name}: no mirror could be reached (are you offline?). "
        f"The embedded 5,000 digits still work. Tried: {'; '.join(unreachable)}"
    )


def _read_cached(cache: Path, remote: RemoteFile):
    path = cache / remote.name
    if not path.is_file():
        raise DataFileError(
            "the full MNIST is not downloaded yet: run `python -m nn_core download-mnist` on a machine "
            "with internet access (the embedded 5,000 digits work without it)"
        )
    return parse_idx(path.read_bytes(), remote.name)


@lru_cache(maxsize=2)
def _load_mnist_from(cache: Path, files: tuple[RemoteFile, ...]) -> tuple[DigitSet, DigitSet]:
    train_images, train_labels, test_images, test_labels = (_read_cached(cache, f) for f in files)
    for images, labels, part in ((train_images, train_labels, "training"), (test_images, test_labels, "test")):
        if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.shape != (len(images),):
            raise DataFileError(f"the cached MNIST {part} files do not match (images {images.shape}, labels {labels.shape})")
        if labels.max(initial=0) > 9:
            raise DataFileError(f"the cached MNIST {part} labels are not digits 0..9")
    return (
        DigitSet(train_images.copy(), train_labels.copy(), "MNIST (train)"),
        DigitSet(test_images.copy(), test_labels.copy(), "MNIST (test)"),
    )


def load_mnist(cache_dir: str | os.PathLike | None = None, files: Sequence[RemoteFile] = MNIST_FILES):
    """The downloaded MNIST as (training 60,000, test 10,000) DigitSets."""
    return _load_mnist_from(Path(cache_dir) if cache_dir else default_cache_dir(), tuple(files))

