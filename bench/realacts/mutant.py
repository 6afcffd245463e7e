"""What every mutation operator returns, and the helpers they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

# At most this many mutants of one operator per document, spread over its sites: a procès-verbal
# of eighty acts must not outweigh eighty single acts.
PER_DOCUMENT = 3
COVID_START, COVID_END = dt.date(2020, 3, 24), dt.date(2022, 7, 31)


@dataclass(frozen=True)
class Context:
    """What an operator may know of the act besides its text: the séance's date, when known."""

    session: dt.date | None

    @property
    def covid(self) -> bool:
        """Inside the COVID-19 derogation (two proxies per member, quorum one third), or unknown."""
        return self.session is None or COVID_START <= self.session <= COVID_END


@dataclass(frozen=True)
class Change:
    """One defect made in a text: the new text, where it changed, and what was done."""

    text: str
    sites: tuple[tuple[int, int], ...]  # offsets of what changed, in the new text
    what: str  # the change, for the list of missed mutants


@dataclass(frozen=True)
class Mutant:
    family: str  # the operator's name
    rule: str  # the rule that must report it
    text: str
    sites: tuple[tuple[int, int], ...]
    what: str


Operator = Callable[[str, Context], Iterator[Change]]
F = TypeVar("F", bound=Operator)


def operator(rule: str) -> Callable[[F], F]:
    """Declare a mutation operator and the rule that must report the defects it makes."""

    def mark(fn: F) -> F:
        fn.rule = rule  # type: ignore[attr-defined]
        return fn

    return mark


def replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    """`text` with [start, end) replaced, and the span of the replacement in the result."""
    return text[:start] + new + text[end:], (start, start + len(new))


def replace_many(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Several non-overlapping replacements at once; spans given in the result's offsets."""
    out, sites, last, shift = [], [], 0, 0
    for start, end, new in sorted(edits):
        out.append(text[last:start])
        out.append(new)
        sites.append((start + shift, start + shift + len(new)))
        shift += len(new) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), tuple(sites)


def bump_digit(figures: str) -> str:
    """The same figures with their first digit changed (9 becomes 8, any other grows by one)."""
    for i, ch in enumerate(figures):
        if ch.isdigit():
            new = "8" if ch == "9" else str(int(ch) + 1)
            return figures[:i] + new + figures[i + 1:]
    return figures


def excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    """The changed place with a little context, on one line."""
    return " ".join(text[max(0, start - width):end + width].split())
