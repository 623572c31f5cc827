"""docs/library.md, docs/json.md and README.md against the code: every Python example runs
and prints what the page shows, every JSON example is real output (trimmed, never changed), and
every key of the JSON documents is documented in docs/json.md.

A Python block is skipped only when fenced as ```python no-run. A block fenced as
```text output right after a Python block is what that block prints."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from fundgap.analysis.selection import GROUPINGS as GROUPS
from fundgap.commands import AnalysisOptions, explain_output, gaps_output, report_output
from fundgap.loading import example_path
from fundgap_cli import cli

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "docs" / "library.md"
JSON_DOC = ROOT / "docs" / "json.md"
README = ROOT / "README.md"
PAGES = (LIBRARY, README, JSON_DOC)
DAY = date(2026, 11, 28)

_FENCE = re.compile(r"^(`{3,})(.*)$")
_EXAMPLE = re.compile(r"^<!-- example: (fundgap .+) -->$")
_PYTHON = {"python", "py", "python3"}


@attrs.frozen
class Block:
    """A fenced code block: its page, the line of its opening fence, its info words, its text."""

    page: Path
    line: int
    info: tuple[str, ...]
    text: str

    @property
    def language(self) -> str:
        return self.info[0] if self.info else ""

    @property
    def name(self) -> str:
        return f"{self.page.name}:{self.line}"


def blocks(page: Path) -> list[tuple[Block, str]]:
    """Every fenced block of ``page``, each with the text between it and the previous block."""
    found: list[tuple[Block, str]] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    between: list[str] = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            between.append(lines[index])
            index += 1
            continue
        fence, info = match.groups()
        body: list[str] = []
        start = index + 1
        index += 1
        while index < len(lines) and not lines[index].startswith(fence):
            body.append(lines[index])
            index += 1
        assert index < len(lines), f"{page.name}:{start}: the code block is not closed"
        block = Block(page, start, tuple(info.split()), "\n".join(body) + "\n")
        found.append((block, "\n".join(between)))
        between = []
        index += 1
    return found


def python_examples(page: Path) -> Iterator[tuple[Block, Block | None]]:
    """The runnable Python blocks of ``page``, each with the output block that follows it."""
    found = blocks(page)
    for position, (block, _) in enumerate(found):
        if block.language == "text" and "output" in block.info:
            assert position > 0, f"{block.name}: an output block must follow a Python block"
            previous = found[position - 1][0]
            assert previous.language in _PYTHON, (
                f"{block.name}: an output block must follow a Python block"
            )
            assert found[position][1].strip() == "", (
                f"{block.name}: nothing may stand between a Python block and its output"
            )
            assert "no-run" not in previous.info, f"{block.name}: the Python block is no-run"
        if block.language not in _PYTHON or "no-run" in block.info:
            continue
        following = found[position + 1][0] if position + 1 < len(found) else None
        is_output = (
            following is not None
            and following.language == "text"
            and "output" in following.info
            and found[position + 1][1].strip() == ""
        )
        yield block, following if is_output else None


EXAMPLES = [example for page in PAGES for example in python_examples(page)]


@pytest.fixture
def in_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary current folder holding a copy of the example collection as agreements/."""
    shutil.copytree(example_path(), tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FUNDGAP_LANG", raising=False)
    return tmp_path


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


# -- the Python examples --------------------------------------------------------------------


def test_every_page_has_runnable_examples() -> None:
    for page in (LIBRARY, README):
        assert any(block.page == page for block, _ in EXAMPLES), f"{page.name} has no example"


@pytest.mark.parametrize(("block", "output"), EXAMPLES, ids=[block.name for block, _ in EXAMPLES])
def test_python_example_runs(
    block: Block, output: Block | None, in_examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = compile(block.text, block.name, "exec")
    exec(code, {"__name__": "__docs__"})
    printed = capsys.readouterr().out
    if output is not None:
        assert _lines(printed) == _lines(output.text), f"{block.name} prints something else"


def test_the_first_library_example_is_complete_and_short() -> None:
    first = next(block for block, _ in EXAMPLES if block.page == LIBRARY)
    assert len(first.text.strip().splitlines()) <= 10
    assert "example_path()" in first.text
    assert "import fundgap" in first.text


def test_only_no_run_blocks_are_skipped() -> None:
    """A Python block that does not run is marked, never silently left out."""
    for page in PAGES:
        for block, _ in blocks(page):
            if block.language in _PYTHON and len(block.info) > 1:
                assert block.info[1:] == ("no-run",), f"{block.name}: unknown mark {block.info}"


# -- the JSON examples in docs/json.md --------------------------------------------------------


def json_examples() -> list[tuple[str, Block]]:
    """The JSON blocks of docs/json.md, each with the command named in the comment above it."""
    found = []
    for block, before in blocks(JSON_DOC):
        if block.language != "json":
            continue
        commands = [m.group(1) for line in before.splitlines() if (m := _EXAMPLE.match(line))]
        assert len(commands) == 1, f"{block.name}: say which command gave this example"
        found.append((commands[0], block))
    return found


def trimmed(example: Any, real: Any, where: str = "$") -> list[str]:
    """How ``example`` is not ``real`` with keys and array elements left out."""
    if isinstance(example, dict):
        if not isinstance(real, dict):
            return [f"{where}: an object in the example, not in the output"]
        errors = []
        for key, value in example.items():
            if key not in real:
                errors.append(f"{where}.{key}: not in the output")
            else:
                errors += trimmed(value, real[key], f"{where}.{key}")
        return errors
    if isinstance(example, list):
        if not isinstance(real, list):
            return [f"{where}: an array in the example, not in the output"]
        position = 0
        for index, item in enumerate(example):
            while position < len(real) and trimmed(item, real[position]):
                position += 1
            if position == len(real):
                return [f"{where}[{index}]: not in the output (in this order)"]
            position += 1
        return []
    if type(example) is not type(real) or example != real:
        return [f"{where}: {example!r} in the example, {real!r} in the output"]
    return []


@pytest.mark.parametrize(
    ("command", "block"), json_examples(), ids=[b.name for _, b in json_examples()]
)
def test_json_example_is_real_output(command: str, block: Block, in_examples: Path) -> None:
    assert f"--as-of {DAY.isoformat()}" in command or command.startswith("fundgap validate")
    result = CliRunner().invoke(cli, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    errors = trimmed(json.loads(block.text), json.loads(result.stdout))
    assert not errors, f"{block.name}: " + "; ".join(errors[:5])


def test_trimmed_finds_changes() -> None:
    real = {"a": [1, 2, 3], "b": {"c": "x"}}
    assert trimmed({"a": [1, 3]}, real) == []
    assert trimmed({"a": [3, 1]}, real) != []
    assert trimmed({"b": {"c": "y"}}, real) != []
    assert trimmed({"d": 1}, real) != []
    assert trimmed({"a": [True]}, {"a": [1]}) != []


# -- every key is documented ------------------------------------------------------------------

DOCUMENTED = set(re.findall(r"`([a-z_]+)`", JSON_DOC.read_text(encoding="utf-8")))


def keys(document: Any) -> set[str]:
    """Every key at every level, except the keys of count objects (``by_…``: their keys are
    data, such as status names)."""
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            found.add(key)
            if not key.startswith("by_"):
                found |= keys(value)
    elif isinstance(document, list):
        for item in document:
            found |= keys(item)
    return found


def _undocumented(found: set[str]) -> list[str]:
    return sorted(found - DOCUMENTED)


@pytest.fixture(scope="module")
def gaps_document() -> dict[str, Any]:
    options = AnalysisOptions(as_of=DAY)
    document: dict[str, Any] = json.loads(gaps_output(example_path(), options, fmt="json"))
    return document


def test_gaps_row_and_totals_keys_are_documented(gaps_document: dict[str, Any]) -> None:
    rows = gaps_document["rows"]
    assert rows
    assert any(row["lapsing"] for row in rows)
    assert any(row["sources"]["clauses"] for row in rows)
    assert _undocumented(set(rows[0])) == []
    assert _undocumented(set(gaps_document["totals"])) == []
    assert _undocumented(keys(gaps_document)) == []


def test_report_keys_are_documented() -> None:
    text = report_output(example_path(), AnalysisOptions(as_of=DAY), fmt="json")
    document = json.loads(text)
    assert document["cuts"]
    assert document["lapsing_agreements"]
    assert _undocumented(keys(document)) == []


def test_agreements_keys_are_documented() -> None:
    from fundgap.commands import agreements_output

    document = json.loads(agreements_output(example_path(), as_of=DAY, fmt="json"))
    assert any(a["caps"] for a in document["agreements"])
    assert document["pairs"]
    assert _undocumented(keys(document)) == []


@pytest.mark.parametrize("by", GROUPS)
def test_aggregates_keys_are_documented(by: str) -> None:
    options = AnalysisOptions(as_of=DAY)
    document = json.loads(gaps_output(example_path(), options, by=by, fmt="json"))
    assert document["schema"] == "fundgap.aggregates/1"
    assert document["groups"]
    assert _undocumented(set(document)) == []
    assert _undocumented(keys(document)) == []


@pytest.mark.parametrize(
    "service",
    ["pirha-klubitalo-nasinselka", "lu-olohuone-lohja", "pirha-kriisikeskus", "hki-kriisikeskus"],
)
def test_explain_keys_are_documented(service: str) -> None:
    options = AnalysisOptions(as_of=DAY)
    document = json.loads(explain_output(service, example_path(), options, fmt="json"))
    assert document["schema"] == "fundgap.explain/1"
    assert _undocumented(set(document)) == []
    assert _undocumented(keys(document)) == []


def test_validate_keys_are_documented() -> None:
    import fundgap

    document = fundgap.validate(fundgap.load(example_path())).to_dict()
    assert document["warnings"]
    assert _undocumented(keys(document)) == []


def test_every_schema_is_documented() -> None:
    for schema in (
        "fundgap.gaps/1",
        "fundgap.aggregates/1",
        "fundgap.explain/1",
        "fundgap.agreements/1",
    ):
        assert f"`{schema}`" in JSON_DOC.read_text(encoding="utf-8")
    assert "`fundgap.validate/1`" in JSON_DOC.read_text(encoding="utf-8")
