"""Output formats: pure functions from results to text, one module per family.

Each formatter takes the sequence of `FileReport`s of a run and returns the whole output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class FileReport:
    """What one checked file gave: its diagnostics, or the error that kept it from being checked."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None
    # The checked text (for source snippets); None when unreadable.
    text: str | None = None


Formatter = Callable[[Sequence[FileReport]], str]


def formatters() -> dict[str, Formatter]:
    from . import json_format, text_format

    return {"text": text_format.render, "json": json_format.render}


def counts(reports: Sequence[FileReport]) -> dict[Severity, int]:
    out = {s: 0 for s in Severity}
    for r in reports:
        for d in r.diagnostics:
            out[d.severity] += 1
    return out
