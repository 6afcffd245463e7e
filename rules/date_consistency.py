"""Rule date-consistency: a date agrees with its weekday and with its restatement in figures."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_date, weekday_name
from validator.model import Deliberation
from validator.names import fold
from validator.rule import Context, Finding, Rule

class DateConsistency(Rule):
    """Une date s'accorde avec son jour de la semaine et avec sa reprise en chiffres.

    Signale un jour de la semaine qui n'est pas celui de la date (« le mercredi 24 avril 2014 » :
    le 24 avril 2014 était un jeudi), et une date écrite en lettres que sa reprise en chiffres,
    entre parenthèses ou après « soit », contredit (« le dix-neuf juin deux mil quinze
    (19/06/2016) »). Les dates de transmission, de publication ou d'exécution antérieures à la
    séance relèvent de la règle `executoire-dates`, qui seule les compare à la séance.

    La contradiction entre lettres et chiffres est une `error`, comme pour un montant : l'acte dit
    deux choses. Le jour de la semaine faux est un `warning` : la contradiction est certaine, mais
    le plus souvent le jour seul est fautif (modèle recopié) et la date reste lisible, et un chiffre
    perdu ou mal lu par l'extraction d'un PDF ou une reconnaissance de caractères (« 2 avril » pour
    « 24 avril ») suffit à la produire ; c'est au lecteur de trancher.

    Base légale : cohérence interne de l'acte ; la date de la séance figure sur les feuillets du
    registre (CGCT, art. R2121-9) et fonde les règles qui en dépendent (quorum, publicité).

    Exemple conforme ::

        Séance du conseil municipal du jeudi 24 avril 2014
        L'an deux mille quatorze, le vingt-quatre avril (24/04/2014), le Conseil municipal s'est réuni.
        DÉCIDE
        Article 1 : Le règlement intérieur est adopté.

    Exemple non conforme ::

        Séance du conseil municipal du mercredi 24 avril 2014
        Le Conseil municipal s'est réuni le dix-neuf juin deux mil quinze (19/06/2016).
        DÉCIDE
        Article 1 : Le règlement intérieur est adopté.
    """

    name = "date-consistency"
    severity = Severity.WARNING
    cases = {"words-figures": Severity.ERROR, "weekday": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Corriger la date d'après le registre de la séance, pour qu'elle soit la même partout (en lettres, en chiffres, avec son jour), sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for mention in delib.dates:
            if mention.weekday and fold(mention.weekday) != fold(weekday_name(mention.date)):
                yield Finding(
                    mention.span,
                    f"le {format_date(mention.date)} était un {weekday_name(mention.date)}, non un {mention.weekday.lower()}",
                    "weekday",
                )
            if mention.restatement is not None and mention.restatement[0] != mention.date:
                other, where = mention.restatement
                words, figures = (mention.date, other) if mention.in_words else (other, mention.date)
                yield Finding(
                    mention.span.cover(where),
                    f"date en lettres ({format_date(words)}) différente de sa reprise en chiffres ({format_date(figures)})",
                    "words-figures",
                )
