"""Hostile inputs of the audit (issue 16): texts of 5-10 MB dense in what the tool looks for, the same
flattened on one line, and configurations that cost exponential time. Each is checked by `delib
check` with a time limit; a table of the times is printed.

    .venv/bin/python bench/hostile.py                    # generate in a temporary folder, run, print
    .venv/bin/python bench/hostile.py --keep DIR         # keep the inputs in DIR
    .venv/bin/python bench/hostile.py --only one-line    # the cases whose name holds a word
    .venv/bin/python bench/hostile.py --scale 0.1        # a tenth of the sizes, for a quick look

The bar of issue 16: each one-line text under 5 s, and the whole folder of texts, checked in one
run, under 60 s. Exit code 0 when both hold, 1 when not, 2 on a usage error. The table is Markdown,
to paste into docs/robustness.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import delib_command, delib_env

ROOT = Path(__file__).resolve().parent.parent
ACT = (ROOT / "samples" / "non_conformes" / "presents-annonces-faux.txt").read_text(encoding="utf-8")
VISA = "Vu le Code général des collectivités territoriales ;\n"
BEFORE_ARTICLE_2 = "Article 2 :"
ONE_LINE_SECONDS = 5.0
FOLDER_SECONDS = 60.0


def in_visas(block: str) -> str:
    return ACT.replace(VISA, VISA + block, 1)


def in_dispositif(block: str) -> str:
    return ACT.replace(BEFORE_ARTICLE_2, block + BEFORE_ARTICLE_2, 1)


# name: (what the audit calls it, a builder of n units, n for the full size)
TEXTS: dict[str, tuple[str, Callable[[int], str], int]] = {
    "visas": ("I22", lambda n: "".join(f"Vu la délibération n° {i} du 12 mars 2021 ;\n" for i in range(n)), 200_000),
    "dates": ("I23", lambda n: "Le lundi 1 janvier 1990\n" * n, 300_000),
    "figure-dates": ("I24", lambda n: "01/01/1990 reçu en préfecture le 1 janvier 1990\n" * n, 200_000),
    "wrong-weekdays": ("a finding per line", lambda n: "Le mardi 1 janvier 1990\n" * n, 200_000),
    "amounts": ("in an act", lambda n: in_dispositif("1 000 €\n" * n), 600_000),
    "articles": ("in an act", lambda n: in_dispositif("".join(f"Article {i} : le conseil approuve.\n" for i in range(3, n + 3))), 150_000),
    "citations": ("in an act", lambda n: in_visas("Vu le code général des collectivités territoriales, article L2121-29 ;\n" * n), 80_000),
    "totals": ("in an act", lambda n: in_dispositif("".join(f"Le montant total de {i} 000 € ;\n" for i in range(n))), 150_000),
    "grants": ("in an act", lambda n: in_dispositif("".join(f"Une subvention de 500 € à l'association X{i} ;\n" for i in range(n))), 100_000),
}


def laughs(levels: int, indent: str) -> str:
    """Billion laughs: each level a list of nine aliases of the level below."""
    rows = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "".join(f"{indent}{r}\n" for r in rows)


# name: (audit, .delib.yaml, name of the act beside it)
CONFIGS: dict[str, tuple[str, str, str]] = {
    "alias-bomb-rules": ("C1", "rules:\n  required-visas:\n    required:\n      zz:\n" + laughs(9, "        "), "acte.txt"),
    "alias-bomb-description": ("C2", "local-rules:\n  x:\n    message: m\n    forbid: [zzz]\n    description:\n" + laughs(8, "      "), "acte.txt"),
    "glob-stars": ("C22", 'exclude: ["*a*a*a*a*a*a*a*a*a*a*a*ab"]\n', "a" * 200 + ".txt"),
    "glob-folders": ("C22", 'exclude: ["' + "**/" * 8 + 'x"]\n', "/".join(["d"] * 60) + "/acte.txt"),
}


def generate(folder: Path, scale: float, only: str | None) -> list[tuple[str, str, Path, Path]]:
    """Write the inputs; each case is (name, audit, path to check, folder to run in)."""
    texts, configs = folder / "textes", folder / "configurations"
    texts.mkdir(parents=True)
    cases = []
    for name, (audit, build, n) in TEXTS.items():
        text = build(max(1, int(n * scale)))
        for variant, content in ((name, text), (f"{name}-one-line", " ".join(text.splitlines()))):
            if only and only not in variant:
                continue
            path = texts / f"{variant}.txt"
            path.write_text(content, encoding="utf-8")
            cases.append((variant, audit, path, folder))
    for name, (audit, config, act) in CONFIGS.items():
        if only and only not in name:
            continue
        case = configs / name
        (case / act).parent.mkdir(parents=True)
        (case / ".delib.yaml").write_text(config, encoding="utf-8")
        (case / act).write_text(ACT, encoding="utf-8")
        cases.append((name, audit, case, case))
    return cases


def run(path: Path, cwd: Path, timeout: float, env: dict[str, str], jobs: tuple[str, ...] = ("-j", "1")) -> tuple[float, str]:
    cmd = delib_command("check", "--fail-on", "never", *jobs, str(path))
    start = time.perf_counter()
    # A session of its own: on timeout the workers of `-j` are killed with it, not left to load
    # the machine for the next cases.
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return time.perf_counter() - start, "timeout"
    elapsed = time.perf_counter() - start
    code = str(proc.returncode)
    if proc.returncode not in (0, 1) and err.strip():
        # The message without the folder's name, which is long and temporary.
        code += f" ({err.decode(errors='replace').strip().splitlines()[-1].replace(str(cwd) + '/', '')[:70]})"
    return elapsed, code


def size(path: Path) -> str:
    n = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the inputs here (a new folder) and keep them")
    parser.add_argument("--only", help="only the cases whose name holds this word")
    parser.add_argument("--scale", type=float, default=1.0, help="sizes times this factor (default 1)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed for each run (default 60)")
    args = parser.parse_args(argv)
    if args.keep is not None and args.keep.exists():
        parser.error(f"{args.keep} exists")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="delib-hostile-"))
    try:
        return report(folder, args)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def report(folder: Path, args: argparse.Namespace) -> int:
    cases = generate(folder, args.scale, args.only)
    env = delib_env(folder / "cache")
    print("| input | audit | size | seconds | exit code |\n|---|---|---|---|---|")
    ok = True
    for name, audit, path, cwd in cases:
        seconds, code = run(path, cwd, args.timeout, env)
        ok &= code != "timeout" and not (name.endswith("one-line") and seconds >= ONE_LINE_SECONDS)
        print(f"| {name} | {audit} | {size(path)} | {seconds:.2f} | {code} |", flush=True)
    texts = folder / "textes"
    if any(texts.iterdir()):
        seconds, code = run(texts, folder, args.timeout, env, jobs=())  # as many workers as cores
        ok &= code != "timeout" and seconds < FOLDER_SECONDS
        print(f"| the folder of texts, one run (`-j` all cores) | | {size(texts)} | {seconds:.2f} | {code} |")
    print(f"\nBar: each one-line text < {ONE_LINE_SECONDS:.0f} s, the folder of texts < {FOLDER_SECONDS:.0f} s: {'met' if ok else 'NOT met'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
