"""Compute the teacher's answer key from the bundled models and write assets/lesson/answer_key.json.

    python scripts/answer_key.py            # classic and best
    python scripts/answer_key.py --check    # exit 1 if the stored key is not what the models give now

The answers are measured (nn_core.questions) after walking the lesson with its standard moves
(ui/lesson/answer_key.py), so the key stays true when a model is rebuilt: run this again.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nn_core.bundled import MODELS_DIR, load_bundled  # noqa: E402
from nn_core.lesson import lesson_path, read_lesson  # noqa: E402
from ui.lesson.answer_key import KEY_FILE, answers, fingerprint  # noqa: E402
from ui.lesson.file import KNOWN  # noqa: E402

MODELS = ("classic", "best")


def compute() -> dict:
    lesson = read_lesson(lesson_path(), KNOWN)
    key = {"lesson": fingerprint(lesson_path()), "models": {}}
    for name in MODELS:
        started = time.perf_counter()
        key["models"][name] = {"model": fingerprint(MODELS_DIR / f"{name}.npz"),
                               "answers": answers(lesson, load_bundled(name).network)}
        print(f"{name}: {len(lesson.steps)} answers in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored key instead of writing it")
    args = parser.parse_args()
    key = compute()
    if args.check:
        stored = json.loads(KEY_FILE.read_text(encoding="utf-8")) if KEY_FILE.exists() else {}
        same = stored == key
        print("the stored key is current" if same else "the stored key is out of date: run scripts/answer_key.py")
        return 0 if same else 1
    KEY_FILE.write_text(json.dumps(key, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, entry in key["models"].items():
        print(name, json.dumps(entry["answers"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
