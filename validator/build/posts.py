"""Posts: an act that creates a post or recruits a contractual agent, and the mentions it states.

The act creates a post when its title or its dispositif says so, or when its title names the
tableau des effectifs and its text creates one:

    Objet : Création d'un poste d'adjoint technique à temps non complet
    Article 1 : Un emploi permanent de rédacteur est créé à compter du 1er mars 2024.
    Objet : Modification du tableau des effectifs ... la création d'un emploi d'assistant RH ...
    Objet : Recrutement d'un agent contractuel pour accroissement temporaire d'activité

and not "aide à la création d'emplois" (an economic aid) nor "emplois d'avenir" (private-law
contracts). Then each mention of code général de la fonction publique, art. L. 313-1, is looked
for in the whole act (a report often gives the reason and the function): the reason, the function,
the grade or cadre d'emplois, the weekly hours (temps complet or non complet, "28 h
hebdomadaires", "17,5/35e", "TNC"), the pay, and for a contractual agent the article it relies on
(L. 332-8 and following, the former article 3-3 of loi n° 84-53). A table or an annex the act refers
to ("tableau ci-annexé") is kept: the mentions may be there.
"""

from __future__ import annotations

import re

from ..document import Span
from ..model import PostCreation
from .buildcontext import Context

_POST = r"(?:nouve(?:l|aux?)\s+)?(?:postes?|emplois?)\b"
_COUNT = r"(?:(?:un|une|deux|trois|quatre|cinq|six|\d{1,3})\s+)?"
_CREATES = re.compile(
    rf"\bcr[ée]ations?\s+(?:d['’]\s*|de\s+|du\s+|des\s+){_COUNT}{_POST}"
    rf"|\bcr[ée]er\s+(?:un|une|deux|trois|quatre|cinq|six|\d{{1,3}}|le|les|cet|ces)\s+{_POST}"
    rf"|\b(?:est|sont)\s+cr[ée]{{2}}e?s?\s+{_COUNT}{_POST}"
    r"|\b(?:postes?|emplois?)\s[^.;:\n]{0,80}?\b(?:est|sont)\s+cr[ée]{2}e?s?\b",
    re.IGNORECASE,
)
# Not a post of the body: an aid to the jobs of a territory, a private-law contract.
_ECONOMIC_BEFORE = re.compile(r"(?:aides?|soutien|favoriser|contribu\w*|maintien|d[ée]veloppement|entreprises?)\s+(?:[àa]\s+)?(?:la\s+)?$", re.IGNORECASE)
_NOT_A_POST_AFTER = re.compile(r"\s*(?:d['’]\s*avenir|aid[ée]s?|de\s+vacataires?|(?:d['’]\s*|en\s+)apprenti|saisonniers?\s+(?:dans|pour)\s+les\s+entreprises)", re.IGNORECASE)
_ECONOMIC_REACH = 40
_TABLE = re.compile(r"\btableau\s+des\s+(?:effectifs|emplois)\b", re.IGNORECASE)
_RECRUITS = re.compile(
    r"\brecrut\w*\s+(?:d['’]\s*|de\s+|un\s+|une\s+|des\s+)?" + _COUNT + r"(?:agents?\s+)?(?:contractuels?|non[\s-]+titulaires?)\b",
    re.IGNORECASE,
)
_CONTRACTUAL = re.compile(
    r"\b(?:pourvus?|pourvues?|occup[ée]e?s?)\s+par\s+(?:un|une|des)\s+(?:agents?\s+)?contractuel"
    r"|\bpar\s+voie\s+contractuelle|\bagents?\s+contractuels?\b|\bL\.?\s*332-8\b",
    re.IGNORECASE,
)
_MENTIONS = {
    "reason": re.compile(
        r"\b(?:afin\s+d[e'’]|en\s+raison\s+d|compte\s+tenu|tenant\s+compte|(?:le|au|pour)\s+motif|motiv[ée]"
        r"|pour\s+(?:faire\s+face|r[ée]pondre|assurer|renforcer|permettre|pallier)|n[ée]cessit[ée]\s+d|besoins?\s+d[ue'’]"
        r"|accroissement|surcro[iî]t|remplacement|d[ée]part\s+(?:en|[àa]\s+la)\s+retraite|mutation|consid[ée]rant\s+(?:que|qu['’]|l['’]|la|le|les))",
        re.IGNORECASE,
    ),
    "function": re.compile(
        r"\b(?:fonctions?\s+d[e'’u]|missions?\b|charg[ée]e?s?\s+d[e'’u]|en\s+qualit[ée]\s+d|responsable\s+d|affect[ée]e?s?\s+(?:au|[àa])\b"
        r"|au\s+sein\s+d[ue'’]\s*(?:service|p[ôo]le|direction)|(?:le|du|au)\s+service\s+\w)",
        re.IGNORECASE,
    ),
    "grade": re.compile(
        r"\b(?:grades?\b|cadres?\s+d['’]\s*emplois?|cat[ée]gorie\s+[ABC]\b|adjoints?\s+(?:technique|administratif|d['’]\s*animation|du\s+patrimoine)"
        r"|r[ée]dact(?:eur|rice)|attach[ée]|ing[ée]nieur|technicien|agents?\s+de\s+ma[iî]trise|animat(?:eur|rice)|[ée]ducat(?:eur|rice)"
        r"|auxiliaires?\s+de\s+pu[ée]riculture|ATSEM|agents?\s+sp[ée]cialis[ée]s?|brigadier|gardien|chef\s+de\s+service|assistante?s?\s+(?:territoria\w+\s+)?(?:de\s+conservation|d['’]\s*enseignement|socio)"
        r"|pu[ée]ricult|infirmi|biblioth[ée]caire|professeur|directeur\s+g[ée]n[ée]ral|administrat(?:eur|rice)\s+territorial|op[ée]rat(?:eur|rice)\s+des\s+a)",
        re.IGNORECASE,
    ),
    "hours": re.compile(
        r"\btemps\s+(?:non[\s-]+)?complet\b|\bdur[ée]e\s+hebdomadaire|\bheures?\s+hebdomadaires?|\b\d{1,2}\s*(?:h|heures?)(?:\s*\d{2})?\s*(?:hebdomadaires?|par\s+semaine|/\s*semaine)"
        r"|\b\d{1,2}(?:[,.]\d{1,2})?\s*/\s*35\s*(?:[èe]mes?|e)?\b|\bT\.?N\.?C\b|\bETP\b|\b\d\s*TC\b|\bTC\s*\d",
        re.IGNORECASE,
    ),
    "pay": re.compile(
        r"\b(?:r[ée]mun[ée]r\w*|indices?\s+(?:brut|major)|grille\s+indiciaire|[ée]chelons?\b|traitement\s+(?:indiciaire|de\s+base)"
        r"|r[ée]gime\s+indemnitaire|RIFSEEP|IFSE|SMIC|salaire)",
        re.IGNORECASE,
    ),
    "legal_basis": re.compile(
        r"\bL\.?\s*332-(?:[89]|1[0-4]|2[0-9])\b|\bL\.?\s*313-1\b|\barticles?\s+3(?:-[1-3])?\b[^.;\n]{0,60}?84-53|84-53[^.;\n]{0,80}?\barticles?\s+3(?:-[1-3])?\b",
        re.IGNORECASE,
    ),
    "annex": re.compile(r"\bci[\s-]+(?:annex|joint)|\ben\s+annexe|\btableau\s+(?:ci[\s-]+(?:dessous|apr[èe]s)|suivant)", re.IGNORECASE),
}


def read_post_creation(ctx: Context, start: int, end: int, title_at: tuple[int, int] | None, dispositif: tuple[int, int] | None, cut: bool = False) -> PostCreation | None:
    """The post the act at view [start, end) creates, or the contractual agent it recruits, if any."""
    text = ctx.view.text
    zones = [z for z in (title_at, dispositif) if z is not None]
    if any(_TABLE.search(text, *z) for z in zones):
        zones.append((start, end))  # a change of the tableau des effectifs: its report says what it creates
    created = next((m for a, b in zones for m in _CREATES.finditer(text, a, b) if _a_post(text, m)), None)
    recruited = next((m for a, b in zones for m in [_RECRUITS.search(text, a, b)] if m), None)
    found = created or recruited
    if found is None:
        return None
    contractual = recruited or _CONTRACTUAL.search(text, start, end)
    spans = {key: _first(ctx, pattern, start, end) for key, pattern in _MENTIONS.items()}
    return PostCreation(
        span=ctx.span(found.start(), found.end()),
        creates=created is not None,
        contractual=ctx.span(contractual.start(), contractual.end()) if contractual else None,
        runs_out=cut,
        **spans,
    )


def _a_post(text: str, m: re.Match[str]) -> bool:
    """Whether a creation of "emplois" is a post of the body, not an aid to jobs nor a private-law contract."""
    before = text[max(0, m.start() - _ECONOMIC_REACH) : m.start()]
    return not _ECONOMIC_BEFORE.search(before) and not _NOT_A_POST_AFTER.match(text, m.end())


def _first(ctx: Context, pattern: re.Pattern[str], start: int, end: int) -> Span | None:
    m = pattern.search(ctx.view.text, start, end)
    return ctx.span(m.start(), m.end()) if m else None
