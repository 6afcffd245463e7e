"""Rule seance-attendance: the acts of one séance agree on who sits, who presides and who counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from validator.diagnostics import Severity
from validator.names import fold, same_person
from validator.rule import Rule, SeanceContext, SeanceFinding
from validator.seance_model import Movement, Seance, SeanceAct


class SeanceAttendance(Rule):
    """Les actes d'une même séance s'accordent sur les membres, la présidence, le secrétaire et les présents.

    Vérifiée sur la séance entière (`delib check` d'un dossier ou de plusieurs fichiers, ou
    `--session`), entre les actes qui donnent chacun leurs présences (les actes d'un
    procès-verbal qui les donne une fois pour toutes ne sont comparés qu'une fois) :

    - le nombre de membres en exercice est le même pour toute la séance (`warning`, cas `in-office`) ;
    - le secrétaire de séance est le même (`warning`, cas `secretary`) ;
    - le président est le même (`info`, cas `president` : la présidence change de droit pour le
      compte administratif, ou après l'élection du maire) ;
    - un membre nommé dans les listes complètes des autres actes manque à celles d'un acte
      (`info`, cas `roster` : une lecture des listes peut en être la cause) ;
    - un membre qui arrive ou part à un point de l'ordre du jour (« arrive en séance à l'affaire
      n° 12 », « quitte la séance avant le vote du point 7 ») change le nombre de présents à partir
      de ce point : le nombre de présents que déclare chaque acte doit suivre (`warning`, cas
      `counts` : une erreur de plume, qui ne change ni le quorum ni le vote tant que les autres
      chiffres de l'acte sont justes ; `quorum` et `vote-arithmetic` jugent ceux-ci). Le point est
      le numéro d'ordre de l'acte (« 2024-012 » est le point 12), ou son rang dans la séance
      quand ses numéros se suivent sans commencer à 1.

    Chaque remarque nomme les autres actes en cause (« voir aussi », `relatedLocations` en SARIF).

    Base légale : le conseil ne délibère valablement que lorsque la majorité de ses membres en
    exercice est présente (CGCT, art. L2121-17), ce qui s'apprécie à chaque délibération : les
    présents de chaque acte sont ceux du moment du vote ; le secrétaire est désigné pour la
    séance (art. L2121-15) ; le président de séance est le maire, sauf pour le compte
    administratif (art. L2121-14) ; la liste des présents figure au procès-verbal et à chaque
    délibération (art. L2121-23 et R2121-9). Une erreur matérielle dans ces mentions, qui ne
    change ni le quorum ni le vote, n'entache pas l'acte d'illégalité (« erreur de plume ») mais
    doit être rectifiée.

    Exemple conforme ::

        === 2024-011.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-011
        Objet : Tarifs de la cantine

        Présents : 14
        Absents : Jean BERNARD (arrive en séance à l'affaire n° 12)
        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Les tarifs sont fixés.
        === 2024-012.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-012
        Objet : Subvention au comité des fêtes

        Présents : 15
        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Une subvention est attribuée.

    Exemple non conforme ::

        === 2024-011.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-011
        Objet : Tarifs de la cantine

        Présents : 14
        Absents : Jean BERNARD (arrive en séance à l'affaire n° 12)
        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Les tarifs sont fixés.
        === 2024-012.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-012
        Objet : Subvention au comité des fêtes

        Présents : 14
        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Une subvention est attribuée.
    """

    name = "seance-attendance"
    scope = "session"
    severity = Severity.WARNING
    cases = {
        "in-office": Severity.WARNING,
        "secretary": Severity.WARNING,
        "president": Severity.INFO,
        "roster": Severity.INFO,
        "counts": Severity.WARNING,
    }

    def check_session(self, seance: Seance, ctx: SeanceContext) -> Iterator[SeanceFinding]:
        acts = _stating(seance.acts)
        if len(acts) < 2:
            return
        yield from _in_office(acts)
        yield from _same_person(acts, "secretary")
        yield from _same_person(acts, "president")
        yield from _roster(acts)
        yield from _counts(acts)


def _stating(acts: Sequence[SeanceAct]) -> list[SeanceAct]:
    """One act per attendance stated: the acts of a procès-verbal that states it once count once."""
    seen: set[tuple[str, int]] = set()
    out = []
    for act in acts:
        if act.attendance is None or (act.path, act.attendance) in seen:
            continue
        seen.add((act.path, act.attendance))
        out.append(act)
    return out


def _in_office(acts: Sequence[SeanceAct]) -> Iterator[SeanceFinding]:
    stated = [a for a in acts if a.in_office is not None]
    usual = _most_common([a.in_office.value for a in stated if a.in_office])
    if usual is None:
        return
    reference = next(a for a in stated if a.in_office and a.in_office.value == usual)
    for act in stated:
        if act.in_office is not None and act.in_office.value != usual:
            yield SeanceFinding(
                act.in_office.place,
                f"{act.in_office.value} membres en exercice, {usual} dans les autres actes de la séance ({reference.label})",
                "in-office",
                ((reference.in_office.place if reference.in_office else reference.place, reference.label),),
            )


def _same_person(acts: Sequence[SeanceAct], role: str) -> Iterator[SeanceFinding]:
    named = [(a, getattr(a, role)) for a in acts if getattr(a, role)]
    if len(named) < 2:
        return
    first, name = named[0]
    word = "secrétaire de séance" if role == "secretary" else "président de séance"
    for act, other in named[1:]:
        if not same_person(name, other):
            place = getattr(act, f"{role}_place") or act.place
            where = getattr(first, f"{role}_place") or first.place
            yield SeanceFinding(place, f"{word} : {other}, mais {name} pour {first.label} de la même séance", role, ((where, first.label),))
            return  # one change said once; the acts after it follow the new one or say it again


def _roster(acts: Sequence[SeanceAct]) -> Iterator[SeanceFinding]:
    whole = [a for a in acts if a.lists_whole and a.members]
    if len(whole) < 3:
        return  # two acts that differ: which one lacks a name is not known
    # How many acts name each member (by the folded name, then confirmed person by person).
    naming = Counter(k for a in whole for k in {_key(m) for m in a.members})
    written = {_key(m): m for a in reversed(whole) for m in a.members}
    # Named by every act's lists but one.
    all_but_one = {k for k, n in naming.items() if n == len(whole) - 1}
    for act in whole:
        keys = {_key(m) for m in act.members}
        # Named by every other act's lists, and by none of this one's (written otherwise, it is there).
        missing = [written[k] for k in sorted(all_but_one - keys) if not _names(act, written[k])]
        if missing:
            others = [o for o in whole if o is not act]
            yield SeanceFinding(
                act.place,
                f"{', '.join(missing)} : {'nommé' if len(missing) == 1 else 'nommés'} dans les listes des autres actes de la séance, absent de celles-ci",
                "roster",
                tuple((o.place, o.label) for o in others[:3]),
            )


def _key(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalpha())


def _names(act: SeanceAct, member: str) -> bool:
    return any(same_person(member, m) for m in act.members)


def _counts(acts: Sequence[SeanceAct]) -> Iterator[SeanceFinding]:
    movements = _movements(acts)
    items = _items(acts, movements)
    counted = [a for a in acts if a.present is not None and a in items]
    if not movements or len(counted) < 2:
        return
    # Those present whatever the item: the same in every act once the movements are taken out.
    moved = {id(a): [m for m in movements if _sits(m, items[a])] for a in counted}
    steady = {id(a): (a.present.value if a.present else 0) - len(moved[id(a)]) for a in counted}
    # The count most acts follow; between as many, the first act's (the roll call at the opening).
    usual = _most_common(list(steady.values()))
    if usual is None:
        usual = steady[id(min(counted, key=lambda a: items[a]))]
    # The first act of each item whose count follows.
    followed: dict[int, SeanceAct] = {}
    for act in counted:
        if steady[id(act)] == usual:
            followed.setdefault(items[act], act)
    for act in counted:
        if steady[id(act)] == usual or act.present is None:
            continue
        expected = usual + len(moved[id(act)])
        # The nearest act whose count follows with a movement between the two; a count that
        # differs with no movement between is not this rule's to judge.
        nearest = sorted(followed, key=lambda i: abs(i - items[act]))
        item = next((i for i in nearest if any(_sits(m, items[act]) != _sits(m, i) for m in movements)), None)
        if item is None:
            continue
        good = followed[item]
        between = [m for m in movements if _sits(m, items[act]) != _sits(m, items[good])]
        why = " ; ".join(_said(m) for m in between)
        yield SeanceFinding(
            act.present.place,
            f"{act.present.value} présents déclarés, {expected} attendus au point {items[act]} : {why} ({good.label} : {good.present.value if good.present else '?'} présents)",
            "counts",
            ((good.present.place if good.present else good.place, good.label), *((_own(act, m).place, _said(m)) for m in between)),
        )


def _movements(acts: Sequence[SeanceAct]) -> list[Movement]:
    """Each member's movement once, however many acts restate it."""
    out: dict[str, Movement] = {}
    for act in acts:
        for m in act.movements:
            out.setdefault(fold(m.member), m)
    return list(out.values())


def _items(acts: Sequence[SeanceAct], movements: Sequence[Movement]) -> dict[SeanceAct, int]:
    """The item of the agenda of each act: its order number when the movements' items are among
    them, else its rank in a séance numbered without gap; nothing when neither holds."""
    serials = {a: a.serial for a in acts if a.serial is not None}
    if not serials:
        return {}
    named = {b for m in movements for b in (m.since, m.until) if b is not None}
    values = sorted(serials.values())
    if named and min(values) <= min(named) and max(named) <= max(values) + 1:
        return dict(serials)
    if len(set(values)) == len(values) and values[-1] - values[0] + 1 == len(values):
        order = {s: i + 1 for i, s in enumerate(values)}
        return {a: order[s] for a, s in serials.items()}
    return {}


def _own(act: SeanceAct, m: Movement) -> Movement:
    """The movement as the act itself writes it, when it does (its place is then in the act's file)."""
    return next((o for o in act.movements if fold(o.member) == fold(m.member)), m)


def _sits(m: Movement, item: int) -> bool:
    return (m.since is None or item >= m.since) and (m.until is None or item <= m.until)


def _said(m: Movement) -> str:
    if m.since is not None and m.until is not None:
        return f"{m.member} siège des points {m.since} à {m.until}"
    if m.since is not None:
        return f"{m.member} arrive au point {m.since}"
    return f"{m.member} part après le point {m.until}"


def _most_common(values: Sequence[int]) -> int | None:
    """The value most acts give; None when no value is given by more acts than any other."""
    ranked = Counter(values).most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
