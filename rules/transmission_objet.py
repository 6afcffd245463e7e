"""Rule transmission-objet: the objet fits the platforms' field (499 characters, one line)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.diagnostics import Severity
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule

MAX_LENGTH = 499
# A full stop between two sentences ("... 2023. Monsieur le Maire expose"): a title read past its
# end, into the report (a text whose line breaks were lost), not an objet.
_SENTENCE_END = re.compile(r"[a-zà-ÿ0-9)»]\.\s+[A-ZÀ-Ý]")


class TransmissionObjet(Rule):
    """L'objet de l'acte tient dans le champ « objet » des plateformes : 499 caractères, une ligne.

    Paquet `transmission` (désactivé par défaut ; `extends: actes` ou `--select transmission`).
    L'objet est repris tel quel dans le formulaire de transmission au contrôle de légalité (@ctes),
    sur une ligne (les retours à la ligne du titre deviennent des espaces) : S²LOW et Pastell
    refusent un objet de plus de 499 caractères. Le titre lu est compté espaces réduites. Un titre
    qui contient une fin de phrase suivie d'une autre phrase n'est pas compté : c'est le plus souvent
    le titre lu jusque dans l'exposé, quand le texte a perdu ses retours à la ligne.

    `info` : l'envoi serait refusé tant que l'objet n'est pas abrégé, mais le titre lu peut
    déborder sur l'exposé quand le texte a perdu ses retours à la ligne (procès-verbaux, textes
    extraits d'un PDF) : c'est au lecteur de trancher.

    Base légale et technique : CGCT, art. L2131-1 et L2131-2 (transmission au représentant de
    l'État) ; S²LOW, classe `ActesTransaction` (champ `subject`, « Objet de l'acte »,
    `maxlength` 499) ; Pastell, type de dossier `actes-generique` (champ `objet`,
    `^.{1,499}$` : « L'objet doit faire entre 1 et 499 caractères sans retour chariot »).

    Exemple conforme ::

        Séance du conseil municipal du 12 mai 2023
        Objet : Tarifs de la piscine municipale pour la saison 2023
        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Le tarif est fixé à 3 €.

    Exemple non conforme ::

        Séance du conseil municipal du 12 mai 2023
        Objet : Approbation de la convention de partenariat entre la commune, la communauté de communes, le département, la région, le syndicat des eaux, le syndicat d'énergie, l'office de tourisme intercommunal, le centre communal d'action sociale, l'établissement public foncier, l'agence de l'eau, la caisse d'allocations familiales, la chambre de commerce et d'industrie, la chambre de métiers et de l'artisanat, la chambre d'agriculture et les associations sportives et culturelles du territoire pour l'organisation, le financement et l'évaluation des manifestations estivales de l'année 2023
        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : La convention est approuvée.
    """

    name = "transmission-objet"
    pack = "transmission"
    severity = Severity.INFO
    cases = {"too-long": Severity.INFO}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        if delib.title is None or delib.title_span is None:
            return
        objet = " ".join(delib.title.split())
        if len(objet) > MAX_LENGTH and not _SENTENCE_END.search(objet):
            yield Finding(
                delib.title_span,
                f"objet lu de {len(objet)} caractères : S²LOW et Pastell en acceptent {MAX_LENGTH} au plus, à abréger pour la transmission",
                "too-long",
            )
