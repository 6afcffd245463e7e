"""Rule reference-number: the act's numbers agree with its session, its organ and each other."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation, FileModel, Organ, Reference
from validator.names import fold
from validator.rule import Context, Finding, Rule

# Aix-Marseille-Provence numbers close on the organ that deliberates: "/BM" the bureau, "/CM" the conseil.
_CODE_ORGAN = {"BM": Organ.BUREAU, "CM": Organ.CONSEIL}
_ORGAN_WORD = {Organ.BUREAU: "bureau", Organ.CONSEIL: "conseil"}


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
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Corriger le numéro de l'acte dans le registre et l'extrait avant sa transmission, sans nouveau vote."),
    }
    _numbers: tuple[FileModel, dict[str, list[Deliberation]]] | None = None

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        refs = delib.references
        # The two-digit years and organ codes of Aix-Marseille-Provence numbers ("MET 19/11402/BM").
        amp = [r for r in refs if r.short_year]
        session = delib.session.date
        expected = {"yy": session.year % 100 if session else None, "code": _code_of(delib.body.organ)}
        disagree = set()
        for field in ("yy", "code"):
            values = {_part(r, field) for r in amp}
            if len(values) < 2:
                continue
            disagree.add(field)
            # The odd one out is the number that disagrees with the session (or the organ), else the later one.
            right = [r for r in amp if _part(r, field) == expected[field]]
            reference = right[0] if right else amp[0]
            for r in amp:
                if _part(r, field) != _part(reference, field):
                    yield _disagreement(field, r, reference)
        for r in refs:
            if "yy" not in disagree:
                yield from _year(delib, r)
            if "code" not in disagree:
                yield from _organ(delib, r)
        # One rule object checks one file: the index of its numbers is built once, not once per act.
        if self._numbers is None or self._numbers[0] is not ctx.model:
            self._numbers = (ctx.model, _numbered(ctx.model))
        yield from _duplicate(delib, ctx, self._numbers[1])


def _part(ref: Reference, field: str) -> int | str | None:
    if field == "yy":
        return ref.year % 100 if ref.year is not None else None
    return ref.organ_code


def _disagreement(field: str, r: Reference, reference: Reference) -> Finding:
    if field == "yy":
        what, span = f"l'année {_part(r, 'yy'):02d} du numéro {r.text} diffère de celle", r.year_span
        value = f"{_part(reference, 'yy'):02d}"
    else:
        what, span = f"le suffixe /{r.organ_code} du numéro {r.text} diffère de celui", r.organ_code_span
        value = f"/{reference.organ_code}"
    return Finding(span or r.span, f"{what} du numéro {reference.text} ({value}) du même acte", "refs-disagree")


def _code_of(organ: Organ) -> str | None:
    return next((code for code, o in _CODE_ORGAN.items() if o is organ), None)


def _year(delib: Deliberation, r: Reference) -> Iterator[Finding]:
    session = delib.session.date
    if session is None or r.year is None or r.year_span is None:
        return
    if r.short_year:
        written, expected, previous = r.year % 100, session.year % 100, (session.year - 1) % 100
    else:
        written, expected, previous = r.year, session.year, session.year - 1
    if written == expected:
        return
    january = session.month == 1 and written == previous
    message = f"le numéro {r.text} porte l'année {written:02d}, la séance est de {session.year}"
    if january:
        message += " (séance de janvier : dossier peut-être préparé l'année précédente)"
    yield Finding(r.year_span, message, "year-january" if january else "year")


def _organ(delib: Deliberation, r: Reference) -> Iterator[Finding]:
    organ = delib.body.organ
    implied = _CODE_ORGAN.get(r.organ_code or "")
    if implied is None or r.organ_code_span is None or organ not in _ORGAN_WORD or implied is organ:
        return
    # The text itself names the organ of the suffix as the one deliberating: the reading may be wrong.
    if any(named.organ is implied for named in delib.deliberating):
        return
    yield Finding(
        r.organ_code_span,
        f"le suffixe /{r.organ_code} du numéro {r.text} désigne le {_ORGAN_WORD[implied]}, mais l'acte est délibéré par le {_ORGAN_WORD[organ]}",
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
            line = ctx.line(other.references[0].span.start)
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
