"""JUnit XML for GitLab test reports and Jenkins: one testcase per file, a failure per finding.

Findings at or above the failure threshold are failures; the others are listed in the testcase's
output, so an information does not turn a pipeline red.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from . import FileReport, FormatContext, see_also, uri
from .escape import printable


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext()) -> str:
    suite = ET.Element("testsuite", name="delib")
    failures = errors = 0
    for report in reports:
        # ElementTree escapes & < > " but writes the controls XML 1.0 forbids as they are, and lone
        # surrogates cannot be encoded: names and messages are escaped first (audit O2, I32, I33).
        path = printable(uri(report.path))
        case = ET.SubElement(suite, "testcase", classname="delib", name=path, file=path)
        if report.error is not None:
            errors += 1
            error = printable(report.error)
            ET.SubElement(case, "error", message=error, type="lecture").text = f"{path} : {error}"
            continue
        notes = []
        for d in report.diagnostics:
            where = f"{path}:{d.line}:{d.column}" + (f" (page {d.page})" if d.page else "")
            message, rule = printable(d.message + (f" — {see_also(d)}" if d.related else "")), printable(d.rule)
            if ctx.fail_on is not None and d.severity.rank >= ctx.fail_on.rank:
                failures += 1
                failure = ET.SubElement(case, "failure", message=message, type=rule)
                failure.text = f"{where}: {d.severity.label} [{rule}] {message}"
            else:
                notes.append(f"{where}: {d.severity.label} [{rule}] {message}")
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    totals = {"tests": str(len(reports)), "failures": str(failures), "errors": str(errors), "skipped": "0"}
    suite.attrib.update(totals)
    root = ET.Element("testsuites", {"name": "delib", **{k: v for k, v in totals.items() if k != "skipped"}})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
