"""One check of a text typed or dropped in the page: the core of `delib check`, as JSON for the page.

The configuration is resolved as the language server resolves it (`lsp.settings.Configs`): the
`.delib.yaml` of the served folder, under the profile the clerk chose. Offsets sent to the page
are counted in UTF-16 code units, as JavaScript strings count them; the library counts code
points, so a text with characters outside the BMP (rare, but an emoji pasted from a mail) is
converted once per check.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check.lint import lint
from ..diagnostics import Diagnostic, Severity
from ..document import Document
from ..lsp.checking import top_diagnostic
from ..lsp.settings import Configs
from ..model import FileModel
from ..read.readers import size_error
from ..report.export import deliberation_dict
from ..report.scdl import Settings as ScdlSettings
from ..report.scdl import deliberation_row


@dataclass(frozen=True)
class Result:
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    model: FileModel | None


class Checker:
    """Checks texts under the configuration of one folder (the served one, or none)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._configs = Configs()

    def check(self, document: Document, profile: str | None) -> Result:
        resolved = self._configs.resolve(self.folder, profile)
        too_long = size_error(document.text)
        if too_long:
            return Result(document, (top_diagnostic(document, "input", too_long, Severity.ERROR),), None)
        linted = lint(document, resolved.config, Path(document.path).name, resolved.rulesets)
        diagnostics = linted.diagnostics
        if resolved.error:
            message = f"configuration ignorée : {resolved.error}"
            diagnostics = (top_diagnostic(document, "configuration", message, Severity.WARNING), *diagnostics)
        return Result(document, diagnostics, linted.result.model)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16:
    """Code-point offsets of one text as UTF-16 offsets (JavaScript's)."""

    def __init__(self, text: str) -> None:
        # Positions of the characters that take two UTF-16 units; none in almost every act. Found
        # by the regex engine: a loop in Python over every character of each check cost 1 s on 10 MB.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)


def payload(result: Result) -> dict[str, Any]:
    """What the page draws: the findings with their places, and the facts of the summary."""
    units = Utf16(result.document.text)
    return {
        "diagnostics": [_diagnostic(d, units) for d in result.diagnostics],
        "counts": {s.value: sum(d.severity is s for d in result.diagnostics) for s in Severity},
    }


def _diagnostic(d: Diagnostic, units: Utf16) -> dict[str, Any]:
    return {
        "from": units(d.start), "to": units(d.end),
        "line": d.line, "column": d.column, "page": d.page,
        "rule": d.rule, "severity": d.severity.value, "label": d.severity.label,
        "message": d.message,
        "remedy": d.remedy.text if d.remedy else None,
        "fix": None if d.fix is None else {
            "title": d.fix.title,
            "edits": [{"from": units(e.start), "to": units(e.end), "text": e.text} for e in d.fix.edits],
        },
    }


def summary(result: Result) -> list[dict[str, Any]]:
    """Per deliberation: the facts read (extract's JSON) and the open-data row."""
    if result.model is None:
        return []
    return [
        {"facts": deliberation_dict(result.document, d), "scdl": deliberation_row(d, ScdlSettings())}
        for d in result.model.deliberations
    ]
