"""What people read is in their language (issue 8): the report, the gaps table, the
explanation, the validation summary and the registry in Finnish and Swedish hold no English
word, no amount or day written for programs, and no party key; names of places follow the
language (Kajana in Swedish)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fundgap.commands import (
    AnalysisOptions,
    explain_output,
    gaps_output,
    registry_output,
    report_output,
    validate_output,
)
from fundgap.errors import UsageError
from fundgap.loading import example_path

DAY = date(2026, 11, 28)
NBSP = "\xa0"
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# 1108000.00, but not a day (28.11.2026)
PLAIN_AMOUNT = re.compile(r"(?<![\d.])\d+\.\d\d(?![\d.])")
PARTY_KEY = re.compile(r"county:|municipality:|other:")
# English words the report used to leak (statuses, flags, zones, categories, headings, prose);
# none is a Finnish or Swedish word
ENGLISH = (
    "the",
    "of",
    "and",
    "services",
    "service",
    "need",
    "funded",
    "underfunded",
    "unfunded",
    "gap",
    "gaps",
    "assigned",
    "unassigned",
    "contested",
    "partial",
    "by law",
    "lapsing",
    "capped",
    "cut",
    "draft only",
    "grey zone",
    "statutory",
    "preventive",
    "crisis centre",
    "clubhouse",
    "meeting place",
    "advice",
    "Housing support",
    "county",
    "municipality",
    "municipalities",
    "As of",
    "None",
    "largest",
    "figure",
    "value",
    "agreement",
    "notice",
    "deadline",
    "funder",
    "granted",
    "year before",
    "change",
    "blind spot",
    "responsibility",
    "funding",
)
# the datasets' own names ("Kainuu") are data, not fundgap's words
DATA_NAMES = re.compile(r"(Helsinki|Kainuu|Länsi-Uusimaa|Pirkanmaa) example")


def _english_words(text: str) -> list[str]:
    text = DATA_NAMES.sub("", text)
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


REPORTS = [
    (lang, path, year, fmt)
    for lang in ("fi", "sv")
    for path, year in (("", None), ("kainuu", 2025), ("pirkanmaa", None))
    for fmt in ("text", "markdown")
]


@pytest.mark.parametrize(("lang", "path", "year", "fmt"), REPORTS)
def test_the_report_is_wholly_in_finnish_or_swedish(
    lang: str, path: str, year: int | None, fmt: str
) -> None:
    text = report_output(
        example_path() / path, AnalysisOptions(year=year, as_of=DAY), fmt=fmt, lang=lang
    )
    assert not ISO_DAY.findall(text)
    assert not PLAIN_AMOUNT.findall(text)
    assert not PARTY_KEY.findall(text)
    assert not _english_words(text)


def test_the_swedish_report_names_places_in_swedish() -> None:
    text = report_output(
        example_path() / "kainuu", AnalysisOptions(year=2025, as_of=DAY), lang="sv"
    )
    assert "Kajana" in text
    assert "Kajaani," not in text  # a municipality; "Kohtaamo … Kajaani" is a service's name
    assert "Kajanaland: Hyrynsalmi, Puolanka, Ristijärvi, Suomussalmi" in text
    assert "Läget den 28.11.2026." in text
    assert (
        f"År 2025 är behovet för organisationernas 12 tjänster 1{NBSP}108{NBSP}000,00{NBSP}€"
        in text
    )
    assert "För 1 tjänst har finansieringen skurits ned." in text
    assert "De 7 största underskotten" in text
    fi = report_output(example_path() / "kainuu", AnalysisOptions(year=2025, as_of=DAY), lang="fi")
    assert "Kajaani, Sotkamo" in fi
    assert "7 suurinta vajetta" in fi
    assert "1 palvelun rahoitusta on leikattu." in fi
    assert "4 palvelua on katvealueella" in fi


def test_the_report_heading_counts_the_rows_it_shows() -> None:
    text = report_output(example_path() / "kainuu", AnalysisOptions(year=2025, as_of=DAY))
    assert "The 7 largest gaps" in text
    assert "The 1" not in text


def test_a_funder_is_named_in_the_cuts_table() -> None:
    options = AnalysisOptions(as_of=DAY)
    fi = report_output(example_path() / "pirkanmaa", options, lang="fi", fmt="markdown")
    assert (
        "| Klubitalo Sastamala | Pirkanmaan hyvinvointialue | 45 000,00 € |".replace(
            " 000", f"{NBSP}000"
        ).replace(" €", f"{NBSP}€")
        in fi
    )
    sv = report_output(example_path() / "pirkanmaa", options, lang="sv", fmt="markdown")
    assert "| Birkalands välfärdsområde |" in sv


def test_the_gaps_table_in_finnish() -> None:
    text = gaps_output(
        example_path() / "kainuu", AnalysisOptions(year=2025, as_of=DAY), lang="fi"
    ).splitlines()
    assert text[0].split()[:4] == ["palvelu", "nimi", "palveluluokka", "vyöhyke"]
    assert "vastuu sopimatta (katvealue)" in text[2]
    assert f"260{NBSP}000,00{NBSP}€" in text[2]
    assert "enimmäismäärä rajaa" in text[2]


def test_groups_by_funder_are_named_in_the_language() -> None:
    options = AnalysisOptions(year=2025, as_of=DAY)
    sv = gaps_output(example_path() / "kainuu", options, by="funder", lang="sv")
    assert sv.splitlines()[0].split() == ["finansiär", "beviljat", "tjänster"]
    assert "Kajanalands välfärdsområde" in sv
    assert "Kajana " in sv
    assert not PARTY_KEY.findall(sv)
    csv = gaps_output(example_path() / "kainuu", options, by="funder", fmt="csv", lang="fi")
    assert "\r\nKainuun hyvinvointialue,478000.00,7\r\n" in csv  # named, a plain number


def test_the_explanation_in_finnish_and_swedish() -> None:
    options = AnalysisOptions(year=2025, as_of=DAY)
    fi = explain_output("pirha-klubitalo-sastamala", example_path(), options, lang="fi")
    lines = fi.splitlines()
    assert lines[1] == (
        "palveluluokka: klubitalo (clubhouse, välimaasto); vuosi 2025; tilanne 28.11.2026"
    )
    assert "Tarve" in lines
    assert "Tulos" in lines
    assert (
        f"  vuosikustannus 190{NBSP}000,00{NBSP}€ × 365 toimintapäivää / 365 päivää vuonna 2025 "
        f"= 190{NBSP}000,00{NBSP}€"
    ) in lines
    assert "huomiot: leikattu, STEA-ristiriita" in lines
    assert "1.1.2025–30.6.2025 (181 päivää" in fi
    assert "Pirkanmaan hyvinvointialue: 49,59 %" in fi
    assert not ISO_DAY.findall(fi.replace("agreements/", ""))
    sv = explain_output("pirha-klubitalo-sastamala", example_path(), options, lang="sv")
    assert "flaggor: nedskuret, STEA-konflikt" in sv
    assert "Birkalands välfärdsområde: 49,59 %" in sv
    assert "  Sastamala (790), välfärdsområdet Birkaland:" in sv


def test_the_validation_summary_in_finnish_and_swedish() -> None:
    fi = validate_output(example_path(), lang="fi").splitlines()
    assert fi[0] == ("Aineisto: Helsinki, Kainuu, Länsi-Uusimaa, Pirkanmaa (4 aineistoa)")
    assert fi[2].split() == [
        "Sopimukset",
        "13",
        "luonnos",
        "2,",
        "neuvoteltavana",
        "2,",
        "allekirjoitettu",
        "8,",
        "päättynyt",
        "1",
    ]
    assert f"päätöstä, yhteensä 23{NBSP}797{NBSP}300,00{NBSP}€" in fi[5]
    sv = validate_output(example_path(), lang="sv")
    assert "i 4 välfärdsområden (Västra Nyland, Birkaland, Kajanaland, Helsingfors stad)" in sv
    assert "5 varningar:" in sv


def test_the_registry_in_swedish_and_finnish() -> None:
    sv = registry_output("Kainuu", date(2025, 6, 30), lang="sv").splitlines()
    assert sv[0].split() == [
        "kod",
        "namn",
        "på",
        "finska",
        "namn",
        "på",
        "svenska",
        "invånarantal",
        "2020",
        "välfärdsområde",
    ]
    assert sv[2].split()[-1] == "Kajanaland"
    fi = registry_output(None, date(2025, 6, 30), lang="fi")
    assert f"98{NBSP}254" in fi
    assert "nimi englanniksi" in fi
    # a program reads the same numbers and names whatever the language
    assert registry_output(None, date(2025, 6, 30), lang="sv", fmt="json") == registry_output(
        None, date(2025, 6, 30), fmt="json"
    )


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: gaps_output(example_path(), fmt="xml", lang="fi"), "muoto: 'xml' ei kelpaa"),
        (
            lambda: gaps_output(example_path(), by="colour", lang="sv"),
            "gruppering: 'colour' känns inte igen",
        ),
        (
            lambda: gaps_output(example_path(), category="nope", lang="fi"),
            "tuntematon palveluluokka 'nope'",
        ),
    ],
)
def test_usage_errors_are_written_in_the_language(call: object, words: str) -> None:
    with pytest.raises(UsageError) as caught:
        call()  # type: ignore[operator]
    language = "fi" if "ei kelpaa" in words or "tuntematon" in words else "sv"
    assert words in caught.value.text(language)


def test_a_filter_value_is_named_in_any_language() -> None:
    from fundgap.analysis.selection import find_category, find_status
    from fundgap.categories import Categories

    assert find_status("katvealue") == "unassigned"
    assert find_status("ANSVAR OAVTALAT") == "unassigned"
    assert find_status("blind fläck") == "unassigned"
    assert find_status("underfinansierat") == "underfunded"
    assert find_status("STEA-ristiriita") == "stea_conflict"
    assert find_status("stea conflict") == "stea_conflict"
    assert find_category("Mötesplats", Categories()) == "meeting_place"
    assert find_category("meeting place", Categories()) == "meeting_place"
    with pytest.raises(UsageError) as caught:
        find_status("rahoitetut")
    assert "(tarkoititko 'rahoitettu'" in caught.value.text("fi")
