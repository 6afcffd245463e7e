"""Build the attendance of a session from its list sections: members, proxies, counts, notes."""

from __future__ import annotations

import functools
import re

from .listends import Entry, split_missing_separator
from .lists import read_list
from .members import ListResult, SpanOf
from .members import add_proxy as _add_proxy
from .members import member as _member
from .members import with_ as _with
from ..model import Member, Proxy
from ..names import PARTICLES, display, is_capitalised_token, is_role_word, is_upper_token, looks_like_name, split_civility, tokens
from ..read.terms import term
from .rows import is_marked_table, read_marked_table, read_respectively

_PROXY_TO = re.compile(
    r"(?:pouvoirs?|procurations?|mandats?|d[ée]l[ée]gation(?:\s+de\s+vote)?|vote)\s+(?:donn[ée]e?s?\s+|d[ée]l[ée]gu[ée]s?\s+)?[àa]\s+",
    re.IGNORECASE,
)
_PROXY_FROM = re.compile(r"(?:pouvoir|procuration|mandat|d[ée]l[ée]gation(?:\s+de\s+vote)?)\s+(?:de|re[çc]u\s+de)\s+", re.IGNORECASE)
_REPRESENTED_BY = re.compile(r"repr[ée]sent[ée](?:\(e\))?e?s?\s+par\s+", re.IGNORECASE)
_REPLACED_BY = re.compile(r"(?:remplac[ée]e?|suppl[ée][ée]e?)\s+par\s+(?:sa\s+|son\s+)?(?:suppl[ée]ante?\s*,?\s*)?", re.IGNORECASE)
_REPLACES = re.compile(r"(?:remplace|remplaçant|suppl[ée]ante?\s+de|suppl[ée]e?\s+)\s*", re.IGNORECASE)
_TIME = re.compile(
    r"[àa]\s+partir\s+d|jusqu['’]\s*[àa]|arriv[ée]e?s?\b|quitt|parti(?:e|s)?\s+[àa]|d[ée]part|"
    r"absente?\s+[àa]\s+l['’]ouverture|prend\s+part|[àa]\s+compter|avant\s+le\s+vote|apr[èe]s\s+le\s+vote|(?<!\d)\d+\s*h|"
    # For some items only: "(DEL2023_001 à _002, _007)", "(points 3 à 6)", "(délibérations n° 12 à 15)".
    r"(?:d[ée]lib[ée]rations?|points?|affaires?|dossiers?|questions?|items?)\s+(?:n[°o]\s*)?\d|\b[A-Z]{1,4}\d{4}[_-]\d",
    re.IGNORECASE,
)
# A leading (?<!\s) or (?<!\d) below: a search never starts an attempt inside a run of blanks or
# figures, which would scan to the run's end from each of its characters (quadratic in its length);
# the leftmost match still starts where the run does.
@functools.cache
def _inline_proxy() -> re.Pattern[str]:
    # The connector (grammar/terms.lark) between the giver and the holder, with the blanks and the
    # comma around it ("M. A, qui a donné procuration à M. B").
    # Possessive blanks (++): a long run of them is scanned once, not once per way of splitting it.
    return re.compile(rf"(?<!\s)(?:\s*+,)?\s++(?:{term('PROXY_CONNECTOR')})\s+")


# In a list headed "Pouvoirs :" or "Procurations :", "X à Y" and "X par Y" name the holder.
_BARE = r"(?<!\s)\s+(?:[àa]|par)\s+(?=(?:M\.|Mme|MM|Monsieur|Madame|Mlle|[A-ZÀ-Ý]))"
_BARE_PROXY = re.compile(_BARE)


@functools.cache
def _bare_or_connector() -> re.Pattern[str]:
    return re.compile(rf"(?:{term('PROXY_CONNECTOR')})|{_BARE}")
# A holder's name ends at a note of time, a separator, or the next heading written without its
# colon ("à M. Jean-Pierre IBORRA Absents excusés M. Daniel AUGUSTE").
_HOLDER_END = re.compile(
    r"(?<!\s)\s+(?:[àa]\s+partir|jusqu|pour\b|de\s+\d|[àa]\s+\d|[àa]\s+compter)|(?:(?<!\s)\s+)?[-–—,;]\s"
    r"|(?<!\s)\s+(?=(?-i:Absents?|ABSENTS?|Excus[ée]e?s?|Pr[ée]sents?|Pouvoirs?|Procurations?|Secr[ée]taire)\b)",
    re.IGNORECASE,
)
_TO_HOLDER = re.compile(r"\s*+[àa]\s+(?=(?:M\.|Mme|Monsieur|Madame)\s)")
_THEN_TO = re.compile(r",\s*(?:et\s+|puis\s+)?[àa]\s+(?=(?:M\.|Mme|Monsieur|Madame)\s)")
_RESPECTIVELY = re.compile(r"\brespectivement\b", re.IGNORECASE)
_ALL_EXCEPT = re.compile(r"^\W*tou(?:s|tes)\s+les\s+(?:membres|conseill\w+|[ée]lus)[^:]{0,60}?(?:sauf|except[ée]|[àa]\s+l['’]exception)", re.IGNORECASE)


def read_section(text: str, start: int, end: int, kind: str, span: SpanOf, runs_to_end: bool, given_names: bool = False) -> ListResult:
    """Read the list between view offsets [start, end) of a section of `kind`.

    `given_names`: the act's other lists name members by given name alone, so a lone capitalised
    word is a name here too.
    """
    result = ListResult()
    content = text[start:end]
    m = _ALL_EXCEPT.match(content)
    if m:
        result.all_except = True
        kind = "absent"  # "Tous les membres sauf : X, Y": the names listed are the absent ones
        start += m.end()
        content = text[start:end]
        colon = content.find(":")
        if 0 <= colon < 5:
            start += colon + 1
            content = text[start:end]
    word = _RESPECTIVELY.search(content)
    if word:
        # "MM. A et B ont donné pouvoir respectivement à MM. C et D" pairs two lists on one line;
        # the rest of the section is read as usual.
        line_start = content.rfind("\n", 0, word.start()) + 1
        line_end = content.find("\n", word.end())
        line_end = len(content) if line_end < 0 else line_end
        line = content[line_start:line_end]
        read_respectively(text, start + line_start, line, span, result)
        content = content[:line_start] + " " * len(line) + content[line_end:]
    if is_marked_table(content):
        read_marked_table(text, start, content, span, result, runs_to_end)
        return result
    read = read_list(content, start, _name_or_given if given_names else looks_like_name, _bare_or_connector() if kind == "represented" else None)
    result.stopped_at = read.stopped_at
    result.given_names = given_names or _given_names_only(read.entries)
    result.unreadable = read.unreadable
    result.open_ended = read.interrupted or read.unreadable or (runs_to_end and read.stopped_at is None and _cut_short(content))
    pending: Member | None = None
    for entry in read.entries:
        if not entry.text and pending is not None:
            # "Eric MAUNY, (suppléant de Pierre GOUDIN)": the note, cut off by a comma, is the
            # previous name's; that name is read again with it, not listed twice.
            if result.members and result.members[-1] is pending:
                result.members.pop()
            _apply_notes(pending, entry, span, result, kind, text)
            continue
        lead = re.match(r"(?:pouvoir|procuration|d[ée]l[ée]gation\s+de\s+vote|repr[ée]sent[ée]e?\s+par)\s+(?:[àa]\s+)?", entry.text, re.I)
        if lead and pending is not None:
            holder = _member(text, entry.start + lead.end(), entry.end, span)
            _add_proxy(result, pending, holder, kind)
            pending = None
            continue
        if _has_connector(entry.text, kind):
            pending = _read_entry(text, entry, kind, span, result)
            continue
        for s, e in _names_in(entry):
            pending = _read_entry(text, Entry(s, e, text[s:e], entry.notes), kind, span, result)
    if not (result.members or result.proxies or result.unmarked) and _unread(content):
        # Words under the heading, and not one name read among them: the list was not read.
        result.unreadable = result.open_ended = True
    return result


def _unread(content: str) -> bool:
    """Words under a heading that named nobody: not "néant", not a count box ("- représentés :
    3 1"), not an empty heading whose blank line ends it ("Absents :\n\nCREPS - ...")."""
    if _NOBODY.match(content) or _EMPTY_HEADING.match(content):
        return False
    return len(_WORDS.findall(content, 0, 400)) >= 3


_WORDS = re.compile(r"[^\W\d_]{3,}")
_EMPTY_HEADING = re.compile(r"[ \t\u00a0]*+\n[ \t\u00a0]*+\n")
# "Absents : néant", "Pouvoirs : aucun", "Excusés : /": a list that names nobody.
_NOBODY = re.compile(r"(?<!\W)\W*+(?i:n[ée]ant|aucun(?:e|s)?|sans\s+objet|personne|0)\b", re.IGNORECASE)


def _given_name(text: str) -> bool:
    """One capitalised word that is not a role: "Jean-Pierre", "Nelly"."""
    words = tokens(text)
    return len(words) == 1 and is_capitalised_token(words[0]) and not is_role_word(words[0]) and words[0].lower() not in PARTICLES


def _name_or_given(text: str) -> bool:
    return looks_like_name(text) or _given_name(text)


def _given_names_only(entries: tuple[Entry, ...]) -> bool:
    """A small commune's list of given names: at least three entries, each one capitalised word
    (a list cut into lone words by extraction keeps a surname in capitals somewhere)."""
    names = [e.text for e in entries if e.text]
    return len(names) >= 3 and all(_given_name(n) for n in names)


_MID_CIVILITY = re.compile(r"\s(?=(?:Monsieur|Madame|Mademoiselle|Mme|M\.)\s+[A-ZÀ-Ý])")


def _cut_short(content: str) -> bool:
    """A list at the very end of the text was cut when its last piece is not a whole name."""
    tail = content.rstrip()
    if not tail or tail[-1] in ",;-–—(":
        return True
    pieces = re.split(r"[,;•\n]|\s[-–—]{1,2}\s", tail)
    # A proxy ends with its holder's name: "Marc ROUX à Anne DURAND" is whole when "Anne DURAND" is.
    names = [_LAST_HOLDER.split(p.strip(" ."))[-1].strip(" .()") for p in pieces if p.strip(" .")]
    last = names[-1] if names else ""
    if not looks_like_name(last):
        return True
    # Where the list writes surnames in capitals, a last name without one was cut ("à M. Cyril").
    capitals = [any(is_upper_token(t) for t in tokens(n)) for n in names[:-1]]
    if len(capitals) >= 3 and all(capitals) and not any(is_upper_token(t) for t in tokens(last)):
        return True
    # "Bertrand DE MISCAULT Géral" at the end of the text: the next name, cut.
    return _next_name_begun(tokens(last))


_TEXT_END = 200


def _begun_name(text: str, start: int, end: int) -> int | None:
    """Where the next name begins inside the last holder's name of a text cut in it, or None."""
    words = list(re.finditer(r"\S+", text[start:end]))
    if not _next_name_begun([w.group() for w in words]):
        return None
    return start + words[-1].start()


def _next_name_begun(words: list[str]) -> bool:
    """ "Bertrand DE MISCAULT Géral": a name is "Prénom NOM" or "NOM Prénom" ("M DURANTIN
    Michel"), not both; a given name after the surname opens the next name."""
    _, rest = split_civility(" ".join(words))
    words = tokens(rest)
    return len(words) >= 3 and not is_upper_token(words[0]) and is_upper_token(words[-2]) and not is_upper_token(words[-1])


_LAST_HOLDER = re.compile(r"\s(?:[àa]|par)\s", re.IGNORECASE)


def _names_in(entry: Entry) -> list[tuple[int, int]]:
    """Names inside one entry: a civility in mid-entry starts a new name ("Vice-présidents Madame X")."""
    cuts = [0] + [m.end() for m in _MID_CIVILITY.finditer(entry.text)] + [len(entry.text)]
    out: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = entry.text[a:b]
        out.extend((entry.start + a + s, entry.start + a + e) for s, e in split_missing_separator(piece))
    return out


def _has_connector(text: str, kind: str) -> bool:
    return bool(_inline_proxy().search(text) or (kind == "represented" and _BARE_PROXY.search(text)))


def _read_entry(text: str, entry: Entry, kind: str, span: SpanOf, result: ListResult) -> Member | None:
    connector = _inline_proxy().search(entry.text) or (
        _BARE_PROXY.search(entry.text) if kind == "represented" else None
    )
    if connector:
        giver_start = _name_start(text, entry.start, entry.start + connector.start(), result)
        giver = _member(text, giver_start, entry.start + connector.start(), span)
        holder_start = entry.start + connector.end()
        holder_end = _holder_end(text, holder_start, entry.end)
        at_text_end = len(text) - holder_end < _TEXT_END and not text[holder_end:].strip()
        begun = _begun_name(text, holder_start, holder_end) if kind == "represented" and at_text_end else None
        holder = _member(text, holder_start, begun if begun is not None else holder_end, span)
        if giver is None or holder is None:
            return None
        note = _time_note(text[holder_end : entry.end]) or _notes_time(entry)
        if note:
            giver = _with(giver, time_note=note)
        _add_proxy(result, giver, holder, kind)
        if begun is not None and (fragment := _member(text, begun, holder_end, span)) is not None:
            # "... à Bertrand DE MISCAULT Géral" where the text ends: the next proxy, cut; its giver
            # alone is known (its holder is not), and the list is open.
            _add_proxy(result, fragment, None, kind)
        return None
    if not (looks_like_name(entry.text) or (result.given_names and _given_name(entry.text))):
        return None
    member = _member(text, entry.start, entry.end, span)
    if member is None:
        return None
    return _apply_notes(member, entry, span, result, kind, text)


_LAST_CIVILITY = re.compile(r"(?:^|\s)(?=(?:Monsieur|Madame|Mademoiselle|M\.|Mme)\s+[A-ZÀ-Ý])")


def _name_start(text: str, start: int, end: int, result: ListResult) -> int:
    """Where a giver's name begins. A heading the text runs into it ("Excusé(e})s ayant donné
    procuration Madame A. B", an OCR'd label no pattern knows) is left out by starting at the last
    civility; the list was then not read cleanly, so its counts are not the act's word (open)."""
    if looks_like_name(text[start:end]):
        return start
    found = [m.end() for m in _LAST_CIVILITY.finditer(text, start, end)]
    if found and found[-1] > start and looks_like_name(text[found[-1] : end]):
        result.open_ended = True
        return found[-1]
    return start


def _apply_notes(member: Member, entry: Entry, span: SpanOf, result: ListResult, kind: str, text: str) -> Member | None:
    holder: Member | None = None
    later: list[Member] = []  # "(pouvoirs à M. A jusqu'à 10 h, à M. B à partir de 10 h)": holders in turn
    windows: list[tuple[int | None, int | None]] = []
    giver_of: Member | None = None
    for note, s, _e in entry.notes:
        body_start = s + 1
        m = _PROXY_TO.search(note) or _REPRESENTED_BY.search(note)
        if m is None and kind in ("absent", "represented"):
            m = _TO_HOLDER.match(note)  # "(à M. PELTIER à partir de 11 H 20)" under the excused
        if m is not None:
            turns = [m, *_THEN_TO.finditer(note, m.end())]
            for i, turn in enumerate(turns):
                hs = body_start + turn.end()
                found = _member(text, hs, _holder_end(text, hs, body_start + len(note)), span)
                if found is None:
                    continue
                segment = note[turn.end() : turns[i + 1].start() if i + 1 < len(turns) else len(note)]
                windows.append(_window(segment))
                if holder is None:
                    holder = found
                else:
                    later.append(found)
        elif m := _PROXY_FROM.search(note):
            gs = body_start + m.end()
            giver_of = _member(text, gs, _holder_end(text, gs, body_start + len(note)), span)
        proxy_read = m is not None
        if m := _REPLACED_BY.search(note):
            member = _with(member, replaced_by=display(note[m.end() :]))
        elif m := _REPLACES.match(note.strip()):
            member = _with(member, substitute_for=display(note.strip()[m.end() :]), substitute=True)
        if (t := _time_note(note)) and not member.time_note:
            member = _with(member, time_note=t)
        if kind == "absent" and not proxy_read and not t and _UNREAD_PROXY.search(note):
            result.proxies_unread = True
    if holder is not None:
        _add_proxy(result, member, holder, kind, *(windows[0] if windows else (None, None)))
        result.proxies.extend(Proxy(member, h, member.span.cover(h.span), *w) for h, w in zip(later, windows[1:]))
        return None
    if giver_of is not None:
        result.proxies.append(Proxy(giver_of, member, member.span.cover(giver_of.span)))
    if kind == "represented":
        _add_proxy(result, member, None, kind)
        return None
    result.members.append(member)
    return member


# A proxy's word without its holder, or a short mark that refers to one ("(Pr*)", "(P)"): the
# proxies the list gives cannot be counted.
_UNREAD_PROXY = re.compile(r"(?i:pouvoir|procuration|mandat)|^\s*[A-Za-z]{1,3}\.?\s*[*\d]*\s*$")


_HOUR = r"(\d{1,2})\s*[hH](?:\s*(\d{2}))?"
_SINCE = re.compile(rf"(?:[àa]\s+partir\s+de|d[eè]s|depuis|de)\s+{_HOUR}", re.IGNORECASE)
_UNTIL = re.compile(rf"(?:jusqu['’]\s*[àa]|[àa])\s+{_HOUR}", re.IGNORECASE)


def _window(note: str) -> tuple[int | None, int | None]:
    """The hours a note bounds a proxy by, in minutes: "jusqu'à 10 H 25" -> (None, 625),
    "de 10 H 25 à 11 H 20" -> (625, 680), "à partir de 11 H 20" -> (680, None)."""
    since = _SINCE.search(note)
    until = _UNTIL.search(note, since.end() if since else 0)
    def minutes(m: re.Match[str] | None) -> int | None:
        return int(m.group(1)) * 60 + int(m.group(2) or 0) if m else None
    return minutes(since), minutes(until)


def _holder_end(text: str, start: int, end: int) -> int:
    """Where a holder's name ends: at a note of time, a separator, or the end of its line once the
    name is whole ("à Jean-Luc PALLIN\n1\nAprès appel des conseillers")."""
    m = _HOLDER_END.search(text, start, end)
    stop = m.start() if m else end
    line = text.find("\n", start, stop)
    if line > start and looks_like_name(text[start:line].strip(" .,;")):
        return line
    return stop


def _time_note(text: str) -> str | None:
    text = text.strip(" ()-–,")
    return text if text and _TIME.search(text) else None


def _notes_time(entry: Entry) -> str | None:
    for note, _s, _e in entry.notes:
        if t := _time_note(note):
            return t
    return None


