"""One check of one document under its configuration, as `delib check` and the editor both run it.

The configuration applies in full wherever a document is checked: the rules and severities of the
`overrides` that match the document's path, then its `waivers`. The command line (`runner.py`) and
the language server (`lsp/checking.py`) call `lint`, so the editor shows what `delib check` shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import Config
from ..config.waivers import Waiver
from ..diagnostics import Diagnostic
from ..document import Document
from .engine import LintResult, RuleSet, lint_document


@dataclass(frozen=True)
class Linted:
    """A document's findings once its waivers applied, and which waivers served (for stale ones)."""

    result: LintResult
    diagnostics: tuple[Diagnostic, ...]
    used: frozenset[int] = frozenset()
    covered: frozenset[int] = frozenset()


@dataclass
class RuleSets:
    """Rule sets built once per configuration and per set of path-specific settings."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    _built: dict[tuple[str | None, str], RuleSet] = field(default_factory=dict)

    def for_path(self, config: Config, relpath: str) -> RuleSet:
        """The rules for a document at `relpath` (relative to the configuration): its overrides applied."""
        specific = config.for_path(relpath)
        key = (config.source, repr(sorted(specific.rules.items())))
        if key not in self._built:
            self._built[key] = RuleSet.build(specific, self.select, self.ignore)
        return self._built[key]


def lint(document: Document, config: Config, relpath: str, rulesets: RuleSets, today: dt.date | None = None) -> Linted:
    """Check a document with the rules its configuration gives its path, then apply the waivers."""
    result = lint_document(document, rulesets.for_path(config, relpath))
    kept, used, covered = waive(result.diagnostics, config.waivers, relpath, today or dt.date.today())
    return Linted(result, tuple(kept), used, covered)


def waive(diagnostics: Sequence[Diagnostic], waivers: Sequence[Waiver], relpath: str, today: dt.date) -> tuple[list[Diagnostic], frozenset[int], frozenset[int]]:
    """The diagnostics no waiver silences, the waivers that silenced one, and those that cover the path."""
    covered = frozenset(i for i, w in enumerate(waivers) if w.covers(relpath))
    if not covered:
        return list(diagnostics), frozenset(), covered
    kept, used = [], set()
    for d in diagnostics:
        hit = next((i for i in covered if waivers[i].silences(d, relpath, today)), None)
        if hit is None:
            kept.append(d)
        else:
            used.add(hit)
    return kept, frozenset(used), covered
