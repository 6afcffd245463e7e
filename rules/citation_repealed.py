"""Rule citation-repealed: no visa of a text repealed before the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.document import Span
from validator.french import format_date
from validator.model import Deliberation
from validator.rule import Context, Finding, Rule
from validator.ruledata import load


@dataclass(frozen=True, slots=True)
class RepealedText:
    label: str
    repealed_on: dt.date
    replaced_by: str
    kind: str | None = None
    number: str | None = None

    @property
    def participle(self) -> str:
        return "abrogée" if self.label.startswith(("la ", "l'ordonnance")) else "abrogé"


_TEXTS = tuple(
    RepealedText(row["label"], dt.date.fromisoformat(row["repealed_on"]), row["replaced_by"], row.get("kind"), row.get("number"))
    for row in load("repealed.yaml")["repealed"]
)
# Numbered texts are found among the act's citations; codes, by their name (`repealed_mentions`).
_BY_NUMBER = {(t.kind, t.number): t for t in _TEXTS if t.number}
_BY_LABEL = {t.label: t for t in _TEXTS}


class CitationRepealed(Rule):
    """Un acte ne vise pas un texte abrogé avant la séance.

    Signale, dans les visas ou dans une phrase qui fonde la décision (« conformément à »,
    « en application de », « en vertu de »), un texte abrogé à la date de la séance
    (`rules/data/repealed.yaml`) : le code des marchés publics, l'ordonnance n° 2015-899 du
    23 juillet 2015 et le décret n° 2016-360 du 25 mars 2016 à partir du 1er avril 2019 (entrée en
    vigueur du code de la commande publique) ; le décret n° 62-1587 du 29 décembre 1962 (règlement
    général sur la comptabilité publique) remplacé par le décret n° 2012-1246 du 7 novembre 2012
    (GBCP), signalé à partir du 1er janvier 2016, fin de ses entrées en vigueur différées. Un
    texte n'est signalé qu'une fois par acte ; rien n'est dit quand la date de la séance est
    inconnue, ni d'un texte simplement évoqué dans le rapport (historique d'une procédure).

    Un `warning` ; ramené à `info` quand l'acte concerne un contrat ou une procédure antérieurs
    (avenant, marché conclu avant la date, procédure engagée avant), qui restent régis par les
    textes de leur époque.

    Base légale : « On ne vise jamais un texte que le décret abroge entièrement, a fortiori un
    texte abrogé antérieurement » (circulaire du 30 janvier 1997 relative aux règles d'élaboration
    des textes) ; code de la commande publique en vigueur le 1er avril 2019 (ordonnance
    n° 2018-1074 du 26 novembre 2018, décret n° 2018-1075 du 3 décembre 2018).

    Exemple conforme ::

        Le Conseil municipal, réuni le 14 octobre 2021,
        Vu le Code général des collectivités territoriales ;
        Vu le code de la commande publique ;
        DÉCIDE
        Article 1 : Le marché de fourniture de repas est attribué à la société Repas du Terroir.

    Exemple non conforme ::

        Le Conseil municipal, réuni le 14 octobre 2021,
        Vu le Code général des collectivités territoriales ;
        Vu le décret n° 2016-360 du 25 mars 2016 relatif aux marchés publics ;
        DÉCIDE
        Article 1 : Le marché de fourniture de repas est attribué à la société Repas du Terroir.
    """

    name = "citation-repealed"
    severity = Severity.WARNING
    cases = {"repealed": Severity.WARNING, "old-contract": Severity.INFO}
    remedies = {
        "repealed": Remedy(RemedyKind.TRANSCRIPTION, "Citer le texte en vigueur au lieu du texte abrogé ; si la décision ne repose que sur le texte abrogé, la faire confirmer par une délibération rectificative fondée sur le texte en vigueur."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        session = delib.session.date
        if session is None:
            return
        old_contract = delib.prior_contract is not None
        reported: set[str] = set()
        for repealed, span in sorted(_relied_on(delib), key=lambda c: c[1].start):
            if session < repealed.repealed_on or repealed.label in reported:
                continue
            reported.add(repealed.label)
            message = (
                f"{repealed.label} est {repealed.participle} depuis le {format_date(repealed.repealed_on)} (séance du {format_date(session)}) : "
                f"viser {repealed.replaced_by}"
            )
            if old_contract:
                message += " ; l'acte concerne un contrat ou une procédure antérieurs, qui peuvent rester régis par l'ancien texte"
            yield Finding(span, message, "old-contract" if old_contract else "repealed")


def _relied_on(delib: Deliberation) -> Iterator[tuple[RepealedText, Span]]:
    """The repealed texts the act relies on (not named as former texts), with where it names them."""
    for citation in delib.citations:
        found = _BY_NUMBER.get((citation.kind, citation.number))
        if found is not None and citation.relied_on and not citation.former:
            yield found, citation.span
    for mention in delib.repealed_mentions:
        repealed = _BY_LABEL.get(mention.label)
        if repealed is not None and mention.relied_on and not mention.former:
            yield repealed, mention.span
