"""Benchmark: per-document lint time in process, and CLI cold start.

Run:  .venv/bin/python bench/bench.py            (writes a table to stdout)
Not a test: timings depend on the machine; docs/benchmarks.md records the figures and the machine.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.document import decode  # noqa: E402
from validator.engine import RuleSet, lint_document  # noqa: E402

REPEAT = 50


def median_ms(fn, repeat: int = REPEAT) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def ten_kb_document() -> bytes:
    """A realistic 10 kB deliberation: our bureau sample with its report lengthened to 10 kB."""
    base = (ROOT / "samples" / "conformes" / "metropole-bureau.txt").read_text(encoding="utf-8")
    head, marker, tail = base.partition("Il est proposé d'attribuer")
    paragraph = head.split("soumet au Bureau de la Métropole le rapport suivant :")[1]
    text = base
    while len(text.encode()) < 10_000:
        head += paragraph
        text = head + marker + tail
    return text.encode()


def main() -> None:
    ruleset = RuleSet.build()
    print(f"# delib-validator benchmark — {platform.processor() or platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} CPU")
    print()
    print("| document | size | median lint (ms) |")
    print("|---|---:|---:|")
    samples = sorted((ROOT / "samples").rglob("*.txt"))
    for path in samples:
        data = path.read_bytes()
        ms = median_ms(lambda: lint_document(decode(data, str(path)), ruleset))
        print(f"| {path.relative_to(ROOT)} | {len(data):,} B | {ms:.2f} |")
    data = ten_kb_document()
    ms = median_ms(lambda: lint_document(decode(data, "10k.txt"), ruleset))
    print(f"| 10 kB deliberation (target < 5 ms) | {len(data):,} B | {ms:.2f} |")
    print()
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "acte.txt"
        one.write_bytes(data)
        cmd = [sys.executable, "-m", "validator", "check", str(one)]
        env_cold = {**os.environ, "DELIB_CACHE_DIR": str(Path(tmp) / "cache")}
        cold = []
        for i in range(5):
            env_cold["DELIB_CACHE_DIR"] = str(Path(tmp) / f"cache{i}")
            t = time.perf_counter()
            subprocess.run(cmd, env=env_cold, capture_output=True)
            cold.append(time.perf_counter() - t)
        warm = []
        for _ in range(10):
            t = time.perf_counter()
            subprocess.run(cmd, env=env_cold, capture_output=True)
            warm.append(time.perf_counter() - t)
        print("| CLI start, one file | median (ms) |")
        print("|---|---:|")
        print(f"| grammar cache cold | {statistics.median(cold) * 1000:.0f} |")
        print(f"| grammar cache warm (target < 300 ms) | {statistics.median(warm) * 1000:.0f} |")
    pdf_pages_per_second()


def pdf_pages_per_second() -> None:
    from validator.readers.pdf import read_pdf

    corpus = Path(os.environ.get("DELIB_CORPUS", ROOT.parent / "shared" / "corpus"))
    pdfs = sorted((corpus / "pdf").rglob("*.pdf"))
    if not pdfs:
        print("\n(corpus PDF introuvable : DELIB_CORPUS)")
        return
    blobs = [(p, p.read_bytes()) for p in pdfs]
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        pages = sum(len(read_pdf(data, str(p)).page_starts) for p, data in blobs)
        runs.append(time.perf_counter() - t)
    best = statistics.median(runs)
    print()
    print("| PDF extraction | pages | median (s) | pages per second |")
    print("|---|---:|---:|---:|")
    print(f"| {len(pdfs)} corpus PDFs | {pages} | {best:.2f} | {pages / best:.0f} |")


if __name__ == "__main__":
    main()
