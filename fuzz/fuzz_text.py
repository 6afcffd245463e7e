"""Fuzz the text path of `delib check`: bytes in, a report or a French error out.

    .venv/bin/python fuzz/fuzz_text.py -runs=2000 -seed=1               # what CI runs (bounded)
    .venv/bin/python fuzz/fuzz_text.py -max_total_time=3600 -timeout=10 -max_len=20000 \\
        -artifact_prefix=fuzz/out/ fuzz/out/corpus                      # the longer run (docs/robustness.md)

Seeds are the bundled samples; inputs are mutated as bytes by libFuzzer and as lines by
`harness.mutate`. Any exception other than the French `InputError`, or a broken invariant, is a
crash; its input becomes a file of `fuzz/regressions/`.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fuzz import driver  # noqa: E402

INCLUDE = ["validator", "fuzz.harness"]


def setup() -> None:
    from fuzz import harness

    harness.ruleset()  # imports the rule modules inside the instrumented block


def target(data: bytes) -> object:
    from fuzz import harness

    return harness.check_bytes(data, "fuzz")


def seeds() -> list[bytes]:
    from fuzz import harness

    return [text.encode("utf-8") for text in harness.seeds()]


def mutate(rng: random.Random, data: bytes, max_size: int) -> bytes:
    from fuzz import harness

    text = harness.mutate(rng, data.decode("utf-8", "replace"), 1)
    return text.encode("utf-8", "surrogatepass")[:max_size]


if __name__ == "__main__":
    sys.exit(driver.main(target, seeds, mutate, setup, INCLUDE))
