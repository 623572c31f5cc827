"""Every problem of a record in one run: a value of the wrong type in one key hides nothing else.

The reader reports a key whose value has the wrong type and keeps the record with a stand-in
there; the resolver checks the record's other keys (and clauses) as usual. Nothing is reported
twice, and nothing that only the stand-in would cause (SPEC §4: "All errors of a load are
reported at once").
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.errors import DatasetError, Problem
from tests.conftest import (
    AGREEMENT,
    FIXTURES,
    DatasetWriter,
    only_problem,
    problems_of,
    write_files,
)
from tests.conftest import SERVICES as SERVICES_OF_CONFTEST
from tests.strategies import wrong_type_values

MUNICIPALITY = "a municipality's Finnish or Swedish name, or its 3-digit code"
TAMEPRE = "unknown municipality 'Tamepre' (did you mean 'Tampere'?)"
CATEGORY_KEY = "a category key from docs/format.md or categories.toml"

# -- the tester's report -----------------------------------------------------------------------

TESTER_SERVICES = """
[[organisations]]
id = "kaisla-ry"
name = ""
business_id = "1234567-2"

[[services]]
id = "kaisla-kohtaamispaikka"
name = "dup"
organisation = "kaisla-ry"
category = "meeting_place"
municipalities = ["Tamepre"]
annual_cost = "lots"
"""
TESTER_AGREEMENT = """\
id = "pirha-tampere-nokia-2024"
title = "Kopio"
status = "signed"
county = "Pirkanmaa"
municipalities = ["Tampere", "Tamepre"]
valid_from = 2024-01-01
notice_months = "six"

[[clauses]]
id = "K1"
categories = ["meeting_plac"]
county_share = 50
municipality_share = 50
"""


def case_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    """A copy of the engine-funding-in-year case with ``files`` appended to or added."""
    root = tmp_path / "case"
    shutil.copytree(FIXTURES / "cases" / "engine-funding-in-year", root)
    for name, text in files.items():
        with (root / name).open("a", encoding="utf-8") as file:
            file.write(text)
    monkeypatch.chdir(tmp_path)
    return Path("case")


def found(root: Path) -> list[tuple[str, int | None, str, str, str]]:
    return [
        (p.location.file, p.location.line, p.location.path, str(p.message), str(p.expected or ""))
        for p in problems_of(root)
    ]


def test_a_duplicated_organisation_and_service_with_type_errors_report_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The empty name and the cost in words used to hide the other four until a second run."""
    root = case_with(tmp_path, monkeypatch, {"services.toml": TESTER_SERVICES})

    assert found(root) == [
        ("case/services.toml", 29, "organisations[2].id",
         "organisation id 'kaisla-ry' is already used at case/services.toml:2",
         "an organisation id used only once in the whole dataset"),
        ("case/services.toml", 30, "organisations[2].name", "is empty", "text in quotes"),
        ("case/services.toml", 31, "organisations[2].business_id",
         "'1234567-2': check digit is 2, but the first seven digits give 1",
         "a valid Y-tunnus such as 2077474-0 (seven digits, a hyphen, the check digit)"),
        ("case/services.toml", 34, "services[2].id",
         "service id 'kaisla-kohtaamispaikka' is already used at case/services.toml:10",
         "a service id used only once in the whole dataset"),
        ("case/services.toml", 38, "services[2].municipalities[0]",
         "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY),
        ("case/services.toml", 39, "services[2].annual_cost",
         "is text 'lots' (write numbers without quotes)",
         "a number without quotes, e.g. 150000 or 12.5"),
    ]  # fmt: skip


def test_a_duplicated_agreement_with_a_type_error_reports_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """notice_months in words used to hide the id, the municipality and the clause's category."""
    root = case_with(tmp_path, monkeypatch, {"agreements/z-copy.toml": TESTER_AGREEMENT})

    assert found(root) == [
        ("case/agreements/z-copy.toml", 1, "id",
         "agreement id 'pirha-tampere-nokia-2024' is already used at "
         "case/agreements/pirha-tampere-nokia.toml:1",
         "an agreement id used only once in the whole dataset"),
        ("case/agreements/z-copy.toml", 5, "municipalities[1]",
         "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY),
        ("case/agreements/z-copy.toml", 7, "notice_months", "is text 'six'",
         "a whole number without quotes, e.g. 6"),
        ("case/agreements/z-copy.toml", 11, "clauses[0].categories[0]",
         "unknown category 'meeting_plac' (did you mean 'meeting_place'?)", CATEGORY_KEY),
    ]  # fmt: skip


# -- a type mistake in each key of each kind of record, with a value mistake beside it ----------

# Every kind of record with every key written, as TOML values: a valid dataset.
# The kinds of value are those of tests.strategies.wrong_type_values.
TEXT, NUMBER, WHOLE, DATE, LIST = "text", "number", "whole", "date", "list"
WEIGHTS, TABLES = "weights", "tables"
RECORDS: dict[str, dict[str, tuple[str, str]]] = {
    "manifest": {
        "name": (TEXT, '"Kaikki avaimet"'),
        "description": (TEXT, '"Every key written"'),
        "default_year": (WHOLE, "2025"),
    },
    "organisation": {
        "id": (TEXT, '"toinen-ry"'),
        "name": (TEXT, '"Toinen ry"'),
        "business_id": (TEXT, '"1572860-0"'),
    },
    "service": {
        "id": (TEXT, '"tre-kohtaamo"'),
        "name": (TEXT, '"Kohtaamo"'),
        "organisation": (TEXT, '"tre-mieli-ry"'),
        "category": (TEXT, '"meeting_place"'),
        "municipalities": (WEIGHTS, '["Tampere", "Nokia"]'),
        "annual_cost": (NUMBER, "60000"),
        "active_from": (DATE, "2024-01-01"),
        "active_until": (DATE, "2026-12-31"),
    },
    "agreement": {
        "id": (TEXT, '"pirha-2025"'),
        "title": (TEXT, '"Rahoitusvastuut 2025"'),
        "status": (TEXT, '"signed"'),
        "county": (TEXT, '"Pirkanmaa"'),
        "municipalities": (LIST, '["Tampere", "Nokia"]'),
        "valid_from": (DATE, "2025-01-01"),
        "valid_until": (DATE, "2025-12-31"),
        "notice_months": (WHOLE, "6"),
        "indexation_percent": (NUMBER, "2.5"),
        "replaces": (TEXT, '"pirha-2024"'),
        "clauses": (TABLES, ""),  # written as [[clauses]], the clause below
    },
    "clause": {
        "id": (TEXT, '"K1"'),
        "categories": (LIST, '["clubhouse"]'),
        "services": (LIST, '["tre-klubitalo"]'),
        "municipalities": (LIST, '["Tampere"]'),
        "county_share": (NUMBER, "60"),
        "municipality_share": (NUMBER, "40"),
        "instrument": (TEXT, '"grant"'),
        "annual_cap": (NUMBER, "100000"),
        "valid_from": (DATE, "2025-01-01"),
        "valid_until": (DATE, "2025-06-30"),
    },
    "category": {
        "key": (TEXT, '"housing_support"'),
        "zone": (TEXT, '"grey"'),
        "label_fi": (TEXT, '"Asumisen tuki"'),
        "label_sv": (TEXT, '"Boendestöd"'),
        "label_en": (TEXT, '"Housing support"'),
    },
}
# A value of the wrong type for each type of key, and what the loader says of it.
WRONG_TYPE = {
    TEXT: ("5", "is a number (5)"),
    NUMBER: ('"lots"', "is text 'lots' (write numbers without quotes)"),
    WHOLE: ('"six"', "is text 'six'"),
    DATE: ('"2025-01-01"', "is text '2025-01-01' (write dates without quotes)"),
    LIST: ('"Tampere"', "is text 'Tampere'"),
    WEIGHTS: ('"Tampere"', "is text 'Tampere'"),
    TABLES: ('"K1"', "is text 'K1'"),
}
# Where each kind of record is written, and the key path of the record in its file.
PLACES = {
    "manifest": ("fundgap.toml", ""),
    "organisation": ("services.toml", "organisations[1]."),
    "service": ("services.toml", "services[1]."),
    "agreement": ("agreements/pirha-2025.toml", ""),
    "clause": ("agreements/pirha-2025.toml", "clauses[0]."),
    "category": ("categories.toml", "categories[0]."),
}
# Two value mistakes for each kind, in different keys: (key, value, where it is reported, what
# is reported).
VALUE_MISTAKES = {
    "manifest": [
        ("default_year", "25", "default_year", "is 25"),
        # no other key of a manifest has a value to check: a misspelt key instead
        ("descripton", '"x"', "descripton", "is not a known key (did you mean 'description'?)"),
    ],
    "organisation": [
        ("business_id", '"1572860-1"', "business_id", "'1572860-1': check digit is 1, but"),
        ("id", '"tre-mieli-ry"', "id", "organisation id 'tre-mieli-ry' is already used at"),
    ],
    "service": [
        ("municipalities", '["Tamepre"]', "municipalities[0]", "unknown municipality 'Tamepre'"),
        ("annual_cost", "-5", "annual_cost", "is negative (-5)"),
    ],
    "agreement": [
        ("status", '"signd"', "status", "is 'signd'"),
        ("municipalities", '["Tampere", "Tamepre"]', "municipalities[1]", "unknown municipality"),
    ],
    "clause": [
        ("county_share", "120", "county_share", "is 120, more than 100"),
        ("instrument", '"lahjoitus"', "instrument", "is 'lahjoitus'"),
    ],
    "category": [
        ("zone", '"gray"', "zone", "is 'gray'"),
        ("key", '"Housing Support"', "key", "'Housing Support' is not a category key"),
    ],
}
PREVIOUS_AGREEMENT = """\
id = "pirha-2024"
title = "Rahoitusvastuut 2024"
status = "terminated"
county = "Pirkanmaa"
municipalities = ["Tampere", "Nokia"]
valid_from = 2024-01-01
valid_until = 2024-12-31

[[clauses]]
id = "K1"
categories = ["clubhouse"]
county_share = 50
municipality_share = 50
"""


def toml(values: dict[str, str]) -> str:
    return "".join(f"{key} = {value}\n" for key, value in values.items() if key != "clauses")


def dataset_files(changes: dict[str, dict[str, str]]) -> dict[str, str | bytes | None]:
    """The files of the all-keys dataset, with the values of ``changes`` (kind: key: value)."""
    written = {
        kind: {key: value for key, (_, value) in keys.items()} | changes.get(kind, {})
        for kind, keys in RECORDS.items()
    }
    agreement = toml(written["agreement"])
    if "clauses" in changes.get("agreement", {}):
        agreement += f"clauses = {changes['agreement']['clauses']}\n"
    else:
        agreement += "\n[[clauses]]\n" + toml(written["clause"])
    return {
        "fundgap.toml": toml(written["manifest"]),
        "services.toml": (
            SERVICES_OF_CONFTEST
            + "\n[[organisations]]\n"
            + toml(written["organisation"])
            + "\n[[services]]\n"
            + toml(written["service"])
        ),
        "categories.toml": "[[categories]]\n" + toml(written["category"]),
        "agreements/pirha-2024.toml": PREVIOUS_AGREEMENT,
        "agreements/pirha-2025.toml": agreement,
    }


KEY_CASES = [(kind, key) for kind, keys in RECORDS.items() for key in keys]


@pytest.mark.parametrize(("kind", "key"), KEY_CASES, ids=[f"{k}.{key}" for k, key in KEY_CASES])
def test_a_type_mistake_hides_no_value_mistake_of_its_record(
    write_dataset: DatasetWriter, kind: str, key: str
) -> None:
    file, prefix = PLACES[kind]
    value, message = WRONG_TYPE[RECORDS[kind][key][0]]
    other, other_value, at, other_message = next(m for m in VALUE_MISTAKES[kind] if m[0] != key)
    root = write_dataset(dataset_files({kind: {other: other_value, key: value}}))

    problems = problems_of(root)
    where = [
        (Path(p.location.file).relative_to(root).as_posix(), p.location.path) for p in problems
    ]
    assert sorted(where) == sorted([(file, prefix + key), (file, prefix + at)])
    by_path = {p.location.path: p for p in problems}
    assert str(by_path[prefix + key].message) == message
    assert str(by_path[prefix + key].expected)
    assert str(by_path[prefix + at].message).startswith(other_message)
    assert all(p.location.line is not None for p in problems)


def test_the_all_keys_dataset_is_valid(write_dataset: DatasetWriter) -> None:
    dataset = fundgap.load(write_dataset(dataset_files({})))

    assert set(dataset.services) == {"tre-klubitalo", "tre-kohtaamo"}
    assert dataset.agreements["pirha-2025"].clauses[0].annual_cap == 100000
    assert dataset.categories["housing_support"].label_en == "Housing support"


# -- what a stand-in must not cause ---------------------------------------------------------------

MERGED_SERVICE = SERVICES_OF_CONFTEST.replace(
    'municipalities = ["Tampere", "Nokia"]',
    'municipalities = ["Mikkeli", "Pertunmaa"]\n'
    "active_from = 2024-01-01\n"
    "active_until = 2024-12-31",
)
MERGED_AGREEMENT = (
    AGREEMENT.replace('"Pirkanmaa"', '"Etelä-Savo"')
    .replace('["Tampere", "Nokia"]', '["Mikkeli", "Pertunmaa"]')
    .replace("2025-01-01", "2024-01-01")
    .replace("2025-12-31", "2024-12-31")
)
CATEGORY = """\
[[categories]]
key = "housing_support"
zone = "grey"
label_fi = "Asumisen tuki"
label_sv = "Boendestöd"
label_en = {label}
"""


@pytest.mark.parametrize(
    ("file", "text", "path", "message"),
    [
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace("2025-01-01", '"2025-01-01"').replace("2025-12-31", "2024-12-31"),
            "valid_from",
            "is text '2025-01-01' (write dates without quotes)",
            id="a start of the wrong type has no end before it",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace("2025-01-01", '"2025-01-01"')
            .replace("2025-12-31", "2024-12-31")
            .replace("county_share = 60", "county_share = 60\nvalid_from = 2025-01-01"),
            "valid_from",
            "is text '2025-01-01' (write dates without quotes)",
            id="a start of the wrong type has no clause outside it",
        ),
        pytest.param(
            "services.toml",
            MERGED_SERVICE.replace("active_until = 2024-12-31", 'active_until = "2024-12-31"'),
            "services[0].active_until",
            "is text '2024-12-31' (write dates without quotes)",
            id="an end of the wrong type is not open: no merger after it",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            MERGED_AGREEMENT.replace("valid_until =", "valid_untill ="),
            "valid_untill",
            "is not a known key (did you mean 'valid_until'?)",
            id="a misspelt end is not open: no merger after it",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace("categories =", "categoris ="),
            "clauses[0].categoris",
            "is not a known key (did you mean 'categories'?)",
            id="misspelt categories are not no categories",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace('categories = ["clubhouse"]', 'services = "tre-klubitalo"'),
            "clauses[0].services",
            "is text 'tre-klubitalo'",
            id="services of the wrong type are not no services",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace('categories = ["clubhouse"]', "categories = 5"),
            "clauses[0].categories",
            "is a number (5)",
            id="categories of the wrong type are not no categories",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace('["Tampere", "Nokia"]', '"Tampere"').replace(
                'categories = ["clubhouse"]',
                'categories = ["clubhouse"]\nmunicipalities = ["Tampere", "Nokia"]',
            ),
            "municipalities",
            "is text 'Tampere'",
            id="parties of the wrong type make no clause municipality a stranger",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace('county = "Pirkanmaa"', "county = 8"),
            "county",
            "is a number (8)",
            id="a county of the wrong type makes no party a stranger",
        ),
        pytest.param(
            "services.toml",
            SERVICES_OF_CONFTEST.replace('["Tampere", "Nokia"]', '{ Tampere = "80", Nokia = 0 }'),
            "services[0].municipalities.Tampere",
            "is text '80' (write numbers without quotes)",
            id="a weight of the wrong type does not leave the others all zero",
        ),
        pytest.param(
            "services.toml",
            SERVICES_OF_CONFTEST.replace("annual_cost = 420000", 'annual_cost = "420 000"'),
            "services[0].annual_cost",
            "is text '420 000' (write numbers without quotes)",
            id="a cost in quotes is one problem",
        ),
        pytest.param(
            "categories.toml",
            CATEGORY.format(label='"Housing support"') + "\n" + CATEGORY.format(label="5"),
            "categories[1].label_en",
            "is a number (5)",
            id="a label of the wrong type is not a different label",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace("notice_months = 6", 'replaces = ["pirha-2024"]'),
            "replaces",
            "is a list",
            id="a replaced agreement of the wrong type is not unknown",
        ),
        pytest.param(
            "agreements/pirha-2025.toml",
            AGREEMENT.replace('status = "signed"', "status = true"),
            "status",
            "is true/false (true)",
            id="a status of the wrong type is one problem",
        ),
    ],
)
def test_a_stand_in_causes_no_other_problem(
    write_dataset: DatasetWriter, file: str, text: str, path: str, message: str
) -> None:
    problem = only_problem(write_dataset({file: text}))

    assert problem.location.file.endswith(file)
    assert (problem.location.path, str(problem.message)) == (path, message)


def test_two_ids_of_the_wrong_type_are_not_the_same_id(write_dataset: DatasetWriter) -> None:
    service = SERVICES_OF_CONFTEST.split("\n\n")[1]
    services = SERVICES_OF_CONFTEST.replace('id = "tre-klubitalo"', "id = 1") + "\n" + service
    problems = problems_of(write_dataset({"services.toml": services.replace("tre-klubitalo", "")}))

    assert [(p.location.path, str(p.message)) for p in problems] == [
        ("services[0].id", "is a number (1)"),
        ("services[1].id", "is empty"),
    ]


def test_the_merged_municipality_of_the_cases_above_is_reported_when_the_period_is_right(
    write_dataset: DatasetWriter,
) -> None:
    """The cases above would report the merger if the period were open: the check is live."""
    for file, text in [
        ("services.toml", MERGED_SERVICE.replace("active_until = 2024-12-31\n", "")),
        ("agreements/pirha-2025.toml", MERGED_AGREEMENT.replace("valid_until = 2024-12-31", "")),
    ]:
        problem = only_problem(write_dataset({file: text}, folder=file.split("/")[0]))
        assert "Pertunmaa (588) merged into Mäntyharju (507)" in str(problem.message)


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        (
            '["Tampere", "Nokia"]',
            '["Tamepre", 5]',
            [
                ("services[0].municipalities[0]", TAMEPRE),
                ("services[0].municipalities[1]", "is a number (5)"),
            ],
        ),
        (
            '["Tampere", "Nokia"]',
            '{ Tamepre = 10, Nokia = "x", Tampere = -1 }',
            [
                ("services[0].municipalities.Tamepre", TAMEPRE),
                ("services[0].municipalities.Nokia", "is text 'x' (write numbers without quotes)"),
                ("services[0].municipalities.Tampere", "weight is negative (-1)"),
            ],
        ),
    ],
)  # fmt: skip
def test_each_item_of_a_list_or_weights_table_is_checked(
    write_dataset: DatasetWriter, old: str, new: str, found: list[tuple[str, str]]
) -> None:
    """An item of the wrong type stands in for itself only: the other items are looked up."""
    services = SERVICES_OF_CONFTEST.replace(old, new)
    problems = problems_of(write_dataset({"services.toml": services}))

    assert sorted((p.location.path, str(p.message)) for p in problems) == sorted(found)


# -- the property: one problem per key of the wrong type, and every independent value mistake ---

Key = tuple[str, str]  # (kind of record, key)


@attrs.frozen
class ValueMistake:
    """A wrong value planted in the all-keys dataset: reported at its own key, unless one of the
    keys it ``needs`` has a value of the wrong type (then it is unknown whether it is wrong)."""

    kind: str
    key: str
    value: str
    needs: frozenset[Key] = frozenset()


CLAUSES: Key = ("agreement", "clauses")  # a clause's keys are written only in [[clauses]]
VALUE_CATALOGUE = [
    ValueMistake("manifest", "default_year", "25"),
    ValueMistake("organisation", "business_id", '"1572860-1"'),
    ValueMistake("organisation", "id", '"tre-mieli-ry"'),  # the id of conftest's organisation
    ValueMistake("service", "id", '"tre-klubitalo"'),  # the id of conftest's service
    ValueMistake("service", "organisation", '"tre-mieli-rx"', frozenset({("organisation", "id")})),
    ValueMistake("service", "category", '"klubitalo"', frozenset({("category", "key")})),
    ValueMistake("service", "municipalities", '["Tampere", "Tamepre"]'),
    ValueMistake("service", "annual_cost", "-5"),
    ValueMistake("service", "active_until", "2023-12-31", frozenset({("service", "active_from")})),
    ValueMistake("agreement", "status", '"signd"'),
    ValueMistake("agreement", "county", '"Pirkanmaaa"'),
    ValueMistake("agreement", "municipalities", '["Tampere", "Tamepre"]'),
    ValueMistake(
        "agreement", "valid_until", "2024-06-30", frozenset({("agreement", "valid_from")})
    ),
    ValueMistake("agreement", "notice_months", "-1"),
    ValueMistake("agreement", "indexation_percent", "-2"),
    ValueMistake("agreement", "replaces", '"pirha-2023"', frozenset({("agreement", "id")})),
    ValueMistake(
        "clause", "categories", '["klubitalo"]', frozenset({CLAUSES, ("category", "key")})
    ),
    ValueMistake(
        "clause", "services", '["tre-kohtaamox"]', frozenset({CLAUSES, ("service", "id")})
    ),
    ValueMistake("clause", "municipalities", '["Tamepre"]', frozenset({CLAUSES})),
    ValueMistake("clause", "county_share", "120", frozenset({CLAUSES})),
    ValueMistake("clause", "municipality_share", "-1", frozenset({CLAUSES})),
    ValueMistake("clause", "instrument", '"lahjoitus"', frozenset({CLAUSES})),
    ValueMistake("clause", "annual_cap", "-100", frozenset({CLAUSES})),
    ValueMistake(
        "clause", "valid_until", "2024-12-31", frozenset({CLAUSES, ("clause", "valid_from")})
    ),
    ValueMistake("category", "zone", '"gray"'),
    ValueMistake("category", "key", '"Housing Support"'),
]
ALL_KEYS = [(kind, key) for kind, keys in RECORDS.items() for key in keys]


def problem_key(problem: Problem, root: Path) -> tuple[str, str]:
    """The file and the record's key a problem is reported at (a list's item at its list); a
    problem outside the records of PLACES at its own path."""
    file = Path(problem.location.file).relative_to(root).as_posix()
    path = problem.location.path
    longest_first = sorted(PLACES.values(), key=lambda place: -len(place[1]))
    for name, prefix in longest_first:
        if name == file and path.startswith(prefix):
            rest = path[len(prefix) :]
            return file, prefix + rest.split(".")[0].split("[")[0]
    return file, path


@given(st.data())
def test_one_problem_per_key_of_the_wrong_type_and_per_independent_value_mistake(
    data: st.DataObject,
) -> None:
    """Some keys of the all-keys dataset get values of the wrong type, some value mistakes of
    the catalogue are planted: each key of the wrong type is reported once, and so is each
    planted mistake that needs none of them; nothing else is."""
    # keys of a few kinds of record, so that keys that depend on each other often meet
    kinds = data.draw(st.sets(st.sampled_from(sorted(RECORDS)), min_size=1, max_size=3))
    keys = [(kind, key) for kind, key in ALL_KEYS if kind in kinds]
    wrong = data.draw(st.sets(st.sampled_from(keys), min_size=1, max_size=8), label="wrong")
    count = len(VALUE_CATALOGUE)
    chosen = data.draw(st.lists(st.booleans(), min_size=count, max_size=count), label="planted")
    planted = [mistake for mistake, plant in zip(VALUE_CATALOGUE, chosen, strict=True) if plant]
    changes: dict[str, dict[str, str]] = {}
    for mistake in planted:
        changes.setdefault(mistake.kind, {})[mistake.key] = mistake.value
    for kind, key in sorted(wrong):
        value = data.draw(wrong_type_values(RECORDS[kind][key][0]), label=f"{kind}.{key}")
        changes.setdefault(kind, {})[key] = value

    def written(kind: str) -> bool:
        return kind != "clause" or CLAUSES not in wrong

    expected = Counter(
        (PLACES[kind][0], PLACES[kind][1] + key) for kind, key in wrong if written(kind)
    )
    for mistake in planted:
        own = (mistake.kind, mistake.key)
        if written(mistake.kind) and wrong.isdisjoint({own, *mistake.needs}):
            expected[(PLACES[mistake.kind][0], PLACES[mistake.kind][1] + mistake.key)] += 1
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder) / "dataset", dataset_files(changes))
        with pytest.raises(DatasetError) as caught:
            fundgap.load(root)
        problems = caught.value.problems
        found = Counter(problem_key(p, root) for p in problems)

    assert found == expected, "\n".join(str(p) for p in problems)
