"""The figures of a vote statement, read by the small grammar `grammar/tally.lark`.

`read_tally(text, start, end)` parses only the statement's span of the reading view: "Pour : 20 -
Contre : 2", "20 voix favorables et 2 abstentions", "Votants : 18 ; Pour : 16 ; Contre : 2", "par
vingt voix pour et deux abstentions", a table flattened on one line ("Votes pour : Votes contre :
Abstentions : 41 0 0"). The parser is LALR with Lark's contextual lexer, built once per process
from the tables shipped in the package (`grammar/tally-lalr.json`, as `parse.grammartables` does for
the document grammar); a Lark transformer turns each rule into a figure as the parser reduces it,
and counts in words are converted by `french.count_value`.

The grammar accepts every statement, so a statement that states no figure gives none. What it
recognises as a tally but cannot turn into figures (a label whose figure the scan misread, "Pour :
2O"; a table whose figures do not match its labels; a count in words that is not one number) is
returned as unread, with its span, never dropped: `Vote.unread`, reported by `vote-arithmetic`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from lark import Token, Transformer
from lark.exceptions import LarkError

from ..french import count_value
from ..parse import grammartables

GRAMMAR_FILE = "tally.lark"
TABLES_FILE = grammartables.tables_file(GRAMMAR_FILE)

# The figures of a vote (the fields of `model.Vote`), and the label that gives each.
FIELDS = ("for_", "against", "abstention", "not_voting", "voting")
_FIELD_OF = {"FOR": "for_", "FAVOURABLE": "for_", "AGAINST": "against", "ABSTENTION": "abstention", "NOT_VOTING": "not_voting", "VOTING": "voting"}


@dataclass(frozen=True, slots=True)
class Tally:
    """The figures a statement gives (the first of each field), and the spans it holds that read as
    a tally but give no figure. Offsets are in the text given to `read_tally`."""

    counts: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    unread: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Figure:
    field: str
    value: int


@dataclass(frozen=True, slots=True)
class _Unread:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Count:
    value: int | None
    start: int
    end: int


_Item = _Figure | _Unread


_FIGURES = frozenset({"FIGURE", "WORDS", "NONE", "MISREAD"})


def _value(token: Token) -> int | None:
    if token.type == "NONE":
        return 0
    return None if token.type == "MISREAD" else count_value(str(token))


def _span(first: Token | _Count, last: Token | _Count) -> _Unread:
    start = first.start if isinstance(first, _Count) else first.start_pos or 0
    end = last.end if isinstance(last, _Count) else last.end_pos or 0
    return _Unread(start, end)


class TallyOf(Transformer[Token, Tally]):
    """The grammar's rules as figures, as the LALR parser reduces them (no tree is built)."""

    def count(self, children: list[Token]) -> _Count:
        token = children[0]
        return _Count(_value(token), token.start_pos or 0, token.end_pos or 0)

    @staticmethod
    def _item(name: str, children: list[Token | _Count]) -> _Item:
        """The item's figure: the one after its colon when there is one ("12 Votants : 14"),
        else the one before or after its label."""
        colon = next((i for i, c in enumerate(children) if isinstance(c, Token) and c.type == "SEP"), None)
        after = children[colon + 1 :] if colon is not None and colon + 1 < len(children) else children
        figure = next(c for c in after if isinstance(c, _Count) or c.type in _FIGURES)
        value = figure.value if isinstance(figure, _Count) else _value(figure)
        if value is None:  # misread figures ("Pour : 2O"), words that are not one number ("deux trois voix pour")
            return _span(children[0], children[-1])
        return _Figure(name, value)

    def for_(self, children: list[Token | _Count]) -> _Item:
        return self._item("for_", children)

    def against(self, children: list[Token | _Count]) -> _Item:
        return self._item("against", children)

    def abstention(self, children: list[Token | _Count]) -> _Item:
        return self._item("abstention", children)

    def not_voting(self, children: list[Token | _Count]) -> _Item:
        return self._item("not_voting", children)

    def voting(self, children: list[Token | _Count]) -> _Item:
        return self._item("voting", children)

    def expressed(self, children: list[Token]) -> list[_Item]:
        return []  # claimed so that no other label takes it; the vote has no field for it

    def unread(self, children: list[Token]) -> _Unread:
        return _span(children[0], children[-1])

    def table(self, children: list[Token]) -> list[_Item]:
        """Labels then figures: paired in order when as many; one figure goes to the last label
        (what "Pour : Contre : 28" means read left to right); otherwise the table is unread."""
        labels = [(i, c) for i, c in enumerate(children) if c.type in _FIELD_OF]
        figures = [c for c in children if c.type == "FIGURE"]
        if len(figures) == len(labels):
            return [_Figure(_FIELD_OF[label.type], int(figure)) for (_, label), figure in zip(labels, figures)]
        if len(figures) == 1:
            at, label = labels[-1]
            colon = at + 1 < len(children) and children[at + 1].type == "SEP"
            # The count of voters takes a colon, as it does alone ("Votants : 18").
            return [_Figure(_FIELD_OF[label.type], int(figures[0]))] if label.type != "VOTING" or colon else []
        return [_span(children[0], children[-1])]

    def start(self, children: list[object]) -> Tally:
        counts: dict[str, int] = {}
        unread: list[tuple[int, int]] = []
        for child in children:
            for item in child if isinstance(child, list) else [child]:
                if isinstance(item, _Figure):
                    counts.setdefault(item.field, item.value)
                elif isinstance(item, _Unread):
                    unread.append((item.start, item.end))
        return Tally(MappingProxyType(counts), tuple(unread))


build_parser, parser, patterns = grammartables.readers(GRAMMAR_FILE, TallyOf)


def read_tally(text: str, start: int, end: int) -> Tally:
    """The figures of the vote stated in text [start, end)."""
    try:
        found: Tally = parser().parse(text[start:end])  # type: ignore[assignment]
    except LarkError:  # the grammar accepts every text: a safety net, and never a silent drop
        return Tally(unread=((start, end),))
    return Tally(found.counts, tuple((start + a, start + b) for a, b in found.unread))
