"""Text from the data as it is shown to a person: control characters made visible, Markdown
escaped, so that the text is read and never obeyed (SPEC §8).

A name, a reference or a file name in a dataset may come from anyone, a draft from the other
side of a negotiation included. Printed as it is, ``ESC ]0;… BEL`` retitles the reader's
terminal, ``ESC [2J`` clears it, U+202E turns ``exe.txt`` into what looks like ``txt.exe``, and
a line break forges a line of the output; in Markdown, ``<script>`` and ``[x](javascript:…)``
become HTML and links. Every renderer that writes for people (text, tables, Markdown, CSV,
messages on the terminal) passes text through :func:`shown`; Markdown through
:func:`shown_in_markdown`. JSON keeps the text exactly: :func:`escaped_in_json` only writes
the same characters as JSON escapes, which a JSON reader turns back into them.

A character is shown the way Python writes it in a string (``\\x1b``, ``\\x9b``, ``\\u202e``,
``\\n``, ``\\r``): one short form for every kind, the one the error messages already use when
they quote a value (``unknown service 'svc\\u202etxt.exe'``). Showing is for reading, not for
reading back: a name that holds the four characters ``\\x1b`` looks like one that holds ESC.
"""

from __future__ import annotations

import re

# C0 except tab and line feed, DEL and C1; Unicode's format characters (category Cf: the soft
# hyphen, the bidi marks, embeddings, overrides and isolates, the zero-width space, non-joiner
# and joiner, the word joiner, the tag characters and the rest, as of Unicode 15), which take
# no room or reorder what follows and so make ``svc1`` and ``svc1\u200b`` look the same; the
# characters that show as nothing though they are letters or marks (the Hangul fillers, the
# variation selectors); the Unicode line and paragraph separators, which some programs break
# lines at; and lone surrogates (a file name that is not UTF-8), which no terminal can be sent.
# Tab is kept: it moves to the next tab stop and hides or overwrites nothing.
_CONTROLS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\U000e0100-\U000e01ef"
    "\u2028\u2029\ud800-\udfff"
)
# Python keeps each byte of a file name or an argument that is not UTF-8 as one of these
# surrogates; it is shown as the byte, as ``ls -b`` shows it.
_BYTES = range(0xDC80, 0xDD00)
_IN_A_LINE = re.compile(f"[\n{_CONTROLS}]")
_IN_LINES = re.compile(f"[{_CONTROLS}]")
_NAMED = {"\n": "\\n", "\r": "\\r"}

# What makes Markdown act: a backslash (escapes), backticks (code), * and _ (emphasis),
# brackets (links, images), < and > (HTML, autolinks, block quotes), | (table cells), ~
# (strike-through), & (entities), $ (maths on GitHub) and # (headings). A run of _ between
# two letters or digits cannot start or end emphasis, so ``meeting_place`` stays as it is:
# only a run with something else (or nothing) on one side is escaped.
# (The lookahead first lets the search skip the other characters quickly.)
_MARKDOWN = re.compile(r"(?=[\\`*\[\]<>|~&$#_])(?:[\\`*\[\]<>|~&$#]|(?<!\w)_++|(?<!_)_++(?!\w))")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code in _BYTES:
        code -= 0xDC00
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character written out visibly (``\\x1b``, ``\\u202e``).

    A line break is shown as ``\\n`` too, since text from the data sits in a table cell or on
    a line of its own, where a break would forge a line; with ``multiline`` (a message of
    several lines that fundgap itself composed) line breaks are kept. Text without control
    characters is returned as it is."""
    pattern = _IN_LINES if multiline else _IN_A_LINE
    return pattern.sub(_visible, text) if pattern.search(text) else text


def _escaped_markdown(match: re.Match[str]) -> str:
    return "".join("\\" + char for char in match.group())


def shown_in_markdown(text: str) -> str:
    """``text`` :func:`shown` on one line and escaped so that Markdown renders it as the same
    characters: no HTML, link, emphasis, code or table cell comes out of it. fundgap's
    Markdown puts text from the data only in table cells and after words of its own, never
    at the start of a line, so ``-``, ``+`` and ``1.`` (lists) need no escape."""
    text = shown(text)
    return _MARKDOWN.sub(_escaped_markdown, text) if _MARKDOWN.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON writes a character beyond the first plane as two surrogates
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def escaped_in_json(document: str) -> str:
    """A JSON ``document`` with the control characters that ``json.dumps(ensure_ascii=False)``
    leaves as they are (DEL, C1, the bidi controls, the separators, lone surrogates) written
    as ``\\uXXXX`` escapes, which JSON readers turn back into the same characters: the data
    stays exact, and a document printed on a terminal does not act on it. JSON holds such
    characters only inside strings, and writes C0 as escapes itself."""
    return _IN_LINES.sub(_json_escape, document) if _IN_LINES.search(document) else document
