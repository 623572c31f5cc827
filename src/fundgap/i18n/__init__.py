"""Every word a person reads, in Finnish, Swedish or English (SPEC §8, §9).

Results and errors carry :class:`Message` values; :func:`translate` puts one into a language with
its gettext catalogue (``locale/*/LC_MESSAGES/fundgap.po``) and writes numbers, amounts and days
with CLDR's rules (Babel). :func:`choose_language` picks the language. JSON stays English.
This package imports only the message values eagerly: the rest loads when a message is
translated, so an error raised while loading costs nothing until it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fundgap.i18n.message import (
    Euros,
    Listing,
    Message,
    Names,
    Number,
    Quoted,
    label,
    listing,
    message,
    plural,
    quoted,
)

if TYPE_CHECKING:
    from fundgap.i18n.language import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
    from fundgap.i18n.language import LANGUAGES as LANGUAGES
    from fundgap.i18n.language import choose_language as choose_language
    from fundgap.i18n.translation import translate as translate

_LAZY = {
    "DEFAULT_LANGUAGE": "fundgap.i18n.language",
    "LANGUAGES": "fundgap.i18n.language",
    "choose_language": "fundgap.i18n.language",
    "translate": "fundgap.i18n.translation",
}

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Euros",
    "Listing",
    "Message",
    "Names",
    "Number",
    "Quoted",
    "choose_language",
    "label",
    "listing",
    "message",
    "plural",
    "quoted",
    "translate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'fundgap.i18n' has no attribute {name!r}")
