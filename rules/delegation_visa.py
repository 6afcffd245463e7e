"""Rule delegation-visa: a bureau or a commission permanente cites the conseil's delegation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import CitedDelegation, Deliberation, Organ
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

# The organ codes of the delegates' own acts.
_DELEGATES = {"BM": "bureau", "CP": "commission permanente"}


class DelegationVisa(Rule):
    """Un bureau ou une commission permanente vise la délibération du conseil qui lui a délégué ses compétences.

    Le bureau d'un EPCI, d'une métropole ou d'un syndicat, et la commission permanente d'un
    département ou d'une région, n'ont que les compétences que leur assemblée leur a déléguées :
    leur délibération vise cette délégation (« Vu la délibération n° … du Conseil du … portant
    délégation de compétences au Bureau »). Signale :

    - l'absence de ce visa (`warning`, ramené à `info` quand la délégation n'est mentionnée que
      dans le corps du texte) ;
    - une délégation citée qui serait un acte du bureau ou de la commission permanente elle-même
      (suffixe `/BM`, « délibération du Bureau ») : seule l'assemblée délègue (`warning`) ;
    - une délégation datée après la séance (`error`), un numéro dont l'année ne correspond pas à
      la date citée (`warning`), une délégation antérieure au dernier renouvellement général de
      l'assemblée, normalement votée à nouveau après chaque renouvellement (`info`).

    Base légale : CGCT, art. L5211-10 (bureau d'EPCI ; son mandat prend fin avec celui de
    l'organe délibérant), L3211-2 (commission permanente du département), L4221-5 (région).

    Exemple conforme ::

        Séance du Bureau de la Métropole du 27 juin 2019.
        Vu le Code général des collectivités territoriales ;
        Vu la délibération FAG 21-5718/19/CM du Conseil de la Métropole du 28 mars 2019 portant délégation de compétences du Conseil au Bureau ;
        Délibère
        Article 1 : La convention est approuvée.

    Exemple non conforme ::

        Séance du Bureau de la Métropole du 27 juin 2019.
        Vu le Code général des collectivités territoriales ;
        Délibère
        Article 1 : La convention est approuvée.
    """

    name = "delegation-visa"
    severity = Severity.WARNING
    cases = {
        "missing": Severity.WARNING,
        "mentioned-elsewhere": Severity.INFO,
        "wrong-body": Severity.WARNING,
        "after-session": Severity.ERROR,
        "year-mismatch": Severity.WARNING,
        "before-renewal": Severity.INFO,
    }
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Viser dans l'acte la délibération qui délègue ses pouvoirs à l'organe (son numéro et sa date) : l'omission ou l'erreur d'un visa se corrige sans nouveau vote."),
        "after-session": Remedy(RemedyKind.RETRAIT, "L'organe n'avait pas reçu la délégation le jour de sa séance : retirer l'acte et le faire adopter de nouveau par l'organe compétent."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        if not delib.body.acts_by_delegation or delib.truncated or not (delib.visas or delib.has_dispositif):
            return
        if not delib.delegations:
            where = delib.visa_block or delib.decide_span or delib.span
            organ = delib.body.organ.value.replace("-", " ")
            if delib.delegation_mention is not None:
                yield Finding(where, f"{organ} agissant par délégation : la délégation n'est mentionnée que dans le corps du texte, pas dans les visas", "mentioned-elsewhere")
            else:
                yield Finding(where, f"{organ} agissant par délégation : aucun visa ne cite la délibération du conseil qui lui délègue ses compétences", "missing")
            return
        for cited in delib.delegations:
            yield from self._check_cited(cited, delib)

    def _check_cited(self, cited: CitedDelegation, delib: Deliberation) -> Iterator[Finding]:
        number = cited.number
        if number is not None and number.organ_code in _DELEGATES:
            who = _DELEGATES[number.organ_code]
            yield Finding(number.span, f"la délégation citée porte le suffixe /{number.organ_code} d'un acte du {who} : seule l'assemblée délègue ses compétences", "wrong-body")
        elif cited.author is not None and cited.author_span is not None:
            who = "du bureau" if cited.author is Organ.BUREAU else "de la commission permanente"
            yield Finding(cited.author_span, f"la délégation citée est une délibération {who} : seule l'assemblée délègue ses compétences", "wrong-body")
        first = cited.date
        if first is None:
            return
        session = delib.session.date
        if session is not None and first.date > session:
            yield Finding(first.span, f"délégation datée du {first.date:%d/%m/%Y}, après la séance du {session:%d/%m/%Y}", "after-session")
            return
        if number is not None and number.year is not None and number.year_span is not None and number.year != first.date.year:
            yield Finding(number.year_span, f"le numéro de la délégation porte l'année {number.year}, sa date l'année {first.date.year}", "year-mismatch")
        renewal = _last_renewal(delib, session)
        if renewal is not None and first.date < renewal:
            yield Finding(first.span, f"délégation du {first.date:%d/%m/%Y}, antérieure au renouvellement général de {renewal.year} : a-t-elle été votée à nouveau ?", "before-renewal")


def _last_renewal(delib: Deliberation, session: dt.date | None) -> dt.date | None:
    dates = load("derogations.yaml")["renewals"].get(delib.body.kind.value)
    if session is None or not dates:
        return None
    before = [d for d in dates if d <= session]
    return max(before) if before else None
