"""Options and arguments shared by several commands."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from fundgap.i18n.message import label, message

if TYPE_CHECKING:
    from fundgap.errors import Problem
    from fundgap.i18n import Message
    from fundgap.render.output import Reads

F = TypeVar("F", bound=Callable[..., Any])


def help_text(words: Message, examples: tuple[str, ...] = ()) -> str:
    """A help text in the language chosen before the commands were built (see
    :mod:`fundgap_cli.click_language`; English when none was), with command lines as
    ``examples`` after it, kept as written."""
    from fundgap.i18n import label
    from fundgap.i18n.translation import translate
    from fundgap_cli.click_language import CHOSEN

    language = CHOSEN[0] if CHOSEN else "en"
    text = translate(words, language)
    if examples:
        heading = translate(label("help", "Examples:"), language)
        text += "\n\n\b\n" + heading + "\n" + "\n".join(f"  {line}" for line in examples)
    return text


def format_option(kind: str, help: Message | None = None) -> Callable[[F], F]:
    """``--format`` with the formats the renderers write a document of ``kind`` in (the table
    of :mod:`fundgap.render.formats`), the first being the default."""
    from fundgap.render.formats import formats

    choices = formats(kind)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help_text(message("The format of the output.") if help is None else help),
    )


def csv_dialect_option(function: F) -> F:
    """``--csv-dialect``: RFC 4180, or what Finnish Excel opens directly."""
    from fundgap.render.formats import CSV_DIALECTS

    return click.option(
        "--csv-dialect",
        type=click.Choice(CSV_DIALECTS),
        default="rfc4180",
        show_default=True,
        help=help_text(
            message("excel-fi: ';', decimal comma and a BOM, as Finnish Excel opens directly.")
        ),
    )(function)


dataset_argument = click.argument(
    "dataset", required=False, type=click.Path(file_okay=False, path_type=str)
)


def parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """A day written as 2025-12-31 or 31.12.2025, within the days fundgap reads (SPEC §8)."""
    if value is None:
        return None
    from fundgap.i18n import Quoted, message
    from fundgap.limits import FIRST_DAY, LAST_DAY
    from fundgap.periods import parse_date

    try:
        day = parse_date(value)
    except ValueError:
        words = message("{text} is not a date like 2025-12-31 or 31.12.2025", text=Quoted(value))
        raise click.BadParameter(said(words)) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        words = message(
            "{text} is outside the days fundgap reads; expected a day from {first} to {last}",
            text=Quoted(value),
            first=FIRST_DAY,
            last=LAST_DAY,
        )
        raise click.BadParameter(said(words))
    return day


LANGUAGE_KEY = "fundgap.language"


def current_language() -> str:
    """The language of this run, as ``--lang`` or the environment chose it."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and LANGUAGE_KEY in ctx.meta:
        return str(ctx.meta[LANGUAGE_KEY])
    from fundgap.errors import UsageError
    from fundgap.i18n.language import DEFAULT_LANGUAGE, choose_language

    try:
        return choose_language(None)
    except UsageError:  # a FUNDGAP_LANG fundgap does not speak: say so in the locale's
        environment = {k: v for k, v in os.environ.items() if k != "FUNDGAP_LANG"}
        return choose_language(None, environment) or DEFAULT_LANGUAGE


def said(words: Message) -> str:
    """``words`` in the language of this run."""
    from fundgap.i18n import translate

    return translate(words, current_language())


def _chosen_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """The language of the run (``--lang``, else ``FUNDGAP_LANG``, else the locale), kept in
    the context so that an error met later is written in it too."""
    import fundgap_cli
    from fundgap.i18n.language import choose_language

    if value is None and LANGUAGE_KEY in ctx.meta:  # chosen before the command: fundgap --lang fi …
        return str(ctx.meta[LANGUAGE_KEY])
    language = choose_language(value)
    ctx.meta[LANGUAGE_KEY] = language
    fundgap_cli.LANGUAGE[:] = [language]  # for the line that a signal ending the run prints
    return language


language_option = click.option(
    "--lang",
    metavar=help_text(label("metavar", "LANGUAGE")),
    callback=_chosen_language,
    is_eager=True,
    help=help_text(
        message(
            "fi, sv or en (also fi_FI.UTF-8, sv-FI, FI): the language of everything written "
            "(default: $FUNDGAP_LANG, else the locale, else en)."
        )
    ),
)


def as_of_option(words: Message) -> Callable[[F], F]:
    """``--as-of DATE``, a day written as 2025-12-31 or 31.12.2025 (:func:`parse_day`), with
    the help text ``words`` that says what the command measures from it."""
    return click.option(
        "--as-of",
        "as_of",
        metavar=help_text(label("metavar", "DATE")),
        callback=parse_day,
        help=help_text(words),
    )


def note_default_dataset(dataset: str | None) -> None:
    """Say on stderr when no dataset was given or found here and the shipped example is used,
    so a user in the wrong folder does not mistake the example for their own data."""
    if dataset is not None:
        return
    from fundgap.loading import example_path, locate

    if locate(None) == example_path():
        from fundgap.i18n import message

        click.echo(
            said(
                message(
                    "fundgap: no fundgap.toml or agreements/ here; using the example collection "
                    "shipped with fundgap (give a DATASET folder to use your own)"
                )
            ),
            err=True,
        )


output_option = click.option(
    "--output",
    "-o",
    metavar=help_text(label("metavar", "FILE")),
    # no checks here: fundgap.render.output makes them all, with one wording for the CLI and library
    type=click.Path(readable=False, allow_dash=True, path_type=str),
    help=help_text(
        message(
            "Write to this file (atomically) instead of standard output; - is standard output. "
            "Never a file the command reads, nor a device, FIFO or folder."
        )
    ),
)


def refuse_output(output: str | None, reads: Reads) -> None:
    """Refuse a bad ``--output`` (see :func:`fundgap.render.output.check_output`) before the work
    starts, not after the user has waited for it; :func:`emit` checks again when it writes."""
    if output is not None and output != "-":
        from fundgap.render.output import check_output

        check_output(output, reads=reads)


def emit(text: str, output: str | None, reads: Reads | None = None) -> None:
    """Print ``text``, or write it atomically to ``output`` (``-`` is standard output), never
    onto an input of the command (``reads``)."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from fundgap.render.output import write_atomic

    write_atomic(output, text, reads=reads)


def terminal_width(output: str | None = None) -> int | None:
    """The width that text tables are fitted to: the terminal's (``COLUMNS`` first, as
    everywhere), when the text goes to a terminal; None for a file or a pipe, whose text is
    never wrapped."""
    import shutil
    import sys

    if output not in (None, "-") or not sys.stdout.isatty():
        return None

    return shutil.get_terminal_size().columns


def warn_on_stderr(problem: Problem) -> None:
    """Print a data-quality warning on stderr: standard output stays the document (JSON). The
    Problem shows the text it quotes from the data (a funder's name, a file's), so the warning
    cannot act on the terminal."""
    from fundgap.i18n import message

    language = current_language()
    click.echo(
        said(message("fundgap: warning: {problem}", problem=problem.text(language))), err=True
    )
