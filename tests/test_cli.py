"""Every command through click's CliRunner: exit status, stdout, stderr, and no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import fundgap
from fundgap_cli import cli
from tests.conftest import FIXTURES, DatasetWriter, fundgap_process


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])

    assert result.exit_code == 0
    assert result.stdout == f"fundgap {fundgap.__version__}\n"


def test_help_lists_the_commands_with_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])

    assert result.exit_code == 0
    assert "validate" in result.stdout
    assert "registry" in result.stdout
    assert "Examples:" in result.stdout


def test_validate_prints_a_summary(runner: CliRunner, write_dataset: DatasetWriter) -> None:
    result = runner.invoke(cli, ["validate", str(write_dataset())])

    assert result.exit_code == 0, result.output
    assert "Dataset: Test dataset (1 dataset)" in result.stdout
    assert "Agreements          1   signed 1" in result.stdout
    assert "€230,000.00 in all" in result.stdout
    assert "No warnings." in result.stdout
    assert result.stderr == ""


def test_validate_json_is_the_library_result(
    runner: CliRunner, write_dataset: DatasetWriter
) -> None:
    root = write_dataset()
    result = runner.invoke(cli, ["validate", str(root), "--format", "json"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == fundgap.validate(fundgap.load(root)).to_dict()


def test_validate_reports_all_ten_mistakes_and_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(FIXTURES / "ten-mistakes")])

    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "fundgap: error: the dataset has 10 problems:"
    assert len(lines) == 11
    assert all("ten-mistakes/" in line for line in lines[1:])
    assert "Traceback" not in result.stderr


def test_validate_a_missing_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", str(tmp_path / "nowhere")])

    assert result.exit_code == 2
    assert "no such folder" in result.stderr


def test_validate_an_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", str(tmp_path)])

    assert result.exit_code == 2
    assert "is not a dataset" in result.stderr


def test_validate_defaults_to_the_shipped_example(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["validate"])

    assert result.exit_code == 0, result.output
    assert "Dataset: " in result.stdout
    assert "(4 datasets)" in result.stdout
    assert "using the example collection shipped with fundgap" in result.stderr


def test_validate_defaults_to_the_dataset_here(
    runner: CliRunner, write_dataset: DatasetWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(write_dataset())
    result = runner.invoke(cli, ["validate"])

    assert result.exit_code == 0, result.output
    assert "Dataset: Test dataset" in result.stdout
    assert result.stderr == ""


def test_validate_defaults_to_agreements_here(
    runner: CliRunner,
    write_dataset: DatasetWriter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_dataset(folder="agreements/tampere")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["validate"])

    assert result.exit_code == 0, result.output
    assert "Dataset: Test dataset (1 dataset)" in result.stdout


def test_registry_lists_the_organisers(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["registry", "--format", "json"])

    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 22
    assert rows[-1]["code"] == "90"
    assert rows[-1]["name_en"] == "City of Helsinki"
    assert {r["code"] for r in rows} == {f"{n:02d}" for n in range(1, 22)} | {"90"}


def test_registry_lists_pirkanmaa(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["registry", "--county", "pirkanmaan hyvinvointialue"])

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + 23
    assert lines[2].split()[:2] == ["020", "Akaa"]
    assert any(line.split()[:2] == ["837", "Tampere"] for line in lines)


@pytest.mark.parametrize(("as_of", "count"), [("2024-12-31", 12), ("1.1.2025", 11)])
def test_registry_follows_the_merger(runner: CliRunner, as_of: str, count: int) -> None:
    result = runner.invoke(
        cli, ["registry", "--county", "Etelä-Savo", "--as-of", as_of, "--format", "csv"]
    )

    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 + count
    assert ("588,Pertunmaa" in result.stdout) == (count == 12)


def test_registry_markdown(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["registry", "--county", "Kainuu", "--format", "markdown"])

    assert result.exit_code == 0
    assert result.stdout.startswith("| code | name (fi) |")
    assert "| 205 | Kajaani | Kajana |" in result.stdout


def test_registry_unknown_county_suggests(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["registry", "--county", "Pirkanmaaa"])

    assert result.exit_code == 2
    assert "did you mean 'Pirkanmaa'" in result.stderr
    assert "Traceback" not in result.stderr


def test_registry_bad_date(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["registry", "--as-of", "31.31.2025"])

    assert result.exit_code == 2
    assert "is not a date like 2025-12-31" in result.stderr


def test_an_unknown_command_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["gapz"])

    assert result.exit_code == 2


def test_python_dash_m_runs_the_cli() -> None:
    result = fundgap_process("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fundgap ")


def test_the_library_never_imports_click() -> None:
    code = "import fundgap, fundgap.loading, fundgap.validation, sys; print('click' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
