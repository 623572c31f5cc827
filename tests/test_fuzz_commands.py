"""Fuzzing every command (SPEC §10: bad input never costs data, never crashes, never hangs).

Valid datasets are built from the shared strategies (``tests/strategies.py``) and damaged at the
value level (wrong types, huge and tiny numbers, far dates, hostile text, duplicate keys, broken
references) or the byte level (quotes, delimiters, line separators, BOMs, NUL, invalid UTF-8,
truncation); then one command runs on them. Each run ends in exit status 0, 1 or 2 — with 2, a
message that names the file (or, for a usage error, the option) — and never in a traceback, exit
status 3 or a hang. New commands and formats join :data:`COMMANDS` when they are built.

The CI profile runs 500 examples of each test; ``docs/fuzzing.md`` gives the command that runs
100,000 by hand.
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fundgap_cli import cli
from tests.strategies import byte_mutations, dataset_files, value_mutations

HANG_SECONDS = 30
"""A command on a dataset of a few rows that runs this long hangs."""

_AS_OF = ["--as-of", "2025-06-30"]
COMMANDS: dict[str, Callable[[str, str], list[str]]] = {
    "validate": lambda root, _year: ["validate", root],
    "validate json": lambda root, _year: ["validate", root, "--format", "json"],
    "gaps": lambda root, year: ["gaps", root, "--year", year, *_AS_OF],
    "gaps csv": lambda root, year: ["gaps", root, "--year", year, "--format", "csv"],
    "gaps json": lambda root, year: ["gaps", root, "--year", year, "--format", "json"],
    "gaps markdown": lambda root, year: ["gaps", root, "--year", year, "--format", "markdown"],
    "gaps by municipality": lambda root, year: [
        "gaps", root, "--year", year, "--by", "municipality",
    ],
    "gaps by funder json": lambda root, year: [
        "gaps", root, "--year", year, "--by", "funder", "--format", "json",
    ],
    "gaps by party csv": lambda root, year: [
        "gaps", root, "--year", year, "--by", "party", "--format", "csv",
    ],
    "report": lambda root, year: ["report", root, "--year", year, *_AS_OF],
    "report markdown": lambda root, year: ["report", root, "--year", year, "--format", "markdown"],
    "report json": lambda root, year: ["report", root, "--year", year, "--format", "json"],
    "explain": lambda root, year: ["explain", "s0", root, "--year", year],
    "explain json": lambda root, year: ["explain", "s0", root, "--year", year, "--format", "json"],
    "schema": lambda _root, _year: ["schema", "--kind", "services"],
    "agreements": lambda root, _year: ["agreements", root, *_AS_OF],
    "agreements csv": lambda root, _year: ["agreements", root, "--format", "csv", *_AS_OF],
    "agreements json": lambda root, _year: ["agreements", root, "--format", "json"],
    "agreements markdown": lambda root, _year: [
        "agreements", root, "--format", "markdown", "--status", "signed",
    ],
    "check": lambda root, year: [
        "check", f"{root}/agreements/a0.toml", "--dataset", root, "--year", year, *_AS_OF,
    ],
    "check json": lambda root, _year: [
        "check", f"{root}/agreements/a0.toml", "--dataset", root, "--format", "json", *_AS_OF,
    ],
    "check markdown without a dataset": lambda root, _year: [
        "check", f"{root}/agreements/a0.toml", "--format", "markdown", "--fail-on", "info",
    ],
    "rules": lambda _root, _year: ["rules", "FG113"],
}  # fmt: skip
_USAGE = ("unknown service", "is not active in", "Usage:")
"""What an exit status 2 may say instead of naming a file: explain's service is not in the
damaged dataset, or not active in the year."""


class HangError(Exception):
    """A command ran longer than :data:`HANG_SECONDS`."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise HangError(f"no answer in {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(files: dict[str, str | bytes], command: str, year: str) -> int:
    """Write ``files`` as a dataset, run ``command`` on it, check how it ended, and return its
    exit status."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "dataset"
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        args = COMMANDS[command](str(root), year)
        with time_limit(HANG_SECONDS):
            result = CliRunner().invoke(cli, args)
        shown = f"{command} on {files!r}:\n{result.output}\n{result.exception!r}"
        assert result.exit_code in (0, 1, 2), shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert "Traceback" not in result.output, shown
        if result.exit_code == 2:
            # warnings may come first; the error is one of the lines
            assert result.stderr.startswith("Usage:") or any(
                line.startswith("fundgap: error: ") for line in result.stderr.splitlines()
            ), shown
            assert str(root) in result.stderr or any(u in result.stderr for u in _USAGE), shown
        return result.exit_code


commands = st.sampled_from(sorted(COMMANDS))
years = st.sampled_from(["2023", "2024", "2025", "2026", "2027"])


@given(dataset_files(), commands, years)
def test_every_command_runs_on_a_valid_dataset(
    files: dict[str, str], command: str, year: str
) -> None:
    status = run(dict(files), command, year)

    if command.startswith("check"):  # findings are status 1; a dataset may have no agreement
        assert status in ((0, 1) if "agreements/a0.toml" in files else (2,))
    else:
        assert status == 0 or command.startswith("explain")  # s0 may not be active in the year


@given(st.data(), commands, years)
def test_every_command_ends_cleanly_on_damaged_values(
    data: st.DataObject, command: str, year: str
) -> None:
    files = data.draw(dataset_files())
    run(dict(data.draw(value_mutations(files))), command, year)


@given(st.data(), commands, years)
def test_every_command_ends_cleanly_on_damaged_bytes(
    data: st.DataObject, command: str, year: str
) -> None:
    files = data.draw(dataset_files())
    run(dict(data.draw(byte_mutations(files))), command, year)


# fundgap new-agreement reads no dataset: its input is the options themselves
_PLACES = st.sampled_from(["Pirkanmaa", "08", "Kainuu", "Helsinki", "Ahvenanmaa", "Tampere", "753"])
_DATES = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12))


@given(
    county=st.one_of(_PLACES, st.text(max_size=20)),
    municipalities=st.lists(st.one_of(_PLACES, st.text(max_size=20)), min_size=1, max_size=3),
    start=_DATES,
    end=_DATES,
    title=st.one_of(st.none(), st.text(max_size=40)),
)
def test_new_agreement_ends_cleanly_on_any_options(
    county: str, municipalities: list[str], start: str | None, end: str | None, title: str | None
) -> None:
    import tomllib

    args = ["new-agreement", "--county", county, "--lang", "en"]
    for name in municipalities:
        args += ["--municipality", name]
    for option, value in (("--from", start), ("--until", end), ("--title", title)):
        if value is not None:
            args += [option, value]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        document = tomllib.loads(result.stdout)
        assert document["status"] == "draft"
        if title is not None:
            assert document["title"] == title.strip()
