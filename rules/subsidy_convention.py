"""Rule subsidy-convention: a subsidy above 23 000 € to a private body comes with a convention."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from validator.diagnostics import Severity
from validator.document import Span
from validator.french import FoundAmount, find_amounts, format_amount
from validator.model import Deliberation
from validator.names import fold
from validator.rule import Context, Finding, Rule

# Private-law beneficiaries named as such; public bodies with private-sounding names are excluded.
_PRIVATE = re.compile(
    r"\b(?i:(?P<kind>association|fondation|fonds\s+de\s+dotation|soci[ée]t[ée]|entreprise|club))\b"
    r"|\b(?P<form>SARL|SASU|SAS|EURL|SCOP|SCIC|GIE)\b"
)
_NOT_PRIVATE = re.compile(
    r"association\s+(?:syndicale|fonci[èe]re)|soci[ée]t[ée]\s+(?:publique\s+locale|d['’]\s*[ée]conomie\s+mixte|anonyme\s+d['’]\s*(?:HLM|habitations?))"
    r"|\bSEML?\b|\bSPLA?\b|d['’]\s*[ée]conomie\s+mixte",
    re.IGNORECASE,
)
_PUBLIC_BENEFICIARY = re.compile(
    r"(?:\b[àa]\s+la|\b[àa]\s+l['’]|\bau|\baux|en\s+faveur\s+d(?:e\s+la|e\s+l['’]|u|es)|au\s+(?:profit|b[ée]n[ée]fice)\s+d(?:e\s+la|e\s+l['’]|u|es))\s*"
    r"(?:commune|ville|CCAS|CIAS|centre\s+(?:inter)?communal|communaut[ée]|m[ée]tropole|syndicat|d[ée]partement|r[ée]gion|[ée]tat\b|[ée]tablissement\s+public"
    r"|caisse\s+des\s+[ée]coles|GIP|groupement\s+d['’]\s*int[ée]r[êe]t\s+public|office\s+public|EPCI|SDIS|lyc[ée]e|coll[èe]ge|universit[ée]|centre\s+hospitalier|EHPAD|PETR)",
    re.IGNORECASE,
)
_SUBSIDY = re.compile(r"\bsubventions?\b", re.IGNORECASE)
# Article 10 of loi n° 2000-321 excepts social rental housing; a subsidy in kind has no sure value.
_EXCEPTED = re.compile(r"logements?\s+sociaux|logement\s+social|\bHLM\b|loyer\s+mod[ée]r[ée]|bailleurs?\s+sociaux|bailleur\s+social|en\s+nature|mise\s+[àa]\s+disposition|valoris", re.IGNORECASE)
# An amount that is not the subsidy: the cost or budget of what is subsidised, a ceiling.
_NOT_THE_SUBSIDY = re.compile(r"(?:co[ûu]t|budget|d[ée]penses?|assiette|plafond|montant\s+(?:total\s+)?du\s+projet|plan\s+de\s+financement|chiffre\s+d['’]affaires)\b[^.;€]{0,40}$", re.IGNORECASE)
# Outside a dispositif, only what the act grants: not what was asked for or paid in the past.
_GRANTED = re.compile(r"attribu|allou|octroi|accord|vers[ée]|propos", re.IGNORECASE)
_NOT_GRANTED = re.compile(r"sollicit|demand|a\s+per[çc]u|avait|pr[ée]c[ée]dent|l['’]\s*an\s+dernier|l['’]\s*ann[ée]e\s+derni[èe]re", re.IGNORECASE)
# "la Convention Nationale des Avocats" is a name, not a convention.
_CONVENTION = re.compile(r"\b[Cc]onventions?\b(?!(?-i:\s+[A-ZÀ-Ý][a-zà-ÿ]+\s+(?:des|du)\b))|\bcontrats?\s+d['’]\s*objectifs|\bavenant", re.IGNORECASE)
_UNITS = re.compile(r"(?<=[.;!?])\s+|\n[ \t]*\n|\n(?=[ \t]*[-–•*·])")
_NAME_STOP = re.compile(r"(?<!\s)\s+(?:pour|au\s+titre|afin|dans|d['’]un|d['’]une|de\s+\d|à\s+hauteur|sur|en\s+vue|qui|est|sont|:)\b.*$|(?<!\s)\s*[:,(].*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Grant:
    beneficiary: str  # folded kind and first words of the name
    label: str  # as written
    amount: FoundAmount


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
    options = {"threshold": 23000}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        text = ctx.document.text
        act = text[delib.span.start : delib.span.end]
        if _CONVENTION.search(act):
            return
        threshold = Decimal(str(ctx.options["threshold"]))
        grants: dict[str, list[_Grant]] = {}
        for grant in _grants(text, delib):
            grants.setdefault(grant.beneficiary, []).append(grant)
        for found in _merged(grants).values():
            total = sum({g.amount.value for g in found}, Decimal(0))
            if total > threshold:
                first = min(found, key=lambda g: g.amount.start)
                yield Finding(
                    Span(first.amount.start, first.amount.end),
                    f"subvention de {format_amount(total)} € à {first.label}, au-delà de {format_amount(threshold)} €, sans convention approuvée ni autorisation de la signer",
                )


def _grants(text: str, delib: Deliberation) -> Iterator[_Grant]:
    zone, in_dispositif = _zone(delib)
    title_subsidy = bool(delib.title and _SUBSIDY.search(delib.title))
    start = zone.start
    for cut in _UNITS.finditer(text, zone.start, zone.end):
        yield from _in_unit(text, start, cut.start(), in_dispositif, title_subsidy)
        start = cut.end()
    yield from _in_unit(text, start, zone.end, in_dispositif, title_subsidy)


def _zone(delib: Deliberation) -> tuple[Span, bool]:
    """From the decision ("DÉCIDE", the first article) to the end of the act when there is one, else the whole act."""
    starts = [s.start for s in ([delib.decide_span] if delib.decide_span else []) + [a.span for a in delib.articles]]
    if starts:
        return Span(min(starts), delib.span.end), True
    return delib.span, False


def _in_unit(text: str, start: int, end: int, in_dispositif: bool, title_subsidy: bool) -> Iterator[_Grant]:
    unit = text[start:end]
    if not (_SUBSIDY.search(unit) or (title_subsidy and unit.count("\n") == 0)) or _EXCEPTED.search(unit):
        return
    if not in_dispositif and (not _GRANTED.search(unit) or _NOT_GRANTED.search(unit)):
        return
    if _PUBLIC_BENEFICIARY.search(unit):
        return
    mentions = [m for m in _PRIVATE.finditer(text, start, end) if not _NOT_PRIVATE.search(text, m.start(), min(end, m.end() + 60))]
    if not mentions:
        return
    for amount in find_amounts(text, start, end):
        if _NOT_THE_SUBSIDY.search(text, start, amount.start):
            continue
        # The beneficiary on the amount's line, or the only one the unit names.
        line_start = text.rfind("\n", start, amount.start) + 1 or start
        line_end = text.find("\n", amount.end, end)
        on_line = [m for m in mentions if line_start <= m.start() < (end if line_end < 0 else line_end)]
        chosen = on_line[0] if on_line else (mentions[0] if len(mentions) == 1 else None)
        if chosen is not None:
            label, key = _beneficiary(text, chosen, end)
            yield _Grant(key, label, amount)


def _beneficiary(text: str, m: re.Match[str], end: int) -> tuple[str, str]:
    """The beneficiary as written ("l'association Lire en Fête") and its key for adding up."""
    rest = text[m.end() : min(end, m.end() + 100)].split("\n")[0]
    words = _NAME_STOP.sub("", rest).strip(" «»\"'’.;").split()[:6]
    kind = fold(m.group(0))
    key = " ".join([kind, *re.findall(r"[a-z0-9]+", fold(" ".join(words)))])
    label = " ".join([m.group(0), *words])
    if kind[0] in "aeiouy":
        return f"l'{label}", key
    masculine = kind in ("club", "gie") or kind.startswith("fonds")
    return f"{'le' if masculine else 'la'} {label}", key


def _merged(grants: dict[str, list[_Grant]]) -> dict[str, list[_Grant]]:
    """"l'association" alone joins the one association the act names."""
    out = dict(grants)
    for key in list(out):
        named = [k for k in out if k != key and k.startswith(key + " ")]
        if len(named) == 1:
            out[named[0]] = out[named[0]] + out.pop(key)
    return out
