"""Rule amount-consistency: a sum is the same everywhere, and its figures agree with its words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from validator.diagnostics import Edit, Fix, Remedy, RemedyKind, Severity
from validator.model import Amount, Deliberation
from validator.rule import Context, Finding, Rule


class AmountConsistency(Rule):
    """Un montant s'écrit de la même façon partout : chiffres et lettres concordent, rapport et dispositif aussi.

    Vérifie qu'un montant écrit en chiffres et en lettres côte à côte (« vingt mille euros
    (20 000 €) ») donne deux fois la même somme ; et que la somme attribuée dans le dispositif
    (articles) est celle que le rapport annonce pour le même objet (subvention, participation,
    loyer, prix...). Les formes françaises sont reconnues : « 20 000 € », « 20 000,50 € »,
    « 20.000 € », « 20000€ », « 1 234 567,89 euros », avec espaces insécables ou fines.

    Le désaccord chiffres/lettres est une `error` (le correctif réécrit les lettres d'après les
    chiffres) ; un écart entre rapport et dispositif, qui peut viser deux sommes différentes
    (total et part, HT et TTC), est un `warning`, comme une somme du dispositif que le rapport ne
    donne pas mais dont un seul chiffre diffère d'une somme qu'il donne (« 148 000 € » annoncés,
    « 248 000 € » attribués : cas `report-typo`).

    Base légale : cohérence interne de l'acte ; la mention en lettres relève de l'usage.

    Exemple conforme ::

        Il est proposé d'attribuer une subvention de 20 000 € à l'association.
        DÉCIDE
        Article 1 : Une subvention de vingt mille euros (20 000 €) est attribuée à l'association.

    Exemple non conforme ::

        Il est proposé d'attribuer une subvention de 20 000 € à l'association.
        DÉCIDE
        Article 1 : Une subvention de vingt-cinq mille euros (20 000 €) est attribuée à l'association.
    """

    name = "amount-consistency"
    severity = Severity.ERROR
    cases = {"words-mismatch": Severity.ERROR, "report-mismatch": Severity.WARNING, "report-typo": Severity.WARNING}
    remedies = {
        "words-mismatch": Remedy(RemedyKind.RECTIFICATIVE, "Faire fixer à la prochaine séance, par une délibération rectificative, le montant voté, écrit de la même façon en chiffres et en lettres."),
        "report-mismatch": Remedy(RemedyKind.TRANSCRIPTION, "Corriger le rapport pour qu'il reprenne le montant du dispositif voté, sans nouveau vote si c'est bien ce montant que l'assemblée a adopté."),
        "report-typo": Remedy(RemedyKind.TRANSCRIPTION, "Corriger la faute de frappe du montant dans le rapport, sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for amount in delib.amounts:
            if amount.words_value is not None and amount.words_value != amount.value and amount.words_span is not None:
                yield Finding(
                    amount.words_span,
                    f"montant en lettres ({_fmt(amount.words_value)} €) différent du montant en chiffres ({amount.text.strip()})",
                    "words-mismatch",
                    _words_fix(amount),
                )
        yield from _report_vs_dispositif(delib)
        yield from _one_figure_apart(delib)


def _report_vs_dispositif(delib: Deliberation) -> Iterator[Finding]:
    report: dict[str, set[Decimal]] = defaultdict(set)
    written: dict[str, str] = {}
    dispositif: dict[str, list[Amount]] = defaultdict(list)
    for a in delib.amounts:
        if a.subject is None:
            continue
        if a.in_dispositif:
            dispositif[a.subject].append(a)
        else:
            report[a.subject].add(a.value)
            written.setdefault(a.subject, a.text.strip())
    for subject, amounts in dispositif.items():
        values = {a.value for a in amounts}
        stated = report.get(subject)
        # Only one sum on each side for that object: anything else may be a total and its parts.
        if not stated or len(stated) != 1 or len(values) != 1 or stated == values:
            continue
        for a in amounts:
            yield Finding(
                a.span,
                f"{subject} de {a.text.strip()} dans le dispositif, mais de {written[subject]} dans le rapport",
                "report-mismatch",
            )


def _one_figure_apart(delib: Deliberation) -> Iterator[Finding]:
    """A sum of the dispositif that the report does not state, one figure away from one it states
    ("148 000 €" in the report, "248 000 €" in the article): a slip of the pen, whatever the noun."""
    report = {a.value: a for a in delib.amounts if not a.in_dispositif}
    for a in delib.amounts:
        if not a.in_dispositif or a.value in report:
            continue
        near = [r for r in report.values() if _one_figure(a.value, r.value)]
        if len(near) == 1:
            yield Finding(a.span, f"{a.text.strip()} dans le dispositif, {near[0].text.strip()} dans le rapport : un chiffre diffère", "report-typo")


def _one_figure(a: Decimal, b: Decimal) -> bool:
    """Same number of figures, at least three of them significant, exactly one different."""
    x, y = f"{a:.2f}", f"{b:.2f}"
    if len(x) != len(y) or len(x.rstrip("0.")) < 3:
        return False
    return sum(p != q for p, q in zip(x, y)) == 1


def _fmt(value: Decimal) -> str:
    whole, _, cents = f"{value:.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", "\u202f")
    return grouped if cents == "00" else f"{grouped},{cents}"


def _words_fix(amount: Amount) -> Fix | None:
    if amount.words_span is None:
        return None
    from num2words import num2words  # only needed to write a fix, not to check

    euros = int(amount.value)
    cents = int((amount.value - euros) * 100)
    words = f"{num2words(euros, lang='fr')} euro{'s' if euros > 1 else ''}"
    if cents:
        words += f" et {num2words(cents, lang='fr')} centime{'s' if cents > 1 else ''}"
    return Fix(f"Écrire « {words} »", (Edit(amount.words_span.start, amount.words_span.end, words),))
