"""CLI start-up: `delib check one.txt` on the 10 kB deliberation, as a clerk's editor hook runs it.

"Grammar cache warm": the Lark parser is loaded from the user cache directory, as on every run
but the first. "Cold": a new, empty cache directory each run, so the LALR tables are built and
written. Bytecode is written and read in both (an installed copy always has it). CPU time (user +
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
    _timed(cmd, warm_env)  # builds the grammar cache and the bytecode once
    warm = [_timed(cmd, warm_env) for _ in range(repeat)]
    cold = [_timed(cmd, delib_env(workdir / f"cache-cold-{i}")) for i in range(max(3, repeat // 4))]
    table = Table("CLI start-up: `delib check one.txt` (10 kB), medians", "grammar cache", "runs", "wall (ms)", "CPU (ms)", "fastest wall (ms)")
    for label, times in (("warm", warm), ("cold (LALR tables built)", cold)):
        table.add(label, len(times), f"{median([t[0] for t in times]) * 1000:.0f}", f"{median([t[1] for t in times]) * 1000:.0f}", f"{min(t[0] for t in times) * 1000:.0f}")
    wall = median([t[0] for t in warm])
    return [table], [Target("CLI cold start, one file, grammar cache warm", "< 250 ms", f"{wall * 1000:.0f} ms", wall < TARGET_SECONDS)]
