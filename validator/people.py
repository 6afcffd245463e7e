"""Questions rules ask about the people of an attendance: who was there, who is who."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import Attendance, Deliberation, Member
from .names import NameIndex, role_of_holder, same_person
from .ruledata import load


def find(name: str, members: Iterable[Member]) -> Member | None:
    return next((m for m in members if same_person(name, m.name)), None)


def index(members: Iterable[Member]) -> NameIndex[Member]:
    """Members to look names up in, many times (see NameIndex)."""
    return NameIndex(members, lambda m: m.name)


def present(att: Attendance) -> list[Member]:
    return list(att.present.members) if att.present else []


def absent(att: Attendance) -> list[Member]:
    return list(att.absent.members) if att.absent else []


def lists_complete(att: Attendance) -> bool:
    """A present list that may not be cut by the end of an excerpt."""
    return att.present is not None and not att.present.open_ended


def is_president(delib: Deliberation, holder: Member) -> bool:
    """A holder named by function ("M. le Maire") or by the president's own name."""
    president = delib.session.president
    role = role_of_holder(holder.name) or role_of_holder(f"{holder.civility or ''} {holder.name}".strip())
    if role in ("maire", "president"):
        return True
    return president is not None and same_person(president, holder.name)


def in_covid_window(date: dt.date | None) -> bool:
    window = load("derogations.yaml")["covid"]
    return date is not None and window["start"] <= date <= window["end"]


def members_with_a_voice(att: Attendance) -> int | None:
    """How many members could vote at some time of the séance: those listed present and those
    represented, each once (one who leaves and gives a proxy is both), an unnamed president
    counted; None when a list may be cut or is stated by exception."""
    if not lists_complete(att) or att.all_present_except or any(lst is not None and lst.open_ended for lst in (att.represented_list, att.absent)):
        return None  # an absent list cut or unread may hide proxies
    if not att.represented and att.represented_list is None and att.absent is None:
        return None  # nothing says who was represented
    people = index(present(att))
    count = len(present(att))
    for proxy in att.represented:
        if people.find(proxy.giver.name) is None:
            people.add(proxy.giver)
            count += 1
    return count + (att.chair_listed is False)
