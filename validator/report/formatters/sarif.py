"""SARIF 2.1.0 (OASIS), for code scanning in GitHub and other SARIF readers.

Regions use 1-based lines and columns counted in Unicode code points with an exclusive end column,
which is SARIF's own convention (`columnKind: unicodeCodePoints`). The PDF page and the act's
number and article ride in `properties`; the other acts of a séance
finding are its `relatedLocations`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ... import __version__
from ...diagnostics import Diagnostic, Severity
from ..fingerprint import occurrences
from . import FileReport, FormatContext
from .escape import json_text, uri_reference

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext()) -> str:
    names = sorted({d.rule for r in reports for d in r.diagnostics} | set(ctx.rules))
    index = {name: i for i, name in enumerate(names)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        if report.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": report.error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_reference(report.path)}}}],
                }
            )
            continue
        for d, fingerprint, rank in occurrences(report.diagnostics, report.text):
            results.append(_result(report, d, index[d.rule], f"{fingerprint}:{rank}"))
    run = {
        "tool": {"driver": {"name": "delib", "version": __version__, "informationUri": "https://pypi.org/project/delib-validator/", "rules": [_rule(n, ctx) for n in names]}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return json_text(json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)) + "\n"


def _rule(name: str, ctx: FormatContext) -> dict[str, Any]:
    cls = ctx.rules.get(name)
    if cls is None:
        return {"id": name, "name": name}
    doc = cls.documentation()
    return {
        "id": name,
        "name": name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": doc.split("\n\n")[1] if "\n\n" in doc else doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL[cls.severity]},
        "properties": {"cases": {case: level.value for case, level in cls.cases.items()}},
    }


def _result(report: FileReport, d: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
    region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
    properties: dict[str, Any] = dict(d.context)
    if d.page is not None:
        properties["page"] = d.page
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_reference(report.path)}, "region": region}}],
        "partialFingerprints": {"delibContent/v1": fingerprint},
    }
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri_reference(r.path)},
                    "region": {"startLine": r.line, "startColumn": r.column, "endLine": r.end_line, "endColumn": r.end_column},
                },
                **({"message": {"text": r.note}} if r.note else {}),
            }
            for i, r in enumerate(d.related)
        ]
    if properties:
        result["properties"] = properties
    return result
