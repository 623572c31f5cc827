"""Writing an output file atomically: to a temporary file beside it, then renamed over it, so
an error never leaves a half-written or truncated file and the old one stays until the new
one is complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fundgap.errors import OutputError


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` in one step."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent if str(target.parent) else ".",
            prefix=f".{target.name}.",
            suffix=".tmp",
        )
    except OSError as error:
        raise OutputError(f"{target}: cannot write there ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot be written ({error.strerror or error})") from None
