"""Standard output and standard error as the shell gives them: a file on a full disk, a pipe
whose reader has gone, an encoding without ``€``, arguments that hold terminal escapes. Each
ends in a message and an exit status, never in a traceback, an internal error (exit 3) or a
document silently cut short. Real processes: these are the streams the shell opens."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fundgap.loading import example_path
from fundgap_cli.streams import Descriptor, StandardOutputError
from tests.conftest import fundgap_process

AS_OF = ["--as-of", "2026-11-28"]
# Standard output closed by the shell (``>&-``): the child closes descriptor 1 before Python
# starts, which then gives sys.stdout = None.
_CLOSED_STDOUT: dict[str, Any] = {"stdout": None, "preexec_fn": lambda: os.close(1)}


def fundgap(*args: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    return fundgap_process(*args, text=False, **options)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ["gaps", str(example_path()), *AS_OF],
        ["report", str(example_path()), *AS_OF, "--format", "json"],
        ["validate", str(example_path())],
        ["registry"],
        ["--version"],
        ["--help"],
    ],
)
def test_a_full_disk_is_a_message_and_exit_status_2(args: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        result = fundgap(*args, stdout=full)

    assert result.stderr.decode() == (
        "fundgap: error: cannot write to standard output (No space left on device)\n"
    )
    assert result.returncode == 2


def test_a_reader_that_goes_away_ends_the_run_quietly() -> None:
    """``fundgap gaps | head -1``: no message (the reader wanted no more), exit status 1."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fundgap", "gaps", str(example_path()), *AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # before fundgap writes a byte
    _, stderr = process.communicate(timeout=60)

    assert (process.returncode, stderr) == (1, b"")


def test_an_encoding_without_the_euro_shows_it_as_an_escape() -> None:
    result = fundgap(
        "report", str(example_path()), *AS_OF, "--lang", "fi",
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "\\u20ac" in result.stdout.decode("latin-1")
    assert "Hämeenkyrö".encode("latin-1") in result.stdout


def test_click_shows_unexpected_arguments_safely() -> None:
    result = fundgap("gaps", str(example_path()), "extra", "\x1b]0;pwned\x07\x1b[2J\u202eX")

    assert result.returncode == 2
    assert result.stderr.decode().endswith(
        "Error: Got unexpected extra arguments (extra \\x1b]0;pwned\\x07\\x1b[2J\\u202eX)\n"
    )


def test_an_argument_that_is_not_utf8_is_shown_as_its_byte() -> None:
    result = fundgap("gaps", str(example_path()), os.fsdecode(b"extra\xff"))

    assert result.stderr.decode().endswith("(extra\\xff)\n")


def test_the_descriptor_writes_everything_that_the_system_takes_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One write(2) to a nearly full disk takes only part of the data; Python's own file
    objects then dropped the rest without an error (exit 0, the document cut short)."""
    written = bytearray()

    def a_little(_descriptor: int, data: memoryview) -> int:
        written.extend(data[:7])
        return min(7, len(data))

    monkeypatch.setattr(os, "write", a_little)

    assert Descriptor(99).write(b"x" * 100) == 100
    assert bytes(written) == b"x" * 100


def test_the_descriptor_says_when_the_disk_is_full_and_then_drops_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []

    def full(_descriptor: int, data: memoryview) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return 10
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    descriptor = Descriptor(99)

    with pytest.raises(StandardOutputError) as caught:
        descriptor.write(b"x" * 100)
    assert (caught.value.errno, calls) == (errno.ENOSPC, [100, 90])
    assert descriptor.write(b"more") == 4  # the flush at exit: no second message
    assert calls == [100, 90]


@pytest.mark.parametrize("args", [["registry"], ["--version"]])
def test_a_closed_standard_output_is_a_message(args: list[str]) -> None:
    """``fundgap registry >&-`` was an internal error (exit 3)."""
    result = fundgap(*args, **_CLOSED_STDOUT)

    assert (
        result.stderr.decode() == "fundgap: error: cannot write to standard output (it is closed)\n"
    )
    assert result.returncode == 2


def test_an_output_file_is_written_when_standard_output_is_closed(tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    result = fundgap(
        "gaps", str(example_path()), *AS_OF, "--format", "csv", "-o", str(target),
        **_CLOSED_STDOUT,
    )  # fmt: skip

    assert (result.returncode, result.stderr) == (0, b"")
    assert target.read_text("utf-8").startswith("service,")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_message_that_cannot_be_written_changes_no_exit_status() -> None:
    """The note that the example is used cannot be written: the report still is, exit 0."""
    with Path("/dev/full").open("wb") as full:
        result = fundgap("report", *AS_OF, stderr=full, cwd="/")

    assert result.returncode == 0
    assert result.stdout.startswith(b"fundgap report: ")


def test_fundgap_alone_shows_its_help_as_it_is() -> None:
    result = fundgap()

    assert result.stdout == b""
    assert result.stderr.decode().startswith("Usage: fundgap [OPTIONS] COMMAND [ARGS]...\n\n")


def test_a_line_break_in_a_path_forges_no_line() -> None:
    result = fundgap("gaps", "nope\nfundgap: all good")

    assert result.stderr.decode() == "fundgap: error: nope\\nfundgap: all good: no such folder\n"
