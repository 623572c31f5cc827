"""The agreement register (``fundgap agreements``) as tables: one row per agreement with its
notice deadline, and one per county–municipality pair with the years with and without a signed
agreement in force. People read names and words in their language; CSV gets codes and keys."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from fundgap.analysis.register import Notice, PairYears, RegisterEntry
from fundgap.analysis.results import format_share
from fundgap.categories import Category
from fundgap.i18n.labels import AGREEMENT_STATUSES, category_name, county_name, municipality_name
from fundgap.i18n.message import Euros, Message, label, listing, message, plural
from fundgap.i18n.translation import translate
from fundgap.money import format_amount
from fundgap.registry import Registry
from fundgap.render.table import Cell, Table, render

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import AgreementRegister

NOTICES: Mapping[Notice, Message] = {
    Notice.UPCOMING: label("notice", "upcoming"),
    Notice.MISSED: label("notice", "missed"),
    Notice.ENDED: label("notice", "ended"),
}
AGREEMENT_KEYS = (
    "agreement",
    "title",
    "county",
    "municipalities",
    "status",
    "starts",
    "ends",
    "notice_months",
    "notice_deadline",
    "notice",
    "replaces",
    "replaced_by",
    "categories",
    "services",
    "caps",
    "indexation_percent",
)
NONE = "—"  # no value, for people (a spreadsheet gets an empty cell)


def year_ranges(years: Iterable[int]) -> str:
    """Years as runs of consecutive ones: ``2023–2024, 2026``; none as ``—``."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    if not runs:
        return NONE
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def agreements_table(
    entries: Iterable[RegisterEntry],
    registry: Registry,
    categories: Mapping[str, Category],
    *,
    codes: bool = True,
) -> Table:
    """One line per agreement. With ``codes`` (a spreadsheet) the county, municipalities,
    categories and statuses are codes and keys and a missing value is an empty cell; else
    names and words, and ``—``."""
    none = "" if codes else NONE

    def cells(entry: RegisterEntry) -> tuple[Cell, ...]:
        a = entry.agreement
        caps: Cell
        if codes:
            caps = " ".join(f"{c.clause}={format_amount(c.annual_cap)}" for c in entry.caps)
        else:
            caps = none
            if entry.caps:
                caps = listing(
                    (
                        message("{clause}: {cap}", clause=c.clause, cap=Euros(c.annual_cap))
                        for c in entry.caps
                    ),
                    "unit",
                )
        return (
            a.id,
            a.title,
            str(a.county) if codes else county_name(registry, a.county),
            " ".join(str(m) for m in a.municipalities)
            if codes
            else listing((municipality_name(registry, m) for m in a.municipalities), "unit"),
            a.status.value if codes else AGREEMENT_STATUSES[a.status],
            a.validity.start,
            none if a.validity.end is None else a.validity.end,
            none if a.notice_months is None else a.notice_months,
            none if entry.notice_deadline is None else entry.notice_deadline,
            none
            if entry.notice is None
            else entry.notice.value
            if codes
            else NOTICES[entry.notice],
            a.replaces or none,
            " ".join(entry.replaced_by) or none,
            " ".join(entry.categories)
            if codes
            else listing((category_name(categories[c]) for c in entry.categories), "unit"),
            " ".join(entry.services) or none,
            caps,
            none if a.indexation_percent is None else Decimal(format_share(a.indexation_percent)),
        )

    return Table(
        columns=(
            label("column", "agreement"),
            label("column", "title"),
            label("column", "county"),
            label("column", "municipalities"),
            label("agreement column", "status"),
            label("column", "starts"),
            label("column", "ends"),
            label("column", "notice months"),
            label("column", "notice deadline"),
            label("column", "notice"),
            label("column", "replaces"),
            label("column", "replaced by"),
            label("column", "categories"),
            label("column", "services"),
            label("column", "annual caps"),
            label("column", "indexation %"),
        ),
        keys=AGREEMENT_KEYS,
        rows=tuple(cells(entry) for entry in entries),
        optional=(
            "services",
            "categories",
            "indexation_percent",
            "caps",
            "notice_months",
            "replaced_by",
            "replaces",
            "title",
            "starts",
            "municipalities",
        ),
    )


def pairs_table(pairs: Iterable[PairYears], registry: Registry) -> Table:
    """One line per county–municipality pair: the years with a signed agreement in force and
    those without, as runs of years."""
    return Table(
        columns=(
            label("column", "county"),
            label("column", "municipality"),
            label("column", "with agreement"),
            label("column", "without agreement"),
        ),
        keys=("county", "municipality", "with_agreement", "without_agreement"),
        rows=tuple(
            (
                county_name(registry, p.county),
                municipality_name(registry, p.municipality),
                year_ranges(p.with_agreement),
                year_ranges(p.without_agreement),
            )
            for p in pairs
        ),
    )


def _for_people(document: AgreementRegister, fmt: str, style: Style) -> str:
    """The agreements, then the pairs' years, each after the sentence that says what it is."""
    from fundgap.shown import shown, shown_in_markdown

    def said(words: Message) -> str:
        text = translate(words, style.lang)
        return shown_in_markdown(text) if fmt == "markdown" else shown(text)

    def table(t: Table) -> str:
        return render(t, fmt, lang=style.lang, width=style.width)

    registry = document.dataset.registry
    categories = document.dataset.categories
    count = len(document.entries)
    parts = [
        said(
            plural(
                "{count} agreement; notice deadlines as they stand on {day}.",
                "{count} agreements; notice deadlines as they stand on {day}.",
                count,
                day=document.as_of,
            )
        ),
        table(agreements_table(document.entries, registry, categories, codes=False)),
    ]
    if document.years:
        parts += [
            said(
                message(
                    "Years {first}–{last} with and without a signed agreement in force: the law "
                    "has each county and its municipalities negotiate every year.",
                    first=document.years[0],
                    last=document.years[-1],
                )
            ),
            table(pairs_table(document.pairs, registry)),
        ]
    return "\n".join(part if part.endswith("\n") else part + "\n" for part in parts)


def as_table(document: AgreementRegister, style: Style) -> str:
    """``fundgap agreements`` as text tables."""
    return _for_people(document, "table", style)


def as_markdown(document: AgreementRegister, style: Style) -> str:
    """``fundgap agreements`` as Markdown tables."""
    return _for_people(document, "markdown", style)


def as_csv(document: AgreementRegister, style: Style) -> str:
    """``fundgap agreements --format csv``: one record per agreement, with codes and keys (the
    pairs' years are in the other formats: a CSV file holds one table)."""
    registry = document.dataset.registry
    table = agreements_table(document.entries, registry, document.dataset.categories)
    return render(table, "csv", csv_dialect=style.csv_dialect, lang=style.lang)
