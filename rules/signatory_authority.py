"""Rule signatory-authority: who signs, with what authority."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Attendance, Deliberation, Signatory
from validator.names import same_person
from validator.rule import Context, Finding, Rule

_EXECUTIVE = re.compile(
    r"^(?:pour\s+extrait\s+conforme\W*)?(?:(?:monsieur|madame|m\.|mme)\s+)?(?:(?:le|la|l['’])\s*)?(?:maire|pr[ée]sidente?)\b", re.IGNORECASE
)
_DEPUTY = re.compile(r"\b(?:vice[\s-]*pr[ée]sidente?|adjointe?|conseill(?:er|[èe]re))\b", re.IGNORECASE)
_AGENT = re.compile(r"\b(?:directeur|directrice|d\.?g\.?s\.?|secr[ée]taire\s+g[ée]n[ée]ral|attach[ée]|r[ée]dacteur)\b", re.IGNORECASE)
_SECRETARY = re.compile(r"secr[ée]taire\s+de\s+(?:la\s+)?s[ée]ance", re.IGNORECASE)
_DOYEN = re.compile(r"\bdoyen", re.IGNORECASE)


class SignatoryAuthority(Rule):
    """La signature nomme une personne et une qualité habilitées à signer l'acte ou à le certifier.

    Peuvent signer ou certifier : le maire ou le président ; un adjoint ou un vice-président
    titulaire d'une délégation (« par délégation », « délégué ») ; le secrétaire de séance pour
    sa signature propre. Un agent (DGS, directeur) qui signe sans « par délégation » est signalé.
    Un élu signataire doit être connu de l'acte : nommé dans les listes de présence ou comme
    président de séance ; le nom porté sous « Le Maire » ou « Le Président » aussi, dès que l'acte
    nomme son président de séance (un nom inconnu de l'acte sous cette qualité est signalé). Enfin, la personne que les articles autorisent à signer (« Madame la
    Présidente est autorisée à signer ») doit être l'autorité exécutive nommée dans l'en-tête.

    La délégation elle-même (arrêté de délégation de fonction et de signature) n'est pas dans
    l'acte : son absence de mention n'est qu'une `info` pour un élu.

    Base légale : délégations du maire aux adjoints (CGCT, art. L2122-18) et du président aux
    vice-présidents (art. L5211-9) ; certification du caractère exécutoire (art. L2131-1).

    Exemple conforme ::

        Madame Martine DURAND, Présidente de la Métropole, a ouvert la séance.
        Etaient présents : Martine DURAND - Paul MARTIN - Léa PETIT
        Délibère
        Article 1 : Madame la Présidente est autorisée à signer la convention.
        Cette proposition mise aux voix est adoptée.
        Certifié conforme,
        Le Vice-Président délégué
        Paul MARTIN

    Exemple non conforme ::

        Madame Martine DURAND, Présidente de la Métropole, a ouvert la séance.
        Etaient présents : Martine DURAND - Paul MARTIN - Léa PETIT
        Délibère
        Article 1 : Monsieur le Maire est autorisé à signer la convention.
        Cette proposition mise aux voix est adoptée.
        Certifié conforme,
        Le Directeur général des services
        Jean BLANC
    """

    name = "signatory-authority"
    severity = Severity.WARNING
    cases = {
        "agent-without-delegation": Severity.WARNING,
        "elected-without-delegation": Severity.INFO,
        "unknown-role": Severity.INFO,
        "signer-not-member": Severity.WARNING,
        "signer-absent": Severity.INFO,
        "authorised-mismatch": Severity.WARNING,
    }
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Faire signer l'acte par l'exécutif ou viser l'arrêté qui délègue sa signature au signataire, sans nouveau vote."),
        "authorised-mismatch": Remedy(RemedyKind.TRANSCRIPTION, "Accorder dans le dispositif le nom, le titre ou l'accord de l'autorité autorisée à signer avec l'exécutif en fonction, sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        for sig in delib.signatories:
            yield from self._signatory(delib, sig)
        yield from self._authorisations(delib)

    def _signatory(self, delib: Deliberation, sig: Signatory) -> Iterator[Finding]:
        role = sig.role or ""
        where = sig.span
        if _SECRETARY.search(role):
            return
        if _AGENT.search(role):
            if not sig.by_delegation:
                yield Finding(where, f"« {role} » : un agent ne signe que par délégation du maire ou du président (mention « par délégation » absente)", "agent-without-delegation")
            return
        if _DEPUTY.search(role):
            if not sig.by_delegation:
                yield Finding(where, f"« {role} » signe sans mention de délégation (« par délégation », « délégué »)", "elected-without-delegation")
        elif not (_EXECUTIVE.search(role) or _DOYEN.search(role)):
            yield Finding(where, f"qualité du signataire non reconnue : « {role} »", "unknown-role")
            return
        if sig.name and delib.attendance is not None:
            yield from self._membership(delib, delib.attendance, sig)

    def _membership(self, delib: Deliberation, att: Attendance, sig: Signatory) -> Iterator[Finding]:
        assert sig.name is not None
        where = sig.name_span or sig.span
        present = [m for m in att.present.members] if att.present else []
        absent = [m for m in att.absent.members] if att.absent else []
        givers = [p.giver for p in att.represented]
        president = delib.session.president
        if any(same_person(sig.name, m.name) for m in present) or (president and same_person(sig.name, president)):
            return
        away = [m for m in (*absent, *givers) if same_person(sig.name, m.name)]
        if away:
            if not any(m.time_note for m in away):
                yield Finding(where, f"le signataire {sig.name} est noté absent de la séance", "signer-absent")
            return
        lists_complete = att.present is not None and not att.present.open_ended
        # The maire or président signs: unknown to the lists, he is the unnamed chair, unless the
        # act names its chair, who is then someone else.
        executive = _EXECUTIVE.search(sig.role or "") is not None
        if lists_complete and (not executive or president):
            yield Finding(where, f"le signataire {sig.name} n'apparaît ni dans les listes de présence ni comme président de séance", "signer-not-member")

    def _authorisations(self, delib: Deliberation) -> Iterator[Finding]:
        role = (delib.session.president_role or "").lower()
        if not role or not delib.authorisations:
            return
        executive = "maire" if "maire" in role else ("president" if role.startswith(("président", "presid")) else None)
        if executive is None:
            return  # a doyen or a vice-president presides: the executive is not named here
        feminine = role.endswith("e") and executive == "president"
        for auth in delib.authorisations:
            if auth.role != executive:
                yield Finding(auth.span, f"les articles autorisent « {auth.text} » alors que l'exécutif nommé en tête est le {'maire' if executive == 'maire' else 'président'}", "authorised-mismatch")
            elif executive == "president" and auth.feminine != feminine:
                who = "la Présidente" if feminine else "le Président"
                yield Finding(auth.span, f"les articles autorisent « {auth.text} » alors que l'en-tête nomme {who}", "authorised-mismatch")
