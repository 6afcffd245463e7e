"""Group the sections of a file into deliberations, reading each section in its context.

A line class is a guess made line by line; the context settles it. A signature before any
decision is the convocation letter or the @ctes stamp, not the act's signature; a role line in
an attendance list is a member's function. Such sections are read as text of the section above.
A procès-verbal holds several acts: a new act begins at a new reference number, at a new
attendance list, or at new grounds after the previous act was voted or closed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from ..read.terms import term
from .parsing import LIST_KINDS, Section

GROUNDS = frozenset({"visa", "considerant", "heard"})
BODY_KINDS = GROUNDS | {"decide", "article", "vote"}
_FIRST_ARTICLE = re.compile(r"^\W*art(?:icle|\.)\s*(?:1\b|1er|premier|unique|I\b)", re.IGNORECASE)


@dataclass
class _Group:
    sections: list[Section]
    has_body: bool = False
    has_ref: bool = False
    after_ref: bool = False
    has_item: bool = False
    # What each reference or objet of the group reads (see _words), to tell a running header.
    heads: set[tuple[str, str]] = field(default_factory=set)
    closed: bool = False
    # Since the last reference or objet, only counts ("en exercice : 11"): a register's page box.
    only_counts_after_ref: bool = False
    order_issue: tuple[str, int] | None = None
    max_stage: int = 0


_STAGE = {"visa": 1, "considerant": 1, "heard": 1, "decide": 2, "article": 3}
_ORDER_MESSAGES = {
    "visa": "visa placé après le dispositif : structure non reconnue ici",
    "considerant": "considérant placé après le dispositif : structure non reconnue ici",
    "heard": "mention « ouï / entendu » placée après le dispositif : structure non reconnue ici",
    "decide": "formule « Délibère / Décide » placée après les articles : structure non reconnue ici",
}


def assemble(sections: list[Section], text: str) -> tuple[list[list[Section]], list[tuple[str, int]]]:
    """Return the groups of sections (one per act) and the places where the order is not recognised."""
    groups: list[_Group] = []
    current = _Group([])
    for section in sections:
        if _demoted(section, current):
            _merge_into_previous(current, section)
            continue
        if current.sections and _starts_new_act(current, section, text):
            groups.append(current)
            current = _Group([])
        _add(current, section, text)
    if current.sections:
        groups.append(current)
    issues = [g.order_issue for g in groups if g.order_issue]
    return [g.sections for g in groups], issues[:1]


def _demoted(section: Section, group: _Group) -> bool:
    if section.kind == "signature" and _after_list(group):
        return True
    if section.kind in ("signature", "certification") and not group.has_body:
        # Before any decision or report: a letterhead, a convocation signature, the @ctes stamp.
        return not any(s.kind == "report" for s in group.sections)
    return False


def _after_list(group: _Group) -> bool:
    return bool(group.sections) and group.sections[-1].kind in LIST_KINDS


def _merge_into_previous(group: _Group, section: Section) -> None:
    if group.sections:
        prev = group.sections[-1]
        group.sections[-1] = replace(prev, end=section.end, line_count=prev.line_count + section.line_count)
    else:
        group.sections.append(replace(section, kind="paragraph", block="paragraph"))


def _starts_new_act(group: _Group, section: Section, text: str) -> bool:
    kind = section.kind
    if kind in LIST_KINDS and kind != "nonvoting":
        return group.has_body or (kind == "present" and not _is_count(section, text) and _second_roll_call(group, text))
    if kind == "objet" and group.has_item and _is_item(section, text):
        return True  # "Point n°1 : ..." then "Point n°2 : ...": two items, whatever lies between
    if kind in ("reference", "objet") and _repeated(group, section, text):
        return False  # the running header of a register's pages, printed again on each page
    if kind in ("reference", "objet"):
        if kind == "objet" and not group.has_body and group.only_counts_after_ref:
            return False  # "en exercice : 11 ... Objet :": the register's box of the next page
        return group.has_body or (group.has_ref and group.after_ref)
    if kind in GROUNDS or kind == "decide":
        return group.closed
    if kind == "article":
        return group.closed and bool(_FIRST_ARTICLE.match(text[section.head_start : section.head_end]))
    return False


_COUNT_AFTER_LABEL = re.compile(r"[^:\n]{0,80}:[ \t\u00a0]*\d")


def _second_roll_call(group: _Group, text: str) -> bool:
    """A list of the present after the group's present and absent lists: the roll call of another
    meeting (a commission's compte rendu inside a procès-verbal), not more names of this one.
    "Présents : 6" is a count, not a roll call."""
    lists = [s.kind for s in group.sections if s.kind in LIST_KINDS and not _is_count(s, text)]
    return "present" in lists and lists[-1] != "present"


def _is_count(section: Section, text: str) -> bool:
    return _COUNT_AFTER_LABEL.match(text, section.head_start, section.head_end) is not None


@functools.cache
def _item_head() -> re.Pattern[str]:
    return re.compile(term("ITEM_HEAD"))


def _is_item(section: Section, text: str) -> bool:
    head = text[section.head_start : section.head_end]
    return _item_head().match(head, len(head) - len(head.lstrip(" \t\u00a0"))) is not None


_PAGE_COUNTER = re.compile(r"\b\d{1,3}\s?/\s?\d{1,3}\b")


_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def _words(section: Section, text: str) -> str:
    """The head and the paragraph after it, without the page's number ("1/4", "2/4"): what a
    running header repeats on every page."""
    window = text[section.head_start : min(section.end, section.head_start + 300)]
    paragraphs = [p for p in _BLANK_LINE.split(window) if p.strip()][:2]
    return " ".join(_PAGE_COUNTER.sub(" ", " ".join(paragraphs)).split())


def _repeated(group: _Group, section: Section, text: str) -> bool:
    return (section.kind, _words(section, text)) in group.heads


def _add(group: _Group, section: Section, text: str) -> None:
    kind = section.kind
    group.sections.append(section)
    if kind == "objet" and _is_item(section, text):
        group.has_item = True
    if kind in ("reference", "objet"):
        group.heads.add((kind, _words(section, text)))
        group.has_ref = True
        group.after_ref = False
        group.only_counts_after_ref = False
        return
    if group.has_ref:
        group.only_counts_after_ref = kind == "count" and (group.only_counts_after_ref or not group.after_ref)
        group.after_ref = True
    if kind in BODY_KINDS:
        group.has_body = True
    if kind == "vote" or (kind in ("certification", "signature") and group.has_body):
        group.closed = True
    stage = _STAGE.get(kind)
    if stage is not None and not group.closed:
        if stage < group.max_stage and group.order_issue is None and kind in _ORDER_MESSAGES:
            group.order_issue = (_ORDER_MESSAGES[kind], section.head_start)
        group.max_stage = max(group.max_stage, stage)
