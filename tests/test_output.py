"""--output (SPEC §8): never onto a file the command reads, nor where loading would read a new
file next time, nor onto anything but a regular file or a new name in an existing folder; the
mode (and owner) of a replaced file kept; and no temporary file left by any exit, real signals
sent to a real process included."""

from __future__ import annotations

import errno
import json
import os
import runpy
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import fundgap
from fundgap.errors import DatasetError, OutputError
from fundgap.loading import example_path, would_read
from fundgap.loading._reading import SOURCES, Source
from fundgap.render.output import write_atomic
from fundgap_cli import cli
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
    if new.is_dir():  # a subfolder's own name: a file by that name is read (and refused) too
        shutil.rmtree(new)
    new.write_bytes(b"\xff not text")

    assert would_read(new, root) == new
    with pytest.raises(DatasetError) as caught:
        fundgap.load(root)
    assert new.as_posix() in {problem.location.file for problem in caught.value.problems}


def test_would_read_leaves_other_files_alone(tmp_path: Path) -> None:
    root = write_files(tmp_path / "ds")
    for name in ("notes.md", "agreements/notes.md", "funding.xlsx", "../elsewhere.csv"):
        assert would_read(root / name, root) is None, name


# -- where --output may write -------------------------------------------------------------


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the example collection as ``ds/`` (with empty ``funding/`` and
    ``services/`` folders in ``ds/kainuu``, and a subfolder ``ds/notes`` that is no dataset),
    a draft, and an old ``out.txt``; it is the current folder, so messages show short paths."""
    shutil.copytree(example_path(), tmp_path / "ds")
    for folder in ("ds/kainuu/funding", "ds/kainuu/services", "ds/notes", "out"):
        (tmp_path / folder).mkdir()
    shutil.copy(tmp_path / "ds/pirkanmaa/agreements/tampere-seutu-2027.toml", tmp_path / "d.toml")
    (tmp_path / "out.txt").write_text(OLD, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def refused(runner: CliRunner, output: str, *extra: str, command: str = "gaps") -> str:
    """The message with which ``command`` on ``ds`` refuses ``-o output``; checks that it
    exits 2 without a traceback, writes nothing and leaves no temporary file."""
    before = {p: p.read_bytes() for p in Path().rglob("*") if p.is_file() and not p.is_symlink()}
    result = runner.invoke(cli, [command, "ds", *AS_OF, *extra, "-o", output])

    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    after = {p: p.read_bytes() for p in Path().rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before
    assert temporary_files(Path()) == []
    message: str = result.stderr
    assert message.startswith("fundgap: error: ")
    assert message.count("\n") == 1, message
    return message.removeprefix("fundgap: error: ").rstrip("\n")


READS = "a file this command reads; give another file name"
NEW = (
    "where the next load of the dataset would read a new file; "
    "give a file outside the dataset's data files"
)


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("ds/kainuu/funding.csv", f"ds/kainuu/funding.csv: is {READS}"),
        ("ds/kainuu/services.toml", f"ds/kainuu/services.toml: is {READS}"),
        ("ds/kainuu/categories.toml", f"ds/kainuu/categories.toml: is {READS}"),
        ("ds/kainuu/fundgap.toml", f"ds/kainuu/fundgap.toml: is {READS}"),
        (
            "ds/pirkanmaa/agreements/tampere-seutu-2025.toml",
            f"ds/pirkanmaa/agreements/tampere-seutu-2025.toml: is {READS}",
        ),
        ("out/../ds/helsinki/funding.csv", f"out/../ds/helsinki/funding.csv: is {READS}"),
        ("./ds//kainuu/./funding.csv", f"./ds//kainuu/./funding.csv: is {READS}"),
        ("ds/kainuu/funding/2026.csv", f"ds/kainuu/funding/2026.csv: is {NEW}"),
        ("ds/kainuu/services/more.toml", f"ds/kainuu/services/more.toml: is {NEW}"),
        ("ds/kainuu/agreements/new.toml", f"ds/kainuu/agreements/new.toml: is {NEW}"),
        ("ds/helsinki/categories.toml", f"ds/helsinki/categories.toml: is {NEW}"),
        ("ds/kainuu/FUNDING.CSV", f"ds/kainuu/FUNDING.CSV: is {NEW}"),
        ("ds/kainuu/agreements/New.TOML", f"ds/kainuu/agreements/New.TOML: is {NEW}"),
        ("ds/fundgap.toml", f"ds/fundgap.toml: is {NEW}"),
        ("ds/notes/fundgap.toml", f"ds/notes/fundgap.toml: is {NEW}"),
        ("ds/notes/funding.csv", f"ds/notes/funding.csv: is {NEW}"),
        ("out/../ds/kainuu/agreements/x.toml", f"out/../ds/kainuu/agreements/x.toml: is {NEW}"),
        ("ds/kainuu/agreements/", "ds/kainuu/agreements/: names a folder; give a file name"),
        ("ds/helsinki/funding", f"ds/helsinki/funding: is {NEW}"),  # a file for the folder
        ("ds/helsinki/agreements", f"ds/helsinki/agreements: is {NEW}"),
        ("ds/helsinki/Services", f"ds/helsinki/Services: is {NEW}"),
    ],
)
def test_output_never_replaces_or_adds_a_dataset_file(
    runner: CliRunner, here: Path, output: str, message: str
) -> None:
    assert refused(runner, output) == message


def test_output_never_adds_a_file_to_the_dataset_it_is_written_in(
    runner: CliRunner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever dataset the command reads (here the one given), not only its own."""
    shutil.copytree("ds/kainuu", "other")
    monkeypatch.chdir("ds/kainuu/funding")
    result = runner.invoke(cli, ["gaps", "../../../other", *AS_OF, "-o", "gaps.csv"])

    assert result.exit_code == 2
    assert result.stderr == f"fundgap: error: gaps.csv: is {NEW}\n"
    assert list(Path().iterdir()) == []


def test_output_never_turns_a_collection_into_a_dataset(runner: CliRunner, here: Path) -> None:
    """Whatever dataset the command reads: a manifest in a collection that holds the output,
    or where a plain ``fundgap`` here would look, would change what it reads the next time."""
    result = runner.invoke(cli, ["gaps", "ds/kainuu", *AS_OF, "-o", "ds/fundgap.toml"])

    assert (result.exit_code, result.stderr) == (2, f"fundgap: error: ds/fundgap.toml: is {NEW}\n")
    shutil.copytree("ds", "agreements")
    result = runner.invoke(cli, ["gaps", "ds/kainuu", *AS_OF, "-o", "agreements/fundgap.toml"])

    assert result.exit_code == 2
    assert result.stderr == f"fundgap: error: agreements/fundgap.toml: is {NEW}\n"


def test_report_refuses_the_same(runner: CliRunner, here: Path) -> None:
    message = refused(runner, "ds/kainuu/funding.csv", command="report")

    assert message == f"ds/kainuu/funding.csv: is {READS}"


def test_output_never_replaces_a_draft(runner: CliRunner, here: Path) -> None:
    message = refused(runner, "out/../d.toml", "--with-draft", "d.toml")

    assert message == f"out/../d.toml: is {READS}"


def test_through_a_symbolic_link(runner: CliRunner, here: Path) -> None:
    Path("link.csv").symlink_to("ds/kainuu/funding.csv")
    Path("kainuu").symlink_to("ds/kainuu", target_is_directory=True)
    Path("draft-link.toml").symlink_to(here / "d.toml")

    assert refused(runner, "link.csv") == f"link.csv: is ds/kainuu/funding.csv, {READS}"
    assert refused(runner, "kainuu/funding.csv") == (
        f"kainuu/funding.csv: is ds/kainuu/funding.csv, {READS}"
    )
    assert refused(runner, "kainuu/agreements/new.toml") == (
        f"kainuu/agreements/new.toml: is ds/kainuu/agreements/new.toml, {NEW}"
    )
    assert refused(runner, "draft-link.toml", "--with-draft", "d.toml") == (
        f"draft-link.toml: is d.toml, {READS}"
    )


def test_through_a_symbolic_link_in_the_dataset(runner: CliRunner, here: Path) -> None:
    """A dataset file that is itself a link: its target is what the command reads."""
    Path("shared").mkdir()
    Path("ds/kainuu/funding.csv").rename("shared/kainuu.csv")
    Path("ds/kainuu/funding.csv").symlink_to(here / "shared/kainuu.csv")

    assert refused(runner, "shared/kainuu.csv") == (
        f"shared/kainuu.csv: is ds/kainuu/funding.csv, {READS}"
    )


def test_through_a_hard_link(runner: CliRunner, here: Path) -> None:
    os.link("ds/kainuu/services.toml", "services.toml")

    assert refused(runner, "services.toml") == (
        f"services.toml: is ds/kainuu/services.toml, {READS}"
    )


def test_onto_the_registry(runner: CliRunner, here: Path) -> None:
    registry = Path(fundgap.__file__).parent / "data" / "registry.json"

    assert refused(runner, str(registry)) == f"{registry}: is {READS}"


def test_refusal_comes_before_the_analysis(runner: CliRunner, here: Path) -> None:
    """A user waiting for a national report learns of a bad -o at once, not after it: here
    the dataset is broken, and the message is the output's."""
    Path("ds/kainuu/services.toml").write_text("broken = [", "utf-8")

    assert refused(runner, "ds/kainuu/funding.csv") == f"ds/kainuu/funding.csv: is {READS}"


def test_onto_a_dataset_given_by_default(
    runner: CliRunner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without DATASET, ./agreements/ is used here; a manifest in the current folder would
    make the next run use it instead."""
    Path("ds").rename("agreements")
    result = runner.invoke(cli, ["report", *AS_OF, "-o", "fundgap.toml"])
    assert result.exit_code == 2
    assert result.stderr == f"fundgap: error: fundgap.toml: is {NEW}\n"

    result = runner.invoke(cli, ["report", *AS_OF, "-o", "agreements/kainuu/funding.csv"])
    assert result.stderr == f"fundgap: error: agreements/kainuu/funding.csv: is {READS}\n"

    monkeypatch.chdir("out")  # neither a dataset nor ./agreements/: the shipped example
    result = runner.invoke(cli, ["report", *AS_OF, "-o", "fundgap.toml"])
    assert result.stderr.endswith(f"fundgap: error: fundgap.toml: is {NEW}\n")
    result = runner.invoke(cli, ["report", *AS_OF, "-o", "report.txt"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (
            "/dev/null",
            "/dev/null: is a device, not a file; give a file name (to discard the output or "
            "send it elsewhere, write to standard output)",
        ),
        (
            "/dev/full",
            "/dev/full: is a device, not a file; give a file name (to discard the output or "
            "send it elsewhere, write to standard output)",
        ),
        ("out", "out: is a folder; give a file name"),
        ("out/", "out/: names a folder; give a file name"),
        ("out/.", "out/.: names a folder; give a file name"),
        ("..", "..: names a folder; give a file name"),
        (
            "missing/report.txt",
            "missing/report.txt: the folder missing does not exist; "
            "create it first or give a file in an existing folder",
        ),
        (
            "out.txt/report.txt",
            "out.txt/report.txt: out.txt is not a folder; give a file in an existing folder",
        ),
        ("", "the output file name is empty; give a file name"),
    ],
)
def test_output_is_a_regular_file_or_a_new_name(
    runner: CliRunner, here: Path, output: str, message: str
) -> None:
    assert refused(runner, output) == message


def test_a_fifo_a_socket_and_links_that_lead_nowhere(runner: CliRunner, here: Path) -> None:
    os.mkfifo("fifo")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("socket")
        assert refused(runner, "socket") == "socket: is a socket, not a file; give a file name"
    Path("loop1").symlink_to("loop2")
    Path("loop2").symlink_to("loop1")
    Path("dangling").symlink_to("missing/report.txt")

    assert refused(runner, "fifo") == (
        "fifo: is a named pipe (FIFO), not a file; give a file name "
        "(to pipe the output, write to standard output)"
    )
    assert refused(runner, "loop1") == (
        "loop1: is a symbolic link that leads round in a loop; give a file name"
    )
    assert refused(runner, "dangling") == (
        f"dangling: is a symbolic link to {here}/missing/report.txt, whose folder does not "
        "exist; create it first or give a file in an existing folder"
    )


def test_dash_is_standard_output(runner: CliRunner, here: Path) -> None:
    result = runner.invoke(cli, ["report", "ds/kainuu", *AS_OF, "-o", "-"])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("fundgap report: Kainuu")
    assert sorted(p.name for p in here.iterdir()) == ["d.toml", "ds", "out", "out.txt"]


def test_next_to_a_dataset_file_is_fine(runner: CliRunner, here: Path) -> None:
    for output in ("ds/kainuu/gaps.csv", "ds/kainuu/agreements/notes.md", "ds/README.md"):
        result = runner.invoke(cli, ["gaps", "ds", *AS_OF, "-o", output])
        assert result.exit_code == 0, result.output
    fundgap.load("ds")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664, 0o755])
def test_a_replaced_file_keeps_its_mode(runner: CliRunner, here: Path, mode: int) -> None:
    Path("out.txt").chmod(mode)
    result = runner.invoke(cli, ["report", "ds/kainuu", *AS_OF, "-o", "out.txt"])

    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(Path("out.txt").stat().st_mode) == mode
    assert Path("out.txt").read_text("utf-8").startswith("fundgap report: Kainuu")


def test_a_read_only_file_is_not_replaced(runner: CliRunner, here: Path) -> None:
    """A rename could replace it, where writing into it would fail: fundgap asks as a write
    would, and by the file's mode, since root may write anything (as in a container)."""
    Path("out.txt").chmod(0o444)

    assert refused(runner, "out.txt") == (
        "out.txt: is read-only; make it writable or give another file name"
    )


def test_a_read_only_folder_is_refused_before_the_analysis(
    runner: CliRunner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of mode 0555, or one on a disk mounted read-only (which root cannot write to
    either, and which the test cannot make): the system's answer is asked."""
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: Path(path) != here / "out" and real(path, mode)
    )

    assert refused(runner, "out/new.txt") == (
        f"out/new.txt: its folder {here / 'out'} cannot be written to; give a file elsewhere"
    )


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no sticky bit on Windows")
def test_another_users_file_in_a_sticky_folder_is_refused_before_the_analysis(
    runner: CliRunner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In /tmp only a file's owner may rename another file over it: the rename would fail
    after the whole analysis. The test runs as a user who owns neither file nor folder."""
    Path("out").chmod(0o1777)
    Path("out/theirs.txt").write_text(OLD, "utf-8")
    monkeypatch.setattr(os, "geteuid", lambda: 54321)

    assert refused(runner, "out/theirs.txt") == (
        "out/theirs.txt: is another user's file in a folder where only its owner may replace "
        "it; give another file name"
    )


def test_a_name_too_long_for_the_folder_is_refused_before_the_analysis(
    runner: CliRunner, here: Path
) -> None:
    name = "a" * 253 + ".md"

    assert refused(runner, name) == f"{name}: the file name is too long; give a shorter one"


def test_a_long_name_that_the_folder_allows_is_written(here: Path) -> None:
    """The temporary file's name is cut short to fit, not the output's."""
    name = "ä" * 125 + ".md"  # 253 bytes, one of the longest names a folder allows

    write_atomic(name, "new")

    assert Path(name).read_text("utf-8") == "new"
    assert temporary_files(here) == []


def test_a_temporary_file_that_cannot_be_removed_is_no_internal_error(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a read-only disk the temporary file is never made, and removing it fails too."""

    def read_only(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.raises(OutputError) as caught:
        write_atomic("out.txt", "new")

    assert str(caught.value) == "out.txt: cannot be written (Read-only file system)"


def test_a_new_file_gets_the_mode_of_any_new_file(here: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic("new.txt", "text")
    finally:
        os.umask(old)

    assert stat.S_IMODE(Path("new.txt").stat().st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_a_replaced_file_keeps_its_owner_and_group(here: Path) -> None:
    os.chown("out.txt", 4321, 8765)
    write_atomic("out.txt", "new")

    info = Path("out.txt").stat()
    assert (info.st_uid, info.st_gid) == (4321, 8765)


def test_the_mode_is_given_after_the_writing(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write by anyone but root clears the set-group-id bit: given before, it was lost."""
    Path("out.txt").chmod(0o2775)
    sizes = []
    real = os.fchmod
    monkeypatch.setattr(
        os,
        "fchmod",
        lambda handle, mode: sizes.append(os.fstat(handle).st_size) or real(handle, mode),
    )
    write_atomic("out.txt", "new")

    assert sizes == [3]
    assert stat.S_IMODE(Path("out.txt").stat().st_mode) == 0o2775


def test_writing_through_a_link_replaces_its_target(here: Path) -> None:
    Path("link.txt").symlink_to("out.txt")
    write_atomic("link.txt", "new")

    assert Path("link.txt").is_symlink()
    assert Path("out.txt").read_text("utf-8") == "new"


@pytest.mark.parametrize(
    "failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()]
)
def test_any_failure_leaves_the_old_file_and_no_temporary_one(
    here: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    def fail(_handle: int) -> None:
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError if isinstance(failure, OSError) else KeyboardInterrupt) as e:
        write_atomic("out.txt", "new")

    if isinstance(failure, OSError):
        assert str(e.value) == "out.txt: cannot be written (No space left on device)"
    assert Path("out.txt").read_text("utf-8") == OLD
    assert temporary_files(here) == []


def test_the_library_refuses_the_same(here: Path) -> None:
    def reads(target: Path) -> Path | None:
        return would_read(target, "ds")

    with pytest.raises(OutputError, match=r"^ds/kainuu/funding\.csv: is a file this command"):
        write_atomic("ds/kainuu/funding.csv", "x", reads=reads)
    with pytest.raises(OutputError, match=r"^/dev/null: is a device"):
        write_atomic("/dev/null", "x")
    write_atomic("ds/kainuu/funding.csv", "x")  # without reads, only the kind is checked


# -- real signals to a real process -----------------------------------------------------------


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collection large enough (about 3.5 MB of JSON) that its output is being written for
    long enough to be caught in the act."""
    generate = runpy.run_path(str(ROOT / "benchmarks" / "generate.py"))["generate"]
    folder = tmp_path_factory.mktemp("national") / "collection"
    generate(folder, scale=0.3, seed=2025)
    return folder


def _default_signals() -> None:
    """In the child: the signals at their defaults, as in a terminal, whatever the test runner
    inherited (a shell runs background jobs with SIGINT ignored, and fundgap keeps that)."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def _run_and_signal(
    collection: Path,
    target: Path,
    number: int,
    *,
    ignored: bool = False,
    then: int | None = None,
    options: tuple[str, ...] = (),
) -> tuple[int, str, bool]:
    """Run ``fundgap gaps`` into ``target`` and send ``number`` (and at once ``then``) as soon
    as its temporary file appears; its exit status, stderr, and whether the signal was sent.
    A busy machine may miss the moment: then the run is tried again, on the same old file."""
    old = target.read_bytes() if target.exists() else None
    for _ in range(5):
        if old is not None:
            target.write_bytes(old)
        code, stderr, sent = _run_once(
            collection, target, number, ignored=ignored, then=then, options=options
        )
        if sent:
            break
    return code, stderr, sent


def _run_once(
    collection: Path,
    target: Path,
    number: int,
    *,
    ignored: bool,
    then: int | None,
    options: tuple[str, ...] = (),
) -> tuple[int, str, bool]:
    def prepare() -> None:
        _default_signals()
        if ignored:
            signal.signal(number, signal.SIG_IGN)

    command = [sys.executable, "-m", "fundgap", "gaps", str(collection), "--format", "json"]
    process = subprocess.Popen(
        [*command, *AS_OF, *options, "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=prepare,  # noqa: PLW1509 (it only sets signal dispositions)
        cwd=ROOT,
    )
    sent = False
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if any(path.suffix == ".tmp" for path in target.parent.iterdir()):
            process.send_signal(number)
            if then is not None:
                process.send_signal(then)
            sent = True
            break
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr, sent


@pytest.mark.parametrize(
    ("number", "status", "line"),
    [
        (signal.SIGINT, 130, "fundgap: interrupted\n"),
        (signal.SIGTERM, 143, "fundgap: terminated\n"),
        (signal.SIGHUP, 129, "fundgap: hung up\n"),
    ],
)
def test_a_signal_while_writing_leaves_the_old_file_and_no_temporary_one(
    national: Path, tmp_path: Path, number: int, status: int, line: str
) -> None:
    target = tmp_path / "gaps.json"
    kept = False
    for _ in range(5):  # the signal may, rarely, come just after the rename
        target.write_text(OLD, "utf-8")
        code, stderr, sent = _run_and_signal(national, target, number)

        assert sent, "the temporary file never appeared"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.json"]
        text = target.read_text("utf-8")
        kept = text == OLD
        if kept:
            assert (code, stderr) == (status, line)
            break
        # too late: the new file is whole, and the run ended as the signal said or, once the
        # command was done, as if it had not come; never with a traceback
        assert json.loads(text)["schema"]
        assert (code, stderr) in ((status, line), (0, "")), stderr
    assert kept


@pytest.mark.parametrize(
    ("language", "line"), [("fi", "fundgap: lopetettu\n"), ("sv", "fundgap: avslutad\n")]
)
def test_the_line_a_signal_prints_is_in_the_language_of_the_run(
    national: Path, tmp_path: Path, language: str, line: str
) -> None:
    target = tmp_path / "gaps.json"
    for _ in range(5):  # the signal may, rarely, come after the work was done
        target.write_text(OLD, "utf-8")
        code, stderr, sent = _run_and_signal(
            national, target, signal.SIGTERM, options=("--lang", language)
        )
        assert sent
        if target.read_text("utf-8") == OLD:
            assert (code, stderr) == (143, line)
            return
    pytest.fail("the signal never came in time")


def test_a_second_signal_on_the_heels_of_the_first_says_nothing_more(
    national: Path, tmp_path: Path
) -> None:
    """Ctrl-C, then SIGTERM before the first was handled: Python complained of the second
    ("Signal 15 ignored due to race condition") with a traceback."""
    target = tmp_path / "gaps.json"
    target.write_text(OLD, "utf-8")
    code, stderr, sent = _run_and_signal(national, target, signal.SIGINT, then=signal.SIGTERM)

    assert sent
    assert (code, stderr) == (130, "fundgap: interrupted\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.json"]


def test_a_signal_ignored_at_start_stays_ignored(national: Path, tmp_path: Path) -> None:
    """``nohup fundgap …`` must survive its terminal closing."""
    target = tmp_path / "gaps.json"
    code, stderr, sent = _run_and_signal(national, target, signal.SIGHUP, ignored=True)

    assert sent
    assert (code, stderr) == (0, "")
    assert json.loads(target.read_text("utf-8"))["rows"]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fi", "fundgap: virhe: {path}: on kansio; anna tiedoston nimi"),
        ("sv", "fundgap: fel: {path}: är en mapp; ange ett filnamn"),
        ("en", "fundgap: error: {path}: is a folder; give a file name"),
    ],
)
def test_an_output_refused_is_said_in_the_language_of_the_run(
    tmp_path: Path, language: str, line: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = CliRunner().invoke(
        cli, ["gaps", str(example_path()), "--lang", language, "-o", str(folder)]
    )
    assert result.exit_code == 2
    assert result.stderr == line.format(path=folder) + "\n"


def test_a_bad_day_is_said_in_the_language_of_the_run() -> None:
    result = CliRunner().invoke(cli, ["gaps", "--as-of", "31.13.2025", "--lang", "fi"])
    assert result.exit_code == 2
    assert (
        "'31.13.2025' ei ole kelvollinen päivämäärä (esim. 31.12.2025 tai 2025-12-31)"
        in result.stderr
    )
