"""The year's report (``fundgap report``): key figures, the largest gaps, gaps by county,
municipality and category, the blind spots, contested services, lapsing agreements with their
notice deadlines, funding cuts, and municipalities without an agreement. As text a county
official can read aloud, as Markdown for a memo, or as JSON."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from fundgap.analysis.results import (
    Flag,
    FundingStatus,
    GapReport,
    GapRow,
    ResponsibilityStatus,
    format_share,
)
from fundgap.analysis.selection import GroupBy, aggregate
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.i18n.labels import (
    FLAGS,
    FUNDING,
    RESPONSIBILITY,
    county_name,
    municipality_name,
    party_name,
)
from fundgap.i18n.message import Euros, Message, label, listing, message, plural
from fundgap.i18n.translation import translate
from fundgap.registry import Registry
from fundgap.render.gaps import (
    STATUS_COLUMNS,
    aggregates_table,
    not_recorded_note,
    notice_deadline,
    places,
)
from fundgap.render.table import Cell, Table, render
from fundgap.shown import shown, shown_in_markdown

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import YearReport

LARGEST = 10

# A paragraph: one message, or whole sentences that follow each other
Paragraph = Message | tuple[Message, ...]


@attrs.frozen
class Section:
    """A heading, paragraphs, and an optional table, in words for any language."""

    title: Message
    text: tuple[Paragraph, ...] = ()
    table: Table | None = None


@attrs.frozen
class LapsingAgreement:
    """An agreement whose signed coverage ends within the horizon with nothing after it."""

    agreement: str
    ends: date
    notice_deadline: date | None
    municipalities: tuple[str, ...]
    services: tuple[str, ...]


def lapsing_agreements(report: GapReport) -> tuple[LapsingAgreement, ...]:
    """The lapses of all rows, grouped by agreement and end date, soonest deadline first."""
    grouped: dict[tuple[str, date, date | None], tuple[set[str], set[str]]] = defaultdict(
        lambda: (set(), set())
    )
    for row in report.rows:
        for lapse in row.lapses:
            municipalities, services = grouped[(lapse.agreement, lapse.ends, lapse.notice_deadline)]
            municipalities.add(str(lapse.municipality))
            services.add(row.service.id)
    found = [
        LapsingAgreement(agreement, ends, deadline, tuple(sorted(ms)), tuple(sorted(ss)))
        for (agreement, ends, deadline), (ms, ss) in grouped.items()
    ]
    return tuple(sorted(found, key=lambda a: (a.notice_deadline or a.ends, a.ends, a.agreement)))


def report_sections(report: GapReport, registry: Registry) -> list[Section]:
    """The report as sections, in reading order."""
    totals = report.totals
    blind = [r for r in report.rows if r.responsibility_status is ResponsibilityStatus.UNASSIGNED]
    contested = [
        r for r in report.rows if r.responsibility_status is ResponsibilityStatus.CONTESTED
    ]
    cut = [r for r in report.rows if Flag.CUT in r.flags]
    largest = [r for r in report.rows if r.gap > 0][:LARGEST]
    categories = {row.category.key: row.category for row in report.rows}
    as_of: tuple[Message, ...] = (message("As of {day}.", day=report.as_of),)
    if report.drafts:
        as_of += (
            plural(
                "Draft taken as signed: {drafts}.",
                "Drafts taken as signed: {drafts}.",
                len(report.drafts),
                drafts=listing(report.drafts, "unit"),
            ),
        )
    sections = [
        Section(
            message("fundgap report: {dataset}, {year}", dataset=report.dataset, year=report.year),
            (
                as_of,
                plural(
                    "In {year}, {count} NGO service needs {need}; {funded} of it is funded, "
                    "and the gap is {gap}.",
                    "In {year}, {count} NGO services need {need}; {funded} of it is funded, "
                    "and the gap is {gap}.",
                    totals.services,
                    year=report.year,
                    need=Euros(totals.need),
                    funded=Euros(totals.funded),
                    gap=Euros(totals.gap),
                ),
                _findings(report, len(blind), len(contested), len(cut)),
                *_not_recorded(report),
            ),
            _figures(report),
        ),
        Section(
            plural("The largest gap", "The {count} largest gaps", len(largest)),
            () if largest else (message("None."),),
            _rows_table(largest, registry) if largest else None,
        ),
    ]
    titles = {
        GroupBy.COUNTY: message("Gaps by county"),
        GroupBy.MUNICIPALITY: message("Gaps by municipality"),
        GroupBy.CATEGORY: message("Gaps by category"),
    }
    for by, title in titles.items():
        groups = aggregate(report, registry, by)
        sections.append(
            Section(title, table=aggregates_table(groups, registry, categories, keys=False))
        )
    sections += [
        Section(
            message("Blind spots: services nobody has agreed to fund"),
            (
                message(
                    "Grey-zone services with no clause for some of their residents on some day."
                )
                if blind
                else message("None."),
            ),
            _rows_table(blind, registry) if blind else None,
        ),
        Section(
            message("Contested services"),
            (
                message("Agreements in force give different splits, so nobody's share is known.")
                if contested
                else message("None."),
            ),
            _contested_table(contested) if contested else None,
        ),
        _lapsing_section(report, registry),
        Section(
            message("Funding cuts"),
            _not_recorded(report)
            if report.wholly_unrecorded
            else (
                *_not_recorded(report),
                message(
                    "Public funders that granted over 10 % less than the year before, both in "
                    "total and for the part of the year the service was active."
                )
                if cut
                else message("None."),
            ),
            _cuts_table(cut, registry) if cut else None,
        ),
        _missing_section(report, registry),
    ]
    return sections


def _findings(report: GapReport, blind: int, contested: int, cut: int) -> tuple[Message, ...]:
    """The paragraph of what the year's figures mean: one sentence per finding that the year
    has, each with its number, so that each language can put the words around the number in
    its own way; one sentence when there is none."""
    within = plural("within {count} month", "within {count} months", report.horizon_months)
    lapsing = report.totals.by_flag.get(Flag.LAPSING.value, 0)
    cut = 0 if report.wholly_unrecorded else cut  # no cut can be seen then (SPEC §5)
    found = [
        (
            blind,
            plural(
                "{count} service is in a blind spot: no agreement says who funds it.",
                "{count} services are in a blind spot: no agreement says who funds them.",
                blind,
            ),
        ),
        (
            contested,
            plural(
                "The responsibility for {count} service is contested between agreements.",
                "The responsibility for {count} services is contested between agreements.",
                contested,
            ),
        ),
        (
            lapsing,
            plural(
                "{count} service depends on agreements that lapse {within}.",
                "{count} services depend on agreements that lapse {within}.",
                lapsing,
                within=within,
            ),
        ),
        (
            cut,
            plural(
                "The funding of {count} service was cut.",
                "The funding of {count} services was cut.",
                cut,
            ),
        ),
    ]
    sentences = tuple(words for count, words in found if count)
    return sentences or (
        message(
            "No service is in a blind spot or contested, none depends on an agreement that "
            "lapses {within}, and no funding was cut.",
            within=within,
        ),
    )


def _not_recorded(report: GapReport) -> tuple[Message, ...]:
    """The sentence that says the year's funding is not recorded yet, when it is not (SPEC §5)."""
    note = not_recorded_note(report)
    return (note,) if note is not None else ()


def _figures(report: GapReport) -> Table:
    totals = report.totals
    rows: list[tuple[Cell, Cell]] = [
        (label("figure", "services"), totals.services),
        (label("figure", "need"), Euros(totals.need)),
        (label("figure", "funded"), Euros(totals.funded)),
        (label("figure", "gap"), Euros(totals.gap)),
    ]
    # each count names what it counts, so that "funded" (services) is not read as the amount
    statuses: list[tuple[Message, int]] = [
        (RESPONSIBILITY[status], totals.by_responsibility_status[status.value])
        for status in STATUS_COLUMNS
        if status.value in totals.by_responsibility_status
    ]
    statuses += [(FUNDING[FundingStatus(k)], v) for k, v in totals.by_funding_status.items()]
    statuses += [(FLAGS[Flag(k)], v) for k, v in totals.by_flag.items()]
    rows += [(message("services: {status}", status=words), n) for words, n in statuses]
    return Table(
        (label("column", "figure"), label("column", "value")),
        tuple(rows),
        keys=("figure", "value"),
    )


def _rows_table(rows: list[GapRow], registry: Registry) -> Table:
    return Table(
        columns=(
            label("column", "service"),
            label("column", "municipalities"),
            label("column", "need"),
            label("column", "gap"),
            label("column", "responsibility"),
            label("column", "funding"),
        ),
        keys=("name", "municipalities", "need", "gap", "responsibility", "funding"),
        optional=("funding", "municipalities"),
        rows=tuple(
            (
                r.service.name,
                places(r, registry),
                Euros(r.need),
                Euros(r.gap),
                RESPONSIBILITY[r.responsibility_status],
                FUNDING[r.funding_status],
            )
            for r in rows
        ),
    )


def _contested_table(rows: list[GapRow]) -> Table:
    def conflicts(row: GapRow) -> str:
        """The agreements that conflict, or whose shares add up to over 100 %."""
        ids: set[str] = set()
        for segment in (s for p in row.portions for s in p.segments):
            if segment.status is ResponsibilityStatus.CONTESTED:
                ids.update(segment.also_in_force)
                ids.update([segment.agreement] if segment.agreement else [])
        return ", ".join(sorted(ids))

    return Table(
        columns=(
            label("column", "service"),
            label("column", "agreements"),
            label("column", "need"),
            label("column", "gap"),
        ),
        keys=("name", "agreements", "need", "gap"),
        rows=tuple((r.service.name, conflicts(r), Euros(r.need), Euros(r.gap)) for r in rows),
    )


def _lapsing_section(report: GapReport, registry: Registry) -> Section:
    title = message("Lapsing agreements")
    lapsing = lapsing_agreements(report)
    if not lapsing:
        return Section(title, (message("None within the horizon."),))
    return Section(
        title,
        (
            plural(
                "Signed coverage that ends between {day} and {count} month later with no "
                "signed agreement after it. Notice must be given, or negotiations opened, by "
                "the deadline.",
                "Signed coverage that ends between {day} and {count} months later with no "
                "signed agreement after it. Notice must be given, or negotiations opened, by "
                "the deadline.",
                report.horizon_months,
                day=report.as_of,
            ),
        ),
        Table(
            columns=(
                label("column", "agreement"),
                label("column", "ends"),
                label("column", "notice deadline"),
                label("column", "municipalities"),
                label("column", "services"),
            ),
            keys=("agreement", "ends", "notice_deadline", "municipalities", "services"),
            optional=("services",),
            rows=tuple(
                (
                    a.agreement,
                    a.ends,
                    "—"
                    if a.notice_deadline is None
                    else notice_deadline(a.notice_deadline, report.as_of),
                    listing(
                        (
                            municipality_name(registry, MunicipalityCode(m))
                            for m in a.municipalities
                        ),
                        "unit",
                        alphabetical=True,
                    ),
                    len(a.services),
                )
                for a in lapsing
            ),
        ),
    )


def _cuts_table(rows: list[GapRow], registry: Registry) -> Table:
    return Table(
        columns=(
            label("column", "service"),
            label("column", "funder"),
            label("column", "year before"),
            label("column", "granted"),
            label("column", "change %"),
        ),
        keys=("name", "party", "previous", "granted", "change"),
        rows=tuple(
            (
                r.service.name,
                party_name(registry, cut.party),
                Euros(cut.previous),
                Euros(cut.granted),
                Decimal(format_share(cut.change_percent)),
            )
            for r in rows
            for cut in r.cuts
        ),
    )


def _missing_section(report: GapReport, registry: Registry) -> Section:
    title = message("Municipalities without an agreement")
    if not report.missing_agreements:
        return Section(title, (message("None."),))
    by_county: dict[CountyCode, list[MunicipalityCode]] = defaultdict(list)
    for missing in report.missing_agreements:
        by_county[missing.county].append(missing.municipality)
    lines: list[Paragraph] = [
        message(
            "The law has each county negotiate with its municipalities every year; these had no "
            "signed agreement in force in {year}:",
            year=report.year,
        )
    ]
    lines += [
        message(
            "{county}: {municipalities}",
            county=county_name(registry, code),
            municipalities=listing(
                (municipality_name(registry, m) for m in names), "unit", alphabetical=True
            ),
        )
        for code, names in sorted(by_county.items())
    ]
    return Section(title, tuple(lines))


def report_text(
    report: GapReport,
    registry: Registry,
    *,
    markdown: bool = False,
    lang: str = "en",
    width: int | None = None,
) -> str:
    """The report as plain text, or as Markdown for a memo, in ``lang``. Headings and
    sentences quote names from the data (the dataset's, the drafts'), so each is shown on its
    line and, in Markdown, escaped; tables are shown cell by cell by :func:`render`. Given a
    ``width`` (a terminal's), paragraphs and tables of the text fit in it where they can."""
    line = shown_in_markdown if markdown else shown

    def said(paragraph: Paragraph) -> str:
        sentences = paragraph if isinstance(paragraph, tuple) else (paragraph,)
        return line(" ".join(translate(sentence, lang) for sentence in sentences))

    out = []
    for index, section in enumerate(report_sections(report, registry)):
        title = said(section.title)
        if markdown:
            out.append(("# " if index == 0 else "## ") + title)
        else:
            out.append(title)
            out.append(("=" if index == 0 else "-") * len(title))
        out.append("")
        for paragraph in map(said, section.text):  # Markdown needs a blank line between them
            if markdown:
                out += [paragraph, ""]
            else:
                out += (
                    textwrap.wrap(paragraph, width, break_long_words=False)
                    if width
                    else [paragraph]
                )
        if section.text and not markdown:
            out.append("")
        if section.table is not None and section.table.rows:
            fmt = "markdown" if markdown else "table"
            out.append(render(section.table, fmt, lang=lang, width=width).rstrip("\n"))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def report_dict(report: GapReport, registry: Registry) -> dict[str, Any]:
    """The report as JSON-ready values: ``fundgap.gaps/1`` and the report's sections."""
    from fundgap.render.contracts import report_document
    from fundgap.render.converter import unstructured

    return unstructured(report_document(report, registry))


def as_text(document: YearReport, style: Style) -> str:
    """``fundgap report`` as plain text, fitted to ``style.width`` where it can."""
    registry = document.dataset.registry
    return report_text(document.report, registry, lang=style.lang, width=style.width)


def as_markdown(document: YearReport, style: Style) -> str:
    """``fundgap report`` as Markdown for a memo (never wrapped)."""
    registry = document.dataset.registry
    return report_text(document.report, registry, markdown=True, lang=style.lang)
