"""French numbers and amounts as deliberations write them, and the names of the months (dates are
read by `build/datereader.py` with `grammar/date.lark`).

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
