"""Rule post-creation: a deliberation creating a post, or recruiting a contractual agent, states what the law asks."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation, PostCreation
from validator.rule import Context, Finding, Rule

_LABELS = {
    "grade": "le grade ou le cadre d'emplois",
    "hours": "la durée hebdomadaire (temps complet ou non complet)",
    "reason": "le motif",
    "function": "la nature des fonctions",
    "pay": "le niveau de rémunération",
    "legal_basis": "l'article qui permet de recruter un agent contractuel, L. 332-8 et suivants",
}


class PostCreationMentions(Rule):
    """La délibération qui crée un emploi, ou recrute un agent contractuel, en donne les mentions obligatoires.

    Un emploi est créé par l'organe délibérant, qui en précise le grade (ou les grades) et la
    durée hebdomadaire : temps complet, ou temps non complet et sa durée (« 28 h hebdomadaires »,
    « 17,5/35e ») ; lorsque l'emploi peut être pourvu par un agent contractuel, ou que l'acte
    recrute un agent contractuel, il précise aussi le motif, la nature des fonctions, le niveau de
    rémunération, et cite l'article qui permet ce recrutement (L. 332-8 et suivants, L. 332-23 pour
    un accroissement temporaire ; l'ancien article 3-3 de la loi n° 84-53). C'est l'une des
    irrégularités que les préfectures relèvent le plus souvent.

    L'acte est reconnu à son titre ou à son dispositif (« création d'un poste », « un emploi ...
    est créé », « recrutement d'un agent contractuel », « modification du tableau des effectifs »
    dont le texte crée un emploi) ; les mentions sont cherchées dans tout l'acte, rapport compris.
    Ne sont pas visés : l'aide à la création d'emplois, les emplois d'avenir et contrats aidés, les
    vacataires ; un acte coupé par la fin de l'extrait ; un compte rendu sans dispositif.

    Un `warning` (cas `missing-mention`) : une mention peut figurer sous une forme non reconnue ;
    `info` (cas `in-annex`) quand l'acte renvoie à un tableau ou une annexe, qui peut les donner.

    Base légale : code général de la fonction publique, art. L. 313-1 (création des emplois,
    grade, et pour un emploi ouvert aux contractuels le motif, la nature des fonctions, les
    niveaux de recrutement et de rémunération), art. L. 332-8 et suivants (recrutement d'agents
    contractuels) ; décret n° 91-298 du 20 mars 1991 (emplois à temps non complet : durée
    hebdomadaire fixée par la délibération).

    Exemple conforme ::

        Objet : Création d'un poste d'adjoint technique
        Considérant que l'ouverture de la nouvelle école nécessite un agent d'entretien,
        DÉCIDE
        Article 1 : Un emploi permanent d'adjoint technique (catégorie C) à temps non complet, 28 heures hebdomadaires, est créé au service des écoles à compter du 1er mars 2024.
        Article 2 : Les crédits sont inscrits au chapitre 012.

    Exemple non conforme ::

        Objet : Création d'un poste
        DÉCIDE
        Article 1 : Un poste est créé au service des écoles à compter du 1er mars 2024.
        Article 2 : Cet emploi pourra être pourvu par un agent contractuel.
    """

    name = "post-creation"
    severity = Severity.WARNING
    cases = {"missing-mention": Severity.WARNING, "in-annex": Severity.INFO}
    remedies = {
        "missing-mention": Remedy(
            RemedyKind.RECTIFICATIVE,
            "Faire voter à la prochaine séance une délibération rectificative qui donne les mentions manquantes de l'emploi, avant toute nomination ou tout recrutement sur ce poste.",
        ),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        post = delib.post_creation
        if post is None or delib.truncated or post.runs_out or not delib.has_dispositif:
            return
        missing = [_LABELS[key] for key in _required(post) if getattr(post, key) is None]
        if not missing:
            return
        what = "la création de cet emploi" if post.creates else "le recrutement de cet agent contractuel"
        listed = ", ".join(missing[:-1]) + (" ni " if len(missing) > 1 else "") + missing[-1]
        if post.annex is not None:
            yield Finding(post.span, f"{what} ne précise pas {listed}, peut-être donnés par le tableau ou l'annexe auquel l'acte renvoie", "in-annex")
        else:
            yield Finding(post.span, f"{what} ne précise pas {listed} (code général de la fonction publique, art. L. 313-1)", "missing-mention")


def _required(post: PostCreation) -> list[str]:
    keys = ["grade"] + (["hours"] if post.creates else [])
    if post.contractual is not None:
        keys += ["reason", "function", "pay", "legal_basis"]
    return keys
