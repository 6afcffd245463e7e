"""The texts an act cites: lois, ordonnances and décrets by number, repealed codes by name.

Citations by number, as deliberations write them: "la loi n° 2014-58 du 27 janvier 2014 de
modernisation ...", "Vu le décret n°2001-495 du 6 juin 2001", "l'ordonnance n° 2020-391 du 1er
avril 2020", "la loi organique n° ...", "le décret modifié n° ...". The kind is folded to `loi`,
`ordonnance` or `decret`, the number to "2014-58" (hyphen variants and spaces removed); the date,
when one follows ("du", "en date du", "modifiée du"), is read by `find_dates`. The kind, the number
and the lead of the date are read by the small grammar `grammar/citation.lark` (LALR, contextual
lexer, tables shipped as `grammar/citation-lalr.json`) on the text after each kind; in a visa, the title
that follows the date ("relative aux droits des citoyens ...") up to the end of the visa, the next
citation, or what follows a title ("; ", "(", ", notamment son article 10").

Repealed texts named by their name, from the `patterns` of rules/data/repealed.yaml ("le code des
marchés publics"). For both: whether the act relies on the text (a visa, "conformément à",
"en application de", "en vertu de", "sur le fondement de") and whether it names it as a former
one ("abrogé", "remplacé", "ancien", "ex-", "qui a succédé au").

And where the act says it concerns a contract or a procedure of before, which the old texts may
still govern: "avenant", "marché conclu le 4 mai 2018", "procédure engagée avant le ...", "dans sa
rédaction antérieure", "applicables aux marchés en cours", "en vigueur à la date de la conclusion".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lark import Token, Transformer
from lark.exceptions import LarkError

from ..document import Span
from ..model import Citation, RepealedMention
from ..names import fold
from ..parse import grammartables
from ..ruledata import load
from .buildcontext import Context, flat
from .cues import Cue, around, windows
from .datereader import find_dates

GRAMMAR_FILE = "citation.lark"
TABLES_FILE = grammartables.tables_file(GRAMMAR_FILE)
# A citation begins with its kind: the grammar reads the text after each.
_CITATION_CUE = Cue(("loi", "ordonnance", "décret", "decret"))
# How far a citation reaches after its kind: a few words, the number, the lead of its date.
_CITATION_REACH = 160
_DATE_REACH = 60
# "Vu ...", "conformément à ...", "en application de ...": the text relies on what it cites.
_BASIS_CUE = re.compile(
    r"(?:\bvu\b|conform[ée]ment\s+(?:à|a|aux?)|en\s+application\s+d|en\s+vertu\s+d|sur\s+le\s+fondement\s+d|pris\s+en\s+application\s+d)[^.;\n]{0,80}$",
    re.IGNORECASE,
)
_BASIS_REACH = 200
# "le code de la commande publique, qui a remplacé le code des marchés publics": history, not a visa.
_NAMED_AS_FORMER = re.compile(r"(?:abrog\w*|remplac\w*|\bex-|\banciens?|\bsuccéd\w*)\s*(?:à\s+|a\s+)?(?:le\s+|la\s+|l['’]\s*|du\s+)?$", re.IGNORECASE)
_FORMER_REACH = 40

# First words of a JO title: what follows the date is a title only when it starts like one.
_TITLE_LEADS = frozenset(["relative", "relatif", "portant", "de", "d", "pour", "tendant", "autorisant", "confortant", "pris", "approuvant"])
_TITLE_LEAD_SKIP = re.compile(r"[\s,]*(?:modifi[ée]e?[\s,]*)?", re.IGNORECASE)
# What follows a title in a visa: "..., notamment son article 10", "en son article 5".
_AFTER_TITLE = re.compile(r"[;(]|(?<!\s),?\s*(?:et\s+)?(?:notamment|en\s+particulier|en\s+son|ses?\s+articles?|l['’]\s*article|art\.)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_MODIFIED = re.compile(r"modifi[e]e?s?")

# Contracts signed, or procedures launched, under the old texts stay governed by them.
_PRIOR_CONTRACT = re.compile(
    r"\bavenant|\bconclu(?:e|s|es)?\s+(?:avant|en\s+(?:19|20)\d\d|le\s+\d)"
    r"|proc[ée]dures?\s+(?:de\s+passation\s+)?(?:engag|lanc|initi|ouvert)\w*\s+avant"
    r"|dans\s+sa\s+r[ée]daction\s+(?:ant[ée]rieure|applicable|en\s+vigueur)|applicables?\s+(?:au|aux)\s+(?:march[ée]s?|contrats?)\s+(?:en\s+cours|conclus|pass[ée]s)"
    r"|en\s+vigueur\s+(?:à|a|au\s+jour\s+de)\s+la\s+(?:date|conclusion|notification)",
    re.IGNORECASE,
)
# A word each branch above contains after a blank or a word boundary: the pattern runs only around
# them (searching the whole of every act for it cost 4 % of a batch, docs/benchmarks.md).
_PRIOR_CONTRACT_CUE = Cue(("avenant", "conclu", "avant", "rédaction", "redaction", "march", "contrat", "vigueur"))
# How far a branch runs before its word ("procédures de passation engagées avant") and after it
# ("en vigueur au jour de la notification"), with room for blank runs.
_PRIOR_BEFORE, _PRIOR_AFTER = 120, 80

# Codes are named, not numbered: "le code des marchés publics".
_NAMED_REPEALED = tuple(
    (row["label"], re.compile(p, re.IGNORECASE)) for row in load("repealed.yaml")["repealed"] for p in row.get("patterns", ())
)


@dataclass(frozen=True, slots=True)
class _Found:
    """A citation as found, in view offsets."""

    kind: str
    number: str
    start: int
    end: int
    number_start: int
    number_end: int
    date: dt.date | None = None
    date_start: int = 0
    date_end: int = 0


def read_citations(ctx: Context, start: int, end: int, visas: Sequence[tuple[int, int]]) -> tuple[Citation, ...]:
    """The citations by number in view [start, end); `visas` are the view ranges of the act's visas."""
    text = ctx.view.text
    found = list(_find(text, start, end))
    held = [(b, ctx.span(a, b)) for a, b in visas]
    out = []
    for i, f in enumerate(found):
        span = ctx.span(f.start, f.end)
        visa = _holder(held, span)
        title: tuple[int, int] | None = None
        if visa is not None and f.date is not None:
            # A title ends with its visa, or where the visa cites the next text.
            stop = min([visa[0]] + [o.start for o in found[i + 1 :] if o.start < visa[0]])
            title = _title(text, f.date_end, stop)
        out.append(
            Citation(
                kind=f.kind,
                number=f.number,
                span=span,
                number_span=ctx.span(f.number_start, f.number_end),
                date=f.date,
                date_span=ctx.span(f.date_start, f.date_end) if f.date is not None else None,
                title=flat(text, *title) if title else None,
                title_span=ctx.span(*title) if title else None,
                relied_on=_relied_on(text, start, f.start, visa is not None),
                visa=visa[1] if visa else None,
                former=_former(text, f.start),
            )
        )
    return tuple(out)


def read_repealed_mentions(ctx: Context, start: int, end: int, visas: Sequence[tuple[int, int]]) -> tuple[RepealedMention, ...]:
    """The repealed texts named by their name in view [start, end), in order."""
    text = ctx.view.text
    held = [(b, ctx.span(a, b)) for a, b in visas]
    out = []
    for label, rx in _NAMED_REPEALED:
        for m in rx.finditer(text, start, end):
            span = ctx.span(m.start(), m.end())
            visa = _holder(held, span)
            out.append(RepealedMention(label, span, _relied_on(text, start, m.start(), visa is not None), visa[1] if visa else None, _former(text, m.start())))
    return tuple(sorted(out, key=lambda mention: mention.span.start))


def read_prior_contract(ctx: Context, start: int, end: int) -> Span | None:
    """Where view [start, end) first says it concerns a contract or a procedure of before."""
    m = next(around(_PRIOR_CONTRACT, _PRIOR_CONTRACT_CUE, ctx.view.text, start, end, before=_PRIOR_BEFORE, after=_PRIOR_AFTER), None)
    return ctx.span(m.start(), m.end()) if m else None


@dataclass(frozen=True, slots=True)
class _Head:
    """A citation as the grammar reads it, in offsets of the text it was given: up to its number,
    and where the lead of its date ends when one follows ("du", "en date du")."""

    kind: str
    number: str
    start: int
    number_start: int
    number_end: int
    lead_end: int | None


class CitationsOf(Transformer[Token, list[_Head]]):
    """The grammar's citations, as the LALR parser reduces them (no tree is built)."""

    def lead(self, children: list[Token]) -> Token:
        return children[-1]

    def citation(self, children: list[Token]) -> _Head:
        kind, number = children[0], next(c for c in children if c.type == "NUMBER")
        lead = next((c for c in children if c.type == "DU"), None)
        return _Head(
            fold(str(kind)), "-".join(re.findall(r"\d+", str(number))), kind.start_pos or 0,
            number.start_pos or 0, number.end_pos or 0, lead.end_pos if lead is not None else None,
        )  # fmt: skip

    def start(self, children: list[object]) -> list[_Head]:
        return [c for c in children if isinstance(c, _Head)]


build_parser, parser, patterns = grammartables.readers(GRAMMAR_FILE, CitationsOf)


def _heads(text: str, start: int, end: int) -> Iterator[_Head]:
    """The citations the grammar reads in view [start, end), in view offsets."""
    for w_start, w_end in windows(_CITATION_CUE, text, start, end, 0, _CITATION_REACH):
        while w_end < end and not text[w_end].isspace():
            w_end += 1  # whole words only
        try:
            found: list[_Head] = parser().parse(text[w_start:w_end])  # type: ignore[assignment]
        except LarkError:  # the grammar accepts every text: a safety net
            continue
        for h in found:
            lead = None if h.lead_end is None else h.lead_end + w_start
            yield _Head(h.kind, h.number, h.start + w_start, h.number_start + w_start, h.number_end + w_start, lead)


def _find(text: str, start: int, end: int) -> Iterator[_Found]:
    for head in _heads(text, start, end):
        kind, number = head.kind, head.number
        lead = head.lead_end
        if lead is not None:
            while lead < end and text[lead].isspace():
                lead += 1  # "du" and the blanks after it
        date = next(find_dates(text, lead, min(end, lead + _DATE_REACH)), None) if lead is not None else None
        # The date of the text is the one right after "du"; a weekday makes it a date of something else.
        if date is not None and date.start == lead and date.weekday is None:
            yield _Found(kind, number, head.start, date.end, head.number_start, head.number_end, date.date, date.start, date.end)
        else:
            yield _Found(kind, number, head.start, head.number_end, head.number_start, head.number_end)


def _holder(held: list[tuple[int, Span]], span: Span) -> tuple[int, Span] | None:
    """The visa (its view end and its span) that holds `span`: compared on the original text."""
    for visa in held:
        if visa[1].start <= span.start < visa[1].end:
            return visa
    return None


def _relied_on(text: str, act_start: int, at: int, in_visa: bool) -> bool:
    return in_visa or _BASIS_CUE.search(text, max(act_start, at - _BASIS_REACH), at) is not None


def _former(text: str, at: int) -> bool:
    return _NAMED_AS_FORMER.search(text, max(0, at - _FORMER_REACH), at) is not None


def _title(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The view range of the title written in [start, stop), when it starts like a JO title."""
    lead = _TITLE_LEAD_SKIP.match(text, start, stop)
    start = lead.end() if lead else start
    cut = _AFTER_TITLE.search(text, start, stop)
    end = cut.start() if cut else stop
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.:"):
        end -= 1
    # Its first word, accent-free and lower-case, "modifiée" left out, as the JO titles are compared.
    folded = fold(text[start:end]).replace("œ", "oe").replace("æ", "ae")
    first = next((w.group() for w in _WORD.finditer(folded) if not _MODIFIED.fullmatch(w.group())), None)
    return (start, end) if first in _TITLE_LEADS else None
