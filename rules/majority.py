"""Rule majority: the outcome follows the majority of the votes cast."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule


class Majority(Rule):
    """L'issue annoncée suit la majorité absolue des suffrages exprimés.

    Une délibération est adoptée à la majorité absolue des suffrages exprimés, pour et contre :
    les abstentions, les bulletins blancs et nuls ne comptent pas (4 pour et 6 abstentions : adoptée).
    Signale une délibération dite adoptée avec autant ou moins de voix pour que contre
    (`error`, sauf partage égal tranché par la voix prépondérante du président), une délibération
    dite rejetée avec plus de voix pour que contre (`error`), un partage égal sans mention de la
    voix prépondérante (`warning`), et une voix prépondérante invoquée dans un scrutin secret, où
    elle ne joue pas (`error`).

    Base légale : CGCT, art. L2121-20 (majorité absolue des suffrages exprimés ; voix du
    président prépondérante en cas de partage, « sauf cas de scrutin secret »), L3121-14 et
    L3121-15 (département), L4132-13 et L4132-14 (région).

    Exemple conforme ::

        Pour : 4 - Contre : 3 - Abstentions : 8
        La délibération est adoptée.

    Exemple non conforme ::

        Pour : 10 - Contre : 12 - Abstentions : 8
        La délibération est adoptée.
    """

    name = "majority"
    severity = Severity.ERROR
    cases = {"adopted-without-majority": Severity.ERROR, "rejected-with-majority": Severity.ERROR, "tie": Severity.WARNING, "casting-vote-secret": Severity.ERROR}
    remedies = {
        None: Remedy(RemedyKind.RETRAIT, "Vérifier les voix sur le registre : si elles sont justes, le résultat proclamé est faux et l'acte doit être retiré, sinon corriger leur transcription."),
        "tie": Remedy(RemedyKind.TRANSCRIPTION, "Mentionner que la voix prépondérante du président a départagé le vote s'il en a été ainsi ; à défaut, la proposition n'est pas adoptée et l'acte doit être retiré."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        vote = delib.vote
        if vote is None or vote.for_ is None or vote.against is None or vote.outcome is None:
            return
        pour, contre = vote.for_, vote.against
        if vote.outcome == "adopted" and pour == contre:
            if vote.casting_vote and vote.secret_ballot:
                yield Finding(vote.span, "voix prépondérante du président invoquée dans un scrutin secret, où elle ne joue pas", "casting-vote-secret")
            elif not vote.casting_vote:
                yield Finding(vote.span, f"partage égal des voix ({pour} pour, {contre} contre) : l'adoption suppose la voix prépondérante du président, non mentionnée", "tie")
        elif vote.outcome == "adopted" and pour < contre:
            yield Finding(vote.span, f"délibération dite adoptée avec {pour} voix pour et {contre} contre", "adopted-without-majority")
        elif vote.outcome == "rejected" and pour > contre:
            yield Finding(vote.span, f"délibération dite rejetée avec {pour} voix pour et {contre} contre", "rejected-with-majority")
