"""The ``fundgap`` command group and how one run of it ends: every fundgap error as a message
and exit status 2, click's own messages with the arguments shown safely, and a standard output
that cannot be written as a message too. :func:`fundgap_cli.main` imports this module only once
the signals are handled."""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from fundgap.i18n.message import message
from fundgap_cli.agreement_commands import agreements_command
from fundgap_cli.analysis_commands import explain_command, gaps_command, report_command
from fundgap_cli.check_commands import check_command, rules_command
from fundgap_cli.data_commands import registry_command, schema_command, validate_command
from fundgap_cli.options import help_text, language_option
from fundgap_cli.streams import StandardOutputError, guard_standard_streams
from fundgap_cli.template_commands import new_agreement_command

if TYPE_CHECKING:
    from fundgap.errors import FundgapError


def _examples() -> str:
    """The group's examples, each command line with what it does in the language of the run."""
    from fundgap.i18n import label, message
    from fundgap_cli.options import help_text

    examples = [
        ("fundgap report", message("the year's report of the dataset here, or the example")),
        ("fundgap gaps --status unassigned", message("the services nobody has agreed to fund")),
        ("fundgap explain pirha-kriisikeskus", message("how one service's figures were reached")),
        ("fundgap validate agreements/kainuu", message("check one dataset folder")),
        (
            "fundgap registry --county Pirkanmaa",
            message("list Pirkanmaa's municipalities with codes"),
        ),
        (
            "fundgap agreements --county Kainuu",
            message("Kainuu's agreements, notice deadlines and years without one"),
        ),
        ("fundgap check draft.toml", message("check a draft agreement before it is signed")),
    ]
    width = max(len(line) for line, _ in examples) + 2
    lines = [f"  {line.ljust(width)}{help_text(words)}" for line, words in examples]
    return "\b\n" + help_text(label("help", "Examples:")) + "\n" + "\n".join(lines)


class _Group(click.Group):
    """Turns every fundgap error into a message and exit status 2."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """The group's context; an error in its own options (a bad ``FUNDGAP_LANG``, read by
        ``--lang``) ends the run as a message too."""
        from fundgap.errors import FundgapError

        try:
            return super().make_context(info_name, args, parent, **extra)
        except FundgapError as error:
            click.echo(error_line(error), err=True)
            raise click.exceptions.Exit(error.exit_code) from None

    def invoke(self, ctx: click.Context) -> Any:
        from fundgap.errors import FundgapError

        try:
            return super().invoke(ctx)
        except FundgapError as error:
            click.echo(error_line(error), err=True)
            ctx.exit(error.exit_code)


def error_line(error: FundgapError) -> str:
    """``fundgap: error: …`` in the language of the run."""
    from fundgap.i18n import message
    from fundgap_cli.options import current_language, said

    return said(message("fundgap: error: {error}", error=error.text(current_language())))


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_examples(),
    help=help_text(
        message(
            "Who funds the NGO services between Finland's wellbeing services counties and "
            "municipalities, and where nobody does."
        )
    ),
)
@click.version_option(package_name="fundgap", message="fundgap %(version)s")
@language_option
@click.pass_context
def cli(ctx: click.Context, lang: str) -> None:
    """The ``fundgap`` command group."""
    if os.environ.get("NO_COLOR"):
        ctx.color = False


for command in (
    report_command,
    gaps_command,
    explain_command,
    validate_command,
    registry_command,
    schema_command,
    new_agreement_command,
    agreements_command,
    check_command,
    rules_command,
):
    cli.add_command(command)


def run() -> int:
    """Run the command line once and return its exit status."""
    guard_standard_streams()
    from fundgap.shown import shown

    try:
        status = cli.main(prog_name="fundgap", standalone_mode=False)
        sys.stdout.flush()
    except click.exceptions.NoArgsIsHelpError as error:  # fundgap's own help, to show as it is
        error.show()
        return error.exit_code
    except click.ClickException as error:
        # click quotes arguments as they were typed ("unexpected extra arguments"); its
        # message is final to type checkers, not to Python
        vars(error)["message"] = shown(error.message)
        error.show()
        return error.exit_code
    except click.Abort:
        from fundgap.i18n import message
        from fundgap_cli.options import said

        click.echo(said(message("Aborted!")), err=True)
        return 1
    except StandardOutputError as error:
        if error.errno == errno.EPIPE:  # the reader went away (``| head``): nothing to say
            return 1
        from fundgap.i18n import message
        from fundgap_cli.options import said

        reason = message("cannot write to standard output ({reason})", reason=error.strerror)
        click.echo(said(message("fundgap: error: {error}", error=reason)), err=True)
        return 2
    return status if isinstance(status, int) else 0
