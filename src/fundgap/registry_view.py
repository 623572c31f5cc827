"""The registry as tables: the organisers (21 counties and Helsinki), or one county's
municipalities, as they stand on a given day."""

from __future__ import annotations

from datetime import date

from fundgap.registry import Registry, finnish_sort_key
from fundgap.tables import Table


def registry_table(registry: Registry, county: str | None = None, on: date | None = None) -> Table:
    """The organisers with their member counts, or the members of ``county``, on day ``on``
    (default: today). ``county`` is any name or code the registry accepts."""
    day = on or date.today()  # noqa: DTZ011 -- a calendar day in Finland, not a moment
    if county is None:
        return _organisers(registry, day)
    found = registry.county(county)
    rows = tuple(
        (str(m.code), m.name_fi, m.name_sv, str(m.population), found.short_fi)
        for m in sorted(
            registry.members(found.code, day), key=lambda m: finnish_sort_key(m.name_fi)
        )
    )
    return Table(
        columns=("code", "name (fi)", "name (sv)", "population 2020", "county"),
        keys=("code", "name_fi", "name_sv", "population", "county"),
        rows=rows,
        numeric=frozenset({"population 2020"}),
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
                str(len(members)),
                str(population),
            )
        )
    return Table(
        columns=(
            "code",
            "name (fi)",
            "name (sv)",
            "name (en)",
            "municipalities",
            "population 2020",
        ),
        keys=("code", "name_fi", "name_sv", "name_en", "municipalities", "population"),
        rows=tuple(rows),
        numeric=frozenset({"municipalities", "population 2020"}),
    )
