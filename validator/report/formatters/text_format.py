"""Compiler-style text: `path:line:col: niveau [règle] message`, then the line and a caret underline."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ...diagnostics import Diagnostic, Severity
from ...document import Document
from . import FileReport, FormatContext, counts, see_also
from .escape import printable

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_RESET = "\033[0m"


def render(reports: Sequence[FileReport], ctx: FormatContext = FormatContext(), snippets: bool = True) -> str:
    out: list[str] = []
    for report in reports:
        out.extend(render_file(report, ctx.colour, snippets))
    out.append(summary(reports, ctx.elapsed))
    return "\n".join(out) + "\n"


def render_file(report: FileReport, colour: bool = False, snippets: bool = True) -> list[str]:
    """The lines of one file's findings (or of the error that kept it from being checked)."""
    if report.error is not None:
        return [f"{printable(report.path)}: {_paint('erreur', Severity.ERROR, colour)} : {printable(report.error)}"]
    out: list[str] = []
    # Lines as the diagnostics count them (\n, \r\n, \r), not as str.splitlines(), which also
    # breaks on form feeds, \x1c-\x1e, NEL and U+2028/9 and would show another line (audit O8).
    doc = Document(report.text) if report.text is not None and snippets and report.diagnostics else None
    path = printable(report.path)
    lines = _Lines(doc) if doc is not None else None
    for d in report.diagnostics:
        out.append(_header(path, d, colour))
        if lines is not None and 0 < d.line <= lines.doc.line_count:
            out.extend(_snippet(lines, d, colour))
        if d.related:
            out.append(f"      {printable(see_also(d))}")
    return out


class _Lines:
    """A document's lines as snippets show them: without their break nor their trailing blanks,
    measured once per line (a one-line text of megabytes has thousands of findings)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._visible: dict[int, tuple[int, int]] = {}

    def bounds(self, line: int) -> tuple[int, int]:
        found = self._visible.get(line)
        if found is None:
            start, end = self.doc.line_bounds(line)
            found = self._visible[line] = (start, start + len(self.doc.text[start:end].rstrip()))
        return found


class TextStream:
    """The text format written file by file as results arrive: the same output as `render`, but
    only the counts are kept, so a run over thousands of files holds no more memory than over one.
    """

    def __init__(self, write: Callable[[str], object], colour: bool = False) -> None:
        self.write = write
        self.colour = colour
        self.files = 0
        self.failed = 0
        self.counts = {s: 0 for s in Severity}

    def add(self, report: FileReport, again: bool = False) -> None:
        """A file's findings; `again`: more findings of a file already counted (its séance's)."""
        self.files += not again
        self.failed += report.error is not None
        for d in report.diagnostics:
            self.counts[d.severity] += 1
        lines = render_file(report, self.colour)
        if lines:
            self.write("\n".join(lines) + "\n")

    @property
    def worst(self) -> int:
        return max((s.rank for s, n in self.counts.items() if n), default=0)

    def close(self, elapsed: float | None = None) -> None:
        self.write(_summary(self.files, self.failed, self.counts, elapsed) + "\n")


def _header(path: str, d: Diagnostic, colour: bool) -> str:
    # `path` comes escaped. File names and messages (which quote the text) are data, never sent to
    # the terminal or the job log as controls (a newline in a name starts a workflow command, I31).
    where = f"{path}:{d.line}:{d.column}:"
    page = f" (page {d.page})" if d.page else ""
    return f"{where} {_paint(d.severity.label, d.severity, colour)} [{printable(d.rule)}] {printable(d.message)}{page}"


# Lines longer than this are shown as a window around the finding: printing a whole line of
# megabytes under each of its findings made the report quadratic in the text.
LONG_LINE = 240
_CONTEXT = 100
_ELLIPSIS = "…"


def _snippet(lines: _Lines, d: Diagnostic, colour: bool) -> list[str]:
    line_start, line_end = lines.bounds(d.line)
    length = line_end - line_start
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else length
    if start > length:
        return []
    cut_from, cut_to = 0, length
    if length > LONG_LINE:
        cut_from = max(0, start - _CONTEXT)
        cut_to = min(length, start + max(1, min(end - start, 2 * _CONTEXT)) + _CONTEXT)
    # Tabs count for one column, as in the diagnostics' columns.
    source = lines.doc.text[line_start + cut_from : line_start + cut_to].expandtabs(1)
    start -= cut_from
    end = min(end, cut_to) - cut_from
    shown = printable(source)
    width = max(1, min(end, len(source)) - start)
    if len(shown) != len(source):
        # Controls were escaped (an escape is always longer): the caret goes under what is shown.
        width = max(1, len(printable(source[start : start + width])))
        start = len(printable(source[:start]))
    if cut_from > 0:
        shown, start = _ELLIPSIS + shown, start + len(_ELLIPSIS)
    if cut_to < length:
        shown += _ELLIPSIS
    gutter = f"{d.line:>5} | "
    underline = " " * (len(gutter) - 2) + "| " + " " * start + _paint("^" * width, d.severity, colour)
    return [gutter + shown, underline]


def _paint(text: str, severity: Severity, colour: bool) -> str:
    return f"{_COLOURS[severity]}{text}{_RESET}" if colour else text


def summary(reports: Sequence[FileReport], elapsed: float | None = None) -> str:
    return _summary(len(reports), sum(1 for r in reports if r.error is not None), counts(reports), elapsed)


def _summary(files: int, failed: int, c: Mapping[Severity, int], elapsed: float | None) -> str:
    total = sum(c.values())
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
