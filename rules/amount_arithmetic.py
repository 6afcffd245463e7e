"""Rule amount-arithmetic: a stated total or balance is the sum of the parts stated before it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from validator.cues import Cue, around
from validator.diagnostics import Severity
from validator.document import Span
from validator.french import FoundAmount, find_amounts, format_amount
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule

# What announces a total ("soit un total de", "Total :") or a balance ("d'où un excédent de").
_TOTAL = re.compile(
    r"soit\s+(?:un|une)\s+(?:montant\s+|somme\s+)?(?:total|globale?|cumul[ée]e?|somme(?:\s+totale)?|r[ée]sultat|solde|exc[ée]dent|d[ée]ficit)\w*"
    r"|soit\s+au\s+total|d['’]\s*o[ùu]\s+(?:un|une)\s+(?:exc[ée]dent|d[ée]ficit|solde|r[ée]sultat|total)"
    r"|ce\s+qui\s+porte\s+(?:la\s+somme|le\s+montant|le\s+total)|pour\s+un\s+(?:montant\s+)?total\s+de|montant\s+total"
    r"|^[ \t\-–•*·]*(?:sous-)?total\b",
    re.IGNORECASE | re.MULTILINE,
)
# Every announcement holds one of these words; _TOTAL runs only around them.
_TOTAL_CUE = Cue(("soit", "d'o", "d’o", "ce qui porte", "total"))
_BALANCE = re.compile(r"r[ée]sultat|solde|exc[ée]dent|d[ée]ficit", re.IGNORECASE)
# Between the announcement and its amount: a label, no approximation.
_APPROXIMATE = re.compile(r"environ|pr[èe]s\s+de|approximativement|arrondi|plus\s+de|moins\s+de|au\s+moins|maximum|plafond|estim", re.IGNORECASE)
# Blocks where the parts are not simply added: sub-items, rates, periods, units, shares.
_NOT_A_SUM = re.compile(
    r"\bdont\b|respectivement|comme\s+suit|r[ée]parti|se\s+d[ée]compos|ventil|%|\bpar\s+(?:an|mois|jour|semaine|heure|trimestre|habitant|[ée]l[èe]ve|enfant|repas|nuit[ée]e?|personne|agent|m[2²]|lot|logement)\b"
    r"|mensuel|annuel|hebdomadaire|/\s*(?:an|mois|jour|m[2²])\b|\bx\s*\d|×|\bsous-total",
    re.IGNORECASE,
)
# Words that make some part a subtraction: its sign is then unknown.
_SUBTRACTION = re.compile(r"diminu|r[ée]duc|baisse|minor|d[ée]duc|d[ée]duit|moins|retranch|rembours|d[ée]pense|d[ée]ficit|charge|n[ée]gati|annul|retir|reprise", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s)|\n[ \t]*\n")
_MAX_PARTS = 12
_MAX_LINES = 25


@dataclass(frozen=True, slots=True)
class _Part:
    value: Decimal  # with its written sign
    signed: bool  # a sign is written ("-176.514,06 €")


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

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        text = ctx.document.text
        start, end = delib.span.start, delib.span.end
        for marker in around(_TOTAL, _TOTAL_CUE, text, start, end, before=40, after=80):
            found = _total_after(text, marker, end)
            if found is None:
                continue
            total, total_value = found
            parts_found = _parts(text, marker, start)
            if parts_found is None:
                continue
            parts, block_start = parts_found
            block = text[block_start : total.end]
            if len(parts) < 2 or _NOT_A_SUM.search(block) or not _plain([*parts, total], text):
                continue
            values = [_Part(_signed(text, a), _has_sign(text, a)) for a in parts]
            free_signs = bool(_BALANCE.search(marker.group(0)) or _SUBTRACTION.search(block))
            if _explained(values, total_value, free_signs):
                continue
            stated = sum((v.value for v in values), Decimal(0))
            message = (
                f"{'solde' if _BALANCE.search(marker.group(0)) else 'total'} annoncé de {format_amount(total_value)} €, "
                f"mais les {len(values)} montants qui le précèdent donnent {format_amount(stated)} € ({_formula(values)})"
            )
            if free_signs:
                message += ", et aucune différence entre eux ne le donne non plus"
            yield Finding(Span(total.start, total.end), message)


def _total_after(text: str, marker: re.Match[str], end: int) -> tuple[FoundAmount, Decimal] | None:
    """The amount the announcement gives, on its line, alone and not approximate."""
    line_end = text.find("\n", marker.end(), end)
    line_end = end if line_end < 0 else line_end
    after = list(find_amounts(text, marker.end(), line_end))
    if len(after) != 1:
        return None
    total = after[0]
    between = text[marker.end() : total.start]
    if len(between) > 80 or re.search(r"\d", between) or _APPROXIMATE.search(between):
        return None
    if _NOT_A_SUM.search(text, total.end, line_end):
        return None
    return total, _signed(text, total)


def _parts(text: str, marker: re.Match[str], start: int) -> tuple[list[FoundAmount], int] | None:
    """The amounts the total sums, and where they start: the list above it, or its sentence."""
    line_start = text.rfind("\n", start, marker.start()) + 1 or start
    if not text[line_start : marker.start()].strip(" \t-–•*·"):
        return _list_above(text, line_start, start)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, start, marker.start())]
    sentence = breaks[-1] if breaks else start
    return list(find_amounts(text, sentence, marker.start())), sentence


def _list_above(text: str, end: int, start: int) -> tuple[list[FoundAmount], int] | None:
    """One amount a line, up to the line that introduces the list; None when the list is not clean."""
    parts: list[FoundAmount] = []
    for _ in range(_MAX_LINES):
        if end <= start:
            return None
        begin = text.rfind("\n", start, end - 1) + 1 or start
        amounts = list(find_amounts(text, begin, end))
        if _TOTAL.search(text, begin, end) or len(amounts) > 1 or len(parts) >= _MAX_PARTS:
            return None
        if amounts:
            parts.insert(0, amounts[0])
        elif text[begin:end].strip().endswith((":", ".")):
            # The introduction; a list right above it would make this one a part of a larger one.
            above = _previous_text_line(text, begin, start)
            return None if list(find_amounts(text, *above)) else (parts, begin)
        end = begin
    return None


def _previous_text_line(text: str, begin: int, start: int) -> tuple[int, int]:
    """The nearest non-blank line before `begin` (an empty range at the start of the act)."""
    end = begin
    while end > start:
        line_begin = text.rfind("\n", start, end - 1) + 1 or start
        if text[line_begin:end].strip():
            return line_begin, end
        end = line_begin
    return (start, start)


def _plain(amounts: list[FoundAmount], text: str) -> bool:
    """Exact euros with one tax basis: no k€/M€ roundings, no HT and TTC mixed."""
    written = [text[a.start : a.end] for a in amounts]
    if any(re.search(r"[kKM]€", w) for w in written):
        return False
    bases = {t for w in written for t in re.findall(r"H\.?T|T\.?T\.?C", w)}
    return len(bases) <= 1


def _has_sign(text: str, a: FoundAmount) -> bool:
    """A minus before the figures ("-176.514,06 €", ": - 5 000 €"), not a list dash opening the line."""
    sign = re.search(r"(?:^|[\s:(=])([-−–])[ \u00a0]?$", text[max(0, a.start - 4) : a.start])
    if not sign:
        return False
    line_start = text.rfind("\n", 0, a.start) + 1
    at = a.start - (len(text[max(0, a.start - 4) : a.start]) - sign.start(1))
    return text[line_start:at].strip() != ""


def _signed(text: str, a: FoundAmount) -> Decimal:
    return -a.value if _has_sign(text, a) else a.value


def _explained(parts: list[_Part], total: Decimal, free_signs: bool) -> bool:
    """Some run of the parts that ends just before the total adds up to it (signs free for a balance)."""
    for first in range(len(parts)):
        run = parts[first:]
        if _sums_to(run, total, free_signs):
            return True
    return False


def _sums_to(run: list[_Part], total: Decimal, free_signs: bool) -> bool:
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


def _formula(parts: list[_Part]) -> str:
    out = format_amount(parts[0].value)
    for p in parts[1:]:
        out += f" − {format_amount(-p.value)}" if p.value < 0 else f" + {format_amount(p.value)}"
    return out
