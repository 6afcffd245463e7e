"""A séance as a unit: what the séance checks know of each act, from every file of a run.

A contract of the model, as `model.py`. The acts of one séance (same body, organ and date) are
often published one per file, and a procès-verbal or a recueil holds many: the séance rules
(`Rule.scope == "session"`) compare them. They do not read the acts' models, which stay in the
worker that read each file (and are not in the result cache): each act is summed up here once,
with its places already in lines and columns of its own file, so that a cached file takes part
as well as a file read again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A span of one file, in 1-based lines and columns (end exclusive), as diagnostics give them."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure the act declares ("Présents : 12") and where."""

    value: int
    place: Place


@dataclass(frozen=True, slots=True)
class Movement:
    """A member who arrives or leaves at an item of the séance ("arrive en séance à l'affaire n° 12"):
    `since` is the first item they take part in, `until` the last (see `Member.since_item`)."""

    member: str
    since: int | None
    until: int | None
    place: Place


@dataclass(frozen=True, slots=True)
class SeanceAct:
    """One act as the séance checks see it."""

    path: str
    # The act's position in its file (0 for the first), and where it begins: its number, else its start.
    index: int
    place: Place
    number: str | None = None
    # The order number of the act and its series (`Reference.serial`, `Reference.series`).
    serial: int | None = None
    series: str | None = None
    title: str | None = None
    body: str | None = None
    siren: str | None = None
    organ: str = "unknown"
    date: dt.date | None = None
    # The attendance, when the act states one: its declared figures, every member its lists name,
    # whether those lists are whole (none cut, none stated by exception), and the movements.
    attendance: int | None = None  # which attendance of the file: acts of a procès-verbal share one
    in_office: Stated | None = None
    present: Stated | None = None
    members: tuple[str, ...] = ()
    lists_whole: bool = False
    movements: tuple[Movement, ...] = ()
    president: str | None = None
    president_place: Place | None = None
    secretary: str | None = None
    secretary_place: Place | None = None

    @property
    def label(self) -> str:
        """How a message names the act: "acte n° 2024-12", else its title, else its place."""
        if self.number:
            return f"acte n° {self.number}"
        if self.title:
            return f"acte « {self.title if len(self.title) <= 60 else self.title[:59].rsplit(' ', 1)[0] + '…'} »"
        return f"acte de la ligne {self.place.line}"


@dataclass(frozen=True, slots=True)
class Seance:
    """The acts of one séance found in the run, in the order of the files and of each file."""

    date: dt.date
    organ: str
    body: str | None
    acts: tuple[SeanceAct, ...]

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.path for a in self.acts))
