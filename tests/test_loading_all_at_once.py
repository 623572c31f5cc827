"""Every problem of a record in one run: a value of the wrong type in one key hides nothing else.

The reader reports a key whose value has the wrong type and keeps the record with a stand-in
there; the resolver checks the record's other keys (and clauses) as usual. Nothing is reported
twice, and nothing that only the stand-in would cause (SPEC §4: "All errors of a load are
reported at once").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, problems_of

MUNICIPALITY = "a municipality's Finnish or Swedish name, or its 3-digit code"
CATEGORY_KEY = "a category key from docs/format.md or categories.toml"

# -- the tester's report -----------------------------------------------------------------------

TESTER_SERVICES = """
[[organisations]]
id = "kaisla-ry"
name = ""
business_id = "1234567-2"

[[services]]
id = "kaisla-kohtaamispaikka"
name = "dup"
organisation = "kaisla-ry"
category = "meeting_place"
municipalities = ["Tamepre"]
annual_cost = "lots"
"""
TESTER_AGREEMENT = """\
id = "pirha-tampere-nokia-2024"
title = "Kopio"
status = "signed"
county = "Pirkanmaa"
municipalities = ["Tampere", "Tamepre"]
valid_from = 2024-01-01
notice_months = "six"

[[clauses]]
id = "K1"
categories = ["meeting_plac"]
county_share = 50
municipality_share = 50
"""


def case_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    """A copy of the engine-funding-in-year case with ``files`` appended to or added."""
    root = tmp_path / "case"
    shutil.copytree(FIXTURES / "cases" / "engine-funding-in-year", root)
    for name, text in files.items():
        with (root / name).open("a", encoding="utf-8") as file:
            file.write(text)
    monkeypatch.chdir(tmp_path)
    return Path("case")


def found(root: Path) -> list[tuple[str, int | None, str, str, str]]:
    return [
        (p.location.file, p.location.line, p.location.path, p.message, p.expected)
        for p in problems_of(root)
    ]


def test_a_duplicated_organisation_and_service_with_type_errors_report_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The empty name and the cost in words used to hide the other four until a second run."""
    root = case_with(tmp_path, monkeypatch, {"services.toml": TESTER_SERVICES})

    assert found(root) == [
        ("case/services.toml", 29, "organisations[2].id",
         "organisation id 'kaisla-ry' is already used at case/services.toml:2",
         "an organisation id used only once in the whole dataset"),
        ("case/services.toml", 30, "organisations[2].name", "is empty", "text in quotes"),
        ("case/services.toml", 31, "organisations[2].business_id",
         "'1234567-2': check digit is 2, but the first seven digits give 1",
         "a valid Y-tunnus such as 2077474-0 (seven digits, a hyphen, the check digit)"),
        ("case/services.toml", 34, "services[2].id",
         "service id 'kaisla-kohtaamispaikka' is already used at case/services.toml:10",
         "a service id used only once in the whole dataset"),
        ("case/services.toml", 38, "services[2].municipalities[0]",
         "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY),
        ("case/services.toml", 39, "services[2].annual_cost",
         "is text 'lots' (write numbers without quotes)",
         "a number without quotes, e.g. 150000 or 12.5"),
    ]  # fmt: skip


def test_a_duplicated_agreement_with_a_type_error_reports_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """notice_months in words used to hide the id, the municipality and the clause's category."""
    root = case_with(tmp_path, monkeypatch, {"agreements/z-copy.toml": TESTER_AGREEMENT})

    assert found(root) == [
        ("case/agreements/z-copy.toml", 1, "id",
         "agreement id 'pirha-tampere-nokia-2024' is already used at "
         "case/agreements/pirha-tampere-nokia.toml:1",
         "an agreement id used only once in the whole dataset"),
        ("case/agreements/z-copy.toml", 5, "municipalities[1]",
         "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY),
        ("case/agreements/z-copy.toml", 7, "notice_months", "is text 'six'",
         "a whole number without quotes, e.g. 6"),
        ("case/agreements/z-copy.toml", 11, "clauses[0].categories[0]",
         "unknown category 'meeting_plac' (did you mean 'meeting_place'?)", CATEGORY_KEY),
    ]  # fmt: skip
