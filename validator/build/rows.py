"""Attendance written other than as a list: a table with one row per member and X marks, or two
lists paired by "respectivement"."""

from __future__ import annotations

import re

from ..model import Member, Proxy
from ..names import display, fold, looks_like_name, split_civility
from .lists import read_list
from .members import ListResult, SpanOf, member as _member, with_ as _with


def read_respectively(text: str, start: int, content: str, span: SpanOf, result: ListResult) -> None:
    """ "MM. A, B et C ont donné pouvoir respectivement à MM. D, E et F" pairs the two lists."""
    m = re.search(r"\s(?:ont|avaient)\s+donn[ée]\s+\S+\s+respectivement\s+[àa]\s+|(?<!\s)\s+respectivement\s+[àa]\s+", content, re.I)
    if not m:
        return
    givers = _plain_names(text, start, start + m.start(), span)
    holders = _plain_names(text, start + m.end(), start + len(content), span)
    for giver, holder in zip(givers, holders):
        result.proxies.append(Proxy(giver, holder, giver.span.cover(holder.span)))


def _plain_names(text: str, start: int, end: int, span: SpanOf) -> list[Member]:
    names = []
    for entry in read_list(text[start:end], start).entries:
        _, rest = split_civility(entry.text)
        if looks_like_name(rest) or looks_like_name(entry.text):
            if (member := _member(text, entry.start, entry.end, span)) is not None:
                names.append(member)
    return names


_ROW_REACH = 500
_MARK = re.compile(r"(?<=\s)[Xx](?=\s|$)", re.MULTILINE)
# "NOM Prénom" or "NOM M. Prénom" at the start of a row; "Prénom NOM" too.
_ROW_NAME = re.compile(
    r"(?:[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+\s+)+(?:[A-ZÀ-Ý]\.\s*)?[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*"
    r"|[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)+"
)


def is_marked_table(content: str) -> bool:
    return len(_MARK.findall(content)) >= 3


def read_marked_table(text: str, start: int, content: str, span: SpanOf, result: ListResult, cut: bool) -> None:
    """A table flattened to one row per line: "NOM Prénom  Représentant  X  Suppléé par, Pouvoir à".

    A row marked X is a member present (or sitting through a substitute); an unmarked row is an
    absence.
    """
    pos = start
    rows = content.rstrip().split("\n")
    for index, line in enumerate(rows):
        line_start = pos
        pos += len(line) + 1
        m = _ROW_NAME.match(line.strip())
        if not m or "prenom" in fold(m.group(0)) or (cut and index == len(rows) - 1):
            continue  # the column headings, or a row the end of the excerpt cut off
        lead = len(line) - len(line.lstrip())
        member = _member(text, line_start + lead, line_start + lead + m.end(), span)
        if member is None:
            continue
        mark = _MARK.search(line, lead + m.end())
        after = line[mark.end() :] if mark else ""
        if mark:
            # The last columns of a row: bounded, as each attempt of _ROW_NAME may run to the row's end.
            other = _ROW_NAME.search(after, 0, _ROW_REACH)
            if other:
                member = _with(member, replaced_by=display(other.group(0)))
            result.members.append(member)
            continue
        # Unmarked: absent. A name in the last column may be a proxy holder, but flattening lost
        # the columns, and the member's own body ("CDC Beaume-Drobie") reads like a name too.
        result.unmarked.append(member)
