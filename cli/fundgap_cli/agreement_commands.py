"""The agreement register: ``fundgap agreements``."""

from __future__ import annotations

from datetime import date

import click

from fundgap.i18n.message import label, message
from fundgap_cli.options import (
    as_of_option,
    csv_dialect_option,
    dataset_argument,
    emit,
    format_option,
    help_text,
    language_option,
    note_default_dataset,
    output_option,
    refuse_output,
    terminal_width,
)


@click.command(
    "agreements",
    help=help_text(
        message(
            "List the agreements: parties, status, validity, notice deadline (upcoming or "
            "missed), what each replaces and what replaces it, the categories and services its "
            "clauses cover, caps and indexation; then, for every county and municipality, the "
            "years since 2023 with and without a signed agreement in force."
        ),
        (
            "fundgap agreements",
            "fundgap agreements --county Kainuu --status signed",
            "fundgap agreements agreements/pirkanmaa --as-of 2026-06-30 --format csv -o a.csv",
        ),
    ),
)
@dataset_argument
@click.option(
    "--county",
    metavar=help_text(label("metavar", "COUNTY")),
    help=help_text(message("Only agreements and municipalities of this county (name or code).")),
)
@click.option(
    "--municipality",
    metavar=help_text(label("metavar", "MUNICIPALITY")),
    help=help_text(
        message("Only agreements with this municipality as a party, and its years (name or code).")
    ),
)
@click.option(
    "--status",
    metavar=help_text(label("metavar", "STATUS")),
    help=help_text(
        message(
            "Only agreements with this status (draft, negotiation, signed or terminated, or its "
            "name in any language)."
        )
    ),
)
@as_of_option(
    message("The day against which notice deadlines are upcoming or missed (default: today).")
)
@format_option("agreements")
@csv_dialect_option
@output_option
@language_option
def agreements_command(
    dataset: str | None,
    county: str | None,
    municipality: str | None,
    status: str | None,
    as_of: date | None,
    fmt: str,
    csv_dialect: str,
    output: str | None,
    lang: str,
) -> None:
    """``fundgap agreements``."""
    from fundgap.commands import agreements_output, analysis_reads

    note_default_dataset(dataset)
    reads = analysis_reads(dataset)
    refuse_output(output, reads)
    text = agreements_output(
        dataset,
        county=county,
        municipality=municipality,
        status=status,
        as_of=as_of,
        fmt=fmt,
        csv_dialect=csv_dialect,
        lang=lang,
        width=terminal_width(output),
    )
    emit(text, output, reads)
