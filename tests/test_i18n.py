"""The language layer: choosing the language, writing numbers and days, and catalogues that
hold the same messages with the same placeholders in Finnish, Swedish and English."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from fundgap.errors import DatasetError, Location, LookupFailedError, Problem, UsageError
from fundgap.i18n import (
    Euros,
    Names,
    Number,
    Quoted,
    choose_language,
    label,
    listing,
    message,
    plural,
    quoted,
    translate,
)

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "src" / "fundgap" / "i18n" / "locale"
NBSP = "\xa0"


@pytest.mark.parametrize(
    ("given", "environ", "chosen"),
    [
        ("fi", {}, "fi"),
        ("FI", {}, "fi"),
        ("sv-FI", {}, "sv"),
        ("fi_FI.UTF-8", {"FUNDGAP_LANG": "sv"}, "fi"),
        (None, {"FUNDGAP_LANG": "sv_FI.UTF-8"}, "sv"),
        (None, {"FUNDGAP_LANG": "sv", "LANG": "fi_FI.UTF-8"}, "sv"),
        (None, {"LANG": "fi_FI.UTF-8"}, "fi"),
        (None, {"LC_MESSAGES": "sv_FI.UTF-8", "LANG": "fi_FI.UTF-8"}, "sv"),
        (None, {"LC_ALL": "fi_FI@euro", "LC_MESSAGES": "sv_FI.UTF-8"}, "fi"),
        (None, {"LANGUAGE": "de:sv:fi", "LC_ALL": "fi_FI.UTF-8"}, "sv"),
        (None, {"LANGUAGE": "de", "LC_ALL": "fi_FI.UTF-8"}, "en"),  # gettext stops there too
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_is_chosen_as_spec_8_says(
    given: str | None, environ: dict[str, str], chosen: str
) -> None:
    assert choose_language(given, environ) == chosen


@pytest.mark.parametrize(("given", "environ"), [("de", {}), (None, {"FUNDGAP_LANG": "suomi"})])
def test_a_language_asked_for_by_name_that_fundgap_does_not_speak_is_a_usage_error(
    given: str | None, environ: dict[str, str]
) -> None:
    with pytest.raises(UsageError, match="unknown language"):
        choose_language(given, environ)


def test_numbers_amounts_days_and_lists_are_written_the_languages_way() -> None:
    words = message(
        "{count}; {amount}; {day}; {share}; {either}; {place}",
        count=Number(1234567),
        amount=Euros(Decimal("1234.505")),
        day=date(2025, 12, 31),
        share=Decimal("33.33"),
        either=listing(quoted(["a", "b", "c"]), "or"),
        place=Names(fi="Kajaani", sv="Kajana"),
    )
    assert translate(words, "fi") == (
        f"1{NBSP}234{NBSP}567; 1{NBSP}234,51{NBSP}€; 31.12.2025; 33,33; 'a', 'b' tai 'c'; Kajaani"
    )
    assert translate(words, "sv") == (
        f"1{NBSP}234{NBSP}567; 1{NBSP}234,51{NBSP}€; 31.12.2025; 33,33; 'a', 'b' eller 'c'; Kajana"
    )
    assert str(words) == "1,234,567; €1,234.51; 2025-12-31; 33.33; 'a', 'b', or 'c'; Kajaani"


def test_a_year_or_a_line_number_is_not_grouped() -> None:
    assert translate(message("{year}: {line}", year=2025, line=12345), "fi") == "2025: 12345"


@pytest.mark.parametrize(("count", "words"), [(0, "0 virhettä"), (1, "1 virhe"), (2, "2 virhettä")])
def test_plural_forms_follow_the_count(count: int, words: str) -> None:
    error = DatasetError([Problem(Location("x.toml"), "is wrong")] * count)
    assert error.text("fi").splitlines()[0] == f"aineistossa on {words}:"


def test_a_problem_and_an_error_are_written_in_the_language_asked_for() -> None:
    problem = Problem(Location("a.toml", 3, "name"), "is wrong", "text")
    assert problem.text("fi") == "a.toml:3: name: is wrong; pitäisi olla: text"
    assert str(problem) == "a.toml:3: name: is wrong; expected text"
    error = LookupFailedError(label("looked up", "service"), "x", ["y", "z"])
    assert str(error) == "unknown service 'x' (did you mean 'y' or 'z'?)"


def test_quoted_text_keeps_an_empty_value_visible() -> None:
    assert translate(message("name {name}", name=Quoted("")), "sv") == "name ''"


def test_a_placeholder_value_is_never_read_as_a_format() -> None:
    words = message("unknown {what}", what="{0} {x!r}")
    assert translate(words, "fi") == "unknown {0} {x!r}"


# --- the catalogues -----------------------------------------------------------------------


def _catalogue(language: str) -> dict[tuple[str | None, object], object]:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "fundgap.po").open("rb") as file:
        catalog = read_po(file)
    return {(m.context, m.id): m.string for m in catalog if m.id}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_finnish_swedish_and_english_hold_the_same_message_ids() -> None:
    fi, sv, en = (_catalogue(language) for language in ("fi", "sv", "en"))
    assert fi.keys() == sv.keys() == en.keys()
    assert len(fi) > 0


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_translation_has_the_placeholders_of_its_id(language: str) -> None:
    wrong = []
    for (context, msgid), translated in _catalogue(language).items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        forms = translated if isinstance(translated, tuple) else (translated,)
        wanted = set().union(*map(_placeholders, ids))
        # the singular may leave out the count ("Suurin vaje" for one), nothing else
        if any(not form for form in forms) or set().union(*map(_placeholders, forms)) != wanted:
            wrong.append((context, ids[0], forms))
        for form in forms[:1] if len(forms) > 1 else forms:
            if _placeholders(form) not in (wanted, wanted - {"count"}):
                wrong.append((context, ids[0], form))
        for form in forms[1:]:
            if _placeholders(form) != wanted:
                wrong.append((context, ids[0], form))
    assert not wrong


def test_the_catalogues_are_up_to_date_and_complete() -> None:
    """Every message of the source is in the catalogues, translated, and compiled (the
    ``.mo`` files are committed, so that an installed fundgap needs no build step)."""
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogues.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def test_a_message_text_must_be_a_literal_string(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import catalogues
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    source = tmp_path / "bad.py"
    source.write_text("text = 'x'\nmessage(text)\nplural('one', many, 2)\n", encoding="utf-8")
    with pytest.raises(catalogues.SourceError, match=re.escape("message() needs a literal")):
        list(catalogues.messages_in(source, root=tmp_path))


def test_plural_carries_its_count_as_a_number() -> None:
    assert plural("{count} row", "{count} rows", 1000).value("count") == Number(1000)


@pytest.mark.parametrize(
    ("count", "fi", "sv", "en"),
    [
        (1, "Suurin vaje", "Det största underskottet", "The largest gap"),
        (7, "7 suurinta vajetta", "De 7 största underskotten", "The 7 largest gaps"),
    ],
)
def test_a_singular_may_leave_its_count_out(count: int, fi: str, sv: str, en: str) -> None:
    words = plural("The largest gap", "The {count} largest gaps", count)
    assert (translate(words, "fi"), translate(words, "sv"), str(words)) == (fi, sv, en)
