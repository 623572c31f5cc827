"""The ``fundgap`` command: a thin shell that parses options, calls the library and prints.

Every failure the user can cause ends in a one-line-per-problem message on stderr and exit
status 2; nothing here prints a traceback. Ctrl-C (SIGINT), SIGTERM and a closed terminal
(SIGHUP) end the run with one line on stderr and the shell's status for a death by that signal,
128 + its number (130, 143, 129), after every clean-up has run: no ``--output`` is left
half-written, and no temporary file is left behind.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Any, NoReturn

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


# The signals that end a run, with the word fundgap says for each. Windows has no SIGHUP.
_ENDINGS = {
    signal.Signals.SIGINT: "interrupted",
    signal.Signals.SIGTERM: "terminated",
    **({signal.Signals.SIGHUP: "hung up"} if hasattr(signal, "SIGHUP") else {}),
}


class _Ended(BaseException):
    """A signal that ends the run, raised where the program is so that every ``finally`` and
    clean-up on the way runs. Not a KeyboardInterrupt, which click turns into "Aborted!" and
    exit status 1; not an Exception, so that no ``except Exception`` swallows it."""

    def __init__(self, signum: signal.Signals) -> None:
        super().__init__(signum)
        self.signum = signum


def _end(signum: int, _frame: FrameType | None) -> NoReturn:
    _run_over()  # a second Ctrl-C must not cut the clean-up of the first short
    raise _Ended(signal.Signals(signum))


def _run_over() -> None:
    """Ignore the signals once the command is done: one that came while Python unwinds and
    shuts down would raise :class:`_Ended` where nothing catches it, with a traceback."""
    for number in _ENDINGS:
        signal.signal(number, signal.SIG_IGN)


def _say_ended(signum: signal.Signals) -> None:
    """One line on stderr; after Ctrl-C at a terminal, on a line of its own, not after the
    terminal's ``^C``. Nothing when stderr is gone (the terminal closed)."""
    start = "\n" if signum == signal.SIGINT and sys.stderr.isatty() else ""
    try:
        sys.stderr.write(f"{start}fundgap: {_ENDINGS[signum]}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def main() -> None:
    """Run the command line; an unexpected failure is reported without a traceback, and a
    signal that ends the run as described above.

    A signal ignored when fundgap starts stays ignored: ``nohup`` ignores SIGHUP, and a shell
    runs a background job with SIGINT ignored, so that neither ends it."""
    try:
        for number in _ENDINGS:
            if signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, _end)
        try:
            cli.main(prog_name="fundgap")
        finally:
            _run_over()
    except _Ended as ended:
        _say_ended(ended.signum)
        sys.exit(128 + ended.signum)
    except KeyboardInterrupt:  # before the handler was in place
        _say_ended(signal.Signals.SIGINT)
        sys.exit(128 + signal.SIGINT)
    except Exception as error:
        from fundgap.shown import shown

        click.echo(
            f"fundgap: internal error: {type(error).__name__}: {shown(str(error))}\n"
            "This is a bug in fundgap; please report it with the command you ran.",
            err=True,
        )
        sys.exit(3)
