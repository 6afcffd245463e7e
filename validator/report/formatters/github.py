"""GitHub Actions workflow commands: `::error file=...,line=...,col=...::message` annotations."""

from __future__ import annotations

from collections.abc import Sequence

from ...diagnostics import Severity
from . import FileReport, FormatContext, see_also, uri
from .escape import printable

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    # Controls shown escaped (`\n`, `\x1b`), not as the runner's %0A: a line break, an ESC sequence
    # or an undecodable byte of a name or of the text never reaches the job log (audit I31, O1).
    # Only "%" is left to escape, which the runner would otherwise decode.
    return printable(text).replace("%", "%25")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext()) -> str:
    lines = []
    for report in reports:
        path = _property(uri(report.path))
        if report.error is not None:
            lines.append(f"::error file={path},title={_property('delib [lecture]')}::{_data(report.error)}")
            continue
        for d in report.diagnostics:
            where = f"file={path},line={d.line},col={d.column},endLine={d.end_line},endColumn={d.end_column}"
            page = f" (page {d.page})" if d.page else ""
            # An annotation has one place: the others are named in its text.
            also = f" — {see_also(d)}" if d.related else ""
            title = _property(f"delib [{d.rule}]")
            lines.append(f"::{COMMAND[d.severity]} {where},title={title}::{_data(d.message + page + also)}")
    return "\n".join(lines) + ("\n" if lines else "")
