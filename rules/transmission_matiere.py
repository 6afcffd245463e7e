"""Rule transmission-matiere: the stated nature and matière are codes of @ctes, and agree."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

_SHORT_CODES = {"DE": 1, "AR": 2, "AI": 3, "CC": 4, "BF": 5, "AU": 6}
_SHAPE = re.compile(r"[1-9](?:\.[1-9][0-9]?){0,4}")


class TransmissionMatiere(Rule):
    """La nature et la matière que l'acte indique sont des codes de @ctes, et s'accordent.

    Paquet `transmission` (désactivé par défaut ; `extends: actes` ou `--select transmission`).
    Quand le texte indique sa classification (« Nature de l'acte : Délibération », « Matière de
    l'acte : 7.1 Décisions budgétaires », « Classification : 5.3 », le plus souvent sur l'accusé de
    réception), la règle vérifie :

    - que la matière est un code de la nomenclature @ctes : le premier niveau de 1 à 9
      (1 Commande publique ... 9 Autres domaines de compétences), le deuxième parmi ceux de la
      nomenclature nationale (1.1 à 1.7, 2.1 à 2.3, 3.1 à 3.6, 4.1 à 4.5, 5.1 à 5.8, 6.1 à 6.5,
      7.1 à 7.10, 8.1 à 8.9, 9.1 à 9.4, fichier `rules/data/actes.yaml`) ; les niveaux suivants
      (« 7.5.1 ») sont propres à la classification de chaque préfecture : seule leur forme est
      vérifiée ;
    - qu'un document budgétaire et financier (nature 5, BF) relève des finances locales (matière 7) ;
    - que la nature indiquée est celle de l'identifiant @ctes quand l'acte en porte un ;
    - qu'un acte qui adopte un document budgétaire (budget primitif ou supplémentaire, décision
      modificative, compte administratif, compte financier unique) n'est pas indiqué ou transmis
      en nature 1 (DE) : c'est une `info`, les documents budgétaires et financiers étant la
      nature 5 (BF), où S²LOW attend le fichier XML du budget.

    `warning` : l'acte transmis serait mal classé (S²LOW n'accepte le fichier XML d'un budget que
    pour la nature 5 et la matière 7.1).

    Base légale et technique : CGCT, art. L2131-2 et R2131-1 et suivants (transmission au
    représentant de l'État) ; S²LOW, classe `ActesTransaction` (classification et sa date
    obligatoires ; « Seuls les documents budgétaires et financiers peuvent être au format XML ») et
    table `actes_natures` ; Pastell, `actes-generique` (nature : 6 valeurs, classification requise) ;
    nomenclature des matières : schéma SCDL Délibérations (DELIB_MATIERE_CODE) et domain-rules §8.2.

    Exemple conforme ::

        Séance du conseil municipal du 12 mai 2023
        Objet : Budget primitif 2023
        Le Conseil adopte le budget primitif.
        Nature de l'acte : Documents budgétaires et financiers
        Matière de l'acte : 7.1 Décisions budgétaires

    Exemple non conforme ::

        Séance du conseil municipal du 12 mai 2023
        Objet : Budget primitif 2023
        Le Conseil adopte le budget primitif.
        Nature de l'acte : Documents budgétaires et financiers
        Matière de l'acte : 5.9 Décisions budgétaires
    """

    name = "transmission-matiere"
    pack = "transmission"
    severity = Severity.WARNING
    cases = {
        "unknown-matiere": Severity.WARNING,
        "budget-matiere": Severity.WARNING,
        "nature-mismatch": Severity.WARNING,
        "budget-nature": Severity.INFO,
    }
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Corriger ce qui est déclaré à la plateforme de télétransmission (S²LOW, FAST, Pastell...) avant l'envoi : l'acte voté n'en est pas changé."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        data = load("actes.yaml")
        natures = data["natures"]
        nature, matiere = delib.nature, delib.matiere
        if matiere is not None:
            code = matiere.code
            top, level2 = code.split(".")[0], ".".join(code.split(".")[:2])
            if not _SHAPE.fullmatch(code) or top not in data["themes"] or ("." in code and level2 not in data["matieres"]):
                yield Finding(matiere.span, f"matière « {code} » absente de la nomenclature @ctes ({_known(data, top)})", "unknown-matiere")
            elif nature is not None and nature.code == 5 and top != "7":
                yield Finding(matiere.span, f"matière {code} pour un document budgétaire et financier (nature 5) : les finances locales sont la matière 7", "budget-matiere")
        stamped = delib.transmission.nature if delib.transmission is not None else None
        if nature is not None and stamped is not None and _SHORT_CODES.get(stamped[0]) not in (None, nature.code):
            said = natures[nature.code]
            yield Finding(
                nature.span,
                f"nature {nature.code} ({said['label']}) indiquée, l'identifiant @ctes porte la nature {stamped[0]} ({natures[_SHORT_CODES[stamped[0]]]['label']})",
                "nature-mismatch",
            )
        as_deliberation = nature.span if nature is not None and nature.code == 1 else stamped[1] if stamped is not None and stamped[0] == "DE" else None
        if delib.budget_document is not None and as_deliberation is not None:
            yield Finding(
                as_deliberation,
                f"acte budgétaire (« {ctx.quote(delib.budget_document)} ») en nature 1 (DE) : les documents budgétaires et financiers"
                " se transmettent en nature 5 (BF)",
                "budget-nature",
            )


def _known(data: dict[str, dict[str, str]], top: str) -> str:
    if top in data["themes"]:
        codes = [c for c in data["matieres"] if c.split(".")[0] == top]
        return f"{top} {data['themes'][top]} : {codes[0]} à {codes[-1]}"
    return "premier niveau de 1 à 9"
