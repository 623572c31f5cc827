"""Loading a dataset folder, or a collection of them, into a checked :class:`Dataset`.

Loading never writes. Every problem in the files is collected and raised together in one
:class:`~fundgap.errors.DatasetError`, each with its file, line, key path and what was expected.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from fundgap._gc import collector_paused
from fundgap.drafts import DraftAgreement
from fundgap.errors import DatasetError, Location, Problem, UsageError
from fundgap.i18n.message import message
from fundgap.loading._funding_csv import repeated_decisions
from fundgap.loading._reading import (
    AGREEMENT_FILES,
    FUNDING_FILES,
    MANIFEST,
    SERVICES_FILES,
    Part,
    printable,
    read_agreement_file,
    read_part,
    shown_path,
)
from fundgap.loading._reads import would_read
from fundgap.loading._resolving import Resolver
from fundgap.loading._text import FOLDER, broken_link, kind_of, unreadable
from fundgap.model import Agreement, Dataset, DatasetPart, FundingDecision
from fundgap.registry import Registry, load_registry

_DATASET_FILES = tuple(
    name
    for source in (SERVICES_FILES, AGREEMENT_FILES, FUNDING_FILES)
    for name in (source.single, source.subfolder)
    if name
)
"""What a dataset folder holds besides its manifest, from the same table loading reads."""

__all__ = [
    "MANIFEST",
    "example_path",
    "is_dataset",
    "load",
    "load_draft",
    "locate",
    "read_draft",
    "would_read",
]


def is_dataset(folder: Path) -> bool:
    """Whether ``folder`` holds anything named ``fundgap.toml``: a manifest that is a folder,
    a FIFO or a broken link is reported when it is read, not taken for no dataset at all."""
    return os.path.lexists(folder / MANIFEST)


def _dataset_folders(folder: Path) -> list[Path]:
    """The datasets of a collection: its subfolders that hold a manifest."""
    if not folder.is_dir():
        return []
    return [p for p in _entries(folder) if p.is_dir() and is_dataset(p)]


def _entries(folder: Path) -> list[Path]:
    """What a collection folder holds, in name order; a UsageError if it cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError as error:
        raise UsageError(
            message("{folder}: {problem}", folder=str(folder), problem=unreadable(error))
        ) from None


def example_path() -> Path:
    """The example collection shipped with fundgap (in a source checkout: ``agreements/``)."""
    shipped = Path(str(resources.files("fundgap"))) / "examples"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "agreements"


def locate(path: str | os.PathLike[str] | None = None) -> Path:
    """The dataset or collection to use: ``path`` if given; else the current folder if it holds
    ``fundgap.toml``; else ``./agreements/``; else the shipped example collection. Raises
    UsageError when ``path`` is empty, missing or no folder."""
    if path is not None:
        if not os.fspath(path):  # Path("") is the current folder: a variable left empty
            raise UsageError(
                message("the dataset folder's name is empty; give a folder or leave it out")
            )
        chosen = Path(path)
        kind = kind_of(chosen)
        if kind is None:
            raise UsageError(message("{folder}: no such folder", folder=str(chosen)))
        if kind != FOLDER:
            raise UsageError(
                message(
                    "{path}: is {kind}; give the folder that holds {manifest}",
                    path=str(chosen),
                    kind=kind,
                    manifest=MANIFEST,
                )
            )
        return chosen
    here = Path()
    if is_dataset(here):
        return here
    local = here / "agreements"
    if is_dataset(local) or _dataset_folders(local):
        return local
    return example_path()


def load(
    path: str | os.PathLike[str] | None = None, *, registry: Registry | None = None
) -> Dataset:
    """Load the dataset or collection at ``path`` (see :func:`locate` for the default).

    Raises DatasetError with every problem found, or UsageError when ``path`` is neither a
    dataset nor a collection.
    """
    with collector_paused():
        return _load(locate(path), path, registry or load_registry())


def _load(folder: Path, path: str | os.PathLike[str] | None, registry: Registry) -> Dataset:
    base = Path.cwd()
    shown = (
        shown_path(folder.absolute(), base) if path is not None else _shown_default(folder, base)
    )
    problems: list[Problem] = []
    if is_dataset(folder):
        parts = [read_part(folder, shown, problems)]
    else:
        subfolders = _dataset_folders(folder)
        if not subfolders:
            raise UsageError(
                message(
                    "{folder}: is not a dataset (it has no {manifest}) nor a collection (none of "
                    "its subfolders has one)",
                    folder=shown,
                    manifest=MANIFEST,
                )
            )
        subfolders = _once_each(subfolders, shown, problems)
        parts = [read_part(sub, f"{shown}/{printable(sub.name)}", problems) for sub in subfolders]
        problems += _headless_datasets(folder, shown)
    resolver = Resolver(registry, problems)
    funding = resolver.resolve(parts)
    problems += repeated_decisions(funding)
    if problems:
        raise DatasetError(problems)
    return _dataset(folder, parts, resolver, tuple(funding), is_dataset(folder))


def load_draft(path: str | os.PathLike[str], dataset: Dataset) -> Agreement:
    """The agreement in the TOML file ``path``, checked against ``dataset`` (its services,
    categories and agreements), to take as signed in a what-if analysis.

    A file that is itself in the dataset (e.g. a draft) gives that agreement again. Raises
    DatasetError with every problem found, UsageError when ``path`` is empty or missing.
    """
    if not os.fspath(path):
        raise UsageError(message("the draft's file name is empty; give an agreement file"))
    file = Path(path)
    if not os.path.lexists(file):
        raise UsageError(message("{file}: no such agreement file", file=str(file)))
    shown = shown_path(file.absolute(), Path.cwd())
    problems: list[Problem] = []
    part = read_agreement_file(file, shown, problems)
    resolver = Resolver(
        dataset.registry,
        problems,
        categories=dataset.categories,
        organisations=dict(dataset.organisations),
        services=dict(dataset.services),
        agreements=dict(dataset.agreements),
    )
    resolver.resolve_agreements([part])
    if problems:
        raise DatasetError(problems, subject="the draft")
    return resolver.agreements[part.agreements[0].agreement.doc.id]


def read_draft(
    path: str | os.PathLike[str], dataset: Dataset | None = None, registry: Registry | None = None
) -> tuple[DraftAgreement, tuple[Problem, ...]]:
    """The agreement in the TOML file ``path`` read leniently (SPEC §6), with every problem
    found in it, each tagged with the code of its draft rule: checked against ``dataset``
    (its categories, services and agreements) where given, else against the built-in
    categories, with services and replaced agreements left unchecked.

    Raises UsageError when ``path`` is empty or missing, and DatasetError when the file is
    not an agreement at all: not TOML, not readable, or with neither a county nor
    municipalities.
    """
    if not os.fspath(path):
        raise UsageError(message("the draft's file name is empty; give an agreement file"))
    file = Path(path)
    if not os.path.lexists(file):
        raise UsageError(message("{file}: no such agreement file", file=str(file)))
    shown = shown_path(file.absolute(), Path.cwd())
    problems: list[Problem] = []
    with collector_paused():
        part = read_agreement_file(file, shown, problems)
        head = part.agreements[0].agreement if part.agreements else None
        if head is None or (not head.known("county") and not head.known("municipalities")):
            raise DatasetError(
                problems or [Problem(Location(shown), message("is not an agreement"), None)],
                subject="the draft",
            )
        if dataset is None:
            resolver = Resolver(registry or load_registry(), problems)
            resolver.unreadable |= {"services", "agreements"}
        else:
            resolver = Resolver(
                dataset.registry,
                problems,
                categories=dataset.categories,
                organisations=dict(dataset.organisations),
                services=dict(dataset.services),
                agreements=dict(dataset.agreements),
            )
        draft = resolver.read_draft(part)
    return draft, tuple(problems)


def _headless_datasets(folder: Path, shown: str) -> list[Problem]:
    """Subfolders of a collection that hold dataset files but no manifest, and symbolic links
    that lead nowhere (a linked dataset moved away): without this they would be skipped in
    silence, and a whole region would be missing from the analysis."""
    problems = []
    for sub in _entries(folder):
        where = Location(f"{shown}/{printable(sub.name)}")
        if (link := broken_link(sub)) is not None:
            problems.append(
                Problem(where, message("is {kind}", kind=link), message("a dataset folder"))
            )
        if not sub.is_dir() or is_dataset(sub):
            continue
        found = [n for n in _DATASET_FILES if os.path.lexists(sub / n)]
        if found:
            problems.append(
                Problem(
                    where,
                    message(
                        "holds {files} but no {manifest}, so it would not be loaded",
                        files=", ".join(found),
                        manifest=MANIFEST,
                    ),
                    message('a {manifest} with at least name = "…"', manifest=MANIFEST),
                )
            )
    return problems


def _once_each(subfolders: list[Path], shown: str, problems: list[Problem]) -> list[Path]:
    """The datasets of a collection, each folder once: a second name for one (a symbolic
    link) is one problem, not a "defined twice" for every id the dataset holds."""
    first: dict[tuple[int, int], Path] = {}
    for sub in sorted(subfolders, key=lambda sub: sub.is_symlink()):  # the folder itself first
        found = sub.stat()
        earlier = first.setdefault((found.st_dev, found.st_ino), sub)
        if earlier is not sub:
            problems.append(
                Problem(
                    Location(f"{shown}/{printable(sub.name)}"),
                    message(
                        "is the dataset {dataset} again (a link to the same folder), so every id "
                        "in it would be defined twice",
                        dataset=printable(earlier.name),
                    ),
                    message("each dataset once in a collection"),
                )
            )
    kept = set(first.values())
    return [sub for sub in subfolders if sub in kept]


def _shown_default(folder: Path, base: Path) -> str:
    if folder == example_path():
        return "<examples>"
    return shown_path(folder.absolute(), base) or "."


def _dataset(
    folder: Path,
    parts: list[Part],
    resolver: Resolver,
    funding: tuple[FundingDecision, ...],
    single: bool,
) -> Dataset:
    manifests = [p.manifest.doc for p in parts if p.manifest is not None]
    years = {m.default_year for m in manifests if m.default_year is not None}
    if single and manifests:
        name, description = manifests[0].name, manifests[0].description
    else:
        name = ", ".join(m.name for m in manifests)
        description = f"a collection of {len(manifests)} datasets"
    return Dataset(
        name=name,
        description=description,
        default_year=max(years) if years else None,
        registry=resolver.registry,
        categories=resolver.categories,
        organisations=resolver.organisations,
        services=resolver.services,
        agreements=resolver.agreements,
        funding=funding,
        root=str(folder),
        parts=tuple(m.name for m in manifests),
        part_funding=tuple(_part_funding(part, funding) for part in parts),
    )


def _part_funding(part: Part, funding: tuple[FundingDecision, ...]) -> DatasetPart:
    """One dataset of a collection: its services, and the years for which any file of the
    collection records a decision for them."""
    name = part.manifest.doc.name if part.manifest is not None else part.root
    return DatasetPart.of(name, (record.doc.id for record in part.services), funding)
