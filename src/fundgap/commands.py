"""What each command of the CLI produces, as one library call each: load, analyse, select,
render. The CLI parses options, calls one of these, and prints or writes the text; a tool
that embeds fundgap can call them the same way."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from fundgap._gc import collector_paused
from fundgap.analysis import GapReport, GapRow, analyse
from fundgap.analysis.explanation import explain
from fundgap.analysis.selection import aggregate, find_category, select
from fundgap.errors import Location, Problem, UsageError
from fundgap.i18n.language import choose_language
from fundgap.i18n.message import Quoted, label, listing, message, quoted
from fundgap.i18n.translation import translate
from fundgap.loading import load, load_draft, would_read
from fundgap.loading._reading import shown_path
from fundgap.model import Dataset
from fundgap.registry import registry_file
from fundgap.render.output import Reads
from fundgap.shown import escaped_in_json, shown, shown_in_markdown

PathLike = str | os.PathLike[str]
# Called with each data-quality warning that would make the figures misleading: a funder that
# looks public but matches no municipality or county, a year whose funding is not recorded
# yet. The CLI prints them on stderr.
Warn = Callable[[Problem], None]

GAPS_FORMATS = ("table", "csv", "json", "markdown")
REPORT_FORMATS = ("text", "markdown", "json")
EXPLAIN_FORMATS = ("text", "json")
GROUPS = ("county", "municipality", "category", "zone", "funder", "status")


@attrs.frozen
class AnalysisOptions:
    """What every analysing command shares: the year, the as-of day, the horizon, drafts."""

    year: int | None = None
    as_of: date | None = None
    horizon_months: int = 12
    drafts: tuple[PathLike, ...] = ()


def analysis_reads(path: PathLike | None, options: AnalysisOptions = AnalysisOptions()) -> Reads:
    """What an analysing command (``gaps``, ``report``, ``explain``) reads, as the ``reads`` of
    :func:`fundgap.render.output.write_atomic`, so that its output never replaces its own input: the
    dataset or collection at ``path`` (its files, and where loading it would read a new file;
    see :func:`fundgap.loading.would_read`), the drafts of ``options`` and the registry."""
    files = [Path(draft) for draft in options.drafts]
    files.append(registry_file())

    def reads(target: Path) -> Path | None:
        for file in files:
            if file.exists() and target.exists() and target.samefile(file):
                return file
        return would_read(target, path)

    return reads


def _analysed(dataset: Dataset, options: AnalysisOptions) -> GapReport:
    drafts = [load_draft(path, dataset) for path in options.drafts]
    return analyse(
        dataset,
        year=options.year,
        as_of=options.as_of,
        drafts=drafts,
        horizon_months=options.horizon_months,
    )


def _loaded(path: PathLike | None, warn: Warn | None) -> Dataset:
    """The dataset at ``path``; each funder whose money counts in no party's share though its
    name looks public goes to ``warn``, since every figure of the analysis leaves it out."""
    dataset = load(path)
    if warn is not None:
        from fundgap.validation import funder_warnings

        for problem in funder_warnings(dataset):
            warn(problem)
    return dataset


def _note_unrecorded(
    report: GapReport, dataset: Dataset, warn: Warn | None, row: GapRow | None = None
) -> None:
    """Tell ``warn`` when a dataset (of ``row``, when given) records no funding decision for the
    year (SPEC §5): no cut can be seen there, whatever the format (CSV included)."""
    from fundgap.render.gaps import not_recorded_note

    if warn is not None and (note := not_recorded_note(report, row)) is not None:
        warn(Problem(Location(shown_path(Path(dataset.root).absolute(), Path.cwd())), note))


def _json(document: Callable[[], dict[str, Any]]) -> str:
    """The JSON of ``document()``: indented, but each row (or group) on a line of its own, so
    that output diffs line by line and a national dataset is written by the json module's
    fast encoder (``indent`` makes it use the slow one). Text keeps every character; those that
    act on a terminal are written as JSON escapes (:func:`fundgap.shown.escaped_in_json`)."""
    with collector_paused():
        data = document()
        lists = {key: data[key] for key in ("rows", "groups") if isinstance(data.get(key), list)}
        marker = "\0{}\0"
        shell = {key: marker.format(key) if key in lists else value for key, value in data.items()}
        text = json.dumps(shell, indent=2, ensure_ascii=False)
        for key, items in lists.items():
            lines = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
            text = text.replace(
                json.dumps(marker.format(key)), f"[\n    {lines}\n  ]" if items else "[]"
            )
        return escaped_in_json(text) + "\n"


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
    Markdown does; without it, nothing is wrapped."""
    from fundgap.render.gaps import aggregates_table, gaps_table, not_recorded_note
    from fundgap.render.table import render

    _check(fmt, GAPS_FORMATS, "format")
    lang = choose_language(lang)
    dataset = _loaded(path, warn)
    if category is not None:
        category = find_category(category, dataset.categories)
    report = select(
        _analysed(dataset, options),
        dataset.registry,
        county=county,
        municipality=municipality,
        category=category,
        status=status,
    )
    _note_unrecorded(report, dataset, warn)
    if by is not None:
        _check(by, GROUPS, "grouping")
        groups = aggregate(report, dataset.registry, by)
        if fmt == "json":
            return _json(groups.to_dict)
        table = aggregates_table(groups, dataset.registry, dataset.categories)
    elif fmt == "json":
        return _json(report.to_dict)
    else:
        # codes for a spreadsheet or a pipe; names for a memo (Markdown) and a terminal
        codes = fmt == "csv" or (fmt == "table" and width is None)
        table = gaps_table(report, dataset.registry, codes=codes)
    text = render(table, fmt, csv_dialect=csv_dialect, lang=lang, width=width)
    if fmt in ("table", "markdown") and (note := not_recorded_note(report)) is not None:
        words = translate(note, lang)
        text += "\n" + (shown_in_markdown if fmt == "markdown" else shown)(words) + "\n"
    return text


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
    from fundgap.render.report import report_dict, report_text

    _check(fmt, REPORT_FORMATS, "format")
    lang = choose_language(lang)
    dataset = _loaded(path, warn)
    report = _analysed(dataset, options)
    _note_unrecorded(report, dataset, warn)
    if fmt == "json":
        return _json(lambda: report_dict(report, dataset.registry))
    markdown = fmt == "markdown"
    return report_text(
        report, dataset.registry, markdown=markdown, lang=lang, width=None if markdown else width
    )


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
    from fundgap.render.explain import explanation_text

    _check(fmt, EXPLAIN_FORMATS, "format")
    lang = choose_language(lang)
    dataset = _loaded(path, warn)
    drafts = [load_draft(p, dataset) for p in options.drafts]
    explanation = explain(
        dataset,
        service,
        year=options.year,
        as_of=options.as_of,
        drafts=drafts,
        horizon_months=options.horizon_months,
    )
    _note_unrecorded(explanation.report, dataset, warn, explanation.row)
    if fmt == "json":
        return _json(explanation.to_dict)
    return explanation_text(explanation, dataset.registry, lang)


def validate_output(path: PathLike | None, *, fmt: str = "text", lang: str | None = None) -> str:
    """``fundgap validate``: the summary of a dataset that loads, as text or JSON; its problems
    (a :class:`~fundgap.errors.DatasetError`) are written in ``lang`` by whoever shows them."""
    from fundgap.render.validation import summary_text
    from fundgap.validation import validate

    _check(fmt, ("text", "json"), "format")
    lang = choose_language(lang)
    dataset = load(path)
    summary = validate(dataset)
    if fmt == "json":
        return _json(summary.to_dict)
    return summary_text(summary, dataset.categories, dataset.registry, lang)


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
    from fundgap.registry import load_registry
    from fundgap.render.registry import registry_table
    from fundgap.render.table import render

    _check(fmt, GAPS_FORMATS, "format")
    lang = choose_language(lang)
    return render(registry_table(load_registry(), county, as_of), fmt, lang=lang, width=width)


def _check(value: str, allowed: Sequence[str], what: str) -> None:
    if value not in allowed:
        kind = {
            "format": label("option", "format"),
            "grouping": label("option", "grouping"),
        }[what]
        raise UsageError(
            message(
                "unknown {what} {value}; expected one of {allowed}",
                what=kind,
                value=Quoted(value),
                allowed=listing(quoted(allowed), "or"),
            )
        )
