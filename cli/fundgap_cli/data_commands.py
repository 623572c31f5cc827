"""The commands that read data without analysing it, or none: validate, registry and schema."""

from __future__ import annotations

from datetime import date

import click

from fundgap.i18n.message import label, message
from fundgap_cli.options import (
    as_of_option,
    dataset_argument,
    emit,
    format_option,
    help_text,
    language_option,
    note_default_dataset,
    output_option,
    terminal_width,
)

# the kinds of TOML file, without importing the loader for --help (tests/test_schema.py checks)
SCHEMA_KINDS = ("agreement", "services", "manifest", "categories")


@click.command(
    "validate",
    help=help_text(
        message(
            "Check a dataset and summarise what it holds.\n\nReads every file of DATASET (a "
            "folder with fundgap.toml, or a folder of such folders) and reports every problem "
            "at once, each with its file, line and key. Without DATASET: the current folder if "
            "it holds fundgap.toml, else ./agreements/, else the shipped example."
        ),
        ("fundgap validate", "fundgap validate agreements/pirkanmaa --format json"),
    ),
)
@dataset_argument
@format_option("validation", help=message("Text for people, JSON for programs."))
@language_option
def validate_command(dataset: str | None, fmt: str, lang: str) -> None:
    """``fundgap validate``."""
    from fundgap.commands import validate_output

    note_default_dataset(dataset)
    click.echo(validate_output(dataset, fmt=fmt, lang=lang), nl=False)


@click.command(
    "registry",
    help=help_text(
        message(
            "List the 21 wellbeing services counties and Helsinki, or one county's municipalities."
        ),
        (
            "fundgap registry",
            "fundgap registry --county Pirkanmaa",
            'fundgap registry --county "Etelä-Savo" --as-of 2024-12-31 --format csv',
        ),
    ),
)
@click.option(
    "--county",
    metavar=help_text(label("metavar", "COUNTY")),
    help=help_text(message("A county's name or code: list its municipalities.")),
)
@as_of_option(message("The day whose municipalities to list (default: today), e.g. 2024-12-31."))
@format_option("registry")
@language_option
def registry_command(county: str | None, as_of: date | None, fmt: str, lang: str) -> None:
    """``fundgap registry``."""
    from fundgap.commands import registry_output

    text = registry_output(county, as_of, fmt=fmt, lang=lang, width=terminal_width())
    click.echo(text, nl=False)


@click.command(
    "schema",
    help=help_text(
        message(
            "Print the JSON Schema of one kind of TOML data file, for an editor to check the "
            "file as you type (docs/editors.md). It says the keys, types and limits that "
            "fundgap reads; names, references and sums only validate checks."
        ),
        (
            "fundgap schema",
            "fundgap schema --kind services -o services.schema.json",
        ),
    ),
)
@click.option(
    "--kind",
    "file_kind",
    type=click.Choice(SCHEMA_KINDS),
    default=SCHEMA_KINDS[0],
    show_default=True,
    help=help_text(
        message(
            "The kind of file: an agreement (agreements/*.toml), services.toml, the manifest "
            "fundgap.toml or categories.toml."
        )
    ),
)
@format_option("schema", help=message("JSON Schema, draft 2020-12."))
@output_option
@language_option
def schema_command(file_kind: str, fmt: str, output: str | None, lang: str) -> None:
    """``fundgap schema``."""
    from fundgap.commands import schema_output

    emit(schema_output(file_kind, fmt=fmt), output)
