"""Build the reading view of a document: the text the grammar parses, mapped to the original.

Passes are applied line by line in one walk over the original text, so each view character
keeps an exact original position:
- line ends: CR LF and lone CR read as LF (same length, positions unchanged);
- decomposed accents (NFD, from macOS or some PDF tools) read as composed characters.
"""

from __future__ import annotations

import re
import unicodedata

from .view import View, ViewBuilder

_COMBINING_RUN = re.compile(r".[\u0300-\u036f]+", re.DOTALL)


def reading_view(text: str) -> View:
    """Return the view the parser reads for `text`."""
    plain = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
    if unicodedata.is_normalized("NFC", plain):
        view = View.identity(plain)
    else:
        view = _compose_accents(text, plain)
    return view


def _compose_accents(original: str, plain: str) -> View:
    builder = ViewBuilder(original)
    pos = 0
    for m in _COMBINING_RUN.finditer(plain):
        _copy_plain(builder, plain, pos, m.start())
        builder.replace(m.start(), m.end(), unicodedata.normalize("NFC", m.group(0)))
        pos = m.end()
    _copy_plain(builder, plain, pos, len(plain))
    return builder.build()


def _copy_plain(builder: ViewBuilder, plain: str, start: int, end: int) -> None:
    # `plain` differs from the original only by same-length line-end substitutions.
    if end > start:
        builder.replace(start, end, plain[start:end])
