"""gaps, report and explain through click's CliRunner: formats, filters, what-if, output
files, and errors that end in exit status 2."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import fundgap
from fundgap.commands import AnalysisOptions, gaps_output
from fundgap.loading import example_path
from fundgap_cli import cli
from tests.conftest import AGREEMENT, DatasetWriter

AS_OF = ["--as-of", "2026-11-28"]
DAY = date(2026, 11, 28)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    target = tmp_path / "agreements"
    shutil.copytree(example_path(), target)
    return target


def test_gaps_json_is_the_library_result(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(cli, ["gaps", str(examples), *AS_OF, "--format", "json"])

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    expected = fundgap.analyse(fundgap.load(examples), as_of=DAY).to_dict()
    assert document == expected
    assert document["schema"] == "fundgap.gaps/1"
    gaps = [row["gap"] for row in document["rows"]]
    assert gaps == sorted(gaps, key=lambda g: -float(g))


def test_gaps_csv_parses_and_adds_up(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(cli, ["gaps", str(examples), *AS_OF, "--format", "csv"])

    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"))))
    document = json.loads(gaps_output(examples, AnalysisOptions(as_of=DAY), fmt="json"))
    assert len(rows) == document["totals"]["services"]
    assert f"{sum(float(r['gap']) for r in rows):.2f}" == document["totals"]["gap"]


@pytest.mark.parametrize(
    ("args", "services"),
    [
        (["--county", "Kainuu"], 12),
        (["--municipality", "Helsingfors"], 6),
        (["--category", "clubhouse"], 5),
        (["--status", "contested"], 2),
        (["--status", "lapsing"], 11),
        (["--county", "20", "--status", "unassigned"], 4),
        # names in any language and case, as well as keys and codes
        (["--category", "klubitalo"], 5),
        (["--category", "KLUBBHUS"], 5),
        (["--category", "clubhouse for mental-health rehabilitees"], 5),
        (["--category", "kohtaamispaikka"], 8),
        (["--status", "katvealue"], 14),
        (["--status", "ansvar oavtalat"], 14),
        (["--status", "Vastuu sopimatta (katvealue)"], 14),
        (["--status", "by law"], 17),
        (["--status", "lain mukainen vastuu"], 17),
        (["--status", "päättymässä"], 11),
        (["--status", "Draft only"], 6),
    ],
)
def test_gaps_filters(runner: CliRunner, examples: Path, args: list[str], services: int) -> None:
    result = runner.invoke(cli, ["gaps", str(examples), *AS_OF, *args, "--format", "json"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"]["services"] == services


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--county", "Pirkanmaaa"], "did you mean 'Pirkanmaa'"),
        (["--municipality", "Tamepre"], "did you mean 'Tampere'"),
        (["--category", "klubitalox"], "unknown category 'klubitalox' (did you mean 'klubitalo'?)"),
        (["--category", "meeting_plac"], "(did you mean 'meeting_place'?)"),
        (["--status", "broke"], "unknown status 'broke'"),
        (["--status", "katvealu"], "unknown status 'katvealu' (did you mean 'katvealue'?)"),
        (["--with-draft", "missing.toml"], "no such agreement file"),
        (["--as-of", "yesterday"], "is not a date"),
        (["--horizon", "0"], "0 is not in the range"),
    ],
)
def test_gaps_bad_options_exit_2(
    runner: CliRunner, examples: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(cli, ["gaps", str(examples), *args])

    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_what_if_with_a_draft_of_the_dataset(runner: CliRunner, examples: Path) -> None:
    draft = examples / "pirkanmaa/agreements/tampere-seutu-2027.toml"
    base = ["gaps", str(examples / "pirkanmaa"), "--year", "2027", *AS_OF, "--format", "json"]

    before = json.loads(runner.invoke(cli, base).stdout)
    after = json.loads(runner.invoke(cli, [*base, "--with-draft", str(draft)]).stdout)

    assert after["with_drafts"] == ["pirha-tampere-seutu-2027"]
    unassigned = before["totals"]["by_responsibility_status"]["unassigned"]
    assert after["totals"]["by_responsibility_status"]["unassigned"] < unassigned


def test_what_if_with_a_bad_draft_names_the_draft_file(
    runner: CliRunner, write_dataset: DatasetWriter, tmp_path: Path
) -> None:
    root = write_dataset()
    draft = tmp_path / "draft.toml"
    draft.write_text(AGREEMENT.replace("Nokia", "Nokiaa").replace("pirha-2025", "uusi"), "utf-8")
    result = runner.invoke(cli, ["gaps", str(root), "--with-draft", str(draft)])

    assert result.exit_code == 2
    assert "draft.toml:5: municipalities[1]: unknown municipality 'Nokiaa'" in result.stderr


def test_output_is_written_atomically(runner: CliRunner, examples: Path, tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    target.write_text("old", "utf-8")
    result = runner.invoke(
        cli, ["gaps", str(examples), *AS_OF, "--format", "csv", "-o", str(target)]
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text("utf-8").startswith("service,name,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gaps")] == []


def test_a_failing_run_leaves_the_old_output(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", "utf-8")
    result = runner.invoke(cli, ["report", str(tmp_path / "missing"), "-o", str(target)])

    assert result.exit_code == 2
    assert target.read_text("utf-8") == "old"


def test_output_to_a_folder_is_an_error(runner: CliRunner, examples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = runner.invoke(cli, ["report", str(examples), "-o", str(folder)])

    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_report_reads_aloud(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(cli, ["report", str(examples), *AS_OF])

    assert result.exit_code == 0, result.output
    text = result.stdout
    for heading in (
        "The 10 largest gaps",
        "Gaps by county",
        "Gaps by municipality",
        "Gaps by category",
        "Blind spots",
        "Contested services",
        "Lapsing agreements",
        "Funding cuts",
        "Municipalities without an agreement",
    ):
        assert heading in text
    assert "pirha-tampere-seutu-2025  2026-12-31  2026-06-30" in text


def test_report_in_finnish_from_the_environment(
    runner: CliRunner, examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNDGAP_LANG", "fi")
    result = runner.invoke(cli, ["gaps", str(examples), *AS_OF, "--by", "status"])

    assert result.exit_code == 0, result.output
    assert "vastuu sopimatta (katvealue)" in result.stdout


def test_a_bad_language_in_the_environment(
    runner: CliRunner, examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNDGAP_LANG", "de")
    result = runner.invoke(cli, ["report", str(examples)])

    assert result.exit_code == 2
    assert "FUNDGAP_LANG: unknown language 'de'; expected one of 'fi', 'sv', or 'en'" in (
        result.stderr
    )


def test_explain_unknown_service_suggests(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(cli, ["explain", "pirha-kriisikesus", str(examples)])

    assert result.exit_code == 2
    assert "did you mean 'pirha-kriisikeskus'" in result.stderr


def test_explain_a_service_not_active_in_the_year(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(cli, ["explain", "hki-kulttuurikerho", str(examples), "--year", "2024"])

    assert result.exit_code == 2
    assert "is not active in 2024" in result.stderr


def test_explain_json_carries_the_row_and_its_sources(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(
        cli, ["explain", "pirha-klubitalo-nasinselka", str(examples), *AS_OF, "--format", "json"]
    )

    document = json.loads(result.stdout)
    assert document["schema"] == "fundgap.explain/1"
    sources = document["row"]["sources"]
    assert sources["clauses"][0]["agreement"] == "pirha-tampere-seutu-2025"
    assert sources["clauses"][0]["line"] == 22
    assert {f["funder"] for f in sources["funding"]} >= {"stea", "county:08"}
    assert document["caps"][0]["binds"] is True
