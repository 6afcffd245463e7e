"""Per-document lint time in process, its growth with size, and the floor it is compared with.

Our time is what `delib check` spends on one file once started: read the file, decode it, build
the model (reading view, Lark parse, sections), run every rule. The floor is the least any
grammar-based reading of the same file could cost: read, decode, and Lark's own lexer
(`lexer="basic"`) over the text, tokens consumed and nothing else. Our LineLexer alone is shown
for information: it does the floor's work with the parser's lexer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from inputs import proces_verbal, ten_kb_document
from measure import Table, Target, median, ms, runs

from validator.check.engine import RuleSet, lint_document
from validator.document import decode
from validator.parse.parsing import parser, reference_parser
from validator.read.sources import read_document


def _ours(path: Path, ruleset: RuleSet) -> None:
    lint_document(read_document(path), ruleset)


def _floor(path: Path) -> None:
    for _ in reference_parser().lex(decode(path.read_bytes(), str(path)).text):
        pass


def _line_lexer(path: Path) -> None:
    for _ in parser().lex(decode(path.read_bytes(), str(path)).text):
        pass


def measure(quick: bool) -> tuple[list[Table], list[Target]]:
    """Medians for 10 kB, 100 kB and 1 MB, each against its floor; growth against the 10 kB time."""
    ruleset = RuleSet.build()
    inputs = [
        ("10 kB deliberation", ten_kb_document(), 20 if quick else 200),
        ("100 kB procès-verbal (10 acts)", proces_verbal(10), 5 if quick else 30),
        ("1 MB procès-verbal (100 acts)", proces_verbal(100), 2 if quick else 7),
    ]
    table = Table(
        "In process, one document (medians)",
        "input", "size", "runs", "lint (ms)", "floor (ms)", "lint ÷ floor", "LineLexer alone (ms)", "lint ÷ 10 kB lint", "size ÷ 10 kB",
    )
    first: tuple[float, float, int] | None = None
    with tempfile.TemporaryDirectory(prefix="delib-bench-") as tmp:
        for label, data, repeat in inputs:
            path = Path(tmp) / "acte.txt"
            path.write_bytes(data)
            ours = median(runs(lambda path=path: _ours(path, ruleset), repeat))
            floor = median(runs(lambda path=path: _floor(path), repeat))
            lexer = median(runs(lambda path=path: _line_lexer(path), repeat))
            first = first or (ours, floor, len(data))
            growth, size = ours / first[0], len(data) / first[2]
            table.add(label, f"{len(data):,} B", repeat, ms(ours), ms(floor), f"{ours / floor:.1f}", ms(lexer), f"{growth:.1f}", f"{size:.0f}")
    assert first is not None
    ten_kb, ten_kb_floor = first[0], first[1]
    targets = [
        Target("in-process lint, 10 kB", "< 3 ms", f"{ten_kb * 1000:.2f} ms", ten_kb < 0.003),
        Target("in-process lint ÷ floor, 10 kB", "≤ 5×", f"{ten_kb / ten_kb_floor:.1f}×", ten_kb / ten_kb_floor <= 5),
        # Linear: the 1 MB time is within 1.5x of 100 times the 10 kB time.
        Target("growth, 1 MB ÷ 10 kB (size × 100)", "linear (≤ 150)", f"{growth:.0f}", growth <= 150),
    ]
    return [table], targets
