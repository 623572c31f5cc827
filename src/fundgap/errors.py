"""One exception tree for everything a user can get wrong.

Every user-facing failure is a :class:`FundgapError`; the CLI prints its message and exits with
``exit_code`` (2: bad input or misuse). Problems in a dataset are collected as :class:`Problem`
values and raised together in one :class:`DatasetError`, so a user fixes all of them in one round.

Messages quote text from the data (``unknown service '…'``, a file name, a funder's name) and
reach the terminal, so their ``str()`` shows control characters (:func:`fundgap.shown.shown`);
the attributes keep the text exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs

from fundgap.shown import shown


@attrs.frozen
class Location:
    """Where a problem is: the file, the line if known, and the key path inside the file."""

    file: str
    line: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}" if self.path else where


@attrs.frozen
class Problem:
    """One thing wrong with the input: where, what is wrong, and what was expected."""

    location: Location
    message: str
    expected: str = ""

    def __str__(self) -> str:
        """The problem on one line, as a person reads it: a line break or a terminal escape in
        a quoted value is shown, so it can neither forge a line nor act on the terminal."""
        text = f"{self.location}: {self.message}"
        return shown(f"{text}; expected {self.expected}" if self.expected else text)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.location.file, self.location.line or 0, self.location.path, self.message)


def did_you_mean(suggestions: Sequence[str]) -> str:
    """`` (did you mean 'a' or 'b'?)`` for near misses, or nothing when there are none."""
    if not suggestions:
        return ""
    return " (did you mean " + " or ".join(repr(s) for s in suggestions) + "?)"


class FundgapError(Exception):
    """Base of every error fundgap reports to a user; never shown with a traceback."""

    exit_code: ClassVar[int] = 2
    lines: ClassVar[bool] = False  # whether the message is several lines of fundgap's own

    def __str__(self) -> str:
        """The message with its control characters shown, whatever value it quotes; a line
        break in it too (a file name holding one would forge a line of the output), but those
        of a message of several lines (a :class:`DatasetError`, each line shown already)."""
        return shown(super().__str__(), multiline=self.lines)


class DatasetError(FundgapError):
    """A dataset could not be loaded; carries every problem found, not only the first."""

    lines = True

    def __init__(self, problems: Iterable[Problem], *, subject: str = "the dataset") -> None:
        """``subject`` names what was read: the dataset, or a draft given beside it."""
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        lines = [f"{subject} has {head}:"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class LookupFailedError(FundgapError):
    """A name or code matched nothing in the registry or the dataset; may carry suggestions."""

    def __init__(
        self, what: str, text: str, suggestions: Sequence[str] = (), hint: str = ""
    ) -> None:
        self.what = what
        self.text = text
        self.suggestions = tuple(suggestions)
        message = f"unknown {what} {text!r}{did_you_mean(self.suggestions)}"
        super().__init__(f"{message}; {hint}" if hint else message)


class UsageError(FundgapError):
    """A command or function was called in a way that cannot work (a bad option value, a
    missing dataset folder)."""


class OutputError(FundgapError):
    """An output could not be written; the previous file, if any, is left as it was."""
