"""The validation summary as text a person reads in a terminal."""

from __future__ import annotations

from fundgap.categories import Categories
from fundgap.money import format_euros
from fundgap.shown import shown
from fundgap.tables import Table, render
from fundgap.validation import ValidationSummary


def summary_text(summary: ValidationSummary, categories: Categories) -> str:
    """The counts, the services per category, and the warnings, one per line."""

    def counts(by: dict[str, int]) -> str:
        return ", ".join(f"{key} {count}" for key, count in by.items())

    years = (
        "none" if summary.years is None else "–".join(str(y) for y in sorted(set(summary.years)))
    )
    part_word = "dataset" if len(summary.parts) == 1 else "datasets"
    lines = [
        f"Dataset: {summary.dataset} ({len(summary.parts)} {part_word})",
        "",
        f"Agreements      {summary.agreements:>5}   {counts(summary.agreements_by_status)}",
        f"Services        {summary.services:>5}   {counts(summary.services_by_zone)}",
        f"Organisations   {summary.organisations:>5}",
        f"Funding         {summary.funding_decisions:>5}   decisions, "
        f"{format_euros(summary.funding_total)} € in all ({counts(summary.funding_by_funder)})",
        f"Municipalities  {len(summary.municipalities):>5}   in {len(summary.counties)} counties "
        f"({', '.join(str(c) for c in summary.counties)})",
        f"Years           {years:>5}",
        "",
    ]
    rows = tuple(
        (key, categories[key].label_en, categories[key].zone.value, str(count))
        for key, count in summary.services_by_category.items()
    )
    table = Table(("category", "label", "zone", "services"), rows, numeric=frozenset({"services"}))
    if summary.warnings:
        word = "warning" if len(summary.warnings) == 1 else "warnings"
        after = [f"{len(summary.warnings)} {word}:", *(f"  {w}" for w in summary.warnings)]
    else:
        after = ["No warnings."]
    # the lines quote the data (the dataset's name, the funders), and so do the warnings,
    # which a Problem shows itself; the table shows its cells
    return "\n".join([*map(shown, lines), render(table, "table"), *after]) + "\n"
