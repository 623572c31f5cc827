"""Data paths that are not what the loader expects (SPEC §4): a folder, a named pipe, a device,
a socket or a symbolic link that leads nowhere where a file is expected, and a file where a
folder is expected. Each is an error that names it, never skipped in silence, and reading never
waits: a FIFO or ``/dev/zero`` in a dataset ends ``fundgap validate`` at once with exit 2."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import fundgap
from fundgap.errors import UsageError
from fundgap.loading import example_path
from fundgap_cli import cli
from tests.conftest import DatasetWriter, fundgap_process, only_problem, problems_of

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and sockets")

A_FILE = "expected a file: text saved by an editor or a spreadsheet"

Maker = Callable[[Path], None]


def folder(path: Path) -> None:
    path.mkdir()


def fifo(path: Path) -> None:
    os.mkfifo(path)


def dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def dev_null(path: Path) -> None:
    path.symlink_to("/dev/null")


def loop(path: Path) -> None:
    """``path`` → ``path.loop`` → ``path``."""
    other = path.with_name(path.name + ".loop")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def dangling(path: Path) -> None:
    path.symlink_to("moved-away.txt")


def unix_socket(path: Path) -> None:
    here = Path.cwd()
    os.chdir(path.parent)  # a relative name: tmp_path may be longer than a socket's path limit
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind(path.name)
        server.close()
    finally:
        os.chdir(here)


KINDS: dict[str, tuple[Maker, str]] = {
    "folder": (folder, "is a folder, not a file"),
    "fifo": (fifo, "is a named pipe (FIFO), not a file"),
    "dev-zero": (dev_zero, "is a device (/dev/zero), not a file"),
    "dev-null": (dev_null, "is a device (/dev/null), not a file"),
    "loop": (loop, "is a symbolic link that leads round in a loop, not a file"),
    "dangling": (
        dangling,
        "is a symbolic link to 'moved-away.txt', which does not exist, not a file",
    ),
    "socket": (unix_socket, "is a socket, not a file"),
}

# Every place where the loader expects a file; None: the file is taken out of the dataset.
FILES = [
    "fundgap.toml",
    "services.toml",
    "agreements/pirha-2025.toml",
    "categories.toml",
    "funding.csv",
    "funding/2025.csv",
    "services/more.toml",
    "agreements/more.toml",
]


def replaced(root: Path, name: str, make: Maker) -> Path:
    """``root`` with the file ``name`` replaced by what ``make`` makes there."""
    path = root / name
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    return root


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", FILES)
def test_anything_but_a_file_where_a_file_is_expected_is_one_error_naming_it(
    write_dataset: DatasetWriter, name: str, kind: str
) -> None:
    make, message = KINDS[kind]
    root = replaced(write_dataset(), name, make)

    problem = only_problem(root)  # one: not "unknown service" for each funding row

    assert str(problem) == f"{root.as_posix()}/{name}: {message}; {A_FILE}"


FOLDERS = {
    "funding": "a folder of *.csv files (a single file of funding decisions is named funding.csv)",
    "services": "a folder of *.toml files (a single file of services is named services.toml)",
    "agreements": "a folder of *.toml files, one agreement each",
}


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("file", "is a file, not a folder"),
        ("fifo", "is a named pipe (FIFO), not a folder"),
        ("loop", "is a symbolic link that leads round in a loop, not a folder"),
        ("dev-null", "is a device (/dev/null), not a folder"),
    ],
)
@pytest.mark.parametrize("name", FOLDERS)
def test_anything_but_a_folder_where_a_folder_is_expected_is_an_error_naming_it(
    write_dataset: DatasetWriter, name: str, kind: str, message: str
) -> None:
    make = (lambda path: path.write_text("x")) if kind == "file" else KINDS[kind][0]
    root = replaced(write_dataset({"agreements/pirha-2025.toml": None}), name, make)

    problem = only_problem(root)  # services in it may be missing: no "unknown service" either

    assert str(problem) == f"{root.as_posix()}/{name}: {message}; expected {FOLDERS[name]}"


def test_a_file_in_a_folder_of_data_files_is_read_whatever_its_neighbours(
    write_dataset: DatasetWriter,
) -> None:
    """Only names that match the folder's pattern are read: a FIFO or a subfolder named
    otherwise is none of the loader's business (as a README is not)."""
    root = write_dataset()
    (root / "funding").mkdir()
    os.mkfifo(root / "funding" / "notes.txt")
    (root / "funding" / "old").mkdir()

    assert len(fundgap.load(root).funding) == 2


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("fifo", "is a named pipe (FIFO)"),
        ("loop", "is a symbolic link that leads round in a loop"),
        ("dev-null", "is a device (/dev/null)"),
    ],
)
def test_a_dataset_path_that_is_no_folder_is_a_usage_error(
    tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "dataset"
    KINDS[kind][0](path)

    with pytest.raises(UsageError) as caught:
        fundgap.load(path)

    assert str(caught.value) == f"{path}: {message}; give the folder that holds fundgap.toml"


def test_a_dataset_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "funding.csv"
    path.write_text("service;funder;start;end;amount\n")

    with pytest.raises(UsageError) as caught:
        fundgap.load(path)

    assert str(caught.value) == f"{path}: is a file; give the folder that holds fundgap.toml"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", ""], "the dataset folder's name is empty; give a folder or leave it out"),
        (["gaps", ""], "the dataset folder's name is empty; give a folder or leave it out"),
        (["gaps", "--with-draft", ""], "the draft's file name is empty; give an agreement file"),
    ],
)
def test_an_empty_name_is_a_usage_error(
    runner: CliRunner, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``fundgap validate "$DATASET"`` with the variable unset read the current folder."""
    monkeypatch.chdir(example_path() / "kainuu")
    result = runner.invoke(cli, args)

    assert (result.exit_code, result.stderr) == (2, f"fundgap: error: {message}\n")


@pytest.mark.parametrize("kind", ["loop", "dangling"])
def test_a_link_in_a_collection_that_leads_nowhere_is_an_error(
    tmp_path: Path, write_dataset: DatasetWriter, kind: str
) -> None:
    """It may be a regional dataset moved away: the national view would lack a region."""
    write_dataset(folder="collection/pirkanmaa")
    link = tmp_path / "collection" / "kainuu"
    KINDS[kind][0](link)
    what = KINDS[kind][1].removesuffix(", not a file")

    problems = [str(p) for p in problems_of(tmp_path / "collection")]

    assert f"{link.as_posix()}: {what}; expected a dataset folder" in problems
    assert len(problems) == (2 if kind == "loop" else 1)  # both links of the loop


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "loop", "dangling"])
def test_a_draft_that_is_no_file_is_an_error_naming_it(
    write_dataset: DatasetWriter, tmp_path: Path, kind: str
) -> None:
    make, message = KINDS[kind]
    draft = tmp_path / "draft.toml"
    make(draft)
    dataset = fundgap.load(write_dataset())

    with pytest.raises(fundgap.DatasetError) as caught:
        fundgap.load_draft(draft, dataset)

    assert [str(p) for p in caught.value.problems] == [f"{draft.as_posix()}: {message}; {A_FILE}"]
    assert str(caught.value).startswith("the draft has 1 problem:\n")  # not "the dataset"


def test_the_size_of_a_data_file_is_limited_before_it_is_read(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset()
    with (root / "funding.csv").open("r+b") as file:
        file.truncate(100_000_001)  # sparse: no disk space is used

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/funding.csv: is larger than 100 MB (100,000,000 bytes), the most a "
        "data file may hold; expected a smaller file: funding decisions or services may be split "
        "into several files"
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_a_file_that_holds_more_than_its_size_is_read_only_up_to_the_limit(
    write_dataset: DatasetWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in /proc says it is empty and holds more: as a file that grows while it is read,
    it is read up to the limit and no further, so no file can fill the memory."""
    monkeypatch.setattr("fundgap.loading._text.MAX_FILE_BYTES", 1000)  # the others are smaller
    root = write_dataset({"funding.csv": None})
    (root / "funding.csv").symlink_to("/proc/self/status")
    assert (root / "funding.csv").stat().st_size == 0

    problem = only_problem(root)

    assert str(problem.message).startswith("is larger than 100 MB")


# -- through the command line --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "fifo", "dev-zero", "loop"])
@pytest.mark.parametrize("name", ["funding.csv", "services.toml", "funding/2025.csv"])
def test_validate_exits_2_and_names_the_path(
    runner: CliRunner, write_dataset: DatasetWriter, name: str, kind: str
) -> None:
    make, message = KINDS[kind]
    root = replaced(write_dataset(), name, make)

    result = runner.invoke(cli, ["validate", str(root)])

    assert result.exit_code == 2
    assert f"{root.as_posix()}/{name}: {message}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("fifo", "draft.toml: is a named pipe (FIFO), not a file"),
        ("dev-zero", "draft.toml: is a device (/dev/zero), not a file"),
        ("loop", "draft.toml: is a symbolic link that leads round in a loop, not a file"),
        ("folder", "Invalid value for '--with-draft': File '{draft}' is a directory."),  # click's
    ],
)
def test_gaps_with_a_draft_that_is_no_file_exits_2(
    runner: CliRunner, write_dataset: DatasetWriter, tmp_path: Path, kind: str, message: str
) -> None:
    draft = tmp_path / "draft.toml"
    KINDS[kind][0](draft)

    result = runner.invoke(cli, ["gaps", str(write_dataset()), "--with-draft", str(draft)])

    assert result.exit_code == 2
    assert message.format(draft=draft) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["funding/2025.csv", "funding.csv", "agreements/x.toml"])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_validate_never_waits_for_a_fifo_or_a_device(
    write_dataset: DatasetWriter, name: str, kind: str
) -> None:
    """In a process of its own, with a timeout: before, it waited for ever."""
    make, message = KINDS[kind]
    root = replaced(write_dataset(), name, make)

    result = fundgap_process("validate", str(root))

    assert result.returncode == 2, result.stderr
    assert f"{root.as_posix()}/{name}: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_as_the_draft_never_waits(write_dataset: DatasetWriter, tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    os.mkfifo(draft)

    result = fundgap_process("gaps", str(write_dataset()), "--with-draft", str(draft))

    assert result.returncode == 2, result.stderr
    assert f"{draft.as_posix()}: is a named pipe (FIFO), not a file" in result.stderr


# -- names that are not UTF-8, folders that cannot be listed ---------------------------------


def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes(
    write_dataset: DatasetWriter,
) -> None:
    """Its rows' sources used to hold lone surrogates, which no UTF-8 output can write (exit 3
    on `-o` or with PYTHONIOENCODING=utf-8)."""
    root = write_dataset()
    (root / "funding").mkdir()
    (root / "funding.csv").rename(os.fsdecode(os.fsencode(root) + b"/funding/\xff\xfe.csv"))

    dataset = fundgap.load(root)

    assert {d.source.file for d in dataset.funding if d.source} == {
        f"{root.as_posix()}/funding/\\xff\\xfe.csv"
    }
    result = fundgap_process(
        "gaps", str(root), "--format", "json", text=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"/funding/\\\\xff\\\\xfe.csv" in result.stdout  # a backslash, escaped in JSON


def test_a_collection_that_cannot_be_listed_is_a_usage_error(
    write_dataset: DatasetWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a user without the right to list the folder would see (root always may)."""
    write_dataset(folder="collection/pirkanmaa")
    collection = tmp_path / "collection"
    listing = Path.iterdir

    def refused(folder: Path) -> object:
        if folder == collection:
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", refused)

    with pytest.raises(UsageError) as caught:
        fundgap.load(collection)

    assert str(caught.value) == f"{collection}: cannot be read (Permission denied)"


def test_a_data_file_that_cannot_be_opened_is_an_error_naming_it(
    write_dataset: DatasetWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_dataset()
    opening = os.open

    def refused(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("funding.csv"):
            raise PermissionError(13, "Permission denied")
        return opening(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)

    problem = only_problem(root)

    assert str(problem) == f"{root.as_posix()}/funding.csv: cannot be read (Permission denied)"


def contents(dataset: fundgap.Dataset) -> tuple[list[str], list[str], int]:
    """What a dataset holds, without where it was read from."""
    return sorted(dataset.services), sorted(dataset.agreements), len(dataset.funding)


APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
"""The first bytes of a ``._name`` file, which macOS writes beside each file on a shared drive
or in a zip."""


@pytest.mark.parametrize(
    "extra",
    [
        {"agreements/._pirha-2025.toml": APPLE_DOUBLE},
        {"funding/._2025.csv": APPLE_DOUBLE},
        {"services/.more.toml": "[[services]]\nid = 'hidden'\n"},
        {"funding/~$2025.csv": b"\x05Maija\x00\x00"},  # an owner file of Microsoft Office
    ],
    ids=["apple-double-agreement", "apple-double-csv", "hidden", "office-owner-file"],
)
def test_the_files_of_editors_and_the_system_are_not_read(
    write_dataset: DatasetWriter, extra: dict[str, str | bytes | None]
) -> None:
    """Files that no person saved as data sit beside the data while it is edited or after it
    has been copied; reading them would fail a dataset that is fine."""
    plain = fundgap.load(write_dataset())

    assert contents(fundgap.load(write_dataset(extra, folder="with-extra"))) == contents(plain)


def test_an_emacs_lock_link_beside_an_agreement_is_not_read(
    write_dataset: DatasetWriter,
) -> None:
    """Emacs marks a file being edited with a link ``.#name`` to a place that does not exist."""
    plain = fundgap.load(write_dataset())
    root = write_dataset(folder="being-edited")
    (root / "agreements" / ".#pirha-2025.toml").symlink_to("maija@kone.4242:1764547200")

    assert contents(fundgap.load(root)) == contents(plain)


@pytest.mark.parametrize(
    ("written", "renamed"),
    [
        ("funding.csv", "Funding.csv"),
        ("services.toml", "SERVICES.TOML"),
        ("agreements/pirha-2025.toml", "agreements/PIRHA-2025.TOML"),
    ],
)
def test_a_data_file_is_read_whatever_the_case_of_its_name(
    write_dataset: DatasetWriter, written: str, renamed: str
) -> None:
    """A dataset saved on a case-insensitive disk (Windows, macOS) reads the same on Linux."""
    plain = fundgap.load(write_dataset())
    root = write_dataset(folder="renamed")
    (root / written).rename(root / renamed)

    assert contents(fundgap.load(root)) == contents(plain)


def test_funding_in_a_subfolder_with_an_upper_case_extension_is_read(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset(folder="upper")
    (root / "funding").mkdir()
    (root / "funding.csv").rename(root / "funding" / "2025.CSV")

    assert len(fundgap.load(root).funding) == 2


@pytest.mark.parametrize("link", ["a-link", "z-link"])
def test_a_dataset_linked_twice_into_a_collection_is_one_problem(
    write_dataset: DatasetWriter, tmp_path: Path, link: str
) -> None:
    """Not a "defined twice" for every id it holds; the link is the one named, whichever
    name comes first."""
    collection = tmp_path / "collection"
    write_dataset(folder="collection/pirkanmaa")
    (collection / link).symlink_to("pirkanmaa")

    problem = only_problem(collection)

    assert str(problem) == (
        f"{collection.as_posix()}/{link}: is the dataset pirkanmaa again (a link to the same "
        "folder), so every id in it would be defined twice; expected each dataset once in a "
        "collection"
    )


@pytest.mark.parametrize(
    ("written", "renamed"),
    [
        ("funding.csv", "Funding/2025.csv"),
        ("agreements/pirha-2025.toml", "Agreements/pirha-2025.toml"),
        ("services.toml", "SERVICES/all.toml"),
    ],
)
def test_a_data_folder_is_read_whatever_the_case_of_its_name(
    write_dataset: DatasetWriter, written: str, renamed: str
) -> None:
    """``Funding/`` was skipped without a word: every figure came out unfunded, exit 0."""
    plain = fundgap.load(write_dataset())
    root = write_dataset(folder="renamed")
    (root / renamed).parent.mkdir()
    (root / written).rename(root / renamed)
    if (root / written).parent != root:
        (root / written).parent.rmdir()  # else a disk that ignores case could not hold both

    assert contents(fundgap.load(root)) == contents(plain)


def test_two_files_whose_names_differ_only_in_case_are_one_problem(
    write_dataset: DatasetWriter,
) -> None:
    """A disk that ignores case holds only one of them: the dataset would read differently."""
    root = write_dataset({"FUNDING.csv": "service;funder;start;end;amount\n"})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/FUNDING.csv: has the name of funding.csv in another case, and a "
        "disk that ignores case (Windows, macOS) holds only one of them; expected one "
        "funding.csv: merge the two"
    )
