"""Run a fuzz target under atheris (coverage-guided, libFuzzer) or, without it, a seeded mutation loop.

Both take libFuzzer's flags, so one command line serves both:

    python fuzz/fuzz_text.py -runs=100000 -max_total_time=3600 -timeout=10 -artifact_prefix=fuzz/out/

A corpus folder named on the command line is grown by atheris (and seeded when new or empty).
`-runs`, `-seed`, `-max_total_time`, `-timeout`, `-artifact_prefix` and `-max_len` are understood by
the fallback too; `--fallback` forces it even where atheris is installed (atheris has no wheel for
every platform, and CI must fuzz for real either way). Seeds are written to a fresh directory that
the run may grow; the bundled samples are never written to. A failing input is saved as
`<artifact_prefix>crash-<sha1>` (libFuzzer's name) and the run exits with code 1.
"""

from __future__ import annotations

import hashlib
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

Target = Callable[[bytes], object]
Mutate = Callable[[random.Random, bytes, int], bytes]


def flags(argv: Sequence[str]) -> dict[str, str]:
    return dict(a[1:].split("=", 1) for a in argv if a.startswith("-") and not a.startswith("--") and "=" in a)


def main(target: Target, seeds: Callable[[], list[bytes]], mutate: Mutate, setup: Callable[[], None], include: list[str], argv: Sequence[str] | None = None) -> int:
    """Fuzz `target`; `setup` imports what the target runs, which atheris instruments when it is in `include`."""
    argv = list(sys.argv if argv is None else argv)
    fallback = "--fallback" in argv
    argv = [a for a in argv if a != "--fallback"]
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is None or fallback:
        setup()
        return fallback_run(target, seeds(), mutate, flags(argv[1:]))
    with atheris.instrument_imports(include=include):
        setup()
    corpus = [a for a in argv[1:] if not a.startswith("-")]
    if not corpus:
        argv.append(str(write_seeds(seeds(), Path(tempfile.mkdtemp(prefix="delib-fuzz-")))))
    elif not Path(corpus[0]).is_dir() or not any(Path(corpus[0]).iterdir()):
        write_seeds(seeds(), Path(corpus[0]))  # a new corpus folder starts from the seeds

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        # Half structure-aware (lines lost, doubled, swapped...), half libFuzzer's byte mutations.
        rng = random.Random(seed)
        if rng.random() < 0.5:
            return mutate(rng, data, max_size)
        return atheris.Mutate(data, max_size)

    atheris.Setup(argv, lambda data: target(data), custom_mutator=custom_mutator)
    atheris.Fuzz()
    return 0  # pragma: no cover - libFuzzer exits by itself


def write_seeds(seeds: list[bytes], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for data in seeds:
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return folder


def fallback_run(target: Target, seeds: list[bytes], mutate: Mutate, opts: dict[str, str]) -> int:
    """Mutate the seeds with a seeded generator; stop at -runs or -max_total_time; report like libFuzzer."""
    rng = random.Random(int(opts.get("seed", "1")))
    runs = int(opts.get("runs", "-1"))
    budget = float(opts.get("max_total_time", "0")) or float("inf")
    timeout = float(opts.get("timeout", "0")) or float("inf")
    max_len = int(opts.get("max_len", "200000"))
    prefix = opts.get("artifact_prefix", "./")
    pool = list(seeds)
    start = time.monotonic()
    done = slowest = 0.0
    i = 0
    while i != runs and time.monotonic() - start < budget:
        data = pool[i] if i < len(seeds) else mutate(rng, rng.choice(pool), max_len)
        began = time.perf_counter()
        try:
            target(data)
        except Exception:
            save(prefix, "crash", data)
            raise
        took = time.perf_counter() - began
        if took > timeout:
            save(prefix, "timeout", data)
            print(f"==timeout== {took:.1f} s > {timeout} s", file=sys.stderr)
            return 1
        slowest = max(slowest, took)
        if i >= len(seeds) and rng.random() < 0.05:
            pool.append(data)  # a damaged file can be damaged further
        i += 1
        done = i
    print(f"Done {int(done)} runs in {time.monotonic() - start:.1f} s (fallback driver; slowest input {slowest:.3f} s)", file=sys.stderr)
    return 0


def save(prefix: str, kind: str, data: bytes) -> Path:
    path = Path(f"{prefix}{kind}-{hashlib.sha1(data).hexdigest()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"==fuzz== {kind} input written to {path}", file=sys.stderr)
    return path
