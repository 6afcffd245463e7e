"""Who decides, and under what powers: the organ an act names as deliberating, the delegation a
bureau or a commission permanente acts under, and the matters the assembly cannot delegate.

- The organ named as the one deliberating: "Le Bureau de la Métropole," opening a line, "soumet
  au Conseil de la Métropole", "a proposé au Bureau communautaire".
- The visas that cite the delegation ("Vu la délibération FAG 21-5718/19/CM du Conseil de la
  Métropole du 28 mars 2019 portant délégation de compétences au Bureau"), with the cited act's
  number, its date (the earliest the visa writes) and its author when the visa names a bureau or
  a commission permanente ("Vu la délibération n° 12 du Bureau du ..."); and where else the act
  mentions a delegation ("... dans le cadre de la délégation de compétences consentie ...").
- The matters reserved to the assembly (rules/data/excluded_matters.yaml) that the act's title
  decides ("Vote du budget primitif 2024") or names ("Décision modificative n° 2"), or that its
  dispositif decides ("Le budget primitif 2024 est adopté").

The patterns of a delegation are those of the delegation visa in rules/data/visas.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..document import Span
from ..model import CitedDelegation, Dated, Organ, OrganMention, ReservedMatter, Visa
from ..parse.parsing import Section
from ..ruledata import load
from .buildcontext import Context
from .datereader import find_dates
from .dispositif import article_text_range
from .numbering import cited_number

# Read over every act: the lookahead skips at once the characters that cannot open it.
_DELIBERATING = re.compile(
    r"(?=[psl \t•])(?:(?:propos[ée]|soum(?:et|is))\s+au|^[ \t•]*l[ea])"
    r"\s+(?P<organ>bureau|conseil)\s+(?:de\s+la\s+m[ée]tropole|m[ée]tropolitain|communautaire|de\s+la\s+communaut[ée])",
    re.IGNORECASE | re.MULTILINE,
)
# The cited act described as one of the delegate's own acts, not the assembly's.
_DELEGATE_AUTHOR = re.compile(
    r"d[ée]lib[ée]ration\s+(?:n[°o]\s*\S+\s+)?(?:du|de\s+la)\s+(?P<who>bureau|commission\s+permanente)\b", re.IGNORECASE
)
# Only the first characters of a title are read: a long "title" is a paragraph of the report.
_TITLE_LIMIT = 300


def deliberating(ctx: Context, start: int, end: int) -> tuple[OrganMention, ...]:
    """The organs the act at view [start, end) names as the one deliberating."""
    start, end = _trim(ctx.view.text, start, end)
    return tuple(
        OrganMention(Organ.BUREAU if m.group("organ").lower() == "bureau" else Organ.CONSEIL, ctx.span(m.start("organ"), m.end()))
        for m in _DELIBERATING.finditer(ctx.view.text, start, end)
    )


def delegations(ctx: Context, visas: Iterable[tuple[tuple[int, int], Visa]]) -> tuple[CitedDelegation, ...]:
    """The visas (each with its view range) that cite a delegation of powers."""
    return tuple(_delegation(ctx, a, b, visa) for (a, b), visa in visas if any(rx.search(visa.text) for rx in _delegation_patterns()))


def delegation_mention(ctx: Context, start: int, end: int) -> Span | None:
    """The first place the act at view [start, end) mentions a delegation of powers."""
    start, end = _trim(ctx.view.text, start, end)
    found = [m for rx in _delegation_patterns() if (m := rx.search(ctx.view.text, start, end))]
    first = min(found, key=lambda m: m.start(), default=None)
    return ctx.span(first.start(), first.end()) if first else None


def _delegation(ctx: Context, start: int, end: int, visa: Visa) -> CitedDelegation:
    raw = ctx.view.text[start:end]
    dates = list(find_dates(raw))
    first = min(dates, key=lambda d: d.date, default=None)
    author = _DELEGATE_AUTHOR.search(raw)
    return CitedDelegation(
        visa,
        number=cited_number(ctx, start, end),
        date=Dated(first.date, ctx.span(start + first.start, start + first.end)) if first else None,
        author=(Organ.BUREAU if author.group("who").lower() == "bureau" else Organ.COMMISSION_PERMANENTE) if author else None,
        author_span=ctx.span(start + author.start(), start + author.end()) if author else None,
    )


@functools.cache
def _delegation_patterns() -> tuple[re.Pattern[str], ...]:
    patterns: list[str] = load("visas.yaml")["requirements"]["delegation"]["patterns"]
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@dataclass(frozen=True, slots=True)
class _Matter:
    key: str
    clear: tuple[re.Pattern[str], ...]  # in the title, the matter decided
    decided: tuple[re.Pattern[str], ...]  # in the dispositif, the decision itself
    keywords: tuple[re.Pattern[str], ...]  # in the title, the matter named
    exceptions: tuple[re.Pattern[str], ...]  # in the title, what shows it is only mentioned


@functools.cache
def _matters() -> tuple[tuple[_Matter, ...], re.Pattern[str]]:
    """The matters and their patterns, compiled on the first bureau or commission permanente act:
    about eighty patterns that most runs (conseils only) never need."""
    data = load("excluded_matters.yaml")

    def compiled(row: dict[str, list[str]], key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in row.get(key, ()))

    matters = tuple(
        _Matter(row["id"], compiled(row, "clear"), compiled(row, "decided"), compiled(row, "keywords"), compiled(row, "except"))
        for row in data["matters"]
    )
    return matters, re.compile(data["not_a_decision"], re.IGNORECASE)


def reserved_matters(ctx: Context, group: list[Section], title: tuple[int, int] | None, end: int) -> tuple[ReservedMatter, ...]:
    """The reserved matters the title (at view range `title`) or the dispositif of the act made of
    `group` (ending at view `end`) touch, in the order of the data file."""
    text = ctx.view.text
    matters, not_a_decision = _matters()
    title_text = text[title[0] : title[1]][:_TITLE_LIMIT] if title else ""
    if not_a_decision.search(title_text):
        title, title_text = None, ""  # it presents, prepares or takes note: not a decision
    # The decision itself: the articles, or what follows "DÉCIDE" when the act has no articles.
    zones = [article_text_range(ctx, s) for s in group if s.kind == "article"]
    decide = next((s for s in group if s.kind == "decide"), None)
    if not zones and decide is not None:
        zones = [(decide.head_start, end)]
    out = []
    for matter in matters:
        found = _first(ctx, matter.clear, title_text, title) or _decided(ctx, matter, zones)
        decided = found is not None
        if found is None and title is not None and not any(rx.search(title_text) for rx in matter.exceptions):
            found = _first(ctx, matter.keywords, title_text, title)
        if found is not None:
            out.append(ReservedMatter(matter.key, found, decided))
    return tuple(out)


def _decided(ctx: Context, matter: _Matter, zones: list[tuple[int, int]]) -> Span | None:
    for start, end in zones:
        for rx in matter.decided:
            m = rx.search(ctx.view.text, start, end)
            if m:
                return ctx.span(m.start(), m.end())
    return None


def _first(ctx: Context, patterns: tuple[re.Pattern[str], ...], text: str, at: tuple[int, int] | None) -> Span | None:
    if at is None:
        return None
    for rx in patterns:
        m = rx.search(text)
        if m:
            return ctx.span(at[0] + m.start(), at[0] + m.end())
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the blanks around it, as the act's span is."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
