"""Rule member-unknown: every name of the attendance is on the roster of the body."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation, Member
from validator.names import (
    NameIndex,
    fold,
    name_parts,
    role_of_holder,
    split_civility,
    tokens,
)
from validator.rule import Context, Finding, Rule


class MemberUnknown(Rule):
    """Chaque membre nommé dans les présences figure sur la liste des membres en exercice (`roster:`).

    Active seulement quand `.delib.yaml` donne la liste des membres de l'organe, sous la forme
    `roster: [noms]` ou `roster: {in_office: 33, members: [noms]}`.

    Signale un présent, un absent, un mandant ou un mandataire qui n'y figure pas, avec la
    suggestion du nom le plus proche (« voulez-vous dire ... ? »). La comparaison ignore accents,
    majuscules, civilités et ordre des mots (« DURAND Anne » = « Anne Durand ») ; un nom sans
    prénom suffit s'il est sans ambiguïté. Un mandataire désigné par sa fonction (« M. le Maire »)
    n'est pas vérifié. Un nombre de membres en exercice annoncé qui diffère de celui de la liste est
    signalé ; ce nombre sert aussi à la règle `quorum`.

    Base légale : le tableau du conseil (CGCT, art. R2121-2 à R2121-4) ; le procès-verbal indique
    les membres présents ou représentés (art. L2121-15).

    Configuration des exemples ::

        roster: [Anne DURAND, Paul MARTIN, Léa PETIT, Marc ROUX]

    Exemple conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Léa PETIT.

    Exemple non conforme ::

        Etaient présents : Anne DURAND, Paul MARTEN, Léa PETIT.
    """

    name = "member-unknown"
    severity = Severity.WARNING
    cases = {"unknown": Severity.WARNING, "in-office": Severity.WARNING}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Corriger le nom d'après le tableau du conseil, ou mettre à jour la liste des membres en exercice de la configuration (`roster:`)."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None or ctx.roster is None or not ctx.roster.members:
            return
        roster = ctx.roster.members
        declared = att.count("in_office")
        if declared is not None and ctx.roster.in_office and declared.value != ctx.roster.in_office:
            yield Finding(declared.span, f"{declared.value} membres en exercice annoncés, {ctx.roster.in_office} selon la liste des membres de la configuration", "in-office")
        book = _Roster(roster)
        people: list[Member] = list(att.present.members) if att.present else []
        people += [p.giver for p in att.represented] + [p.holder for p in att.represented if p.holder is not None]
        people += list(att.absent.members) if att.absent else []
        if att.secretary is not None:
            people.append(att.secretary)
        seen: set[int] = set()
        for member in people:
            if member.span.start in seen or book.knows(member):
                continue
            seen.add(member.span.start)
            close = difflib.get_close_matches(_key(member.name), list(book.keys), n=1, cutoff=0.75)
            hint = f" ; voulez-vous dire {book.keys[close[0]]} ?" if close else ""
            yield Finding(member.span, f"{member.name} ne figure pas sur la liste des membres en exercice{hint}", "unknown")


def _key(name: str) -> str:
    """Accents, case, civility and word order do not matter: 'DURAND Anne' = 'Anne Durand'."""
    _, rest = split_civility(name.strip())
    return " ".join(sorted(fold(t).strip(".,") for t in tokens(rest)))


class _Roster:
    """The roster, indexed once for the names of one act."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.keys = {_key(n): n for n in names}
        self.index = NameIndex(names, lambda n: n)
        self.by_word: dict[str, set[str]] = {}
        for key in self.keys:
            for word in key.split():
                self.by_word.setdefault(word, set()).add(key)

    def knows(self, member: Member) -> bool:
        if role_of_holder(member.name) or role_of_holder(f"{member.civility or ''} {member.name}".strip()):
            return True
        if _key(member.name) in self.keys or self.index.find(member.name) is not None:
            return True
        # Surname only ("M. MARTIN"), or a roster written "Durand Anne" without capitals: the words
        # written must all be words of exactly one roster entry.
        words = _key(member.name).split()
        surname, _ = name_parts(member.name)
        if not words or not surname:
            return False
        entries = set.intersection(*(self.by_word.get(w, set()) for w in words))
        return len(entries) == 1
