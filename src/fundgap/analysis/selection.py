"""Choosing rows of a gap report and summing them by county, municipality, category, zone,
funder or status (``fundgap gaps --by``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from fundgap.analysis.results import (
    Flag,
    FundingStatus,
    GapReport,
    GapRow,
    ResponsibilityStatus,
)
from fundgap.errors import UsageError
from fundgap.money import ZERO, cents, format_amount
from fundgap.registry import Registry

STATUSES = [s.value for s in ResponsibilityStatus] + [s.value for s in FundingStatus]
STATUSES += [f.value for f in Flag]


class GroupBy(StrEnum):
    COUNTY = "county"
    MUNICIPALITY = "municipality"
    CATEGORY = "category"
    ZONE = "zone"
    FUNDER = "funder"
    STATUS = "status"


def select(
    report: GapReport,
    registry: Registry,
    *,
    county: str | None = None,
    municipality: str | None = None,
    category: str | None = None,
    status: str | None = None,
) -> GapReport:
    """The rows of ``report`` that serve the county or municipality, are of the category, or
    have the status (a responsibility or funding status, or a flag)."""
    tests: list[Callable[[GapRow], bool]] = []
    if county is not None:
        code = registry.county(county).code
        tests.append(lambda row: code in row.counties)
    if municipality is not None:
        found = registry.municipality(municipality).code
        tests.append(lambda row: found in row.municipalities)
    if category is not None:
        tests.append(lambda row: row.category.key == category)
    if status is not None:
        if status not in STATUSES:
            raise UsageError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        tests.append(lambda row: status in _statuses(row))
    rows = tuple(row for row in report.rows if all(test(row) for test in tests))
    return attrs.evolve(report, rows=rows)


def _statuses(row: GapRow) -> set[str]:
    flags = {flag.value for flag in row.flags}
    return {row.responsibility_status.value, row.funding_status.value} | flags


@attrs.frozen
class Group:
    """Need, funding and gap of the rows (or portions) in one group."""

    key: str
    label: str
    need: Decimal
    funded: Decimal
    gap: Decimal
    services: int
    by_responsibility_status: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "need": format_amount(self.need),
            "funded": format_amount(self.funded),
            "gap": format_amount(self.gap),
            "services": self.services,
            "by_responsibility_status": self.by_responsibility_status,
        }


@attrs.frozen
class Aggregates:
    by: GroupBy
    year: int
    dataset: str
    groups: tuple[Group, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "fundgap.aggregates/1",
            "dataset": self.dataset,
            "year": self.year,
            "by": self.by.value,
            "groups": [g.to_dict() for g in self.groups],
        }


def aggregate(report: GapReport, by: GroupBy | str, registry: Registry) -> Aggregates:
    """Sum ``report`` by ``by``. Municipalities and counties sum the portions: each gets the
    need of its residents' portion, and the row's funding and gap in the same proportion.
    Funders show what each granted, in the ``funded`` column."""
    by = GroupBy(by)
    parts: dict[str, list[tuple[GapRow, Decimal]]] = defaultdict(list)  # group → (row, weight)
    labels: dict[str, str] = {}
    for row in report.rows:
        for key, label, weight in _keys(row, by, registry):
            parts[key].append((row, weight))
            labels[key] = label
    groups = [_group(key, labels[key], members, by) for key, members in parts.items()]
    groups.sort(key=lambda g: (-g.gap, -g.funded, g.key))
    return Aggregates(by, report.year, report.dataset, tuple(groups))


def _keys(row: GapRow, by: GroupBy, registry: Registry) -> Iterable[tuple[str, str, Decimal]]:
    """The groups of a row, each with the fraction of the row that falls in it."""
    one = Decimal(1)
    if by is GroupBy.CATEGORY:
        return [(row.category.key, row.category.label_en, one)]
    if by is GroupBy.ZONE:
        return [(row.category.zone.value, row.category.zone.value, one)]
    if by is GroupBy.STATUS:
        status = row.responsibility_status.value
        return [(status, status, one)]
    if by is GroupBy.FUNDER:
        return [
            (key, key, one) for key in sorted({line.decision.funder.key for line in row.funding})
        ]
    shares: dict[str, Decimal] = defaultdict(lambda: ZERO)
    names: dict[str, str] = {}
    for portion in row.portions:
        fraction = portion.need / row.need if row.need else ZERO
        if by is GroupBy.MUNICIPALITY:
            key, name = (
                str(portion.municipality),
                registry.municipalities[portion.municipality].name_fi,
            )
        else:
            key, name = str(portion.county), registry.counties[portion.county].short_fi
        shares[key] += fraction
        names[key] = name
    return [(key, names[key], share) for key, share in sorted(shares.items())]


def _group(key: str, label: str, members: list[tuple[GapRow, Decimal]], by: GroupBy) -> Group:
    if by is GroupBy.FUNDER:
        granted = sum(
            (
                line.amount
                for row, _ in members
                for line in row.funding
                if line.decision.funder.key == key
            ),
            ZERO,
        )
        return Group(key, label, ZERO, cents(granted), ZERO, len(members), {})
    needs = [cents(row.need * weight) for row, weight in members]
    funded = [cents(row.funded * weight) for row, weight in members]
    gaps = [max(ZERO, n - f) for n, f in zip(needs, funded, strict=True)]
    counts = Counter(row.responsibility_status.value for row, _ in members)
    return Group(
        key,
        label,
        sum(needs, ZERO),
        sum(funded, ZERO),
        sum(gaps, ZERO),
        len(members),
        dict(sorted(counts.items())),
    )
