"""Rule quorum: more than half of the members in office are present."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import BodyKind, Deliberation, Organ
from validator.people import in_covid_window
from validator.rule import Context, Finding, Rule
from validator.ruledata import load


class Quorum(Rule):
    """Le quorum est atteint : plus de la moitié des membres en exercice sont présents.

    Le quorum est « plus de la moitié » : 6 sur 11, 5 sur 8, 51 sur 100. Les membres représentés
    (pouvoirs) ne comptent pas, sauf en commission permanente d'un département ou d'une région,
    où comptent les membres « présents ou représentés ». Aucun quorum n'est requis lors d'une
    seconde convocation (« deuxième convocation », « sans condition de quorum »). Pendant l'état
    d'urgence sanitaire (du 24 mars 2020 au 31 juillet 2022), le quorum était du tiers des
    membres : un manquement dans cette période n'est qu'un `warning`.

    Le nombre de membres en exercice vient du texte (« Nombre de membres en exercice : 19 ») ou
    de la liste des membres (`roster:` de `.delib.yaml`). Le quorum s'apprécie à chaque point :
    quand des présences varient au cours de la séance (arrivées, départs), un manquement n'est qu'un
    `warning` ; quand le nombre de présents n'est connu que par la liste (où le président de séance
    peut manquer), un manquement d'une voix n'est qu'une `info`.

    Base légale : CGCT, art. L2121-17 (communes), L5211-1 (EPCI, et bureau agissant par
    délégation), L3121-14 et L3121-14-1 (département, commission permanente), L4132-13
    (région) ; loi n° 2020-290 art. 10 et loi n° 2020-1379 art. 6 (dérogations sanitaires).

    Exemple conforme ::

        Séance du Conseil municipal du 12 mars 2019.
        Nombre de membres en exercice : 15
        Présents : 8

    Exemple non conforme ::

        Séance du Conseil municipal du 12 mars 2019.
        Nombre de membres en exercice : 15
        Présents : 7
        Pouvoirs : 4
    """

    name = "quorum"
    severity = Severity.ERROR
    cases = {
        "not-met": Severity.ERROR,
        "not-met-derogation": Severity.WARNING,
        "not-met-varying": Severity.WARNING,
        "not-met-by-one": Severity.INFO,
    }
    remedies = {
        None: Remedy(RemedyKind.RETRAIT, "Si le nombre de présents est juste, retirer l'acte et le soumettre de nouveau à l'assemblée, convoquée à nouveau (sans condition de quorum à trois jours au moins, CGCT, art. L. 2121-17) ; s'il a été mal transcrit, le corriger."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None or delib.session.second_convocation:
            return
        declared_office = att.count("in_office")
        in_office = declared_office.value if declared_office else (ctx.roster.in_office if ctx.roster else None)
        tally = att.tally()
        present, declared = tally.present.value, tally.present.declared
        if not in_office or present is None:
            return
        anchor = att.count("present") or declared_office
        where = anchor.span if anchor else att.span
        counted = present
        label = "présents"
        substitutes = att.count("substitutes")
        if declared and substitutes is not None:
            # "présents titulaires : 45 - présents suppléants : 4": a suppléant sits for his titulaire.
            counted, label = present + substitutes.value, "présents (suppléants compris)"
        if delib.body.organ is Organ.COMMISSION_PERMANENTE and delib.body.kind in (BodyKind.DEPARTEMENT, BodyKind.REGION):
            represented = tally.represented.value
            if represented is None:
                return
            counted, label = present + represented, "présents ou représentés"
        needed = in_office // 2 + 1
        if counted >= needed:
            return
        num, den = load("derogations.yaml")["covid"]["quorum_fraction"]
        third = counted * den >= in_office * num
        if in_covid_window(delib.session.date):
            if not third:
                yield Finding(where, f"quorum non atteint même selon la règle dérogatoire du tiers : {counted} {label} pour {in_office} membres en exercice", "not-met-derogation")
            return
        if delib.session.date is None and third:
            # Without the session's date, the sanitary derogation (one third) cannot be ruled out.
            yield Finding(where, f"quorum de la moitié non atteint ({counted} {label} pour {in_office} en exercice) ; date de séance inconnue : la règle dérogatoire du tiers a pu s'appliquer", "not-met-derogation")
            return
        message = f"quorum non atteint : {counted} {label} pour {in_office} membres en exercice ({needed} requis)"
        if not declared and counted + 1 >= needed:
            yield Finding(where, message + " ; le président de séance est peut-être présent sans être nommé", "not-met-by-one")
            return
        if att.has_time_notes:
            # The quorum is judged at each item: arrivals may have completed it by the vote.
            yield Finding(where, message + " ; des présences varient au cours de la séance", "not-met-varying")
            return
        yield Finding(where, message, "not-met")
