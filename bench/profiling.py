"""Where the time goes: pyinstrument over the in-process lint, `-X importtime` over the start-up.

    .venv/bin/python bench/profiling.py lint10k     # the 10 kB deliberation, linted 200 times
    .venv/bin/python bench/profiling.py lint1m      # the 1 MB procès-verbal, 3 times
    .venv/bin/python bench/profiling.py batch       # the 45 real layouts of the batch, 20 times each
    .venv/bin/python bench/profiling.py startup     # import and first-call costs of `delib check`

The lint profiles print pyinstrument's call tree (time per function, children included); the
start-up one prints the modules whose own import time is largest (medians of 9 runs), then the
phases after import. docs/benchmarks.md summarises what they showed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import batch_sources, proces_verbal, ten_kb_document

from validator.check.engine import RuleSet, lint_document
from validator.document import decode

PHASES = """
import time, sys
from pathlib import Path
t = [time.perf_counter()]
import validator.cli; t.append(time.perf_counter())
from validator.check.registry import collect; collect(); t.append(time.perf_counter())
from validator.parse.parsing import parser; parser(); t.append(time.perf_counter())
from validator.check.engine import RuleSet, lint_document
from validator.read.sources import read_document
ruleset = RuleSet.build(); document = read_document(Path(sys.argv[1])); t.append(time.perf_counter())
lint_document(document, ruleset); t.append(time.perf_counter())
lint_document(document, ruleset); t.append(time.perf_counter())
print(" ".join(str(b - a) for a, b in zip(t, t[1:])))
"""
PHASE_NAMES = ("import validator.cli", "collect rules", "parser() from the shipped tables", "rule set + read", "first lint", "second lint")


def profile_lint(texts: list[bytes], repeat: int) -> None:
    from pyinstrument import Profiler

    ruleset = RuleSet.build()
    for text in texts:
        lint_document(decode(text, "acte.txt"), ruleset)  # first-call costs out of the profile
    # A new document each time, as in a real run: what is remembered per text (the cues' scans)
    # must not make a repeated text look cheaper than a new one.
    documents = [decode(t, "acte.txt") for _ in range(repeat) for t in texts]
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for document in documents:
        lint_document(document, ruleset)
    profiler.stop()
    print(profiler.output_text(unicode=True, show_all=False))


def profile_startup(runs: int = 9) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    one = Path("/tmp/delib-profiling-one.txt")
    one.write_bytes(ten_kb_document())
    own: dict[str, list[int]] = defaultdict(list)
    phases: list[list[float]] = []
    for _ in range(runs):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import validator.cli"], env=env, capture_output=True, text=True, check=True).stderr
        for line in err.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                self_us, _, name = line.split(":", 1)[1].split("|")
                own[name.strip()].append(int(self_us))
        out = subprocess.run([sys.executable, "-c", PHASES, str(one)], env=env, capture_output=True, text=True, check=True).stdout
        phases.append([float(x) for x in out.split()])
    print("module (own import time, ms, median)")
    for ms, name in sorted(((statistics.median(v) / 1000, k) for k, v in own.items()), reverse=True)[:25]:
        print(f"  {ms:6.1f}  {name}")
    print("\nphase (ms, median)")
    for i, name in enumerate(PHASE_NAMES):
        print(f"  {statistics.median(p[i] for p in phases) * 1000:6.1f}  {name}")


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "lint10k"
    if what == "lint10k":
        profile_lint([ten_kb_document()], 200)
    elif what == "lint1m":
        profile_lint([proces_verbal(100)], 3)
    elif what == "batch":
        profile_lint(batch_sources(), 20)
    elif what == "startup":
        profile_startup()
    else:
        sys.exit(f"unknown profile {what!r}: lint10k, lint1m, batch or startup")


if __name__ == "__main__":
    main()
