"""French numbers, amounts and dates as deliberations write them.

Numbers in words are converted by text2num (a maintained library); this module only finds where
they are. Figures accept the French forms "20 000 €", "20 000,50 €", "20.000 €", "20000€",
"1 234 567,89 euros", with spaces, NBSP or narrow NBSP as thousands separators.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from .build.cues import Cue, around
from .read.terms import term

# One number word ("vingt", "cents", "mille"), written once in grammar/terms.lark, which the vote
# tallies' grammar imports too.
_NUM_WORD = term("NUMBER_WORD")
# A run of number words: "vingt mille", "mille deux cent trente-quatre", "quatre-vingt-dix".
NUMBER_WORDS_RE = re.compile(
    rf"\b{_NUM_WORD}(?:(?:[\s\u00a0-]+|\s+et\s+){_NUM_WORD}){{0,12}}\b(?:\s+(?:millions?|milliards?)(?:\s+{_NUM_WORD}(?:[\s\u00a0-]+{_NUM_WORD}){{0,10}})?)?",
    re.IGNORECASE,
)
_SCALE_RE = re.compile(rf"\b{_NUM_WORD}(?:[\s\u00a0-]+{_NUM_WORD}){{0,6}}\s+(?:millions?|milliards?)\b", re.IGNORECASE)

_SEP = r"[ \u00a0\u202f.]"
FIGURES = rf"(?<![\d,.])(?:\d{{1,3}}(?:{_SEP}\d{{3}})+|\d+)(?:,\d{{1,2}})?(?![\d])"
CURRENCY = r"(?:€|euros?\b|EUR\b|k€|K€|M€)"
AMOUNT_RE = re.compile(rf"(?P<num>{FIGURES})[ \u00a0\u202f]*(?P<cur>{CURRENCY})(?:[ \u00a0\u202f]*(?P<tax>H\.?T\.?|T\.?T\.?C\.?))?")
WORDS_AMOUNT_RE = re.compile(
    rf"(?P<words>{NUMBER_WORDS_RE.pattern})\s+(?:de\s+)?euros?(?:\s+et\s+(?P<cents>{_NUM_WORD}(?:[\s-]+{_NUM_WORD}){{0,3}})\s+centimes?)?",
    re.IGNORECASE,
)

MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "décembre": 12,
}
_MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
_DAY_WORDS = rf"(?:1er|premier|{_NUM_WORD}(?:[\s-]+{_NUM_WORD}){{0,3}})"
_YEAR_WORDS = rf"(?:(?:deux\s+)?mil(?:le)?(?:[\s-]+{_NUM_WORD}){{0,4}}|{_NUM_WORD}(?:[\s-]+{_NUM_WORD}){{0,5}})"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
DATE_RE = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY})\s+)?(?P<d>\d{{1,2}}|1er|{_DAY_WORDS})(?:er)?\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}}|{_YEAR_WORDS})\b"
    rf"|(?P<d2>\d{{1,2}})[/.](?P<m2>\d{{1,2}})[/.](?P<y2>\d{{4}}|\d{{2}})\b"
    rf"|(?P<y3>(?:19|20)\d{{2}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b",
    re.IGNORECASE,
)
# "L'an deux mil onze, le jeudi 12 mai": the year comes first.
YEAR_FIRST_RE = re.compile(
    rf"l['’]\s*an\s+(?P<y>\d{{4}}|{_YEAR_WORDS})\s*,?\s*(?:et\s+)?le\s+(?:(?P<wd>{_WEEKDAY})\s+)?(?P<d>\d{{1,2}}|1er|{_DAY_WORDS})(?:er)?\s+(?:(?:du\s+mois\s+)?d['’e]\s*)?(?P<m>{_MONTH})",
    re.IGNORECASE,
)


def words_to_int(words: str) -> int | None:
    """Convert French number words with text2num; None when they do not form one number."""
    cleaned = re.sub(r"\s+", " ", words.replace("\u00a0", " ")).strip().lower()
    cleaned = re.sub(r"\bmil\b", "mille", cleaned)
    try:
        return int(text2num(cleaned, "fr"))
    except (ValueError, TypeError):
        return None


def figures_to_decimal(text: str) -> Decimal | None:
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    if "," in digits:
        whole, _, cents = digits.partition(",")
        digits = whole.replace(".", "") + "." + cents
    else:
        digits = digits.replace(".", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def count_value(text: str) -> int | None:
    """A count in figures or in words; None for anything else, such as a run of figures too long to
    be a count (int() refuses more than 4300 figures, and a damaged file can hold them)."""
    if text.isdecimal():
        return int(text) if len(text) <= 18 else None
    return words_to_int(text)


def _int_or_words(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text.lower() in ("1er", "premier"):
        return 1
    return words_to_int(text)


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: dt.date
    start: int
    end: int
    weekday: str | None


_MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def format_amount(value: Decimal) -> str:
    """Write a sum as French texts do: "20 000", "1 234,50", "−176 514,06" (narrow no-break spaces)."""
    sign = "−" if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f")
    return sign + (grouped if cents == "00" else f"{grouped},{cents}")


def format_date(date: dt.date) -> str:
    """Write a date as French texts do: "1er avril 2020", "6 juin 2001"."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {_MONTH_NAMES[date.month - 1]} {date.year}"


def weekday_name(date: dt.date) -> str:
    """The French name of the day of the week of `date` ("jeudi")."""
    return WEEKDAYS[date.weekday()]


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[FoundDate]:
    """Yield the valid dates written in text[start:end], in figures or in words."""
    end = len(text) if end is None else end
    seen: set[int] = set()
    # Windows: "L'an deux mil onze, le jeudi douze du mois de mai" runs on after its cue; a date
    # around a month name holds a weekday and a day before it, a year after it.
    for rx, cue, before, after in ((YEAR_FIRST_RE, _YEAR_FIRST_CUE, 1, 140), (DATE_RE, _DATE_CUE, 50, 50)):
        for m in around(rx, cue, text, start, end, before, after, at=_WORD_START):
            found = _date_of(m)
            if found is not None and m.start() not in seen:
                seen.add(m.start())
                yield FoundDate(found, m.start(), m.end(), (m.group("wd") or None) if "wd" in m.re.groupindex else None)


# Dates are found only around what every date contains: a month name or a d/m/y form.
_DATE_CUE = Cue(tuple(MONTHS), (r"/(?<=\d/)(?=\d)", r"\.(?<=\d\.)(?=\d)", r"-(?<=\d-)(?=\d\d-\d)"), whole=True)
# "L'an ...": the hit is the apostrophe, one character after the start of the date.
_YEAR_FIRST_CUE = Cue(patterns=(r"'(?<=[Ll]')\s*[Aa][Nn]\b", r"’(?<=[Ll]’)\s*[Aa][Nn]\b"))
# A date begins with a word or a number (a weekday, a day, "l'an"), never inside one.
_WORD_START = re.compile(r"(?<!\d)\d|(?<![^\W\d_])[^\W\d_]")


def _date_of(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g.get("y3"):
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g.get("d2"):
            short = int(g["y2"])
            return dt.date(short + (2000 if short < 100 else 0), int(g["m2"]), int(g["d2"]))
        day = _int_or_words(g["d"])
        year = _int_or_words(g["y"])
        month = MONTHS.get(g["m"].lower().replace("û", "u").replace("é", "e")) or MONTHS.get(g["m"].lower())
        if day is None or year is None or month is None or not 1800 < year < 2200:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class FoundAmount:
    value: Decimal
    start: int
    end: int
    words_value: Decimal | None = None
    words_start: int | None = None
    words_end: int | None = None


def find_amounts(text: str, start: int = 0, end: int | None = None) -> Iterator[FoundAmount]:
    """Yield sums of money in figures, paired with the same sum in words when it sits next to it."""
    end = len(text) if end is None else end
    words = [(m, v) for m in _words_before_euros(text, start, end) if (v := _words_value(m)) is not None]
    used: set[int] = set()
    for m in around(AMOUNT_RE, _CURRENCY_CUE, text, start, end, before=40, after=12):
        value = figures_to_decimal(m.group("num"))
        if value is None:
            continue
        cur = m.group("cur")
        if cur in ("k€", "K€"):
            value *= 1000
        elif cur == "M€":
            value *= 1_000_000
        pair = _pair(text, m, words, used)
        if pair is None:
            yield FoundAmount(value, m.start(), m.end())
        else:
            wm, wv = pair
            yield FoundAmount(value, m.start(), m.end(), wv, wm.start(), wm.end())


_EURO = re.compile(r"euros?\b", re.IGNORECASE)
_CURRENCY_CUE = Cue(("euro",), ("€", r"EUR\b"))


def _words_before_euros(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Sums in words end with "euros": look for them only just before that word."""
    found: dict[int, re.Match[str]] = {}
    for e in _EURO.finditer(text, start, end):
        for m in WORDS_AMOUNT_RE.finditer(text, max(start, e.start() - 160), min(end, e.end() + 60)):
            found.setdefault(m.start(), m)
    return [found[k] for k in sorted(found)]


def _words_value(m: re.Match[str]) -> Decimal | None:
    whole = words_to_int(m.group("words"))
    if whole is None:
        return None
    value = Decimal(whole)
    if m.group("cents"):
        cents = words_to_int(m.group("cents"))
        if cents is None:
            return None
        value += Decimal(cents) / 100
    return value


def _pair(
    text: str, fig: re.Match[str], words: list[tuple[re.Match[str], Decimal]], used: set[int]
) -> tuple[re.Match[str], Decimal] | None:
    """Pair "vingt mille euros (20 000 €)" or "20 000 € (vingt mille euros)": adjacent, bracketed."""
    for wm, wv in words:
        if wm.start() in used or wv is None:
            continue
        if wm.end() <= fig.start():
            gap = text[wm.end() : fig.start()]
        elif fig.end() <= wm.start():
            gap = text[fig.end() : wm.start()]
        else:
            continue
        if re.fullmatch(r"[\s\u00a0]*[(\[]?[\s\u00a0]*|[\s\u00a0]*(?:soit|,)[\s\u00a0]*[(\[]?[\s\u00a0]*", gap):
            used.add(wm.start())
            return wm, wv
    return None
