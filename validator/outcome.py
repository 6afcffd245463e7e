"""The end of an act: the vote and its result, the signatures, who the articles authorise to sign."""

from __future__ import annotations

import re
from collections.abc import Callable

from .cues import Cue, around
from .document import Span
from .french import count_value
from .lists import NOT_TAKING_PART, read_list
from .model import Authorisation, Dated, Member, Signatory, Transmission, Vote
from .names import display, looks_like_name, split_civility

SpanOf = Callable[[int, int], Span]

# (?<!\d) here and below: no attempt from inside a run of figures (quadratic in its length).
_NUM = r"(?<!\d)(?P<n>\d+|(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente)(?:[\s-]+\w+){0,2}?)"
_VOTE_COUNTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, re.compile(p, re.IGNORECASE))
    for k, p in (
        ("for_", r"\bpour\s*[:=]?\s*(?P<n>\d+)\b"),
        ("for_", rf"{_NUM}\s+(?:voix\s+)?(?:pour|pours|pour\b|favorables?)\b"),
        ("against", r"\bcontre\s*[:=]?\s*(?P<n>\d+)\b"),
        ("against", rf"{_NUM}\s+(?:voix\s+)?contre\b"),
        ("abstention", r"\babstentions?\s*[:=]?\s*(?P<n>\d+)\b"),
        ("abstention", rf"{_NUM}\s+abstentions?\b"),
        ("not_voting", r"ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote\s*[:=]?\s*(?P<n>\d+)\b"),
        ("voting", r"\bvotants?\s*[:=]\s*(?P<n>\d+)\b"),
        ("voting", r"(?<!\d)(?P<n>\d+)\s+votants\b"),
    )
)
_UNANIMOUS = re.compile(r"unanimit[ée]", re.IGNORECASE)
_ADOPTED = re.compile(r"\badopt|\bapprouv|unanimit[ée]", re.IGNORECASE)
_REJECTED = re.compile(r"\brejet|n['’]\s*(?:est|a)\s+pas\s+(?:[ée]t[ée]\s+)?adopt|non\s+adopt", re.IGNORECASE)
_CASTING = re.compile(r"voix\s+(?:du\s+pr[ée]sident\s+(?:[ée]tant\s+)?)?pr[ée]pond[ée]rante", re.IGNORECASE)
_SECRET = re.compile(r"scrutin\s+secret|bulletins?\s+secrets?|vote\s+[àa]\s+bulletin", re.IGNORECASE)

_ROLE = re.compile(
    r"(?:(?:pour|p/o?)\s+)?(?:par\s+d[ée]l[ée]gation\s*,?\s*)?(?:(?:le|la|l['’])\s*|(?:monsieur|madame|m\.|mme)\s+(?:le|la)\s+)"
    r"(?:maire|pr[ée]sidente?|vice[\s-]*pr[ée]sidente?|(?:premi(?:er|[èe]re)\s+)?adjointe?|conseill(?:er|[èe]re)|directeur|directrice"
    r"|secr[ée]taire|d\.?g\.?s\b|doyen)[^\n:]*",
    re.IGNORECASE,
)
_DELEGATION = re.compile(r"par\s+d[ée]l[ée]gation|\bp\.?\s*o\.?\b|pour\s+(?:le|la)\s+(?:maire|pr[ée]sident)|d[ée]l[ée]gu[ée]e?\b|d[ûu]ment\s+habilit", re.IGNORECASE)
_CERTIFICATION = re.compile(
    r"certifi[ée]e?\s+(?:conforme|ex[ée]cutoire|exact)|pour\s+(?:extrait|copie|exp[ée]dition)\s+conforme|(?:ainsi\s+)?fait\s+et\s+d[ée]lib[ée]r[ée][^\n]*",
    re.IGNORECASE,
)
_AUTHORISED = re.compile(
    r"(?P<who>(?:Monsieur|Madame|M\.|Mme)\s+(?P<art>le|la)\s+(?P<role>Maire|Pr[ée]sident(?:e)?))\b[^.;\n]{0,120}?\b(?:est|soit|sont)\s+(?:express[ée]ment\s+)?autoris[ée]"
    r"|autoris(?:e|er|ent)\s+(?P<who2>(?:Monsieur|Madame|M\.|Mme)\s+(?P<art2>le|la)\s+(?P<role2>Maire|Pr[ée]sident(?:e)?))\b",
)


def read_vote(text: str, start: int, end: int, span: SpanOf) -> Vote:
    """Read the outcome and the numbers of a vote stated in view text [start, end)."""
    chunk = text[start:end]
    counts: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for key, rx in _VOTE_COUNTS:
        if key in counts:
            continue
        for m in rx.finditer(chunk):
            if any(s <= m.start() < e for s, e in taken):
                continue
            n = m.group("n")
            value = count_value(n)
            if value is not None:
                counts[key] = value
                taken.append((m.start(), m.end()))
                break
    unanimous = bool(_UNANIMOUS.search(chunk)) and not re.search(r"unanimit[ée]\s+(?:moins|sauf)", chunk, re.I)
    outcome = "rejected" if _REJECTED.search(chunk) else ("adopted" if _ADOPTED.search(chunk) else None)
    if outcome is None and "for_" in counts:
        # "6 voix favorables et 1 abstention": the figures state the outcome.
        against = counts.get("against", 0)
        outcome = "adopted" if counts["for_"] > against else ("rejected" if counts["for_"] < against else None)
    return Vote(
        span=span(start, end),
        text=" ".join(chunk.split())[:300],
        outcome=outcome,
        unanimous=unanimous,
        for_=counts.get("for_"),
        against=counts.get("against"),
        abstention=counts.get("abstention"),
        not_voting=counts.get("not_voting"),
        voting=counts.get("voting"),
        casting_vote=bool(_CASTING.search(chunk)),
        secret_ballot=bool(_SECRET.search(chunk)),
    )


def read_signatories(text: str, parts: list[tuple[int, int]], span: SpanOf) -> list[Signatory]:
    """Pair role lines and name lines of the closing parts (view ranges), in order."""
    lines: list[tuple[int, int]] = []
    for start, end in parts:
        pos = start
        for line in text[start:end].split("\n"):
            stripped = line.strip()
            if stripped:
                lead = line.index(stripped[0])
                lines.append((pos + lead, pos + lead + len(stripped)))
            pos += len(line) + 1
    signatories: list[Signatory] = []
    certification: str | None = None
    role: tuple[int, int] | None = None
    for ls, le in lines:
        line = text[ls:le]
        cert = _CERTIFICATION.search(line)
        if cert:
            certification = " ".join(cert.group(0).split()).rstrip(",")
        role_m = _ROLE.search(text, ls + cert.end() if cert else ls, le)
        if role_m:
            start = role_m.start()
            if role is not None:
                if _DELEGATION_PREFACE.match(text[role[0] : role[1]]):
                    # "Pour le Maire et par délégation, / Le Directeur général des services"
                    start = role[0]
                else:
                    signatories.append(_signatory(text, role, None, certification, span))
            name_m = re.search(r"[:,]\s*(?P<name>[^:,]+)$", role_m.group(0))
            if name_m and looks_like_name(name_m.group("name").strip()):
                ns = role_m.start() + name_m.start("name")
                signatories.append(_signatory(text, (start, role_m.start() + name_m.start()), (ns, role_m.end()), certification, span))
                role = None
            else:
                role = (start, role_m.end())
            continue
        if looks_like_name(line) and role is not None:
            signatories.append(_signatory(text, role, (ls, le), certification, span))
            role = None
        elif role is not None and not cert:
            # Continuation of a long role: "Le Vice-Président Délégué / Emploi, Insertion".
            role = (role[0], le)
    if role is not None:
        signatories.append(_signatory(text, role, None, certification, span))
    return signatories


_DELEGATION_PREFACE = re.compile(
    r"^\W*(?:pour|p/o?)\s+(?:le|la)\s+(?:maire|pr[ée]sidente?)\W*(?:et\s+)?(?:par\s+d[ée]l[ée]gation)?\W*$|^[^\n]*par\s+d[ée]l[ée]gation\W*$",
    re.IGNORECASE,
)


def _signatory(
    text: str, role: tuple[int, int], name: tuple[int, int] | None, certification: str | None, span: SpanOf
) -> Signatory:
    role_text = " ".join(text[role[0] : role[1]].split()).strip(" ,:;")
    name_text = display(text[name[0] : name[1]]) if name else None
    whole = span(role[0], name[1] if name else role[1])
    return Signatory(
        name=name_text,
        role=role_text,
        span=whole,
        name_span=span(*name) if name else None,
        certification=certification,
        by_delegation=bool(_DELEGATION.search(role_text)),
    )


def read_authorisations(text: str, start: int, end: int, span: SpanOf) -> list[Authorisation]:
    out = []
    for m in _AUTHORISED.finditer(text, start, end):
        who = m.group("who") or m.group("who2")
        art = m.group("art") or m.group("art2")
        role = (m.group("role") or m.group("role2")).lower()
        ws = m.start("who") if m.group("who") else m.start("who2")
        out.append(
            Authorisation(
                text=who,
                span=span(ws, ws + len(who)),
                role="maire" if role == "maire" else "president",
                feminine=art.lower() == "la" or role.endswith("e") and role != "maire",
            )
        )
    return out


_ACTES_ID = re.compile(r"\b\d{3}-\d{9}-\d{8}-[\w.-]{1,40}?-(?:DE|AR|AI|CC|BF|AU)(?![A-Za-z])")
_TRANSMISSION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, re.compile(p, re.IGNORECASE))
    for k, p in (
        ("received", r"r[ée]ception\s+(?:en\s+|[àa]\s+la\s+)?pr[ée]fecture|re[çc]ue?\s+(?:en\s+|[àa]\s+la\s+)?pr[ée]fecture|accus[ée]\s+de\s+r[ée]ception\s+le"),
        ("sent", r"envoi\s+(?:en\s+)?pr[ée]fecture|transmise?\s+(?:en\s+|[àa]\s+la\s+)?(?:pr[ée]fecture|sous-pr[ée]fecture|contr[ôo]le\s+de\s+l[ée]galit[ée])|date\s+de\s+transmission"),
        ("published", r"publi[ée]e?s?\s+le|affich[ée]e?s?\s+le|mise?\s+en\s+ligne\s+le|date\s+de\s+(?:publication|mise\s+en\s+ligne|l['’]affichage)"),
        ("executory", r"rendue?\s+ex[ée]cutoire|certifi[ée]e?\s+ex[ée]cutoire|ex[ée]cutoire\s+le"),
    )
)


def read_transmission(text: str, parts: list[tuple[int, int]], span: SpanOf) -> Transmission | None:
    """The @ctes id and the dates of transmission, reception, publication and enforceability."""
    from .french import find_dates

    acte_id = acte_span = None
    found: dict[str, Dated] = {}
    for start, end in parts:
        if acte_id is None and (m := _ACTES_ID.search(text, start, end)):
            acte_id, acte_span = m.group(0), span(m.start(), m.end())
        for kind, rx in _TRANSMISSION_KINDS:
            if kind in found:
                continue
            for label in rx.finditer(text, start, end):
                # The date follows its label on the same line (or on the next one).
                limit = end
                first = text.find("\n", label.end(), end)
                if first >= 0:
                    second = text.find("\n", first + 1, end)
                    limit = second if second >= 0 else end
                date = next(find_dates(text, label.end(), limit), None)
                if date is not None:
                    found[kind] = Dated(date.date, span(date.start, date.end))
                    break
    if acte_id is None and not found:
        return None
    return Transmission(acte_id, acte_span, found.get("sent"), found.get("received"), found.get("published"), found.get("executory"))


# "M. DUPONT, président de l'association, ne prend pas part au vote", "Mme X se retire".
_WITHDRAWN = re.compile(
    # (?<!...): a name starts a word; attempts from inside a long word would each rescan it.
    r"(?<![\w'’\-])(?P<who>(?:(?:M\.|Mme|MM\.|Monsieur|Madame|Messieurs|Mesdames)\s+)?[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*){0,3}"
    r"(?:\s*(?:,|et)\s*(?:(?:M\.|Mme|Monsieur|Madame)\s+)?[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*){0,3}){0,4})"
    rf"(?:\s*,[^.;\n]{{0,90}},)?\s+(?:{NOT_TAKING_PART})",
)


# The names come first: look for them only before the verb, which is rare.
# The verbs of NOT_TAKING_PART ("ne prend pas part", "ne prennent pas part", "n'ont pas pris part", "se retire", "quitte la salle").
_WITHDRAWN_CUE = Cue(("pren", "particip", "pris", "retire", "quitte"))


def read_withdrawals(text: str, start: int, end: int, span: SpanOf) -> list[Member]:
    """Members the act says do not take part in its vote (interest, or leaving the room)."""
    out = []
    for m in around(_WITHDRAWN, _WITHDRAWN_CUE, text, start, end, before=400, after=40):
        who_start = m.start("who")
        for entry in read_list(m.group("who"), who_start).entries:
            if looks_like_name(entry.text):
                civility, rest = split_civility(entry.text)
                out.append(Member(display(rest), span(entry.start, entry.end), civility=civility))
    return out
