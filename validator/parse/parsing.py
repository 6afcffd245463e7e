"""The Lark parser: loaded once from the tables shipped in the package, and turned into a flat list of sections.

A Lark Transformer turns each rule of the grammar into a typed `Section` as the LALR parser
reduces it (Lark's inline transformer: no parse tree is built). The grammar accepts every text,
so parsing never fails on prose; `parse_sections` still guards against the unexpected and
reports it as a French structure message instead of a traceback.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import LarkError

from ..read.terms import GRAMMAR_PACKAGE
from ..read.view import View
from . import grammartables
from .lexer import LineLexer

GRAMMAR_FILE = "deliberation.lark"

# Sections, as named by the grammar's rules, in the order of a canonical deliberation.
HEADER_KINDS = frozenset({"present", "represented", "absent", "nonvoting", "count", "secretary"})
LIST_KINDS = frozenset({"present", "represented", "absent", "nonvoting"})
CLOSING_KINDS = frozenset({"certification", "publication", "signature"})


@dataclass(frozen=True, slots=True)
class Section:
    """One recognised section: its class, the offsets of its heading line and of its whole extent.

    Offsets are in the reading view. `end` excludes the trailing line break.
    """

    kind: str
    block: str
    head_start: int
    head_end: int
    end: int
    line_count: int


class ParseFailure(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


# One section as the grammar reduces it, before the block it belongs to is known:
# (kind, head_start, head_end, end, line_count).
_Part = tuple[str, int, int, int, int]


class SectionsOf(Transformer[Token, list[Section]]):
    """The grammar's rules as Sections: a section rule (a heading line and its body lines) gives a
    part, a block of parts (attendance, visas, articles, votes, closing) names its parts, and the
    whole text is the list of sections in order."""

    def __default__(self, data: Token, children: list, meta: object) -> _Part | list[Section] | Tree[Token]:  # type: ignore[type-arg]
        if data.startswith("_"):
            # Rules the grammar inlines (`_body`, `_section` and Lark's own for `*` and `+`): Lark
            # splices their children into the enclosing rule and expects a tree to do so.
            return Tree(data, children)
        if children and isinstance(children[0], Token):
            head, last = children[0], children[-1]
            return (str(data), head.start_pos or 0, head.end_pos or 0, last.end_pos or 0, len(children))
        return [Section(part[0], str(data), *part[1:]) for part in children]

    def start(self, children: list[_Part | list[Section]]) -> list[Section]:
        sections: list[Section] = []
        for child in children:
            if isinstance(child, list):
                sections.extend(child)
            else:  # a block of one section: it is its own block
                sections.append(Section(child[0], child[0], *child[1:]))
        return sections


def cache_base() -> Path | None:
    """Where the user cache lives (`DELIB_CACHE_DIR`, else XDG); None without a home directory."""
    try:
        return Path(
            os.environ.get("DELIB_CACHE_DIR")
            or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "delib-validator")
        )
    except RuntimeError:  # no home directory (a service account): no cache, nothing else lost
        return None


def cache_dir() -> Path | None:
    """The user cache directory, created; None when it cannot be written."""
    base = cache_base()
    if base is None:
        return None
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return base if os.access(base, os.W_OK) else None


def build_parser() -> Lark:
    """Build the LALR parser from the grammar files (what the shipped tables save at each start)."""
    return Lark.open_from_package(
        GRAMMAR_PACKAGE,
        GRAMMAR_FILE,
        parser="lalr",
        lexer=LineLexer,
        transformer=SectionsOf(),
        maybe_placeholders=False,
    )


@functools.cache
def parser() -> Lark:
    """The LALR parser, once per process: from the tables shipped in the package, else built.

    No parser is read from or written to a cache folder (see `grammartables`)."""
    if os.environ.get("DELIB_NO_GRAMMAR_CACHE") is None:
        shipped = grammartables.load(SectionsOf())
        if shipped is not None:
            return shipped
    return build_parser()


@functools.cache
def reference_parser() -> Lark:
    """The same grammar with Lark's general lexer: the reference the line lexer must agree with."""
    return Lark.open_from_package(GRAMMAR_PACKAGE, GRAMMAR_FILE, parser="lalr", lexer="basic", maybe_placeholders=False)


def grammar_rule_names() -> frozenset[str]:
    return frozenset(str(r.origin.name) for r in parser().rules if not str(r.origin.name).startswith("_"))


def parse_sections(view: View) -> list[Section]:
    """Parse the reading text into its sections, in order."""
    text = view.text if view.text.endswith("\n") else view.text + "\n"
    try:
        sections: list[Section] = parser().parse(text)  # type: ignore[assignment]
    except LarkError as exc:  # The grammar accepts all text; this is a safety net.
        offset = getattr(exc, "pos_in_stream", None) or 0
        raise ParseFailure("structure illisible à cet endroit", min(offset, len(view.text))) from None
    return sections
