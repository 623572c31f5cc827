"""``fundgap check`` for people: text grouped by severity with counts, as a compiler writes,
and Markdown as a review memo a negotiator can send. Every word comes from the catalogue;
messages, ids and names from the drafts are shown, never obeyed (:mod:`fundgap.shown`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from fundgap.i18n.labels import RESPONSIBILITY, party_name
from fundgap.i18n.message import Euros, Message, Quoted, label, listing, message, plural
from fundgap.i18n.translation import translate
from fundgap.registry import Registry
from fundgap.render.table import Table, render
from fundgap.rules import Finding, Severity
from fundgap.rules.consequences import Consequences, ServiceChange
from fundgap.shown import shown, shown_in_markdown

if TYPE_CHECKING:
    from fundgap.checking import CheckedDraft, DraftCheck
    from fundgap.render.formats import Style


def severity_count(severity: Severity, count: int) -> Message:
    """``2 errors``, ``1 warning``, ``0 notes``."""
    match severity:
        case Severity.ERROR:
            return plural("{count} error", "{count} errors", count)
        case Severity.WARNING:
            return plural("{count} warning", "{count} warnings", count)
        case Severity.INFO:
            return plural("{count} note", "{count} notes", count)


SEVERITIES: Mapping[Severity, Message] = {
    Severity.ERROR: label("severity", "error"),
    Severity.WARNING: label("severity", "warning"),
    Severity.INFO: label("severity", "info"),
}


def summary(document: DraftCheck) -> Message:
    """``Checked 1 draft: 2 errors, 1 warning and 0 notes.``"""
    counts = document.counts()
    return message(
        "Checked {drafts}: {counts}.",
        drafts=plural("{count} draft", "{count} drafts", len(document.drafts)),
        counts=listing(severity_count(s, n) for s, n in counts.items()),
    )


def finding_line(finding: Finding, lang: str) -> str:
    """``file:line: key: what is wrong; expected … [FG102 shares-not-100]`` on one line."""
    rule = f"{finding.code} {finding.name}"
    if finding.expected is None:
        words = message(
            "{where}: {problem} [{rule}]",
            where=finding.location.text(lang),
            problem=finding.message,
            rule=rule,
        )
    else:
        words = message(
            "{where}: {problem}; expected {expected} [{rule}]",
            where=finding.location.text(lang),
            problem=finding.message,
            expected=finding.expected,
            rule=rule,
        )
    return shown(translate(words, lang))


def consequences_table(effect: Consequences, registry: Registry) -> Table:
    """Each party's expected contribution in the year before and after, and the change."""
    return Table(
        (
            label("column", "party"),
            label("column", "expected before"),
            label("column", "expected after"),
            label("column", "change"),
        ),
        tuple(
            (
                party_name(registry, p.party),
                Euros(p.before),
                Euros(p.after),
                Euros(p.change),
            )
            for p in effect.parties
        ),
        keys=("party", "before", "after", "change"),
    )


def service_lists(
    effect: Consequences,
) -> list[tuple[Message, tuple[ServiceChange, ...], bool]]:
    """The services that become unassigned, stay so, or stop being so: each list's heading,
    its services, and whether their statuses change; only the lists that have services."""
    lists = [
        (message("Services that would become unassigned"), effect.become_unassigned, True),
        (message("Services that stay unassigned"), effect.stay_unassigned, False),
        (message("Services that would no longer be unassigned"), effect.become_covered, True),
    ]
    return [(heading, changes, statuses) for heading, changes, statuses in lists if changes]


def _services(changes: Iterable[ServiceChange], *, statuses: bool = True) -> Message:
    """The services by name; with ``statuses``, each with its status before and after."""
    return message(
        "{services}",
        services=listing(
            (
                message(
                    "{name} ({before} → {after})",
                    name=Quoted(c.name),
                    before=RESPONSIBILITY[c.before],
                    after=RESPONSIBILITY[c.after],
                )
                if statuses
                else Quoted(c.name)
                for c in changes
            ),
            "unit",
        ),
    )


def _effect_heading(document: DraftCheck, effect: Consequences) -> Message:
    return message(
        "What signing would mean in {year} ({dataset})",
        year=str(effect.year),
        dataset=document.dataset or "",
    )


def as_text(document: DraftCheck, style: Style) -> str:
    """The findings grouped by severity, worst first, each group with its count; with a
    dataset, what signing would mean; and a last line with the counts."""
    lang = style.lang
    out: list[str] = []
    for severity in Severity:
        found = [f for f in document.findings if f.severity is severity]
        if found:
            out.append(translate(severity_count(severity, len(found)), lang) + ":")
            out += [f"  {finding_line(f, lang)}" for f in found]
            out.append("")
    effect = document.consequences
    if effect is not None:
        out.append(shown(translate(_effect_heading(document, effect), lang)) + ":")
        table = consequences_table(effect, document.registry)
        out += ["  " + line for line in render(table, "table", lang=lang).splitlines()]
        for heading, changes, statuses in service_lists(effect):
            services = translate(_services(changes, statuses=statuses), lang)
            out.append(shown(f"  {translate(heading, lang)}: {services}"))
        out.append("")
    out.append(translate(summary(document), lang))
    return "\n".join(out) + "\n"


def _draft_heading(draft: CheckedDraft) -> Message:
    return message("Draft {agreement} ({file})", agreement=Quoted(draft.agreement), file=draft.file)


def as_markdown(document: DraftCheck, style: Style) -> str:
    """A review memo: the counts, then per draft its findings as tables by severity, and with
    a dataset what signing would mean for each party and service."""
    lang = style.lang
    out = [
        "# " + translate(message("Review of the draft agreement"), lang),
        "",
        shown_in_markdown(translate(summary(document), lang)),
        "",
    ]
    if document.dataset is not None:
        note = message("Checked against the dataset {dataset}.", dataset=document.dataset)
        out += [shown_in_markdown(translate(note, lang)), ""]
    for draft in document.drafts:
        out += ["## " + shown_in_markdown(translate(_draft_heading(draft), lang)), ""]
        if not draft.findings:
            out += [translate(message("Nothing to report."), lang), ""]
        for severity in Severity:
            found = [f for f in draft.findings if f.severity is severity]
            if not found:
                continue
            out += ["### " + translate(severity_count(severity, len(found)), lang), ""]
            out += [render(_findings_table(found), "markdown", lang=lang).rstrip("\n"), ""]
    effect = document.consequences
    if effect is not None:
        out += ["## " + shown_in_markdown(translate(_effect_heading(document, effect), lang)), ""]
        table = consequences_table(effect, document.registry)
        out += [render(table, "markdown", lang=lang).rstrip("\n"), ""]
        for heading, changes, statuses in service_lists(effect):
            out += ["### " + translate(heading, lang), ""]
            out += [
                "- " + shown_in_markdown(translate(_services((c,), statuses=statuses), lang))
                for c in changes
            ]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _findings_table(findings: list[Finding]) -> Table:
    return Table(
        (
            label("column", "rule"),
            label("column", "where"),
            label("column", "finding"),
            label("finding column", "expected"),
        ),
        tuple(
            (
                f"{f.code} {f.name}",
                f.location.path
                if f.location.line is None
                else message(
                    "line {line}: {path}", line=str(f.location.line), path=f.location.path
                ),
                f.message,
                f.expected if f.expected is not None else "",
            )
            for f in findings
        ),
        keys=("rule", "where", "finding", "expected"),
    )
