"""The table of renderers is the one place formats are listed: every renderer it names exists,
the command line offers exactly its formats, and a document renders the same from the library
as from the command."""

from __future__ import annotations

import click
import pytest

from fundgap.analysis.selection import GROUPINGS
from fundgap.commands import gaps_output, report_output
from fundgap.errors import UsageError
from fundgap.loading import example_path
from fundgap.render.formats import RENDERERS, Style, formats, render, renderer
from fundgap.reports import AnalysisOptions, gaps, year_report
from fundgap_cli import cli

COMMANDS = {"gaps": "gaps", "report": "report", "explain": "explain"}
COMMANDS |= {"validate": "validation", "registry": "registry"}
COMMANDS |= {"agreements": "agreements"}
OPTIONS = AnalysisOptions(year=2025)


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k in RENDERERS for f in RENDERERS[k]])
def test_every_renderer_in_the_table_exists(kind: str, fmt: str) -> None:
    assert callable(renderer(kind, fmt))


@pytest.mark.parametrize(("command", "kind"), COMMANDS.items())
def test_the_command_line_offers_the_formats_of_the_table(command: str, kind: str) -> None:
    group = cli
    assert isinstance(group, click.Group)
    option = next(p for p in group.commands[command].params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == formats(kind)
    assert option.default == formats(kind)[0]


def test_gaps_by_offers_every_grouping() -> None:
    group = cli
    assert isinstance(group, click.Group)
    option = next(p for p in group.commands["gaps"].params if p.name == "by")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == GROUPINGS


def test_gaps_and_its_groups_share_their_formats() -> None:
    assert formats("gaps") == formats("groups")


def test_an_unknown_format_names_the_formats_there_are() -> None:
    with pytest.raises(UsageError) as caught:
        report_output(example_path(), OPTIONS, fmt="html")
    assert (
        str(caught.value) == "unknown format 'html'; expected one of 'text', 'markdown', or 'json'"
    )
    assert caught.value.text("fi").startswith("muoto: 'html'")


@pytest.mark.parametrize("fmt", formats("gaps"))
def test_a_document_renders_as_the_command_writes_it(fmt: str) -> None:
    document = gaps(example_path(), OPTIONS, county="Kainuu")
    style = Style(lang="sv")
    expected = gaps_output(example_path(), OPTIONS, county="Kainuu", fmt=fmt, lang="sv")
    assert render(document, fmt, style) == expected


def test_a_report_renders_in_each_language() -> None:
    document = year_report(example_path(), OPTIONS)
    titles = {
        lang: render(document, "markdown", Style(lang=lang)).splitlines()[0]
        for lang in ["fi", "sv", "en"]
    }
    assert titles["fi"].startswith("# fundgap-raportti: ")
    assert titles["sv"].startswith("# fundgap-rapport: ")
    assert titles["en"].startswith("# fundgap report: ")


def test_a_style_needs_a_language_fundgap_speaks() -> None:
    with pytest.raises(UsageError, match="unknown language 'de'"):
        Style(lang="de")


@pytest.mark.parametrize("given", ["FI", "fi_FI.UTF-8", "fi-FI"])
def test_a_language_is_read_one_way_everywhere(given: str) -> None:
    from fundgap.errors import Location, Problem
    from fundgap.i18n import Names, listing, message, translate

    assert Style(lang=given).lang == "fi"
    words = message("{places}", places=listing([Names("Kajaani", "Kajana"), "Sotkamo"], "or"))
    assert translate(words, given) == "Kajaani tai Sotkamo"
    assert Problem(Location("a.toml"), words).text(given) == "a.toml: Kajaani tai Sotkamo"


@pytest.mark.parametrize("given", ["xx", "de", ""])
def test_a_language_fundgap_does_not_speak_is_refused_by_the_library(given: str) -> None:
    from fundgap.i18n import message, translate

    with pytest.raises(UsageError, match="unknown language"):
        translate(message("x"), given)


def test_a_style_without_a_language_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNDGAP_LANG", "sv-FI")
    assert Style(lang=None).lang == "sv"


def test_a_report_with_no_finding_says_so_in_one_sentence() -> None:
    document = year_report(example_path() / "helsinki", AnalysisOptions(year=2024))
    text = render(document, "text", Style(lang="fi"))
    assert "0 palvelua" not in text
    assert (
        "Yksikään palvelu ei ole katvealueella eikä sen vastuu ole ristiriitainen, yksikään ei "
        "riipu sopimuksesta, joka päättyy 12 kuukauden kuluessa, eikä yhdenkään rahoitusta ole "
        "leikattu."
    ) in text
