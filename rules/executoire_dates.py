"""Rule executoire-dates: transmission, publication and enforceability come after the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_date
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule



class ExecutoireDates(Rule):
    """La transmission, la publication et le caractère exécutoire d'un acte ne précèdent pas sa séance.

    Compare à la date de la séance les dates que l'acte mentionne : envoi ou transmission en
    préfecture, réception en préfecture (accusé de réception @ctes), publication ou affichage,
    caractère exécutoire ; et la date de l'acte que porte l'identifiant @ctes
    (« 034-213401722-20140424-0000071216-DE » : département, SIREN, date de l'acte en
    aaaammjj, numéro interne, nature). Une date antérieure à la séance est une `error` : l'acte
    n'existait pas encore. Quand la date de la séance n'est pas lue, celle de l'identifiant @ctes
    (la date de l'acte) sert de référence. Un cachet répété sur chaque page est lu à chaque page.
    Rien n'est dit d'une date lue après une mention de convocation ou de séance. Cette règle est la seule à comparer la séance aux
    dates de transmission (`date-consistency` ne le fait pas).

    Base légale : CGCT, art. L2131-1 (les actes sont exécutoires dès leur publication ou
    notification et, pour ceux de l'article L2131-2, leur transmission au représentant de l'État ;
    le maire peut certifier le caractère exécutoire), L3131-1 pour le département ; les mentions
    certifiées font foi jusqu'à preuve contraire (catalogue, SIG-05).

    Exemple conforme ::

        Séance du conseil municipal du jeudi 24 avril 2014
        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Le règlement intérieur est adopté.
        Le Conseil adopte.
        Accusé de réception – Ministère de l'intérieur
        034-213401722-20140424-0000071254-DE
        Réception en Préfecture : 28/04/2014
        Publiée le : 25/04/2014

    Exemple non conforme ::

        Séance du conseil municipal du jeudi 24 avril 2014
        Vu le Code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Le règlement intérieur est adopté.
        Le Conseil adopte.
        Accusé de réception – Ministère de l'intérieur
        034-213401722-20140414-0000071254-DE
        Réception en Préfecture : 28/03/2014
        Publiée le : 25/04/2014
    """

    name = "executoire-dates"
    severity = Severity.ERROR
    cases = {"before-session": Severity.ERROR, "acte-id-before-session": Severity.ERROR}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Corriger la date de séance ou celle de la transmission et de la publication d'après les accusés de réception, sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        transmission = delib.transmission
        if transmission is None:
            return
        session = delib.session.date
        # Without the séance's date, the act's own date in its @ctes id is the reference.
        reference, of = (session, "la séance") if session is not None else (transmission.act_date, "l'acte (identifiant @ctes)")
        if reference is None:
            return
        seen: set[tuple[str, dt.date]] = set()
        for kind, dated in transmission.stamps:
            if dated.date < reference and (kind, dated.date) not in seen:
                seen.add((kind, dated.date))
                yield Finding(dated.span, f"{_WHAT[kind]} datée du {format_date(dated.date)}, avant {of} du {format_date(reference)}", "before-session")
        act_date, where = transmission.act_date, transmission.act_date_span
        if session is not None and act_date is not None and where is not None and act_date < session:
            yield Finding(
                where,
                f"l'identifiant @ctes date l'acte du {format_date(act_date)}, avant la séance du {format_date(session)}",
                "acte-id-before-session",
            )


_WHAT = {"sent": "transmission en préfecture", "received": "réception en préfecture", "published": "publication", "executory": "caractère exécutoire"}
