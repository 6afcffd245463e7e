"""Text of Word (.docx, python-docx) and OpenDocument (.odt, odfpy) documents.

Paragraphs come in document order. Tables are read two ways: a table of many rows is data (an
attendance table: one row per line, cells separated by " | "), a table of one or two rows is page
layout (a sidebar beside the header: read cell after cell). Headers and footers are kept apart
from the body: the header before it, the footer after it, once each.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

from ...document import Document, InputError
from .zipguard import safe_members

_LAYOUT_ROWS = 2


def read_docx(data: bytes, path: str) -> Document:
    safe_members(data)  # bounded decompression first: the library would trust the sizes
    try:
        import docx
    except ImportError:  # pragma: no cover - part of the README install
        raise InputError("lecture des documents Word indisponible : installez delib-validator[office]") from None
    try:
        document = docx.Document(io.BytesIO(data))
        return Document(_docx_text(document), path, "docx")
    except InputError:
        raise
    except Exception as exc:  # python-docx raises several kinds on damaged parts, while reading too
        raise InputError(f"document Word illisible ({type(exc).__name__})") from None


def _docx_text(document: Any) -> str:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def blocks(parent: Any) -> Iterator[str]:
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                yield Paragraph(child, document).text
            elif tag == "tbl":
                table = Table(child, document)
                rows = [_unique_cells(row.cells) for row in table.rows]
                yield from _table([[_cell_text(c, blocks) for c in row] for row in rows])
            elif tag == "sdt":  # content controls wrap paragraphs of templates
                content = child.find("{*}sdtContent")
                if content is not None:
                    yield from blocks(content)

    body = list(blocks(document.element.body))
    header: list[str] = []
    footer: list[str] = []
    for section in document.sections:
        for part, out in ((section.header, header), (section.footer, footer)):
            if part is None or part.is_linked_to_previous and out:
                continue
            text = "\n".join(blocks(part._element)).strip()
            if text and text not in out:
                out.append(text)
    return _assemble(header, body, footer)


def _unique_cells(cells: Any) -> list[Any]:
    """python-docx repeats a merged cell in each grid column it spans: keep it once."""
    seen: set[int] = set()
    out = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _cell_text(cell: Any, blocks: Any) -> str:
    return "\n".join(blocks(cell._tc)).strip()


def read_odt(data: bytes, path: str) -> Document:
    safe_members(data)
    try:
        from odf import teletype
        from odf.opendocument import load
    except ImportError:  # pragma: no cover
        raise InputError("lecture des documents OpenDocument indisponible : installez delib-validator[office]") from None
    try:
        # odfpy prints a part it fails to parse on standard output, where it would corrupt a
        # JSON or SARIF report: the part is read as missing, and its print is dropped.
        with contextlib.redirect_stdout(io.StringIO()):
            document = load(io.BytesIO(data))
        return Document(_odt_text(document, teletype), path, "odt")
    except InputError:
        raise
    except Exception as exc:  # odfpy raises XML, KeyError and AttributeError kinds on damaged parts
        raise InputError(f"document OpenDocument illisible ({type(exc).__name__})") from None


def _odt_text(document: Any, teletype: Any) -> str:
    # teletype is passed in: its import is checked once, in read_odt, with the French message.

    def blocks(element: Any) -> Iterator[str]:
        for child in element.childNodes:
            name = getattr(child, "qname", (None, None))[1]
            if name in ("p", "h"):
                yield teletype.extractText(child)
            elif name in ("list", "list-item", "section", "list-header"):
                yield from blocks(child)
            elif name == "table":
                rows = [r for r in _descendants(child, "table-row")]
                cells = [[("\n".join(blocks(c))).strip() for c in _children(r, "table-cell")] for r in rows]
                yield from _table(cells)

    body = list(blocks(document.text))
    header: list[str] = []
    footer: list[str] = []
    for master in document.masterstyles.childNodes:
        for part in master.childNodes:
            name = getattr(part, "qname", (None, None))[1]
            out = header if name in ("header", "header-first") else footer if name in ("footer", "footer-first") else None
            if out is not None:
                text = "\n".join(blocks(part)).strip()
                if text and text not in out:
                    out.append(text)
    return _assemble(header, body, footer)


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element.childNodes if getattr(c, "qname", (None, None))[1] == name]


def _descendants(element: Any, name: str) -> Iterator[Any]:
    for child in element.childNodes:
        if getattr(child, "qname", (None, None))[1] == name:
            yield child
        elif getattr(child, "childNodes", None):
            yield from _descendants(child, name)


def _table(rows: list[list[str]]) -> Iterator[str]:
    if len(rows) <= _LAYOUT_ROWS:
        # A layout table: each cell is a block of its own.
        for row in rows:
            for cell in row:
                if cell:
                    yield cell
                    yield ""
        return
    for row in rows:
        cells = [" ".join(c.split()) for c in row]
        if any(cells):
            yield " | ".join(cells).strip(" |")
    yield ""


def _assemble(header: list[str], body: list[str], footer: list[str]) -> str:
    parts = []
    if header:
        parts.append("\n\n".join(header))
    parts.append("\n".join(body).strip("\n"))
    if footer:
        parts.append("\n\n".join(footer))
    text = "\n\n".join(p for p in parts if p)
    if not text.strip():
        raise InputError("document vide : aucun texte à vérifier")
    return text + "\n"
