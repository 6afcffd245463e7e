"""Every date an act writes, as facts: its weekday when written, whether it is in words, and the
date that restates it ("le dix-neuf juin deux mil quinze (19/06/2015)"), as `grammar/date.lark`
reads them (`datereader`)."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Span
from ..model import DateMention
from .datereader import find_dates


def date_mentions(text: str, start: int, end: int, span: Callable[[int, int], Span]) -> tuple[DateMention, ...]:
    """The dates of view text [start, end), in order."""
    out = []
    for date in sorted(find_dates(text, start, end), key=lambda d: d.start):
        again = date.restatement
        restatement = (again.date, span(again.start, again.end)) if again is not None and again.end <= end else None
        out.append(DateMention(date.date, span(date.start, date.end), date.weekday, date.in_words, restatement))
    return tuple(out)
