"""The JSON outputs validate against the contracts shipped in the package
(``fundgap/data/gaps-1.schema.json`` and ``aggregates-1.schema.json``, documented in
docs/json.md)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import fundgap
from fundgap.analysis.selection import GROUPINGS
from fundgap.commands import AnalysisOptions, agreements_output, gaps_output, report_output
from fundgap.loading import example_path

DAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((resources.files("fundgap") / "data" / "gaps-1.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _valid(validator: Draft202012Validator, document: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027])
def test_gaps_json_validates(validator: Draft202012Validator, year: int) -> None:
    document = json.loads(
        gaps_output(example_path(), AnalysisOptions(year=year, as_of=DAY), fmt="json")
    )
    _valid(validator, document)
    assert document["year"] == year


def test_what_if_json_validates(validator: Draft202012Validator) -> None:
    draft = example_path() / "pirkanmaa" / "agreements" / "tampere-seutu-2027.toml"
    options = AnalysisOptions(year=2027, as_of=DAY, drafts=(draft,))
    document = json.loads(gaps_output(example_path(), options, fmt="json"))
    _valid(validator, document)
    assert document["with_drafts"] == ["pirha-tampere-seutu-2027"]


def test_report_json_is_the_gaps_contract_and_more(validator: Draft202012Validator) -> None:
    document = json.loads(report_output(example_path(), AnalysisOptions(as_of=DAY), fmt="json"))
    _valid(validator, document)
    assert set(document["aggregates"]) == {"county", "municipality", "category"}
    assert document["lapsing_agreements"][0]["notice_deadline"] is not None


def test_totals_are_sums_of_the_rounded_rows() -> None:
    document = fundgap.analyse(fundgap.load(example_path()), year=2026, as_of=DAY).to_dict()
    for key in ("need", "funded", "gap"):
        assert sum(Decimal(r[key]) for r in document["rows"]) == Decimal(document["totals"][key])
    for row in document["rows"]:
        assert sum(Decimal(p["need"]) for p in row["portions"]) == Decimal(row["need"])
        gap = max(Decimal(0), Decimal(row["need"]) - Decimal(row["funded"]))
        assert Decimal(row["gap"]) == gap


@pytest.fixture(scope="module")
def aggregates_validator() -> Draft202012Validator:
    text = (resources.files("fundgap") / "data" / "aggregates-1.schema.json").read_text()
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("by", GROUPINGS)
@pytest.mark.parametrize("year", [2025, 2027])
def test_aggregates_json_validates(
    aggregates_validator: Draft202012Validator, by: str, year: int
) -> None:
    options = AnalysisOptions(year=year, as_of=DAY)
    document = json.loads(gaps_output(example_path(), options, by=by, fmt="json"))
    _valid(aggregates_validator, document)
    assert document["by"] == by


def test_a_party_group_is_not_a_group_of_another_grouping(
    aggregates_validator: Draft202012Validator,
) -> None:
    options = AnalysisOptions(as_of=DAY)
    parties = json.loads(gaps_output(example_path(), options, by="party", fmt="json"))
    counties = json.loads(gaps_output(example_path(), options, by="county", fmt="json"))
    assert not aggregates_validator.is_valid({**counties, "groups": parties["groups"]})
    assert not aggregates_validator.is_valid({**parties, "groups": counties["groups"]})


@pytest.mark.parametrize(
    "filters",
    [{}, {"county": "Kainuu"}, {"status": "draft"}, {"municipality": "Helsinki"}],
)
def test_agreements_json_validates(filters: dict[str, str]) -> None:
    schema_file = resources.files("fundgap") / "data" / "agreements-1.schema.json"
    schema = json.loads(schema_file.read_text())
    Draft202012Validator.check_schema(schema)
    document = json.loads(agreements_output(example_path(), as_of=DAY, fmt="json", **filters))
    _valid(Draft202012Validator(schema), document)
    assert document["schema"] == "fundgap.agreements/1"


def test_the_agreements_schema_requires_every_key_it_writes() -> None:
    schema_file = resources.files("fundgap") / "data" / "agreements-1.schema.json"
    schema = json.loads(schema_file.read_text())
    document = json.loads(agreements_output(example_path(), as_of=DAY, fmt="json"))
    assert schema["required"] == list(document)
    assert schema["$defs"]["agreement"]["required"] == list(document["agreements"][0])
    assert schema["$defs"]["pair"]["required"] == list(document["pairs"][0])
