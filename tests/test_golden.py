"""Golden files: every output format of every command, on the shipped example collection.

Run ``python -m pytest --update-golden`` after an intended change and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fundgap.loading import example_path
from fundgap_cli import cli
from tests.conftest import FIXTURES, check_golden

AS_OF = ["--as-of", "2026-11-28"]
DRAFT = "agreements/pirkanmaa/agreements/tampere-seutu-2027.toml"
CHECK = ["check", "check/every-rule.toml", "--dataset", "agreements/pirkanmaa"]

CASES = {
    "gaps.table": ["gaps", "agreements", *AS_OF],
    "gaps.csv": ["gaps", "agreements", *AS_OF, "--format", "csv"],
    "gaps-excel-fi.csv": [
        "gaps",
        "agreements",
        *AS_OF,
        "--format",
        "csv",
        "--csv-dialect",
        "excel-fi",
    ],
    "gaps.json": ["gaps", "agreements", *AS_OF, "--format", "json"],
    "gaps.markdown": ["gaps", "agreements", *AS_OF, "--format", "markdown"],
    "gaps-2025-fi.table": ["gaps", "agreements", "--year", "2025", *AS_OF, "--lang", "fi"],
    "gaps-pirkanmaa-unassigned.table": [
        "gaps",
        "agreements",
        *AS_OF,
        "--county",
        "Pirkanmaa",
        "--status",
        "unassigned",
    ],
    "gaps-by-county.table": ["gaps", "agreements", *AS_OF, "--by", "county"],
    "gaps-by-county.json": ["gaps", "agreements", *AS_OF, "--by", "county", "--format", "json"],
    "gaps-by-municipality.csv": [
        "gaps",
        "agreements",
        *AS_OF,
        "--by",
        "municipality",
        "--format",
        "csv",
    ],
    "gaps-by-category.markdown": [
        "gaps",
        "agreements",
        *AS_OF,
        "--by",
        "category",
        "--format",
        "markdown",
    ],
    "gaps-by-funder.table": ["gaps", "agreements", *AS_OF, "--by", "funder"],
    "gaps-by-zone.table": ["gaps", "agreements", *AS_OF, "--by", "zone"],
    "gaps-by-status.table": ["gaps", "agreements", *AS_OF, "--by", "status"],
    "gaps-by-party.table": ["gaps", "agreements", *AS_OF, "--by", "party"],
    "gaps-by-party.csv": ["gaps", "agreements", *AS_OF, "--by", "party", "--format", "csv"],
    "gaps-by-party.json": ["gaps", "agreements", *AS_OF, "--by", "party", "--format", "json"],
    "gaps-by-party-fi.markdown": [
        "gaps",
        "agreements",
        *AS_OF,
        "--by",
        "party",
        "--format",
        "markdown",
        "--lang",
        "fi",
    ],
    "gaps-what-if-2027.table": [
        "gaps",
        "agreements",
        "--year",
        "2027",
        *AS_OF,
        "--with-draft",
        DRAFT,
    ],
    "report.txt": ["report", "agreements", *AS_OF],
    "report.markdown": ["report", "agreements", *AS_OF, "--format", "markdown"],
    "report.json": ["report", "agreements", *AS_OF, "--format", "json"],
    "report-pirkanmaa-fi.markdown": [
        "report",
        "agreements/pirkanmaa",
        *AS_OF,
        "--lang",
        "fi",
        "--format",
        "markdown",
    ],
    "report-kainuu-2025-sv.txt": [
        "report",
        "agreements/kainuu",
        "--year",
        "2025",
        *AS_OF,
        "--lang",
        "sv",
    ],
    "explain-klubitalo.txt": ["explain", "pirha-klubitalo-nasinselka", "agreements", *AS_OF],
    "explain-klubitalo.json": [
        "explain",
        "pirha-klubitalo-nasinselka",
        "agreements",
        *AS_OF,
        "--format",
        "json",
    ],
    "explain-kriisikeskus.txt": ["explain", "pirha-kriisikeskus", "agreements", *AS_OF],
    "explain-helsinki.txt": ["explain", "hki-asumisneuvonta", "agreements", *AS_OF],
    "explain-sastamala-2025.txt": [
        "explain",
        "pirha-klubitalo-sastamala",
        "agreements",
        "--year",
        "2025",
        *AS_OF,
    ],
    "agreements.table": ["agreements", "agreements", *AS_OF],
    "agreements.csv": ["agreements", "agreements", *AS_OF, "--format", "csv"],
    "agreements.json": ["agreements", "agreements", *AS_OF, "--format", "json"],
    "agreements.markdown": ["agreements", "agreements", *AS_OF, "--format", "markdown"],
    "agreements-kainuu-fi.table": [
        "agreements",
        "agreements",
        *AS_OF,
        "--county",
        "Kainuu",
        "--lang",
        "fi",
    ],
    "agreements-signed-sv.markdown": [
        "agreements",
        "agreements",
        *AS_OF,
        "--status",
        "signed",
        "--lang",
        "sv",
        "--format",
        "markdown",
    ],
    "validate-examples.txt": ["validate", "agreements"],
    "validate-examples.json": ["validate", "agreements", "--format", "json"],
    "validate-ten-mistakes.stderr": ["validate", "ten-mistakes"],
    "validate-ten-mistakes-fi.stderr": ["validate", "ten-mistakes", "--lang", "fi"],
    "validate-ten-mistakes-sv.stderr": ["validate", "ten-mistakes", "--lang", "sv"],
    "registry.table": ["registry", "--as-of", "2025-06-30"],
    "registry.csv": ["registry", "--as-of", "2025-06-30", "--format", "csv"],
    "registry.json": ["registry", "--as-of", "2025-06-30", "--format", "json"],
    "registry.markdown": ["registry", "--as-of", "2025-06-30", "--format", "markdown"],
    "new-agreement-fi.toml": [
        *("new-agreement", "--county", "Pirkanmaa", "--municipality", "Tampere"),
        *("--municipality", "Nokia", "--from", "2027-01-01", "--lang", "fi"),
    ],
    "new-agreement-en.toml": [
        *("new-agreement", "--county", "Kainuu", "--municipality", "Kajaani"),
        *("--from", "2027-01-01", "--until", "2028-12-31", "--lang", "en"),
    ],
    "registry-pirkanmaa.table": ["registry", "--county", "Pirkanmaa", "--as-of", "2025-06-30"],
    "registry-etela-savo-2024.csv": [
        "registry",
        "--county",
        "12",
        "--as-of",
        "2024-12-31",
        "--format",
        "csv",
    ],
    "schema-agreement.json": ["schema", "--kind", "agreement"],
    "check-every-rule.txt": [*CHECK, *AS_OF],
    "check-every-rule.json": [*CHECK, *AS_OF, "--format", "json"],
    "check-every-rule.markdown": [*CHECK, *AS_OF, "--format", "markdown"],
    "check-every-rule-fi.txt": [*CHECK, *AS_OF, "--lang", "fi"],
    "check-every-rule-sv.markdown": [*CHECK, *AS_OF, "--lang", "sv", "--format", "markdown"],
    "check-template.txt": ["check", "check/template.toml", *AS_OF],
    "rules.table": ["rules"],
    "rules-fi.table": ["rules", "--lang", "fi"],
    "rules-fg113.txt": ["rules", "FG113"],
    "rules-fg101-sv.txt": ["rules", "fg101", "--lang", "sv"],
    "rules.json": ["rules", "--format", "json"],
}
# exit status 1: the check found something at or above --fail-on
FAILING = {"check-every-rule.txt", "check-every-rule.json", "check-every-rule.markdown"}
FAILING |= {"check-every-rule-fi.txt", "check-every-rule-sv.markdown"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(
    name: str,
    runner: CliRunner,
    update_golden: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # copies, so that file names in messages are the same installed or not
    shutil.copytree(example_path(), tmp_path / "agreements")
    shutil.copytree(FIXTURES / "ten-mistakes", tmp_path / "ten-mistakes")
    shutil.copytree(FIXTURES / "check", tmp_path / "check")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, CASES[name])

    # the bytes, since click's Result.stdout turns CRLF into LF
    raw = result.stderr_bytes if name.endswith(".stderr") else result.stdout_bytes
    output = raw.decode("utf-8")
    expected = 2 if name.endswith(".stderr") else 1 if name in FAILING else 0
    assert result.exit_code == expected, result.output
    check_golden(name, output, update_golden)
