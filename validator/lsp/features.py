"""Hover and quick fixes, computed from the last check of a document (pure functions).

Both answer only from a check of the version the editor holds: a position or an edit computed on
another version of the text would point at the wrong words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lsprotocol import types
from pygls.workspace import PositionCodec

from ..diagnostics import Diagnostic, Fix
from ..document import Document
from ..rule import Rule
from .convert import to_lsp_diagnostic, to_offset, to_range, to_text_edits
from .docs import escape_markdown, rule_markdown


@dataclass(frozen=True)
class Checked:
    """One check of one version of a document: what the hover and the quick fixes read."""

    version: int | None
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    rules: Mapping[str, type[Rule]]
    lsp: tuple[types.Diagnostic, ...] = ()


def _touches(diagnostic: Diagnostic, start: int, end: int) -> bool:
    # A zero-width finding, or a cursor at either end of a finding, still counts.
    return diagnostic.start <= end and start <= max(diagnostic.end, diagnostic.start)


def hover(checked: Checked, position: types.Position, codec: PositionCodec, markdown: bool = True) -> types.Hover | None:
    """The findings under the cursor, each with its message, then the documentation of their rules."""
    offset = to_offset(checked.document, position, codec)
    found = [d for d in checked.diagnostics if _touches(d, offset, offset)]
    if not found:
        return None
    parts: list[str] = []
    for d in found:
        # Messages quote the act (a signatory's line, a title): its words must not become links or images.
        parts.append(f"**{d.severity.label}** [{d.rule}] {escape_markdown(d.message)}" if markdown else f"{d.severity.label} [{d.rule}] {d.message}")
        if d.remedy is not None:
            parts[-1] += f"\n\nÀ faire : {escape_markdown(d.remedy.text)}" if markdown else f"\nÀ faire : {d.remedy.text}"
    documented: list[str] = []
    for d in found:
        rule = checked.rules.get(d.rule)
        if rule is not None and d.rule not in documented:
            documented.append(d.rule)
            parts.append(rule_markdown(rule) if markdown else rule.documentation())
    separator = "\n\n---\n\n" if markdown else "\n\n"
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    start = min(d.start for d in found)
    end = max(d.end for d in found)
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=separator.join(parts)),
        range=to_range(checked.document, start, end, codec),
    )


def code_actions(checked: Checked, uri: str, selection: types.Range, codec: PositionCodec, versioned_edits: bool = True) -> list[types.CodeAction]:
    """One quick fix per distinct fix of the findings in `selection`; applied only by the clerk."""
    start = to_offset(checked.document, selection.start, codec)
    end = to_offset(checked.document, selection.end, codec)
    fixes: dict[Fix, list[types.Diagnostic]] = {}
    for index, d in enumerate(checked.diagnostics):
        if d.fix is not None and d.fix.edits and _touches(d, start, end):
            lsp = checked.lsp[index] if index < len(checked.lsp) else to_lsp_diagnostic(d, checked.document, codec)
            fixes.setdefault(d.fix, []).append(lsp)
    actions = []
    for fix, diagnostics in fixes.items():
        edits = to_text_edits(fix, checked.document, codec)
        if versioned_edits:
            # The client refuses the edit if the text changed since the check.
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=checked.version)
            edit = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=identifier, edits=list(edits))])
        else:
            edit = types.WorkspaceEdit(changes={uri: edits})
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=diagnostics,
                is_preferred=len(fixes) == 1,
                edit=edit,
            )
        )
    return actions
