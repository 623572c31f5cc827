"""The command line in the language of the run: fundgap's own messages, and click's (usage
errors, help headings), which fundgap translates too since a user cannot tell them apart."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from fundgap_cli.click_language import LOCALE_DIR, language_asked
from tests.conftest import fundgap_process


def _environment(**variables: str) -> dict[str, str]:
    """This environment without any language setting, and with ``variables``."""
    names = ("FUNDGAP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    kept = {key: value for key, value in os.environ.items() if key not in names}
    return {**kept, **variables}


@pytest.mark.parametrize(
    ("arguments", "environment", "line"),
    [
        (
            ["gaps", "--year", "3000", "--lang", "fi"],
            {},
            "Virhe: Virheellinen arvo kohdassa '--year': 3000 ei ole välillä 2000<=x<=2100.",
        ),
        (["gaps", "--bogus"], {"FUNDGAP_LANG": "sv"}, "Fel: Alternativet '--bogus' finns inte."),
        (["gaps", "--bogus"], {"LANG": "fi_FI.UTF-8"}, "Virhe: Valitsinta '--bogus' ei ole."),
        (
            ["gaps", "--bogus", "--lang=en"],
            {"LANG": "fi_FI.UTF-8"},
            "Error: No such option '--bogus'.",
        ),
    ],
)
def test_clicks_usage_errors_are_in_the_language_of_the_run(
    arguments: list[str], environment: dict[str, str], line: str
) -> None:
    result = fundgap_process(*arguments, env=_environment(**environment))

    assert result.returncode == 2
    assert line in result.stderr.splitlines()


def test_the_help_headings_are_in_the_language_of_the_run() -> None:
    result = fundgap_process("gaps", "--help", "--lang", "sv", env=_environment())

    assert result.returncode == 0
    assert result.stdout.startswith("Användning: fundgap gaps [OPTIONS] [DATASET]")
    assert "\nAlternativ:\n" in result.stdout


def test_a_language_fundgap_does_not_speak_leaves_click_in_english_and_is_refused() -> None:
    result = fundgap_process("gaps", "--lang", "de", env=_environment())

    assert result.returncode == 2
    assert "unknown language 'de'" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "asked"),
    [
        (["gaps", "--lang", "fi"], "fi"),
        (["gaps", "--lang=sv-FI", "x"], "sv-FI"),
        (["gaps", "--", "--lang", "fi"], None),
        (["gaps", "--lang"], None),
        (["gaps"], None),
    ],
)
def test_the_language_is_read_from_the_arguments_before_click_reads_them(
    arguments: list[str], asked: str | None
) -> None:
    assert language_asked(arguments) == asked


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_message_id_of_clicks_catalogue_is_one_that_click_asks_for(language: str) -> None:
    """A canary: when click rewords a message, its translation here would silently go unused."""
    asked = set()
    for _, _, text, _, _ in extract_from_dir(
        Path(click.__file__).parent,
        method_map=[("**.py", "python")],
        keywords={"_": None, "ngettext": (1, 2)},
    ):
        asked.add(text if isinstance(text, str) else text[0])
    with (LOCALE_DIR / language / "LC_MESSAGES" / "click.po").open("rb") as file:
        ours = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    assert ours <= asked, sorted(ours - asked)


def test_the_help_texts_are_in_the_language_of_the_run() -> None:
    result = fundgap_process("gaps", "--help", env=_environment(LANG="fi_FI.UTF-8"))

    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "Luettelee vuoden jokaisen palvelun tarpeen, rahoituksen, vajeen ja tilat" in text
    assert "Esimerkkejä: fundgap gaps --year 2025" in text
    assert "Vain tämän kunnan palvelut (nimi tai koodi)." in text


def test_the_groups_examples_are_explained_in_the_language_of_the_run() -> None:
    result = fundgap_process("--lang", "sv", "--help", env=_environment())

    assert result.returncode == 0
    assert "fundgap gaps --status unassigned     tjänster som ingen har avtalat att finansiera" in (
        result.stdout
    )


def test_a_bug_is_reported_in_the_language_of_the_run() -> None:
    """An unexpected exception (here a division by zero put in place of the run) ends in two
    lines and exit status 3, in the language the environment chose."""
    import subprocess
    import sys

    program = (
        "import fundgap_cli, fundgap_cli.app as app\napp.run = lambda: 1 / 0\nfundgap_cli.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(FUNDGAP_LANG="fi"),
        timeout=120,
    )
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "fundgap: sisäinen virhe: ZeroDivisionError: division by zero",
        "Tämä on fundgapin ohjelmavirhe; ilmoita siitä ja kerro, minkä komennon annoit.",
    ]
