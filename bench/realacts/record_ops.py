"""Mutation operators on the record of the act: dates, its number, transmission, signature, visas."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .mutant import PER_DOCUMENT, Change, Context, excerpt, operator, replace
from .people import NameAt, name_at
from .textforms import WEEKDAY, WEEKDAYS, date_at, dates, spread, visa_clauses, write_date


@operator("date-consistency")
def weekday(text: str, ctx: Context) -> Iterator[Change]:
    """The weekday of a correct date changed to the next day: "jeudi 24 avril 2014" -> "vendredi 24 avril 2014".

    Rule: date-consistency.
    """
    sites = []
    for m in WEEKDAY.finditer(text):
        date = date_at(text, m.end())
        if date and WEEKDAYS[date.value.weekday()] == m["w"].lower():
            sites.append(m)
    for i in spread(sites, PER_DOCUMENT):
        m = sites[i]
        word = WEEKDAYS[(WEEKDAYS.index(m["w"].lower()) + 1) % 7]
        word = word.upper() if m["w"].isupper() else word.capitalize() if m["w"][0].isupper() else word
        mutant, site = replace(text, m.start("w"), m.end("w"), word)
        yield Change(mutant, (site,), f"{m['w']} -> {word} : {excerpt(text, m.start(), m.end() + 20)}")


REFERENCE = re.compile(
    r"(?:\bn°|\bN°|\bn[o°º]\.?(?=\s*\d))\s*(?P<r>[A-Z]{0,5}[ _\-]?\d[\d/\-_. ]{2,14}\d)"
    r"|\b(?P<i>(?:DE|DEL|DCM|DB|DC|D|CP|CM|CR|C)[_\-]?\d{4}[_\-/]\d{1,4}(?:[_\-/]\d{1,4})?)\b"
    r"|(?<![\d/.-])(?P<s>(?:19|20)\d\d\s?/\s?\d{1,4})(?![\d/])"
)
# A number cited rather than the act's own: in a visa or after a cited text, introduced by an
# article ("jusqu'à la DB-2023-018", "à partir de la délibération n°..."), or a mayor's décision.
_CITED = re.compile(r"\b(?:loi|d[ée]cret|ordonnance|arr[êe]t[ée]|circulaire|code|vu|visa|d[ée]cisions?)\b[^.;\n]{0,40}$|https?://\S*$|\b(?:la|les|sa|une|des|cette|ladite)\s+(?:d[ée]lib[ée]rations?\s+)?(?:n[°o]\s*)?$", re.I)
# An @ctes id ("085-218500148-20230113-D2023_01_001-DE") holds a number that is the platform's.
_ACTES_ID = re.compile(r"\b\d{3}-\d{9}-\d{8}-[\w.-]{1,40}?-(?:DE|AR|AI|CC|BF|AU)\b")


def _in_note(text: str, start: int, end: int) -> bool:
    """Inside a bracketed note with other words ("(jusqu'à la DB-2023-018)"), not a number alone
    in brackets, which is how some titles give their act's number ("Subvention ( DE_2015_025)")."""
    opening = text.rfind("(", max(0, start - 60), start)
    if opening < 0 or ")" in text[opening:start]:
        return False
    closing = text.find(")", end, end + 60)
    return bool(text[opening + 1:start].strip()) or closing < 0 or bool(text[end:closing].strip())


@operator("reference-number")
def reference_year(text: str, ctx: Context) -> Iterator[Change]:
    """The séance's year in the act's own number changed to the next year: "n° 2014 / 155" -> "n° 2015 / 155".

    Numbers cited (in a visa, another act introduced by an article, a mayor's décision, a note in
    brackets), in a web address, or inside an @ctes id are left alone. Rule: reference-number.
    """
    if ctx.session is None:
        return
    year = str(ctx.session.year)
    stamps = [(a.start(), a.end()) for a in _ACTES_ID.finditer(text)]
    sites = []
    for m in REFERENCE.finditer(text):
        group = next(g for g in ("r", "i", "s") if m[g])
        if _CITED.search(text, max(0, m.start() - 60), m.start()) or any(a <= m.start(group) < b for a, b in stamps):
            continue
        if _in_note(text, m.start(), m.end()):
            continue
        inner = re.search(rf"(?<!\d){year}(?!\d)", m[group])
        if inner:
            sites.append((m.start(group) + inner.start(), m.start(group) + inner.end()))
    for i in spread(sites, PER_DOCUMENT):
        start, end = sites[i]
        mutant, site = replace(text, start, end, str(int(year) + 1))
        yield Change(mutant, (site,), f"{year} -> {int(year) + 1} : {excerpt(text, start, end)}")


TRANSMISSION = re.compile(r"\b(?:transmis(?:e|sion)?|envoy[ée]e?|envoi|re[çc]ue?|r[ée]ception|d[ée]pos[ée]e?|t[ée]l[ée]transmis(?:e|sion)?)\b", re.I)
_PREFECTURE = re.compile(r"pr[ée]fe|l[ée]galit[ée]|[ée]tat\b|sous-pr", re.I)


@operator("executoire-dates")
def transmission_before(text: str, ctx: Context) -> Iterator[Change]:
    """The date of transmission to (or reception by) the prefecture set ten days before the séance.

    "Reçu en préfecture le 03/02/2023" after a séance of 23/01/2023 becomes "13/01/2023". Without a
    known séance date, sixty days before the stamp's own date. Rule: executoire-dates.
    """
    sites = []
    for m in TRANSMISSION.finditer(text):
        window = text[m.end():m.end() + 60]
        if not _PREFECTURE.search(text[max(0, m.start() - 30):m.end() + 60]):
            continue
        found = dates(text, m.end(), m.end() + len(window))
        if found and not re.search(r"\d", text[m.end():found[0].start]):
            sites.append(found[0])
    for i in spread(sites, PER_DOCUMENT):
        date = sites[i]
        new = (ctx.session - dt.timedelta(days=10)) if ctx.session else date.value - dt.timedelta(days=60)
        written = write_date(new, text[date.start:date.end])
        mutant, site = replace(text, date.start, date.end, written)
        yield Change(mutant, (site,), f"{text[date.start:date.end]} -> {written} : {excerpt(text, date.start - 30, date.end)}")


SIGNATURE_ROLE = re.compile(
    r"(?:Pour\s+extrait\s+conforme,?\s*)?\b(?:Le|La|Monsieur\s+le|Madame\s+la)\s+"
    r"(?:Maire|Pr[ée]sidente?|Vice-Pr[ée]sidente?(?:\s+d[ée]l[ée]gu[ée]e?)?|(?:Premi(?:er|[èe]re)\s+)?Adjointe?(?:\s+au\s+Maire)?)\b(?P<comma>[ \t]*,)?",
    re.I,
)
FAKE_NAMES = ["Hippolyte VERDURIN", "Octavie LAMBRECHT", "Séraphin DUROCHER", "Philomène CASTAGNEDE"]


def _name_after(text: str, role: re.Match[str]) -> NameAt | None:
    """The name under a signature role: after its comma on the same line ("Le Maire, Denis FEGNE"),
    or alone on one of the next lines when the role begins its line."""
    if role["comma"]:
        same = name_at(text, role.end())
        if same and same.surname.isupper():  # on one line, only a name with its surname in capitals
            return same
    line_start = text.rfind("\n", 0, role.start()) + 1
    if text[line_start:role.start()].strip() and not re.search(r"[,.]\s*$", text[line_start:role.start()]):
        return None
    line_end = text.find("\n", role.end())
    for _ in range(6):
        if line_end < 0:
            return None
        start = line_end + 1
        line_end = text.find("\n", start)
        stop = line_end if line_end >= 0 else len(text)
        name = name_at(text, start)
        if name and not text[name.end:stop].strip(" ,.\t\r"):
            return name
    return None


@operator("signatory-authority")
def signatory_unknown(text: str, ctx: Context) -> Iterator[Change]:
    """The signatory's name replaced by a name that appears nowhere in the act.

    "Le Maire,\\n\\nPhilippe SAUREL" at the end of the act becomes "Le Maire,\\n\\nHippolyte VERDURIN".
    On a one-line text, the name that follows the role. Rule: signatory-authority.
    """
    fake = next(n for n in FAKE_NAMES if n.split()[-1].lower() not in text.lower())
    sites = []
    for m in SIGNATURE_ROLE.finditer(text, len(text) // 2):
        name = _name_after(text, m)
        if name:
            sites.append(name)
    for i in spread(sites, PER_DOCUMENT):
        name = sites[i]
        mutant, site = replace(text, name.start, name.end, fake)
        yield Change(mutant, (site,), f"{text[name.start:name.end]} -> {fake}")


@operator("required-visas")
def cgct_visa_removed(text: str, ctx: Context) -> Iterator[Change]:
    """Every visa of the CGCT removed from a visa block that keeps at least one other visa.

    "Vu le code général des collectivités territoriales ;\\nVu le budget primitif ;" keeps only the
    budget's visa. Rule: required-visas.
    """
    visas = visa_clauses(text)
    cgct = [v for v in visas if v[2]]
    if not cgct or len(cgct) == len(visas):
        return
    out, last = [], 0
    for start, stop, _ in cgct:
        if start < last:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() and (stop >= len(text) or text[stop:stop + 1] in "\r\n"):
            start, stop = line_start, stop + (2 if text[stop:stop + 2] == "\r\n" else 1)  # the whole line
        out.append(text[last:start])
        last = stop
    at = len(out[0])
    out.append(text[last:])
    yield Change("".join(out), ((at, at),), f"{len(cgct)} visa(s) du CGCT retiré(s) : {excerpt(text, cgct[0][0], cgct[0][0] + 40, 0)}")


OPERATORS = [weekday, reference_year, transmission_before, signatory_unknown, cgct_visa_removed]
