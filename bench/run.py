"""delib-validator benchmarks: one command, Markdown on standard output.

    .venv/bin/pip install -e '.[bench]'        # psutil (memory of the process tree), pyinstrument
    .venv/bin/python bench/run.py              # everything (about 10 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick      # fewer runs and files (about 2 minutes)
    .venv/bin/python bench/run.py --only inprocess,startup
    .venv/bin/python bench/run.py --install-tools   # first fetch proselint and textlint to compare

Sections: inprocess (one document, 10 kB to 1 MB, against the lexer floor), batch (directories of
250 to 4,000 files, -j 1 and -j CPUs, peak RSS), startup (CLI cold start), cache (--cache, second
run), pdf (pages per second), lsp (didChange to publishDiagnostics), compare (proselint, textlint).
Not a test: figures depend on the machine and its load; docs/benchmarks.md records them with the
machine, the command and the date. Medians over repeated runs throughout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import batch
import cachegain
import compare
import inprocess
import others
import pdfspeed
import startup
from measure import Table, Target

import validator

Section = Callable[[bool, Path], tuple[list[Table], list[Target]]]
SECTIONS: dict[str, Section] = {
    "inprocess": lambda quick, _: inprocess.measure(quick),
    "batch": batch.measure,
    "startup": startup.measure,
    "cache": cachegain.measure,
    "pdf": pdfspeed.measure,
    "compare": compare.measure,
}
ALL = [*SECTIONS, "lsp"]


def header(argv: list[str]) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return "\n".join([
        f"## delib-validator {validator.__version__} benchmarks — {dt.date.today().isoformat()}",
        "",
        f"- machine: {cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()}; load average at start (1 / 5 / 15 min): {load}",
        f"- command: `{' '.join(['.venv/bin/python', 'bench/run.py', *argv])}`",
        "",
    ])


def wait_for_load(threshold: float, patience: float = 600) -> None:
    """On a shared machine: let other jobs finish before measuring, but not forever."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= threshold and time.monotonic() < deadline:
        time.sleep(5)


def main() -> None:
    parser = argparse.ArgumentParser(description="delib-validator benchmarks (Markdown on standard output)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller batches")
    parser.add_argument("--only", help=f"comma-separated sections among: {', '.join(ALL)}")
    parser.add_argument("--install-tools", action="store_true", help="install proselint and textlint under bench/.tools first")
    parser.add_argument("--wait-load", type=float, metavar="X", help="before each section, wait (10 minutes at most) for the 1-minute load average to fall below X")
    args = parser.parse_args()
    chosen = ALL if not args.only else [s.strip() for s in args.only.split(",")]
    unknown = [s for s in chosen if s not in ALL]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    if args.install_tools:
        others.install()
    print(header(sys.argv[1:]), flush=True)
    targets: list[Target] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="delib-bench-") as tmp:
        for name in chosen:
            if args.wait_load is not None:
                wait_for_load(args.wait_load)
            if name == "lsp":
                import lsp_latency  # needs the lsp extra; imported only when asked for

                print(lsp_latency.section(args.quick), flush=True)
                continue
            workdir = Path(tmp) / name
            workdir.mkdir()
            before = os.getloadavg()[0]
            tables, found = SECTIONS[name](args.quick, workdir)
            for table in tables:
                print(table.render(), flush=True)
            # What else ran meanwhile: on a shared machine wall times mean little without it.
            print(f"_Load average (1 min) before and after this section: {before:.2f}, {os.getloadavg()[0]:.2f}._\n", flush=True)
            targets += found
    summary = Table("Targets of issue 9", "target", "goal", "measured", "verdict")
    for target in targets:
        summary.add(*target.row())
    print(summary.render())
    print(f"(benchmark run took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
