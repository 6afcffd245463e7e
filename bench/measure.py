"""Timing, memory sampling and Markdown tables shared by the benchmark sections."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import psutil

ROOT = Path(__file__).resolve().parent.parent


def runs(fn: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Wall times (seconds) of `repeat` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median(times: Sequence[float]) -> float:
    return statistics.median(times)


class PeakRSS:
    """Peak resident memory of a process and all its descendants, sampled every 5 ms with psutil.

    The sum of the tree's RSS counts pages shared between the parent and forked workers once per
    process, so it errs on the high side, never the low one. A sampler misses peaks shorter than
    its period; the processes measured here hold their memory for seconds.
    """

    def __init__(self, pid: int, period: float = 0.005) -> None:
        self.root = psutil.Process(pid)
        self.period = period
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            total = 0
            for proc in tree:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue  # a worker that just exited
            self.peak = max(self.peak, total)
            self._stop.wait(self.period)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int
    returncode: int
    # User + system time of the command and of every process it waited for (its workers).
    cpu: float = 0.0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(cmd: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run a command to completion, output discarded; its wall time, CPU time and the peak RSS of its tree."""
    cpu = children_cpu()
    start = time.perf_counter()
    proc = psutil.Popen(list(cmd), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakRSS(proc.pid) as rss:
        _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: findings, which the benchmark inputs have on purpose
        sys.stderr.write(f"warning: {' '.join(cmd[:4])}… exited with {proc.returncode}: {err.decode(errors='replace')[-500:]}\n")
    return Run(elapsed, rss.peak, proc.returncode, children_cpu() - cpu)


def delib_env(cache_dir: Path) -> dict[str, str]:
    """The environment of a `delib` subprocess: its own cache folder, bytecode written and read.

    Without bytecode (PYTHONDONTWRITEBYTECODE=1 on this workplace's machines) every start would
    also compile ~100 modules, which no installed copy does.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["DELIB_CACHE_DIR"] = str(cache_dir)
    return env


def delib_command(*args: str) -> list[str]:
    """`delib ...` from this checkout's virtual environment (the console script, as a clerk runs it)."""
    script = Path(sys.executable).parent / "delib"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "validator", *args]


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


@dataclass(frozen=True)
class Target:
    """One target of issue 9 and what this run measured against it."""

    what: str
    goal: str
    measured: str
    met: bool

    def row(self) -> tuple[str, str, str, str]:
        return (self.what, self.goal, self.measured, "met" if self.met else "**missed**")


class Table:
    """A Markdown table printed at once, so that sections never interleave their rows."""

    def __init__(self, title: str, *headers: str) -> None:
        self.title = title
        self.headers = headers
        self.rows: list[tuple[str, ...]] = []

    def add(self, *cells: object) -> None:
        self.rows.append(tuple(str(c) for c in cells))

    def render(self) -> str:
        align = ["---"] + ["---:"] * (len(self.headers) - 1)
        lines = [f"### {self.title}", "", "| " + " | ".join(self.headers) + " |", "|" + "|".join(align) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"
