"""nn_core is numpy and the standard library only: no streamlit, no plotly, no Pillow at import.

(figures/ and classroom/: tests/structure/test_layers.py.)
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "activations",
    "atomic",
    "augment",
    "backprop",
    "bench",
    "blas",
    "bundled",
    "cli",
    "costs",
    "data",
    "download",
    "edits",
    "lesson",
    "questions",
    "drawing",
    "errors",
    "evaluate",
    "explain",
    "gradcheck",
    "idx",
    "imagefile",
    "imaging",
    "landscape",
    "modelfile",
    "network",
    "noise",
    "npzfile",
    "numbers",
    "paths",
    "sources",
    "synthetic",
    "training",
    "worksheet",
]


def test_importing_every_module_loads_no_ui_library():
    code = (
        "import sys, importlib\n"
        f"for name in {MODULES!r}: importlib.import_module('nn_core.' + name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'plotly', 'PIL', 'pandas'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_module_list_is_complete():
    on_disk = {p.stem for p in (ROOT / "nn_core").glob("*.py") if not p.stem.startswith("_")}
    assert on_disk == set(MODULES)
