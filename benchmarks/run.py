"""Time fundgap on national-scale data and compare the figures with the targets of SPEC §10.

    python benchmarks/run.py                      # generate into a temporary folder
    python benchmarks/run.py --data /tmp/fg-data  # generate there once, reuse afterwards

What is measured (the collections come from ``generate.py``, at scales 0.1, 0.5 and 1.0):

a. ``fundgap.load`` and ``fundgap.analyse`` (year 2025, as of 2025-06-30) separately, in this
   process, at each scale: the median and the minimum of several runs, and the time per
   1,000 services, to show whether time grows linearly with size. Modules and the registry are
   loaded before the first run, so runs are comparable; ``gc.collect()`` precedes each run.
b. The peak memory of load + analyse at full size, in a fresh subprocess: ``ru_maxrss``, and
   ``tracemalloc``'s peak in another one (tracing slows the run, so the two are kept apart).
   Two diagnostics at full size: analysis with the cyclic garbage collector paused, and
   analysis of 10 %, 50 % and 100 % of the services with all the agreements kept (growth with
   the number of services alone).
c. End to end at full size, each a fresh subprocess: ``fundgap validate DATA``; ``fundgap gaps
   DATA --year 2025 --format json --as-of 2025-06-30`` (output discarded) when the command
   exists; and ``import + load + analyse`` through the library.
d. ``fundgap --version``: the median of 10 runs.

A measurement is repeated ``--runs`` times (at most 3 for the end-to-end commands, 10 for
``--version``) unless its runs together exceed ``--budget`` seconds; at least one run is always
made, and the table says how many were made.

    python benchmarks/run.py --data /tmp/fg-data --scales 1.0 --profile 30

profiles ``load`` and ``analyse`` at full size with cProfile instead of timing them.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import json
import math
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import fundgap
from fundgap.model import Dataset

HERE = Path(__file__).resolve().parent
SCALES = (0.1, 0.5, 1.0)
YEAR = 2025
AS_OF = date(2025, 6, 30)

# SPEC §10 targets
TARGET_END_TO_END = 3.0
TARGET_ANALYSIS = 1.0
TARGET_MEMORY_MB = 300.0
TARGET_VERSION = 0.3
LINEAR_EXPONENT = 1.15  # time ∝ size^k; k up to this counts as linear growth

_MEMORY_SCRIPT = """
import json, resource, sys, time, tracemalloc
from datetime import date
trace = sys.argv[2] == "trace"
if trace:
    tracemalloc.start()
import fundgap
from fundgap.model import Dataset
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
dataset = fundgap.load(sys.argv[1])
after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = fundgap.analyse(dataset, year=int(sys.argv[3]), as_of=date.fromisoformat(sys.argv[4]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak = tracemalloc.get_traced_memory()[1] if trace else 0
hwm = 0
try:  # Linux: the peak resident size of this process's own memory, as a cross-check
    with open("/proc/self/status") as status:
        hwm = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(json.dumps({"rows": len(report.rows), "maxrss_start": before, "maxrss_load": after_load,
                  "maxrss": after, "traced_peak": peak, "vmhwm_kb": hwm}))
"""

_END_TO_END_SCRIPT = """
import sys
from datetime import date
import fundgap
from fundgap.model import Dataset
report = fundgap.analyse(fundgap.load(sys.argv[1]), year=int(sys.argv[2]),
                         as_of=date.fromisoformat(sys.argv[3]))
print(len(report.rows))
"""


@dataclass
class Timing:
    """Wall times of repeated runs, in seconds."""

    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def minimum(self) -> float:
        return min(self.times)

    @property
    def runs(self) -> int:
        return len(self.times)

    def text(self) -> str:
        return f"{seconds(self.median)} (min {seconds(self.minimum)}, {self.runs} runs)"


@dataclass
class ScaleFigures:
    scale: float
    services: int
    agreements: int
    decisions: int
    load: Timing
    analyse: Timing
    rows: int


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def repeat(action: Callable[[], object], runs: int, budget: float) -> Timing:
    """Run ``action`` up to ``runs`` times, stopping early once ``budget`` seconds are spent."""
    timing = Timing()
    while timing.runs < runs and (not timing.times or sum(timing.times) < budget):
        gc.collect()
        started = time.perf_counter()
        action()
        timing.times.append(time.perf_counter() - started)
    return timing


def repeat_command(command: Sequence[str], runs: int, budget: float) -> tuple[Timing, int]:
    """Wall times of a subprocess (output discarded), and its last exit status."""
    status = 0

    def once() -> None:
        nonlocal status
        status = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        ).returncode

    return repeat(once, runs, budget), status


def fundgap_command() -> list[str]:
    """The ``fundgap`` console script next to this Python, else ``python -m fundgap``."""
    script = Path(sys.executable).with_name("fundgap")
    if script.is_file():
        return [str(script)]
    found = shutil.which("fundgap")
    return [found] if found else [sys.executable, "-m", "fundgap"]


def source_state() -> str:
    """The commit of the source tree, and whether src/ or cli/ have uncommitted changes."""
    root = HERE.parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src", "cli"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {commit}" + (", uncommitted changes in src/ or cli/" if changed else "")


def ensure_collection(root: Path, scale: float, seed: int) -> Path:
    """The collection for ``scale`` under ``root``, generated unless it is there already."""
    folder = root / f"scale-{scale:g}-seed-{seed}"
    if not (folder / "GENERATED-BY-FUNDGAP-BENCHMARK.txt").is_file():
        print(f"generating scale {scale:g} into {folder} …", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--out",
                str(folder),
                "--scale",
                str(scale),
                "--seed",
                str(seed),
            ],
            check=True,
        )
    return folder


def measure_scale(folder: Path, scale: float, runs: int, budget: float) -> ScaleFigures:
    from fundgap.errors import DatasetError

    try:
        dataset = fundgap.load(folder)
    except DatasetError as error:
        raise SystemExit(f"{folder}: the generated collection does not load:\n{error}") from None
    sizes = len(dataset.services), len(dataset.agreements), len(dataset.funding)
    del dataset
    print(f"scale {scale:g}: timing load …", flush=True)
    load = repeat(lambda: fundgap.load(folder), runs, budget)
    dataset = fundgap.load(folder)
    print(f"scale {scale:g}: timing analyse …", flush=True)
    analyse = repeat(lambda: fundgap.analyse(dataset, year=YEAR, as_of=AS_OF), runs, budget)
    rows = len(fundgap.analyse(dataset, year=YEAR, as_of=AS_OF).rows)
    return ScaleFigures(scale, *sizes, load, analyse, rows)


@dataclass
class Diagnostics:
    """Where analysis time goes at full size: the cyclic garbage collector, and growth with
    the number of services alone (the agreements of the full collection kept)."""

    analyse_gc_paused: Timing
    services_only: list[tuple[int, Timing]]


def subset(dataset: Dataset, fraction: float) -> Dataset:
    """``dataset`` with every n-th service (by id) and its funding; all agreements kept."""
    step = max(1, round(1 / fraction))
    keep = set(sorted(dataset.services)[::step])
    return Dataset(
        name=dataset.name,
        registry=dataset.registry,
        categories=dataset.categories,
        organisations=dataset.organisations,
        services={k: v for k, v in dataset.services.items() if k in keep},
        agreements=dataset.agreements,
        funding=tuple(d for d in dataset.funding if d.service in keep),
        description=dataset.description,
        default_year=dataset.default_year,
        root=dataset.root,
        parts=dataset.parts,
    )


def measure_diagnostics(
    folder: Path, fractions: Sequence[float], runs: int, budget: float
) -> Diagnostics:
    dataset = fundgap.load(folder)
    print("full size: timing analyse with the garbage collector paused …", flush=True)

    def paused() -> None:
        gc.disable()
        try:
            fundgap.analyse(dataset, year=YEAR, as_of=AS_OF)
        finally:
            gc.enable()

    gc_paused = repeat(paused, runs, budget)
    services_only = []
    for fraction in fractions:
        part = subset(dataset, fraction)
        print(f"full size: timing analyse of {len(part.services)} services …", flush=True)
        timing = repeat(
            functools.partial(fundgap.analyse, part, year=YEAR, as_of=AS_OF), runs, budget
        )
        services_only.append((len(part.services), timing))
    return Diagnostics(gc_paused, services_only)


def measure_memory(folder: Path, trace: bool) -> dict[str, int]:
    """Figures from a fresh subprocess; ``parent`` is this process's ru_maxrss at the start."""
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    command = [sys.executable, "-c", _MEMORY_SCRIPT, str(folder), "trace" if trace else "rss"]
    command += [str(YEAR), AS_OF.isoformat()]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures: dict[str, int] = json.loads(output)
    figures["parent"] = parent
    return figures


def rss_mb(value: int) -> float:
    """``ru_maxrss`` in MB: kilobytes on Linux, bytes on macOS."""
    return value / 1024 / 1024 if sys.platform == "darwin" else value / 1024


def exponent(small: float, large: float, size_ratio: float) -> float:
    """k in time ∝ size^k between two sizes."""
    return math.log(large / small) / math.log(size_ratio)


def verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


@dataclass
class Command:
    """A subprocess timed end to end, with its exit status."""

    timing: Timing
    status: int


@dataclass
class Results:
    about: str
    scales: list[ScaleFigures]
    diagnostics: Diagnostics
    memory: dict[str, int]
    traced: dict[str, int]
    validate: Command
    gaps: Command | None
    library: Command
    version: Command


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark fundgap against SPEC §10.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__,
    )
    parser.add_argument("--data", type=Path, help="keep generated collections here and reuse them")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5, help="runs per in-process timing (5)")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per timing (60)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--scales",
        type=float,
        nargs="+",
        default=list(SCALES),
        help="sizes to time, the largest taken as full size (0.1 0.5 1.0)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="instead of timing, profile load and analyse at full size; print the top N",
    )
    args = parser.parse_args(argv)
    scales: list[float] = sorted(set(args.scales))
    if len(scales) < 2 and not args.profile:
        parser.error("give at least two scales")
    about = (
        f"fundgap {fundgap.__version__} ({source_state()}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{datetime.now(UTC).astimezone():%Y-%m-%d %H:%M %Z}"
    )
    print(about, flush=True)
    with tempfile.TemporaryDirectory(prefix="fundgap-bench-") as temporary:
        root = args.data or Path(temporary)
        folders = {scale: ensure_collection(root, scale, args.seed) for scale in scales}
        if args.profile:
            print_profiles(folders[scales[-1]], args.profile)
            return 0
        results = measure(about, folders, args.runs, args.budget)
    print()
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(asdict(results), indent=2) + "\n", encoding="utf-8")
    return 0


def measure(about: str, folders: dict[float, Path], runs: int, budget: float) -> Results:
    scales = sorted(folders)
    full = folders[scales[-1]]
    # Memory first, while this process is small: on Linux a child's ru_maxrss starts from its
    # parent's resident size at the fork.
    print("peak memory …", flush=True)
    memory = measure_memory(full, trace=False)
    traced = measure_memory(full, trace=True)
    fundgap.load_registry()  # imports and the registry outside the timed runs
    per_scale = [measure_scale(folders[s], s, runs, budget) for s in scales]
    diagnostics = measure_diagnostics(full, [s / scales[-1] for s in scales], runs, budget)
    print("end to end …", flush=True)
    cli = fundgap_command()
    few = min(runs, 3)
    validate = Command(*repeat_command([*cli, "validate", str(full)], few, budget))
    gaps = None
    if subprocess.run([*cli, "gaps", "--help"], capture_output=True, check=False).returncode == 0:
        options = ["--year", str(YEAR), "--format", "json", "--as-of", AS_OF.isoformat()]
        gaps = Command(*repeat_command([*cli, "gaps", str(full), *options], few, budget))
    script = [sys.executable, "-c", _END_TO_END_SCRIPT, str(full), str(YEAR), AS_OF.isoformat()]
    library = Command(*repeat_command(script, few, budget))
    version = Command(*repeat_command([*cli, "--version"], 10, budget))
    return Results(about, per_scale, diagnostics, memory, traced, validate, gaps, library, version)


def print_report(results: Results) -> None:
    per_scale = results.scales
    print(f"Load and analysis (in process; year {YEAR}, as of {AS_OF.isoformat()})")
    lines: list[tuple[str, ...]] = [
        ("scale", "services", "agreements", "decisions", "rows", "load", "analyse")
    ]
    for s in per_scale:
        lines.append(
            (
                f"{s.scale:g}",
                str(s.services),
                str(s.agreements),
                str(s.decisions),
                str(s.rows),
                s.load.text(),
                s.analyse.text(),
            )
        )
    print_table(lines)
    print()
    print("Time per 1,000 services (medians)")
    lines = [("scale", "load", "analyse", "analyse, all agreements kept")]
    for s, (count, timing) in zip(per_scale, results.diagnostics.services_only, strict=True):
        lines.append(
            (
                f"{s.scale:g}",
                seconds(s.load.median * 1000 / s.services),
                seconds(s.analyse.median * 1000 / s.services),
                f"{seconds(timing.median * 1000 / count)} ({count} services)",
            )
        )
    print_table(lines)
    small, middle, large = per_scale[0], per_scale[-2], per_scale[-1]
    growth = {
        name: [
            exponent(getattr(a, name).median, getattr(b, name).median, b.services / a.services)
            for a, b in ((small, large), (middle, large))
        ]
        for name in ("load", "analyse")
    }
    only = results.diagnostics.services_only
    growth["analyse, agreements kept"] = [
        exponent(a[1].median, b[1].median, b[0] / a[0]) for a, b in ((only[0], only[-1]), only[-2:])
    ]
    print(
        f"growth exponent k (time ∝ services^k), {small.scale:g}→{large.scale:g} and "
        f"{middle.scale:g}→{large.scale:g}: "
        + "; ".join(f"{n} {a:.2f} and {b:.2f}" for n, (a, b) in growth.items())
    )
    print()
    memory, traced = results.memory, results.traced
    peak = rss_mb(memory["maxrss"])
    traced_mb = traced["traced_peak"] / 1024 / 1024
    print(
        f"Peak memory at full size: ru_maxrss {peak:.0f} MB (after imports "
        f"{rss_mb(memory['maxrss_start']):.0f} MB, after load {rss_mb(memory['maxrss_load']):.0f}"
        f" MB; VmHWM {memory['vmhwm_kb'] / 1024:.0f} MB; this process was "
        f"{rss_mb(memory['parent']):.0f} MB when it started the child); "
        f"tracemalloc peak {traced_mb:.0f} MB"
    )
    print()

    def command_row(name: str, command: Command, target: float) -> tuple[str, ...]:
        status = "" if command.status == 0 else f", exit status {command.status}"
        ok = command.timing.median <= target and command.status == 0
        return (name, command.timing.text() + status, f"≤ {target:g} s", verdict(ok))

    rows: list[tuple[str, ...]] = [
        (f"figure (scale {large.scale:g})", "measured", "target", "result")
    ]
    if results.gaps is not None:
        rows.append(
            command_row("end to end: fundgap gaps --format json", results.gaps, TARGET_END_TO_END)
        )
    else:
        rows.append(("end to end: fundgap gaps", "n/a (no such command)", "≤ 3 s", "—"))
    rows += [
        command_row("end to end: fundgap validate", results.validate, TARGET_END_TO_END),
        command_row("end to end: import+load+analyse", results.library, TARGET_END_TO_END),
        ("load alone (in process)", large.load.text(), "(in end to end)", "—"),
        (
            "analysis alone (in process)",
            large.analyse.text(),
            f"≤ {TARGET_ANALYSIS:g} s",
            verdict(large.analyse.median <= TARGET_ANALYSIS),
        ),
        (
            "  the same, cyclic GC paused (diagnostic)",
            results.diagnostics.analyse_gc_paused.text(),
            f"≤ {TARGET_ANALYSIS:g} s",
            verdict(results.diagnostics.analyse_gc_paused.median <= TARGET_ANALYSIS),
        ),
        (
            "peak memory, load + analyse (ru_maxrss)",
            f"{peak:.0f} MB",
            f"≤ {TARGET_MEMORY_MB:g} MB",
            verdict(peak <= TARGET_MEMORY_MB),
        ),
        (
            "peak memory (tracemalloc)",
            f"{traced_mb:.0f} MB",
            f"≤ {TARGET_MEMORY_MB:g} MB",
            verdict(traced_mb <= TARGET_MEMORY_MB),
        ),
    ]
    for name, (k_wide, k_top) in growth.items():
        rows.append(
            (
                f"linear growth: {name}",
                f"k = {k_wide:.2f} / {k_top:.2f}",
                f"k ≤ {LINEAR_EXPONENT:g}",
                verdict(max(k_wide, k_top) <= LINEAR_EXPONENT),
            )
        )
    rows.append(command_row("fundgap --version", results.version, TARGET_VERSION))
    print("Against SPEC §10 (medians)")
    print_table(rows)


def print_profiles(folder: Path, top: int) -> None:
    """cProfile of load and of analyse at full size: the top functions by cumulative time.
    Deterministic profiling inflates code made of many small calls; the shares are a guide."""
    fundgap.load_registry()
    profiler = cProfile.Profile()
    dataset = profiler.runcall(fundgap.load, folder)
    print_profile("fundgap.load", pstats.Stats(profiler), top)
    profiler = cProfile.Profile()
    profiler.runcall(fundgap.analyse, dataset, year=YEAR, as_of=AS_OF)
    print_profile(f"fundgap.analyse (year {YEAR})", pstats.Stats(profiler), top)


def print_profile(title: str, stats: pstats.Stats, top: int) -> None:
    entries = stats.stats  # type: ignore[attr-defined]
    total: float = stats.total_tt  # type: ignore[attr-defined]
    ranked = sorted(entries.items(), key=lambda item: -item[1][3])[:top]
    print()
    print(f"Profile of {title}: {total:.2f} s under cProfile, top {top} by cumulative time")
    lines: list[tuple[str, ...]] = [("cumulative", "share", "calls", "function")]
    for (filename, line, name), (_, calls, _, cumulative, _) in ranked:
        where = shorten(filename)
        function = f"{where}:{line}({name})" if where != "~" else name
        lines.append((f"{cumulative:.2f} s", f"{cumulative / total:.0%}", str(calls), function))
    print_table(lines)


def shorten(filename: str) -> str:
    """``…/src/fundgap/loading/_toml.py`` -> ``fundgap/loading/_toml.py``."""
    parts = Path(filename).parts
    for anchor in ("fundgap", "fundgap_cli"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    if "python3.11" in filename or "lib" in parts:
        return "/".join(parts[-2:])
    return filename


def print_table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


if __name__ == "__main__":
    sys.exit(main())
