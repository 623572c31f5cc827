"""The ``fundgap`` command: a thin shell that parses options, calls the library and prints.

Every failure the user can cause ends in a one-line-per-problem message on stderr and exit
status 2; nothing here prints a traceback. Ctrl-C (SIGINT), SIGTERM and a closed terminal
(SIGHUP) end the run with one line on stderr and the shell's status for a death by that signal,
128 + its number (130, 143, 129), after every clean-up has run: no ``--output`` is left
half-written, and no temporary file is left behind.
"""

from __future__ import annotations

import signal
import sys

# Not typing's: the less this module imports, the sooner its handlers catch a Ctrl-C.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType
    from typing import Any, NoReturn

    from fundgap_cli.app import cli

__all__ = ["cli", "main"]

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


_RECEIVED: list[signal.Signals] = []
"""The signal that ended the run, also when its exception was lost on the way: raised in a
callback of the import machinery it is swallowed there ("Exception ignored"), and raised
while a class is made, Python wraps it in a RuntimeError."""


def _end(signum: int, _frame: FrameType | None) -> NoReturn:
    _run_over()  # a second Ctrl-C must not cut the clean-up of the first short
    _RECEIVED.append(signal.Signals(signum))
    raise _Ended(signal.Signals(signum))


def _run_over() -> None:
    """Let the signals do nothing once the run is ending: one that came while Python unwinds
    and shuts down would raise :class:`_Ended` where nothing catches it, with a traceback.
    A handler that does nothing, not SIG_IGN: Python reports a signal that is already on its
    way to a handler that has become SIG_IGN ("ignored due to race condition"). And blocked,
    where the system can: at its very end Python restores the default handlers, and a signal
    then would end a finished run silently with 130."""
    for number in _ENDINGS:
        if signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, _nothing)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, _ENDINGS)


def _nothing(_signum: int, _frame: FrameType | None) -> None:
    """The handler of a signal that comes while the run ends."""


LANGUAGE: list[str] = []
"""The language of the run once ``--lang`` has been read (see :mod:`fundgap_cli.options`)."""


def _say_ended(signum: signal.Signals) -> None:
    """One line on stderr; after Ctrl-C at a terminal, on a line of its own, not after the
    terminal's ``^C``."""
    start = "\n" if signum == signal.SIGINT and sys.stderr.isatty() else ""
    _say(f"{start}fundgap: {_in_language(_ENDINGS[signum])}\n")


def _in_language(ending: str) -> str:
    """``ending`` in the language of the run; in English if the catalogue cannot be read (the
    signal may have come while the modules that read it were being imported)."""
    try:
        from fundgap.i18n import label, translate
        from fundgap.i18n.language import choose_language

        language = LANGUAGE[0] if LANGUAGE else choose_language(None)
        words = {
            "interrupted": label("run ended by a signal", "interrupted"),
            "terminated": label("run ended by a signal", "terminated"),
            "hung up": label("run ended by a signal", "hung up"),
        }[ending]
        return translate(words, language)
    except Exception:  # the run is ending; English will do
        return ending


def _say(text: str) -> None:
    """Write ``text`` on stderr; nothing when stderr is gone (the terminal closed)."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _internal_error(error: str) -> str:
    """The lines that report a bug, in the language of the run when the catalogue can be
    read (the bug may be in what reads it)."""
    english = (
        f"fundgap: internal error: {error}\n"
        "This is a bug in fundgap; please report it with the command you ran.\n"
    )
    try:
        from fundgap.i18n import message, translate
        from fundgap.i18n.language import choose_language

        words = message(
            "fundgap: internal error: {error}\n"
            "This is a bug in fundgap; please report it with the command you ran.",
            error=error,
        )
        return translate(words, LANGUAGE[0] if LANGUAGE else choose_language(None)) + "\n"
    except Exception:  # the bug may be in the language layer itself
        return english


def main() -> None:
    """Run the command line; an unexpected failure is reported without a traceback, and a
    signal that ends the run as described above, from the first moment: the handlers are in
    place before click and the commands are imported.

    A signal ignored when fundgap starts stays ignored: ``nohup`` ignores SIGHUP, and a shell
    runs a background job with SIGINT ignored, so that neither ends it."""
    status = 0
    try:
        for number in _ENDINGS:
            if signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, _end)
        try:
            from fundgap_cli.click_language import speak

            speak(sys.argv[1:])  # before the commands are built: click names things then
            from fundgap_cli.app import run

            status = run()
        finally:
            _run_over()
    except _Ended:
        pass  # in _RECEIVED
    except KeyboardInterrupt:  # before the handler was in place
        _RECEIVED.append(signal.Signals.SIGINT)
    except Exception as error:
        if not _RECEIVED:
            from fundgap.shown import shown

            _say(_internal_error(f"{type(error).__name__}: {shown(str(error))}"))
            sys.exit(3)
    if _RECEIVED:
        _say_ended(_RECEIVED[0])
        sys.exit(128 + _RECEIVED[0])
    sys.exit(status)


def __getattr__(name: str) -> Any:
    """``fundgap_cli.cli``, the click group, imported when it is first asked for."""
    if name == "cli":
        from fundgap_cli.app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
