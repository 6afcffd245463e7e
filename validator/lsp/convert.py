"""Coordinates between the library and the protocol, as pure functions.

The library counts 1-based lines and columns in code points (end exclusive); LSP counts 0-based
lines and columns in the units of the negotiated encoding (UTF-16 unless the client offered UTF-8
or UTF-32). Lines are the Document's: `\\n`, `\\r\\n` and a lone `\\r`, exactly as LSP defines
them. pygls' `TextDocument.lines` uses `str.splitlines()`, which also breaks at form feeds (the
page breaks of pdftotext output) and U+2028, so only pygls' unit counting is used here, one line
at a time.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import PositionCodec

from ..diagnostics import Diagnostic, Fix, Severity
from ..document import Document, PrefixLengths

SOURCE = "delib"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_position(document: Document, offset: int, codec: PositionCodec) -> types.Position:
    """Convert a code-point offset into the text to a client position."""
    at = document.position(offset)
    return types.Position(line=at.line - 1, character=_lengths(document, codec).of(at.line, at.column - 1))


_last_lengths: tuple[Document, PositionCodec, PrefixLengths] | None = None


def _lengths(document: Document, codec: PositionCodec) -> PrefixLengths:
    """The client's units of line starts, kept for the last document: all the findings of a check
    are converted in a row, and a one-line text of megabytes has thousands of them."""
    global _last_lengths
    memo = _last_lengths
    if memo is None or memo[0] is not document or memo[1] is not codec:
        memo = (document, codec, PrefixLengths(document, codec.client_num_units))
        _last_lengths = memo  # one assignment of a tuple: safe for the server's threads
    return memo[2]


def to_range(document: Document, start: int, end: int, codec: PositionCodec) -> types.Range:
    return types.Range(start=to_position(document, start, codec), end=to_position(document, end, codec))


def to_offset(document: Document, position: types.Position, codec: PositionCodec) -> int:
    """Convert a client position to a code-point offset, clamped to the text as LSP requires."""
    if position.line >= document.line_count:
        return len(document.text)
    line_number = position.line + 1
    line = document.line_text(line_number)
    units = min(position.character, codec.client_num_units(line))
    column = codec.position_from_client_units([line], types.Position(line=0, character=units)).character
    return document.offset(line_number, column + 1)


def to_lsp_diagnostic(diagnostic: Diagnostic, document: Document, codec: PositionCodec, docs_uri: str | None = None) -> types.Diagnostic:
    """Convert a finding; `docs_uri` links the rule's documentation when there is one."""
    return types.Diagnostic(
        range=to_range(document, diagnostic.start, diagnostic.end, codec),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.rule,
        code_description=types.CodeDescription(href=docs_uri) if docs_uri else None,
        source=SOURCE,
    )


def to_text_edits(fix: Fix, document: Document, codec: PositionCodec) -> list[types.TextEdit]:
    """Convert a fix's edits (offsets into the linted text) to text edits, in document order."""
    return [
        types.TextEdit(range=to_range(document, edit.start, edit.end, codec), new_text=edit.text)
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end))
    ]
