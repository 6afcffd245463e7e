"""Rule proxy-holder-absent: a proxy is given to a member who is present."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation
from validator.names import role_of_holder
from validator.people import absent, index, is_president, lists_complete, present
from validator.rule import Context, Finding, Rule


class ProxyHolderAbsent(Rule):
    """Le porteur d'un pouvoir est présent à la séance : il vote pour l'absent en votant lui-même.

    Le mandataire vote au nom du mandant en participant à la séance ; un pouvoir donné à un
    membre absent ne peut pas servir. Le porteur est cherché parmi les présents par son nom
    (accents, majuscules, traits d'union et particules ignorés ; le prénom peut manquer) ; un
    porteur désigné par sa fonction (« M. le Maire ») est le président de séance. Un porteur noté
    absent est une `error` ; un porteur introuvable dans une liste complète des présents, peut-être
    une variante d'orthographe, un `warning`. Quand la liste des présents manque ou est coupée, seul
    le porteur noté absent est signalé.

    Base légale : CGCT, art. L2121-20 (le pouvoir est donné « à un collègue ») ; réponse
    ministérielle n° 31465 (le mandataire manifeste son vote deux fois).

    Exemple conforme ::

        Etaient présents : Anne DURAND - Paul MARTIN - Léa PETIT
        Etaient absents et représentés : Marc ROUX représenté par Paul MARTIN

    Exemple non conforme ::

        Etaient présents : Anne DURAND - Paul MARTIN - Léa PETIT
        Etaient absents et représentés : Marc ROUX représenté par Jean BLANC
        Etaient absents et excusés : Jean BLANC
    """

    name = "proxy-holder-absent"
    severity = Severity.ERROR
    cases = {"holder-absent": Severity.ERROR, "holder-not-found": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Vérifier sur la feuille d'émargement la présence du mandataire et corriger la liste ; s'il était absent, le pouvoir n'a pas été exercé et, si le vote en change, l'acte doit être retiré."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None:
            return
        # A holder listed absent is a defect even without a list of the present (it may be
        # written by commune, or lost); one merely missing from them needs their whole list.
        complete = lists_complete(att)
        here, away = index(present(att)), index(absent(att))
        givers = index(p.giver for p in att.represented)
        cut = att.represented_list is not None and att.represented_list.open_ended
        for i, proxy in enumerate(att.represented):
            holder = proxy.holder
            if cut and i == len(att.represented) - 1:
                continue  # the excerpt ends in this proxy: its holder's name may be cut off
            if holder is None or here.find(holder.name) is not None or is_president(delib, holder):
                continue
            if role_of_holder(holder.name) or role_of_holder(f"{holder.civility or ''} {holder.name}".strip()):
                continue  # "Mme la première adjointe": a function, not a name to look up
            missing = away.find(holder.name) or givers.find(holder.name)
            if missing is not None and not missing.time_note:
                yield Finding(holder.span, f"pouvoir de {proxy.giver.name} donné à {holder.name}, qui est noté absent", "holder-absent")
            elif missing is None and complete:
                yield Finding(holder.span, f"pouvoir de {proxy.giver.name} donné à {holder.name}, introuvable parmi les présents", "holder-not-found")
