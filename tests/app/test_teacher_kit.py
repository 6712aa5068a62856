"""The teacher's kit: the key stored in the repo is what the bundled models give now; the pages show it."""
import json
import shutil

import pytest

from nn_core.bundled import load_bundled
from nn_core.lesson import lesson_path, read_lesson
from tests.app.conftest import open_app, shown
from ui import state
from ui.lesson.answer_key import KEY_FILE, answers, fingerprint
from ui.lesson.file import KNOWN

LESSON = read_lesson(lesson_path(), KNOWN)


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_stored_key_is_what_the_bundled_model_gives_now(model):
    stored = json.loads(KEY_FILE.read_text(encoding="utf-8"))
    assert stored["lesson"] == fingerprint(lesson_path()), "the lesson changed: run scripts/answer_key.py"
    assert stored["models"][model]["answers"] == answers(LESSON, load_bundled(model).network)


def test_the_key_agrees_with_the_review_s_measurements_on_classic():
    key = json.loads(KEY_FILE.read_text(encoding="utf-8"))["models"]["classic"]["answers"]
    # 2026-12-06 teaching review (N1, N2, N24, section 1's Knobs and Watch-it-learn numbers), measured on classic
    assert key["cost"] == pytest.approx(1.379, abs=5e-4) and key["downhill"] == pytest.approx(1.98, abs=5e-3)
    assert key["flip-to-3"] == pytest.approx(7.64, abs=5e-3) and key["silence-7"] == "0"    # the zeros: 95 % -> 7 %
    assert key["too-big-a-step"] == 6 and key["watch-it-learn"] == pytest.approx(81.2, abs=0.05)
    # the reasoned steps, worked by hand: σ(5 − 7.5) < ½; 5 − 3 > 0 with one input on; 784·32+32 + 32·32+32 + 32·10+10
    assert key["neuron-and"] == "below ½" and key["bias-threshold"] == "OR" and key["recap"] == 26_506
    assert key["sure-is-not-right"] == "8"          # test digit #138, a 1 read as 8 with output 0.916


def test_the_teacher_page_shows_the_key_for_the_model_in_use_and_opens_a_step():
    at = open_app("pages/teacher.py")
    text = shown("\n".join(m.value for m in at.markdown))
    assert "**Answer:** 7.64 (accepted within ±0.5)" in text and "**Answer:** 26,506" in text
    assert "/knobs?lesson=7" in text
    at.radio(key=state.MODEL_CHOICE).set_value("best").run()
    text = shown("\n".join(m.value for m in at.markdown))
    assert "**Answer:** 535,818" in text and "**Answer:** 4.25" in text
    at.button(key="teacher_open_7").click().run()
    assert at.session_state[state.PAGE] == "knobs" and at.session_state[state.LESSON_ON]


def test_a_changed_lesson_says_the_key_is_out_of_date(tmp_path, monkeypatch):
    copy = tmp_path / "lesson.toml"
    shutil.copy(lesson_path(), copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("A digit goes in", "Un chiffre entre"), encoding="utf-8")
    monkeypatch.setenv("NN_LESSON_FILE", str(copy))
    at = open_app("pages/teacher.py")
    assert any("the lesson file changed" in w.value for w in at.warning)
    assert "1. Un chiffre entre" in shown("\n".join(m.value for m in at.markdown))
