"""Rule required-opinion: the opinion of the comité social territorial is given before the vote, where the law asks it."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule

_MATTER = {
    "post-suppression": ("la suppression d'un emploi", "CGFP, art. L. 542-2"),
    "indemnity-regime": ("le régime indemnitaire", "CGFP, art. L. 253-5 ; décret n° 2021-571, art. 54"),
    "working-time": ("l'organisation du temps de travail", "CGFP, art. L. 253-5 ; décret n° 2021-571, art. 54"),
}


class RequiredOpinion(Rule):
    """Un acte sur lequel la loi demande l'avis du comité social territorial le vise, avant le vote.

    L'avis du comité social territorial (le comité technique jusqu'en 2022) est recueilli avant la
    délibération qui supprime un emploi, institue ou modifie le régime indemnitaire du personnel
    (RIFSEEP, IFSE), ou organise le temps de travail (durée annuelle, cycles, ARTT, télétravail,
    compte épargne-temps, lignes directrices de gestion). L'acte le mentionne d'ordinaire dans
    ses visas (« Vu l'avis du comité social territorial du 3 mars 2024 »). C'est l'une des
    irrégularités que les préfectures relèvent : l'avis absent des visas, ou recueilli après le
    vote.

    La matière est reconnue au titre ou au dispositif ; l'avis, dans tout l'acte. `warning`, cas
    `missing` : aucune mention de l'avis (il a pu être recueilli sans être visé : le vérifier) ;
    cas `after-vote` : l'acte dit que l'avis est à venir (« sous réserve de l'avis favorable du
    comité social territorial »). Une modification de la durée d'un seul poste à temps non complet
    n'est pas visée. Un acte coupé par la fin de l'extrait n'est pas vérifié.

    Base légale : code général de la fonction publique, art. L. 542-2 (suppression d'emploi après
    avis du comité social territorial) et L. 253-5 ; décret n° 2021-571 du 10 mai 2021, art. 54
    (le comité est consulté sur l'organisation et le fonctionnement des services, le temps de
    travail, les orientations de la politique indemnitaire).

    Exemple conforme ::

        Objet : Suppression d'un poste d'adjoint administratif
        Vu l'avis du comité social territorial du 3 mars 2024,
        DÉCIDE
        Article 1 : Le poste d'adjoint administratif à temps complet est supprimé du tableau des effectifs.

    Exemple non conforme ::

        Objet : Suppression d'un poste d'adjoint administratif
        Vu le code général de la fonction publique,
        DÉCIDE
        Article 1 : Le poste d'adjoint administratif à temps complet est supprimé du tableau des effectifs.
    """

    name = "required-opinion"
    severity = Severity.WARNING
    cases = {"missing": Severity.WARNING, "after-vote": Severity.WARNING}
    remedies = {
        "missing": Remedy(
            RemedyKind.TRANSCRIPTION,
            "Viser l'avis du comité social territorial s'il a été rendu avant la séance ; s'il ne l'a pas été, l'acte doit être retiré et voté de nouveau après cet avis.",
        ),
        "after-vote": Remedy(
            RemedyKind.RETRAIT,
            "Retirer l'acte et le soumettre de nouveau au vote une fois l'avis du comité social territorial rendu.",
        ),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        matter = delib.opinion_matter
        if matter is None or matter.opinion is not None or matter.runs_out or delib.truncated or not delib.has_dispositif:
            return
        what, basis = _MATTER[matter.key]
        if matter.pending is not None:
            yield Finding(matter.pending, f"l'avis du comité social territorial sur {what} est à venir : il doit précéder le vote ({basis})", "after-vote")
        else:
            yield Finding(matter.span, f"{what} sans mention de l'avis du comité social territorial, requis avant le vote ({basis})", "missing")
