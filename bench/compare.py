"""delib beside proselint and textlint, in the same run, on the same files.

Three figures per tool: one 10 kB file from a cold start (what a save hook costs); the cost of one
more 10 kB file within a run (start-up taken out: the slope between runs over few and many unique
copies of the 10 kB deliberation); and documents per second over the batch directory of real
deliberations, with the peak RSS of the tool's process tree. Neither proselint nor textlint uses
more than one core, so the per-file cost is compared with `delib -j 1`, the batch rate with both.
"""

from __future__ import annotations

from pathlib import Path

from inputs import ten_kb_document, write_batch, write_copies
from measure import Table, Target, delib_command, delib_env, mb, median
from others import INSTALL_HINT, Tool, available

from validator import __version__
from validator.report.runner import cpu_count

AHEAD = 20  # the aim of issue 9: at least 20 times ahead


def _seconds(tool: Tool, paths: list[Path], repeat: int) -> float:
    return median([tool.run(paths).seconds for _ in range(repeat)])


def measure(quick: bool, workdir: Path) -> tuple[list[Table], list[Target]]:
    others, missing = available()
    if missing:
        print(f"(skipped: {', '.join(missing)} not installed)\n{INSTALL_HINT}\n")
    env = delib_env(workdir / "cache")
    jobs = cpu_count()
    single = Tool("delib -j 1", __version__, delib_command("check", "--fail-on", "never", "-j", "1"), env=env)
    parallel = Tool(f"delib -j {jobs}", __version__, delib_command("check", "--fail-on", "never", "-j", str(jobs)), env=env)
    # At least 8 files in the smaller run, so that -j 2 starts its workers in both runs.
    few, many = (8, 40) if quick else (10, 110)
    copies = write_copies(workdir / "copies", ten_kb_document(), many)
    batch_size = 100 if quick else 1000
    batch = write_batch(workdir / "batch-compare", batch_size)
    repeat = 2 if quick else 3
    table = Table(
        f"Side by side on the same files ({batch_size:,} deliberations for the batch; medians of {repeat} runs)",
        "tool", "version", "start + one 10 kB file (ms)", "one more 10 kB file (ms)", "batch: documents / s", "batch: peak RSS",
    )
    figures: dict[str, tuple[float, float, float]] = {}
    for tool in [single, parallel, *others]:
        one = _seconds(tool, copies[:1], repeat + 2)
        per_file = max(_seconds(tool, copies, repeat) - _seconds(tool, copies[:few], repeat), 0.0) / (many - few)
        runs = [tool.run(batch) for _ in range(repeat)]
        rate = batch_size / median([r.seconds for r in runs])
        figures[tool.name] = (one, per_file, rate)
        table.add(tool.name, tool.version, f"{one * 1000:.0f}", f"{per_file * 1000:.1f}", f"{rate:.0f}", mb(max(r.peak_rss for r in runs)))
    if not others:
        return [table], []
    ours_one, ours_per_file, ours_rate = figures[single.name][0], figures[single.name][1], figures[parallel.name][2]
    ratios = Table(
        "delib's speed as a multiple of each tool's",
        "tool", "start + one file (-j 1)", "one more 10 kB file (-j 1)", f"batch documents / s (-j {jobs})", "batch documents / s (-j 1)",
    )
    targets = []
    for tool in others:
        one, per_file, rate = figures[tool.name]
        file_ratio = per_file / ours_per_file if ours_per_file else float("inf")
        ratios.add(tool.name, f"{one / ours_one:.1f}×", f"{file_ratio:.0f}×", f"{ours_rate / rate:.1f}×", f"{figures[single.name][2] / rate:.1f}×")
        targets.append(Target(f"ahead of {tool.name}: batch documents / s (-j {jobs})", f"≥ {AHEAD}×", f"{ours_rate / rate:.1f}×", ours_rate / rate >= AHEAD))
        targets.append(Target(f"ahead of {tool.name}: one more 10 kB file (-j 1)", f"≥ {AHEAD}×", f"{file_ratio:.0f}×", file_ratio >= AHEAD))
    return [table, ratios], targets
