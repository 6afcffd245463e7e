"""GitLab Code Quality report (a subset of the Code Climate spec) for merge request widgets.

Every finding has a fingerprint that is unique in the report and stable across runs: the content
fingerprint (rule, text of the line and of the span) and its rank among identical findings, never
the line number, so an edit above a finding does not make it "new".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ...diagnostics import Severity
from ..fingerprint import occurrences
from . import FileReport, FormatContext, see_also, uri
from .escape import json_text

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext()) -> str:
    issues: list[dict[str, Any]] = []
    for report in reports:
        path = uri(report.path)
        if report.error is not None:
            issues.append(_issue("delib/lecture", report.error, "critical", path, 1, f"{path}\0error"))
            continue
        for d, fingerprint, rank in occurrences(report.diagnostics, report.text):
            page = f" (page {d.page})" if d.page else ""
            # A Code Quality issue has one location: the others are named in its description.
            also = f" — {see_also(d)}" if d.related else ""
            issue = _issue(f"delib/{d.rule}", f"[{d.rule}] {d.message}{page}{also}", SEVERITY[d.severity], path, d.line, f"{path}\0{fingerprint}\0{rank}")
            issue["location"]["positions"] = {"begin": {"line": d.line, "column": d.column}, "end": {"line": d.end_line, "column": d.end_column}}
            issues.append(issue)
    # A file name that is not UTF-8 keeps its bytes as \udcXX escapes (audit I32).
    return json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"


def _issue(check: str, description: str, severity: str, path: str, line: int, identity: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Compliance"],
        "severity": severity,
        # surrogatepass: a file name that is not UTF-8 holds lone surrogates (audit I32).
        "fingerprint": hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32],
        "location": {"path": path, "lines": {"begin": line}},
    }
