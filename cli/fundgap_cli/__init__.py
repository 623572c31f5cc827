"""The ``fundgap`` command: a thin shell that parses options, calls the library and prints.

Every failure the user can cause ends in a one-line-per-problem message on stderr and exit
status 2; nothing here prints a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from fundgap_cli.analysis_commands import explain_command, gaps_command, report_command
from fundgap_cli.data_commands import registry_command, validate_command

EXAMPLES = """
\b
Examples:
  fundgap report                       the year's report of the dataset here, or the example
  fundgap gaps --status unassigned     the services nobody has agreed to fund
  fundgap explain pirha-kriisikeskus   how one service's figures were reached
  fundgap validate agreements/kainuu   check one dataset folder
  fundgap registry --county Pirkanmaa  list Pirkanmaa's municipalities with codes
"""


class _Group(click.Group):
    """Turns every fundgap error into a message and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        from fundgap.errors import FundgapError

        try:
            return super().invoke(ctx)
        except FundgapError as error:
            click.echo(f"fundgap: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`); nothing to report
            ctx.exit(1)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXAMPLES,
)
@click.version_option(package_name="fundgap", message="fundgap %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Who funds the NGO services between Finland's wellbeing services counties and
    municipalities, and where nobody does."""
    if os.environ.get("NO_COLOR"):
        ctx.color = False


for command in (
    report_command,
    gaps_command,
    explain_command,
    validate_command,
    registry_command,
):
    cli.add_command(command)


def main() -> None:
    """Run the command line; an unexpected failure is reported without a traceback."""
    try:
        cli.main(prog_name="fundgap")
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        click.echo(
            f"fundgap: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in fundgap; please report it with the command you ran.",
            err=True,
        )
        sys.exit(3)
