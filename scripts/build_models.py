"""Build the two bundled models, assets/models/classic.npz and best.npz, and record how.

    python scripts/build_models.py            # both (about 3 minutes on 2 cores)
    python scripts/build_models.py classic    # one

Each model is trained on the embedded training split only (4,000 digits) plus canvas-like
redraws of those same training digits, with data augmentation, and scored on the 1,000
test digits it never saw, and on canvas-like drawings of them. The recipe, the scores and
the time taken go into the model file's metadata and into assets/models/README.md.
"""
from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nn_core.augment import Augmentation  # noqa: E402
from nn_core.bundled import BUNDLED, MODELS_DIR  # noqa: E402
from nn_core.data import DigitSet, load_embedded  # noqa: E402
from nn_core.evaluate import drawing_accuracy, evaluate  # noqa: E402
from nn_core.modelfile import Model, save_model  # noqa: E402
from nn_core.network import Network  # noqa: E402
from nn_core.synthetic import redrawn_digits  # noqa: E402
from nn_core.training import Trainer, TrainingConfig, TrainingState  # noqa: E402

REDRAW_COPIES, REDRAW_SEED, DRAWING_TEST_SEED = 2, 12345, 0

RECIPES = {
    "classic": {
        "description": "The explainer's network: 784-16-16-10, sigmoid neurons, softmax outputs.",
        "sizes": (784, 16, 16, 10), "activation": "sigmoid", "cost": "cross-entropy",
        "config": TrainingConfig(
            learning_rate=0.1, momentum=0.9, batch_size=32, epochs=100, seed=0, schedule="cosine", augment=True,
            augmentation=Augmentation(max_shift=1.5, max_rotation=10, max_scale=0.12, max_shear=0.2,
                                      elastic=0.0, max_thickness=0.7),
        ),
    },
    "best": {
        "description": "The most accurate network this core trains on the embedded digits.",
        "sizes": (784, 256, 128, 10), "activation": "relu", "cost": "cross-entropy",
        "config": TrainingConfig(
            learning_rate=0.05, momentum=0.9, batch_size=32, epochs=100, seed=0, schedule="cosine", l2=1e-4,
            augment=True,
            augmentation=Augmentation(max_shift=2.0, max_rotation=12, max_scale=0.12, max_shear=0.25,
                                      elastic=0.7, max_thickness=0.7),
        ),
    },
}


def training_digits() -> tuple[DigitSet, DigitSet]:
    train, test = load_embedded()
    redrawn = redrawn_digits(train, REDRAW_COPIES, REDRAW_SEED)
    both = DigitSet(np.concatenate([train.images, redrawn.images]), np.concatenate([train.labels, redrawn.labels]),
                    f"{train.name} + {REDRAW_COPIES} canvas-like redraws of each")
    return both, test


def build(name: str, train: DigitSet, test: DigitSet) -> dict:
    recipe = RECIPES[name]
    config = recipe["config"]
    network = Network.random(recipe["sizes"], rng=config.seed, activation=recipe["activation"], cost=recipe["cost"])
    started = time.perf_counter()
    trainer = Trainer(network, train, test, config)
    while not trainer.finished:
        trainer.run_epoch()
        record = trainer.history.epochs[-1]
        print(f"\r{name}: epoch {record.epoch}/{config.epochs}, test accuracy {record.test_accuracy:.2%}",
              end="", flush=True)
    print()
    if trainer.status.state is not TrainingState.FINISHED:
        raise SystemExit(trainer.status.message)
    seconds = time.perf_counter() - started
    test_score = evaluate(trainer.network, test)
    drawings = drawing_accuracy(trainer.network, test, seed=DRAWING_TEST_SEED)
    metadata = {
        "name": name,
        "description": recipe["description"],
        "recipe": {"sizes": list(recipe["sizes"]), "activation": recipe["activation"], "cost": recipe["cost"],
                   "data": "embedded", "extra_training_data": f"{REDRAW_COPIES} canvas-like redraws of each "
                   f"training digit (nn_core.synthetic.redrawn_digits, seed {REDRAW_SEED})", **config.to_dict()},
        "test_accuracy": test_score.accuracy,
        "test_n": test_score.n,
        "test_data": test.name,
        "drawing_accuracy": drawings.accuracy,
        "drawing_n": drawings.n,
        "epoch_test_accuracy": trainer.history.epoch_column("test_accuracy").round(4).tolist(),
        "training_seconds": round(seconds, 1),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "built_by": "scripts/build_models.py",
    }
    save_model(Model(trainer.network, metadata), BUNDLED[name])
    print(f"{name}: test {test_score.accuracy:.2%}, drawings {drawings.accuracy:.2%}, {seconds:.0f} s")
    return metadata


def write_readme(results: dict[str, dict]) -> None:
    rows = "\n".join(
        f"| `{name}` | {'-'.join(map(str, m['recipe']['sizes']))} | {m['recipe']['activation']} | "
        f"{m['test_accuracy']:.1%} | {m['drawing_accuracy']:.1%} | {m['training_seconds']:.0f} s |"
        for name, m in results.items()
    )
    recipes = "\n\n".join(f"### `{name}`\n\n```json\n{json.dumps(m['recipe'], indent=1)}\n```" for name, m in results.items())
    (MODELS_DIR / "README.md").write_text(f"""# Bundled models

Built by `scripts/build_models.py` (run `make models` to rebuild; same seeds, same weights).
Both are trained on the 4,000 embedded training digits only, plus {REDRAW_COPIES} canvas-like
redraws of each of those training digits, with data augmentation. "Test" is the 1,000 embedded
test digits (never trained on); "drawings" is canvas-like 280x280 drawings of those same test
digits at random size, place and brush width (`nn_core.synthetic`, seed {DRAWING_TEST_SEED}),
read back exactly as the app reads a user's drawing.

| model | sizes | hidden activation | test accuracy | drawings accuracy | training time |
|---|---|---|---|---|---|
{rows}

{recipes}
""")


def main() -> None:
    names = sys.argv[1:] or list(RECIPES)
    unknown = set(names) - set(RECIPES)
    if unknown:
        raise SystemExit(f"unknown model(s): {', '.join(sorted(unknown))}")
    train, test = training_digits()
    results = {}
    for name in RECIPES:
        if name in names:
            results[name] = build(name, train, test)
        elif BUNDLED[name].exists():
            from nn_core.modelfile import load_model

            results[name] = load_model(BUNDLED[name]).metadata
    write_readme(results)


if __name__ == "__main__":
    main()
