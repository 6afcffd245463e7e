"""What the builders share while reading one file: the view, and what earlier acts established."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Span
from ..model import Attendance, Body, Session
from ..read.view import View


@dataclass
class Context:
    view: View
    attendance: Attendance | None = None
    # For each list section (by its start), where its names end: prose after it is not a name.
    list_ends: dict[int, int] = field(default_factory=dict)
    session: Session | None = None
    body: Body | None = None
    # Where the text's last non-blank character ends (computed once: acts of a long
    # procès-verbal must not each rescan the whole text).
    text_end: int = field(init=False)

    def __post_init__(self) -> None:
        self.text_end = len(self.view.text.rstrip())

    def span(self, start: int, end: int) -> Span:
        return self.view.span(start, end)

    def runs_out(self, end: int) -> bool:
        """Whether the text ends at `end` in the middle of a sentence (an extract cut by its source)."""
        return end >= self.text_end and not self.view.text[:end].rstrip().endswith(_CLOSED)


# How a whole text ends; else it was cut (the flattened acts are cut at 8,000 characters).
_CLOSED = (".", "»", ")", "!", "…")




def flat(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def paragraph(ctx: Context, start: int, end: int) -> tuple[str | None, Span | None]:
    """The first paragraph (up to a blank line) of view [start, end)."""
    found = paragraph_range(ctx, start, end)
    if found is None:
        return None, None
    return flat(ctx.view.text, *found), ctx.span(*found)


def paragraph_range(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """Where the first paragraph (up to a blank line) of view [start, end) is, trimmed; None when blank."""
    text = ctx.view.text
    while start < end and text[start].isspace():
        start += 1
    m = re.search(r"\n[ \t\u00a0]*\n", text[start:end])
    stop = start + m.start() if m else end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return (start, stop) if stop > start else None
