"""Rule reference-number: the act's numbers agree with its session, its organ and each other."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from validator.diagnostics import Severity
from validator.document import Span
from validator.model import Deliberation, FileModel, Organ, Reference
from validator.names import fold
from validator.rule import Context, Finding, Rule

# Aix-Marseille-Provence: "EMP 004-6064/19/BM" (object) and "MET 19/11402/BM" (register).
_AMP = (
    re.compile(r"^[A-Z]{2,4}\s*\d{2,3}\s*-\s*\d+\s*/\s*(?P<yy>\d{2})\s*/\s*(?P<body>BM|CM)\b"),
    re.compile(r"^MET\s*(?P<yy>\d{2})\s*/\s*\d+\s*/\s*(?P<body>BM|CM)\b"),
)
# Other forms: a four-digit year first, after at most a short prefix, then a number
# ("2011-02-001", "DE_2015_025", "2014 / 131", "CP-2023-11-087", "B-2022-063").
_YEAR_FIRST = re.compile(r"^(?:[A-Z]{1,5}\s?[ _-]\s?)?(?P<year>(?:19[89]|20[0-4])\d)\s?[-_/.]\s?\d")
# Or last: "181/2022", "PACU/17-2023", "N°002/2023", "01/04-2023".
_YEAR_LAST = re.compile(r"^(?:[A-Z]{1,5}\s?[ _/-]?\s?)?\d{1,4}\s?[-_/.]\s?(?:\d{1,2}\s?[-_/.]\s?)?(?P<year>(?:19[89]|20[0-4])\d)$")
_SUFFIX_ORGAN = {"BM": Organ.BUREAU, "CM": Organ.CONSEIL}
_ORGAN_WORD = {Organ.BUREAU: "bureau", Organ.CONSEIL: "conseil"}
# "Le Bureau de la Métropole, Vu ...", "soumet au Conseil", "a proposé au Bureau": who deliberates.
_DELIBERATING = re.compile(
    r"(?:(?:propos[ée]|soumet|soumis)\s+au|^[ \t•]*(?:le|la))\s+(?P<organ>bureau|conseil)\s+(?:de\s+la\s+m[ée]tropole|m[ée]tropolitain|communautaire|de\s+la\s+communaut[ée])",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class _Parts:
    """What a reference says: its two-digit year and body suffix (AMP), or its four-digit year."""

    ref: Reference
    year: int | None = None  # four digits
    yy: int | None = None
    yy_span: Span | None = None
    body: str | None = None
    body_span: Span | None = None
    year_span: Span | None = None


class ReferenceNumber(Rule):
    """Le numéro de l'acte concorde avec l'année de la séance, l'organe qui délibère et l'autre numéro de l'acte.

    Pour les numéros de la Métropole Aix-Marseille-Provence (« EMP 004-6064/19/BM » et
    « MET 19/11402/BM ») : l'année sur deux chiffres est celle de la séance (`warning` ; `info`
    pour une séance de janvier numérotée de l'année précédente, dossier préparé en décembre) ; le
    suffixe désigne l'organe qui délibère, BM le Bureau, CM le Conseil (`warning`) ; les deux
    numéros d'un même acte portent la même année et le même suffixe (`error`). Pour les autres
    formes dont l'année vient en tête (« 2011-02-001 », « DE_2015_025 », « 2014 / 131 »,
    « CP-2023-11-087 ») ou à la fin (« 181/2022 », « PACU/17-2023 ») : l'année est celle de la séance, avec la même tolérance pour janvier. Un
    même numéro donné à deux actes d'objets différents dans un fichier est un `warning`. Rien
    n'est comparé quand la date de la séance ou l'organe sont inconnus.

    Base légale : les délibérations reçoivent un numéro d'ordre dans la séance (CGCT, art. R2121-9) ;
    le numéro identifie l'acte (identifiant DELIB_ID du schéma SCDL « Délibérations »). Formes et
    contrôles : catalogue du projet, § 9 (REF-01, REF-02).

    Exemple conforme ::

        Séance du Bureau de la Métropole du 27 juin 2019
        EMP 004-6064/19/BM
        Attribution d'une subvention à l'association Cité des Métiers
        MET 19/11402/BM
        Le Bureau de la Métropole,
        Vu le Code général des collectivités territoriales ;
        Délibère
        Article 1 : Une subvention est attribuée.

    Exemple non conforme ::

        Séance du Bureau de la Métropole du 27 juin 2019
        EMP 004-6064/18/BM
        Attribution d'une subvention à l'association Cité des Métiers
        MET 19/11402/CM
        Le Bureau de la Métropole,
        Vu le Code général des collectivités territoriales ;
        Délibère
        Article 1 : Une subvention est attribuée.
    """

    name = "reference-number"
    severity = Severity.WARNING
    cases = {
        "year": Severity.WARNING,
        "year-january": Severity.INFO,
        "organ": Severity.WARNING,
        "refs-disagree": Severity.ERROR,
        "duplicate": Severity.WARNING,
    }
    _numbers: tuple[FileModel, dict[str, list[Deliberation]]] | None = None

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        parts = [_parts(ref, ctx.text(ref.span)) for ref in delib.references]
        amp = [p for p in parts if p.yy is not None]
        session = delib.session.date
        expected = {"yy": session.year % 100 if session else None, "body": _suffix_of(delib.body.organ)}
        disagree = set()
        for field in ("yy", "body"):
            values = {getattr(p, field) for p in amp}
            if len(values) < 2:
                continue
            disagree.add(field)
            # The odd one out is the number that disagrees with the session (or the organ), else the later one.
            right = [p for p in amp if getattr(p, field) == expected[field]]
            reference = right[0] if right else amp[0]
            for p in amp:
                if getattr(p, field) != getattr(reference, field):
                    yield _disagreement(field, p, reference)
        for p in parts:
            if "yy" not in disagree:
                yield from _year(delib, p)
            if "body" not in disagree:
                yield from _organ(delib, p, ctx)
        # One rule object checks one file: the index of its numbers is built once, not once per act.
        if self._numbers is None or self._numbers[0] is not ctx.model:
            self._numbers = (ctx.model, _numbered(ctx.model))
        yield from _duplicate(delib, ctx, self._numbers[1])


def _disagreement(field: str, p: _Parts, reference: _Parts) -> Finding:
    if field == "yy":
        what, span = f"l'année {p.yy:02d} du numéro {p.ref.text} diffère de celle", p.yy_span
        value = f"{reference.yy:02d}"
    else:
        what, span = f"le suffixe /{p.body} du numéro {p.ref.text} diffère de celui", p.body_span
        value = f"/{reference.body}"
    return Finding(span or p.ref.span, f"{what} du numéro {reference.ref.text} ({value}) du même acte", "refs-disagree")


def _suffix_of(organ: Organ) -> str | None:
    return next((suffix for suffix, o in _SUFFIX_ORGAN.items() if o is organ), None)


def _parts(ref: Reference, raw: str) -> _Parts:
    base = ref.span.start
    for rx in _AMP:
        m = rx.search(raw)
        if m:
            return _Parts(
                ref,
                yy=int(m.group("yy")),
                yy_span=Span(base + m.start("yy"), base + m.end("yy")),
                body=m.group("body"),
                body_span=Span(base + m.start("body"), base + m.end("body")),
            )
    m = _YEAR_FIRST.search(raw) or _YEAR_LAST.search(raw.strip())
    if m:
        return _Parts(ref, year=int(m.group("year")), year_span=Span(base + m.start("year"), base + m.end("year")))
    return _Parts(ref)


def _year(delib: Deliberation, p: _Parts) -> Iterator[Finding]:
    session = delib.session.date
    if session is None:
        return
    if p.yy is not None and p.yy_span is not None:
        written, expected, span = p.yy, session.year % 100, p.yy_span
        previous = (session.year - 1) % 100
    elif p.year is not None and p.year_span is not None:
        written, expected, span = p.year, session.year, p.year_span
        previous = session.year - 1
    else:
        return
    if written == expected:
        return
    january = session.month == 1 and written == previous
    message = f"le numéro {p.ref.text} porte l'année {written:02d}, la séance est de {session.year}"
    if january:
        message += " (séance de janvier : dossier peut-être préparé l'année précédente)"
    yield Finding(span, message, "year-january" if january else "year")


def _organ(delib: Deliberation, p: _Parts, ctx: Context) -> Iterator[Finding]:
    organ = delib.body.organ
    if p.body is None or p.body_span is None or organ not in _ORGAN_WORD:
        return
    implied = _SUFFIX_ORGAN[p.body]
    if implied is organ:
        return
    # The text itself names the organ of the suffix as the one deliberating: the reading may be wrong.
    named = {m.group("organ").lower() for m in _DELIBERATING.finditer(ctx.document.text, delib.span.start, delib.span.end)}
    if _ORGAN_WORD[implied] in named:
        return
    yield Finding(
        p.body_span,
        f"le suffixe /{p.body} du numéro {p.ref.text} désigne le {_ORGAN_WORD[implied]}, mais l'acte est délibéré par le {_ORGAN_WORD[organ]}",
        "organ",
    )


def _duplicate(delib: Deliberation, ctx: Context, numbered: dict[str, list[Deliberation]]) -> Iterator[Finding]:
    if not delib.references or not delib.title:
        return
    title = _key(delib.title)
    for other in numbered.get(_key(delib.references[0].text), ()):
        if other is delib:
            return
        if other.title and _key(other.title) != title:
            line = ctx.document.position(other.references[0].span.start).line
            yield Finding(
                delib.references[0].span,
                f"numéro {delib.references[0].text} déjà donné à l'acte « {_short(other.title)} » (ligne {line})",
                "duplicate",
            )
            return


def _numbered(model: FileModel) -> dict[str, list[Deliberation]]:
    """The titled acts of a file by number, in order."""
    out: dict[str, list[Deliberation]] = {}
    for d in model.deliberations:
        if d.references and d.title:
            out.setdefault(_key(d.references[0].text), []).append(d)
    return out


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def _short(title: str, limit: int = 80) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"
