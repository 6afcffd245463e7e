"""Rule date-consistency: a date agrees with its weekday and with its restatement in figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.diagnostics import Severity
from validator.document import Span
from validator.french import FoundDate, find_dates, format_date, weekday_name
from validator.model import Deliberation
from validator.names import fold
from validator.rule import Context, Finding, Rule

# "le dix-neuf juin deux mil quinze (19/06/2015)", "19 juin 2015 (dix-neuf juin deux mil quinze)",
# "..., soit le 19/06/2015": one date restated, in brackets or after "soit".
_RESTATED = re.compile(r"[\s\u00a0]*(?:[(\[]|(?:,[\s\u00a0]*)?soit[\s\u00a0]+(?:le[\s\u00a0]+)?[(\[]?)[\s\u00a0]*", re.IGNORECASE)
_RESTATED_REACH = 40
_FIGURES = re.compile(r"\d{4}|\d[/.]\d")


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

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        text = ctx.document.text
        dates = sorted(find_dates(text, delib.span.start, delib.span.end), key=lambda d: d.start)
        for found in dates:
            if found.weekday and fold(found.weekday) != fold(weekday_name(found.date)):
                yield Finding(
                    Span(found.start, found.end),
                    f"le {format_date(found.date)} était un {weekday_name(found.date)}, non un {found.weekday.lower()}",
                    "weekday",
                )
        for first, second in zip(dates, dates[1:]):
            if _in_words(text, first) == _in_words(text, second) or first.date == second.date:
                continue
            # A restatement follows its date at once: "(", ", soit le": a few characters at most.
            if first.end <= second.start <= first.end + _RESTATED_REACH and _RESTATED.fullmatch(text, first.end, second.start):
                words, figures = (first, second) if _in_words(text, first) else (second, first)
                yield Finding(
                    Span(first.start, second.end),
                    f"date en lettres ({format_date(words.date)}) différente de sa reprise en chiffres ({format_date(figures.date)})",
                    "words-figures",
                )


def _in_words(text: str, found: FoundDate) -> bool:
    """The year (and so the date) is written in words: no four-digit year, no d/m/y figures."""
    return not _FIGURES.search(text, found.start, found.end)
