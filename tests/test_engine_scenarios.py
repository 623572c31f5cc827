"""Hand-computed scenarios for the gap engine (SPEC §5).

Every scenario is a tiny dataset written as text into a temporary folder, loaded with
``fundgap.load`` and analysed with ``fundgap.analyse``. The arithmetic of each expected figure
is written out next to it. Most services cost 365 000 € a year, so that in 2025 (365 days) a
day costs 1 000 €; weights are given as small tables so that portions are easy fractions.

Municipalities: Tampere 837, Nokia 536, Pirkkala 604 (all in Pirkanmaa, county 08) and
Helsinki 091 (the City of Helsinki, organiser 90).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import fundgap
from fundgap.analysis import Flag, FundingStatus, GapReport, GapRow, ResponsibilityStatus
from fundgap.analysis.results import Basis, CapLine, Cut, Lapse, Segment
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import UsageError
from fundgap.model import Agreement, AgreementStatus, Clause, Dataset
from fundgap.money import cents
from fundgap.periods import Period
from tests.conftest import write_files

D = Decimal
RS = ResponsibilityStatus
TAMPERE = MunicipalityCode("837")
NOKIA = MunicipalityCode("536")
PIRKKALA = MunicipalityCode("604")
HELSINKI = MunicipalityCode("091")
PIRKANMAA = CountyCode("08")
AS_OF = date(2025, 1, 1)
Y2025 = Period.year(2025)

FundingRow = tuple[str, str, str, str, str]  # service, funder, start, end, amount

# --- building datasets from text ------------------------------------------------------------

ORGANISATION = '[[organisations]]\nid = "org"\nname = "Testiyhdistys ry"\n'


def service(
    sid: str,
    category: str,
    municipalities: str,
    annual_cost: str,
    *,
    active_from: str | None = None,
    active_until: str | None = None,
) -> str:
    """A ``[[services]]`` table; ``municipalities`` is TOML text, e.g. ``{ Tampere = 3 }``."""
    text = (
        f'\n[[services]]\nid = "{sid}"\nname = "Palvelu {sid}"\norganisation = "org"\n'
        f'category = "{category}"\nmunicipalities = {municipalities}\n'
        f"annual_cost = {annual_cost}\n"
    )
    if active_from is not None:
        text += f"active_from = {active_from}\n"
    if active_until is not None:
        text += f"active_until = {active_until}\n"
    return text


def _toml_list(items: Sequence[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def clause(
    cid: str,
    county_share: int | str,
    municipality_share: int | str,
    *,
    categories: Sequence[str] = (),
    services: Sequence[str] = (),
    municipalities: Sequence[str] | None = None,
    annual_cap: int | str | None = None,
    valid_from: str | None = None,
    valid_until: str | None = None,
) -> str:
    """A ``[[clauses]]`` table."""
    lines = ["", "[[clauses]]", f'id = "{cid}"']
    if categories:
        lines.append(f"categories = {_toml_list(categories)}")
    if services:
        lines.append(f"services = {_toml_list(services)}")
    if municipalities is not None:
        lines.append(f"municipalities = {_toml_list(municipalities)}")
    lines += [f"county_share = {county_share}", f"municipality_share = {municipality_share}"]
    if annual_cap is not None:
        lines.append(f"annual_cap = {annual_cap}")
    if valid_from is not None:
        lines.append(f"valid_from = {valid_from}")
    if valid_until is not None:
        lines.append(f"valid_until = {valid_until}")
    return "\n".join(lines) + "\n"


def agreement(
    aid: str,
    municipalities: Sequence[str],
    valid_from: str,
    valid_until: str | None,
    *clauses: str,
    status: str = "signed",
    notice_months: int | None = None,
    indexation_percent: str | None = None,
) -> tuple[str, str]:
    """``(id, text)`` of an agreement of Pirkanmaa with ``municipalities``."""
    lines = [
        f'id = "{aid}"',
        f'title = "Sopimus {aid}"',
        f'status = "{status}"',
        'county = "Pirkanmaa"',
        f"municipalities = {_toml_list(municipalities)}",
        f"valid_from = {valid_from}",
    ]
    if valid_until is not None:
        lines.append(f"valid_until = {valid_until}")
    if notice_months is not None:
        lines.append(f"notice_months = {notice_months}")
    if indexation_percent is not None:
        lines.append(f"indexation_percent = {indexation_percent}")
    return aid, "\n".join(lines) + "\n" + "".join(clauses)


def load(
    tmp_path: Path,
    services: Sequence[str],
    agreements: Sequence[tuple[str, str]] = (),
    funding: Sequence[FundingRow] = (),
) -> Dataset:
    """Write the dataset into ``tmp_path`` as text files and load it."""
    csv = "service;funder;start;end;amount;instrument;reference\n" + "".join(
        ";".join(row) + ";grant;Päätös\n" for row in funding
    )
    files: dict[str, str | bytes | None] = {
        "fundgap.toml": 'name = "Scenario"\n',
        "services.toml": ORGANISATION + "".join(services),
        "agreements/pirha-2025.toml": None,  # conftest's sample agreement: not here
        "funding.csv": csv if funding else None,
    }
    files.update({f"agreements/{aid}.toml": text for aid, text in agreements})
    return fundgap.load(write_files(tmp_path / "dataset", files))


def analyse(
    dataset: Dataset,
    year: int = 2025,
    as_of: date = AS_OF,
    *,
    drafts: Sequence[Agreement | str] = (),
    horizon_months: int = 12,
) -> GapReport:
    return fundgap.analyse(
        dataset, year=year, as_of=as_of, drafts=drafts, horizon_months=horizon_months
    )


def row_of(
    tmp_path: Path,
    services: Sequence[str],
    agreements: Sequence[tuple[str, str]] = (),
    funding: Sequence[FundingRow] = (),
    *,
    year: int = 2025,
    as_of: date = AS_OF,
    service_id: str | None = None,
) -> GapRow:
    """The row of the (first) service of a scenario."""
    report = analyse(load(tmp_path, services, agreements, funding), year, as_of)
    if service_id is None:
        assert len(report.rows) == 1
        return report.rows[0]
    return report.row(service_id)


# --- reading results ------------------------------------------------------------------------

PartyTuple = tuple[str, Decimal, Decimal, Decimal, Decimal]


def parties(row: GapRow) -> list[PartyTuple]:
    """(party, share, expected, granted, shortfall), the amounts rounded to cents."""
    return [
        (p.party, cents(p.share), cents(p.expected), cents(p.granted), p.shortfall)
        for p in row.parties
    ]


def portions(row: GapRow) -> list[tuple[str, Decimal, ResponsibilityStatus]]:
    return [(str(p.municipality), cents(p.need), p.responsibility_status) for p in row.portions]


SegmentTuple = tuple[Period, int, Decimal, ResponsibilityStatus, Basis, Decimal, Decimal]


def segments(row: GapRow, municipality: MunicipalityCode) -> list[SegmentTuple]:
    """(period, days, need, status, basis, county share, municipality share) of a portion."""
    (portion,) = [p for p in row.portions if p.municipality == municipality]
    return [
        (s.period, s.days, cents(s.need), s.status, s.basis, s.county_share, s.municipality_share)
        for s in portion.segments
    ]


def only_segment(row: GapRow, municipality: MunicipalityCode) -> Segment:
    (portion,) = [p for p in row.portions if p.municipality == municipality]
    (segment,) = portion.segments
    return segment


def days(first: date, last: date) -> Period:
    return Period(first, last)


CLUBHOUSE_60_40 = clause("K1", 60, 40, categories=["clubhouse"])
FULL_2025 = ("1.1.2025", "31.12.2025")


# === responsibility statuses ===================================================================


def test_assigned_60_40_over_two_municipalities(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", "{ Tampere = 3, Nokia = 1 }", "400000")],
        [
            agreement(
                "pirha",
                ["Tampere", "Nokia"],
                "2025-01-01",
                "2026-12-31",
                CLUBHOUSE_60_40,
                notice_months=6,
            )
        ],
        [
            ("klubi", "Pirkanmaa", *FULL_2025, "150 000,00 €"),
            ("klubi", "Tampere", *FULL_2025, "100000"),
            ("klubi", "STEA", *FULL_2025, "50000"),
        ],
    )
    # need = 400 000 × 365 / 365 = 400 000 (exact)
    assert row.need == D(400000)
    assert row.active_days == 365
    assert row.days_in_year == 365
    # funded = 150 000 + 100 000 + 50 000 = 300 000; gap = 400 000 − 300 000 = 100 000
    assert row.funded == D(300000)
    assert row.gap == D("100000.00")
    assert row.funding_status is FundingStatus.UNDERFUNDED
    assert row.responsibility_status is RS.ASSIGNED
    # portions: Tampere 400 000 × 3/4 = 300 000; Nokia 400 000 × 1/4 = 100 000
    assert portions(row) == [("837", D(300000), RS.ASSIGNED), ("536", D(100000), RS.ASSIGNED)]
    assert segments(row, TAMPERE) == [
        (Y2025, 365, D(300000), RS.ASSIGNED, Basis.CLAUSE, D(60), D(40))
    ]
    segment = only_segment(row, NOKIA)
    assert segment.agreement == "pirha"
    assert [(c.agreement, c.clause, c.level) for c in segment.clauses] == [
        ("pirha", "K1", "category")
    ]
    assert segment.also_in_force == ()
    # county:08  60 % × (300 000 + 100 000) = 240 000; granted 150 000; shortfall 90 000
    # 536        40 % × 100 000 = 40 000; granted 0; shortfall 40 000
    # 837        40 % × 300 000 = 120 000; granted 100 000; shortfall 20 000
    # STEA's 50 000 counts in funded, in nobody's granted
    assert parties(row) == [
        ("county:08", D(60), D(240000), D(150000), D(90000)),
        ("municipality:536", D(40), D(40000), D(0), D(40000)),
        ("municipality:837", D(40), D(120000), D(100000), D(20000)),
    ]
    # coverage ends 2026-12-31, after the horizon (2025-01-01 + 12 months): not lapsing
    assert row.flags == frozenset()
    assert row.lapses == ()


def test_partial_when_shares_add_up_to_less_than_100(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", "{ Tampere = 3, Nokia = 1 }", "400000")],
        [
            agreement(
                "pirha",
                ["Tampere", "Nokia"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 50, 30, categories=["clubhouse"]),
            )
        ],
    )
    # 50 + 30 = 80 % < 100 %: partial
    assert row.responsibility_status is RS.PARTIAL
    assert portions(row) == [("837", D(300000), RS.PARTIAL), ("536", D(100000), RS.PARTIAL)]
    # county 50 % × 400 000 = 200 000; 837 30 % × 300 000 = 90 000; 536 30 % × 100 000 = 30 000
    assert parties(row) == [
        ("county:08", D(50), D(200000), D(0), D(200000)),
        ("municipality:536", D(30), D(30000), D(0), D(30000)),
        ("municipality:837", D(30), D(90000), D(0), D(90000)),
    ]
    # no funding at all: unfunded, gap = need
    assert row.funded == 0
    assert row.funding_status is FundingStatus.UNFUNDED
    assert row.gap == D("400000.00")


OVER_100 = [
    pytest.param([clause("K1", 70, 40, categories=["clubhouse"])], id="one-clause-70+40"),
    pytest.param(
        [
            clause("K1", 60, 40, categories=["clubhouse"]),
            clause("K2", 20, 0, categories=["clubhouse"]),
        ],
        id="two-category-clauses-add-up-to-120",
    ),
]


@pytest.mark.parametrize("clauses", OVER_100)
def test_contested_when_shares_add_up_to_more_than_100(tmp_path: Path, clauses: list[str]) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [agreement("pirha", ["Tampere"], "2025-01-01", "2026-12-31", *clauses)],
    )
    # 70 + 40 = 110 % (or 60 + 20 + 40 + 0 = 120 %) > 100 %: contested
    assert row.responsibility_status is RS.CONTESTED
    assert portions(row) == [("837", D(365000), RS.CONTESTED)]


@pytest.mark.parametrize("clauses", OVER_100)
def test_shares_over_100_give_nobody_an_expected_contribution(
    tmp_path: Path, clauses: list[str]
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [agreement("pirha", ["Tampere"], "2025-01-01", "2026-12-31", *clauses)],
        [("klubi", "Tampere", *FULL_2025, "100000")],
    )
    # SPEC §5: "A contested day gives nobody an expected contribution: no one's share is
    # known." Only the granting party is listed: share 0, expected 0, granted 100 000.
    # (Not 70 % × 365 000 = 255 500 to the county and 40 % = 146 000 to Tampere: fixed
    # in 64150af after this test found it.)
    assert parties(row) == [("municipality:837", D(0), D(0), D(100000), D(0))]


@pytest.mark.parametrize(
    ("county_share", "municipality_share"),
    [pytest.param(50, 50, id="50/50-vs-60/40"), pytest.param(40, 60, id="40/60-same-total")],
)
def test_contested_by_two_agreements_with_different_splits(
    tmp_path: Path, county_share: int, municipality_share: int
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", "{ Tampere = 3, Nokia = 1 }", "400000")],
        [
            agreement("pirha-a", ["Tampere", "Nokia"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40),
            agreement(
                "pirha-b",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", county_share, municipality_share, categories=["clubhouse"]),
            ),
        ],
    )
    # Tampere: pirha-a says 60/40, pirha-b something else (even 40/60, also 100 %): contested.
    # Nokia: only pirha-a, 60/40: assigned. The row takes the worst: contested.
    assert row.responsibility_status is RS.CONTESTED
    assert portions(row) == [("837", D(300000), RS.CONTESTED), ("536", D(100000), RS.ASSIGNED)]
    conflict = only_segment(row, TAMPERE)
    assert conflict.basis is Basis.CONFLICT
    assert conflict.also_in_force == ("pirha-a", "pirha-b")
    assert conflict.agreement is None
    assert (conflict.county_share, conflict.municipality_share) == (D(0), D(0))
    # Tampere's 300 000 gives nobody anything. Nokia's 100 000: county 60 000, 536 40 000.
    # county share = 60 000 / (300 000 + 100 000) × 100 = 15 %
    assert parties(row) == [
        ("county:08", D(15), D(60000), D(0), D(60000)),
        ("municipality:536", D(40), D(40000), D(0), D(40000)),
    ]


def test_identical_agreements_count_once_as_the_later_starting_one(tmp_path: Path) -> None:
    dataset = load(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            # the older agreement has one clause 60/40 with a cap that would bind
            agreement(
                "pirha-old",
                ["Tampere"],
                "2024-01-01",
                "2026-12-31",
                clause("K1", 60, 40, categories=["clubhouse"], annual_cap=3650),
            ),
            # the newer has two clauses at the same level, 30/20 + 30/20 = 60/40, no cap
            agreement(
                "pirha-new",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("KA", 30, 20, categories=["clubhouse"]),
                clause("KB", 30, 20, categories=["clubhouse"]),
            ),
        ],
    )
    row = analyse(dataset, 2025).rows[0]
    # In 2025 both are in force with the same totals (60, 40): counted once, as pirha-new,
    # which started last (2025-01-01 > 2024-01-01).
    assert row.responsibility_status is RS.ASSIGNED
    segment = only_segment(row, TAMPERE)
    assert segment.basis is Basis.CLAUSE
    assert segment.agreement == "pirha-new"
    assert segment.also_in_force == ("pirha-old",)
    assert [(c.agreement, c.clause) for c in segment.clauses] == [
        ("pirha-new", "KA"),
        ("pirha-new", "KB"),
    ]
    # county 30 % × 365 000 + 30 % × 365 000 = 219 000; 837 20 % + 20 % = 146 000;
    # pirha-old's cap does not apply: nothing is expected under pirha-old/K1
    assert parties(row) == [
        ("county:08", D(60), D(219000), D(0), D(219000)),
        ("municipality:837", D(40), D(146000), D(0), D(146000)),
    ]
    assert {c.clause for c in row.contributions} == {("pirha-new", "KA"), ("pirha-new", "KB")}
    assert row.caps == ()
    assert Flag.CAPPED not in row.flags

    # In 2024 only pirha-old is in force, and its cap binds:
    # need = 365 000 × 366 / 366 = 365 000; under K1: 60 % + 40 % = 365 000 expected
    # cap = 3 650 × 366 / 366 (no indexation) = 3 650; factor = 3 650 / 365 000 = 0.01
    row_2024 = analyse(dataset, 2024).rows[0]
    assert row_2024.caps == (CapLine("pirha-old", "K1", D(3650), D(365000), D("0.01")),)
    assert Flag.CAPPED in row_2024.flags
    # county 219 000 × 0.01 = 2 190; 837 146 000 × 0.01 = 1 460
    assert parties(row_2024) == [
        ("county:08", D(60), D(2190), D(0), D(2190)),
        ("municipality:837", D(40), D(1460), D(0), D(1460)),
    ]


@pytest.mark.parametrize(
    ("capped_id", "free_id", "chosen", "factor"),
    [
        pytest.param("a-pirha", "b-pirha", "a-pirha", D("0.1"), id="capped-one-sorts-first"),
        pytest.param("b-pirha", "a-pirha", "a-pirha", D(1), id="free-one-sorts-first"),
    ],
)
def test_identical_agreements_starting_the_same_day_count_as_the_first_id(
    tmp_path: Path, capped_id: str, free_id: str, chosen: str, factor: Decimal
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                capped_id,
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 60, 40, categories=["clubhouse"], annual_cap=36500),
            ),
            agreement(free_id, ["Tampere"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40),
        ],
    )
    # same start: the agreement whose id sorts first counts ("a-pirha").
    # If it is the capped one: factor = 36 500 / 365 000 = 0.1;
    # county 219 000 × 0.1 = 21 900; 837 146 000 × 0.1 = 14 600.
    segment = only_segment(row, TAMPERE)
    assert segment.agreement == chosen
    assert segment.also_in_force == ("b-pirha",)
    assert parties(row) == [
        ("county:08", D(60), D(219000) * factor, D(0), D(219000) * factor),
        ("municipality:837", D(40), D(146000) * factor, D(0), D(146000) * factor),
    ]
    assert (Flag.CAPPED in row.flags) == (factor < 1)


def test_unassigned_grey_zone_with_funding_from_others(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("kohtaamo", "meeting_place", '["Nokia"]', "365000")],
        # an agreement of Tampere only: Nokia's portion has no clause
        [
            agreement(
                "pirha-tre",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 60, 40, categories=["meeting_place"]),
            )
        ],
        [("kohtaamo", "Sirpa ja Väinö Säätiö", *FULL_2025, "5 000,00 €")],
    )
    assert row.responsibility_status is RS.UNASSIGNED
    assert segments(row, NOKIA) == [(Y2025, 365, D(365000), RS.UNASSIGNED, Basis.NONE, D(0), D(0))]
    assert only_segment(row, NOKIA).legal_basis.startswith("no clause applies")
    # the foundation's 5 000 counts in funded but it is nobody's party: no parties at all
    assert row.funded == D(5000)
    assert row.funding_status is FundingStatus.UNDERFUNDED
    assert row.gap == D("360000.00")  # 365 000 − 5 000
    assert row.parties == ()


def test_by_law_statutory_is_the_countys(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("tuki", "statutory_social", "{ Tampere = 3, Nokia = 1 }", "400000")],
        # an agreement that covers only clubhouses: no clause applies to a statutory service
        [agreement("pirha", ["Tampere", "Nokia"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40)],
        [("tuki", "Pirkanmaan hyvinvointialue", *FULL_2025, "400000")],
    )
    assert row.responsibility_status is RS.BY_LAW
    assert portions(row) == [("837", D(300000), RS.BY_LAW), ("536", D(100000), RS.BY_LAW)]
    assert segments(row, TAMPERE) == [
        (Y2025, 365, D(300000), RS.BY_LAW, Basis.BY_LAW, D(100), D(0))
    ]
    assert only_segment(row, NOKIA).legal_basis.startswith("612/2021 §7")
    # county 100 % × (300 000 + 100 000) = 400 000, granted 400 000, shortfall 0
    assert parties(row) == [("county:08", D(100), D(400000), D(400000), D(0))]
    assert row.funding_status is FundingStatus.FUNDED
    assert row.gap == 0


def test_by_law_preventive_is_each_municipalitys(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("hyte", "health_promotion", "{ Tampere = 3, Nokia = 1 }", "400000")],
        [],
        [("hyte", "Tampere", *FULL_2025, "350000")],
    )
    assert row.responsibility_status is RS.BY_LAW
    assert segments(row, NOKIA) == [(Y2025, 365, D(100000), RS.BY_LAW, Basis.BY_LAW, D(0), D(100))]
    # 837 100 % × 300 000, granted 350 000 → shortfall max(0, 300 000 − 350 000) = 0
    # 536 100 % × 100 000, granted 0 → shortfall 100 000
    assert parties(row) == [
        ("municipality:536", D(100), D(100000), D(0), D(100000)),
        ("municipality:837", D(100), D(300000), D(350000), D(0)),
    ]
    # funded 350 000 < need 400 000: gap 50 000
    assert row.gap == D("50000.00")
    assert row.funding_status is FundingStatus.UNDERFUNDED


def test_a_clause_overrides_the_default_by_law(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("hyte", "health_promotion", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 50, 0, categories=["health_promotion"]),
            )
        ],
    )
    # a clause applies: no default by law; 50 + 0 < 100: partial; county 50 % × 365 000
    assert row.responsibility_status is RS.PARTIAL
    assert parties(row) == [("county:08", D(50), D(182500), D(0), D(182500))]


def test_helsinki_is_by_law_the_citys_for_a_grey_service(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi-hki", "clubhouse", "{ Helsinki = 1, Tampere = 1 }", "200000")],
        [],
        [("klubi-hki", "Helsingin kaupunki", *FULL_2025, "100000")],
    )
    # Helsinki's portion 200 000 × 1/2 = 100 000: the city's, by law, 100 %, no agreement.
    # Tampere's portion 100 000: grey, no clause: unassigned. The row takes the worst.
    assert row.responsibility_status is RS.UNASSIGNED
    assert portions(row) == [("091", D(100000), RS.BY_LAW), ("837", D(100000), RS.UNASSIGNED)]
    assert segments(row, HELSINKI) == [
        (Y2025, 365, D(100000), RS.BY_LAW, Basis.BY_LAW, D(0), D(100))
    ]
    assert only_segment(row, HELSINKI).legal_basis.startswith("615/2021")
    assert row.counties == (PIRKANMAA, CountyCode("90"))
    # Helsinki granted its 100 000 (written "Helsingin kaupunki": the municipality 091)
    assert parties(row) == [("municipality:091", D(100), D(100000), D(100000), D(0))]


@pytest.mark.parametrize("category", ["clubhouse", "health_promotion", "statutory_social"])
def test_helsinki_is_the_citys_whatever_the_zone(tmp_path: Path, category: str) -> None:
    row = row_of(tmp_path, [service("hki", category, '["Helsinki"]', "365000")])
    # municipality:091 100 % × 365 000, never county:90
    assert row.responsibility_status is RS.BY_LAW
    assert parties(row) == [("municipality:091", D(100), D(365000), D(0), D(365000))]


# === funding statuses ========================================================================


@pytest.mark.parametrize(
    ("funding", "funded", "gap", "status"),
    [
        pytest.param([("STEA", "400000")], D(400000), D(0), FundingStatus.FUNDED, id="over"),
        pytest.param([("Tampere", "365000")], D(365000), D(0), FundingStatus.FUNDED, id="exact"),
        pytest.param(
            [("Tampere", "300000"), ("Oma varainhankinta", "64 999,99")],
            D("364999.99"),
            D("0.01"),
            FundingStatus.UNDERFUNDED,
            id="a-cent-short",
        ),
        pytest.param([], D(0), D(365000), FundingStatus.UNFUNDED, id="nothing"),
        pytest.param([("STEA", "0")], D(0), D(365000), FundingStatus.UNFUNDED, id="zero-grant"),
    ],
)
def test_funding_status(
    tmp_path: Path,
    funding: list[tuple[str, str]],
    funded: Decimal,
    gap: Decimal,
    status: FundingStatus,
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [agreement("pirha", ["Tampere"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40)],
        [("klubi", funder, *FULL_2025, amount) for funder, amount in funding],
    )
    # need = 365 000; gap = max(0, 365 000 − funded)
    assert row.funded == funded
    assert row.gap == gap
    assert row.funding_status is status


def test_a_service_that_costs_nothing_is_funded(tmp_path: Path) -> None:
    row = row_of(tmp_path, [service("ilmainen", "clubhouse", '["Tampere"]', "0")])
    # need 0, funded 0: funded ≥ need, so funded (unfunded needs 0 < need)
    assert row.need == 0
    assert row.funding_status is FundingStatus.FUNDED
    assert row.gap == 0


# === parties and rounding (SPEC §5) ===========================================================


def test_a_county_that_grants_in_a_blind_spot_is_listed_as_a_voluntary_payer(
    tmp_path: Path,
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [],
        [("klubi", "Pirkanmaa", *FULL_2025, "50000"), ("klubi", "STEA", *FULL_2025, "100000")],
    )
    # no clause, grey zone: nobody has a share; the county pays anyway and is listed (news in
    # a blind spot); STEA counts in funded but is no party
    assert row.responsibility_status is RS.UNASSIGNED
    assert row.funded == D(150000)
    assert parties(row) == [("county:08", D(0), D(0), D(50000), D(0))]


def test_a_funder_written_as_county_90_is_the_city_of_helsinki(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("hki", "clubhouse", '["Helsinki"]', "365000")],
        [],
        [("hki", "90", *FULL_2025, "100000")],
    )
    # 90 is the City of Helsinki as organiser: its grant is the municipality 091's
    assert parties(row) == [("municipality:091", D(100), D(365000), D(100000), D(265000))]


def test_a_row_adds_up_from_its_rounded_amounts(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "36500.01")],
        [agreement("pirha", ["Tampere"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40)],
        [("klubi", "Tampere", "1.1.2025", "2.1.2025", "0,01")],
        service_id="klubi",
    )
    # need = 36 500.01; funded = 0.01 (both days of the decision are in 2025); gap 36 500.00
    # expected county 60 % = 21 900.006 → 21 900.01; Tampere 40 % = 14 600.004 → 14 600.00;
    # shortfall = rounded expected − rounded granted: 14 600.00 − 0.01 = 14 599.99
    assert cents(row.need) == D("36500.01")
    assert row.gap == D("36500.00")
    assert row.gap == cents(row.need) - cents(row.funded)
    assert parties(row) == [
        ("county:08", D(60), D("21900.01"), D(0), D("21900.01")),
        ("municipality:837", D(40), D("14600.00"), D("0.01"), D("14599.99")),
    ]


def test_each_row_rounds_half_up_and_totals_sum_the_rounded_rows(
    tmp_path: Path,
) -> None:
    report = analyse(
        load(
            tmp_path,
            [
                service("a", "clubhouse", '["Tampere"]', "0.01", active_until="2025-07-02"),
                service("b", "clubhouse", '["Tampere"]', "0.01", active_until="2025-07-02"),
            ],
        )
    )
    # each need = 0.01 × 183 / 365 = 0.005013… → 0.01; the total is 0.01 + 0.01 = 0.02, not
    # the rounded exact sum 0.010027… → 0.01
    assert [cents(r.need) for r in report.rows] == [D("0.01"), D("0.01")]
    assert report.totals.need == D("0.02")


# === flags ==================================================================================

LAPSING_AGREEMENT = agreement(
    "pirha-2024", ["Tampere"], "2024-01-01", "2025-08-31", CLUBHOUSE_60_40, notice_months=6
)


def test_lapsing_gives_the_end_date_and_the_notice_deadline(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [LAPSING_AGREEMENT],
    )
    # coverage ends e = 2025-08-31, in [2025-01-01, 2026-01-01); 2025-09-01 is not covered
    # deadline = 2025-08-31 − 6 calendar months = 2025-02-28 (February has no 31st)
    assert row.flags == frozenset({Flag.LAPSING})
    assert row.lapses == (Lapse(TAMPERE, date(2025, 8, 31), "pirha-2024", 6, date(2025, 2, 28)),)
    assert row.to_dict()["lapsing"] == [
        {
            "municipality": "837",
            "ends": "2025-08-31",
            "agreement": "pirha-2024",
            "notice_deadline": "2025-02-28",
        }
    ]
    # 2025-01-01..08-31 = 243 days × 1 000 = 243 000 assigned;
    # 2025-09-01..12-31 = 122 days × 1 000 = 122 000 unassigned
    assert segments(row, TAMPERE) == [
        (
            days(date(2025, 1, 1), date(2025, 8, 31)),
            243,
            D(243000),
            RS.ASSIGNED,
            Basis.CLAUSE,
            D(60),
            D(40),
        ),
        (
            days(date(2025, 9, 1), date(2025, 12, 31)),
            122,
            D(122000),
            RS.UNASSIGNED,
            Basis.NONE,
            D(0),
            D(0),
        ),
    ]
    assert row.responsibility_status is RS.UNASSIGNED
    # county 60 % × 243 000 = 145 800, share 145 800 / 365 000 = 39.945… → 39.95 %
    # 837    40 % × 243 000 =  97 200, share  97 200 / 365 000 = 26.630… → 26.63 %
    assert parties(row) == [
        ("county:08", D("39.95"), D(145800), D(0), D(145800)),
        ("municipality:837", D("26.63"), D(97200), D(0), D(97200)),
    ]


@pytest.mark.parametrize(
    ("as_of", "horizon", "lapsing"),
    [
        pytest.param(date(2025, 8, 31), 12, True, id="ends-on-the-as-of-day"),
        pytest.param(date(2025, 9, 1), 12, False, id="ended-the-day-before-as-of"),
        pytest.param(date(2024, 9, 1), 12, True, id="ends-on-the-last-day-of-the-horizon"),
        pytest.param(date(2024, 8, 31), 12, False, id="ends-on-the-day-the-horizon-excludes"),
        pytest.param(date(2025, 3, 1), 6, True, id="six-months-reach-it"),
        pytest.param(date(2025, 3, 1), 5, False, id="five-months-do-not"),
    ],
)
def test_lapsing_window_is_as_of_up_to_not_including_the_horizon(
    tmp_path: Path, as_of: date, horizon: int, lapsing: bool
) -> None:
    dataset = load(
        tmp_path, [service("klubi", "clubhouse", '["Tampere"]', "365000")], [LAPSING_AGREEMENT]
    )
    # e = 2025-08-31 lapses when as_of ≤ e < as_of + horizon months:
    # 2024-09-01 + 12 = 2025-09-01 > e (yes); 2024-08-31 + 12 = 2025-08-31 = e (no);
    # 2025-03-01 + 6 = 2025-09-01 (yes); 2025-03-01 + 5 = 2025-08-01 (no)
    row = analyse(dataset, 2025, as_of, horizon_months=horizon).rows[0]
    assert (Flag.LAPSING in row.flags) is lapsing
    assert len(row.lapses) == int(lapsing)


def test_a_successor_agreement_prevents_lapsing(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            LAPSING_AGREEMENT,
            agreement(
                "pirha-2025",
                ["Tampere"],
                "2025-09-01",
                "2027-12-31",
                clause("K1", 50, 50, categories=["clubhouse"]),
            ),
        ],
    )
    # 2025-09-01 is covered by the successor: no lapse; 243 days 60/40 then 122 days 50/50
    assert Flag.LAPSING not in row.flags
    assert row.responsibility_status is RS.ASSIGNED
    # county 60 % × 243 000 + 50 % × 122 000 = 145 800 + 61 000 = 206 800
    # 837    40 % × 243 000 + 50 % × 122 000 =  97 200 + 61 000 = 158 200
    assert [(p, e) for p, _, e, _, _ in parties(row)] == [
        ("county:08", D(206800)),
        ("municipality:837", D(158200)),
    ]


def test_a_draft_successor_does_not_prevent_lapsing_unless_taken_as_signed(
    tmp_path: Path,
) -> None:
    dataset = load(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            LAPSING_AGREEMENT,
            agreement(
                "pirha-luonnos",
                ["Tampere"],
                "2025-09-01",
                "2027-12-31",
                CLUBHOUSE_60_40,
                status="draft",
            ),
        ],
    )
    row = analyse(dataset).rows[0]
    # no signed agreement covers 2025-09-01; the draft would: lapsing and draft_only
    assert row.flags == frozenset({Flag.LAPSING, Flag.DRAFT_ONLY})
    assert [s.drafts_only for s in row.portions[0].segments] == [(), ("pirha-luonnos",)]
    # what-if: the draft taken as signed covers 2025-09-01, so nothing lapses
    what_if = analyse(dataset, drafts=["pirha-luonnos"]).rows[0]
    assert what_if.flags == frozenset()
    assert what_if.lapses == ()
    assert what_if.responsibility_status is RS.ASSIGNED


def test_the_horizon_is_at_least_a_month(tmp_path: Path) -> None:
    dataset = load(tmp_path, [service("klubi", "clubhouse", '["Tampere"]', "365000")])
    with pytest.raises(UsageError):
        analyse(dataset, horizon_months=0)


def test_a_terminated_agreement_lapses_too_and_notice_months_may_be_absent(
    tmp_path: Path,
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha-2024",
                ["Tampere"],
                "2024-01-01",
                "2025-08-31",
                CLUBHOUSE_60_40,
                status="terminated",
            )
        ],
    )
    # terminated agreements bound on the days they were valid: coverage ends 2025-08-31
    assert row.lapses == (Lapse(TAMPERE, date(2025, 8, 31), "pirha-2024", None, None),)
    assert row.to_dict()["lapsing"][0]["notice_deadline"] is None


def test_a_service_closing_with_the_agreement_does_not_lapse(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_until="2025-08-31")],
        [LAPSING_AGREEMENT],
    )
    # the service is not active on e + 1 = 2025-09-01: nothing lapses
    assert row.flags == frozenset()
    # need = 365 000 × 243 / 365 = 243 000, all of it assigned
    assert row.need == D(243000)
    assert row.responsibility_status is RS.ASSIGNED


def test_a_service_that_closed_before_the_coverage_ends_has_nothing_to_lapse(
    tmp_path: Path,
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_until="2025-03-31")],
        [LAPSING_AGREEMENT],
        as_of=date(2025, 5, 1),
    )
    # coverage ends 2025-08-31, within the horizon from 2025-05-01, but the service closed on
    # 2025-03-31: only days on which it is active count
    assert Flag.LAPSING not in row.flags
    assert row.lapses == ()


CUT_SERVICE = service("klubi", "clubhouse", '["Tampere"]', "365000")
FULL_2024 = ("1.1.2024", "31.12.2024")


@pytest.mark.parametrize(
    ("granted_2025", "cut"),
    [
        # the service is active all of 2024 (366 days) and all of 2025 (365 days): its share of
        # each year is 1, so both tests compare totals against 90 % × 366 000 = 329 400
        pytest.param("292000", True, id="20%-less"),
        pytest.param("329400", False, id="exactly-10%-less"),
        pytest.param("329399", True, id="a-euro-more-than-10%-less"),
        # 10.25 % less in total; per calendar day it would be only 10.0 % less (900 a day
        # against 1 000), which a per-day rule took for no cut
        pytest.param("328500", True, id="10.25%-less-from-a-leap-year"),
        # 10.1 % less: 329 034 ÷ 365 = 901.46 a calendar day, more than 90 % of 1 000
        pytest.param("329034", True, id="10.1%-less-from-a-leap-year"),
        pytest.param("366000", False, id="the-same"),
    ],
)
def test_cut_compares_grants_in_total_and_per_share_of_the_year(
    tmp_path: Path, granted_2025: str, cut: bool
) -> None:
    # A cut needs over 10 % less both in total and per share of the year active
    # (amount ÷ (active days / days in that year)).
    row = row_of(
        tmp_path,
        [CUT_SERVICE],
        [],
        [
            ("klubi", "Tampere", *FULL_2024, "366000"),
            ("klubi", "Tampere", *FULL_2025, granted_2025),
        ],
    )
    assert (Flag.CUT in row.flags) is cut
    if cut:
        (found,) = row.cuts
        assert (found.party, found.granted, found.previous) == (
            "municipality:837",
            D(granted_2025),
            D(366000),
        )
        # change in total = (granted / 366 000 − 1) × 100
        assert cents(found.change_percent) == cents((D(granted_2025) / 366000 - 1) * 100)
        assert (found.days, found.previous_days) == (365, 366)


def test_the_documented_leap_year_cut(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [CUT_SERVICE],
        [],
        [("klubi", "Pirkanmaa", *FULL_2024, "100000"), ("klubi", "Pirkanmaa", *FULL_2025, "89900")],
    )
    # docs/figures.md: 10.1 % less in total and per share of the year; per calendar day
    # 89 900 / 365 = 246.30 against 100 000 / 366 = 273.22 would be only 9.85 % less
    assert row.cuts == (Cut("county:08", D(89900), D(100000), D("-10.1"), 365, 366),)


def test_cut_of_20_percent_exactly(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [CUT_SERVICE],
        [],
        [("klubi", "Tampere", *FULL_2024, "366000"), ("klubi", "Tampere", *FULL_2025, "292000")],
    )
    # 292 000 / 365 = 800 a day against 1 000: 20 % less per day; in total
    # (292 000 / 366 000 − 1) × 100 = −20.22 %
    (cut,) = row.cuts
    assert (cut.party, cut.granted, cut.previous) == ("municipality:837", D(292000), D(366000))
    assert cents(cut.change_percent) == D("-20.22")
    assert (cut.days, cut.previous_days) == (365, 366)


def test_a_county_that_stops_granting_is_a_cut_and_stea_never_is(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [CUT_SERVICE],
        [],
        [
            ("klubi", "Pirkanmaa", *FULL_2024, "36600"),
            ("klubi", "STEA", *FULL_2024, "366000"),
            ("klubi", "Sirpa ja Väinö Säätiö", *FULL_2024, "1000"),
            ("klubi", "Tampere", *FULL_2025, "1000"),  # 2025's funding is recorded
        ],
    )
    # county: 36 600 in 2024, nothing in 2025: −100 %, for a service active all of both
    # years. STEA and the foundation are not public parties: dropping them is no cut.
    assert row.cuts == (Cut("county:08", D(0), D(36600), D(-100), 365, 366),)
    assert Flag.CUT in row.flags


def test_a_year_whose_funding_is_not_recorded_yet_has_no_cuts(tmp_path: Path) -> None:
    dataset = load(
        tmp_path,
        [CUT_SERVICE],
        [],
        [("klubi", "Pirkanmaa", *FULL_2024, "36600"), ("klubi", "Tampere", *FULL_2024, "1000")],
    )
    # no decision of the dataset falls in 2025: every grant "drops to zero", but the year's
    # decisions are not recorded yet, so nothing is called a cut; the report says so
    report = analyse(dataset, 2025)
    assert report.funding_recorded is False
    assert report.to_dict()["funding_recorded"] is False
    assert report.rows[0].cuts == ()
    assert Flag.CUT not in report.rows[0].flags
    assert report.rows[0].funding_status is FundingStatus.UNFUNDED
    assert analyse(dataset, 2024, date(2024, 1, 1)).funding_recorded is True


def test_one_decision_of_any_service_records_the_year(tmp_path: Path) -> None:
    dataset = load(
        tmp_path,
        [CUT_SERVICE, service("muu", "clubhouse", '["Tampere"]', "1000")],
        [],
        [
            ("klubi", "Tampere", *FULL_2024, "36600"),
            ("muu", "STEA", "31.12.2025", "31.12.2025", "1"),
        ],
    )
    # a one-day STEA decision for another service records 2025: Tampere's grant to klubi
    # dropping to zero is a cut
    report = analyse(dataset, 2025)
    assert report.funding_recorded is True
    assert report.row("klubi").cuts == (Cut("municipality:837", D(0), D(36600), D(-100), 365, 366),)


def test_a_service_closing_mid_year_is_not_a_cut(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_until="2025-06-30")],
        [],
        [
            ("klubi", "Tampere", *FULL_2024, "366000"),
            ("klubi", "Tampere", "1.1.2025", "30.6.2025", "181000"),
        ],
    )
    # 2024: 366 000 ÷ (366 / 366) = 366 000 a year; 2025: 181 000 ÷ (181 / 365) = 365 000 a
    # year, 0.3 % less. 181 000 is far below 90 % of 366 000 in total, yet not a cut.
    assert row.active_days == 181
    assert row.cuts == ()
    assert Flag.CUT not in row.flags


def test_a_grant_for_the_whole_year_to_a_service_closing_mid_year_is_no_cut(
    tmp_path: Path,
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_until="2025-06-30")],
        [],
        [("klubi", "Tampere", *FULL_2024, "366000"), ("klubi", "Tampere", *FULL_2025, "300000")],
    )
    # 18 % less in total, but 300 000 ÷ (181 / 365) = 604 972 a year: more per share of the
    # year than 366 000
    assert row.cuts == ()


def test_a_higher_rate_in_a_first_partial_year_is_not_a_cut(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "30000", active_from="2024-09-01")],
        [],
        [
            ("klubi", "Tampere", "1.9.2024", "31.12.2024", "12200"),
            ("klubi", "Tampere", *FULL_2025, "36500"),
        ],
    )
    # 2024: 12 200 ÷ (122 / 366) = 36 600 a year; 2025: 36 500 ÷ (365 / 365) = 36 500, 0.3 %
    # less per share of the year and more in total. Neither test is met.
    assert row.cuts == ()


@pytest.mark.parametrize(
    ("granted_2025", "cut"), [("366000", False), ("300000", False), ("160000", True)]
)
def test_a_service_started_mid_year_before_compares_per_share_of_the_year(
    tmp_path: Path, granted_2025: str, cut: bool
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_from="2024-07-01")],
        [],
        [
            ("klubi", "Tampere", "1.7.2024", "31.12.2024", "184000"),
            ("klubi", "Tampere", *FULL_2025, granted_2025),
        ],
    )
    # 2024: 184 000 ÷ (184 / 366) = 366 000 a year. 2025 (active all year): 366 000 (no cut);
    # 300 000, 18 % less per share of the year but more in total (no cut); 160 000, 56 % less
    # per share of the year and 13.0 % less in total (cut: over 10 % less both ways)
    assert (Flag.CUT in row.flags) is cut


def test_a_service_not_active_the_year_before_is_cut_by_the_total_alone(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_from="2025-01-01")],
        [],
        [
            # a start-up grant for 2024, the year before the service opened
            ("klubi", "Tampere", *FULL_2024, "100000"),
            ("klubi", "Tampere", *FULL_2025, "89999"),
        ],
    )
    # not active at all in 2024: no share of that year to compare with, so 10.0001 % less in
    # total decides
    assert row.cuts == (Cut("municipality:837", D(89999), D(100000), D("-10.001"), 365, 0),)


STEA_2025 = ("STEA", *FULL_2025, "10000")


@pytest.mark.parametrize(
    ("category", "where", "clauses", "stea", "conflict"),
    [
        pytest.param("statutory_social", "Tampere", [], True, True, id="statutory-by-law"),
        pytest.param(
            "clubhouse",
            "Tampere",
            [clause("K1", 100, 0, categories=["clubhouse"])],
            True,
            True,
            id="grey-county-alone",
        ),
        pytest.param(
            "clubhouse",
            "Tampere",
            [
                clause("K1", 60, 0, categories=["clubhouse"]),
                clause("K2", 40, 0, categories=["clubhouse"]),
            ],
            True,
            True,
            id="grey-county-alone-in-two-clauses",
        ),
        pytest.param("statutory_social", "Helsinki", [], True, True, id="helsinki-statutory"),
        pytest.param("statutory_social", "Tampere", [], False, False, id="no-stea"),
        pytest.param(
            "clubhouse",
            "Tampere",
            [clause("K1", 100, 0, categories=["clubhouse"])],
            False,
            False,
            id="grey-county-alone-no-stea",
        ),
        pytest.param("clubhouse", "Tampere", [CLUBHOUSE_60_40], True, False, id="grey-60-40"),
        pytest.param(
            "statutory_social",
            "Tampere",
            [clause("K1", 50, 50, categories=["statutory_social"])],
            True,
            False,
            id="statutory-by-clause",
        ),
        pytest.param("clubhouse", "Helsinki", [], True, False, id="helsinki-grey"),
        pytest.param("health_promotion", "Tampere", [], True, False, id="preventive-by-law"),
        pytest.param("clubhouse", "Tampere", [], True, False, id="grey-unassigned"),
    ],
)
def test_stea_conflict(
    tmp_path: Path, category: str, where: str, clauses: list[str], stea: bool, conflict: bool
) -> None:
    row = row_of(
        tmp_path,
        [service("palvelu", category, f'["{where}"]', "365000")],
        [agreement("pirha", ["Tampere"], "2025-01-01", "2026-12-31", *clauses)] if clauses else [],
        [("palvelu", *STEA_2025)] if stea else [],
    )
    assert (Flag.STEA_CONFLICT in row.flags) is conflict


def test_stea_funding_outside_the_year_is_no_conflict(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("tuki", "statutory_social", '["Tampere"]', "365000")],
        [],
        [("tuki", "STEA", *FULL_2024, "10000")],
    )
    assert row.funded == 0
    assert Flag.STEA_CONFLICT not in row.flags


def test_capped_scales_every_contribution_under_the_clause(tmp_path: Path) -> None:
    report = analyse(
        load(
            tmp_path,
            [
                service("klubi-tre", "clubhouse", '["Tampere"]', "365000"),
                service("klubi-nokia", "clubhouse", '["Nokia"]', "365000"),
            ],
            [
                agreement(
                    "pirha",
                    ["Tampere", "Nokia"],
                    "2025-01-01",
                    "2026-12-31",
                    clause("K1", 60, 40, categories=["clubhouse"], annual_cap=73000),
                )
            ],
        )
    )
    # under K1, over both services and both municipalities:
    # (60 % + 40 %) × 365 000 + (60 % + 40 %) × 365 000 = 730 000 expected before the cap
    # cap = 73 000 × 365 / 365 = 73 000; factor = 73 000 / 730 000 = 0.1
    cap = CapLine("pirha", "K1", D(73000), D(730000), D("0.1"))
    tre, nokia = report.row("klubi-tre"), report.row("klubi-nokia")
    for row in (tre, nokia):
        assert row.caps == (cap,)
        assert row.flags == frozenset({Flag.CAPPED})
        assert row.responsibility_status is RS.ASSIGNED
    # shares stay uncapped; expected: county 219 000 × 0.1, municipality 146 000 × 0.1
    assert parties(tre) == [
        ("county:08", D(60), D(21900), D(0), D(21900)),
        ("municipality:837", D(40), D(14600), D(0), D(14600)),
    ]
    assert parties(nokia) == [
        ("county:08", D(60), D(21900), D(0), D(21900)),
        ("municipality:536", D(40), D(14600), D(0), D(14600)),
    ]


def test_cap_is_indexed_and_pro_rated_for_the_clause_period(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha",
                ["Tampere"],
                "2023-01-01",
                "2026-12-31",
                clause(
                    "K1",
                    100,
                    0,
                    categories=["clubhouse"],
                    annual_cap=100000,
                    valid_from="2025-07-01",
                ),
                indexation_percent="2",
            )
        ],
    )
    # the clause runs 2025-07-01..2026-12-31: 184 days of 2025
    # expected under K1 = 100 % × 365 000 × 184 / 365 = 184 000
    # cap = 100 000 × 1.02 ** (2025 − 2023) × 184 / 365 = 104 040 × 184 / 365 = 52 447.5616…
    # factor = 52 447.56… / 184 000 = 104 040 / 365 000 = 0.285041…
    (cap,) = row.caps
    assert (cap.agreement, cap.clause, cap.expected_before) == ("pirha", "K1", D(184000))
    assert cents(cap.cap) == D("52447.56")
    assert cents(cap.cap) == cents(D(104040) * 184 / 365)
    assert abs(cap.factor - D(104040) / D(365000)) < D("1e-20")
    assert Flag.CAPPED in row.flags
    # county 184 000 × factor = the cap, 52 447.56; share 184 000 / 365 000 = 50.41 %
    assert parties(row) == [("county:08", D("50.41"), D("52447.56"), D(0), D("52447.56"))]
    # the first half of the year is not covered: 181 days unassigned
    assert [s[1:4] for s in segments(row, TAMPERE)] == [
        (181, D(181000), RS.UNASSIGNED),
        (184, D(184000), RS.ASSIGNED),
    ]


def test_a_cap_that_does_not_bind_flags_nothing(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 60, 40, categories=["clubhouse"], annual_cap=365000),
            )
        ],
    )
    # cap 365 000 = expected 365 000: factor min(1, 1) = 1, not < 1: not capped
    assert row.caps == (CapLine("pirha", "K1", D(365000), D(365000), D(1)),)
    assert Flag.CAPPED not in row.flags
    assert parties(row)[0] == ("county:08", D(60), D(219000), D(0), D(219000))


@pytest.mark.parametrize("status", ["draft", "negotiation"])
def test_draft_only_when_only_a_draft_would_cover(tmp_path: Path, status: str) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha-luonnos",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                CLUBHOUSE_60_40,
                status=status,
            )
        ],
    )
    # drafts do not bind: unassigned, nobody expected; but the draft would cover it
    assert row.flags == frozenset({Flag.DRAFT_ONLY})
    assert row.responsibility_status is RS.UNASSIGNED
    assert only_segment(row, TAMPERE).drafts_only == ("pirha-luonnos",)
    assert row.parties == ()


def test_draft_only_whatever_the_zone(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("tuki", "statutory_social", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha-luonnos",
                ["Tampere"],
                "2025-07-01",
                "2026-12-31",
                clause("K1", 50, 50, categories=["statutory_social"]),
                status="draft",
            )
        ],
    )
    # by law the county's all year; from 2025-07-01 a draft would cover it too
    assert row.responsibility_status is RS.BY_LAW
    assert Flag.DRAFT_ONLY in row.flags
    assert [s.drafts_only for s in row.portions[0].segments] == [(), ("pirha-luonnos",)]
    assert parties(row) == [("county:08", D(100), D(365000), D(0), D(365000))]


def test_no_draft_only_when_a_signed_agreement_covers(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement("pirha", ["Tampere"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40),
            agreement(
                "pirha-luonnos",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 50, 50, categories=["clubhouse"]),
                status="draft",
            ),
        ],
    )
    # the draft with another split neither conflicts (it does not bind) nor flags draft_only
    assert row.flags == frozenset()
    assert row.responsibility_status is RS.ASSIGNED


# === combinations ===========================================================================


def test_part_year_service_in_a_leap_year(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "366000", active_from="2024-03-01")],
        [agreement("pirha", ["Tampere"], "2024-01-01", "2026-12-31", CLUBHOUSE_60_40)],
        [("klubi", "Tampere", *FULL_2024, "366000")],
        year=2024,
        as_of=date(2024, 1, 1),
    )
    # 2024 has 366 days; active 2024-03-01..12-31 = 31+30+31+30+31+31+30+31+30+31 = 306 days
    # need = 366 000 × 306 / 366 = 306 000
    assert (row.active_days, row.days_in_year) == (306, 366)
    assert row.need == D(306000)
    # Tampere's decision is for 2024: all of it counts, whatever days the service is active
    assert row.funded == D(366000)
    assert row.funding[0].days == 366
    assert segments(row, TAMPERE) == [
        (
            days(date(2024, 3, 1), date(2024, 12, 31)),
            306,
            D(306000),
            RS.ASSIGNED,
            Basis.CLAUSE,
            D(60),
            D(40),
        ),
    ]
    # county 60 % × 306 000 = 183 600; 837 40 % × 306 000 = 122 400 (granted 366 000)
    assert parties(row) == [
        ("county:08", D(60), D(183600), D(0), D(183600)),
        ("municipality:837", D(40), D(122400), D(366000), D(0)),
    ]
    assert row.funding_status is FundingStatus.FUNDED


def test_a_service_not_active_in_the_year_is_no_row(tmp_path: Path) -> None:
    report = analyse(
        load(
            tmp_path,
            [
                service("ended", "clubhouse", '["Tampere"]', "1000", active_until="2024-12-31"),
                service("future", "clubhouse", '["Tampere"]', "1000", active_from="2026-01-01"),
                service("one-day", "clubhouse", '["Tampere"]', "365000", active_from="2025-12-31"),
            ],
        )
    )
    assert [r.service.id for r in report.rows] == ["one-day"]
    # 365 000 × 1 / 365 = 1 000
    assert report.rows[0].need == D(1000)


def test_a_terminated_agreement_ending_mid_year(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha",
                ["Tampere"],
                "2024-01-01",
                "2025-06-30",
                CLUBHOUSE_60_40,
                status="terminated",
            )
        ],
        as_of=date(2026, 1, 1),  # long past: not lapsing
    )
    # 2025-01-01..06-30 = 181 days: 181 000 assigned; 2025-07-01..12-31 = 184 days unassigned
    assert segments(row, TAMPERE) == [
        (
            days(date(2025, 1, 1), date(2025, 6, 30)),
            181,
            D(181000),
            RS.ASSIGNED,
            Basis.CLAUSE,
            D(60),
            D(40),
        ),
        (
            days(date(2025, 7, 1), date(2025, 12, 31)),
            184,
            D(184000),
            RS.UNASSIGNED,
            Basis.NONE,
            D(0),
            D(0),
        ),
    ]
    assert row.responsibility_status is RS.UNASSIGNED
    assert row.flags == frozenset()
    # county 60 % × 181 000 = 108 600 (share 108 600 / 365 000 = 29.753… → 29.75 %)
    # 837    40 % × 181 000 =  72 400 (share  72 400 / 365 000 = 19.835… → 19.84 %)
    assert parties(row) == [
        ("county:08", D("29.75"), D(108600), D(0), D(108600)),
        ("municipality:837", D("19.84"), D(72400), D(0), D(72400)),
    ]
    assert row.to_dict()["parties"][0]["share"] == "29.75"


def test_a_service_in_three_municipalities_under_different_agreements(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", "{ Tampere = 2, Pirkkala = 1, Nokia = 1 }", "400000")],
        [
            agreement("pirha-tre", ["Tampere"], "2025-01-01", "2026-12-31", CLUBHOUSE_60_40),
            agreement(
                "pirha-pirkkala",
                ["Pirkkala"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 50, 30, categories=["clubhouse"]),
            ),
        ],
    )
    # portions: Tampere 400 000 × 2/4 = 200 000 (assigned), Pirkkala 100 000 (partial),
    # Nokia 100 000 (no agreement: unassigned). The row takes the worst: unassigned.
    assert portions(row) == [
        ("837", D(200000), RS.ASSIGNED),
        ("604", D(100000), RS.PARTIAL),
        ("536", D(100000), RS.UNASSIGNED),
    ]
    assert row.responsibility_status is RS.UNASSIGNED
    # county 60 % × 200 000 + 50 % × 100 000 = 170 000; share 170 000 / 400 000 = 42.5 %
    # 837 40 % × 200 000 = 80 000 (40 %); 604 30 % × 100 000 = 30 000 (30 %)
    assert parties(row) == [
        ("county:08", D("42.5"), D(170000), D(0), D(170000)),
        ("municipality:604", D(30), D(30000), D(0), D(30000)),
        ("municipality:837", D(40), D(80000), D(0), D(80000)),
    ]
    assert row.to_dict()["parties"][0]["share"] == "42.5"


def test_a_service_clause_overrides_a_category_clause(tmp_path: Path) -> None:
    report = analyse(
        load(
            tmp_path,
            [
                service("klubi-a", "clubhouse", "{ Tampere = 3, Nokia = 1 }", "400000"),
                service("klubi-b", "clubhouse", '["Tampere"]', "365000"),
            ],
            [
                agreement(
                    "pirha",
                    ["Tampere", "Nokia"],
                    "2025-01-01",
                    "2026-12-31",
                    CLUBHOUSE_60_40,
                    clause("K2", 100, 0, services=["klubi-a"], municipalities=["Tampere"]),
                )
            ],
        )
    )
    a = report.row("klubi-a")
    # Tampere's portion of klubi-a (300 000): K2 names the service and overrides K1: 100/0
    tampere = only_segment(a, TAMPERE)
    assert (tampere.county_share, tampere.municipality_share) == (D(100), D(0))
    assert [(c.clause, c.level) for c in tampere.clauses] == [("K2", "service")]
    assert [(c.clause, c.level) for c in tampere.overridden] == [("K1", "category")]
    # Nokia's portion (100 000): K2 is only for Tampere, so K1 applies: 60/40
    nokia = only_segment(a, NOKIA)
    assert [c.clause for c in nokia.clauses] == ["K1"]
    assert nokia.overridden == ()
    # county 100 % × 300 000 + 60 % × 100 000 = 360 000; share 360 000 / 400 000 = 90 %
    # 536 40 % × 100 000 = 40 000; 837 pays nothing for klubi-a
    assert parties(a) == [
        ("county:08", D(90), D(360000), D(0), D(360000)),
        ("municipality:536", D(40), D(40000), D(0), D(40000)),
    ]
    assert a.responsibility_status is RS.ASSIGNED
    # klubi-b is not named: K1, 60/40 of 365 000
    assert parties(report.row("klubi-b")) == [
        ("county:08", D(60), D(219000), D(0), D(219000)),
        ("municipality:837", D(40), D(146000), D(0), D(146000)),
    ]


def test_a_service_clause_with_its_own_period_overrides_only_in_it(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                CLUBHOUSE_60_40,
                clause("K2", 100, 0, services=["klubi"], valid_from="2025-07-01"),
            )
        ],
    )
    # 2025-01-01..06-30 = 181 days: only K1 (category) applies, 60/40 of 181 000
    # 2025-07-01..12-31 = 184 days: K2 names the service and overrides K1: 100/0 of 184 000
    assert segments(row, TAMPERE) == [
        (
            days(date(2025, 1, 1), date(2025, 6, 30)),
            181,
            D(181000),
            RS.ASSIGNED,
            Basis.CLAUSE,
            D(60),
            D(40),
        ),
        (
            days(date(2025, 7, 1), date(2025, 12, 31)),
            184,
            D(184000),
            RS.ASSIGNED,
            Basis.CLAUSE,
            D(100),
            D(0),
        ),
    ]
    second = row.portions[0].segments[1]
    assert [c.clause for c in second.clauses] == ["K2"]
    assert [c.clause for c in second.overridden] == ["K1"]
    # county 60 % × 181 000 + 100 % × 184 000 = 108 600 + 184 000 = 292 600
    #   share 292 600 / 365 000 = 80.164… → 80.16 %
    # 837 40 % × 181 000 = 72 400; share 72 400 / 365 000 = 19.835… → 19.84 %
    assert parties(row) == [
        ("county:08", D("80.16"), D(292600), D(0), D(292600)),
        ("municipality:837", D("19.84"), D(72400), D(0), D(72400)),
    ]


def test_a_clause_with_its_own_period(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                clause("K1", 60, 40, categories=["clubhouse"], valid_from="2025-04-01"),
            )
        ],
    )
    # 2025-01-01..03-31 = 90 days: no clause: unassigned, 90 000
    # 2025-04-01..12-31 = 275 days: K1 60/40, 275 000
    assert segments(row, TAMPERE) == [
        (
            days(date(2025, 1, 1), date(2025, 3, 31)),
            90,
            D(90000),
            RS.UNASSIGNED,
            Basis.NONE,
            D(0),
            D(0),
        ),
        (
            days(date(2025, 4, 1), date(2025, 12, 31)),
            275,
            D(275000),
            RS.ASSIGNED,
            Basis.CLAUSE,
            D(60),
            D(40),
        ),
    ]
    assert row.responsibility_status is RS.UNASSIGNED
    # county 60 % × 275 000 = 165 000 (share 45.21 %); 837 40 % × 275 000 = 110 000 (30.14 %)
    assert parties(row) == [
        ("county:08", D("45.21"), D(165000), D(0), D(165000)),
        ("municipality:837", D("30.14"), D(110000), D(0), D(110000)),
    ]


def test_what_if_with_a_draft_from_the_dataset(tmp_path: Path) -> None:
    dataset = load(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [
            agreement(
                "pirha-luonnos",
                ["Tampere"],
                "2025-01-01",
                "2026-12-31",
                CLUBHOUSE_60_40,
                status="draft",
            )
        ],
    )
    before = analyse(dataset).rows[0]
    assert before.responsibility_status is RS.UNASSIGNED
    assert before.flags == frozenset({Flag.DRAFT_ONLY})

    report = analyse(dataset, drafts=["pirha-luonnos"])
    after = report.rows[0]
    # taken as signed: 60/40 of 365 000 → county 219 000, 837 146 000
    assert after.responsibility_status is RS.ASSIGNED
    assert after.flags == frozenset()
    assert parties(after) == [
        ("county:08", D(60), D(219000), D(0), D(219000)),
        ("municipality:837", D(40), D(146000), D(0), D(146000)),
    ]
    assert report.drafts == ("pirha-luonnos",)
    assert report.to_dict()["with_drafts"] == ["pirha-luonnos"]
    # the dataset itself is unchanged
    assert dataset.agreements["pirha-luonnos"].status is AgreementStatus.DRAFT
    with pytest.raises(UsageError):
        analyse(dataset, drafts=["no-such-draft"])


def test_what_if_with_an_agreement_object(tmp_path: Path) -> None:
    dataset = load(
        tmp_path, [service("klubi", "clubhouse", "{ Tampere = 3, Nokia = 1 }", "400000")]
    )
    assert analyse(dataset).rows[0].responsibility_status is RS.UNASSIGNED
    draft = Agreement(
        id="uusi",
        title="Uusi sopimus",
        status=AgreementStatus.DRAFT,
        county=PIRKANMAA,
        municipalities=(TAMPERE, NOKIA),
        validity=Period(date(2025, 1, 1), date(2026, 12, 31)),
        clauses=(Clause("K1", D(70), D(30), categories=("clubhouse",)),),
    )
    report = analyse(dataset, drafts=[draft])
    row = report.rows[0]
    # county 70 % × 400 000 = 280 000; 837 30 % × 300 000 = 90 000; 536 30 % × 100 000
    assert row.responsibility_status is RS.ASSIGNED
    assert parties(row) == [
        ("county:08", D(70), D(280000), D(0), D(280000)),
        ("municipality:536", D(30), D(30000), D(0), D(30000)),
        ("municipality:837", D(30), D(90000), D(0), D(90000)),
    ]
    assert report.drafts == ("uusi",)
    # taking it as signed covers Tampere and Nokia for the year
    assert {str(m.municipality) for m in report.missing_agreements}.isdisjoint({"837", "536"})


def test_funding_straddling_the_year_boundary_is_pro_rated_by_days(tmp_path: Path) -> None:
    dataset = load(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000")],
        [],
        [
            ("klubi", "Tampere", "1.7.2024", "30.6.2025", "365000"),
            ("klubi", "STEA", "2025-12-01", "2026-01-31", "1000"),
        ],
    )
    # 2024-07-01..2025-06-30 = 184 + 181 = 365 days
    # 2025: 365 000 × 181 / 365 = 181 000; the STEA grant has 31 + 31 = 62 days,
    # 31 in 2025: 1 000 × 31 / 62 = 500. funded = 181 500
    row = analyse(dataset, 2025).rows[0]
    assert [(line.days, line.amount) for line in row.funding] == [(181, D(181000)), (31, D(500))]
    assert row.funded == D(181500)
    assert parties(row) == [("municipality:837", D(0), D(0), D(181000), D(0))]
    # 2024 (366 days, need 365 000): 365 000 × 184 / 365 = 184 000
    row_2024 = analyse(dataset, 2024, date(2024, 1, 1)).rows[0]
    assert [(line.days, line.amount) for line in row_2024.funding] == [(184, D(184000))]
    # 2026: STEA 1 000 × 31 / 62 = 500
    row_2026 = analyse(dataset, 2026, date(2026, 1, 1)).rows[0]
    assert row_2026.funded == D(500)


def test_funding_for_the_year_counts_whatever_days_the_service_is_active(
    tmp_path: Path,
) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", '["Tampere"]', "365000", active_until="2025-06-30")],
        [],
        [("klubi", "Tampere", *FULL_2025, "365000")],
    )
    # need = 365 000 × 181 / 365 = 181 000; funded: the decision is for 2025, all 365 of its
    # days fall in 2025, so all of it counts (SPEC §5): 365 000
    assert row.need == D(181000)
    assert row.funded == D(365000)
    assert [(line.days, line.amount) for line in row.funding] == [(365, D(365000))]
    assert row.funding_status is FundingStatus.FUNDED


def test_municipalities_without_agreement(tmp_path: Path) -> None:
    report = analyse(
        load(
            tmp_path,
            [service("klubi", "clubhouse", "{ Tampere = 1, Helsinki = 1 }", "365000")],
            [
                agreement("pirha-tre", ["Tampere"], "2025-01-01", "2025-12-31", CLUBHOUSE_60_40),
                agreement(
                    "pirha-nokia",
                    ["Nokia"],
                    "2025-01-01",
                    "2025-12-31",
                    CLUBHOUSE_60_40,
                    status="draft",
                ),
                agreement(
                    "pirha-pirkkala",
                    ["Pirkkala"],
                    "2024-01-01",
                    "2025-01-01",
                    CLUBHOUSE_60_40,
                    status="terminated",
                ),
                agreement("pirha-akaa", ["Akaa"], "2023-01-01", "2024-12-31", CLUBHOUSE_60_40),
            ],
        )
    )
    missing = {str(m.municipality) for m in report.missing_agreements}
    counties = {str(m.county) for m in report.missing_agreements}
    # Pirkanmaa's 23 municipalities, less Tampere (signed) and Pirkkala (terminated, valid
    # on 2025-01-01); Nokia (a draft) and Akaa (ended 2024) are missing; Helsinki never is
    assert counties == {"08"}
    assert len(missing) == 21
    assert {"536", "020"} <= missing
    assert missing.isdisjoint({"837", "604", "091"})


# === the JSON contract ======================================================================

MONEY = re.compile(r"\d+\.\d\d")


def test_row_to_dict_contract(tmp_path: Path) -> None:
    row = row_of(
        tmp_path,
        [service("klubi", "clubhouse", "{ Tampere = 3, Nokia = 1 }", "400000")],
        [
            agreement(
                "pirha",
                ["Tampere", "Nokia"],
                "2025-01-01",
                "2025-12-31",
                CLUBHOUSE_60_40,
                notice_months=6,
            )
        ],
        [("klubi", "Tampere", *FULL_2025, "100000"), ("klubi", "STEA", *FULL_2025, "50 000 €")],
    )
    data = row.to_dict()
    sources = data.pop("sources")
    assert data == {
        "service": "klubi",
        "name": "Palvelu klubi",
        "organisation": "org",
        "category": "clubhouse",
        "zone": "grey",
        "municipalities": ["837", "536"],
        "counties": ["08"],
        # need 400 000; funded 100 000 + 50 000 = 150 000; gap 250 000
        "need": "400000.00",
        "funded": "150000.00",
        "gap": "250000.00",
        "responsibility_status": "assigned",
        "funding_status": "underfunded",
        "parties": [
            {
                "party": "county:08",
                "share": "60",
                "expected": "240000.00",
                "granted": "0.00",
                "shortfall": "240000.00",
            },
            {
                "party": "municipality:536",
                "share": "40",
                "expected": "40000.00",
                "granted": "0.00",
                "shortfall": "40000.00",
            },
            {
                "party": "municipality:837",
                "share": "40",
                "expected": "120000.00",
                "granted": "100000.00",
                "shortfall": "20000.00",
            },
        ],
        "portions": [
            {"municipality": "837", "need": "300000.00", "responsibility_status": "assigned"},
            {"municipality": "536", "need": "100000.00", "responsibility_status": "assigned"},
        ],
        # ends 2025-12-31 < 2026-01-01; deadline 2025-12-31 − 6 months = 2025-06-30
        "flags": ["lapsing"],
        "lapsing": [
            {
                "municipality": m,
                "ends": "2025-12-31",
                "agreement": "pirha",
                "notice_deadline": "2025-06-30",
            }
            for m in ("837", "536")
        ],
    }
    (clause_source,) = sources["clauses"]
    assert {k: clause_source[k] for k in ("agreement", "clause")} == {
        "agreement": "pirha",
        "clause": "K1",
    }
    assert clause_source["file"].endswith("agreements/pirha.toml")
    assert isinstance(clause_source["line"], int)
    assert [
        (f["funder"], f["start"], f["end"], f["amount"], f["counted"], f["reference"])
        for f in sources["funding"]
    ] == [
        ("municipality:837", "2025-01-01", "2025-12-31", "100000.00", "100000.00", "Päätös"),
        ("stea", "2025-01-01", "2025-12-31", "50000.00", "50000.00", "Päätös"),
    ]
    assert json.loads(json.dumps(row.to_dict())) == row.to_dict()


def test_report_to_dict_contract(tmp_path: Path) -> None:
    report = analyse(
        load(
            tmp_path,
            [
                service("z", "clubhouse", '["Nokia"]', "200000"),
                service("c", "clubhouse", '["Tampere"]', "100000"),
                service("a", "clubhouse", "{ Tampere = 1, Nokia = 1, Pirkkala = 1 }", "100000"),
                # 2025-09-23..12-31 = 8 + 31 + 30 + 31 = 100 days
                service("b", "clubhouse", '["Tampere"]', "1000", active_from="2025-09-23"),
                # a full year at 100.005 €: half a cent, rounded half up
                service("h", "clubhouse", "{ Helsinki = 1, Tampere = 1 }", "100.005"),
            ],
            [],
            [("b", "STEA", "1.12.2025", "31.1.2026", "1000")],
        )
    )
    data = report.to_dict()
    assert data["schema"] == "fundgap.gaps/1"
    assert data["dataset"] == "Scenario"
    assert data["year"] == 2025
    assert data["as_of"] == "2025-01-01"
    assert {"schema", "dataset", "year", "as_of", "rows", "totals"} <= set(data)
    rows = data["rows"]
    # gaps: z 200 000; a and c 100 000 (by id: a, c); h 100.01; b 0 (funded 500 > 273.97)
    assert [(r["service"], r["gap"]) for r in rows] == [
        ("z", "200000.00"),
        ("a", "100000.00"),
        ("c", "100000.00"),
        ("h", "100.01"),
        ("b", "0.00"),
    ]
    by_id = {r["service"]: r for r in rows}
    # b: need = 1 000 × 100 / 365 = 273.9726… → 273.97; funded 1 000 × 31 / 62 = 500.00
    assert (by_id["b"]["need"], by_id["b"]["funded"]) == ("273.97", "500.00")
    assert by_id["b"]["funding_status"] == "funded"
    # a: 100 000 / 3 = 33 333.333… each; allocated to cents so that they add up to 100 000
    assert [p["need"] for p in by_id["a"]["portions"]] == ["33333.34", "33333.33", "33333.33"]
    # h: 100.005 → 100.01 (half up); portions 50.0025 each → 50.01 + 50.00
    assert by_id["h"]["need"] == "100.01"
    assert [p["need"] for p in by_id["h"]["portions"]] == ["50.01", "50.00"]
    expected_row_keys = {
        "service",
        "name",
        "organisation",
        "category",
        "zone",
        "municipalities",
        "counties",
        "need",
        "funded",
        "gap",
        "responsibility_status",
        "funding_status",
        "parties",
        "portions",
        "flags",
        "sources",
    }
    for r in rows:
        assert expected_row_keys <= set(r)
        for key in ("need", "funded", "gap"):
            assert MONEY.fullmatch(r[key]), (key, r[key])
        for p in r["parties"]:
            assert set(p) == {"party", "share", "expected", "granted", "shortfall"}
            assert all(MONEY.fullmatch(p[k]) for k in ("expected", "granted", "shortfall"))
        assert sum(D(p["need"]) for p in r["portions"]) == D(r["need"])
    # totals are the sums of the rounded rows:
    # need 200 000 + 100 000 + 100 000 + 100.01 + 273.97 = 400 373.98
    totals = data["totals"]
    assert totals["need"] == "400373.98"
    assert totals["funded"] == "500.00"
    assert totals["gap"] == "400100.01"  # 200 000 + 100 000 + 100 000 + 100.01 + 0
    assert totals["services"] == 5
    assert totals["by_responsibility_status"] == {"unassigned": 5}
    assert totals["by_funding_status"] == {"funded": 1, "unfunded": 4}
    for key in ("need", "funded", "gap"):
        assert D(totals[key]) == sum(D(r[key]) for r in rows)
    assert json.loads(json.dumps(data)) == data


def test_sources_do_not_depend_on_the_order_of_the_funding_rows(tmp_path: Path) -> None:
    services = [service("klubi", "clubhouse", '["Tampere"]', "365000")]
    rows: list[FundingRow] = [
        ("klubi", "STEA", *FULL_2025, "50000"),
        ("klubi", "Tampere", *FULL_2025, "100000"),
    ]
    first = analyse(load(tmp_path / "first", services, [], rows)).to_dict()
    second = analyse(load(tmp_path / "second", services, [], rows[::-1])).to_dict()
    for data in (first, second):  # the files differ by path only
        for source in data["rows"][0]["sources"]["funding"]:
            del source["file"], source["line"]
    assert first["rows"] == second["rows"]
