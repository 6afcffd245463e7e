"""The mutation score: one defect injected at a time, and whether `delib check` reports it.

A mutant counts as caught when the check of the mutant reports an `error` or a `warning` of the
operator's rule that the check of the unchanged text did not report (same rule, severity and
message), within 3 lines of a changed place. On a line of more than 400 characters (a one-line OCR
text) "3 lines" means 240 characters: three lines of a page.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import act_ops, attendance_ops, record_ops
from .corpus import Delib, Doc
from .mutant import Context, Mutant
from .textforms import Lines, session_date

OPERATORS = [*attendance_ops.OPERATORS, *act_ops.OPERATORS, *record_ops.OPERATORS]
FAMILIES = {op.__name__.replace("_", "-"): op for op in OPERATORS}
NEAR_LINES, LONG_LINE, NEAR_CHARS = 3, 400, 240


@dataclass(frozen=True)
class Outcome:
    doc: Doc
    mutant: Mutant
    caught: bool
    line: int  # of the first changed place, in the mutant
    seen: str  # what delib said of the operator's rule near the change, when it missed


def mutants_of(doc: Doc, families: list[str]) -> list[Mutant]:
    if not doc.text:
        return []
    ctx = Context(session_date(doc.text, doc.sidecar.session_date if doc.sidecar else None))
    made = []
    for name in families:
        op = FAMILIES[name]
        made.extend(Mutant(name, rule_of(name), c.text, c.sites, c.what) for c in op(doc.text, ctx))
    return made


def rule_of(family: str) -> str:
    """The rule that must report the defects of an operator."""
    return str(getattr(FAMILIES[family], "rule"))


def _span(lines: Lines, diag: dict[str, Any]) -> tuple[int, int]:
    start = lines.offset(diag["line"], diag["column"])
    return start, max(start, lines.offset(diag.get("end_line", diag["line"]), diag.get("end_column", diag["column"])))


def _near(lines: Lines, text: str, site: tuple[int, int], span: tuple[int, int]) -> bool:
    line = lines.line(site[0])
    start = lines.starts[line - 1]
    end = lines.starts[line] if line < len(lines.starts) else len(text)
    if end - start > LONG_LINE:
        gap = max(span[0] - site[1], site[0] - span[1], 0)
        return gap <= NEAR_CHARS
    first, last = lines.line(span[0]), lines.line(max(span[0], span[1] - 1))
    return max(first - lines.line(max(site[0], site[1] - 1)), line - last, 0) <= NEAR_LINES


def judge(mutant: Mutant, found: list[dict[str, Any]], before: list[dict[str, Any]]) -> tuple[bool, str]:
    """Whether `found` (the mutant's diagnostics) holds a new finding of the right rule near the change."""
    old = Counter((d["rule"], d["severity"], d["message"]) for d in before if d["rule"] == mutant.rule)
    now = Counter((d["rule"], d["severity"], d["message"]) for d in found if d["rule"] == mutant.rule)
    lines = Lines(mutant.text)
    said = []
    for diag in found:
        if diag["rule"] != mutant.rule:
            continue
        key = (diag["rule"], diag["severity"], diag["message"])
        # A message the document already had (the same visa missing from another act) is new only
        # when it is said more often than before; which of its findings is the new one is not known
        # from the message, so any of them at the change counts.
        if now[key] <= old[key]:
            continue
        if diag["severity"] not in ("error", "warning"):
            said.append(f"{diag['severity']} l.{diag['line']} : {diag['message'][:90]}")
            continue
        span = _span(lines, diag)
        if any(_near(lines, mutant.text, site, span) for site in mutant.sites):
            return True, ""
        said.append(f"l.{diag['line']} (trop loin) : {diag['message'][:90]}")
    return False, " ; ".join(said) or "rien"


def score(docs: list[Doc], families: list[str], delib: Delib, progress: Callable[[str], None] = lambda _: None) -> list[Outcome]:
    """Every mutant of every readable document, checked in one `delib check` run over a folder."""
    plan: list[tuple[Doc, Mutant]] = [(doc, m) for doc in docs for m in mutants_of(doc, families)]
    progress(f"{len(plan)} mutants de {len({id(d) for d, _ in plan})} documents")
    with tempfile.TemporaryDirectory(prefix="delib-mutants-") as tmp:
        root = Path(tmp)
        (root / "o").mkdir()
        (root / "m").mkdir()
        originals = {id(doc): root / "o" / f"{i:04d}.txt" for i, doc in enumerate({id(d): d for d, _ in plan}.values())}
        written = {id(d): d for d, _ in plan}
        for key, path in originals.items():
            path.write_text(written[key].text or "", encoding="utf-8", newline="")
        paths = []
        for i, (_, mutant) in enumerate(plan):
            path = root / "m" / f"{i:06d}.txt"
            path.write_text(mutant.text, encoding="utf-8", newline="")
            paths.append(path)
        checked = delib.check([root])
        outcomes = []
        for (doc, mutant), path in zip(plan, paths):
            found = checked.get(str(path.resolve()), {}).get("diagnostics", [])
            before = checked.get(str(originals[id(doc)].resolve()), {}).get("diagnostics", [])
            caught, seen = judge(mutant, found, before)
            outcomes.append(Outcome(doc, mutant, caught, Lines(mutant.text).line(mutant.sites[0][0]), seen))
    return outcomes
