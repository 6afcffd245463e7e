"""Rule waiver: the waivers of the configuration still serve."""

from __future__ import annotations

from validator.diagnostics import Severity
from validator.rule import Rule


class Waiver(Rule):
    """Les dérogations de `.delib.yaml` servent encore : une dérogation sans effet ou expirée est signalée.

    Une délibération ne peut pas porter de commentaire de linter : les dérogations vivent dans la
    configuration (`waivers:`), avec une raison obligatoire et, au besoin, une date d'expiration.
    Quand un fichier couvert par une dérogation est vérifié et qu'elle n'a rien tu, elle est
    signalée (`info`), pour que les dérogations périmées ne s'accumulent pas ; passé sa date, elle
    ne tait plus rien et le dit. La remarque est placée sur la ligne de la dérogation dans
    `.delib.yaml`.

    Base légale : aucune ; traçabilité des exceptions admises par la collectivité.

    Exemple conforme (configuration, avec l'acte `acte.txt` dont les présents déclarés sont faux) ::

        waivers:
          - rule: attendance-count
            file: acte.txt
            reason: "liste des présents complétée au registre papier"

    Exemple non conforme (configuration) ::

        waivers:
          - rule: article-sequence
            file: acte.txt
            reason: "numérotation reprise d'un ancien modèle"
    """

    name = "waiver"
    severity = Severity.INFO
    cases = {"unused": Severity.INFO, "expired": Severity.INFO}
    scope = "config"
