"""Fixtures shared by the test modules: a CLI runner, dataset folders written from text, the
golden-file switch, and the hypothesis profiles."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

import fundgap
from fundgap.errors import DatasetError, Problem

# Every property and fuzz test takes its number of examples from the profile: "dev" by default,
# for feedback in under a minute while working; "ci", ten times as many, which `.ci/run`
# chooses with FUNDGAP_HYPOTHESIS_PROFILE=ci before it runs the README's test command.
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("ci", settings.get_profile("dev"), max_examples=500)
# By hand, for the fuzz modules only: 100,000 examples each (docs/fuzzing.md).
settings.register_profile("fuzz", settings.get_profile("dev"), max_examples=100_000)
settings.load_profile(os.environ.get("FUNDGAP_HYPOTHESIS_PROFILE", "dev"))

# The tests read English unless they ask for a language: the locale of a developer's or a CI
# machine (LANG=fi_FI.UTF-8) must not change what they see, nor what the processes they start
# write.
for _variable in ("FUNDGAP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_variable, None)

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"

MANIFEST = 'name = "Test dataset"\ndefault_year = 2025\n'

SERVICES = """\
[[organisations]]
id = "tre-mieli-ry"
name = "Tampereen Mieli ry"
business_id = "2077474-0"

[[services]]
id = "tre-klubitalo"
name = "Klubitalo Tampere"
organisation = "tre-mieli-ry"
category = "clubhouse"
municipalities = ["Tampere", "Nokia"]
annual_cost = 420000
"""

AGREEMENT = """\
id = "pirha-2025"
title = "Järjestöpalvelujen rahoitusvastuut 2025"
status = "signed"
county = "Pirkanmaa"
municipalities = ["Tampere", "Nokia"]
valid_from = 2025-01-01
valid_until = 2025-12-31
notice_months = 6

[[clauses]]
id = "K1"
categories = ["clubhouse"]
county_share = 60
municipality_share = 40
"""

FUNDING = (
    "\ufeffservice;funder;start;end;amount;instrument;reference\r\n"
    "tre-klubitalo;STEA;1.1.2025;31.12.2025;150\u00a0000,00 €;grant;STEA Ak 2025\r\n"
    "tre-klubitalo;Tampere;2025-01-01;2025-12-31;80000;grant;Kh 10.12.2024 § 456\r\n"
)

DatasetWriter = Callable[..., Path]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def fundgap_process(*args: str, **options: Any) -> subprocess.CompletedProcess[Any]:
    """``python -m fundgap ARGS`` in a process of its own, as a shell runs it (its own signals
    and standard streams): text on stdout and stderr captured, and a hang failing the test after
    two minutes, unless ``options`` (those of ``subprocess.run``) say otherwise."""
    defaults: dict[str, Any] = {
        "stdout": subprocess.PIPE,
        "stderr": subprocess.PIPE,
        "text": True,
        "timeout": 120,
        "check": False,
    }
    return subprocess.run(  # noqa: PLW1510 (check is in the defaults)
        [sys.executable, "-m", "fundgap", *args], **{**defaults, **options}
    )


def write_files(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the small valid dataset into ``root``, with any file replaced (text, bytes, or
    None to leave it out)."""
    contents: dict[str, str | bytes | None] = {
        "fundgap.toml": MANIFEST,
        "services.toml": SERVICES,
        "agreements/pirha-2025.toml": AGREEMENT,
        "funding.csv": FUNDING,
    }
    contents.update(files or {})
    for name, content in contents.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


@pytest.fixture
def write_dataset(tmp_path: Path) -> DatasetWriter:
    """:func:`write_files` into a folder of this test's temporary folder."""

    def write(files: dict[str, str | bytes | None] | None = None, folder: str = "dataset") -> Path:
        return write_files(tmp_path / folder, files)

    return write


def check_golden(name: str, text: str, update: bool) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; with --update-golden, rewrite it."""
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        if not update:
            pytest.fail(f"wrote the missing golden file {path}; check it and run again")
    assert text == path.read_bytes().decode("utf-8"), f"output differs from {path}"


def problems_of(root: Path) -> list[Problem]:
    """Every problem that loading ``root`` reports (it must fail)."""
    with pytest.raises(DatasetError) as caught:
        fundgap.load(root)
    return list(caught.value.problems)


def only_problem(root: Path) -> Problem:
    """The one problem that loading ``root`` reports."""
    problems = problems_of(root)
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]
