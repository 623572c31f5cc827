"""An explanation as text: every figure of a row with the arithmetic behind it. Every line
is shown (:func:`fundgap.shown.shown`), since most quote the data."""

from __future__ import annotations

from fundgap.analysis.explanation import Explanation
from fundgap.analysis.results import Basis, Cut, Flag, GapRow, Portion, Segment, format_share
from fundgap.categories import Zone
from fundgap.i18n.terms import euros, term
from fundgap.model import FunderKind
from fundgap.money import ZERO
from fundgap.periods import Period, days_in_year
from fundgap.registry import Registry
from fundgap.shown import shown
from fundgap.views import not_recorded_note


def explanation_text(explanation: Explanation, registry: Registry, lang: str = "en") -> str:
    """The explanation of one row, section by section, in plain text."""
    row = explanation.row
    report = explanation.report
    service = row.service
    lines = [
        f"{service.id} — {service.name}",
        f"{term('category', lang)}: {row.category.label(lang)} ({row.category.key}, "
        f"{term(row.category.zone.value, lang)}); {term('year', lang)} {row.year}; "
        f"as of {report.as_of.isoformat()}"
        + (f"; drafts taken as signed: {', '.join(report.drafts)}" if report.drafts else ""),
        f"defined at {_where(service.source)}",
        "",
        "Need",
        f"  annual cost {euros(service.annual_cost, lang)} × {row.active_days} active days "
        f"/ {row.days_in_year} days in {row.year} = {euros(row.need, lang)}",
        "",
        "Portions (the need divided by the weights"
        + (", as given in the service)" if service.weights_given else ", the 2020 populations)"),
    ]
    for portion in row.portions:
        lines += _portion(portion, row, registry, lang)
    lines += ["", "Expected contributions"]
    lines += _contributions(row, lang)
    lines += [
        "",
        "Funding counted (each decision spread evenly over its days and pro-rated into the "
        "year, whatever days the service is active)",
    ]
    if note := not_recorded_note(report, lang, row):
        lines.append("  " + note)
    elif not row.funding:
        lines.append(f"  none: no funding decision for the service falls in {row.year}")
    for line in row.funding:
        decision = line.decision
        lines.append(
            f"  {decision.funder.name} ({decision.funder.key}) {decision.period}: "
            f"{euros(decision.amount, lang)} × {line.days} / {decision.period.days} days "
            f"= {euros(line.amount, lang)}  [{decision.reference or 'no reference'}; "
            f"{_where(decision.source)}]"
        )
    counted = " + ".join(euros(line.amount, lang) for line in row.funding) or "0"
    lines += [
        f"  funded = {counted} = {euros(row.funded, lang)}",
        "",
        "Result",
        f"  gap = max(0, need − funded) = max(0, {euros(row.need, lang)} − "
        f"{euros(row.funded, lang)}) = {euros(row.gap, lang)}",
        f"  responsibility: {term(row.responsibility_status.value, lang)} "
        "(the worst of the portions' days)",
        f"  funding: {term(row.funding_status.value, lang)}",
        "",
    ]
    lines += _parties(row, lang)
    lines += _flags(row, registry, lang)
    # each item is one line that may quote the data: a name, a reference, a file, a clause id
    return "\n".join(map(shown, lines)) + "\n"


def _where(source: object) -> str:
    return str(source) if source is not None else "?"


def _portion(portion: Portion, row: GapRow, registry: Registry, lang: str) -> list[str]:
    municipality = registry.municipalities[portion.municipality]
    lines = [
        f"  {municipality} in county {portion.county}: {euros(row.need, lang)} × "
        f"{portion.weight} / {portion.weight_total} = {euros(portion.need, lang)}"
    ]
    for segment in portion.segments:
        lines += _segment(segment, row, lang)
    return lines


def _segment(segment: Segment, row: GapRow, lang: str) -> list[str]:
    head = (
        f"    {_days(segment.period)} ({segment.days} days, need {euros(segment.need, lang)}): "
        f"{term(segment.status.value, lang)}"
    )
    lines = []
    if segment.basis is Basis.CLAUSE:
        lines.append(
            f"{head}; county {format_share(segment.county_share)} %, municipality "
            f"{format_share(segment.municipality_share)} %"
        )
        for ref in segment.clauses:
            lines.append(
                f"      clause {ref.clause} of {ref.agreement} ({ref.level}: "
                f"county {format_share(ref.county_share)} %, municipality "
                f"{format_share(ref.municipality_share)} %) at {_where(ref.source)}"
            )
        for ref in segment.overridden:
            lines.append(
                f"      overrides clause {ref.clause} of {ref.agreement}, which names the category "
                f"(at {_where(ref.source)})"
            )
        if segment.also_in_force:
            lines.append(
                f"      also in force with the same split, counted once: "
                f"{', '.join(segment.also_in_force)}"
            )
    elif segment.basis is Basis.CONFLICT:
        lines.append(
            f"{head}; agreements in force disagree ({', '.join(segment.also_in_force)}): "
            "nobody's share is known, so nobody is expected to pay"
        )
        for ref in segment.clauses:
            lines.append(
                f"      clause {ref.clause} of {ref.agreement}: county "
                f"{format_share(ref.county_share)} %, municipality "
                f"{format_share(ref.municipality_share)} % at {_where(ref.source)}"
            )
    else:
        lines.append(f"{head}; {segment.legal_basis}")
    if segment.drafts_only:
        lines.append(
            f"      a draft or negotiation would cover it: {', '.join(segment.drafts_only)}"
        )
    return lines


def _days(period: Period) -> str:
    return period.start.isoformat() if period.days == 1 else str(period)


def _contributions(row: GapRow, lang: str) -> list[str]:
    lines = []
    factors = {(cap.agreement, cap.clause): cap for cap in row.caps}
    for cap in row.caps:
        lines.append(
            f"  cap of clause {cap.clause} of {cap.agreement}: {euros(cap.cap, lang)} for "
            f"{row.year} over {euros(cap.expected_before, lang)} expected under it in all "
            f"services = factor {cap.factor:.6f}"
            + (" (binds)" if cap.binds else " (does not bind)")
        )
    for contribution in row.contributions:
        where = "by law" if contribution.clause is None else "/".join(contribution.clause)
        factor = factors.get(contribution.clause) if contribution.clause else None
        scaled = (
            f" × {factor.factor:.6f} = {euros(contribution.amount * factor.factor, lang)}"
            if factor is not None and factor.binds
            else ""
        )
        lines.append(
            f"  {contribution.party}: {euros(contribution.amount, lang)} ({where}){scaled}"
        )
    if not row.contributions:
        lines.append("  none: no party has a known share of this service")
    return lines


def _cut(cut: Cut, row: GapRow, lang: str) -> str:
    """A cut with both of its tests: in total, and per share of the year the service was active."""
    before = row.year - 1
    now = (
        f"{euros(cut.granted, lang)} in {row.year} (active {cut.days} of {row.days_in_year} days: "
        f"{euros(cut.granted * row.days_in_year / cut.days, lang)} a year)"
    )
    if cut.previous_days:
        days_before = days_in_year(before)
        then = (
            f"{euros(cut.previous, lang)} in {before} (active {cut.previous_days} of "
            f"{days_before} days: {euros(cut.previous * days_before / cut.previous_days, lang)} "
            "a year)"
        )
        rule = "over 10 % less in total and per share of the year active"
    else:
        then = f"{euros(cut.previous, lang)} in {before}, when it was not active"
        rule = "over 10 % less in total"
    return (
        f"  cut: {cut.party} granted {now} against {then}: "
        f"{format_share(cut.change_percent)} % in total; {rule}"
    )


def _parties(row: GapRow, lang: str) -> list[str]:
    lines = [
        f"{term('party', lang)}: {term('effective_share', lang)}, {term('expected', lang)}, "
        f"{term('granted', lang)}, {term('shortfall', lang)} (= max(0, expected − granted))"
    ]
    for party in row.parties:
        lines.append(
            f"  {party.party}: {format_share(party.share)} %, {euros(party.expected, lang)}, "
            f"{euros(party.granted, lang)}, {euros(party.shortfall, lang)}"
        )
    if not row.parties:
        lines.append("  none")
    return lines


def _flags(row: GapRow, registry: Registry, lang: str) -> list[str]:
    lines = [
        "",
        f"{term('flags', lang)}: " + (", ".join(sorted(f.value for f in row.flags)) or "none"),
    ]
    for lapse in row.lapses:
        deadline = (
            f"; notice deadline {lapse.notice_deadline.isoformat()} "
            f"({lapse.notice_months} months before the end)"
            if lapse.notice_deadline is not None
            else "; the agreement sets no notice period"
        )
        lines.append(
            f"  lapsing: coverage of {registry.municipalities[lapse.municipality]} under "
            f"{lapse.agreement} ends "
            f"{lapse.ends.isoformat()} and no signed agreement covers the next day{deadline}"
        )
    for cut in row.cuts:
        lines.append(_cut(cut, row, lang))
    for cap in row.caps:
        if cap.binds:
            lines.append(
                f"  capped: the annual cap of clause {cap.clause} of {cap.agreement} scales every "
                f"expected amount under it by {cap.factor:.6f}"
            )
    if Flag.STEA_CONFLICT in row.flags:
        stea = sum(
            (x.amount for x in row.funding if x.decision.funder.kind is FunderKind.STEA), ZERO
        )
        lines.append(
            f"  stea_conflict: STEA grants {euros(stea, lang)} in {row.year} while on some days "
            + (
                "the service is statutory by law"
                if row.category.zone is Zone.STATUTORY
                else "the clauses make the county alone responsible (county 100 %)"
            )
            + "; STEA may not fund statutory public services"
        )
    drafts = sorted({d for p in row.portions for s in p.segments for d in s.drafts_only})
    if drafts:
        days = sum(s.days for p in row.portions for s in p.segments if s.drafts_only)
        lines.append(
            f"  draft_only: on {days} portion-days no signed agreement covers the service, "
            f"but {', '.join(drafts)} would"
        )
    return lines
