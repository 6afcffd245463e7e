"""Rule amount-arithmetic: a stated total or balance is the sum of the parts stated before it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_amount
from validator.model import Deliberation, TotalPart
from validator.rule import Context, Finding, Rule


class AmountArithmetic(Rule):
    """Un total ou un solde annoncé est la somme des montants énoncés juste avant lui.

    Repère les totaux et soldes annoncés (« soit un total de », « Total : », « d'où un excédent
    de », « ce qui porte la somme à », « Soit un résultat excédentaire cumulé de ») et les
    compare aux montants énoncés avant eux : la liste qui les précède (une ligne, un montant,
    jusqu'à la phrase qui l'introduit) ou la phrase qui les contient. Les signes écrits sont
    respectés (« section d'investissement : -176.514,06 € »). La règle se tait dès que les
    parties ne sont pas sûres : sous-postes (« dont »), montants par période ou par unité,
    pourcentages, HT et TTC mêlés, montants en k€ ou M€, approximation (« environ »), listes
    imbriquées ; une liste peut commencer par un montant qui n'est pas une partie (le coût avant
    son financement) ; un solde peut être une différence (recettes moins dépenses).

    Un total que ses parties contredisent est une `error`.

    Base légale : cohérence interne de l'acte, comme pour les montants écrits deux fois (catalogue,
    AMT-01) : un total que ses parties démentent ne dit pas ce que l'assemblée a décidé.

    Exemple conforme ::

        Le résultat cumulé de l'exercice s'établit définitivement à :
            -section de fonctionnement : 116.055,24 €
            -section d'investissement : -176.514,06 €
            -Excédent d'investissement reporté : 45.634,40 €
            -Excédent de fonctionnement reporté :752.414,29 €
            -Soit un résultat excédentaire cumulé de : 737.589,87 €
        DÉCIDE
        Article 1 : La reprise anticipée des résultats est approuvée.

    Exemple non conforme ::

        Le résultat cumulé de l'exercice s'établit définitivement à :
            -section de fonctionnement : 116.055,24 €
            -section d'investissement : -176.514,06 €
            -Excédent d'investissement reporté : 45.634,40 €
            -Excédent de fonctionnement reporté :752.414,29 €
            -Soit un résultat excédentaire cumulé de : 1.090.618,00 €
        DÉCIDE
        Article 1 : La reprise anticipée des résultats est approuvée.
    """

    name = "amount-arithmetic"
    severity = Severity.ERROR
    remedies = {
        None: Remedy(RemedyKind.RECTIFICATIVE, "Vérifier le montant voté : s'il est faux, le faire rectifier par une délibération rectificative à la prochaine séance ; s'il ne s'agit que d'une faute de frappe du document, corriger la transcription."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for total in delib.totals:
            if len(total.parts) < 2 or total.approximate or total.not_a_sum:
                continue
            parts = list(total.parts)
            free_signs = total.balance or total.subtractions
            if _explained(parts, total.value, free_signs):
                continue
            stated = sum((p.value for p in parts), Decimal(0))
            message = (
                f"{'solde' if total.balance else 'total'} annoncé de {format_amount(total.value)} €, "
                f"mais les {len(parts)} montants qui le précèdent donnent {format_amount(stated)} € ({_formula(parts)})"
            )
            if free_signs:
                message += ", et aucune différence entre eux ne le donne non plus"
            yield Finding(total.span, message)


def _explained(parts: list[TotalPart], total: Decimal, free_signs: bool) -> bool:
    """Some run of the parts that ends just before the total adds up to it (signs free for a balance)."""
    for first in range(len(parts)):
        run = parts[first:]
        if _sums_to(run, total, free_signs):
            return True
    return False


def _sums_to(run: list[TotalPart], total: Decimal, free_signs: bool) -> bool:
    plain = sum((p.value for p in run), Decimal(0))
    if abs(plain) == abs(total):
        return True
    if not free_signs:
        return False
    free = [p for p in run if not p.signed]
    fixed = sum((p.value for p in run if p.signed), Decimal(0))
    if len(free) > 10:
        return True  # too many combinations to be sure of anything
    for signs in itertools.product((1, -1), repeat=len(free)):
        if abs(fixed + sum((s * p.value for s, p in zip(signs, free)), Decimal(0))) == abs(total):
            return True
    return False


def _formula(parts: list[TotalPart]) -> str:
    out = format_amount(parts[0].value)
    for p in parts[1:]:
        out += f" − {format_amount(-p.value)}" if p.value < 0 else f" + {format_amount(p.value)}"
    return out
