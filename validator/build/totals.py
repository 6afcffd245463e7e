"""Stated totals: a total or balance the act announces, and the amounts stated before it that it sums.

The announcements read: "soit un total de 4 500 €", "soit au total 12 000 €", "pour un montant
total de 40 000 €", "ce qui porte la somme à 12 000 €", "d'où un excédent de 4 450 €", a line
opening with "Total :" or "Sous-total :", "-Soit un résultat excédentaire cumulé de : 737.589,87 €".
The total is the one amount on the announcement's line after it.

Its parts are either the list above it, when the announcement opens its line::

    Il est proposé d'attribuer les subventions suivantes :
    - Association sportive du collège : 1 200 €
    - Comité des fêtes : 2 500 €
    Soit un total de 3 700 €.

(one amount a line, up to the line that introduces the list), or the amounts of its own sentence
("10 000 € à l'association A et 5 000 € à l'association B, soit un total de 15 000 €"). A minus
written before the figures is kept ("section d'investissement : -176.514,06 €"); a dash opening a
list line is not one. What makes the sum doubtful is said, not judged: an approximation, parts
that are not simply added (sub-items, rates, periods, HT and TTC mixed), a balance, words of
subtraction.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from decimal import Decimal

from ..document import Span
from ..french import FoundAmount, find_amounts
from ..model import StatedTotal, TotalPart
from .cues import Cue, around

# What announces a total ("soit un total de", "Total :") or a balance ("d'où un excédent de").
_TOTAL = re.compile(
    r"soit\s+(?:un|une)\s+(?:montant\s+|somme\s+)?(?:total|globale?|cumul[ée]e?|somme(?:\s+totale)?|r[ée]sultat|solde|exc[ée]dent|d[ée]ficit)\w*"
    r"|soit\s+au\s+total|d['’]\s*o[ùu]\s+(?:un|une)\s+(?:exc[ée]dent|d[ée]ficit|solde|r[ée]sultat|total)"
    r"|ce\s+qui\s+porte\s+(?:la\s+somme|le\s+montant|le\s+total)|pour\s+un\s+(?:montant\s+)?total\s+de|montant\s+total"
    r"|^[ \t\-–•*·]*(?:sous-)?total\b",
    re.IGNORECASE | re.MULTILINE,
)
# Every announcement holds one of these words; _TOTAL runs only around them.
_TOTAL_CUE = Cue(("soit", "d'o", "d’o", "ce qui porte", "total"))
_BALANCE = re.compile(r"r[ée]sultat|solde|exc[ée]dent|d[ée]ficit", re.IGNORECASE)
# Between the announcement and its amount: a label, no approximation.
_APPROXIMATE = re.compile(r"environ|pr[èe]s\s+de|approximativement|arrondi|plus\s+de|moins\s+de|au\s+moins|maximum|plafond|estim", re.IGNORECASE)
# Blocks where the parts are not simply added: sub-items, rates, periods, units, shares.
_NOT_A_SUM = re.compile(
    r"\bdont\b|respectivement|comme\s+suit|r[ée]parti|se\s+d[ée]compos|ventil|%|\bpar\s+(?:an|mois|jour|semaine|heure|trimestre|habitant|[ée]l[èe]ve|enfant|repas|nuit[ée]e?|personne|agent|m[2²]|lot|logement)\b"
    r"|mensuel|annuel|hebdomadaire|/\s*(?:an|mois|jour|m[2²])\b|\bx\s*\d|×|\bsous-total",
    re.IGNORECASE,
)
# Words that make some part a subtraction: its sign is then unknown.
_SUBTRACTION = re.compile(r"diminu|r[ée]duc|baisse|minor|d[ée]duc|d[ée]duit|moins|retranch|rembours|d[ée]pense|d[ée]ficit|charge|n[ée]gati|annul|retir|reprise", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s)|\n[ \t]*\n")
_DIGIT = re.compile(r"\d")
# Sums rounded to the thousand or the million, and the tax basis written after an amount.
_ROUNDED = re.compile(r"[kKM]€")
_TAX_BASIS = re.compile(r"H\.?T|T\.?T\.?C")
# A minus right before the figures, after a blank, a colon, a bracket or "=".
_MINUS = re.compile(r"(?:^|[\s:(=])([-−–])[ \u00a0]?$")
_LIST_MARKS = " \t-–•*·"
_NEWLINE = re.compile("\n")
_MAX_PARTS = 12
_MAX_LINES = 25


def stated_totals(text: str, start: int, end: int, span: Callable[[int, int], Span]) -> tuple[StatedTotal, ...]:
    """The totals and balances announced in view text [start, end), in order."""
    out = []
    # Sentence ends, line ends and amounts of the act, found once for all its announcements: each
    # announcement of a line of megabytes (a flattened act) rescanned the line.
    breaks: list[int] | None = None
    index: _Index | None = None
    for marker in around(_TOTAL, _TOTAL_CUE, text, start, end, before=40, after=80):
        index = index or _Index(text, start, end)
        total = _total_after(text, marker, index)
        if total is None:
            continue
        amount, approximate, per_unit = total
        line_start = index.line_start(marker.start())
        found: tuple[list[FoundAmount], int] | None
        if _only_marks(text, line_start, marker.start()):
            found = _list_above(text, line_start, start)
        else:
            if breaks is None:
                breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, start, end)]
            # The last break ending at or before the announcement opens its sentence (none
            # straddles it: an announcement begins with a word, or on a new line).
            i = bisect_right(breaks, marker.start())
            sentence = breaks[i - 1] if i else start
            found = index.amounts(sentence, marker.start()), sentence
        parts, block_start = found if found is not None else ([], amount.end)
        # From the first part (or the list's introduction) to the total.
        block = text[block_start : amount.end]
        written = [text[a.start : a.end] for a in [*parts, amount]]
        out.append(
            StatedTotal(
                value=_signed(text, amount),
                span=span(amount.start, amount.end),
                parts=tuple(TotalPart(_signed(text, a), span(a.start, a.end), _has_sign(text, a)) for a in parts),
                balance=_BALANCE.search(marker.group(0)) is not None,
                subtractions=_SUBTRACTION.search(block) is not None,
                approximate=approximate or any(_ROUNDED.search(w) for w in written),
                not_a_sum=per_unit or _NOT_A_SUM.search(block) is not None or _mixed_bases(written),
            )
        )
    return tuple(out)


class _Index:
    """The line ends and the amounts of view text [start, end), each looked up by bisection."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.newlines = [m.start() for m in _NEWLINE.finditer(text, start, end)]
        self.found = list(find_amounts(text, start, end))
        self.starts = [a.start for a in self.found]
        self.ends = [a.end for a in self.found]

    def line_start(self, at: int) -> int:
        k = bisect_left(self.newlines, at)
        return self.newlines[k - 1] + 1 if k else self.start

    def line_end(self, at: int) -> int:
        k = bisect_left(self.newlines, at)
        return self.newlines[k] if k < len(self.newlines) else self.end

    def amounts(self, start: int, end: int) -> list[FoundAmount]:
        """The amounts lying inside [start, end)."""
        return self.found[slice(*self.between(start, end))]

    def between(self, start: int, end: int) -> tuple[int, int]:
        """The indices of the amounts lying inside [start, end), without copying them."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)


def _only_marks(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds only list marks and blanks (scanned from the end: the run
    stops at the first word, so each character is read for one announcement at most)."""
    i = end
    while i > start and text[i - 1] in _LIST_MARKS:
        i -= 1
    return i == start


def _total_after(text: str, marker: re.Match[str], index: _Index) -> tuple[FoundAmount, bool, bool] | None:
    """The amount the announcement gives, alone on its line after it; whether it is approximate
    ("soit un total d'environ 15 700 €"), and whether the line makes it a rate ("6 600 € par an")."""
    line_end = index.line_end(marker.end())
    first, stop = index.between(marker.end(), line_end)
    if stop - first != 1:
        return None
    total = index.found[first]
    if total.start - marker.end() > 80:
        return None
    between = text[marker.end() : total.start]
    if _DIGIT.search(between):
        return None
    return total, _APPROXIMATE.search(between) is not None, _NOT_A_SUM.search(text, total.end, line_end) is not None


def _list_above(text: str, end: int, start: int) -> tuple[list[FoundAmount], int] | None:
    """One amount a line, up to the line that introduces the list; None when the list is not clean."""
    parts: list[FoundAmount] = []
    for _ in range(_MAX_LINES):
        if end <= start:
            return None
        begin = text.rfind("\n", start, end - 1) + 1 or start
        amounts = list(find_amounts(text, begin, end))
        if _TOTAL.search(text, begin, end) or len(amounts) > 1 or len(parts) >= _MAX_PARTS:
            return None
        if amounts:
            parts.insert(0, amounts[0])
        elif text[begin:end].strip().endswith((":", ".")):
            # The introduction; a list right above it would make this one a part of a larger one.
            above = _previous_text_line(text, begin, start)
            return None if list(find_amounts(text, *above)) else (parts, begin)
        end = begin
    return None


def _previous_text_line(text: str, begin: int, start: int) -> tuple[int, int]:
    """The nearest non-blank line before `begin` (an empty range at the start of the act)."""
    end = begin
    while end > start:
        line_begin = text.rfind("\n", start, end - 1) + 1 or start
        if text[line_begin:end].strip():
            return line_begin, end
        end = line_begin
    return (start, start)


def _mixed_bases(written: list[str]) -> bool:
    """HT and TTC among the amounts: they are not added."""
    return len({t for w in written for t in _TAX_BASIS.findall(w)}) > 1


def _has_sign(text: str, a: FoundAmount) -> bool:
    """A minus before the figures ("-176.514,06 €", ": - 5 000 €"), not a list dash opening the line."""
    before = text[max(0, a.start - 4) : a.start]
    sign = _MINUS.search(before)
    if not sign:
        return False
    # Something other than blanks between the line's start and the sign, looked for backwards
    # from the sign: each amount reads only the blanks before it, not its whole line.
    i = a.start - (len(before) - sign.start(1))
    while i > 0 and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] != "\n"


def _signed(text: str, a: FoundAmount) -> Decimal:
    return -a.value if _has_sign(text, a) else a.value
