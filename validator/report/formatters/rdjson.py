"""reviewdog's Diagnostic Format (rdjson), to annotate only the changed lines of a merge request.

rdjson counts columns in UTF-8 bytes, not in characters: every column is converted from the
line's text. Fixes become suggestions reviewdog can propose in the review.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ...diagnostics import Diagnostic, Severity
from ...document import Document
from . import FileReport, FormatContext, uri
from .escape import json_text

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext()) -> str:
    diagnostics: list[dict[str, Any]] = []
    for report in reports:
        path = uri(report.path)
        if report.error is not None:
            diagnostics.append({"message": report.error, "location": {"path": path}, "severity": "ERROR", "code": {"value": "lecture"}})
            continue
        doc = Document(report.text or "", report.path)
        for d in report.diagnostics:
            diagnostics.append(_diagnostic(doc, path, d))
    out = json.dumps({"source": {"name": "delib", "url": "https://pypi.org/project/delib-validator/"}, "diagnostics": diagnostics}, ensure_ascii=False, indent=2)
    return json_text(out) + "\n"  # a name that is not UTF-8: \udcXX escapes (audit I32)


def _position(doc: Document, offset: int) -> dict[str, int]:
    pos = doc.position(offset)
    line = doc.line_text(pos.line) if pos.line <= doc.line_count else ""
    return {"line": pos.line, "column": len(line[: pos.column - 1].encode("utf-8")) + 1}


def _diagnostic(doc: Document, path: str, d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message": d.message + (f" (page {d.page})" if d.page else ""),
        "location": {"path": path, "range": {"start": _position(doc, d.start), "end": _position(doc, d.end)}},
        "severity": SEVERITY[d.severity],
        "code": {"value": d.rule},
    }
    if d.fix is not None:
        out["suggestions"] = [
            {"range": {"start": _position(doc, e.start), "end": _position(doc, e.end)}, "text": e.text} for e in d.fix.edits
        ]
    return out
