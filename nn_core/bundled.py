"""The two models that ship with the app, and resolving a model given by name or path.

``classic`` is the 784-16-16-10 sigmoid network of the explainer; ``best`` is the most
accurate network this core trains on the embedded digits. Both are built by
``scripts/build_models.py``, which records its recipe in the files.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from nn_core.modelfile import Model, load_model
from nn_core.paths import MODELS_DIR

BUNDLED = {"classic": MODELS_DIR / "classic.npz", "best": MODELS_DIR / "best.npz"}


@cache
def load_bundled(name: str) -> Model:
    """A bundled model, shared and read-only: copy its network before changing anything."""
    if name not in BUNDLED:
        raise KeyError(f"no bundled model called {name!r} (there are: {', '.join(BUNDLED)})")
    model = load_model(BUNDLED[name])
    model.network.params.setflags(write=False)
    return model


def resolve_model(spec: str) -> Model:
    """'classic', 'best', or the path of a model file."""
    if spec in BUNDLED:
        return load_bundled(spec)
    return load_model(Path(spec))
