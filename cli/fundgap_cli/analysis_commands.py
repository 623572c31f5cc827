"""The analysing commands: gaps, report and explain."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from fundgap.i18n.message import label, message
from fundgap.limits import FIRST_YEAR, LAST_YEAR, MAX_HORIZON, MIN_HORIZON
from fundgap_cli.options import (
    F,
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
    warn_on_stderr,
)


def analysis_options(function: F) -> F:
    """--year, --as-of, --horizon and --with-draft, shared by every analysing command."""
    for option in reversed(
        [
            click.option(
                "--year",
                metavar=help_text(label("metavar", "YEAR")),
                type=click.IntRange(FIRST_YEAR, LAST_YEAR),
                help=help_text(message("The calendar year (default: the dataset's default_year).")),
            ),
            as_of_option(message("The day from which lapsing looks ahead (default: today).")),
            click.option(
                "--horizon",
                metavar=help_text(label("metavar", "MONTHS")),
                type=click.IntRange(MIN_HORIZON, MAX_HORIZON),
                default=12,
                show_default=True,
                help=help_text(
                    message("Months ahead in which an ending agreement counts as lapsing.")
                ),
            ),
            click.option(
                "--with-draft",
                "drafts",
                multiple=True,
                type=click.Path(dir_okay=False, path_type=str),
                help=help_text(
                    message("An agreement file to take as signed (what-if); may be repeated.")
                ),
            ),
        ]
    ):
        function = option(function)
    return function


def _options(year: int | None, as_of: date | None, horizon: int, drafts: tuple[str, ...]) -> Any:
    from fundgap.commands import AnalysisOptions

    return AnalysisOptions(year=year, as_of=as_of, horizon_months=horizon, drafts=drafts)


@click.command(
    "gaps",
    help=help_text(
        message(
            "List every service's need, funding, gap and statuses for a year, largest gap first."
        ),
        (
            "fundgap gaps --year 2025",
            "fundgap gaps --county Pirkanmaa --status unassigned",
            "fundgap gaps --by municipality --format csv --csv-dialect excel-fi -o gaps.csv",
            "fundgap gaps --with-draft agreements/pirkanmaa/agreements/tampere-seutu-2027.toml "
            "--year 2027",
        ),
    ),
)
@dataset_argument
@analysis_options
@click.option(
    "--county",
    metavar=help_text(label("metavar", "COUNTY")),
    help=help_text(message("Only services in this county (name or code).")),
)
@click.option(
    "--municipality",
    metavar=help_text(label("metavar", "MUNICIPALITY")),
    help=help_text(message("Only services in this municipality (name or code).")),
)
@click.option(
    "--category",
    metavar=help_text(label("metavar", "CATEGORY")),
    help=help_text(
        message("Only services of this category (its key, or its name in any language).")
    ),
)
@click.option(
    "--status",
    metavar=help_text(label("metavar", "STATUS")),
    help=help_text(
        message(
            "Only rows with this responsibility status, funding status or flag (its key, e.g. "
            "unassigned, or its name in any language)."
        )
    ),
)
@click.option(
    "--by",
    type=click.Choice(["county", "municipality", "category", "zone", "funder", "status", "party"]),
    help=help_text(message("Sum the rows by this field instead of listing them.")),
)
@format_option("gaps")
@csv_dialect_option
@output_option
@language_option
def gaps_command(
    dataset: str | None,
    year: int | None,
    as_of: date | None,
    horizon: int,
    drafts: tuple[str, ...],
    county: str | None,
    municipality: str | None,
    category: str | None,
    status: str | None,
    by: str | None,
    fmt: str,
    csv_dialect: str,
    output: str | None,
    lang: str,
) -> None:
    """``fundgap gaps``."""
    from fundgap.commands import analysis_reads, gaps_output

    note_default_dataset(dataset)
    options = _options(year, as_of, horizon, drafts)
    reads = analysis_reads(dataset, options)
    refuse_output(output, reads)
    text = gaps_output(
        dataset,
        options,
        county=county,
        municipality=municipality,
        category=category,
        status=status,
        by=by,
        fmt=fmt,
        csv_dialect=csv_dialect,
        lang=lang,
        warn=warn_on_stderr,
        width=terminal_width(output),
    )
    emit(text, output, reads)


@click.command(
    "report",
    help=help_text(
        message(
            "Report the year: key figures, the largest gaps, gaps by county, municipality and "
            "category, blind spots, contested services, lapsing agreements with their notice "
            "deadlines, funding cuts, and municipalities without an agreement."
        ),
        (
            "fundgap report",
            "fundgap report agreements/kainuu --year 2025 --format markdown -o kainuu-2025.md",
            "fundgap report --format json",
        ),
    ),
)
@dataset_argument
@analysis_options
@format_option("report")
@output_option
@language_option
def report_command(
    dataset: str | None,
    year: int | None,
    as_of: date | None,
    horizon: int,
    drafts: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str,
) -> None:
    """``fundgap report``."""
    from fundgap.commands import analysis_reads, report_output

    note_default_dataset(dataset)
    options = _options(year, as_of, horizon, drafts)
    reads = analysis_reads(dataset, options)
    refuse_output(output, reads)
    text = report_output(
        dataset, options, fmt=fmt, lang=lang, warn=warn_on_stderr, width=terminal_width(output)
    )
    emit(text, output, reads)


@click.command(
    "explain",
    help=help_text(
        message(
            "Show how every figure of SERVICE's row was reached: portions and weights, day "
            "segments, each clause applied (agreement, clause, file and line) or the default by "
            "law, overrides and conflicts, each funding decision counted, cap factors, and the "
            "arithmetic."
        ),
        (
            "fundgap explain pirha-klubitalo-nasinselka",
            "fundgap explain kainuu-kriisikeskus agreements/kainuu --year 2025 --format json",
        ),
    ),
)
@click.argument("service")
@dataset_argument
@analysis_options
@format_option("explain")
@language_option
def explain_command(
    service: str,
    dataset: str | None,
    year: int | None,
    as_of: date | None,
    horizon: int,
    drafts: tuple[str, ...],
    fmt: str,
    lang: str,
) -> None:
    """``fundgap explain``."""
    from fundgap.commands import explain_output

    note_default_dataset(dataset)
    options = _options(year, as_of, horizon, drafts)
    click.echo(
        explain_output(service, dataset, options, fmt=fmt, lang=lang, warn=warn_on_stderr),
        nl=False,
    )
