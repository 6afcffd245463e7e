"""Rule seance-numbering: the acts of one séance bear distinct numbers that follow each other."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from validator.diagnostics import Severity
from validator.names import fold
from validator.rule import Rule, SeanceContext, SeanceFinding
from validator.seance_model import Seance, SeanceAct


# The other acts a finding names: a number given to hundreds of acts names the first few.
MAX_RELATED = 5


class SeanceNumbering(Rule):
    """Les actes d'une même séance portent des numéros distincts, qui se suivent.

    Vérifiée sur la séance entière (`delib check` d'un dossier ou de plusieurs fichiers, ou
    `--session`) : les actes de même collectivité, même organe et même date, d'un fichier à
    l'autre et dans un procès-verbal. Signale :

    - un numéro donné à deux actes d'objets différents dans deux fichiers (`warning`, cas
      `duplicate` ; dans un même fichier, c'est `reference-number` qui le signale). Le même acte
      publié deux fois (même numéro, même objet : une seconde transmission) n'est pas signalé ;
    - des numéros qui manquent dans une série qui se suit (`info`, cas `gap`) : un acte retiré de
      l'ordre du jour, ou un fichier qui n'a pas été vérifié avec les autres. Une série n'est
      comparée que si elle a au moins trois numéros et que la plupart de ses numéros sont là
      (les numéros de dossier d'une métropole, qui ne se suivent pas dans une séance, ne le sont
      pas), et seulement d'un fichier à l'autre : dans un procès-verbal, un acte entre deux autres
      peut être là sans avoir été lu comme un acte.

    Chaque remarque nomme les autres actes en cause (« voir aussi », `relatedLocations` en SARIF).

    Base légale : les délibérations sont inscrites par ordre de date au registre et reçoivent un
    numéro d'ordre (CGCT, art. R2121-9) ; le numéro identifie l'acte auprès du contrôle de
    légalité (@ctes, identifiant de l'acte) et dans les données ouvertes (DELIB_ID du schéma SCDL
    « Délibérations »).

    Exemple conforme ::

        === 2024-012.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-012
        Objet : Tarifs de la cantine

        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Les tarifs sont fixés.
        === 2024-013.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-013
        Objet : Subvention au comité des fêtes

        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Une subvention est attribuée.

    Exemple non conforme ::

        === 2024-012.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-012
        Objet : Tarifs de la cantine

        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Les tarifs sont fixés.
        === 2024-012-bis.txt ===
        COMMUNE DE SAINT-MARTIN
        Séance du conseil municipal du 12 mars 2024
        Délibération n° 2024-012
        Objet : Subvention au comité des fêtes

        Le Conseil municipal,
        Vu le code général des collectivités territoriales ;
        DÉCIDE
        Article 1 : Une subvention est attribuée.
    """

    name = "seance-numbering"
    scope = "session"
    severity = Severity.WARNING
    cases = {"duplicate": Severity.WARNING, "gap": Severity.INFO}

    def check_session(self, seance: Seance, ctx: SeanceContext) -> Iterator[SeanceFinding]:
        yield from _duplicates(seance.acts)
        series: dict[str, list[SeanceAct]] = {}
        for act in seance.acts:
            if act.serial is not None and act.series is not None:
                series.setdefault(act.series, []).append(act)
        for acts in series.values():
            yield from _gaps(acts)


def _duplicates(acts: Sequence[SeanceAct]) -> Iterator[SeanceFinding]:
    by_number: dict[str, list[SeanceAct]] = {}
    for act in acts:
        if act.number and act.title:
            by_number.setdefault(_key(act.number), []).append(act)
    for same in by_number.values():
        # The first act of each objet under this number: the later ones of another objet are said.
        first: dict[str, SeanceAct] = {}
        for act in same:
            first.setdefault(_key(act.title or ""), act)
        if len(first) < 2:
            continue  # one objet: the same act, published or sent more than once
        heads = list(first.values())
        rank = {id(a): i for i, a in enumerate(same)}
        for act in same:
            title = _key(act.title or "")
            earlier = next((h for h in heads if _key(h.title or "") != title and rank[id(h)] < rank[id(act)]), None)
            # One of this file is reference-number's.
            if earlier is None or earlier.path == act.path:
                continue
            others = [h for h in heads if _key(h.title or "") != title][:MAX_RELATED]
            yield SeanceFinding(
                act.place,
                f"numéro {act.number} déjà donné à l'acte « {_short(earlier.title or '')} » de la même séance ({_file(earlier.path)}, ligne {earlier.place.line})",
                "duplicate",
                tuple((o.place, f"{o.label} « {_short(o.title or '')} »") for o in others),
            )


def _gaps(acts: Sequence[SeanceAct]) -> Iterator[SeanceFinding]:
    by_serial: dict[int, SeanceAct] = {}
    for act in acts:
        by_serial.setdefault(act.serial or 0, act)
    serials = sorted(by_serial)
    # A series numbered in order: three numbers at least, and most of its range present.
    if len(serials) < 3 or serials[-1] - serials[0] + 1 > 2 * len(serials):
        return
    for before, after in pairwise(serials):
        if after - before < 2:
            continue
        prev, act = by_serial[before], by_serial[after]
        if prev.path == act.path:
            continue  # acts of one file between them may be there, not read as acts (a procès-verbal in prose)
        missing = after - before - 1
        what = f"le numéro {before + 1} manque" if missing == 1 else f"les numéros {before + 1} à {after - 1} manquent"
        yield SeanceFinding(
            act.place,
            f"{what} dans la série de la séance, entre {prev.number} et {act.number} : acte retiré de l'ordre du jour, ou fichier non vérifié avec les autres ?",
            "gap",
            ((prev.place, prev.label),),
        )


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _file(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
