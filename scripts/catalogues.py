"""Keep the message catalogues in step with the source.

Finds every message the code writes (calls of ``message``, ``plural`` and ``label`` from
``fundgap.i18n``, whose texts must be literal strings), updates
``src/fundgap/i18n/locale/<language>/LC_MESSAGES/fundgap.po`` for Finnish, Swedish and English
(new ids added with an empty translation, gone ones dropped, translations kept), and compiles
each to the ``fundgap.mo`` that gettext reads at run time. Both are committed, so an installed
fundgap needs no build step. A translator edits a ``.po`` (Poedit, Weblate) and runs this again.

The output depends only on the source and the ``.po`` files (no timestamps), so running the
script twice gives identical bytes.

Also compiles ``cli/fundgap_cli/locale/<language>/LC_MESSAGES/click.po``, the Finnish and Swedish
of click's own messages (usage errors, help headings), which is kept by hand.

Usage:
  python scripts/catalogues.py           update the .po files and compile the .mo files
  python scripts/catalogues.py --check   exit 1, saying why, when they are not up to date or a
                                         Finnish or Swedish translation is missing
"""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "src" / "fundgap", ROOT / "cli" / "fundgap_cli")
LOCALE_DIR = ROOT / "src" / "fundgap" / "i18n" / "locale"
# click's own messages, translated by hand (their ids are click's, not in fundgap's source)
CLICK_LOCALE_DIR = ROOT / "cli" / "fundgap_cli" / "locale"
LANGUAGES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en"}
TRANSLATED = ("fi", "sv")  # English is the message ids themselves
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}
HEADER = """\
# fundgap's messages in {language}.
# Edit the translations (msgstr) here, e.g. in Poedit, then run: python scripts/catalogues.py
# The terms are those of the project glossary; the message ids are the English text.
#"""
# the functions that make messages, and which arguments hold the texts
MAKERS = {"message": ("text",), "plural": ("one", "many"), "label": ("context", "text")}

Key = tuple[str | None, str, str | None]  # context, text, plural


class SourceError(Exception):
    """A message maker called with a text that is not a literal string."""


def messages_in(file: Path, root: Path = ROOT) -> Iterator[tuple[Key, int]]:
    """Each message written in ``file``, with its line; ``root`` is what the error names the
    file relative to."""
    tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in MAKERS
        ):
            continue
        names = MAKERS[node.func.id]
        texts: list[str] = []
        for index in range(len(names)):
            argument = node.args[index] if index < len(node.args) else None
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                where = f"{file.relative_to(root)}:{node.lineno}"
                raise SourceError(f"{where}: {node.func.id}() needs a literal text")
            texts.append(argument.value)
        if node.func.id == "message":
            yield (None, texts[0], None), node.lineno
        elif node.func.id == "plural":
            yield (None, texts[0], texts[1]), node.lineno
        else:
            yield (texts[0], texts[1], None), node.lineno


def template() -> Catalog:
    """Every message of the source, in the order of the files and lines."""
    catalog = Catalog(project="fundgap", creation_date=FIXED_DATE, fuzzy=False)
    for source in SOURCES:
        for file in sorted(source.rglob("*.py")):
            if file.parent.name == "i18n" and file.name == "message.py":
                continue  # the makers' own definitions
            for (context, text, many), line in messages_in(file):
                msgid: str | tuple[str, str] = text if many is None else (text, many)
                catalog.add(msgid, context=context, locations=[(str(file.relative_to(ROOT)), line)])
    return catalog


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "fundgap.po"


def updated(language: str, source: Catalog) -> Catalog:
    """The catalogue of ``language``: the ids of ``source``, its translations kept."""
    path = po_path(language)
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=LANGUAGES[language])
    else:
        catalog = Catalog(locale=LANGUAGES[language], project="fundgap", fuzzy=False)
    catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.project = "fundgap"
    catalog.version = ""
    catalog.header_comment = HEADER.format(language=NAMES[language])
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    catalog.fuzzy = False
    catalog.msgid_bugs_address = "the fundgap issue tracker"
    catalog.last_translator = "fundgap developers"
    catalog.language_team = f"{NAMES[language]}, fundgap developers"
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """The ``.po`` file, without the Babel version that wrote it (so that any Babel writes the
    same bytes)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, omit_header=False)
    return re.sub(rb'"Generated-By: [^"]*"\n', b"", buffer.getvalue())


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def same_mo(path: Path, data: bytes) -> bool:
    """Whether the compiled catalogue at ``path`` holds the translations of ``data`` (its
    header names the Babel version that wrote it, which may differ)."""
    if not path.exists():
        return False

    def translations(raw: bytes) -> dict[object, str]:
        table = gettext.GNUTranslations(io.BytesIO(raw))._catalog  # type: ignore[attr-defined]
        return {key: value for key, value in table.items() if key != ""}

    return translations(path.read_bytes()) == translations(data)


def untranslated(catalog: Catalog) -> list[str]:
    """The ids of ``catalog`` without a translation (a plural needs every form)."""
    missing = []
    for entry in catalog:
        if not entry.id:
            continue
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(forms):
            missing.append(entry.id if isinstance(entry.id, str) else entry.id[0])
    return missing


def _click_catalogue(language: str, *, check: bool) -> list[str]:
    """Compile click's catalogue of ``language``; what is stale or missing in it."""
    path = CLICK_LOCALE_DIR / language / "LC_MESSAGES" / "click.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale=LANGUAGES[language])
    where = path.relative_to(ROOT)
    stale = [f"{where}: no translation of {text!r}" for text in untranslated(catalog)]
    mo_path, mo = path.with_suffix(".mo"), mo_bytes(catalog)
    if not same_mo(mo_path, mo):
        if check:
            stale.append(f"{mo_path.relative_to(ROOT)} is not up to date")
        else:
            mo_path.write_bytes(mo)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    arguments = parser.parse_args(argv)
    try:
        source = template()
    except SourceError as error:
        print(error, file=sys.stderr)
        return 1
    stale = []
    for language in LANGUAGES:
        catalog = updated(language, source)
        po, mo = po_bytes(catalog), mo_bytes(catalog)
        mo_path = po_path(language).with_suffix(".mo")
        for path, data in ((po_path(language), po), (mo_path, mo)):
            if path == mo_path and same_mo(path, data):
                continue
            if path.exists() and path.read_bytes() == data:
                continue
            if arguments.check:
                stale.append(f"{path.relative_to(ROOT)} is not up to date")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        if language in TRANSLATED:
            stale += [
                f"{po_path(language).relative_to(ROOT)}: no translation of {text!r}"
                for text in untranslated(catalog)
            ]
    for language in TRANSLATED:
        stale += _click_catalogue(language, check=arguments.check)
    for line in stale:
        print(line, file=sys.stderr)
    if stale and arguments.check:
        print("run: python scripts/catalogues.py, and translate what is missing", file=sys.stderr)
    return 1 if stale and arguments.check else 0


if __name__ == "__main__":
    sys.exit(main())
