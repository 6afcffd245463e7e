"""Effects: the dates from which an act's dispositif says it applies, and what the act is about.

    Article 1 : Les tarifs ci-dessous s'appliquent à compter du 1er janvier 2024.
    Article 2 : Le montant des indemnités est fixé avec effet au 1er juillet 2020.
    Article 3 : Le RIFSEEP prend effet le 1er mars 2024.

Only dates right after such words count ("à compter du", "à partir du", "avec effet au", "prend
effet le", "applicable au", "entre en vigueur le"), in the dispositif (an act's grounds recall past
dates freely). The subject is read from the title, else the dispositif: the allowances of the
élus, tariffs, the régime indemnitaire of the staff, a budget document or tax rates, or other.
"""

from __future__ import annotations

import re

from .datereader import find_dates
from ..model import EffectDate, Effects
from .buildcontext import Context

_EFFECT_CUE = re.compile(
    r"(?:[àa]\s+compter\s+d[ue]|[àa]\s+partir\s+d[ue]|avec\s+effet\s+(?:r[ée]troactif\s+)?(?:au|du|[àa]\s+compter\s+du|le)"
    r"|prend(?:ra|ront|nent)?\s+effet\s+(?:le|au|d[èe]s\s+le|[àa]\s+compter\s+du)|applicables?\s+(?:au|d[èe]s\s+le|[àa]\s+compter\s+du)"
    r"|entre(?:ra|nt|ront)?\s+en\s+vigueur\s+(?:le|au)|r[ée]troactivement\s+au)\s*(?:l['’]\s*)?$",
    re.IGNORECASE,
)
_CUE_REACH = 45
# A ground recalls a date ("Considérant le courrier ... qu'à partir du 1er janvier 2023"): the
# dispositif of a procès-verbal read as one act holds the grounds of its later items.
_SENTENCE_END = re.compile(r"\.(?!\d)|[;:!?\n]")
_GROUND = re.compile(r"[\s\W]*(?:consid[ée]rant|vu\b|attendu|rappel|sachant|compte\s+tenu)", re.IGNORECASE)
_SENTENCE_REACH = 400
_SUBJECT_REACH = 400
_RETROACTIVE = re.compile(r"r[ée]troacti", re.IGNORECASE)
# The first subject that matches wins: a budget's tariffs are the budget's.
_SUBJECTS = (
    ("budget", re.compile(r"\bbudgets?\s+(?:primitif|suppl[ée]mentaire|annexe)|\bd[ée]cision\s+modificative|\bcompte\s+(?:administratif|financier)|\btaux\s+d['’]\s*imposition|\bvote\s+des\s+taux|\bfiscalit[ée]|\btaxe\s+(?:fonci|d['’]\s*habitation)", re.IGNORECASE)),
    ("allowances", re.compile(r"\bindemnit[ée]s?\s+(?:de\s+fonctions?|pour\s+l['’]\s*exercice\s+(?:effectif\s+)?des\s+fonctions|des\s+[ée]lus|du\s+maire|des\s+adjoints|du\s+pr[ée]sident|des\s+vice)", re.IGNORECASE)),
    ("indemnity-regime", re.compile(r"\br[ée]gime\s+indemnitaire|\bRIFSEEP\b|\bIFSE\b|\bindemnit[ée]\s+de\s+fonctions,\s+de\s+sujétions", re.IGNORECASE)),
    ("tariffs", re.compile(r"\btarifs?\b|\btarification|\bredevances?\b|\bdroits?\s+de\s+place|\bprix\s+(?:du|des)\s+(?:repas|ticket|entr[ée]e)", re.IGNORECASE)),
)
_INSTALLATION = re.compile(
    r"\binstallation\s+d[ue]\s+(?:nouveau\s+)?(?:conseil|l['’]\s*assembl[ée]e)|\bdate\s+d['’]\s*installation|\b[ée]lections?\s+(?:municipales|du\s+maire|des\s+adjoints|du\s+pr[ée]sident|des\s+vice)"
    r"|\brenouvellement\s+g[ée]n[ée]ral|\bentr[ée]e\s+en\s+fonctions?",
    re.IGNORECASE,
)


def read_effects(ctx: Context, start: int, end: int, title_at: tuple[int, int] | None, dispositif: tuple[int, int] | None) -> Effects | None:
    """The effect dates of the act at view [start, end), whose dispositif is at `dispositif`; None without one."""
    if dispositif is None:
        return None
    text = ctx.view.text
    title = _subject(text, *title_at) if title_at is not None else None
    dates = []
    for found in find_dates(text, *dispositif):
        cue = _EFFECT_CUE.search(text, max(dispositif[0], found.start - _CUE_REACH), found.start)
        if cue is None or _in_grounds(text, max(dispositif[0], cue.start() - _SENTENCE_REACH), cue.start()):
            continue
        # Without a title, the heading of the item is in the words before: a procès-verbal read as one act holds many.
        subject = title or _subject(text, max(start, cue.start() - _SUBJECT_REACH), cue.start())
        window = text[max(dispositif[0], cue.start() - _CUE_REACH) : found.end]
        dates.append(EffectDate(
            found.date,
            ctx.span(cue.start(), found.end),
            subject[0] if subject else "other",
            ctx.span(*subject[1]) if subject else None,
            _RETROACTIVE.search(window) is not None,
        ))
    if not dates:
        return None
    installation = _INSTALLATION.search(text, start, end)
    return Effects(tuple(sorted(dates, key=lambda d: d.span.start)), ctx.span(installation.start(), installation.end()) if installation else None)


def _subject(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """The first subject (in the order of `_SUBJECTS`) that text[start:end] names."""
    for key, pattern in _SUBJECTS:
        m = pattern.search(text, start, end)
        if m is not None:
            return key, (m.start(), m.end())
    return None


def _in_grounds(text: str, start: int, at: int) -> bool:
    """Whether the sentence holding `at` (looked back for at most `start`) is a ground, not a decision."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, at)]
    return _GROUND.match(text, ends[-1] if ends else start) is not None
