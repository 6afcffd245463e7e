"""The Lark parser: built once, cached on disk, and turned into a flat list of sections.

The grammar accepts every text, so parsing never fails on prose; `parse` still guards against
the unexpected and reports it as a French structure message instead of a traceback.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from .lexer import LineLexer
from .view import View

GRAMMAR_PACKAGE = "validator.grammar"
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


def cache_dir() -> Path | None:
    """The user cache directory (`DELIB_CACHE_DIR`, else XDG), created; None when not writable."""
    base = os.environ.get("DELIB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "delib-validator"
    )
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return Path(base) if os.access(base, os.W_OK) else None


def _cache_path() -> str | bool:
    base = cache_dir()
    return str(base / "deliberation-lalr.cache") if base is not None else False


@functools.cache
def parser() -> Lark:
    """Build the LALR parser once per process (and once per grammar version on disk)."""
    cache = _cache_path() if os.environ.get("DELIB_NO_GRAMMAR_CACHE") is None else False
    return Lark.open_from_package(
        GRAMMAR_PACKAGE, GRAMMAR_FILE, parser="lalr", lexer=LineLexer, cache=cache, maybe_placeholders=False
    )


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
        tree = parser().parse(text)
    except LarkError as exc:  # The grammar accepts all text; this is a safety net.
        offset = getattr(exc, "pos_in_stream", None) or 0
        raise ParseFailure("structure illisible à cet endroit", min(offset, len(view.text))) from None
    sections: list[Section] = []
    for block in tree.children:
        if not isinstance(block, Tree):
            continue
        parts = block.children if block.children and isinstance(block.children[0], Tree) else [block]
        for part in parts:
            if isinstance(part, Tree):
                sections.append(_section(str(block.data), part))
    return sections


def _section(block: str, part: Tree[Token]) -> Section:
    tokens = [t for t in part.children if isinstance(t, Token)]
    head = tokens[0]
    last = tokens[-1]
    return Section(
        kind=str(part.data),
        block=block,
        head_start=head.start_pos or 0,
        head_end=head.end_pos or 0,
        end=last.end_pos or 0,
        line_count=len(tokens),
    )
