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
        columns = _ByteColumns(Document(report.text or "", report.path))
        for d in report.diagnostics:
            diagnostics.append(_diagnostic(columns, path, d))
    out = json.dumps({"source": {"name": "delib", "url": "https://pypi.org/project/delib-validator/"}, "diagnostics": diagnostics}, ensure_ascii=False, indent=2)
    return json_text(out) + "\n"  # a name that is not UTF-8: \udcXX escapes (audit I32)


class _ByteColumns:
    """UTF-8 columns of a document's offsets.

    Encoding the line up to each finding made a one-line text of megabytes quadratic in its
    findings: the byte length of each line is kept every `STEP` characters, so that a column
    encodes at most `STEP` characters.
    """

    STEP = 1024

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._marks: dict[int, list[int]] = {}

    def position(self, offset: int) -> dict[str, int]:
        doc = self.doc
        pos = doc.position(offset)
        if pos.line > doc.line_count:
            return {"line": pos.line, "column": 1}
        start, end = doc.line_bounds(pos.line)
        chars = min(pos.column - 1, end - start)
        marks = self._marks.get(pos.line)
        if marks is None:
            marks = self._marks[pos.line] = self._measure(start, end)
        k = chars // self.STEP
        tail = doc.text[start + k * self.STEP : start + chars]
        return {"line": pos.line, "column": marks[k] + len(tail.encode("utf-8")) + 1}

    def _measure(self, start: int, end: int) -> list[int]:
        marks, total = [0], 0
        for at in range(start, end, self.STEP):
            total += len(self.doc.text[at : min(end, at + self.STEP)].encode("utf-8"))
            marks.append(total)
        return marks


def _diagnostic(columns: _ByteColumns, path: str, d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message": d.message + (f" (page {d.page})" if d.page else ""),
        "location": {"path": path, "range": {"start": columns.position(d.start), "end": columns.position(d.end)}},
        "severity": SEVERITY[d.severity],
        "code": {"value": d.rule},
    }
    if d.fix is not None:
        out["suggestions"] = [
            {"range": {"start": columns.position(e.start), "end": columns.position(e.end)}, "text": e.text} for e in d.fix.edits
        ]
    return out
