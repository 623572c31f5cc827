"""TOML parsing that keeps money exact and remembers on which line each key was written.

``tomllib`` gives no positions, so a light scan of the text maps key paths such as
``("clauses", 2, "county_share")`` to line numbers. It understands what people write by hand:
``[table]`` and ``[[array]]`` headers, ``key = value`` and dotted keys; a value spread over
several lines is found at its key's line.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from typing import Any

from fundgap.errors import Location, Problem

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class LineIndex:
    """Key paths of one TOML text mapped to the lines where they are written."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        counts: dict[Path, int] = {}
        table: Path = ()
        depth = 0  # open brackets of a multi-line array or inline table
        for number, line in enumerate(text.splitlines(), start=1):
            if depth == 0 and (header := _HEADER.match(line)):
                keys = tuple(_split_dotted(header.group(2)))
                if header.group(1) == "[[":
                    counts[keys] = counts.get(keys, 0) + 1
                table = self._resolve(keys, counts)
                self._lines.setdefault(table, number)
                continue
            if depth == 0 and (key := _KEY.match(line)):
                self._lines.setdefault((*table, *_split_dotted(key.group(1))), number)
            depth = max(0, depth + _bracket_balance(line))

    def _resolve(self, keys: tuple[str, ...], counts: dict[Path, int]) -> Path:
        """A header's path, with the current index of every array of tables on the way."""
        path: Path = ()
        for end in range(1, len(keys) + 1):
            path = (*path, keys[end - 1])
            if (count := counts.get(keys[:end])) is not None:
                path = (*path, count - 1)
        return path

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest written ancestor."""
        while path:
            if (number := self._lines.get(path)) is not None:
                return number
            path = path[:-1]
        return None


def _split_dotted(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text)]


def _bracket_balance(line: str) -> int:
    """Net open brackets on a line, ignoring strings and comments (good enough for hand edits)."""
    code = re.sub(r"\"(?:\\.|[^\"\\])*\"|'[^']*'", "", line).split("#", 1)[0]
    return code.count("[") + code.count("{") - code.count("]") - code.count("}")


def parse_toml(text: str, shown: str) -> tuple[dict[str, Any], LineIndex] | Problem:
    """The document with decimals as ``Decimal``, and its line index; or the syntax Problem."""
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        reason = _TOML_POSITION.sub("", message).strip().rstrip(".")
        return Problem(
            Location(shown, line),
            f"is not valid TOML: {reason[:1].lower()}{reason[1:]}",
            "TOML as in docs/format.md: key = value, strings in quotes, dates like 2025-01-01",
        )
    return document, LineIndex(text)


def key_on_line(_first_line: bytes, before: bytes) -> str:
    """The key written at the start of a line, from its raw bytes (for error messages)."""
    match = _KEY.match(before.decode("cp1252", errors="replace"))
    return ".".join(_split_dotted(match.group(1))) if match else ""


def key_path(path: Path) -> str:
    """``("clauses", 2, "county_share")`` as ``clauses[2].county_share``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
