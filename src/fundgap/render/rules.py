"""``fundgap rules``: the draft rules as a table, one rule explained in full, Markdown (the
reference ``docs/rules.md`` is this, in English) and JSON. A rule's example and fix are shown
as the example draft and the lines the fix changes (a unified diff), so the mistake stands
out."""

from __future__ import annotations

import difflib
import json
import textwrap
from typing import TYPE_CHECKING

from fundgap.i18n.message import Message, label, message
from fundgap.i18n.translation import translate
from fundgap.render.check import SEVERITIES
from fundgap.render.table import Table, render
from fundgap.rules import Rule

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import RuleListing

EXAMPLE_DATASET = "examples/pirkanmaa"


def rules_table(rules: tuple[Rule, ...]) -> Table:
    return Table(
        (
            label("column", "code"),
            label("column", "name"),
            label("column", "severity"),
            label("column", "what it finds"),
        ),
        tuple((r.code, r.name, SEVERITIES[r.severity], r.summary) for r in rules),
        keys=("code", "name", "severity", "summary"),
    )


def fix(rule: Rule) -> str:
    """The lines that the fix changes in the example, as a unified diff."""
    lines = difflib.unified_diff(
        rule.example.splitlines(), rule.fixed.splitlines(), "example.toml", "fixed.toml", n=1
    )
    return "\n".join(line.rstrip() for line in lines)


def _sections(rule: Rule) -> tuple[tuple[Message, Message], ...]:
    return (
        (label("rule section", "What it checks"), rule.checks),
        (label("rule section", "Why it matters"), rule.why),
        (label("rule section", "What to write instead"), rule.instead),
    )


def _heading(rule: Rule) -> Message:
    return message(
        "{code} {name} ({severity})",
        code=rule.code,
        name=rule.name,
        severity=SEVERITIES[rule.severity],
    )


def _example_note() -> Message:
    return message(
        "Checked against the example dataset {dataset} that ships with fundgap:",
        dataset=EXAMPLE_DATASET,
    )


def explained(rule: Rule, lang: str, width: int | None) -> str:
    """One rule in full, as text for a terminal."""
    wrap = width or 100
    out = [translate(_heading(rule), lang), translate(rule.summary, lang), ""]
    for title, words in _sections(rule):
        out.append(translate(title, lang))
        out += textwrap.wrap(
            translate(words, lang), wrap, initial_indent="  ", subsequent_indent="  "
        )
        out.append("")
    out.append(translate(label("rule section", "Example"), lang))
    out += textwrap.wrap(
        translate(_example_note(), lang), wrap, initial_indent="  ", subsequent_indent="  "
    )
    out += ["    " + line for line in rule.example.splitlines()]
    out.append("")
    out.append(translate(label("rule section", "The fix"), lang))
    out += ["    " + line for line in fix(rule).splitlines()]
    return "\n".join(out) + "\n"


def as_text(document: RuleListing, style: Style) -> str:
    """The rules as a table, or the one rule asked for in full."""
    if document.one:
        return explained(document.rules[0], style.lang, style.width)
    return render(rules_table(document.rules), "table", lang=style.lang, width=style.width)


def as_markdown(document: RuleListing, style: Style) -> str:
    """The rule reference: the table of rules, then each rule in full."""
    lang = style.lang
    out = [
        "# " + translate(message("Draft rules"), lang),
        "",
        translate(
            message(
                "fundgap check runs these rules on a draft agreement. This reference is written "
                "from the rules themselves (fundgap rules --format markdown); each example is a "
                "test of its rule."
            ),
            lang,
        ),
        "",
    ]
    if not document.one:
        out += [render(rules_table(document.rules), "markdown", lang=lang).rstrip("\n"), ""]
    for rule in document.rules:
        out += [f"## {translate(_heading(rule), lang)}", "", translate(rule.summary, lang), ""]
        for title, words in _sections(rule):
            out += [f"### {translate(title, lang)}", "", translate(words, lang), ""]
        out += [f"### {translate(label('rule section', 'Example'), lang)}", ""]
        out += [
            translate(_example_note(), lang),
            "",
            "```toml",
            rule.example.rstrip("\n"),
            "```",
            "",
        ]
        out += [f"### {translate(label('rule section', 'The fix'), lang)}", ""]
        out += ["```diff", fix(rule), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def as_json(document: RuleListing, style: Style) -> str:
    """The rules as JSON: code, name, severity and the texts in English, example and fix."""
    items = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "summary": str(r.summary),
            "checks": str(r.checks),
            "why": str(r.why),
            "instead": str(r.instead),
            "example": r.example,
            "fixed": r.fixed,
        }
        for r in document.rules
    ]
    return (
        json.dumps({"schema": "fundgap.rules/1", "rules": items}, indent=2, ensure_ascii=False)
        + "\n"
    )
