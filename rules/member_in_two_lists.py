"""Rule member-in-two-lists: nobody is both present and absent (or represented)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Remedy, RemedyKind, Severity
from validator.model import Deliberation, Member
from validator.names import fold, name_parts
from validator.people import could_change_outcome, index, present
from validator.rule import Context, Finding, Rule


class MemberInTwoLists(Rule):
    """Un même membre n'est pas à la fois présent et absent, ou présent et représenté.

    Signale le nom qui figure dans la liste des présents et dans celle des absents, ou parmi les
    mandants qui ont donné pouvoir. Une présence bornée dans le temps (« à partir de 11 h 50 »,
    « jusqu'à 11 h 50 », « arrivée à 20 h 50 », « quitte la séance ») explique légitimement la
    double mention et n'est pas signalée. Un nom écrit à l'identique dans les deux listes est un
    même membre ; un nom sans prénom qui ne se distingue pas d'un homonyme (« DURAND » et
    « Anne DURAND ») n'est qu'une `info` ; « M. MARTIN » et « Mme MARTIN » sont deux personnes.

    Gravité selon la jurisprudence : une `error` quand compter ce membre présent ou non peut changer
    le quorum ou le vote, ou quand l'acte ne permet pas d'en juger ; un `warning` (cas `slip`,
    « erreur de plume », CAA Bordeaux, 16 mars 2010, n° 09BX00950) quand le quorum est atteint de
    la même façon avec ou sans lui et que le vote (unanime, ou d'un écart de plus d'une voix) n'en
    change pas.

    Base légale : cohérence interne de l'acte ; le procès-verbal indique les membres présents ou
    représentés (CGCT, art. L2121-15).

    Exemple conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Marc ROUX (à partir de 11 h 50)
        Etaient excusés : Marc ROUX (jusqu'à 11 h 50 - délégation de vote à Paul MARTIN)

    Exemple non conforme ::

        Etaient présents : Anne DURAND, Paul MARTIN, Marc ROUX
        Etaient absents et représentés : Marc ROUX représenté par Paul MARTIN
    """

    name = "member-in-two-lists"
    severity = Severity.ERROR
    cases = {"present-and-absent": Severity.ERROR, "present-and-represented": Severity.ERROR, "slip": Severity.WARNING, "homonym": Severity.INFO}
    remedies = {
        None: Remedy(RemedyKind.TRANSCRIPTION, "Vérifier sur la feuille d'émargement et corriger la liste ou le nombre dans le registre et l'extrait : une erreur de plume qui ne change ni le quorum ni le vote se corrige sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None or att.all_present_except:
            return
        here = index(present(att))
        others: list[tuple[Member, str]] = [(p.giver, "present-and-represented") for p in att.represented]
        others += [(m, "present-and-absent") for m in (att.absent.members if att.absent else ()) if not any(m is p for p, _ in others)]
        seen: set[int] = set()
        for member, case in others:
            match = here.find(member.name)
            if match is None or member.time_note or match.time_note or member.replaced_by or match.substitute_for:
                continue
            if member.span.start in seen:
                continue
            seen.add(member.span.start)
            where = "représenté (pouvoir donné)" if case == "present-and-represented" else "absent"
            if _gender(member) and _gender(match) and _gender(member) != _gender(match):
                continue  # "M. MARTIN" and "Mme MARTIN" are two people
            same_writing = fold(" ".join(member.name.split())) == fold(" ".join(match.name.split()))
            if not same_writing and (not name_parts(member.name)[1] or not name_parts(match.name)[1]):
                yield Finding(member.span, f"{member.name} : présent et {where} ? (même nom que {match.name}, prénom manquant)", "homonym")
            else:
                message = f"{member.name} figure parmi les présents et parmi les {'représentés' if case == 'present-and-represented' else 'absents'}"
                present_n = att.tally().present.value
                if present_n is not None and could_change_outcome(delib, present_n, present_n - 1) is False:
                    yield Finding(member.span, message + " : erreur de plume sans effet sur le quorum ni sur le vote", "slip")
                else:
                    yield Finding(member.span, message, case)


def _gender(member: Member) -> str | None:
    """ "m" or "f" from the civility written before a name, None without one."""
    civility = (member.civility or "").lower().rstrip(".")
    if civility in ("m", "monsieur", "mr"):
        return "m"
    if civility in ("mme", "madame", "mlle", "mademoiselle"):
        return "f"
    return None
