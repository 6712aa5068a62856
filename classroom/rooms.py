"""The classroom's rules, on top of its store: open a class, join it, follow it, say where one is in the
lesson, answer, give drawings, enter the challenge; and, for the teacher only, move everyone, reset
everyone's edits, set the class's level and steps, read the class's board, answers, digits and
leaderboard, close the class.

Every teacher action takes the class code and the teacher key and checks the key against its slow
hash here, on the server, without holding a database connection while it hashes. Signing in is
limited per trying device (``TEACHER_KEY_LIMIT``), never per class: the right key from another
device is always checked, and a console that is signed in re-checks its key, never anyone's
count of failures. A wrong class code is limited per device only once the code is known to be
wrong: a right code always gets in. Opening classes is limited per device and per server.

A student holds a random token (kept as a hash) that names their seat in one class; every student
action reads and writes that class's rows only, and nothing a student can call returns another
student's answers, drawings or scores.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import os
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, and_, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from classroom import keys
from classroom.schema import (
    DIGIT_BYTES,
    NICKNAME_LENGTH,
    RECIPE_LENGTH,
    SHORT_TEXT,
    answers,
    attempts,
    classes,
    drawings,
    entries,
    students,
)

DEFAULT_HOURS = 24.0
MAX_HOURS = 24.0 * 7
MAX_STUDENTS = 200             # seats in one class
MAX_DRAWINGS_PER_STUDENT = 100
MAX_DRAWINGS_PER_CLASS = 2000
MAX_ENTRIES_PER_STUDENT = 100  # challenge entries one seat may make (the board keeps its best)
PURGE_EVERY = 60.0             # seconds: classes past their time are deleted by the first request after this long
LEVELS = ("simple", "full")    # the class's words: for a first lesson, or with the maths (ui/level.py)
MAX_STEPS = 1000               # lesson steps are numbered 0 .. MAX_STEPS - 1
STUCK_MINUTES = 3.0            # on one step this long with its action not done: stuck, on the console's board
AWAY_SECONDS = 30.0            # a student's page that has not said anything for this long: away


class ClassroomError(Exception):
    """Something a user did that the classroom refuses; the message says what and what to do."""


class NoSuchClassError(ClassroomError):
    pass


CLASS_ENDED = "your class has ended (its teacher closed it, or its time is up)"


class WrongKeyError(ClassroomError):
    pass


class TooManyTriesError(ClassroomError):
    pass


@dataclass(frozen=True)
class Limit:
    """At most ``allowed`` tries of one ``kind`` by one subject within ``window`` seconds; ``refusal`` says so
    (with {minutes}) to whoever is refused."""

    kind: str
    allowed: int
    window: float
    refusal: str

    def message(self) -> str:
        return self.refusal.format(minutes=math.ceil(self.window / 60))


# wrong teacher keys for one class from one device: that device waits, no other device does
TEACHER_KEY_LIMIT = Limit("teacher key", 5, 600.0, "too many wrong teacher keys for this class from this device: "
                          "wait {minutes} minutes and try again (a console already signed in is not affected)")
# wrong teacher keys for one class from every device together: past it, a device that has already tried a wrong key
# for the class gets no more tries, while a device that has not is still checked (its right key still opens)
TEACHER_KEY_CLASS_CAP = 500
# wrong class codes from one device, sized for a whole school behind one router; a right code always gets in
CLASS_CODE_LIMIT = Limit("class code", 300, 600.0, "too many wrong class codes from this device: check the code "
                         "on the board, and wait {minutes} minutes before trying another")
CLASS_CODE_DAY_LIMIT = Limit("class code", 2000, 24 * 3600.0, "too many wrong class codes from this device today: "
                             "check the code on the board; a right code still gets in")
# classes opened from one device (a school's teachers behind one router, each opening a class for a lesson); a
# school with more teachers than that behind one address raises it (README, "Running a class")
CLASSES_PER_HOUR_VARIABLE = "NN_CLASSES_PER_HOUR"


def classes_per_hour(environ=os.environ, default: int = 20) -> int:
    """The classes one device may open in an hour: the operator's NN_CLASSES_PER_HOUR (a whole number), or 20."""
    typed = environ.get(CLASSES_PER_HOUR_VARIABLE, "").strip()
    return int(typed) if typed.isdigit() and int(typed) > 0 else default


CLASS_OPEN_LIMIT = Limit("class opened", classes_per_hour(), 3600.0, "this device has opened many classes within "
                         "the last hour: wait up to {minutes} minutes, or use a class already open")
MAX_OPEN_CLASSES = 300         # open classes on one server (every replica of it together)
LIMITS = (TEACHER_KEY_LIMIT, CLASS_CODE_LIMIT, CLASS_CODE_DAY_LIMIT, CLASS_OPEN_LIMIT)
PRUNE_SECONDS = 60.0           # old tries are deleted at most this often, by whoever records a new one
KEY_CHECKS_AT_ONCE = 1         # slow hashes at once (16 MB and a core each): the rest wait, the other core serves pages
_KEY_CHECKS = threading.BoundedSemaphore(KEY_CHECKS_AT_ONCE)
# A key found right, remembered by this process (a fast hash of it, by its class's slow hash) so that a signed-in
# console's refreshes never wait behind the slow hashes of strangers' tries; at most REMEMBERED_KEYS, then forgotten.
REMEMBERED_KEYS = 10_000
_RIGHT_KEYS: dict[bytes, bytes] = {}
# Teachers signing in at once (their keys unknown until hashed): the rest wait their turn holding no connection, so
# a crowd of strangers' tries takes at most this many of the pool's connections and never a signed-in console's turn.
SIGN_INS_AT_ONCE = 2
_SIGN_INS = threading.BoundedSemaphore(SIGN_INS_AT_ONCE)
# Tries on one subject are counted one at a time within this process before they take a connection, so that a
# crowd of them waits here and not on the database with every connection of the pool (other classes need those).
_TRY_QUEUES = tuple(threading.Lock() for _ in range(64))


@dataclass(frozen=True)
class Opened:
    """A new class: its code for the board, and its teacher key, shown this once."""

    code: str
    teacher_key: str
    expires_at: float


@dataclass(frozen=True)
class Seat:
    """A student's place in a class; the token is what their session keeps."""

    code: str
    token: str
    nickname: str


@dataclass(frozen=True)
class ClassState:
    """What every student's page follows: where the teacher sent everyone, and how often; and the class's
    settings: the level of the words, the lesson's steps it uses (0-based, None: open end), and whether Next
    waits for the teacher (no step past ``lesson_step``)."""

    code: str
    lesson_step: int | None
    step_moves: int
    edit_resets: int
    expires_at: float
    level: str = "simple"
    first_step: int | None = None
    last_step: int | None = None
    lock_next: bool = False
    joining_open: bool = True


@dataclass(frozen=True)
class AnswerRow:
    nickname: str
    step_id: str
    guess: str | None
    guess_number: float | None
    answer: str
    right: bool | None
    model: str


@dataclass(frozen=True)
class Entry:
    """A student's best model in the challenge: its recipe, and its accuracy on the validation digits."""

    nickname: str
    recipe: str
    accuracy: float
    digits: int
    submitted_at: float


@dataclass(frozen=True)
class ClassDigits:
    images: np.ndarray      # (N, 28, 28) uint8
    labels: np.ndarray      # (N,) uint8
    nicknames: tuple[str, ...]


@dataclass(frozen=True)
class Whereabouts:
    """Where one student is, for the console's board: their card's lesson step (None: not in the lesson), since
    when, whether its action is done and a guess locked on it, and when their page last said so."""

    nickname: str
    step: int | None
    step_since: float | None
    done: bool
    guess_locked: bool
    last_seen: float | None

    def away(self, now: float) -> bool:
        """Their page has not said anything for AWAY_SECONDS (closed, asleep, or lost its connection)."""
        return self.last_seen is None or now - self.last_seen > AWAY_SECONDS

    def stuck(self, now: float) -> bool:
        """On the same step for more than STUCK_MINUTES with its action still not done."""
        return (self.step is not None and self.step_since is not None and not self.done
                and now - self.step_since > STUCK_MINUTES * 60)


@dataclass(frozen=True)
class Console:
    """Everything the teacher's console shows, read in one go (one check of the key), at ``read_at``."""

    state: ClassState
    nicknames: tuple[str, ...]
    answers: tuple[AnswerRow, ...]
    drawing_count: int
    leaderboard: tuple[Entry, ...]   # each student's best entry, best first
    students: tuple[Whereabouts, ...] = ()   # one per seat, in the order they joined
    read_at: float = 0.0


def plain_nickname(typed: str | None) -> str:
    """A nickname as plain text: printable characters only, spaces squeezed, at most NICKNAME_LENGTH."""
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" else " " for ch in str(typed or ""))
    return " ".join(text.split())[:NICKNAME_LENGTH].strip()


def short_text(value: object) -> str:
    return plain_nickname(str(value))[:SHORT_TEXT] if value is not None else ""


class Rooms:
    """The classroom on one store. ``clock`` is seconds since the epoch (tests pass their own)."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time, hours: float = DEFAULT_HOURS):
        self.engine = engine
        self.clock = clock
        self.hours = hours
        self._purged_at = -math.inf
        self._pruned_at = -math.inf

    # -- the teacher ---------------------------------------------------------------------------------
    def open_class(self, hours: float | None = None, client: str | None = None) -> Opened:
        """A new class with a fresh code; it closes by itself after ``hours`` (default 24). A ``client`` (the device
        asking, from a page) may open CLASS_OPEN_LIMIT classes an hour; the server keeps MAX_OPEN_CLASSES open."""
        hours = self.hours if hours is None else float(hours)
        if not (math.isfinite(hours) and 0 < hours <= MAX_HOURS):
            raise ClassroomError(f"a class lasts between a few minutes and {MAX_HOURS:.0f} hours")
        if client is not None:
            self._count_a_try(CLASS_OPEN_LIMIT, client, lock_on=client)
        self.purge_expired()
        teacher_key, key_salt = keys.new_teacher_key(), keys.salt()
        key_hash = keys.slow_hash(teacher_key, key_salt)
        now = self.clock()
        for _ in range(20):   # a fresh code; a clash with an open class is rare and simply retried
            code = keys.new_code()
            try:
                with self.engine.begin() as db:   # the insert first: on SQLite it takes the write lock, so the count is exact
                    db.execute(insert(classes).values(
                        code=code, key_hash=key_hash, key_salt=key_salt, opened_at=now, expires_at=now + hours * 3600,
                        lesson_step=None, step_moves=0, edit_resets=0))
                    still_open = db.execute(select(func.count()).select_from(classes)
                                            .where(classes.c.expires_at > now)).scalar()
                    if still_open > MAX_OPEN_CLASSES:   # raising undoes the insert
                        raise ClassroomError(f"this server already has {MAX_OPEN_CLASSES} classes open, the most it "
                                             "keeps: try again later, or ask whoever runs it")
                return Opened(code, teacher_key, now + hours * 3600)
            except IntegrityError:
                continue
        raise ClassroomError("could not find a free class code; try again")

    def sign_in(self, code: str, key: str, client: str) -> Console:
        """The console for a teacher typing the code and key: the one teacher action whose wrong keys are limited
        before the key is checked (TEACHER_KEY_LIMIT per device; past TEACHER_KEY_CLASS_CAP for the class, one
        try per device). Its tries are counted in the store, so tries sent together cannot go past the limit."""
        with _SIGN_INS:
            found = self._class_key(code)
            if found is None:
                self._wrong_code(client)
            tried = self._count_key_try(found.code, client)
            if not self._key_is_right(key, found):
                raise WrongKeyError("this is not the teacher key of this class")   # the try stays counted
            with self.engine.begin() as db:
                db.execute(delete(attempts).where(attempts.c.id == tried))           # a right key is no failure
        return self._read_console(found.id)

    def console(self, code: str, key: str, client: str) -> Console:
        """Everything the console shows, for a teacher signed in: the key is checked, never a count of failures."""
        return self._read_console(self._teacher(code, key, client))

    def _read_console(self, class_id: int) -> Console:
        with self.engine.begin() as db:
            state = self._state(db, class_id)
            seats = db.execute(select(students.c.id, students.c.nickname, students.c.step, students.c.step_since,
                                      students.c.step_done, students.c.guess_locked, students.c.last_seen)
                               .where(students.c.class_id == class_id).order_by(students.c.id)).all()
            names = {row.id: row.nickname for row in seats}
            answered = db.execute(select(answers).where(answers.c.class_id == class_id).order_by(answers.c.id)).all()
            drawn = db.execute(select(func.count()).select_from(drawings).where(drawings.c.class_id == class_id)).scalar()
            entered = db.execute(select(entries).where(entries.c.class_id == class_id)).all()
        rows = tuple(AnswerRow(names.get(a.student_id, "?"), a.step_id, a.guess, a.guess_number, a.answer, a.right, a.model)
                     for a in answered)
        board = tuple(Whereabouts(row.nickname, row.step, row.step_since, bool(row.step_done), bool(row.guess_locked),
                                  row.last_seen) for row in seats)
        return Console(state, tuple(names.values()), rows, int(drawn), _best_entries(entered, names), board,
                       self.clock())

    def move_everyone(self, code: str, key: str, client: str, step: int) -> ClassState:
        """Send every student to lesson step ``step`` (0-based); their pages follow within seconds."""
        if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < 1000:
            raise ClassroomError("the lesson step must be a whole number")
        class_id = self._teacher(code, key, client)   # the slow hash first, holding no connection
        with self.engine.begin() as db:
            within = (or_(classes.c.first_step.is_(None), classes.c.first_step <= step)
                      & or_(classes.c.last_step.is_(None), classes.c.last_step >= step))
            moved = db.execute(update(classes).where((classes.c.id == class_id) & within)
                               .values(lesson_step=step, step_moves=classes.c.step_moves + 1))
            if moved.rowcount != 1:
                raise ClassroomError(f"step {step + 1} is outside the steps this class uses; widen them in the class's "
                                     "settings first")
            return self._state(db, class_id)

    def set_settings(self, code: str, key: str, client: str, level: str, first_step: int | None,
                     last_step: int | None, lock_next: bool) -> ClassState:
        """The class's settings, followed by every student's page: the level of the words ("simple" or "full"),
        the lesson's steps it uses (0-based, both ends included; None: from the first, to the last) and whether
        Next waits for the teacher."""
        if level not in LEVELS:
            raise ClassroomError("the level is 'simple' or 'full'")
        for step in (first_step, last_step):
            if step is not None and (not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < MAX_STEPS):
                raise ClassroomError("a lesson step must be a whole number")
        if first_step is not None and last_step is not None and first_step > last_step:
            raise ClassroomError("the first step of the class's range comes after its last")
        if not isinstance(lock_next, bool):
            raise ClassroomError("'Next waits for me' is on or off")
        class_id = self._teacher(code, key, client)   # the slow hash first, holding no connection
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.id == class_id).values(
                level=level, first_step=first_step, last_step=last_step, lock_next=lock_next))
            return self._state(db, class_id)

    def let_students_join(self, code: str, key: str, client: str, allowed: bool) -> ClassState:
        """Whether new students may join (the teacher turns it off once everyone is in; seats already taken, and a
        tab coming back to its seat, are not affected)."""
        if not isinstance(allowed, bool):
            raise ClassroomError("'New students may join' is on or off")
        class_id = self._teacher(code, key, client)   # the slow hash first, holding no connection
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.id == class_id).values(joining_open=allowed))
            return self._state(db, class_id)

    def reset_edits(self, code: str, key: str, client: str) -> ClassState:
        """Ask every student's page to undo its hand edits of weights and biases."""
        class_id = self._teacher(code, key, client)   # the slow hash first, holding no connection
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.id == class_id).values(edit_resets=classes.c.edit_resets + 1))
            return self._state(db, class_id)

    def class_digits(self, code: str, key: str, client: str) -> ClassDigits:
        """The drawings the students gave, as 28x28 digits with their labels (in the order given)."""
        class_id = self._teacher(code, key, client)   # the slow hash first, holding no connection
        with self.engine.begin() as db:
            rows = db.execute(select(drawings.c.pixels, drawings.c.label, students.c.nickname)
                              .join(students, students.c.id == drawings.c.student_id)
                              .where(drawings.c.class_id == class_id).order_by(drawings.c.id)).all()
        images = np.frombuffer(b"".join(bytes(row.pixels) for row in rows), dtype=np.uint8).reshape(-1, 28, 28)
        labels = np.array([row.label for row in rows], dtype=np.uint8)
        return ClassDigits(images, labels, tuple(row.nickname for row in rows))

    def close_class(self, code: str, key: str, client: str) -> None:
        """Close the class now and delete everything it holds."""
        class_id = self._teacher(code, key, client)   # the slow hash first, holding no connection
        with self.engine.begin() as db:
            _delete_classes(db, [class_id])
        self._scrub_files()

    def purge_expired(self) -> int:
        """Delete every class past its time, with all it holds; how many were deleted."""
        now = self.clock()
        self._purged_at = now
        with self.engine.begin() as db:
            gone = [row.id for row in db.execute(select(classes.c.id).where(classes.c.expires_at <= now))]
            _delete_classes(db, gone)
            db.execute(delete(attempts).where(attempts.c.at < now - max(limit.window for limit in LIMITS)))
        if gone:
            self._scrub_files()
        return len(gone)

    def _purge_now_and_then(self) -> None:
        """Purge expired classes at most once every PURGE_EVERY seconds (per process), from whatever request comes:
        a class past its time goes within about a minute of any request, whichever replica serves it."""
        if self.clock() - self._purged_at >= PURGE_EVERY:
            self.purge_expired()

    def _scrub_files(self) -> None:
        """After a delete, SQLite: copy the WAL into the main file and empty it, so the deleted rows' bytes (zeroed
        in their pages by secure_delete, classroom/store.py) are gone from both files. PostgreSQL keeps them in its
        heap and WAL files until overwritten (README: "Deleted means gone")."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as db:
                db.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- a student -------------------------------------------------------------------------------------
    def join(self, code: str, nickname: str | None, client: str) -> Seat:
        """A seat in the class with this code (the nickname may be empty: 'Student 7'). The seat is counted on the
        class's row by a conditional UPDATE before it is inserted, so joins that arrive together never pass
        MAX_STUDENTS."""
        self._purge_now_and_then()
        class_id = self._class_by_code(code, client)   # a wrong code is counted holding no other connection
        with self.engine.begin() as db:
            if not db.execute(select(classes.c.joining_open).where(classes.c.id == class_id)).scalar():
                raise ClassroomError("this class takes no new students now: ask your teacher to let you in")
            if not _count_up(db, classes, class_id, classes.c.seats_taken, MAX_STUDENTS):
                raise ClassroomError(f"this class is full ({MAX_STUDENTS} students): ask your teacher")
            seated = db.execute(select(classes.c.seats_taken).where(classes.c.id == class_id)).scalar()
            name = plain_nickname(nickname) or f"Student {seated}"
            token = keys.new_token()
            db.execute(insert(students).values(class_id=class_id, token_hash=keys.token_hash(token), nickname=name,
                                               joined_at=self.clock()))
        return Seat(keys.tidy_code(code), token, name)

    def leave(self, token: str) -> None:
        """Give the seat back: the seat and everything it gave (answers, drawings, its challenge entry) are deleted,
        and the class's counts go down by as much, so leaving and joining again never holds a second seat nor adds
        to what one person gave. A seat already gone: nothing to do."""
        with self.engine.begin() as db:
            gone = db.execute(delete(students).where(students.c.token_hash == keys.token_hash(str(token or "")))
                              .returning(students.c.id, students.c.class_id, students.c.drawings_given)).one_or_none()
            if gone is None:
                return
            for table in (answers, drawings, entries):    # (explicitly, whether or not the database cascades)
                db.execute(delete(table).where(table.c.student_id == gone.id))
            db.execute(update(classes).where(classes.c.id == gone.class_id).values(
                seats_taken=classes.c.seats_taken - 1, drawings_given=classes.c.drawings_given - gone.drawings_given))
        self._scrub_files()

    def seat(self, token: str) -> Seat:
        """The seat this token names (a tab that remembered it after a reload or a restart)."""
        self._purge_now_and_then()
        with self.engine.connect() as db:
            class_id, student_id = self._seat(db, token)
            code = db.execute(select(classes.c.code).where(classes.c.id == class_id)).scalar()
            nickname = db.execute(select(students.c.nickname).where(students.c.id == student_id)).scalar()
        return Seat(code, token, nickname)

    def follow(self, token: str) -> ClassState:
        """The state of the student's class (NoSuchClassError once it is closed or has expired): one query, as every
        student's page asks about once a second."""
        self._purge_now_and_then()
        with self.engine.connect() as db:
            row = db.execute(select(classes).join(students, students.c.class_id == classes.c.id)
                             .where(students.c.token_hash == keys.token_hash(str(token or "")))).first()
        if row is None or row.expires_at <= self.clock():
            raise NoSuchClassError(CLASS_ENDED)
        return _class_state(row)

    def class_states(self, codes: list[str]) -> list[ClassState]:
        """The states of the open classes among these codes, in one query (the class bell of a server process asks
        four times a second for the classes its students are in)."""
        if not codes:
            return []
        with self.engine.connect() as db:
            rows = db.execute(select(classes).where(and_(classes.c.code.in_([keys.tidy_code(c) for c in codes]),
                                                         classes.c.expires_at > self.clock()))).all()
        return [_class_state(row) for row in rows]

    def report_whereabouts(self, token: str, step: int | None, done: bool, guess_locked: bool) -> None:
        """Where the student's page is in the lesson (step None: not in the lesson); since when is reset only when
        the step changes, and the page is seen now."""
        if step is not None and (not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < MAX_STEPS):
            raise ClassroomError("a lesson step must be a whole number")
        now = self.clock()
        with self.engine.begin() as db:
            _, student_id = self._seat(db, token)
            moved = students.c.step.is_distinct_from(step)
            db.execute(update(students).where(students.c.id == student_id).values(
                step=step, step_since=case((moved, now), else_=students.c.step_since), step_done=bool(done),
                guess_locked=bool(guess_locked), last_seen=now))

    def answer(self, token: str, step_id: str, guess: str | None, guess_number: float | None, answer: str,
               right: bool | None, model: str) -> None:
        """Keep the student's answer to a step's question (a later answer to the same step replaces it)."""
        number = float(guess_number) if guess_number is not None and math.isfinite(float(guess_number)) else None
        values = {"guess": short_text(guess) if guess is not None else None, "guess_number": number,
                  "answer": short_text(answer), "right": None if right is None else bool(right),
                  "model": short_text(model), "answered_at": self.clock()}
        with self.engine.begin() as db:
            class_id, student_id = self._seat(db, token)
            step = short_text(step_id)
            done = db.execute(update(answers).where(and_(answers.c.student_id == student_id, answers.c.step_id == step))
                              .values(**values))
            if done.rowcount == 0:
                db.execute(insert(answers).values(class_id=class_id, student_id=student_id, step_id=step, **values))

    def give_drawing(self, token: str, pixels: np.ndarray, label: int) -> int:
        """Give the class a labelled drawing (28x28 grey levels 0..255); how many this student has given."""
        grid = np.asarray(pixels)
        if grid.shape not in ((28, 28), (784,)) or not np.all(np.isfinite(grid)):
            raise ClassroomError("a drawing is given as a 28x28 digit")
        if isinstance(label, bool) or int(label) != label or not 0 <= int(label) <= 9:
            raise ClassroomError("the label of a drawing is a digit 0 to 9")
        data = np.clip(np.rint(grid), 0, 255).astype(np.uint8).tobytes()
        assert len(data) == DIGIT_BYTES
        self._purge_now_and_then()
        with self.engine.begin() as db:
            class_id, student_id = self._seat(db, token)
            if not _count_up(db, students, student_id, students.c.drawings_given, MAX_DRAWINGS_PER_STUDENT):
                self._seat(db, token)   # (gone meanwhile: the class has ended)
                raise ClassroomError(f"you have given the class {MAX_DRAWINGS_PER_STUDENT} drawings, the most one "
                                     "student may")
            if not _count_up(db, classes, class_id, classes.c.drawings_given, MAX_DRAWINGS_PER_CLASS):
                raise ClassroomError(f"your class already has {MAX_DRAWINGS_PER_CLASS:,} drawings, the most one class "
                                     "keeps: your teacher can download them and open a new class for more")
            db.execute(insert(drawings).values(class_id=class_id, student_id=student_id, label=int(label), pixels=data,
                                               drawn_at=self.clock()))
            given = db.execute(select(students.c.drawings_given).where(students.c.id == student_id)).scalar()
        return int(given)

    def enter_challenge(self, token: str, recipe: str, accuracy: float, digits: int) -> bool:
        """Enter a model with the accuracy the server measured on the validation digits; the board keeps each
        student's best (True: this one is now their entry; False: an earlier one was as good or better)."""
        if not (math.isfinite(accuracy) and 0.0 <= accuracy <= 1.0) or isinstance(digits, bool) or int(digits) <= 0:
            raise ClassroomError("an entry needs an accuracy measured on the validation digits")
        values = {"recipe": str(recipe)[:RECIPE_LENGTH], "accuracy": float(accuracy), "digits": int(digits),
                  "submitted_at": self.clock()}
        self._purge_now_and_then()
        with self.engine.begin() as db:
            class_id, student_id = self._seat(db, token)
            # counted first: the seat's row is then held, so its entries are made one at a time
            if not _count_up(db, students, student_id, students.c.entries_made, MAX_ENTRIES_PER_STUDENT):
                self._seat(db, token)   # (gone meanwhile: the class has ended)
                raise ClassroomError(f"you have entered the challenge {MAX_ENTRIES_PER_STUDENT} times, the most one "
                                     "student may: your best is on the board")
            held = db.execute(select(entries.c.accuracy).where(entries.c.student_id == student_id)).scalar()
            if held is None:
                db.execute(insert(entries).values(class_id=class_id, student_id=student_id, **values))
                return True
            better = db.execute(update(entries).where(and_(entries.c.student_id == student_id,
                                                           entries.c.accuracy < float(accuracy))).values(**values))
            return better.rowcount > 0

    def my_entry(self, token: str) -> Entry | None:
        """This student's entry in the challenge (their best), or None before they enter."""
        with self.engine.connect() as db:
            _, student_id = self._seat(db, token)
            row = db.execute(select(entries).where(entries.c.student_id == student_id)).first()
            nickname = db.execute(select(students.c.nickname).where(students.c.id == student_id)).scalar()
        return None if row is None else Entry(nickname or "?", row.recipe, row.accuracy, row.digits, row.submitted_at)

    def my_drawing_count(self, token: str) -> int:
        with self.engine.connect() as db:
            _, student_id = self._seat(db, token)
            return int(db.execute(select(func.count()).select_from(drawings).where(drawings.c.student_id == student_id)).scalar())

    # -- checks ------------------------------------------------------------------------------------------
    def _open_class_row(self, db, code: str):
        return db.execute(select(classes).where(and_(classes.c.code == keys.tidy_code(code),
                                                     classes.c.expires_at > self.clock()))).first()

    def _class_by_code(self, code: str, client: str) -> int:
        """The open class with this code, looked up before anything else; a wrong code is then counted for the
        device (a right one never is, nor waits for the device's count). Call it outside a transaction: counting
        takes a connection of its own."""
        with self.engine.connect() as db:
            row = self._open_class_row(db, code)
        if row is None:
            self._wrong_code(client)
        return row.id

    def _wrong_code(self, client: str):
        """Count a wrong class code for the device and refuse it (TooManyTriesError past the device's limits)."""
        self._count_a_try(CLASS_CODE_LIMIT, client, lock_on=client, also=(CLASS_CODE_DAY_LIMIT,))
        raise NoSuchClassError("no open class has this code: check it on the board (a class ends when its teacher "
                               "closes it, or after its time)")

    def _class_key(self, code: str):
        """The open class's id, code, key salt and hash (None: no open class has this code), read in a moment."""
        with self.engine.connect() as db:
            return db.execute(select(classes.c.id, classes.c.code, classes.c.key_salt, classes.c.key_hash).where(
                and_(classes.c.code == keys.tidy_code(code), classes.c.expires_at > self.clock()))).first()

    def _key_is_right(self, key: str, found) -> bool:
        """A key this process found right before, by a fast hash; else the slow hash, outside any transaction and
        KEY_CHECKS_AT_ONCE at a time."""
        key, key_salt, stored = str(key or ""), bytes(found.key_salt), bytes(found.key_hash)
        quick = hashlib.sha256(key_salt + key.encode("utf-8")[:256]).digest()
        if hmac.compare_digest(_RIGHT_KEYS.get(stored, b""), quick):
            return True
        with _KEY_CHECKS:
            right = keys.key_matches(key, key_salt, stored)
        if right:
            if len(_RIGHT_KEYS) >= REMEMBERED_KEYS:
                _RIGHT_KEYS.clear()
            _RIGHT_KEYS[stored] = quick
        return right

    def _teacher(self, code: str, key: str, client: str) -> int:
        """The class whose key this is, for a teacher signed in: the key is checked whatever anyone's count of
        failures (a right key always passes); a wrong one is counted for the device like a try to sign in."""
        found = self._class_key(code)
        if found is None:
            raise NoSuchClassError("no open class has this code: it was closed, or its time is up")
        if not self._key_is_right(key, found):
            self._count_key_try(found.code, client)
            raise WrongKeyError("this is not the teacher key of this class")
        return found.id

    def _count_key_try(self, code: str, client: str) -> int:
        """Count a try of a key for this class from this device (before its check: tries sent together cannot all
        pass); TooManyTriesError past the device's limit, or past the class's cap for a device that has failed."""
        subject = f"{code} {client}"[:64]

        def over(db, tried: int) -> bool:
            since = self.clock() - TEACHER_KEY_LIMIT.window
            for_class = db.execute(select(func.count()).select_from(attempts).where(and_(
                attempts.c.kind == TEACHER_KEY_LIMIT.kind, attempts.c.subject.startswith(f"{code} ", autoescape=True),
                attempts.c.at > since))).scalar()
            return for_class > TEACHER_KEY_CLASS_CAP and tried > 1

        return self._count_a_try(TEACHER_KEY_LIMIT, subject, lock_on=code, over=over)

    def _count_a_try(self, limit: Limit, subject: str, lock_on: str, also: tuple[Limit, ...] = (),
                     over: Callable | None = None) -> int:
        """Record a try of ``limit.kind`` by ``subject`` and count it with the others in one transaction
        (TooManyTriesError, the try not recorded, once there are more than allowed); the try's id.

        Tries locking on the same ``lock_on`` wait for each other: in this process before they take a connection,
        and across processes on PostgreSQL's advisory lock (held until the transaction ends); on SQLite the insert
        comes first, so the transaction holds the write lock before it counts."""
        subject = subject[:64]
        lock = _lock_number(limit.kind, lock_on)
        with _TRY_QUEUES[lock % len(_TRY_QUEUES)], self.engine.begin() as db:
            now = self.clock()
            if db.dialect.name == "postgresql":   # other processes' tries on the subject (replicas) wait here
                db.execute(select(func.pg_advisory_xact_lock(lock)))
            tried_id = db.execute(insert(attempts).values(kind=limit.kind, subject=subject, at=now)).inserted_primary_key[0]
            self._prune_tries(db, now)
            counts = {}
            for each in (limit, *also):
                counts[each] = db.execute(select(func.count()).select_from(attempts).where(and_(
                    attempts.c.kind == each.kind, attempts.c.subject == subject,
                    attempts.c.at > now - each.window))).scalar()
                if counts[each] > each.allowed:
                    raise TooManyTriesError(each.message())   # raising undoes the insert: refused tries are not kept
            if over is not None and over(db, counts[limit]):
                raise TooManyTriesError(limit.message())
        return tried_id

    def _prune_tries(self, db, now: float) -> None:
        """Delete tries older than their longest limit, at most every PRUNE_SECONDS (by whoever records one)."""
        if now - self._pruned_at < PRUNE_SECONDS:
            return
        self._pruned_at = now
        windows: dict[str, float] = {}
        for limit in LIMITS:
            windows[limit.kind] = max(windows.get(limit.kind, 0.0), limit.window)
        db.execute(delete(attempts).where(or_(*(and_(attempts.c.kind == kind, attempts.c.at < now - window)
                                               for kind, window in windows.items()),
                                             attempts.c.kind.not_in(list(windows)))))

    def _seat(self, db, token: str) -> tuple[int, int]:
        row = db.execute(select(students.c.id, students.c.class_id, classes.c.expires_at)
                         .join(classes, classes.c.id == students.c.class_id)
                         .where(students.c.token_hash == keys.token_hash(str(token or "")))).first()
        if row is None or row.expires_at <= self.clock():
            raise NoSuchClassError(CLASS_ENDED)
        return row.class_id, row.id

    def _state(self, db, class_id: int) -> ClassState:
        row = db.execute(select(classes).where(classes.c.id == class_id)).first()
        if row is None:   # closed since its key was checked
            raise NoSuchClassError(CLASS_ENDED)
        return _class_state(row)


def _lock_number(kind: str, subject: str) -> int:
    """A PostgreSQL advisory lock's number (64 bits, signed) for the tries of one kind on one subject."""
    return int.from_bytes(hashlib.sha256(f"{kind}|{subject}".encode()).digest()[:8], "big", signed=True)


def _count_up(db, table, row_id: int, count, most: int) -> bool:
    """Add one to ``count`` on the row ``row_id`` of ``table`` if it is below ``most``; False: it is not. One UPDATE,
    so the database decides: it holds the row (PostgreSQL) or the whole store (SQLite) until the transaction ends,
    and requests that arrive together are counted one after the other."""
    done = db.execute(update(table).where(and_(table.c.id == row_id, count < most)).values({count: count + 1}))
    return done.rowcount == 1


def _class_state(row) -> ClassState:
    """A row of ``classes`` as what students' pages follow."""
    return ClassState(row.code, row.lesson_step, row.step_moves, row.edit_resets, row.expires_at, row.level,
                      row.first_step, row.last_step, bool(row.lock_next), bool(row.joining_open))


def _delete_classes(db, class_ids: list[int]) -> None:
    """Everything the classes hold, then the classes (explicitly, whether or not the database cascades)."""
    if not class_ids:
        return
    for table in (answers, drawings, entries, students):
        db.execute(delete(table).where(table.c.class_id.in_(class_ids)))
    db.execute(delete(classes).where(classes.c.id.in_(class_ids)))


def _best_entries(rows, names: dict[int, str]) -> tuple[Entry, ...]:
    best: dict[int, object] = {}
    for row in rows:
        held = best.get(row.student_id)
        if held is None or (row.accuracy, -row.submitted_at) > (held.accuracy, -held.submitted_at):
            best[row.student_id] = row
    ranked = sorted(best.values(), key=lambda row: (-row.accuracy, row.submitted_at))
    return tuple(Entry(names.get(row.student_id, "?"), row.recipe, row.accuracy, row.digits, row.submitted_at)
                 for row in ranked)
