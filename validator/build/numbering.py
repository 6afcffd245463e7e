"""What a number says: the year it carries and, in Aix-Marseille-Provence numbers, its organ.

Two readings. An act's own number, read whole ("Délibération n° 2022-041"):

- "EMP 004-6064/19/BM" (the number of the object) and "MET 19/11402/BM" (of the register): a
  two-digit year, then the organ that deliberates, BM the Bureau, CM the Conseil;
- a four-digit year first, after at most a short prefix ("2011-02-001", "DE_2015_025",
  "2014 / 131", "CP-2023-11-087", "B-2022-063"), or last ("181/2022", "PACU/17-2023",
  "N°002/2023", "01/04-2023").

And a number cited inside a sentence, as a visa cites the deliberation it rests on ("Vu la
délibération FAG 21-5718/19/CM du ...", "Vu la délibération n° 2020-045 du ..."): the suffixed
forms first ("21-5718/19/CM", "19/11402/BM", the organ codes of other bodies too: CP, CC, CR,
CD), else a four-digit year after "n°" ("n° 2020-045", "n° DE_2016_021", "n° 2019/12").
"""

from __future__ import annotations

import re

from ..model import Reference
from .buildcontext import Context

# An act's own number: matched from its first character.
_AMP = (
    re.compile(r"^[A-Z]{2,4}\s*\d{2,3}\s*-\s*\d+\s*/\s*(?P<yy>\d{2})\s*/\s*(?P<organ>BM|CM)\b"),
    re.compile(r"^MET\s*(?P<yy>\d{2})\s*/\s*\d+\s*/\s*(?P<organ>BM|CM)\b"),
)
_YEAR_FIRST = re.compile(r"^(?:[A-Z]{1,5}\s?[ _-]\s?)?(?P<year>(?:19[89]|20[0-4])\d)\s?[-_/.]\s?\d")
_YEAR_LAST = re.compile(r"^(?:[A-Z]{1,5}\s?[ _/-]?\s?)?\d{1,4}\s?[-_/.]\s?(?:\d{1,2}\s?[-_/.]\s?)?(?P<year>(?:19[89]|20[0-4])\d)$")

# A bare order number ("12", "D 12", "DEL-12"): the serial is the whole number.
_BARE = re.compile(r"(?:[A-Z]{1,5}\s?[ _-]?\s?)?(?P<serial>\d{1,4})\s*$")
_FIGURES = re.compile(r"(?<!\d)\d+")

# A number cited in a sentence: "FAG 21-5718/19/CM" (item-sequence/year/organ), "MET 19/11402/BM"
# (year/number/organ).
_CITED_SUFFIXED = re.compile(
    r"(?<![\w/])(?:[A-Z]{2,4}[ \u00a0])?(?:\d{2,3}-\d{1,6}/(?P<yy>\d{2})|(?P<yy_first>\d{2})/\d{1,6})/(?P<organ>BM|CM|CP|CC|CR|CD)\b"
)
# "n° 2020-045", "DE_2016_021", "2019/12": a four-digit year opens the number.
_CITED_YEAR_FIRST = re.compile(r"\bn[°o]\s*(?P<number>(?:[A-Z]{1,4}[_ -])?(?P<year>(?:19|20)\d\d)[-_/.]\d{1,5}\b)", re.IGNORECASE)


def read_reference(ctx: Context, start: int, end: int) -> Reference:
    """The act's number written at view [start, end)."""
    raw = ctx.view.text[start:end]
    for rx in _AMP:
        m = rx.search(raw)
        if m:
            return _reference(ctx, start, end, start, m, "yy")
    m = _YEAR_FIRST.search(raw)
    if m:
        return _reference(ctx, start, end, start, m, "year")
    lead = len(raw) - len(raw.lstrip())
    return _reference(ctx, start, end, start + lead, _YEAR_LAST.search(raw.strip()), "year")


def cited_number(ctx: Context, start: int, end: int) -> Reference | None:
    """The number of a deliberation cited in view [start, end), a visa for instance."""
    raw = ctx.view.text[start:end]
    m = _CITED_SUFFIXED.search(raw)
    if m:
        return _reference(ctx, start + m.start(), start + m.end(), start, m, "yy" if m.group("yy") else "yy_first")
    m = _CITED_YEAR_FIRST.search(raw)
    if m:  # the number itself, without its "n°"
        return _reference(ctx, start + m.start("number"), start + m.end("number"), start, m, "year")
    return None


def _reference(ctx: Context, start: int, end: int, base: int, m: re.Match[str] | None, year: str) -> Reference:
    """The number written at view [start, end), with the parts `m` read (in the text from view `base`)."""
    text, span = " ".join(ctx.view.text[start:end].split()), ctx.span(start, end)
    if m is None:
        bare = _BARE.match(ctx.view.text, start, end)
        if bare is None:
            return Reference(text, span)
        return Reference(text, span, serial=int(bare.group("serial")), serial_span=ctx.span(bare.start("serial"), bare.end("serial")), series=_series(ctx, start, end, bare.start("serial"), bare.end("serial")))
    short = year != "year"
    organ = m.group("organ") if "organ" in m.re.groupindex else None
    year_at = (base + m.start(year), base + m.end(year))
    # The serial is the last run of figures that is not the year: "137" of "2014 / 137", "6064" of "EMP 004-6064/19/BM".
    runs = [r for r in _FIGURES.finditer(ctx.view.text, start, end) if (r.start(), r.end()) != year_at]
    serial = runs[-1] if runs else None
    return Reference(
        text,
        span,
        year=int(m.group(year)) + (2000 if short else 0),
        year_span=ctx.span(*year_at),
        short_year=short,
        organ_code=organ,
        organ_code_span=ctx.span(base + m.start("organ"), base + m.end("organ")) if organ else None,
        serial=int(serial.group()) if serial else None,
        serial_span=ctx.span(serial.start(), serial.end()) if serial else None,
        series=_series(ctx, start, end, serial.start(), serial.end()) if serial else None,
    )


def _series(ctx: Context, start: int, end: int, at: int, to: int) -> str:
    """The number with its serial marked, without blanks and in capitals: "2014/#", "DE_2015_#"."""
    return "".join(f"{ctx.view.text[start:at]}#{ctx.view.text[to:end]}".split()).upper()
