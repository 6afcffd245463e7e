"""The harness's own reading of raw acts: dates, declared counts, amounts, positions (names: `people`).

Deliberately independent of `validator`: a mutant must exist wherever a clerk could have made the
defect, not only where delib's reading already works. These patterns are coarse on purpose (they
find places to change, they do not judge an act) and are written for the forms of real acts:
one-line OCR texts, `pdftotext -layout` columns, lists wrapped across lines.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_WORDS = re.compile(rf"\b(?P<d>1er|premier|\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>(?:19|20)\d\d)\b", re.I)
DATE_NUM = re.compile(r"\b(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b")
WEEKDAY = re.compile(rf"\b(?P<w>{'|'.join(WEEKDAYS)})\s+(?:le\s+)?(?=\d|1er|premier)", re.I)


@dataclass(frozen=True)
class DateAt:
    start: int
    end: int
    value: dt.date
    style: str  # "num" or "words"


def _make_date(y: str, m: int, d: str) -> dt.date | None:
    day = 1 if d.lower() in ("1er", "premier") else int(d)
    try:
        return dt.date(int(y), m, day)
    except ValueError:
        return None


def date_at(text: str, pos: int) -> DateAt | None:
    """The date written exactly at `pos` (figures or words), if any."""
    for pattern, style in ((DATE_NUM, "num"), (DATE_WORDS, "words")):
        m = pattern.match(text, pos)
        if m:
            month = int(m["m"]) if style == "num" else MONTHS[m["m"].lower()]
            value = _make_date(m["y"], month, m["d"])
            if value:
                return DateAt(m.start(), m.end(), value, style)
    return None


def dates(text: str, start: int = 0, end: int | None = None) -> list[DateAt]:
    """Every date of text[start:end], in order."""
    found: list[DateAt] = []
    for pattern, style in ((DATE_NUM, "num"), (DATE_WORDS, "words")):
        for m in pattern.finditer(text, start, len(text) if end is None else end):
            month = int(m["m"]) if style == "num" else MONTHS[m["m"].lower()]
            value = _make_date(m["y"], month, m["d"])
            if value:
                found.append(DateAt(m.start(), m.end(), value, style))
    return sorted(found, key=lambda d: d.start)


def write_date(value: dt.date, like: str) -> str:
    """`value` written the way `like` (a date of the act) is written: separator, padding, case."""
    m = DATE_NUM.fullmatch(like)
    if m:
        day = f"{value.day:02d}" if len(m["d"]) == 2 else str(value.day)
        month = f"{value.month:02d}" if len(m["m"]) == 2 else str(value.month)
        return f"{day}{m['sep']}{month}{m['sep']}{value.year}"
    words = DATE_WORDS.fullmatch(like)
    month_name = MONTH_NAMES[value.month - 1]
    if words and words["m"].isupper():
        month_name = month_name.upper()
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {month_name} {value.year}"


_SESSION_CUE = re.compile(r"s[ée]ance|r[ée]uni|session|convoqu|assembl", re.I)


def session_date(text: str, stated: str | None) -> dt.date | None:
    """The séance's date: the sidecar's when it states one, else the first date after a séance cue."""
    if stated:
        try:
            return dt.date.fromisoformat(str(stated)[:10])
        except ValueError:
            pass
    head = text[:6000]
    for cue in _SESSION_CUE.finditer(head):
        near = dates(text, cue.end(), min(len(text), cue.end() + 120))
        if near:
            return near[0].value
    # An @ctes id carries the act's date ("064-216401299-20230228-..."): an annex stamped on every
    # page often has no séance cue, and its first date is the stamp's transmission, not the séance.
    stamp = _ACTES_DATE.search(head)
    if stamp:
        try:
            return dt.date(int(stamp["y"]), int(stamp["m"]), int(stamp["d"]))
        except ValueError:
            pass
    found = dates(text, 0, len(head))
    return found[0].value if found else None


_ACTES_DATE = re.compile(r"\b\d{3}-\d{9}-(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)-")


_COUNT_NAMES = r"pr[ée]sents?|votants?|absents?|excus[ée]s?|pouvoirs?|procurations?|repr[ée]sent[ée]s?"
_COUNT = re.compile(rf"\b(?P<label>{_COUNT_NAMES})\b(?:\s*\(e?s?\))?\s*[:=]\s*(?P<n>\d{{1,3}})\b(?!\s*[h/:,.]\s*\d)", re.I)
_NOMBRE = re.compile(rf"\bnombre\s+(?:de\s+|d['’])(?:[a-zé]+\s+){{0,3}}?(?P<label>{_COUNT_NAMES}|en\s+exercice)\s*:?\s*(?P<n>\d{{1,3}})\b(?!\s*[h/:,.]\s*\d)", re.I)
_IN_OFFICE = re.compile(r"\ben\s+exercice\s*[:=]?\s*(?P<n>\d{1,3})\b|\b(?P<m>\d{1,3})\s+(?:conseillers|membres|délégués|élus)(?:\s+\w+)?\s+en\s+exercice", re.I)


@dataclass(frozen=True)
class CountAt:
    kind: str  # present, voting, absent, represented, in_office
    start: int  # the figures
    end: int
    value: int


def _kind_of(label: str) -> str:
    label = label.lower()
    if label.startswith("en"):
        return "in_office"
    if label.startswith("pr") and not label.startswith("proc"):
        return "present"
    return {"v": "voting", "a": "absent", "e": "absent", "p": "represented", "r": "represented"}[label[0]]


def counts(text: str) -> list[CountAt]:
    """Every declared count of the act ("Présents : 27", "Nombre de votants : 33", "36 en exercice")."""
    found: dict[int, CountAt] = {}
    for pattern in (_NOMBRE, _COUNT):
        for m in pattern.finditer(text):
            found.setdefault(m.start("n"), CountAt(_kind_of(m["label"]), m.start("n"), m.end("n"), int(m["n"])))
    for m in _IN_OFFICE.finditer(text):
        group = "n" if m["n"] else "m"
        found.setdefault(m.start(group), CountAt("in_office", m.start(group), m.end(group), int(m[group])))
    return sorted(found.values(), key=lambda c: c.start)


# --- visas -------------------------------------------------------------------------------------

VISA = re.compile(r"(?:^|(?<=[\s;.,]))(?:Vu|VU)\b\s*(?:le|la|les|l['’]|leurs?|son|ses)?", re.M)
_VISA_END = re.compile(r";|\n[ \t]*\n|(?=\b(?:Vu|VU|Consid[ée]rant|CONSID[ÉE]RANT|Entendu|ENTENDU)\b)")
CGCT = re.compile(r"collectivit[ée]s\s+territoriales|C\.?\s?G\.?\s?C\.?\s?T\b", re.I)


def visa_clauses(text: str) -> list[tuple[int, int, bool]]:
    """Every visa clause ("Vu ... ;"), with whether it cites the CGCT."""
    visas = []
    for m in VISA.finditer(text):
        end = _VISA_END.search(text, m.end() + 1, min(len(text), m.end() + 600))
        stop = end.end() if end and end.group() == ";" else end.start() if end else min(len(text), m.end() + 600)
        visas.append((m.start(), stop, bool(CGCT.search(text, m.start(), stop))))
    return visas



# --- amounts -----------------------------------------------------------------------------------

# Figures with their thousands (blank or dot) and an optional decimal part (comma, or a dot before
# exactly two digits: "163 000.00 €"), then the currency.
AMOUNT = re.compile(r"(?<![\d,.])(?P<n>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)|\d+)(?P<c>[,.]\d{1,2}(?!\d))?\s*(?:€|euros?\b|EUR\b)", re.I)


def amount_value(figures: str, cents: str | None = None) -> float:
    """The value of figures written "20 000", "8.024" or "1500", with their decimal part (",50")."""
    return float(re.sub(r"\D", "", figures) + ("." + cents[1:] if cents else ""))


def amount_of(m: re.Match[str]) -> float:
    return amount_value(m["n"], m["c"])


def first_amount(text: str) -> float | None:
    """The sum of money a sidecar's amount gives ("Subvention 2275.00 €"): None when it is not money."""
    m = AMOUNT.search(text)
    return amount_of(m) if m else None


DISPOSITIF = re.compile(r"\b(?:D[ÉE]CIDE|D[ÉE]LIB[ÈE]RE|ARR[ÊE]TE|apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée])\b")


# --- positions ---------------------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n?|\n")


class Lines:
    """Offsets to 1-based lines, with the line ends editors count (\\n, \\r\\n, a lone \\r)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        self.longest = max((b - a for a, b in zip(self.starts, [*self.starts[1:], len(text)])), default=0)

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(line, len(self.starts)))
        return self.starts[line - 1] + column - 1


def spread(items: list[object], k: int) -> Iterator[int]:
    """Indices of at most `k` items spread over the list: first, last, then between."""
    n = len(items)
    if n <= k:
        yield from range(n)
        return
    chosen = sorted({round(i * (n - 1) / (k - 1)) for i in range(k)}) if k > 1 else [0]
    yield from chosen
