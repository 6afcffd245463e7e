"""Rule session-signatures: from 1 July 2022, the maire (président) and the secretary sign."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import BodyKind, Deliberation
from validator.rule import Context, Finding, Rule

_SECRETARY = re.compile(r"secr[ée]taire", re.IGNORECASE)
_HEAD = re.compile(r"\b(?:maire|pr[ée]sidente?)\b", re.IGNORECASE)
_VICE = re.compile(r"vice|adjoint|d[ée]l[ée]gu|par\s+d[ée]l[ée]gation|\bp\.?\s*o\b|pour\s+(?:le|la)\s", re.IGNORECASE)
class SessionSignatures(Rule):
    """Depuis le 1er juillet 2022, la délibération est signée par le maire (ou le président) et le secrétaire de séance.

    S'applique aux communes et, par renvoi, aux EPCI, métropoles et syndicats, pour une séance
    tenue à partir du 1er juillet 2022. Signale un bloc de signatures sans le secrétaire de séance
    (`warning`) ou sans le maire ou le président, signé seulement par un adjoint ou un
    vice-président (`info` : il a pu présider la séance). Un extrait ou une copie certifiée
    conforme n'a besoin que de la signature qui certifie : rien n'est vérifié. Une copie publiée
    sans aucun bloc de signatures n'est pas signalée (les signatures sont souvent retirées des
    versions en ligne). Le profil des départements et des régions désactive la règle, leur régime
    de signature n'étant pas établi.

    Base légale : CGCT, art. L2121-23 dans sa rédaction issue de l'ordonnance n° 2021-1310 du
    7 octobre 2021 (« Elles sont signées par le maire et le ou les secrétaires de séance »),
    applicable aux EPCI par l'art. L5211-1.

    Exemple conforme ::

        Séance du Conseil municipal du 12 octobre 2023.
        Article 1 : Le tarif est fixé à 3 €.
        Adopté à l'unanimité.
        Le Maire,
        Anne DURAND
        Le secrétaire de séance,
        Paul MARTIN

    Exemple non conforme ::

        Séance du Conseil municipal du 12 octobre 2023.
        Article 1 : Le tarif est fixé à 3 €.
        Adopté à l'unanimité.
        Le Maire,
        Anne DURAND
    """

    name = "session-signatures"
    severity = Severity.WARNING
    cases = {"missing-secretary": Severity.WARNING, "missing-head": Severity.INFO}
    remedies = {
        "missing-secretary": Remedy(RemedyKind.TRANSCRIPTION, "Faire signer l'acte par le secrétaire de séance avec le maire ou le président (CGCT, art. L. 2121-23) avant de le publier et de le transmettre."),
    }
    options = {"since": dt.date(2022, 7, 1)}

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        date = delib.session.date
        since = ctx.options["since"]
        if not isinstance(since, dt.date):
            since = dt.date.fromisoformat(str(since))
        if date is None or date < since or delib.body.kind is BodyKind.UNKNOWN or not delib.signatories:
            return
        if delib.is_extract or any(s.certification for s in delib.signatories):
            return
        roles = [s.role or "" for s in delib.signatories]
        where = delib.signatories[0].span
        if not any(_SECRETARY.search(r) for r in roles):
            yield Finding(where, f"séance du {date:%d/%m/%Y} : la délibération doit aussi être signée par le secrétaire de séance", "missing-secretary")
        heads = [r for r in roles if _HEAD.search(r) and not _SECRETARY.search(r)]
        if heads and all(_VICE.search(r) for r in heads):
            yield Finding(where, f"séance du {date:%d/%m/%Y} : signée par « {heads[0]} », et non par le maire ou le président", "missing-head")
