"""Mutation operators on the attendance: declared counts, proxies, lists, quorum.

Each operator makes one defect at a time, wherever the raw text allows it, with the harness's own
patterns (`textforms`), and says which rule must report it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .mutant import PER_DOCUMENT, Change, Context, excerpt, operator, replace, replace_many
from .people import ABSENT_LABEL, CIVILITY, PRESENT_LABEL, PROXY_LABEL, PROXY_WORDS, NameAt, labelled_lists, name_at, surname_key
from .textforms import counts, spread

# "a donné pouvoir à", "(pouvoir à", "procuration à", "représentée par", "donne procuration à"...
HOLDER = re.compile(
    r"(?:\b(?:a|ont|avait|avaient|ayant|qui\s+a)\s+donn[ée]e?s?\s+|\bdonnent?\s+)?"
    r"\b(?:pouvoirs?|procurations?)(?:\s+(?:écrit|de\s+vote|de\s+voter\s+en\s+(?:son|leur)\s+nom))?\s+(?:à|a|au\s+profit\s+de)\s+"
    r"|\brepr[ée]sent[ée]e?\s+par\s+",
    re.I,
)


_ENTRY_END = re.compile(r"[,;\n]|\s[-–]\s|\b(?:M\.|Mme|Monsieur|Madame)\s")


def proxy_holders(text: str) -> list[NameAt]:
    """The holder of every proxy written with a connector, in order."""
    holders = []
    for m in HOLDER.finditer(text):
        name = name_at(text, m.end())
        if name:
            holders.append(name)
    return holders


_TIMED = re.compile(r"[àa]\s+partir|jusqu|arriv|quitt|d[ée]part|\d\s*h\b|\d\s*heures?|points?\s+\d|d[ée]lib[ée]rations?\s", re.I)


def _person(text: str, name: NameAt) -> bool:
    written = text[name.start:name.end]
    return bool(CIVILITY.match(written)) or len(written.split()) >= 2


def _entry_rest(text: str, name: NameAt) -> str:
    """What follows a listed name up to the next entry (its notes)."""
    end = _ENTRY_END.search(text, name.end, min(len(text), name.end + 120))
    stop = end.start() if end else min(len(text), name.end + 120)
    close = text.find(")", name.end, min(len(text), name.end + 200))
    return text[name.end:max(stop, close + 1 if text[name.end:stop].count("(") else stop)]


def _without_proxy(text: str, name: NameAt) -> bool:
    """A listed absent who gave no proxy: nothing about a proxy in the rest of his entry."""
    end = _ENTRY_END.search(text, name.end, min(len(text), name.end + 80))
    return not PROXY_WORDS.search(text, name.end, end.start() if end else min(len(text), name.end + 80))


def _shifted(span: tuple[int, int], at: int, delta: int) -> tuple[int, int]:
    """A span of the original text in the mutant's offsets, after `delta` characters changed at `at`."""
    return span if span[0] < at else (span[0] + delta, span[1] + delta)


@operator("attendance-count")
def declared_count(text: str, ctx: Context) -> Iterator[Change]:
    """A declared count (présents, votants, représentés, absents) raised by one.

    Made only where the act lists the members that count counts (or, for votants, the présents),
    so a careful reader could see the difference: "Présents : 27" followed by 27 names becomes
    "Présents : 28". Rule: attendance-count.
    """
    has = {
        "present": bool(labelled_lists(text, PRESENT_LABEL)),
        "absent": bool(labelled_lists(text, ABSENT_LABEL)),
        "represented": bool(proxy_holders(text) or labelled_lists(text, PROXY_LABEL)),
    }
    has["voting"] = has["present"]
    sites = [c for c in counts(text) if c.kind in has and has[c.kind]]
    for i in spread(sites, PER_DOCUMENT):
        c = sites[i]
        mutant, site = replace(text, c.start, c.end, str(c.value + 1))
        yield Change(mutant, (site,), f"{c.kind} {c.value} -> {c.value + 1} : {excerpt(text, c.start, c.end)}")


@operator("proxy-holder-absent")
def proxy_holder_absent(text: str, ctx: Context) -> Iterator[Change]:
    """The holder of a proxy replaced by a member the act lists as absent (without a proxy of his own).

    "Mme X (pouvoir à M. DURAND)" with "Absents : M. MARTIN" becomes "(pouvoir à M. MARTIN)": an
    absent member cannot vote for another. Rule: proxy-holder-absent.
    """
    absents = [n for lst in labelled_lists(text, ABSENT_LABEL) for n in lst.names if _without_proxy(text, n)]
    holders = proxy_holders(text)
    if not absents or not holders:
        return
    absent = absents[0]
    written = text[absent.start:absent.end]
    holders = [h for h in holders if surname_key(h.surname) != surname_key(absent.surname)]
    for i in spread(holders, PER_DOCUMENT):
        h = holders[i]
        mutant, site = replace(text, h.start, h.end, written)
        listed = _shifted((absent.start, absent.end), h.start, len(written) - (h.end - h.start))
        yield Change(mutant, (site, listed), f"{text[h.start:h.end]} -> {written} : {excerpt(text, h.start, h.end)}")


@operator("proxy-multiple")
def proxy_multiple(text: str, ctx: Context) -> Iterator[Change]:
    """One member made to hold one proxy too many: the holder of one proxy written for another's.

    Outside the COVID-19 derogation a second proxy is enough ("pouvoir à B", "pouvoir à C" become
    "pouvoir à B" twice); inside it (or when the date is unknown), a third. Rule: proxy-multiple.
    """
    holders = proxy_holders(text)
    extra = 2 if ctx.covid else 1
    made = 0
    for first in range(len(holders) - extra):
        if made >= PER_DOCUMENT:
            return
        keeper = holders[first]
        others = [h for h in holders[first + 1:] if surname_key(h.surname) != surname_key(keeper.surname)][:extra]
        if len(others) < extra:
            continue
        written = text[keeper.start:keeper.end]
        mutant, sites = replace_many(text, [(h.start, h.end, written) for h in others])
        made += 1
        yield Change(mutant, ((keeper.start, keeper.end), *sites), f"{', '.join(text[h.start:h.end] for h in others)} -> {written}")


@operator("member-in-two-lists")
def present_and_absent(text: str, ctx: Context) -> Iterator[Change]:
    """A member listed present added to the absents, and an absent added to the présents.

    "Présents : A, B" and "Absents : C" become "Absents : A, C" (and "Présents : C, A, B"). Rule:
    member-in-two-lists.
    """
    presents = labelled_lists(text, PRESENT_LABEL)
    # A person: a civility, or a given name with the surname ("AVENSAN" alone may be a commune).
    people = [n for n in presents[0].names if _person(text, n)] if presents else []
    if not people:
        return
    first = people[0]
    labels = [m for m in ABSENT_LABEL.finditer(text) if not re.match(r"\s*\d", text[m.end():m.end() + 4])]
    if labels:
        at = labels[0].end()
        written = text[first.start:first.end]
        mutant, site = replace(text, at, at, f" {written},")
        yield Change(mutant, (site, _shifted((first.start, first.end), at, len(written) + 2)), f"{written} ajouté aux absents : {excerpt(text, at, at)}")
    # An absent whose entry bounds his absence in time ("jusqu'à 11 h", "à partir du point 6") may
    # rightly be listed present too: the defect is made with one who has no such note.
    absents = [n for lst in labelled_lists(text, ABSENT_LABEL) for n in lst.names if _person(text, n) and not _TIMED.search(_entry_rest(text, n))]
    if absents:
        written = text[absents[0].start:absents[0].end]
        mutant, site = replace(text, first.start, first.start, f"{written}, ")
        yield Change(mutant, (site, _shifted((absents[0].start, absents[0].end), first.start, len(written) + 2)), f"{written} ajouté aux présents : {excerpt(text, first.start, first.start)}")


@operator("quorum")
def quorum_broken(text: str, ctx: Context) -> Iterator[Change]:
    """The présents lowered to half the members in office (a third in the COVID-19 derogation).

    "en exercice : 36 ... Présents : 26" with 26 names becomes "Présents : 18" with the list cut to
    match (the last names removed). Rule: quorum.
    """
    found = counts(text)
    office = next((c for c in found if c.kind == "in_office"), None)
    present = next((c for c in found if c.kind == "present"), None)
    if office is None or present is None or office.value < 3 or present.value * 2 <= office.value:
        return
    target = (office.value - 1) // 3 if ctx.covid else office.value // 2
    drop = present.value - target
    edits = [(present.start, present.end, str(target))]
    lists = labelled_lists(text, PRESENT_LABEL)
    if lists:
        names = lists[0].names
        if len(names) <= drop:
            return
        keep = names[len(names) - drop - 1]
        edits.append((keep.end, names[-1].end, ""))
    mutant, sites = replace_many(text, edits)
    yield Change(mutant, sites, f"présents {present.value} -> {target} sur {office.value} en exercice, {drop} nom(s) retiré(s)")


OPERATORS = [declared_count, proxy_holder_absent, proxy_multiple, present_and_absent, quorum_broken]
