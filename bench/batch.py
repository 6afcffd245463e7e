"""Batch throughput of `delib check DIR` and the peak memory of its whole process tree.

The directory holds N deliberations cycling the bundled samples and the corpus texts (45 real
layouts), each copy made unique (see inputs.write_batch). The command is run as CI runs it, from
the console script, with its output discarded; the time is the wall time of the whole command,
start-up included. Peak RSS is the sum over the parent and its worker processes (psutil sampling).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from inputs import write_batch
from measure import (
    Run,
    Table,
    Target,
    delib_command,
    delib_env,
    mb,
    median,
    run_command,
)

from validator.report.runner import cpu_count

TARGET_DOCS_PER_SECOND = 500
TARGET_PEAK_BYTES = 150_000_000


def check_dir(folder: Path, jobs: int, cache_dir: Path, *extra: str) -> Run:
    return run_command(delib_command("check", str(folder), "-j", str(jobs), "--fail-on", "never", *extra), env=delib_env(cache_dir))


def best_of(repeat: int, folder: Path, jobs: int, cache_dir: Path) -> tuple[float, float, int]:
    """Median wall time, median CPU time and the highest peak RSS over `repeat` runs."""
    results = [check_dir(folder, jobs, cache_dir) for _ in range(repeat)]
    return median([r.seconds for r in results]), median([r.cpu for r in results]), max(r.peak_rss for r in results)


def measure(quick: bool, workdir: Path) -> tuple[list[Table], list[Target]]:
    cpus = cpu_count()
    counts = (250, 1000) if quick else (250, 1000, 4000)
    repeat = 1 if quick else 3
    cache_dir = workdir / "cache"
    table = Table(
        "Batch: `delib check DIR` (whole command, median of runs)",
        "files", "-j", "runs", "wall (s)", "CPU, all processes (s)", "documents / s", "peak RSS, process tree", "RSS per file beyond 250",
    )
    figures: dict[tuple[int, int], tuple[float, int]] = {}
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="delib-batch-", dir=workdir) as tmp:
            write_batch(Path(tmp), count)
            for jobs in sorted({1, cpus}):
                seconds, cpu, peak = best_of(repeat, Path(tmp), jobs, cache_dir)
                figures[(count, jobs)] = (seconds, peak)
                base = figures.get((counts[0], jobs))
                growth = f"{(peak - base[1]) / (count - counts[0]) / 1000:+.1f} kB" if base and count > counts[0] else ""
                table.add(f"{count:,}", jobs, repeat, f"{seconds:.2f}", f"{cpu:.2f}", f"{count / seconds:.0f}", mb(peak), growth)
    seconds, peak = figures[(1000, cpus)]
    largest = max(counts)
    flat = figures[(largest, cpus)][1] - figures[(counts[0], cpus)][1]
    targets = [
        Target(f"batch throughput, 1,000 files, -j {cpus}", f"≥ {TARGET_DOCS_PER_SECOND} docs/s", f"{1000 / seconds:.0f} docs/s", 1000 / seconds >= TARGET_DOCS_PER_SECOND),
        Target("peak RSS, 1,000 files (process tree)", "< 150 MB", mb(peak), peak < TARGET_PEAK_BYTES),
        # Flat: less than 10 MB more for 16x the files (the workers' own heaps vary by a few MB).
        Target(f"RSS growth, {counts[0]:,} → {largest:,} files, -j {cpus}", "flat (< 10 MB)", f"{flat / 1e6:+.0f} MB", flat < 10_000_000),
    ]
    return [table], targets
