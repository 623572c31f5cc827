"""docs/format.md against the loader: every key, column, alias and category the loader knows is
documented where it belongs, the examples are valid, and the quoted error messages are real."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import fundgap
from fundgap.categories import BUILTIN_CATEGORIES, Zone
from fundgap.errors import DatasetError
from fundgap.loading._documents import (
    AgreementDoc,
    CategoryDoc,
    ClauseDoc,
    ManifestDoc,
    OrganisationDoc,
    ServiceDoc,
)
from fundgap.loading._funding_csv import (
    _ALIASES,
    COLUMNS,
    ERROR_LANGUAGES,
    ERROR_TABLE,
    ERROR_VALUES,
    LIBREOFFICE_ERROR,
    REQUIRED,
    SEPARATORS,
)
from fundgap.loading._resolving import _INSTRUMENT_ALIASES
from fundgap.model import AgreementStatus, Instrument
from fundgap.validation import _ADMINISTRATION_WORD, _PRIVATE_WORD, _PUBLIC_WORD
from tests.conftest import write_files

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "format.md"
TEXT = DOC.read_text(encoding="utf-8")
LINES = TEXT.splitlines()

# Each Doc class and the heading of the section whose key table documents it.
DOC_SECTIONS: dict[type, str] = {
    ManifestDoc: "## 4. `fundgap.toml`",
    OrganisationDoc: "### `[[organisations]]`",
    ServiceDoc: "### `[[services]]`",
    AgreementDoc: "### Agreement keys",
    ClauseDoc: "### `[[clauses]]`",
    CategoryDoc: "### Extra categories",
}
_FENCE = re.compile(r"^```(\w*)\s*$")
_EXAMPLE = re.compile(r"^<!-- example: (\S+) -->$")


# -- reading the Markdown ---------------------------------------------------------------------


def section(heading: str) -> list[str]:
    """The lines under ``heading`` up to the next heading (code blocks skipped)."""
    assert LINES.count(heading) == 1, f"heading {heading!r} not found once in {DOC}"
    start = LINES.index(heading) + 1
    found, fenced = [], False
    for line in LINES[start:]:
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            break
        found.append(line)
    return found


def table(lines: list[str], first_heading: str) -> list[list[str]]:
    """The rows (as cells) of the first table in ``lines`` whose first heading cell is given."""
    for index, line in enumerate(lines):
        if line.startswith("|") and cells(line)[0] == first_heading:
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(cells(row))
            return rows
    raise AssertionError(f"no table starting with {first_heading!r}")


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def code_names(cell: str) -> list[str]:
    """The `code` spans in a cell, in order."""
    return re.findall(r"`([^`]+)`", cell)


def code_blocks() -> list[tuple[int, str, str, str | None]]:
    """Every fenced block: (line number, language, text, example file name or None)."""
    blocks = []
    index = 0
    while index < len(LINES):
        match = _FENCE.match(LINES[index])
        if match is None:
            index += 1
            continue
        end = index + 1
        while not LINES[end].startswith("```"):
            end += 1
        previous = LINES[index - 1] if index else ""
        example = m.group(1) if (m := _EXAMPLE.match(previous)) else None
        body = "\n".join(LINES[index + 1 : end]) + "\n"
        blocks.append((index + 1, match.group(1), body, example))
        index = end + 1
    return blocks


TOML_BLOCKS = [(line, body) for line, lang, body, _ in code_blocks() if lang == "toml"]


# -- keys, columns, aliases, categories -------------------------------------------------------


@pytest.mark.parametrize("doc_type", list(DOC_SECTIONS), ids=lambda t: t.__name__)
def test_every_key_of_a_record_is_in_its_table(doc_type: type) -> None:
    rows = table(section(DOC_SECTIONS[doc_type]), "key")
    documented = {code_names(row[0])[0]: row for row in rows}
    fields = {field.name: field for field in attrs.fields(doc_type)}

    assert sorted(documented) == sorted(fields)
    for name, field in fields.items():
        assert f"`{name}`" in TEXT
        required = field.default is attrs.NOTHING
        assert documented[name][2].startswith("required" if required else "optional"), name


def test_the_builtin_categories_table_is_the_code() -> None:
    rows = table(section("### Built-in categories"), "key")

    assert [(code_names(r[0])[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        (c.key, c.label_fi, c.label_sv, c.label_en, c.zone.value) for c in BUILTIN_CATEGORIES
    ]
    for category in BUILTIN_CATEGORIES:
        assert f"`{category.key}`" in TEXT


def test_every_zone_is_explained() -> None:
    rows = table(section("## 8. `categories.toml` and the built-in categories"), "zone")

    assert [code_names(r[0])[0] for r in rows] == [z.value for z in Zone]


def test_every_funding_column_and_heading_alias_is_in_the_columns_table() -> None:
    rows = table(section("### Columns"), "column")

    assert [code_names(r[0])[0] for r in rows] == list(COLUMNS)
    for row in rows:
        column = code_names(row[0])[0]
        assert row[1].startswith("required" if column in REQUIRED else "optional"), column
        aliases = sorted(alias for alias, target in _ALIASES.items() if target == column)
        assert sorted(code_names(row[2])) == aliases, column
    for name in (*COLUMNS, *_ALIASES):
        assert f"`{name}`" in TEXT


def test_every_invisible_line_separator_is_named_as_in_the_messages() -> None:
    rows = table(section("### Spreadsheet slips"), "character")

    assert [f"{code} {name}" for code, name in rows] == list(SEPARATORS.values())


def test_the_spreadsheet_error_values_table_is_the_code() -> None:
    lines = section("### Spreadsheet slips")
    rows = table(lines, "English")
    heading = next(line for line in lines if line.startswith("| English"))

    assert tuple(cells(heading)) == ERROR_LANGUAGES
    assert all(len(code_names(cell)) == (1 if cell else 0) for row in rows for cell in row)
    assert [tuple("".join(code_names(cell)) for cell in row) for row in rows] == list(ERROR_TABLE)
    assert sorted(v for row in rows for c in row for v in code_names(c)) == sorted(ERROR_VALUES)


def test_libreoffices_error_form_is_documented_as_the_loader_knows_it() -> None:
    text = "\n".join(section("### Spreadsheet slips"))
    forms = re.findall(r"`(Err:[0-9]+)`", text)

    assert {"Err:502", "Err:5021"} <= set(forms)
    assert [form for form in forms if LIBREOFFICE_ERROR.fullmatch(form)] == [
        form for form in forms if form != "Err:5021"
    ]


def test_every_instrument_and_its_aliases_are_documented() -> None:
    rows = table(section("### `[[clauses]]`"), "value")

    assert [code_names(r[0])[0] for r in rows] == [i.value for i in Instrument]
    for row in rows:
        instrument = Instrument(code_names(row[0])[0])
        aliases = sorted(a for a, target in _INSTRUMENT_ALIASES.items() if target is instrument)
        assert sorted(code_names(row[1])) == aliases, instrument


def test_the_county_aliases_table_is_the_registry() -> None:
    rows = table(section("## 3. Naming municipalities and counties"), "code")
    registry = fundgap.load_registry()

    documented = {code_names(r[0])[0]: (r[1], tuple(code_names(r[2]))) for r in rows}
    assert documented == {
        c.code.value: (c.short_fi, c.aliases) for c in registry.counties.values() if c.aliases
    }


def test_the_public_and_private_words_of_funders_are_the_code() -> None:
    rows = table(section("### Funder"), "looks public")
    patterns = {
        "municipality": _PUBLIC_WORD,
        "county": _PUBLIC_WORD,
        "administration, with a place's name": _ADMINISTRATION_WORD,
    }

    assert [row[0] for row in rows] == [
        "municipality",
        "county",
        "administration, with a place's name",
        "private, so never warned",
    ]
    for row in rows:
        pattern = patterns.get(row[0], _PRIVATE_WORD)
        for word in code_names(row[1]):
            assert pattern.fullmatch(word.replace("…", "x")), word


def test_every_status_is_explained() -> None:
    rows = table(section("### Status"), "`status`")

    assert [code_names(r[0])[0] for r in rows] == [s.value for s in AgreementStatus]


# -- examples ---------------------------------------------------------------------------------


def test_there_are_toml_blocks() -> None:
    assert len(TOML_BLOCKS) >= 6


@pytest.mark.parametrize(("line", "body"), TOML_BLOCKS, ids=[f"line {n}" for n, _ in TOML_BLOCKS])
def test_every_toml_block_parses(line: int, body: str) -> None:
    tomllib.loads(body, parse_float=Decimal)


def test_the_examples_form_a_dataset_that_loads(tmp_path: Path) -> None:
    examples = [(name, body) for _, _, body, name in code_blocks() if name is not None]
    names = [name for name, _ in examples]
    assert len(set(names)) == len(names)
    assert {"fundgap.toml", "services.toml", "funding.csv", "categories.toml"} <= set(names)
    for name, body in examples:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")

    dataset = fundgap.load(tmp_path)

    assert len(dataset.services) == body_count(examples, "services.toml", "[[services]]")
    assert len(dataset.agreements) == sum(n.startswith("agreements/") for n in names)
    assert len(dataset.funding) == len(dict(examples)["funding.csv"].splitlines()) - 1
    assert "housing_support" in dataset.categories


def body_count(examples: list[tuple[str, str]], name: str, header: str) -> int:
    return sum(line == header for line in dict(examples)[name].splitlines())


# -- the error messages quoted in the Errors section ------------------------------------------

Scenario = Callable[[Path, pytest.MonkeyPatch], str]

PIRKANMAA_SERVICES = """\
[[organisations]]
id = "tre-klubitalo-ry"
name = "Näsinselän Klubitalo ry"
business_id = "1335003-5"

[[services]]
id = "tre-klubitalo"
name = "Klubitalo Tampere"
organisation = "tre-klubitalo-ry"
category = "clubhouse"
municipalities = ["Tamepre", "Nokia"]
annual_cost = "420 000"

[[services]]
id = "tre-kohtaamo"
name = "Kohtaamo"
organisation = "tre-klubitalo-ry"
category = "meetingplace"
municipalities = ["Tampere"]
annual_cost = 60000
"""
PIRKANMAA_AGREEMENT = """\
id = "pirha-tampere-2025"
title = "Järjestöpalvelujen rahoitusvastuut 2025–2026"
status = "signed"
county = "Pirkanmaa"
municipalities = ["Tampere", "Nokia", "Sipoo"]
valid_from = 2025-01-01
valid_until = 2026-12-31

[[clauses]]
id = "K1"
categories = ["clubhouse"]
county_share = 60
municipality_share = 40
instrument = "avustus"

[[clauses]]
id = "K2"
categories = ["meeting_place"]
county_share = 120
municipality_share = 40
"""
PIRKANMAA_FUNDING = (
    "service;funder;start;end;amount;instrument;reference\r\n"
    "tre-kohtaamo;Tampere;1.1.2025;31.12.2025;n. 80 000;grant;Kh 10.12.2024 § 456\r\n"
    "tre-kohtaamo;8;1.1.2025;31.12.2025;20 000,00 €;grant;AH 2025\r\n"
)
TYPES_AGREEMENT = """\
id = "a"
title = "A"
status = "signed"
county = "Pirkanmaa"
municipalities = "Tampere"
valid_from = "2025-01-01"
valid_untill = 2025-12-31T00:00:00
indexation_percent = true
"""
MERGED_AGREEMENT = """\
id = "d"
title = "D"
status = "signed"
county = "Etelä-Savo"
municipalities = ["Mäntyharju", "Pertunmaa"]
valid_from = 2024-01-01
valid_until = 2025-12-31

[[clauses]]
id = "K1"
categories = ["advice"]
county_share = 50
municipality_share = 50
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def output(path: str) -> str:
    """What ``fundgap validate path`` prints on stderr for a dataset with problems."""
    with pytest.raises(DatasetError) as caught:
        fundgap.load(path)
    return f"fundgap: error: {caught.value}"


def pirkanmaa(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    write(
        tmp / "pirkanmaa",
        {
            "fundgap.toml": 'name = "Pirkanmaa"\ndefault_year = 2025\n',
            "services.toml": PIRKANMAA_SERVICES,
            "agreements/tampere-2025.toml": PIRKANMAA_AGREEMENT,
            "funding.csv": PIRKANMAA_FUNDING,
        },
    )
    monkeypatch.chdir(tmp)
    return output("pirkanmaa")


def in_folder(files: dict[str, str]) -> Scenario:
    def run(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
        write(tmp, {"fundgap.toml": 'name = "Probe"\n', **files})
        monkeypatch.chdir(tmp)
        return output(".")

    return run


def ten_mistakes(_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    return output("tests/fixtures/ten-mistakes")


def cases(_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT / "tests" / "fixtures" / "cases")
    return "\n".join(output(case.name) for case in sorted(Path().glob("csv-*")))


def spoiled_cells(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    row = "tre-klubitalo;STEA;1.1.2025;31.12.2025;100;grant;"
    funding = (
        "service;funder;start;end;amount;instrument;reference\n"
        + row.replace("1.1.2025", "45658")
        + "A\n"
        + row.replace("31.12.2025", "31.12.2025 12:30")
        + "B\n"
        + row.replace("100", "#PUUTTUU")
        + "C\n"
    )
    write_files(tmp, {"funding.csv": funding})
    monkeypatch.chdir(tmp)
    return output(".")


def collection(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    organisation = '[[organisations]]\nid = "mieli-ry"\nname = "Mieli ry"\n'
    for region in ("pirkanmaa", "kainuu"):
        write(
            tmp / "coll" / region,
            {"fundgap.toml": f'name = "{region}"\n', "services.toml": organisation},
        )
    monkeypatch.chdir(tmp)
    return output("coll")


SCENARIOS: list[Scenario] = [
    pirkanmaa,
    in_folder({"agreements/a.toml": TYPES_AGREEMENT}),
    in_folder({"agreements/d.toml": MERGED_AGREEMENT}),
    ten_mistakes,
    cases,
    spoiled_cells,
    collection,
]


def error_blocks() -> list[list[str]]:
    errors = section("## 9. Errors") + section("### Examples")
    blocks: list[list[str]] = []
    current: list[str] = []
    fenced = False
    for line in errors:
        if line.startswith("```"):
            if fenced:
                blocks.append(current)
            current, fenced = [], not fenced
        elif fenced:
            current.append(line)
    return [b for b in blocks if any(line.startswith(("  ", "fundgap:")) for line in b)]


def test_the_first_error_example_is_exactly_what_the_loader_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = next(b for b in error_blocks() if b[0] == "$ fundgap validate pirkanmaa")

    assert block[1:] == pirkanmaa(tmp_path, monkeypatch).splitlines()


def test_every_quoted_error_message_is_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real: set[str] = set()
    for number, scenario in enumerate(SCENARIOS):
        folder = tmp_path / str(number)
        folder.mkdir()
        real.update(scenario(folder, monkeypatch).splitlines())
    quoted = [
        line for block in error_blocks() for line in block if line.startswith(("  ", "fundgap:"))
    ]

    assert len(quoted) >= 10
    assert [line for line in quoted if line not in real] == []
