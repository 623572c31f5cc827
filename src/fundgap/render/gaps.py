"""Gap reports and aggregates as neutral tables of typed cells: headings, statuses, categories
and places as words that each rendering puts into the output language, amounts and counts as
numbers that each format writes its own way (:mod:`fundgap.render.table`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from fundgap.analysis.results import GapReport, GapRow, ResponsibilityStatus, notice_missed
from fundgap.analysis.selection import Aggregates, Group, GroupBy, PartyGroup
from fundgap.categories import Category, Zone
from fundgap.codes import CountyCode, MunicipalityCode
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
from fundgap.i18n.message import Euros, Listing, Message, Names, label, listing, message
from fundgap.i18n.translation import translate
from fundgap.registry import Registry
from fundgap.render.table import Cell, Table, render

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import Gaps, Groups

GAP_KEYS = (
    "service",
    "name",
    "category",
    "zone",
    "municipalities",
    "need",
    "funded",
    "gap",
    "responsibility_status",
    "funding_status",
    "flags",
)
# the responsibility statuses counted in an aggregate's columns, in this order
STATUS_COLUMNS = (
    ResponsibilityStatus.ASSIGNED,
    ResponsibilityStatus.BY_LAW,
    ResponsibilityStatus.PARTIAL,
    ResponsibilityStatus.UNASSIGNED,
    ResponsibilityStatus.CONTESTED,
)


def not_recorded_note(report: GapReport, row: GapRow | None = None) -> Message | None:
    """The sentence that says the year's funding is not recorded yet — for all the data, or
    for the datasets of a collection that record none (of ``row`` only, when given) — or None
    when it is recorded (SPEC §5)."""
    names = report.not_recorded if row is None else tuple(filter(None, [row.unrecorded_in]))
    if not names:
        return None
    if report.wholly_unrecorded:
        return message(
            "No funding decision for {year} is recorded in the data yet (none starts in "
            "{year}): only grants for earlier years that run into {year} count, and no funding "
            "cut can be seen.",
            year=report.year,
        )
    return message(
        "No funding decision for {year} is recorded yet in: {datasets} (none starts in "
        "{year}). There only grants for earlier years that run into {year} count, and no "
        "funding cut can be seen.",
        year=report.year,
        datasets=listing(names, "unit"),
    )


def notice_deadline(deadline: date, as_of: date) -> date | Message:
    """A notice deadline as shown to people: the day, and that it was missed when it came
    before the as-of date (so that nobody reads a past day as one still to meet)."""
    if notice_missed(deadline, as_of):
        return message("{day} (missed)", day=deadline)
    return deadline


def places(row: GapRow, registry: Registry) -> Listing:
    """The municipalities a row serves, by name in the output language."""
    # in the service's own order (its home municipality first, as the data lists them)
    return listing((municipality_name(registry, m) for m in row.municipalities), "unit")


def gaps_table(report: GapReport, registry: Registry, *, codes: bool = True) -> Table:
    """One line per row of ``report``: amounts, statuses and flags for any language. The
    municipalities are their codes, or with ``codes=False`` their names (a narrow terminal
    reads names better than codes, a spreadsheet codes better than names)."""
    headings = (
        label("column", "service"),
        label("column", "name"),
        label("column", "category"),
        label("column", "zone"),
        label("column", "municipalities"),
        label("column", "need"),
        label("column", "funded"),
        label("column", "gap"),
        label("column", "responsibility"),
        label("column", "funding"),
        label("column", "flags"),
    )
    return Table(
        columns=headings,
        keys=GAP_KEYS,
        rows=tuple(_gap_cells(row, registry, codes) for row in report.rows),
        optional=("zone", "category", "flags", "funded", "funding_status", "service"),
    )


def _gap_cells(row: GapRow, registry: Registry, codes: bool) -> tuple[Cell, ...]:
    return (
        row.service.id,
        row.service.name,
        category_name(row.category),
        ZONES[row.category.zone],
        " ".join(str(m) for m in row.municipalities) if codes else places(row, registry),
        Euros(row.need),
        Euros(row.funded),
        Euros(row.gap),
        RESPONSIBILITY[row.responsibility_status],
        FUNDING[row.funding_status],
        listing((FLAGS[f] for f in sorted(row.flags)), "unit"),
    )


def group_name(
    by: GroupBy, key: str, registry: Registry, categories: Mapping[str, Category]
) -> Names | Message | str:
    """What a group of ``by`` is called in the output language."""
    match by:
        case GroupBy.COUNTY:
            return county_name(registry, CountyCode(key))
        case GroupBy.MUNICIPALITY:
            return municipality_name(registry, MunicipalityCode(key))
        case GroupBy.CATEGORY:
            return category_name(categories[key])
        case GroupBy.ZONE:
            return ZONES[Zone(key)]
        case GroupBy.STATUS:
            return RESPONSIBILITY[ResponsibilityStatus(key)]
        case GroupBy.FUNDER | GroupBy.PARTY:
            return party_name(registry, key)


def aggregates_table(
    aggregates: Aggregates,
    registry: Registry,
    categories: Mapping[str, Category],
    *,
    keys: bool = True,
) -> Table:
    """One line per group: need, funded, gap, services and the count of each status; with
    ``keys`` the group's code in a column of its own before its name (a report for people
    leaves it out). Funders are named, never given as party keys; parties are named, and
    keyed (``county:08``) in their own column with ``keys``."""
    by = aggregates.by
    if by is GroupBy.PARTY:
        return _party_table(aggregates, registry, keys=keys)
    first = {
        GroupBy.COUNTY: label("column", "county"),
        GroupBy.MUNICIPALITY: label("column", "municipality"),
        GroupBy.CATEGORY: label("column", "category"),
        GroupBy.ZONE: label("column", "zone"),
        GroupBy.STATUS: label("column", "status"),
        GroupBy.FUNDER: label("column", "funder"),
    }[by]
    if by is GroupBy.FUNDER:
        return Table(
            columns=(first, label("column", "granted"), label("column", "services")),
            keys=("funder", "granted", "services"),
            rows=tuple(
                (group_name(by, g.key, registry, categories), Euros(g.funded), g.services)
                for g in aggregates.groups
                if isinstance(g, Group)
            ),
        )
    amounts = (
        label("column", "need"),
        label("column", "funded"),
        label("column", "gap"),
        label("column", "services"),
    )
    statuses = tuple(RESPONSIBILITY[s] for s in STATUS_COLUMNS)
    named = keys

    def cells(g: Group | PartyGroup) -> tuple[Cell, ...]:
        assert isinstance(g, Group)  # a PartyGroup only when by is PARTY
        name = group_name(by, g.key, registry, categories)
        counts = tuple(g.by_responsibility_status.get(s.value, 0) for s in STATUS_COLUMNS)
        return (
            *((g.key, name) if named else (name,)),
            Euros(g.need),
            Euros(g.funded),
            Euros(g.gap),
            g.services,
            *counts,
        )

    status_keys = tuple(s.value for s in STATUS_COLUMNS)
    return Table(
        columns=(*((first, label("column", "name")) if named else (first,)), *amounts, *statuses),
        keys=(
            *(("key", "label") if named else ("key",)),
            "need",
            "funded",
            "gap",
            "services",
            *status_keys,
        ),
        rows=tuple(cells(g) for g in aggregates.groups),
        optional=(*reversed(status_keys), "funded", "services"),
    )


def _party_table(aggregates: Aggregates, registry: Registry, *, keys: bool) -> Table:
    """One line per party: what its lines in the rows expect of it, what it granted, its
    shortfall and the number of services it has a line in."""
    named = keys
    rows = tuple(
        (
            *((g.key,) if named else ()),
            party_name(registry, g.key),
            Euros(g.expected),
            Euros(g.granted),
            Euros(g.shortfall),
            g.services,
        )
        for g in aggregates.groups
        if isinstance(g, PartyGroup)
    )
    return Table(
        columns=(
            label("column", "party"),
            *((label("column", "name"),) if named else ()),
            label("column", "expected"),
            label("column", "granted"),
            label("column", "shortfall"),
            label("column", "services"),
        ),
        keys=(
            *(("key", "label") if named else ("key",)),
            "expected",
            "granted",
            "shortfall",
            "services",
        ),
        rows=rows,
        optional=("services", "granted"),
    )


def _tabular(document: Gaps | Groups, fmt: str, style: Style) -> str:
    """The rows (or groups) of ``document`` as a table in ``fmt``: codes and keys for a
    spreadsheet, names for people (a terminal, a pipe, a memo); then, in text and Markdown, the note
    that the year's funding is not recorded yet, when it is not."""
    from fundgap.reports import Groups
    from fundgap.shown import shown, shown_in_markdown

    registry = document.dataset.registry
    codes = fmt == "csv"  # a spreadsheet's keys and codes; names for people
    if isinstance(document, Groups):
        categories = document.dataset.categories
        table = aggregates_table(document.aggregates, registry, categories, keys=codes)
    else:
        table = gaps_table(document.report, registry, codes=codes)
    text = render(table, fmt, csv_dialect=style.csv_dialect, lang=style.lang, width=style.width)
    if fmt != "csv" and (note := not_recorded_note(document.report)) is not None:
        words = translate(note, style.lang)
        text += "\n" + (shown_in_markdown if fmt == "markdown" else shown)(words) + "\n"
    return text


def as_table(document: Gaps | Groups, style: Style) -> str:
    """``fundgap gaps`` as a text table."""
    return _tabular(document, "table", style)


def as_csv(document: Gaps | Groups, style: Style) -> str:
    """``fundgap gaps`` as CSV (``style.csv_dialect``)."""
    return _tabular(document, "csv", style)


def as_markdown(document: Gaps | Groups, style: Style) -> str:
    """``fundgap gaps`` as a Markdown table."""
    return _tabular(document, "markdown", style)
