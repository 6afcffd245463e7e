"""The items of the séance a member's note of time bounds their presence by.

A note kept on a member ("arrive en séance à l'affaire n° 12", "quitte la séance avant le vote du
point 7", "vote à partir du point N° 3", "prend part aux débats à partir de la délibération
« 2011-02-007 »") names an item of the agenda: the member takes part from that item on, or up to
the one before. The item is read as its order number, the last figures of what the note writes
("2011-02-007" is item 7), so that the séance checks can match it with the acts' own numbers.
A note that names no item, a range ("points 3 à 6") or a bound whose direction is not said
("jusqu'au point 7" without a verb of leaving) gives nothing: the counts are then not followed.
"""

from __future__ import annotations

import re

_ITEM = re.compile(
    r"(?<!\w)(?:affaires?|points?|dossiers?|questions?|d[ée]lib[ée]rations?|rapports?|items?)\s+"
    r"(?:n[°o]\s*)?[«\"“]?\s*(?P<number>(?:[A-Z]{1,5}[ _-]?)?\d[\d/_.-]*)",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"(?<!\s)\s*(?:[àa]|au|-)\s+\d")
_LEAVE = re.compile(r"quitt|\bsort(?:ie|i|e)?s?\b|\bpart(?:ie?|ent)?s?\b|d[ée]part|se\s+retir", re.IGNORECASE)
_BEFORE = re.compile(r"\bavant\b", re.IGNORECASE)
_AFTER = re.compile(r"\bapr[èe]s\b|[àa]\s+l['’]issue", re.IGNORECASE)
_ARRIVE = re.compile(r"arriv|rejoint|prend\s+part|si[èe]ge|[àa]\s+partir|[àa]\s+compter|\bd[èe]s\b", re.IGNORECASE)
_FIGURES = re.compile(r"(?<!\d)\d+")


def item_bounds(note: str) -> tuple[int | None, int | None]:
    """The first and the last item the member takes part in (None where the note does not bound it)."""
    since = until = None
    before = 0
    for m in _ITEM.finditer(note):
        item = _order(m.group("number"))
        cue = note[before : m.start()]
        before = m.end()
        if item is None or _RANGE_AFTER.match(note, m.end()):
            return None, None
        leave, arrive = _last(_LEAVE, cue), _last(_ARRIVE, cue)
        if leave > arrive:
            # Leaves at or before an item: absent from its vote; after it: took part in it.
            until = item if _AFTER.search(cue, leave) else item - 1
        elif arrive > leave:
            since = item + 1 if _AFTER.search(cue, arrive) else item
    return since, until


def _last(rx: re.Pattern[str], text: str) -> int:
    """Where the last match of `rx` in `text` starts, -1 if none (the cue nearest the item wins)."""
    found = -1
    for m in rx.finditer(text):
        found = m.start()
    return found


def _order(number: str) -> int | None:
    """The order number of an item as written: its last figures, a final year apart ("181/2022")."""
    runs = [int(r.group()) for r in _FIGURES.finditer(number)]
    if len(runs) > 1 and 1900 <= runs[-1] <= 2099:
        runs.pop()
    return runs[-1] if runs else None
