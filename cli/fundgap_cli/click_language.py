"""click's own words (``Usage:``, ``Options``, ``Error: …`` and its usage errors) in the
language of the run.

click asks the standard library's ``gettext`` in its default domain for every message, and
names some things (``file``, ``directory``) when the commands are built. So before the commands
are imported, this binds that domain to fundgap's catalogue of click's messages
(``locale/<language>/LC_MESSAGES/click.po``) and names the language as gettext reads it. Done
once per run of the command line, never by the library.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Sequence
from pathlib import Path

DOMAIN = "click"
LOCALE_DIR = Path(__file__).with_name("locale")
CHOSEN: list[str] = []
"""The language :func:`speak` chose, which the commands' help texts are written in."""


def language_asked(arguments: Sequence[str]) -> str | None:
    """The value of ``--lang`` among ``arguments`` (``--lang fi``, ``--lang=fi``), if any,
    before click has read them."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


def speak(arguments: Sequence[str]) -> None:
    """Let click write in the language that ``arguments`` and the environment choose; a
    language fundgap does not speak leaves click in English (``--lang`` says why later)."""
    from fundgap.errors import UsageError
    from fundgap.i18n.language import choose_language

    try:
        language = choose_language(language_asked(arguments))
    except UsageError:
        return
    CHOSEN[:] = [language]
    if language == "en":
        return
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language  # how gettext, asked by click, learns the language
