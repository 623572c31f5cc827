"""The validation summary as text a person reads in a terminal, in their language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fundgap.categories import Categories
from fundgap.i18n.labels import AGREEMENT_STATUSES, FUNDER_KINDS, ZONES, category_name, county_name
from fundgap.i18n.message import Euros, Listing, Message, Number, label, listing, message, plural
from fundgap.i18n.translation import translate, written
from fundgap.registry import Registry
from fundgap.render.table import Table, render
from fundgap.shown import shown
from fundgap.validation import ValidationSummary

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import DatasetSummary


def summary_text(
    summary: ValidationSummary, categories: Categories, registry: Registry, lang: str = "en"
) -> str:
    """The counts, the services per category, and the warnings, one per line, in ``lang``."""

    def counts(by: dict[str, int], names: dict[str, Message]) -> Listing:
        return listing(
            (
                message("{name} {count}", name=names.get(key, key), count=Number(n))
                for key, n in by.items()
            ),
            "unit",
        )

    statuses = {s.value: words for s, words in AGREEMENT_STATUSES.items()}
    zones = {z.value: words for z, words in ZONES.items()}
    kinds = {k.value: words for k, words in FUNDER_KINDS.items()}
    years: Message | str = (
        label("years", "none")
        if summary.years is None
        else "–".join(str(y) for y in sorted(set(summary.years)))
    )
    # each line: a heading, a number, and what the number is made of
    lines: list[tuple[Message, Number | Message | str, Listing | Message | None]] = [
        (
            label("summary", "Agreements"),
            Number(summary.agreements),
            counts(summary.agreements_by_status, statuses),
        ),
        (
            label("summary", "Services"),
            Number(summary.services),
            counts(summary.services_by_zone, zones),
        ),
        (label("summary", "Organisations"), Number(summary.organisations), None),
        (
            label("summary", "Funding"),
            Number(summary.funding_decisions),
            plural(
                "decision, {amount} in all ({funders})",
                "decisions, {amount} in all ({funders})",
                summary.funding_decisions,
                amount=Euros(summary.funding_total),
                funders=counts(summary.funding_by_funder, kinds),
            ),
        ),
        (
            label("summary", "Municipalities"),
            Number(len(summary.municipalities)),
            plural(
                "in {count} county ({counties})",
                "in {count} counties ({counties})",
                len(summary.counties),
                counties=listing((county_name(registry, c) for c in summary.counties), "unit"),
            ),
        ),
        (label("summary", "Years"), years, None),
    ]
    words = [
        (translate(head, lang), _written(n, lang), _written(rest, lang)) for head, n, rest in lines
    ]
    head_width = max(len(head) for head, _, _ in words) + 2
    number_width = max(5, *(len(n) for _, n, _ in words[:-1]))  # the years may stick out
    text = [
        f"{head:<{head_width}}{n:>{number_width}}" + (f"   {rest}" if rest else "")
        for head, n, rest in words
    ]
    heading = plural(
        "Dataset: {dataset} ({count} dataset)",
        "Dataset: {dataset} ({count} datasets)",
        len(summary.parts),
        dataset=summary.dataset,
    )
    rows = tuple(
        (key, category_name(categories[key]), ZONES[categories[key].zone], count)
        for key, count in summary.services_by_category.items()
    )
    table = Table(
        (
            label("column", "category"),
            label("column", "label"),
            label("column", "zone"),
            label("column", "services"),
        ),
        rows,
    )
    if summary.warnings:
        after = [
            translate(plural("{count} warning:", "{count} warnings:", len(summary.warnings)), lang),
            *(f"  {w.text(lang)}" for w in summary.warnings),
        ]
    else:
        after = [translate(message("No warnings."), lang)]
    # the lines quote the data (the dataset's name, the funders), and so do the warnings,
    # which a Problem shows itself; the table shows its cells
    head_lines = [translate(heading, lang), "", *text, ""]
    return "\n".join([*map(shown, head_lines), render(table, "table", lang=lang), *after]) + "\n"


def _written(value: Listing | Message | Number | str | None, lang: str) -> str:
    return "" if value is None else written(value, lang)


def as_text(document: DatasetSummary, style: Style) -> str:
    """``fundgap validate`` as plain text."""
    dataset = document.dataset
    return summary_text(document.summary, dataset.categories, dataset.registry, style.lang)
