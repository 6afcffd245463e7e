"""Citations of lois, ordonnances and décrets as deliberations write them, shared by the citation rules.

"la loi n° 2014-58 du 27 janvier 2014 de modernisation ...", "Vu le décret n°2001-495 du 6 juin 2001",
"l'ordonnance n° 2020-391 du 1er avril 2020", "la loi organique n° ...", "le décret modifié n° ...".
The kind is folded to `loi`, `ordonnance` or `decret`, the number to "2014-58" (hyphen variants and
spaces removed); the date, when one follows ("du", "en date du"), is read by `find_dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from validator.cues import Cue, around
from validator.document import Span
from validator.french import find_dates
from validator.model import Deliberation
from validator.names import fold

# A few words may stand between the kind and the number: "loi organique", "décret en Conseil d'État".
CITATION_RE = re.compile(
    r"\b(?P<kind>loi|ordonnance|d[ée]cret)(?:\s+(?!(?:du|et|au|aux|ou|dont|par|n)\b)[^\s\d,;.()°º]+){0,3}?"
    r"\s*,?\s*(?:n\s*[°º]|no\b\.?|num[ée]ro)\s*:?\s*(?P<num>\d{2,4})\s?[-‐‑–]\s?(?P<seq>\d{1,5})(?![\d/])",
    re.IGNORECASE,
)
_CITATION_CUE = Cue(("loi", "ordonnance", "décret", "decret"))
# No two blank runs side by side: each blank is read once (adjacent `\s*` backtrack in pairs).
_DATE_LEAD = re.compile(r"\s*(?:,\s*)?(?:modifi[ée]e?\s*(?:,\s*)?)?(?:en\s+date\s+)?du\s+", re.IGNORECASE)
# "Vu ...", "conformément à ...", "en application de ...": the text relies on what it cites.
_BASIS_CUE = re.compile(
    r"(?:\bvu\b|conform[ée]ment\s+(?:à|a|aux?)|en\s+application\s+d|en\s+vertu\s+d|sur\s+le\s+fondement\s+d|pris\s+en\s+application\s+d)[^.;\n]{0,80}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Citation:
    kind: str  # "loi" | "ordonnance" | "decret"
    number: str  # "2014-58"
    span: Span  # from the kind to the end of the date (or of the number)
    number_span: Span
    date: dt.date | None = None
    date_span: Span | None = None


def find_citations(text: str, start: int, end: int) -> Iterator[Citation]:
    """Yield the citations of lois, ordonnances and décrets in text[start:end]."""
    for m in around(CITATION_RE, _CITATION_CUE, text, start, end, before=0, after=160):
        kind = fold(m.group("kind"))
        number = f"{m.group('num')}-{m.group('seq')}"
        number_span = Span(m.start("num"), m.end("seq"))
        lead = _DATE_LEAD.match(text, m.end(), end)
        found = next(find_dates(text, lead.end(), min(end, lead.end() + 60)), None) if lead else None
        if lead and found is not None and found.start == lead.end() and found.weekday is None:
            yield Citation(kind, number, Span(m.start(), found.end), number_span, found.date, Span(found.start, found.end))
        else:
            yield Citation(kind, number, Span(m.start(), m.end()), number_span)


def relied_on(text: str, span: Span, delib: Deliberation) -> bool:
    """The text cited at `span` is a visa, or prose grounds the act on it ("conformément à la loi ...")."""
    if in_visa(span, delib) is not None:
        return True
    return bool(_BASIS_CUE.search(text, max(delib.span.start, span.start - 200), span.start))


def in_visa(span: Span, delib: Deliberation) -> Span | None:
    """The span of the visa that holds `span`, if any."""
    for visa in delib.visas:
        if visa.span.start <= span.start < visa.span.end:
            return visa.span
    return None


def words(text: str) -> list[str]:
    """Accent-free, lower-case words of a title; "modifié(e)" is left out, as in the JO style."""
    folded = fold(text).replace("œ", "oe").replace("æ", "ae")
    return [w for w in re.findall(r"[a-z0-9]+", folded) if not re.fullmatch(r"modifi[e]e?s?", w)]
