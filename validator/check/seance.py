"""The acts of one séance, gathered from the files of a run: each act summed up (`acts_of`), then
grouped by body, organ and date (`seances`).

Two acts are of one séance when they have the same organ and the same date, and either lie in
one file (a procès-verbal, a recueil) or name the same body: the SIREN of their @ctes id, else
the same name of the collectivité. Acts of unknown date or organ are never grouped; nor are acts
of two files that name no body, whose collectivités may differ.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..document import Document, Span
from ..model import Deliberation, FileModel, Member, Organ
from ..names import fold
from ..seance_model import Movement, Place, Seance, SeanceAct, Stated


def acts_of(document: Document, model: FileModel, path: str) -> tuple[SeanceAct, ...]:
    """Every act of a file, as the séance checks see it."""
    attendances: dict[int, int] = {}
    out = []
    for index, delib in enumerate(model.deliberations):
        out.append(_act(document, path, index, delib, attendances))
    return tuple(out)


def _act(document: Document, path: str, index: int, delib: Deliberation, attendances: dict[int, int]) -> SeanceAct:
    def place(span: Span) -> Place:
        start, end = document.position(span.start), document.position(span.end)
        return Place(path, start.line, start.column, end.line, end.column, span.start, end=span.end)

    ref = delib.references[0] if delib.references else None
    siren = delib.transmission.siren if delib.transmission else None
    common: dict[str, Any] = {
        "number": ref.text if ref else None, "serial": ref.serial if ref else None, "series": ref.series if ref else None,
        "title": delib.title, "body": delib.body.name, "siren": siren[0] if siren else None,
        "organ": delib.body.organ.value, "date": delib.session.date,
        "president": delib.session.president, "president_place": place(delib.session.president_span) if delib.session.president_span else None,
    }
    where = place(ref.span if ref else Span(delib.span.start, delib.span.start))
    att = delib.attendance
    if att is None:
        return SeanceAct(path, index, where, **common)
    lists = [lst for lst in (att.present, att.absent, att.represented_list) if lst is not None]
    members: list[Member] = [m for lst in lists for m in lst.members]
    members += [p.giver for p in att.represented]
    names = tuple(dict.fromkeys(m.name for m in members))
    movements = tuple(dict.fromkeys(Movement(m.name, m.since_item, m.until_item, place(m.span)) for m in members if m.since_item is not None or m.until_item is not None))
    counts = {kind: att.count(kind) for kind in ("in_office", "present")}
    stated = {k: Stated(c.value, place(c.value_span or c.span)) for k, c in counts.items() if c is not None}
    whole = att.present is not None and not att.all_present_except and not any(lst.open_ended or lst.unreadable for lst in lists)
    return SeanceAct(
        path, index, where, **common,
        attendance=attendances.setdefault(id(att), len(attendances)),
        in_office=stated.get("in_office"), present=stated.get("present"), members=names, lists_whole=whole, movements=movements,
        secretary=att.secretary.name if att.secretary else None, secretary_place=place(att.secretary.span) if att.secretary else None,
    )


def seances(acts: Iterable[SeanceAct]) -> list[Seance]:
    """The séances of a run with at least two acts, in the order their first act was given."""
    by_day: dict[tuple[dt.date, str], list[SeanceAct]] = {}
    for act in acts:
        if act.date is not None and act.organ != Organ.UNKNOWN.value:
            by_day.setdefault((act.date, act.organ), []).append(act)
    out = []
    for (date, organ), day in by_day.items():
        for group in _bodies(day):
            if len(group) > 1:
                body = next((a.body for a in group if a.body), None)
                out.append(Seance(date, organ, body, tuple(group)))
    return out


def _bodies(acts: Sequence[SeanceAct]) -> list[list[SeanceAct]]:
    """The acts of one day and organ, split by collectivité: linked by file, SIREN or name (union-find)."""
    parent = list(range(len(acts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, str], int] = {}
    for i, act in enumerate(acts):
        for key in (("file", act.path), ("siren", act.siren or ""), ("name", _body_key(act.body))):
            if not key[1]:
                continue
            if key in seen:
                parent[root(i)] = root(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[SeanceAct]] = {}
    for i, act in enumerate(acts):
        groups.setdefault(root(i), []).append(act)
    return list(groups.values())


def _body_key(name: str | None) -> str:
    return re.sub(r"[\W_]+", " ", fold(name)).strip() if name else ""


def act_to_json(act: SeanceAct) -> dict[str, Any]:
    """An act in plain JSON, for the result cache."""
    out: dict[str, Any] = {}
    for name in SeanceAct.__slots__:
        if name == "path":
            continue  # given back when read: entries are kept by content
        value = getattr(act, name)
        if isinstance(value, Place):
            value = _place_json(value)
        elif isinstance(value, Stated):
            value = {"value": value.value, "place": _place_json(value.place)}
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif name == "movements":
            value = [{"member": m.member, "since": m.since, "until": m.until, "place": _place_json(m.place)} for m in value]
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out


def act_from_json(raw: dict[str, Any], path: str) -> SeanceAct:
    """An act read back from the result cache, in the file at `path` (entries are kept by content,
    so the same bytes may lie elsewhere); a wrong shape raises KeyError, TypeError or ValueError."""
    def place(p: Any) -> Place | None:
        return None if p is None else Place(path, *(int(p[k]) for k in ("line", "column", "end_line", "end_column", "start", "end")))

    def stated(s: Any) -> Stated | None:
        return None if s is None else Stated(int(s["value"]), place(s["place"]) or _no_place())

    def text(v: Any) -> str | None:
        return None if v is None else str(v)

    def number(v: Any) -> int | None:
        return None if v is None else int(v)

    return SeanceAct(
        path, int(raw["index"]), place(raw["place"]) or _no_place(), text(raw["number"]), number(raw["serial"]), text(raw["series"]),
        text(raw["title"]), text(raw["body"]), text(raw["siren"]), str(raw["organ"]), dt.date.fromisoformat(raw["date"]) if raw["date"] else None,
        number(raw["attendance"]), stated(raw["in_office"]), stated(raw["present"]), tuple(str(m) for m in raw["members"]), bool(raw["lists_whole"]),
        tuple(Movement(str(m["member"]), number(m["since"]), number(m["until"]), place(m["place"]) or _no_place()) for m in raw["movements"]),
        text(raw["president"]), place(raw["president_place"]), text(raw["secretary"]), place(raw["secretary_place"]),
    )


def _place_json(p: Place) -> dict[str, Any]:
    return {"line": p.line, "column": p.column, "end_line": p.end_line, "end_column": p.end_column, "start": p.start, "end": p.end}


def _no_place() -> Place:
    raise ValueError("lieu manquant")
