"""Who the act is: its numbers and its title."""

from __future__ import annotations

import functools
import re

from .buildcontext import Context, flat, paragraph_range
from ..model import Reference
from .numbering import read_reference
from ..parse.parsing import LIST_KINDS, Section
from ..read.terms import term

# The longest title an act is given: more is a paragraph of its report.
_TITLE_REACH = 300


@functools.cache
def _ref_id() -> re.Pattern[str]:
    # An act's number (grammar/terms.lark), or a bare number after "n°".
    return re.compile(rf"{term('REF_ID')}|\d{{1,6}}\b")


def reference(ctx: Context, s: Section) -> Reference | None:
    text = ctx.view.text
    head = text[s.head_start : s.head_end]
    paren = re.search(r"\(\s*([^()]+?)\s*\)\s*\.?\s*$", head)
    m = _ref_id().search(paren.group(1)) if paren else None
    if m and paren:
        start = s.head_start + paren.start(1) + m.start()
    else:
        label = re.search(r"(?i:n[°o]|num[ée]ro)\s*", head)
        m = _ref_id().search(head, label.end() if label else 0)
        if not m:
            return None
        start = s.head_start + m.start()
    return read_reference(ctx, start, start + len(m.group(0)))


def title_range(ctx: Context, group: list[Section], header: list[Section]) -> tuple[int, int] | None:
    """Where the act's title is in the view."""
    text = ctx.view.text
    for s in group:
        if s.kind == "objet":
            colon = s.head_start + text[s.head_start : s.head_end].find(":") + 1
            found = paragraph_range(ctx, colon, s.end)
            return _capitals_title(text, found) if found else None
        if s.kind == "reference" and (found := _reference_title(ctx, s)) is not None:
            return found
    # No number line or "Objet": the title is the short paragraph that follows the attendance.
    last_list = max((i for i, s in enumerate(group) if s.kind in LIST_KINDS), default=None)
    after = group[last_list + 1] if last_list is not None and last_list + 1 < len(group) else None
    start: int | None = None
    end: int | None = None
    if after is not None and after.kind in ("paragraph", "reference"):
        start, end = after.head_start, after.end
    elif last_list is not None and (stop := ctx.list_ends.get(group[last_list].head_start)) is not None:
        # The list section ran on past its names: what follows them is the title.
        start, end = stop, group[last_list].end
    if start is not None and end is not None:
        found = paragraph_range(ctx, start, end)
        title = flat(text, *found) if found else ""
        if title and len(title) <= _TITLE_REACH and not title.endswith(":"):
            return found
    return None


# A title in capitals run on into the report's first sentence once the line breaks are lost
# ("TARIFS DE LA PISCINE Il est proposé ..."): words without a small letter, two with capitals at
# least, then a word in title case. Read word by word: one pass, whatever the length.
_WORD = re.compile(r"\S+")


def _capitals_title(text: str, found: tuple[int, int]) -> tuple[int, int]:
    capitals = 0
    last_end = found[0]
    for m in _WORD.finditer(text, found[0], found[1]):
        word = m.group(0)
        if not any(ch.islower() for ch in word):
            capitals += any(ch.isupper() for ch in word)
            last_end = m.end()
            continue
        if capitals >= 2 and word[0].isupper() and word[1:2].islower():
            return found[0], last_end
        return found
    return found


_REF_LABEL = re.compile(r"^\W*(?:(?i:d[ée]lib[ée]ration|d[ée]lib\.?)\s*)?(?:(?i:n[°o]|num[ée]ro)\s*)?")


def _reference_title(ctx: Context, s: Section) -> tuple[int, int] | None:
    """The title of a numbered act: after its number on the same line, before a bracketed number,
    or on the lines that follow the number."""
    text = ctx.view.text
    head = text[s.head_start : s.head_end]
    paren = re.search(r"\(\s*[^()]+\)\s*\.?\s*$", head)
    if paren and paren.start() > 3:
        return paragraph_range(ctx, s.head_start, s.head_start + paren.start())
    label = _REF_LABEL.match(head)
    ident = _ref_id().search(head, label.end() if label else 0)
    after = ident.end() if ident else (label.end() if label else 0)
    rest = re.match(r"\s*[:.\u2013\u2014-]?\s*", head[after:])
    start = s.head_start + after + (rest.end() if rest else 0)
    if start < s.head_end:
        found = paragraph_range(ctx, start, s.end)
        # A paragraph longer than a title ran on into the report once the line breaks were lost
        # ("N°230214 002 - FINANCES : DEMANDE ... MAIRIE Monsieur NEEL rappelle ...").
        if found is not None and found[1] - found[0] > _TITLE_REACH:
            return _capitals_title(text, found)
        return found
    # The title on the lines right under the number ("EMP 004-6064/19/BM" / "Attribution d'une
    # subvention..."); after a blank line, what follows is no longer the number's title.
    if s.line_count > 1 and not text[s.head_end + 1 : s.end].startswith(("\n", " \n")):
        return paragraph_range(ctx, s.head_end + 1, s.end)
    return None
