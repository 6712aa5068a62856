"""One table per page's settings, as TensorFlow Playground's ``State.PROPS``: a row per setting.

A ``Setting`` says once what a setting is: its session-state key, its default, its name in a
link and how its link text is read (a ``Kind``: a choice, a bounded number, a short text).
From the tables (ui/links/tables.py) everything else is derived, never written again by hand (``read_params``, ``table_params``):
the defaults, which widget values are kept across pages, reading a link, writing a link, and
the values the fuzz tests try. Some settings are not one key (the drawing in a link, the Knobs
edits, the Descent start): a ``LinkField`` reads and writes those with its own two functions.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from nn_core.numbers import decimal_number, whole_number

MAX_LINK_TEXT = 200    # characters of any one link value (a drawing has its own limit)


@dataclass(frozen=True)
class Choice:
    """One of a few values; ``options`` maps each value's link text to the value."""

    options: Mapping[str, object]

    def parse(self, text: str):
        if text not in self.options:
            raise ValueError(f"not one of {', '.join(self.options)}")
        return self.options[text]

    def write(self, value) -> str:
        return next(text for text, option in self.options.items() if option == value)

    @property
    def values(self) -> tuple:
        return tuple(self.options.values())


def choice(*options) -> Choice:
    """A choice whose link text is the value itself written as text (``choice(1, 5, 10)``, ``choice("tiny", ...)``)."""
    return Choice({str(option): option for option in options})


@dataclass(frozen=True)
class Number:
    """A number between ``low`` and ``high``; whole numbers only if ``whole``."""

    low: float
    high: float
    whole: bool = False

    def parse(self, text: str):
        value = whole_number(text) if self.whole else decimal_number(text)
        if not self.low <= value <= self.high:
            raise ValueError(f"not between {self.low:g} and {self.high:g}")
        return value

    def write(self, value) -> str:
        return str(int(value)) if self.whole else f"{float(value):g}"

    @property
    def values(self) -> tuple:
        """Values to try (the fuzz): every one of a short whole range, else the ends and the middle."""
        middle = (self.low + self.high) / 2
        if self.whole and self.high - self.low <= 20:
            return tuple(range(int(self.low), int(self.high) + 1))
        return (int(self.low), int(self.high), int(middle)) if self.whole else (self.low, self.high, middle)


@dataclass(frozen=True)
class Text:
    """A short text, checked by the page that uses it (the hidden-layer sizes, say)."""

    longest: int = 60

    def parse(self, text: str):
        if len(text) > self.longest:
            raise ValueError(f"longer than {self.longest} characters")
        return text

    def write(self, value) -> str:
        return str(value)

    values = ()


Kind = Choice | Number | Text


@dataclass(frozen=True)
class Setting:
    """One setting of one page."""

    key: str                  # its session-state key (the widget's key, when a widget shows it)
    default: object
    url: str | None = None    # its name in a link; None: not in links
    kind: Kind = field(default_factory=Text)
    widget: bool = True       # a widget's value: kept while its page is not shown (see ui/session.py)
    always: bool = False      # written into every link, even at its default


@dataclass(frozen=True)
class LinkField:
    """A part of a link that is not one key: read with ``apply`` (ValueError if unusable), written by ``current``."""

    url: str
    apply: Callable[[str], None]
    current: Callable[[], str | None]


@dataclass(frozen=True)
class Settings:
    """A page's settings: its rows, its link fields, and what to do once a link's values are in."""

    page: str                                  # the page's url_path ("*": every page)
    rows: Sequence[Setting] = ()
    fields: Sequence[LinkField] = ()
    after_link: Callable[[], list[str]] | None = None   # returns more problems to report

    def defaults(self) -> dict:
        return {row.key: row.default for row in self.rows}

    @property
    def url_names(self) -> tuple[str, ...]:
        return tuple(row.url for row in self.rows if row.url) + tuple(f.url for f in self.fields)


def read_params(table: Settings, params: Mapping[str, str], store: Callable[[str, object], None]) -> tuple[list[str], bool]:
    """Apply the link parameters ``params`` that belong to ``table``: (what could not be used, whether any was used)."""
    problems, used = [], False
    for row in table.rows:
        if row.url and row.url in params:
            try:
                store(row.key, row.kind.parse(_short(params[row.url])))
                used = True
            except (ValueError, TypeError) as exc:
                problems.append((row.url, params[row.url], exc))
    for link_field in table.fields:
        if link_field.url in params:
            try:
                link_field.apply(params[link_field.url])
                used = True
            except (ValueError, TypeError) as exc:
                problems.append((link_field.url, params[link_field.url], exc))
    return problems, used


def table_params(table: Settings, value_of: Callable[[str], object]) -> dict[str, str]:
    """The link parameters of ``table``: every row whose value is not its default (or ``always``), and its fields."""
    params: dict[str, str] = {}
    for row in table.rows:
        if not row.url:
            continue
        value = value_of(row.key)
        if value is None or (value == row.default and not row.always):
            continue
        try:
            params[row.url] = row.kind.write(value)
        except (StopIteration, TypeError, ValueError):
            continue   # a value the link cannot say (the session's own model): left out
    for link_field in table.fields:
        text = link_field.current()
        if text is not None:
            params[link_field.url] = text
    return params


def _short(text: str) -> str:
    if not isinstance(text, str) or len(text) > MAX_LINK_TEXT:
        raise ValueError(f"longer than {MAX_LINK_TEXT} characters")
    return text
