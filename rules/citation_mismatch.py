"""Rule citation-mismatch: a cited loi, ordonnance or décret has the number, date and title of the JO."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from validator.diagnostics import Edit, Fix, Remedy, RemedyKind, Severity
from validator.document import Span
from validator.french import format_date
from validator.model import Citation, Deliberation
from validator.names import fold
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

KIND_LABELS = {"loi": "la loi", "ordonnance": "l'ordonnance", "decret": "le décret"}
_SMALL_WORDS = frozenset("a au aux d de des du en et l la le les n par pour sur un une".split())
# Titles are compared on their first words, where a borrowed title differs at once.
_COMPARED_WORDS = 10
_MIN_WORDS = 3
_SIMILAR = 0.5


@dataclass(frozen=True, slots=True)
class KnownText:
    kind: str
    number: str
    date: dt.date
    title: str | None
    title_words: tuple[str, ...] | None
    name: str | None

    def describe(self) -> str:
        label = f"{KIND_LABELS[self.kind]} n° {self.number} du {format_date(self.date)}"
        return f"{label} ({self.name})" if self.name else label


def _words(text: str) -> list[str]:
    """Accent-free, lower-case words of a title; "modifié(e)" is left out, as in the JO style."""
    folded = fold(text).replace("œ", "oe").replace("æ", "ae")
    return [w for w in re.findall(r"[a-z0-9]+", folded) if not re.fullmatch(r"modifi[e]e?s?", w)]


def _table() -> tuple[dict[tuple[str, str], KnownText], dict[tuple[str, dt.date], list[KnownText]]]:
    by_number: dict[tuple[str, str], KnownText] = {}
    by_date: dict[tuple[str, dt.date], list[KnownText]] = {}
    for row in load("citations.yaml")["texts"]:
        title = row.get("title")
        known = KnownText(row["kind"], row["number"], dt.date.fromisoformat(row["date"]), title, tuple(_words(title)) if title else None, row.get("name"))
        by_number[(known.kind, known.number)] = known
        by_date.setdefault((known.kind, known.date), []).append(known)
    return by_number, by_date


_BY_NUMBER, _BY_DATE = _table()


class CitationMismatch(Rule):
    """Les lois, ordonnances et décrets cités portent le numéro, la date et l'intitulé du Journal officiel.

    Compare chaque citation « loi (ordonnance, décret) n° … du … » de l'acte à une table de textes
    souvent visés (`rules/data/citations.yaml`), tirée des seules entrées vérifiées du catalogue :
    numéro et date pour toutes, intitulé pour celles dont l'intitulé a été vérifié. Les dates sont
    comparées comme dates (« 1er » ou « 1 », mois avec ou sans accents, chiffres ou lettres) et
    l'intitulé sans accents, casse ni « modifiée » ; l'intitulé n'est comparé que dans les visas,
    et seulement quand le texte qui suit la date commence comme un intitulé (« relative à »,
    « portant », « de »…) : « (loi MAPTAM) », « et notamment son article 10 » ne sont pas des
    intitulés. Un texte absent de la table n'est pas jugé.

    Une date ou un intitulé qui ne sont pas ceux du numéro cité sont un `warning` (le correctif
    propose la date du Journal officiel) ; un numéro et une date qui désignent deux textes connus
    différents (« loi n° 2014-58 du 7 août 2015 ») sont une `error`.

    Base légale : « Un texte visé est normalement assorti de son intitulé complet tel qu'il figure au
    Journal officiel » ; les visas doivent identifier sans ambiguïté les textes (circulaire du
    30 janvier 1997 ; Guide de légistique). Les visas n'ont pas de valeur juridique propre (CE Sect.,
    28 juin 1974, Charmasson) : une citation fausse n'entache pas l'acte, mais elle égare le lecteur.

    Exemple conforme ::

        Le Conseil municipal,
        Vu le Code général des collectivités territoriales ;
        Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations avec les administrations ;
        Vu le décret n° 2001-495 du 6 juin 2001 pris pour l'application de l'article 10 de la loi n° 2000-321 du 12 avril 2000 et relatif à la transparence financière des aides octroyées par les personnes publiques ;
        DÉCIDE
        Article 1 : La convention d'objectifs avec l'association est approuvée.

    Exemple non conforme ::

        Le Conseil municipal,
        Vu le Code général des collectivités territoriales ;
        Vu le décret n° 2001-495 du 6 juillet 2001 relatif à la transparence financière des aides octroyées par les personnes publiques ;
        Vu la loi n° 2014-58 du 27 janvier 2014 portant nouvelle organisation territoriale de la République ;
        DÉCIDE
        Article 1 : La convention d'objectifs avec l'association est approuvée.
    """

    name = "citation-mismatch"
    severity = Severity.WARNING
    cases = {"date": Severity.WARNING, "title": Severity.WARNING, "two-texts": Severity.ERROR}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Compléter ou corriger le visa dans le registre et l'extrait : une erreur de visa n'affecte pas la légalité de l'acte (CE, 28 juin 1974, Charmasson) et se corrige sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for citation in delib.citations:
            known = _BY_NUMBER.get((citation.kind, citation.number))
            if known is None or citation.date is None or citation.date_span is None:
                continue
            if citation.date != known.date:
                yield _date_finding(citation, known)
                continue
            # The build stage reads a title in visas only, and only one that starts like a title.
            if citation.title is not None and citation.title_span is not None and known.title_words is not None:
                yield from _title_finding(citation.title, citation.title_span, known)


def _date_finding(citation: Citation, known: KnownText) -> Finding:
    assert citation.date is not None and citation.date_span is not None
    others = [k for k in _BY_DATE.get((citation.kind, citation.date), []) if k is not known]
    if others:
        return Finding(
            citation.span,
            f"le numéro n° {citation.number} désigne {known.describe()}, mais la date du {format_date(citation.date)} est celle de {others[0].describe()}",
            "two-texts",
        )
    right = format_date(known.date)
    label = KIND_LABELS[known.kind]
    return Finding(
        citation.date_span,
        f"{label} n° {known.number} est du {right}, non du {format_date(citation.date)}",
        "date",
        Fix(f"Écrire « {right} »", (Edit(citation.date_span.start, citation.date_span.end, right),)),
    )


def _title_finding(title: str, span: Span, known: KnownText) -> Iterator[Finding]:
    assert known.title_words is not None
    written = _words(title)
    n = min(len(written), len(known.title_words), _COMPARED_WORDS)
    if n < _MIN_WORDS or _similar(written, known.title_words) or _abridged(written, known.title_words):
        return
    message = f"intitulé différent de celui du Journal officiel : {known.describe()} est « {known.title} »"
    owner = next((k for k in _BY_NUMBER.values() if k is not known and k.title_words and _similar(written, k.title_words, 0.8)), None)
    if owner is not None:
        message += f" ; l'intitulé écrit est celui de {owner.describe()}"
    yield Finding(span, message, "title")


def _abridged(written: list[str], title: tuple[str, ...]) -> bool:
    """A shortened title: most of its words are words of the JO title ("relative à la fonction publique territoriale")."""
    stems = {w[:5] for w in title if w not in _SMALL_WORDS}
    used = [w[:5] for w in written if w not in _SMALL_WORDS][: len(stems)]
    return bool(used) and sum(w in stems for w in used) >= 0.7 * len(used)


def _similar(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...], threshold: float = _SIMILAR) -> bool:
    """The first words of two titles mostly agree (compared on the length of the shorter)."""
    n = min(len(a), len(b), _COMPARED_WORDS)
    return n > 0 and SequenceMatcher(None, list(a[:n]), list(b[:n]), autojunk=False).ratio() >= threshold
