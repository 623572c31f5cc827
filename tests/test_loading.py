"""The loader: what it reads, and the exact problems it reports for what it cannot."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.categories import Categories
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import Problem, UsageError
from fundgap.loading._reading import read_part
from fundgap.loading._resolving import Resolver
from fundgap.loading._toml import LineIndex, key_path
from fundgap.model import AgreementStatus, FunderKind, Instrument
from tests.conftest import (
    AGREEMENT,
    FIXTURES,
    MANIFEST,
    SERVICES,
    DatasetWriter,
    only_problem,
    problems_of,
)


def test_a_valid_dataset_loads_with_exact_values(write_dataset: DatasetWriter) -> None:
    dataset = fundgap.load(write_dataset())

    assert dataset.name == "Test dataset"
    assert dataset.default_year == 2025
    service = dataset.services["tre-klubitalo"]
    assert service.annual_cost == Decimal(420000)
    # weights default to the populations of 2020: Tampere 241 009, Nokia 34 476
    assert service.weights == (
        (MunicipalityCode("837"), Decimal(241009)),
        (MunicipalityCode("536"), Decimal(34476)),
    )
    assert not service.weights_given
    agreement = dataset.agreements["pirha-2025"]
    assert agreement.status is AgreementStatus.SIGNED
    assert agreement.county == CountyCode("08")
    assert agreement.validity.end == date(2025, 12, 31)
    assert agreement.clauses[0].county_share == Decimal(60)
    stea, tampere = dataset.funding
    assert stea.funder.kind is FunderKind.STEA
    assert stea.amount == Decimal("150000.00")
    assert tampere.funder.code == MunicipalityCode("837")
    assert tampere.reference == "Kh 10.12.2024 § 456"


def test_sources_point_at_file_and_line(write_dataset: DatasetWriter) -> None:
    dataset = fundgap.load(write_dataset())

    clause = dataset.agreements["pirha-2025"].clauses[0]
    assert clause.source is not None
    assert clause.source.file.endswith("agreements/pirha-2025.toml")
    assert clause.source.line == 10
    assert clause.source.path == "clauses[0]"
    assert dataset.funding[1].source is not None
    assert dataset.funding[1].source.line == 3


def test_toml_decimals_stay_exact(write_dataset: DatasetWriter) -> None:
    services = SERVICES.replace("annual_cost = 420000", "annual_cost = 420000.105")
    dataset = fundgap.load(write_dataset({"services.toml": services}))

    assert dataset.services["tre-klubitalo"].annual_cost == Decimal("420000.105")


def test_weights_table_and_part_year_service(write_dataset: DatasetWriter) -> None:
    services = SERVICES.replace(
        'municipalities = ["Tampere", "Nokia"]',
        "municipalities = { Tampere = 80, Nokia = 20 }\n"
        "active_from = 2025-09-01\nactive_until = 2026-06-30",
    )
    service = fundgap.load(write_dataset({"services.toml": services})).services["tre-klubitalo"]

    assert service.weights_given
    assert [w for _, w in service.weights] == [Decimal(80), Decimal(20)]
    assert service.active.start == date(2025, 9, 1)
    assert service.active.end == date(2026, 6, 30)


@pytest.mark.parametrize(
    ("funder", "kind", "code"),
    [
        ("Tampere", FunderKind.MUNICIPALITY, "837"),
        ("837", FunderKind.MUNICIPALITY, "837"),
        ("Tammerfors", FunderKind.MUNICIPALITY, "837"),
        ("Pirkanmaa", FunderKind.COUNTY, "08"),
        ("08", FunderKind.COUNTY, "08"),
        ("Pirkanmaan hyvinvointialue", FunderKind.COUNTY, "08"),
        ("Pirkanmaan hva", FunderKind.COUNTY, "08"),
        # the counties' own names
        ("Pirha", FunderKind.COUNTY, "08"),
        ("PIRHA", FunderKind.COUNTY, "08"),
        ("Siun sote", FunderKind.COUNTY, "14"),
        ("oma häme", FunderKind.COUNTY, "07"),
        ("stea", FunderKind.STEA, None),
        ("Sirpa ja Väinö Säätiö", FunderKind.OTHER, None),
        # the City of Helsinki as organiser is the same body as the municipality
        ("Helsingin kaupunki", FunderKind.MUNICIPALITY, "091"),
    ],
)
def test_funders_resolve(
    write_dataset: DatasetWriter, funder: str, kind: FunderKind, code: str | None
) -> None:
    funding = f"service;funder;start;end;amount\ntre-klubitalo;{funder};1.1.2025;31.12.2025;100\n"
    decision = fundgap.load(write_dataset({"funding.csv": funding})).funding[0]

    assert decision.funder.kind is kind
    assert (None if decision.funder.code is None else decision.funder.code.value) == code


def test_an_agreement_may_name_its_county_by_the_countys_own_name(
    write_dataset: DatasetWriter,
) -> None:
    agreement = AGREEMENT.replace('county = "Pirkanmaa"', 'county = "Pirha"')
    dataset = fundgap.load(write_dataset({"agreements/pirha-2025.toml": agreement}))

    assert dataset.agreements["pirha-2025"].county == CountyCode("08")


def test_comma_csv_with_english_amounts_and_finnish_headers(write_dataset: DatasetWriter) -> None:
    funding = (
        "palvelu,rahoittaja,alku,loppu,summa,muoto,viite\n"
        'tre-klubitalo,Tampere,2025-01-01,2025-06-30,"1,234.50",ostopalvelu,"Kh 1.1.2025, § 3"\n'
    )
    decision = fundgap.load(write_dataset({"funding.csv": funding})).funding[0]

    assert decision.amount == Decimal("1234.50")
    assert decision.instrument is Instrument.PURCHASE
    assert decision.reference == "Kh 1.1.2025, § 3"


def test_funding_folder_of_several_files(write_dataset: DatasetWriter) -> None:
    header = "service;funder;start;end;amount\n"
    root = write_dataset(
        {
            "funding.csv": None,
            "funding/2024.csv": header + "tre-klubitalo;STEA;1.1.2024;31.12.2024;100\n",
            "funding/2025.csv": header + "tre-klubitalo;STEA;1.1.2025;31.12.2025;200\n",
        }
    )
    assert [d.amount for d in fundgap.load(root).funding] == [Decimal(100), Decimal(200)]


def test_a_collection_loads_all_its_datasets(write_dataset: DatasetWriter, tmp_path: Path) -> None:
    write_dataset(folder="all/pirkanmaa")
    kainuu = {
        "fundgap.toml": 'name = "Kainuu"\n',
        "services.toml": SERVICES.replace("tre-", "kai-").replace(
            '["Tampere", "Nokia"]', '["Kajaani"]'
        ),
        "agreements/pirha-2025.toml": None,
        "funding.csv": None,
    }
    write_dataset(kainuu, folder="all/kainuu")

    dataset = fundgap.load(tmp_path / "all")
    assert dataset.parts == ("Kainuu", "Test dataset")
    assert set(dataset.services) == {"kai-klubitalo", "tre-klubitalo"}


def test_an_id_used_in_two_datasets_of_a_collection_names_both_files(
    write_dataset: DatasetWriter, tmp_path: Path
) -> None:
    write_dataset(folder="all/a")
    write_dataset({"agreements/pirha-2025.toml": None, "funding.csv": None}, folder="all/b")

    problems = problems_of(tmp_path / "all")
    # the organisation and the service of b clash with a's; each reported once, at b
    assert [p.location.path for p in problems] == ["organisations[0].id", "services[0].id"]
    assert all(p.location.file.endswith("b/services.toml") for p in problems)
    assert "a/services.toml:7" in str(problems[1].message)


def test_a_folder_that_is_no_dataset_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a dataset"):
        fundgap.load(tmp_path)
    with pytest.raises(UsageError, match="no such folder"):
        fundgap.load(tmp_path / "missing")


def test_ten_mistakes_are_reported_together() -> None:
    """The fixture of issue 2: ten different mistakes, ten messages, each with file and key."""
    problems = problems_of(FIXTURES / "ten-mistakes")

    found = {(Path(p.location.file).name, p.location.path): p for p in problems}
    assert len(problems) == 10
    expected = {
        ("services.toml", "services[0].municipalities[0]"): "unknown municipality 'Tamepre'",
        ("services.toml", "services[1].category"): "unknown category 'meetingplace'",
        ("services.toml", "services[2].annual_cost"): "is negative (-15000)",
        ("services.toml", "services[3].active_until"): "is before the start 2025-06-01",
        ("services.toml", "organisations[1].business_id"): "check digit is 1",
        ("services.toml", "services[5].id"): "service id 'tre-kriisi' is already used",
        ("c-text-amount.csv", "amount"): "'sataviisikymmentätuhatta' is not an amount",
        ("a-cp1252.csv", "funder"): "is not UTF-8 text",
        ("b-no-amount.csv", "header"): "lacks the column 'amount'",
        ("pirkanmaa-2025.toml", "municipalities[1]"): "is in Åland",
    }
    assert set(found) == set(expected)
    for key, text in expected.items():
        assert text in str(found[key].message)
        assert str(found[key].expected), f"{key} says what is expected"
        assert found[key].location.line is not None, f"{key} has a line"


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "message", "expected"),
    [
        (
            "county_share = 60",
            "county_share = -5",
            "clauses[0].county_share",
            13,
            "is negative (-5)",
            "a percentage from 0 to 100",
        ),
        (
            "county_share = 60",
            "county_share = 160",
            "clauses[0].county_share",
            13,
            "is 160, more than 100",
            "a percentage from 0 to 100",
        ),
        (
            "county_share = 60",
            'county_share = "60"',
            "clauses[0].county_share",
            13,
            "is text '60' (write numbers without quotes)",
            "a number without quotes",
        ),
        (
            'status = "signed"',
            'status = "signd"',
            "status",
            3,
            "is 'signd'",
            "draft, negotiation, signed or terminated",
        ),
        (
            'county = "Pirkanmaa"',
            'county = "Pirkanmaaa"',
            "county",
            4,
            "unknown wellbeing services county 'Pirkanmaaa' (did you mean 'Pirkanmaa'",
            "a wellbeing services county's name",
        ),
        (
            'county = "Pirkanmaa"\nmunicipalities = ["Tampere", "Nokia"]',
            'county = "Kainuu"\nmunicipalities = ["Kajaani", "Nokia"]',
            "municipalities[1]",
            5,
            "Nokia (536) belongs to Pirkanmaa (08), not to the agreement's county 20",
            "municipalities of county 20",
        ),
        (
            "valid_until = 2025-12-31",
            'valid_until = "2025-12-31"',
            "valid_until",
            7,
            "is text '2025-12-31' (write dates without quotes)",
            "a date without quotes",
        ),
        (
            "valid_until = 2025-12-31",
            "valid_until = 2024-12-31",
            "valid_until",
            7,
            "2024-12-31 is before the start 2025-01-01",
            "an end on or after the start",
        ),
        (
            "notice_months = 6",
            "notice_month = 6",
            "notice_month",
            8,
            "is not a known key (did you mean 'notice_months'?)",
            "one of id, title",
        ),
        (
            'categories = ["clubhouse"]',
            'categories = ["clubhouse"]\nservices = ["tre-klubitalo", "tre-kubitalo"]',
            "clauses[0].services[1]",
            13,
            "unknown service 'tre-kubitalo' (did you mean 'tre-klubitalo'?)",
            "the id of a service",
        ),
        (
            'categories = ["clubhouse"]',
            'categories = ["clubhouse"]\nmunicipalities = ["Ylöjärvi"]',
            "clauses[0].municipalities[0]",
            13,
            "Ylöjärvi (980) is not a party to the agreement",
            "one of the agreement's municipalities",
        ),
        (
            'categories = ["clubhouse"]',
            'categories = ["clubhouse"]\nvalid_from = 2024-06-01',
            "clauses[0].valid_from",
            13,
            "outside the agreement's validity",
            "a clause period inside the agreement's validity",
        ),
        (
            'categories = ["clubhouse"]',
            "categories = []",
            "clauses[0].categories",
            12,
            "neither categories nor services are given",
            "at least one category or service",
        ),
        (
            'id = "K1"',
            "",
            "clauses[0].id",
            10,
            "is missing",
            "text in quotes",
        ),
    ],
)
def test_agreement_problems(
    write_dataset: DatasetWriter,
    old: str,
    new: str,
    path: str,
    line: int,
    message: str,
    expected: str,
) -> None:
    assert old in AGREEMENT
    problem = only_problem(
        write_dataset({"agreements/pirha-2025.toml": AGREEMENT.replace(old, new)})
    )

    assert problem.location.file.endswith("agreements/pirha-2025.toml")
    assert problem.location.path == path
    assert problem.location.line == line
    assert message in str(problem.message)
    assert str(problem.expected).startswith(expected)


def test_a_merged_municipality_in_a_later_agreement_names_the_successor(
    write_dataset: DatasetWriter,
) -> None:
    agreement = AGREEMENT.replace('"Pirkanmaa"', '"Etelä-Savo"').replace(
        '["Tampere", "Nokia"]', '["Mikkeli", "Pertunmaa"]'
    )
    problem = only_problem(write_dataset({"agreements/pirha-2025.toml": agreement}))

    assert problem.location.path == "municipalities[1]"
    assert "Pertunmaa (588) merged into Mäntyharju (507) on 2025-01-01" in str(problem.message)
    assert str(problem.expected) == "Mäntyharju for the days from 2025-01-01"


def test_a_merged_municipality_is_fine_before_the_merger(write_dataset: DatasetWriter) -> None:
    agreement = (
        AGREEMENT.replace('"Pirkanmaa"', '"Etelä-Savo"')
        .replace('["Tampere", "Nokia"]', '["Mikkeli", "Pertunmaa"]')
        .replace("2025-01-01", "2024-01-01")
        .replace("2025-12-31", "2024-12-31")
    )
    dataset = fundgap.load(write_dataset({"agreements/pirha-2025.toml": agreement}))
    warnings = fundgap.validate(dataset).warnings

    assert any("Pertunmaa (588), which merged into Mäntyharju" in str(w.message) for w in warnings)


def test_toml_syntax_error_has_its_line(write_dataset: DatasetWriter) -> None:
    broken = AGREEMENT.replace("notice_months = 6", "notice_months = = 6")
    problem = only_problem(write_dataset({"agreements/pirha-2025.toml": broken}))

    assert problem.location.line == 8
    assert str(problem.message).startswith("is not valid TOML")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"\\u001b[2J" = 2', '"\\u001b[2J"'),  # ESC escaped, never sent to the terminal
        ('"a\\u00e4" = 1', '"aä"'),
        ('"\\U0001F600" = 1', '"\U0001f600"'),
        ('"tab\\tkey" = 1', '"tab\\tkey"'),  # as TOML writes it, not a raw tab
        ('"a\\"b" = 1', '"a\\"b"'),
        ('"a\\\\u00e4" = 1', '"a\\\\u00e4"'),  # an escaped backslash, then no escape
        ("'lit\\u00e4' = 1", '"lit\\\\u00e4"'),  # a literal string has no escapes
    ],
)
def test_a_key_written_with_escapes_has_its_own_line(
    write_dataset: DatasetWriter, written: str, shown: str
) -> None:
    """An escape was kept as written in the line index, so the key was not found there and its
    problem stood at the line of [[services]] (6) instead of its own (13)."""
    root = write_dataset({"services.toml": f"{SERVICES}{written}\n"})

    problem = only_problem(root)

    assert problem.location.line == 13
    assert str(problem) == (
        f"{root.as_posix()}/services.toml:13: services[0].{shown}: is not a known key; expected "
        "one of id, name, organisation, category, municipalities, annual_cost, active_from, "
        "active_until"
    )


def test_a_table_header_written_with_escapes_has_its_own_line(
    write_dataset: DatasetWriter,
) -> None:
    second = (
        '\n[["serv\\u0069ces"]]\nid = "tre-b"\nname = "B"\norganisation = "tre-mieli-ry"\n'
        'category = "klubi"\nmunicipalities = ["Tampere"]\nannual_cost = 1\n'
    )
    manifest = 'name = "Escapes"\n\n["t\\u00e4"]\nkey = 1\n'
    problems = problems_of(
        write_dataset({"services.toml": SERVICES + second, "fundgap.toml": manifest})
    )

    assert [
        (p.location.file.rsplit("/")[-1], p.location.line, p.location.path) for p in problems
    ] == [
        ("fundgap.toml", 3, '"tä"'),
        ("services.toml", 18, "services[1].category"),
    ]


def test_a_key_that_is_no_bare_key_is_shown_in_quotes(write_dataset: DatasetWriter) -> None:
    """A path read ``"a.b"`` (one key) as ``a.b`` (two) and ``"quoted key"`` without its
    quotes."""
    manifest = f'{MANIFEST}"a.b" = 1\n"quoted key" = 2\nx."" = 3\n'
    services = SERVICES.replace(
        '["Tampere", "Nokia"]', '{ Tampere = 1, "Nokia\\u001b[2J" = 1, "Nokia" = 1 }'
    )
    root = write_dataset({"fundgap.toml": manifest, "services.toml": services})

    problems = problems_of(root)

    manifest_keys = "expected one of name, description, default_year"
    assert [str(problem).removeprefix(f"{root.as_posix()}/") for problem in problems] == [
        f'fundgap.toml:3: "a.b": is not a known key; {manifest_keys}',
        f'fundgap.toml:4: "quoted key": is not a known key; {manifest_keys}',
        f"fundgap.toml:5: x: is not a known key; {manifest_keys}",
        'services.toml:11: services[0].municipalities."Nokia\\u001b[2J": unknown municipality '
        "'Nokia\\x1b[2J' (did you mean 'Nokia'?); expected a municipality's Finnish or Swedish "
        "name, or its 3-digit code",
    ]
    assert problems[3].location.path == 'services[0].municipalities."Nokia\\u001b[2J"'


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("tab\tx", r'"tab\tx"'),
        ("a\nb\rc\bd\fe", r'"a\nb\rc\bd\fe"'),  # TOML's short escapes
        ('q"b\\c', r'"q\"b\\c"'),
        ("\x00\x1b[2J\x1f", r'"\u0000\u001b[2J\u001f"'),  # the rest of C0
        ("del\x7f", r'"del\u007f"'),
        ("c1\x80\x9b\x9f", r'"c1\u0080\u009b\u009f"'),
        ("bidi\u202e zero\u200b", '"bidi\u202e zero\u200b"'),  # no control: kept, for shown()
        ("\xa0ä\U0001f600", '"\xa0ä\U0001f600"'),
    ],
)
def test_a_key_path_writes_control_characters_as_toml_escapes(key: str, path: str) -> None:
    """A tab in a key was written raw in its path, where TOML writes ``\\t``."""
    assert key_path(("services", 0, key)) == f"services[0].{path}"
    assert tomllib.loads(f"{path} = 1") == {key: 1}  # the path reads back as the key


def test_a_key_path_shows_the_invisible_characters_it_keeps(
    write_dataset: DatasetWriter,
) -> None:
    manifest = f'{MANIFEST}"tab\\tx\\u202e" = 1\n'

    problem = only_problem(write_dataset({"fundgap.toml": manifest}))

    assert problem.location.path == '"tab\\tx\u202e"'
    assert str(problem).endswith(
        'fundgap.toml:3: "tab\\tx\\u202e": is not a known key; expected one of name, '
        "description, default_year"
    )


def test_a_table_written_only_in_a_dotted_key_or_header_has_its_line(
    write_dataset: DatasetWriter,
) -> None:
    """``extra.x = 1`` and ``[more.table]`` write the unknown keys ``extra`` and ``more``, which
    had no line; nor had ``colour`` in ``colour.red = 1`` under ``[[services]]`` but that of the
    header."""
    manifest = 'name = "Dotted"\nextra.x = 1\n\n[more . "table"]\nkey = 1\n'
    services = f"{SERVICES}colour.red = 1\n"
    problems = problems_of(write_dataset({"fundgap.toml": manifest, "services.toml": services}))

    assert [(p.location.line, p.location.path, str(p.message)) for p in problems] == [
        (2, "extra", "is not a known key"),
        (4, "more", "is not a known key"),
        (13, "services[0].colour", "is not a known key"),
    ]


def written_key(key: str, form: int) -> str:
    """``key`` as TOML writes it: bare if it can be, else a literal string (``form`` 1) if it
    can be, else a basic string with escapes of every kind (``\\u`` for a control character;
    with ``form`` 2, ``\\U`` for every character that has no escape of its own)."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    if form == 1 and re.fullmatch(r"[^'\x00-\x08\x0a-\x1f\x7f]*", key):
        return f"'{key}'"
    named = {
        "\b": "\\b",
        "\t": "\\t",
        "\n": "\\n",
        "\f": "\\f",
        "\r": "\\r",
        '"': '\\"',
        "\\": "\\\\",
    }
    escaped = "".join(
        named.get(char)
        or (f"\\U{ord(char):08X}" if form == 2 else None)
        or (f"\\u{ord(char):04x}" if ord(char) < 0x20 or char == "\x7f" else char)
        for char in key
    )
    return f'"{escaped}"'


@given(
    st.lists(
        st.tuples(st.text(max_size=6), st.integers(0, 2)), max_size=6, unique_by=lambda k: k[0]
    )
)
def test_the_line_index_finds_each_key_as_tomllib_reads_it(keys: list[tuple[str, int]]) -> None:
    text = "".join(f"{written_key(key, form)} = 1\n" for key, form in keys)

    document = tomllib.loads(text)
    index = LineIndex(text)

    assert list(document) == [key for key, _ in keys]
    assert [index.line((key,)) for key in document] == list(range(1, len(keys) + 1))


def test_problems_in_many_records_are_all_reported(write_dataset: DatasetWriter) -> None:
    second = (
        '\n[[services]]\nid = "tre-b"\nname = "B"\norganisation = "tre-mieli-ry"\n'
        'category = "klubi"\nmunicipalities = ["Tampere"]\nannual_cost = "paljon"\n'
    )
    problems = problems_of(write_dataset({"services.toml": SERVICES + second}))

    # The first record is fine; the second reports its unknown category beside its type error,
    # in the same run.
    assert [(p.location.path, p.location.line) for p in problems] == [
        ("services[1].category", 18),
        ("services[1].annual_cost", 20),
    ]


# -- a record whose id is taken is still checked in full ---------------------------------------

# One mistake in every field of a record whose id is already taken: an organisation, a service,
# an agreement (its head and both clauses) and categories defined twice.
DUPLICATED_SERVICES = (
    SERVICES
    + """
[[organisations]]
id = "tre-mieli-ry"
name = "Tampereen Mieli ry, toinen"
business_id = "2077474-1"

[[services]]
id = "tre-klubitalo"
name = "Klubitalo kahdesti"
organisation = "tre-mieli-rx"
category = "klubitalo"
municipalities = ["Tamepre"]
annual_cost = -5
active_from = 2025-06-01
active_until = 2025-01-01
"""
)
DUPLICATED_AGREEMENT = """\
id = "pirha-2025"
title = "Kopio"
status = "signd"
county = "Pirkanmaaa"
municipalities = ["Tampere", "Tamepre"]
valid_from = 2025-01-01
valid_until = 2024-12-31
notice_months = -1
indexation_percent = -2
replaces = "pirha-2024"

[[clauses]]
id = "K1"
categories = ["klubitalo"]
services = ["tre-klubitalox"]
municipalities = ["Tamepre"]
county_share = 120
municipality_share = -1
instrument = "lahjoitus"
annual_cap = -100
valid_from = 2025-06-01
valid_until = 2025-05-01

[[clauses]]
id = "K1"
categories = ["clubhouse"]
county_share = 50
municipality_share = 50
"""
CATEGORY = """\
[[categories]]
key = "{key}"
zone = "{zone}"
label_fi = "Asumisen tuki"
label_sv = "Boendestöd"
label_en = "{label}"
"""
DUPLICATED_CATEGORIES = "\n".join(
    CATEGORY.format(key=key, zone=zone, label=label)
    for key, zone, label in [
        ("housing_support", "grey", "Housing support"),
        ("housing_support", "gray", "Support for housing"),
        ("clubhouse", "grey-ish", "Housing support"),
        ("Housing Support", "sometimes", "Housing support"),
    ]
)
MUNICIPALITY_EXPECTED = "a municipality's Finnish or Swedish name, or its 3-digit code"
DUPLICATED_PROBLEMS = [
    ("agreements/z-copy.toml", 1, "id",
     "agreement id 'pirha-2025' is already used at {root}/agreements/pirha-2025.toml:1",
     "an agreement id used only once in the whole dataset"),
    ("agreements/z-copy.toml", 3, "status", "is 'signd'",
     "draft, negotiation, signed or terminated"),
    ("agreements/z-copy.toml", 4, "county",
     "unknown wellbeing services county 'Pirkanmaaa' (did you mean 'Pirkanmaa' or 'Pohjanmaa'?)",
     "a wellbeing services county's name (e.g. Pirkanmaa) or its 2-digit code"),
    ("agreements/z-copy.toml", 5, "municipalities[1]",
     "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY_EXPECTED),
    ("agreements/z-copy.toml", 7, "valid_until", "2024-12-31 is before the start 2025-01-01",
     "an end on or after the start"),
    ("agreements/z-copy.toml", 8, "notice_months", "is negative (-1)", "0 or more"),
    ("agreements/z-copy.toml", 9, "indexation_percent", "is negative (-2)", "0 or more"),
    ("agreements/z-copy.toml", 10, "replaces",
     "unknown agreement 'pirha-2024' (did you mean 'pirha-2025'?)",
     "the id of an agreement in the dataset"),
    ("agreements/z-copy.toml", 14, "clauses[0].categories[0]", "unknown category 'klubitalo'",
     "a category key from docs/format.md or categories.toml"),
    ("agreements/z-copy.toml", 15, "clauses[0].services[0]",
     "unknown service 'tre-klubitalox' (did you mean 'tre-klubitalo'?)",
     "the id of a service in the dataset"),
    ("agreements/z-copy.toml", 16, "clauses[0].municipalities[0]",
     "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY_EXPECTED),
    ("agreements/z-copy.toml", 17, "clauses[0].county_share", "is 120, more than 100",
     "a percentage from 0 to 100"),
    ("agreements/z-copy.toml", 18, "clauses[0].municipality_share", "is negative (-1)",
     "a percentage from 0 to 100"),
    ("agreements/z-copy.toml", 19, "clauses[0].instrument", "is 'lahjoitus'",
     "grant, purchase, voucher or premises"),
    ("agreements/z-copy.toml", 20, "clauses[0].annual_cap", "is negative (-100)",
     "euros a year, 0 or more"),
    ("agreements/z-copy.toml", 22, "clauses[0].valid_until",
     "2025-05-01 is before the start 2025-06-01", "an end on or after the start"),
    ("agreements/z-copy.toml", 25, "clauses[1].id",
     "clause id 'K1' is used twice in this agreement", "a clause id unique within the agreement"),
    ("categories.toml", 9, "categories[1].key",
     "category 'housing_support' is already defined differently at {root}/categories.toml:2",
     "the same zone and labels as there, or another key"),
    ("categories.toml", 10, "categories[1].zone", "is 'gray'", "statutory, preventive or grey"),
    ("categories.toml", 16, "categories[2].key", "'clubhouse' is a built-in category", "a new key"),
    ("categories.toml", 17, "categories[2].zone", "is 'grey-ish'", "statutory, preventive or grey"),
    ("categories.toml", 23, "categories[3].key",
     "'Housing Support' is not a category key; use lower-case letters, digits and underscores, "
     "starting with a letter, e.g. 'housing_support'", ""),
    ("categories.toml", 24, "categories[3].zone", "is 'sometimes'",
     "statutory, preventive or grey"),
    ("services.toml", 15, "organisations[1].id",
     "organisation id 'tre-mieli-ry' is already used at {root}/services.toml:2",
     "an organisation id used only once in the whole dataset"),
    ("services.toml", 17, "organisations[1].business_id",
     "'2077474-1': check digit is 1, but the first seven digits give 0",
     "a valid Y-tunnus such as 2077474-0 (seven digits, a hyphen, the check digit)"),
    ("services.toml", 20, "services[1].id",
     "service id 'tre-klubitalo' is already used at {root}/services.toml:7",
     "a service id used only once in the whole dataset"),
    ("services.toml", 22, "services[1].organisation",
     "unknown organisation 'tre-mieli-rx' (did you mean 'tre-mieli-ry'?)",
     "the id of an organisation in the dataset"),
    ("services.toml", 23, "services[1].category", "unknown category 'klubitalo'",
     "a category key from docs/format.md or categories.toml"),
    ("services.toml", 24, "services[1].municipalities[0]",
     "unknown municipality 'Tamepre' (did you mean 'Tampere'?)", MUNICIPALITY_EXPECTED),
    ("services.toml", 25, "services[1].annual_cost", "is negative (-5)",
     "the need in euros a year, 0 or more"),
    ("services.toml", 27, "services[1].active_until", "2025-01-01 is before the start 2025-06-01",
     "an end on or after the start"),
]  # fmt: skip


def _every_problem_once(root: Path, expected: list[tuple[str, int, str, str, str]]) -> None:
    """Loading ``root`` (from its parent folder) reports exactly ``expected``, each once."""
    problems = problems_of(Path(root.name))
    found = [
        (p.location.file, p.location.line, p.location.path, str(p.message), str(p.expected or ""))
        for p in problems
    ]
    assert found == [
        (f"{root.name}/{file}", line, path, message.format(root=root.name), wanted)
        for file, line, path, message, wanted in expected
    ]
    assert len({str(p) for p in problems}) == len(problems), "a problem is reported twice"


def test_a_record_whose_id_is_taken_has_every_other_field_checked_too(
    write_dataset: DatasetWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue "all errors at once": the duplicate's mistakes used to wait for a second run."""
    root = write_dataset(
        {
            "services.toml": DUPLICATED_SERVICES,
            "agreements/z-copy.toml": DUPLICATED_AGREEMENT,
            "categories.toml": DUPLICATED_CATEGORIES,
        }
    )
    monkeypatch.chdir(root.parent)
    _every_problem_once(root, DUPLICATED_PROBLEMS)


# The same, with values of the wrong type in some fields: they hide none of the others, and
# nothing is reported that only the wrong type would cause (no end before an unknown start).
TYPED_DUPLICATED_SERVICES = (
    SERVICES
    + """
[[organisations]]
id = "tre-mieli-ry"
name = 5
business_id = "2077474-1"

[[services]]
id = "tre-klubitalo"
name = "Klubitalo kahdesti"
organisation = "tre-mieli-rx"
category = ["klubitalo"]
municipalities = ["Tamepre", 3]
annual_cost = "-5"
active_from = "2025-06-01"
active_until = 2025-01-01
"""
)
TYPED_DUPLICATED_AGREEMENT = """\
id = "pirha-2025"
title = "Kopio"
status = 1
county = "Pirkanmaaa"
municipalities = ["Tampere", "Tamepre"]
valid_from = 2025-01-01
valid_until = "2024"
notice_months = -1
indexation_percent = "2"
replaces = "pirha-2024"

[[clauses]]
id = "K1"
categories = "klubitalo"
services = ["tre-klubitalox"]
municipalities = ["Tamepre"]
county_share = "120"
municipality_share = -1
instrument = 5
annual_cap = -100
valid_from = 2025-06-01
valid_until = 2025-05-01

[[clauses]]
id = "K1"
categories = ["clubhouse"]
county_share = 50
municipality_share = true
"""
TYPED_DUPLICATED_CATEGORIES = "\n".join(
    CATEGORY.format(key=key, zone=zone, label=label)
    .replace('"5"', "5")
    .replace('"[', "[")
    .replace(']"', "]")
    for key, zone, label in [
        ("housing_support", "grey", "Housing support"),
        ("housing_support", "gray", "5"),
        ("5", "grey-ish", "Housing support"),
        ("Housing Support", '["grey"]', "Housing support"),
    ]
)

TYPED_DUPLICATED_PROBLEMS = [
    ("agreements/z-copy.toml", 1, "id",
     "agreement id 'pirha-2025' is already used at {root}/agreements/pirha-2025.toml:1",
     "an agreement id used only once in the whole dataset"),
    ("agreements/z-copy.toml", 3, "status",
     "is a number (1)",
     "text in quotes"),
    ("agreements/z-copy.toml", 4, "county",
     "unknown wellbeing services county 'Pirkanmaaa' (did you mean 'Pirkanmaa' or 'Pohjanmaa'?)",
     "a wellbeing services county's name (e.g. Pirkanmaa) or its 2-digit code"),
    ("agreements/z-copy.toml", 5, "municipalities[1]",
     "unknown municipality 'Tamepre' (did you mean 'Tampere'?)",
     "a municipality's Finnish or Swedish name, or its 3-digit code"),
    ("agreements/z-copy.toml", 7, "valid_until",
     "is text '2024' (write dates without quotes)",
     "a date without quotes, e.g. 2025-01-01"),
    ("agreements/z-copy.toml", 8, "notice_months",
     "is negative (-1)",
     "0 or more"),
    ("agreements/z-copy.toml", 9, "indexation_percent",
     "is text '2' (write numbers without quotes)",
     "a number without quotes, e.g. 150000 or 12.5"),
    ("agreements/z-copy.toml", 10, "replaces",
     "unknown agreement 'pirha-2024' (did you mean 'pirha-2025'?)",
     "the id of an agreement in the dataset"),
    ("agreements/z-copy.toml", 14, "clauses[0].categories",
     "is text 'klubitalo'",
     'a list of text, e.g. ["Tampere", "Nokia"]'),
    ("agreements/z-copy.toml", 15, "clauses[0].services[0]",
     "unknown service 'tre-klubitalox' (did you mean 'tre-klubitalo'?)",
     "the id of a service in the dataset"),
    ("agreements/z-copy.toml", 16, "clauses[0].municipalities[0]",
     "unknown municipality 'Tamepre' (did you mean 'Tampere'?)",
     "a municipality's Finnish or Swedish name, or its 3-digit code"),
    ("agreements/z-copy.toml", 17, "clauses[0].county_share",
     "is text '120' (write numbers without quotes)",
     "a number without quotes, e.g. 150000 or 12.5"),
    ("agreements/z-copy.toml", 18, "clauses[0].municipality_share",
     "is negative (-1)",
     "a percentage from 0 to 100"),
    ("agreements/z-copy.toml", 19, "clauses[0].instrument",
     "is a number (5)",
     "text in quotes"),
    ("agreements/z-copy.toml", 20, "clauses[0].annual_cap",
     "is negative (-100)",
     "euros a year, 0 or more"),
    ("agreements/z-copy.toml", 22, "clauses[0].valid_until",
     "2025-05-01 is before the start 2025-06-01",
     "an end on or after the start"),
    ("agreements/z-copy.toml", 25, "clauses[1].id",
     "clause id 'K1' is used twice in this agreement",
     "a clause id unique within the agreement"),
    ("agreements/z-copy.toml", 28, "clauses[1].municipality_share",
     "is true/false (true)",
     "a number without quotes, e.g. 150000 or 12.5"),
    ("categories.toml", 10, "categories[1].zone",
     "is 'gray'",
     "statutory, preventive or grey"),
    ("categories.toml", 13, "categories[1].label_en",
     "is a number (5)",
     "text in quotes"),
    ("categories.toml", 16, "categories[2].key",
     "is a number (5)",
     "text in quotes"),
    ("categories.toml", 17, "categories[2].zone",
     "is 'grey-ish'",
     "statutory, preventive or grey"),
    ("categories.toml", 23, "categories[3].key",
     "'Housing Support' is not a category key; use lower-case letters, digits and underscores, "
     "starting with a letter, e.g. 'housing_support'",
     ""),
    ("categories.toml", 24, "categories[3].zone",
     "is a list",
     "text in quotes"),
    ("services.toml", 15, "organisations[1].id",
     "organisation id 'tre-mieli-ry' is already used at {root}/services.toml:2",
     "an organisation id used only once in the whole dataset"),
    ("services.toml", 16, "organisations[1].name",
     "is a number (5)",
     "text in quotes"),
    ("services.toml", 17, "organisations[1].business_id",
     "'2077474-1': check digit is 1, but the first seven digits give 0",
     "a valid Y-tunnus such as 2077474-0 (seven digits, a hyphen, the check digit)"),
    ("services.toml", 20, "services[1].id",
     "service id 'tre-klubitalo' is already used at {root}/services.toml:7",
     "a service id used only once in the whole dataset"),
    ("services.toml", 22, "services[1].organisation",
     "unknown organisation 'tre-mieli-rx' (did you mean 'tre-mieli-ry'?)",
     "the id of an organisation in the dataset"),
    ("services.toml", 23, "services[1].category",
     "is a list",
     "text in quotes"),
    ("services.toml", 24, "services[1].municipalities[0]",
     "unknown municipality 'Tamepre' (did you mean 'Tampere'?)",
     "a municipality's Finnish or Swedish name, or its 3-digit code"),
    ("services.toml", 24, "services[1].municipalities[1]",
     "is a number (3)",
     "text in quotes"),
    ("services.toml", 25, "services[1].annual_cost",
     "is text '-5' (write numbers without quotes)",
     "a number without quotes, e.g. 150000 or 12.5"),
    ("services.toml", 26, "services[1].active_from",
     "is text '2025-06-01' (write dates without quotes)",
     "a date without quotes, e.g. 2025-01-01"),
]  # fmt: skip


def test_a_record_with_values_of_the_wrong_type_has_every_other_field_checked_too(
    write_dataset: DatasetWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_dataset(
        {
            "services.toml": TYPED_DUPLICATED_SERVICES,
            "agreements/z-copy.toml": TYPED_DUPLICATED_AGREEMENT,
            "categories.toml": TYPED_DUPLICATED_CATEGORIES,
        }
    )
    monkeypatch.chdir(root.parent)
    _every_problem_once(root, TYPED_DUPLICATED_PROBLEMS)
    # and none of them is built: the first records with those ids are the ones in the model
    resolver = Resolver(fundgap.load_registry(), [])
    resolver.resolve([read_part(root, "ds", [])])
    assert resolver.organisations["tre-mieli-ry"].name == "Tampereen Mieli ry"
    assert resolver.services["tre-klubitalo"].annual_cost == 420000
    assert resolver.agreements["pirha-2025"].title.startswith("Järjestöpalvelujen")
    assert set(resolver.categories) - set(Categories()) == {"housing_support"}


def test_a_duplicate_is_never_registered_in_place_of_the_first(
    write_dataset: DatasetWriter,
) -> None:
    """A duplicate with nothing else wrong: only its id is reported, and references go to the
    first record (checked on the resolver, since a dataset with problems does not load)."""
    services = SERVICES + SERVICES.replace("420000", "1").replace("Tampereen Mieli", "Toinen")
    agreement = AGREEMENT.replace("Järjestöpalvelujen", "Kopio:")
    category = CATEGORY.format(key="housing_support", zone="grey", label="Housing support")
    root = write_dataset(
        {
            "services.toml": services,
            "agreements/z-copy.toml": agreement,
            "categories.toml": category + "\n" + category.replace("grey", " Grey "),
        }
    )
    problems: list[Problem] = []
    resolver = Resolver(fundgap.load_registry(), problems)
    resolver.resolve([read_part(root, "ds", problems)])

    assert [(Path(p.location.file).name, p.location.path) for p in problems] == [
        ("services.toml", "organisations[1].id"),
        ("services.toml", "services[1].id"),
        ("z-copy.toml", "id"),
    ]
    assert resolver.organisations["tre-mieli-ry"].name == "Tampereen Mieli ry"
    assert resolver.services["tre-klubitalo"].annual_cost == 420000
    assert resolver.agreements["pirha-2025"].title.startswith("Järjestöpalvelujen")
    assert resolver.categories["housing_support"].label_en == "Housing support"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("tre-klubitalo;STEA;1.1.2025;31.12.2025;-100;grant;x", "amount", "is negative (-100)"),
        ("tre-klubitalo;STEA;1.1.2025;31.12.2025;;grant;x", "amount", "is empty"),
        ("tre-klubitalo;STEA;31.12.2025;1.1.2025;100;grant;x", "end", "is before the start"),
        (
            "tre-klubitalo;STEA;1.13.2025;31.12.2025;100;grant;x",
            "start",
            "'1.13.2025' is not a date",
        ),
        ("tre-klubitalo;STEA;1.1.2025;31.12.2025;100;lahjoitus;x", "instrument", "is 'lahjoitus'"),
        ("tre-klubitalox;STEA;1.1.2025;31.12.2025;100;grant;x", "service", "unknown service"),
        ("tre-klubitalo;;1.1.2025;31.12.2025;100;grant;x", "funder", "is empty"),
        ("tre-klubitalo;Maarianhamina;1.1.2025;31.12.2025;100;grant;x", "funder", "is in Åland"),
        ("tre-klubitalo;Ahvenanmaa;1.1.2025;31.12.2025;100;grant;x", "funder", "outside the"),
        ("tre-klubitalo;99;1.1.2025;31.12.2025;100;grant;x", "funder", "unknown"),
    ],
)
def test_funding_row_problems(
    write_dataset: DatasetWriter, row: str, column: str, message: str
) -> None:
    funding = "service;funder;start;end;amount;instrument;reference\n" + row + "\n"
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert problem.location.line == 2
    assert problem.location.path == column
    assert message in str(problem.message)
    assert str(problem.expected)


def test_a_cp1252_csv_is_refused_with_how_to_save_it(write_dataset: DatasetWriter) -> None:
    text = "service;funder;start;end;amount\r\ntre-klubitalo;Säätiö;1.1.2025;31.12.2025;100\r\n"
    problem = only_problem(write_dataset({"funding.csv": text.encode("cp1252")}))

    assert problem.location.line == 2
    assert problem.location.path == "funder"
    assert "Windows-1252" in str(problem.message)
    assert "CSV UTF-8" in str(problem.expected)


def test_a_misspelt_header_is_named(write_dataset: DatasetWriter) -> None:
    funding = "service;funder;start;end;amout\ntre-klubitalo;STEA;1.1.2025;31.12.2025;100\n"
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert problem.location.path == "header"
    assert "'amout' may be a misspelt 'amount'" in str(problem.message)


def test_loading_never_writes(write_dataset: DatasetWriter) -> None:
    root = write_dataset()
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    fundgap.load(root)
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == before


def test_extra_categories_extend_the_builtins(write_dataset: DatasetWriter) -> None:
    categories = (
        '[[categories]]\nkey = "housing_support"\nzone = "grey"\n'
        'label_fi = "Asumisen tuki"\nlabel_sv = "Boendestöd"\nlabel_en = "Housing support"\n'
    )
    services = SERVICES.replace('"clubhouse"', '"housing_support"')
    dataset = fundgap.load(
        write_dataset({"categories.toml": categories, "services.toml": services})
    )

    assert dataset.categories["housing_support"].label_fi == "Asumisen tuki"
    assert "clubhouse" in dataset.categories


def test_redefining_a_builtin_category_is_an_error(write_dataset: DatasetWriter) -> None:
    categories = (
        '[[categories]]\nkey = "clubhouse"\nzone = "preventive"\n'
        'label_fi = "x"\nlabel_sv = "x"\nlabel_en = "x"\n'
    )
    problem = only_problem(write_dataset({"categories.toml": categories}))

    assert problem.location.path == "categories[0].key"
    assert "built-in" in str(problem.message)


def test_a_broken_category_is_not_unknown_to_its_services_too(
    write_dataset: DatasetWriter,
) -> None:
    categories = CATEGORY.format(key="housing_support", zone="gray", label="Housing support")
    services = SERVICES.replace('"clubhouse"', '"housing_support"')
    problem = only_problem(
        write_dataset({"categories.toml": categories, "services.toml": services})
    )

    assert (problem.location.path, str(problem.message)) == ("categories[0].zone", "is 'gray'")


def test_an_unreadable_services_file_does_not_cascade(write_dataset: DatasetWriter) -> None:
    """Funding rows and clauses that name services are not reported as unknown when the
    services file itself could not be read: that one problem is the one to fix."""
    problem = only_problem(
        write_dataset({"services.toml": SERVICES + "active_from = 2025-13-01\n"})
    )

    assert problem.location.file.endswith("services.toml")
    assert str(problem.message).startswith("is not valid TOML")


@pytest.mark.parametrize(
    ("written", "status"),
    [("allekirjoitettu", "signed"), ("Luonnos", "draft"), ("under förhandling", "negotiation")],
)
def test_status_in_finnish_or_swedish(
    write_dataset: DatasetWriter, written: str, status: str
) -> None:
    agreement = AGREEMENT.replace('status = "signed"', f'status = "{written}"')
    dataset = fundgap.load(write_dataset({"agreements/pirha-2025.toml": agreement}))

    assert dataset.agreements["pirha-2025"].status == status


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            'county = "Pirkanmaa"\nmunicipalities = ["Tampere", "Nokia"]',
            'county = "Helsinki"\nmunicipalities = ["Helsinki"]',
            "county",
            "needs no agreement with itself",
        ),
        (
            'categories = ["clubhouse"]',
            'categories = ["clubhouse"]\nmunicipalities = []',
            "clauses[0].municipalities",
            "is empty, so the clause would apply to nobody",
        ),
    ],
)
def test_agreements_that_cannot_apply(
    write_dataset: DatasetWriter, old: str, new: str, path: str, message: str
) -> None:
    agreement = AGREEMENT.replace(old, new)
    problem = only_problem(write_dataset({"agreements/pirha-2025.toml": agreement}))

    assert problem.location.path == path
    assert message in str(problem.message)


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("STEA;1.1.2025;31.12.2025;150.000", "amount", "'150.000' has more than two decimals"),
        ("STEA;1.1.2025;31.12.2025;1,500", "amount", "'1,500' has more than two decimals"),
        ("Tampereen kaupunki;1.1.2025;31.12.2025;100", "funder", "looks like a municipality"),
        ("Raaseporin kaupunki;1.1.2025;31.12.2025;100", "funder", "looks like a municipality"),
        ("Pirkkalan kunta;1.1.2025;31.12.2025;100", "funder", "looks like a municipality"),
        ("Tammerfors stad;1.1.2025;31.12.2025;100", "funder", "looks like a municipality"),
        ("Jakobstads stad;1.1.2025;31.12.2025;100", "funder", "looks like a municipality"),
    ],
)
def test_ambiguous_funding_cells(
    write_dataset: DatasetWriter, cells: str, column: str, message: str
) -> None:
    funding = f"service;funder;start;end;amount\ntre-klubitalo;{cells}\n"
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert problem.location.path == column
    assert message in str(problem.message)


@pytest.mark.parametrize(
    ("funder", "name"),
    [
        ("Tampereen kaupunki", "Tampere"),
        ("Lahden kaupunki", "Lahti"),  # genitives that change the end of the name
        ("Hangon kaupunki", "Hanko"),
        ("Virtain kaupunki", "Virrat"),
        ("Vihdin kunta", "Vihti"),
        ("Vesilahden kunta", "Vesilahti"),
        ("Ruoveden kunta", "Ruovesi"),
        ("Oriveden kaupunki", "Orivesi"),
        ("Kauniaisten kaupunki", "Kauniainen"),
        ("Seinäjoen kaupunki", "Seinäjoki"),
    ],
)
def test_a_municipality_named_with_its_genitive_is_an_error_naming_it(
    write_dataset: DatasetWriter, funder: str, name: str
) -> None:
    funding = f"service;funder;start;end;amount\ntre-klubitalo;{funder};1.1.2025;31.12.2025;1\n"
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (2, "funder")
    assert str(problem.message) == f"{funder!r} looks like a municipality written in another form"
    assert str(problem.expected) == f"the municipality's name as the registry has it, e.g. {name!r}"


@pytest.mark.parametrize(
    ("funder", "message", "expected"),
    [
        (
            "837.0",
            "'837.0' is a code written as a number with decimals, as a spreadsheet writes a code "
            "it took for a number",
            "the code as text: 837 (Tampere)",
        ),
        (
            "837,00",
            "'837,00' is a code written as a number with decimals, as a spreadsheet writes a "
            "code it took for a number",
            "the code as text: 837 (Tampere)",
        ),
        (
            "20.0",
            "'20.0' is a code written as a number with decimals, as a spreadsheet writes a code "
            "it took for a number",
            "the code as text: 020 (Akaa) or 20 (Kainuu)",
        ),
        (
            "Maarianhaminan kaupunki",  # not suggested: Åland is outside the reform
            "Maarianhamina (478) is in Åland, which is outside the health and social services "
            "reform",
            "a mainland municipality",
        ),
        (
            "Tampereen\u00a0kaupunki",  # with a no-break space
            "'Tampereen\\xa0kaupunki' looks like a municipality written in another form",
            "the municipality's name as the registry has it, e.g. 'Tampere'",
        ),
    ],
)
def test_a_funder_cell_that_a_spreadsheet_or_a_hand_changed_is_an_error(
    write_dataset: DatasetWriter, funder: str, message: str, expected: str
) -> None:
    funding = f"service;funder;start;end;amount\ntre-klubitalo;{funder};1.1.2025;31.12.2025;1\n"
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (2, "funder")
    assert (str(problem.message), str(problem.expected)) == (message, expected)


def test_a_merged_municipality_in_its_genitive_is_the_merger_error(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES.replace('["Tampere", "Nokia"]', '["Mäntyharju"]')
    funding = (
        "service;funder;start;end;amount\ntre-klubitalo;Pertunmaan kunta;1.1.2025;31.12.2025;1\n"
    )
    problem = only_problem(
        write_dataset(
            {"services.toml": services, "funding.csv": funding, "agreements/pirha-2025.toml": None}
        )
    )

    assert str(problem.message) == (
        "Pertunmaa (588) merged into Mäntyharju (507) on 2025-01-01, but this runs until 2025-12-31"
    )


def test_a_municipality_code_that_lost_its_leading_zero_is_not_taken_for_a_county(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES.replace('["Tampere", "Nokia"]', '["Akaa"]')
    funding = "service;funder;start;end;amount\ntre-klubitalo;20;1.1.2025;31.12.2025;1\n"
    problem = only_problem(
        write_dataset(
            {"services.toml": services, "funding.csv": funding, "agreements/pirha-2025.toml": None}
        )
    )

    assert (problem.location.line, problem.location.path) == (2, "funder")
    assert str(problem.message) == (
        "'20' is the county code of Kainuu, which none of the municipalities of 'tre-klubitalo' "
        "is in, but the service serves Akaa (020): a spreadsheet may have dropped the code's "
        "leading zero"
    )
    assert str(problem.expected) == "020 for Akaa, written as text, or Kainuu by name"


def test_a_foundation_is_another_funder(write_dataset: DatasetWriter) -> None:
    funding = (
        "service;funder;start;end;amount\ntre-klubitalo;Tampereen Säätiö;1.1.2025;31.12.2025;5\n"
    )
    decision = fundgap.load(write_dataset({"funding.csv": funding})).funding[0]

    assert decision.funder.kind is FunderKind.OTHER


def test_a_misspelt_optional_column_is_reported(write_dataset: DatasetWriter) -> None:
    funding = (
        "service;funder;start;end;amount;instrumnet;notes\n"
        "tre-klubitalo;STEA;1.1.2025;31.12.2025;5;grant;x\n"
    )
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert problem.location.path == "header"
    assert "column 6 is 'instrumnet' (did you mean 'instrument'?)" in str(problem.message)


def test_a_collection_folder_without_a_manifest_is_reported(
    write_dataset: DatasetWriter, tmp_path: Path
) -> None:
    write_dataset(folder="all/pirkanmaa")
    write_dataset({"fundgap.toml": None}, folder="all/kainuu")
    (tmp_path / "all" / "notes").mkdir()  # no dataset files: ignored

    problem = only_problem(tmp_path / "all")
    assert problem.location.file.endswith("all/kainuu")
    assert "but no fundgap.toml" in str(problem.message)


def test_default_year_must_be_a_year(write_dataset: DatasetWriter) -> None:
    problem = only_problem(write_dataset({"fundgap.toml": 'name = "x"\ndefault_year = 25\n'}))

    assert problem.location.path == "default_year"
    assert problem.location.line == 2


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_a_number_that_is_not_finite_is_an_error(write_dataset: DatasetWriter, value: str) -> None:
    """Found by the fuzzer: TOML allows nan and inf, which no amount can be."""
    services = SERVICES.replace("annual_cost = 420000", f"annual_cost = {value}")
    problem = only_problem(write_dataset({"services.toml": services}))

    assert problem.location.path == "services[0].annual_cost"
    assert "not a finite number" in str(problem.message)


def test_each_weight_of_the_wrong_type_is_reported_at_its_municipality(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES.replace('["Tampere", "Nokia"]', '{ Tampere = "80", Nokia = true }')
    problems = problems_of(write_dataset({"services.toml": services}))

    assert [(p.location.path, p.location.line, str(p.message)) for p in problems] == [
        ("services[0].municipalities.Nokia", 11, "is true/false (true)"),
        (
            "services[0].municipalities.Tampere",
            11,
            "is text '80' (write numbers without quotes)",
        ),
    ]
