"""Text from the data is shown, never obeyed (SPEC §8).

A dataset whose every name, id, label and reference holds terminal escapes (``ESC]0;…BEL``
retitles a terminal, ``ESC[2J`` clears it), a bidi override, NUL, DEL, a C1 control, line
breaks and Markdown that would act (``<script>``, a ``javascript:`` link) is run through every
command and format: no raw control character reaches stdout or stderr, Markdown renders the
text as text, and JSON still holds it exactly. The CliRunner is asked for colour, since click
otherwise strips ``ESC[…`` sequences from what it prints and would hide a leak.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from fundgap.errors import DatasetError, Location, LookupFailedError, Problem
from fundgap.render.table import Table, render
from fundgap.shown import escaped_in_json, shown, shown_in_markdown
from fundgap_cli import cli
from tests.conftest import SERVICES, write_files

# What must never reach a terminal raw, as Unicode's own categories say: the controls but tab
# and line feed (Cc), the format characters (Cf: bidi controls, zero-width characters, tags),
# the line and paragraph separators (Zl, Zp), lone surrogates (Cs); and what shows as nothing
# though it is a letter or a mark: the Hangul fillers and the variation selectors.
INVISIBLE = {"\u115f", "\u1160", "\u3164", "\uffa0"} | {
    chr(c) for c in [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
}
CONTROLS = [
    char
    for char in map(chr, range(0x110000))
    if char in INVISIBLE
    or (unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and char not in "\t\n")
]
RAW = re.compile("[" + "".join(map(re.escape, CONTROLS)) + "]")

# One line of hostile text: a CSV cell cannot hold a line break, and ids are written in one.
ON_A_LINE = (
    "\x1b]0;pwned\x07\x1b[2J\u202etxt.exe\x00\x7f\x9b31m\u200b\xad\ufeff <script>alert(1)</script> "
    "[x](javascript:alert(1)) | *b* _i_ `c` \\ # &amp; ~~s~~ $x$"
)
HOSTILE = ON_A_LINE + "\u2028\nforged"  # and a line break that would forge a line

DATASET = "Dataset " + HOSTILE
ORGANISATION = "org " + ON_A_LINE
SERVICE = "svc " + ON_A_LINE
SERVICE_NAME = "Service " + HOSTILE
AGREEMENT = "agr " + ON_A_LINE
DRAFT = "draft " + ON_A_LINE
CLAUSE = "K " + ON_A_LINE
LABEL = "en " + HOSTILE
FUNDER = "Funder " + ON_A_LINE
REFERENCE = "Ref " + ON_A_LINE
PUBLIC_LOOKING = "Tampereen kaupunki, sivistyslautakunta " + ON_A_LINE  # a warning on stderr


def toml(text: str) -> str:
    """A TOML basic string: JSON's escapes (``\\u001b``) are TOML's."""
    return json.dumps(text)


def cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def agreement(identifier: str, status: str, category: str) -> str:
    return f"""\
id = {toml(identifier)}
title = {toml("Title " + HOSTILE)}
status = "{status}"
county = "Pirkanmaa"
municipalities = ["Tampere", "Nokia"]
valid_from = 2025-01-01
valid_until = 2025-12-31
notice_months = 6

[[clauses]]
id = {toml(CLAUSE)}
categories = ["{category}"]
county_share = 60
municipality_share = 40
"""


FILES = {
    "fundgap.toml": f"name = {toml(DATASET)}\ndefault_year = 2025\n",
    "categories.toml": f"""\
[[categories]]
key = "hostile"
zone = "grey"
label_fi = {toml("fi " + HOSTILE)}
label_sv = {toml("sv " + HOSTILE)}
label_en = {toml(LABEL)}
""",
    "services.toml": f"""\
[[organisations]]
id = {toml(ORGANISATION)}
name = {toml("Organisation " + HOSTILE)}
business_id = "2077474-0"

[[services]]
id = {toml(SERVICE)}
name = {toml(SERVICE_NAME)}
organisation = {toml(ORGANISATION)}
category = "hostile"
municipalities = ["Tampere", "Nokia"]
annual_cost = 420000
""",
    "agreements/pirha-2025.toml": agreement(AGREEMENT, "signed", "hostile"),
    "agreements/draft.toml": agreement(DRAFT, "draft", "clubhouse"),
    "funding.csv": "service;funder;start;end;amount;instrument;reference\r\n"
    + "".join(
        ";".join([cell(SERVICE), cell(funder), "2025-01-01", "2025-12-31", amount, "grant", ref])
        + "\r\n"
        for funder, amount, ref in [
            (FUNDER, "80000", cell(REFERENCE)),
            (PUBLIC_LOOKING, "1000", "r"),
        ]
    ),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("hostile") / "dataset", dict(FILES))


def run(args: list[str]) -> Result:
    """The command, with click's stripping of ``ESC[…`` turned off (``color=True``)."""
    return CliRunner().invoke(cli, args, color=True)


def assert_shown(text: str) -> None:
    """Nothing in ``text`` acts on a terminal, and no line of it was forged by the data."""
    if found := RAW.search(text):
        start = found.start()
        pytest.fail(
            f"raw {found.group()!r} reaches the terminal: {text[start - 40 : start + 40]!r}"
        )
    assert not any(line.startswith("forged") for line in text.splitlines())


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- every command and format --------------------------------------------------------------------

TEXT_RUNS = {
    "validate": ["validate"],
    "gaps table": ["gaps"],
    "gaps by funder": ["gaps", "--by", "funder"],
    "gaps by category": ["gaps", "--by", "category"],
    "report": ["report", "--with-draft", "agreements/draft.toml"],
    "report fi": ["report", "--lang", "fi"],
    "explain": ["explain", SERVICE, "--with-draft", "agreements/draft.toml"],
}
MARKDOWN_RUNS = {
    "gaps": ["gaps", "--format", "markdown"],
    "gaps by funder": ["gaps", "--by", "funder", "--format", "markdown"],
    "gaps by category": ["gaps", "--by", "category", "--format", "markdown"],
    "report": ["report", "--format", "markdown", "--with-draft", "agreements/draft.toml"],
}
JSON_RUNS = {
    "validate": (["validate", "--format", "json"], [DATASET]),
    "gaps": (["gaps", "--format", "json"], [DATASET, SERVICE, SERVICE_NAME, REFERENCE, CLAUSE]),
    "gaps by funder": (["gaps", "--by", "funder", "--format", "json"], ["other:" + FUNDER]),
    "report": (
        ["report", "--format", "json", "--with-draft", "agreements/draft.toml"],
        [DATASET, SERVICE_NAME, AGREEMENT, DRAFT, CLAUSE, REFERENCE],
    ),
    "explain": (["explain", SERVICE, "--format", "json"], [SERVICE_NAME, FUNDER, REFERENCE]),
}


def with_dataset(args: list[str], root: Path) -> list[str]:
    """``args`` with the dataset after the command (and the service of ``explain``), and a
    draft given by its path in the dataset."""
    at = 2 if args[0] == "explain" else 1
    args = [str(root / a) if a.startswith("agreements/") else a for a in args]
    return [*args[:at], str(root), *args[at:]]


@pytest.mark.parametrize("args", TEXT_RUNS.values(), ids=TEXT_RUNS.keys())
def test_text_shows_the_data(hostile: Path, args: list[str]) -> None:
    result = run(with_dataset(args, hostile))

    assert result.exit_code == 0, result.output
    assert_shown(result.stdout)
    assert_shown(result.stderr)
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202etxt.exe\\x00\\x7f\\x9b31m" in result.stdout


def test_gaps_table_shows_each_cell_on_its_row(hostile: Path) -> None:
    lines = run(["gaps", str(hostile)]).stdout.splitlines()

    assert len(lines) == 3
    assert shown(SERVICE) in lines[2]
    assert shown(SERVICE_NAME) in lines[2]
    assert shown(LABEL) in lines[2]


def test_explain_shows_every_line_of_the_data(hostile: Path) -> None:
    text = run(["explain", SERVICE, str(hostile)]).stdout

    for value in (SERVICE, SERVICE_NAME, LABEL, AGREEMENT, CLAUSE, FUNDER, REFERENCE):
        assert shown(value) in text


def test_validate_shows_the_dataset_label_and_warning(hostile: Path) -> None:
    result = run(["validate", str(hostile)])

    assert f"Dataset: {shown(DATASET)} (1 dataset)" in result.stdout
    assert shown(LABEL) in result.stdout
    assert "1 warning:" in result.stdout
    assert "sivistyslautakunta \\x1b]0;pwned" in result.stdout


@pytest.mark.parametrize("command", ["gaps", "report", "explain"])
def test_a_warning_on_stderr_is_shown(hostile: Path, command: str) -> None:
    args = ["explain", SERVICE] if command == "explain" else [command]
    result = run(with_dataset(args, hostile))

    assert "fundgap: warning: " in result.stderr
    assert "sivistyslautakunta \\x1b]0;pwned\\x07" in result.stderr
    assert_shown(result.stderr)


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ACTING = {"html_inline", "html_block", "link_open", "image", "em_open", "strong_open", "s_open"}
ACTING |= {"code_inline", "code_block", "fence", "blockquote_open"}


@pytest.mark.parametrize("args", MARKDOWN_RUNS.values(), ids=MARKDOWN_RUNS.keys())
def test_markdown_renders_the_data_as_text(hostile: Path, args: list[str]) -> None:
    result = run(with_dataset(args, hostile))

    assert result.exit_code == 0, result.output
    assert_shown(result.stdout)
    assert_shown(result.stderr)
    tokens = MARKDOWN.parse(result.stdout)
    acting = {token.type for block in tokens for token in [block, *(block.children or [])]}
    acting &= ACTING
    assert not acting, f"the data made Markdown act: {acting}"
    rendered = MARKDOWN.render(result.stdout)
    assert "<script>" not in rendered
    assert escapeHtml(shown(ON_A_LINE)) in rendered


def test_markdown_cells_and_headings_hold_the_shown_text(hostile: Path) -> None:
    gaps = MARKDOWN.render(run(["gaps", str(hostile), "--format", "markdown"]).stdout)
    report = MARKDOWN.render(run(["report", str(hostile), "--format", "markdown"]).stdout)

    for value in (SERVICE, SERVICE_NAME, LABEL):
        assert f"<td>{escapeHtml(shown(value))}</td>" in gaps
    title = f"<h1>fundgap report: {escapeHtml(shown(DATASET))}, 2025</h1>"
    assert title in report


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_note_naming_a_dataset_without_funding_is_shown(tmp_path: Path, fmt: str) -> None:
    """In a collection, the sentence under the table names the datasets that record no funding
    for the year."""
    write_files(tmp_path / "a", dict(FILES))
    unrecorded = "Unrecorded " + HOSTILE
    write_files(
        tmp_path / "b", {"fundgap.toml": f"name = {toml(unrecorded)}\n", "funding.csv": None}
    )

    result = run(["gaps", str(tmp_path), "--format", fmt])

    assert result.exit_code == 0, result.output
    assert_shown(result.stdout)
    assert_shown(result.stderr)
    note = result.stdout.splitlines()[-1]
    assert note.startswith("No funding decision for 2025 is recorded yet in:")
    if fmt == "markdown":
        assert escapeHtml(shown(unrecorded)) in MARKDOWN.render(note)
    else:
        assert shown(unrecorded) in note


@pytest.mark.parametrize("dialect", ["rfc4180", "excel-fi"])
def test_csv_shows_the_data(hostile: Path, dialect: str) -> None:
    result = run(["gaps", str(hostile), "--format", "csv", "--csv-dialect", dialect])

    assert result.exit_code == 0, result.output
    bom = "\ufeff" if dialect == "excel-fi" else ""  # fundgap's own, for Excel
    assert result.stdout.startswith(bom)
    assert_shown(result.stdout.removeprefix(bom))
    delimiter = ";" if dialect == "excel-fi" else ","
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=delimiter))
    assert rows[1][:3] == [shown(SERVICE), shown(SERVICE_NAME), shown(LABEL)]


@pytest.mark.parametrize(("args", "exact"), JSON_RUNS.values(), ids=JSON_RUNS.keys())
def test_json_keeps_the_data_exactly(hostile: Path, args: list[str], exact: list[str]) -> None:
    result = run(with_dataset(args, hostile))

    assert result.exit_code == 0, result.output
    assert_shown(result.stdout)  # written as JSON escapes
    assert_shown(result.stderr)
    held = set(strings(json.loads(result.stdout)))
    for value in exact:
        assert value in held


# --- messages on stderr --------------------------------------------------------------------------


def test_a_loader_error_quoting_an_unknown_id_is_shown(tmp_path: Path) -> None:
    funding = f"service;funder;start;end;amount\r\n{cell('nope ' + ON_A_LINE)};STEA;2025;2025;1\r\n"
    root = write_files(tmp_path / "dataset", {"funding.csv": funding})

    result = run(["validate", str(root)])

    assert result.exit_code == 2
    assert "unknown service 'nope \\x1b]0;pwned\\x07\\x1b[2J\\u202etxt.exe" in result.stderr
    assert_shown(result.stderr)


def test_a_file_name_in_an_error_is_shown(tmp_path: Path) -> None:
    """A file name is not quoted with repr: the Problem shows it, line break included."""
    name = "funding/evil \x1b]0;pwned\x07\u202e\nforged.csv"
    root = write_files(tmp_path / "dataset", {name: "service;funder;start;end;amount\r\nx\r\n"})

    result = run(["validate", str(root)])

    assert result.exit_code == 2
    assert "evil \\x1b]0;pwned\\x07\\u202e\\nforged.csv" in result.stderr
    assert_shown(result.stderr)


def test_a_file_name_that_is_not_utf8_is_shown(tmp_path: Path) -> None:
    """Its byte comes as a lone surrogate; the loader names the file with the byte written as
    ``ls -b`` writes it, and nothing raw reaches the terminal."""
    root = write_files(tmp_path / "dataset", {"services.toml": None})
    folder = root / "services"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"s\xe4.toml")).write_text(SERVICES, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 file names")

    result = run(["explain", "tre-klubitalo", str(root)])

    assert result.exit_code == 0, result.output
    assert "services/s\\xe4.toml:6: services[0]" in result.stdout
    assert_shown(result.stdout)


def test_an_unknown_service_to_explain_is_shown(hostile: Path) -> None:
    result = run(["explain", "nope " + HOSTILE, str(hostile)])

    assert result.exit_code == 2
    assert "unknown service 'nope \\x1b]0;pwned" in result.stderr
    assert_shown(result.stderr)


def test_an_unknown_county_in_the_registry_is_shown() -> None:
    result = run(["registry", "--county", ON_A_LINE])

    assert result.exit_code == 2
    assert_shown(result.stderr)


def test_a_message_shows_its_data_and_keeps_its_own_lines() -> None:
    problem = Problem(Location("a\x1b[2J.toml", 3, "name"), "is 'x\ny'", "text\x9b")
    error = DatasetError([problem, problem])

    assert str(problem) == "a\\x1b[2J.toml:3: name: is 'x\\ny'; expected text\\x9b"
    assert str(error).splitlines() == ["the dataset has 2 problems:", *[f"  {problem}"] * 2]
    assert str(problem.message) == "is 'x\ny'"  # the value keeps the text; only str() shows it


def test_an_error_shows_its_data_and_keeps_it() -> None:
    error = LookupFailedError("service", "x", hint="try \x1b]0;y\x07")

    assert str(error) == "unknown service 'x'; try \\x1b]0;y\\x07"
    assert str(error.message).endswith("\x1b]0;y\x07")


# --- the rendering of one table -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_every_table_rendering_shows_headings_and_cells(fmt: str) -> None:
    table = Table(columns=("a" + ON_A_LINE,), rows=((HOSTILE,),))

    assert_shown(render(table, fmt).replace("\r\n", "\n"))  # CSV's own line ends


def test_json_rendering_keeps_the_text() -> None:
    table = Table(columns=("a",), rows=((HOSTILE,),))
    text = render(table, "json")

    assert_shown(text)
    assert json.loads(text) == [{"a": HOSTILE}]


# --- properties of the showing ------------------------------------------------------------------

# All of Unicode (surrogates too), with the characters that are shown drawn often.
any_text = st.text(st.one_of(st.characters(exclude_categories=()), st.sampled_from(CONTROLS)))


@given(any_text)
def test_shown_text_holds_no_control_character(text: str) -> None:
    assert RAW.search(shown(text)) is None
    assert "\n" not in shown(text)
    assert RAW.search(shown(text, multiline=True)) is None
    assert shown(text, multiline=True).count("\n") == text.count("\n")


@given(any_text.map(lambda text: RAW.sub("", text)))
def test_showing_changes_nothing_else(text: str) -> None:
    assert shown(text, multiline=True) == text
    assert shown(text) == text.replace("\n", "\\n")


@given(any_text)
def test_showing_twice_is_showing_once(text: str) -> None:
    assert shown(shown(text)) == shown(text)
    assert shown(shown(text, multiline=True), multiline=True) == shown(text, multiline=True)


def test_each_control_character_is_shown_as_python_writes_it() -> None:
    for char in [*CONTROLS, "\n"]:
        if "\udc80" <= char <= "\udcff":  # a byte that is not UTF-8, as ls -b writes it
            assert shown(char) == f"\\x{ord(char) - 0xDC00:02x}", char
        elif char in INVISIBLE:  # Python counts these as printable: written as it writes others
            code = ord(char)
            assert shown(char) == (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            assert shown(char) == repr(char)[1:-1], char
    assert shown("\t") == "\t"
    assert shown("a\u202eb\x1b") == "a\\u202eb\\x1b"


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_json_escapes_keep_the_text(text: str) -> None:
    document = escaped_in_json(json.dumps({"t": text}, ensure_ascii=False))

    assert RAW.search(document) is None
    assert json.loads(document) == {"t": text}


def test_json_escapes_a_lone_surrogate() -> None:
    document = escaped_in_json(json.dumps("funding/\udce4.csv", ensure_ascii=False))

    assert document == '"funding/\\udce4.csv"'
    assert json.loads(document) == "funding/\udce4.csv"


# Text as a file holds it (no surrogates), with what Markdown acts on drawn often.
markdown_text = st.lists(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from("\\`*_[]<>|~&$#!()-+=.:;\"' \t\nax1"),
        st.sampled_from(["javascript:", "http://x.fi", "&amp;", "&#60;", "<b>", "![i](x)"]),
    )
).map("".join)


@given(markdown_text)
@example(ON_A_LINE)
@example(HOSTILE)
def test_a_markdown_cell_renders_as_the_shown_text(text: str) -> None:
    """Whatever the text, Markdown renders its cell as the text shown: nothing in it acts."""
    rendered = MARKDOWN.render(render(Table(columns=("h",), rows=((text,),)), "markdown"))

    found = re.search(r"<td>(.*)</td>", rendered, re.DOTALL)
    assert found is not None, rendered
    assert found.group(1) == escapeHtml(shown(text).strip())


@given(markdown_text)
@example(ON_A_LINE)
@example(HOSTILE)
def test_markdown_after_a_word_renders_as_the_shown_text(text: str) -> None:
    rendered = MARKDOWN.render("x " + shown_in_markdown(text) + "\n")

    assert rendered == f"<p>{escapeHtml(('x ' + shown(text)).strip())}</p>\n"


def test_markdown_keeps_words_with_underscores_readable() -> None:
    assert shown_in_markdown("meeting_place") == "meeting_place"
    assert shown_in_markdown("_i_ a__b c_") == "\\_i\\_ a__b c\\_"
    assert shown_in_markdown("<script>") == "\\<script\\>"
    assert shown_in_markdown("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
