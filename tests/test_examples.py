"""The shipped example collection is what issue 2 promises: real places, every category, and
funding files as Finnish Excel writes them."""

from __future__ import annotations

import pytest

import fundgap
from fundgap.categories import BUILTIN_CATEGORIES
from fundgap.loading import example_path
from fundgap.model import AgreementStatus, Dataset, FunderKind


@pytest.fixture(scope="module")
def examples() -> Dataset:
    return fundgap.load(example_path())


def test_four_regions_and_helsinki(examples: Dataset) -> None:
    counties = {a.county.value for a in examples.agreements.values()}
    assert counties == {"03", "08", "20"}
    assert any("091" in {c.value for c in s.municipalities} for s in examples.services.values())
    assert len(examples.parts) == 4


def test_size_and_spread(examples: Dataset) -> None:
    assert len(examples.services) >= 40
    assert {s.category for s in examples.services.values()} >= {c.key for c in BUILTIN_CATEGORIES}
    municipalities = {m for s in examples.services.values() for m in s.municipalities}
    assert len(municipalities) >= 15


def test_agreements_cover_every_situation(examples: Dataset) -> None:
    agreements = examples.agreements.values()
    assert {a.status for a in agreements} == set(AgreementStatus)
    assert any(a.replaces for a in agreements)
    years = {y for a in agreements for y in a.validity.years()}
    assert years >= {2023, 2024, 2025, 2026}
    assert any(c.total_share != 100 for a in agreements for c in a.clauses), (
        "some shares must not add up"
    )


def test_every_kind_of_funder(examples: Dataset) -> None:
    assert {d.funder.kind for d in examples.funding} == set(FunderKind)


def test_organisations_are_fictional_and_valid(examples: Dataset) -> None:
    assert all(o.business_id for o in examples.organisations.values())
    assert "fictional" in (example_path() / "README.md").read_text(encoding="utf-8")


def test_funding_files_are_in_the_finnish_excel_dialect() -> None:
    for path in sorted(example_path().glob("*/funding.csv")):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), f"{path} has a BOM"
        assert b"\r\n" in data, f"{path} has CRLF line ends"
        assert data.splitlines()[0].count(b";") == 6, f"{path} uses ;"
        assert "\u00a0" in data.decode("utf-8") or " €" in data.decode("utf-8")


def test_every_status_and_flag_occurs_in_the_default_year(examples: Dataset) -> None:
    """Issue 3: the shipped example shows every situation the engine can find."""
    from datetime import date

    from fundgap.analysis import Flag, FundingStatus, ResponsibilityStatus

    report = fundgap.analyse(examples, as_of=date(2026, 11, 28))
    assert report.year == 2026
    assert {r.responsibility_status for r in report.rows} == set(ResponsibilityStatus)
    assert {r.funding_status for r in report.rows} == set(FundingStatus)
    assert {f for r in report.rows for f in r.flags} == set(Flag)
    assert report.missing_agreements
