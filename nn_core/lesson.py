"""The lesson file: steps, their checks and questions, and the glossary, read from TOML and validated.

A teacher or a translator edits ``assets/lesson/lesson.toml`` (or points ``NN_LESSON_FILE`` at
their own copy); no code changes. Each step names the page it happens on, the one action it
asks for, the *check* that tells from the live state whether the action was done, and a
predict-then-reveal *question* whose answer is *measured* (``nn_core.questions``) on the
network in use, never written in the file (a reasoned choice, measure "reasoned", names its
right option and says why in ``explain``; a *worked* question is worked out from what the action shows,
so its guess is locked after the action, the answer still hidden). Texts may hold ``{name}`` placeholders: the facts of
the network in use (``nn_core.questions.FACTS``), and in an explanation also ``{answer}`` and the
measure's details. For the teacher each step has ``minutes``, ``say`` and ``misconception``.
Names are checked against what the app knows, so a typo is refused with a sentence saying where
it is, never half-used.
"""
from __future__ import annotations

import math
import os
import re
import stat
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nn_core.errors import NNCoreError
from nn_core.paths import ASSETS

LESSON_FILE = ASSETS / "lesson" / "lesson.toml"
LESSON_FILE_VARIABLE = "NN_LESSON_FILE"   # a teacher's or translator's own lesson file
MAX_FILE_BYTES = 256 * 1024
MAX_STEPS = 60
MAX_TEXT = 2_000                          # characters of any one text
LEVELS = ("simple", "full")
WIDGET_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,79}")  # safe inside a CSS selector
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
MAX_MINUTES = 60


class LessonFileError(NNCoreError):
    """The lesson file cannot be read or does not describe a lesson this app can run."""


@dataclass(frozen=True)
class Term:
    """A word a learner meets, with the two-sentence definition every page shows for it."""

    name: str
    definition: str
    words: tuple[str, ...]        # the forms it is written in (activation, activations)


@dataclass(frozen=True)
class Question:
    """Predict, then reveal: the answer is ``measure``(network in use, **params), judged within ``tolerance``."""

    prompt: str
    measure: str
    params: Mapping[str, int | float | str]
    choices: tuple[str, ...] = ()  # a choice question's options; empty: a number
    tolerance: float = 0.0         # in the units shown
    unit: str = ""
    decimals: int = 0
    explain: str = ""              # said after the reveal; "{answer}" is the measured value
    full_prompt: str = ""          # the prompt and explanation at the full level, if they differ
    full_explain: str = ""
    worked: bool = False           # worked out from what the action shows: the guess is locked after the action

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    def prompt_at(self, level: str) -> str:
        return self.full_prompt if level == "full" and self.full_prompt else self.prompt

    def explain_at(self, level: str) -> str:
        return self.full_explain if level == "full" and self.full_explain else self.explain


@dataclass(frozen=True)
class Step:
    """One step: where it happens, what to do, how the app sees it was done, and what to predict."""

    id: str
    page: str                      # a page's url_path ("" for home)
    title: str
    text: str                      # at the simple level (and the full level, unless ``full_text``)
    action: str
    check: str
    check_params: Mapping[str, int | float | str]
    question: Question
    highlight: tuple[str, ...] = ()  # widget keys whose part of the page is outlined
    full_text: str = ""
    minutes: int = 0               # for the teacher: about how long the step takes (0: not said)
    say: str = ""                  # what the teacher might say
    misconception: str = ""        # the misconception to expect

    def text_at(self, level: str) -> str:
        return self.full_text if level == "full" and self.full_text else self.text


@dataclass(frozen=True)
class Lesson:
    title: str
    steps: tuple[Step, ...]
    terms: tuple[Term, ...] = field(default=())

    def index_of(self, step_id: str) -> int:
        return [step.id for step in self.steps].index(step_id)

    def term(self, name: str) -> Term:
        return next(term for term in self.terms if term.name == name)


@dataclass(frozen=True)
class Param:
    """One parameter of a check or a measure: a whole number, a number or a text, and the values it may take.

    A number lies from ``low`` to ``high``; ``texts`` are words it may be instead (a test digit's number, or
    "mistake"); a text parameter with ``texts`` must be one of them. The lesson file is checked against these
    when it is read, so a step never fails later on a parameter its check or measure cannot use.
    """

    name: str
    kind: type = int                  # int, float or str
    low: float = -math.inf
    high: float = math.inf
    texts: tuple[str, ...] = ()

    def problem(self, value) -> str | None:
        """Why ``value`` (as TOML gives it) cannot be this parameter, or None."""
        if isinstance(value, str) and (value in self.texts or (self.kind is str and not self.texts)):
            return None
        whole = isinstance(value, int) and not isinstance(value, bool)
        number = whole or isinstance(value, float)
        fits = (whole if self.kind is int else number if self.kind is float else False)
        if fits and math.isfinite(value) and self.low <= value <= self.high:
            return None
        return f"must be {self.describe()}, not {value!r:.40}"

    def describe(self) -> str:
        if self.kind is str:
            return f"one of {', '.join(map(repr, self.texts))}" if self.texts else "a text"
        what = "a whole number" if self.kind is int else "a number"
        if math.isfinite(self.low) and math.isfinite(self.high):
            what += f" from {self.low:g} to {self.high:g}"
        elif math.isfinite(self.low):
            what += f" from {self.low:g} up"
        return what + "".join(f" or {text!r}" for text in self.texts)


def param_name(param: Param | str) -> str:
    return param.name if isinstance(param, Param) else param


@dataclass(frozen=True)
class Known:
    """What the app can run: page paths, check names, measure names (each with its parameters: ``Param`` records,
    whose type and range every value in the file is checked against, or bare names).

    Optionally (a file is checked against what is given): ``choices``, per measure, 0 for a number, n for a
    choice among exactly n options, None for a choice among any; ``facts``, the placeholders every text may
    use; ``details``, per measure, the further placeholders its explanation may use.
    """

    pages: Collection[str]
    checks: Mapping[str, Collection[Param | str]]
    measures: Mapping[str, Collection[Param | str]]
    choices: Mapping[str, int | None] = field(default_factory=dict)
    facts: Collection[str] | None = None
    details: Mapping[str, Collection[str]] = field(default_factory=dict)


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` of ``values`` replaced (other braces are left as they are)."""
    return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)


def lesson_path() -> Path:
    return Path(os.environ.get(LESSON_FILE_VARIABLE) or LESSON_FILE)


def read_lesson(path: Path, known: Known) -> Lesson:
    """The lesson in ``path``; LessonFileError with one sentence for anything unusable."""
    return parse_lesson(_read(path), known, path.name)


def read_terms(path: Path) -> tuple[Term, ...]:
    """Only the glossary of the lesson file in ``path`` (its steps are not checked); LessonFileError as above."""
    table, where = _tables(_read(path), path.name), _Where(path.name)
    terms = tuple(_term(where, term, i + 1) for i, term in enumerate(where.list_of(table, "terms", "the file")))
    _unique(path.name, "term", [term.name for term in terms])
    return terms


def _read(path: Path) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of ``path``, which must be a regular file: opened without waiting (a FIFO
    would wait for a writer for ever) and checked on the open file itself, so /dev/zero or a pipe is refused."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise LessonFileError(f"The lesson file {path.name} is not a regular file: point "
                                      f"{LESSON_FILE_VARIABLE} at a .toml file.")
            with os.fdopen(handle, "rb", closefd=False) as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(handle)
    except OSError as exc:
        raise LessonFileError(f"The lesson file {path.name} cannot be read ({exc.strerror or exc}).") from None
    if len(raw) > MAX_FILE_BYTES:
        raise LessonFileError(f"The lesson file {path.name} is larger than {MAX_FILE_BYTES // 1024} kB.")
    return raw


def _tables(raw: bytes, name: str) -> dict:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise LessonFileError(f"The lesson file {name} is not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as exc:
        raise LessonFileError(f"The lesson file {name} is not valid TOML: {exc}.") from None
    except RecursionError:
        raise LessonFileError(f"The lesson file {name} nests its lists or tables too deeply to be read.") from None
    except Exception as exc:  # noqa: BLE001 (whatever else the TOML reader raises: the file is refused, not the app)
        raise LessonFileError(f"The lesson file {name} could not be read as TOML ({type(exc).__name__}).") from None


def parse_lesson(raw: bytes, known: Known, name: str = "lesson.toml") -> Lesson:
    table = _tables(raw, name)
    where = _Where(name)
    steps = where.list_of(table, "steps", "the file")
    if not 1 <= len(steps) <= MAX_STEPS:
        raise LessonFileError(f"The lesson file {name} must have 1 to {MAX_STEPS} [[steps]], not {len(steps)}.")
    lesson = Lesson(where.text(table, "title", "the file"),
                    tuple(_step(where, step, i + 1, known) for i, step in enumerate(steps)),
                    tuple(_term(where, term, i + 1) for i, term in enumerate(where.list_of(table, "terms", "the file"))))
    _unique(name, "step id", [step.id for step in lesson.steps])
    _unique(name, "term", [term.name for term in lesson.terms])
    return lesson


def _step(where: _Where, table: Mapping, number: int, known: Known) -> Step:
    place = f"step {number}"
    step_id = where.text(table, "id", place)
    place = f"step {number} ({step_id})"
    page = where.text(table, "page", place, empty=True)
    if page not in known.pages:
        raise where.error(f"{place}: page {page!r} is not one of this app's pages ({', '.join(map(repr, known.pages))})")
    check, check_params = where.named(table, "check", place, known.checks)
    highlight = table.get("highlight", [])
    if not isinstance(highlight, list) or not all(isinstance(key, str) and WIDGET_KEY.fullmatch(key) for key in highlight):
        raise where.error(f"{place}: highlight must be a list of widget keys (letters, digits, - and _)")
    minutes = table.get("minutes")     # (left out: not said)
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                or not 1 <= minutes <= MAX_MINUTES):
        raise where.error(f"{place}: minutes must be a whole number from 1 to {MAX_MINUTES}")
    texts = {key: where.text(table, key, place, required=key in ("title", "text", "action"))
             for key in ("title", "text", "action", "full_text", "say", "misconception")}
    for key in ("title", "text", "action", "full_text"):
        _placeholders(where, texts[key], f"{place}: {key}", known.facts, ())
    return Step(step_id, page, texts["title"], texts["text"], texts["action"], check, check_params,
                _question(where, table.get("question"), place, known), tuple(highlight), texts["full_text"],
                minutes or 0, texts["say"], texts["misconception"])


def _placeholders(where: _Where, text: str, place: str, facts: Collection[str] | None, more: Collection[str]) -> None:
    """Every {name} in ``text`` must be a fact (or one of ``more``), when the app says which facts it has."""
    if facts is None:
        return
    for name in PLACEHOLDER.findall(text):
        if name not in facts and name not in more:
            raise where.error(f"{place} writes {{{name}}}, which is not a value this app fills in "
                              f"({', '.join(sorted({*facts, *more}))})")


def _question(where: _Where, table, place: str, known: Known) -> Question:
    place = f"{place}, question"
    if not isinstance(table, Mapping):
        raise where.error(f"{place}: every step needs a [steps.question] table")
    measure, params = where.named(table, "measure", place, known.measures)
    choices = table.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) and c for c in choices) or len(choices) == 1:
        raise where.error(f"{place}: choices must be a list of at least two texts (or left out for a number)")
    tolerance, decimals = table.get("tolerance", 0.0), table.get("decimals", 0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1e6:
        raise where.error(f"{place}: tolerance must be a number from 0 up")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6:
        raise where.error(f"{place}: decimals must be a whole number from 0 to 6")
    _choices_fit(where, place, measure, params, choices, known)
    texts = {key: where.text(table, key, place, required=key == "prompt")
             for key in ("prompt", "explain", "full_prompt", "full_explain")}
    for key, more in (("prompt", ()), ("full_prompt", ()), ("explain", ("answer", *known.details.get(measure, ()))),
                      ("full_explain", ("answer", *known.details.get(measure, ())))):
        _placeholders(where, texts[key], f"{place}: {key}", known.facts, more)
    worked = table.get("worked", False)
    if not isinstance(worked, bool):
        raise where.error(f"{place}: worked must be true or false")
    return Question(texts["prompt"], measure, params, tuple(choices), float(tolerance),
                    where.text(table, "unit", place, required=False, empty=True), decimals, texts["explain"],
                    texts["full_prompt"], texts["full_explain"], worked)


def _choices_fit(where: _Where, place: str, measure: str, params: Mapping, choices: list, known: Known) -> None:
    """A number measure has no choices; a choice measure has as many as its answers (or, reasoned, names one)."""
    if measure not in known.choices:
        return
    wanted = known.choices[measure]
    if wanted == 0 and choices:
        raise where.error(f"{place}: measure {measure!r} answers with a number, so the question has no choices")
    if wanted and len(choices) != wanted:
        raise where.error(f"{place}: measure {measure!r} answers with one of {wanted} choices, "
                          f"so the question needs exactly {wanted} (it has {len(choices)})")
    if wanted is None:
        right = params.get("right")
        if not choices or isinstance(right, bool) or not isinstance(right, int) or not 1 <= right <= len(choices):
            raise where.error(f"{place}: measure {measure!r} needs choices and right = the number of the right one "
                              f"(1 to {len(choices)})")


def _term(where: _Where, table: Mapping, number: int) -> Term:
    place = f"term {number}"
    name = where.text(table, "name", place)
    words = table.get("words", [name])
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise where.error(f"{place} ({name}): words must be a list of texts")
    return Term(name, where.text(table, "definition", f"{place} ({name})"), tuple(words))


def _unique(name: str, what: str, values: list[str]) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise LessonFileError(f"The lesson file {name} has the {what} {value!r} twice.")
        seen.add(value)


class _Where:
    """Reads typed values out of the parsed tables, naming the place in every error."""

    def __init__(self, name: str):
        self.name = name

    def error(self, message: str) -> LessonFileError:
        return LessonFileError(f"The lesson file {self.name}, {message}.")

    def text(self, table: Mapping, key: str, place: str, required: bool = True, empty: bool = False) -> str:
        if not isinstance(table, Mapping):
            raise self.error(f"{place} is not a table")
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (not value.strip() and not empty):
            raise self.error(f"{place}: {key} must be a text" + ("" if value is None else f", not {value!r:.40}"))
        if len(value) > MAX_TEXT:
            raise self.error(f"{place}: {key} is longer than {MAX_TEXT:,} characters")
        return value.strip()

    def list_of(self, table: Mapping, key: str, place: str) -> list:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
            raise self.error(f"{place}: {key} must be a list of tables ([[{key}]])")
        return value

    def named(self, table: Mapping, key: str, place: str, known: Mapping[str, Collection[Param | str]]):
        """(name, parameters) of ``key = {name = "...", <parameter> = ...}``, both checked against ``known`` (each
        parameter's type and range too, when ``known`` gives them as ``Param`` records)."""
        value = table.get(key)
        if not isinstance(value, Mapping) or not isinstance(value.get("name"), str):
            raise self.error(f"{place}: {key} must be a table with a name, e.g. {key} = {{ name = \"...\" }}")
        name = value["name"]
        if name not in known:
            raise self.error(f"{place}: {key} {name!r} is not one this app knows ({', '.join(sorted(known))})")
        params = {k: v for k, v in value.items() if k != "name"}
        declared = {param_name(param): param for param in known[name]}
        for k, v in params.items():
            if k not in declared:
                raise self.error(f"{place}: {key} {name!r} takes no parameter {k!r}"
                                 f" (it takes {', '.join(sorted(declared)) or 'none'})")
            if isinstance(v, bool) or not isinstance(v, (int, float, str)):
                raise self.error(f"{place}: {key} parameter {k!r} must be a number or a text")
            why = declared[k].problem(v) if isinstance(declared[k], Param) else None
            if why is not None:
                raise self.error(f"{place}: {key} {name!r} parameter {k!r} {why}")
        missing = set(declared) - set(params)
        if missing:
            raise self.error(f"{place}: {key} {name!r} needs {', '.join(sorted(missing))}")
        return name, params
