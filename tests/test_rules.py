"""The draft rules (SPEC §6): the registry, each rule's example and fix as fixtures, the draft
with one mistake per rule, and that a rule and a load error never disagree."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fundgap.checking import DraftCheck, check_drafts
from fundgap.commands import rules_output
from fundgap.errors import DatasetError, LookupFailedError
from fundgap.loading import load, load_draft, read_draft
from fundgap.model import Dataset
from fundgap.rules import Rule, Severity, all_rules, find_rule
from tests.conftest import FIXTURES
from tests.strategies import dataset_files, value_mutations

ROOT = Path(__file__).parents[1]
PIRKANMAA = ROOT / "agreements" / "pirkanmaa"
AS_OF = date(2026, 12, 1)
RULES = all_rules()


@pytest.fixture(scope="module")
def pirkanmaa() -> Dataset:
    return load(PIRKANMAA)


def checked(
    text: str, folder: Path, dataset: Dataset | None, name: str = "draft.toml"
) -> DraftCheck:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return check_drafts([path], dataset=dataset, as_of=AS_OF)


def test_the_registry_holds_every_rule_once_in_code_order() -> None:
    codes = [rule.code for rule in RULES]
    assert codes == [f"FG{n}" for n in range(101, 118)]
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


def test_a_rule_is_found_by_code_or_name_in_any_case() -> None:
    assert find_rule("fg113").code == "FG113"
    assert find_rule(" coverage-break ").code == "FG111"
    with pytest.raises(LookupFailedError) as caught:
        find_rule("FG10")
    assert "FG109" in str(caught.value)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rules_example_breaks_it_and_nothing_else(
    rule: Rule, pirkanmaa: Dataset, tmp_path: Path
) -> None:
    found = checked(rule.example, tmp_path, pirkanmaa).findings
    assert found, f"{rule.code}'s example reports nothing"
    assert {f.code for f in found} == {rule.code}, [str(f.message) for f in found]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rules_fix_breaks_no_rule(rule: Rule, pirkanmaa: Dataset, tmp_path: Path) -> None:
    assert rule.fixed != rule.example
    found = checked(rule.fixed, tmp_path, pirkanmaa).findings
    assert not found, [f"{f.code} {f.message}" for f in found]


def test_one_draft_with_one_mistake_per_rule_reports_every_rule_in_one_run(
    pirkanmaa: Dataset,
) -> None:
    result = check_drafts([FIXTURES / "check" / "every-rule.toml"], dataset=pirkanmaa, as_of=AS_OF)
    assert {f.code for f in result.findings} == {rule.code for rule in RULES}
    assert result.exit_code == 1
    # the loader refuses the same file as a dataset's agreement, with the same words
    with pytest.raises(DatasetError):
        load_draft(FIXTURES / "check" / "every-rule.toml", pirkanmaa)


def test_a_finding_names_file_line_key_and_what_it_concerns(pirkanmaa: Dataset) -> None:
    result = check_drafts([FIXTURES / "check" / "every-rule.toml"], dataset=pirkanmaa, as_of=AS_OF)
    by_code = {f.code: f for f in result.findings}
    kajaani = by_code["FG105"]
    assert kajaani.location.file.endswith("every-rule.toml")
    assert kajaani.location.line == 8
    assert kajaani.location.path == "municipalities[1]"
    assert [(s.kind.value, s.key) for s in kajaani.subjects] == [("municipality", "205")]
    (share,) = [f for f in result.findings if f.code == "FG102" and f.location.line == 28]
    assert share.severity is Severity.WARNING
    assert [(s.kind.value, s.key) for s in share.subjects] == [
        ("category", "advice"),
        ("category", "low_threshold_substance"),
        ("municipality", "837"),
    ]
    grey = by_code["FG101"]
    assert [(s.kind.value, s.key) for s in grey.subjects] == [
        ("category", "self_care_support"),
        ("service", "pirha-omahoito-diabetes"),
    ]


@pytest.mark.parametrize(
    "rule",
    [r for r in RULES if r.code in {"FG103", "FG105", "FG106", "FG107", "FG108", "FG115", "FG116"}],
    ids=lambda rule: rule.code,
)
def test_a_rule_shared_with_the_loader_reports_what_the_loader_refuses(
    rule: Rule, pirkanmaa: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(rule.example, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_draft(path, pirkanmaa)
    refused = {(p.location, str(p.message)) for p in caught.value.problems}
    found = {
        (f.location, str(f.message)) for f in checked(rule.example, tmp_path, pirkanmaa).findings
    }
    assert refused == found
    assert all(
        f.severity is Severity.ERROR for f in checked(rule.example, tmp_path, pirkanmaa).findings
    )


def test_a_draft_the_loader_builds_has_no_reading_finding(
    pirkanmaa: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(RULES[0].fixed, encoding="utf-8")
    agreement = load_draft(path, pirkanmaa)
    draft, problems = read_draft(path, pirkanmaa)
    assert problems == ()
    assert draft.complete
    assert draft.agreement() == agreement


def test_a_share_over_100_is_an_error_of_fg102(pirkanmaa: Dataset, tmp_path: Path) -> None:
    text = RULES[0].fixed.replace("county_share = 70", "county_share = 170")
    (finding,) = checked(text, tmp_path, pirkanmaa).findings
    assert (finding.code, finding.severity) == ("FG102", Severity.ERROR)
    assert finding.location.path == "clauses[2].county_share"


def test_a_county_clause_and_a_municipality_clause_make_100_together(
    pirkanmaa: Dataset, tmp_path: Path
) -> None:
    """SPEC §5: clauses at the same level add up, so a split over two clauses is no finding
    of FG102 nor FG104."""
    text = (
        RULES[0].fixed.replace(
            'categories = ["crisis_centre"]\ncounty_share = 70\nmunicipality_share = 30\n',
            'categories = ["crisis_centre"]\ncounty_share = 70\nmunicipality_share = 0\n',
        )
        + '\n[[clauses]]\nid = "K4"\ncategories = ["crisis_centre"]\n'
        + "county_share = 0\nmunicipality_share = 30\n"
    )
    assert checked(text, tmp_path, pirkanmaa).findings == ()


def test_a_service_clause_overrides_its_category_without_a_finding(
    pirkanmaa: Dataset, tmp_path: Path
) -> None:
    text = RULES[0].fixed + (
        '\n[[clauses]]\nid = "K4"\nservices = ["pirha-klubitalo-nasinselka"]\n'
        "county_share = 60\nmunicipality_share = 40\n"
    )
    assert checked(text, tmp_path, pirkanmaa).findings == ()


def test_without_a_dataset_every_unnamed_grey_category_is_a_warning(tmp_path: Path) -> None:
    text = RULES[0].fixed.replace('"clubhouse", "meeting_place", "peer_support"', '"clubhouse"')
    result = checked(text, tmp_path, None)
    assert [(f.code, f.severity, f.subjects[0].key) for f in result.findings] == [
        ("FG101", Severity.WARNING, "meeting_place"),
        ("FG101", Severity.WARNING, "peer_support"),
    ]
    assert result.exit_code == 0
    assert result.consequences is None


def test_without_a_dataset_services_and_replaced_agreements_are_not_checked(tmp_path: Path) -> None:
    text = (
        RULES[0].fixed.replace("notice_months = 6\n", 'notice_months = 6\nreplaces = "nowhere"\n')
        + '\n[[clauses]]\nid = "K4"\nservices = ["no-such-service"]\n'
        + "county_share = 50\nmunicipality_share = 50\n"
    )
    assert checked(text, tmp_path, None).findings == ()


@pytest.mark.parametrize(
    "text",
    [
        "this is = not [ toml",
        'name = "a manifest, not an agreement"\n',
    ],
)
def test_a_file_that_is_no_agreement_is_a_load_error(text: str, tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError):
        check_drafts([path], as_of=AS_OF)


def test_docs_rules_md_is_written_from_the_registry() -> None:
    """docs/rules.md is ``fundgap rules --format markdown``: run that to refresh it."""
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_output(fmt="markdown", lang="en"), (
        "docs/rules.md is stale: fundgap rules --format markdown --lang en > docs/rules.md"
    )


def test_every_rule_example_in_the_docs_is_a_tested_fixture() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", written, re.S)
    assert blocks == [rule.example for rule in RULES]


_READING = {"FG103", "FG105", "FG106", "FG107", "FG108", "FG115", "FG116"}


@given(st.data())
def test_the_loader_and_the_check_agree_on_any_damaged_draft(data: st.DataObject) -> None:
    """Whatever is wrong in a draft, what the loader refuses is exactly what the check
    reports as findings of the rules it shares with the loader (SPEC §6): one check."""
    files = data.draw(dataset_files())
    agreements = {name: text for name, text in files.items() if name.startswith("agreements/")}
    assume(agreements)
    draft_text = data.draw(value_mutations(agreements))[min(agreements)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "dataset"
        for name, text in files.items():
            if not name.startswith("agreements/"):
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_text(text, encoding="utf-8")
        dataset = load(root)
        draft = Path(folder) / "draft.toml"
        draft.write_text(draft_text, encoding="utf-8")
        try:
            load_draft(draft, dataset)
            refused: set[tuple[object, str]] = set()
        except DatasetError as error:
            refused = {(p.location, str(p.message)) for p in error.problems}
        try:
            result = check_drafts([draft], dataset=dataset, as_of=AS_OF)
        except DatasetError as error:  # not an agreement at all: the loader refuses it too
            unreadable = {(p.location, str(p.message)) for p in error.problems}
        else:
            unreadable = set()
    if unreadable:
        assert refused
        assert unreadable <= refused
        return
    found = {(f.location, str(f.message)) for f in result.findings}
    assert refused <= found
    shared = {
        (f.location, str(f.message))
        for f in result.findings
        if f.code in _READING or (f.code == "FG102" and "more than 100" in str(f.message))
    }
    assert shared <= refused
