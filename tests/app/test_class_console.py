"""The console safe for a projector (issue 22): the projector view shows no key and no toggles, the class's
confusion matrix leaves zero cells uncoloured, the teacher key is checked once per run, and the For teachers
page explains the class."""
from __future__ import annotations

import base64

import numpy as np
import pytest

from classroom import keys
from tests.app.conftest import all_text, chart_specs, open_app
from tests.app.test_classroom import TEST, join, open_class, the_rooms
from ui import state


def give_digits(code: str, count: int) -> None:
    student = join(code, "Sam")
    for i in range(count):
        the_rooms().give_drawing(student.session_state[state.CLASS_SEAT].token, TEST.images[i], int(TEST.labels[i]))


def test_the_projector_view_is_the_presenter_layout_with_the_code_and_no_key_and_no_toggles():
    teacher, code, key = open_class()
    for name in ("Ana", "Ben", "Chloé"):
        join(code, name)
    fold = teacher.session_state[state.SIDEBAR_FOLD] if state.SIDEBAR_FOLD in teacher.session_state else 0
    teacher.button(key="class_projector").click().run()
    assert not teacher.exception, teacher.exception
    assert teacher.session_state[state.PRESENTER] and teacher.session_state[state.LARGE_TEXT]   # presenter layout
    assert teacher.session_state[state.SIDEBAR_FOLD] == fold + 1                     # ... which folds the sidebar
    main = teacher.main
    assert not main.get("toggle") and not [b for b in main.button if b.key == "class_projector"]
    shown = all_text(teacher)
    assert key not in shown and "teacher key" not in shown.lower()
    assert code in [t.value for t in main.text]                                     # the code, big (ui/classroom/invite.py)
    assert "Ana, Ben, Chloé" in [t.value for t in main.text]                        # the names who joined
    buttons = [b.key for b in main.button]
    assert buttons.index("class_move") < buttons.index("class_projector_off") < buttons.index("class_sign_out")
    teacher.button(key="class_projector_off").click().run()
    assert not teacher.session_state[state.PRESENTER]
    assert [b for b in teacher.main.button if b.key == "class_projector"]


def container_keys(node) -> list[str]:
    """The keys of the keyed containers under ``node`` (Streamlit writes a container's key at the end of its id)."""
    found = []
    for child in getattr(node, "children", {}).values():
        block_id = getattr(getattr(child, "proto", None), "id", "")
        if isinstance(block_id, str) and block_id.startswith("$$ID-"):
            found.append(block_id.split("-", 2)[2])
        found += container_keys(child)
    return found


def test_the_invitation_has_its_spot_beside_the_code():
    teacher, _, _ = open_class()
    assert "console_invite" in container_keys(teacher.main)       # filled by ui/classroom/invite.py


def matrix_cells(spec: dict) -> dict[str, np.ndarray]:
    """Each heatmap layer of a plotly spec as a 10x10 float array (plotly sends arrays as base64 or lists)."""
    layers = {}
    for trace in spec["data"]:
        z = trace["z"]
        if isinstance(z, dict):
            z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"])).reshape(
                tuple(int(n) for n in str(z["shape"]).split(",")))
        layers[trace["name"]] = np.array([[np.nan if v is None else v for v in row] for row in z], dtype=float)
    return layers


def test_the_class_matrix_leaves_zero_cells_uncoloured_when_every_drawing_is_read_right():
    teacher, code, _ = open_class()
    give_digits(code, 6)
    teacher.run()
    spec = next(s for s in chart_specs(teacher) if s["layout"]["yaxis"]["title"]["text"] == "digit meant")
    layers = matrix_cells(spec)
    counts = np.zeros((10, 10), int)
    from classroom.report import read_class_digits
    from nn_core.bundled import load_bundled

    reading = read_class_digits(load_bundled("classic").network, the_rooms().class_digits(code, _, "unknown"))
    counts = reading.confusion[::-1]                        # the figure draws digit 9 on top
    coloured = ~np.isnan(layers["right"]) | ~np.isnan(layers["confused"])
    assert (coloured == (counts > 0)).all()                 # a cell is coloured exactly when it counts something
    assert np.isnan(layers["confused"]).sum() == 100 - int((counts * (1 - np.eye(10)[::-1])).astype(bool).sum())


def test_the_teacher_key_is_checked_once_per_run(monkeypatch):
    teacher, code, _ = open_class()
    give_digits(code, 3)                                    # the handwriting panel asks the store too
    checked = []
    slow = keys.slow_hash
    monkeypatch.setattr(keys, "slow_hash", lambda key, salt: checked.append(key) or slow(key, salt))
    for _ in range(3):
        checked.clear()
        teacher.run()
        assert not teacher.exception, teacher.exception
        assert "reads" in all_text(teacher) and len(checked) <= 1   # (0 once this process has found the key right)


def test_a_wrong_key_is_checked_every_time_and_closes_the_console(monkeypatch):
    teacher, code, key = open_class()
    teacher.session_state[state.CLASS_TEACHER] = (code, key + "x")       # a key that is not this class's
    teacher.run()
    assert any("The console closed" in e.value for e in teacher.error)
    teacher.session_state[state.CLASS_TEACHER] = (code, key)
    the_rooms().close_class(code, key, "unknown")                       # closed elsewhere: refused on the next run
    teacher.run()
    assert any("The console closed" in e.value for e in teacher.error)


@pytest.mark.parametrize("level", ["simple", "full"])
def test_the_teacher_page_explains_the_class(level):
    page = open_app("pages/teacher.py", level=level)
    text = all_text(page)
    for words in ("Teacher's console", "class code", "Join a class", "QR code", "Everyone to step", "Projector view",
                  "Close the class", "deletes", "teacher key"):
        assert words in text, words
