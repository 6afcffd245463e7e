"""Rule required-visas: the visas the deliberating body needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.document import Span
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule
from validator.ruledata import load
from validator.userregex import Budget, compile_user

_DATA = load("visas.yaml")


class RequiredVisas(Rule):
    """Les visas fondent la compétence de l'auteur de l'acte : ceux que l'organe requiert sont cités.

    Par défaut, toute délibération vise le Code général des collectivités territoriales. Les
    visas requis par organe ou par catégorie de collectivité se règlent dans `.delib.yaml`
    (options `required` et `requirements`) ; le visa de la délégation d'un bureau ou d'une
    commission permanente relève de la règle `delegation-visa`.

    Un visa requis absent d'un bloc de visas est un `warning` : un visa omis ne rend pas l'acte
    illégal (CE Sect., 28 juin 1974, Charmasson). Un acte sans aucun visa, style courant des
    petites communes, n'appelle qu'une `info`, une seule par document.

    Base légale : les visas « justifient la compétence » de l'auteur de l'acte (Guide de
    légistique) ; le CGCT fonde celle des conseils (art. L2121-29, L3211-1, L4221-1, L5211-1).

    Exemple conforme ::

        Vu le Code général des collectivités territoriales ;
        Vu l'avis de la commission des finances ;
        Délibère
        Article 1 : La convention est approuvée.

    Exemple non conforme ::

        Vu l'avis de la commission des finances ;
        Délibère
        Article 1 : La convention est approuvée.
    """

    name = "required-visas"
    severity = Severity.WARNING
    cases = {"missing-visa": Severity.WARNING, "no-visa-block": Severity.INFO}
    remedies = {
        "missing-visa": Remedy(RemedyKind.TRANSCRIPTION, "Compléter ou corriger le visa dans le registre et l'extrait : une erreur de visa n'affecte pas la légalité de l'acte (CE, 28 juin 1974, Charmasson) et se corrige sans nouveau vote."),
    }
    options: ClassVar[dict[str, Any]] = {"required": _DATA["required"], "requirements": _DATA["requirements"]}

    def __init__(self) -> None:
        # The patterns are expressions a configuration may set: matched within a budget per document.
        self.budget = Budget()

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        if not delib.visas and not _expects_visas(delib):
            return  # not an act (a session header), or an excerpt cut before its grounds
        required = _required(ctx.options["required"], delib)
        requirements = ctx.options["requirements"]
        where = delib.visa_block or delib.decide_span or (delib.articles[0].label_span if delib.articles else delib.span)
        missing = [r for r in required if r in requirements and not _cited(requirements[r], [v.text for v in delib.visas], self.budget)]
        if delib.visas:
            for key in missing:
                yield Finding(where, f"visa manquant : {requirements[key].get('label', key)}", "missing-visa")
        if not delib.visas:
            anchor = delib.decide_span or delib.title_span or (delib.references[0].span if delib.references else None)
            yield from _no_visa_block(delib, ctx, anchor or where)


def _expects_visas(delib: Deliberation) -> bool:
    """An act in the formal style (a dispositif), or a numbered or titled act that was voted."""
    if delib.truncated:
        return False
    return delib.has_dispositif or (delib.vote is not None and bool(delib.number or delib.title))


def _no_visa_block(delib: Deliberation, ctx: Context, where: Span) -> Iterator[Finding]:
    """One info for a style, not one per act: a procès-verbal whose acts cite no visa gets one."""
    without = [d for d in ctx.model.deliberations if not d.visas and _expects_visas(d)]
    if without and without[0] is not delib:
        return
    if len(without) > 1 and len(without) == sum(1 for d in ctx.model.deliberations if _expects_visas(d)):
        message = f"aucun visa dans les {len(without)} actes de ce document : ils ne citent pas les textes qui fondent la compétence de leur auteur"
    else:
        message = "aucun visa : l'acte ne cite pas les textes qui fondent la compétence de son auteur"
    yield Finding(where, message, "no-visa-block")


def _required(table: dict[str, list[str]], delib: Deliberation) -> list[str]:
    for key in (delib.body.organ.value, delib.body.kind.value, "default"):
        if key in table:
            return list(table[key])
    return []


def _cited(requirement: dict[str, Any], texts: list[str], budget: Budget) -> bool:
    patterns = requirement.get("patterns", [])
    return any(budget.search(compile_user(p), t) for p in patterns for t in texts)
