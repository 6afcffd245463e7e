"""Build the reading view of a document: the text the grammar parses, mapped to the original.

The view is a sequence of *records* (the lines the parser will see), each made of slices of the
original text, so every view character keeps its exact original position. Passes:

- line ends: CR LF and lone CR end a line like LF;
- a left margin column, as `pdftotext -layout` renders the sidebar of many registers
  ("Extrait du registre des délibérations ... n° 2014 / 131"), is read before the body instead
  of being interleaved with it line by line; wide gaps of such layout text separate cells;
- a very long line (a text whose line breaks were lost) is cut before each part of an act it
  contains (attendance headings, visas, articles, the decision, the vote, stamps, signatures);
- letter-spaced headings ("E X T R A I T  D U  R E G I S T R E") are read as words;
- decomposed accents (NFD) are read as composed characters;
- dot leaders ("NOM ........ à NOM") are read as one blank.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .layout import margin_records
from .terms import term
from .view import View, ViewBuilder

Piece = tuple[int, int, str | None]  # original [start, end) and its replacement (None: as is)
Record = list[Piece]

_COMBINING_RUN = re.compile(r".[\u0300-\u036f]+", re.DOTALL)
_LONG_LINE = 250
# The heads of the parts of an act (grammar/terms.lark): a text whose line breaks were lost (OCR,
# a web copy) runs them together on one line, and is cut before each of them.
_HEADS = (
    "ATTENDANCE_HEAD", "SECRETARY_HEAD", "REFERENCE_HEAD", "OBJET_HEAD", "REPORT_HEAD", "VISA_HEAD", "CONSIDERANT_HEAD",
    "HEARD_HEAD", "DECIDE_HEAD", "ARTICLE_HEAD", "TALLY_HEAD", "OUTCOME_HEAD", "CERTIFICATION_HEAD", "TRANSMISSION_HEAD",
    "SIGNATURE_HEAD",
)


@functools.cache
def _split_before() -> re.Pattern[str]:
    heads = "|".join(f"(?:{term(name)})" for name in _HEADS)
    # The head is consumed, not looked ahead at: a head found inside another ("excusé :" inside
    # "Absent excusé :") is not a second cut.
    return re.compile(rf"(?<=[\s.,;:)»\]])(?:{heads})")


# At least four single letters spaced out: "E X T R A I T".
# What every letter-spaced word contains, found much faster than _SPACED itself.
_SPACED_CUE = re.compile(r"[A-ZÀ-Ý'’-] [A-ZÀ-Ý'’-] [A-ZÀ-Ý'’-] [A-ZÀ-Ý'’-]")
_SPACED = re.compile(r"(?<![^\s])(?:[A-ZÀ-Ý'’-] ){3,}[A-ZÀ-Ý'’-](?:  +(?:[A-ZÀ-Ý'’-] )*[A-ZÀ-Ý'’-])*(?![^\s])")


def reading_view(text: str) -> View:
    """Return the view the parser reads for `text`."""
    if not _needs_work(text):
        return View.identity(text)
    records = _lines(text)
    records = margin_records(text, records)
    records = [r for rec in records for r in _split_long(text, rec)]
    builder = ViewBuilder(text)
    for i, rec in enumerate(records):
        if i:
            builder.replace(rec[0][0] if rec else 0, rec[0][0] if rec else 0, "\n")
        for start, end, repl in rec:
            _emit(builder, text, start, end, repl)
    return builder.build()


def _needs_work(text: str) -> bool:
    """Most files are plain LF text with composed accents and short lines: the identity view."""
    if "\r" in text or "   " in text or "...." in text or not unicodedata.is_normalized("NFC", text):
        return True
    if any(len(line) > _LONG_LINE for line in text.split("\n")):
        return True
    return _SPACED_CUE.search(text) is not None and _SPACED.search(text) is not None


def _lines(text: str) -> list[Record]:
    records: list[Record] = []
    pos = 0
    for m in re.finditer(r"\r\n?|\n", text):
        records.append([(pos, m.start(), None)])
        pos = m.end()
    records.append([(pos, len(text), None)])
    return records


@functools.cache
def _signed_name() -> re.Pattern[str]:
    # "Le Maire, Jérôme BEQ": a signature is its role and the name after it, the record of a line.
    return re.compile(rf"(?:{term('SIGNATURE_HEAD')})[ \t\u00a0]*+(?:[A-ZÀ-ÖØ-Þ][\w'’-]*+[ \t\u00a0]++){{0,3}}[A-ZÀ-ÖØ-Þ]{{2,}}[\w'’-]*+")


def _split_long(text: str, rec: Record) -> list[Record]:
    if len(rec) != 1 or rec[0][1] - rec[0][0] <= _LONG_LINE:
        return [rec]
    start, end, repl = rec[0]
    cuts = [m.start() for m in _split_before().finditer(text, start, end)]
    if not cuts:
        return [rec]
    # Where a signature opens a record, the text after its name is the next record.
    signed = _signed_name()
    cuts += [m.end() for c in cuts if (m := signed.match(text, c, end)) is not None and m.end() < end]
    cuts = sorted(set(cuts))
    bounds = [start, *cuts, end]
    return [[(a, b, None)] for a, b in zip(bounds, bounds[1:]) if b > a]


# Dot leaders of a form or a table ("Valérie LABOUACHRA ........ à Joël GIRARD"): one blank.
_LEADER = re.compile(r"\.{4,}+|…{2,}+")


def _emit(builder: ViewBuilder, text: str, start: int, end: int, repl: str | None) -> None:
    if repl is not None:
        builder.replace(start, end, repl)
        return
    if text.find("....", start, end) >= 0 or text.find("……", start, end) >= 0:
        pos = start
        for m in _LEADER.finditer(text, start, end):
            _emit_plain(builder, text, pos, m.start())
            builder.replace(m.start(), m.end(), " ")
            pos = m.end()
        _emit_plain(builder, text, pos, end)
        return
    _emit_plain(builder, text, start, end)


def _emit_plain(builder: ViewBuilder, text: str, start: int, end: int) -> None:
    if start >= end:
        return
    chunk = text[start:end]
    if "   " in chunk or _SPACED.search(chunk):
        _emit_spaced(builder, text, start, end)
    elif unicodedata.is_normalized("NFC", chunk):
        builder.copy(start, end)
    else:
        _emit_composed(builder, text, start, end)


def _emit_spaced(builder: ViewBuilder, text: str, start: int, end: int) -> None:
    pos = start
    for m in _SPACED.finditer(text, start, end):
        _emit_composed(builder, text, pos, m.start())
        for word in re.finditer(r"(?:[A-ZÀ-Ý'’-] ?)+", m.group(0)):
            if word.start():
                builder.replace(m.start() + word.start() - 1, m.start() + word.start(), " ")
            for letter in re.finditer(r"[A-ZÀ-Ý'’-]", word.group(0)):
                at = m.start() + word.start() + letter.start()
                builder.copy(at, at + 1)
        pos = m.end()
    _emit_composed(builder, text, pos, end)


def _emit_composed(builder: ViewBuilder, text: str, start: int, end: int) -> None:
    pos = start
    for m in _COMBINING_RUN.finditer(text, start, end):
        builder.copy(pos, m.start())
        builder.replace(m.start(), m.end(), unicodedata.normalize("NFC", m.group(0)))
        pos = m.end()
    builder.copy(pos, end)
