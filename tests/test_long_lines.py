"""Findings on a line of megabytes (a flattened act): every format costs linear time, and the text
format shows a window of the line around each finding, with its caret under the finding."""

from __future__ import annotations

import time

import pytest
from lsprotocol import types
from pygls.workspace import PositionCodec

from validator.diagnostics import Diagnostic, Severity
from validator.document import Document
from validator.lsp.convert import to_lsp_diagnostic
from validator.report.formatters import FileReport, FormatContext, formatters
from validator.report.formatters.escape import printable
from validator.report.formatters.text_format import LONG_LINE, render_file

ROW = "Le mardi 1 janvier 1990 "


def one_line(findings: int) -> FileReport:
    """A finding on each date of a one-line text, as date-consistency reports a wrong weekday."""
    text = ROW * findings
    found = tuple(
        Diagnostic(1, i * len(ROW) + 4, 1, i * len(ROW) + 24, "date-consistency", "jour faux", Severity.WARNING, start=i * len(ROW) + 3, end=i * len(ROW) + 23)
        for i in range(findings)
    )
    return FileReport("acte.txt", found, text=text)


def seconds(fmt: str, report: FileReport) -> float:
    """Best of three, each repeated up to 20 ms at least: the fastest formats take a few ms."""
    render = formatters()[fmt]
    began = time.perf_counter()
    render([report], FormatContext())
    repeat = max(1, int(0.02 / max(time.perf_counter() - began, 1e-6)))
    best = []
    for _ in range(3):
        began = time.perf_counter()
        for _ in range(repeat):
            render([report], FormatContext())
        best.append((time.perf_counter() - began) / repeat)
    return min(best)


@pytest.mark.parametrize("fmt", sorted(formatters()))
def test_findings_on_one_long_line_cost_linear_time(fmt: str) -> None:
    # The text format printed the whole line under each finding, and fingerprints (gitlab, sarif)
    # hashed it for each: 10x the findings cost 100x. 12 for 10x, with room for a busy machine.
    # A busy machine gets two more tries.
    small, large = one_line(2_000), one_line(20_000)
    for _ in range(3):
        ratio = seconds(fmt, large) / seconds(fmt, small)
        if ratio <= 16:
            break
    assert ratio <= 16, f"{fmt}: x{ratio:.1f} for 10x the findings"


@pytest.mark.parametrize("encoding", [types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf8])
def test_the_editor_converts_findings_on_one_long_line_in_linear_time(encoding: types.PositionEncodingKind) -> None:
    # Each position counted the client's units of its line up to it (L4: a flattened act in the editor).
    codec = PositionCodec(encoding)

    def timed(report: FileReport) -> float:
        best = []
        for _ in range(3):
            document = Document(report.text or "")
            began = time.perf_counter()
            for d in report.diagnostics:
                to_lsp_diagnostic(d, document, codec)
            best.append(time.perf_counter() - began)
        return min(best)

    small, large = one_line(2_000), one_line(20_000)
    for _ in range(3):
        ratio = timed(large) / timed(small)
        if ratio <= 16:
            break
    assert ratio <= 16, f"x{ratio:.1f} for 10x the findings"
    last = large.diagnostics[-1]
    assert to_lsp_diagnostic(last, Document(large.text or ""), codec).range.start.character == last.column - 1  # ASCII: units are characters


def test_a_long_line_is_shown_as_a_window_around_the_finding() -> None:
    report = one_line(1_000)
    d = report.diagnostics[500]
    header, shown, underline = render_file(FileReport("acte.txt", (d,), text=report.text))
    assert header.startswith(f"acte.txt:1:{d.column}:")
    source = shown.removeprefix("    1 | ")
    assert source.startswith("…") and source.endswith("…") and len(source) <= LONG_LINE
    caret = underline.index("^") - len("      | ")
    assert source[caret : caret + underline.count("^")] == "mardi 1 janvier 1990"


def test_short_lines_are_shown_whole() -> None:
    text = "x" * (LONG_LINE - 1) + "\n"
    d = Diagnostic(1, 200, 1, 201, "r", "m", Severity.INFO, start=199, end=200)
    assert render_file(FileReport("a.txt", (d,), text=text))[1] == "    1 | " + "x" * (LONG_LINE - 1)


@pytest.mark.parametrize("at", [0, 150, 5_000, 9_990])
def test_the_caret_stays_under_the_finding_when_controls_are_escaped(at: int) -> None:
    # Escapes lengthen the window as shown; the caret follows what is shown, at the start, in
    # the middle and at the end of the line.
    text = "\x1b[2J" * 2_500
    text = text[:at] + "PIÈGE" + text[at:]
    doc = Document(text)
    d = Diagnostic(1, at + 1, 1, at + 6, "r", "m", Severity.INFO, start=at, end=at + 5)
    _, shown, underline = render_file(FileReport("a.txt", (d,), text=doc.text))
    source = shown.removeprefix("    1 | ")
    caret = underline.index("^") - len("      | ")
    assert source[caret : caret + underline.count("^")] == "PIÈGE"
    assert "\x1b" not in shown and printable("\x1b[2J") in source
    assert source.startswith("…") == (at > 100) and source.endswith("…") == (at + 105 < len(text))
