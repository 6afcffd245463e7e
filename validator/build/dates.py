"""Every date an act writes, as facts: its weekday when written, whether it is in words, and the
date that restates it ("le dix-neuf juin deux mil quinze (19/06/2015)")."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Span
from ..french import FoundDate, find_dates
from ..model import DateMention

# "le dix-neuf juin deux mil quinze (19/06/2015)", "19 juin 2015 (dix-neuf juin deux mil quinze)",
# "..., soit le 19/06/2015": one date restated, in brackets or after "soit".
RESTATED = re.compile(r"[\s\u00a0]*(?:[(\[]|(?:,[\s\u00a0]*)?soit[\s\u00a0]+(?:le[\s\u00a0]+)?[(\[]?)[\s\u00a0]*", re.IGNORECASE)
# A restatement follows its date at once: a few characters at most.
RESTATED_REACH = 40
_FIGURES = re.compile(r"\d{4}|\d[/.]\d")


def date_mentions(text: str, start: int, end: int, span: Callable[[int, int], Span]) -> tuple[DateMention, ...]:
    """The dates of view text [start, end), in order."""
    found = sorted(find_dates(text, start, end), key=lambda d: d.start)
    out = []
    for i, date in enumerate(found):
        restatement = None
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _in_words(text, date) != _in_words(text, nxt) and _restates(text, date, nxt):
            restatement = (nxt.date, span(nxt.start, nxt.end))
        out.append(DateMention(date.date, span(date.start, date.end), date.weekday, _in_words(text, date), restatement))
    return tuple(out)


def _restates(text: str, first: FoundDate, second: FoundDate) -> bool:
    return first.end <= second.start <= first.end + RESTATED_REACH and RESTATED.fullmatch(text, first.end, second.start) is not None


def _in_words(text: str, found: FoundDate) -> bool:
    """The year (and so the date) is written in words: no four-digit year, no d/m/y figures."""
    return not _FIGURES.search(text, found.start, found.end)
