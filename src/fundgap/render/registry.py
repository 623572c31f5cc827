"""The registry as tables: the organisers (21 counties and Helsinki), or one county's
municipalities, as they stand on a given day. Headings are words for any language; the names
are given in Finnish and Swedish, and the county's in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fundgap.i18n.message import Names, label
from fundgap.registry import Registry, finnish_sort_key
from fundgap.render.table import Table

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import RegistryListing


def registry_table(registry: Registry, county: str | None = None, on: date | None = None) -> Table:
    """The organisers with their member counts, or the members of ``county``, on day ``on``
    (default: today). ``county`` is any name or code the registry accepts."""
    day = on or date.today()  # noqa: DTZ011 -- a calendar day in Finland, not a moment
    if county is None:
        return _organisers(registry, day)
    found = registry.county(county)
    rows = tuple(
        (
            str(m.code),
            m.name_fi,
            m.name_sv,
            m.population,
            Names(fi=found.short_fi, sv=found.short_sv),
        )
        for m in sorted(
            registry.members(found.code, day), key=lambda m: finnish_sort_key(m.name_fi)
        )
    )
    return Table(
        columns=(
            label("column", "code"),
            label("column", "name (fi)"),
            label("column", "name (sv)"),
            label("column", "population 2020"),
            label("column", "county"),
        ),
        keys=("code", "name_fi", "name_sv", "population", "county"),
        optional=("population",),
        rows=rows,
    )


def _organisers(registry: Registry, day: date) -> Table:
    rows = []
    for county in registry.organisers():
        members = registry.members(county.code, day)
        population = sum(m.population for m in members)
        rows.append(
            (
                str(county.code),
                county.short_fi,
                county.short_sv,
                county.name_en,
                len(members),
                population,
            )
        )
    return Table(
        columns=(
            label("column", "code"),
            label("column", "name (fi)"),
            label("column", "name (sv)"),
            label("column", "name (en)"),
            label("column", "municipalities"),
            label("column", "population 2020"),
        ),
        keys=("code", "name_fi", "name_sv", "name_en", "municipalities", "population"),
        optional=("name_en", "population"),
        rows=tuple(rows),
    )


def _tabular(document: RegistryListing, fmt: str, style: Style) -> str:
    from fundgap.render.table import render

    table = registry_table(document.registry, document.county, document.on)
    return render(table, fmt, csv_dialect=style.csv_dialect, lang=style.lang, width=style.width)


def as_table(document: RegistryListing, style: Style) -> str:
    """``fundgap registry`` as a text table."""
    return _tabular(document, "table", style)


def as_csv(document: RegistryListing, style: Style) -> str:
    """``fundgap registry`` as CSV."""
    return _tabular(document, "csv", style)


def as_json(document: RegistryListing, style: Style) -> str:
    """``fundgap registry`` as a JSON list of records."""
    return _tabular(document, "json", style)


def as_markdown(document: RegistryListing, style: Style) -> str:
    """``fundgap registry`` as a Markdown table."""
    return _tabular(document, "markdown", style)
