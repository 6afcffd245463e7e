"""Readers of the files clerks have: plain text, PDF (text layer, or OCR of scanned pages), Word
(.docx, and .doc through antiword), OpenDocument (.odt).

The format is told by the file's content, not its name; a name whose extension contradicts the
content is refused with a French message saying what the file really is, so a mislabelled file is
noticed instead of being checked as something it is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from ...document import Document, InputError, decode
from .zipguard import zip_kind

FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".odt": "odt", ".txt": "text", ".text": "text"}
# About 3,000 pages, a thousand times the longest act of the corpus: checking stays linear, but a
# text past this is a dump or a mistake, and answering it at once beats minutes of work (at about
# 1 MB/s, docs/robustness.md).
MAX_CHARS = 10_000_000
_NAMES = {"pdf": "un PDF", "docx": "un document Word (.docx)", "doc": "un document Word 97-2003 (.doc)", "ole": "un fichier Office 97-2003 qui n'est pas un document Word", "odt": "un document OpenDocument (.odt)", "text": "un texte", "zip": "une archive ZIP"}
# An OLE2 compound file (Word, Excel, PowerPoint 97-2003); Word's has a "WordDocument" stream.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# Told after each page the OCR has read: (file, pages read, pages to read).
PageProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReadOptions:
    """How files are read: `ocr` auto (scanned pages only), always or never; `jobs` pages the OCR
    reads at once; `pages` told of the OCR's progress (a terminal's progress bar)."""

    ocr: str = "auto"
    jobs: int = 1
    # Not part of what is read: two options differing only here read the same text.
    pages: PageProgress | None = field(default=None, compare=False, repr=False)


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, docx, odt, zip (another archive), doc, ole (another OLE file) or text."""
    if data.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return zip_kind(data)
    if data[:8] == _OLE:
        return "doc" if _WORD_STREAM in data else "ole"
    return "text"


def read_bytes(data: bytes, path: str, options: ReadOptions | None = None) -> Document:
    """Turn the bytes of a file into a Document, by content; InputError (French) when impossible."""
    document = _read(data, path, options or ReadOptions())
    error = size_error(document.text)
    if error:
        raise InputError(error)
    return document


def size_error(text: str) -> str | None:
    """The French message for a text too long to be checked (the language server asks too)."""
    if len(text) <= MAX_CHARS:
        return None
    return f"texte trop long ({len(text):,} caractères ; limite {MAX_CHARS:,}) : découpez le document".replace(",", "\u202f")


def _read(data: bytes, path: str, options: ReadOptions) -> Document:
    kind = sniff(data)
    suffix = PurePath(path).suffix.lower()
    claimed = FORMATS.get(suffix)
    if kind == "ole" and claimed == "doc":
        kind = "doc"  # a .doc cut before its directory: antiword says whether it is readable
    if claimed is not None and claimed != kind:
        raise InputError(f"l'extension {suffix} ne correspond pas au contenu : c'est {_NAMES.get(kind, kind)}")
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path, options.ocr, options.jobs, options.pages)
    if kind in ("docx", "odt"):
        from .office import read_docx, read_odt

        return read_docx(data, path) if kind == "docx" else read_odt(data, path)
    if kind == "doc":
        from .doc import read_doc

        return read_doc(data, path)
    if kind == "ole":
        raise InputError("fichier Office 97-2003 qui n'est pas un document Word (tableur, présentation ?) : enregistrez l'acte en .docx ou en PDF")
    if kind == "zip":
        raise InputError("archive ZIP : ni .docx ni .odt ; extrayez le document à vérifier")
    return decode(data, path)
