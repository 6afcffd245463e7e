"""The text as read, and the one place where offsets become (line, column).

Positions follow Lark's and SARIF's convention: 1-based line and column counted in Python code
points, end exclusive. The text is never normalised: what a diagnostic points at is exactly what
the clerk's file holds (a BOM, being an encoding mark and not text, is the only thing removed).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate


class InputError(Exception):
    """An input that cannot be checked at all (binary, unreadable...). The message is French."""


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the original text, as code-point offsets [start, end)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def cover(self, other: Span) -> Span:
        """Return the smallest span containing both spans."""
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


_LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Document:
    """Decoded text plus its line index. `page_starts` is set for texts extracted from PDFs.

    Pages read by OCR (`ocr_pages`, 1-based) carry what the reading is unsure of: `uncertain`,
    the spans of words read with a low confidence (sorted, disjoint), whose findings the engine
    lowers to an info; `notices`, French remarks on the reading itself (a page too poor to read),
    each at an offset, which the engine reports as findings of the `structure` rule.
    """

    text: str
    path: str = "<texte>"
    encoding: str = "utf-8"
    bom: bool = False
    page_starts: tuple[int, ...] = ()
    uncertain: tuple[Span, ...] = ()
    notices: tuple[tuple[int, str], ...] = ()
    ocr_pages: tuple[int, ...] = ()
    _line_starts: list[int] = field(init=False, repr=False, compare=False)
    _uncertain_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Line ends as LSP and editors count them: \n, \r\n and a lone \r.
        text = self.text
        if "\r" in text:
            starts = [0]
            starts.extend(m.end() for m in _LINE_END.finditer(text))
        else:
            # The common case, done at C speed: line starts are the running sum of line lengths.
            starts = list(accumulate((len(line) + 1 for line in text.split("\n")), initial=0))[:-1]
        object.__setattr__(self, "_line_starts", starts)
        object.__setattr__(self, "_uncertain_starts", [s.start for s in self.uncertain])

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> Position:
        """Convert a code-point offset to a 1-based (line, column)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """Convert a 1-based (line, column) back to an offset (clamped to the text)."""
        line = max(1, min(line, len(self._line_starts)))
        return min(self._line_starts[line - 1] + max(column, 1) - 1, len(self.text))

    def line_text(self, line: int) -> str:
        """Return line `line` (1-based) without its line break."""
        start, end = self.line_bounds(line)
        return self.text[start:end]

    def line_bounds(self, line: int) -> tuple[int, int]:
        """The offsets of line `line` (1-based) without its line break, for a caller that needs
        only a part of a long line."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def page(self, offset: int) -> int | None:
        """Return the 1-based PDF page holding `offset`, or None for plain texts."""
        if not self.page_starts:
            return None
        return bisect_right(self.page_starts, offset)

    def is_uncertain(self, span: Span) -> bool:
        """Whether `span` touches a word the OCR read with a low confidence."""
        if not self.uncertain:
            return False
        # Spans are sorted and disjoint: only the last one starting before span.end can overlap.
        i = bisect_right(self._uncertain_starts, max(span.end, span.start + 1) - 1) - 1
        return i >= 0 and self.uncertain[i].end > span.start

    def snippet(self, span: Span) -> str:
        return self.text[span.start : span.end]


class PrefixLengths:
    """How long the start of a line is in another unit (UTF-8 bytes for rdjson, the client's code
    units for LSP): `of(line, chars)` is `measure(doc.line_text(line)[:chars])`.

    Measuring the line up to each finding made a one-line text of megabytes quadratic in its
    findings. The measure of each line is kept every `STEP` characters, taken once per line, so
    that a question measures at most `STEP` characters. `measure` must add up over concatenation.
    """

    STEP = 1024

    def __init__(self, doc: Document, measure: Callable[[str], int]) -> None:
        self.doc = doc
        self.measure = measure
        self._marks: dict[int, list[int]] = {}

    def of(self, line: int, chars: int) -> int:
        start, end = self.doc.line_bounds(line)
        chars = max(0, min(chars, end - start))
        marks = self._marks.get(line)
        if marks is None:
            marks, total = [0], 0
            for at in range(start, end, self.STEP):
                total += self.measure(self.doc.text[at : min(end, at + self.STEP)])
                marks.append(total)
            self._marks[line] = marks
        k = chars // self.STEP
        return marks[k] + self.measure(self.doc.text[start + k * self.STEP : start + chars])


# Every byte except the C0 controls other than tab, line feed, form feed and carriage return.
_PRINTABLE_BYTES = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _PRINTABLE_BYTES))
    return controls > max(8, len(head) // 100)


def decode(data: bytes, path: str = "<texte>") -> Document:
    """Decode the bytes of a text file: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252.

    Raises InputError with a French message for binary or undecodable input.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Document(data.decode("utf-16"), path, "utf-16", bom=True)
        except UnicodeDecodeError as exc:
            raise InputError(f"texte UTF-16 illisible (octet {exc.start})") from None
    if _looks_binary(data):
        raise InputError("fichier binaire : ce n'est pas un texte (PDF, DOCX et ODT passent par leur lecteur)")
    if not data.strip(b" \t\r\n\x0c" + codecs.BOM_UTF8):
        raise InputError("fichier vide : aucun texte à vérifier")
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8-sig")
        return Document(text, path, "utf-8", bom=bom)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"encodage inconnu : ni UTF-8 ni Windows-1252 (octet 0x{data[exc.start]:02x} à la position {exc.start})"
        ) from None
    return Document(text, path, "cp1252")
