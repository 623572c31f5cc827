"""``fundgap new-agreement``: the template loads as a draft against its county's dataset as
written and once its clauses are filled in, names every grey-zone category, and never
overwrites a file."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fundgap.agreement_template import grey_categories, new_agreement
from fundgap.categories import Zone
from fundgap.commands import new_agreement_output
from fundgap.errors import LookupFailedError, OutputError, UsageError
from fundgap.loading import example_path, load, load_draft
from fundgap.render.output import write_new
from fundgap.render.template import toml_string
from fundgap_cli import cli

# each county of the example collection with one party or several, as its agreements have them
PARTIES = {
    "kainuu": ("Kainuu", ["Kuhmo"]),
    "lansi-uusimaa": ("Länsi-Uusimaa", ["Espoo", "Kauniainen"]),
    "pirkanmaa": ("08", ["Tampere", "Nokia", "Ylöjärvi"]),
}
GREY = ["crisis_centre", "clubhouse", "meeting_place", "peer_support", "self_care_support",
        "advice", "low_threshold_substance"]  # fmt: skip


def _filled(text: str) -> str:
    """The template as a negotiator finishes it: every clause uncommented, 60/40 shares."""
    lines = []
    for line in text.splitlines():
        if re.match(r"# (\[\[clauses\]\]|id =|categories =|instrument =)", line):
            lines.append(line[2:])
        elif line == "# county_share =":
            lines.append("county_share = 60")
        elif line == "# municipality_share =":
            lines.append("municipality_share = 40")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def test_the_grey_categories_are_the_seven_built_in_ones() -> None:
    assert [c.key for c in grey_categories()] == GREY
    assert all(c.zone is Zone.GREY for c in grey_categories())


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("name", sorted(PARTIES))
def test_the_template_loads_as_a_draft_as_written_and_filled_in(
    name: str, lang: str, tmp_path: Path
) -> None:
    county, municipalities = PARTIES[name]
    dataset = load(example_path() / name)
    text = new_agreement_output(county, municipalities, lang=lang, today=date(2026, 12, 1))
    written = tmp_path / "draft.toml"
    write_new(written, text)
    empty = load_draft(written, dataset)
    assert empty.status.value == "draft"
    assert empty.clauses == ()
    assert (empty.validity.start, empty.validity.end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert len(empty.municipalities) == len(municipalities)
    # every grey category is there to fill in, each once, as a commented-out clause
    assert re.findall(r'^# categories = \["(\w+)"\]', text, re.MULTILINE) == GREY

    filled = tmp_path / "filled.toml"
    filled.write_text(_filled(text), encoding="utf-8")
    agreement = load_draft(filled, dataset)
    assert [c.id for c in agreement.clauses] == [f"K{n}" for n in range(1, 8)]
    assert [set(c.categories) for c in agreement.clauses] == [{key} for key in GREY]
    assert {(c.county_share, c.municipality_share) for c in agreement.clauses} == {(60, 40)}


def test_a_filled_template_in_the_datasets_folder_validates(tmp_path: Path) -> None:
    import shutil

    from fundgap.validation import validate

    root = tmp_path / "pirkanmaa"
    shutil.copytree(example_path() / "pirkanmaa", root)
    text = new_agreement_output("Pirkanmaa", ["Tampere"], valid_from=date(2027, 1, 1))
    write_new(root / "agreements" / "new.toml", _filled(text))
    dataset = load(root)
    assert "pirkanmaa-tampere-2027" in dataset.agreements
    validate(dataset)  # no error


def test_id_period_and_names() -> None:
    template = new_agreement("Birkaland", ["Ylöjärvi", "837"], today=date(2026, 3, 5))
    assert template.id == "pirkanmaa-ylojarvi-2027"
    assert (template.valid_from, template.valid_until) == (date(2027, 1, 1), date(2027, 12, 31))
    assert [m.name_fi for m in template.municipalities] == ["Ylöjärvi", "Tampere"]
    # one end given: the calendar year of that end
    later = new_agreement("Länsi-Uusimaa", ["Hanko"], valid_from=date(2028, 6, 1))
    assert later.id == "lansi-uusimaa-hanko-2028"
    assert (later.valid_from, later.valid_until) == (date(2028, 6, 1), date(2028, 12, 31))
    earlier = new_agreement("Kainuu", ["Kuhmo"], valid_until=date(2029, 3, 31))
    assert (earlier.valid_from, earlier.valid_until) == (date(2029, 1, 1), date(2029, 3, 31))


def test_sv_names_the_parties_in_swedish() -> None:
    text = new_agreement_output("Pirkanmaa", ["Tampere"], valid_from=date(2027, 1, 1), lang="sv")
    assert 'county = "Birkaland"' in text
    assert 'municipalities = ["Tammerfors"]' in text
    assert 'title = "Finansieringsansvar för organisationernas tjänster 2027: Tammerfors"' in text


@pytest.mark.parametrize(
    ("county", "municipalities", "words"),
    [
        (
            "Pirkanmaa",
            ["Sipoo"],
            "Sipoo (753) kuuluu hyvinvointialueeseen Itä-Uusimaa (01) eikä sopimuksen "
            "hyvinvointialueeseen 08",
        ),
        ("Pirkanmaa", ["Tampere", "tampere"], "Tampere (837) on luettelossa kahdesti"),
        ("Helsinki", ["Helsinki"], "Helsingin kaupunki järjestää"),
        (
            "Ahvenanmaa",
            ["Maarianhamina"],
            "Ahvenanmaa ei kuulu sosiaali- ja terveydenhuollon uudistukseen, eikä sillä ole "
            "hyvinvointialuetta",
        ),
        (
            "Etelä-Savo",
            ["Pertunmaa"],
            "Pertunmaa (588) liitettiin kuntaan Mäntyharju (507) 1.1.2025, mutta tämä on "
            "voimassa 31.12.2027 asti",
        ),
    ],
)
def test_parties_the_loader_would_refuse_are_refused(
    county: str, municipalities: list[str], words: str
) -> None:
    with pytest.raises(UsageError) as caught:
        new_agreement(county, municipalities, valid_from=date(2027, 1, 1))
    assert caught.value.text("fi").startswith(words)


def test_a_merged_municipality_is_accepted_before_its_merger() -> None:
    template = new_agreement("Etelä-Savo", ["Pertunmaa"], valid_from=date(2024, 1, 1))
    assert template.valid_until == date(2024, 12, 31)


def test_unknown_names_and_a_backward_period_are_refused() -> None:
    with pytest.raises(LookupFailedError, match="Tamepre"):
        new_agreement("Pirkanmaa", ["Tamepre"])
    with pytest.raises(UsageError, match="before it starts"):
        new_agreement(
            "Pirkanmaa", ["Tampere"], valid_from=date(2027, 6, 1), valid_until=date(2027, 5, 31)
        )
    with pytest.raises(UsageError, match="no municipality"):
        new_agreement("Pirkanmaa", [])
    with pytest.raises(UsageError, match="title is empty"):
        new_agreement("Pirkanmaa", ["Tampere"], title="  ")


@pytest.mark.parametrize("title", ['Sopimus "A"', "a\\b", "rivi\nrivi", "\x1b[2J", "tab\there"])
def test_any_title_reads_back_as_written(title: str) -> None:
    assert tomllib.loads(f"title = {toml_string(title)}")["title"] == title
    text = new_agreement_output("Kainuu", ["Kuhmo"], title=title)
    assert tomllib.loads(text)["title"] == title


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "a.toml"
    target.write_text("kept", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):
        write_new(target, "new")
    assert target.read_text(encoding="utf-8") == "kept"
    link = tmp_path / "dangling.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(OutputError, match="already exists"):
        write_new(link, "new")
    assert not (tmp_path / "nowhere.toml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "dangling.toml"]


def test_cli_prints_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["new-agreement", "--county", "Kainuu", "--municipality", "Kuhmo", "--from",
            "2027-01-01", "--lang", "fi"]  # fmt: skip
    printed = runner.invoke(cli, args)
    assert printed.exit_code == 0, printed.output
    dashed = runner.invoke(cli, [*args, "--output", "-"])
    assert dashed.stdout == printed.stdout
    lines = printed.stdout.splitlines()
    assert lines[0] == "# Sopimusluonnos järjestöpalvelujen rahoituksesta; osapuolina Kainuu sekä"
    assert 'title = "Järjestöpalvelujen rahoitusvastuut 2027: Kuhmo"' in lines
    assert '# categories = ["crisis_centre"]  # kriisikeskus' in lines

    target = tmp_path / "kuhmo.toml"
    written = runner.invoke(cli, [*args, "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == printed.stdout
    again = runner.invoke(cli, [*args, "--title", "Toinen", "-o", str(target)])
    assert again.exit_code == 2
    assert again.stderr == (
        f"fundgap: virhe: {target}: on jo olemassa, eikä sitä koskaan korvata; anna uusi "
        "tiedostonimi tai siirrä tiedosto ensin muualle\n"
    )
    assert target.read_text(encoding="utf-8") == printed.stdout


def test_cli_refuses_a_municipality_of_another_county_in_swedish() -> None:
    result = CliRunner().invoke(
        cli, ["new-agreement", "--county", "Kainuu", "--municipality", "Tampere", "--lang", "sv"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("fundgap: fel: Tammerfors (837) ")
