"""The versioned JSON report (format documented in docs/json-format.md and schemas/check.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ...diagnostics import Diagnostic
from . import FileReport, FormatContext
from .escape import json_text

VERSION = 1


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
    }
    if d.page is not None:
        out["page"] = d.page
    if d.context:
        out["context"] = dict(d.context)
    if d.related:
        out["related"] = [
            {"path": r.path, "line": r.line, "column": r.column, "end_line": r.end_line, "end_column": r.end_column, "note": r.note} for r in d.related
        ]
    if d.fix is not None:
        out["fix"] = {
            "title": d.fix.title,
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in d.fix.edits],
        }
    return out


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext()) -> str:
    files = []
    for r in reports:
        entry: dict[str, Any] = {"path": r.path, "diagnostics": [diagnostic_dict(d) for d in r.diagnostics]}
        if r.error is not None:
            entry["error"] = r.error
        files.append(entry)
    # A file name that is not UTF-8 keeps its bytes as \udcXX escapes (audit I32).
    return json_text(json.dumps({"version": VERSION, "files": files}, ensure_ascii=False, indent=2)) + "\n"
