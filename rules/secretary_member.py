"""Rule secretary-member: the secrétaire de séance is one of the members present."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.people import absent, find, lists_complete, present
from validator.rule import Context, Finding, Rule


class SecretaryMember(Rule):
    """Le secrétaire de séance est l'un des membres présents.

    Le conseil nomme son secrétaire parmi ses membres ; des auxiliaires (agents) peuvent l'assister
    sans en prendre la place. Signale un secrétaire noté absent ou représenté (`warning`) et un
    secrétaire introuvable parmi les présents d'une liste complète (`warning` : un agent, ou une
    variante d'orthographe). Rien n'est vérifié sans liste des présents, ou quand elle est coupée.

    Base légale : CGCT, art. L2121-15 (« le conseil municipal nomme un ou plusieurs de ses membres
    pour remplir les fonctions de secrétaire ») ; réponse ministérielle, Sénat, n° 05899 (2003).

    Exemple conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT.
        Absent : Marc ROUX.
        Secrétaire de séance : Léa PETIT.

    Exemple non conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT.
        Absent : Marc ROUX.
        Secrétaire de séance : Marc ROUX.
    """

    name = "secretary-member"
    severity = Severity.WARNING
    cases = {"absent": Severity.WARNING, "not-present": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Vérifier qui a été désigné secrétaire de séance et corriger son nom ou la liste de présence, sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None or att.secretary is None or not lists_complete(att) or att.all_present_except:
            return
        secretary = att.secretary
        if find(secretary.name, present(att)) is not None or secretary.time_note:
            return
        away = find(secretary.name, absent(att) + [p.giver for p in att.represented])
        if away is not None:
            if not away.time_note:
                yield Finding(secretary.span, f"le secrétaire de séance, {secretary.name}, est noté absent", "absent")
            return
        yield Finding(secretary.span, f"le secrétaire de séance, {secretary.name}, n'est pas parmi les membres présents", "not-present")
