"""Compiler-style text: `path:line:col: niveau [règle] message`, then the line and a caret underline."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from . import FileReport, FormatContext, counts

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_RESET = "\033[0m"


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext(), snippets: bool = True) -> str:
    colour = ctx.colour
    out: list[str] = []
    for report in reports:
        if report.error is not None:
            out.append(f"{report.path}: {_paint('erreur', Severity.ERROR, colour)} : {report.error}")
            continue
        lines = report.text.splitlines() if report.text is not None and snippets else []
        for d in report.diagnostics:
            out.append(_header(report.path, d, colour))
            if lines and 0 < d.line <= len(lines):
                out.extend(_snippet(lines[d.line - 1], d, colour))
    out.append(summary(reports, ctx.elapsed))
    return "\n".join(out) + "\n"


def _header(path: str, d: Diagnostic, colour: bool) -> str:
    where = f"{path}:{d.line}:{d.column}:"
    page = f" (page {d.page})" if d.page else ""
    return f"{where} {_paint(d.severity.label, d.severity, colour)} [{d.rule}] {d.message}{page}"


def _snippet(line: str, d: Diagnostic, colour: bool) -> list[str]:
    source = line.expandtabs(1).rstrip()
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(source)
    width = max(1, min(end, len(source)) - start)
    if start > len(source):
        return []
    gutter = f"{d.line:>5} | "
    underline = " " * (len(gutter) - 2) + "| " + " " * start + _paint("^" * width, d.severity, colour)
    return [gutter + source, underline]


def _paint(text: str, severity: Severity, colour: bool) -> str:
    return f"{_COLOURS[severity]}{text}{_RESET}" if colour else text


def summary(reports: Sequence[FileReport], elapsed: float | None = None) -> str:
    c = counts(reports)
    total = sum(c.values())
    failed = sum(1 for r in reports if r.error is not None)
    files = len(reports)
    head = f"{files} fichier{'s' if files > 1 else ''} vérifié{'s' if files > 1 else ''}"
    if elapsed is not None:
        head += f" en {elapsed:.2f} s".replace(".", ",")
    if not total and not failed:
        return f"{head} : aucun problème."
    parts = [
        f"{c[Severity.ERROR]} erreur{'s' if c[Severity.ERROR] > 1 else ''}",
        f"{c[Severity.WARNING]} avertissement{'s' if c[Severity.WARNING] > 1 else ''}",
        f"{c[Severity.INFO]} info{'s' if c[Severity.INFO] > 1 else ''}",
    ]
    tail = f", {failed} illisible{'s' if failed > 1 else ''}" if failed else ""
    return f"{head} : {', '.join(parts)}{tail}."
