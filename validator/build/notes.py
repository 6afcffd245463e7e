"""What the notes of an attendance entry say, applied to its member: the holders of its proxy
and the hours that bound them, the giver it holds a proxy for, the substitute, the note of time.

A note is the text in a name's brackets ("Marc ROUX (pouvoir à Anne DURAND)"), after a comma
("Léa PETIT, arrivée à 19 h") or after the name without brackets ("Marc ROUX remplacé par son
suppléant Yves BLANC"); grammar/entry.lark reads it (build/entry.py).
"""

from __future__ import annotations

from ..model import Member, Proxy
from ..names import display, looks_like_name
from .entry import read_note
from .listends import Entry
from .members import ListResult, SpanOf
from .members import add_proxy as _add_proxy
from .members import member as _member
from .members import with_ as _with


def _says_note(text: str) -> bool:
    read = read_note(text)
    return read.time or read.replaced_by is not None or read.replaces_said


def only_note(text: str) -> bool:
    """ "arrivée à 19 h", "remplacé par son suppléant M. X": a note with no name before it."""
    return read_note(text).lead is None and _says_note(text)


def name_then_note(entry: Entry) -> Entry | None:
    """ "Léa PETIT arrivée à 19 h", "Marc ROUX remplacé par son suppléant Yves BLANC": a name, then
    a note written without brackets; the entry as the name with the note among its notes."""
    lead = read_note(entry.text).lead
    if lead is None or not looks_like_name(entry.text[: lead[1]]) or not _says_note(entry.text[lead[1] :]):
        return None
    note = (entry.text[lead[1] :], entry.start + lead[1] - 1, entry.end)
    return Entry(entry.start, entry.start + lead[1], entry.text[: lead[1]], (note, *entry.notes))


def apply_notes(member: Member, entry: Entry, span: SpanOf, result: ListResult, kind: str, text: str) -> Member | None:
    """Add `member` of a list of `kind` to `result` with what its entry's notes say: as the giver
    of a proxy when a note names its holder (then None is returned: the entry is read), else as a
    member, with its substitute, its note of time, and the proxy it holds ("(pouvoir de X)")."""
    holders: list[tuple[Member, int | None, int | None]] = []  # "(pouvoirs à M. A jusqu'à 10 h, à M. B à partir de 10 h)": in turn
    giver_of: Member | None = None
    for note, s, _e in entry.notes:
        body = s + 1
        read = read_note(note)
        # "(à M. PELTIER à partir de 11 H 20)" names a holder under the absent only.
        turns = [t for t in read.turns if t.connector != "bare" or kind in ("absent", "represented")]
        for turn in turns:
            found = _note_name(text, body, turn.holder, span)
            if found is not None:
                holders.append((found, turn.since, turn.until))
        if not turns and read.proxy_from:
            giver_of = _note_name(text, body, read.giver, span)
        if read.replaced_by is not None:
            member = _with(member, replaced_by=display(note[read.replaced_by[0] :]))
        elif read.replaces_said:
            member = _with(member, substitute_for=display(note[read.replaces[0] :] if read.replaces else ""), substitute=True)
        if read.time and not member.time_note:
            member = _with(member, time_note=note.strip(" ()-–,"))
        if kind == "absent" and not (turns or read.proxy_from or read.time) and read.proxy_word:
            result.proxies_unread = True
    if holders:
        (holder, since, until), later = holders[0], holders[1:]
        _add_proxy(result, member, holder, kind, since, until)
        result.proxies.extend(Proxy(member, h, member.span.cover(h.span), a, b) for h, a, b in later)
        return None
    if giver_of is not None:
        result.proxies.append(Proxy(giver_of, member, member.span.cover(giver_of.span)))
    if kind == "represented":
        _add_proxy(result, member, None, kind)
        return None
    result.members.append(member)
    return member


def _note_name(text: str, body: int, name: tuple[int, int] | None, span: SpanOf) -> Member | None:
    """The member a note names after its connector (the note's text starts at `body`)."""
    if name is None:
        return None
    return _member(text, body + name[0], line_end(text, body + name[0], body + name[1]), span)


def line_end(text: str, start: int, stop: int) -> int:
    """Where a holder's name that the grammar ends at `stop` (a note of time, a separator, a
    connector, a heading) ends sooner: at the end of its line once the name is whole ("à Jean-Luc
    PALLIN\n1\nAprès appel des conseillers")."""
    line = text.find("\n", start, stop)
    if line > start and looks_like_name(text[start:line].strip(" .,;")):
        return line
    return stop


def time_note(text: str) -> str | None:
    text = text.strip(" ()-–,")
    return text if text and read_note(text).time else None


def notes_time(entry: Entry) -> str | None:
    for note, _s, _e in entry.notes:
        if t := time_note(note):
            return t
    return None
