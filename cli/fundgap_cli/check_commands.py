"""The negotiators' checks: ``fundgap check`` and ``fundgap rules``."""

from __future__ import annotations

from datetime import date

import click

from fundgap.i18n.message import label, message
from fundgap.limits import FIRST_YEAR, LAST_YEAR
from fundgap_cli.options import (
    as_of_option,
    emit,
    format_option,
    help_text,
    language_option,
    output_option,
    refuse_output,
    terminal_width,
)


@click.command(
    "check",
    help=help_text(
        message(
            "Check draft agreements before they are signed: every rule of fundgap rules, each "
            "finding with its file, line and key. With --dataset, the rules that need services, "
            "funding and signed agreements run too, and the check ends with what signing would "
            "mean for the year: each party's expected contribution and the services that stay "
            "or become unassigned. Exit status 0 when nothing at or above --fail-on was found, "
            "1 when something was, 2 when a file could not be read."
        ),
        (
            "fundgap check draft.toml",
            "fundgap check draft.toml --dataset agreements/pirkanmaa",
            "fundgap check draft.toml --dataset agreements/pirkanmaa --format markdown -o memo.md",
            "fundgap check drafts/*.toml --fail-on warning --format json",
        ),
    ),
)
@click.argument("drafts", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--dataset",
    metavar=help_text(label("metavar", "DATASET")),
    type=click.Path(path_type=str),
    help=help_text(
        message(
            "The dataset or collection the drafts will join (its services, funding and signed "
            "agreements)."
        )
    ),
)
@click.option(
    "--year",
    metavar=help_text(label("metavar", "YEAR")),
    type=click.IntRange(FIRST_YEAR, LAST_YEAR),
    help=help_text(
        message("The year whose figures the check looks at (default: the year the draft starts).")
    ),
)
@as_of_option(message("The day of the analysis behind the figures (default: today)."))
@format_option("check")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help=help_text(message("The least severity of a finding that makes the exit status 1.")),
)
@output_option
@language_option
@click.pass_context
def check_command(
    ctx: click.Context,
    drafts: tuple[str, ...],
    dataset: str | None,
    year: int | None,
    as_of: date | None,
    fmt: str,
    fail_on: str,
    output: str | None,
    lang: str,
) -> None:
    """``fundgap check``."""
    from fundgap.commands import check_output
    from fundgap.reports import check_reads

    reads = check_reads(drafts, dataset)
    refuse_output(output, reads)
    text, status = check_output(
        drafts,
        dataset,
        year=year,
        as_of=as_of,
        fail_on=fail_on,
        fmt=fmt,
        lang=lang,
        width=terminal_width(output),
    )
    emit(text, output, reads)
    ctx.exit(status)


@click.command(
    "rules",
    help=help_text(
        message(
            "List the rules that fundgap check applies to a draft, or explain one: what it "
            "checks, why it matters, an example and its fix."
        ),
        ("fundgap rules", "fundgap rules FG101", "fundgap rules coverage-break"),
    ),
)
@click.argument("code", required=False, metavar=help_text(label("metavar", "CODE")))
@format_option("rules")
@output_option
@language_option
def rules_command(code: str | None, fmt: str, output: str | None, lang: str) -> None:
    """``fundgap rules``."""
    from fundgap.commands import rules_output

    text = rules_output(code, fmt=fmt, lang=lang, width=terminal_width(output))
    emit(text, output)
