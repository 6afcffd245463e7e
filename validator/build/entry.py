"""One attendance entry and its notes, read by the small grammar `grammar/entry.lark`.

`read_note(text)` parses an entry's text ("Marc ROUX a donné pouvoir à Anne DURAND": `links`,
`lead`, `opener`) or one of its notes, the text inside a name's brackets ("(pouvoir à M. Paul MARTIN)",
"(représentée par Mme DURAND)", "(pouvoir de M. ROUX)", "(remplacé par son suppléant M. BLANC)",
"(suppléant de M. NOIR)", "(arrivée à 19h)", "(pouvoirs à M. A jusqu'à 10 h, à M. B à partir de
10 h)") into what `attendance.py` turns into the model: the holders in turn with the hours that
bound each, the giver, the substitute, whether it is a note of time, whether it names a proxy it
does not read. Offsets are in the note's text. The parser is LALR with Lark's contextual lexer,
built once per process from the tables shipped in the package (`grammar/entry-lalr.json`), as
`tally.py` does; a Lark transformer turns each rule into a part as the parser reduces it.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from lark import Token, Transformer
from lark.exceptions import LarkError

from ..parse import grammartables

GRAMMAR_FILE = "entry.lark"
TABLES_FILE = grammartables.tables_file(GRAMMAR_FILE)

Extent = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Turn:
    """One holder of a proxy: where the name stands (None when the connector has none), the
    connector ("to", "represented", "bare" for "à M. X" opening the note), and the hours that
    bound it, in minutes after midnight."""

    holder: Extent | None
    connector: str
    since: int | None = None
    until: int | None = None


@dataclass(frozen=True, slots=True)
class NoteRead:
    """What a note or an entry's text says, as offsets in that text (see the module's docstring)."""

    turns: tuple[Turn, ...] = ()
    giver: Extent | None = None  # "pouvoir de X": X gave the entry's member their proxy
    proxy_from: bool = False
    replaced_by: Extent | None = None
    replaces: Extent | None = None
    replaces_said: bool = False
    time: bool = False
    # "(pouvoir)", "(Pr*)": a proxy the note refers to without naming its holder.
    proxy_word: bool = False
    # The words the text opens with, up to the first term of the grammar or separator: a name
    # read from its start ("M. Jean-Pierre IBORRA" in "M. Jean-Pierre IBORRA à partir de 10 h").
    lead: Extent | None = None
    links: tuple[Link, ...] = ()
    # The text opens with a proxy's word or connector ("pouvoir à M. X", "procuration M. X"): an
    # entry that names the holder of the name before it.
    opener: Extent | None = None


@dataclass(frozen=True, slots=True)
class _Part:
    kind: str
    head: Token
    holder: Extent | None


_CONNECTOR = {"CONNECTOR": "to", "TO": "to", "REPRESENTED_BY": "represented", "BARE_TO": "bare"}


@dataclass(frozen=True, slots=True)
class Link:
    """A connector between a giver and a holder inside an entry ("X a donné pouvoir à Y", under
    "Procurations :" "X à Y"): where it stands and where the holder's name stands after it."""

    at: Extent
    holder: Extent | None
    bare: bool  # "à" or "par" alone, a connector under "Procurations :" only


def _extent(children: list[Token]) -> Extent | None:
    return (children[0].start_pos or 0, children[-1].end_pos or 0) if children else None


def minutes(hour: str) -> int:
    """ "à partir de 11 H 20" -> 680, "jusqu'à 10h" -> 600: the figures after the words."""
    digits = hour[next(i for i, ch in enumerate(hour) if ch.isdigit()) :].lower()
    h, _, m = digits.partition("h")
    return int(h.strip()) * 60 + int(m.strip() or 0)


class NoteOf(Transformer[Token, NoteRead]):
    """The grammar's rules as parts of a note, as the LALR parser reduces them (no tree is built)."""

    def holder(self, children: list[Token]) -> Extent | None:
        return _extent(children)

    @staticmethod
    def _make(kind: str, children: list[Token | Extent | None]) -> _Part:
        head = children[0]
        assert isinstance(head, Token)
        holder = children[1] if len(children) > 1 and isinstance(children[1], tuple) else None
        return _Part(kind, head, holder)

    def to(self, children: list[Token | Extent | None]) -> _Part:
        return self._make("to", children)

    def then(self, children: list[Token | Extent | None]) -> _Part:
        return self._make("then", children)

    def from_(self, children: list[Token | Extent | None]) -> _Part:
        return self._make("from", children)

    def replaced_by(self, children: list[Token | Extent | None]) -> _Part:
        return self._make("replaced_by", children)

    def replaces(self, children: list[Token | Extent | None]) -> _Part:
        return self._make("replaces", children)

    def since(self, children: list[Token]) -> _Part:
        return _Part("since", children[0], None)

    def until(self, children: list[Token]) -> _Part:
        return _Part("until", children[0], None)

    def time(self, children: list[Token]) -> _Part:
        return _Part("time", children[0], None)

    def start(self, children: list[_Part | Token]) -> NoteRead:
        if len(children) == 1 and isinstance(children[0], Token) and children[0].type == "MARK":
            return NoteRead(proxy_word=True)
        parts = [c for c in children if isinstance(c, _Part)]
        words = [c for c in itertools.takewhile(lambda c: isinstance(c, Token) and c.type == "WORD", children) if isinstance(c, Token)]
        turns = _turns(parts)
        giver, replaced, replaces = (_first(parts, kind) for kind in ("from", "replaced_by", "replaces"))
        proxy_word = any(isinstance(c, Token) and c.type == "PROXY_WORD" for c in children)
        return NoteRead(
            turns=turns,
            giver=giver.holder if giver else None,
            proxy_from=giver is not None,
            replaced_by=replaced.holder if replaced else None,
            replaces=replaces.holder if replaces else None,
            replaces_said=replaces is not None,
            time=any(p.kind in ("since", "until", "time") for p in parts),
            proxy_word=proxy_word,
            lead=_extent(words),
            opener=_opener(children),
            links=tuple(_link(p) for p in parts if p.kind == "to" and p.head.type in ("CONNECTOR", "BARE", "BARE_TO")),
        )


def _opener(children: list[_Part | Token]) -> Extent | None:
    first = children[0] if children else None
    if isinstance(first, _Part) and first.kind == "to" and first.head.type in ("CONNECTOR", "TO", "REPRESENTED_BY"):
        first = first.head
    if isinstance(first, Token) and first.start_pos == 0 and first.type in ("CONNECTOR", "TO", "REPRESENTED_BY", "PROXY_WORD"):
        return (0, first.end_pos or 0)
    return None


def _link(part: _Part) -> Link:
    return Link((part.head.start_pos or 0, part.head.end_pos or 0), part.holder, part.head.type != "CONNECTOR")


def _first(parts: list[_Part], kind: str) -> _Part | None:
    return next((p for p in parts if p.kind == kind), None)


def _turns(parts: list[_Part]) -> tuple[Turn, ...]:
    """The holders in turn: the first connector, then each ", à M. Y" after it, each with the
    hours of its own stretch of the note ("jusqu'à 10 h" -> until, "de 10 h 25 à 11 h 20" -> both)."""
    # "à M. X" names a holder only where it opens the note ("(délégation de A à M. B)" does not).
    opened = next((i for i, p in enumerate(parts) if p.kind == "to" and p.head.type != "BARE" and (p.head.type != "BARE_TO" or p.head.start_pos == 0)), None)
    if opened is None:
        return ()
    heads = [i for i, p in enumerate(parts) if i == opened or (i > opened and p.kind == "then")]
    turns: list[Turn] = []
    for n, i in enumerate(heads):
        stretch = parts[i + 1 : heads[n + 1] if n + 1 < len(heads) else len(parts)]
        since = next((p for p in stretch if p.kind == "since"), None)
        after = stretch[stretch.index(since) + 1 :] if since else stretch
        until = next((p for p in after if p.kind == "until"), None)
        connector = _CONNECTOR.get(parts[i].head.type, "to")
        hours = [minutes(str(p.head)) if p else None for p in (since, until)]
        turns.append(Turn(parts[i].holder, connector, *hours))
    return tuple(turns)


build_parser, parser, patterns = grammartables.readers(GRAMMAR_FILE, NoteOf)


@functools.lru_cache(maxsize=4096)
def read_note(note: str) -> NoteRead:
    """What the note `note` (the text inside a name's brackets) says."""
    try:
        found: NoteRead = parser().parse(note)  # type: ignore[assignment]
    except LarkError:  # the grammar accepts every note: a safety net
        return NoteRead()
    return found
