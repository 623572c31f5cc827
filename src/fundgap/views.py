"""Gap reports and aggregates as neutral tables, with headings and statuses in the chosen
language, ready for any table format."""

from __future__ import annotations

from fundgap.analysis.results import GapReport, GapRow
from fundgap.analysis.selection import Aggregates, GroupBy
from fundgap.i18n.terms import sentence, term
from fundgap.money import format_amount
from fundgap.tables import Table

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
_MONEY = ("need", "funded", "gap")


def not_recorded_note(report: GapReport, lang: str = "en", row: GapRow | None = None) -> str:
    """The sentence that says the year's funding is not recorded yet — for all the data, or
    for the datasets of a collection that record none (of ``row`` only, when given) — or ``""``
    when it is recorded (SPEC §5)."""
    names = report.not_recorded if row is None else tuple(filter(None, [row.unrecorded_in]))
    if not names:
        return ""
    if report.wholly_unrecorded:
        return sentence("not_recorded", lang, year=report.year)
    return sentence("not_recorded_in", lang, year=report.year, datasets=", ".join(names))


def gaps_table(report: GapReport, lang: str = "en") -> Table:
    """One line per row of ``report``: amounts rounded to cents, statuses in ``lang``."""
    headings = tuple(
        term(
            {"responsibility_status": "responsibility", "funding_status": "funding"}.get(k, k), lang
        )
        for k in GAP_KEYS
    )
    return Table(
        columns=headings,
        keys=GAP_KEYS,
        rows=tuple(_gap_cells(row, lang) for row in report.rows),
        numeric=frozenset(term(k, lang) for k in _MONEY),
    )


def _gap_cells(row: GapRow, lang: str) -> tuple[str, ...]:
    return (
        row.service.id,
        row.service.name,
        row.category.label(lang),
        term(row.category.zone.value, lang),
        " ".join(str(m) for m in row.municipalities),
        format_amount(row.need),
        format_amount(row.funded),
        format_amount(row.gap),
        term(row.responsibility_status.value, lang),
        term(row.funding_status.value, lang),
        ", ".join(term(f.value, lang) for f in sorted(row.flags)),
    )


def aggregates_table(aggregates: Aggregates, lang: str = "en") -> Table:
    """One line per group: need, funded, gap, services and the count of each status."""
    statuses = ("assigned", "by_law", "partial", "unassigned", "contested")
    first = term(aggregates.by.value if aggregates.by is not GroupBy.STATUS else "status", lang)
    if aggregates.by is GroupBy.FUNDER:
        return Table(
            columns=(first, term("granted", lang), term("services", lang)),
            keys=("funder", "granted", "services"),
            rows=tuple(
                (g.key, format_amount(g.funded), str(g.services)) for g in aggregates.groups
            ),
            numeric=frozenset({term("granted", lang), term("services", lang)}),
        )
    money = tuple(term(k, lang) for k in (*_MONEY, "services"))
    return Table(
        columns=(first, term("name", lang), *money, *(term(s, lang) for s in statuses)),
        keys=("key", "label", *_MONEY, "services", *statuses),
        rows=tuple(
            (
                g.key,
                g.label if aggregates.by is not GroupBy.STATUS else term(g.key, lang),
                format_amount(g.need),
                format_amount(g.funded),
                format_amount(g.gap),
                str(g.services),
                *(str(g.by_responsibility_status.get(s, 0)) for s in statuses),
            )
            for g in aggregates.groups
        ),
        numeric=frozenset(money) | frozenset(term(s, lang) for s in statuses),
    )
