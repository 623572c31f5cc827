"""Standard output and standard error as the shell gives them, made safe to write to.

Standard output that is a file or a pipe is written in full or not at all said to be: one
``write`` to a nearly full disk takes only part of a document, and Python's own file objects
then drop the rest without an error (exit status 0, a report cut short). Standard error never
fails the run: a message that cannot be written (a full disk, a closed stream, a reader gone)
must not turn a finished run into an internal error. Both show a character their encoding
lacks (``€`` in Latin-1) as an escape. A terminal is neither full nor gone, and keeps its own
stream (on Windows, the console's).
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Any, TextIO


class StandardOutputError(OSError):
    """Standard output could not take what fundgap wrote (a full disk, a file size limit, a
    stream the shell closed, a reader that went away)."""


class Descriptor(io.RawIOBase):
    """A file descriptor written to in full, or ``None`` for a stream the shell closed
    (``>&-``). After a failure the rest is dropped: one message says it. A ``quiet`` one
    (standard error) drops it without a word."""

    def __init__(self, descriptor: int | None, *, quiet: bool = False) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.quiet = quiet
        self.failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        if self.failed:
            return total
        try:
            if self.descriptor is None:
                raise OSError(errno.EBADF, "it is closed")
            while view:
                view = view[os.write(self.descriptor, view) :]
        except OSError as error:
            self.failed = True
            if not self.quiet:
                raise StandardOutputError(error.errno, error.strerror) from None
        return total


def guard_standard_streams() -> None:
    """Replace ``sys.stdout`` and ``sys.stderr`` by their safe forms (see the module)."""
    sys.stdout = _guarded(sys.stdout, quiet=False)
    sys.stderr = _guarded(sys.stderr, quiet=True)


def _guarded(stream: TextIO | None, *, quiet: bool) -> TextIO:
    if stream is None:  # closed by the shell: Python gives None
        return _text(Descriptor(None, quiet=quiet), "utf-8", quiet=quiet)
    if not isinstance(stream, io.TextIOWrapper):  # a test harness or a program's own stream
        return stream
    stream.reconfigure(errors="backslashreplace")
    if stream.isatty():
        return stream
    stream.flush()
    return _text(Descriptor(stream.fileno(), quiet=quiet), stream.encoding, quiet=quiet)


def _text(raw: Descriptor, encoding: str, *, quiet: bool) -> TextIO:
    """Text over ``raw``; standard error unbuffered, as Python keeps it."""
    return io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors="backslashreplace", write_through=quiet
    )
