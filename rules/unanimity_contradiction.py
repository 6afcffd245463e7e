"""Rule unanimity-contradiction: "à l'unanimité" agrees with the figures."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule


class UnanimityContradiction(Rule):
    """« À l'unanimité » ne coexiste pas avec des voix contre.

    Une délibération dite adoptée « à l'unanimité » ne peut compter de voix contre (`error`).
    Avec des abstentions, la formule reste légalement admise (l'unanimité s'apprécie sur les
    suffrages exprimés), mais « à l'unanimité des suffrages exprimés » est plus clair : `info`.
    « L'unanimité moins deux voix » n'est pas une unanimité et n'est pas visée.

    Base légale : CGCT, art. L2121-20 (majorité des suffrages exprimés) ; réponse ministérielle,
    Sénat n° 15666 (2005), sur l'unanimité et les abstentions.

    Exemple conforme ::

        Adoptée à l'unanimité des suffrages exprimés (Pour : 12 ; Abstention : 2).

    Exemple non conforme ::

        Adoptée à l'unanimité (Pour : 12 ; Contre : 1).
    """

    name = "unanimity-contradiction"
    severity = Severity.ERROR
    cases = {"against": Severity.ERROR, "abstentions": Severity.INFO}
    remedies = {
        "against": Remedy(RemedyKind.TRANSCRIPTION, "Corriger la mention du vote d'après le registre : soit le vote n'était pas unanime, soit il n'y a pas eu de voix contre ; aucun nouveau vote si la majorité reste acquise."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for vote in delib.votes or ((delib.vote,) if delib.vote else ()):
            if not vote.unanimous:
                continue
            if vote.against:
                counted = "est comptée" if vote.against == 1 else "sont comptées"
                yield Finding(vote.span, f"« à l'unanimité » alors que {vote.against} voix contre {counted}", "against")
            elif vote.abstention and "exprim" not in vote.text.lower():
                yield Finding(vote.span, f"« à l'unanimité » avec {vote.abstention} abstention(s) : écrire « à l'unanimité des suffrages exprimés »", "abstentions")
