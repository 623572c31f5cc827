"""A draft agreement as written, read leniently (SPEC §6).

The loader refuses an agreement with a mistake; ``fundgap check`` must instead report every
mistake of a draft at once. Both read an agreement into a :class:`DraftAgreement` first: every
value kept with its location and resolved where it can be, every mistake reported once as a
:class:`~fundgap.errors.Problem` tagged with the code of the rule that covers it. The loader
then builds the validated :class:`~fundgap.model.Agreement` only from a draft with no mistake
(:meth:`DraftAgreement.agreement`); the rules look at the draft itself, and at the part of it
that is sound (:meth:`DraftAgreement.sound`). So a rule and a load error never disagree: they
are the same check.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import Location
from fundgap.limits import MAX_AMOUNT, MAX_INDEXATION_PERCENT, MAX_NOTICE_MONTHS
from fundgap.model import HUNDRED, Agreement, AgreementStatus, Clause, Instrument
from fundgap.periods import Period

if TYPE_CHECKING:
    from fundgap.loading._documents import AgreementDoc, ClauseDoc
    from fundgap.loading._reading import AgreementRecord, Record


@attrs.frozen
class DraftClause:
    """One clause as written. ``categories`` and ``services`` hold the keys and ids that
    resolved (without a dataset, the services as written); ``municipalities`` the parties
    among those it names (None: all the agreement's); ``period`` its own period (None: the
    agreement's validity). ``complete`` is False when anything in it was reported."""

    record: Record[ClauseDoc]
    categories: tuple[str, ...]
    services: tuple[str, ...]
    municipalities: tuple[MunicipalityCode, ...] | None
    instrument: Instrument | None
    period: Period | None
    period_known: bool
    complete: bool

    @property
    def doc(self) -> ClauseDoc:
        return self.record.doc

    @property
    def id(self) -> str:
        return self.record.doc.id

    def at(self, *keys: str | int) -> Location:
        return self.record.at(*keys)

    @property
    def shares_valid(self) -> bool:
        """Both shares were read and lie within 0–100 percent."""
        doc = self.record.doc
        return self.record.known("county_share", "municipality_share") and all(
            0 <= share <= HUNDRED for share in (doc.county_share, doc.municipality_share)
        )

    def clause(self, validity: Period) -> Clause | None:
        """The clause as the model holds it, its period cut to ``validity``; None when its
        shares, its scope or its period cannot be used, or it has no day in ``validity``."""
        period = self.period
        if period is not None:
            period = period.intersection(validity)
            if period is None:
                return None
            if period == validity:
                period = None
        return self._model(period)

    def _model(self, period: Period | None) -> Clause | None:
        if not self.period_known or not self.shares_valid:
            return None
        if (not self.categories and not self.services) or self.municipalities == ():
            return None
        doc = self.record.doc
        cap = _within(doc.annual_cap, MAX_AMOUNT)
        return Clause(
            id=doc.id,
            county_share=doc.county_share,
            municipality_share=doc.municipality_share,
            categories=self.categories,
            services=self.services,
            municipalities=self.municipalities,
            instrument=self.instrument or Instrument.GRANT,
            annual_cap=cap,
            period=period,
            source=self.record.at(),
        )


@attrs.frozen
class DraftAgreement:
    """An agreement as written, with what could be resolved of it: its county and parties
    (the municipalities named that are members of the county, each once), its validity
    (None when it cannot be known), and its clauses. ``complete`` is True when nothing in it
    was reported, so that :meth:`agreement` builds it."""

    record: AgreementRecord
    status: AgreementStatus | None
    county: CountyCode | None
    parties: tuple[MunicipalityCode, ...]
    validity: Period | None
    clauses: tuple[DraftClause, ...]
    complete: bool

    @property
    def doc(self) -> AgreementDoc:
        return self.record.agreement.doc

    @property
    def id(self) -> str:
        return self.doc.id

    def at(self, *keys: str | int) -> Location:
        return self.record.agreement.at(*keys)

    def agreement(self) -> Agreement:
        """The validated agreement; only for a complete draft (a ValueError otherwise)."""
        if not self.complete or self.status is None or self.county is None:
            raise ValueError(f"agreement {self.id!r} has problems and cannot be built")
        if self.validity is None:
            raise ValueError(f"agreement {self.id!r} has no known validity")
        clauses = []
        for draft in self.clauses:
            clause = draft._model(draft.period)
            if clause is None:
                raise ValueError(f"clause {draft.id!r} of {self.id!r} cannot be built")
            clauses.append(clause)
        return self._build(self.status, self.county, self.validity, tuple(clauses))

    def sound(self, status: AgreementStatus = AgreementStatus.SIGNED) -> Agreement | None:
        """What of the draft can be analysed, as an agreement with ``status``: its parties that
        resolved, and the clauses whose shares, scope and period can be used (a clause period
        cut to the validity, the non-parties left out). None without a county, a party or a
        known validity. The rules that need the analysis of SPEC §5 use this; what is left out
        is reported by the rules that cover it."""
        if self.county is None or not self.parties or self.validity is None:
            return None
        validity = self.validity
        clauses = []
        seen: set[str] = set()
        for draft in self.clauses:
            if draft.id in seen:
                continue
            clause = draft.clause(validity)
            if clause is not None:
                seen.add(draft.id)
                clauses.append(clause)
        return self._build(status, self.county, validity, tuple(clauses))

    def _build(
        self,
        status: AgreementStatus,
        county: CountyCode,
        validity: Period,
        clauses: tuple[Clause, ...],
    ) -> Agreement:
        doc = self.doc
        return Agreement(
            id=doc.id,
            title=doc.title,
            status=status,
            county=county,
            municipalities=self.parties,
            validity=validity,
            clauses=clauses,
            notice_months=_within(doc.notice_months, MAX_NOTICE_MONTHS),
            indexation_percent=_within(doc.indexation_percent, MAX_INDEXATION_PERCENT),
            replaces=doc.replaces,
            source=self.record.agreement.at(),
        )


N = TypeVar("N", int, Decimal)


def _within(value: N | None, most: int | Decimal) -> N | None:
    """``value`` if it lies within 0 and ``most`` (the limits the loader checks, SPEC §4),
    else None: what a sound draft leaves out, since its rule reports it."""
    return value if value is not None and 0 <= value <= most else None
