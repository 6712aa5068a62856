"""Where the project's own files are: the embedded digits and the bundled models (in assets/)."""
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
EMBEDDED_PATH = ASSETS / "mnist_5k.npz"
MODELS_DIR = ASSETS / "models"
