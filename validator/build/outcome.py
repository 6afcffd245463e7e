"""The end of an act: the vote and its result, the signatures, who the articles authorise to sign."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..document import Span
from ..model import Authorisation, Dated, Member, Signatory, Transmission, Vote
from ..names import display, is_role_word, looks_like_name, split_civility
from ..read.terms import term
from .cues import Cue, around
from .datereader import FoundDate, find_dates
from .lists import NOT_TAKING_PART, read_list
from .tally import read_tally

SpanOf = Callable[[int, int], Span]

# The outcome in words, each written once. The figures are the tallies' grammar's (`tally.py`).
_UNANIMITY = r"unanimit[ée]"
_UNANIMOUS = re.compile(_UNANIMITY, re.IGNORECASE)
# "à l'unanimité moins deux voix": not unanimous.
_UNANIMITY_SAVE = re.compile(_UNANIMITY + r"\s+(?:moins|sauf)", re.IGNORECASE)
_ADOPTED = re.compile(r"\badopt|\bapprouv|" + _UNANIMITY, re.IGNORECASE)
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
    """Read the outcome and the figures of a vote stated in view text [start, end)."""
    chunk = text[start:end]
    tally = read_tally(text, start, end)
    counts = tally.counts
    unanimous = bool(_UNANIMOUS.search(chunk)) and not _UNANIMITY_SAVE.search(chunk)
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
        unread=tuple(span(a, b) for a, b in tally.unread),
    )


@functools.cache
def _outcome_phrase() -> re.Pattern[str]:
    return re.compile(term("OUTCOME_PHRASE"))


_CLAUSE_START = re.compile(r"[.;:!?\n](?=\s)|^", re.MULTILINE)
# What leads an outcome phrase and belongs to it: "29 VOIX POUR", "à l'unanimité", "Accord à l'unanimité".
_LEADING_FIGURE = re.compile(r"(?:\d+|(?:(?:Accord|ACCORD|Adopt[ée]e?|ADOPT[ÉE]E?)[ \t\u00a0]+)?[àaÀA][ \t\u00a0]+[lL]['’][ \t\u00a0]*)[ \t\u00a0]*$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_TALLY_GLUE = frozenset("et par avec dont des de la le les voix votes pour contre abstention abstentions membres présents votants suffrages exprimés".split())
_CLAUSE_END = re.compile(r"\.(?=\s|$)|\n|;")


@functools.cache
def _tally_after() -> re.Pattern[str]:
    """Tally items that may follow the clause ("... à la majorité : Pour : 12, Contre : 3"): a label
    of the tally grammar's (grammar/terms.lark) and its figure."""
    return re.compile(r"[\s,;:()–—-]*+(?:" + term("TALLY_LABEL") + r")[^.;\n]{0,40}?\d+")


def find_vote_statement(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The clause of view text [start, end) that states the outcome in prose ("Le Conseil, après en
    avoir délibéré, à l'unanimité, autorise ...", "ADOPTÉ À L'UNANIMITÉ", "par 20 voix pour et 2
    abstentions"), with the tally that follows it."""
    m = _outcome_phrase().search(text, start, end)
    if m is None:
        return None
    back = max(start, m.start() - 160)
    opening = [c.end() for c in _CLAUSE_START.finditer(text, back, m.start())]
    clause_start = opening[-1] if opening else back
    close = _CLAUSE_END.search(text, m.end(), min(end, m.end() + 200))
    clause_end = close.start() if close else min(end, m.end() + 200)
    # The next outcome opens the next clause (items of a table: "Accord à l'unanimité ... 29 VOIX
    # POUR et 1 VOIX CONTRE"), with the figure that leads it.
    previous = m.end()
    for nxt in _outcome_phrase().finditer(text, m.end(), clause_end):
        lead = _LEADING_FIGURE.search(text, max(previous, nxt.start() - 20), nxt.start())
        cut = lead.start() if lead else nxt.start()
        # Not the tally of the same statement (", 2 voix contre"): words of another item between.
        if len([w for w in _WORDS.findall(text, previous, cut) if w.lower() not in _TALLY_GLUE]) >= 2:
            clause_end = cut
            break
        previous = nxt.end()
    while (more := _tally_after().match(text, clause_end, end)) is not None and more.end() - clause_end < 60:
        clause_end = more.end()
    return clause_start, clause_end


def find_vote_statements(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Every clause of view text [start, end) that states an outcome (a procès-verbal states one
    per item: "ADOPTÉE À L'UNANIMITÉ ... Approuvé à la majorité, 3 voix contre ...")."""
    clauses: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        found = find_vote_statement(text, pos, end)
        if found is None:
            break
        if not clauses or found[0] >= clauses[-1][1]:
            clauses.append(found)
        pos = max(found[1], pos + 1)
    return clauses


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
            if not (name_m and looks_like_name(name_m.group("name").strip())):
                # "Le Vice-Président délégué au Développement économique Marc CHEVALIER": a role
                # and the name that ends it, on one line once the line breaks are lost.
                name_m = _trailing_name(role_m.group(0))
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


# The last words of a role line that are a name: given names, then the surname in capitals.
_TRAILING_NAME = re.compile(r"(?:[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*\s+){1,2}[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)?\s*$")


def _trailing_name(role: str) -> re.Match[str] | None:
    """ "Le Vice-Président délégué au Développement économique Marc CHEVALIER" -> "Marc CHEVALIER"
    (a role word such as "Maire" is not a given name)."""
    tail = max(0, len(role) - 80)  # a name is a few words: only the end of the line is tried
    for start in (m.start() for m in _WORD_START.finditer(role, tail)):
        if not is_role_word(role[start:].split()[0]):
            m = _NAMED_TAIL.match(role, start)
            if m:
                return m
    return None


_WORD_START = re.compile(r"(?<=\s)\S")
_NAMED_TAIL = re.compile(r"(?P<name>" + _TRAILING_NAME.pattern + ")")


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
_TRANSMISSION_LABELS = {"received": "RECEIVED_LABEL", "sent": "SENT_LABEL", "published": "PUBLISHED_LABEL", "executory": "EXECUTORY_LABEL"}
# What stands between a label and its date when the date is not the act's transmission.
_NOT_TRANSMISSION = re.compile(r"convo(?:qu|cation)|s[ée]ance|r[ée]uni|l['’]\s*an\b", re.IGNORECASE)
_LABEL_REACH = 100
# Possessive runs (*+): blanks are never given back, so a long run of them costs one pass.
_BLANK_LINES = re.compile(r"[ \t\u00a0]*+:?[ \t\u00a0]*+(?:\n[ \t\u00a0]*+)++")


@functools.cache
def _convocation() -> re.Pattern[str]:
    return re.compile(term("CONVOCATION_WORD"))


def after_convocation(text: str, at: int) -> bool:
    """Whether a label at `at` follows a mention of the convocation (within 80 characters)."""
    return _convocation().search(text, max(0, at - 80), at) is not None


@functools.cache
def _transmission_kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(term(name))) for kind, name in _TRANSMISSION_LABELS.items())


def _date_after(text: str, label_end: int, end: int) -> FoundDate | None:
    """The date a label gives: on its line, or alone at the start of the next line that is not
    blank ("Envoi Préfecture :\n\n25/04/2014"); None when a convocation or the séance comes first."""
    line_end = text.find("\n", label_end, end)
    # The date stands right after its label, as on a stamp's line: in a text whose line breaks
    # were lost, "Publié le" without its date must not reach a date of the report far after it.
    limit = min(end if line_end < 0 else line_end, label_end + _LABEL_REACH)
    found = next(find_dates(text, label_end, limit), None)
    if found is None and line_end >= 0:
        gap = _BLANK_LINES.match(text, label_end)
        if gap is not None and gap.end() > line_end:
            nxt = text.find("\n", gap.end(), end)
            found = next(find_dates(text, gap.end(), end if nxt < 0 else nxt), None)
            if found is not None and found.start != gap.end():
                found = None
    if found is None or _NOT_TRANSMISSION.search(text, label_end, found.start):
        return None
    # "Accusé de réception en préfecture 068-200073963-20230110-2023-10-01-3-DE": the label heads
    # the @ctes id, whose internal number may look like a date; the stamp's dates follow their own labels.
    stamp = _ACTES_ID.search(text, label_end, min(end, found.end + 60))
    if stamp is not None and stamp.start() < found.start:
        return None
    return found


def read_transmission(text: str, parts: list[tuple[int, int]], span: SpanOf) -> Transmission | None:
    """The @ctes id and the dates of transmission, reception, publication and enforceability."""
    acte_id = acte_span = None
    stamps: list[tuple[int, str, Dated]] = []
    for start, end in parts:
        if acte_id is None and (m := _ACTES_ID.search(text, start, end)):
            acte_id, acte_span = m.group(0), span(m.start(), m.end())
        for kind, rx in _transmission_kinds():
            for label in rx.finditer(text, start, end):
                if after_convocation(text, label.start()):
                    continue  # "Date de convocation : ... Affichée le : ...": the convocation's posting
                date = _date_after(text, label.end(), end)
                if date is not None:
                    stamps.append((date.start, kind, Dated(date.date, span(date.start, date.end))))
    if acte_id is None and not stamps:
        return None
    ordered = tuple((kind, dated) for _, kind, dated in sorted(stamps, key=lambda s: s[0]))
    first = {kind: dated for kind, dated in reversed(ordered)}
    return Transmission(acte_id, acte_span, first.get("sent"), first.get("received"), first.get("published"), first.get("executory"), ordered)


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
