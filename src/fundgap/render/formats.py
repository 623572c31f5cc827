"""Which formats each document is written in, and by which renderer: the one table that the
command line takes its ``--format`` choices from (the first format of a document is its
default). Adding a format is one renderer and one row here; adding a document, one entry.

A renderer is named as ``"module:function"`` and imported only when it writes, so that reading
this table (for ``--help``) imports nothing else; each takes the document
(:mod:`fundgap.reports`) and a :class:`Style` and returns the text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from fundgap.reports import Document

_TABLES = "fundgap.render.gaps"
_JSON = "fundgap.render.contracts"

RENDERERS: Mapping[str, Mapping[str, str]] = {
    "gaps": {
        "table": f"{_TABLES}:as_table",
        "csv": f"{_TABLES}:as_csv",
        "json": f"{_JSON}:gaps_json",
        "markdown": f"{_TABLES}:as_markdown",
    },
    "groups": {
        "table": f"{_TABLES}:as_table",
        "csv": f"{_TABLES}:as_csv",
        "json": f"{_JSON}:groups_json",
        "markdown": f"{_TABLES}:as_markdown",
    },
    "report": {
        "text": "fundgap.render.report:as_text",
        "markdown": "fundgap.render.report:as_markdown",
        "json": f"{_JSON}:report_json",
    },
    "explain": {
        "text": "fundgap.render.explain:as_text",
        "json": f"{_JSON}:explain_json",
    },
    "validation": {
        "text": "fundgap.render.validation:as_text",
        "json": f"{_JSON}:validation_json",
    },
    "registry": {
        "table": "fundgap.render.registry:as_table",
        "csv": "fundgap.render.registry:as_csv",
        "json": "fundgap.render.registry:as_json",
        "markdown": "fundgap.render.registry:as_markdown",
    },
    "schema": {
        "json": "fundgap.render.schema:as_json",
    },
    "template": {
        "toml": "fundgap.render.template:as_toml",
    },
    "agreements": {
        "table": "fundgap.render.agreements:as_table",
        "csv": "fundgap.render.agreements:as_csv",
        "json": f"{_JSON}:agreements_json",
        "markdown": "fundgap.render.agreements:as_markdown",
    },
    "check": {
        "text": "fundgap.render.check:as_text",
        "json": f"{_JSON}:check_json",
        "markdown": "fundgap.render.check:as_markdown",
    },
    "rules": {
        "text": "fundgap.render.rules:as_text",
        "markdown": "fundgap.render.rules:as_markdown",
        "json": "fundgap.render.rules:as_json",
    },
}

CSV_DIALECTS = ("rfc4180", "excel-fi")


def _language(value: str | None) -> str:
    from fundgap.i18n.language import choose_language

    return choose_language(value)


@attrs.frozen
class Style:
    """How a document is written besides its format: the language (``fi``, ``sv`` or ``en``,
    or a locale name such as ``fi_FI.UTF-8``; None for ``FUNDGAP_LANG``, else the locale, as
    :func:`fundgap.i18n.choose_language` reads them; another is a
    :class:`~fundgap.errors.UsageError`), the width of the terminal that text
    tables fit (None: a file or a pipe, nothing wrapped), and the CSV dialect (``rfc4180``, or
    ``excel-fi`` for Finnish Excel: ``;``, decimal comma, BOM)."""

    lang: str = attrs.field(default="en", converter=_language)  # None: as choose_language
    width: int | None = None
    csv_dialect: str = attrs.field(default="rfc4180", validator=attrs.validators.in_(CSV_DIALECTS))


def formats(kind: str) -> tuple[str, ...]:
    """The formats a document of ``kind`` is written in, the default first."""
    return tuple(RENDERERS[kind])


def renderer(kind: str, fmt: str) -> Callable[[Any, Style], str]:
    """The function that writes a document of ``kind`` in ``fmt``; a
    :class:`~fundgap.errors.UsageError` naming the formats there are for an unknown one."""
    choices = RENDERERS[kind]
    if fmt not in choices:
        from fundgap.errors import UsageError
        from fundgap.i18n.message import Quoted, label, listing, message, quoted

        raise UsageError(
            message(
                "unknown {what} {value}; expected one of {allowed}",
                what=label("option", "format"),
                value=Quoted(fmt),
                allowed=listing(quoted(tuple(choices)), "or"),
            )
        )
    module, _, function = choices[fmt].partition(":")
    found: Callable[[Any, Style], str] = getattr(importlib.import_module(module), function)
    return found


def render(document: Document, fmt: str, style: Style = Style()) -> str:
    """``document`` written in ``fmt`` (one of :func:`formats` of its kind) and ``style``."""
    return renderer(document.kind, fmt)(document, style)
