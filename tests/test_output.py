"""--output (SPEC §8): never onto a file the command reads, nor where loading would read a new
file next time, nor onto anything but a regular file or a new name in an existing folder; the
mode (and owner) of a replaced file kept; and no temporary file left by any exit, real signals
sent to a real process included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import fundgap
from fundgap.errors import DatasetError
from fundgap.loading import example_path, would_read
from fundgap.loading._reading import SOURCES, Source
from tests.conftest import write_files

ROOT = Path(__file__).resolve().parents[1]
AS_OF = ["--as-of", "2026-11-28"]
OLD = "the old report\n"


# -- what loading reads: would_read and the loader agree, whichever changes ------------------


def test_would_read_names_every_file_that_loading_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fundgap.loading._reading as reading

    collection = tmp_path / "c"
    shutil.copytree(example_path(), collection)
    write_files(
        collection / "extra",
        {
            "services/more.toml": "",
            "funding/2026.csv": "service;funder;start;end;amount\n",
            "categories.toml": "",
        },
    )
    read: list[Path] = []
    original = reading.read_text
    monkeypatch.setattr(
        reading, "read_text", lambda path, *rest: read.append(path) or original(path, *rest)
    )
    fundgap.load(collection)

    assert {p.relative_to(collection).parts[0] for p in read} == {
        "extra",
        "helsinki",
        "kainuu",
        "lansi-uusimaa",
        "pirkanmaa",
    }
    assert len(read) > 20
    for path in read:
        assert would_read(path, collection) == path


@pytest.mark.parametrize(
    ("source", "place"),
    [(source, place) for source in SOURCES for place in range(len(source.places(Path())))],
)
def test_loading_reads_every_file_that_would_read_names(
    tmp_path: Path, source: Source, place: int
) -> None:
    root = write_files(tmp_path / "ds")
    folder, pattern = source.places(root)[place]
    new = folder / pattern.replace("*", "new")
    folder.mkdir(exist_ok=True)
    new.write_bytes(b"\xff not text")

    assert would_read(new, root) == new
    with pytest.raises(DatasetError) as caught:
        fundgap.load(root)
    assert new.as_posix() in {problem.location.file for problem in caught.value.problems}


def test_would_read_leaves_other_files_alone(tmp_path: Path) -> None:
    root = write_files(tmp_path / "ds")
    for name in ("notes.md", "agreements/notes.md", "funding.xlsx", "../elsewhere.csv"):
        assert would_read(root / name, root) is None, name
