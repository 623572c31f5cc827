"""Reading a dataset file as text, refusing anything else with a message that says how to fix it.

Every file is UTF-8. Finnish Excel saves "CSV (semicolon delimited)" as Windows-1252, which would
garble ä and ö if read as UTF-8 and must never be guessed at silently. A CSV file may also be
Excel's "Unicode text": UTF-16 with a byte-order mark, which names its own encoding, so it is
read as what it is. The encoding is told from the bytes: a UTF-16 mark or many NUL bytes are
UTF-16, not Windows-1252; a UTF-32 mark (``FF FE 00 00``, ``00 00 FE FF``, which starts like a
UTF-16 one) or three NUL bytes in every four are UTF-32, which no spreadsheet needs and which is
refused by its name. A byte-order mark written twice (a file saved again by a program that adds
one) is read as one.

Only a regular file is read (SPEC §4): a folder, a named pipe, a device, a socket or a symbolic
link that leads nowhere is reported by what it is, from ``os.stat`` before anything is opened,
so that a FIFO cannot make loading wait for ever nor ``/dev/zero`` fill the memory. A file is
opened without blocking, checked again once open (it may have been replaced meanwhile), and
read up to the size limit and no further.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from fundgap.errors import Location, Problem
from fundgap.i18n.message import Message, Number, Quoted, label, message
from fundgap.limits import MAX_FILE_BYTES

_BOMS = re.compile(b"(?:" + re.escape(codecs.BOM_UTF8) + b")*+")  # possessive: quick
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = {codecs.BOM_UTF32_LE: "little-endian", codecs.BOM_UTF32_BE: "big-endian"}
_LINE_END = re.compile(rb"\r\n?|\n")  # what ends a row of a CSV file

SAVE_AS_UTF8 = message(
    "a UTF-8 file; in Excel choose File > Save As > 'CSV UTF-8 (comma delimited) (*.csv)', "
    "in LibreOffice tick 'Edit filter settings' and pick 'Unicode (UTF-8)'"
)
_SAVE_TOML_AS_UTF8 = message("a UTF-8 file; save it as UTF-8 in your editor")


KeyAt = Callable[[bytes, int, int], str]
"""``key_at(data, line_start, position)`` names the key or column of the bad byte at
``position``, on the line that starts at ``line_start``."""


# what kind_of calls the two kinds of path it reads
FILE, FOLDER = label("kind of path", "a file"), label("kind of path", "a folder")
_A_FILE = message("a file: text saved by an editor or a spreadsheet")
# Opened for reading only, never waiting for a writer (a FIFO swapped in after the check) and
# never becoming the controlling terminal; in binary mode on Windows.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 16  # bytes read at a time once a file holds more than its size said
_TOO_LARGE = message(
    "is larger than {megabytes} MB ({bytes} bytes), the most a data file may hold",
    megabytes=Number(MAX_FILE_BYTES // 1_000_000),
    bytes=Number(MAX_FILE_BYTES),
)
_SPLIT = message("a smaller file: funding decisions or services may be split into several files")
# Why the system could not read a path, in words a person can act on: the system's own
# (``strerror``) are English whatever the language.
_REASONS = {
    errno.EACCES: label("cannot be read", "Permission denied"),
    errno.EPERM: label("cannot be read", "Operation not permitted"),
    errno.EIO: label("cannot be read", "Input/output error"),
    errno.ENOENT: label("cannot be read", "No such file or directory"),
    errno.ENAMETOOLONG: label("cannot be read", "File name too long"),
}
# Why bytes after a UTF-16 byte-order mark are no UTF-16 (the reasons Python's codec gives).
_UTF16_REASONS = {
    "truncated data": label("not UTF-16", "truncated data"),
    "unexpected end of data": label("not UTF-16", "unexpected end of data"),
    "illegal encoding": label("not UTF-16", "illegal encoding"),
    "illegal UTF-16 surrogate": label("not UTF-16", "illegal UTF-16 surrogate"),
}


def unreadable(error: OSError) -> Message:
    """``cannot be read (Permission denied)``: a path the system could not read, and why."""
    reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
    return message("cannot be read ({reason})", reason=reason)


def kind_of(path: Path) -> Message | None:
    """What ``path`` is, following symbolic links, as a noun for a message (``is {kind}, not a
    file``): :data:`FILE`, :data:`FOLDER`, ``a named pipe (FIFO)``, ``a device (/dev/zero)``,
    ``a symbolic link that leads round in a loop``…; None when there is nothing by that name or
    it cannot be looked at."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return _unreachable(path, error)
    return _kind(mode, path)


def _kind(mode: int, path: Path) -> Message:
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return label("kind of path", "a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return label("kind of path", "a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return message("a device ({path})", path=os.path.realpath(path))
    return label("kind of path", "neither a file nor a folder")


def broken_link(path: Path) -> Message | None:
    """What ``path`` is if it is a symbolic link that cannot be followed, else None."""
    try:
        path.stat()
    except OSError as error:
        return _unreachable(path, error)
    return None


def _unreachable(path: Path, error: OSError) -> Message | None:
    """A symbolic link that ``stat`` cannot follow: in a loop, or to nothing; None for a
    path that is not there at all or cannot be looked at."""
    if error.errno == errno.ELOOP:
        return label("kind of path", "a symbolic link that leads round in a loop")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        try:
            target = str(path.readlink())
        except OSError:
            return None
        return message("a symbolic link to {target}, which does not exist", target=Quoted(target))
    return None


def _not_a_file(shown: str, kind: Message) -> Problem:
    return Problem(Location(shown), message("is {kind}, not a file", kind=kind), _A_FILE)


def _read_bytes(path: Path, shown: str) -> bytes | Problem:
    """The bytes of ``path`` if it is a file of at most MAX_FILE_BYTES, else the Problem."""
    try:
        info = path.stat()
    except OSError as error:
        if (kind := _unreachable(path, error)) is not None:
            return _not_a_file(shown, kind)
        return _unreadable(shown, error)
    if not stat.S_ISREG(info.st_mode):
        return _not_a_file(shown, _kind(info.st_mode, path))
    if info.st_size > MAX_FILE_BYTES:
        return Problem(Location(shown), _TOO_LARGE, _SPLIT)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _unreadable(shown, error)
    try:
        info = os.fstat(descriptor)  # what was opened, if it changed since the check above
        if not stat.S_ISREG(info.st_mode):
            return _not_a_file(shown, _kind(info.st_mode, path))
        chunks, left, size = [], MAX_FILE_BYTES + 1, info.st_size + 1
        while left > 0 and (chunk := os.read(descriptor, min(left, size))):
            chunks.append(chunk)
            left, size = left - len(chunk), _CHUNK
    except OSError as error:
        return _unreadable(shown, error)
    finally:
        os.close(descriptor)
    return Problem(Location(shown), _TOO_LARGE, _SPLIT) if left <= 0 else b"".join(chunks)


def _unreadable(shown: str, error: OSError) -> Problem:
    return Problem(Location(shown), unreadable(error))


def read_text(path: Path, shown: str, key_at: KeyAt | None = None) -> str | Problem:
    """The text of ``path`` without a BOM, or the Problem that stops it being read: ``path``
    is not a file, is larger than the limit, or is not in an encoding it may have.

    A ``.csv`` file may also be UTF-16 with a byte-order mark; other files must be UTF-8.
    """
    data = _read_bytes(path, shown)
    if isinstance(data, Problem):
        return data
    csv = shown.lower().endswith(".csv")
    expected = SAVE_AS_UTF8 if csv else _SAVE_TOML_AS_UTF8
    for bom, order in _UTF32_BOMS.items():  # before UTF-16: FF FE 00 00 starts with FF FE
        if data.startswith(bom):
            return Problem(
                Location(shown),
                message(
                    "is not UTF-8 text: it is UTF-32 (it starts with the byte-order mark of "
                    "UTF-32, {order})",
                    order=order,
                ),
                expected,
            )
    if data.startswith(_UTF16_BOMS):
        return _utf16(data, shown) if csv else _utf16_refused(shown, expected)
    # a second mark is as invisible as the first; cut once, however many there are
    if marks := _BOMS.match(data):
        data = data[marks.end() :]
    if (encoding := _wide_without_bom(data)) is not None:
        return Problem(
            Location(shown),
            message(
                "is not UTF-8 text: its many NUL bytes look like {encoding} without a "
                "byte-order mark",
                encoding=encoding,
            ),
            expected,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if csv:
            line = len(_LINE_END.findall(data, 0, error.start)) + 1
            line_start = max(data.rfind(b"\n", 0, error.start), data.rfind(b"\r", 0, error.start))
        else:
            line = data.count(b"\n", 0, error.start) + 1
            line_start = data.rfind(b"\n", 0, error.start)
        bad = data[error.start : error.start + 1]
        key = key_at(data, line_start + 1, error.start) if key_at else ""
        return Problem(Location(shown, line, key), _not_utf8(data, f"0x{bad.hex()}", csv), expected)


def _utf16(data: bytes, shown: str) -> str | Problem:
    """Excel's "Unicode text": UTF-16 whose byte-order mark says which byte comes first."""
    order = "little-endian" if data.startswith(codecs.BOM_UTF16_LE) else "big-endian"
    try:
        return data.decode("utf-16").lstrip("\ufeff")  # the mark, maybe written twice
    except UnicodeDecodeError as error:
        return Problem(
            Location(shown),
            message(
                "is not UTF-8 text, and though it starts with the byte-order mark of UTF-16 "
                "({order}) it is not valid UTF-16 either (byte {position}: {reason})",
                order=order,
                position=error.start,
                reason=_UTF16_REASONS.get(error.reason, error.reason),
            ),
            SAVE_AS_UTF8,
        )


def _utf16_refused(shown: str, expected: Message) -> Problem:
    return Problem(
        Location(shown),
        message("is not UTF-8 text: it is UTF-16 (it starts with a UTF-16 byte-order mark)"),
        expected,
    )


def _wide_without_bom(data: bytes) -> str | None:
    """``"UTF-16 (little-endian)"`` and the like when a quarter or more of the bytes are NUL,
    as in UTF-16 text (where every ASCII character has a NUL byte), or when they are three in
    every four, as in UTF-32; None otherwise."""
    nuls = data.count(0)
    if not nuls or nuls * 4 < len(data):
        return None
    if nuls * 3 >= len(data) * 2 and len(data) % 4 == 0:  # UTF-32: ASCII has three NULs in four
        order = "little-endian" if data[3::4].count(0) > data[0::4].count(0) else "big-endian"
        return f"UTF-32 ({order})"
    order = "little-endian" if data[1::2].count(0) * 2 > nuls else "big-endian"
    return f"UTF-16 ({order})"


def _not_utf8(data: bytes, byte: str, csv: bool) -> Message:
    """The bad ``byte`` of text that is not UTF-8, and the encoding it looks like, if any."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return message("is not UTF-8 text (byte {byte})", byte=byte)
    if csv:
        return message(
            "is not UTF-8 text (byte {byte}); it looks like Windows-1252 (what Excel writes as "
            "'CSV (semicolon delimited)')",
            byte=byte,
        )
    return message("is not UTF-8 text (byte {byte}); it looks like Windows-1252", byte=byte)
