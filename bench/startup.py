"""CLI start-up: `delib check one.txt` on the 10 kB deliberation, as a clerk's editor hook runs it.

"Shipped tables": the Lark parser is loaded from the LALR tables shipped in the package (JSON,
`validator/parse/grammartables.py`), as on every run. "Built": `DELIB_NO_GRAMMAR_CACHE=1`, the tables
are built from the grammar in memory, as when the shipped ones do not match (a grammar being
edited). No parser is cached on disk any more (a pickled cache ran planted code). Bytecode is written and read in both (an installed copy always has it). CPU time (user +
system, from the kernel's accounting of the child) is shown beside wall time: on a shared machine
wall time also counts waiting for a core, CPU time does not.
"""

from __future__ import annotations

from pathlib import Path

from inputs import ten_kb_document
from measure import Table, Target, delib_command, delib_env, median, run_command

TARGET_SECONDS = 0.25


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    run = run_command(cmd, env)
    return run.seconds, run.cpu


def measure(quick: bool, workdir: Path) -> tuple[list[Table], list[Target]]:
    one = workdir / "one.txt"
    one.write_bytes(ten_kb_document())
    cmd = delib_command("check", str(one))
    repeat = 5 if quick else 20
    warm_env = delib_env(workdir / "cache-warm")
    _timed(cmd, warm_env)  # writes the bytecode once
    warm = [_timed(cmd, warm_env) for _ in range(repeat)]
    built_env = {**warm_env, "DELIB_NO_GRAMMAR_CACHE": "1"}
    cold = [_timed(cmd, built_env) for i in range(max(3, repeat // 4))]
    table = Table("CLI start-up: `delib check one.txt` (10 kB), medians", "LALR tables", "runs", "wall (ms)", "CPU (ms)", "fastest wall (ms)")
    for label, times in (("shipped (every run)", warm), ("built from the grammar", cold)):
        table.add(label, len(times), f"{median([t[0] for t in times]) * 1000:.0f}", f"{median([t[1] for t in times]) * 1000:.0f}", f"{min(t[0] for t in times) * 1000:.0f}")
    wall = median([t[0] for t in warm])
    return [table], [Target("CLI cold start, one file, shipped tables", "< 250 ms", f"{wall * 1000:.0f} ms", wall < TARGET_SECONDS)]
