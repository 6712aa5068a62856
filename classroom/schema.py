"""The tables of the classroom store (SQLAlchemy Core). Alembic's migrations (classroom/migrations)
create them; ``METADATA`` is what those migrations are checked against (tests/classroom).

Times are seconds since the epoch (UTC) as floats: the same in SQLite and PostgreSQL, and compared
as numbers. Every row below ``classes`` belongs to one class and goes with it (ON DELETE CASCADE).
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    false,
    true,
)

NICKNAME_LENGTH = 24     # characters of a student's nickname
CODE_LENGTH = 6          # characters of a class code
DIGIT_BYTES = 28 * 28    # a drawing is stored as its 28x28 grey pixels, one byte each, and nothing else
SHORT_TEXT = 40          # a step id, a guess, an answer, a model's name

METADATA = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_name)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s"})


def _class_id() -> Column:
    return Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"), nullable=False, index=True)


def _student_id() -> Column:
    return Column("student_id", Integer, ForeignKey("students.id", ondelete="CASCADE"), nullable=False, index=True)


classes = Table(
    "classes", METADATA,
    Column("id", Integer, primary_key=True),
    Column("code", String(CODE_LENGTH), nullable=False, unique=True),
    Column("key_hash", LargeBinary(64), nullable=False),     # scrypt of the teacher key; the key itself is never kept
    Column("key_salt", LargeBinary(16), nullable=False),
    Column("opened_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("lesson_step", Integer),                          # where the teacher sent everyone (None: nowhere yet)
    Column("step_moves", Integer, nullable=False, default=0),   # how many times the teacher moved everyone
    Column("edit_resets", Integer, nullable=False, default=0),  # how many times the teacher reset everyone's edits
    # the class's settings, chosen on the console and followed by every student's page
    Column("level", String(8), nullable=False, default="simple", server_default="simple"),  # "simple" or "full"
    Column("first_step", Integer),                           # the lesson's steps this class uses (None: from the first)
    Column("last_step", Integer),                            # (None: to the last)
    Column("lock_next", Boolean, nullable=False, default=False, server_default=false()),  # Next waits for the teacher
    Column("joining_open", Boolean, nullable=False, default=True, server_default=true()),  # new students may join
    # counts kept beside the rows they count, so a limit is one conditional UPDATE (classroom/rooms.py)
    Column("seats_taken", Integer, nullable=False, default=0, server_default="0"),     # students seated now
    Column("drawings_given", Integer, nullable=False, default=0, server_default="0"),  # drawings the class holds
)

students = Table(
    "students", METADATA,
    Column("id", Integer, primary_key=True),
    _class_id(),
    Column("token_hash", LargeBinary(32), nullable=False, unique=True),   # sha256 of the student's session token
    Column("nickname", String(NICKNAME_LENGTH), nullable=False),
    Column("joined_at", Float, nullable=False),
    # where the student is, for the console's board (written by their page when it changes, and now and then)
    Column("step", Integer),                                 # the lesson step their card is on (None: not in the lesson)
    Column("step_since", Float),                             # since when
    Column("step_done", Boolean, nullable=False, default=False, server_default=false()),   # its action is done
    Column("guess_locked", Boolean, nullable=False, default=False, server_default=false()),  # a guess locked on it
    Column("last_seen", Float),                              # their page's last word to the server
    Column("drawings_given", Integer, nullable=False, default=0, server_default="0"),  # drawings this seat gave
    Column("entries_made", Integer, nullable=False, default=0, server_default="0"),    # challenge entries it made
)

answers = Table(
    "answers", METADATA,
    Column("id", Integer, primary_key=True),
    _class_id(),
    _student_id(),
    Column("step_id", String(SHORT_TEXT), nullable=False),
    Column("guess", String(SHORT_TEXT)),                 # the learner's prediction as given (None: no guess)
    Column("guess_number", Float),                       # the same as a number, when it is one
    Column("answer", String(SHORT_TEXT), nullable=False),  # what the network in use measured, as the card wrote it
    Column("right", Boolean),                            # judged within the question's tolerance (None: no guess)
    Column("model", String(SHORT_TEXT), nullable=False),
    Column("answered_at", Float, nullable=False),
    UniqueConstraint("student_id", "step_id", name="uq_answers_student_step"),
)

drawings = Table(
    "drawings", METADATA,
    Column("id", Integer, primary_key=True),
    _class_id(),
    _student_id(),
    Column("label", SmallInteger, nullable=False),
    Column("pixels", LargeBinary(DIGIT_BYTES), nullable=False),
    Column("drawn_at", Float, nullable=False),
    CheckConstraint("label >= 0 AND label <= 9", name="label_is_a_digit"),
    CheckConstraint(f"length(pixels) = {DIGIT_BYTES}", name="pixels_are_28x28"),
)

RECIPE_LENGTH = 160      # characters of a challenge entry's recipe

entries = Table(   # the training challenge: each student's best model so far, scored by the server
    "entries", METADATA,
    Column("id", Integer, primary_key=True),
    _class_id(),
    Column("student_id", Integer, ForeignKey("students.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("recipe", String(RECIPE_LENGTH), nullable=False),   # the network and how it was trained, in full
    Column("accuracy", Float, nullable=False),                 # measured here on the validation digits
    Column("digits", Integer, nullable=False),                 # how many validation digits
    Column("submitted_at", Float, nullable=False),
    CheckConstraint("accuracy >= 0 AND accuracy <= 1", name="accuracy_is_a_share"),
)

attempts = Table(   # failed teacher keys and class codes, for the rate limits (shared by every replica)
    "attempts", METADATA,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),      # "teacher key" or "class code"
    Column("subject", String(64), nullable=False),   # the class code tried, or the client that tried
    Column("at", Float, nullable=False),
    Index("ix_attempts_kind_subject_at", "kind", "subject", "at"),
)
