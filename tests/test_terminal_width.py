"""Text tables fit a terminal: long names are wrapped to its width (``COLUMNS`` first) and
municipalities are named; piped or written to a file, nothing is wrapped and the codes stay."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fundgap.commands import AnalysisOptions, gaps_output, registry_output, report_output
from fundgap.loading import example_path
from fundgap.render.table import Table, render
from tests.conftest import fundgap_process

OPTIONS = AnalysisOptions(year=2025, as_of=date(2026, 11, 28))
KAINUU = example_path() / "kainuu"


def _tables(text: str) -> list[list[str]]:
    """The text tables of a report: the runs of lines from a heading line to a blank line."""
    lines = text.splitlines()
    found, current = [], []
    for index, line in enumerate(lines):
        if (
            index + 1 < len(lines)
            and set(lines[index + 1]) <= {"-", " "}
            and "  " in lines[index + 1]
        ):
            current = [line]
        elif current and line:
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found + ([current] if current else [])


def test_a_table_wider_than_the_width_wraps_its_long_text_columns() -> None:
    table = Table(
        ("name", "amount"),
        (("Kohtaamo – avoin kohtaamispaikka Kajaani", 12), ("Klubitalo", 3)),
    )
    assert render(table, "table", width=30).splitlines() == [
        "name                amount",
        "----------------  --------",
        "Kohtaamo – avoin        12",
        "kohtaamispaikka",
        "Kajaani",
        "Klubitalo                3",
    ]
    assert len(render(table, "table").splitlines()) == 4  # no width: one line a row
    assert render(table, "table", width=200) == render(table, "table")


def test_the_report_fits_a_terminal_where_it_can() -> None:
    wide = report_output(KAINUU, OPTIONS, lang="fi")
    narrow = report_output(KAINUU, OPTIONS, lang="fi", width=100)
    assert max(map(len, wide.splitlines())) > 100
    # the table of the largest gaps and every paragraph now fit in 100 characters
    largest = _tables(narrow)[1]
    assert largest[0].startswith("palvelu")
    assert max(map(len, largest)) <= 100
    paragraphs = [line for line in narrow.splitlines()[:12] if "  " not in line]
    assert max(map(len, paragraphs)) <= 100
    # Markdown is never wrapped
    markdown = report_output(KAINUU, OPTIONS, fmt="markdown", lang="fi", width=40)
    assert markdown == report_output(KAINUU, OPTIONS, fmt="markdown", lang="fi")


def test_gaps_name_municipalities_for_people_and_give_codes_in_csv() -> None:
    piped = gaps_output(KAINUU, OPTIONS)
    on_a_terminal = gaps_output(KAINUU, OPTIONS, width=250)
    assert "Kajaani, Sotkamo, Paltamo" in piped
    assert "Kajaani, Sotkamo, Paltamo" in on_a_terminal
    assert "205 765 578 290 777" in gaps_output(KAINUU, OPTIONS, fmt="csv")
    assert max(map(len, on_a_terminal.splitlines())) <= 250
    assert gaps_output(KAINUU, OPTIONS, fmt="csv", width=80) == gaps_output(
        KAINUU, OPTIONS, fmt="csv"
    )


def test_the_registry_fits_a_terminal() -> None:
    text = registry_output(None, date(2025, 6, 30), lang="sv", width=90)
    assert max(map(len, text.splitlines())) <= 90
    assert max(map(len, registry_output(None, date(2025, 6, 30)).splitlines())) > 90


def _on_a_terminal(*args: str, columns: int) -> str:
    """What ``fundgap ARGS`` prints with its standard output on a terminal ``columns`` wide."""
    main, other = pty.openpty()
    environment = {**os.environ, "COLUMNS": str(columns)}
    process = subprocess.Popen(
        [sys.executable, "-m", "fundgap", *args],
        stdout=other,
        stderr=subprocess.DEVNULL,
        env=environment,
        cwd=Path(__file__).resolve().parent.parent,
    )
    os.close(other)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_command_line_fits_the_terminal_and_leaves_a_pipe_alone() -> None:
    args = ("gaps", str(KAINUU), "--year", "2025", "--as-of", "2026-11-28", "--lang", "sv")
    shown = _on_a_terminal(*args, columns=200)
    assert max(map(len, shown.splitlines())) <= 200
    assert "Kajana, Sotkamo" in shown
    piped = fundgap_process(*args, env={**os.environ, "COLUMNS": "200"}).stdout
    assert max(map(len, piped.splitlines())) > 200
    assert "Kajana, Sotkamo" in piped


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_a_table_too_wide_for_the_terminal_leaves_out_its_least_needed_columns(
    columns: int,
) -> None:
    text = gaps_output(KAINUU, OPTIONS, lang="fi", width=columns)
    assert max(map(len, text.splitlines())) <= columns
    assert "sopimatta" in text  # the responsibility stays
    if columns == 80:
        assert "saraketta jätetty pois" in text


def test_a_long_finnish_compound_is_broken_rather_than_widening_the_table() -> None:
    from fundgap.render.table import Table, render

    table = Table(("nimi", "vaje"), (("Vertaistukiryhmät mielenterveyskuntoutujille", 1),))
    text = render(table, "table", lang="fi", width=24)
    assert max(map(len, text.splitlines())) <= 24
