"""Rule attendance-count: declared counts against the names actually listed."""

from __future__ import annotations

from collections.abc import Iterator

from validator.diagnostics import Edit, Fix, Remedy, RemedyKind, Severity
from validator.model import Attendance, Count, Deliberation
from validator.names import same_person
from validator.people import could_change_outcome, index
from validator.rule import Context, Finding, Rule


class AttendanceCount(Rule):
    """Les nombres déclarés de présents, représentés, absents et votants correspondent aux listes.

    Vérifie que le nombre de présents annoncé (« ont été présents 30 membres », « Présents : 16 »)
    est celui des noms listés, de même pour les représentés (pouvoirs) et les absents ; que
    votants = présents + représentés ; et que présents + représentés + absents = membres en
    exercice lorsque tous ces nombres sont connus.

    Usages reconnus : le maire ou le président qui préside est souvent compté parmi les présents
    sans être nommé dans la liste (signalé en `info`) ; une présence limitée dans le temps
    (« à partir de 11 h 50 », « quitte la séance ») fait varier les nombres d'un point à l'autre
    (signalé en `info`) ; une liste coupée par la fin d'un extrait n'est pas comparée ; sous une
    liste des seuls « Excusés », des listes qui comptent moins de membres qu'il n'y en a en
    exercice ne sont pas signalées : elle ne nomme que ceux qui se sont excusés. Une liste dont
    aucun nom n'a pu être lu (une phrase suit l'intitulé) est signalée en `info` (« liste non
    lue ») et ses nombres ne sont pas comparés.

    Gravité selon la jurisprudence (une erreur de la liste de présence qui ne change ni le quorum
    ni le vote est une « erreur de plume », CAA Bordeaux, 16 mars 2010, n° 09BX00950) : un écart
    entre les présents annoncés et listés est une `error` (cas `present-mismatch`) quand l'une des
    deux lectures change le quorum ou peut changer le résultat du vote, ou quand l'acte ne permet
    pas d'en juger (membres en exercice ou vote inconnus) ; un `warning` (cas `present-slip`)
    quand les deux lectures atteignent le quorum de la même façon et que le vote (unanime, ou dont
    l'écart des voix pour et contre dépasse celui des présents) n'en change pas.

    Base légale : le procès-verbal indique les membres présents ou représentés et le quorum
    (CGCT, art. L2121-15 modifié par l'ordonnance n° 2021-1310) ; cohérence interne de l'acte.

    Exemple conforme ::

        Le Conseil municipal s'est réuni sous la présidence de Mme Anne DURAND, Maire.
        Nombre de membres en exercice : 5
        Présents : 3
        Etaient présents : Anne DURAND - Paul MARTIN - Léa PETIT
        Etaient absents et représentés : Marc ROUX représenté par Paul MARTIN
        Etaient absents et excusés : Jean BLANC

    Exemple non conforme ::

        Le Conseil municipal s'est réuni sous la présidence de Mme Anne DURAND, Maire.
        Présents : 4
        Etaient présents : Anne DURAND - Paul MARTIN - Léa PETIT
        Etaient absents et excusés : Jean BLANC
    """

    name = "attendance-count"
    severity = Severity.ERROR
    cases = {
        "present-mismatch": Severity.ERROR,
        "present-slip": Severity.WARNING,
        "represented-mismatch": Severity.ERROR,
        "absent-mismatch": Severity.ERROR,
        "voting-mismatch": Severity.ERROR,
        "voting-from-lists": Severity.WARNING,
        "total-mismatch": Severity.WARNING,
        "president-not-listed": Severity.INFO,
        "varying-attendance": Severity.INFO,
        "unreadable-list": Severity.INFO,
    }
    remedies = {
        "present-mismatch": Remedy(
            RemedyKind.RETRAIT,
            "Vérifier le nombre de présents sur la feuille d'émargement : si l'écart change le quorum ou le résultat du vote, l'acte doit être retiré et voté de nouveau ; sinon, corriger la transcription.",
        ),
        None: Remedy(RemedyKind.TRANSCRIPTION, "Vérifier sur la feuille d'émargement et corriger la liste ou le nombre dans le registre et l'extrait : une erreur de plume qui ne change ni le quorum ni le vote se corrige sans nouveau vote."),
    }

    def check(self, delib: Deliberation, ctx: Context) -> Iterator[Finding]:
        att = delib.attendance
        if att is None or att.all_present_except:
            return
        for lst in (att.present, att.absent, att.represented_list):
            if lst is not None and lst.unreadable:
                written = " ".join(ctx.quote(lst.span).split())
                head = written[: written.index(":") + 1] if ":" in written[:80] else written[:60]
                yield Finding(lst.span, f"liste non lue : aucun nom reconnu après « {head} » ; ses nombres ne sont pas vérifiés", "unreadable-list")
        varying = att.has_time_notes
        present_n = len(att.present.members) if att.present else None
        proxies_n = len(att.represented) if att.represented_list or att.represented else None
        if proxies_n is None and att.present is not None and att.absent is not None:
            proxies_n = 0  # both lists are given and no proxy is: nobody is represented
        if any(lst is not None and lst.unreadable for lst in (att.represented_list, att.absent)):
            proxies_n = None  # proxies may be written there, unread
        absent_all = len(att.absent.members) if att.absent else None
        # Members listed absent who gave a proxy are counted once, among the represented.
        absent_n = _not_represented(att) if att.absent else None

        declared = att.count("present")
        if declared is not None and att.present is not None and present_n is not None:
            yield from self._compare_present(delib, att, declared, present_n, varying)
        rep = att.count("represented")
        # Proxies are read from every list: one that was not read to its end may hide some.
        open_list = any(lst is not None and lst.open_ended for lst in (att.represented_list, att.present, att.absent))
        cut = open_list and proxies_n is not None and proxies_n < (rep.value if rep else 0)
        if rep is not None and proxies_n is not None and rep.value != proxies_n and not varying and not cut:
            yield Finding(rep.span, f"{rep.value} représenté(s) annoncé(s), mais {proxies_n} pouvoir(s) listé(s)", "represented-mismatch", _fix(rep, proxies_n))
        absent = att.count("absent")
        if absent is not None and absent_n is not None and absent.value not in (absent_all, absent_n, absent_n + (proxies_n or 0)):
            if not (att.absent and att.absent.open_ended and absent_n < absent.value):
                yield Finding(absent.span, f"{absent.value} absent(s) annoncé(s), mais {absent_n} nom(s) listé(s)", "absent-mismatch", _fix(absent, absent_n))
        yield from self._voting(att, present_n, proxies_n, varying)
        yield from self._total(delib, att, present_n, proxies_n, absent_n, varying)

    def _compare_present(self, delib: Deliberation, att: Attendance, declared: Count, listed: int, varying: bool) -> Iterator[Finding]:
        assert att.present is not None
        substitutes = att.count("substitutes")
        if declared.value == listed or (att.present.open_ended and listed < declared.value):
            return
        if substitutes is not None and declared.value + substitutes.value == listed:
            return  # titulaires and suppléants counted apart, listed together
        president = delib.session.president
        if declared.value == listed + 1 and president and not _listed(att, president):
            yield Finding(
                declared.span,
                f"{declared.value} présents annoncés pour {listed} noms listés : le président de séance "
                f"({president}) est compté sans être nommé dans la liste",
                "president-not-listed",
            )
            return
        if varying:
            yield Finding(declared.span, f"{declared.value} présents annoncés pour {listed} noms listés (présences variables au cours de la séance)", "varying-attendance")
            return
        message = f"{declared.value} présents annoncés, mais {listed} noms dans la liste des présents"
        if could_change_outcome(delib, declared.value, listed) is False:
            message += " : erreur de plume sans effet sur le quorum ni sur le vote"
            yield Finding(declared.span, message, "present-slip", _fix(declared, listed))
            return
        yield Finding(declared.span, message, "present-mismatch", _fix(declared, listed))

    def _voting(self, att: Attendance, present_n: int | None, proxies_n: int | None, varying: bool) -> Iterator[Finding]:
        voting = att.count("voting")
        if voting is None:
            return
        dp, dr = att.count("present"), att.count("represented")
        present = dp.value if dp else present_n
        represented = dr.value if dr else proxies_n
        if present is None or represented is None or voting.value == present + represented:
            return
        substitutes = att.count("substitutes")
        if dp is not None and substitutes is not None and voting.value == present + substitutes.value + represented:
            return  # titulaires and suppléants present counted apart
        if varying:
            yield Finding(voting.span, f"{voting.value} votants pour {present} présents et {represented} représentés (présences variables)", "varying-attendance")
            return
        case = "voting-mismatch" if dp and dr else "voting-from-lists"
        if dp is not None and substitutes is not None:
            parts = f"présents + suppléants + représentés = {present} + {substitutes.value} + {represented} = {present + substitutes.value + represented}"
        else:
            parts = f"présents + représentés = {present} + {represented} = {present + represented}"
        yield Finding(voting.span, f"{voting.value} votants annoncés, mais {parts}", case)

    def _total(self, delib: Deliberation, att: Attendance, present_n: int | None, proxies_n: int | None, absent_n: int | None, varying: bool) -> Iterator[Finding]:
        in_office = att.count("in_office")
        if in_office is None or varying or att.absent is None:
            return
        dp, dr = att.count("present"), att.count("represented")
        present = dp.value if dp else present_n
        represented = dr.value if dr else proxies_n
        if present is None or represented is None or absent_n is None:
            return
        if any(lst and lst.open_ended for lst in (att.present, att.absent, att.represented_list)):
            return
        replaced = sum(1 for m in att.absent.members if m.replaced_by)
        total = present + represented + absent_n - replaced
        substitutes = att.count("substitutes")
        if total == in_office.value or (dp is not None and substitutes is not None and total + substitutes.value == in_office.value):
            return  # a titulaire replaced by his suppléant is present through him
        sitting = sum(1 for m in att.present.members if m.substitute) if dp is None and att.present else 0
        if sitting and total - sitting == in_office.value:
            return  # suppléants listed present for titulaires listed absent: one seat each
        president = delib.session.president
        if total + 1 == in_office.value and president and not _listed(att, president):
            yield Finding(in_office.span, f"{total} membres dans les listes pour {in_office.value} en exercice : le président de séance ({president}) n'est pas nommé", "president-not-listed")
            return
        if total < in_office.value and att.absent_excused_only:
            return  # a list of the excused names those who sent word; the others are absent unlisted
        yield Finding(
            in_office.span,
            f"{in_office.value} membres en exercice, mais présents + représentés + absents = "
            f"{present} + {represented} + {absent_n - replaced} = {total}",
            "total-mismatch",
        )


def _not_represented(att: Attendance) -> int:
    assert att.absent is not None
    givers = index(p.giver for p in att.represented)
    return sum(1 for m in att.absent.members if givers.find(m.name) is None)


def _listed(att: Attendance, name: str) -> bool:
    people = [m.name for lst in (att.present, att.absent) if lst for m in lst.members]
    people += [p.giver.name for p in att.represented]
    return any(same_person(name, p) for p in people)


def _fix(count: Count, value: int) -> Fix | None:
    if count.value_span is None:
        return None
    return Fix(f"Corriger le nombre déclaré en {value}", (Edit(count.value_span.start, count.value_span.end, str(value)),))
