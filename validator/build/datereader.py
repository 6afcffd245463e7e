"""The dates a text writes, read by the small grammar `grammar/date.lark`.

A date is found around what every date contains: a month name, the separators of d/m/y figures
("19/06/2015", "19.06.15", "2015-06-19"), or "l'an" for the phrase that puts the year first
("L'an deux mil onze, le jeudi douze mai"). Those cues are found with `str.find` (`cues.Cue`);
the grammar then parses the window around them, merged when windows overlap, so each character
is read once: LALR with Lark's contextual lexer, built once per process from the tables shipped
in the package (`grammar/date-lalr.json`), and a transformer that turns each rule into a date as
the parser reduces it. A date written in words gives its value through `french.words_to_int`
(text2num); a date that is no date ("31 février 2015", "douze mai un") gives nothing.

The dates of a whole text are read once and remembered for the last few texts: the builder asks
about many ranges of the same text (the header, each stamp, each citation's date).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lark import Token, Transformer
from lark.exceptions import LarkError

from ..french import MONTHS, words_to_int
from ..parse import grammartables
from .cues import Cue, windows

GRAMMAR_FILE = "date.lark"
TABLES_FILE = grammartables.tables_file(GRAMMAR_FILE)
# The dates with their year after the month, and the phrase that puts the year first.
START = ("dates", "year_first")
# A restatement follows its date at once: a few characters at most.
RESTATED_REACH = 40


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date as written in a text: its offsets, its weekday when written, whether its year is in
    words, and the same date written the other way right after it ("le dix-neuf juin deux mil
    quinze (19/06/2015)"), which is also found on its own."""

    date: dt.date
    start: int
    end: int
    weekday: str | None
    in_words: bool = False
    restatement: FoundDate | None = None


@dataclass(frozen=True, slots=True)
class _Part:
    """A day or a year: its value (None when it is none) and its offsets in the window."""

    value: int | None
    start: int
    end: int
    words: bool = False
    # The whole run of words, not only its last words ("douze et treize" read as 13 is not).
    whole: bool = True


@dataclass(frozen=True, slots=True)
class _Restate:
    start: int
    end: int


# The separate words of a run of number words ("vingt et un", "deux-mille-quinze").
_WORD = re.compile(r"[^\s\u00a0-]+")


def _words(token: Token, first: bool) -> _Part:
    """A run of number words as a day (its last words that make one, "douze et treize" -> 13) or,
    with `first`, as a year (its first words that make one, "deux mil quinze trois" -> 2015)."""
    text, at = str(token), token.start_pos or 0
    pieces = [w for w in _WORD.finditer(text) if w.group().lower() != "et"]
    spans = [(0, p.end()) for p in reversed(pieces)] if first else [(p.start(), len(text)) for p in pieces]
    low, high = (1801, 2199) if first else (1, 31)
    for a, b in spans:
        value = words_to_int(text[a:b])
        if value is not None and low <= value <= high:
            return _Part(value, at + a, at + b, True, a == 0)
    return _Part(None, at, at + len(text), True)


def _figures(token: Token) -> _Part:
    text = str(token)
    value = 1 if text.lower() == "premier" else int(text.lower().removesuffix("er"))
    return _Part(value, token.start_pos or 0, token.end_pos or 0)


def _month(token: Token) -> int:
    word = str(token).lower()
    return MONTHS.get(word) or MONTHS[word.replace("û", "u").replace("é", "e")]


def _date(year: int | None, month: int, day: int | None) -> dt.date | None:
    if year is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class DatesOf(Transformer[Token, list[FoundDate]]):
    """The grammar's rules as dates, as the LALR parser reduces them (no tree is built); offsets
    are in the text given to the parser."""

    def day(self, children: list[Token]) -> _Part:
        token = children[0]
        return _words(token, first=False) if token.type == "WORDS" else _figures(token)

    def year(self, children: list[Token]) -> _Part:
        token = children[0]
        if token.type == "WORDS":
            return _words(token, first=True)
        value = int(token)
        return _Part(value if 1800 < value < 2200 else None, token.start_pos or 0, token.end_pos or 0)

    an_day = day
    an_year = year

    def restate(self, children: list[Token]) -> _Restate:
        return _Restate(children[0].start_pos or 0, children[-1].end_pos or 0)

    def date(self, children: list[Token | _Part]) -> FoundDate | None:
        first = children[0]
        if isinstance(first, Token) and first.type in ("NUMERIC", "ISO"):
            return _figured(first)
        weekday = first if isinstance(first, Token) and first.type == "WEEKDAY" else None
        day, month, year = (c for c in children if c is not weekday)
        assert isinstance(day, _Part) and isinstance(month, Token) and isinstance(year, _Part)
        found = _date(year.value, _month(month), day.value)
        if found is None:
            return None
        # A day read from the last words of a longer run has no weekday before it.
        if weekday is None or not day.whole:
            return FoundDate(found, day.start, year.end, None, year.words)
        return FoundDate(found, weekday.start_pos or 0, year.end, str(weekday), year.words)

    def year_first_date(self, children: list[Token | _Part]) -> FoundDate | None:
        an, year = children[0], children[1]
        assert isinstance(an, Token) and isinstance(year, _Part)
        day = next(c for c in children[2:] if isinstance(c, _Part))
        weekday = next((c for c in children if isinstance(c, Token) and c.type == "WEEKDAY"), None)
        month = children[-1]
        assert isinstance(month, Token)
        found = _date(year.value, _month(month), day.value)
        if found is None:
            return None
        return FoundDate(found, an.start_pos or 0, month.end_pos or 0, str(weekday) if weekday else None, year.words)

    def dates(self, children: list[object]) -> list[FoundDate]:
        """The dates in order, each with the date that restates it: the next one, the other way
        written (words then figures, or figures then words), after a bracket or "soit"."""
        out: list[FoundDate] = []
        for i, child in enumerate(children):
            if not isinstance(child, FoundDate):
                continue
            nxt = children[i + 2] if i + 2 < len(children) else None
            between = children[i + 1] if i + 1 < len(children) else None
            if (
                isinstance(between, _Restate)
                and isinstance(nxt, FoundDate)
                and nxt.in_words != child.in_words
                and nxt.start <= child.end + RESTATED_REACH
            ):
                child = replace(child, restatement=nxt)
            out.append(child)
        return out

    def year_first(self, children: list[object]) -> list[FoundDate]:
        return [c for c in children if isinstance(c, FoundDate)]


def _figured(token: Token) -> FoundDate | None:
    """19/06/2015, 19.06.15 (a year of two figures is of the 2000s), 2015-06-19."""
    text = str(token)
    if token.type == "ISO":
        year, month, day = (int(p) for p in text.split("-"))
    else:
        day, month, short = (int(p) for p in re.split(r"[/.]", text))
        year = short + (2000 if short < 100 else 0)
    found = _date(year, month, day)
    return None if found is None else FoundDate(found, token.start_pos or 0, token.end_pos or 0, None)


build_parser, parser, patterns = grammartables.readers(GRAMMAR_FILE, DatesOf, START)


# Dates are found only around what every date contains: a month name or the separators of figures.
# A date in figures is hit once, at its first separator ("19/06/2015", "19.06.15"): not the
# separators of a number ("2014/131") or of an amount ("1.000").
_DATE_CUE = Cue(tuple(MONTHS), (r"/(?<=\d/)(?=\d\d?/\d)", r"\.(?<=\d\.)(?=\d\d?\.\d)", r"-(?<=\d-)(?=\d\d-\d)"), whole=True)
# "L'an ...": the hit is the apostrophe, one character after the start of the phrase.
_YEAR_FIRST_CUE = Cue(patterns=(r"'(?<=[Ll]')\s*[Aa][Nn]\b", r"’(?<=[Ll]’)\s*[Aa][Nn]\b"))
# How far a date reaches before and after its cue: a weekday and a day in words before a month,
# a year in words after it; the phrase of "l'an" up to its month.
_REACH = {"dates": (35, 40), "year_first": (1, 140)}
_CUES = {"dates": _DATE_CUE, "year_first": _YEAR_FIRST_CUE}


def _read(text: str, start_rule: str) -> list[FoundDate]:
    before, after = _REACH[start_rule]
    out: list[FoundDate] = []
    for w_start, w_end in windows(_CUES[start_rule], text, 0, len(text), before, after):
        try:
            found: list[FoundDate] = parser().parse(text[w_start:w_end], start=start_rule)  # type: ignore[assignment]
        except LarkError:  # the grammar accepts every text: a safety net
            continue
        out.extend(_moved(d, w_start) for d in found)
    return out


def _moved(found: FoundDate, by: int) -> FoundDate:
    again = _moved(found.restatement, by) if found.restatement is not None else None
    return replace(found, start=found.start + by, end=found.end + by, restatement=again)


# The dates of the last texts read, by identity: the builder alternates between the reading view
# and the short texts of some parts.
_MEMO_SIZE = 4


@dataclass(frozen=True, slots=True)
class _Read:
    """The dates of one text: those that put the year first, then the others, each in order of
    their starts (and the starts, for a bisection)."""

    text: str
    year_first: list[FoundDate]
    year_first_starts: list[int]
    others: list[FoundDate]
    others_starts: list[int]


_memo: tuple[_Read, ...] = ()


def _all_dates(text: str) -> _Read:
    global _memo
    memo = _memo
    hit = next((entry for entry in memo if entry.text is text), None)
    if hit is None:
        year_first = _read(text, "year_first")
        starts = {d.start for d in year_first}
        others = [d for d in _read(text, "dates") if d.start not in starts]
        hit = _Read(text, year_first, [d.start for d in year_first], others, [d.start for d in others])
    # The last used first, so that the short texts of the parts never push the whole text out;
    # one assignment: safe for the language server's threads.
    _memo = (hit, *(entry for entry in memo if entry is not hit))[:_MEMO_SIZE]
    return hit


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[FoundDate]:
    """Yield the valid dates written in text[start:end], in figures or in words: those that put
    the year first, then the others, each in order. A range costs its dates, not the text's
    (a bisection): each citation of a long text asks for the date after its number."""
    end = len(text) if end is None else end
    read = _all_dates(text)
    for found, starts in ((read.year_first, read.year_first_starts), (read.others, read.others_starts)):
        for i in range(bisect_left(starts, start), len(found)):
            date = found[i]
            if date.start >= end:
                break
            if date.end <= end:
                yield date
