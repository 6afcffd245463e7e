"""Build the attendance of a session from its list sections: members, proxies, counts, notes."""

from __future__ import annotations

import functools
import re

from ..model import Member
from ..names import PARTICLES, is_capitalised_token, is_role_word, is_upper_token, looks_like_name, split_civility, tokens
from ..read.terms import term
from .entry import Link, read_note
from .listends import Entry, split_missing_separator
from .lists import read_list
from .members import ListResult, SpanOf
from .members import add_proxy as _add_proxy
from .members import member as _member
from .members import with_ as _with
from .notes import apply_notes, line_end, name_then_note, notes_time, only_note, time_note
from .rows import is_marked_table, read_marked_table, read_respectively


@functools.cache
def _bare_or_connector() -> re.Pattern[str]:
    """What joins a giver to a holder under "Pouvoirs :" or "Procurations :", for cutting the list
    (build/lists.py): the connector, or a bare "à" or "par" between two names (grammar/terms.lark)."""
    return re.compile(rf"(?:{term('PROXY_CONNECTOR')})|(?<!\s)\s+(?:{term('BARE_PROXY_CONNECTOR')})\s+")


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
        if pending is not None and (not entry.text or only_note(entry.text)):
            # "Eric MAUNY, (suppléant de Pierre GOUDIN)", "Léa PETIT, arrivée à 19 h": the note, cut
            # off by a comma, is the previous name's; that name is read again with it, not listed twice.
            if result.members and result.members[-1] is pending:
                result.members.pop()
            inline = ((entry.text, entry.start - 1, entry.end),) if entry.text else ()
            apply_notes(pending, Entry(entry.start, entry.start, "", inline + entry.notes), span, result, kind, text)
            continue
        opener = read_note(entry.text).opener if pending is not None else None
        if opener and pending is not None:
            # "Jean ROUX, pouvoir à Anne DURAND": the holder of the name before.
            holder = _member(text, entry.start + opener[1], entry.end, span)
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


def _link(text: str, kind: str) -> Link | None:
    """The connector between a giver and a holder inside an entry (grammar/entry.lark), after the
    giver's name: "X a donné pouvoir à Y", "X, qui a donné procuration à Y", "X représentée par Y";
    under "Procurations :" also "X à Y" and "X par Y" (where no connector says more)."""
    links = [k for k in read_note(text).links if k.at[0] > 0 and text[k.at[0] - 1].isspace()]
    return next((k for k in links if not k.bare), None) or next((k for k in links if kind == "represented"), None)


def _has_connector(text: str, kind: str) -> bool:
    return _link(text, kind) is not None


def _read_entry(text: str, entry: Entry, kind: str, span: SpanOf, result: ListResult) -> Member | None:
    link = _link(entry.text, kind)
    if link:
        giver_end = entry.start + link.at[0]
        giver_start = _name_start(text, entry.start, giver_end, result)
        giver = _member(text, giver_start, giver_end, span)
        holder_start = entry.start + (link.holder[0] if link.holder else link.at[1])
        holder_end = line_end(text, holder_start, entry.start + link.holder[1]) if link.holder else holder_start
        at_text_end = len(text) - holder_end < _TEXT_END and not text[holder_end:].strip()
        begun = _begun_name(text, holder_start, holder_end) if kind == "represented" and at_text_end else None
        holder = _member(text, holder_start, begun if begun is not None else holder_end, span)
        if giver is None or holder is None:
            return None
        note = time_note(text[holder_end : entry.end]) or notes_time(entry)
        if note:
            giver = _with(giver, time_note=note)
        _add_proxy(result, giver, holder, kind)
        if begun is not None and (fragment := _member(text, begun, holder_end, span)) is not None:
            # "... à Bertrand DE MISCAULT Géral" where the text ends: the next proxy, cut; its giver
            # alone is known (its holder is not), and the list is open.
            _add_proxy(result, fragment, None, kind)
        return None
    if not (looks_like_name(entry.text) or (result.given_names and _given_name(entry.text))):
        inline = name_then_note(entry)
        if inline is None:
            return None
        entry = inline
    member = _member(text, entry.start, entry.end, span)
    if member is None:
        return None
    return apply_notes(member, entry, span, result, kind, text)


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
