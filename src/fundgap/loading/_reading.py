"""Reading the files of one dataset folder into typed records that remember where they stand.

Nothing here consults the registry or checks references: that is ``_resolving``. Each record
keeps its file and key path, so any later problem can be reported at its line.

A record with a value of the wrong type, a missing key or an unknown key is reported and kept
all the same, with a stand-in for each value that had a problem (see ``_documents.salvage``), so
that the resolver checks its other keys in the same run. Such a record is never built into the
model; the key paths of its stand-ins are kept, and nothing found there is reported again.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from fundgap.errors import Location, Problem
from fundgap.i18n.message import Message, message
from fundgap.loading._documents import (
    AgreementDoc,
    CategoryDoc,
    ClauseDoc,
    ManifestDoc,
    OrganisationDoc,
    ServiceDoc,
    salvage,
    structure,
)
from fundgap.loading._funding_csv import FundingRow, column_at, read_funding_csv
from fundgap.loading._text import FOLDER, kind_of, read_text, unreadable
from fundgap.loading._toml import LineIndex, key_on_line, key_path, parse_toml
from fundgap.loading._toml import Path as KeyPath

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

MANIFEST = "fundgap.toml"
# What each folder of a dataset holds, for a message about one that is no folder.
_FOLDERS = {
    "services": message(
        "a folder of *.toml files (a single file of services is named services.toml)"
    ),
    "agreements": message("a folder of *.toml files, one agreement each"),
    "funding": message(
        "a folder of *.csv files (a single file of funding decisions is named funding.csv)"
    ),
}


@attrs.frozen
class Source:
    """Where a dataset folder holds one kind of file: a single file, the files of a subfolder
    whose names match ``pattern``, or both.

    :func:`read_part` reads exactly what :data:`SOURCES` lists, and
    :func:`fundgap.loading.would_read` asks the same table, so what ``--output`` refuses to
    write cannot drift from what loading reads.
    """

    single: str | None
    subfolder: str | None = None
    pattern: str = "*.toml"

    def places(self, folder: Path) -> list[tuple[Path, str]]:
        """Each folder where this kind of file is read, with the pattern of the names read
        there (a single file's name is a pattern that matches only itself); the subfolder's
        own name is one too, since anything by that name is read as the subfolder."""
        found = [(folder, self.single)] if self.single else []
        if self.subfolder:
            found += [(folder, self.subfolder), (folder / self.subfolder, self.pattern)]
        return found


_NOT_DATA = (".", "~$")
"""How the names of files that no person saved as data start: hidden files, among them
Emacs's lock links (``.#x.toml``), vim's swap files and the ``._x.toml`` of macOS on a shared
drive or in a zip; and the owner files of Microsoft Office (``~$x.csv``)."""


def name_matches(name: str, pattern: str) -> bool:
    """Whether a file called ``name`` is read where ``pattern`` is, whatever its case: a
    dataset moves between file systems (git, a zip, a shared drive), and on a case-insensitive
    one ``FUNDING.CSV`` is read as ``funding.csv``, so it is read so everywhere. A name that
    starts like an editor's or the system's own file (:data:`_NOT_DATA`) matches no pattern
    that does not start so too, as in a shell."""
    if name.startswith(_NOT_DATA) and not pattern.startswith(_NOT_DATA):
        return False
    return fnmatchcase(name.casefold(), pattern.casefold())


MANIFEST_FILE = Source(MANIFEST)
CATEGORIES_FILE = Source("categories.toml")
SERVICES_FILES = Source("services.toml", "services")
AGREEMENT_FILES = Source(None, "agreements")
FUNDING_FILES = Source("funding.csv", "funding", "*.csv")
SOURCES = (MANIFEST_FILE, CATEGORIES_FILE, SERVICES_FILES, AGREEMENT_FILES, FUNDING_FILES)


@attrs.frozen
class SourceFile:
    """A parsed TOML file: the name shown to the user and its line index."""

    shown: str
    index: LineIndex

    def at(self, path: KeyPath) -> Location:
        return Location(self.shown, self.index.line(path), key_path(path))


@attrs.frozen
class Record(Generic[T_co]):
    """A structured document with the file and key path it came from."""

    doc: T_co
    file: SourceFile
    path: KeyPath = ()
    # the keys that hold a stand-in for a value with a problem (already reported): a record
    # with any is checked, but never built
    failed: frozenset[str] = frozenset()

    def at(self, *keys: str | int) -> Location:
        return self.file.at((*self.path, *keys))

    def known(self, *keys: str) -> bool:
        """Whether all these keys hold the values written (none of them a stand-in)."""
        return not self.failed or self.failed.isdisjoint(keys)


@attrs.frozen
class AgreementRecord:
    agreement: Record[AgreementDoc]
    clauses: list[Record[ClauseDoc]]
    broken: bool  # the agreement or a clause has a problem already reported by the reader


@attrs.define
class Part:
    """Everything read from one dataset folder."""

    root: str
    manifest: Record[ManifestDoc] | None = None
    categories: list[Record[CategoryDoc]] = attrs.Factory(list)
    organisations: list[Record[OrganisationDoc]] = attrs.Factory(list)
    services: list[Record[ServiceDoc]] = attrs.Factory(list)
    agreements: list[AgreementRecord] = attrs.Factory(list)
    funding: list[FundingRow] = attrs.Factory(list)
    broken_ids: set[str] = attrs.Factory(set)  # ids of records with stand-ins
    # (file, key path) of every stand-in: what the resolver finds there is not reported
    stand_ins: set[tuple[str, str]] = attrs.Factory(set)
    # kinds of record ("services", "categories", …) some of which may be missing because a
    # file or record could not be read: references to them are not reported as unknown
    unreadable: set[str] = attrs.Factory(set)


def shown_path(path: Path, base: Path | None) -> str:
    """A path as the user should see it: relative to ``base`` when inside it."""
    if base is not None:
        try:
            return printable(path.relative_to(base).as_posix())
        except ValueError:
            pass
    return printable(path.as_posix())


def printable(name: str) -> str:
    """A file name as text that can be printed and written in UTF-8. Python keeps each byte of
    a name that is not UTF-8 as a lone surrogate, which no UTF-8 output accepts: such a byte is
    shown as ``\\xff``, as ``ls -b`` shows it."""
    if name.isascii():
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate of the name itself, as Windows allows
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def read_part(folder: Path, shown: str, problems: list[Problem]) -> Part:
    """Read one dataset folder; every problem found is appended to ``problems``."""
    part = Part(shown)
    reader = _Reader(folder, shown, problems, part)
    for manifest in reader.tomls(MANIFEST_FILE, ()):
        part.manifest = reader.single(manifest, ManifestDoc)
    for categories in reader.tomls(CATEGORIES_FILE, ("categories",)):
        part.categories = reader.many(categories, "categories", CategoryDoc)
        reader.only_keys(categories, ("categories",))
    for services in reader.tomls(SERVICES_FILES, ("organisations", "services")):
        part.organisations += reader.many(services, "organisations", OrganisationDoc)
        part.services += reader.many(services, "services", ServiceDoc)
        reader.only_keys(services, ("organisations", "services"))
    for agreement in reader.tomls(AGREEMENT_FILES, ("agreements",)):
        reader.agreement(agreement)
    for name in reader.files(FUNDING_FILES, ()):
        shown_file = f"{shown}/{printable(name)}"
        text = read_text(folder / name, shown_file, column_at)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        rows, header_problems = read_funding_csv(text, shown_file)
        part.funding += rows
        problems += header_problems
    return part


def read_agreement_file(path: Path, shown: str, problems: list[Problem]) -> Part:
    """Read a single agreement file (a draft for a what-if) into a part of its own."""
    part = Part(shown)
    shown_folder = shown.rsplit("/", 1)[0] if "/" in shown else "."
    reader = _Reader(path.parent, shown_folder, problems, part)
    parsed = reader.toml(path.name, ("agreements",))
    if parsed is not None:
        file, document = parsed
        reader.agreement((attrs.evolve(file, shown=shown), document))
    return part


def _names_in(folder: Path) -> list[str]:
    """The names in ``folder``; none if it cannot be listed (then its files cannot be read)."""
    try:
        return [entry.name for entry in folder.iterdir()]
    except OSError:
        return []


@attrs.frozen
class _Reader:
    folder: Path
    shown: str
    problems: list[Problem]
    part: Part

    def files(self, source: Source, kinds: tuple[str, ...]) -> list[str]:
        """The data files of ``source`` to read: its single file if anything has that name, and
        the names in its subfolder that match its pattern (see :func:`name_matches`), whatever
        they are; reading reports one that is not a file. Each name is found in any case
        (``Funding.csv``, ``Funding/``), as a disk that ignores case finds it. A subfolder that
        is no folder is reported here, and the ``kinds`` of record it would hold may be
        incomplete."""
        names = self._named(source.single, kinds) if source.single else []
        subfolder = self._named(source.subfolder, kinds) if source.subfolder else []
        if not subfolder:
            return names
        folder = self.folder / subfolder[0]
        kind = kind_of(folder)
        if kind == FOLDER:
            try:
                found = [entry.name for entry in folder.iterdir()]
            except OSError as error:
                self._unreadable(subfolder[0], unreadable(error), kinds)
                return names
            matching = [name for name in found if name_matches(name, source.pattern)]
            names += [f"{subfolder[0]}/{name}" for name in sorted(matching)]
        elif kind is not None:
            self._unreadable(subfolder[0], message("is {kind}, not a folder", kind=kind), kinds)
        return names

    def _named(self, name: str, kinds: tuple[str, ...]) -> list[str]:
        """What in the dataset folder is called ``name``, in this case or another: none, or
        one. Two whose names differ only in case are a problem: a disk that ignores case
        (Windows, macOS) holds only one of them, so the dataset would read differently there."""
        exact = {name} if os.path.lexists(self.folder / name) else set()
        found = sorted(
            exact | {other for other in _names_in(self.folder) if name_matches(other, name)},
            key=lambda other: (other != name, other),
        )
        for other in found[1:]:
            self.problems.append(
                Problem(
                    Location(f"{self.shown}/{printable(other)}"),
                    message(
                        "has the name of {other} in another case, and a disk that ignores case "
                        "(Windows, macOS) holds only one of them",
                        other=printable(found[0]),
                    ),
                    message("one {name}: merge the two", name=name),
                )
            )
            self.part.unreadable.update(kinds)
        return found[:1]

    def _unreadable(self, name: str, words: Message, kinds: tuple[str, ...]) -> None:
        expected = _FOLDERS[name.casefold()]
        self.problems.append(Problem(Location(f"{self.shown}/{name}"), words, expected))
        self.part.unreadable.update(kinds)

    def tomls(
        self, source: Source, kinds: tuple[str, ...]
    ) -> list[tuple[SourceFile, dict[str, Any]]]:
        found = []
        for name in self.files(source, kinds):
            if (parsed := self.toml(name, kinds)) is not None:
                found.append(parsed)
        return found

    def toml(self, name: str, kinds: tuple[str, ...]) -> tuple[SourceFile, dict[str, Any]] | None:
        """The parsed file, or None: then the ``kinds`` of record it holds may be incomplete.
        Nothing by that name is None without a problem; anything else that cannot be read,
        a folder or a FIFO as much as a syntax error, is reported."""
        path = self.folder / name
        if not os.path.lexists(path):
            return None
        shown = f"{self.shown}/{printable(name)}"
        text = read_text(path, shown, key_on_line)
        parsed = text if isinstance(text, Problem) else parse_toml(text, shown)
        if isinstance(parsed, Problem):
            self.problems.append(parsed)
            self.part.unreadable.update(kinds)
            return None
        document, index = parsed
        return SourceFile(shown, index), document

    def single(
        self, parsed: tuple[SourceFile, dict[str, Any]], doc_type: type[T]
    ) -> Record[T] | None:
        file, document = parsed
        return self._structured(file, document, doc_type, ())

    def many(
        self, parsed: tuple[SourceFile, dict[str, Any]], key: str, doc_type: type[T]
    ) -> list[Record[T]]:
        file, document = parsed
        items = document.get(key, [])
        if not isinstance(items, list):
            self.problems.append(
                Problem(
                    file.at((key,)),
                    message("is not a list of tables"),
                    message("tables written as [[{key}]]", key=key),
                )
            )
            return []
        records = []
        for index, raw in enumerate(items):
            if (record := self._structured(file, raw, doc_type, (key, index))) is not None:
                records.append(record)
        return records

    def only_keys(
        self, parsed: tuple[SourceFile, dict[str, Any]], allowed: tuple[str, ...]
    ) -> None:
        file, document = parsed
        for key in sorted(set(document) - set(allowed)):
            self.problems.append(
                Problem(
                    file.at((key,)),
                    message("is not a known key here"),
                    message("only {keys}", keys=", ".join(allowed)),
                )
            )

    def agreement(self, parsed: tuple[SourceFile, dict[str, Any]]) -> None:
        file, document = parsed
        record = self._structured(file, document, AgreementDoc, ())
        if record is None:
            return
        clauses = [
            clause
            for index, raw in enumerate(record.doc.clauses)
            if (clause := self._structured(file, raw, ClauseDoc, ("clauses", index))) is not None
        ]
        broken = (
            bool(record.failed)
            or len(clauses) < len(record.doc.clauses)
            or any(clause.failed for clause in clauses)
        )
        self.part.agreements.append(AgreementRecord(record, clauses, broken))

    def _structured(
        self, file: SourceFile, raw: object, doc_type: type[T], path: KeyPath
    ) -> Record[T] | None:
        result = structure(raw, doc_type, path)
        if not isinstance(result, list):
            return Record(result, file, path)
        for where, words, expected in result:
            self.problems.append(Problem(file.at(where), words, expected))
        kind, id_key = _KINDS.get(doc_type, (None, ""))
        if not isinstance(raw, dict):
            if kind is not None:
                self.part.unreadable.add(kind)
            return None
        doc, stand_ins = salvage(raw, doc_type, path, result)
        self.part.stand_ins.update((file.shown, key_path(where)) for where in stand_ins)
        failed = frozenset(
            str(where[len(path)])
            for where in (*stand_ins, *(where for where, _, _ in result))
            if len(where) > len(path)
        )
        if kind is not None:
            # a record that is not built: a reference to it is not reported as unknown too;
            # without its id, no reference to its kind is
            if id_key in failed:
                self.part.unreadable.add(kind)
            else:
                self.part.broken_ids.add(getattr(doc, id_key))
        return Record(doc, file, path, failed)


# The kinds of record referred to by id elsewhere, and the key of their id.
_KINDS: dict[type, tuple[str, str]] = {
    OrganisationDoc: ("organisations", "id"),
    ServiceDoc: ("services", "id"),
    AgreementDoc: ("agreements", "id"),
    CategoryDoc: ("categories", "key"),
}
