"""Facts of the session header: the deliberating body, the session date and president (the counts: `counts.py`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from ..document import Span
from ..model import Body, BodyKind, Dated, Organ, Session
from ..names import display
from ..read.terms import term
from .cues import Cue, around
from .datereader import find_dates

SpanOf = Callable[[int, int], Span]

# The deliberating organ, most specific first.
_ORGANS: tuple[tuple[re.Pattern[str], BodyKind | None, Organ], ...] = tuple(
    (re.compile(p, re.IGNORECASE), k, o)
    for p, k, o in (
        (r"bureau\s+(?:de\s+la\s+m[ée]tropole|m[ée]tropolitain)", BodyKind.METROPOLE, Organ.BUREAU),
        (r"conseil\s+(?:de\s+la\s+)?m[ée]tropol(?:e|itain)", BodyKind.METROPOLE, Organ.CONSEIL),
        (r"bureau\s+(?:communautaire|de\s+la\s+communaut[ée])", BodyKind.EPCI, Organ.BUREAU),
        (r"conseil\s+(?:de\s+)?communaut(?:aire|[ée])", BodyKind.EPCI, Organ.CONSEIL),
        (r"commission\s+permanente", None, Organ.COMMISSION_PERMANENTE),
        (r"comit[ée]\s+syndical|comit[ée]\s+du\s+syndicat", BodyKind.SYNDICAT, Organ.COMITE),
        (r"bureau\s+syndical|bureau\s+du\s+syndicat", BodyKind.SYNDICAT, Organ.BUREAU),
        (r"conseil\s+municipal", BodyKind.COMMUNE, Organ.CONSEIL),
        (r"conseil\s+(?:d[ée]partemental|g[ée]n[ée]ral)|assembl[ée]e\s+d[ée]partementale", BodyKind.DEPARTEMENT, Organ.CONSEIL),
        (r"conseil\s+r[ée]gional|assembl[ée]e\s+r[ée]gionale", BodyKind.REGION, Organ.CONSEIL),
        (r"conseil\s+syndical", BodyKind.SYNDICAT, Organ.CONSEIL),
    )
)
_KIND_HINTS: tuple[tuple[re.Pattern[str], BodyKind], ...] = tuple(
    (re.compile(p, re.IGNORECASE), k)
    for p, k in (
        (r"\bm[ée]tropole\b", BodyKind.METROPOLE),
        (r"communaut[ée]\s+(?:de\s+communes|d['’]\s*agglom[ée]ration|urbaine)|\bEPCI\b", BodyKind.EPCI),
        (r"\bsyndicat\b|\bSIVU\b|\bSIVOM\b", BodyKind.SYNDICAT),
        (r"d[ée]partement|conseil\s+(?:g[ée]n[ée]ral|d[ée]partemental)", BodyKind.DEPARTEMENT),
        (r"\br[ée]gion\b|conseil\s+r[ée]gional|h[ôo]tel\s+r[ée]gional", BodyKind.REGION),
        (r"\bcommune\b|\bville\s+de\b|\bmairie\b|conseil\s+municipal", BodyKind.COMMUNE),
    )
)
_NAME_WORDS = r"[A-ZÀ-Ý][\w'’\-]*(?:[ \-](?:(?:de|du|des|la|le|et|sur|en|d['’]|DE|DU|DES|LA|LE|ET|SUR|EN|D['’])[ \-]?)?[A-ZÀ-Ý][\w'’\-]*){0,5}"
# The name of the body, by kind: the kind the organ gave is looked for first.
_BODY_NAMES: dict[BodyKind, re.Pattern[str]] = {
    BodyKind.COMMUNE: re.compile(rf"\b(?i:(?:ville|commune|mairie)\s+(?:de\s+|d['’]\s*)){_NAME_WORDS}"),
    BodyKind.METROPOLE: re.compile(rf"\b(?i:m[ée]tropole\s+(?:de\s+|du\s+|d['’])?){_NAME_WORDS}"),
    BodyKind.EPCI: re.compile(
        rf"\b(?i:communaut[ée]\s+(?:de\s+communes|d['’]agglom[ée]ration|urbaine)\s+(?:de\s+la\s+|de\s+|du\s+|d['’])?){_NAME_WORDS}"
    ),
    BodyKind.SYNDICAT: re.compile(r"\b(?i:syndicat)\s+[^\n,;:()]{3,90}?(?=\s*(?:[,;:()\n]|se\s+sont|s['’]est|$))"),
    BodyKind.DEPARTEMENT: re.compile(rf"\b(?i:d[ée]partement\s+(?:de\s+la\s+|du\s+|de\s+l['’]|des\s+|de\s+)){_NAME_WORDS}"),
    BodyKind.REGION: re.compile(rf"\b(?i:r[ée]gion\s+){_NAME_WORDS}"),
}
_PRESIDENCY = re.compile(
    r"(?:sous\s+la\s+pr[ée]sidence\s+de|pr[ée]sid[ée]e?\s+par)\s+(?P<who>(?:[^.;]|\.(?=[A-Z ]))(?:[^.;]|\b[A-Z]\.){1,160})", re.IGNORECASE
)
_OPENS = re.compile(
    r"(?P<civ>Madame|Monsieur|M\.|Mme)\s+(?P<name>[A-ZÀ-Ý][^,\n]{2,60}?),\s*(?P<role>Pr[ée]sidente?|Maire|Vice-Pr[ée]sidente?)\b[^\n.]{0,200}?a\s+ouvert\s+la\s+s[ée]ance"
)
_ROLE_IN = re.compile(
    r"\b(?P<role>doyen(?:ne)?\s+d['’\s]*[âa]ge|maire|pr[ée]sidente?|vice[\s-]*pr[ée]sidente?|premi(?:er|[èe]re)\s+adjointe?|adjointe?)\b",
    re.IGNORECASE,
)
_SECOND_CONVOCATION = re.compile(
    r"(?:deuxi[èe]me|seconde|nouvelle)\s+convocation|sans\s+(?:condition\s+de\s+)?quorum|quorum\s+n['’]\s*(?:est|étant)\s+pas\s+requis",
    re.IGNORECASE,
)
_NOT_SESSION_DATE = re.compile(
    r"(?:convoqu[ée]e?s?|convocation|envoi|envoy[ée]e?|r[ée]ception|re[çc]ue?|publi[ée]e?|affich[ée]e?|transmis|t[ée]l[ée]transmis|exercice|budget|loi|d[ée]cret|ordonnance|arr[êe]t[ée]|d[ée]lib[ée]ration)[^\n]{0,40}$",
    re.IGNORECASE,
)
# A date the convocation gives: after its word, with no séance or meeting between them.
_CONVOCATION_DATE = re.compile(rf"(?:{term('CONVOCATION_WORD')})(?:(?!r[ée]uni|s[ée]ance)[^\n.;]){{0,40}}$", re.IGNORECASE)
# Rare words each of these patterns contains: the patterns run only around them.
_OPENS_CUE = Cue(("ouvert",))
_PRESIDENCY_CUE = Cue(("présid", "presid"))
_SECOND_CUE = Cue(("convocation", "quorum"))
# A bare "du" or "le" names the séance's date only after an organ ("Conseil municipal du") or at the
# start of a sentence ("Le 12 mars 2023, le conseil ..."): "depuis le 15 juin 2018" or "la
# directive du 27 juin 2001" date something else.
_SESSION_CUE = re.compile(
    r"(?:s[ée]ance|r[ée]uni(?:on|e)?|l['’]\s*an|session)\s*(?:publique\s+)?(?:du\s+|le\s+)?$"
    r"|(?:conseil|bureau|comit[ée]|commission|assembl[ée]e|municipal|communautaire|syndical|m[ée]tropolitain)[^\n.;]{0,40}?\b(?:du|le)\s*$"
    r"|(?:^|[\n.;:])[ \t\u00a0]*+(?:du|le)\s*$",
    re.IGNORECASE,
)

# Every organ's name starts with one of these words: the patterns are tried only where they occur.
_ORGAN_CUE = Cue(("bureau", "conseil", "commission", "comit", "assembl"))


def _organs_in(text: str) -> list[tuple[int, BodyKind | None, Organ]]:
    """The first mention of each organ in `text`, as (offset, kind, organ)."""
    found: list[tuple[int, BodyKind | None, Organ]] = []
    left = list(_ORGANS)
    for start, _ in _ORGAN_CUE.hits(text, 0, len(text)):
        for entry in left:
            if entry[0].match(text, start):
                found.append((start, entry[1], entry[2]))
                left.remove(entry)
                break
        if not left:
            break
    return found


def detect_body(header: str, rest: str, whole: str, name_at: SpanOf, name_base: int) -> Body:
    """Name the organ from the header first (the formula "Le Bureau de la Métropole ..."), then the rest."""
    organ, kind = Organ.UNKNOWN, None
    for text in (header, rest):
        found = _organs_in(text)
        if found:
            # A bureau or commission permanente names its parent conseil too: the sub-organ wins.
            sub = [f for f in found if f[2] is not Organ.CONSEIL]
            _, kind, organ = min(sub or found, key=lambda f: f[0])
            break
    if kind is None:
        for rx, k in _KIND_HINTS:
            if rx.search(header) or rx.search(rest) or rx.search(whole[:4000]):
                kind = k
                break
    kinds = [kind] if kind in _BODY_NAMES else []
    kinds += [k for k in _BODY_NAMES if k is not kind]
    for k in kinds:
        # The fullest of the first mentions: a page title may cut the name ("Communauté de communes Le").
        names = list(_first(_BODY_NAMES[k], header, 3)) or list(_first(_BODY_NAMES[k], rest, 1))
        m = max(names, key=lambda x: len(x.group(0).split()), default=None)
        if m:
            span = name_at(name_base + m.start(), name_base + m.end()) if m.string is header else None
            return Body(display(m.group(0)), kind or BodyKind.UNKNOWN, organ, span)
    return Body(None, kind or BodyKind.UNKNOWN, organ, None)


def _first(rx: re.Pattern[str], text: str, n: int) -> Iterator[re.Match[str]]:
    for i, m in enumerate(rx.finditer(text)):
        if i >= n:
            return
        yield m


def detect_session(text: str, zones: Iterable[tuple[int, int]], span: SpanOf) -> Session:
    """Find the session date and president in the header zones (view offsets) of `text`."""
    date: dt.date | None = None
    date_span: Span | None = None
    fallback: tuple[dt.date, int, int] | None = None
    president = role = None
    pres_span: Span | None = None
    second = False
    convocation: Dated | None = None
    for start, end in zones:
        for found in find_dates(text, start, end):
            before = text[max(start, found.start - 60) : found.start]
            if convocation is None and _CONVOCATION_DATE.search(before):
                convocation = Dated(found.date, span(found.start, found.end))
            if _NOT_SESSION_DATE.search(before):
                continue
            if _SESSION_CUE.search(before) and date is None:
                date, date_span = found.date, span(found.start, found.end)
            elif fallback is None:
                fallback = (found.date, found.start, found.end)
        if president is None:
            president, role, pres_span = _president(text, start, end, span)
        second = second or next(around(_SECOND_CONVOCATION, _SECOND_CUE, text, start, end, before=30, after=30), None) is not None
    guessed = date is None and fallback is not None
    if fallback is not None and date is None:
        date, date_span = fallback[0], span(fallback[1], fallback[2])
    return Session(date, date_span, president, role, pres_span, second, guessed, convocation)


def _president(text: str, start: int, end: int, span: SpanOf) -> tuple[str | None, str | None, Span | None]:
    m = next(around(_OPENS, _OPENS_CUE, text, start, end, before=300, after=30), None)
    if m:
        return display(m.group("name")), m.group("role").lower(), span(m.start("name"), m.end("name"))
    m = next(around(_PRESIDENCY, _PRESIDENCY_CUE, text, start, end, before=30, after=200), None)
    if not m:
        return None, None, None
    who = m.group("who").replace("\n", " ")
    who_start = m.start("who")
    role_m = _ROLE_IN.search(who)
    role = role_m.group("role").lower() if role_m else None
    # The name is the run of capitalised words not part of the role phrase.
    name_m = None
    for nm in re.finditer(r"(?:[A-ZÀ-Ý][\w'’\-]*\.?\s+){0,3}[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)*|(?:[A-ZÀ-Ý][a-zà-ÿ'’\-]+\s+){1,2}[A-ZÀ-Ý][a-zà-ÿ'’\-]+", who):
        candidate = nm.group(0)
        if not re.match(r"(?:Monsieur|Madame|M\.|Mme|Maire|Pr[ée]sident)", candidate) or len(candidate.split()) > 1:
            name_m = nm
            break
    if name_m is None:
        return None, role, None
    name = re.sub(r"^(?:Monsieur|Madame|M\.|Mme)\s+", "", name_m.group(0))
    offset = name_m.group(0).find(name)
    s = who_start + name_m.start() + offset
    return display(name), role, span(s, s + len(name))
