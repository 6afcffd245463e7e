"""Opinions: a matter the act decides on which the comité social territorial is consulted first,
and where the act mentions that opinion.

    Objet : Suppression d'un poste d'adjoint administratif          (post-suppression)
    Article 1 : Le régime indemnitaire (RIFSEEP) est instauré ...   (indemnity-regime)
    Objet : Organisation du temps de travail : les 1 607 heures      (working-time)

The matter is read in the title and the dispositif only; the mention of the comité's opinion
anywhere in the act ("Vu l'avis du comité social territorial du 3 mars 2024", "après avis du
comité technique", "le CST, consulté le ..."), and whether the act says that opinion is still to
come ("sous réserve de l'avis favorable du Comité Social Territorial", "l'avis ... sera sollicité").
"""

from __future__ import annotations

import re

from ..model import OpinionMatter
from .buildcontext import Context

_COUNT = r"(?:(?:un|une|deux|trois|quatre|cinq|six|\d{1,3})\s+)?"
_MATTERS = (
    ("post-suppression", re.compile(
        rf"\bsuppressions?\s+(?:d['’]\s*|de\s+|du\s+|des\s+){_COUNT}(?:postes?|emplois?)\b|\bsupprimer\s+(?:un|une|le|les|ce|ces|\d{{1,3}})\s+(?:postes?|emplois?)\b"
        r"|\b(?:postes?|emplois?)\s[^.;:\n]{0,80}?\b(?:est|sont)\s+supprim[ée]",
        re.IGNORECASE,
    )),
    ("indemnity-regime", re.compile(r"\br[ée]gime\s+indemnitaire|\bRIFSEEP\b|\bIFSE\b", re.IGNORECASE)),
    ("working-time", re.compile(
        r"\b(?:organisation|am[ée]nagement|r[èe]glement|protocole|dur[ée]e\s+annuelle|cycles?)\s+(?:\w+\s+){0,3}?(?:du\s+)?temps\s+de\s+travail"
        r"|\b1\s?607\s+heures|\bARTT\b|\bt[ée]l[ée]travail|\bcompte\s+[ée]pargne[\s-]+temps|\blignes\s+directrices\s+de\s+gestion",
        re.IGNORECASE,
    )),
)
_COMMITTEE = re.compile(
    r"\bcomit[ée]s?\s+(?:social\s+territorial|technique)|\bCST\b|\bC\.?T\.?P?\s+(?:du|en\s+date|r[ée]uni|le\b|a\b)|\binstance\s+paritaire"
    r"|\bcomit[ée]\s+d['’]\s*hygi[èe]ne",
    re.IGNORECASE,
)
_PENDING = re.compile(
    r"sous\s+r[ée]serve\s+(?:de\s+l['’]\s*|d['’]\s*un\s+)avis|avis\s+(?:\w+\s+){0,3}?(?:sera|seront|doit\s+[êe]tre)\s+(?:sollicit|demand|recueilli|rendu)"
    r"|(?:sera|seront)\s+(?:soumise?s?|pr[ée]sent[ée]e?s?)\s+(?:pour\s+avis\s+)?(?:au|[àa]\s+l['’]\s*avis\s+du)\s+(?:prochain\s+)?(?:comit|CST)|\bprochain\s+(?:comit[ée]|CST)",
    re.IGNORECASE,
)
_PENDING_REACH = 80


def read_opinion_matter(ctx: Context, start: int, end: int, title_at: tuple[int, int] | None, dispositif: tuple[int, int] | None, cut: bool = False) -> OpinionMatter | None:
    """The first matter that the title or the dispositif of the act at view [start, end) decides, if any."""
    text = ctx.view.text
    zones = [z for z in (title_at, dispositif) if z is not None]
    found = next(((key, m) for a, b in zones for key, rx in _MATTERS for m in [rx.search(text, a, b)] if m), None)
    if found is None:
        return None
    key, m = found
    opinion = pending = None
    for mention in _COMMITTEE.finditer(text, start, end):
        said = _PENDING.search(text, max(start, mention.start() - _PENDING_REACH), min(end, mention.end() + _PENDING_REACH))
        if said is None:
            opinion = mention
            break
        pending = pending or said
    return OpinionMatter(
        key,
        ctx.span(m.start(), m.end()),
        ctx.span(opinion.start(), opinion.end()) if opinion else None,
        ctx.span(pending.start(), pending.end()) if pending else None,
        cut,
    )
