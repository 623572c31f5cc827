"""What each command of the CLI writes, as one library call each: the command's document
(:mod:`fundgap.reports`) written in a format by its renderer (:mod:`fundgap.render.formats`).
The CLI parses options, calls one of these, and prints or writes the text; a tool that embeds
fundgap can call them the same way, or take the typed document from :mod:`fundgap.reports` and
render it.

``lang`` is a language or locale name (``fi``, ``sv-FI``, ``fi_FI.UTF-8``) or None for
``FUNDGAP_LANG``, else the locale, else English (:func:`fundgap.i18n.choose_language`); an unknown
``fmt`` or ``lang`` raises :class:`~fundgap.errors.UsageError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fundgap.i18n.language import choose_language
from fundgap.render.formats import Style, renderer
from fundgap.reports import AnalysisOptions, PathLike, Warn, analysis_reads

__all__ = [
    "AnalysisOptions",
    "agreements_output",
    "analysis_reads",
    "check_output",
    "explain_output",
    "gaps_output",
    "new_agreement_output",
    "registry_output",
    "report_output",
    "rules_output",
    "schema_output",
    "validate_output",
]


def gaps_output(
    path: PathLike | None,
    options: AnalysisOptions = AnalysisOptions(),
    *,
    county: str | None = None,
    municipality: str | None = None,
    category: str | None = None,
    status: str | None = None,
    by: str | None = None,
    fmt: str = "table",
    csv_dialect: str = "rfc4180",
    lang: str | None = None,
    warn: Warn | None = None,
    width: int | None = None,
) -> str:
    """``fundgap gaps``: the rows (or, with ``by``, the groups) as table, CSV, JSON or
    Markdown, in ``lang``. JSON rows follow ``fundgap.gaps/1``; groups follow
    ``fundgap.aggregates/1``. ``warn`` gets the dataset's funder warnings (see
    :func:`fundgap.validation.funder_warnings`). A text table is fitted to ``width``
    characters (a terminal's), naming municipalities rather than giving their codes, as
    Markdown does; without it, nothing is wrapped. See :func:`fundgap.reports.gaps`."""
    from fundgap.reports import gaps

    write = renderer("gaps" if by is None else "groups", fmt)  # a wrong format before the work
    style = Style(choose_language(lang), width, csv_dialect)
    document = gaps(
        path,
        options,
        county=county,
        municipality=municipality,
        category=category,
        status=status,
        by=by,
        warn=warn,
    )
    return write(document, style)


def report_output(
    path: PathLike | None,
    options: AnalysisOptions = AnalysisOptions(),
    *,
    fmt: str = "text",
    lang: str | None = None,
    warn: Warn | None = None,
    width: int | None = None,
) -> str:
    """``fundgap report``: the year's report as text, Markdown or JSON; ``warn`` and
    ``width`` as for :func:`gaps_output`."""
    from fundgap.reports import year_report

    write = renderer("report", fmt)
    style = Style(choose_language(lang), width)
    return write(year_report(path, options, warn=warn), style)


def explain_output(
    service: str,
    path: PathLike | None,
    options: AnalysisOptions = AnalysisOptions(),
    *,
    fmt: str = "text",
    lang: str | None = None,
    warn: Warn | None = None,
) -> str:
    """``fundgap explain``: how every figure of one service's row was reached; ``warn`` as for
    :func:`gaps_output`."""
    from fundgap.reports import explained_row

    write = renderer("explain", fmt)
    style = Style(choose_language(lang))
    return write(explained_row(service, path, options, warn=warn), style)


def validate_output(path: PathLike | None, *, fmt: str = "text", lang: str | None = None) -> str:
    """``fundgap validate``: the summary of a dataset that loads, as text or JSON; its problems
    (a :class:`~fundgap.errors.DatasetError`) are written in ``lang`` by whoever shows them."""
    from fundgap.reports import dataset_summary

    write = renderer("validation", fmt)
    style = Style(choose_language(lang))
    return write(dataset_summary(path), style)


def registry_output(
    county: str | None = None,
    as_of: date | None = None,
    *,
    fmt: str = "table",
    lang: str | None = None,
    width: int | None = None,
) -> str:
    """``fundgap registry``: the organisers, or one county's municipalities, on a day, with
    headings and the county's name in ``lang``; ``width`` as for :func:`gaps_output`."""
    from fundgap.reports import registry_listing

    write = renderer("registry", fmt)
    style = Style(choose_language(lang), width)
    return write(registry_listing(county, as_of), style)


def schema_output(file_kind: str = "agreement", *, fmt: str = "json") -> str:
    """``fundgap schema``: the JSON Schema of a TOML file of ``file_kind``, as JSON text; its
    words are English whatever the language (as JSON's keys are)."""
    from fundgap.reports import file_schema

    write = renderer("schema", fmt)
    return write(file_schema(file_kind), Style())


def new_agreement_output(
    county: str,
    municipalities: tuple[str, ...] | list[str],
    *,
    valid_from: date | None = None,
    valid_until: date | None = None,
    title: str | None = None,
    lang: str | None = None,
    today: date | None = None,
) -> str:
    """``fundgap new-agreement``: the TOML template of a draft agreement, its comments in
    ``lang``, with every grey-zone category as a commented-out clause; see
    :func:`fundgap.agreement_template.new_agreement` for the parties and the period (by
    default the calendar year after ``today``). Write it with
    :func:`fundgap.render.output.write_new`, which never overwrites a file."""
    from fundgap.reports import new_agreement

    write = renderer("template", "toml")
    style = Style(choose_language(lang))
    document = new_agreement(
        county,
        municipalities,
        valid_from=valid_from,
        valid_until=valid_until,
        title=title,
        today=today,
    )
    return write(document, style)


def agreements_output(
    path: PathLike | None,
    *,
    county: str | None = None,
    municipality: str | None = None,
    status: str | None = None,
    as_of: date | None = None,
    fmt: str = "table",
    csv_dialect: str = "rfc4180",
    lang: str | None = None,
    width: int | None = None,
) -> str:
    """``fundgap agreements``: the agreement register as tables, CSV (the agreements), JSON
    (``fundgap.agreements/1``) or Markdown, in ``lang``; ``width`` as for :func:`gaps_output`.
    See :func:`fundgap.reports.agreement_register`."""
    from fundgap.reports import agreement_register

    write = renderer("agreements", fmt)
    style = Style(choose_language(lang), width, csv_dialect)
    document = agreement_register(
        path, county=county, municipality=municipality, status=status, as_of=as_of
    )
    return write(document, style)


def check_output(
    drafts: Sequence[PathLike],
    dataset: PathLike | None = None,
    *,
    year: int | None = None,
    as_of: date | None = None,
    fail_on: str = "error",
    fmt: str = "text",
    lang: str | None = None,
    width: int | None = None,
) -> tuple[str, int]:
    """``fundgap check``: the findings of every draft rule on ``drafts`` as text, JSON
    (``fundgap.check/1``) or Markdown in ``lang``, and the exit status: 0 when nothing at or
    above ``fail_on`` was found, 1 when something was (SPEC §6). See
    :func:`fundgap.reports.draft_check`."""
    from fundgap.reports import draft_check

    write = renderer("check", fmt)
    style = Style(choose_language(lang), width)
    document = draft_check(drafts, dataset, year=year, as_of=as_of, fail_on=fail_on)
    return write(document, style), document.exit_code


def rules_output(
    code: str | None = None, *, fmt: str = "text", lang: str | None = None, width: int | None = None
) -> str:
    """``fundgap rules``: the draft rules as a table, or with ``code`` one rule explained, as
    text, Markdown or JSON in ``lang``. See :func:`fundgap.reports.rule_listing`."""
    from fundgap.reports import rule_listing

    write = renderer("rules", fmt)
    return write(rule_listing(code), Style(choose_language(lang), width))
