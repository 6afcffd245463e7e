"""What reading an attendance list gives: its members and proxies, with exact spans."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from dataclasses import dataclass, field, replace

from ..document import Span
from ..model import Member, Proxy
from ..names import display, split_civility
from .movements import item_bounds

SpanOf = Callable[[int, int], Span]


@dataclass
class ListResult:
    members: list[Member] = field(default_factory=list)
    proxies: list[Proxy] = field(default_factory=list)
    # Rows of an attendance table left unmarked: members in office who were not there.
    unmarked: list[Member] = field(default_factory=list)
    # Where the names stopped and prose began (the act's title often follows the last list).
    stopped_at: int | None = None
    open_ended: bool = False
    all_except: bool = False
    # No name could be read under the heading ("Excusés : Conformément aux dispositions ...").
    unreadable: bool = False
    # A note on an absent member that may be a proxy but was not read ("(Pr**)", "(pouvoir)").
    proxies_unread: bool = False
    # The list names its members by given name only ("Présents : Jean-Pierre, Yves, Nelly").
    given_names: bool = False


def add_proxy(result: ListResult, giver: Member, holder: Member | None, kind: str, since: int | None = None, until: int | None = None) -> None:
    end = holder.span if holder else giver.span
    result.proxies.append(Proxy(giver, holder, giver.span.cover(end), since, until))
    if kind == "absent":
        # Listed as absent (or excused) and represented: the list keeps the name as written.
        result.members.append(giver)


def member(text: str, start: int, end: int, span: SpanOf) -> Member | None:
    raw = text[start:end]
    stripped = raw.strip(" \t\n\u00a0.,;:-–—•*")
    if not stripped:
        return None
    lead = raw.index(stripped[0])
    civility, rest = split_civility(stripped)
    name = display(rest) or display(stripped)
    return Member(name=name, span=span(start + lead, start + lead + len(stripped)), civility=civility)


def with_(member: Member, **changes: str | bool | None) -> Member:
    fields: dict[str, Any] = dict(changes)
    note = changes.get("time_note")
    if isinstance(note, str):
        # The items a note of time bounds the member's presence by, read once where the note is set.
        fields["since_item"], fields["until_item"] = item_bounds(note)
    return replace(member, **fields)
