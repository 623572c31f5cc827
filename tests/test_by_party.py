"""What each party pays (``fundgap gaps --by party``), missed notice deadlines, and a what-if
for a year whose funding is not recorded yet (issue 9, SPEC §5)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import Decimal

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.analysis import GapReport, GroupBy, aggregate
from fundgap.analysis.results import PartyLine, notice_missed
from fundgap.analysis.selection import PartyGroup
from fundgap.commands import AnalysisOptions, explain_output, gaps_output, report_output
from fundgap.loading import example_path, load_draft
from fundgap.model import Dataset
from fundgap_cli import cli
from tests.strategies import ENGINE_YEARS, engine_datasets

DAY = date(2026, 11, 28)
DRAFT = example_path() / "pirkanmaa" / "agreements" / "tampere-seutu-2027.toml"


def _line_sums(rows: list[dict[str, object]]) -> dict[str, dict[str, Decimal | int]]:
    """Per party, the sums of its lines in the rows of ``fundgap.gaps/1``: an oracle that
    reads only what the rows show."""
    sums: dict[str, dict[str, Decimal | int]] = defaultdict(
        lambda: {"expected": Decimal(0), "granted": Decimal(0), "shortfall": Decimal(0)}
    )
    for row in rows:
        parties = row["parties"]
        assert isinstance(parties, list)
        for line in parties:
            entry = sums[line["party"]]
            for key in ("expected", "granted", "shortfall"):
                entry[key] += Decimal(line[key])
            entry["services"] = int(entry.get("services", 0)) + 1
    return dict(sums)


def _check_party_groups(report: GapReport, registry: fundgap.Registry) -> None:
    rows = report.to_dict()["rows"]
    groups = aggregate(report, registry, "party").to_dict()["groups"]
    expected = _line_sums(rows)
    found = {
        g["key"]: {
            "expected": Decimal(g["expected"]),
            "granted": Decimal(g["granted"]),
            "shortfall": Decimal(g["shortfall"]),
            "services": g["services"],
        }
        for g in groups
    }
    assert found == expected
    assert len(groups) == len(found)  # one group per party
    # largest shortfall first, then largest grant, then by key
    order = [(-Decimal(g["shortfall"]), -Decimal(g["granted"]), g["key"]) for g in groups]
    assert order == sorted(order)


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027])
def test_each_partys_group_is_the_sum_of_its_lines_on_the_example(year: int) -> None:
    dataset = fundgap.load(example_path())
    report = fundgap.analyse(dataset, year=year, as_of=DAY)
    assert any(row.parties for row in report.rows)
    _check_party_groups(report, dataset.registry)


def test_the_what_if_party_groups_are_the_sums_of_their_lines() -> None:
    options = AnalysisOptions(year=2027, as_of=DAY, drafts=(DRAFT,))
    rows = json.loads(gaps_output(example_path(), options, fmt="json"))["rows"]
    groups = json.loads(gaps_output(example_path(), options, by="party", fmt="json"))["groups"]
    sums = _line_sums(rows)
    assert {g["key"]: Decimal(g["expected"]) for g in groups} == {
        k: v["expected"] for k, v in sums.items()
    }
    assert {g["key"]: Decimal(g["granted"]) for g in groups} == {
        k: v["granted"] for k, v in sums.items()
    }


@given(engine_datasets(), st.sampled_from(ENGINE_YEARS), st.dates(date(2023, 1, 1), DAY))
def test_each_partys_group_is_the_sum_of_its_lines(
    dataset: Dataset, year: int, as_of: date
) -> None:
    _check_party_groups(fundgap.analyse(dataset, year=year, as_of=as_of), dataset.registry)


def test_lines_are_rounded_before_they_are_summed_and_shortfalls_do_not_net() -> None:
    report = fundgap.analyse(fundgap.load(example_path()), year=2026, as_of=DAY)
    first, second = report.rows[:2]
    rows = (
        attrs.evolve(
            first,
            parties=(
                PartyLine("county:08", Decimal(60), Decimal("100.004"), Decimal(50)),
                PartyLine("municipality:837", Decimal(40), Decimal("66.666"), Decimal(80)),
            ),
        ),
        attrs.evolve(
            second,
            parties=(
                PartyLine("county:08", Decimal(50), Decimal("10.005"), Decimal(0)),
                PartyLine("municipality:837", Decimal(50), Decimal(20), Decimal(0)),
            ),
        ),
    )
    groups = aggregate(attrs.evolve(report, rows=rows), fundgap.load_registry(), "party").groups
    statuses: dict[str, int] = defaultdict(int)
    for row in rows:
        statuses[row.responsibility_status.value] += 1
    # county:08: 100.00 + 10.01 expected, 50 granted, shortfall 50.00 + 10.01.
    # municipality:837: 66.67 + 20.00 expected, 80 granted; it paid 13.33 more than its share
    # of the first service, which does not make up for the 20.00 it owes for the second
    assert groups == (
        PartyGroup(
            "county:08", Decimal("110.01"), Decimal(50), Decimal("60.01"), 2, dict(statuses)
        ),
        PartyGroup(
            "municipality:837", Decimal("86.67"), Decimal(80), Decimal(20), 2, dict(statuses)
        ),
    )


def test_party_groups_in_json_are_labelled_and_keep_other_groupings_as_they_were() -> None:
    options = AnalysisOptions(as_of=DAY)
    document = json.loads(gaps_output(example_path(), options, by="party", fmt="json"))
    assert document["by"] == "party"
    helsinki = next(g for g in document["groups"] if g["key"] == "municipality:091")
    assert list(helsinki) == [
        "key",
        "label",
        "expected",
        "granted",
        "shortfall",
        "services",
        "by_responsibility_status",
    ]
    assert helsinki["label"] == "Helsinki"
    pirkanmaa = next(g for g in document["groups"] if g["key"] == "county:08")
    assert pirkanmaa["label"] == "Pirkanmaa"
    county = json.loads(gaps_output(example_path(), options, by="county", fmt="json"))
    assert list(county["groups"][0]) == [
        "key",
        "label",
        "need",
        "funded",
        "gap",
        "services",
        "by_responsibility_status",
    ]


@pytest.mark.parametrize(
    ("lang", "heading", "line"),
    [
        (
            "en",
            "party,name,expected,granted,shortfall,services",
            "municipality:091,Helsinki,1320000.00,850000.00,470000.00,6",
        ),
        (
            "fi",
            "osapuoli,nimi,odotettu osuus,myönnetty,vajaus,palvelut",
            "county:03,Länsi-Uudenmaan hyvinvointialue,821609.59,674400.00,192300.00,11",
        ),
        (
            "sv",
            "part,namn,förväntat bidrag,beviljat,underskott,tjänster",
            "municipality:091,Helsingfors,1320000.00,850000.00,470000.00,6",
        ),
    ],
)
def test_party_csv_names_each_party_in_the_language_with_its_key(
    runner: CliRunner, lang: str, heading: str, line: str
) -> None:
    args = ["gaps", str(example_path()), "--as-of", "2026-11-28", "--by", "party"]
    result = runner.invoke(cli, [*args, "--format", "csv", "--lang", lang])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == heading
    assert line in lines


def test_party_table_in_finnish(runner: CliRunner) -> None:
    args = ["gaps", str(example_path()), "--as-of", "2026-11-28", "--by", "party", "--lang", "fi"]
    result = runner.invoke(cli, [*args, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "| osapuoli | odotettu osuus | myönnetty | vajaus | palvelut |"
    # Babel groups thousands with a no-break space, and one stands before the euro sign
    row = "| Helsinki | 1 320 000,00 € | 850 000,00 € | 470 000,00 € | 6 |".replace(" ", "\xa0")
    assert lines[2].replace(" ", "\xa0") == row


# --- missed notice deadlines --------------------------------------------------------------


def test_a_deadline_is_missed_only_when_it_came_before_the_as_of_date() -> None:
    deadline = date(2026, 6, 30)
    assert notice_missed(deadline, date(2026, 7, 1))
    assert not notice_missed(deadline, deadline)  # the last day is still a day to act
    assert not notice_missed(deadline, date(2026, 6, 1))
    assert not notice_missed(None, date(2026, 7, 1))


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "pirha-tampere-seutu-2025  2026-12-31  2026-06-30 (missed)",
        ),
        (
            "fi",
            "pirha-tampere-seutu-2025  31.12.2026  30.6.2026 (umpeutunut)",
        ),
        (
            "sv",
            "pirha-tampere-seutu-2025  31.12.2026  30.6.2026 (försutten)",
        ),
    ],
)
def test_the_report_shows_a_missed_notice_deadline(lang: str, line: str) -> None:
    text = report_output(example_path(), AnalysisOptions(as_of=DAY), fmt="text", lang=lang)
    assert any(shown.startswith(line) for shown in text.splitlines()), text


def test_a_deadline_still_ahead_is_not_missed() -> None:
    options = AnalysisOptions(as_of=date(2026, 6, 1))
    text = report_output(example_path(), options, fmt="text", lang="en")
    assert "2026-06-30 (missed)" not in text
    assert "2026-06-30" in text
    assert "2025-12-31 (missed)" in text  # Kainuu's came and went in 2025
    document = json.loads(report_output(example_path(), options, fmt="json"))
    missed = {(a["agreement"], a["notice_missed"]) for a in document["lapsing_agreements"]}
    assert ("pirha-tampere-seutu-2025", False) in missed
    assert ("kainuu-jarjestot-2023", True) in missed


def test_the_report_json_says_which_deadlines_are_missed() -> None:
    document = json.loads(report_output(example_path(), AnalysisOptions(as_of=DAY), fmt="json"))
    for entry in document["lapsing_agreements"]:
        assert list(entry) == [
            "agreement",
            "ends",
            "notice_deadline",
            "notice_missed",
            "municipalities",
            "services",
        ]
        deadline = entry["notice_deadline"]
        assert entry["notice_missed"] is (deadline is not None and deadline < DAY.isoformat())
    assert any(entry["notice_missed"] for entry in document["lapsing_agreements"])


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "lapsing: coverage of Nokia (536) under pirha-tampere-seutu-2025 ends 2026-12-31 and "
            "no signed agreement covers the next day; the notice deadline 2026-06-30 (6 months "
            "before the end) was missed",
        ),
        (
            "fi",
            "päättymässä: sopimuksen pirha-tampere-seutu-2025 kattavuus päättyy kunnassa Nokia "
            "(536) 31.12.2026, eikä mikään allekirjoitettu sopimus kata seuraavaa päivää; "
            "irtisanomisen määräpäivä 30.6.2026 (6 kuukautta ennen päättymistä) on jo umpeutunut",
        ),
        (
            "sv",
            "upphör snart: täckningen för Nokia (536) enligt pirha-tampere-seutu-2025 upphör den "
            "31.12.2026 och inget undertecknat avtal täcker följande dag; sista dag för "
            "uppsägning 30.6.2026 (6 månader före slutet) har redan passerat",
        ),
    ],
)
def test_explain_says_a_notice_deadline_was_missed(lang: str, sentence: str) -> None:
    options = AnalysisOptions(as_of=DAY)
    text = explain_output("pirha-kriisikeskus", example_path(), options, fmt="text", lang=lang)
    assert "  " + sentence in text.splitlines()
    ahead = explain_output(
        "pirha-kriisikeskus", example_path(), AnalysisOptions(as_of=date(2026, 6, 1)), fmt="text"
    )
    assert "was missed" not in ahead
    assert "notice deadline 2026-06-30 (6 months before the end)" in ahead


# --- a what-if for a year whose funding is not recorded ------------------------------------


def test_a_what_if_for_an_unrecorded_year_raises_no_cut_and_says_so(runner: CliRunner) -> None:
    assert DRAFT.is_file()
    dataset = fundgap.load(example_path())
    drafts = [load_draft(DRAFT, dataset)]
    report = fundgap.analyse(dataset, year=2027, as_of=DAY, drafts=drafts)
    assert report.drafts == ("pirha-tampere-seutu-2027",)
    assert report.wholly_unrecorded
    assert not any(row.cuts for row in report.rows)
    assert all(g.key != "cut" for g in aggregate(report, dataset.registry, GroupBy.STATUS).groups)
    what_if = ["--year", "2027", "--as-of", "2026-11-28", "--with-draft", str(DRAFT)]
    for args in (["gaps"], ["gaps", "--by", "party"], ["report"]):
        result = runner.invoke(cli, [args[0], str(example_path()), *what_if, *args[1:]])
        assert result.exit_code == 0, result.output
        assert "No funding decision for 2027 is recorded in the data yet" in result.stdout
        assert "no funding cut can be seen" in result.stdout
    cut = runner.invoke(cli, ["gaps", str(example_path()), *what_if, "--status", "cut"])
    assert cut.exit_code == 0, cut.output
    # no row is cut, and the empty table still says why
    lines = cut.stdout.splitlines()
    assert len(lines) == 4  # headings, rule, a blank line and the note
    assert lines[3].startswith("No funding decision for 2027 is recorded yet in: Helsinki, ")
    assert lines[3].endswith("and no funding cut can be seen.")
    assert "no funding cut can be seen" in cut.stderr
    as_json = runner.invoke(
        cli, ["gaps", str(example_path()), *what_if, "--status", "cut", "--format", "json"]
    )
    document = json.loads(as_json.stdout)
    assert (document["rows"], document["funding_recorded"]) == ([], False)
    assert document["funding_not_recorded_in"] == [
        "Helsinki",
        "Kainuu",
        "Länsi-Uusimaa",
        "Pirkanmaa",
    ]
    document = json.loads(
        report_output(
            example_path(), AnalysisOptions(year=2027, as_of=DAY, drafts=(DRAFT,)), fmt="json"
        )
    )
    assert document["cuts"] == []
    assert document["funding_recorded"] is False
    assert document["with_drafts"] == ["pirha-tampere-seutu-2027"]
