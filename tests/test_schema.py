"""``fundgap schema``: the JSON Schema of each kind of TOML file is valid draft 2020-12, every
shipped file passes it, what the loader refuses in one key it refuses too, and it says the same
limits as the loader (checked at and beyond each end)."""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from jsonschema import Draft4Validator, Draft7Validator, Draft202012Validator
from jsonschema.protocols import Validator

import fundgap
from fundgap.errors import DatasetError, UsageError
from fundgap.loading._reading import (
    AGREEMENT_FILES,
    CATEGORIES_FILE,
    MANIFEST_FILE,
    SERVICES_FILES,
)
from fundgap.schema import BOUNDS, KINDS, file_schema
from fundgap_cli import cli
from fundgap_cli.data_commands import SCHEMA_KINDS
from tests.conftest import AGREEMENT, FIXTURES, MANIFEST, SERVICES, DatasetWriter, problems_of
from tests.strategies import dataset_files

ROOT = Path(__file__).parent.parent


def validator(kind: str) -> Draft202012Validator:
    """A validator of ``kind`` that checks formats too (``date``), as taplo does."""
    return Draft202012Validator(
        file_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def as_taplo_sees(value: Any) -> Any:
    """A parsed TOML value as a JSON validator sees it: dates and times as ISO text."""
    if isinstance(value, dict):
        return {key: as_taplo_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_taplo_sees(item) for item in value]
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def parsed(text: str) -> Any:
    return as_taplo_sees(tomllib.loads(text, parse_float=Decimal))


def errors(kind: str, text: str) -> list[str]:
    """What the schema of ``kind`` finds wrong in the TOML ``text``, each as ``path: message``."""
    found = validator(kind).iter_errors(parsed(text))
    return sorted(f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


def kind_of(path: Path) -> str | None:
    """The kind of a TOML file of a dataset folder, as the loader reads it."""
    if path.name == MANIFEST_FILE.single:
        return "manifest"
    if path.name == CATEGORIES_FILE.single:
        return "categories"
    if path.name == SERVICES_FILES.single or path.parent.name == SERVICES_FILES.subfolder:
        return "services"
    if path.parent.name == AGREEMENT_FILES.subfolder:
        return "agreement"
    return None


def dataset_tomls(root: Path) -> list[tuple[str, Path]]:
    """Every TOML file under ``root`` that a dataset folder holds, with its kind."""
    found = [(kind_of(path), path) for path in sorted(root.rglob("*.toml"))]
    return [(kind, path) for kind, path in found if kind is not None]


def loads_cleanly(folder: Path) -> bool:
    try:
        fundgap.load(folder)
    except DatasetError:
        return False
    return True


# -- the schema itself ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = file_schema(kind)

    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("draft", [Draft4Validator, Draft7Validator])
def test_each_schema_reads_the_same_in_older_drafts(kind: str, draft: type[Validator]) -> None:
    """taplo (Even Better TOML) documents Draft 4 and may read the schema as an older draft: it
    uses only keywords that mean the same there, so every shipped file and every refusal below
    come out the same."""
    schema = file_schema(kind)
    draft.check_schema(schema)
    older = draft(schema, format_checker=draft.FORMAT_CHECKER)
    samples = [path.read_text(encoding="utf-8") for k, path in SHIPPED if k == kind]
    samples += [
        AGREEMENT.replace('"signed"', '"approved"'),
        AGREEMENT.replace("valid_from = 2025-01-01", "valid_from = 1899-12-31"),
        AGREEMENT + "colour = 3\n",
        SERVICES.replace('["Tampere", "Nokia"]', "{ Tampere = -1 }"),
        MANIFEST + "defualt_year = 2026\n",
    ]
    for text in samples:
        instance = parsed(text)
        assert older.is_valid(instance) == validator(kind).is_valid(instance), text


def test_the_command_line_offers_the_kinds_the_library_has() -> None:
    assert SCHEMA_KINDS == KINDS


def test_an_agreement_must_have_its_required_keys() -> None:
    schema = file_schema("agreement")

    assert schema["required"] == [
        "id",
        "title",
        "status",
        "county",
        "municipalities",
        "valid_from",
    ]
    clause = schema["properties"]["clauses"]["items"]
    assert clause["required"] == ["id", "county_share", "municipality_share"]
    assert clause["properties"]["instrument"]["default"] == "grant"


# -- every shipped file passes ---------------------------------------------------------------


SHIPPED = dataset_tomls(ROOT / "agreements")


def test_the_shipped_example_has_files_of_every_kind() -> None:
    assert {kind for kind, _ in SHIPPED} == set(KINDS)
    assert len(SHIPPED) >= 15


@pytest.mark.parametrize(("kind", "path"), SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_every_shipped_file_passes(kind: str, path: Path) -> None:
    assert errors(kind, path.read_text(encoding="utf-8")) == []


CASES = [
    (kind, path)
    for folder in sorted((FIXTURES / "cases").iterdir())
    if folder.is_dir() and loads_cleanly(folder)
    for kind, path in dataset_tomls(folder)
]


def test_some_fixture_cases_load_cleanly() -> None:
    assert len({path.parent for _, path in CASES}) >= 5


@pytest.mark.parametrize(("kind", "path"), CASES, ids=[str(p) for _, p in CASES])
def test_every_fixture_file_that_loads_passes(kind: str, path: Path) -> None:
    assert errors(kind, path.read_text(encoding="utf-8")) == []


# -- what it refuses -------------------------------------------------------------------------


def test_a_wrong_status_is_refused() -> None:
    found = errors("agreement", AGREEMENT.replace('"signed"', '"approved"'))

    assert len(found) == 1
    assert found[0].startswith("status: 'approved' is not valid under any of the given schemas")


def test_an_unknown_key_is_refused() -> None:
    found = errors("agreement", AGREEMENT + "colour = 3\n")

    assert found == ["clauses.0: Additional properties are not allowed ('colour' was unexpected)"]


def test_an_unknown_top_level_key_of_the_manifest_is_refused() -> None:
    found = errors("manifest", MANIFEST + "defualt_year = 2026\n")

    assert found == [": Additional properties are not allowed ('defualt_year' was unexpected)"]


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("valid_from = 2025-01-01", 'valid_from = "2025-01-01x"', "valid_from"),
        ("valid_from = 2025-01-01", "valid_from = 1899-12-31", "valid_from"),
        ("valid_from = 2025-01-01", "valid_from = 2025-01-01T00:00:00", "valid_from"),
        ("notice_months = 6", "notice_months = 6.5", "notice_months"),
        ("notice_months = 6", 'notice_months = "6"', "notice_months"),
        ('title = "Järjestöpalvelujen rahoitusvastuut 2025"', 'title = "  "', "title"),
        ('municipalities = ["Tampere", "Nokia"]', 'municipalities = "Tampere"', "municipalities"),
        ('municipalities = ["Tampere", "Nokia"]', "municipalities = [1]", "municipalities.0"),
        ("county_share = 60", "county_share = 100.5", "clauses.0.county_share"),
    ],
)
def test_a_wrong_value_is_refused_at_its_key(old: str, new: str, key: str) -> None:
    assert old in AGREEMENT
    found = errors("agreement", AGREEMENT.replace(old, new))

    assert {line.split(":")[0] for line in found} == {key}


def test_a_missing_required_key_is_refused() -> None:
    found = errors("agreement", AGREEMENT.replace('county = "Pirkanmaa"\n', ""))

    assert found == [": 'county' is a required property"]


def test_text_longer_than_the_limit_is_refused() -> None:
    long_title = "a" * 100_001

    found = errors("manifest", f'name = "{long_title}"\n')

    assert [line.split(":")[0] for line in found] == ["name"]


def test_the_services_file_holds_only_organisations_and_services() -> None:
    assert errors("services", SERVICES) == []
    assert errors("services", SERVICES + "\n[[categories]]\nkey = 'x'\n") == [
        ": Additional properties are not allowed ('categories' was unexpected)"
    ]


def test_weights_are_numbers_from_zero_to_the_largest_amount() -> None:
    weights = SERVICES.replace('["Tampere", "Nokia"]', "{ Tampere = 80, Nokia = 20.5 }")
    assert errors("services", weights) == []

    negative = SERVICES.replace('["Tampere", "Nokia"]', "{ Tampere = -1 }")
    assert [line.split(":")[0] for line in errors("services", negative)] == [
        "services.0.municipalities"
    ]


# -- the schema and the loader agree ---------------------------------------------------------


# Values of a choice that the loader reads, in any case, with spaces, or as the Finnish or
# Swedish word; and some that it refuses.
@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("signed", True),
        ("  Signed ", True),
        ("NEGOTIATION", True),
        ("allekirjoitettu", True),
        ("Under Förhandling", True),
        ("UPPHÖRT", True),
        ("approved", False),
        ("sign ed", False),
        ("undertecknad", False),
    ],
)
def test_the_schema_reads_a_status_as_the_loader_does(
    write_dataset: DatasetWriter, value: str, accepted: bool
) -> None:
    agreement = AGREEMENT.replace('"signed"', json.dumps(value, ensure_ascii=False))
    schema_accepts = errors("agreement", agreement) == []
    root = write_dataset({"agreements/pirha-2025.toml": agreement})

    assert schema_accepts == accepted
    assert loads_cleanly(root) == accepted


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("purchase", True),
        (" PURCHASE", True),
        ("ostopalvelu", True),
        ("Köpt tjänst", True),
        ("loan", False),
        ("purchases", False),
    ],
)
def test_the_schema_reads_an_instrument_as_the_loader_does(
    write_dataset: DatasetWriter, value: str, accepted: bool
) -> None:
    agreement = AGREEMENT + f"instrument = {json.dumps(value, ensure_ascii=False)}\n"
    root = write_dataset({"agreements/pirha-2025.toml": agreement})

    assert (errors("agreement", agreement) == []) == accepted
    assert loads_cleanly(root) == accepted


# Each bound of BOUNDS, as (file, the text to replace, a template of the key's new value).
_BOUND_EDITS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("ManifestDoc", "default_year"): ("fundgap.toml", "default_year = 2025", "default_year = {}"),
    ("ServiceDoc", "annual_cost"): ("services.toml", "annual_cost = 420000", "annual_cost = {}"),
    ("ServiceDoc", "municipalities"): (
        "services.toml",
        'municipalities = ["Tampere", "Nokia"]',
        "municipalities = {{ Tampere = {}, Nokia = 1 }}",
    ),
    ("AgreementDoc", "notice_months"): ("agreement", "notice_months = 6", "notice_months = {}"),
    ("AgreementDoc", "indexation_percent"): (
        "agreement",
        "notice_months = 6",
        "notice_months = 6\nindexation_percent = {}",
    ),
    ("ClauseDoc", "county_share"): ("agreement", "county_share = 60", "county_share = {}"),
    ("ClauseDoc", "municipality_share"): (
        "agreement",
        "municipality_share = 40",
        "municipality_share = {}",
    ),
    ("ClauseDoc", "annual_cap"): (
        "agreement",
        "municipality_share = 40",
        "municipality_share = 40\nannual_cap = {}",
    ),
}
_KIND = {"fundgap.toml": "manifest", "services.toml": "services", "agreement": "agreement"}
_TEXT = {"fundgap.toml": MANIFEST, "services.toml": SERVICES, "agreement": AGREEMENT}
_FILE = {"agreement": "agreements/pirha-2025.toml"}


def _bound_cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for (record, key), (low, high) in BOUNDS.items():
        name = (record.__name__, key)
        for value, accepted in ((low, True), (high, True), (low - 1, False), (high + 1, False)):
            cases.append((*name, str(value), accepted))
    return cases


def test_every_bound_is_checked_against_the_loader() -> None:
    assert {(record.__name__, key) for record, key in BOUNDS} == set(_BOUND_EDITS)


@pytest.mark.parametrize(("record", "key", "value", "accepted"), _bound_cases())
def test_the_schema_bounds_a_number_as_the_loader_does(
    write_dataset: DatasetWriter, record: str, key: str, value: str, accepted: bool
) -> None:
    file, old, new = _BOUND_EDITS[record, key]
    assert old in _TEXT[file]
    text = _TEXT[file].replace(old, new.format(value))
    root = write_dataset({_FILE.get(file, file): text})

    schema_accepts = errors(_KIND[file], text) == []
    problems = [] if loads_cleanly(root) else problems_of(root)
    loader_refuses_the_key = any(key in problem.location.path for problem in problems)

    assert schema_accepts == accepted
    assert loader_refuses_the_key == (not accepted), [str(p) for p in problems]


_MUNICIPALITIES = 'municipalities = ["Tampere", "Nokia"]'


@pytest.mark.parametrize(
    ("file", "old", "new", "key"),
    [
        ("agreement", _MUNICIPALITIES, "municipalities = []", "municipalities"),
        ("agreement", "county_share = 60", "county_share = 60\nmunicipalities = []", "clauses"),
        ("agreement", 'categories = ["clubhouse"]', "categories = []", "clauses"),
        ("agreement", 'categories = ["clubhouse"]', "services = []", "clauses"),
        ("services.toml", _MUNICIPALITIES, "municipalities = []", "services"),
        ("services.toml", _MUNICIPALITIES, "municipalities = {}", "services"),
    ],
)
def test_what_the_loader_needs_not_empty_the_schema_does(
    write_dataset: DatasetWriter, file: str, old: str, new: str, key: str
) -> None:
    assert old in _TEXT[file]
    text = _TEXT[file].replace(old, new)
    root = write_dataset({_FILE.get(file, file): text})

    assert {line.split(".")[0].split(":")[0] for line in errors(_KIND[file], text)} == {key}
    assert any(key in problem.location.path for problem in problems_of(root))


def test_a_clause_with_services_but_no_categories_passes() -> None:
    text = AGREEMENT.replace('categories = ["clubhouse"]', 'services = ["tre-klubitalo"]')

    assert errors("agreement", text) == []


@given(dataset_files())
def test_every_file_of_a_dataset_the_loader_accepts_passes(files: dict[str, str]) -> None:
    texts = {name: text for name, text in files.items() if name.endswith(".toml")}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        if not loads_cleanly(root):
            return
    for name, text in texts.items():
        kind = kind_of(Path(name))
        assert kind is not None, name
        assert errors(kind, text) == [], (name, text)


# -- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_command_prints_the_schema(runner: CliRunner, kind: str) -> None:
    result = runner.invoke(cli, ["schema", "--kind", kind])

    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == file_schema(kind)


def test_the_command_writes_the_schema_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "agreement.schema.json"

    result = runner.invoke(cli, ["schema", "-o", str(out)])

    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert json.loads(out.read_text(encoding="utf-8")) == file_schema("agreement")


def test_the_command_refuses_an_unknown_kind_in_the_readers_language(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--lang", "fi", "schema", "--kind", "funding"])

    assert result.exit_code == 2
    assert "funding" in result.output


def test_the_library_refuses_an_unknown_kind_in_each_language() -> None:
    from fundgap.commands import schema_output

    with pytest.raises(UsageError) as caught:
        schema_output("funding")

    assert caught.value.text("en") == (
        "unknown kind 'funding'; expected one of 'agreement', 'services', 'manifest', or "
        "'categories'"
    )
    assert caught.value.text("fi").startswith("tiedostolaji: 'funding' ei kelpaa; sallitut arvot:")
    assert caught.value.text("sv").startswith("filtyp: 'funding' känns inte igen; tillåtna värden:")


# -- docs/editors.md -------------------------------------------------------------------------


EDITORS = ROOT / "docs" / "editors.md"


def _blocks(language: str) -> list[str]:
    text = EDITORS.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def _glob(pattern: str) -> re.Pattern[str]:
    """A taplo include pattern: ``*`` within one folder."""
    parts = re.split(r"(\*)", pattern)
    return re.compile("".join("[^/]*" if part == "*" else re.escape(part) for part in parts))


def test_the_taplo_rules_give_each_shipped_file_the_schema_of_its_kind() -> None:
    config = tomllib.loads(next(b for b in _blocks("toml") if "[[rule]]" in b))
    rules = [(rule["include"], rule["schema"]["path"]) for rule in config["rule"]]
    # opened at the collection (agreements/) and at one dataset of it (agreements/kainuu/)
    for root in (ROOT / "agreements", ROOT / "agreements" / "kainuu"):
        for kind, path in dataset_tomls(root):
            name = path.relative_to(root).as_posix()
            schemas = [
                schema
                for include, schema in rules
                if any(_glob(pattern).fullmatch(name) for pattern in include)
            ]
            assert schemas == [f"./schemas/{kind}.schema.json"], name


def test_the_python_example_runs_and_finds_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (code,) = _blocks("python")
    monkeypatch.chdir(ROOT)

    exec(compile(code, str(EDITORS), "exec"), {})

    assert capsys.readouterr().out == ""


def test_the_directive_example_is_a_comment_to_the_loader(write_dataset: DatasetWriter) -> None:
    directive = next(b for b in _blocks("toml") if b.startswith("#:schema"))
    assert directive.startswith("#:schema ../schemas/agreement.schema.json\n")
    root = write_dataset({"agreements/pirha-2025.toml": "#:schema ../x.json\n" + AGREEMENT})

    assert loads_cleanly(root)
