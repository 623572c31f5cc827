"""The benchmark's generator keeps writing data the loader accepts, and the same seed gives the
same files: a small scale here, the national scale in benchmarks/run.py."""

from __future__ import annotations

import runpy
from datetime import date
from pathlib import Path

import fundgap

GENERATE = Path(__file__).parents[1] / "benchmarks" / "generate.py"


def test_a_small_generated_collection_loads_and_analyses(tmp_path: Path) -> None:
    generate = runpy.run_path(str(GENERATE))["generate"]
    counts = generate(tmp_path / "a", scale=0.05, seed=7)
    generate(tmp_path / "b", scale=0.05, seed=7)

    dataset = fundgap.load(tmp_path / "a")
    assert len(dataset.services) == counts["services"] == 500
    assert len(dataset.agreements) == counts["agreements"]
    report = fundgap.analyse(dataset, year=2025, as_of=date(2025, 6, 30))
    assert report.rows
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
