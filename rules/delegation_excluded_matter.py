"""Rule delegation-excluded-matter: a bureau or commission permanente does not decide what cannot be delegated."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from validator.diagnostics import Severity
from validator.document import Span
from validator.model import BodyKind, Deliberation, Organ
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

_DATA = load("excluded_matters.yaml")


def _patterns(row: dict[str, list[str]], key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in row.get(key, ()))


@dataclass(frozen=True, slots=True)
class Matter:
    id: str
    label: str
    regimes: frozenset[str]
    clear: tuple[re.Pattern[str], ...]
    decided: tuple[re.Pattern[str], ...]
    keywords: tuple[re.Pattern[str], ...]
    exceptions: tuple[re.Pattern[str], ...]


@functools.cache
def _matters() -> tuple[tuple[Matter, ...], re.Pattern[str]]:
    """The matters and their patterns, compiled on the first bureau or commission permanente act:
    about eighty patterns that most runs (conseils only) never need."""
    matters = tuple(
        Matter(
            row["id"],
            row["label"],
            frozenset(row["regimes"]),
            _patterns(row, "clear"),
            _patterns(row, "decided"),
            _patterns(row, "keywords"),
            _patterns(row, "except"),
        )
        for row in _DATA["matters"]
    )
    return matters, re.compile(_DATA["not_a_decision"], re.IGNORECASE)


_TITLE_LIMIT = 300


class DelegationExcludedMatter(Rule):
    """Un bureau ou une commission permanente ne décide pas d'une matière que le conseil ne peut pas lui déléguer.

    Lit l'objet de l'acte (et, dans le dispositif, la décision elle-même) d'un bureau d'EPCI, de
    métropole ou de syndicat, ou d'une commission permanente de département ou de région, et le
    compare aux matières exclues de la délégation (`rules/data/excluded_matters.yaml`). Bureau
    (L5211-10) : vote du budget, institution et taux ou tarifs des taxes et redevances, compte
    administratif, mesures de l'article L1612-15, composition, fonctionnement et durée de
    l'établissement, adhésion à un établissement public, délégation de service public, décisions
    d'orientation en matière d'aménagement de l'espace, d'équilibre social de l'habitat et de
    politique de la ville. Commission permanente (L3211-2, L4221-5) : vote du budget, compte
    administratif, mesures des articles L1612-12 à L1612-15 (et débat d'orientation budgétaire
    pour le département).

    Une `error` quand l'objet est sans ambiguïté une de ces matières (« Vote du budget primitif »,
    « Approbation du compte administratif », « Fixation des taux », « Attribution de la délégation
    de service public ») ou que le dispositif la décide (« le budget primitif est adopté ») ; un
    `warning` quand l'objet ne fait que la nommer. Un objet qui présente, prépare ou prend acte
    (« Présentation du projet de budget », « pour avis ») n'est pas une décision. Les tarifs d'un
    service ne sont pas des taxes ; une subvention ou une convention qui mentionnent le budget ne
    sont pas un vote du budget ; un conseil qui décide n'est jamais signalé (la délégation ne
    dessaisit pas le conseil : CE, 2 mars 2010, Réseau ferré de France, n° 325255).

    Base légale : CGCT, art. L5211-10 (bureau des EPCI), L3211-2 (commission permanente du
    département, sauf les matières des articles L3312-1 et L1612-12 à L1612-15), L4221-5
    (commission permanente de la région).

    Exemple conforme ::

        Objet : Tarifs de la piscine métropolitaine pour la saison 2024
        Le Bureau de la Métropole,
        Vu le Code général des collectivités territoriales ;
        Vu la délibération du Conseil de la Métropole du 28 mars 2019 portant délégation de compétences au Bureau ;
        Délibère
        Article 1 : Les tarifs de la piscine sont fixés selon la grille annexée.

    Exemple non conforme ::

        Objet : Vote du budget primitif 2024
        Le Bureau de la Métropole,
        Vu le Code général des collectivités territoriales ;
        Vu la délibération du Conseil de la Métropole du 28 mars 2019 portant délégation de compétences au Bureau ;
        Délibère
        Article 1 : Le budget primitif 2024 est adopté.
    """

    name = "delegation-excluded-matter"
    severity = Severity.WARNING
    cases = {"excluded": Severity.ERROR, "excluded-keyword": Severity.WARNING}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        regime = _regime(delib)
        if regime is None:
            return
        info = _DATA["regimes"][regime]
        text = ctx.document.text
        title = delib.title_span
        title_text = ctx.text(title)[:_TITLE_LIMIT] if title else ""
        matters, not_a_decision = _matters()
        if not_a_decision.search(title_text):
            title, title_text = None, ""
        for matter in (m for m in matters if regime in m.regimes):
            found = _clear(matter, title_text, title) or _decided(matter, text, delib)
            case = "excluded"
            if found is None and title is not None and not any(rx.search(title_text) for rx in matter.exceptions):
                found, case = _first(matter.keywords, title_text, title.start), "excluded-keyword"
            if found is not None:
                yield Finding(
                    found,
                    f"{info['organ']} ne peut pas décider {matter.label} : matière que le conseil ne peut pas lui déléguer ({info['basis']})",
                    case,
                )


def _regime(delib: Deliberation) -> str | None:
    organ, kind = delib.body.organ, delib.body.kind
    if organ is Organ.BUREAU and kind in (BodyKind.EPCI, BodyKind.METROPOLE, BodyKind.SYNDICAT, BodyKind.UNKNOWN):
        return "epci"
    if organ is Organ.COMMISSION_PERMANENTE:
        return "region" if kind is BodyKind.REGION else "departement"
    return None


def _clear(matter: Matter, title_text: str, title: Span | None) -> Span | None:
    return _first(matter.clear, title_text, title.start) if title is not None else None


def _decided(matter: Matter, text: str, delib: Deliberation) -> Span | None:
    """The decision itself in the articles, or after "DÉCIDE" when the act has no articles."""
    zones = [a.body_span or a.span for a in delib.articles]
    if not zones and delib.decide_span is not None:
        zones = [Span(delib.decide_span.start, delib.span.end)]
    for zone in zones:
        for rx in matter.decided:
            m = rx.search(text, zone.start, zone.end)
            if m:
                return Span(m.start(), m.end())
    return None


def _first(patterns: tuple[re.Pattern[str], ...], text: str, base: int) -> Span | None:
    for rx in patterns:
        m = rx.search(text)
        if m:
            return Span(base + m.start(), base + m.end())
    return None
