"""What a number says: the year it carries, its order number and, in Aix-Marseille-Provence
numbers, its organ; read by the small grammar `grammar/refnum.lark` on the number alone.

The grammar gives a number's parts: a prefix of letters, groups of figures and what joins them,
a suffix of letters after a slash. What a group means depends on its place. An act's own number,
read whole ("Délibération n° 2022-041"):

- "EMP 004-6064/19/BM" (the number of the object) and "MET 19/11402/BM" (of the register): a
  two-digit year, then the organ that deliberates, BM the Bureau, CM the Conseil;
- a four-digit year first, after at most a short prefix ("2011-02-001", "DE_2015_025",
  "2014 / 131", "CP-2023-11-087", "B-2022-063"), or last ("181/2022", "PACU/17-2023",
  "N°002/2023", "01/04-2023");
- else a bare order number ("12", "D 12").

And a number cited inside a sentence, as a visa cites the deliberation it rests on ("Vu la
délibération FAG 21-5718/19/CM du ...", "Vu la délibération n° 2020-045 du ..."): a number of
the text (`REF_ID`), the suffixed forms first ("21-5718/19/CM", "19/11402/BM", the organ codes
of other bodies too: CP, CC, CR, CD), else a four-digit year first after "n°" ("n° 2020-045",
"n° DE_2016_021", "n° 2019/12").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lark import Token, Transformer
from lark.exceptions import LarkError

from ..model import Reference
from ..parse import grammartables
from ..read.terms import term
from .buildcontext import Context

GRAMMAR_FILE = "refnum.lark"
TABLES_FILE = grammartables.tables_file(GRAMMAR_FILE)
_OWN_ORGANS = frozenset({"BM", "CM"})
_CITED_ORGANS = _OWN_ORGANS | {"CP", "CC", "CR", "CD"}
# The separators that join the parts of a number (a blank alone is not one).
_JOINS = frozenset("-_/.")


@dataclass(frozen=True, slots=True)
class _Part:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Suffix:
    part: _Part


@dataclass(frozen=True, slots=True)
class Parts:
    """A number's parts, offsets in the text given to the parser: the prefix, each group of
    figures with the separator before it ("" for the first, or a blank), the suffix."""

    prefix: _Part | None
    prefix_joint: str
    groups: tuple[tuple[str, _Part], ...]
    suffix: _Part | None


def _part(token: Token) -> _Part:
    return _Part(str(token), token.start_pos or 0, token.end_pos or 0)


class PartsOf(Transformer[Token, Parts]):
    """The grammar's rules as parts, as the LALR parser reduces them (no tree is built)."""

    def prefix(self, children: list[Token]) -> tuple[_Part, str]:
        return _part(children[0]), str(children[1]) if len(children) > 1 else ""

    def group(self, children: list[Token]) -> _Part:
        return _part(children[0])

    def suffix(self, children: list[Token]) -> _Suffix:
        return _Suffix(_part(children[0]))

    def start(self, children: list[object]) -> Parts:
        prefix: tuple[_Part, str] | None = None
        suffix: _Part | None = None
        groups: list[tuple[str, _Part]] = []
        joint = ""
        for child in children:
            if isinstance(child, tuple):
                prefix = child
            elif isinstance(child, Token):  # a separator between two groups
                joint = str(child)
            elif isinstance(child, _Suffix):
                suffix = child.part
            elif isinstance(child, _Part):
                groups.append((joint if groups else "", child))
                joint = " "
        return Parts(prefix[0] if prefix else None, prefix[1] if prefix else "", tuple(groups), suffix)


build_parser, parser, patterns = grammartables.readers(GRAMMAR_FILE, PartsOf)


def parts(text: str) -> Parts | None:
    """The parts of the number `text`, or None when the grammar cannot read it."""
    try:
        found: Parts = parser().parse(text)  # type: ignore[assignment]
    except LarkError:
        return None
    return found


def _year(group: _Part, short: bool, first: int = 1980, last: int = 2049) -> bool:
    if short:
        return len(group.text) == 2
    return len(group.text) == 4 and first <= int(group.text) <= last


# What each form reads, as (year group, organ), indices in the groups.
_Form = tuple[int, bool, bool]  # (index of the year, short year, organ suffix)


def _own_form(p: Parts) -> _Form | None:
    groups = [g for _, g in p.groups]
    joints = [j for j, _ in p.groups]
    prefix = p.prefix.text if p.prefix else None
    if p.suffix is not None and p.suffix.text in _OWN_ORGANS:
        # "EMP 004-6064/19/BM", "MET 19/11402/BM".
        if prefix and 2 <= len(prefix) <= 4 and len(groups) == 3 and 2 <= len(groups[0].text) <= 3 and joints[1:] == ["-", "/"] and _year(groups[2], True):
            return 2, True, True
        if prefix == "MET" and len(groups) == 2 and joints[1] == "/" and _year(groups[0], True):
            return 0, True, True
    # A four-digit year first, after at most a prefix joined by a blank, "_" or "-" ("DE_2015_025",
    # "DCM-2023/03-0145/URBA").
    if len(groups) >= 2 and _year(groups[0], False) and joints[1] in _JOINS and _joined(p, "_-"):
        return 0, False, False
    if p.suffix is not None:
        return None
    # A four-digit year last: "181/2022", "PACU/17-2023", "01/04-2023" (a middle group of two figures at most).
    middle = len(groups) != 3 or len(groups[1].text) <= 2
    if 2 <= len(groups) <= 3 and _year(groups[-1], False) and _joined(p, "_-/", bare=True) and all(j in _JOINS for j in joints[1:]) and len(groups[0].text) <= 4 and middle:
        return len(groups) - 1, False, False
    return None


def _joined(p: Parts, joints: str, bare: bool = False) -> bool:
    """No prefix, or one joined to the figures by a blank or one of `joints` (or by nothing, `bare`)."""
    if p.prefix is None:
        return True
    if p.prefix_joint:
        return p.prefix_joint in joints
    return bare or _blank_after_prefix(p)


def _blank_after_prefix(p: Parts) -> bool:
    return p.prefix is not None and bool(p.groups) and p.groups[0][1].start > p.prefix.end


def read_reference(ctx: Context, start: int, end: int) -> Reference:
    """The act's number written at view [start, end)."""
    raw = ctx.view.text[start:end]
    p = parts(raw)
    form = _own_form(p) if p is not None else None
    if p is None or form is None:
        return _bare(ctx, start, end, p)
    return _reference(ctx, start, end, start, p, form)


def _bare(ctx: Context, start: int, end: int, p: Parts | None) -> Reference:
    """A bare order number ("12", "D 12", "DEL-12"): the serial is the whole number."""
    text, span = " ".join(ctx.view.text[start:end].split()), ctx.span(start, end)
    if p is None or p.suffix is not None or len(p.groups) != 1 or len(p.groups[0][1].text) > 4 or not _joined(p, "_-", bare=True):
        return Reference(text, span)
    serial = p.groups[0][1]
    at, to = start + serial.start, start + serial.end
    return Reference(text, span, serial=int(serial.text), serial_span=ctx.span(at, to), series=_series(ctx, start, end, at, to))


def cited_number(ctx: Context, start: int, end: int) -> Reference | None:
    """The number of a deliberation cited in view [start, end), a visa for instance."""
    text = ctx.view.text
    found = [(m.start(), m.end(), parts(m.group())) for m in _ref_id().finditer(text, start, end)]
    for s, e, p in found:
        if p is not None and (form := _cited_sequence(p)) is not None and (s == start or not (text[s - 1].isalnum() or text[s - 1] == "/")):
            return _reference(ctx, s, e, s, p, form)
    for s, e, p in found:
        if p is not None and _NUMBER_LABEL.search(text, max(start, s - 6), s) and (form := _cited_year_first(p)) is not None:
            return _reference(ctx, s, e, s, p, form)
    return None


@functools.cache
def _ref_id() -> re.Pattern[str]:
    return re.compile(term("REF_ID"))


# "n°" right before the number it labels.
_NUMBER_LABEL = re.compile(r"(?i:n[°o])[ \t\u00a0]*$")


def _cited_sequence(p: Parts) -> _Form | None:
    """"21-5718/19/CM" (item-sequence/year/organ), "19/11402/BM" (year/number/organ), after at
    most a prefix of two to four letters and a blank ("FAG 21-5718/19/CM")."""
    if p.prefix is not None and (p.prefix_joint or not _blank_after_prefix(p)):
        return None
    if p.suffix is None or p.suffix.text not in _CITED_ORGANS or (p.prefix is not None and not 2 <= len(p.prefix.text) <= 4):
        return None
    groups = [g for _, g in p.groups]
    joints = [j for j, _ in p.groups]
    if len(groups) == 3 and 2 <= len(groups[0].text) <= 3 and joints[1:] == ["-", "/"] and len(groups[1].text) <= 6 and _year(groups[2], True):
        return 2, True, True
    if len(groups) == 2 and joints[1] == "/" and _year(groups[0], True) and len(groups[1].text) <= 6:
        return 0, True, True
    return None


def _cited_year_first(p: Parts) -> _Form | None:
    """"n° 2020-045", "n° DE_2016_021", "n° 2019/12": a four-digit year opens the number."""
    groups = p.groups
    if p.suffix is not None or len(groups) < 2 or not _year(groups[0][1], False, 1900, 2099) or groups[1][0] not in _JOINS or len(groups[1][1].text) > 5:
        return None
    if p.prefix is not None and (len(p.prefix.text) > 4 or not _joined(p, "_-")):
        return None
    return 0, False, False


def _reference(ctx: Context, start: int, end: int, base: int, p: Parts, form: _Form) -> Reference:
    """The number written at view [start, end), with the parts the grammar read (offsets from view `base`)."""
    text, span = " ".join(ctx.view.text[start:end].split()), ctx.span(start, end)
    at, short, organ = form
    year = p.groups[at][1]
    year_at = (base + year.start, base + year.end)
    # The serial is the last group that is not the year: "137" of "2014 / 137", "6064" of "EMP 004-6064/19/BM".
    others = [g for _, g in p.groups if (base + g.start, base + g.end) != year_at]
    serial = others[-1] if others else None
    code = p.suffix if organ else None
    return Reference(
        text,
        span,
        year=int(year.text) + (2000 if short else 0),
        year_span=ctx.span(*year_at),
        short_year=short,
        organ_code=code.text if code else None,
        organ_code_span=ctx.span(base + code.start, base + code.end) if code else None,
        serial=int(serial.text) if serial else None,
        serial_span=ctx.span(base + serial.start, base + serial.end) if serial else None,
        series=_series(ctx, start, end, base + serial.start, base + serial.end) if serial else None,
    )


def _series(ctx: Context, start: int, end: int, at: int, to: int) -> str:
    """The number with its serial marked, without blanks and in capitals: "2014/#", "DE_2015_#"."""
    return "".join(f"{ctx.view.text[start:at]}#{ctx.view.text[to:end]}".split()).upper()
