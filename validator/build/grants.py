"""Grants: the subsidies an act states, to whom, and what the text says of them.

Reads the dispositif when the act has one (what it decides), else the whole act, sentence by
sentence, paragraph by paragraph and list item by list item. A piece that names a subsidy
("subvention"), or a one-line item of an act whose title does, gives one `Grant` per sum of money
in it, except a sum that is the cost of what is subsidised:

    Article 1 : Une subvention de 45 000 € est attribuée à l'association Lire en Fête.
    - Association Tennis Loisirs : 8 000 €                  (an act titled "Subventions aux associations")
    Article 1 : Une subvention de 30 000 € est attribuée à la commune de Lanvénégen.   (public)
    L'association Lire en Fête sollicite une subvention de 75 000 €.       (no dispositif: not awarded)
    ... à la société Habitat du Val pour la construction de 12 logements sociaux.   (excepted)
    ... pour son festival, dont le budget total est de 80 000 €.            (a cost: no grant)

The beneficiary is the one named on the amount's line, or the only one its piece names; a piece
that names a public beneficiary ("à la commune", "au CCAS", "en faveur du département") grants to
it. A beneficiary the text does not designate by its kind ("le comité des fêtes") is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..french import find_amounts
from ..model import Grant, Sector
from ..names import fold
from .buildcontext import Context

# Private-law beneficiaries named as such.
_PRIVATE = re.compile(
    r"\b(?i:(?P<kind>association|fondation|fonds\s+de\s+dotation|soci[ée]t[ée]|entreprise|club))\b"
    r"|\b(?P<form>SARL|SASU|SAS|EURL|SCOP|SCIC|GIE)\b"
)
# Public bodies with a private-law name, within a few words of it.
_NOT_PRIVATE = re.compile(
    r"association\s+(?:syndicale|fonci[èe]re)|soci[ée]t[ée]\s+(?:publique\s+locale|d['’]\s*[ée]conomie\s+mixte|anonyme\s+d['’]\s*(?:HLM|habitations?))"
    r"|\bSEML?\b|\bSPLA?\b|d['’]\s*[ée]conomie\s+mixte",
    re.IGNORECASE,
)
_NOT_PRIVATE_REACH = 60
_PUBLIC_BENEFICIARY = re.compile(
    r"(?:\b[àa]\s+la|\b[àa]\s+l['’]|\bau|\baux|en\s+faveur\s+d(?:e\s+la|e\s+l['’]|u|es)|au\s+(?:profit|b[ée]n[ée]fice)\s+d(?:e\s+la|e\s+l['’]|u|es))\s*"
    r"(?P<kind>commune|ville|CCAS|CIAS|centre\s+(?:inter)?communal|communaut[ée]|m[ée]tropole|syndicat|d[ée]partement|r[ée]gion|[ée]tat\b|[ée]tablissement\s+public"
    r"|caisse\s+des\s+[ée]coles|GIP|groupement\s+d['’]\s*int[ée]r[êe]t\s+public|office\s+public|EPCI|SDIS|lyc[ée]e|coll[èe]ge|universit[ée]|centre\s+hospitalier|EHPAD|PETR)",
    re.IGNORECASE,
)
_SUBSIDY = re.compile(r"\bsubventions?\b", re.IGNORECASE)
# Article 10 of loi n° 2000-321 excepts social rental housing; a subsidy in kind has no sure value.
_EXCEPTED = re.compile(
    r"(?P<housing>logements?\s+sociaux|logement\s+social|\bHLM\b|loyer\s+mod[ée]r[ée]|bailleurs?\s+sociaux|bailleur\s+social)"
    r"|en\s+nature|mise\s+[àa]\s+disposition|valoris",
    re.IGNORECASE,
)
# An amount that is not the subsidy: the cost or budget of what is subsidised, a ceiling.
_NOT_THE_SUBSIDY = re.compile(r"(?:co[ûu]t|budget|d[ée]penses?|assiette|plafond|montant\s+(?:total\s+)?du\s+projet|plan\s+de\s+financement|chiffre\s+d['’]affaires)\b[^.;€]{0,40}$", re.IGNORECASE)
# Outside a dispositif, only what the act grants: not what was asked for or paid in the past.
_GRANTED = re.compile(r"attribu|allou|octroi|accord|vers[ée]|propos", re.IGNORECASE)
_NOT_GRANTED = re.compile(r"sollicit|demand|a\s+per[çc]u|avait|pr[ée]c[ée]dent|l['’]\s*an\s+dernier|l['’]\s*ann[ée]e\s+derni[èe]re", re.IGNORECASE)
# "la Convention Nationale des Avocats" is a name, not a convention.
_CONVENTION = re.compile(r"\b[Cc]onventions?\b(?!(?-i:\s+[A-ZÀ-Ý][a-zà-ÿ]+\s+(?:des|du)\b))|\bcontrats?\s+d['’]\s*objectifs|\bavenant", re.IGNORECASE)
# A sentence, a paragraph, a list item.
_UNITS = re.compile(r"(?<=[.;!?])\s+|\n[ \t]*\n|\n(?=[ \t]*[-–•*·])")
_NAME_STOP = re.compile(r"(?<!\s)\s+(?:pour|au\s+titre|afin|dans|d['’]un|d['’]une|de\s+\d|à\s+hauteur|sur|en\s+vue|qui|est|sont|:)\b.*$|(?<!\s)\s*[:,(].*$", re.IGNORECASE)
_NAME_TRIM = " «»\"'’.;"
_NAME_WORDS, _NAME_REACH = 6, 100
_WORD = re.compile(r"\S+")


def read_grants(ctx: Context, start: int, end: int, dispo_start: int | None, title: str | None) -> tuple[Grant, ...]:
    """The grants of the act at view [start, end), whose dispositif (if any) starts at `dispo_start`."""
    text = ctx.view.text
    in_dispositif = dispo_start is not None
    zone_start, zone_end = _trimmed(text, start if dispo_start is None else dispo_start, end)
    title_subsidy = bool(title and _SUBSIDY.search(title))
    found: list[Grant] = []
    pos = zone_start
    for cut in _UNITS.finditer(text, zone_start, zone_end):
        found.extend(_in_unit(ctx, pos, cut.start(), in_dispositif, title_subsidy))
        pos = cut.end()
    found.extend(_in_unit(ctx, pos, zone_end, in_dispositif, title_subsidy))
    if not found:
        return ()
    act_start, act_end = _trimmed(text, start, end)
    conv = _CONVENTION.search(text, act_start, act_end)
    if conv is not None:
        # One convention (or its avenant) covers the act's grants: the text does not tie it to one.
        convention = ctx.span(conv.start(), conv.end())
        found = [replace(g, convention=convention) for g in found]
    return tuple(found)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _in_unit(ctx: Context, start: int, end: int, in_dispositif: bool, title_subsidy: bool) -> Iterator[Grant]:
    text = ctx.view.text
    unit = text[start:end]
    if not (_SUBSIDY.search(unit) or (title_subsidy and unit.count("\n") == 0)):
        return
    excepted = tuple(
        ("social-housing" if m.group("housing") else "in-kind", ctx.span(start + m.start(), start + m.end())) for m in _EXCEPTED.finditer(unit)
    )
    awarded = in_dispositif or (_GRANTED.search(unit) is not None and _NOT_GRANTED.search(unit) is None)
    public = _PUBLIC_BENEFICIARY.search(unit)
    private: list[tuple[int, int]] = []
    semi_public: list[tuple[int, int]] = []
    for m in _PRIVATE.finditer(text, start, end):
        is_public = _NOT_PRIVATE.search(text, m.start(), min(end, m.end() + _NOT_PRIVATE_REACH)) is not None
        (semi_public if is_public else private).append((m.start(), m.end()))
    for amount in find_amounts(text, start, end):
        if _NOT_THE_SUBSIDY.search(text, start, amount.start):
            continue
        sector, kind = Sector.UNKNOWN, None
        if public is not None:
            # A piece that grants to a public body names no private beneficiary worth checking.
            sector, kind = Sector.PUBLIC, (start + public.start("kind"), start + public.end("kind"))
        elif (kind := _chosen(text, private, start, end, amount.start, amount.end)) is not None:
            sector = Sector.PRIVATE
        elif (kind := _chosen(text, semi_public, start, end, amount.start, amount.end)) is not None:
            sector = Sector.PUBLIC
        grant = Grant(amount.value, ctx.span(amount.start, amount.end), sector=sector, awarded=awarded, excepted=excepted)
        if kind is not None:
            name, name_end = _name(text, kind[0], kind[1], end)
            grant = replace(
                grant, beneficiary=name, beneficiary_span=ctx.span(kind[0], name_end), beneficiary_kind=" ".join(fold(text[kind[0] : kind[1]]).split())
            )
        yield grant


def _chosen(text: str, mentions: list[tuple[int, int]], start: int, end: int, amount_start: int, amount_end: int) -> tuple[int, int] | None:
    """The beneficiary on the amount's line, or the only one the piece names."""
    line_start = text.rfind("\n", start, amount_start) + 1 or start
    line_end = text.find("\n", amount_end, end)
    on_line = [m for m in mentions if line_start <= m[0] < (end if line_end < 0 else line_end)]
    if on_line:
        return on_line[0]
    return mentions[0] if len(mentions) == 1 else None


def _name(text: str, kind_start: int, kind_end: int, end: int) -> tuple[str, int]:
    """The kind and the first words of the name after it, up to what the sentence says of it
    ("association Lire en Fête" in "à l'association Lire en Fête pour l'année 2024"), and where it ends."""
    rest = text[kind_end : min(end, kind_end + _NAME_REACH)].split("\n")[0]
    core = _NAME_STOP.sub("", rest)
    lead = len(core) - len(core.lstrip(_NAME_TRIM))
    words = list(_WORD.finditer(core.strip(_NAME_TRIM)))[:_NAME_WORDS]
    name = " ".join([*text[kind_start:kind_end].split(), *(w.group() for w in words)])
    return name, kind_end + lead + words[-1].end() if words else kind_end
