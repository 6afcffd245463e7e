"""Rule delegation-excluded-matter: a bureau or commission permanente does not decide what cannot be delegated."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import BodyKind, Deliberation, Organ
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

_DATA = load("excluded_matters.yaml")
_MATTERS = {row["id"]: row for row in _DATA["matters"]}


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
    remedies = {
        None: Remedy(RemedyKind.RETRAIT, "Retirer l'acte et faire délibérer l'assemblée elle-même : cette matière ne peut pas être déléguée au bureau ni à la commission permanente."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        regime = _regime(delib)
        if regime is None:
            return
        info = _DATA["regimes"][regime]
        for touched in delib.reserved_matters:
            matter = _MATTERS[touched.key]
            if regime in matter["regimes"]:
                yield Finding(
                    touched.span,
                    f"{info['organ']} ne peut pas décider {matter['label']} : matière que le conseil ne peut pas lui déléguer ({info['basis']})",
                    "excluded" if touched.decided else "excluded-keyword",
                )


def _regime(delib: Deliberation) -> str | None:
    organ, kind = delib.body.organ, delib.body.kind
    if organ is Organ.BUREAU and kind in (BodyKind.EPCI, BodyKind.METROPOLE, BodyKind.SYNDICAT, BodyKind.UNKNOWN):
        return "epci"
    if organ is Organ.COMMISSION_PERMANENTE:
        return "region" if kind is BodyKind.REGION else "departement"
    return None
