"""Rule interested-member: a member who does not take part does not vote, even by proxy."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.names import same_person
from validator.rule import Context, Finding, Rule


class InterestedMember(Rule):
    """Un membre qui ne prend pas part au vote ne vote pas, ni en personne ni par le pouvoir qu'il porte.

    Quand l'acte dit qu'un membre « ne prend pas part au vote », « se retire » ou « quitte la
    salle » (intérêt à l'affaire), le décompte du vote doit l'exclure, ainsi que le pouvoir qu'il
    porte. Signale un décompte égal à tous les présents et représentés malgré ce retrait, ou une
    adoption « à l'unanimité des présents » (`warning` : l'appréciation de l'intérêt relève du
    juge, qui cherche une influence effective sur le vote).

    Base légale : CGCT, art. L2131-11 (« Sont illégales les délibérations auxquelles ont pris part
    un ou plusieurs membres du conseil intéressés à l'affaire ») ; CE, 16 décembre 1994, Commune
    d'Oullins.

    Exemple conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT, Marc ROUX.
        Absent : Jean BLANC.
        M. Paul MARTIN, président de l'association, ne prend pas part au vote.
        Adopté. Pour : 3 ; Contre : 0 ; Abstention : 0.

    Exemple non conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT, Marc ROUX.
        Absent : Jean BLANC.
        M. Paul MARTIN, président de l'association, ne prend pas part au vote.
        Adopté. Pour : 4 ; Contre : 0 ; Abstention : 0.
    """

    name = "interested-member"
    severity = Severity.WARNING
    cases = {"counted": Severity.WARNING, "proxy-counted": Severity.WARNING, "unanimity-of-present": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.RETRAIT, "Si le conseiller intéressé a pu influencer la décision, retirer l'acte et le faire voter de nouveau hors de sa présence (CGCT, art. L. 2131-11) ; sinon, mentionner au registre qu'il n'a pas pris part au vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        vote, att = delib.vote, delib.attendance
        if vote is None or not delib.withdrawn:
            return
        names = ", ".join(m.name for m in delib.withdrawn)
        if "unanimit" in vote.text.lower() and "présents" in vote.text.lower():
            yield Finding(vote.span, f"« à l'unanimité des présents » alors que {names} ne prend pas part au vote", "unanimity-of-present")
            return
        if att is None or vote.for_ is None or att.has_time_notes:
            return
        tally = att.tally()
        present, represented = tally.present.value, tally.represented.value
        if present is None or represented is None:
            return
        cast = max(vote.voting or 0, vote.for_ + (vote.against or 0) + (vote.abstention or 0))
        if cast >= present + represented:
            yield Finding(vote.span, f"{cast} voix comptées, soit tous les présents et représentés, alors que {names} ne prend pas part au vote", "counted")
            return
        held = [p for p in att.represented if p.holder is not None and any(same_person(p.holder.name, m.name) for m in delib.withdrawn)]
        if held and cast >= present + represented - len(delib.withdrawn):
            givers = ", ".join(p.giver.name for p in held)
            yield Finding(vote.span, f"{names} ne prend pas part au vote, mais le pouvoir qu'il porte ({givers}) semble compté", "proxy-counted")
