"""`delib check --cache`: the same directory checked twice, the second time from the cache.

The first run starts from an empty cache directory (every file is linted and stored), the second
finds every entry (each file is still read and hashed, its findings come from the cache). The two
outputs are compared, the time line of the summary aside: the cache must change nothing.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from inputs import write_batch
from measure import Table, Target, delib_command, delib_env, median

from validator.report.runner import cpu_count

_ELAPSED = re.compile(rb" en \d+,\d+ s")


def _run(folder: Path, cache_dir: Path, jobs: int) -> tuple[float, bytes]:
    cmd = delib_command("check", str(folder), "--cache", "-j", str(jobs), "--fail-on", "never", "--no-color")
    start = time.perf_counter()
    out = subprocess.run(cmd, env=delib_env(cache_dir), capture_output=True, check=False).stdout
    return time.perf_counter() - start, _ELAPSED.sub(b"", out)


def measure(quick: bool, workdir: Path) -> tuple[list[Table], list[Target]]:
    count = 250 if quick else 1000
    folder = workdir / "batch-cache"
    write_batch(folder, count)
    table = Table(f"Result cache: `delib check DIR --cache`, {count:,} files (medians)", "-j", "runs", "first run, empty cache (s)", "second run, all hits (s)", "gain", "same output")
    targets = []
    for jobs in sorted({1, cpu_count()}):
        firsts, seconds, same = [], [], True
        for i in range(1 if quick else 3):
            cache_dir = workdir / f"cache-results-{jobs}-{i}"
            # A first run writes the bytecode, so that the first measured run differs only by the results.
            subprocess.run(delib_command("check", "--fail-on", "never", str(next(folder.rglob("*.txt")))), env=delib_env(cache_dir), capture_output=True, check=False)
            first, out1 = _run(folder, cache_dir, jobs)
            second, out2 = _run(folder, cache_dir, jobs)
            firsts.append(first)
            seconds.append(second)
            same = same and out1 == out2
        gain = median(firsts) / median(seconds)
        table.add(jobs, len(firsts), f"{median(firsts):.2f}", f"{median(seconds):.2f}", f"{gain:.1f}×", "yes" if same else "**no**")
        targets.append(Target(f"cache, second run identical, -j {jobs}", "same output", "same" if same else "different", same))
    return [table], targets
