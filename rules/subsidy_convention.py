"""Rule subsidy-convention: a subsidy above 23 000 € to a private body comes with a convention."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.french import format_amount
from validator.model import Deliberation, Grant, Sector
from validator.names import fold
from validator.rule import Context, Finding, Rule


class SubsidyConvention(Rule):
    """Une subvention de plus de 23 000 € à un organisme de droit privé est assortie d'une convention.

    Additionne, par bénéficiaire, les subventions que l'acte accorde à une association, une
    fondation, un fonds de dotation, une société, une entreprise ou un club (dans le dispositif
    quand l'acte en a un ; sinon dans les phrases qui les attribuent, sans les sommes demandées ni
    celles des années passées) ; au-delà du seuil (23 000 €, option `threshold`), l'acte doit
    approuver une convention, autoriser sa signature, ou s'y référer (convention d'objectifs, de
    financement, pluriannuelle, avenant). Ne sont pas visés : les personnes publiques (commune,
    CCAS, EPCI, département, établissement public, GIP...), les sociétés d'économie mixte et
    sociétés publiques locales, les associations syndicales ou foncières, le logement social
    (exception de l'article 10), les aides en nature, une liste de petites subventions à des
    bénéficiaires différents. Un bénéficiaire qui n'est pas désigné comme tel (« le comité des
    fêtes ») n'est pas reconnu.

    Un `warning` : la convention peut avoir été approuvée par un acte distinct, ou signée par
    l'exécutif sur délégation.

    Base légale : loi n° 2000-321 du 12 avril 2000, art. 10 (convention obligatoire au-delà d'un
    seuil fixé par décret, avec l'organisme de droit privé bénéficiaire) ; décret n° 2001-495 du
    6 juin 2001, art. 1er (seuil de 23 000 €).

    Exemple conforme ::

        DÉCIDE
        Article 1 : Une subvention de 45 000 € est attribuée à l'association Lire en Fête pour l'année 2024.
        Article 2 : La convention d'objectifs ci-annexée est approuvée et Monsieur le Maire est autorisé à la signer.

    Exemple non conforme ::

        DÉCIDE
        Article 1 : Une subvention de 45 000 € est attribuée à l'association Lire en Fête pour l'année 2024.
        Article 2 : Les crédits sont inscrits au budget 2024, chapitre 65.
    """

    name = "subsidy-convention"
    severity = Severity.WARNING
    remedies = {
        None: Remedy(RemedyKind.RECTIFICATIVE, "Faire approuver par l'assemblée la convention avec l'organisme, à la prochaine séance, ou viser dans l'acte la délibération qui l'a approuvée."),
    }
    options = {"threshold": 23000}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        checked = [g for g in delib.grants if g.sector is Sector.PRIVATE and g.awarded and not g.excepted and g.beneficiary]
        if any(g.convention is not None for g in checked):
            return
        threshold = Decimal(str(ctx.options["threshold"]))
        by_beneficiary: dict[str, list[Grant]] = {}
        for grant in checked:
            by_beneficiary.setdefault(_key(grant), []).append(grant)
        for found in _merged(by_beneficiary).values():
            total = sum({g.amount for g in found}, Decimal(0))
            if total > threshold:
                first = min(found, key=lambda g: g.amount_span.start)
                yield Finding(
                    first.amount_span,
                    f"subvention de {format_amount(total)} € à {_with_article(first)}, au-delà de {format_amount(threshold)} €, sans convention approuvée ni autorisation de la signer",
                )


def _key(grant: Grant) -> str:
    """The beneficiary for adding up: "l'Association Lire-en-Fête" and "l'association Lire en Fête" are one."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(grant.beneficiary or "")))


def _with_article(grant: Grant) -> str:
    kind = grant.beneficiary_kind or ""
    if kind[:1] in tuple("aeiouy"):
        return f"l'{grant.beneficiary}"
    masculine = kind in ("club", "gie") or kind.startswith("fonds")
    return f"{'le' if masculine else 'la'} {grant.beneficiary}"


def _merged(grants: dict[str, list[Grant]]) -> dict[str, list[Grant]]:
    """"l'association" alone joins the one association the act names."""
    # The keys that extend a key are neighbours in sorted order: one bisection finds them, where
    # comparing every pair made an act of thousands of grants quadratic.
    out = dict(grants)
    present = sorted(out)
    for key in list(out):
        prefix = key + " "
        i = bisect_left(present, prefix)
        if i < len(present) and present[i].startswith(prefix) and not (i + 1 < len(present) and present[i + 1].startswith(prefix)):
            out[present[i]] = out[present[i]] + out.pop(key)
            del present[bisect_left(present, key)]
    return out
