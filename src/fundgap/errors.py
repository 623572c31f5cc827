"""One exception tree for everything a user can get wrong.

Every user-facing failure is a :class:`FundgapError`; the CLI prints its message and exits with
``exit_code`` (2: bad input or misuse). Problems in a dataset are collected as :class:`Problem`
values and raised together in one :class:`DatasetError`, so a user fixes all of them in one round.

Problems and errors carry :class:`~fundgap.i18n.Message` values, not sentences: ``text(language)``
puts them in Finnish, Swedish or English, and ``str()`` in English. Messages quote text from the
data (``unknown service '…'``, a file name, a funder's name) and reach the terminal, so both show
control characters (:func:`fundgap.shown.shown`); the attributes keep the text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs

from fundgap.i18n.message import Message, Quoted, label, listing, message, plural, quoted
from fundgap.shown import shown


def _as_message(value: Message | str) -> Message:
    """A message; plain text (from code not yet moved to the catalogue) is taken as it is."""
    return value if isinstance(value, Message) else Message(value)


def _as_expected(value: Message | str | None) -> Message | None:
    return None if value is None or value == "" else _as_message(value)


def _translate(words: Message, language: str) -> str:
    from fundgap.i18n.translation import translate

    return translate(words, language)


@attrs.frozen
class Location:
    """Where a problem is: the file, the line if known, and the key path inside the file."""

    file: str
    line: int | None = None
    path: str = ""

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str = "en") -> str:
        """``file:line: path``, the path in ``language`` where it is a word rather than a key
        (a CSV file's ``header``, ``row`` or ``column 7``; a TOML key path is as written)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if not self.path:
            return where
        return f"{where}: {_path_words(self.path, language)}"


def _path_words(path: str, language: str) -> str:
    if language == "en":
        return path
    if path == "header":
        words = label("place in a CSV file", "header")
    elif path == "row":
        words = label("place in a CSV file", "row")
    elif (column := re.fullmatch(r"column ([0-9]+)", path)) is not None:
        words = message("column {number}", number=int(column.group(1)))
    else:
        return path
    return _translate(words, language)


@attrs.frozen
class Problem:
    """One thing wrong with the input: where, what is wrong, and what was expected."""

    location: Location
    message: Message = attrs.field(converter=_as_message)
    expected: Message | None = attrs.field(default=None, converter=_as_expected)
    # the code of the draft rule (``FG105``) that reports the same mistake in ``fundgap check``,
    # where a draft is read leniently (SPEC §6); None for a problem no rule of its own covers
    rule: str | None = None

    def text(self, language: str = "en") -> str:
        """The problem on one line in ``language``, as a person reads it: a line break or a
        terminal escape in a quoted value is shown, so it can neither forge a line nor act on
        the terminal."""
        if self.expected is None:
            words = message(
                "{where}: {problem}", where=self.location.text(language), problem=self.message
            )
        else:
            words = message(
                "{where}: {problem}; expected {expected}",
                where=self.location.text(language),
                problem=self.message,
                expected=self.expected,
            )
        return shown(_translate(words, language))

    def __str__(self) -> str:
        return self.text()

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.location.file, self.location.line or 0, self.location.path, str(self.message))


def did_you_mean(suggestions: Sequence[str]) -> Message | str:
    """`` (did you mean 'a' or 'b'?)`` for near misses, or nothing when there are none."""
    if not suggestions:
        return ""
    return message(" (did you mean {suggestions}?)", suggestions=listing(quoted(suggestions), "or"))


class FundgapError(Exception):
    """Base of every error fundgap reports to a user; never shown with a traceback.
    ``message`` is what went wrong; :meth:`text` says it in a language."""

    exit_code: ClassVar[int] = 2
    lines: ClassVar[bool] = False  # whether the message is several lines of fundgap's own

    def __init__(self, words: Message | str) -> None:
        self.message = _as_message(words)
        super().__init__(self.message.text)

    def text(self, language: str = "en") -> str:
        """The message in ``language`` with its control characters shown, whatever value it
        quotes; a line break in it too (a file name holding one would forge a line of the
        output), but those of a message of several lines (a :class:`DatasetError`, each line
        shown already)."""
        return shown(_translate(self.message, language), multiline=self.lines)

    def __str__(self) -> str:
        return self.text()


class DatasetError(FundgapError):
    """A dataset could not be loaded; carries every problem found, not only the first."""

    lines = True

    def __init__(self, problems: Iterable[Problem], *, subject: str = "the dataset") -> None:
        """``subject`` names what was read: ``"the dataset"``, or ``"the draft"`` given beside
        it."""
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        self.subject = subject
        count = len(self.problems)
        if subject == "the draft":
            head = plural(
                "the draft has {count} problem:", "the draft has {count} problems:", count
            )
        else:
            head = plural(
                "the dataset has {count} problem:", "the dataset has {count} problems:", count
            )
        super().__init__(head)

    def text(self, language: str = "en") -> str:
        """The heading and each problem on a line of its own, in ``language``."""
        lines = [shown(_translate(self.message, language))]
        lines += [f"  {problem.text(language)}" for problem in self.problems]
        return "\n".join(lines)


class LookupFailedError(FundgapError):
    """A name or code matched nothing in the registry or the dataset; may carry suggestions.
    ``what`` is the kind of thing looked up, as a label (``label("looked up", "service")``)."""

    def __init__(
        self,
        what: Message | str,
        text: str,
        suggestions: Sequence[str] = (),
        hint: Message | str = "",
    ) -> None:
        self.what = _as_message(what)
        self.text_given = text
        self.suggestions = tuple(suggestions)
        words = message(
            "unknown {what} {text}{suggestions}",
            what=self.what,
            text=Quoted(text),
            suggestions=did_you_mean(self.suggestions),
        )
        if hint:
            words = message("{problem}; {hint}", problem=words, hint=_as_message(hint))
        super().__init__(words)


class UsageError(FundgapError):
    """A command or function was called in a way that cannot work (a bad option value, a
    missing dataset folder)."""


class OutputError(FundgapError):
    """An output could not be written; the previous file, if any, is left as it was."""
