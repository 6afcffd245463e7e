"""Rule retroactivity: an act does not take effect before its own séance, except where the law allows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_date
from validator.model import Deliberation, EffectDate, Effects
from validator.rule import Context, Finding, Rule

_SUBJECT = {
    "allowances": "des indemnités de fonction des élus",
    "tariffs": "des tarifs",
    "indemnity-regime": "du régime indemnitaire",
}
# Years of a general renewal of councils (municipal, departmental, regional), from March to July:
# the allowances of the new élus run from their installation, before the séance that fixes them.
_RENEWALS = frozenset({2008, 2010, 2011, 2014, 2015, 2020, 2021, 2026})


class Retroactivity(Rule):
    """Un acte ne prend pas effet avant la date de sa séance, sauf si la loi le permet.

    Signale une date d'effet du dispositif (« à compter du », « avec effet au », « prend effet le »,
    « applicable au », « entre en vigueur le ») antérieure à la séance : une délibération ne
    dispose que pour l'avenir. C'est l'une des irrégularités que les préfectures relèvent le plus
    souvent : indemnités des élus, tarifs, régime indemnitaire du personnel fixés « à compter du 1er
    janvier » par une séance de mars.

    Exceptions reconnues : les indemnités de fonction des élus après un renouvellement général,
    dues dès l'installation ou l'élection (signalées en `info`, cas `after-election`, quand l'acte
    mentionne l'installation ou que la date est celle d'un renouvellement) ; le budget et les taux
    d'imposition votés avant le 15 avril (30 avril l'année d'un renouvellement) pour l'année entière,
    non signalés ; pour tout autre acte la loi peut le permettre (régularisation, validation
    législative, exécution d'une décision de justice) : `info` (cas `other`), à vérifier.

    `warning` (cas `retroactive`) pour les indemnités des élus, les tarifs et le régime
    indemnitaire.

    Base légale : principe général de non-rétroactivité des actes administratifs (CE, Ass., 25 juin
    1948, Société du journal L'Aurore) ; caractère exécutoire après publication et transmission
    (CGCT, art. L. 2131-1) ; indemnités de fonction (CGCT, art. L. 2123-20-1) ; budget et taux
    (CGCT, art. L. 1612-2 ; code général des impôts, art. 1639 A).

    Exemple conforme ::

        Séance du Conseil municipal du 12 mars 2024.
        Objet : Tarifs de la cantine scolaire
        DÉCIDE
        Article 1 : Le prix du repas est fixé à 3,40 € à compter du 1er septembre 2024.

    Exemple non conforme ::

        Séance du Conseil municipal du 12 mars 2024.
        Objet : Tarifs de la cantine scolaire
        DÉCIDE
        Article 1 : Le prix du repas est fixé à 3,40 € à compter du 1er janvier 2024.
    """

    name = "retroactivity"
    severity = Severity.WARNING
    cases = {"retroactive": Severity.WARNING, "after-election": Severity.INFO, "other": Severity.INFO}
    remedies = {
        "retroactive": Remedy(
            RemedyKind.RECTIFICATIVE,
            "Faire voter à la prochaine séance une délibération rectificative qui fixe la date d'effet au plus tôt au jour où l'acte devient exécutoire.",
        ),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        effects, session = delib.effects, delib.session
        if effects is None or session.date is None or session.date_guessed:
            return
        before = [d for d in effects.dates if d.date < session.date]
        if not before:
            return
        first = min(before, key=lambda d: d.date)
        case = _case(effects, first, session.date)
        if case is None:
            return
        what = _SUBJECT.get(first.subject, "de l'acte")
        message = f"date d'effet {what} fixée au {format_date(first.date)}, avant la séance du {format_date(session.date)}"
        if case == "retroactive":
            message += " : une délibération ne dispose que pour l'avenir"
        elif case == "after-election":
            message += " : admis pour les indemnités dues depuis l'installation des élus, à vérifier"
        else:
            message += " : un acte ne rétroagit que si la loi le permet, à vérifier"
        yield Finding(first.span, message, case)


def _case(effects: Effects, first: EffectDate, session: dt.date) -> str | None:
    if first.subject == "budget":
        # The budget and the tax rates of a year are voted for the whole year, by mid-April.
        voted_in_time = first.date.year == session.year and session.month <= 4
        return None if voted_in_time else "other"
    if first.subject == "allowances":
        renewal = first.date.year in _RENEWALS and 3 <= first.date.month <= 7
        return "after-election" if effects.installation is not None or renewal else "retroactive"
    if first.subject in _SUBJECT:
        return "retroactive"
    return "other"
