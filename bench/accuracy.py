"""How delib does on real acts: facts against the sidecars, false alarms, and a mutation score.

    .venv/bin/python bench/accuracy.py                       # the whole shared corpus (../shared/corpus)
    .venv/bin/python bench/accuracy.py CORPUS_DIR ... --json out.json --families weekday,quorum-broken
    .venv/bin/python bench/accuracy.py --write-doc --label "first sight: texts 101-117"   # docs/accuracy.md
    .venv/bin/python bench/accuracy.py --floors bench/accuracy-floors.json               # fail below the floors

It reads every document (texts, one-line texts, PDF, DOCX, ODT) with `delib` as a user runs it,
prints the tables in Markdown (facts, false alarms, the same facts once flattened on one line,
mutation score), and exits with 0 when it ran; 1 when `--floors`, `--min-score`
or `--max-false` is not met; 2 on a usage error. The method is in docs/accuracy.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realacts import floors, invariance, report, results
from realacts.corpus import Delib, discover, read_all
from realacts.mutation import FAMILIES, score

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "accuracy.md"
INTRO = "# Accuracy on real acts\n\nWritten by `bench/accuracy.py --write-doc`; the method is written by hand above the history.\n"


def default_corpus() -> list[Path]:
    corpus = Path(os.environ.get("DELIB_CORPUS", ROOT.parent / "shared" / "corpus"))
    return sorted(p for p in corpus.iterdir() if p.is_dir()) if corpus.is_dir() else [corpus]


def commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "?"
    return head + ("+changes" if git("status", "--porcelain", "--", "validator", "rules", "grammar") else "")


def _fraction(text: str) -> float:
    """ "90%" or "90" (a percentage) or "0.9" (a fraction): a bare number above 1 is a percentage."""
    if text.endswith("%"):
        return float(text[:-1]) / 100
    value = float(text)
    return value / 100 if value > 1 else value


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="folders or files of real acts (default: every folder of ../shared/corpus)")
    parser.add_argument("--json", type=Path, help="write the measures as JSON to this file")
    parser.add_argument("--families", help=f"mutation operators to run, comma-separated (default: all): {', '.join(FAMILIES)}")
    parser.add_argument("--no-mutation", action="store_true", help="no mutation score")
    parser.add_argument("--no-flatten", action="store_true", help="no comparison with the texts flattened on one line")
    parser.add_argument("--write-doc", action="store_true", help="add the run to docs/accuracy.md (history row and the block of --label)")
    parser.add_argument("--label", default="current", help="what was measured, for docs/accuracy.md (default: current)")
    parser.add_argument("--min-score", type=_fraction, help="fail (exit 1) when fewer mutants are caught (0.9, 90 or 90%%)")
    parser.add_argument("--max-false", type=int, help="fail (exit 1) when more documents get a false alarm for sure")
    parser.add_argument("--floors", type=Path, help="fail (exit 1) when a figure falls below the floors of this file")
    parser.add_argument("--write-floors", type=Path, help="record this run's figures as floors")
    parser.add_argument("--config", type=Path, help="configuration given to delib (--config)")
    parser.add_argument("--delib", help="the command that runs delib (default: this Python's `-m validator`), e.g. another checkout's venv")
    parser.add_argument("--commit", help="the commit measured, for docs/accuracy.md, when --delib runs another checkout")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="delib's processes")
    parser.add_argument("--quiet", action="store_true", help="print only the verdict")
    args = parser.parse_args(argv)
    if args.families:
        args.families = [f.strip() for f in args.families.split(",") if f.strip()]
        unknown = [f for f in args.families if f not in FAMILIES]
        if unknown:
            parser.error(f"opérateur inconnu : {', '.join(unknown)} (connus : {', '.join(FAMILIES)})")
    else:
        args.families = list(FAMILIES)
    for path in [*args.paths, *(p for p in (args.config, args.floors) if p)]:
        if not path.exists():
            parser.error(f"introuvable : {path}")
    return args


def _described(paths: list[Path]) -> str:
    """The folders measured, files counted under their folder: "texts (9 files), flattened"."""
    folders = [p.name for p in paths if p.is_dir()]
    files: dict[str, int] = {}
    for p in paths:
        if p.is_file():
            files[p.parent.name] = files.get(p.parent.name, 0) + 1
    return ", ".join([*folders, *(f"{name} ({n} files)" for name, n in files.items())])


def run(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    paths = args.paths or default_corpus()
    docs = discover(paths)
    command = tuple(shlex.split(args.delib)) if args.delib else Delib.command
    delib = Delib(command=command, config=args.config, jobs=args.jobs)
    read_all(docs, delib)
    out = {"facts": results.facts(docs), "false_alarms": results.false_alarms(docs)}
    if not args.no_flatten:
        out["invariance"] = invariance.measure(docs, delib)
    if not args.no_mutation:
        out["mutation"] = results.mutation(score(docs, args.families, delib), args.families)
    out["run"] = {
        "date": dt.date.today().isoformat(), "commit": args.commit or commit(), "label": args.label, "seconds": time.perf_counter() - started,
        "documents": len(docs), "paths": _described(paths),
        "families": {f: sum(d.family == f for d in docs) for f in ("texts", "flattened", "pdf", "office")},
    }
    return out


def verdict(out: dict, args: argparse.Namespace) -> list[str]:
    failures = []
    if args.floors:
        failures += floors.check(out, floors.read(args.floors))
    mutation = out.get("mutation")
    if args.min_score is not None and mutation is not None:
        every = mutation["doc_families"]["all"]
        got = every["caught"] / every["made"] if every["made"] else 0.0
        if got < args.min_score:
            failures.append(f"score de mutation {100 * got:.1f} % < {100 * args.min_score:.1f} %")
    if args.max_false is not None and len(out["false_alarms"]["sure"]) > args.max_false:
        failures.append(f"{len(out['false_alarms']['sure'])} fausses alertes certaines > {args.max_false}")
    return failures


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    out = run(args)
    if not args.quiet:
        print(report.render(out))
    print(f"{out['run']['documents']} documents in {out['run']['seconds']:.1f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write_doc:
        report.write_doc(DOC, out, INTRO)
    if args.write_floors:
        floors.write(args.write_floors, out)
    failures = verdict(out, args)
    for failure in failures:
        print(f"accuracy : {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
