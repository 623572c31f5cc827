"""The agreement register (``fundgap agreements``): each agreement with its notice deadline and
what replaces it, and per county–municipality pair the years with and without a signed
agreement in force. Codes, ids and dates only; the words are the renderers'."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum

import attrs

from fundgap.analysis.engine import notice_deadline, yearly_agreements
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.model import Agreement, AgreementStatus, Dataset

REFORM_YEAR = 2023
"""The first year of the wellbeing services counties (the 2023 reform): the register's
coverage starts there."""


class Notice(StrEnum):
    """Where ``as_of`` stands against an agreement's notice deadline."""

    UPCOMING = "upcoming"  # notice can still be given: the deadline is as_of or later
    MISSED = "missed"  # the deadline has passed while the agreement still runs
    ENDED = "ended"  # the agreement ended before as_of


@attrs.frozen
class Cap:
    """A clause's annual cap in euros, before indexation."""

    clause: str
    annual_cap: Decimal


@attrs.frozen
class RegisterEntry:
    """One agreement of the register: the agreement itself (its id, title, parties, status,
    validity, notice period, indexation and what it replaces) and what the register adds."""

    agreement: Agreement
    notice_deadline: date | None
    notice: Notice | None
    replaced_by: tuple[str, ...]
    categories: tuple[str, ...]
    services: tuple[str, ...]
    caps: tuple[Cap, ...]


@attrs.frozen
class PairYears:
    """One county–municipality pair: the years of the register with a signed agreement in
    force on some day of the year, and those without one."""

    county: CountyCode
    municipality: MunicipalityCode
    with_agreement: tuple[int, ...]
    without_agreement: tuple[int, ...]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def register_entry(
    agreement: Agreement, agreements: Iterable[Agreement], as_of: date
) -> RegisterEntry:
    """``agreement`` in the register as it stands on ``as_of``: an open-ended agreement has no
    notice deadline (notice ends it at any time), a closed one's deadline is the analysis's
    (:func:`fundgap.analysis.engine.notice_deadline`)."""
    end = agreement.validity.end
    deadline = None if end is None else notice_deadline(end, agreement.notice_months)
    notice = None
    if end is not None and end < as_of:
        notice = Notice.ENDED
    elif deadline is not None:
        notice = Notice.UPCOMING if deadline >= as_of else Notice.MISSED
    return RegisterEntry(
        agreement=agreement,
        notice_deadline=deadline,
        notice=notice,
        replaced_by=tuple(sorted(a.id for a in agreements if a.replaces == agreement.id)),
        categories=_unique(c for clause in agreement.clauses for c in clause.categories),
        services=_unique(s for clause in agreement.clauses for s in clause.services),
        caps=tuple(
            Cap(clause.id, clause.annual_cap)
            for clause in agreement.clauses
            if clause.annual_cap is not None
        ),
    )


def register_years(agreements: Iterable[Agreement], as_of: date) -> range:
    """The years the register covers: from the reform to the last year any agreement (of any
    status) covers. An open-ended agreement counts up to the year after ``as_of``'s, the next
    year the parties negotiate; with no agreement at all, up to ``as_of``'s year."""
    ends = [as_of.year + 1 if a.validity.end is None else a.validity.end.year for a in agreements]
    return range(REFORM_YEAR, max(ends, default=as_of.year) + 1)


def pair_years(dataset: Dataset, years: range) -> tuple[PairYears, ...]:
    """Each county–municipality pair of the dataset's counties with the ``years`` in which a
    signed agreement is in force on some day, and those in which none is — the years the
    analysis reports the municipality as having no agreement
    (:func:`fundgap.analysis.engine.yearly_agreements`). A municipality appears under the
    county it belongs to in each year."""
    found: dict[tuple[CountyCode, MunicipalityCode], tuple[list[int], list[int]]]
    found = defaultdict(lambda: ([], []))
    agreements = tuple(dataset.agreements.values())
    for year in years:
        for county, municipality, covered in yearly_agreements(dataset, agreements, year):
            found[(county, municipality)][0 if covered else 1].append(year)
    return tuple(
        PairYears(county, municipality, tuple(with_), tuple(without))
        for (county, municipality), (with_, without) in sorted(found.items())
    )


def agreement_register(
    dataset: Dataset,
    as_of: date,
    *,
    county: CountyCode | None = None,
    municipality: MunicipalityCode | None = None,
    status: AgreementStatus | None = None,
) -> tuple[range, tuple[RegisterEntry, ...], tuple[PairYears, ...]]:
    """The register of ``dataset`` on ``as_of``: its years, the agreements (by county, then
    start, then id) and the pairs, those of ``county`` or ``municipality`` only when given; the
    ``status`` chooses agreements only, since the pairs' years count signed ones whatever it
    is. The years come from every agreement, so that a filter does not move them."""
    agreements = tuple(dataset.agreements.values())
    years = register_years(agreements, as_of)
    chosen = sorted(
        (
            a
            for a in agreements
            if (county is None or a.county == county)
            and (municipality is None or municipality in a.municipalities)
            and (status is None or a.status is status)
        ),
        key=lambda a: (a.county, a.validity.start, a.id),
    )
    pairs = tuple(
        p
        for p in pair_years(dataset, years)
        if (county is None or p.county == county)
        and (municipality is None or p.municipality == municipality)
    )
    return years, tuple(register_entry(a, agreements, as_of) for a in chosen), pairs
