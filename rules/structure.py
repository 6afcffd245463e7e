"""Rule structure: the text has the structure of a deliberation."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Severity
from validator.model import FileModel
from validator.rule import Context, Finding, Rule


class Structure(Rule):
    """Le texte a la structure d'une délibération : ses parties sont reconnues, dans l'ordre attendu.

    Un texte où rien n'est reconnu (ni présences, ni visas, ni articles, ni vote, ni signature)
    et qui ne dit rien d'un acte (ni conseil ou bureau qui délibère, ni séance, ni procès-verbal,
    ni cachet de la préfecture, ni vote) n'est pas une délibération : `error`, à la première ligne.
    Un compte rendu rédigé en prose, une liste de votes ou une annexe, dont aucune partie n'est
    reconnue mais qui parle bien d'un acte, reçoit une `info` (cas `no-act-part`). Une partie
    placée hors de l'ordre habituel (un visa après les articles, la formule « Délibère » après
    eux) est signalée une seule fois par fichier, en `info` : le reste de l'acte est vérifié
    normalement.

    Une page numérisée que l'OCR n'a pas pu lire (image illisible, trop peu de mots sûrs, image
    endommagée) reçoit une `info` (cas `unread-page`) à son début : elle n'est pas vérifiée, les
    autres pages le sont.

    Base légale : aucun formalisme n'est imposé par la loi (réponse ministérielle de 2007) ; l'ordre
    visas, considérants, dispositif suit l'usage (Guide de légistique).

    Exemple conforme ::

        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : La convention est approuvée.

    Exemple non conforme ::

        DÉCIDE
        Article 1 : La convention est approuvée.
        Vu le Code général des collectivités territoriales ;
        Article 2 : Le Maire est autorisé à la signer.
    """

    name = "structure"
    severity = Severity.INFO
    cases = {"not-a-deliberation": Severity.ERROR, "no-act-part": Severity.INFO, "order": Severity.INFO, "unread-page": Severity.INFO}
    scope = "file"

    def check_file(self, model: FileModel, ctx: Context) -> Iterator[Finding]:
        for issue in model.structure:
            yield Finding(issue.span, issue.message, issue.case)
