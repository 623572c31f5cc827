"""The year's report (``fundgap report``): key figures, the largest gaps, gaps by county,
municipality and category, the blind spots, contested services, lapsing agreements with their
notice deadlines, funding cuts, and municipalities without an agreement. As text a county
official can read aloud, as Markdown for a memo, or as JSON."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import attrs

from fundgap.analysis.results import Flag, GapReport, GapRow, ResponsibilityStatus, format_share
from fundgap.analysis.selection import GroupBy, aggregate
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.i18n.terms import euros, sentence, term
from fundgap.money import format_amount
from fundgap.registry import Registry
from fundgap.shown import shown, shown_in_markdown
from fundgap.tables import Table, render
from fundgap.views import aggregates_table, not_recorded_note

LARGEST = 10


@attrs.frozen
class Section:
    """A heading, sentences, and an optional table."""

    title: str
    text: tuple[str, ...] = ()
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


def report_sections(report: GapReport, registry: Registry, lang: str = "en") -> list[Section]:
    """The report as sections, in reading order."""
    totals = report.totals
    blind = [r for r in report.rows if r.responsibility_status is ResponsibilityStatus.UNASSIGNED]
    contested = [
        r for r in report.rows if r.responsibility_status is ResponsibilityStatus.CONTESTED
    ]
    cut = [r for r in report.rows if Flag.CUT in r.flags]
    sections = [
        Section(
            sentence("title", lang, dataset=report.dataset, year=report.year),
            (
                sentence("as_of", lang, as_of=report.as_of.isoformat())
                + (
                    sentence("drafts", lang, drafts=", ".join(report.drafts))
                    if report.drafts
                    else ""
                ),
                sentence(
                    "summary",
                    lang,
                    year=report.year,
                    services=totals.services,
                    need=euros(totals.need, lang),
                    funded=euros(totals.funded, lang),
                    gap=euros(totals.gap, lang),
                ),
                sentence(
                    "findings",
                    lang,
                    blind=len(blind),
                    contested=len(contested),
                    lapsing=totals.by_flag.get("lapsing", 0),
                    months=report.horizon_months,
                    cut=len(cut),
                ),
                *_not_recorded(report, lang),
            ),
            _figures(report, lang),
        ),
        Section(
            sentence("largest", lang, count=min(LARGEST, len(report.rows))),
            table=_rows_table([r for r in report.rows if r.gap > 0][:LARGEST], registry, lang),
        ),
    ]
    for by in (GroupBy.COUNTY, GroupBy.MUNICIPALITY, GroupBy.CATEGORY):
        groups = aggregate(report, registry, by)
        sections.append(
            Section(sentence(f"by_{by.value}", lang), table=aggregates_table(groups, lang))
        )
    sections += [
        Section(
            sentence("blind", lang),
            (sentence("blind_text" if blind else "none", lang),),
            _rows_table(blind, registry, lang) if blind else None,
        ),
        Section(
            sentence("contested", lang),
            (sentence("contested_text" if contested else "none", lang),),
            _contested_table(contested, lang) if contested else None,
        ),
        _lapsing_section(report, registry, lang),
        Section(
            sentence("cuts", lang),
            _not_recorded(report, lang)
            if report.wholly_unrecorded
            else (*_not_recorded(report, lang), sentence("cuts_text" if cut else "none", lang)),
            _cuts_table(cut, lang) if cut else None,
        ),
        _missing_section(report, registry, lang),
    ]
    return sections


def _not_recorded(report: GapReport, lang: str) -> tuple[str, ...]:
    """The sentence that says the year's funding is not recorded yet, when it is not (SPEC §5)."""
    note = not_recorded_note(report, lang)
    return (note,) if note else ()


def _figures(report: GapReport, lang: str) -> Table:
    totals = report.totals
    rows = [
        (term("services", lang), str(totals.services)),
        (term("need", lang), euros(totals.need, lang)),
        (term("funded", lang), euros(totals.funded, lang)),
        (term("gap", lang), euros(totals.gap, lang)),
    ]
    rows += [(term(k, lang), str(v)) for k, v in totals.by_responsibility_status.items()]
    rows += [(term(k, lang), str(v)) for k, v in totals.by_funding_status.items()]
    rows += [(term(k, lang), str(v)) for k, v in totals.by_flag.items()]
    columns = (term("figure", lang), term("value", lang))
    return Table(columns, tuple(rows), keys=("figure", "value"), numeric=frozenset({columns[1]}))


def _places(row: GapRow, registry: Registry) -> str:
    return ", ".join(registry.municipalities[m].name_fi for m in row.municipalities)


def _rows_table(rows: list[GapRow], registry: Registry, lang: str) -> Table:
    keys = ("service", "name", "municipalities", "need", "gap", "responsibility", "funding")
    return Table(
        columns=tuple(term(k, lang) for k in keys),
        keys=keys,
        rows=tuple(
            (
                r.service.id,
                r.service.name,
                _places(r, registry),
                euros(r.need, lang),
                euros(r.gap, lang),
                term(r.responsibility_status.value, lang),
                term(r.funding_status.value, lang),
            )
            for r in rows
        ),
        numeric=frozenset({term("need", lang), term("gap", lang)}),
    )


def _contested_table(rows: list[GapRow], lang: str) -> Table:
    def conflicts(row: GapRow) -> str:
        """The agreements that conflict, or whose shares add up to over 100 %."""
        ids: set[str] = set()
        for segment in (s for p in row.portions for s in p.segments):
            if segment.status is ResponsibilityStatus.CONTESTED:
                ids.update(segment.also_in_force)
                ids.update([segment.agreement] if segment.agreement else [])
        return ", ".join(sorted(ids))

    keys = ("service", "name", "agreement", "need", "gap")
    return Table(
        columns=tuple(term(k, lang) for k in keys),
        keys=keys,
        rows=tuple(
            (r.service.id, r.service.name, conflicts(r), euros(r.need, lang), euros(r.gap, lang))
            for r in rows
        ),
        numeric=frozenset({term("need", lang), term("gap", lang)}),
    )


def _lapsing_section(report: GapReport, registry: Registry, lang: str) -> Section:
    lapsing = lapsing_agreements(report)
    if not lapsing:
        return Section(sentence("lapsing", lang), (sentence("lapsing_none", lang),))
    keys = ("agreement", "ends", "notice_deadline", "municipalities", "services")
    return Section(
        sentence("lapsing", lang),
        (
            sentence(
                "lapsing_text", lang, as_of=report.as_of.isoformat(), months=report.horizon_months
            ),
        ),
        Table(
            columns=tuple(term(k, lang) for k in keys),
            keys=keys,
            rows=tuple(
                (
                    a.agreement,
                    a.ends.isoformat(),
                    "—" if a.notice_deadline is None else a.notice_deadline.isoformat(),
                    ", ".join(
                        registry.municipalities[MunicipalityCode(m)].name_fi
                        for m in a.municipalities
                    ),
                    str(len(a.services)),
                )
                for a in lapsing
            ),
            numeric=frozenset({term("services", lang)}),
        ),
    )


def _cuts_table(rows: list[GapRow], lang: str) -> Table:
    keys = ("service", "party", "previous", "granted", "change")
    return Table(
        columns=tuple(term(k, lang) for k in keys),
        keys=keys,
        rows=tuple(
            (
                r.service.id,
                cut.party,
                euros(cut.previous, lang),
                euros(cut.granted, lang),
                format_share(cut.change_percent),
            )
            for r in rows
            for cut in r.cuts
        ),
        numeric=frozenset({term(k, lang) for k in ("previous", "granted", "change")}),
    )


def _missing_section(report: GapReport, registry: Registry, lang: str) -> Section:
    if not report.missing_agreements:
        return Section(sentence("missing", lang), (sentence("none", lang),))
    by_county: dict[str, list[str]] = defaultdict(list)
    for missing in report.missing_agreements:
        by_county[str(missing.county)].append(registry.municipalities[missing.municipality].name_fi)
    lines = [sentence("missing_text", lang, year=report.year)]
    lines += [
        f"{registry.counties[CountyCode(code)].short_fi}: {', '.join(names)}"
        for code, names in sorted(by_county.items())
    ]
    return Section(sentence("missing", lang), tuple(lines))


def report_text(
    report: GapReport, registry: Registry, *, markdown: bool = False, lang: str = "en"
) -> str:
    """The report as plain text, or as Markdown for a memo. Headings and sentences quote
    names from the data (the dataset's, the drafts'), so each is shown on its line and, in
    Markdown, escaped; tables are shown cell by cell by :func:`render`."""
    line = shown_in_markdown if markdown else shown
    out = []
    for index, section in enumerate(report_sections(report, registry, lang)):
        title = line(section.title)
        if markdown:
            out.append(("# " if index == 0 else "## ") + title)
        else:
            out.append(title)
            out.append(("=" if index == 0 else "-") * len(title))
        out.append("")
        for paragraph in map(line, section.text):  # Markdown needs a blank line between them
            out += [paragraph, ""] if markdown else [paragraph]
        if section.text and not markdown:
            out.append("")
        if section.table is not None and section.table.rows:
            out.append(render(section.table, "markdown" if markdown else "table").rstrip("\n"))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def report_dict(report: GapReport, registry: Registry) -> dict[str, Any]:
    """The report as JSON: the gaps contract (``fundgap.gaps/1``) and the report's sections."""
    document = report.to_dict()
    document["aggregates"] = {
        by.value: aggregate(report, registry, by).to_dict()["groups"]
        for by in (GroupBy.COUNTY, GroupBy.MUNICIPALITY, GroupBy.CATEGORY)
    }
    document["lapsing_agreements"] = [
        {
            "agreement": a.agreement,
            "ends": a.ends.isoformat(),
            "notice_deadline": None if a.notice_deadline is None else a.notice_deadline.isoformat(),
            "municipalities": list(a.municipalities),
            "services": list(a.services),
        }
        for a in lapsing_agreements(report)
    ]
    document["cuts"] = [
        {
            "service": r.service.id,
            "party": cut.party,
            "previous": format_amount(cut.previous),
            "granted": format_amount(cut.granted),
            "change_percent": format_share(cut.change_percent),
            "days": cut.days,
            "previous_days": cut.previous_days,
        }
        for r in report.rows
        for cut in r.cuts
    ]
    return document
