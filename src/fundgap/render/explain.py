"""An explanation as text: every figure of a row with the arithmetic behind it, in the reader's
language. Every line is shown (:func:`fundgap.shown.shown`), since most quote the data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from fundgap.analysis.coverage import (
    GREY_BASIS,
    HELSINKI_BASIS,
    PREVENTIVE_BASIS,
    STATUTORY_BASIS,
)
from fundgap.analysis.explanation import Explanation
from fundgap.analysis.results import (
    Basis,
    Cut,
    Flag,
    GapRow,
    Portion,
    Segment,
    format_share,
    notice_missed,
)
from fundgap.categories import Zone
from fundgap.codes import MunicipalityCode
from fundgap.i18n.labels import (
    FLAGS,
    FUNDING,
    RESPONSIBILITY,
    ZONES,
    category_name,
    county_name,
    municipality_name,
    party_name,
)
from fundgap.i18n.message import Euros, Message, Number, Value, label, listing, message, plural
from fundgap.i18n.translation import translate
from fundgap.model import FunderKind
from fundgap.money import ZERO
from fundgap.periods import Period, days_in_year, period_words
from fundgap.registry import Registry
from fundgap.render.gaps import not_recorded_note
from fundgap.shown import shown

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import ExplainedRow

# the engine's legal bases (kept in English in JSON), as words for any language
_LEGAL_BASES = {
    HELSINKI_BASIS: message(
        "615/2021: the City of Helsinki organises its own social and health services; its "
        "residents' services are the city's"
    ),
    STATUTORY_BASIS: message(
        "612/2021 §7 and 611/2021: the wellbeing services county organises statutory social "
        "and health services"
    ),
    PREVENTIVE_BASIS: message(
        "612/2021 §6 and 410/2015 §1: the municipality promotes its residents' wellbeing and health"
    ),
    GREY_BASIS: message("no clause applies and the grey zone has no default by law: a blind spot"),
}


class _Lines:
    """The lines of an explanation, each a message put into the language at once, indented."""

    def __init__(self, registry: Registry, lang: str) -> None:
        self.registry = registry
        self.lang = lang
        self.lines: list[str] = []

    def say(self, indent: int, words: Message | str = "") -> None:
        text = words if isinstance(words, str) else translate(words, self.lang)
        self.lines.append("  " * indent + text if text else "")

    def written(self, value: Value) -> str:
        from fundgap.i18n.translation import written

        return written(value, self.lang)

    def place(self, code: MunicipalityCode) -> Message:
        """A municipality by name, with its code: Tampere (837), Tammerfors (837)."""
        return message(
            "{municipality} ({code})",
            municipality=municipality_name(self.registry, code),
            code=str(code),
        )


def explanation_text(explanation: Explanation, registry: Registry, lang: str = "en") -> str:
    """The explanation of one row, section by section, in plain text in ``lang``."""
    row = explanation.row
    report = explanation.report
    service = row.service
    out = _Lines(registry, lang)
    out.say(0, f"{service.id} — {service.name}")
    facts = {
        "category": category_name(row.category),
        "key": row.category.key,
        "zone": ZONES[row.category.zone],
        "year": row.year,
        "day": report.as_of,
    }
    if report.drafts:
        out.say(
            0,
            message(
                "category: {category} ({key}, {zone}); year {year}; as of {day}; drafts taken "
                "as signed: {drafts}",
                drafts=listing(report.drafts, "unit"),
                **facts,
            ),
        )
    else:
        out.say(
            0, message("category: {category} ({key}, {zone}); year {year}; as of {day}", **facts)
        )
    out.say(0, message("defined at {where}", where=_where(service.source)))
    out.say(0)
    out.say(0, message("Need"))
    out.say(
        1,
        message(
            "annual cost {cost} × {active} active days / {days} days in {year} = {need}",
            cost=Euros(service.annual_cost),
            active=Number(row.active_days),
            days=Number(row.days_in_year),
            year=row.year,
            need=Euros(row.need),
        ),
    )
    out.say(0)
    if service.weights_given:
        out.say(0, message("Portions (the need divided by the weights, as given in the service)"))
    else:
        out.say(0, message("Portions (the need divided by the weights, the 2020 populations)"))
    for portion in row.portions:
        _portion(out, portion, row)
    out.say(0)
    out.say(0, message("Expected contributions"))
    _contributions(out, row)
    out.say(0)
    out.say(
        0,
        message(
            "Funding counted (each decision spread evenly over its days and pro-rated into the "
            "year, whatever days the service is active)"
        ),
    )
    if (note := not_recorded_note(report, row)) is not None:
        out.say(1, note)
    elif not row.funding:
        out.say(
            1, message("none: no funding decision for the service falls in {year}", year=row.year)
        )
    for line in row.funding:
        decision = line.decision
        words = {
            "funder": _funder(out, decision.funder.kind, decision.funder.name, decision.funder.key),
            "period": _days(decision.period),
            "amount": Euros(decision.amount),
            "days": Number(line.days),
            "total": Number(decision.period.days or 0),  # a decision always ends
            "counted": Euros(line.amount),
            "where": _where(decision.source),
        }
        if decision.reference:
            out.say(
                1,
                message(
                    "{funder} {period}: {amount} × {days} / {total} days = {counted}  "
                    "[{reference}; {where}]",
                    reference=decision.reference,
                    **words,
                ),
            )
        else:
            out.say(
                1,
                message(
                    "{funder} {period}: {amount} × {days} / {total} days = {counted}  "
                    "[no reference; {where}]",
                    **words,
                ),
            )
    counted = " + ".join(out.written(Euros(line.amount)) for line in row.funding) or "0"
    out.say(1, message("funded = {counted} = {funded}", counted=counted, funded=Euros(row.funded)))
    out.say(0)
    out.say(0, message("Result"))
    out.say(
        1,
        message(
            "gap = max(0, need − funded) = max(0, {need} − {funded}) = {gap}",
            need=Euros(row.need),
            funded=Euros(row.funded),
            gap=Euros(row.gap),
        ),
    )
    out.say(
        1,
        message(
            "responsibility: {status} (the worst of the portions' days)",
            status=RESPONSIBILITY[row.responsibility_status],
        ),
    )
    out.say(1, message("funding: {status}", status=FUNDING[row.funding_status]))
    out.say(0)
    _parties(out, row)
    _flags(out, row, report.as_of)
    # each item is one line that may quote the data: a name, a reference, a file, a clause id
    return "\n".join(map(shown, out.lines)) + "\n"


def _where(source: object) -> str:
    return str(source) if source is not None else "?"


def _share(share: Decimal) -> Decimal:
    """A percentage as the JSON writes it (at most two decimals), for the language to write."""
    return Decimal(format_share(share))


def _factor(factor: Decimal) -> Decimal:
    return factor.quantize(Decimal("0.000001"))


def _funder(out: _Lines, kind: FunderKind, name: str, key: str) -> Message | str:
    """A funder as the data names it and, for a county or municipality, whom that names."""
    if kind in (FunderKind.COUNTY, FunderKind.MUNICIPALITY):
        party = party_name(out.registry, key)
        if out.written(party) != name:
            return message("{funder} ({party})", funder=name, party=party)
    return name


def _portion(out: _Lines, portion: Portion, row: GapRow) -> None:
    out.say(
        1,
        message(
            "{municipality} in county {county}: {need} × {weight} / {total} = {portion}",
            municipality=out.place(portion.municipality),
            county=county_name(out.registry, portion.county),
            need=Euros(row.need),
            weight=portion.weight,
            total=portion.weight_total,
            portion=Euros(portion.need),
        ),
    )
    for segment in portion.segments:
        _segment(out, segment)


def _segment(out: _Lines, segment: Segment) -> None:
    head = plural(
        "{period} ({count} day, need {need}): {status}",
        "{period} ({count} days, need {need}): {status}",
        segment.days,
        period=_days(segment.period),
        need=Euros(segment.need),
        status=RESPONSIBILITY[segment.status],
    )
    if segment.basis is Basis.CLAUSE:
        out.say(
            2,
            message(
                "{head}; county {county} %, municipality {municipality} %",
                head=head,
                county=_share(segment.county_share),
                municipality=_share(segment.municipality_share),
            ),
        )
        for ref in segment.clauses:
            level = (
                label("clause level", "service")
                if ref.level == "service"
                else label("clause level", "category")
            )
            out.say(
                3,
                message(
                    "clause {clause} of {agreement} ({level}: county {county} %, municipality "
                    "{municipality} %) at {where}",
                    clause=ref.clause,
                    agreement=ref.agreement,
                    level=level,
                    county=_share(ref.county_share),
                    municipality=_share(ref.municipality_share),
                    where=_where(ref.source),
                ),
            )
        for ref in segment.overridden:
            out.say(
                3,
                message(
                    "overrides clause {clause} of {agreement}, which names the category "
                    "(at {where})",
                    clause=ref.clause,
                    agreement=ref.agreement,
                    where=_where(ref.source),
                ),
            )
        if segment.also_in_force:
            out.say(
                3,
                message(
                    "also in force with the same split, counted once: {agreements}",
                    agreements=listing(segment.also_in_force, "unit"),
                ),
            )
    elif segment.basis is Basis.CONFLICT:
        out.say(
            2,
            message(
                "{head}; agreements in force disagree ({agreements}): nobody's share is known, "
                "so nobody is expected to pay",
                head=head,
                agreements=listing(segment.also_in_force, "unit"),
            ),
        )
        for ref in segment.clauses:
            out.say(
                3,
                message(
                    "clause {clause} of {agreement}: county {county} %, municipality "
                    "{municipality} % at {where}",
                    clause=ref.clause,
                    agreement=ref.agreement,
                    county=_share(ref.county_share),
                    municipality=_share(ref.municipality_share),
                    where=_where(ref.source),
                ),
            )
    else:
        basis = _LEGAL_BASES.get(segment.legal_basis, segment.legal_basis)
        out.say(2, message("{head}; {basis}", head=head, basis=basis))
    if segment.drafts_only:
        out.say(
            3,
            message(
                "a draft or negotiation would cover it: {drafts}",
                drafts=listing(segment.drafts_only, "unit"),
            ),
        )


def _days(period: Period) -> Message | Value:
    """A day, or the first and last day of a period, as the language writes days."""
    if period.days == 1:
        return period.start
    return period_words(period)


def _contributions(out: _Lines, row: GapRow) -> None:
    factors = {(cap.agreement, cap.clause): cap for cap in row.caps}
    for cap in row.caps:
        words = {
            "clause": cap.clause,
            "agreement": cap.agreement,
            "cap": Euros(cap.cap),
            "year": row.year,
            "expected": Euros(cap.expected_before),
            "factor": _factor(cap.factor),
        }
        if cap.binds:
            out.say(
                1,
                message(
                    "cap of clause {clause} of {agreement}: {cap} for {year} over {expected} "
                    "expected under it in all services = factor {factor} (binds)",
                    **words,
                ),
            )
        else:
            out.say(
                1,
                message(
                    "cap of clause {clause} of {agreement}: {cap} for {year} over {expected} "
                    "expected under it in all services = factor {factor} (does not bind)",
                    **words,
                ),
            )
    for contribution in row.contributions:
        where: Message | str = (
            label("contribution", "by law")
            if contribution.clause is None
            else "/".join(contribution.clause)
        )
        factor = factors.get(contribution.clause) if contribution.clause else None
        party = party_name(out.registry, contribution.party)
        if factor is not None and factor.binds:
            out.say(
                1,
                message(
                    "{party}: {amount} ({where}) × {factor} = {scaled}",
                    party=party,
                    amount=Euros(contribution.amount),
                    where=where,
                    factor=_factor(factor.factor),
                    scaled=Euros(contribution.amount * factor.factor),
                ),
            )
        else:
            out.say(
                1,
                message(
                    "{party}: {amount} ({where})",
                    party=party,
                    amount=Euros(contribution.amount),
                    where=where,
                ),
            )
    if not row.contributions:
        out.say(1, message("none: no party has a known share of this service"))


def _cut(out: _Lines, cut: Cut, row: GapRow) -> None:
    """A cut with both of its tests: in total, and per share of the year the service was active."""
    before = row.year - 1
    now = message(
        "{amount} in {year} (active {days} of {total} days: {annual} a year)",
        amount=Euros(cut.granted),
        year=row.year,
        days=Number(cut.days),
        total=Number(row.days_in_year),
        annual=Euros(cut.granted * row.days_in_year / cut.days),
    )
    party = party_name(out.registry, cut.party)
    change = _share(cut.change_percent)
    if cut.previous_days:
        days_before = days_in_year(before)
        then = message(
            "{amount} in {year} (active {days} of {total} days: {annual} a year)",
            amount=Euros(cut.previous),
            year=before,
            days=Number(cut.previous_days),
            total=Number(days_before),
            annual=Euros(cut.previous * days_before / cut.previous_days),
        )
        out.say(
            1,
            message(
                "cut: {party} granted {now} against {then}: {change} % in total; over 10 % less "
                "in total and per share of the year active",
                party=party,
                now=now,
                then=then,
                change=change,
            ),
        )
    else:
        then = message(
            "{amount} in {year}, when it was not active", amount=Euros(cut.previous), year=before
        )
        out.say(
            1,
            message(
                "cut: {party} granted {now} against {then}: {change} % in total; over 10 % less "
                "in total",
                party=party,
                now=now,
                then=then,
                change=change,
            ),
        )


def _parties(out: _Lines, row: GapRow) -> None:
    out.say(
        0,
        message(
            "party: effective share %, expected, granted, shortfall (= max(0, expected − granted))"
        ),
    )
    for party in row.parties:
        out.say(
            1,
            message(
                "{party}: {share} %, {expected}, {granted}, {shortfall}",
                party=party_name(out.registry, party.party),
                share=_share(party.share),
                expected=Euros(party.expected),
                granted=Euros(party.granted),
                shortfall=Euros(party.shortfall),
            ),
        )
    if not row.parties:
        out.say(1, label("parties", "none"))


def _flags(out: _Lines, row: GapRow, as_of: date) -> None:
    out.say(0)
    if row.flags:
        flags = listing((FLAGS[f] for f in sorted(row.flags)), "unit")
        out.say(0, message("flags: {flags}", flags=flags))
    else:
        out.say(0, message("flags: none"))
    for lapse in row.lapses:
        words = {
            "municipality": out.place(lapse.municipality),
            "agreement": lapse.agreement,
            "ends": lapse.ends,
        }
        if notice_missed(lapse.notice_deadline, as_of):
            out.say(
                1,
                plural(
                    "lapsing: coverage of {municipality} under {agreement} ends {ends} and no "
                    "signed agreement covers the next day; the notice deadline {deadline} "
                    "({count} month before the end) was missed",
                    "lapsing: coverage of {municipality} under {agreement} ends {ends} and no "
                    "signed agreement covers the next day; the notice deadline {deadline} "
                    "({count} months before the end) was missed",
                    lapse.notice_months or 0,
                    deadline=lapse.notice_deadline,
                    **words,
                ),
            )
        elif lapse.notice_deadline is not None:
            out.say(
                1,
                plural(
                    "lapsing: coverage of {municipality} under {agreement} ends {ends} and no "
                    "signed agreement covers the next day; notice deadline {deadline} ({count} "
                    "month before the end)",
                    "lapsing: coverage of {municipality} under {agreement} ends {ends} and no "
                    "signed agreement covers the next day; notice deadline {deadline} ({count} "
                    "months before the end)",
                    lapse.notice_months or 0,
                    deadline=lapse.notice_deadline,
                    **words,
                ),
            )
        else:
            out.say(
                1,
                message(
                    "lapsing: coverage of {municipality} under {agreement} ends {ends} and no "
                    "signed agreement covers the next day; the agreement sets no notice period",
                    **words,
                ),
            )
    for cut in row.cuts:
        _cut(out, cut, row)
    for cap in row.caps:
        if cap.binds:
            out.say(
                1,
                message(
                    "capped: the annual cap of clause {clause} of {agreement} scales every "
                    "expected amount under it by {factor}",
                    clause=cap.clause,
                    agreement=cap.agreement,
                    factor=_factor(cap.factor),
                ),
            )
    if Flag.STEA_CONFLICT in row.flags:
        stea = Euros(
            sum((x.amount for x in row.funding if x.decision.funder.kind is FunderKind.STEA), ZERO)
        )
        if row.category.zone is Zone.STATUTORY:
            out.say(
                1,
                message(
                    "STEA conflict: STEA grants {amount} in {year} while on some days the "
                    "service is statutory by law; STEA may not fund statutory public services",
                    amount=stea,
                    year=row.year,
                ),
            )
        else:
            out.say(
                1,
                message(
                    "STEA conflict: STEA grants {amount} in {year} while on some days the "
                    "clauses make the county alone responsible (county 100 %); STEA may not "
                    "fund statutory public services",
                    amount=stea,
                    year=row.year,
                ),
            )
    drafts = sorted({d for p in row.portions for s in p.segments for d in s.drafts_only})
    if drafts:
        days = sum(s.days for p in row.portions for s in p.segments if s.drafts_only)
        out.say(
            1,
            plural(
                "draft only: on {count} portion-day no signed agreement covers the service, "
                "but {drafts} would",
                "draft only: on {count} portion-days no signed agreement covers the service, "
                "but {drafts} would",
                days,
                drafts=listing(drafts, "unit"),
            ),
        )


def as_text(document: ExplainedRow, style: Style) -> str:
    """``fundgap explain`` as plain text."""
    return explanation_text(document.explanation, document.dataset.registry, style.lang)
