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

CASES = {
    "validate-examples.txt": ["validate", "agreements"],
    "validate-examples.json": ["validate", "agreements", "--format", "json"],
    "validate-ten-mistakes.stderr": ["validate", "ten-mistakes"],
    "registry.table": ["registry", "--as-of", "2025-06-30"],
    "registry.csv": ["registry", "--as-of", "2025-06-30", "--format", "csv"],
    "registry.json": ["registry", "--as-of", "2025-06-30", "--format", "json"],
    "registry.markdown": ["registry", "--as-of", "2025-06-30", "--format", "markdown"],
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
}


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
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, CASES[name])

    # the bytes, since click's Result.stdout turns CRLF into LF
    raw = result.stderr_bytes if name.endswith(".stderr") else result.stdout_bytes
    output = raw.decode("utf-8")
    assert result.exit_code == (2 if name.endswith(".stderr") else 0), result.output
    check_golden(name, output, update_golden)
