"""The counts an act declares about its séance, read by the small grammar `grammar/counts.lark`.

"Nombre de conseillers en exercice : 29", "Présents 25", "25 membres présents", "votants : 11 dont
1 procuration", "- présents : - représentés : 30 11": the grammar reads the windows of the header
zones around the words that name a count (`_COUNT_CUE`), LALR with Lark's contextual lexer, built
once per process from the tables shipped in the package (`grammar/counts-lalr.json`), as the vote
tallies' (`build/tally.py`). The first statement of each kind wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lark import Token, Transformer
from lark.exceptions import LarkError

from ..attendance_model import Count
from ..french import count_value
from ..parse import grammartables
from ..read.terms import term
from .cues import Cue, windows
from .members import SpanOf

GRAMMAR_FILE = "counts.lark"
TABLES_FILE = grammartables.tables_file(GRAMMAR_FILE)
KINDS = ("in_office", "present", "substitutes", "voting", "represented", "absent", "quorum", "majority")
# The kind each label of a table gives.
_KIND_OF = {
    "IN_OFFICE": "in_office", "IN_OFFICE_MEMBERS": "in_office", "PRESENT": "present", "PRESENT_CAP": "present", "VOTING": "voting", "VOTING_CAP": "voting",
    "REPRESENTED": "represented", "REPRESENTED_MANY": "represented", "ABSENT": "absent",
}
# Every count is named by one of these words (stems); the grammar reads the windows around them.
_COUNT_CUE = Cue(
    ("exercice", "membres", "conseill", "délégu", "delegu", "élus", "elus", "sièges", "sieges", "présent", "present",
     "suppléant", "suppleant", "votant", "pris part", "pouvoir", "procuration", "représent", "represent", "absent", "quorum", "majorit")
)
# How far a count reaches from its cue: "Nombre de " before "conseillers", "ont été " before
# "présents"; after it, "ers composant le conseil : 33" or "en exercice : vingt-neuf".
_BEFORE, _AFTER = 20, 35
# A count of more is a sum or a year, not people.
_MOST = 2000


@dataclass(frozen=True, slots=True)
class _Found:
    """One count of a window: offsets in the window."""

    kind: str
    value: int
    start: int
    end: int
    value_start: int
    value_end: int


def _figure(children: list[Token]) -> Token | None:
    """The item's figure: the one after its colon when there is one, else the only one."""
    colon = next((i for i, c in enumerate(children) if c.type == "SEP"), None)
    after = children[colon + 1 :] if colon is not None else children
    return next((c for c in after if c.type in ("FIGURE", "WORDS")), None)


class CountsOf(Transformer[Token, list[_Found]]):
    """The grammar's rules as counts, as the LALR parser reduces them (no tree is built)."""

    def count(self, children: list[Token]) -> Token:
        return children[0]

    @staticmethod
    def _item(kind: str, children: list[Token]) -> list[_Found]:
        figure = _figure(children)
        value = count_value(str(figure)) if figure is not None else None
        if figure is None or value is None or value > _MOST:
            return []
        first, last = children[0], children[-1]
        return [_Found(kind, value, first.start_pos or 0, last.end_pos or 0, figure.start_pos or 0, figure.end_pos or 0)]

    def __default__(self, data: str, children: list[Token], meta: object) -> list[_Found]:
        """One rule per kind of count (`KINDS`): the rule's name is the kind."""
        if data in KINDS:
            return self._item(data, children)
        return super().__default__(data, children, meta)  # type: ignore[no-any-return,no-untyped-call]

    def unread(self, children: list[Token]) -> list[_Found]:
        return []  # "présents : 30 11": a column of figures, none of them the label's own

    def table(self, children: list[Token]) -> list[_Found]:
        """Labels then figures: paired in order when as many; a single figure goes to the last label."""
        labels = [c for c in children if c.type in _KIND_OF]
        figures = [c for c in children if c.type == "FIGURE"]
        if len(figures) == len(labels):
            pairs = list(zip(labels, figures))
        elif len(figures) == 1:
            pairs = [(labels[-1], figures[0])]
        else:
            return []
        return [
            _Found(_KIND_OF[label.type], int(figure), label.start_pos or 0, label.end_pos or 0, figure.start_pos or 0, figure.end_pos or 0)
            for label, figure in pairs
            if int(figure) <= _MOST
        ]

    def start(self, children: list[object]) -> list[_Found]:
        return [item for child in children if isinstance(child, list) for item in child]


build_parser, parser, patterns = grammartables.readers(GRAMMAR_FILE, CountsOf)


def read_counts(text: str, start: int, end: int) -> list[_Found]:
    """The counts stated in text [start, end), in order (offsets in `text`)."""
    try:
        found: list[_Found] = parser().parse(text[start:end])  # type: ignore[assignment]
    except LarkError:  # the grammar accepts every text: a safety net
        return []
    return [_Found(f.kind, f.value, start + f.start, start + f.end, start + f.value_start, start + f.value_end) for f in found]


@functools.cache
def _figures() -> re.Pattern[str]:
    return re.compile(r"\d|" + term("NUMBER_WORD"))


def _figure_in(text: str, start: int, end: int) -> bool:
    return _figures().search(text, start, end) is not None


def find_counts(text: str, zones: Iterable[tuple[int, int]], span: SpanOf) -> list[Count]:
    """The declared counts of the header zones (view offsets), the first statement of each kind."""
    found: dict[str, Count] = {}
    for start, end in zones:
        for w_start, w_end in windows(_COUNT_CUE, text, start, end, _BEFORE, _AFTER):
            if not _figure_in(text, w_start, w_end):
                continue  # a window of names or prose: no count to read
            for f in read_counts(text, w_start, w_end):
                found.setdefault(f.kind, Count(f.kind, f.value, span(f.start, f.end), span(f.value_start, f.value_end)))
    return sorted(found.values(), key=lambda c: c.span.start)
