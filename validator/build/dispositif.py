"""The grounds and the decision: visas, articles, and the sums of money the act states."""

from __future__ import annotations

import re

from ..french import find_amounts
from ..model import Amount, Article, Visa
from ..parse.parsing import Section
from .buildcontext import Context, flat

_ARTICLE_LABEL = re.compile(
    r"(?i:art(?:icle|\.))[ \t\u00a0]*(?P<num>\d{1,3}|premier|unique|[IVX]{1,5}\b)(?P<suffix>[ \t]?(?:er|e|bis|ter)\b)?", re.IGNORECASE
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_BULLET = re.compile(r"^[ \t\u00a0]*[-–—•·▪●►*\ue000-\uf8ff]")
_SUBJECT = re.compile(
    r"(subvention|participation|cotisation|avance|pr[êe]t|emprunt|garantie|loyer|prix|cession|acquisition|indemnit[ée]"
    r"|redevance|fonds\s+de\s+concours|dotation|aide|contribution|tarif|co[ûu]t|enveloppe)",
    re.IGNORECASE,
)


# The end of a visa's sentence inside its line: "; " or ". " before a capital, ", - " before
# the dispositif's first item, ", " before a heading in capitals ("EXPOSÉ DES MOTIFS").
_VISA_END = re.compile(r"(?<=\w\w)[ \t\u00a0]*(?:[;.][ \t\u00a0]++(?=[A-ZÀ-Ý])|,[ \t\u00a0]*+[-–][ \t\u00a0]++(?=[A-ZÀ-Ý])|,[ \t\u00a0]++(?=[A-ZÀ-ÖØ-Þ]{2,}[ \t\u00a0]+[A-ZÀ-ÖØ-Þ]{2,}))")


def visas(ctx: Context, s: Section) -> list[Visa]:
    return [visa(ctx, a, b) for a, b in visa_ranges(ctx, s)]


def visa(ctx: Context, start: int, end: int) -> Visa:
    return Visa(flat(ctx.view.text, start, end), ctx.span(start, end))


def visa_ranges(ctx: Context, s: Section) -> list[tuple[int, int]]:
    """The visas of a visa section, as ranges of the view (one visa may run over several lines)."""
    text = ctx.view.text
    items: list[tuple[int, int]] = []
    pos = s.head_start
    head_only = re.fullmatch(r"[\s\W]*V[uU][\s:,]*", text[s.head_start : s.head_end]) is not None
    for i, line in enumerate(text[s.head_start : s.end].split("\n")):
        ls, le = pos, pos + len(line.rstrip())
        pos += len(line) + 1
        if not line.strip() or (i == 0 and head_only):
            continue
        end = _VISA_END.search(text, ls, le)
        if end is not None and (i == 0 or _BULLET.match(line) or not items):
            # "Vu l'avis du Bureau du 13 février 2023, - DESIGNE ...": on a line that runs on (a
            # text whose breaks were lost), the visa ends with its sentence; the rest is the decision.
            items.append((ls, end.start()))
            break
        if i == 0 or _BULLET.match(line) or not items:
            items.append((ls, le))
            continue
        prev = text[items[-1][0] : items[-1][1]].rstrip()
        if prev.endswith((";", ".")) and not line.lstrip()[:1].islower():
            break  # prose after the last visa
        items[-1] = (items[-1][0], le)
    return items


def article(ctx: Context, s: Section) -> Article:
    text = ctx.view.text
    m, label_start, label_end = _label(text, s)
    number: int | None = None
    unique = False
    if m:
        num = m.group("num").lower()
        if num == "unique":
            unique = True
        elif num == "premier":
            number = 1
        elif num.isdigit():
            number = int(num)
        else:
            number = _roman(num.upper())
    body_start = label_end
    return Article(
        number=number,
        label=" ".join(text[label_start:label_end].split()),
        span=ctx.span(s.head_start, s.end),
        label_span=ctx.span(label_start, label_end),
        body=flat(text, body_start, s.end).lstrip(":.-–— "),
        body_span=ctx.span(body_start, s.end) if s.end > body_start else None,
        unique=unique,
    )


def article_text_range(ctx: Context, s: Section) -> tuple[int, int]:
    """Where an article's text is in the view: after its label, or the whole article when the label closes it."""
    _, _, label_end = _label(ctx.view.text, s)
    return (label_end, s.end) if s.end > label_end else (s.head_start, s.end)


def _label(text: str, s: Section) -> tuple[re.Match[str] | None, int, int]:
    """An article's label ("Article 1er", "ART. 2", "Article unique") and where it is."""
    m = _ARTICLE_LABEL.search(text[s.head_start : s.head_end])
    return (m, s.head_start + m.start(), s.head_start + m.end()) if m else (None, s.head_start, s.head_end)


def _roman(text: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(text):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def amounts(ctx: Context, start: int, end: int, dispo_start: int | None, dispo_end: int | None) -> list[Amount]:
    text = ctx.view.text
    out = []
    for a in find_amounts(text, start, end):
        window = text[max(start, a.start - 80) : a.start]
        subjects = _SUBJECT.findall(window)
        out.append(
            Amount(
                value=a.value,
                text=text[a.start : a.end],
                span=ctx.span(a.start, a.end),
                words_value=a.words_value,
                words_text=text[a.words_start : a.words_end] if a.words_start is not None else None,
                words_span=ctx.span(a.words_start, a.words_end) if a.words_start is not None and a.words_end is not None else None,
                in_dispositif=dispo_start is not None and dispo_end is not None and dispo_start <= a.start < dispo_end,
                subject=subjects[-1].lower() if subjects else None,
            )
        )
    return out


