"""A model file's metadata is shown as the file's claim, as plain text; the app states its own measurement."""
import io
import json

import numpy as np

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import evaluate
from nn_core.modelfile import Model, model_arrays
from tests.app.conftest import open_app, shown


def model_file(metadata: dict) -> bytes:
    arrays = model_arrays(Model(load_bundled("classic").network, {}))
    arrays["metadata"] = np.array(json.dumps(metadata))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_a_lying_model_file_is_shown_as_a_claim_beside_the_measurement():
    at = open_app("pages/train.py")
    data = model_file({"name": "[win a prize](http://evil.example) ![t](http://evil.example/t.png)",
                       "test_accuracy": 1.0, "test_n": 5})
    at.file_uploader(key="model_upload-0").upload("![n](http://evil.example/n.png).npz", data, "x").run()
    assert not at.exception
    _, test = load_embedded()
    measured = evaluate(load_bundled("classic").network, test).accuracy
    raw = [s.value for s in at.success] + [c.value for c in at.caption] + [c.value for c in at.sidebar.caption]
    assert not any("](http" in text for text in raw)                       # no link or image reaches markdown
    seen = [shown(text) for text in raw]
    assert any(f"Measured here: {measured:.1%}" in text for text in seen)
    assert any(text.startswith("The file says: “[win a prize](http://evil.example)") and "100.0% right on 5" in text
               for text in seen)
    assert any(f"{measured:.1%} right on the 1,000 unseen test digits" in shown(c.value) for c in at.sidebar.caption)
