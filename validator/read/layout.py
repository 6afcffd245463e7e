"""Columns in text extracted with `pdftotext -layout`: a left margin read apart from the body.

Many registers print a sidebar ("Direction du Secrétariat Général", "Extrait du registre des
délibérations du Conseil Municipal", "n° 2014 / 131") beside the header and the attendance
lists. Layout extraction renders both columns on the same lines, so the sidebar cuts into the
names. Here the body column is found where several lines hold a left cell, a gap of three spaces
or more, and a right cell starting at the same column; over the run of lines that respect that
gutter, the margin is read first, then the body, cell by cell.
"""

from __future__ import annotations

import re
from collections import Counter

Piece = tuple[int, int, str | None]
Record = list[Piece]

_TWO_CELLS = re.compile(r" {0,10}\S(?:.*?\S)?( {3,})(?=\S)")
_WIDE_GAP = re.compile(r" {10,}")
_MIN_SPLIT_LINES = 3


def margin_records(text: str, records: list[Record]) -> list[Record]:
    """Reorder the records of a margin-and-body layout; other texts are returned unchanged."""
    if not all(len(r) == 1 and r[0][2] is None for r in records):
        return records
    lines = [(r[0][0], r[0][1]) for r in records]
    column = _body_column(text, lines)
    if column is None:
        return records
    out: list[Record] = []
    i = 0
    while i < len(lines):
        j = i
        kinds = []
        while j < len(lines) and (kind := _fit(text, lines[j], column)) is not None:
            kinds.append(kind)
            j += 1
        if kinds.count("split") >= _MIN_SPLIT_LINES:
            out.extend(_region(text, lines[i:j], kinds, column))
            i = j
        else:
            out.append(records[i])
            i += 1
    return out


def _body_column(text: str, lines: list[tuple[int, int]]) -> int | None:
    starts: Counter[int] = Counter()
    for s, e in lines:
        m = _TWO_CELLS.match(text, s, e)
        if m and m.end(1) - s >= 15:
            starts[m.end(1) - s] += 1
    if not starts:
        return None
    # Columns one apart are the same column (a name list indented by one space).
    column, count = max(((c, starts[c - 1] + starts[c] + starts[c + 1]) for c in starts), key=lambda x: (x[1], -x[0]))
    return column if count >= _MIN_SPLIT_LINES else None


def _fit(text: str, line: tuple[int, int], column: int) -> str | None:
    """How a line sits against the gutter: blank, body, margin, split; None when it crosses it."""
    s, e = line
    content = text[s:e].rstrip()
    stripped = content.lstrip()
    if not stripped:
        return "blank"
    first = len(content) - len(stripped)
    if first >= column - 2:
        return "body"
    if len(content) <= column - 2:
        return "margin"
    for m in re.finditer(r" {2,}", content):
        if column - 2 <= m.end() <= column + 2 and content[: m.start()].strip():
            return "split"
        if m.end() > column + 2:
            break
    return None


def _region(text: str, lines: list[tuple[int, int]], kinds: list[str], column: int) -> list[Record]:
    margin: list[Record] = []
    body: list[Record] = []
    for (s, e), kind in zip(lines, kinds):
        content = text[s:e].rstrip()
        end = s + len(content)
        if kind == "blank":
            body.append([(s, s, None)])
        elif kind == "margin":
            margin.append(_trimmed(text, s, end))
        elif kind == "body":
            body.extend(_cells(text, s, end))
        elif kind == "split":
            gap = next(m for m in re.finditer(r" {2,}", content) if column - 2 <= m.end() <= column + 2)
            margin.append(_trimmed(text, s, s + gap.start()))
            body.extend(_cells(text, s + gap.end(), end))
    # A blank record keeps the margin a paragraph of its own.
    return [r for r in margin if r] + [[(lines[0][0], lines[0][0], None)]] + [r for r in body if r]


def _cells(text: str, start: int, end: int) -> list[Record]:
    """Cells of a body line: a gap of ten spaces or more separates columns (the @ctes stamp)."""
    out = []
    pos = start
    for m in _WIDE_GAP.finditer(text, start, end):
        out.append(_trimmed(text, pos, m.start()))
        pos = m.end()
    out.append(_trimmed(text, pos, end))
    return [r for r in out if r]


def _trimmed(text: str, start: int, end: int) -> Record:
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return [(start, end, None)] if end > start else []
