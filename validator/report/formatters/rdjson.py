"""reviewdog's Diagnostic Format (rdjson), to annotate only the changed lines of a merge request.

rdjson counts columns in UTF-8 bytes, not in characters: every column is converted from the
line's text. Fixes become suggestions reviewdog can propose in the review.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ...diagnostics import Diagnostic, Severity
from ...document import Document, PrefixLengths
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
        columns = _ByteColumns(Document(report.text or "", report.path))
        for d in report.diagnostics:
            diagnostics.append(_diagnostic(columns, path, d))
    out = json.dumps({"source": {"name": "delib", "url": "https://pypi.org/project/delib-validator/"}, "diagnostics": diagnostics}, ensure_ascii=False, indent=2)
    return json_text(out) + "\n"  # a name that is not UTF-8: \udcXX escapes (audit I32)


class _ByteColumns:
    """UTF-8 columns of a document's offsets (each line measured once: a flattened act of
    megabytes has thousands of findings on its one line)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lengths = PrefixLengths(doc, lambda s: len(s.encode("utf-8")))

    def position(self, offset: int) -> dict[str, int]:
        pos = self.doc.position(offset)
        if pos.line > self.doc.line_count:
            return {"line": pos.line, "column": 1}
        return {"line": pos.line, "column": self.lengths.of(pos.line, pos.column - 1) + 1}


def _diagnostic(columns: _ByteColumns, path: str, d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message": d.message + (f" (page {d.page})" if d.page else ""),
        "location": {"path": path, "range": {"start": columns.position(d.start), "end": columns.position(d.end)}},
        "severity": SEVERITY[d.severity],
        "code": {"value": d.rule},
    }
    if d.related:
        # rdjson's related locations; their columns are the characters' (the other files' texts are not at hand).
        out["related_locations"] = [
            {"message": r.note, "location": {"path": uri(r.path), "range": {"start": {"line": r.line, "column": r.column}, "end": {"line": r.end_line, "column": r.end_column}}}}
            for r in d.related
        ]
    if d.fix is not None:
        out["suggestions"] = [
            {"range": {"start": columns.position(e.start), "end": columns.position(e.end)}, "text": e.text} for e in d.fix.edits
        ]
    return out
