"""Which files loading a dataset reads, now or the next time: so that an output written next to
a dataset never replaces one of its files, nor adds one that the next load would read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from fundgap.loading._reading import MANIFEST_FILE, SOURCES, name_matches


def would_read(
    candidate: str | os.PathLike[str], dataset: str | os.PathLike[str] | None = None
) -> Path | None:
    """The file of the dataset or collection at ``dataset`` that ``candidate`` is, or that a
    new file at ``candidate`` would be the next time it is loaded; ``None`` when loading never
    reads it.

    ``dataset`` is located as :func:`fundgap.load` locates it (``None``: the default). The
    answer is the path as loading names it, e.g. ``agreements/kainuu/funding.csv``. Symbolic
    links and ``..`` in ``candidate`` are followed, a hard link to a dataset file is that file,
    and names are compared without regard to case (see ``name_matches``). Each subfolder of a
    collection counts as a dataset even before it has a manifest: writing a data file there
    would make the next load fail, and writing a manifest would make it load. The dataset
    that holds ``candidate``'s folder, if any, is asked as well, whatever ``dataset`` is. Raises
    UsageError as :func:`fundgap.loading.locate` does.
    """
    from fundgap.loading import locate

    target = Path(os.path.realpath(candidate))
    try:
        found = target.stat()
    except OSError:
        found = None
    places = [*_places(locate(dataset)), *_enclosing(target), *_by_default()]
    if found is not None:
        for folder, pattern in places:
            for file in _entries(folder):
                if name_matches(file.name, pattern) and _same(file, found):
                    return file
    for folder, pattern in places:
        if name_matches(target.name, pattern) and _same(folder, target.parent):
            return folder / target.name
    return None


def _places(folder: Path) -> Iterator[tuple[Path, str]]:
    """Each folder that loading ``folder`` reads files from, with the pattern of their names."""
    from fundgap.loading import is_dataset

    if is_dataset(folder):
        for source in SOURCES:
            yield from source.places(folder)
    else:
        yield from MANIFEST_FILE.places(folder)  # it would turn the collection into a dataset
        for sub in _entries(folder):
            if sub.is_dir():
                for source in SOURCES:
                    yield from source.places(sub)


def _by_default() -> Iterator[tuple[Path, str]]:
    """The manifests that would change what a plain ``fundgap`` run here reads the next time,
    whatever this command reads: one in the current folder, or in ``./agreements/`` or a
    subfolder of it (see :func:`fundgap.loading.locate`)."""
    yield from MANIFEST_FILE.places(Path())
    yield from MANIFEST_FILE.places(Path("agreements"))
    for sub in _entries(Path("agreements")):
        if sub.is_dir():
            yield from MANIFEST_FILE.places(sub)


def _enclosing(target: Path) -> Iterator[tuple[Path, str]]:
    """The places of the dataset that holds ``target``'s folder, however deep, whatever
    dataset the command reads: ``fundgap gaps -o gaps.csv`` run in ``DATASET/funding/``
    must not leave a file there that the next load of DATASET reads. Or, for a collection
    that holds it, where its manifest would be."""
    from fundgap.loading import is_dataset

    for folder in target.parents:
        if is_dataset(folder):
            for source in SOURCES:
                yield from source.places(folder)
            return
        if any(is_dataset(sub) for sub in _entries(folder) if sub.is_dir()):
            yield from MANIFEST_FILE.places(folder)  # it would turn a collection into a dataset
            return


def _entries(folder: Path) -> list[Path]:
    """The entries of ``folder``, none when it is not a readable folder."""
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _same(path: Path, other: Path | os.stat_result) -> bool:
    """Whether ``path`` is the file or folder ``other`` (a path or its ``os.stat``)."""
    try:
        mine = path.stat()
        theirs = other if isinstance(other, os.stat_result) else other.stat()
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)
