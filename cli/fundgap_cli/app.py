"""The ``fundgap`` command group and how one run of it ends: every fundgap error as a message
and exit status 2, click's own messages with the arguments shown safely, and a standard output
that cannot be written as a message too. :func:`fundgap_cli.main` imports this module only once
the signals are handled."""

from __future__ import annotations

import errno
import io
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


class StandardOutputError(OSError):
    """Standard output could not take what fundgap wrote (a full disk, a file size limit, a
    reader that went away)."""


class _Descriptor(io.RawIOBase):
    """A file descriptor written to in full: one ``write`` to a nearly full disk takes only
    part of the data, and Python's own file objects then drop the rest without an error."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.failed = False  # after a failure, the rest is dropped: the message was given

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        try:
            while view and not self.failed:
                view = view[os.write(self.descriptor, view) :]
        except OSError as error:
            self.failed = True
            raise StandardOutputError(error.errno, error.strerror) from None
        return total


def _guard_standard_streams() -> None:
    """Make standard output written in full when it is a file or a pipe (a terminal is
    neither full nor gone), and both streams show a character their encoding lacks (``€`` in
    Latin-1) as an escape instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    stdout = sys.stdout
    if not isinstance(stdout, io.TextIOWrapper) or stdout.isatty():
        return
    stdout.flush()
    encoding = stdout.encoding
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Descriptor(stdout.fileno())),
        encoding=encoding,
        errors="backslashreplace",
        newline=None,
        write_through=False,
    )


def run() -> int:
    """Run the command line once and return its exit status."""
    _guard_standard_streams()
    from fundgap.shown import shown

    try:
        status = cli.main(prog_name="fundgap", standalone_mode=False)
        sys.stdout.flush()
    except click.ClickException as error:
        # click quotes arguments as they were typed ("unexpected extra arguments"); its
        # message is final to type checkers, not to Python
        vars(error)["message"] = shown(error.message)
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("Aborted!", err=True)
        return 1
    except StandardOutputError as error:
        if error.errno == errno.EPIPE:  # the reader went away (``| head``): nothing to say
            return 1
        click.echo(f"fundgap: error: cannot write to standard output ({error.strerror})", err=True)
        return 2
    return status if isinstance(status, int) else 0
