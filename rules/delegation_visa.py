"""Rule delegation-visa: a bureau or a commission permanente cites the conseil's delegation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from validator.diagnostics import Severity
from validator.document import Span
from validator.french import find_dates
from validator.model import Deliberation, Visa
from validator.rule import Context, Finding, Rule
from validator.ruledata import load

# "FAG 21-5718/19/CM" (item-sequence/year/organ) and "MET 19/11402/BM" (year/number/organ).
_SUFFIXED = re.compile(
    r"(?<![\w/])(?:[A-Z]{2,4}[ \u00a0])?(?:\d{2,3}-\d{1,6}/(?P<yy>\d{2})|(?P<yy_first>\d{2})/\d{1,6})/(?P<organ>BM|CM|CP|CC|CR|CD)\b"
)
# "n° 2020-045", "DE_2016_021", "2019/12": a four-digit year opens the number.
_YEAR_FIRST = re.compile(r"\bn[°o]\s*(?:[A-Z]{1,4}[_ -])?(?P<yyyy>(?:19|20)\d\d)[-_/.]\d{1,5}\b", re.IGNORECASE)
# The cited act described as one of the delegate's own acts, not the conseil's.
_WRONG_AUTHOR = re.compile(
    r"d[ée]lib[ée]ration\s+(?:n[°o]\s*\S+\s+)?(?:du|de\s+la)\s+(?P<who>bureau|commission\s+permanente)\b", re.IGNORECASE
)
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

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        if not delib.body.acts_by_delegation or delib.truncated or not (delib.visas or delib.has_dispositif):
            return
        patterns = load("visas.yaml")["requirements"]["delegation"]["patterns"]
        cited = [v for v in delib.visas if any(re.search(p, v.text, re.IGNORECASE) for p in patterns)]
        if not cited:
            where = delib.visa_block or delib.decide_span or delib.span
            organ = delib.body.organ.value.replace("-", " ")
            if any(re.search(p, ctx.text(delib.span), re.IGNORECASE) for p in patterns):
                yield Finding(where, f"{organ} agissant par délégation : la délégation n'est mentionnée que dans le corps du texte, pas dans les visas", "mentioned-elsewhere")
            else:
                yield Finding(where, f"{organ} agissant par délégation : aucun visa ne cite la délibération du conseil qui lui délègue ses compétences", "missing")
            return
        for visa in cited:
            yield from self._check_cited(visa, delib, ctx)

    def _check_cited(self, visa: Visa, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        base = visa.span.start
        raw = ctx.text(visa.span)
        suffixed = _SUFFIXED.search(raw)
        author = _WRONG_AUTHOR.search(raw)
        if suffixed and suffixed.group("organ") in _DELEGATES:
            who = _DELEGATES[suffixed.group("organ")]
            yield Finding(_at(base, suffixed), f"la délégation citée porte le suffixe /{suffixed.group('organ')} d'un acte du {who} : seule l'assemblée délègue ses compétences", "wrong-body")
        elif author:
            who = "du bureau" if author.group("who").lower() == "bureau" else "de la commission permanente"
            yield Finding(_at(base, author), f"la délégation citée est une délibération {who} : seule l'assemblée délègue ses compétences", "wrong-body")
        dates = list(find_dates(raw))
        if not dates:
            return
        first = min(dates, key=lambda d: d.date)
        session = delib.session.date
        if session is not None and first.date > session:
            yield Finding(_span(base, first.start, first.end), f"délégation datée du {first.date:%d/%m/%Y}, après la séance du {session:%d/%m/%Y}", "after-session")
            return
        yield from _year_mismatch(raw, base, first.date)
        renewal = _last_renewal(delib, session)
        if renewal is not None and first.date < renewal:
            yield Finding(_span(base, first.start, first.end), f"délégation du {first.date:%d/%m/%Y}, antérieure au renouvellement général de {renewal.year} : a-t-elle été votée à nouveau ?", "before-renewal")


def _year_mismatch(raw: str, base: int, date: dt.date) -> Iterator[Finding]:
    suffixed = _SUFFIXED.search(raw)
    year_first = _YEAR_FIRST.search(raw)
    if suffixed:
        group = "yy" if suffixed.group("yy") else "yy_first"
        year, m = 2000 + int(suffixed.group(group)), suffixed
    elif year_first:
        year, group, m = int(year_first.group("yyyy")), "yyyy", year_first
    else:
        return
    if year != date.year:
        yield Finding(_span(base, m.start(group), m.end(group)), f"le numéro de la délégation porte l'année {year}, sa date l'année {date.year}", "year-mismatch")


def _last_renewal(delib: Deliberation, session: dt.date | None) -> dt.date | None:
    dates = load("derogations.yaml")["renewals"].get(delib.body.kind.value)
    if session is None or not dates:
        return None
    before = [d for d in dates if d <= session]
    return max(before) if before else None


def _at(base: int, m: re.Match[str]) -> Span:
    return _span(base, m.start(), m.end())


def _span(base: int, start: int, end: int) -> Span:
    return Span(base + start, base + end)
