"""Who attended: the members, their proxies, the counts the act declares and the lists it gives.

A contract of the model (re-exported by `validator.model`, where rules and plugins import it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .document import Span


@dataclass(frozen=True, slots=True)
class Member:
    """A person named in an attendance list, as written (`name`), with its annotations."""

    name: str
    span: Span
    civility: str | None = None
    role: str | None = None
    # "(à partir de 11 h 50)", "(jusqu'à ...)", "arrivée à ...", "quitte la séance": the person
    # may rightly appear in two lists.
    time_note: str | None = None
    # The first and the last item of the séance the member takes part in, when the note says so
    # ("arrive en séance à l'affaire n° 12": since 12; "quitte la séance avant le vote du point 7":
    # until 6); the item is the order number of the act (build/movements.py).
    since_item: int | None = None
    until_item: int | None = None
    substitute_for: str | None = None
    replaced_by: str | None = None
    # Sits as a suppléant: "(suppléant de X)", or listed under "Membres suppléants avec voix
    # délibérative :" (whom they replace unsaid).
    substitute: bool = False


@dataclass(frozen=True, slots=True)
class Proxy:
    """An absent member (`giver`) represented by `holder` (None when the text does not say).

    `since` and `until` bound the proxy in time when the text does, in minutes after midnight
    ("pouvoir à M. X jusqu'à 10 h 25", "à M. Y à partir de 11 h 20").
    """

    giver: Member
    holder: Member | None
    span: Span
    since: int | None = None
    until: int | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A number the text declares: `kind` is one of COUNT_KINDS."""

    kind: str
    value: int
    span: Span
    value_span: Span | None = None


COUNT_KINDS = ("in_office", "present", "substitutes", "represented", "absent", "voting", "quorum", "majority")


@dataclass(frozen=True, slots=True)
class NameList:
    """One attendance list as written: its heading span, its members, and whether it may be cut."""

    span: Span
    members: tuple[Member, ...]
    # The list runs into the end of the text or into unreadable text: its size is a lower bound.
    open_ended: bool = False
    # Prose follows the heading and no name was read ("liste illisible"): `members` is empty.
    unreadable: bool = False


class Source(str, Enum):
    """Where a figure of the attendance comes from."""

    DECLARED = "declared"  # the text states the number ("Présents : 27")
    LISTED = "listed"  # counted from lists that are complete and do not vary during the séance
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Figure:
    value: int | None = None
    source: Source = Source.UNKNOWN

    @property
    def declared(self) -> bool:
        return self.source is Source.DECLARED


@dataclass(frozen=True, slots=True)
class Tally:
    """The attendance in figures, each with its source: the one policy every rule and export uses."""

    in_office: Figure
    present: Figure
    represented: Figure
    absent: Figure
    voting: Figure


def _weakest(*figures: Figure) -> Source:
    if any(f.source is Source.UNKNOWN for f in figures):
        return Source.UNKNOWN
    return Source.DECLARED if all(f.declared for f in figures) else Source.LISTED


@dataclass(frozen=True, slots=True)
class Attendance:
    span: Span
    counts: tuple[Count, ...] = ()
    present: NameList | None = None
    represented: tuple[Proxy, ...] = ()
    represented_list: NameList | None = None
    absent: NameList | None = None
    non_voting: tuple[Member, ...] = ()
    secretary: Member | None = None
    # "PRESENTS : Tous les membres en exercice sauf : ..." (presence stated by exception).
    all_present_except: bool = False
    # The list of the absent is headed "Excusés" only: it names those who sent word, not every absent member.
    absent_excused_only: bool = False
    # Whether the president of the séance is named in the lists (None: no president known). An
    # unnamed president presides, so is present: counted lists then miss one member.
    chair_listed: bool | None = None
    # An absent member carries a note that may be a proxy and was not read ("(Pr**)"): the
    # proxies listed are not all the proxies.
    proxies_unread: bool = False

    def count(self, kind: str) -> Count | None:
        for c in self.counts:
            if c.kind == kind:
                return c
        return None

    @property
    def lists_reliable(self) -> bool:
        """Counting names is sound: no list is cut off, stated by exception, or varies in time."""
        lists = (self.present, self.absent, self.represented_list)
        return not self.all_present_except and not self.has_time_notes and not any(lst and lst.open_ended for lst in lists)

    def tally(self) -> Tally:
        """Présents, représentés, absents and votants: declared when the text states them, else
        counted from reliable lists (an unnamed president counted present), else unknown."""
        reliable = self.lists_reliable

        def declared(kind: str) -> Figure | None:
            c = self.count(kind)
            return Figure(c.value, Source.DECLARED) if c is not None else None

        present = declared("present")
        if present is None and reliable and self.present is not None:
            present = Figure(len(self.present.members) + (self.chair_listed is False), Source.LISTED)
        represented = declared("represented")
        if represented is None and reliable and not self.proxies_unread and (self.represented or self.represented_list is not None or (self.present is not None and self.absent is not None)):
            represented = Figure(len(self.represented), Source.LISTED)
        absent = declared("absent")
        if absent is None and reliable and self.absent is not None:
            absent = Figure(len(self.absent.members), Source.LISTED)
        present, represented, absent = (f or Figure() for f in (present, represented, absent))
        voting = declared("voting")
        if voting is None and present.value is not None and represented.value is not None:
            voting = Figure(present.value + represented.value, _weakest(present, represented))
        return Tally(declared("in_office") or Figure(), present, represented, absent, voting or Figure())

    @property
    def has_time_notes(self) -> bool:
        lists = [self.present, self.absent, self.represented_list]
        members = [m for lst in lists if lst for m in lst.members]
        members += [p.giver for p in self.represented]
        return any(m.time_note for m in members)


@dataclass(frozen=True, slots=True)
class Roster:
    """The members in office of a body, from the configuration (`roster:`)."""

    members: tuple[str, ...]
    in_office: int | None = None
