"""``fundgap agreements``: the agreement register, hand-computed on a small dataset, and the
command line around it.

The dataset (``tests/conftest.py``'s, with two more agreements), all in Pirkanmaa (08):

- ``pirha-2023``: signed, Tampere, 1.1.–31.12.2023, notice 3 months → deadline 30.9.2023;
- ``pirha-2025``: signed, Tampere and Nokia, 1.1.–31.12.2025, notice 6 → deadline 30.6.2025;
- ``pirha-2026``: in negotiation, Tampere and Nokia, 1.1.2026–30.6.2027, notice 2 → deadline
  30.4.2027; replaces ``pirha-2025``; a cap of 50 000 € on its clubhouse clause; a clause for
  the service ``tre-klubitalo``; indexation 2.5 %.

The years run from 2023 to 2027 (pirha-2026's last). Signed coverage: Tampere 2023 and 2025,
Nokia 2025; a negotiation is not in force, so 2026–2027 have none.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import fundgap
from fundgap.analysis.register import (
    Cap,
    Notice,
    PairYears,
    register_years,
)
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.commands import agreements_output
from fundgap.errors import FundgapError, UsageError
from fundgap.loading import example_path
from fundgap.model import AgreementStatus
from fundgap.periods import Period
from fundgap.render.agreements import year_ranges
from fundgap.reports import agreement_register
from fundgap_cli import cli
from tests.conftest import DatasetWriter

PIRKANMAA = CountyCode("08")
TAMPERE = MunicipalityCode("837")
NOKIA = MunicipalityCode("536")
PIRKKALA = MunicipalityCode("604")
DAY = date(2025, 5, 15)

PIRHA_2023 = """\
id = "pirha-2023"
title = "Tampereen sopimus 2023"
status = "signed"
county = "Pirkanmaa"
municipalities = ["Tampere"]
valid_from = 2023-01-01
valid_until = 2023-12-31
notice_months = 3

[[clauses]]
id = "K1"
categories = ["clubhouse"]
county_share = 50
municipality_share = 50
"""

PIRHA_2026 = """\
id = "pirha-2026"
title = "Järjestöpalvelujen rahoitusvastuut 2026–2027"
status = "negotiation"
county = "Pirkanmaa"
municipalities = ["Tampere", "Nokia"]
valid_from = 2026-01-01
valid_until = 2027-06-30
notice_months = 2
indexation_percent = 2.5
replaces = "pirha-2025"

[[clauses]]
id = "K1"
categories = ["clubhouse", "meeting_place"]
county_share = 60
municipality_share = 40
annual_cap = 50000

[[clauses]]
id = "K2"
services = ["tre-klubitalo"]
categories = ["clubhouse"]
county_share = 70
municipality_share = 30
"""


@pytest.fixture
def dataset(write_dataset: DatasetWriter) -> Path:
    return write_dataset(
        {"agreements/pirha-2023.toml": PIRHA_2023, "agreements/pirha-2026.toml": PIRHA_2026}
    )


def test_every_agreement_with_its_notice_deadline_and_successor(dataset: Path) -> None:
    register = agreement_register(dataset, as_of=DAY)

    assert register.kind == "agreements"
    assert register.years == range(2023, 2028)
    assert [e.agreement.id for e in register.entries] == ["pirha-2023", "pirha-2025", "pirha-2026"]
    first, current, next_ = register.entries
    # 31.12.2023 − 3 months; ended before 15.5.2025
    assert (first.notice_deadline, first.notice) == (date(2023, 9, 30), Notice.ENDED)
    # 31.12.2025 − 6 months = 30.6.2025, after 15.5.2025
    assert (current.notice_deadline, current.notice) == (date(2025, 6, 30), Notice.UPCOMING)
    assert current.replaced_by == ("pirha-2026",)
    assert first.replaced_by == ()
    # 30.6.2027 − 2 months
    assert (next_.notice_deadline, next_.notice) == (date(2027, 4, 30), Notice.UPCOMING)
    assert next_.agreement.replaces == "pirha-2025"
    assert next_.categories == ("clubhouse", "meeting_place")
    assert next_.services == ("tre-klubitalo",)
    assert next_.caps == (Cap("K1", Decimal(50000)),)
    assert next_.agreement.indexation_percent == Decimal("2.5")


def test_a_deadline_passed_while_the_agreement_runs_is_missed(dataset: Path) -> None:
    entries = agreement_register(dataset, as_of=date(2025, 7, 1)).entries

    assert [e.notice for e in entries] == [Notice.ENDED, Notice.MISSED, Notice.UPCOMING]
    # the deadline day itself is still in time
    on_the_day = agreement_register(dataset, as_of=date(2025, 6, 30)).entries[1]
    assert on_the_day.notice is Notice.UPCOMING


def test_years_with_and_without_a_signed_agreement_per_pair(dataset: Path) -> None:
    pairs = {p.municipality: p for p in agreement_register(dataset, as_of=DAY).pairs}

    # every municipality of Pirkanmaa, the county of the dataset
    assert len(pairs) == len(fundgap.load(dataset).registry.members(PIRKANMAA, date(2023, 1, 1)))
    assert pairs[TAMPERE] == PairYears(PIRKANMAA, TAMPERE, (2023, 2025), (2024, 2026, 2027))
    assert pairs[NOKIA] == PairYears(PIRKANMAA, NOKIA, (2025,), (2023, 2024, 2026, 2027))
    assert pairs[PIRKKALA].with_agreement == ()


def test_the_years_without_are_those_the_analysis_reports_missing(dataset: Path) -> None:
    register = agreement_register(dataset, as_of=DAY)
    loaded = fundgap.load(dataset)
    for year in register.years:
        missing = {m.municipality for m in fundgap.analyse(loaded, year=year).missing_agreements}
        without = {p.municipality for p in register.pairs if year in p.without_agreement}
        assert missing == without, year


def test_filters(dataset: Path) -> None:
    by_status = agreement_register(dataset, as_of=DAY, status="neuvoteltavana")
    assert [e.agreement.id for e in by_status.entries] == ["pirha-2026"]
    assert len(by_status.pairs) > 2  # the status chooses agreements, not pairs
    assert by_status.years == range(2023, 2028)  # nor the years

    by_place = agreement_register(dataset, as_of=DAY, municipality="Nokia")
    assert [e.agreement.id for e in by_place.entries] == ["pirha-2025", "pirha-2026"]
    assert [p.municipality for p in by_place.pairs] == [NOKIA]

    elsewhere = agreement_register(dataset, as_of=DAY, county="Kainuu")
    assert (elsewhere.entries, elsewhere.pairs) == ((), ())
    assert agreement_register(dataset, as_of=DAY, county="08").pairs


def test_unknown_filter_values_are_refused(dataset: Path) -> None:
    with pytest.raises(UsageError, match="'negotiation'"):
        agreement_register(dataset, status="negotiating-ish")
    with pytest.raises(FundgapError):
        agreement_register(dataset, county="Atlantis")


def test_open_ended_agreements_count_to_the_year_after_as_of(dataset: Path) -> None:
    agreements = list(fundgap.load(dataset).agreements.values())
    open_ended = attrs.evolve(agreements[0], validity=Period(date(2023, 1, 1)))

    assert register_years([open_ended], date(2030, 3, 1)) == range(2023, 2032)
    assert register_years([open_ended, *agreements], date(2024, 3, 1)) == range(2023, 2028)
    assert register_years([], date(2026, 3, 1)) == range(2023, 2027)


def test_year_ranges() -> None:
    assert year_ranges([2026, 2023, 2024]) == "2023–2024, 2026"
    assert year_ranges([2025]) == "2025"
    assert year_ranges([]) == "—"


def test_the_example_register_lists_every_agreement_and_every_pair() -> None:
    register = agreement_register(example_path(), as_of=date(2026, 11, 28))
    dataset = fundgap.load(example_path())

    assert {e.agreement.id for e in register.entries} == set(dataset.agreements)
    assert register.years == range(2023, 2029)  # the 2027 draft runs to 2028
    for pair in register.pairs:
        assert sorted(pair.with_agreement + pair.without_agreement) == list(register.years)
    assert all(
        e.notice_deadline is not None
        for e in register.entries
        if e.agreement.validity.end is not None
    )


def test_json_is_the_contract(dataset: Path) -> None:
    document = json.loads(agreements_output(dataset, as_of=DAY, fmt="json"))

    assert document["schema"] == "fundgap.agreements/1"
    assert (document["first_year"], document["last_year"]) == (2023, 2027)
    last = document["agreements"][2]
    assert last["notice_deadline"] == "2027-04-30"
    assert last["notice"] == "upcoming"
    assert last["status"] == AgreementStatus.NEGOTIATION.value
    assert last["caps"] == [{"clause": "K1", "annual_cap": "50000.00"}]
    assert last["indexation_percent"] == "2.5"
    tampere = next(p for p in document["pairs"] if p["municipality"] == "837")
    assert tampere == {
        "county": "08",
        "municipality": "837",
        "with_agreement": [2023, 2025],
        "without_agreement": [2024, 2026, 2027],
    }


def test_csv_has_codes_and_keys(dataset: Path) -> None:
    lines = agreements_output(dataset, as_of=DAY, fmt="csv").splitlines()

    assert lines[0].startswith("agreement,title,county,municipalities,status,starts,ends,")
    assert lines[3] == (
        "pirha-2026,Järjestöpalvelujen rahoitusvastuut 2026–2027,08,837 536,negotiation,"
        "2026-01-01,2027-06-30,2,2027-04-30,upcoming,pirha-2025,,clubhouse meeting_place,"
        "tre-klubitalo,K1=50000.00,2.5"
    )


def test_cli_table(dataset: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["agreements", str(dataset), "--as-of", "2025-05-15"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "3 agreements; notice deadlines as they stand on 2025-05-15."
    assert any(line.startswith("Pirkanmaa  Tampere ") and "2023, 2025" in line for line in lines)
    assert "2024, 2026–2027" in result.output


def test_cli_in_finnish_and_swedish(dataset: Path, runner: CliRunner) -> None:
    args = ["agreements", str(dataset), "--as-of", "2025-07-01", "--status", "signed"]
    finnish = runner.invoke(cli, [*args, "--lang", "fi"]).output.splitlines()
    swedish = runner.invoke(cli, [*args, "--lang", "sv"]).output.splitlines()

    assert finnish[0] == "2 sopimusta; irtisanomisen määräpäivät tilanteessa 1.7.2025."
    assert swedish[0] == "2 avtal; sista dagar för uppsägning som de står den 1.7.2025."
    assert finnish[2].split()[:5] == ["sopimus", "nimi", "hyvinvointialue", "kunnat", "tila"]
    assert "ohitettu" in finnish[5]
    assert "30.6.2025" in finnish[5]
    assert "passerad" in swedish[5]
    assert "30.6.2025" in swedish[5]
    assert finnish[7] == (
        "Vuodet 2023–2027, joina allekirjoitettu sopimus on voimassa ja joina ei: laki "
        "velvoittaa hyvinvointialueen ja sen kunnat neuvottelemaan vuosittain."
    )
    assert swedish[9].split()[:2] == ["välfärdsområde", "kommun"]


def test_cli_refuses_an_unknown_status_and_writes_a_file(
    dataset: Path, runner: CliRunner, tmp_path: Path
) -> None:
    refused = runner.invoke(cli, ["agreements", str(dataset), "--status", "valmis"])
    assert refused.exit_code == 2
    assert "fundgap: error: unknown status 'valmis'" in refused.stderr

    target = tmp_path / "register.json"
    written = runner.invoke(
        cli, ["agreements", str(dataset), "--format", "json", "-o", str(target)]
    )
    assert written.exit_code == 0, written.output
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "fundgap.agreements/1"
