"""Readers of the files clerks have: plain text, PDF (text layer), Word (.docx), OpenDocument (.odt).

The format is told by the file's content, not its name; a name whose extension contradicts the
content is refused with a French message saying what the file really is, so a mislabelled file is
noticed instead of being checked as something it is not.
"""

from __future__ import annotations

from pathlib import PurePath

from ...document import Document, InputError, decode
from .zipguard import zip_kind

FORMATS = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".txt": "text", ".text": "text"}
# About 3,000 pages, a thousand times the longest act of the corpus: checking stays linear, but a
# text past this is a dump or a mistake, and answering it at once beats minutes of work (at about
# 1 MB/s, docs/robustness.md).
MAX_CHARS = 10_000_000
_NAMES = {"pdf": "un PDF", "docx": "un document Word (.docx)", "odt": "un document OpenDocument (.odt)", "text": "un texte", "zip": "une archive ZIP"}


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, docx, odt, zip (another archive) or text."""
    if data.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return zip_kind(data)
    return "text"


def read_bytes(data: bytes, path: str) -> Document:
    """Turn the bytes of a file into a Document, by content; InputError (French) when impossible."""
    document = _read(data, path)
    error = size_error(document.text)
    if error:
        raise InputError(error)
    return document


def size_error(text: str) -> str | None:
    """The French message for a text too long to be checked (the language server asks too)."""
    if len(text) <= MAX_CHARS:
        return None
    return f"texte trop long ({len(text):,} caractères ; limite {MAX_CHARS:,}) : découpez le document".replace(",", "\u202f")


def _read(data: bytes, path: str) -> Document:
    kind = sniff(data)
    suffix = PurePath(path).suffix.lower()
    claimed = FORMATS.get(suffix)
    if claimed is not None and claimed != kind:
        raise InputError(f"l'extension {suffix} ne correspond pas au contenu : c'est {_NAMES.get(kind, kind)}")
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path)
    if kind in ("docx", "odt"):
        from .office import read_docx, read_odt

        return read_docx(data, path) if kind == "docx" else read_odt(data, path)
    if kind == "zip":
        raise InputError("archive ZIP : ni .docx ni .odt ; extrayez le document à vérifier")
    return decode(data, path)
