"""The reading text the grammar sees, and the map that takes its offsets back to the original.

Real inputs are messy (CR line ends, decomposed accents, letter-spaced headings, a margin column
cut into the body by PDF extraction). The parser reads a cleaned *view* of the text, built in one
pass from slices of the original; every view offset maps back to an exact original offset, so
diagnostics always point into the clerk's own text, which is never modified.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..document import Span


@dataclass(frozen=True)
class View:
    """Reading text plus a piecewise map to original offsets.

    Piece i covers view [vstarts[i], vstarts[i] + vlens[i]) and original
    [ostarts[i], ostarts[i] + olens[i]); pieces of equal length map character by character,
    others (a composed accent, an inserted line break) map as a whole.
    """

    text: str
    vstarts: tuple[int, ...]
    ostarts: tuple[int, ...]
    vlens: tuple[int, ...]
    olens: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> View:
        return cls(text, (0,), (0,), (len(text),), (len(text),))

    def _piece(self, v: int) -> int:
        return max(0, bisect_right(self.vstarts, v) - 1)

    def original(self, v: int) -> int:
        """Map a view offset (a start) to the original text."""
        i = self._piece(v)
        delta = v - self.vstarts[i]
        if self.vlens[i] == self.olens[i]:
            return self.ostarts[i] + min(delta, self.olens[i])
        return self.ostarts[i] + (self.olens[i] if delta >= self.vlens[i] else 0)

    def original_end(self, v: int) -> int:
        """Map an exclusive view end offset to the original text."""
        if v <= 0:
            return self.original(0)
        i = self._piece(v - 1)
        delta = v - self.vstarts[i]
        if self.vlens[i] == self.olens[i]:
            return self.ostarts[i] + min(delta, self.olens[i])
        return self.ostarts[i] + self.olens[i]

    def span(self, vstart: int, vend: int) -> Span:
        """Map a view range to an original span, trimmed of surrounding whitespace."""
        text = self.text
        while vstart < vend and text[vstart].isspace():
            vstart += 1
        while vend > vstart and text[vend - 1].isspace():
            vend -= 1
        start = self.original(vstart)
        end = self.original_end(vend) if vend > vstart else start
        return Span(start, max(start, end))


class ViewBuilder:
    """Accumulate pieces of a view: copies of original slices and replacement strings."""

    def __init__(self, original: str) -> None:
        self._original = original
        self._parts: list[str] = []
        self._vstarts: list[int] = []
        self._ostarts: list[int] = []
        self._vlens: list[int] = []
        self._olens: list[int] = []
        self._vpos = 0

    def copy(self, ostart: int, oend: int) -> None:
        """Append original[ostart:oend] unchanged."""
        if oend > ostart:
            self._add(self._original[ostart:oend], ostart, oend - ostart)

    def replace(self, ostart: int, oend: int, text: str) -> None:
        """Append `text` standing for original[ostart:oend] (an insertion when the range is empty)."""
        if text or oend > ostart:
            self._add(text, ostart, oend - ostart)

    def _add(self, text: str, ostart: int, olen: int) -> None:
        # Merge with the previous piece when both are plain contiguous copies.
        if (
            self._vlens
            and len(text) == olen
            and self._vlens[-1] == self._olens[-1]
            and self._ostarts[-1] + self._olens[-1] == ostart
        ):
            self._vlens[-1] += olen
            self._olens[-1] += olen
        else:
            self._vstarts.append(self._vpos)
            self._ostarts.append(ostart)
            self._vlens.append(len(text))
            self._olens.append(olen)
        self._parts.append(text)
        self._vpos += len(text)

    def build(self) -> View:
        if not self._vstarts:
            return View.identity("")
        return View(
            "".join(self._parts),
            tuple(self._vstarts),
            tuple(self._ostarts),
            tuple(self._vlens),
            tuple(self._olens),
        )
