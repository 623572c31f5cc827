"""Writing an output file atomically: to a temporary file beside it, then renamed over it, so
an error or an interruption never leaves a half-written or truncated file and the old one stays
until the new one is complete.

An output file is always a regular file: writing replaces it by a rename, which onto a device
(``/dev/null`` included) or a FIFO would replace the device node or the pipe itself rather than
write to it. To discard a document or to pipe it, write it to standard output instead.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from fundgap.errors import OutputError
from fundgap.i18n.message import Message, message

Reads = Callable[[Path], Path | None]
"""``reads(target)``: the input that writing ``target`` (a real path: symbolic links followed)
would replace, or the input it would become the next time, or ``None``. Made by
:func:`fundgap.commands.analysis_reads`, or from :func:`fundgap.loading.would_read`."""

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_ATTEMPTS = 100  # random names tried for the temporary file; a clash is one in 2**32 each


def check_output(path: str | os.PathLike[str], *, reads: Reads | None = None) -> Path:
    """The file that writing ``path`` replaces or creates, with symbolic links and ``..``
    followed; raises OutputError unless it is an existing regular file or a new name in an
    existing folder, and, given ``reads``, unless it is none of the inputs.

    Writing checks again; checking first lets a program refuse a bad path before the work.
    """
    given = os.fspath(path)
    if not given:
        raise OutputError(message("the output file name is empty; give a file name"))
    # Path() would drop the trailing "/" or "." by which the user named a folder
    if os.path.basename(given) in ("", ".", ".."):  # noqa: PTH119
        raise OutputError(message("{path}: names a folder; give a file name", path=given))
    target = Path(os.path.realpath(given))
    try:
        mode = Path(given).stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(_unreachable(given, error)) from None
    if mode is None:
        if not target.parent.is_dir():
            if Path(given).is_symlink():
                words = message(
                    "{path}: is a symbolic link to {target}, whose folder does not exist; create "
                    "it first or give a file in an existing folder",
                    path=given,
                    target=str(target),
                )
            else:
                words = message(
                    "{path}: the folder {folder} does not exist; create it first or give a file "
                    "in an existing folder",
                    path=given,
                    folder=str(Path(given).parent),
                )
            raise OutputError(words)
    elif not stat.S_ISREG(mode):
        raise OutputError(_kind(given, mode))
    # a rename could replace it: ask as a write would, and, since root may write anything,
    # by its mode too
    elif not os.access(target, os.W_OK) or not stat.S_IMODE(mode) & 0o222:
        raise OutputError(
            message("{path}: is read-only; make it writable or give another file name", path=given)
        )
    if mode is not None and _sticky_elsewhere(target):
        raise OutputError(
            message(
                "{path}: is another user's file in a folder where only its owner may replace "
                "it; give another file name",
                path=given,
            )
        )
    if not os.access(target.parent, os.W_OK | os.X_OK):  # a read-only folder or disk
        raise OutputError(
            message(
                "{path}: its folder {folder} cannot be written to; give a file elsewhere",
                path=given,
                folder=str(target.parent),
            )
        )
    if reads is not None and (read := reads(target)) is not None:
        raise OutputError(_read_message(given, read, mode is not None))
    return target


def _sticky_elsewhere(target: Path) -> bool:
    """Whether ``target`` is in a folder with the sticky bit (``/tmp``), where only the owner
    of a file, or of the folder, or root may rename another file over it."""
    user = os.geteuid() if hasattr(os, "geteuid") else 0  # no such bit on Windows
    try:
        folder, file = target.parent.stat(), target.stat()
    except OSError:
        return False
    return bool(folder.st_mode & stat.S_ISVTX) and user not in (0, file.st_uid, folder.st_uid)


def _temporary_name(target: Path, tag: str) -> Path:
    """The temporary file beside ``target``: hidden, and named after it for a person who
    finds it, cut short where the whole would pass the longest name its folder allows."""
    name, room = target.name, _name_max(target.parent) - len(f"..{tag}.tmp")
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return target.with_name(f".{name}.{tag}.tmp")


def _name_max(folder: Path) -> int:
    """The longest file name ``folder`` allows, in bytes (255 where the system does not say)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf on Windows
        return 255


def write_atomic(
    path: str | os.PathLike[str], content: str | bytes, *, reads: Reads | None = None
) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` in one step, after the checks of
    :func:`check_output`.

    A file replaced keeps its permission bits, and its owner and group where the process may
    set them; a new file gets the permissions any new file gets (0666 less the umask). The
    temporary file ``.NAME.XXXXXXXX.tmp`` beside the target is removed on any failure,
    KeyboardInterrupt and every other exception included.
    """
    given = os.fspath(path)
    target = check_output(given, reads=reads)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    except OSError as error:
        raise OutputError(_unreachable(given, error)) from None
    # created no more readable than the file it replaces: no one may open it and read the new
    # content who could not read the old
    mode = 0o666 if old is None else stat.S_IMODE(old.st_mode) & 0o666
    for _ in range(_ATTEMPTS):
        temporary = _temporary_name(target, secrets.token_hex(4))
        try:
            try:
                handle = os.open(temporary, _CREATE, mode)
            except FileExistsError:
                continue  # another program's file by chance: never remove it
            with os.fdopen(handle, "wb") as file:
                if old is not None:
                    _keep_owner(file.fileno(), old)
                file.write(data)
                file.flush()
                if old is not None:  # after the writing, which clears the set-id bits
                    with contextlib.suppress(OSError):
                        os.fchmod(file.fileno(), stat.S_IMODE(old.st_mode))
                os.fsync(file.fileno())  # the rename must not reach the disk before the data
            temporary.replace(target)
        except BaseException as error:
            # an interruption may come just after the file was made: remove it by its name (on a
            # read-only disk, or with a name too long, there is nothing to remove)
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise OutputError(
                    message(
                        "{path}: cannot be written ({reason})",
                        path=given,
                        reason=error.strerror or str(error),
                    )
                ) from None
            raise
        return
    raise OutputError(
        message("{path}: cannot be written (no free name for a temporary file)", path=given)
    )


def _keep_owner(handle: int, old: os.stat_result) -> None:
    """Give the temporary file the owner and group of the file it replaces, as far as the
    process may: root may give any; others keep their own and may choose among their groups.
    Its mode is given after the writing, since both a change of owner and a write by anyone
    but root clear the set-id bits. A file system without Unix owners and modes (FAT, some
    network shares) keeps its own."""
    for owner, group in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.fchown(handle, owner, group)
            break
        except OSError:
            continue


def _kind(given: str, mode: int) -> Message:
    """What a path that is not a regular file is, and what to give instead."""
    if stat.S_ISDIR(mode):
        return message("{path}: is a folder; give a file name", path=given)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return message(
            "{path}: is a device, not a file; give a file name (to discard the output or send "
            "it elsewhere, write to standard output)",
            path=given,
        )
    if stat.S_ISFIFO(mode):
        return message(
            "{path}: is a named pipe (FIFO), not a file; give a file name (to pipe the output, "
            "write to standard output)",
            path=given,
        )
    if stat.S_ISSOCK(mode):
        return message("{path}: is a socket, not a file; give a file name", path=given)
    return message("{path}: is not a regular file; give a file name", path=given)


def _unreachable(given: str, error: OSError) -> Message:
    if error.errno == errno.ENAMETOOLONG:
        return message("{path}: the file name is too long; give a shorter one", path=given)
    if error.errno == errno.ELOOP:
        return message(
            "{path}: is a symbolic link that leads round in a loop; give a file name", path=given
        )
    if error.errno == errno.ENOTDIR:
        parents = reversed(Path(given).parents)
        file = next((p for p in parents if p.exists() and not p.is_dir()), None)
        if file is None:
            return message(
                "{path}: a part of the path is not a folder; give a file in an existing folder",
                path=given,
            )
        return message(
            "{path}: {file} is not a folder; give a file in an existing folder",
            path=given,
            file=str(file),
        )
    return message(
        "{path}: cannot be reached ({reason})", path=given, reason=error.strerror or str(error)
    )


def _read_message(given: str, read: Path, exists: bool) -> Message:
    same = os.path.normpath(Path(given).absolute()) == os.path.normpath(read.absolute())
    if exists and same:
        return message("{path}: is a file this command reads; give another file name", path=given)
    if exists:
        return message(
            "{path}: is {input}, a file this command reads; give another file name",
            path=given,
            input=str(read),
        )
    if same:
        return message(
            "{path}: is where the next load of the dataset would read a new file; give a file "
            "outside the dataset's data files",
            path=given,
        )
    return message(
        "{path}: is {input}, where the next load of the dataset would read a new file; give a "
        "file outside the dataset's data files",
        path=given,
        input=str(read),
    )


def write_new(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path``, which must not exist yet: a file that is
    there, whatever it is, is never replaced (an OutputError says so), not even one that
    appears while the content is written. Otherwise as :func:`write_atomic`: the file appears
    complete or not at all, where the disk allows a second name for a file (a hard link);
    where it does not, the file is created only if absent and written in place."""
    given = os.fspath(path)
    if os.path.basename(given) not in ("", ".", "..") and os.path.lexists(given):  # noqa: PTH119
        raise OutputError(_exists(given))
    target = check_output(given)
    data = content.encode("utf-8") if isinstance(content, str) else content
    for _ in range(_ATTEMPTS):
        temporary = _temporary_name(target, secrets.token_hex(4))
        try:
            try:
                handle = os.open(temporary, _CREATE, 0o666)
            except FileExistsError:
                continue  # another program's file by chance: never remove it
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            try:
                os.link(temporary, target)  # unlike a rename, never replaces what is there
            except FileExistsError:
                raise OutputError(_exists(given)) from None
            except OSError:  # no hard links on this disk (FAT, some network shares)
                _create_in_place(given, target, data)
        except BaseException as error:
            if isinstance(error, OSError):
                error = OutputError(
                    message(
                        "{path}: cannot be written ({reason})",
                        path=given,
                        reason=error.strerror or str(error),
                    )
                )
            raise error from None
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        return
    raise OutputError(
        message("{path}: cannot be written (no free name for a temporary file)", path=given)
    )


def _create_in_place(given: str, target: Path, data: bytes) -> None:
    """Create ``target`` only if it is absent and write ``data`` into it; a part written before
    a failure is removed, since the file is this call's own."""
    try:
        handle = os.open(target, _CREATE, 0o666)
    except FileExistsError:
        raise OutputError(_exists(given)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise


def _exists(given: str) -> Message:
    return message(
        "{path}: already exists, and is never overwritten; give a new file name, or move the "
        "file away first",
        path=given,
    )
