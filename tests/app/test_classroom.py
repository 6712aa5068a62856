"""The classroom in the app: a teacher opens a class on the console, students join on their own
sessions (separate AppTests on the same server), and every point of the issue is walked: move
everyone, reset their edits, answers in the tally, drawings read by the network, the challenge
measured by the server, closing. Nicknames show as the characters typed, never as markup."""
from __future__ import annotations

import io

import numpy as np
import pytest

from classroom.schema import RECIPE_LENGTH
from nn_core.data import load_digits_npz, load_embedded, load_embedded_challenge
from nn_core.evaluate import evaluate
from nn_core.lesson import lesson_path, read_lesson
from nn_core.network import Network
from nn_core.training import Trainer, TrainingConfig
from tests.app.conftest import all_text, open_app, send_trigger
from tests.app.test_draw import drawing_of, pad_payload
from tests.app.test_learner_words import developer_words, learner_text
from ui import state
from ui.classroom import challenge, shared
from ui.lesson.file import KNOWN
from ui.level import HIDDEN_AT_SIMPLE
from ui.pages.train.recipe import seat_seed

TRAIN, TEST = load_embedded()
LEARN, VALIDATION, _ = load_embedded_challenge()
LESSON_PAGES = [step.page for step in read_lesson(lesson_path(), KNOWN).steps]


def submit(at, label: str):
    button = next(b for b in at.button if b.label == label)
    button.click().run()
    assert not at.exception, at.exception
    return at


def open_class(hours: int = 24):
    teacher = open_app("pages/console.py")
    teacher.number_input(key="class_hours").set_value(hours)
    submit(teacher, "Open a class")
    code, key = teacher.session_state[state.CLASS_TEACHER]
    teacher.button(key="class_key_hide").click().run()     # the key's own screen, then the console
    return teacher, code, key


def join(code: str, nickname: str = "", page: str = "pages/join.py"):
    student = open_app("pages/join.py")
    student.text_input(key="class_join_code").input(code)
    student.text_input(key="class_join_nickname").input(nickname)
    submit(student, "Join")
    if page != "pages/join.py":
        student.switch_page(page).run()
    return student


def the_rooms():
    return shared.rooms()


def first_tally_row(teacher) -> dict:
    """The console's tally, first row, after a refresh."""
    teacher.run()
    rows = next(frame.value for frame in teacher.dataframe if "answered" in frame.value.columns)   # (not the board)
    return rows.iloc[0] if hasattr(rows, "iloc") else rows[0]


def test_opening_a_class_shows_its_key_once_on_a_screen_of_its_own_then_the_console_never_again():
    teacher = open_app("pages/console.py")
    submit(teacher, "Open a class")
    code, key = teacher.session_state[state.CLASS_TEACHER]
    shown = all_text(teacher)
    assert key in shown and code in shown                                  # the key, this once, with its class
    assert "students have joined" not in shown and not [b for b in teacher.button if b.key == "class_move"]
    teacher.button(key="class_key_hide").click().run()
    assert key not in all_text(teacher)                                    # the console: never the key
    assert code in [t.value for t in teacher.text]                          # the code, big, for the board
    assert [b for b in teacher.button if b.key == "class_move"]
    teacher.run()
    teacher.button(key="class_projector").click().run()
    assert key not in all_text(teacher)
    assert not [p for p in teacher.get("popover") if "key" in p.proto.popover.label.lower()]   # nor behind a click


def test_a_student_joins_and_every_page_says_so_with_the_nickname_as_typed():
    teacher, code, _ = open_class()
    student = join(code.lower(), "**Bo** [x](http://e.x)")
    assert student.session_state[state.CLASS_SEAT].code == code
    line = next(c.value for c in student.caption if "In class" in c.value)
    assert "\\*\\*Bo\\*\\*" in line and "](http" not in line                 # escaped: shown as typed, no link
    teacher.run()
    assert any("**Bo** [x](http://e.x)" in t.value for t in teacher.text)        # st.text: plain characters


def test_a_wrong_code_or_key_is_refused_with_a_clear_message():
    student = open_app("pages/join.py")
    student.text_input(key="class_join_code").input("ZZZZZZ")
    submit(student, "Join")
    assert student.session_state[state.CLASS_SEAT] is None if state.CLASS_SEAT in student.session_state else True
    assert any("no open class has this code" in e.value for e in student.error)
    _, code, _ = open_class()
    other = open_app("pages/console.py")
    other.text_input(key="class_teacher_code").input(code)
    other.text_input(key="class_teacher_key").input("not-the-key")
    submit(other, "Open the console")
    assert any("not the teacher key" in e.value for e in other.error)
    assert other.session_state[state.CLASS_TEACHER] is None if state.CLASS_TEACHER in other.session_state else True
    assert "students have joined" not in all_text(other) and "student has joined" not in all_text(other)


def test_everyone_to_step_n_moves_every_student_to_that_step_and_page():
    teacher, code, _ = open_class()
    students = [join(code, f"s{i}", page=page) for i, page in enumerate(("pages/home.py", "pages/cost.py"))]
    teacher.selectbox(key="class_step_choice").set_value(4)
    teacher.button(key="class_move").click().run()
    assert any("step 5" in s.value for s in teacher.success)
    assert teacher.selectbox(key="class_step_choice").value == 5          # the next step is ready for the next press
    for student in students:
        student.run()          # the follow fragment's next tick (AppTest runs the whole script)
        student.run()          # ... and the rerun it asked for
        assert student.session_state[state.LESSON_ON] and student.session_state[state.LESSON_STEP] == 4
    late = join(code, "late")  # joining after the move: the page goes where the class is
    late.run()
    late.run()
    assert late.session_state[state.LESSON_STEP] == 4


def test_reset_everyone_edits_undoes_a_student_hand_edits():
    teacher, code, _ = open_class()
    student = join(code, "Sam", page="pages/home.py")
    student.session_state[state.EDITS] = ("a model", "its edits")     # (what the Knobs page keeps)
    student.run()
    teacher.button(key="class_reset").click().run()
    student.run()
    assert student.session_state[state.EDITS] is None


def draw_on(student, index: int, seq: int = 1):
    send_trigger(student, "nn_drawing_pad", "drawing", pad_payload(seq, drawing_of(index)))
    assert not student.exception, student.exception
    return student


def test_a_drawing_goes_to_the_class_only_with_the_button_and_its_label():
    teacher, code, key = open_class()
    student = join(code, "Sam", page="pages/draw.py")
    draw_on(student, 0)
    assert len(the_rooms().class_digits(code, key, "unknown").labels) == 0    # drawing alone sends nothing
    submit(student, "Give it to the class")
    assert any("Choose which digit" in e.value for e in student.error)        # the label is needed
    label = int(TEST.labels[0])
    student.segmented_control(key="class_drawing_label").set_value(label)
    submit(student, "Give it to the class")
    assert any("Given" in s.value for s in student.success)
    digits = the_rooms().class_digits(code, key, "unknown")
    drawn = state_pixels(student)
    assert digits.labels.tolist() == [label]
    assert np.array_equal(digits.images[0], np.rint(drawn.reshape(28, 28) * 255).astype(np.uint8))
    teacher.run()
    from classroom.report import read_class_digits
    from nn_core.bundled import load_bundled

    expected = read_class_digits(load_bundled("classic").network, digits)
    assert f"reads {expected.accuracy:.0%} of the class's 1 drawing right" in all_text(teacher)
    assert len(teacher.get("download_button")) == 1                       # the class set, for the Data page


def state_pixels(at) -> np.ndarray:
    return at.session_state[state.INPUT].pixels


def test_the_console_reads_the_class_digits_with_the_network_in_use():
    teacher, code, key = open_class()
    student = join(code, "Sam")
    rooms = the_rooms()
    for i in range(12):
        rooms.give_drawing(student.session_state[state.CLASS_SEAT].token, TEST.images[i], int(TEST.labels[i]))
    teacher.run()
    from classroom.report import class_digits_npz, read_class_digits
    from nn_core.bundled import load_bundled

    expected = read_class_digits(load_bundled("classic").network, rooms.class_digits(code, key, "unknown"))
    assert f"reads {expected.accuracy:.0%} of the class's 12 drawings right" in all_text(teacher)
    loaded = load_digits_npz(io.BytesIO(class_digits_npz(rooms.class_digits(code, key, "unknown"))))
    assert np.array_equal(loaded.images, TEST.images[:12])                 # what the Data page would read


def zeros_of_drawing(index: int) -> int:
    """How many of the 784 inputs are 0 for the pad drawing of test digit ``index`` (the lesson's step 1)."""
    probe = open_app("pages/draw.py")
    draw_on(probe, index)
    return int(np.sum(probe.session_state[state.INPUT].pixels == 0))


def test_answers_revealed_in_the_lesson_reach_the_tally():
    teacher, code, _ = open_class()
    student = join(code, "Sam")
    student.session_state[state.LESSON_ON] = True
    student.switch_page("pages/draw.py").run()
    student.number_input(key="lesson_guess_draw").set_value(zeros_of_drawing(3)).run()
    student.button(key="lesson_lock").click().run()                     # a prediction: locked before drawing
    draw_on(student, 3)
    student.button(key="lesson_reveal").click().run()
    assert not student.exception, student.exception
    first = first_tally_row(teacher)
    assert int(first["answered"]) == 1 and int(first["predicted first"]) == 1 and first["right"] == "100%"


def test_the_tally_counts_only_guesses_locked_before_the_action():
    teacher, code, key = open_class()
    student = join(code, "Sam")
    student.session_state[state.LESSON_ON] = True
    student.switch_page("pages/draw.py").run()
    draw_on(student, 3)                                                 # the action first ...
    student.number_input(key="lesson_guess_draw").set_value(zeros_of_drawing(3)).run()
    student.button(key="lesson_lock").click().run()                     # ... then the guess: no prediction
    student.button(key="lesson_reveal").click().run()
    assert not student.exception, student.exception
    assert [(a.step_id, a.guess) for a in the_rooms().console(code, key, "unknown").answers] == [("draw", None)]
    first = first_tally_row(teacher)
    assert int(first["answered"]) == 1 and int(first["predicted first"]) == 0 and first["right"] == ""


def test_a_reveal_pressed_again_in_class_reaches_the_class_even_with_the_same_guess():
    """A student tries the lesson at home, then joins the class and does the step again: that press counts."""
    teacher, code, key = open_class()
    student = open_app("pages/draw.py")
    student.session_state[state.LESSON_ON] = True
    student.run()
    student.number_input(key="lesson_guess_draw").set_value(600).run()
    student.button(key="lesson_lock").click().run()
    draw_on(student, 3)
    student.button(key="lesson_reveal").click().run()                    # before joining: nothing leaves the page
    student.switch_page("pages/join.py").run()
    student.text_input(key="class_join_code").input(code)
    submit(student, "Join")
    assert the_rooms().console(code, key, "unknown").answers == ()
    student.switch_page("pages/draw.py").run()
    student.button(key="lesson_reveal").click().run()                    # the same guess, the same answer, again
    assert not student.exception, student.exception
    answers = the_rooms().console(code, key, "unknown").answers
    assert [(a.step_id, a.guess) for a in answers] == [("draw", "600.0")]


def train_steps(student, steps: int):
    """``steps`` mini-batches on the student's trainer (what Start does in ticks), then the page's next run."""
    student.session_state[state.TRAINER].run(steps)
    student.run()
    assert not student.exception, student.exception
    return student


def test_the_challenge_is_scored_by_the_server_on_the_validation_digits_never_the_test_digits():
    teacher, code, key = open_class()
    student = join(code, "Sam", page="pages/train.py")
    trainer = student.session_state[state.TRAINER]
    assert trainer.train is LEARN and len(LEARN) == 3500                # the run learns without the 500 kept aside
    assert "3,500 are to learn from and 500 are kept aside" in all_text(student)
    student.button(key="train_step").click().run()
    submit(student, "Enter this run in the class challenge")
    measured = evaluate(trainer.network, VALIDATION).accuracy
    assert any(f"{measured:.1%} right on the 500 validation digits" in s.value for s in student.success)
    board = the_rooms().console(code, key, "unknown").leaderboard
    assert [(e.nickname, e.accuracy, e.digits) for e in board] == [("Sam", pytest.approx(measured), 500)]


def test_two_seats_train_different_networks_from_the_same_recipe_each_the_same_every_time():
    _, code, _ = open_class()
    ana, ben = (join(code, name, page="pages/train.py") for name in ("Ana", "Ben"))
    runs = [student.session_state[state.TRAINER] for student in (ana, ben)]
    seeds = [seat_seed(student.session_state[state.CLASS_SEAT].token) for student in (ana, ben)]
    assert [run.config.seed for run in runs] == seeds and seeds[0] != seeds[1]
    assert not np.array_equal(runs[0].network.params, runs[1].network.params)          # different random starts
    for student in (ana, ben):
        train_steps(student, 50)
    assert evaluate(runs[0].network, VALIDATION) != evaluate(runs[1].network, VALIDATION)
    ana.button(key="train_reset").click().run()                                         # the same seat: the same start
    again = ana.session_state[state.TRAINER]
    assert again.config.seed == seeds[0] and np.array_equal(
        again.network.params, Network.random((784, 16, 16, 10), rng=seeds[0]).params)
    alone = open_app("pages/train.py")                                                  # outside a class: as before
    assert alone.session_state[state.TRAINER].config.seed == 0 and len(alone.session_state[state.TRAINER].train) == 4000


def test_a_better_entry_replaces_the_first_and_a_worse_one_does_not():
    teacher, code, key = open_class()
    student = join(code, "Sam", page="pages/train.py")
    student.button(key="train_step").click().run()
    submit(student, "Enter this run in the class challenge")
    first = evaluate(student.session_state[state.TRAINER].network, VALIDATION).accuracy
    train_steps(student, 300)                                                           # more training: better
    assert f"Your best on the board: **{first:.1%}**" in all_text(student)
    submit(student, "Enter this run in the class challenge")
    better = evaluate(student.session_state[state.TRAINER].network, VALIDATION).accuracy
    assert better > first and any("replaces it on the board" in s.value for s in student.success)
    board = the_rooms().console(code, key, "unknown").leaderboard
    assert [(e.nickname, e.accuracy) for e in board] == [("Sam", pytest.approx(better))]
    student.button(key="train_reset").click().run()                                     # a fresh run, one step: worse
    student.button(key="train_step").click().run()
    submit(student, "Enter this run in the class challenge")
    assert any("stays on the board" in i.value and f"{better:.1%}" in i.value for i in student.info)
    board = the_rooms().console(code, key, "unknown").leaderboard
    assert [(e.nickname, e.accuracy) for e in board] == [("Sam", pytest.approx(better))]
    assert f"Your best on the board: **{better:.1%}**" in all_text(student)


def test_a_bundled_model_or_a_run_from_before_the_class_cannot_be_entered():
    teacher, code, key = open_class()
    student = join(code, "Sam", page="pages/train.py")
    student.selectbox(key=state.recipe_key("start")).set_value("classic")
    submit(student, "Build this network")
    student.button(key="train_step").click().run()
    assert not student.session_state[state.TRAINER].fresh_start
    assert not [b for b in student.button if b.key == "class_challenge"]
    assert "continued a model that was trained before" in all_text(student)
    early = open_app("pages/train.py")                                 # trained on all 4,000, then joined the class
    early.button(key="train_step").click().run()
    early.switch_page("pages/join.py").run()
    early.text_input(key="class_join_code").input(code)
    submit(early, "Join")
    early.switch_page("pages/train.py").run()
    assert not [b for b in early.button if b.key == "class_challenge"]
    assert "This run learned from 4,000 digits" in all_text(early)
    assert the_rooms().console(code, key, "unknown").leaderboard == ()
    early.button(key="train_reset").click().run()                      # Reset: a fresh run, as the class runs
    assert early.session_state[state.TRAINER].train is LEARN


def test_an_untouched_run_from_before_joining_starts_again_as_the_class_runs():
    _, code, _ = open_class()
    student = open_app("pages/train.py")
    assert len(student.session_state[state.TRAINER].train) == 4000
    student.switch_page("pages/join.py").run()
    student.text_input(key="class_join_code").input(code)
    submit(student, "Join")
    student.switch_page("pages/train.py").run()
    run = student.session_state[state.TRAINER]
    assert run.train is LEARN and run.config.seed == seat_seed(student.session_state[state.CLASS_SEAT].token)


def test_the_whole_recipe_is_on_the_board():
    teacher, code, key = open_class()
    student = join(code, "Sam", page="pages/train.py")
    train_steps(student, 120)
    submit(student, "Enter this run in the class challenge")
    seed = student.session_state[state.TRAINER].config.seed
    entry = the_rooms().console(code, key, "unknown").leaderboard[0]
    assert entry.recipe == f"784-16-16-10 sigmoid · η 0.5 · batch 10 · 0.3/10 epochs · seed {seed} · 3,500 digits"
    teacher.run()
    row = next(table.value for table in teacher.table if "recipe" in table.value.columns).iloc[0]   # (not the board)
    assert row["student"] == "Sam" and row["recipe"].replace("\\", "") == entry.recipe


def test_the_longest_recipe_the_app_can_make_fits_the_board_whole():
    network = Network.random((784, 512, 512, 512, 512, 10), rng=0, activation="relu", cost="mse")
    config = TrainingConfig(learning_rate=0.000125, batch_size=512, epochs=100, seed=999_999, momentum=0.95,
                            l2=0.0001, schedule="cosine", augment=True)
    long = Trainer(network, LEARN, TEST, config)
    long.epoch = 99
    assert challenge.recipe_text(long) == ("784-512-512-512-512-10 relu, mse cost · η 0.000125 · batch 512 · 99.0/100 "
                                           "epochs · seed 999999 · 3,500 digits · μ 0.95 · cosine η · L2 0.0001 · "
                                           "augmented")
    assert len(challenge.recipe_text(long)) <= RECIPE_LENGTH


def test_closing_the_class_deletes_it_and_tells_the_students():
    teacher, code, key = open_class()
    student = join(code, "Sam")
    teacher.button(key="class_close").click().run()
    assert any("closed" in s.value for s in teacher.success)
    student.run()
    assert student.session_state[state.CLASS_SEAT] is None
    from classroom.rooms import NoSuchClassError

    with pytest.raises(NoSuchClassError):
        the_rooms().console(code, key, "unknown")


def test_a_reloaded_tab_gets_its_seat_back_from_the_tab_and_only_while_the_class_lasts():
    teacher, code, key = open_class()
    student = join(code, "Sam")
    token = student.session_state[state.CLASS_SEAT].token
    reloaded = open_app("pages/home.py")                                    # a new session: no seat
    assert reloaded.session_state[state.CLASS_SEAT] is None if state.CLASS_SEAT in reloaded.session_state else True
    send_trigger(reloaded, "nn_seat_keeper", "seat", "made-up-token-123")   # a token the class never gave: ignored
    assert (reloaded.session_state[state.CLASS_SEAT] if state.CLASS_SEAT in reloaded.session_state else None) is None
    send_trigger(reloaded, "nn_seat_keeper", "seat", token)                 # what the browser's localStorage kept
    assert reloaded.session_state[state.CLASS_SEAT].nickname == "Sam"
    assert any(f"In class **{code}**" in c.value for c in reloaded.caption)
    the_rooms().close_class(code, key, "unknown")
    again = open_app("pages/home.py")
    send_trigger(again, "nn_seat_keeper", "seat", token)                    # the class is gone: no seat
    assert (again.session_state[state.CLASS_SEAT] if state.CLASS_SEAT in again.session_state else None) is None


def test_a_student_sees_nothing_of_the_other_students():
    teacher, code, key = open_class()
    ana, ben = join(code, "Ana"), join(code, "Ben")
    rooms = the_rooms()
    rooms.answer(ben.session_state[state.CLASS_SEAT].token, "cost", "2", 2.0, "2.018", True, "classic")
    rooms.give_drawing(ben.session_state[state.CLASS_SEAT].token, TEST.images[0], int(TEST.labels[0]))
    for page in ("pages/join.py", "pages/draw.py", "pages/home.py", "pages/console.py"):
        ana.switch_page(page).run()
        seen = all_text(ana) + " ".join(t.value for t in ana.text)
        assert "Ben" not in seen and "students have joined" not in seen and "student has joined" not in seen, page


def test_the_challenge_at_the_simple_level_says_what_validation_and_test_digits_are_for_in_its_own_words():
    _, code, _ = open_class()
    student = open_app("pages/join.py", level="simple")
    student.text_input(key="class_join_code").input(code)
    submit(student, "Join")
    student.switch_page("pages/train.py").run()
    student.button(key="train_step").click().run()
    submit(student, "Enter this run in the class challenge")
    submit(student, "Enter this run in the class challenge")             # (again: the "stays on the board" words)
    texts = learner_text(student)
    text = " ".join(texts)
    assert not developer_words(texts)                                   # (no "server" on a learner's page)
    assert "choosing between models" in text and "honest final check" in text and "kept aside" in text
    assert "500 kept-aside digits (validation digits)" in text and "1,000 test digits stay out of the choice" in text
    assert not [token for token in HIDDEN_AT_SIMPLE if token.lower() in text.lower()]       # no "seed" at this level
    student.segmented_control(key=state.LEVEL).set_value("full").run()
    full = all_text(student)
    assert "biased upward" in full and "unbiased estimate" in full and "from your seat" in full


def test_the_data_page_in_a_class_says_what_the_three_parts_are_for():
    _, code, key = open_class()
    student = join(code, "Sam", page="pages/data.py")
    text = all_text(student)                                                   # the class's level: simple
    assert "3,500 to learn from, and 500 kept aside to compare the class's models" in text
    assert "1,000 test digits take no part in choosing the best" in text and "unbiased estimate" not in text
    the_rooms().set_settings(code, key, "unknown", "full", None, None, False)  # the teacher: with the maths
    student.run()
    student.run()
    assert "unbiased estimate" in all_text(student)
    assert "three parts" not in all_text(open_app("pages/data.py"))               # outside a class: as before


def test_a_late_request_from_the_old_page_after_a_move_goes_back_to_the_step_s_page(monkeypatch):
    """Seen in the class load (scripts/class_load.py): a drag's end sent from the old page just before the switch
    reached the server after the step's page was drawn, and the student was left on the old page with the new step's
    card (3 or 4 of 10 moves). Within ARRIVAL_GRACE of arriving such a run switches back; later, a visit elsewhere
    stays where the student went."""
    from ui.lesson import progress

    clock = [1000.0]
    monkeypatch.setattr(progress, "now", lambda: clock[0])
    teacher, code, _ = open_class()
    student = join(code, "late drag", page="pages/cost.py")
    teacher.selectbox(key="class_step_choice").set_value(4)
    teacher.button(key="class_move").click().run()
    student.run()
    student.run()
    step_page = LESSON_PAGES[4]
    assert student.session_state[state.PAGE] == step_page
    clock[0] += 1.0
    student.switch_page("pages/cost.py").run()       # the old page's request, arriving late
    assert not student.exception, student.exception
    assert student.session_state[state.PAGE] == step_page
    clock[0] += progress.ARRIVAL_GRACE
    student.switch_page("pages/cost.py").run()       # long after: the student chose to look at the Cost page
    assert student.session_state[state.PAGE] == "cost"
