"""Rule proxy-multiple: no member holds more proxies than the law allows."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation, Proxy
from validator.names import NameIndex
from validator.people import in_covid_window
from validator.rule import Context, Finding, Rule
from validator.ruledata import load


class ProxyMultiple(Rule):
    """Un même membre ne porte qu'un seul pouvoir (deux pendant l'état d'urgence sanitaire).

    Signale le mandataire qui porte plus de pouvoirs que la loi ne le permet : un seul en règle
    générale (`error`) ; deux du 24 mars 2020 au 31 juillet 2022 (au-delà : `warning`). Quand l'un
    des pouvoirs ne vaut que pour une partie de la séance (« à partir de 10 h 50 »), le cumul n'est
    peut-être pas simultané : `info` ; quand les heures disent que les pouvoirs se succèdent
    (« jusqu'à 10 h 25 », puis « à partir de 11 h 20 »), rien n'est signalé. Un suppléant qui siège en personne ne porte pas de pouvoir.

    Base légale : CGCT, art. L2121-20 (« Un même conseiller municipal ne peut être porteur que d'un
    seul pouvoir »), L5211-1 (EPCI), L3121-16 (département), L4132-15 (région) ; loi n° 2020-290
    art. 10 et loi n° 2020-1379 art. 6 (deux pouvoirs).

    Exemple conforme ::

        Séance du 12 mars 2019.
        Etaient présents : Anne DURAND - Paul MARTIN - Léa PETIT
        Etaient absents et représentés : Marc ROUX représenté par Paul MARTIN - Jean BLANC représenté par Léa PETIT

    Exemple non conforme ::

        Séance du 12 mars 2019.
        Etaient présents : Anne DURAND - Paul MARTIN - Léa PETIT
        Etaient absents et représentés : Marc ROUX représenté par Paul MARTIN - Jean BLANC représenté par Paul MARTIN
    """

    name = "proxy-multiple"
    severity = Severity.ERROR
    cases = {"too-many": Severity.ERROR, "too-many-derogation": Severity.WARNING, "not-simultaneous": Severity.INFO}
    remedies = {
        None: Remedy(RemedyKind.RETRAIT, "Ne compter qu'un pouvoir par mandataire (CGCT, art. L. 2121-20) : si le second pouvoir change le quorum ou le résultat du vote, l'acte doit être retiré et soumis de nouveau au vote."),
    }
    options = {"limit": 1}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None:
            return
        groups: list[list[Proxy]] = []
        # The first proxy of each holder, to find his group (held proxies grouped per person).
        firsts: NameIndex[tuple[str, int]] = NameIndex((), lambda g: g[0])
        for proxy in att.represented:
            if proxy.holder is None:
                continue
            found = firsts.find(proxy.holder.name)
            if found is None:
                firsts.add((proxy.holder.name, len(groups)))
                groups.append([proxy])
            else:
                groups[found[1]].append(proxy)
        derogation = in_covid_window(delib.session.date)
        limit = load("derogations.yaml")["covid"]["proxies_per_holder"] if derogation else ctx.options["limit"]
        for group in groups:
            if len(group) <= limit or _in_turn(group):
                continue
            holder = group[0].holder
            assert holder is not None
            givers = ", ".join(p.giver.name for p in group)
            where = group[limit].holder.span
            if any(p.giver.time_note for p in group):
                yield Finding(where, f"{holder.name} porte {len(group)} pouvoirs ({givers}), pour des parties différentes de la séance ?", "not-simultaneous")
            elif derogation:
                yield Finding(where, f"{holder.name} porte {len(group)} pouvoirs ({givers}) : deux au plus pendant l'état d'urgence sanitaire", "too-many-derogation")
            else:
                yield Finding(where, f"{holder.name} porte {len(group)} pouvoirs ({givers}) : un seul est permis", "too-many")


def _in_turn(group: list[Proxy]) -> bool:
    """The proxies of one holder follow each other in time ("jusqu'à 10 h 25" / "à partir de 11 h 20"):
    never two at once."""
    if any(p.since is None and p.until is None for p in group):
        return False
    windows = sorted((p.since if p.since is not None else -1, p.until if p.until is not None else 24 * 60) for p in group)
    return all(a[1] <= b[0] for a, b in zip(windows, windows[1:]))
