"""The commands that read data without analysing it: validate and registry."""

from __future__ import annotations

from datetime import date

import click

from fundgap_cli.options import (
    dataset_argument,
    format_option,
    language_option,
    note_default_dataset,
    parse_day,
    terminal_width,
)


@click.command("validate")
@dataset_argument
@format_option("validation", help="Text for people, JSON for programs.")
@language_option
def validate_command(dataset: str | None, fmt: str, lang: str) -> None:
    """Check a dataset and summarise what it holds.

    Reads every file of DATASET (a folder with fundgap.toml, or a folder of such folders) and
    reports every problem at once, each with its file, line and key. Without DATASET: the
    current folder if it holds fundgap.toml, else ./agreements/, else the shipped example.

    \b
    Examples:
      fundgap validate
      fundgap validate agreements/pirkanmaa --format json
    """
    from fundgap.commands import validate_output

    note_default_dataset(dataset)
    click.echo(validate_output(dataset, fmt=fmt, lang=lang), nl=False)


@click.command("registry")
@click.option("--county", help="A county's name or code: list its municipalities.")
@click.option(
    "--as-of",
    "as_of",
    callback=parse_day,
    help="The day whose municipalities to list (default: today), e.g. 2024-12-31.",
)
@format_option("registry")
@language_option
def registry_command(county: str | None, as_of: date | None, fmt: str, lang: str) -> None:
    """List the 21 wellbeing services counties and Helsinki, or one county's municipalities.

    \b
    Examples:
      fundgap registry
      fundgap registry --county Pirkanmaa
      fundgap registry --county "Etelä-Savo" --as-of 2024-12-31 --format csv
    """
    from fundgap.commands import registry_output

    text = registry_output(county, as_of, fmt=fmt, lang=lang, width=terminal_width())
    click.echo(text, nl=False)
