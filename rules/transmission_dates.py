"""Rule transmission-dates: the chain of dates around the act, and its publication mention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_date
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule

# Ordonnance 2021-1310 and décret 2021-1311: electronic publication, with its date, from this day.
REFORM = dt.date(2022, 7, 1)


class TransmissionDates(Rule):
    """Les dates de l'acte se suivent, et depuis le 1er juillet 2022 l'acte transmis mentionne sa publication.

    Paquet `transmission` (désactivé par défaut ; `extends: actes` ou `--select transmission`).
    Compare les dates que l'acte écrit, dans l'ordre où elles se produisent : convocation, séance,
    envoi en préfecture, réception en préfecture.

    - Une convocation datée après la séance est une `info` : la date de la séance lue peut être
      celle d'une autre séance citée par l'acte (un procès-verbal approuvé).
    - Une réception en préfecture antérieure à l'envoi est un `warning` : le tampon se contredit.
    - Depuis le 1er juillet 2022, un acte qui porte un cachet de transmission sans aucune mention
      de publication (« Publié le », « Mis en ligne le », « Affiché le », même sans date lue) est une
      `info` : la version publiée doit porter sa date de mise en ligne ; un acte sans cachet est le
      plus souvent la version d'avant l'envoi, dont rien n'est dit.

    Les dates antérieures à la séance (transmission, publication, identifiant @ctes) relèvent de la
    règle `executoire-dates`, qui seule les compare à la séance. La publication et la transmission
    sont deux conditions du caractère exécutoire sans ordre entre elles : un acte publié avant sa
    réception en préfecture n'est pas signalé. La date de signature n'est pas encore lue, ni
    l'ordre du caractère exécutoire et de la réception (un tampon sur deux colonnes fait lire au
    libellé « Certifié exécutoire » la date de la séance voisine).

    Base légale : CGCT, art. L2121-10 à L2121-12 (convocation avant la séance), L2131-1 (caractère
    exécutoire : publication et transmission ; le maire peut le certifier), R2131-1 (publication
    électronique : la version électronique mentionne la date de sa mise en ligne), dans leur
    rédaction issue de l'ordonnance n° 2021-1310 et du décret n° 2021-1311 du 7 octobre 2021, en
    vigueur le 1er juillet 2022 ; R3131-2 pour le département.

    Exemple conforme ::

        Séance du conseil municipal du 12 mai 2023
        Date de convocation : 5 mai 2023
        DÉCIDE
        Article 1 : Le tarif est fixé à 3 €.
        Adoptée à l'unanimité.
        Envoyé en préfecture le 15 mai 2023
        Reçu en préfecture le 15 mai 2023
        Publié le 16 mai 2023

    Exemple non conforme ::

        Séance du conseil municipal du 12 mai 2023
        Date de convocation : 5 mai 2023
        DÉCIDE
        Article 1 : Le tarif est fixé à 3 €.
        Adoptée à l'unanimité.
        Envoyé en préfecture le 15 mai 2023
        Reçu en préfecture le 13 mai 2023
    """

    name = "transmission-dates"
    pack = "transmission"
    severity = Severity.WARNING
    cases = {
        "convocation-after-session": Severity.INFO,
        "received-before-sent": Severity.WARNING,
        "no-publication-mention": Severity.INFO,
    }
    remedies = {
        "received-before-sent": Remedy(RemedyKind.TRANSCRIPTION, "Corriger les dates d'envoi et de réception reportées sur l'acte d'après l'accusé de réception de la préfecture."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        session, t = delib.session, delib.transmission
        convocation = session.convocation
        if convocation is not None and session.date is not None and not session.date_guessed and convocation.date > session.date:
            yield Finding(
                convocation.span,
                f"convocation datée du {format_date(convocation.date)}, après la séance du {format_date(session.date)}",
                "convocation-after-session",
            )
        if t is None:
            return
        if t.sent is not None and t.received is not None and t.received.date < t.sent.date:
            yield Finding(
                t.received.span,
                f"réception en préfecture datée du {format_date(t.received.date)}, avant l'envoi du {format_date(t.sent.date)}",
                "received-before-sent",
            )
        if session.date is not None and session.date >= REFORM and delib.publication_mention is None and t.published is None and not delib.truncated:
            at = t.acte_id_span or next((d.span for _, d in t.stamps), None)
            if at is not None:
                yield Finding(
                    at,
                    "acte transmis sans mention de publication (« publié le », « mis en ligne le ») : depuis le 1er juillet 2022,"
                    " la version publiée porte la date de sa mise en ligne",
                    "no-publication-mention",
                )
