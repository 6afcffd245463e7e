"""Rule required-visas: the visas the deliberating body needs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from validator.diagnostics import Severity
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

_DATA = load("visas.yaml")


class RequiredVisas(Rule):
    """Les visas fondent la compétence de l'auteur de l'acte : ceux que l'organe requiert sont cités.

    Par défaut, toute délibération vise le Code général des collectivités territoriales ; un
    bureau (EPCI, métropole, syndicat) ou une commission permanente (département, région), qui
    n'agit que par délégation, vise en outre la délibération du conseil qui lui a délégué ses
    compétences. Les visas requis par organe ou par catégorie de collectivité se règlent dans
    `.delib.yaml` (options `required` et `requirements`).

    Un visa requis absent d'un bloc de visas est un `warning` : un visa omis ne rend pas l'acte
    illégal (CE Sect., 28 juin 1974, Charmasson). Un acte sans aucun visa, style courant des
    petites communes, n'appelle qu'une `info`. Un bureau ou une commission permanente sans visa de
    sa délégation est un `warning`, ramené à `info` quand le texte mentionne la délégation ailleurs.

    Base légale : compétence du bureau et de la commission permanente par délégation (CGCT,
    art. L5211-10, L3211-2, L4221-5) ; les visas « justifient la compétence » (Guide de légistique).

    Exemple conforme ::

        Le Bureau de la Métropole,
        Vu le Code général des collectivités territoriales ;
        Vu la délibération n° 12/345/CM du Conseil du 28 mars 2019 portant délégation de compétences du Conseil au Bureau ;
        Délibère
        Article 1 : La convention est approuvée.

    Exemple non conforme ::

        Le Bureau de la Métropole,
        Vu le Code général des collectivités territoriales ;
        Délibère
        Article 1 : La convention est approuvée.
    """

    name = "required-visas"
    severity = Severity.WARNING
    cases = {
        "missing-visa": Severity.WARNING,
        "missing-delegation": Severity.WARNING,
        "delegation-elsewhere": Severity.INFO,
        "no-visa-block": Severity.INFO,
    }
    options: dict[str, Any] = {"required": _DATA["required"], "requirements": _DATA["requirements"]}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        if not delib.has_dispositif and not delib.visas:
            return  # an act decided in prose, or an excerpt: no visa block is expected
        required = _required(ctx.options["required"], delib)
        requirements = ctx.options["requirements"]
        where = delib.visa_block or delib.decide_span or (delib.articles[0].label_span if delib.articles else delib.span)
        visas_text = [v.text for v in delib.visas]
        if not delib.visas and delib.truncated:
            return
        missing = [r for r in required if r in requirements and not _cited(requirements[r], visas_text)]
        if not delib.visas and "delegation" not in missing:
            yield Finding(where, "aucun visa : l'acte ne cite pas les textes qui fondent la compétence de son auteur", "no-visa-block")
            return
        for key in missing:
            label = requirements[key].get("label", key)
            if key == "delegation":
                whole = ctx.text(delib.span)
                if _cited(requirements[key], [whole]):
                    yield Finding(where, f"le visa de la délégation manque ({label}) ; la délégation n'est mentionnée que dans le corps du texte", "delegation-elsewhere")
                else:
                    organ = delib.body.organ.value.replace("-", " ")
                    yield Finding(where, f"{organ} agissant par délégation : visa manquant ({label})", "missing-delegation")
            elif delib.visas:
                yield Finding(where, f"visa manquant : {label}", "missing-visa")
            else:
                yield Finding(where, f"aucun visa : l'acte ne cite pas {label}", "no-visa-block")


def _required(table: dict[str, list[str]], delib: Deliberation) -> list[str]:
    for key in (delib.body.organ.value, delib.body.kind.value, "default"):
        if key in table:
            return list(table[key])
    return []


def _cited(requirement: dict[str, Any], texts: list[str]) -> bool:
    patterns = requirement.get("patterns", [])
    return any(re.search(p, t, re.IGNORECASE) for p in patterns for t in texts)
