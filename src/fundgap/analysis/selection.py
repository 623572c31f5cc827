"""Choosing rows of a gap report and summing them by county, municipality, category, zone,
funder, status or party (``fundgap gaps --by``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
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
    allocate_cents,
)
from fundgap.categories import Category
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import UsageError, did_you_mean
from fundgap.i18n.message import Message, Quoted, label, listing, message, quoted
from fundgap.money import ZERO, cents
from fundgap.registry import Registry

STATUSES = [s.value for s in ResponsibilityStatus] + [s.value for s in FundingStatus]
STATUSES += [f.value for f in Flag]
STATUS = label("looked up", "status")
CATEGORY = label("looked up", "category")


class GroupBy(StrEnum):
    COUNTY = "county"
    MUNICIPALITY = "municipality"
    CATEGORY = "category"
    ZONE = "zone"
    FUNDER = "funder"
    STATUS = "status"
    PARTY = "party"


GROUPINGS = tuple(by.value for by in GroupBy)
"""What ``fundgap gaps --by`` sums by."""


def select(
    report: GapReport,
    registry: Registry,
    *,
    county: str | None = None,
    municipality: str | None = None,
    category: str | None = None,
    status: str | None = None,
) -> GapReport:
    """The rows of ``report`` that serve the county or municipality, are of the category (a
    key: see :func:`find_category` for names), or have the status (a responsibility or
    funding status, or a flag, by code or by name in any language: :func:`find_status`)."""
    tests: list[Callable[[GapRow], bool]] = []
    if county is not None:
        code = registry.county(county).code
        tests.append(lambda row: code in row.counties)
    if municipality is not None:
        found = registry.municipality(municipality).code
        tests.append(lambda row: found in row.municipalities)
    if category is not None:
        tests.append(lambda row: row.category.key == category)
    rows = tuple(row for row in report.rows if all(test(row) for test in tests))
    if status is None:
        return attrs.evolve(report, rows=rows)
    # a status (a cut, say) may be missing because the year's funding is not recorded: the
    # report keeps saying so for the rows the status leaves out
    wanted = find_status(status)
    kept = tuple(row for row in rows if wanted in _statuses(row))
    beyond = {
        r.unrecorded_in for r in rows if r.unrecorded_in is not None and wanted not in _statuses(r)
    }
    return attrs.evolve(report, rows=kept, unrecorded_beyond=tuple(sorted(beyond)))


def _form(text: str) -> str:
    """``text`` as it is compared with names: case and spacing, ``_`` and ``-`` left out."""
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def _forms(words: str) -> list[str]:
    """The ways a person may write a status's words: whole, without the part in parentheses,
    or only that part (``vastuu sopimatta (katvealue)``: also ``vastuu sopimatta`` and
    ``katvealue``)."""
    forms = [words]
    if "(" in words and words.endswith(")"):
        head, _, inner = words[:-1].partition("(")
        forms += [head.strip(), inner.strip()]
    return forms


def _named(text: str, spellings: Iterable[tuple[str, str]], what: Message) -> str:
    """The code that ``text`` names among ``spellings`` (a name or code, and the code it
    names; the first of two alike wins), or a :class:`UsageError` suggesting the names it
    comes close to."""
    names: dict[str, tuple[str, str]] = {}
    for spelled, code in spellings:
        names.setdefault(_form(spelled), (spelled, code))
    found = names.get(_form(text))
    if found is not None:
        return found[1]
    import difflib

    near = difflib.get_close_matches(_form(text), list(names), n=3, cutoff=0.6)
    codes = sorted({code for _, code in names.values()})
    raise UsageError(
        message(
            "unknown {what} {text}{suggestions}; expected one of {codes} (or its name in "
            "Finnish, Swedish or English)",
            what=what,
            text=Quoted(text),
            suggestions=did_you_mean([names[n][0] for n in near]),
            codes=listing(quoted(codes), "or"),
        )
    )


def find_status(text: str) -> str:
    """The responsibility status, funding status or flag that ``text`` names: its code
    (``unassigned``, ``by_law``) or its name in Finnish, Swedish or English, in any case
    (``katvealue``, ``ansvar oavtalat``, ``Draft only``); a :class:`UsageError` with the
    nearest names otherwise."""
    from fundgap.i18n.labels import status_label
    from fundgap.i18n.translation import translate

    spellings = [(code, code) for code in STATUSES]
    spellings += [
        (form, code)
        for code in STATUSES
        for language in ("en", "fi", "sv")
        for form in _forms(translate(status_label(code), language))
    ]
    return _named(text, spellings, STATUS)


def find_agreement_status(text: str) -> str:
    """The agreement status that ``text`` names: its code (``negotiation``) or its name in
    Finnish, Swedish or English, in any case (``neuvottelussa``, ``undertecknat``); a
    :class:`UsageError` with the nearest names otherwise."""
    from fundgap.i18n.labels import AGREEMENT_STATUSES
    from fundgap.i18n.translation import translate

    spellings = [(status.value, status.value) for status in AGREEMENT_STATUSES]
    spellings += [
        (form, status.value)
        for status, words in AGREEMENT_STATUSES.items()
        for language in ("en", "fi", "sv")
        for form in _forms(translate(words, language))
    ]
    return _named(text, spellings, STATUS)


def find_category(text: str, categories: Mapping[str, Category]) -> str:
    """The key of the category of ``categories`` that ``text`` names: its key or its label in
    Finnish, Swedish or English, in any case (``kohtaamispaikka``, ``Mötesplats``); a
    :class:`UsageError` with the nearest names otherwise."""
    spellings = [(key, key) for key in categories]
    spellings += [
        (label, key)
        for key, category in categories.items()
        for label in (category.label_fi, category.label_sv, category.label_en)
    ]
    return _named(text, spellings, CATEGORY)


def _statuses(row: GapRow) -> set[str]:
    flags = {flag.value for flag in row.flags}
    return {row.responsibility_status.value, row.funding_status.value} | flags


@attrs.frozen
class Group:
    """Need, funding and gap of the rows (or portions) in one group. ``key`` is a code (a
    county or municipality code, a category key, a zone, a funder key, a status): a renderer
    names it in its language (:func:`fundgap.render.gaps.group_name`)."""

    key: str
    need: Decimal
    funded: Decimal
    gap: Decimal
    services: int
    by_responsibility_status: dict[str, int]


@attrs.frozen
class PartyGroup:
    """What one party (``county:NN`` or ``municipality:NNN``) is expected to pay, granted and
    falls short of over the rows it has a line in (:class:`~fundgap.analysis.results.PartyLine`:
    the responsible parties and the counties and municipalities that granted money; STEA and
    other funders are in no party's line, SPEC §5). Each line is rounded to cents before it is
    summed, as in the rows, so the group is the sum of what the rows show."""

    key: str
    expected: Decimal
    granted: Decimal
    shortfall: Decimal
    services: int
    by_responsibility_status: dict[str, int]


@attrs.frozen
class Aggregates:
    """The groups of a report, largest gap first; ``registry`` and ``categories`` (those of the
    rows) name the groups in ``to_dict``."""

    by: GroupBy
    year: int
    dataset: str
    groups: tuple[Group | PartyGroup, ...]  # PartyGroup exactly when by is PARTY
    not_recorded: tuple[str, ...] = ()  # as GapReport.not_recorded
    registry: Registry | None = attrs.field(default=None, eq=False, repr=False)
    categories: Mapping[str, Category] = attrs.field(factory=dict, eq=False, repr=False)

    def label(self, group: Group | PartyGroup) -> str:
        """The group's ``label`` in ``fundgap.aggregates/1`` (docs/json.md): the county's
        Finnish short name, the municipality's Finnish name (also for a party), the category's
        English label; for zone, funder and status the key itself."""
        if self.registry is not None and self.by is GroupBy.PARTY:
            kind, _, code = group.key.partition(":")
            if kind == "county" and CountyCode(code) in self.registry.counties:
                return self.registry.counties[CountyCode(code)].short_fi
            if kind == "municipality" and MunicipalityCode(code) in self.registry.municipalities:
                return self.registry.municipalities[MunicipalityCode(code)].name_fi
            return group.key
        if self.by is GroupBy.CATEGORY and group.key in self.categories:
            return self.categories[group.key].label_en
        if self.registry is not None and self.by is GroupBy.COUNTY:
            return self.registry.counties[CountyCode(group.key)].short_fi
        if self.registry is not None and self.by is GroupBy.MUNICIPALITY:
            return self.registry.municipalities[MunicipalityCode(group.key)].name_fi
        return group.key

    def to_dict(self) -> dict[str, Any]:
        """The document ``fundgap.aggregates/1`` (docs/json.md)."""
        from fundgap.render.contracts import aggregates_document
        from fundgap.render.converter import unstructured

        return unstructured(aggregates_document(self))


def aggregate(report: GapReport, registry: Registry, by: GroupBy | str) -> Aggregates:
    """Sum ``report`` by ``by``. Municipalities and counties sum the portions: each gets the
    need of its residents' portion, and the row's funding and gap in the same proportion, in
    cents that add up to the row's. Funders show what each granted, in ``funded``. Parties
    are :class:`PartyGroup` s: what each county and municipality is expected to pay, granted
    and falls short of."""
    by = GroupBy(by)
    categories = {row.category.key: row.category for row in report.rows}
    if by is GroupBy.PARTY:
        parties = tuple(_party_groups(report.rows))
        return Aggregates(
            by, report.year, report.dataset, parties, report.not_recorded, registry, categories
        )
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    rows: dict[str, list[GapRow]] = defaultdict(list)
    for row in report.rows:
        for key, amounts in _parts(row, by):
            for index, amount in enumerate(amounts):
                sums[key][index] += amount
            rows[key].append(row)
    groups = [
        Group(
            key,
            need=sums[key][0],
            funded=sums[key][1],
            gap=sums[key][2],
            services=len(members),
            by_responsibility_status={}
            if by is GroupBy.FUNDER
            else _counts(r.responsibility_status.value for r in members),
        )
        for key, members in rows.items()
    ]
    groups.sort(key=lambda g: (-g.gap, -g.funded, g.key))
    return Aggregates(
        by, report.year, report.dataset, tuple(groups), report.not_recorded, registry, categories
    )


def _counts(keys: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(keys).items()))


def _party_groups(rows: Iterable[GapRow]) -> list[PartyGroup]:
    """One group per party with a line in ``rows``: the sums of its lines' expected and
    granted (each in cents) and of their shortfalls; largest shortfall first, then largest
    grant, then by key."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    members: dict[str, list[GapRow]] = defaultdict(list)
    for row in rows:
        for line in row.parties:
            amounts = sums[line.party]
            amounts[0] += cents(line.expected)
            amounts[1] += cents(line.granted)
            amounts[2] += line.shortfall
            members[line.party].append(row)
    groups = [
        PartyGroup(
            key,
            expected=amounts[0],
            granted=amounts[1],
            shortfall=amounts[2],
            services=len(members[key]),
            by_responsibility_status=_counts(r.responsibility_status.value for r in members[key]),
        )
        for key, amounts in sums.items()
    ]
    groups.sort(key=lambda g: (-g.shortfall, -g.granted, g.key))
    return groups


Amounts = tuple[Decimal, Decimal, Decimal]  # need, funded, gap in cents


def _parts(row: GapRow, by: GroupBy) -> list[tuple[str, Amounts]]:
    """The groups a row falls in, each with its part of the row's need, funding and gap."""
    whole = (cents(row.need), cents(row.funded), row.gap)
    if by is GroupBy.CATEGORY:
        return [(row.category.key, whole)]
    if by is GroupBy.ZONE:
        return [(row.category.zone.value, whole)]
    if by is GroupBy.STATUS:
        return [(row.responsibility_status.value, whole)]
    if by is GroupBy.FUNDER:
        granted: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in row.funding:
            granted[line.decision.funder.key] += line.amount
        return [(key, (ZERO, cents(amount), ZERO)) for key, amount in sorted(granted.items())]
    count = len(row.portions)
    fractions = [p.need / row.need if row.need else Decimal(1) / count for p in row.portions]
    needs = row.portion_needs()
    funded = allocate_cents(whole[1], [row.funded * f for f in fractions])
    gaps = allocate_cents(whole[2], [row.gap * f for f in fractions])
    parts: dict[str, list[Decimal]] = {}
    for portion, need, paid, gap in zip(row.portions, needs, funded, gaps, strict=True):
        key = str(portion.municipality if by is GroupBy.MUNICIPALITY else portion.county)
        amounts = parts.setdefault(key, [ZERO, ZERO, ZERO])
        amounts[0] += need
        amounts[1] += paid
        amounts[2] += gap
    return [(key, (a[0], a[1], a[2])) for key, a in sorted(parts.items())]
