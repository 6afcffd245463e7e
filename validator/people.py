"""Questions rules ask about the people of an attendance: who was there, who is who."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import Attendance, Deliberation, Member, Organ
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


def quorum_reached(counted: int, in_office: int, date: dt.date | None) -> bool | None:
    """Whether `counted` members meet the quorum of `in_office`: more than half, or one third
    during the sanitary derogation; None when the séance's date is unknown and the two differ."""
    num, den = load("derogations.yaml")["covid"]["quorum_fraction"]
    half, third = counted >= in_office // 2 + 1, counted * den >= in_office * num
    if in_covid_window(date):
        return bool(third)
    return half if date is not None or half == third else None


def could_change_outcome(delib: Deliberation, declared: int, listed: int) -> bool | None:
    """Whether reading one count of the members present or the other (`declared`, `listed`) could
    change the quorum or the vote of the act (case law: an error of the list that changes neither
    is an "erreur de plume", CAA Bordeaux, 16 mars 2010, n° 09BX00950); None when the act does not
    say enough to tell (members in office or vote unknown, a commission permanente's quorum)."""
    att, vote = delib.attendance, delib.vote
    in_office = att.count("in_office") if att is not None else None
    if in_office is None or vote is None or delib.body.organ is Organ.COMMISSION_PERMANENTE:
        return None
    if not delib.session.second_convocation:
        reached = {quorum_reached(n, in_office.value, delib.session.date) for n in (declared, listed)}
        if len(reached) > 1 or None in reached:
            return True if None not in reached else None
    gap = abs(declared - listed)
    if vote.unanimous and not vote.against:
        return False
    if vote.for_ is not None and vote.against is not None:
        return abs(vote.for_ - vote.against) <= gap
    return None


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
